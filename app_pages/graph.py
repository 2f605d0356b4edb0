"""Đồ thị trích dẫn: which documents cite which, how, and which citations lean on replaced texts."""

from __future__ import annotations

import streamlit as st

from app_pages import citations_view, kbsession
from app_pages.markup import STYLE, esc
from kb.labels import RELATION, doc_label, format_date, label
from kb.store import db as store
from kb.store import views

STATUS_WORD = {"replaced": "đã bị thay thế", "expired": "đã hết hiệu lực"}
WHOLE_KB_MAX = 60  # documents in the KB up to which the whole graph is drawn at first; beyond, one neighbourhood



def _follow() -> None:
    """Choosing a document to draw around also lists its citations below."""
    if st.session_state.get("graph_around"):
        st.session_state["graph_doc"] = st.session_state["graph_around"]


st.title("Đồ thị trích dẫn")
data = kbsession.citations()
g, view = data.graph, data.view
with kbsession.connection() as db:
    docs = store.list_documents(db)
    names = {d["doc_id"]: doc_label(d) for d in docs}

ids = list(names)
a, b = st.columns(2)
around = a.selectbox("Vẽ quanh văn bản", [None, *ids], index=0 if len(ids) <= WHOLE_KB_MAX else 1,
                     format_func=lambda d: "Toàn bộ kho" if d is None else names[d], key="graph_around",
                     on_change=_follow)
present = sorted({e["relation"] for e in views.document_edges(g)}, key=list(RELATION).index)
chosen = b.multiselect("Loại quan hệ", present, default=present, format_func=lambda r: label(RELATION, r))
stale = [f for f in data.findings if f.kind == "stale"]
stale_pairs = {(f.doc_id, view.target_id(f.target, f.doc_id)) for f in stale}
edges = [e for e in views.document_edges(g, set(chosen)) if around in (None, e["source"], e["target"])]
labels = {d["doc_id"]: names[d["doc_id"]] for d in docs}
if edges:
    st.graphviz_chart(views.documents_dot(g, edges, stale_pairs, labels, RELATION), width="stretch")
    legend = " · ".join(f"<b>{esc(label(RELATION, r))}</b>" for r in chosen)
    st.html(f"<small>Mũi tên từ văn bản trích dẫn tới văn bản được trích dẫn: {legend}. Ô trắng: văn bản có "
            "trong kho; ô xám: chỉ biết qua danh mục; ô đỏ: văn bản đã bị thay thế hoặc hết hiệu lực; "
            "mũi tên đỏ đậm: trích dẫn văn bản đã bị thay thế.</small>")
else:
    st.info("Không có trích dẫn nào thuộc các loại đã chọn.")

st.subheader(f"Trích dẫn văn bản đã bị thay thế hoặc hết hiệu lực ({len(stale)})")
if stale:
    with kbsession.connection() as db:
        where = {d: views.node_addresses(db, d) for d in {f.doc_id for f in stale}}
    rows = []
    for f in stale:
        entry = data.catalog.get(f.target) if f.target else None
        status = STATUS_WORD.get(entry.status, "") if entry else ""
        if entry and entry.replaced_by:
            status += f" bởi {', '.join(entry.replaced_by)}"
        if entry and entry.status_from:
            status += f" từ {format_date(entry.status_from)}"
        rows.append({"Văn bản": names.get(f.doc_id, f.doc_id),
                     "Ở đâu": where[f.doc_id].get(f.source_eid or "", "Phần mở đầu"), "Trích dẫn": f.target,
                     "Tình trạng": status})
    st.dataframe(rows, hide_index=True, width="stretch")

st.subheader("Trích dẫn của một văn bản")
doc_id = st.selectbox("Văn bản", ids, index=ids.index(around) if around else 0, format_func=names.get,
                      key="graph_doc")
with kbsession.connection() as db:
    table = citations_view.outgoing_html(db, view, doc_id, names, stale_pairs)
if table:
    st.html(STYLE + table)
else:
    st.info("Văn bản này không trích dẫn văn bản hay điều khoản nào.")
