"""Đồ thị trích dẫn: the documents one document cites and the documents citing it, around any document,
stored or only cited (?doc= or ?cited=, as on the Văn bản page); a click on a node opens its page. Only
that neighbourhood is read (indexed queries of the references table), never the whole KB's graph."""

from __future__ import annotations

import streamlit as st

from app_pages import citations_view, graph_view, kbsession
from app_pages.markup import STYLE, esc, link, md
from kb.citations import graph
from kb.citations.catalog import load_catalog
from kb.labels import RELATION, doc_label, format_date, label
from kb.store import db as store
from kb.store import portal, views

STATUS_WORD = {"replaced": "đã bị thay thế", "expired": "đã hết hiệu lực"}

st.title("Đồ thị trích dẫn")
catalog = load_catalog()
with kbsession.connection() as db:
    status = portal.statuses(db)
    docs = portal.newest_first(store.list_documents(db), status)
    names = {d["doc_id"]: doc_label({**d, "status": "draft" if d["doc_id"] in status
                                     and status[d["doc_id"]].code == "du_thao" else None}) for d in docs}
    cited_only = graph.cited_numbers_db(db)
if not docs:
    st.info("Chưa có văn bản nào. Hãy thêm văn bản ở trang «Thêm văn bản».")
    st.stop()


def _cited_name(number: str) -> str:
    entry = catalog.get(number)
    head = " ".join(x for x in (entry.type if entry else "", number) if x)
    return f"{head} (chỉ được trích dẫn)"


options = [*names, *cited_only]
wanted = st.query_params.get("doc") or st.query_params.get("cited")
with kbsession.connection() as db:
    hood = graph.neighbourhood_db(db, wanted, catalog) if wanted else None
if wanted and hood is None:
    st.warning(f"Không có văn bản «{md(wanted)}» trong kho hay trong danh mục; đồ thị vẽ quanh văn bản mới nhất.")
centre = hood.centre if hood else docs[0]["doc_id"]
if centre not in options:
    options.append(centre)


def _moved() -> None:
    """The chosen centre goes into the URL, so the view can be shared and comes back on reload."""
    chosen = st.session_state["graph_centre"]
    st.query_params.clear()
    st.query_params["doc" if chosen in names else "cited"] = chosen


if hood is None:
    with kbsession.connection() as db:
        hood = graph.neighbourhood_db(db, centre, catalog)
assert hood is not None
st.session_state["graph_centre"] = centre  # the URL names the centre: a link from another page moves it
a, b = st.columns([3, 2])
a.selectbox("Văn bản ở giữa (văn bản trong kho hoặc chỉ được trích dẫn)", options,
            format_func=lambda o: names.get(o) or _cited_name(o), key="graph_centre", on_change=_moved)
present = sorted({e["relation"] for e in hood.edges}, key=lambda r: list(RELATION).index(r) if r in RELATION else 99)
chosen = b.multiselect("Loại quan hệ", present, default=present, format_func=lambda r: label(RELATION, r))

if any(e["relation"] in chosen for e in hood.edges):
    st.graphviz_chart(graph_view.neighbourhood_dot(hood, names, set(chosen), RELATION), width="stretch")
    legend = " · ".join(f"<b>{esc(label(RELATION, r))}</b>" for r in chosen)
    st.html(f"<small>Bấm vào một ô để mở văn bản đó. Mũi tên từ văn bản trích dẫn tới văn bản được trích dẫn: "
            f"{legend}. Viền xanh: văn bản ở giữa; ô trắng: văn bản có trong kho; ô xám: chỉ biết qua trích dẫn "
            "hoặc danh mục; ô đỏ: văn bản đã bị thay thế hoặc hết hiệu lực; mũi tên đỏ đậm: trích dẫn văn bản "
            "đã bị thay thế.</small>")
else:
    st.info("Văn bản này không trích dẫn và không được văn bản nào trong kho trích dẫn theo các loại đã chọn.")

around = sorted({e["source"] for e in hood.edges} | {e["target"] for e in hood.edges} | {hood.centre})
opened = [link(graph_view.node_url(n, hood), graph_view.node_name(n, hood, names)) for n in around]
st.html("<details><summary>Mở văn bản trên đồ thị (" + str(len(opened)) + ")</summary><ul>"
        + "".join(f"<li>{o}</li>" for o in opened) + "</ul></details>")

if hood.centre not in hood.stored:
    st.stop()

data = kbsession.document_citations(hood.centre)
stale = [f for f in data.findings if f.kind == "stale" and f.doc_id == hood.centre]
stale_pairs = {(f.doc_id, data.view.target_id(f.target, f.doc_id)) for f in stale}
st.subheader(f"Trích dẫn văn bản đã bị thay thế hoặc hết hiệu lực ({len(stale)})")
if stale:
    with kbsession.connection() as db:
        where = views.node_addresses(db, hood.centre)
    rows = []
    for f in stale:
        entry = data.catalog.get(f.target) if f.target else None
        said = STATUS_WORD.get(entry.status, "") if entry else ""
        if entry and entry.replaced_by:
            said += f" bởi {', '.join(entry.replaced_by)}"
        if entry and entry.status_from:
            said += f" từ {format_date(entry.status_from)}"
        rows.append({"Ở đâu": where.get(f.source_eid or "", "Phần mở đầu"), "Trích dẫn": f.target, "Tình trạng": said})
    st.dataframe(rows, hide_index=True, width="stretch")

st.subheader("Trích dẫn của văn bản này")
with kbsession.connection() as db:
    table = citations_view.outgoing_html(db, data.view, hood.centre, names, stale_pairs)
if table:
    st.html(STYLE + table)
else:
    st.info("Văn bản này không trích dẫn văn bản hay điều khoản nào.")
