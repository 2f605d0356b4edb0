"""The Thuyết minh of a Bảng so sánh row: the change in the words drafting teams write beside each article.

"Giữ nguyên", "Bổ sung mới", "Bãi bỏ", "Tách Điều 1 thành Điều 1 và Điều 2", "Sửa đổi khoản 1, 2; bổ sung
khoản 3; bãi bỏ khoản 4", "Sửa đổi tên điều; sửa đổi khoản 2; đánh số lại Điều 11 thành Điều 12". The clause
changes come from the pairs the aligner made inside the article (`Pair.parent`); no code reaches the words:
units are named with `kb.labels.NODE_KIND`, eids with `kb.labels.eid_address`.
"""

from __future__ import annotations

from kb import labels
from kb.diff.result import DiffResult, Pair
from parsers.model import Node

# Clause-level changes in the order drafters list them, each with the verb it takes.
_CLAUSE_VERBS = (
    ("modified", "sửa đổi"),
    ("editorial", "sửa lỗi trình bày"),
    ("added", "bổ sung"),
    ("removed", "bãi bỏ"),
)
_REWRITTEN = "sửa đổi toàn bộ nội dung"


def _name(node: Node | None) -> str:
    """ "Điều 5", "khoản 2", "Mục II": a unit as a text names it."""
    if node is None:
        return ""
    kind = labels.NODE_KIND.get(node.kind, "mục")
    return f"{kind} {node.num}".strip() if node.num else kind


def _names(nodes: list[Node | None]) -> str:
    """Units each named in full, "và" before the last: "Điều 1 và Điều 2"; repeats (one unit seen in several
    pairs) named once."""
    names = list(dict.fromkeys(_name(n) for n in nodes if n is not None))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}" if names else ""


def _numbers(nodes: list[Node | None]) -> str:
    """Units of one kind by their numbers: "khoản 1, 2, 3" (the drafters' short form)."""
    real = [n for n in nodes if n is not None]
    if not real:
        return ""
    nums = list(dict.fromkeys(n.num or "" for n in real))
    return f"{labels.NODE_KIND.get(real[0].kind, 'mục')} {', '.join(nums)}".strip()


def _same_heading(a: Node | None, b: Node | None) -> bool:
    """Headings compared as words: case and spacing are not a change of name."""
    def words(n: Node | None) -> str:
        return " ".join((n.heading or "").lower().split()) if n else ""
    return words(a) == words(b)


def _own_words(n: Node | None) -> str:
    """An article's words before its first clause (its opening sentence, or all of it without clauses)."""
    return " ".join((n.text or "").lower().split()) if n else ""


def _renumbered(p: Pair) -> bool:
    return bool(p.old_node and p.new_node and (p.old_node.num or "") != (p.new_node.num or ""))


def _clause_change(status: str, ps: list[Pair]) -> str:
    """One group of clause changes in words."""
    old, new = [p.old_node for p in ps], [p.new_node for p in ps]
    if status == "split":
        return f"tách {_names(old)} thành {_names(new)}"
    if status == "merged":
        return f"gộp {_names(old)} thành {_names(new)}"
    if status == "moved":
        return "; ".join(f"chuyển {labels.eid_address(p.alignment.old)} hiện hành thành {_name(p.new_node)}"
                         for p in ps)
    if status == "renumbered":
        return "; ".join(f"đánh số lại {_name(p.old_node)} thành {_name(p.new_node)}" for p in ps)
    verb = dict(_CLAUSE_VERBS)[status]
    return f"{verb} {_numbers(old if status == 'removed' else new)}"


def clause_changes(result: DiffResult, index: int) -> list[str]:
    """The changes inside one article, grouped by kind: ["sửa đổi khoản 1, 2", "bổ sung khoản 3"]."""
    kids = [p for p in result.pairs if p.parent == index]
    changed = [p for p in kids if p.status != "unchanged"]
    if kids and all(p.status in ("added", "removed") for p in kids):
        return [_REWRITTEN]  # no clause kept: the article was rewritten
    groups: dict[str, list[Pair]] = {}
    for p in changed:
        groups.setdefault(p.status, []).append(p)
    order = ("modified", "editorial", "split", "merged", "moved", "renumbered", "added", "removed")
    return [_clause_change(s, groups[s]) for s in order if s in groups]


def _parts(result: DiffResult, p: Pair) -> list[Pair]:
    """The pairs of one split (same old unit) or merge (same new unit) at this pair's level."""
    a = p.alignment
    if p.status == "split":
        return [q for q in result.pairs if q.status == "split" and q.level == p.level and q.alignment.old == a.old]
    return [q for q in result.pairs if q.status == "merged" and q.level == p.level and q.alignment.new == a.new]


def _amended(result: DiffResult, index: int) -> str:
    """A modified (or moved) article: its name, then its clauses; "sửa đổi nội dung" when the words changed
    outside every clause the aligner paired (an article without clauses, its opening sentence)."""
    p = result.pairs[index]
    parts = [] if _same_heading(p.old_node, p.new_node) else ["sửa đổi tên điều"]
    inner = clause_changes(result, index)
    lead_changed = inner != [_REWRITTEN] and _own_words(p.old_node) != _own_words(p.new_node)
    if not inner and (lead_changed or not parts):
        parts.append("sửa đổi nội dung")  # an article without clauses, or changed outside them
    elif inner and lead_changed:
        parts.append("sửa đổi phần mở đầu")  # the sentence before its first clause
    return "; ".join(parts + inner)


def explain(result: DiffResult, index: int) -> str:
    """The Thuyết minh of an article row (result.pairs[index] at the main level), first letter capital."""
    p = result.pairs[index]
    if p.status in ("split", "merged"):
        parts = _parts(result, p)
        verb = "Tách" if p.status == "split" else "Gộp"
        return f"{verb} {_names([q.old_node for q in parts])} thành {_names([q.new_node for q in parts])}"
    fixed = {"unchanged": "Giữ nguyên", "added": "Bổ sung mới", "removed": "Bãi bỏ",
             "renumbered": "Giữ nguyên nội dung", "editorial": "Sửa lỗi trình bày, chính tả"}
    text = fixed.get(p.status) or _amended(result, index)
    if _renumbered(p):
        verb = "chuyển vị trí" if p.status == "moved" else "đánh số lại"
        text += f"; {verb} {_name(p.old_node)} thành {_name(p.new_node)}"
    return text[:1].upper() + text[1:]


def explain_chapter(p: Pair) -> str:
    """The Thuyết minh of a chapter row: only its name is compared here, its articles have rows of their own."""
    if p.status == "added":
        return "Bổ sung chương mới"
    if p.status == "removed":
        return "Bãi bỏ chương"
    text = "Giữ nguyên tên chương" if _same_heading(p.old_node, p.new_node) else "Sửa đổi tên chương"
    if _renumbered(p):
        text += f"; đánh số lại {_name(p.old_node)} thành {_name(p.new_node)}"
    return text
