"""Duty extraction at sentence level and in small documents: tables of (text, expected duties)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.duties.deadlines import parse_deadline
from kb.duties.extract import extract_duties, heading_actors, read_text
from kb.model import ROLES
from parsers import parse_text

SENTENCES = [
    # (text, heading context, expected {(actor, role)})
    (("Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành xây dựng, trình Chủ tịch Ủy ban nhân dân tỉnh ban hành "
     "kế hoạch theo dõi việc thi hành văn bản quy phạm pháp luật."), None,
     {("so_tu_phap", "chu_tri"), ("cac_so_ban_nganh", "phoi_hop")}),
    # the actor bears the duty, the object does not
    (("Căn cứ vào kế hoạch theo dõi hàng năm, Sở Tư pháp chủ trì, phối hợp với các cơ quan có liên quan xây dựng, "
     "trình UBND tỉnh quyết định thành lập đoàn kiểm tra công tác tổ chức thi hành pháp luật đối với cơ quan chuyên "
     "môn thuộc Ủy ban nhân dân tỉnh và Ủy ban nhân dân cấp xã."), None,
     {("so_tu_phap", "chu_tri"), ("co_quan_lien_quan", "phoi_hop")}),
    # a subordinate "kể từ ngày Thủ tướng Chính phủ ban hành" names no duty-bearer
    (("Trong thời hạn 15 ngày kể từ ngày Thủ tướng Chính phủ ban hành kế hoạch trọng tâm, căn cứ vào nghị quyết của "
     "Hội đồng nhân dân, Sở Tư pháp chủ trì xây dựng kế hoạch."), None, {("so_tu_phap", "chu_tri")}),
    ("Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh cung cấp thông tin về việc thi hành văn bản.", None,
     {("vks_tinh", "de_nghi"), ("toa_an_tinh", "de_nghi")}),
    (("Các sở, ban, ngành, Ủy ban nhân dân cấp xã tổng hợp, xây dựng báo cáo công tác tổ chức thi hành pháp luật gửi về "
     "Sở Tư pháp trước ngày 18 tháng 12 của kỳ báo cáo."), None,
     {("cac_so_ban_nganh", "bao_cao"), ("ubnd_cap_xa", "bao_cao")}),
    ("Các sở, ban, ngành có trách nhiệm tham mưu cho Hội đồng nhân dân, Ủy ban nhân dân tỉnh tổ chức sơ kết.", None,
     {("cac_so_ban_nganh", "tham_muu")}),
    ("Hội đồng nhân dân, Ủy ban nhân dân cấp xã chỉ đạo tổ chức sơ kết, tổng kết.", None,
     {("hdnd_cap_xa", "chi_dao"), ("ubnd_cap_xa", "chi_dao")}),
    # ";" starts a new clause with a new subject; a list of actors before ";" does not
    (("Khi có yêu cầu của Bộ Tư pháp, Sở Tư pháp có trách nhiệm chủ trì, phối hợp với các sở, ban, ngành, Ủy ban nhân dân "
     "cấp xã; Văn phòng Hội đồng nhân dân, Ủy ban nhân dân cấp xã có trách nhiệm phối hợp với các phòng chuyên môn."),
     None, {("so_tu_phap", "chu_tri"), ("cac_so_ban_nganh", "phoi_hop"), ("ubnd_cap_xa", "phoi_hop"),
            ("van_phong_hdnd_ubnd_cap_xa", "phoi_hop")}),
    ("Các sở, ban, ngành; UBND cấp huyện có trách nhiệm phối hợp với Sở Tư pháp.", None,
     {("cac_so_ban_nganh", "phoi_hop"), ("ubnd_cap_huyen", "phoi_hop")}),
    # no subject: the heading's actors
    ("Phối hợp với Sở Tư pháp trong kiểm tra công tác tổ chức thi hành pháp luật.", ["cac_so_ban_nganh", "ubnd_cap_xa"],
     {("cac_so_ban_nganh", "phoi_hop"), ("ubnd_cap_xa", "phoi_hop")}),
    ("Giúp Ủy ban nhân dân tỉnh thu thập, cung cấp thông tin.", ["cac_so_ban_nganh"], {("cac_so_ban_nganh", "tham_muu")}),
    ("Căn cứ kết quả thu thập thông tin tại điểm a khoản 1 Điều này, tham mưu cho Ủy ban nhân dân tỉnh xử lý.",
     ["cac_so_ban_nganh"], {("cac_so_ban_nganh", "tham_muu")}),
    ("Ban hành kế hoạch theo dõi tình hình thi hành pháp luật của địa phương.", ["ubnd_cap_huyen"],
     {("ubnd_cap_huyen", "ban_hanh")}),
    # the earlier clause's subject carries over ";"
    (("Sở Tư pháp có trách nhiệm theo dõi, đôn đốc việc thực hiện Quy chế này; định kỳ tổng hợp kết quả, báo cáo "
     "Ủy ban nhân dân tỉnh."), None, {("so_tu_phap", "thuc_hien"), ("so_tu_phap", "bao_cao")}),
    # "Giao X ..." hands the task to X
    ("Giao Sở Tư pháp chủ trì, phối hợp Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch này.", None,
     {("so_tu_phap", "chu_tri"), ("van_phong_ubnd_tinh", "phoi_hop")}),
    # noun uses of role words are not the clause's role
    ("Nâng cao nhận thức về vị trí, vai trò của công tác xây dựng, ban hành văn bản.", ["so_tu_phap"],
     {("so_tu_phap", "thuc_hien")}),
    ("Chủ động rà soát văn bản do HĐND, UBND ban hành.", ["so_tu_phap"], {("so_tu_phap", "thuc_hien")}),
    # "đề nghị" in the middle of a sentence still makes a request
    ("Trong quá trình thực hiện, nếu có khó khăn, đề nghị các bộ, ngành kịp thời phản ánh về Bộ Công an.", None,
     {("cac_bo_nganh", "de_nghi")}),
    # a sentence without a subject continues the one before, unless it opens with a subject of its own
    ("Sở Tư pháp xây dựng kế hoạch. Hằng năm báo cáo kết quả về Ủy ban nhân dân tỉnh.", None,
     {("so_tu_phap", "thuc_hien"), ("so_tu_phap", "bao_cao")}),
    ("Các sở, ban, ngành nêu cao kỷ luật. Người đứng đầu trực tiếp chỉ đạo công tác này.", None,
     {("cac_so_ban_nganh", "thuc_hien")}),
    # no actor and no heading: no duty (a principle, a content list)
    ("Đảm bảo sự phối hợp chặt chẽ giữa các sở, ban, ngành, Ủy ban nhân dân cấp xã và các tổ chức.", None, set()),
    ("Nội dung báo cáo theo Mẫu số 01 tại Phụ lục kèm theo Nghị định số 80/2025/NĐ-CP.", None, set()),
    ("Quy chế này áp dụng đối với các sở, ban, ngành.", None, set()),
]


@pytest.mark.parametrize(("text", "context", "expected"), SENTENCES)
def test_read_text(text: str, context: list[str] | None, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, context)} == expected


DETAILS = [
    # (text, actor, field, expected value)
    ("Các sở, ban, ngành tổng hợp báo cáo gửi về Sở Tư pháp trước ngày 18 tháng 12 của kỳ báo cáo.",
     "cac_so_ban_nganh", "recipient", "Sở Tư pháp"),
    ("Báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Sở Tư pháp) trong thời hạn 30 ngày.", "so_noi_vu", "recipient",
     "Sở Tư pháp"),
    ("Ủy ban nhân dân cấp xã quyết định ban hành kế hoạch nếu cần thiết.", "ubnd_cap_xa", "condition", "nếu cần thiết"),
    ("Khi có yêu cầu của Bộ Tư pháp, Sở Tư pháp có trách nhiệm chủ trì xây dựng báo cáo.", "so_tu_phap", "condition",
     "Khi có yêu cầu của Bộ Tư pháp"),
    (("Trong thời hạn 20 ngày kể từ ngày văn bản được thông qua, các sở, ban, ngành tham mưu cho UBND tỉnh; "
     "Ủy ban nhân dân cấp xã quyết định ban hành kế hoạch."), "ubnd_cap_xa", "deadline.days", 20),
    ("Sở Tư pháp tổng hợp, xây dựng báo cáo trước ngày 25 tháng 12 của kỳ báo cáo.", "so_tu_phap", "deadline.date",
     "--12-25"),
    ("Sở Tư pháp tổng hợp, trình UBND tỉnh để báo cáo Bộ Tư pháp.", "so_tu_phap", "action",
     "tổng hợp, trình UBND tỉnh để báo cáo Bộ Tư pháp"),
]


@pytest.mark.parametrize(("text", "actor", "field", "expected"), DETAILS)
def test_duty_details(text: str, actor: str, field: str, expected: object) -> None:
    found = [f for f in read_text(text, [actor]) if f.actor == actor]
    assert found, "no duty for the actor"
    value: object = found[0]
    for part in field.split("."):
        value = getattr(value, part)
    assert value == expected


DEADLINES = [
    # (text, kind, date, days, recurrence)
    ("trước ngày 18 tháng 12", "absolute", "--12-18", None, None),
    ("trước ngày 30/6/2021", "absolute", "2021-06-30", None, None),
    ("chậm nhất **ngày 15/11/2025**", "absolute", "2025-11-15", None, None),
    ("Quý I, II năm 2026 (sau khi Bộ Tư pháp thông báo danh mục)", "absolute", "2026-Q2", None, None),
    ("Quý IV/2025", "absolute", "2025-Q4", None, None),
    ("tháng 9/2021.", "absolute", "2021-09", None, None),
    ("Trong tháng 02 năm 2025.", "absolute", "2025-02", None, None),
    ("Năm 2026.", "absolute", "2026", None, None),
    ("năm 2026 - 2027.", "absolute", "2027", None, None),
    ("trong thời hạn 20 ngày kể từ ngày văn bản được thông qua", "relative", None, 20, None),
    ("Hàng năm, trước ngày 02/12 báo cáo", "absolute", "--12-02", None, "hang_nam"),
    ("hàng năm", "recurring", None, None, "hang_nam"),
    ("Định kỳ hàng năm", "recurring", None, None, "hang_nam"),
    ("định kỳ", "recurring", None, None, "dinh_ky"),
    ("thường xuyên.", "recurring", None, None, "thuong_xuyen"),
    ("sau khi dịch bệnh được kiểm soát.", "relative", None, None, None),
]


@pytest.mark.parametrize(("text", "kind", "date", "days", "recurrence"), DEADLINES)
def test_parse_deadline(text: str, kind: str, date: str | None, days: int | None, recurrence: str | None) -> None:
    d = parse_deadline(text)
    assert d is not None
    assert (d.kind, d.date, d.days, d.recurrence) == (kind, date, days, recurrence)


def test_relative_deadline_keeps_its_anchor() -> None:
    d = parse_deadline("trong thời hạn 20 ngày kể từ ngày văn bản được thông qua hoặc ban hành, các sở")
    assert d is not None and d.anchor == "kể từ ngày văn bản được thông qua hoặc ban hành"


def test_no_deadline_in_a_citation_date() -> None:
    assert parse_deadline("Nghị định số 80/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của Chính phủ", loose=False) is None


HEADINGS = [
    ("Trách nhiệm của Sở Tư pháp", ["so_tu_phap"]),
    ("Trách nhiệm của các sở, ban, ngành, Ủy ban nhân dân cấp xã", ["cac_so_ban_nganh", "ubnd_cap_xa"]),
    ("Các sở, ban, ngành", ["cac_so_ban_nganh"]),
    ("Giao Phòng Tổ chức - Hành chính - Quản trị", ["phong_to_chuc_hanh_chinh_quan_tri"]),
    ("Giám đốc các sở, thủ trưởng các cơ quan thuộc UBND tỉnh, Chủ tịch UBND huyện, thành phố",
     ["cac_so_ban_nganh", "chu_tich_ubnd_cap_huyen"]),
    ("Báo cáo đột xuất, báo cáo theo chuyên đề", None),
    ("Sở Tư pháp chủ trì xây dựng kế hoạch", None),
]


@pytest.mark.parametrize(("text", "expected"), HEADINGS)
def test_heading_actors(text: str, expected: list[str] | None) -> None:
    assert heading_actors(text) == expected


def _duties(text: str, fmt: str = "txt") -> set[tuple[str, str, str]]:
    result = parse_text(text, source="t." + fmt, fmt=fmt)
    doc = result.documents[-1]
    return {(d.eid, d.actor, d.role) for d in extract_duties(result, doc, "t")}


NORMATIVE = """QUY CHẾ
Phối hợp thử

Điều 1. Đối tượng áp dụng
1. Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh (sau đây gọi chung là các sở, ban, ngành).
2. Ủy ban nhân dân các xã, phường (sau đây viết tắt là Ủy ban nhân dân cấp xã).
Điều 2. Kiểm tra
1. Trách nhiệm của Sở Tư pháp
Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành thành lập đoàn kiểm tra đối với Ủy ban nhân dân cấp xã.
2. Trách nhiệm của các sở, ban, ngành, Ủy ban nhân dân cấp xã
a) Phối hợp với Sở Tư pháp trong kiểm tra.
b) Cử đại diện tham gia hoạt động kiểm tra.
Điều 3. Cung cấp thông tin
Đề nghị Viện kiểm sát nhân dân tỉnh cung cấp thông tin.
"""


def test_document_context_headings_and_scope() -> None:
    assert _duties(NORMATIVE) == {
        ("art_2__para_1", "so_tu_phap", "chu_tri"),
        ("art_2__para_1", "cac_so_ban_nganh", "phoi_hop"),
        ("art_2__para_2__point_a", "cac_so_ban_nganh", "phoi_hop"),
        ("art_2__para_2__point_a", "ubnd_cap_xa", "phoi_hop"),
        ("art_2__para_2__point_b", "cac_so_ban_nganh", "thuc_hien"),
        ("art_2__para_2__point_b", "ubnd_cap_xa", "thuc_hien"),
        ("art_3", "vks_tinh", "de_nghi"),
    }


PLAN = """KẾ HOẠCH
Thử

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Xác định trách nhiệm của các sở, ban, ngành.
II. NỘI DUNG
1. Rà soát văn bản
- Cơ quan chủ trì: Sở Tư pháp.
- Cơ quan phối hợp: Sở Nội vụ, Ủy ban nhân dân cấp xã.
- Thời gian thực hiện: Quý III năm 2025.
- Sản phẩm: Danh mục văn bản.
2. Tập huấn
- Cơ quan thực hiện: Sở Tư pháp chủ trì, phối hợp với Sở Tài chính.
- Thời hạn ban hành: tháng 9/2025.
III. KINH PHÍ
1. Sở Tư pháp: Đảm bảo trong nguồn kinh phí được giao.
"""


INLINE_BLOCK = """KẾ HOẠCH
Thử

I. NHIỆM VỤ
1. Đào tạo
- Tổ chức hội nghị, hội thảo trao đổi nghiệp vụ.
Đơn vị chủ trì: Sở Tư pháp.
Đơn vị phối hợp: Sở Nội vụ.
Thời gian thực hiện: Tháng 12/2025.
"""


def test_task_block_written_as_lines_of_the_clause() -> None:
    result = parse_text(INLINE_BLOCK, source="inline.md", fmt="md")
    duties = extract_duties(result, result.documents[-1], "p")
    got = {(d.actor, d.role, d.deadline.date if d.deadline else None, d.action) for d in duties}
    assert got == {
        ("so_tu_phap", "chu_tri", "2025-12", "Tổ chức hội nghị, hội thảo trao đổi nghiệp vụ."),
        ("so_noi_vu", "phoi_hop", "2025-12", "Tổ chức hội nghị, hội thảo trao đổi nghiệp vụ."),
    }


def test_plan_task_blocks() -> None:
    result = parse_text(PLAN, source="plan.txt", fmt="txt")
    duties = extract_duties(result, result.documents[-1], "p")
    got = {(d.eid, d.actor, d.role, d.deadline.date if d.deadline else None, d.product) for d in duties}
    assert got == {
        ("sec_II__item_1", "so_tu_phap", "chu_tri", "2025-Q3", "Danh mục văn bản"),
        ("sec_II__item_1", "so_noi_vu", "phoi_hop", "2025-Q3", "Danh mục văn bản"),
        ("sec_II__item_1", "ubnd_cap_xa", "phoi_hop", "2025-Q3", "Danh mục văn bản"),
        ("sec_II__item_2", "so_tu_phap", "chu_tri", "2025-09", None),
        ("sec_II__item_2", "so_tai_chinh", "phoi_hop", "2025-09", None),
        # funding lines name who pays: a duty too
        ("sec_III__item_1", "so_tu_phap", "thuc_hien", None, None),
    }


TABLE_ROWS = """KẾ HOẠCH

I. NHIỆM VỤ

1. Các nhiệm vụ cụ thể

| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |
|---|---|---|---|---|---|
| I | Hoàn thiện thể chế | | | | |
| 1 | Rà soát văn bản | Sở Tư pháp | Các sở, ngành, UBND xã, phường | Quý IV/2025 | Báo cáo rà soát |
| | Tổng hợp kết quả rà soát | Sở Nội vụ | | | |
| II | Tập huấn | | | | |
| 1 | Tập huấn nghiệp vụ | Ủy ban nhân dân cấp huyện | | Năm 2026 | Hội nghị |
"""


def test_task_table_rows() -> None:
    result = parse_text(TABLE_ROWS, source="table.md", fmt="md")
    duties = [d for doc in result.documents for d in extract_duties(result, doc, "t")]
    got = {(d.actor, d.role, d.deadline.date if d.deadline else None, d.product, d.action) for d in duties}
    assert got == {
        ("so_tu_phap", "chu_tri", "2025-Q4", "Báo cáo rà soát", "Rà soát văn bản"),
        ("cac_so_ban_nganh", "phoi_hop", "2025-Q4", "Báo cáo rà soát", "Rà soát văn bản"),
        ("ubnd_cap_xa", "phoi_hop", "2025-Q4", "Báo cáo rà soát", "Rà soát văn bản"),
        # a row under merged cells: its own text and lead, the deadline and partners of the row above (each
        # row is a task of its own)
        ("so_noi_vu", "chu_tri", "2025-Q4", None, "Tổng hợp kết quả rà soát"),
        ("cac_so_ban_nganh", "phoi_hop", "2025-Q4", None, "Tổng hợp kết quả rà soát"),
        ("ubnd_cap_xa", "phoi_hop", "2025-Q4", None, "Tổng hợp kết quả rà soát"),
        # nothing spans across a group row
        ("ubnd_cap_huyen", "chu_tri", "2026", "Hội nghị", "Tập huấn nghiệp vụ"),
    }


LEAD_INS = """QUY CHẾ
Thử

Điều 1. Thu hồi phân cấp
Bộ trưởng Bộ Tư pháp quyết định thu hồi nội dung đã phân cấp trong các trường hợp sau:
1. Đơn vị vi phạm các quy định về công tác cán bộ.
2. Đơn vị xảy ra tình trạng mất đoàn kết nội bộ.
Điều 2. Nhiệm vụ
Sở Tư pháp tập trung thực hiện các nhiệm vụ trọng tâm sau:
1. Rà soát văn bản quy phạm pháp luật.
2. Tổ chức tập huấn.
"""


def test_a_lead_in_hands_its_subject_to_tasks_not_to_cases() -> None:
    assert _duties(LEAD_INS) == {
        ("art_1", "bo_tu_phap", "thuc_hien"),
        ("art_2", "so_tu_phap", "thuc_hien"),
        ("art_2__para_1", "so_tu_phap", "thuc_hien"),
        ("art_2__para_2", "so_tu_phap", "thuc_hien"),
    }


WORDS = ["Sở Tư pháp", "chủ trì", ",", "phối hợp với", "các sở, ban, ngành", "Ủy ban nhân dân cấp xã", ";", ".",
         "trước ngày 18 tháng 12", "(qua Sở Tư pháp)", "Đề nghị", "báo cáo", "nếu cần thiết", "Hàng năm", ":",
         "ban hành", "kế hoạch", "của", "Giao", "trong thời hạn 20 ngày", "|", "\n", "- Cơ quan chủ trì:", "Quý II/2025"]


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=40))
def test_read_text_never_fails_and_names_known_actors(parts: list[str]) -> None:
    from kb.duties.actors import load_registry

    known = load_registry().actors
    found = read_text(" ".join(parts), ["so_tu_phap"])
    assert all(f.actor in known for f in found)
    assert all(f.role in ROLES for f in found)
    parse_deadline(" ".join(parts))
