"""Turn a file (txt, md, docx, html, pdf, doc) into `Document` trees.

Four public functions: `read_file` (bytes → decoded text), `parse_text` (text → documents),
`parse_file` (both), `to_akn` (a document as Akoma Ntoso XML).
"""

from __future__ import annotations

from pathlib import Path

from parsers.errors import ParseError
from parsers.model import Change, Document, Footnote, Node, ParseResult, Quotation, Span


def read_file(path: str | Path):
    from parsers.readers.read import read_file as _read

    return _read(path)


def parse_text(text: str, source: str = "<text>", fmt: str = "txt", warnings: tuple[str, ...] = ()) -> ParseResult:
    from parsers.structure import parse_text as _parse

    return _parse(text, source=source, fmt=fmt, warnings=warnings)


def parse_file(path: str | Path) -> ParseResult:
    src = read_file(path)
    return parse_text(src.text, source=str(path), fmt=src.format, warnings=tuple(src.warnings))


def to_akn(doc: Document) -> bytes:
    from parsers.akn import to_akn as _akn

    return _akn(doc)


__all__ = [
    "Change", "Document", "Footnote", "Node", "ParseError", "ParseResult", "Quotation", "Span",
    "parse_file", "parse_text", "read_file", "to_akn",
]
