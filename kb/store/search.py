"""Full-text search over the KB: ranked clauses with their address and a snippet of the original text.

Node text is indexed folded (no case, no diacritics, đ → d: FTS5's own `remove_diacritics` never folds
đ), and queries are folded the same way, so "so tu phap" and "Sở Tư pháp" are one query. A user query is
never handed to FTS5 as syntax: it is cut into word tokens, each quoted, so quotes, `NĐ-CP`, `15/2020`,
`AND`/`NEAR(`/`*` are plain words. Document numbers are also looked up in `documents.number_key`.

Abbreviations are read both ways (`ABBREVIATIONS`): "UBND cap xa bao cao" finds what "Ủy ban nhân dân cấp
xã báo cáo" finds, "Sở KH&CN" what "Sở Khoa học và Công nghệ" finds; each such unit of the query is one
condition with its forms as alternatives (FTS5 `OR` of quoted phrases), so the index still does the work.
`Filters` (loại, cơ quan, năm, tình trạng) keep the documents asked for; `find` also counts every match
("50 đầu tiên trong 213 kết quả") with the index's own count.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from kb.errors import KbError
from kb.numbers import number_key
from parsers.normalise import fold

_WORD = re.compile(r"\w+")
# FTS5's unicode61 tokenizer keeps letters and digits only: "_" separates words there too.
_TOKEN = re.compile(r"[^\W_]+")
# A word of decomposed text keeps its combining marks ("pha" + U+0301 + "p" is one word).
_DECOMPOSED_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_SNIPPET_CHARS = 240
# A query longer than this is no search a person types: refused before any work or cache sees it.
MAX_QUERY_CHARS = 300
# What may separate two matched words that are marked as one: spaces, or the "/" "-" "." inside a number.
_JOINER = re.compile(r"\s*|[/.\-]")
# bm25 weights of the indexed columns: address, heading, text (a hit in the address or heading counts more).
_WEIGHTS = (4.0, 2.0, 1.0)


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    eid: str | None  # None for a hit on a document's number
    address: str  # "Điều 12 khoản 1", "II.2.1"; "Quyết định 03/2022/QĐ-UBND" for a number hit
    heading: str | None
    kind: str  # node kind, or "document"
    snippet: str  # original text (diacritics kept), cut around the first match
    marks: tuple[tuple[int, int], ...]  # [start, end) of each matched word in `snippet`
    score: float  # lower is better (bm25)

    def marked(self, open_mark: str = "«", close_mark: str = "»") -> str:
        """The snippet with matched words between markers: plain text for a terminal."""
        return _wrap(self.snippet, self.marks, open_mark, close_mark, lambda s: s)

    def html(self) -> str:
        """The snippet escaped for HTML, matched words in <mark>."""
        return _wrap(self.snippet, self.marks, "<mark>", "</mark>", html.escape)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "eid": self.eid, "address": self.address, "heading": self.heading,
            "kind": self.kind, "snippet": self.snippet, "marked": self.marked(),
            "marks": [list(m) for m in self.marks], "score": round(self.score, 4),
        }


def _wrap(text: str, marks: tuple[tuple[int, int], ...], open_mark: str, close_mark: str, esc: Any) -> str:
    out, pos = [], 0
    for start, end in marks:
        out += [esc(text[pos:start]), open_mark, esc(text[start:end]), close_mark]
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


# Forms of one name, folded (as the index holds them: "KH&CN" is the two words "kh cn"): each line is
# one group, any form of which finds the others.
ABBREVIATIONS: tuple[tuple[str, ...], ...] = (
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttq", "mat tran to quoc"),
    ("bch", "ban chap hanh"),
    ("bcd", "ban chi dao"),
    ("btv", "ban thuong vu"),
    ("tp", "thanh pho"),
    ("kh cn", "khcn", "khoa hoc va cong nghe"),
    ("nn mt", "nnmt", "nong nghiep va moi truong"),
    ("nn ptnt", "nnptnt", "nong nghiep va phat trien nong thon"),
    ("tt tt", "tttt", "thong tin va truyen thong"),
    ("ld tb xh", "ldtbxh", "lao dong thuong binh va xa hoi"),
    ("gd dt", "gddt", "giao duc va dao tao"),
    ("tn mt", "tnmt", "tai nguyen va moi truong"),
    ("vh tt dl", "vhttdl", "van hoa the thao va du lich"),
    ("vbqppl", "van ban quy pham phap luat"),
    ("qppl", "quy pham phap luat"),
    ("ttg", "thu tuong chinh phu"),
    ("xhcn", "xa hoi chu nghia"),
    ("cchc", "cai cach hanh chinh"),
    ("tthc", "thu tuc hanh chinh"),
    ("pbgdpl", "pho bien giao duc phap luat"),
)
_MAX_PHRASES = 16  # phrase variants of one query (the product of its units' forms), at most
_LONG_QUERY_UNITS = 6  # past this many units a query's phrase is tried as typed and written out only


@functools.cache
def _forms() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each form as a token tuple → every form of its group (the typed one first)."""
    out: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in ABBREVIATIONS:
        forms = [tuple(f.split()) for f in group]
        for f in forms:
            out[f] = (f, *(g for g in forms if g != f))
    return out


@functools.cache
def _longest_form() -> int:
    return max(len(f) for f in _forms())


def query_units(tokens: list[str]) -> list[tuple[tuple[str, ...], ...]]:
    """The query as units, each the tuple of its forms (a form: a tuple of tokens): a plain word is one
    form of one token; "ubnd" or "uy ban nhan dan" is (("ubnd",), ("uy", "ban", "nhan", "dan"))."""
    forms = _forms()
    units: list[tuple[tuple[str, ...], ...]] = []
    i = 0
    while i < len(tokens):
        for k in range(min(_longest_form(), len(tokens) - i), 0, -1):
            found = forms.get(tuple(tokens[i:i + k]))
            if found:
                units.append(found)
                i += k
                break
        else:
            units.append(((tokens[i],),))
            i += 1
    return units


def _quoted(words: tuple[str, ...] | list[str]) -> str:
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def all_words_query(units: list[tuple[tuple[str, ...], ...]]) -> str:
    """Every unit (each once), a unit any of its forms: ("ubnd" OR "uy ban nhan dan") AND "cap" AND ..."""
    parts = []
    for unit in dict.fromkeys(units):
        parts.append(_quoted(unit[0]) if len(unit) == 1 else "(" + " OR ".join(_quoted(f) for f in unit) + ")")
    return " AND ".join(parts)


def phrase_variants(units: list[tuple[tuple[str, ...], ...]]) -> list[list[str]]:
    """The query as phrases, each unit in one of its forms: as typed first, then all long and all short
    forms, then other mixes, at most _MAX_PHRASES."""
    typed = [unit[0] for unit in units]
    longest = [max(unit, key=len) for unit in units]
    shortest = [min(unit, key=len) for unit in units]
    mixes = itertools.islice(itertools.product(*units), _MAX_PHRASES) if len(units) <= _LONG_QUERY_UNITS else ()
    variants = [typed, longest, shortest, *mixes]
    flat = [[w for form in v for w in form] for v in variants]
    return [list(v) for v in dict.fromkeys(tuple(v) for v in flat)][:_MAX_PHRASES]


def phrase_query(units: list[tuple[tuple[str, ...], ...]]) -> str:
    return " OR ".join(_quoted(v) for v in phrase_variants(units))


@dataclass(frozen=True)
class Filters:
    """What documents a search keeps: loại (document types, as stored: "Quyết định"), cơ quan (an issuer as
    typed: "UBND tỉnh Cao Bằng" finds "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"), năm (the year of issue), tình trạng
    (validity codes of kb.validity: "con_hieu_luc", "du_thao" ...)."""

    types: tuple[str, ...] = ()
    issuer: str | None = None
    year: int | None = None
    statuses: tuple[str, ...] = ()
    exact_issuer: bool = False  # the issuer as chosen from a list (exactly it), not typed (any issuer holding it)

    def __bool__(self) -> bool:
        return bool(self.types or (self.issuer or "").strip() or self.year or self.statuses)


def issuer_key(text: str | None) -> str:
    """An issuer folded with its abbreviations written out: "UBND tỉnh Cao Bằng" → "uy ban nhan dan tinh cao bang"."""
    units = query_units(query_tokens(text or ""))
    return " ".join(w for unit in units for w in max(unit, key=len))


def allowed_documents(db: sqlite_utils.Database, filters: Filters,
                      statuses: Mapping[str, str] | None = None) -> list[str]:
    """The doc ids FILTERS keeps (one pass over `documents`, not over the clauses); STATUSES (doc_id →
    validity code) when the caller has them, else they are computed."""
    issuer = issuer_key(filters.issuer) if (filters.issuer or "").strip() else ""
    where, params = [], []
    if filters.types:
        where.append(f"type IN ({', '.join('?' * len(filters.types))})")
        params += list(filters.types)
    if filters.year:
        where.append("substr(date, 1, 4) = ?")
        params.append(f"{int(filters.year):04d}")
    sql = "SELECT doc_id, issuer FROM documents" + (" WHERE " + " AND ".join(where) if where else "")
    out = [row[0] for row in db.execute(sql, params) if not issuer or (
        issuer == issuer_key(row[1]) if filters.exact_issuer else issuer in issuer_key(row[1]))]
    if filters.statuses and statuses is None and out:
        from kb.validity import stored_statuses

        # the statuses of the documents the other filters kept, not of the whole KB
        statuses = {d: s.code for d, s in stored_statuses(db, only=out).items()}
    return [d for d in out if not filters.statuses or (statuses or {}).get(d) in filters.statuses]


@dataclass(frozen=True)
class Found:
    hits: list[SearchHit]
    total: int  # every match, of which `hits` are the best

    def summary(self) -> str:
        """ "50 đầu tiên trong 213 kết quả", "12 kết quả", "Không có kết quả nào"."""
        if not self.total:
            return "Không có kết quả nào"
        if len(self.hits) < self.total:
            return f"{len(self.hits)} đầu tiên trong {self.total} kết quả"
        return f"{self.total} kết quả"


def query_tokens(query: str) -> list[str]:
    """The folded word tokens of a user query, in order, as FTS5's tokenizer would cut them."""
    return _TOKEN.findall(fold(query))


def fts_query(tokens: list[str], phrase: bool) -> str:
    """An FTS5 MATCH expression made only of quoted tokens: one phrase, or all tokens (AND)."""
    quoted = ['"' + t.replace('"', '""') + '"' for t in tokens]
    if phrase:
        return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
    return " ".join(quoted)


def search(
    db: sqlite_utils.Database, query: str, limit: int = 20, doc_id: str | None = None,
    filters: Filters | None = None, statuses: Mapping[str, str] | None = None,
) -> list[SearchHit]:
    """Number hits, then clauses: those whose address is the query ("dieu 12"), those holding the exact
    phrase (any form of its abbreviations), then those holding every word, each group in bm25 order."""
    return find(db, query, limit, doc_id, filters, statuses, count=False).hits


def find(
    db: sqlite_utils.Database, query: str, limit: int = 20, doc_id: str | None = None,
    filters: Filters | None = None, statuses: Mapping[str, str] | None = None, count: bool = True,
) -> Found:
    """`search`, with the number of all matches (`count`); FILTERS keep some documents only."""
    if len(query) > MAX_QUERY_CHARS:
        raise KbError(f"Truy vấn quá dài ({len(query)} ký tự, tối đa {MAX_QUERY_CHARS}).")
    limit = max(0, int(limit))
    only = _Only(doc_id, allowed_documents(db, filters, statuses) if filters else None)
    if only.nothing:
        return Found([], 0)
    numbers = [h for h in _number_hits(db, query, doc_id) if only.keeps(h.doc_id)]
    hits = numbers[:limit]
    tokens = query_tokens(query)
    if not tokens:
        return Found(hits, len(numbers))
    units = query_units(tokens)
    every = all_words_query(units)
    total = len(numbers) + (_fts_count(db, every, only) if count else 0)
    if len(hits) >= limit:
        return Found(hits, max(total, len(hits)))
    rows: dict[int, dict[str, Any]] = {}
    groups = [lambda n: _address_rows(db, " ".join(tokens), only, n),
              lambda n: _fts_rows(db, phrase_query(units), only, n)]
    if len(units) > 1:  # every word, each once: "1/ 1/ 1/" is one condition, not three
        groups.append(lambda n: _fts_rows(db, every, only, n))
    wanted = limit - len(hits)
    for group in groups:
        if len(rows) >= wanted:
            break
        for row in group(wanted + len(rows)):  # enough to fill up after dropping the ones already in
            if len(rows) < wanted:
                rows.setdefault(row["id"], row)
    variants = phrase_variants(units)
    found = hits + [_node_hit(row, tokens, variants, units) for row in rows.values()]
    return Found(found, max(total, len(found)) if count else len(found))


@dataclass
class _Only:
    """The documents a search is kept to: one (`doc_id`), a list (the filters'), or all."""

    doc_id: str | None
    docs: list[str] | None

    @property
    def nothing(self) -> bool:
        return self.docs is not None and (not self.docs or (self.doc_id is not None and self.doc_id not in self.docs))

    def keeps(self, doc_id: str) -> bool:
        return (self.doc_id is None or doc_id == self.doc_id) and (self.docs is None or doc_id in self._set)

    @functools.cached_property
    def _set(self) -> frozenset[str]:
        return frozenset(self.docs or ())

    def nodes_sql(self, column: str) -> tuple[str, list[Any]]:
        """A condition on a node id column (in an FTS query: the rowid) and its parameters."""
        sql, params = "", []
        if self.doc_id is not None:
            sql += f"AND {column} IN (SELECT id FROM nodes WHERE doc_id = ?) "
            params.append(self.doc_id)
        if self.docs is not None:
            # Per match, its node's document (a primary-key lookup): the cost follows the matches, not the KB.
            sql += f"AND (SELECT doc_id FROM nodes WHERE id = {column}) IN (SELECT value FROM json_each(?)) "
            params.append(json.dumps(self.docs, ensure_ascii=False))
        return sql, params


def _fts_count(db: sqlite_utils.Database, expression: str, only: _Only) -> int:
    extra, params = only.nodes_sql("nodes_fts.rowid")
    sql = f"SELECT count(*) FROM nodes_fts WHERE nodes_fts MATCH ? {extra}"
    return int(db.execute(sql, [expression, *params]).fetchone()[0])


_HIT_COLUMNS = "n.id, n.doc_id, n.eid, n.address, n.heading, n.kind, n.text"


def _address_rows(db: sqlite_utils.Database, folded: str, only: _Only, limit: int) -> list[dict]:
    """Nodes whose address is the query (an indexed lookup)."""
    extra, params = only.nodes_sql("n.id")
    sql = f"SELECT {_HIT_COLUMNS}, 0.0 AS score FROM nodes n WHERE n.address_fold = ? {extra}ORDER BY n.doc_id, n.ord LIMIT ?"
    return list(db.query(sql, [folded, *params, limit]))


def _fts_rows(db: sqlite_utils.Database, expression: str, only: _Only, limit: int) -> list[dict]:
    """The best `limit` matching nodes by bm25, ranked inside FTS5 before the join."""
    weights = ", ".join(str(w) for w in _WEIGHTS)
    extra, params = only.nodes_sql("nodes_fts.rowid")
    sql = (
        f"SELECT {_HIT_COLUMNS}, f.score FROM (SELECT rowid, bm25(nodes_fts, {weights}) AS score "
        f"FROM nodes_fts WHERE nodes_fts MATCH ? {extra}ORDER BY score LIMIT ?) f "
        "JOIN nodes n ON n.id = f.rowid ORDER BY f.score"
    )
    return list(db.query(sql, [expression, *params, limit]))


def _number_hits(db: sqlite_utils.Database, query: str, doc_id: str | None) -> list[SearchHit]:
    """Documents whose number equals, or contains, the query typed as a number ("15/2020", "NĐ-CP")."""
    key = number_key(query)
    # No stored number holds a NUL, and FTS5 would read one as the end of the query string.
    if len(key) < 3 or not re.search(r"\d|[/-]", key) or "\0" in key:
        return []
    # Keys holding the query are found in the trigram index (`number_grams`), not by scanning every number.
    sql = (
        "SELECT doc_id, type, number, title, number_key = ? AS exact FROM documents WHERE doc_id IN "
        "(SELECT doc_id FROM number_grams WHERE number_grams MATCH ?)"
        + (" AND doc_id = ?" if doc_id is not None else "")
        + " ORDER BY exact DESC, date DESC, doc_id LIMIT 20"
    )
    phrase = '"' + key.replace('"', '""') + '"'
    params: list[Any] = [key, phrase] + ([doc_id] if doc_id is not None else [])
    hits = []
    for row in db.query(sql, params):
        address = f"{row['type'] or ''} {row['number']}".strip()
        snippet = row["title"] or ""
        hits.append(SearchHit(
            doc_id=row["doc_id"], eid=None, address=address, heading=row["title"], kind="document",
            snippet=snippet, marks=(), score=0.0 if row["exact"] else 1.0,
        ))
    return hits


def _node_hit(row: dict[str, Any], tokens: list[str], variants: list[list[str]] | None = None,
              units: list[tuple[tuple[str, ...], ...]] | None = None) -> SearchHit:
    text = row["text"] if (row["text"] or "").strip() else row["heading"] or ""
    snippet, marks = highlight(text, tokens, variants=variants, units=units)
    return SearchHit(
        doc_id=row["doc_id"], eid=row["eid"], address=row["address"], heading=row["heading"],
        kind=row["kind"], snippet=snippet, marks=marks, score=float(row["score"]),
    )


def highlight(
    text: str, tokens: list[str], width: int = _SNIPPET_CHARS, variants: list[list[str]] | None = None,
    units: list[tuple[tuple[str, ...], ...]] | None = None,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the ORIGINAL text around the first match, and the matched words' offsets in it.

    Words are compared folded, so "so tu phap" marks "Sở Tư pháp" as printed. Where the query's words
    occur together as a phrase (in any of its VARIANTS: abbreviations written out or not) only those
    occurrences are marked, else each unit of the query (a word, or any form of an abbreviation: UNITS).
    """
    words = _folded_words(text)
    spans = sorted({span for v in variants or [tokens] for span in _spans_of(words, v)})
    if not spans:
        forms = [form for unit in units or [((t,),) for t in tokens] for form in unit]
        spans = sorted({span for form in forms for span in _spans_of(words, list(form))})
    start, end = _window(text, spans, width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    marks = _merge([(a + shift, b + shift) for a, b in spans if a >= start and b <= end], prefix + text[start:end])
    return prefix + text[start:end] + suffix, marks


def _fold_table() -> dict[int, str]:
    """Each precomposed Latin letter → its bare lower-case letter (đ → d): one character for one."""
    table = {ord(c): c.lower() for c in string.ascii_uppercase}
    for cp in range(0xC0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base != chr(cp) and base.isascii() and base.isalpha():
            table[cp] = base.lower()
    table.update({ord("đ"): "d", ord("Đ"): "d"})
    return table


_FOLD_TABLE = _fold_table()


def _folded_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of each word of `text`, offsets in `text` itself."""
    if unicodedata.is_normalized("NFC", text):
        # One character folds to one: the folded text's offsets are the original's (fast for long texts).
        folded = text.translate(_FOLD_TABLE)
        return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(folded)]
    return [(m.start(), m.end(), _fold_word(m.group(0))) for m in _DECOMPOSED_WORD.finditer(text)]


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)


def _spans_of(words: list[tuple[int, int, str]], tokens: list[str]) -> list[tuple[int, int]]:
    """Where TOKENS occur in WORDS: as a phrase, or one word."""
    if len(tokens) > 1:
        return _phrase_spans(words, tokens)
    return [(a, b) for a, b, w in words if tokens and w == tokens[0]]


def _phrase_spans(words: list[tuple[int, int, str]], tokens: list[str]) -> list[tuple[int, int]]:
    n = len(tokens)
    if n < 2:
        return []
    spans: list[tuple[int, int]] = []
    for i, (_, _, word) in enumerate(words[: len(words) - n + 1]):
        if word == tokens[0] and all(words[i + k][2] == tokens[k] for k in range(1, n)):
            spans += [(a, b) for a, b, _ in words[i:i + n]]
    return sorted(set(spans))


def _merge(spans: list[tuple[int, int]], text: str) -> tuple[tuple[int, int], ...]:
    """Adjacent matched words form one mark: «Sở Tư pháp», «15/2020», not «Sở» «Tư» «pháp»."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _JOINER.fullmatch(text[merged[-1][1]:start]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start > 0:  # begin on a word boundary
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return start, end
