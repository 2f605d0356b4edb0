"""Cleaning: decoded text → logical paragraphs, each remembering where it sits in the original text.

The text is cut into `Line`s that keep their offsets in the text we were given; every step below maps
a `Draft` (lines + footnotes found so far) to a new one and never touches the original. The steps run
in the order of `STEPS`; each is idempotent (running it twice changes nothing more):

1. `nfc`: Unicode NFC, tabs / no-break spaces / zero-width characters to plain spaces.
2. `markdown_noise`: `#` headings, `**bold**`, `*italic*`, escapes, horizontal rules, while noting which
   lines were bold or headings (a heading never swallows the paragraph after it).
3. `fragment_tables`: tables a converter broke into `|` lines become one line per row, cells joined by
   " | "; Markdown pipe tables lose their rule lines.
4. `page_noise`: page numbers and portal URLs on lines of their own.
5. `footnotes` (`parsers.footnotes`): footnotes printed at page bottoms leave the body; their glued
   markers ("pháp luật1") become "pháp luật[1]".
6. `rejoin`: lines broken by PDF extraction or hard wrapping are joined into paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from parsers import patterns as P
from parsers.model import Footnote


@dataclass(frozen=True)
class Line:
    """One line (or, after `rejoin`, one paragraph) of cleaned text and its place in the original."""

    text: str
    start: int  # offset of its first character in the original text
    end: int  # offset just past its last character
    lineno: int  # 1-based line number of its first line
    gap: bool = False  # a blank line (or more) came before it
    bold: bool = False  # the line ends a bold span or is a Markdown heading: a heading ends here
    bold_start: bool = False  # the line opens with bold
    heading: bool = False  # a Markdown "#" heading: the next line never belongs to it
    open_bold: bool = False  # a bold span goes on to the next line: that line belongs to this paragraph
    label_bold: bool = False  # only an "Điều N." label was bold: what follows is body text, not a title
    table: bool = False  # a table row, cells joined by " | "
    width: int = 0  # length of its last physical line: how full the line was before it wrapped


@dataclass(frozen=True)
class Draft:
    lines: tuple[Line, ...]
    fmt: str = "txt"
    footnotes: tuple[Footnote, ...] = ()


Step = Callable[[Draft], Draft]

_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_MULTI_SPACE = re.compile(r" {2,}")


def split_lines(text: str) -> list[Line]:
    """The original text as lines with offsets; blank lines become `gap` flags of the next line."""
    lines: list[Line] = []
    pos = 0
    gap = False
    for lineno, raw in enumerate(text.splitlines(keepends=True), start=1):
        body = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        if body.strip():
            lines.append(Line(body, pos, pos + len(body), lineno, gap=gap, width=len(body.strip())))
            gap = False
        else:
            gap = True
        pos += len(raw)
    return lines


def nfc(draft: Draft) -> Draft:
    out = []
    for line in draft.lines:
        text = unicodedata.normalize("NFC", line.text)
        text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
        if text != line.text:
            line = replace(line, text=text)
        out.append(line)
    return replace(draft, lines=tuple(out))


_BOLD = re.compile(r"\*\*")


def _strip_markdown(text: str) -> tuple[str, bool, bool]:
    """(text without Markdown, a "#" heading?, only the Điều label bold?)."""
    heading = bool(P.MD_HEADING.match(text))
    if heading:
        text = P.MD_HEADING.sub("", text)
    label_bold = bool(re.match(r"^\s*\*\*\s*Điều\s+\d+\w?\s*[.:]\s*\*\*\s*\S", text))
    text = P.MD_ESCAPE.sub(r"\1", text)
    text = P.MD_EMPHASIS.sub("", text)
    return _MULTI_SPACE.sub(" ", text).strip(), heading, label_bold


def _bold_edges(raw: str, in_bold: bool) -> tuple[bool, bool, bool]:
    """(opens with bold, ends by closing a bold span, still inside bold after the line)."""
    stripped = raw.strip()
    opens = stripped.startswith("**") and not in_bold
    closes_at_end = False
    for m in _BOLD.finditer(stripped):
        in_bold = not in_bold
        closes_at_end = not in_bold and m.end() == len(stripped)
    return opens, closes_at_end, in_bold


def markdown_noise(draft: Draft) -> Draft:
    out: list[Line] = []
    gap = False
    in_bold = False
    for line in draft.lines:
        if line.gap:
            in_bold = False  # emphasis never runs across a blank line
        if P.MD_RULE.match(line.text) and not P.TABLE_PIPE.match(line.text):
            gap, in_bold = True, False  # a rule separates like a blank line and carries no words
            continue
        opens, closes, in_bold = _bold_edges(line.text, in_bold)
        text, heading, label_bold = _strip_markdown(line.text)
        if not text or text == "#":
            gap = gap or not (opens or closes)
            continue
        out.append(replace(line, text=text, gap=line.gap or gap, bold=line.bold or closes or heading,
                           bold_start=line.bold_start or opens or heading, heading=line.heading or heading,
                           open_bold=in_bold,
                           label_bold=line.label_bold or label_bold))
        gap = False
    return replace(draft, lines=tuple(out))


def fragment_tables(draft: Draft) -> Draft:
    """Rebuild table rows from '|' fragments: a row starts at '|', each cell ends at '|', '|' '|' ends it."""
    lines = draft.lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if P.MD_TABLE_RULE.match(line.text):
            i += 1
            continue
        if line.text.startswith("|") and line.text.endswith("|") and len(line.text) > 1:
            cells = [c.strip() for c in line.text.strip("|").split("|")]
            out.append(replace(line, text=" | ".join(c for c in cells if c), table=True))
            i += 1
            continue
        if not P.TABLE_PIPE.match(line.text):
            out.append(line)
            i += 1
            continue
        i = _table_rows(lines, i, out)
    return replace(draft, lines=tuple(out))


# A "cell" this long is a page's layout table holding the document's body, not a table of data.
_BODY_CELL_LINES = 6
_BODY_CELL_CHARS = 400


def _flush_row(row: list[list[Line]], out: list[Line], gap: bool) -> None:
    cells = [c for c in row if c]
    if cells:
        first, last = cells[0][0], cells[-1][-1]
        text = " | ".join(" ".join(x.text for x in c) for c in cells)
        out.append(Line(text, first.start, last.end, first.lineno, gap=gap or first.gap, table=True,
                        width=last.width))
    row.clear()


def _table_rows(lines: tuple[Line, ...], i: int, out: list[Line]) -> int:
    """Consume a run of '|' fragments from lines[i]; append one Line per row; return the next index.

    Cells too long to be data (the body of a letter laid out in a page table) come out as ordinary lines.
    """
    row: list[list[Line]] = []
    cell: list[Line] = []
    prev_pipe = False

    def close_cell() -> None:
        nonlocal cell
        if (len(cell) > _BODY_CELL_LINES or sum(len(x.text) for x in cell) > _BODY_CELL_CHARS
                or P.DIEU.match(cell[0].text) or P.CHUONG.match(cell[0].text) or _LABEL_ALONE.match(cell[0].text)):
            _flush_row(row, out, False)
            out.append(replace(cell[0], gap=True))
            out.extend(cell[1:])
        else:
            row.append(cell)
        cell = []

    while i < len(lines):
        line = lines[i]
        if P.TABLE_PIPE.match(line.text):
            if cell:
                close_cell()
            elif prev_pipe:
                _flush_row(row, out, True)
            prev_pipe = True
            i += 1
            continue
        if not prev_pipe and not cell:
            break
        if line.gap and not cell and prev_pipe and not _table_follows(lines, i):
            break  # a blank line after a closing '|' and no more fragments: the table has ended
        cell.append(line)
        prev_pipe = False
        i += 1
    if cell:
        close_cell()
    _flush_row(row, out, True)
    return i


def _table_follows(lines: tuple[Line, ...], i: int) -> bool:
    """Is there a '|' fragment within the next few lines (the cell goes on after a blank line)?"""
    return any(P.TABLE_PIPE.match(x.text) for x in lines[i:i + 4] if not x.gap or x is lines[i])


def page_noise(draft: Draft) -> Draft:
    keep = [line for line in draft.lines
            if not (P.URL_LINE.match(line.text) or (P.PAGE_NUMBER.match(line.text) and not line.table))]
    return replace(draft, lines=tuple(keep)) if len(keep) != len(draft.lines) else draft


def footnotes(draft: Draft) -> Draft:
    from parsers.footnotes import extract

    return extract(draft)


# --- rejoining -----------------------------------------------------------------------------------------
_STANDALONE = (P.DOC_TITLE, P.ENACTING, P.MOTTO, P.RECIPIENTS, P.CAPACITY, P.NUMBER)
_LABEL_ALONE = re.compile(r"^(?:Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)$")
_UNIT_STARTS = (P.DIEU, P.CHUONG, P.PHAN, P.MUC, P.SUBITEM, P.KHOAN, P.DIEM, P.SECTION, P.BASIS, P.ANNEX_OF)


def starts_unit(text: str) -> bool:
    """Does this line open a structural unit (or a part of the header) rather than continue a sentence?"""
    if any(p.match(text) for p in _UNIT_STARTS) or any(p.match(text) for p in _STANDALONE):
        return True
    if _LABEL_ALONE.match(text):
        return True
    return bool(P.BULLET.match(text) and len(text) > 1)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return True
        if ch not in "\"“‘'([":
            return False
    return False


def _wrap_width(lines: tuple[Line, ...]) -> int:
    """Typical width of a full line: hard-wrapped text has most lines of about the same length."""
    widths = [x.width for x in lines if x.width >= 30 and not x.table]
    if len(widths) < 5:
        return 10_000
    widths.sort()
    return widths[int(len(widths) * 0.75)]


_BARE_LABEL = re.compile(r"(?:^|\s)(?:Điều|Chương|Mục|Phần)$|^(?:ĐIỀU|CHƯƠNG|MỤC|PHẦN)$")


def _continues(prev: Line, nxt: Line, md: bool, wrap: int, after_title: bool = False) -> bool:
    """Is `nxt` the rest of the paragraph `prev` (a line broken by wrapping or a page break)?"""
    if nxt.table or prev.table:
        return False
    text = nxt.text
    if _BARE_LABEL.search(prev.text) and not nxt.table:
        return True  # "**Điều" / "1. Phạm vi điều chỉnh**": a label cut from its number
    bullet_lower = bool(P.BULLET.match(text)) and _starts_lower(text[1:].lstrip())
    if starts_unit(text) and not (bullet_lower and not P.SENTENCE_END.search(prev.text)):
        return False
    if any(p.match(prev.text) for p in _STANDALONE[:3]):
        return False
    if prev.open_bold and not nxt.gap:
        return True  # inside one bold span: "**ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG**"
    if prev.heading and not (nxt.heading and _starts_lower(text)):
        return False
    if prev.bold and not nxt.bold_start:
        return False  # a bold title never takes the paragraph after it
    if md and not nxt.gap:
        return True  # a Markdown soft line break in hard-wrapped text
    if P.STRONG_END.search(prev.text):
        return False
    if _starts_lower(text):
        return True  # even after ";" or ":", a lower-case line goes on with the sentence
    if P.SENTENCE_END.search(prev.text):
        return False
    if _is_upper(prev.text) != _is_upper(text):
        return False
    if P.ENDS_CONTINUING.search(prev.text):
        return True
    if (len(prev.text) >= 80 and not prev.bold and not after_title and not _is_upper(prev.text)
            and not starts_unit(prev.text)):
        return True  # body prose does not stop without punctuation: a page or line break cut it
    return prev.width >= 0.8 * wrap


def _hard_wrapped(lines: tuple[Line, ...]) -> bool:
    """Most lines stop mid-sentence: the text was wrapped at a fixed width, not one paragraph a line."""
    long = [x for x in lines if not x.table and len(x.text) >= 30]
    cut = sum(1 for x in long if not P.SENTENCE_END.search(x.text))
    return len(long) >= 5 and cut >= 0.4 * len(long)


def rejoin(draft: Draft) -> Draft:
    wrap = _wrap_width(draft.lines)
    md = draft.fmt == "md" and _hard_wrapped(draft.lines)
    out: list[Line] = []
    for line in draft.lines:
        after_title = len(out) >= 2 and bool(P.DOC_TITLE.match(out[-2].text))
        if out and _continues(out[-1], line, md, wrap, after_title):
            prev = out[-1]
            joined = prev.text + ("" if prev.text.endswith(("-", "/")) and line.text[:1].isalnum()
                                  and not prev.text.endswith(" -") else " ") + line.text
            out[-1] = replace(prev, text=joined, end=line.end, width=line.width, bold=line.bold,
                              open_bold=line.open_bold, heading=prev.heading and line.heading)
        else:
            out.append(line)
    return replace(draft, lines=tuple(out))


STEPS: tuple[Step, ...] = (nfc, markdown_noise, fragment_tables, page_noise, footnotes, rejoin)


def clean(text: str, fmt: str = "txt") -> Draft:
    draft = Draft(tuple(split_lines(text)), fmt=fmt)
    for step in STEPS:
        draft = step(draft)
    return draft
