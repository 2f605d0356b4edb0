"""Deadlines as Vietnamese documents write them, read into `kb.model.Deadline`.

absolute: "trước ngày 18 tháng 12" (--12-18), "trước ngày 30/6/2021", "chậm nhất ngày 15/11/2025",
          "Quý I, II năm 2026" (2026-Q2: the last quarter named), "tháng 9/2021", "trong năm 2021";
relative: "trong thời hạn 20 ngày kể từ ngày văn bản được thông qua" (days=20, anchor=...), "sau khi ...";
recurring: "hàng năm"/"hằng năm", "định kỳ", "thường xuyên", "hàng quý", "hàng tháng".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.model import Deadline

_S = r"\s+"
_CUE = r"(?:trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất|hạn\s+chót|không\s+quá|hoàn\s+thành\s+trước|xong\s+trước|đến\s+hết|trong|xong\s+trong|hoàn\s+thành\s+trong|vào)"
_DAY_MONTH = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S})?(?:(?:\*\*)?ngày{_S})?(?P<d>\d{{1,2}}){_S}tháng{_S}(?P<m>\d{{1,2}})(?:{_S}năm{_S}(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
_DAY_SLASH = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S})?(?:\*\*)?ngày{_S}(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})(?:[/.-](?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S})?quý{_S}(?P<q>(?:IV|I{{1,3}}|[1-4])(?:\s*(?:,|-|và|đến)\s*(?:IV|I{{1,3}}|[1-4]))*)"
    rf"(?:{_S}năm{_S}|\s*/\s*)(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_MONTH = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S})?tháng{_S}(?P<m>\d{{1,2}})(?:{_S}năm{_S}|\s*/\s*)(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_MONTH_YEARLY = re.compile(rf"tháng{_S}(?P<m>\d{{1,2}}){_S}(?:hàng|hằng){_S}năm", re.IGNORECASE)
# "năm 2026 - 2027": the task's deadline is the end of the range.
_YEAR = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S}năm{_S}(?P<y>\d{{4}})|^\s*năm{_S}(?P<y2>\d{{4}}))(?:\s*[-–]\s*(?:năm\s+)?(?P<y3>\d{{4}}))?",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    rf"(?P<cue>trong\s+thời\s+hạn|trong\s+vòng|trong|chậm\s+nhất(?:\s+là)?|sau|không\s+quá){_S}(?:(?:không\s+quá|tối\s+đa){_S})?"
    rf"(?P<n>\d{{1,3}}){_S}(?P<unit>ngày(?:\s+làm\s+việc)?|tháng|năm)"
    rf"(?:{_S}(?P<anchor>(?:kể\s+từ|từ|sau|trước)\s+(?:ngày|khi)[^,;.()]*))?",
    re.IGNORECASE,
)
_AFTER_EVENT = re.compile(r"^\s*(?P<t>sau\s+khi\s+[^;]+?)\s*\.?\s*$", re.IGNORECASE)
_RECURRING = re.compile(
    r"\b(?P<w>(?:hàng|hằng)\s+năm|(?:hàng|hằng)\s+quý|(?:hàng|hằng)\s+tháng|định\s+kỳ|thường\s+xuyên)\b",
    re.IGNORECASE,
)
_RECURRENCE = {"nam": "hang_nam", "quy": "hang_quy", "thang": "hang_thang", "dinh": "dinh_ky", "thuong": "thuong_xuyen"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    deadline: Deadline


def _iso(y: str | None, m: str, d: str | None = None) -> str | None:
    month, day = int(m), int(d) if d else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if day is None:
        return f"{y}-{month:02d}" if y else f"--{month:02d}"
    return f"{y}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"


def _recurrence(word: str) -> str:
    from parsers.normalise import fold

    key = fold(word)
    for marker, value in _RECURRENCE.items():
        if key.endswith(marker) or key.startswith(marker):
            return value
    return "dinh_ky"


def _absolute(text: str, loose: bool) -> list[Found]:
    """Dates; a bare month or year counts only after a cue ("trước", "trong" ...) unless LOOSE (a task's
    "Thời gian thực hiện" value, where every date is the deadline)."""
    out: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], iso: str | None, need_cue: bool) -> None:
        if iso is None or (need_cue and not loose and not m.group("cue")):
            return
        if any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        out.append(Found(m.start(), m.end(), Deadline(m.group(0).replace("*", "").strip(), "absolute", date=iso)))

    for m in _DAY_MONTH.finditer(text):
        add(m, _iso(m.group("y"), m.group("m"), m.group("d")), need_cue=True)
    for m in _DAY_SLASH.finditer(text):
        add(m, _iso(m.group("y"), m.group("m"), m.group("d")), need_cue=True)
    for m in _QUARTER.finditer(text):
        quarters = [_ROMAN.get(q.lower(), int(q) if q.isdigit() else 0) for q in re.findall(r"IV|I{1,3}|[1-4]", m.group("q"))]
        add(m, f"{m.group('y')}-Q{max(quarters)}" if quarters else None, need_cue=False)
    for m in _MONTH.finditer(text):
        add(m, _iso(m.group("y"), m.group("m")), need_cue=True)
    for m in _YEAR.finditer(text):
        year = m.group("y3") or m.group("y") or m.group("y2")
        if m.group("y2"):
            taken.append((m.start(), m.end()))
            out.append(Found(m.start(), m.end(), Deadline(m.group(0).strip(), "absolute", date=year)))
        else:
            add(m, year, need_cue=True)
    return sorted(out, key=lambda f: f.start)


def find_deadlines(text: str, loose: bool = False) -> list[Found]:
    """Every deadline expression in TEXT, in order (overlaps resolved: the longer, more specific wins)."""
    found: list[Found] = []
    for m in _RELATIVE.finditer(text):
        unit = m.group("unit").lower()
        n = int(m.group("n"))
        days = n if unit.startswith("ngày") else n * 30 if unit == "tháng" else n * 365
        anchor = (m.group("anchor") or "").strip() or None
        found.append(Found(m.start(), m.end(), Deadline(m.group(0).strip(), "relative", days=days, anchor=anchor)))
    for f in _absolute(text, loose):
        if not any(g.start < f.end and f.start < g.end for g in found):
            found.append(f)
    for m in _MONTH_YEARLY.finditer(text):
        if not any(g.start < m.end() and m.start() < g.end for g in found):
            found.append(Found(m.start(), m.end(), Deadline(m.group(0), "recurring", date=_iso(None, m.group("m")),
                                                            recurrence="hang_nam")))
    for m in _RECURRING.finditer(text):
        if not any(g.start < m.end() and m.start() < g.end for g in found):
            found.append(Found(m.start(), m.end(), Deadline(m.group("w"), "recurring", recurrence=_recurrence(m.group("w")))))
    if loose and not found:
        m = _AFTER_EVENT.match(text)
        if m:
            found.append(Found(m.start("t"), m.end("t"), Deadline(m.group("t"), "relative", anchor=m.group("t"))))
    return sorted(found, key=lambda f: f.start)


def pick(found: list[Found]) -> Deadline | None:
    """The one deadline a duty carries: the first dated or counted one, with the recurrence stated
    alongside it ("Hàng năm, trước ngày 02/12" → --12-02, hang_nam); else the first recurrence."""
    firm = [f.deadline for f in found if f.deadline.kind != "recurring" or f.deadline.date]
    recurring = [f.deadline for f in found if f.deadline.kind == "recurring"]
    if firm:
        main = firm[0]
        if recurring and main.recurrence is None:
            return replace(main, recurrence=min(recurring, key=lambda d: _SPECIFIC.index(d.recurrence)
                                                if d.recurrence in _SPECIFIC else 9).recurrence)
        return main
    if not recurring:
        return None
    # "Định kỳ hàng năm", "thường xuyên ... hằng năm": the named period says more than "định kỳ".
    return min(recurring, key=lambda d: _SPECIFIC.index(d.recurrence) if d.recurrence in _SPECIFIC else 9)


_SPECIFIC = ("hang_thang", "hang_quy", "hang_nam", "dinh_ky", "thuong_xuyen")


def parse_deadline(text: str, loose: bool = True) -> Deadline | None:
    """The deadline TEXT states, or None: `parse_deadline("trước ngày 30/6/2021").date == "2021-06-30"`."""
    return pick(find_deadlines(text, loose=loose))
