"""`kb duties` marks a duty whose unit a stored amending text replaced or repealed, and `--in-force DATE` leaves it
out once the change is in force (Luật 80/2015/QH13 with Luật 63/2020/QH14 from ../shared/laws: its khoản 22
"Sửa đổi, bổ sung Điều 89" from 01/01/2021; Điều 61 is not amended)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.duties.queries import find_duties
from kb.pipeline import build
from kb.store.db import open_db

LAWS = Path(__file__).resolve().parent.parent.parent / "shared" / "laws"
FILES = ("Luật-80-2015-QH13.docx", "Luật-63-2020-QH14.docx")
pytestmark = pytest.mark.skipif(not all((LAWS / f).is_file() for f in FILES), reason="../shared/laws is absent")
CHANGED = "đã được sửa đổi, bổ sung bởi Luật 63/2020/QH14 từ 01/01/2021"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("laws")
    for name in FILES:
        shutil.copy(LAWS / name, folder / name)
    assert build([folder], folder / "kb.db").ok
    return open_db(folder / "kb.db")


# (eid of a duty of the Chính phủ in Luật 80/2015/QH13, on which date, kept?, its mark)
CASES = [
    ("art_89__para_4", None, True, CHANGED),
    ("art_89__para_4__point_b", None, True, CHANGED),
    ("art_89__para_4", "2020-12-31", True, None),  # before the amendment took effect
    ("art_89__para_4", "2021-01-01", False, None),
    ("art_61__para_1__point_đ", None, True, None),
    ("art_61__para_1__point_đ", "2022-01-01", True, None),
]


@pytest.mark.parametrize(("eid", "on", "kept", "mark"), CASES)
def test_a_duty_of_an_amended_unit(db, eid: str, on: str | None, kept: bool, mark: str | None) -> None:
    result = find_duties(db, "Chính phủ", in_force=on)
    rows = [r for r in result["duties"] if r["eid"] == eid and r["doc_id"].startswith("80")]
    assert bool(rows) == kept
    assert all(r.get("changed") == mark for r in rows)
