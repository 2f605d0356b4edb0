"""The lines a text is cleaned into and the draft the cleaning steps pass along (`parsers.clean`,
`parsers.footnotes`, `parsers.split` and `parsers.metadata` all read them), and the sentence-end test
they share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from parsers import patterns as P
from parsers.model import Footnote


@dataclass(slots=True)
class Line:
    """One line (or, after `rejoin`, one paragraph) of cleaned text and its place in the original.

    Mutable for speed: the steps own the lines of the draft they were handed by `clean`."""

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
    head: str = ""  # after `rejoin`: its first physical line, which decides how it may join what precedes


@dataclass(slots=True)
class Draft:
    lines: tuple[Line, ...]
    fmt: str = "txt"
    footnotes: tuple[Footnote, ...] = ()
    source: str | None = None  # the whole original text, when known: lets a step skip work it cannot do
    layout: tuple[int, bool] | None = None  # (wrap width, hard-wrapped?) measured once on the physical lines


Step = Callable[[Draft], Draft]


def ends(pattern: re.Pattern[str], text: str) -> bool:
    """Does `text` end with what `pattern` (anchored at $) describes? Only the tail is searched: a
    search over a whole paragraph would retry the pattern at every position."""
    return bool(pattern.search(text[-24:]))


def ends_sentence(text: str, strong: bool = False) -> bool:
    """`ends(P.SENTENCE_END)` (or STRONG_END), answered from the last character when it decides: most
    lines end with a letter (no) or with the stop itself (yes); only a closing quote or bracket needs
    the regex."""
    last = text[-1:]
    if last and last in (_STRONG_STOPS if strong else _SENTENCE_STOPS):
        return True
    if last.isalnum():  # a letter or digit is neither a stop nor what may follow one
        return False
    return ends(P.STRONG_END if strong else P.SENTENCE_END, text)


_SENTENCE_STOPS = ".!?;:…"
_STRONG_STOPS = ".!?…"
