"""A stand-in parser for store tests that must not depend on the real one: a tiny line format.

First line: the document number ("-" for none). Each further line is one article's text. A file whose
text starts with "FAIL" raises ParseError, as a corrupt file would.
"""

from __future__ import annotations

from pathlib import Path

from parsers.errors import ParseError
from parsers.model import Document, Node, ParseResult, Span


def fake_parse(path: Path) -> ParseResult:
    text = Path(path).read_text(encoding="utf-8")
    if text.startswith("FAIL"):
        raise ParseError(f"{Path(path).name}: not a document")
    first, *lines = text.splitlines()
    pos = len(first) + 1
    articles = []
    for i, line in enumerate(lines, start=1):
        span = Span(pos, pos + len(line), i + 1)
        point = Node("diem", "a", None, f"điểm của Điều {i}", f"art_{i}__para_1__point_a", span)
        clause = Node("khoan", "1", None, f"khoản của Điều {i}", f"art_{i}__para_1", span, (point,))
        articles.append(Node("dieu", str(i), f"Tiêu đề {i}", line, f"art_{i}", span, (clause,)))
        pos += len(line) + 1
    doc = Document(
        doc_type="Quyết định", number=None if first == "-" else first, title=f"Văn bản {Path(path).stem}",
        issuer="UBND tỉnh", place=None, date="2022-01-13", signer=None, signer_capacity=None, bases=(),
        recipients=(), effective_date=None, replaces=(), footnotes=(), nodes=tuple(articles), structure="normative",
    )
    return ParseResult(source=str(path), text=text, documents=(doc,), warnings=(), format="txt")
