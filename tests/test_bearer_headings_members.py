"""Bearers a heading or a group names (issue 9, cause 2), written out by hand from several documents:

- a heading "Trách nhiệm / Nhiệm vụ / Nghĩa vụ / Quyền và nghĩa vụ của <bearer>" names its bearer whatever it
  is, a body the actor list lacks included (the Law on cadres 5442d166b03566fa, the Law on bidding and the
  Law on tax administration and on cybersecurity saved from vbpl, a Quảng Ngãi inventory plan
  4e39af96b6891368, a Hải Phòng Quy định 548693349b18e8cf), unless it names a text or an activity;
- a group followed by its members names each ("Các Bộ, cơ quan: Tài chính, Xây dựng, ..., Tập đoàn Điện lực
  Việt Nam" in a Thông báo kết luận 296e373d796986f4; "Giám đốc các Sở: Tài chính, Tư pháp" in a Quảng Trị
  Quyết định 879553949728a7dc; "các sở, ngành: Y tế, Giáo dục và Đào tạo");
- an annex's label after the text's closing "./." starts a document of its own (548693349b18e8cf).
"""

from __future__ import annotations

import pytest
from actor_keys import actor_key as _key

from kb.duties.actors import load_registry
from kb.duties.bearers import bearer_line
from kb.duties.extract import read_text
from kb.duties.groups import member_lists
from parsers import parse_text

# (heading or lead line, is a heading, expected bearers as registry ids or printed names; None: names none)
LINES = [
    ("Nghĩa vụ của cán bộ, công chức trong thi hành công vụ", True, ["Cán bộ, công chức"]),
    ("Nghĩa vụ của cán bộ, công chức đối với Đảng, Nhà nước và Nhân dân", True, ["Cán bộ, công chức"]),
    ("Nghĩa vụ của cán bộ, công chức là người đứng đầu trong thi hành công vụ", True, ["nguoi_dung_dau"]),
    ("Trách nhiệm của cơ quan, tổ chức, đơn vị trong đào tạo, bồi dưỡng công chức", True,
     ["Cơ quan, tổ chức, đơn vị"]),
    ("Trách nhiệm của người có thẩm quyền", True, ["Người có thẩm quyền"]),
    ("Quyền và nghĩa vụ của người nộp thuế", True, ["Người nộp thuế"]),
    ("Trách nhiệm của chủ quản hệ thống thông tin trong bảo vệ an ninh mạng", True, ["Chủ quản hệ thống thông tin"]),
    ("Trách nhiệm của đối tượng thực hiện kiểm kê:", False, ["Đối tượng thực hiện kiểm kê"]),
    ("Trách nhiệm của các cơ quan quản lý cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu của doanh nghiệp):", False,
     ["Cơ quan quản lý cấp trên"]),
    ("Trách nhiệm của người đứng đầu cơ quan, đơn vị", True, ["Người đứng đầu cơ quan, đơn vị"]),
    # a known body keeps its id; a text or an activity bears nothing; a sentence is no lead line
    ("Trách nhiệm của Sở Tư pháp", True, ["so_tu_phap"]),
    ("Nhiệm vụ của Kế hoạch", True, None),
    ("Trách nhiệm của công tác thi đua, khen thưởng", True, None),
    ("Trách nhiệm của cán bộ, công chức rất quan trọng trong việc này.", False, None),
    # a group and its members on a lead line
    ("Trách nhiệm của các Sở: Tư pháp, Nội vụ, Tài chính.", False, ["so_tu_phap", "so_noi_vu", "so_tai_chinh"]),
    ("Các Sở, ngành: Y tế, Giáo dục và Đào tạo:", False, ["so_y_te", "so_giao_duc_dao_tao"]),
]


@pytest.mark.parametrize(("line", "heading", "expected"), LINES)
def test_a_heading_or_lead_line_names_its_bearers(line: str, heading: bool, expected: list[str] | None) -> None:
    found = bearer_line(line, load_registry(), heading=heading)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found.actors == [_key(a) for a in expected]


# (text, [(printed group, member ids)])
GROUPS = [
    (("Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp và Môi trường, Văn hóa, Thể thao và Du lịch, Ngoại giao, "
      "Tập đoàn Điện lực Việt Nam theo chức năng, nhiệm vụ được giao khẩn trương rà soát"),
     [(("Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp và Môi trường, Văn hóa, Thể thao và Du lịch, Ngoại giao, "
        "Tập đoàn Điện lực Việt Nam"),
       ["bo_tai_chinh", "bo_xay_dung", "bo_nong_nghiep_moi_truong", "bo_van_hoa", "bo_ngoai_giao",
        "Tập đoàn Điện lực Việt Nam"])]),
    ("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các Sở: Tài chính, Tư pháp; Thủ trưởng các sở chịu trách nhiệm",
     [("Giám đốc các Sở: Tài chính, Tư pháp", ["so_tai_chinh", "so_tu_phap"])]),
    ("giao các sở, ngành: Y tế, Giáo dục và Đào tạo chủ trì", [("các sở, ngành: Y tế, Giáo dục và Đào tạo",
                                                               ["so_y_te", "so_giao_duc_dao_tao"])]),
    ("Thời gian: Quý IV năm 2025", []),
]


@pytest.mark.parametrize(("text", "expected"), GROUPS)
def test_a_group_names_each_member(text: str, expected: list[tuple[str, list[str]]]) -> None:
    got = [(text[s:e], list(ids)) for s, e, ids in member_lists(text, load_registry())]
    assert got == [(printed, [_key(a) for a in ids]) for printed, ids in expected]


# (sentence, expected {(actor, role)})
SENTENCES = [
    (("Các Bộ, cơ quan: Tài chính, Xây dựng, Ngoại giao theo chức năng, nhiệm vụ được giao khẩn trương rà soát lại "
      "việc thực hiện, báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 05 tháng 12 năm 2025."),
     {(a, r) for a in ("bo_tai_chinh", "bo_xay_dung", "bo_ngoai_giao") for r in ("thuc_hien", "bao_cao")}),
    (("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các Sở: Tài chính, Tư pháp; Chủ tịch Ủy ban nhân dân các xã, "
      "phường chịu trách nhiệm thi hành Quyết định này."),
     {("van_phong_ubnd_tinh", "thuc_hien"), ("so_tai_chinh", "thuc_hien"), ("so_tu_phap", "thuc_hien"),
      ("chu_tich_ubnd_cap_xa", "thuc_hien")}),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_members_bear_the_sentence(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text)} == expected


HEADED = """QUY ĐỊNH
Về đánh giá cán bộ

Điều 1. Nghĩa vụ của cán bộ, công chức trong thi hành công vụ
1. Thực hiện đúng, đầy đủ nhiệm vụ được giao.
2. Báo cáo người có thẩm quyền khi phát hiện hành vi vi phạm pháp luật.
"""


def test_the_clauses_of_a_heading_bear_its_bearer() -> None:
    from kb.duties.extract import extract_duties

    result = parse_text(HEADED)
    doc = result.documents[0]
    got = {(d.eid, d.actor, d.role) for d in extract_duties(result, doc, "x")}
    bearer = _key("Cán bộ, công chức")
    assert got == {("art_1__para_1", bearer, "thuc_hien"), ("art_1__para_2", bearer, "bao_cao")}


LEAD_NAMED = """KẾ HOẠCH
Kiểm kê đất đai

I. TỔ CHỨC THỰC HIỆN
1. Trách nhiệm của đối tượng thực hiện kiểm kê:
a) Rà soát hồ sơ địa chính, lập biểu kiểm kê.
b) Báo cáo kết quả trước ngày 15/01/2026.
"""


@pytest.mark.parametrize(("text", "name"), [
    (HEADED, "Cán bộ, công chức"),
    (LEAD_NAMED, "Đối tượng thực hiện kiểm kê"),
])
def test_a_bearer_only_a_heading_or_lead_line_names_is_a_stored_actor(text: str, name: str) -> None:
    from kb.duties.extract import extract_duties
    from kb.duties.named import document_actors

    result = parse_text(text)
    doc = result.documents[0]
    names = {a.id: a.name for a in document_actors(result, doc)}
    bearers = {d.actor for d in extract_duties(result, doc, "x")}
    assert bearers == {_key(name)}
    assert names[_key(name)] == name


ANNEXED = """QUY ĐỊNH
Về tiêu chí đánh giá

Điều 1. Trách nhiệm của người đứng đầu cơ quan, đơn vị
1. Trực tiếp chỉ đạo triển khai, thực hiện quy định này.
2. Chịu trách nhiệm về các hồ sơ, tài liệu, kết quả đánh giá./.

Phụ lục 01

PHIẾU ĐÁNH GIÁ, XẾP LOẠI
1. Tự nhận xét ưu, khuyết điểm
2. Tự xếp loại chất lượng
"""


def test_an_annex_after_the_closing_mark_is_a_document_of_its_own() -> None:
    docs = parse_text(ANNEXED).documents
    assert [d.doc_type for d in docs] == ["Quy định", "Phụ lục"]
    assert [n.eid for n in docs[0].walk()] == ["art_1", "art_1__para_1", "art_1__para_2"]


# A list of generic heads, each with the word or two saying its kind ("tổ chức đảng", "cơ quan nhà nước"), then
# its predicate (a Party guidance
# fe168907f6107711, a Hà Nội Quy định af2a4fc9b3a7aeeb, a Quảng Trị Quyết định 879553949728a7dc)
PARTY = [
    ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị căn cứ quy trình bổ nhiệm để cụ thể hóa, hướng dẫn thực hiện.",
     {("Cấp ủy, tổ chức đảng, cơ quan, đơn vị", "thuc_hien")}),
    ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị trực thuộc Trung ương có trách nhiệm bàn giao hồ sơ gốc.",
     {("Cấp ủy, tổ chức đảng, cơ quan, đơn vị trực thuộc Trung ương", "thuc_hien")}),
    ("Cấp ủy có trách nhiệm bàn giao hồ sơ gốc.", {("Cấp ủy", "thuc_hien")}),
    # a description "trong phạm vi ... của mình" stays out of the name
    (("Bộ, cơ quan ngang bộ trong phạm vi nhiệm vụ, quyền hạn của mình có trách nhiệm phối hợp với Bộ Tư pháp thực "
      "hiện quản lý nhà nước về nuôi con nuôi."), {("cac_bo_nganh", "phoi_hop")}),
]


@pytest.mark.parametrize(("text", "expected"), PARTY)
def test_lists_of_generic_heads_with_their_kind(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text)} == {(_key(a), r) for a, r in expected}


WRAPPED_NUMERAL = """HƯỚNG DẪN
Thực hiện một số nội dung

I. Về quy hoạch cán bộ
1. Ví dụ: đồng chí Nguyễn Văn X có thể được giới thiệu quy hoạch chức danh Trưởng đoàn đại biểu Quốc hội tỉnh khóa
XVII.
2. Về chức danh quy hoạch.
"""


def test_a_numeral_ending_a_wrapped_sentence_is_no_heading() -> None:
    nodes = list(parse_text(WRAPPED_NUMERAL).documents[0].walk())
    assert [n.eid for n in nodes] == ["sec_I", "sec_I__item_1", "sec_I__item_2"]
    assert nodes[1].text.endswith("Trưởng đoàn đại biểu Quốc hội tỉnh khóa XVII.")
