"""Duties of the corpus documents against what a reader finds in them.

The 2026 Cao Bằng draft and the 2022 Quy chế are checked clause by clause against the hand labels in
eval/labels/duties.json (every clause listed, an empty list where a clause gives no duty). The task
blocks of the three plans are written out below.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from kb.duties.extract import extract_duties
from kb.model import Duty
from parsers import ParseResult, parse_file

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "eval" / "labels" / "duties.json"
DRAFT_2026 = "corpus/cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
QUY_CHE_2022 = "corpus/cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
SON_LA = "corpus/son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl.txt"
SOC_TRANG = "corpus/soc-trang-2025-ke-hoach-theo-doi-thi-hanh-phap-luat.md"
BAC_GIANG = "corpus/bac-giang-2021-ke-hoach-thuc-hien-chi-thi-06-ct-tu.txt"


@cache
def _parsed(file: str) -> ParseResult:
    return parse_file(ROOT / file)


@cache
def _duties(file: str, index: int) -> tuple[Duty, ...]:
    result = _parsed(file)
    return tuple(extract_duties(result, result.documents[index], None))


def _key(d: Duty) -> str:
    dl = d.deadline
    if dl is None:
        deadline = "-"
    else:
        deadline = dl.date or (f"{dl.days}d" if dl.days is not None else None) or dl.recurrence or "rel"
    return f"{d.actor} {d.role} {deadline}"


def _by_eid(file: str, index: int) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for d in _duties(file, index):
        out.setdefault(d.eid, set()).add(_key(d))
    return out


def _labelled(file: str, index: int) -> dict[str, list[str]]:
    for entry in json.loads(LABELS.read_text(encoding="utf-8"))["documents"]:
        if entry["file"] == file and entry["document"] == index:
            return entry["clauses"]
    raise AssertionError(f"no labels for {file} #{index}")


CLAUSES = [(DRAFT_2026, 0, eid, duties) for eid, duties in _labelled(DRAFT_2026, 0).items()] + [
    (QUY_CHE_2022, i, eid, duties) for i in (0, 1) for eid, duties in _labelled(QUY_CHE_2022, i).items()
]


@pytest.mark.parametrize(("file", "index", "eid", "expected"), CLAUSES, ids=[f"{c[0][7:20]}#{c[1]}:{c[2]}" for c in CLAUSES])
def test_every_clause_of_the_regulations(file: str, index: int, eid: str, expected: list[str]) -> None:
    assert _by_eid(file, index).get(eid, set()) == set(expected)


def test_labels_cover_every_clause_of_the_regulations() -> None:
    for file, index in ((DRAFT_2026, 0), (QUY_CHE_2022, 1)):
        eids = {n.eid for n in _parsed(file).documents[index].walk()}
        assert eids == set(_labelled(file, index)), file


def test_no_duty_outside_the_clauses() -> None:
    for file, index in ((DRAFT_2026, 0), (QUY_CHE_2022, 0), (QUY_CHE_2022, 1)):
        assert set(_by_eid(file, index)) <= set(_labelled(file, index))


TASK_BLOCKS = [
    # (file, eid, {"actor role deadline"}) — a plan's task block is one task: its lead, co-ordinators, deadline
    (SON_LA, "sec_II__item_1", {"phong_to_chuc_hanh_chinh_quan_tri thuc_hien 2026-Q2", "cac_phong_don_vi phoi_hop 2026-Q2"}),
    (SON_LA, "sec_II__item_2", {"phong_to_chuc_hanh_chinh_quan_tri thuc_hien 2026-Q3", "cac_phong_don_vi phoi_hop 2026-Q3"}),
    (SON_LA, "sec_II__item_3", {"trung_tam_phuc_vu_hcc thuc_hien 2026", "cac_phong_don_vi phoi_hop 2026"}),
    (SON_LA, "sec_IV__item_1__bullet_1", {"phong_to_chuc_hanh_chinh_quan_tri chu_tri -"}),
    (SON_LA, "sec_IV__item_1__bullet_2", {"phong_to_chuc_hanh_chinh_quan_tri tham_muu dinh_ky"}),
    (SOC_TRANG, "sec_II__item_2__subitem_2.1", {"cac_so_ban_nganh thuc_hien 2025-02", "ubnd_cap_huyen thuc_hien 2025-02"}),
    (SOC_TRANG, "sec_II__item_2__subitem_2.2", {"so_tu_phap chu_tri 2025-Q2", "cac_so_ban_nganh phoi_hop 2025-Q2"}),
    (SOC_TRANG, "sec_II__item_2__subitem_2.3", {"cac_so_ban_nganh thuc_hien 2025-Q3", "co_quan_lien_quan thuc_hien 2025-Q3"}),
    (SOC_TRANG, "sec_II__item_2__subitem_2.4",
     {"cac_so_ban_nganh thuc_hien 2025", "ubnd_cap_huyen thuc_hien 2025", "co_quan_lien_quan thuc_hien 2025"}),
    (SOC_TRANG, "sec_II__item_2__subitem_2.5",
     {"so_tu_phap thuc_hien 2025-Q3", "cac_so_ban_nganh phoi_hop 2025-Q3", "ubnd_cap_huyen phoi_hop 2025-Q3",
      "ubnd_cap_xa phoi_hop 2025-Q3"}),
    (SOC_TRANG, "sec_IV__item_3", {"cac_so_ban_nganh phoi_hop 2025-11-15", "ubnd_cap_huyen phoi_hop 2025-11-15"}),
    (BAC_GIANG, "sec_II__item_1__bullet_1",
     {"so_tu_phap chu_tri rel", "van_phong_ubnd_tinh phoi_hop rel", "so_thong_tin_truyen_thong phoi_hop rel",
      "co_quan_lien_quan phoi_hop rel"}),
    # "... phải trực tiếp chỉ đạo ... Kịp thời quán triệt, triển khai ...": the second sentence continues the first
    (BAC_GIANG, "sec_II__item_1__bullet_2", {"nguoi_dung_dau chi_dao 2021-07", "nguoi_dung_dau thuc_hien 2021-07"}),
    # "Cơ quan thực hiện các nội dung từ 3.1 đến 3.4 nêu trên" reaches back to 3.1-3.3
    (BAC_GIANG, "sec_II__item_3__subitem_3.2",
     {"cac_so_ban_nganh thuc_hien thuong_xuyen", "hoi_dong_pbgdpl_tinh thuc_hien thuong_xuyen",
      "ubnd_cap_huyen thuc_hien thuong_xuyen"}),
    (BAC_GIANG, "sec_II__item_3__subitem_3.5", {"so_tu_phap chu_tri 2021-09", "co_quan_lien_quan phoi_hop 2021-09"}),
    # the labels under the last bullet of 4.1 close the whole list: the task is 4.1's
    (BAC_GIANG, "sec_II__item_4__subitem_4.1",
     {"thanh_tra_tinh chu_tri thuong_xuyen", "cac_so_ban_nganh chu_tri thuong_xuyen", "ubnd_cap_huyen chu_tri thuong_xuyen",
      "co_quan_lien_quan phoi_hop thuong_xuyen"}),
    (BAC_GIANG, "sec_II__item_4__subitem_4.2",
     {"so_tu_phap chu_tri hang_nam", "cac_so_ban_nganh chu_tri hang_nam", "ubnd_cap_huyen chu_tri hang_nam",
      "co_quan_lien_quan phoi_hop hang_nam"}),
    (BAC_GIANG, "sec_II__item_6__subitem_6.2",
     {"cac_so_ban_nganh thuc_hien 2021", "so_noi_vu phoi_hop 2021", "so_tu_phap phoi_hop 2021"}),
    # "UBND các cấp" is three actors; a sentence after the label's value is read for its own subject
    (BAC_GIANG, "sec_II__item_7",
     {"ubnd_tinh chu_tri hang_nam", "ubnd_cap_huyen chu_tri hang_nam", "ubnd_cap_xa chu_tri hang_nam",
      "so_tai_chinh tham_muu hang_nam"}),
    (BAC_GIANG, "sec_II__item_8",
     {"cac_so_ban_nganh chu_tri thuong_xuyen", "ubnd_cap_huyen chu_tri thuong_xuyen",
      "so_thong_tin_truyen_thong phoi_hop thuong_xuyen", "co_quan_lien_quan phoi_hop thuong_xuyen"}),
]


@pytest.mark.parametrize(("file", "eid", "expected"), TASK_BLOCKS, ids=[f"{t[0][7:16]}:{t[1]}" for t in TASK_BLOCKS])
def test_plan_task_blocks(file: str, eid: str, expected: set[str]) -> None:
    assert _by_eid(file, 0).get(eid, set()) == expected


def test_label_children_are_not_duties_of_their_own() -> None:
    eids = set(_by_eid(SON_LA, 0))
    assert not any("__bullet_" in e for e in eids if e.startswith("sec_II"))


def test_task_block_product_and_duty_details() -> None:
    item = [d for d in _duties(SON_LA, 0) if d.eid == "sec_II__item_2" and d.role == "thuc_hien"]
    assert item[0].product == "Kết luận kiểm tra, kết quả điều tra, khảo sát"
    (xa,) = [d for d in _duties(DRAFT_2026, 0) if d.eid == "art_12__para_1__point_a" and d.actor == "ubnd_cap_xa"]
    assert xa.deadline is not None and xa.deadline.text == "trước ngày 18 tháng 12"
    assert xa.recipient == "Sở Tư pháp"
    assert xa.sentence.startswith("Các sở, ban, ngành, Ủy ban nhân dân cấp xã tổng hợp")
    text = _parsed(DRAFT_2026).text
    assert text[xa.span.start:xa.span.start + 30] == xa.sentence[:30]


WILD = ROOT.parent / "shared" / "corpus-wild"
WILD_TABLE = WILD / "001c610b2efdcf0c.md"
# Rows of the task table in the appendix of a Hà Nội-style plan (content | lead | partners | deadline | result),
# read from the file: TT 1 of group I, TT 3 of group III.
WILD_ROWS = [
    ("para_4", {"so_tai_chinh chu_tri 2025-Q4", "cac_so_ban_nganh phoi_hop 2025-Q4", "ubnd_cap_xa phoi_hop 2025-Q4"}),
    ("para_16", {"ubnd_cap_xa chu_tri 2026-Q4", "cac_so_ban_nganh phoi_hop 2026-Q4"}),
    ("para_3", set()),  # a group row ("I | Hoàn thiện thể chế ...")
]


@pytest.mark.skipif(not WILD_TABLE.exists(), reason="../shared/corpus-wild is absent")
@pytest.mark.parametrize(("eid", "expected"), WILD_ROWS)
def test_wild_task_table_rows(eid: str, expected: set[str]) -> None:
    result = parse_file(WILD_TABLE)
    (appendix,) = [d for d in result.documents if d.find("para_4") is not None]
    got = {_key(d) for d in extract_duties(result, appendix, None) if d.eid == eid}
    assert got == expected
