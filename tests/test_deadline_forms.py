"""Deadline forms as Vietnamese documents write them (issue 9, cause 6), each read into its label key
(eval/labels/unseen/GUIDE.md, section Deadlines): a date, `Nd`, `rel`, a recurrence, or `-`.

Phrases come from several documents: provincial plans (Quảng Ngãi, Đắk Lắk, Lâm Đồng, Hà Nội), Quy chế,
a Nghị định on energy saving, a Thủ tướng's Công điện, corpus-wild plans, and invented ones in the same
style. Expected keys are written by hand from the GUIDE.
"""

from __future__ import annotations

import pytest

from kb.duties.deadlines import closing_deadline, find_deadlines, parse_deadline
from kb.duties.extract import extract_duties, read_text
from kb.model import Deadline
from parsers import parse_text


def key(d: Deadline | None) -> str:
    """The label form (as eval.duties.deadline_key writes it)."""
    if d is None:
        return "-"
    if d.date:
        return d.date
    if d.days is not None:
        return f"{d.days}d"
    if d.recurrence:
        return d.recurrence
    return "rel" if d.kind == "relative" else "-"


# (text in a sentence, expected key)
IN_SENTENCES = [
    # two dates of one yearly schedule: the first is the key
    ("Định kỳ gửi báo cáo kết quả thực hiện trước ngày 01/6 và 15/11 hằng năm về Sở Tài chính.", "--06-01"),
    ("báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 6 và ngày 15 tháng 12 hằng năm", "--06-15"),
    ("gửi báo cáo trước ngày 25/12 hàng năm", "--12-25"),
    ("báo cáo kết quả thực hiện về Bộ Công Thương trước ngày15 tháng 01 hằng năm.", "--01-15"),
    ("gửi về Bộ Công Thương trước ngày 31 tháng 01 năm tiếp theo", "--01-31"),
    ("tổ chức biểu dương vào dịp kỷ niệm ngày Giải phóng Thủ đô (10/10) hằng năm.", "--10-10"),
    ("nộp hồ sơ ngày 30/9 hằng năm", "--09-30"),
    ("trước 15/11 hằng năm, các xã gửi báo cáo", "--11-15"),
    # a time of day before the date
    ("báo cáo Thủ tướng Chính phủ trước 17 giờ ngày 05/12/2025", "2025-12-05"),
    ("gửi Bộ Xây dựng trước 16h00’ ngày 10 tháng 12 năm 2025", "2025-12-10"),
    # quarters, onward years
    ("thực hiện từ Quý IV năm 2025 và các năm tiếp theo", "2025-Q4"),
    ("hoàn thành trong Quý II/2026", "2026-Q2"),
    # counted deadlines
    ("trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ", "5d"),
    ("Trong thời hạn 15 ngày sau khi phát hiện vi phạm của cá nhân", "15d"),
    ("ban hành quy định trong thời hạn 60 ngày kể từ ngày Quy chế này được ban hành", "60d"),
    ("sau 03 tháng kể từ ngày Quyết định có hiệu lực", "90d"),
    ("báo cáo ngay trong vòng 24 giờ kể từ khi xảy ra sự cố", "1d"),
    ("hoàn thành trong 6 tháng đầu năm 2026", "2026-06"),
    ("Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.", "2026-01-01"),
    ("Thời gian nộp hồ sơ: gửi trước ngày 31 tháng 3 hằng năm", "--03-31"),
    # relative to an event, no number
    ("khử khuẩn nguồn nước sinh hoạt bằng Cloramin B sau khi nước rút.", "rel"),
    ("Sau khi thực hiện mở tài khoản, Ủy ban nhân dân xã, phường phối hợp với các tổ chức chi trả", "rel"),
    ("Trước khi thực hiện khóa sổ tài sản hằng năm, các cơ quan có trách nhiệm hoàn thành việc cập nhật", "rel"),
    ("đổi mật khẩu ngay sau khi phát hiện dấu hiệu lộ lọt thông tin", "rel"),
    ("cơ quan xử lý phải tiến hành xử lý ngay khi tiếp nhận", "rel"),
    ("Cập nhật tình hình ngập sâu; báo cáo ngay để điều chỉnh phương án phân bổ.", "rel"),
    ("Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.", "rel"),
    ("tiếp tục thực hiện cho đến khi có văn bản thay thế", "rel"),
    # recurrences: daily and weekly are dinh_ky in the labels
    ("tổng hợp nhu cầu từ cơ sở, báo cáo UBND tỉnh trước 19h00’ hằng ngày và đột xuất khi cần thiết", "dinh_ky"),
    ("báo cáo 02 lần/ngày (trước 9h00’ và 16h00’) về tình hình tiếp nhận, cấp phát", "dinh_ky"),
    ("thực hiện sao lưu hằng ngày toàn bộ dữ liệu từ hệ thống máy chủ", "dinh_ky"),
    ("thực hiện đổi mật khẩu tối thiểu 06 tháng một lần", "dinh_ky"),
    ("họp giao ban hàng tuần để đánh giá tiến độ", "dinh_ky"),
    ("rà soát, cập nhật danh mục 06 tháng/lần", "dinh_ky"),
    ("kiểm tra việc thực hiện 01 năm/lần", "hang_nam"),
    ("Ban hành danh sách cơ sở sử dụng năng lượng trọng điểm một năm một lần.", "hang_nam"),
    ("tổ chức kiểm tra mỗi quý một lần", "hang_quy"),
    ("gửi báo cáo tiến độ trước ngày 15 của tháng cuối quý", "hang_quy"),
    ("tổng hợp số liệu vào cuối mỗi tháng", "hang_thang"),
    ("báo cáo chậm nhất là ngày 20 hằng tháng", "hang_thang"),
    ("Các đơn vị gửi báo cáo trước ngày 30 tháng 6 năm 2026 và ngày 31 tháng 12 năm 2026", "2026-06-30"),
    ("tổ chức thanh tra theo định kỳ hoặc đột xuất", "dinh_ky"),
    ("thực hiện trực ban phòng chống thiên tai 24/24, duy trì thông tin liên lạc thông suốt", "thuong_xuyen"),
    ("Cập nhật liên tục tình hình ngập sâu, chia cắt", "thuong_xuyen"),
    ("tuyên truyền thường xuyên về nội dung Kế hoạch", "thuong_xuyen"),
    # not deadlines
    ("bảo đảm Hệ thống hoạt động thông suốt, ổn định, liên tục (24/24)", "-"),
    ("bố trí kinh phí chi thường xuyên trong dự toán ngân sách", "-"),
    ("kiểm tra an toàn thiết bị, phần mềm ứng dụng trước khi đưa vào sử dụng", "-"),
    ("Trường hợp cần điều chỉnh sau khi khóa sổ, cơ quan phải có văn bản đề nghị", "-"),
    ("số thành viên không quá 1/3 tổng số", "-"),
    ("Nghị định số 80/2025/NĐ-CP ngày 01/4/2025 và Thông tư số 12/2025/TT-BTC", "-"),
    ("đảm bảo chất lượng, tiến độ theo quy định", "-"),
    ("tổ chức hội nghị sơ kết 6 tháng đầu năm", "-"),
    ("trả kết quả vào ngày làm việc tiếp theo nếu tiếp nhận yêu cầu sau 15 giờ", "-"),
    ("căn cứ Nghị định số 95/2024/NĐ-CP ngày 24/7/2024 của Chính phủ", "-"),
    ("di sản không hoạt động 03 năm liên tục thì bị đưa ra khỏi danh mục", "-"),
    ("lắp đặt hệ thống quan trắc khí thải tự động, liên tục", "-"),
    # a recurrence qualifying a noun ("... hằng năm của X") and a date saying which tasks or texts, not by when
    ("thực hiện theo Nghị quyết hằng năm của Hội đồng nhân dân thành phố", "-"),
    ("đưa vào tiêu chí xếp hạng cải cách hành chính hàng năm của các cơ quan, đơn vị", "-"),
    ("tổ chức thực hiện kế hoạch hằng năm của ngành", "-"),
    ("đối với các nhiệm vụ được giao trong năm 2025, tiếp tục rà soát kỹ, tập trung chỉ đạo thực hiện", "-"),
    ("vướng mắc sẽ tiếp tục được xử lý trong năm 2025", "-"),
    ("các văn bản được ban hành trong năm 2024 phải được rà soát", "-"),
    # ... while a passive of completion is still a deadline, and a bare recurrence still recurs
    ("Kế hoạch phải được hoàn thành trong năm 2026", "2026"),
    ("báo cáo hằng năm cho Sở Tư pháp", "hang_nam"),
    # a budget's year is the duty's: money is placed in each year's estimate
    ("được bố trí trong dự toán ngân sách hằng năm của Bộ Văn hóa, Thể thao và Du lịch", "hang_nam"),
    ("bố trí kinh phí trong dự toán chi thường xuyên ngân sách nhà nước được giao hằng năm của cơ quan thẩm định",
     "hang_nam"),
    ("do cơ quan, đơn vị quản lý bảo đảm trong dự toán ngân sách hằng năm của các cơ quan, đơn vị", "hang_nam"),
]


@pytest.mark.parametrize(("text", "expected"), IN_SENTENCES)
def test_deadline_in_a_sentence(text: str, expected: str) -> None:
    assert key(parse_deadline(text, loose=False)) == expected


# A table's time column or a "Thời gian thực hiện:" value, read loosely (every date there is the deadline).
TIME_CELLS = [
    ("Thường xuyên", "thuong_xuyen"),
    ("Hằng năm", "hang_nam"),
    ("Năm 2026", "2026"),
    ("2026", "2026"),
    ("2026-2030", "2030"),
    ("Giai đoạn 2026 - 2030", "2030"),
    ("Từ năm 2026 đến năm 2030", "2030"),
    ("Quý II/2026", "2026-Q2"),
    ("Quý III, IV/2026", "2026-Q4"),
    ("Quý IV năm 2025 và các năm tiếp theo", "2025-Q4"),
    ("Tháng 12/2025", "2025-12"),
    ("Tháng 11 - 12/2025", "2025-12"),
    ("Từ tháng 11/2025 đến tháng 3/2026", "2026-03"),
    ("Từ tháng 12/2025 đến khi kết thúc Tổng kiểm kê.", "rel"),
    ("Trước ngày 31/5/2026.", "2026-05-31"),
    ("Tháng 6 hằng năm", "--06"),
    ("Năm 2025 và các năm tiếp theo", "2025"),
    # the pace another text sets: relative, no date (a date given beside it wins)
    ("Theo tiến độ của Chương trình xây dựng luật, pháp lệnh", "rel"),
    ("Theo lộ trình của Bộ Nội vụ", "rel"),
    ("Quý IV/2025, theo tiến độ của Bộ Tư pháp", "2025-Q4"),
]
# ... while in a running sentence "theo (đúng) tiến độ" says how the work goes, not by when
PACE_IN_SENTENCES = [
    "Các cơ quan, đơn vị được phân công có trách nhiệm thực hiện nghiêm túc theo đúng tiến độ, chất lượng.",
    "thực hiện bảo đảm theo đúng tiến độ.",
    "trình Quốc hội theo tiến độ của Chương trình xây dựng luật",
]


@pytest.mark.parametrize("text", PACE_IN_SENTENCES)
def test_the_pace_in_a_sentence_is_no_deadline(text: str) -> None:
    assert key(parse_deadline(text, loose=False)) == "-"


@pytest.mark.parametrize(("cell", "expected"), TIME_CELLS)
def test_deadline_in_a_time_cell(cell: str, expected: str) -> None:
    assert key(parse_deadline(cell, loose=True)) == expected


def test_two_dates_are_one_yearly_deadline_keeping_both() -> None:
    d = parse_deadline("Định kỳ gửi báo cáo trước ngày 01/6 và 15/11 hằng năm.", loose=False)
    assert d is not None and d.date == "--06-01" and d.recurrence == "hang_nam"
    assert d.text == "trước ngày 01/6 và 15/11 hằng năm"


def test_onward_years_stay_in_the_text() -> None:
    d = parse_deadline("Quý IV năm 2025 và các năm tiếp theo")
    assert d is not None and d.text == "Quý IV năm 2025 và các năm tiếp theo" and d.recurrence == "hang_nam"


WRITTEN = [
    "Các sở, ban, ngành gửi báo cáo về Sở Tư pháp trước ngày 15/11 hằng năm để tổng hợp.",
    "UBND cấp xã báo cáo 02 lần/ngày về tình hình; cập nhật liên tục số liệu.",
    "Sở Tài chính chủ trì, hoàn thành trong Quý II/2026; Sở Nội vụ phối hợp thường xuyên.",
    "chậm nhất **ngày 15/11/2025**, các đơn vị gửi hồ sơ",
    "Trong thời hạn 20 ngày kể từ ngày nhận hồ sơ, sau khi có ý kiến của Sở Tư pháp, UBND tỉnh quyết định.",
]


@pytest.mark.parametrize("text", WRITTEN)
def test_every_deadline_keeps_its_span_as_written(text: str) -> None:
    found = find_deadlines(text)
    assert found
    for f in found:
        assert f.deadline.text == text[f.start:f.end].replace("**", "")
        assert f.deadline.text == f.deadline.text.strip()


CLOSING = [
    ("hoàn thành trước ngày 10 tháng 12 năm 2025.", "2025-12-10"),
    ("Thời gian hoàn thành: Trước ngày 31/5/2026.", "2026-05-31"),
    ("xong trong thời hạn 30 ngày", "30d"),
    ("tổng hợp báo cáo Thủ tướng Chính phủ trước ngày 05/12/2025", "-"),  # a duty of its own, not a closing
    ("hoàn thành nhiệm vụ được giao", "-"),
]


@pytest.mark.parametrize(("clause", "expected"), CLOSING)
def test_closing_clause(clause: str, expected: str) -> None:
    assert key(closing_deadline(clause)) == expected


def test_closing_clause_gives_its_deadline_to_the_sentence() -> None:
    found = read_text("Bộ Nội vụ chủ trì hướng dẫn, rà soát, khen thưởng các tổ chức, cá nhân; "
                      "hoàn thành trước ngày 10 tháng 12 năm 2025.")
    mine = [f for f in found if f.actor == "bo_noi_vu"]
    assert mine and all(key(f.deadline) == "2025-12-10" for f in mine)


# One role over several predicates of a unit: the one timing given is the duty's, wherever it comes.
SEVERAL_PREDICATES = [
    (("Đôn đốc các sở, ban, ngành triển khai thực hiện Kế hoạch này; định kỳ sơ kết, tổng hợp báo cáo Ủy ban "
     "nhân dân tỉnh."), "bao_cao", "dinh_ky"),
    (("Triển khai các nhiệm vụ được giao chủ trì tại Phụ lục; hướng dẫn, đôn đốc các đơn vị. Tổng hợp, đánh giá "
     "kết quả thực hiện Kế hoạch hằng năm."), "thuc_hien", "hang_nam"),
    ("Đảm bảo an ninh, an toàn, bảo mật; thực hiện sao lưu hằng ngày toàn bộ dữ liệu.", "thuc_hien", "dinh_ky"),
    ("Phối hợp với các bộ, ngành giám sát, kiểm tra; định kỳ hằng năm báo cáo Thủ tướng Chính phủ.", "bao_cao",
     "hang_nam"),
]


@pytest.mark.parametrize(("paragraph", "role", "expected"), SEVERAL_PREDICATES)
def test_a_role_over_several_predicates_takes_the_one_timing_given(paragraph: str, role: str, expected: str) -> None:
    text = f"QUY CHẾ\nThử\n\nĐiều 5. Trách nhiệm của Sở Tư pháp\n1. {paragraph}\n"
    result = parse_text(text, source="t.txt", fmt="txt")
    duties = extract_duties(result, result.documents[-1], "t")
    mine = {d.role: key(d.deadline) for d in duties if d.actor == "so_tu_phap"}
    assert mine.get(role) == expected


# ... but an event another sentence of the unit sets off is that sentence's, not the duty's timing.
def test_an_event_of_a_later_sentence_does_not_date_the_duty() -> None:
    text = ("QUY CHẾ\nThử\n\nĐiều 5. Trách nhiệm của Sở Tư pháp\n1. Tăng cường công tác tự kiểm tra văn bản "
            "do HĐND, UBND ban hành. Chủ động rà soát văn bản ngay sau khi có văn bản là căn cứ pháp lý thay đổi.\n")
    result = parse_text(text, source="t.txt", fmt="txt")
    duties = extract_duties(result, result.documents[-1], "t")
    mine = {d.role: key(d.deadline) for d in duties if d.actor == "so_tu_phap"}
    assert mine == {"thuc_hien": "-"}
