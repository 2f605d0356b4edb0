"""Tìm kiếm: full-text search over every clause, typed with or without diacritics, abbreviations read both
ways (UBND ↔ Ủy ban nhân dân); filters by loại, cơ quan, năm, tình trạng; the query and filters in the URL."""

from __future__ import annotations

import streamlit as st

from app_pages import kbsession
from app_pages.markup import STYLE, esc, highlighted, link, md, page_url
from kb.errors import KbError, vietnamese
from kb.labels import doc_label
from kb.store import db as store
from kb.store import portal, search

LIMIT = 50
# URL parameter → the widget's key; what is chosen is written back so a link gives the same search.
PARAMS = {"q": "search_q", "loai": "search_types", "co_quan": "search_issuer", "nam": "search_year",
          "tinh_trang": "search_status"}
ALL = "Tất cả"


def _from_url() -> None:
    """The URL's query and filters into the widgets, once per change of the URL (a link followed)."""
    url = {k: st.query_params.get_all(k) if k in ("loai", "tinh_trang") else st.query_params.get(k, "")
           for k in PARAMS}
    if url == st.session_state.get("search_url"):
        return
    st.session_state["search_url"] = url
    st.session_state["search_q"] = url["q"]
    st.session_state["search_types"] = [t for t in url["loai"] if t in types]
    st.session_state["search_issuer"] = url["co_quan"] if url["co_quan"] in issuers else ALL
    st.session_state["search_year"] = int(url["nam"]) if url["nam"].isdigit() and int(url["nam"]) in years else ALL
    st.session_state["search_status"] = [s for s in url["tinh_trang"] if s in labels]


def _to_url(query: str, chosen_types: list[str], issuer: str, year: object, chosen: list[str]) -> None:
    values = {"q": query, "loai": chosen_types, "co_quan": "" if issuer == ALL else issuer,
              "nam": "" if year == ALL else str(year), "tinh_trang": chosen}
    for key, value in values.items():
        if value:
            st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state["search_url"] = values


st.title("Tìm kiếm")
st.caption("Gõ có dấu hoặc không dấu, viết tắt hay viết đủ, ví dụ «sở tư pháp», «so tu phap», «UBND cấp xã "
           "báo cáo», «18 tháng 12», «80/2025/NĐ-CP».")

with kbsession.connection() as db:
    docs = store.list_documents(db)
    status = portal.statuses(db)
    names = {d["doc_id"]: doc_label({**d, "status": "draft" if d["doc_id"] in status
                                     and status[d["doc_id"]].code == "du_thao" else None}) for d in docs}
    types = sorted({d["type"] for d in docs if d["type"]})
    issuers = sorted({portal.issuer_name(d["issuer"]) for d in docs if d["issuer"]})
    years = sorted({int(d["date"][:4]) for d in docs if d["date"]}, reverse=True)
    labels = {v.code: v.label for v in status.values()}
    _from_url()

    query = st.text_input("Từ cần tìm", key="search_q", placeholder="so tu phap").strip()
    by_type, by_issuer, by_year, by_status = st.columns([3, 3, 1.5, 3])
    chosen_types = by_type.multiselect("Loại văn bản", types, key="search_types", placeholder="Tất cả các loại")
    issuer = by_issuer.selectbox("Cơ quan ban hành", [ALL, *issuers], key="search_issuer")
    year = by_year.selectbox("Năm", [ALL, *years], key="search_year")
    chosen = by_status.multiselect("Tình trạng hiệu lực", list(labels), format_func=labels.get, key="search_status",
                           placeholder="Mọi tình trạng")
    _to_url(query, chosen_types, issuer, year, chosen)
    filters = search.Filters(tuple(chosen_types), None if issuer == ALL else issuer,
                             None if year == ALL else int(year), tuple(chosen), exact_issuer=True)
    try:
        found = search.find(db, query, limit=LIMIT, filters=filters,
                            statuses={k: v.code for k, v in status.items()}) if query else None
    except KbError as exc:  # a query too long to be one a person types
        st.error(md(vietnamese(str(exc))))
        st.stop()

if found is None:
    st.stop()
if not found.hits:
    st.info("Không tìm thấy điều khoản nào chứa các từ này" + (" trong các văn bản đã lọc." if filters else "."))
    st.stop()

st.markdown(f"**{found.summary()}**, phù hợp nhất trước.")
rows = []
for hit in found.hits:
    url = page_url("van-ban", doc=hit.doc_id, eid=hit.eid)
    heading = f" — {esc(hit.heading)}" if hit.heading and hit.kind != "document" else ""
    rows.append(
        f'<div class="vb-clause"><b>{link(url, hit.address)}</b>{heading} '
        f'<span class="vb-addr">{esc(names.get(hit.doc_id, hit.doc_id))}</span><br>'
        f"{highlighted(hit.snippet, hit.marks)}</div>"
    )
st.html(STYLE + "\n".join(rows))
