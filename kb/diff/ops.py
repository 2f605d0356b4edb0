"""The word-level difference inside one aligned pair of units (article, clause or point).

A unit is flattened into tokens: numbering labels ("1.", "a)"), syllables, punctuation and line breaks.
Tokens compare on `parsers.normalise.match_key` text, so tabs, Markdown emphasis, case and tone placement
never count as changes; all labels compare equal to each other, so renumbering is not a text change.

The diff is hierarchical: when both units have the same clause structure the children are diffed pair by
pair; otherwise the whole unit is diffed at once, so a paragraph rewritten as lettered points shows only
the new labels, never its unchanged words as both deleted and inserted. Inside a run, sentences are
matched first, then syllables inside sentences that differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, Levenshtein

from parsers.model import Node
from parsers.normalise import fold, normalise

# A syllable or a number with its internal separators ("59/2012/NĐ-CP", "23/7/2012", "1.1"), or one
# punctuation character. Markdown emphasis and escapes are dropped before tokenising.
_TOKEN_RE = re.compile(r"\w+(?:[./\-–]\w+)*|[^\w\s]")
_MARKDOWN_RE = re.compile(
    r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|\\(?=[^\w\s])|^#+\s*|^[-+]\s+(?=\w\))", re.MULTILINE
)
_SENTENCE_END = {".", ";", "!", "?", ":"}
MIN_EQUAL = 2  # inside a changed sentence, a single shared syllable between two changes is not shown as kept
LABEL = "\x00label"
BREAK = "\x00br"


@dataclass(frozen=True)
class Token:
    key: str  # what comparison sees
    text: str  # what is displayed (original characters, tone normalised), with its trailing space
    kind: str  # "word", "punct", "label", "break"


@dataclass(frozen=True)
class Op:
    op: str  # "equal", "delete", "insert"
    text: str  # display text; "\n" separates units
    sub: int | None = None  # index of the repeated-substitution fact this change belongs to
    old_text: str | None = None  # an equal run as OLD prints it, when spacing or case differ

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {"op": self.op, "text": self.text}
        if self.sub is not None:
            d["sub"] = self.sub
        if self.old_text is not None:
            d["old_text"] = self.old_text
        return d

    @property
    def old(self) -> str:
        """The text this op contributes to the OLD side."""
        return "" if self.op == "insert" else self.text if self.old_text is None else self.old_text

    @property
    def new(self) -> str:
        return "" if self.op == "delete" else self.text


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Display text: Markdown emphasis removed, NFC, one tone placement, spaces folded."""
    return normalise(_MARKDOWN_RE.sub("", text or ""))


def tokens_of_text(text: str) -> list[Token]:
    return list(_tokens_cached(text or ""))


@lru_cache(maxsize=65536)
def _tokens_cached(text: str) -> tuple[Token, ...]:
    # `clean` already gave NFC text with one tone placement: case folding completes `match_key`.
    text = clean(text)
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group(0)
        end = m.end()
        # A line break inside a unit's own text separates words as a space does.
        trailing = " " if end < len(text) and text[end].isspace() else ""
        kind = "word" if word[0].isalnum() or word[0] == "_" else "punct"
        out.append(Token(word.casefold(), word + trailing, kind))
    return tuple(out)


def label_of(node: Node) -> str:
    if node.num is None:
        return ""
    if node.kind == "dieu":
        return f"Điều {node.num}."
    if node.kind == "chuong":
        return f"Chương {node.num}"
    if node.kind in ("diem",):
        return f"{node.num})"
    return f"{node.num}."


def tokens_of_node(node: Node, with_children: bool = True) -> list[Token]:
    """A unit flattened: label, heading, own text, then each child after a line break."""
    out: list[Token] = []
    label = label_of(node)
    if label:
        out.append(Token(LABEL, label + " ", "label"))
    if node.heading:
        out.extend(tokens_of_text(node.heading))
        if node.text.strip() or (with_children and node.children):
            out.append(Token(BREAK, "\n", "break"))
    out.extend(tokens_of_text(node.text))
    if with_children:
        for child in node.children:
            if out and out[-1].kind != "break":
                out.append(Token(BREAK, "\n", "break"))
            out.extend(tokens_of_node(child))
    return out


def line_eids(node: Node) -> list[str]:
    """The eid each line of `tokens_of_node(node)` belongs to (for anchors in rendered text)."""
    out = [node.eid]
    if node.heading and node.text.strip():
        out.append(node.eid)
    for child in node.children:
        out.extend(line_eids(child))
    return out


def words(tokens: Iterable[Token]) -> list[str]:
    return [t.key for t in tokens if t.kind == "word"]


def text_state(old: Sequence[Token], new: Sequence[Token]) -> str:
    """'same', 'editorial' (whitespace, punctuation, case, spelling, tone placement) or 'modified'.

    A spelling fix is a replaced run of at most 2 syllables, each within Levenshtein distance 2 of its
    counterpart or equal without diacritics; at most max(2, 2 %) of the syllables may be fixed so.
    """
    content = ("word", "punct")
    if [t.key for t in old if t.kind in content] == [t.key for t in new if t.kind in content]:
        return "same"
    a, b = words(old), words(new)
    if a == b:
        return "editorial"
    budget = max(2, len(b) // 50)
    for tag, i1, i2, j1, j2 in blocks(a, b):
        if tag == "equal":
            continue
        if i2 - i1 != j2 - j1 or i2 - i1 > 2:
            return "modified"
        for x, y in zip(a[i1:i2], b[j1:j2]):
            if not _spelling_variant(x, y):
                return "modified"
        budget -= i2 - i1
        if budget < 0:
            return "modified"
    return "editorial"


def _spelling_variant(x: str, y: str) -> bool:
    """One syllable for another by a typo or a misplaced mark: never a number, at most one edit (two in
    long words)."""
    if any(c.isdigit() for c in x + y):
        return False
    return fold(x) == fold(y) or Levenshtein.distance(x, y) <= (2 if min(len(x), len(y)) >= 6 else 1)


def _sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token index ranges of sentences: ends after . ; : ! ? or at a line break."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, t in enumerate(tokens):
        if t.kind == "break" or (t.kind == "punct" and t.key in _SENTENCE_END):
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        bounds.append((start, len(tokens)))
    return bounds


def _emit(op: str, tokens: Sequence[Token]) -> Iterator[Op]:
    if tokens:
        yield Op(op, "".join(t.text for t in tokens))


def _equal(old: Sequence[Token], new: Sequence[Token]) -> Iterator[Op]:
    if new:
        text, old_text = "".join(t.text for t in new), "".join(t.text for t in old)
        yield Op("equal", text, None, None if old_text == text else old_text)


def blocks(
    a: Sequence[object], b: Sequence[object], min_equal: int = 1
) -> list[tuple[str, int, int, int, int]]:
    """("equal" | "change", i1, i2, j1, j2) runs of an optimal (LCS) alignment, rapidfuzz's bit-parallel
    Indel. An equal run shorter than `min_equal` between two changes joins them, so a rewritten passage
    reads as one change instead of being cut at every shared "của" or "và"."""
    runs: list[list] = []
    for op in Indel.opcodes(list(a), list(b)):
        tag = "equal" if op.tag == "equal" else "change"
        if runs and runs[-1][0] == tag == "change":
            runs[-1][2], runs[-1][4] = op.src_end, op.dest_end
        else:
            runs.append([tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    out: list[list] = []
    for k, run in enumerate(runs):
        short = run[0] == "equal" and 0 < k < len(runs) - 1 and run[2] - run[1] < min_equal
        if (short or run[0] == "change") and out and out[-1][0] == "change":
            out[-1][2], out[-1][4] = run[2], run[4]
        else:
            out.append(["change" if short else run[0], *run[1:]])
    return [(r[0], r[1], r[2], r[3], r[4]) for r in out]


def _diff_syllables(old: Sequence[Token], new: Sequence[Token]) -> Iterator[Op]:
    for tag, i1, i2, j1, j2 in blocks([t.key for t in old], [t.key for t in new], MIN_EQUAL):
        if tag == "equal":
            yield from _equal(old[i1:i2], new[j1:j2])
        else:
            yield from _emit("delete", old[i1:i2])
            yield from _emit("insert", new[j1:j2])


def diff_tokens(old: Sequence[Token], new: Sequence[Token]) -> list[Op]:
    """Sentences first, then syllables inside the runs of sentences that differ."""
    so, sn = _sentences(old), _sentences(new)
    keys_o = ["\x01".join(t.key for t in old[a:b]) for a, b in so]
    keys_n = ["\x01".join(t.key for t in new[a:b]) for a, b in sn]
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in blocks(keys_o, keys_n):
        o = old[so[i1][0] : so[i2 - 1][1]] if i2 > i1 else ()
        n = new[sn[j1][0] : sn[j2 - 1][1]] if j2 > j1 else ()
        if tag == "equal":
            ops.extend(_equal(o, n))
        else:
            ops.extend(_diff_syllables(o, n))
    return merge_ops(ops)


def merge_ops(ops: Iterable[Op]) -> list[Op]:
    """Adjacent ops of one kind joined; a delete always before the insert it faces."""
    out: list[Op] = []
    for op in ops:
        if not op.text:
            continue
        if out and out[-1].op == op.op and out[-1].sub == op.sub:
            last = out[-1]
            old_text = None
            if last.old_text is not None or op.old_text is not None:
                old_text = last.old + op.old
            out[-1] = Op(op.op, last.text + op.text, op.sub, old_text)
        else:
            out.append(op)
    return out


def same_shape(old: Node, new: Node) -> bool:
    """Both units have the same number of children, recursively: diff them child by child."""
    if len(old.children) != len(new.children):
        return False
    return all(same_shape(a, b) for a, b in zip(old.children, new.children))


def diff_nodes(old: Node | None, new: Node | None) -> list[Op]:
    """The ops of one aligned pair; an added or removed unit is one insert or delete."""
    if old is None and new is None:
        return []
    if old is None:
        return merge_ops(_emit("insert", tokens_of_node(new)))  # type: ignore[arg-type]
    if new is None:
        return merge_ops(_emit("delete", tokens_of_node(old)))
    if not same_shape(old, new):
        return diff_tokens(tokens_of_node(old), tokens_of_node(new))
    ops = diff_tokens(tokens_of_node(old, with_children=False), tokens_of_node(new, with_children=False))
    for a, b in zip(old.children, new.children):
        ops.append(Op("equal", "\n"))
        ops.extend(diff_nodes(a, b))
    return merge_ops(ops)


def old_side(ops: Iterable[Op]) -> str:
    return "".join(o.old for o in ops)


def new_side(ops: Iterable[Op]) -> str:
    return "".join(o.new for o in ops)
