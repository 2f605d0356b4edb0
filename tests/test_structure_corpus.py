"""The five corpus files, with their structure written out by hand from reading each document.

Each file is parsed once per session (`parsed`). Expected values come from the documents themselves:
article numbers and titles, how many clauses (khoản) and points (điểm) each article has, the plans'
sections, items and sub-items, the header and signature fields, the Bắc Giang footnotes, and sentences
that PDF extraction broke across lines or pages.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pytest
from parse_invariants import lost_words, tree_problems

from parsers import parse_text
from parsers.clean import STEPS, clean
from parsers.model import Document, Node, ParseResult

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
CB22 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
CB26 = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
SL = "son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl.txt"
ST = "soc-trang-2025-ke-hoach-theo-doi-thi-hanh-phap-luat.md"
BG = "bac-giang-2021-ke-hoach-thuc-hien-chi-thi-06-ct-tu.txt"
FILES = (CB22, CB26, SL, ST, BG)


@functools.cache
def source(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8-sig")


@functools.cache
def parsed(name: str) -> ParseResult:
    return parse_text(source(name), source=name, fmt=name.rsplit(".", 1)[1])


def kids(node: Node, kind: str) -> list[Node]:
    return [c for c in node.children if c.kind == kind]


def articles(doc: Document) -> list[Node]:
    return [n for n in doc.walk() if n.kind == "dieu"]


def all_text(doc: Document) -> str:
    return "\n".join(" ".join(filter(None, (n.heading, n.text))) for n in doc.walk())


# --- every file -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_no_word_lost_and_tree_sound(name: str) -> None:
    lost, extra = lost_words(source(name), parsed(name))
    assert not lost and not extra
    assert tree_problems(parsed(name)) == []


@pytest.mark.parametrize(
    ("name", "types"),
    [(CB22, ["Quyết định", "Quy chế"]), (CB26, ["Quy chế"]), (SL, ["Kế hoạch"]), (ST, ["Kế hoạch"]),
     (BG, ["Kế hoạch"])],
)
def test_document_types(name: str, types: list[str]) -> None:
    assert [d.doc_type for d in parsed(name).documents] == types


@pytest.mark.parametrize("name", FILES)
def test_spans_point_into_the_source(name: str) -> None:
    text = parsed(name).text
    for doc in parsed(name).documents:
        for node in doc.walk():
            label = text[node.span.start:node.span.end]
            assert node.num is None or node.num in label, (node.eid, label[:60])
            assert text.count("\n", 0, node.span.start) + 1 == node.span.line


# --- Cao Bằng 2022: Quyết định 03/2022/QĐ-UBND + the Quy chế it issues -------------------------------
def test_cb22_decision_fields() -> None:
    qd = parsed(CB22).documents[0]
    assert qd.number == "03/2022/QĐ-UBND"
    assert qd.date == "2022-01-13"
    assert qd.place == "Cao Bằng"
    assert qd.issuer == "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"
    assert qd.title == ("Ban hành Quy chế phối hợp trong công tác theo dõi tình hình thi hành pháp luật "
                        "trên địa bàn tỉnh Cao Bằng")
    assert qd.signer == "Hoàng Xuân Ánh"
    assert qd.signer_capacity == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"
    assert qd.effective_date == "2022-01-25"
    assert qd.replaces == ("21/2016/QĐ-UBND",)
    assert len(qd.bases) == 4
    assert qd.bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015")
    assert qd.bases[3].startswith("Căn cứ Thông tư số 14/2014/TT-BTP")
    assert qd.recipients == ("Như Điều 3", "Bộ Tư pháp", "TT.HĐND tỉnh", "CT, PCT UBND tỉnh",
                             "Các sở, ban, ngành tỉnh", "Trung tâm TT, VP UBND tỉnh", "Lưu: VT, NC")
    assert qd.structure == "normative"


def test_cb22_decision_articles() -> None:
    qd = parsed(CB22).documents[0]
    arts = articles(qd)
    assert [(a.num, a.heading, len(a.children)) for a in arts] == [("1", None, 0), ("2", None, 0), ("3", None, 0)]
    assert [a.eid for a in arts] == ["art_1", "art_2", "art_3"]
    # Điều 2 is cut by a page break after "của"
    assert "ngày 27 tháng 9 năm 2016 của Ủy ban nhân dân tỉnh Cao Bằng ban hành Quy chế" in arts[1].text
    assert "Theo đề nghị của Giám đốc Sở Tư pháp." in qd.preamble
    assert "Hoàng Xuân Ánh" in qd.signature and "Hoàng Xuân Ánh" not in all_text(qd)


CB22_CHAPTERS = [
    ("I", "QUY ĐỊNH CHUNG", ["1", "2", "3"]),
    ("II", "TRÁCH NHIỆM PHỐI HỢP CỦA CÁC SỞ, BAN, NGÀNH, ỦY BAN NHÂN DÂN CẤP HUYỆN",
     ["4", "5", "6", "7", "8", "9", "10"]),
    ("III", "TỔ CHỨC THỰC HIỆN", ["11", "12", "13"]),
]
# (article, heading, points in each clause: one entry per khoản)
CB22_ARTICLES = [
    ("1", "Phạm vi điều chỉnh, đối tượng áp dụng", [0, 0, 0]),
    ("2", "Nguyên tắc phối hợp", [0, 0, 0, 0]),
    ("3", "Nội dung phối hợp", [0, 0, 0, 0, 0, 0]),
    ("4", "Phối hợp trong việc xây dựng, ban hành kế hoạch theo dõi tình hình thi hành pháp luật", [0, 2, 0, 5]),
    ("5", "Phối hợp thu thập, tiếp nhận, xử lý thông tin về tình hình thi hành pháp luật", [3, 0, 0]),
    ("6", "Phối hợp trong hoạt động kiểm tra tình hình thi hành pháp luật", [0, 2, 0]),
    ("7", "Phối hợp trong việc điều tra, khảo sát tình hình thi hành pháp luật", [0, 0, 0]),
    ("8", "Phối hợp trong xem xét, đánh giá về tình hình tuân thủ pháp luật", [0, 0]),
    ("9", "Phối hợp xem xét, đánh giá và xử lý kết quả theo dõi tình hình thi hành pháp luật", [2, 0]),
    ("10", "Sự tham gia, phối hợp của các tổ chức, cá nhân trong theo dõi tình hình thi hành pháp luật",
     [0, 0, 0, 0, 0]),
    ("11", "Chế độ báo cáo", [4, 2, 2]),
    ("12", "Kinh phí thực hiện", [0, 0]),
    ("13", "Tổ chức thực hiện", [0, 0, 0]),
]


def _points(article: Node) -> list[int]:
    return [len(kids(k, "diem")) for k in kids(article, "khoan")]


def test_cb22_regulation_chapters() -> None:
    qc = parsed(CB22).documents[1]
    assert qc.parent_number == "03/2022/QĐ-UBND"
    assert qc.title == "Phối hợp trong công tác theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh Cao Bằng"
    got = [(c.num, c.heading, [a.num for a in kids(c, "dieu")]) for c in qc.nodes]
    assert got == CB22_CHAPTERS
    assert [c.eid for c in qc.nodes] == ["chp_I", "chp_II", "chp_III"]


def test_cb22_regulation_articles() -> None:
    qc = parsed(CB22).documents[1]
    assert [(a.num, a.heading, _points(a)) for a in articles(qc)] == CB22_ARTICLES
    assert qc.find("art_4__para_4__point_đ") is not None
    assert qc.find("art_4__para_4__point_đ").text == "Kinh phí thực hiện kế hoạch."  # "- đ)" in the source
    assert qc.find("art_4__para_1").text.startswith("Sở Tư pháp\nCăn cứ kế hoạch theo dõi")


def test_cb22_regulation_broken_sentence() -> None:
    qc = parsed(CB22).documents[1]
    point = qc.find("art_11__para_2__point_a")
    assert point is not None
    assert "báo cáo tình hình xử lý các kiến nghị về việc sửa đổi, bổ sung, ban hành mới" in point.text


# --- Cao Bằng 2026 draft -------------------------------------------------------------------------------
CB26_CHAPTERS = [("I", "QUY ĐỊNH CHUNG", ["1", "2", "3", "4", "5"]),
                 ("II", "NỘI DUNG PHỐI HỢP CỤ THỂ", ["6", "7", "8", "9", "10", "11"]),
                 ("III", "TỔ CHỨC THỰC HIỆN", ["12", "13", "14"])]
CB26_ARTICLES = [
    ("1", "Phạm vi điều chỉnh", [0, 0]),
    ("2", "Đối tượng áp dụng", [0, 0, 0]),
    ("3", "Nguyên tắc phối hợp", [0, 0, 0]),
    ("4", "Nội dung phối hợp", [0, 0, 0, 0, 0, 0]),
    ("5", "Hình thức phối hợp", [0, 0, 0, 0]),
    ("6", ("Xây dựng kế hoạch triển khai thi hành văn bản quy phạm pháp luậtt pháp luật; xây dựng kế hoạch "
          "theo dõi việc thi hành văn bản quy phạm pháp luật"), [0, 2]),
    ("7", "Tiếp nhận và xử lý kiến nghị về văn bản quy phạm pháp luật", [0, 0]),
    ("8", "Thu thập thông tin về thi hành văn bản quy phạm pháp luật", [3, 0]),
    ("9", "Cung cấp thông tin về tổ chức thi hành pháp luật", [0, 0, 0]),
    ("10", "Kiểm tra công tác tổ chức thi hành pháp luật", [0, 2, 0, 0]),
    ("11", "Sơ kết, tổng kết việc thi hành văn bản quy phạm pháp luật", [0, 2, 2, 0, 0]),
    ("12", "Chế độ báo cáo", [4, 2, 2]),
    ("13", "Kinh phí thực hiện", [0, 0]),
    ("14", "Điều khoản thi hành", [0, 0]),
]


def test_cb26_draft() -> None:
    (qc,) = parsed(CB26).documents
    assert qc.number is None and qc.parent_number is None  # "Quyết định số       /2026/QĐ-UBND"
    assert qc.title == ("Phối hợp trong công tác tổ chức thi hành văn bản quy phạm pháp luật trên địa bàn "
                        "tỉnh Cao Bằng")
    assert [(c.num, c.heading, [a.num for a in kids(c, "dieu")]) for c in qc.nodes] == CB26_CHAPTERS
    assert [(a.num, a.heading, _points(a)) for a in articles(qc)] == CB26_ARTICLES
    assert qc.find("art_9").text.startswith("Căn cứ yêu cầu cụ thể của từng hoạt động tổ chức thi hành")
    assert qc.find("art_6__para_2__point_a").text.startswith("Trách nhiệm của Sở Tư pháp\nTrong thời hạn 15 ngày")
    assert qc.find("art_14__para_2").text.endswith("báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết./.")


# --- plans -----------------------------------------------------------------------------------------
def plan_outline(doc: Document) -> list[tuple]:
    """(section, heading, [(item, heading or None, [subitems], number of direct bullets)])."""
    out = []
    for sec in doc.nodes:
        items = [(i.num, i.heading, [s.num for s in kids(i, "subitem")], len(kids(i, "bullet")))
                 for i in kids(sec, "item")]
        out.append((sec.num, sec.heading, items))
    return out


SL_PLAN = [
    ("I", "MỤC ĐÍCH, YÊU CẦU", [("1", "Mục đích", [], 3), ("2", "Yêu cầu", [], 3)]),
    ("II", "NỘI DUNG THỰC HIỆN", [
        ("1", ("Phối hợp Sở tư pháp rà soát, xây dựng danh mục các văn bản QPPL phục vụ theo dõi việc thi hành "
              "văn bản quy phạm pháp luật trong lĩnh vực trọng tâm, liên ngành"), [], 4),
        ("2", ("Phối hợp với Sở Tư pháp kiểm tra, điều tra, khảo sát việc thi hành văn bản quy phạm pháp luật "
              "trong lĩnh vực trọng tâm, liên ngành"), [], 4),
        ("3", ("Theo dõi việc thi hành văn bản QPPL thuộc lĩnh vực quản lý, tham mưu thực hiện của Văn phòng "
              "UBND tỉnh"), [], 4)]),
    ("III", "KINH PHÍ THỰC HIỆN", [("1", None, [], 0), ("2", None, [], 0)]),
    ("IV", "TỔ CHỨC THỰC HIỆN", [("1", "Giao Phòng Tổ chức - Hành chính - Quản trị", [], 2),
                                 ("2", "Giao các phòng, đơn vị trực thuộc", [], 0)]),
]


def test_son_la_plan() -> None:
    (plan,) = parsed(SL).documents
    assert plan.structure == "plan"
    assert plan.title == "Theo dõi việc thi hành văn bản quy phạm pháp luật năm 2026"
    assert plan_outline(plan) == SL_PLAN
    assert plan.signer == "Nguyễn Thị Thu Hương"
    assert plan.signer_capacity == "KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG"
    assert plan.recipients == ("Sở Tư pháp", "Lãnh đạo Văn phòng", "Các phòng, đơn vị trực thuộc",
                               "Trung tâm thông tin", "Lưu: VT, TCHCQT(Toàn)")
    # every line of the PDF text was followed by a blank line and cut mid-sentence
    first = plan.find("sec_I__item_1__bullet_1")
    assert first.text == ("Thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác "
                          "xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước trong kỷ nguyên mới; "
                          "thực hiện các nhiệm vụ giải pháp chủ yếu được đặt ra tại Nghị quyết số 592/NQ-HĐND ngày "
                          "09/12/2025 của Hội đồng nhân dân tỉnh Sơn La về kế hoạch phát triển kinh tế - xã hội "
                          "năm 2026.")
    assert "Thực hiện Quyết định số 196/QĐ-UBND ngày 25/01/2026 của Chủ tịch Ủy ban nhân dân tỉnh về" in plan.preamble
    assert plan.find("sec_IV__item_2").text.startswith("Tổ chức quán triệt Kế hoạch này đến công chức, viên chức "
                                                       "và người lao động thuộc phòng")


ST_PLAN = [
    ("I", "MỤC ĐÍCH, YÊU CẦU", [("1", "Mục đích", [], 2), ("2", "Yêu cầu", [], 3)]),
    ("II", "NỘI DUNG KẾ HOẠCH", [
        ("1", "Lĩnh vực, phạm vi, đối tượng theo dõi tình hình thi hành pháp luật", [], 0),
        ("2", "Các hoạt động theo dõi thi hành pháp luật", ["2.1", "2.2", "2.3", "2.4", "2.5"], 0)]),
    ("III", "KINH PHÍ THỰC HIỆN", [("1", None, [], 0), ("2", None, [], 0), ("3", None, [], 0)]),
    ("IV", "CHẾ ĐỘ BÁO CÁO", [("1", None, [], 0), ("2", None, [], 0), ("3", None, [], 0)]),
    ("V", "TỔ CHỨC THỰC HIỆN", [("1", "Sở Tư pháp", [], 4), ("2", "Các Sở, ngành", [], 4),
                                ("3", "Ủy ban nhân dân các huyện, thị xã, thành phố", [], 3), ("4", None, [], 0)]),
]


def test_soc_trang_plan() -> None:
    (plan,) = parsed(ST).documents
    assert plan.title == ("Theo dõi tình hình thi hành pháp luật lĩnh vực trọng tâm, liên ngành trên địa bàn "
                          "tỉnh Sóc Trăng năm 2025")
    assert plan_outline(plan) == ST_PLAN
    sub = {s.num: s for s in plan.find("sec_II__item_2").children}
    assert [len(kids(sub[n], "bullet")) for n in ("2.1", "2.2", "2.3", "2.4", "2.5")] == [3, 4, 4, 4, 4]
    # "+" lines under "- Cơ quan thực hiện:" are its children
    lead = plan.find("sec_II__item_2__subitem_2.1__bullet_1")
    assert lead.text == "Cơ quan thực hiện:" and len(lead.children) == 2
    assert lead.children[1].eid == "sec_II__item_2__subitem_2.1__bullet_1__bullet_2"
    assert lead.children[1].text.startswith("Ủy ban nhân dân cấp huyện: căn cứ kế hoạch")
    assert "được xác định theo Quyết định của Thủ tướng Chính phủ, hướng dẫn của Bộ Tư pháp" in \
        plan.find("sec_II__item_1").text
    assert "lựa chọn lĩnh vực trọng tâm phù hợp thuộc chức năng" in plan.find("sec_V__item_2__bullet_1").text
    assert plan.signer == "Lâm Hoàng Nghiệp"
    assert plan.signer_capacity == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert len(plan.recipients) == 10 and plan.recipients[0] == "Cục QLXLVPHC&TDTHPL (BTP)"  # under "Noi nhận:"
    assert plan.find("sec_III").text.startswith("Kinh phí đảm bảo thực hiện công tác theo dõi")


BG_PLAN = [
    ("I", "MỤC ĐÍCH, YÊU CẦU", [("1", "Mục đích", [], 2), ("2", "Yêu cầu", [], 2)]),
    ("II", "NHIỆM VỤ TRỌNG TÂM", [
        ("1", "Quán triệt, triển khai, chỉ đạo tổ chức thực hiện", [], 2),
        ("2", ("Tăng cường trách nhiệm, nâng cao chất lượng công tác xây dựng, ban hành, kiểm tra, rà soát văn bản "
              "quy phạm pháp luật"), [], 4),
        ("3", ("Đổi mới hình thức, nội dung công tác tuyên truyền, phổ biến, giáo dục pháp luật (PBGDPL) nhằm tạo "
              "sự chuyển biến trong nhận thức, ý thức tuân thủ pháp luật của cán bộ, công chức và Nhân dân"),
         ["3.1", "3.2", "3.3", "3.4", "3.5"], 0),
        ("4", "Nâng cao chất lượng công tác thanh tra, kiểm tra, theo dõi thi hành pháp luật", ["4.1", "4.2"], 0),
        ("5", ("Tăng cường công tác tiếp nhận, xử lý kiến nghị, phản ánh của cơ quan, tổ chức, cá nhân về tình "
              "hình thi hành pháp luật trên địa bàn"), ["5.1", "5.2", "5.3"], 0),
        ("6", None, ["6.1", "6.2", "6.3"], 0),
        ("7", None, [], 2), ("8", None, [], 3), ("9", None, [], 0), ("10", None, [], 0)]),
    ("III", "TỔ CHỨC THỰC HIỆN", [("1", None, [], 4), ("2", None, [], 0)]),
]
BG_FOOTNOTES = [
    ("1", "như: Quyết định số 242/QĐ-TTg ngày 26/02/2018 của Thủ tướng Chính phủ"),
    ("2", "ngày 14/5/2016 của Chính phủ quy định chi tiết một số điều"),
    ("3", "ngày 31/12/2020 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP"),
    ("4", "ngày 20/6/2016 của UBND tỉnh ban hành Quy định biện pháp thi hành"),
    ("5", "ngày 30/4/2021 sửa đổi, bổ sung một số điều của Quy định biện pháp thi hành"),
    ("6", "ngày 31/12/2020 về nâng cao chất lượng công tác xây dựng, ban hành VBQPPL"),
    ("7", "ngày 29/11/2018 về việc tăng cường thực hiện quy định của Luật Ban hành văn bản QPPL năm 2015"),
]


def test_bac_giang_plan() -> None:
    (plan,) = parsed(BG).documents
    assert plan.title == ("Thực hiện Chỉ thị số 06-CT/TU ngày 05/5/2021 của Ban Thường vụ Tỉnh ủy về tăng cường "
                          "sự lãnh đạo của Đảng đối với công tác tổ chức thi hành pháp luật trên địa bàn tỉnh")
    assert plan_outline(plan) == BG_PLAN
    assert plan.signer == "Mai Sơn"
    assert plan.signer_capacity == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert plan.find("sec_II__item_5__subitem_5.3").text.startswith("Viện Kiểm sát nhân dân tỉnh")  # "5.3.Viện"


def test_bac_giang_footnotes() -> None:
    (plan,) = parsed(BG).documents
    assert [(f.num, f.text[: len(start)]) for f, (_, start) in zip(plan.footnotes, BG_FOOTNOTES)] == BG_FOOTNOTES
    assert len(plan.footnotes) == 7
    assert plan.footnotes[0].text.endswith("trên địa bàn tỉnh Bắc Giang và các văn bản khác có liên quan.")
    body = all_text(plan)
    assert "như: Quyết định số 242/QĐ-TTg" not in body and "ngày 29/11/2018 về việc" not in body
    # markers glued to words and numbers are separated
    assert "văn bản về công tác tổ chức thi hành pháp luật[1] và các văn bản khác" in body
    assert "Nghị định số 34/2016/NĐ-CP[2], Nghị định số 154/2020/NĐ-CP[3] của Chính phủ" in body
    assert "Công văn số 4147/UBND-NC[7] của Chủ tịch UBND tỉnh" in body
    # the body sentence interrupted by the footnotes and the page break comes out whole
    bullet = plan.find("sec_II__item_2__bullet_3")
    assert "tình hình kinh tế - xã hội ở địa phương có thay đổi dẫn đến nội dung văn bản đã ban hành" in bullet.text


# --- golden files ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", FILES)
def test_golden(name: str) -> None:
    """The whole parse as JSON, reviewed by hand once; `UPDATE_GOLDEN=1` rewrites it after a reviewed change."""
    path = GOLDEN / (name.rsplit(".", 1)[0] + ".json")
    got = json.dumps(parsed(name).to_dict(), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1 and review it"
    assert json.loads(got) == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FILES)
def test_cleaning_steps_are_idempotent(name: str) -> None:
    """Running the named cleaning steps again over their own output changes nothing."""
    draft = clean(source(name), name.rsplit(".", 1)[1])
    for step in STEPS:
        before = [(x.text, x.start, x.end) for x in draft.lines]
        draft = step(draft)
        assert [(x.text, x.start, x.end) for x in draft.lines] == before, step.__name__


def test_outline_is_readable() -> None:
    from parsers.outline import outline

    lines = outline(parsed(CB22)).splitlines()
    assert lines[0].startswith("Quyết định 03/2022/QĐ-UBND: Ban hành Quy chế phối hợp")
    assert "  Người ký: TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Hoàng Xuân Ánh" in lines
    assert "  Chương II TRÁCH NHIỆM PHỐI HỢP CỦA CÁC SỞ, BAN, NGÀNH, ỦY BAN NHÂN DÂN CẤP HUYỆN" in lines
    assert "    Điều 11. Chế độ báo cáo" in lines
    assert "        đ) Kinh phí thực hiện kế hoạch." in lines  # a point, three levels under its chapter
