"""Ma trận trách nhiệm: one row per clause that gives a duty, one column per actor, ready for Excel."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from app_pages import kbsession
from kb.duties import matrix
from kb.duties import queries as duty_queries
from kb.labels import short_name, short_title
from kb.store import db as store
from kb.store import portal

WHOLE_KB_MAX = 30  # documents up to which the matrix of the whole KB is shown without choosing

st.title("Ma trận trách nhiệm")
st.caption("Mỗi dòng là một điều khoản có giao việc, mỗi cột là một cơ quan, đơn vị; ô ghi vai trò và thời hạn.")

with kbsession.connection() as db:
    docs = portal.document_names(db, store.list_documents(db))
    whole = len(docs) <= WHOLE_KB_MAX
    chosen = st.multiselect("Văn bản", list(docs), format_func=docs.get,
                            placeholder="Tất cả văn bản" if whole else "Chọn văn bản")
    if not chosen and not whole:
        st.info(f"Kho có {len(docs)} văn bản: hãy chọn những văn bản cần lập ma trận.")
        st.stop()
    rows = duty_queries.all_duty_rows(db, chosen)
    drafts = {d for d, s in portal.statuses(db).items() if s.code == "du_thao"}

if not rows:
    st.info("Chưa thấy nghĩa vụ nào trong các văn bản đã chọn.")
    st.stop()

table = matrix.build_matrix(rows, docs, drafts)
header = table.header()
st.markdown(f"**{len(table.rows)}** điều khoản × **{len(table.actors)}** cơ quan, đơn vị.")
transposed = st.toggle("Xoay bảng: mỗi dòng một cơ quan, đơn vị", value=False,
                       help="Khi có nhiều cơ quan, đơn vị: đọc theo từng cơ quan thay vì theo từng điều khoản")
if transposed:
    clauses = [f"{r['address']} — {short_title(r['doc'], 40)}" for r in table.rows]
    st.dataframe(
        [{"Cơ quan, đơn vị": name, **{c: r["cells"].get(actor, "") for c, r in zip(clauses, table.rows)}}
         for actor, name in table.actors],
        hide_index=True, width="stretch", height=560,
        column_config={"Cơ quan, đơn vị": st.column_config.TextColumn(pinned=True, width="medium")},
    )
else:
    # Actor columns under short headers (UBND cấp xã), the full name on hover; the clause columns pinned.
    fixed = {"Văn bản": st.column_config.TextColumn("Văn bản", pinned=True, width=140),
             "Điều khoản": st.column_config.TextColumn("Điều khoản", pinned=True, width="small"),
             "Nội dung": st.column_config.TextColumn("Nội dung", width="medium")}
    actors = {name: st.column_config.TextColumn(short_name(name), help=name, width=125)
              for _, name in table.actors}
    st.dataframe(
        [dict(zip(header, line)) for line in table.table()],
        hide_index=True, width="stretch", height=560, column_config={**fixed, **actors},
    )



def exported(suffix: str) -> bytes:
    """The matrix as a file, made when its button is clicked (openpyxl is slow on every render)."""
    with tempfile.TemporaryDirectory(prefix="vbkb-matrix-") as tmp:
        return matrix.export(table, Path(tmp) / f"ma-tran{suffix}").read_bytes()


a, b = st.columns(2)
a.download_button("Tải bảng Excel (.xlsx)", lambda: exported(".xlsx"), file_name="ma-tran-trach-nhiem.xlsx",
                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")
b.download_button("Tải CSV", lambda: exported(".csv"), file_name="ma-tran-trach-nhiem.csv", mime="text/csv",
                  on_click="ignore")
