"""The tree builder: cleaned paragraphs → `Document`s with Phần/Chương/Mục/Điều/khoản/điểm trees (or
I./1./1.1/- for plans, or plain paragraphs for prose).

Which unit may hold which is one table, `ALLOWED_PARENTS` (like a grammar): a new unit goes under the
innermost open unit whose kind may hold it, closing the units below; a label that no open unit may hold
is plain text. Every eid comes from `EidGenerator`, which guarantees uniqueness in a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from parsers import patterns as P
from parsers import quotes as Q
from parsers.clean import UNIT_PREFIX, clean
from parsers.errors import ParseError
from parsers.lines import Line
from parsers.metadata import Layout, metadata
from parsers.model import Document, Footnote, Node, ParseResult, Quotation, Span
from parsers.portal import footer_start, page_end, related_cut
from parsers.split import split

ROOT = "root"
ALLOWED_PARENTS: dict[str, tuple[str, ...]] = {
    "phan": (ROOT,),
    "chuong": (ROOT, "phan"),
    "muc": (ROOT, "phan", "chuong"),
    "dieu": (ROOT, "phan", "chuong", "muc"),
    "khoan": ("dieu",),
    "diem": ("khoan", "dieu", "subitem"),
    "section": (ROOT,),
    "item": (ROOT, "section"),
    "subitem": (ROOT, "section", "item", "khoan", "dieu"),
    "bullet": (ROOT, "section", "item", "subitem", "bullet"),
    "paragraph": (ROOT,),
}
# How a unit's eid extends its parent's (Akoma Ntoso names); None: the eid does not nest under the parent.
_EID_PREFIX = {"phan": "part", "chuong": "chp", "muc": "sec", "dieu": "art", "khoan": "para", "diem": "point",
               "section": "sec", "item": "item", "subitem": "subitem", "bullet": "bullet", "paragraph": "para"}
# Articles are numbered through the whole document: their eid ignores chapters ("art_6", not "chp_II__art_6").
_EID_FROM_ROOT = {"phan", "chuong", "dieu", "section", "paragraph"}
_BULLET_LEVEL = {"a)": 0, "-": 1, "–": 1, "—": 1, "•": 1, "·": 1, "+": 2, "*": 2, "▪": 2, "◦": 3, "●": 1, "○": 2}


_EID_UNSAFE = re.compile(r"[^\w.]+")
_ROMAN = re.compile(r"[ivxlcIVXLC]+")


class EidGenerator:
    """Akoma Ntoso style eids, unique within one document.

    `make(kind, num, parent_eid)` builds "<parent>__<prefix>_<num>" (or "<prefix>_<num>" for the kinds that
    are numbered through the whole document). A clash (two "Điều 5" in one text, bullets without
    numbers) gets "_2", "_3" ... appended, so every eid handed out is new.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()
        # Per base, the suffix to try next: every smaller one is taken (`_seen` only grows), so counting
        # on from here hands out what counting up from 2 would, without rescanning — linear in clashes.
        self._next: dict[str, int] = {}

    def make(self, kind: str, num: str | None, parent_eid: str | None) -> str:
        label = _EID_UNSAFE.sub("_", num or "1").strip("_") or "1"
        base = f"{_EID_PREFIX[kind]}_{label}"
        if parent_eid and kind not in _EID_FROM_ROOT:
            base = f"{parent_eid}__{base}"
        eid, n = base, self._next.get(base, 2)
        if eid in self._seen:
            while (eid := f"{base}_{n}") in self._seen:
                n += 1
            self._next[base] = n + 1
        self._seen.add(eid)
        return eid


@dataclass
class _Open:
    """A unit being built: its label, its paragraphs, its children."""

    kind: str
    num: str | None
    eid: str
    first: Line
    heading: str | None = None
    texts: list[str] = field(default_factory=list)
    children: list[_Open] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)  # children per kind, kept so numbering bullets is O(1)
    last: Line | None = None
    level: int = 0  # bullets: 1 for "-", 2 for "+"
    want_heading: bool = False  # a Chương/Điều label alone on its line: the next title line is its heading
    attribute: bool = False  # a bullet that is a task's attribute line, or a task dash that took such lines
    quotes: list[Quotation] = field(default_factory=list)  # blocks its instruction introduces

    def freeze(self) -> Node:
        """The finished node; its span runs to the end of its last descendant (or quoted block)."""
        children = tuple(c.freeze() for c in self.children)
        end = max([(self.last or self.first).end] + [c.span.end for c in children] + [q.span.end for q in self.quotes])
        text = "\n".join(t for t in self.texts if t)
        return Node(self.kind, self.num, self.heading, text, self.eid, Span(self.first.start, end, self.first.lineno),
                    children, tuple(self.quotes))


# --- classifying a paragraph --------------------------------------------------------------------------
def _unit(text: str, family: str) -> tuple[str, str | None, str, str] | None:
    """(kind, num, rest of the line, marker) if the paragraph opens a unit of this family of documents."""
    if not UNIT_PREFIX.match(text):
        return None
    if text[:1] in "-+•*":
        text = P.DASH_BEFORE_POINT.sub("", text)
    if family == "normative":
        if text[:1] in _LABEL_INITIALS:
            label = _label_unit(text)
            if label:
                return label
        m = P.SUBITEM.match(text)
        if m:  # "1.1." inside an article: a unit under its clause, as in a plan ("a)" points under it)
            return "subitem", m.group(1), m.group(2).strip(), ""
        m = P.KHOAN.match(text)
        if m:
            return "khoan", m.group(1), m.group(2).strip(), ""
        m = P.DIEM.match(text)
        if m:
            return "diem", m.group(1), m.group(2).strip(), ""
        return None
    if family == "plan":
        m = P.SECTION.match(text) or P.SECTION_LETTER.match(text)
        if m and (m.group(2).strip() == "" or not m.group(2)[:1].islower()):
            return "section", m.group(1), m.group(2).strip(), ""
        m = P.SUBITEM.match(text)
        if m:
            return "subitem", m.group(1), m.group(2).strip(), ""
        m = P.KHOAN.match(text)
        if m:
            return "item", m.group(1), m.group(2).strip(), ""
        m = P.DIEM.match(text)
        if m:
            return "bullet", m.group(1), m.group(2).strip(), "a)"
        m = P.BULLET.match(text)
        if m and m.group(2):
            return "bullet", None, m.group(2).strip(), m.group(1)
    return None


# A plan task's attribute line: who leads, who co-ordinates, when, what it yields ("Đơn vị chủ trì: ...")
_ATTRIBUTE = re.compile(
    r"^(?:(?:cơ\s+quan|đơn\s+vị|đợn\s+vị|bộ\s+phận)(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị|bộ\s+phận))*\s+"
    r"(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|phụ\s+trách|tham\s+gia)[^:]{0,60}|(?:chủ\s+trì|phối\s+hợp)(?:\s+thực\s+hiện)?|"
    r"thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|sản\s+phẩm(?:\s+(?:đầu\s+ra|dự\s+kiến))?|"
    r"kết\s+quả\s+(?:dự\s+kiến|đầu\s+ra)|nội\s+dung\s+(?:thực\s+hiện|công\s+việc))\s*:",
    re.IGNORECASE,
)

def is_attribute_line(text: str) -> bool:
    """A plan task's attribute line ("- Cơ quan chủ trì: Sở Tư pháp", "+ Thời gian thực hiện: Quý IV/2026")."""
    return bool(_ATTRIBUTE.match(text.lstrip("-+*•– ").strip()))


# Phần / Chương / Mục / Điều, either case: a paragraph starting with another letter skips those patterns
_LABEL_INITIALS = "PpCcMmĐđ"


def _label_unit(text: str) -> tuple[str, str | None, str, str] | None:
    for kind, pattern in (("phan", P.PHAN), ("chuong", P.CHUONG), ("muc", P.MUC)):
        m = pattern.match(text)
        if m:
            return kind, _roman_or_num(m.group(1)), m.group(2).strip(), ""
    m = P.DIEU.match(text)
    if m:
        return "dieu", m.group(1) or m.group(3), (m.group(2) or "").strip(), ""
    return None


def _roman_or_num(num: str) -> str:
    return num.upper() if _ROMAN.fullmatch(num) else num


def _family(lines: list[Line]) -> str:
    if any(x.text[:1] in "Đđ" and P.DIEU.match(x.text) for x in lines):
        return "normative"
    sections = sum(1 for x in lines
                   if x.text[:1].isupper() and (P.SECTION.match(x.text) or P.SECTION_LETTER.match(x.text)))
    items = sum(1 for x in lines if x.text[:1].isdigit() and (P.KHOAN.match(x.text) or P.SUBITEM.match(x.text)))
    return "plan" if sections or items >= 2 else "prose"


def _is_title(text: str) -> bool:
    """Could this be an article's / item's title rather than the start of its body text?"""
    if not text or len(text) > 300:
        return False
    if text.endswith((".", ";", ":")) and not text.endswith("..."):
        return len(text.split()) <= 8 and text.endswith(".") and text.count(".") == 1
    return True


def _bold_title(rest: str, line: Line, stops: str = ".:") -> bool:
    """A title in bold whose closing "." or ":" is printed bold too ("**5. Tăng cường công tác kiểm tra.**",
    "**Điều 2. Đối tượng áp dụng:**"), or just after the bold: a title as it is without the stop."""
    if not (line.bold and line.bold_start) or rest[-1:] not in stops or rest.endswith(".."):
        return False
    title = rest[:-1].rstrip()
    if rest.endswith(":") and _LEADS_IN.search(title):
        return False  # "Sửa đổi, bổ sung điểm a khoản 3 Điều 5 như sau:" introduces what follows
    return bool(title) and len(title) <= 200 and not any(c in title for c in ".;:")


# The opening words of a text's closing paragraph: the summing-up ("Trên đây là Kế hoạch ...") or the
# standing request to report difficulties ("Trong quá trình (tổ chức) triển khai thực hiện, nếu có ...")
_CLOSING = re.compile(
    r"^(?:(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Nghị\s+quyết)\s+này\s+(?:đã\s+)?được\s+Quốc\s+hội\s.{0,200}?thông\s+qua|"
    r"Trên\s+đây\s+là\s|Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện|"
    r"triển\s+khai)(?:\s+\w+\s+này)?\s*(?:,|nếu|có))")
# ... or opening a sentence of a paragraph of its own after the last unit's first one ("Chủ tịch UBND tỉnh yêu
# cầu ... thực hiện nghiêm túc Chỉ thị này. Trong quá trình thực hiện, nếu có vướng mắc ...")
_CLOSING_INSIDE = re.compile(r"(?<=[.;] )(?:Trên\s+đây\s+là\s|Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+)?(?:triển\s+khai\s+)?"
                             r"thực\s+hiện(?:\s+\w+\s+này)?\s*(?:,|nếu|có))")
_LEADS_IN = re.compile(r"(?:\bsau|\bsau\s+đây|\bgồm|\bbao\s+gồm)$", re.IGNORECASE)


# --- building the tree -------------------------------------------------------------------------------
class _Builder:
    def __init__(self, family: str) -> None:
        self.family = family
        self.eids = EidGenerator()
        self.root: list[_Open] = []
        self.stack: list[_Open] = []
        self.loose: list[str] = []  # text before the first unit that the preamble did not take
        self.root_kinds: dict[str, int] = {}  # root units per kind, as `_Open.kinds`
        self.tail: list[Line] = []  # the plain lines the innermost unit took since the last label

    def _append(self, parent: _Open | None, unit: _Open) -> None:
        (parent.children if parent else self.root).append(unit)
        kinds = parent.kinds if parent else self.root_kinds
        kinds[unit.kind] = kinds.get(unit.kind, 0) + 1

    def _parent_index(self, kind: str) -> int | None:
        """Stack depth of the unit the new one goes under (-1: the root), or None if none may hold it."""
        allowed = ALLOWED_PARENTS[kind]
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].kind in allowed:
                return depth
        return -1 if ROOT in allowed else None

    def add_unit(self, kind: str, num: str | None, rest: str, marker: str, line: Line) -> bool:
        level = _BULLET_LEVEL.get(marker, 1) if kind == "bullet" else 0
        attribute = kind == "bullet" and num is None and bool(_ATTRIBUTE.match(rest))
        if attribute:
            self._task_attribute(level)
        if kind == "bullet":
            while self.stack and self.stack[-1].kind == "bullet" and self.stack[-1].level >= level:
                self.stack.pop()
        depth = self._parent_index(kind)
        if depth is None or (kind == "subitem" and not self._decimal_fits(num, depth)):
            return False
        del self.stack[depth + 1:]
        parent = self.stack[depth] if depth >= 0 else None
        eid_num = num
        if kind == "dieu" and num and num[:1] == "0":
            eid_num = num.lstrip("0") or "0"  # "Điều 07." is art_7; the number stays as printed
        if kind == "diem" and marker[:1] == "=":
            eid_num = marker[1:]  # a letter printed twice before a gap: the eid is the letter due (`_mend_sequence`)
        if kind == "bullet" and num is None:  # a dash prints no number: the eid counts the bullets
            eid_num = str(1 + (parent.kinds if parent else self.root_kinds).get("bullet", 0))
        unit = _Open(kind, num, self.eids.make(kind, eid_num, parent.eid if parent else None), line, level=level)
        self._fill_label(unit, rest, line)
        unit.attribute = attribute
        if attribute and parent is not None and parent.kind == "bullet":
            parent.attribute = True  # "- Task" / "+ Cơ quan chủ trì: ...": that dash has its own group
        self._append(parent, unit)
        self.stack.append(unit)
        self.tail = []
        return True

    def _task_attribute(self, level: int) -> None:
        """A task's attribute line ("+ Cơ quan chủ trì: Thanh tra tỉnh", "- Thời gian thực hiện: Quý IV/2026")
        after several dashes closes them all: the group describes the task above them ("4.1. ..." / "- A" /
        "- B" / "+ Cơ quan chủ trì: ..."), so it goes there, as the group of a numbered task does, whatever its
        marker. Under the one dash before it, with a deeper marker, it is that dash's own group (left as is)."""
        if not self.stack or self.stack[-1].kind != "bullet" or self.stack[-1].attribute:
            return
        at = len(self.stack) - 1  # the dash the group follows: the outermost open bullet it would not close
        while at > 0 and self.stack[at - 1].kind == "bullet" and self.stack[at - 1].level >= level:
            at -= 1
        siblings = self.stack[at - 1].children if at > 0 else self.root
        run = 0
        for unit in reversed(siblings):
            if unit.kind != "bullet" or unit.attribute:
                break
            run += 1
        if run >= 2 and self.stack[at].level < level:
            del self.stack[at:]  # "- A", "- B", then "+ Cơ quan chủ trì: ...": it closes both

    def _decimal_fits(self, num: str | None, depth: int) -> bool:
        """Under a clause, "2.3." must carry that clause's number (else it is a number in the text, as it was
        before decimals had units of their own in articles)."""
        parent = self.stack[depth] if depth >= 0 else None
        if parent is None or parent.kind != "khoan" or not num:
            return True
        return num.split(".", 1)[0].lstrip("0") == (parent.num or "").lstrip("0")

    def _fill_label(self, unit: _Open, rest: str, line: Line) -> None:
        if unit.kind in ("phan", "chuong", "muc", "section"):
            unit.heading = rest or None
            unit.want_heading = not rest
        elif unit.kind == "dieu":
            if rest and not line.label_bold and (_is_title(rest) or _bold_title(rest, line)):
                unit.heading = rest.rstrip(".:").strip()
            else:
                unit.texts.append(rest)
            unit.want_heading = not rest
        elif unit.kind in ("item", "subitem") and _is_title(rest) and not rest.endswith("."):
            unit.heading = rest
        elif unit.kind in ("item", "subitem") and _bold_title(rest, line, "."):  # "1. Sở Y tế:" leads its list
            unit.heading = rest[:-1].rstrip()
        else:
            unit.texts.append(rest)

    def add_text(self, line: Line) -> None:
        if not self.stack and line.table:
            self._open_table(line)
            return
        if not self.stack:
            self.loose.append(line.text)
            return
        unit = self.stack[-1]
        if unit.want_heading and not unit.children and not unit.texts and _heading_line(line, unit.kind):
            unit.heading = line.text.rstrip(".").strip() if unit.kind == "dieu" else line.text
            self.tail = []
        else:
            unit.texts.append(line.text)
            self.tail.append(line)
        unit.want_heading = False
        unit.last = line

    def _open_table(self, line: Line) -> None:
        """A table before any unit (a Phụ lục's task table under its title): a root paragraph holds its rows,
        one line each, so that they are the text of a unit (the duty reader reads rows there) and the lines
        after it up to the next unit go with it."""
        n = 1 + self.root_kinds.get("paragraph", 0)
        unit = _Open("paragraph", None, self.eids.make("paragraph", str(n), None), line, texts=[line.text], last=line)
        self._append(None, unit)
        self.stack.append(unit)

    def attach(self, quotes: list[Quotation]) -> None:
        """Quoted blocks the line just read introduces belong to the unit that holds that line."""
        if self.stack:
            self.stack[-1].quotes.extend(quotes)
        else:
            self.loose.extend(q.text for q in quotes)

    def split_closing(self) -> None:
        """The document's closing paragraph ("Trên đây là Kế hoạch ...", "Trong quá trình thực hiện, nếu có
        vướng mắc ...") printed after the last item or clause is not that unit's words: from its first line
        to the end of the body, the lines become a paragraph of their own at the document's root, so the
        duties it names are filed there and the last unit keeps its own text."""
        if not self.stack or not self.tail:
            return
        unit = self.stack[-1]
        at = next((k for k, x in enumerate(self.tail) if _CLOSING.match(x.text)
                   or _CLOSING_INSIDE.search(x.text)), None)
        if at is None or (at == 0 and not any(unit.texts[:-len(self.tail)]) and not unit.children):
            return  # a unit whose only words are the closing ("Điều 10. Điều khoản thi hành" / "Trong quá trình ...")
        moved = self.tail[at:]
        del unit.texts[len(unit.texts) - len(moved):]
        unit.last = self.tail[at - 1] if at else None  # none: its span ends at its label or last child
        n = 1 + self.root_kinds.get("paragraph", 0)
        para = _Open("paragraph", None, self.eids.make("paragraph", str(n), None), moved[0],
                     texts=[x.text for x in moved], last=moved[-1])
        self._append(None, para)
        self.stack = [para]
        self.tail = []

    def close_label(self) -> None:
        if self.stack:
            self.stack[-1].want_heading = False


def _heading_line(line: Line, kind: str) -> bool:
    if kind == "dieu":
        return _is_title(line.text) and len(line.text) <= 200
    return (line.bold or line.text.isupper()) and len(line.text) <= 300


def _body_start(lines: list[Line], units: list, family: str) -> int:
    if family == "prose":
        return _prose_start(lines)
    for i, unit in enumerate(units):
        if unit and unit[0] in ("phan", "chuong", "muc", "dieu", "section", "item", "subitem") and (
                family != "normative" or unit[0] != "subitem"):  # an article's "1.1." neither
            return i
    return len(lines)


_KINH_GUI = re.compile(r"^Kính\s+gửi", re.IGNORECASE)


def _prose_start(lines: list[Line]) -> int:
    """Where a letter's body begins: after the first "Kính gửi" or an untitled attached text's "(Kèm theo ...)"
    line (or the title and its trích yếu when no "Kính gửi" follows them), after the "Căn cứ" lines, else after
    the last header line."""
    start = 0
    for i, line in enumerate(lines[:40]):
        text = line.text
        if _KINH_GUI.match(text) or P.ANNEX_OF.match(text):
            # "(Kèm theo Quyết định số ...)" before any title ends the header of an attached "DANH MỤC ...":
            # the table rows after it are its body, not a header table
            return _after_bases(lines, i + 1)
        if P.DOC_TITLE.match(text):
            after = i + 2 if i + 1 < len(lines) and not P.BASIS.match(lines[i + 1].text) else i + 1
            near = next((j for j in range(after, min(after + 3, len(lines))) if _KINH_GUI.match(lines[j].text)), None)
            return _after_bases(lines, near + 1 if near is not None else min(after, len(lines)))
        if P.MOTTO.match(text) or P.NUMBER.match(text) or P.PLACE_DATE.match(text) or line.table:
            start = i + 1
    return _after_bases(lines, min(start, len(lines)))


def _after_bases(lines: list[Line], start: int) -> int:
    while start < len(lines) and P.BASIS.match(lines[start].text):
        start += 1
    return start


_MAJOR = ("phan", "chuong", "muc", "dieu", "section", "item", "subitem")


def _table_body(lines: list[Line], body: int) -> int:
    """Where the body begins when a table comes after the title block and before any unit: a Phụ lục
    ("PHỤ LỤC" / its title / "(Kèm theo Kế hoạch số ...)") whose content is a table of tasks or scores.
    Tables above the title (or above the annex line, for a "DANH MỤC ..." without a type) are the issuer /
    number header, not the body."""
    title = next((i for i in range(body) if not lines[i].table
                  and (P.DOC_TITLE.match(lines[i].text) or P.ANNEX_OF.match(lines[i].text))), None)
    if title is None:
        return body
    return next((j for j in range(title + 1, body) if lines[j].table), body)


def _signature_start(lines: list[Line], units: list, body: int, family: str) -> int:
    """The first "Nơi nhận" or "TM./KT." line after the last article, chapter or item label: a sample form
    quoted inside an article does not end the document."""
    last = body
    if family != "prose":
        for i in range(len(lines) - 1, body - 1, -1):
            unit = units[i]
            if unit and unit[0] in _MAJOR and not lines[i].table and (family != "normative" or unit[0] != "subitem"):
                last = i
                break
    for i in range(last, len(lines)):
        text = lines[i].text
        if P.RECIPIENTS.match(text) or (P.CAPACITY.match(text) and _capacity_line(text)) or _NATIONAL_SIGNER.match(text):
            return i
    return len(lines)


# The office a law or resolution of the Quốc hội is signed in, on a line of its own after the passage line
_NATIONAL_SIGNER = re.compile(r"^(?:PHÓ\s+)?CHỦ\s+TỊCH\s+(?:QUỐC\s+HỘI|NƯỚC)$")


def _capacity_line(text: str) -> bool:
    m = P.CAPACITY.match(text)
    return bool(m) and (m.group(2)[:1].isupper() or not m.group(2))


def _build(lines: list[Line], units: list, family: str,
           quotes: dict[int, list[Quotation]] | None = None) -> tuple[list[_Open], list[str]]:
    builder = _Builder(family)
    for line, unit in zip(lines, units, strict=True):
        point = None
        if unit is not None and unit[0] == "subitem":
            unit, point = _first_point(unit, family)
        if unit is None or not builder.add_unit(*unit, line):
            builder.add_text(line)
        elif point is not None:
            builder.add_unit(*point, line)
        if quotes and id(line) in quotes:
            builder.attach(quotes[id(line)])
            builder.tail = []
    builder.split_closing()
    return builder.root, builder.loose


_FIRST_POINT = re.compile(r"^(.*?[:.;])\s+a\)\s+(\S.*)$")


def _first_point(unit: tuple, family: str) -> tuple[tuple, tuple | None]:
    """"1.1. Sở Tư pháp: a) Chủ trì ...": the decimal item's text, then its first point on the same line."""
    kind, num, rest, marker = unit
    m = _FIRST_POINT.match(rest) if " a) " in rest else None
    if m is None:
        return unit, None
    point = ("diem", "a", m.group(2), "") if family == "normative" else ("bullet", "a", m.group(2), "a)")
    return (kind, num, m.group(1), marker), point


# --- quoted blocks: their own trees, in the amended document's numbering -------------------------------
class _QuoteBuilder(_Builder):
    """A quotation may open with any unit ("3. ...", "b1) ...", "Điều 6a. ...", "Chương II"): a unit that no
    open unit may hold goes at the quotation's root."""

    def _parent_index(self, kind: str) -> int | None:
        depth = super()._parent_index(kind)
        return -1 if depth is None else depth


_KHOAN_SUFFIX = re.compile(r"^(\d{1,3}[a-zđ])\s?[.)](?![\d/])\s*(.*)$")  # "8a. ...": a clause inserted after 8
_DIEM_DOT = re.compile(r"^([a-zđ]\d?)\.\s+(.*)$")  # "e. ...": a point, as some texts quote it
_CHUONG_SUFFIX = re.compile(r"^Chương\s+([IVXLC]+[a-zđ])(?![\w/])[.:]?\s*(.*)$", re.IGNORECASE)  # "Chương VIIa"


def _quote_unit(text: str) -> tuple[str, str | None, str, str] | None:
    unit = _unit(text, "normative")
    if unit is None and text[:1].isdigit():
        m = _KHOAN_SUFFIX.match(text)
        if m:
            return "khoan", m.group(1), m.group(2).strip(), ""
    if unit is None and text[:1].islower():
        m = _DIEM_DOT.match(text)
        if m:
            return "diem", m.group(1), m.group(2).strip(), ""
    if unit is None and text[:1] in "Cc":
        m = _CHUONG_SUFFIX.match(text)
        if m:
            return "chuong", m.group(1)[:-1].upper() + m.group(1)[-1], m.group(2).strip(), ""
    return unit


def _quotation(block: Q.Cut) -> Quotation:
    builder = _QuoteBuilder("normative")
    for line in block.lines:
        unit = None if line.table else _quote_unit(line.text)
        if unit is None or not builder.add_unit(*unit, line):
            builder.add_text(line)
    nodes = tuple(u.freeze() for u in builder.root)
    return Quotation(block.text, Span(block.start, max(block.end, block.start), block.lines[0].lineno), nodes,
                     "normative" if nodes else "prose")


def _cut_quotes(lines: list[Line], source: str | None) -> tuple[list[Line], dict[int, list[Quotation]]]:
    """The lines without the quoted blocks of amending instructions, and each block's Quotation keyed by
    the id of the line that introduces it."""
    kept, cuts = Q.cut(lines, source)
    quotes: dict[int, list[Quotation]] = {}
    for block in cuts:
        quotes.setdefault(id(block.lead), []).append(_quotation(block))
    return kept, quotes


def _texts(lines: list[Line], quotes: dict[int, list[Quotation]]) -> list[str]:
    """The lines' text, each followed by the quoted blocks it introduces (a header or signature keeps them)."""
    out = []
    for x in lines:
        out.append(x.text)
        out.extend(f"“{q.text}”" for q in quotes.get(id(x), ()))
    return out


def _prose(lines: list[Line]) -> list[_Open]:
    eids = EidGenerator()
    out = []
    for n, line in enumerate(lines, start=1):
        unit = _Open("paragraph", None, eids.make("paragraph", str(n), None), line, texts=[line.text])
        out.append(unit)
    return out


_POINT_ORDER = "abcdđeghiklmnopqrstuvxy"  # lettered points, in order (no f, j, w, z)
# "Điền 36. Hiệu lực thi hành": an article label mistyped (n for u), taken only where the next number is due
_DIEU_TYPO = re.compile(r"^Điền\s+(\d+)\s*\.\s*(\S.*)$")


def _mend_sequence(lines: list[Line], units: list) -> None:
    """Numbering faults of the source that would give two units one eid, mended where the sequence around
    them leaves one reading: an article label mistyped ("Điền 36." right after Điều 35) is the article due;
    a point letter written twice where the letter after it is missing ("a) b) c) c) đ)") has that letter's eid,
    its letter staying as printed (the fourth field of a unit, its marker, carries it: "=d")."""
    last_dieu = None
    for i, line in enumerate(lines):
        unit = units[i]
        if unit is None and last_dieu is not None and line.text[:1] == "Đ":
            m = _DIEU_TYPO.match(line.text)
            if m and m.group(1) == str(last_dieu + 1):
                units[i] = unit = ("dieu", m.group(1), m.group(2).strip(), "")
        if unit is not None and unit[0] == "dieu":
            last_dieu = int(unit[1]) if unit[1] and unit[1].isdigit() else None
    points: list[int] = []  # indexes of the points of the clause or article being read
    for i, unit in enumerate([*units, ("khoan", None, "", "")]):
        if unit is None:
            continue
        if unit[0] != "diem":
            points = []
            continue
        points.append(i)
        if len(points) < 3:
            continue
        a, b, c = (units[j][1] for j in points[-3:])
        at = _POINT_ORDER.find(a or "")
        if a == b and 0 <= at < len(_POINT_ORDER) - 2 and c == _POINT_ORDER[at + 2]:
            j = points[-2]
            units[j] = (*units[j][:3], "=" + _POINT_ORDER[at + 1])


def _document(lines: list[Line], footnotes: tuple[Footnote, ...], parent: Document | None,
              source: str | None = None) -> Document:
    kept, quotes = _cut_quotes(lines, source)
    family = _family(kept)
    if family == "prose":  # a letter's paragraphs keep their quotes: it amends nothing
        family, quotes = _family(lines), {}
    else:
        lines = kept
    units = [None if x.table else _unit(x.text, family) for x in lines]
    if family == "normative":
        _mend_sequence(lines, units)
    body = _body_start(lines, units, family)
    if body == 0 and P.FORM_TITLE.match(lines[0].text):
        body = 1  # a form split off after a signature: its label "Mẫu số 02" is its header
    if family != "prose":
        body = _table_body(lines, body)
    sign = _signature_start(lines, units, body, family)
    if family == "prose":
        tops, loose = _prose(lines[body:sign]), []
    else:
        tops, loose = _build(lines[body:sign], units[body:sign], family, quotes)
    nodes = tuple(u.freeze() for u in tops)
    layout = Layout(lines[:body], lines[sign:], nodes, family, parent, tuple(x for x in lines if x.table))
    page = page_end(lines[:body])  # the metadata still reads the portal's panel: it may name the type
    preamble = "\n".join(_texts(lines[page:body], quotes) + loose)
    signature = "\n".join(_texts(lines[sign:], quotes))
    start, end = lines[0].start, lines[-1].end
    notes = tuple(f for f in footnotes if start <= f.span.start <= end)
    return metadata(layout, preamble=preamble, signature=signature, footnotes=notes,
                    span=Span(start, end, lines[0].lineno), portal="\n".join(x.text for x in lines[:page]))


def parse_text(text: str, source: str = "<text>", fmt: str = "txt", warnings: tuple[str, ...] = ()) -> ParseResult:
    """Decoded text → ParseResult; raises ParseError when the text holds no words at all."""
    if not P.HAS_WORD.search(text):
        raise ParseError(f"{source}: no text to parse (the file holds no words)")
    draft = clean(text, fmt)
    if not draft.footnotes and not any(P.HAS_WORD.search(x.text) for x in draft.lines):
        raise ParseError(f"{source}: no text to parse (only page numbers, links or formatting)")
    if not draft.lines:  # nothing but footnote definitions
        layout = Layout([], [], (), "prose", None)
        doc = metadata(layout, preamble="", signature="", footnotes=draft.footnotes, span=Span(0, len(text), 1))
        return ParseResult(source=source, text=text, documents=(doc,), warnings=tuple(warnings), format=fmt)
    lines = list(draft.lines)
    foot = footer_start(lines)  # a legal portal's footer is the page's, not the last document's (never line 0)
    footer = "\n".join(x.text for x in lines[foot:])
    related = related_cut(lines[:foot])
    if related is not None and (related[0] or related[1]):
        at, cut = related
        line = lines[at]
        rest = [line.text[cut:].strip()] if cut else []
        footer = "\n".join([*rest, *(x.text for x in lines[at + (1 if cut else 0):foot]), *([footer] if footer else [])])
        if cut:
            # the page's title glued to the document's last line: that line ends where the title begins
            words = re.compile(r"\s+".join(re.escape(w) for w in line.text[cut:cut + 60].split()[:4]))
            found = words.search(text, line.start, line.end)
            lines[at] = replace(line, text=line.text[:cut].rstrip(), end=found.start() if found else line.end)
            foot = at + 1
        else:
            foot = at
    chunks = split(lines[:foot])
    docs: list[Document] = []
    for n, chunk in enumerate(chunks):
        notes = draft.footnotes
        if len(chunks) > 1:
            lo = chunk[0].start if n else 0
            hi = chunks[n + 1][0].start if n + 1 < len(chunks) else len(text) + 1
            notes = tuple(f for f in draft.footnotes if lo <= f.span.start < hi)
        doc = _document(chunk, (), docs[0] if docs else None, draft.source)
        if footer and n == len(chunks) - 1:
            doc = replace(doc, portal="\n".join(x for x in (doc.portal, footer) if x))
        docs.append(_with_footnotes(doc, notes))
    return ParseResult(source=source, text=text, documents=tuple(docs), warnings=tuple(warnings), format=fmt)


def _with_footnotes(doc: Document, notes: tuple[Footnote, ...]) -> Document:
    return replace(doc, footnotes=notes) if notes else doc
