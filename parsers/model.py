"""The data model every stage shares: a parsed file holds documents, a document holds a tree of nodes.

Values are frozen dataclasses. Every node and footnote keeps its span in the decoded source text
(`ParseResult.text`), so later stages (citations, duties, the app) can point back at the original.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

# Node kinds of normative texts (Luật, Nghị định, Quy chế ...), outermost first.
NORMATIVE_KINDS = ("phan", "chuong", "muc", "dieu", "khoan", "diem")
# Node kinds of plans and other administrative texts (Kế hoạch, Chỉ thị ...).
PLAN_KINDS = ("section", "item", "subitem", "bullet")
# A prose document (Thông báo, Công văn) without numbered units is a list of paragraphs.
PROSE_KINDS = ("paragraph",)


@dataclass(frozen=True)
class Span:
    """Where something sits in the decoded source text: character offsets and 1-based first line."""

    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Quotation:
    """A quoted block an amending instruction introduces ("... như sau: “Điều 6. ...”").

    It belongs to the instruction, never to the amending document's own tree: `nodes` is its own tree in the
    numbering of the amended document (an article, clauses, points, a chapter), so its eids may repeat the
    amending document's; an empty `nodes` is a phrase or plain text ("thay cụm từ “A” bằng cụm từ “B”").
    """

    text: str  # the quoted words without the marks, original characters
    span: Span  # of the quoted words in the source
    nodes: tuple[Node, ...] = ()
    structure: str = "normative"


@dataclass(frozen=True)
class Change:
    """One change a consolidation made to a unit (kb.amend.apply): by which document's instruction, from when."""

    doc: str | None  # number of the amending document ("63/2020/QH14")
    op: str  # the operation's kind: replace, insert, repeal, substitute ...
    eid: str  # the instruction's eid in the amending document ("art_1__para_3")
    effective: str | None  # ISO date it takes effect


@dataclass(frozen=True)
class Node:
    kind: str  # one of NORMATIVE_KINDS, PLAN_KINDS or PROSE_KINDS
    num: str | None  # as printed: "II", "6", "2", "đ", "2.1"
    heading: str | None  # an article's or chapter's title; a plan item's title line
    text: str  # the node's own text (children excluded), original characters, lines rejoined
    eid: str  # Akoma Ntoso style id, unique in the document: "art_6__para_2__point_a"
    span: Span
    children: tuple[Node, ...] = ()
    quotes: tuple[Quotation, ...] = ()  # the quoted blocks this node's instruction introduces, in order
    repealed: bool = False  # in a consolidated text: repealed, kept in its place without its words
    history: tuple[Change, ...] = ()  # in a consolidated text: what changed it, oldest first

    def walk(self) -> Iterator[Node]:
        """This node and all below it, in document order (quoted blocks are not walked: they are not units of
this document)."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Footnote:
    num: str
    text: str
    span: Span


@dataclass(frozen=True)
class Document:
    doc_type: str  # "Quyết định", "Quy chế", "Kế hoạch", "Nghị định" ...
    number: str | None  # số hiệu as printed, e.g. "03/2022/QĐ-UBND"; None when blank (a draft)
    title: str | None  # trích yếu
    issuer: str | None
    place: str | None
    date: str | None  # ISO yyyy-mm-dd
    signer: str | None
    signer_capacity: str | None  # "TM.", "KT.", "Q.", "TL.", "TUQ." with the office, as printed
    bases: tuple[str, ...]  # the "Căn cứ ..." lines
    recipients: tuple[str, ...]  # Nơi nhận
    effective_date: str | None  # ISO, where the text states it
    replaces: tuple[str, ...]  # numbers of documents this one replaces, where stated
    footnotes: tuple[Footnote, ...]
    nodes: tuple[Node, ...]
    structure: str  # "normative", "plan" or "prose": which family of node kinds `nodes` uses
    preamble: str = ""  # text before the first node (header, title, bases), lines rejoined
    signature: str = ""  # signature block and Nơi nhận
    span: Span = field(default_factory=lambda: Span(0, 0, 1))
    parent_number: str | None = None  # for a Quy chế "ban hành kèm theo" a Quyết định: its number
    portal: str = ""  # a legal portal's banners and information panel above the document's header (not its words)

    def walk(self) -> Iterator[Node]:
        for node in self.nodes:
            yield from node.walk()

    def find(self, eid: str) -> Node | None:
        return next((n for n in self.walk() if n.eid == eid), None)


@dataclass(frozen=True)
class ParseResult:
    source: str  # the file's path or a caller's label
    text: str  # the decoded source text all spans refer to
    documents: tuple[Document, ...]
    warnings: tuple[str, ...] = ()
    format: str = "txt"  # txt, md, docx, html, pdf, doc

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (`kb parse --json`): spans flattened, children nested."""
        return {
            "source": self.source,
            "format": self.format,
            "warnings": list(self.warnings),
            "documents": [_doc_dict(d) for d in self.documents],
        }


def _node_dict(node: Node) -> dict[str, Any]:
    return {
        "kind": node.kind,
        "num": node.num,
        "heading": node.heading,
        "text": node.text,
        "eid": node.eid,
        "start": node.span.start,
        "end": node.span.end,
        "line": node.span.line,
        "children": [_node_dict(c) for c in node.children],
        # only where present, so documents without quotations (or not consolidated) keep their JSON
        **({"quotes": [_quote_dict(q) for q in node.quotes]} if node.quotes else {}),
        **({"repealed": True} if node.repealed else {}),
        **({"history": [asdict(c) for c in node.history]} if node.history else {}),
    }


def _quote_dict(quote: Quotation) -> dict[str, Any]:
    return {"text": quote.text, "start": quote.span.start, "end": quote.span.end, "line": quote.span.line,
            "structure": quote.structure, "nodes": [_node_dict(n) for n in quote.nodes]}


def _doc_dict(doc: Document) -> dict[str, Any]:
    d = asdict(doc)
    d["nodes"] = [_node_dict(n) for n in doc.nodes]
    d["footnotes"] = [
        {"num": f.num, "text": f.text, "line": f.span.line, "start": f.span.start, "end": f.span.end}
        for f in doc.footnotes
    ]
    d["span"] = {"start": doc.span.start, "end": doc.span.end, "line": doc.span.line}
    return d
