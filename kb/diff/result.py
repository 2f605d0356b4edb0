"""What a comparison of two versions returns: the aligned pairs of units, the facts that changed, each
side's document, and the result as a whole (`DiffResult`). The aligner builds these; the facts finder,
the views and the exports read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kb.diff.ops import Op
from kb.model import Alignment
from parsers.model import Document, Node, ParseResult

LEVEL_OF_KIND = {"chuong": "chuong", "dieu": "dieu", "khoan": "khoan", "diem": "diem"}


@dataclass(frozen=True)
class Pair:
    """One aligned unit: the `Alignment` plus what the views need."""

    alignment: Alignment
    old_node: Node | None
    new_node: Node | None
    ops: tuple[Op, ...] = ()
    text: str = ""  # "same", "editorial", "modified"; "" for added/removed
    renumbered: bool = False
    parent: int | None = None  # index in DiffResult.pairs of the enclosing pair (article of a clause)

    @property
    def level(self) -> str:
        return self.alignment.level

    @property
    def status(self) -> str:
        return self.alignment.status

    def to_dict(self) -> dict[str, Any]:
        a = self.alignment
        return {
            "level": a.level,
            "old": a.old,
            "new": a.new,
            "status": a.status,
            "similarity": round(a.similarity, 3),
            "text": self.text,
            "renumbered": self.renumbered,
            "old_num": self.old_node.num if self.old_node else None,
            "new_num": self.new_node.num if self.new_node else None,
            "ops": [op.to_dict() for op in self.ops],
        }


@dataclass(frozen=True)
class Fact:
    """A change a drafter looks for; `type` is one of kb/diff_view.FACT_VI's keys (deadline_changed,
    actor_replaced, basis_replaced, definition_changed, duty_transferred, substitution ...)."""

    type: str
    old: str | None
    new: str | None
    old_eid: str | None = None
    new_eid: str | None = None
    count: int = 1
    actor: str | None = None
    to_actor: str | None = None  # a duty_transferred fact's new bearer
    eids: tuple[tuple[str | None, str | None], ...] = ()  # every (old, new) clause pair it was seen in

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "type": self.type,
            "old": self.old,
            "new": self.new,
            "old_eid": self.old_eid,
            "new_eid": self.new_eid,
        }
        if self.count != 1:
            d["count"] = self.count
        if self.actor:
            d["actor"] = self.actor
        if self.to_actor:
            d["to_actor"] = self.to_actor
        if len(self.eids) > 1:
            d["eids"] = [list(e) for e in self.eids]
        return d


@dataclass(frozen=True)
class Side:
    doc: Document
    source: str
    result: ParseResult | None = None
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = self.doc
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "doc_type": d.doc_type,
            "number": d.number,
            "title": d.title,
            "issuer": d.issuer,
            "date": d.date,
        }

    @property
    def label(self) -> str:
        """How a drafter names the text: "Quy chế ... (ban hành kèm theo Quyết định số 03/2022/QĐ-UBND)"."""
        d = self.doc
        parts = [d.doc_type or "Văn bản"]
        if d.number:
            parts.append(f"số {d.number}")
        if d.title:
            parts.append(" ".join(d.title.split()))
        if d.parent_number:
            parts.append(f"(ban hành kèm theo Quyết định số {d.parent_number})")
        elif not d.number:
            parts.append("(dự thảo)")
        return " ".join(parts)


@dataclass(frozen=True)
class DiffResult:
    old: Side
    new: Side
    pairs: tuple[Pair, ...]
    facts: tuple[Fact, ...] = ()
    levels: tuple[str, ...] = ("dieu",)
    hidden_subs: frozenset[int] = field(default_factory=frozenset)

    def top(self) -> list[Pair]:
        """The pairs of the main level (articles), in reading order of NEW."""
        return [p for p in self.pairs if p.level == self.levels[0]]

    def summary(self, level: str | None = None) -> dict[str, int]:
        level = level or self.levels[0]
        from kb.model import STATUSES

        counts = {s: 0 for s in STATUSES}
        for p in self.pairs:
            if p.level == level:
                counts[p.status] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        levels = sorted({p.level for p in self.pairs}, key=lambda lv: (lv not in self.levels, lv))
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "level": self.levels[0],
            "summary": self.summary(),
            "summary_by_level": {lv: self.summary(lv) for lv in levels},
            "pairs": [p.to_dict() for p in self.pairs],
            "facts": [f.to_dict() for f in self.facts],
        }


# --- unit strings ----------------------------------------------------------------------------------


def bare(node: Node) -> Node:
    """A unit without its text and sub-units: a chapter's label and heading."""
    return Node(node.kind, node.num, node.heading, "", node.eid, node.span)
