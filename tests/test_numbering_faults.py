"""Numbering faults of the source that gave two units one eid (the last eid clashes `python -m eval.amend`
reported, issue 10), each mended by a general form shown on sentences of several documents; expected values
written by hand. No word is lost: every mended unit keeps its words.

- letters of old encodings that look like Vietnamese ones: "Ðiều 418" (Icelandic eth, Bộ luật Tố tụng hình sự
  101/2015/QH13), "Ðoàn thanh niên";
- an article label mistyped where the next article is due: "Điền 36. Hiệu lực thi hành" (Luật 44/2019/QH14);
- a point letter written twice where the letter after it is missing: "a) b) c) c) đ)" (Luật 15/2023/QH15);
- an annex attached to a law: "(Ban hành kèm theo Luật giá số 16/2023/QH15)" opens an attached document,
  its numbered rows no clauses of the law's last article.
"""

from __future__ import annotations

import pytest
from parse_invariants import lost_words

from parsers import parse_text

HEAD = "QUỐC HỘI\nLuật số: {n}\nLUẬT\n{name}\nCăn cứ Hiến pháp;\nQuốc hội ban hành Luật {name_l}.\n"


def _law(body: str, number: str = "99/2019/QH14", name: str = "THỬ NGHIỆM", lost: tuple = ((), ())) -> list:
    """The documents of a law with this body; its words all kept (or, for a mended label, exactly `lost`)."""
    text = HEAD.format(n=number, name=name, name_l=name.lower()) + body
    result = parse_text(text)
    missing, invented = lost_words(text, result)
    assert (sorted(missing.elements()), sorted(invented.elements())) == tuple(list(x) for x in lost)
    return list(result.documents)


def _tree(doc) -> list[tuple[str, str, str]]:
    return [(n.eid, n.heading or "", n.text) for n in doc.walk()]


LOOKALIKES = [
    # Bộ luật Tố tụng hình sự: "Ðiều 418" (U+00D0) after Điều 417
    (("Điều 417. Xác định tuổi\n1. Việc xác định tuổi do cơ quan có thẩm quyền thực hiện.\n"
     "\u00d0iều 418. Giám sát đối với người dưới 18 tuổi\n1. Cơ quan điều tra có thể ra quyết định giao giám sát.\n"),
     [("art_417", "Xác định tuổi", ""),
      ("art_417__para_1", "", "Việc xác định tuổi do cơ quan có thẩm quyền thực hiện."),
      ("art_418", "Giám sát đối với người dưới 18 tuổi", ""),
      ("art_418__para_1", "", "Cơ quan điều tra có thể ra quyết định giao giám sát.")]),
    # the same letter inside a word, and its lower case
    ("Điều 1. Phối hợp\n1. \u00d0oàn thanh niên và nhà trường phối hợp.\n2. Kinh phí do ngân sách \u00f0ảm bảo.\n",
     [("art_1", "Phối hợp", ""), ("art_1__para_1", "", "Đoàn thanh niên và nhà trường phối hợp."),
      ("art_1__para_2", "", "Kinh phí do ngân sách đảm bảo.")]),
    # African D (U+0189) as a capital Đ
    ("Điều 5. Giải thích từ ngữ\n1. Văn bản.\n\u0189iều 6. Nguyên tắc\n1. Tuân thủ.\n",
     [("art_5", "Giải thích từ ngữ", ""), ("art_5__para_1", "", "Văn bản."), ("art_6", "Nguyên tắc", ""),
      ("art_6__para_1", "", "Tuân thủ.")]),
]


@pytest.mark.parametrize(("body", "tree"), LOOKALIKES)
def test_a_lookalike_letter_of_an_old_encoding_reads_as_vietnamese(body: str, tree: list) -> None:
    (doc,) = _law(body)
    assert _tree(doc) == tree


TYPOS = [
    # Luật 44/2019/QH14: "Điền 36" after Điều 35, the last article
    (("Điều 35. Sửa đổi luật khác\n1. Thay cụm từ tại khoản 4 Điều 109.\nĐiền 36. Hiệu lực thi hành\n"
     "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2020.\n"),
     [("art_35", "Sửa đổi luật khác", ""), ("art_35__para_1", "", "Thay cụm từ tại khoản 4 Điều 109."),
      ("art_36", "Hiệu lực thi hành", ""),
      ("art_36__para_1", "", "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2020.")]),
    # in the middle of a law
    ("Điều 2. Đối tượng\n1. Cơ quan nhà nước.\nĐiền 3. Giải thích từ ngữ\n1. Văn bản.\nĐiều 4. Nguyên tắc\n1. Công khai.\n",
     [("art_2", "Đối tượng", ""), ("art_2__para_1", "", "Cơ quan nhà nước."), ("art_3", "Giải thích từ ngữ", ""),
      ("art_3__para_1", "", "Văn bản."), ("art_4", "Nguyên tắc", ""), ("art_4__para_1", "", "Công khai.")]),
    # not the article due (Điều 7 after Điều 2): a line of text, kept as it is
    ("Điều 2. Đối tượng\n1. Cơ quan nhà nước.\nĐiền 7. Giải thích\n",
     [("art_2", "Đối tượng", ""), ("art_2__para_1", "", "Cơ quan nhà nước.\nĐiền 7. Giải thích")]),
]


@pytest.mark.parametrize(("body", "tree"), TYPOS)
def test_a_mistyped_article_label_is_the_article_due(body: str, tree: list) -> None:
    # the mended label reads "Điều": the typo is the one word not kept
    mended = "Điền" not in "".join(t for _e, _h, t in tree)
    (doc,) = _law(body, lost=(("điền",), ("điều",)) if mended else ((), ()))
    assert _tree(doc) == tree


POINTS = [
    # Luật Khám bệnh, chữa bệnh 15/2023/QH15, Điều 54 khoản 1: a) b) c) c) đ)
    (("Điều 54. Điều chỉnh giấy phép\n1. Điều chỉnh trong các trường hợp sau đây:\na) Thay đổi phạm vi;\n"
     "b) Thay đổi quy mô;\nc) Thay đổi thời gian làm việc;\nc) Thay đổi tên, địa chỉ;\nđ) Hết thời hạn đình chỉ.\n"),
     ["a", "b", "c", "d", "đ"]),
    # "a) a) c)": the second a is b
    ("Điều 3. Hồ sơ\n1. Hồ sơ gồm:\na) Đơn đề nghị;\na) Bản sao giấy phép;\nc) Tài liệu khác.\n", ["a", "b", "c"]),
    # "đ) đ) g)": the second đ is e
    ("Điều 9. Trách nhiệm\n1. Sở có trách nhiệm:\nd) Báo cáo;\nđ) Kiểm tra;\nđ) Thanh tra;\ng) Tổng hợp.\n",
     ["d", "đ", "e", "g"]),
    # a letter twice with no gap after it: left as written (the clash suffix says so: point_b_2)
    ("Điều 4. Nguyên tắc\n1. Gồm:\na) Một;\nb) Hai;\nb) Ba;\nc) Bốn.\n", ["a", "b", "2", "c"]),
]


@pytest.mark.parametrize(("body", "letters"), POINTS)
def test_a_point_letter_written_twice_before_a_gap_has_the_missing_letters_eid(body: str, letters: list[str]) -> None:
    (doc,) = _law(body)
    points = [n for n in doc.walk() if n.kind == "diem"]
    assert [n.eid.rsplit("_", 1)[1] for n in points[:len(letters)]] == letters
    printed = [x.split(")", 1)[0] for x in body.splitlines() if x[1:3] == ") "]
    assert [n.num for n in points] == printed  # the letters stay as printed
    assert [n.text for n in points] == [x.split(") ", 1)[1] for x in body.splitlines() if x[1:3] == ") "]


ANNEXES = [
    # Luật Giá 16/2023/QH15: two annexes after the signature
    ("Luật số: 16/2023/QH15", ("Điều 75. Quy định chuyển tiếp\n1. Doanh nghiệp phải bảo đảm điều kiện.\n"
     "CHỦ TỊCH QUỐC HỘI\nĐã ký: Vương Đình Huệ\nPHỤ LỤC SỐ 01\nDANH MỤC HÀNG HÓA, DỊCH VỤ BÌNH ỔN GIÁ\n"
     "(Ban hành kèm theo Luật giá số 16/2023/QH15)\n1. Xăng, dầu thành phẩm.\n2. Khí dầu mỏ hóa lỏng (LPG).\n"),
     ["Xăng, dầu thành phẩm.", "Khí dầu mỏ hóa lỏng (LPG)."]),
    # a Bộ luật's annex
    ("Luật số: 91/2015/QH13", ("Điều 689. Hiệu lực thi hành\n1. Bộ luật này có hiệu lực từ ngày 01 tháng 01 năm 2017.\n"
     "CHỦ TỊCH QUỐC HỘI\nNguyễn Thị Kim Ngân\nPHỤ LỤC I\nDANH MỤC CÁC LOẠI TÀI SẢN\n"
     "(Ban hành kèm theo Bộ luật Dân sự số 91/2015/QH13)\n1. Nhà ở.\n2. Đất đai.\n"),
     ["Nhà ở.", "Đất đai."]),
    # a Pháp lệnh's annex
    ("Pháp lệnh số: 02/2022/UBTVQH15", ("Điều 20. Hiệu lực\n1. Pháp lệnh này có hiệu lực từ ngày 01 tháng 7 năm 2022.\n"
     "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\nVương Đình Huệ\nPHỤ LỤC\nMỨC CHI\n"
     "(Ban hành kèm theo Pháp lệnh số 02/2022/UBTVQH15)\n1. Chi hỗ trợ.\n2. Chi khen thưởng.\n"),
     ["Chi hỗ trợ.", "Chi khen thưởng."]),
]


@pytest.mark.parametrize(("number", "body", "rows"), ANNEXES)
def test_an_annex_attached_to_a_law_is_a_document_of_its_own(number: str, body: str, rows: list[str]) -> None:
    head = f"QUỐC HỘI\n{number}\nLUẬT\nTHỬ NGHIỆM\nCăn cứ Hiến pháp;\nQuốc hội ban hành Luật.\n"
    result = parse_text(head + body)
    assert lost_words(head + body, result) == ({}, {})
    docs = list(result.documents)
    assert len(docs) == 2
    law, annex = docs
    assert [n.eid for n in law.walk()][-1].endswith("__para_1")
    assert all(not n.eid.endswith("_2") for n in law.walk())
    assert [n.text for n in annex.walk() if n.text] == rows
