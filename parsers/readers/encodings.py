"""Bytes of a plain-text file → Unicode text (NFC), whatever encoding Vietnamese offices saved it in.

Handled: UTF-8 with or without BOM, UTF-16 (BOM or NUL-byte pattern), Windows-1258 (whose tone marks
decode as combining characters), and the legacy font encodings TCVN3 (ABC, .VnTime fonts) and
VNI-Windows (VNI-Times fonts). Those two were never real code pages: a file typed with them is stored as
Latin-1/cp1252 bytes whose glyphs the font redraws, so they are recognised by the words they spell and
converted with a warning. The same applies to text that was already pasted into UTF-8 from such a font.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from parsers.errors import ParseError
from parsers.readers.source import SourceText

_NFC = "NFC"

# TCVN3 (ABC): one byte per lowercase letter; the uppercase toned letters only exist as separate
# "H" fonts (.VnTimeH) that draw the lowercase codes in capitals, so they decode as lowercase here.
# Within each vowel the order is: huyền, hỏi, ngã, sắc, nặng.
_TCVN3_TABLE = """
A1 Ă  A2 Â  A3 Ê  A4 Ô  A5 Ơ  A6 Ư  A7 Đ
A8 ă  A9 â  AA ê  AB ô  AC ơ  AD ư  AE đ
B5 à  B6 ả  B7 ã  B8 á  B9 ạ
BB ằ  BC ẳ  BD ẵ  BE ắ  C6 ặ
C7 ầ  C8 ẩ  C9 ẫ  CA ấ  CB ậ
CC è  CE ẻ  CF ẽ  D0 é  D1 ẹ
D2 ề  D3 ể  D4 ễ  D5 ế  D6 ệ
D7 ì  D8 ỉ  DC ĩ  DD í  DE ị
DF ò  E1 ỏ  E2 õ  E3 ó  E4 ọ
E5 ồ  E6 ổ  E7 ỗ  E8 ố  E9 ộ
EA ờ  EB ở  EC ỡ  ED ớ  EE ợ
EF ù  F1 ủ  F2 ũ  F3 ú  F4 ụ
F5 ừ  F6 ử  F7 ữ  F8 ứ  F9 ự
FA ỳ  FB ỷ  FC ỹ  FD ý  FE ỵ
"""
TCVN3: dict[int, str] = {
    int(code, 16): char for code, char in zip(_TCVN3_TABLE.split()[0::2], _TCVN3_TABLE.split()[1::2])
}

# VNI-Windows: a base letter followed by a modifier byte (read as its cp1252 glyph), or one byte for
# ơ ư đ and the toned i / ỵ. Modifiers are given in capitals; the lowercase glyph is the same mark.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
VNI_TONES = {"Ø": _GRAVE, "Ù": _ACUTE, "Û": _HOOK, "Õ": _TILDE, "Ï": _DOT}
VNI_CIRCUMFLEX = {"Â": "", "À": _GRAVE, "Á": _ACUTE, "Å": _HOOK, "Ã": _TILDE, "Ä": _DOT}  # â ê ô
VNI_BREVE = {"Ê": "", "È": _GRAVE, "É": _ACUTE, "Ú": _HOOK, "Ü": _TILDE, "Ë": _DOT}  # ă
VNI_SINGLE = {"Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ"}

_VNI_MODS = "".join(VNI_TONES) + "".join(VNI_CIRCUMFLEX) + "".join(VNI_BREVE)
_VNI_PAIR = re.compile(f"([AaEeOoUuYyÔôÖö])([{_VNI_MODS}{_VNI_MODS.lower()}])")
_VNI_SINGLE_RE = re.compile(f"[{''.join(VNI_SINGLE)}{''.join(VNI_SINGLE).lower()}]")

# Words so frequent in administrative Vietnamese that finding them settles which decoding is right.
_COMMON_WORDS = frozenset(
    str.split(
        "của và các được trong người những với không này theo định điều thực hiện cơ quan tỉnh huyện xã "
        "ủy ban nhân dân việc có cho để là về đến năm tháng ngày số sở trách nhiệm phối hợp văn bản luật "
        "nghị quyết chỉ thị kế hoạch tổ chức đơn vị công tác quản lý nước thành phố một trên đã sau khi"
    )
)

_VIET_MARKS = frozenset(_GRAVE + _ACUTE + _HOOK + _TILDE + _DOT + _CIRC + _BREVE + _HORN)


def nfc(text: str) -> str:
    """NFC; the quick check first, since almost every file already is."""
    return text if unicodedata.is_normalized(_NFC, text) else unicodedata.normalize(_NFC, text)


def _is_viet_letter(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum()
    if ch in "đĐ":
        return True
    nfd = unicodedata.normalize("NFD", ch)
    return nfd[0] in "aAeEiIoOuUyY" and len(nfd) <= 3 and all(m in _VIET_MARKS for m in nfd[1:])


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16-le, utf-16-be, cp1258, tcvn3, vni
    warnings: tuple[str, ...] = ()


def score(text: str) -> int:
    """How much a text looks like Vietnamese: common words and well-formed accented words count for,
    words holding letters Vietnamese does not have count against."""
    total = 0
    for word in re.findall(r"\w+", text):
        if word.isascii():
            continue
        if word.lower() in _COMMON_WORDS:
            total += 3
        elif all(_is_viet_letter(ch) for ch in word):
            total += 1
        else:
            total -= 2
    # Stray marks, control characters and symbols inside words are what a wrong decoding leaves.
    total -= 2 * len(re.findall(r"[\u0080-\u009f\u00a1-\u00bf\u00d7\u00f7]", text))
    return total


def tcvn3_to_unicode(raw: bytes) -> str:
    return _cp1252(raw).translate(_TCVN3_FROM_GLYPHS)


def tcvn3_glyphs_to_unicode(text: str) -> str:
    """TCVN3 text as its font's glyphs were stored in Unicode (a .VnTime run in a .docx) → Unicode."""
    return text.translate(_TCVN3_FROM_GLYPHS)


def vni_to_unicode(text: str) -> str:
    """VNI glyph text (the bytes read as cp1252) → Unicode NFC."""

    def pair(m: re.Match[str]) -> str:
        base, mod = m.group(1), m.group(2).upper()
        upper = base.isupper()
        if base in "ÔôÖö":
            return _compose(VNI_SINGLE[base.upper()], VNI_TONES.get(mod, ""), upper) + (
                "" if mod in VNI_TONES else m.group(2)
            )
        if mod in VNI_TONES:
            return _compose(base, VNI_TONES[mod], upper)
        if mod in VNI_CIRCUMFLEX and base in "AaEeOo":
            return _compose(base, _CIRC + VNI_CIRCUMFLEX[mod], upper)
        if mod in VNI_BREVE and base in "Aa":
            return _compose(base, _BREVE + VNI_BREVE[mod], upper)
        return m.group(0)

    text = _VNI_PAIR.sub(pair, text)
    text = _VNI_SINGLE_RE.sub(lambda m: _single(m.group(0)), text)
    return unicodedata.normalize(_NFC, text)


def _single(ch: str) -> str:
    out = VNI_SINGLE[ch.upper()]
    return out if ch.isupper() else out.lower()


def _compose(base: str, marks: str, upper: bool) -> str:
    composed = unicodedata.normalize(_NFC, base + marks)
    return composed.upper() if upper else composed.lower()


def _cp1252_char(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([b]).decode("latin-1")


def _cp1252(raw: bytes) -> str:
    """cp1252, with its five undefined bytes read as Latin-1 so that nothing fails."""
    return raw.decode("latin-1").translate(_CP1252_FROM_LATIN1)


_CP1252_FROM_LATIN1 = {b: _cp1252_char(b) for b in range(0x80, 0xA0)}
# TCVN3 byte → letter, keyed by the character that byte is in cp1252 (how a .VnTime run is stored).
_TCVN3_FROM_GLYPHS = {ord(_cp1252_char(b)): ch for b, ch in TCVN3.items()}


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 is recognised by its NUL bytes: ASCII characters leave one in every other position."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even_nuls = raw[0::2].count(0) / (len(raw) / 2)
    odd_nuls = raw[1::2].count(0) / (len(raw) / 2)
    codec = "utf-16-le" if odd_nuls > 0.3 and even_nuls < 0.05 else None
    codec = "utf-16-be" if even_nuls > 0.3 and odd_nuls < 0.05 else codec
    if codec is None:
        return None
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _legacy_candidates(raw: bytes) -> list[tuple[str, str]]:
    out = []
    try:
        out.append(("cp1258", unicodedata.normalize(_NFC, raw.decode("cp1258"))))
    except UnicodeDecodeError:
        pass
    out.append(("tcvn3", unicodedata.normalize(_NFC, tcvn3_to_unicode(raw))))
    out.append(("vni", vni_to_unicode(_cp1252(raw))))
    return out


_LEGACY_NAMES = {"cp1258": "Windows-1258", "tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows"}


def legacy_glyphs(text: str) -> Decoded | None:
    """Unicode text that is really TCVN3/VNI glyphs stored as Latin-1 letters ("Quyeát ñònh"): pasted
    from a legacy font, or extracted from a PDF or Word file set in one. Each stretch of lines made only
    of such letters is judged on its own, so a Unicode header above a legacy body does not hide it."""
    if text.isascii():
        return None
    lines = text.split("\n")
    out: list[str] = []
    found: list[str] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and _latin(lines[end]):
            end += 1
        if end == start:
            out.append(lines[start])
            start += 1
            continue
        block = "\n".join(lines[start:end])
        converted = _legacy_block(block) if not block.isascii() else None
        out.append(converted[1] if converted else block)
        if converted and converted[0] not in found:
            found.append(converted[0])
        start = end
    if not found:
        return None
    names = " and ".join(_LEGACY_NAMES[name] for name in found)
    warning = f"text typed in the {names} font encoding: converted to Unicode"
    return Decoded("\n".join(out), found[0], (warning,))


# A character Windows-1252 cannot encode (what `str.encode("cp1252")` refuses), found in one regex search.
_NOT_CP1252 = re.compile("[^" + re.escape("".join(
    ch for ch in (bytes([b]).decode("cp1252", errors="ignore") for b in range(256)) if ch)) + "]")


def _latin(line: str) -> bool:
    """Whether the line encodes in Windows-1252 (each character does: the codec maps one by one)."""
    return _NOT_CP1252.search(line) is None


def _legacy_block(text: str) -> tuple[str, str] | None:
    raw = text.encode("cp1252")
    base = score(text)
    name, best = max(
        ((name, t) for name, t in _legacy_candidates(raw) if name != "cp1258"),
        key=lambda c: score(c[1]),
    )
    if score(best) > max(base, 0) + 5 and score(best) > 2 * abs(base):
        return name, best
    return None


def _clean_controls(text: str) -> tuple[str, tuple[str, ...]]:
    """Word's vertical tab is a line break; a DOS end-of-file mark is dropped; other control
    characters mean the file is not text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x1a", "")
    bad = re.findall(r"[\x00-\x08\x0e-\x1f\x7f]", text)
    if len(bad) > max(2, len(text) // 200):
        raise ParseError("binary file, not text (control bytes found)")
    if bad:
        text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", text)
        return text, (f"{len(bad)} control character(s) removed",)
    return text, ()


def decode(raw: bytes) -> Decoded:
    """The text of a plain-text file; ParseError when the bytes are not text in a known encoding."""
    decoded = _decode(raw)
    text, warnings = _clean_controls(nfc(decoded.text))
    return Decoded(text, decoded.encoding, decoded.warnings + warnings)


def _decode(raw: bytes) -> Decoded:
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(raw[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ParseError(f"undecodable bytes at offset {exc.start + 3}: the file claims UTF-8 but is not")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return _after_utf16_bom(raw, codec)
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return Decoded(utf16, "utf-16", ("UTF-16 without byte-order mark: guessed from its NUL bytes",))
    if b"\x00" in raw:
        raise ParseError("binary file, not text (NUL bytes found)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_legacy(raw, exc.start)
    return legacy_glyphs(text) or Decoded(text, "utf-8")


def _after_utf16_bom(raw: bytes, codec: str) -> Decoded:
    """The text after a UTF-16 byte-order mark. Bytes that are really UTF-8 (a BOM pasted in front of a
    UTF-8 file) decode as UTF-16 without error but to CJK garbage: caught by the share of characters that
    can stand in a Vietnamese text, then read as UTF-8 with a warning, or refused."""
    try:
        text: str | None = raw[2:].decode(codec)
    except UnicodeDecodeError as exc:
        text, broken = None, exc.start + 2
    if text is not None and _plausible(text):
        return Decoded(text, codec)
    try:
        utf8 = raw[2:].decode("utf-8")
    except UnicodeDecodeError:
        if text is None:
            raise ParseError(f"undecodable bytes at offset {broken}: broken {codec.upper()}") from None
        raise ParseError(f"the file claims {codec.upper()} (byte-order mark) but its text is not") from None
    return Decoded(utf8, "utf-8", (f"a {codec.upper()} byte-order mark before UTF-8 text: read as UTF-8",))


def _plausible(text: str) -> bool:
    """Most characters of a real document are Latin letters (Vietnamese included), digits, punctuation or space."""
    sample = text[:4000]
    if not sample:
        return True
    latin = sum(ch < "\u0250" or "\u1e00" <= ch <= "\u1eff" or "\u2000" <= ch <= "\u206f" for ch in sample)
    return latin / len(sample) >= 0.6


def _decode_legacy(raw: bytes, bad_offset: int) -> Decoded:
    candidates = _legacy_candidates(raw)
    # `max` keeps the first of equals: on a tie the real code page (cp1258) wins over the font encodings.
    name, text = max(candidates, key=lambda c: score(c[1]))
    words = [w for w in re.findall(r"\w+", text) if not w.isascii()]
    good = sum(all(_is_viet_letter(ch) for ch in w) for w in words)
    if not words and candidates[0][0] == "cp1258" and not re.search(r"[\u0080-\u009f]", candidates[0][1]):
        return Decoded(candidates[0][1], "cp1258", ("not UTF-8: decoded as Windows-1258",))
    if not words or good < 0.8 * len(words) or score(text) <= 0:
        return _mostly_utf8(raw, bad_offset)
    if name == "cp1258":
        return Decoded(text, name, ("not UTF-8: decoded as Windows-1258",))
    return Decoded(text, name, (f"text in the legacy {_LEGACY_NAMES[name]} encoding: converted to Unicode",))


def _mostly_utf8(raw: bytes, bad_offset: int) -> Decoded:
    """UTF-8 with a few broken bytes (a file cut or pasted together) keeps its text, the bytes replaced;
    anything else is not text we can read."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - raw.decode("utf-8", errors="ignore").count("\ufffd")
    if broken <= max(1, len(raw) // 2000) and score(text) > 0:
        return Decoded(
            text, "utf-8", (f"{broken} undecodable byte(s) replaced, the first at offset {bad_offset}",)
        )
    raise ParseError(
        f"undecodable bytes at offset {bad_offset}: not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI text"
    )


def to_cp1258(text: str) -> bytes:
    """Unicode → Windows-1258 the way Windows writes it: a precomposed letter where the code page has
    one, else the base letter (with its shape mark) followed by a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize(_NFC, text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize(_NFC, "".join(c for c in nfd if c not in _TONE_MARKS))
            tones = "".join(c for c in nfd if c in _TONE_MARKS)
            out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


_TONE_MARKS = frozenset(_GRAVE + _ACUTE + _HOOK + _TILDE + _DOT)


def read(raw: bytes, path: Path) -> SourceText:
    """The reader for .txt and .md files."""
    decoded = decode(raw)
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    return SourceText(decoded.text, fmt, decoded.warnings)
