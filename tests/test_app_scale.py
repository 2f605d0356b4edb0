"""Issue 12: on a KB past `kbsession.WHOLE_KB_MAX` documents the graph page never builds the whole-KB
graph; it reads one document's neighbourhood (its own references, those citing it, the KB's replacements)
and draws the same edges around that document as the whole graph does."""

from __future__ import annotations

from pathlib import Path

import app_kb
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import kbsession
from kb.store.db import list_documents, open_db

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _graph_page(around: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/graph.py")
    at.run()
    if around is not None:
        at.selectbox(key="graph_around").set_value(around).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _edges(at: AppTest) -> list[str]:
    charts = at.get("graphviz_chart")
    return sorted(line for line in charts[0].proto.spec.splitlines() if " -> " in line) if charts else []


@pytest.fixture(scope="module")
def corpus_kb() -> tuple[Path, Path]:
    return app_kb.corpus_kb()


def test_a_large_kb_draws_one_neighbourhood_as_the_whole_graph_does(
    corpus_kb: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VBKB_CORPUS", str(corpus_kb[0]))
    monkeypatch.setenv("VBKB_DB", str(corpus_kb[1]))
    db = open_db(corpus_kb[1])
    ids = [d["doc_id"] for d in list_documents(db)]
    db.conn.close()
    whole = {doc: _edges(_graph_page(doc)) for doc in ids}
    built: list[str] = []
    monkeypatch.setattr(kbsession, "WHOLE_KB_MAX", 1)
    monkeypatch.setattr(kbsession, "_citations", lambda *_: built.append("whole") or pytest.fail("whole graph"))
    at = _graph_page(None)
    assert at.selectbox(key="graph_around").options == [at.selectbox(key="graph_around").format_func(d)
                                                        for d in ids]  # no "Toàn bộ kho"
    for doc in ids:
        assert _edges(_graph_page(doc)) == whole[doc], doc
    assert built == [] and any(whole.values())
