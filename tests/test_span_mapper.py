"""The span mapper of `kb.citations.find` (rejoined node text → source offsets) finds each character
where a one-by-one search finds it: the reference below is that search, as the mapper was first written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.citations.find import _SpanMapper


def _reference(text: str, source: str, lo: int, hi: int) -> list[int]:
    out, j = [], lo
    for ch in text:
        if ch.isspace():
            out.append(-1)
            continue
        k = source.find(ch, j, hi)
        if k < 0:
            out.append(-1)
            continue
        out.append(k)
        j = k + 1
    return out


def _reference_pos(chars: list[int], i: int, forward: bool) -> int | None:
    rng = range(i, len(chars)) if forward else range(min(i, len(chars) - 1), -1, -1)
    return next((chars[k] for k in rng if chars[k] >= 0), None)


ALPHABET = st.sampled_from(list("ab Đđ*|\n\t\u00a0\u3000x.1"))


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.text(ALPHABET, max_size=60), st.integers(0, 8), st.integers(0, 70))
def test_the_mapper_finds_what_a_one_by_one_search_finds(text: str, source: str, lo: int, hi: int) -> None:
    mapper = _SpanMapper(text, source, lo, hi)
    mapper.offset = None  # the mapping itself, also where the text is found verbatim
    chars = _reference(text, source, lo, hi)
    for i in range(-1, len(text) + 2):  # a span's start is never negative, its end - 1 may be
        if i >= 0:
            assert mapper._pos(i, True) == _reference_pos(chars, i, True), (i, True)
        assert mapper._pos(i, False) == _reference_pos(chars, i, False), (i, False)


def test_a_rejoined_text_maps_past_markup_and_line_breaks() -> None:
    source = "**Điều 3. **Chánh\nVăn phòng Ủy ban, Giám đốc các Sở,\nđơn vị trực thuộc"
    text = "Chánh Văn phòng Ủy ban, Giám đốc các Sở, đơn vị trực thuộc"
    mapper = _SpanMapper(text, source, 0, len(source))
    assert mapper.offset is None
    span = mapper.span(text.index("Văn"), text.index("Sở,") + 2)
    assert source[span.start:span.end] == "Văn phòng Ủy ban, Giám đốc các Sở"
    assert (span.line, mapper.span(0, len(text)).end) == (2, len(source))
