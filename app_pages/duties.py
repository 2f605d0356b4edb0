"""Nghĩa vụ theo chủ thể (home): what an actor must do, by document and role, deadlines first."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from app_pages import kbsession
from app_pages.markup import STYLE, esc, link, md, page_url
from kb.duties import matrix
from kb.duties import queries as duty_queries
from kb.errors import KbError, vietnamese
from kb.labels import ROLE, deadline_label, format_date, label, short_title
from kb.store import db as store
from kb.store import portal, views

DEADLINE_CHOICES = ("Tất cả", "Có thời hạn", "Không có thời hạn")
SHOWN_DOCUMENTS = 100  # documents drawn in the "Theo văn bản" tab; the table and the exports hold every duty


def _pick() -> None:
    if st.session_state.get("quick"):
        st.session_state["actor"] = st.session_state["quick"]


st.title("Nghĩa vụ theo chủ thể")
st.caption("Chọn hoặc gõ tên cơ quan, đơn vị (có dấu hay không dấu đều được) để xem mọi việc họ phải làm, "
           "thời hạn và điều khoản quy định.")

with kbsession.connection() as db:
    top = views.actors_with_duties(db, limit=8)
    docs = portal.document_names(db, store.list_documents(db))
    # A link (?actor=xã) sets the box; what is typed is written back to the address bar.
    wanted = st.query_params.get("actor")
    if wanted is not None and wanted != st.session_state.get("actor_in_url"):
        st.session_state["actor"] = st.session_state["actor_in_url"] = wanted
    st.pills("Chọn nhanh", ["xã", *(name for _, name, _ in top)], key="quick", on_change=_pick)
    query = st.text_input("Chủ thể", key="actor", placeholder="ví dụ: xã, sở tư pháp, so tu phap").strip()
    if not query:
        st.stop()
    st.query_params["actor"] = st.session_state["actor_in_url"] = query
    try:
        found = duty_queries.find_duties(db, query)
    except KbError as exc:
        st.error(md(vietnamese(str(exc))))
        st.stop()
    addresses = {d: views.node_addresses(db, d) for d in {r["doc_id"] for r in found["duties"]}}

if not found["actors"]:
    st.warning(f"Không nhận ra chủ thể «{md(query)}». Hãy thử tên khác, ví dụ «Sở Tư pháp», «UBND cấp xã».")
    st.stop()
st.markdown("**Chủ thể tìm được:** " + ", ".join(md(a["name"]) for a in found["actors"]))
rows = found["duties"]
if not rows:
    st.info("Chưa thấy nghĩa vụ nào của chủ thể này trong các văn bản đã có.")
    st.stop()

# --- filters -------------------------------------------------------------------------------------------
a, b, c = st.columns([3, 2, 2])
doc_ids = list(dict.fromkeys(r["doc_id"] for r in rows))
in_docs = a.multiselect("Văn bản", doc_ids, format_func=lambda d: docs.get(d, d), placeholder="Tất cả văn bản")
roles = list(dict.fromkeys(r["role"] for r in rows))
in_roles = b.multiselect("Vai trò", roles, format_func=lambda r: label(ROLE, r), placeholder="Tất cả vai trò")
deadline = c.radio("Thời hạn", DEADLINE_CHOICES, horizontal=True)
marks = found.get("validity", {})  # documents not in force: "Dự thảo", "Hết hiệu lực toàn bộ" ...
drafts = {d for d, m in marks.items() if m == "Dự thảo"}
if drafts and not st.toggle("Hiện nghĩa vụ từ dự thảo", value=True):
    rows = [r for r in rows if r["doc_id"] not in drafts]
rows = [r for r in rows if (not in_docs or r["doc_id"] in in_docs) and (not in_roles or r["role"] in in_roles)
        and (deadline == "Tất cả" or bool(r["deadline_text"]) == (deadline == "Có thời hạn"))]
for r in rows:
    r["full_address"] = addresses[r["doc_id"]].get(r["eid"], r["address"])

m1, m2, m3 = st.columns(3)
m1.metric("Nghĩa vụ", len(rows))
m2.metric("Có thời hạn", sum(1 for r in rows if r["deadline_text"]))
m3.metric("Văn bản", len({r["doc_id"] for r in rows}))

# --- by document and role ------------------------------------------------------------------------------
by_doc, table = st.tabs(["Theo văn bản", "Bảng (bấm tiêu đề cột để sắp xếp)"])
with by_doc:
    parts = [STYLE]
    by_document: dict[str, list[dict]] = {}
    for r in rows:  # grouped once: a KB of thousands of documents must not rescan the rows per document
        by_document.setdefault(r["doc_id"], []).append(r)
    if len(by_document) > SHOWN_DOCUMENTS:
        total = f"{len(by_document):,}".replace(",", ".")  # 5.468, as Vietnamese writes it
        st.caption(f"{SHOWN_DOCUMENTS} văn bản đầu tiên trong {total} văn bản có nghĩa vụ của chủ thể này — chọn "
                   "văn bản ở ô lọc, xem tab «Bảng» hoặc tải Excel để xem hết.")
    for doc_id, mine in list(by_document.items())[:SHOWN_DOCUMENTS]:
        mark = f" <small>({esc(marks[doc_id])})</small>" if doc_id in marks else ""
        full = docs.get(doc_id, doc_id)
        parts.append(f"<h4 title='{esc(full)}'>{esc(short_title(full, 110))}{mark}</h4>")
        for role in dict.fromkeys(r["role"] for r in mine):
            group = sorted((r for r in mine if r["role"] == role), key=lambda r: (not r["deadline_text"], r["line"] or 0))
            # Điều khoản, Việc phải làm and Thời hạn first; on a phone each duty is a card (markup.STYLE).
            lines = "".join(
                f"<tr><td data-label='Điều khoản'>{link(page_url('van-ban', doc=doc_id, eid=r['eid']), r['full_address'])}</td>"
                f"<td data-label='Việc phải làm'>{esc(r['action'])}</td>"
                f"<td data-label='Thời hạn'>{esc(deadline_label(r))}</td>"
                f"<td data-label='Chủ thể'>{esc(r['actor_name'])}</td>"
                f"<td data-label='Ghi chú'>"
                f"{esc('; '.join(x for x in (r['recipient'] and 'gửi ' + r['recipient'], r['condition']) if x))}</td>"
                "</tr>" for r in group)
            parts.append(
                f"<p><b>{esc(label(ROLE, role))}</b> ({len(group)})</p><table class='vb-side duties'>"
                "<colgroup><col style='width:15%'><col style='width:45%'><col style='width:16%'>"
                "<col style='width:13%'><col style='width:11%'></colgroup>"
                "<tr><th>Điều khoản</th><th>Việc phải làm</th><th>Thời hạn</th><th>Chủ thể</th><th>Ghi chú</th></tr>"
                f"{lines}</table>")
    st.html("".join(parts))

with table:
    st.dataframe(
        [{"Điều khoản": r["full_address"], "Việc phải làm": r["action"], "Thời hạn": deadline_label(r),
          "Xem": page_url("van-ban", doc=r["doc_id"], eid=r["eid"]), "Ngày hạn": format_date(r["deadline_date"]),
          "Văn bản": docs.get(r["doc_id"], r["doc_id"]),
          "Vai trò": label(ROLE, r["role"]), "Chủ thể": r["actor_name"], "Gửi về": r["recipient"] or ""}
         for r in sorted(rows, key=lambda r: (not r["deadline_text"], r["deadline_date"] or "~"))],
        hide_index=True, width="stretch",
        column_config={
            "Điều khoản": st.column_config.TextColumn("Điều khoản", pinned=True),
            "Việc phải làm": st.column_config.TextColumn("Việc phải làm", width="large"),
            "Thời hạn": st.column_config.TextColumn("Thời hạn", pinned=True),
            "Xem": st.column_config.LinkColumn("Xem", display_text="Mở điều khoản", pinned=True),
            "Văn bản": st.column_config.TextColumn("Văn bản", width="medium"),
        },
    )

# --- downloads -----------------------------------------------------------------------------------------
def as_xlsx() -> bytes:
    """The duties as a workbook (matrix sheet and duty list), made when the button is clicked."""
    with tempfile.TemporaryDirectory(prefix="vbkb-duties-") as tmp:
        return matrix.export(matrix.build_matrix(rows, docs, drafts), Path(tmp) / "nghia-vu.xlsx").read_bytes()


d1, d2 = st.columns(2)
d1.download_button("Tải bảng Excel (.xlsx)", as_xlsx, file_name="nghia-vu.xlsx", on_click="ignore",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
d2.download_button("Tải CSV", lambda: "\ufeff" + duty_queries.as_csv(rows), file_name="nghia-vu.csv",
                   mime="text/csv", on_click="ignore")
