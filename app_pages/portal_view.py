"""HTML of what a legal portal shows of a document: the validity badge, Thuộc tính, Lược đồ, Mục lục,
and the page of a document known only because others cite it. Every value is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app_pages.markup import esc, link, page_url
from app_pages.tree import node_title
from kb import labels
from kb.store.portal import BADGE, Cited, Related, Validity

PORTAL_STYLE = """<style>
.vb-badge{display:inline-block;border-radius:.8rem;padding:.05rem .6rem;font-size:.85rem;font-weight:600}
.vb-props{border-collapse:collapse;margin:.3rem 0 .6rem 0}
.vb-props th{text-align:left;font-weight:600;padding:.15rem 1rem .15rem 0;color:#333;white-space:nowrap;vertical-align:top}
.vb-props td{padding:.15rem 0;vertical-align:top}
.vb-toc details{margin-left:.2rem}.vb-toc summary{cursor:pointer;font-weight:600}
.vb-toc a{display:block;padding:.08rem 0 .08rem 1.1rem;text-decoration:none}
.vb-toc a.vb-here{background:#fff6d5;font-weight:600}
.vb-schema h5{margin:.5rem 0 .1rem 0;font-size:.95rem}.vb-schema li{margin:.1rem 0}
</style>"""


def badge(status: Validity) -> str:
    back, fore = BADGE.get(status.code, BADGE["chua_ro"])
    return (f'<span class="vb-badge" style="background:{back};color:{fore}" title="{esc(status.reason)}">'
            f"{esc(status.label)}</span>")


def properties_html(facts: Sequence[tuple[str, str]], status: Validity) -> str:
    """Thuộc tính as a two-column table; the validity as a coloured badge with its reason beside it."""
    rows = []
    for key, value in facts:
        if key == "Tình trạng hiệu lực":
            reason = f' <small>{esc(status.reason)}</small>' if status.reason else ""
            rows.append(f"<tr><th>{esc(key)}</th><td>{badge(status)}{reason}</td></tr>")
        else:
            rows.append(f"<tr><th>{esc(key)}</th><td>{esc(value)}</td></tr>")
    return f'<table class="vb-props">{"".join(rows)}</table>'


def related_link(r: Related) -> str:
    if r.doc_id:
        return link(page_url("van-ban", doc=r.doc_id), r.name or r.doc_id)
    return link(page_url("van-ban", cited=r.number), r.name or r.number)


def schema_html(related: Sequence[Related]) -> str:
    """Lược đồ: one list per relation, each document a link (a cited-only one to its own page)."""
    groups: dict[str, list[str]] = {}
    for r in related:
        groups.setdefault(r.heading, []).append(f"<li>{related_link(r)}</li>")
    parts = [f"<h5>{esc(h)} ({len(items)})</h5><ul>{''.join(items)}</ul>" for h, items in groups.items()]
    return f'<div class="vb-schema">{"".join(parts)}</div>'


def toc_html(doc_id: str, units: Sequence[dict[str, Any]], focus: str | None) -> str:
    """Mục lục: chapters (or a plan's sections) as collapsible blocks of article links; the block holding
    the open clause starts open."""
    out: list[str] = []
    open_block = False
    for node in units:
        title = node_title(node)
        here = bool(focus) and (focus == node["eid"] or str(focus).startswith(node["eid"] + "__"))
        url = page_url("van-ban", doc=doc_id, eid=node["eid"])
        if node["kind"] in ("phan", "chuong", "section") and node["depth"] == 0:
            if open_block:
                out.append("</details>")
            inside = bool(focus) and str(focus).startswith(node["eid"])
            out.append(f"<details{' open' if inside or not focus else ''}><summary>{esc(title)}</summary>")
            out.append(f'<a href="{esc(url)}" target="_self">{esc(title)}</a>' if node["kind"] == "section" else "")
            open_block = True
        else:
            cls = ' class="vb-here"' if here else ""
            out.append(f'<a href="{esc(url)}" target="_self"{cls}>{esc(title)}</a>')
    if open_block:
        out.append("</details>")
    return f'<div class="vb-toc">{"".join(out)}</div>'


def cited_html(cited: Cited, names: dict[str, str], addresses: dict[str, dict[str, str]]) -> str:
    """A document cited but not stored: its catalog facts and every clause citing it, linked."""
    head = properties_html(cited.facts, cited.status) if cited.facts else (
        "<p><i>Danh mục chưa có thông tin về văn bản này.</i></p>")
    rows = []
    for r in cited.citing:
        where = addresses.get(r["doc_id"], {}).get(r["source_eid"] or "", "Phần mở đầu")
        opened = link(page_url("van-ban", doc=r["doc_id"], eid=r["source_eid"]), where)
        pin = labels.eid_address(r["target_eid"]) if r["target_eid"] else "Cả văn bản"
        rows.append(f"<tr><td>{esc(names.get(r['doc_id'], ''))}</td><td>{opened}</td><td>{esc(r['text'])}</td>"
                    f"<td>{esc(labels.label(labels.RELATION, r['relation']))}</td><td>{esc(pin)}</td></tr>")
    table = ('<table class="vb-side"><tr><th>Văn bản trích dẫn</th><th>Ở điều khoản</th><th>Trích dẫn</th>'
             f"<th>Quan hệ</th><th>Điều khoản được dẫn</th></tr>{''.join(rows)}</table>") if rows else ""
    return head + table
