"""Validity: effective dates read from sentences and documents, statuses of documents, as the CLI shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.validity import effective_date, parent_of, provision_eids, read_sentence
from kb.validity.effective import read_provision
from parsers import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"

# (sentence as printed in a real document, signing date, expected ISO date, rule, days, until)
SENTENCES = [
    # corpus/cao-bang-2022: Điều 2 of Quyết định 03/2022/QĐ-UBND
    (("Quyết định này có hiệu lực thi hành kể từ ngày 25 tháng 01 năm 2022 và thay thế Quyết định số "
     "21/2016/QĐ-UBND ngày 27 tháng 9 năm 2016 của Ủy ban nhân dân tỉnh Cao Bằng."), "2022-01-13",
     "2022-01-25", "ngay", None, None),
    # laws/Luật-63-2020-QH14, Điều 2
    ("Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.", None, "2021-01-01", "ngay", None, None),
    # laws/Luật-02-2016-QH14: "kể từ" with a law
    ("Luật này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2018.", None, "2018-01-01", "ngay", None, None),
    # vbpl/doc_000001 (Nghị định 249/2025/NĐ-CP)
    ("Nghị định này có hiệu lực kể từ ngày ký ban hành.", "2025-09-19", "2025-09-19", "ngay_ky", None, None),
    # vbpl/doc_000012 (Thông tư 141/2025/TT-BQP)
    ("1. Thông tư này có hiệu lực thi hành kể từ ngày ký.", "2025-12-12", "2025-12-12", "ngay_ky", None, None),
    # vbpl/doc_000065: "từ ngày ký" without "kể"
    ("Nghị định này có hiệu lực thi hành từ ngày ký.", "2026-01-21", "2026-01-21", "ngay_ky", None, None),
    # vbpl/doc_000147: a numeric date
    ("Thông tư này có hiệu lực từ ngày 01/01/2026, thay thế Thông tư số 18/2020/TT-BTC ngày 31/3/2020.",
     "2025-12-31", "2026-01-01", "ngay", None, None),
    # corpus-wild: "kể từ ngày 05/12/2025;"
    ("Quyết định này có hiệu lực kể từ ngày 05/12/2025;", "2025-11-20", "2025-12-05", "ngay", None, None),
    # corpus-wild: no "này"
    ("Quyết định có hiệu lực kể từ ngày ký.", "2025-11-03", "2025-11-03", "ngay_ky", None, None),
    # corpus-wild: months with the days in brackets
    ("Quyết định có hiệu lực sau 02 tháng (60 ngày) kể từ ngày ký.", "2025-10-01", "2025-11-30", "sau_ngay_ky",
     60, None),
    # a decision "sau 10 ngày kể từ ngày ký" (the form of provincial decisions before 2025)
    ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", "2021-03-25", "2021-04-04", "sau_ngay_ky", 10, None),
    # ... and its form with a comma
    ("Quyết định này có hiệu lực thi hành sau 15 ngày, kể từ ngày ký ban hành.", "2020-12-20", "2021-01-04",
     "sau_ngay_ky", 15, None),
    # vbpl/doc_000032 (Nghị quyết 105/2025/UBTVQH15): the adoption date
    ("Nghị quyết này có hiệu lực thi hành từ ngày thông qua./.", "2025-09-26", "2025-09-26", "ngay_thong_qua",
     None, None),
    # corpus-wild: a decision in force until a date
    ("Quyết định này có hiệu lực kể từ ngày ký đến hết ngày 31/12/2026.", "2025-11-15", "2025-11-15", "ngay_ky",
     None, "2026-12-31"),
    # corpus-wild: the date left to another document
    ("Quyết định này có hiệu lực thi hành theo Quyết định số 3659/QĐ-BKHCN ngày 13/11/2025.", "2025-11-20", None,
     "khong_ro", None, None),
    # publication, not dated by the text
    ("Nghị định này có hiệu lực sau 45 ngày kể từ ngày đăng Công báo.", "2019-05-02", None, "khong_ro", None, None),
    # a blank signing date (a draft): the rule is known, the date is not
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký.", None, None, "ngay_ky", None, None),
    # bold and a list number before it (corpus-wild)
    ("3. **Quyết định này có hiệu lực thi hành kể từ ngày 08 tháng 12 năm 2025.", "2025-12-01", "2025-12-08",
     "ngay", None, None),
]


@pytest.mark.parametrize(("sentence", "signed", "expected", "rule", "days", "until"), SENTENCES)
def test_effective_sentence(sentence, signed, expected, rule, days, until):
    found = read_sentence(sentence, signed)
    assert found is not None
    assert (found.date, found.rule, found.days, found.until) == (expected, rule, days, until)
    assert found.text == sentence


# Sentences that say when something else takes effect: never the document's own date.
NOT_OWN = [
    "Luật Thuế giá trị gia tăng số 48/2024/QH15 (có hiệu lực từ ngày 01/7/2025) quy định về hoàn thuế.",
    "Xem chi tiết Quyết định 2639/QĐ-TTg có hiệu lực từ ngày 03/12/2025.",
    "Giấy phép chuyển giao công nghệ có hiệu lực kể từ ngày cấp.",
    "Hồ sơ đã nộp trước ngày Luật này có hiệu lực thi hành được tiếp tục xử lý.",
    "Luật Chuyển giao công nghệ số 80/2006/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
    # an amending instruction's quoted words speak for the amended decree (vbpl/doc_000017)
    "Sửa đổi, bổ sung Điều 24 “Điều 24. Hiệu lực thi hành Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026”.",
    ("Văn bản quy phạm pháp luật được ban hành theo trình tự, thủ tục rút gọn thì có thể có hiệu lực kể từ ngày "
    "thông qua hoặc ký ban hành."),
]


@pytest.mark.parametrize("sentence", NOT_OWN)
def test_not_the_documents_own_date(sentence):
    assert read_sentence(sentence, "2025-12-01") is None


# (sentence of a transition or effective-date article, article holding it, provisions, eids, date)
PROVISIONS = [
    # laws/Luật-01-2016-QH14, Điều 81 khoản 2
    ("Khoản 4 Điều 80 của Luật này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2017.", "81",
     ("art_80__para_4",), "2017-01-01"),
    # vbpl/doc_000151 (Nghị định 282/2025/NĐ-CP), Điều 69 khoản 2
    ("Quy định tại Điều 14 Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.", "69",
     ("art_14",), "2026-01-01"),
    # vbpl/doc_000025 (Luật 108/2025/QH15), Điều 52 khoản 2: two articles
    (("Quy định tại Điều 13 và việc sử dụng hóa đơn điện tử của hộ kinh doanh, cá nhân kinh doanh quy định tại "
     "Điều 26 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026."), "52", ("art_13", "art_26"),
     "2026-01-01"),
    # vbpl/doc_000007 (Luật 140/2025/QH15): a point of a clause of the amending article
    ("Quy định tại mục số 7 điểm a khoản 3 Điều 1 của Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.",
     "2", ("art_1__para_3__point_a",), "2026-07-01"),
    # laws/Luật-07-2022-QH15, Điều 3 khoản 2: a subject matter, no unit named
    ("Quy định về bảo hộ nhãn hiệu là dấu hiệu âm thanh có hiệu lực thi hành từ ngày 14 tháng 01 năm 2022.", "3",
     (), "2022-01-14"),
    # clauses listed, and "Điều này"
    ("Các quy định tại khoản 2 và khoản 3 Điều này có hiệu lực từ ngày 01/7/2025.", "5",
     ("art_5__para_2", "art_5__para_3"), "2025-07-01"),
]


@pytest.mark.parametrize(("sentence", "article", "eids", "expected"), PROVISIONS)
def test_provision_dates(sentence, article, eids, expected):
    found = read_provision(sentence, None, article)
    assert found is not None
    assert (found.eids, found.date) == (eids, expected)


@pytest.mark.parametrize(("text", "eids"), [
    ("khoản 2, khoản 3 Điều 1", ("art_1__para_2", "art_1__para_3")),
    ("các điều 12, 13 và 14", ("art_12", "art_13", "art_14")),
    ("điểm b và điểm c khoản 22 Điều 1", ("art_1__para_22__point_b", "art_1__para_22__point_c")),
    ("Điều 6a", ("art_6a",)),
    ("Quy định về bảo hộ dữ liệu thử nghiệm", ()),
])
def test_provision_eids(text, eids):
    assert provision_eids(text) == eids


def test_main_sentence_with_exception():
    """laws/Luật-93-2015-QH13, Điều 371: the exception's provisions get their own date."""
    found = read_sentence(
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016, trừ các quy định sau đây của Luật này có liên "
        "quan đến quy định của Bộ luật dân sự số 91/2015/QH13 thì có hiệu lực thi hành từ ngày 01 tháng 01 năm 2017:")
    assert found is not None and found.date == "2016-07-01"
    assert [p.date for p in found.provisions] == ["2017-01-01"]


def _docs(path: Path):
    result = parse_file(path)
    return result, result.documents


def test_corpus_quy_che_takes_its_decisions_date():
    """The 2022 Quy chế states no date: it takes effect with Quyết định 03/2022/QĐ-UBND (Điều 2: 25/01/2022)."""
    result, (decision, rules) = _docs(CORPUS / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md")
    own = effective_date(decision, result.text)
    assert (own.date, own.rule, own.eid, own.inherited_from) == ("2022-01-25", "ngay", "art_2", None)
    assert result.text[own.span.start:own.span.end].startswith("Quyết định này có hiệu lực thi hành kể từ ngày 25")
    attached = effective_date(rules, result.text, parent_of(rules, result.documents))
    assert (attached.date, attached.inherited_from) == ("2022-01-25", "03/2022/QĐ-UBND")


def test_corpus_plan_states_no_date():
    result, docs = _docs(CORPUS / "soc-trang-2025-ke-hoach-theo-doi-thi-hanh-phap-luat.md")
    assert [effective_date(d, result.text) for d in docs] == [None]


LAWS = SHARED / "laws"
VBPL = SHARED / "vbpl"


@pytest.mark.skipif(not LAWS.is_dir(), reason="../shared/laws is absent")
def test_law_with_transition_clause():
    """Luật 01/2016/QH14: in force 01/7/2017, khoản 4 Điều 80 from 01/01/2017."""
    _, docs = _docs(LAWS / "Luật-01-2016-QH14.docx")
    found = effective_date(docs[0])
    assert (found.date, found.eid) == ("2017-07-01", "art_81__para_1")
    assert [(p.eids, p.date) for p in found.provisions] == [(("art_80__para_4",), "2017-01-01")]
    assert found.on("art_80__para_4__point_a") == "2017-01-01"
    assert found.on("art_80__para_3") == "2017-07-01"


@pytest.mark.skipif(not LAWS.is_dir(), reason="../shared/laws is absent")
def test_amending_law_date():
    _, docs = _docs(LAWS / "Luật-63-2020-QH14.docx")
    found = effective_date(docs[0])
    assert (found.date, found.eid, found.provisions) == ("2021-01-01", "art_2", ())


@pytest.mark.skipif(not VBPL.is_dir(), reason="../shared/vbpl is absent")
@pytest.mark.parametrize(("name", "expected", "rule"), [
    ("doc_000001.html", "2025-09-19", "ngay_ky"),  # Nghị định 249/2025/NĐ-CP, signed 19/9/2025
    ("doc_000005.html", "2026-04-15", "ngay"),  # Thông tư 06/2026/TT-BXD
    ("doc_000066.html", "2026-01-01", "ngay"),  # Thông tư 01/2026/TT-BNG, until 01/3/2027
])
def test_vbpl_dates(name, expected, rule):
    result, docs = _docs(VBPL / name)
    found = effective_date(docs[0], result.text)
    assert (found.date, found.rule) == (expected, rule)


@pytest.mark.skipif(not VBPL.is_dir(), reason="../shared/vbpl is absent")
def test_vbpl_own_end_date():
    _, docs = _docs(VBPL / "doc_000066.html")
    assert effective_date(docs[0]).until == "2027-03-01"


# --- statuses --------------------------------------------------------------------------------------------------
from kb.amend.model import Operation, Target
from kb.model import Reference
from kb.validity import (
    Event,
    document_status,
    events_from_operations,
    events_from_references,
    file_statuses,
)
from parsers.model import Span

# (corpus file, as-of date, expected (label, since) of each document of the file), read by hand
CORPUS_STATUSES = [
    ("cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md", "2026-12-01",
     [("Còn hiệu lực", "2022-01-25"), ("Còn hiệu lực", "2022-01-25")]),
    ("cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md", "2022-01-20",
     [("Chưa có hiệu lực", "2022-01-25"), ("Chưa có hiệu lực", "2022-01-25")]),
    ("cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt", "2026-12-01", [("Dự thảo", None)]),
    ("soc-trang-2025-ke-hoach-theo-doi-thi-hanh-phap-luat.md", "2026-12-01", [("Chưa rõ", None)]),
]


@pytest.mark.parametrize(("name", "as_of", "expected"), CORPUS_STATUSES)
def test_corpus_statuses(name, as_of, expected):
    result = parse_file(CORPUS / name)
    assert [(s.label, s.since) for s in file_statuses(result, as_of)] == expected


@pytest.mark.skipif(not LAWS.is_dir(), reason="../shared/laws is absent")
def test_catalogued_law_replaced():
    """Luật 80/2015/QH13: the catalog records it replaced by 64/2025/QH15 from 01/4/2025."""
    result = parse_file(LAWS / "Luật-80-2015-QH13.docx")
    status = file_statuses(result, "2026-12-01")[0]
    assert (status.label, status.since, status.cause) == ("Hết hiệu lực toàn bộ", "2025-04-01", "64/2025/QH15")
    amended = file_statuses(result, "2022-01-01")[0]
    assert (amended.label, amended.cause) == ("Hết hiệu lực một phần", "63/2020/QH14")
    assert (amended.since, file_statuses(result, "2020-12-31")[0].label) == ("2021-01-01", "Còn hiệu lực")
    assert file_statuses(result, "2016-01-01")[0].label == "Chưa có hiệu lực"


def _ref(relation: str, eid: str | None) -> Reference:
    return Reference("art_2", "Quyết định số 21/2016/QĐ-UBND", "21/2016/QĐ-UBND", eid, relation, Span(0, 1, 1))


def test_events_from_references():
    refs = [_ref("thay_the", None), _ref("sua_doi_bo_sung", "art_5"), _ref("dan_chieu", None),
            Reference(None, "Luật số 80/2015/QH13", "80/2015/QH13", None, "thay_the", Span(0, 1, 1))]
    assert events_from_references(refs, "03/2022/QĐ-UBND", "2022-01-25") == [
        Event("replaced", "2022-01-25", "03/2022/QĐ-UBND"),
        Event("amended", "2022-01-25", "03/2022/QĐ-UBND", ("art_5",)),
    ]


def test_status_from_operations_and_dates():
    result = parse_file(CORPUS / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md")
    doc = result.documents[0]
    eff = effective_date(doc, result.text)
    op = Operation("repeal", Target("03/2022/QĐ-UBND", "art_3"), "10/2024/QĐ-UBND", "art_1__para_2", Span(0, 1, 1),
                   effective="2024-05-01")
    events = events_from_operations([op])
    assert events == [Event("partly_repealed", "2024-05-01", "10/2024/QĐ-UBND", ("art_3",), "operation")]
    before = document_status(doc, eff, events, "2024-04-30")
    after = document_status(doc, eff, events, "2024-05-01")
    assert (before.code, after.code, after.since, after.cause) == (
        "con_hieu_luc", "het_hieu_luc_mot_phan", "2024-05-01", "10/2024/QĐ-UBND")
    whole = document_status(doc, eff, [Event("replaced", "2025-01-01", "5/2025/QĐ-UBND")], "2026-01-01")
    assert (whole.label, whole.reason) == ("Hết hiệu lực toàn bộ", "Bị thay thế bởi văn bản số 5/2025/QĐ-UBND từ 01/01/2025.")


@pytest.mark.skipif(not VBPL.is_dir(), reason="../shared/vbpl is absent")
def test_own_end_date_expires():
    """Thông tư 01/2026/TT-BNG: "Thông tư này hết hiệu lực kể từ ngày 01/3/2027"."""
    result = parse_file(VBPL / "doc_000066.html")
    assert file_statuses(result, "2026-12-01")[0].label == "Còn hiệu lực"
    ended = file_statuses(result, "2027-03-01")[0]
    assert (ended.label, ended.since) == ("Hết hiệu lực toàn bộ", "2027-03-01")


def test_cli_parse_shows_status(capsys):
    from kb.cli import main

    assert main(["parse", str(CORPUS / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt")]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "Hiệu lực — Quy chế (chưa có số): Dự thảo. Dự thảo: số hiệu để trống."


# --- the KB: kb docs and kb duties --in-force -----------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_kb(tmp_path_factory):
    from kb.pipeline import build

    db = tmp_path_factory.mktemp("kb") / "kb.db"
    assert build([CORPUS], db).ok
    return db


def test_cli_docs_shows_status(corpus_kb, capsys):
    from kb.cli import main

    assert main(["docs", "--db", str(corpus_kb)]) == 0
    lines = {line.split("\t")[-1]: line.split("\t")[-2] for line in capsys.readouterr().out.splitlines()}
    assert lines["mã: 03/2022/QĐ-UBND"] == "Còn hiệu lực từ 25/01/2022"
    assert lines["mã: cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"] == "Dự thảo"


DRAFT_ID = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"


def test_cli_duties_in_force_drops_the_draft(corpus_kb, capsys):
    import json

    from kb.cli import main

    assert main(["duties", "--actor", "xã", "--db", str(corpus_kb), "--json"]) == 0
    marked = json.loads(capsys.readouterr().out)
    assert DRAFT_ID in {d["doc_id"] for d in marked["duties"]}
    assert marked["validity"] == {DRAFT_ID: "Dự thảo"}
    assert main(["duties", "--actor", "xã", "--db", str(corpus_kb), "--in-force", "2026-12-01", "--json"]) == 0
    kept = json.loads(capsys.readouterr().out)
    assert DRAFT_ID not in {d["doc_id"] for d in kept["duties"]}
    assert {d["doc_id"] for d in kept["duties"]} == {d["doc_id"] for d in marked["duties"]} - {DRAFT_ID}


@pytest.mark.parametrize("only", [
    [DRAFT_ID],
    ["03/2022/QĐ-UBND", "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"],
    ["no-such-document"],
])
def test_statuses_of_some_documents_are_theirs_in_the_whole_kb(corpus_kb, only):
    """A query asks the statuses of the documents it shows; each is what the whole KB's reading gives (an
    attached Quy chế still takes its Quyết định's date)."""
    from kb.store.db import open_db
    from kb.validity import stored_statuses

    db = open_db(corpus_kb)
    whole = stored_statuses(db, "2026-12-01")
    assert stored_statuses(db, "2026-12-01", only) == {d: whole[d] for d in only if d in whole}


def test_duties_in_force_before_the_quy_che(corpus_kb):
    """On 20/01/2022 the 2022 Quy chế (in force 25/01/2022) binds no one yet."""
    from kb.duties.queries import find_duties
    from kb.store.db import open_db

    result = find_duties(open_db(corpus_kb), "xã", in_force="2022-01-20")
    assert "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che" not in {
        d["doc_id"] for d in result["duties"]}


def test_duties_in_files_marks_the_draft():
    from kb.duties.queries import find_duties_in_files

    draft = CORPUS / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
    result = find_duties_in_files([draft], "xã")
    assert result["duties"] and result["validity"] == {DRAFT_ID: "Dự thảo"}
    assert find_duties_in_files([draft], "xã", in_force="2026-12-01")["duties"] == []


DECISION_AFTER_SIGNING = """ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM

Số: 12/2021/QĐ-UBND

Thử Nghiệm, ngày 25 tháng 3 năm 2021

QUYẾT ĐỊNH
Ban hành Quy định về quản lý thử nghiệm

ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý thử nghiệm.

Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký và thay thế Quyết định số 5/2016/QĐ-UBND.

Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.
"""


def test_stored_status_from_the_dated_pipeline(tmp_path):
    """"sau 10 ngày kể từ ngày ký" (signed 25/3/2021) is stored as 04/4/2021; the decision it replaces, stored
    too, is then hết hiệu lực toàn bộ from that date."""
    from kb.pipeline import build
    from kb.store.db import open_db
    from kb.validity import stored_statuses

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "qd-12.txt").write_text(DECISION_AFTER_SIGNING, encoding="utf-8")
    old = DECISION_AFTER_SIGNING.replace("12/2021", "5/2016").replace("năm 2021", "năm 2016").split("Điều 2.")[0]
    (tmp_path / "docs" / "qd-5.txt").write_text(old + "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n",
                                                encoding="utf-8")
    assert build([tmp_path / "docs"], tmp_path / "kb.db").ok
    statuses = stored_statuses(open_db(tmp_path / "kb.db"), "2026-12-01")
    assert (statuses["12/2021/QĐ-UBND"].label, statuses["12/2021/QĐ-UBND"].since) == ("Còn hiệu lực", "2021-04-04")
    ended = statuses["5/2016/QĐ-UBND"]
    assert (ended.label, ended.since, ended.cause) == ("Hết hiệu lực toàn bộ", "2021-04-04", "12/2021/QĐ-UBND")
    assert stored_statuses(open_db(tmp_path / "kb.db"), "2021-04-01")["5/2016/QĐ-UBND"].label == "Còn hiệu lực"


# --- validity from the amending operations (issue 10) ---------------------------------------------------------
def _op_event(kind: str, eid: str, when: str, cause: str, name: str | None) -> Event:
    from kb.validity import operation_event

    return operation_event(kind, eid, when, cause, name)


L63 = "Luật số 63/2020/QH14"
# (events, as-of date, expected (label, since, cause, reason)), written by hand
FROM_OPERATIONS = [
    # one amending law, units replaced and a phrase changed
    ([("replace", "art_4__para_3", "2021-01-01", "63/2020/QH14", L63),
      ("substitute", "art_50", "2021-01-01", "63/2020/QH14", L63)], "2022-01-01",
     ("Hết hiệu lực một phần", "2021-01-01", "63/2020/QH14",
      "Được sửa đổi, bổ sung bởi Luật số 63/2020/QH14 từ 01/01/2021.")),
    # not yet: the amending law takes effect later
    ([("replace", "art_4__para_3", "2021-01-01", "63/2020/QH14", L63)], "2020-12-31",
     ("Còn hiệu lực", "2016-07-01", None, "Có hiệu lực từ 01/07/2016.")),
    # units repealed only (Luật Cư trú 68/2020/QH14 repealing parts of Luật Thủ đô)
    ([("repeal", "art_19__para_2", "2021-07-01", "68/2020/QH14", "Luật số 68/2020/QH14")], "2022-01-01",
     ("Hết hiệu lực một phần", "2021-07-01", "68/2020/QH14", "Bị bãi bỏ một phần bởi Luật số 68/2020/QH14 từ 01/07/2021.")),
    # two amending texts, replace and repeal, oldest first; the status dates from the latest
    ([("repeal", "art_9", "2022-03-01", "03/2022/QH15", "Luật số 03/2022/QH15"),
      ("insert", "art_6a", "2019-01-01", "35/2018/QH14", "Luật số 35/2018/QH14")], "2023-01-01",
     ("Hết hiệu lực một phần", "2022-03-01", "03/2022/QH15",
      ("Được sửa đổi, bổ sung, bãi bỏ một phần bởi Luật số 35/2018/QH14 từ 01/01/2019 và Luật số 03/2022/QH15 từ "
      "01/03/2022."))),
    # the whole text repealed ("Bãi bỏ Quyết định số ..."): hết hiệu lực toàn bộ
    ([("replace", "art_2", "2018-01-01", "7/2017/QĐ-UBND", "Quyết định số 7/2017/QĐ-UBND"),
      ("repeal", "", "2020-05-01", "9/2020/QĐ-UBND", "Quyết định số 9/2020/QĐ-UBND")], "2021-01-01",
     ("Hết hiệu lực toàn bộ", "2020-05-01", "9/2020/QĐ-UBND", "Bị bãi bỏ bởi Quyết định số 9/2020/QĐ-UBND từ 01/05/2020.")),
    # five amending texts: three named, the others counted
    ([("replace", f"art_{i}", f"20{17 + i}-01-01", f"{i}/20{16 + i}/NĐ-CP", f"Nghị định số {i}/20{16 + i}/NĐ-CP")
      for i in range(1, 6)], "2023-01-01",
     ("Hết hiệu lực một phần", "2022-01-01", "5/2021/NĐ-CP",
      ("Được sửa đổi, bổ sung bởi Nghị định số 1/2017/NĐ-CP từ 01/01/2018, Nghị định số 2/2018/NĐ-CP từ 01/01/2019, "
      "Nghị định số 3/2019/NĐ-CP từ 01/01/2020 và 2 văn bản khác."))),
]


@pytest.mark.parametrize(("ops", "as_of", "expected"), FROM_OPERATIONS)
def test_status_from_stored_operations(ops, as_of, expected):
    result = parse_text("QUỐC HỘI\nLuật số: 11/2015/QH13\nLUẬT\nTHỬ\nĐiều 1. Phạm vi\nLuật này quy định việc thử.\n"
                        "Điều 2. Hiệu lực\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016.\n")
    (doc,) = result.documents
    status = document_status(doc, effective_date(doc, result.text), [_op_event(*o) for o in ops], as_of)
    assert (status.label, status.since, status.cause, status.reason) == expected


def test_a_whole_repeal_operation_ends_the_text():
    op = Operation("repeal", Target("9/2019/QĐ-UBND", ""), "3/2024/QĐ-UBND", "art_2", Span(0, 1, 1),
                   effective="2024-03-01")
    assert events_from_operations([op], {"3/2024/QĐ-UBND": "Quyết định số 3/2024/QĐ-UBND"}) == [
        Event("repealed", "2024-03-01", "3/2024/QĐ-UBND", (), "operation", "Quyết định số 3/2024/QĐ-UBND")]


STORE_BASE = ("QUỐC HỘI\nLuật số: 1/2020/QH14\nLUẬT\nTHỬ NGHIỆM\nĐiều 1. Phạm vi\n1. Luật này quy định việc thử.\n"
              "2. Áp dụng cho cấp huyện.\nĐiều 2. Hiệu lực\nLuật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.\n")
STORE_AMENDING = ("QUỐC HỘI\nLuật số: 2/2022/QH15\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THỬ NGHIỆM\n"
                  "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thử nghiệm số 1/2020/QH14.\n"
                  "Điều 1. Sửa đổi, bổ sung một số điều của Luật Thử nghiệm\n"
                  "1. Sửa đổi, bổ sung khoản 1 Điều 1 như sau:\n“1. Luật này quy định việc thử và việc đo.”.\n"
                  "2. Bãi bỏ khoản 2 Điều 1.\n"
                  "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2022.\n")
STORE_OTHER = ("ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM\nSố: 4/2023/QĐ-UBND\nThử Nghiệm, ngày 02 tháng 3 năm 2023\n"
               "QUYẾT ĐỊNH\nVề việc bãi bỏ văn bản\nQUYẾT ĐỊNH:\nĐiều 1. Bãi bỏ Quyết định số 8/2019/QĐ-UBND.\n"
               "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 3 năm 2023.\n")
STORE_REPEALED = ("ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM\nSố: 8/2019/QĐ-UBND\nThử Nghiệm, ngày 02 tháng 5 năm 2019\n"
                  "QUYẾT ĐỊNH\nVề quản lý thử nghiệm\nQUYẾT ĐỊNH:\nĐiều 1. Sở Tư pháp quản lý việc thử.\n"
                  "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n")


def test_kb_docs_and_parse_show_validity_from_the_stored_operations(tmp_path, capsys):
    """A base partly amended and repealed by a stored law is hết hiệu lực một phần from the law's date; a
    decision repealed as a whole by a stored decision is hết hiệu lực toàn bộ; `kb parse FILE --db` reads the
    same from the KB."""
    from kb.cli import main
    from kb.pipeline import Hooks, build
    from kb.store.db import open_db
    from kb.validity import stored_statuses

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in (("base.txt", STORE_BASE), ("amending.txt", STORE_AMENDING), ("other.txt", STORE_OTHER),
                       ("repealed.txt", STORE_REPEALED)):
        (folder / name).write_text(text, encoding="utf-8")
    assert build([folder], tmp_path / "kb.db", hooks=Hooks(references=None, duties=None, actors=None)).ok
    db = open_db(tmp_path / "kb.db")
    got = {d: (s.label, s.since, s.cause, s.reason) for d, s in stored_statuses(db, "2026-12-01").items()}
    assert got == {
        "1/2020/QH14": ("Hết hiệu lực một phần", "2022-07-01", "2/2022/QH15",
                        "Được sửa đổi, bổ sung, bãi bỏ một phần bởi Luật số 2/2022/QH15 từ 01/07/2022."),
        "2/2022/QH15": ("Còn hiệu lực", "2022-07-01", None, "Có hiệu lực từ 01/07/2022."),
        "4/2023/QĐ-UBND": ("Còn hiệu lực", "2023-03-15", None, "Có hiệu lực từ 15/03/2023."),
        "8/2019/QĐ-UBND": ("Hết hiệu lực toàn bộ", "2023-03-15", "4/2023/QĐ-UBND",
                           "Bị bãi bỏ bởi Quyết định số 4/2023/QĐ-UBND từ 15/03/2023."),
    }
    assert stored_statuses(db, "2022-06-30")["1/2020/QH14"].label == "Còn hiệu lực"
    assert main(["docs", "--db", str(tmp_path / "kb.db")]) == 0
    lines = {line.split("\t")[-1]: line.split("\t")[-2] for line in capsys.readouterr().out.splitlines()}
    assert lines["mã: 1/2020/QH14"] == "Hết hiệu lực một phần từ 01/07/2022"
    assert lines["mã: 8/2019/QĐ-UBND"] == "Hết hiệu lực toàn bộ từ 15/03/2023"
    assert main(["parse", str(folder / "repealed.txt"), "--db", str(tmp_path / "kb.db")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Hiệu lực — Quyết định 8/2019/QĐ-UBND: Hết hiệu lực toàn bộ từ 15/03/2023. Bị bãi bỏ bởi Quyết định số "
        "4/2023/QĐ-UBND từ 15/03/2023.")
    assert main(["parse", str(folder / "repealed.txt")]) == 0  # without the KB: its own text only
    assert capsys.readouterr().out.splitlines()[0].startswith("Hiệu lực — Quyết định 8/2019/QĐ-UBND: Còn hiệu lực")


@pytest.mark.skipif(not LAWS.is_dir(), reason="../shared/laws is absent")
def test_a_stored_law_amended_by_a_stored_law(tmp_path):
    """Luật Thương mại 36/2005/QH11 (not in the catalog): phrases changed by Luật 44/2019/QH14 (Điều 35 khoản 3)."""
    import shutil

    from kb.pipeline import Hooks, build
    from kb.store.db import open_db
    from kb.validity import stored_statuses

    (tmp_path / "docs").mkdir()
    for name in ("Luật-36-2005-QH11.docx", "Luật-44-2019-QH14.docx"):
        shutil.copy(LAWS / name, tmp_path / "docs" / name)
    assert build([tmp_path / "docs"], tmp_path / "kb.db", hooks=Hooks(references=None, duties=None, actors=None)).ok
    status = stored_statuses(open_db(tmp_path / "kb.db"), "2026-12-01")["36/2005/QH11"]
    assert (status.label, status.since, status.cause, status.reason) == (
        "Hết hiệu lực một phần", "2020-01-01", "44/2019/QH14", "Được sửa đổi, bổ sung bởi Luật số 44/2019/QH14 từ 01/01/2020.")
