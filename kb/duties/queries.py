"""Who must do what: duties by actor, from the knowledge base (`find_duties`) or straight from files
(`find_duties_in_files`, no database). Both return the same rows, which `kb duties`, `kb matrix` and the
app print or export.

A row: doc_id, doc_title, eid, address ("Điều 12.1.a"), clause (its text), actor, actor_name, role,
action, deadline_text/kind/date/days/recurrence, recipient, condition, product, sentence, line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils

from kb import labels
from kb.docid import doc_id as make_doc_id
from kb.duties.actors import actor_dict, load_registry, matching_actors, query_terms, resolve_actor_query
from kb.errors import KbError
from kb.model import ROLES, Actor, Duty
from parsers.model import Document, Node
from parsers.normalise import fold

ROLE_NAMES = labels.ROLE
ROW_FIELDS = (
    "doc_id", "doc_title", "address", "eid", "actor", "actor_name", "role", "deadline_text", "deadline_kind",
    "deadline_date", "deadline_days", "deadline_recurrence", "recipient", "condition", "product", "action",
    "clause", "sentence", "line",
)
_SHORT = {"art": "Điều ", "para": ".", "point": ".", "chp": "Chương ", "sec": "", "item": ".", "bullet": " gạch ",
          "p": " đoạn ", "part": "Phần ", "muc": " Mục "}


@lru_cache(maxsize=65_536)
def short_address(eid: str) -> str:
    """"art_12__para_1__point_a" → "Điều 12.1.a"; "sec_II__item_2__subitem_2.1" → "II.2.1"."""
    out = ""
    section = ""
    for part in eid.split("__"):
        kind, _, num = part.partition("_")
        if kind == "sec":
            section = num
        if kind == "subitem":
            # "2.1" already carries its item's (or an article's clause's) number: it replaces it
            if section:
                out = f"{section}.{num}"
            elif out.startswith(_SHORT["art"]):  # "Điều 5.1.2" (clause 1's "1.2"), "Điều 3.1" (right under it)
                head = out.split(".", 1)[0]
                same = "." not in out and num.split(".", 1)[0] == head[len(_SHORT["art"]):]
                out = f"{_SHORT['art']}{num}" if same else f"{head}.{num}"
            else:
                out = num
            continue
        out += _SHORT.get(kind, " ") + num
    return out.strip()


def _check_role(role: str | None) -> None:
    if role is not None and role not in ROLES:
        raise KbError(f"unknown role {role!r}: one of {', '.join(ROLES)}")


def _actors(actor_text: str, extra: Callable[[str | None, str], Iterable[Actor]] = lambda level, slug: ()) -> list[Actor]:
    """The actors ACTOR_TEXT names: the list's (a level, an alias, else the closest aliases) and the bodies it
    lacks that documents name (recognised by their form, or defined by a document: "Ban Chỉ đạo"), which
    EXTRA gives for a level or a folded-name slug (a KB reads only the rows that can match)."""
    found = resolve_actor_query(actor_text)
    level, slug, exact = query_terms(actor_text)
    if exact and not level:
        return found
    stored = matching_actors(actor_text, extra(level, slug)) if level or slug else []
    if not stored and not found:
        key = fold(actor_text)  # a document's own term, typed in part ("chi dao" → "Ban Chỉ đạo ...")
        stored = [a for a in extra(None, "") if key in fold(a.name)]
    if level or not found:
        return found + [a for a in stored if a.id not in {f.id for f in found}]
    return stored or found  # a body named by its form beats the list's closest guess


def _sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    has_deadline = 0 if row.get("deadline_text") else 1
    return (row["doc_id"] or "", ROLES.index(row["role"]) if row["role"] in ROLES else 99, has_deadline,
            row.get("line") or 0)


def _result(actor_text: str, actors: list[Actor], rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"actor_query": actor_text, "actors": [actor_dict(a) for a in actors], "duties": sorted(rows, key=_sort_key)}


# Statuses whose duties bind no one on the date asked (a text whose status is unknown is kept: plans state none).
_NOT_IN_FORCE = ("du_thao", "chua_co_hieu_luc", "het_hieu_luc_toan_bo")


def _with_validity(result: dict[str, Any], statuses: dict[str, Any], in_force: str | None) -> dict[str, Any]:
    """Marks the documents not in force ("validity": doc_id → label, e.g. "Dự thảo"); with `in_force`
    (an ISO date), keeps only the duties of texts in force on it."""
    marked = {d: s.label for d, s in statuses.items() if s.code in _NOT_IN_FORCE}
    if in_force:
        result["duties"] = [r for r in result["duties"] if r["doc_id"] not in marked]
    result["validity"] = {r["doc_id"]: marked[r["doc_id"]] for r in result["duties"] if r["doc_id"] in marked}
    return result


# --- from the knowledge base ------------------------------------------------------------------------
# ROW_FIELDS in order (address and actor_name are filled in Python), then what fills the rest: the
# document's type and number (a title when it has none) and the clause heading.
_DUTY_COLUMNS = (
    "SELECT d.doc_id, doc.title, NULL, d.eid, d.actor, NULL, d.role, d.deadline_text, d.deadline_kind,"
    " d.deadline_date, d.deadline_days, d.deadline_recurrence, d.recipient, d.condition, d.product, {action},"
    " {clause}, {sentence}, d.line, doc.type, doc.number, {heading}, doc.date"
)
# Read from the lean table with one lookup of the unit's text for both sliced columns (the `duties` view
# makes one per column): an actor with thousands of duties is answered in two thirds of the time.
_SLICE = "CASE WHEN d.{0}_at IS NULL THEN d.{0} ELSE substr(n.text, d.{0}_at + 1, d.{0}_len) END"
_DUTY_FROM = (" FROM duty_rows d JOIN documents doc ON doc.doc_id = d.doc_id"
              " LEFT JOIN nodes n ON n.doc_id = d.doc_id AND n.eid = d.eid")
# The by-actor listing shows each duty's own sentence; only the matrix needs its clause's whole text.
_DUTY_SQL = _DUTY_COLUMNS.format(action=_SLICE.format("action"), sentence=_SLICE.format("sentence"),
                                 clause="NULL", heading="NULL") + _DUTY_FROM
_DUTY_CLAUSE_SQL = _DUTY_COLUMNS.format(action=_SLICE.format("action"), sentence=_SLICE.format("sentence"),
                                        clause="n.text", heading="n.heading") + _DUTY_FROM


def _stored_actors(db: sqlite_utils.Database, level: str | None = None, slug: str | None = None) -> list[Actor]:
    """The actors stored for the KB's documents; only those of LEVEL, or whose id holds SLUG, when given."""
    if not db["actors"].exists():
        return []
    sql, params = "SELECT DISTINCT id, name, level, kind FROM actors", []
    if level:
        sql, params = sql + " WHERE level = ?", [level]
    elif slug:
        sql, params = sql + " WHERE instr(id, ?) > 0", [slug]
    return [Actor(r["id"], r["name"], r["level"] or "", r["kind"] or "", ()) for r in db.query(sql, params)]


def _rows(db: sqlite_utils.Database, sql: str, params: list[Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """The rows of a _DUTY_COLUMNS query; read as plain tuples, which costs half as much as dict rows when an
    actor has thousands of duties."""
    cursor = db.conn.cursor()
    cursor.row_factory = None
    rows = []
    doc_labels: dict[str, str] = {}  # one label per document, not per duty
    for values in cursor.execute(sql, params):
        row = dict(zip(ROW_FIELDS, values))
        doc_type, doc_number, heading, doc_date = values[len(ROW_FIELDS):]
        if row["doc_id"] not in doc_labels:
            doc_labels[row["doc_id"]] = labels.doc_label({"type": doc_type, "number": doc_number,
                                                          "title": row["doc_title"], "date": doc_date})
        row["doc_label"] = doc_labels[row["doc_id"]]
        row["doc_title"] = row["doc_title"] or " ".join(x for x in (doc_type, doc_number) if x)
        row["address"] = short_address(row["eid"])
        row["actor_name"] = labels.actor_name(row["actor"], names)
        row["clause"] = " ".join(x for x in (heading or "", row["clause"] or "") if x).strip() or None
        rows.append(row)
    return rows


def find_duties(db: sqlite_utils.Database, actor_text: str, doc_id: str | None = None,
                role: str | None = None, in_force: str | None = None) -> dict[str, Any]:
    """Every stored duty of the actor(s) ACTOR_TEXT names (typed as people type: "xã", "so tu phap"), the
    documents not in force marked; with `in_force` (ISO date) only those of texts in force on that date."""
    from kb.validity import stored_statuses

    result = _find_duties(db, actor_text, doc_id, role)
    result = _with_validity(result, stored_statuses(db, in_force, {r["doc_id"] for r in result["duties"]}), in_force)
    return _with_unit_changes(db, result, in_force)


# What a stored amending text did to the unit a duty stands in: its words are no longer the text in force.
_UNIT_CHANGE = {"replace": "đã được sửa đổi, bổ sung", "repeal": "đã bị bãi bỏ", "suspend": "đã bị đình chỉ thi hành"}


def unit_changes(db: sqlite_utils.Database, units: set[tuple[str, str]], as_of: str | None = None
                 ) -> dict[tuple[str, str], str]:
    """(doc_id, eid) → what stored amending texts did to that unit or one holding it, in words ("Khoản này
    đã được sửa đổi, bổ sung bởi Luật 63/2020/QH14 từ 01/01/2021"), the changes in force on `as_of` (all when
    None). Indexed lookups only: the operations on the numbers of the documents asked."""
    if not units or not db["operations"].exists():
        return {}
    from kb.numbers import number_key, type_of_number

    by_doc: dict[str, list[str]] = {}
    for did, eid in units:
        by_doc.setdefault(did, []).append(eid)
    numbers = {r[0]: r[1] for r in db.execute(
        f"SELECT doc_id, number FROM documents WHERE doc_id IN ({','.join('?' * len(by_doc))}) AND number IS NOT NULL",
        sorted(by_doc))}
    keys = {number_key(n) for n in numbers.values()}
    by_key: dict[str, list[tuple[Any, ...]]] = {}
    for op in db.execute(f"SELECT kind, target_eid, source_doc, effective, doc_id, target_key FROM operations "
                         f"WHERE target_key IN ({','.join('?' * len(keys))}) "
                         f"AND kind IN ({','.join('?' * len(_UNIT_CHANGE))}) AND target_eid != '' "
                         "ORDER BY effective, doc_id, ord", [*sorted(keys), *_UNIT_CHANGE]):
        by_key.setdefault(op[5], []).append(op)
    out: dict[tuple[str, str], str] = {}
    for did, number in numbers.items():
        ops = [o for o in by_key.get(number_key(number), ()) if o[4] != did and not (as_of and o[3] and o[3] > as_of)]
        for eid in by_doc[did] if ops else ():
            said = [f"{_UNIT_CHANGE[kind]} bởi {type_of_number(by) or 'văn bản'} {by}"
                    + (f" từ {labels.format_date(when)}" if when else "")
                    for kind, target, by, when, *_ in ops if by and (eid == target or eid.startswith(target + "__"))]
            if said:
                out[(did, eid)] = "; ".join(dict.fromkeys(said))
    return out


def _with_unit_changes(db: sqlite_utils.Database, result: dict[str, Any], in_force: str | None) -> dict[str, Any]:
    """Marks each duty whose unit a stored amending text replaced or repealed ("changed"); with `in_force`,
    drops them: the words they were read from are not the text in force on that date."""
    changed = unit_changes(db, {(r["doc_id"], r["eid"]) for r in result["duties"]}, in_force)
    if in_force:
        result["duties"] = [r for r in result["duties"] if (r["doc_id"], r["eid"]) not in changed]
    for row in result["duties"]:
        if (row["doc_id"], row["eid"]) in changed:
            row["changed"] = changed[(row["doc_id"], row["eid"])]
    return result


def _find_duties(db: sqlite_utils.Database, actor_text: str, doc_id: str | None, role: str | None) -> dict[str, Any]:
    _check_role(role)
    if not db["duties"].exists():
        raise KbError("the knowledge base has no duties table: run `kb build` again")
    actors = _actors(actor_text, lambda level, slug: _stored_actors(db, level, slug))
    if doc_id is not None and db.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is None:
        raise KbError(f"no document {doc_id!r} in the knowledge base (see `kb docs`)")
    if not actors:
        return _result(actor_text, [], [])
    ids = [a.id for a in actors]
    where = [f"d.actor IN ({', '.join('?' * len(ids))})"]
    params: list[Any] = list(ids)
    if doc_id is not None:
        where.append("d.doc_id = ?")
        params.append(doc_id)
    if role is not None:
        where.append("d.role = ?")
        params.append(role)
    names = {a.id: a.name for a in actors}
    rows = _rows(db, f"{_DUTY_SQL} WHERE {' AND '.join(where)}", params, names)
    return _result(actor_text, actors, rows)


def all_duty_rows(db: sqlite_utils.Database, doc_ids: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Every stored duty (of the given documents), as rows; for the matrix."""
    wanted = list(doc_ids)
    for d in wanted:
        if db.execute("SELECT 1 FROM documents WHERE doc_id = ?", [d]).fetchone() is None:
            raise KbError(f"no document {d!r} in the knowledge base (see `kb docs`)")
    where = f" WHERE d.doc_id IN ({', '.join('?' * len(wanted))})" if wanted else ""
    registry = load_registry()
    names = {a.id: a.name for a in registry.actors.values()} | {a.id: a.name for a in _stored_actors(db)}
    return sorted(_rows(db, _DUTY_CLAUSE_SQL + where, wanted, names), key=_sort_key)


# --- straight from files ----------------------------------------------------------------------------
def duty_rows(duties: Iterable[Duty], doc: Document, doc_id: str, names: dict[str, str]) -> list[dict[str, Any]]:
    nodes: dict[str, Node] = {n.eid: n for n in doc.walk()}
    title = doc.title or " ".join(x for x in (doc.doc_type, doc.number) if x)
    rows = []
    for d in duties:
        node = nodes.get(d.eid)
        dl = d.deadline
        rows.append({
            "doc_id": doc_id, "doc_title": title,
            "doc_label": labels.doc_label({"type": doc.doc_type, "number": doc.number, "title": doc.title,
                                           "date": doc.date}),
            "address": short_address(d.eid), "eid": d.eid,
            "actor": d.actor, "actor_name": labels.actor_name(d.actor, names), "role": d.role,
            "deadline_text": dl.text if dl else None, "deadline_kind": dl.kind if dl else None,
            "deadline_date": dl.date if dl else None, "deadline_days": dl.days if dl else None,
            "deadline_recurrence": dl.recurrence if dl else None, "recipient": d.recipient,
            "condition": d.condition, "product": d.product, "action": d.action,
            "clause": " ".join(x for x in ((node.heading or "") if node else "", node.text if node else "") if x).strip(),
            "sentence": d.sentence, "line": d.span.line,
        })
    return rows


def rows_from_files(paths: Iterable[str | Path], doc_ids: Iterable[str] = (), statuses: dict[str, Any] | None = None,
                    as_of: str | None = None) -> tuple[list[dict[str, Any]], list[Actor]]:
    """Duty rows of every document in the files (of the given doc ids), and the actors they define; each
    document's status on `as_of` goes into `statuses` when a dict is given."""
    from kb.pipeline import Hooks, process
    from kb.store.db import document_files
    from kb.validity import file_statuses

    wanted = set(doc_ids)
    rows: list[dict[str, Any]] = []
    defined: dict[str, Actor] = {}
    seen: set[str] = set()
    base = load_registry()
    only_duties = Hooks(references=None)
    for path in document_files([Path(p) for p in paths]):
        enriched = process(path, only_duties)
        result = enriched.result
        found_statuses = file_statuses(result, as_of) if statuses is not None else []
        for ord_, (doc, found) in enumerate(zip(result.documents, enriched.documents)):
            did = make_doc_id(doc, result.source)
            if statuses is not None:
                statuses[did] = found_statuses[ord_]
            seen.add(did)
            if wanted and did not in wanted:
                continue
            text = "\n".join(f"{n.heading or ''}\n{n.text}" for n in doc.walk())
            registry = base.with_definitions(doc.preamble + "\n" + text)
            defined.update({k: a for k, a in registry.actors.items() if k not in base.actors})
            defined.update({a.id: a for a in found.actors if a.id not in base.actors})  # bodies named by their form
            names = {a.id: a.name for a in registry.actors.values()} | {a.id: a.name for a in found.actors}
            rows.extend(duty_rows(list(found.duties), doc, did, names))
    missing = wanted - seen
    if missing:
        raise KbError(f"no document {min(missing)!r} in the given files")
    return sorted(rows, key=_sort_key), list(defined.values())


def find_duties_in_files(paths: Iterable[str | Path], actor_text: str, doc_id: str | None = None,
                         role: str | None = None, in_force: str | None = None) -> dict[str, Any]:
    """`find_duties` without a database: parse the files and read their duties."""
    _check_role(role)
    statuses: dict[str, Any] = {}
    rows, defined = rows_from_files(paths, [doc_id] if doc_id else [], statuses, in_force)
    actors = _actors(actor_text, lambda level, slug: defined)
    ids = {a.id for a in actors}
    result = _result(actor_text, actors, [r for r in rows if r["actor"] in ids and (role is None or r["role"] == role)])
    return _with_validity(result, statuses, in_force)


# --- printing ---------------------------------------------------------------------------------------
def deadline_label(row: dict[str, Any]) -> str:
    return labels.deadline_label(row)


def _doc_name(row: dict[str, Any]) -> str:
    return row.get("doc_label") or row.get("doc_title") or row["doc_id"]


def as_text(result: dict[str, Any]) -> str:
    """Grouped by document, then role; within a role the duties with a deadline first. Names and words
    only: no actor id, role code or doc id (those are in --json)."""
    lines: list[str] = []
    names = ", ".join(a["name"] for a in result["actors"]) or "không tìm thấy chủ thể nào"
    lines.append(f"Chủ thể: {names}")
    if not result["duties"]:
        lines.append("Không có nhiệm vụ nào.")
        return "\n".join(lines) + "\n"
    doc = role = None
    for row in result["duties"]:
        if row["doc_id"] != doc:
            doc, role = row["doc_id"], None
            lines.append("")
            mark = result.get("validity", {}).get(doc)
            lines.append(f"== {_doc_name(row)}" + (f" — {mark}" if mark else ""))
        if row["role"] != role:
            role = row["role"]
            lines.append(f"  {labels.label(ROLE_NAMES, role)}:")
        deadline = deadline_label(row)
        extra = [x for x in (
            f"hạn: {deadline}" if deadline else "",
            f"gửi: {row['recipient']}" if row.get("recipient") else "",
            f"điều kiện: {row['condition']}" if row.get("condition") else "",
            f"sản phẩm: {row['product']}" if row.get("product") else "",
        ) if x]
        who = f" ({row['actor_name']})" if len(result["actors"]) > 1 else ""
        lines.append(f"    - {row['address']}{who}" + (" — " + "; ".join(extra) if extra else ""))
        if row.get("changed"):
            unit = row["address"] or "Nội dung này"
            lines.append(f"      ({unit[:1].upper()}{unit[1:]} {row['changed']})")
        lines.append(f"      {row['action'][:200]}")
    return "\n".join(lines) + "\n"


# The CSV a user opens in Excel: Vietnamese headers and values (the codes are in --json).
CSV_COLUMNS = ("Văn bản", "Điều khoản", "Chủ thể", "Vai trò", "Thời hạn", "Gửi về", "Điều kiện", "Sản phẩm",
               "Việc phải làm")


def csv_values(row: dict[str, Any]) -> list[str]:
    return [_doc_name(row), row["address"], row.get("actor_name") or labels.actor_name(row["actor"]),
            labels.label(ROLE_NAMES, row["role"]), deadline_label(row), row.get("recipient") or "",
            row.get("condition") or "", row.get("product") or "", row.get("action") or ""]


def as_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_values(r) for r in rows)
    return out.getvalue()
