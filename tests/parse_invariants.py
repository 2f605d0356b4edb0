"""Checks every parse must pass, shared by the corpus, property and wild-document tests.

- `lost_words(text, result)`: "no text is lost". The words of the input (minus Markdown noise) against
  the words of the output: every node's label, heading and text, every document's preamble,
  signature and portal page (a legal portal's banners kept apart), every footnote. Nothing may be invented; only the words of lines that hold nothing but a
  page number or a link may go missing.
- `tree_problems(result)`: eids unique per document, every node under a kind allowed to hold it; inside each
  quoted block (an amending instruction's `Quotation`), eids unique within the block.

Written independently of the parser's cleaning code on purpose: a simple tokeniser, a simple noise rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from parsers.model import Node, ParseResult
from parsers.structure import ALLOWED_PARENTS

_MD = re.compile(r"[*_#|`\\\u200b-\u200d\u2060\ufeff\u00ad]")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_NOISE_LINE = re.compile(r"^(?:[-–—]\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$|^(?:https?://|www\.)\S+$",
                         re.IGNORECASE)
_LABEL = {"phan": "phần", "chuong": "chương", "muc": "mục", "dieu": "điều"}


# letters of old encodings read as the Vietnamese ones they stand for ("Ðiều": Icelandic eth for Đ)
_LOOKALIKE = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})


def words(text: str) -> Counter[str]:
    text = _MD.sub("", unicodedata.normalize("NFC", text).translate(_LOOKALIKE))
    return Counter(t.casefold() for t in _TOKEN.findall(text))


def noise_words(text: str) -> Counter[str]:
    """Words on lines that hold only a page number or a link: the parser may drop these."""
    lines = (_MD.sub("", unicodedata.normalize("NFC", x)).strip() for x in text.splitlines())
    return words("\n".join(x for x in lines if _NOISE_LINE.match(x)))


def _node_words(node: Node) -> Counter[str]:
    label = " ".join(x for x in (_LABEL.get(node.kind, ""), node.num or "") if x)
    out = words(" ".join(x for x in (label, node.heading or "", node.text) if x))
    for quote in node.quotes:  # a quoted block keeps its words apart from its instruction's text
        out += words(quote.text)
    for child in node.children:
        out += _node_words(child)
    return out


def output_words(result: ParseResult) -> Counter[str]:
    out: Counter[str] = Counter()
    for doc in result.documents:
        out += words(doc.preamble) + words(doc.signature) + words(doc.portal)
        for note in doc.footnotes:
            out += words(f"{note.num} {note.text}")
        for node in doc.nodes:
            out += _node_words(node)
    return out


def lost_words(text: str, result: ParseResult) -> tuple[Counter[str], Counter[str]]:
    """(words of the input missing from the output, words of the output not in the input).

    Only the words of page-number and link lines may go missing."""
    given, got = words(text), output_words(result)
    return (given - got) - noise_words(text), got - given


def tree_problems(result: ParseResult) -> list[str]:
    problems = []
    for doc in result.documents:
        seen: set[str] = set()
        stack = [("root", n) for n in doc.nodes]
        while stack:
            parent, node = stack.pop()
            if node.eid in seen:
                problems.append(f"duplicate eid {node.eid}")
            seen.add(node.eid)
            if parent not in ALLOWED_PARENTS[node.kind]:
                problems.append(f"{node.kind} {node.num} under {parent}")
            stack.extend((node.kind, c) for c in node.children)
            for quote in node.quotes:
                inside = [n.eid for top in quote.nodes for n in top.walk()]
                problems.extend(f"duplicate eid {e} in a quotation of {node.eid}"
                                for e, k in Counter(inside).items() if k > 1)
    return problems
