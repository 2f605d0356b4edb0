"""The "Bảng so sánh" a drafting agency attaches to a draft (`kb diff --docx OUT`), with python-docx.

A4 landscape, Times New Roman 13; a title naming both texts; a three-column table "Quy định hiện hành" |
"Dự thảo" | "Nội dung thay đổi" with one row per article in the draft's order (removed articles keep a
row where they stood); added words bold and underlined, deleted words struck through; then the main
changes (deadlines, bodies, legal bases ...).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from kb.diff.ops import Op
from kb.diff.result import DiffResult
from kb.diff.view import STATUS_VI, address, fact_line, hidden, level_name, marked, rows
from kb.model import STATUSES

FONT = "Times New Roman"
SIZE = Pt(13)
HEADERS = ("Quy định hiện hành", "Dự thảo", "Nội dung thay đổi")
WIDTHS = (Mm(105), Mm(105), Mm(47))


def _setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _paragraph(
    doc_or_cell: DocxDocument | _Cell, text: str = "", bold: bool = False, center: bool = False
) -> None:
    p = doc_or_cell.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _fill(cell: _Cell, ops: list[Op], side: str, hide: frozenset[int]) -> None:
    """One side's text into a cell: a paragraph per line, marks as run formatting."""
    cell.paragraphs[0].text = ""
    para = cell.paragraphs[0]
    for op in ops:
        text = op.old if side == "old" else op.new
        for k, piece in enumerate(text.split("\n")):
            if k:
                para = cell.add_paragraph()
            if not piece:
                continue
            run = para.add_run(piece)
            if marked(op, hide) and piece.strip():
                if op.op == "insert":
                    run.bold = True
                    run.underline = True
                else:
                    run.font.strike = True


def to_docx(result: DiffResult, hide_subs: bool = False) -> DocxDocument:
    hide = hidden(result, hide_subs)
    doc = new_docx()
    _setup(doc)
    _paragraph(doc, "BẢNG SO SÁNH", bold=True, center=True)
    _paragraph(doc, f"giữa {result.old.label}", center=True)
    _paragraph(doc, f"và {result.new.label}", center=True)
    counts = result.summary()
    _paragraph(
        doc,
        f"Tổng hợp ({level_name(result)}): "
        + "; ".join(f"{STATUS_VI[s].lower()}: {counts[s]}" for s in STATUSES if counts[s]),
    )
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title, width in zip(table.rows[0].cells, HEADERS, WIDTHS):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.width = width
    for row in rows(result, chapters=True):
        cells = table.add_row().cells
        for cell, width in zip(cells, WIDTHS):
            cell.width = width
        ops = list(row.ops)
        if row.pair.old_node is not None:
            _fill(cells[0], ops, "old", hide)
        if row.pair.new_node is not None:
            _fill(cells[1], ops, "new", hide)
        cells[2].text = row.note
        if row.pair.level == "chuong":
            for run in (r for c in cells for p in c.paragraphs for r in p.runs):
                run.bold = True
    if result.facts:
        _paragraph(doc, "Những thay đổi chính", bold=True)
        for f in result.facts:
            where = " → ".join(address(x) for x in (f.old_eid, f.new_eid) if x)
            _paragraph(doc, f"- {fact_line(f)}" + (f" ({where})" if where else ""))
    return doc


def write_docx(result: DiffResult, out: str | Path, hide_subs: bool = False) -> Path:
    path = Path(out)
    to_docx(result, hide_subs).save(str(path))
    return path
