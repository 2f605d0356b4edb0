"""Version alignment (kb/diff.py) against hand labels and synthetic edit scripts, with a difflib baseline.

Groups:
- `alignment_cao_bang`: the article alignment of the Cao Bằng 2022 Quy chế and its 2026 draft against
  eval/labels/alignment.json (written by hand): precision / recall / F1 of (old, new) article pairs,
  accuracy of the statuses, and the same figures for a line diff (difflib) baseline.
- `alignment_synthetic`: regulations of ../shared/corpus-wild with >= 5 articles, each edited by seeded
  scripts (delete, insert an article of another document, move, split, reword: eval/diff_synthetic.py);
  pair precision / recall / F1, status accuracy, and spurious changes: articles whose words did not
  change but are shown as changed (ours: not paired to their copy or paired with text != same; the
  baseline: any of their lines inside a difflib insert/delete block, as a line compare shows them).

`python -m eval.alignment --study` prints the similarity of true pairs and the best score of units that
have no counterpart, on both sets: the data the thresholds in kb/diff.py were chosen from.
"""

from __future__ import annotations

import json
import random
import sys
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from eval.diff_synthetic import Truth, build, edit, specs_of
from kb.diff.align import diff_documents, main_document
from kb.diff.ops import tokens_of_node
from kb.diff.result import DiffResult
from parsers.model import Document, Node

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).with_name("labels") / "alignment.json"
WILD = ROOT.parent / "shared" / "corpus-wild"
SEEDS = (1, 2, 3)
MAX_DOCS = 40

Row = tuple[int | None, int | None, str]


def _num(eid: str | None) -> int | None:
    return int(eid.split("_")[1]) if eid else None


def article_rows(result: DiffResult) -> list[Row]:
    return [
        (_num(p.alignment.old), _num(p.alignment.new), p.status) for p in result.pairs if p.level == "dieu"
    ]


def _words(doc: Document, num: int) -> list[str]:
    node = doc.find(f"art_{num}")
    return [t.key for t in tokens_of_node(node) if t.kind == "word"] if node else []


def _prf(got: set, want: set) -> tuple[float, float, float]:
    tp = len(got & want)
    p = tp / len(got) if got else 1.0
    r = tp / len(want) if want else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- difflib baseline ----------------------------------------------------------------------------------
def _lines(doc: Document) -> list[tuple[str, int]]:
    """The text as a line compare sees it: one line per unit, article number included; (key, article)."""
    out = []
    for art in (n for n in doc.walk() if n.kind == "dieu"):
        for node in art.walk():
            head = f"Điều {node.num}. {node.heading or ''}" if node is art else ""
            key = " ".join(t.key for t in tokens_of_node(_alone(node)) if t.kind != "label")
            out.append((f"{head} {key}".strip(), int(art.num or 0) if (art.num or "").isdigit() else 0))
    return out


def _alone(node: Node) -> Node:
    return Node(node.kind, None, node.heading, node.text, node.eid, node.span)


def baseline(old: Document, new: Document) -> tuple[set[tuple[int | None, int | None]], set[int]]:
    """difflib on lines: an old article goes where most of its matched lines went; also the old
    articles with a line inside a changed block."""
    a, b = _lines(old), _lines(new)
    sm = SequenceMatcher(None, [x[0] for x in a], [x[0] for x in b], autojunk=False)
    votes: dict[int, dict[int, int]] = {}
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            votes.setdefault(a[blk.a + k][1], {}).setdefault(b[blk.b + k][1], 0)
            votes[a[blk.a + k][1]][b[blk.b + k][1]] += 1
    size = {n: sum(1 for _, m in a if m == n) for _, n in a}
    pairs: set[tuple[int | None, int | None]] = set()
    for art, v in votes.items():
        best = max(sorted(v), key=lambda n: v[n])
        if v[best] * 2 >= size[art]:
            pairs.add((art, best))
    olds = {o for o, _ in pairs}
    news = {n for _, n in pairs}
    pairs |= {(n, None) for _, n in a if n not in olds}
    pairs |= {(None, n) for _, n in b if n not in news}
    changed = {a[i][1] for tag, i1, i2, _, _ in sm.get_opcodes() if tag != "equal" for i in range(i1, i2)}
    return pairs, changed


# --- Cao Bằng --------------------------------------------------------------------------------------
def _cao_bang() -> dict[str, float]:
    from parsers import parse_file

    labels = json.loads(LABELS.read_text(encoding="utf-8"))["cao_bang"]
    old = main_document(parse_file(ROOT / labels["old"]))
    new = main_document(parse_file(ROOT / labels["new"]))
    rows = [tuple(r[:3]) for r in labels["articles"]]
    alternatives = [[tuple(x) for x in alt] for alt in labels["alternatives"]]
    got = article_rows(diff_documents(old, new, facts=False))
    want = {(o, n) for o, n, _ in rows}
    p, r, f = _prf({(o, n) for o, n, _ in got}, want)
    accepted = set(rows) | {x for alt in alternatives for x in alt}
    status_ok = sum(1 for row in got if row in accepted and (row[0], row[1]) in want)
    base_pairs, _ = baseline(old, new)
    bp, br, bf = _prf(base_pairs, want)
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "status_accuracy": status_ok / len(rows),
        "baseline_precision": bp,
        "baseline_recall": br,
        "baseline_f1": bf,
    }


# --- synthetic -----------------------------------------------------------------------------------------
@cache
def wild_regulations() -> tuple[tuple[str, Document], ...]:
    """corpus-wild documents with at least 5 articles having text (parsed once per process)."""
    from parsers import parse_file
    from parsers.errors import ParseError

    if not WILD.is_dir():
        return ()
    out = []
    for path in sorted(WILD.glob("*.md")):
        try:
            doc = main_document(parse_file(path))
        except (ParseError, ValueError, UnicodeError):
            continue
        arts = [n for n in doc.walk() if n.kind == "dieu"]
        if len(arts) >= 5 and sum(1 for a in arts if a.children or a.text.strip()) >= 5:
            out.append((path.name, doc))
    return tuple(out[:MAX_DOCS])


def synthetic_cases() -> list[tuple[str, Document, Document, Truth]]:
    docs = wild_regulations()
    cases = []
    for k, (name, doc) in enumerate(docs):
        specs = specs_of(doc)
        donor_doc = docs[(k + 1) % len(docs)][1]
        donors = specs_of(donor_doc)
        for seed in SEEDS:
            rng = random.Random(f"{name}:{seed}")
            new_specs, truth = edit(
                specs,
                rng,
                donors=donors,
                n_delete=1,
                n_insert=1,
                n_move=1,
                n_split=1,
                n_reword=2,
                n_rewrite=1,
            )
            cases.append((f"{name}:{seed}", build(specs), build(new_specs), truth))
    return cases


def _synthetic() -> dict[str, float]:
    cases = synthetic_cases()
    got_all: set = set()
    want_all: set = set()
    base_all: set = set()
    status_ok = status_n = spurious = base_spurious = same_n = 0
    for name, old, new, truth in cases:
        result = diff_documents(old, new, facts=False)
        rows = article_rows(result)
        result_pairs = {(name, o, n) for o, n, _ in rows}
        want = {(name, o, n) for o, n, _ in truth.pairs}
        got_all |= result_pairs
        want_all |= want
        truth_status = {(o, n): s for o, n, s in truth.pairs}
        for o, n, s in rows:
            if (o, n) in truth_status:
                status_n += 1
                status_ok += s == truth_status[(o, n)]
        base_pairs, base_changed = baseline(old, new)
        base_all |= {(name, o, n) for o, n in base_pairs}
        same_text = {
            o for o, n, s in truth.pairs if o and n and s != "split" and _words(old, o) == _words(new, n)
        }
        same_n += len(same_text)
        ok_same = {o for o, n, s in rows if o in same_text and (o, n) in truth_status}
        texts = {p.alignment.old: p.text for p in result.pairs if p.level == "dieu"}
        spurious += sum(1 for o in same_text if o not in ok_same or texts.get(f"art_{o}") != "same")
        base_spurious += len(same_text & base_changed)
    p, r, f = _prf(got_all, want_all)
    bp, br, bf = _prf(base_all, want_all)
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "status_accuracy": status_ok / max(1, status_n),
        "spurious_changes": float(spurious),
        "unchanged_articles": float(same_n),
        "baseline_precision": bp,
        "baseline_recall": br,
        "baseline_f1": bf,
        "baseline_spurious_changes": float(base_spurious),
        "pairs": float(len(cases)),
    }


def evaluate() -> dict[str, dict[str, float]]:
    out = {"alignment_cao_bang": _cao_bang()}
    if WILD.is_dir():
        out["alignment_synthetic"] = _synthetic()
    return out


# --- threshold study ---------------------------------------------------------------------------------
def study() -> None:
    """Similarities of true pairs vs the best score of units without a counterpart."""
    import numpy as np

    from kb.diff.align import _primary, _scores, _units, _Vocab

    true_sims, lone_best = [], []
    for _name, old, new, truth in synthetic_cases():
        vocab = _Vocab()
        a, b = _units(_primary(old)[1], vocab), _units(_primary(new)[1], vocab)
        sc = _scores(a, b)
        for o, n, s in truth.pairs:
            if o and n and s not in ("split", "merged"):
                true_sims.append(float(sc.sim[o - 1, n - 1]))
            elif o and not n:
                lone_best.append(float(sc.sim[o - 1].max()))
            elif n and not o:
                lone_best.append(float(sc.sim[:, n - 1].max()))
    for label, xs in (("true pairs", true_sims), ("units without counterpart (best score)", lone_best)):
        q = np.percentile(xs, [0, 1, 5, 10, 50, 90, 95, 99, 100])
        print(f"{label} (n={len(xs)}): " + " ".join(f"{v:.2f}" for v in q))
    import kb.diff.align

    for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        missed = sum(1 for x in true_sims if x < t)
        false = sum(1 for x in lone_best if x >= t)
        kb.diff.MATCH = t
        cb, syn = _cao_bang(), _synthetic()
        print(
            f"MATCH={t:.2f}: true pairs below {missed}, lone units above {false}; after assignment F1 "
            f"Cao Bằng {cb['f1']:.3f}, synthetic {syn['f1']:.3f} (status {syn['status_accuracy']:.3f})"
        )


if __name__ == "__main__":
    if "--study" in sys.argv:
        study()
    else:
        print(json.dumps(evaluate(), indent=2))
