"""Plain Vietnamese words for the codes the library uses (roles, statuses, relations, deadline kinds)."""

from __future__ import annotations

ROLE = {
    "chu_tri": "Chủ trì",
    "phoi_hop": "Phối hợp",
    "tham_muu": "Tham mưu",
    "thuc_hien": "Thực hiện",
    "ban_hanh": "Ban hành",
    "bao_cao": "Báo cáo",
    "chi_dao": "Chỉ đạo",
    "de_nghi": "Được đề nghị",
}

STATUS = {
    "unchanged": "Giữ nguyên",
    "editorial": "Sửa câu chữ",
    "modified": "Sửa đổi nội dung",
    "renumbered": "Đổi số thứ tự",
    "moved": "Chuyển vị trí",
    "split": "Tách ra",
    "merged": "Gộp lại",
    "added": "Bổ sung mới",
    "removed": "Bỏ đi",
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

LEVEL = {"chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "Khoản", "diem": "Điểm"}


def label(table: dict[str, str], code: str | None) -> str:
    """The plain word for a code; an unknown code is shown as it is rather than hidden."""
    if not code:
        return ""
    return table.get(code, code)


def doc_label(row: dict) -> str:
    """How a document is named in lists: "Quy chế 03/2022/QĐ-UBND — Phối hợp ..." (number when it has one)."""
    head = " ".join(x for x in (row.get("type") or "Văn bản", row.get("number")) if x)
    tail = row.get("title") or row.get("file") or ""
    return f"{head} — {tail}" if tail else head


_EID_UNITS = {"chp": "Chương", "art": "Điều", "para": "khoản", "point": "điểm", "sec": "Mục", "part": "Phần",
              "annex": "Phụ lục", "item": "mục", "subitem": "tiểu mục", "bullet": "ý"}


def eid_address(eid: str) -> str:
    """An eid as people cite a unit ("art_5__para_2__point_a" → "điểm a khoản 2 Điều 5"), so that a
    link to a unit that does not exist says which one without showing an internal code."""
    parts = []
    for piece in eid.split("__"):
        unit, _, num = piece.partition("_")
        name = _EID_UNITS.get(unit)
        if name is None or not num:
            return "điều khoản được yêu cầu"
        parts.append(f"{name} {num.split('_')[0]}")
    return " ".join(reversed(parts))
