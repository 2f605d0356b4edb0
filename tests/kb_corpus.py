"""The corpus/ knowledge base, built once per test session (real parser, real enrichment) in a temp folder."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from kb.pipeline import build
from kb.store.db import DOCUMENT_SUFFIXES, BuildReport

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in DOCUMENT_SUFFIXES)


def copy_corpus(folder: Path) -> Path:
    """The corpus's document files (not its data files) copied into `folder`, to be edited by a test."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in CORPUS_FILES:
        shutil.copy2(path, folder / path.name)
    return folder


@functools.cache
def corpus_kb() -> tuple[BuildReport, Path]:
    """(the build report, the KB's path) for corpus/; tests must only read it."""
    folder = Path(tempfile.mkdtemp(prefix="vbkb-corpus-kb-"))
    atexit.register(shutil.rmtree, folder, True)
    db_path = folder / "kb.db"
    return build([CORPUS], db_path), db_path
