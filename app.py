"""vbkb's Streamlit app: a thin router; each page is one short script in app_pages/ over `kb`.

Run with `make app` (builds kb.db from corpus/ first). The knowledge base is read from $VBKB_DB
(default kb.db) and uploads are saved into $VBKB_CORPUS (default corpus/).
"""

import streamlit as st

st.set_page_config(page_title="Tra cứu văn bản pháp luật", page_icon="⚖️", layout="wide")

PAGES = [
    st.Page("app_pages/compare.py", title="So sánh phiên bản", icon="🔀", url_path="so-sanh"),
    st.Page("app_pages/documents.py", title="Văn bản", icon="📄", url_path="van-ban", default=True),
    st.Page("app_pages/search.py", title="Tìm kiếm", icon="🔎", url_path="tim-kiem"),
    st.Page("app_pages/upload.py", title="Thêm văn bản", icon="➕", url_path="them-van-ban"),
]

st.navigation(PAGES).run()
