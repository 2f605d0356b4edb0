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


# "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị <các cơ quan, đơn vị ...> phản ánh về X":
# the handover after a condition opens the main clause; the bodies asked are the ones it addresses.
ASKED_AFTER_CONDITION = [
    # vbpl doc_000058
    (("Trong quá trình thực hiện nếu có khó khăn vướng mắc, đề nghị các cơ quan, đơn vị phản ánh về Bộ Tư pháp "
     "(Cục Kế hoạch - Tài chính) để được hướng dẫn theo thẩm quyền."),
     {("co_quan_don_vi", "de_nghi")}),
    # vbpl doc_000060
    (("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, tổ chức, cá nhân phản ánh về "
     "Bộ Dân tộc và Tôn giáo (qua Ban Tôn giáo Chính phủ) để xem xét, giải quyết."),
     {("co_quan_to_chuc_ca_nhan", "de_nghi")}),
    # vbpl doc_000133
    (("Trong quá trình thực hiện, nếu có các vấn đề phát sinh hoặc khó khăn, vướng mắc, đề nghị các cơ quan, tổ "
     "chức, đơn vị, cá nhân phản ánh kịp thời về Thanh tra Chính phủ để nghiên cứu, sửa đổi, bổ sung."),
     {("co_quan_to_chuc_don_vi_ca_nhan", "de_nghi")}),
    # corpus-wild 548693349b18e8cf
    (("Trong quá trình tổ chức thực hiện, nếu có phát sinh vướng mắc, đề nghị các cơ quan, tổ chức, đơn vị phản "
     "ánh về Ủy ban nhân dân thành phố (qua Sở Nội vụ) để giải đáp, hướng dẫn xem xét, giải quyết."),
     {("co_quan_to_chuc_don_vi", "de_nghi")}),
    # corpus-wild 86367f2ddb2225cd (a ministry's plan: "địa phương" is read with the text's own registry)
    (("Trong quá trình thực hiện Kế hoạch này, nếu có khó khăn, vướng mắc, đề nghị các bộ, ngành và địa phương "
     "kịp thời phản ánh về Bộ Công an để tổng hợp."),
     {("cac_bo_nganh", "de_nghi"), ("ubnd_cap_xa", "de_nghi")}),
    # a list of generic heads opening the clause, then its verb (corpus-wild 09daab284f92e2dd)
    ("Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch triển khai thực hiện phù hợp với chức năng, nhiệm vụ.",
     {("co_quan_don_vi_dia_phuong", "thuc_hien")}),
    # a verb that describes what they do is not their duty (corpus-wild 3a2db039af8c2d05)
    ("Các tổ chức, doanh nghiệp, cơ quan, đơn vị cung cấp dịch vụ chi trả không dùng tiền mặt tham gia.", set()),
    # a handover inside a predicate, no condition before it: the asked ones are the reader's to judge
    ("Sở Tài chính tổng hợp, đề nghị Ủy ban nhân dân tỉnh khen thưởng.", {("so_tai_chinh", "thuc_hien")}),
]


@pytest.mark.parametrize(("text", "expected"), ASKED_AFTER_CONDITION)
def test_asked_after_a_condition(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, [])} == expected
