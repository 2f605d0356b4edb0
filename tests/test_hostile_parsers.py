"""Hostile input to the parsers (issue 14): every case builds its file here and asserts either the right
result or one clear line, and every time check is a ratio (k units against 8k units, or a pattern against
a linear baseline on the same input), never seconds, so a slow or busy machine does not fail them."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pdf_build import assemble

import parsers
import parsers.readers
from parsers import read_file
from parsers.errors import ParseError
from parsers.readers import docx as docx_reader

sys.path.insert(0, str(Path(__file__).parent))

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_CHUNK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _alt_chunk_docx(chunk_html: str, references: int) -> bytes:
    """A .docx whose body is `references` w:altChunk elements, all pointing at one HTML part."""
    body = "".join(f'<w:altChunk r:id="rId{n % 2}"/>' for n in range(references))
    document = f"<w:document {_W} {_R}><w:body><w:p><w:r><w:t>QUYẾT ĐỊNH</w:t></w:r></w:p>{body}</w:body></w:document>"
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId0" Type="{_CHUNK_REL}" Target="chunk.htm"/>'
        f'<Relationship Id="rId1" Type="{_CHUNK_REL}" Target="chunk.htm"/></Relationships>'
    )
    return _zip({
        "[Content_Types].xml": _CT.encode(),
        "word/document.xml": document.encode(),
        "word/_rels/document.xml.rels": rels.encode(),
        "word/chunk.htm": f"<html><body>{chunk_html}</body></html>".encode(),
    })


# --- item 1: a part referenced many times ---------------------------------------------------------------
def test_an_alt_chunk_referenced_many_times_is_read_once(tmp_path, monkeypatch):
    path = tmp_path / "chunks.docx"
    path.write_bytes(_alt_chunk_docx("<p>Điều 1. Phạm vi điều chỉnh</p>", references=3))
    reads: list[str] = []
    real = docx_reader.read_part
    monkeypatch.setattr(docx_reader, "read_part", lambda zf, name: reads.append(name) or real(zf, name))
    # Word renders the chunk at each reference: the text is there three times, the part read once.
    assert read_file(path).text.splitlines() == ["QUYẾT ĐỊNH"] + ["Điều 1. Phạm vi điều chỉnh"] * 3
    assert reads.count("word/chunk.htm") == 1


def test_alt_chunk_references_past_the_text_cap_are_one_vietnamese_line(tmp_path, monkeypatch):
    monkeypatch.setenv("VBKB_MAX_TEXT_CHARS", "100000")
    path = tmp_path / "bomb.docx"
    path.write_bytes(_alt_chunk_docx("<p>" + "Sở Tư pháp chủ trì. " * 500 + "</p>", references=1000))
    assert path.stat().st_size < 20_000  # tiny on disk, 10 MB of text if every reference were written
    with pytest.raises(ParseError) as err:
        read_file(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{path}: văn bản quá dài")
    assert "VBKB_MAX_TEXT_CHARS" in message and "w:altChunk" in message


# --- item 3: PDF work ------------------------------------------------------------------------------------
def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog), with a correct cross-reference table."""
    return assemble(objects)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _shared_stream_pdf(pages: int) -> bytes:
    """`pages` pages drawn by one content stream (object 4)."""
    text = b"BT /F1 10 Tf 40 800 Td (Dieu 1. Pham vi dieu chinh cua van ban) Tj ET"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _FONT,
        _stream(text),
    ] + [(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 3 0 R >> >> >>")] * pages
    # Each page writes out its own resources dictionary, as generators do: equal entries, one stream.
    return _pdf(objects)


def test_pages_sharing_one_content_stream_are_extracted_once(tmp_path, monkeypatch):
    from pypdf import PageObject

    path = tmp_path / "shared.pdf"
    path.write_bytes(_shared_stream_pdf(40))
    calls: list[int] = []
    real = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    lines = [line for line in read_file(path).text.splitlines() if line]
    assert lines == ["Dieu 1. Pham vi dieu chinh cua van ban"] * 40
    assert len(calls) == 1


def _form_bomb_pdf(levels: int, fan_out: int) -> bytes:
    """Form XObject k draws form k-1 `fan_out` times: a small file whose page draws fan_out**levels texts."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 5 0 R >>",
        _stream(b"/X%d Do" % levels),
    ]
    xobjects = b" ".join(b"/X%d %d 0 R" % (k, 6 + k) for k in range(levels + 1))
    objects.append(b"<< /Font << /F1 %d 0 R >> /XObject << %s >> >>" % (7 + levels, xobjects))
    form = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 5 0 R"
    objects.append(_stream(b"BT /F1 10 Tf 40 800 Td (Dieu 1. Pham vi) Tj ET", form))
    for k in range(1, levels + 1):
        objects.append(_stream(b" ".join([b"/X%d Do" % (k - 1)] * fan_out), form))
    objects.append(_FONT)
    return _pdf(objects)


def test_forms_drawing_forms_past_the_work_cap_are_one_vietnamese_line(tmp_path):
    path = tmp_path / "forms.pdf"
    path.write_bytes(_form_bomb_pdf(levels=5, fan_out=10))  # 10**5 texts drawn from a 2 KB file
    assert path.stat().st_size < 5_000
    with pytest.raises(ParseError) as err:
        read_file(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{path}: PDF quá nặng")
    assert "VBKB_MAX_PDF_FORM_DRAWS" in message


def test_forms_expanding_past_the_byte_cap_are_one_vietnamese_line(tmp_path):
    path = tmp_path / "forms.pdf"
    path.write_bytes(_form_bomb_pdf(levels=9, fan_out=10))  # 54 GB of content drawn from a 2 KB file
    with pytest.raises(ParseError, match=r"PDF quá nặng: nội dung .* \(đặt VBKB_MAX_PDF_STREAM_BYTES\)$"):
        read_file(path)


def test_a_few_forms_drawn_a_few_times_still_read(tmp_path):
    path = tmp_path / "forms.pdf"
    path.write_bytes(_form_bomb_pdf(levels=2, fan_out=2))  # four texts: well within the cap
    assert read_file(path).text.count("Dieu 1. Pham vi") == 4


# --- item 9: every pattern the parsers run on document text, on long adversarial runs -------------------
def _module_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled text pattern at module level in parsers/ (found, not listed: a new one is covered)."""
    out = {}
    for package in (parsers, parsers.readers):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    out[f"{module.__name__}.{name}"] = value
    return out


# Every space Unicode knows (U+1680 escapes the cleaner's folding), zero-width ones, and the punctuation
# legal text is made of; each repeated, behind a prefix that sets a pattern off, then an end or a stray letter.
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u200b\ufeff"
_RUNS = list(_SPACES) + list(".,:;-_|…*=~()[]/\\'\"#+–") + ["a", "1", "Đ", "a ", "1.", ". ", "- ", "| ", "ngày ", "a, ", ":-"]
_PREFIXES = ["", ", ngày", "| --- |", "Điều 1."]
_BASELINE = re.compile(r"[\s\S]\x00")  # tries every position once and fails: linear, the unit of time


def _best(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _pattern_time(pattern: re.Pattern[str], text: str) -> float:
    return _best(lambda: (pattern.search(text), pattern.match(text)))


@pytest.mark.parametrize("name", sorted(_module_patterns()))
def test_pattern_time_is_linear_on_long_runs(name):
    pattern = _module_patterns()[name]
    n = 300
    slow = []
    for prefix in _PREFIXES:
        for run in _RUNS:
            for end in ("", "x"):
                big = prefix + run * (8 * n // len(run)) + end
                budget = 60 * _best(lambda big=big: _BASELINE.search(big))  # noise floor, from a linear scan
                if _pattern_time(pattern, big) <= budget:
                    continue
                small = prefix + run * (n // len(run)) + end
                ratio = _pattern_time(pattern, big) / max(_pattern_time(pattern, small), 1e-7)
                if ratio > 24:  # 8 × the input; quadratic is 64 ×
                    slow.append((prefix, run, end, round(ratio)))
    assert slow == []


# --- item 10: silent truncation and wrong decoding ------------------------------------------------------
_VIET = "Điều 1. Ủy ban nhân dân cấp xã có trách nhiệm báo cáo.\n"


def _document_xml(text: str) -> str:
    return f'<w:document {_W}><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'


@pytest.mark.parametrize(("name", "data", "expected"), [
    # (file, bytes, expected text or the error's words)
    ("bom_utf8.txt", b"\xff\xfe" + (_VIET * 3).encode("utf-8"), "Ủy ban nhân dân cấp xã"),
    ("bom_utf8_odd.txt", b"\xff\xfe" + (_VIET + "x").encode("utf-8"), "Ủy ban nhân dân cấp xã"),
    ("real_utf16.txt", b"\xff\xfe" + (_VIET * 3).encode("utf-16-le"), "Ủy ban nhân dân cấp xã"),
    ("real_utf16be.txt", b"\xfe\xff" + (_VIET * 3).encode("utf-16-be"), "Ủy ban nhân dân cấp xã"),
    ("bom_garbage.txt", b"\xff\xfe" + b"\xff" * 101, ParseError),
])
def test_a_utf16_mark_before_other_bytes_is_read_or_refused(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    if expected is ParseError:
        with pytest.raises(ParseError):
            read_file(path)
        return
    source = read_file(path)
    assert expected in source.text
    assert ("UTF-8" in " ".join(source.warnings)) == name.startswith("bom_utf8")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_doctype_in_utf16_document_xml_is_refused(tmp_path, codec):
    dtd = '<!DOCTYPE w:document [<!ENTITY e "Điều 99. Thêm vào">]>'
    xml = f'<?xml version="1.0" encoding="{codec.upper()}"?>{dtd}' + _document_xml("QUYẾT ĐỊNH &e; Điều 1.")
    path = tmp_path / "dtd.docx"
    path.write_bytes(_zip({"[Content_Types].xml": _CT.encode(), "word/document.xml": xml.encode(codec)}))
    with pytest.raises(ParseError, match="DOCTYPE"):
        read_file(path)


@pytest.mark.parametrize(("depth", "readable"), [(40, True), (250, True), (300, False), (3000, False)])
def test_deep_html_is_read_whole_or_refused(tmp_path, depth, readable):
    body = "<div>" * depth + "Điều 1. Sâu" + "</div>" * depth + "<p>Điều 2. Sau khối lồng sâu</p>"
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    if not readable:
        with pytest.raises(ParseError, match="nested deeper"):
            read_file(path)
        return
    assert "Sau khối lồng sâu" in read_file(path).text
