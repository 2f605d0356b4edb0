"""A text the citing text says ends ("... hết hiệu lực kể từ ngày Luật này có hiệu lực") is repealed whole by
it: a "thay_the" reference without a pinpoint, as "bãi bỏ Quyết định số ..." is. Sentences from laws and a
resolution of ../shared (Luật 80/2015/QH13, 14/2017/QH14, 75/2015/QH13, 46/2010/QH12, an UBTVQH resolution) and
negatives where the text does not end, written out here."""

from __future__ import annotations

import pytest

from kb.citations.find import references_in_text

CASES = [
    (("3. Luật ban hành văn bản quy phạm pháp luật số 17/2008/QH12 và Luật ban hành văn bản quy phạm pháp luật của "
     "Hội đồng nhân dân, Ủy ban nhân dân số 31/2004/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."),
     {"17/2008/QH12": "thay_the", "31/2004/QH11": "thay_the"}),
    (("2. Pháp lệnh quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ số 16/2011/UBTVQH12 và Pháp lệnh sửa đổi, "
     "bổ sung một số điều của Pháp lệnh quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ số 07/2013/UBTVQH13 "
     "hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."),
     {"16/2011/UBTVQH12": "thay_the", "07/2013/UBTVQH13": "thay_the"}),
    ("2. Luật Mặt trận Tổ quốc Việt Nam số 14/1999/QH10 hết hiệu lực thi hành từ ngày Luật này có hiệu lực.",
     {"14/1999/QH10": "thay_the"}),
    (("2. Nghị quyết số 560/NQ-UBTVQH15 ngày 22 tháng 7 năm 2022 của Ủy ban Thường vụ Quốc hội hết hiệu lực kể từ "
     "ngày Nghị quyết này có hiệu lực thi hành."),
     {"560/NQ-UBTVQH15": "thay_the"}),
    (("Kể từ ngày Quyết định này có hiệu lực, Quyết định số 12/2019/QĐ-UBND ngày 10/5/2019 của Ủy ban nhân dân tỉnh "
     "hết hiệu lực."),
     {"12/2019/QĐ-UBND": "thay_the"}),
    # not an end of the whole text, or not said by the citing text
    ("Các quy định tại Quyết định số 12/2019/QĐ-UBND trái với Quyết định này hết hiệu lực.",
     {"12/2019/QĐ-UBND": "dan_chieu"}),
    ("Trường hợp Nghị định số 10/2020/NĐ-CP hết hiệu lực thì áp dụng theo văn bản thay thế.",
     {"10/2020/NĐ-CP": "dan_chieu"}),
    ("1. Hồ sơ thực hiện theo Nghị định số 10/2020/NĐ-CP; Quyết định này hết hiệu lực kể từ ngày 31/12/2026.",
     {"10/2020/NĐ-CP": "dan_chieu"}),
    ("Sở Tư pháp báo cáo việc Thông tư số 04/2021/TT-BTP hết hiệu lực kể từ ngày 01/7/2025.",
     {"04/2021/TT-BTP": "dan_chieu"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_a_text_said_to_end_is_repealed_whole(text: str, expected: dict[str, str]) -> None:
    own = next((t for t in ("Luật", "Nghị quyết", "Quyết định") if f"{t} này" in text), None)
    refs = references_in_text(text, "art_9__para_2", doc_type=own)
    got = {r.target_doc: r.relation for r in refs if r.target_doc in expected}
    assert got == expected
    assert all(r.target_eid is None for r in refs if r.target_doc in expected)
