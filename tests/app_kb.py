"""One KB built from corpus/ per test session, shared by the app tests and the browser tests."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from streamlit.testing.v1 import AppTest

from kb.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


@cache
def corpus_kb() -> tuple[Path, Path]:
    """(corpus folder, kb.db) in a temporary folder removed at exit; tests must not change them."""
    folder = Path(tempfile.mkdtemp(prefix="vbkb-app-kb-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    corpus = folder / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    db = folder / "kb.db"
    report = build([corpus], db)
    assert report.ok, report.failed
    return corpus, db


def open_page(page: str, **query: str) -> AppTest:
    """One app page run through AppTest with the URL's query parameters, no exception allowed."""
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
