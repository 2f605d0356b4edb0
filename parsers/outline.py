"""The readable outline `kb parse FILE` prints: each document's fields, then its tree, indented."""

from __future__ import annotations

from parsers.model import Document, Node, ParseResult

_LABEL = {"phan": "Phần {}", "chuong": "Chương {}", "muc": "Mục {}", "dieu": "Điều {}.", "khoan": "{}.",
          "diem": "{})", "section": "{}.", "item": "{}.", "subitem": "{}.", "bullet": "-", "paragraph": "¶"}
WIDTH = 90


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _label(node: Node) -> str:
    if node.kind == "bullet" and node.num and not node.num.isdigit():
        return f"{node.num})"
    return _LABEL.get(node.kind, "{}").format(node.num or "")


def _node_lines(node: Node, depth: int) -> list[str]:
    pad = "  " * depth
    words = node.heading or node.text
    line = f"{pad}{_label(node)} {_short(words, max(20, WIDTH - len(pad)))}".rstrip()
    out = [line]
    for child in node.children:
        out.extend(_node_lines(child, depth + 1))
    return out


def _dmy(iso: str | None) -> str:
    """"2022-01-13" → "13/01/2022", as a reader writes a date (ISO stays in --json)."""
    if iso and len(iso) == 10 and iso[4] == "-" and iso[7] == "-":
        return f"{iso[8:]}/{iso[5:7]}/{iso[:4]}"
    return iso or ""


def _header(doc: Document) -> list[str]:
    title = " ".join(x for x in (doc.doc_type, doc.number or "(chưa có số)") if x)
    out = [f"{title}: {_short(doc.title or '', WIDTH)}".rstrip(": ")]
    facts = [("Cơ quan", doc.issuer), ("Nơi, ngày", ", ".join(x for x in (doc.place, _dmy(doc.date)) if x)),
             ("Người ký", " ".join(x for x in (doc.signer_capacity, doc.signer) if x)),
             ("Hiệu lực", _dmy(doc.effective_date)), ("Thay thế", ", ".join(doc.replaces)),
             ("Kèm theo", doc.parent_number), ("Căn cứ", f"{len(doc.bases)} văn bản" if doc.bases else ""),
             ("Chú thích", f"{len(doc.footnotes)}" if doc.footnotes else "")]
    out.extend(f"  {name}: {value}" for name, value in facts if value)
    return out


def outline(result: ParseResult) -> str:
    lines: list[str] = []
    for doc in result.documents:
        if lines:
            lines.append("")
        lines.extend(_header(doc))
        for node in doc.nodes:
            lines.extend(_node_lines(node, 1))
    return "\n".join(lines) + "\n"
