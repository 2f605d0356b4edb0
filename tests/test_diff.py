"""Version alignment and in-pair diff (kb/diff.py) on hand-built regulations: statuses, splits, merges,
moves, the word-level ops and the drafters' facts."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.diff_synthetic import build, edit, spec
from kb.diff.align import diff_documents
from kb.diff.ops import Op, diff_nodes, new_side, old_side, text_state, tokens_of_text
from kb.model import STATUSES
from parsers.model import Node, Span

ARTICLES = [
    spec(
        "Phạm vi điều chỉnh, đối tượng áp dụng",
        "Quy chế này quy định về nguyên tắc, nội dung, trách nhiệm phối hợp của các cơ quan, tổ chức trong "
        "công tác theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh.",
        "Quy chế này áp dụng đối với các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh (sau đây viết tắt là "
        "các sở, ban, ngành) và Ủy ban nhân dân các huyện, thành phố.",
    ),
    spec(
        "Nguyên tắc phối hợp",
        "Tuân thủ quy định của pháp luật.",
        "Thường xuyên, kịp thời và hiệu quả.",
        "Khách quan, công khai, minh bạch; không trùng lặp, chồng chéo với hoạt động của cơ quan khác.",
    ),
    spec(
        "Phối hợp kiểm tra việc thi hành",
        "Sở Tư pháp chủ trì, phối hợp với các cơ quan có liên quan xây dựng, trình Chủ tịch Ủy ban nhân dân tỉnh "
        "quyết định thành lập đoàn kiểm tra liên ngành.",
        (
            "Các sở, ban, ngành",
            (
                "Phối hợp với Sở Tư pháp trong hoạt động kiểm tra.",
                "Cử đại diện tham gia đoàn kiểm tra theo yêu cầu của cơ quan có thẩm quyền.",
            ),
        ),
    ),
    spec(
        "Chế độ báo cáo",
        (
            "Báo cáo định kỳ hằng năm",
            (
                "Các sở, ban, ngành gửi báo cáo công tác về Sở Tư pháp trước ngày 05 tháng 12 của kỳ báo cáo.",
                "Sở Tư pháp tổng hợp, trình Ủy ban nhân dân tỉnh để báo cáo Bộ Tư pháp trước ngày 10 tháng 12.",
                "Nội dung báo cáo theo mẫu tại Phụ lục kèm theo Thông tư số 04/2021/TT-BTP.",
            ),
        ),
        "Báo cáo đột xuất theo yêu cầu của cơ quan nhà nước có thẩm quyền.",
    ),
    spec(
        "Kinh phí thực hiện",
        "Kinh phí cho công tác theo dõi tình hình thi hành pháp luật của cơ quan, đơn vị thuộc cấp nào do ngân "
        "sách nhà nước cấp đó bảo đảm.",
        "Việc thanh quyết toán kinh phí thực hiện theo quy định của Luật Ngân sách nhà nước.",
    ),
    spec(
        "Tổ chức thực hiện",
        "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố có trách nhiệm tổ chức triển khai thực hiện "
        "Quy chế này.",
        "Sở Tư pháp có trách nhiệm theo dõi, đôn đốc, hướng dẫn, kiểm tra việc thực hiện Quy chế này.",
    ),
]
CHAPTERS = [("Quy định chung", 2), ("Trách nhiệm phối hợp", 2), ("Tổ chức thực hiện", 2)]


def _articles(result) -> list[tuple[str | None, str | None, str]]:
    return [(p.alignment.old, p.alignment.new, p.status) for p in result.pairs if p.level == "dieu"]


def test_a_document_against_itself_is_all_unchanged() -> None:
    doc = build(ARTICLES, CHAPTERS)
    result = diff_documents(doc, doc)
    assert {p.status for p in result.pairs} == {"unchanged"}
    assert {p.level for p in result.pairs} == {"chuong", "dieu", "khoan", "diem"}
    assert len([p for p in result.pairs if p.level == "dieu"]) == len(ARTICLES)
    assert result.facts == ()
    assert all(p.ops == () for p in result.pairs)


def test_renumbered_and_shuffled_articles_align_back() -> None:
    order = [3, 0, 5, 1, 4, 2]
    result = diff_documents(build(ARTICLES), build([ARTICLES[k] for k in order]))
    got = {old: new for old, new, _ in _articles(result)}
    assert got == {f"art_{k + 1}": f"art_{j + 1}" for j, k in enumerate(order)}
    assert all(p.text == "same" for p in result.pairs if p.level == "dieu")
    assert {s for _, _, s in _articles(result)} <= {"moved", "renumbered", "unchanged"}
    assert "moved" in {s for _, _, s in _articles(result)}


def test_an_article_dropped_and_one_added_shift_the_numbers() -> None:
    extra = spec(
        "Khen thưởng và xử lý vi phạm",
        "Tập thể, cá nhân có thành tích xuất sắc được khen thưởng theo quy định về thi đua, khen thưởng.",
    )
    new = build(ARTICLES[:1] + ARTICLES[2:4] + [extra] + ARTICLES[4:])
    assert _articles(diff_documents(build(ARTICLES), new)) == [
        ("art_1", "art_1", "unchanged"),
        ("art_2", None, "removed"),
        ("art_3", "art_2", "renumbered"),
        ("art_4", "art_3", "renumbered"),
        (None, "art_4", "added"),
        ("art_5", "art_5", "unchanged"),
        ("art_6", "art_6", "unchanged"),
    ]


def test_split_gives_one_pair_per_new_article() -> None:
    first = spec("Phạm vi điều chỉnh", ARTICLES[0].clauses[0][0])
    second = spec("Đối tượng áp dụng", ARTICLES[0].clauses[1][0])
    result = diff_documents(build(ARTICLES), build([first, second] + ARTICLES[1:]))
    assert _articles(result)[:3] == [
        ("art_1", "art_1", "split"),
        ("art_1", "art_2", "split"),
        ("art_2", "art_3", "renumbered"),
    ]


def test_merge_gives_one_pair_per_old_article() -> None:
    a, b = ARTICLES[4], ARTICLES[5]
    merged = spec("Kinh phí và tổ chức thực hiện", *(c for c in a.clauses + b.clauses))
    result = diff_documents(build(ARTICLES), build(ARTICLES[:4] + [merged]))
    assert _articles(result)[-2:] == [("art_5", "art_5", "merged"), ("art_6", "art_5", "merged")]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("Ủy ban nhân dân tỉnh hoà giải", "Ủy  ban nhân dân tỉnh\thòa giải", "same"),
        ("Ủy ban nhân dân tỉnh.", "Ủy ban nhân dân tỉnh;", "editorial"),
        ("**Sở Tư pháp** chủ trì", "Sở Tư pháp chủ trì", "same"),
        ("không trùng lặp, chồng chéo", "không trùng lắp, chồng chéo", "editorial"),
        ("trước ngày 05 tháng 12", "trước ngày 18 tháng 12", "modified"),
        ("Sở Tư pháp chủ trì", "Sở Tư pháp phối hợp", "modified"),
    ],
)
def test_text_state(old: str, new: str, expected: str) -> None:
    assert text_state(tokens_of_text(old), tokens_of_text(new)) == expected


def test_statuses_of_a_synthetic_edit_script_are_recovered() -> None:
    donors = [
        spec(
            "Điều khoản chuyển tiếp",
            "Hồ sơ đã tiếp nhận trước ngày Quy chế này có hiệu lực được tiếp tục giải quyết theo quy định cũ.",
        )
    ]
    new_articles, truth = edit(list(ARTICLES), random.Random(3), donors=donors, n_reword=0)
    result = diff_documents(build(ARTICLES), build(new_articles))
    got = {(p.alignment.old, p.alignment.new) for p in result.pairs if p.level == "dieu"}
    expected = {(f"art_{o}" if o else None, f"art_{n}" if n else None) for o, n, _ in truth.pairs}
    assert got == expected


def test_statuses_are_from_the_vocabulary_and_deterministic() -> None:
    new_articles, _ = edit(list(ARTICLES), random.Random(7))
    one = diff_documents(build(ARTICLES, CHAPTERS), build(new_articles)).to_dict()
    two = diff_documents(build(ARTICLES, CHAPTERS), build(new_articles)).to_dict()
    assert one == two
    assert {p["status"] for p in one["pairs"]} <= set(STATUSES)


def _node(text: str, *points: str) -> Node:
    zero = Span(0, 0, 1)
    kids = tuple(
        Node("diem", chr(97 + k), None, t, f"art_1__para_1__point_{chr(97 + k)}", zero)
        for k, t in enumerate(points)
    )
    return Node("khoan", "1", None, text, "art_1__para_1", zero, kids)


def test_a_paragraph_split_into_points_shows_only_the_labels_as_new() -> None:
    old = _node("Kế hoạch gồm các nội dung: mục đích, yêu cầu; lĩnh vực theo dõi; kinh phí thực hiện.")
    new = _node(
        "Kế hoạch gồm các nội dung:", "mục đích, yêu cầu;", "lĩnh vực theo dõi;", "kinh phí thực hiện."
    )
    ops = diff_nodes(old, new)
    deleted = " ".join(o.text for o in ops if o.op == "delete")
    inserted = " ".join(o.text for o in ops if o.op == "insert")
    assert deleted.split() == []
    assert inserted.split() == ["a)", "b)", "c)"]
    assert (
        old_side(ops)
        == "1. Kế hoạch gồm các nội dung: mục đích, yêu cầu; lĩnh vực theo dõi; kinh phí thực hiện."
    )
    assert "c) kinh phí thực hiện." in new_side(ops)


def test_a_changed_date_is_one_replaced_number() -> None:
    old = Node(
        "khoan",
        "1",
        None,
        "Gửi báo cáo trước ngày 05 tháng 12 của kỳ báo cáo.",
        "art_1__para_1",
        Span(0, 0, 1),
    )
    new = Node(
        "khoan",
        "1",
        None,
        "Gửi báo cáo trước ngày 18 tháng 12 của kỳ báo cáo.",
        "art_1__para_1",
        Span(0, 0, 1),
    )
    changed = [o for o in diff_nodes(old, new) if o.op != "equal"]
    assert changed == [Op("delete", "05 "), Op("insert", "18 ")]


def _facts(result, kind: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(f.old, f.new, f.old_eid, f.new_eid) for f in result.facts if f.type == kind]


def test_facts_deadlines_bases_actors_and_substitutions() -> None:
    def rewrite(text: str) -> str:
        return (
            text.replace("05 tháng 12", "18 tháng 12")
            .replace("Thông tư số 04/2021/TT-BTP", "Nghị định số 80/2025/NĐ-CP")
            .replace("Ủy ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các xã, phường")
            .replace("theo dõi tình hình thi hành pháp luật", "tổ chức thi hành văn bản quy phạm pháp luật")
        )

    def apply(a):
        return spec(a.heading, *((rewrite(t), tuple(rewrite(p) for p in pts)) for t, pts in a.clauses))

    old_articles = [
        *ARTICLES,
        spec(
            "Theo dõi tình hình thi hành pháp luật",
            "Sở Tư pháp theo dõi tình hình thi hành pháp luật trong lĩnh vực được giao.",
            "Các sở, ban, ngành theo dõi tình hình thi hành pháp luật trong ngành.",
        ),
    ]
    result = diff_documents(build(old_articles), build([apply(a) for a in old_articles]))
    assert _facts(result, "deadline_changed") == [
        (
            "trước ngày 05 tháng 12",
            "trước ngày 18 tháng 12",
            "art_4__para_1__point_a",
            "art_4__para_1__point_a",
        )
    ]
    assert _facts(result, "citation_changed") == [
        (
            "Thông tư số 04/2021/TT-BTP",
            "Nghị định số 80/2025/NĐ-CP",
            "art_4__para_1__point_c",
            "art_4__para_1__point_c",
        )
    ]
    subs = [f for f in result.facts if f.type == "substitution"]
    assert [(f.old, f.new, f.count) for f in subs] == [
        ("theo dõi tình hình thi hành pháp luật", "tổ chức thi hành văn bản quy phạm pháp luật", 4)
    ]
    sub_index = result.facts.index(subs[0])
    marked = [o for p in result.pairs if p.level == "dieu" for o in p.ops if o.sub == sub_index]
    assert {o.op for o in marked} == {"delete", "insert"}
    assert result.hidden_subs == frozenset({sub_index})


@settings(derandomize=True, max_examples=40, deadline=None)
@given(
    st.permutations(range(len(ARTICLES))),
    st.sets(st.integers(0, len(ARTICLES) - 1), max_size=2),
    st.integers(0, len(ARTICLES) - 1),
)
def test_alignment_invariants(order: list[int], dropped: set[int], split: int) -> None:
    """Any reordering, dropping and splitting: each kept article is found again with its own text,
    every unit is in exactly one pair (a split source in one per part), statuses are from the vocabulary."""
    new_articles, truth = [], {}
    for k in order:
        if k in dropped:
            continue
        a = ARTICLES[k]
        if k == split and len(a.clauses) >= 2:
            new_articles += [spec(a.heading, a.clauses[0]), spec(a.heading, *a.clauses[1:])]
            continue
        new_articles.append(a)
        truth[f"art_{k + 1}"] = f"art_{len(new_articles)}"
    result = diff_documents(build(ARTICLES), build(new_articles), facts=False)
    arts = [p for p in result.pairs if p.level == "dieu"]
    assert {p.status for p in result.pairs} <= set(STATUSES)
    for old, new in truth.items():
        assert any(p.alignment.old == old and p.alignment.new == new and p.text == "same" for p in arts)
    news = [p.alignment.new for p in arts if p.alignment.new]
    assert sorted(news) == sorted(f"art_{j}" for j in range(1, len(new_articles) + 1))
    olds = [p.alignment.old for p in arts if p.alignment.old and p.status != "split"]
    assert len(olds) == len(set(olds))
    assert {p.alignment.old for p in arts if p.alignment.old} == {
        f"art_{k + 1}" for k in range(len(ARTICLES))
    }


def test_a_clause_moved_to_another_article_is_one_moved_pair() -> None:
    kinh_phi, to_chuc = ARTICLES[4], ARTICLES[5]
    new_articles = [
        *ARTICLES[:4],
        spec(kinh_phi.heading, kinh_phi.clauses[0]),
        spec(to_chuc.heading, *to_chuc.clauses, kinh_phi.clauses[1]),
    ]
    result = diff_documents(build(ARTICLES), build(new_articles))
    moved = [
        (p.alignment.old, p.alignment.new, p.status, p.text)
        for p in result.pairs
        if p.level == "khoan" and p.status not in ("unchanged",)
    ]
    assert moved == [("art_5__para_2", "art_6__para_3", "moved", "same")]
    from kb.diff.view import rows

    notes = {r.pair.alignment.new: r.note for r in rows(result)}
    assert "chuyển khoản 2 Điều 5 đến khoản 3" in notes["art_6"]


def test_line_break_inside_a_unit_text_keeps_words_apart() -> None:
    from kb.diff.ops import tokens_of_text

    shown = "".join(t.text for t in tokens_of_text("1. Sở Tư pháp\nCăn cứ kế hoạch"))
    assert shown == "1. Sở Tư pháp Căn cứ kế hoạch"
