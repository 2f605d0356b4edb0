"""Where the app finds its knowledge base, one SQLite connection per script run, the cached graph.

sqlite3 objects are bound to the thread that made them and Streamlit runs each script run in its own
thread, so a page opens its connection for the run and closes it at the end. The citation graph is
read-only and costly to build, so it is shared by every session until the database file changes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st


def db_path() -> Path:
    return Path(os.environ.get("VBKB_DB", "kb.db"))


def corpus_dir() -> Path:
    return Path(os.environ.get("VBKB_CORPUS", "corpus"))


def db_stamp() -> tuple[str, float]:
    """Changes whenever the database does (a write lands in the -wal file first)."""
    path = db_path()
    times = [p.stat().st_mtime for p in (path, Path(f"{path}-wal")) if p.exists()]
    return str(path.resolve()), max(times, default=0.0)


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
    from kb.store import open_db

    require_kb()
    try:
        db = open_db(db_path())
    except KbError as exc:
        st.error(f"Không mở được cơ sở dữ liệu văn bản: {exc}")
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
    graph: Any  # networkx MultiDiGraph
    findings: tuple[Any, ...]  # kb.checks.Finding
    catalog: Any  # kb.catalog.Catalog


@st.cache_resource(max_entries=4, show_spinner=False)
def _citations(path: str, stamp: float) -> CitationData:
    from kb import checks, graph, store
    from kb.catalog import load_catalog

    db = store.open_db(Path(path))
    try:
        view = graph.from_db(db)
    finally:
        _close(db)
    catalog = load_catalog()
    return CitationData(view, graph.build_graph(view, catalog), tuple(checks.run_checks(view, catalog)), catalog)


def citations() -> CitationData:
    """The citation graph of the whole KB and its checks, rebuilt only when the database changed."""
    from kb.errors import KbError

    require_kb()
    try:
        return _citations(*db_stamp())
    except KbError as exc:
        st.error(f"Không mở được cơ sở dữ liệu văn bản: {exc}")
        st.stop()
