"""So sánh phiên bản (issue 11): "Tóm tắt" counts articles, not pairs; the duty transfers with their actors;
a warning when the two texts are not versions of one text. Expected values read from the Cao Bằng pair:
13 articles in 2022, 14 in the 2026 draft, Điều 1 split in two (one article split), UBND cấp huyện's
yearly report now UBND cấp xã's."""

from __future__ import annotations

from pathlib import Path

import app_kb
import pytest
from streamlit.testing.v1 import AppTest

from kb.diff.align import diff_refs
from kb.diff.view import article_counts, sides_count

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
OLD = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
NEW = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
PLAN = "soc-trang-2025-ke-hoach-theo-doi-thi-hanh-phap-luat:ke-hoach"

# status → articles (by hand: 2022 Điều 1 → 2026 Điều 1 and 2 is one split article)
ARTICLES = [("split", 1), ("modified", 8), ("moved", 1), ("added", 3), ("removed", 3), ("unchanged", 0)]


@pytest.fixture(scope="module")
def result():
    return diff_refs(str(ROOT / "corpus" / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"),
                     str(ROOT / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"))


@pytest.mark.parametrize(("status", "expected"), ARTICLES)
def test_article_counts(result, status: str, expected: int) -> None:
    assert article_counts(result)[status] == expected


def test_sides_count(result) -> None:
    assert sides_count(result) == (13, 14)


@pytest.fixture(scope="module", autouse=True)
def env():
    corpus, db = app_kb.corpus_kb()
    mp = pytest.MonkeyPatch()
    mp.setenv("VBKB_CORPUS", str(corpus))
    mp.setenv("VBKB_DB", str(db))
    yield
    mp.undo()


def _page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("app_pages/compare.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_summary_counts_articles_and_shows_the_transfers() -> None:
    at = _page(old=OLD, new=NEW)
    assert "Tóm tắt: 13 điều hiện hành → 14 điều dự thảo" in [s.value for s in at.subheader]
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Tách"] == 1 and metrics["Bổ sung mới"] == 3 and metrics["Bãi bỏ"] == 3
    assert not at.warning  # two versions of one text
    tab = next(t for t in at.tabs if t.label.startswith("Nghĩa vụ chuyển giao"))
    table = tab.dataframe[0].value
    assert list(table.columns)[:3] == ["Thay đổi", "Chủ thể", "Chuyển sang"]
    rows = {(r["Chủ thể"], r["Chuyển sang"], r["Điều khoản mới"]) for r in table.to_dict("records")}
    assert ("Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp xã", "Điều 12 khoản 1 điểm a") in rows


def test_two_texts_that_are_not_versions_get_a_warning() -> None:
    at = _page(old=PLAN, new=NEW)
    assert any("có thể không phải hai phiên bản của cùng một văn bản" in w.value for w in at.warning)


def test_page_says_the_split_with_va() -> None:
    at = _page(old=OLD, new=NEW)
    text = " ".join(str(h.proto.body) for h in at.get("html")) + " ".join(m.value for m in at.markdown)
    assert "Tách Điều 1 thành Điều 1 và Điều 2" in text and "thành Điều 1, 2" not in text


def test_facts_link_to_their_clauses_in_both_texts() -> None:
    """The transfer of the yearly report sits at Điều 12 khoản 1 điểm a of the draft: its row opens that
    clause of the draft, and every row with an old clause opens the 2022 text, not the draft."""
    at = _page(old=OLD, new=NEW)
    tab = next(t for t in at.tabs if t.label.startswith("Nghĩa vụ chuyển giao"))
    records = tab.dataframe[0].value.to_dict("records")
    row = next(r for r in records if r["Điều khoản mới"] == "Điều 12 khoản 1 điểm a")
    assert row["Xem bản mới"] == f"./van-ban?doc={NEW.replace(':', '%3A')}&eid=art_12__para_1__point_a"
    for tab in at.tabs:
        for r in tab.dataframe[0].value.to_dict("records") if tab.dataframe else []:
            if r["Điều khoản cũ"]:
                assert r["Xem bản cũ"].startswith(f"./van-ban?doc={OLD.replace(':', '%3A')}&eid=")
            if r["Điều khoản mới"]:
                assert r["Xem bản mới"].startswith(f"./van-ban?doc={NEW.replace(':', '%3A')}&eid=")
