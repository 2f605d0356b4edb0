"""References against the hand labels (eval/labels/references.json), and against a Ctrl+F baseline.

Scored units, as multisets per document:
- `references`: (source clause, target document, pinpoint, relation) — everything right;
- `references_targets`: (target document, pinpoint) — what is cited, wherever and however.
The baseline is what a search for "<type> số <number>" finds: whole documents, no names, no pinpoints,
no internal references, every relation `dan_chieu`. Labels of ../shared/corpus-wild documents are skipped
when that folder is absent.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

from kb.citations.find import find_references
from kb.numbers import canonical_number
from parsers import ParseResult, parse_file

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).with_name("labels") / "references.json"
_BASELINE = re.compile(
    r"(?:Luật|Nghị định|Thông tư|Quyết định|Chỉ thị|Nghị quyết|Công văn|Kế hoạch)\s+số\s+(\d+/[\w/-]+)"
)

Unit = tuple[str | None, str | None, str | None, str]


@cache
def _parsed(file: str) -> ParseResult:
    return parse_file(ROOT / file)


def labels() -> list[dict]:
    entries = json.loads(LABELS.read_text(encoding="utf-8"))["documents"]
    return [e for e in entries if (ROOT / e["file"]).is_file()]


def predicted(entry: dict) -> list[Unit]:
    result = _parsed(entry["file"])
    doc = result.documents[entry["document"]]
    return [(r.source_eid, r.target_doc, r.target_eid, r.relation) for r in find_references(result, doc)]


def baseline(entry: dict) -> list[Unit]:
    doc = _parsed(entry["file"]).documents[entry["document"]]
    units: list[Unit] = []
    for eid, text in [(None, doc.preamble), *((n.eid, f"{n.heading or ''} {n.text}") for n in doc.walk())]:
        units += [(eid, canonical_number(m.group(1)), None, "dan_chieu") for m in _BASELINE.finditer(text)]
    return units


def expected(entry: dict) -> list[Unit]:
    return [tuple(r) for r in entry["references"]]  # type: ignore[misc]


def _match(want: list[Unit], got: list[Unit]) -> int:
    """Matched units; a labelled source '*' matches any clause."""
    pool = Counter(got)
    hits = 0
    for unit in sorted(want, key=lambda u: u[0] == "*"):
        if unit[0] == "*":
            key = next((g for g in pool if pool[g] and g[1:] == unit[1:]), None)
        else:
            key = unit if pool[unit] else None
        if key is not None:
            pool[key] -= 1
            hits += 1
    return hits


def _figures(pairs: list[tuple[list[Unit], list[Unit]]]) -> tuple[float, float, float]:
    tp = sum(_match(w, g) for w, g in pairs)
    n_got = sum(len(g) for _, g in pairs)
    n_want = sum(len(w) for w, _ in pairs)
    p = tp / n_got if n_got else 0.0
    r = tp / n_want if n_want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _targets(units: list[Unit]) -> list[Unit]:
    return [("-", t, e, "-") for _, t, e, _ in units]


def evaluate() -> dict[str, dict[str, float]]:
    entries = labels()
    ours = [(expected(e), predicted(e)) for e in entries]
    base = [(expected(e), baseline(e)) for e in entries]
    p, r, f = _figures(ours)
    bp, br, bf = _figures(base)
    tp, tr, tf = _figures([(_targets(w), _targets(g)) for w, g in ours])
    btp, btr, btf = _figures([(_targets(w), _targets(g)) for w, g in base])
    return {
        "references": {"precision": p, "recall": r, "f1": f, "baseline_precision": bp, "baseline_recall": br,
                       "baseline_f1": bf, "documents": float(len(entries)),
                       "labelled": float(sum(len(w) for w, _ in ours))},
        "references_targets": {"precision": tp, "recall": tr, "f1": tf, "baseline_precision": btp,
                               "baseline_recall": btr, "baseline_f1": btf},
    }
