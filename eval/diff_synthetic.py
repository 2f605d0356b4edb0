"""Synthetic versions of a regulation for testing and measuring the alignment (kb/diff.py).

`build` makes a `Document` from plain article specs; `edit` applies a seeded edit script to a document's
articles (delete, insert, move, split, reword, renumber) and returns the new document with the true
article alignment, so a test or the evaluation can check what the aligner recovers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from parsers.model import Document, Node, Span

_ZERO = Span(0, 0, 1)
_LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass(frozen=True)
class ArticleSpec:
    heading: str
    clauses: tuple[tuple[str, tuple[str, ...]], ...]  # (clause text, point texts)
    text: str = ""  # the article's own text when it has no clauses


def spec(heading: str, *clauses: str | tuple[str, tuple[str, ...]], text: str = "") -> ArticleSpec:
    return ArticleSpec(heading, tuple(c if isinstance(c, tuple) else (c, ()) for c in clauses), text)


def _letter(k: int) -> str:
    return _LETTERS[k] if k < len(_LETTERS) else f"{_LETTERS[k % len(_LETTERS)]}{k // len(_LETTERS)}"


def _article(num: int, a: ArticleSpec) -> Node:
    art = f"art_{num}"
    clauses = []
    for k, (text, points) in enumerate(a.clauses, 1):
        para = f"{art}__para_{k}"
        kids = tuple(
            Node("diem", _letter(p), None, t, f"{para}__point_{_letter(p)}", _ZERO)
            for p, t in enumerate(points)
        )
        clauses.append(Node("khoan", str(k), None, text, para, _ZERO, kids))
    return Node("dieu", str(num), a.heading, a.text, art, _ZERO, tuple(clauses))


def build(
    articles: list[ArticleSpec],
    chapters: list[tuple[str, int]] | None = None,
    doc_type: str = "Quy chế",
    title: str = "Quy chế thử",
) -> Document:
    """Articles numbered 1..n; `chapters` = [(heading, number of articles)] groups them."""
    arts = [_article(i, a) for i, a in enumerate(articles, 1)]
    nodes: tuple[Node, ...]
    if chapters:
        out, at = [], 0
        for c, (heading, count) in enumerate(chapters, 1):
            roman = _roman(c)
            out.append(
                Node("chuong", roman, heading, "", f"chp_{roman}", _ZERO, tuple(arts[at : at + count]))
            )
            at += count
        nodes = tuple(out) + tuple(arts[at:])
    else:
        nodes = tuple(arts)
    return Document(
        doc_type,
        None,
        title,
        "Ủy ban nhân dân tỉnh",
        None,
        None,
        None,
        None,
        (),
        (),
        None,
        (),
        (),
        nodes,
        "normative",
    )


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def specs_of(doc: Document) -> list[ArticleSpec]:
    """A parsed document's articles as specs (clause and point texts kept, headings kept)."""
    out = []
    for art in (n for n in doc.walk() if n.kind == "dieu"):
        clauses = tuple(
            (c.text, tuple(p.text for p in c.children)) for c in art.children if c.kind == "khoan"
        )
        out.append(ArticleSpec(art.heading or "", clauses, art.text))
    return out


_SYNONYMS = [
    ("thực hiện", "triển khai"),
    ("cơ quan", "đơn vị"),
    ("báo cáo", "văn bản báo cáo"),
    ("kịp thời", "đúng hạn"),
    ("theo quy định", "theo đúng quy định"),
    ("có trách nhiệm", "chịu trách nhiệm"),
    ("tổ chức", "tổ chức, chỉ đạo"),
]


def reword(text: str, rng: random.Random) -> str:
    """A drafter's light rewording: one synonym swap and one inserted phrase."""
    for a, b in rng.sample(_SYNONYMS, len(_SYNONYMS)):
        if a in text:
            text = text.replace(a, b, 1)
            break
    words = text.split()
    if len(words) > 4:
        at = rng.randrange(1, len(words))
        words.insert(at, "và các nội dung liên quan")
    return " ".join(words)


def rewrite(text: str, rng: random.Random, vocabulary: list[str], share: float = 0.35) -> str:
    """A heavy redraft: about `share` of the words replaced by words of another text."""
    words = text.split()
    if not vocabulary:
        return text
    for k in range(len(words)):
        if rng.random() < share:
            words[k] = rng.choice(vocabulary)
    return " ".join(words)


@dataclass(frozen=True)
class Truth:
    """The true article alignment: (old article number | None, new article number | None, status)."""

    pairs: tuple[tuple[int | None, int | None, str], ...]


def edit(
    articles: list[ArticleSpec],
    rng: random.Random,
    donors: list[ArticleSpec] | None = None,
    n_delete: int = 1,
    n_insert: int = 1,
    n_move: int = 1,
    n_split: int = 1,
    n_reword: int = 2,
    n_rewrite: int = 0,
) -> tuple[list[ArticleSpec], Truth]:
    """Apply an edit script; returns NEW articles (renumbered 1..n) and the truth in article numbers."""
    items: list[tuple[int | None, ArticleSpec, str]] = [(i + 1, a, "") for i, a in enumerate(articles)]
    splittable = [k for k, (_, a, _) in enumerate(items) if len(a.clauses) >= 2]
    for k in rng.sample(splittable, min(n_split, len(splittable))):
        old, a, _ = items[k]
        cut = len(a.clauses) // 2
        first = replace(a, clauses=a.clauses[:cut])
        second = ArticleSpec(a.heading, a.clauses[cut:])
        items[k : k + 1] = [(old, first, "split"), (old, second, "split")]
    plain = [k for k, it in enumerate(items) if it[2] == ""]
    for k in sorted(rng.sample(plain, min(n_delete, len(plain))), reverse=True):
        del items[k]
    for k in rng.sample([k for k, it in enumerate(items) if it[2] == ""], min(n_reword, len(items))):
        old, a, _ = items[k]
        clauses = tuple((reword(t, rng), pts) for t, pts in a.clauses) if a.clauses else a.clauses
        items[k] = (old, replace(a, clauses=clauses, text=reword(a.text, rng) if a.text else ""), "modified")
    vocabulary = [w for d in donors or [] for t, _ in d.clauses for w in t.split()]
    candidates = [k for k, it in enumerate(items) if it[2] == "" and it[1].clauses]
    for k in rng.sample(candidates, min(n_rewrite, len(candidates))):
        old, a, _ = items[k]
        clauses = tuple(
            (rewrite(t, rng, vocabulary), tuple(rewrite(p, rng, vocabulary) for p in pts))
            for t, pts in a.clauses
        )
        items[k] = (old, replace(a, clauses=clauses), "modified")
    for _ in range(n_move):
        plain = [k for k, it in enumerate(items) if it[2] in ("", "modified")]
        if len(plain) < 3:
            break
        k = rng.choice(plain)
        it = items.pop(k)
        dest = rng.choice([d for d in range(len(items) + 1) if abs(d - k) >= 2] or [0])
        items.insert(dest, (it[0], it[1], "moved"))
    for donor in rng.sample(donors or [], min(n_insert, len(donors or []))):
        items.insert(rng.randrange(len(items) + 1), (None, donor, "added"))
    new = [a for _, a, _ in items]
    truth: list[tuple[int | None, int | None, str]] = []
    for j, (old, _, status) in enumerate(items, 1):
        truth.append((old, j, status or ("unchanged" if old == j else "renumbered")))
    kept = {old for old, _, _ in items if old is not None}
    truth += [(i, None, "removed") for i in range(1, len(articles) + 1) if i not in kept]
    return new, Truth(tuple(truth))
