"""What every rendering of a version diff shows (text, Markdown, HTML, docx): rows, their ops, labels.

A row is one main-level pair (an article) in NEW order, removed articles kept where they stood. Its ops
are the pair's word diff, or for an unchanged article its text as one equal run; repeated substitutions
(a fact of kind `substitution`) can be hidden, i.e. shown in their new wording without marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb import labels
from kb.diff.ops import Op, tokens_of_node
from kb.diff.result import DiffResult, Fact, Pair, bare

STATUS_VI = labels.STATUS
FACT_VI = labels.FACT
_UNIT_VI = {
    "chuong": "Chương",
    "dieu": "Điều",
    "khoan": "khoản",
    "diem": "điểm",
    "section": "mục",
    "item": "mục",
    "subitem": "tiểu mục",
    "bullet": "ý",
    "paragraph": "đoạn",
}


@dataclass(frozen=True)
class Row:
    index: int  # in DiffResult.pairs
    pair: Pair
    ops: tuple[Op, ...]
    note: str  # "Nội dung thay đổi"
    facts: tuple[int, ...]  # indices in DiffResult.facts about this unit


def display_ops(pair: Pair) -> list[Op]:
    """The pair's ops; an unchanged, added or removed unit as one run of its text."""
    if pair.ops:
        return list(pair.ops)
    node = pair.new_node or pair.old_node
    if node is None:
        return []
    text = "".join(t.text for t in tokens_of_node(node))
    return [Op("equal" if pair.new_node and pair.old_node else "insert" if pair.new_node else "delete", text)]


def hidden(result: DiffResult, hide_subs: bool) -> frozenset[int]:
    """Fact indices whose ops are drawn without marks (each side in its own wording)."""
    return result.hidden_subs if hide_subs else frozenset()


def marked(op: Op, hide: frozenset[int]) -> bool:
    return op.op != "equal" and not (op.sub is not None and op.sub in hide)


def level_name(result: DiffResult) -> str:
    """What the rows are: "Điều" for a regulation, "mục" for a plan's sections."""
    return _UNIT_VI.get(result.levels[0], "mục")


def unit_name(pair: Pair, side: str = "new") -> str:
    node = pair.new_node if side == "new" else pair.old_node
    if node is None:
        return ""
    return (
        f"{_UNIT_VI.get(node.kind, node.kind)} {node.num}" if node.num else _UNIT_VI.get(node.kind, node.kind)
    )


def _children(result: DiffResult, index: int) -> list[int]:
    return [k for k, p in enumerate(result.pairs) if p.parent == index]


def _num_list(pairs: list[Pair], side: str) -> str:
    nodes = [p.new_node if side == "new" else p.old_node for p in pairs]
    nums = list(dict.fromkeys(n.num or "" for n in nodes if n is not None))
    kind = next((n.kind for n in nodes if n is not None), "")
    return f"{_UNIT_VI.get(kind, kind)} {', '.join(nums)}".strip()


def _clause_notes(result: DiffResult, index: int) -> list[str]:
    """Changes inside a unit, grouped: "sửa đổi khoản 1, 2; bãi bỏ khoản 4; bổ sung khoản 5"."""
    kids = [k for k in _children(result, index) if result.pairs[k].status != "unchanged"]
    if not kids:
        return []
    every = _children(result, index)
    if all(result.pairs[k].status in ("added", "removed") for k in every):
        return ["viết lại toàn bộ"]
    groups: dict[str, list[Pair]] = {}
    for k in kids:
        p = result.pairs[k]
        groups.setdefault(p.status, []).append(p)
    notes = []
    for status in ("modified", "editorial", "renumbered", "moved", "split", "merged", "removed", "added"):
        ps = groups.get(status)
        if not ps:
            continue
        if status == "added":
            notes.append(f"bổ sung {_num_list(ps, 'new')}")
        elif status == "removed":
            notes.append(f"bãi bỏ {_num_list(ps, 'old')}")
        elif status == "split":
            notes.append(f"tách {_num_list(ps, 'old')} thành {_num_list(ps, 'new')}")
        elif status == "merged":
            notes.append(f"gộp {_num_list(ps, 'old')} thành {_num_list(ps, 'new')}")
        elif status == "moved":
            notes += [f"chuyển {address(p.alignment.old)} đến {unit_name(p)}" for p in ps]
        elif status == "renumbered":
            notes.append(f"{STATUS_VI[status].lower()} {_num_list(ps, 'old')} → {_num_list(ps, 'new')}")
        else:
            notes.append(f"{STATUS_VI[status].lower()} {_num_list(ps, 'new')}")
    return notes


def note(result: DiffResult, index: int) -> str:
    """The "Nội dung thay đổi" of one row, in Vietnamese."""
    p = result.pairs[index]
    head = STATUS_VI[p.status]
    if p.status in ("renumbered", "moved") or (p.renumbered and p.status == "modified"):
        head += f" ({unit_name(p, 'old')} → {unit_name(p, 'new')})"
    if p.status == "split":
        parts = [
            q
            for q in result.pairs
            if q.status == "split" and q.alignment.old == p.alignment.old and q.level == p.level
        ]
        return f"Tách {unit_name(p, 'old')} thành {_num_list(parts, 'new')}"
    if p.status == "merged":
        parts = [
            q
            for q in result.pairs
            if q.status == "merged" and q.alignment.new == p.alignment.new and q.level == p.level
        ]
        return f"Gộp {_num_list(parts, 'old')} thành {unit_name(p)}"
    if p.status in ("added", "removed", "unchanged"):
        return head
    inner = _clause_notes(result, index)
    return head + (": " + "; ".join(inner) if inner else "")


def facts_of(result: DiffResult, pair: Pair) -> tuple[int, ...]:
    """Facts pointing inside this unit (by eid prefix), on either side."""

    def inside(eid: str | None, root: str | None) -> bool:
        return bool(eid and root and (eid == root or eid.startswith(root + "__")))

    out = []
    for k, f in enumerate(result.facts):
        places = f.eids or ((f.old_eid, f.new_eid),)
        if any(inside(o, pair.alignment.old) or inside(n, pair.alignment.new) for o, n in places):
            out.append(k)
    return tuple(out)


def _chapter_row(result: DiffResult, k: int) -> Row:
    p = result.pairs[k]
    ops = list(p.ops)
    if not ops:
        node = p.new_node or p.old_node
        text = "".join(t.text for t in tokens_of_node(bare(node))) if node else ""
        kind = "equal" if p.new_node and p.old_node else "insert" if p.new_node else "delete"
        ops = [Op(kind, text)]
    title = f"{STATUS_VI[p.status]}" + (
        f" ({unit_name(p, 'old')} → {unit_name(p, 'new')})" if p.renumbered else ""
    )
    if p.old_node and p.new_node:
        same = " ".join((p.old_node.heading or "").lower().split()) == " ".join(
            (p.new_node.heading or "").lower().split()
        )
        title += ": tên chương giữ nguyên" if same else ": sửa tên chương"
    return Row(k, p, tuple(ops), title, ())


def _chapter_of(result: DiffResult, side: str) -> dict[str, str]:
    doc = result.new.doc if side == "new" else result.old.doc
    return {n.eid: c.eid for c in doc.walk() if c.kind == "chuong" for n in c.walk() if n is not c}


def rows(result: DiffResult, chapters: bool = False) -> list[Row]:
    """One row per main-level pair, in NEW order (the order of `result.pairs`); with `chapters`, each
    chapter's row goes before the first row of its articles (a dropped chapter before its first
    dropped article)."""
    top = result.levels[0]
    out = [
        Row(k, p, tuple(display_ops(p)), note(result, k), facts_of(result, p))
        for k, p in enumerate(result.pairs)
        if p.level == top
    ]
    if not chapters:
        return out
    in_new, in_old = _chapter_of(result, "new"), _chapter_of(result, "old")
    by_new = {
        p.alignment.new: k for k, p in enumerate(result.pairs) if p.level == "chuong" and p.alignment.new
    }
    by_old = {
        p.alignment.old: k for k, p in enumerate(result.pairs) if p.level == "chuong" and p.alignment.old
    }
    done: set[int] = set()
    merged: list[Row] = []
    for row in out:
        a = row.pair.alignment
        here = [by_old.get(in_old.get(a.old or "", ""), -1), by_new.get(in_new.get(a.new or "", ""), -1)]
        for k in here:
            removed_only = k >= 0 and result.pairs[k].new_node is None
            if (
                k >= 0
                and k not in done
                and (removed_only or result.pairs[k].new_node is not None)
                and (removed_only or k == here[1])
            ):
                done.add(k)
                merged.append(_chapter_row(result, k))
        merged.append(row)
    merged += [
        _chapter_row(result, k) for k in sorted(set(by_new.values()) | set(by_old.values())) if k not in done
    ]
    return merged


def article_counts(result: DiffResult) -> dict[str, int]:
    """How many articles (main-level units) each status holds — articles, not pairs: Điều 1 split into
    Điều 1 and 2 is one article split; two articles merged into one are one merge."""
    from kb.model import STATUSES

    out = {s: 0 for s in STATUSES}
    seen: set[tuple[str, str | None]] = set()
    for k, p in enumerate(result.top()):
        side = p.alignment.old if p.status == "split" else p.alignment.new if p.status == "merged" else str(k)
        if (p.status, side) not in seen:
            seen.add((p.status, side))
            out[p.status] += 1
    return out


def sides_count(result: DiffResult) -> tuple[int, int]:
    """(articles of the current text, articles of the draft) at the main level."""
    top = result.top()
    return (len({p.alignment.old for p in top if p.alignment.old}), len({p.alignment.new for p in top if p.alignment.new}))


def address(eid: str | None) -> str:
    """ "art_11__para_1__point_a" → "điểm a khoản 1 Điều 11", as Vietnamese texts cite."""
    return labels.eid_address(eid)


def fact_line(f: Fact) -> str:
    label = FACT_VI.get(f.type, f.type)
    old, new = f.old or "—", f.new or "—"
    count = f" ({f.count} lần)" if f.count > 1 and f.type != "basis_replaced" else ""
    actor = f"{labels.actor_name(f.actor)}: " if f.actor else ""
    return f"{label}{count}: {actor}{old} → {new}"
