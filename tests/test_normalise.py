"""Normalisation for matching: one tone placement, NFC, diacritic folding (đ → d)."""

import unicodedata

import pytest

from parsers.normalise import fold, match_key, normalise

CASES = [
    ("hoà bình", "hòa bình"),
    ("thuỷ lợi", "thủy lợi"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("quý I", "quý I"),  # after q the tone has one place only
    ("hoàn thành", "hoàn thành"),  # closed syllable: unchanged
    ("Sở\tTư   pháp ", "Sở Tư pháp"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert normalise(unicodedata.normalize("NFD", raw)) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Sở Tư pháp", "so tu phap"), ("ĐIỀU 5", "dieu 5"), ("Ủy ban", "uy ban"), ("Uỷ ban", "uy ban")],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_match_key_ignores_case_and_tone_placement() -> None:
    assert match_key("HOÀ BÌNH") == match_key("hòa bình")
