"""Footnotes: take them out of the body and separate their markers from the words they are glued to.

Three shapes are recognised:
- Markdown footnotes: `[^3]: text` definitions and `[^3]` references.
- Footnotes a web page printed as plain text: a line "[N] text" (or "[N]" alone, its text on the next
  lines) where N is the next footnote number *and* a marker "[N]" was printed glued to a word earlier
  ("nhiều văn bản[1]", "cơ quan[2]"): a Công điện or Thông báo saved from a portal lists them after its
  signature. Each runs to the next one, or to the line that ends its sentence.
- Footnotes a PDF extraction left at page bottoms, in the middle of the body: a line "N text" where N is
  the next footnote number *and* a marker N was printed glued to a word or number earlier in the body
  ("pháp luật1", "34/2016/NĐ-CP2"). Numbering must run 1, 2, 3 ... so that a line that merely starts with
  a number ("2 cấp trong ...") is not taken for a footnote. A footnote runs over the following lines
  until its text ends a sentence and the next line is not a further footnote.

Markers become "[N]" ("pháp luật[1]") so that words and numbers are whole again and the reference
stays visible.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsers import patterns as P
from parsers.lines import Draft, Line, ends_sentence
from parsers.model import Footnote, Span


def extract(draft: Draft) -> Draft:
    draft = _markdown_footnotes(draft)
    draft = _bracket_footnotes(draft)
    return _page_footnotes(draft)


def _markdown_footnotes(draft: Draft) -> Draft:
    if not any("[^" in line.text for line in draft.lines):  # the cheap test first
        return draft
    notes = list(draft.footnotes)
    body: list[Line] = []
    for line in draft.lines:
        m = P.MD_FOOTNOTE_DEF.match(line.text)
        if m:
            notes.append(Footnote(m.group(1), m.group(2).strip(), Span(line.start, line.end, line.lineno)))
            continue
        body.append(replace(line, text=P.MD_FOOTNOTE_REF.sub(r"[\1]", line.text)) if "[^" in line.text else line)
    return replace(draft, lines=tuple(body), footnotes=tuple(notes))


def _bracket_footnotes(draft: Draft) -> Draft:
    lines = draft.lines
    if not any(x.text.lstrip().startswith("[1]") for x in lines):  # the cheap test first
        return draft
    marked = _bracket_markers(lines)
    notes: list[tuple[int, list[int]]] = []  # (number, line indexes)
    expected, after, i = 1, -1, 0
    while i < len(lines):
        m = None if lines[i].table else P.BRACKET_FOOTNOTE_LINE.match(lines[i].text)
        if not m or int(m.group(1)) != expected or not any(after <= k < i for k in marked.get(expected, ())):
            i += 1
            continue
        after = min(k for k in marked[expected] if after <= k < i)
        members = [i]
        i += 1
        # its text goes on until it ends a sentence (a ";" inside a list of texts does not) or the next
        # footnote starts
        while i < len(lines) and not lines[i].table and not P.BRACKET_FOOTNOTE_LINE.match(lines[i].text) \
                and not ends_sentence(lines[members[-1]].text, strong=True):
            members.append(i)
            i += 1
        notes.append((expected, members))
        expected += 1
    if not notes:
        return draft
    out_notes = list(draft.footnotes)
    for number, members in notes:
        parts = [lines[k] for k in members]
        head = P.BRACKET_FOOTNOTE_LINE.match(parts[0].text)
        text = " ".join([(head.group(2) or "") if head else parts[0].text] + [p.text for p in parts[1:]])
        out_notes.append(Footnote(str(number), re.sub(r"\s+", " ", text).strip(),
                                  Span(parts[0].start, parts[-1].end, parts[0].lineno)))
    dropped = {k for _, members in notes for k in members}
    return replace(draft, lines=tuple(x for k, x in enumerate(lines) if k not in dropped), footnotes=tuple(out_notes))


def _bracket_markers(lines: tuple[Line, ...]) -> dict[int, list[int]]:
    """Glued "[N]" marker number → the indexes of the lines that carry it, in document order."""
    found: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if "[" in line.text:
            for m in P.BRACKET_FOOTNOTE_MARKER.finditer(line.text):
                found.setdefault(int(m.group(1)), []).append(i)
    return found


def _markers(lines: tuple[Line, ...]) -> dict[int, list[tuple[int, int]]]:
    """Glued marker number → [(line index, offset in the line)] in document order."""
    found: dict[int, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        for m in P.FOOTNOTE_MARKER.finditer(line.text):
            if not m.group(1).startswith("0"):
                found.setdefault(int(m.group(1)), []).append((i, m.start(1)))
    return found


def _page_footnotes(draft: Draft) -> Draft:
    lines = draft.lines
    # numbering starts at 1: without a line "1 <text>" there are no page footnotes
    if not any(x.text[:1] == "1" and not x.table and P.FOOTNOTE_LINE.match(x.text) for x in lines):
        return draft
    markers = _markers(lines)
    if 1 not in markers:
        return draft
    notes: list[tuple[int, list[int]]] = []  # (number, line indexes)
    used: dict[int, tuple[int, int]] = {}  # number → marker position
    expected, last_marker = 1, (-1, -1)
    i = 0
    while i < len(lines):
        start = _footnote_start(lines[i], expected, markers, last_marker, i)
        if start is None:
            i += 1
            continue
        used[expected] = start
        last_marker = start
        members = [i]
        i += 1
        while i < len(lines):
            nxt = _footnote_start(lines[i], expected + 1, markers, last_marker, i)
            if nxt is not None:
                notes.append((expected, members))
                expected += 1
                used[expected] = nxt
                last_marker = nxt
                members = [i]
            elif not ends_sentence(lines[members[-1]].text):
                members.append(i)
            else:
                break
            i += 1
        notes.append((expected, members))
        expected += 1
    if not notes:
        return draft
    return _apply(draft, notes, used)


def _footnote_start(line: Line, number: int, markers: dict[int, list[tuple[int, int]]],
                    after: tuple[int, int], index: int) -> tuple[int, int] | None:
    """The marker position this line is footnote `number` of, or None if it is not that footnote."""
    m = None if line.table else P.FOOTNOTE_LINE.match(line.text)
    if not m or int(m.group(1)) != number:
        return None
    for pos in markers.get(number, ()):
        if after < pos and pos[0] < index:
            return pos
    return None


def _apply(draft: Draft, notes: list[tuple[int, list[int]]], used: dict[int, tuple[int, int]]) -> Draft:
    lines = draft.lines
    out_notes = list(draft.footnotes)
    dropped: set[int] = set()
    for number, members in notes:
        parts = [lines[k] for k in members]
        first_text = P.FOOTNOTE_LINE.match(parts[0].text)
        text = " ".join([first_text.group(2).strip() if first_text else parts[0].text] + [p.text for p in parts[1:]])
        out_notes.append(Footnote(str(number), re.sub(r"\s+", " ", text).strip(),
                                  Span(parts[0].start, parts[-1].end, parts[0].lineno)))
        dropped.update(members)
    by_line: dict[int, list[tuple[int, int]]] = {}
    for number, (li, off) in used.items():
        by_line.setdefault(li, []).append((off, number))
    body: list[Line] = []
    gap_pending = False
    for i, line in enumerate(lines):
        if i in dropped:
            gap_pending = gap_pending or line.gap
            continue
        if i in by_line:
            text = line.text
            for off, number in sorted(by_line[i], reverse=True):
                text = text[:off] + f"[{number}]" + text[off + len(str(number)):]
            line = replace(line, text=text)
        if gap_pending:
            line = replace(line, gap=line.gap)
            gap_pending = False
        body.append(line)
    return replace(draft, lines=tuple(body), footnotes=tuple(out_notes))
