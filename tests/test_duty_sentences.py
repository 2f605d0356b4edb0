"""One sentence, several predicates: the role of each coordinate, as a table of (sentence, heading context,
expected {(actor, role)}) written by hand, from the dev documents of eval/labels/unseen (Quảng Trị Chỉ thị on
forests, Cần Thơ Chỉ thị on water, Quảng Ngãi kiểm kê plan, Đắk Lắk TTHC decision, the energy Nghị định) and
realistic variants."""

from __future__ import annotations

import pytest

from kb.duties.extract import read_text

SENTENCES = [
    # a role verb opening a later coordinate is a predicate of its own
    ("Cân đối, tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí để hỗ trợ công tác rà soát.", ["so_tai_chinh"],
     {("so_tai_chinh", "thuc_hien"), ("so_tai_chinh", "tham_muu")}),
    (("Duy trì các hoạt động mạng lưới quan trắc động thái nước dưới đất, kịp thời phát hiện, báo cáo và tham mưu "
      "Ủy ban nhân dân thành phố có biện pháp khắc phục."), ["so_nong_nghiep_moi_truong"],
     {("so_nong_nghiep_moi_truong", "thuc_hien"), ("so_nong_nghiep_moi_truong", "bao_cao"),
      ("so_nong_nghiep_moi_truong", "tham_muu")}),
    ("Tổng hợp kết quả kiểm kê, báo cáo kết quả kiểm kê theo từng loại tài sản.", ["ubnd_cap_xa"],
     {("ubnd_cap_xa", "thuc_hien"), ("ubnd_cap_xa", "bao_cao")}),
    (("Theo dõi, kiểm tra, giám sát việc thực hiện và định kỳ hoặc đột xuất báo cáo UBND tỉnh về tình hình, kết "
      "quả triển khai."), ["so_van_hoa"], {("so_van_hoa", "thuc_hien"), ("so_van_hoa", "bao_cao")}),
    ("Cơ quan chủ quản có trách nhiệm tổng hợp và gửi báo cáo cơ quan quản lý chuyên ngành theo quy định.", None,
     {("co_quan_chu_quan", "thuc_hien"), ("co_quan_chu_quan", "bao_cao")}),
    ("Tăng cường tham mưu, chỉ đạo quản lý nhà nước về rừng và đất lâm nghiệp.", ["so_nong_nghiep_moi_truong"],
     {("so_nong_nghiep_moi_truong", "tham_muu"), ("so_nong_nghiep_moi_truong", "chi_dao")}),
    # "Theo dõi" is a verb, not an opener "theo ..."
    (("Theo dõi, đôn đốc kết quả triển khai thực hiện của địa phương, đơn vị, tổng hợp báo cáo Ủy ban nhân dân tỉnh "
      "trước ngày 25/12 hàng năm."), ["so_nong_nghiep_moi_truong"],
     {("so_nong_nghiep_moi_truong", "thuc_hien"), ("so_nong_nghiep_moi_truong", "bao_cao")}),
    # one report, one advice: "tổng hợp báo cáo", "tổng hợp, tham mưu", "xây dựng báo cáo"
    ("Tổng hợp báo cáo Ủy ban nhân dân tỉnh theo quy định.", ["so_tu_phap"], {("so_tu_phap", "bao_cao")}),
    ("Sở Tài chính tổng hợp, tham mưu UBND tỉnh xem xét, bố trí.", None, {("so_tai_chinh", "tham_muu")}),
    # role words inside a list of activities named as a noun, or a body's name, are no predicate
    (("Rà soát, thống nhất cách tính tỷ lệ các chỉ số phục vụ công tác theo dõi, đánh giá, tham mưu, chỉ đạo điều "
      "hành tại các sở, ngành."), ["so_khoa_hoc_cong_nghe"], {("so_khoa_hoc_cong_nghe", "thuc_hien")}),
    ("Khen thưởng các cơ quan tham mưu, giúp việc Ban Chỉ đạo; hoàn thành trước ngày 10 tháng 12 năm 2025.",
     ["bo_noi_vu"], {("bo_noi_vu", "thuc_hien")}),
]


@pytest.mark.parametrize(("text", "context", "expected"), SENTENCES)
def test_predicates_of_one_sentence(text: str, context: list[str] | None, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, context)} == expected
