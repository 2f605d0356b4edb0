"""Readers: a file's bytes → its decoded text, one module per format.

`read_file` / `read_bytes` sniff the format (`read.py`) and hand the bytes to `encodings` (txt, md:
UTF-8/16, Windows-1258, TCVN3, VNI), `docx`, `html`, `pdf` or `doc` (LibreOffice); `tables` holds what
the Word and HTML readers share; `limits` the caps on untrusted input; `source` the `SourceText` they
all return.
"""

from parsers.readers.read import html_page, read_bytes, read_file, sniff_format
from parsers.readers.source import SourceText

__all__ = ["SourceText", "html_page", "read_bytes", "read_file", "sniff_format"]
