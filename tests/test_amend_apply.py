"""kb.amend.apply: consolidation. The flagship pair (Luật 80/2015/QH13 + Luật 63/2020/QH14) with the expected
words of a few provisions written out by hand from the two laws; hand-made bases and operations for each kind;
Hypothesis: no operation gives the base back, a replace then its inverse restores it, a repeal keeps eids, a
replace then reading the node gives the new words; `kb consolidate` / `kb history` on files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.amend.apply import apply, consolidate, history
from kb.amend.model import Operation, Target
from kb.cli import main
from parsers import parse_file, parse_text
from parsers.model import Document, Node, Span

LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "laws"
BASE = LAWS / "Luật-80-2015-QH13.docx"
AMENDING = LAWS / "Luật-63-2020-QH14.docx"
have_laws = pytest.mark.skipif(not (BASE.is_file() and AMENDING.is_file()), reason="../shared/laws is absent")


@pytest.fixture(scope="module")
def pair() -> tuple[Document, Document]:
    return parse_file(BASE).documents[0], parse_file(AMENDING).documents[0]


# --- the flagship: the words as both laws give them ------------------------------------------------------
@have_laws
def test_flagship_provisions(pair) -> None:
    base, amending = pair
    result = consolidate(base, [amending])
    assert result.problems == ()
    assert len(result.applied) == 90
    doc = result.document
    text = {eid: doc.find(eid).text for eid in ("art_4__para_3", "art_4__para_8a", "art_8__para_3", "art_48__para_3",
                                                "art_50__para_1__point_a", "art_50__para_2")}
    assert text == {
        "art_4__para_3": "Pháp lệnh, nghị quyết của Ủy ban thường vụ Quốc hội; nghị quyết liên tịch giữa Ủy ban thường "
                         "vụ Quốc hội với Đoàn Chủ tịch Ủy ban trung ương Mặt trận Tổ quốc Việt Nam; nghị quyết liên "
                         "tịch giữa Ủy ban thường vụ Quốc hội, Chính phủ, Đoàn Chủ tịch Ủy ban trung ương Mặt trận Tổ "
                         "quốc Việt Nam.",
        "art_4__para_8a": "Thông tư liên tịch giữa Chánh án Tòa án nhân dân tối cao, Viện trưởng Viện kiểm sát nhân dân "
                          "tối cao, Tổng Kiểm toán nhà nước, Bộ trưởng, Thủ trưởng cơ quan ngang bộ. Không ban hành "
                          "thông tư liên tịch giữa Bộ trưởng, Thủ trưởng cơ quan ngang bộ.",
        # 53 a): "tiêu đề" became "tên"
        "art_8__para_3": "Tùy theo nội dung, văn bản quy phạm pháp luật có thể được bố cục theo phần, chương, mục, tiểu "
                         "mục, điều, khoản, điểm; các phần, chương, mục, tiểu mục, điều trong văn bản quy phạm pháp luật "
                         "phải có tên. Không quy định chương riêng về thanh tra, khiếu nại, tố cáo, khen thưởng, xử lý vi "
                         "phạm trong văn bản quy phạm pháp luật nếu không có nội dung mới.",
        # 52 a): "Thường trực" before "Ủy ban pháp luật"
        "art_48__para_3": "Thường trực Ủy ban pháp luật chủ trì, phối hợp với các cơ quan có liên quan giúp Ủy ban thường "
                          "vụ Quốc hội lập dự kiến chương trình xây dựng luật, pháp lệnh.",
        # 53 h): ", cơ quan tham gia thẩm tra" dropped
        "art_50__para_1__point_a": "Phân công cơ quan, tổ chức, đại biểu Quốc hội trình dự án luật, pháp lệnh, dự thảo "
                                   "nghị quyết; cơ quan chủ trì thẩm tra dự án luật, pháp lệnh, dự thảo nghị quyết.\n"
                                   "Trong trường hợp Ủy ban thường vụ Quốc hội trình dự án luật, dự thảo nghị quyết của "
                                   "Quốc hội thì Quốc hội quyết định cơ quan thẩm tra hoặc thành lập Ủy ban lâm thời để "
                                   "thẩm tra.\nTrong trường hợp Hội đồng dân tộc, Ủy ban của Quốc hội trình dự án luật, "
                                   "pháp lệnh, dự thảo nghị quyết thì Ủy ban thường vụ Quốc hội quyết định cơ quan thẩm "
                                   "tra;",
        "art_50__para_2": "Thường trực Ủy ban pháp luật có trách nhiệm giúp Ủy ban thường vụ Quốc hội trong việc tổ chức "
                          "triển khai thực hiện chương trình xây dựng luật, pháp lệnh.",
    }
    art4 = doc.find("art_4")
    assert [c.num for c in art4.children] == ["1", "2", "3", "4", "5", "6", "7", "8", "8a"] + \
        [str(i) for i in range(9, 16)]
    art6 = doc.find("art_6")
    assert art6.heading == ("Tham gia góp ý kiến xây dựng văn bản quy phạm pháp luật, thực hiện phản biện xã hội đối "
                            "với dự thảo văn bản quy phạm pháp luật")
    assert [c.eid for c in art6.children] == ["art_6__para_1", "art_6__para_2", "art_6__para_3", "art_6__para_4"]
    assert art6.children[1].text.startswith("Mặt trận Tổ quốc Việt Nam thực hiện phản biện xã hội đối với dự thảo văn "
                                            "bản quy phạm pháp luật theo quy định của Luật này và Luật Mặt trận Tổ quốc "
                                            "Việt Nam.\nPhản biện xã hội được thực hiện trong thời gian")
    articles = [n.eid for n in doc.walk() if n.kind == "dieu"]
    at = articles.index("art_68a")
    assert articles[at - 1: at + 2] == ["art_68", "art_68a", "art_69"]
    new = doc.find("art_68a")
    assert new.heading == ("Trách nhiệm của Hội đồng dân tộc trong thẩm tra việc bảo đảm chính sách dân tộc trong dự án "
                           "luật, pháp lệnh, dự thảo nghị quyết")
    assert [c.eid for c in new.walk()][1:] == ["art_68a__para_1", "art_68a__para_2", "art_68a__para_3",
                                               "art_68a__para_3__point_a", "art_68a__para_3__point_b",
                                               "art_68a__para_3__point_c"]
    assert doc.find("art_68a__para_3__point_c").text == ("Tác động và tính khả thi của các quy định trong dự án, dự "
                                                         "thảo để bảo đảm chính sách dân tộc.")
    # history on what changed, none on what did not
    assert [(c.doc, c.op, c.eid, c.effective) for c in doc.find("art_4__para_3").history] == [
        ("63/2020/QH14", "replace", "art_1__para_1__point_a", "2021-01-01")]
    assert [(c.op, c.eid) for c in doc.find("art_50__para_2").history] == [("substitute", "art_1__para_52__point_a")]
    for eid in ("art_1", "art_5", "art_7", "art_4__para_1", "art_69"):
        assert doc.find(eid) == base.find(eid), eid


@have_laws
def test_flagship_before_the_amendment_takes_effect(pair) -> None:
    base, amending = pair
    result = consolidate(base, [amending], as_of="2020-12-31")
    assert result.applied == () and result.document.nodes == base.nodes
    assert len(consolidate(base, [amending], as_of="2021-01-01").applied) == 90


@have_laws
def test_flagship_history(pair) -> None:
    base, amending = pair
    versions = history(base, [amending], "art_4__para_3")
    assert [(v["since"], v["source"], v["op"], v["eid"]) for v in versions] == [
        ("2016-07-01", "80/2015/QH13", None, None), ("2021-01-01", "63/2020/QH14", "replace", "art_1__para_1__point_a")]
    assert versions[0]["text"] == ("3. Pháp lệnh, nghị quyết của Ủy ban thường vụ Quốc hội; nghị quyết liên tịch giữa Ủy "
                                   "ban thường vụ Quốc hội với Đoàn Chủ tịch Ủy ban trung ương Mặt trận Tổ quốc Việt Nam.")


# --- each kind on a hand-made base ------------------------------------------------------------------------
BASE_TEXT = ("LUẬT\nLuật số: 1/2020/QH14\nĐiều 1. Phạm vi\n1. Một.\n2. Hai cấp huyện.\na) Điểm a.\nb) Điểm b.\n"
             "3. Ba.\nĐiều 2. Áp dụng\nÁp dụng cho cấp huyện.\nĐiều 3. Hiệu lực\nLuật này có hiệu lực từ ngày 01/01/2021.\n")


def small() -> Document:
    return parse_text(BASE_TEXT).documents[0]


def op(kind: str, eid: str, content: tuple[Node, ...] = (), **kw) -> Operation:
    return Operation(kind, Target("1/2020/QH14", eid, kw.pop("part", "unit")), "9/2021/QH14", "art_1__para_1",
                     Span(0, 0, 1), content, effective=kw.pop("effective", "2021-06-01"), **kw)


def quoted(text: str) -> tuple[Node, ...]:
    """Units as an amending text quotes them."""
    doc = parse_text("LUẬT\nĐiều 1. Sửa đổi\n1. Sửa đổi Điều 9 như sau:\n“" + text + "”.\n").documents[0]
    return tuple(q for n in doc.walk() for quote in n.quotes for q in quote.nodes)


def words(doc: Document) -> list[tuple]:
    return [(n.eid, n.heading, n.text, n.repealed) for n in doc.walk()]


def test_each_kind() -> None:
    base = small()
    ops = [
        op("replace", "art_1__para_1", quoted("1. Một mới.")),
        op("insert", "art_1__para_2__point_a1", quoted("a1) Điểm a1."), after="art_1__para_2__point_a"),
        op("insert", "art_1__para_4", quoted("4. Bốn.")),
        op("repeal", "art_1__para_3"),
        op("substitute", "", old="cấp huyện", new="cấp xã"),
        op("replace", "art_2", quoted("Điều 2. Đối tượng áp dụng"), part="heading"),
        op("insert", "art_2a", quoted("Điều 2a. Giải thích\nTừ ngữ.")),
    ]
    result = apply(base, ops)
    assert result.problems == ()
    assert words(result.document) == [
        ("art_1", "Phạm vi", "", False), ("art_1__para_1", None, "Một mới.", False),
        ("art_1__para_2", None, "Hai cấp xã.", False), ("art_1__para_2__point_a", None, "Điểm a.", False),
        ("art_1__para_2__point_a1", None, "Điểm a1.", False), ("art_1__para_2__point_b", None, "Điểm b.", False),
        ("art_1__para_3", None, "", True), ("art_1__para_4", None, "Bốn.", False),
        ("art_2", "Đối tượng áp dụng", "Áp dụng cho cấp xã.", False), ("art_2a", "Giải thích", "Từ ngữ.", False),
        ("art_3", "Hiệu lực", "Luật này có hiệu lực từ ngày 01/01/2021.", False)]


@pytest.mark.parametrize(("operation", "message"), [
    (op("replace", "art_9", quoted("Điều 9. X\nY.")), "Không tìm thấy Điều 9 trong văn bản được sửa đổi"),
    (op("insert", "art_1__para_2", quoted("2. Hai.")), "khoản 2 Điều 1 đã có trong văn bản được sửa đổi, không bổ sung lại"),
    (op("substitute", "art_1__para_1", old="không có", new="có"), "Không thấy cụm từ «không có» tại khoản 1 Điều 1"),
    (op("insert", "art_1__para_3a", quoted("3a. Ba a."), after="art_1__para_9"),
     "Không tìm thấy khoản 9 Điều 1, nơi bổ sung khoản 3a Điều 1"),
])
def test_what_cannot_be_applied_is_a_problem(operation: Operation, message: str) -> None:
    result = apply(small(), [operation])
    assert [p.message for p in result.problems] == [message]
    assert result.document.nodes == small().nodes


def test_the_text_in_force_on_a_date() -> None:
    ops = [op("replace", "art_1__para_1", quoted("1. Năm 2021."), effective="2021-06-01"),
           op("replace", "art_1__para_1", quoted("1. Năm 2022."), effective="2022-06-01")]
    assert [apply(small(), ops, as_of).document.find("art_1__para_1").text
            for as_of in ("2021-01-01", "2021-06-01", "2022-01-01", None)] == ["Một.", "Năm 2021.", "Năm 2021.",
                                                                             "Năm 2022."]


# --- properties -------------------------------------------------------------------------------------------
EIDS = [n.eid for n in small().walk() if n.kind == "khoan"]
TEXTS = st.text(alphabet="abcdeghiklmnopqrstuvxyăâđêôơư ", min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.sampled_from(EIDS), TEXTS)
def test_replace_then_read_gives_the_new_words_and_its_inverse_restores(eid: str, words_: str) -> None:
    base = small()
    old = base.find(eid)
    num = old.num
    once = apply(base, [op("replace", eid, quoted(f"{num}. {words_}"))]).document
    assert once.find(eid).text == words_
    assert next(n.eid for n in once.walk()) == "art_1"
    back = apply(once, [op("replace", eid, (old,), effective="2022-01-01")]).document
    assert [(n.eid, n.text) for n in back.walk()] == [(n.eid, n.text) for n in base.walk()]


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([n.eid for n in small().walk()]), max_size=4))
def test_repeal_keeps_every_eid_and_nothing_changes_without_operations(eids: list[str]) -> None:
    base = small()
    assert apply(base, []).document == base
    after = apply(base, [op("repeal", e) for e in eids]).document
    assert [n.eid for n in after.walk()] == [n.eid for n in base.walk()]
    for e in eids:
        assert all(n.repealed and n.text == "" for n in after.find(e).walk())


# --- the command line ---------------------------------------------------------------------------------------
@have_laws
def test_kb_consolidate_and_history(capsys) -> None:
    assert main(["consolidate", str(BASE), str(AMENDING), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (doc,) = data["documents"]
    art4 = next(n for chp in doc["nodes"] for n in chp["children"] if n["eid"] == "art_4")
    para3 = next(c for c in art4["children"] if c["eid"] == "art_4__para_3")
    assert para3["history"] == [{"doc": "63/2020/QH14", "op": "replace", "eid": "art_1__para_1__point_a",
                                 "effective": "2021-01-01"}]
    assert main(["consolidate", str(BASE), str(AMENDING), "--md"]) == 0
    md = capsys.readouterr().out
    assert ("Khoản này được sửa đổi, bổ sung theo quy định tại điểm a khoản 1 Điều 1 của Luật số 63/2020/QH14, có "
            "hiệu lực kể từ ngày 01 tháng 01 năm 2021.") in md
    assert main(["history", str(BASE), "art_4__para_3", str(AMENDING)]) == 0
    out = capsys.readouterr().out
    assert "Từ 01/07/2016" in out and "Từ 01/01/2021: 63/2020/QH14" in out


def test_kb_consolidate_errors(capsys, tmp_path) -> None:
    assert main(["consolidate", str(tmp_path / "khong-co.docx"), str(tmp_path / "x.docx"),
                 "--db", str(tmp_path / "kb.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kb: lỗi: ") and "không có tệp này" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as stop:
        main(["consolidate", "a", "b", "--as-of", "2021-13-01"])
    assert stop.value.code == 2
    assert "ngày không hợp lệ" in capsys.readouterr().err
