"""Statuses of the documents of a KB, from their stored rows: each document's own fields (number, date,
preamble, the effective date read at build time, its parent's for an attached text), the citation
relations of the other stored documents ("thay thế", "sửa đổi, bổ sung", "bãi bỏ" from their body) and the
catalog. Computed when read, so a status follows the date asked and every document stored so far."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from kb.citations.catalog import load_catalog
from kb.model import Reference
from kb.numbers import number_key
from kb.validity.effective import EffectiveDate
from kb.validity.status import Status, document_status, events_from_catalog, events_from_references
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


def stored_statuses(db: sqlite_utils.Database, as_of: str | None = None,
                    only: Iterable[str] | None = None) -> dict[str, Status]:
    """doc_id → the document's status on `as_of` (today when None); of the documents `only` names when given
    (a query's answer needs the statuses of the documents it shows, not of the whole KB)."""
    wanted = None if only is None else set(only)
    # Every document's number and dates (what a citing text and an attached text's parent need), read as
    # tuples; the wider columns only of the documents whose status is asked.
    cursor = db.conn.cursor()
    cursor.row_factory = None
    light = ("doc_id", "number", "date", "effective_date", "parent_doc_id")
    rows = {v[0]: dict(zip(light, v)) for v in cursor.execute(f"SELECT {', '.join(light)} FROM documents")}
    asked = list(rows) if wanted is None else [d for d in wanted if d in rows]
    wide = ("type", "title", "issuer", "place", "structure", "preamble")
    for start in range(0, len(asked), 500):
        chunk = asked[start:start + 500]
        for v in cursor.execute(f"SELECT doc_id, {', '.join(wide)} FROM documents WHERE doc_id IN "
                                f"({', '.join('?' * len(chunk))})", chunk):
            rows[v[0]].update(zip(wide, v[1:]))
    by_key = {number_key(r["number"]): d for d, r in rows.items() if r["number"]}
    events: dict[str, list] = {d: [] for d in rows}
    for ref in db.query('SELECT doc_id, source_eid, target_doc, target_eid, relation FROM "references" '
                        "WHERE relation IN ('thay_the', 'sua_doi_bo_sung') AND source_eid IS NOT NULL"):
        target = by_key.get(number_key(ref["target_doc"])) if ref["target_doc"] else None
        citing = rows.get(ref["doc_id"])
        if target is None or citing is None or target == ref["doc_id"]:
            continue
        value = Reference(ref["source_eid"], "", ref["target_doc"], ref["target_eid"], ref["relation"], Span(0, 0, 1))
        events[target] += events_from_references([value], citing["number"], citing["effective_date"] or citing["date"])
    catalog = load_catalog()
    out: dict[str, Status] = {}
    for did in asked:
        row = rows[did]
        entry = catalog.get(row["number"], row["place"] or row["issuer"]) if row["number"] else None
        parent = rows.get(row["parent_doc_id"]) if row["parent_doc_id"] else None
        out[did] = document_status(_document(row), _effective(row, parent), events[did] + events_from_catalog(entry, catalog),
                                   as_of)
    return out
