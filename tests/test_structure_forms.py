"""Structure faults that cost duties on documents nobody here had seen (issue 9, the parser's part), each a
general form shown by a table of (input text → expected units: eid, heading, text), the inputs written
after lines of several ../shared/corpus-wild and ../shared/vbpl files (named in the comments) or invented
in the same form. Expected values are written by hand.

- stray emphasis: a line that holds only "* *", "*", "**" is no unit and no text of one;
- a number closing a parenthesis the line before opened ("(Mẫu" / "05) ...") is not a label; "Điều 07."
  is art_7 (the number kept as printed);
"""

from __future__ import annotations

import pytest

from parsers import parse_text
from tests.parse_invariants import lost_words, tree_problems


def _units(text: str, fmt: str = "md", doc: int = 0) -> list[tuple[str, str | None, str]]:
    result = parse_text(text, fmt=fmt)
    assert tree_problems(result) == []
    missing, invented = lost_words(text, result)
    assert not missing and not invented
    return [(n.eid, n.heading, n.text) for n in result.documents[doc].walk()]


# --- 5. stray emphasis ------------------------------------------------------------------------------
STRAY_MARKUP = [
    # "* *" closing a plan's last bullet before the Nơi nhận table (556b2fb4a0149576, d97b35347d17f96f)
    ("KẾ HOẠCH\n\nIV. TỔ CHỨC THỰC HIỆN\n\n- Tham mưu khen thưởng các tập thể.\nTrên đây là Kế hoạch./.\n\n* *\n",
     [("sec_IV", "TỔ CHỨC THỰC HIỆN", ""),
      ("sec_IV__bullet_1", None, "Tham mưu khen thưởng các tập thể.\nTrên đây là Kế hoạch./.")]),
    # "* *" after the last article (150d48a05ed57aa3, 27e00d593ec30fac, 637e9efcc63ab844)
    ("QUY CHẾ\n\n**Điều 6. Hiệu lực**\n\nQuy chế này có hiệu lực từ ngày ký./.\n* *\n",
     [("art_6", "Hiệu lực", "Quy chế này có hiệu lực từ ngày ký./.")]),
    # a lone "*" glued to the end of a clause in hard-wrapped text (0a92387c4e2877ce), "**" alone
    ("KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Ký điều ước quốc tế khác nhân danh Nhà\nnước.\n*\n\n**\n\n2. Tổng kết.\n",
     [("sec_I", "NHIỆM VỤ", ""), ("sec_I__item_1", None, "Ký điều ước quốc tế khác nhân danh Nhà nước."),
      ("sec_I__item_2", None, "Tổng kết.")]),
    # "* *" between paragraphs of a Công văn (d97b35347d17f96f)
    ("CÔNG VĂN\n\nKính gửi: Các trường học.\n\nSở đề nghị các đơn vị thực hiện./.\n\n* *\n",
     [("para_1", None, "Sở đề nghị các đơn vị thực hiện./.")]),
]


@pytest.mark.parametrize(("text", "expected"), STRAY_MARKUP)
def test_stray_markup_is_no_unit(text: str, expected: list) -> None:
    assert _units(text) == expected


# --- 3. a parenthesised reference cut by wrapping; zero-padded article numbers --------------------------
PARENTHESIS = [
    # "(Mẫu\n05)": the number closes the reference, it opens no clause (invented after the form)
    ("QUY CHẾ\n\nĐiều 1. Hồ sơ\n\n1. Đơn đề nghị (Mẫu\n05) kèm theo Quy chế này.\n2. Tờ khai (Mẫu\n06) gửi Sở Tư pháp.\n",
     [("art_1", "Hồ sơ", ""), ("art_1__para_1", None, "Đơn đề nghị (Mẫu 05) kèm theo Quy chế này."),
      ("art_1__para_2", None, "Tờ khai (Mẫu 06) gửi Sở Tư pháp.")]),
    # "Đơn vị tính (cột\n3): Km" in a Phụ lục's notes (2d737276bf416017)
    (("KẾ HOẠCH\n\nI. HƯỚNG DẪN\n\n1. Ghi các công trình hoàn thành.\nVí dụ: Năng lực (cột 2): 515, Đơn vị tính (cột\n"
      "3): Km\n\n2. Ghi các công trình khác.\n"),
     [("sec_I", "HƯỚNG DẪN", ""),
      ("sec_I__item_1", None, "Ghi các công trình hoàn thành.\nVí dụ: Năng lực (cột 2): 515, Đơn vị tính (cột 3): Km"),
      ("sec_I__item_2", None, "Ghi các công trình khác.")]),
    # "(lần\n2)" in a clause (1fa949f85858c62f), not hard-wrapped to the width
    ("QUY ĐỊNH\n\nĐiều 5. Thông báo\n\n1. Doanh nghiệp gửi thông báo kéo dài (lần\n2) đến Sở Công Thương.\n",
     [("art_5", "Thông báo", ""), ("art_5__para_1", None, "Doanh nghiệp gửi thông báo kéo dài (lần 2) đến Sở Công Thương.")]),
    # a real point after a closed parenthesis stays a point
    ("QUY ĐỊNH\n\nĐiều 2. Hồ sơ\n\n1. Hồ sơ gồm (bản chính):\na) Đơn đề nghị;\nb) Bản sao.\n",
     [("art_2", "Hồ sơ", ""), ("art_2__para_1", None, "Hồ sơ gồm (bản chính):"),
      ("art_2__para_1__point_a", None, "Đơn đề nghị;"), ("art_2__para_1__point_b", None, "Bản sao.")]),
    # "Điều 07." is art_7, its number as printed (invented)
    ("QUY CHẾ\n\nĐiều 06. Phạm vi\n\nNội dung.\n\nĐiều 07. Trách nhiệm\n\n1. Sở Tư pháp chủ trì.\n",
     [("art_6", "Phạm vi", "Nội dung."), ("art_7", "Trách nhiệm", ""), ("art_7__para_1", None, "Sở Tư pháp chủ trì.")]),
]


@pytest.mark.parametrize(("text", "expected"), PARENTHESIS)
def test_parenthesis_and_zero_padded_numbers(text: str, expected: list) -> None:
    assert _units(text, fmt="txt") == expected


def test_zero_padded_article_keeps_its_printed_number() -> None:
    doc = parse_text("QUY CHẾ\n\nĐiều 07. Trách nhiệm\n\nSở Tư pháp chủ trì.\n").documents[0]
    assert [(n.eid, n.num) for n in doc.nodes] == [("art_7", "07")]
