"""Tìm kiếm: full-text search over every clause, typed with or without diacritics."""

from __future__ import annotations

import streamlit as st

from app_pages import kbsession
from app_pages.markup import STYLE, esc, highlighted, link, page_url
from kb.errors import KbError
from kb.labels import doc_label
from kb.store import db as store
from kb.store import search

st.title("Tìm kiếm")
st.caption("Gõ có dấu hoặc không dấu, ví dụ «sở tư pháp», «so tu phap», «18 tháng 12», «80/2025/NĐ-CP».")

query = st.text_input("Từ cần tìm", value=st.query_params.get("q", ""), placeholder="so tu phap")
with kbsession.connection() as db:
    docs = store.list_documents(db)
    names = {d["doc_id"]: doc_label(d) for d in docs}
    only = st.selectbox("Trong văn bản", [None, *names], format_func=lambda i: "Tất cả văn bản" if i is None else names[i])
    try:
        hits = search.search(db, query, limit=50, doc_id=only) if query.strip() else []
    except KbError as exc:  # a query too long to be one a person types
        st.error(str(exc))
        st.stop()

if not query.strip():
    st.stop()
if not hits:
    st.info("Không tìm thấy điều khoản nào chứa các từ này.")
    st.stop()

st.markdown(f"**{len(hits)}** kết quả, phù hợp nhất trước.")
rows = []
for hit in hits:
    url = page_url("van-ban", doc=hit.doc_id, eid=hit.eid)
    heading = f" — {esc(hit.heading)}" if hit.heading and hit.kind != "document" else ""
    rows.append(
        f'<div class="vb-clause"><b>{link(url, hit.address)}</b>{heading} '
        f'<span class="vb-addr">{esc(names.get(hit.doc_id, hit.doc_id))}</span><br>'
        f"{highlighted(hit.snippet, hit.marks)}</div>"
    )
st.html(STYLE + "\n".join(rows))
