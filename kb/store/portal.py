"""What the legal portals show of a document, read from the KB: its Thuộc tính (number, type, issuer,
signer, dates, validity), its Lược đồ (the documents it stands in a relation with, both ways) and its
Mục lục (chapters and articles), and the page of a document that is cited but not stored.

Validity comes from `kb.validity.stored_statuses` where that module exists; until then from what the
texts state (a blank number or date: a draft; a stored text that says it replaces this one; the catalog).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from kb import labels
from kb.numbers import number_key, type_of_number

Row = dict[str, Any]


@dataclass(frozen=True)
class Validity:
    code: str  # kb.validity's codes: du_thao, con_hieu_luc, het_hieu_luc_mot_phan, het_hieu_luc_toan_bo, chua_ro ...
    label: str  # "Còn hiệu lực"
    reason: str  # one Vietnamese sentence ("" when nothing to add)


# Badge colours by status (background, text).
BADGE = {
    "du_thao": ("#fff4ce", "#7a5200"),
    "chua_co_hieu_luc": ("#e7f0ff", "#1c4a9c"),
    "con_hieu_luc": ("#dcf5e3", "#16622f"),
    "het_hieu_luc_mot_phan": ("#ffe9d6", "#8a4300"),
    "het_hieu_luc_toan_bo": ("#fde2e1", "#9b1c1c"),
    "chua_ro": ("#eceff3", "#3d4753"),
}
_CATALOG_CODE = {"in_force": "con_hieu_luc", "amended": "con_hieu_luc", "replaced": "het_hieu_luc_toan_bo",
                 "expired": "het_hieu_luc_toan_bo"}
_LABEL = {"du_thao": "Dự thảo", "chua_co_hieu_luc": "Chưa có hiệu lực", "con_hieu_luc": "Còn hiệu lực",
          "het_hieu_luc_mot_phan": "Hết hiệu lực một phần", "het_hieu_luc_toan_bo": "Hết hiệu lực toàn bộ",
          "chua_ro": "Chưa rõ"}
_BLANK_NUMBER = re.compile(r"số\s*[_.…\s]*/\s*\d{4}\s*/", re.IGNORECASE)
_BLANK_DATE = re.compile(r"ngày\s+[_.…\s]*tháng\s+[_.…\s]*năm\s+\d{4}", re.IGNORECASE)
_DRAFT_MARK = re.compile(r"(?m)^\W*dự\s+thảo\b", re.IGNORECASE)


def statuses(db: sqlite_utils.Database) -> dict[str, Validity]:
    """doc_id → its validity today, for every stored document."""
    try:
        from kb.validity import stored_statuses
    except ImportError:
        return _stated_statuses(db)
    return {d: Validity(s.code, s.label, s.reason) for d, s in stored_statuses(db).items()}


def _stated_statuses(db: sqlite_utils.Database) -> dict[str, Validity]:
    """What the texts and the catalog state, without kb.validity."""
    from kb.citations.catalog import load_catalog

    catalog = load_catalog()
    rows = list(db.query("SELECT doc_id, number, preamble, date, parent_doc_id FROM documents"))
    replaced = _replacers(db)
    out: dict[str, Validity] = {}
    for row in rows:
        head = row["preamble"] or ""
        entry = catalog.get(row["number"]) if row["number"] else None
        by = replaced.get(number_key(row["number"])) if row["number"] else None
        if not row["number"] and (_DRAFT_MARK.search(head) or _BLANK_NUMBER.search(head)
                                  or (not row["date"] and _BLANK_DATE.search(head))):
            out[row["doc_id"]] = Validity("du_thao", "Dự thảo", "Dự thảo: số hiệu, ngày ban hành để trống.")
        elif by:
            out[row["doc_id"]] = Validity("het_hieu_luc_toan_bo", _LABEL["het_hieu_luc_toan_bo"],
                                          f"Bị thay thế bởi {by}.")
        elif entry is not None and entry.status in _CATALOG_CODE:
            code = _CATALOG_CODE[entry.status]
            by_text = ", ".join(entry.replaced_by)
            reason = f"Bị thay thế bởi {by_text}." if by_text and code != "con_hieu_luc" else ""
            out[row["doc_id"]] = Validity(code, _LABEL[code], reason)
        else:
            out[row["doc_id"]] = Validity("chua_ro", "Chưa rõ", "Văn bản và danh mục chưa cho biết hiệu lực.")
    for row in rows:  # a Quy chế issued by a Quyết định shares its validity
        parent = out.get(row["parent_doc_id"] or "")
        if parent and out[row["doc_id"]].code == "chua_ro":
            out[row["doc_id"]] = parent
    return out


def _replacers(db: sqlite_utils.Database) -> dict[str, str]:
    """number key → the number of a stored document whose body says it replaces that number."""
    out: dict[str, str] = {}
    for r in db.query('SELECT r.target_doc, d.number, d.type FROM "references" r JOIN documents d '
                      "ON d.doc_id = r.doc_id WHERE r.relation = 'thay_the' AND r.target_doc IS NOT NULL "
                      "AND r.target_eid IS NULL AND r.source_eid IS NOT NULL"):
        out.setdefault(number_key(r["target_doc"]), " ".join(x for x in (r["type"], r["number"]) if x))
    return out


# --- the list and the properties ------------------------------------------------------------------------
def newest_first(docs: Sequence[Row], status: dict[str, Validity]) -> list[Row]:
    """The documents, newest first (a draft, undated, counts as newest: it is the text being written),
    each with its `status` code for labels.doc_label."""
    rows = [{**d, "status": "draft" if status.get(d["doc_id"], _UNKNOWN).code == "du_thao" else None} for d in docs]
    return sorted(rows, key=_newest_key)


_UNKNOWN = Validity("chua_ro", "Chưa rõ", "")


def document_names(db: sqlite_utils.Database, docs: Sequence[Row]) -> dict[str, str]:
    """doc_id → the name a list shows (labels.doc_label), a draft marked "(dự thảo)", in the order given."""
    status = statuses(db)
    return {d["doc_id"]: labels.doc_label({**d, "status": "draft" if status.get(d["doc_id"], _UNKNOWN).code
                                            == "du_thao" else None}) for d in docs}


def _newest_key(d: Row) -> tuple[int, str]:
    if d["status"] == "draft":
        return (0, "")
    date = d.get("date") or ""
    # Descending by date: invert each digit so a plain ascending sort puts the newest first.
    return (1 if date else 2, "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date))


def properties(doc: Row, status: Validity) -> list[tuple[str, str]]:
    """Thuộc tính as a portal lists them: (label, value) with the empty ones left out."""
    facts = [
        ("Số ký hiệu", doc.get("number") or "(chưa có số)"), ("Loại văn bản", doc.get("type") or ""),
        ("Cơ quan ban hành", issuer_name(doc.get("issuer"))), ("Người ký", doc.get("signer") or ""),
        ("Chức vụ", capacity(doc.get("signer_capacity")) if doc.get("signer") else ""),
        ("Ngày ban hành", labels.format_date(doc.get("date"))),
        ("Ngày có hiệu lực", labels.format_date(doc.get("effective_date"))),
        ("Ban hành kèm theo", doc.get("parent_number") or ""),
        ("Tình trạng hiệu lực", status.label),
    ]
    return [(k, v) for k, v in facts if v]


_POST = re.compile(
    r"(?:PHÓ\s+)?(?:TỔNG\s+)?(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|THỦ\s+TƯỚNG|"
    r"TRƯỞNG\s+BAN|TRƯỞNG\s+PHÒNG|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG|BÍ\s+THƯ|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|CHÁNH\s+THANH\s+TRA|"
    r"TRƯỞNG\s+ĐOÀN|THỦ\s+TRƯỞNG)\s*$", re.IGNORECASE)


def capacity(text: str | None) -> str:
    """The post the signer holds, from the signature block: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ
    TỊCH" → "Phó Chủ tịch"; a block naming no known post is given in ordinary case."""
    if not text:
        return ""
    m = _POST.search(" ".join(text.split()))
    post = m.group(0).strip() if m else re.split(r"\b(?:TM|KT|TL|TUQ|Q)\.\s*", text)[-1].strip()
    if not post.isupper():
        return post
    words = post.lower().split()
    # "Phó Chủ tịch", "Chánh Văn phòng", "Giám đốc": the first word of each title capitalised.
    titled = [w.capitalize() if i == 0 or w in ("chủ", "văn", "chánh", "giám") else w for i, w in enumerate(words)]
    return " ".join(titled)


def issuer_name(text: str | None) -> str:
    """An issuer printed in capitals ("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG") in ordinary case."""
    if not text or not text.isupper():
        return text or ""
    words = text.lower().split()
    out = [words[0].capitalize(), *words[1:]]
    # Place names after "tỉnh", "thành phố", "huyện", "xã" keep their capitals.
    for i, w in enumerate(words):
        if w in ("tỉnh", "huyện", "xã", "phường", "quận") or (w == "phố" and i and words[i - 1] == "thành"):
            out[i + 1:] = [x.capitalize() for x in words[i + 1:]]
            break
    return " ".join(out)


# --- Lược đồ ----------------------------------------------------------------------------------------
# The relations a portal's Lược đồ shows, in its order; the others are in the citation tables.
SCHEMA = ("can_cu", "thay_the", "sua_doi_bo_sung", "huong_dan", "thuc_hien", "ban_hanh_kem_theo")


@dataclass(frozen=True)
class Related:
    heading: str  # "Căn cứ", "Bị thay thế bởi"
    doc_id: str | None  # a stored document
    number: str | None  # else the cited number (its cited-document page)
    name: str


def cited_name(number: str) -> str:
    """How a cited, unstored text is named in a list: its type and number ("Nghị định 80/2025/NĐ-CP"), the
    type from the catalog, else from the number's code; the number alone when neither tells."""
    from kb.citations.catalog import load_catalog

    entry = load_catalog().get(number)
    kind = entry.type if entry and entry.type else type_of_number(number)
    return f"{kind} {number}" if kind and not number.startswith(kind) else number


def schema(db: sqlite_utils.Database, doc: Row, names: dict[str, str]) -> list[Related]:
    """The documents `doc` names in a Lược đồ relation, and those naming it, once each per relation."""
    by_key = {number_key(r["number"]): r["doc_id"] for r in db.query(
        "SELECT doc_id, number FROM documents WHERE number IS NOT NULL")}
    out: dict[tuple[str, str], Related] = {}
    marks = ",".join("?" * len(SCHEMA))
    for r in db.query(f'SELECT target_doc, relation FROM "references" WHERE doc_id = ? AND target_doc IS NOT NULL '
                      f"AND relation IN ({marks}) ORDER BY start", [doc["doc_id"], *SCHEMA]):
        target = by_key.get(number_key(r["target_doc"]))
        heading = labels.RELATION[r["relation"]]
        name = names.get(target, "") if target else cited_name(r["target_doc"])
        out.setdefault((heading, target or r["target_doc"]), Related(heading, target, None if target else r["target_doc"], name))
    if doc.get("number"):
        keys = {number_key(doc["number"])}
        for r in db.query(f'SELECT DISTINCT r.doc_id, r.target_doc, r.relation FROM "references" r WHERE relation IN '
                          f"({marks}) AND target_doc IS NOT NULL AND doc_id != ?", [*SCHEMA, doc["doc_id"]]):
            if number_key(r["target_doc"]) in keys:
                heading = labels.RELATION_INVERSE[r["relation"]]
                out.setdefault((heading, r["doc_id"]), Related(heading, r["doc_id"], None, names.get(r["doc_id"], "")))
    return list(out.values())


# --- Mục lục ----------------------------------------------------------------------------------------
_OUTLINE_KINDS = ("phan", "chuong", "muc", "dieu", "section", "item")


def outline(nodes: Sequence[Row]) -> list[Row]:
    """The units a table of contents lists: parts, chapters, sections and articles (a plan's sections
    and items), with their depth among them."""
    return [n for n in nodes if n["kind"] in _OUTLINE_KINDS and n["depth"] <= 3]


# --- a document that is cited, not stored ---------------------------------------------------------------
@dataclass(frozen=True)
class Cited:
    number: str
    facts: list[tuple[str, str]]  # catalog facts, (label, value)
    citing: list[Row]  # doc_id, source_eid, text, relation of every clause citing it
    status: Validity


CITED_FORMS_SQL = 'SELECT DISTINCT target_doc FROM "references" WHERE target_doc IS NOT NULL'
CITING_SQL = ('SELECT doc_id, source_eid, text, relation, target_eid, target_doc, line FROM "references" '
              "WHERE target_doc IN ({marks}) ORDER BY doc_id, start")


def citing_rows(db: sqlite_utils.Database, key: str) -> list[dict[str, Any]]:
    """Every reference to the number whose key is KEY, read through the target_doc index: first the distinct
    spellings of cited numbers (one index entry each, not one per reference), then the rows of the matching
    spellings only."""
    forms = [r[0] for r in db.execute(CITED_FORMS_SQL).fetchall() if number_key(r[0]) == key]
    if not forms:
        return []
    return [dict(r) for r in db.query(CITING_SQL.format(marks=", ".join("?" * len(forms))), forms)]


def cited_document(db: sqlite_utils.Database, number: str) -> Cited | None:
    """The catalog's facts about a cited text and every stored clause citing it; None when neither the
    catalog nor any stored reference knows the number."""
    from kb.citations.catalog import load_catalog

    entry = load_catalog().get(number)
    key = number_key(number)
    citing = citing_rows(db, key)
    if entry is None and not citing:
        return None
    facts: list[tuple[str, str]] = []
    status = Validity("chua_ro", _LABEL["chua_ro"], "Danh mục chưa có thông tin về hiệu lực của văn bản này.")
    if entry is not None and entry.status in _CATALOG_CODE:
        code = _CATALOG_CODE[entry.status]
        by = ", ".join(entry.replaced_by)
        since = f" từ {labels.format_date(entry.status_from)}" if entry.status_from else ""
        status = Validity(code, _LABEL[code], f"Bị thay thế bởi {by}{since}." if by and code != "con_hieu_luc"
                          else "Theo danh mục văn bản.")
    if entry is not None:
        facts = [("Số ký hiệu", entry.number), ("Loại văn bản", entry.type or ""), ("Trích yếu", entry.title or ""),
                 ("Cơ quan ban hành", entry.issuer or ""), ("Ngày ban hành", labels.format_date(entry.date)),
                 ("Ngày có hiệu lực", labels.format_date(entry.effective_date)), ("Tình trạng hiệu lực", status.label),
                 ("Bị thay thế bởi", ", ".join(entry.replaced_by)), ("Được sửa đổi bởi", ", ".join(entry.amended_by)),
                 ("Thay thế", ", ".join(entry.replaces)),
                 ("Từ ngày", labels.format_date(entry.status_from))]
        facts = [(k, v) for k, v in facts if v]
    return Cited(entry.number if entry else (citing[0]["target_doc"]), facts, citing, status)
