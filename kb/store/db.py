"""The knowledge base in SQLite: build it from document files, incrementally, and read it back.

Layout: `files` (one row per source file, keyed by path, with its content hash), `documents`, `nodes`
(the flattened trees, with a folded copy of the text indexed by FTS5 in `nodes_fts`), `references`,
`actors` and `duties` (as `kb.pipeline` enriched each document: the store writes, it does not enrich).

Transactions: sqlite-utils' write helpers (`insert_all`, `upsert` ...) commit on their own (each batch
runs in `with conn:`), even inside a caller's transaction, so they cannot make one file's rows atomic.
The schema is created with sqlite-utils; each file's rows are written with plain `executemany` between
our own BEGIN IMMEDIATE and COMMIT (the connection is in autocommit mode, so nothing commits behind
our back). A reader in another process (WAL) sees each file's rows entirely old or entirely new.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import pickle
import re
import sqlite3
import sys
import time
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from kb.docid import doc_id as make_doc_id
from kb.docid import slug
from kb.errors import KbError, failure_reason
from kb.model import Actor, Duty, EnrichedFile, Reference
from kb.numbers import number_key  # one identity for document numbers (NĐ = ND, spaces, leading zeros)
from kb.workers import Failed, guarded, map_budgeted
from parsers.model import Document, Node, ParseResult, Span
from parsers.normalise import fold
from parsers.readers import limits

DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm", ".pdf", ".doc")
_SKIPPED_NAMES = ("readme.md", "readme.txt")
ROOT = Path(__file__).resolve().parents[2]
SCHEMA_VERSION = "6"  # 5: duties, references and actors stored lean, read through views; 6: references keyed by target number (issue 12)
# Modules that only read the KB or show it: their changes do not call for parsing again. Any other
# module may shape the stored rows (a module missing here costs a needless re-parse, never a stale KB).
_READ_ONLY = (
    "kb/cli.py", "kb/intake.py", "kb/store/search.py", "kb/store/views.py", "kb/citations/graph.py",
    "kb/citations/checks.py", "kb/duties/queries.py", "kb/duties/matrix.py", "kb/diff/",
)

# Labels of normative units in an address: article-based, as people cite ("Điều 12 khoản 1 điểm a").
_LABELS = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "khoản", "diem": "điểm"}
_PLAN_DOTTED = ("section", "item", "subitem")


# --- opening ----------------------------------------------------------------------------------------
def open_db(path: str | Path, create: bool = False) -> sqlite_utils.Database:
    """The KB at `path` (WAL, dict-like rows); `create` makes a missing one, else a missing KB is an error."""
    path = Path(path)
    if path.is_dir():
        raise KbError(f"{path} là một thư mục: --db phải là một tệp cơ sở dữ liệu (ví dụ kb.db)")
    if not create and not path.is_file():
        raise KbError(f"no knowledge base at {path}: run `kb build` first")
    # Autocommit mode: transactions are ours alone (see the module docstring).
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        if create:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Searches read index pages all over the file: map it rather than copy pages through a small cache.
        conn.execute("PRAGMA mmap_size = 1073741824")
        if create and _foreign(conn):
            conn.close()
            raise KbError(f"{path} không phải cơ sở dữ liệu của vbkb (không có dấu lược đồ vbkb): không ghi vào")
        is_kb = create or _table_exists(conn, "documents")
        current = create or not is_kb or _stored_schema(conn) == _schema_key()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise KbError(f"{path} is not a knowledge base ({exc}): run `kb build` again") from None
    if not is_kb or not current:
        conn.close()
        what = "is not a knowledge base" if not is_kb else "was built by another version of vbkb"
        raise KbError(f"{path} {what}: run `kb build` again")
    return sqlite_utils.Database(conn)


def _foreign(conn: sqlite3.Connection) -> bool:
    """A database with tables but no vbkb schema marker belongs to another program: never rebuilt."""
    if conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 0:
        return False
    if not _table_exists(conn, "meta"):
        return True
    return conn.execute("SELECT 1 FROM meta WHERE key IN ('schema', 'app')").fetchone() is None


def _stored_schema(conn: sqlite3.Connection) -> str | None:
    if not _table_exists(conn, "meta"):
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return row[0] if row else None


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


# --- schema -----------------------------------------------------------------------------------------
def _columns_of(cls: type, prefix: str = "") -> dict[str, type]:
    """SQL columns of a frozen dataclass: spans become start/end/line, nested values are prefixed."""
    cols: dict[str, type] = {}
    for name, hint in typing.get_type_hints(cls).items():
        inner = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        kind = inner[0]
        if kind is Span:
            cols.update({f"{prefix}start": int, f"{prefix}end": int, f"{prefix}line": int})
        elif is_dataclass(kind):
            cols.update(_columns_of(kind, f"{prefix}{name}_"))
        elif kind in (int, float):
            cols[f"{prefix}{name}"] = kind
        else:  # str, and tuples stored as JSON
            cols[f"{prefix}{name}"] = str
    return cols


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A dataclass as column → value, the way `_columns_of` names the columns; None values left out."""
    row: dict[str, Any] = {}
    for f in fields(value):
        v = getattr(value, f.name)
        if isinstance(v, Span):
            row.update({f"{prefix}start": v.start, f"{prefix}end": v.end, f"{prefix}line": v.line})
        elif is_dataclass(v):
            row.update(_flatten(v, f"{prefix}{f.name}_"))
        elif isinstance(v, (tuple, list)):
            row[f"{prefix}{f.name}"] = json.dumps(list(v), ensure_ascii=False)
        elif v is not None:
            row[f"{prefix}{f.name}"] = v
    return row


def _row(columns: dict[str, type], value: Any, doc_id: str) -> dict[str, Any]:
    """Every column of the table (so all rows share one INSERT), filled from `value`."""
    return {**dict.fromkeys(columns), **_flatten(value), "doc_id": doc_id}


DOCUMENT_COLUMNS: dict[str, type] = {
    "doc_id": str, "file": str, "ord": int, "type": str, "number": str, "number_key": str, "title": str,
    "issuer": str, "place": str, "date": str, "signer": str, "signer_capacity": str, "effective_date": str,
    "structure": str, "preamble": str, "signature": str, "parent_number": str, "parent_doc_id": str,
    "bases": str, "recipients": str, "replaces": str, "footnotes": str, "start": int, "end": int, "line": int,
    "node_count": int,  # stored, so that listing documents does not count a large table's rows
}
# An amending document's operations (kb.amend.Operation): what it does to which unit of which document, from
# when; `content` the quoted units as JSON (the node shape of `kb parse --json`).
OPERATION_COLUMNS: dict[str, type] = {
    "doc_id": str, "ord": int, "kind": str, "target_doc": str, "target_key": str, "target_eid": str, "part": str,
    "source_doc": str, "source_eid": str, "after": str, "before": str, "old": str, "new": str, "effective": str,
    "content": str, "start": int, "end": int, "line": int,
}
NODE_COLUMNS: dict[str, type] = {
    "id": int, "doc_id": str, "eid": str, "parent": str, "ord": int, "depth": int, "kind": str, "num": str,
    "heading": str, "text": str, "address": str, "start": int, "end": int, "line": int,
    # The folded address (no case, no diacritics, đ → d), for the indexed "dieu 12" lookup. Text is stored
    # once: FTS5 indexes it through a view (see `_FTS_SQL`) and keeps no copy of its own.
    "address_fold": str,
}
FTS_COLUMNS = ("address", "heading", "text")
# Node text is indexed where it is stored (an FTS5 external-content table reading `nodes` through a
# view), so each text is on disk once. unicode61 with remove_diacritics 2 folds case and every diacritic
# of NFC text as `parsers.normalise.fold` does, except đ; the view (and the triggers, which must give
# FTS5 the same values to delete) turn đ into d with SQL's own replace(), which every SQLite tool has.
_FOLD_D = "replace(replace({}, 'đ', 'd'), 'Đ', 'D')"
_FTS_SQL = (
    "CREATE VIEW nodes_fts_source AS SELECT id, {a} AS address, {h} AS heading, {t} AS text FROM nodes",
    ("CREATE VIRTUAL TABLE nodes_fts USING fts5(address, heading, text, content='nodes_fts_source', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"),
    ("CREATE TRIGGER nodes_fts_insert AFTER INSERT ON nodes BEGIN INSERT INTO nodes_fts (rowid, address, "
    "heading, text) VALUES (new.id, {na}, {nh}, {nt}); END"),
    ("CREATE TRIGGER nodes_fts_delete AFTER DELETE ON nodes BEGIN INSERT INTO nodes_fts (nodes_fts, rowid, "
    "address, heading, text) VALUES ('delete', old.id, {oa}, {oh}, {ot}); END"),
    ("CREATE TRIGGER nodes_fts_update AFTER UPDATE ON nodes BEGIN INSERT INTO nodes_fts (nodes_fts, rowid, "
    "address, heading, text) VALUES ('delete', old.id, {oa}, {oh}, {ot}); INSERT INTO nodes_fts (rowid, "
    "address, heading, text) VALUES (new.id, {na}, {nh}, {nt}); END"),
)
# Document numbers by substring ("15/2020", "NĐ-CP" inside "15/2020/NĐ-CP"): a trigram index, so the
# lookup reads the matching keys only instead of scanning every number. Kept in step by triggers.
_NUMBER_SQL = (
    "CREATE VIRTUAL TABLE number_grams USING fts5(number_key, doc_id UNINDEXED, tokenize='trigram')",
    ("CREATE TRIGGER number_grams_insert AFTER INSERT ON documents WHEN length(new.number_key) >= 3 BEGIN "
    "INSERT INTO number_grams (number_key, doc_id) VALUES (new.number_key, new.doc_id); END"),
    ("CREATE TRIGGER number_grams_delete AFTER DELETE ON documents WHEN length(old.number_key) >= 3 BEGIN "
    "DELETE FROM number_grams WHERE rowid IN (SELECT rowid FROM number_grams WHERE number_grams MATCH "
    "'\"' || replace(old.number_key, '\"', '\"\"') || '\"' AND doc_id = old.doc_id); END"),
)


def _fts_statements() -> tuple[str, ...]:
    cols = {f"{side}{c[0]}": _FOLD_D.format(f"{prefix}{c}") for side, prefix in (("", ""), ("n", "new."), ("o", "old."))
            for c in FTS_COLUMNS}
    return tuple(sql.format(**cols) for sql in _FTS_SQL) + _NUMBER_SQL


@functools.cache
def _reference_columns() -> dict[str, type]:
    return {"doc_id": str, **_columns_of(Reference)}


@functools.cache
def _duty_columns() -> dict[str, type]:
    return _columns_of(Duty)  # Duty has its doc_id; its deadline becomes deadline_text, deadline_kind ...


@functools.cache
def _actor_columns() -> dict[str, type]:
    return {"doc_id": str, **_columns_of(Actor)}


# Lean storage (issue 12). A duty's sentence and action, and a reference's printed words, are nearly always
# words of the node they come from (or, for a reference of the preamble, of the document's preamble): they
# are stored as (character offset, length) into that text and rebuilt by the views `duties` and
# `references` with SQL's substr(), so every reader (and any SQLite tool) sees the columns as before. A
# string that is not found there is stored whole in its own column, offset NULL. The actors a document
# names repeat a few hundred forms (id, name, level, kind, aliases) across the KB: each form is stored once
# in `actor_forms` (keyed by a digest of its values) and the view `actors` joins each document's rows to it.
_SLICED = {"duties": ("sentence", "action"), "references": ("text",)}
ACTOR_FORM_COLUMNS: dict[str, type] = {
    "key": int, "digest": str, "id": str, "name": str, "level": str, "kind": str, "aliases": str}
ACTOR_ROW_COLUMNS: dict[str, type] = {"doc_id": str, "form": int}


def _reference_row_columns() -> dict[str, type]:
    """reference_rows: the lean reference columns and the cited number's key, so the texts that replace or amend a
    document are found by an index whatever way they print its number (NĐ or ND, leading zeros)."""
    return _lean_columns(_reference_columns()) | {"target_key": str}


def _lean_columns(columns: dict[str, type]) -> dict[str, type]:
    """The stored columns of a table read through a view: each sliced column with its offset and length."""
    sliced = set(_SLICED["duties"] if "sentence" in columns else _SLICED["references"])
    out: dict[str, type] = {}
    for name, kind in columns.items():
        out[name] = kind
        if name in sliced:
            out |= {f"{name}_at": int, f"{name}_len": int}
    return out


def _view_statements() -> tuple[str, ...]:
    # The source text is read by a scalar subquery, evaluated only for the rows whose sliced column a query
    # asks for: a query of other columns reads the rows table alone, through the same indexes as before.
    node = "(SELECT n.text FROM nodes n WHERE n.doc_id = r.doc_id AND n.eid = r.{})"
    preamble = "(SELECT d.preamble FROM documents d WHERE d.doc_id = r.doc_id)"

    def column(name: str, sliced: tuple[str, ...], source: str) -> str:
        if name not in sliced:
            return f'r."{name}"'
        return (f'CASE WHEN r."{name}_at" IS NULL THEN r."{name}" '
                f'ELSE substr({source}, r."{name}_at" + 1, r."{name}_len") END AS "{name}"')

    duty = ", ".join(column(c, _SLICED["duties"], node.format("eid")) for c in _duty_columns())
    # A reference of the preamble (no source node) is sliced from the document's preamble.
    ref_source = f"CASE WHEN r.source_eid IS NULL THEN {preamble} ELSE {node.format('source_eid')} END"
    ref = ", ".join(column(c, _SLICED["references"], ref_source) for c in _reference_columns())
    return (
        f"CREATE VIEW duties AS SELECT {duty} FROM duty_rows r",
        f'CREATE VIEW "references" AS SELECT {ref} FROM reference_rows r',
        ("CREATE VIEW actors AS SELECT r.doc_id, f.id, f.name, f.level, f.kind, f.aliases FROM actor_rows r "
         "JOIN actor_forms f ON f.key = r.form"),
    )


def _create_schema(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    # The marker first: a build killed before the schema row is written still leaves a vbkb file.
    db.execute("INSERT INTO meta (key, value) VALUES ('app', 'vbkb')")
    db["files"].create(
        {"path": str, "name": str, "sha256": str, "size": int, "mtime": float, "parsed_at": str,
         "format": str, "warnings": str, "checked": float},
        pk="path",
    )
    db["documents"].create(DOCUMENT_COLUMNS, pk="doc_id")
    db["documents"].create_index(["file"])
    db["documents"].create_index(["number_key"])
    db["nodes"].create(NODE_COLUMNS, pk="id")
    db["nodes"].create_index(["doc_id", "eid"], unique=True)
    db["nodes"].create_index(["address_fold"])
    for sql in _fts_statements():
        db.execute(sql)
    for name, cols in (("reference_rows", _reference_row_columns()),
                       ("duty_rows", _lean_columns(_duty_columns()))):
        db[name].create(cols)
        db[name].create_index(["doc_id"])
    db["actor_forms"].create(ACTOR_FORM_COLUMNS, pk="key")
    db["actor_forms"].create_index(["digest"], unique=True)
    db["actor_rows"].create(ACTOR_ROW_COLUMNS)
    db["actor_rows"].create_index(["doc_id"])
    db["operations"].create(OPERATION_COLUMNS)
    db["operations"].create_index(["doc_id"])
    db["operations"].create_index(["target_key"])
    db["reference_rows"].create_index(["target_doc"])
    db["reference_rows"].create_index(["target_key"])
    db["duty_rows"].create_index(["actor"])
    for sql in _view_statements():
        db.execute(sql)


def code_fingerprint() -> str:
    """A hash of the code and data the stored rows derive from: when it changes, every file is re-parsed."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    sources = sorted((ROOT / "parsers").rglob("*.py"))
    sources += sorted(p for p in (ROOT / "kb").rglob("*.py")
                      if not p.relative_to(ROOT).as_posix().startswith(_READ_ONLY) and p.name != "__init__.py")
    sources += sorted((ROOT / "kb" / "data").glob("*")) if (ROOT / "kb" / "data").is_dir() else []
    sources += sorted(p for p in (ROOT / "corpus").glob("*") if p.suffix in (".json", ".csv", ".yaml", ".toml"))
    for path in sources:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _schema_key() -> str:
    tables = [DOCUMENT_COLUMNS, NODE_COLUMNS, _reference_row_columns(), _lean_columns(_duty_columns()),
              ACTOR_FORM_COLUMNS, ACTOR_ROW_COLUMNS, OPERATION_COLUMNS]
    spec = json.dumps([SCHEMA_VERSION, [[k, v.__name__] for t in tables for k, v in t.items()]])
    return hashlib.sha256(spec.encode()).hexdigest()


def _meta(db: sqlite_utils.Database, key: str) -> str | None:
    if not db["meta"].exists():
        return None
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _prepare(db: sqlite_utils.Database, fingerprint: str, force: bool) -> None:
    """Create the schema (again, if it changed); mark every file for parsing when the code changed.

    Code that changed keeps the tables: each file is then replaced in its own transaction, so readers
    never see an empty KB. Only a changed schema drops the tables.
    """
    if _meta(db, "schema") != _schema_key():
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
            db.execute(f'DROP VIEW IF EXISTS "{name}"')
        for name in ("nodes_fts", "number_grams", "files", "documents", "nodes", "references", "duties", "actors",
                     "reference_rows", "duty_rows", "actor_rows", "actor_forms", "operations", "meta"):
            db.execute(f'DROP TABLE IF EXISTS "{name}"')
        _create_schema(db)
        db.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (_schema_key(),))
    if _meta(db, "fingerprint") == fingerprint and not force:
        return
    # Forget every hash first: a file the new code fails on (or an interrupted build) is retried next time.
    with _transaction(db.conn):
        db.conn.execute("UPDATE files SET sha256 = ''")
        db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)", (fingerprint,))


# --- the build --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BuildReport:
    parsed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (path, one-line reason)
    documents: int = 0  # in the KB after the build
    nodes: int = 0
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        files = len(self.parsed) + len(self.unchanged) + len(self.failed)
        return (
            f"{files} files: {len(self.parsed)} parsed, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.failed)} failed; "
            f"{self.documents} documents, {self.nodes} nodes in {self.seconds:.1f} s"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "parsed": list(self.parsed), "unchanged": list(self.unchanged), "removed": list(self.removed),
            "failed": [{"file": f, "reason": r} for f, r in self.failed], "documents": self.documents,
            "nodes": self.nodes, "seconds": round(self.seconds, 3), "warnings": list(self.warnings),
        }


def document_files(paths: Iterable[str | Path], skipped: list[str] | None = None) -> list[Path]:
    """The document files a build reads: each file given, and the document files of each folder given.

    A link inside a folder that leads out of it (`passwd.txt` → /etc/passwd) is not read: it is listed
    in `skipped` with its reason, when a list is given."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            for p in sorted(path.iterdir()):
                if not (p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                        and p.name.lower() not in _SKIPPED_NAMES and not p.name.startswith((".", "~$"))):
                    continue
                if p.is_symlink() and not p.resolve().is_relative_to(root):
                    if skipped is not None:
                        skipped.append(f"{p.name}: liên kết trỏ ra ngoài thư mục {path}, bỏ qua")
                    continue
                found.append(p)
        elif path.is_file():
            found.append(path)
        else:
            raise KbError(f"không có tệp hoặc thư mục: {path}")
    unique: dict[str, Path] = {}
    for p in sorted(found, key=Path.is_symlink):  # a file and a link to it: the file's own name is kept
        unique.setdefault(str(p.resolve()), p)
    return [unique[k] for k in sorted(unique)]


# A time stamp this close to the moment the file was hashed may hide a later write within the file system's
# time granularity (git's "racy" case): such a file is hashed again rather than trusted.
_RACY_S = 2.0


def _unchanged_stat(row: Any, stat: os.stat_result) -> bool:
    """True when the stored hash still holds without reading the file: same size and modification time as
    when it was hashed, and that time well before the hash was taken. A no-change rebuild of a large KB then
    reads no file."""
    return (bool(row["sha256"]) and row["checked"] is not None and row["size"] == stat.st_size
            and row["mtime"] == stat.st_mtime and stat.st_mtime < row["checked"] - _RACY_S)


def _file_hash(path: Path) -> str:
    """sha256 of a file within the size cap, read in chunks (a 4 GB file is refused before any read)."""
    cap = limits.current().max_file_bytes
    size = path.stat().st_size
    if size > cap:
        raise KbError(f"{path.name}: tệp {limits.human(size)}, vượt giới hạn {limits.human(cap)} "
                      f"(đặt {limits.env_name('max_file_bytes')} để nâng)")
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def build(
    paths: list[Path], db_path: Path, process: Callable[[Path], EnrichedFile], progress: bool = False,
    force: bool = False, jobs: int | None = None,
) -> BuildReport:
    """Store every document file under `paths` in the KB at `db_path`, re-reading only changed files.

    `process` turns one file into its enriched documents (`kb.pipeline` names the steps); the store only
    writes what it returns. The KB mirrors `paths`: files stored earlier but no longer found there are
    dropped. A file that fails keeps its earlier rows (if any) and is listed in the report with its
    reason; the others go on. Worker processes (`jobs`; None: one per core, up to 4, for big builds, else
    one) run `process` while this process writes, file after file in name order; a file whose work runs
    past the time budget is stopped and reported, one whose worker dies is tried once more, then reported.
    """
    started = time.perf_counter()
    skipped: list[str] = []
    files = document_files(paths, skipped)
    db = open_db(db_path, create=True)
    try:
        _prepare(db, code_fingerprint(), force)
        stored = {r["path"]: r for r in db.query("SELECT path, sha256, size, mtime, checked FROM files")}
        keys = {_key(p): p for p in files}
        removed = sorted(set(stored) - set(keys))
        if removed:
            with _transaction(db.conn):
                for key in removed:
                    _delete_file(db.conn, key)
        parsed, unchanged, failed, warnings = [], [], [], list(skipped)
        bar = _progress(len(files), progress)
        todo: list[tuple[str, Path, str, os.stat_result, float]] = []
        for key, path in keys.items():
            try:
                stat, checked = path.stat(), time.time()
                row = stored.get(key)
                if row is not None and _unchanged_stat(row, stat):
                    unchanged.append(str(path))
                    bar.update(1)
                    continue
                sha = _file_hash(path)
            except (OSError, KbError) as exc:
                failed.append((str(path), failure_reason(exc, path)))
                bar.update(1)
                continue
            if row is not None and row["sha256"] == sha:
                unchanged.append(str(path))
                bar.update(1)
                if (row["size"], row["mtime"]) != (stat.st_size, stat.st_mtime) or row["checked"] is None:
                    db.conn.execute("UPDATE files SET size = ?, mtime = ?, checked = ? WHERE path = ?",
                                    (stat.st_size, stat.st_mtime, checked, key))
            else:
                todo.append((key, path, sha, stat, checked))
        workers = _workers(jobs, len(todo))
        for (key, path, sha, stat, checked), outcome in zip(
                todo, _outcomes([t[1] for t in todo], process, workers)):
            bar.set_postfix_str(path.name[:40], refresh=False)
            try:
                if isinstance(outcome, str):
                    failed.append((str(path), outcome))
                    bar.update(1)
                    continue
                warnings += _write_file(db.conn, key, path, (sha, stat, checked), outcome)
                parsed.append(str(path))
            except Exception as exc:  # noqa: BLE001 - one file failing is reported; the build goes on
                failed.append((str(path), failure_reason(exc)))
            bar.update(1)
        bar.close()
        documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        nodes = db.execute("SELECT count(*) FROM nodes").fetchone()[0]
    finally:
        db.conn.close()
    return BuildReport(
        parsed=tuple(parsed), unchanged=tuple(unchanged), removed=tuple(removed), failed=tuple(failed),
        documents=documents, nodes=nodes, seconds=time.perf_counter() - started, warnings=tuple(warnings),
    )


def _workers(jobs: int | None, todo: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    # Starting a worker costs seconds (imports, spaCy): more than one only pays for a big build.
    return min(4, os.cpu_count() or 1) if todo >= 32 else 1


def _outcomes(paths: list[Path], process: Callable[[Path], EnrichedFile], workers: int) -> Iterator[EnrichedFile | str]:
    """Each file processed, in order, in worker processes within the time budget; a failure is its
    one-line reason instead. A `process` that cannot be sent to a child (a test's closure) runs here."""
    if not _picklable(process):
        yield from (guarded(process, path) for path in paths)
        return
    work = functools.partial(guarded, process, in_child=True)
    for outcome in map_budgeted(work, paths, workers):  # the report names the file: reasons do not
        yield outcome.reason if isinstance(outcome, Failed) else outcome


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except (pickle.PicklingError, AttributeError, TypeError):
        return False
    return True


class _NoBar:
    def set_postfix_str(self, *_: Any, **__: Any) -> None: ...
    def update(self, _: int) -> None: ...
    def close(self) -> None: ...


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False, dynamic_ncols=True)


def _key(path: Path) -> str:
    return str(path.resolve())


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (the connection is in autocommit mode)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _delete_file(conn: sqlite3.Connection, key: str) -> None:
    doc_ids = [r[0] for r in conn.execute("SELECT doc_id FROM documents WHERE file = ?", (key,))]
    for table in ("nodes", "reference_rows", "duty_rows", "actor_rows", "operations", "documents"):
        conn.executemany(f'DELETE FROM "{table}" WHERE doc_id = ?', [(d,) for d in doc_ids])
    conn.execute("DELETE FROM files WHERE path = ?", (key,))


def _write_file(conn: sqlite3.Connection, key: str, path: Path, seen: tuple[str, os.stat_result, float],
                parsed: EnrichedFile) -> list[str]:
    """Replace the file's rows in one transaction; the warnings about its document ids. `seen` is the hash,
    size and time stamp taken before the file was read (a later change then shows at the next build)."""
    sha, stat, checked = seen
    result = parsed.result
    warnings: list[str] = []
    with _transaction(conn):
        _delete_file(conn, key)
        ids = _assign_doc_ids(conn, path, result)
        for ord_, (doc, enriched, did) in enumerate(zip(result.documents, parsed.documents, ids)):
            if did != make_doc_id(doc, str(path)):
                warnings.append(f"{path.name}: document id {make_doc_id(doc, str(path))} already used; "
                                f"stored as {did}")
            nodes = list(_node_rows(doc, did))
            _insert_document(conn, key, ord_, doc, did, _parent_id(doc, result, ids), len(nodes))
            _insert_rows(conn, "nodes", nodes)
            texts = {n["eid"]: n["text"] for n in nodes}
            refs = [_row(_reference_columns(), r, did) for r in enriched.references]
            _insert_rows(conn, "reference_rows", [
                _lean(r, "references", texts.get(r["source_eid"]) if r["source_eid"] is not None else doc.preamble)
                | {"target_key": number_key(r["target_doc"]) if r["target_doc"] else None} for r in refs])
            duties = [_row(_duty_columns(), d, did) for d in enriched.duties]
            _insert_rows(conn, "duty_rows", [_lean(d, "duties", texts.get(d["eid"])) for d in duties])
            _insert_actors(conn, [_row(_actor_columns(), a, did) for a in enriched.actors])
            _insert_rows(conn, "operations", [_operation_row(o, did, i) for i, o in enumerate(enriched.operations)])
        conn.execute(
            "INSERT INTO files (path, name, sha256, size, mtime, parsed_at, format, warnings, checked) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, path.name, sha, stat.st_size, stat.st_mtime, datetime.now(UTC).isoformat(timespec="seconds"),
             result.format, json.dumps(list(result.warnings) + warnings, ensure_ascii=False), checked),
        )
    return warnings


def _assign_doc_ids(conn: sqlite3.Connection, path: Path, result: ParseResult) -> list[str]:
    """`kb.docid.doc_id` of each document, made unique when another file (or sibling) already has it."""
    ids: list[str] = []

    def free(candidate: str) -> bool:
        if candidate in ids:
            return False
        return conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (candidate,)).fetchone() is None

    for doc in result.documents:
        base = make_doc_id(doc, str(path))
        name = slug(path.name)
        candidates = [base, f"{base}:{name}", f"{base}:{name}:{slug(doc.doc_type or 'van-ban')}"]
        numbered = (f"{base}:{name}:{n}" for n in itertools.count(2))
        ids.append(next(c for c in itertools.chain(candidates, numbered) if free(c)))
    return ids


def _parent_id(doc: Document, result: ParseResult, ids: list[str]) -> str | None:
    if not doc.parent_number:
        return None
    for other, did in zip(result.documents, ids):
        if other is not doc and other.number and number_key(other.number) == number_key(doc.parent_number):
            return did
    return None


def _insert_document(
    conn: sqlite3.Connection, key: str, ord_: int, doc: Document, did: str, parent: str | None, node_count: int,
) -> None:
    row = {
        "doc_id": did, "file": key, "ord": ord_, "type": doc.doc_type, "number": doc.number,
        "number_key": number_key(doc.number) if doc.number else None, "title": doc.title,
        "issuer": doc.issuer, "place": doc.place, "date": doc.date, "signer": doc.signer,
        "signer_capacity": doc.signer_capacity, "effective_date": doc.effective_date,
        "structure": doc.structure, "preamble": doc.preamble, "signature": doc.signature,
        "parent_number": doc.parent_number, "parent_doc_id": parent,
        "bases": json.dumps(list(doc.bases), ensure_ascii=False),
        "recipients": json.dumps(list(doc.recipients), ensure_ascii=False),
        "replaces": json.dumps(list(doc.replaces), ensure_ascii=False),
        "footnotes": json.dumps(
            [{"num": f.num, "text": f.text, "start": f.span.start, "end": f.span.end, "line": f.span.line}
             for f in doc.footnotes], ensure_ascii=False),
        "start": doc.span.start, "end": doc.span.end, "line": doc.span.line, "node_count": node_count,
    }
    _insert_rows(conn, "documents", [row])


def _operation_row(op: Any, did: str, ord_: int) -> dict[str, Any]:
    from parsers.model import _node_dict

    target = op.target.document
    return {
        "doc_id": did, "ord": ord_, "kind": op.kind, "target_doc": target,
        "target_key": number_key(target) if target and re.search(r"\d+/", target) else None,
        "target_eid": op.target.eid, "part": op.target.part, "source_doc": op.source_doc, "source_eid": op.source_eid,
        "after": op.after, "before": op.before, "old": op.old, "new": op.new, "effective": op.effective,
        "content": json.dumps([_node_dict(n) for n in op.content], ensure_ascii=False) if op.content else None,
        "start": op.span.start, "end": op.span.end, "line": op.span.line,
    }


def operations_on(db: sqlite_utils.Database, number: str) -> list[dict[str, Any]]:
    """The stored operations whose amended document is `number`, oldest first, with their document's file."""
    if not db["operations"].exists():
        return []
    return list(db.query(
        "SELECT o.*, d.file FROM operations o JOIN documents d ON d.doc_id = o.doc_id WHERE o.target_key = ? "
        "ORDER BY o.effective, o.doc_id, o.ord", [number_key(number)]))


def _lean(row: dict[str, Any], view: str, source: str | None) -> dict[str, Any]:
    """A row of `view` as its table stores it: each sliced column as offset and length into `source` (the
    text the view reads it from) when found there, else whole."""
    out = dict(row)
    for name in _SLICED[view]:
        value = out[name]
        at = source.find(value) if value is not None and source and "\x00" not in source else -1
        if at >= 0:
            out |= {name: None, f"{name}_at": at, f"{name}_len": len(value)}
        else:
            out |= {f"{name}_at": None, f"{name}_len": None}
    return out


def _insert_actors(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Each document's actors as (doc_id, form), the form stored once for the whole KB (see `_SLICED`)."""
    if not rows:
        return
    names = [c for c in ACTOR_FORM_COLUMNS if c not in ("key", "digest")]
    forms: dict[str, tuple[Any, ...]] = {}
    for r in rows:
        values = tuple(r[c] for c in names)
        forms.setdefault(hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()[:20], values)
    conn.executemany(f"INSERT OR IGNORE INTO actor_forms (digest, {', '.join(names)}) "
                     f"VALUES (?{', ?' * len(names)})", [(d, *v) for d, v in forms.items()])
    marks = ", ".join("?" * len(forms))
    keys = dict(conn.execute(f"SELECT digest, key FROM actor_forms WHERE digest IN ({marks})", list(forms)).fetchall())
    digests = {v: d for d, v in forms.items()}
    conn.executemany("INSERT INTO actor_rows (doc_id, form) VALUES (?, ?)",
                     [(r["doc_id"], keys[digests[tuple(r[c] for c in names)]]) for r in rows])


def _insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    cols = list(rows[0])
    sql = (f'INSERT INTO "{table}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in cols)}) '
           f'VALUES ({", ".join("?" * len(cols))})')
    conn.executemany(sql, [tuple(r.get(c) for c in cols) for r in rows])


# --- nodes and their addresses -----------------------------------------------------------------------
def _node_rows(doc: Document, did: str) -> Iterator[dict[str, Any]]:
    counter = iter(range(1_000_000_000))
    for node, chain, address in _walk(doc.nodes, (), ""):
        parent = chain[-1].eid if chain else None
        yield {
            "doc_id": did, "eid": node.eid, "parent": parent, "ord": next(counter), "depth": len(chain),
            "kind": node.kind, "num": node.num, "heading": node.heading, "text": node.text, "address": address,
            "start": node.span.start, "end": node.span.end, "line": node.span.line, "address_fold": fold(address),
        }


def _walk(
    nodes: tuple[Node, ...], chain: tuple[Node, ...], parent_address: str,
) -> Iterator[tuple[Node, tuple[Node, ...], str]]:
    seen: dict[str, int] = {}
    for node in nodes:
        seen[node.kind] = seen.get(node.kind, 0) + 1
        address = node_address(node, chain, parent_address, seen[node.kind])
        yield node, chain, address
        yield from _walk(node.children, chain + (node,), address)


def node_address(node: Node, chain: tuple[Node, ...], parent_address: str, ordinal: int) -> str:
    """How people cite a node: "Điều 12 khoản 1 điểm a" (article-based), "Chương II", plans "II.2.1"."""
    num = node.num or str(ordinal)
    if node.kind in _LABELS:
        label = f"{_LABELS[node.kind]} {num}"
        # Articles are numbered through the whole text: a chapter is not part of their address.
        if node.kind == "dieu" or not parent_address:
            return label
        return f"{parent_address} {label}"
    if node.kind in _PLAN_DOTTED:
        if not parent_address or not chain or chain[-1].kind not in _PLAN_DOTTED:
            return f"{parent_address} {num}".strip()
        parent_num = chain[-1].num or ""
        # "2.1" under item "2" already carries its parent's number.
        if parent_num and num.startswith(parent_num + ".") and parent_address.endswith(parent_num):
            return parent_address[: len(parent_address) - len(parent_num)] + num
        return f"{parent_address}.{num}"
    if node.kind == "bullet":
        return f"{parent_address} gạch đầu dòng {ordinal}".strip()
    return f"{parent_address} đoạn {ordinal}".strip()


# --- queries the CLI and the app call ----------------------------------------------------------------
_JSON_COLUMNS = ("bases", "recipients", "replaces", "footnotes")


def list_documents(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every document: id, type, number, title, date, issuer, file name, parent, node count; file order."""
    return list(db.query(
        "SELECT d.doc_id, d.type, d.number, d.title, d.date, d.issuer, d.structure, f.name AS file, "
        "d.parent_doc_id, d.node_count AS nodes "
        "FROM documents d JOIN files f ON f.path = d.file ORDER BY f.name, d.ord"
    ))


def get_document(db: sqlite_utils.Database, doc_id: str) -> dict[str, Any]:
    rows = list(db.query(
        "SELECT d.*, f.name AS file_name FROM documents d JOIN files f ON f.path = d.file WHERE d.doc_id = ?",
        [doc_id],
    ))
    if not rows:
        raise KbError(f"no document {doc_id!r} in the knowledge base (see `kb docs`)")
    doc = rows[0]
    for col in _JSON_COLUMNS:
        doc[col] = json.loads(doc[col] or "[]")
    return doc


_NODE_FIELDS = "doc_id, eid, parent, ord, depth, kind, num, heading, text, address, start, \"end\", line"


def get_nodes(db: sqlite_utils.Database, doc_id: str) -> list[dict[str, Any]]:
    """A document's nodes in document order, flat (each with its parent's eid and depth)."""
    get_document(db, doc_id)
    return list(db.query(f"SELECT {_NODE_FIELDS} FROM nodes WHERE doc_id = ? ORDER BY ord", [doc_id]))


def get_node(db: sqlite_utils.Database, doc_id: str, eid: str) -> dict[str, Any]:
    rows = list(db.query(f"SELECT {_NODE_FIELDS} FROM nodes WHERE doc_id = ? AND eid = ?", [doc_id, eid]))
    if not rows:
        get_document(db, doc_id)
        raise KbError(f"no node {eid!r} in document {doc_id!r}")
    return rows[0]
