"""Which documents in the knowledge base are versions of one text (`kb versions`).

Two documents are candidate versions when they have the same type and do not contain one another
(a Quyết định and the Quy chế it issues are not versions). Their score mixes

- the title, without years and numbers (rapidfuzz token_sort_ratio on folded text): weight 0.5;
- the structure: article headings (or the top-level headings of a plan), as a bag of folded
  headings matched fuzzily: weight 0.3;
- the issuer: same (1), unknown on one side (0.5) or different (0): weight 0.2.

The older of the two (by date, else the numbered one before a draft) is OLD. Pairs scoring below
`MIN_SCORE` are not shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from parsers.normalise import fold

MIN_SCORE = 0.6
# Documents of one type whose titles are all compared with each other; past this many, a title is compared
# only with those sharing one of its rarest words (see `_title_pairs`), so that the cost grows with the KB,
# not with its square.
ALL_PAIRS_UP_TO = 1000
_RARE_WORDS = 3  # of each title, its rarest words are looked up ...
_COMMON_WORD = 500  # ... unless that many titles hold one
TITLE_WEIGHT, STRUCTURE_WEIGHT, ISSUER_WEIGHT = 0.5, 0.3, 0.2
_NOISE = re.compile(r"\b\d[\d/.\-]*\b|\bnam\b|\bngay\b|\bthang\b")


@dataclass(frozen=True)
class VersionPair:
    old: str  # doc_id
    new: str
    score: float
    title: float
    structure: float
    issuer: float

    @property
    def reason(self) -> str:
        return f"tiêu đề {self.title:.2f}, cấu trúc {self.structure:.2f}, cơ quan ban hành {self.issuer:.2f}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "score": round(self.score, 3),
            "title": round(self.title, 3),
            "structure": round(self.structure, 3),
            "issuer": self.issuer,
        }


def _title_key(title: str | None) -> str:
    return " ".join(_NOISE.sub(" ", fold(title or "")).split())


def title_similarity(a: str | None, b: str | None) -> float:
    ka, kb = _title_key(a), _title_key(b)
    return fuzz.token_sort_ratio(ka, kb) / 100 if ka and kb else 0.0


def structure_similarity(a: list[str], b: list[str]) -> float:
    """Share of headings of each side with a close heading on the other (mean of both directions)."""
    if not a or not b:
        return 0.0

    def covered(x: list[str], y: list[str]) -> float:
        scores = process.cdist(x, y, scorer=fuzz.token_sort_ratio, workers=1)
        return float((scores.max(axis=1) >= 70).mean())

    return (covered(a, b) + covered(b, a)) / 2


_GENERIC_ISSUER = {"uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"}


def issuer_similarity(a: str | None, a_place: str | None, b: str | None, b_place: str | None) -> float:
    """1 for the same body, 0 for different ones, 0.5 when it cannot be told (a bare "Ủy ban nhân dân")."""
    if a_place and b_place and fold(a_place) != fold(b_place):
        return 0.0
    ka, kb = " ".join(fold(a or "").split()), " ".join(fold(b or "").split())
    if not ka or not kb:
        return 0.5
    if ka != kb:
        return 0.0
    return 0.5 if ka in _GENERIC_ISSUER and not (a_place and b_place) else 1.0


def _headings(db: Any, doc_id: str) -> list[str]:
    from kb.store.db import get_nodes

    nodes = get_nodes(db, doc_id)
    kinds = ("dieu",) if any(n["kind"] == "dieu" for n in nodes) else ("section", "item")
    return [fold(n["heading"]) for n in nodes if n["kind"] in kinds and n["heading"]]


def _older_first(a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    def key(d: dict[str, Any]) -> tuple[str, int]:
        return (d.get("date") or "9999", 0 if d.get("number") else 1)

    return (a, b) if key(a) <= key(b) else (b, a)


def propose_versions(db: Any, min_score: float = MIN_SCORE) -> list[VersionPair]:
    """Candidate version pairs in the KB, best first. Titles are compared in bulk within each document
    type (rapidfuzz cdist); structure only for pairs whose titles are close."""
    from kb.store.db import list_documents

    docs = [d for d in list_documents(db) if d.get("nodes")]
    places = {r["doc_id"]: r["place"] for r in db.query("SELECT doc_id, place FROM documents")}
    by_type: dict[str, list[dict[str, Any]]] = {}
    for d in docs:
        by_type.setdefault(fold(d.get("type") or ""), []).append(d)
    headings: dict[str, list[str]] = {}
    out: list[VersionPair] = []
    for group in by_type.values():
        keys = [_title_key(d.get("title")) for d in group]
        for i, j, title in _title_pairs(keys):
            a, b = group[i], group[j]
            if a.get("parent_doc_id") == b["doc_id"] or b.get("parent_doc_id") == a["doc_id"]:
                continue
            for d in (a, b):
                if d["doc_id"] not in headings:
                    headings[d["doc_id"]] = _headings(db, d["doc_id"])
            structure = structure_similarity(headings[a["doc_id"]], headings[b["doc_id"]])
            issuer = issuer_similarity(
                a.get("issuer"), places.get(a["doc_id"]), b.get("issuer"), places.get(b["doc_id"])
            )
            score = TITLE_WEIGHT * title + STRUCTURE_WEIGHT * structure + ISSUER_WEIGHT * issuer
            if score >= min_score:
                old, new = _older_first(a, b)
                out.append(VersionPair(old["doc_id"], new["doc_id"], score, title, structure, issuer))
    return sorted(out, key=lambda v: (-v.score, v.old, v.new))


def _title_pairs(keys: list[str]) -> Iterator[tuple[int, int, float]]:
    """(i, j, similarity) for i < j whose title keys are both non-empty and at least half alike. Up to
    `ALL_PAIRS_UP_TO` keys every pair is scored; past it, each key only against the keys sharing one of its
    `_RARE_WORDS` rarest words held by fewer than `_COMMON_WORD` keys (versions of one text share their
    title's words; two titles with no uncommon word in common are not compared)."""
    if len(keys) <= ALL_PAIRS_UP_TO:
        titles = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, workers=1) / 100
        for i, j in zip(*(titles >= 0.5).nonzero()):
            if i < j and keys[i] and keys[j]:
                yield int(i), int(j), float(titles[i, j])
        return
    words = [set(k.split()) for k in keys]
    holders: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            holders.setdefault(w, []).append(i)
    for i, ws in enumerate(words):
        rare = sorted((w for w in ws if len(holders[w]) < _COMMON_WORD), key=lambda w: (len(holders[w]), w))
        others = sorted({j for w in rare[:_RARE_WORDS] for j in holders[w] if j > i and keys[j]})
        if not keys[i] or not others:
            continue
        row = process.cdist([keys[i]], [keys[j] for j in others], scorer=fuzz.token_sort_ratio, workers=1)[0] / 100
        for j, title in zip(others, row):
            if title >= 0.5:
                yield i, j, float(title)
