"""The Đồ thị page's drawing: one document's neighbourhood (kb.citations.graph.Neighbourhood) as Graphviz
DOT, each node a link to its page on Văn bản (a stored document by `doc=`, a text only cited by `cited=`),
labels wrapped on a few short lines so they can be read."""

from __future__ import annotations

import textwrap
from typing import Any

from app_pages.markup import page_url
from kb.store.views import RELATION_STYLE

STALE = ("replaced", "expired")
WIDTH = 30  # characters per label line
LINES = 3  # label lines at most (the full name is the node's tooltip)


def _dot(text: object) -> str:
    """A DOT string: quotes and backslashes escaped, so no document text can end the attribute."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def wrapped(name: str, width: int = WIDTH, lines: int = LINES) -> list[str]:
    """A node's label as lines: the number part first, then the title, cut with "…" past `lines` lines."""
    head, _, tail = name.partition(" — ")
    out = textwrap.wrap(head, width) or [""]
    if tail:
        out += textwrap.wrap(tail, width)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(" ,;:.") + "…"
    return out


def _label(lines: list[str]) -> str:
    # Graphviz reads "\n" inside a quoted label as a line break; each line is escaped on its own.
    return "\\n".join(_dot(line)[1:-1] for line in lines)


def node_url(node: str, hood: Any) -> str:
    return page_url("van-ban", doc=node) if node in hood.stored else page_url("van-ban", cited=node)


def node_name(node: str, hood: Any, names: dict[str, str]) -> str:
    """The name a reader sees: a stored document's name, a cited text's type and number from the catalog."""
    if node in hood.stored:
        return names.get(node, node)
    entry = hood.cited.get(node)
    if entry is None:
        return node
    head = " ".join(x for x in (entry.type, entry.number) if x)
    return f"{head} — {entry.title}" if entry.title else head


def is_stale(node: str, hood: Any) -> bool:
    entry = hood.cited.get(node)
    return bool(entry is not None and entry.status in STALE)


def neighbourhood_dot(hood: Any, names: dict[str, str], relations: set[str], relation_names: dict[str, str]) -> str:
    """DOT of the centre and the documents it cites or that cite it, by the chosen relations. White: stored;
    grey: known only as cited; red: replaced or expired (a citation of it red and thick, unless it is
    the replacing itself). The centre has a thick border."""
    edges = [e for e in hood.edges if e["relation"] in relations]
    nodes = sorted({hood.centre} | {e["source"] for e in edges} | {e["target"] for e in edges})
    lines = ["digraph neighbourhood {", "  rankdir=LR;", "  nodesep=0.3; ranksep=0.9;",
             '  node [shape=box, style="rounded,filled", fontname="Arial", fontsize=13, margin="0.15,0.08"];',
             '  edge [fontname="Arial", fontsize=11];']
    for node in nodes:
        name = node_name(node, hood, names)
        fill = "#ffd8d3" if is_stale(node, hood) else "#ffffff" if node in hood.stored else "#eaeef2"
        border = ', penwidth=3, color="#0969da"' if node == hood.centre else ""
        lines.append(f'  {_dot(node)} [label="{_label(wrapped(name))}", tooltip={_dot(name)}, '
                     f'URL={_dot(node_url(node, hood))}, target="_self", fillcolor={_dot(fill)}{border}];')
    for e in edges:
        style = RELATION_STYLE.get(e["relation"], "")
        label = relation_names.get(e["relation"], e["relation"])
        label = f"{label} ×{e['count']}" if e["count"] > 1 else label
        if is_stale(e["target"], hood) and e["relation"] != "thay_the":
            style = 'color="#d1242f", penwidth=3, fontcolor="#d1242f"'
            label += " (đã bị thay thế)" if hood.cited[e["target"]].status == "replaced" else " (đã hết hiệu lực)"
        lines.append(f"  {_dot(e['source'])} -> {_dot(e['target'])} [label={_dot(label)}, {style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
