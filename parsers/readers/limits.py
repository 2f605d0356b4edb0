"""Caps on untrusted input, in one place; each one can be raised or lowered with an environment variable.

Defaults fit real legal documents (a 300-page decree as .docx is ~2 MB, its document.xml ~15 MB) with
a wide margin, and stop zip bombs and runaway converters long before they hurt the machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 20 * MB  # any input file, as stored on disk
    max_zip_entries: int = 2000  # entries in a .docx directory
    max_inflated_bytes: int = 200 * MB  # sum of declared uncompressed sizes in a .docx
    max_zip_ratio: int = 200  # uncompressed / compressed, per entry bigger than `ratio_floor_bytes`
    ratio_floor_bytes: int = 1 * MB  # small entries may compress well without being a bomb
    max_xml_bytes: int = 60 * MB  # hard cap when actually inflating one XML part
    convert_timeout_s: int = 120  # LibreOffice conversion of a .doc
    max_pdf_pages: int = 2000  # pages of text extracted from a PDF
    file_budget_s: int = 60  # wall-clock seconds to read, parse and enrich one file (kb/workers.py)
    # Characters of text one file may expand to: a part referenced many times (a .docx altChunk) or a PDF
    # content stream shared by many pages is read once, but its text would be written out each time.
    max_text_chars: int = 20_000_000
    # Bytes of PDF content streams decoded for one file, each distinct stream counted once.
    max_pdf_stream_bytes: int = 100 * MB
    # Form XObjects (a logo, a letterhead block) drawn while extracting one PDF's text, each time counted.
    max_pdf_form_draws: int = 10_000
    # Address space (virtual memory, MB) of one worker process (kb/workers.py), set as its RLIMIT_AS soft
    # limit while it works on a file: a file that needs more fails with MemoryError, not the machine. A
    # worker with spaCy loaded maps about 560 MB before any file (its resident set about 200 MB).
    max_worker_mb: int = 2048


_ENV = {
    "max_file_bytes": "VBKB_MAX_FILE_BYTES",
    "max_zip_entries": "VBKB_MAX_ZIP_ENTRIES",
    "max_inflated_bytes": "VBKB_MAX_INFLATED_BYTES",
    "max_zip_ratio": "VBKB_MAX_ZIP_RATIO",
    "ratio_floor_bytes": "VBKB_ZIP_RATIO_FLOOR_BYTES",
    "max_xml_bytes": "VBKB_MAX_XML_BYTES",
    "convert_timeout_s": "VBKB_CONVERT_TIMEOUT_S",
    "max_pdf_pages": "VBKB_MAX_PDF_PAGES",
    "file_budget_s": "VBKB_FILE_BUDGET_S",
    "max_text_chars": "VBKB_MAX_TEXT_CHARS",
    "max_pdf_stream_bytes": "VBKB_MAX_PDF_STREAM_BYTES",
    "max_pdf_form_draws": "VBKB_MAX_PDF_FORM_DRAWS",
    "max_worker_mb": "VBKB_MAX_WORKER_MB",
}


def env_name(field_name: str) -> str:
    return _ENV[field_name]


def current() -> Limits:
    """The limits in force now: defaults, overridden by any VBKB_* variable set to a positive integer."""
    values: dict[str, int] = {}
    for name, var in _ENV.items():
        raw = os.environ.get(var, "").strip()
        if raw.isdigit() and int(raw) > 0:
            values[name] = int(raw)
    return Limits(**values)


def human(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n} bytes"


def text_too_long(where: str, chars: int, cap: int, why: str) -> str:
    """The one line (Vietnamese: the user reads it) refusing a file whose text expands past the cap."""
    return (
        f"{where}: văn bản quá dài: {why}, đã tới {chars:,} ký tự, vượt giới hạn {cap:,} ký tự "
        f"(đặt {env_name('max_text_chars')})"
    )
