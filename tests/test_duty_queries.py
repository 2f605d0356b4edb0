"""Duties by actor from the knowledge base and from files; the clause × actor matrix and its exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from kb.cli import main
from kb.duties.matrix import build_matrix, export
from kb.duties.queries import as_text, find_duties, find_duties_in_files, rows_from_files, short_address
from kb.errors import KbError
from kb.pipeline import build
from kb.store.db import open_db

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
DRAFT_ID = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("duties-kb")
    (folder / "docs").mkdir()
    (folder / "docs" / DRAFT.name).write_bytes(DRAFT.read_bytes())
    db_path = folder / "kb.db"
    report = build([folder / "docs"], db_path)
    assert report.ok
    return db_path


ADDRESSES = [
    ("art_12__para_1__point_a", "Điều 12.1.a"),
    ("art_3", "Điều 3"),
    ("sec_II__item_2__subitem_2.1", "II.2.1"),
    ("sec_IV__item_1__bullet_2", "IV.1 gạch 2"),
    ("art_5__para_1__subitem_1.2__point_a", "Điều 5.1.2.a"),  # an article's decimal second level
    ("art_3__subitem_3.1", "Điều 3.1"),
]


@pytest.mark.parametrize(("eid", "expected"), ADDRESSES)
def test_short_address(eid: str, expected: str) -> None:
    assert short_address(eid) == expected


# What a xã must do under the 2026 draft (read from the document): (address, role, deadline text).
XA_DUTIES = {
    ("Điều 6.1", "ban_hanh", "trong thời hạn 20 ngày kể từ ngày văn bản được thông qua hoặc ban hành"),
    ("Điều 6.2.b", "ban_hanh", "Hàng năm"),
    ("Điều 6.2.b", "thuc_hien", None),
    ("Điều 10.2.a", "phoi_hop", None),
    ("Điều 10.2.b", "thuc_hien", None),
    ("Điều 11.1", "chi_dao", None),
    ("Điều 12.1.a", "bao_cao", "trước ngày 18 tháng 12"),
    ("Điều 12.2.a", "phoi_hop", None),
    ("Điều 12.3.a", "phoi_hop", None),
    ("Điều 14.1", "thuc_hien", None),
}


@pytest.mark.parametrize("query", ["UBND xã", "uy ban nhan dan cap xa", "UBND cấp xã"])
def test_find_duties_of_a_xa_in_the_kb(kb_path: Path, query: str) -> None:
    result = find_duties(open_db(kb_path), query)
    assert [a["id"] for a in result["actors"]] == ["ubnd_cap_xa"]
    got = {(r["address"], r["role"], r["deadline_text"]) for r in result["duties"]}
    assert got == XA_DUTIES


def test_level_query_reaches_the_office_of_the_xa(kb_path: Path) -> None:
    result = find_duties(open_db(kb_path), "xã")
    got = {(r["actor"], r["address"]) for r in result["duties"]}
    assert ("van_phong_hdnd_ubnd_cap_xa", "Điều 12.3.a") in got
    assert ("hdnd_cap_xa", "Điều 11.1") in got
    assert {a for a, _ in got} == {"ubnd_cap_xa", "van_phong_hdnd_ubnd_cap_xa", "hdnd_cap_xa"}


def test_filters_by_role_and_document(kb_path: Path) -> None:
    db = open_db(kb_path)
    reports = find_duties(db, "so tu phap", role="bao_cao", doc_id=DRAFT_ID)["duties"]
    assert {(r["address"], r["deadline_text"]) for r in reports} == {
        ("Điều 8.2", "hàng năm"), ("Điều 12.1.b", "trước ngày 25 tháng 12"), ("Điều 14.2", "định kỳ")}
    with pytest.raises(KbError, match="unknown role"):
        find_duties(db, "xã", role="boss")
    with pytest.raises(KbError, match="no document"):
        find_duties(db, "xã", doc_id="nope")


def test_files_and_kb_give_the_same_rows(kb_path: Path) -> None:
    from_kb = find_duties(open_db(kb_path), "sở ban ngành")["duties"]
    from_files = find_duties_in_files([DRAFT], "sở ban ngành")["duties"]
    fields = ("doc_id", "eid", "actor", "role", "deadline_text", "recipient", "condition", "action")
    assert [tuple(r[f] for f in fields) for r in from_kb] == [tuple(r[f] for f in fields) for r in from_files]


def test_text_form_groups_by_document_and_role_with_deadlines_first() -> None:
    text = as_text(find_duties_in_files([DRAFT], "UBND xã"))
    lines = text.splitlines()
    assert lines[0] == "Chủ thể: Ủy ban nhân dân cấp xã"
    assert lines[2] == ("== Quy chế — Phối hợp trong công tác tổ chức thi hành văn bản quy phạm pháp luật trên địa "
                        "bàn tỉnh Cao Bằng — Dự thảo")
    thuc_hien = lines.index("  Thực hiện:")
    ban_hanh = lines.index("  Ban hành:")
    bao_cao = lines.index("  Báo cáo:")
    assert thuc_hien < ban_hanh < bao_cao  # roles in a fixed order
    block = lines[ban_hanh + 1: bao_cao]
    dated = [i for i, line in enumerate(block) if "— hạn:" in line]
    undated = [i for i, line in enumerate(block) if line.startswith("    - ") and "hạn:" not in line]
    assert dated and all(d < u for d in dated for u in undated)
    assert "    - Điều 12.1.a — hạn: trước ngày 18 tháng 12; gửi: Sở Tư pháp" in lines


def test_cli_duties_json_csv_and_errors(kb_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duties", "--actor", "xa", "--db", str(kb_path), "--role", "bao_cao", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["actor_query"] == "xa"
    assert "ubnd_cap_xa" in [a["id"] for a in data["actors"]]
    assert [(d["address"], d["deadline_date"]) for d in data["duties"]] == [("Điều 12.1.a", "--12-18")]
    assert main(["duties", "--actor", "Sở Tư pháp", str(DRAFT), "--csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert list(rows[0]) == ["Văn bản", "Điều khoản", "Chủ thể", "Vai trò", "Thời hạn", "Gửi về", "Điều kiện",
                             "Sản phẩm", "Việc phải làm"]
    assert {r["Chủ thể"] for r in rows} == {"Sở Tư pháp"} and len(rows) == 9
    assert {r["Vai trò"] for r in rows} <= {"Chủ trì", "Phối hợp", "Tham mưu", "Thực hiện", "Báo cáo", "Chỉ đạo"}
    assert main(["duties", "--actor", "xã", "--db", str(kb_path.parent / "missing.db")]) == 2
    assert "kb: lỗi:" in capsys.readouterr().err


@pytest.fixture(scope="module")
def matrix_rows() -> list[dict]:
    return rows_from_files([DRAFT])[0]


def test_matrix_cells(matrix_rows: list[dict]) -> None:
    m = build_matrix(matrix_rows)
    header = m.header()
    assert header[:3] == ["Văn bản", "Điều khoản", "Nội dung"]
    assert header[3] == "Các sở, ban, ngành"  # the actor with most duties first
    assert m.header(with_id=True)[-1] == "Mã điều khoản (dùng để đối chiếu)"
    addresses = [r["address"] for r in m.rows]
    assert addresses.index("Điều 6.2.a") < addresses.index("Điều 10.1") < addresses.index("Điều 12.3.a")
    row = next(r for r in m.rows if r["eid"] == "art_12__para_1__point_a")
    assert row["cells"] == {"cac_so_ban_nganh": "Báo cáo (trước ngày 18 tháng 12)",
                            "ubnd_cap_xa": "Báo cáo (trước ngày 18 tháng 12)"}
    row = next(r for r in m.rows if r["eid"] == "art_14__para_2")
    assert row["cells"] == {"so_tu_phap": "Thực hiện; Báo cáo (định kỳ)"}
    assert all(r["eid"] != "art_2__para_1" for r in m.rows)  # no duty, no row


def test_matrix_xlsx(matrix_rows: list[dict], tmp_path: Path) -> None:
    path = export(build_matrix(matrix_rows), tmp_path / "m.xlsx")
    wb = load_workbook(path)
    ws = wb["Ma trận"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Văn bản", "Điều khoản", "Nội dung"]
    assert header[-1] == "Mã điều khoản (dùng để đối chiếu)"  # the only machine column, at the far right
    assert ws.freeze_panes == "D2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
    assert ws["A1"].font.bold and ws["C2"].alignment.wrap_text
    assert ws.column_dimensions["C"].width == 60
    xa_col = header.index("Ủy ban nhân dân cấp xã") + 1
    by_id = {ws.cell(r, ws.max_column).value: r for r in range(2, ws.max_row + 1)}
    row = by_id[f"{DRAFT_ID}#art_12__para_1__point_a"]
    assert ws.cell(row, xa_col).value == "Báo cáo (trước ngày 18 tháng 12)"
    assert ws.cell(row, 2).value == "Điều 12.1.a"
    assert ws.cell(row, 1).value.startswith("Quy chế — Phối hợp trong công tác tổ chức thi hành")
    duties = wb["Nhiệm vụ"]
    assert [c.value for c in duties[1]] == ["Văn bản", "Điều khoản", "Chủ thể", "Vai trò", "Thời hạn", "Gửi về",
                                            "Điều kiện", "Sản phẩm", "Việc phải làm", "Nguồn dự thảo",
                                            "Mã điều khoản (dùng để đối chiếu)"]
    assert duties.max_row == len(matrix_rows) + 1 and duties.freeze_panes == "A2"


def test_matrix_csv_and_docx(matrix_rows: list[dict], tmp_path: Path) -> None:
    m = build_matrix(matrix_rows)
    with export(m, tmp_path / "m.csv").open(encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0] == m.header() and len(table) == len(m.rows) + 1
    doc = DocxDocument(str(export(m, tmp_path / "m.docx")))
    (table_docx,) = doc.tables
    assert [c.text for c in table_docx.rows[0].cells] == m.header()
    assert len(table_docx.rows) == len(m.rows) + 1
    with pytest.raises(KbError, match="hãy dùng tệp .xlsx"):
        export(m, tmp_path / "m.pdf")


def test_cli_matrix(kb_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "matrix.xlsx"
    assert main(["matrix", "--db", str(kb_path), "--doc", DRAFT_ID, "--out", str(out)]) == 0
    assert load_workbook(out)["Ma trận"].max_row > 10
    assert main(["matrix", "--db", str(kb_path), "--doc", "nope", "--out", str(out)]) == 2
    assert "không có văn bản «nope» trong kho" in capsys.readouterr().err
