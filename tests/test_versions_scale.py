"""`kb versions` at scale (issue 12): past `ALL_PAIRS_UP_TO` titles of one type, a title is compared only with
those sharing one of its rare words, so the cost is not the square of the KB. What it finds, comparing all
pairs finds too; pairs of close titles (versions of one text) it finds all, titles half alike it may miss."""

from __future__ import annotations

import random

import pytest

from kb.diff import versions
from kb.diff.versions import _title_key, _title_pairs

TITLES = [
    "Quy chế phối hợp theo dõi thi hành pháp luật trên địa bàn tỉnh Cao Bằng",
    "Quy chế phối hợp tổ chức thi hành văn bản quy phạm pháp luật trên địa bàn tỉnh Cao Bằng",
    "Kế hoạch theo dõi tình hình thi hành pháp luật năm 2025",
    "Kế hoạch theo dõi tình hình thi hành pháp luật năm 2026",
    "Kế hoạch thực hiện Chỉ thị số 06-CT/TU",
    "Quy định về quản lý nghĩa trang trên địa bàn thành phố",
    "Quy định về quản lý nghĩa trang và cơ sở hỏa táng trên địa bàn thành phố",
    "Nghị quyết về chính sách hỗ trợ doanh nghiệp nhỏ và vừa",
    "",
    "Thông báo kết luận của Chủ tịch",
]


def test_rare_words_find_the_close_pairs_all_pairs_find(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [_title_key(t) for t in TITLES]
    exact = sorted(_title_pairs(keys))
    monkeypatch.setattr(versions, "ALL_PAIRS_UP_TO", 0)
    blocked = sorted(_title_pairs(keys))
    assert set(blocked) <= set(exact)
    assert [(i, j) for i, j, t in blocked if t >= 0.75] == [(i, j) for i, j, t in exact if t >= 0.75] == [
        (0, 1), (2, 3), (5, 6)]


def test_thousands_of_titles_are_compared_by_rare_words() -> None:
    rng = random.Random(7)
    vocabulary = [f"tu{n}" for n in range(4000)]
    keys = [" ".join(rng.sample(vocabulary, 8)) for _ in range(3000)]
    keys += ["quy che phoi hop theo doi thi hanh phap luat cao bang",
             "quy che phoi hop to chuc thi hanh phap luat cao bang"]
    assert len(keys) > versions.ALL_PAIRS_UP_TO
    pairs = {(i, j) for i, j, _ in _title_pairs(keys)}
    assert (3000, 3001) in pairs
