"""The actor registry: what people type resolves to the canonical actors; actors are found in text."""

from __future__ import annotations

import pytest

from kb.duties.actors import find_definitions, load_registry, resolve_actor_query
from kb.errors import KbError

XA_LEVEL = {"ubnd_cap_xa", "chu_tich_ubnd_cap_xa", "hdnd_cap_xa", "van_phong_hdnd_ubnd_cap_xa", "cong_chuc_tu_phap_ho_tich"}

QUERIES = [
    # what someone types → the actor ids it must reach (exactly)
    ("xã", XA_LEVEL),
    ("xa", XA_LEVEL),
    ("Phường", XA_LEVEL),
    ("UBND xã", {"ubnd_cap_xa"}),
    ("uy ban nhan dan cap xa", {"ubnd_cap_xa"}),
    ("so tu phap", {"so_tu_phap"}),
    ("Sở Tư pháp", {"so_tu_phap"}),
    ("SỞ TƯ PHÁP", {"so_tu_phap"}),
    ("sở ban ngành", {"cac_so_ban_nganh"}),
    ("các sở, ban, ngành", {"cac_so_ban_nganh"}),
    ("so tu phao", {"so_tu_phap"}),  # a typo
    ("sơ tư phap", {"so_tu_phap"}),  # half the accents
    ("van phong ubnd tinh", {"van_phong_ubnd_tinh"}),
    ("chu tich ubnd tinh", {"chu_tich_ubnd_tinh"}),
    ("Thủ tướng Chính phủ", {"thu_tuong"}),
    ("vien kiem sat", {"vks_tinh"}),
    ("Tòa án nhân dân", {"toa_an_tinh"}),
    ("Uỷ ban MTTQ Việt Nam", {"mttq_tinh"}),  # the other tone placement
    ("hoi luat gia", {"hoi_luat_gia"}),
    ("doan luat su", {"doan_luat_su"}),
    ("thanh tra tinh", {"thanh_tra_tinh"}),
    ("so tai chinh", {"so_tai_chinh"}),
    ("so noi vu", {"so_noi_vu"}),
    ("phong tu phap", {"phong_tu_phap"}),
    ("Phòng Tổ chức - Hành chính - Quản trị", {"phong_to_chuc_hanh_chinh_quan_tri"}),
    ("ubnd cap huyen", {"ubnd_cap_huyen"}),
    ("bo tu phap", {"bo_tu_phap"}),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_resolve_actor_query(query: str, expected: set[str]) -> None:
    assert {a.id for a in resolve_actor_query(query)} == expected


def test_level_query_reaches_every_actor_of_the_level() -> None:
    registry = load_registry()
    huyen = {a.id for a in registry.actors.values() if a.level == "huyen"}
    assert {a.id for a in resolve_actor_query("huyện")} == huyen
    assert "phong_tu_phap" in huyen and "ubnd_cap_huyen" in huyen


def test_unknown_query_finds_nothing_and_empty_query_is_an_error() -> None:
    assert resolve_actor_query("zzzz qqqq") == []
    with pytest.raises(KbError):
        resolve_actor_query("  ,, ")


MENTIONS = [
    # text → actor ids found, in order (a group phrase names several)
    ("Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành", [("so_tu_phap",), ("cac_so_ban_nganh",)]),
    ("Văn phòng Hội đồng nhân dân, Ủy ban nhân dân cấp xã có trách nhiệm", [("van_phong_hdnd_ubnd_cap_xa",)]),
    ("Hội đồng nhân dân, Ủy ban nhân dân cấp xã chỉ đạo", [("hdnd_cap_xa", "ubnd_cap_xa")]),
    ("Ủy ban nhân dân cấp huyện, cấp xã", [("ubnd_cap_huyen", "ubnd_cap_xa")]),
    ("Uỷ ban nhân dân các xã, phường, thị trấn", [("ubnd_cap_xa",)]),
    ("Phòng Tổ chức – Hành chính – Quản trị", [("phong_to_chuc_hanh_chinh_quan_tri",)]),
    ("Chủ tịch UBND tỉnh và UBND tỉnh", [("chu_tich_ubnd_tinh",), ("ubnd_tinh",)]),
    ("Thông tư số 04/2021/TT-BTP", []),  # an abbreviation inside a document number is not an actor
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_find_mentions(text: str, expected: list[tuple[str, ...]]) -> None:
    assert [m.ids for m in load_registry().find(text)] == expected


def test_mentions_keep_offsets_into_the_text() -> None:
    text = "Giao Sở Tư pháp chủ trì"
    (m,) = load_registry().find(text)
    assert text[m.start:m.end] == "Sở Tư pháp" == m.text


DEFINITIONS = [
    # a known actor defined under a known name adds nothing
    ("Ủy ban nhân dân các xã, phường (sau đây viết tắt là Ủy ban nhân dân cấp xã).", []),
    # a new name for a known actor becomes its alias in that document
    ("Sở Tư pháp (sau đây gọi tắt là Cơ quan thường trực)", [("Cơ quan thường trực", ("so_tu_phap",), False)]),
    # an unknown body becomes an actor of the document's own
    ("Ban Chỉ đạo 389 tỉnh (sau đây gọi tắt là Ban Chỉ đạo)", [("Ban Chỉ đạo", ("ban_chi_dao",), True)]),
    # a document's short name is not an actor
    ("Nghị định số 59/2012/NĐ-CP (sau đây viết tắt là Nghị định số 59/2012/NĐ-CP)", []),
]


@pytest.mark.parametrize(("text", "expected"), DEFINITIONS)
def test_find_definitions(text: str, expected: list[tuple[str, tuple[str, ...], bool]]) -> None:
    found = find_definitions(text, load_registry())
    assert [(term, ids, new is not None) for term, ids, new in found] == expected


def test_definitions_extend_the_registry_for_one_document() -> None:
    base = load_registry()
    extended = base.with_definitions("Sở Tư pháp (sau đây gọi tắt là Cơ quan thường trực). ")
    assert [m.ids for m in extended.find("Cơ quan thường trực có trách nhiệm")] == [("so_tu_phap",)]
    assert base.find("Cơ quan thường trực có trách nhiệm") == []


def test_document_actors_lists_who_a_document_names() -> None:
    from pathlib import Path

    from kb.duties.named import document_actors
    from parsers import parse_file

    path = Path(__file__).resolve().parent.parent / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
    result = parse_file(path)
    ids = [a.id for a in document_actors(result, result.documents[-1])]
    assert len(ids) == len(set(ids))
    # named in the draft (Điều 2, 6, 9, 12 ...)
    assert {"cac_so_ban_nganh", "ubnd_cap_xa", "so_tu_phap", "thu_tuong", "bo_tu_phap", "vks_tinh", "toa_an_tinh",
            "mttq_tinh", "van_phong_hdnd_ubnd_cap_xa", "chu_tich_ubnd_tinh", "hdnd_cap_xa"} <= set(ids)
    # never named in it
    assert not {"so_noi_vu", "so_tai_chinh", "ubnd_cap_huyen", "phong_tu_phap", "hoi_luat_gia"} & set(ids)
    assert ids[0] == "ubnd_tinh"  # first mention first: "(Ban hành kèm theo ... của Ủy ban nhân dân tỉnh Cao Bằng)"
