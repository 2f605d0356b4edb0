"""So sánh phiên bản: two versions of a text side by side, clause by clause, with the changes that matter."""

from __future__ import annotations

import io
import json
from typing import Any

import streamlit as st

from app_pages import kbsession
from app_pages.markup import STYLE, esc, page_url, side_by_side
from kb.diff import versions
from kb.diff import view as diff_view
from kb.diff.align import diff_documents, load_side
from kb.diff.export_docx import to_docx
from kb.diff.export_html import to_html
from kb.diff.result import DiffResult
from kb.labels import actor_name
from kb.model import STATUSES
from kb.store import db as store
from kb.store import portal, views
from parsers.normalise import fold

FACT_GROUPS = {
    "Thời hạn": ("deadline_changed", "deadline_added", "deadline_removed"),
    "Chủ thể": ("actor_replaced", "actor_added", "actor_removed"),
    "Căn cứ, trích dẫn": ("basis_replaced", "citation_changed"),
    "Định nghĩa": ("definition_changed", "definition_added", "definition_removed"),
    "Nghĩa vụ chuyển giao": ("duty_transferred",),
    "Nghĩa vụ": ("duty_changed", "duty_gained", "duty_lost"),
    "Cụm từ thay thế hàng loạt": ("substitution",),
}
PROPOSE_MAX = 400  # documents up to which the default pair is found by `kb versions`
FACT_WORD = {"changed": "Thay đổi", "added": "Thêm", "removed": "Bỏ", "replaced": "Thay thế", "gained": "Thêm",
             "lost": "Bỏ", "substitution": "Thay cụm từ", "transferred": "Chuyển giao"}


@st.cache_resource(max_entries=8, show_spinner="Đang so sánh hai văn bản…")
def _diff(old_id: str, new_id: str, db: str, stamp: float) -> DiffResult:
    return diff_documents(load_side(old_id, db), load_side(new_id, db))


@st.cache_data(max_entries=4, show_spinner="Đang tìm các phiên bản của cùng một văn bản…")
def _proposed(db: str, stamp: float) -> tuple[str, str] | None:
    """The likeliest pair of versions in the KB (kb versions), once per state of the database."""
    with kbsession.connection() as conn:
        pairs = versions.propose_versions(conn)
    return (pairs[0].old, pairs[0].new) if pairs else None


def _docx(result: DiffResult, hide: bool) -> bytes:
    out = io.BytesIO()
    to_docx(result, hide_subs=hide).save(out)
    return out.getvalue()


st.title("So sánh phiên bản")

with kbsession.connection() as db:
    docs = [d for d in store.list_documents(db) if d["nodes"]]
stamp = kbsession.db_stamp()[1]
# Proposing versions compares every pair of documents: on a large KB the user picks the two texts.
proposed = _proposed(str(kbsession.db_path()), stamp) if len(docs) <= PROPOSE_MAX else None
with kbsession.connection() as db:
    names = portal.document_names(db, docs)
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

result = _diff(old_id, new_id, str(kbsession.db_path()), stamp)
old_at, new_at = views.addresses(result.old.doc), views.addresses(result.new.doc)


def _likeness(result: DiffResult) -> tuple[float, float, bool]:
    """(title likeness, structure likeness, same type) of the two texts, as `kb versions` scores them."""
    def heads(doc: Any) -> list[str]:
        return [fold(n.heading) for n in doc.walk() if n.kind == result.levels[0] and n.heading]

    old, new = result.old.doc, result.new.doc
    return (versions.title_similarity(old.title, new.title),
            versions.structure_similarity(heads(old), heads(new)),
            fold(old.doc_type or "") == fold(new.doc_type or ""))


title_like, structure_like, same_type = _likeness(result)
if not same_type or versions.TITLE_WEIGHT * title_like + versions.STRUCTURE_WEIGHT * structure_like < 0.45:
    st.warning(f"Hai văn bản này có thể không phải hai phiên bản của cùng một văn bản (tên giống "
               f"{round(title_like * 100)}%, các điều giống {round(structure_like * 100)}%"
               f"{'' if same_type else ', khác loại văn bản'}): kết quả so sánh chỉ để tham khảo.")

# --- summary -------------------------------------------------------------------------------------------
unit = "điều" if result.levels[0] == "dieu" else "mục"
counts = {s: n for s, n in diff_view.article_counts(result).items() if n}
n_old, n_new = diff_view.sides_count(result)
st.subheader(f"Tóm tắt: {n_old} {unit} hiện hành → {n_new} {unit} dự thảo")
for col, (status, n) in zip(st.columns(max(len(counts), 1)), counts.items()):
    col.metric(diff_view.STATUS_VI[status], n)

# --- facts ---------------------------------------------------------------------------------------------
def _fact_row(fact: Any) -> dict[str, Any]:
    kind = fact.type.rsplit("_", 1)[-1]
    actor = {"Chủ thể": actor_name(fact.actor)} if fact.type.startswith("duty_") else {}
    if fact.type == "duty_transferred":
        actor["Chuyển sang"] = actor_name(fact.to_actor)
    return {
        "Thay đổi": FACT_WORD.get(kind, kind), **actor, "Cũ": fact.old or "", "Mới": fact.new or "",
        "Điều khoản cũ": old_at.get(fact.old_eid or "", ""), "Điều khoản mới": new_at.get(fact.new_eid or "", ""),
        "Số chỗ": fact.count,
        # Each fact opens its clause in either text (the Văn bản page scrolls to the eid).
        "Xem bản cũ": page_url("van-ban", doc=old_id, eid=fact.old_eid) if fact.old_eid else None,
        "Xem bản mới": page_url("van-ban", doc=new_id, eid=fact.new_eid) if fact.new_eid else None,
    }


FACT_LINKS = {
    "Xem bản cũ": st.column_config.LinkColumn("Xem bản cũ", display_text="Mở điều khoản cũ"),
    "Xem bản mới": st.column_config.LinkColumn("Xem bản mới", display_text="Mở điều khoản mới"),
}


st.subheader("Những thay đổi chính")
groups = {name: [f for f in result.facts if f.type in types] for name, types in FACT_GROUPS.items()}
tabs = [name for name, facts in groups.items() if facts]
if not tabs:
    st.write("Không thấy thay đổi về thời hạn, chủ thể, căn cứ hay định nghĩa.")
for tab, name in zip(st.tabs([f"{n} ({len(groups[n])})" for n in tabs]), tabs):
    tab.dataframe([_fact_row(f) for f in groups[name]], hide_index=True, width="stretch", column_config=FACT_LINKS)

# --- clauses side by side ------------------------------------------------------------------------------
st.subheader("Đối chiếu từng điều")
present = [s for s in STATUSES if counts.get(s)]
a, b = st.columns([3, 1])
shown = a.multiselect("Hiện các điều", present, default=[s for s in present if s != "unchanged"],
                      format_func=diff_view.STATUS_VI.get)
hide_subs = b.toggle("Ẩn cụm từ thay thế hàng loạt", value=False, disabled=not result.hidden_subs,
                     help="Các cụm từ được thay ở nhiều chỗ (xem thẻ «Cụm từ thay thế hàng loạt»)")
hide = diff_view.hidden(result, hide_subs)

rows = []
for row in diff_view.rows(result):
    if row.pair.status not in shown:
        continue
    old_html, new_html = side_by_side(row.ops, hide)
    rows.append(f"<tr><td>{old_html if row.pair.old_node else ''}</td><td>{new_html if row.pair.new_node else ''}</td>"
                f"<td>{esc(row.note)}</td></tr>")
st.html(STYLE + '<table class="vb-side"><colgroup><col style="width:40%"><col style="width:40%">'
        '<col style="width:20%"></colgroup><tr><th>Quy định hiện hành</th><th>Dự thảo</th>'
        f"<th>Nội dung thay đổi</th></tr>{''.join(rows)}</table>")

# --- downloads -----------------------------------------------------------------------------------------
st.subheader("Tải về")
d1, d2, d3 = st.columns(3)
# Files are made when a button is clicked, not on every render.
d1.download_button("Bảng so sánh (.docx)", lambda: _docx(result, hide_subs), file_name="bang-so-sanh.docx",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document", on_click="ignore")
d2.download_button("Trang so sánh (HTML)", lambda: to_html(result, hide_subs=hide_subs), file_name="so-sanh.html",
                   mime="text/html", on_click="ignore")
d3.download_button("Kết quả so sánh (JSON)", lambda: json.dumps(result.to_dict(), ensure_ascii=False, indent=1),
                   file_name="so-sanh.json", mime="application/json", on_click="ignore")
