"""Văn bản: the list of documents, and one document — its text as a tree (opened at a clause when asked),
what it cites, what cites it, and the duties in each clause."""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from app_pages import citations_view, kbsession
from app_pages.labels import ROLE, doc_label, eid_address, label
from app_pages.markup import STYLE, esc, md
from app_pages.tree import tree_html
from kb.duties import queries as duty_queries
from kb.store import db as store
from kb.store import views

st.title("Văn bản")

with kbsession.connection() as db:
    docs = store.list_documents(db)
    if not docs:
        st.info("Chưa có văn bản nào. Hãy thêm văn bản ở trang «Thêm văn bản».")
        st.stop()
    names = {d["doc_id"]: doc_label(d) for d in docs}
    wanted = st.query_params.get("doc")
    listing = st.container()  # filled below: its validity column needs the citations read for the choice
    ids = list(names)
    doc_id = st.selectbox("Chọn văn bản để đọc", ids, index=ids.index(wanted) if wanted in ids else 0,
                          format_func=names.get)
    focus = st.query_params.get("eid") if doc_id == wanted else None
    data = kbsession.document_citations(doc_id)
    replaced = views.replaced_in_kb(data.view)
    with listing, st.expander(f"Danh sách văn bản ({len(docs)})", expanded=wanted not in names):
        st.dataframe(
            [{"Loại": d["type"], "Số hiệu": d["number"] or "(chưa có số)", "Trích yếu": d["title"] or "",
              "Ngày": d["date"] or "", "Cơ quan ban hành": d["issuer"] or "",
              "Hiệu lực": views.validity(data.catalog, replaced, d), "Tệp": d["file"]} for d in docs],
            hide_index=True, width="stretch",
        )

    doc = store.get_document(db, doc_id)
    nodes = store.get_nodes(db, doc_id)
    warnings = views.file_warnings(db, doc_id)
    duties = duty_queries.all_duty_rows(db, [doc_id])
    stale = {(f.doc_id, data.view.target_id(f.target, f.doc_id)) for f in data.findings if f.kind == "stale"}
    outgoing = citations_view.outgoing_html(db, data.view, doc_id, names, stale)
    incoming = citations_view.incoming_html(db, doc_id, names)

by_clause: dict[str, list[dict]] = defaultdict(list)
for duty in duties:
    by_clause[duty["eid"]].append(duty)


def duty_notes(node: dict) -> str:
    """The duties a clause gives, under its text."""
    items = [f"{esc(d['actor_name'])}: {esc(label(ROLE, d['role']))}"
             + (f" ({esc(d['deadline_text'])})" if d["deadline_text"] else "") for d in by_clause.get(node["eid"], [])]
    return f'<div class="vb-addr">→ Nghĩa vụ: {"; ".join(items)}</div>' if items else ""


st.html(STYLE)
st.subheader(md(names[doc_id]))
facts = [("Loại", doc["type"]), ("Số hiệu", doc["number"]), ("Ngày ban hành", doc["date"]),
         ("Cơ quan ban hành", doc["issuer"]), ("Người ký", doc["signer"]),
         ("Ngày có hiệu lực", doc["effective_date"]), ("Ban hành kèm theo văn bản", doc["parent_number"]),
         ("Hiệu lực", views.validity(data.catalog, replaced, {"doc_id": doc_id, "number": doc["number"]})),
         ("Tệp", doc["file_name"])]
st.html("<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in facts if v))
if any(pair[0] == doc_id for pair in stale):
    st.warning("Văn bản này còn trích dẫn văn bản đã bị thay thế hoặc hết hiệu lực (tô đỏ ở thẻ «Trích dẫn»).")
if doc["bases"]:
    with st.expander(f"Căn cứ ban hành ({len(doc['bases'])})"):
        st.html("<br>".join(esc(b) for b in doc["bases"]))
if warnings:
    with st.expander(f"Lưu ý khi đọc tệp ({len(warnings)})"):
        st.html("<br>".join(esc(w) for w in warnings))

if focus:
    context = views.context_of(nodes, focus)
    if context:
        st.markdown("#### Điều khoản được mở")
        st.html(tree_html(context, focus=focus, extra=duty_notes))
    else:
        st.warning(f"Không tìm thấy {md(eid_address(focus))} trong văn bản này.")

text_tab, out_tab, in_tab, duty_tab = st.tabs([
    "Toàn văn", f"Trích dẫn ({outgoing.count('<tr') - 1 if outgoing else 0})",
    f"Được trích dẫn ({incoming.count('<tr') - 1 if incoming else 0})", f"Nghĩa vụ ({len(duties)})",
])
with text_tab:
    if nodes:
        st.html(tree_html(nodes, focus=focus, extra=duty_notes))
    else:
        st.info("Văn bản này không có điều, khoản hay mục nào được nhận ra.")
with out_tab:
    if outgoing:
        st.html(STYLE + outgoing)
    else:
        st.info("Văn bản này không trích dẫn văn bản nào.")
with in_tab:
    if incoming:
        st.html(STYLE + incoming)
    else:
        st.info("Chưa có văn bản nào trong kho trích dẫn văn bản này.")
with duty_tab:
    addresses = {n["eid"]: n["address"] for n in nodes}
    if duties:
        st.dataframe(
            [{"Điều khoản": addresses.get(d["eid"], d["address"]), "Chủ thể": d["actor_name"],
              "Vai trò": label(ROLE, d["role"]), "Thời hạn": d["deadline_text"] or "", "Việc phải làm": d["action"]}
             for d in duties], hide_index=True, width="stretch",
        )
    else:
        st.info("Không thấy nghĩa vụ nào trong văn bản này.")
