"""Duty forms of law-style texts (Thông tư, Nghị định, a body's remit): table tests of sentences taken
from several documents, expected (actor, role[, deadline]) written by hand."""
from __future__ import annotations

import pytest

from kb.duties.actors import find_definitions, load_registry
from kb.duties.extract import read_text

# "Thực hiện chế độ báo cáo ...": the reporting regime is a duty to report, not a bare action.
REPORT_REGIME = [
    # Thông tư 03/2026/TT-BGDĐT (vbpl doc_000048), Điều 12
    ("Thực hiện chế độ báo cáo theo quy định của Bộ trưởng Bộ Giáo dục và Đào tạo.",
     "so_giao_duc_dao_tao", {("so_giao_duc_dao_tao", "bao_cao")}),
    # corpus-wild 5b692e230f990be5 (tài sản công)
    ("Thực hiện chế độ báo cáo tình hình quản lý, sử dụng tài sản công theo quy định của pháp luật.",
     "ubnd_cap_xa", {("ubnd_cap_xa", "bao_cao")}),
    # corpus-wild 001c610b2efdcf0c (cập nhật dữ liệu)
    ("Thực hiện chế độ báo cáo định kỳ hằng quý về tiến độ cập nhật dữ liệu gửi Sở Tài chính.",
     "ubnd_cap_xa", {("ubnd_cap_xa", "bao_cao")}),
    # the plain form stays as it was
    ("Thực hiện báo cáo định kỳ về Sở Tư pháp.", "ubnd_cap_xa", {("ubnd_cap_xa", "bao_cao")}),
    # a regime that is not reporting is an action
    ("Thực hiện chế độ, chính sách đối với cán bộ theo quy định.", "ubnd_cap_xa", {("ubnd_cap_xa", "thuc_hien")}),
]


@pytest.mark.parametrize(("text", "actor", "expected"), REPORT_REGIME)
def test_report_regime_is_a_report(text: str, actor: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, [actor])} == expected


# "bộ, cơ quan ngang bộ" without a leading "các" is the ministries as a group, as law texts write it.
MINISTRIES = [
    # Nghị định 303/2025/NĐ-CP (corpus-wild e8b69e31579c0186), Điều 1
    "cơ cấu tổ chức của bộ, cơ quan ngang bộ (sau đây gọi chung là bộ); tiêu chí thành lập",
    # corpus-wild 5e4a9784909432f8
    "giữa bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ với Ủy ban nhân dân tỉnh",
    # corpus-wild 344b9eec106a648a
    "thủ tục hành chính thuộc phạm vi quản lý của 14 bộ, cơ quan ngang bộ",
]


@pytest.mark.parametrize("text", MINISTRIES)
def test_ministries_without_cac(text: str) -> None:
    assert "cac_bo_nganh" in {i for m in load_registry().find(text) for i in m.ids}


def test_term_defined_as_bo_is_the_ministries() -> None:
    """'(sau đây gọi chung là bộ)' after 'bộ, cơ quan ngang bộ': 'bộ' in the remit clauses is that group."""
    found = find_definitions(MINISTRIES[0], load_registry())
    assert [(term, ids) for term, ids, _ in found] == [("bộ", ("cac_bo_nganh",))]
