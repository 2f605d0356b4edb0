"""Parse faults the labellers noted on unseen documents (issue 9), each a general form shown by a table of
inputs written after several documents (../shared/corpus-wild files named in the comments, and invented
ones of the same form). Expected values are written by hand.

- a document's number printed in other forms: a Party text's "Số 37-HD/BTGDVTW" (no colon, a hyphen before
  the slash), a letter printed without its header whose number only the legal portal's information panel
  gives ("Số hiệu: | 5435/CT-NVT"), a header cell holding the issuer and the number;
"""

from __future__ import annotations

import pytest

from parsers import parse_text


def _fragments(*cells: str) -> str:
    """Cells as the portal's converter writes a table: each cell between lines holding only "|"."""
    return "|\n" + "\n|\n".join(cells) + "\n|\n"


NUMBERS = [
    # Party texts (8bfc5490255c4de0, fe168907f6107711)
    (("BAN CHẤP HÀNH TRUNG ƯƠNG BAN TUYÊN GIÁO VÀ DÂN VẬN | ĐẢNG CỘNG SẢN VIỆT NAM\nSố 37-HD/BTGDVTW | Hà Nội, "
     "ngày 19 tháng 11 năm 2025\nHƯỚNG DẪN\nVề việc đổi mới Bản tin sinh hoạt chi bộ\n1. Mục đích.\n"),
     "37-HD/BTGDVTW"),
    (("BAN TỔ CHỨC TRUNG ƯƠNG | ĐẢNG CỘNG SẢN VIỆT NAM\nSố 45-HD/BTCTW | Hà Nội, ngày 20 tháng 11 năm 2025\n"
     "HƯỚNG DẪN\nMột số nội dung về công tác quy hoạch cán bộ\n1. Quy hoạch.\n"), "45-HD/BTCTW"),
    # a letter under a portal's information panel, no header of its own (4d24ae4c15cb673c, f846e834d5142787)
    (_fragments("Đang tải văn bản...\n#\n**Số hiệu:**", "5435/CT-NVT", "", "**Loại văn bản:**", "Công văn",
                "**Nơi ban hành:**", "Cục Thuế", "", "**Người ký:**", "Nguyễn Thị Thu", "**Ngày ban hành:**",
                "21/11/2025", "", "**Tình trạng:**", "Đã biết", "", "**Kính gửi:**", "- Thuế tỉnh/thành phố.")
     + "\nCục Thuế hướng dẫn như sau:\n\n1. Về quyết toán thuế thu nhập cá nhân.\n", "5435/CT-NVT"),
    (_fragments("**Số hiệu:**", "5706/CT-CS", "", "**Loại văn bản:**", "Công văn", "**Nơi ban hành:**", "Cục Thuế",
                "", "**Ngày ban hành:**", "03/12/2025", "", "**Kính gửi:**", "- Thuế thành phố Hà Nội.")
     + "\nCục Thuế có ý kiến như sau:\n\n1. Về chính sách thuế giá trị gia tăng.\n", "5706/CT-CS"),
    # the issuer and the number in one header cell (vbpl doc_000047, doc_000023)
    (("QUỐC HỘI Luật số: 116/2025/QH15 | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\nLUẬT\n"
     "AN NINH MẠNG\nCăn cứ Hiến pháp;\nQuốc hội ban hành Luật An ninh mạng.\nĐiều 1. Phạm vi điều chỉnh\n"
     "Luật này quy định về an ninh mạng.\n"), "116/2025/QH15"),
    (("ỦY BAN THƯỜNG VỤ QUỐC HỘI Nghị quyết số: 115/2025/UBTVQH15 | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNGHỊ QUYẾT\n"
     "Quy định chi tiết Luật Hoạt động giám sát\nĐiều 1. Phạm vi điều chỉnh\nNghị quyết này quy định chi tiết.\n"),
     "115/2025/UBTVQH15"),
    # ... not the parent's number an annex's line names (vbpl doc_000032)
    ("PHỤ LỤC\n(Ban hành kèm theo Nghị quyết số: 105/2025/UBTVQH15)\nDANH MỤC\n1. Luật Dân số.\n", None),
    # ... while the ordinary forms stay
    (("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 03/2022/QĐ-UBND | Cao Bằng, ngày 5 "
     "tháng 1 năm 2022\nQUYẾT ĐỊNH\nBan hành Quy chế\nĐiều 1. Ban hành.\n"), "03/2022/QĐ-UBND"),
]


@pytest.mark.parametrize(("text", "number"), NUMBERS)
def test_a_document_number_in_any_printed_form(text: str, number: str | None) -> None:
    assert parse_text(text, source="t.md", fmt="md").documents[0].number == number


RUN_ON = [
    # 5b692e230f990be5: the next point after a sentence, the line wrapped in the middle
    (("2. Tài sản công cập nhật vào Phần mềm gồm:\na) Tài sản công tại cơ quan nhà nước.\nb) Tài sản phục vụ hoạt động\n"
     "của các dự án sử dụng vốn nhà nước. c) Tài sản được xác lập quyền sở hữu toàn\ndân.\n"),
     ["Tài sản công tại cơ quan nhà nước.", "Tài sản phục vụ hoạt động của các dự án sử dụng vốn nhà nước.",
      "Tài sản được xác lập quyền sở hữu toàn dân."]),
    # e7792cccbca70a64: a lead ending with a colon, then three points on its line
    (("2. Thuốc có số lượng thuốc vượt quá: a) 07 ngày sử dụng đối với thuốc gây nghiện; b) 10 ngày\nsử dụng đối "
     "với thuốc hướng thần; c) 30 ngày sử dụng đối với thuốc dạng phối hợp.\n"),
     ["07 ngày sử dụng đối với thuốc gây nghiện;", "10 ngày sử dụng đối với thuốc hướng thần;",
      "30 ngày sử dụng đối với thuốc dạng phối hợp."]),
    # vbpl doc_000058: two points of a clause on one line
    (("2. Bộ trưởng quyết định: a) Quyết định điều chuyển tài sản công giữa các đơn vị. b) Quyết định thanh lý tài "
     "sản của các đơn vị.\n"),
     ["Quyết định điều chuyển tài sản công giữa các đơn vị.", "Quyết định thanh lý tài sản của các đơn vị."]),
]


@pytest.mark.parametrize(("clause", "points"), RUN_ON)
def test_points_run_together_on_one_line_are_points(clause: str, points: list[str]) -> None:
    text = f"QUY CHẾ\nThử\n\nĐiều 1. Phạm vi\n{clause}"
    result = parse_text(text, source="t.txt", fmt="txt")
    nodes = [n for n in result.documents[0].walk() if n.kind == "diem"]
    assert [n.text for n in nodes] == points
    for n in nodes:  # each point's span is its own words in the original
        assert result.text[n.span.start:n.span.end].split()[1:3] == n.text.split()[:2]


@pytest.mark.parametrize("clause", [
    "2. Cơ quan xử lý theo quy định tại điểm a) và b) khoản 1 Điều này.\n",  # a citation, no stop before
    "2. Hồ sơ gồm: a) Đơn đề nghị.\n",  # one point after the colon: nothing to cut
    "2. Sửa đổi khoản 1 như sau: “a) Hồ sơ gồm đơn; b) Bản sao giấy phép.”\n",  # the quoted new text
    "2. Thực hiện các bước: b) trước, a) sau.\n",  # not in order
])
def test_a_line_that_does_not_enumerate_points_stays_whole(clause: str) -> None:
    text = f"QUY CHẾ\nThử\n\nĐiều 1. Phạm vi\n{clause}"
    result = parse_text(text, source="t.txt", fmt="txt")
    assert len(result.documents[0].nodes[0].children) == 1


SPLIT_WORDS = [
    # f37e7838925f8cc3, 4bda44e45e4f1633, 741f24db1e774799, a3b56e35d1c2d0d2: "Danh" / "mục N thủ tục"
    ("Điều 1. Công bố kèm theo Quyết định này Danh\nmục 03 thủ tục hành chính cấp tỉnh lĩnh vực quản lý công sản.",
     "Công bố kèm theo Quyết định này Danh mục 03 thủ tục hành chính cấp tỉnh lĩnh vực quản lý công sản."),
    ("Điều 1. Công bố kèm theo Quyết định này danh\nmục 35 thủ tục hành chính lĩnh vực Địa chất và Khoáng sản.",
     "Công bố kèm theo Quyết định này danh mục 35 thủ tục hành chính lĩnh vực Địa chất và Khoáng sản."),
    # e7cd8d423108e103, 5298da2adb9eb4fe: "tại" / "phần II ban hành kèm theo ..."
    ("Điều 1. Bãi bỏ Danh mục và Quy trình nội bộ các TTHC tại\nphần II ban hành kèm theo Quyết định số 1599/QĐ-UBND.",
     "Bãi bỏ Danh mục và Quy trình nội bộ các TTHC tại phần II ban hành kèm theo Quyết định số 1599/QĐ-UBND."),
    ("Điều 1. Bãi bỏ thủ tục có số thứ tự 31 tại tiểu mục I, mục A,\nphần I, Phụ lục 1 ban hành kèm theo Quyết định.",
     "Bãi bỏ thủ tục có số thứ tự 31 tại tiểu mục I, mục A, phần I, Phụ lục 1 ban hành kèm theo Quyết định."),
    # a clause citing an article in lower case
    ("Điều 1. Thực hiện theo quy định tại\nđiều 5 của Luật này.", "Thực hiện theo quy định tại điều 5 của Luật này."),
]


@pytest.mark.parametrize(("article", "text"), SPLIT_WORDS)
def test_a_label_word_in_lower_case_goes_on_with_the_sentence(article: str, text: str) -> None:
    result = parse_text(f"QUYẾT ĐỊNH\nCông bố thủ tục\n\n{article}\n\nĐiều 2. Quyết định có hiệu lực.\n",
                        source="t.md", fmt="md")
    nodes = list(result.documents[0].walk())
    assert [n.kind for n in nodes] == ["dieu", "dieu"]
    assert nodes[0].text == text


def test_a_capitalised_heading_after_a_sentence_stays_a_heading() -> None:
    text = ("LUẬT\nThử\n\nChương I\nQUY ĐỊNH CHUNG\nMục 1\nPHẠM VI\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy "
            "định.\nMục 2\nĐỐI TƯỢNG\nĐiều 2. Đối tượng áp dụng\nLuật này áp dụng.\n")
    kinds = [n.kind for n in parse_text(text, source="t.txt", fmt="txt").documents[0].walk()]
    assert kinds == ["chuong", "muc", "dieu", "muc", "dieu"]
