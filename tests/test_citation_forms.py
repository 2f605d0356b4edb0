"""Citation forms met on documents the finder was not written from (issue 9, cause 9), written by hand.

Each row: (text, options, expected references as (target_doc, target_eid, relation)); target_doc None is
a reference to a unit of the citing document. Sentences come from several documents (plans, Quy chế,
Chỉ thị, Công điện, Thông báo kết luận of several provinces) and from invented but realistic ones. The
source clause is `art_8__para_1__point_b` unless a row says otherwise.
"""

from __future__ import annotations

import pytest

from kb.citations.find import find_references, references_in_text
from parsers import parse_text
from parsers.model import Document, Node, ParseResult, Span

SRC = "art_8__para_1__point_b"

CASES = [
    # --- a basis cited with the texts that amended it: they are of the basis too -------------------------
    (("Căn cứ Luật Kiểm toán nhà nước số 81/2015/QH13 ngày 24 tháng 6 năm 2015 được sửa đổi, bổ sung bởi Luật số "
      "55/2019/QH14 ngày 26 tháng 11 năm 2019;"), {"source": None},
     [("81/2015/QH13", None, "can_cu"), ("55/2019/QH14", None, "can_cu")]),
    (("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam đã được sửa đổi, bổ sung một số điều theo Nghị "
      "quyết số 203/2025/QH15;"), {"source": None},
     [("Hiến pháp", None, "can_cu"), ("203/2025/QH15", None, "can_cu")]),
    # ... but a text named in the basis's title is not ("... sửa đổi, bổ sung một số điều của Nghị định số 59")
    (("Căn cứ Nghị định số 32/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ sửa đổi, bổ sung một số điều của "
      "Nghị định số 59/2012/NĐ-CP;"), {"source": None},
     [("32/2020/NĐ-CP", None, "can_cu"), ("59/2012/NĐ-CP", None, "dan_chieu")]),
    # --- a law's name with commas or "và" inside is one name --------------------------------------
    ("theo quy định của Luật Thi đua, khen thưởng;", {}, [("Luật Thi đua, khen thưởng", None, "dan_chieu")]),
    ("áp dụng Luật Cán bộ, công chức và Luật Viên chức.", {},
     [("Luật Cán bộ, công chức", None, "dan_chieu"), ("Luật Viên chức", None, "dan_chieu")]),
    ("Các sở thực hiện nghiêm Luật Phòng, chống tham nhũng năm 2018", {"source": "sec_II__item_1"},
     [("Luật Phòng, chống tham nhũng năm 2018", None, "dan_chieu")]),
    ("Sở Khoa học và Công nghệ triển khai Luật Khoa học, công nghệ và đổi mới sáng tạo.", {"source": "sec_II__item_1"},
     [("Luật Khoa học, công nghệ và đổi mới sáng tạo", None, "dan_chieu")]),
    ("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;", {"source": None},
     [("06/2022/QH15", None, "can_cu")]),
    ("theo Luật Thuế xuất khẩu, thuế nhập khẩu.", {}, [("Luật Thuế xuất khẩu, thuế nhập khẩu", None, "dan_chieu")]),
    # a comma that ends the name: the next words are prose, another law, or a list of bodies
    ("theo Luật Đất đai, đồng thời rà soát các dự án", {}, [("Luật Đất đai", None, "dan_chieu")]),
    ("theo Luật Đất đai, Luật Nhà ở.", {}, [("Luật Đất đai", None, "dan_chieu"), ("Luật Nhà ở", None, "dan_chieu")]),
    # a name read on past a comma into prose is cut back to the law before the comma, when that one is known
    ("báo cáo theo Luật Ngân sách nhà nước, bảo đảm thời gian.", {"year": 2026}, [("89/2025/QH15", None, "dan_chieu")]),
    # ... but never by words: a longer name is another law
    ("theo Luật Ngân sách nhà nước và Luật Đầu tư công.", {"year": 2026},
     [("89/2025/QH15", None, "dan_chieu"), ("Luật Đầu tư công", None, "dan_chieu")]),
    # a law's name inside a cited decree's title ends where the clause's own words go on ("đảm bảo ...")
    (("trình phê duyệt báo cáo quy định tại Điều 104 Nghị định số 186/2025/NĐ-CP của Chính phủ Quy định chi "
      "tiết một số điều của Luật Quản lý, sử dụng tài sản công đảm bảo thời gian theo quy định."), {},
     [("186/2025/NĐ-CP", "art_104", "dan_chieu"), ("15/2017/QH14", None, "dan_chieu")]),
    # a law the catalog knows by its name is its number, with or without its comma read as part of the name
    ("Căn cứ Luật Quản lý, sử dụng tài sản công;", {"source": None}, [("15/2017/QH14", None, "can_cu")]),
    ("theo Luật Quản lý, sử dụng tài sản công, bảo đảm công khai", {}, [("15/2017/QH14", None, "dan_chieu")]),
    ("theo Luật Ngân sách nhà nước bảo đảm đúng thời hạn", {}, [("83/2015/QH13", None, "dan_chieu")]),
    # a comma inside a name before up to six words ("Luật Trật tự, an toàn giao thông đường bộ")
    ("Căn cứ Luật Trật tự, an toàn giao thông đường bộ ngày 27 tháng 6 năm 2024;", {"source": None},
     [("Luật Trật tự, an toàn giao thông đường bộ năm 2024", None, "can_cu")]),
    ("phối hợp thực hiện Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ.", {},
     [("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ", None, "dan_chieu")]),
    # a name and a year two laws share: the one in force when the citing text speaks
    ("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;", {"source": None, "year": 2026},
     [("72/2025/QH15", None, "can_cu")]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;", {"source": None, "year": 2025},
     [("65/2025/QH15", None, "can_cu")]),
    # an amending law is named by the list of laws it amends, then its number
    (("theo điểm a khoản 12 Điều 8 Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo "
      "phương thức đối tác công tư, Luật Hải quan, Luật Thuế xuất khẩu, thuế nhập khẩu, Luật Đầu tư, Luật Quản "
      "lý, sử dụng tài sản công số 90/2025/QH15)."), {},
     [("90/2025/QH15", "art_8__para_12__point_a", "dan_chieu")]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư và Luật Đất đai ngày 29/11/2024", {},
     [("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư và Luật Đất đai năm 2024", None,
       "dan_chieu")]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 11 luật có liên quan đến quy hoạch số 28/2018/QH14;",
     {"source": None}, [("28/2018/QH14", None, "can_cu")]),
    # --- numbered texts of every kind are documents -----------------------------------------------
    ("Thực hiện Chương trình hành động số 25-CTr/TU ngày 10/3/2025 của Tỉnh ủy;", {"source": None},
     [("25-CTr/TU", None, "thuc_hien")]),
    ("theo Kết luận số 123-KL/TW ngày 24/01/2025 của Ban Chấp hành Trung ương", {},
     [("123-KL/TW", None, "dan_chieu")]),
    ("Thông báo kết luận số 45-TB/TU ngày 02/10/2025 của Ban Thường vụ Tỉnh ủy", {},
     [("45-TB/TU", None, "dan_chieu")]),
    ("theo Công điện số 224/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ", {}, [("224/CĐ-TTg", None, "dan_chieu")]),
    ("tuân thủ quy định an toàn trong Phương án 02600/PA-UBND;", {}, [("02600/PA-UBND", None, "dan_chieu")]),
    ("Phương án số 728/PA-UBND ngày 28/02/2025 của UBND tỉnh", {}, [("728/PA-UBND", None, "dan_chieu")]),
    ("theo Quy chế phối hợp 49/QCPH-UBND-UBMT-HCTĐ và quy định hiện hành", {},
     [("49/QCPH-UBND-UBMT-HCTĐ", None, "dan_chieu")]),
    ("Căn cứ Quy chế phối hợp số 49/QCPH-UBND-UBMT-HCTĐ ngày 24/01/2025 về thực hiện", {"source": None},
     [("49/QCPH-UBND-UBMT-HCTĐ", None, "can_cu")]),
    ("Tổ chức quán triệt, triển khai thực hiện Chỉ thị so 41-CT/TW ngày 26/12/2024 của Bộ Chính trị", {"source": "sec_II__item_1"},
     [("41-CT/TW", None, "dan_chieu")]),
    ("Nghị quyết số 66- NQ/TW và Nghị quyết số 140/NQ-CP", {},
     [("66-NQ/TW", None, "dan_chieu"), ("140/NQ-CP", None, "dan_chieu")]),
    # a number whose code names no kind, listed after a document, is one of that list
    (("Thông báo số 627/TB-VPCP ngày 18/11/2025, Thông báo số 493/TB-VPCP ngày 18/9/2025; các văn bản số: "
      "10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ngày 12/9/2025 của Văn phòng Chính phủ"), {},
     [("627/TB-VPCP", None, "dan_chieu"), ("493/TB-VPCP", None, "dan_chieu"), ("10894/VPCP-CN", None, "dan_chieu"),
      ("8563/VPCP-CN", None, "dan_chieu")]),
    ("theo Công văn số 4147/UBND-NC và 4150/UBND-NC của UBND tỉnh", {},
     [("4147/UBND-NC", None, "dan_chieu"), ("4150/UBND-NC", None, "dan_chieu")]),
    ("đến ngày 8/11/2025, 8563 hồ sơ đã được giải quyết", {}, []),
    # --- the document itself is not a reference ----------------------------------------------------
    ("tổ chức thực hiện Kế hoạch này; báo cáo kết quả", {"doc_type": "Kế hoạch", "source": "sec_IV__item_1"}, []),
    ("Quyết định này có hiệu lực kể từ ngày ký.", {"doc_type": "Quyết định", "source": "art_3"}, []),
    ("Quy chế này áp dụng đối với các sở", {"doc_type": "Quy chế", "source": "art_2"}, []),
    ("theo quy định tại Điều 5 Quy chế này", {"doc_type": "Quy chế"}, [(None, "art_5", "dan_chieu")]),
    ("Giao Sở Nội vụ theo dõi việc thi hành Quyết định này.", {"doc_type": "Văn bản", "source": "art_3"}, []),
    # --- pinpoints: points of a list, plan sections, forms ---------------------------------------
    ("đúng đối tượng quy định tại điểm b khoản 2 và khoản 3 Điều này", {"source": "art_3__para_4__point_a"},
     [(None, "art_3__para_2__point_b", "dan_chieu"), (None, "art_3__para_3", "dan_chieu")]),
    ("theo điểm a khoản 1, khoản 2 Điều 5 Nghị định số 80/2025/NĐ-CP", {},
     [("80/2025/NĐ-CP", "art_5__para_1__point_a", "dan_chieu"), ("80/2025/NĐ-CP", "art_5__para_2", "dan_chieu")]),
    ("theo điểm 1 Mục III Quyết định số 213/QĐ-TTg ngày 01/3/2024 của Thủ tướng Chính phủ", {},
     [("213/QĐ-TTg", "sec_III__item_1", "dan_chieu")]),
    ("Thực hiện theo quy định tại Mục VI Quyết định số 213/QĐ-TTg ngày 01/3/2024", {},
     [("213/QĐ-TTg", "sec_VI", "dan_chieu")]),
    ("(theo mẫu số 01 kèm theo).", {}, [(None, "annex__form_01", "dan_chieu")]),
    # an annex named by its title, without a number
    ("(Phụ lục Danh mục và Nội dung phương án đơn giản hóa đính kèm theo).", {"source": "art_1"},
     [(None, "annex", "dan_chieu")]),
    ("theo Phụ lục Danh mục nhiệm vụ trọng tâm kèm theo Quyết định số 12/2025/QĐ-UBND.", {},
     [("12/2025/QĐ-UBND", "annex", "dan_chieu")]),
    ("ký kết phụ lục hợp đồng kèm theo hợp đồng chính", {}, []),
    ("(theo mẫu số 02, mẫu số 03 kèm theo) và tiền thưởng", {},
     [(None, "annex__form_02", "dan_chieu"), (None, "annex__form_03", "dan_chieu")]),
    # the Constitution named as a kind of text beside others ("Hiến pháp, pháp luật"), with no year, is no citation
    (("Đảm bảo xây dựng hệ thống pháp luật đồng bộ, thống nhất, minh bạch, khả thi, chất lượng cao, phù hợp với Hiến "
      "pháp, pháp luật và thực tiễn của địa phương."), {}, []),
    ("Quốc hội thực hiện quyền giám sát tối cao việc tuân theo Hiến pháp, luật và nghị quyết của Quốc hội.", {}, []),
    ("văn bản quy phạm pháp luật có dấu hiệu trái với Hiến pháp, luật, nghị quyết của Quốc hội;", {}, []),
    ("hoạt động trong khuôn khổ Hiến pháp và pháp luật.", {}, []),
    ("theo quy định của Hiến pháp năm 2013 và pháp luật hiện hành", {}, [("Hiến pháp năm 2013", None, "dan_chieu")]),
    ("quyền con người được Hiến pháp bảo đảm", {}, [("Hiến pháp", None, "dan_chieu")]),
    # --- relations ---------------------------------------------------------------------------------
    # "Căn cứ"/"Thực hiện" opening a sentence governs its whole list, even past an unnumbered text
    (("Thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; Chỉ thị số 45-CT/TW ngày 14 tháng "
      "4 năm 2025 của Bộ Chính trị về Đại hội đảng bộ các cấp; Quyết định số 2437/QĐ-TTg ngày 04 tháng 11 năm "
      "2025 của Thủ tướng Chính phủ ban hành Kế hoạch;"), {"source": None},
     [("45-CT/TW", None, "thuc_hien"), ("2437/QĐ-TTg", None, "thuc_hien")]),
    (("Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về ứng phó lũ; Các Công điện: số "
      "007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025; số 010/CĐ-UBND ngày "
      "20/11/2025 của UBND tỉnh về khắc phục hậu quả lũ lụt;"), {"source": None},
     [("223/CĐ-TTg", None, "can_cu"), ("007/CĐ-UBND", None, "can_cu"), ("008/CĐ-UBND", None, "can_cu"),
      ("009/CĐ-UBND", None, "can_cu"), ("010/CĐ-UBND", None, "can_cu")]),
    # a semicolon inside a title of a "Căn cứ" list: what follows in lower case is still that title
    (("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân "
      "quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật "
      "Thi đua, khen thưởng;"), {"source": None},
     [("152/2025/NĐ-CP", None, "can_cu"), ("Luật Thi đua, khen thưởng", None, "dan_chieu")]),
    # "thực hiện A ... và B": B is implemented too; "B ... thực hiện A" inside B's title is B's words
    (("VỀ TÌNH HÌNH THỰC HIỆN NGHỊ QUYẾT SỐ 66-NQ/TW NGÀY 30/4/2025 CỦA BỘ CHÍNH TRỊ VỀ ĐỔI MỚI CÔNG TÁC XÂY "
      "DỰNG VÀ THI HÀNH PHÁP LUẬT VÀ NGHỊ QUYẾT SỐ 140/NQ-CP NGÀY 17/5/2025 CỦA CHÍNH PHỦ THỰC HIỆN NGHỊ QUYẾT "
      "SỐ 66-NQ/TW"), {"source": None},
     [("66-NQ/TW", None, "thuc_hien"), ("140/NQ-CP", None, "thuc_hien"), ("66-NQ/TW", None, "dan_chieu")]),
    # a task of implementing another text, in the body of a plan that does not implement it
    (("Chủ trì, phối hợp với các đơn vị liên quan triển khai thực hiện Quyết định số 338/QĐ-TTg ngày 03 tháng "
      "4 năm 2023 của Thủ tướng Chính phủ phê duyệt Đề án"), {"source": "sec_V__item_6__bullet_b"},
     [("338/QĐ-TTg", None, "dan_chieu")]),
    # ... but a clause that opens with "Thực hiện" speaks for the citing text
    ("Thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị, rà soát", {"source": "sec_I__item_1"},
     [("66-NQ/TW", None, "thuc_hien")]),
    ("Sở Tư pháp chủ trì. Thực hiện Kết luận số 123-KL/TW, các sở rà soát văn bản.", {"source": "sec_II__item_2"},
     [("123-KL/TW", None, "thuc_hien")]),
    # "Căn cứ các <loại> của <cơ quan>: số ...; số ...": a plural type and its issuer head a list of bare numbers
    (("Căn cứ các Nghị định của Chính phủ: số 63/2010/NĐ-CP ngày 08/6/2010 về kiểm soát thủ tục hành chính; số "
      "48/2013/NĐ-CP ngày 14/5/2013 và số 92/2017/NĐ-CP ngày 07/8/2017 về sửa đổi, bổ sung một số điều của các Nghị "
      "định liên quan đến kiểm soát thủ tục hành chính; số 118/2025/NĐ-CP ngày 09/6/2025 về thực hiện thủ tục hành "
      "chính theo cơ chế một cửa, một cửa liên thông;"), {"source": None},
     [("63/2010/NĐ-CP", None, "can_cu"), ("48/2013/NĐ-CP", None, "can_cu"), ("92/2017/NĐ-CP", None, "can_cu"),
      ("118/2025/NĐ-CP", None, "can_cu")]),
    (("Căn cứ các Nghị định của Chính phủ số 63/2010/NĐ-CP ngày 08/6/2010 về kiểm soát thủ tục hành chính; số "
      "48/2013/NĐ-CP ngày 14/5/2013;"), {"source": None},
     [("63/2010/NĐ-CP", None, "can_cu"), ("48/2013/NĐ-CP", None, "can_cu")]),
    (("Căn cứ các Quyết định của Bộ trưởng Bộ Nông nghiệp và Môi trường: số 4831/QĐ-BNNMT ngày 17/11/2025 về việc "
      "công bố bổ sung thủ tục hành chính trong lĩnh vực địa chất và khoáng sản; số 1524/QĐ-BNNMT ngày 20/5/2025 "
      "của Bộ Nông nghiệp và Môi trường;"), {"source": None},
     [("4831/QĐ-BNNMT", None, "can_cu"), ("1524/QĐ-BNNMT", None, "can_cu")]),
    (("Căn cứ các Thông tư của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ: số 02/2017/TT-VPCP ngày 31/10/2017 hướng "
      "dẫn về nghiệp vụ kiểm soát thủ tục hành chính; số 03/2025/TT-VPCP hướng dẫn thi hành một số nội dung của "
      "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ;"), {"source": None},
     [("02/2017/TT-VPCP", None, "can_cu"), ("03/2025/TT-VPCP", None, "can_cu"), ("118/2025/NĐ-CP", None, "dan_chieu")]),
    # a "thực hiện" after a text cited in a "Căn cứ" line is that text's title, not the citing text implementing
    (("Căn cứ Kế hoạch số 46/KH-UBND ngày 25 tháng 8 năm 2025 của Ủy ban nhân dân thành phố Cần Thơ thực hiện Nghị "
      "quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương trình hành động "
      "của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị;"), {"source": None},
     [("46/KH-UBND", None, "can_cu"), ("71/NQ-CP", None, "dan_chieu"), ("57-NQ/TW", None, "dan_chieu")]),
    (("Căn cứ Quyết định số 1356/QĐ-TTg ngày 26 tháng 6 năm 2025 của Thủ tướng Chính phủ về ban hành Kế hoạch thực "
      "hiện Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ;"), {"source": None},
     [("1356/QĐ-TTg", None, "can_cu"), ("118/2025/NĐ-CP", None, "dan_chieu")]),
    # each Phụ lục of a text says it is attached: "(Kèm theo ...)" opening a line, after another one in the same text
    (("Tổng cộng | 15 | 21 | 4 | 3\nPHỤ LỤC II\nTHÔNG SỐ, TẦN SUẤT, THỜI GIAN QUAN TRẮC\n(Kèm theo Kế hoạch 235/KH-UBND "
      "ngày 18/11/2025 của UBND tỉnh Thanh Hóa)\nTT | Đối tượng quan trắc\nTổng cộng | 732\nPHỤ LỤC III\nVỊ TRÍ LẤY MẪU "
      "QUAN TRẮC\n(Kèm theo Kế hoạch 235/KH-UBND ngày 18/11/2025 của UBND tỉnh Thanh Hóa)\nTT | Địa điểm quan trắc"),
     {"source": "para_1"},
     [("235/KH-UBND", None, "ban_hanh_kem_theo"), ("235/KH-UBND", None, "ban_hanh_kem_theo")]),
    (("CÁC THÔNG SỐ ĐƯỢC SỬ DỤNG TÍNH TOÁN GIÁ HỢP ĐỒNG MUA BÁN ĐIỆN\n(Ban hành kèm theo Thông tư số 58/2025/TT-BCT "
      "ngày 02 tháng 12 năm 2025 của Bộ trưởng Bộ Công Thương)\n1. Giá điện\nCÁC MẪU BIỂU PHÂN TÍCH TÀI CHÍNH CỦA DỰ "
      "ÁN\n(Ban hành kèm theo Thông tư số 58/2025/TT-BCT ngày 02 tháng 12 năm 2025 của Bộ trưởng Bộ Công Thương)"),
     {"source": "para_3"},
     [("58/2025/TT-BCT", None, "ban_hanh_kem_theo"), ("58/2025/TT-BCT", None, "ban_hanh_kem_theo")]),
    (("DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH\n(Kèm theo Quyết định số: 2608/QĐ-UBND ngày 24 tháng 11 năm 2025 của "
      "Chủ tịch Ủy ban nhân dân thành phố Cần Thơ)\nStt | Tên thủ tục\nDANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ\n(Kèm "
      "theo Quyết định số 2608/QĐ-UBND ngày 24 tháng 11 năm 2025 của Chủ tịch Ủy ban nhân dân thành phố Cần Thơ)"),
     {"source": "para_32"},
     [("2608/QĐ-UBND", None, "ban_hanh_kem_theo"), ("2608/QĐ-UBND", None, "ban_hanh_kem_theo")]),
    # ... but "ban hành kèm theo" inside a clause's prose is a mention
    ("- Tiêu chuẩn cơ sở 661: 2018/BVTV quy trình công bố dịch ban hành kèm theo Quyết định số 146/QĐ-BVTV-KH",
     {"source": "part_I"}, [("146/QĐ-BVTV-KH", None, "dan_chieu")]),
    # replacing, amending, guiding in a clause is the citing text's act only when the clause opens with it or
    # says it of the text itself; a task or a description of another text is a plain mention
    (("tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế Quyết định số 15/2021/QĐ-UBND ngày 08/7/2021 của UBND tỉnh "
      "Nghệ An về ban hành quy chế bảo vệ bí mật nhà nước; Quyết định số 46/2002/QĐ-UBND ngày 12/09/2022 của UBND "
      "tỉnh quy định về khu vực bảo vệ"), {"source": "sec_III__item_1__bullet_1"},
     [("15/2021/QĐ-UBND", None, "dan_chieu"), ("46/2002/QĐ-UBND", None, "dan_chieu")]),
    ("Nghị định quy định chi tiết một số điều Luật Bảo vệ dữ liệu cá nhân", {"source": "sec_II__item_5__bullet_1"},
     [("Luật Bảo vệ dữ liệu cá nhân", None, "dan_chieu")]),
    ("Nội dung: bao gồm quy định chi tiết khoản 7 Điều 8 của Luật Bảo vệ dữ liệu cá nhân.", {"source": "sec_II__item_5"},
     [("Luật Bảo vệ dữ liệu cá nhân", "art_8__para_7", "dan_chieu")]),
    (("Cục Thuế sẽ bổ sung chỉ tiêu này khi xây dựng Thông tư hướng dẫn thi hành Luật Quản lý thuế (sửa đổi)."),
     {"source": "sec_II__item_3"}, [("Luật Quản lý thuế", None, "dan_chieu")]),
    (("Quyết định này có hiệu lực kể từ ngày 06 tháng 12 năm 2025, thay thế Quyết định số 35/2024/QĐ-UBND ngày 20 "
      "tháng 11 năm 2024 của Ủy ban nhân dân Thành phố."), {"source": "art_2"}, [("35/2024/QĐ-UBND", None, "thay_the")]),
    ("Bãi bỏ Quyết định số 32/2024/QĐ-UBND ngày 10 tháng 12 năm 2024 của UBND tỉnh.", {"source": "art_3"},
     [("32/2024/QĐ-UBND", None, "thay_the")]),
    ("a) Sửa đổi, bổ sung khoản 2 Điều 5 Thông tư số 09/2025/TT-BCT như sau:", {"source": "art_1__para_1"},
     [("09/2025/TT-BCT", "art_5__para_2", "sua_doi_bo_sung")]),
]


def _refs(text: str, opts: dict):
    return references_in_text(text, source_eid=opts.get("source", SRC), doc_type=opts.get("doc_type"),
                              year=opts.get("year", 2025), has_articles=opts.get("articles", True))


@pytest.mark.parametrize(("text", "opts", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_citation_forms(text: str, opts: dict, expected: list) -> None:
    got = [(r.target_doc, r.target_eid, r.relation) for r in _refs(text, opts)]
    assert sorted(got, key=str) == sorted(expected, key=str)


def _node(eid: str, text: str, children: tuple[Node, ...] = (), kind: str = "item") -> Node:
    return Node(kind, eid.rsplit("_", 1)[-1], None, text, eid, Span(0, 0, 1), children)


def _doc(preamble: str, nodes: tuple[Node, ...], doc_type: str = "Kế hoạch", number: str | None = "157/KH-UBND",
         parent: str | None = None) -> tuple[ParseResult, Document]:
    structure = "normative" if nodes and nodes[0].kind == "dieu" else "plan"
    doc = Document(doc_type, number, None, None, None, "2025-11-20", None, None, (), (), None, (), (), nodes,
                   structure, preamble=preamble, parent_number=parent)
    return ParseResult("t", "", (doc,)), doc


def _doc_refs(result: ParseResult, doc: Document) -> list[tuple]:
    return sorted(((r.source_eid, r.target_doc, r.target_eid, r.relation) for r in find_references(result, doc)),
                  key=str)


@pytest.mark.parametrize(("text", "target"), [
    # a plan cites its own items by "điểm"/"khoản" and its sections by "Mục", with or without "Kế hoạch"
    ("Trên cơ sở kết quả thực hiện các chỉ tiêu tại điểm 1 Mục III Kế hoạch, giao Sở Y tế kiểm tra", "sec_III__item_1"),
    ("thực hiện các nội dung tại khoản 1 Mục III Kế hoạch này", "sec_III__item_1"),
    ("theo nội dung tại Mục III", "sec_III"),
    # a sub-item number names the unit wherever it is in the plan
    ("đồng gửi các cơ quan tham mưu quản lý ngành, lĩnh vực tại Mục 1.3", "sec_III__item_1__subitem_1.3"),
])
def test_a_plan_cites_its_own_units(text: str, target: str) -> None:
    sub = _node("sec_III__item_1__subitem_1.3", "Các sở, ngành phối hợp.", kind="subitem")
    item = _node("sec_III__item_1", "Nội dung thi đua", (sub,))
    sec3 = _node("sec_III", "NỘI DUNG", (item,), kind="section")
    citing = _node("sec_IV__item_2", text)
    sec4 = _node("sec_IV", "TỔ CHỨC THỰC HIỆN", (citing,), kind="section")
    result, doc = _doc("Thực hiện Chỉ thị số 21/CT-TTg;", (sec3, sec4))
    assert _doc_refs(result, doc) == sorted([(None, "21/CT-TTg", None, "thuc_hien"),
                                             ("sec_IV__item_2", None, target, "dan_chieu")], key=str)


def test_an_attached_text_with_a_blank_number_was_issued_with_its_parent() -> None:
    # "(Ban hành kèm theo Quyết định số /2025/QĐ-UBND ...)": the number is left blank in the draft sent to
    # print; the text is the one issued with the decision printed before it in the same file
    art = _node("art_1", "Quy chế này quy định việc xét tặng.", kind="dieu")
    for line in ("(Ban hành kèm theo Quyết định số /2025/QĐ-UBND ngày / /2025 của Ủy ban nhân dân thành phố Hà Nội)",
                 "(Ban hành kèm theo Quyết định số: /2025/QĐ-UBND ngày tháng 11 năm 2025)",
                 "(Ban hành kèm theo Quyết định số /2025/QĐ -UBND)"):
        result, doc = _doc(f"QUY CHẾ\nXÉT TẶNG DANH HIỆU\n{line}", (art,), doc_type="Quy chế", number=None,
                           parent="71/2025/QĐ-UBND")
        assert _doc_refs(result, doc) == [(None, "71/2025/QĐ-UBND", None, "ban_hanh_kem_theo")]


def test_a_plan_implementing_a_text_implements_it_in_its_body_too() -> None:
    # the plan implements Chỉ thị 21 (its preamble says so): a task of implementing it is that relation;
    # implementing another text is a task, a plain mention
    item = _node("sec_I__item_1", "Các sở, ngành triển khai thực hiện Chỉ thị số 21/CT-TTg và Quyết định số 338/QĐ-TTg.")
    result, doc = _doc("Thực hiện Chỉ thị số 21/CT-TTg ngày 01/6/2025 của Thủ tướng Chính phủ;", (item,))
    assert _doc_refs(result, doc) == sorted([(None, "21/CT-TTg", None, "thuc_hien"),
                                             ("sec_I__item_1", "21/CT-TTg", None, "thuc_hien"),
                                             ("sec_I__item_1", "338/QĐ-TTg", None, "dan_chieu")], key=str)


@pytest.mark.parametrize(("preamble", "text", "expected"), [
    # a guide without articles of its own: its bare "Điều N" are the guided text's
    ("Thực hiện Quy định số 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị về phân cấp quản lý cán bộ;",
     "Về tiêu chuẩn, điều kiện, độ tuổi quy hoạch (Điều 25):", [("sec_I__item_1", "377-QĐ/TW", "art_25", "dan_chieu")]),
    ("Thực hiện Nghị định số 59/2012/NĐ-CP ngày 23/7/2012 của Chính phủ;",
     "Các sở thực hiện theo quy định tại khoản 2 Điều 5.", [("sec_I__item_1", "59/2012/NĐ-CP", "art_5__para_2", "dan_chieu")]),
    # two texts implemented: which one is not known, so no guess
    ("Thực hiện Nghị định số 59/2012/NĐ-CP và Nghị định số 32/2020/NĐ-CP;",
     "Các sở thực hiện theo quy định tại Điều 5.", []),
])
def test_bare_articles_of_a_text_without_articles_are_the_implemented_text_s(preamble: str, text: str,
                                                                            expected: list) -> None:
    result, doc = _doc(preamble, (_node("sec_I__item_1", text),), doc_type="Hướng dẫn")
    got = [r for r in _doc_refs(result, doc) if r[0] is not None]
    assert got == expected


def test_quyet_dinh_nay_in_the_decision_s_own_articles_is_no_reference() -> None:
    # the articles of a decision printed apart from it (a text of no type or number of its own that follows
    # the decision) still speak of the decision as "Quyết định này": that is the document itself
    art = _node("art_2", "Quyết định này có hiệu lực kể từ ngày 10 tháng 12 năm 2025.", kind="dieu")
    result, doc = _doc("Ban hành kèm theo Quyết định này Quy chế xét tặng danh hiệu.", (art,), doc_type="Văn bản",
                       number=None, parent="71/2025/QĐ-UBND")
    assert _doc_refs(result, doc) == []


# --- footnotes "[N] ..." printed after the signature (a Công điện or Thông báo saved from a portal) --------
_CD_HEAD = ("THỦ TƯỚNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 224/CĐ-TTg | Hà Nội, ngày 20 tháng 11 năm 2025\nCÔNG ĐIỆN\nVỀ VIỆC CHUẨN BỊ LỄ KHÁNH THÀNH\n"
            "THỦ TƯỚNG CHÍNH PHỦ điện:\n")
_CD_BODY = ("{preamble}\n\n1. Bộ Xây dựng chủ trì tổng hợp{item_marker}, báo cáo Thủ tướng Chính phủ.\n\n"
            "2. Các bộ, cơ quan khẩn trương gửi báo cáo.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, CN.\n"
            "THỦ TƯỚNG\nPhạm Minh Chính\n")


@pytest.mark.parametrize(("preamble", "item_marker", "notes", "expected"), [
    # the marker in the preamble: the footnote's texts are the preamble's; a note's text may start on the
    # line after its number, and a ";" inside a list of texts does not end it
    ("Thủ tướng đã ban hành nhiều văn bản[1] chỉ đạo.", "",
     ("[1] Thông\nbáo số 627/TB-VPCP ngày 18/11/2025, Thông báo số 493/TB-VPCP ngày 18/9/2025;\n"
     "các văn bản số: 10894/VPCP-CN ngày 8/11/2025 của\nVăn phòng Chính phủ.\n"),
     [(None, "627/TB-VPCP"), (None, "493/TB-VPCP"), (None, "10894/VPCP-CN")]),
    # the marker in a clause: that clause's; a note of bodies only cites nothing; the page's footer after
    # the last note's full stop is not the note's
    ("Thời gian rất gấp, còn 03 bộ[1] chưa gửi báo cáo.", "[2]",
     ("[1] Bộ\nGiáo dục và Đào tạo, Bộ Ngoại giao.\n[2]\nTheo Công văn số 8563/VPCP-CN ngày 12/9/2025.\n"
     "Công điện 224/CĐ-TTg năm 2025 về việc chuẩn bị Lễ khánh thành\n"),
     [("item_1", "8563/VPCP-CN")]),
    # "[N]" with no glued marker in the text is no footnote: the line stays where it was
    ("Thủ tướng yêu cầu:", "", "[1] Theo Công văn số 8563/VPCP-CN ngày 12/9/2025.\n", []),
])
def test_bracketed_footnotes_after_the_signature(preamble: str, item_marker: str, notes: str,
                                                 expected: list) -> None:
    result = parse_text(_CD_HEAD + _CD_BODY.format(preamble=preamble, item_marker=item_marker) + notes, fmt="md")
    doc = result.documents[0]
    got = [(r.source_eid, r.target_doc) for r in find_references(result, doc) if r.target_doc != "224/CĐ-TTg"]
    assert sorted(got, key=str) == sorted(expected, key=str)


# --- a clause's "thực hiện": a task of implementing, or the implementing named as a subject ----------------
_IMPLEMENTS = "Thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị và Chỉ thị số 21/CT-TTg;"


@pytest.mark.parametrize(("text", "expected"), [
    # the task, however it is qualified, of implementing what the document implements
    (("Các Bộ trưởng trực tiếp chỉ đạo thực hiện đồng bộ, quyết liệt, hiệu quả các nhiệm vụ, giải pháp theo "
     "Nghị quyết số 66-NQ/TW và Chỉ thị số 21/CT-TTg;"), [("66-NQ/TW", "thuc_hien"), ("21/CT-TTg", "thuc_hien")]),
    ("Các sở triển khai nghiêm túc các nội dung nêu tại Chỉ thị số 21/CT-TTg.", [("21/CT-TTg", "thuc_hien")]),
    ("UBND các xã tổ chức thực hiện có hiệu quả các mục tiêu, chỉ tiêu đề ra tại Nghị quyết số 66-NQ/TW.",
     [("66-NQ/TW", "thuc_hien")]),
    # ... of implementing what it does not: a plain mention
    ("Sở Tài chính triển khai các nhiệm vụ, giải pháp chủ yếu tại Nghị quyết số 01/NQ-CP ngày 08/01/2025.",
     [("01/NQ-CP", "dan_chieu")]),
    # the implementing named as what a report, a check, a reward is about
    ("Khẩn trương hoàn thiện Báo cáo tình hình triển khai thực hiện Nghị quyết số 66-NQ/TW, gửi Bộ Tư pháp.",
     [("66-NQ/TW", "dan_chieu")]),
    (("làm căn cứ khen thưởng, kỷ luật trong việc thực hiện Nghị quyết số 66-NQ/TW và Chỉ thị số 21/CT-TTg theo "
     "quy định."), [("66-NQ/TW", "dan_chieu"), ("21/CT-TTg", "dan_chieu")]),
    ("Sở Nội vụ tổng hợp kết quả thực hiện Chỉ thị số 21/CT-TTg, báo cáo UBND tỉnh.", [("21/CT-TTg", "dan_chieu")]),
    ("theo dõi tiến độ thực hiện Nghị quyết số 66-NQ/TW của các sở", [("66-NQ/TW", "dan_chieu")]),
    # ... but bearing its result is implementing it; the contents of a text to be spread are a mention
    ("Chịu trách nhiệm trước Chủ tịch UBND tỉnh về kết quả thực hiện Chỉ thị 21/CT-TTg trong phạm vi quản lý.",
     [("21/CT-TTg", "thuc_hien")]),
    ("Kịp thời quán triệt, triển khai những nội dung của Chỉ thị số 21/CT-TTg trong cơ quan, đơn vị.",
     [("21/CT-TTg", "dan_chieu")]),
    # a text does not implement its own units
    ("Phối hợp với Sở Tư pháp thực hiện các nội dung quy định tại khoản 1 Mục II.", [(None, "dan_chieu")]),
])
def test_a_clause_implementing_or_naming_the_implementing(text: str, expected: list) -> None:
    item = _node("sec_II__item_1", text)
    result, doc = _doc(_IMPLEMENTS, (item,))
    got = [(r.target_doc, r.relation) for r in find_references(result, doc) if r.source_eid == "sec_II__item_1"]
    assert sorted(got) == sorted(expected)


def test_the_implementing_named_in_a_preamble_is_still_the_document_s() -> None:
    # a Thông báo kết luận of a meeting "về tình hình thực hiện Nghị quyết ...": the conclusion implements it
    result, doc = _doc("Phó Thủ tướng đã chủ trì cuộc họp về tình hình thực hiện Nghị quyết số 66-NQ/TW ngày "
                       "30/4/2025 của Bộ Chính trị.", (_node("item_1", "Các bộ rà soát."),), doc_type="Thông báo")
    assert _doc_refs(result, doc) == [(None, "66-NQ/TW", None, "thuc_hien")]


@pytest.mark.parametrize(("lead", "rows", "expected"), [
    # a TTHC annex: each procedure's "Căn cứ pháp lý" lists the procedure's legal basis, which the
    # announcing decision only mentions (its own basis is its preamble's "Căn cứ" lines)
    ("Căn cứ pháp lý của thủ tục hành chính:",
     ["Nghị định số 283/2025/NĐ-CP ngày 31 tháng 10 năm 2025 của Chính phủ."],
     [("item_1__bullet_l__bullet_1", "283/2025/NĐ-CP", None, "dan_chieu")]),
    ("Căn cứ pháp lý:",
     ["Luật Đất đai năm 2024;", "Nghị định số 102/2024/NĐ-CP ngày 30/7/2024 của Chính phủ."],
     [("item_1__bullet_l__bullet_1", "Luật Đất đai năm 2024", None, "dan_chieu"),
      ("item_1__bullet_l__bullet_2", "102/2024/NĐ-CP", None, "dan_chieu")]),
    ("Căn cứ pháp lý của thủ tục hành chính nội bộ:",
     ["Quyết định số 1291/QĐ-BNV ngày 15/10/2025 của Bộ trưởng Bộ Nội vụ."],
     [("item_1__bullet_l__bullet_1", "1291/QĐ-BNV", None, "dan_chieu")]),
    # the verb "Căn cứ" opening a lead line still gives the writer's basis
    ("Căn cứ các văn bản sau:",
     ["Nghị định số 174/2025/NĐ-CP ngày 30/6/2025 của Chính phủ;"],
     [("item_1__bullet_l__bullet_1", "174/2025/NĐ-CP", None, "can_cu")]),
])
def test_a_procedure_s_legal_basis_is_mentioned_not_the_basis(lead: str, rows: list[str], expected: list) -> None:
    children = tuple(_node(f"item_1__bullet_l__bullet_{i}", row, kind="bullet") for i, row in enumerate(rows, 1))
    basis = _node("item_1__bullet_l", lead, children, kind="bullet")
    procedure = _node("item_1", "Thủ tục thẩm định thành lập đơn vị sự nghiệp công lập", (basis,))
    result, doc = _doc("", (procedure,), doc_type="Quyết định", number="1378/QĐ-BNV")
    assert _doc_refs(result, doc) == sorted(expected, key=str)
