"""Document text and URL parameters shown through Streamlit's Markdown stay plain text (issue 14, item 4)."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from app_pages.markup import md

HOSTILE = [
    "Quy chế ![ảnh](http://evil.example/x.png)",
    "Quyết định [bấm vào đây](http://evil.example/)",
    "<img src=http://evil.example/y.png> **đậm** _nghiêng_",
    "Điều 5 `mã` :red[đỏ] $x^2$ ~~gạch~~",
    "# Tiêu đề\n- mục\n1. số",
    "art_5__para_2\\",
    "Sở Tư pháp (Phòng Văn bản) | bảng | 80/2025/NĐ-CP",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_marks_are_shown_not_read(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(md(text))
    assert not re.search(r"<(a|img|strong|em|code|h1|ul|ol|li|s)\b", rendered)
    plain = html.unescape(re.sub(r"</?p>", "", rendered)).strip()
    assert plain == " ".join(text.split())


def test_vietnamese_letters_are_untouched() -> None:
    assert md("Ủy ban nhân dân cấp xã") == "Ủy ban nhân dân cấp xã"


EID_ADDRESSES = [
    ("art_99", "Điều 99"),
    ("art_5__para_2__point_a", "điểm a khoản 2 Điều 5"),
    ("chp_II__art_7", "Điều 7 Chương II"),
    ("annex_I", "Phụ lục I"),
    ("![x](http://evil)", "điều khoản được yêu cầu"),
]


@pytest.mark.parametrize(("eid", "expected"), EID_ADDRESSES)
def test_an_eid_is_shown_as_people_cite_it(eid: str, expected: str) -> None:
    from kb.labels import eid_address

    assert eid_address(eid) == expected
