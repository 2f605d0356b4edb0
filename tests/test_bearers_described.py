"""Bearers named by a described common noun (issue 9, cause 1): a head noun of the agency or person kind
(cơ quan, đơn vị, tổ chức, cá nhân, người, cán bộ, doanh nghiệp ...) and its modifiers, running to the
first predicate. Sentences from dev documents of eval/labels/unseen (a Bình Dương plan on law-making
09daab284f92e2dd, the Law on cadres and civil servants 5442d166b03566fa, a Quy chế on consultation software
ce4ad96dbd9a518d, a Hà Nội TTHC process cdf2fbc53d083c98, a digital-transformation plan ad5aff6c13929815,
a Thông tư on energy use doc_000065, a disaster plan 62f25a030c183151), expected by hand.
"""

from __future__ import annotations

import pytest
from actor_keys import actor_key as _key

from kb.duties import grammar
from kb.duties.actors import tokenizer_nlp
from kb.duties.extract import read_text

# (sentence, expected {(actor, role)}): actors as registry ids or printed names
DESCRIBED = [
    # a catch-all list of heads, then its predicate verb (not "xây dựng Kế hoạch" glued into the name)
    ("Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch triển khai thực hiện phù hợp với chức năng, nhiệm vụ.",
     {("Cơ quan, đơn vị, địa phương", "thuc_hien")}),
    # an authority ("có thẩm quyền" ...) described up to its duty verb
    ("Người có thẩm quyền phê duyệt dự thảo nội dung gửi lấy ý kiến.", {("Người có thẩm quyền", "thuc_hien")}),
    ("Cơ quan có thẩm quyền của Đảng Cộng sản Việt Nam hướng dẫn việc lập, quản lý hồ sơ cán bộ, công chức.",
     {("Cơ quan có thẩm quyền của Đảng Cộng sản Việt Nam", "thuc_hien")}),
    (("Cán bộ, công chức có trách nhiệm bổ sung thông tin cá nhân theo quy định khi có thay đổi; cơ quan, tổ chức "
      "có thẩm quyền phê duyệt, cập nhật vào hồ sơ cán bộ, công chức."),
     {("Cán bộ, công chức", "thuc_hien"), ("Cơ quan, tổ chức có thẩm quyền", "thuc_hien")}),
    # after an adverbial lead and its comma
    ("Hằng năm, các cơ quan, đơn vị sử dụng ngân sách nhà nước lập báo cáo sử dụng năng lượng.",
     {("Cơ quan, đơn vị sử dụng ngân sách nhà nước", "bao_cao")}),
    ("Căn cứ nội dung lấy ý kiến, người có thẩm quyền phân công xử lý.", {("Người có thẩm quyền", "thuc_hien")}),
    # an adverb opening the predicate
    ("Doanh nghiệp công nghệ số chủ động tham gia triển khai Kế hoạch.", {("Doanh nghiệp công nghệ số", "thuc_hien")}),
    # not bearers: "người" with another description, a definition by "là", a verb at the clause's start, the
    # applicant described by its request, the level a task block's line is about
    ("Người được giao nhiệm vụ tiếp nhận hồ sơ kiểm tra thông tin.", set()),
    ("Cán bộ, công chức là người đứng đầu cơ quan, tổ chức, đơn vị thực hiện các nghĩa vụ sau đây.", set()),
    ("Thanh tra, kiểm tra hoạt động công vụ và giải quyết khiếu nại, tố cáo theo quy định của pháp luật.", set()),
    (("Tổ chức bếp ăn cộng đồng tại các điểm sơ tán, điểm tập trung dân cư, cấp cơm nóng, thức ăn chín bảo đảm an "
      "toàn vệ sinh thực phẩm."), set()),
    ("Tổ chức, cá nhân đề nghị cấp giấy phép nhập khẩu nộp hồ sơ cho Cục Hạ tầng và Thiết bị y tế.", set()),
    ("Trong quá trình thực hiện, các cấp, các ngành, cơ quan, đơn vị phát hiện những vấn đề chưa phù hợp.", set()),
]


@pytest.mark.parametrize(("text", "expected"), DESCRIBED)
def test_described_bearers(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, None)} == {(_key(a), r) for a, r in expected}


SPANS = [
    ("Hằng năm, các cơ quan, đơn vị sử dụng ngân sách nhà nước lập báo cáo",
     ["các cơ quan, đơn vị sử dụng ngân sách nhà nước"]),
    ("Người có thẩm quyền phê duyệt dự thảo", ["Người có thẩm quyền"]),
    ("Cơ quan có thẩm quyền giải quyết đối chiếu Thông báo về nghĩa vụ tài chính",
     ["Cơ quan có thẩm quyền giải quyết"]),
    ("Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch", ["Các cơ quan, đơn vị, địa phương"]),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_described_spans(text: str, expected: list[str]) -> None:
    doc = tokenizer_nlp()(text)
    found = grammar.bodies(doc.user_data["norms"], doc.user_data["words"])
    assert [doc[b.start:b.end].text for b in found] == expected


# Unknown proper names inside a list of bearers: none dropped, none cutting the list after it. Sentences from
# a Hà Nội TTHC Quyết định (cdf2fbc53d083c98), a land-procedure Quyết định (corpus-wild 5a80798bbf985e87) and
# a kindergarten plan (69db23c781b2e9aa).
LISTED = [
    # a capitalised verb inside a name, a body added in "(và ...)", a tier in lower case, the typo "Ủy ban nhân"
    (("Sở Nông nghiệp và Môi trường, Thuế Thành phố Hà Nội (và Thuế cơ sở), Trung tâm Phục vụ hành chính công "
      "Thành phố, Ủy ban nhân các xã, phường, Văn phòng Đăng ký đất đai Hà Nội (và các Chi nhánh trực thuộc), các cơ "
      "quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."),
     {("so_nong_nghiep_moi_truong", "thuc_hien"), ("Thuế Thành phố Hà Nội", "thuc_hien"), ("Thuế cơ sở", "thuc_hien"),
      ("trung_tam_phuc_vu_hcc", "thuc_hien"), ("ubnd_cap_xa", "thuc_hien"),
      ("Văn phòng Đăng ký đất đai Hà Nội", "thuc_hien"), ("Chi nhánh trực thuộc", "thuc_hien"),
      ("co_quan_lien_quan", "thuc_hien")}),
    # "và các <head>" opens the next body, not a part of the name before it
    (("Sở Nông nghiệp và Môi trường, Thuế Thành phố và các Thuế cơ sở, UBND cấp xã, Văn phòng Đăng ký đất đai và "
      "các Chi nhánh trực thuộc có trách nhiệm tuân thủ quy trình giải quyết theo phương án được phê duyệt."),
     {("so_nong_nghiep_moi_truong", "thuc_hien"), ("Thuế Thành phố", "thuc_hien"), ("Thuế cơ sở", "thuc_hien"),
      ("ubnd_cap_xa", "thuc_hien"), ("Văn phòng Đăng ký đất đai", "thuc_hien"), ("Chi nhánh trực thuộc", "thuc_hien")}),
    (("Giao Văn phòng Đăng ký đất đai hoặc Chi nhánh Văn phòng Đăng ký đất đai cung cấp thông tin về cơ sở dữ liệu "
      "đất đai."),
     {("Văn phòng Đăng ký đất đai", "thuc_hien"), ("Chi nhánh Văn phòng Đăng ký đất đai", "thuc_hien")}),
    ("Ủy ban nhân tỉnh ban hành Kế hoạch thực hiện như sau.", {("ubnd_tinh", "ban_hanh")}),
    # "không" ends a name ("Cơ quan Thuế không trực tiếp trả ..."), but not "Hàng không"
    (("Cơ quan Thuế căn cứ tài liệu nhận được từ Bước 3, tiến hành xác định và ban hành Thông báo về nghĩa vụ tài "
      "chính."), {("Cơ quan Thuế", "thuc_hien")}),
]


@pytest.mark.parametrize(("text", "expected"), LISTED)
def test_listed_unknown_bodies(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, None)} == {(_key(a), r) for a, r in expected}


def test_khong_ends_a_name_but_not_hang_khong() -> None:
    for text, expected in (("Cơ quan Thuế không trực tiếp trả Thông báo", ["Cơ quan Thuế"]),
                           ("Cục Hàng không Việt Nam chủ trì hướng dẫn", ["Cục Hàng không Việt Nam"])):
        doc = tokenizer_nlp()(text)
        found = grammar.bodies(doc.user_data["norms"], doc.user_data["words"])
        assert [doc[b.start:b.end].text for b in found] == expected
