"""The Đồ thị page's data and drawing (issue 11): one document's neighbourhood read with indexed queries
only, node labels wrapped and escaped, each node a link to its page. Tables written by hand from the corpus."""

from __future__ import annotations

import sqlite3

import app_kb
import pytest

from app_pages import graph_view
from kb.citations.graph import Neighbourhood, cited_numbers_db, neighbourhood_db
from kb.store.db import open_db

DRAFT = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
QC_2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
SON_LA = "son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl:ke-hoach"


@pytest.fixture(scope="module")
def db():
    _corpus, path = app_kb.corpus_kb()
    return open_db(path)


# (centre as asked, centre drawn, (source, target, relation, count) that must be among the edges)
HOODS = [
    (DRAFT, DRAFT, (DRAFT, "80/2025/NĐ-CP", "dan_chieu", 9)),
    ("80/2025/NĐ-CP", "80/2025/NĐ-CP", (SON_LA, "80/2025/NĐ-CP", "dan_chieu", 2)),
    ("59/2012/ND-CP", "59/2012/NĐ-CP", (QC_2022, "59/2012/NĐ-CP", "dan_chieu", 9)),
    ("03/2022/QĐ-UBND", "03/2022/QĐ-UBND", ("03/2022/QĐ-UBND", "21/2016/QĐ-UBND", "thay_the", 1)),
]


@pytest.mark.parametrize(("asked", "centre", "edge"), HOODS)
def test_neighbourhood(db, asked: str, centre: str, edge: tuple) -> None:
    hood = neighbourhood_db(db, asked)
    assert hood is not None and hood.centre == centre
    rows = {(e["source"], e["target"], e["relation"]): e["count"] for e in hood.edges}
    assert rows[edge[:3]] == edge[3]
    assert all(centre in (e["source"], e["target"]) for e in hood.edges)


def test_unknown_centre_is_none(db) -> None:
    assert neighbourhood_db(db, "9/2099/X") is None


def test_cited_numbers_are_not_stored_ones(db) -> None:
    cited = cited_numbers_db(db)
    assert "80/2025/NĐ-CP" in cited and "03/2022/QĐ-UBND" not in cited and len(cited) == len(set(cited))


def test_neighbourhood_uses_indexes_only(db) -> None:
    """Every query the page's data makes searches an index of references/documents: none scans a table."""
    conn: sqlite3.Connection = db.conn
    said: list[str] = []
    conn.set_trace_callback(said.append)
    try:
        neighbourhood_db(db, DRAFT)
        neighbourhood_db(db, "80/2025/NĐ-CP")
    finally:
        conn.set_trace_callback(None)
    assert said
    for sql in said:
        steps = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert all("INDEX" in s for s in steps if s.startswith(("SCAN", "SEARCH"))), (sql, steps)


# (a name, the label lines drawn)
LABELS = [
    ("Nghị định 80/2025/NĐ-CP", ["Nghị định 80/2025/NĐ-CP"]),
    ("Quy chế (dự thảo) — Phối hợp trong công tác tổ chức thi hành văn bản quy phạm pháp luật",
     ["Quy chế (dự thảo)", "Phối hợp trong công tác tổ", "chức thi hành văn bản quy phạm…"]),
    ("Kế hoạch — Ngắn", ["Kế hoạch", "Ngắn"]),
]


@pytest.mark.parametrize(("name", "expected"), LABELS)
def test_labels_are_wrapped(name: str, expected: list[str]) -> None:
    assert graph_view.wrapped(name) == expected


def test_dot_escapes_names_and_links() -> None:
    hood = Neighbourhood('x"];evil', stored={'x"];evil'}, cited={'9/2099/"X': None},
                         edges=[{"source": 'x"];evil', "target": '9/2099/"X', "relation": "can_cu", "count": 1}])
    dot = graph_view.neighbourhood_dot(hood, {'x"];evil': 'Tên "lạ" \\ <b>'}, {"can_cu"}, {"can_cu": "Căn cứ"})
    assert '"x\\"];evil"' in dot and 'Tên \\"lạ\\" \\\\ <b>' in dot
    assert 'URL="./van-ban?doc=x%22%5D%3Bevil"' in dot and 'URL="./van-ban?cited=9%2F2099%2F%22X"' in dot
