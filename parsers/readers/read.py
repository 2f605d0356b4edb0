"""A file on disk → its decoded text and format, for the structure parser.

The format comes from the file's first bytes when they are unambiguous (a zip, a PDF, an OLE2 Word
file, an HTML page) and from its suffix otherwise, so a .docx renamed .txt is still read as Word. Every
failure is a `ParseError` with one line a user can act on; caps come from `parsers.limits`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from parsers.errors import ParseError
from parsers.readers import limits
from parsers.readers.source import SourceText

_SUFFIX_FORMAT = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mht": "html",
    ".mhtml": "html",
    ".pdf": "pdf",
    ".doc": "doc",
    ".rtf": "doc",
}
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)


def read_file(path: str | Path) -> SourceText:
    """Read and decode one file; ParseError (one line) for anything that is not a readable document."""
    p = Path(path)
    return _one_line_errors(lambda: _decode(_read_bytes(p), p), str(p))


def read_bytes(raw: bytes, name: str = "<bytes>") -> SourceText:
    """As `read_file` for bytes already in memory (an upload); `name`'s suffix hints the format."""
    cap = limits.current().max_file_bytes
    if len(raw) > cap:
        raise ParseError(f"{name}: {limits.human(len(raw))} is over the {limits.human(cap)} limit")
    if not raw:
        raise ParseError(f"{name}: empty file")
    return _one_line_errors(lambda: _decode(raw, Path(name)), name)


def _decode(raw: bytes, p: Path) -> SourceText:
    source = _reader(sniff_format(raw, p))(raw, p)
    text = source.text
    cap = limits.current().max_text_chars
    if len(text) > cap:  # whatever the format, the stages after this one see at most `cap` characters
        raise ParseError(limits.text_too_long(str(p), len(text), cap, f"tệp {source.format}"))
    if not unicodedata.is_normalized("NFC", text):  # the quick check: almost every file already is
        text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ParseError(f"{p}: no text in the file")
    return SourceText(text, source.format, source.warnings)


def _one_line_errors(read: Callable[[], SourceText], name: str) -> SourceText:
    """Every message names the file, and is one line even when a file name or a library's message
    holds line breaks."""
    try:
        return read()
    except ParseError as exc:
        message = str(exc) if str(exc).startswith(f"{name}: ") else f"{name}: {exc}"
        raise ParseError(" ".join(message.split())) from None


def _read_bytes(p: Path) -> bytes:
    cap = limits.current().max_file_bytes
    try:
        if p.is_dir():
            raise ParseError(f"{p}: is a directory, not a file")
        if not p.exists():
            raise ParseError(f"{p}: no such file")
        if not p.is_file():
            raise ParseError(f"{p}: not a regular file")
        size = p.stat().st_size
        if size > cap:
            raise ParseError(
                f"{p}: file is {limits.human(size)}, over the {limits.human(cap)} limit "
                f"(set {limits.env_name('max_file_bytes')} to raise it)"
            )
        with p.open("rb") as fh:
            raw = fh.read(cap + 1)
    except PermissionError:
        raise ParseError(f"{p}: permission denied") from None
    except OSError as exc:
        raise ParseError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > cap:
        raise ParseError(f"{p}: file is over the {limits.human(cap)} limit")
    if not raw:
        raise ParseError(f"{p}: empty file")
    return raw


def sniff_format(raw: bytes, p: Path) -> str:
    """The format the bytes are, whatever the name says; the suffix decides between text formats."""
    by_suffix = _SUFFIX_FORMAT.get(p.suffix.lower())
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if raw.startswith(b"%PDF-") or raw[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if html_page(raw) and by_suffix in (None, "html", "doc"):
        return "html"  # portals often serve an HTML page named .doc
    if raw.startswith(b"{\\rtf"):
        return "doc"  # RTF, whatever its name: LibreOffice converts it like a .doc
    if by_suffix in ("docx", "pdf", "doc"):
        raise ParseError(f"{p}: not a {by_suffix} file (its content does not match its name)")
    if by_suffix == "html":
        return "html"
    return by_suffix or "txt"


def html_page(raw: bytes) -> bool:
    """An HTML page or a saved web archive (.mht) by its first bytes."""
    head = raw[:4096]
    return bool(_HTML_START.match(head)) or (
        head.lstrip().lower().startswith((b"mime-version:", b"from:")) and b"multipart" in head.lower()
    )


def _reader(fmt: str) -> Callable[[bytes, Path], SourceText]:
    """The reader of a format; each is imported when first needed (pypdf, lxml are slow to load)."""
    if fmt in ("txt", "md"):
        from parsers.readers.encodings import read
    elif fmt == "docx":
        from parsers.readers.docx import read
    elif fmt == "html":
        from parsers.readers.html import read
    elif fmt == "pdf":
        from parsers.readers.pdf import read
    else:
        from parsers.readers.doc import read
    return read
