"""Compare two versions of a regulation as a careful reader does: align, diff each pair, pull out facts.

Alignment works level by level. Articles (Điều) of OLD and NEW are aligned over the whole document
(chapters do not constrain them: articles move between chapters); clauses are aligned inside each aligned
article pair, points inside each aligned clause pair; chapters are aligned last, by heading and by where
their articles went. Plans (I./1./1.1) use the same method on their sections and items.

Each unit becomes a string of syllables (one character per distinct `match_key` syllable), so rapidfuzz's
bit-parallel LCS gives, for every OLD × NEW pair, the length L of their longest common subsequence:

- similarity = 2L / (|old| + |new|) of the full text (heading, text and sub-units), mixed with the
  heading similarity when both have headings (weight `HEADING_WEIGHT`);
- containment of NEW in OLD = L / |new| (and the reverse), used for splits and merges.

Steps: (1) one-to-one pairs with similarity >= `MATCH` chosen by an optimal assignment (Hungarian,
kb/diff_assign.py) with a small bonus (`ORDER_BONUS`) for keeping relative position; (2) the heaviest
order-keeping chain of those pairs: pairs off it are `moved`; (3) an unmatched NEW unit whose text lies
mostly (containment >= `PART`) inside one OLD unit that is also the source of another NEW unit, and whose
syllables are at least `PART_GAIN` OLD syllables the other part does not already use (counted as bags: the
parts of a split need not keep the old order), makes a `split` (one pair per NEW unit); an unmatched OLD
unit inside a NEW unit likewise makes a `merged`; a weak pair of step 1 whose unit is plainly such a part
(containment `PART_OVER` above the pair's similarity) is undone first; (4) what is left and lies in order
with containment >= `CONTAIN` of the shorter in the longer is paired as a rewrite (a clause dropped or many
added); (5) the rest is `added` / `removed`. Finally a clause that left one article for another (an unpaired
old clause, also of a dropped article, and an added clause elsewhere with similarity >= `MOVE_MATCH` = 0.6,
set high because nothing but the words supports such a pair) becomes one `moved` pair.

Statuses of a one-to-one pair: `moved` when off the chain, else `modified` when the words changed, else
`renumbered` when the number changed, else `editorial` (whitespace, punctuation, case, tone placement,
spelling fixes: kb/diff_ops.text_state), else `unchanged`. The pair also says `text` (same / editorial /
modified) and `renumbered` separately, so a moved article that kept its words is visible as such.

Similarity of a pair = half sequence similarity (LCS Dice of the text, 35 % heading when both have one)
and half TF-IDF cosine of syllables and syllable pairs (rare shared words count more than the phrases
every article repeats). Thresholds were chosen on data (`python -m eval.alignment --study`): on synthetic
edit scripts over 40 corpus-wild regulations (3 seeds each; 1,224 true article pairs, 240 articles
without counterpart) true pairs score >= 0.42 (1st percentile 0.57) while the best score of an article
without counterpart has median 0.20 and 90th percentile 0.37; in the Cao Bằng 2022/2026 pair, a real
redraft, true pairs go down to 0.31 and the best wrong candidate of an article is 0.27. Article F1 after
assignment for MATCH = 0.20 / 0.25 / 0.30 / 0.35 / 0.40: Cao Bằng 0.73 / 1.00 / 1.00 / 0.83 / 0.76,
synthetic 0.983 / 0.990 / 0.991 / 0.991 / 0.991; MATCH = 0.30 is best on both together. A true split
part lies >= 0.7 inside its source (containment), unrelated units <= 0.5: PART = 0.6. In long documents
(more than `DENSE_PAIRS` OLD × NEW pairs) the LCS is computed only for TF-IDF candidates; on the
200-article bench pair this gives the same alignment as computing all. Everything is deterministic (ties
resolved by position).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from kb.diff.assign import assign, chain
from kb.diff.ops import Token, diff_nodes, text_state, tokens_of_node, tokens_of_text
from kb.diff.result import LEVEL_OF_KIND, DiffResult, Pair, Side, bare
from kb.errors import KbError
from kb.model import Alignment
from parsers.model import Document, Node, ParseResult

MATCH = 0.30
HEADING_WEIGHT = 0.35
ORDER_BONUS = 0.05
TFIDF_WEIGHT = 0.5
DENSE_PAIRS = 2500  # up to this many OLD × NEW pairs every LCS is computed (rapidfuzz cdist)
CANDIDATES = 5
CANDIDATE_COSINE = 0.15
PART = 0.60
PART_GAIN = 0.50
PART_OVER = 0.20
CONTAIN = 0.70
MOVE_MATCH = 0.60  # a clause paired across articles must be clearly the same clause

class _Vocab:
    """Each distinct syllable key ↦ one character, so LCS on strings is LCS on syllables."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.units: dict[int, _Unit] = {}

    def unit(self, node: Node) -> _Unit:
        """A node's strings, computed once per diff (clauses are seen again at every level)."""
        found = self.units.get(id(node))
        if found is None or found.node is not node:
            found = _Unit(
                node, self.encode(tokens_of_node(node)), self.encode(tokens_of_text(node.heading or ""))
            )
            self.units[id(node)] = found
        return found

    def encode(self, tokens: Sequence[Token]) -> str:
        out = []
        for t in tokens:
            if t.kind != "word":
                continue
            c = self.codes.get(t.key)
            if c is None:
                c = self.codes[t.key] = chr(0x10000 + len(self.codes))
            out.append(c)
        return "".join(out)


@dataclass(frozen=True)
class _Unit:
    node: Node
    body: str  # encoded full text
    head: str  # encoded heading ("" when none)


def _units(nodes: Sequence[Node], vocab: _Vocab) -> list[_Unit]:
    return [vocab.unit(n) for n in nodes]


def _lcs(a: list[str], b: list[str]) -> np.ndarray:
    if not a or not b:
        return np.zeros((len(a), len(b)))
    return process.cdist(a, b, scorer=LCSseq.similarity, dtype=np.int32, workers=1).astype(float)


@dataclass
class _Scores:
    sim: np.ndarray  # mixed similarity, used for 1-1 pairs
    cont_new: np.ndarray  # share of NEW unit inside OLD unit
    cont_old: np.ndarray  # share of OLD unit inside NEW unit


def _grams(body: str) -> Counter[str]:
    return Counter(body) + Counter(body[k : k + 2] for k in range(len(body) - 1))


def _tfidf(old: list[_Unit], new: list[_Unit]) -> np.ndarray:
    """Cosine of syllable and syllable-pair TF-IDF vectors (IDF over the units of both lists).

    Rare shared words ("Viện kiểm sát", "thu thập") weigh more than the phrases every article repeats
    ("thi hành pháp luật"), which LCS alone counts as much as any other.
    """
    grams = [_grams(u.body) for u in old + new]
    df: Counter[str] = Counter(g for c in grams for g in c)
    total = len(grams)
    idf = {g: math.log(1 + total / k) for g, k in df.items()}
    shared = sorted(set().union(*grams[: len(old)]) & set().union(*grams[len(old) :])) if old and new else []
    col = {g: k for k, g in enumerate(shared)}
    mat = np.zeros((total, len(shared)), dtype=np.float32)
    for r, c in enumerate(grams):
        weights = [((1 + math.log(k)) * idf[g], col.get(g)) for g, k in c.items()]
        norm = math.sqrt(sum(w * w for w, _ in weights)) or 1.0
        hits = [(j, w) for w, j in weights if j is not None]
        if hits:
            cols, vals = zip(*hits)
            mat[r, list(cols)] = np.array(vals, dtype=np.float32) / norm
    return (mat[: len(old)] @ mat[len(old) :].T).astype(float)


def _candidates(cos: np.ndarray) -> np.ndarray:
    """Pairs worth an LCS in a long document: TF-IDF cosine >= `CANDIDATE_COSINE`, or among the
    `CANDIDATES` best of their row or column. Any pair that could reach `MATCH` or `PART` is among them
    (checked on the evaluation sets); the others keep LCS 0."""
    keep = cos >= CANDIDATE_COSINE
    k = min(CANDIDATES, cos.shape[1])
    rows = np.argsort(-cos, axis=1, kind="stable")[:, :k]
    keep[np.arange(cos.shape[0])[:, None], rows] = True
    k = min(CANDIDATES, cos.shape[0])
    cols = np.argsort(-cos, axis=0, kind="stable")[:k, :]
    keep[cols, np.arange(cos.shape[1])[None, :]] = True
    return keep


def _body_lcs(old: list[_Unit], new: list[_Unit], cos: np.ndarray) -> np.ndarray:
    if len(old) * len(new) <= DENSE_PAIRS:
        return _lcs([u.body for u in old], [u.body for u in new])
    lcs = np.zeros((len(old), len(new)))
    for i, j in zip(*np.nonzero(_candidates(cos))):
        lcs[i, j] = LCSseq.similarity(old[i].body, new[j].body)
    return lcs


def _scores(old: list[_Unit], new: list[_Unit]) -> _Scores:
    cos = _tfidf(old, new) if old and new else np.zeros((len(old), len(new)))
    lcs = _body_lcs(old, new, cos)
    lo = np.array([max(1, len(u.body)) for u in old], dtype=float)[:, None]
    ln = np.array([max(1, len(u.body)) for u in new], dtype=float)[None, :]
    body = 2 * lcs / (lo + ln)
    cont_new, cont_old = lcs / ln, lcs / lo
    ho = np.array([len(u.head) for u in old], dtype=float)[:, None]
    hn = np.array([len(u.head) for u in new], dtype=float)[None, :]
    both = (ho > 0) & (hn > 0)
    if both.any():
        hl = _lcs([u.head for u in old], [u.head for u in new])
        head = 2 * hl / np.maximum(1, ho + hn)
        seq = np.where(both, HEADING_WEIGHT * head + (1 - HEADING_WEIGHT) * body, body)
        head_in_old = hl / np.maximum(1, hn)
        cont_new = np.where(both, 0.5 * cont_new + 0.5 * head_in_old, cont_new)
        cont_old = np.where(both, 0.5 * cont_old + 0.5 * hl / np.maximum(1, ho), cont_old)
    else:
        seq = body
    sim = (1 - TFIDF_WEIGHT) * seq + TFIDF_WEIGHT * cos
    return _Scores(sim, cont_new, cont_old)


# --- alignment of one level ------------------------------------------------------------------------
@dataclass(frozen=True)
class _Link:
    old: tuple[int, ...]  # indices in the OLD list (several for merged)
    new: tuple[int, ...]
    status: str
    similarity: float
    parts: tuple[float, ...] = ()  # for a split or merge: the containment of each part


def _covered(one: str, many: list[str]) -> int:
    """Syllables of `one` also found in the units `many` taken together, counted as bags: the parts of
    a split need not keep the old order (a clause can go to the first part, the one before it to the
    second)."""
    if not one or not many:
        return 0
    return sum((Counter(one) & Counter("".join(many))).values())


def _parts(
    matched: dict[int, int], free: list[int], cont: np.ndarray, bodies_src: list[str], bodies_part: list[str]
) -> dict[int, list[int]]:
    """For split (or, transposed, merged): source index → extra part indices that belong to it."""
    groups: dict[int, list[int]] = {}
    for j in free:
        col = cont[:, j]
        if not len(col):
            continue
        i = int(np.argmax(col))
        if col[i] >= PART:
            groups.setdefault(i, []).append(j)
    accepted: dict[int, list[int]] = {}
    for i, extra in groups.items():
        base = [matched[i]] if i in matched else []
        if not base and len(extra) < 2:
            continue
        # The extra parts must bring OLD text the base part does not already account for.
        before = _covered(bodies_src[i], [bodies_part[j] for j in base])
        after = _covered(bodies_src[i], [bodies_part[j] for j in base + extra])
        extra_len = sum(len(bodies_part[j]) for j in extra) or 1
        if (after - before) / extra_len >= PART_GAIN:
            accepted[i] = extra
    return accepted


def _drop_parts(pairs: list[tuple[int, int]], sc: _Scores) -> list[tuple[int, int]]:
    """Undo weak pairs whose NEW unit is plainly a part of another matched OLD unit (a split) or whose
    OLD unit is plainly a part of another matched NEW unit (a merge): containment >= PART and
    `PART_OVER` above the pair's own similarity."""
    olds = {i for i, _ in pairs}
    news = {j for _, j in pairs}
    kept = []
    for i, j in pairs:
        in_other_old = max((sc.cont_new[k, j] for k in olds if k != i), default=0.0)
        in_other_new = max((sc.cont_old[i, k] for k in news if k != j), default=0.0)
        best = max(in_other_old, in_other_new)
        if best >= PART and best - sc.sim[i, j] >= PART_OVER:
            continue
        kept.append((i, j))
    return kept


def _align(old: list[_Unit], new: list[_Unit]) -> list[_Link]:
    sc = _scores(old, new)
    o2n = dict(_drop_parts(assign(sc.sim, MATCH, ORDER_BONUS), sc))
    links = _splits_and_merges(sc, old, new, o2n)
    _rewrites(sc, o2n, links)
    one = sorted(o2n.items())
    kept = chain(one, [float(sc.sim[i, j]) for i, j in one])
    links += [_Link((i,), (j,), "" if (i, j) in kept else "moved", float(sc.sim[i, j])) for i, j in one]
    taken_old = {i for lk in links for i in lk.old}
    taken_new = {j for lk in links for j in lk.new}
    links += [_Link((i,), (), "removed", 0.0) for i in range(len(old)) if i not in taken_old]
    links += [_Link((), (j,), "added", 0.0) for j in range(len(new)) if j not in taken_new]
    return links


def _splits_and_merges(sc: _Scores, old: list[_Unit], new: list[_Unit], o2n: dict[int, int]) -> list[_Link]:
    """Split and merged links; their one-to-one pairs leave `o2n`."""
    n2o = {j: i for i, j in o2n.items()}
    old_bodies, new_bodies = [u.body for u in old], [u.body for u in new]
    splits = _parts(o2n, [j for j in range(len(new)) if j not in n2o], sc.cont_new, old_bodies, new_bodies)
    used_new = {j for extra in splits.values() for j in extra}
    merges = _parts(n2o, [i for i in range(len(old)) if i not in o2n], sc.cont_old.T, new_bodies, old_bodies)
    merges = {j: extra for j, extra in merges.items() if j not in used_new}
    used_old = {i for extra in merges.values() for i in extra}
    links: list[_Link] = []
    for i, extra in splits.items():
        if i in used_old:
            continue
        group = sorted(([o2n[i]] if i in o2n else []) + extra)
        parts = tuple(float(sc.cont_new[i, j]) for j in group)
        links.append(_Link((i,), tuple(group), "split", max(parts), parts))
        o2n.pop(i, None)
    for j, extra in merges.items():
        if j not in n2o or n2o[j] in o2n:
            group = sorted(([n2o[j]] if j in n2o else []) + extra)
            parts = tuple(float(sc.cont_old[i, j]) for i in group)
            links.append(_Link(tuple(group), (j,), "merged", max(parts), parts))
            if j in n2o:
                o2n.pop(n2o[j], None)
    return links


def _rewrites(sc: _Scores, o2n: dict[int, int], links: list[_Link]) -> None:
    """Pair leftover units, in order, where the shorter lies mostly (>= CONTAIN) inside the longer."""
    taken_old = set(o2n) | {i for lk in links for i in lk.old}
    taken_new = set(o2n.values()) | {j for lk in links for j in lk.new}
    inside = np.maximum(sc.cont_new, sc.cont_old)
    rest = np.where(inside >= CONTAIN, inside, 0.0)
    for i in sorted(set(range(rest.shape[0])) - taken_old):
        for j in np.argsort(-rest[i], kind="stable"):
            j = int(j)
            if rest[i, j] <= 0:
                break
            if j not in taken_new and _in_order(i, j, o2n):
                o2n[i] = j
                taken_new.add(j)
                break


def _in_order(i: int, j: int, o2n: dict[int, int]) -> bool:
    return all((a < i) == (b < j) for a, b in o2n.items())


def _reading_order(links: list[_Link]) -> list[_Link]:
    """NEW order; a removed unit goes right after the NEW counterpart of the OLD unit before it."""
    placed: dict[int, float] = {}
    for lk in links:
        for i in lk.old:
            if lk.new:
                placed[i] = min(lk.new)

    def key(lk: _Link) -> tuple[float, int, int]:
        if lk.new:
            return (float(min(lk.new)), 0, min(lk.old) if lk.old else -1)
        i = lk.old[0]
        before = [placed[k] for k in placed if k < i]
        return ((max(before) if before else -1.0) + 0.5, 1, i)

    return sorted(links, key=key)


# --- the whole document ----------------------------------------------------------------------------
def _kids(nodes: Sequence[Node]) -> list[Node]:
    return [c for n in nodes for c in n.children if c.kind != "paragraph"]


def _primary(doc: Document) -> tuple[str, list[Node]]:
    """The units to align first: every article, or for a plan its top-level items."""
    articles = [n for n in doc.walk() if n.kind == "dieu"]
    if articles:
        return "dieu", articles
    tops = [n for n in doc.nodes if n.kind != "paragraph"]
    return (tops[0].kind if tops else "dieu"), tops


class _Builder:
    def __init__(self) -> None:
        self.pairs: list[Pair] = []
        self.vocab = _Vocab()

    def level(self, old: Sequence[Node], new: Sequence[Node], parent: int | None) -> None:
        links = _reading_order(_align(_units(old, self.vocab), _units(new, self.vocab)))
        for lk in links:
            olds = [old[i] for i in lk.old]
            news = [new[j] for j in lk.new]
            if lk.status in ("split", "merged"):
                many = news if lk.status == "split" else olds
                for k, unit in enumerate(many):
                    o, n = (olds[0], unit) if lk.status == "split" else (unit, news[0])
                    self._add(o, n, lk.status, lk.parts[k], parent)
                child_parent = len(self.pairs) - 1
                self.level(_kids(olds), _kids(news), child_parent)
                continue
            o = olds[0] if olds else None
            n = news[0] if news else None
            status = lk.status or ("added" if o is None else "removed" if n is None else "")
            idx = self._add(o, n, status, lk.similarity, parent)
            if o is not None and n is not None:
                self.level(_kids([o]), _kids([n]), idx)

    def _add(self, o: Node | None, n: Node | None, status: str, sim: float, parent: int | None) -> int:
        kind = (n or o).kind  # type: ignore[union-attr]
        state = ""
        renumbered = False
        if o is not None and n is not None:
            state = text_state(tokens_of_node(o), tokens_of_node(n))
            renumbered = (o.num or "") != (n.num or "")
            if not status:
                status = (
                    "modified"
                    if state == "modified"
                    else "renumbered"
                    if renumbered
                    else "editorial"
                    if state == "editorial"
                    else "unchanged"
                )
        ops = tuple(diff_nodes(o, n)) if status not in ("unchanged",) else ()
        level = LEVEL_OF_KIND.get(kind, kind)
        self.pairs.append(
            Pair(
                Alignment(
                    level,
                    o.eid if o else None,
                    n.eid if n else None,
                    status,
                    round(float(sim) if o and n else 0.0, 4),
                ),
                o,
                n,
                ops,
                state,
                renumbered,
                parent,
            )
        )
        return len(self.pairs) - 1


def _chapters(old: Document, new: Document, pairs: list[Pair], vocab: _Vocab) -> list[Pair]:
    """Chapters aligned by heading and by where their articles went (Dice of article membership)."""
    oc = [n for n in old.walk() if n.kind == "chuong"]
    nc = [n for n in new.walk() if n.kind == "chuong"]
    if not oc and not nc:
        return []
    where_old = {a.eid: c.eid for c in oc for a in c.walk() if a.kind == "dieu"}
    where_new = {a.eid: c.eid for c in nc for a in c.walk() if a.kind == "dieu"}
    count_o = {c.eid: sum(1 for a in c.walk() if a.kind == "dieu") for c in oc}
    count_n = {c.eid: sum(1 for a in c.walk() if a.kind == "dieu") for c in nc}
    links = [
        (where_old.get(p.alignment.old), where_new.get(p.alignment.new))
        for p in pairs
        if p.level == "dieu" and p.alignment.old and p.alignment.new
    ]
    member = np.zeros((len(oc), len(nc)))
    for a, c in enumerate(oc):
        for b, d in enumerate(nc):
            k = sum(1 for x, y in links if x == c.eid and y == d.eid)
            member[a, b] = 2 * k / max(1, count_o[c.eid] + count_n[d.eid])
    ho = [vocab.encode(tokens_of_text(c.heading or "")) for c in oc]
    hn = [vocab.encode(tokens_of_text(c.heading or "")) for c in nc]
    hl = _lcs(ho, hn)
    head = (
        2
        * hl
        / np.maximum(1, np.array([len(h) for h in ho])[:, None] + np.array([len(h) for h in hn])[None, :])
    )
    sim = 0.5 * head + 0.5 * member
    found = assign(sim, MATCH, ORDER_BONUS)
    kept = chain(found, [float(sim[i, j]) for i, j in found])
    out: list[Pair] = []
    for i, j in found:
        o, n = oc[i], nc[j]
        state = text_state(tokens_of_node(o), tokens_of_node(n))
        renumbered = (o.num or "") != (n.num or "")
        status = (
            "moved"
            if (i, j) not in kept
            else "modified"
            if state == "modified"
            else "renumbered"
            if renumbered
            else "editorial"
            if state == "editorial"
            else "unchanged"
        )
        ops = tuple(diff_nodes(bare(o), bare(n))) if status != "unchanged" else ()
        out.append(
            Pair(
                Alignment("chuong", o.eid, n.eid, status, round(float(sim[i, j]), 4)),
                o,
                n,
                ops,
                state,
                renumbered,
            )
        )
    done_o = {i for i, _ in found}
    done_n = {j for _, j in found}
    out += [
        Pair(Alignment("chuong", c.eid, None, "removed", 0.0), c, None)
        for i, c in enumerate(oc)
        if i not in done_o
    ]
    out += [
        Pair(Alignment("chuong", None, c.eid, "added", 0.0), None, c)
        for j, c in enumerate(nc)
        if j not in done_n
    ]
    return out


def _cross_moves(builder: _Builder) -> None:
    """Clauses that left one article for another: an unpaired OLD clause (of a kept or a dropped
    article) and an added NEW clause elsewhere with similarity >= `MOVE_MATCH` become one `moved` pair
    (the added pair's place and parent are kept)."""
    pairs = builder.pairs
    top = {k for k, p in enumerate(pairs) if p.parent is None}
    added = [k for k, p in enumerate(pairs) if p.status == "added" and p.parent in top]
    gone = [(k, p.old_node) for k, p in enumerate(pairs) if p.status == "removed" and p.parent in top]
    gone += [
        (k, c)
        for k, p in enumerate(pairs)
        if p.status == "removed" and p.parent is None and p.old_node
        for c in _kids([p.old_node])
    ]
    if not added or not gone:
        return
    new_units = _units([pairs[k].new_node for k in added], builder.vocab)  # type: ignore[misc]
    old_units = _units([c for _, c in gone], builder.vocab)  # type: ignore[misc]
    sc = _scores(old_units, new_units)
    drop: set[int] = set()
    for i, j in assign(sc.sim, MOVE_MATCH, 0.0):
        k_old, node = gone[i]
        k_new = added[j]
        if pairs[k_old].old_node is node:
            drop.add(k_old)
        target = pairs[k_new]
        state = text_state(tokens_of_node(node), tokens_of_node(target.new_node))  # type: ignore[arg-type]
        pairs[k_new] = Pair(
            Alignment(target.level, node.eid, target.alignment.new, "moved", round(float(sc.sim[i, j]), 4)),
            node,
            target.new_node,
            tuple(diff_nodes(node, target.new_node)),
            state,
            (node.num or "") != (target.new_node.num or ""),
            target.parent,
        )  # type: ignore[union-attr]
    if drop:
        remap, kept = {}, []
        for k, p in enumerate(pairs):
            if k not in drop:
                remap[k] = len(kept)
                kept.append(p)
        builder.pairs = [replace(p, parent=None if p.parent is None else remap.get(p.parent)) for p in kept]


def align_documents(old: Document, new: Document) -> tuple[str, list[Pair]]:
    """Every aligned pair of OLD and NEW: chapters first, then articles in NEW order with their clauses."""
    builder = _Builder()
    level, old_units = _primary(old)
    _, new_units = _primary(new)
    builder.level(old_units, new_units, None)
    _cross_moves(builder)
    chapters = _chapters(old, new, builder.pairs, builder.vocab)
    offset = len(chapters)
    shifted = [
        Pair(
            p.alignment,
            p.old_node,
            p.new_node,
            p.ops,
            p.text,
            p.renumbered,
            None if p.parent is None else p.parent + offset,
        )
        for p in builder.pairs
    ]
    return level, chapters + shifted


def diff_documents(old: Side | Document, new: Side | Document, *, facts: bool = True) -> DiffResult:
    """Align OLD and NEW, diff each pair, and (unless `facts` is False) extract the drafters' facts."""
    old_side = old if isinstance(old, Side) else Side(old, "<old>")
    new_side = new if isinstance(new, Side) else Side(new, "<new>")
    level, pairs = align_documents(old_side.doc, new_side.doc)
    result = DiffResult(old_side, new_side, tuple(pairs), (), (level,))
    if facts:
        from kb.diff.facts import extract_facts

        result = extract_facts(result)
    return result


# --- loading ---------------------------------------------------------------------------------------
def main_document(result: ParseResult) -> Document:
    """The document to compare in a file: the last one with normative (or any) structure, forms appended
    after the signature ("Mẫu số 01": a template's "Điều 1 ...") aside."""
    docs = list(result.documents)
    if not docs:
        raise KbError(f"{result.source}: no document found")
    docs = [d for d in docs if d.doc_type != "Mẫu"] or docs
    for doc in reversed(docs):
        if doc.structure == "normative" and any(n.kind == "dieu" for n in doc.walk()):
            return doc
    for doc in reversed(docs):
        if doc.nodes:
            return doc
    return docs[-1]


def load_side(ref: str, db: str | None = None) -> Side:
    """A file path, or a doc_id looked up in the KB (its source file is re-parsed)."""
    from kb.docid import doc_id as make_id
    from parsers import parse_file

    path = Path(ref)
    if path.is_file():
        result = parse_file(path)
        doc = main_document(result)
        return Side(doc, str(path), result, make_id(doc, str(path)))
    source = _source_of(ref, db)
    result = parse_file(source)
    for doc in result.documents:
        if make_id(doc, source) == ref:
            return Side(doc, source, result, ref)
    doc = main_document(result)
    return Side(doc, source, result, ref)


def _source_of(ref: str, db: str | None) -> str:
    db_path = db or "kb.db"
    if not Path(db_path).is_file():
        raise KbError(f"{ref}: no such file, and no knowledge base at {db_path} to look it up")
    try:
        from kb.store.db import get_document, open_db
    except ImportError as exc:
        raise KbError(f"{ref}: no such file (the knowledge base store is not available)") from exc
    store = open_db(db_path)
    row = get_document(store, ref)
    if not row:
        raise KbError(f"{ref}: no such file or document id in {db_path}")
    row = row if isinstance(row, dict) else getattr(row, "__dict__", {})
    source = row.get("source") or row.get("path") or row.get("file")
    if not source or not Path(source).is_file():
        raise KbError(f"{ref}: the source file of this document is no longer at {source}")
    return str(source)


def diff_refs(old: str, new: str, db: str | None = None) -> DiffResult:
    """`kb diff OLD NEW`: each side a file or a doc_id."""
    return diff_documents(load_side(old, db), load_side(new, db))
