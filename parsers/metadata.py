"""A document's fields from its header (preamble), its body and its signature block.

doc_type, number (None when a draft leaves it blank), title (trích yếu), issuer, place, date (ISO),
signer and capacity (TM./KT./Q. ...), bases ("Căn cứ ..."), recipients (Nơi nhận), effective_date and
replaces where the text states them. A document issued with another ("kèm theo Quyết định số ...")
takes what it does not print itself (issuer, place, date) from that one.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from parsers import patterns as P
from parsers.lines import Line
from parsers.model import Document, Footnote, Node, Span

_CANONICAL = {t.upper(): t for t in P.DOC_TYPES}
# Number suffixes → document type, for texts that print no title line.
_BY_CODE = {"QĐ": "Quyết định", "NĐ": "Nghị định", "TT": "Thông tư", "NQ": "Nghị quyết", "CT": "Chỉ thị",
            "KH": "Kế hoạch", "TB": "Thông báo", "HD": "Hướng dẫn", "BC": "Báo cáo", "QH": "Luật"}
_ISSUER = re.compile(
    r"^(ỦY BAN|UBND|BỘ|CHÍNH PHỦ|QUỐC HỘI|HỘI ĐỒNG|SỞ|VĂN PHÒNG|THỦ TƯỚNG|BAN(?! HÀNH)|CỤC|TỔNG CỤC|THANH TRA|"
    r"NGÂN HÀNG|TÒA ÁN|VIỆN|KIỂM TOÁN|ĐẢNG|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐOÀN|UỶ BAN)"
)


@dataclass(frozen=True)
class Layout:
    """A document cut in its three parts, before its fields are read."""

    preamble: list[Line]
    signature: list[Line]
    nodes: tuple[Node, ...]
    structure: str
    parent: Document | None
    tables: tuple[Line, ...] = ()  # table rows anywhere in the document: a header table may sit at its end


def _cells(lines: list[Line]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if " | " not in line.text:  # most lines are one cell: no generator to set up
            cell = line.text.strip()
            if cell:
                out.append(cell)
        else:
            out.extend(c.strip() for c in line.text.split(" | ") if c.strip())
    return out


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def find_date(text: str) -> str | None:
    m = P.DATE_VI.search(text)
    if m:
        return _iso(*m.groups())
    m = P.DATE_NUM.search(text)
    return _iso(*m.groups()) if m else None


# A Party text's number: "37-HD/BTGDVTW", "25-CTr/TU", "13-KH/TU".
_PARTY_NUMBER = re.compile(r"(?<![\w/-])(\d+-[A-ZĐ][A-ZĐa-z]*/[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐa-zđ0-9]+)*)")


def _number(text: str) -> str | None:
    m = P.DOC_NUMBER.search(text) or _PARTY_NUMBER.match(text.strip())
    if not m:
        return None
    number = re.sub(r"\s+", "", m.group(1))
    return number if re.match(r"^\d", number) else None


_PORTAL_TYPE = re.compile(r"^Loại văn bản\s*:?$", re.IGNORECASE)
_KINH_GUI = re.compile(r"^Kính\s+gửi", re.IGNORECASE)


def _doc_type(cells: list[str], number: str | None) -> str | None:
    """The title line; else the type a legal portal's info table gives; else the number's code; a letter
    addressed "Kính gửi" without a title is a Công văn."""
    for cell in cells:
        if P.DOC_TITLE.match(cell):
            key = re.sub(r"\s*:$", "", cell).strip()
            key = re.sub(rf"\s+(LIÊN\s+TỊCH|MẪU|(?:SỐ\s+)?{P.ANNEX_NUM})$", "", key)  # "PHỤ LỤC II" is a Phụ lục
            return _CANONICAL.get(key.upper(), key.capitalize())
    for cell, nxt in itertools.pairwise(cells):
        if _PORTAL_TYPE.match(cell) and nxt.upper() in _CANONICAL:
            return _CANONICAL[nxt.upper()]
    if number:
        for code, name in _BY_CODE.items():
            if re.search(rf"/{code}(?:[-/]|$)", number):
                return name
    if any(_KINH_GUI.match(c) for c in cells) or (number and re.fullmatch(r"\d+/[A-ZĐ]+(?:-[A-ZĐ0-9]+)+", number)):
        return "Công văn"
    return None


def _form_type(preamble: list[Line]) -> str | None:
    """A form split off after a signature ("Mẫu số 01" its first line) is a Mẫu, whatever its template says."""
    return "Mẫu" if preamble and P.FORM_TITLE.match(preamble[0].text) else None


_ABOUT = re.compile(r"^(?:V/v|Về việc)\b", re.IGNORECASE)


# The signing authority's line that opens the enacting part ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "BỘ
# TRƯỞNG BỘ TÀI CHÍNH", "TỔNG KIỂM TOÁN NHÀ NƯỚC"), in capitals like the title it follows and so joined to it
# as a wrapped line; not a title's own "... CỦA / THUỘC / CHO <authority>".
_AUTHORITY_TAIL = re.compile(
    r"(?<=[\w)])(?<!CỦA)(?<!THUỘC)(?<!VỚI)(?<!CHO)(?<!GIỮA)(?<!VÀ)\s+(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|TỔNG\s+GIÁM\s+ĐỐC|GIÁM\s+ĐỐC|"
    r"TỔNG\s+KIỂM\s+TOÁN|TỔNG\s+THANH\s+TRA|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG)\s+(?=\w)")


def _without_authority(title: str, issuer: str | None) -> str:
    """TITLE without a glued authority line that names the issuer ("... CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" under
    Ủy ban nhân dân tỉnh Lai Châu); "BỔ NHIỆM GIÁM ĐỐC SỞ TƯ PHÁP" names someone else and stays whole."""
    m = next((m for m in reversed(list(_AUTHORITY_TAIL.finditer(title)))), None)
    tail = title[m.start():] if m else ""
    if not (m and m.start() and issuer and tail.isupper() and not any(ch in tail for ch in ".;:")):
        return title
    shared = set(tail.split()[2:]) & set(issuer.upper().split())
    return title[:m.start()] if len(shared) >= 2 else title


def _title(preamble: list[Line], issuer: str | None = None) -> str | None:
    """The line under the title ("QUYẾT ĐỊNH" / "Ban hành ..."), without the signing authority's line glued
    to it; a letter's "V/v ..." line."""
    for i, line in enumerate(preamble):
        if P.DOC_TITLE.match(line.text) and i + 1 < len(preamble):
            nxt = preamble[i + 1].text
            if not (P.BASIS.match(nxt) or P.ANNEX_OF.match(nxt) or P.ENACTING.match(nxt) or _ISSUER.match(nxt)):
                return _without_authority(nxt.strip(), issuer)
    for cell in _cells(preamble):
        m = _ABOUT.search(cell)
        if m:
            return cell.strip()
        at = cell.find("V/v ")
        if at > 0:  # "Số: 5348/CT-CS V/v hướng dẫn góp vốn điều lệ": a header cell holding both
            return cell[at:].strip()
    return None


def _issuer(cells: list[str], preamble: list[Line], capacity: str | None) -> str | None:
    for i, cell in enumerate(cells[:8]):
        if cell.isupper() and _ISSUER.match(cell) and not P.MOTTO.match(cell):
            # a header printed on two lines: "ỦY BAN NHÂN DÂN" / "TỈNH CAO BẰNG"
            nxt = cells[i + 1] if i + 1 < len(cells) else ""
            if nxt.isupper() and not (P.MOTTO.match(nxt) or P.DOC_TITLE.match(nxt) or _ISSUER.match(nxt)):
                return f"{cell} {nxt}"
            return cell
    for line in preamble:
        m = P.ANNEX_OF.match(line.text)
        if m:
            of = re.search(r"\bcủa\s+(.+?)\)?$", m.group(2))
            if of:
                return of.group(1).strip()
    if capacity:
        m = re.match(r"^TM\s*\.\s*(.+?)(?:\s+(?:KT|Q|TL|TUQ)\s*\.|\s+(?:PHÓ\s+)?CHỦ TỊCH|\s+BỘ TRƯỞNG|$)", capacity)
        if m:
            return m.group(1).strip()
    return None


# "Số" starting a word ("\bSố"), written letter first so that a search jumps from "S" to "S" through long cells
_NUMBER_ANY = re.compile(r"S(?<!\wS)ố\s*(?:hiệu)?\s*:\s*(.*)$")
# Tried from word starts only ("(?<!\w)": a leftmost match starts there anyway), else a long word is
# rescanned from each of its letters
_PLACE_DATE_ANY = re.compile(r"(?<!\w)((?:\w+\s+){0,3}\w+),\s*ngày\s[\d\s.…_]*tháng")
# What _PLACE_DATE_ANY needs after its words: found by a quick scan for the comma, whereas the words would be
# tried (with backtracking) from every position of a long cell
_COMMA_DATE = re.compile(r",\s*ngày\s[\d\s.…_]*tháng")
_SIGNED = re.compile(r"\[|\]|\((?:đã|Đã)\s+ký\)|\(ký[^)]*\)", re.IGNORECASE)


# The number inside a header cell that opens with the issuer ("QUỐC HỘI Luật số: 116/2025/QH15", "ỦY BAN THƯỜNG VỤ
# QUỐC HỘI Nghị quyết số: 115/2025/UBTVQH15", "ỦY BAN NHÂN DÂN TỈNH X Số: 123/UBND-VX")
_NUMBER_IN_CELL = re.compile(r"(?<!\w)(?:(?:Luật|Pháp\s+lệnh|Nghị\s+quyết|Lệnh)\s+số|Số(?:\s+hiệu)?)\s*:\s*(.*)$")
# "Số 37-HD/BTGDVTW": a Party text prints its number without a colon.
_PARTY_NUMBER_LINE = re.compile(r"^Số\s+(\d+-[A-ZĐ][A-ZĐa-z]*/\S+)")


def _number_in_header(cells: list[str]) -> str | None:
    """The number of a header cell that opens with the issuer (the header's first cells, each short)."""
    for cell in cells[:8]:
        m = _NUMBER_IN_CELL.search(cell) if len(cell) <= 300 else None
        # after the issuer's capitals only: "(Ban hành kèm theo Nghị quyết số: ...)" gives the parent's number
        if m and cell[:m.start()].isupper() and (number := _number(m.group(1))):
            return number
    return None


def _find_number(cells: list[str], anywhere: bool = False) -> str | None:
    """The number a header cell gives ("Số: 123/UBND-VX", "Số 37-HD/BTGDVTW"), or the cell after a bare label
    ("Số hiệu: | 5435/CT-NVT", a legal portal's information panel above a letter that prints no header)."""
    for i, cell in enumerate(cells):
        m = (_NUMBER_ANY.search if anywhere else P.NUMBER.match)(cell) or _PARTY_NUMBER_LINE.match(cell)
        if m and (number := _number(m.group(1))):
            return number
        value = cells[i + 1].strip() if m and not m.group(1).strip() and i + 1 < len(cells) else ""
        if re.fullmatch(r"\S+", value) and (number := _number(value)):
            return number
    return None


def _issuer_prefix(cells: list[str]) -> str | None:
    """An issuer printed at the start of a header cell: "CHÍNH PHỦ _______ Số: 30/2020/NĐ-CP"."""
    for cell in cells:
        words = []
        for word in cell.split():
            if not (word.isupper() and word.isalpha()):
                break
            words.append(word)
        head = " ".join(words)
        if len(words) >= 2 and _ISSUER.match(head) and not P.MOTTO.match(head):
            return head
    return None


def _place_date(cells: list[str], anywhere: bool = False) -> tuple[str | None, str | None]:
    for cell in cells:
        if "ngày" not in cell or (anywhere and not _COMMA_DATE.search(cell)):
            continue
        m = (_PLACE_DATE_ANY.search if anywhere else P.PLACE_DATE.match)(cell)
        if m:
            place = m.group(1).strip()
            if anywhere:  # keep the capitalised words just before the comma: "... Hạnh phúc Hà Nội"
                words = place.split()
                while words and not all(w[:1].isupper() for w in words):
                    words.pop(0)
                place = " ".join(words)
            return place or None, find_date(cell[m.start():])
    for cell in cells:
        if P.ANNEX_OF.match(cell):
            return None, find_date(cell)
    return None, None


_POSITION = re.compile(
    r"CHỦ TỊCH|PHÓ|TRƯỞNG|GIÁM ĐỐC|CHÁNH|VĂN PHÒNG|ỦY BAN|UỶ BAN|BỘ|THỦ TƯỚNG|BÍ THƯ|TỔNG|CỤC|HỘI ĐỒNG|"
    r"NHÂN DÂN|THƯỜNG TRỰC|KÝ THAY|THAY MẶT|QUYỀN|SỞ|BAN|TÒA|VIỆN|KIỂM|THANH TRA|CHỦ NHIỆM|ĐOÀN|ĐẢNG"
)


def _is_name(cell: str) -> bool:
    """A person's name: two to six capitalised words, no digits, no office words when in capitals."""
    words = cell.split()
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words):
        return False
    if cell.isupper() and (_POSITION.search(cell) or P.DOC_TITLE.match(cell) or re.search(r"\b[IVX]+$", cell)):
        return False
    return not P.DOC_TITLE.match(cell.upper())


def _signer(signature: list[Line]) -> tuple[str | None, str | None]:
    """(signer, capacity as printed): the capacity lines (TM./KT. ... in capitals), then the name."""
    capacity: list[str] = []
    signer = None
    state = "before"
    for cell in _cells(signature):
        m = P.CAPACITY.match(cell)
        if m and state != "done" and (m.group(2)[:1].isupper() or not m.group(2)):
            state = "capacity"
            words = cell.split()
            tail = _trailing_name(words)
            capacity.append(" ".join(words[: len(words) - len(tail)]) if tail else cell)
            if tail:
                signer, state = " ".join(tail), "done"
        elif state == "capacity" and cell.isupper() and not _is_name(cell):
            capacity.append(cell)
        elif state == "capacity" and _trailing_name(cell.split()) and cell.split()[0].isupper():
            words = cell.split()
            tail = _trailing_name(words)
            capacity.append(" ".join(words[: len(words) - len(tail)]))
            signer, state = " ".join(tail), "done"
        elif state != "done" and _is_name(cell) and not cell.startswith(("-", "+")):
            signer = cell
            if state == "capacity":
                state = "done"
    cap = re.sub(r"\s+", " ", _SIGNED.sub(" ", " ".join(capacity))).strip() or None
    if cap:
        cap = re.sub(r"^(TM|KT|Q|TL|TUQ)\s*\.\s*", r"\1. ", cap)
    return signer, cap


def _trailing_name(words: list[str]) -> list[str]:
    tail: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() and not word.isupper() and word.isalpha():
            tail.insert(0, word)
        else:
            break
    return tail if len(tail) >= 2 else []


def _recipients(signature: list[Line]) -> tuple[str, ...]:
    out: list[str] = []
    active = False
    for line in signature:
        cells = line.text.split(" | ")
        for cell in cells:
            cell = cell.strip()
            m = P.RECIPIENTS.match(cell)
            if m:
                active = True
                cell = m.group(1)
            elif P.CAPACITY.match(cell):
                active = False
                continue
            if not active or not cell:
                continue
            parts = [p for p in re.split(r"(?:^|\s)[-+•]\s+", cell) if p.strip()]
            out.extend(p.strip().rstrip(";,.").strip() for p in parts)
    return tuple(p for p in out if p)


def _mentions(body: str, *phrases: str) -> list[bool]:
    """Which of the lower-case `phrases` the body holds, in any case. A long body is lower-cased only
    when a plain search misses (a phrase found as written is also in the lower-cased text)."""
    found = [p in body for p in phrases]
    if not all(found):
        lowered = body.lower()
        found = [f or p in lowered for f, p in zip(found, phrases, strict=True)]
    return found


def _body_text(nodes: tuple[Node, ...]) -> str:
    return "\n".join(" ".join(filter(None, (n.heading, n.text))) for top in nodes for n in top.walk())


def _effective(body: str, date: str | None) -> str | None:
    m = P.EFFECTIVE.search(body)
    if not m:
        return None
    return date if m.group(1).lower() == "ký" else find_date("ngày " + m.group(1))


def _replaces(body: str) -> tuple[str, ...]:
    found: list[str] = []
    for m in P.REPLACES.finditer(body):
        for n in P.DOC_NUMBER.finditer(m.group(1)):
            number = re.sub(r"\s+", "", n.group(1))
            if number not in found:
                found.append(number)
    return tuple(found)


def _annex_number(preamble: list[Line]) -> str | None:
    for line in preamble:
        m = P.ANNEX_OF.match(line.text)
        if m:
            return _number(m.group(2))
    return None


def metadata(layout: Layout, preamble: str, signature: str, footnotes: tuple[Footnote, ...], span: Span,
             portal: str = "") -> Document:
    cells = _cells(layout.preamble)
    # where the header may also be printed; read only when the preamble lacks a field (tables can be most
    # of a long plan)
    extra = functools.cache(lambda: _cells(list(layout.tables) + layout.signature))

    number = _find_number(cells) or _number_in_header(cells) or _find_number(extra(), anywhere=True)
    place, date = _place_date(cells)
    if date is None:
        place, date = _place_date(extra(), anywhere=True)
    signer, capacity = _signer(layout.signature)
    parent = layout.parent
    parent_number = None
    if any(P.ANNEX_OF.match(x.text) for x in layout.preamble):
        parent_number = (parent.number if parent else None) or _annex_number(layout.preamble)
    # its own header first; an attached document's issuer is its Quyết định's, not "của Chủ tịch ..." of the note
    issuer = _issuer(cells, [], None)
    if parent is not None and parent_number is not None:
        issuer = issuer or parent.issuer
    issuer = issuer or _issuer([], layout.preamble, None) or _issuer_prefix(extra()) or _issuer([], [], capacity)
    if parent is not None and parent_number is not None:
        place = place or parent.place
        date = date or parent.date
    body = _body_text(layout.nodes)
    effective, replaces = _mentions(body, "hiệu lực", "thay thế")
    return Document(
        doc_type=_form_type(layout.preamble) or _doc_type(cells, number) or ("Văn bản"),
        number=number,
        title=_title(layout.preamble, issuer),
        issuer=issuer,
        place=place,
        date=date,
        signer=signer,
        signer_capacity=capacity,
        bases=tuple(x.text.strip() for x in layout.preamble if P.BASIS.match(x.text)),
        recipients=_recipients(layout.signature),
        effective_date=_effective(body, date) if effective else None,
        replaces=_replaces(body) if replaces else (),
        footnotes=footnotes,
        nodes=layout.nodes,
        structure=layout.structure,
        preamble=preamble,
        signature=signature,
        span=span,
        parent_number=parent_number,
        portal=portal,
    )
