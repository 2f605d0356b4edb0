"""The page of a cited-only document (issue 11) reads its references through the target_doc index, not a
scan of every reference row, and finds the same clauses a scan finds."""

from __future__ import annotations

import app_kb
import pytest

from kb.numbers import number_key
from kb.store import db as store
from kb.store import portal


@pytest.fixture(scope="module")
def db():
    return store.open_db(app_kb.corpus_kb()[1])


def _plan(db, sql: str, params: list[str]) -> str:
    return " ".join(str(r[-1]) for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())


def test_both_queries_use_the_index(db) -> None:
    assert "USING COVERING INDEX" in _plan(db, portal.CITED_FORMS_SQL, [])
    assert "USING INDEX" in _plan(db, portal.CITING_SQL.format(marks="?"), ["80/2025/NĐ-CP"])


@pytest.mark.parametrize("number", ["80/2025/NĐ-CP", "64/2025/QH15", "59/2012/NĐ-CP"])
def test_same_clauses_as_a_scan(db, number: str) -> None:
    key = number_key(number)
    scan = [dict(r) for r in db.query('SELECT doc_id, source_eid, text, relation, target_eid, target_doc, line '
                                      'FROM "references" WHERE target_doc IS NOT NULL ORDER BY doc_id, start')
            if number_key(r["target_doc"]) == key]
    assert scan  # the corpus cites each of these numbers
    assert portal.citing_rows(db, key) == scan
