"""No page of the app shows an internal name (issue 11): every page, on the corpus KB, with AppTest; what a
user reads (HTML text, Markdown, captions, tables, widget labels and options, metrics, graph labels) is
scanned with the patterns of test_no_codes. Links may carry ids in their URLs; their words may not."""

from __future__ import annotations

import html
import re

import app_kb
import pytest
from streamlit.testing.v1 import AppTest
from test_no_codes import internal

DRAFT = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
LINK_COLUMNS = {"Xem", "Xem bản cũ", "Xem bản mới"}  # st.column_config.LinkColumn: shows "Mở điều khoản", holds the URL

PAGES = [
    ("duties", {"actor": "xã"}),
    ("duties", {"actor": "so tu phap"}),
    ("compare", {}),
    ("documents", {}),
    ("documents", {"doc": DRAFT, "eid": "art_12__para_1__point_a"}),
    ("documents", {"doc": "03/2022/QĐ-UBND"}),
    ("documents", {"doc": "80/2025/NĐ-CP"}),
    ("graph", {}),
    ("search", {"q": "UBND cap xa bao cao"}),
    ("search", {"q": "so tu phap", "tinh_trang": "du_thao"}),
    ("matrix", {}),
    ("upload", {}),
]


@pytest.fixture(scope="module", autouse=True)
def env() -> None:
    corpus, db = app_kb.corpus_kb()
    mp = pytest.MonkeyPatch()
    mp.setenv("VBKB_CORPUS", str(corpus))
    mp.setenv("VBKB_DB", str(db))
    yield
    mp.undo()


def _text(body: str) -> str:
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def visible(at: AppTest) -> str:
    parts = [_text(h.proto.body) for h in at.html]
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for frame in at.dataframe:
        table = frame.value.drop(columns=[c for c in frame.value.columns if c in LINK_COLUMNS])
        parts += [" ".join(map(str, table.columns)), table.to_string()]
    for widget in [*at.selectbox, *at.multiselect, *at.radio, *at.text_input]:
        parts.append(str(widget.label))
        parts += [str(o) for o in getattr(widget, "options", [])]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [t.label for t in at.tabs]
    parts += [b.proto.label for b in at.get("download_button")]
    for chart in at.get("graphviz_chart"):
        parts += re.findall(r'label="([^"]*)"', chart.proto.spec)
    return "\n".join(parts)


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[f"{p}-{'-'.join(q.values())}" for p, q in PAGES])
def test_page_shows_no_internal_name(page: str, query: dict[str, str]) -> None:
    text = visible(app_kb.open_page(page, **query))
    assert len(text) > 100
    assert internal(text) == []
