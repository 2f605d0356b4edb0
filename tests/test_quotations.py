"""Quoted blocks of amending instructions (parsers/quotes.py): each input text with, written out by hand, what
its instructions quote — every quotation's tree in the amended document's numbering — and the amending
document's own tree, which holds the instructions only. No word is lost, eids stay unique.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from parse_invariants import lost_words, tree_problems

from parsers import parse_file, parse_text
from parsers.model import Node

HEAD = "QUỐC HỘI\nLuật số: 10/2020/QH14\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT X\n"


def tree(node: Node) -> tuple:
    """(eid, heading, text, children...) with the node's children nested the same way."""
    return (node.eid, node.heading, node.text, *[tree(c) for c in node.children])


def quotes_of(text: str) -> dict[str, list[tuple]]:
    """{instruction eid: [quotation as (its text, its nodes as `tree`s), ...]} for every node with quotes."""
    result = parse_text(text)
    assert tree_problems(result) == []
    lost, extra = lost_words(text, result)
    assert not lost and not extra, (lost, extra)
    return {n.eid: [(q.text, [tree(t) for t in q.nodes]) for q in n.quotes]
            for d in result.documents for n in d.walk() if n.quotes}


def own_eids(text: str) -> list[str]:
    return [n.eid for d in parse_text(text).documents for n in d.walk()]


CASES = [
    (  # an article, curly marks, closing ”. at the end of its last paragraph
        ("Điều 1.\n1. Sửa đổi, bổ sung Điều 6 như sau:\n“Điều 6. Tham gia góp ý\n1. Mặt trận góp ý.\n"
        "2. Cá nhân góp ý.”.\nĐiều 2. Hiệu lực thi hành\nLuật này có hiệu lực từ ngày 01 tháng 01 năm 2021.\n"),
        {"art_1__para_1": [(
            "Điều 6. Tham gia góp ý\n1. Mặt trận góp ý.\n2. Cá nhân góp ý.",
            [("art_6", "Tham gia góp ý", "", ("art_6__para_1", None, "Mặt trận góp ý."),
              ("art_6__para_2", None, "Cá nhân góp ý."))])]},
        ["art_1", "art_1__para_1", "art_2"],
    ),
    (  # a clause on the instruction's own line, closed by ”; under a lead line naming the article
        ("Điều 1.\n1. Sửa đổi, bổ sung một số khoản của Điều 4 như sau:\n"
        "a) Sửa đổi, bổ sung khoản 3 như sau: “3. Pháp lệnh của Ủy ban thường vụ Quốc hội.”;\n"
        "b) Bổ sung khoản 8a vào sau khoản 8 như sau:\n“8a. Thông tư liên tịch.”.\n"),
        {"art_1__para_1__point_a": [("3. Pháp lệnh của Ủy ban thường vụ Quốc hội.",
                                     [("para_3", None, "Pháp lệnh của Ủy ban thường vụ Quốc hội.")])],
         "art_1__para_1__point_b": [("8a. Thông tư liên tịch.", [("para_8a", None, "Thông tư liên tịch.")])]},
        ["art_1", "art_1__para_1", "art_1__para_1__point_a", "art_1__para_1__point_b"],
    ),
    (  # straight quotes, and clauses with their points
        'Điều 1.\n1. Sửa đổi khoản 2 Điều 5 như sau:\n"2. Hồ sơ gồm:\na) Tờ trình;\nb) Dự thảo."\n',
        {"art_1__para_1": [("2. Hồ sơ gồm:\na) Tờ trình;\nb) Dự thảo.",
                            [("para_2", None, "Hồ sơ gồm:", ("para_2__point_a", None, "Tờ trình;"),
                              ("para_2__point_b", None, "Dự thảo."))])]},
        ["art_1", "art_1__para_1"],
    ),
    (  # points inserted: "b1)", and a clause and its new sibling in one block
        ("Điều 1.\n1. Bổ sung điểm b1 vào sau điểm b khoản 2 Điều 58 như sau: “b1) Báo cáo rà soát;”.\n"
        "2. Sửa đổi khoản 8 và bổ sung khoản 8a vào sau khoản 8 Điều 4 như sau:\n“8. Thông tư.\n8a. Thông tư liên tịch.”.\n"),
        {"art_1__para_1": [("b1) Báo cáo rà soát;", [("point_b1", None, "Báo cáo rà soát;")])],
         "art_1__para_2": [("8. Thông tư.\n8a. Thông tư liên tịch.",
                            [("para_8", None, "Thông tư."), ("para_8a", None, "Thông tư liên tịch.")])]},
        ["art_1", "art_1__para_1", "art_1__para_2"],
    ),
    (  # several articles in one block, a defined term quoted inside it
        ("Điều 1.\n1. Sửa đổi, bổ sung các điều 3 và 4 như sau:\n“Điều 3. Giải thích từ ngữ\n"
        "1. “Văn bản” là văn bản quy phạm.\nĐiều 4. Hệ thống văn bản\nHệ thống gồm luật.”.\n"),
        {"art_1__para_1": [(
            "Điều 3. Giải thích từ ngữ\n1. “Văn bản” là văn bản quy phạm.\nĐiều 4. Hệ thống văn bản\nHệ thống gồm luật.",
            [("art_3", "Giải thích từ ngữ", "", ("art_3__para_1", None, "“Văn bản” là văn bản quy phạm.")),
             ("art_4", "Hệ thống văn bản", "Hệ thống gồm luật.")])]},
        ["art_1", "art_1__para_1"],
    ),
    (  # paragraphs quoted one by one after one instruction: a quotation each
        ("Điều 1.\n1. Sửa đổi, bổ sung khoản 1; bổ sung khoản 7 Điều 2 như sau:\n“1. Người lao động.”\n"
        "“7. Hộ gia đình tham gia.”\n2. Bãi bỏ khoản 3 Điều 9.\n"),
        {"art_1__para_1": [("1. Người lao động.", [("para_1", None, "Người lao động.")]),
                           ("7. Hộ gia đình tham gia.", [("para_7", None, "Hộ gia đình tham gia.")])]},
        ["art_1", "art_1__para_1", "art_1__para_2"],
    ),
    (  # a chapter with its articles
        ("Điều 1.\n1. Sửa đổi, bổ sung Chương II như sau:\n“Chương II\nKIỂM SOÁT\n"
        "Điều 20. Nguyên tắc\nViệc kiểm soát công khai.\nĐiều 20a. Phạm vi\nKiểm soát mọi văn bản.”.\n"),
        {"art_1__para_1": [(("Chương II\nKIỂM SOÁT\nĐiều 20. Nguyên tắc\nViệc kiểm soát công khai.\n"
                            "Điều 20a. Phạm vi\nKiểm soát mọi văn bản."),
                            [("chp_II", "KIỂM SOÁT", "", ("art_20", "Nguyên tắc", "Việc kiểm soát công khai."),
                              ("art_20a", "Phạm vi", "Kiểm soát mọi văn bản."))])]},
        ["art_1", "art_1__para_1"],
    ),
    (  # words that are not units: a quotation without nodes
        "Điều 1.\n1. Sửa đổi, bổ sung đoạn thứ hai khoản 2 Điều 6 như sau:\n“Phản biện xã hội được thực hiện.”.\n",
        {"art_1__para_1": [("Phản biện xã hội được thực hiện.", [])]},
        ["art_1", "art_1__para_1"],
    ),
    (  # a stray opening mark: its block runs to the next instruction; the next block is whole
        ("Điều 1.\n1. Sửa đổi, bổ sung Điều 6 như sau:\n“Điều 6. Góp ý\n1. Mặt trận góp ý.\n"
        "2. Sửa đổi, bổ sung Điều 7 như sau:\n“Điều 7. Thẩm định\nBộ Tư pháp thẩm định.”.\n"),
        {"art_1__para_1": [("Điều 6. Góp ý\n1. Mặt trận góp ý.", [("art_6", "Góp ý", "", ("art_6__para_1", None,
                                                                                     "Mặt trận góp ý."))])],
         "art_1__para_2": [("Điều 7. Thẩm định\nBộ Tư pháp thẩm định.", [("art_7", "Thẩm định", "Bộ Tư pháp thẩm định.")])]},
        ["art_1", "art_1__para_1", "art_1__para_2"],
    ),
    (  # a missing opening mark: the block starts after "như sau:"
        ("Điều 1.\n1. Sửa đổi, bổ sung Điều 6 như sau:\nĐiều 6. Góp ý\n1. Mặt trận góp ý.”.\n"
        "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực từ ngày ký.\n"),
        {"art_1__para_1": [("Điều 6. Góp ý\n1. Mặt trận góp ý.", [("art_6", "Góp ý", "", ("art_6__para_1", None,
                                                                                     "Mặt trận góp ý."))])]},
        ["art_1", "art_1__para_1", "art_2"],
    ),
    (  # a last block that never closes ends before the amending law's next article
        ("Điều 1.\n1. Sửa đổi, bổ sung Điều 6 như sau:\n“Điều 6. Góp ý\n1. Mặt trận góp ý.\n"
        "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực từ ngày ký.\n"),
        {"art_1__para_1": [("Điều 6. Góp ý\n1. Mặt trận góp ý.", [("art_6", "Góp ý", "", ("art_6__para_1", None,
                                                                                     "Mặt trận góp ý."))])]},
        ["art_1", "art_1__para_1", "art_2"],
    ),
]


@pytest.mark.parametrize(("text", "expected", "eids"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_quotations(text: str, expected: dict, eids: list[str]) -> None:
    assert quotes_of(HEAD + text) == expected
    assert own_eids(HEAD + text) == eids


@pytest.mark.parametrize("text", [
    # a phrase substitution quotes words inside its sentence: they stay in its text
    "Điều 1.\n1. Thay cụm từ “Bộ Tư pháp” bằng cụm từ “Bộ Nội vụ” tại khoản 1 Điều 3.\n",
    'Điều 1.\n1. Bỏ cụm từ "cấp huyện" tại Điều 5.\n',
    # a definition, a sample heading, a list after "như sau:" that amends nothing
    "Điều 3. Giải thích từ ngữ\nTrong Luật này, các từ ngữ dưới đây được hiểu như sau:\n1. “Văn bản” là văn bản.\n",
    "Điều 4. Ghi số\nSố được ghi như sau: “số thứ tự/năm ban hành/tên viết tắt”.\n",
    "Điều 5. Trồng rừng\nHỗ trợ trồng bổ sung rừng tự nhiên:\n“Mức hỗ trợ 5 triệu đồng”.\n",
])
def test_quotes_that_are_not_instructions_stay_in_the_text(text: str) -> None:
    assert quotes_of(HEAD + text) == {}


LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "laws"


@pytest.mark.skipif(not (LAWS / "Luật-63-2020-QH14.docx").is_file(), reason="../shared/laws is absent")
def test_the_2020_law_amending_law_80_2015() -> None:
    """Its own tree: Điều 1 with the 53 numbered instructions (a lead line's lettered ones under it), Điều 2;
    every quoted article is a quotation, none a unit of Luật 63/2020."""
    result = parse_file(LAWS / "Luật-63-2020-QH14.docx")
    (doc,) = result.documents
    assert [n.eid for n in doc.nodes] == ["art_1", "art_2", "para_1"]  # para_1: the passage line (test_parse_closings)
    assert doc.nodes[2].text.startswith("Luật này") and "thông qua ngày" in doc.nodes[2].text
    art1 = doc.nodes[0]
    assert [c.num for c in art1.children] == [str(i) for i in range(1, 54)]
    assert all(n.kind in ("dieu", "khoan", "diem") for n in doc.walk() if n is not doc.nodes[2])
    assert not any(n.kind == "dieu" for n in art1.walk() if n is not art1)
    para2 = doc.find("art_1__para_2")
    assert para2.text == "Sửa đổi, bổ sung Điều 6 như sau:"
    (quote,) = para2.quotes
    assert [tree(t)[:2] for t in quote.nodes] == [("art_6", ("Tham gia góp ý kiến xây dựng văn bản quy phạm pháp luật, "
                                                   "thực hiện phản biện xã hội đối với dự thảo văn bản quy phạm pháp luật"))]
    assert [c.eid for c in quote.nodes[0].children] == ["art_6__para_1", "art_6__para_2", "art_6__para_3",
                                                        "art_6__para_4"]
    point_b = doc.find("art_1__para_1__point_b")
    assert [n.eid for n in point_b.quotes[0].nodes] == ["para_8", "para_8a"]
    para17 = doc.find("art_1__para_17")
    assert [n.eid for n in para17.quotes[0].nodes] == ["art_74", "art_75", "art_76", "art_77"]
    assert doc.find("art_2").text.startswith("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.")
    assert tree_problems(result) == []
    lost, extra = lost_words(result.text, result)
    assert not lost and not extra
    # the phrase instructions keep their quoted words in their own text
    assert doc.find("art_1__para_53__point_h").text == "Bỏ cụm từ “, cơ quan tham gia thẩm tra” tại điểm a khoản 1 Điều 50;"
    assert not doc.find("art_1__para_53").quotes
