"""Split a file's paragraphs into documents: a Quyết định and the Quy chế / Kế hoạch it issues.

The attached document announces itself with "(Ban hành) kèm theo Quyết định số ..." under its title.
When that line comes after the first document already has a body (articles, items or a signature), a
new document starts at the attached one's header: its title line and the issuer / motto / number lines
printed just above it. After a signature block, a form's label on a line of its own ("Mẫu số 01") starts
one too, and so does an annex's ("Phụ lục 01") right after the text's closing "./.".
"""

from __future__ import annotations

import itertools
import re

from parsers import patterns as P
from parsers.clean import starts_unit
from parsers.lines import Line

_ISSUER_WORDS = re.compile(
    r"^(ỦY BAN|UBND|BỘ|CHÍNH PHỦ|QUỐC HỘI|HỘI ĐỒNG|SỞ|VĂN PHÒNG|THỦ TƯỚNG|TỈNH|THÀNH PHỐ|HUYỆN|XÃ|PHƯỜNG|"
    r"BAN|CỤC|TỔNG CỤC|ĐẢNG|TỈNH ỦY|THANH TRA|KIỂM TOÁN|NGÂN HÀNG|TÒA ÁN|VIỆN)\b"
)
_BODY = (P.DIEU, P.SECTION, P.KHOAN, P.RECIPIENTS, P.CAPACITY)
_ANY_BODY = re.compile("|".join(f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})"
                                for p in _BODY))


def _is_header(line: Line) -> bool:
    text = line.text
    if P.MOTTO.match(text) or P.NUMBER.match(text) or P.DOC_TITLE.match(text) or P.PLACE_DATE.match(text):
        return True
    first = text.split(" | ")[0]
    return first.isupper() and bool(_ISSUER_WORDS.match(first)) and len(first) < 120


# "PHỤ LỤC I DANH MỤC CÁC CHỈ TIÊU ...": an annex's title line, its number and name on the same line
_ANNEX_TITLE = re.compile(r"^PHỤ\s+LỤC\b")


# An annex's label on a line of its own, in any case ("Phụ lục 01", "PHỤ LỤC II", "Phụ lục số 3:").
_ANNEX_LINE = re.compile(rf"^PHỤ\s+LỤC\s+(?:SỐ\s+)?{P.ANNEX_NUM}\s*:?$", re.IGNORECASE)


def _title_line(line: Line) -> bool:
    """A line of an attached text's title: bold or in capitals, and neither a unit nor a signer's office."""
    text = line.text
    return (line.bold or text.isupper()) and not starts_unit(text) and not P.CAPACITY.match(text)


def _doc_start(lines: list[Line], k: int, floor: int) -> int:
    """Index of the first header line of the attached document whose annex line is lines[k]: its title
    ("QUY CHẾ", "PHỤ LỤC II ..."), else the bold or capitals line just above ("DANH MỤC TTHC ...")."""
    title = next((j for j in range(k - 1, max(floor, k - 5) - 1, -1)
                  if P.DOC_TITLE.match(lines[j].text) or _ANNEX_TITLE.match(lines[j].text)), None)
    if title is None:
        start = k
        while start - 1 > floor and k - start < 3 and _title_line(lines[start - 1]):
            start -= 1
        return start
    start = title
    while start - 1 > floor and title - start < 6 and _is_header(lines[start - 1]):
        start -= 1
    return start


def split(lines: list[Line]) -> list[list[Line]]:
    """The paragraphs of each document in the file, in order."""
    starts = [0]
    seen_body = signed = closed = False
    for k, line in enumerate(lines):
        if (signed or closed) and not line.table and k > starts[-1] and (
                P.FORM_TITLE.match(line.text) or _ANNEX_LINE.match(line.text)):
            # "Mẫu số 01" after a signature, "Phụ lục 01" after the text's closing "./.": an attachment of its
            # own, not units of the text above
            starts.append(k)
            seen_body = closed = False
            continue
        closed = seen_body and not line.table and line.text.rstrip().endswith("./.")
        if P.ANNEX_OF.match(line.text) and seen_body:
            start = _doc_start(lines, k, starts[-1])
            if start > starts[-1]:
                starts.append(start)
                seen_body = False
            continue
        if _ANY_BODY.match(line.text):
            signed = signed or (seen_body and bool(P.RECIPIENTS.match(line.text) or P.CAPACITY.match(line.text)))
            seen_body = True
    bounds = starts + [len(lines)]
    return [lines[a:b] for a, b in itertools.pairwise(bounds) if b > a]
