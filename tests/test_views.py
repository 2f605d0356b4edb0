"""kb/views.py: the small queries and shapes the app's pages use, on hand-made inputs."""

from __future__ import annotations

import networkx as nx
import pytest

from kb.citations.catalog import load_catalog
from kb.citations.graph import Citations
from kb.store import views


def _n(eid: str, parent: str | None, depth: int, kind: str) -> dict:
    return {"eid": eid, "parent": parent, "depth": depth, "kind": kind, "num": eid[-1], "heading": None,
            "text": eid, "address": eid}


NODES = [
    _n("chp_I", None, 0, "chuong"),
    _n("art_1", "chp_I", 1, "dieu"),
    _n("art_1__para_1", "art_1", 2, "khoan"),
    _n("art_1__para_1__point_a", "art_1__para_1", 3, "diem"),
    _n("art_1__para_2", "art_1", 2, "khoan"),
    _n("art_2", "chp_I", 1, "dieu"),
]
PLAN = [
    _n("sec_I", None, 0, "section"),
    _n("sec_I__item_1", "sec_I", 1, "item"),
    _n("sec_I__item_1__bullet_1", "sec_I__item_1", 2, "bullet"),
    _n("sec_I__item_2", "sec_I", 1, "item"),
]


@pytest.mark.parametrize(
    ("nodes", "eid", "expected"),
    [
        (NODES, "art_1__para_1__point_a", ["art_1", "art_1__para_1", "art_1__para_1__point_a", "art_1__para_2"]),
        (NODES, "art_2", ["art_2"]),
        (NODES, "chp_I", [n["eid"] for n in NODES]),
        (PLAN, "sec_I__item_1__bullet_1", ["sec_I__item_1", "sec_I__item_1__bullet_1"]),
        (NODES, "art_9", []),
    ],
)
def test_context_of_a_clause_is_its_article_or_plan_item(nodes: list, eid: str, expected: list) -> None:
    assert [n["eid"] for n in views.context_of(nodes, eid)] == expected


def _view(references: list[dict]) -> Citations:
    docs = {
        "old": {"doc_id": "old", "number": "01/2020/QĐ-UBND"},
        "new": {"doc_id": "new", "number": "05/2026/QĐ-UBND"},
        "plan": {"doc_id": "plan", "number": None},
    }
    return Citations(documents=docs, eids={d: set() for d in docs}, references=references)


def _ref(doc: str, target: str | None, relation: str) -> dict:
    return {"doc_id": doc, "source_eid": None, "text": target or "", "target_doc": target, "target_eid": None,
            "relation": relation, "line": 1, "start": 0, "end": 0}


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"doc_id": "old", "number": "01/2020/QĐ-UBND"}, "Bị thay thế bởi new"),  # said by a text of the KB
        ({"doc_id": "x", "number": "59/2012/NĐ-CP"}, "Đã bị thay thế bởi 80/2025/NĐ-CP"),  # the catalog
        ({"doc_id": "new", "number": "05/2026/QĐ-UBND"}, "Chưa rõ"),
        ({"doc_id": "plan", "number": None}, "Chưa rõ"),
    ],
)
def test_validity(doc: dict, expected: str) -> None:
    view = _view([_ref("new", "01/2020/QĐ-UBND", "thay_the"), _ref("plan", "01/2020/QĐ-UBND", "dan_chieu")])
    assert views.validity(load_catalog(), views.replaced_in_kb(view), doc) == expected


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("a", kind="document", in_kb=True, label="A", status="")
    g.add_node('b"x', kind="document", in_kb=False, label='B "quoted"', status="replaced")
    g.add_node("a:art_1", kind="provision", doc="a", in_kb=True)
    g.add_node("a:art_2", kind="provision", doc="a", in_kb=True)
    g.add_edge("a", "a:art_1", key="contains", relation="contains")
    g.add_edge("a:art_1", 'b"x', key="dan_chieu", relation="dan_chieu")
    g.add_edge("a:art_2", 'b"x', key="dan_chieu", relation="dan_chieu")
    g.add_edge("a", 'b"x', key="can_cu", relation="can_cu")
    g.add_edge("a:art_2", "a:art_1", key="dan_chieu", relation="dan_chieu")  # internal: not drawn
    return g


def test_document_edges_fold_provisions_and_count() -> None:
    assert views.document_edges(_graph()) == [
        {"source": "a", "target": 'b"x', "relation": "can_cu", "count": 1},
        {"source": "a", "target": 'b"x', "relation": "dan_chieu", "count": 2},
    ]
    assert views.document_edges(_graph(), {"can_cu"}) == [
        {"source": "a", "target": 'b"x', "relation": "can_cu", "count": 1}]


def test_documents_dot_quotes_names_and_marks_stale_citations() -> None:
    g = _graph()
    dot = views.documents_dot(g, views.document_edges(g), {("a", 'b"x')}, {}, {"dan_chieu": "Dẫn chiếu"})
    assert '"b\\"x" [label="B \\"quoted\\"", fillcolor="#ffd8d3"];' in dot
    assert '"a" -> "b\\"x" [label="Dẫn chiếu ×2 (đã bị thay thế)", color="#d1242f"' in dot
