"""The changes a drafter looks for in a version diff, each pointing at the clauses it comes from.

- `deadline_changed`: a date or time limit in an aligned unit ("trước ngày 05 tháng 12" → "... 18 tháng 12");
- `actor_replaced` / `actor_added` / `actor_removed`: the bodies named in aligned units, grouped over the
  document (UBND cấp huyện → Ủy ban nhân dân cấp xã, with a count);
- `basis_replaced`: the documents the text relies on (its bases and citations), old set → new set, and
  `citation_changed` per aligned clause;
- `definition_changed` / `definition_added` / `definition_removed`: terms defined by "(sau đây viết tắt /
  gọi chung là X)" or in a "Giải thích từ ngữ" article;
- `duty_gained` / `duty_lost` / `duty_changed` per actor (kb/duties.py, when it is installed);
- `substitution`: one phrase replaced by another in at least `SUB_MIN` places, reported once with its
  count; the ops it covers carry the fact's index (`Op.sub`) so a view can hide them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from kb import labels
from kb.diff.ops import Op, clean, tokens_of_text
from kb.diff.result import DiffResult, Fact, Side
from parsers.model import Document, Node
from parsers.normalise import fold, match_key

SUB_MIN = 3  # a phrase swapped in at least this many places is a document-wide substitution
SUB_GAP = 2  # changes separated by at most this many unchanged syllables form one phrase swap
ACTOR_SWAP = 80  # names at least this similar (rapidfuzz ratio) are one actor renamed or re-levelled
DUTY_NEAR = (
    60  # a duty in the aligned clause is the same duty when its action is this similar (token_sort_ratio)
)
DUTY_FAR = 85  # ... and anywhere else in the document when it is this similar
SUB_CONTEXT = 3  # at most this many shared syllables on each side are added to a swap's display

_S = r"\s+"
_NUM = r"\d{1,2}"
# A date is a deadline only after a word that makes it one ("trước ngày ..."); bare dates are mostly
# the dates of cited documents.
_BEFORE = rf"(?:trước|chậm{_S}nhất|sau|đến|từ|kể{_S}từ|trong|vào|hạn){_S}(?:(?:là|hết){_S})?"
DEADLINE_RE = re.compile(
    rf"{_BEFORE}ngày{_S}{_NUM}{_S}tháng{_S}{_NUM}(?:{_S}năm{_S}\d{{4}})?"
    rf"|{_BEFORE}ngày{_S}{_NUM}/{_NUM}(?:/\d{{4}})?"
    rf"|(?:trong{_S}(?:thời{_S}hạn|vòng){_S}|sau{_S}|chậm{_S}nhất{_S}(?:là{_S})?)\d+{_S}(?:ngày|tháng|năm)"
    rf"(?:{_S}làm{_S}việc)?",
    re.IGNORECASE,
)
_DOC_NUMBER_RE = re.compile(
    r"(?P<type>Nghị\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Quyết\s+định|Nghị\s+quyết|Luật|Chỉ\s+thị|Kế\s+hoạch)"
    r"(?:\s+\1)?\s+(?:số\s+)?(?P<number>\d{1,5}\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-z0-9\-]*)",
    re.IGNORECASE,
)
_DEFINED_RE = re.compile(
    r"\(\s*(?:sau\s+đây|dưới\s+đây)\s+(?:được\s+)?(?:gọi|viết)\s+(?:tắt|chung|tắt\s+chung)?\s*(?:là\s+)?"
    r"(?P<term>[^()]{1,80}?)\s*\)",
    re.IGNORECASE,
)
_DEFINITION_ARTICLE = re.compile(r"giải\s+thích\s+từ\s+ngữ", re.IGNORECASE)
_TERM_IS = re.compile(r"^(?P<term>[^.:;]{2,80}?)\s+(?:là|được\s+hiểu\s+là)\s+(?P<definition>.+)$", re.DOTALL)

# Fallback actor finder for when kb/actors.py is not installed: an organ word and its qualifier.
_ORGAN = (
    r"Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND|Sở|Phòng|Bộ|Văn\s+phòng"
    r"|Ban|Chi\s+cục|Cục|Thanh\s+tra|Công\s+an|Viện\s+kiểm\s+sát\s+nhân\s+dân|Tòa\s+án\s+nhân\s+dân"
    r"|Ủy\s+ban\s+Mặt\s+trận\s+Tổ\s+quốc\s+Việt\s+Nam|Chủ\s+tịch|Giám\s+đốc|Thủ\s+trưởng"
)
_QUALIFIER = (
    r"(?:\s+(?:cấp\s+(?:tỉnh|huyện|xã)|các\s+(?:huyện|xã|sở)[\w\s,]{0,20}?(?=[\s,;.)]|$)|tỉnh|huyện|xã))"
)
_ACTOR_RE = re.compile(
    rf"(?<!\w)(?:(?P<organ>{_ORGAN})(?P<qual>{_QUALIFIER}|(?:\s+[A-ZĐÂĂÊÔƠƯ][\wđ]*){{1,4}})"
    r"|(?P<group>các\s+sở,\s+ban,\s+ngành))",
)
_ABBREVIATIONS = (("ubnd", "uy ban nhan dan"), ("hdnd", "hoi dong nhan dan"))


# --- helpers ---------------------------------------------------------------------------------------
def _own_text(node: Node | None) -> str:
    if node is None:
        return ""
    return clean(" ".join(x for x in (node.heading or "", node.text) if x))


def _key(text: str) -> str:
    return " ".join(match_key(text).split())


Where = tuple[str | None, str | None]


def _groups(result: DiffResult) -> Iterator[tuple[list[Node], list[Node]]]:
    """Main-level units compared as wholes: a pair, or all parts of one split or merge."""
    seen: set[int] = set()
    top = [p for p in result.pairs if p.level == result.levels[0] and p.old_node and p.new_node]
    for k, p in enumerate(top):
        if k in seen or p.text == "same":
            continue
        members = [k]
        if p.status == "split":
            members = [
                m for m, q in enumerate(top) if q.status == "split" and q.alignment.old == p.alignment.old
            ]
        elif p.status == "merged":
            members = [
                m for m, q in enumerate(top) if q.status == "merged" and q.alignment.new == p.alignment.new
            ]
        seen.update(members)
        olds = list({id(top[m].old_node): top[m].old_node for m in members}.values())
        news = list({id(top[m].new_node): top[m].new_node for m in members}.values())
        yield olds, news  # type: ignore[misc]


def _found(nodes: list[Node], finder: Any) -> list[tuple[str, str, str]]:
    """(key, text as printed, eid of the unit saying it) in reading order."""
    return [(k, shown, n.eid) for root in nodes for n in root.walk() for k, shown in finder(_own_text(n))]


# --- deadlines -------------------------------------------------------------------------------------
def deadlines(text: str) -> list[tuple[str, str]]:
    return [(_key(m.group(0)), " ".join(m.group(0).split())) for m in DEADLINE_RE.finditer(clean(text))]


def _related(old_eid: str, new_eid: str, o2n: dict[str, set[str]]) -> bool:
    """NEW unit `new_eid` is where OLD unit `old_eid` went (itself, inside it, or around it)."""
    return any(
        new_eid == t or new_eid.startswith(t + "__") or t.startswith(new_eid + "__")
        for t in _mapped(old_eid, o2n)
    )


def _deadline_facts(result: DiffResult) -> list[Fact]:
    """Deadlines that differ in an aligned unit: a changed one pairs an old and a new deadline whose
    clauses are aligned; the others are added or removed."""
    o2n = _old_to_new(result)
    out: list[Fact] = []
    for olds, news in _groups(result):
        a, b = _found(olds, deadlines), _found(news, deadlines)
        sm = SequenceMatcher(None, [x[0] for x in a], [x[0] for x in b], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                continue
            came = list(b[j1:j2])
            for x in a[i1:i2]:
                y = next((y for y in came if _related(x[2], y[2], o2n)), None)
                if y is None:
                    out.append(Fact("deadline_removed", x[1], None, x[2], None))
                else:
                    came.remove(y)
                    out.append(Fact("deadline_changed", x[1], y[1], x[2], y[2]))
            out += [Fact("deadline_added", None, y[1], None, y[2]) for y in came]
    new_at, old_at = _positions(result.new.doc), _positions(result.old.doc)
    return sorted(out, key=lambda f: (new_at.get(f.new_eid or "", -1), old_at.get(f.old_eid or "", -1)))


def _positions(doc: Document) -> dict[str, int]:
    return {n.eid: k for k, n in enumerate(doc.walk())}


def _old_to_new(result: DiffResult) -> dict[str, set[str]]:
    o2n: dict[str, set[str]] = defaultdict(set)
    for p in result.pairs:
        if p.alignment.old and p.alignment.new:
            o2n[p.alignment.old].add(p.alignment.new)
    return o2n


# --- actors ----------------------------------------------------------------------------------------
def _actor_key(name: str) -> str:
    key = fold(name)
    for short, long in _ABBREVIATIONS:
        key = re.sub(rf"\b{short}\b", long, key)
    return " ".join(key.split())


class _ActorFinder:
    """kb/actors.py's registry (extended by the document's own definitions) when installed, else a
    pattern of organ words with their qualifier."""

    def __init__(self, doc: Document) -> None:
        self.registry: Any = None
        self.names: dict[str, str] = {}
        try:
            from kb.duties.actors import load_registry

            text = " ".join(_own_text(n) for n in doc.walk())
            self.registry = load_registry().with_definitions(text)
        except Exception:  # noqa: BLE001 - the registry is optional: fall back to the pattern
            self.registry = None

    def __call__(self, text: str) -> list[tuple[str, str]]:
        if self.registry is not None:
            out = []
            for m in self.registry.find(text):
                key = "+".join(m.ids)
                if key not in self.names:
                    names = [self.registry.actors[i].name for i in m.ids if i in self.registry.actors]
                    self.names[key] = names[0] if len(names) == 1 else " ".join(m.text.split())
                out.append((key, self.names[key]))
            return out
        hits = [" ".join(m.group(0).split()).rstrip(",;. ") for m in _ACTOR_RE.finditer(text)]
        return [(_actor_key(h), h) for h in hits]


def _actor_facts(result: DiffResult) -> list[Fact]:
    find_old, find_new = _ActorFinder(result.old.doc), _ActorFinder(result.new.doc)
    swaps: dict[tuple[str, str], list[Where]] = defaultdict(list)
    lost: dict[str, list[Where]] = defaultdict(list)
    gained: dict[str, list[Where]] = defaultdict(list)
    names: dict[str, str] = {}
    for olds, news in _groups(result):
        a, b = _found(olds, find_old), _found(news, find_new)
        first_a = {k: e for k, _, e in reversed(a)}
        first_b = {k: e for k, _, e in reversed(b)}
        names.update({k: t for k, t, _ in a})
        names.update({k: t for k, t, _ in b})
        gone = sorted(set(first_a) - set(first_b))
        came = sorted(set(first_b) - set(first_a))
        for g, c in _pair_names(gone, came, names):
            if g and c:
                swaps[(g, c)].append((first_a[g], first_b[c]))
            elif g:
                lost[g].append((first_a[g], None))
            elif c:
                gained[c].append((None, first_b[c]))
    out = [
        Fact("actor_replaced", names[g], names[c], w[0][0], w[0][1], len(w), eids=tuple(w))
        for (g, c), w in sorted(swaps.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    out += [
        Fact("actor_removed", names[g], None, w[0][0], w[0][1], len(w), eids=tuple(w))
        for g, w in sorted(lost.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    out += [
        Fact("actor_added", None, names[c], w[0][0], w[0][1], len(w), eids=tuple(w))
        for c, w in sorted(gained.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    return out


def _pair_names(
    gone: list[str], came: list[str], names: dict[str, str]
) -> list[tuple[str | None, str | None]]:
    """Greedy pairing of vanished and new actors with similar names (most similar first)."""
    scored = sorted(
        ((fuzz.ratio(_actor_key(names[g]), _actor_key(names[c])), g, c) for g in gone for c in came),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    out: list[tuple[str | None, str | None]] = []
    used_g: set[str] = set()
    used_c: set[str] = set()
    for score, g, c in scored:
        if g not in used_g and c not in used_c and score >= ACTOR_SWAP:
            out.append((g, c))
            used_g.add(g)
            used_c.add(c)
    out += [(g, None) for g in gone if g not in used_g]
    out += [(None, c) for c in came if c not in used_c]
    return out


# --- legal bases -----------------------------------------------------------------------------------
def cited_documents(side: Side) -> dict[str, tuple[str, list[str | None]]]:
    """Documents a side relies on: number key → (citation as printed, eids citing it; None = bases)."""
    found: dict[str, tuple[str, list[str | None]]] = {}
    for label, eid in _citations(side):
        key = re.sub(r"\s+", "", fold(label.split(" số ")[-1] if " số " in label else label))
        entry = found.setdefault(key, (label, []))
        if eid not in entry[1]:
            entry[1].append(eid)
    return found


def _citations(side: Side) -> Iterator[tuple[str, str | None]]:
    refs = None
    if side.result is not None:
        try:
            from kb.citations.find import find_references

            refs = [r for r in find_references(side.result, side.doc) if r.target_doc]
        except ImportError:
            refs = None
        except Exception:  # noqa: BLE001 - a bug in an optional enrichment must not stop a diff
            refs = None
    if refs is not None:
        for r in refs:
            if r.relation in ("can_cu", "dan_chieu", "huong_dan", "thuc_hien", "sua_doi_bo_sung") and "/" in (
                r.target_doc or ""
            ):
                kind = r.target_type or ""
                yield (f"{kind} số {r.target_doc}".strip() if kind else r.target_doc or "", r.source_eid)
        return
    for basis in side.doc.bases:
        yield from ((label, None) for label in _numbers(basis))
    for node in side.doc.walk():
        yield from ((label, node.eid) for label in _numbers(_own_text(node)))


def _numbers(text: str) -> Iterator[str]:
    for m in _DOC_NUMBER_RE.finditer(clean(text)):
        kind = " ".join(m.group("type").split())
        kind = kind[0].upper() + kind[1:]
        number = re.sub(r"\s+", "", m.group("number"))
        yield f"{kind} số {number}"


def _basis_facts(result: DiffResult) -> list[Fact]:
    old, new = cited_documents(result.old), cited_documents(result.new)
    gone = [k for k in old if k not in new]
    came = [k for k in new if k not in old]
    out: list[Fact] = []
    if gone or came:
        first_old = next((e for k in gone for e in old[k][1] if e), None)
        first_new = next((e for k in came for e in new[k][1] if e), None)
        out.append(
            Fact(
                "basis_replaced",
                "; ".join(old[k][0] for k in gone) or None,
                "; ".join(new[k][0] for k in came) or None,
                first_old,
                first_new,
                len(gone) + len(came),
            )
        )
    for p in (q for q in result.pairs if q.level != "chuong"):
        if p.old_node is None or p.new_node is None or p.text == "same":
            continue
        a = {re.sub(r"\s+", "", fold(x.split(" số ")[-1])): x for x in _numbers(_own_text(p.old_node))}
        b = {re.sub(r"\s+", "", fold(x.split(" số ")[-1])): x for x in _numbers(_own_text(p.new_node))}
        if set(a) != set(b) and (set(a) - set(b)) and (set(b) - set(a)):
            out.append(
                Fact(
                    "citation_changed",
                    "; ".join(a[k] for k in a if k not in b),
                    "; ".join(b[k] for k in b if k not in a),
                    p.alignment.old,
                    p.alignment.new,
                )
            )
    return out


# --- definitions -----------------------------------------------------------------------------------
def definitions(doc: Document) -> dict[str, tuple[str, str, str]]:
    """Defined terms: folded term → (term as printed, definition, eid)."""
    out: dict[str, tuple[str, str, str]] = {}
    for node in doc.walk():
        text = _own_text(node)
        for m in _DEFINED_RE.finditer(text):
            term = m.group("term").strip()
            if _DOC_NUMBER_RE.search(term):  # a short name of a cited text: a legal basis, not a term
                continue
            before = re.split(r"[;:.(]|\bđối với\b|\blà\b", text[: m.start()])[-1].strip(" ,")
            out.setdefault(_actor_key(term), (term, before, node.eid))
    for art in (n for n in doc.walk() if n.kind == "dieu" and _DEFINITION_ARTICLE.search(n.heading or "")):
        for node in art.walk():
            m = _TERM_IS.match(clean(node.text))
            if node is not art and m:
                term = m.group("term").strip()
                out.setdefault(_actor_key(term), (term, m.group("definition").strip(), node.eid))
    return out


def _definition_facts(result: DiffResult) -> list[Fact]:
    old, new = definitions(result.old.doc), definitions(result.new.doc)
    out: list[Fact] = []
    for key in sorted(set(old) | set(new), key=lambda k: (old.get(k) or new.get(k) or ("", "", ""))[2]):
        a, b = old.get(key), new.get(key)
        if a and b:
            if _key(a[1]) != _key(b[1]):
                out.append(Fact("definition_changed", f"{a[0]}: {a[1]}", f"{b[0]}: {b[1]}", a[2], b[2]))
        elif a:
            out.append(Fact("definition_removed", f"{a[0]}: {a[1]}", None, a[2], None))
        elif b:
            out.append(Fact("definition_added", None, f"{b[0]}: {b[1]}", None, b[2]))
    return out


# --- duties ----------------------------------------------------------------------------------------
def _duties(side: Side) -> list[Any] | None:
    if side.result is None:
        return None
    try:
        from kb.duties.extract import extract_duties
    except ImportError:
        return None
    try:
        return list(extract_duties(side.result, side.doc, side.doc_id))
    except Exception:  # noqa: BLE001 - an optional enrichment bug must not stop a diff
        return None


def _duty_facts(result: DiffResult) -> list[Fact]:
    """Duty delta per actor. A duty is kept when the same actor has, where its clause went (or anywhere,
    if nearly word for word), a duty with a similar action; kept duties with another deadline or role
    are `duty_changed`. A lost duty whose clause now gives a similar action to another actor is
    `duty_transferred` (UBND cấp huyện's duty now UBND cấp xã's); the rest are lost or gained."""
    old, new = _duties(result.old), _duties(result.new)
    if old is None or new is None:
        return []
    o2n = _old_to_new(result)
    used: set[int] = set()
    lost: list[Any] = []
    out: list[Fact] = []
    for d in old:
        best = _counterpart(d, [e for e in new if e.actor == d.actor and id(e) not in used], o2n, DUTY_FAR)
        if best is None:
            lost.append(d)
            continue
        used.add(id(best))
        if _duty_changes(d, best):
            out.append(Fact("duty_changed", _duty_text(d), _duty_text(best), d.eid, best.eid, actor=d.actor))
    for d in lost:
        heir = _counterpart(d, [e for e in new if e.actor != d.actor and id(e) not in used], o2n, None)
        if heir is None:
            out.append(Fact("duty_lost", _duty_text(d), None, d.eid, None, actor=d.actor))
        else:
            used.add(id(heir))
            out.append(
                Fact(
                    "duty_transferred",
                    _duty_text(d),
                    f"{labels.actor_name(heir.actor)} — {_duty_text(heir)}",
                    d.eid,
                    heir.eid,
                    actor=d.actor,
                    to_actor=heir.actor,
                )
            )
    out += [
        Fact("duty_gained", None, _duty_text(e), None, e.eid, actor=e.actor) for e in new if id(e) not in used
    ]
    return sorted(out, key=lambda f: (f.actor or "", f.type, f.new_eid or f.old_eid or ""))


@lru_cache(maxsize=16384)
def _action_key(action: str) -> str:
    return match_key(action)


def _counterpart(d: Any, candidates: list[Any], o2n: dict[str, set[str]], far: int | None) -> Any:
    """The most similar candidate duty where `d`'s clause went (>= DUTY_NEAR), or elsewhere (>= far)."""
    best, best_score = None, 0.0
    for e in candidates:
        near = _related(d.eid, e.eid, o2n)
        if not near and far is None:
            continue
        score = fuzz.token_sort_ratio(_action_key(d.action), _action_key(e.action))
        if score >= (DUTY_NEAR if near else far or 101) and score > best_score:
            best, best_score = e, score
    return best


def _mapped(eid: str, o2n: dict[str, set[str]]) -> set[str]:
    parts = eid.split("__")
    for k in range(len(parts), 0, -1):
        hit = o2n.get("__".join(parts[:k]))
        if hit:
            return hit
    return set()


def _duty_changes(a: Any, b: Any) -> bool:
    da = _key(a.deadline.text) if a.deadline else ""
    db = _key(b.deadline.text) if b.deadline else ""
    return da != db or a.role != b.role


def _duty_text(d: Any) -> str:
    text = f"{labels.label(labels.ROLE, d.role)}: {d.action}"
    if d.deadline:
        text += f" ({d.deadline.text})"
    return text


# --- repeated substitutions ------------------------------------------------------------------------
def _hunks(ops: list[Op]) -> Iterator[tuple[int, int]]:
    """Index ranges [a, b) of ops forming one phrase swap: changes joined across short equal runs."""
    k = 0
    while k < len(ops):
        if ops[k].op == "equal":
            k += 1
            continue
        start = end = k
        k += 1
        while k < len(ops):
            if ops[k].op != "equal":
                end = k
                k += 1
                continue
            gap = ops[k].text
            if (
                "\n" in gap
                or len(tokens_of_text(gap)) > SUB_GAP
                or k + 1 >= len(ops)
                or ops[k + 1].op == "equal"
            ):
                break
            k += 1
        yield start, end + 1
        k = end + 1


def _sides(ops: Iterable[Op]) -> tuple[str, str]:
    old = "".join(o.text for o in ops if o.op != "insert")
    new = "".join(o.text for o in ops if o.op != "delete")
    return _key(old), _key(new)


def _context(ops: list[Op], a: int, b: int) -> tuple[list[str], list[str]]:
    before = ops[a - 1].text if a > 0 and ops[a - 1].op == "equal" else ""
    after = ops[b].text if b < len(ops) and ops[b].op == "equal" else ""
    left = [t.text.strip() for t in tokens_of_text(before.split("\n")[-1])][-SUB_CONTEXT:]
    right = [t.text.strip() for t in tokens_of_text(after.split("\n")[0])][:SUB_CONTEXT]
    return left, right


def _common_prefix(lists: list[list[str]]) -> list[str]:
    out: list[str] = []
    for items in zip(*lists):
        if len({match_key(x) for x in items}) != 1:
            break
        out.append(items[0])
    return out


def _substitutions(result: DiffResult, start: int) -> tuple[list[Fact], DiffResult]:
    top = result.levels[0]
    seen: dict[tuple[str, str], list[tuple[int, int, int]]] = defaultdict(list)
    for idx, p in enumerate(result.pairs):
        if p.level != top or p.old_node is None or p.new_node is None:
            continue
        ops = list(p.ops)
        for a, b in _hunks(ops):
            key = _sides(ops[a:b])
            if key[0] and key[1]:
                seen[key].append((idx, a, b))
    frequent = sorted(
        ((k, v) for k, v in seen.items() if len(v) >= SUB_MIN), key=lambda kv: (-len(kv[1]), kv[0])
    )
    facts: list[Fact] = []
    keys: dict[tuple[str, str], int] = {}
    doc_keys = (_doc_key(result.old.doc), _doc_key(result.new.doc)) if frequent else ("", "")
    for key, where in frequent:
        contexts = [_context(list(result.pairs[i].ops), a, b) for i, a, b in where]
        left: list[str] = []  # a left context is usually the tail of a longer word group: not shown
        right = _common_prefix([c[1] for c in contexts])
        i, a, b = where[0]
        ops = result.pairs[i].ops[a:b]
        old = " ".join(left + ["".join(o.text for o in ops if o.op != "insert").strip()] + right)
        new = " ".join(left + ["".join(o.text for o in ops if o.op != "delete").strip()] + right)
        eids = tuple(
            dict.fromkeys((result.pairs[i].alignment.old, result.pairs[i].alignment.new) for i, _, _ in where)
        )
        keys[key] = start + len(facts)
        count = max(len(where), _replaced_count(doc_keys, old, new))
        facts.append(Fact("substitution", old, new, eids[0][0], eids[0][1], count, eids=eids))
    if not keys:
        return [], result
    pairs = [replace(p, ops=tuple(_mark(list(p.ops), keys))) if p.ops else p for p in result.pairs]
    return facts, replace(result, pairs=tuple(pairs))


def _doc_key(doc: Document) -> str:
    return " " + " ".join(t.key for n in doc.walk() for t in tokens_of_text(_own_text(n))) + " "


def _replaced_count(keys: tuple[str, str], old: str, new: str) -> int:
    """How often OLD's phrase gave way to NEW's in the whole text (`keys`: both texts as keys): the
    phrase lost by OLD, capped by the phrase gained by NEW (a place where the diff cut the change
    differently still counts)."""
    a, b = keys
    p = " " + " ".join(t.key for t in tokens_of_text(old)) + " "
    q = " " + " ".join(t.key for t in tokens_of_text(new)) + " "
    return max(0, min(a.count(p) - b.count(p), b.count(q) - a.count(q)))


def _mark(ops: list[Op], keys: dict[tuple[str, str], int]) -> list[Op]:
    for a, b in list(_hunks(ops)):
        sub = keys.get(_sides(ops[a:b]))
        if sub is not None:
            for k in range(a, b):
                if ops[k].op != "equal":
                    ops[k] = Op(ops[k].op, ops[k].text, sub)
    return ops


# --- all -------------------------------------------------------------------------------------------
def extract_facts(result: DiffResult) -> DiffResult:
    """All facts, most telling first: legal bases, deadlines, duty-bearers replaced, definitions, repeated
    substitutions, then bodies added or dropped and the duty delta per actor."""
    actors = _actor_facts(result)
    facts: list[Fact] = []
    facts += _basis_facts(result)
    facts += _deadline_facts(result)
    facts += [f for f in actors if f.type == "actor_replaced"]
    facts += _definition_facts(result)
    subs, result = _substitutions(result, len(facts))
    start = len(facts)
    facts += subs
    facts += [f for f in actors if f.type != "actor_replaced"]
    facts += _duty_facts(result)
    return replace(result, facts=tuple(facts), hidden_subs=frozenset(range(start, start + len(subs))))
