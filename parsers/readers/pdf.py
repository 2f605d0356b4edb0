"""A PDF with a text layer → its text, page after page (pypdf).

A PDF without one (a scan) cannot be read without OCR, and an encrypted one without its password: both
are refused with a line saying so, as is a file pypdf cannot parse.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError

from parsers.errors import ParseError
from parsers.readers import limits
from parsers.readers.encodings import legacy_glyphs
from parsers.readers.source import SourceText

# A page with fewer visible characters than this holds at most a page number or a stamp.
_MIN_PAGE_CHARS = 20


def read(raw: bytes, path: Path) -> SourceText:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy PDFs are not ours
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        _unlock(reader, path)
        pages = _page_texts(reader, path)
    except ParseError:
        raise
    except FileNotDecryptedError:
        raise ParseError(f"{path}: encrypted PDF: it needs a password to be read") from None
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        ZeroDivisionError,
        AssertionError,
    ) as exc:
        raise ParseError(f"{path}: corrupt PDF ({type(exc).__name__}: {_one_line(exc)})") from None
    with_text = [t for t in pages if len("".join(t.split())) >= _MIN_PAGE_CHARS]
    if not with_text:
        raise ParseError(
            f"{path}: scanned PDF, no text layer: run OCR first (e.g. ocrmypdf) or use the .docx"
        )
    warnings = []
    if len(with_text) < len(pages):
        warnings.append(
            f"{len(pages) - len(with_text)} of {len(pages)} PDF pages have no text layer (scanned?)"
        )
    # A blank line between pages: the structure parser rejoins sentences broken across them.
    text = "\n\n".join(t.strip("\n") for t in pages) + "\n"
    legacy = legacy_glyphs(text)  # an old PDF set in .VnTime / VNI fonts extracts as their glyphs
    if legacy is not None:
        text, warnings = legacy.text, warnings + list(legacy.warnings)
    return SourceText(text, "pdf", tuple(warnings))


def _unlock(reader: PdfReader, path: Path) -> None:
    """Many PDFs are encrypted with an empty user password (copy protection only): open those."""
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except (PyPdfError, NotImplementedError, ValueError) as exc:
            raise ParseError(f"{path}: encrypted PDF that cannot be opened ({_one_line(exc)})") from None
        if not ok:
            raise ParseError(f"{path}: encrypted PDF: it needs a password to be read")


def _page_texts(reader: PdfReader, path: Path) -> list[str]:
    cap = limits.current().max_pdf_pages
    count = len(reader.pages)
    if count == 0:
        raise ParseError(f"{path}: PDF without pages")
    if count > cap:
        raise ParseError(
            f"{path}: PDF has {count} pages, over the limit of {cap} (set {limits.env_name('max_pdf_pages')})"
        )
    return [page.extract_text() or "" for page in reader.pages]


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
