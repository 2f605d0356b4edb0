"""Document numbers as printed → one canonical form and one identity key, shared by the citation finder,
the catalog, the store and search ("80/2025/ND-CP" = "80/2025/NĐ-CP" = "80/2025/nđ-cp")."""

from __future__ import annotations

import functools
import re
import unicodedata

from parsers.normalise import fold

_LATIN_D = {"ND": "NĐ", "QD": "QĐ", "HDND": "HĐND", "TTG": "TTg", "TTR": "TTr"}


@functools.lru_cache(maxsize=1 << 16)
def canonical_number(printed: str) -> str:
    """'13/2015/TT- BVHTTDL' → '13/2015/TT-BVHTTDL'; '80/2025/ND-CP' → '80/2025/NĐ-CP'; keeps 'TTg'."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFC", printed)).replace("–", "-")
    parts = re.split(r"([-/])", s)
    out = []
    for part in parts:
        if part in "-/" or part.isdigit():
            out.append(part)
            continue
        # "TTg", "TTr" are printed mixed-case on purpose; an all-lower "nđ" is a typing slip
        up = part if part[:1].isupper() and not part.isupper() else part.upper()
        out.append(_LATIN_D.get(up, up))
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def number_key(number: str) -> str:
    """Identity of a number: no diacritics (NĐ = ND), upper case, no spaces, no leading zeros."""
    s = fold(canonical_number(number)).upper()
    return re.sub(r"^0+(?=\d)", "", s)


# A number's code → the type of text it numbers ("80/2025/NĐ-CP" is a Nghị định, "25-CTr/TU" a Chương
# trình); the longer codes first, so TTLT is not read as TT.
_CODE_TYPES = (
    ("TTLT", "Thông tư liên tịch"), ("NQLT", "Nghị quyết liên tịch"), ("UBTVQH", "Nghị quyết"),
    ("NĐ", "Nghị định"), ("QĐ", "Quyết định"), ("TT", "Thông tư"), ("CT", "Chỉ thị"), ("NQ", "Nghị quyết"),
    ("KH", "Kế hoạch"), ("KL", "Kết luận"), ("HD", "Hướng dẫn"), ("TB", "Thông báo"), ("QH", "Luật"),
    ("TTr", "Tờ trình"), ("BC", "Báo cáo"), ("CĐ", "Công điện"), ("PA", "Phương án"), ("CTr", "Chương trình"),
    ("QCPH", "Quy chế"),
)


def type_of_number(number: str) -> str | None:
    """The type of text a number's code names, or None: "63/2020/QH14" → "Luật"."""
    codes = re.split(r"[-/]", number)[1:]
    for code, name in _CODE_TYPES:
        if any(re.fullmatch(rf"{code}\d*", c) for c in codes):
            return name
    return None
