"""One KB built from corpus/ per test session, shared by the app tests and the browser tests."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

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
