"""Deadlines as Vietnamese documents write them, read into `kb.model.Deadline`.

absolute: "trước ngày 18 tháng 12" (--12-18), "trước ngày 30/6/2021", "chậm nhất ngày 15/11/2025",
          "trước 17 giờ ngày 05/12/2025", "Quý I, II năm 2026" (2026-Q2: the last quarter named),
          "tháng 9/2021", "Tháng 11 - 12/2025" (2025-12), "trong năm 2021", "2026-2030" (2030),
          "Từ tháng 11/2025 đến tháng 3/2026" (2026-03: a range ends the task);
          several dates of one schedule are one deadline keyed by the first ("trước ngày 01/6 và 15/11
          hằng năm" → --06-01, hang_nam, both dates in its text), "Quý IV năm 2025 và các năm tiếp theo";
relative: "trong thời hạn 20 ngày kể từ ngày văn bản được thông qua" (days=20, anchor=...), an event
          without a number ("sau khi ...", "trước khi ...", "ngay khi ...", "đến khi ...", "báo cáo
          ngay", "theo tiến độ ...", "đúng tiến độ");
recurring: "hằng năm", "một năm một lần" (hang_nam), "hằng quý", "hằng tháng", "định kỳ", "hằng ngày",
          "02 lần/ngày", "06 tháng một lần" (dinh_ky), "thường xuyên", "liên tục", "24/24" (thuong_xuyen).

Every Deadline's text is the phrase as written (markdown emphasis aside); `Found` keeps its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.model import Deadline

_S = r"\s+"
_CUE = r"(?:thời\s+(?:gian|hạn)(?:\s+\w+){0,3}\s*:|trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất|hạn\s+chót|không\s+quá|hoàn\s+thành\s+trước|xong\s+trước|đến\s+hết|trong|xong\s+trong|hoàn\s+thành\s+trong|vào)"
# A time of day between the cue and the date: "trước 17 giờ ngày 05/12", "trước 16h00’ ngày 15/11".
_CLOCK = r"(?:\d{1,2}\s*(?:h|giờ)\s*(?:\d{2})?\s*(?:’|'|phút)?(?:\s*,)?\s+)"
_DAY_MONTH = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S}{_CLOCK}?)?(?:(?:\*\*)?ngày\s*)?(?P<d>\d{{1,2}}){_S}tháng{_S}(?P<m>\d{{1,2}})(?!\d)"
    rf"(?:{_S}năm{_S}(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
# "ngày 30/6/2021"; after a cue of time the word "ngày" may be left out ("trước 15/11 hằng năm"), but not
# after "trong" or "không quá" ("không quá 1/3 số thành viên" is a share).
_DATE_CUE = r"(?:thời\s+(?:gian|hạn)(?:\s+\w+){0,3}\s*:|trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất|hạn\s+chót|hoàn\s+thành\s+trước|xong\s+trước|đến\s+hết)"
_DAY_SLASH = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S}{_CLOCK}?(?:\*\*)?ngày\s*|(?P<bare>{_DATE_CUE}){_S}{_CLOCK}?|(?:\*\*)?ngày\s*)(?<![\d/])"
    rf"(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})(?!\d)(?:[/.-](?P<y>\d{{4}}))?(?![\d/])",
    re.IGNORECASE,
)
# A bare day of the year with its recurrence: "(10/10) hằng năm".
_DAY_YEARLY = re.compile(r"(?<![\w/])\(?(?P<d>\d{1,2})/(?P<m>\d{1,2})\)?(?=\s+(?:hàng|hằng|mỗi)\s+năm)", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S})?quý{_S}(?P<q>(?:IV|I{{1,3}}|[1-4])(?:\s*(?:,|-|và|đến)\s*(?:IV|I{{1,3}}|[1-4]))*)"
    rf"(?:{_S}năm{_S}|\s*/\s*)(?P<y>\d{{4}})",
    re.IGNORECASE,
)
# "tháng 9/2021", "Tháng 11 - 12/2025" (a span of months ends with the last).
_MONTH = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S})?tháng{_S}(?:\d{{1,2}}\s*(?:-|–|,|và|đến)\s*(?:tháng\s+)?)*(?P<m>\d{{1,2}})"
    rf"(?:{_S}năm{_S}|\s*/\s*)(?P<y>\d{{4}})",
    re.IGNORECASE,
)
# "trong 6 tháng đầu năm 2026" ends with June, "6 tháng cuối năm 2025" with December.
_PART_OF_YEAR = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S})?(?P<n>\d{{1,2}}){_S}tháng{_S}(?P<part>đầu|cuối){_S}năm{_S}(?P<y>\d{{4}})", re.IGNORECASE
)
_MONTH_YEARLY = re.compile(rf"tháng{_S}(?P<m>\d{{1,2}}){_S}(?:hàng|hằng){_S}năm", re.IGNORECASE)
# "năm 2026 - 2027", "trong giai đoạn 2026-2030": the task's deadline is the end of the range.
_YEAR = re.compile(
    rf"(?:(?P<cue>{_CUE}){_S}(?:giai\s+đoạn{_S})?(?:năm{_S})?(?=\d{{4}})|^\s*năm{_S}(?=\d{{4}}))(?P<y>\d{{4}})(?!\d)"
    rf"(?:\s*(?:-|–|đến)\s*(?:năm\s+)?(?P<y3>\d{{4}}))?",
    re.IGNORECASE,
)
# A table's time cell that is only a year or a span of years: "2026", "2026-2030", "Giai đoạn 2026 - 2030".
_YEAR_CELL = re.compile(
    r"^\s*(?:(?:giai\s+đoạn|từ)\s+)?(?:năm\s+)?(?P<y>\d{4})(?:\s*(?:-|–|đến)\s*(?:năm\s+)?(?P<y3>\d{4}))?\s*[.;]?\s*$",
    re.IGNORECASE,
)
# What may follow a date and belongs to it: more dates of the same schedule, then "hằng năm", "năm tiếp
# theo" (a yearly report due early next year) or "và các năm tiếp theo".
_MORE_DATES = re.compile(
    r"(?:\s*(?:,|và|hoặc)\s*(?:ngày\s*)?\d{1,2}(?:[/.-]\d{1,2}(?!\d)|\s+tháng\s+\d{1,2}(?!\d))(?:[/.-]\d{4}|\s+năm\s+\d{4})?)+",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"\s*(?:,\s*)?(?:(?P<yearly>(?:hàng|hằng|mỗi)\s+năm)|(?P<onward>và\s+(?:các|những)\s+năm\s+tiếp\s+theo)|năm\s+tiếp\s+theo)",
    re.IGNORECASE,
)
# "Từ tháng 11/2025 đến" before an end date: the start of a range is not the deadline.
_RANGE_GAP = re.compile(r"^\s*(?:-|–|đến|tới)\s*(?:hết\s+)?$", re.IGNORECASE)
_RANGE_START = re.compile(r"(?:^|\s)(?:từ|bắt\s+đầu\s+từ)\s*$", re.IGNORECASE)
_RELATIVE = re.compile(
    rf"(?P<cue>trong\s+thời\s+hạn|trong\s+vòng|trong|chậm\s+nhất(?:\s+là)?|sau|không\s+quá){_S}(?:(?:không\s+quá|tối\s+đa){_S})?"
    rf"(?P<n>\d{{1,3}}){_S}(?P<unit>ngày(?:\s+làm\s+việc)?|giờ|tháng|năm)(?!\s+(?:một|01|1)\s+lần|\s*/\s*lần|\s+(?:đầu|cuối)\s+năm)"
    rf"(?:{_S}(?P<anchor>(?:kể\s+từ|từ|sau|trước)\s+(?:ngày|khi)[^,;.()]*))?",
    re.IGNORECASE,
)
# A time cell that opens with its count needs no cue: "03 ngày làm việc kể từ khi nhận được hồ sơ đầy đủ".
_COUNT_CELL = re.compile(
    rf"^\s*(?:[-+•]\s*)?(?P<cue>)(?P<n>\d{{1,3}}){_S}(?P<unit>ngày(?:\s+làm\s+việc)?|giờ|tháng)(?!\s*/)"
    rf"(?:{_S}(?P<anchor>(?:kể\s+từ|từ|sau|trước)\s+(?:ngày|khi)[^,;.()]*))?",
    re.IGNORECASE,
)
# The event a deadline counts from, when no number is given; it ends where the clause goes on.
_EVENT_END = r"(?=[,;.()\n:]|\s+(?:thì|để|phải|có\s+trách\s+nhiệm|đồng\s+thời|và|hoặc)\s|$)"
_EVENT = re.compile(
    rf"(?<!\w)(?P<w>(?:ngay\s+)?sau\s+khi|ngay\s+(?:trước\s+)?khi|trước\s+khi)\s+(?:[^,;.()\n:]+?){_EVENT_END}",
    re.IGNORECASE,
)
# "Trường hợp cần điều chỉnh sau khi khóa sổ": an event inside a condition says when the case arises.
_CONDITION = re.compile(r"(?<!\w)(?:trường\s+hợp|nếu|đối\s+với)(?!\w)", re.IGNORECASE)
_CLAUSE_START = re.compile(r"(?:^|[,;:.\n])\s*$")
# "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", "cho đến khi có văn bản thay thế": the task ends with an
# event, whatever date it starts from.
_UNTIL = re.compile(
    rf"(?<!\w)(?:từ\s+[^,;.\n]{{1,40}}?\s+)?(?:cho\s+)?đến\s+khi\s+(?:[^,;.()\n:]+?){_EVENT_END}", re.IGNORECASE
)
# "báo cáo ngay", "xử lý ngay lập tức": at once, after what calls for it.
_AT_ONCE = re.compile(
    r"(?<=\w)\s(?P<t>ngay(?:\s+lập\s+tức)?)(?=\s*(?:[,;.)]|$)|\s+(?:để|cho|về|với|bằng|khi)\s)", re.IGNORECASE
)
# "theo tiến độ được giao", "theo lộ trình của Bộ": the pace is set elsewhere, so the deadline is relative.
# ("bảo đảm chất lượng, tiến độ" is a standard to meet, not a time.)
_PROGRESS = re.compile(
    r"(?<!\w)theo\s+(?:đúng\s+)?(?:tiến\s+độ|lộ\s+trình)(?:\s+(?!và\s)[^,;.()\n]{0,80}?(?=[,;.()\n]|$))?",
    re.IGNORECASE,
)
_HOURS_CUE = re.compile(r"trong\s+(?:thời\s+hạn|vòng)|chậm\s+nhất|không\s+quá", re.IGNORECASE)
_AFTER_EVENT = re.compile(r"^\s*(?P<t>sau\s+khi\s+[^;]+?)\s*\.?\s*$", re.IGNORECASE)
_ONCE = r"(?:một|01|1)\s+lần"
# Recurrences, most specific first (an overlap keeps the first): labels write daily and weekly as dinh_ky.
_RECURRENCES = (
    (re.compile(rf"(?:một|mỗi|01|1)\s+năm\s*(?:{_ONCE}|/\s*lần)|{_ONCE}\s*/\s*năm|(?:hàng|hằng|mỗi)\s+năm|(?:đầu|cuối)\s+(?:mỗi|các)\s+năm", re.IGNORECASE), "hang_nam"),
    (re.compile(rf"(?:một|mỗi|01|1)\s+quý\s+{_ONCE}|{_ONCE}\s*/\s*quý|(?:hàng|hằng|mỗi)\s+quý"
                rf"|(?:tháng\s+)?(?:đầu|cuối|giữa)\s+(?:mỗi\s+|các\s+)?quý", re.IGNORECASE), "hang_quy"),
    (re.compile(rf"(?:một|mỗi|01|1)\s+tháng\s+{_ONCE}|{_ONCE}\s*/\s*tháng|(?:hàng|hằng|mỗi)\s+tháng|(?:đầu|cuối|giữa)\s+(?:mỗi|các)\s+tháng", re.IGNORECASE), "hang_thang"),
    (re.compile(r"định\s+kỳ|(?:hàng|hằng|mỗi)\s+(?:ngày|tuần)|\d{1,2}\s+lần\s*/\s*(?:ngày|tuần|tháng|quý|năm)"
                rf"|(?:(?:tối\s+thiểu|ít\s+nhất)\s+)?\d{{1,2}}\s+(?:ngày|tuần|tháng|năm)\s*(?:{_ONCE}|/\s*lần)", re.IGNORECASE), "dinh_ky"),
    (re.compile(r"thường\s+xuyên|liên\s+tục|24\s*/\s*24|24\s*/\s*7", re.IGNORECASE), "thuong_xuyen"),
)
# Words every match of a pattern holds, looked for first (ignoring case as the patterns do): for each
# recurrence, one of its words; "tháng", "năm", "quý" for the dated patterns.
_RECURRENCE_WORDS = {
    recurrence: re.compile(words, re.IGNORECASE) for recurrence, words in (
        ("hang_nam", "năm"), ("hang_quy", "quý"), ("hang_thang", "tháng"), ("dinh_ky", "kỳ|ngày|tuần|lần"),
        ("thuong_xuyen", "thường|liên|24"))
}
_HAS_MONTH = re.compile("tháng", re.IGNORECASE)
_HAS_YEAR_WORD = re.compile("năm", re.IGNORECASE)
_HAS_QUARTER = re.compile("quý", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"\d{4}")  # a year: _QUARTER, _MONTH, _PART_OF_YEAR and _YEAR need one
_DIGIT_SEP_DIGIT = re.compile(r"\d[/.-]\d")  # _DAY_SLASH's "30/6"
_WORD_EDGE = re.compile(r"[\w/]")  # "24/7" inside "ngày 24/7/2024" is a date
# Cheap tests that let most sentences skip the full patterns (extraction speed is a target).
_HAS_DIGIT = re.compile(r"\d")
_MAY_RECUR = re.compile(r"hàng|hằng|mỗi|định|thường|liên|24|lần|quý|các\s+(?:tháng|năm)", re.IGNORECASE)
_MAY_EVENT = re.compile(r"khi|ngay|tiến|lộ", re.IGNORECASE)
# "kinh phí chi thường xuyên", "vốn sự nghiệp thường xuyên": a budget line, not a recurrence.
_BUDGET = re.compile(r"(?<!\w)(?:chi|kinh\s+phí|sự\s+nghiệp)\s+$", re.IGNORECASE)
# "hoạt động thông suốt, ổn định, liên tục (24/24)" says how a system runs, not how often a duty recurs.
_QUALITY = re.compile(r"(?:thông\s+suốt|ổn\s+định|tự\s+động)[^;.]*$", re.IGNORECASE)
# "không hoạt động 03 năm liên tục": consecutive years, not a continuous duty.
_COUNTED = re.compile(r"\d+\s+(?:năm|tháng|ngày|kỳ|lần|quý)\s+$", re.IGNORECASE)


# A date after a passive "được giao / ban hành ..." says which tasks or texts ("các nhiệm vụ được giao trong năm
# 2025", "được xử lý trong năm 2025"), not by when the bearer must act.
_ASSIGNED = re.compile(r"được\s+(?:giao|ban\s+hành|phê\s+duyệt|xử\s+lý|thông\s+qua)\s+$", re.IGNORECASE)
# A recurrence followed by "của" qualifies a noun (an annual resolution, an annual ranking of bodies), not a duty
# — except a budget's: "bố trí trong dự toán ngân sách hằng năm của Bộ" is done every year.
_OF_SOMEONE = re.compile(r"\s+của\s", re.IGNORECASE)
_YEARLY_BUDGET = re.compile(r"(?<!\w)(?:dự\s+toán|ngân\s+sách|kinh\s+phí)(?:\s+[^\s,;.()]+){0,5}\s+$", re.IGNORECASE)


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


def _written(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The phrase TEXT[START:END] as written, its span trimmed of spaces and of markdown emphasis ("**")."""
    while start < end and (text[start].isspace() or text[start] == "*"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "*"):
        end -= 1
    return start, end, text[start:end].replace("**", "")


def _found(text: str, start: int, end: int, kind: str, **fields: object) -> Found:
    start, end, written = _written(text, start, end)
    return Found(start, end, Deadline(written, kind, **fields))  # type: ignore[arg-type]


def _whole_word(text: str, start: int, end: int) -> bool:
    """A match that does not cut a word ("24/24" inside "124/245" is not one)."""
    before = start > 0 and bool(_WORD_EDGE.match(text[start - 1]))
    after = end < len(text) and bool(_WORD_EDGE.match(text[end]))
    return not before and not after


def _tail(text: str, end: int, dates: bool) -> tuple[int, str | None]:
    """Where a date's phrase ends, with what follows it (more dates when DATES, "hằng năm" ...), and the
    recurrence that tail states."""
    if dates and (more := _MORE_DATES.match(text, end)):
        end = more.end()
    tail = _TAIL.match(text, end)
    if tail is None:
        return end, None
    return tail.end(), "hang_nam" if tail.group("yearly") or tail.group("onward") else None


def _overlaps(found: list[Found], start: int, end: int) -> bool:
    return any(g.start < end and start < g.end for g in found)


def _absolute(text: str, loose: bool) -> list[Found]:
    """Dates; a bare day, month or year counts only after a cue ("trước", "trong" ...), with its
    recurrence ("ngày 25/12 hằng năm") or as the end of a range ("từ ngày 01/01/2026 đến ngày 31/3/2026"),
    unless LOOSE (a task's "Thời gian thực hiện" value, where every date is the deadline)."""
    out: list[tuple[Found, bool]] = []  # each date with whether it is cued

    def taken(start: int, end: int) -> bool:
        return _overlaps([f for f, _ in out], start, end)

    def add(m: re.Match[str], iso: str | None, need_cue: bool, dates: bool = False) -> None:
        if iso is None or taken(m.start(), m.end()) or _ASSIGNED.search(text[max(0, m.start() - 30): m.start()]):
            return
        end, recurrence = _tail(text, m.end(), dates)
        cued = not need_cue or bool(m.group("cue") or m.groupdict().get("bare")) or recurrence is not None
        out.append((_found(text, m.start(), end, "absolute", date=iso, recurrence=recurrence), cued))

    # Each pattern runs only on a text holding a word it cannot match without (the same matches, found
    # faster: a pattern that opens with an optional cue is tried at every position).
    month, year, slash = bool(_HAS_MONTH.search(text)), bool(_FOUR_DIGITS.search(text)), bool(_DIGIT_SEP_DIGIT.search(text))
    for m in _DAY_MONTH.finditer(text) if month else ():
        add(m, _iso(m.group("y"), m.group("m"), m.group("d")), need_cue=True, dates=True)
    for m in _DAY_SLASH.finditer(text) if slash else ():
        add(m, _iso(m.group("y"), m.group("m"), m.group("d")), need_cue=True, dates=True)
    for m in _DAY_YEARLY.finditer(text) if "/" in text and _HAS_YEAR_WORD.search(text) else ():
        if not taken(m.start(), m.end()) and (iso := _iso(None, m.group("m"), m.group("d"))):
            end, recurrence = _tail(text, m.end(), dates=False)
            out.append((_found(text, m.start(), end, "absolute", date=iso, recurrence=recurrence), True))
    for m in _PART_OF_YEAR.finditer(text) if month and year else ():
        month_of = m.group("n") if m.group("part").lower() == "đầu" else "12"
        add(m, _iso(m.group("y"), month_of), need_cue=True)
    for m in _QUARTER.finditer(text) if year and _HAS_QUARTER.search(text) else ():
        quarters = [_ROMAN.get(q.lower(), int(q) if q.isdigit() else 0) for q in re.findall(r"IV|I{1,3}|[1-4]", m.group("q"))]
        add(m, f"{m.group('y')}-Q{max(quarters)}" if quarters else None, need_cue=False)
    for m in _MONTH.finditer(text) if month and year else ():
        add(m, _iso(m.group("y"), m.group("m")), need_cue=True)
    for m in _YEAR.finditer(text) if year else ():
        add(m, m.group("y3") or m.group("y"), need_cue=not m.group(0).lstrip().lower().startswith("năm"))
    if loose and (m := _YEAR_CELL.match(text)) and not taken(m.start(), m.end()):
        out.append((_found(text, m.start(), m.end(), "absolute", date=m.group("y3") or m.group("y")), True))
    return [f for f, cued in _ranges(text, sorted(out, key=lambda x: x[0].start)) if cued or loose]


def _ranges(text: str, found: list[tuple[Found, bool]]) -> list[tuple[Found, bool]]:
    """"Từ tháng 11/2025 đến tháng 3/2026" is one deadline, the end of the range (a period of work names
    its end, so it needs no other cue)."""
    out: list[tuple[Found, bool]] = []
    for f, cued in found:
        last = out[-1][0] if out else None
        opener = _RANGE_START.search(text[: last.start]) if last is not None else None
        if last is not None and opener is not None and _RANGE_GAP.match(text[last.end:f.start]):
            out[-1] = (_found(text, opener.start(), f.end, "absolute", date=f.deadline.date,
                              recurrence=f.deadline.recurrence), True)
            continue
        out.append((f, cued))
    return out


def _relative(text: str, loose: bool = False) -> list[Found]:
    """Counted deadlines: "trong thời hạn 20 ngày kể từ ...", "sau 03 tháng"; when LOOSE also a time cell's
    bare count ("03 ngày làm việc")."""
    out: list[Found] = []
    cell = _COUNT_CELL.match(text) if loose else None
    for m in [*([cell] if cell else []), *_RELATIVE.finditer(text)]:
        if out and m.start() < out[0].end:
            continue
        unit = m.group("unit").lower()
        n = int(m.group("n"))
        if unit == "giờ" and not (m.group("anchor") or m is cell or _HOURS_CUE.match(m.group("cue"))):
            continue  # "tiếp nhận sau 15 giờ" is a time of day, "trong 24 giờ tới" a forecast
        # "trong vòng 24 giờ" is a day: labels count deadlines in days
        days = n if unit.startswith("ngày") else max(1, round(n / 24)) if unit == "giờ" else n * 30 if unit == "tháng" else n * 365
        anchor = (m.group("anchor") or "").strip() or None
        out.append(_found(text, m.start("n") if m is cell else m.start(), m.end(), "relative", days=days, anchor=anchor))
    return out


def _events(text: str, loose: bool = False) -> list[Found]:
    """Deadlines counted from an event without a number: "sau khi ...", "đến khi ...", "ngay"; and where the
    text is a time (LOOSE: a table's time cell, a "Thời gian thực hiện:" value) "theo tiến độ ...": there it
    says by when, in a running sentence it mostly says how ("bảo đảm thực hiện theo đúng tiến độ")."""
    out: list[Found] = []
    for m in _EVENT.finditer(text):
        before = text[: m.start()]
        segment = re.split(r"[,;.\n]", before)[-1]
        if _CONDITION.search(segment):
            continue
        # "kiểm tra thiết bị trước khi đưa vào sử dụng" orders two steps; only a clause that opens with
        # "Trước khi ..." sets a time.
        if m.group("w").lower().startswith("trước") and not _CLAUSE_START.search(before):
            continue
        out.append(_found(text, m.start(), m.end(), "relative", anchor=_written(text, m.start(), m.end())[2]))
    for m in _AT_ONCE.finditer(text):
        out.append(_found(text, m.start("t"), m.end("t"), "relative"))
    for m in _PROGRESS.finditer(text) if loose else ():
        if not _overlaps(out, m.start(), m.end()):
            out.append(_found(text, m.start(), m.end(), "relative", anchor=_written(text, m.start(), m.end())[2]))
    return out


def _recurring(text: str) -> list[Found]:
    out: list[Found] = []
    for pattern, recurrence in _RECURRENCES:
        if not _RECURRENCE_WORDS[recurrence].search(text):
            continue  # a word every match of the pattern holds is missing
        for m in pattern.finditer(text):
            if not _whole_word(text, m.start(), m.end()) or _overlaps(out, m.start(), m.end()):
                continue
            if recurrence == "thuong_xuyen" and (_QUALITY.search(text[max(0, m.start() - 40): m.start()])
                                                 or _COUNTED.search(text[max(0, m.start() - 20): m.start()])):
                continue
            if recurrence == "thuong_xuyen" and _BUDGET.search(text[max(0, m.start() - 20): m.start()]):
                continue
            if recurrence != "thuong_xuyen" and _OF_SOMEONE.match(text, m.end()) and not _YEARLY_BUDGET.search(
                    text[max(0, m.start() - 60): m.start()]):
                continue  # "theo Nghị quyết hằng năm của HĐND", "xếp hạng ... hàng năm của các cơ quan": a noun's

            out.append(_found(text, m.start(), m.end(), "recurring", recurrence=recurrence))
    return out


def find_deadlines(text: str, loose: bool = False) -> list[Found]:
    """Every deadline expression in TEXT, in order (overlaps resolved: counted, then dated, then events,
    then recurrences; within each the first found)."""
    digits = bool(_HAS_DIGIT.search(text))
    found: list[Found] = _relative(text, loose) if digits else []
    for m in _UNTIL.finditer(text) if "khi" in text.lower() else ():
        if not _overlaps(found, m.start(), m.end()):
            found.append(_found(text, m.start(), m.end(), "relative", anchor=_written(text, m.start(), m.end())[2]))
    for f in _absolute(text, loose) if digits else ():
        if not _overlaps(found, f.start, f.end):
            found.append(f)
    for m in _MONTH_YEARLY.finditer(text) if digits else ():
        if not _overlaps(found, m.start(), m.end()):
            found.append(_found(text, m.start(), m.end(), "recurring", date=_iso(None, m.group("m")), recurrence="hang_nam"))
    events = _events(text, loose) if _MAY_EVENT.search(text) else []
    for f in events + (_recurring(text) if _MAY_RECUR.search(text) else []):
        if not _overlaps(found, f.start, f.end):
            found.append(f)
    if loose and not found:
        m = _AFTER_EVENT.match(text)
        if m:
            found.append(_found(text, m.start("t"), m.end("t"), "relative", anchor=m.group("t")))
    return sorted(found, key=lambda f: f.start)


_SPECIFIC = ("hang_thang", "hang_quy", "hang_nam", "dinh_ky", "thuong_xuyen")


def _most_specific(recurring: list[Deadline]) -> Deadline:
    # "Định kỳ hàng năm", "thường xuyên ... hằng năm": the named period says more than "định kỳ".
    return min(recurring, key=lambda d: _SPECIFIC.index(d.recurrence) if d.recurrence in _SPECIFIC else 9)


def pick(found: list[Found]) -> Deadline | None:
    """The one deadline a duty carries: the first dated or counted one, with the recurrence stated
    alongside it ("Hàng năm, trước ngày 02/12" → --12-02, hang_nam); else the first event it counts from
    ("sau khi ...", "theo tiến độ"); else the most specific recurrence."""
    dated = [f.deadline for f in found if f.deadline.date or f.deadline.days is not None]
    events = [f.deadline for f in found if f.deadline.kind == "relative" and f.deadline.days is None and not f.deadline.date]
    recurring = [f.deadline for f in found if f.deadline.kind == "recurring" and not f.deadline.date]
    if dated:
        main = dated[0]
        if recurring and main.recurrence is None:
            return replace(main, recurrence=_most_specific(recurring).recurrence)
        return main
    if events:
        return events[0]
    return _most_specific(recurring) if recurring else None


# "...; hoàn thành trước ngày 10 tháng 12 năm 2025.": a sentence's last clause that only says when the work
# is done closes every clause before it.
_CLOSING = re.compile(
    r"^\s*(?:và\s+|đồng\s+thời\s+)?(?:phải\s+)?(?:hoàn\s+thành|xong|thời\s+(?:gian|hạn)(?:\s+hoàn\s+thành)?\s*:)", re.IGNORECASE
)


def closing_deadline(clause: str) -> Deadline | None:
    """The dated or counted deadline of a closing clause ("hoàn thành trước ngày 10/12/2025"), else None."""
    if not _CLOSING.match(clause):
        return None
    found = pick(find_deadlines(clause))
    return found if found is not None and (found.date or found.days is not None) else None


def parse_deadline(text: str, loose: bool = True) -> Deadline | None:
    """The deadline TEXT states, or None: `parse_deadline("trước ngày 30/6/2021").date == "2021-06-30"`."""
    return pick(find_deadlines(text, loose=loose))
