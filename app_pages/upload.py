"""Thêm văn bản: upload a file, see how it was read, then add it to the corpus folder and the KB."""

from __future__ import annotations

import streamlit as st

from app_pages import kbsession
from app_pages.markup import STYLE, esc, md
from app_pages.tree import tree_html
from kb import intake
from kb.errors import KbError, vietnamese
from kb.labels import build_summary, doc_label, format_date
from kb.store import db as store
from kb.store import views
from parsers.errors import ParseError

st.title("Thêm văn bản")
st.caption("Nhận tệp .docx, .txt, .md, .html, .pdf (tối đa 10 MB). Văn bản được đọc thử trước; chỉ khi "
           "đọc được mới thêm vào kho.")

upload = st.file_uploader("Chọn tệp văn bản", type=[s.lstrip(".") for s in intake.UPLOAD_SUFFIXES])
if upload is None:
    st.stop()

data = upload.getvalue()
status = st.empty()
try:
    # In a child process: this server keeps answering other sessions while the file is read.
    result = intake.preview(upload.name, data, cancelled=kbsession.watch(status, "Đang đọc tệp"))
except (ParseError, KbError) as exc:
    status.empty()
    st.error(f"Không đọc được tệp: {md(vietnamese(str(exc)))}")
    st.stop()
status.empty()


st.success(f"Đọc được {len(result.documents)} văn bản từ tệp {md(upload.name)}.")
for warning in result.warnings:
    st.warning(md(vietnamese(warning)))
st.html(STYLE)
for doc in result.documents:
    title = f"{doc.doc_type or 'Văn bản'} {doc.number or '(chưa có số)'} — {doc.title or ''}"
    with st.expander(title, expanded=len(result.documents) == 1):
        facts = [("Cơ quan ban hành", doc.issuer), ("Ngày", format_date(doc.date)), ("Người ký", doc.signer)]
        if any(v for _, v in facts):
            st.html("<br>".join(f"<b>{k}:</b> {esc(v)}" for k, v in facts if v))
        rows = views.tree_rows(doc)
        st.html(tree_html(rows) if rows else "<i>Không nhận ra điều, khoản hay mục nào.</i>")

if st.button("Thêm vào kho văn bản", type="primary"):
    try:
        added = intake.add_document(upload.name, data, kbsession.corpus_dir(), kbsession.db_path())
    except (ParseError, KbError) as exc:
        st.error(f"Không thêm được: {md(vietnamese(str(exc)))}")
        st.stop()
    st.success(f"Đã lưu {added.path.name} và thêm {len(added.doc_ids)} văn bản vào kho.")
    st.caption(f"Cập nhật kho: {md(build_summary(added.report))}.")
    with kbsession.connection() as db:
        names = {d["doc_id"]: doc_label(d) for d in store.list_documents(db) if d["doc_id"] in added.doc_ids}
    for doc_id in added.doc_ids:
        st.page_link("app_pages/documents.py", label=f"Mở {names.get(doc_id, 'văn bản vừa thêm')}",
                     query_params={"doc": doc_id})
