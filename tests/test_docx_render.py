"""The Bảng so sánh as a reader sees it (issue 11): rendered by LibreOffice headless (installed with apt when
missing, as the browser tests install Chromium), its pages read back with poppler: the comparison table's
header row at the top of every page it runs onto, "Trang i/n" at the foot of every page, A4 landscape.
Page 2 is written to tests/artifacts/ as a PNG to be looked at."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kb.diff.align import diff_refs
from kb.diff.export_docx import write_docx

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "corpus" / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
NEW = ROOT / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
ARTIFACTS = Path(__file__).parent / "artifacts"
HEADER = ("STT", "Quy định hiện hành", "Dự thảo", "Thuyết minh")


def _apt(*packages: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=env, capture_output=True)
    subprocess.run(["apt-get", "install", "-y", *packages], check=True, env=env, capture_output=True)


@pytest.fixture(scope="module")
def tools() -> None:
    wanted = {"soffice": "libreoffice-writer", "pdftotext": "poppler-utils", "pdftoppm": "poppler-utils"}
    missing = sorted({pkg for tool, pkg in wanted.items() if shutil.which(tool) is None})
    if not Path("/usr/share/fonts/truetype/liberation").exists():
        missing.append("fonts-liberation")  # metric-compatible with Times New Roman
    if missing:
        _apt(*missing)
    assert all(shutil.which(t) for t in wanted), "LibreOffice or poppler could not be installed with apt"


@pytest.fixture(scope="module")
def pdf(tools: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bang-so-sanh")
    docx = write_docx(diff_refs(str(OLD), str(NEW)), folder / "bang-so-sanh.docx")
    profile = folder / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=300)
    return folder / "bang-so-sanh.pdf"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")[:-1]


def test_header_row_and_page_number_on_every_page(pdf: Path) -> None:
    pages = _pages(pdf)
    n = len(pages)
    assert n >= 3
    for i, page in enumerate(pages, start=1):
        assert f"Trang {i}/{n}" in page
    start = next(i for i, p in enumerate(pages) if "II. BẢNG SO SÁNH, THUYẾT MINH CHI TIẾT" in p)
    for page in pages[start + 1:]:
        first = next(line for line in page.splitlines() if line.strip())
        assert [w for w in HEADER if w in first] == list(HEADER), first
    assert "BẢNG SO SÁNH, THUYẾT MINH DỰ THẢO QUY CHẾ" in pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]


def _words(line: str) -> list[str]:
    return line.split()


def test_page_two_repeats_the_header_row_and_is_numbered(pdf: Path) -> None:
    """A long comparison runs onto a second page, and that page is readable alone: the column titles at its
    top (the header row Word and LibreOffice repeat, w:tblHeader) and its page number in the footer."""
    pages = _pages(pdf)
    assert len(pages) >= 2
    lines = [line for line in pages[1].splitlines() if line.strip()]
    header = [line for line in lines if all(w in line for w in HEADER)]
    assert header, lines[:5]
    assert _words(header[0])[:2] == ["STT", "Quy"]  # STT first, then the columns in order
    assert header[0].index("Quy định hiện hành") < header[0].index("Dự thảo") < header[0].index("Thuyết minh")
    assert lines[-1].strip() == f"Trang 2/{len(pages)}"


def test_a4_landscape_and_page_two_as_an_image(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(x) for x in size.split()[2:5:2])
    assert (round(width), round(height)) == (842, 595)  # points: A4 landscape
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "60", "-png", "-singlefile", str(pdf),
                    str(ARTIFACTS / "bang-so-sanh-trang-2")], check=True, capture_output=True)
    assert (ARTIFACTS / "bang-so-sanh-trang-2.png").stat().st_size > 10_000
