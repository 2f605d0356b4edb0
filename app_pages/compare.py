"""So sánh phiên bản: two versions of a text side by side, clause by clause, with the changes that matter."""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from app_pages import kbsession
from app_pages.labels import STATUS, doc_label, label
from app_pages.markup import STYLE, esc, side_by_side
from kb import store, views
from kb.diff import DiffResult, diff_documents, load_side

FACT_GROUPS = {
    "Thời hạn": ("deadline_changed", "deadline_added", "deadline_removed"),
    "Chủ thể": ("actor_replaced", "actor_added", "actor_removed"),
    "Căn cứ, trích dẫn": ("basis_replaced", "citation_changed"),
    "Định nghĩa": ("definition_changed", "definition_added", "definition_removed"),
    "Nghĩa vụ": ("duty_changed", "duty_gained", "duty_lost"),
    "Cụm từ thay thế hàng loạt": ("substitution",),
}
FACT_WORD = {"changed": "Thay đổi", "added": "Thêm", "removed": "Bỏ", "replaced": "Thay thế", "gained": "Thêm",
             "lost": "Bỏ", "substitution": "Thay cụm từ"}


@st.cache_resource(max_entries=8, show_spinner="Đang so sánh hai văn bản…")
def _diff(old_id: str, new_id: str, db: str, stamp: float) -> DiffResult:
    return diff_documents(load_side(old_id, db), load_side(new_id, db))


st.title("So sánh phiên bản")

with kbsession.connection() as db:
    docs = [d for d in store.list_documents(db) if d["nodes"]]
    proposed = views.version_pair(db)
names = {d["doc_id"]: doc_label(d) for d in docs}
ids = list(names)
if len(ids) < 2:
    st.info("Cần ít nhất hai văn bản trong kho để so sánh.")
    st.stop()

default_old, default_new = proposed or (ids[0], ids[1])
old_q, new_q = st.query_params.get("old"), st.query_params.get("new")
left, right = st.columns(2)
old_id = left.selectbox("Văn bản cũ (quy định hiện hành)", ids, format_func=names.get,
                        index=ids.index(old_q if old_q in ids else default_old))
new_id = right.selectbox("Văn bản mới (dự thảo)", ids, format_func=names.get,
                         index=ids.index(new_q if new_q in ids else default_new))
if old_id == new_id:
    st.info("Hãy chọn hai văn bản khác nhau.")
    st.stop()

result = _diff(old_id, new_id, str(kbsession.db_path()), kbsession.db_stamp()[1])
old_at, new_at = views.addresses(result.old.doc), views.addresses(result.new.doc)

# --- summary -------------------------------------------------------------------------------------------
unit = "điều" if result.levels[0] == "dieu" else "mục"
counts = {s: n for s, n in result.summary().items() if n}
st.subheader(f"Tóm tắt ({sum(counts.values())} {unit})")
for col, (status, n) in zip(st.columns(max(len(counts), 1)), counts.items()):
    col.metric(label(STATUS, status), n)

# --- facts ---------------------------------------------------------------------------------------------
def _fact_row(fact: Any) -> dict[str, Any]:
    kind = fact.type.rsplit("_", 1)[-1]
    return {
        "Thay đổi": FACT_WORD.get(kind, kind), "Cũ": fact.old or "", "Mới": fact.new or "",
        "Điều khoản cũ": old_at.get(fact.old_eid or "", ""), "Điều khoản mới": new_at.get(fact.new_eid or "", ""),
        "Số chỗ": fact.count,
    }


st.subheader("Những thay đổi chính")
groups = {name: [f for f in result.facts if f.type in types] for name, types in FACT_GROUPS.items()}
tabs = [name for name, facts in groups.items() if facts]
if not tabs:
    st.write("Không thấy thay đổi về thời hạn, chủ thể, căn cứ hay định nghĩa.")
for tab, name in zip(st.tabs([f"{n} ({len(groups[n])})" for n in tabs]), tabs):
    tab.dataframe([_fact_row(f) for f in groups[name]], hide_index=True, width="stretch")

# --- clauses side by side ------------------------------------------------------------------------------
st.subheader("Đối chiếu từng điều")
present = [s for s in STATUS if counts.get(s)]
a, b = st.columns([3, 1])
shown = a.multiselect("Hiện các điều", present, default=[s for s in present if s != "unchanged"],
                      format_func=lambda s: label(STATUS, s))
subs = {i for i, f in enumerate(result.facts) if f.type == "substitution"}
hide = b.toggle("Ẩn cụm từ thay thế hàng loạt", value=False, disabled=not subs,
                help="Các cụm từ được thay ở nhiều chỗ (xem thẻ «Cụm từ thay thế hàng loạt»)")

rows = []
for pair in result.top():
    if pair.status not in shown:
        continue
    old_html, new_html = side_by_side(pair.ops, subs if hide else set())
    if not pair.ops:  # unchanged, added or removed: the whole unit as it reads
        old_html = esc(views.node_text(pair.old_node)).replace("\n", "<br>") if pair.old_node else ""
        new_html = esc(views.node_text(pair.new_node)).replace("\n", "<br>") if pair.new_node else ""
    where = " → ".join(x for x in (old_at.get(pair.alignment.old or ""), new_at.get(pair.alignment.new or "")) if x)
    rows.append(f"<tr><td>{old_html}</td><td>{new_html}</td>"
                f"<td><b>{esc(label(STATUS, pair.status))}</b><br>{esc(where)}</td></tr>")
st.html(STYLE + '<table class="vb-side"><colgroup><col style="width:42%"><col style="width:42%">'
        '<col style="width:16%"></colgroup><tr><th>Quy định hiện hành</th><th>Dự thảo</th>'
        f"<th>Nội dung thay đổi</th></tr>{''.join(rows)}</table>")

# --- downloads -----------------------------------------------------------------------------------------
st.subheader("Tải về")
st.download_button("Kết quả so sánh (JSON)", json.dumps(result.to_dict(), ensure_ascii=False, indent=1),
                   file_name="so-sanh.json", mime="application/json")
