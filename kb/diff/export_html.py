"""A version diff as one self-contained HTML page (`kb diff --html OUT`).

Summary at the top, then the facts (each linking to the clauses it comes from), then one table row per
article in NEW order: the current text with deletions in <del>, the draft with insertions in <ins>, and
what changed. Every piece of document text goes through `html.escape`; the page has no script and loads
nothing. A checkbox (pure CSS) hides the marks of repeated substitutions.
"""

from __future__ import annotations

import html
from pathlib import Path

from kb.diff.ops import Op, line_eids
from kb.diff.result import DiffResult, Pair
from kb.diff.view import STATUS_VI, address, fact_line, hidden, level_name, rows, unit_name
from kb.model import STATUSES

_CSS = """
body{font-family:"Times New Roman",serif;margin:1.5em;color:#111}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #999;padding:.4em .6em;vertical-align:top}
th{background:#eee}td.old,td.new{width:40%;white-space:pre-wrap}td.note{width:20%;font-size:.9em}
ins{background:#d4f7d4;text-decoration:underline;font-weight:bold}del{background:#fbd4d4}
table.summary{width:auto}.summary td{text-align:right}.status{font-weight:bold}
tr.chapter td{font-weight:bold;background:#f3f3f3}
tr.removed td.old{background:#fff4f4}tr.added td.new{background:#f4fff4}
#hide-subs:checked ~ main .sub{background:none;text-decoration:none;font-weight:normal}
:target{outline:2px solid #36c}
"""


def _anchor(side: str, eid: str) -> str:
    return f"{side}-{eid}"


def _side_html(ops: list[Op], side: str, node_eids: list[str], hide: frozenset[int]) -> str:
    """One side's text with marks; an anchor at the start of each clause's line."""
    tag = "del" if side == "old" else "ins"
    out: list[str] = []
    line = 0
    seen: set[str] = set()

    def anchor() -> None:
        if line < len(node_eids) and node_eids[line] not in seen:
            seen.add(node_eids[line])
            out.append(f'<span id="{html.escape(_anchor(side, node_eids[line]))}"></span>')

    anchor()
    for op in ops:
        text = op.old if side == "old" else op.new
        if not text:
            continue
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                out.append("\n")
                line += 1
                anchor()
            if not piece:
                continue
            escaped = html.escape(piece)
            if op.op == "equal":
                out.append(escaped)
            else:
                cls = ' class="sub"' if op.sub is not None else ""
                out.append(f"<{tag}{cls}>{escaped}</{tag}>")
    return "".join(out)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _row(
    result: DiffResult,
    k: int,
    pair: Pair,
    ops: list[Op],
    note: str,
    facts: tuple[int, ...],
    hide: frozenset[int],
) -> str:
    chapter = pair.level == "chuong"
    old_eids = ([pair.old_node.eid] if chapter else line_eids(pair.old_node)) if pair.old_node else []
    new_eids = ([pair.new_node.eid] if chapter else line_eids(pair.new_node)) if pair.new_node else []
    old = _side_html(ops, "old", old_eids, hide) if pair.old_node else ""
    new = _side_html(ops, "new", new_eids, hide) if pair.new_node else ""
    links = "".join(
        f'<li><a href="#fact-{f}">{html.escape(_short(fact_line(result.facts[f])))}</a></li>' for f in facts
    )
    title = " → ".join(x for x in (unit_name(pair, "old"), unit_name(pair, "new")) if x)
    return (
        f'<tr id="row-{k}" class="{pair.status}{" chapter" if chapter else ""}">'
        f'<td class="old">{old}</td><td class="new">{new}</td>'
        f'<td class="note"><div class="status">{html.escape(title)}: '
        f"{html.escape(STATUS_VI[pair.status])}</div>"
        f"<div>{html.escape(note)}</div>" + (f"<ul>{links}</ul>" if links else "") + "</td></tr>"
    )


def _fact_item(result: DiffResult, k: int) -> str:
    f = result.facts[k]
    places = f.eids or ((f.old_eid, f.new_eid),)
    links = []
    for old, new in places[:12]:
        if old:
            links.append(f'<a href="#{html.escape(_anchor("old", old))}">cũ: {html.escape(address(old))}</a>')
        if new:
            links.append(
                f'<a href="#{html.escape(_anchor("new", new))}">mới: {html.escape(address(new))}</a>'
            )
    return f'<li id="fact-{k}">{html.escape(fact_line(f))} ' + " ".join(links) + "</li>"


def to_html(result: DiffResult, hide_subs: bool = False) -> str:
    hide = hidden(result, hide_subs)
    counts = result.summary()
    summary = "".join(
        f"<tr><th>{html.escape(STATUS_VI[s])}</th><td>{counts[s]}</td></tr>" for s in STATUSES if counts[s]
    )
    facts = "".join(_fact_item(result, k) for k in range(len(result.facts)))
    body = "".join(
        _row(result, r.index, r.pair, list(r.ops), r.note, r.facts, hide) for r in rows(result, chapters=True)
    )
    checked = " checked" if hide_subs else ""
    old, new = html.escape(result.old.label), html.escape(result.new.label)
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>So sánh: {old} → {new}</title><style>{_CSS}</style></head><body>"
        f"<h1>Bảng so sánh</h1><p><b>Quy định hiện hành:</b> {old}<br><b>Dự thảo:</b> {new}</p>"
        f'<table class="summary"><caption>Tổng hợp theo {html.escape(level_name(result))}</caption>'
        f"{summary}</table>"
        f"<h2>Những thay đổi chính</h2><ul>{facts or '<li>Không có</li>'}</ul>"
        f'<input type="checkbox" id="hide-subs"{checked}><label for="hide-subs"> Ẩn các cụm từ được thay thế '
        "lặp lại trong toàn văn bản</label>"
        '<main><table class="diff"><thead><tr><th>Quy định hiện hành</th><th>Dự thảo</th>'
        f"<th>Nội dung thay đổi</th></tr></thead><tbody>{body}</tbody></table></main></body></html>\n"
    )


def write_html(result: DiffResult, out: str | Path, hide_subs: bool = False) -> Path:
    path = Path(out)
    path.write_text(to_html(result, hide_subs), encoding="utf-8")
    return path
