"""A document's status on a date: dự thảo, chưa có hiệu lực, còn hiệu lực, hết hiệu lực một phần, hết hiệu
lực toàn bộ, chưa rõ — each with its date, the document that caused it and why.

What other texts did to a document comes in as `Event`s, whatever found them: the citation relations of other
stored documents (`events_from_references`: "thay thế" / "bãi bỏ" a whole text, "sửa đổi, bổ sung" or "bãi
bỏ" some of its units), the catalog (`events_from_catalog`), the amending operations kb.amend reads
(`events_from_operations`), or the document's own end date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kb.amend.model import Operation
from kb.citations.catalog import Catalog, Entry, load_catalog
from kb.model import Reference
from kb.validity.effective import EffectiveDate, effective_date, parent_of
from parsers.model import Document, ParseResult

LABELS = {
    "du_thao": "Dự thảo",
    "chua_co_hieu_luc": "Chưa có hiệu lực",
    "con_hieu_luc": "Còn hiệu lực",
    "het_hieu_luc_mot_phan": "Hết hiệu lực một phần",
    "het_hieu_luc_toan_bo": "Hết hiệu lực toàn bộ",
    "chua_ro": "Chưa rõ",
}
# What an event does: the whole text ends ("replaced", "repealed", "expired") or some units change ("amended",
# "partly_repealed").
WHOLE = ("replaced", "repealed", "expired")
PARTIAL = ("amended", "partly_repealed")
# Administrative texts (plans, letters, notices) state no effective date: they apply from signing.
_FROM_SIGNING = ("Kế hoạch", "Công văn", "Công điện", "Thông báo", "Báo cáo", "Chương trình", "Hướng dẫn")


@dataclass(frozen=True)
class Event:
    """Something another text (or the document itself) did to a document, from a date."""

    kind: str  # one of WHOLE or PARTIAL
    date: str | None  # ISO; None when not known
    cause: str | None  # number of the document that did it ("64/2025/QH15"); None for the document's own end
    scope: tuple[str, ...] = ()  # eids of the units concerned, for partial events
    source: str = "citation"  # "citation", "catalog", "operation" or "text"
    cause_name: str | None = None  # how a user names the cause: "Luật số 63/2020/QH14" (its type known)


@dataclass(frozen=True)
class Status:
    code: str  # one of LABELS
    label: str  # Vietnamese, as shown
    since: str | None  # ISO
    cause: str | None  # number of the document that caused it
    reason: str  # Vietnamese, one sentence


def _status(code: str, since: str | None, cause: str | None, reason: str) -> Status:
    return Status(code, LABELS[code], since, cause, reason)


# --- drafts --------------------------------------------------------------------------------------------------
_DRAFT_MARK = re.compile(r"(?m)^\W*(?:DỰ\s+THẢO|Dự\s+thảo)(?:\s+(?:LẦN|lần)\s+\d+)?\W*$")
_BLANK_NUMBER = re.compile(r"\bSố\s*(?:hiệu)?\s*[:.]?\s*[_.…\s]*/\s*\d{4}\s*/\s*[A-ZĐ]", re.IGNORECASE)
_BLANK_DATE = re.compile(r"ngày\s+[_.…\s]*tháng\s+[_.…\s]*năm\s+\d{4}", re.IGNORECASE)


def draft_reason(doc: Document) -> str | None:
    """Why the text is a draft ("DỰ THẢO" above its header, a blank number "số /2026/QĐ-UBND", a blank date),
    or None."""
    head = "\n".join((doc.portal or "", doc.preamble or ""))
    if _DRAFT_MARK.search(head):
        return "văn bản ghi “Dự thảo”"
    if doc.number is None and _BLANK_NUMBER.search(head):
        return "số hiệu để trống"
    if doc.date is None and _BLANK_DATE.search(head):
        return "ngày ban hành để trống"
    return None


# --- events --------------------------------------------------------------------------------------------------
def events_from_references(refs: Iterable[Reference], cause: str | None, when: str | None) -> list[Event]:
    """The events a document's own citations cause to the texts it cites: "thay thế"/"bãi bỏ" a whole text
    (relation thay_the without a pinpoint), "sửa đổi, bổ sung" or "bãi bỏ" some units (sua_doi_bo_sung), from
    `when`, the citing document's effective date. Citations in the preamble (its bases) cause nothing."""
    out: list[Event] = []
    for ref in refs:
        if ref.source_eid is None or not ref.target_doc:
            continue
        if ref.relation == "thay_the" and ref.target_eid is None:
            out.append(Event("replaced", when, cause))
        elif ref.relation in ("sua_doi_bo_sung", "thay_the"):
            out.append(Event("amended", when, cause, (ref.target_eid,) if ref.target_eid else ()))
    return out


def events_from_catalog(entry: Entry | None, catalog: Catalog | None = None) -> list[Event]:
    """What the catalog records of a document: replaced or expired from `status_from`, amended by others (from
    the amending text's effective date when `catalog` knows it)."""
    if entry is None:
        return []
    out: list[Event] = []
    if entry.status in ("replaced", "expired"):
        out.append(Event(entry.status, entry.status_from, entry.replaced_by[0] if entry.replaced_by else None,
                         source="catalog"))
    for number in entry.amended_by:
        amending = catalog.get(number) if catalog else None
        out.append(Event("amended", amending.effective_date if amending else None, number, source="catalog"))
    return out


def events_from_operations(operations: Iterable[Operation], names: dict[str, str] | None = None) -> list[Event]:
    """Stored amending operations on a document's units: a repeal of the whole text ("Bãi bỏ Quyết định số
    ...", an empty target eid) ends it, a repeal of units ends those units, any other operation changes them.
    `names`: number of an amending document → how a user names it ("Luật số 63/2020/QH14")."""
    return [operation_event(op.kind, op.target.eid, op.effective, op.source_doc, (names or {}).get(op.source_doc or ""))
            for op in operations]


def operation_event(kind: str, eid: str | None, effective: str | None, cause: str | None,
                    cause_name: str | None = None) -> Event:
    """The event one operation (or one stored operation row) causes to the document it amends."""
    if kind == "repeal" and not eid:
        return Event("repealed", effective, cause, (), "operation", cause_name)
    return Event("partly_repealed" if kind == "repeal" else "amended", effective, cause, (eid or "",), "operation",
                 cause_name)


def cause_name(doc_type: str | None, number: str | None) -> str | None:
    """"Luật số 63/2020/QH14", "Nghị định số 59/2022/NĐ-CP" (None without a number; "văn bản số ..." without a
    type)."""
    if not number:
        return None
    return f"{doc_type or 'văn bản'} số {number}"


# --- the status ----------------------------------------------------------------------------------------------
def _fmt(iso: str | None) -> str:
    if not iso:
        return "ngày chưa rõ"
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def document_status(doc: Document, effective: EffectiveDate | None, events: Iterable[Event] = (),
                    as_of: str | None = None) -> Status:
    """The status of `doc` on `as_of` (ISO; today when None) from its text, its effective date and what other
    texts did to it. An event without a date counts (its text is stored or catalogued); one dated after
    `as_of` does not yet."""
    as_of = as_of or date.today().isoformat()
    reason = draft_reason(doc)
    if reason:
        return _status("du_thao", None, None, f"Dự thảo: {reason}.")
    events = list(events)
    if effective and effective.until and not any(e.kind == "expired" and e.cause is None for e in events):
        events.append(Event("expired", effective.until, None, source="text"))
    started = effective.date if effective else (doc.date if doc.doc_type in _FROM_SIGNING else None)
    if started and started > as_of:
        return _status("chua_co_hieu_luc", started, None, f"Có hiệu lực từ {_fmt(started)}.")
    past = [e for e in events if e.date is None or e.date <= as_of]
    whole = sorted((e for e in past if e.kind in WHOLE), key=lambda e: e.date or "")
    if whole:
        e = whole[0]
        how = {"replaced": "Bị thay thế", "repealed": "Bị bãi bỏ", "expired": "Hết thời hạn"}[e.kind]
        by = f" bởi {_name(e)}" if e.cause else ""
        return _status("het_hieu_luc_toan_bo", e.date, e.cause, f"{how}{by} từ {_fmt(e.date)}.")
    partial = sorted((e for e in past if e.kind in PARTIAL), key=lambda e: e.date or "")
    if partial:
        e = partial[-1]
        return _status("het_hieu_luc_mot_phan", e.date, e.cause, _partial_reason(partial))
    if effective is None and started is None:
        return _status("chua_ro", None, None, "Không tìm thấy câu quy định ngày có hiệu lực.")
    if started is None:
        return _status("chua_ro", None, None, f"Ngày có hiệu lực chưa xác định được: “{effective.text[:120]}”.")
    why = (f"Có hiệu lực từ {_fmt(started)}." if effective else f"Văn bản hành chính, áp dụng từ ngày ký {_fmt(started)}.")
    if effective and effective.inherited_from:
        why = f"Có hiệu lực từ {_fmt(started)} theo văn bản số {effective.inherited_from}."
    return _status("con_hieu_luc", started, None, why)


def _name(e: Event) -> str:
    return e.cause_name or f"văn bản số {e.cause}"


_MOST_NAMED = 3  # amending texts named in a reason; the others are counted


def _partial_reason(events: list[Event]) -> str:
    """"Được sửa đổi, bổ sung bởi Luật số 35/2018/QH14 từ 01/01/2019 và Luật số 63/2020/QH14 từ 01/01/2021.",
    "Bị bãi bỏ một phần bởi ..." (repeals only), "Được sửa đổi, bổ sung, bãi bỏ một phần bởi ..." (both): every
    amending text once, oldest first, with the date its changes took effect."""
    operated = {e.cause for e in events if e.source == "operation"}
    events = [e for e in events if e.source == "operation" or e.cause not in operated]
    kinds = {e.kind for e in events}
    if kinds == {"partly_repealed"}:
        how = "Bị bãi bỏ một phần"
    elif "partly_repealed" in kinds:
        how = "Được sửa đổi, bổ sung, bãi bỏ một phần"
    elif all(e.source == "operation" for e in events):
        how = "Được sửa đổi, bổ sung"
    else:  # a citation or the catalog says "sửa đổi, bổ sung" without saying which units or how
        how = "Được sửa đổi, bổ sung hoặc bãi bỏ một phần"
    causes: dict[str, Event] = {}
    for e in events:  # oldest first: a text is named with the first date its changes took effect
        causes.setdefault(e.cause or "", e)
    named = [f"{_name(e)}{' từ ' + _fmt(e.date) if e.date else ''}" if cause else "văn bản chưa rõ số"
             for cause, e in causes.items()]
    shown = named[:_MOST_NAMED]
    if len(named) > _MOST_NAMED:
        shown.append(f"{len(named) - _MOST_NAMED} văn bản khác")
    return f"{how} bởi {', '.join(shown[:-1]) + ' và ' if len(shown) > 1 else ''}{shown[-1]}."


def format_date(iso: str | None) -> str:
    """13/01/2022 from 2022-01-13 (what users read); "" for None."""
    return _fmt(iso) if iso else ""


def file_statuses(result: ParseResult, as_of: str | None = None, stored: list[list[Event]] | None = None) -> list[Status]:
    """The status of each document of a parsed file, from its own text and the catalog, and `stored`: per
    document, what the documents of a KB did to it (`kb.validity.stored.events_in_kb`; what `kb parse --db`
    shows)."""
    catalog = load_catalog()
    out = []
    for i, doc in enumerate(result.documents):
        effective = effective_date(doc, result.text, parent_of(doc, result.documents))
        events = events_from_catalog(catalog.get(doc.number, doc.place or doc.issuer), catalog) if doc.number else []
        out.append(document_status(doc, effective, (stored[i] if stored else []) + events, as_of))
    return out
