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
7. `run_on_points`: lettered points written one after another on one line ("a) ...; b) ...") are cut apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from parsers import patterns as P
from parsers.footnotes import extract as extract_footnotes
from parsers.lines import Draft, Line, Step, ends, ends_sentence

_ODD_SPACES = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_ODD_SPACES}]+")
_SPACE_TABLE = str.maketrans({c: " " for c in _ODD_SPACES})
_INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLES}]")
_MULTI_SPACE = re.compile(r" {2,}")
# Letters that look like Vietnamese ones and come from old encodings (TCVN3/VNI converted): "Ðiều 418",
# "Ðoàn thanh niên" (Icelandic eth U+00D0/U+00F0, African D U+0189) are Đ/đ; one character for one, so
# offsets hold
_LOOKALIKES = "\u00d0\u00f0\u0189"
_LOOKALIKE_TABLE = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})


def _has_any(text: str, chars: str) -> bool:
    """Does `text` hold any of `chars`? One substring search per character is several times faster over a
    whole document than a regex character class, which is tried at every position."""
    return any(c in text for c in chars)


_LINE = re.compile(r"[^\n]*\n?")
_OTHER_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def split_lines(text: str) -> list[Line]:
    """The original text as lines with offsets; blank lines become `gap` flags of the next line."""
    if _has_any(text, _OTHER_BREAK_CHARS):
        return _split_lines_slow(text)
    lines: list[Line] = []
    gap = False
    start = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        width = len(raw.strip())
        if width:
            lines.append(Line(raw, start, start + len(raw), lineno, gap, width=width))
        gap = not width
        start += len(raw) + 1
    return lines


def _split_lines_slow(text: str) -> list[Line]:
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
    whole = draft.source
    if (whole is not None and not _has_any(whole, _ODD_SPACES) and not _has_any(whole, _INVISIBLES)
            and not _has_any(whole, _LOOKALIKES) and (whole.isascii() or unicodedata.is_normalized("NFC", whole))):
        return draft  # already NFC, no tabs or odd spaces: nothing to do line by line
    for line in draft.lines:
        text = line.text
        if not text.isascii():
            if not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)
            text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
            if _has_any(text, _LOOKALIKES):
                text = text.translate(_LOOKALIKE_TABLE)
        elif "\t" in text:
            text = text.replace("\t", " ")
        line.text = text
    return draft


_BOLD = re.compile(r"\*\*")
_DEBRIS = re.compile(r"[*_\s]+")  # what is left of a line that held only emphasis marks
_LABEL_BOLD = re.compile(r"^\s*\*\*\s*Điều\s+\d+\w?\s*[.:]\s*\*\*\s*\S")


def _strip_markdown(text: str) -> tuple[str, bool, bool]:
    """(text without Markdown, a "#" heading?, only the Điều label bold?)."""
    heading = "#" in text and bool(P.MD_HEADING.match(text))
    if heading:
        text = P.MD_HEADING.sub("", text)
    label_bold = "**" in text and bool(_LABEL_BOLD.match(text))
    if "\\" in text:
        text = P.MD_ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = P.MD_EMPHASIS.sub("", text)
    return (_MULTI_SPACE.sub(" ", text) if "  " in text else text).strip(), heading, label_bold


def _bold_edges(raw: str, in_bold: bool) -> tuple[bool, bool, bool]:
    """(opens with bold, ends by closing a bold span, still inside bold after the line)."""
    if "**" not in raw:
        return False, False, in_bold
    stripped = raw.strip()
    opens = stripped.startswith("**") and not in_bold
    closes_at_end = False
    for m in _BOLD.finditer(stripped):
        in_bold = not in_bold
        # "**5. Tăng cường công tác kiểm tra**." ends bold as much as "**... kiểm tra.**" does
        closes_at_end = not in_bold and (m.end() == len(stripped) or not stripped[m.end():].strip(".: "))
    return opens, closes_at_end, in_bold


def markdown_noise(draft: Draft) -> Draft:
    out: list[Line] = []
    gap = False
    in_bold = False
    for line in draft.lines:
        if line.gap:
            in_bold = False  # emphasis never runs across a blank line
        raw = line.text
        # nothing to strip (four substring tests: faster than a regex on the many plain lines)
        if not ("*" in raw or "_" in raw or "#" in raw or "\\" in raw) and raw.lstrip()[:1] not in "-=~":
            text = _MULTI_SPACE.sub(" ", raw).strip() if "  " in raw else raw.strip()
            if not text:
                gap = True
                continue
            if gap:
                line.gap = True
            line.text = text
            line.open_bold = in_bold
            out.append(line)
            gap = False
            continue
        if P.MD_RULE.match(line.text) and not P.TABLE_PIPE.match(line.text):
            gap, in_bold = True, False  # a rule separates like a blank line and carries no words
            continue
        opens, closes, in_bold = _bold_edges(line.text, in_bold)
        text, heading, label_bold = _strip_markdown(line.text)
        if not text or text == "#":
            gap = gap or not (opens or closes)
            continue
        if _DEBRIS.fullmatch(text):
            gap = gap or line.gap  # "* *", "*": emphasis around nothing, no unit and no text of one
            continue
        line.text = text
        line.gap = line.gap or gap
        line.bold = line.bold or closes or heading
        line.bold_start = line.bold_start or opens or heading
        line.heading = line.heading or heading
        line.open_bold = in_bold
        line.label_bold = line.label_bold or label_bold
        out.append(line)
        gap = False
    draft.lines = tuple(out)
    return draft


def fragment_tables(draft: Draft) -> Draft:
    """Rebuild table rows from '|' fragments: a row starts at '|', each cell ends at '|', '|' '|' ends it."""
    lines = draft.lines
    if not any("|" in x.text for x in lines):
        return draft
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "-" in line.text and "|" in line.text and P.MD_TABLE_RULE.match(line.text):
            i += 1
            continue
        if line.text.startswith("|") and line.text.endswith("|") and len(line.text) > 1:
            cells = [c.strip() for c in line.text.strip("|").split("|")]
            out.append(replace(line, text=" | ".join(c for c in cells if c), table=True))
            i += 1
            continue
        if line.text != "|":
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
        if _CELL_LABEL.match(cell[0].text) or _annex_header(cell) or (
                (len(cell) > _BODY_CELL_LINES or sum(len(x.text) for x in cell) > _BODY_CELL_CHARS)
                and not (_numbered_row(row) and (_data_cell(cell) or _step_row(row)))):
            _flush_row(row, out, False)
            out.append(replace(cell[0], gap=True))
            out.extend(cell[1:])
        else:
            row.append(cell)
        cell = []

    while i < len(lines):
        line = lines[i]
        if line.text == "|":
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


_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]+|[a-zđ])\s?[.)]?$")
# A procedure table's step ("Bước 1", "Bước 2a", "B1"): its cells are the step, whatever lines they hold.
_STEP_NUMBER = re.compile(r"^(?:Bước|BƯỚC)\s*\d{1,2}[a-z]?\s?[.:)]?$|^B\d{1,2}$")


def _numbered_row(row: list[list[Line]]) -> bool:
    """Does the row open with its number ("1", "II", "2.3", "a", "Bước 1")? Then it is a row of data (a task,
    a scoring table in a Phụ lục, a procedure's step), and a long cell of it ("Hướng dẫn chấm điểm: ...")
    stays in the row; a page's layout table holding a letter's body opens with the issuer or nothing."""
    return bool(row) and len(row[0]) == 1 and bool(_ROW_NUMBER.match(row[0][0].text) or _step_row(row))


def _step_row(row: list[list[Line]]) -> bool:
    """Does the row open with a procedure's step ("Bước 3")? Its content cell may list what the step does as
    numbered lines ("1. Nộp hồ sơ:", "2. Kiểm tra ...", "- Trường hợp ..."): still the step's cell."""
    return bool(row) and len(row[0]) == 1 and bool(_STEP_NUMBER.match(row[0][0].text.strip()))


_ANNEX_TITLE = re.compile(r"^(?:PHỤ\s+LỤC|DANH\s+MỤC)\b")


def _annex_header(cell: list[Line]) -> bool:
    """Is this "cell" the header of a Phụ lục that a converter glued into the signature's table ("KT. CHỦ
    TỊCH ... | PHỤ LỤC I DANH MỤC CÁC CHỈ TIÊU (Kèm theo Quyết định số ...) | TT | Chỉ tiêu | ...")? Its
    title in capitals and the line naming the text it is attached to: a document begins there, not a cell."""
    first = cell[0].text
    return (_ANNEX_TITLE.match(first) is not None and first.isupper()
            and any(P.ANNEX_OF.match(x.text) for x in cell))


def _data_cell(cell: list[Line]) -> bool:
    """A long cell of a numbered row that is still data: notes and dashes ("Cách thức ghi nhận ...",
    "- a = Tổng số ..."), no line opening an article, item, point or "Căn cứ" (the body of the text running
    on after a table the converter did not close)."""
    return not any(starts_unit(x.text) and not P.BULLET.match(x.text) for x in cell)


def _table_follows(lines: tuple[Line, ...], i: int) -> bool:
    """Is there a '|' fragment within the next few lines (the cell goes on after a blank line)? Not past another
    blank line: a line between two blank lines after a closing '|' ("6. Quy trình giải quyết" between the
    tables of items 5 and 6) stands between two tables."""
    for x in lines[i + 1:i + 4]:
        if x.gap:
            return False
        if x.text == "|":
            return True
    return False


def _page_noise_line(line: Line) -> bool:
    text = line.text
    if line.table:
        return False
    if len(text) <= 16 and P.PAGE_NUMBER.match(text):
        return True
    return text[:1] in "hHwW" and " " not in text and bool(P.URL_LINE.match(text))


def page_noise(draft: Draft) -> Draft:
    keep = [line for line in draft.lines
            if not ((len(line.text) <= 16 or line.text[:1] in "hHwW") and _page_noise_line(line))]
    if len(keep) != len(draft.lines):
        draft.lines = tuple(keep)
    return draft


def footnotes(draft: Draft) -> Draft:

    return extract_footnotes(draft)


# --- rejoining -----------------------------------------------------------------------------------------
_STANDALONE = (P.DOC_TITLE, P.ENACTING, P.MOTTO, P.RECIPIENTS, P.CAPACITY, P.NUMBER)
_LABEL_ALONE = re.compile(r"^(?:Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)$")
_UNIT_STARTS = (P.DIEU, P.CHUONG, P.PHAN, P.MUC, P.SUBITEM, P.KHOAN, P.DIEM, P.SECTION, P.BASIS, P.ANNEX_OF)


# What a unit's first line can begin with; a line that does not is a continuation, whatever follows.
_UPPER_WORD = "[A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ]{2,}(?:\\s|:|$)"
UNIT_PREFIX = re.compile(
    r"^(?:[\d\-+•*–—·▪◦●○(\[]|[IVXLC]+\s?[.)/]|[a-zđ]\d?\)|[A-ZĐ]\s?[.)]|"
    r"(?i:điều|chương|mục|phần|căn|n[ơo]i|tm|kt|q\s*\.|tl|tuq|số|luật|pháp|nghị|lệnh|cộng|độc|kèm|ban)\b|"
    + _UPPER_WORD + ")"
)


def _either(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One regex matching where any of `patterns` matches (each keeps its own case rule)."""
    return re.compile("|".join(f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})"
                               for p in patterns))


_ANY_UNIT = _either(_UNIT_STARTS + _STANDALONE + (_LABEL_ALONE,))
_TITLE_LIKE = _either(_STANDALONE[:3])
_HEADING_LABEL = _either((P.DIEU, P.CHUONG, P.MUC, P.PHAN, P.SECTION, P.SUBITEM, _LABEL_ALONE))
_CELL_LABEL = _either((P.DIEU, P.CHUONG, _LABEL_ALONE))  # a "cell" opening an article: the body, not data


def starts_unit(text: str) -> bool:
    """Does this line open a structural unit (or a part of the header) rather than continue a sentence?"""
    if not UNIT_PREFIX.match(text):
        return False
    return bool(_ANY_UNIT.match(text)) or (len(text) > 1 and bool(P.BULLET.match(text)))


def _ends_continuing(text: str) -> bool:
    tail = text.rstrip()
    if tail[-1:] in P.CONTINUING_CHARS:
        return bool(tail)
    return tail.rsplit(None, 1)[-1].lower() in P.CONTINUING_WORDS if tail else False


def _is_upper(text: str) -> bool:
    return len(text) > 1 and text.isupper()


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


_KINH_GUI = re.compile(r"^Kính\s+gửi", re.IGNORECASE)
_LABEL_WORDS = ("Điều", "Chương", "Mục", "Phần", "ĐIỀU", "CHƯƠNG", "MỤC", "PHẦN")
_LOWER_LABEL = re.compile(r"^(?:mục|phần|chương|điều)\s")  # case-sensitive: headings are capitalised
_BARE_LABEL = re.compile(r"(?:^|\s)(?:Điều|Chương|Mục|Phần)$|^(?:ĐIỀU|CHƯƠNG|MỤC|PHẦN)$")


@dataclass(slots=True)
class _Para:
    """A paragraph being rejoined: its first line (where later lines go) and what the checks need."""

    line: Line
    parts: list[str]
    upper: bool  # every line so far in capitals
    length: int
    unit: bool  # its first line opens a unit
    standalone: bool  # a title / enacting / motto line: nothing joins it
    title: bool  # a document title line ("QUYẾT ĐỊNH"): the paragraph after it is the trích yếu
    addressee: bool  # "Kính gửi: ...": only a lower-case line goes on with it

    @property
    def last(self) -> str:
        return self.parts[-1]


def _number_cut_off(prev: _Para, nxt: Line, wrap: int) -> bool:
    """In hard-wrapped text, is the "1." opening `nxt` the end of the sentence before it ("ưu tiên các địa bàn
    cấp độ" / "1. Cấp ngay mì tôm ...")? The line before ran to the wrap width without any stop, and no blank
    line or bold heading separates them: the line broke for width, not because an item begins."""
    line = prev.line
    if nxt.gap or line.bold or line.heading or prev.upper or line.width < 0.9 * wrap:
        return False
    m = P.KHOAN.match(nxt.head or nxt.text)
    if m is None or ends_sentence(prev.last) or prev.last.endswith(")"):
        return False  # "(Kèm theo Công văn số ... của Bộ Tài chính)" closes a header line, whatever its width
    head = line.head or prev.parts[0]
    if _HEADING_LABEL.match(head):
        return False  # "Điều 35. <a title as long as a line>" / "1. ...": a title needs no stop
    before = P.KHOAN.match(head)
    return not (before and int(before.group(1)) + 1 == int(m.group(1)))  # "3. ..." then "4. ...": the next item


_NUMBER_CLOSING = re.compile(r"^\d{1,3}\)")


def _in_parenthesis(text: str) -> bool:
    """Does `text` leave a "(" open ("theo mẫu tại (Mẫu", "Đơn vị tính (cột")?"""
    return text.rfind("(") > text.rfind(")")


_BARE_ROMAN = re.compile(r"^[IVXLC]+\.$")


def _ends_in_word(text: str) -> bool:
    """Does TEXT stop on a lower-case word, mid-sentence (not a title, not a sentence's end)?"""
    tail = text.rstrip()
    return bool(tail) and tail[-1].isalpha() and tail.rsplit(None, 1)[-1].islower()


def _continues(prev: _Para, nxt: Line, nxt_unit: bool, md: bool, wrap: int, after_title: bool,
               wrapped: bool = False) -> bool:
    """Is `nxt` the rest of the paragraph `prev` (a line broken by wrapping or a page break)?"""
    line = prev.line
    if nxt.table or line.table:
        return False
    text, last = nxt.head or nxt.text, prev.last
    if last.endswith(_LABEL_WORDS) and ends(_BARE_LABEL, last):
        return True  # "**Điều" / "1. Phạm vi điều chỉnh**": a label cut from its number
    if nxt_unit and text[:1].islower() and _LOWER_LABEL.match(text) and not ends_sentence(last):
        return True  # "... kèm theo Quyết định này Danh" / "mục 03 thủ tục ...": a label word in lower case
    if text[:1] in "MBmb" and P.FORM_TITLE.match(text) and not _ends_continuing(last):
        return False  # "Mẫu số 03" on a line of its own heads a form: it goes on no paragraph
    if nxt_unit and text[:1].isdigit() and _in_parenthesis(last) and _NUMBER_CLOSING.match(text):
        return True  # "(Mẫu" / "05) ...": the number closes the reference the line before opened, no label
    if nxt_unit and wrapped and _number_cut_off(prev, nxt, wrap):
        return True
    if nxt_unit and _BARE_ROMAN.match(text) and prev.length >= 60 and _ends_in_word(last):
        return True  # "... Trưởng đoàn đại biểu Quốc hội tỉnh khóa" / "XVII.": the numeral ends the sentence
    if nxt_unit and not (text[:1] in _BULLETS and _starts_lower(text[1:].lstrip()) and not ends_sentence(last)):
        return False
    if prev.standalone or (prev.addressee and not _starts_lower(text)):
        return False  # "Kính gửi: Sở Tư pháp." does not take the letter's first paragraph
    if prev.unit and last.endswith(")") and (_is_upper(text) or nxt_unit) and P.ANNEX_OF.match(prev.parts[0]):
        return False  # "(Kèm theo Quyết định số ... của Chủ tịch UBND tỉnh)" / "DANH MỤC ...": the header line is whole
    if line.open_bold and not nxt.gap:
        return True  # inside one bold span: "**ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG**"
    if after_title and prev.upper and not _is_upper(text) and not _starts_lower(text):
        return False  # the trích yếu in capitals ends where "THỦ TƯỚNG CHÍNH PHỦ điện:" / "Ngày 28 tháng 11 ..." begins
    if line.heading and not (nxt.heading and _starts_lower(text)):
        return False
    if line.bold and not nxt.bold_start:
        return False  # a bold title never takes the paragraph after it
    if md and not nxt.gap:
        return True  # a Markdown soft line break in hard-wrapped text
    if ends_sentence(last, strong=True):
        return False
    if _starts_lower(text):
        return True  # even after ";" or ":", a lower-case line goes on with the sentence
    if ends_sentence(last):
        return False
    if prev.upper != _is_upper(text):
        return False
    if _ends_continuing(last):
        return True
    if prev.length >= 80 and not line.bold and not after_title and not prev.upper and not prev.unit:
        return True  # body prose does not stop without punctuation: a page or line break cut it
    return line.width >= 0.8 * wrap


_BULLETS = "-+•*–—·▪◦●○"
_QUOTE_MARKS = "“\""


def _hard_wrapped(lines: tuple[Line, ...]) -> bool:
    """Most lines stop mid-sentence: the text was wrapped at a fixed width, not one paragraph a line."""
    long = [x for x in lines if not x.table and len(x.text) >= 30]
    cut = sum(1 for x in long if not ends_sentence(x.text))
    return len(long) >= 5 and cut >= 0.4 * len(long)


def _glue(before: str, after: str) -> str:
    """How two pieces of a broken line join: a word cut at "-" or "/" ("06-" "CT/TU") joins without a space."""
    return "" if before.endswith(("-", "/")) and after[:1].isalnum() and not before.endswith(" -") else " "


def rejoin(draft: Draft) -> Draft:
    if draft.layout is None:  # measured on physical lines only: a second pass must decide alike
        draft.layout = (_wrap_width(draft.lines), _hard_wrapped(draft.lines))
    wrap, wrapped = draft.layout
    md = draft.fmt == "md" and wrapped
    paras: list[_Para] = []
    for line in draft.lines:
        head = line.head or line.text
        # a quoted unit ("“Điều 6. Tên", "“3. ...") opens a paragraph as the unit itself would: an amending
        # instruction's quoted article keeps its title apart from its body
        unit = starts_unit(head[1:] if head[:1] in _QUOTE_MARKS else head)
        if paras:
            prev = paras[-1]
            after_title = len(paras) >= 2 and paras[-2].title
            if _continues(prev, line, unit, md, wrap, after_title, wrapped):
                prev.parts.append(_glue(prev.last, line.text))
                prev.parts.append(line.text)
                prev.upper = prev.upper and _is_upper(head)
                prev.length += len(line.text) + 1
                first = prev.line
                first.end, first.width, first.bold = line.end, line.width, line.bold
                first.open_bold, first.heading = line.open_bold, first.heading and line.heading
                continue
        standalone = unit and bool(_TITLE_LIKE.match(head))
        title = standalone and bool(P.DOC_TITLE.match(head))
        addressee = head[:1] in "Kk" and bool(_KINH_GUI.match(head))
        paras.append(_Para(line, [line.text], _is_upper(head), len(line.text), unit, standalone, title, addressee))
    for para in paras:
        para.line.head = para.line.head or para.parts[0]
        if len(para.parts) > 1:
            para.line.text = "".join(para.parts)
    draft.lines = tuple(p.line for p in paras)
    return draft


# --- points run together on one line ------------------------------------------------------------------
_POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the letters of lettered points, in order (no f, j, w, z)
_RUN_ON = re.compile(r"(?<=[.;:])\s+(?P<label>[a-zđ])\)\s+(?=\S)")
_OWN_POINT = re.compile(r"^\s*([a-zđ])\)\s")
_QUOTES = "“”\"«»"


def _next_letter(letter: str) -> str | None:
    at = _POINT_LETTERS.find(letter)
    return _POINT_LETTERS[at + 1] if 0 <= at < len(_POINT_LETTERS) - 1 else None


def _run_on_cuts(text: str) -> list[int]:
    """Where the points a line runs together begin ("b) Tài sản ... nhà nước. c) Tài sản ..."; "... một trong
    các cơ sở sau: a) Cơ sở ... b) Cơ sở ..."): each label after a stop, in the letters' order from the line's
    own point (one more is enough) or from "a)" after a colon (two at least, so that the line clearly
    enumerates). A quotation (the new text an amendment quotes) is left as written."""
    own = _OWN_POINT.match(text)
    expected = _next_letter(own.group(1)) if own else "a"
    cuts: list[int] = []
    for m in _RUN_ON.finditer(text):
        label = m.group("label")
        if label != expected or (not cuts and not own and text[m.start() - 1] != ":"):
            continue
        cuts.append(m.start("label"))
        expected = _next_letter(label)
    if not own and len(cuts) < 2:
        return []
    return cuts


def run_on_points(draft: Draft) -> Draft:
    """A line holding several lettered points becomes one line a point, each at its place in the original."""
    source = draft.source
    if source is None:
        return draft
    out: list[Line] = []
    for line in draft.lines:
        text = line.text
        if line.table or line.heading or ") " not in text or _has_any(text, _QUOTES):
            out.append(line)
            continue
        cuts = _run_on_cuts(text)
        pieces: list[tuple[int, int]] = []
        at = line.start
        for cut in cuts:
            # its first words in the original, however the lines broke there
            words = re.compile(r"\s+".join(re.escape(w) for w in text[cut:cut + 40].split()[:3]))
            found = words.search(source, at + 1, line.end)
            if found is None:
                break  # the original differs (markdown between): leave the rest as it is
            pieces.append((cut, found.start()))
            at = found.start()
        if not pieces:
            out.append(line)
            continue
        bounds = [(0, line.start)] + pieces
        last_end = line.end
        for n, (cut, offset) in enumerate(bounds):
            end_cut = bounds[n + 1][0] if n + 1 < len(bounds) else len(text)
            end = bounds[n + 1][1] if n + 1 < len(bounds) else last_end
            piece = text[cut:end_cut].rstrip()
            if n == 0:
                line.text, line.end = piece, end
                out.append(line)
            else:
                lineno = line.lineno + source.count("\n", line.start, offset)
                out.append(Line(piece, offset, end, lineno, head=piece))
    draft.lines = tuple(out)
    return draft


STEPS: tuple[Step, ...] = (nfc, markdown_noise, fragment_tables, page_noise, footnotes, rejoin, run_on_points)


def clean(text: str, fmt: str = "txt") -> Draft:
    if _has_any(text, _ODD_SPACES):  # one character for one: offsets stay those of the text we were given
        text = text.translate(_SPACE_TABLE)
    draft = Draft(tuple(split_lines(text)), fmt=fmt, source=text)
    for step in STEPS:
        draft = step(draft)
    return draft
