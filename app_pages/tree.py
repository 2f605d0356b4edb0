"""A document's tree of nodes as escaped HTML: headings, text, indentation by depth, one clause marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app_pages.markup import esc, wrap

_HEADED = ("phan", "chuong", "muc", "dieu", "section")
_LABEL = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều"}


def node_title(node: dict[str, Any]) -> str:
    """The number and heading as printed: "Điều 12. Chế độ báo cáo", "1.", "a)", "II. NHIỆM VỤ"."""
    num = node.get("num") or ""
    kind = node["kind"]
    if kind in _LABEL:
        head = f"{_LABEL[kind]} {num}".strip()
        return f"{head}. {node['heading']}" if node.get("heading") else head
    if kind == "diem":
        return f"{num})"
    if kind == "bullet":
        return "-"
    if kind == "paragraph" or not num:
        return node.get("heading") or ""
    return f"{num}. {node['heading']}" if node.get("heading") else f"{num}."


def tree_html(
    nodes: Sequence[dict[str, Any]], focus: str | None = None,
    extra: Callable[[dict[str, Any]], str] | None = None,
) -> str:
    """One block per node, indented by depth; `focus` (an eid) is shaded; `extra(node)` is appended
    (already safe HTML, e.g. the duties of that clause)."""
    if not nodes:
        return ""
    base = min(n["depth"] for n in nodes)
    out = []
    for node in nodes:
        cls = "vb-clause vb-focus" if node["eid"] == focus else "vb-clause"
        title = node_title(node)
        head = wrap("b", title) if node["kind"] in _HEADED else esc(title)
        body = esc(node.get("text") or "")
        margin = 1.4 * (node["depth"] - base)
        out.append(
            f'<div class="{cls}" id="{esc(node["eid"])}" style="margin-left:{margin:.1f}rem">'
            f'{head} {body} <span class="vb-addr">[{esc(node.get("address") or "")}]</span>'
            f"{extra(node) if extra else ''}</div>"
        )
    return "\n".join(out)
