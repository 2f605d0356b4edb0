"""Values the knowledge base derives from parsed documents: references, actors, duties, alignments.

All frozen. Each reference and duty carries the span of its words in the decoded source text
(`ParseResult.text`), like the nodes it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.amend.model import Operation
from parsers.model import ParseResult, Span

# Relation types of a reference (issue 3).
RELATIONS = ("can_cu", "thay_the", "sua_doi_bo_sung", "huong_dan", "thuc_hien", "ban_hanh_kem_theo", "dan_chieu")
# Roles of a duty (issue 4).
ROLES = ("chu_tri", "phoi_hop", "tham_muu", "thuc_hien", "ban_hanh", "bao_cao", "chi_dao", "de_nghi")
# Alignment statuses (issue 5).
STATUSES = (
    "unchanged", "editorial", "modified", "renumbered", "moved", "split", "merged", "added", "removed",
)


@dataclass(frozen=True)
class Reference:
    source_eid: str | None  # the citing node; None for the preamble
    text: str  # the span as printed
    target_doc: str | None  # normalised number ("80/2025/NĐ-CP") or name ("Luật Ban hành văn bản ..."); None = internal
    target_eid: str | None  # pinpoint in the target ("art_13__para_1"), or None for the whole document
    relation: str  # one of RELATIONS
    span: Span
    target_type: str | None = None  # "Nghị định", "Thông tư", "Luật" ...
    target_date: str | None = None  # ISO, when given with the citation
    target_issuer: str | None = None
    printed_number: str | None = None  # the number exactly as printed


@dataclass(frozen=True)
class Actor:
    id: str  # stable slug: "so_tu_phap", "ubnd_cap_xa"
    name: str  # canonical display name: "Sở Tư pháp"
    level: str  # "trung_uong", "tinh", "huyen", "xa" or "" when not tied to a level
    kind: str  # "co_quan", "nguoi" (a post: Chủ tịch ...), "nhom" (các sở, ban, ngành), "don_vi" (unit inside an office)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deadline:
    text: str  # as written: "trước ngày 18 tháng 12"
    kind: str  # "absolute", "relative", "recurring"
    date: str | None = None  # ISO or partial ("--12-18", "2026-Q1", "2021-09") for absolute deadlines
    days: int | None = None  # for relative ones: "trong thời hạn 20 ngày"
    anchor: str | None = None  # what a relative deadline counts from
    recurrence: str | None = None  # "hang_nam", "dinh_ky", "thuong_xuyen", "hang_quy", "hang_thang"


@dataclass(frozen=True)
class Duty:
    actor: str  # Actor.id
    role: str  # one of ROLES
    action: str  # the verb phrase
    doc_id: str | None
    eid: str  # the clause it comes from
    sentence: str
    span: Span
    deadline: Deadline | None = None
    recipient: str | None = None  # "Sở Tư pháp" in "gửi về Sở Tư pháp"
    condition: str | None = None  # "nếu cần thiết"
    product: str | None = None  # a plan task's "Sản phẩm"


@dataclass(frozen=True)
class Alignment:
    level: str  # "chuong", "dieu", "khoan", "diem" (or plan kinds)
    old: str | None  # eid in OLD, None when added
    new: str | None  # eid in NEW, None when removed
    status: str  # one of STATUSES
    similarity: float


@dataclass(frozen=True)
class EnrichedDocument:
    """What the enrichment steps found in one document: the rows the store writes beside its tree."""

    references: tuple[Reference, ...] = ()
    duties: tuple[Duty, ...] = ()
    actors: tuple[Actor, ...] = ()
    operations: tuple[Operation, ...] = ()  # its amending instructions (kb.amend.read)


@dataclass(frozen=True)
class EnrichedFile:
    """A file read, parsed and enriched: each document of `result` with its `EnrichedDocument`."""

    result: ParseResult
    documents: tuple[EnrichedDocument, ...]
