"""Bodies the actor list lacks, recognised by their form (`kb.duties.grammar` joined with the list in
`Registry.mentions`), as bearers of duties: where a bearer stands and where it does not, the grammar's
span against the list's, catch-alls, "địa phương", levels, and `kb duties --actor` for them.

Sentences from several documents of ../shared/corpus-wild that no label set of eval/ holds (a Hà Nội
Quyết định on house numbers 717159673033f644, a Hà Nội TTHC Quyết định 4bda44e45e4f1633, a Bắc Ninh TTHC
Quyết định f411a708, Thông tư of the Ministry of Defence 8ea98f884cf1d2a7, of Industry and Trade
6bdbdeb006a331dc, of Transport 932e83be, a Bộ NN&MT Quyết định 1796a553, the Law on cadres 5442d166, Cục
Thuế letters 03890575449f6e05 / 005d8820eb95c1cb, a Bộ VHTTDL plan 7f6efa59) and the issue's own forms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from actor_keys import actor_key as _key

from kb.duties.actors import (
    dynamic_actor,
    load_registry,
    local_authority,
    matching_actors,
    resolve_actor_query,
)
from kb.duties.bearers import bearer_line
from kb.duties.extract import extract_duties, read_text
from parsers import parse_text

# (sentence, heading context, expected {(actor, role)}): actors as registry ids or printed names
SENTENCES = [
    # a body the list lacks opening the clause, alone or in a list with known ones (issue cause 1)
    (("Ban Quản lý các Khu công nghiệp, UBND các xã, phường niêm yết công khai TTHC tại Trung tâm Phục vụ hành "
      "chính công, Điểm tiếp nhận và trả kết quả giải quyết TTHC."), None,
     {("Ban Quản lý các Khu công nghiệp", "thuc_hien"), ("ubnd_cap_xa", "thuc_hien")}),
    ("Giao Trung tâm Chuyển đổi số Thành phố cấu hình thủ tục hành chính trên Hệ thống Thông tin giải quyết TTHC.",
     None, {("Trung tâm Chuyển đổi số Thành phố", "thuc_hien")}),
    (("Cục Trồng trọt và Bảo vệ thực vật chỉ đạo các cơ quan chuyên ngành bảo vệ thực vật các cấp tổ chức tốt công "
      "tác dự tính dự báo."), None, {("Cục Trồng trọt và Bảo vệ thực vật", "chi_dao")}),
    ("A, B, Ban Quản lý các khu công nghiệp tỉnh, UBND cấp xã và các sở, ngành tổ chức triển khai thực hiện.", None,
     {("Ban Quản lý các khu công nghiệp tỉnh", "thuc_hien"), ("ubnd_cap_xa", "thuc_hien"),
      ("cac_so_ban_nganh", "thuc_hien")}),
    ("Hằng năm, Liên đoàn Lao động tỉnh và Hội Nông dân tỉnh tổ chức tuyên truyền cho đoàn viên, hội viên.", None,
     {("Liên đoàn Lao động tỉnh", "thuc_hien"), ("Hội Nông dân tỉnh", "thuc_hien")}),
    # co-ordinators after "chủ trì, phối hợp với": known and unknown alike, none of them a subject
    (("Giao Sở Xây dựng chủ trì, phối hợp với Trung tâm Chuyển đổi số Thành phố, Công an Thành phố, Sở Nông nghiệp "
      "và Môi trường, Ủy ban nhân dân các phường, xã, đặc khu cùng các đơn vị có liên quan, tổ chức khảo sát, đánh giá "
      "hiện trạng sử dụng phần mềm."), None,
     {("so_xay_dung", "chu_tri"), ("Trung tâm Chuyển đổi số Thành phố", "phoi_hop"), ("cong_an_tinh", "phoi_hop"),
      ("so_nong_nghiep_moi_truong", "phoi_hop"), ("ubnd_cap_xa", "phoi_hop")}),
    # generic subjects before a modal or role verb; titles filed under their body; catch-alls
    ("Đơn vị cung cấp dịch vụ đăng kiểm có trách nhiệm kê khai, niêm yết, công khai thông tin về giá dịch vụ.", None,
     {("Đơn vị cung cấp dịch vụ đăng kiểm", "thuc_hien")}),
    ("Cơ quan sử dụng công chức có trách nhiệm tạo điều kiện để công chức tham gia đào tạo, bồi dưỡng.", None,
     {("Cơ quan sử dụng công chức", "thuc_hien")}),
    (("Cục trưởng Cục Pháp chế Bộ Quốc phòng, Thủ trưởng các cơ quan, đơn vị, tổ chức và cá nhân có liên quan có "
      "trách nhiệm thi hành Thông tư này./."), None,
     {("Cục Pháp chế Bộ Quốc phòng", "thuc_hien"), ("nguoi_dung_dau", "thuc_hien")}),  # the list's "Thủ trưởng các cơ quan, đơn vị"
    ("Các cơ quan, đơn vị, địa phương căn cứ chức năng, nhiệm vụ tổ chức thực hiện Kế hoạch.", None,
     {("Cơ quan, đơn vị, địa phương", "thuc_hien")}),
    # not bearers: objects, recipients, places after a preposition; the directed; a passive; the issuer replying
    ("Hướng dẫn Hội Nông dân tỉnh, Tỉnh đoàn tổ chức tuyên truyền cho hội viên, đoàn viên.", ["so_tu_phap"],
     {("so_tu_phap", "thuc_hien")}),
    ("Sở Tư pháp tổng hợp kết quả gửi Trung tâm Phục vụ hành chính công tỉnh và Ban Quản lý khu kinh tế.", None,
     {("so_tu_phap", "thuc_hien")}),
    ("Tổ chức, cá nhân đề nghị cấp giấy phép nhập khẩu nộp hồ sơ cho Cục Hạ tầng và Thiết bị y tế - Bộ Y tế.", None,
     set()),
    ("Công chức được cử tham gia đào tạo, bồi dưỡng được hưởng chế độ, chính sách theo quy định.", None, set()),
    ("Cục Thuế trả lời để Thuế thành phố Hồ Chí Minh biết và thực hiện./.", None, set()),
    ("Cục Thuế nhận được công văn số 324/QTR-KTr2 ngày 22/7/2025 của Thuế tỉnh Quảng Trị.", None, set()),
    ("Tổ chức thực hiện Kế hoạch này.", ["ubnd_cap_xa"], {("ubnd_cap_xa", "thuc_hien")}),
    ("Tổ chức lực lượng cứu hộ, cứu nạn tiếp cận vùng bị chia cắt.", ["cong_an_tinh"], {("cong_an_tinh", "thuc_hien")}),
]


@pytest.mark.parametrize(("text", "context", "expected"), SENTENCES)
def test_bearers_by_form(text: str, context: list[str] | None, expected: set[tuple[str, str]]) -> None:
    assert {(f.actor, f.role) for f in read_text(text, context)} == {(_key(a), r) for a, r in expected}


# (text, [(printed span, actor)]): where the grammar and the list disagree, the grammar's span decides the
# boundaries, the list the identity
MENTIONS = [
    ("Ủy ban nhân dân tỉnh Quảng Ngãi chỉ đạo", [("Ủy ban nhân dân tỉnh Quảng Ngãi", "ubnd_tinh")]),
    ("Giám đốc Sở Y tế thành phố Hà Nội chịu trách nhiệm", [("Giám đốc Sở Y tế thành phố Hà Nội", "so_y_te")]),
    ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo chủ trì", [("Sở Tài chính", "so_tai_chinh")]),
    ("Ủy ban Mặt trận Tổ quốc tỉnh chủ trì", [("Ủy ban Mặt trận Tổ quốc tỉnh", "mttq_tinh")]),
    ("Ủy ban nhân dân các phường, xã, đặc khu căn cứ", [("Ủy ban nhân dân các phường, xã, đặc khu", "ubnd_cap_xa")]),
    ("Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu Cồn Cỏ thực hiện",
     [("Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu Cồn Cỏ", "chu_tich_ubnd_cap_xa")]),
    ("Các Sở, ngành có liên quan phối hợp", [("Các Sở, ngành có liên quan", "cac_so_ban_nganh")]),
    ("Ngân hàng Nhà nước chi nhánh khu vực 14 chỉ đạo",
     [("Ngân hàng Nhà nước chi nhánh khu vực 14", "Ngân hàng Nhà nước chi nhánh khu vực 14")]),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì", [("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy")]),
    ("Giao Phó Thủ tướng Chính phủ Trần Hồng Hà trực tiếp chỉ đạo",
     [("Phó Thủ tướng Chính phủ Trần Hồng Hà", "Phó Thủ tướng Chính phủ Trần Hồng Hà")]),
    ("phối hợp với các đơn vị liên quan tổ chức", [("các đơn vị liên quan", "co_quan_lien_quan")]),
    ("Thủ trưởng các đơn vị trực thuộc chịu trách nhiệm", [("Thủ trưởng các đơn vị trực thuộc", "Đơn vị trực thuộc")]),
    # a header in capitals, a document number's code, an object: no actor
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", []),
    ("Quyết định số /2026/QĐ-UBND ngày tháng năm 2026", []),
    ("hướng dẫn Hội Nông dân tỉnh thực hiện", []),
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_mentions_join_form_and_list(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.ids) for m in load_registry().mentions(text)] == [(t, (_key(a),)) for t, a in expected]


def test_a_centrally_run_city_is_the_province() -> None:
    city = load_registry().addressing("ubnd_cap_xa", city=True)
    found = [(m.text, m.ids) for m in city.mentions("Thanh tra thành phố tổ chức thanh tra; Chủ tịch Ủy ban nhân dân "
                                                  "thành phố xem xét")]
    assert found == [("Thanh tra thành phố", ("thanh_tra_tinh",)),
                     ("Chủ tịch Ủy ban nhân dân thành phố", ("chu_tich_ubnd_tinh",))]
    assert [m.ids for m in load_registry().mentions("Thanh tra thành phố tổ chức")] == [("thanh_tra_thanh_pho",)]


def test_local_authorities_are_who_the_document_addresses() -> None:
    central = parse_text("CHÍNH PHỦ\nNGHỊ ĐỊNH\nVề thử\nĐiều 1. Thử\nCác bộ, ngành, địa phương tổ chức thực hiện.\n",
                         "central.txt").documents[0]
    assert local_authority(central) == "ubnd_tinh"
    assert {(d.actor, d.role) for d in extract_duties(parse_text("x", "x.txt"), central, None)} >= {
        ("ubnd_tinh", "thuc_hien")}
    provincial = parse_text("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nKẾ HOẠCH\nThử\n1. Các sở, ngành, địa phương tổ chức thực "
                            "hiện.\n", "tinh.txt").documents[0]
    assert local_authority(provincial) == "ubnd_cap_xa"


@pytest.mark.parametrize(("printed", "name", "level", "kind"), [
    ("các Ban Quản lý khu kinh tế tỉnh", "Ban Quản lý khu kinh tế tỉnh", "tinh", "co_quan"),
    ("Phòng Kinh tế cấp xã", "Phòng Kinh tế cấp xã", "xa", "co_quan"),
    ("Liên minh Hợp tác xã tỉnh", "Liên minh Hợp tác xã tỉnh", "tinh", "co_quan"),  # "Hợp tác xã" is no xã
    ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội", "tinh", "co_quan"),
    ("Tập đoàn Bưu chính Viễn thông Việt Nam", "Tập đoàn Bưu chính Viễn thông Việt Nam", "trung_uong", "co_quan"),
    ("Trưởng Ban Chỉ đạo", "Trưởng Ban Chỉ đạo", "", "nguoi"),
])
def test_an_unknown_body_is_an_actor_of_its_own(printed: str, name: str, level: str, kind: str) -> None:
    actor = dynamic_actor(printed)
    assert (actor.name, actor.level, actor.kind) == (name, level, kind)


@pytest.mark.parametrize(("line", "heading", "expected"), [
    ("Trung tâm Phục vụ hành chính công tỉnh:", False, ["trung_tam_phuc_vu_hcc"]),
    ("Trách nhiệm của Ban Quản lý khu kinh tế", True, ["Ban Quản lý khu kinh tế"]),
    ("Cục Điện ảnh, Cục Du lịch Quốc gia Việt Nam:", False, ["Cục Điện ảnh", "Cục Du lịch Quốc gia Việt Nam"]),
    ("Đơn vị tính giá dịch vụ đăng kiểm theo thời gian thực hiện công việc", True, None),
])
def test_lead_lines_name_unknown_bodies(line: str, heading: bool, expected: list[str] | None) -> None:
    found = bearer_line(line, load_registry(), heading=heading)
    assert (found.actors if found else None) == ([_key(a) for a in expected] if expected is not None else None)


def test_kb_duties_reaches_bodies_named_by_their_form(tmp_path: Path) -> None:
    from kb.duties.queries import find_duties
    from kb.pipeline import build
    from kb.store.db import open_db

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ke-hoach.txt").write_text(
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nKẾ HOẠCH\nTriển khai thử\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Hội Nông dân tỉnh chủ trì tuyên truyền cho hội viên.\n"
        "2. Phòng Kinh tế cấp xã thực hiện thống kê hằng năm.\n"
        "3. Ban Quản lý khu kinh tế tỉnh phối hợp với Sở Tư pháp rà soát.\n", encoding="utf-8")
    assert build([tmp_path / "docs"], tmp_path / "kb.db").ok
    db = open_db(tmp_path / "kb.db")
    farmers = find_duties(db, "hoi nong dan")  # no accents, like a known actor
    assert [a["name"] for a in farmers["actors"]] == ["Hội Nông dân tỉnh"]
    assert {d["role"] for d in farmers["duties"]} == {"chu_tri"}
    assert {d["actor_name"] for d in find_duties(db, "Ban quản lý khu kinh tế")["duties"]} == {
        "Ban Quản lý khu kinh tế tỉnh"}
    xa = find_duties(db, "xã")  # a level reaches the bodies of that level too
    assert "Phòng Kinh tế cấp xã" in {d["actor_name"] for d in xa["duties"]}
    assert all(a.id != "hoi_nong_dan_tinh" for a in resolve_actor_query("hoi nong dan"))  # not the list's
    assert matching_actors("cac hoi nong dan", [dynamic_actor("Hội Nông dân tỉnh")]) == [dynamic_actor("Hội Nông dân tỉnh")]
