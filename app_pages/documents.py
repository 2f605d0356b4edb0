"""Văn bản: the documents newest first; one document as a portal shows it — Thuộc tính, Lược đồ, Mục lục,
its text as a tree (opened at a clause when the URL names one), what it cites, what cites it, the duties
in each clause; and the page of a document that is only cited (?cited=80/2025/NĐ-CP)."""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from app_pages import citations_view, consolidated_view, kbsession, portal_view
from app_pages.markup import STYLE, esc, md
from app_pages.tree import tree_html
from kb.amend.stored import is_amended
from kb.duties import queries as duty_queries
from kb.labels import ROLE, deadline_label, doc_label, eid_address, format_date, label
from kb.store import db as store
from kb.store import portal, views

st.title("Văn bản")

with kbsession.connection() as db:
    status = portal.statuses(db)
    docs = portal.newest_first(store.list_documents(db), status)
    if not docs:
        st.info("Chưa có văn bản nào. Hãy thêm văn bản ở trang «Thêm văn bản».")
        st.stop()
    names = {d["doc_id"]: doc_label(d) for d in docs}
    wanted, cited_number = st.query_params.get("doc"), st.query_params.get("cited")
    # A number that is cited but not stored has a page of its own, whichever parameter names it.
    cited = None
    if cited_number or (wanted and wanted not in names):
        cited = portal.cited_document(db, cited_number or wanted)
        citing_at = {d: views.node_addresses(db, d) for d in {r["doc_id"] for r in cited.citing}} if cited else {}

with st.expander(f"Danh sách văn bản ({len(docs)}), mới nhất trước", expanded=not wanted and not cited_number):
    st.dataframe(
        [{"Số ký hiệu": d["number"] or "(chưa có số)", "Loại": d["type"], "Ngày ban hành": format_date(d["date"]),
          "Trích yếu": d["title"] or "", "Cơ quan ban hành": portal.issuer_name(d["issuer"]),
          "Tình trạng": status[d["doc_id"]].label if d["doc_id"] in status else "Chưa rõ"} for d in docs],
        hide_index=True, width="stretch",
    )

st.html(STYLE + portal_view.PORTAL_STYLE)
if cited_number or (wanted and wanted not in names):
    if cited is None:
        st.error(f"Không có văn bản «{md(cited_number or wanted)}» trong kho, và chưa văn bản nào trích dẫn nó.")
        st.stop()
    st.subheader(md(f"{dict(cited.facts).get('Loại văn bản', 'Văn bản')} {cited.number}"))
    st.caption("Văn bản này chưa có toàn văn trong kho: thông tin lấy từ danh mục và các điều khoản trích dẫn nó.")
    st.html(portal_view.cited_html(cited, names, citing_at))
    st.stop()

ids = list(names)
doc_id = st.selectbox("Chọn văn bản để đọc", ids, index=ids.index(wanted) if wanted in ids else 0,
                      format_func=names.get)
focus = st.query_params.get("eid") if doc_id == wanted else None
if doc_id != wanted:  # the address bar names what is shown
    st.query_params.clear()
    st.query_params["doc"] = doc_id

with kbsession.connection() as db:
    data = kbsession.document_citations(doc_id)
    doc = store.get_document(db, doc_id)
    nodes = store.get_nodes(db, doc_id)
    warnings = views.file_warnings(db, doc_id)
    duties = duty_queries.all_duty_rows(db, [doc_id])
    stale = {(f.doc_id, data.view.target_id(f.target, f.doc_id)) for f in data.findings if f.kind == "stale"}
    outgoing = citations_view.outgoing_html(db, data.view, doc_id, names, stale)
    incoming = citations_view.incoming_html(db, doc_id, names)
    related = portal.schema(db, doc, names)
    amended = is_amended(db, doc["number"])

by_clause: dict[str, list[dict]] = defaultdict(list)
for duty in duties:
    by_clause[duty["eid"]].append(duty)


def duty_notes(node: dict) -> str:
    """The duties a clause gives, under its text."""
    items = [f"{esc(d['actor_name'])}: {esc(label(ROLE, d['role']))}"
             + (f" ({esc(deadline_label(d))})" if deadline_label(d) else "") for d in by_clause.get(node["eid"], [])]
    return f'<div class="vb-addr">→ Nghĩa vụ: {"; ".join(items)}</div>' if items else ""


mine = status.get(doc_id, portal.Validity("chua_ro", "Chưa rõ", ""))
st.html(f"<h3>{esc(names[doc_id])} {portal_view.badge(mine)}</h3>")
props, schema_col = st.columns([3, 2])
with props:
    st.markdown("##### Thuộc tính")
    st.html(portal_view.properties_html(portal.properties(doc, mine), mine))
with schema_col:
    st.markdown("##### Lược đồ")
    if related:
        st.html(portal_view.schema_html(related))
    else:
        st.caption("Văn bản này không nêu căn cứ, văn bản thay thế, sửa đổi hay hướng dẫn nào.")
    if doc["bases"]:
        with st.expander(f"Căn cứ ban hành, như văn bản ghi ({len(doc['bases'])})"):
            st.html("<br>".join(esc(b) for b in doc["bases"]))
if any(pair[0] == doc_id for pair in stale):
    st.warning("Văn bản này còn trích dẫn văn bản đã bị thay thế hoặc hết hiệu lực (tô đỏ ở thẻ «Trích dẫn»).")
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

text_tab, toc_tab, out_tab, in_tab, duty_tab, *merged_tab = st.tabs([
    "Toàn văn", "Mục lục", f"Trích dẫn ({outgoing.count('<tr') - 1 if outgoing else 0})",
    f"Được trích dẫn ({incoming.count('<tr') - 1 if incoming else 0})", f"Nghĩa vụ ({len(duties)})",
    *(["Văn bản hợp nhất"] if amended else []),
])
with text_tab:
    if nodes:
        st.html(tree_html(nodes, focus=focus, extra=duty_notes))
    else:
        st.info("Văn bản này không có điều, khoản hay mục nào được nhận ra.")
with toc_tab:
    units = portal.outline(nodes)
    if units:
        st.html(portal_view.toc_html(doc_id, units, focus))
    else:
        st.info("Văn bản này không chia chương, điều hay mục.")
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
            [{"Điều khoản": addresses.get(d["eid"], d["address"]), "Việc phải làm": d["action"],
              "Thời hạn": deadline_label(d), "Chủ thể": d["actor_name"], "Vai trò": label(ROLE, d["role"])}
             for d in duties], hide_index=True, width="stretch",
        )
    else:
        st.info("Không thấy nghĩa vụ nào trong văn bản này.")
if merged_tab:
    with merged_tab[0]:
        consolidated_view.show(doc_id, focus)
