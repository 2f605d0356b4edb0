"""Consolidation (văn bản hợp nhất): a base document with the operations of its amending documents applied.

`consolidate(base, amendments, as_of)` reads each amending document's operations (`kb.amend.read`), keeps
those on the base (its number, or its name when the instruction names no number) in force on `as_of`
(every one when it is None), and applies them oldest first:

- replace: the unit gets the quoted unit's heading, words and clauses, renumbered into the base's eids
  ("para_3" quoted for Điều 4 → "art_4__para_3"); "heading" replaces only the name, "text" only the words
  before the clauses;
- insert: the new unit goes after its anchor ("vào sau"), before it ("vào trước"), or among its siblings in
  its number's order;
- repeal: the unit keeps its place and eid, `repealed`, without words (its clauses too);
- substitute / delete_phrase / correct: the words replaced in the unit and everything under it (the whole
  document when the target is "");
- suspend: recorded in the unit's history, its words kept.

Every unit an operation touched gets a `Change` in its `history`. An operation that cannot be applied (its
unit or the phrase is not there, the unit to insert already is) is a `Problem`, the base left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kb.amend.model import Operation, Problem
from kb.amend.read import read
from kb.labels import eid_address
from kb.numbers import number_key
from parsers.model import Change, Document, Node, Span
from parsers.normalise import _retone_word, fold

_NUM = re.compile(r"^(\d+)(.*)$")
_WORD = re.compile(r"\w+")
_FROM_ROOT = ("dieu", "chuong", "phan")


@dataclass
class _Unit:
    kind: str
    num: str | None
    heading: str | None
    text: str
    eid: str
    span: Span
    children: list[_Unit] = field(default_factory=list)
    repealed: bool = False
    history: list[Change] = field(default_factory=list)
    quotes: tuple = ()  # a base's own amending instructions keep what they quote

    @classmethod
    def of(cls, node: Node) -> _Unit:
        return cls(node.kind, node.num, node.heading, node.text, node.eid, node.span,
                   [cls.of(c) for c in node.children], node.repealed, list(node.history), node.quotes)

    def freeze(self) -> Node:
        return Node(self.kind, self.num, self.heading, self.text, self.eid, self.span,
                    tuple(c.freeze() for c in self.children), self.quotes, self.repealed, tuple(self.history))

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass(frozen=True)
class Consolidation:
    document: Document  # the base with the operations applied
    applied: tuple[Operation, ...]
    problems: tuple[Problem, ...]  # instructions not read, or read but not applicable


def consolidate(base: Document, amendments: Iterable[Document], as_of: str | None = None) -> Consolidation:
    """The base as amended by `amendments`, in force on `as_of` (ISO date; None: every operation)."""
    operations: list[Operation] = []
    problems: list[Problem] = []
    for doc in amendments:
        reading = read(doc)
        mine = [op for op in reading.operations if amends(op.target.document, base)]
        operations.extend(mine)
        if mine:
            problems.extend(reading.problems)
    return apply(base, operations, as_of, problems)


def apply(base: Document, operations: Iterable[Operation], as_of: str | None = None,
          problems: Iterable[Problem] = ()) -> Consolidation:
    """The base with `operations` in force on `as_of` applied, oldest first (an undated one counts as in
    force)."""
    tree = _Tree(base)
    done: list[Operation] = []
    out = list(problems)
    order = sorted(enumerate(operations), key=lambda io: (io[1].effective or "", io[0]))
    for _i, op in order:
        if as_of is not None and op.effective is not None and op.effective > as_of:
            continue
        message = tree.apply(op)
        if message:
            out.append(Problem(op.source_doc, op.source_eid, op.span, message))
        else:
            done.append(op)
    return Consolidation(replace(base, nodes=tuple(u.freeze() for u in tree.roots)), tuple(done), tuple(out))


def amends(target: str | None, base: Document) -> bool:
    """Does an operation's amended document (a number, or a name as the instruction gives it) name `base`?"""
    if target is None:
        return True
    if base.number and re.search(r"\d", target) and number_key(target) == number_key(base.number):
        return True
    name = fold(f"{base.doc_type} {base.title or ''}")
    return not re.search(r"\d+/", target) and bool(base.title) and fold(target) == name


class _Tree:
    def __init__(self, base: Document) -> None:
        self.roots = [_Unit.of(n) for n in base.nodes]
        self.index: dict[str, tuple[_Unit, list[_Unit]]] = {}
        self._reindex()

    def _reindex(self) -> None:
        self.index.clear()

        def visit(units: list[_Unit]) -> None:
            for u in units:
                self.index[u.eid] = (u, units)
                visit(u.children)

        visit(self.roots)

    def apply(self, op: Operation) -> str | None:
        change = Change(op.source_doc, op.kind, op.source_eid, op.effective)
        eid = op.target.eid
        where = eid_address(eid) if eid else "toàn văn bản"
        if op.kind in ("substitute", "delete_phrase", "correct"):
            return self._words(op, change, where)
        if op.kind == "insert":
            return self._insert(op, change, where)
        if eid == "" and op.kind in ("repeal", "suspend"):  # the whole document
            for root in self.roots:
                for u in root.walk():
                    if op.kind == "repeal":
                        u.text, u.repealed = "", True
                    u.history.append(change)
            return None
        found = self.index.get(eid)
        if found is None:
            return f"Không tìm thấy {where} trong văn bản được sửa đổi"
        unit, siblings = found
        if op.kind == "repeal":
            for u in unit.walk():
                u.text, u.repealed = "", True
                u.history.append(change)
            return None
        if op.kind == "suspend":
            unit.history.append(change)
            return None
        if op.kind == "replace_annex":
            return f"Phụ lục {where} không có trong văn bản được hợp nhất"
        if not op.content:
            return f"Không có nội dung mới cho {where}"
        new = op.content[0]
        if op.target.part == "heading":
            unit.heading = new.heading
            unit.history.append(change)
            return None
        if op.target.part == "text":
            unit.text = new.text
            unit.history.append(change)
            return None
        made = _renumbered(new, eid, change)
        made.history = unit.history + made.history
        siblings[siblings.index(unit)] = made
        self._reindex()
        return None

    def _insert(self, op: Operation, change: Change, where: str) -> str | None:
        eid = op.target.eid
        if eid in self.index:
            return f"{where} đã có trong văn bản được sửa đổi, không bổ sung lại"
        if not op.content:
            return f"Không có nội dung cho {where}"
        made = _renumbered(op.content[0], eid, change)
        anchor = op.after or op.before
        if anchor:
            found = self.index.get(anchor)
            if found is None:
                return f"Không tìm thấy {eid_address(anchor)}, nơi bổ sung {where}"
            unit, siblings = found
            at = siblings.index(unit) + (1 if op.after else 0)
        else:
            siblings = self._siblings_for(eid, made)
            if siblings is None:
                return f"Không tìm thấy đơn vị chứa {where}"
            at = _position(siblings, made)
        siblings.insert(at, made)
        self._reindex()
        return None

    def _siblings_for(self, eid: str, made: _Unit) -> list[_Unit] | None:
        """The list a unit inserted without an anchor goes in: its parent's children (an article: those
        of the chapter holding the article numbered just before it)."""
        if "__" in eid:
            parent = self.index.get(eid.rsplit("__", 1)[0])
            return parent[0].children if parent else None
        peers = [u for u, _s in self.index.values() if u.kind == made.kind]
        if not peers:
            return self.roots
        before = [u for u in peers if _key(u.num) < _key(made.num)]
        near = max(before, key=lambda u: _key(u.num)) if before else min(peers, key=lambda u: _key(u.num))
        return self.index[near.eid][1]

    def _words(self, op: Operation, change: Change, where: str) -> str | None:
        if op.target.eid:
            found = self.index.get(op.target.eid)
            if found is None:
                return f"Không tìm thấy {where} trong văn bản được sửa đổi"
            units = list(found[0].walk())
        else:
            units = [u for r in self.roots for u in r.walk()]
        old, new = op.old or "", op.new or ""
        pattern = _loose(_retoned(old))
        hit = False
        for u in units:
            for attr in ("text", "heading"):
                value = getattr(u, attr)
                if not value or u.repealed:
                    continue
                changed = _substitute(pattern, value, new)
                if changed != value:
                    if op.kind == "delete_phrase":
                        changed = re.sub(r"[ \t]{2,}", " ", changed).replace(" ,", ",").replace(" .", ".")
                    setattr(u, attr, changed)
                    if not u.history or u.history[-1] != change:
                        u.history.append(change)
                    hit = True
        return None if hit else f"Không thấy cụm từ «{old}» tại {where}"


def _retoned(text: str) -> str:
    """One tone placement ("hoá" → "hóa"), character for character (NFC keeps each word's length)."""
    return _WORD.sub(lambda m: _retone_word(m.group()), text)


def _substitute(pattern: re.Pattern[str], value: str, new: str) -> str:
    """`value` with every match of `pattern` (found on its one-tone-placement form) replaced by `new`."""
    key = _retoned(value)
    if len(key) != len(value):
        key = value
    out, last = [], 0
    for m in pattern.finditer(key):
        out += [value[last:m.start()], new]
        last = m.end()
    return "".join(out) + value[last:] if out else value


def _loose(phrase: str) -> re.Pattern[str]:
    """The phrase as printed, any run of spaces or a line break between its words."""
    words = phrase.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words)) if words else re.compile(r"(?!)")


def _renumbered(node: Node, eid: str, change: Change) -> _Unit:
    """A quoted unit as a unit of the base: its eid the target's, its clauses' and points' eids under it."""
    unit = _Unit(node.kind, node.num, node.heading, node.text, eid, node.span, [], False, [change])
    for child in node.children:
        piece = child.eid.rsplit("__", 1)[-1]
        unit.children.append(_renumbered(child, piece if child.kind in _FROM_ROOT else f"{eid}__{piece}", change))
    return unit


def _key(num: str | None) -> tuple[int, str]:
    m = _NUM.match(num or "")
    return (int(m.group(1)), m.group(2)) if m else (1 << 30, num or "")


def _position(siblings: list[_Unit], made: _Unit) -> int:
    """Where a unit goes among its siblings in its number's order: after the last one of its kind numbered
    before it (a point by its letter), else before the first of its kind, else last."""
    same = [i for i, s in enumerate(siblings) if s.kind == made.kind]
    before = [i for i in same if _order(siblings[i]) <= _order(made)]
    if before:
        return before[-1] + 1
    return same[0] if same else len(siblings)


_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def _order(unit: _Unit) -> tuple:
    num = unit.num or ""
    if unit.kind == "diem":
        head = num[:1]
        return (_LETTERS.index(head) if head in _LETTERS else 99, num[1:])
    return _key(num)


def history(base: Document, amendments: Iterable[Document], eid: str) -> list[dict]:
    """Every version of one provision: the base's words, then after each operation that changed it (or a
    unit above it), with the date and the instruction."""
    docs = list(amendments)
    consolidated = consolidate(base, docs)
    operations = sorted(consolidated.applied, key=lambda o: o.effective or "")
    node = base.find(eid)
    versions = [{"since": base.effective_date or base.date, "source": base.number, "op": None, "eid": None,
                 "text": _words(node) if node else None, "repealed": False}]
    for i, op in enumerate(operations):
        if not (op.target.eid == eid or eid.startswith(op.target.eid + "__") or op.target.eid.startswith(eid + "__")
                or op.target.eid == ""):
            continue
        step = apply(base, operations[: i + 1])
        now = step.document.find(eid)
        before = versions[-1]
        text = _words(now) if now else None
        if text == before["text"] and (now.repealed if now else False) == before["repealed"]:
            continue
        versions.append({"since": op.effective, "source": op.source_doc, "op": op.kind, "eid": op.source_eid,
                         "text": text, "repealed": bool(now and now.repealed)})
    return versions


def _words(node: Node) -> str:
    lines = []
    for n in node.walk():
        label = {"dieu": "Điều", "chuong": "Chương", "muc": "Mục", "phan": "Phần"}.get(n.kind)
        head = f"{label} {n.num}." if label else (f"{n.num}." if n.kind == "khoan" else f"{n.num})")
        line = " ".join(x for x in (head, n.heading or "", n.text) if x)
        lines.append(line.strip())
    return "\n".join(lines)
