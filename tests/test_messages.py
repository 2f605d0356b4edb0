"""Every message a user reads is Vietnamese (issue 11): the parsers' and the KB's errors and warnings as
the CLI, the build report and the upload page say them, argparse's complaints, and `kb check` findings,
reported once per clause. Tables of (input, expected) written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_corpus import corpus_kb

from kb.citations.checks import run_checks
from kb.citations.graph import from_db
from kb.cli import main
from kb.errors import vietnamese
from kb.store.db import open_db

TRANSLATIONS = [
    ("a.txt: empty file", "a.txt: tệp rỗng"),
    ("x.docx: corrupt .docx (not a readable zip: File is not a zip file)", ("x.docx: tệp không phải .docx hợp lệ "
                                                                           "(không giải nén được)")),
    ("not a Word document: word/document.xml missing from the .docx",
     "tệp không phải .docx hợp lệ (không có phần nội dung văn bản Word)"),
    ("b.txt: binary file, not text (NUL bytes found)", "b.txt: tệp nhị phân, không phải văn bản (có byte NUL)"),
    ("c.txt: no text to parse (the file holds no words)", "c.txt: không có nội dung để đọc (tệp không có chữ nào)"),
    ("d.pdf: scanned PDF, no text layer: run OCR first (e.g. ocrmypdf) or use the .docx",
     "d.pdf: PDF là bản quét, không có lớp chữ: hãy nhận dạng chữ (OCR, ví dụ ocrmypdf) trước hoặc dùng bản .docx"),
    ("e.pdf: encrypted PDF: it needs a password to be read", "e.pdf: PDF được mã hóa: cần mật khẩu để đọc"),
    ("f.txt: 25.0 MB is over the 20.0 MB limit", "f.txt: tệp 25.0 MB, vượt giới hạn 20.0 MB"),
    ("g.docx: not a .docx file (its content does not match its name)",
     "g.docx: không phải tệp .docx (nội dung không khớp với đuôi tên tệp)"),
    ("no knowledge base at kb.db: run `kb build` first", "chưa có kho văn bản tại kb.db: hãy chạy `kb build` trước"),
    ("no document 'nope' in the knowledge base (see `kb docs`)",
     "không có văn bản «nope» trong kho (xem danh sách bằng `kb docs`)"),
    ("no node 'art_5__para_2' in document '03/2022/QĐ-UBND'", "văn bản «03/2022/QĐ-UBND» không có khoản 2 Điều 5"),
    ("unknown target '9/2099/X': no document in the KB or the catalog has that number or id",
     "không biết văn bản «9/2099/X»: trong kho và danh mục không có văn bản nào mang số hay mã đó"),
    ("q.txt: document id 1/2020/QĐ-UBND already used; stored as 1/2020/QĐ-UBND:q",
     "q.txt: mã văn bản 1/2020/QĐ-UBND đã được dùng; lưu thành 1/2020/QĐ-UBND:q"),
    ("Word automatic numbering written out as text", "số thứ tự tự động của Word được ghi thành chữ"),
    ("3 of 10 PDF pages have no text layer (scanned?)", "3 trong 10 trang PDF không có lớp chữ (bản quét?)"),
    ("not UTF-8: decoded as Windows-1258", "không phải UTF-8: đọc theo bảng mã Windows-1258"),
    ("Truy vấn quá dài (900 ký tự, tối đa 500).", "Truy vấn quá dài (900 ký tự, tối đa 500)."),  # already Vietnamese
]


@pytest.mark.parametrize(("english", "expected"), TRANSLATIONS)
def test_messages_in_vietnamese(english: str, expected: str) -> None:
    assert vietnamese(english) == expected


@pytest.fixture(scope="module")
def db() -> str:
    report, path = corpus_kb()
    assert report.ok
    return str(path)


QC_2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
QD_03 = "03/2022/QĐ-UBND"
QC_2026 = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"

# (document, clause, cited number) → the message, each clause once however often it cites the text.
FINDINGS = [
    (QC_2022, "art_5__para_3", "59/2012/NĐ-CP",
     ("Khoản 3 Điều 5 dẫn Nghị định 59/2012/NĐ-CP, đã được thay thế bởi Nghị định 80/2025/NĐ-CP từ 01/04/2025 "
     "(4 lần)")),
    (QC_2022, "art_9__para_1__point_b", "59/2012/NĐ-CP",
     ("Điểm b khoản 1 Điều 9 dẫn Nghị định 59/2012/NĐ-CP, đã được thay thế bởi Nghị định 80/2025/NĐ-CP từ "
     "01/04/2025")),
    (QC_2022, "art_12__para_2", "83/2015/QH13",
     "Khoản 2 Điều 12 dẫn Luật 83/2015/QH13, đã được thay thế bởi Luật 89/2025/QH15 từ 01/01/2026"),
    (QD_03, None, "47/2019/QH14", "Phần mở đầu dẫn Luật 47/2019/QH14, đã hết hiệu lực từ 01/03/2025"),
    (QC_2026, None, "03/2022/QĐ-UBND",
     ("Cùng loại, cùng cơ quan ban hành và gần trùng tên với Quy chế ban hành kèm theo Quyết định "
     "03/2022/QĐ-UBND ngày 13/01/2022 ban hành trước, nhưng không nêu việc thay thế văn bản đó")),
]


@pytest.fixture(scope="module")
def findings(db: str) -> list:
    return run_checks(from_db(open_db(db)))


@pytest.mark.parametrize(("doc_id", "eid", "target", "expected"), FINDINGS)
def test_check_findings_are_sentences(findings: list, doc_id: str, eid: str | None, target: str,
                                      expected: str) -> None:
    mine = [f.message for f in findings if (f.doc_id, f.source_eid, f.target) == (doc_id, eid, target)]
    assert mine == [expected]


def test_check_reports_once_per_clause(findings: list) -> None:
    keys = [(f.kind, f.doc_id, f.source_eid, f.target) for f in findings]
    assert len(keys) == len(set(keys))


# (argv, the one line on stderr); {db} is the corpus KB, {tmp} a fresh folder.
CLI_ERRORS = [
    (["docs", "--db", "{tmp}/missing.db"], "kb: lỗi: chưa có kho văn bản tại {tmp}/missing.db: hãy chạy `kb build` trước"),
    (["parse", "{tmp}/empty.txt"], "kb: lỗi: {tmp}/empty.txt: tệp rỗng"),
    (["parse", "{tmp}"], "kb: lỗi: {tmp}: là một thư mục, không phải tệp"),
    (["duties", "--actor", "xã", "--db", "{db}", "--doc", "nope"],
     "kb: lỗi: không có văn bản «nope» trong kho (xem danh sách bằng `kb docs`)"),
    (["matrix", "--db", "{db}", "--out", "{tmp}/m.pdf"], ("kb: lỗi: không xuất được ra m.pdf: hãy dùng tệp .xlsx, "
                                                         ".csv hoặc .docx")),
    (["cited-by", "999/2099/NĐ-CP", "--db", "{db}"],
     "kb: lỗi: không biết văn bản «999/2099/NĐ-CP»: trong kho và danh mục không có văn bản nào mang số hay mã đó"),
]


@pytest.mark.parametrize(("argv", "expected"), CLI_ERRORS)
def test_cli_errors(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                    expected: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    argv = [a.replace("{db}", db).replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 2
    assert capsys.readouterr().err == expected.replace("{tmp}", str(tmp_path)) + "\n"


# argparse's complaints: (argv, the last line on stderr).
USAGE_ERRORS = [
    (["diff"], "kb diff: lỗi: thiếu tham số bắt buộc: OLD, NEW"),
    (["duties", "--actor", "xã", "--role", "boss"],
     ("kb duties: lỗi: tham số --role: không có vai trò «boss»: chọn một trong Chủ trì, Phối hợp, Tham mưu, Thực hiện, "
     "Ban hành, Báo cáo, Chỉ đạo, Đề nghị")),
    (["graph", "--format", "png", "--out", "g.png"],
     "kb graph: lỗi: tham số --format: không có lựa chọn 'png' (chọn một trong 'graphml', 'gexf', 'json', 'dot')"),
    (["docs", "--bogus"], "kb: lỗi: không hiểu tham số: --bogus"),
]


@pytest.mark.parametrize(("argv", "expected"), USAGE_ERRORS)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == expected


ROLES_TYPED = [("bao_cao", "Báo cáo"), ("báo cáo", "Báo cáo"), ("bao cao", "Báo cáo"), ("Phối hợp", "Phối hợp")]


@pytest.mark.parametrize(("typed", "shown"), ROLES_TYPED)
def test_role_as_typed(db: str, capsys: pytest.CaptureFixture[str], typed: str, shown: str) -> None:
    assert main(["duties", "--actor", "sở tư pháp", "--role", typed, "--db", db]) == 0
    roles = {line.strip() for line in capsys.readouterr().out.splitlines() if line.startswith("  ") and
             line.endswith(":") and not line.startswith("    ")}
    assert roles == {f"{shown}:"}


def test_build_summary_in_vietnamese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "rong.txt").write_bytes(b"")
    assert main(["build", str(tmp_path / "docs"), "--db", str(tmp_path / "kb.db")]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith("1 tệp: 0 đọc mới, 0 không đổi, 0 đã bỏ khỏi kho, 1 lỗi; 0 văn bản")
    assert captured.err == f"kb: lỗi: {tmp_path / 'docs' / 'rong.txt'}: tệp rỗng\n"


def test_role_names_in_errors_are_the_labels() -> None:
    from kb.labels import ROLE

    assert vietnamese("unknown role 'boss': one of chu_tri, phoi_hop") == (
        "không có vai trò «boss»: chọn một trong " + ", ".join(ROLE.values()))


# What the upload page says of a bad file (after "Không đọc được tệp: "): (name, bytes, message).
UPLOADS = [
    ("hong.docx", b"PK\x03\x04 this is not a real docx", "hong.docx: tệp không phải .docx hợp lệ (không giải nén được)"),
    ("trong.txt", b"   \n", "trong.txt: tệp không có chữ nào"),
    ("rong.txt", b"", "rong.txt: tệp rỗng"),
    ("a.pdf", b"%PDF-1.4 garbage", "a.pdf: tệp PDF hỏng, không đọc được"),
    ("x.exe", b"MZ", "x.exe: định dạng không hỗ trợ (chỉ nhận .txt, .md, .docx, .html, .htm, .pdf)"),
]


@pytest.mark.parametrize(("name", "data", "expected"), UPLOADS)
def test_upload_errors(name: str, data: bytes, expected: str) -> None:
    from kb import intake
    from kb.errors import KbError
    from parsers.errors import ParseError

    with pytest.raises((ParseError, KbError)) as error:
        intake.preview(name, data)
    assert vietnamese(str(error.value)) == expected
