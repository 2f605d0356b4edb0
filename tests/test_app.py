"""The Streamlit app, page by page, on a KB built from corpus/ (AppTest runs the real scripts).

Expected contents come from reading the corpus: the 2026 Cao Bằng draft's Điều 12 khoản 1 điểm a sends
reports to Sở Tư pháp "trước ngày 18 tháng 12"; the 2022 Quy chế is issued by Quyết định 03/2022/QĐ-UBND.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_plus

import app_kb
import pytest
from streamlit.testing.v1 import AppTest

from kb import intake
from kb.errors import KbError
from kb.pipeline import build
from kb.store.db import list_documents, open_db

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DRAFT_2026 = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
QC_2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
HOSTILE = """QUY CHẾ
Thử nghiệm <iframe src="https://evil.example/x"></iframe>

Điều 1. Phạm vi <img src="https://evil.example/p.png" onerror="alert(1)">
1. Sở Tư pháp chủ trì <script>alert(2)</script> theo dõi <b>đậm</b> & "trích".
"""


def _kb(folder: Path, files: dict[str, Path | str]) -> tuple[Path, Path]:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for name, content in files.items():
        if isinstance(content, Path):
            shutil.copy(content, corpus / name)
        else:
            (corpus / name).write_text(content, encoding="utf-8")
    db = folder / "kb.db"
    report = build([corpus], db)
    assert report.ok, report.failed
    return corpus, db


@pytest.fixture(scope="module")
def corpus_kb() -> tuple[Path, Path]:
    return app_kb.corpus_kb()


@pytest.fixture
def app_env(corpus_kb: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("VBKB_CORPUS", str(corpus_kb[0]))
    monkeypatch.setenv("VBKB_DB", str(corpus_kb[1]))
    return corpus_kb


@pytest.fixture
def own_kb(corpus_kb: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """A private copy of the corpus KB for tests that change it."""
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_kb[0], corpus)
    db = tmp_path / "kb.db"
    build([corpus], db)
    monkeypatch.setenv("VBKB_CORPUS", str(corpus))
    monkeypatch.setenv("VBKB_DB", str(db))
    yield corpus, db


open_page = app_kb.open_page


def html_of(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.html)


# --- every page, without a KB or with a broken one -------------------------------------------------------
PAGES = ["duties", "compare", "documents", "graph", "search", "matrix", "upload"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_without_a_kb_explain_what_to_do(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VBKB_DB", str(tmp_path / "missing.db"))
    monkeypatch.setenv("VBKB_CORPUS", str(tmp_path / "corpus"))
    at = open_page(page)
    if page != "upload":  # uploading is how a first document gets in
        assert any("Chưa có cơ sở dữ liệu văn bản" in w.value for w in at.warning)


@pytest.mark.parametrize("page", ["duties", "documents", "graph"])
def test_pages_with_a_broken_kb_say_so_in_one_line(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kb.db").write_bytes(b"not a database at all")
    monkeypatch.setenv("VBKB_DB", str(tmp_path / "kb.db"))
    at = open_page(page)
    assert [e.value.startswith("Không mở được cơ sở dữ liệu văn bản") for e in at.error] == [True]


# --- Văn bản ---------------------------------------------------------------------------------------
def test_documents_page_lists_the_corpus(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents")
    table = at.dataframe[0].value
    assert "03/2022/QĐ-UBND" in set(table["Số ký hiệu"])
    assert "Quy chế" in set(table["Loại"])
    assert len(table) == 6  # five files; the 2022 file holds the Quyết định and its Quy chế
    # Newest first: the 2026 draft (undated) heads the list, marked as a draft; dates as people write them.
    assert table["Tình trạng"].iloc[0] == "Dự thảo"
    assert "13/01/2022" in set(table["Ngày ban hành"])


def test_documents_page_shows_properties_and_schema(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", doc="03/2022/QĐ-UBND")
    page = html_of(at)
    assert "<tr><th>Người ký</th><td>Hoàng Xuân Ánh</td></tr><tr><th>Chức vụ</th><td>Chủ tịch</td></tr>" in page
    assert "<tr><th>Ngày có hiệu lực</th><td>25/01/2022</td></tr>" in page
    assert "<tr><th>Cơ quan ban hành</th><td>Ủy ban nhân dân tỉnh Cao Bằng</td></tr>" in page
    assert '<h5>Thay thế (1)</h5><ul><li><a href="./van-ban?cited=21%2F2016%2FQ%C4%90-UBND"' in page
    # A cited text the KB does not hold is named by its type and number, not a bare number.
    assert 'target="_self">Quyết định 21/2016/QĐ-UBND</a>' in page


def test_a_cited_document_has_its_own_page(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", cited="80/2025/NĐ-CP")
    page = html_of(at)
    assert "<tr><th>Cơ quan ban hành</th><td>Chính phủ</td></tr>" in page
    assert "khoản 1 Điều 13 Nghị định số 80/2025/NĐ-CP" in page


def test_a_wrong_document_in_the_url_says_so(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", doc="khong-co-van-ban-nay")
    assert [e.value for e in at.error] == [
        "Không có văn bản «khong\\-co\\-van\\-ban\\-nay» trong kho, và chưa văn bản nào trích dẫn nó."]


def test_documents_page_opens_a_clause_in_its_article(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", doc=DRAFT_2026, eid="art_12__para_1__point_a")
    assert any("Điều khoản được mở" in m.value for m in at.markdown)
    context = html_of(at)
    opened = context.split('id="art_12__para_1__point_a"')[1].split("</div>")[0]
    assert "trước ngày 18 tháng 12" in opened
    # The clause is shown with its whole article: Điều 12's heading and its other points.
    assert '<div class="vb-clause vb-focus" id="art_12__para_1__point_a"' in context
    assert "Điều 12. Chế độ báo cáo" in context
    assert "trước ngày 25 tháng 12" in context  # điểm b of the same khoản


def test_documents_page_shows_the_duties_of_each_clause(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", doc=DRAFT_2026, eid="art_12__para_1__point_a")
    opened = html_of(at).split('id="art_12__para_1__point_a"')[1].split('<div class="vb-clause')[0]
    assert "→ Nghĩa vụ:" in opened
    assert "Ủy ban nhân dân cấp xã: Báo cáo (trước ngày 18 tháng 12)" in opened
    duties = at.dataframe[1].value
    assert "Điều 12 khoản 1 điểm a" in set(duties["Điều khoản"])


def test_documents_page_citations_both_ways(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", doc=DRAFT_2026)
    page = html_of(at)
    assert "khoản 1 Điều 13 Nghị định số 80/2025/NĐ-CP" in page
    assert "eid=art_8__para_1__point_a" in page  # "điểm a khoản 1 Điều này" opens that point
    at = open_page("documents", doc="03/2022/QĐ-UBND")
    cited = [r for r in _rows(html_of(at), "Văn bản trích dẫn") if r[0].startswith("Quy chế ngày 13/01/2022 — Phối hợp trong công tác theo dõi")]
    assert cited and cited[0][3] == "Ban hành kèm theo"
    assert f"doc={QC_2022.replace(':', '%3A')}" in cited[0][1]


def test_documents_page_warns_of_stale_citations(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", doc=QC_2022)
    assert any("đã bị thay thế" in w.value for w in at.warning)
    rows = _rows(html_of(at), "Văn bản được dẫn")
    assert any("59/2012/NĐ-CP" in r[1] for r in rows)
    at = open_page("documents", doc=DRAFT_2026)
    assert not any("đã bị thay thế" in w.value for w in at.warning)


def test_documents_page_unknown_clause_says_so(app_env: tuple[Path, Path]) -> None:
    at = open_page("documents", doc=DRAFT_2026, eid="art_99")
    assert any("Không tìm thấy Điều 99 trong văn bản này" in w.value for w in at.warning)


# --- Tìm kiếm --------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["18 tháng 12", "18 thang 12"])
def test_search_with_and_without_diacritics(app_env: tuple[Path, Path], query: str) -> None:
    at = open_page("search")
    at.text_input[0].input(query).run()
    page = html_of(at)
    first = page.split('<div class="vb-clause">')[1]
    assert "Điều 12 khoản 1 điểm a" in first
    assert "<mark>18 tháng 12</mark>" in first
    assert f"doc={DRAFT_2026.replace(':', '%3A')}" in first


def test_search_without_hits_says_so(app_env: tuple[Path, Path]) -> None:
    at = open_page("search")
    at.text_input[0].input('"zzzqqq NEAR( AND').run()
    assert not at.exception
    assert any("Không tìm thấy" in i.value for i in at.info)


# --- untrusted text ---------------------------------------------------------------------------------
@pytest.fixture
def hostile_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    corpus, db = _kb(tmp_path, {"hostile.txt": HOSTILE})
    monkeypatch.setenv("VBKB_CORPUS", str(corpus))
    monkeypatch.setenv("VBKB_DB", str(db))
    conn = open_db(db)
    doc_id = list_documents(conn)[0]["doc_id"]
    conn.conn.close()
    return doc_id


def _assert_inert(page: str) -> None:
    for tag in ("<iframe", "<img", "<script", "<b>đậm"):
        assert tag not in page
    assert "&lt;iframe" in page or "&lt;img" in page or "&lt;script" in page


def test_document_text_is_escaped(hostile_kb: str) -> None:
    at = open_page("documents", doc=hostile_kb, eid="art_1__para_1")
    page = html_of(at)
    _assert_inert(page)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;img src=&quot;https://evil.example/p.png&quot;" in page


def test_search_snippets_are_escaped(hostile_kb: str) -> None:
    at = open_page("search")
    at.text_input[0].input("alert").run()
    page = html_of(at)
    _assert_inert(page)
    assert "<mark>alert</mark>" in page


def test_compared_text_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    changed = HOSTILE.replace("<script>alert(2)</script>", '<iframe src="https://evil.example/y"></iframe>')
    corpus, db = _kb(tmp_path, {"a.txt": HOSTILE, "b.txt": changed + "2. Ủy ban nhân dân cấp xã <b>báo cáo</b>.\n"})
    monkeypatch.setenv("VBKB_CORPUS", str(corpus))
    monkeypatch.setenv("VBKB_DB", str(db))
    conn = open_db(db)
    old, new = (d["doc_id"] for d in list_documents(conn))
    conn.conn.close()
    at = open_page("compare", old=old, new=new)
    page = html_of(at).split('<table class="vb-side">')[1]
    _assert_inert(page)
    assert "<del>script&gt;alert(2)</del>" in page
    assert "<ins>iframe src=&quot;https://evil.example/y&quot;&gt;</ins>" in page


def test_duties_text_is_escaped(hostile_kb: str) -> None:
    at = open_page("duties", actor="so tu phap")
    page = html_of(at)
    assert "Sở Tư pháp" in page
    _assert_inert(page)


# --- Thêm văn bản ------------------------------------------------------------------------------------
NEW_TEXT = """QUYẾT ĐỊNH
Về việc thử nghiệm

Điều 1. Trách nhiệm
1. Sở Tư pháp chủ trì kiểm tra trước ngày 30 tháng 6.
2. Ủy ban nhân dân cấp xã phối hợp.
Điều 2. Hiệu lực
Quyết định có hiệu lực từ ngày ký.
"""


def _state(corpus: Path, db: Path) -> tuple[list[str], int]:
    conn = open_db(db)
    try:
        return sorted(p.name for p in corpus.iterdir()), len(list_documents(conn))
    finally:
        conn.conn.close()


@pytest.mark.parametrize(
    ("name", "data"),
    [("hong.docx", b"PK\x03\x04 this is not a real docx"), ("trong.txt", b"   \n")],
)
def test_upload_of_a_bad_file_shows_why_and_adds_nothing(own_kb: tuple[Path, Path], name: str, data: bytes) -> None:
    before = _state(*own_kb)
    at = open_page("upload")
    at.file_uploader[0].set_value((name, data, "application/octet-stream")).run()
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith("Không đọc được tệp:")
    assert "\n" not in at.error[0].value
    assert not at.button  # nothing to add
    assert _state(*own_kb) == before


def test_upload_shows_the_tree_then_adds_the_document(own_kb: tuple[Path, Path]) -> None:
    corpus, db = own_kb
    files, count = _state(corpus, db)
    at = open_page("upload")
    at.file_uploader[0].set_value(("Thử nghiệm.txt", NEW_TEXT.encode(), "text/plain")).run()
    assert not at.error
    preview = html_of(at)
    assert "Điều 1. Trách nhiệm" in preview and "trước ngày 30 tháng 6" in preview
    assert _state(corpus, db) == (files, count)  # a preview changes nothing
    at.button[0].click().run()
    assert not at.error, [e.value for e in at.error]
    assert any("Đã lưu thu-nghiem.txt" in s.value for s in at.success)
    summary = " ".join(c.value for c in at.caption)
    assert "đọc mới" in summary and "văn bản" in summary and "parsed" not in summary
    new_files, new_count = _state(corpus, db)
    assert new_files == sorted([*files, "thu-nghiem.txt"]) and new_count == count + 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Quyết định 03.docx", "quyet-dinh-03.docx"), ("../../etc/passwd.txt", "passwd.txt"), ("a b.MD", "a-b.md")],
)
def test_upload_names_are_made_safe(name: str, expected: str) -> None:
    assert intake.safe_name(name) == expected


@pytest.mark.parametrize("name", ["virus.exe", "noext", "cu.doc"])
def test_upload_refuses_other_formats(name: str) -> None:
    with pytest.raises(KbError, match="định dạng không hỗ trợ"):
        intake.safe_name(name)


# --- So sánh phiên bản -------------------------------------------------------------------------------
def _rows(page: str, header: str = "") -> list[list[str]]:
    """The cells of each row of the first of our tables whose header has `header`."""
    tables = [t.split("</table>")[0] for t in page.split('<table class="vb-side">')[1:]]
    table = next(t for t in tables if header in t.split("</tr>")[0])
    return [[c.split("</td>")[0].split(">", 1)[1] for c in row.split("<td")[1:]] for row in table.split("<tr")[2:]]


@pytest.fixture(scope="module")
def comparison(corpus_kb: tuple[Path, Path]) -> AppTest:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VBKB_CORPUS", str(corpus_kb[0]))
        mp.setenv("VBKB_DB", str(corpus_kb[1]))
        yield open_page("compare")


def test_compare_defaults_to_the_two_cao_bang_versions(comparison: AppTest) -> None:
    assert [s.value for s in comparison.selectbox] == [QC_2022, DRAFT_2026]


def test_compare_shows_2022_article_11_opposite_2026_article_12(comparison: AppTest) -> None:
    rows = _rows(html_of(comparison))
    report = [r for r in rows if r[0].startswith("Điều 11. Chế độ báo cáo")]
    assert len(report) == 1
    old, new, change = report[0]
    assert new.startswith("Điều 12. Chế độ báo cáo")
    assert "Điều 11 → Điều 12" in change
    # The deadline moved from 5 to 18 December: struck in the old text, inserted in the new.
    assert "<del>05 </del>" in old and "<ins>18 </ins>" in new
    assert "trước ngày" in old and "trước ngày" in new


def test_compare_summary_and_key_facts(comparison: AppTest) -> None:
    metrics = {m.label: int(m.value) for m in comparison.metric}
    assert metrics["Bổ sung mới"] >= 1 and metrics["Bãi bỏ"] >= 1  # 2026 adds and drops articles
    deadlines = comparison.dataframe[0].value
    row = deadlines[deadlines["Mới"] == "trước ngày 18 tháng 12"].iloc[0]
    assert row["Cũ"] == "trước ngày 05 tháng 12"
    assert row["Điều khoản cũ"] == "Điều 11 khoản 1 điểm a"
    assert row["Điều khoản mới"] == "Điều 12 khoản 1 điểm a"


def test_compare_can_hide_repeated_substitutions(app_env: tuple[Path, Path]) -> None:
    at = open_page("compare")
    marked = html_of(at).count("<del>")
    at.toggle[0].set_value(True).run()
    assert 0 < html_of(at).count("<del>") < marked


def test_compare_filters_by_status(app_env: tuple[Path, Path]) -> None:
    at = open_page("compare")
    at.multiselect[0].set_value(["added"]).run()
    rows = _rows(html_of(at))
    assert rows and all("Bổ sung mới" in r[2] and r[0] == "" for r in rows)


def test_compare_downloads(comparison: AppTest) -> None:
    labels = [b.proto.label for b in comparison.get("download_button")]
    assert labels == ["Bảng so sánh (.docx)", "Trang so sánh (HTML)", "Kết quả so sánh (JSON)"]


# --- Đồ thị trích dẫn --------------------------------------------------------------------------------
def _dot_of(at: AppTest) -> str:
    return at.get("graphviz_chart")[0].proto.spec


def _edges(dot: str) -> list[str]:
    return [line for line in dot.splitlines() if " -> " in line]


def test_graph_marks_the_2022_reliance_on_decree_59(app_env: tuple[Path, Path]) -> None:
    at = open_page("graph", doc=QC_2022)
    stale = at.dataframe[0].value
    assert "59/2012/NĐ-CP" in set(stale["Trích dẫn"])
    assert any("80/2025/NĐ-CP" in s for s in stale[stale["Trích dẫn"] == "59/2012/NĐ-CP"]["Tình trạng"])
    edge = next(line for line in _edges(_dot_of(at)) if line.startswith(f'  "{QC_2022}" -> "59/2012/NĐ-CP"'))
    assert "đã bị thay thế" in edge and "#d1242f" in edge


def test_graph_filters_by_relation(app_env: tuple[Path, Path]) -> None:
    at = open_page("graph", doc="03/2022/QĐ-UBND")
    assert "Dẫn chiếu" in _dot_of(at)
    at.multiselect[0].set_value(["can_cu"]).run()
    dot = _dot_of(at)
    assert "Dẫn chiếu" not in dot and "Căn cứ" in dot


# (URL parameters, the centre chosen, a node that must be on the graph, with the page its click opens)
CENTRES = [
    ({"doc": DRAFT_2026}, DRAFT_2026, "80/2025/NĐ-CP", "./van-ban?cited=80%2F2025%2FN%C4%90-CP"),
    ({"cited": "80/2025/NĐ-CP"}, "80/2025/NĐ-CP", DRAFT_2026, f"./van-ban?doc={quote_plus(DRAFT_2026)}"),
    ({"cited": "59/2012/ND-CP"}, "59/2012/NĐ-CP", QC_2022, f"./van-ban?doc={quote_plus(QC_2022)}"),
    ({"doc": "80/2025/NĐ-CP"}, "80/2025/NĐ-CP", "son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl:ke-hoach",
     "./van-ban?doc=son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl%3Ake-hoach"),
]


@pytest.mark.parametrize(("query", "centre", "node", "url"), CENTRES)
def test_graph_around_any_document(app_env: tuple[Path, Path], query: dict, centre: str, node: str, url: str) -> None:
    at = open_page("graph", **query)
    assert at.selectbox(key="graph_centre").value == centre
    dot = _dot_of(at)
    assert _edges(dot) and all(f'"{centre}"' in line for line in _edges(dot))
    line = next(x for x in dot.splitlines() if x.startswith(f'  "{node}" ['))
    assert f'URL="{url}"' in line and 'target="_self"' in line


def test_graph_centre_goes_into_the_url(app_env: tuple[Path, Path]) -> None:
    at = open_page("graph")
    at.selectbox(key="graph_centre").set_value("80/2025/NĐ-CP").run()
    assert at.query_params["cited"] == "80/2025/NĐ-CP" and "doc" not in at.query_params
    at.selectbox(key="graph_centre").set_value(DRAFT_2026).run()
    assert at.query_params["doc"] == DRAFT_2026
    assert all(f'"{DRAFT_2026}"' in line for line in _edges(_dot_of(at)))


def test_graph_of_an_unknown_number_says_so(app_env: tuple[Path, Path]) -> None:
    at = open_page("graph", cited="<b>9/2099/X</b>")
    assert any("9/2099/X" in w.value and "<b>" not in w.value for w in at.warning)
    assert _edges(_dot_of(at))  # drawn around the newest document instead


def test_graph_lists_what_one_document_cites(app_env: tuple[Path, Path]) -> None:
    at = open_page("graph", doc=DRAFT_2026)
    rows = _rows(html_of(at))
    decree = [r for r in rows if r[1] == "khoản 1 Điều 13 Nghị định số 80/2025/NĐ-CP"]
    assert decree and decree[0][0] == "Điều 8 khoản 1 điểm a"
    # An internal reference opens the cited clause of the same document.
    inner = [r for r in rows if r[0] == "Điều 8 khoản 1 điểm b" and r[1].startswith("điểm a khoản 1 Điều này")]
    assert inner and "eid=art_8__para_1__point_a" in inner[0][4]


# --- Nghĩa vụ theo chủ thể (home) --------------------------------------------------------------------
def _duty_rows(at: AppTest) -> list[list[str]]:
    page = html_of(at)
    return [r for table in page.split("<table class='vb-side duties'>")[1:]
            for r in _rows('<table class="vb-side">' + table)]


def test_home_is_the_duties_page(app_env: tuple[Path, Path]) -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert at.title[0].value == "Nghĩa vụ theo chủ thể"
    assert "xã" in at.get("button_group")[0].proto.options[0].content


def test_xa_gets_the_2026_reporting_duty_with_its_deadline(app_env: tuple[Path, Path]) -> None:
    at = open_page("duties", actor="xã")
    rows = _duty_rows(at)
    report = [r for r in rows if "eid=art_12__para_1__point_a" in r[0] and DRAFT_2026.split(":")[0] in r[0]]
    assert len(report) == 1
    address, action, deadline, actor, note = report[0]  # Điều khoản, Việc phải làm, Thời hạn first
    assert ">Điều 12 khoản 1 điểm a</a>" in address
    assert deadline == "trước ngày 18 tháng 12"
    assert "18 tháng 12" in action and actor == "Ủy ban nhân dân cấp xã" and note == "gửi Sở Tư pháp"
    # Deadlines first in the sortable table too.
    table = at.dataframe[0].value
    with_deadline = list(table["Thời hạn"] != "")
    assert with_deadline == sorted(with_deadline, reverse=True)
    first = table.iloc[0]
    assert first["Thời hạn"] == "trước ngày 18 tháng 12"  # by date of the deadline: the yearly 18 December first
    assert first["Xem"].endswith("%3Aquy-che&eid=art_12__para_1__point_a")


def test_typed_without_accents(app_env: tuple[Path, Path]) -> None:
    at = open_page("duties")
    at.text_input(key="actor").input("so tu phap").run()
    assert "Sở Tư pháp" in " ".join(m.value for m in at.markdown)
    table = at.dataframe[0].value
    row = table[(table["Điều khoản"] == "Điều 12 khoản 1 điểm b") & table["Văn bản"].str.contains("tổ chức thi hành")]
    assert list(row["Thời hạn"]) == ["trước ngày 25 tháng 12"]
    assert set(table["Chủ thể"]) == {"Sở Tư pháp"}


def test_duty_filters(app_env: tuple[Path, Path]) -> None:
    at = open_page("duties", actor="xã")
    total = len(at.dataframe[0].value)
    at.radio[0].set_value("Có thời hạn").run()
    timed = at.dataframe[0].value
    assert 0 < len(timed) < total and all(timed["Thời hạn"] != "")
    at.radio[0].set_value("Tất cả").run()
    at.multiselect[1].set_value(["bao_cao"]).run()
    assert set(at.dataframe[0].value["Vai trò"]) == {"Báo cáo"}
    at.multiselect[0].set_value([DRAFT_2026]).run()
    assert set(at.dataframe[0].value["Văn bản"]) == {
        "Quy chế (dự thảo) — Phối hợp trong công tác tổ chức thi hành văn bản quy phạm pháp luật trên địa bàn tỉnh Cao Bằng"}


def test_draft_duties_labelled_and_hidden(app_env: tuple[Path, Path]) -> None:
    at = open_page("duties", actor="xã")
    assert "(Dự thảo)</small></h4>" in html_of(at)
    total = len(at.dataframe[0].value)
    at.toggle[0].set_value(False).run()
    kept = at.dataframe[0].value
    assert 0 < len(kept) < total
    assert not kept["Văn bản"].str.contains("tổ chức thi hành văn bản").any()
    assert "Dự thảo" not in html_of(at)


def test_unknown_actor_says_so(app_env: tuple[Path, Path]) -> None:
    at = open_page("duties", actor="qqqq wwww")
    assert any("Không nhận ra chủ thể" in w.value for w in at.warning)


def test_duties_download_buttons(app_env: tuple[Path, Path]) -> None:
    at = open_page("duties", actor="xã")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Tải bảng Excel (.xlsx)", "Tải CSV"]


# --- Ma trận trách nhiệm -----------------------------------------------------------------------------
def test_matrix_of_the_2026_draft(app_env: tuple[Path, Path]) -> None:
    at = open_page("matrix")
    at.multiselect[0].set_value([DRAFT_2026]).run()
    table = at.dataframe[0].value
    row = table[table["Điều khoản"] == "Điều 12.1.a"].iloc[0]
    assert row["Ủy ban nhân dân cấp xã"] == "Báo cáo (trước ngày 18 tháng 12)"
    assert row["Các sở, ban, ngành"] == "Báo cáo (trước ngày 18 tháng 12)"
    assert set(table["Văn bản"]) == {
        "Quy chế (dự thảo) — Phối hợp trong công tác tổ chức thi hành văn bản quy phạm pháp luật trên địa bàn tỉnh Cao Bằng"}
    assert [b.proto.label for b in at.get("download_button")] == ["Tải bảng Excel (.xlsx)", "Tải CSV"]


def test_first_upload_creates_the_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "kb.db"
    monkeypatch.setenv("VBKB_DB", str(db))
    monkeypatch.setenv("VBKB_CORPUS", str(corpus))
    at = open_page("upload")
    at.file_uploader[0].set_value(("qd.txt", NEW_TEXT.encode(), "text/plain")).run()
    at.button[0].click().run()
    assert not at.error, [e.value for e in at.error]
    assert _state(corpus, db) == (["qd.txt"], 1)
