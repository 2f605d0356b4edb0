"""The closing paragraph of a plan or decision: "nếu có khó khăn, vướng mắc, X phản ánh về Y để tổng hợp,
báo cáo ...": Y, who receives the difficulties, bears the purpose's verbs (sentences from three documents)."""

import pytest

from kb.duties.extract import read_text

CASES = [
    # 7bcbaa914bb254d9 (Quyết định 210/2025/QĐ-UBND Hải Phòng), Điều 3 khoản 3
    (("Trong quá trình thực hiện Quyết định này, nếu có phát sinh vướng mắc yêu cầu các Sở, ban, ngành, Ủy ban "
     "nhân dân các xã, phường, đặc khu, các cơ quan, đơn vị, doanh nghiệp, tổ chức, cá nhân phản ánh kịp thời về "
     "Sở Nông nghiệp và Môi trường để tổng hợp, báo cáo Ủy ban nhân dân thành phố xem xét, sửa đổi, bổ sung "
     "theo quy định của pháp luật."), ("so_nong_nghiep_moi_truong", "bao_cao")),
    # f08ec790b7b2c9c5 (Quyết định 2914/QĐ-UBND Hà Tĩnh), Điều 3 khoản 2
    (("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, địa phương phản ánh về Văn "
     "phòng UBND tỉnh để tổng hợp, tham mưu Chủ tịch UBND tỉnh xem xét, điều chỉnh, bổ sung kịp thời."),
     ("van_phong_ubnd_tinh", "tham_muu")),
    # 86367f2ddb2225cd (a ministry's Kế hoạch), closing item 3
    (("Trong quá trình thực hiện Kế hoạch này, nếu có khó khăn, vướng mắc, đề nghị các bộ, ngành và địa phương "
     "kịp thời phản ánh về Bộ Công an để tổng hợp, hướng dẫn, giải quyết theo thẩm quyền."),
     ("bo_cong_an", "thuc_hien")),
    # 5b692e230f990be5 (a provincial Kế hoạch), Tổ chức thực hiện
    (("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc hoặc phát sinh vấn đề mới, các cơ quan, tổ chức, "
     "đơn vị kịp thời phản ánh về Sở Tài chính để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định."),
     ("so_tai_chinh", "bao_cao")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_one_who_gathers_bears_the_purpose(text, expected):
    found = {(f.actor, f.role) for f in read_text(text)}
    assert expected in found


def test_the_recipient_of_a_report_without_purpose_bears_nothing():
    found = {f.actor for f in read_text("Ủy ban nhân dân cấp xã báo cáo kết quả về Sở Nội vụ trước ngày 15/12/2025.")}
    assert "so_noi_vu" not in found
    assert "ubnd_cap_xa" in found
