"""The Bảng so sánh a drafting team hands in (issue 11), read back with python-docx from small texts written
here by hand: the heading block naming both texts, the four columns and their repeated header row, A4
landscape in Times New Roman 13, the PAGE field in the footer, the Thuyết minh of each kind of change in the
drafters' words with a "Lý do:" line to fill in, unchanged articles condensed but kept, and no internal code
anywhere in the document."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt
from test_no_codes import internal

from kb.diff.align import diff_documents, diff_refs, main_document
from kb.diff.export_docx import BLANK, KEPT, write_docx
from kb.diff.result import DiffResult, Side
from parsers import parse_text

ROOT = Path(__file__).resolve().parent.parent
OLD_FILE = ROOT / "corpus" / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
NEW_FILE = ROOT / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
HEADERS = ["STT", "Quy định hiện hành", "Dự thảo", "Thuyết minh"]

HEAD_OLD = """ỦY BAN NHÂN DÂN TỈNH AN GIANG
Số: 05/2023/QĐ-UBND
An Giang, ngày 10 tháng 3 năm 2023

QUY CHẾ
Tiếp nhận và giải quyết hồ sơ tại bộ phận một cửa

"""
HEAD_DRAFT = """DỰ THẢO
ỦY BAN NHÂN DÂN TỈNH AN GIANG
Số:    /2026/QĐ-UBND
An Giang, ngày    tháng    năm 2026

QUY CHẾ
Tiếp nhận và giải quyết hồ sơ tại bộ phận một cửa

"""
SCOPE = """Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng
1. Quy chế này quy định việc tiếp nhận, giải quyết và trả kết quả hồ sơ thủ tục hành chính tại bộ phận một cửa các cấp trên địa bàn tỉnh.
2. Quy chế này áp dụng đối với các sở, ban, ngành, Ủy ban nhân dân cấp xã và tổ chức, cá nhân có yêu cầu giải quyết thủ tục hành chính.
"""
SCOPE_SPLIT = """Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc tiếp nhận, giải quyết và trả kết quả hồ sơ thủ tục hành chính tại bộ phận một cửa các cấp trên địa bàn tỉnh.
Điều 2. Đối tượng áp dụng
Quy chế này áp dụng đối với các sở, ban, ngành, Ủy ban nhân dân cấp xã và tổ chức, cá nhân có yêu cầu giải quyết thủ tục hành chính.
"""
ONLINE = "3. Hồ sơ nộp trực tuyến trên Cổng dịch vụ công được giải quyết trong thời hạn như hồ sơ nộp trực tiếp.\n"
GRANTS = "2. Các cơ quan được huy động nguồn tài trợ hợp pháp của tổ chức, cá nhân để bổ sung kinh phí thực hiện.\n"
NEW_ARTICLE = """Điều {n}. Hiệu lực thi hành
Quy chế này có hiệu lực kể từ ngày 01 tháng 7 năm 2026 và thay thế các quy định trước đây trái với Quy chế này.
"""


def _deadline(n: int, days: str = "10", third: str = "") -> str:
    return f"""Điều {n}. Thời hạn giải quyết hồ sơ
1. Hồ sơ được giải quyết trong thời hạn {days} ngày làm việc kể từ ngày bộ phận một cửa nhận đủ hồ sơ hợp lệ.
2. Trường hợp hồ sơ chưa đầy đủ, công chức tiếp nhận hướng dẫn người nộp bổ sung hồ sơ một lần bằng văn bản.
{third}"""


def _funds(n: int, second: str = GRANTS) -> str:
    return f"""Điều {n}. Kinh phí thực hiện
1. Kinh phí thực hiện Quy chế này do ngân sách nhà nước bảo đảm theo phân cấp ngân sách hiện hành.
{second}"""


def _duty(n: int) -> str:
    return f"""Điều {n}. Tổ chức thực hiện
Giám đốc Sở Nội vụ có trách nhiệm theo dõi, đôn đốc, kiểm tra việc thực hiện Quy chế này và báo cáo Ủy ban nhân dân tỉnh.
"""


OLD = HEAD_OLD + SCOPE + _deadline(2) + _funds(3) + _duty(4)
KEEP, RENUMBERED = "Giữ nguyên", "Giữ nguyên nội dung; đánh số lại Điều {} thành Điều {}"
SPLIT = "Tách Điều 1 thành Điều 1 và Điều 2"

# (what changed, the draft, the Thuyết minh of each article row in order), written out by hand.
THUYET_MINH = [
    ("sửa đổi một khoản", HEAD_DRAFT + SCOPE + _deadline(2, "07") + _funds(3) + _duty(4),
     [KEEP, "Sửa đổi khoản 1", KEEP, KEEP]),
    ("bổ sung một khoản", HEAD_DRAFT + SCOPE + _deadline(2, third=ONLINE) + _funds(3) + _duty(4),
     [KEEP, "Bổ sung khoản 3", KEEP, KEEP]),
    ("sửa đổi và bổ sung", HEAD_DRAFT + SCOPE + _deadline(2, "07", ONLINE) + _funds(3) + _duty(4),
     [KEEP, "Sửa đổi khoản 1; bổ sung khoản 3", KEEP, KEEP]),
    ("tách một điều", HEAD_DRAFT + SCOPE_SPLIT + _deadline(3) + _funds(4) + _duty(5),
     [SPLIT, SPLIT, RENUMBERED.format(2, 3), RENUMBERED.format(3, 4), RENUMBERED.format(4, 5)]),
    ("bãi bỏ một khoản", HEAD_DRAFT + SCOPE + _deadline(2) + _funds(3, second="") + _duty(4),
     [KEEP, KEEP, "Bãi bỏ khoản 2", KEEP]),
    ("bổ sung một điều", HEAD_DRAFT + SCOPE + _deadline(2) + _funds(3) + _duty(4) + NEW_ARTICLE.format(n=5),
     [KEEP, KEEP, KEEP, KEEP, "Bổ sung mới"]),
]


def _side(text: str, name: str) -> Side:
    parsed = parse_text(text, source=name)
    return Side(main_document(parsed), name, parsed)


def _compare(old: str, new: str) -> DiffResult:
    return diff_documents(_side(old, "cu.txt"), _side(new, "moi.txt"))


def _open(result: DiffResult, tmp_path: Path) -> docx.document.Document:
    return docx.Document(str(write_docx(result, tmp_path / "bang-so-sanh.docx")))


def _main_table(doc: docx.document.Document) -> docx.table.Table:
    return next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == HEADERS)


def _article_rows(doc: docx.document.Document) -> list:
    """The rows with a number in STT: articles (chapter rows have none)."""
    return [r for r in _main_table(doc).rows[1:] if r.cells[0].text]


def _all_text(doc: docx.document.Document) -> str:
    """Every word a reader sees: body paragraphs, every table cell, the header and footer of each section."""
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for s in doc.sections:
        parts += [p.text for p in s.footer.paragraphs] + [p.text for p in s.header.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize(("what", "draft", "expected"), THUYET_MINH, ids=[c[0] for c in THUYET_MINH])
def test_thuyet_minh_says_the_change(tmp_path: Path, what: str, draft: str, expected: list[str]) -> None:
    rows = _article_rows(_open(_compare(OLD, draft), tmp_path))
    assert [r.cells[3].paragraphs[0].text for r in rows] == expected
    assert [r.cells[0].text for r in rows] == [str(k) for k in range(1, len(expected) + 1)]
    for row, note in zip(rows, expected):
        lines = [p.text for p in row.cells[3].paragraphs]
        if note.startswith("Giữ nguyên"):  # nothing to justify; the row is kept, condensed
            assert lines == [note] and row.cells[2].text.endswith(KEPT)
            assert row.cells[1].text.startswith("Điều ") and "\n" not in row.cells[1].text
        else:
            assert lines == [note, "Lý do: ", ""]  # the reason is the drafters' to write


def test_repealed_article_keeps_its_row(tmp_path: Path) -> None:
    draft = HEAD_DRAFT + SCOPE + _deadline(2) + _duty(3)
    rows = _article_rows(_open(_compare(OLD, draft), tmp_path))
    assert [r.cells[3].paragraphs[0].text for r in rows] == [KEEP, KEEP, "Bãi bỏ", RENUMBERED.format(4, 3)]
    gone = rows[2]
    assert gone.cells[1].text.startswith("Điều 3. Kinh phí thực hiện") and gone.cells[2].text == ""
    assert all(r.font.strike for p in gone.cells[1].paragraphs for r in p.runs if r.text.strip())


def test_heading_names_both_texts(tmp_path: Path) -> None:
    doc = _open(_compare(OLD, THUYET_MINH[0][1]), tmp_path)
    agency, motto = (c.text for c in doc.tables[0].rows[0].cells)
    assert agency.split("\n")[0] == "ỦY BAN NHÂN DÂN TỈNH AN GIANG"
    assert motto.split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    lines = [p.text for p in doc.paragraphs if p.text][:4]
    assert lines == [
        "BẢNG SO SÁNH, THUYẾT MINH DỰ THẢO QUY CHẾ",
        "Tiếp nhận và giải quyết hồ sơ tại bộ phận một cửa",
        ("Quy định hiện hành: Quy chế số 05/2023/QĐ-UBND ngày 10/03/2023 tiếp nhận và giải quyết hồ sơ tại bộ "
         "phận một cửa"),
        "Dự thảo: Quy chế tiếp nhận và giải quyết hồ sơ tại bộ phận một cửa (Dự thảo)",
    ]


def test_unknown_drafting_body_is_a_line_to_fill_in(tmp_path: Path) -> None:
    bare = "QUY CHẾ\nTiếp nhận và giải quyết hồ sơ tại bộ phận một cửa\n\n"
    doc = _open(_compare(OLD, bare + SCOPE + _deadline(2, "07") + _funds(3) + _duty(4)), tmp_path)
    assert doc.tables[0].rows[0].cells[0].paragraphs[0].text == BLANK


def test_page_layout_font_and_repeated_header(tmp_path: Path) -> None:
    doc = _open(_compare(OLD, THUYET_MINH[0][1]), tmp_path)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # A4 landscape
    normal = doc.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(13))
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {"Times New Roman"}
    table = _main_table(doc)
    flags = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
    assert flags == [True] + [False] * (len(table.rows) - 1)  # only the header row repeats
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"


def test_footer_has_a_page_field(tmp_path: Path) -> None:
    footer = _open(_compare(OLD, THUYET_MINH[0][1]), tmp_path).sections[0].footer
    codes = [t.text.strip() for p in footer.paragraphs for t in p._p.iter(qn("w:instrText"))]
    kinds = [c.get(qn("w:fldCharType")) for p in footer.paragraphs for c in p._p.iter(qn("w:fldChar"))]
    assert codes[0] == "PAGE" and kinds[:3] == ["begin", "separate", "end"]
    assert footer.paragraphs[0].text.startswith("Trang ")


@pytest.mark.parametrize("which", ["Cao Bằng", *[c[0] for c in THUYET_MINH]])
def test_no_internal_code_in_the_document(tmp_path: Path, which: str) -> None:
    if which == "Cao Bằng":
        result = diff_refs(str(OLD_FILE), str(NEW_FILE))
    else:
        result = _compare(OLD, next(c[1] for c in THUYET_MINH if c[0] == which))
    text = _all_text(_open(result, tmp_path))
    assert "Thuyết minh" in text
    assert internal(text) == []
