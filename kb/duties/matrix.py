"""The clause × actor matrix: one row per clause that gives a duty (document, address "Điều 12.1.a", short
text), one column per actor, each cell the role(s) and deadline; rows in document order. Exported to .xlsx
(openpyxl: frozen header, filters, wrapped text, set widths, a second sheet listing every duty), .csv or
.docx. What a user reads is Vietnamese: document names, not ids; role names, not codes; deadlines as
written. The only machine column is the stable id of each clause, at the far right of the .xlsx sheets.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kb import labels
from kb.duties.actors import load_registry
from kb.duties.queries import ROLE_NAMES
from kb.errors import KbError

FIXED = ("Văn bản", "Điều khoản", "Nội dung")
ID_COLUMN = "Mã điều khoản (dùng để đối chiếu)"
# A duty from a draft binds no one yet: the XLSX says so on its row, just before the id column.
DRAFT_COLUMN = "Nguồn dự thảo"
DRAFT_MARK = "Dự thảo"
# The duty sheet: (header, how a row gives the value, width).
DUTY_SHEET = (
    ("Văn bản", "doc", 34), ("Điều khoản", "address", 14), ("Chủ thể", "actor_name", 28),
    ("Vai trò", "role_name", 14), ("Thời hạn", "deadline", 26), ("Gửi về", "recipient", 18),
    ("Điều kiện", "condition", 22), ("Sản phẩm", "product", 26), ("Việc phải làm", "action", 70),
    (DRAFT_COLUMN, "draft", 14), (ID_COLUMN, "id", 30),
)
_LEVEL_ORDER = {"trung_uong": 0, "tinh": 1, "huyen": 2, "xa": 3, "": 4}
SHORT_TEXT = 160


def clause_id(doc_id: str, eid: str) -> str:
    """The stable id of a clause, for matching rows across exports (the XLSX's last column)."""
    return f"{doc_id}#{eid}"


@dataclass(frozen=True)
class Matrix:
    actors: list[tuple[str, str]]  # (id, name), column order
    rows: list[dict[str, Any]]  # doc_id, doc (its name), address, eid, text, cells: {actor id: "Báo cáo (...)"}
    duties: list[dict[str, Any]]
    drafts: frozenset[str] = frozenset()  # doc_ids of the drafts among the documents

    def header(self, with_id: bool = False) -> list[str]:
        return [*FIXED, *(name for _, name in self.actors), *([DRAFT_COLUMN, ID_COLUMN] if with_id else [])]

    def table(self, with_id: bool = False) -> list[list[str]]:
        return [[r["doc"], r["address"], r["text"], *(r["cells"].get(a, "") for a, _ in self.actors),
                 *([self.draft_mark(r["doc_id"]), clause_id(r["doc_id"], r["eid"])] if with_id else [])]
                for r in self.rows]

    def draft_mark(self, doc_id: str) -> str:
        return DRAFT_MARK if doc_id in self.drafts else ""


def _cell(duties: list[dict[str, Any]]) -> str:
    parts = []
    for d in duties:
        role = labels.label(ROLE_NAMES, d["role"])
        deadline = labels.deadline_label(d)
        parts.append(f"{role} ({deadline})" if deadline else role)
    return "; ".join(dict.fromkeys(parts))


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


def _doc_name(d: Mapping[str, Any], names: Mapping[str, str] | None) -> str:
    if names and d["doc_id"] in names:
        return names[d["doc_id"]]
    return d.get("doc_label") or d.get("doc_title") or d["doc_id"]


def build_matrix(rows: Iterable[dict[str, Any]], doc_names: Mapping[str, str] | None = None,
                 drafts: Iterable[str] = ()) -> Matrix:
    """Duty rows (as `kb.duties.queries` gives them) → the matrix, clauses in document order (documents in
    the order their first duty comes); DOC_NAMES (doc_id → name) names the documents where given; the
    duties of DRAFTS (doc_ids) are marked as coming from a draft in the XLSX."""
    duties = list(rows)
    registry = load_registry()
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    clauses: dict[tuple[str, str], dict[str, Any]] = {}
    by_cell: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for d in duties:
        names.setdefault(d["actor"], d.get("actor_name") or labels.actor_name(d["actor"]))
        counts[d["actor"]] = counts.get(d["actor"], 0) + 1
        key = (d["doc_id"], d["eid"])
        if key not in clauses:
            clauses[key] = {"doc_id": d["doc_id"], "doc": _doc_name(d, doc_names), "address": d["address"],
                            "eid": d["eid"],
                            "text": _short(d.get("clause") or d.get("sentence") or ""), "line": d.get("line") or 0}
        else:
            clauses[key]["line"] = min(clauses[key]["line"], d.get("line") or 0)
        by_cell.setdefault((*key, d["actor"]), []).append(d)

    def order(actor: str) -> tuple[int, int, str]:
        # The actors with most duties first; a level order breaks ties (province before district ...).
        level = registry.actors[actor].level if actor in registry.actors else ""
        return (-counts[actor], _LEVEL_ORDER.get(level, 4), names[actor])

    actors = [(a, names[a]) for a in sorted(names, key=order)]
    doc_order = {doc: i for i, doc in enumerate(dict.fromkeys(k[0] for k in clauses))}
    out_rows = []
    for key, clause in sorted(clauses.items(), key=lambda kv: (doc_order[kv[0][0]], kv[1]["line"])):
        cells = {a: _cell(by_cell[(*key, a)]) for a, _ in actors if (*key, a) in by_cell}
        out_rows.append({**clause, "cells": cells})
    return Matrix(actors, out_rows, duties, frozenset(drafts))


def export(matrix: Matrix, out: str | Path) -> Path:
    """Write the matrix to OUT; the suffix picks the format (.xlsx, .csv, .docx)."""
    path = Path(out)
    writers = {".xlsx": _xlsx, ".csv": _csv, ".docx": _docx}
    writer = writers.get(path.suffix.lower())
    if writer is None:
        raise KbError(f"không xuất được ra {path.name}: hãy dùng tệp .xlsx, .csv hoặc .docx")
    if path.parent and not path.parent.exists():
        raise KbError(f"không có thư mục {path.parent}")
    try:
        writer(matrix, path)
    except OSError as exc:
        raise KbError(f"không ghi được {path}: {exc.strerror or exc}") from None
    return path


def _csv(matrix: Matrix, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # the BOM lets Excel read UTF-8
        writer = csv.writer(fh)
        writer.writerow(matrix.header())
        writer.writerows(matrix.table())


def _xlsx(matrix: Matrix, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ma trận"
    ws.append(matrix.header(with_id=True))
    for row in matrix.table(with_id=True):
        ws.append(row)
    widths = [34, 14, 60] + [18] * len(matrix.actors) + [14, 30]
    _style(ws, widths, freeze="D2")  # the header row and the clause columns stay in view

    ws2 = wb.create_sheet("Nhiệm vụ")
    ws2.append([title for title, _, _ in DUTY_SHEET])
    docs = {r["doc_id"]: r["doc"] for r in matrix.rows}
    for d in matrix.duties:
        values = {**d, "doc": docs.get(d["doc_id"]) or _doc_name(d, None),
                  "role_name": labels.label(ROLE_NAMES, d["role"]), "deadline": labels.deadline_label(d),
                  "actor_name": d.get("actor_name") or labels.actor_name(d["actor"]),
                  "draft": matrix.draft_mark(d["doc_id"]), "id": clause_id(d["doc_id"], d["eid"])}
        ws2.append([values.get(key) or "" for _, key, _ in DUTY_SHEET])
    _style(ws2, [w for _, _, w in DUTY_SHEET], freeze="A2")
    wb.save(path)


def _style(ws: Worksheet, widths: list[int], freeze: str) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = head_fill
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(widths)))}{max(1, ws.max_row)}"


def _docx(matrix: Matrix, path: Path) -> None:
    doc = DocxDocument()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_heading("Ma trận nhiệm vụ theo điều khoản", level=1)
    header = matrix.header()
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(8)
    for values in matrix.table():
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8)
    doc.save(str(path))
