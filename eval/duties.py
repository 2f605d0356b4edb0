"""Duties against the hand labels (eval/labels/duties.json), and against a Ctrl+F baseline.

Scored units: (document, clause eid, actor, role) for `duties`; (document, eid, actor) for
`duties_actor` (who bears a duty where, role ignored), which is what the baseline can be compared on:
the baseline says every clause that names an actor is a duty of that actor. Deadlines are scored on
the duties both sides agree on. Clauses outside a 'listed' document's labelled set are not judged.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from kb.duties.actors import load_registry
from kb.duties.extract import extract_duties
from parsers import ParseResult, parse_file

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).with_name("labels") / "duties.json"


def deadline_key(deadline: object) -> str:
    """The label form of a deadline: date, 'Nd', 'rel', recurrence, or '-'."""
    if deadline is None:
        return "-"
    date, days, recurrence, kind = (getattr(deadline, k) for k in ("date", "days", "recurrence", "kind"))
    if date:
        return date
    if days is not None:
        return f"{days}d"
    if recurrence:
        return recurrence
    return "rel" if kind == "relative" else "-"


@cache
def _parsed(file: str) -> ParseResult:
    return parse_file(ROOT / file)


def labels() -> list[dict]:
    return json.loads(LABELS.read_text(encoding="utf-8"))["documents"]


def predicted(entry: dict) -> dict[tuple[str, str, str], str]:
    """(eid, actor, role) → deadline key for one labelled document."""
    result = _parsed(entry["file"])
    doc = result.documents[entry["document"]]
    judged = set(entry["clauses"]) if entry["scope"] == "listed" else {n.eid for n in doc.walk()}
    out: dict[tuple[str, str, str], str] = {}
    for d in extract_duties(result, doc, None):
        if d.eid in judged:
            out.setdefault((d.eid, d.actor, d.role), deadline_key(d.deadline))
    return out


def expected(entry: dict) -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for eid, duties in entry["clauses"].items():
        for line in duties:
            actor, role, deadline = line.split()
            out[(eid, actor, role)] = deadline
    return out


def baseline(entry: dict) -> set[tuple[str, str]]:
    """Ctrl+F: each judged clause naming an actor (any alias, own text and heading) is that actor's duty."""
    registry = load_registry()
    doc = _parsed(entry["file"]).documents[entry["document"]]
    judged = set(entry["clauses"]) if entry["scope"] == "listed" else None
    out: set[tuple[str, str]] = set()
    for node in doc.walk():
        if judged is not None and node.eid not in judged:
            continue
        for mention in registry.find(f"{node.heading or ''}\n{node.text}"):
            out.update((node.eid, actor) for actor in mention.ids)
    return out


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 1.0
    r = tp / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _score(entries: list[dict]) -> dict[str, dict[str, float]]:
    tp = n_pred = n_gold = 0
    a_tp = a_pred = a_gold = 0
    b_tp = b_pred = 0
    dl_same = dl_total = 0
    for i, entry in enumerate(entries):
        gold, pred = expected(entry), predicted(entry)
        tp += len(gold.keys() & pred.keys())
        n_pred += len(pred)
        n_gold += len(gold)
        for key in gold.keys() & pred.keys():
            dl_total += 1
            dl_same += gold[key] == pred[key]
        gold_a = {(i, e, a) for e, a, _ in gold}
        pred_a = {(i, e, a) for e, a, _ in pred}
        base = {(i, e, a) for e, a in baseline(entry)}
        a_tp += len(gold_a & pred_a)
        a_pred += len(pred_a)
        a_gold += len(gold_a)
        b_tp += len(gold_a & base)
        b_pred += len(base)
    p, r, f = _prf(tp, n_pred, n_gold)
    ap, ar, af = _prf(a_tp, a_pred, a_gold)
    bp, br, bf = _prf(b_tp, b_pred, a_gold)
    return {
        "duties": {"precision": p, "recall": r, "f1": f, "labelled": float(n_gold),
                   "deadline_accuracy": dl_same / dl_total if dl_total else 1.0},
        "duties_actor": {"precision": ap, "recall": ar, "f1": af,
                         "baseline_precision": bp, "baseline_recall": br, "baseline_f1": bf},
    }


def evaluate() -> dict[str, dict[str, float]]:
    """The corpus/ documents (the rules were written reading them) and, apart, documents of
    ../shared/corpus-wild labelled afterwards (skipped when that folder is absent)."""
    entries = labels()
    results = _score([e for e in entries if not e.get("wild")])
    wild = [e for e in entries if e.get("wild") and (ROOT / e["file"]).exists()]
    if wild:
        scored = _score(wild)
        results["duties_wild"] = scored["duties"]
        results["duties_wild_actor"] = scored["duties_actor"]
    held = [e for e in wild if e.get("held_out")]  # labelled last, nothing tuned after it (none at present)
    if held:
        scored = _score(held)
        results["duties_held_out"] = scored["duties"]
        results["duties_held_out_actor"] = scored["duties_actor"]
    return results


if __name__ == "__main__":
    for group, figures in evaluate().items():
        print(group, {k: round(v, 3) for k, v in figures.items()})
