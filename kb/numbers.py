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
