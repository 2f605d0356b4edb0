"""vbkb's Streamlit app: a thin router; each page is one short script in app_pages/ over `kb`.

Run with `make app` (builds kb.db from corpus/ first). The knowledge base is read from $VBKB_DB
(default kb.db) and uploads are saved into $VBKB_CORPUS (default corpus/). The home page is served at
"/", so pages link to each other by the url paths below.
"""

import streamlit as st

st.set_page_config(page_title="Tra cứu văn bản pháp luật", page_icon=":material/balance:", layout="wide")


def page(script: str, title: str, icon: str, url_path: str, home: bool = False) -> st.Page:
    return st.Page(f"app_pages/{script}.py", title=title, icon=f":material/{icon}:", url_path=url_path,
                   default=home)


PAGES = [
    page("duties", "Nghĩa vụ theo chủ thể", "checklist", "nghia-vu", home=True),
    page("compare", "So sánh phiên bản", "compare_arrows", "so-sanh"),
    page("documents", "Văn bản", "description", "van-ban"),
    page("graph", "Đồ thị trích dẫn", "hub", "do-thi"),
    page("search", "Tìm kiếm", "search", "tim-kiem"),
    page("matrix", "Ma trận trách nhiệm", "table_chart", "ma-tran"),
    page("upload", "Thêm văn bản", "upload_file", "them-van-ban"),
]

st.navigation(PAGES).run()
