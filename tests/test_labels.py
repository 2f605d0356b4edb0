"""kb.labels: codes, eids, dates and structured deadlines as a Vietnamese reader writes them."""

from __future__ import annotations

import pytest

from kb import labels
from kb.store.portal import capacity

EIDS = [
    ("art_5__para_2", "khoản 2 Điều 5"),
    ("art_3__para_1__point_a", "điểm a khoản 1 Điều 3"),
    ("annex_I", "Phụ lục I"),
    ("annex__form_01", "Mẫu số 01 tại Phụ lục"),
    ("annex_II__form_02", "Mẫu số 02 tại Phụ lục II"),
    ("sec_II__item_1__subitem_1.2", "mục 1.2 Mục II"),
    ("chp_II", "Chương II"),
    ("zzz", "điều khoản được yêu cầu"),
]


@pytest.mark.parametrize(("eid", "expected"), EIDS)
def test_eid_address(eid: str, expected: str) -> None:
    assert labels.eid_address(eid) == expected


DATES = [
    ("2022-01-13", "13/01/2022"),
    ("--12-18", "18/12"),
    ("2025-Q3", "Quý III/2025"),
    ("2021-09", "tháng 9/2021"),
    ("--06", "tháng 6"),
    ("2030", "năm 2030"),
    (None, ""),
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_format_date(value: str | None, expected: str) -> None:
    assert labels.format_date(value) == expected


DEADLINES = [
    (("--12-18", None, "hang_nam"), "trước ngày 18/12 hằng năm"),
    (("2025-Q3", None, None), "trong Quý III/2025"),
    ((None, 20, None), "trong 20 ngày"),
    ((None, None, "hang_nam"), "hằng năm"),
    ((None, None, None), ""),
]


@pytest.mark.parametrize(("value", "expected"), DEADLINES)
def test_deadline_words(value: tuple, expected: str) -> None:
    assert labels.deadline_words(*value) == expected


ROLES = [("chu_tri", "Chủ trì"), ("phoi_hop", "Phối hợp"), ("bao_cao", "Báo cáo"), ("de_nghi", "Đề nghị")]


@pytest.mark.parametrize(("code", "expected"), ROLES)
def test_roles(code: str, expected: str) -> None:
    assert labels.label(labels.ROLE, code) == expected


CAPACITIES = [
    ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Chủ tịch"),
    ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"),
]


@pytest.mark.parametrize(("text", "expected"), CAPACITIES)
def test_signer_capacity(text: str, expected: str) -> None:
    assert capacity(text) == expected


def test_actor_ids_become_names() -> None:
    assert labels.actor_name("ubnd_cap_xa") == "Ủy ban nhân dân cấp xã"
    assert labels.actor_name("khong_ai_biet") == "Khong ai biet"


SHORT_NAMES = [
    ("Ủy ban nhân dân cấp xã", "UBND cấp xã"),
    ("Văn phòng HĐND và UBND cấp xã", "VP HĐND và UBND cấp xã"),
    ("Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch UBND tỉnh"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQVN tỉnh"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
    ("Hội đồng nhân dân thành phố", "HĐND TP."),
    ("Sở Tư pháp", "Sở Tư pháp"),
]


@pytest.mark.parametrize(("name", "expected"), SHORT_NAMES)
def test_short_name(name: str, expected: str) -> None:
    assert labels.short_name(name) == expected
