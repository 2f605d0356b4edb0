"""Vietnamese text normalisation for matching; the original text is always kept for display.

- `normalise`: NFC, one tone-mark placement (hoà → hòa, thuỷ → thủy, khoẻ → khỏe), whitespace folded.
- `match_key`: `normalise` then case-folded: equal keys mean "the same words".
- `fold`: `match_key` without any diacritics, đ → d: what people type without accents.
"""

from __future__ import annotations

import re
import unicodedata

# The five tone marks as combining characters (NFD).
TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_RE = re.compile(f"[{TONES}]")
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# Syllables whose tone placement varies between the "old" (hòa) and "new" (hoà) styles: the open
# diphthongs oa, oe, uy (not after q: "quý" has one placement only). We keep the old style, which
# Ủy ban, hòa, thủy use in most official texts.
_OPEN_DIPHTHONG = re.compile(r"^([^aeiouy]*?)(o[ae]|uy)$", re.IGNORECASE)


def _retone_word(word: str) -> str:
    nfd = unicodedata.normalize("NFD", word)
    tones = _TONE_RE.findall(nfd)
    if len(tones) != 1:
        return word
    bare = _TONE_RE.sub("", nfd)
    m = _OPEN_DIPHTHONG.match(bare)
    if not m or m.group(1).lower().endswith("q"):
        return word
    onset, nucleus = m.group(1), m.group(2)
    fixed = onset + nucleus[0] + tones[0] + nucleus[1]
    return unicodedata.normalize("NFC", fixed)


def normalise(text: str) -> str:
    """NFC, one tone placement, runs of spaces/tabs folded to one space, ends trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = _WORD_RE.sub(lambda m: _retone_word(m.group(0)), text)
    return _SPACE_RE.sub(" ", text).strip()


def match_key(text: str) -> str:
    return normalise(text).casefold()


def strip_diacritics(text: str) -> str:
    """Remove every diacritic, đ/Đ → d/D; keeps case and everything else."""
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """What a user types without accents: 'Sở Tư pháp' → 'so tu phap'."""
    return strip_diacritics(normalise(text)).casefold()
