"""Hostile input, issue 14 items 2 and 11: a file's work has a wall-clock budget and runs in a child
that is killed when it runs out, in `kb parse`, `kb build`, `kb duties FILE`, `kb refs FILE` and the
build's workers; a worker killed mid-build costs one retry, then a failed file, never the build; a
query may start with "-"; permission and binary-file failures are one Vietnamese line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile_fake import hostile_parse

from kb import pipeline
from kb.cli import _query_is_text
from kb.cli import main as kb_main
from kb.pipeline import Hooks, build
from kb.workers import OverBudget
from parsers import parse_file

NO_HOOKS = Hooks(references=None, duties=None, actors=None)
BUDGET_S = 1


@pytest.fixture
def budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VBKB_FILE_BUDGET_S", str(BUDGET_S))


def _folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, name in enumerate(names, start=1):
        (folder / name).write_text(f"0{i}/2020/QĐ-UBND\nĐiều một.\nĐiều hai.", encoding="utf-8")
    return folder


def test_a_slow_file_is_stopped_at_the_budget_and_the_build_goes_on(tmp_path: Path, budget: None) -> None:
    folder = _folder(tmp_path, "a.txt", "b.txt", "slow.txt")
    report = build([folder], tmp_path / "kb.db", parse=hostile_parse, hooks=NO_HOOKS)  # slow.txt never ends
    assert report.failed == ((str(folder / "slow.txt"), "quá thời gian xử lý (1 s)"),)
    assert [Path(p).name for p in report.parsed] == ["a.txt", "b.txt"]
    assert "2 parsed" in report.summary() and "1 failed" in report.summary()


def test_two_workers_stop_a_slow_file_and_keep_the_order(tmp_path: Path, budget: None) -> None:
    folder = _folder(tmp_path, "a.txt", "slow.txt", "z.txt")
    report = pipeline.store_build([folder], tmp_path / "kb.db", pipeline.Processor(hostile_parse, NO_HOOKS),
                                  jobs=2)
    assert [Path(p).name for p in report.parsed] == ["a.txt", "z.txt"]
    assert [(Path(p).name, r) for p, r in report.failed] == [("slow.txt", "quá thời gian xử lý (1 s)")]


def test_parse_and_process_stop_at_the_budget(tmp_path: Path) -> None:
    slow = _folder(tmp_path, "slow.txt") / "slow.txt"
    started = time.monotonic()
    with pytest.raises(OverBudget, match=r"^slow\.txt: quá thời gian xử lý \(0\.5 s\)$"):
        pipeline.parse(slow, hostile_parse, budget=0.5)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("argv", [
    ["parse", "{file}"],
    ["parse", "{file}", "--json"],
    ["duties", "--actor", "xã", "{file}"],
    ["refs", "{file}"],
])
def test_the_commands_on_a_file_stop_at_the_budget(
    argv: list[str], tmp_path: Path, budget: None, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    slow = _folder(tmp_path, "slow.txt") / "slow.txt"
    monkeypatch.setattr(pipeline, "parse_file", hostile_parse)  # the reader the commands send to a child
    assert kb_main([a.replace("{file}", str(slow)) for a in argv]) == 2
    assert capsys.readouterr().err == "kb: lỗi: slow.txt: quá thời gian xử lý (1 s)\n"


def test_kb_build_reports_the_slow_file_and_stores_the_others(
    tmp_path: Path, budget: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _folder(tmp_path, "a.txt", "slow.txt")
    monkeypatch.setattr(pipeline, "parse_file", hostile_parse)
    assert kb_main(["build", str(folder), "--db", str(tmp_path / "kb.db")]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("2 tệp: 1 đọc mới, 0 không đổi, 0 đã bỏ khỏi kho, 1 lỗi; 1 văn bản")
    assert err == f"kb: lỗi: {folder / 'slow.txt'}: quá thời gian xử lý (1 s)\n"


def test_a_worker_killed_mid_build_costs_one_retry_then_the_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "a.txt", "die.txt", "once.txt", "z.txt")
    report = build([folder], tmp_path / "kb.db", parse=hostile_parse, hooks=NO_HOOKS)
    assert [Path(p).name for p in report.parsed] == ["a.txt", "once.txt", "z.txt"]  # once.txt: the retry
    assert report.failed == ((str(folder / "die.txt"), "tiến trình xử lý bị dừng đột ngột (đã thử lại một lần)"),)
    assert report.summary().startswith("4 files: 3 parsed, 0 unchanged, 0 removed, 1 failed; 3 documents")


def test_a_file_that_cannot_be_read_is_one_vietnamese_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "a.txt", "locked.txt")
    report = build([folder], tmp_path / "kb.db", parse=hostile_parse, hooks=NO_HOOKS)
    assert report.failed == ((str(folder / "locked.txt"), "không có quyền đọc tệp"),)


def test_a_binary_file_is_one_vietnamese_line_naming_the_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = _folder(tmp_path, "a.txt")
    (folder / "nhi-phan.txt").write_bytes(b"\x00\x01PK binary\x00" * 50)
    report = build([folder], tmp_path / "kb.db", parse=parse_file, hooks=NO_HOOKS)
    assert report.failed == ((str(folder / "nhi-phan.txt"), "tệp nhị phân, không phải văn bản (có byte NUL)"),)
    assert kb_main(["parse", str(folder / "nhi-phan.txt")]) == 2
    # the path as given, once
    assert capsys.readouterr().err == f"kb: lỗi: {folder / 'nhi-phan.txt'}: tệp nhị phân, không phải văn bản (có byte NUL)\n"


@pytest.mark.parametrize(("argv", "expected"), [
    (["search", "-ubnd"], ["search", "--", "-ubnd"]),
    (["search", "-1/2020", "--db", "x.db"], ["search", "--db", "x.db", "--", "-1/2020"]),
    (["search", "--json", "- gạch đầu dòng", "--limit", "5"], ["search", "--json", "--limit", "5", "--", "- gạch đầu dòng"]),
    (["search", "--doc=abc", "--so-tu-phap"], ["search", "--doc=abc", "--", "--so-tu-phap"]),
    (["search", "so tu phap"], ["search", "--", "so tu phap"]),
    (["search", "--", "-x"], ["search", "--", "-x"]),  # already explicit
    (["docs", "--json"], ["docs", "--json"]),  # other commands as typed
])
def test_a_search_query_may_start_with_a_dash(argv: list[str], expected: list[str]) -> None:
    assert _query_is_text(argv) == expected


def test_kb_search_with_a_dash_query_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, "a.txt")
    db = str(tmp_path / "kb.db")
    build([folder], tmp_path / "kb.db", parse=hostile_parse, hooks=NO_HOOKS)
    assert kb_main(["search", "-hai", "--db", db]) == 0
    assert kb_main(["search", "--db", db, "--json", "-Điều"]) == 0
    assert '"query": "-Điều"' in capsys.readouterr().out
