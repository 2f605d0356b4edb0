"""The store against hostile or unlucky input: another program's database, links out of the folder,
files over the size cap (issue 14, items 5–7)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from kb_fake import fake_parse

from kb.errors import KbError
from kb.pipeline import Hooks, build
from kb.store.db import document_files

NO_HOOKS = Hooks(references=None, duties=None, actors=None)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Điều 1. Một\nNội dung.", encoding="utf-8")
    return folder


def test_another_programs_database_is_refused_and_kept(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE files (x)")
    conn.execute("CREATE TABLE documents (y)")
    conn.execute("INSERT INTO files VALUES (1)")
    conn.commit()
    conn.close()
    with pytest.raises(KbError, match="không phải cơ sở dữ liệu của vbkb"):
        build([_folder(tmp_path)], other, parse=fake_parse, hooks=NO_HOOKS)
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT x FROM files").fetchall() == [(1,)]


def test_an_empty_sqlite_file_and_an_own_kb_are_built(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    sqlite3.connect(db).close()  # an empty file: nothing to lose
    folder = _folder(tmp_path)
    assert build([folder], db, parse=fake_parse, hooks=NO_HOOKS).documents == 1
    assert build([folder], db, parse=fake_parse, hooks=NO_HOOKS, force=True).documents == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this system")
def test_links_out_of_the_folder_are_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    outside = tmp_path / "secret.txt"
    outside.write_text("Điều 1. Bí mật", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # a link inside the folder is the same file
    skipped: list[str] = []
    assert [p.name for p in document_files([folder], skipped)] == ["a.txt"]
    assert skipped == [f"passwd.txt: liên kết trỏ ra ngoài thư mục {folder}, bỏ qua"]
    report = build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    assert report.documents == 1 and any("passwd.txt" in w for w in report.warnings)


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    big = folder / "big.txt"
    with big.open("wb") as fh:  # sparse: 64 MB on paper, nothing written
        fh.truncate(64 * 1024 * 1024)
    monkeypatch.setenv("VBKB_MAX_FILE_BYTES", str(1024 * 1024))

    real_read = Path.read_bytes

    def never_read(self: Path) -> bytes:
        assert self.name != "big.txt", "the whole file was read"
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", never_read)
    report = build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    assert [(Path(f).name, "vượt giới hạn" in r) for f, r in report.failed] == [("big.txt", True)]
    assert report.documents == 1


def test_an_overlong_query_is_refused_in_vietnamese(tmp_path: Path) -> None:
    from kb.store.db import open_db
    from kb.store.search import MAX_QUERY_CHARS, search

    build([_folder(tmp_path)], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    db = open_db(tmp_path / "kb.db")
    with pytest.raises(KbError, match="Truy vấn quá dài"):
        search(db, "1/" * 5000)
    assert search(db, "x" * MAX_QUERY_CHARS) == []  # at the cap: searched


def test_repeated_query_words_are_one_condition(tmp_path: Path) -> None:
    from kb.store.db import open_db
    from kb.store.search import search

    build([_folder(tmp_path)], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    db = open_db(tmp_path / "kb.db")
    assert [h.eid for h in search(db, "noi dung noi dung noi")] == [h.eid for h in search(db, "noi dung")]


def test_db_pointing_at_a_folder_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kb.cli import main as kb_main

    folder = _folder(tmp_path)
    assert kb_main(["build", str(folder), "--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "là một thư mục" in err


def test_a_very_long_upload_name_becomes_a_short_file_name() -> None:
    from kb.intake import safe_name

    name = safe_name("Quyết định " * 30 + ".docx")
    assert name.endswith(".docx") and len(name.encode()) < 200 and name.startswith("quyet-dinh-quyet-dinh")
