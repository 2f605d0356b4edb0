"""Full-text search: diacritics and đ folded, ranked hits with addresses, original-text snippets, safe queries.

Built over a small KB made with the stand-in parser (tests/kb_fake.py); the corpus KB is searched in
tests/test_store.py.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kb_corpus import corpus_kb
from kb_fake import fake_parse

from kb.errors import KbError
from kb.pipeline import Hooks, build
from kb.store.db import open_db
from kb.store.search import MAX_QUERY_CHARS, SearchHit, fts_query, highlight, query_tokens, search

FILES = {
    "qd.txt": (
        "03/2022/QĐ-UBND\n"
        "Sở Tư pháp chủ trì, phối hợp với các sở, ban, ngành theo dõi tình hình thi hành pháp luật.\n"
        "Ủy ban nhân dân cấp xã báo cáo trước ngày 15/11 hằng năm.\n"
        "Đôn đốc thực hiện Nghị định số 59/2012/NĐ-CP của Chính phủ.\n"
    ),
    "kh.txt": "-\nVăn phòng Ủy ban nhân dân tỉnh đề nghị Sở Tư pháp tổng hợp.\nKinh phí do ngân sách bảo đảm.\n",
    "nq.txt": "15/2020/NQ-HĐND\nHội đồng nhân dân tỉnh giám sát.\n",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("search")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    build([folder], folder / "kb.db", parse=fake_parse, hooks=Hooks(None, None, None))
    return open_db(folder / "kb.db")


def _ids(hits: list[SearchHit]) -> list[tuple[str, str | None]]:
    return [(h.doc_id, h.eid) for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("so tu phap", {("03/2022/QĐ-UBND", "art_1"), ("kh:quyet-dinh", "art_1")}),
        ("Sở Tư pháp", {("03/2022/QĐ-UBND", "art_1"), ("kh:quyet-dinh", "art_1")}),
        ("SỞ TƯ PHÁP", {("03/2022/QĐ-UBND", "art_1"), ("kh:quyet-dinh", "art_1")}),
        ("don doc", {("03/2022/QĐ-UBND", "art_3")}),  # đ folded to d
        ("Đôn Đốc", {("03/2022/QĐ-UBND", "art_3")}),
        ("bao dam", {("kh:quyet-dinh", "art_2")}),
        ("giam sat", {("15/2020/NQ-HĐND", "art_1")}),
        ("xyzzy", set()),
    ],
)
def test_search_ignores_case_and_diacritics(db, query: str, expected: set) -> None:
    assert set(_ids(search(db, query))) == expected


def test_with_and_without_diacritics_give_the_same_hits(db) -> None:
    assert _ids(search(db, "so tu phap")) == _ids(search(db, "Sở Tư pháp"))


def test_address_query_finds_the_article_first(db) -> None:
    hits = search(db, "dieu 2", doc_id="03/2022/QĐ-UBND")
    assert (hits[0].eid, hits[0].address, hits[0].heading) == ("art_2", "Điều 2", "Tiêu đề 2")
    assert {h.eid for h in hits} == {"art_2", "art_2__para_1", "art_2__para_1__point_a"}


def test_doc_filter(db) -> None:
    assert _ids(search(db, "so tu phap", doc_id="kh:quyet-dinh")) == [("kh:quyet-dinh", "art_1")]
    assert search(db, "so tu phap", doc_id="no such doc") == []


def test_limit(db) -> None:
    assert len(search(db, "dieu", limit=4)) == 4
    assert search(db, "dieu", limit=0) == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("15/2020", ("15/2020/NQ-HĐND", None)),
        ("03/2022/QĐ-UBND", ("03/2022/QĐ-UBND", None)),
        ("03/2022/qd-ubnd", ("03/2022/QĐ-UBND", None)),
        ("NQ-HĐND", ("15/2020/NQ-HĐND", None)),
    ],
)
def test_document_numbers_are_looked_up(db, query: str, first: tuple) -> None:
    hits = search(db, query)
    assert _ids(hits)[0] == first and hits[0].kind == "document"


def test_number_inside_a_clause_is_found(db) -> None:
    hits = search(db, "59/2012/NĐ-CP")
    assert _ids(hits) == [("03/2022/QĐ-UBND", "art_3")]
    assert hits[0].marked() == "Đôn đốc thực hiện Nghị định số «59/2012/NĐ-CP» của Chính phủ."


def test_snippet_is_original_text_with_marks(db) -> None:
    hit = search(db, "uy ban nhan dan cap xa")[0]
    assert hit.snippet == "Ủy ban nhân dân cấp xã báo cáo trước ngày 15/11 hằng năm."
    assert hit.marked() == "«Ủy ban nhân dân cấp xã» báo cáo trước ngày 15/11 hằng năm."
    assert hit.marked("[", "]") == "[Ủy ban nhân dân cấp xã] báo cáo trước ngày 15/11 hằng năm."
    assert hit.html() == "<mark>Ủy ban nhân dân cấp xã</mark> báo cáo trước ngày 15/11 hằng năm."


HIGHLIGHTS = [
    # (text, query, marked)
    ("Sở Tư pháp chủ trì", "so tu phap", "«Sở Tư pháp» chủ trì"),
    ("Giám đốc Sở Tư pháp; Sở Tài chính", "so", "Giám đốc «Sở» Tư pháp; «Sở» Tài chính"),
    ("ĐIỀU 5. Đối tượng", "doi tuong", "ĐIỀU 5. «Đối tượng»"),
    ("Hoà giải ở cơ sở", "hòa giải", "«Hoà giải» ở cơ sở"),  # tone placement folded too
    ("A <b>&</b> sở", "so", "A <b>&</b> «sở»"),
    ("không có", "xyz", "không có"),
    # a phrase, where it occurs, is marked alone; its words elsewhere are not
    ("Phối hợp với Sở Tư pháp kiểm tra pháp luật", "so tu phap", "Phối hợp với «Sở Tư pháp» kiểm tra pháp luật"),
    ("Nghị định số 80/2025/NĐ-CP ngày 01/4/2025", "80/2025", "Nghị định số «80/2025»/NĐ-CP ngày 01/4/2025"),
    ("Sở Nội vụ và Tư pháp", "so tu phap", "«Sở» Nội vụ và «Tư pháp»"),  # no phrase: every word
    # decomposed (NFD) text, as some converters write it, is marked as printed too
    (unicodedata.normalize("NFD", "Giám đốc Sở Tư pháp"), "so tu phap",
     unicodedata.normalize("NFD", "Giám đốc «Sở Tư pháp»")),
    ("ĐÔN ĐỐC, kiểm tra", "don doc", "«ĐÔN ĐỐC», kiểm tra"),
]


@pytest.mark.parametrize(("text", "query", "marked"), HIGHLIGHTS)
def test_highlight(text: str, query: str, marked: str) -> None:
    snippet, marks = highlight(text, query_tokens(query))
    hit = SearchHit("d", "e", "", None, "dieu", snippet, marks, 0.0)
    assert hit.marked() == marked


def test_html_snippet_escapes_document_text() -> None:
    snippet, marks = highlight("<script>alert('sở')</script> & Sở", ["so"])
    hit = SearchHit("d", "e", "", None, "dieu", snippet, marks, 0.0)
    assert hit.html() == "&lt;script&gt;alert(&#x27;<mark>sở</mark>&#x27;)&lt;/script&gt; &amp; <mark>Sở</mark>"


def test_long_text_is_cut_around_the_first_match() -> None:
    text = " ".join(["mở đầu"] * 100) + " Sở Tư pháp chủ trì " + " ".join(["kết thúc"] * 100)
    snippet, marks = highlight(text, ["so", "tu", "phap"])
    assert snippet.startswith("…") and snippet.endswith("…") and len(snippet) <= 245
    assert [snippet[a:b] for a, b in marks] == ["Sở Tư pháp"]


@pytest.mark.parametrize(
    ("tokens", "phrase", "expression"),
    [
        (["so", "tu", "phap"], True, '"so tu phap"'),
        (["so", "tu", "phap"], False, '"so" "tu" "phap"'),
        (["and", "or", "not"], False, '"and" "or" "not"'),
        (["near"], True, '"near"'),
    ],
)
def test_fts_query_quotes_every_token(tokens: list[str], phrase: bool, expression: str) -> None:
    assert fts_query(tokens, phrase) == expression


HOSTILE = [
    '"', '""', "'", "NĐ-CP", "15/2020", "Điều-5", "AND OR NOT", "AND", "*", "so*", "NEAR(", "NEAR(a b, 2)",
    "'; DROP TABLE nodes; --", '"; DROP TABLE nodes; --', "a OR", "(", ")", "^so", "text_fold:so", "-so",
    "+", "{so tu}", "\\", "%", "_", "\x00", "so\x00tu", "\u200b", "🙂", " ", "", "a" * 5000, "đ" * 300,
    "nodes_fts MATCH", "?", ":1", "@x", "$x",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_do_not_raise(db, query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:  # past the cap: one clear line, nothing searched
        with pytest.raises(KbError, match="Truy vấn quá dài"):
            search(db, query)
        return
    hits = search(db, query)
    assert all(isinstance(h, SearchHit) for h in hits)
    assert db.execute("SELECT count(*) FROM nodes").fetchone()[0] == 18  # nothing dropped


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(max_size=60) | st.lists(st.sampled_from(
    ['"', "AND", "OR", "NOT", "NEAR(", ")", "*", "^", ":", "-", "/", "Đ", "đ", "Sở", "so", "tu", "15", "'", "{", "}",
     " ", "+", "%", "_", "\\"]), max_size=12).map("".join))
def test_no_query_raises(db, query: str) -> None:
    hits = search(db, query, limit=5)
    assert len(hits) <= 5
    for hit in hits:
        assert hit.html() is not None and all(0 <= a < b <= len(hit.snippet) for a, b in hit.marks)


def test_cli_search(db, capsys: pytest.CaptureFixture[str]) -> None:
    from kb.cli import main

    path = db.execute("PRAGMA database_list").fetchone()[2]
    assert main(["search", "so tu phap", "--db", path, "--doc", "kh:quyet-dinh"]) == 0
    assert capsys.readouterr().out == (
        "Điều 1\tQuyết định ngày 13/01/2022 — Văn bản kh\tVăn phòng Ủy ban nhân dân tỉnh đề nghị «Sở Tư pháp» tổng hợp.\n"
    )
    assert main(["search", '"NEAR(', "--db", path, "--json"]) == 0
    assert '"hits": []' in capsys.readouterr().out




# --- the corpus KB --------------------------------------------------------------------------------
QC_2022 = "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat:quy-che"
QC_2026 = "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl:quy-che"
KH_SL = "son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl:ke-hoach"


@pytest.fixture(scope="module")
def corpus_db():
    return open_db(corpus_kb()[1])


def test_corpus_search_with_and_without_diacritics(corpus_db) -> None:
    plain = search(corpus_db, "so tu phap", limit=50)
    assert len(plain) == 50
    assert _ids(plain) == _ids(search(corpus_db, "Sở Tư pháp", limit=50)) == _ids(search(corpus_db, "SỞ TƯ PHÁP", limit=50))
    assert all("«Sở Tư pháp»" in h.marked() or "«Sở tư pháp»" in h.marked() for h in plain[:10])


CORPUS_QUERIES = [
    # (query, doc filter, a hit expected among the first five)
    ("dieu 12", QC_2022, (QC_2022, "art_12")),
    ("Điều 12", QC_2026, (QC_2026, "art_12")),
    ("kinh phi thuc hien", QC_2022, (QC_2022, "art_12")),
    ("mat tran to quoc", None, (QC_2022, "art_13__para_3")),
    ("Mẫu số 01", None, (QC_2026, "art_12__para_1__point_d")),
    ("quy ii, iii nam 2026", None, (KH_SL, "sec_II__item_2__bullet_3")),
    ("03/2022/QĐ-UBND", None, ("03/2022/QĐ-UBND", None)),
]


@pytest.mark.parametrize(("query", "doc", "expected"), CORPUS_QUERIES)
def test_corpus_queries(corpus_db, query: str, doc: str | None, expected: tuple) -> None:
    assert expected in _ids(search(corpus_db, query, doc_id=doc)[:5])


def test_corpus_article_query_puts_the_article_first(corpus_db) -> None:
    hits = search(corpus_db, "dieu 12")
    assert {_ids(hits)[0], _ids(hits)[1]} == {(QC_2022, "art_12"), (QC_2026, "art_12")}
    assert {hits[0].heading, hits[1].heading} == {"Kinh phí thực hiện", "Chế độ báo cáo"}


@pytest.mark.parametrize("query", HOSTILE)
def test_corpus_hostile_queries(corpus_db, query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        with pytest.raises(KbError, match="Truy vấn quá dài"):
            search(corpus_db, query)
    else:
        assert isinstance(search(corpus_db, query), list)
