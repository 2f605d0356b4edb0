"""Bad and hostile input: every case is a ParseError with one line, and `kb parse` exits 2 without a
traceback. Each file is built here, in a temporary folder."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter

from parsers import read_file
from parsers.errors import ParseError
from parsers.readers.read import read_bytes

sys.path.insert(0, str(Path(__file__).parent))
from pdf_build import make_pdf

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / ".venv" / "bin" / "kb"
_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _docx_xml(document_xml: str) -> bytes:
    return _zip({"[Content_Types].xml": _CT.encode(), "word/document.xml": document_xml.encode()})


def _lying_directory(declared: int) -> bytes:
    """A small, valid .docx whose zip directory claims `declared` inflated bytes for document.xml."""
    raw = bytearray(
        _docx_xml(f"<w:document {_W}><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")
    )
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", raw, at + 24, declared)  # uncompressed size in the central directory
        at = raw.find(b"PK\x01\x02", at + 4)
    return bytes(raw)


def _xxe_docx() -> bytes:
    doc = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_xml(doc)


def _laughs_docx() -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{lol}]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_xml(doc)


def _empty_docx() -> bytes:
    buf = io.BytesIO()
    python_docx.Document().save(buf)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf([["Điều 1. Phạm vi điều chỉnh của văn bản"]])))
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# (file name, bytes or a builder, words the one-line message must contain)
BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b" \n\t\n  \n", "no text"),
    ("binary.txt", bytes(range(256)) * 8, "binary file"),
    ("garbage.txt", b"\x81\x8d\x8f\x90\x9d\xff\xfe\xfd" * 50, "undecodable bytes"),
    (
        "noise.txt",
        "Điều 1. Phạm vi".encode() + b" \xc3\x28\xa0\xa1 \x83\x84\x85\x86\x87\x88 \x89\x8b\x8c",
        "undecodable",
    ),
    ("not-a-zip.docx", b"PK\x03\x04 this is not really a zip archive at all", "corrupt .docx"),
    ("pdf-named.docx", b"%PDF-1.4 but truncated", "corrupt PDF"),
    ("text-named.docx", "Điều 1. Phạm vi".encode(), "not a docx file"),
    ("no-document.docx", lambda: _zip({"[Content_Types].xml": _CT.encode()}), "no word/document.xml"),
    ("broken-xml.docx", lambda: _docx_xml(f"<w:document {_W}><w:body><w:p>"), "corrupt XML"),
    ("bomb-ratio.docx", lambda: _zip({"word/document.xml": b"\0" * (40 * 1024 * 1024)}), "zip bomb"),
    ("bomb-directory.docx", lambda: _lying_directory(3 * 1024**3), "zip bomb"),
    ("many-entries.docx", lambda: _zip({f"word/media/{i}.xml": b"x" for i in range(2500)}), "zip entries"),
    ("xxe.docx", _xxe_docx, "DOCTYPE"),
    ("laughs.docx", _laughs_docx, "DOCTYPE"),
    ("empty-body.docx", _empty_docx, "no text"),
    ("scan.pdf", lambda: make_pdf([None, None, None]), "scanned PDF, no text layer"),
    (
        "corrupt.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 9 0 R >>\n%%EOF",
        "PDF",
    ),
    ("locked.pdf", _encrypted_pdf, "encrypted PDF"),
    (
        "scripts-only.html",
        b"<html><body><script>alert('Dieu 1')</script><style>p{}</style></body></html>",
        "no text",
    ),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024, "LibreOffice"),
]


def _materialise(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    path.write_bytes(content() if callable(content) else content)
    return path


@pytest.fixture(autouse=True)
def _no_libreoffice(monkeypatch):
    """The .doc case must not depend on whether this machine has LibreOffice."""
    monkeypatch.setenv("VBKB_SOFFICE", "/nonexistent/soffice")


@pytest.mark.parametrize("name,content,words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_one_clear_parse_error(tmp_path, name, content, words):
    path = _materialise(tmp_path, name, content)
    with pytest.raises(ParseError) as info:
        read_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")  # the user learns which file, even in a folder build
    assert words in message
    assert "root:" not in message


@pytest.mark.parametrize("case", ["missing", "directory"])
def test_missing_file_and_directory(tmp_path, case):
    path = tmp_path / "nothing-here.txt"
    if case == "directory":
        path.mkdir()
    with pytest.raises(ParseError, match="no such file" if case == "missing" else "is a directory"):
        read_file(path)


def test_size_cap_is_a_setting(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes("Điều 1. Phạm vi điều chỉnh\n".encode() * 100)
    assert read_file(path).text.startswith("Điều 1.")
    monkeypatch.setenv("VBKB_MAX_FILE_BYTES", "1000")
    with pytest.raises(ParseError, match="over the 1000 bytes limit .*VBKB_MAX_FILE_BYTES"):
        read_file(path)


def test_inflate_cap_holds_even_when_the_directory_is_honest_but_big(tmp_path, monkeypatch):
    text = "<w:p><w:r><w:t>Điều 1. Phạm vi điều chỉnh</w:t></w:r></w:p>" * 2000
    path = tmp_path / "long.docx"
    path.write_bytes(_docx_xml(f"<w:document {_W}><w:body>{text}</w:body></w:document>"))
    assert read_file(path).text.count("Điều 1.") == 2000
    monkeypatch.setenv("VBKB_MAX_XML_BYTES", "10000")
    with pytest.raises(ParseError, match="inflates past"):
        read_file(path)


def test_html_external_entity_is_not_resolved(tmp_path):
    page = (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>Điều 1. Phạm vi &xxe; điều chỉnh</p></body></html>"
    )
    path = _materialise(tmp_path, "xxe.html", page.encode())
    text = read_file(path).text
    assert "root:" not in text and "Điều 1. Phạm vi" in text


# --- through the command line ---------------------------------------------------------------------
CLI_CASES = [
    b
    for b in BAD_FILES
    if b[0]
    in (
        "empty.txt",
        "binary.txt",
        "garbage.txt",
        "bomb-ratio.docx",
        "xxe.docx",
        "scan.pdf",
        "locked.pdf",
        "old.doc",
    )
]


@pytest.mark.skipif(not KB.exists(), reason="the kb console script is installed by `make test`")
@pytest.mark.parametrize(
    "name,content,words",
    CLI_CASES + [("missing.txt", None, "no such file"), ("folder", "dir", "is a directory")],
    ids=[c[0] for c in CLI_CASES] + ["missing", "directory"],
)
def test_kb_parse_exits_2_with_one_line(tmp_path, name, content, words):
    if content == "dir":
        (tmp_path / name).mkdir()
        path = tmp_path / name
    elif content is None:
        path = tmp_path / name
    else:
        path = _materialise(tmp_path, name, content)
    env = dict(os.environ, VBKB_SOFFICE="/nonexistent/soffice")
    proc = subprocess.run(
        [str(KB), "parse", str(path)], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    # the command line tells a user in Vietnamese what the reader says in English
    assert len(lines) == 1 and CLI_WORDS.get(words, words) in lines[0]
    assert "root:" not in proc.stdout + proc.stderr


CLI_WORDS = {  # what the reader says in English, as the command line says it
    "binary file": "tệp nhị phân",
    "empty file": "tệp rỗng",
    "undecodable bytes": "có byte không giải mã được",
    "scanned PDF, no text layer": "PDF là bản quét, không có lớp chữ",
    "encrypted PDF": "PDF được mã hóa",
    "no such file": "không có tệp này",
    "is a directory": "là một thư mục, không phải tệp",
}


# --- fuzzing: whatever the bytes, a reader returns text or raises ParseError, nothing else ------------
_SEED_DOCX = _docx_xml(
    f"<w:document {_W}><w:body><w:p><w:r><w:t>Điều 1. Phạm vi điều chỉnh</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
)
_SEED_PDF = make_pdf([["Điều 1. Phạm vi điều chỉnh của văn bản"]])


def _read_or_parse_error(raw: bytes, name: str) -> None:
    try:
        source = read_bytes(raw, name)
    except ParseError as exc:
        assert "\n" not in str(exc)
    else:
        assert source.text.strip()


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    raw=st.binary(min_size=1, max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf"])
)
def test_random_bytes_never_crash_a_reader(raw, suffix):
    _read_or_parse_error(raw, "fuzz" + suffix)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    seed=st.sampled_from([_SEED_DOCX, _SEED_PDF]),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_corrupted_docx_and_pdf_never_crash(seed, edits):
    raw = bytearray(seed)
    for at, value in edits:
        raw[at % len(raw)] = value
    _read_or_parse_error(bytes(raw), "fuzz.docx" if seed is _SEED_DOCX else "fuzz.pdf")


def test_rtf_and_odt_get_a_way_forward(tmp_path):
    rtf = _materialise(tmp_path, "quyet-dinh.txt", rb"{\rtf1\ansi Dieu 1. Pham vi}")
    with pytest.raises(ParseError, match="RTF file needs LibreOffice.*--convert-to docx"):
        read_file(rtf)
    odt = _materialise(
        tmp_path,
        "van-ban.odt",
        _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.text",
                "content.xml": b"<office:document-content/>",
            },
            zipfile.ZIP_STORED,
        ),
    )
    with pytest.raises(ParseError, match=r"OpenDocument \(.odt\).*save it as .docx"):
        read_file(odt)


def test_a_file_name_with_a_line_break_still_gives_one_line(tmp_path):
    path = _materialise(tmp_path, "bad\nname.txt", b"")
    with pytest.raises(ParseError) as info:
        read_file(path)
    assert "\n" not in str(info.value) and "empty file" in str(info.value)


def test_uploaded_bytes_are_capped_too(monkeypatch):
    monkeypatch.setenv("VBKB_MAX_FILE_BYTES", "100")
    with pytest.raises(ParseError, match="over the 100 bytes limit"):
        read_bytes(b"x" * 101, "upload.txt")
