"""A PDF with a text layer → its text, page after page (pypdf).

A PDF without one (a scan) cannot be read without OCR, and an encrypted one without its password: both
are refused with a line saying so, as is a file pypdf cannot parse.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

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
    """Each page's text. Pages drawn by the same content streams with the same resources are extracted
    once (a 2,000-page file may share one 1 MB stream), and the content the extractor would interpret —
    each distinct page once, each form XObject as often as it is drawn — is capped
    (`max_pdf_stream_bytes`, and the forms drawn `max_pdf_form_draws`: each draw costs the
    extractor milliseconds), as is the text the pages add up to (`max_text_chars`): the page cap alone
    does not bound the work."""
    lim = limits.current()
    cap = lim.max_pdf_pages
    count = len(reader.pages)
    if count == 0:
        raise ParseError(f"{path}: PDF without pages")
    if count > cap:
        raise ParseError(
            f"{path}: PDF has {count} pages, over the limit of {cap} (set {limits.env_name('max_pdf_pages')})"
        )
    done: dict[tuple[object, ...], str] = {}
    sizes: dict[int, tuple[object, int, int]] = {}  # stream identity → (the stream, its expanded size, draws)
    work = draws = chars = 0
    out = []
    for page in reader.pages:
        key = _drawing_key(page)
        if key not in done:
            size, drawn = _expanded_size(page.get_contents(), _resolved(page.get("/Resources")), sizes, 0)
            work, draws = work + size, draws + drawn
            if work > lim.max_pdf_stream_bytes:
                raise ParseError(
                    f"{path}: PDF quá nặng: nội dung các trang giải nén ra hơn {limits.human(work)}, vượt giới hạn "
                    f"{limits.human(lim.max_pdf_stream_bytes)} (đặt {limits.env_name('max_pdf_stream_bytes')})"
                )
            if draws > lim.max_pdf_form_draws:
                raise ParseError(
                    f"{path}: PDF quá nặng: các trang vẽ hơn {draws:,} lần các khối nội dung (form XObject), vượt "
                    f"giới hạn {lim.max_pdf_form_draws:,} (đặt {limits.env_name('max_pdf_form_draws')})"
                )
            done[key] = page.extract_text() or ""
        out.append(done[key])
        chars += len(out[-1])
        if chars > lim.max_text_chars:
            why = f"{len(out)} trang PDF"
            raise ParseError(limits.text_too_long(str(path), chars, lim.max_text_chars, why))
    return out


def _ref(obj: object, depth: int = 0) -> object:
    """A hashable form of a page entry that is equal exactly when it draws the same: indirect objects by
    number, direct dictionaries and arrays (a page's own /Resources) by their entries."""
    if isinstance(obj, IndirectObject):
        return (obj.idnum, obj.generation)
    if depth > 8:  # direct objects nest a few levels in practice; deeper ones are simply not shared
        return id(obj)
    if isinstance(obj, dict):
        return tuple(sorted((str(k), _ref(v, depth + 1)) for k, v in obj.items()))
    if isinstance(obj, list):
        return tuple(_ref(item, depth + 1) for item in obj)
    try:
        hash(obj)
    except TypeError:
        return id(obj)
    return obj


def _drawing_key(page: PageObject) -> tuple[object, ...]:
    """What a page's text depends on: its content streams, its resources (fonts) and its rotation."""
    return (_ref(page.raw_get("/Contents")), _ref(page.raw_get("/Resources")), page.get("/Rotate", 0))


_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")
_MAX_FORM_DEPTH = 20  # deeper nesting of forms is not drawn either: pypdf stops on its own recursion


def _expanded_size(
    stream: object, resources: object, sizes: dict[int, tuple[object, int, int]], depth: int
) -> tuple[int, int]:
    """Bytes of content the text extractor interprets for `stream` and the form XObjects it draws: its
    own bytes, plus each form's expanded size every time it is drawn (forms drawing forms ten times each
    would otherwise be a small file with unbounded work). Memoised per stream, so the measure itself is
    linear in the file."""
    if stream is None or depth > _MAX_FORM_DEPTH:
        return 0, 0
    if id(stream) in sizes:
        return sizes[id(stream)][1:]
    sizes[id(stream)] = (stream, 0, 0)  # a form that draws itself counts once, not forever
    data = stream.get_data() if hasattr(stream, "get_data") else b""
    total, draws = len(data), 0
    forms = _forms(resources)
    if forms:
        for m in _DO.finditer(data):
            form = forms.get("/" + m.group(1).decode("latin-1"))
            if form is not None:
                size, inner = _expanded_size(form, _resolved(form.get("/Resources")) or resources, sizes, depth + 1)
                total, draws = total + size, draws + 1 + inner
    sizes[id(stream)] = (stream, total, draws)  # the stream kept alive so that its id is not reused
    return total, draws


def _resolved(obj: object) -> object:
    """`dict.get` on a pypdf dictionary hands back indirect references as they are: follow them."""
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _forms(resources: object) -> dict[str, StreamObject]:
    """The form XObjects a resource dictionary names."""
    resources = _resolved(resources)
    if not isinstance(resources, DictionaryObject):
        return {}
    xobjects = _resolved(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return {}
    out = {}
    for name in xobjects:
        obj = _resolved(xobjects[name])
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Form":
            out[str(name)] = obj
    return out


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
