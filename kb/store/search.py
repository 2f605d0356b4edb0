"""Full-text search over the KB: ranked clauses with their address and a snippet of the original text.

Node text is indexed folded (no case, no diacritics, đ → d: FTS5's own `remove_diacritics` never folds
đ), and queries are folded the same way, so "so tu phap" and "Sở Tư pháp" are one query. A user query is
never handed to FTS5 as syntax: it is cut into word tokens, each quoted, so quotes, `NĐ-CP`, `15/2020`,
`AND`/`NEAR(`/`*` are plain words. Document numbers are also looked up in `documents.number_key`.
"""

from __future__ import annotations

import functools
import html
import re
import string
import unicodedata
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
) -> list[SearchHit]:
    """Number hits, then clauses: those whose address is the query ("dieu 12"), those holding the exact
    phrase, then those holding every word, each group in bm25 order."""
    if len(query) > MAX_QUERY_CHARS:
        raise KbError(f"Truy vấn quá dài ({len(query)} ký tự, tối đa {MAX_QUERY_CHARS}).")
    limit = max(0, int(limit))
    hits = _number_hits(db, query, doc_id)[:limit]
    tokens = query_tokens(query)
    if not tokens or len(hits) >= limit:
        return hits
    rows: dict[int, dict[str, Any]] = {}
    groups = [lambda n: _address_rows(db, " ".join(tokens), doc_id, n),
              lambda n: _fts_rows(db, fts_query(tokens, phrase=True), doc_id, n)]
    if len(tokens) > 1:  # every word, each once: "1/ 1/ 1/" is one condition, not three
        groups.append(lambda n: _fts_rows(db, fts_query(list(dict.fromkeys(tokens)), phrase=False), doc_id, n))
    wanted = limit - len(hits)
    for group in groups:
        if len(rows) >= wanted:
            break
        for row in group(wanted + len(rows)):  # enough to fill up after dropping the ones already in
            if len(rows) < wanted:
                rows.setdefault(row["id"], row)
    return hits + [_node_hit(row, tokens) for row in rows.values()]


_HIT_COLUMNS = "n.id, n.doc_id, n.eid, n.address, n.heading, n.kind, n.text"


def _address_rows(db: sqlite_utils.Database, folded: str, doc_id: str | None, limit: int) -> list[dict]:
    """Nodes whose address is the query (an indexed lookup)."""
    sql = (f"SELECT {_HIT_COLUMNS}, 0.0 AS score FROM nodes n WHERE n.address_fold = ? "
           + ("AND n.doc_id = ? " if doc_id is not None else "") + "ORDER BY n.doc_id, n.ord LIMIT ?")
    return list(db.query(sql, [folded] + ([doc_id] if doc_id is not None else []) + [limit]))


def _fts_rows(db: sqlite_utils.Database, expression: str, doc_id: str | None, limit: int) -> list[dict]:
    """The best `limit` matching nodes by bm25, ranked inside FTS5 before the join."""
    weights = ", ".join(str(w) for w in _WEIGHTS)
    only_doc = "AND rowid IN (SELECT id FROM nodes WHERE doc_id = ?) " if doc_id is not None else ""
    sql = (
        f"SELECT {_HIT_COLUMNS}, f.score FROM (SELECT rowid, bm25(nodes_fts, {weights}) AS score "
        f"FROM nodes_fts WHERE nodes_fts MATCH ? {only_doc}ORDER BY score LIMIT ?) f "
        "JOIN nodes n ON n.id = f.rowid ORDER BY f.score"
    )
    return list(db.query(sql, [expression] + ([doc_id] if doc_id is not None else []) + [limit]))


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


def _node_hit(row: dict[str, Any], tokens: list[str]) -> SearchHit:
    text = row["text"] if (row["text"] or "").strip() else row["heading"] or ""
    snippet, marks = highlight(text, tokens)
    return SearchHit(
        doc_id=row["doc_id"], eid=row["eid"], address=row["address"], heading=row["heading"],
        kind=row["kind"], snippet=snippet, marks=marks, score=float(row["score"]),
    )


def highlight(
    text: str, tokens: list[str], width: int = _SNIPPET_CHARS,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the ORIGINAL text around the first match, and the matched words' offsets in it.

    Words are compared folded, so "so tu phap" marks "Sở Tư pháp" as printed. Where the query's words
    occur together as a phrase only those occurrences are marked, else every query word.
    """
    words = _folded_words(text)
    spans = _phrase_spans(words, tokens) or [(a, b) for a, b, w in words if w in set(tokens)]
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
