"""Nothing internal reaches a user (issue 11): every export format and the text output of every CLI command,
on a KB built from corpus/, is scanned for role codes, actor ids and other snake_case, eids, file slugs
and ISO dates; the headers of the exports are written out by hand. Only JSON keeps codes and ISO dates,
and the XLSX keeps one machine column, the stable id of each clause, at the far right."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from kb_corpus import CORPUS, corpus_kb
from openpyxl import load_workbook

from kb.cli import main

OLD = CORPUS / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
NEW = CORPUS / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
DRAFT_ID = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
ID_COLUMN = "Mã điều khoản (dùng để đối chiếu)"

# What must not be read by a user, each with a name for the failure message.
INTERNAL = [
    ("snake_case code", re.compile(r"\b[a-z0-9]+_[a-z0-9_.]+\b")),
    ("ISO date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("yearly ISO date", re.compile(r"--\d{2}-\d{2}\b")),
    ("quarter code", re.compile(r"\b\d{4}-Q[1-4]\b")),
    ("file slug", re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+){3,}\b")),
    ("status code", re.compile(r"\b(?:unchanged|editorial|modified|renumbered|moved|split|merged|added|removed)\b")),
]

# The scanner itself, on hand-written strings: (text, the name of what it must find, or None).
SCANNER = [
    ("Báo cáo [bao_cao]", "snake_case code"),
    ("ubnd_cap_xa", "snake_case code"),
    ("art_5__para_2", "snake_case code"),
    ("từ 2022-01-13", "ISO date"),
    ("hạn --12-18", "yearly ISO date"),
    ("2025-Q3", "quarter code"),
    ("cao-bang-2026-du-thao-quy-che", "file slug"),
    ("Điều 1 → Điều 2 split", "status code"),
    ("khoản 2 Điều 5, trước ngày 18/12 hằng năm, Quý III/2025", None),
    ("Nghị định 80/2025/NĐ-CP, 06-CT/TU, 4147/UBND-NC, 13/01/2022", None),
]


def internal(text: str) -> list[tuple[str, str]]:
    return [(name, m.group(0)) for name, pattern in INTERNAL for m in pattern.finditer(text)]


@pytest.mark.parametrize(("text", "expected"), SCANNER)
def test_the_scanner(text: str, expected: str | None) -> None:
    found = {name for name, _ in internal(text)}
    assert found == ({expected} if expected else set())


@pytest.fixture(scope="module")
def db() -> str:
    report, path = corpus_kb()
    assert report.ok
    return str(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0, argv
    captured = capsys.readouterr()
    return captured.out + captured.err


# Every command with text output (not --json), with what its output must hold.
COMMANDS = [
    (["parse", str(OLD)], "Nơi, ngày: Cao Bằng, 13/01/2022"),
    (["docs"], "Quy chế (dự thảo) — Phối hợp trong công tác tổ chức thi hành"),
    (["search", "so tu phap", "--limit", "50"], "«Sở Tư pháp»"),
    (["search", "UBND cap xa bao cao", "--type", "Quy chế"], "«Ủy ban nhân dân cấp xã»"),
    (["refs", "03/2022/QĐ-UBND"], "phần mở đầu\tCăn cứ\t59/2012/NĐ-CP"),
    (["refs", DRAFT_ID], "Mẫu số 01 tại Phụ lục 80/2025/NĐ-CP"),
    (["refs", str(NEW)], "Dẫn chiếu"),
    (["cited-by", "80/2025/NĐ-CP"], "Quy chế (dự thảo) — Phối hợp"),
    (["check"], "Khoản 3 Điều 5 dẫn Nghị định 59/2012/NĐ-CP"),
    (["versions"], "Quy chế ngày 13/01/2022 — Phối hợp"),
    (["duties", "--actor", "xã"], "Chủ thể: "),
    (["duties", "--actor", "so tu phap", "--role", "bao_cao"], "  Báo cáo:"),
    (["duties", "--actor", "UBND xã", str(NEW)], "Điều 12.1.a — hạn: trước ngày 18 tháng 12"),
    (["duties", "--actor", "xã", "--csv"], "Văn bản,Điều khoản,Chủ thể,Vai trò,Thời hạn"),
    (["diff", str(OLD), str(NEW)], "Tách Điều 1 thành Điều 1 và Điều 2"),
    (["diff", str(OLD), str(NEW), "--md"], "Thời hạn thay đổi"),
]
WITH_DB = {"docs", "search", "cited-by", "check", "versions"}


def _exempt_ids(command: str, text: str) -> str:
    """`kb docs` ends each line with the id the other commands take ("mã: ..."): the one machine field."""
    if command == "docs":
        return "\n".join(line.rsplit("\tmã: ", 1)[0] for line in text.splitlines())
    return text


@pytest.mark.parametrize(("argv", "expected"), COMMANDS, ids=lambda v: " ".join(v[:2]) if isinstance(v, list) else "")
def test_cli_text_output_has_no_internal_names(db: str, argv: list[str], expected: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    uses_db = argv[0] in WITH_DB or (argv[0] in ("refs", "duties") and not any(a.startswith("/") for a in argv))
    text = run(argv + (["--db", db] if uses_db else []), capsys)
    assert expected in text
    assert internal(_exempt_ids(argv[0], text)) == []


def test_cli_file_commands_say_what_they_wrote(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, expected in [
        (["matrix", "--db", db, "--out", str(tmp_path / "m.xlsx")], "điều khoản ×"),
        (["graph", "--format", "json", "--db", db, "--out", str(tmp_path / "g.json")], "nút,"),
        (["diff", str(OLD), str(NEW), "--html", str(tmp_path / "d.html")], "d.html"),
        (["diff", str(OLD), str(NEW), "--docx", str(tmp_path / "d.docx")], "d.docx"),
    ]:
        text = run(argv, capsys).replace(str(tmp_path), "")
        assert expected in text
        assert internal(text) == []


# --- the exports -------------------------------------------------------------------------------------
MATRIX_FIXED = ["Văn bản", "Điều khoản", "Nội dung"]
DUTY_SHEET = ["Văn bản", "Điều khoản", "Chủ thể", "Vai trò", "Thời hạn", "Gửi về", "Điều kiện", "Sản phẩm",
              "Việc phải làm", "Nguồn dự thảo", ID_COLUMN]
DUTY_CSV = ["Văn bản", "Điều khoản", "Chủ thể", "Vai trò", "Thời hạn", "Gửi về", "Điều kiện", "Sản phẩm",
            "Việc phải làm"]


def _cells(rows: list[list[object]]) -> str:
    return "\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)


def test_matrix_xlsx(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["matrix", "--db", db, "--out", str(tmp_path / "m.xlsx")], capsys)
    wb = load_workbook(tmp_path / "m.xlsx")
    assert wb.sheetnames == ["Ma trận", "Nhiệm vụ"]
    matrix = [[c.value for c in row] for row in wb["Ma trận"].iter_rows()]
    assert matrix[0][:3] == MATRIX_FIXED and matrix[0][-1] == ID_COLUMN
    assert "Ủy ban nhân dân cấp xã" in matrix[0]
    duties = [[c.value for c in row] for row in wb["Nhiệm vụ"].iter_rows()]
    assert duties[0] == DUTY_SHEET
    for sheet in (matrix, duties):
        assert internal(_cells([row[:-1] for row in sheet])) == []  # all but the id column
    assert any(row[-2:] == ["Dự thảo", f"{DRAFT_ID}#art_12__para_1__point_a"] for row in matrix)
    docs = {row[0] for row in matrix[1:]}
    assert "Quy chế (dự thảo) — Phối hợp trong công tác tổ chức thi hành văn bản quy phạm pháp luật trên địa bàn " \
           "tỉnh Cao Bằng" in docs


def test_matrix_csv_and_docx(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["matrix", "--db", db, "--out", str(tmp_path / "m.csv")], capsys)
    rows = list(csv.reader(io.StringIO((tmp_path / "m.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == MATRIX_FIXED and ID_COLUMN not in rows[0]
    assert internal(_cells(rows)) == []
    run(["matrix", "--db", db, "--out", str(tmp_path / "m.docx")], capsys)
    (table,) = DocxDocument(str(tmp_path / "m.docx")).tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0][:3] == MATRIX_FIXED
    assert internal(_cells(cells)) == []


def test_duties_csv(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = run(["duties", "--actor", "sở ban ngành", "--db", db, "--csv"], capsys)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == DUTY_CSV and len(rows) > 10
    assert internal(text) == []


def _visible(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_comparison_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["diff", str(OLD), str(NEW), "--html", str(tmp_path / "d.html")], capsys)
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "Thời hạn thay đổi" in _visible(page)
    assert internal(_visible(page)) == []
    run(["diff", str(OLD), str(NEW), "--docx", str(tmp_path / "d.docx")], capsys)
    doc = DocxDocument(str(tmp_path / "d.docx"))
    text = "\n".join([p.text for p in doc.paragraphs]
                     + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    assert "Quy định hiện hành" in text and "Dự thảo" in text
    assert internal(text) == []
