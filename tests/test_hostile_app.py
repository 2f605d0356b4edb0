"""Issue 14 item 2 in the app: while an upload is being read (a stand-in parser that never ends and
holds the interpreter lock), the server's health endpoint answers under 1 s, and the work stops when
the browser session goes away. A real `streamlit run` on a free port, Chromium through Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no chromium")
def test_health_answers_while_an_upload_is_read_and_the_work_stops_with_the_session(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    pid_file = tmp_path / "worker.pid"
    env = {**os.environ, "VBKB_FILE_BUDGET_S": "60", "VBKB_TEST_PID_FILE": str(pid_file),
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "tests/slow_upload_app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            deadline = time.monotonic() + 20
            while not pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            pid = int(pid_file.read_text())
            slowest = 0.0
            for _ in range(8):  # two seconds of health checks while the upload is read
                started = time.monotonic()
                assert httpx.get(f"{url}/_stcore/health", timeout=5).status_code == 200
                slowest = max(slowest, time.monotonic() - started)
                time.sleep(0.25)
            assert slowest < 1.0 and _alive(pid)
            browser.close()  # the session goes away: its work is stopped
        deadline = time.monotonic() + 8
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
