"""Structure of the corpus files against hand labels (eval/labels/structure.json).

Each unit is an (eid, heading) pair: chapters, articles, clauses and points of normative documents;
sections, items and sub-items of plans. Precision and recall compare the parser's set with the labels'.
The baseline is what a naive line scanner finds: every line starting "Điều N." / "N." / "a)" (or "I." /
"N." / "N.M." in plans), with no cleaning, no line rejoining and no document split.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from parsers import parse_text
from parsers.model import Document

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).with_name("labels") / "structure.json"
POINTS = "abcdđeghiklmnopqrstuvxy"
Unit = tuple[str, str | None]


def _expand(label: dict) -> set[Unit]:
    units: set[Unit] = set()
    for num, heading in label.get("chapters", []):
        units.add((f"chp_{num}", heading))
    for num, heading, points in label.get("articles", []):
        units.add((f"art_{num}", heading))
        for k, count in enumerate(points, start=1):
            units.add((f"art_{num}__para_{k}", None))
            units.update((f"art_{num}__para_{k}__point_{POINTS[j]}", None) for j in range(count))
    for num, heading, items in label.get("sections", []):
        units.add((f"sec_{num}", heading))
        for inum, iheading, subs in items:
            units.add((f"sec_{num}__item_{inum}", iheading))
            units.update((f"sec_{num}__item_{inum}__subitem_{snum}", sheading) for snum, sheading in subs)
    return units


def _found(doc: Document) -> set[Unit]:
    kinds = {"chuong", "dieu", "khoan", "diem", "section", "item", "subitem"}
    return {(n.eid, None if n.kind in {"khoan", "diem"} else n.heading) for n in doc.walk() if n.kind in kinds}


_B_ART = re.compile(r"^Điều\s+(\d+)\.\s*(.*)$")
_B_CHP = re.compile(r"^Chương\s+([IVX]+)\s*(.*)$")
_B_SEC = re.compile(r"^([IVX]+)\.\s*(.*)$")
_B_SUB = re.compile(r"^(\d+\.\d+)\.\s*(.*)$")
_B_NUM = re.compile(r"^(\d+)\.\s*(.*)$")
_B_PT = re.compile(r"^([a-zđ])\)")


def _baseline(text: str) -> set[Unit]:
    """A naive scanner: one unit per labelled line, headings as printed on that line."""
    units: set[Unit] = set()
    art = sec = item = para = None
    for raw in text.splitlines():
        line = raw.strip()
        if m := _B_CHP.match(line):
            units.add((f"chp_{m.group(1)}", m.group(2) or None))
        elif m := _B_ART.match(line):
            art, para = m.group(1), None
            units.add((f"art_{art}", m.group(2).rstrip(".") or None))
        elif (m := _B_SEC.match(line)) and art is None:
            sec, item = m.group(1), None
            units.add((f"sec_{sec}", m.group(2) or None))
        elif (m := _B_SUB.match(line)) and art is None and item:
            units.add((f"sec_{sec}__item_{item}__subitem_{m.group(1)}", m.group(2) or None))
        elif m := _B_NUM.match(line):
            if art:
                para = m.group(1)
                units.add((f"art_{art}__para_{para}", None))
            elif sec:
                item = m.group(1)
                units.add((f"sec_{sec}__item_{item}", m.group(2) or None))
        elif (m := _B_PT.match(line)) and art and para:
            units.add((f"art_{art}__para_{para}__point_{m.group(1)}", None))
    return units


def _scores(found: set, expected: set) -> tuple[float, float, float]:
    hit = len(found & expected)
    p = hit / len(found) if found else 0.0
    r = hit / len(expected) if expected else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate() -> dict[str, dict[str, float]]:
    labels = {k: v for k, v in json.loads(LABELS.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    found: set = set()
    expected: set = set()
    base: set = set()
    for name, docs in labels.items():
        path = ROOT / "corpus" / name
        text = path.read_text(encoding="utf-8-sig")
        result = parse_text(text, source=name, fmt=path.suffix[1:])
        # units of different documents in one file are kept apart by the document's index
        for i, label in enumerate(docs):
            expected |= {(name, i, *u) for u in _expand(label)}
            if i < len(result.documents):
                found |= {(name, i, *u) for u in _found(result.documents[i])}
        base |= {(name, 0, *u) for u in _baseline(text)}
    p, r, f = _scores(found, expected)
    bp, br, bf = _scores(base, expected)
    return {"structure": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                          "baseline_precision": round(bp, 4), "baseline_recall": round(br, 4),
                          "baseline_f1": round(bf, 4), "units": float(len(expected))}}


if __name__ == "__main__":
    print(json.dumps(evaluate(), ensure_ascii=False, indent=2))
