"""Where the app finds its knowledge base, one SQLite connection per script run, the cached graph.

sqlite3 objects are bound to the thread that made them and Streamlit runs each script run in its own
thread, so a page opens its connection for the run and closes it at the end. The citation graph is
read-only and costly to build, so it is shared by every session until the database file changes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from kb.errors import vietnamese


def db_path() -> Path:
    return Path(os.environ.get("VBKB_DB", "kb.db"))


def corpus_dir() -> Path:
    return Path(os.environ.get("VBKB_CORPUS", "corpus"))


def db_stamp() -> tuple[str, float]:
    """Changes whenever the database does (a write lands in the -wal file first). An empty -wal file
    holds no change: it only says a connection is open, as one is during every page run."""
    path = db_path()
    times = []
    for file in (path, Path(f"{path}-wal")):
        try:
            stat = file.stat()
        except FileNotFoundError:
            continue
        if file == path or stat.st_size:
            times.append(stat.st_mtime)
    return str(path.resolve()), max(times, default=0.0)


def session_gone() -> bool:
    """True when this run's browser session has disconnected (tab closed, network gone): long work for
    it should stop. Outside a server (AppTest, bare mode) a session never goes."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not Runtime.exists():
        return False
    return not Runtime.instance().is_active_session(ctx.session_id)


def watch(status: Any, what: str) -> Callable[[], bool]:
    """A `cancelled` callback for work run in a child process (`kb.workers.call`): it shows the seconds
    spent in `status` once a second (a Streamlit call, so a run that the user left by rerunning or
    changing page is stopped there, the child with it) and says whether the session is gone."""
    started = time.monotonic()
    shown = -1

    def cancelled() -> bool:
        nonlocal shown
        seconds = int(time.monotonic() - started)
        if seconds != shown:
            shown = seconds
            status.caption(f"{what}… {seconds} s")
        return session_gone()

    return cancelled


def require_kb() -> None:
    """Stop the page with a plain explanation when there is no knowledge base yet."""
    if not db_path().exists():
        st.warning(
            f"Chưa có cơ sở dữ liệu văn bản ({db_path()}). Hãy chạy `make kb` hoặc thêm văn bản ở trang "
            "«Thêm văn bản»."
        )
        st.stop()


@contextmanager
def connection() -> Iterator[Any]:
    """The knowledge base for this run, closed when the page is done."""
    from kb.errors import KbError
    from kb.store.db import open_db

    require_kb()
    try:
        db = open_db(db_path())
    except KbError as exc:
        st.error(f"Không mở được cơ sở dữ liệu văn bản: {vietnamese(str(exc))}")
        st.stop()
    try:
        yield db
    finally:
        _close(db)


def _close(db: Any) -> None:
    conn = getattr(db, "conn", db)
    close = getattr(conn, "close", None)
    if close is not None:
        close()


@dataclass(frozen=True)
class CitationData:
    view: Any  # kb.graph.Citations
    graph: Any  # networkx MultiDiGraph (None for one document's data)
    findings: tuple[Any, ...]  # kb.checks.Finding of kind "stale": what the pages show
    catalog: Any  # kb.catalog.Catalog


def _stale(view: Any, catalog: Any) -> tuple[Any, ...]:
    """The stale citations in `kb check`'s order; the pages need no other check, and the others cost
    most of the time on a large KB."""
    from kb.citations import checks

    return tuple(sorted(checks.stale(view, catalog), key=lambda f: (f.doc_id, f.line or 0)))


@st.cache_resource(max_entries=4, show_spinner=False)
def _citations(path: str, stamp: float) -> CitationData:
    from kb.citations import graph
    from kb.citations.catalog import load_catalog
    from kb.store import db as store

    db = store.open_db(Path(path))
    try:
        view = graph.from_db(db)
    finally:
        _close(db)
    catalog = load_catalog()
    return CitationData(view, graph.build_graph(view, catalog), _stale(view, catalog), catalog)


@st.cache_resource(max_entries=64, show_spinner=False)
def _document_citations(path: str, stamp: float, doc_id: str) -> CitationData:
    from kb.citations import graph
    from kb.citations.catalog import load_catalog
    from kb.store import db as store

    db = store.open_db(Path(path))
    try:
        view = graph.from_db(db, doc_id)
    finally:
        _close(db)
    catalog = load_catalog()
    return CitationData(view, None, _stale(view, catalog), catalog)


def document_citations(doc_id: str) -> CitationData:
    """What one document's page needs of the citations, without the graph of the whole KB: its own
    references and the KB's replacements (`graph.from_db(db, doc_id)`), read again only when the
    database changed."""
    from kb.errors import KbError

    require_kb()
    try:
        return _document_citations(*db_stamp(), doc_id)
    except KbError as exc:
        st.error(f"Không mở được cơ sở dữ liệu văn bản: {vietnamese(str(exc))}")
        st.stop()


def citations() -> CitationData:
    """The citation graph of the whole KB and its stale citations, rebuilt only when the database changed."""
    from kb.errors import KbError

    require_kb()
    try:
        return _citations(*db_stamp())
    except KbError as exc:
        st.error(f"Không mở được cơ sở dữ liệu văn bản: {vietnamese(str(exc))}")
        st.stop()
