"""The "Bảng so sánh, thuyết minh" a drafting team attaches to a draft (`kb diff --docx OUT`), with python-docx.

In the form drafting teams hand in: A4 landscape, Times New Roman 13 (the title 14); a heading block (the
drafting body, the draft's issuer or a line to fill in, on the left; Quốc hiệu and tiêu ngữ on the right); the
title "BẢNG SO SÁNH, THUYẾT MINH DỰ THẢO <LOẠI>" with the draft's name, then both texts named with number, date
and "(Dự thảo)"; a short summary table of the key changes (thời hạn, chủ thể, căn cứ, nghĩa vụ chuyển giao);
then the comparison table STT | Quy định hiện hành | Dự thảo | Thuyết minh, one row per article in the
draft's order (removed articles keep a row where they stood, each chapter's row before its first article,
an unchanged article condensed to its name), added words bold and underlined, deleted words struck through,
the Thuyết minh (`kb.diff.explain`) saying the change in words ("Sửa đổi khoản 1, 2; bổ sung khoản 3") with
a "Lý do:" line left to fill in. Header rows repeat on every page; page numbers in the footer.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from kb import labels
from kb.diff.explain import explain, explain_chapter
from kb.diff.ops import Op, tokens_of_node
from kb.diff.result import DiffResult, Fact, Pair, Side, bare
from kb.diff.view import (
    STATUS_VI,
    Row,
    address,
    article_counts,
    hidden,
    level_name,
    marked,
    rows,
    sides_count,
)
from kb.model import STATUSES
from kb.validity.status import draft_reason
from parsers.model import Node

FONT = "Times New Roman"
SIZE = Pt(13)
TITLE_SIZE = Pt(14)
HEADERS = ("STT", "Quy định hiện hành", "Dự thảo", "Thuyết minh")
WIDTHS = (Mm(13), Mm(95), Mm(95), Mm(54))  # 257 mm: A4 landscape less 20 mm margins
SUMMARY_HEADERS = ("Nội dung", "Những thay đổi chính")
SUMMARY_WIDTHS = (Mm(50), Mm(207))
REASON = "Lý do: "
BLANK = "……………………………"  # a line the drafting team fills in by hand
KEPT = "(Giữ nguyên nội dung như quy định hiện hành)"
CONDENSED = ("unchanged", "renumbered")  # words unchanged: the row shows the article's name only
# The summary's rows: (what, the fact kinds it gathers).
SUMMARY_ROWS = (
    ("Thời hạn", ("deadline_changed", "deadline_added", "deadline_removed")),
    ("Chủ thể", ("actor_replaced", "actor_added", "actor_removed")),
    ("Căn cứ pháp lý, văn bản dẫn chiếu", ("basis_replaced", "citation_changed")),
    ("Nghĩa vụ chuyển giao", ("duty_transferred",)),
)
_MAX_LINES = 6  # per summary row; the rest counted
_MAX_NAMES = 6  # bodies named in "Thêm: ..." / "Bỏ: ..."


def _setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    style.paragraph_format.space_after = Pt(0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    _page_numbers(section.footer.paragraphs[0])


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in a paragraph: Word and LibreOffice fill it in on each page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        else:
            el = OxmlElement("w:t")
            el.text = "1"
        run._r.append(el)


def _page_numbers(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Trang ")
    _field(paragraph, "PAGE")
    paragraph.add_run("/")
    _field(paragraph, "NUMPAGES")


def _paragraph(where: DocxDocument | _Cell, text: str = "", bold: bool = False, center: bool = False,
               italic: bool = False, size: Pt | None = None, first: bool = False) -> Paragraph:
    p = where.paragraphs[0] if first else where.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size is not None:
            run.font.size = size
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _repeat_header(row: _Row) -> None:
    """The row is the table's header: repeated at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _table(doc: DocxDocument, headers: tuple[str, ...], widths: tuple[Mm, ...]) -> Table:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid: what LibreOffice lays the table out by
    for cell, title, width in zip(table.rows[0].cells, headers, widths):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.width = width
    _repeat_header(table.rows[0])
    return table


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


def _agency(side: Side) -> str:
    """The drafting body (cơ quan chủ trì soạn thảo): the draft's issuer where the text names it, else a line
    left to fill in by hand."""
    return side.doc.issuer.upper() if side.doc.issuer else BLANK


def _lower_first(text: str) -> str:
    """ "Phối hợp trong ..." after "Quy chế" reads "phối hợp trong ..."; an acronym ("UBND ...") is kept."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def text_name(side: Side) -> str:
    """How the heading names a text, telling the two apart at a glance: "Quyết định số 03/2022/QĐ-UBND ngày
    13/01/2022 về ...", "Quy chế phối hợp ... (ban hành kèm theo Quyết định số 03/2022/QĐ-UBND ngày
    13/01/2022)"; a draft ends "(Dự thảo)"."""
    d = side.doc
    title = _lower_first(" ".join((d.title or "").split()))
    day = f" ngày {labels.format_date(d.date)}" if d.date else ""
    if d.parent_number:
        text = f"{d.doc_type or 'Văn bản'} {title} (ban hành kèm theo Quyết định số {d.parent_number}{day})"
    else:
        number = f" số {d.number}" if d.number else ""
        text = f"{d.doc_type or 'Văn bản'}{number}{day} {title}"
    return " ".join(text.split()) + (" (Dự thảo)" if draft_reason(d) else "")


def _named(doc: DocxDocument, what: str, side: Side) -> None:
    """One of the two texts compared, on a line of its own under the title: "Quy định hiện hành: ..."."""
    p = _paragraph(doc, center=True)
    p.add_run(f"{what}: ").bold = True
    p.add_run(text_name(side)).italic = True


def _heading(doc: DocxDocument, result: DiffResult) -> None:
    """Cơ quan chủ trì soạn thảo | Quốc hiệu, tiêu ngữ; then the title and both texts named."""
    new = result.new.doc
    block = doc.add_table(rows=1, cols=2)
    _no_borders(block)
    left, right = block.rows[0].cells
    for column, cell, width in zip(block.columns, (left, right), (Mm(110), Mm(147))):
        column.width = cell.width = width
    _paragraph(left, _agency(result.new), bold=True, center=True, first=True)
    _paragraph(left, "—————", center=True)
    _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True, first=True)
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    _paragraph(right, "—————", center=True)
    _paragraph(doc)
    kind = (new.doc_type or "văn bản").upper()
    _paragraph(doc, f"BẢNG SO SÁNH, THUYẾT MINH DỰ THẢO {kind}", bold=True, center=True, size=TITLE_SIZE)
    if new.title:
        _paragraph(doc, " ".join(new.title.split()), bold=True, center=True, size=TITLE_SIZE)
    _named(doc, "Quy định hiện hành", result.old)
    _named(doc, "Dự thảo", result.new)
    _paragraph(doc)


def _where(f: Fact) -> str:
    """The clause a fact was seen in, naming its text: "(điểm a khoản 1 Điều 12 dự thảo)"."""
    if f.new_eid:
        return f" ({address(f.new_eid)} dự thảo)"
    return f" ({address(f.old_eid)} hiện hành)" if f.old_eid else ""


def _short(text: str | None, width: int = 140) -> str:
    return labels.short_title(text, width) if text else "—"


def _transfer(f: Fact) -> str:
    """ "Ủy ban nhân dân cấp huyện → Ủy ban nhân dân cấp xã (báo cáo): tổng hợp, xây dựng báo cáo ..." from the
    fact's "<bearer> — <Vai trò>: <việc>"."""
    work = (f.new or "").split(" — ", 1)[-1]
    role, _, what = work.partition(": ")
    head = f"{labels.actor_name(f.actor)} → {labels.actor_name(f.to_actor)}"
    if not what:
        return f"{head}: {_short(work, 90)}{_where(f)}"
    return f"{head} ({role.lower()}): {_short(_lower_first(what), 90)}{_where(f)}"


def _fact_line(f: Fact) -> str:
    """One summary line for a fact that is not a list of bodies."""
    count = f" ({f.count} lần)" if f.count > 1 and f.type != "basis_replaced" else ""
    if f.type == "duty_transferred":
        return _transfer(f)
    if f.type == "deadline_added":
        return f"Bổ sung thời hạn: {_lower_first(f.new or '')}{_where(f)}"
    if f.type == "deadline_removed":
        return f"Bỏ thời hạn: {_lower_first(f.old or '')}{_where(f)}"
    return f"{_short(f.old)} → {_short(f.new)}{count}{_where(f)}"


def summary_lines(result: DiffResult, kinds: tuple[str, ...]) -> list[str]:
    """The summary's lines for facts of KINDS, in words: "trước ngày 05 tháng 12 → trước ngày 18 tháng 12
    (điểm a khoản 1 Điều 12)", "Ủy ban nhân dân cấp huyện → Ủy ban nhân dân cấp xã: Báo cáo ..."."""
    lines = []
    added = [f.new for f in result.facts if f.type == "actor_added" and "actor_added" in kinds and f.new]
    removed = [f.old for f in result.facts if f.type == "actor_removed" and "actor_removed" in kinds and f.old]
    for f in result.facts:
        if f.type in kinds and f.type not in ("actor_added", "actor_removed"):
            lines.append(_fact_line(f))
    for what, names in (("Thêm", added), ("Bỏ", removed)):
        names = list(dict.fromkeys(names))
        if names:
            more = f" và {len(names) - _MAX_NAMES} chủ thể khác" if len(names) > _MAX_NAMES else ""
            lines.append(f"{what} {len(names)} chủ thể: " + ", ".join(names[:_MAX_NAMES]) + more)
    return lines


def _summary(doc: DocxDocument, result: DiffResult) -> None:
    counts = article_counts(result)
    n_old, n_new = sides_count(result)
    unit = level_name(result).lower()
    _paragraph(doc, "I. TÓM TẮT NHỮNG THAY ĐỔI CHÍNH", bold=True)
    _paragraph(doc, f"Quy định hiện hành có {n_old} {unit}, dự thảo có {n_new} {unit}: "
               + "; ".join(f"{STATUS_VI[s].lower()} {counts[s]}" for s in STATUSES if counts[s]) + ".")
    table = _table(doc, SUMMARY_HEADERS, SUMMARY_WIDTHS)
    for what, kinds in SUMMARY_ROWS:
        lines = summary_lines(result, kinds)
        if not lines:
            continue
        cells = table.add_row().cells
        for cell, width in zip(cells, SUMMARY_WIDTHS):
            cell.width = width
        cells[0].text = what
        shown = lines[:_MAX_LINES]
        for k, line in enumerate(shown):
            _paragraph(cells[1], f"- {line}", first=k == 0)
        if len(lines) > len(shown):
            _paragraph(cells[1], f"(và {len(lines) - len(shown)} thay đổi khác trong bảng so sánh dưới đây)", italic=True)
    _paragraph(doc)


def _heading_line(node: Node) -> str:
    """An article's number and name alone ("Điều 5. Kinh phí"): what a condensed row shows of it."""
    return "".join(t.text for t in tokens_of_node(bare(node))).strip()


def _condensed(cells: list[_Cell], pair: Pair) -> None:
    """An article whose words did not change: its name on both sides, the draft's side saying it is kept, so
    a long text's table stays short without dropping a row."""
    if pair.old_node is not None:
        cells[1].text = _heading_line(pair.old_node)
    if pair.new_node is not None:
        cells[2].text = _heading_line(pair.new_node)
        _paragraph(cells[2], KEPT, italic=True)


def _article_row(cells: list[_Cell], result: DiffResult, row: Row, hide: frozenset[int]) -> None:
    """One article: each side's words with the changes marked (or condensed when unchanged), the Thuyết
    minh in words and, under a change, "Lý do:" with a line to fill in."""
    pair = row.pair
    if pair.status in CONDENSED:
        _condensed(cells, pair)
    else:
        if pair.old_node is not None:
            _fill(cells[1], list(row.ops), "old", hide)
        if pair.new_node is not None:
            _fill(cells[2], list(row.ops), "new", hide)
    cells[3].text = explain(result, row.index)
    if pair.status not in CONDENSED:
        _paragraph(cells[3], REASON, italic=True)
        _paragraph(cells[3])


def _chapter_row(cells: list[_Cell], row: Row) -> None:
    """A chapter's name on each side, bold, before its first article."""
    ops = list(row.ops)
    if row.pair.old_node is not None:
        _fill(cells[1], ops, "old", frozenset())
    if row.pair.new_node is not None:
        _fill(cells[2], ops, "new", frozenset())
    cells[3].text = explain_chapter(row.pair)
    for run in (r for c in cells for p in c.paragraphs for r in p.runs):
        run.bold = True


def to_docx(result: DiffResult, hide_subs: bool = False) -> DocxDocument:
    hide = hidden(result, hide_subs)
    doc = new_docx()
    _setup(doc)
    _heading(doc, result)
    _summary(doc, result)
    _paragraph(doc, "II. BẢNG SO SÁNH, THUYẾT MINH CHI TIẾT", bold=True)
    table = _table(doc, HEADERS, WIDTHS)
    number = 0
    for row in rows(result, chapters=True):
        cells = table.add_row().cells
        for cell, width in zip(cells, WIDTHS):
            cell.width = width
        if row.pair.level == "chuong":
            _chapter_row(cells, row)
            continue
        number += 1
        cells[0].text = str(number)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _article_row(cells, result, row, hide)
    return doc


def write_docx(result: DiffResult, out: str | Path, hide_subs: bool = False) -> Path:
    path = Path(out)
    to_docx(result, hide_subs).save(str(path))
    return path
