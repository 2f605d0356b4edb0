"""The type of text a document number's code names: one table for the citation finder, `kb check` and
the Lược đồ's entries for cited texts the KB does not hold."""

from __future__ import annotations

import pytest

from kb.numbers import type_of_number
from kb.store.portal import cited_name

TYPES = [
    ("80/2025/NĐ-CP", "Nghị định"),
    ("63/2020/QH14", "Luật"),
    ("03/2022/QĐ-UBND", "Quyết định"),
    ("05/2025/TT-BTP", "Thông tư"),
    ("01/2014/TTLT-BTP-BNV", "Thông tư liên tịch"),
    ("25-CTr/TU", "Chương trình"),
    ("123-KL/TW", "Kết luận"),
    ("190/2025/NQ-QH15", "Nghị quyết"),
    ("1034/UBTVQH15", "Nghị quyết"),
    ("23/CĐ-TTg", "Công điện"),
    ("45/KH-UBND", "Kế hoạch"),
    ("12/2025", None),
]


@pytest.mark.parametrize(("number", "expected"), TYPES)
def test_the_code_of_a_number_names_its_type(number: str, expected: str | None) -> None:
    assert type_of_number(number) == expected


@pytest.mark.parametrize(("number", "expected"), [
    ("80/2025/NĐ-CP", "Nghị định 80/2025/NĐ-CP"),
    ("21/2016/QĐ-UBND", "Quyết định 21/2016/QĐ-UBND"),
    ("25-CTr/TU", "Chương trình 25-CTr/TU"),
    ("12/2025", "12/2025"),
])
def test_a_cited_text_is_named_by_type_and_number(number: str, expected: str) -> None:
    assert cited_name(number) == expected
