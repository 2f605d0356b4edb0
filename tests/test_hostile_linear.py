"""Issue 14, item 2 as a property: the cost of parsing, citations and duties of k copies of one unit grows at
most linearly in k. Each row is (unit, how k copies are written, k); the test times k and 8k copies through
the same path a build takes (`parse_text` then `kb.pipeline.enrich`) and bounds the ratio: 8 is linear,
64 quadratic, 16 leaves room for a noisy shared machine without letting a quadratic stage through.

CPU time (process_time), best of three, so other processes on the machine do not count.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from kb.pipeline import enrich
from parsers import parse_text

_DECISION = "QUYẾT ĐỊNH\nĐiều 1. Phạm vi\nQuy định này áp dụng trên địa bàn tỉnh.\n"
_PLAN_TABLE = (
    "KẾ HOẠCH\nI. NHIỆM VỤ\n| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
    "|---|---|---|---|---|\n"
)


def _articles(k: int) -> str:
    unit = ("Điều {i}. Trách nhiệm báo cáo\nỦy ban nhân dân cấp xã có trách nhiệm báo cáo Sở Tư pháp theo khoản 1 "
            "Điều 3 Nghị định số 80/2025/NĐ-CP trước ngày 15/12 hằng năm.\n")
    return _DECISION + "".join(unit.format(i=i + 2) for i in range(k))


def _same_label(k: int) -> str:
    return _DECISION + "1. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ thực hiện.\n" * k


def _nested_items(k: int) -> str:
    return _DECISION + "1. Nhiệm vụ\n" + "a) Ủy ban nhân dân cấp xã tổ chức thực hiện, báo cáo kết quả.\n" * k


def _table_rows(k: int) -> str:
    row = "| {i} | Xây dựng kế hoạch | Sở Tư pháp | Sở Nội vụ, UBND cấp xã | Quý IV/2025 |\n"
    return _PLAN_TABLE + "".join(row.format(i=i + 1) for i in range(k))


def _long_cell(k: int) -> str:
    # A table cell of place-and-date look-alikes: at 8k = 2,880 copies it is the 60 KB cell of item 9.
    return _PLAN_TABLE + "| 1 | " + "Sở Tư pháp, ngày 12, " * k + " | Sở Tư pháp | | |\n"


def _repeated_citation(k: int) -> str:
    return _DECISION + "Điều 2. Căn cứ\n" + "theo khoản 2 Điều 5 Luật số 80/2015/QH13, " * k + "thực hiện.\n"


def _instructions(k: int) -> str:
    unit = ("{i}. Sửa đổi, bổ sung Điều {i} như sau:\n“Điều {i}. Trách nhiệm\n1. Sở Tư pháp báo cáo “kết quả”.\n"
            "2. Ủy ban nhân dân cấp xã thực hiện.”.\n")
    return "LUẬT\nĐiều 1. Sửa đổi, bổ sung một số điều\n" + "".join(unit.format(i=i + 2) for i in range(k))


def _stray_marks(k: int) -> str:
    # instructions whose quotes never close, and a line of opening marks that pair with nothing
    unit = "{i}. Sửa đổi khoản {i} Điều 3 như sau: “{i}. Sở Tư pháp thực hiện.\n“ “ \" “ lời “\n"
    return "LUẬT\nĐiều 1. Sửa đổi\n" + "".join(unit.format(i=i + 1) for i in range(k)) + "“ " * (20 * k) + "\n"


CASES: list[tuple[str, Callable[[int], str], int]] = [
    ("articles", _articles, 60),
    ("one label repeated", _same_label, 120),
    ("nested items", _nested_items, 120),
    ("table rows", _table_rows, 120),
    ("one long cell", _long_cell, 360),
    ("one citation repeated in a sentence", _repeated_citation, 120),
    ("amending instructions with quoted articles", _instructions, 60),
    ("unpaired quote marks", _stray_marks, 120),
]


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        enrich(parse_text(text, source="<linear>"))
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(("name", "make", "k"), CASES, ids=[c[0] for c in CASES])
def test_the_work_on_k_copies_of_a_unit_grows_linearly(name: str, make: Callable[[int], str], k: int) -> None:
    small, big = _cpu(make(k)), _cpu(make(8 * k))
    assert big / max(small, 1e-3) <= 16, f"{name}: {small:.3f} s for {k}, {big:.3f} s for {8 * k}"


def test_the_sixty_kilobyte_cell_is_read_whole() -> None:
    text = _long_cell(2_880)
    assert len(text.encode("utf-8")) > 60_000
    (doc,) = parse_text(text, source="<cell>").documents
    words = "".join(node.text for node in doc.walk())
    assert words.count("Sở Tư pháp, ngày 12,") == 2_880  # no place-and-date line cut out of the cell
