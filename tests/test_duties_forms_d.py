"""Duty forms found on unseen documents (helper duties-d): table tests of sentences from several
documents, expected (actor, role) written by hand."""
from __future__ import annotations

import pytest

from kb.duties.extract import read_text

# A list of bearers opened by a plural ("Các Bộ trưởng, ...") keeps its catch-all at the end: the closing
# article of a Nghị định makes "tổ chức, cá nhân có liên quan" carry it out too.
PLURAL_OPENS_LIST = [
    # Nghị định on energy saving (vbpl doc_000065), Điều 29; the same words in vbpl doc_000001, doc_000151
    (("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân "
     "các tỉnh, thành phố trực thuộc trung ương và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị "
     "định này."),
     {("cac_bo_nganh", "thuc_hien"), ("chu_tich_ubnd_tinh", "thuc_hien"), ("co_quan_lien_quan", "thuc_hien")}),
    # vbpl doc_000028
    (("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân "
     "các cấp và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị định này."),
     {("cac_bo_nganh", "thuc_hien"), ("ubnd_tinh", "thuc_hien"), ("ubnd_cap_huyen", "thuc_hien"),
      ("ubnd_cap_xa", "thuc_hien"), ("co_quan_lien_quan", "thuc_hien")}),
    # vbpl doc_000053
    (("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân "
     "các tỉnh, thành phố trực thuộc trung ương và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
     "Nghị định này."),
     {("cac_bo_nganh", "thuc_hien"), ("chu_tich_ubnd_tinh", "thuc_hien"), ("co_quan_lien_quan", "thuc_hien")}),
    # vbpl doc_000067: a shorter list
    (("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung "
     "ương và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị định này."),
     {("cac_bo_nganh", "thuc_hien"), ("chu_tich_ubnd_tinh", "thuc_hien"), ("co_quan_lien_quan", "thuc_hien")}),
    # a plural after a preposition is an object's list, not a bearer's
    ("Sở Tài chính hướng dẫn các Sở, ban, ngành và các đơn vị liên quan thực hiện.",
     {("so_tai_chinh", "thuc_hien")}),
]


@pytest.mark.parametrize(("text", "expected"), PLURAL_OPENS_LIST)
def test_plural_opens_a_list_of_bearers(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, [])} == expected
