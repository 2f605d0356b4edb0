"""Tables of citations shared by the Văn bản and Đồ thị pages: what a document cites, what cites it."""

from __future__ import annotations

from typing import Any

from app_pages.markup import esc, link, page_url
from kb.citations import graph
from kb.labels import RELATION, eid_address, label
from kb.store import views

HEAD = '<table class="vb-side"><tr>{}</tr>{}</table>'


def _th(*titles: str) -> str:
    return "".join(f"<th>{esc(t)}</th>" for t in titles)


def outgoing_html(db: Any, view: Any, doc_id: str, names: dict[str, str], stale: set[tuple[str, str]]) -> str:
    """One row per reference of `doc_id`: where, the words, the relation, the cited text and clause
    (a link when its text is in the KB); citations of replaced texts shaded red."""
    refs = graph.refs_db(db, doc_id)
    if not refs:
        return ""
    here = views.node_addresses(db, doc_id)
    targets = {view.target_id(r["target_doc"], doc_id) for r in refs}
    there = {t: views.node_addresses(db, t) for t in targets if t in names}
    cells = []
    for r in refs:
        target = view.target_id(r["target_doc"], doc_id)
        target_name = names.get(target, r["target_doc"] or "Chính văn bản này")
        pin = there.get(target, {}).get(r["target_eid"] or "", eid_address(r["target_eid"]))
        opened = link(page_url("van-ban", doc=target, eid=r["target_eid"]), pin or "Mở") if target in names else esc(pin)
        mark = ' style="background:#ffd8d3"' if (doc_id, target) in stale else ""
        cells.append(f"<tr{mark}><td>{esc(here.get(r['source_eid'] or '', 'Phần mở đầu'))}</td>"
                     f"<td>{esc(r['text'])}</td><td>{esc(label(RELATION, r['relation']))}</td>"
                     f"<td>{esc(target_name)}</td><td>{opened}</td></tr>")
    return HEAD.format(_th("Điều khoản", "Trích dẫn", "Quan hệ", "Văn bản được dẫn", "Điều khoản được dẫn"),
                       "".join(cells))


def incoming_html(db: Any, doc_id: str, names: dict[str, str]) -> str:
    """One row per clause of another document of the KB that cites `doc_id`, linked to that clause."""
    rows = [r for r in graph.cited_by_db(db, doc_id) if r["doc_id"] != doc_id]
    if not rows:
        return ""
    mine = views.node_addresses(db, doc_id)
    # Read each citing document's addresses once: a much-cited text has many rows per citing document.
    there = {d: views.node_addresses(db, d) for d in {r["doc_id"] for r in rows}}
    cells = []
    for r in rows:
        where = there[r["doc_id"]].get(r["source_eid"] or "", "Phần mở đầu")
        opened = link(page_url("van-ban", doc=r["doc_id"], eid=r["source_eid"]), where)
        cells.append(f"<tr><td>{esc(names.get(r['doc_id'], r['doc_id']))}</td><td>{opened}</td>"
                     f"<td>{esc(r['text'])}</td><td>{esc(label(RELATION, r['relation']))}</td>"
                     f"<td>{esc(mine.get(r['target_eid'] or '', 'Cả văn bản'))}</td></tr>")
    return HEAD.format(_th("Văn bản trích dẫn", "Ở điều khoản", "Trích dẫn", "Quan hệ", "Điều khoản được dẫn"),
                       "".join(cells))
