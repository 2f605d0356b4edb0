"""`kb diff` outputs: the JSON shape, the HTML page (escaped, self-contained), the Bảng so sánh .docx
(A4 landscape, Times New Roman 13, three columns, marks as run formatting), Markdown, the CLI and
`kb versions`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from eval.diff_synthetic import build, spec
from kb import cli
from kb.diff.align import diff_documents, load_side
from kb.diff.export_docx import HEADERS, write_docx
from kb.diff.export_html import to_html
from kb.diff.export_md import to_markdown
from kb.diff.result import DiffResult
from kb.model import STATUSES

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "corpus" / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
NEW = ROOT / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"

HOSTILE = [
    spec(
        "Phạm vi <script>alert('x')</script>",
        'Quy chế này quy định <iframe src="http://evil"></iframe> việc phối hợp & báo cáo.',
    ),
    spec(
        "Trách nhiệm",
        "Sở Tư pháp chủ trì <b onmouseover=alert(1)>tổng hợp</b> báo cáo trước ngày 05 tháng 12.",
    ),
    spec("Kinh phí", "Kinh phí do ngân sách nhà nước bảo đảm."),
]


@cache
def cao_bang() -> DiffResult:
    return diff_documents(load_side(str(OLD)), load_side(str(NEW)))


def hostile() -> DiffResult:
    new = [
        spec(
            HOSTILE[0].heading, HOSTILE[0].clauses[0][0].replace("phối hợp", "phối hợp <script>x()</script>")
        ),
        spec(
            "Trách nhiệm",
            "Sở Tư pháp chủ trì <b onmouseover=alert(1)>tổng hợp</b> báo cáo trước ngày 18 tháng 12.",
        ),
        spec("Thi hành", "Quy chế có hiệu lực <img src=x onerror=alert(1)> từ ngày ký."),
    ]
    return diff_documents(build(HOSTILE), build(new))


def test_json_shape() -> None:
    data = json.loads(json.dumps(cao_bang().to_dict(), ensure_ascii=False))
    assert set(data) >= {"old", "new", "summary", "pairs", "facts"}
    assert data["old"]["doc_type"] == "Quy chế" and data["new"]["doc_type"] == "Quy chế"
    assert set(data["summary"]) == set(STATUSES)
    assert sum(data["summary"].values()) == len([p for p in data["pairs"] if p["level"] == "dieu"])
    for pair in data["pairs"]:
        assert pair["level"] in ("chuong", "dieu", "khoan", "diem")
        assert pair["status"] in STATUSES
        assert 0.0 <= pair["similarity"] <= 1.0
        assert (pair["old"] is None) == (pair["status"] == "added")
        assert (pair["new"] is None) == (pair["status"] == "removed")
        for op in pair["ops"]:
            assert op["op"] in ("equal", "delete", "insert") and isinstance(op["text"], str)
    for fact in data["facts"]:
        assert set(fact) >= {"type", "old", "new", "old_eid", "new_eid"}
    split = [p for p in data["pairs"] if p["status"] == "split" and p["level"] == "dieu"]
    assert [(p["old"], p["new"]) for p in split] == [("art_1", "art_1"), ("art_1", "art_2")]


def test_html_escapes_document_text() -> None:
    page = to_html(hostile())
    lowered = page.lower()
    for raw in ("<script", "<iframe", "<img", "<b onmouseover"):
        assert raw not in lowered
    assert "&lt;script&gt;" in page and "&lt;iframe" in page
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script | //iframe | //img | //*[@onmouseover] | //*[@onerror]")
    assert tree.xpath("//del[contains(., '05')]") and tree.xpath("//ins[contains(., '18')]")


def test_html_is_self_contained_with_summary_and_fact_links() -> None:
    page = to_html(cao_bang())
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//link | //script | //*[@src]")
    assert tree.xpath("//table[contains(@class, 'summary')]")
    anchors = set(tree.xpath("//@id"))
    targets = [h[1:] for h in tree.xpath("//li[starts-with(@id, 'fact-')]//a/@href")]
    assert "new-art_12__para_1__point_a" in targets and "old-art_11__para_1__point_a" in targets
    assert set(targets) <= anchors
    headers = [th.text_content() for th in tree.xpath("//table[contains(@class, 'diff')]//th")]
    assert headers == ["Quy định hiện hành", "Dự thảo", "Nội dung thay đổi"]


def _runs(cell) -> list:
    return [r for p in cell.paragraphs for r in p.runs]


def _main_table(doc):
    return next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == list(HEADERS))


def test_docx_bang_so_sanh(tmp_path: Path) -> None:
    result = cao_bang()
    path = write_docx(result, tmp_path / "bang-so-sanh.docx")
    doc = docx.Document(str(path))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.styles["Normal"].font.size == Pt(13)
    # the heading block: the agency drafting | Quốc hiệu, tiêu ngữ; then the title naming both texts
    agency, motto = (c.text for c in doc.tables[0].rows[0].cells)
    assert agency.startswith("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG")
    assert motto.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    title = [p.text for p in doc.paragraphs if p.text][:4]
    assert title[0] == "BẢNG SO SÁNH, THUYẾT MINH DỰ THẢO QUY CHẾ"
    assert title[1] == "Phối hợp trong công tác tổ chức thi hành văn bản quy phạm pháp luật trên địa bàn tỉnh Cao Bằng"
    assert title[2].startswith("Quy định hiện hành: Quy chế phối hợp") and "03/2022/QĐ-UBND ngày 13/01/2022" in title[2]
    assert title[3].startswith("Dự thảo: Quy chế phối hợp") and title[3].endswith("(Dự thảo)")
    assert ("Quy định hiện hành có 13 điều, dự thảo có 14 điều: sửa đổi, bổ sung 8; chuyển vị trí 1; tách 1; "
            "bổ sung mới 3; bãi bỏ 3.") in [p.text for p in doc.paragraphs]  # articles, not pairs
    table = _main_table(doc)
    assert [c.text for c in table.rows[0].cells] == ["STT", "Quy định hiện hành", "Dự thảo", "Thuyết minh"]
    chapters = [p for p in result.pairs if p.level == "chuong"]
    assert len(chapters) == 3
    assert len(table.rows) == 1 + len(result.top()) + len(chapters)
    numbers = [row.cells[0].text for row in table.rows[1:] if row.cells[0].text]
    assert numbers == [str(k) for k in range(1, len(result.top()) + 1)]
    firsts = [row.cells[2].text.split("\n")[0] for row in table.rows[1:]]
    # each chapter of the draft heads its first article
    assert firsts[firsts.index("Chương II NỘI DUNG PHỐI HỢP CỤ THỂ") + 1] == (
        "Điều 6. Xây dựng kế hoạch triển khai thi hành văn bản quy phạm pháp luậtt pháp luật; xây dựng kế "
        "hoạch theo dõi việc thi hành văn bản quy phạm pháp luật"
    )
    by_heading = {row.cells[2].text.split("\n")[0]: row for row in table.rows[1:]}
    report = by_heading["Điều 12. Chế độ báo cáo"]
    inserted = [r.text for r in _runs(report.cells[2]) if r.bold and r.underline]
    deleted = [r.text for r in _runs(report.cells[1]) if r.font.strike]
    assert any("18" in t for t in inserted) and any("05" in t for t in deleted)
    assert not any(r.bold for r in _runs(report.cells[1]))
    assert report.cells[3].text.startswith("Sửa đổi khoản 1, 2, 3; đánh số lại Điều 11 thành Điều 12")
    assert [p.text for p in report.cells[3].paragraphs][1:] == ["Lý do: ", ""]  # to fill in
    assert by_heading["Điều 1. Phạm vi điều chỉnh"].cells[3].text.startswith("Tách Điều 1 thành Điều 1 và Điều 2")
    removed = [
        row for row in table.rows[1:] if row.cells[1].text.startswith("Điều 7.") and not row.cells[2].text
    ]
    assert len(removed) == 1 and all(r.font.strike for r in _runs(removed[0].cells[1]) if r.text.strip())
    assert removed[0].cells[3].text.startswith("Bãi bỏ")


# The summary table: (row, a line it must hold).
SUMMARY = [
    ("Thời hạn", "- trước ngày 05 tháng 12 → trước ngày 18 tháng 12 (điểm a khoản 1 Điều 12 dự thảo)"),
    ("Thời hạn", "- Bổ sung thời hạn: trong thời hạn 20 ngày (khoản 1 Điều 6 dự thảo)"),
    ("Chủ thể", "- Ủy ban nhân dân cấp huyện → Ủy ban nhân dân cấp xã (4 lần) (khoản 2 Điều 2 dự thảo)"),
    ("Căn cứ pháp lý, văn bản dẫn chiếu",
     "- Thông tư số 04/2021/TT-BTP → Nghị định số 80/2025/NĐ-CP (điểm d khoản 1 Điều 12 dự thảo)"),
    ("Nghĩa vụ chuyển giao", "- Ủy ban nhân dân cấp huyện → Ủy ban nhân dân cấp xã (báo cáo): tổng hợp, xây dựng báo"),
]


@pytest.mark.parametrize(("what", "line"), SUMMARY)
def test_docx_summary_table(tmp_path: Path, what: str, line: str) -> None:
    doc = docx.Document(str(write_docx(cao_bang(), tmp_path / "b.docx")))
    summary = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nội dung")
    assert [c.text for c in summary.rows[0].cells] == ["Nội dung", "Những thay đổi chính"]
    rows = {row.cells[0].text: [p.text for p in row.cells[1].paragraphs] for row in summary.rows[1:]}
    assert list(rows) == list(dict.fromkeys(w for w, _ in SUMMARY))
    assert any(x.startswith(line) for x in rows[what]), rows[what]
    assert len(rows[what]) <= 7  # short: at most six lines and a count of the rest


def test_docx_layout_in_its_xml(tmp_path: Path) -> None:
    """What Word and LibreOffice need: a repeated header row, page numbers, the column grid, the fonts."""
    from docx.oxml.ns import qn

    doc = docx.Document(str(write_docx(cao_bang(), tmp_path / "b.docx")))
    table = _main_table(doc)
    header = table.rows[0]._tr
    assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    grid = [round(int(c.get(qn("w:w"))) / 56.7) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [13, 95, 95, 54]  # mm: STT narrow, the two texts side by side
    footer = doc.sections[0].footer.paragraphs[0]
    codes = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert footer.text.startswith("Trang ") and codes == ["PAGE", "NUMPAGES"]
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs")} == {"Times New Roman"}
    big = [r.font.size for p in doc.paragraphs for r in p.runs if r.text.startswith("BẢNG SO SÁNH")]
    assert big == [Pt(14)]


def test_markdown_marks_and_hidden_substitutions() -> None:
    result = cao_bang()
    shown, hidden = to_markdown(result), to_markdown(result, hide_subs=True)
    assert "~~05~~" in shown and "**18**" in shown
    assert shown.count("~~") > hidden.count("~~")
    assert "~~05~~" in hidden  # a deadline is never a hidden substitution


@pytest.mark.parametrize("flag", ["--json", "--md", None])
def test_cli_diff(flag: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["diff", str(OLD), str(NEW)] + ([flag] if flag else [])
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    if flag == "--json":
        assert json.loads(out)["summary"]["split"] == 2
    else:
        assert "Điều 11" in out and "Điều 12" in out


def test_cli_diff_writes_html_and_docx(tmp_path: Path) -> None:
    assert cli.main(["diff", str(OLD), str(NEW), "--html", str(tmp_path / "d.html")]) == 0
    assert cli.main(["diff", str(OLD), str(NEW), "--docx", str(tmp_path / "d.docx")]) == 0
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert docx.Document(str(tmp_path / "d.docx")).tables


def test_cli_diff_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["diff", str(tmp_path / "missing.txt"), str(NEW), "--db", str(tmp_path / "no.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kb: lỗi:")


def test_versions_and_diff_by_doc_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kb.diff.versions import propose_versions
    from kb.pipeline import build as build_kb
    from kb.store.db import open_db

    db = tmp_path / "kb.db"
    build_kb([ROOT / "corpus"], db)
    pairs = propose_versions(open_db(db))
    old_id = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
    new_id = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
    assert [(v.old, v.new) for v in pairs] == [(old_id, new_id)]
    assert cli.main(["diff", old_id, new_id, "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["doc_id"] == old_id and data["summary"]["split"] == 2


def _view_text(kind: str, tmp_path: Path) -> str:
    result = cao_bang()
    if kind == "markdown":
        return to_markdown(result)
    if kind == "html":
        return lxml.html.fromstring(to_html(result)).text_content()
    out = tmp_path / "bang.docx"
    write_docx(result, out)
    return "\n".join(c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells)


# Thuyết minh in every comparison view: (view, the note on the old Điều 1, "và" before the last unit).
SPLIT_NOTES = [
    ("markdown", "Tách Điều 1 thành Điều 1 và Điều 2"),
    ("html", "Tách Điều 1 thành Điều 1 và Điều 2"),
    ("docx", "Tách Điều 1 thành Điều 1 và Điều 2"),
]


@pytest.mark.parametrize(("kind", "expected"), SPLIT_NOTES)
def test_split_note_names_each_unit(tmp_path: Path, kind: str, expected: str) -> None:
    text = _view_text(kind, tmp_path)
    assert expected in text and "thành Điều 1, 2" not in text
