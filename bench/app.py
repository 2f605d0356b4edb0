"""Render time of every page of the Streamlit app on the corpus KB (AppTest runs the real page scripts).

For each page: `first` is the first render in a fresh session (caches of earlier pages warm, this page's
own caches cold), `again` a re-render in the same session (what a user waits after each click).
Aim: every page under 1 s. When the benchmark KB exists (bench/out/bench-kb.db, made by bench/build.py),
the pages are also timed on it (`large_*`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Realistic inputs per page (query parameters, then a text typed into the first text box).
INPUTS: dict[str, tuple[dict[str, str], str | None]] = {
    "duties": ({"actor": "xã"}, None),
    "documents": ({"doc": "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che",
                   "eid": "art_12__para_1__point_a"}, None),
    "search": ({}, "so tu phap"),
}


# Views a page script also serves (name, page, query): the cited-only document page, a chosen pair.
VIEWS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("documents_cited", "documents", {"cited": "59/2012/NĐ-CP"}),
    ("documents_schema", "documents", {"doc": "03/2022/QĐ-UBND"}),
    ("compare_pair", "compare", {"old": "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che",
                                 "new": "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"}),
)


def routed_pages() -> list[str]:
    """The page scripts app.py routes to, in menu order."""
    return re.findall(r'page\("(\w+)"', (ROOT / "app.py").read_text(encoding="utf-8"))


def _stored_ids(db: Path, query: dict[str, str]) -> dict[str, str]:
    """The benchmark KBs hold the corpus files as numbered copies ("00-cao-bang-...", and in the scale KBs
    "00000-" before a stem cut at 60 characters): a document id the KB lacks is read as its first copy's."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        def stored(value: str) -> str:
            for candidate in (value, f"00-{value}"):
                if conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", [candidate]).fetchone():
                    return candidate
            stem, _, part = value.partition(":")
            row = conn.execute("SELECT doc_id FROM documents WHERE doc_id LIKE ? ORDER BY doc_id LIMIT 1",
                               [f"%-{stem[:40]}%" + (f":{part}" if part else "")]).fetchone()
            return row[0] if row else f"00-{value}"
        return {k: stored(v) if k in ("doc", "old", "new") else v for k, v in query.items()}
    finally:
        conn.close()


def _render(page: str, query: dict[str, str] | None = None) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    query, typed = (query, None) if query is not None else INPUTS.get(page, ({}, None))
    query = _stored_ids(Path(os.environ["VBKB_DB"]), query)
    for key, value in query.items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    if typed is not None:
        at.text_input[0].input(typed).run()
    first = time.perf_counter() - started
    started = time.perf_counter()
    at.run()
    again = time.perf_counter() - started
    if at.exception or at.error:
        raise RuntimeError(f"page {page}: {(at.exception or at.error)[0].value}")
    return first, again


LARGE_KB = Path(__file__).parent / "out" / "bench-kb.db"


def _time_pages(db: Path, corpus: Path, prefix: str, figures: dict[str, object]) -> None:
    saved = {k: os.environ.get(k) for k in ("VBKB_DB", "VBKB_CORPUS")}
    os.environ.update(VBKB_DB=str(db), VBKB_CORPUS=str(corpus))
    try:
        for page in routed_pages():
            first, again = _render(page)
            figures[f"{prefix}{page}_first_s"] = round(first, 3)
            figures[f"{prefix}{page}_again_s"] = round(again, 3)
        for name, page, query in VIEWS:
            first, again = _render(page, query)
            figures[f"{prefix}{name}_first_s"] = round(first, 3)
            figures[f"{prefix}{name}_again_s"] = round(again, 3)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run() -> dict[str, object]:
    import sqlite3

    from kb.pipeline import build

    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="vbkb-bench-app-") as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        db = Path(tmp) / "kb.db"
        build([corpus], db)
        _time_pages(db, corpus, "", figures)
        if LARGE_KB.is_file():
            large = Path(tmp) / "large.db"
            src, dst = sqlite3.connect(f"file:{LARGE_KB}?mode=ro", uri=True), sqlite3.connect(large)
            src.backup(dst)  # a consistent copy even while another build writes
            figures["large_documents"] = src.execute("SELECT count(*) FROM documents").fetchone()[0]
            src.close()
            dst.close()
            _time_pages(large, Path(tmp) / "large-corpus", "large_", figures)
    return figures
