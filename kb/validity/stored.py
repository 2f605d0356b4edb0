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


def _stored_events(db: sqlite_utils.Database, rows: dict[str, dict[str, Any]],
                   by_key: dict[str, str]) -> dict[str, list[Event]]:
    """What the stored documents did to the documents `by_key` names (number key → an id of the caller's):
    their operations first, then their citations for those whose operations say nothing of the target."""
    events: dict[str, list[Event]] = {t: [] for t in by_key.values()}
    names = {r["number"]: cause_name(r["type"], r["number"]) for r in rows.values() if r["number"]}
    own = {number_key(r["number"]): d for d, r in rows.items() if r["number"]}
    operated: set[tuple[str, str]] = set()  # (amended, amending doc_id): its operations tell what it did
    if db["operations"].exists():
        for op in db.query("SELECT doc_id, kind, target_key, target_eid, source_doc, effective FROM operations "
                           "WHERE target_key IS NOT NULL"):
            target = by_key.get(op["target_key"])
            amending = rows.get(op["doc_id"])
            if target is None or amending is None or own.get(op["target_key"]) == op["doc_id"]:
                continue
            cause = op["source_doc"] or amending["number"]
            events[target].append(operation_event(op["kind"], op["target_eid"], op["effective"], cause,
                                                  names.get(cause or "")))
            operated.add((target, op["doc_id"]))
    for ref in db.query('SELECT doc_id, source_eid, target_doc, target_eid, relation FROM "references" '
                        "WHERE relation IN ('thay_the', 'sua_doi_bo_sung') AND source_eid IS NOT NULL"):
        key = number_key(ref["target_doc"]) if ref["target_doc"] else None
        target = by_key.get(key) if key else None
        citing = rows.get(ref["doc_id"])
        if target is None or citing is None or own.get(key) == ref["doc_id"]:
            continue
        value = Reference(ref["source_eid"], "", ref["target_doc"], ref["target_eid"], ref["relation"], Span(0, 0, 1))
        found = events_from_references([value], citing["number"], citing["effective_date"] or citing["date"])
        if (target, ref["doc_id"]) in operated:  # its operations say which units and how: only a replacement adds
            found = [e for e in found if e.kind == "replaced"]
        events[target] += [replace(e, cause_name=names.get(e.cause or "")) for e in found]
    return events


def _some_rows(db: sqlite_utils.Database, wanted: set[str] | None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every document's number, type and dates (what a citing text and an attached text's parent need), read
    as tuples; the wider columns only of the documents whose status is asked (all when `wanted` is None)."""
    if wanted is None:
        rows = _rows(db)
        return rows, list(rows)
    cursor = db.conn.cursor()
    cursor.row_factory = None
    light = ("doc_id", "type", "number", "date", "effective_date", "parent_doc_id")
    rows = {v[0]: dict(zip(light, v)) for v in cursor.execute(f"SELECT {', '.join(light)} FROM documents")}
    asked = [d for d in wanted if d in rows]
    wide = ("title", "issuer", "place", "structure", "preamble")
    for start in range(0, len(asked), 500):
        chunk = asked[start:start + 500]
        for v in cursor.execute(f"SELECT doc_id, {', '.join(wide)} FROM documents WHERE doc_id IN "
                                f"({', '.join('?' * len(chunk))})", chunk):
            rows[v[0]].update(zip(wide, v[1:]))
    return rows, asked


def stored_statuses(db: sqlite_utils.Database, as_of: str | None = None,
                    only: Iterable[str] | None = None) -> dict[str, Status]:
    """doc_id → the document's status on `as_of` (today when None); of the documents `only` names when given
    (a query's answer needs the statuses of the documents it shows, not of the whole KB)."""
    rows, asked = _some_rows(db, None if only is None else set(only))
    mine = set(asked)
    events = _stored_events(db, rows, {number_key(r["number"]): d for d, r in rows.items()
                                       if r["number"] and d in mine})
    catalog = load_catalog()
    out: dict[str, Status] = {}
    for did in asked:
        row = rows[did]
        entry = catalog.get(row["number"], row["place"] or row["issuer"]) if row["number"] else None
        parent = rows.get(row["parent_doc_id"]) if row["parent_doc_id"] else None
        out[did] = document_status(_document(row), _effective(row, parent),
                                   events.get(did, []) + events_from_catalog(entry, catalog), as_of)
    return out


def events_in_kb(db: sqlite_utils.Database, numbers: list[str | None]) -> list[list[Event]]:
    """For documents read from files (`kb parse FILE --db KB`): what the stored documents did to each, by its
    number (none for a document without one, or stored under the same number: it is not its own amender)."""
    rows = _rows(db)
    keys = {number_key(n): number_key(n) for n in numbers if n}
    events = _stored_events(db, rows, keys)
    return [events.get(number_key(n), []) if n else [] for n in numbers]
