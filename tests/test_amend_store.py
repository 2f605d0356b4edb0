"""Amending operations in the KB (schema 4): a base and its amending text stored in either order, the
operations table rows written by hand, `kb consolidate` and `kb history` on stored doc ids with no amending
document named, and a KB of the previous schema rebuilt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kb.cli import main
from kb.pipeline import Hooks, build
from kb.store.db import SCHEMA_VERSION, open_db, operations_on

BASE = ("QUỐC HỘI\nLuật số: 1/2020/QH14\nLUẬT\nTHỬ NGHIỆM\nĐiều 1. Phạm vi\n1. Luật này quy định việc thử.\n"
        "2. Áp dụng cho cấp huyện.\nĐiều 2. Hiệu lực\nLuật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.\n")
AMENDING = ("QUỐC HỘI\nLuật số: 2/2022/QH15\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT THỬ NGHIỆM\n"
            "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thử nghiệm số 1/2020/QH14.\n"
            "Điều 1. Sửa đổi, bổ sung một số điều của Luật Thử nghiệm\n"
            "1. Sửa đổi, bổ sung khoản 1 Điều 1 như sau:\n“1. Luật này quy định việc thử và việc đo.”.\n"
            "2. Thay cụm từ “cấp huyện” bằng cụm từ “cấp xã” tại khoản 2 Điều 1.\n"
            "Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2022.\n")
NO_NLP = Hooks(references=None, duties=None, actors=None)


def _kb(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "kb.db"
    report = build([folder], db, hooks=NO_NLP)
    assert report.ok, report.failed
    return db


def test_operations_are_stored_and_a_stored_base_is_consolidated(tmp_path: Path, capsys) -> None:
    db = _kb(tmp_path, {"amending.txt": AMENDING})  # the amending text first, its base later
    _kb(tmp_path, {"base.txt": BASE})
    rows = [(r["doc_id"], r["kind"], r["target_doc"], r["target_eid"], r["source_eid"], r["old"], r["new"],
             r["effective"]) for r in operations_on(open_db(db), "1/2020/QH14")]
    assert rows == [
        ("2/2022/QH15", "replace", "1/2020/QH14", "art_1__para_1", "art_1__para_1", None, None, "2022-07-01"),
        ("2/2022/QH15", "substitute", "1/2020/QH14", "art_1__para_2", "art_1__para_2", "cấp huyện", "cấp xã",
         "2022-07-01")]
    assert main(["consolidate", "1/2020/QH14", "--db", str(db), "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    art1 = doc["nodes"][0]
    assert [(c["eid"], c["text"]) for c in art1["children"]] == [
        ("art_1__para_1", "Luật này quy định việc thử và việc đo."), ("art_1__para_2", "Áp dụng cho cấp xã.")]
    assert main(["consolidate", "1/2020/QH14", "--db", str(db), "--as-of", "2022-06-30", "--json"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    assert doc["nodes"][0]["children"][0]["text"] == "Luật này quy định việc thử."
    assert main(["history", "1/2020/QH14:art_1__para_2", "--db", str(db), "--json"]) == 0
    versions = json.loads(capsys.readouterr().out)["versions"]
    assert [(v["since"], v["source"], v["op"], v["text"]) for v in versions] == [
        ("2021-01-01", "1/2020/QH14", None, "2. Áp dụng cho cấp huyện."),
        ("2022-07-01", "2/2022/QH15", "substitute", "2. Áp dụng cho cấp xã.")]


def test_a_kb_of_the_previous_schema_is_rebuilt(tmp_path: Path) -> None:
    db = _kb(tmp_path, {"base.txt": BASE})
    with sqlite3.connect(db) as conn:  # as schema 3 left it: no operations table
        conn.execute("DROP TABLE operations")
        conn.execute("UPDATE meta SET value = 'schema-3' WHERE key = 'schema'")
    _kb(tmp_path, {"amending.txt": AMENDING})
    store = open_db(db)
    assert SCHEMA_VERSION == "6"  # schema 6 adds reference_rows.target_key, indexed (issue 12)
    assert store["operations"].exists() and len(operations_on(store, "1/2020/QH14")) == 2
    assert {r["doc_id"] for r in store.query("SELECT doc_id FROM documents")} == {"1/2020/QH14", "2/2022/QH15"}


def test_consolidate_without_amendments_says_so(tmp_path: Path, capsys) -> None:
    db = _kb(tmp_path, {"base.txt": BASE})
    assert main(["consolidate", "1/2020/QH14", "--db", str(db)]) == 2
    assert capsys.readouterr().err == ("kb: lỗi: 1/2020/QH14: không có văn bản sửa đổi nào (nêu tệp hoặc mã văn "
                                       "bản sửa đổi)\n")
