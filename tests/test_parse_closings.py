"""A text's closing paragraph is a unit of its own, not words of the last item or clause (issue 9, items 5
and 8): "Trên đây là Kế hoạch / Chỉ thị ...; yêu cầu (đề nghị) các cơ quan ... triển khai thực hiện." and
"Trong quá trình (tổ chức, triển khai) thực hiện, nếu có khó khăn, vướng mắc, ... phản ánh về Sở X để tổng
hợp, báo cáo ..." printed after the last bullet of a plan or the last clause of an article become a
paragraph at the document's root (a new eid, `para_N`), with every line after them up to the signature;
the last unit keeps its own words and its eid. A clause whose own words are that sentence ("3. Trong quá
trình thực hiện ...") stays a clause.

Inputs written after the closings of ../shared/corpus-wild 2847e16133f7b987 (Chỉ thị, Cần Thơ),
99c7d8fff9e4572e (Kế hoạch, Nghệ An), 511e7283656cde8f (Kế hoạch, Hà Nội), 3a2db039af8c2d05 (Kế hoạch, Cần
Thơ), af2a4fc9b3a7aeeb (Quy chế, Hà Nội), 2dd703fa6cbbc87b (Quyết định); expected values written by hand.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.duties.extract import extract_duties
from parsers import parse_text
from tests.parse_invariants import lost_words, tree_problems


def _units(text: str, doc: int = 0) -> list[tuple[str, str | None, str]]:
    result = parse_text(text)
    assert tree_problems(result) == []
    missing, invented = lost_words(text, result)
    assert not missing and not invented
    return [(n.eid, n.heading, n.text) for n in result.documents[doc].walk()]


CHI_THI = (  # 2847e16133f7b987: a Chỉ thị's items, the closing hard-wrapped after a blank line
    "CHỈ THỊ\n\n11. Quản lý khai thác.\n\n12. Khuyến khích bảo vệ nguồn nước\n\nd) Khuyến khích tổ chức, cá nhân xây dựng, áp dụng tiêu chuẩn.\n\n"
    "Trên đây là Chỉ thị về tăng cường\ncông tác quản lý, bảo vệ tài nguyên nước dưới đất, yêu cầu Giám đốc sở,\n"
    "Chủ tịch Ủy ban nhân dân xã, phường tổ chức triển khai thực hiện nghiêm túc Chỉ thị này./.\n"
)
KE_HOACH = (  # 99c7d8fff9e4572e: the last dash of section V, then "Trên đây là Kế hoạch ... Trong quá trình ..."
    "KẾ HOẠCH\n\nV. TỔ CHỨC THỰC HIỆN\n\n2. Sở Nội vụ\n\n- Hướng dẫn khen thưởng Đợt thi đua.\n\n"
    "Trên đây là Kế hoạch triển khai Đợt thi đua. Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị triển khai "
    "thực hiện. Trong quá trình triển khai thực hiện, nếu có vướng mắc, đề nghị gửi phản ánh về Sở Nội vụ để "
    "tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định./.\n"
)
TWO_PARAGRAPHS = (  # 511e7283656cde8f: "Trong quá trình ..." then "Đề nghị ..." on a paragraph of its own
    "KẾ HOẠCH\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\n- Tổng hợp, báo cáo kết quả đánh giá.\n\n"
    "Trong quá trình thực hiện có\nkhó khăn, vướng mắc, đề nghị các cơ quan, tổ chức, đơn vị phản hồi bằng văn bản\n"
    "về Ủy ban nhân dân Thành phố (thông qua Sở Nội vụ) để được giải quyết.\n\n"
    "Đề nghị các cơ quan, tổ chức, đơn vị khẩn trương triển khai thực hiện./.\n"
)
QUY_CHE = (  # af2a4fc9b3a7aeeb: the last clause of the last article, then the closing paragraph
    "QUY CHẾ\n\nĐiều 12. Tổ chức thực hiện\n\n4. Hằng năm, Sở Nội vụ ban hành văn bản hướng dẫn.\n\n"
    "Trong quá trình thực hiện, các cấp, các ngành phát hiện những vấn đề mới cần sửa đổi, bổ sung, báo cáo "
    "Ủy ban nhân dân thành phố qua Sở Nội vụ để xem xét, sửa đổi kịp thời./.\n"
)
OWN_CLAUSE = (  # 2dd703fa6cbbc87b: the closing printed as a numbered clause of its own stays that clause
    "QUYẾT ĐỊNH:\n\nĐiều 6. Tổ chức thực hiện\n\n1. Sở Tài chính hướng dẫn thực hiện.\n\n"
    "2. Trong quá trình tổ chức thực hiện, nếu có phát sinh vướng mắc, các cơ quan phản ánh về Sở Tài chính./.\n"
)
OWN_ARTICLE = (  # 5b692e230f990be5: an article whose whole body is the closing keeps it
    "QUY CHẾ\n\nĐiều 9. Công khai\n\n1. Thực hiện công khai tài sản công.\n\nĐiều 10. Điều khoản thi hành\n\n"
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, tổ chức, đơn vị kịp thời phản ánh về Sở "
    "Tài chính để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định./.\n"
)
REQUEST_FIRST = (  # 541cde0f8d5ffef3: the issuer's request opens the paragraph, "Trong quá trình ..." follows
    "CHỈ THỊ\n\n3. Sở Nội vụ tham mưu.\n\n4. Văn phòng UBND tỉnh\n\nb) Theo dõi, quản lý, kiểm tra, đôn đốc công tác "
    "cải cách TTHC trên địa bàn tỉnh.\n\nChủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành tổ chức quán triệt, "
    "triển khai nghiêm túc Chỉ thị này. Trong quá trình thực hiện, nếu có vướng mắc phát sinh, các cơ quan, đơn vị "
    "kịp thời báo cáo UBND tỉnh để được xem xét, giải quyết./.\n"
)
MID_TEXT = (  # a paragraph about the course of a task that is not the closing: it is not the last unit's tail
    "KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Rà soát văn bản.\n\nTrong quá trình thực hiện, các sở ghi nhận kết quả.\n\n"
    "2. Tổng kết.\n"
)

CLOSINGS = [
    (CHI_THI, [("item_11", None, "Quản lý khai thác."), ("item_12", "Khuyến khích bảo vệ nguồn nước", ""),
               ("item_12__bullet_d", None, "Khuyến khích tổ chức, cá nhân xây dựng, áp dụng tiêu chuẩn."),
               ("para_1", None, ("Trên đây là Chỉ thị về tăng cường công tác quản lý, bảo vệ tài nguyên nước dưới "
                "đất, yêu cầu Giám đốc sở, Chủ tịch Ủy ban nhân dân xã, phường tổ chức triển khai thực hiện "
                "nghiêm túc Chỉ thị này./."))]),
    (KE_HOACH, [("sec_V", "TỔ CHỨC THỰC HIỆN", ""), ("sec_V__item_2", "Sở Nội vụ", ""),
                ("sec_V__item_2__bullet_1", None, "Hướng dẫn khen thưởng Đợt thi đua."),
                ("para_1", None, KE_HOACH.split("\n\n")[-1].strip())]),
    (TWO_PARAGRAPHS, [("sec_III", "TỔ CHỨC THỰC HIỆN", ""), ("sec_III__item_1", "Sở Nội vụ", ""),
                      ("sec_III__item_1__bullet_1", None, "Tổng hợp, báo cáo kết quả đánh giá."),
                      ("para_1", None, ("Trong quá trình thực hiện có khó khăn, vướng mắc, đề nghị các cơ quan, "
                       "tổ chức, đơn vị phản hồi bằng văn bản về Ủy ban nhân dân Thành phố (thông qua Sở Nội vụ) "
                       "để được giải quyết.\nĐề nghị các cơ quan, tổ chức, đơn vị khẩn trương triển khai thực "
                       "hiện./."))]),
    (QUY_CHE, [("art_12", "Tổ chức thực hiện", ""),
               ("art_12__para_4", None, "Hằng năm, Sở Nội vụ ban hành văn bản hướng dẫn."),
               ("para_1", None, QUY_CHE.split("\n\n")[-1].strip())]),
    (OWN_CLAUSE, [("art_6", "Tổ chức thực hiện", ""), ("art_6__para_1", None, "Sở Tài chính hướng dẫn thực hiện."),
                  ("art_6__para_2", None, ("Trong quá trình tổ chức thực hiện, nếu có phát sinh vướng mắc, các cơ "
                   "quan phản ánh về Sở Tài chính./."))]),
    (OWN_ARTICLE, [("art_9", "Công khai", ""), ("art_9__para_1", None, "Thực hiện công khai tài sản công."),
                   ("art_10", "Điều khoản thi hành", OWN_ARTICLE.split("\n\n")[-1].strip())]),
    (REQUEST_FIRST, [("item_3", None, "Sở Nội vụ tham mưu."), ("item_4", "Văn phòng UBND tỉnh", ""),
                     ("item_4__bullet_b", None, ("Theo dõi, quản lý, kiểm tra, đôn đốc công tác cải cách TTHC trên "
                      "địa bàn tỉnh.")),
                     ("para_1", None, ("Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành tổ chức quán "
                      "triệt, triển khai nghiêm túc Chỉ thị này. Trong quá trình thực hiện, nếu có vướng mắc phát "
                      "sinh, các cơ quan, đơn vị kịp thời báo cáo UBND tỉnh để được xem xét, giải quyết./."))]),
    (MID_TEXT, [("sec_I", "NHIỆM VỤ", ""),
                ("sec_I__item_1", None, "Rà soát văn bản.\nTrong quá trình thực hiện, các sở ghi nhận kết quả."),
                ("sec_I__item_2", None, "Tổng kết.")]),
]


@pytest.mark.parametrize(("text", "expected"), CLOSINGS)
def test_closing_is_a_unit_of_its_own(text: str, expected: list) -> None:
    assert _units(text) == expected


def test_closing_duties_are_filed_on_the_closing() -> None:
    """The last bullet holds no duty of the closing's addressees: they are the closing paragraph's."""
    result = parse_text(TWO_PARAGRAPHS)
    doc = result.documents[0]
    duties = extract_duties(result, doc, "d")
    on_bullet = {d.actor for d in duties if d.eid == "sec_III__item_1__bullet_1"}
    on_closing = {d.eid for d in duties if d.eid == "para_1"}
    assert on_closing == {"para_1"}
    assert all("co_quan" not in a for a in on_bullet)


def test_signature_stays_out_of_the_closing() -> None:
    text = KE_HOACH + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
    result = parse_text(text)
    doc = result.documents[0]
    assert doc.nodes[-1].eid == "para_1" and "Nơi nhận" not in doc.nodes[-1].text
    assert doc.signature.startswith("Nơi nhận")


_WORDS = st.sampled_from(["Sở", "Tư", "pháp", "báo", "cáo", "thực", "hiện", "vướng", "mắc", "kịp", "thời", "xã"])
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
_CLOSING_OPENERS = st.sampled_from(["Trên đây là Kế hoạch", "Trong quá trình thực hiện, nếu có vướng mắc,",
                                    "Trong quá trình triển khai thực hiện,", "Trên đây là Chỉ thị"])


@settings(max_examples=60, deadline=None)
@given(items=st.lists(_SENTENCE, min_size=1, max_size=4), opener=_CLOSING_OPENERS, tail=_SENTENCE,
       after=st.lists(_SENTENCE, max_size=2))
def test_no_word_lost_and_last_item_keeps_its_words(items: list[str], opener: str, tail: str,
                                                     after: list[str]) -> None:
    body = "\n\n".join(f"{n}. {s}" for n, s in enumerate(items, start=1))
    closing = "\n\n".join([f"{opener} {tail}", *after])
    text = f"KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n{body}\n\n{closing}\n"
    result = parse_text(text)
    missing, invented = lost_words(text, result)
    assert not missing and not invented
    nodes = list(result.documents[0].walk())
    assert nodes[-1].eid == "para_1" and nodes[-1].text.startswith(opener)
    assert nodes[-2].eid == f"sec_I__item_{len(items)}" and nodes[-2].text == items[-1]


# A law's passage line and its signer, printed after the last clause (../shared/laws Luật-52-2010-QH12,
# Luật-106-2016-QH13, Luật-12-2022-QH15 "Đã ký:"): the passage line is the closing paragraph (it keeps
# the date the law was passed among the units), the signer's office and name are the signature.
LAWS = [
    (("LUẬT\n\nĐiều 52. Hướng dẫn thi hành\n\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2011.\n\n"
     "2. Chính phủ quy định chi tiết và hướng dẫn thi hành các điều, khoản được giao trong Luật.\n\n"
     "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khoá XII, kỳ họp thứ 7 thông qua ngày 17 "
     "tháng 6 năm 2010.\n\nCHỦ TỊCH QUỐC HỘI\nNguyễn Phú Trọng\n"),
     "art_52__para_2", "Chính phủ quy định chi tiết và hướng dẫn thi hành các điều, khoản được giao trong Luật.",
     "Nguyễn Phú Trọng"),
    (("LUẬT\n\nĐiều 4. Hiệu lực thi hành\n\n3. Chính phủ quy định chi tiết các điều, khoản được giao trong Luật.\n\n"
     "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khoá XIII, kỳ họp thứ 11 thông qua ngày 06 "
     "tháng 4 năm 2016.\n\nCHỦ TỊCH QUỐC HỘI\n\nNguyễn Thị Kim Ngân\n"),
     "art_4__para_3", "Chính phủ quy định chi tiết các điều, khoản được giao trong Luật.", "Nguyễn Thị Kim Ngân"),
    (("LUẬT\n\nĐiều 69. Hiệu lực thi hành\n\n4. Bãi bỏ khoản 2 Điều 5 của Luật số 71/2006/QH11.\n\n"
     "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 4 thông qua ngày 14 "
     "tháng 11 năm 2022.\n\nCHỦ TỊCH QUỐC HỘI\nĐã ký: Vương Đình Huệ\n"),
     "art_69__para_4", "Bãi bỏ khoản 2 Điều 5 của Luật số 71/2006/QH11.", None),
]


@pytest.mark.parametrize(("text", "last", "own", "signer"), LAWS)
def test_law_passage_line_and_signer_leave_the_last_clause(text: str, last: str, own: str, signer: str | None) -> None:
    units = _units(text)
    assert units[-2] == (last, None, own)
    assert units[-1][0] == "para_1" and units[-1][2].startswith("Luật này") and "thông qua ngày" in units[-1][2]
    doc = parse_text(text).documents[0]
    assert doc.signature.startswith("CHỦ TỊCH QUỐC HỘI")
    if signer:
        assert doc.signer == signer
