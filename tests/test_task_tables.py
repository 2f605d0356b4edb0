"""Task tables wherever they are (issue 9, cause 3): every row of a table whose header names a lead body
is a task of its own — lead → chu_tri (or the role the lead column names), co-ordinators → phoi_hop, the
deadline of the time column, the product — also when the whole table sits in one unit (a Phụ lục after the
signature block), when one body leads many rows, when row numbers restart under group rows, and when cells
are merged (a blank cell takes the one above) or elided.

The rows are written after real tables: a Bắc Ninh plan's Phụ lục (TT | Chỉ tiêu | Chủ trì), a national
plan on air quality (STT | Cơ quan chủ trì | Cơ quan phối hợp | ... | Thời hạn hoàn thành) and a provincial
plan on planning data (TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Kết quả).
"""

from __future__ import annotations

import pytest

from kb.duties.actors import load_registry
from kb.duties.extract import extract_duties, says_more
from parsers import parse_text

PLAN_WITH_ANNEX = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH

KẾ HOẠCH
Phát triển kinh tế số

I. TỔ CHỨC THỰC HIỆN

1. Các sở, ngành triển khai nhiệm vụ được giao tại Phụ lục.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

PHỤ LỤC
PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU
(Kèm theo Kế hoạch số 144/KH-UBND)

| TT | Chỉ tiêu | Chủ trì | Thời gian |
|---|---|---|---|
| I. Kinh tế số | | | |
| 1 | Kinh tế số chiếm 45% GRDP tỉnh. | Sở Tài chính | Năm 2030 |
| 2 | Tỷ lệ doanh nghiệp ứng dụng công nghệ số đạt 60% | Sở Khoa học và Công nghệ | Thường xuyên |
| 3 | Tỷ lệ doanh nghiệp đổi mới sáng tạo đạt 40% | Sở Khoa học và Công nghệ | Tháng 12/2025 |
| II. Xã hội số | | | |
| 1 | Tỷ lệ phủ sóng 5G đạt 100% dân số. | Sở Khoa học và Công nghệ | Năm 2026 |
| 2 | Tỷ lệ người dân có tài khoản định danh điện tử đạt 80%. | Công an tỉnh | Quý IV/2026 |
"""


def _duties(text: str) -> list:
    result = parse_text(text, source="plan.md", fmt="md")
    return [d for doc in result.documents for d in extract_duties(result, doc, "t")]


def _key(deadline) -> str:
    if deadline is None:
        return "-"
    return deadline.date or deadline.recurrence or ("rel" if deadline.kind == "relative" else "-")


def test_every_row_of_an_annex_table_is_a_task() -> None:
    got = sorted((d.actor, d.role, _key(d.deadline), d.action) for d in _duties(PLAN_WITH_ANNEX)
                 if d.action != "triển khai nhiệm vụ được giao tại Phụ lục")
    assert got == sorted([
        ("so_tai_chinh", "chu_tri", "2030", "Kinh tế số chiếm 45% GRDP tỉnh."),
        # one body leading three rows has three tasks, each with its own deadline
        ("so_khoa_hoc_cong_nghe", "chu_tri", "thuong_xuyen", "Tỷ lệ doanh nghiệp ứng dụng công nghệ số đạt 60%"),
        ("so_khoa_hoc_cong_nghe", "chu_tri", "2025-12", "Tỷ lệ doanh nghiệp đổi mới sáng tạo đạt 40%"),
        ("so_khoa_hoc_cong_nghe", "chu_tri", "2026", "Tỷ lệ phủ sóng 5G đạt 100% dân số."),
        ("cong_an_tinh", "chu_tri", "2026-Q4", "Tỷ lệ người dân có tài khoản định danh điện tử đạt 80%."),
    ])


MERGED = """KẾ HOẠCH
Kiểm soát ô nhiễm không khí

| STT | Cơ quan chủ trì | Cơ quan phối hợp | Nội dung nhiệm vụ | Thời hạn hoàn thành |
|---|---|---|---|---|
| A. | BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG | | | |
| 1 | Bộ Nông nghiệp và Môi trường | Bộ Xây dựng | Hoàn thiện quy chuẩn khí thải | Năm 2026 |
| | | | Xây dựng quy chế phối hợp liên vùng | Thường xuyên |
| B. | BỘ Y TẾ | | | |
| Bộ Y tế | Bộ Nông nghiệp và Môi trường | Tăng cường bảo vệ sức khỏe cộng đồng | Giai đoạn 2026 - 2030 |
"""


def test_merged_cells_take_the_one_above_and_an_elided_row_number_keeps_the_columns() -> None:
    got = sorted((d.actor, d.role, _key(d.deadline), d.action) for d in _duties(MERGED))
    assert got == sorted([
        ("bo_nong_nghiep_moi_truong", "chu_tri", "2026", "Hoàn thiện quy chuẩn khí thải"),
        ("bo_xay_dung", "phoi_hop", "2026", "Hoàn thiện quy chuẩn khí thải"),
        # the lead and partner cells are merged over the second row; its own time is its own
        ("bo_nong_nghiep_moi_truong", "chu_tri", "thuong_xuyen", "Xây dựng quy chế phối hợp liên vùng"),
        ("bo_xay_dung", "phoi_hop", "thuong_xuyen", "Xây dựng quy chế phối hợp liên vùng"),
        # the row number merged away: lead, partners, content and time stay in their columns
        ("bo_y_te", "chu_tri", "2030", "Tăng cường bảo vệ sức khỏe cộng đồng"),
        ("bo_nong_nghiep_moi_truong", "phoi_hop", "2030", "Tăng cường bảo vệ sức khỏe cộng đồng"),
    ])


SENTENCE_CELLS = """KẾ HOẠCH
Dữ liệu mở

| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Công bố dữ liệu mở | Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố dữ liệu mở | | Hằng năm |
| 2 | Đào tạo kỹ năng số | Sở Khoa học và Công nghệ, Trung tâm Chuyển đổi số Thành phố | Sở Nội vụ | Năm 2025-2030 |
"""


def test_a_lead_cell_that_is_a_sentence_gives_each_body_its_own_role() -> None:
    got = sorted((d.actor, d.role, _key(d.deadline)) for d in _duties(SENTENCE_CELLS))
    assert got == sorted([
        ("so_khoa_hoc_cong_nghe", "chu_tri", "hang_nam"),  # "chủ trì hướng dẫn": it leads
        ("cac_so_ban_nganh", "thuc_hien", "hang_nam"),
        ("ubnd_cap_xa", "thuc_hien", "hang_nam"),
        # a cell of names only leads the row: "Chuyển" inside a body's name is no verb; a body the actor list
        # lacks leads it too (a lead cell names bearers only)
        ("so_khoa_hoc_cong_nghe", "chu_tri", "2030"),
        ("trung_tam_chuyen_doi_so_thanh_pho", "chu_tri", "2030"),
        ("so_noi_vu", "phoi_hop", "2030"),
    ])


@pytest.mark.parametrize(("cell", "expected"), [
    ("Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố dữ liệu", True),
    ("Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu", True),
    ("Sở Giáo dục và Đào tạo; Sở Nội vụ", False),
    ("Sở Khoa học và Công nghệ, Trung tâm Chuyển đổi số Thành phố", False),
    ("UBND các xã, phường, đặc khu", False),
    ("Công an tỉnh", False),
])
def test_a_lead_cell_says_more_than_names_when_a_verb_follows(cell: str, expected: bool) -> None:
    assert says_more(cell, load_registry()) is expected
