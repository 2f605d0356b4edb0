"""`kb check`: what a drafter must fix in the citations of the knowledge base.

- stale: a citation of a document the catalog (or another document of the KB) says is replaced or
  expired — the 2022 Cao Bằng Quy chế still cites Nghị định 59/2012/NĐ-CP, replaced by 80/2025/NĐ-CP;
- missing_pinpoint: "Điều 25 Nghị định X" where X's text is in the KB and has no Điều 25;
- dangling_internal: "khoản 4 Điều này" in an article with three clauses;
- amended: a citation of a provision that a stored amending document changed after the citing text was
  issued — "Điều 5 dẫn khoản 3 Điều 4 Luật 80/2015/QH13, đã được sửa đổi, bổ sung bởi Luật 63/2020/QH14 từ
  01/01/2021" (or a part of it: "...; điểm a khoản 3 Điều 4 đã bị bãi bỏ bởi ...");
- unstated_replacement: a document that replaces another without saying so — the catalog says it
  does, or an older document of the KB has the same type, issuer and nearly the same title.

A finding is reported once per clause (the clause that cites a replaced text three times is one finding,
its message counting the mentions), and said as a drafter would: "Khoản 3 Điều 1 dẫn Nghị định
59/2012/NĐ-CP, đã được thay thế bởi Nghị định 80/2025/NĐ-CP từ 01/04/2025".
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz import fuzz

from kb import labels
from kb.citations.catalog import Catalog, load_catalog
from kb.citations.graph import Citations
from kb.numbers import number_key, type_of_number
from parsers.normalise import fold

KINDS = ("stale", "amended", "missing_pinpoint", "dangling_internal", "unstated_replacement")
_CHECKED_UNITS = ("art_", "chp_", "sec_")  # annexes and forms are seldom parsed as nodes
_SIMILAR_TITLE = 75


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    doc_id: str
    source_eid: str | None
    target: str | None
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_checks(view: Citations, catalog: Catalog | None = None) -> list[Finding]:
    catalog = catalog if catalog is not None else load_catalog()
    findings = stale(view, catalog) + amended(view, catalog) + missing_pinpoints(view) + dangling_internal(view)
    findings += unstated_replacements(view, catalog)
    return sorted(findings, key=lambda f: (KINDS.index(f.kind), f.doc_id, f.line or 0))


def _clause(eid: str | None) -> str:
    """Where a citation stands, to open a sentence: "Khoản 3 Điều 1", "Phần mở đầu"."""
    words = labels.eid_address(eid) if eid else "phần mở đầu"
    return words[:1].upper() + words[1:]


def _titled(number: str, kind: str | None) -> str:
    """ "Nghị định 59/2012/NĐ-CP"; a number alone when its type is not known."""
    return f"{kind} {number}" if kind and not number.startswith(kind) else number


def _type_of(catalog: Catalog, number: str) -> str | None:
    entry = catalog.get(number)
    return entry.type if entry else type_of_number(number)


def _once_per_clause(findings: list[Finding]) -> list[Finding]:
    """One finding per (document, clause, kind, target), the first mention's, its message counting the
    mentions ("(3 lần)")."""
    first: dict[tuple[str, str, str | None, str | None], Finding] = {}
    counts: dict[tuple[str, str, str | None, str | None], int] = {}
    for f in findings:
        key = (f.kind, f.doc_id, f.source_eid, f.target)
        first.setdefault(key, f)
        counts[key] = counts.get(key, 0) + 1
    out = []
    for key, f in first.items():
        n = counts[key]
        out.append(Finding(f.kind, f.doc_id, f.source_eid, f.target, f.message + (f" ({n} lần)" if n > 1 else ""),
                           f.line) if n > 1 else f)
    return out


def _where(view: Citations, doc_id: str, ref: dict[str, Any] | None = None) -> str:
    d = view.documents.get(doc_id, {})
    return " ".join(x for x in (d.get("issuer"), d.get("place"), d.get("file")) if x)


def _replaced_in_kb(view: Citations) -> dict[str, tuple[str, str | None, str]]:
    """number key → (the KB document that says it replaces it, that document's date, its name)."""
    out: dict[str, tuple[str, str | None, str]] = {}
    for ref in view.references:
        if ref["relation"] == "thay_the" and ref["target_doc"]:
            d = view.documents.get(ref["doc_id"], {})
            replacer = d.get("number") or ref["doc_id"]
            out[number_key(ref["target_doc"])] = (replacer, d.get("date"), _name(d) if d else replacer)
    return out


def _instructions(view: Citations) -> dict[tuple[str, str], list[str]]:
    """(amending doc_id, amended number key) → the eids of its instructions on that document."""
    out: dict[tuple[str, str], list[str]] = {}
    for op in view.operations:
        out.setdefault((op["doc_id"], op["target_key"]), []).append(op["source_eid"] or "")
    return out


def _in_instruction(ref: dict[str, Any], instructions: dict[tuple[str, str], list[str]]) -> bool:
    """An amending text's words naming the units it amends ("Sửa đổi, bổ sung khoản 3 Điều 4 của Luật số
    80/2015/QH13") are the amendment, not a citation to check: neither stale nor a missing unit (it may insert it)."""
    if not ref["target_doc"] or not instructions:
        return False
    eids = instructions.get((ref["doc_id"], number_key(ref["target_doc"])), ())
    at = ref["source_eid"] or ""
    return any(at == e or at.startswith(e + "__") or e.startswith(at + "__") or not at for e in eids)


def stale(view: Citations, catalog: Catalog) -> list[Finding]:
    in_kb = _replaced_in_kb(view)
    instructions = _instructions(view)
    findings = []
    for ref in view.references:
        target = ref["target_doc"]
        if not target or ref["relation"] == "thay_the" or _in_instruction(ref, instructions):
            continue
        entry = catalog.get(target, _where(view, ref["doc_id"]))
        if entry and entry.status in ("replaced", "expired"):
            by = ", ".join(_titled(n, _type_of(catalog, n)) for n in entry.replaced_by)
            cited = _titled(target, entry.type)
            what = f"đã được thay thế bởi {by}" if by else "đã hết hiệu lực"
            since = f" từ {labels.format_date(entry.status_from)}" if entry.status_from else ""
        elif number_key(target) in in_kb and in_kb[number_key(target)][0] != view.documents.get(
                ref["doc_id"], {}).get("number"):
            _by, when, name = in_kb[number_key(target)]
            cited = target
            what, since = f"đã được thay thế bởi {name}", f" từ {labels.format_date(when)}" if when else ""
        else:
            continue
        findings.append(Finding("stale", ref["doc_id"], ref["source_eid"], target,
                                f"{_clause(ref['source_eid'])} dẫn {cited}, {what}{since}", ref.get("line")))
    return _once_per_clause(findings)


# What an operation did to a unit, as the sentence says it; inserts add units no earlier text could cite.
_DONE = {"replace": "đã được sửa đổi, bổ sung", "repeal": "đã bị bãi bỏ", "substitute": "đã được sửa đổi một số từ ngữ",
         "delete_phrase": "đã được bỏ một số từ ngữ", "suspend": "đã bị đình chỉ thi hành",
         "correct": "đã được đính chính", "replace_annex": "đã được thay thế"}


def _touches(cited: str, changed: str) -> bool:
    """Did a change to unit CHANGED alter unit CITED: the same unit, one that holds it, or a part of it."""
    return cited == changed or cited.startswith(changed + "__") or changed.startswith(cited + "__")


def amended(view: Citations, catalog: Catalog) -> list[Finding]:
    """Pinpoint citations of provisions a stored amending text changed after the citing text's date."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for op in view.operations:
        if op["kind"] in _DONE and op["target_eid"]:
            by_key.setdefault(op["target_key"], []).append(op)
    findings = []
    for ref in view.references if by_key else ():
        target, eid = ref["target_doc"], ref["target_eid"]
        if not target or not eid or ref["relation"] in ("thay_the", "sua_doi_bo_sung"):
            continue
        since = view.documents.get(ref["doc_id"], {}).get("date")
        ops = [op for op in by_key.get(number_key(target), ()) if op["doc_id"] != ref["doc_id"]
               and _touches(eid, op["target_eid"]) and not (since and op["effective"] and op["effective"] <= since)]
        if not ops:
            continue
        said = []
        for op in sorted(ops, key=lambda o: (o["effective"] or "", o["target_eid"])):
            unit = "" if op["target_eid"] == eid else f"{labels.eid_address(op['target_eid'])} "
            by = _titled(op["source_doc"], _type_of(catalog, op["source_doc"])) if op["source_doc"] else "văn bản khác"
            when = f" từ {labels.format_date(op['effective'])}" if op["effective"] else ""
            part = f"{unit}{_DONE[op['kind']]} bởi {by}{when}"
            if part not in said:
                said.append(part)
        cited = f"{labels.eid_address(eid)} {_titled(target, _type_of(catalog, target))}"
        findings.append(Finding("amended", ref["doc_id"], ref["source_eid"], f"{target}:{eid}",
                                f"{_clause(ref['source_eid'])} dẫn {cited}, " + "; ".join(said), ref.get("line")))
    return _once_per_clause(findings)


def missing_pinpoints(view: Citations) -> list[Finding]:
    stored = view.by_number()
    instructions = _instructions(view)
    findings = []
    for ref in view.references:
        target, eid = ref["target_doc"], ref["target_eid"]
        if not target or not eid or not eid.startswith(_CHECKED_UNITS) or _in_instruction(ref, instructions):
            continue
        did = stored.get(number_key(target))
        if did is None or not view.eids.get(did) or eid in view.eids[did]:
            continue
        findings.append(Finding("missing_pinpoint", ref["doc_id"], ref["source_eid"], f"{target}:{eid}",
                                f"{_clause(ref['source_eid'])} dẫn {labels.eid_address(eid)} {target}, nhưng văn bản "
                                f"{target} trong kho không có {labels.eid_address(eid)}", ref.get("line")))
    return _once_per_clause(findings)


def dangling_internal(view: Citations) -> list[Finding]:
    findings = []
    for ref in view.references:
        eid = ref["target_eid"]
        if ref["target_doc"] is not None or not eid or not eid.startswith(_CHECKED_UNITS):
            continue
        if eid in view.eids.get(ref["doc_id"], set()):
            continue
        findings.append(Finding("dangling_internal", ref["doc_id"], ref["source_eid"], eid,
                                f"{_clause(ref['source_eid'])} dẫn {labels.eid_address(eid)}, nhưng văn bản không "
                                f"có {labels.eid_address(eid)}", ref.get("line")))
    return _once_per_clause(findings)


def unstated_replacements(view: Citations, catalog: Catalog) -> list[Finding]:
    said = {(ref["doc_id"], number_key(ref["target_doc"])) for ref in view.references
            if ref["relation"] == "thay_the" and ref["target_doc"]}
    family = _families(view)
    peers: dict[tuple[str, str], list[str]] = {}
    titles = {did: fold(d.get("title") or "") for did, d in view.documents.items()}
    # Folding a long title is the costly part on a large KB: decide once per document.
    standing = [did for did, d in view.documents.items() if d.get("issuer") and d.get("year") and _standing(d)]
    for did in standing:
        peers.setdefault(_peer_key(view.documents[did]), []).append(did)
    is_standing = set(standing)
    replaced_by: dict[str, list[Any]] = {}
    for entry in catalog.entries:
        for n in entry.replaced_by:
            replaced_by.setdefault(number_key(n), []).append(entry)
    said_by: dict[str, set[str]] = {}
    for doc, key in said:
        said_by.setdefault(doc, set()).add(key)
    findings = []
    for did, d in view.documents.items():
        own_said = set().union(*(said_by.get(m, set()) for m in family.get(did, {did})))
        if d.get("number"):
            for entry in replaced_by.get(number_key(d["number"]), []):
                if number_key(entry.number) not in own_said:
                    findings.append(Finding("unstated_replacement", did, None, entry.number,
                                            f"Theo danh mục, {_titled(d['number'], d.get('type'))} thay thế "
                                            f"{_titled(entry.number, entry.type)}, nhưng văn bản không nêu việc "
                                            "thay thế này"))
        for older_id in peers.get(_peer_key(d), ()) if did in is_standing else ():
            older = view.documents[older_id]
            if older_id == did or older["year"] >= d["year"]:
                continue
            if fuzz.token_sort_ratio(titles[did], titles[older_id]) < _SIMILAR_TITLE:
                continue
            if _replaces_quietly(older, own_said, family.get(older_id, {older_id}), view):
                findings.append(Finding("unstated_replacement", did, None,
                                        older.get("number") or older.get("parent_number") or older_id,
                                        f"Cùng loại, cùng cơ quan ban hành và gần trùng tên với {_name(older)} "
                                        "ban hành trước, nhưng không nêu việc thay thế văn bản đó"))
    return findings


# Texts that stay in force until replaced (a yearly plan or a letter does not replace last year's).
_STANDING_TYPES = ("quy che", "quy dinh", "dieu le", "nghi dinh", "thong tu", "luat", "phap lenh")
_ISSUES_STANDING = re.compile(r"^\s*ban hanh (?:quy che|quy dinh|dieu le)")


def _standing(d: dict[str, Any]) -> bool:
    kind = fold(d.get("type") or "")
    return kind in _STANDING_TYPES or (kind == "quyet dinh" and bool(_ISSUES_STANDING.match(fold(d.get("title") or ""))))


def _peer_key(d: dict[str, Any]) -> tuple[str, str]:
    """Documents that may replace one another: same type, same issuer."""
    return fold(d.get("type") or ""), fold(d.get("issuer") or "")


def _families(view: Citations) -> dict[str, set[str]]:
    """A document and the decision that issues it speak together ("Quyết định ... thay thế ...")."""
    numbers = view.by_number()
    fam: dict[str, set[str]] = {did: {did} for did in view.documents}
    for did, d in view.documents.items():
        parent = numbers.get(number_key(d["parent_number"])) if d.get("parent_number") else None
        if parent:
            fam[did].add(parent)
            fam[parent].add(did)
    return fam


def _replaces_quietly(old: dict[str, Any], said: set[str], old_family: set[str], view: Citations) -> bool:
    """A newer peer with a similar title replaces OLD quietly unless it (or its decision) names OLD."""
    old_numbers = {number_key(view.documents[o]["number"]) for o in old_family if view.documents[o].get("number")}
    old_numbers |= {number_key(old["parent_number"])} if old.get("parent_number") else set()
    return not (old_numbers & said)


def _name(d: dict[str, Any]) -> str:
    """ "Quy chế ngày 13/01/2022", "Quyết định 03/2022/QĐ-UBND": a document as a message names it."""
    if d.get("number"):
        return _titled(d["number"], d.get("type"))
    when = labels.format_date(d.get("date"))
    kind = d.get("type") or "văn bản"
    parent = d.get("parent_number")
    attached = f" ban hành kèm theo {_titled(parent, type_of_number(parent))}" if parent else ""
    return f"{kind}{attached}" + (f" ngày {when}" if when else "")
