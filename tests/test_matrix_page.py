"""Ma trận trách nhiệm (issue 11): rows in document order, actor columns under short headers with the full
name on hover, and a transposed view (one row per body) for many bodies."""

from __future__ import annotations

import json
from pathlib import Path

import app_kb
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DRAFT = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"


@pytest.fixture(scope="module")
def at() -> AppTest:
    corpus, db = app_kb.corpus_kb()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VBKB_CORPUS", str(corpus))
        mp.setenv("VBKB_DB", str(db))
        page = AppTest.from_file(APP, default_timeout=120)
        page.run()
        page.switch_page("app_pages/matrix.py")
        page.run()
        page.multiselect[0].set_value([DRAFT]).run()
        assert not page.exception
        yield page


def test_rows_in_document_order_and_short_headers(at: AppTest) -> None:
    table = at.dataframe[0].value
    addresses = list(table["Điều khoản"])
    assert addresses.index("Điều 6.2.a") < addresses.index("Điều 10.1") < addresses.index("Điều 12.3.a")
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["Ủy ban nhân dân cấp xã"]["label"] == "UBND cấp xã"
    assert config["Ủy ban nhân dân cấp xã"]["help"] == "Ủy ban nhân dân cấp xã"  # the full name on hover
    assert config["Điều khoản"]["pinned"] is True


def test_transposed_view(at: AppTest) -> None:
    at.toggle[0].set_value(True).run()
    table = at.dataframe[0].value
    assert table.columns[0] == "Cơ quan, đơn vị"
    xa = table[table["Cơ quan, đơn vị"] == "Ủy ban nhân dân cấp xã"].iloc[0]
    column = next(c for c in table.columns if c.startswith("Điều 12.1.a — "))
    assert xa[column] == "Báo cáo (trước ngày 18 tháng 12)"
    at.toggle[0].set_value(False).run()


def test_xlsx_marks_draft_duties_and_keeps_the_id_far_right(tmp_path: Path) -> None:
    """The Cao Bằng 2026 text is a draft (its number and date are blank): in both sheets of the workbook of
    the whole corpus KB, exactly its duty rows say "Dự thảo" in the column before the id, and the id column,
    named in Vietnamese, is the last one."""
    from openpyxl import load_workbook

    from kb.duties import matrix
    from kb.duties import queries as duty_queries
    from kb.store import db as store
    from kb.store import portal

    db = store.open_db(app_kb.corpus_kb()[1])
    drafts = {d for d, s in portal.statuses(db).items() if s.code == "du_thao"}
    assert DRAFT in drafts
    table = matrix.build_matrix(duty_queries.all_duty_rows(db), None, drafts)
    book = load_workbook(matrix.export(table, tmp_path / "m.xlsx"))
    for sheet in ("Ma trận", "Nhiệm vụ"):
        rows = list(book[sheet].iter_rows(values_only=True))
        assert rows[0][-2:] == ("Nguồn dự thảo", "Mã điều khoản (dùng để đối chiếu)")
        marked = {str(r[-1]).split("#")[0] for r in rows[1:] if r[-2] == "Dự thảo"}
        unmarked = {str(r[-1]).split("#")[0] for r in rows[1:] if r[-2] != "Dự thảo"}
        assert DRAFT in marked and not marked & unmarked and unmarked  # the other documents are not drafts
        assert marked <= drafts
