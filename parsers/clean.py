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


def _strip_markdown(text: str) -> tuple[str, bool, bool, bool]:
    """(text without Markdown, ends bold or a heading?, starts bold?, only the Điều label bold?)."""
    heading = bool(P.MD_HEADING.match(text))
    if heading:
        text = P.MD_HEADING.sub("", text)
    stripped = text.strip()
    bold = heading or stripped.endswith("**")
    bold_start = heading or stripped.startswith("**")
    label_bold = bool(re.match(r"^\*\*\s*Điều\s+\d+\w?\s*[.:]\s*\*\*\s*\S", stripped))
    text = P.MD_ESCAPE.sub(r"\1", text)
    text = P.MD_EMPHASIS.sub("", text)
    return _MULTI_SPACE.sub(" ", text).strip(), bold, bold_start, label_bold


def markdown_noise(draft: Draft) -> Draft:
    out: list[Line] = []
    gap = False
    for line in draft.lines:
        if P.MD_RULE.match(line.text) and not P.TABLE_PIPE.match(line.text):
            gap = True  # a rule separates like a blank line and carries no words
            continue
        text, bold, bold_start, label_bold = _strip_markdown(line.text)
        if not text or (text == "#"):
            gap = True
            continue
        out.append(replace(line, text=text, gap=line.gap or gap, bold=line.bold or bold,
                           bold_start=line.bold_start or bold_start, label_bold=line.label_bold or label_bold))
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


def _table_rows(lines: tuple[Line, ...], i: int, out: list[Line]) -> int:
    """Consume a run of '|' fragments from lines[i]; append one Line per non-empty row; return next index."""
    row: list[str] = []
    cell: list[str] = []
    first: Line | None = None
    last: Line | None = None
    gap = lines[i].gap

    def flush_row() -> None:
        nonlocal row, first, gap
        texts = [c for c in row if c]
        if texts and first is not None and last is not None:
            out.append(Line(" | ".join(texts), first.start, last.end, first.lineno, gap=gap, table=True,
                            width=last.width))
            gap = False
        row, first = [], None

    prev_pipe = False
    while i < len(lines):
        line = lines[i]
        if P.TABLE_PIPE.match(line.text):
            if cell:
                row.append(" ".join(cell))
                cell = []
            elif prev_pipe:
                flush_row()
            prev_pipe = True
            i += 1
            continue
        if prev_pipe is False and not cell:
            break
        if line.gap and not cell and prev_pipe and i + 1 < len(lines) and not _table_follows(lines, i):
            break  # a blank line after a closing '|' and no more fragments: the table has ended
        if first is None:
            first = line
        last = line
        cell.append(line.text)
        prev_pipe = False
        i += 1
    if cell:
        row.append(" ".join(cell))
    flush_row()
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
_UNIT_STARTS = (P.DIEU, P.CHUONG, P.PHAN, P.MUC, P.SUBITEM, P.KHOAN, P.DIEM, P.SECTION, P.BASIS, P.ANNEX_OF)


def starts_unit(text: str) -> bool:
    """Does this line open a structural unit (or a part of the header) rather than continue a sentence?"""
    if any(p.match(text) for p in _UNIT_STARTS) or any(p.match(text) for p in _STANDALONE):
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


def _continues(prev: Line, nxt: Line, md: bool, wrap: int, after_title: bool = False) -> bool:
    """Is `nxt` the rest of the paragraph `prev` (a line broken by wrapping or a page break)?"""
    if nxt.table or prev.table:
        return False
    text = nxt.text
    bullet_lower = bool(P.BULLET.match(text)) and _starts_lower(text[1:].lstrip())
    if starts_unit(text) and not (bullet_lower and not P.SENTENCE_END.search(prev.text)):
        return False
    if any(p.match(prev.text) for p in _STANDALONE[:3]):
        return False
    if md and not nxt.gap:
        return True  # a Markdown soft line break
    if P.STRONG_END.search(prev.text):
        return False
    if prev.bold and not nxt.bold_start:
        return False  # a heading line never takes the paragraph after it
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


def rejoin(draft: Draft) -> Draft:
    wrap = _wrap_width(draft.lines)
    md = draft.fmt == "md"
    out: list[Line] = []
    for line in draft.lines:
        after_title = len(out) >= 2 and bool(P.DOC_TITLE.match(out[-2].text))
        if out and _continues(out[-1], line, md, wrap, after_title):
            prev = out[-1]
            joined = prev.text + ("" if prev.text.endswith(("-", "/")) and line.text[:1].isalnum()
                                  and not prev.text.endswith(" -") else " ") + line.text
            out[-1] = replace(prev, text=joined, end=line.end, width=line.width, bold=line.bold)
        else:
            out.append(line)
    return replace(draft, lines=tuple(out))


STEPS: tuple[Step, ...] = (nfc, markdown_noise, fragment_tables, page_noise, footnotes, rejoin)


def clean(text: str, fmt: str = "txt") -> Draft:
    draft = Draft(tuple(split_lines(text)), fmt=fmt)
    for step in STEPS:
        draft = step(draft)
    return draft
