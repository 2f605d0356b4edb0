"""Properties of `parse_text` on arbitrary text (Hypothesis, derandomised so a failure reproduces).

Arbitrary text never raises except `ParseError` when it holds no words; no word is lost or invented;
eids are unique; every node sits under a kind allowed to hold it. Lines are drawn from a vocabulary of
real structural labels and Markdown noise, mixed with arbitrary characters, so the builder's every
branch is exercised.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parse_invariants import lost_words, noise_words, tree_problems, words

from parsers import parse_text
from parsers.errors import ParseError
from parsers.structure import EidGenerator

LABELS = ["Điều 1.", "Điều 2. Phạm vi", "**Điều 3.**", "Chương I", "CHƯƠNG II", "Mục 1", "Phần thứ nhất",
          "1.", "2)", "a)", "đ)", "- b)", "I.", "II.", "2.1.", "3.1", "-", "+", "*", "•", "|", "**", "#", "###",
          "Căn cứ", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "QUYẾT ĐỊNH", "KẾ HOẠCH", "QUY CHẾ",
          "Số: 12/2024/QĐ-UBND", "(Kèm theo Quyết định số 3/2024/QĐ-UBND)", "Hà Nội, ngày 5 tháng 6 năm 2024",
          "1", "23", "https://x.vn/a", "---", "của", "pháp luật1", "34/2016/NĐ-CP2", "[^1]", "[^1]: chú thích", "",
          # amending instructions and their quotes, paired or not
          "Sửa đổi, bổ sung Điều 2 như sau:", "1. Sửa đổi khoản 3 như sau: “3.", "“Điều 2.", "“a)", "“", "”",
          "”.", "”;", '"', 'Thay cụm từ "A" bằng cụm từ “B”', "Bổ sung khoản 8a vào sau khoản 8 như sau: “8a."]
WORDS = ["Sở Tư pháp", "thực hiện", "quy định", "văn bản.", "của", "và", "Ủy ban", "hòa", "hoà", "năm 2025;",
         "trách nhiệm:", "./.", "Nguyễn Văn A"]

line = st.one_of(
    st.builds(lambda a, b, c: " ".join(x for x in (a, b, c) if x), st.sampled_from(LABELS),
              st.sampled_from(WORDS), st.sampled_from(WORDS + [""])),
    st.text(max_size=40),
    st.sampled_from(LABELS),
)
documents = st.lists(line, max_size=30).map("\n".join)
FORMATS = st.sampled_from(["txt", "md"])


@settings(derandomize=True, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, FORMATS)
def test_arbitrary_text(text: str, fmt: str) -> None:
    try:
        result = parse_text(text, source="<t>", fmt=fmt)
    except ParseError as error:
        assert not (words(text) - noise_words(text)), "ParseError although the text has words"
        assert "no text" in str(error)
        return
    lost, extra = lost_words(text, result)
    assert not lost, lost
    assert not extra, extra
    assert tree_problems(result) == []
    assert result.documents


@settings(derandomize=True, max_examples=100, deadline=None)
@given(documents)
def test_nfd_input_gives_the_nfc_tree(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    try:
        a = parse_text(nfc, fmt="txt")
    except ParseError:
        with pytest.raises(ParseError):
            parse_text(unicodedata.normalize("NFD", text), fmt="txt")
        return
    b = parse_text(unicodedata.normalize("NFD", text), fmt="txt")
    assert [[(n.kind, n.num, n.heading, n.text, n.eid) for n in d.walk()] for d in a.documents] == \
        [[(n.kind, n.num, n.heading, n.text, n.eid) for n in d.walk()] for d in b.documents]


@pytest.mark.parametrize("text", ["", "   \n\t\n", "** ** __ ##", "|\n|\n|", "---\n***"])
def test_no_words_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="no text"):
        parse_text(text)


def test_prose_without_numbered_units_is_paragraphs() -> None:
    text = ("THÔNG BÁO\nVề việc nghỉ lễ\n\nCơ quan thông báo lịch nghỉ lễ như sau.\n\n"
            "Mọi người thực hiện nghiêm túc.\n")
    (doc,) = parse_text(text).documents
    assert doc.structure == "prose" and doc.doc_type == "Thông báo"
    assert [(n.kind, n.eid, n.text) for n in doc.nodes] == [
        ("paragraph", "para_1", "Cơ quan thông báo lịch nghỉ lễ như sau."),
        ("paragraph", "para_2", "Mọi người thực hiện nghiêm túc."),
    ]


@pytest.mark.parametrize(
    ("calls", "expected"),
    [
        ([("dieu", "5", None), ("dieu", "5", None)], ["art_5", "art_5_2"]),
        ([("dieu", "6", None), ("khoan", "2", "art_6"), ("diem", "a", "art_6__para_2")],
         ["art_6", "art_6__para_2", "art_6__para_2__point_a"]),
        ([("chuong", "II", None), ("muc", "1", "chp_II"), ("dieu", "7", "chp_II__sec_1")],
         ["chp_II", "chp_II__sec_1", "art_7"]),
        ([("section", "II", None), ("item", "2", "sec_II"), ("subitem", "2.1", "sec_II__item_2")],
         ["sec_II", "sec_II__item_2", "sec_II__item_2__subitem_2.1"]),
    ],
)
def test_eids(calls: list[tuple[str, str, str | None]], expected: list[str]) -> None:
    gen = EidGenerator()
    assert [gen.make(kind, num, parent) for kind, num, parent in calls] == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a clause before any article is text, not a khoan without a parent
        ("Chương I\nQUY ĐỊNH CHUNG\n1. Không thuộc điều nào.\nĐiều 1. Phạm vi\n1. Khoản một.\na) Điểm a.",
         [("chuong", "I"), ("dieu", "1"), ("khoan", "1"), ("diem", "a")]),
        # a point straight under an article
        ("Điều 3. Giải thích\na) Điểm một;\nb) Điểm hai.", [("dieu", "3"), ("diem", "a"), ("diem", "b")]),
        # Mục inside a chapter
        ("Chương II\nMục 1. CHUNG\nĐiều 4. Một\nĐiều 5. Hai",
         [("chuong", "II"), ("muc", "1"), ("dieu", "4"), ("dieu", "5")]),
    ],
)
def test_grammar(text: str, kinds: list[tuple[str, str]]) -> None:
    (doc,) = parse_text(text).documents
    assert [(n.kind, n.num) for n in doc.walk()] == kinds
