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
from kb.duties.extract import _cells, _header, bearer_column, extract_duties, says_more
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
        # a cell of names only leads the row: "Chuyển" inside a body's name is no verb
        ("so_khoa_hoc_cong_nghe", "chu_tri", "2030"),
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


# Header cells recognised by their form (a head noun for who + a role word, a role alone, the head noun alone
# beside a column of work), from the task tables of several documents: a ministry's plan (Cơ quan chủ trì[1]),
# a provincial plan on planning data, a Quy chế of internal procedures (Cơ quan, bộ phận, người thực hiện;
# Đơn vị/ Người thực hiện), a Quyết định publishing administrative procedures (Địa điểm/Cơ quan thực hiện;
# Cơ quan, đơn vị thực hiện), a procedure table (Trách nhiệm thực hiện), a Thông báo's annex (Bộ phụ trách
# tiếp nhận, xử lý) and the National Assembly's review table (Cơ quan chủ trì thẩm tra).
@pytest.mark.parametrize(("cell", "expected"), [
    ("Cơ quan chủ trì", ("chu_tri", False)),
    ("Cơ quan chủ trì[1]", ("chu_tri", False)),
    ("Đơn vị chủ trì", ("chu_tri", False)),
    ("Cơ quan, đơn vị chủ trì", ("chu_tri", False)),
    ("Chủ trì", ("chu_tri", False)),
    ("Chủ trì thực hiện", ("chu_tri", False)),
    ("Cơ quan chủ trì thẩm tra", ("chu_tri", False)),
    ("Cơ quan thực hiện", ("thuc_hien", False)),
    ("Đơn vị thực hiện", ("thuc_hien", False)),
    ("Cơ quan, đơn vị thực hiện", ("thuc_hien", False)),
    ("Cơ quan, bộ phận, người thực hiện", ("thuc_hien", False)),
    ("Đơn vị/ Người thực hiện", ("thuc_hien", False)),
    ("Địa điểm/Cơ quan thực hiện", ("thuc_hien", False)),
    ("Bộ phận phụ trách", ("thuc_hien", False)),
    ("Bộ phụ trách tiếp nhận, xử lý", ("thuc_hien", False)),
    ("Sở chủ trì", ("chu_tri", False)),
    ("Trách nhiệm thực hiện", ("thuc_hien", False)),
    ("Cơ quan giải quyết TTHC", ("thuc_hien", False)),
    ("Cơ quan tham mưu", ("tham_muu", False)),
    ("Cơ quan phối hợp", ("phoi_hop", False)),
    ("Đơn vị phối hợp", ("phoi_hop", False)),
    ("Phối hợp", ("phoi_hop", False)),
    ("Cơ quan tham gia thẩm tra", ("phoi_hop", False)),
    ("Bộ phận", ("thuc_hien", True)),
    ("Trách nhiệm", ("thuc_hien", True)),
    # no bearer: a unit of measure, a workplace, a data column, an issuer, a rate
    ("Đơn vị tính", None),
    ("Đơn vị công tác", None),
    ("Cơ quan thuế", None),
    ("Cơ quan cấp", None),
    ("người/ngày", None),
    ("Thời gian hoàn thành", None),
    ("Sản phẩm", None),
    ("Thẩm quyền giải quyết", None),
    ("Người quản lý trực tiếp đánh giá, xếp loại", None),
    ("Thực hiện qua dịch vụ công trực tuyến", None),
])
def test_a_bearer_column_is_read_by_its_form(cell: str, expected: tuple[str, bool] | None) -> None:
    assert bearer_column(cell) == expected


@pytest.mark.parametrize(("row", "lead", "role", "partners", "deadline", "content"), [
    ("TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian dự kiến hoàn thành | Kết quả dự kiến", 2, "chu_tri", 3, 4, 1),
    ("STT | Cơ quan chủ trì | Cơ quan phối hợp | Nội dung nhiệm vụ | Thời hạn hoàn thành", 1, "chu_tri", 2, 4, 3),
    ("STT | Tên dự án | Cơ quan trình | Cơ quan chủ trì thẩm tra | Cơ quan tham gia thẩm tra | Tiến độ trình", 3, "chu_tri", 4, 5, 1),
    ("TT | Cơ quan, bộ phận, người thực hiện | Nội dung công việc | Thời gian", 1, "thuc_hien", None, 3, 2),
    ("TT | Bộ phận | Nội dung công việc | Thời gian", 1, "thuc_hien", None, 3, 2),
    ("Số TT | Trình tự | Trách nhiệm thực hiện | Thời gian thực hiện", 2, "thuc_hien", None, 3, 1),
    ("TT | Mã TTHC | Tên TTHC | Địa điểm/Cơ quan thực hiện | Thời hạn giải quyết | Phí, lệ phí", 3, "thuc_hien", None, 4, 2),
    ("STT | Nội dung kiến nghị | Bộ phụ trách tiếp nhận, xử lý", 2, "thuc_hien", None, None, 1),
    ("Nhiệm vụ | Đơn vị chủ trì", 1, "chu_tri", None, None, 0),
])
def test_a_task_table_header_of_any_form(row: str, lead: int, role: str, partners: int | None, deadline: int | None,
                                          content: int) -> None:
    columns = _header(_cells(row), load_registry())
    assert columns is not None
    assert (columns.lead, columns.lead_role, columns.partners, columns.deadline, columns.content) == (
        lead, role, partners, deadline, content)


@pytest.mark.parametrize("row", [
    "STT | Họ và tên | Ngày sinh | Chức vụ | Đơn vị công tác | Điện thoại",  # a list of people
    "Số TT | Tên đồ dùng | Đơn vị tính | Số lượng",  # an inventory
    "STT | Cơ quan thuế | Số chứng từ phải cung cấp thông tin | Số chứng từ đã cung cấp",  # figures per body
    "TT | Địa phương | Tỷ lệ vốn đối ứng ngân sách địa phương (%) | Ghi chú",  # the head noun alone, no work
    "5 | Cơ quan tham mưu | Đóng dấu vào sổ, chuyển Trụ sở Tiếp công dân tỉnh. | 0,5 ngày",  # a row
    "Bước 14 | Đăng tải thông tin dự án | Cơ quan được phân công | 05 ngày làm việc",  # a row
    "- Trưởng ban | 692 | người/ngày",  # a rate
    "Chủ trì cuộc họp | 500.000 đồng/người /buổi | 400.000 đồng/người/ buổi",  # a rate
    "Trách nhiệm | Bộ phận Tiếp nhận và Trả kết quả Sở Dân tộc & Tôn giáo | Cơ quan giải quyết hồ sơ",  # bodies
    "Trách nhiệm | Sở Tư pháp | Sở Nội vụ",  # columns that are bodies
])
def test_rows_that_are_not_task_table_headers(row: str) -> None:
    assert _header(_cells(row), load_registry()) is None


TWO_FORMS = """KẾ HOẠCH
Thực hiện kiến nghị

| STT | Nội dung kiến nghị | Bộ phụ trách tiếp nhận, xử lý | Thời hạn |
|---|---|---|---|
| 1 | Rà soát thủ tục cấp phép xây dựng | Bộ Xây dựng | 31/12/2025 |
| 2 | Hướng dẫn hoàn thuế giá trị gia tăng | Bộ Tài chính | 15 ngày làm việc |

| TT | Mã TTHC | Tên TTHC | Địa điểm/Cơ quan thực hiện | Thời hạn giải quyết |
|---|---|---|---|---|
| 1 | 1.014464 | Cấp giấy chứng nhận lưu hành tự do | Sở Tư pháp | 03 ngày làm việc kể từ khi nhận đủ hồ sơ |
"""


def test_rows_of_tables_headed_in_other_forms_are_tasks_with_their_time_cells() -> None:
    got = sorted((d.actor, d.role, _key(d.deadline) if d.deadline is None or d.deadline.days is None
                  else f"{d.deadline.days}d") for d in _duties(TWO_FORMS))
    assert got == sorted([
        ("bo_xay_dung", "thuc_hien", "2025-12-31"),  # a bare date in the time column
        ("bo_tai_chinh", "thuc_hien", "15d"),  # a bare count
        ("so_tu_phap", "thuc_hien", "3d"),
    ])


# A plan's task block labelled in the same forms as a table's columns.
BLOCK_FORMS = """KẾ HOẠCH
Chuyển đổi số

II. NHIỆM VỤ

1. Xây dựng cơ sở dữ liệu dân cư
- Cơ quan, đơn vị chủ trì: Công an tỉnh.
- Đơn vị phối hợp: Sở Tư pháp.
- Thời hạn: Quý IV/2026.

2. Đào tạo kỹ năng số cho cán bộ
- Chủ trì: Sở Nội vụ.
- Phối hợp: Sở Khoa học và Công nghệ.
- Thời gian hoàn thành: Năm 2026.

3. Tiếp nhận phản ánh của người dân
- Bộ phận phụ trách: Sở Tư pháp.
- Thời gian thực hiện: Thường xuyên.
"""


def test_a_task_block_labelled_in_any_bearer_form() -> None:
    got = sorted((d.eid, d.actor, d.role, _key(d.deadline)) for d in _duties(BLOCK_FORMS))
    assert got == sorted([
        ("sec_II__item_1", "cong_an_tinh", "chu_tri", "2026-Q4"),
        ("sec_II__item_1", "so_tu_phap", "phoi_hop", "2026-Q4"),
        ("sec_II__item_2", "so_noi_vu", "chu_tri", "2026"),
        ("sec_II__item_2", "so_khoa_hoc_cong_nghe", "phoi_hop", "2026"),
        ("sec_II__item_3", "so_tu_phap", "thuc_hien", "thuong_xuyen"),
    ])
