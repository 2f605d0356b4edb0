"""Statuses of the documents of a KB, from their stored rows: each document's own fields (number, date,
preamble, the effective date read at build time, its parent's for an attached text), the amending operations
of the other stored documents (the `operations` table: units replaced, inserted, repealed, phrases changed,
each from its own date; the whole text repealed), their citation relations ("thay thế", "sửa đổi, bổ sung",
"bãi bỏ" from their body, for texts whose operations say nothing of it) and the catalog. Computed when read, so a status follows the date asked and every document stored so far."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import sqlite_utils

from kb.citations.catalog import load_catalog
from kb.model import Reference
from kb.numbers import number_key
from kb.validity.effective import EffectiveDate
from kb.validity.status import (
    Event,
    Status,
    cause_name,
    document_status,
    events_from_catalog,
    events_from_references,
    operation_event,
)
from parsers.model import Document, Span


def _document(row: dict[str, Any]) -> Document:
    return Document(
        doc_type=row["type"] or "Văn bản", number=row["number"], title=row["title"], issuer=row["issuer"],
        place=row["place"], date=row["date"], signer=None, signer_capacity=None, bases=(), recipients=(),
        effective_date=row["effective_date"], replaces=(), footnotes=(), nodes=(), structure=row["structure"] or "",
        preamble=row["preamble"] or "")


def _effective(row: dict[str, Any], parent: dict[str, Any] | None) -> EffectiveDate | None:
    if row["effective_date"]:
        return EffectiveDate(row["effective_date"], "ngay", "", Span(0, 0, 1), None)
    if parent and parent["effective_date"]:
        return EffectiveDate(parent["effective_date"], "ngay", "", Span(0, 0, 1), None,
                             inherited_from=parent["number"])
    return None


def _rows(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    return {r["doc_id"]: r for r in db.query(
        "SELECT doc_id, type, number, title, issuer, place, date, effective_date, structure, preamble, "
        "parent_doc_id FROM documents")}


_RELATIONS = ("thay_the", "sua_doi_bo_sung")  # the citations that change what they cite
_CHUNK = 500  # parameters per IN (...) list


def _tuples(db: sqlite_utils.Database, sql: str, values: list[str]) -> Iterable[tuple[Any, ...]]:
    """The rows of SQL (with one `{}` for an IN list) for VALUES, read as tuples a chunk at a time."""
    cursor = db.conn.cursor()
    cursor.row_factory = None
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        yield from cursor.execute(sql.format(", ".join("?" * len(chunk))), chunk)


_LIGHT = ("doc_id", "type", "number", "date", "effective_date", "parent_doc_id")
_WIDE = (*_LIGHT, "title", "issuer", "place", "structure", "preamble")


def _rows_where(db: sqlite_utils.Database, column: str, values: list[str],
                columns: tuple[str, ...] = _LIGHT) -> dict[str, dict[str, Any]]:
    """COLUMNS of the documents whose COLUMN (doc_id or number_key, both indexed) is among VALUES, in KB order."""
    return {v[0]: dict(zip(columns, v)) for v in _tuples(
        db, f"SELECT {', '.join(columns)} FROM documents WHERE {column} IN ({{}}) ORDER BY rowid", values)}


def _stored_events(db: sqlite_utils.Database, by_key: dict[str, str]) -> dict[str, list[Event]]:
    """What the stored documents did to the documents `by_key` names (number key → an id of the caller's):
    their operations first, then their citations for those whose operations say nothing of the target. Indexed
    lookups on the keys asked only, so the cost follows the answer, not the size of the KB."""
    events: dict[str, list[Event]] = {t: [] for t in by_key.values()}
    keys = sorted(by_key)
    own = {number_key(r["number"]): d for d, r in _rows_where(db, "number_key", keys).items()}
    ops = list(_tuples(db, "SELECT doc_id, kind, target_key, target_eid, source_doc, effective FROM operations "
                           "WHERE target_key IN ({}) ORDER BY rowid", keys)) if db["operations"].exists() else []
    refs = list(_tuples(db, "SELECT doc_id, source_eid, target_doc, target_eid, relation, target_key FROM "
                            "reference_rows WHERE target_key IN ({}) AND relation IN ('thay_the', 'sua_doi_bo_sung') "
                            "AND source_eid IS NOT NULL ORDER BY rowid", keys))
    rows = _rows_where(db, "doc_id", sorted({o[0] for o in ops} | {r[0] for r in refs}))
    causes = {o[4] or (rows[o[0]]["number"] if o[0] in rows else None) for o in ops} | {r[2] for r in refs}
    causes |= {r["number"] for r in rows.values()}
    named = _rows_where(db, "number_key", sorted({number_key(c) for c in causes if c}))
    names = {r["number"]: cause_name(r["type"], r["number"]) for r in named.values() if r["number"]}
    operated: set[tuple[str, str]] = set()  # (amended, amending doc_id): its operations tell what it did
    for doc_id, kind, key, eid, source_doc, effective in ops:
        target, amending = by_key.get(key), rows.get(doc_id)
        if target is None or amending is None or own.get(key) == doc_id:
            continue
        cause = source_doc or amending["number"]
        events[target].append(operation_event(kind, eid, effective, cause, names.get(cause or "")))
        operated.add((target, doc_id))
    for doc_id, source_eid, target_doc, target_eid, relation, key in refs:
        target, citing = by_key.get(key), rows.get(doc_id)
        if target is None or citing is None or own.get(key) == doc_id:
            continue
        value = Reference(source_eid, "", target_doc, target_eid, relation, Span(0, 0, 1))
        found = events_from_references([value], citing["number"], citing["effective_date"] or citing["date"])
        if (target, doc_id) in operated:  # its operations say which units and how: only a replacement adds
            found = [e for e in found if e.kind == "replaced"]
        events[target] += [replace(e, cause_name=names.get(e.cause or "")) for e in found]
    return events


def stored_statuses(db: sqlite_utils.Database, as_of: str | None = None,
                    only: Iterable[str] | None = None) -> dict[str, Status]:
    """doc_id → the document's status on `as_of` (today when None); of the documents `only` names when given
    (a query's answer needs the statuses of the documents it shows, not of the whole KB)."""
    rows = _rows(db) if only is None else _rows_where(db, "doc_id", sorted(set(only)), _WIDE)
    parents = _rows_where(db, "doc_id", sorted({r["parent_doc_id"] for r in rows.values() if r["parent_doc_id"]}
                                                - set(rows)))
    events = _stored_events(db, {number_key(r["number"]): d for d, r in rows.items() if r["number"]})
    catalog = load_catalog()
    out: dict[str, Status] = {}
    for did, row in rows.items():
        entry = catalog.get(row["number"], row["place"] or row["issuer"]) if row["number"] else None
        parent_id = row["parent_doc_id"]
        parent = (rows.get(parent_id) or parents.get(parent_id)) if parent_id else None
        out[did] = document_status(_document(row), _effective(row, parent),
                                   events.get(did, []) + events_from_catalog(entry, catalog), as_of)
    return out


def events_in_kb(db: sqlite_utils.Database, numbers: list[str | None]) -> list[list[Event]]:
    """For documents read from files (`kb parse FILE --db KB`): what the stored documents did to each, by its
    number (none for a document without one, or stored under the same number: it is not its own amender)."""
    keys = {number_key(n): number_key(n) for n in numbers if n}
    events = _stored_events(db, keys)
    return [events.get(number_key(n), []) if n else [] for n in numbers]
