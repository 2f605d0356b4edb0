"""The citation graph, `cited_by`, the checks and the CLI commands on small documents written here."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kb.citations.catalog import load_catalog
from kb.citations.checks import run_checks
from kb.citations.graph import build_graph, cited_by, cited_by_db, export, from_results, parse_target, to_dot
from kb.cli import main
from kb.errors import KbError
from kb.pipeline import build
from kb.store.db import open_db
from parsers.model import Document, Node, ParseResult, Span


def _clause(source: str, eid: str, text: str, children: tuple[Node, ...] = ()) -> Node:
    start = source.index(text)
    kind = "dieu" if "__" not in eid else "khoan"
    return Node(kind, eid.rsplit("_", 1)[-1], None, text, eid, Span(start, start + len(text), 1), children)


def _result(name: str, number: str | None, date: str, articles: dict[str, list[str]],
            doc_type: str = "Quyết định", title: str = "Văn bản", issuer: str = "UBND tỉnh A") -> ParseResult:
    """A document whose article N holds the given clause texts (the first text is the article's own)."""
    lines, nodes = [], []
    for eid, texts in articles.items():
        lines += texts
    source = "\n".join(lines) + "\n"
    for eid, (own, *clauses) in articles.items():
        kids = tuple(_clause(source, f"{eid}__para_{i}", t) for i, t in enumerate(clauses, start=1))
        nodes.append(_clause(source, eid, own, kids))
    doc = Document(doc_type, number, title, issuer, None, date, None, None, (), (), None, (), (), tuple(nodes),
                   "normative", span=Span(0, len(source), 1))
    return ParseResult(name, source, (doc,))


DECREE = _result("nd10.txt", "10/2020/NĐ-CP", "2020-01-01", {
    "art_1": ["Điều 1. Phạm vi."], "art_2": ["Điều 2. Đối tượng."], "art_3": ["Điều 3. Giải thích từ ngữ."],
}, doc_type="Nghị định")
CITING = _result("qd.txt", "7/2021/QĐ-UBND", "2021-05-01", {
    "art_1": ["Điều 1. Quy định chung.", "Theo Điều 2 Nghị định số 10/2020/NĐ-CP.",
              "Theo Điều 5 Nghị định số 10/2020/ND-CP và khoản 2 Điều 3 Nghị định số 10/2020/NĐ-CP.",
              "Trừ trường hợp tại khoản 4 Điều này và Điều 9."],
    "art_2": ["Điều 2. Hiệu lực. Quyết định này thay thế Quyết định số 5/2019/QĐ-UBND."],
})
LATER = _result("kh.txt", "3/KH-UBND", "2022-02-01", {
    "art_1": ["Điều 1. Thực hiện Quyết định số 5/2019/QĐ-UBND và khoản 1 Điều 1 Quyết định số 7/2021/QĐ-UBND."],
}, doc_type="Kế hoạch")


@pytest.fixture(scope="module")
def view():
    return from_results([DECREE, CITING, LATER])


def test_checks_report_each_kind_of_problem(view) -> None:
    found = {(f.kind, f.doc_id, f.source_eid, f.target) for f in run_checks(view)}
    assert found == {
        ("missing_pinpoint", "7/2021/QĐ-UBND", "art_1__para_2", "10/2020/NĐ-CP:art_5"),
        ("missing_pinpoint", "7/2021/QĐ-UBND", "art_1__para_2", "10/2020/NĐ-CP:art_3__para_2"),
        ("dangling_internal", "7/2021/QĐ-UBND", "art_1__para_3", "art_1__para_4"),
        ("dangling_internal", "7/2021/QĐ-UBND", "art_1__para_3", "art_9"),
        # the KB itself says 5/2019 was replaced (by 7/2021), and the 2022 plan still implements it
        ("stale", "3/KH-UBND", "art_1", "5/2019/QĐ-UBND"),
    }


def test_a_text_the_catalog_says_replaces_others_must_say_so() -> None:
    decree = _result("nd80.txt", "80/2025/NĐ-CP", "2025-04-01", {"art_1": ["Điều 1. Phạm vi điều chỉnh."]},
                     doc_type="Nghị định")
    found = {(f.kind, f.target) for f in run_checks(from_results([decree]))}
    assert found == {("unstated_replacement", "59/2012/NĐ-CP"), ("unstated_replacement", "32/2020/NĐ-CP")}
    said = _result("nd80.txt", "80/2025/NĐ-CP", "2025-04-01", {"art_1": [
        "Điều 1. Nghị định này thay thế Nghị định số 59/2012/NĐ-CP và Nghị định số 32/2020/NĐ-CP."]},
        doc_type="Nghị định")
    assert [f for f in run_checks(from_results([said])) if f.kind == "unstated_replacement"] == []


@pytest.mark.parametrize(("target", "expected"), [
    ("10/2020/NĐ-CP", ["art_1__para_1", "art_1__para_2", "art_1__para_2"]),
    ("10/2020/nd-cp:art_3", ["art_1__para_2"]),
    ("7/2021/QĐ-UBND:art_1", ["art_1", "art_1__para_3"]),  # the plan's and its own "khoản 4 Điều này"
])
def test_cited_by(view, target: str, expected: list[str]) -> None:
    assert [h["source_eid"] for h in cited_by(view, target)] == expected


def test_parse_target_keeps_doc_ids_with_colons() -> None:
    assert parse_target("80/2025/NĐ-CP:art_13__para_1") == ("80/2025/NĐ-CP", "art_13__para_1")
    assert parse_target("cao-bang-2026:quy-che:art_8") == ("cao-bang-2026:quy-che", "art_8")
    assert parse_target("cao-bang-2026:quy-che") == ("cao-bang-2026:quy-che", None)


def test_unknown_target_is_an_error(view) -> None:
    with pytest.raises(KbError):
        cited_by(view, "999/2099/NĐ-CP")


def test_graph_edges_are_typed_and_exports_read_back(view, tmp_path: Path) -> None:
    g = build_graph(view)
    assert ("7/2021/QĐ-UBND:art_2", "5/2019/QĐ-UBND", "thay_the") in set(g.edges(keys=True))
    assert g.nodes["10/2020/NĐ-CP"]["in_kb"] and not g.nodes["5/2019/QĐ-UBND"]["in_kb"]
    for fmt in ("graphml", "gexf", "json", "dot"):
        export(g, fmt, tmp_path / f"g.{fmt}")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == g.number_of_edges()
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == g.number_of_nodes()
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(data["edges"]) == g.number_of_edges()
    dot = to_dot(g)
    assert dot.count(" -> ") == g.number_of_edges() and '"7/2021/QĐ-UBND:art_2" -> "5/2019/QĐ-UBND"' in dot


def test_dot_escapes_quotes() -> None:
    g = nx.MultiDiGraph()
    g.add_node('a "quoted" name', label='say "hi"\\', kind="document", in_kb=True)
    assert '"a \\"quoted\\" name" [label="say \\"hi\\"\\\\"' in to_dot(g)


# --- the CLI ---------------------------------------------------------------------------------------
PLAN = """KẾ HOẠCH
Thực hiện Nghị định số 80/2025/NĐ-CP ngày 01/4/2025 của Chính phủ

I. MỤC ĐÍCH
1. Triển khai khoản 1 Điều 13 Nghị định số 80/2025/NĐ-CP.
2. Báo cáo theo Mẫu số 01 tại Phụ lục kèm theo Nghị định số 80/2025/NĐ-CP.
"""


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kb")
    (folder / "docs").mkdir()
    (folder / "docs" / "ke-hoach.txt").write_text(PLAN, encoding="utf-8")
    report = build([folder / "docs"], folder / "kb.db")
    assert report.ok
    return folder


def test_cli_refs_of_a_file_as_json(kb_dir: Path, capsys) -> None:
    assert main(["refs", str(kb_dir / "docs" / "ke-hoach.txt"), "--json"]) == 0
    refs = json.loads(capsys.readouterr().out)["references"]
    assert [(r["target_doc"], r["target_eid"], r["relation"]) for r in refs] == [
        ("80/2025/NĐ-CP", None, "thuc_hien"), ("80/2025/NĐ-CP", "art_13__para_1", "thuc_hien"),
        ("80/2025/NĐ-CP", "annex__form_01", "dan_chieu")]
    assert {"source", "text", "target_doc", "target_eid", "relation"} <= set(refs[0])


def test_cli_refs_and_cited_by_from_the_kb(kb_dir: Path, capsys) -> None:
    db = str(kb_dir / "kb.db")
    doc_id = open_db(db).execute("SELECT doc_id FROM documents").fetchone()[0]
    assert main(["refs", doc_id, "--db", db, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["references"]) == 3
    assert main(["cited-by", "80/2025/ND-CP:art_13", "--db", db, "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["cited_by"]
    assert [(h["doc_id"], h["target_eid"]) for h in hits] == [(doc_id, "art_13__para_1")]
    assert len(cited_by_db(open_db(db), "80/2025/NĐ-CP")) == 3


def test_cli_graph_and_check(kb_dir: Path, tmp_path: Path, capsys) -> None:
    db = str(kb_dir / "kb.db")
    assert main(["graph", "--format", "graphml", "--out", str(tmp_path / "g.graphml"), "--db", db]) == 0
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 3
    assert "cạnh →" in capsys.readouterr().out
    assert main(["check", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


@pytest.mark.parametrize("argv", [
    ["refs", "no-such-doc", "--db", "/nonexistent/kb.db"],
    ["cited-by", "999/2099/NĐ-CP", "--db", "{db}"],
    ["graph", "--format", "json", "--out", "/nonexistent/dir/g.json", "--db", "{db}"],
    ["check", "--db", "/nonexistent/kb.db"],
])
def test_cli_bad_input_is_one_line_and_exit_2(kb_dir: Path, capsys, argv: list[str]) -> None:
    argv = [a.replace("{db}", str(kb_dir / "kb.db")) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kb: lỗi: ") and err.count("\n") == 1


# --- one document's citations, read on their own --------------------------------------------------------
QC_2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"


def test_one_documents_view_gives_its_stale_citations_as_the_whole_kb_does() -> None:
    from kb_corpus import corpus_kb

    from kb.citations.checks import stale
    from kb.citations.graph import from_db

    db = open_db(corpus_kb()[1])
    whole = from_db(db)
    everything = stale(whole, load_catalog())
    for doc_id in whole.documents:
        part = from_db(db, doc_id)
        assert part.documents == whole.documents and part.eids[doc_id] == whole.eids[doc_id]
        assert stale(part, load_catalog()) == [f for f in everything if f.doc_id == doc_id]
        assert all(r["doc_id"] == doc_id or r["relation"] == "thay_the" for r in part.references)
    # The 2022 Quy chế still cites Nghị định 59/2012/NĐ-CP, which 80/2025/NĐ-CP replaced.
    assert "59/2012/NĐ-CP" in {f.target for f in stale(from_db(db, QC_2022), load_catalog())}
