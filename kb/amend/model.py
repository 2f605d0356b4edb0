"""The values of legal time: what an amending instruction does, to which unit, from when.

An amending document's instructions ("Sửa đổi, bổ sung khoản 3 Điều 4 như sau: “...”", "Bãi bỏ điểm b
khoản 2 Điều 15", "Thay cụm từ “A” bằng cụm từ “B” tại khoản 1 Điều 3") become `Operation`s on units of the
amended document, named by eids in the amended document's numbering. One instruction may give several
operations (a phrase replaced in three articles gives three). Consolidation applies the operations in force
on a date to the base's tree; an instruction that cannot be read or whose target does not exist becomes a
`Problem`, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.model import Node, Span

# What an operation does. replace: the target unit (or its heading, see Target.part) gets `content`;
# insert: `content` is placed after `after` (before `before`; in its number's order among its siblings when
# neither is named);
# repeal: the unit keeps its place, repealed, without text; substitute: `old` becomes `new` in the target's
# text (delete_phrase: `new` is ""); suspend: the unit is not applied from `effective` (đình chỉ);
# correct: an đính chính of words, applied as substitute from the corrected document's own date;
# replace_annex: a Phụ lục is replaced as a whole.
KINDS = ("replace", "insert", "repeal", "substitute", "delete_phrase", "suspend", "correct", "replace_annex")


@dataclass(frozen=True)
class Target:
    document: str | None  # number of the amended document as cited ("80/2015/QH13"); None: not stated
    eid: str  # in the amended document's numbering: "art_4__para_3", "art_6a", "chp_2", "annex_I"; "" the whole
    # document (a phrase replaced throughout, the document repealed)
    part: str = "unit"  # "unit"; "heading" when only an article's or chapter's name is replaced; "text" when only
    # the unit's own words before its clauses are (its "đoạn mở đầu")


@dataclass(frozen=True)
class Operation:
    kind: str  # one of KINDS
    target: Target
    source_doc: str | None  # number of the amending document ("63/2020/QH14")
    source_eid: str  # the instruction's eid in the amending document ("art_1__para_3")
    span: Span  # the instruction in the amending document's source text
    content: tuple[Node, ...] = ()  # replace / insert: the new units, as quoted
    after: str | None = None  # insert: eid (amended numbering) of the unit the new one follows
    old: str | None = None  # substitute / delete_phrase / correct: the words replaced
    new: str | None = None  # substitute / correct: the words put in; "" for delete_phrase
    effective: str | None = None  # ISO date the operation takes effect
    before: str | None = None  # insert: eid (amended numbering) of the unit the new one precedes ("vào trước")


@dataclass(frozen=True)
class Problem:
    """An instruction left unapplied, with why, in Vietnamese (a user reads it)."""

    source_doc: str | None
    source_eid: str
    span: Span
    message: str  # "Không tìm thấy khoản 9 Điều 4 trong văn bản được sửa đổi"
