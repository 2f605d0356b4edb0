"""The văn bản hợp nhất as a web page (`kb consolidate --html`) and as a Word file (`--docx OUT`).

Both print what `to_markdown` prints, from the same `lines_of`: the base in force with every changed unit
marked by a numbered note, and the notes as the official consolidations word them ("Khoản này được sửa
đổi, bổ sung theo quy định tại ... có hiệu lực kể từ ngày ..."), then the instructions left unapplied.
Document text is escaped in HTML; the Word file is A4 portrait, Times New Roman 14 as official texts are.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from kb.amend.apply import Consolidation
from kb.amend.views import Lines, lines_of

FONT = "Times New Roman"
SIZE = Pt(14)
UNAPPLIED = "Lệnh sửa đổi chưa áp dụng"
NOTES = "Chú thích"
_CSS = (
    "body{font-family:'Times New Roman',serif;font-size:14pt;max-width:50em;margin:2em auto;line-height:1.45}"
    "h1{font-size:16pt;text-align:center}h2,h3,h4,h5,h6{font-size:14pt;margin:1.2em 0 .3em}"
    "p{margin:.3em 0;text-align:justify}sup a{text-decoration:none}.repealed{color:#777;font-style:italic}"
    ".notes{font-size:12pt;border-top:1px solid #999;margin-top:2em;padding-top:.5em}"
)


def _marks_html(notes: tuple[int, ...]) -> str:
    return "".join(f'<sup><a href="#fn-{i}" id="ref-{i}">[{i}]</a></sup>' for i in notes)


def to_html(result: Consolidation) -> str:
    text = lines_of(result)
    out = ['<!DOCTYPE html>', '<html lang="vi"><head><meta charset="utf-8">',
           f"<title>{escape(text.title)}</title><style>{_CSS}</style></head><body>", f"<h1>{escape(text.title)}</h1>"]
    for line in text.lines:
        cls = ' class="repealed"' if line.body == "(được bãi bỏ)" else ""
        if line.heading:
            level = min(2 + line.depth, 6)
            out.append(f"<h{level}>{escape(line.label)}{_marks_html(line.notes)}</h{level}>")
            if line.body:
                out.append(f"<p{cls}>{escape(line.body)}</p>")
        else:
            indent = f' style="margin-left:{1.5 * max(0, line.depth - 1):g}em"' if line.depth > 1 else ""
            out.append(f"<p{indent}{cls}>{escape(line.label)} {escape(line.body)}{_marks_html(line.notes)}</p>")
    if text.notes:
        out.append(f'<section class="notes"><h2>{NOTES}</h2><ol>')
        out += [f'<li id="fn-{i}">{escape(n)} <a href="#ref-{i}">↩</a></li>' for i, n in enumerate(text.notes, 1)]
        out.append("</ol></section>")
    if text.problems:
        out.append(f"<h2>{UNAPPLIED}</h2><ul>" + "".join(f"<li>{escape(p)}</li>" for p in text.problems) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def to_docx(result: Consolidation, path: str | Path) -> Path:
    text = lines_of(result)
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(30), Mm(20), Mm(20), Mm(20)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, SIZE
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(text.title).bold = True
    _write_lines(doc, text)
    if text.notes:
        doc.add_paragraph().add_run(NOTES).bold = True
        for i, note in enumerate(text.notes, start=1):
            p = doc.add_paragraph()
            p.add_run(f"[{i}]").font.superscript = True
            p.add_run(f" {note}").font.size = Pt(12)
    if text.problems:
        doc.add_paragraph().add_run(UNAPPLIED).bold = True
        for problem in text.problems:
            doc.add_paragraph(f"- {problem}")
    out = Path(path)
    doc.save(str(out))
    return out


def _write_lines(doc: object, text: Lines) -> None:
    for line in text.lines:
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        if line.heading:
            p.add_run(line.label).bold = True
        else:
            p.paragraph_format.left_indent = Mm(7 * max(0, line.depth - 1))
            run = p.add_run(f"{line.label} {line.body}".rstrip())
            run.italic = line.body == "(được bãi bỏ)"
        for i in line.notes:
            p.add_run(f"[{i}]").font.superscript = True
        if line.heading and line.body:
            body = doc.add_paragraph()  # type: ignore[attr-defined]
            body.add_run(line.body).italic = line.body == "(được bãi bỏ)"
