"""Forms of duties, each a table of (input, expected) written by hand, from several documents: the dev
documents of eval/labels/unseen (Chỉ thị, Kế hoạch, Quy chế, Nghị định, a law of several provinces and
ministries), the corpus, and invented realistic ones.

- bearers named by the structure: one rule for a heading or lead line that names actors (kb.duties.bearers);
- one sentence, several duties, and the role of each predicate;
- what is not a duty (the one who asks, the issuer, a right, a Nơi nhận list, a recipient, funding).
"""

from __future__ import annotations

import pytest

from kb.duties.actors import load_registry
from kb.duties.bearers import bearer_line
from kb.duties.extract import extract_duties, read_text
from parsers import parse_text

# (line, is a heading, expected bearers, expected lead-in roles, asked) — None: the line names no bearer
BEARER_LINES = [
    # an actor and nothing else (Quảng Trị Chỉ thị, Nghị định on energy, a law)
    ("Bộ Nông nghiệp và Môi trường", True, ["bo_nong_nghiep_moi_truong"], {}, False),
    ("Ủy ban nhân dân cấp xã:", False, ["ubnd_cap_xa"], {}, False),
    # place and level words after the name (Quảng Trị, Hà Nội, Gia Lai plans)
    ("Ủy ban nhân dân các xã, phường, đặc khu Cồn Cỏ:", False, ["ubnd_cap_xa"], {}, False),
    ("Sở Nội vụ thành phố Hà Nội:", False, ["so_noi_vu"], {}, False),
    ("Ngân hàng nhà nước khu vực XII", True, ["ngan_hang_nha_nuoc"], {}, False),
    ("Các sở, ban, ngành, cơ quan, đơn vị cấp tỉnh và Ủy ban nhân dân cấp xã", False,
     ["cac_so_ban_nganh", "ubnd_cap_xa"], {}, False),
    # an apposition after a dash (Quảng Ngãi tổng kiểm kê plan)
    ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo", True, ["so_tai_chinh"], {}, False),
    # duty words before, lead-ins after (a law; a Quy chế; the "Nội dung ... có trách nhiệm chủ trì")
    ("Ủy ban nhân dân cấp tỉnh có trách nhiệm sau đây:", False, ["ubnd_tinh"], {}, False),
    ("Nhiệm vụ của Sở Y tế", True, ["so_y_te"], {}, False),
    ("Trách nhiệm của Sở Tư pháp trong việc theo dõi thi hành pháp luật", True, ["so_tu_phap"], {}, False),
    ("Nội dung Sở Tài chính có trách nhiệm chủ trì", True, ["so_tai_chinh"], {"so_tai_chinh": "chu_tri"}, False),
    ("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ:", False, ["so_tu_phap", "so_noi_vu"],
     {"so_tu_phap": "chu_tri", "so_noi_vu": "phoi_hop"}, False),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", True, ["mttq_tinh"], {}, True),
    # a group followed by its members
    ("Trách nhiệm của các Sở: Tư pháp, Nội vụ, Tài chính.", True, ["so_tu_phap", "so_noi_vu", "so_tai_chinh"], {},
     False),
    (("Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Nông nghiệp và Môi trường, Văn hóa, "
     "Thể thao và Du lịch)"), True, ["so_xay_dung", "so_nong_nghiep_moi_truong", "so_van_hoa"], {}, False),
    ("Các cơ quan thẩm định (Sở Xây dựng, Sở Công Thương, Sở Nông nghiệp và Môi trường):", False,
     ["so_xay_dung", "so_cong_thuong", "so_nong_nghiep_moi_truong"], {}, False),
    # a duty of its own, not a lead line
    ("Sở Tư pháp chủ trì tổ chức hội nghị.", False, None, {}, False),
    ("Giao Sở Tư pháp theo dõi, đôn đốc các cơ quan, đơn vị triển khai thực hiện Kế hoạch này", False, None, {}, False),
    ("Đề nghị các cơ quan Trung ương đóng trên địa bàn tỉnh, trong phạm vi chức năng, nhiệm vụ tổ chức thực hiện",
     False, None, {}, False),
    ("Trách nhiệm trong việc quản lý Ứng dụng phản ánh kiến nghị", True, None, {}, False),
    ("Chỉ đạo Sở Y tế kiểm tra", False, None, {}, False),
]


@pytest.mark.parametrize(("line", "heading", "actors", "roles", "asked"), BEARER_LINES)
def test_bearer_line(line: str, heading: bool, actors: list[str] | None, roles: dict[str, str], asked: bool) -> None:
    found = bearer_line(line, load_registry(), heading=heading)
    if actors is None:
        assert found is None
        return
    assert found is not None
    assert sorted(found.actors) == sorted(actors)
    assert found.roles == roles
    assert found.request is asked


# (sentence, heading context, expected {(actor, role)})
SENTENCES = [
    # a list of bearers closed by a catch-all or a place the registry lacks (closing articles of Quyết định)
    (("Thủ trưởng các sở, ban, ngành tỉnh; UBND các xã, phường; các tổ chức, cá nhân có liên quan chịu trách nhiệm "
     "thi hành Quyết định này./."), None,
     {("cac_so_ban_nganh", "thuc_hien"), ("ubnd_cap_xa", "thuc_hien"), ("co_quan_lien_quan", "thuc_hien")}),
    (("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các "
     "tỉnh, thành phố trực thuộc trung ương và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị định "
     "này."), None, {("cac_bo_nganh", "thuc_hien"), ("chu_tich_ubnd_tinh", "thuc_hien"), ("co_quan_lien_quan", "thuc_hien")}),
    (("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội; các sở, ban, ngành; Ủy ban nhân dân các xã, phường; các "
      "đơn vị trực thuộc thành phố Hà Nội gửi hồ sơ về Sở Nội vụ trước ngày 31 tháng 3 hằng năm."), None,
     {("mttq_tinh", "thuc_hien"), ("cac_so_ban_nganh", "thuc_hien"), ("ubnd_cap_xa", "thuc_hien")}),
    (("Giám đốc Sở Tài chính; Thủ trưởng các sở, ban, ngành, đơn vị trực thuộc Ủy ban nhân dân tỉnh và các thành "
      "viên Ban Chỉ đạo tỉnh chịu trách nhiệm thi hành Quyết định này./."), None,
     # the members of a body carry out the text as the body does (filed under it, as a head is)
     {("so_tai_chinh", "thuc_hien"), ("cac_so_ban_nganh", "thuc_hien"), ("ban_chi_dao_tinh", "thuc_hien")}),
    (("Trong thời hạn 15 ngày sau khi phát hiện vi phạm, Sở Nội vụ thành phố Hà Nội có trách nhiệm tham mưu Chủ "
     "tịch Ủy ban nhân dân thành phố thu hồi quyết định."), None, {("so_noi_vu", "tham_muu")}),
    (("Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ theo chức năng, nhiệm vụ, thẩm "
     "quyền đề cao trách nhiệm, trực tiếp chỉ đạo thực hiện đồng bộ các nhiệm vụ."), None, {("cac_bo_nganh", "chi_dao")}),
    # several predicates: a chain of verbs; "được giao chủ trì" says which tasks; an aside before the verb
    ("Chỉ đạo, hướng dẫn triển khai thực hiện các mô hình giáo dục mầm non.", ["so_giao_duc_dao_tao"],
     {("so_giao_duc_dao_tao", "chi_dao"), ("so_giao_duc_dao_tao", "thuc_hien")}),
    ("Phối hợp, cung cấp số liệu về kết quả xử lý phản ánh kiến nghị.", ["so_khoa_hoc_cong_nghe"],
     {("so_khoa_hoc_cong_nghe", "phoi_hop"), ("so_khoa_hoc_cong_nghe", "thuc_hien")}),
    ("Triển khai nhiệm vụ được giao chủ trì tại Phụ lục của Kế hoạch.", ["so_tai_chinh"], {("so_tai_chinh", "thuc_hien")}),
    ("Sở Tài chính, trên cơ sở đề xuất của Sở Nội vụ, chủ trì tổng hợp dự toán kinh phí.", None,
     {("so_tai_chinh", "chu_tri")}),
    ("Sở Tư pháp có trách nhiệm xây dựng kế hoạch thực hiện; tổ chức thực hiện; báo cáo Ủy ban nhân dân tỉnh kết quả.",
     None, {("so_tu_phap", "thuc_hien"), ("so_tu_phap", "bao_cao")}),
    ("Xây dựng và ban hành Kế hoạch phát động phong trào thi đua trên địa bàn;", ["ubnd_cap_xa"],
     {("ubnd_cap_xa", "thuc_hien"), ("ubnd_cap_xa", "ban_hanh")}),
    ("Chính phủ quy định chi tiết các điều, khoản được giao trong Luật.", None, {("chinh_phu", "ban_hanh")}),
    ("Sớm soạn thảo văn bản quy định chi tiết và có kế hoạch triển khai thực hiện.", ["cac_bo_nganh"],
     {("cac_bo_nganh", "thuc_hien")}),
    ("Ủy ban nhân dân cấp tỉnh có trách nhiệm tổng hợp thông tin các báo cáo quy định tại khoản 1 Điều này.", None,
     {("ubnd_tinh", "thuc_hien")}),
    # the one directed bears what follows, not the director; "trong đó" details the clause before
    ("Chỉ đạo các doanh nghiệp viễn thông bảo đảm thông tin liên lạc ổn định; hỗ trợ nhắn tin miễn phí.",
     ["so_khoa_hoc_cong_nghe"], {("so_khoa_hoc_cong_nghe", "chi_dao")}),
    ("Các Bộ trưởng trực tiếp chỉ đạo thực hiện các nhiệm vụ; trong đó lưu ý thực hiện tốt các nội dung sau:",
     ["cac_bo_nganh"], {("cac_bo_nganh", "chi_dao")}),
    ("Phối hợp với các cơ quan chuyên môn hướng dẫn chỉ tiêu, biểu mẫu kiểm kê; văn bản hướng dẫn thực hiện kiểm kê.",
     ["so_tai_chinh"], {("so_tai_chinh", "phoi_hop")}),
    ("Xây dựng kế hoạch cụ thể để triển khai thực hiện; kết quả thực hiện báo cáo về Công an tỉnh.", ["ubnd_cap_xa"],
     {("ubnd_cap_xa", "thuc_hien"), ("ubnd_cap_xa", "bao_cao")}),
    ("Các cơ quan, đơn vị có liên quan được cấp một tài khoản quản lý để tổng hợp thông tin.", None, set()),
    ("Căn cứ Nghị định số 98/2021/NĐ-CP ngày 08/11/2021 của Chính phủ quy định chi tiết về quản lý nguồn hỗ trợ;",
     ["ubnd_tinh"], set()),
    ("Căn cứ vào kết quả kiểm tra, Ủy ban nhân dân cấp xã quyết định khen thưởng cho tập thể;", None,
     {("ubnd_cap_xa", "thuc_hien")}),
    ("*", ["ubnd_cap_xa"], set()),
    ("Thực hiện rà soát, thống kê các công trình khai thác nước dưới đất và tổng hợp báo cáo về Sở Tư pháp.",
     ["ubnd_cap_xa"], {("ubnd_cap_xa", "thuc_hien"), ("ubnd_cap_xa", "bao_cao")}),
    ("Theo dõi, đôn đốc và chỉ đạo phối hợp xử lý phản ánh kiến nghị thuộc lĩnh vực quản lý.", ["cac_so_ban_nganh"],
     {("cac_so_ban_nganh", "thuc_hien"), ("cac_so_ban_nganh", "chi_dao")}),
    ("Theo chức năng, nhiệm vụ của đơn vị phối hợp, hỗ trợ chia sẻ kinh nghiệm chuyển đổi số.", ["so_khoa_hoc_cong_nghe"],
     {("so_khoa_hoc_cong_nghe", "phoi_hop"), ("so_khoa_hoc_cong_nghe", "thuc_hien")}),
    (("Tập trung rà soát tình hình thực hiện các nhiệm vụ; đối với các nhiệm vụ được giao trong năm 2025, tiếp tục "
      "rà soát kỹ, tập trung chỉ đạo thực hiện."), ["cac_bo_nganh"], {("cac_bo_nganh", "thuc_hien"), ("cac_bo_nganh", "chi_dao")}),
    ("Tổ chức tuyên truyền, vận động người hưởng trợ cấp: Chỉ đạo phòng chuyên môn thực hiện công tác tuyên truyền.",
     ["ubnd_cap_xa"], {("ubnd_cap_xa", "thuc_hien"), ("ubnd_cap_xa", "chi_dao")}),
    # partners and the directed ones listed after a comma are not a new subject
    ("Phối hợp với các cơ quan Trung ương, Bộ Tài chính trong việc chỉ đạo thực hiện tổng kiểm kê.", ["so_tai_chinh"],
     {("so_tai_chinh", "phoi_hop")}),
    ("Tiếp tục chỉ đạo phòng chuyên môn, các cơ quan có liên quan rà soát diện tích rừng; lập hồ sơ cụ thể.",
     ["ubnd_cap_xa"], {("ubnd_cap_xa", "chi_dao")}),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị-xã hội phát huy thành quả các phong trào thi đua.",
     None, {("mttq_tinh", "de_nghi"), ("to_chuc_chinh_tri_xa_hoi", "de_nghi")}),
    ("Chủ trì phối hợp Ủy ban nhân dân tỉnh, Sở Công Thương tổ chức tiếp nhận nguồn đóng góp tự nguyện.", ["mttq_tinh"],
     {("mttq_tinh", "chu_tri"), ("ubnd_tinh", "phoi_hop"), ("so_cong_thuong", "phoi_hop")}),
    (("Phối hợp với Đài truyền hình Việt Nam, Tập đoàn Công nghiệp - Viễn thông Quân đội, Văn phòng Chính phủ xây "
      "dựng Chương trình; xây dựng báo cáo trung tâm."), ["bo_xay_dung"],
     {("bo_xay_dung", "phoi_hop"), ("bo_xay_dung", "bao_cao")}),
    # the one who asks hands the task over: the addressees bear it
    (("Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, Ủy ban nhân dân các xã, phường triển khai thực hiện nghiêm "
     "túc Chỉ thị này."), None, {("cac_so_ban_nganh", "thuc_hien"), ("ubnd_cap_xa", "thuc_hien")}),
    (("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Giám đốc các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các xã, phường "
     "tập trung thực hiện các nhiệm vụ sau:"), None,
     {("cac_so_ban_nganh", "thuc_hien"), ("chu_tich_ubnd_cap_xa", "thuc_hien")}),
    ("Ủy ban nhân dân tỉnh đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp triển khai.", None,
     {("mttq_tinh", "de_nghi")}),
    ("Ủy ban nhân dân tỉnh giao Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức kiểm tra.", None,
     {("so_tu_phap", "chu_tri"), ("so_noi_vu", "phoi_hop")}),
    # not duties: the issuer, a right, a Nơi nhận list, funding, a recipient, the verb inside a name
    ("Văn phòng Ủy ban nhân dân tỉnh trân trọng thông báo để các cơ quan, đơn vị biết, thực hiện./.", None, set()),
    ("Sở Tài chính được quyền khai thác, sử dụng thông tin về tài sản công của các cơ quan, đơn vị.", None, set()),
    ("Văn phòng Chính phủ thông báo để Bộ Tư pháp và các cơ quan liên quan biết, thực hiện./.", None, set()),
    (("Sở Nội vụ có trách nhiệm tham mưu Chủ tịch Ủy ban nhân dân tỉnh thu hồi quyết định. Tiền thưởng thu hồi được "
      "nộp vào Quỹ Thi đua, Khen thưởng theo quy định."), None, {("so_noi_vu", "tham_muu")}),
    ("Sở Y tế tổ chức thực hiện Kế hoạch này./. Nơi nhận: - Bộ Y tế; - UBND tỉnh; - Sở Tài chính; - Lưu: VT.", None,
     {("so_y_te", "thuc_hien")}),
    ("Kinh phí thực hiện được bố trí trong dự toán của các sở, ban, ngành và Ủy ban nhân dân các xã.", None, set()),
    ("Các xã gửi báo cáo về Sở Tư pháp để tổng hợp báo cáo Chủ tịch Ủy ban nhân dân tỉnh.", ["ubnd_cap_xa"],
     {("ubnd_cap_xa", "bao_cao")}),
    ("Phối hợp với Trưởng Ban Chỉ đạo tỉnh kiểm tra việc kiểm kê.", ["so_tai_chinh"], {("so_tai_chinh", "phoi_hop")}),
]


@pytest.mark.parametrize(("text", "context", "expected"), SENTENCES)
def test_sentence_forms(text: str, context: list[str] | None, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, context)} == expected


def _duties(text: str) -> set[tuple[str, str, str]]:
    result = parse_text(text, source="t.txt", fmt="txt")
    doc = result.documents[-1]
    return {(d.eid, d.actor, d.role) for d in extract_duties(result, doc, "t")}


# A plan whose bearers are named by the structure only (after the Quảng Ngãi and Cần Thơ documents).
PLAN = """KẾ HOẠCH
Tổng kiểm kê tài sản công

I. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo
a) Tổng hợp kết quả kiểm kê.
b) Tham mưu Ban Chỉ đạo đôn đốc, kiểm tra việc kiểm kê.
2. Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Công Thương)
a) Phối hợp hướng dẫn các cơ quan, đơn vị thực hiện kiểm kê.
3. Ủy ban nhân dân các xã, phường, đặc khu:
a) Tuyên truyền, phổ biến quy định về quản lý tài sản công.
4. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ:
a) Rà soát văn bản.
5. Tiêu chí thi đua
a) Hoàn thành vượt mức các chỉ tiêu.
"""


def test_bearers_from_structure_in_a_plan() -> None:
    assert _duties(PLAN) == {
        ("sec_I__item_1__bullet_a", "so_tai_chinh", "thuc_hien"),
        ("sec_I__item_1__bullet_b", "so_tai_chinh", "tham_muu"),
        ("sec_I__item_2__bullet_a", "so_xay_dung", "phoi_hop"),
        ("sec_I__item_2__bullet_a", "so_cong_thuong", "phoi_hop"),
        ("sec_I__item_3__bullet_a", "ubnd_cap_xa", "thuc_hien"),
        ("sec_I__item_4__bullet_a", "so_tu_phap", "chu_tri"),
        ("sec_I__item_4__bullet_a", "so_noi_vu", "phoi_hop"),
    }


# A law's article: the lead line of each clause names its bearer and holds no duty itself; the innermost wins.
LAW = """LUẬT
Thử

Điều 49. Trách nhiệm của Ủy ban nhân dân các cấp
1. Ủy ban nhân dân cấp tỉnh có trách nhiệm sau đây:
a) Chỉ đạo, hướng dẫn việc đăng ký;
b) Báo cáo Bộ Tư pháp về tình hình thực hiện.
2. Ủy ban nhân dân cấp xã có trách nhiệm sau đây:
a) Đăng ký việc nuôi con nuôi.
Điều 50. Trách nhiệm thi hành
Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh,
thành phố trực thuộc trung ương và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Luật này.
"""


def test_lead_lines_of_a_law() -> None:
    assert _duties(LAW) == {
        ("art_49__para_1__point_a", "ubnd_tinh", "chi_dao"),
        ("art_49__para_1__point_a", "ubnd_tinh", "thuc_hien"),
        ("art_49__para_1__point_b", "ubnd_tinh", "bao_cao"),
        ("art_49__para_2__point_a", "ubnd_cap_xa", "thuc_hien"),
        ("art_50", "cac_bo_nganh", "thuc_hien"),
        ("art_50", "chu_tich_ubnd_tinh", "thuc_hien"),
        ("art_50", "co_quan_lien_quan", "thuc_hien"),  # the catch-all closing the list (eval label doc_000065 art_29)
    }


# A Chỉ thị whose preamble hands its numbered tasks to the addressees (after the Cần Thơ Chỉ thị).
DIRECTIVE = """CHỈ THỊ
Về tăng cường quản lý tài nguyên nước

Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Giám đốc, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các xã, phường thực hiện các nhiệm vụ sau:
1. Tuân thủ nguyên tắc khoanh định vùng cấm khai thác nước dưới đất.
2. Các cơ quan quản lý nhà nước, tổ chức, cá nhân liên quan có trách nhiệm chấp hành quy định.
3. Sở Xây dựng
a) Chủ trì, phối hợp với Sở Y tế kiểm tra chất lượng nước.
"""


def test_the_preamble_hands_over_subjectless_tasks() -> None:
    assert _duties(DIRECTIVE) == {
        ("item_1", "cac_so_ban_nganh", "thuc_hien"),
        ("item_1", "chu_tich_ubnd_cap_xa", "thuc_hien"),
        ("item_2", "co_quan_lien_quan", "thuc_hien"),  # a catch-all subject is an actor of its own
        ("item_3__bullet_a", "so_xay_dung", "chu_tri"),
        ("item_3__bullet_a", "so_y_te", "phoi_hop"),
    }


ASKED = """KẾ HOẠCH
Thử

I. TỔ CHỨC THỰC HIỆN
1. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh tuyên truyền, vận động Nhân dân. Ủy ban Mặt trận Tổ quốc tỉnh phát huy vai trò giám sát.
2. Sở Nội vụ hướng dẫn khen thưởng.
3. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh:
a) Chủ trì, phối hợp với Sở Công Thương tiếp nhận nguồn đóng góp.
"""


def test_an_asked_body_is_only_asked_in_its_unit() -> None:
    assert _duties(ASKED) == {
        ("sec_I__item_1", "mttq_tinh", "de_nghi"),
        ("sec_I__item_2", "so_noi_vu", "thuc_hien"),
        ("sec_I__item_3__bullet_a", "mttq_tinh", "de_nghi"),
        ("sec_I__item_3__bullet_a", "so_cong_thuong", "phoi_hop"),
    }


# A Quy chế whose articles name their bearers in the heading; a clause's own lead line wins over it.
RULES = """QUY CHẾ
Phối hợp thử

Điều 5. Nội dung Sở Tài chính có trách nhiệm chủ trì
1. Hướng dẫn lập dự toán kinh phí.
2. Tổng hợp nhu cầu kinh phí của các sở, ban, ngành.
Điều 6. Nhiệm vụ của Bộ Nông nghiệp và Môi trường
1. Hướng dẫn việc quản lý tài nguyên nước.
Điều 7. Trách nhiệm của các sở, ban, ngành
1. Phối hợp với Sở Tư pháp trong kiểm tra.
2. Ủy ban nhân dân cấp xã:
a) Tuyên truyền quy định về tài nguyên nước.
b) Báo cáo kết quả thực hiện.
"""


def test_article_headings_and_the_innermost_lead_line() -> None:
    assert _duties(RULES) == {
        ("art_5__para_1", "so_tai_chinh", "chu_tri"),
        ("art_5__para_2", "so_tai_chinh", "chu_tri"),
        ("art_6__para_1", "bo_nong_nghiep_moi_truong", "thuc_hien"),
        ("art_7__para_1", "cac_so_ban_nganh", "phoi_hop"),
        ("art_7__para_2__point_a", "ubnd_cap_xa", "thuc_hien"),
        ("art_7__para_2__point_b", "ubnd_cap_xa", "bao_cao"),
    }


# Task tables whose rows are grouped under one-cell rows, numbers restarting per group (the Bắc Ninh digital
# economy plan's Phụ lục; an invented Kế hoạch of a Sở; a Quảng Ngãi-style inventory plan with a deadline
# column): every row under a header naming a lead body is a task, whatever groups it.
GROUPED_TABLES = [
    ("""KẾ HOẠCH
Thử

I. NHIỆM VỤ

| TT | Chỉ tiêu | Chủ trì |
|---|---|---|
| **I. Kinh tế số** | | |
| 1 | Kinh tế số chiếm 45% GRDP tỉnh. | Sở Tài chính |
| **II. Xã hội số** | | |
| 1 | Tỷ lệ người dân có tài khoản định danh điện tử đạt 80%. | Công an tỉnh |
| 2 | Tỷ lệ người dân có Sổ sức khỏe điện tử đạt 95%. | Sở Y tế |
""", {("cong_an_tinh", "chu_tri", None, "Tỷ lệ người dân có tài khoản định danh điện tử đạt 80%."),
      ("so_tai_chinh", "chu_tri", None, "Kinh tế số chiếm 45% GRDP tỉnh."),
      ("so_y_te", "chu_tri", None, "Tỷ lệ người dân có Sổ sức khỏe điện tử đạt 95%.")}),
    ("""KẾ HOẠCH
Thử

I. NHIỆM VỤ

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện |
|---|---|---|---|---|
| A | NHIỆM VỤ CHUNG | | | |
| 1 | Tổ chức hội nghị quán triệt | Sở Nội vụ | Sở Tư pháp | Quý I năm 2026 |
| B | Nhóm nhiệm vụ về thể chế | | | |
| 1 | Rà soát quy chế phối hợp | Sở Tư pháp | | Tháng 6/2026 |
""", {("so_noi_vu", "chu_tri", "2026-Q1", "Tổ chức hội nghị quán triệt"),
      ("so_tu_phap", "phoi_hop", "2026-Q1", "Tổ chức hội nghị quán triệt"),
      ("so_tu_phap", "chu_tri", "2026-06", "Rà soát quy chế phối hợp")}),
]


@pytest.mark.parametrize(("text", "expected"), GROUPED_TABLES)
def test_task_tables_grouped_under_one_cell_rows(text: str, expected: set) -> None:
    result = parse_text(text, source="t.md", fmt="md")
    duties = [d for doc in result.documents for d in extract_duties(result, doc, "t")]
    assert {(d.actor, d.role, d.deadline.date if d.deadline else None, d.action) for d in duties} == expected


# A lead cell that is sentences of its own: each bearer with what its sentence says (Bắc Ninh Phụ lục rows;
# an invented plan's row); a bare name leads the row.
LEAD_CELLS = [
    ("Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố dữ liệu mở hằng năm.",
     {("so_khoa_hoc_cong_nghe", "chu_tri"), ("cac_so_ban_nganh", "thuc_hien"), ("ubnd_cap_xa", "thuc_hien")}),
    ("Ngân hàng nhà nước khu vực XII", {("ngan_hang_nha_nuoc", "chu_tri")}),
    ("Sở Giáo dục và Đào tạo; Sở Nội vụ", {("so_giao_duc_dao_tao", "chu_tri"), ("so_noi_vu", "chu_tri")}),
    ("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ", {("so_tu_phap", "chu_tri"), ("so_noi_vu", "phoi_hop")}),
]


@pytest.mark.parametrize(("cell", "expected"), LEAD_CELLS)
def test_a_lead_cell_of_sentences(cell: str, expected: set[tuple[str, str]]) -> None:
    text = f"""KẾ HOẠCH
Thử

I. NHIỆM VỤ

| TT | Nhiệm vụ | Chủ trì |
|---|---|---|
| 1 | Phát triển dữ liệu mở | {cell} |
"""
    result = parse_text(text, source="t.md", fmt="md")
    assert {(d.actor, d.role) for doc in result.documents for d in extract_duties(result, doc, "t")} == expected


# A group the document defines as the bodies it lists ("(sau đây viết tắt là cơ quan, đơn vị)") stands for
# those bodies wherever the document uses it, whatever the term means elsewhere (the Nghệ An emulation plan;
# an invented Quy chế; a Kế hoạch whose list follows the one who hands it over).
DEFINED_GROUPS = [
    ((("các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị - xã hội, các doanh nghiệp "
      "(sau đây viết tắt là cơ quan, đơn vị) và mọi người dân triển khai Đợt thi đua."),
      "Các cơ quan, đơn vị căn cứ Kế hoạch này để phát động Đợt thi đua."),
     {("cac_so_ban_nganh", "thuc_hien"), ("mttq_tinh", "thuc_hien"), ("to_chuc_chinh_tri_xa_hoi", "thuc_hien")}),
    (("Sở Tư pháp, Sở Nội vụ và Sở Tài chính (sau đây gọi chung là các cơ quan tham mưu) giúp Ủy ban nhân dân tỉnh.",
      "Các cơ quan tham mưu rà soát văn bản trước ngày 15/12/2025."),
     {("so_tu_phap", "thuc_hien"), ("so_noi_vu", "thuc_hien"), ("so_tai_chinh", "thuc_hien")}),
    (("Ủy ban nhân dân tỉnh giao Sở Xây dựng, Sở Công Thương (sau đây gọi chung là cơ quan chủ trì) tổ chức thực hiện.",
      "Cơ quan chủ trì báo cáo kết quả về Ủy ban nhân dân tỉnh."),
     {("so_xay_dung", "bao_cao"), ("so_cong_thuong", "bao_cao")}),
]


@pytest.mark.parametrize(("lines", "expected"), DEFINED_GROUPS)
def test_a_defined_group_stands_for_its_members(lines: tuple[str, str], expected: set[tuple[str, str]]) -> None:
    text = f"KẾ HOẠCH\nThử\n\nI. NỘI DUNG\n1. {lines[0]}\n2. {lines[1]}\n"
    assert {(a, r) for e, a, r in _duties(text) if e.endswith("item_2")} == expected


# A list closing with "Thời gian thực hiện: ..." at the end of its last item, in a document that gives each
# task its own time line: the line dates the whole list (the Quảng Ngãi inventory plan; an invented Sở plan).
# Where no task beside the list's lead has a time line of its own, the line stays its item's (a Bắc Giang plan).
CLOSING_TIMES = [
    ("""KẾ HOẠCH
Thử

I. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính
a) Phối hợp hướng dẫn các cơ quan thực hiện kiểm kê. Trong đó:
- Sở Xây dựng: hướng dẫn kiểm kê tài sản kết cấu hạ tầng giao thông.
- Sở Công Thương: hướng dẫn kiểm kê tài sản kết cấu hạ tầng thương mại.
Thời gian thực hiện: Từ tháng 11/2025 đến tháng 3/2026.
b) Cử công chức tham gia tổ công tác.
Thời gian thực hiện: Tháng 12/2025.
""", {("sec_I__item_1__bullet_a__bullet_1", "so_xay_dung", "2026-03"),
      ("sec_I__item_1__bullet_a__bullet_2", "so_cong_thuong", "2026-03")}),
    ("""KẾ HOẠCH
Thử

II. NHIỆM VỤ
1. Sở Y tế
a) Triển khai chiến dịch tiêm chủng. Trong đó, tập trung:
- Rà soát đối tượng tiêm chủng.
- Tổ chức các điểm tiêm lưu động.
Thời gian thực hiện: Quý II năm 2026.
b) Tổng kết chiến dịch.
Thời gian thực hiện: Tháng 12/2026.
""", {("sec_II__item_1__bullet_a__bullet_1", "so_y_te", "2026-Q2"),
      ("sec_II__item_1__bullet_a__bullet_2", "so_y_te", "2026-Q2")}),
    ("""KẾ HOẠCH
Thử

II. NHIỆM VỤ
1. Nâng cao chất lượng văn bản
Giám đốc Sở Tư pháp tiếp tục tổ chức thực hiện nghiêm các quy định. Trong đó, tập trung:
a) Nâng cao nhận thức về công tác xây dựng văn bản.
b) Tăng cường kỷ luật, kỷ cương trong công tác này.
Thời gian thực hiện: Tháng 9/2021.
""", {("sec_II__item_1__bullet_a", "so_tu_phap", None)}),
]


@pytest.mark.parametrize(("text", "expected"), CLOSING_TIMES)
def test_a_list_closing_with_its_time(text: str, expected: set) -> None:
    result = parse_text(text, source="t.txt", fmt="txt")
    got = {(d.eid, d.actor, d.deadline.date if d.deadline else None)
           for doc in result.documents for d in extract_duties(result, doc, "t")}
    assert expected <= got, sorted(got)
