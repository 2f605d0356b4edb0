"""Issue 12: the graph page never builds the whole-KB graph; it reads the neighbourhood of the document at
its centre (its own references and those citing it, by indexed queries) whatever the KB's size."""

from __future__ import annotations

from pathlib import Path

import app_kb
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import kbsession
from kb.store.db import list_documents, open_db

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _graph_page(doc: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/graph.py")
    at.query_params["doc"] = doc
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _edges(at: AppTest) -> list[str]:
    charts = at.get("graphviz_chart")
    return sorted(line for line in charts[0].proto.spec.splitlines() if " -> " in line) if charts else []


@pytest.fixture(scope="module")
def corpus_kb() -> tuple[Path, Path]:
    return app_kb.corpus_kb()


def test_every_document_is_drawn_from_its_neighbourhood_without_the_whole_graph(
    corpus_kb: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VBKB_CORPUS", str(corpus_kb[0]))
    monkeypatch.setenv("VBKB_DB", str(corpus_kb[1]))
    db = open_db(corpus_kb[1])
    ids = [d["doc_id"] for d in list_documents(db)]
    db.conn.close()
    built: list[str] = []
    monkeypatch.setattr(kbsession, "_citations", lambda *_: built.append("whole") or pytest.fail("whole graph"))
    drawn = {doc: _edges(_graph_page(doc)) for doc in ids}
    assert built == []
    assert all(drawn.values()), [d for d, e in drawn.items() if not e]  # every corpus document cites or is cited
