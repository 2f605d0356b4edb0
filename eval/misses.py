"""What a labelled unseen document's duties miss and add, unit by unit, for whoever fixes the rules.

    python -m eval.misses dev [STEM ...]        # every dev file, or the named ones
    python -m eval.misses dev --refs [STEM ...] # the references missed and added instead

Prints, for each judged unit where the labels and the program differ, the unit's text (cut), the missed
(`-`) and the extra (`+`) (actor, role) pairs. Only for the `dev` set: held-out and fresh files are not read
while the rules change.
"""

from __future__ import annotations

import sys

from eval.unseen import _parsed, _predicted_key, _same_target, actor_key, label_files, task_blocks
from kb.citations.find import citing_year, find_references
from kb.docid import doc_id as make_doc_id
from kb.duties.actors import load_registry
from kb.duties.extract import extract_duties
from kb.duties.named import document_actors


def entry_misses(file: str, entry: dict) -> list[tuple[str, str, set, set]]:
    """(eid, text, missed, extra) for each judged unit whose labelled duties differ from the program's."""
    base = load_registry()
    result = _parsed(file)
    doc = result.documents[entry["document"]]
    block = task_blocks(doc)
    judged = set(entry["clauses"]) if entry["scope"] == "listed" else {n.eid for n in doc.walk()}
    judged |= {block.get(e, e) for e in judged}
    gold: dict[str, set] = {}
    for eid, duties in entry["clauses"].items():
        for d in duties:
            gold.setdefault(block.get(eid, eid), set()).add((actor_key(d["actor"], base), d["role"]))
    registry = base.with_definitions(doc.preamble + "\n" + "\n".join(f"{n.heading or ''}\n{n.text}" for n in doc.walk()))
    names = {a.id: a.name for a in registry.actors.values()} | {a.id: a.name for a in document_actors(result, doc)}
    pred: dict[str, set] = {}
    for d in extract_duties(result, doc, make_doc_id(doc, result.source)):
        if d.eid in judged:
            pred.setdefault(block.get(d.eid, d.eid), set()).add((_predicted_key(d.actor, names, base), d.role))
    texts = {n.eid: f"{n.heading or ''} {n.text}".strip() for n in doc.walk()}
    out = []
    for eid in sorted(gold.keys() | pred.keys(), key=lambda e: list(texts).index(e) if e in texts else 0):
        g, p = gold.get(eid, set()), pred.get(eid, set())
        if g != p:
            out.append((eid, texts.get(eid, ""), g - p, p - g))
    return out


def reference_misses(file: str, entry: dict) -> tuple[list[tuple], list[tuple]]:
    """(missed, extra) references of a labelled entry, as (source eid, target, pinpoint, relation)."""
    result = _parsed(file)
    doc = result.documents[entry["document"]]
    year = citing_year(doc)
    want = [_same_target(tuple(r), year) for r in entry.get("references") or []]
    got = [_same_target((r.source_eid, r.target_doc, r.target_eid, r.relation), year) for r in find_references(result, doc)]
    missed, extra = list(want), []
    for unit in got:
        if unit in missed:
            missed.remove(unit)
        else:
            extra.append(unit)
    return missed, extra


def main(which: str, stems: list[str]) -> None:
    if which != "dev":
        raise SystemExit("eval.misses chỉ đọc tập dev (held_out và fresh không được đọc khi sửa quy tắc)")
    refs = "--refs" in stems
    stems = [s for s in stems if s != "--refs"]
    for data in label_files(which):
        if stems and data["_name"] not in stems:
            continue
        for entry in data["entries"]:
            if refs:
                if entry.get("references") is not None:
                    missed, extra = reference_misses(data["file"], entry)
                    for sign, units in (("-", missed), ("+", extra)):
                        for unit in units:
                            print(f"{data['_name']} [{entry['document']}] {sign} {unit}")
                continue
            for eid, text, missed, extra in entry_misses(data["file"], entry):
                print(f"{data['_name']} [{entry['document']}] {eid}: {text[:160]!r}")
                for a, r in sorted(missed):
                    print(f"    - {a} {r}")
                for a, r in sorted(extra):
                    print(f"    + {a} {r}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dev", sys.argv[2:])
