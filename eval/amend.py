"""Amending documents of ../shared/laws (Word files of the Quốc hội) and ../shared/vbpl (decrees, circulars):
their instructions read as operations (kb.amend.read), applied to the base when the base is there too
(kb.amend.apply), checked against the quoted text.

Figures: amending documents; those whose own tree has eid clashes (a quoted unit read as their own, or a
numbering fault of the source); units whose text still holds a quote after "như sau:" (a leak); instructions read (operations or problems); operations; problems; for the bases
present (all their amending texts at once, oldest first): operations applied, applied ones whose unit now reads as quoted (heading and words, checked on the
consolidated tree, unless a later one changed it again), the articles no operation touched and whether they are unchanged. Skipped cleanly when
../shared is absent.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.amend.apply import apply
from kb.amend.read import read
from kb.numbers import number_key
from parsers import parse_file
from parsers.model import Document, Node

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_LEFT = re.compile(r"như\s+sau\s*:\s*[“\"]")
_SUFFIX = re.compile(r"_\d+$")


def _files() -> list[Path]:
    return sorted((SHARED / "laws").glob("*.docx")) + sorted((SHARED / "vbpl").glob("*.html"))


def _clashes(doc: Document) -> int:
    """Units whose eid needed a clash suffix (a quoted unit read as the amending document's own, or a
    numbering fault of the source: "Điền 36", Word numbering restarting)."""
    eids = {n.eid for n in doc.walk()}
    return sum(1 for n in doc.walk() if _SUFFIX.search(n.eid) and _SUFFIX.sub("", n.eid) in eids)


def _quotes_left(doc: Document) -> int:
    """Units whose text still holds a quote right after its instruction ("... như sau: “...")."""
    return sum(1 for n in doc.walk() if _LEFT.search(n.text))


def _related(a: str, b: str) -> bool:
    """Is one unit the other, or inside it (or is one the whole document)?"""
    return not a or not b or a == b or a.startswith(b + "__") or b.startswith(a + "__")


def _as_quoted(node: Node | None, quoted: Node) -> bool:
    if node is None:
        return False
    if (node.heading or None) != (quoted.heading or None) or node.text != quoted.text:
        return False
    return len(node.children) == len(quoted.children) and all(
        _as_quoted(a, b) for a, b in zip(node.children, quoted.children, strict=True))


def evaluate() -> dict[str, dict[str, float]]:
    files = _files()
    if not files:
        return {}
    parsed: list[tuple[Path, Document]] = []
    for path in files:
        try:
            result = parse_file(path)
        except Exception:  # noqa: BLE001, S112 -- a file the readers refuse is not an amending document here
            continue
        parsed.extend((path, d) for d in result.documents)
    bases = {number_key(d.number): d for _p, d in parsed if d.number}
    figures = dict.fromkeys(("amending_documents", "documents_with_eid_clashes", "units_with_a_quote_left", "instructions", "operations",
                             "problems", "bases", "base_operations", "applied", "applied_as_quoted",
                             "untouched_articles", "untouched_unchanged"), 0)
    per_base: dict[int, tuple[Document, list]] = {}
    for _path, doc in parsed:
        reading = read(doc)
        if not reading.operations and not reading.problems:
            continue
        figures["amending_documents"] += 1
        figures["documents_with_eid_clashes"] += bool(_clashes(doc))
        figures["units_with_a_quote_left"] += _quotes_left(doc)
        figures["instructions"] += len({o.source_eid for o in reading.operations} | {p.source_eid for p in reading.problems})
        figures["operations"] += len(reading.operations)
        figures["problems"] += len(reading.problems)
        for op in reading.operations:
            target = op.target.document
            base = bases.get(number_key(target)) if target and re.search(r"\d", target) else None
            if base is not None and base is not doc:
                per_base.setdefault(id(base), (base, []))[1].append(op)
    for base, ops in per_base.values():  # every amending text of a base present, in force order
        result = apply(base, ops)
        figures["bases"] += 1
        figures["base_operations"] += len(ops)
        figures["applied"] += len(result.applied)
        for i, op in enumerate(result.applied):
            if op.kind in ("replace", "insert") and op.target.part == "unit" and op.content:
                if any(_related(o.target.eid, op.target.eid) for o in result.applied[i + 1:]):
                    figures["applied_as_quoted"] += 1  # changed again later: checked at that step
                    continue
                figures["applied_as_quoted"] += _as_quoted(result.document.find(op.target.eid), op.content[0])
            else:
                figures["applied_as_quoted"] += 1  # repeals, phrases, names: applied is as written
        touched = {o.target.eid.split("__")[0] for o in ops}
        whole = any(o.target.eid == "" for o in ops)
        for art in (n for n in base.walk() if n.kind == "dieu"):
            if art.eid in touched or whole:
                continue
            figures["untouched_articles"] += 1
            figures["untouched_unchanged"] += result.document.find(art.eid) == art
    out = {k: float(v) for k, v in figures.items()}
    out["applied_share"] = figures["applied"] / figures["base_operations"] if figures["base_operations"] else 0.0
    out["applied_as_quoted_share"] = figures["applied_as_quoted"] / figures["applied"] if figures["applied"] else 0.0
    out["untouched_unchanged_share"] = (figures["untouched_unchanged"] / figures["untouched_articles"]
                                        if figures["untouched_articles"] else 0.0)
    return {"amend": out}


if __name__ == "__main__":
    for group, values in evaluate().items():
        print(group)
        for key, value in values.items():
            print(f"  {key:<28} {value:.3f}")
