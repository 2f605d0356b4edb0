"""`kb consolidate --html` and `--docx`: the văn bản hợp nhất of Luật 80/2015/QH13 with Luật 63/2020/QH14 as a web
page and a Word file, each changed unit with the official note (expected notes written from the amending law's
text), and document text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document as read_docx

from kb.amend.apply import consolidate
from kb.amend.export import to_html
from kb.cli import main
from parsers import parse_text

LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "laws"
BASE = LAWS / "Luật-80-2015-QH13.docx"
AMENDING = LAWS / "Luật-63-2020-QH14.docx"
has_laws = pytest.mark.skipif(not (BASE.is_file() and AMENDING.is_file()), reason="../shared/laws is absent")
WHEN = "có hiệu lực kể từ ngày 01 tháng 01 năm 2021."
# (the unit as printed, the note it carries)
NOTES = [
    ("Điều 12. Sửa đổi, bổ sung, thay thế, bãi bỏ hoặc đình chỉ việc thi hành văn bản quy phạm pháp luật",
     f"Điều này được sửa đổi, bổ sung theo quy định tại khoản 3 Điều 1 của Luật số 63/2020/QH14, {WHEN}"),
    ("Điều 68a.", f"Điều này được bổ sung theo quy định tại khoản 16 Điều 1 của Luật số 63/2020/QH14, {WHEN}"),
    ("8a. Thông tư liên tịch giữa Chánh án Tòa án nhân dân tối cao",
     f"Khoản này được bổ sung theo quy định tại điểm b khoản 1 Điều 1 của Luật số 63/2020/QH14, {WHEN}"),
]


@has_laws
def test_html_marks_each_changed_unit_with_its_official_note(capsys) -> None:
    assert main(["consolidate", str(BASE), str(AMENDING), "--html"]) == 0
    page = capsys.readouterr().out
    notes = dict(re.findall(r'<li id="fn-(\d+)">(.*?) <a href', page))
    for unit, note in NOTES:
        i = re.search(re.escape(unit) + r'.*?<sup><a href="#fn-(\d+)"', page)
        assert i is not None, unit
        assert notes[i.group(1)] == note
    assert page.count('<li id="fn-') == 90  # one note per operation applied, as --md prints


@has_laws
def test_docx_holds_the_same_text_and_notes(tmp_path: Path, capsys) -> None:
    out = tmp_path / "hop-nhat.docx"
    assert main(["consolidate", str(BASE), str(AMENDING), "--docx", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    paragraphs = [p.text for p in read_docx(str(out)).paragraphs]
    assert paragraphs[0].startswith("Luật 80/2015/QH13")
    for unit, note in NOTES:
        line = next(p for p in paragraphs if p.startswith(unit))
        i = re.search(r"\[(\d+)\]$", line)
        assert i is not None, line
        assert f"[{i.group(1)}] {note}" in paragraphs
    assert paragraphs[0].endswith("(văn bản hợp nhất)")


@pytest.mark.parametrize(("words", "escaped"), [
    ("Ghi <script>alert(1)</script> vào sổ.", "Ghi &lt;script&gt;alert(1)&lt;/script&gt; vào sổ."),
    ('Mẫu "A & B" theo quy định.', "Mẫu &quot;A &amp; B&quot; theo quy định."),
])
def test_html_escapes_the_documents_words(words: str, escaped: str) -> None:
    base = parse_text(f"QUYẾT ĐỊNH\n\nĐiều 1. Phạm vi\n\n1. {words}\n", "qd.txt").documents[0]
    page = to_html(consolidate(base, [], None))
    assert f"<p>1. {escaped}</p>" in page
    assert "<script>" not in page
