"""Procedure tables (issue 9, cause 3): the "quy trình nội bộ" of a thủ tục hành chính, one row per step
("Bước N | who | what | time | ..."), in a Phụ lục after the signature block.

- a step row stays one row however many lines its cells hold ("1. Nộp hồ sơ:", "- Trường hợp ...", a Ghi
  chú of "- Trong thời hạn ..."): no false items cut out of a cell;
- a step row with its last cells left out (blank or merged) keeps its columns; a row whose step number
  and last cells are merged with the row above's too;
- its time column counts working days, or working hours at 8 a day ("16 giờ" → 2 days);
- the total row ("Tổng thời gian giải quyết ...") is no step.

Rows written after the procedure tables of a Nghệ An, a Cao Bằng, a Hà Nội, a Bắc Ninh and another
provincial Quyết định (corpus-wild 5298da2a, 80bb1f67, 82483d7f, a9e3b161, e1d32e33).
"""

from __future__ import annotations

import pytest

from kb.duties.extract import extract_duties
from parsers import parse_text
from parsers.clean import clean


def _duties(text: str, fmt: str = "md") -> list[tuple[str, str]]:
    result = parse_text(text, source="qd.md", fmt=fmt)
    out = []
    for doc in result.documents:
        for d in extract_duties(result, doc, "t"):
            days = d.deadline.days if d.deadline is not None else None
            out.append((d.actor, f"{days}d" if days is not None else "-"))
    return out


def _rows(text: str) -> list[str]:
    return [x.text for x in clean(text, "md").lines if x.table]


# "|" fragments as a converter writes a Word table: a row opens with "|", each cell ends with "|".
STEP_CELL_WITH_NUMBERED_LINES = """|
Thứ tự công việc
|
Nội dung công việc cụ thể
|
Đơn vị/ Người thực hiện
|
Thời gian thực hiện
|
|
Bước 1
|
1. Nộp hồ sơ:
- Nộp hồ sơ trực tuyến tại địa chỉ https://dichvucong.gov.vn/
- Trực tiếp hoặc qua dịch vụ bưu chính công ích đến:
+ Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh, địa chỉ: Tầng 1 và tầng 2 Khu liên cơ quan.
+ Trung tâm Phục vụ hành chính công cấp xã (trường hợp nộp hồ sơ không phụ thuộc vào địa giới hành chính).
2. Kiểm tra tính đầy đủ của hồ sơ theo quy định:
+ Trường hợp hồ sơ đầy đủ và hợp lệ, thực hiện số hoá thành phần hồ sơ, tiếp nhận hồ sơ theo quy định và chuyển ngay hồ sơ đến bộ phận chuyên môn để giải quyết.
+ Hồ sơ không đầy đủ, hợp lệ thì trả hồ sơ và hướng dẫn cá nhân, tổ chức bổ sung hồ sơ.
|
Công chức của Sở Tài chính tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công
|
0,25 ngày làm việc
|
|
Bước 2
|
Phân công chuyên viên thẩm định Hồ sơ theo quy định
|
Lãnh đạo Phòng ĐTTĐ&GSĐT
|
0,25 ngày làm việc
|
"""

STEP_WITH_NOTE_CELL = """|
CÁC BƯỚC
|
TRÌNH TỰ THỰC HIỆN
|
ĐƠN VỊ GIẢI QUYẾT
|
THỜI GIAN GIẢI QUYẾT
|
Ghi chú
|
|
Bước 1
|
Tiếp nhận hồ sơ, thẩm định hồ sơ
|
Chuyên viên Phòng Đổi mới sáng tạo
|
17 ngày
|
- Trong thời hạn 05 ngày làm việc cơ quan có thẩm quyền công nhận trả lời tổ chức về tính hợp lệ của hồ sơ.
- Trong thời hạn 15 ngày kể từ ngày nhận được hồ sơ hợp lệ, cơ quan có thẩm quyền công nhận xem xét ban hành quyết định công nhận và cấp Giấy công nhận hoặc từ chối công nhận.
- Trong trường hợp cần thiết, cơ quan có thẩm quyền công nhận thành lập Hội đồng tư vấn công nhận.
+ Trong thời hạn 05 ngày làm việc kể từ ngày họp hội đồng, cơ quan có thẩm quyền công nhận yêu cầu tổ chức giải trình, hoàn thiện hồ sơ.
|
|
Bước 2
|
Duyệt hồ sơ và trình Lãnh đạo Sở
|
Lãnh đạo Phòng Đổi mới sáng tạo
|
2 ngày
|
"""

STEP_CELL_WITH_BULLETS = """|
Thứ tự công việc
|
Đơn vị/người thực hiện
|
Nội dung công việc
|
Thời gian thực hiện (tính mỗi ngày 08 giờ làm việc)
|
Dịch vụ công trực tuyến
|
|
Bước 1
|
Công chức, viên chức tại Trung tâm Phục vụ hành chính công tỉnh, cấp xã
|
Kiểm tra, hướng dẫn, tiếp nhận hồ sơ:
- Trường hợp hồ sơ chưa đầy đủ hoặc không hợp lệ thì điền, gửi Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu số 02 của Phụ lục I Thông tư số 03/2025/TT-VPCP) cho tổ chức, cá nhân
- Trường hợp hồ sơ đầy đủ, hợp lệ thì số hoá hồ sơ vào Hệ thống thông tin giải quyết thủ tục hành chính tỉnh và điền, gửi Giấy Tiếp nhận hồ sơ và hẹn trả kết quả cho tổ chức, cá nhân;
- Trường hợp từ chối nhận hồ sơ thì lập, gửi Phiếu từ chối tiếp nhận hồ sơ cho tổ chức, cá nhân.
|
04 giờ
|
Toàn trình
|
|
Bước 2
|
Lãnh đạo UBND cấp xã
|
Ký phê duyệt văn bản xác nhận
|
16 giờ
|
"""


@pytest.mark.parametrize(("text", "first", "rows"), [
    (STEP_CELL_WITH_NUMBERED_LINES, "Bước 1 | 1. Nộp hồ sơ: - Nộp hồ sơ trực tuyến", 3),
    (STEP_WITH_NOTE_CELL, "Bước 1 | Tiếp nhận hồ sơ, thẩm định hồ sơ | Chuyên viên Phòng Đổi mới sáng tạo | 17 ngày | - Trong", 3),
    (STEP_CELL_WITH_BULLETS, "Bước 1 | Công chức, viên chức tại Trung tâm Phục vụ hành chính công tỉnh, cấp xã | Kiểm tra", 3),
])
def test_a_step_row_keeps_every_line_of_its_cells(text: str, first: str, rows: int) -> None:
    got = _rows(text)
    assert len(got) == rows  # the header and two steps: no line of a cell comes out on its own
    assert got[1].startswith(first)
    assert got[2].startswith("Bước 2 | ")


def test_no_false_items_cut_out_of_a_step_cell() -> None:
    text = "QUYẾT ĐỊNH\nQuy trình nội bộ\n\nI. Lĩnh vực đầu tư\n\n1. Trình tự chuẩn bị dự án\n" + STEP_CELL_WITH_NUMBERED_LINES
    result = parse_text(text, source="p.md", fmt="md")
    units = [n for d in result.documents for n in d.walk()]
    assert [n.eid for n in units] == ["sec_I", "sec_I__item_1"]  # "1. Nộp hồ sơ:" in the cell is no item
    assert units[1].text.split("\n")[1].startswith("Bước 1 | 1. Nộp hồ sơ: - Nộp hồ sơ trực tuyến")


PROCEDURE = """QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH

I. Khấu trừ kinh phí bồi thường, hỗ trợ, tái định cư

| Thứ tự công việc | Đơn vị/người thực hiện | Nội dung công việc | Thời gian thực hiện (tính mỗi ngày 08 giờ làm việc) | Dịch vụ công trực tuyến |
|---|---|---|---|---|
| Bước 1 | Trung tâm Phục vụ hành chính công tỉnh | Kiểm tra, hướng dẫn, tiếp nhận hồ sơ | 04 giờ | Toàn trình |
| Bước 2 | Lãnh đạo UBND cấp xã | Ký phê duyệt văn bản xác nhận số tiền bồi thường | 16 giờ | |
| Bước 3 | Chuyên viên phòng KGVX, Văn phòng UBND tỉnh | Xem xét, thẩm định xử lý hồ sơ, trình lãnh đạo Văn phòng | 112 giờ | |
| Tổng thời gian giải quyết TTHC | 168 giờ (tương đương 21 ngày) kể từ ngày nhận đủ hồ sơ theo quy định | | | |
"""

PROCEDURE_IN_DAYS = """QUY TRÌNH NỘI BỘ

I. Thủ tục công nhận trung tâm đổi mới sáng tạo

| Tên bước | Đơn vị/người thực hiện | Nội dung công việc | Thời hạn giải quyết (ĐVT: Ngày làm việc) | Biểu mẫu/ kết quả |
|---|---|---|---|---|
| Bước 4 | Lãnh đạo Sở Khoa học và Công nghệ | Ký duyệt hồ sơ và trình lãnh đạo UBND tỉnh | 2 ngày | Hồ sơ kèm theo dự thảo văn bản |
| Bước 5 | Văn thư Sở VHTTDL | Vào sổ văn bản, đóng dấu chuyển hồ sơ đến Văn phòng UBND tỉnh | 1 ngày | |
| | Lãnh đạo UBND tỉnh | Ký duyệt hồ sơ | 5 ngày | |
| Tổng thời gian giải quyết | 08 ngày làm việc | | | |
"""


def test_a_procedure_s_steps_are_tasks_of_their_bearers_with_working_hours_as_days() -> None:
    assert sorted(_duties(PROCEDURE)) == sorted([
        ("trung_tam_phuc_vu_hcc", "-"),  # 04 giờ: half a working day, no day count
        ("ubnd_cap_xa", "2d"),  # 16 giờ at 8 working hours a day; the blank last cell left out
        ("van_phong_ubnd_tinh", "14d"),  # 112 giờ; the total row below is no step
    ])


def test_a_step_column_is_no_content_column_and_merged_step_numbers_keep_the_columns() -> None:
    assert sorted(_duties(PROCEDURE_IN_DAYS)) == sorted([
        ("so_khoa_hoc_cong_nghe", "2d"),  # "Tên bước" names the step, "Nội dung công việc" the work
        ("so_van_hoa", "1d"),
        ("ubnd_tinh", "5d"),  # its step number merged with the row above's
    ])


def test_a_heading_between_two_tables_stays_out_of_both() -> None:
    text = ("|\nSTT\n|\nTên biểu mẫu\n|\n|\n1\n|\nĐề nghị thay đổi trụ sở\n|\n\n**6. Quy trình giải quyết**\n\n"
            "|\nTên bước\n|\nĐơn vị/người thực hiện\n|\n|\nBước 1\n|\nCán bộ Bộ phận TN&TKQ\n|\n")
    lines = [(x.text, x.table) for x in clean(text, "md").lines]
    assert ("6. Quy trình giải quyết", False) in lines
    assert ("1 | Đề nghị thay đổi trụ sở", True) in lines
    assert ("Tên bước | Đơn vị/người thực hiện", True) in lines
