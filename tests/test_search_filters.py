"""Search (issue 11): abbreviations read both ways, filters (loại, cơ quan, năm, tình trạng), an honest count,
`kb search` options, the query and filters kept in the page's URL; the FTS index still does the work."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from kb_corpus import corpus_kb

from kb.cli import main
from kb.store.db import open_db
from kb.store.search import (
    MAX_QUERY_CHARS,
    Filters,
    Found,
    all_words_query,
    find,
    phrase_variants,
    query_tokens,
    query_units,
)

QC_2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
QC_2026 = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
QD_03 = "03/2022/QĐ-UBND"
KH_BG = "bac-giang-2021-ke-hoach-thuc-hien-chi-thi-06-ct-tu:ke-hoach"
KH_ST = "soc-trang-2025-ke-hoach-theo-doi-thi-hanh-phap-luat:ke-hoach"
KH_SL = "son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl:ke-hoach"

# A query → its units, each unit's forms (as typed first).
UNITS = [
    ("UBND cấp xã", [(("ubnd",), ("uy", "ban", "nhan", "dan")), (("cap",),), (("xa",),)]),
    ("Ủy ban nhân dân", [(("uy", "ban", "nhan", "dan"), ("ubnd",))]),
    ("Sở KH&CN", [(("so",),), (("kh", "cn"), ("khcn",), ("khoa", "hoc", "va", "cong", "nghe"))]),
    ("Sở LĐ-TB&XH", [(("so",),), (("ld", "tb", "xh"), ("ldtbxh",),
                                  ("lao", "dong", "thuong", "binh", "va", "xa", "hoi"))]),
    ("Ủy ban MTTQ", [(("uy",),), (("ban",),), (("mttq",), ("mat", "tran", "to", "quoc"))]),
    ("TP. Cao Bằng", [(("tp",), ("thanh", "pho")), (("cao",),), (("bang",),)]),
    ("so tu phap", [(("so",),), (("tu",),), (("phap",),)]),
]


@pytest.mark.parametrize(("query", "expected"), UNITS)
def test_query_units(query: str, expected: list) -> None:
    assert query_units(query_tokens(query)) == expected


EXPRESSIONS = [
    ("UBND cap xa", '("ubnd" OR "uy ban nhan dan") AND "cap" AND "xa"'),
    ("so so tu", '"so" AND "tu"'),  # a repeated word is one condition (issue 14)
    ('"NEAR( AND', '"near" AND "and"'),
]


@pytest.mark.parametrize(("query", "expected"), EXPRESSIONS)
def test_all_words_expression(query: str, expected: str) -> None:
    assert all_words_query(query_units(query_tokens(query))) == expected


def test_phrase_variants_are_bounded() -> None:
    query = " ".join(["UBND HĐND MTTQ TP"] * 20)[:MAX_QUERY_CHARS]
    variants = phrase_variants(query_units(query_tokens(query)))
    assert 2 <= len(variants) <= 3  # a long query: as typed, written out, abbreviated
    assert variants[0][:2] == ["ubnd", "hdnd"]  # as typed first


@pytest.fixture(scope="module")
def db():
    report, path = corpus_kb()
    assert report.ok
    return open_db(path)


def _keys(found: Found) -> list[tuple[str, str | None]]:
    return [(h.doc_id, h.eid) for h in found.hits]


# Queries that must find the same clauses, abbreviated or written out.
BOTH_WAYS = [
    ("UBND cap xa bao cao", "Ủy ban nhân dân cấp xã báo cáo"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("ban hanh VBQPPL", "ban hành văn bản quy phạm pháp luật"),
    ("MTTQ", "Mặt trận Tổ quốc"),
]


@pytest.mark.parametrize(("short", "long"), BOTH_WAYS)
def test_abbreviations_both_ways(db, short: str, long: str) -> None:
    a, b = find(db, short, limit=200), find(db, long, limit=200)
    assert a.total > 0 and {*_keys(a)} == {*_keys(b)} and a.total == b.total


def test_abbreviation_finds_more_than_the_letters_alone(db) -> None:
    # Without the rule "UBND cap xa bao cao" finds no clause: the corpus writes it out.
    found = find(db, "UBND cap xa bao cao", limit=50)
    assert (QC_2026, "art_12__para_1__point_a") in _keys(found)
    hit = next(h for h in found.hits if h.eid == "art_12__para_1__point_a")
    assert "«Ủy ban nhân dân cấp xã»" in hit.marked()


# (filters, the documents of the hits for "so tu phap")
FILTERS = [
    (Filters(), {QD_03, QC_2022, QC_2026, KH_BG, KH_ST, KH_SL}),
    (Filters(types=("Quy chế",)), {QC_2022, QC_2026}),
    (Filters(types=("Kế hoạch",)), {KH_BG, KH_ST, KH_SL}),
    (Filters(year=2022), {QD_03, QC_2022}),
    (Filters(issuer="UBND tỉnh Cao Bằng"), {QD_03, QC_2022, QC_2026}),
    (Filters(issuer="uy ban nhan dan tinh cao bang", exact_issuer=True), {QD_03, QC_2022, QC_2026}),
    (Filters(issuer="UBND tỉnh", types=("Quyết định",)), {QD_03}),
    (Filters(issuer="Ủy ban nhân dân", exact_issuer=True), {KH_BG, KH_ST}),
    (Filters(statuses=("du_thao",)), {QC_2026}),
    (Filters(statuses=("con_hieu_luc",)), {QD_03, QC_2022}),
    (Filters(types=("Quy chế",), statuses=("het_hieu_luc_toan_bo",)), set()),
]


@pytest.mark.parametrize(("filters", "expected"), FILTERS)
def test_filters(db, filters: Filters, expected: set[str]) -> None:
    found = find(db, "so tu phap", limit=500, filters=filters)
    assert {h.doc_id for h in found.hits} == expected
    assert found.total == len(found.hits)


def test_honest_count(db) -> None:
    everything = find(db, "so tu phap", limit=10_000)
    first = find(db, "so tu phap", limit=5)
    assert everything.total == len(everything.hits) > 5
    assert first.total == everything.total and _keys(first) == _keys(everything)[:5]
    assert first.summary() == f"5 đầu tiên trong {everything.total} kết quả"


SUMMARIES = [(0, 0, "Không có kết quả nào"), (12, 12, "12 kết quả"), (50, 213, "50 đầu tiên trong 213 kết quả")]


@pytest.mark.parametrize(("shown", "total", "expected"), SUMMARIES)
def test_summary_words(shown: int, total: int, expected: str) -> None:
    assert Found([object()] * shown, total).summary() == expected  # type: ignore[list-item]


def test_filtered_search_stays_in_the_index(db) -> None:
    """The filter is checked per match by primary key, never by a scan of the nodes table."""
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH '\"so\"' AND "
        "(SELECT doc_id FROM nodes WHERE id = nodes_fts.rowid) IN (SELECT value FROM json_each('[]'))"))
    assert "SCAN nodes_fts VIRTUAL TABLE" in plan and "SEARCH nodes USING INTEGER PRIMARY KEY" in plan
    assert not re.search(r"SCAN nodes\b(?! VIRTUAL|_fts)", plan)
    started = time.perf_counter()
    for q in ["so tu phap", "UBND cap xa bao cao", " ".join(["UBND HĐND"] * 40)[:MAX_QUERY_CHARS]]:
        find(db, q, limit=50, filters=Filters(types=("Quy chế",)))
    assert time.perf_counter() - started < 2.0


CLI = [
    (["search", "so tu phap", "--type", "Quy chế", "--year", "2022", "--limit", "2"], "2 đầu tiên trong"),
    (["search", "UBND", "cap", "xa", "bao", "cao", "--status", "dự thảo"], "kết quả."),
    (["search", "so tu phap", "--issuer", "UBND tinh Cao Bang", "--status", "het hieu luc toan bo"],
     "Không có kết quả nào."),
]


@pytest.mark.parametrize(("argv", "expected"), CLI)
def test_cli_search_options(db, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = db.execute("PRAGMA database_list").fetchone()[2]
    assert main([*argv, "--db", path]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip().startswith(expected) or expected in captured.err
    if "--status" in argv and "dự thảo" in argv:
        assert captured.out and all("Quy chế (dự thảo)" in line for line in captured.out.splitlines())


# --- the page -------------------------------------------------------------------------------------------
@pytest.fixture
def app_kb(monkeypatch: pytest.MonkeyPatch) -> Path:
    _report, path = corpus_kb()
    monkeypatch.setenv("VBKB_DB", str(path))
    return path


def _page(**query: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/search.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_reads_the_query_and_filters_from_the_url(app_kb: Path) -> None:
    at = _page(q="so tu phap", loai="Quy chế", nam="2022")
    assert at.text_input[0].value == "so tu phap"
    assert at.multiselect[0].value == ["Quy chế"]
    assert at.selectbox[1].value == 2022
    page = "\n".join(h.proto.body for h in at.html)
    assert "Quy chế ngày 13/01/2022" in page and "Quy chế (dự thảo)" not in page
    assert any("kết quả" in m.value for m in at.markdown)


def test_page_writes_the_query_into_the_url(app_kb: Path) -> None:
    at = _page()
    at.text_input[0].input("UBND cap xa bao cao").run()
    assert at.query_params["q"] in ("UBND cap xa bao cao", ["UBND cap xa bao cao"])
    at.multiselect[1].set_value(["du_thao"]).run()
    assert at.query_params["tinh_trang"] in ("du_thao", ["du_thao"])
    counts = [m.value for m in at.markdown if "kết quả" in m.value]
    assert counts and re.search(r"\*\*(\d+ kết quả|\d+ đầu tiên trong \d+ kết quả)\*\*", counts[0])
