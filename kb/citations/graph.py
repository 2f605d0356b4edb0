"""The citation graph: documents and provisions joined by typed edges (networkx MultiDiGraph).

Built from a `Citations` view of the knowledge base: read from SQLite (`from_db`) or made straight from
parse results (`from_results`), so tests and the CLI share one code path. A target whose text is in the
KB is its stored document (matched by number); any other is a node named by its number or name, with
the catalog's facts on it. `cited_by` answers "which clauses rely on 80/2025/NĐ-CP:art_13".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kb.citations.catalog import Catalog, load_catalog
from kb.citations.find import citing_year, find_references
from kb.docid import doc_id as make_doc_id
from kb.errors import KbError
from kb.numbers import canonical_number, number_key
from parsers.model import ParseResult

FORMATS = ("graphml", "gexf", "json", "dot")
_EID = re.compile(r"^(?P<doc>.+?):(?P<eid>(?:art|chp|sec|annex|form|para|point|part|item|subitem|bullet|fn)"
                  r"[\w.\-]*(?:__[\w.\-]+)*)$")


@dataclass
class Citations:
    """What the graph and the checks need of a KB: documents, their provisions, their references."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc_id → number, type, title ...
    eids: dict[str, set[str]] = field(default_factory=dict)  # doc_id → its node eids
    references: list[dict[str, Any]] = field(default_factory=list)  # doc_id + Reference fields
    # What amending documents do to numbered documents: doc_id (the amending one), kind, target_key (the
    # amended number's key), target_eid, source_doc, effective; for `kb check`'s "amended" finding.
    operations: list[dict[str, Any]] = field(default_factory=list)
    _numbers: dict[str, str] | None = field(default=None, repr=False, compare=False)
    _numbers_of: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def by_number(self) -> dict[str, str]:
        """number key → doc_id of the stored documents that have a number (computed once: the view is
        filled before it is queried)."""
        if self._numbers is None or len(self._numbers_of) != len(self.documents):
            self._numbers_of = dict(self.documents)
            self._numbers = {number_key(d["number"]): did for did, d in self.documents.items() if d.get("number")}
        return self._numbers

    def target_id(self, target_doc: str | None, citing: str) -> str:
        """The graph node of a reference's target document: a stored document, else its number or name."""
        if target_doc is None:
            return citing
        return self.by_number().get(number_key(target_doc), target_doc)


def from_results(results: Iterable[ParseResult]) -> Citations:
    """The citations of parsed files, without a database (ids as `kb build` gives them when unique).
    A draft's document carries `status: "draft"`, so it is named "(dự thảo)" as in the KB."""
    from kb.validity.status import draft_reason

    view = Citations()
    for result in results:
        for doc in result.documents:
            did = make_doc_id(doc, result.source)
            view.documents[did] = {
                "doc_id": did, "number": doc.number, "type": doc.doc_type, "title": doc.title,
                "issuer": doc.issuer, "place": doc.place, "date": doc.date, "year": citing_year(doc),
                "parent_number": doc.parent_number, "file": result.source,
                "status": "draft" if draft_reason(doc) else None,
            }
            view.eids[did] = {n.eid for n in doc.walk()}
            for ref in find_references(result, doc):
                view.references.append({
                    "doc_id": did, "source_eid": ref.source_eid, "text": ref.text, "target_doc": ref.target_doc,
                    "target_eid": ref.target_eid, "relation": ref.relation, "line": ref.span.line,
                    "start": ref.span.start, "end": ref.span.end,
                })
            view.operations += _operation_rows(did, doc)
    return view


def _operation_rows(did: str, doc: Any) -> list[dict[str, Any]]:
    from kb.amend.read import read_operations

    return [{"doc_id": did, "kind": op.kind, "target_key": number_key(op.target.document),
             "target_eid": op.target.eid, "source_doc": op.source_doc or doc.number, "source_eid": op.source_eid,
             "effective": op.effective}
            for op in read_operations(doc) if op.target.document and re.search(r"\d+/", op.target.document)]


def from_db(db: Any, doc_id: str | None = None) -> Citations:
    """The citations stored by `kb build` (a sqlite-utils Database from `kb.store.open_db`).

    With DOC_ID, only what that one document's page needs (every document, the KB's "thay thế"
    references, DOC_ID's own references and provisions): `checks.stale` and `views.replaced_in_kb` then
    give for DOC_ID what they give on the whole view, without reading every node and reference."""
    view = Citations()
    for row in db.query(
        "SELECT d.doc_id, d.number, d.type, d.title, d.issuer, d.place, d.date, d.preamble, d.parent_number, "
        "f.name AS file FROM documents d LEFT JOIN files f ON f.path = d.file"
    ):
        row = dict(row)
        row["year"] = _year_of(row)
        view.documents[row["doc_id"]] = row
        view.eids[row["doc_id"]] = set()
    fields = 'doc_id, source_eid, text, target_doc, target_eid, relation, line, start, "end"'
    if doc_id is None:
        nodes = db.execute("SELECT doc_id, eid FROM nodes")
        refs = db.execute(f'SELECT {fields} FROM "references"')
    else:
        nodes = db.execute("SELECT doc_id, eid FROM nodes WHERE doc_id = ?", [doc_id])
        # In table order, as on the whole view: where two documents replace one number, the last one read wins.
        refs = db.execute(f'SELECT {fields} FROM "references" WHERE doc_id = ? OR relation = \'thay_the\' '
                          "ORDER BY rowid", [doc_id])
    for did, eid in nodes:
        view.eids.setdefault(did, set()).add(eid)
    view.references = [dict(r) for r in refs]
    if db["operations"].exists():
        view.operations = [dict(r) for r in db.query(
            "SELECT doc_id, kind, target_key, target_eid, source_doc, source_eid, effective FROM operations "
            "WHERE target_key IS NOT NULL")]
    return view


def _year_of(row: dict[str, Any]) -> int | None:
    from parsers.model import Document

    doc = Document(row.get("type") or "", row.get("number"), None, None, None, row.get("date"), None, None, (),
                   (), None, (), (), (), "normative", preamble=row.get("preamble") or "",
                   parent_number=row.get("parent_number"))
    return citing_year(doc)


# --- the graph -------------------------------------------------------------------------------------
def provision_id(doc: str, eid: str | None) -> str:
    return f"{doc}:{eid}" if eid else doc


def build_graph(view: Citations, catalog: Catalog | None = None) -> nx.MultiDiGraph:
    """Documents and provisions as nodes; a `contains` edge from a document to each cited or citing
    provision; one edge per reference, keyed and labelled by its relation."""
    catalog = catalog if catalog is not None else load_catalog()
    g = nx.MultiDiGraph()
    for did, d in view.documents.items():
        g.add_node(did, kind="document", in_kb=True, label=_label(d), doc_type=d.get("type") or "",
                   number=d.get("number") or "", date=d.get("date") or "", status="")
    for ref in view.references:
        citing = ref["doc_id"]
        target_doc = view.target_id(ref["target_doc"], citing)
        if target_doc not in g:
            entry = catalog.get(target_doc)
            g.add_node(target_doc, kind="document", in_kb=False, label=_catalog_label(target_doc, entry),
                       doc_type=(entry.type if entry else ""), number=(entry.number if entry else target_doc),
                       date=(entry.date or "") if entry else "", status=(entry.status or "") if entry else "")
        source = _provision(g, citing, ref["source_eid"])
        target = _provision(g, target_doc, ref["target_eid"])
        g.add_edge(source, target, key=ref["relation"], relation=ref["relation"], text=ref["text"] or "",
                   line=ref.get("line") or 0)
    return g


def _provision(g: nx.MultiDiGraph, doc: str, eid: str | None) -> str:
    node = provision_id(doc, eid)
    if node not in g:
        g.add_node(node, kind="provision", in_kb=bool(g.nodes[doc].get("in_kb")), label=eid or doc, doc=doc,
                   doc_type="", number="", date="", status="")
        g.add_edge(doc, node, key="contains", relation="contains", text="", line=0)
    return node


def _label(d: dict[str, Any]) -> str:
    return " ".join(x for x in (d.get("type"), d.get("number") or "", (d.get("title") or "")[:80]) if x)


def _catalog_label(target: str, entry: Any) -> str:
    if entry is None:
        return target
    return " ".join(x for x in (entry.type, entry.number, (entry.title or "")[:80]) if x)


# --- cited by --------------------------------------------------------------------------------------
def parse_target(target: str) -> tuple[str, str | None]:
    """'80/2025/NĐ-CP:art_13' → ('80/2025/NĐ-CP', 'art_13'); a doc id with its own colon stays whole."""
    m = _EID.match(target.strip())
    if m:
        return m.group("doc"), m.group("eid")
    return target.strip(), None


def cited_by(view: Citations, target: str) -> list[dict[str, Any]]:
    """The clauses citing TARGET (a document, or a provision and everything in it), in document order."""
    doc, eid = parse_target(target)
    wanted = _target_keys(view, doc)
    if not wanted:
        raise KbError(f"unknown target {doc!r}: no document in the KB or the catalog has that number or id")
    hits = []
    for ref in view.references:
        ref_doc = ref["target_doc"] if ref["target_doc"] is not None else ref["doc_id"]
        own = ref["target_doc"] is None and ref["doc_id"] in wanted["ids"]
        if not (own or (ref["target_doc"] is not None and _key(ref_doc) in wanted["keys"])):
            continue
        if eid and not _within(ref["target_eid"], eid):
            continue
        hits.append({k: ref.get(k) for k in ("doc_id", "source_eid", "relation", "text", "target_doc",
                                              "target_eid", "line")})
    return sorted(hits, key=lambda h: (h["doc_id"], h["line"] or 0))


def _key(target: str) -> str:
    return number_key(target) if re.search(r"\d", target) else target.casefold()


def _target_keys(view: Citations, doc: str) -> dict[str, set[str]]:
    """Every spelling a reference may use for DOC: its number key, its stored doc ids."""
    keys, ids = set(), set()
    if doc in view.documents:
        ids.add(doc)
        number = view.documents[doc].get("number")
        if number:
            keys.add(number_key(number))
    else:
        keys.add(_key(canonical_number(doc) if re.search(r"\d", doc) else doc))
        ids |= {did for did, d in view.documents.items() if d.get("number") and _key(d["number"]) in keys}
    known = ids or any(_key(r["target_doc"]) in keys for r in view.references if r["target_doc"])
    return {"keys": keys, "ids": ids} if known or load_catalog().get(doc) else {}


def _within(target_eid: str | None, eid: str) -> bool:
    return target_eid is not None and (target_eid == eid or target_eid.startswith(eid + "__"))


# --- export ----------------------------------------------------------------------------------------
def export(g: nx.MultiDiGraph, fmt: str, out: str | Path) -> None:
    if fmt not in FORMATS:
        raise KbError(f"unknown graph format {fmt!r}: use one of {', '.join(FORMATS)}")
    path = Path(out)
    try:
        if fmt == "graphml":
            nx.write_graphml(g, path)
        elif fmt == "gexf":
            nx.write_gexf(g, path)
        elif fmt == "json":
            path.write_text(json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1),
                            encoding="utf-8")
        else:
            path.write_text(to_dot(g), encoding="utf-8")
    except OSError as exc:
        raise KbError(f"cannot write {path}: {exc.strerror or exc}") from None


def _dot_id(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(g: nx.MultiDiGraph) -> str:
    """Graphviz DOT: documents as boxes (grey when only the catalog knows them), provisions as ellipses."""
    lines = ["digraph citations {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]
    for node, attrs in g.nodes(data=True):
        shape = "box" if attrs.get("kind") == "document" else "ellipse"
        style = "" if attrs.get("in_kb") else ", style=filled, fillcolor=lightgrey"
        lines.append(f"  {_dot_id(node)} [label={_dot_id(attrs.get('label', node))}, shape={shape}{style}];")
    for u, v, attrs in g.edges(data=True):
        rel = attrs.get("relation", "")
        dash = ", style=dashed" if rel == "contains" else ""
        lines.append(f"  {_dot_id(u)} -> {_dot_id(v)} [label={_dot_id(rel)}{dash}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- straight from SQLite: what the CLI asks on a large KB -----------------------------------------
_REF_FIELDS = 'doc_id, source_eid, relation, text, target_doc, target_eid, line'


def _number_spellings(number: str) -> list[str]:
    canon = canonical_number(number)
    stripped = re.sub(r"^0+(?=\d)", "", canon)
    padded = re.sub(r"^(\d)(?=\D)", r"0\1", stripped)
    return sorted({canon, stripped, padded, number.strip()})


def cited_by_db(db: Any, target: str) -> list[dict[str, Any]]:
    """`cited_by` on a stored KB with indexed lookups only (no graph in memory)."""
    doc, eid = parse_target(target)
    rows = list(db.query("SELECT doc_id, number FROM documents WHERE doc_id = ?", [doc]))
    spellings = _number_spellings(rows[0]["number"]) if rows and rows[0]["number"] else []
    ids = [rows[0]["doc_id"]] if rows else []
    if not rows:
        spellings = _number_spellings(doc) if re.search(r"\d", doc) else [doc]
        keys = sorted({number_key(s) for s in spellings})
        ids = [r["doc_id"] for r in db.query(
            f"SELECT doc_id FROM documents WHERE number_key IN ({','.join('?' * len(keys))})", keys)]
    marks = ",".join("?" * len(spellings))
    sql = f'SELECT {_REF_FIELDS} FROM "references" WHERE target_doc IN ({marks})' if spellings else ""
    params: list[Any] = list(spellings)
    if ids:
        own = f'SELECT {_REF_FIELDS} FROM "references" WHERE target_doc IS NULL AND doc_id IN ({",".join("?" * len(ids))})'
        sql = f"{sql} UNION ALL {own}" if sql else own
        params += ids
    hits = [dict(r) for r in db.query(sql, params)] if sql else []
    if not hits and not ids and load_catalog().get(doc) is None:
        raise KbError(f"unknown target {doc!r}: no document in the KB or the catalog has that number or id")
    if eid:
        hits = [h for h in hits if _within(h["target_eid"], eid)]
    return sorted(hits, key=lambda h: (h["doc_id"], h["line"] or 0))


def refs_db(db: Any, doc_id: str) -> list[dict[str, Any]]:
    """A stored document's references, in document order."""
    if not list(db.query("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id])):
        raise KbError(f"no document {doc_id!r} in the knowledge base (see `kb docs`)")
    return [dict(r) for r in db.query(
        f'SELECT {_REF_FIELDS}, start, "end" FROM "references" WHERE doc_id = ? ORDER BY start', [doc_id])]


# --- what the CLI reads ----------------------------------------------------------------------------
def load_view(paths: list[str], db_path: str) -> Citations:
    """Files given: parse them (no database needed); none: the KB at `db_path`."""
    if paths:
        from kb.store.db import document_files
        from parsers import parse_file

        files = document_files([Path(p) for p in paths])
        if not files:
            raise KbError(f"no document files in {' '.join(paths)}")
        return from_results(parse_file(f) for f in files)
    from kb.store.db import open_db

    return from_db(open_db(db_path))


def references_of(target: str, db_path: str) -> list[dict[str, Any]]:
    """`kb refs`: the references of a file (parsed on the spot, every document in it) or of a stored doc id."""
    path = Path(target)
    if path.is_file():
        from kb.pipeline import Hooks, process

        enriched = process(path, Hooks(duties=None, actors=None))
        rows = []
        for doc, found in zip(enriched.result.documents, enriched.documents):
            did = make_doc_id(doc, str(path))
            rows += [{"doc_id": did, "source": r.source_eid, "text": r.text, "target_doc": r.target_doc,
                      "target_eid": r.target_eid, "relation": r.relation, "line": r.span.line,
                      "start": r.span.start, "end": r.span.end} for r in found.references]
        return rows
    if not Path(db_path).is_file():
        raise KbError(f"{target}: no such file, and no knowledge base at {db_path} to look the id up in")
    from kb.store.db import open_db

    return [{"doc_id": r["doc_id"], "source": r["source_eid"], "text": r["text"], "target_doc": r["target_doc"],
             "target_eid": r["target_eid"], "relation": r["relation"], "line": r["line"], "start": r["start"],
             "end": r["end"]} for r in refs_db(open_db(db_path), target)]


# --- one document's neighbourhood, for a page ------------------------------------------------------
@dataclass
class Neighbourhood:
    """The documents one document cites and the documents citing it, folded to documents: what the graph
    page draws around its centre, read with indexed queries of the references table only."""

    centre: str  # a stored doc_id, or the number of a text only cited
    stored: set[str] = field(default_factory=set)  # the node ids that are stored documents
    cited: dict[str, Any] = field(default_factory=dict)  # node id (a number) → its catalog entry or None
    edges: list[dict[str, Any]] = field(default_factory=list)  # source, target, relation, count


def _stored_by_number(db: Any, number: str) -> str | None:
    rows = list(db.query("SELECT doc_id FROM documents WHERE number_key = ? ORDER BY doc_id LIMIT 1",
                         [number_key(number)]))
    return rows[0]["doc_id"] if rows else None


def neighbourhood_db(db: Any, centre: str, catalog: Catalog | None = None) -> Neighbourhood | None:
    """What `centre` (a stored doc_id, or a number cited in the KB or known to the catalog) cites and what
    cites it; None when the KB and the catalog know nothing of it. A number whose text is stored is
    drawn as that document."""
    catalog = catalog if catalog is not None else load_catalog()
    rows = list(db.query("SELECT doc_id, number FROM documents WHERE doc_id = ?", [centre]))
    if not rows and re.search(r"\d", centre):
        found = _stored_by_number(db, centre)
        rows = list(db.query("SELECT doc_id, number FROM documents WHERE doc_id = ?", [found])) if found else []
    entry = None if rows else catalog.get(centre.strip())
    hood = Neighbourhood(rows[0]["doc_id"] if rows else entry.number if entry else centre.strip())
    number = rows[0]["number"] if rows else hood.centre
    counts: dict[tuple[str, str, str], int] = {}
    seen: dict[str, str] = {}  # number key → node id, so two spellings of one number are one node

    def node_of(target: str) -> str:
        key = number_key(target)
        if key not in seen:
            stored = _stored_by_number(db, target) if re.search(r"\d", target) else None
            seen[key] = stored or target
            if stored:
                hood.stored.add(stored)
            else:
                hood.cited[target] = catalog.get(target)
        return seen[key]

    if rows:
        hood.stored.add(hood.centre)
        if number:
            seen[number_key(number)] = hood.centre
        for r in db.query('SELECT target_doc, relation, count(*) AS n FROM "references" WHERE doc_id = ? '
                          "AND target_doc IS NOT NULL GROUP BY target_doc, relation", [hood.centre]):
            target = node_of(r["target_doc"])
            if target != hood.centre:
                counts[(hood.centre, target, r["relation"])] = counts.get((hood.centre, target, r["relation"]), 0) + r["n"]
    else:
        hood.cited[hood.centre] = catalog.get(hood.centre)
        seen[number_key(hood.centre)] = hood.centre
    if number:
        spellings = _number_spellings(number)
        for r in db.query(f'SELECT doc_id, relation, count(*) AS n FROM "references" WHERE target_doc IN '
                          f'({",".join("?" * len(spellings))}) GROUP BY doc_id, relation', spellings):
            if r["doc_id"] != hood.centre:
                hood.stored.add(r["doc_id"])
                key = (r["doc_id"], hood.centre, r["relation"])
                counts[key] = counts.get(key, 0) + r["n"]
    if not rows and not counts and hood.cited.get(hood.centre) is None:
        return None
    hood.edges = [{"source": s, "target": t, "relation": rel, "count": n} for (s, t, rel), n in sorted(counts.items())]
    return hood


def cited_numbers_db(db: Any) -> list[str]:
    """The numbers cited in the KB whose text is not stored, each once (first spelling), sorted."""
    stored = {r["number_key"] for r in db.query("SELECT DISTINCT number_key FROM documents WHERE number_key IS NOT NULL")}
    out: dict[str, str] = {}
    for r in db.query('SELECT DISTINCT target_doc FROM "references" WHERE target_doc IS NOT NULL ORDER BY target_doc'):
        key = number_key(r["target_doc"])
        if key not in stored and key not in out:
            out[key] = r["target_doc"]
    return sorted(out.values())
