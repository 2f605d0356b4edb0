"""kb.amend.read: amending instructions → operations, each input written out by hand with the operations it
must give (kind, amended document, target eid, part, instruction eid, after, the quoted units' eids, old, new,
effective date), and the problems an unreadable instruction must give instead of a guess.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.amend import read, read_operations
from parsers import parse_file, parse_text

HEAD = ("QUỐC HỘI\nLuật số: 63/2020/QH14\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BAN HÀNH VĂN BẢN QUY PHẠM PHÁP "
        "LUẬT\nCăn cứ Hiến pháp;\nQuốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy "
        "phạm pháp luật số 80/2015/QH13.\nĐiều 1. Sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm "
        "pháp luật\n")
TAIL = "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.\n"
L80 = "80/2015/QH13"


def ops(body: str, tail: str = TAIL) -> list[tuple]:
    (doc,) = parse_text(HEAD + body + tail).documents
    return [(o.kind, o.target.document, o.target.eid, o.target.part, o.source_eid, o.after,
             tuple(n.eid for n in o.content), o.old, o.new, o.effective) for o in read_operations(doc)]


def problems(body: str) -> list[tuple[str, str]]:
    (doc,) = parse_text(HEAD + body + TAIL).documents
    return [(p.source_eid, p.message.split(":")[0]) for p in read(doc).problems]


D = "2021-01-01"
CASES = [
    ("1. Sửa đổi, bổ sung Điều 6 như sau:\n“Điều 6. Góp ý\nMặt trận góp ý.”.\n",
     [("replace", L80, "art_6", "unit", "art_1__para_1", None, ("art_6",), None, None, D)]),
    # the lead line's article
    (("1. Sửa đổi, bổ sung một số khoản của Điều 4 như sau:\na) Sửa đổi, bổ sung khoản 3 như sau: “3. Pháp lệnh.”;\n"
     "b) Sửa đổi, bổ sung khoản 8 và bổ sung khoản 8a vào sau khoản 8 như sau:\n“8. Thông tư.\n8a. Thông tư liên tịch.”.\n"),
     [("replace", L80, "art_4__para_3", "unit", "art_1__para_1__point_a", None, ("para_3",), None, None, D),
      ("replace", L80, "art_4__para_8", "unit", "art_1__para_1__point_b", None, ("para_8",), None, None, D),
      ("insert", L80, "art_4__para_8a", "unit", "art_1__para_1__point_b", "art_4__para_8", ("para_8a",), None, None, D)]),
    # quoted units the words do not name: where the lead line puts them
    ("1. Sửa đổi, bổ sung một số khoản của Điều 55 như sau: “2. Chuẩn bị dự thảo.” “7. Báo cáo.”\n",
     [("replace", L80, "art_55__para_2", "unit", "art_1__para_1", None, ("para_2",), None, None, D),
      ("replace", L80, "art_55__para_7", "unit", "art_1__para_1", None, ("para_7",), None, None, D)]),
    ("1. Bổ sung Điều 68a vào sau Điều 68 như sau:\n“Điều 68a. Trách nhiệm\nHội đồng thẩm tra.”.\n",
     [("insert", L80, "art_68a", "unit", "art_1__para_1", "art_68", ("art_68a",), None, None, D)]),
    ("1. Bổ sung điểm b1 vào sau điểm b khoản 1 Điều 62 như sau: “b1) Báo cáo rà soát;”.\n",
     [("insert", L80, "art_62__para_1__point_b1", "unit", "art_1__para_1", "art_62__para_1__point_b", ("point_b1",),
       None, None, D)]),
    # several articles inserted after one: each after the one before it
    ("1. Bổ sung các điều 7a và 7b vào sau Điều 7 như sau:\n“Điều 7a. A\nNội dung a.\nĐiều 7b. B\nNội dung b.”.\n",
     [("insert", L80, "art_7a", "unit", "art_1__para_1", "art_7", ("art_7a",), None, None, D),
      ("insert", L80, "art_7b", "unit", "art_1__para_1", "art_7a", ("art_7b",), None, None, D)]),
    # a name, clauses, a point into a clause ("vào khoản 1": in its number's order)
    (("1. Sửa đổi, bổ sung tên Điều 26; bổ sung điểm d vào khoản 1, bổ sung khoản 3 vào Điều 26 như sau:\n"
     "“Điều 26. Chế độ mới”\n“d) Chi phí đi lại.”\n“3. Con được hỗ trợ.”\n"),
     [("replace", L80, "art_26", "heading", "art_1__para_1", None, ("art_26",), None, None, D),
      ("insert", L80, "art_26__para_1__point_d", "unit", "art_1__para_1", None, ("point_d",), None, None, D),
      ("insert", L80, "art_26__para_3", "unit", "art_1__para_1", None, ("para_3",), None, None, D)]),
    # the passive form; a repeal with a replace in one sentence
    (("1. Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ sung như sau:\n“2. Hai.”\n“5. Năm.”\n"
     "2. Bãi bỏ khoản 10 Điều 8; sửa đổi, bổ sung khoản 4 Điều 8 như sau: “4. Bốn.”.\n"),
     [("replace", L80, "art_3__para_2", "unit", "art_1__para_1", None, ("para_2",), None, None, D),
      ("replace", L80, "art_3__para_5", "unit", "art_1__para_1", None, ("para_5",), None, None, D),
      ("repeal", L80, "art_8__para_10", "unit", "art_1__para_2", None, (), None, None, D),
      ("replace", L80, "art_8__para_4", "unit", "art_1__para_2", None, ("para_4",), None, None, D)]),
    # several repealed at once
    ("1. Bãi bỏ điểm c khoản 2 và điểm d khoản 3 Điều 14, các điều 20, 21 và Chương IX.\n",
     [("repeal", L80, "art_14__para_2__point_c", "unit", "art_1__para_1", None, (), None, None, D),
      ("repeal", L80, "art_14__para_3__point_d", "unit", "art_1__para_1", None, (), None, None, D),
      ("repeal", L80, "art_20", "unit", "art_1__para_1", None, (), None, None, D),
      ("repeal", L80, "art_21", "unit", "art_1__para_1", None, (), None, None, D),
      ("repeal", L80, "chp_IX", "unit", "art_1__para_1", None, (), None, None, D)]),
    # phrases: replaced in several places; dropped; added before another phrase
    (("1. Thay thế cụm từ “tiêu đề” bằng cụm từ “tên” tại khoản 3 Điều 8 và điểm đ khoản 1 Điều 37;\n"
     "2. Bỏ cụm từ “, cơ quan tham gia thẩm tra” tại điểm a khoản 1 Điều 50;\n"
     "3. Bổ sung từ “Thường trực” vào trước cụm từ “Ủy ban pháp luật” tại khoản 3 Điều 48.\n"),
     [("substitute", L80, "art_8__para_3", "unit", "art_1__para_1", None, (), "tiêu đề", "tên", D),
      ("substitute", L80, "art_37__para_1__point_đ", "unit", "art_1__para_1", None, (), "tiêu đề", "tên", D),
      ("delete_phrase", L80, "art_50__para_1__point_a", "unit", "art_1__para_2", None, (), ", cơ quan tham gia thẩm tra",
       "", D),
      ("substitute", L80, "art_48__para_3", "unit", "art_1__para_3", None, (), "Ủy ban pháp luật",
       "Thường trực Ủy ban pháp luật", D)]),
    # each old phrase with its own places, one new phrase; places in the lines under the sentence
    (("1. Thay thế cụm từ “an toàn thông tin” tại điểm b khoản 1 Điều 35, cụm từ “an toàn mạng” tại khoản 3 Điều 60 "
     "bằng cụm từ “an ninh mạng”;\n2. Thay cụm từ “Bộ Nội vụ” bằng cụm từ “Bộ Tư pháp” tại các điều, khoản sau đây:\n"
     "a) Khoản 2 Điều 5;\nb) Điều 7.\n"),
     [("substitute", L80, "art_35__para_1__point_b", "unit", "art_1__para_1", None, (), "an toàn thông tin",
       "an ninh mạng", D),
      ("substitute", L80, "art_60__para_3", "unit", "art_1__para_1", None, (), "an toàn mạng", "an ninh mạng", D),
      ("substitute", L80, "art_5__para_2", "unit", "art_1__para_2", None, (), "Bộ Nội vụ", "Bộ Tư pháp", D),
      ("substitute", L80, "art_7", "unit", "art_1__para_2", None, (), "Bộ Nội vụ", "Bộ Tư pháp", D)]),
    # a phrase replaced throughout
    ("1. Thay cụm từ “cấp huyện” bằng cụm từ “cấp xã” trong toàn bộ Luật.\n",
     [("substitute", L80, "", "unit", "art_1__para_1", None, (), "cấp huyện", "cấp xã", D)]),
    # an article's opening words; a name given without quotes
    (("1. Sửa đổi, bổ sung đoạn mở đầu của Điều 158 như sau:\n“Cá nhân hành nghề phải có chứng chỉ.”.\n"
     "2. Sửa đổi, bổ sung tên Điều 3 như sau: Cách thức nộp hồ sơ.\n"),
     [("replace", L80, "art_158", "text", "art_1__para_1", None, ("art_158",), None, None, D),
      ("replace", L80, "art_3", "heading", "art_1__para_2", None, ("art_3",), None, None, D)]),
    # suspension, an annex replaced, a correction
    (("1. Đình chỉ việc thi hành khoản 2 Điều 9.\n2. Thay thế Phụ lục I bằng Phụ lục I ban hành kèm theo Luật này.\n"
     "3. Tại khoản 1 Điều 5 đã in “ngày 15”, nay sửa lại là “ngày 25”.\n"),
     [("suspend", L80, "art_9__para_2", "unit", "art_1__para_1", None, (), None, None, D),
      ("replace_annex", L80, "annex_I", "unit", "art_1__para_2", None, (), None, None, D),
      ("correct", L80, "art_5__para_1", "unit", "art_1__para_3", None, (), "ngày 15", "ngày 25", D)]),
    # a lead line that repeals or replaces words, or some articles: the lines under it say which; the law
    # itself is not repealed (as Luật 116/2025/QH15 Điều 43 khoản 8 and Luật 140/2025/QH15 word them)
    (("1. Thay thế, bãi bỏ một số cụm từ của Luật Ban hành văn bản quy phạm pháp luật như sau:\n"
      "a) Bãi bỏ cụm từ “và tổ chức” tại khoản 1 Điều 5;\n"
      "b) Thay thế cụm từ “Thủ tướng” bằng cụm từ “Chính phủ” tại khoản 2 Điều 21.\n"),
     [("delete_phrase", L80, "art_5__para_1", "unit", "art_1__para_1__point_a", None, (), "và tổ chức", "", D),
      ("substitute", L80, "art_21__para_2", "unit", "art_1__para_1__point_b", None, (), "Thủ tướng", "Chính phủ", D)]),
    # a clause's opening paragraph, quoted with the clause's number (Luật 67/2020/QH14 Điều 1 khoản 12)
    (("1. Sửa đổi, bổ sung một số khoản của Điều 39 như sau:\n"
      "a) Sửa đổi, bổ sung đoạn mở đầu khoản 5 như sau:\n“5. Giám đốc Công an cấp tỉnh có quyền:”;\n"
      "b) Sửa đổi, bổ sung đoạn mở đầu khoản 6 như sau:\n“6. Cục trưởng Cục Cảnh sát có quyền:”.\n"),
     [("replace", L80, "art_39__para_5", "text", "art_1__para_1__point_a", None, ("art_39__para_5",), None, None, D),
      ("replace", L80, "art_39__para_6", "text", "art_1__para_1__point_b", None, ("art_39__para_6",), None, None, D)]),
    # several pairs in one instruction, each with its own places (Luật 34/2018/QH14 Điều 2 khoản 1)
    (("1. Thay thế từ “chủ động” bằng từ “tự chủ” tại khoản 2 Điều 8; cụm từ “viện nghiên cứu” bằng cụm từ "
      "“viện hàn lâm, viện” tại Điều 30; cụm từ “tự chịu trách nhiệm” bằng cụm từ “có trách nhiệm giải trình” "
      "tại khoản 4 Điều 41 và Điều 53.\n"),
     [("substitute", L80, "art_8__para_2", "unit", "art_1__para_1", None, (), "chủ động", "tự chủ", D),
      ("substitute", L80, "art_30", "unit", "art_1__para_1", None, (), "viện nghiên cứu", "viện hàn lâm, viện", D),
      ("substitute", L80, "art_41__para_4", "unit", "art_1__para_1", None, (), "tự chịu trách nhiệm",
       "có trách nhiệm giải trình", D),
      ("substitute", L80, "art_53", "unit", "art_1__para_1", None, (), "tự chịu trách nhiệm",
       "có trách nhiệm giải trình", D)]),
    (("1. Bãi bỏ một số điều, khoản của Luật Ban hành văn bản quy phạm pháp luật như sau:\n"
      "a) Bãi bỏ khoản 3 Điều 7;\nb) Bãi bỏ Điều 9.\n"),
     [("repeal", L80, "art_7__para_3", "unit", "art_1__para_1__point_a", None, (), None, None, D),
      ("repeal", L80, "art_9", "unit", "art_1__para_1__point_b", None, (), None, None, D)]),
]


@pytest.mark.parametrize(("body", "expected"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_operations(body: str, expected: list[tuple]) -> None:
    assert ops(body) == expected


def test_one_law_amends_several_and_a_transition_clause_sets_another_date() -> None:
    body = ("1. Sửa đổi, bổ sung khoản 4 Điều 14 như sau: “4. Quy định mới.”.\n"
            "Điều 2. Sửa đổi, bổ sung một số điều của Luật Đê điều số 79/2006/QH11\n1. Bãi bỏ khoản 2 Điều 5.\n"
            "2. Sửa đổi, bổ sung khoản 1 Điều 10 của Luật Đất đai số 45/2013/QH13 như sau: “1. Đất đê.”.\n")
    tail = ("Điều 3. Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.\n"
            "2. Khoản 1 Điều 2 của Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2021.\n")
    assert ops(body, tail) == [
        ("replace", L80, "art_14__para_4", "unit", "art_1__para_1", None, ("para_4",), None, None, D),
        ("repeal", "79/2006/QH11", "art_5__para_2", "unit", "art_2__para_1", None, (), None, None, "2021-07-01"),
        ("replace", "45/2013/QH13", "art_10__para_1", "unit", "art_2__para_2", None, ("para_1",), None, None, D)]


@pytest.mark.parametrize(("body", "expected"), [
    # quoted words that match no unit the sentence names: reported, not applied
    ("1. Sửa đổi, bổ sung điểm c khoản 1 Điều 21 như sau: “b) Vận chuyển người bệnh.”.\n",
     [("art_1__para_1", "Không thấy nội dung mới của điểm c khoản 1 Điều 21 trong phần trích dẫn")]),
    # a clause whose article no words give
    ("1. Bãi bỏ khoản 3.\n", [("art_1__para_1", "Không rõ khoản 3 thuộc điều nào")]),
    # new words announced, none quoted
    ("1. Sửa đổi, bổ sung khoản 2 Điều 9 như sau:\n2. Bãi bỏ Điều 10.\n",
     [("art_1__para_1", "Không thấy nội dung mới của khoản 2 Điều 9 trong phần trích dẫn")]),
])
def test_problems(body: str, expected: list[tuple[str, str]]) -> None:
    assert problems(body) == expected


@pytest.mark.parametrize("body", [
    # sentences that cite units, not instructions
    "1. Bổ sung kinh phí cho các địa phương thực hiện nhiệm vụ quy định tại khoản 6 Điều 3 của Luật này.\n",
    ("1. Thực hiện theo quy định tại Điều 43 Luật Đấu thầu số 22/2023/QH15 (đã được sửa đổi, bổ sung tại khoản 25 "
    "Điều 1 Luật số 57/2024/QH15).\n"),
    "1. Đình chỉ hoạt động từ 03 tháng đến 06 tháng đối với hành vi quy định tại điểm b khoản 5 Điều này.\n",
    "1. Đính chính, thu hồi giấy chứng nhận đã cấp.\n",
])
def test_sentences_that_are_not_instructions(body: str) -> None:
    assert ops(body) == [] and problems(body) == []


LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "laws"


@pytest.mark.skipif(not (LAWS / "Luật-63-2020-QH14.docx").is_file(), reason="../shared/laws is absent")
def test_every_instruction_of_the_2020_law_is_read() -> None:
    """Luật 63/2020/QH14, read by hand: 51 numbered instructions with quoted text (61 replaced units, 12
    inserted), two of lettered phrase instructions (12 phrases replaced or added in 12 places, 3 dropped in 5),
    all on Luật 80/2015/QH13 from 01/01/2021; nothing unreadable."""
    (doc,) = parse_file(LAWS / "Luật-63-2020-QH14.docx").documents
    reading = read(doc)
    assert reading.problems == ()
    kinds: dict[str, int] = {}
    for op in reading.operations:
        kinds[op.kind] = kinds.get(op.kind, 0) + 1
    assert kinds == {"replace": 61, "insert": 12, "substitute": 12, "delete_phrase": 5}
    assert {op.target.document for op in reading.operations} == {L80}
    assert {op.effective for op in reading.operations} == {D}
    by_eid = {op.target.eid: op for op in reading.operations if op.kind in ("replace", "insert")}
    assert by_eid["art_4__para_8a"].after == "art_4__para_8"
    assert by_eid["art_58__para_2__point_đ1"].after == "art_58__para_2__point_đ"
    assert by_eid["art_68a"].after == "art_68"
    assert [by_eid[f"art_{n}"].source_eid for n in (74, 75, 76, 77)] == ["art_1__para_17"] * 4
    drop = [op for op in reading.operations if op.kind == "delete_phrase" and op.source_eid == "art_1__para_53__point_g"]
    assert [op.target.eid for op in drop] == ["art_33__para_3", "art_56__para_1__point_a", "art_57__para_4"]
    assert {op.old for op in drop} == {"Văn phòng Đoàn đại biểu Quốc hội,"}
