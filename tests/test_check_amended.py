"""`kb check` says when a cited provision was amended or repealed after the citing text was issued, and
does not take an amending law's own instructions for citations to check (Luật 80/2015/QH13 and the 2020
law amending it, from ../shared/laws; expected findings written from the amending law's text)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.citations.checks import run_checks
from kb.citations.graph import from_db, from_results
from kb.pipeline import build
from kb.store.db import open_db
from parsers import parse_file

LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "laws"
FILES = ("Luật-80-2015-QH13.docx", "Luật-63-2020-QH14.docx")
pytestmark = pytest.mark.skipif(not all((LAWS / f).is_file() for f in FILES), reason="../shared/laws is absent")
BY = "bởi Luật 63/2020/QH14 từ 01/01/2021"

# (the citing clause, the findings it gets: Điều 12 and Điều 121 are replaced whole, khoản 3 and 8 of
# Điều 4 and điểm b khoản 3 Điều 58 one by one; khoản 2 Điều 14 is untouched, only its khoản 4 is amended;
# khoản 8a of Điều 4 is inserted, which a 2019 text cannot have cited.)
CASES = [
    ("Việc lấy ý kiến thực hiện theo khoản 1 Điều 12 Luật số 80/2015/QH13.",
     f"dẫn khoản 1 Điều 12 Luật 80/2015/QH13, Điều 12 đã được sửa đổi, bổ sung {BY}"),
    ("Việc thẩm định thực hiện theo Điều 121 Luật số 80/2015/QH13.",
     f"dẫn Điều 121 Luật 80/2015/QH13, đã được sửa đổi, bổ sung {BY}"),
    ("Giải thích từ ngữ theo Điều 4 Luật số 80/2015/QH13.",
     (f"dẫn Điều 4 Luật 80/2015/QH13, khoản 3 Điều 4 đã được sửa đổi, bổ sung {BY}; "
      f"khoản 8 Điều 4 đã được sửa đổi, bổ sung {BY}")),
    ("Hồ sơ theo điểm b khoản 3 Điều 58 Luật số 80/2015/QH13.",
     f"dẫn điểm b khoản 3 Điều 58 Luật 80/2015/QH13, đã được sửa đổi, bổ sung {BY}"),
    ("Thời hạn theo khoản 2 Điều 14 Luật số 80/2015/QH13.", None),
]


def _citing(date: str) -> str:
    day, month, year = date.split("/")
    clauses = "\n\n".join(f"{i}. {text}" for i, (text, _) in enumerate(CASES, start=1))
    return (f"ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\n\nSố: 12/{year}/QĐ-UBND\n\nCao Bằng, ngày {day} tháng {month} năm {year}\n\n"
            "QUYẾT ĐỊNH\n\nBan hành Quy chế thử\n\nQUYẾT ĐỊNH:\n\n"
            f"Điều 1. Phạm vi\n\n{clauses}\n\nĐiều 2. Hiệu lực\n\nQuyết định này có hiệu lực kể từ ngày ký.\n")


def _expected() -> list[str]:
    return [f"Khoản {i} Điều 1 {said}" for i, (_, said) in enumerate(CASES, start=1) if said]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("amended")
    for name in FILES:
        shutil.copy(LAWS / name, out / name)
    (out / "qd2019.md").write_text(_citing("10/05/2019"), encoding="utf-8")
    (out / "qd2021.md").write_text(_citing("01/03/2021"), encoding="utf-8")
    return out


def _by_doc(findings: list, view) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in findings:
        number = view.documents[f.doc_id].get("number") or f.doc_id
        out.setdefault(f"{f.kind} {number}", []).append(f.message)
    return out


def _check(view) -> dict[str, list[str]]:
    return _by_doc(run_checks(view), view)


def test_files_a_citation_made_before_the_amendment_is_flagged(folder: Path) -> None:
    view = from_results(parse_file(p) for p in sorted(folder.iterdir()))
    found = _check(view)
    assert found.get("amended 12/2019/QĐ-UBND") == _expected()
    assert "amended 12/2021/QĐ-UBND" not in found  # cited after 01/01/2021: the text in force was cited


def test_the_amending_laws_instructions_are_not_citations_to_check(folder: Path) -> None:
    view = from_results(parse_file(p) for p in sorted(folder.iterdir()))
    found = _check(view)
    assert [k for k in found if k.endswith("63/2020/QH14")] == []


def test_the_kb_gives_the_same_findings(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    assert build([folder], db).ok
    view = from_db(open_db(db))
    found = _check(view)
    assert found.get("amended 12/2019/QĐ-UBND") == _expected()
    assert "amended 12/2021/QĐ-UBND" not in found
    assert [k for k in found if k.endswith("63/2020/QH14")] == []
