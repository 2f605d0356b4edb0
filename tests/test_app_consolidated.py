"""Văn bản hợp nhất on the Văn bản page, on a KB holding Luật 80/2015/QH13 and the law amending it,
Luật 63/2020/QH14 (../shared/laws; skipped when absent). Expected words read from the two laws: khoản 3
Điều 4 gains "nghị quyết liên tịch giữa Ủy ban thường vụ Quốc hội, Chính phủ, Đoàn Chủ tịch ..." from
điểm a khoản 1 Điều 1 of the 2020 law, in force from 01/01/2021."""

from __future__ import annotations

import shutil
from pathlib import Path

import app_kb
import pytest
from streamlit.testing.v1 import AppTest

from kb.amend.stored import in_force, is_amended, versions
from kb.pipeline import build
from kb.store.db import list_documents, open_db

LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "laws"
FILES = ("Luật-80-2015-QH13.docx", "Luật-63-2020-QH14.docx")
pytestmark = pytest.mark.skipif(not all((LAWS / f).is_file() for f in FILES), reason="../shared/laws is absent")
ADDED = "nghị quyết liên tịch giữa Ủy ban thường vụ Quốc hội, Chính phủ, Đoàn Chủ tịch Ủy ban trung ương Mặt trận"
FOOTNOTE = ("Khoản này được sửa đổi, bổ sung theo quy định tại điểm a khoản 1 Điều 1 của Luật số 63/2020/QH14, "
            "có hiệu lực kể từ ngày 01 tháng 01 năm 2021.")


@pytest.fixture(scope="module")
def laws_kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("laws")
    for name in FILES:
        shutil.copy(LAWS / name, folder / name)
    db = folder / "kb.db"
    assert build([folder], db).ok
    base = next(r["doc_id"] for r in list_documents(open_db(db)) if r["number"] == "80/2015/QH13")
    return db, base


def test_the_kb_knows_which_stored_text_is_amended(laws_kb: tuple[Path, str]) -> None:
    db = open_db(laws_kb[0])
    assert (is_amended(db, "80/2015/QH13"), is_amended(db, "63/2020/QH14"), is_amended(db, None)) == (True, False, False)


@pytest.mark.parametrize(("as_of", "has_new_words", "applied"), [("2020-12-31", False, 0), ("2021-01-01", True, 90)])
def test_the_text_in_force_on_a_date(laws_kb: tuple[Path, str], as_of: str, has_new_words: bool, applied: int) -> None:
    result = in_force(str(laws_kb[0]), laws_kb[1], as_of)
    para = next(r for r in result.rows if r["eid"] == "art_4__para_3")
    assert (ADDED in para["text"], result.applied, para["address"]) == (has_new_words, applied, "khoản 3 Điều 4")
    assert para["notes"] == ([FOOTNOTE] if has_new_words else [])
    assert result.amending == ["Luật 63/2020/QH14 (01/01/2021)"]


def test_versions_of_a_stored_provision(laws_kb: tuple[Path, str]) -> None:
    got = versions(str(laws_kb[0]), laws_kb[1], "art_4__para_3")
    assert [(v["since"], v["source"]) for v in got] == [("2016-07-01", "80/2015/QH13"), ("2021-01-01", "63/2020/QH14")]


def test_the_documents_page_shows_the_consolidated_text(laws_kb: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VBKB_DB", str(laws_kb[0]))
    monkeypatch.setenv("VBKB_CORPUS", str(laws_kb[0].parent))
    at: AppTest = app_kb.open_page("documents", doc=laws_kb[1], eid="art_4__para_3")
    assert "Văn bản hợp nhất" in [t.label for t in at.tabs]
    page = "\n".join(h.proto.body for h in at.html)
    assert FOOTNOTE in page and ADDED in page
    history = at.dataframe[-1].value if at.dataframe else None
    assert history is not None and list(history["Từ ngày"]) == ["01/07/2016", "01/01/2021"]
    # The amending law itself is amended by nothing: no such tab.
    other = next(r["doc_id"] for r in list_documents(open_db(laws_kb[0])) if r["number"] == "63/2020/QH14")
    assert "Văn bản hợp nhất" not in [t.label for t in app_kb.open_page("documents", doc=other).tabs]


def test_the_consolidated_text_downloads_as_word_and_html(laws_kb: tuple[Path, str]) -> None:
    import io

    from docx import Document as read_docx

    from kb.amend.stored import exported

    page = exported(str(laws_kb[0]), laws_kb[1], "2021-01-01", "html").decode("utf-8")
    assert FOOTNOTE in page and ADDED in page
    words = "\n".join(p.text for p in read_docx(io.BytesIO(exported(str(laws_kb[0]), laws_kb[1], "2021-01-01",
                                                                      "docx"))).paragraphs)
    assert FOOTNOTE in words and ADDED in words
    before = exported(str(laws_kb[0]), laws_kb[1], "2020-12-31", "html").decode("utf-8")
    assert ADDED not in before and FOOTNOTE not in before


def test_the_download_toggle_gives_two_files(laws_kb: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VBKB_DB", str(laws_kb[0]))
    monkeypatch.setenv("VBKB_CORPUS", str(laws_kb[0].parent))
    at: AppTest = app_kb.open_page("documents", doc=laws_kb[1])
    toggle = next(t for t in at.toggle if t.label.startswith("Tải văn bản hợp nhất"))
    toggle.set_value(True).run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Tải tệp Word (.docx)", "Tải trang HTML"]
