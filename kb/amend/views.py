"""What `kb consolidate` and `kb history` print, from files or stored doc_ids.

`consolidate_refs` loads the base and its amending documents (files, or doc_ids whose files are re-parsed;
with no amending document given, the stored documents that amend the base), and returns the consolidation;
`to_markdown` writes it as the official consolidations do, each changed unit with a footnote ("Khoản này
được sửa đổi, bổ sung theo quy định tại khoản 2 Điều 1 của Luật số 63/2020/QH14, có hiệu lực kể từ ngày 01
tháng 01 năm 2021"); `history_refs` lists every version of one provision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kb.amend.apply import Consolidation, amends, consolidate, history
from kb.errors import KbError
from kb.labels import eid_address
from kb.numbers import type_of_number
from parsers.model import Change, Document, Node, ParseResult

_AMENDING = re.compile(r"sua doi|bo sung|bai bo|dinh chinh|thay the", re.IGNORECASE)
_UNIT = {"dieu": "Điều này", "khoan": "Khoản này", "diem": "Điểm này", "chuong": "Chương này", "muc": "Mục này",
         "phan": "Phần này"}
_VERB = {"replace": "được sửa đổi, bổ sung", "insert": "được bổ sung", "repeal": "được bãi bỏ",
         "substitute": "được sửa đổi", "delete_phrase": "được sửa đổi", "correct": "được đính chính",
         "suspend": "bị đình chỉ việc thi hành", "replace_annex": "được thay thế"}


def load(ref: str, db: str | None = None) -> Document:
    """A file's main document, or a stored document by its doc_id."""
    from kb.diff.align import load_side

    if not Path(ref).is_file() and (db is None or not Path(db).is_file()):
        raise KbError(f"{ref}: không có tệp này, và không có cơ sở dữ liệu {db or 'kb.db'} để tra mã văn bản")
    return load_side(ref, db).doc


def stored_amendments(base: Document, db: str) -> list[Document]:
    """The stored documents whose instructions amend `base` (their files re-parsed)."""
    from kb.amend.read import read
    from kb.store.db import list_documents, open_db, operations_on
    from parsers import parse_file

    if not Path(db).is_file():
        return []
    store = open_db(db)
    if base.number and store["operations"].exists():  # the KB knows which stored texts amend which
        files = sorted({str(r["file"]) for r in operations_on(store, base.number)})
    else:
        rows = [r for r in list_documents(store) if _AMENDING.search(_fold(f"{r.get('title') or ''} {r.get('type')}"))]
        files = sorted({str(r2["file"]) for r in rows for r2 in store.query(
            "SELECT file FROM documents WHERE doc_id = ?", [r["doc_id"]])})
    out: list[Document] = []
    for path in files:
        if not Path(path).is_file():
            continue
        result: ParseResult = parse_file(path)
        for doc in result.documents:
            if doc is not base and doc.number != base.number and \
                    any(amends(op.target.document, base) and op.target.document for op in read(doc).operations):
                out.append(doc)
    return sorted(out, key=lambda d: d.date or "")


def _fold(text: str) -> str:
    from parsers.normalise import fold

    return fold(text)


def consolidate_refs(base_ref: str, amending: list[str], as_of: str | None = None,
                     db: str | None = "kb.db") -> Consolidation:
    base = load(base_ref, db)
    docs = [load(ref, db) for ref in amending] if amending else stored_amendments(base, db or "kb.db")
    if not docs:
        raise KbError(f"{base_ref}: không có văn bản sửa đổi nào (nêu tệp hoặc mã văn bản sửa đổi)")
    result = consolidate(base, docs, as_of)
    if not result.applied and not any(amends(None, base) for _ in docs):
        raise KbError(f"{base_ref}: các văn bản đã nêu không sửa đổi văn bản này")
    return result


def history_refs(base_ref: str, eid: str, amending: list[str], db: str | None = "kb.db") -> list[dict]:
    if ":" in base_ref and not Path(base_ref).is_file() and not eid:
        base_ref, eid = base_ref.rsplit(":", 1)
    base = load(base_ref, db)
    if base.find(eid) is None and not _inserted_later(eid):
        raise KbError(f"{base_ref}: không có {eid_address(eid) or eid} trong văn bản")
    docs = [load(ref, db) for ref in amending] if amending else stored_amendments(base, db or "kb.db")
    return history(base, docs, eid)


def _inserted_later(eid: str) -> bool:
    return bool(re.search(r"_\d+[a-zđ]\d*(?:__|$)|point_[a-zđ]\d", eid))


# --- the consolidated text as lines, for every format ---------------------------------------------------
@dataclass(frozen=True)
class Line:
    """One printed line of a consolidated text: an article's (chapter's ...) heading, or a clause's or point's
    words; `notes` are the numbers of the footnotes (in `Lines.notes`) marked at its end."""

    heading: bool
    depth: int
    label: str  # "Điều 4. Giải thích từ ngữ" for a heading; "3." / "b)" / "-" for a clause or point
    body: str  # the unit's own words ("(được bãi bỏ)" when repealed)
    notes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Lines:
    title: str  # "Luật 80/2015/QH13 — Ban hành văn bản quy phạm pháp luật (văn bản hợp nhất)"
    lines: tuple[Line, ...]
    notes: tuple[str, ...]  # footnote i is notes[i - 1]
    problems: tuple[str, ...]  # instructions left unapplied, said in words


def lines_of(result: Consolidation) -> Lines:
    doc = result.document
    title = f"{doc.doc_type} {doc.number or ''} — {doc.title or ''} (văn bản hợp nhất)".strip()
    out: list[Line] = []
    notes: list[str] = []
    for node in doc.nodes:
        _node_lines(node, out, notes, 0)
    problems = tuple(f"{p.source_doc or ''} {eid_address(p.source_eid)}: {p.message}" for p in result.problems)
    return Lines(title, tuple(out), tuple(notes), problems)


def _node_lines(node: Node, out: list[Line], notes: list[str], depth: int, above: tuple = ()) -> None:
    label = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều"}.get(node.kind)
    marks: list[int] = []
    for change in node.history:
        if change in above:
            continue  # the unit above was replaced as a whole: its footnote says so
        notes.append(footnote(node, change))
        marks.append(len(notes))
    body = "(được bãi bỏ)" if node.repealed else node.text
    if label:
        head = f"{label} {node.num or ''}. {node.heading or ''}".strip().rstrip(".")
        out.append(Line(True, depth, head, body or "", tuple(marks)))
    else:
        num = f"{node.num}." if node.kind == "khoan" else f"{node.num})" if node.num else "-"
        out.append(Line(False, depth, num, body or "", tuple(marks)))
    for child in node.children:
        _node_lines(child, out, notes, depth + 1, above + node.history)


def to_markdown(result: Consolidation) -> str:
    text = lines_of(result)
    lines = [f"# {text.title}", ""]
    for line in text.lines:
        marks = "".join(f"[^{i}]" for i in line.notes)
        if line.heading:
            lines += ["", f"{'#' * min(2 + line.depth, 6)} {line.label}{marks}"]
            if line.body:
                lines.append(line.body)
        else:
            lines.append(f"{'  ' * max(0, line.depth - 1)}{line.label} {line.body}{marks}".rstrip())
    if text.notes:
        lines += ["", "---", ""] + [f"[^{i}]: {n}" for i, n in enumerate(text.notes, start=1)]
    if text.problems:
        lines += ["", "## Lệnh sửa đổi chưa áp dụng", ""] + [f"- {p}" for p in text.problems]
    return "\n".join(lines).rstrip() + "\n"


def footnote(node: Node, change: Change) -> str:
    """ "Khoản này được sửa đổi, bổ sung theo quy định tại khoản 2 Điều 1 của Luật số 63/2020/QH14, có hiệu lực
    kể từ ngày 01 tháng 01 năm 2021." """
    unit = _UNIT.get(node.kind, "Nội dung này")
    kind = (type_of_number(change.doc) if change.doc else None) or "văn bản"
    source = f"{eid_address(change.eid)} của {kind} số {change.doc}" if change.doc else eid_address(change.eid)
    when = f", có hiệu lực kể từ ngày {_long_date(change.effective)}" if change.effective else ""
    return f"{unit} {_VERB.get(change.op, 'được sửa đổi')} theo quy định tại {source}{when}."


def _long_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d} tháng {m} năm {y}"
