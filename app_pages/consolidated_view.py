"""Văn bản hợp nhất on the Văn bản page: the text in force on a chosen date, each changed unit with its
official footnote, and the versions of the open clause. Shown only for a document a stored text amends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from app_pages import kbsession
from app_pages.markup import esc
from app_pages.tree import tree_html
from kb.amend import stored
from kb.labels import format_date


@st.cache_data(max_entries=16, show_spinner="Đang hợp nhất văn bản…")
def _in_force(db: str, doc_id: str, as_of: str, stamp: tuple[str, float]) -> stored.InForce:
    return stored.in_force(db, doc_id, as_of)


@st.cache_data(max_entries=8, show_spinner="Đang tạo tệp…")
def _file(db: str, doc_id: str, as_of: str, fmt: str, stamp: tuple[str, float]) -> bytes:
    return stored.exported(db, doc_id, as_of, fmt)


def _downloads(db: str, doc_id: str, as_of: str) -> None:
    """The text in force as a Word file or a web page, made only when asked (a code's text takes a moment)."""
    name = f"van-ban-hop-nhat-{as_of}"
    left, right = st.columns(2)
    if left.toggle("Tải văn bản hợp nhất (Word, HTML)", key=f"hn-{doc_id}"):
        stamp = kbsession.db_stamp()
        left.download_button("Tải tệp Word (.docx)", _file(db, doc_id, as_of, "docx", stamp), f"{name}.docx",
                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        right.download_button("Tải trang HTML", _file(db, doc_id, as_of, "html", stamp), f"{name}.html", "text/html")


@st.cache_data(max_entries=32, show_spinner=False)
def _versions(db: str, doc_id: str, eid: str, stamp: tuple[str, float]) -> list[dict[str, Any]]:
    return stored.versions(db, doc_id, eid)


def _notes(node: dict[str, Any]) -> str:
    return "".join(f'<div class="vb-addr">↳ {esc(n)}</div>' for n in node.get("notes") or ())


def show(doc_id: str, focus: str | None) -> None:
    """The tab's content: a date, the amending texts, the consolidated tree, what could not be applied."""
    db = str(kbsession.db_path())
    day = st.date_input("Văn bản có hiệu lực tại ngày", value=dt.date.today(), format="DD/MM/YYYY")
    result = _in_force(db, doc_id, day.isoformat(), kbsession.db_stamp())
    st.caption(f"Hợp nhất {result.applied} chỉ dẫn sửa đổi, bổ sung, bãi bỏ của: {', '.join(result.amending)}. "
               f"Tình trạng tại ngày {format_date(day.isoformat())}.")
    _downloads(db, doc_id, day.isoformat())
    if result.problems:
        with st.expander(f"Chỉ dẫn chưa áp dụng được ({len(result.problems)})"):
            st.html("<br>".join(esc(p) for p in result.problems))
    if focus:
        versions = _versions(db, doc_id, focus, kbsession.db_stamp())
        if len(versions) > 1:
            st.markdown("##### Các phiên bản của điều khoản được mở")
            st.dataframe([{"Từ ngày": format_date(v["since"]), "Theo văn bản": v["source"] or "",
                           "Nội dung": "(đã bãi bỏ)" if v["repealed"] else (v["text"] or "")} for v in versions],
                         hide_index=True, width="stretch")
    st.html(tree_html(result.rows, focus=focus, extra=_notes))
