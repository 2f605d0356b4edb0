"""Văn bản: the list of documents, and one document's text as a tree, opened at a clause when asked."""

from __future__ import annotations

import streamlit as st

from app_pages import kbsession
from app_pages.labels import doc_label
from app_pages.markup import STYLE, esc
from app_pages.tree import tree_html
from kb import store, views

st.title("Văn bản")

with kbsession.connection() as db:
    docs = store.list_documents(db)
    if not docs:
        st.info("Chưa có văn bản nào. Hãy thêm văn bản ở trang «Thêm văn bản».")
        st.stop()

    st.dataframe(
        [{"Loại": d["type"], "Số hiệu": d["number"] or "(chưa có số)", "Trích yếu": d["title"] or "",
          "Ngày": d["date"] or "", "Cơ quan ban hành": d["issuer"] or "", "Tệp": d["file"]} for d in docs],
        hide_index=True, width="stretch",
    )

    ids = [d["doc_id"] for d in docs]
    names = {d["doc_id"]: doc_label(d) for d in docs}
    wanted = st.query_params.get("doc")
    doc_id = st.selectbox(
        "Chọn văn bản để đọc", ids, index=ids.index(wanted) if wanted in ids else 0,
        format_func=lambda i: names[i],
    )
    focus = st.query_params.get("eid") if doc_id == wanted else None

    doc = store.get_document(db, doc_id)
    nodes = store.get_nodes(db, doc_id)
    warnings = views.file_warnings(db, doc_id)

st.html(STYLE)
st.subheader(names[doc_id])
facts = [("Loại", doc["type"]), ("Số hiệu", doc["number"]), ("Ngày ban hành", doc["date"]),
         ("Cơ quan ban hành", doc["issuer"]), ("Người ký", doc["signer"]),
         ("Ngày có hiệu lực", doc["effective_date"]), ("Ban hành kèm theo văn bản", doc["parent_number"]),
         ("Tệp", doc["file_name"])]
st.html("<br>".join(f"<b>{label}:</b> {esc(value)}" for label, value in facts if value))
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
        st.html(tree_html(context, focus=focus))
    else:
        st.warning(f"Không tìm thấy điều khoản {focus} trong văn bản này.")

st.markdown("#### Toàn văn")
if not nodes:
    st.info("Văn bản này không có điều, khoản hay mục nào được nhận ra.")
else:
    st.html(tree_html(nodes, focus=focus))
