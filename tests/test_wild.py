"""Documents never seen while writing the parser: ../shared/corpus-wild (246 real Markdown files) and
../shared/formats (Nghị định 30/2020 as Markdown). Skipped cleanly when the folders are absent.

Every file parses without an exception, loses no word, builds a sound tree, and finds as many articles
as the document has, counted here independently: a line that (once Markdown's * # _ are dropped) starts
with "Điều <number>." — the number may sit on the next line, as converters often break it there.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from parse_invariants import lost_words, tree_problems

from parsers import parse_text
from parsers.model import ParseResult

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
WILD = SHARED / "corpus-wild"
FORMATS = SHARED / "formats"
FILES = sorted(p for p in WILD.glob("*.md") if p.name.lower() != "readme.md") if WILD.is_dir() else []
FORMAT_FILES = sorted(p for p in FORMATS.glob("*.md") if p.name.lower() != "readme.md") if FORMATS.is_dir() else []
ALL = FILES + FORMAT_FILES
ARTICLE = re.compile(r"^\s*Điều\s+\d+[a-zđ]?\s*[.:]", re.MULTILINE)

pytestmark = pytest.mark.skipif(not ALL, reason="../shared/corpus-wild and ../shared/formats are absent")


def article_headings(text: str) -> int:
    return len(ARTICLE.findall(re.sub(r"[*#_]", "", text)))


@functools.cache
def source(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


@functools.cache
def parsed(path: Path) -> ParseResult:
    return parse_text(source(path), source=path.name, fmt="md")


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_parses_whole_and_sound(path: Path) -> None:
    result = parsed(path)
    lost, extra = lost_words(source(path), result)
    assert not lost, f"lost words: {dict(list(lost.items())[:10])}"
    assert not extra, f"invented words: {dict(list(extra.items())[:10])}"
    assert tree_problems(result) == []


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_finds_every_article(path: Path) -> None:
    found = sum(1 for doc in parsed(path).documents for node in doc.walk() if node.kind == "dieu")
    assert found == article_headings(source(path))


@pytest.mark.parametrize(
    ("text", "count"),
    [("**Điều 1.** Ban hành", 1), ("**Điều\n1. Phạm vi điều chỉnh**", 1), ("### Điều 38. Trách nhiệm", 1),
     ("theo quy định tại\nĐiều 4 Nghị định số 42", 0), ("Điều 4,5 Nghị định", 0), ("“Điều 5. Sửa đổi", 0)],
)
def test_the_independent_counter(text: str, count: int) -> None:
    assert article_headings(text) == count


@pytest.mark.skipif(not FORMAT_FILES, reason="../shared/formats is absent")
def test_decree_30_2020() -> None:
    (doc,) = parsed(FORMATS / "nd-30-2020-nd-cp-cong-tac-van-thu.md").documents
    arts = [n for n in doc.walk() if n.kind == "dieu"]
    assert [a.num for a in arts] == [str(i) for i in range(1, 39)]
    assert arts[0].heading == "Phạm vi điều chỉnh" and arts[37].heading == "Trách nhiệm thi hành"
    assert [c.num for c in doc.nodes] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert doc.nodes[-1].heading == "ĐIỀU KHOẢN THI HÀNH"
    assert doc.doc_type == "Nghị định" and doc.number == "30/2020/NĐ-CP" and doc.date == "2020-03-05"
    assert doc.signer == "Nguyễn Xuân Phúc"


@pytest.mark.skipif(not FILES, reason="../shared/corpus-wild is absent")
def test_wild_headings_split_across_lines() -> None:
    """"**Chương\\nIII**" and "**Điều\\n1. Phạm vi điều chỉnh**" come out as whole labels."""
    docs = [d for p in FILES for d in parsed(p).documents]
    chapters = [n for d in docs for n in d.walk() if n.kind == "chuong"]
    assert chapters and all(re.fullmatch(r"[IVXLC]+|\d+", c.num) for c in chapters)
    assert sum(1 for c in chapters if c.heading) >= 0.9 * len(chapters)
    articles = [n for d in docs for n in d.walk() if n.kind == "dieu"]
    assert sum(1 for a in articles if a.heading == "Phạm vi điều chỉnh") >= 10
