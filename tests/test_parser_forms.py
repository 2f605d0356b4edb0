"""General forms of the parser found wrong on documents it had never seen (issue 9, causes 3 and 8), each a
table of (input, expected) from several documents: ../shared/corpus-wild files named in the comments,
and invented ones of the same form. Expected values are written by hand.

- the "(Ban hành) kèm theo <văn bản> số ..." line that opens an attached document, and what is not one
  (Điều 1 of the Quyết định itself; a hard-wrapped sentence going on with "kèm theo ...");
- "V/V ..." (về việc) is a title line, not section V;
- a "1." at the start of a hard-wrapped line that only ends the sentence before it ("cấp độ" / "1.");
- a Phụ lục whose content is a table: its rows are the text of a unit, one row a line, a long cell of a
  numbered row kept in its row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_file, parse_text
from parsers import patterns as P
from parsers.clean import clean

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# --- the annex line ----------------------------------------------------------------------------------
ANNEX_LINES = [
    # the header of an attached text
    ("(Ban hành kèm theo Quyết định số 82/2025/QĐ-UBND ngày 28 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh)", True),
    ("(Kèm theo Kế hoạch số 157/KH-UBND ngày 18 tháng 11 năm 2025 của Ủy ban nhân dân thành phố Cần Thơ)", True),
    ("(Ban hành kèm theo Kế hoạch số 144/KH-UBND ngày 24 tháng 11 năm 2025 của UBND tỉnh Bắc Ninh)", True),
    ("Ban hành kèm theo Nghị quyết số: 105/2025/UBTVQH15 về Chương trình lập pháp năm 2026)", True),
    ("Kèm theo Quyết định số 15/2025/QĐ-UBND ngày 3/3/2025", True),
    ("(Kèm theo Quyết định này)", True),
    ("(Ban hành theo Quyết định số 2815/QĐ-UBND ngày 20 tháng 11 năm 2025 của Chủ tịch UBND tỉnh Đồng Nai)", True),
    ("Theo Quyết định số 12/QĐ-UBND ngày 3/3/2025 của UBND tỉnh", False),  # "theo" alone opens a sentence
    ("KÈM THEO QUYẾT ĐỊNH SỐ 15/2025/QĐ-UBND", True),
    # Điều 1 of the Quyết định itself (5b692e230f990be5, af2a4fc9b3a7aeeb, 86367f2ddb2225cd, vbpl doc_000026)
    ("Ban hành kèm theo Quyết định này Quy chế quản lý, sử dụng và khai thác Phần mềm Quản lý tài sản công.", False),
    ("Ban hành kèm theo Quyết định này Quy chế xét tặng danh hiệu “Công dân Thủ đô ưu tú”.", False),
    ("Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân.", False),
    ("Ban hành kèm theo Nghị định này Phụ lục các danh mục chất ma túy và tiền chất sau đây:", False),
    # a hard-wrapped sentence going on (8b9a38d6a8f8c20f, 76e422d2fb73bd77)
    ("kèm theo Thông tư số 29/2024/TT-BTC.", False),
    ("kèm theo Quyết định số 1474/QĐ-BTC ngày 24/4/2025 của Bộ trưởng Bộ Tài chính", False),
]


@pytest.mark.parametrize(("line", "annex"), ANNEX_LINES)
def test_annex_line(line: str, annex: bool) -> None:
    assert bool(P.ANNEX_OF.match(line)) is annex


QD_HEAD = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH

Số: 82/2025/QĐ-UBND

QUYẾT ĐỊNH

Ban hành Quy chế quản lý phần mềm

Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;

QUYẾT ĐỊNH:

"""
QUY_CHE = """

QUY CHẾ

Quản lý phần mềm

(Ban hành kèm theo Quyết định số 82/2025/QĐ-UBND ngày 28 tháng 11 năm 2025 của UBND tỉnh)

Điều 1. Phạm vi điều chỉnh

Quy chế này quy định việc quản lý phần mềm.
"""
SIGN = "\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"

# A Quyết định's three articles, however its Điều 1 is printed (5b692e230f990be5, af2a4fc9b3a7aeeb, invented)
QUYET_DINH_ARTICLES = [
    (("**Điều 1.**\nBan hành kèm theo Quyết định này Quy chế quản lý phần mềm.\n\n**Điều 2.****\n"
     "**Quyết định này có hiệu lực từ ngày 10 tháng 12 năm 2025.\n\n**Điều 3.** Giám đốc các sở chịu trách "
     "nhiệm thi hành Quyết định này."), "Ban hành kèm theo Quyết định này Quy chế quản lý phần mềm."),
    (("Điều 1. Ban hành kèm theo Quyết định này Quy chế xét tặng danh hiệu “Công dân Thủ đô ưu tú”.\n\n"
     "Điều 2. Quyết định này có hiệu lực kể từ ngày 06 tháng 12 năm 2025.\n\nĐiều 3. Chánh Văn phòng "
     "Ủy ban nhân dân thành phố chịu trách nhiệm thi hành Quyết định này."),
     "Ban hành kèm theo Quyết định này Quy chế xét tặng danh hiệu “Công dân Thủ đô ưu tú”."),
    (("Điều 1.\nBan hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân.\n\n"
     "Điều 2. Quyết định này có hiệu lực từ ngày ký.\n\nĐiều 3. Các Bộ trưởng chịu trách nhiệm thi hành."),
     "Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân."),
]


@pytest.mark.parametrize(("articles", "article_1"), QUYET_DINH_ARTICLES)
def test_quyet_dinh_keeps_its_articles(articles: str, article_1: str) -> None:
    result = parse_text(QD_HEAD + articles + SIGN + QUY_CHE, fmt="md")
    assert [d.doc_type for d in result.documents] == ["Quyết định", "Quy chế"]
    qd = result.documents[0]
    assert [n.eid for n in qd.nodes] == ["art_1", "art_2", "art_3"]
    assert qd.nodes[0].text == article_1
    assert result.documents[1].parent_number == "82/2025/QĐ-UBND"


def _wrapped(*lines: str) -> str:
    """Lines hard-wrapped at about 80 characters, as converters from PDF print them."""
    filler = ["Các cơ quan, đơn vị có trách nhiệm tổng hợp, phân tích, dự báo giá thị trường và",
              "báo cáo giá thị trường trên địa bàn tỉnh đối với các hàng hóa, dịch vụ thuộc danh",
              "mục tại Phụ lục II ban hành kèm theo Thông tư số 29/2024/TT-BTC thuộc địa bàn quản",
              "lý theo quy định tại điểm a khoản 2 Điều 16 Thông tư số 29/2024/TT-BTC nêu trên và",
              "gửi về Sở Tài chính trước ngày 01 của tháng tiếp theo sau tháng báo cáo định kỳ."]
    return "\n".join(filler) + "\n\n" + "\n".join(lines) + "\n"


# A sentence cut by the wrap before a line that reads like a unit label (8b9a38d6a8f8c20f): the point goes on.
WRAPPED_ANNEX = [
    (["đ) Sở Công thương: Tổng hợp,",
      "phân tích, dự báo giá thị trường đối với Khí dầu mỏ hóa lỏng (LPG) thuộc danh",
      "mục Chất đốt tại Phụ lục II ban hành",
      "kèm theo Thông tư số 29/2024/TT-BTC.",
      "",
      "e) Sở Y tế: Tổng hợp, phân tích, dự báo giá thị trường đối với dịch vụ y tế."],
     ("Sở Công thương: Tổng hợp, phân tích, dự báo giá thị trường đối với Khí dầu mỏ hóa lỏng (LPG) thuộc "
     "danh mục Chất đốt tại Phụ lục II ban hành kèm theo Thông tư số 29/2024/TT-BTC.")),
    (["đ) Các cơ sở giáo dục báo cáo về mức học phí thuộc danh mục Dịch vụ giáo dục tại",
      "Phụ lục II ban hành",
      "kèm theo Quyết định số 1474/QĐ-BTC ngày 24/4/2025 của Bộ trưởng Bộ Tài chính.",
      "",
      "e) Ủy ban nhân dân các xã, phường: Tổng hợp, báo cáo giá thị trường."],
     ("Các cơ sở giáo dục báo cáo về mức học phí thuộc danh mục Dịch vụ giáo dục tại Phụ lục II ban hành kèm "
     "theo Quyết định số 1474/QĐ-BTC ngày 24/4/2025 của Bộ trưởng Bộ Tài chính.")),
]


@pytest.mark.parametrize(("points", "point_d"), WRAPPED_ANNEX)
def test_wrapped_kem_theo_goes_on(points: list[str], point_d: str) -> None:
    text = QD_HEAD + "Điều 8. Báo cáo giá thị trường\n\n1. Phân công:\n\n" + _wrapped(*points) + SIGN
    result = parse_text(text, fmt="md")
    assert len(result.documents) == 1
    doc = result.documents[0]
    assert doc.find("art_8__para_1__point_đ").text == point_d
    assert doc.find("art_8__para_1__point_e") is not None


# --- "V/V ..." is a title, not section V -------------------------------------------------------------
SECTION_LINES = [
    ("V/V HỖ TRỢ NHU YẾU PHẨM KHẨN CẤP CHO NHÂN DÂN BỊ ẢNH HƯỞNG MƯA LŨ", None),  # 62f25a030c183151
    ("V/v hướng dẫn góp vốn điều lệ", None),  # 005d8820eb95c1cb
    ("v/v triển khai Kế hoạch", None),
    ("V. TỔ CHỨC THỰC HIỆN", "V"),
    ("V/ TỔ CHỨC THỰC HIỆN", "V"),
    ("IV/ KINH PHÍ", "IV"),
    ("VI) Chế độ báo cáo", "VI"),
    ("II. NỘI DUNG", "II"),
]


@pytest.mark.parametrize(("line", "section"), SECTION_LINES)
def test_section_label(line: str, section: str | None) -> None:
    m = P.SECTION.match(line)
    assert (m.group(1) if m else None) == section


@pytest.mark.parametrize("title", [
    "V/V HỖ TRỢ NHU YẾU PHẨM KHẨN CẤP CHO NHÂN DÂN BỊ ẢNH HƯỞNG MƯA LŨ",
    "V/v tổ chức các hoạt động hưởng ứng Ngày Pháp luật",
])
def test_plan_title_vv(title: str) -> None:
    text = ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\n\nSố: 0129/KH-UBND\n\nKẾ HOẠCH\n\n" + title + "\n\n"
            "Căn cứ Nghị định số 200/2023/NĐ-CP ngày 28/12/2023 của Chính phủ;\n\n"
            "I. ĐÁNH GIÁ TÌNH HÌNH\n\n- Mưa lớn trên diện rộng.\n\nII. MỤC TIÊU\n\n1. Bảo đảm không để người dân bị đói.\n")
    doc = parse_text(text).documents[0]
    assert doc.title == title
    assert [n.eid for n in doc.nodes] == ["sec_I", "sec_II"]
    assert "Căn cứ Nghị định số 200/2023/NĐ-CP" in doc.preamble


# --- a number at the start of a hard-wrapped line ------------------------------------------------------
# (the two lines as printed, does the second go on with the first?)
NUMBER_AFTER_WRAP = [
    # 62f25a030c183151: "cấp độ 1"
    (["- Giai đoạn khẩn cấp (0-48 giờ): Tổ chức lực lượng, phương tiện tiếp cận ngay",
      "chia cắt bằng ca nô, xuồng máy, phương tiện cơ động, ưu tiên các địa bàn cấp độ",
      "1. Cấp ngay mì tôm, lương khô, nước uống, thuốc men thiết yếu cho Nhân dân."], True),
    # 1fa949f85858c62f: "(lần 2)"
    (["khi hết thời gian tạm dừng bán hàng đã được Sở Công Thương chấp thuận bằng văn",
      "bản, doanh nghiệp phải gửi văn bản thông báo kéo dài thời gian dừng bán hàng (lần",
      "2) đến Sở Công Thương như khoản 1 Điều này."], True),
    # e7792cccbca70a64: "tại bước 3"
    (["định số 163/2025/NĐ-CP. Trường hợp không có yêu cầu sửa đổi, bổ sung đối với",
      "hồ sơ sửa đổi, bổ sung, Sở Y tế có văn bản chấp thuận theo quy định tại bước",
      "3. Trong thời hạn 03 tháng kể từ ngày Sở Y tế có văn bản thông báo sửa đổi."], True),
    # 6a58c855aa6d465c: a header line closed by ")" is followed by the form's first field
    (["PHIẾU ĐĂNG KÝ THAM GIA TRỰC TUYẾN HỘI NGHỊ (Kèm theo Công văn số: 17899/BTC",
      "theo Công văn số: 17899/BTC-TCCB ngày 18 tháng 11 năm 2025 của Bộ Tài chính)",
      "1. Đăng ký cán bộ tham dự và đặt câu hỏi, đề xuất, kiến nghị theo đường Link."], False),
    # the next item of the list, even after a long line without a stop
    (["2. Sở Tư pháp chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện việc",
      "rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc lĩnh vực được giao quản",
      "3. Sở Nội vụ hướng dẫn các cơ quan, đơn vị thực hiện công tác thi đua khen thưởng."], False),
    # an article's title as long as a line
    (["Điều 12. Trách nhiệm của các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh trong",
      "công tác phối hợp theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh Cao Bằng",
      "1. Sở Tư pháp chủ trì theo dõi chung tình hình thi hành pháp luật trên địa bàn."], False),
    # a short line: the sentence ended with the line
    (["a) Sở Tư pháp chủ trì",
      "1. Sở Nội vụ hướng dẫn các cơ quan, đơn vị thực hiện công tác thi đua khen thưởng."], False),
]


@pytest.mark.parametrize(("lines", "joined"), NUMBER_AFTER_WRAP)
def test_number_after_a_wrapped_line(lines: list[str], joined: bool) -> None:
    paragraphs = [x.text for x in clean(_wrapped(*lines), "md").lines]
    number_line = lines[-1]
    assert (number_line not in paragraphs) is joined
    assert any(number_line in p for p in paragraphs)  # either way, every word is kept


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_number_after_blank_line_opens_an_item(sep: str) -> None:
    lines = ["chia cắt bằng ca nô, xuồng máy, phương tiện cơ động, ưu tiên các địa bàn trọng",
             "điểm" + ("." if sep == "\n" else ""), "", "1. Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân."]
    paragraphs = [x.text for x in clean(_wrapped(*lines), "md").lines]
    assert "1. Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân." in paragraphs


# --- a Phụ lục that is a table -------------------------------------------------------------------------
PLAN = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH

Số: 144/KH-UBND

KẾ HOẠCH

Phát triển kinh tế số

I. MỤC TIÊU

1. Kinh tế số chiếm 45% GRDP tỉnh.

Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
"""

# (the Phụ lục as printed after the plan's signature, the rows its table node must hold, one a line)
ANNEX_TABLES = [
    # ad5aff6c13929815: a task table, a group row with its other cells blank
    (("PHỤ LỤC\n\nPHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU\n\n*(Ban hành kèm theo Kế hoạch số 144/KH-UBND ngày 24 tháng 11 "
     "năm 2025 của UBND tỉnh Bắc Ninh)*\n\n| TT | Chỉ tiêu | Chủ trì |\n|---|---|---|\n| | **I. Kinh tế số** | |\n"
     "| 1 | Kinh tế số chiếm 45% GRDP tỉnh. | Sở Tài chính |\n| 2 | Tỷ lệ phủ sóng 5G đạt 100% dân số. | Sở Khoa "
     "học và Công nghệ |\n"),
     ["TT | Chỉ tiêu | Chủ trì", "I. Kinh tế số", "1 | Kinh tế số chiếm 45% GRDP tỉnh. | Sở Tài chính",
      "2 | Tỷ lệ phủ sóng 5G đạt 100% dân số. | Sở Khoa học và Công nghệ"]),
    # an invented task table with lead, partners and deadline columns
    (("PHỤ LỤC\n\nDANH MỤC NHIỆM VỤ\n\n(Kèm theo Kế hoạch số 144/KH-UBND ngày 24/11/2025)\n\n"
     "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
     "| 1 | Xây dựng cơ sở dữ liệu giá | Sở Tài chính | Các sở, ngành | Quý IV năm 2025 |\n"
     "| 2 | Tập huấn kỹ năng số | Sở Khoa học và Công nghệ | UBND cấp xã | Hằng năm |\n"),
     ["STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành",
      "1 | Xây dựng cơ sở dữ liệu giá | Sở Tài chính | Các sở, ngành | Quý IV năm 2025",
      "2 | Tập huấn kỹ năng số | Sở Khoa học và Công nghệ | UBND cấp xã | Hằng năm"]),
    # 3a2db039af8c2d05: a scoring table in '|' fragments, a long "Hướng dẫn chấm điểm" cell in a numbered row
    (("**PHỤ LỤC**\n\nTHANG ĐIỂM THI ĐUA\n\n*(Kèm theo Kế hoạch số 157/KH-UBND ngày 18 tháng 11 năm 2025)*\n\n"
     "|\n**STT**\n|\n**TIÊU CHÍ THI ĐUA**\n|\n**ĐIỂM CHUẨN**\n|\n**HƯỚNG DẪN CHẤM ĐIỂM**\n|\n|\n"
     "1\n|\nTỷ lệ % người hưởng trợ cấp được tuyên truyền\n|\n**20**\n|\n"
     "- Cách thức ghi nhận để chấm\nđiểm: Điều kiện để chấm điểm là phải có xây dựng kế hoạch tuyên truyền; tổ\n"
     "chức tuyên truyền trực tiếp như đến hộ gia đình, họp nhóm, ... gián tiếp: qua\n"
     "loa phát thanh xã, loa phát thanh di động (có tài liệu chứng minh đã thực\nhiện tuyên truyền);\n"
     "- Sở Y tế (Chi cục Dân số -\nXã hội) sẽ kiểm tra thực tế, ngẫu nhiên 50 người đang nhận trợ cấp, mỗi\n"
     "trường hợp xác nhận đã được tuyên truyền thì chấm 0,4 điểm.\n|\n|\n"),
     ["STT | TIÊU CHÍ THI ĐUA | ĐIỂM CHUẨN | HƯỚNG DẪN CHẤM ĐIỂM",
      ("1 | Tỷ lệ % người hưởng trợ cấp được tuyên truyền | 20 | - Cách thức ghi nhận để chấm điểm: Điều kiện để "
      "chấm điểm là phải có xây dựng kế hoạch tuyên truyền; tổ chức tuyên truyền trực tiếp như đến hộ gia đình, "
      "họp nhóm, ... gián tiếp: qua loa phát thanh xã, loa phát thanh di động (có tài liệu chứng minh đã thực "
      "hiện tuyên truyền); - Sở Y tế (Chi cục Dân số - Xã hội) sẽ kiểm tra thực tế, ngẫu nhiên 50 người đang "
      "nhận trợ cấp, mỗi trường hợp xác nhận đã được tuyên truyền thì chấm 0,4 điểm.")]),
]


@pytest.mark.parametrize(("annex", "rows"), ANNEX_TABLES)
def test_annex_table_rows_are_a_unit(annex: str, rows: list[str]) -> None:
    result = parse_text(PLAN + "\n\n" + annex, fmt="md")
    assert [d.doc_type for d in result.documents] == ["Kế hoạch", "Phụ lục"]
    annex_doc = result.documents[1]
    # a plan-like Phụ lục holds its table in one node; a prose one has a paragraph a row: either way each
    # row is one line of a unit's text, in order
    lines = [line for n in annex_doc.walk() for line in n.text.split("\n")]
    at = lines.index(rows[0])
    assert lines[at:at + len(rows)] == rows
    assert "|" not in annex_doc.preamble  # the table is the body's, not the preamble's


def test_plan_annex_table_is_one_node() -> None:
    annex, rows = ANNEX_TABLES[0]
    doc = parse_text(PLAN + "\n\n" + annex, fmt="md").documents[1]
    assert [(n.kind, n.eid, n.text.split("\n")) for n in doc.nodes] == [("paragraph", "para_1", rows)]


def test_header_table_above_the_title_stays_in_the_preamble() -> None:
    text = ("| ỦY BAN NHÂN DÂN TỈNH BẮC NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
            "| Số: 144/KH-UBND | Bắc Ninh, ngày 24 tháng 11 năm 2025 |\n\nKẾ HOẠCH\n\nPhát triển kinh tế số\n\n"
            "I. MỤC TIÊU\n\n1. Kinh tế số chiếm 45% GRDP tỉnh.\n")
    doc = parse_text(text, fmt="md").documents[0]
    assert [n.eid for n in doc.nodes] == ["sec_I"]
    assert doc.number == "144/KH-UBND"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.preamble


# A long cell of a row that is not numbered data stays out of the row: the body of a letter laid out in a
# page table, or the text going on after a table the converter did not close (51e961df2382e070).
def test_long_cell_of_body_leaves_the_row() -> None:
    cell = "\n".join(["2. Danh mục, số lượng học phẩm và quần áo đồng phục được cấp mỗi năm học cho học sinh"]
                     + ["trường phổ thông dân tộc nội trú theo danh mục dưới đây và theo quy định hiện hành"] * 6)
    text = "|\n**Số TT**\n|\n**Tên đồ dùng**\n|\n|\n11\n|\nMóc treo đồ\n|\n" + cell + "\n|\n|\n"
    lines = [x.text for x in clean(text, "md").lines]
    assert lines[:2] == ["Số TT | Tên đồ dùng", "11 | Móc treo đồ"]
    assert lines[2].startswith("2. Danh mục, số lượng học phẩm")


# --- a page saved from a legal portal -----------------------------------------------------------------
BANNER = ("Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép, đăng tải lại mà không có "
          "sự đồng ý của THƯ VIỆN PHÁP LUẬT là vi phạm pháp luật về Sở hữu trí tuệ.\n\nĐang tải văn bản...\n\n")
# (the portal's information panel as saved, the document's number) — 1095764e502a89b8, 405a6cabda393030,
# 005d8820eb95c1cb, and an invented panel with the other field names portals use
PANELS = [
    (("| Số hiệu: | 224/CĐ-TTg |\n|---|---|\n| Loại văn bản: | Công điện | Nơi ban hành: | Thủ tướng Chính phủ |\n"
     "| Người ký: | Phạm Minh Chính | Ngày ban hành: | 20/11/2025 |\n| Ngày hiệu lực: | Đã biết | Ngày công báo: | "
     "Đang cập nhật |\n| Số công báo: | Đang cập nhật |\n| Tình trạng: | Đã biết |\n"), "224/CĐ-TTg"),
    (("| Số hiệu: | 659/TB-VPCP |\n|---|---|\n| Loại văn bản: | Thông báo | Nơi ban hành: | Văn phòng Chính phủ |\n"
     "| Người ký: | Đỗ Ngọc Huỳnh | Ngày ban hành: | 29/11/2025 |\n| Tình trạng: | Đã biết |\n"), "659/TB-VPCP"),
    (("| Cơ quan ban hành: | Ủy ban nhân dân tỉnh |\n|---|---|\n| Lĩnh vực: | Tư pháp |\n| Tình trạng hiệu lực: | "
     "Còn hiệu lực |\n"), "12/KH-UBND"),
]
HEADER = ("\n| ỦY BAN NHÂN DÂN TỈNH CAO BẰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |\n"
          "|---|---|\n| Số: {number} | Cao Bằng, ngày 20 tháng 11 năm 2025 |\n\nKẾ HOẠCH\n\nTheo dõi thi hành pháp luật\n\n"
          "I. MỤC ĐÍCH\n\n1. Nâng cao chất lượng theo dõi thi hành pháp luật.\n")


@pytest.mark.parametrize(("panel", "number"), PANELS)
def test_portal_page_stays_out_of_the_preamble(panel: str, number: str) -> None:
    doc = parse_text(BANNER + panel + HEADER.format(number=number), fmt="md").documents[0]
    assert doc.preamble.startswith("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "THƯ VIỆN PHÁP LUẬT" in doc.portal and "Tình trạng" in doc.portal
    assert "THƯ VIỆN PHÁP LUẬT" not in doc.preamble
    assert doc.number == number and doc.title == "Theo dõi thi hành pháp luật"


@pytest.mark.parametrize("top", [
    "",
    "DỰ THẢO\n\n",  # a draft's mark above the header is the document's own
    "| Số: 12/KH-UBND | Cao Bằng, ngày 20 tháng 11 năm 2025 |\n|---|---|\n| Người ký: | Nguyễn Văn A |\n\n",  # one field
])
def test_no_portal_page(top: str) -> None:
    doc = parse_text(top + HEADER.format(number="12/KH-UBND"), fmt="md").documents[0]
    assert doc.portal == ""
    assert doc.preamble.startswith(top.split("\n")[0].strip("| ").split(" | ")[0] or "ỦY BAN NHÂN DÂN")


# A Phụ lục after the signature, however the converter printed its header (1a9051122afe8e2b: plain lines,
# "Ban hành theo"; 2edf5927c71bc4c1 and 128b34e0abc1c504: glued into the signature's table, "PHỤ LỤC I ..." or
# "DANH MỤC ..." without a type): a document of its own, its title in its preamble, its rows in its units.
QD_BODY = ("Điều 1. Phê duyệt Chương trình phát triển Chính phủ số.\n\nĐiều 2. Quyết định này có hiệu lực từ ngày ký."
           "\n\nĐiều 3. Các Bộ trưởng chịu trách nhiệm thi hành Quyết định này.\n\nNơi nhận:\n- Như Điều 3;\n"
           "- Lưu: VT.\n\n")
GLUED_ANNEXES = [
    (("**KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG**\n\nNguyễn Chí Dũng\n\n**PHỤ LỤC**\n\nDANH MỤC CÁC CHỈ TIÊU CỤ THỂ\n\n"
     "*(Ban hành theo Quyết định số 2629/QĐ-TTg ngày 01 tháng 12 năm 2025 của Thủ tướng Chính phủ)*\n\n"
     "| TT | Chỉ tiêu | Cơ quan chủ trì theo dõi, đánh giá |\n|---|---|---|\n"
     "| 1 | Tỉ lệ dịch vụ công trực tuyến toàn trình đạt 100%. | Văn phòng Chính phủ |\n"),
     "PHỤ LỤC", "1 | Tỉ lệ dịch vụ công trực tuyến toàn trình đạt 100%. | Văn phòng Chính phủ"),
    (("|\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Chí Dũng\n|\n**PHỤ LỤC I**\n**DANH MỤC CÁC CHỈ TIÊU CỤ THỂ**\n"
     "*(Kèm theo Quyết định số 2629/QĐ-TTg ngày 01 tháng 12 năm 2025 của Thủ tướng Chính phủ)*\n|\n"
     "**TT**\n|\n**Chỉ tiêu**\n|\n**Cơ quan chủ trì theo dõi, đánh giá**\n|\n|\n"
     "1\n|\nTỉ lệ dịch vụ công trực tuyến toàn trình đạt 100%.\n|\nVăn phòng Chính phủ\n|\n|\n"),
     "PHỤ LỤC I", "1 | Tỉ lệ dịch vụ công trực tuyến toàn trình đạt 100%. | Văn phòng Chính phủ"),
    (("|\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhùng Thành Vinh\n|\n**DANH MỤC**\n**TTHC THỰC HIỆN KHÔNG PHỤ THUỘC VÀO "
     "ĐỊA GIỚI HÀNH CHÍNH**\n*(Kèm theo Quyết định số 3783/QĐ-UBND ngày 20/11/2025 của Chủ tịch UBND tỉnh Nghệ An)*\n|\n"
     "**TT**\n|\n**Mã TTHC**\n|\n**Tên thủ tục hành chính**\n|\n|\n1\n|\n2.001955\n|\nĐăng ký nội quy lao "
     "động của doanh nghiệp\n|\n|\n"),
     "DANH MỤC", "1 | 2.001955 | Đăng ký nội quy lao động của doanh nghiệp"),
]


@pytest.mark.parametrize(("signature_and_annex", "title", "row"), GLUED_ANNEXES)
def test_annex_after_the_signature(signature_and_annex: str, title: str, row: str) -> None:
    result = parse_text(QD_HEAD + QD_BODY + signature_and_annex, fmt="md")
    assert len(result.documents) == 2
    qd, annex = result.documents
    assert [n.eid for n in qd.nodes] == ["art_1", "art_2", "art_3"]
    assert qd.signer in ("Nguyễn Chí Dũng", "Phùng Thành Vinh")
    assert title not in qd.signature
    assert annex.preamble.startswith(title)
    texts = [annex.preamble] + [n.text for n in annex.walk()]
    assert any("theo Quyết định số" in t for t in texts)  # its annex line is the Phụ lục's, not the signature's
    assert row in [line for n in annex.walk() for line in n.text.split("\n")]


# The portal's footer (its contact panel, then notices to members) leaves the last document
FOOTER = ("\n| Địa chỉ: | 17 Nguyễn Gia Thiều, P. Xuân Hòa, TP.HCM | Điện thoại: | (028) 3930 3279 | E-mail: | "
          "info@thuvienphapluat.vn | Mã số thuế: | 0315459414 |\n|---|---|---|---|---|---|---|---|\n\nTHÔNG BÁO\n\n"
          "về Lưu trữ, Sử dụng Thông tin Khách hàng\n\n- Bạn vừa bị Đăng xuất khỏi Tài khoản.\n\n"
          "- Có phải do Tài khoản của bạn bị lộ mật khẩu nên nhiều người khác vào dùng?\n")


@pytest.mark.parametrize("body", [
    HEADER.format(number="12/KH-UBND"),  # a plan: the footer would be bullets of its last section
    QD_HEAD + QD_BODY + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPhùng Thành Vinh\n",  # a Quyết định: its signature
])
def test_portal_footer_leaves_the_document(body: str) -> None:
    doc = parse_text(BANNER + PANELS[0][0] + body + FOOTER, fmt="md").documents[-1]
    assert "Đăng xuất" in doc.portal and "Mã số thuế" in doc.portal
    assert "Đăng xuất" not in doc.signature
    assert all("Đăng xuất" not in n.text for n in doc.walk())
    assert doc.doc_type != "Thông báo"


def test_contact_panel_above_a_letter_is_the_letter_s() -> None:
    """A company's letterhead names its address and phone too; followed by the letter's articles it is no footer."""
    text = ("| Địa chỉ: | 12 Lê Lợi | Điện thoại: | 0243 | E-mail: | a@b.vn |\n|---|---|---|---|---|---|\n\n"
            "QUY CHẾ\n\nLàm việc của công ty\n\nĐiều 1. Phạm vi\n\nQuy chế này quy định việc làm việc.\n")
    doc = parse_text(text, fmt="md").documents[0]
    assert doc.portal == ""
    assert [n.eid for n in doc.nodes] == ["art_1"]


# An annex's title line with its number is a title line (2edf5927c71bc4c1 "PHỤ LỤC I", e5fc434ba0580ac0 "PHỤ LỤC
# 01", invented "PHỤ LỤC SỐ 3"); with its name on the same line it is not the bare title
@pytest.mark.parametrize(("line", "title"), [
    ("PHỤ LỤC", True), ("PHỤ LỤC II", True), ("PHỤ LỤC 01", True), ("PHỤ LỤC SỐ 3", True), ("PHỤ LỤC 2a", True),
    ("PHỤ LỤC I DANH MỤC CÁC CHỈ TIÊU", False), ("QUYẾT ĐỊNH", True), ("KẾ HOẠCH 2", False),
])
def test_annex_title_line(line: str, title: bool) -> None:
    assert bool(P.DOC_TITLE.match(line)) is title


@pytest.mark.parametrize("head", ["PHỤ LỤC II", "PHỤ LỤC 01", "PHỤ LỤC SỐ 3"])
def test_numbered_annex_is_a_phu_luc(head: str) -> None:
    annex = (head + "\n\nDANH MỤC NHIỆM VỤ\n\n(Kèm theo Kế hoạch số 144/KH-UBND ngày 24/11/2025)\n\n"
             "| STT | Nội dung | Cơ quan chủ trì |\n|---|---|---|\n| 1 | Xây dựng cơ sở dữ liệu | Sở Tài chính |\n")
    doc = parse_text(PLAN + "\n\n" + annex, fmt="md").documents[1]
    assert (doc.doc_type, doc.title) == ("Phụ lục", "DANH MỤC NHIỆM VỤ")


# A portal's news piece about the document above its header (0d99145eee8ac0ff, 24c6583aa4c3280a, 646f0a00d4174382):
# a headline, a dated lead paragraph, a summary; no panel needed
NEWS = [
    ("Thông tin sáp nhập còn 16 tỉnh từ 34 tỉnh thành là không chính xác\n\nNgày 21/11/2025, Bộ Nội vụ ban hành Công văn "
    "về việc thông tin sai sự thật trên mạng xã hội. Theo đó, Bộ Nội vụ đề nghị các cơ quan báo chí đưa tin chính xác.\n\n"),
    ("Bổ sung 2.615 tỷ đồng từ ngân sách trung ương cho 27 địa phương\n\nNgày 3/12/2025, Thủ tướng Chính phủ ký ban hành "
    "Quyết định bổ sung kinh phí từ ngân sách trung ương năm 2025 cho các địa phương khắc phục hậu quả thiên tai.\n\n"
    "- Tuyên Quang: 152.100 Triệu đồng;\n- Cao Bằng: 68.900 Triệu đồng;\n\n"),
]


@pytest.mark.parametrize("news", NEWS)
def test_portal_news_piece_stays_out_of_the_preamble(news: str) -> None:
    doc = parse_text(BANNER + news + HEADER.format(number="12/KH-UBND"), fmt="md").documents[0]
    assert doc.preamble.startswith("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert news.split("\n")[0] in doc.portal
    assert doc.number == "12/KH-UBND"


@pytest.mark.parametrize("marks", ["DỰ THẢO\n\n", "KHẨN\n\n", "Mẫu số 01/BC\n\n", "DỰ THẢO LẦN 2\n\nỦY BAN NHÂN DÂN\n\n"])
def test_marks_above_the_header_stay(marks: str) -> None:
    doc = parse_text(marks + HEADER.format(number="12/KH-UBND"), fmt="md").documents[0]
    assert doc.portal == ""
    assert doc.preamble.startswith(marks.split("\n")[0])


# The trích yếu in capitals ends where a mixed-case line begins, even in Markdown's soft-wrapped lines
# (1095764e502a89b8 "THỦ TƯỚNG CHÍNH PHỦ điện:", 405a6cabda393030 "Ngày 28 tháng 11 năm 2025, tại ...")
@pytest.mark.parametrize(("title_lines", "after", "title"), [
    ("VỀ VIỆC KHẨN TRƯƠNG\nCHUẨN BỊ TỔ CHỨC LỄ KHÁNH THÀNH CÁC DỰ ÁN", "**THỦ TƯỚNG CHÍNH PHỦ điện:**",
     "VỀ VIỆC KHẨN TRƯƠNG CHUẨN BỊ TỔ CHỨC LỄ KHÁNH THÀNH CÁC DỰ ÁN"),
    ("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI CUỘC HỌP VỀ TÌNH\nHÌNH THỰC HIỆN NGHỊ QUYẾT SỐ 66-NQ/TW",
     "Ngày 28 tháng 11 năm 2025, tại\nTrụ sở Chính phủ, Phó Thủ tướng Chính phủ đã chủ trì cuộc họp.",
     "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI CUỘC HỌP VỀ TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT SỐ 66-NQ/TW"),
    ("VỀ VIỆC TRIỂN KHAI KẾ HOẠCH", "các nhiệm vụ trọng tâm năm 2026",  # lower case: the title goes on
     "VỀ VIỆC TRIỂN KHAI KẾ HOẠCH các nhiệm vụ trọng tâm năm 2026"),
])
def test_title_in_capitals_ends_at_mixed_case(title_lines: str, after: str, title: str) -> None:
    text = _wrapped("Hà Nội, ngày 20 tháng 11 năm 2025") + "\nCÔNG ĐIỆN\n\n" + title_lines + "\n" + after + "\n\n"
    text += "1. Các bộ, ngành khẩn trương triển khai thực hiện.\n"
    assert parse_text(text, fmt="md").documents[0].title == title


@pytest.mark.parametrize(("glued", "issuer", "title"), [
    # the signing authority's capitals, joined to the title as a wrapped line, are no part of it
    ("VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH CỦA SỞ Y TẾ TỈNH LAI CHÂU CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
     "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH CỦA SỞ Y TẾ TỈNH LAI CHÂU"),
    ("VỀ VIỆC BỔ SUNG DANH SÁCH CÁC CỬA KHẨU BỘ TRƯỞNG BỘ TÀI CHÍNH", "BỘ TÀI CHÍNH",
     "VỀ VIỆC BỔ SUNG DANH SÁCH CÁC CỬA KHẨU"),
    ("BAN HÀNH QUY ĐỊNH VỀ MẪU THẺ KIỂM TOÁN VIÊN NHÀ NƯỚC TỔNG KIỂM TOÁN NHÀ NƯỚC", "KIỂM TOÁN NHÀ NƯỚC",
     "BAN HÀNH QUY ĐỊNH VỀ MẪU THẺ KIỂM TOÁN VIÊN NHÀ NƯỚC"),
    ("PHÊ DUYỆT DANH MỤC CÁC DỰ ÁN TRỌNG ĐIỂM NGÀNH NĂNG LƯỢNG THỦ TƯỚNG CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ",
     "PHÊ DUYỆT DANH MỤC CÁC DỰ ÁN TRỌNG ĐIỂM NGÀNH NĂNG LƯỢNG"),
    # ... but a title naming someone else's post, or the issuer's own after "của", keeps it
    ("VỀ VIỆC BỔ NHIỆM GIÁM ĐỐC SỞ TƯ PHÁP", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "VỀ VIỆC BỔ NHIỆM GIÁM ĐỐC SỞ TƯ PHÁP"),
    ("QUY CHẾ LÀM VIỆC CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
     "QUY CHẾ LÀM VIỆC CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"),
    ("Về việc giao Chủ tịch Ủy ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "Về việc giao Chủ tịch Ủy ban nhân dân tỉnh"),
])
def test_the_signing_authority_is_no_part_of_the_title(glued: str, issuer: str, title: str) -> None:
    from parsers.metadata import _without_authority

    assert _without_authority(glued, issuer) == title


@pytest.mark.skipif(not (SHARED / "corpus-wild" / "f8fd04822ed1cb70.md").exists(), reason="../shared absent")
def test_a_wrapped_title_stops_before_the_signing_authority() -> None:
    doc = parse_file(SHARED / "corpus-wild" / "f8fd04822ed1cb70.md").documents[0]
    assert doc.title == "VỀ VIỆC BỔ SUNG DANH SÁCH CÁC CỬA KHẨU ÁP DỤNG TỜ KHAI HẢI QUAN DÙNG CHO NGƯỜI XUẤT CẢNH, NHẬP CẢNH"
