"""Adding one uploaded document to the corpus folder and the KB, all or nothing.

The bytes are parsed from a temporary file first, in a child process within the time budget
(`kb.pipeline.parse`), so a hostile upload never holds the app's server; only a file that parses is copied into the corpus
folder and indexed (`kb.store.build` over the files the KB already holds plus the new one, so a KB built
from several folders keeps them all). A file that fails leaves the folder and the KB as they were.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kb.docid import slug
from kb.errors import KbError
from kb.pipeline import build, parse
from kb.store.db import DOCUMENT_SUFFIXES, BuildReport, open_db
from kb.store.views import documents_of_file, stored_files
from parsers.errors import ParseError
from parsers.model import ParseResult

UPLOAD_SUFFIXES = tuple(s for s in DOCUMENT_SUFFIXES if s != ".doc")


@dataclass(frozen=True)
class Added:
    path: Path  # where the file now sits in the corpus folder
    report: BuildReport
    doc_ids: tuple[str, ...]  # the documents the file gave


def safe_name(name: str) -> str:
    """A plain file name for the corpus folder: no directories, no odd characters, a known suffix."""
    path = Path(Path(name).name)
    suffix = path.suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        allowed = ", ".join(UPLOAD_SUFFIXES)
        raise KbError(f"{path.name or name}: định dạng không hỗ trợ (chỉ nhận {allowed})")
    # Cut the stem well under a file system's 255-byte name limit (Vietnamese letters take 2–3 bytes).
    return f"{(slug(path.stem) or 'van-ban')[:120].rstrip('-')}{suffix}"


def preview(name: str, data: bytes, cancelled: Callable[[], bool] | None = None,
            read: Callable[[Path], ParseResult] | None = None) -> ParseResult:
    """Parse uploaded bytes without touching the corpus or the KB; ParseError/KbError with one line
    (`kb.workers.OverBudget` past the time budget). The work runs in a child process, killed as soon as
    `cancelled()` is true (the session went away) or raises (Streamlit stopping the run)."""
    clean = safe_name(name)
    with tempfile.TemporaryDirectory(prefix="vbkb-upload-") as tmp:
        path = Path(tmp) / clean
        path.write_bytes(data)
        try:
            return parse(path, read, cancelled=cancelled)
        except (ParseError, KbError) as exc:
            raise type(exc)(str(exc).replace(f"{tmp}/", "")) from None
        except Exception as exc:  # noqa: BLE001 - an unreadable upload is a user error, said in one line
            raise ParseError(f"{clean}: không đọc được tệp ({type(exc).__name__})") from None


def _free_path(folder: Path, name: str, data: bytes) -> Path:
    """`name` in `folder`, or name-2, name-3 ... when another file already has that name."""
    path = folder / name
    n = 2
    while path.exists() and path.read_bytes() != data:
        path = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    return path


def add_document(name: str, data: bytes, corpus: Path, db_path: Path) -> Added:
    """Save an uploaded file into `corpus` and index it; on any failure nothing is left behind."""
    preview(name, data)
    corpus.mkdir(parents=True, exist_ok=True)
    path = _free_path(corpus, safe_name(name), data)
    existed = path.exists()
    if not existed:
        path.write_bytes(data)
    paths = [corpus]
    if db_path.exists():
        db = open_db(db_path)
        try:
            paths = [p for p in stored_files(db) if p.exists()] + [path]
        finally:
            db.conn.close()
    report = build(paths, db_path)
    failed = dict(report.failed)
    if str(path) in failed:
        if not existed:
            path.unlink()
        raise KbError(failed[str(path)])
    db = open_db(db_path)
    try:
        doc_ids = tuple(documents_of_file(db, path))
    finally:
        db.conn.close()
    return Added(path=path, report=report, doc_ids=doc_ids)
