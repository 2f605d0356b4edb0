"""The one place that turns the library's codes into the Vietnamese a user reads.

Roles, relations, alignment statuses, facts, validity, deadline recurrences and check findings by code;
eids as people cite a unit ("art_5__para_2" → "khoản 2 Điều 5"); actor ids as their names; dates and
structured deadline values as people write them ("2022-01-13" → "13/01/2022", "--12-18" → "18/12",
"2025-Q3" → "Quý III/2025"). Pages, exports and CLI messages use these; ISO and codes stay in JSON.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

ROLE = {
    "chu_tri": "Chủ trì",
    "phoi_hop": "Phối hợp",
    "tham_muu": "Tham mưu",
    "thuc_hien": "Thực hiện",
    "ban_hanh": "Ban hành",
    "bao_cao": "Báo cáo",
    "chi_dao": "Chỉ đạo",
    "de_nghi": "Đề nghị",
}

# Alignment statuses of a version comparison, as the Bảng so sánh says them.
STATUS = {
    "unchanged": "Giữ nguyên",
    "editorial": "Sửa lỗi trình bày, chính tả",
    "modified": "Sửa đổi, bổ sung",
    "renumbered": "Giữ nguyên nội dung, đánh số lại",
    "moved": "Chuyển vị trí",
    "split": "Tách",
    "merged": "Gộp",
    "added": "Bổ sung mới",
    "removed": "Bãi bỏ",
}

FACT = {
    "deadline_changed": "Thời hạn thay đổi",
    "deadline_added": "Thời hạn mới",
    "deadline_removed": "Bỏ thời hạn",
    "actor_replaced": "Thay chủ thể",
    "actor_added": "Thêm chủ thể",
    "actor_removed": "Bỏ chủ thể",
    "basis_replaced": "Thay căn cứ pháp lý",
    "citation_changed": "Thay văn bản dẫn chiếu",
    "definition_changed": "Sửa định nghĩa",
    "definition_added": "Thêm định nghĩa",
    "definition_removed": "Bỏ định nghĩa",
    "duty_gained": "Nhiệm vụ mới",
    "duty_lost": "Bỏ nhiệm vụ",
    "duty_changed": "Nhiệm vụ thay đổi",
    "duty_transferred": "Chuyển nhiệm vụ sang chủ thể khác",
    "substitution": "Thay cụm từ trong toàn văn bản",
}

RELATION = {
    "can_cu": "Căn cứ",
    "thay_the": "Thay thế",
    "sua_doi_bo_sung": "Sửa đổi, bổ sung",
    "huong_dan": "Hướng dẫn",
    "thuc_hien": "Thực hiện",
    "ban_hanh_kem_theo": "Ban hành kèm theo",
    "dan_chieu": "Dẫn chiếu",
}
# The same relations read from the cited document's side (its Lược đồ).
RELATION_INVERSE = {
    "can_cu": "Là căn cứ của",
    "thay_the": "Bị thay thế bởi",
    "sua_doi_bo_sung": "Bị sửa đổi, bổ sung bởi",
    "huong_dan": "Được hướng dẫn bởi",
    "thuc_hien": "Được thực hiện bởi",
    "ban_hanh_kem_theo": "Văn bản kèm theo",
    "dan_chieu": "Được dẫn chiếu bởi",
}

# Tình trạng hiệu lực of a document (kb.validity's codes and the catalog's).
VALIDITY = {
    "draft": "Dự thảo",
    "in_force": "Còn hiệu lực",
    "partly_expired": "Hết hiệu lực một phần",
    "amended": "Còn hiệu lực (đã được sửa đổi, bổ sung)",
    "replaced": "Hết hiệu lực toàn bộ",
    "expired": "Hết hiệu lực toàn bộ",
    "not_yet": "Chưa có hiệu lực",
    "unknown": "Chưa rõ",
}

RECURRENCE = {
    "hang_nam": "hằng năm",
    "hang_quy": "hằng quý",
    "hang_thang": "hằng tháng",
    "dinh_ky": "định kỳ",
    "thuong_xuyen": "thường xuyên",
}

DEADLINE_KIND = {"absolute": "Có ngày cụ thể", "relative": "Tính từ một sự kiện", "recurring": "Định kỳ"}

LEVEL = {"trung_uong": "Trung ương", "tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}

FINDING = {
    "stale": "Dẫn văn bản đã bị thay thế, hết hiệu lực",
    "amended": "Dẫn điều khoản đã được sửa đổi, bãi bỏ sau đó",
    "missing_pinpoint": "Dẫn điều khoản không có trong văn bản được dẫn",
    "dangling_internal": "Dẫn chiếu tới điều khoản không có trong chính văn bản",
    "unstated_replacement": "Thay thế văn bản khác mà không nêu",
}

# Node kinds (parsers' tree) as headings name them.
NODE_KIND = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "khoản", "diem": "điểm",
             "section": "mục", "item": "mục", "subitem": "tiểu mục", "bullet": "ý", "paragraph": "đoạn"}


def label(table: Mapping[str, str], code: str | None) -> str:
    """The plain word for a code ("" for none); an unknown code is shown as it is rather than hidden."""
    if not code:
        return ""
    return table.get(code, code)


# --- units ------------------------------------------------------------------------------------------
_EID_UNITS = {"chp": "Chương", "art": "Điều", "para": "khoản", "point": "điểm", "sec": "Mục", "part": "Phần",
              "annex": "Phụ lục", "item": "mục", "subitem": "mục", "bullet": "ý", "p": "đoạn", "muc": "Mục",
              "form": "Mẫu số", "table": "Bảng"}
_EID_PIECE = re.compile(r"^([a-z]+)_(.+)$")


@lru_cache(maxsize=65_536)
def eid_address(eid: str | None) -> str:
    """An eid as Vietnamese texts cite the unit: "art_5__para_2__point_a" → "điểm a khoản 2 Điều 5",
    "annex_I" → "Phụ lục I", a plan's "sec_II__item_1__subitem_1.2" → "mục 1.2 Mục II". An eid this
    cannot read gives "điều khoản được yêu cầu" rather than the code."""
    if not eid:
        return ""
    parts: list[str] = []
    for piece in eid.split("__"):
        if piece in _EID_UNITS:  # a unit without a number: "annex__form_01" is Mẫu số 01 of the (only) Phụ lục
            parts.append(_EID_UNITS[piece])
            continue
        m = _EID_PIECE.match(piece)
        name = _EID_UNITS.get(m.group(1)) if m else None
        if m is None or name is None:
            return "điều khoản được yêu cầu"
        num = m.group(2).split("_")[0]
        if m.group(1) == "subitem" and parts and parts[-1].startswith("mục "):
            parts[-1] = f"mục {num}"  # "1.2" already carries its item's number
            continue
        parts.append(f"{name} {num}")
    return " tại ".join(reversed(parts)) if parts[0].startswith("Phụ lục") and len(parts) > 1 else " ".join(reversed(parts))


def short_title(text: str | None, width: int = 70) -> str:
    """A long title cut at a word, for lists and table cells (the full title goes in a tooltip)."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"


def doc_label(row: Mapping[str, Any]) -> str:
    """How a document is named in lists: "Quy chế 03/2022/QĐ-UBND — Phối hợp ..." (number when it has
    one, else its date or "Dự thảo"), never its file name."""
    head = " ".join(x for x in (row.get("type") or "Văn bản", row.get("number")) if x)
    if not row.get("number"):
        when = format_date(row.get("date"))
        draft = row.get("status") == "draft"
        head += " (dự thảo)" if draft else f" ngày {when}" if when else ""
    tail = row.get("title") or ""
    return f"{head} — {tail}" if tail else head


# --- actors -----------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _registry_names() -> dict[str, str]:
    from kb.duties.actors import load_registry

    return {a.id: a.name for a in load_registry().actors.values()}


def actor_name(actor_id: str | None, names: Mapping[str, str] | None = None) -> str:
    """An actor id as its name: from NAMES first (a document's own definitions), then the registry; an
    id nobody names is written as words ("ban_chi_dao" → "Ban chỉ đạo") rather than shown as a code."""
    if not actor_id:
        return ""
    if names and actor_id in names:
        return names[actor_id]
    known = _registry_names().get(actor_id)
    if known:
        return known
    words = actor_id.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


# The long forms of bodies' names and how headers shorten them (longest first).
_SHORT_NAMES = (
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQVN"), ("Mặt trận Tổ quốc Việt Nam", "MTTQVN"),
    ("Ủy ban Mặt trận Tổ quốc", "UBMTTQ"), ("Mặt trận Tổ quốc", "MTTQ"),
    ("Ủy ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"), ("Văn phòng", "VP"),
    ("Ban Chấp hành", "BCH"), ("Ban Chỉ đạo", "BCĐ"), ("thành phố", "TP."), ("Thành phố", "TP."),
    ("Lao động - Thương binh và Xã hội", "LĐ-TB&XH"), ("Khoa học và Công nghệ", "KH&CN"),
    ("Nông nghiệp và Môi trường", "NN&MT"), ("Thông tin và Truyền thông", "TT&TT"),
    ("Giáo dục và Đào tạo", "GD&ĐT"), ("Tài nguyên và Môi trường", "TN&MT"),
    ("Văn hóa, Thể thao và Du lịch", "VH,TT&DL"), ("Đại biểu Quốc hội", "ĐBQH"),
)


def short_name(name: str | None) -> str:
    """A body's name as a column header shortens it: "Ủy ban nhân dân cấp xã" → "UBND cấp xã",
    "Văn phòng HĐND và UBND cấp xã" → "VP HĐND và UBND cấp xã" (the full name goes in a tooltip)."""
    text = " ".join((name or "").split())
    for long, short in _SHORT_NAMES:
        text = re.sub(rf"(?i)\b{re.escape(long)}\b", short, text) if long[0].islower() else text.replace(long, short)
    return text


# --- dates and deadlines ----------------------------------------------------------------------------
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEARLY_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
_YEARLY_MONTH = re.compile(r"^--(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def format_date(value: str | None) -> str:
    """A date or partial date as people write it: "2022-01-13" → "13/01/2022", "--12-18" → "18/12",
    "2025-Q3" → "Quý III/2025", "2021-09" → "tháng 9/2021", "--06" → "tháng 6", "2030" → "năm 2030".
    A value of another shape is returned as it is (it is already words)."""
    if not value:
        return ""
    value = str(value).strip()
    if m := _ISO_DAY.match(value):
        return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
    if m := _YEARLY_DAY.match(value):
        return f"{m.group(2)}/{m.group(1)}"
    if m := _QUARTER.match(value):
        return f"Quý {_ROMAN[int(m.group(2))]}/{m.group(1)}"
    if m := _ISO_MONTH.match(value):
        return f"tháng {int(m.group(2))}/{m.group(1)}"
    if m := _YEARLY_MONTH.match(value):
        return f"tháng {int(m.group(1))}"
    if m := _YEAR.match(value):
        return f"năm {m.group(1)}"
    return value


def deadline_words(date: str | None = None, days: int | None = None, recurrence: str | None = None,
                   anchor: str | None = None) -> str:
    """A structured deadline (kb/duties/deadlines.py) as a phrase: ("--12-18", hang_nam) → "trước ngày
    18/12 hằng năm"; "2025-Q3" → "trong Quý III/2025"; 20 days → "trong 20 ngày kể từ ..."; only a
    recurrence → "hằng năm". "" when nothing is known."""
    parts: list[str] = []
    if date:
        shown = format_date(date)
        on_a_day = _ISO_DAY.match(date) or _YEARLY_DAY.match(date)
        parts.append(f"trước ngày {shown}" if on_a_day else f"trong {shown}")
    elif days is not None:
        parts.append(f"trong {days} ngày" + (f" {anchor}" if anchor else ""))
    if recurrence:
        parts.append(label(RECURRENCE, recurrence))
    return " ".join(parts)


def deadline_label(row: Mapping[str, Any]) -> str:
    """A duty row's deadline for a table: the words of the text, else the structured value in words."""
    if row.get("deadline_text"):
        return str(row["deadline_text"])
    return deadline_words(row.get("deadline_date"), row.get("deadline_days"), row.get("deadline_recurrence"),
                          row.get("deadline_anchor"))


def build_summary(report: Any) -> str:
    """A build report (`kb.store.db.BuildReport`) in one Vietnamese line, as the CLI and the app show it:
    "5 tệp: 5 đọc mới, 0 không đổi, 0 đã bỏ khỏi kho, 0 lỗi; 6 văn bản, 120 điều khoản và mục trong 1,2 giây"."""
    files = len(report.parsed) + len(report.unchanged) + len(report.failed)
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    return (f"{files} tệp: {len(report.parsed)} đọc mới, {len(report.unchanged)} không đổi, "
            f"{len(report.removed)} đã bỏ khỏi kho, {len(report.failed)} lỗi; {report.documents} văn bản, "
            f"{report.nodes} điều khoản và mục trong {seconds} giây")
