"""HTML the pages show: every piece of document text escaped before any tag of ours wraps it.

Streamlit's own Markdown lets `<iframe>` and remote `<img>` through when HTML is allowed, and documents
come from anywhere, so no page hands document text to Streamlit unescaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

STYLE = """<style>
.vb-clause{font-family:'Times New Roman',serif;font-size:1.05rem;line-height:1.5;margin:.15rem 0}
.vb-clause.vb-focus{background:#fff6d5;border-left:4px solid #e0a800;padding-left:.5rem}
.vb-addr{color:#555;font-size:.85rem;font-family:sans-serif}
.vb-side{width:100%;border-collapse:collapse;table-layout:fixed}
.vb-side td,.vb-side th{border:1px solid #ddd;vertical-align:top;padding:.4rem;font-size:.95rem}
.vb-side th{background:#f3f4f6;text-align:left}
ins{background:#d4f7d4;text-decoration:underline;font-weight:600}
del{background:#fbd3d3;text-decoration:line-through}
mark{background:#ffe58a;padding:0 .1rem}
.vb-tag{display:inline-block;border-radius:.6rem;padding:0 .5rem;font-size:.8rem;background:#eef}
@media (max-width:640px){
 table.duties colgroup,table.duties tr:first-child{display:none}
 table.duties,table.duties tbody,table.duties tr,table.duties td{display:block;width:100%!important}
 table.duties tr{border:1px solid #ddd;border-radius:.4rem;margin:.4rem 0;padding:.2rem .4rem}
 table.duties td{border:none;padding:.15rem 0}
 table.duties td[data-label]:not(:empty)::before{content:attr(data-label) ": ";color:#555;font-size:.85rem}
}
</style>"""


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def md(text: object) -> str:
    """Text shown through Streamlit's Markdown (a subheader, a warning, a label) as plain text: every
    mark that Markdown or Streamlit's directives read (links, images, emphasis, :emoji:, $math$) is
    escaped, so a stored title or a URL parameter cannot make the browser fetch or link anything."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else " ".join(str(text).split()))


def wrap(tag: str, text: object, cls: str | None = None) -> str:
    """One of our tags around escaped text."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<{tag}{attr}>{esc(text)}</{tag}>"


def marked(parts: Iterable[tuple[str, str]]) -> str:
    """Runs of text with their change: 'equal', 'insert' or 'delete' → escaped text, <ins>, <del>."""
    tags = {"insert": "ins", "delete": "del", "mark": "mark"}
    out = []
    for kind, text in parts:
        tag = tags.get(kind)
        out.append(wrap(tag, text) if tag else esc(text))
    return "".join(out)


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` escaped, with the character ranges `spans` (sorted, non-overlapping) in <mark>."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        out.append(wrap("mark", text[start:end]))
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def between_markers(snippet: str, start: str, end: str) -> str:
    """A snippet whose hits sit between `start` and `end` markers (as FTS5 writes them) → safe HTML."""
    out = []
    rest = snippet
    while start in rest:
        before, _, after = rest.partition(start)
        hit, found, rest = after.partition(end)
        out.append(esc(before))
        out.append(wrap("mark", hit) if found else esc(hit))
    out.append(esc(rest))
    return "".join(out)


def page_url(url_path: str, **params: str | None) -> str:
    """A same-app link, e.g. to the Văn bản page at a clause."""
    query = urlencode({k: v for k, v in params.items() if v})
    return f"./{url_path}?{query}" if query else f"./{url_path}"


def link(url: str, text: object) -> str:
    return f'<a href="{esc(url)}" target="_self">{esc(text)}</a>'


def _lines(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def side_by_side(ops: Iterable[Any], hide: frozenset[int] | set[int] = frozenset()) -> tuple[str, str]:
    """The OLD and NEW cells of an aligned pair: deleted words struck in OLD, inserted words in NEW.

    Changes that belong to a document-wide substitution listed in `hide` are shown unmarked.
    """
    old, new = [], []
    for op in ops:
        quiet = op.sub is not None and op.sub in hide
        if op.op == "equal":
            old.append(_lines(op.old))
            new.append(_lines(op.new))
        elif op.op == "delete":
            old.append(_lines(op.text) if quiet else f"<del>{_lines(op.text)}</del>")
        elif op.op == "insert":
            new.append(_lines(op.text) if quiet else f"<ins>{_lines(op.text)}</ins>")
    return "".join(old), "".join(new)
