"""The unseen-document scorer counts a plan's task and its attribute lines as one unit."""

import pytest

from eval.unseen import task_blocks
from parsers import parse_text
from parsers.structure import is_attribute_line

LINES = [
    ("- Cơ quan chủ trì: Sở Tư pháp.", True),
    ("+ Cơ quan phối hợp: các bộ, cơ quan ngang bộ.", True),
    ("- Đơn vị thực hiện: Ủy ban nhân dân cấp xã.", True),
    ("- Thời gian thực hiện: Quý IV/2026.", True),
    ("- Thời hạn hoàn thành: trước ngày 15/12/2025.", True),
    ("- Sản phẩm: Kế hoạch của UBND tỉnh.", True),
    ("- Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ rà soát văn bản.", False),
    ("- Tổ chức hội nghị tập huấn cho cán bộ cấp xã.", False),
    ("- Cơ quan, đơn vị có liên quan phối hợp thực hiện.", False),
]


@pytest.mark.parametrize(("text", "expected"), LINES)
def test_attribute_lines(text: str, expected: bool) -> None:
    assert is_attribute_line(text) is expected


PLAN = """KẾ HOẠCH
Thử

II. NHIỆM VỤ
1. Rà soát văn bản quy phạm pháp luật
- Cơ quan chủ trì: Sở Tư pháp.
- Cơ quan phối hợp: Sở Nội vụ.
- Thời gian thực hiện: Quý III năm 2025.
2. Tập huấn
- Tổ chức tập huấn cho cán bộ cấp xã.
- Biên soạn tài liệu.
"""


def test_attribute_lines_map_to_their_task() -> None:
    doc = parse_text(PLAN, source="plan.txt", fmt="txt").documents[-1]
    assert task_blocks(doc) == {
        "sec_II__item_1__bullet_1": "sec_II__item_1",
        "sec_II__item_1__bullet_2": "sec_II__item_1",
        "sec_II__item_1__bullet_3": "sec_II__item_1",
    }
