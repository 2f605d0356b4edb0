"""Small read-only queries the app's pages need and that no other kb module answers.

Each takes the KB (`kb.store.open_db`) or rows it returned and gives plain values; the app itself holds
no SQL. Flat node rows (from `kb.store.get_nodes`) carry `eid`, `parent`, `depth` and document order.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from kb.store.db import node_address
from parsers.model import Document, Node

Row = dict[str, Any]


def stored_files(db: sqlite_utils.Database) -> list[Path]:
    """The source files the KB was built from (absolute paths), in name order."""
    return [Path(r["path"]) for r in db.query("SELECT path FROM files ORDER BY name")]


def documents_of_file(db: sqlite_utils.Database, path: Path) -> list[str]:
    """The ids of the documents a source file gave, in file order."""
    rows = db.query("SELECT doc_id FROM documents WHERE file = ? ORDER BY ord", [str(Path(path).resolve())])
    return [r["doc_id"] for r in rows]


def file_warnings(db: sqlite_utils.Database, doc_id: str) -> list[str]:
    """What the parser warned about the file a document comes from."""
    import json

    row = next(db.query(
        "SELECT f.warnings FROM files f JOIN documents d ON d.file = f.path WHERE d.doc_id = ?", [doc_id]
    ), None)
    return list(json.loads(row["warnings"] or "[]")) if row else []


def subtree(nodes: Sequence[Row], eid: str) -> list[Row]:
    """The node `eid` and every node below it, in document order ([] when absent)."""
    start = next((i for i, n in enumerate(nodes) if n["eid"] == eid), None)
    if start is None:
        return []
    depth = nodes[start]["depth"]
    out = [nodes[start]]
    for node in nodes[start + 1:]:
        if node["depth"] <= depth:
            break
        out.append(node)
    return out


def context_of(nodes: Sequence[Row], eid: str) -> list[Row]:
    """The clause `eid` with what a reader needs around it: the whole article (or plan item) holding it."""
    by_eid = {n["eid"]: n for n in nodes}
    node = by_eid.get(eid)
    if node is None:
        return []
    chain = [node]
    while chain[-1]["parent"] in by_eid:
        chain.append(by_eid[chain[-1]["parent"]])
    # The innermost article; for plans the item just below the top section, else the top unit.
    holder = next((n for n in chain if n["kind"] == "dieu"), None)
    if holder is None:
        holder = chain[-2] if len(chain) >= 2 and chain[-1]["kind"] == "section" else chain[-1]
        if holder is chain[-1] and len(subtree(nodes, holder["eid"])) > 40:
            holder = node
    return subtree(nodes, holder["eid"])


def tree_rows(doc: Document) -> list[Row]:
    """A parsed document's nodes as the flat rows `kb.store.get_nodes` gives, before it is stored."""
    rows: list[Row] = []

    def walk(nodes: tuple[Node, ...], chain: tuple[Node, ...], parent_address: str) -> None:
        seen: dict[str, int] = {}
        for node in nodes:
            seen[node.kind] = seen.get(node.kind, 0) + 1
            address = node_address(node, chain, parent_address, seen[node.kind])
            rows.append({"eid": node.eid, "parent": chain[-1].eid if chain else None, "depth": len(chain),
                         "kind": node.kind, "num": node.num, "heading": node.heading, "text": node.text,
                         "address": address})
            walk(node.children, chain + (node,), address)

    walk(doc.nodes, (), "")
    return rows


def addresses(doc: Document) -> dict[str, str]:
    """eid → the address people cite ("Điều 12 khoản 1 điểm a") for every node of a parsed document."""
    return {row["eid"]: row["address"] for row in tree_rows(doc)}


# --- the citation graph, document by document -----------------------------------------------------------
# Edge styles per relation, so the kind of link reads at a glance (a legend on the page explains them).
RELATION_STYLE = {
    "can_cu": 'color="#1f6feb", penwidth=2',
    "thay_the": 'color="#cf222e", penwidth=2, style=bold',
    "sua_doi_bo_sung": 'color="#bc4c00", style=dashed',
    "huong_dan": 'color="#8250df", style=dashed',
    "thuc_hien": 'color="#1a7f37"',
    "ban_hanh_kem_theo": 'color="#57606a", style=dotted',
    "dan_chieu": 'color="#8c959f"',
}


def _doc_of(g: Any, node: str) -> str:
    attrs = g.nodes[node]
    return node if attrs.get("kind") == "document" else attrs.get("doc", node)


def document_edges(g: Any, relations: set[str] | None = None) -> list[Row]:
    """The citation graph folded to documents: one row per (citing, cited, relation) with its count."""
    counts: dict[tuple[str, str, str], int] = {}
    for u, v, attrs in g.edges(data=True):
        rel = attrs.get("relation", "")
        if rel == "contains" or (relations is not None and rel not in relations):
            continue
        source, target = _doc_of(g, u), _doc_of(g, v)
        if source == target:
            continue
        counts[(source, target, rel)] = counts.get((source, target, rel), 0) + 1
    return [{"source": s, "target": t, "relation": r, "count": n} for (s, t, r), n in sorted(counts.items())]


def _dot(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def documents_dot(g: Any, edges: list[Row], stale: set[tuple[str, str]], labels: dict[str, str],
                  relation_names: dict[str, str]) -> str:
    """Graphviz DOT of documents and their citations: KB documents as white boxes, texts known only from
    the catalog grey, replaced or expired ones red; a citation of a replaced text (`stale`, as
    (citing doc, cited number)) drawn red and thick."""
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    lines = ["digraph citations {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fontsize=11];',
             "  edge [fontsize=9];"]
    for node in nodes:
        attrs = g.nodes[node]
        fill = "#ffffff" if attrs.get("in_kb") else "#eaeef2"
        if attrs.get("status") in ("replaced", "expired"):
            fill = "#ffd8d3"
        label = _short(labels.get(node) or attrs.get("label") or node)
        lines.append(f"  {_dot(node)} [label={_dot(label)}, fillcolor={_dot(fill)}];")
    for e in edges:
        style = RELATION_STYLE.get(e["relation"], "")
        name = relation_names.get(e["relation"], e["relation"])
        label = f"{name} ×{e['count']}" if e["count"] > 1 else name
        if (e["source"], e["target"]) in stale:
            style = 'color="#d1242f", penwidth=3, fontcolor="#d1242f"'
            label += " (đã bị thay thế)"
        lines.append(f"  {_dot(e['source'])} -> {_dot(e['target'])} [label={_dot(label)}, {style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def node_addresses(db: sqlite_utils.Database, doc_id: str) -> dict[str, str]:
    """eid → address of a stored document's nodes."""
    return {r["eid"]: r["address"] for r in db.query("SELECT eid, address FROM nodes WHERE doc_id = ?", [doc_id])}


def actors_with_duties(db: sqlite_utils.Database, limit: int = 12) -> list[tuple[str, str, int]]:
    """(actor id, name, number of duties) of the actors with most duties in the KB, most first."""
    from kb.duties.actors import load_registry

    if not db["duties"].exists():
        return []
    names = {a.id: a.name for a in load_registry().actors.values()}
    if db["actors"].exists():
        names |= {r["id"]: r["name"] for r in db.query("SELECT DISTINCT id, name FROM actors")}
    rows = db.query("SELECT actor, count(*) AS n FROM duties GROUP BY actor ORDER BY n DESC, actor LIMIT ?", [limit])
    return [(r["actor"], names.get(r["actor"], r["actor"]), r["n"]) for r in rows]


def replaced_in_kb(view: Any) -> dict[str, list[str]]:
    """doc_id → the documents of the KB that say they replace it ("thay thế")."""
    out: dict[str, list[str]] = {}
    for r in view.references:
        if r["relation"] == "thay_the" and r["target_doc"]:
            target = view.target_id(r["target_doc"], r["doc_id"])
            if r["doc_id"] not in out.setdefault(target, []):
                out[target].append(r["doc_id"])
    return out


def validity(catalog: Any, replaced: dict[str, list[str]], doc: Row) -> str:
    """What is known of a document's force: a text of the KB that replaces it, or the catalog's status."""
    entry = catalog.get(doc["number"]) if doc.get("number") else None
    if replaced.get(doc["doc_id"]):
        return "Bị thay thế bởi " + ", ".join(sorted(replaced[doc["doc_id"]]))
    if entry is None or not entry.status:
        return "Chưa rõ"
    words = {"in_force": "Còn hiệu lực", "replaced": "Đã bị thay thế", "expired": "Hết hiệu lực",
             "amended": "Đã được sửa đổi, bổ sung"}
    text = words.get(entry.status, entry.status)
    by = entry.replaced_by or entry.amended_by
    return f"{text} bởi {', '.join(by)}" if by and entry.status != "in_force" else text
