"""A legal portal's page around a document saved from it: banners ("Bản dịch này thuộc quyền sở hữu của
...", "Đang tải văn bản..."), a news piece about the document, the portal's information panel ("Số hiệu: |
224/CĐ-TTg", "Loại văn bản: | Công điện", "Tình trạng: | Đã biết") printed above the document's own header,
and its footer (the page's own title of the document, "Văn bản này chưa cập nhật nội dung Tiếng Anh", the
"Văn bản liên quan" list of "Ban hành: ... Hiệu lực: ..." entries, the contact panel, notices to members)
below it. They are the portal's words, not the
document's: the preamble starts at the document's header, the page's words are kept apart.
"""

from __future__ import annotations

import re

from parsers import patterns as P
from parsers.lines import Line
from parsers.normalise import fold

# The fields of a portal's information panel, folded (no accents, lower case), each a cell of its own
_PANEL_FIELDS = frozenset({
    "so hieu", "loai van ban", "noi ban hanh", "co quan ban hanh", "nguoi ky", "ngay ban hanh", "ngay hieu luc",
    "ngay cong bao", "so cong bao", "tinh trang", "tinh trang hieu luc", "linh vuc", "ngay het hieu luc",
})
# From a run of spaces' first one only: tried inside the run, each try would rescan it (quadratic)
_CELL_END = re.compile(r"(?<!\s)\s*:\s*$")
_PANEL_MIN = 3  # distinct fields: a document's own header table never holds three of them


def _panel_fields(line: Line) -> set[str]:
    """The panel fields a table row names ("Loại văn bản: | Công điện | Nơi ban hành: | ...")."""
    if not line.table:
        return set()
    out = set()
    for cell in line.text.split(" | "):
        if cell.rstrip().endswith(":"):
            # the first cell may carry a banner before the label ("Đang tải văn bản... Số hiệu:")
            label = fold(_CELL_END.sub("", cell)).strip()
            out.update(f for f in _PANEL_FIELDS if label == f or label.endswith(" " + f))
    return out


def _header_start(preamble: list[Line]) -> int | None:
    """Index of the document's own header: the line holding the motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    alone or in the issuer's table row), or the issuer's lines in capitals just above it."""
    at = next((i for i, x in enumerate(preamble) if any(P.MOTTO.match(c) for c in x.text.split(" | "))), None)
    while at is not None and at > 0 and _issuer_line(preamble[at - 1]):
        at -= 1
    return at


def _issuer_line(line: Line) -> bool:
    text = line.text
    return not line.table and len(text) <= 80 and text.isupper() and not text.endswith(".")


def _prose(line: Line) -> bool:
    """A paragraph of running text ("Ngày 21/11/2025, Bộ Nội vụ ban hành Công văn ... Theo đó, ..."): a portal's
    news piece about the document. A document prints nothing but short marks ("DỰ THẢO", "Mẫu số 01") above
    its header."""
    text = line.text
    return not line.table and len(text) >= _PROSE_CHARS and not text.isupper()


_PROSE_CHARS = 120


def page_end(preamble: list[Line]) -> int:
    """How many of the preamble's first lines are the portal's page: a news piece above the document's
    header (running text before the motto), or banners and an information panel of at least three fields
    (up to the panel's last row); else 0."""
    header = _header_start(preamble)
    if header and any(_prose(x) for x in preamble[:header]):
        return header
    fields: set[str] = set()
    last = -1
    for i, line in enumerate(preamble):
        found = _panel_fields(line)
        if found:
            fields |= found
            last = i
        elif last >= 0 and line.table:
            break  # the next table is the document's own header ("THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA ...")
    return last + 1 if len(fields) >= _PANEL_MIN else 0


# The portal's own contact panel, which opens the footer of every page it serves
_CONTACT_FIELDS = frozenset({"dia chi", "dien thoai", "e-mail", "email", "ma so thue", "hotline", "fax", "website"})
_MAJOR_LABEL = re.compile(r"^(?:Điều\s+\d+|Chương\s+[IVXLC\d]+|[IVX]+\.\s)", re.IGNORECASE)


def _contact_fields(line: Line) -> int:
    if not line.table:
        return 0
    return len({fold(_CELL_END.sub("", c)).strip() for c in line.text.split(" | ") if c.rstrip().endswith(":")}
               & _CONTACT_FIELDS)


def footer_start(lines: list[Line]) -> int:
    """Index of the first line of a legal portal's footer (its contact panel "Địa chỉ: | ... | Điện thoại: |
    ... | E-mail: | ... | Mã số thuế: | ...", then its notices to members), or len(lines) when there is none.
    The panel must come after the document's text: no article, chapter or section follows it."""
    for i in range(len(lines) - 1, 0, -1):
        if _contact_fields(lines[i]) >= _PANEL_MIN:
            if any(_MAJOR_LABEL.match(x.text) for x in lines[i + 1:]):
                return len(lines)
            return i
    return len(lines)


# The page's footer may open without a contact panel: its own title of the document, twice around a notice
# ("Quyết định 2015/QĐ-UBND năm 2025 công bố ... Văn bản này chưa cập nhật nội dung Tiếng Anh Quyết định
# 2015/QĐ-UBND ngày 18/11/2025 công bố ... Văn bản liên quan"), then the related texts ("Ban hành: 23/09/2025
# Hiệu lực: Đã biết ..."). A converter glues it to the document's last line: a Phụ lục's last table row, a
# footnote, the signature.
_NO_ENGLISH = re.compile(r"Văn bản này chưa cập nhật nội dung Tiếng Anh")
_RELATED = re.compile(r"(?:^|\s)Văn bản liên quan\s*$")
_RELATED_ENTRY = re.compile(r"^Ban hành:\s*\d{1,2}/\d{1,2}/\d{4}")
_PAGE_TITLE = re.compile(
    r"(?:^|(?<=\s))(?:(?:Bộ\s+)?Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|"
    r"Chỉ\s+thị|Công\s+văn|Công\s+điện|Kế\s+hoạch|Thông\s+báo|Hướng\s+dẫn|Quy\s+định|Văn\s+bản\s+hợp\s+nhất|Lệnh)\s+"
    r"(?P<number>\d+[\w.-]*/[\w./-]+)\s+(?:năm|ngày|về)\s"
)


def related_cut(lines: list[Line]) -> tuple[int, int] | None:
    """Where the portal's footer opens when no contact panel marks it: (line index, offset in that line's
    text) of the page's title of the document before its "Văn bản liên quan" list, or None. Nothing of the
    document follows it (no article, chapter or section)."""
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        notice = _NO_ENGLISH.search(text) if "Tiếng Anh" in text else None
        listed = (notice is None and "liên quan" in text and _RELATED.search(text) is not None
                  and i + 1 < len(lines) and _RELATED_ENTRY.match(lines[i + 1].text) is not None)
        if notice is None and not listed:
            continue
        if any(_MAJOR_LABEL.match(x.text) for x in lines[i + 1:]):
            return None
        before = text[:notice.start()] if notice else text[:_RELATED.search(text).start()]
        after = _PAGE_TITLE.match(text, notice.end() + 1) if notice else None
        if after is not None:  # the title after the notice repeats the words that open the one before it
            name = text[after.start():after.end("number")]
            at = before.rfind(name)
            if at >= 0 and (at == 0 or before[at - 1].isspace()):
                return i, at
            if i > 0 and lines[i - 1].text.startswith(name) and not before.strip():
                return i - 1, 0
        titles = list(_PAGE_TITLE.finditer(before))
        if titles and after is None:
            return i, titles[-1].start()
        if i > 0 and _PAGE_TITLE.match(lines[i - 1].text) and not before.strip():
            return i - 1, 0  # "Thông tư 61/2025/TT-BCT ngày 02/12/2025 ..." / "Văn bản liên quan"
        return i, len(before) if before.strip() else 0
    return None
