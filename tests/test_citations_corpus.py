"""Every reference of the two Cao Bằng texts and of the Bắc Giang plan, listed by hand from reading them.

Each entry: (source clause eid or None for the preamble, target document, pinpoint eid, relation). The
finder must produce exactly these: all found, nothing spurious. Names of laws resolve by the citing
text's date (2022 → Luật 80/2015/QH13; 2026 → Luật 64/2025/QH15); "(sau đây viết tắt là ...)" defines
no second reference; "khoản 1 Điều này" resolves to the citing article.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest

from kb.citations.checks import run_checks
from kb.citations.find import find_references
from kb.citations.graph import build_graph, cited_by, from_results
from parsers import parse_file
from parsers.model import ParseResult

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CB2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
CB2026 = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
BG2021 = "bac-giang-2021-ke-hoach-thuc-hien-chi-thi-06-ct-tu.txt"

ND59, ND32, ND80 = "59/2012/NĐ-CP", "32/2020/NĐ-CP", "80/2025/NĐ-CP"
TT14, TT04 = "14/2014/TT-BTP", "04/2021/TT-BTP"
LUAT_VB_2015, CT06 = "80/2015/QH13", "06-CT/TU"
D, C, T = "dan_chieu", "can_cu", "thuc_hien"

# Quyết định 03/2022/QĐ-UBND: the bases (a title inside a basis cites plainly), Điều 2 replaces.
QD_2022 = [
    (None, "77/2015/QH13", None, C),  # Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015
    (None, "47/2019/QH14", None, C),  # Luật sửa đổi ... Luật Tổ chức Chính phủ và Luật TCCQĐP (22/11/2019)
    (None, LUAT_VB_2015, None, C),  # Luật Ban hành văn bản QPPL ngày 22 tháng 6 năm 2015
    (None, "63/2020/QH14", None, C),  # Luật sửa đổi ... Luật Ban hành văn bản QPPL (18/6/2020)
    (None, ND59, None, C),
    (None, ND32, None, C), (None, ND59, None, D),  # ND 32 "sửa đổi, bổ sung ... của Nghị định số 59"
    (None, TT14, None, C), (None, ND59, None, D),  # TT 14 "quy định chi tiết thi hành Nghị định số 59"
    (None, TT04, None, C), (None, ND59, None, D), (None, ND32, None, D), (None, ND59, None, D),
    ("art_2", "21/2016/QĐ-UBND", None, "thay_the"),
]
# The Quy chế it issues.
QC_2022 = [
    (None, "03/2022/QĐ-UBND", None, "ban_hanh_kem_theo"),  # (Kèm theo Quyết định số 03 /2022/QĐ-UBND ...)
    # Điều 1 khoản 3: four documents, each with "(sau đây viết tắt là ...)", titles citing 59 and 32
    ("art_1__para_3", ND59, None, D),
    ("art_1__para_3", ND32, None, D), ("art_1__para_3", ND59, None, D),
    ("art_1__para_3", TT14, None, D), ("art_1__para_3", ND59, None, D),
    ("art_1__para_3", TT04, None, D), ("art_1__para_3", ND59, None, D), ("art_1__para_3", ND32, None, D),
    ("art_5__para_1__point_a", TT04, "art_6__para_3", D),
    ("art_5__para_2", None, "art_5__para_1", D),
    *[("art_5__para_3", ND59, f"art_{n}", D) for n in (7, 8, 9, 10)],
    ("art_6__para_2__point_a", None, "art_6__para_1", D),
    ("art_7__para_2", TT04, "art_5__para_2", D), ("art_7__para_2", TT04, "art_5__para_4", D),
    ("art_7__para_3", None, "art_7__para_1", D), ("art_7__para_3", None, "art_7__para_2", D),
    ("art_8__para_1", TT14, "art_5__para_1", D),
    ("art_8__para_2", TT14, "art_5__para_1__point_c", D),
    ("art_9__para_1__point_b", ND59, "art_14__para_1", D), ("art_9__para_1__point_b", ND32, "art_1__para_5", D),
    ("art_9__para_2", None, "art_9__para_1", D),
    ("art_11__para_1__point_d", TT04, "annex_I", D),  # "Phụ lục I kèm theo Thông tư Thông tư số 04/2021/TT-BTP"
    ("art_11__para_2__point_b", TT04, "annex_II", D),
    ("art_12__para_2", "83/2015/QH13", None, D),  # Luật Ngân sách nhà nước, in force in 2022
]
# The 2026 draft Quy chế: Nghị định 80/2025/NĐ-CP throughout, the law by name means the 2025 law.
QC_2026 = [
    ("art_6__para_1", "64/2025/QH15", "art_59__para_1", D),  # khoản 1 Điều 59 Luật Ban hành văn bản QPPL
    ("art_7__para_1", ND80, "art_8", D),
    ("art_8__para_1__point_a", ND80, "art_13__para_1", D),
    ("art_8__para_1__point_b", None, "art_8__para_1__point_a", D), ("art_8__para_1__point_b", ND80, "art_13__para_2", D),
    ("art_10__para_2__point_a", None, "art_10__para_1", D),
    *[("art_10__para_4", ND80, f"art_14__para_{n}", D) for n in (3, 4, 5)],
    ("art_11__para_4", ND80, "art_9__para_4", D),
    ("art_12__para_1__point_d", ND80, "annex__form_01", D),  # Mẫu số 01 tại Phụ lục kèm theo Nghị định ...
    ("art_12__para_2__point_b", ND80, "annex__form_02", D),
    ("art_13__para_2", "89/2025/QH15", None, D),  # Luật Ngân sách nhà nước, in force in 2026
]
# The Bắc Giang plan: Chỉ thị 06-CT/TU it implements, the texts of item II.2 and the footnotes (whose
# references belong to the clause carrying the marker).
BG_PLAN = [
    (None, CT06, None, T), (None, CT06, None, T), (None, CT06, None, T),  # title, opening, "kế hoạch thực hiện"
    ("sec_I__item_1__bullet_1", CT06, None, D),  # "... có hiệu quả Chỉ thị số 06-CT/TU"
    ("sec_I__item_2__bullet_1", CT06, None, D),  # "được nêu tại Chỉ thị số 06-CT/TU"
    ("sec_I__item_2__bullet_2", CT06, None, T),  # "trong thực hiện Chỉ thị số 06-CT/TU"
    ("sec_II__item_1__bullet_1", CT06, None, T),  # "triển khai thực hiện Chỉ thị số 06-CT/TU"
    ("sec_II__item_1__bullet_2", CT06, None, T),  # "tổ chức thực hiện tốt Chỉ thị số 06-CT/TU"
    ("sec_II__item_1__bullet_2", CT06, None, D),  # "những nội dung của Chỉ thị số 06-CT/TU"
    # footnote 1 (marker on "pháp luật1" in that bullet)
    ("sec_II__item_1__bullet_2", "242/QĐ-TTg", None, D), ("sec_II__item_1__bullet_2", "43/CT-TTg", None, D),
    ("sec_II__item_1__bullet_2", "501/2016/QĐ-UBND", None, D), ("sec_II__item_1__bullet_2", "24/2020/QĐ-UBND", None, D),
    ("sec_II__item_1__bullet_2", "501/2016/QĐ-UBND", None, D), ("sec_II__item_1__bullet_2", "15/CT-UBND", None, D),
    ("sec_II__item_1__bullet_2__bullet_1", CT06, None, T),  # "+ ... triển khai Chỉ thị 06-CT/TU"
    # item II.2: the laws by name and year, then numbered texts with glued footnote markers 2..7
    ("sec_II__item_2", LUAT_VB_2015, None, D), ("sec_II__item_2", "63/2020/QH14", None, D),
    ("sec_II__item_2", "34/2016/NĐ-CP", None, D), ("sec_II__item_2", "154/2020/NĐ-CP", None, D),
    ("sec_II__item_2", "353/2016/QĐ-UBND", None, D), ("sec_II__item_2", "14/2021/QĐ-UBND", None, D),
    ("sec_II__item_2", "15/CT-UBND", None, D), ("sec_II__item_2", "4147/UBND-NC", None, D),
    ("sec_II__item_2", LUAT_VB_2015, None, D),  # fn 2: "... thi hành Luật Ban hành văn bản QPPL"
    ("sec_II__item_2", "34/2016/NĐ-CP", None, D), ("sec_II__item_2", LUAT_VB_2015, None, D),  # fn 3
    ("sec_II__item_2", LUAT_VB_2015, None, D), ("sec_II__item_2", "34/2016/NĐ-CP", None, D),  # fn 4
    ("sec_II__item_2", LUAT_VB_2015, None, D),
    ("sec_II__item_2", LUAT_VB_2015, None, D), ("sec_II__item_2", "34/2016/NĐ-CP", None, D),  # fn 5
    ("sec_II__item_2", LUAT_VB_2015, None, D), ("sec_II__item_2", "353/2016/QĐ-UBND", None, D),
    ("sec_II__item_2", LUAT_VB_2015, None, D),  # fn 7: "Luật Ban hành văn bản QPPL năm 2015"
    ("sec_III__item_1__bullet_4", CT06, None, T),  # "kết quả thực hiện Chỉ thị 06-CT/TU"
]


@functools.cache
def _parsed(name: str) -> ParseResult:
    return parse_file(CORPUS / name)


def _found(name: str, index: int) -> Counter:
    result = _parsed(name)
    refs = find_references(result, result.documents[index])
    return Counter((r.source_eid, r.target_doc, r.target_eid, r.relation) for r in refs)


@pytest.mark.parametrize(("name", "index", "expected"), [
    (CB2022, 0, QD_2022), (CB2022, 1, QC_2022), (CB2026, 0, QC_2026), (BG2021, 0, BG_PLAN),
], ids=["cao-bang-2022-quyet-dinh", "cao-bang-2022-quy-che", "cao-bang-2026-du-thao", "bac-giang-2021"])
def test_every_reference_found_and_nothing_spurious(name: str, index: int, expected: list) -> None:
    found = _found(name, index)
    want = Counter(expected)
    assert {"missing": want - found, "spurious": found - want} == {"missing": Counter(), "spurious": Counter()}


@pytest.mark.parametrize("name", [CB2022, CB2026, BG2021])
def test_spans_are_the_printed_citation(name: str) -> None:
    result = _parsed(name)
    for doc in result.documents:
        for ref in find_references(result, doc):
            printed = result.text[ref.span.start:ref.span.end]
            assert "".join(printed.split()) == "".join(ref.text.split()), ref


def test_footnote_date_and_issuer_complete_the_citation() -> None:
    result = _parsed(BG2021)
    refs = [r for r in find_references(result, result.documents[0]) if r.target_doc == "154/2020/NĐ-CP"]
    assert [(r.target_date, r.target_issuer) for r in refs] == [("2020-12-31", "Chính phủ")]


@functools.cache
def _corpus_view():
    return from_results(_parsed(n) for n in (CB2022, CB2026, BG2021))


def test_stale_check_finds_the_2022_text_leaning_on_decree_59() -> None:
    findings = [f for f in run_checks(_corpus_view()) if f.kind == "stale" and f.target == ND59]
    quy_che = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
    clauses = {f.source_eid for f in findings if f.doc_id == quy_che}
    assert clauses == {"art_1__para_3", "art_5__para_3", "art_9__para_1__point_b"}
    assert all("80/2025/NĐ-CP" in f.message for f in findings)
    assert not [f for f in run_checks(_corpus_view()) if f.kind == "stale" and "du-thao" in f.doc_id]


def test_draft_replacing_the_2022_quy_che_without_saying_so_is_reported() -> None:
    found = {(f.doc_id, f.target) for f in run_checks(_corpus_view()) if f.kind == "unstated_replacement"}
    assert found == {("cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che", "03/2022/QĐ-UBND")}


def test_internal_references_of_the_corpus_all_exist() -> None:
    assert [f for f in run_checks(_corpus_view()) if f.kind == "dangling_internal"] == []


def test_cited_by_a_provision_lists_the_citing_clauses() -> None:
    hits = cited_by(_corpus_view(), "80/2025/ND-CP:art_13")
    assert [(h["source_eid"], h["target_eid"]) for h in hits] == [
        ("art_8__para_1__point_a", "art_13__para_1"), ("art_8__para_1__point_b", "art_13__para_2")]
    # the decision's bases 5, Quy chế Điều 1 khoản 3: 4, Điều 5 khoản 3: 4, Điều 9: 1
    assert len(cited_by(_corpus_view(), ND59)) == 5 + 4 + 4 + 1


def test_graph_links_both_ways_with_typed_edges() -> None:
    g = build_graph(_corpus_view())
    replaced = [(u, v, k) for u, v, k in g.edges(keys=True) if k == "thay_the"]
    assert replaced == [("03/2022/QĐ-UBND:art_2", "21/2016/QĐ-UBND", "thay_the")]
    assert g.nodes["21/2016/QĐ-UBND"]["status"] == "replaced" and not g.nodes["21/2016/QĐ-UBND"]["in_kb"]
    citing = {u for u, _, k in g.in_edges("80/2025/NĐ-CP:art_14__para_4", keys=True) if k != "contains"}
    assert citing == {"cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che:art_10__para_4"}
