"""Citations in text: a table of (text, context, expected references), written by hand.

Each expected reference is (target_doc, target_eid, relation); target_doc None = internal. The source
clause for "này" is `art_8__para_1__point_b` unless a row says otherwise.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.citations.catalog import load_catalog, name_key
from kb.citations.find import (
    canonical_number,
    find_citations,
    find_references,
    number_key,
    references_in_text,
)
from parsers.model import Document, Footnote, Node, ParseResult, Span

SRC = "art_8__para_1__point_b"
ND80 = "80/2025/NĐ-CP"

# (text, options, expected)
CASES = [
    # --- documents by type and number -----------------------------------------------------------
    ("theo Nghị định số 80/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ", {},
     [(ND80, None, "dan_chieu")]),
    ("theo Nghị\nđịnh số 80/2025/NĐ-CP", {}, [(ND80, None, "dan_chieu")]),  # a line break inside
    ("theo Nghị\n\n định số 154/2020/NĐ-CP3 của Chính phủ", {}, [("154/2020/NĐ-CP", None, "dan_chieu")]),
    ("Thông tư 14/2014/TT-BTP", {}, [("14/2014/TT-BTP", None, "dan_chieu")]),  # without "số"
    ("Chỉ thị số 06-CT/TU", {}, [("06-CT/TU", None, "dan_chieu")]),
    ("Chỉ thị số 06-\n\nCT/TU và Kế hoạch này", {}, [("06-CT/TU", None, "dan_chieu")]),
    ("tại Quyết định số 196/QĐ-UBND", {}, [("196/QĐ-UBND", None, "dan_chieu")]),
    ("Công văn số 4147/UBND-NC7 của Chủ tịch UBND tỉnh", {}, [("4147/UBND-NC", None, "dan_chieu")]),
    ("Luật số 64/2025/QH15", {}, [("64/2025/QH15", None, "dan_chieu")]),
    ("Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15", {}, [("64/2025/QH15", None, "dan_chieu")]),
    ("Pháp lệnh số 02/2022/UBTVQH15", {}, [("02/2022/UBTVQH15", None, "dan_chieu")]),
    ("Thông tư liên tịch số 01/2014/TTLT-BTP-BNV", {}, [("01/2014/TTLT-BTP-BNV", None, "dan_chieu")]),
    # footnote markers glued to a number are not part of it
    ("Nghị định số 34/2016/NĐ-CP2, Quyết định số 353/2016/QĐ-UBND4", {},
     [("34/2016/NĐ-CP", None, "dan_chieu"), ("353/2016/QĐ-UBND", None, "dan_chieu")]),
    ("Nghị định số 34/2016/NĐ-CP[2] của Chính phủ", {}, [("34/2016/NĐ-CP", None, "dan_chieu")]),
    # numbers normalised for identity: ND/NĐ, lower case, stray spaces
    ("Nghị định số 59/2012/ND-CP", {}, [("59/2012/NĐ-CP", None, "dan_chieu")]),
    ("Nghị định số 80/2025/nđ-cp", {}, [(ND80, None, "dan_chieu")]),
    ("Thông tư số 13/2015/TT- BVHTTDL", {}, [("13/2015/TT-BVHTTDL", None, "dan_chieu")]),
    ("Quyết định số 03 /2022/QĐ-UBND", {}, [("03/2022/QĐ-UBND", None, "dan_chieu")]),
    ("Chỉ thị số 43/CT-TTg", {}, [("43/CT-TTg", None, "dan_chieu")]),
    # doubled type word
    ("theo Phụ lục II kèm theo Thông tư Thông tư số 04/2021/TT-BTP", {},
     [("04/2021/TT-BTP", "annex_II", "dan_chieu")]),
    # a bare number whose code names a document kind
    ("các Nghị định số 59/2012/NĐ-CP và 32/2020/NĐ-CP", {},
     [("59/2012/NĐ-CP", None, "dan_chieu"), ("32/2020/NĐ-CP", None, "dan_chieu")]),
    # --- laws by name, resolved through the catalog by the citing text's date -------------------
    ("theo khoản 1 Điều 59 Luật Ban hành văn bản quy phạm pháp luật, xác định", {"year": 2026},
     [("64/2025/QH15", "art_59__para_1", "dan_chieu")]),
    ("theo Luật Ban hành văn bản quy phạm pháp luật.", {"year": 2022}, [("80/2015/QH13", None, "dan_chieu")]),
    (("Luật Ban hành văn bản QPPL năm 2015, Luật Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản "
     "QPPL năm 2020"), {"year": 2026},
     [("80/2015/QH13", None, "dan_chieu"), ("63/2020/QH14", None, "dan_chieu")]),
    ("theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn", {"year": 2022},
     [("83/2015/QH13", None, "dan_chieu")]),
    ("theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn", {"year": 2026},
     [("89/2025/QH15", None, "dan_chieu")]),
    (("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
     "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"),
     {"year": 2022}, [("77/2015/QH13", None, "can_cu"), ("47/2019/QH14", None, "can_cu")]),
    ("theo Luật Đất đai và Bộ luật Dân sự", {}, [("Luật Đất đai", None, "dan_chieu"),
                                                 ("Bộ luật Dân sự", None, "dan_chieu")]),
    # --- pinpoints: one reference per target provision -------------------------------------------
    ("tại điểm c khoản 1 Điều 5 Thông tư số 14/2014/TT-BTP", {},
     [("14/2014/TT-BTP", "art_5__para_1__point_c", "dan_chieu")]),
    ("theo quy định tại khoản 3, 4, 5 Điều 14 của Nghị định số 80/2025/NĐ-CP.", {},
     [(ND80, "art_14__para_3", "dan_chieu"), (ND80, "art_14__para_4", "dan_chieu"),
      (ND80, "art_14__para_5", "dan_chieu")]),
    ("quy định tại Điều 7, Điều 8, Điều 9 và Điều 10 Nghị định số 59/2012/NĐ-CP.", {},
     [("59/2012/NĐ-CP", f"art_{n}", "dan_chieu") for n in (7, 8, 9, 10)]),
    ("từ Điều 2 đến Điều 5 Nghị định số 80/2025/NĐ-CP", {},
     [(ND80, f"art_{n}", "dan_chieu") for n in (2, 3, 4, 5)]),
    ("khoản 2 Điều 3 và khoản 1 Điều 5 Thông tư số 04/2021/TT-BTP", {},
     [("04/2021/TT-BTP", "art_3__para_2", "dan_chieu"), ("04/2021/TT-BTP", "art_5__para_1", "dan_chieu")]),
    ("theo Mẫu số 01 tại Phụ lục kèm theo Nghị định số 80/2025/NĐ-CP.", {},
     [(ND80, "annex__form_01", "dan_chieu")]),
    ("theo Phụ lục I ban hành kèm theo Thông tư số 04/2021/TT-BTP", {}, [("04/2021/TT-BTP", "annex_I", "dan_chieu")]),
    ("Chương II Nghị định số 80/2025/NĐ-CP", {}, [(ND80, "chp_II", "dan_chieu")]),
    # --- internal references, resolved against the citing clause ---------------------------------
    ("theo quy định tại khoản 1 Điều này.", {}, [(None, "art_8__para_1", "dan_chieu")]),
    ("tại điểm a khoản 1 Điều này, tham mưu", {}, [(None, "art_8__para_1__point_a", "dan_chieu")]),
    ("nội dung quy định tại khoản 1, khoản 2 Điều này.", {},
     [(None, "art_8__para_1", "dan_chieu"), (None, "art_8__para_2", "dan_chieu")]),
    ("điểm a, b khoản 2 Điều này", {},
     [(None, "art_8__para_2__point_a", "dan_chieu"), (None, "art_8__para_2__point_b", "dan_chieu")]),
    ("theo Điều 5 Quy chế này", {"doc_type": "Quy chế"}, [(None, "art_5", "dan_chieu")]),
    ("theo khoản 2 Điều 3", {}, [(None, "art_3__para_2", "dan_chieu")]),
    ("Mục 2 Chương III Quy chế này", {"doc_type": "Quy chế"}, [(None, "chp_III__sec_2", "dan_chieu")]),
    ("khoản 1 Điều này", {"source": None}, []),  # no article to resolve "này" against
    # --- abbreviations and short forms -------------------------------------------------------------
    (("theo Nghị định số 59/2012/NĐ-CP ngày 23/7/2012 của Chính phủ về theo dõi thi hành pháp luật (sau đây "
     "viết tắt là Nghị định số 59/2012/NĐ-CP), Nghị định số 32/2020/NĐ-CP ngày 05/3/2020 của Chính phủ sửa "
     "đổi, bổ sung một số điều của Nghị định số 59/2012/NĐ-CP (sau đây viết tắt là Nghị định số "
     "32/2020/NĐ-CP)"), {},
     [("59/2012/NĐ-CP", None, "dan_chieu"), ("32/2020/NĐ-CP", None, "dan_chieu"),
      ("59/2012/NĐ-CP", None, "dan_chieu")]),
    ("Thông tư số 04/2021/TT-BTP (sau đây gọi tắt là Thông tư 04). Theo Điều 3 Thông tư 04", {},
     [("04/2021/TT-BTP", None, "dan_chieu"), ("04/2021/TT-BTP", "art_3", "dan_chieu")]),
    ("Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 (sau đây gọi là Luật). Theo Điều 5 của Luật", {},
     [("64/2025/QH15", None, "dan_chieu"), ("64/2025/QH15", "art_5", "dan_chieu")]),
    ("Nghị định số 80/2025/NĐ-CP quy định như sau. Theo khoản 2 Điều 5 Nghị định nêu trên", {},
     [(ND80, None, "dan_chieu"), (ND80, "art_5__para_2", "dan_chieu")]),
    ("Thông tư số 04/2021/TT-BTP quy định. Điều 4 Thông tư này", {"doc_type": "Quy chế"},
     [("04/2021/TT-BTP", None, "dan_chieu"), ("04/2021/TT-BTP", "art_4", "dan_chieu")]),
    ("các cơ quan chuyên môn (sau đây viết tắt là các sở, ban, ngành)", {}, []),
    # --- relations --------------------------------------------------------------------------------
    (("Căn cứ Nghị định số 59/2012/NĐ-CP ngày 23 tháng 7 năm 2012 của Chính phủ về theo dõi tình hình thi hành "
     "pháp luật; Nghị định số 32/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ sửa đổi, bổ sung một số "
     "điều của Nghị định số 59/2012/NĐ-CP ngày 23 tháng 7 năm 2012 của Chính phủ;"), {},
     [("59/2012/NĐ-CP", None, "can_cu"), ("32/2020/NĐ-CP", None, "can_cu"), ("59/2012/NĐ-CP", None, "dan_chieu")]),
    (("Quyết định này có hiệu lực thi hành kể từ ngày 25 tháng 01 năm 2022 và thay thế Quyết định số "
     "21/2016/QĐ-UBND ngày 27 tháng 9 năm 2016 của Ủy ban nhân dân tỉnh Cao Bằng"), {"doc_type": "Quyết định"},
     [("21/2016/QĐ-UBND", None, "thay_the")]),
    ("Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 59/2012/NĐ-CP.", {"doc_type": "Nghị định"},
     [("59/2012/NĐ-CP", None, "sua_doi_bo_sung")]),
    ("Thông tư này quy định chi tiết thi hành Nghị định số 59/2012/NĐ-CP", {"doc_type": "Thông tư"},
     [("59/2012/NĐ-CP", None, "huong_dan")]),
    ("Thông tư này hướng dẫn thi hành Nghị định số 59/2012/NĐ-CP và Nghị định số 32/2020/NĐ-CP",
     {"doc_type": "Thông tư"}, [("59/2012/NĐ-CP", None, "huong_dan"), ("32/2020/NĐ-CP", None, "huong_dan")]),
    ("Thực hiện Chỉ thị số 06-CT/TU ngày 05/5/2021 của Ban Thường vụ Tỉnh ủy về tăng cường", {},
     [("06-CT/TU", None, "thuc_hien")]),
    ("(Kèm theo Quyết định số 03 /2022/QĐ-UBND ngày 13 tháng 01 năm 2022 của Ủy ban nhân dân tỉnh Cao Bằng)",
     {"source": None}, [("03/2022/QĐ-UBND", None, "ban_hanh_kem_theo")]),
    (("Thông tư số 14/2014/TT-BTP ngày 15/5/2014 của Bộ trưởng Bộ Tư pháp quy định chi tiết thi hành Nghị "
     "định số 59/2012/NĐ-CP ngày 23/7/2012"), {},
     [("14/2014/TT-BTP", None, "dan_chieu"), ("59/2012/NĐ-CP", None, "dan_chieu")]),
    ("Điều 70 Hiến pháp năm 2013 quy định", {}, [("Hiến pháp năm 2013", "art_70", "dan_chieu")]),
    (("theo Luật Khoa học, công nghệ và đổi mới sáng tạo về đổi mới; Luật Phòng, chống tham nhũng, Luật Đất đai và "
     "Luật Nhà ở"), {}, [("Luật Khoa học, công nghệ và đổi mới sáng tạo", None, "dan_chieu"),
                       ("Luật Phòng, chống tham nhũng", None, "dan_chieu"), ("Luật Đất đai", None, "dan_chieu"),
                       ("Luật Nhà ở", None, "dan_chieu")]),
    ("Luật Bảo vệ và kiểm dịch thực vật.", {}, [("Luật Bảo vệ và kiểm dịch thực vật", None, "dan_chieu")]),
    ("Luật Đất đai năm 2013 và Luật Đất đai năm 2024", {},
     [("Luật Đất đai năm 2013", None, "dan_chieu"), ("Luật Đất đai năm 2024", None, "dan_chieu")]),
    # a name given a number once is that number later in the text
    (("Căn cứ Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14; Nghị định số 80/2021/NĐ-CP hướng dẫn thi hành "
     "Luật Hỗ trợ doanh nghiệp nhỏ và vừa;"), {},
     [("04/2017/QH14", None, "can_cu"), ("80/2021/NĐ-CP", None, "can_cu"), ("04/2017/QH14", None, "dan_chieu")]),
    ("Theo đề nghị của Sở Tư pháp tại Tờ trình số 2551/TTr-STP ngày 19/11/2025", {},
     [("2551/TTr-STP", None, "dan_chieu")]),
    ("Phụ lục ban hành kèm theo Nghị định số 95/2023/NĐ-CP - Giấy phép", {},
     [("95/2023/NĐ-CP", "annex", "dan_chieu")]),
    ("điểm c, d khoản 3, điểm b khoản 4 Điều 5 Nghị định số 58/2024/NĐ-CP", {},
     [("58/2024/NĐ-CP", e, "dan_chieu") for e in ("art_5__para_3__point_c", "art_5__para_3__point_d",
                                                 "art_5__para_4__point_b")]),
    ("theo điểm g, khoản 1, Điều 3 Thông tư số 54/2025/TT-BCT", {},
     [("54/2025/TT-BCT", "art_3__para_1__point_g", "dan_chieu")]),
    ("tại Phụ lục I, II ban hành kèm theo Nghị định số 174/2025/NĐ-CP", {},
     [("174/2025/NĐ-CP", "annex_I", "dan_chieu"), ("174/2025/NĐ-CP", "annex_II", "dan_chieu")]),
    # the annexes of the sentence's document, not of the citing text
    (("Căn cứ Nghị định số 174/2025/NĐ-CP ngày 30/6/2025 của Chính phủ quy định theo Nghị quyết số "
      "204/2025/QH15 về giảm thuế và các Phụ lục ban hành kèm theo."), {},
     [("174/2025/NĐ-CP", None, "can_cu"), ("204/2025/QH15", None, "dan_chieu"),
      ("174/2025/NĐ-CP", "annex", "dan_chieu")]),
    ("a) Văn bản đề nghị hỗ trợ (theo mẫu phụ lục kèm theo);", {}, [(None, "annex", "dan_chieu")]),
    # a text without articles cites the document of its sentence
    ("Căn cứ Luật Quản lý thuế số 38/2019/QH14, tại Điều 51 quy định", {"articles": False},
     [("38/2019/QH14", None, "can_cu"), ("38/2019/QH14", "art_51", "dan_chieu")]),
    ("theo Điều 51", {"articles": False}, []),
    # --- not citations ----------------------------------------------------------------------------
    ("Hội Luật gia tỉnh, Đoàn luật sư tỉnh cung cấp ý kiến", {}, []),
    ("thi hành pháp luật trên địa bàn tỉnh; báo cáo trước ngày 23/7/2012", {}, []),
    ("Số: 03/2022/QĐ-UBND\nCao Bằng, ngày 13 tháng 01 năm 2022", {"source": None}, []),
    ("căn cứ vào nghị quyết của Hội đồng nhân dân và quyết định của Thủ tướng", {}, []),
    ("Điều kiện, các điều khoản và một số điều của luật", {}, []),
    ("PHỤ LỤC\nDANH MỤC THỦ TỤC; ký kết phụ lục điều chỉnh hợp đồng", {}, []),
    ("kết nối cộng đồng Dân Luật Việt Nam", {}, []),
]


def _refs(text: str, opts: dict):
    return references_in_text(text, source_eid=opts.get("source", SRC), doc_type=opts.get("doc_type"),
                              year=opts.get("year"), has_articles=opts.get("articles", True))


@pytest.mark.parametrize(("text", "opts", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_references_in_text(text: str, opts: dict, expected: list) -> None:
    got = [(r.target_doc, r.target_eid, r.relation) for r in _refs(text, opts)]
    assert sorted(got, key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(("text", "printed", "date", "issuer"), [
    ("Nghị định số 59/2012/ND-CP ngày 23/7/2012 của Chính phủ về", "59/2012/ND-CP", "2012-07-23", "Chính phủ"),
    ("Thông tư số 14/2014/TT-BTP ngày 15 tháng 5 năm 2014 của Bộ trưởng Bộ Tư pháp quy định", "14/2014/TT-BTP",
     "2014-05-15", "Bộ trưởng Bộ Tư pháp"),
    ("Thông tư số 13/2015/TT- BVHTTDL", "13/2015/TT- BVHTTDL", None, None),
    ("Quyết định số 196/QĐ-UBND ngày 25/01/2026 của Chủ tịch Ủy \n\nban nhân dân tỉnh về ban hành",
     "196/QĐ-UBND", "2026-01-25", "Chủ tịch Ủy ban nhân dân tỉnh"),
])
def test_printed_form_date_and_issuer_kept(text: str, printed: str, date: str | None, issuer: str | None) -> None:
    (ref,) = _refs(text, {})
    assert (ref.printed_number, ref.target_date, ref.target_issuer) == (printed, date, issuer)


@pytest.mark.parametrize(("a", "b"), [
    ("80/2025/NĐ-CP", "80/2025/ND-CP"), ("80/2025/NĐ-CP", "80/2025/nđ-cp"), ("13/2015/TT-BVHTTDL", "13/2015/TT- BVHTTDL"),
    ("03/2022/QĐ-UBND", "3/2022/QD-UBND"), ("06-CT/TU", "06 - CT/TU"),
])
def test_number_identity(a: str, b: str) -> None:
    assert number_key(a) == number_key(b)


def test_canonical_number_restores_the_printed_convention() -> None:
    assert canonical_number("80/2025/nd-cp") == "80/2025/NĐ-CP"
    assert canonical_number("242/QĐ-TTG") == "242/QĐ-TTg"
    assert canonical_number("592/NQ-HDND") == "592/NQ-HĐND"


def test_spans_point_at_the_citation() -> None:
    text = "theo quy định tại khoản 1 Điều 13 Nghị định số 80/2025/NĐ-CP ngày 01/4/2025."
    (ref,) = _refs(text, {})
    assert text[ref.span.start:ref.span.end] == "khoản 1 Điều 13 Nghị định số 80/2025/NĐ-CP ngày 01/4/2025"
    assert ref.text == text[ref.span.start:ref.span.end]


def test_catalog_names_fold_abbreviations() -> None:
    assert name_key("Luật Ban hành VBQPPL") == name_key("Luật ban hành văn bản quy phạm pháp luật")
    assert name_key("Luật Ban hành văn bản QPPL") == name_key("LUẬT BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT")


def test_catalog_local_numbers_need_their_province() -> None:
    catalog = load_catalog()
    assert catalog.get("21/2016/QĐ-UBND", "Ủy ban nhân dân tỉnh Cao Bằng").status == "replaced"
    assert catalog.get("21/2016/QĐ-UBND", "UBND thành phố Hà Nội") is None
    assert catalog.get("80/2025/ND-CP").replaces == ("59/2012/NĐ-CP", "32/2020/NĐ-CP")


# --- document level: scopes, aliases across clauses, footnotes, spans into the source ---------------
def _node(source: str, eid: str, kind: str, text: str, children: tuple[Node, ...] = ()) -> Node:
    start = source.index(text)
    return Node(kind, eid.rsplit("_", 1)[-1], None, text, eid, Span(start, start + len(text), 1), children)


def _document(source: str, parts: list[tuple[str, str]], footnotes: tuple[Footnote, ...] = (),
              doc_type: str = "Quy chế") -> tuple[ParseResult, Document]:
    nodes = tuple(_node(source, eid, "dieu", text) for eid, text in parts)
    doc = Document(doc_type, None, None, None, None, "2026-01-05", None, None, (), (), None, (), footnotes, nodes,
                   "normative", preamble="", span=Span(0, len(source), 1))
    return ParseResult("t", source, (doc,)), doc


def test_short_forms_do_not_cross_an_article() -> None:
    a1 = "Việc báo cáo theo Nghị định số 80/2025/NĐ-CP; mẫu theo Điều 5 Nghị định nêu trên."
    a2 = "Việc kiểm tra theo khoản 2 Điều 9 Nghị định nêu trên."
    result, doc = _document(f"Điều 1. {a1}\nĐiều 2. {a2}\n", [("art_1", a1), ("art_2", a2)])
    got = [(r.source_eid, r.target_doc, r.target_eid) for r in find_references(result, doc)]
    assert got == [("art_1", ND80, None), ("art_1", ND80, "art_5")]


def test_abbreviation_defined_in_one_clause_is_resolved_in_later_ones() -> None:
    a1 = "Thông tư số 04/2021/TT-BTP (sau đây gọi tắt là Thông tư 04) hướng dẫn."
    a2 = "Báo cáo theo Phụ lục I kèm theo Thông tư 04."
    result, doc = _document(f"Điều 1. {a1}\nĐiều 2. {a2}\n", [("art_1", a1), ("art_2", a2)])
    got = [(r.source_eid, r.target_doc, r.target_eid) for r in find_references(result, doc)]
    assert got == [("art_1", "04/2021/TT-BTP", None), ("art_2", "04/2021/TT-BTP", "annex_I")]


def test_an_amending_text_s_bare_pinpoints_point_at_what_it_amends() -> None:
    a1 = "Bãi bỏ điểm c khoản 2 và điểm d khoản 3 Điều 14. Sửa đổi, bổ sung Điều 13 như sau:"
    source = f"Điều 1. {a1}\n"
    result, doc = _document(source, [("art_1", a1)], doc_type="Quyết định")
    doc = replace(doc, title="Sửa đổi, bổ sung một số điều của Quy định ban hành kèm theo Quyết định số "
                             "52/2024/QĐ-UBND")
    got = [(r.target_doc, r.target_eid, r.relation) for r in find_references(result, doc)]
    assert got == [("52/2024/QĐ-UBND", "art_14__para_2__point_c", "sua_doi_bo_sung"),
                   ("52/2024/QĐ-UBND", "art_14__para_3__point_d", "sua_doi_bo_sung"),
                   ("52/2024/QĐ-UBND", "art_13", "sua_doi_bo_sung")]


def test_a_list_of_repealed_texts_takes_its_clause_s_relation() -> None:
    clause = "Bãi bỏ các Quyết định sau:"
    items = ["a) Quyết định số 12/2023/QĐ-UBND ngày 20/4/2023 của Ủy ban nhân dân tỉnh Phú Yên", "b) Theo Quyết định số 3/2020/QĐ-UBND."]
    source = "Điều 4. " + "\n".join([clause, *items]) + "\n"
    points = tuple(Node("diem", "ab"[i], None, t, f"art_4__para_2__point_{'ab'[i]}",
                        Span(source.index(t), source.index(t) + len(t), 1)) for i, t in enumerate(items))
    para = Node("khoan", "2", None, clause, "art_4__para_2", Span(source.index(clause), len(source), 1), points)
    art = Node("dieu", "4", None, "", "art_4", Span(0, len(source), 1), (para,))
    doc = Document("Quyết định", None, None, None, None, None, None, None, (), (), None, (), (), (art,), "normative",
                   span=Span(0, len(source), 1))
    got = [(r.source_eid, r.target_doc, r.relation) for r in find_references(ParseResult("t", source, (doc,)), doc)]
    assert got == [("art_4__para_2__point_a", "12/2023/QĐ-UBND", "thay_the"),
                   ("art_4__para_2__point_b", "3/2020/QĐ-UBND", "dan_chieu")]


def test_spans_map_back_through_rejoined_lines() -> None:
    source = "Điều 1. Thực hiện theo khoản 1 Điều 13 Nghị\n\nđịnh số 80/2025/NĐ-\nCP.\n"
    text = "Thực hiện theo khoản 1 Điều 13 Nghị định số 80/2025/NĐ-CP."  # as the parser rejoins it
    node = Node("dieu", "1", None, text, "art_1", Span(8, len(source) - 1, 1))
    doc = Document("Quy chế", None, None, None, None, None, None, None, (), (), None, (), (), (node,), "normative",
                   span=Span(0, len(source), 1))
    (ref,) = find_references(ParseResult("t", source, (doc,)), doc)
    assert source[ref.span.start:ref.span.end] == "khoản 1 Điều 13 Nghị\n\nđịnh số 80/2025/NĐ-\nCP"


def test_footnote_completes_the_citation_it_is_glued_to() -> None:
    clause = "thực hiện các quy định của Nghị định số 34/2016/NĐ-CP[2] của Chính phủ."
    note = "ngày 14/5/2016 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành VBQPPL."
    source = f"Điều 1. {clause.replace('[2]', '2')}\n2 {note}\n"
    start = source.index(note)
    result, doc = _document(source.replace(clause.replace("[2]", "2"), clause), [("art_1", clause)],
                            (Footnote("2", note, Span(start, start + len(note), 2)),))
    refs = find_references(result, doc)
    assert [(r.source_eid, r.target_doc, r.relation) for r in refs] == [
        ("art_1", "34/2016/NĐ-CP", "dan_chieu"), ("art_1", "64/2025/QH15", "dan_chieu")]
    assert refs[0].target_date == "2016-05-14"


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Nghị địnhsố 0123456789/-ĐCPQHkhoảnĐiềuLuậtnày,;.()\n")), max_size=120))
def test_finder_never_fails_and_spans_stay_inside(text: str) -> None:
    for c in find_citations(text):
        assert 0 <= c.start < c.end <= len(text)
    for r in references_in_text(text, source_eid=SRC):
        assert 0 <= r.span.start < r.span.end <= len(text)
