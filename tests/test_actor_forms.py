"""The grammar of body names (`kb.duties.grammar`): bodies recognised by their form, with the boundaries
of each name in a list. Sentences from several documents of ../shared (corpus-wild, vbpl) and the issue."""

from __future__ import annotations

import pytest

from kb.duties import grammar
from kb.duties.actors import tokenizer_nlp

BODIES = [
    # text → the bodies the grammar recognises, as printed (a leading "các" kept), left to right
    ("Đài truyền hình Việt Nam chủ trì đạo diễn, phối hợp với các bộ ngành", ["Đài truyền hình Việt Nam"]),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội, Tập đoàn Bưu chính Viễn thông Việt Nam chủ trì",
     ["Tập đoàn Công nghiệp - Viễn thông Quân đội", "Tập đoàn Bưu chính Viễn thông Việt Nam"]),
    ("Liên đoàn Lao động, Hội Nông dân, Liên minh Hợp tác xã", ["Liên đoàn Lao động", "Hội Nông dân", "Liên minh Hợp tác xã"]),
    ("Báo và Phát thanh, Truyền hình tỉnh và các cơ quan báo chí đóng trên địa bàn",
     ["Báo và Phát thanh, Truyền hình tỉnh"]),
    ("Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy tiếp tục chỉ đạo",
     ["Sở Văn hóa, Thể thao và Du lịch", "Ban Tuyên giáo và Dân vận Tỉnh ủy"]),
    # five bearers, none dropped: a new head after a comma or "và" starts the next one
    ("A, B, Ban Quản lý các khu công nghiệp tỉnh, UBND cấp xã và các sở",
     ["Ban Quản lý các khu công nghiệp tỉnh", "UBND cấp xã"]),
    ("Giao Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ chỉ đạo các đơn vị",
     ["Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ"]),
    ("Chủ trì triển khai; Chi cục Hải quan khu vực V phối hợp", ["Chi cục Hải quan khu vực V"]),
    ("Ngân hàng Nhà nước chi nhánh khu vực 14 chỉ đạo các Ngân hàng thương mại trên địa bàn chủ động",
     ["Ngân hàng Nhà nước chi nhánh khu vực 14", "các Ngân hàng thương mại trên địa bàn"]),
    ("Sở Tài chính phối hợp Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi: hướng dẫn",
     ["Sở Tài chính", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"]),
    ("Ủy ban MTTQ các cấp", ["Ủy ban MTTQ các cấp"]),
    # a generic body opening a clause: its description runs to the predicate
    ("Tổ chức kiểm toán năng lượng thực hiện duy trì các điều kiện", ["Tổ chức kiểm toán năng lượng"]),
    ("Cơ quan quản lý cấp trên có trách nhiệm rà soát, kiểm tra", ["Cơ quan quản lý cấp trên"]),
    ("Các cơ quan, đơn vị, địa phương căn cứ chức năng, nhiệm vụ", ["Các cơ quan, đơn vị, địa phương"]),
    # a catch-all closed by "(có) liên quan", anywhere in the sentence
    ("phối hợp với các cơ quan liên quan tổ chức", ["các cơ quan liên quan"]),
    ("Tổng giám đốc các Tập đoàn, đơn vị liên quan tiếp tục", ["Tổng giám đốc các Tập đoàn", "đơn vị liên quan"]),
    # not bodies: a verb after a capitalised "Ban", generic nouns inside a sentence
    ("Ban hành kèm theo Quyết định này Quy chế", []),
    ("hướng dẫn các cơ quan, tổ chức thực hiện", []),
]


def _texts(text: str) -> list[str]:
    doc = tokenizer_nlp()(text)
    norms, words = doc.user_data["norms"], doc.user_data["words"]
    return [doc[b.start:b.end].text for b in grammar.bodies(norms, words)]


@pytest.mark.parametrize(("text", "expected"), BODIES)
def test_bodies_by_form(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_titles_are_filed_under_their_body() -> None:
    doc = tokenizer_nlp()("Giám đốc Sở Nội vụ thành phố Hà Nội; Chủ tịch Hội đồng thành viên")
    found = grammar.bodies(doc.user_data["norms"], doc.user_data["words"])
    assert [(doc[b.start:b.end].text, b.title) for b in found] == [
        ("Giám đốc Sở Nội vụ thành phố Hà Nội", True), ("Chủ tịch Hội đồng", True)]
