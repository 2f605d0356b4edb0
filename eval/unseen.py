"""Duties and citations on documents the rules were not written from (eval/labels/unseen/, see its GUIDE).

Three sets: `dev` (the rules may be improved reading them), `held_out` (labelled before any change and
never read while changing the rules) and `fresh` (the latest batch, labelled by people who never saw the
program's duties and first scored with the code of the day before that session's changes; at the next
batch it joins `dev` or `held_out`). Each label file was scored once, with the code of the day it was
labelled, before any change it prompted: `first_try.json` keeps those counts, so the report shows the
honest first-try figures beside the current ones.

Scored units:
- duties: (document, eid, actor, role); actors are compared by name: a name the actor list knows is its
  id, any other its folded form without a leading "các" or a trailing place;
- duty pairs (document, eid, actor), role ignored; roles right = the pair's set of roles is the labelled
  one; deadlines on the duties both sides have;
- "what must a xã do": the judged units holding a duty of a xã-level actor, against Ctrl+F (every
  judged unit whose text contains the word "xã");
- references where labelled, as `eval.references` scores them.
Skipped when ../shared is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eval.duties import deadline_key
from eval.references import _match
from kb.citations.catalog import load_catalog, name_key
from kb.citations.find import citing_year, find_references
from kb.docid import doc_id as make_doc_id
from kb.duties.actors import Registry, load_registry
from kb.duties.extract import extract_duties
from kb.duties.named import document_actors
from kb.numbers import number_key
from parsers import ParseResult, parse_file
from parsers.normalise import fold
from parsers.structure import is_attribute_line

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).with_name("labels") / "unseen"
FIRST_TRY = LABELS / "first_try.json"
SETS = ("dev", "held_out", "fresh")
_PLACE_TAIL = re.compile(r"\s+(?:tinh|thanh pho|cap tinh|tren dia ban)(?:\s+[a-z]+){0,3}$")
_XA_WORD = re.compile(r"(?<![\w])(xa|phuong|dac khu|thi tran)(?![\w])")
_NOT_XA = re.compile(r"hop tac xa|xa hoi|xa hoi chu nghia")


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.pred += len(pred)
        self.gold += len(gold)

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 1.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 1.0


@cache
def _parsed(file: str) -> ParseResult:
    return parse_file(ROOT / file)


def label_files(which: str) -> list[dict]:
    folder = LABELS / which
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if (ROOT / data["file"]).exists():
            data["_name"] = path.stem
            out.append(data)
    return out


def _name_key(name: str) -> str:
    key = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", fold(name).lower())).strip()  # punctuation is no part of a name
    key = re.sub(r"^(?:cac|tat ca cac)\s+", "", key)
    return _PLACE_TAIL.sub("", key)


def actor_key(name: str, registry: Registry) -> str:
    """A labelled name → the registry id when the whole name is one known actor, else its folded form."""
    mentions = registry.find(name)
    if len(mentions) == 1 and len(mentions[0].ids) == 1 and len(mentions[0].text) >= 0.8 * len(name.strip()):
        return mentions[0].ids[0]
    return "~" + _name_key(name)


def is_xa(key: str, registry: Registry) -> bool:
    actor = registry.actors.get(key)
    if actor is not None:
        return actor.level == "xa"
    text = key.lstrip("~")
    return bool(_XA_WORD.search(text)) and not _NOT_XA.search(text)


def _predicted_key(actor_id: str, names: dict[str, str], base: Registry) -> str:
    if actor_id in base.actors:
        return actor_id
    return "~" + _name_key(names.get(actor_id, actor_id.replace("_", " ")))


def task_blocks(doc) -> dict[str, str]:
    """Attribute line → its task: a plan's task ("1. Rà soát văn bản") with its lines "- Cơ quan chủ trì: X",
    "- Thời gian thực hiện: ..." is one task, so a duty scored on the task or on the line naming its bearer
    is the same duty (labellers put it on the line, the program on the task the user cites)."""
    out: dict[str, str] = {}
    for node in doc.walk():
        if any(c.kind == "bullet" and is_attribute_line(c.text or "") for c in node.children):
            for c in node.children:
                if c.kind == "bullet" and is_attribute_line(c.text or ""):
                    for n in c.walk():
                        out[n.eid] = node.eid
    return out


def score_entry(file: str, entry: dict) -> dict[str, Counts | int]:
    """Counts for one labelled document of a file."""
    base = load_registry()
    result = _parsed(file)
    doc = result.documents[entry["document"]]
    block = task_blocks(doc)
    judged = set(entry["clauses"]) if entry["scope"] == "listed" else {n.eid for n in doc.walk()}
    judged |= {block.get(e, e) for e in judged}
    gold: dict[tuple[str, str, str], str] = {}
    for eid, duties in entry["clauses"].items():
        for d in duties:
            gold[(block.get(eid, eid), actor_key(d["actor"], base), d["role"])] = d.get("deadline", "-")
    registry = base.with_definitions(doc.preamble + "\n" + "\n".join(f"{n.heading or ''}\n{n.text}" for n in doc.walk()))
    # the printed names of the bodies the actor list lacks, as the KB stores them
    names = {a.id: a.name for a in registry.actors.values()} | {a.id: a.name for a in document_actors(result, doc)}
    pred: dict[tuple[str, str, str], str] = {}
    for d in extract_duties(result, doc, make_doc_id(doc, result.source)):
        if d.eid in judged:
            pred.setdefault((block.get(d.eid, d.eid), _predicted_key(d.actor, names, base), d.role), deadline_key(d.deadline))
    out: dict[str, Counts | int] = {"duties": Counts(), "pairs": Counts(), "xa": Counts(), "xa_ctrl_f": Counts(),
                                    "roles_right": 0, "roles_pairs": 0, "deadlines_right": 0, "deadlines_pairs": 0}
    out["duties"].add(set(gold), set(pred))  # type: ignore[union-attr]
    gold_pairs = {(e, a) for e, a, _ in gold}
    pred_pairs = {(e, a) for e, a, _ in pred}
    out["pairs"].add(gold_pairs, pred_pairs)  # type: ignore[union-attr]
    for pair in gold_pairs & pred_pairs:
        out["roles_pairs"] += 1  # type: ignore[operator]
        roles = ({r for e, a, r in gold if (e, a) == pair}, {r for e, a, r in pred if (e, a) == pair})
        out["roles_right"] += roles[0] == roles[1]  # type: ignore[operator]
    for key in gold.keys() & pred.keys():
        out["deadlines_pairs"] += 1  # type: ignore[operator]
        out["deadlines_right"] += gold[key] == pred[key]  # type: ignore[operator]
    gold_xa = {e for e, a in gold_pairs if is_xa(a, base)}
    pred_xa = {e for e, a in pred_pairs if is_xa(a, base)}
    texts = {n.eid: f"{n.heading or ''}\n{n.text}" for n in doc.walk()}
    ctrl_f = {e for e in judged if re.search(r"(?<!\w)xã(?!\w)", texts.get(e, ""), re.IGNORECASE)}
    out["xa"].add(gold_xa, pred_xa)  # type: ignore[union-attr]
    out["xa_ctrl_f"].add(gold_xa, ctrl_f)  # type: ignore[union-attr]
    if entry.get("references") is not None:
        year = citing_year(doc)
        want = [_same_target(tuple(r), year) for r in entry["references"]]
        got = [_same_target((r.source_eid, r.target_doc, r.target_eid, r.relation), year)
               for r in find_references(result, doc)]
        out["refs"] = Counts(_match(want, got), len(got), len(want))  # type: ignore[arg-type]
    return out


_NAME_YEAR = re.compile(r"\s+năm\s+((?:19|20)\d{2})$")


def target_identity(target: str | None, year: int | None) -> str | None:
    """One key per cited document, whichever way it is written: the labels write a law cited by name as
    its name ("Luật Ngân sách nhà nước"), the finder writes the number the catalog gives that name at the
    citing text's date, or the name with its printed year when the catalog does not know it ("Luật Tài
    nguyên nước năm 2023"). Both become the number when the catalog knows the law, else the bare name."""
    if target is None or not re.match(r"(?i)(?:bộ\s+luật|luật|pháp\s+lệnh|hiến\s+pháp)\b", target):
        return number_key(target) if target else None
    m = _NAME_YEAR.search(target)
    name = target[:m.start()] if m else target
    entry = load_catalog().find_by_name(name, m.group(1) if m else None, year)
    return number_key(entry.number) if entry else "name:" + name_key(name)


def _same_target(unit: tuple, year: int | None) -> tuple:
    return (unit[0], target_identity(unit[1], year), *unit[2:])


def score_file(data: dict) -> dict[str, list[int]]:
    """A label file's counts, summed over its entries, as plain lists (what first_try.json stores)."""
    total: dict[str, list[int]] = {}
    for entry in data["entries"]:
        for key, value in score_entry(data["file"], entry).items():
            triple = [value.tp, value.pred, value.gold] if isinstance(value, Counts) else [value, 0, 0]
            total[key] = [a + b for a, b in zip(total.get(key, [0, 0, 0]), triple)]
    return total


def _figures(per_file: list[dict[str, list[int]]]) -> dict[str, float]:
    def summed(key: str) -> Counts:
        c = Counts()
        for f in per_file:
            tp, pred, gold = f.get(key, [0, 0, 0])
            c.tp, c.pred, c.gold = c.tp + tp, c.pred + pred, c.gold + gold
        return c

    def share(right: str, total: str) -> float:
        n = sum(f.get(total, [0])[0] for f in per_file)
        return sum(f.get(right, [0])[0] for f in per_file) / n if n else 1.0

    duties, pairs, xa, ctrl_f, refs = (summed(k) for k in ("duties", "pairs", "xa", "xa_ctrl_f", "refs"))
    per_doc = [Counts(*f["duties"]) for f in per_file]
    return {
        "documents": float(len(per_file)), "labelled": float(duties.gold),
        "precision": duties.p, "recall": duties.r,
        "mean_doc_precision": sum(c.p for c in per_doc) / len(per_doc) if per_doc else 1.0,
        "mean_doc_recall": sum(c.r for c in per_doc) / len(per_doc) if per_doc else 1.0,
        "pair_precision": pairs.p, "pair_recall": pairs.r,
        "roles_right": share("roles_right", "roles_pairs"), "deadlines_right": share("deadlines_right", "deadlines_pairs"),
        "xa_precision": xa.p, "xa_recall": xa.r, "xa_ctrl_f_precision": ctrl_f.p, "xa_ctrl_f_recall": ctrl_f.r,
        "references_precision": refs.p, "references_recall": refs.r,
    }


def first_try() -> dict[str, dict]:
    return json.loads(FIRST_TRY.read_text(encoding="utf-8")) if FIRST_TRY.exists() else {}


def record_first_try(names: list[str] | None = None) -> list[str]:
    """Score label files not yet in first_try.json with today's code, and keep those counts for good."""
    stored = first_try()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], check=False, capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    added = []
    for which in SETS:
        for data in label_files(which):
            key = f"{which}/{data['_name']}"
            if key in stored or (names and data["_name"] not in names):
                continue
            stored[key] = {"commit": commit, "counts": score_file(data)}
            added.append(key)
    FIRST_TRY.write_text(json.dumps(stored, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return added


def evaluate() -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    stored = first_try()
    for which in SETS:
        files = label_files(which)
        if not files:
            continue
        now = [score_file(d) for d in files]
        results[f"unseen_{which}"] = _figures(now)
        first = [stored[f"{which}/{d['_name']}"]["counts"] for d in files if f"{which}/{d['_name']}" in stored]
        if first:
            results[f"unseen_{which}_first_try"] = _figures(first)
    return results


def per_document(which: str) -> list[tuple[str, Counts, Counts]]:
    """(file, first-try duties, current duties) for each label file of a set."""
    stored = first_try()
    rows = []
    for data in label_files(which):
        first = stored.get(f"{which}/{data['_name']}", {}).get("counts", {}).get("duties", [0, 0, 0])
        rows.append((data["_name"], Counts(*first), Counts(*score_file(data)["duties"])))
    return rows


if __name__ == "__main__":
    # python -m eval.unseen [dev|held_out|record NAME...]: per-document first-try and current figures
    if sys.argv[1:2] == ["record"]:
        print("recorded:", ", ".join(record_first_try(sys.argv[2:])) or "nothing new")
    for which in [w for w in SETS if sys.argv[1:2] in ([], ["record"], [w])]:
        for name, first, now in per_document(which):
            print(f"{which:9} {name:28} first P {first.p:.2f} R {first.r:.2f}   now P {now.p:.2f} R {now.r:.2f}"
                  f"  ({now.gold} labelled)")
