"""Bearers in forms first met on documents from other issuers: items handed on by a lead line that directs
or asks someone ("A chỉ đạo B thực hiện các nội dung sau:"), a ministry's departments ("Vụ Pháp chế"), the
head of a body named after it ("Tổng Kiểm toán nhà nước"), people by trade or post ("thương nhân",
"kiểm toán viên"), headings that state the rules for someone ("Quy định đối với cán bộ ..."), and a body's
name after a generic head ("Ngân hàng Nhà nước chi nhánh khu vực 14") as a heading.

Expected bearers are written as registry ids or, for bodies the list lacks, as printed names.
"""

from __future__ import annotations

import pytest
from actor_keys import actor_key as _key

from kb.duties.actors import load_registry
from kb.duties.bearers import bearer_line, directed_line
from kb.duties.extract import extract_duties, read_text
from parsers import parse_text

# (sentence, expected (bearer, role) pairs)
SENTENCES = [
    ("Vụ Tổ chức cán bộ có trách nhiệm theo dõi, hướng dẫn, kiểm tra tình hình thực hiện Quy định này.",
     {("Vụ Tổ chức cán bộ", "thuc_hien")}),
    ("Vụ Pháp chế chủ trì thẩm định hồ sơ đề nghị cấp thẻ.", {("Vụ Pháp chế", "chu_tri")}),
    ("Tổng Kiểm toán nhà nước quyết định việc cấp mới, đổi, cấp lại thẻ Kiểm toán viên nhà nước.",
     {("kiem_toan_nha_nuoc", "thuc_hien")}),
    ("Tổng Thanh tra Chính phủ chỉ đạo thanh tra trách nhiệm thực hiện pháp luật về tiếp công dân.",
     {("thanh_tra_chinh_phu", "chi_dao")}),
    ("Tổng Liên đoàn Lao động Việt Nam phối hợp tuyên truyền, phổ biến chính sách.",
     {("Tổng Liên đoàn Lao động Việt Nam", "phoi_hop")}),
    ("Kiểm toán viên nhà nước phải xuất trình thẻ khi thực hiện nhiệm vụ kiểm toán.",
     {("Kiểm toán viên nhà nước", "thuc_hien")}),
    ("Thương nhân kinh doanh tại chợ phải chấp hành Nội quy chợ.", {("Thương nhân kinh doanh tại chợ", "thuc_hien")}),
    ("Giáo viên chủ nhiệm có trách nhiệm theo dõi, đánh giá kết quả rèn luyện của học sinh.",
     {("Giáo viên chủ nhiệm", "thuc_hien")}),
    # partners after "chủ trì cùng (với)", a list of partners going on past generic heads, groups without commas
    ("Bộ Tài chính chủ trì cùng Bộ Xây dựng và các bộ, ngành liên quan rà soát, đánh giá đề xuất thưởng.",
     {("bo_tai_chinh", "chu_tri"), ("bo_xay_dung", "phoi_hop"), ("cac_bo_nganh", "phoi_hop")}),
    ("Sở Tư pháp chủ trì cùng với Sở Nội vụ tổ chức hội nghị sơ kết.",
     {("so_tu_phap", "chu_tri"), ("so_noi_vu", "phoi_hop")}),
    ("Sở Tài chính chủ trì, phối hợp với các Sở, ban, ngành, đơn vị và UBND cấp xã bố trí kinh phí.",
     {("so_tai_chinh", "chu_tri"), ("cac_so_ban_nganh", "phoi_hop"), ("ubnd_cap_xa", "phoi_hop")}),
    ("Các sở ban ngành có trách nhiệm cập nhật dữ liệu thường xuyên.", {("cac_so_ban_nganh", "thuc_hien")}),
    ("Các bộ ngành rà soát, đề xuất sửa đổi văn bản.", {("cac_bo_nganh", "thuc_hien")}),
    # "thực hiện" right after a generic head is the predicate when no other predicate ends a description
    ("Các doanh nghiệp thực hiện kê khai thuế đúng hạn.", {("Doanh nghiệp", "thuc_hien")}),
    ("Đơn vị thực hiện kiểm kê có trách nhiệm báo cáo kết quả.", {("Đơn vị thực hiện kiểm kê", "bao_cao")}),
    # the addressees of a request go on past a ";" to the predicate; the asker bears nothing
    (("Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường tổ chức quán triệt, "
      "triển khai thực hiện nghiêm Chỉ thị này."),
     {("cac_so_ban_nganh", "thuc_hien"), ("chu_tich_ubnd_cap_xa", "thuc_hien")}),
    # who is to issue the detailed rules: ban_hanh
    ("Bộ trưởng Bộ Nội vụ quy định chi tiết khoản 2 Điều này.", {("bo_noi_vu", "ban_hanh")}),
    ("Ủy ban Thường vụ Quốc hội, Chính phủ quy định cụ thể việc áp dụng Luật này.",
     {("uy_ban_thuong_vu_quoc_hoi", "ban_hanh"), ("chinh_phu", "ban_hanh")}),
    # those a report is sent to are recipients, to the clause's end
    ("Sở Y tế báo cáo số liệu hằng tháng gửi các cơ quan có thẩm quyền, cơ quan báo chí, truyền thông.",
     {("so_y_te", "bao_cao")}),
    # a catch-all after an adverbial lead opening with "Trong quá trình ...", "Hết thời hạn ..."
    (("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về Sở Tư pháp để tổng "
      "hợp, báo cáo UBND tỉnh."), {("Cơ quan, đơn vị", "thuc_hien")}),
    (("Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị, tổ chức, doanh nghiệp phản hồi về Ban Chỉ "
      "đạo để xem xét, giải quyết."), {("Cơ quan, đơn vị, tổ chức, doanh nghiệp", "thuc_hien")}),
    # finding a problem is the occasion; the report it calls for is the duty
    (("Trong quá trình thực hiện, các cơ quan, đơn vị phát hiện những vấn đề chưa phù hợp kịp thời báo cáo Ủy ban "
      "nhân dân thành phố."), {("Cơ quan, đơn vị", "bao_cao")}),
    ("Sở Tư pháp phát hiện và xử lý vi phạm.", {("so_tu_phap", "thuc_hien")}),
    # accountability alone, and a catch-all without a verb, are no duty; with an act after it, the act is
    ("Giám đốc Sở Tư pháp chịu trách nhiệm trước Chủ tịch UBND tỉnh về kết quả thực hiện Kế hoạch.",
     {("so_tu_phap", "thuc_hien")}),  # answering to a superior for results is the duty to deliver them
    ("Sở Tư pháp chịu trách nhiệm về các hồ sơ, tài liệu, kết quả đánh giá.", set()),
    ("Các nghĩa vụ khác theo quy định của pháp luật.", set()),
    ("Bộ Tư pháp chịu trách nhiệm trước Chính phủ thực hiện quản lý nhà nước về nuôi con nuôi.",
     {("bo_tu_phap", "thuc_hien")}),
    ("Sở Tư pháp thực hiện các nhiệm vụ khác do Ủy ban nhân dân tỉnh giao.", {("so_tu_phap", "thuc_hien")}),
    # "ban hành kèm theo" says which text; it issues nothing
    (("Các sở, ban, ngành tỉnh căn cứ nội dung Kế hoạch ban hành kèm theo Quyết định này để thành lập, kiện toàn "
      "Ban Chỉ đạo kiểm kê."), {("cac_so_ban_nganh", "thuc_hien")}),
    # a list of generic heads, then a verb of one syllable: the verb is the predicate, not part of the name
    ("Cán bộ, công chức, viên chức viết báo cáo tự đánh giá kết quả công tác.", {("Cán bộ, công chức, viên chức", "thuc_hien")}),
    ("Cán bộ, công chức, viên chức trình bày báo cáo tự đánh giá tại cuộc họp.",
     {("Cán bộ, công chức, viên chức", "thuc_hien")}),
    ("Cơ quan, đơn vị gửi hồ sơ về Sở Nội vụ trước ngày 15/12.", {("Cơ quan, đơn vị", "thuc_hien")}),
    # not a body: "Vụ việc", "Vụ Đông Xuân"; a person noun as an object
    ("Vụ việc phức tạp phải báo cáo Sở Tư pháp.", set()),
    ("Tuyên truyền, phổ biến pháp luật cho nhân viên.", set()),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_bearers_by_their_form(sentence: str, expected: set[tuple[str, str]]) -> None:
    got = {(f.actor, f.role) for f in read_text(sentence, None, load_registry())}
    assert got == {(_key(a), r) for a, r in expected}


# (lead line, the bearers of the items under it; None: not a directing lead line)
DIRECTED = [
    ("Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Biển đảo và Thủy sản thực hiện các nội dung sau:",
     ["Chi cục Biển đảo và Thủy sản"]),
    (("Chỉ đạo các Ngân hàng thương mại trên địa bàn chủ động phối hợp với Sở Y tế triển khai thực hiện, cụ thể "
      "như sau:"), ["Ngân hàng thương mại trên địa bàn"]),
    ("Ủy ban nhân dân tỉnh giao Sở Tư pháp, Sở Nội vụ thực hiện các nhiệm vụ sau:", ["so_tu_phap", "so_noi_vu"]),
    ("Sở Y tế chỉ đạo các đơn vị thực hiện tốt công tác phòng, chống dịch.", None),  # no list below
    ("Sở Y tế thực hiện các nhiệm vụ sau:", None),  # no one directed
]


@pytest.mark.parametrize(("line", "expected"), DIRECTED)
def test_a_lead_line_hands_its_items_to_the_ones_it_directs(line: str, expected: list[str] | None) -> None:
    found = directed_line(line, load_registry())
    assert (found.actors if found else None) == ([_key(a) for a in expected] if expected else None)


# (heading, bearers; None: names none)
HEADINGS = [
    ("Vụ Tổ chức cán bộ có trách nhiệm", ["Vụ Tổ chức cán bộ"]),  # a lead-in only the list below completes
    ("Quy định đối với cán bộ, nhân viên quản lý chợ", ["Cán bộ, nhân viên quản lý chợ"]),
    ("Yêu cầu đối với Sở Tư pháp", ["so_tu_phap"]),
    ("Quy định đối với hàng hóa kinh doanh trong chợ", None),
    ("Đối với người dân, doanh nghiệp", None),  # what they gain, under an impact assessment
    ("Ngân hàng Nhà nước chi nhánh khu vực 14", ["Ngân hàng Nhà nước chi nhánh khu vực 14"]),
    ("Đơn vị tính giá dịch vụ", None),
]


@pytest.mark.parametrize(("heading", "expected"), HEADINGS)
def test_headings_that_name_bearers(heading: str, expected: list[str] | None) -> None:
    found = bearer_line(heading, load_registry(), heading=True)
    assert (found.actors if found else None) == ([_key(a) for a in expected] if expected else None)


DIRECTED_PLAN = """KẾ HOẠCH
Quan trắc môi trường nuôi trồng thủy sản

IV. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Biển đảo và Thủy sản thực hiện các nội dung sau:
- Lập dự toán kinh phí báo cáo Sở Nông nghiệp và Môi trường.
- Tổ chức đánh giá kết quả thực hiện; báo cáo UBND tỉnh trước ngày 15/12/2026.
2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chỉ đạo Hội Nông dân tỉnh thực hiện các nội dung sau:
- Tuyên truyền, vận động hội viên tham gia.
"""


def test_the_items_under_a_directing_line_are_the_directed_ones_duties() -> None:
    result = parse_text(DIRECTED_PLAN)
    got = {(d.eid, d.actor, d.role) for d in extract_duties(result, result.documents[0], "x")}
    chi_cuc, hoi = _key("Chi cục Biển đảo và Thủy sản"), _key("Hội Nông dân tỉnh")
    assert got == {
        ("sec_IV__item_1", "so_nong_nghiep_moi_truong", "chi_dao"),
        ("sec_IV__item_1__bullet_1", chi_cuc, "bao_cao"),
        ("sec_IV__item_1__bullet_2", chi_cuc, "thuc_hien"),
        ("sec_IV__item_1__bullet_2", chi_cuc, "bao_cao"),
        ("sec_IV__item_2", "mttq_tinh", "de_nghi"),
        ("sec_IV__item_2__bullet_1", hoi, "de_nghi"),
    }


# (a closing article, the bearers it lists; registry ids or printed names) — every one listed before
# "chịu trách nhiệm thi hành ... này" carries the text out, whatever stands between them
EXECUTING = [
    (("Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng cơ quan Trung ương trên địa bàn tỉnh; ban ngành tỉnh và Chủ "
      "tịch Ủy ban nhân dân xã, phường chịu trách nhiệm thi hành Quyết định này./."),
     ["van_phong_ubnd_tinh", "co_quan_trung_uong_tren_dia_ban", "chu_tich_ubnd_cap_xa"]),
    (("Thủ trưởng các đơn vị trực thuộc Kiểm toán nhà nước, cán bộ, công chức của Kiểm toán nhà nước và các tổ "
      "chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này."),
     ["Đơn vị trực thuộc Kiểm toán nhà nước", "co_quan_lien_quan"]),
    (("Chánh Văn phòng Bộ, Vụ trưởng Vụ Pháp chế, Thủ trưởng các cơ quan, đơn vị thuộc Bộ chịu trách nhiệm tổ chức "
      "thi hành Thông tư này."), ["Văn phòng Bộ", "Vụ Pháp chế", "nguoi_dung_dau"]),
]


@pytest.mark.parametrize(("sentence", "expected"), EXECUTING)
def test_everyone_a_closing_article_lists_carries_the_text_out(sentence: str, expected: list[str]) -> None:
    got = {(f.actor, f.role) for f in read_text(sentence, None, load_registry())}
    assert got == {(_key(a), "thuc_hien") for a in expected}
