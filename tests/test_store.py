"""The knowledge base store: build, incremental rebuild, per-file atomicity, WAL readers, queries.

The first half uses a stand-in parser (tests/kb_fake.py) so the store is tested on its own; the second
half builds the real corpus.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from kb_corpus import CORPUS_FILES, copy_corpus, corpus_kb
from kb_fake import fake_parse

from kb import pipeline
from kb.cli import main as kb_main
from kb.errors import KbError
from kb.model import Deadline, Duty, Reference
from kb.pipeline import Hooks, build
from kb.store import db as store
from kb.store.db import get_document, get_node, get_nodes, list_documents, node_address, open_db
from parsers.model import Node, Span

S = Span(0, 0, 1)
NO_HOOKS = Hooks(references=None, duties=None, actors=None)


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


FILES = {
    "a.txt": "01/2020/QĐ-UBND\nSở Tư pháp chủ trì.\nỦy ban nhân dân cấp xã phối hợp.\n",
    "b.md": "-\nVăn phòng báo cáo.\n",
    "c.txt": "02/2021/NQ-HĐND\nMột.\nHai.\nBa.\n",
    "README.md": "01/2020/QĐ-UBND\nnot a document\n",
    "data.json": "{}",
}


@pytest.fixture(autouse=True)
def _same_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other code changing while the tests run must not turn a rebuild into a full one."""
    monkeypatch.setattr(store, "code_fingerprint", lambda: "this version")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return _write(tmp_path / "docs", FILES)


def _count(db_path: Path, table: str) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


# --- addresses ----------------------------------------------------------------------------------------
def _n(kind: str, num: str | None) -> Node:
    return Node(kind, num, None, "", "x", S)


ADDRESSES = [
    # (node, ancestors, parent's address, ordinal among same-kind siblings) -> address
    ((_n("chuong", "II"), (), "", 2), "Chương II"),
    ((_n("muc", "1"), (_n("chuong", "II"),), "Chương II", 1), "Chương II Mục 1"),
    ((_n("dieu", "12"), (_n("chuong", "II"), _n("muc", "1")), "Chương II Mục 1", 3), "Điều 12"),
    ((_n("khoan", "1"), (_n("dieu", "12"),), "Điều 12", 1), "Điều 12 khoản 1"),
    ((_n("diem", "a"), (_n("dieu", "12"), _n("khoan", "1")), "Điều 12 khoản 1", 1), "Điều 12 khoản 1 điểm a"),
    ((_n("diem", "đ"), (_n("dieu", "5"),), "Điều 5", 5), "Điều 5 điểm đ"),
    ((_n("khoan", "3"), (), "", 3), "khoản 3"),
    ((_n("section", "II"), (), "", 2), "II"),
    ((_n("item", "2"), (_n("section", "II"),), "II", 2), "II.2"),
    ((_n("subitem", "2.1"), (_n("section", "II"), _n("item", "2")), "II.2", 1), "II.2.1"),
    ((_n("subitem", "a"), (_n("section", "II"), _n("item", "2")), "II.2", 1), "II.2.a"),
    ((_n("bullet", None), (_n("section", "I"), _n("item", "1")), "I.1", 2), "I.1 gạch đầu dòng 2"),
    ((_n("paragraph", None), (), "", 4), "đoạn 4"),
]


@pytest.mark.parametrize(("args", "expected"), ADDRESSES)
def test_node_address(args: tuple, expected: str) -> None:
    assert node_address(*args) == expected


# --- build with the stand-in parser ---------------------------------------------------------------
def test_build_stores_files_documents_and_nodes(folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "kb.db"
    report = build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert report.ok
    assert sorted(Path(p).name for p in report.parsed) == ["a.txt", "b.md", "c.txt"]  # no README, no .json
    assert (report.documents, report.nodes) == (3, 3 * 6)
    db = open_db(db_path)
    docs = {d["doc_id"]: d for d in list_documents(db)}
    assert set(docs) == {"01/2020/QĐ-UBND", "b:quyet-dinh", "02/2021/NQ-HĐND"}
    assert (docs["b:quyet-dinh"]["file"], docs["02/2021/NQ-HĐND"]["nodes"]) == ("b.md", 9)
    doc = get_document(db, "01/2020/QĐ-UBND")
    assert (doc["type"], doc["number_key"], doc["bases"]) == ("Quyết định", "1/2020/QD-UBND", [])
    nodes = get_nodes(db, "01/2020/QĐ-UBND")
    assert [(n["eid"], n["parent"], n["depth"], n["address"]) for n in nodes[:3]] == [
        ("art_1", None, 0, "Điều 1"),
        ("art_1__para_1", "art_1", 1, "Điều 1 khoản 1"),
        ("art_1__para_1__point_a", "art_1__para_1", 2, "Điều 1 khoản 1 điểm a"),
    ]
    assert [n["ord"] for n in nodes] == list(range(6))
    node = get_node(db, "01/2020/QĐ-UBND", "art_2")
    assert (node["text"], node["heading"], node["line"]) == ("Ủy ban nhân dân cấp xã phối hợp.", "Tiêu đề 2", 3)
    # Text is stored once (no folded or normalised copy); the index finds it folded, đ as d included.
    columns = {r[1] for r in db.execute("PRAGMA table_info(nodes)")}
    assert {"text", "address_fold"} <= columns and not columns & {"text_fold", "text_norm", "heading_fold"}
    hits = db.execute("SELECT n.eid FROM nodes_fts f JOIN nodes n ON n.id = f.rowid "
                      "WHERE nodes_fts MATCH '\"uy ban nhan dan cap xa\"' AND n.doc_id LIKE '01/%'").fetchall()
    assert [h[0] for h in hits] == ["art_2"]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda db: get_document(db, "99/2099/X"), "no document '99/2099/X'"),
        (lambda db: get_nodes(db, "nope"), "no document 'nope'"),
        (lambda db: get_node(db, "01/2020/QĐ-UBND", "art_99"), "no node 'art_99'"),
    ],
)
def test_unknown_ids_raise_kb_error(folder: Path, tmp_path: Path, call, message: str) -> None:
    build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    with pytest.raises(KbError, match=message):
        call(open_db(tmp_path / "kb.db"))


def test_missing_kb_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(KbError, match=r"no knowledge base at .*missing\.db: run `kb build` first"):
        open_db(tmp_path / "missing.db")
    assert kb_main(["docs", "--db", str(tmp_path / "missing.db")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kb: lỗi: chưa có kho văn bản tại") and err.count("\n") == 1


def test_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KbError, match="is not a knowledge base"):
        open_db(junk)


def test_kb_of_another_version_is_one_clear_error(folder: Path, tmp_path: Path) -> None:
    build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    with sqlite3.connect(tmp_path / "kb.db") as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    with pytest.raises(KbError, match="was built by another version of vbkb: run `kb build` again"):
        open_db(tmp_path / "kb.db")
    report = build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)  # rebuilt whole
    assert (len(report.parsed), report.documents) == (3, 3)
    assert len(list_documents(open_db(tmp_path / "kb.db"))) == 3


def test_missing_path_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KbError, match="không có tệp hoặc thư mục"):
        build([tmp_path / "nowhere"], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)


def test_unchanged_changed_removed(folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "kb.db"
    build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    (folder / "c.txt").write_text("02/2021/NQ-HĐND\nMột.\n", encoding="utf-8")  # 3 articles → 1
    (folder / "b.md").unlink()
    report = build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert [Path(p).name for p in report.parsed] == ["c.txt"]
    assert [Path(p).name for p in report.unchanged] == ["a.txt"]
    assert [Path(p).name for p in report.removed] == ["b.md"]
    assert (report.documents, report.nodes) == (2, 2 * 3 + 3)
    assert _count(db_path, "files") == 2
    assert _count(db_path, "nodes_fts") == 9  # the index follows the rows
    with sqlite3.connect(db_path) as conn:
        # FTS5 checks its index against the stored rows (an error if a delete missed its values)
        conn.execute("INSERT INTO nodes_fts (nodes_fts, rank) VALUES ('integrity-check', 1)")
        numbers = conn.execute("SELECT number_key, doc_id FROM number_grams ORDER BY doc_id").fetchall()
        stored = conn.execute("SELECT number_key, doc_id FROM documents WHERE length(number_key) >= 3 "
                              "ORDER BY doc_id").fetchall()
    assert numbers == stored and ("2/2021/NQ-HDND", "02/2021/NQ-HĐND") in numbers


def test_failed_file_is_reported_and_others_are_built(folder: Path, tmp_path: Path) -> None:
    (folder / "bad.txt").write_text("FAIL\n", encoding="utf-8")
    report = build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    assert report.failed == ((str(folder / "bad.txt"), "not a document"),)
    assert len(report.parsed) == 3 and report.documents == 3


def test_failure_inside_the_write_leaves_the_file_as_it_was(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_path = tmp_path / "kb.db"
    build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    before = [(n["eid"], n["text"]) for n in get_nodes(open_db(db_path), "02/2021/NQ-HĐND")]
    (folder / "c.txt").write_text("02/2021/NQ-HĐND\nMới.\n", encoding="utf-8")
    real_rows = store._node_rows

    def broken_rows(doc, did):  # old rows deleted, new document and some nodes inserted, then a failure
        rows = list(real_rows(doc, did))
        yield from rows[:2]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_node_rows", broken_rows)
    report = build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert report.failed == ((str(folder / "c.txt"), "RuntimeError: disk on fire"),)
    db = open_db(db_path)
    assert [(n["eid"], n["text"]) for n in get_nodes(db, "02/2021/NQ-HĐND")] == before
    assert db.execute("SELECT count(*) FROM nodes_fts WHERE nodes_fts MATCH 'moi'").fetchone()[0] == 0
    monkeypatch.setattr(store, "_node_rows", real_rows)
    report = build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)  # the failed file is tried again
    assert [Path(p).name for p in report.parsed] == ["c.txt"]
    assert next(n["text"] for n in get_nodes(open_db(db_path), "02/2021/NQ-HĐND")) == "Mới."


def test_readers_see_old_or_new_file_never_a_mix(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_path = tmp_path / "kb.db"
    build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    reader = sqlite3.connect(db_path, isolation_level=None)

    def state() -> tuple:
        return reader.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM nodes), "
            "(SELECT group_concat(text, '|') FROM nodes WHERE doc_id = '02/2021/NQ-HĐND' AND kind = 'dieu')"
        ).fetchone()

    old = state()
    assert old == (3, 18, "Một.|Hai.|Ba.")
    seen_mid_write = []
    real_insert = store._insert_rows

    def spying_insert(conn, table, rows):  # runs inside the writer's open transaction
        real_insert(conn, table, rows)
        seen_mid_write.append(state())

    monkeypatch.setattr(store, "_insert_rows", spying_insert)
    reader.execute("BEGIN")
    assert state() == old  # a read transaction pins its snapshot ...
    (folder / "c.txt").write_text("02/2021/NQ-HĐND\nBốn.\n", encoding="utf-8")
    build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert state() == old  # ... even after the writer committed
    reader.execute("COMMIT")
    assert seen_mid_write and set(seen_mid_write) == {old}
    assert state() == (3, 12, "Bốn.")


def test_same_number_in_two_files_gets_distinct_ids(tmp_path: Path) -> None:
    folder = _write(tmp_path / "d", {"x.txt": "30/2020/NĐ-CP\nMột.\n", "y.docx.txt": "30/2020/NĐ-CP\nHai.\n"})
    report = build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS)
    ids = sorted(d["doc_id"] for d in list_documents(open_db(tmp_path / "kb.db")))
    assert ids == ["30/2020/NĐ-CP", "30/2020/NĐ-CP:y-docx-txt"]
    assert report.warnings == ("y.docx.txt: document id 30/2020/NĐ-CP already used; stored as 30/2020/NĐ-CP:y-docx-txt",)


def test_enrichment_rows_are_stored_flat(folder: Path, tmp_path: Path) -> None:
    def refs(result, doc):
        return [Reference("art_1", "Nghị định số 59/2012/NĐ-CP", "59/2012/NĐ-CP", "art_3", "can_cu", Span(5, 30, 2))]

    def duties(result, doc, did):
        deadline = Deadline("trước ngày 18 tháng 12", "absolute", date="--12-18", recurrence="hang_nam")
        return [Duty("so_tu_phap", "chu_tri", "chủ trì", did, "art_1", "Sở Tư pháp chủ trì.", Span(1, 9, 2),
                     deadline=deadline), Duty("ubnd_cap_xa", "phoi_hop", "phối hợp", did, "art_2", "x", S)]

    hooks = Hooks(references=refs, duties=duties, actors=None)
    db_path = tmp_path / "kb.db"
    build([folder / "a.txt"], db_path, parse=fake_parse, hooks=hooks)
    db = open_db(db_path)
    ref = next(db.query('SELECT * FROM "references"'))
    assert (ref["doc_id"], ref["source_eid"], ref["target_doc"], ref["relation"], ref["start"], ref["line"]) == (
        "01/2020/QĐ-UBND", "art_1", "59/2012/NĐ-CP", "can_cu", 5, 2)
    rows = list(db.query("SELECT actor, deadline_text, deadline_kind, deadline_date, deadline_days, "
                         "deadline_recurrence, doc_id FROM duties ORDER BY actor"))
    assert [tuple(r.values()) for r in rows] == [
        ("so_tu_phap", "trước ngày 18 tháng 12", "absolute", "--12-18", None, "hang_nam", "01/2020/QĐ-UBND"),
        ("ubnd_cap_xa", None, None, None, None, None, "01/2020/QĐ-UBND"),
    ]


def test_failing_enrichment_fails_the_file(folder: Path, tmp_path: Path) -> None:
    def refs(result, doc):
        raise ValueError("bad citation")

    hooks = Hooks(references=refs, duties=None, actors=None)
    report = build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=hooks)
    assert {r for _, r in report.failed} == {"ValueError: bad citation"} and len(report.failed) == 3
    assert report.documents == 0


def test_cli_build_and_docs(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_build(paths, db, progress=False, force=False, jobs=None):
        return build(paths, db, progress, force, parse=fake_parse, hooks=NO_HOOKS)

    monkeypatch.setattr(pipeline, "build", fake_build)
    db = str(tmp_path / "kb.db")
    assert kb_main(["build", str(folder), "--db", db]) == 0
    assert capsys.readouterr().out.startswith("3 tệp: 3 đọc mới, 0 không đổi, 0 đã bỏ khỏi kho, 0 lỗi; 3 văn bản")
    (folder / "z.txt").write_text("FAIL", encoding="utf-8")
    assert kb_main(["build", str(folder), "--db", db]) == 2
    _out, err = capsys.readouterr()
    assert err == f"kb: lỗi: {folder / 'z.txt'}: not a document\n"
    assert kb_main(["docs", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[-1] for line in lines] == ["mã: 01/2020/QĐ-UBND", "mã: b:quyet-dinh",
                                                        "mã: 02/2021/NQ-HĐND"]


def test_code_change_reparses_every_file_and_retries_failures(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_path = tmp_path / "kb.db"
    build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert len(build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS).unchanged) == 3
    monkeypatch.setattr(store, "code_fingerprint", lambda: "another version of the parsers")

    def new_parser(path: Path):
        if path.name == "a.txt":
            raise ValueError("new bug")
        return fake_parse(path)

    report = build([folder], db_path, parse=new_parser, hooks=NO_HOOKS)
    assert (len(report.parsed), [Path(f).name for f, _ in report.failed]) == (2, ["a.txt"])
    assert len(get_nodes(open_db(db_path), "01/2020/QĐ-UBND")) == 6  # its rows from the old code stay
    report = build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert ([Path(p).name for p in report.parsed], len(report.unchanged)) == (["a.txt"], 2)


def test_copy_of_folder_is_independent(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    build([folder], tmp_path / "one.db", parse=fake_parse, hooks=NO_HOOKS)
    report = build([copy], tmp_path / "one.db", parse=fake_parse, hooks=NO_HOOKS)  # the KB now mirrors the copy
    assert (len(report.parsed), len(report.removed), report.documents) == (3, 3, 3)


# --- the real corpus --------------------------------------------------------------------------------
QD_2022 = "03/2022/QĐ-UBND"
QC_2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
QC_2026 = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
KH_BG = "bac-giang-2021-ke-hoach-thuc-hien-chi-thi-06-ct-tu:ke-hoach"
KH_ST = "soc-trang-2025-ke-hoach-theo-doi-thi-hanh-phap-luat:ke-hoach"
KH_SL = "son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl:ke-hoach"

# (doc_id, type, number, parent document, structure) read from the files
CORPUS_DOCUMENTS = [
    (KH_BG, "Kế hoạch", None, None, "plan"),
    (QD_2022, "Quyết định", "03/2022/QĐ-UBND", None, "normative"),
    (QC_2022, "Quy chế", None, QD_2022, "normative"),
    (QC_2026, "Quy chế", None, None, "normative"),
    (KH_ST, "Kế hoạch", None, None, "plan"),
    (KH_SL, "Kế hoạch", None, None, "plan"),
]
# (doc_id, kind) -> how many: Điều 1-3 of the Quyết định, Điều 1-13 in Chương I-III of the 2022 Quy chế,
# Điều 1-14 in Chương I-III of the 2026 draft, sections I-III / I-V / I-IV of the three plans.
CORPUS_UNITS = {
    (QD_2022, "dieu"): 3, (QC_2022, "chuong"): 3, (QC_2022, "dieu"): 13, (QC_2026, "chuong"): 3,
    (QC_2026, "dieu"): 14, (KH_BG, "section"): 3, (KH_ST, "section"): 5, (KH_SL, "section"): 4,
}


def _corpus_db():
    report, db_path = corpus_kb()
    return report, open_db(db_path)


def test_corpus_builds_into_six_documents() -> None:
    report, db = _corpus_db()
    assert report.failed == ()
    assert sorted(Path(p).name for p in report.parsed) == [p.name for p in CORPUS_FILES]
    assert len(report.parsed) == 5  # the catalog and actor data files are not documents
    docs = list_documents(db)
    assert [(d["doc_id"], d["type"], d["number"], d["parent_doc_id"], d["structure"]) for d in docs] == CORPUS_DOCUMENTS
    assert get_document(db, QC_2022)["parent_number"] == "03/2022/QĐ-UBND"


def test_corpus_units_per_document() -> None:
    _, db = _corpus_db()
    rows = db.execute("SELECT doc_id, kind, count(*) FROM nodes WHERE kind IN ('chuong', 'dieu', 'section') "
                      "GROUP BY doc_id, kind").fetchall()
    assert {(r[0], r[1]): r[2] for r in rows} == CORPUS_UNITS


CORPUS_NODES = [
    # (doc_id, eid, address, heading, start of text)
    (QC_2022, "art_12", "Điều 12", "Kinh phí thực hiện", ""),
    (QC_2022, "art_13__para_2", "Điều 13 khoản 2", None, "Sở Tư pháp có trách nhiệm theo dõi, đôn đốc"),
    (QC_2026, "art_12__para_1__point_d", "Điều 12 khoản 1 điểm d", None,
     "Nội dung báo cáo theo Mẫu số 01 tại Phụ lục kèm theo Nghị định số 80/2025/NĐ-CP."),
    (QD_2022, "art_1", "Điều 1", None, "Ban hành kèm theo Quyết định này Quy chế phối hợp"),
    (KH_SL, "sec_III", "III", "KINH PHÍ THỰC HIỆN", ""),
    (KH_SL, "sec_II__item_2__bullet_3", "II.2 gạch đầu dòng 3", None, "Thời gian thực hiện: Quý II, III năm 2026."),
    (KH_ST, "sec_III", "III", "KINH PHÍ THỰC HIỆN", ""),
]


@pytest.mark.parametrize(("doc_id", "eid", "address", "heading", "text"), CORPUS_NODES)
def test_corpus_nodes(doc_id: str, eid: str, address: str, heading: str | None, text: str) -> None:
    _, db = _corpus_db()
    node = get_node(db, doc_id, eid)
    assert (node["address"], node["heading"]) == (address, heading)
    assert node["text"].startswith(text)


def test_corpus_node_tree_is_consistent() -> None:
    _, db = _corpus_db()
    for doc in list_documents(db):
        nodes = get_nodes(db, doc["doc_id"])
        eids = [n["eid"] for n in nodes]
        assert len(eids) == len(set(eids)) == doc["nodes"]
        position = {e: i for i, e in enumerate(eids)}
        for n in nodes:  # a parent comes before its children, one level up
            if n["parent"] is not None:
                parent = nodes[position[n["parent"]]]
                assert position[n["parent"]] < position[n["eid"]] and parent["depth"] == n["depth"] - 1


BAD_FILES = [
    ("corrupt.docx", b"PK\x03\x04 this is not really a zip archive" * 20),
    ("binary.txt", bytes(range(256)) * 40),
]


def test_rebuild_after_an_edit_and_with_failing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_corpus(tmp_path / "corpus")
    db_path = tmp_path / "kb.db"
    assert len(build([folder], db_path).parsed) == 5
    # editing one file re-parses that file only
    son_la = folder / "son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl.txt"
    son_la.write_text(son_la.read_text(encoding="utf-8").replace("Quý II, III năm 2026", "Quý IV năm 2026"),
                      encoding="utf-8")
    report = build([folder], db_path)
    assert ([Path(p).name for p in report.parsed], len(report.unchanged), report.failed) == ([son_la.name], 4, ())
    assert report.documents == 6
    node = get_node(open_db(db_path), KH_SL, "sec_II__item_2__bullet_3")
    assert node["text"] == "Thời gian thực hiện: Quý IV năm 2026."
    # files that fail leave the KB as it was, each reported on one line, and the exit is non-zero
    before = [(d["doc_id"], d["nodes"]) for d in list_documents(open_db(db_path))]
    for name, data in BAD_FILES:
        (folder / name).write_bytes(data)
    assert kb_main(["build", str(folder), "--db", str(db_path)]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("7 tệp: 0 đọc mới, 5 không đổi, 0 đã bỏ khỏi kho, 2 lỗi; 6 văn bản")
    lines = err.splitlines()
    assert [line.removeprefix("kb: lỗi: ").split(": ")[0] for line in lines] == [
        str(folder / "binary.txt"), str(folder / "corrupt.docx")]
    assert all(line.startswith("kb: lỗi: ") and "Traceback" not in line for line in lines)
    assert "tệp nhị phân" in lines[0] and "tệp không phải .docx hợp lệ" in lines[1]
    assert [(d["doc_id"], d["nodes"]) for d in list_documents(open_db(db_path))] == before


def test_worker_processes_store_the_same_rows(tmp_path: Path) -> None:
    folder = copy_corpus(tmp_path / "corpus")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    report = build([folder], tmp_path / "kb.db", jobs=2)
    assert (len(report.parsed), [Path(f).name for f, _ in report.failed]) == (5, ["binary.txt"])
    assert "nhị phân" in report.failed[0][1]  # one Vietnamese line
    sequential, parallel = open_db(corpus_kb()[1]), open_db(tmp_path / "kb.db")
    query = 'SELECT doc_id, eid, address, text FROM nodes ORDER BY doc_id, ord'
    assert list(parallel.query(query)) == list(sequential.query(query))
    query = 'SELECT doc_id, source_eid, target_doc, relation, start FROM "references" ORDER BY doc_id, start'
    assert list(parallel.query(query)) == list(sequential.query(query))


def test_progress_bar_and_json_report(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build([folder], tmp_path / "kb.db", progress=True, parse=fake_parse, hooks=NO_HOOKS)
    assert "0/3 [" in capsys.readouterr().err  # a tqdm bar over the 3 files, on stderr
    (folder / "b.md").unlink()
    report = build([folder], tmp_path / "kb.db", parse=fake_parse, hooks=NO_HOOKS).to_dict()
    assert {k: report[k] for k in ("parsed", "removed", "failed", "documents")} == {
        "parsed": [], "removed": [str((folder / "b.md").resolve())], "failed": [], "documents": 2}


def test_no_change_rebuild_reads_no_file_whose_stamp_is_old(folder: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    db_path = tmp_path / "kb.db"
    old = time.time() - 3600
    for p in folder.iterdir():
        os.utime(p, (old, old))
    build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)

    def no_read(path: Path) -> str:
        raise AssertionError(f"{path.name} was read")

    monkeypatch.setattr(store, "_file_hash", no_read)
    report = build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert ([Path(p).name for p in report.unchanged], report.parsed) == (["a.txt", "b.md", "c.txt"], ())


def test_a_file_rewritten_with_the_same_size_and_stamp_is_hashed_while_its_stamp_is_recent(
        folder: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "kb.db"
    build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    target = folder / "c.txt"
    stamp = target.stat()
    target.write_text("02/2021/NQ-HĐND\nMột.\nHai.\nBy.\n", encoding="utf-8")  # same size in bytes
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # and the same time stamp
    assert target.stat().st_size == stamp.st_size
    report = build([folder], db_path, parse=fake_parse, hooks=NO_HOOKS)
    assert [Path(p).name for p in report.parsed] == ["c.txt"]
