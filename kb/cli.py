"""The `kb` command line: a thin layer over library functions that the tests call directly.

Each subcommand is one `_cmd_*` function; bad input ends with one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from kb.errors import KbError, vietnamese
from parsers.errors import ParseError

if TYPE_CHECKING:
    from kb.store.db import BuildReport


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _doc_names(db: object) -> dict[str, str]:
    """doc_id → the name a user reads ("Quyết định 03/2022/QĐ-UBND — ...", "Quy chế (dự thảo) — ..."):
    text output names documents so; their ids are in --json (and at the end of each `kb docs` line)."""
    from kb.labels import doc_label
    from kb.store.db import list_documents
    from kb.validity import stored_statuses

    statuses = stored_statuses(db)
    return {d["doc_id"]: doc_label({**d, "status": "draft" if d["doc_id"] in statuses
                                    and statuses[d["doc_id"]].code == "du_thao" else None})
            for d in list_documents(db)}


def _where(eid: str | None) -> str:
    from kb.labels import eid_address

    return eid_address(eid) if eid else "phần mở đầu"


# --- kb parse -------------------------------------------------------------------------------------
def _setup_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("file")
    p.add_argument("--db", default=None,
                   help="a knowledge base whose documents may amend or repeal this one (its validity follows them)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="the documents as JSON")
    fmt.add_argument("--akn", action="store_true", help="the normative document as Akoma Ntoso XML")


def _cmd_parse(args: argparse.Namespace) -> int:
    from kb.pipeline import parse
    from kb.validity import file_statuses, format_date
    from parsers import to_akn
    from parsers.outline import outline

    result = parse(args.file)  # in a child, within the time budget
    stored = None
    if args.db:
        from kb.store.db import open_db
        from kb.validity import events_in_kb

        stored = events_in_kb(open_db(args.db), [d.number for d in result.documents])
    statuses = file_statuses(result, stored=stored)
    if args.json:
        data = result.to_dict()
        for doc, status in zip(data["documents"], statuses, strict=True):
            doc["validity"] = {"label": status.label, "since": status.since, "cause": status.cause,
                               "reason": status.reason}
        _print_json(data)
    elif args.akn:
        sys.stdout.write(to_akn(result.documents[-1]).decode("utf-8"))
    else:
        for warning in result.warnings:
            print(f"cảnh báo: {vietnamese(warning)}", file=sys.stderr)
        for doc, status in zip(result.documents, statuses, strict=True):
            since = f" từ {format_date(status.since)}" if status.since else ""
            print(f"Hiệu lực — {doc.doc_type} {doc.number or '(chưa có số)'}: {status.label}{since}. {status.reason}")
        sys.stdout.write(outline(result))
    return 0


# --- kb build / docs / search (kb/pipeline.py, kb/store/) ---------------------------------------------
def _setup_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH", help="files or folders (corpus/)")
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--force", action="store_true", help="re-parse every file, changed or not")
    p.add_argument("--json", action="store_true", help="the build report as JSON")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core for big builds)")


def _cmd_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kb.pipeline import build

    report = build([Path(p) for p in args.paths], Path(args.db), progress=sys.stderr.isatty(), force=args.force,
                   jobs=args.jobs)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(_build_summary(report))
        for warning in report.warnings:
            print(f"cảnh báo: {vietnamese(warning)}", file=sys.stderr)
    for path, reason in report.failed:
        print(f"kb: lỗi: {path}: {vietnamese(reason)}", file=sys.stderr)
    return 2 if report.failed else 0


def _build_summary(r: BuildReport) -> str:
    """The build report in one line: "5 tệp: 5 đọc mới, 0 không đổi, 0 đã bỏ khỏi kho, 0 lỗi; 6 văn bản ..."."""
    from kb.labels import build_summary

    return build_summary(r)


def _setup_docs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--json", action="store_true", help="the documents as JSON")


def _cmd_docs(args: argparse.Namespace) -> int:
    from kb.store.db import list_documents, open_db
    from kb.validity import format_date, stored_statuses

    db = open_db(args.db)
    docs = list_documents(db)
    statuses = stored_statuses(db)
    if args.json:
        for d in docs:
            s = statuses[d["doc_id"]]
            d["validity"] = {"label": s.label, "since": s.since, "cause": s.cause, "reason": s.reason}
        _print_json({"documents": docs})
        return 0
    from kb.labels import doc_label

    for d in docs:
        s = statuses[d["doc_id"]]
        since = f" từ {format_date(s.since)}" if s.since else ""
        name = doc_label({**d, "status": "draft" if s.code == "du_thao" else None})
        # The id last: what --doc, `kb diff` and `kb refs` take.
        print(f"{name}\t{format_date(d['date'])}\t{s.label}{since}\tmã: {d['doc_id']}")
    return 0


def _setup_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+", help="từ cần tìm, có dấu hay không dấu / words, with or without diacritics")
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--doc", default=None, metavar="DOC_ID", help="search this document only")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--type", action="append", default=[], metavar="LOẠI",
                   help='loại văn bản / document type: "Quyết định", "Quy chế", "Kế hoạch" ... (repeatable)')
    p.add_argument("--issuer", metavar="CƠ_QUAN", help='cơ quan ban hành / issuer: "UBND tỉnh Cao Bằng"')
    p.add_argument("--year", type=int, metavar="NĂM", help="năm ban hành / year of issue")
    p.add_argument("--status", action="append", default=[], type=_status, metavar="TÌNH_TRẠNG",
                   help='tình trạng hiệu lực / validity: "còn hiệu lực", "dự thảo", "hết hiệu lực toàn bộ" ...')
    p.add_argument("--json", action="store_true", help="the hits as JSON")


def _status(text: str) -> str:
    """A validity as typed: its name with or without accents ("con hieu luc") or its code."""
    from kb.validity.status import LABELS
    from parsers.normalise import fold

    key = fold(text).replace("_", " ").strip()
    for code, name in LABELS.items():
        if key in (code.replace("_", " "), fold(name)):
            return code
    raise argparse.ArgumentTypeError(f"không có tình trạng «{text}»: chọn một trong {', '.join(LABELS.values())}")


def _cmd_search(args: argparse.Namespace) -> int:
    from kb.store.db import open_db
    from kb.store.search import Filters, find

    args.query = " ".join(args.query)
    db = open_db(args.db)
    filters = Filters(tuple(args.type), args.issuer, args.year, tuple(args.status))
    found = find(db, args.query, limit=args.limit, doc_id=args.doc, filters=filters)
    if args.json:
        _print_json({"query": args.query, "total": found.total, "hits": [h.to_dict() for h in found.hits]})
        return 0
    names = _doc_names(db) if found.hits else {}
    for h in found.hits:
        print(f"{h.address}\t{names.get(h.doc_id, h.doc_id)}\t{h.marked()}")
    print(found.summary() + ".", file=sys.stderr)
    return 0


# --- kb refs / cited-by / graph / check (kb/citations.py, kb/graph.py, kb/checks.py) -------------------
def _setup_refs(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", metavar="FILE_OR_DOC_ID", help="a document file (parsed directly) or a stored doc id")
    p.add_argument("--db", default="kb.db", help="the knowledge base file, for a doc id (kb.db)")
    p.add_argument("--json", action="store_true", help="the references as JSON")


def _cmd_refs(args: argparse.Namespace) -> int:
    from kb.citations.graph import references_of

    refs = references_of(args.target, args.db)
    if args.json:
        _print_json({"references": refs})
        return 0
    from kb.labels import RELATION, eid_address, label

    for r in refs:
        where = eid_address(r["target_eid"]) if r["target_eid"] else ""
        target = " ".join(x for x in (where, r["target_doc"] or ("" if where else "chính văn bản này")) if x)
        print(f"{_where(r['source'])}\t{label(RELATION, r['relation'])}\t{target}\t{r['text']}")
    return 0


def _setup_cited_by(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", metavar="TARGET", help='a number or doc id, optionally with an eid: "80/2025/NĐ-CP:art_13"')
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--json", action="store_true", help="the citing clauses as JSON")


def _cmd_cited_by(args: argparse.Namespace) -> int:
    from kb.citations.graph import cited_by_db
    from kb.labels import RELATION, label
    from kb.store.db import open_db

    db = open_db(args.db)
    hits = cited_by_db(db, args.target)
    if args.json:
        _print_json({"target": args.target, "cited_by": hits})
        return 0
    names = _doc_names(db) if hits else {}
    for h in hits:
        print(f"{names.get(h['doc_id'], h['doc_id'])}\t{_where(h['source_eid'])}\t{label(RELATION, h['relation'])}\t"
              f"{h['text']}")
    return 0


def _setup_graph(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to parse instead of reading the KB")
    p.add_argument("--format", required=True, choices=("graphml", "gexf", "json", "dot"))
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")


def _cmd_graph(args: argparse.Namespace) -> int:
    from kb.citations.graph import build_graph, export, load_view

    g = build_graph(load_view(args.paths, args.db))
    export(g, args.format, args.out)
    print(f"{g.number_of_nodes()} nút, {g.number_of_edges()} cạnh → {args.out}")
    return 0


def _setup_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to parse instead of reading the KB")
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--json", action="store_true", help="the findings as JSON")


def _cmd_check(args: argparse.Namespace) -> int:
    from kb.citations.checks import run_checks
    from kb.citations.graph import load_view
    from kb.labels import FINDING, label

    view = load_view(args.paths, args.db)
    findings = run_checks(view)
    if args.json:
        _print_json({"findings": [f.to_dict() for f in findings]})
        return 0
    names: dict[str, str] = {}
    if findings:
        if args.paths:
            names = _view_names(view)
        else:
            from kb.store.db import open_db

            names = _doc_names(open_db(args.db))  # drafts by their stored status, as `kb docs` names them
    for f in findings:
        print(f"{label(FINDING, f.kind)}\t{names.get(f.doc_id, f.doc_id)}\t{f.message}")
    print(f"{len(findings)} vấn đề cần xem lại" if findings else "Không thấy vấn đề nào.", file=sys.stderr)
    return 0


def _view_names(view: object) -> dict[str, str]:
    """doc_id → name for the documents of a citation view (kb.citations.graph.Citations), KB or files."""
    from kb.labels import doc_label

    return {did: doc_label({**d, "doc_id": did}) for did, d in view.documents.items()}  # type: ignore[attr-defined]


# --- kb duties / matrix (kb/duty_queries.py, kb/matrix.py) ----------------------------------------------
def _setup_duties(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read instead of the KB")
    p.add_argument("--actor", required=True, metavar="TEXT", help='who: "xã", "so tu phap", "sở ban ngành" ...')
    p.add_argument("--doc", metavar="DOC_ID", help="only this document")
    p.add_argument("--role", type=_role, help="chỉ vai trò này / only this role: chủ trì (chu_tri), phối hợp (phoi_hop), "
                   "tham mưu, thực hiện, ban hành, báo cáo, chỉ đạo, đề nghị")
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--in-force", nargs="?", const=date.today().isoformat(), type=_iso_date, metavar="DATE",
                   help="only texts in force on DATE (YYYY-MM-DD, today when omitted): no drafts, no ended texts")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="the actors and duties as JSON")
    fmt.add_argument("--csv", action="store_true", help="the duties as CSV")


def _role(text: str) -> str:
    """A role as typed: its code ("bao_cao") or its name, with or without accents ("báo cáo", "bao cao")."""
    from kb.labels import ROLE
    from parsers.normalise import fold

    key = fold(text).replace("_", " ").strip()
    for code, name in ROLE.items():
        if key in (code.replace("_", " "), fold(name)):
            return code
    raise argparse.ArgumentTypeError(f"không có vai trò «{text}»: chọn một trong {', '.join(ROLE.values())}")


def _iso_date(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text!r} (dạng YYYY-MM-DD)") from None


def _cmd_duties(args: argparse.Namespace) -> int:
    from kb.duties.queries import as_csv, as_text, find_duties, find_duties_in_files
    from kb.store.db import open_db

    if args.paths:
        result = find_duties_in_files(args.paths, args.actor, args.doc, args.role, args.in_force)
    else:
        result = find_duties(open_db(args.db), args.actor, args.doc, args.role, args.in_force)
    if args.json:
        _print_json(result)
    elif args.csv:
        sys.stdout.write(as_csv(result["duties"]))
    else:
        sys.stdout.write(as_text(result))
    return 0


def _setup_matrix(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read instead of the KB")
    p.add_argument("--doc", action="append", default=[], metavar="DOC_ID", help="only these documents (repeatable)")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx, FILE.csv or FILE.docx")
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")


def _cmd_matrix(args: argparse.Namespace) -> int:
    from kb.duties.matrix import build_matrix, export
    from kb.duties.queries import all_duty_rows, rows_from_files
    from kb.store.db import open_db

    rows = rows_from_files(args.paths, args.doc)[0] if args.paths else all_duty_rows(open_db(args.db), args.doc)
    if args.paths:
        matrix = build_matrix(rows)
    else:
        from kb.store.portal import statuses

        drafts = {d for d, s in statuses(open_db(args.db)).items() if s.code == "du_thao"}
        matrix = build_matrix(rows, _doc_names(open_db(args.db)), drafts)
    path = export(matrix, args.out)
    print(f"{len(matrix.rows)} điều khoản × {len(matrix.actors)} chủ thể → {path}")
    return 0


# --- kb diff / versions (kb/diff.py, kb/versions.py) --------------------------------------------------
def _setup_diff(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help="the current version: a file or a stored doc id")
    p.add_argument("new", metavar="NEW", help="the new version (draft): a file or a stored doc id")
    p.add_argument("--db", default="kb.db", help="the knowledge base file, for doc ids (kb.db)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="pairs, ops and facts as JSON")
    out.add_argument("--md", action="store_true", help="a Markdown report")
    out.add_argument("--html", metavar="OUT", help="write a side-by-side HTML page")
    out.add_argument("--docx", metavar="OUT", help="write the Bảng so sánh (.docx)")
    p.add_argument("--hide-subs", action="store_true", help="do not mark repeated phrase substitutions in clauses")


def _cmd_diff(args: argparse.Namespace) -> int:
    from kb.diff.align import diff_refs
    from kb.diff.export_md import to_markdown, to_text

    result = diff_refs(args.old, args.new, db=args.db)
    if args.json:
        _print_json(result.to_dict())
    elif args.md:
        sys.stdout.write(to_markdown(result, hide_subs=args.hide_subs))
    elif args.html:
        from kb.diff.export_html import write_html

        write_html(result, args.html, hide_subs=args.hide_subs)
        print(args.html)
    elif args.docx:
        from kb.diff.export_docx import write_docx

        write_docx(result, args.docx, hide_subs=args.hide_subs)
        print(args.docx)
    else:
        sys.stdout.write(to_text(result))
    return 0


def _setup_versions(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--min-score", type=float, default=None, help="only pairs scoring at least this (0..1)")
    p.add_argument("--json", action="store_true", help="the pairs as JSON")


def _cmd_versions(args: argparse.Namespace) -> int:
    from kb.diff.versions import MIN_SCORE, propose_versions
    from kb.store.db import open_db

    db = open_db(args.db)
    pairs = propose_versions(db, MIN_SCORE if args.min_score is None else args.min_score)
    if args.json:
        _print_json({"pairs": [v.to_dict() for v in pairs]})
        return 0
    names = _doc_names(db) if pairs else {}
    for v in pairs:
        print(f"{v.score:.2f}\t{names.get(v.old, v.old)}\t{names.get(v.new, v.new)}\t{v.reason}")
    return 0


# --- kb consolidate / history (kb/amend/) ----------------------------------------------------------------
def _setup_consolidate(p: argparse.ArgumentParser) -> None:
    p.add_argument("base", metavar="BASE", help="the amended document: a file or a stored doc id")
    p.add_argument("amending", nargs="*", metavar="AMENDING",
                   help="amending documents, files or doc ids (none: the stored ones that amend BASE)")
    p.add_argument("--as-of", type=_iso_date, default=None, metavar="DATE",
                   help="the text in force on DATE (YYYY-MM-DD; default: every amendment)")
    p.add_argument("--db", default="kb.db", help="the knowledge base file, for doc ids (kb.db)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="the consolidated document, as kb parse --json")
    out.add_argument("--md", action="store_true", help="Markdown with the official footnotes")
    out.add_argument("--html", action="store_true", help="a web page with the official footnotes")
    out.add_argument("--docx", metavar="OUT.docx", help="a Word file with the official footnotes, written to OUT.docx")


def _cmd_consolidate(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from kb.amend.views import consolidate_refs, to_markdown
    from parsers.model import _doc_dict

    result = consolidate_refs(args.base, args.amending, args.as_of, args.db)
    if args.json:
        data = _doc_dict(result.document)
        data["problems"] = [{**asdict(p), "span": asdict(p.span)} for p in result.problems]
        _print_json({"as_of": args.as_of, "applied": len(result.applied), "documents": [data]})
    elif args.html:
        from kb.amend.export import to_html

        sys.stdout.write(to_html(result))
    elif args.docx:
        from kb.amend.export import to_docx

        print(f"Đã ghi văn bản hợp nhất → {to_docx(result, args.docx)}")
    else:
        sys.stdout.write(to_markdown(result))
    for problem in result.problems if not (args.json or args.md or args.html) else ():
        print(f"cảnh báo: {problem.message}", file=sys.stderr)
    return 0


def _setup_history(p: argparse.ArgumentParser) -> None:
    p.add_argument("doc", metavar="DOC", help="the amended document (file or doc id), or DOC:EID")
    p.add_argument("eid", nargs="?", default="", metavar="EID", help="the provision: art_4__para_3")
    p.add_argument("amending", nargs="*", metavar="AMENDING", help="amending documents (none: the stored ones)")
    p.add_argument("--db", default="kb.db", help="the knowledge base file (kb.db)")
    p.add_argument("--json", action="store_true", help="the versions as JSON")


def _cmd_history(args: argparse.Namespace) -> int:
    from kb.amend.views import history_refs
    from kb.labels import format_date

    versions = history_refs(args.doc, args.eid, args.amending, args.db)
    if args.json:
        _print_json({"versions": versions})
        return 0
    for v in versions:
        source = f"{v['source'] or ''} ({v['op']}, {v['eid']})" if v["op"] else f"{v['source'] or ''} (bản gốc)"
        print(f"— Từ {format_date(v['since']) if v['since'] else 'ngày không rõ'}: {source}")
        print("  (được bãi bỏ)" if v["repealed"] else "  " + (v["text"] or "(chưa có)").replace("\n", "\n  "))
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "parse": ("parse a file and print its documents", _setup_parse, _cmd_parse),
    "build": ("build or update the knowledge base from document files", _setup_build, _cmd_build),
    "docs": ("list the documents in the knowledge base", _setup_docs, _cmd_docs),
    "search": ("full-text search of clauses, with or without diacritics", _setup_search, _cmd_search),
    "refs": ("the references a file or stored document makes", _setup_refs, _cmd_refs),
    "cited-by": ("the clauses that cite a document or provision", _setup_cited_by, _cmd_cited_by),
    "graph": ("export the citation graph (graphml, gexf, json, dot)", _setup_graph, _cmd_graph),
    "check": ("stale citations, missing pinpoints, dangling internal references", _setup_check, _cmd_check),
    "diff": ("compare two versions of a regulation clause by clause", _setup_diff, _cmd_diff),
    "versions": ("propose pairs of stored documents that are versions of one text", _setup_versions, _cmd_versions),
    "duties": ("every duty of an actor: role, deadline, source clause", _setup_duties, _cmd_duties),
    "matrix": ("export the clause × actor duty matrix (.xlsx, .csv, .docx)", _setup_matrix, _cmd_matrix),
    "consolidate": ("the consolidated text (văn bản hợp nhất) of a base and its amending documents",
                    _setup_consolidate, _cmd_consolidate),
    "history": ("every version of a provision, with its dates and sources", _setup_history, _cmd_history),
}


# argparse's own complaints, said in Vietnamese (--help may keep English beside it).
_ARGPARSE = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"tham số \1: không có lựa chọn \2 (chọn một trong \3)"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): invalid int value: (\S+)", r"tham số \1: \2 không phải số nguyên"),
    (r"argument (\S+): invalid float value: (\S+)", r"tham số \1: \2 không phải số"),
    (r"argument (\S+): not allowed with argument (\S+)", r"tham số \1 không dùng được cùng \2"),
    (r"^argument (\S+): ", r"tham số \1: "),
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        import re

        for english, translated in _ARGPARSE:
            message = re.sub(english, translated, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kb", description="vbkb: kho văn bản pháp luật Việt Nam / Vietnamese legal documents "
                     "knowledge base")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, setup, run) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        setup(p)
        p.set_defaults(run=run)
    return parser


_SEARCH_VALUED = ("--db", "--doc", "--limit", "--type", "--issuer", "--year", "--status")
_SEARCH_FLAGS = ("--json", "-h", "--help")


def _query_is_text(argv: list[str]) -> list[str]:
    """`kb search -foo` or `kb search "-1/2020"`: argparse would take the query for an option, but a query
    is any text. The search options stay options; every other word is the query, put after "--"."""
    if not argv or argv[0] != "search" or "--" in argv:
        return argv
    options: list[str] = []
    query: list[str] = []
    rest = iter(argv[1:])
    for word in rest:
        if word in _SEARCH_VALUED:
            options += [word, next(rest, "")]
        elif word in _SEARCH_FLAGS or word.startswith(tuple(f"{o}=" for o in _SEARCH_VALUED)):
            options.append(word)
        else:
            query.append(word)
    return ["search", *options, "--", *query]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(_query_is_text(sys.argv[1:] if argv is None else list(argv)))
    try:
        return args.run(args)
    except (ParseError, KbError) as exc:
        print(f"kb: lỗi: {vietnamese(str(exc))}", file=sys.stderr)
        return 2
    except PermissionError as exc:
        print(f"kb: lỗi: không có quyền truy cập {exc.filename or ''}".rstrip(), file=sys.stderr)
        return 2
    except IsADirectoryError as exc:
        print(f"kb: lỗi: {exc.filename or ''} là một thư mục, không phải tệp".strip(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kb: đã dừng theo yêu cầu", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 -- a bug of ours: still one line, never a traceback
        print(f"kb: lỗi nội bộ (xin báo cho người phát triển): {type(exc).__name__}: {vietnamese(str(exc))}",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
