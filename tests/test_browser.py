"""The main journeys in a real browser: Debian's Chromium driven by Playwright against `streamlit run`.

The app is started on 127.0.0.1 (a free port) over a KB built from corpus/ in a temporary folder.
Chromium comes from apt (installed here when missing), never from a Playwright download. Screenshots go
to tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import app_kb
import pytest
from docx import Document as DocxDocument

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
WAIT_MS = 60_000


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], check=True, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "chromium"], check=True, env=env, capture_output=True)
    assert CHROMIUM.exists(), "chromium could not be installed with apt"
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("streamlit did not start")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    corpus, db = app_kb.corpus_kb()
    folder = tmp_path_factory.mktemp("browser")
    port = _free_port()
    env = {**os.environ, "VBKB_DB": str(db), "VBKB_CORPUS": str(corpus)}
    log = (folder / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    yield pg
    context.close()


def _shot(pg: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def _settled(pg: object) -> None:
    """Wait until Streamlit has finished running the page script."""
    pg.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS
    )


def test_pick_actor_then_duty_then_clause(page: object, app_url: str) -> None:
    page.goto(app_url)
    page.get_by_text("Nghĩa vụ theo chủ thể").first.wait_for()
    page.get_by_test_id("stButtonGroup").get_by_text("xã", exact=True).click()
    duty = page.locator("table.duties tr", has_text="trước ngày 18 tháng 12").filter(
        has_text="Điều 12 khoản 1 điểm a").first
    duty.wait_for()
    _settled(page)
    _shot(page, "nghia-vu")
    duty.get_by_role("link", name="Điều 12 khoản 1 điểm a").click()
    page.get_by_text("Điều khoản được mở").wait_for()
    focus = page.locator(".vb-focus").first
    assert "gửi về Sở Tư pháp trước ngày 18 tháng 12" in focus.inner_text()
    assert page.get_by_text("Page not found").count() == 0
    _settled(page)
    _shot(page, "dieu-khoan")


def test_search_result_opens_the_clause(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/tim-kiem")
    box = page.get_by_label("Từ cần tìm")
    box.fill("18 thang 12")
    box.press("Enter")
    first = page.locator("a", has_text="Điều 12 khoản 1 điểm a").first
    first.wait_for()
    _settled(page)
    _shot(page, "tim-kiem")
    first.click()
    page.get_by_text("Điều khoản được mở").wait_for()
    focus = page.locator(".vb-focus").first
    focus.wait_for()
    assert "trước ngày 18 tháng 12" in focus.inner_text()
    assert page.get_by_text("Page not found").count() == 0
    _settled(page)


def test_comparison_and_its_download(page: object, app_url: str, tmp_path: Path) -> None:
    page.goto(f"{app_url}/so-sanh")
    page.get_by_text("Đối chiếu từng điều").wait_for()
    row = page.locator("table.vb-side tr", has_text="Điều 11. Chế độ báo cáo").first
    row.wait_for()
    assert "Điều 12. Chế độ báo cáo" in row.inner_text()
    _settled(page)
    _shot(page, "so-sanh")
    row.scroll_into_view_if_needed()
    _shot(page, "so-sanh-doi-chieu")
    with page.expect_download() as info:
        page.get_by_role("button", name="Kết quả so sánh (JSON)").click()
    saved = tmp_path / "so-sanh.json"
    info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    moved = [p for p in data["pairs"] if p["level"] == "dieu" and p["old"] == "art_11"]
    assert [p["new"] for p in moved] == ["art_12"]
    # The Bảng so sánh a drafting team hands in: the same pairing, in Word.
    with page.expect_download() as info:
        page.get_by_role("button", name="Bảng so sánh (.docx)").click()
    info.value.save_as(tmp_path / "bang-so-sanh.docx")
    header = ["STT", "Quy định hiện hành", "Dự thảo", "Thuyết minh"]
    table = next(t for t in DocxDocument(str(tmp_path / "bang-so-sanh.docx")).tables
                 if [c.text for c in t.rows[0].cells] == header)
    report = [r for r in table.rows if r.cells[1].text.startswith("Điều 11. Chế độ báo cáo")]
    assert len(report) == 1 and report[0].cells[2].text.startswith("Điều 12. Chế độ báo cáo")


def test_citation_graph_draws(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/do-thi?doc=cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat%3Aquy-che")
    page.locator("svg g.node", has_text="59/2012/NĐ-CP").first.wait_for()
    _settled(page)
    _shot(page, "do-thi")


def test_matrix_page_draws(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/ma-tran")
    page.get_by_text("cơ quan, đơn vị.").first.wait_for()
    page.get_by_test_id("stDataFrame").first.wait_for()
    _settled(page)
    _shot(page, "ma-tran")


def test_duties_on_a_phone_are_cards(browser: object, app_url: str) -> None:
    """At 390 px each duty is a card (Điều khoản, Việc phải làm, Thời hạn ... one under another, each named),
    not a table of one word per line."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    try:
        pg.goto(f"{app_url}/?actor=x%C3%A3")
        cell = pg.locator("table.duties td[data-label='Thời hạn']", has_text="trước ngày 18 tháng 12").first
        cell.wait_for()
        _settled(pg)
        assert cell.evaluate("td => getComputedStyle(td).display") == "block"
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Thời hạn: "'
        header = pg.locator("table.duties tr").first
        assert header.evaluate("tr => getComputedStyle(tr).display") == "none"
        card = pg.locator("table.duties tr", has_text="trước ngày 18 tháng 12").first
        assert card.bounding_box()["width"] <= 390
        card.scroll_into_view_if_needed()
        _shot(pg, "nghia-vu-390")
    finally:
        context.close()


def test_search_kept_in_the_url(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/tim-kiem?q=UBND+cap+xa+bao+cao&loai=Quy+ch%E1%BA%BF")
    page.locator("a", has_text="Điều 12 khoản 1 điểm a").first.wait_for()
    _settled(page)
    assert page.get_by_label("Từ cần tìm").input_value() == "UBND cap xa bao cao"
    assert page.get_by_text("kết quả, phù hợp nhất trước").count() == 1
    _shot(page, "tim-kiem-loc")


# --- issue 11's journeys: one server and one KB for the module; each journey a few clicks ---------------
def test_xa_officer_searches_without_accents_and_opens_a_clause(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/tim-kiem")
    box = page.get_by_label("Từ cần tìm")
    box.fill("ubnd cap xa bao cao")
    box.press("Enter")
    first = page.locator("a", has_text="Điều 12 khoản 1 điểm a").first
    first.wait_for()
    _settled(page)
    assert page.get_by_text("kết quả, phù hợp nhất trước").count() == 1
    _shot(page, "tim-kiem-ubnd-cap-xa")
    first.click()
    page.get_by_text("Điều khoản được mở").wait_for()
    focus = page.locator(".vb-focus").first
    focus.wait_for()
    assert "Ủy ban nhân dân cấp xã" in focus.inner_text() or "UBND cấp xã" in focus.inner_text()
    _settled(page)
    _shot(page, "tim-kiem-mo-dieu-khoan")


def test_document_shows_properties_badge_and_its_outline_opens_a_clause(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/van-ban?doc=cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl%3Aquy-che")
    props = page.locator("table.vb-props").first
    props.wait_for()
    badge = props.locator(".vb-badge").first
    assert badge.inner_text() == "Dự thảo"
    assert badge.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "Số ký hiệu" in props.inner_text() or "Loại văn bản" in props.inner_text()
    _settled(page)
    _shot(page, "van-ban-thuoc-tinh")
    page.get_by_role("tab", name="Mục lục").click()
    article = page.locator(".vb-toc a", has_text="Điều 12").first
    article.wait_for()
    article.click()
    page.get_by_text("Điều khoản được mở").wait_for()
    assert "eid=art_12" in page.url
    assert page.locator(".vb-focus").first.inner_text().startswith("Điều 12")
    _settled(page)
    _shot(page, "van-ban-muc-luc-mo-dieu")


def test_comparison_shows_the_duty_transfers(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/so-sanh")
    tab = page.get_by_role("tab", name="Nghĩa vụ chuyển giao")
    tab.wait_for()
    tab.click()
    panel = page.get_by_role("tabpanel").filter(has_text="Chuyển sang").first
    panel.wait_for()
    _settled(page)
    grid = panel.get_by_test_id("stDataFrame").first
    grid.wait_for()
    grid.scroll_into_view_if_needed()
    _shot(page, "so-sanh-chuyen-giao")
    with page.expect_download() as info:
        page.get_by_role("button", name="Bảng so sánh (.docx)").click()
    assert info.value.suggested_filename.endswith(".docx")


def test_graph_node_opens_its_document(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/do-thi?cited=80%2F2025%2FN%C4%90-CP")
    node = page.locator("svg g.node", has_text="Quy chế (dự thảo)").first
    node.wait_for()
    _settled(page)
    _shot(page, "do-thi-quanh-nghi-dinh-80")
    node.locator("a").first.click()
    page.locator("table.vb-props").first.wait_for()
    assert "doc=cao-bang-2026-du-thao" in page.url
    assert page.get_by_text("Page not found").count() == 0
    _settled(page)
    _shot(page, "do-thi-mo-van-ban")


def test_matrix_readable_at_1400(page: object, app_url: str) -> None:
    """At 1,400 px the actor headers are short (UBND cấp xã) with the full name on hover, and the clause
    columns stay in view; the screenshot is looked at."""
    page.goto(f"{app_url}/ma-tran")
    page.get_by_text("cơ quan, đơn vị.").first.wait_for()
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    _settled(page)
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1400  # the table fits the window
    assert page.viewport_size["width"] == 1400
    _shot(page, "ma-tran-1400")


def test_schema_links_open_each_related_document(page: object, app_url: str) -> None:
    """Lược đồ of Quyết định 03/2022/QĐ-UBND (Cao Bằng): its Căn cứ and Thay thế are cited-only texts, its
    Quy chế is stored; each is a link, and each opens the right page."""
    page.goto(f"{app_url}/van-ban?doc=03%2F2022%2FQ%C4%90-UBND")
    schema = page.locator(".vb-schema").first
    schema.wait_for()
    text = schema.inner_text()
    assert "Căn cứ (8)" in text and "Thay thế (1)" in text and "Văn bản kèm theo (1)" in text
    _settled(page)
    _shot(page, "van-ban-luoc-do")
    schema.locator("a", has_text="21/2016/QĐ-UBND").click()
    page.get_by_text("Văn bản này chưa có toàn văn trong kho").wait_for()
    assert "21%2F2016" in page.url or "21/2016" in page.url
    page.go_back()
    schema = page.locator(".vb-schema").first
    schema.wait_for()
    schema.locator("a", has_text="Quy chế ngày 13/01/2022").click()
    page.locator(".vb-schema a", has_text="Quyết định 03/2022/QĐ-UBND").first.wait_for()
    assert "doc=cao-bang-2022-qd-03" in page.url


def test_cited_document_page_lists_every_citing_clause(page: object, app_url: str) -> None:
    """Nghị định 59/2012/NĐ-CP is cited, not stored: its page shows the catalog facts and the clauses citing
    it, each a link to that clause of the citing text."""
    page.goto(f"{app_url}/van-ban?cited=59%2F2012%2FN%C4%90-CP")
    page.get_by_text("Văn bản này chưa có toàn văn trong kho").wait_for()
    table = page.locator("table.vb-side").first
    table.wait_for()
    assert "Văn bản trích dẫn" in table.inner_text()
    links = table.locator("a")
    assert links.count() >= 1
    _settled(page)
    _shot(page, "van-ban-duoc-trich-dan")
    links.first.click()
    page.locator("table.vb-props").first.wait_for()
    assert "doc=" in page.url and page.get_by_text("Page not found").count() == 0
