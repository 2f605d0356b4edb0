"""What the Word and HTML readers share: list numbers as Word formats them, and which tables are
layout (blocks side by side) rather than data."""

from __future__ import annotations

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """Word's lowerLetter: a..z, then aa..zz, aaa..."""
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n) if n > 0 else "0"
        return s.lower() if fmt == "lowerRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def layout_table(ruled: bool, rows: list[list[list[str]]]) -> bool:
    """Borderless tables of one or two columns, or of a few rows, place blocks side by side (issuer |
    motto, Nơi nhận | signature); a bigger grid is data even when drawn without lines."""
    columns = max((len(r) for r in rows), default=0)
    return not ruled and (columns <= 2 or len(rows) <= 3)
