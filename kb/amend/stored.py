"""The text in force of a stored document, as the app's Văn bản page shows it: the base with every stored
amending document's operations in force on a date applied, each changed unit with its official footnote,
and the versions of one provision.

The operations table says which stored texts amend a number, so a document no stored text amends costs one
indexed lookup and nothing is parsed; only when there are amendments are the files re-parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from kb.amend.apply import consolidate, history
from kb.amend.views import footnote, load, stored_amendments
from kb.labels import eid_address, format_date
from kb.numbers import number_key


@dataclass(frozen=True)
class InForce:
    """The consolidated text of a stored document on a date."""

    rows: list[dict[str, Any]]  # one per unit in document order, as the tree view reads nodes
    amending: list[str]  # "Luật 63/2020/QH14 (01/01/2021)", oldest first
    applied: int  # operations applied
    problems: list[str]  # instructions that could not be applied, said in words


def is_amended(db: sqlite_utils.Database, number: str | None) -> bool:
    """Does any stored text amend the document numbered `number`?"""
    if not number or not db["operations"].exists():
        return False
    return db.execute("SELECT 1 FROM operations WHERE target_key = ? LIMIT 1", [number_key(number)]).fetchone() is not None


def in_force(db_path: str, doc_id: str, as_of: str | None) -> InForce:
    """The text of `doc_id` in force on `as_of` (ISO date; None: with every stored amendment)."""
    base = load(doc_id, db_path)
    docs = stored_amendments(base, db_path)
    result = consolidate(base, docs, as_of)
    rows: list[dict[str, Any]] = []

    def visit(node: Any, depth: int) -> None:
        notes = [footnote(node, change) for change in node.history]
        rows.append({"eid": node.eid, "kind": node.kind, "num": node.num, "heading": node.heading,
                     "text": "(đã bãi bỏ)" if node.repealed else node.text, "depth": depth,
                     "address": eid_address(node.eid), "notes": notes, "repealed": node.repealed})
        for child in node.children:
            visit(child, depth + 1)

    for node in result.document.nodes:
        visit(node, 0)
    amending = [f"{d.doc_type} {d.number or '(chưa có số)'}" + (f" ({format_date(d.effective_date)})"
                                                                 if d.effective_date else "") for d in docs]
    problems = [f"{eid_address(p.source_eid) or 'Văn bản'} của {p.source_doc or 'văn bản sửa đổi'}: {p.message}"
                for p in result.problems]
    return InForce(rows, amending, len(result.applied), problems)


def exported(db_path: str, doc_id: str, as_of: str | None, fmt: str) -> bytes:
    """The văn bản hợp nhất of `doc_id` on `as_of` as a file to download: "html" (UTF-8) or "docx"."""
    import tempfile
    from pathlib import Path

    from kb.amend.export import to_docx, to_html

    base = load(doc_id, db_path)
    result = consolidate(base, stored_amendments(base, db_path), as_of)
    if fmt == "html":
        return to_html(result).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        return to_docx(result, Path(tmp) / "hop-nhat.docx").read_bytes()


def versions(db_path: str, doc_id: str, eid: str) -> list[dict[str, Any]]:
    """Every version of one provision of a stored document, oldest first: since (ISO), source number, text."""
    base = load(doc_id, db_path)
    return history(base, stored_amendments(base, db_path), eid)
