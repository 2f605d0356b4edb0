"""Who bears duties: the actor registry (corpus/actors.json), finding actors in text, resolving what
people type ("xã", "so tu phap", "sở ban ngành", with typos) to canonical actors.

Matching in documents is on `match_key` of each token (case and tone placement ignored, diacritics kept:
"xa" and "xã" are different words in a legal text); queries are matched on `fold` (no diacritics),
then fuzzily with rapidfuzz. A document can extend the registry with its own definitions
("... (sau đây gọi chung là các sở, ban, ngành)"), see `with_definitions`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from kb.errors import KbError
from kb.model import Actor
from parsers.normalise import fold, match_key

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DATA = Path(__file__).resolve().parents[2] / "corpus" / "actors.json"
LEVELS = ("trung_uong", "tinh", "huyen", "xa")
# What people type for a whole level: "xã" reaches every xã-level actor.
_LEVEL_QUERIES = {
    "xa": "xa", "cap xa": "xa", "phuong": "xa", "thi tran": "xa", "xa phuong": "xa", "xa phuong thi tran": "xa",
    "huyen": "huyen", "cap huyen": "huyen", "quan": "huyen", "huyen thanh pho": "huyen",
    "tinh": "tinh", "cap tinh": "tinh", "trung uong": "trung_uong", "cap trung uong": "trung_uong",
}
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
_NON_WORD = re.compile(r"[^\w]+")
# Words a defined term starts with when it names a body (not a document or a notion).
_ORG_START = re.compile(
    r"^(?:các\s+)?(?:ủy ban|uỷ ban|ubnd|hđnd|hội đồng|sở|ban|phòng|văn phòng|cơ quan|đơn vị|trung tâm|đoàn|hội|tổ|"
    r"bộ|viện|tòa|thanh tra|công an|chủ tịch|giám đốc|thủ trưởng|người đứng đầu|ủy ban nhân dân|cấp)\b",
    re.IGNORECASE,
)
_DEFINITION = re.compile(
    r"\(\s*(?:sau|dưới)\s+đây\s+(?:được\s+)?(?:gọi|viết)\s*(?:chung|tắt|gọn)?\s*(?:là|:)\s*[\"“'‘]?([^()\"”’]{2,80}?)[\"”'’]?\s*\)",
    re.IGNORECASE,
)


@lru_cache(maxsize=200_000)
def norm_token(text: str) -> str:
    """The per-token key both patterns and documents are matched on."""
    return match_key(text).translate(_DASHES)


@dataclass(frozen=True)
class Mention:
    """An actor named in a text: which actors (a group phrase names several) and where."""

    ids: tuple[str, ...]
    start: int  # character offsets in the text given to `find`
    end: int
    text: str


# Per vocabulary: a token's ORTH id -> (text, key, the key's id, is punctuation), filled as words are met.
_LEXICON: dict[int, tuple[Any, dict[int, tuple[str, str, int, bool]]]] = {}
_LEXICON_MAX = 1_000_000


def _lexicon_entry(vocab: Any, lexicon: dict[int, tuple[str, str, int, bool]], orth: int) -> tuple[str, str, int, bool]:
    text = vocab.strings[orth]
    key = norm_token(text)
    entry = (text, key, vocab.strings.add(key), bool(vocab[orth].is_punct))
    if len(lexicon) >= _LEXICON_MAX:
        lexicon.clear()
    lexicon[orth] = entry
    return entry


def _norm_component(doc: Doc) -> Doc:
    """Set each token's NORM (what the matchers compare) and keep plain lists of the keys, words and
    punctuation flags in `doc.user_data`. Building spaCy Token objects is the costly part, so no token is
    built: the ORTH ids are read in one array, each word is looked up once per process, and the NORMs are
    written back in one array (the same values as `token.norm_ = norm_token(token.text)`)."""
    import numpy
    from spacy.attrs import NORM, ORTH

    vocab = doc.vocab
    held = _LEXICON.get(id(vocab))
    if held is None or held[0] is not vocab:
        held = _LEXICON[id(vocab)] = (vocab, {})
    lexicon = held[1]
    orths = doc.to_array(ORTH).tolist()
    entries = list(map(lexicon.get, orths))
    if None in entries:
        entries = [e or _lexicon_entry(vocab, lexicon, orth) for e, orth in zip(entries, orths)]
    if not entries:
        doc.user_data.update(norms=[], words=[], punct=[])
        return doc
    words, norms, ids, punct = zip(*entries)
    doc.from_array([NORM], numpy.array(ids, dtype=numpy.uint64).reshape(-1, 1))
    doc.user_data.update(norms=list(norms), words=list(words), punct=list(punct))
    return doc


@cache
def tokenizer_nlp() -> Language:
    """A blank multi-language pipeline: spaCy's Vietnamese tokenizer needs pyvi (not a dependency) and
    without it splits on spaces only ("trì," stays one token); the "xx" tokenizer splits punctuation.

    spaCy is imported here, not at module level: resolving what someone typed (`kb duties`) needs no
    tokenizer, and importing spaCy costs seconds."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("vbkb_norm"):
        Language.component("vbkb_norm", func=_norm_component)
    nlp = spacy.blank("xx")
    nlp.add_pipe("vbkb_norm")
    return nlp


@dataclass
class Registry:
    actors: dict[str, Actor]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # match_key(phrase) -> ids
    _matcher: Any = None  # spaCy PhraseMatcher, built on first use
    _query: tuple[list[str], list[tuple[str, ...]]] | None = None
    _extended: dict[tuple[tuple[str, tuple[str, ...]], ...], Registry] = field(default_factory=dict)
    local: str = "ubnd_cap_xa"  # who "địa phương" is as a bearer (see `addressing`)
    city: bool = False  # a centrally-run city's text: "thành phố" in a name is the province
    _levels: dict[str, tuple[str, ...] | None] = field(default_factory=dict)
    _addressed: dict[tuple[str, bool], Registry] = field(default_factory=dict)

    def _phrase_matcher(self) -> Any:
        if self._matcher is not None:
            return self._matcher
        from spacy.matcher import PhraseMatcher

        nlp = tokenizer_nlp()
        matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        phrases: dict[str, tuple[str, ...]] = {}
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                for form in _comma_forms(name) if actor.kind == "nhom" else (name,):
                    phrases.setdefault(norm_token(form), (actor.id,))
        for key, ids in self.groups.items():
            phrases[norm_token(key)] = ids
        for key, ids in sorted(phrases.items()):
            matcher.add("+".join(ids), [nlp(key)])
        self._matcher = matcher
        return matcher

    def get(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KbError(f"unknown actor id: {actor_id}") from None

    def find(self, doc: Doc | str) -> list[Mention]:
        """The names this list knows in a text or an already tokenised doc, longest match first, no overlaps."""
        if isinstance(doc, str):
            doc = tokenizer_nlp()(doc)
        return [_mention(doc, s, e, ids) for s, e, ids in self._known(doc)]

    def _known(self, doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        matcher = self._phrase_matcher()
        kept = filter_spans([Span(doc, s, e, label=m) for m, s, e in matcher(doc)])
        return [(span.start, span.end, tuple(span.label_.split("+"))) for span in sorted(kept, key=lambda s: s.start)]

    def mentions(self, doc: Doc | str, every: bool = False) -> list[Mention]:
        """Actor mentions in a text: the names this list knows, joined with the bodies the grammar
        recognises by their form (`kb.duties.grammar`: its span decides the boundaries, the list the
        identity). A body the list lacks is an actor of its own (`dynamic_actor`), named only where a
        bearer stands (`grammar.bearer_places`; EVERY: a task table's lead or co-ordinator cell, every
        body); a catch-all "... (có) liên quan" is `co_quan_lien_quan`, "địa phương" the local
        authorities the document addresses (`addressing`)."""
        from kb.duties import grammar

        if isinstance(doc, str):
            doc = tokenizer_nlp()(doc)
        norms, words = doc.user_data["norms"], doc.user_data["words"]
        named = grammar.join(norms, words, self._with_members(doc, self._known(doc)))
        places = grammar.bearer_places(norms, words, named, every)
        out: list[Mention] = []
        for m, place in zip(named, places):
            if not place:
                continue
            ids = (self._chair(doc, m) or m.ids) if m.ids else self._unknown(doc, m)
            if ids:
                out.append(_mention(doc, m.start, m.end, ids))
        return out

    def _with_members(self, doc: Doc, known: list[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int, tuple[str, ...]]]:
        """KNOWN with each group followed by its members ("Các Bộ, cơ quan: Tài chính, Xây dựng") as one
        span naming every member (`groups.member_lists`), over the names inside it."""
        if ":" not in doc.text:
            return known
        from kb.duties.groups import member_lists

        groups = []
        for start, end, ids in member_lists(doc.text, self):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                groups.append((span.start, span.end, ids))
        if not groups:
            return known
        kept = [k for k in known if not any(k[0] < e and s < k[1] for s, e, _ in groups)]
        return sorted(kept + groups)

    def _chair(self, doc: Doc, m: Any) -> tuple[str, ...] | None:
        """A chair is an actor of its own: "Chủ tịch Ủy ban nhân dân các xã, phường" is the chair of the body the
        list knows after the title ("Chủ tịch Ủy ban nhân dân cấp xã") when the list knows that chair."""
        body = m.body
        norms = doc.user_data["norms"]
        if body is None or not body.title or norms[body.head:body.head + 2] not in (["chủ", "tịch"], ["phó", "chủ"]):
            return None
        name = "Chủ tịch " + " ".join(self.actors[i].name for i in m.ids if i in self.actors)
        if name not in self._levels:
            found = self.find(name)
            self._levels[name] = found[0].ids if len(found) == 1 and found[0].end - found[0].start == len(name) else None
        return self._levels[name]

    def _unknown(self, doc: Doc, m: Any) -> tuple[str, ...]:

        from kb.duties import grammar

        body = m.body
        norms, words = doc.user_data["norms"], doc.user_data["words"]
        if all(w.isupper() for w in words[m.start:m.end] if len(w) > 1 and w.isalpha()) and norms[body.head] not in {
                "ubnd", "hđnd", "ubmttq"}:
            return ()  # "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI": a header or a title in capitals, not a bearer
        if body.kind == "local" or (body.kind == "related" and norms[body.head] == "địa"):
            return (self.local,)  # "các địa phương (liên quan)": the local authorities addressed
        if body.kind == "related" and "co_quan_lien_quan" in self.actors:
            return ("co_quan_lien_quan",)  # "các đơn vị liên quan", "tổ chức, cá nhân có liên quan"
        leveled = self._by_level(doc, m.start, m.end, body.head)
        if leveled:
            return leveled
        start = grammar.past_titles(norms, body.head, _UNDER_BODY)  # "Thủ trưởng các đơn vị trực thuộc": the body
        start = m.start if start == body.head or start >= m.end else start
        actor = dynamic_actor(doc[start:m.end].text)
        return (actor.id,) if actor and actor.id else ()

    def _by_level(self, doc: Doc, start: int, end: int, head: int) -> tuple[str, ...] | None:
        """The known actor a name is when its place words only say its level in another way than the list
        ("Ủy ban nhân dân các phường, xã, đặc khu" is "Ủy ban nhân dân cấp xã"; in a centrally-run city's
        text "Thanh tra thành phố" is "Thanh tra tỉnh"), else None."""
        from kb.duties import grammar

        norms, words = doc.user_data["norms"], doc.user_data["words"]
        k = head
        while k < end and norms[k] not in grammar.PLACE_WORDS:
            k += 1
        if k == head or k == end or not all(norms[i] in grammar.PLACE_WORDS or norms[i] in {",", "và"} or words[i][:1].isupper()
                                            for i in range(k, end)):
            return None
        place = fold(" ".join(words[k:end]))
        level = "tinh" if self.city and re.search(r"\bthanh pho\b", place) and not re.search(r"\b(?:xa|phuong)\b", place) \
            else _guess_level(place)
        form = {"xa": "cấp xã", "huyen": "cấp huyện", "tinh": "tỉnh"}.get(level)
        if form is None:
            return None
        name = f"{doc[head:k].text} {form}"
        if [norms[i] for i in range(head, k)] in (["ủy", "ban", "nhân"], ["uỷ", "ban", "nhân"]):
            name = f"Ủy ban nhân dân {form}"  # "Ủy ban nhân các xã, phường": "dân" dropped by a typo
        if name not in self._levels:
            found = self.find(name)
            self._levels[name] = found[0].ids if len(found) == 1 and found[0].start == 0 and found[0].end == len(name) else None
        return self._levels[name]

    def addressing(self, local: str, city: bool = False) -> Registry:
        """This registry where "địa phương" as a bearer means LOCAL (an actor id: the UBND of the level
        the document addresses) and, in a centrally-run city's text (CITY), "thành phố" is the province."""
        if local == self.local and city == self.city:
            return self
        key = (local, city)
        if key not in self._addressed:
            self._addressed[key] = replace(self, local=local, city=city, _extended={}, _levels={}, _addressed={})
        return self._addressed[key]

    def with_definitions(self, text: str) -> Registry:
        """This registry extended by the definitions a document makes; itself when it makes none."""
        extra = find_definitions(text, self)
        if not extra:
            return self
        key = tuple((term, ids) for term, ids, _ in extra)
        if key in self._extended:  # many documents make the same definitions: reuse their matcher
            return self._extended[key]
        actors = dict(self.actors)
        groups = dict(self.groups)
        for term, ids, new_actor in extra:
            if new_actor is not None:
                actors[new_actor.id] = new_actor
            else:
                groups[match_key(term)] = ids
        extended = Registry(actors, groups)
        if len(self._extended) < 256:
            self._extended[key] = extended
        return extended


def _mention(doc: Doc, start: int, end: int, ids: tuple[str, ...]) -> Mention:
    span = doc[start:end]
    return Mention(ids, span.start_char, span.end_char, span.text)


# Titles whose duties are their body's ("Thủ trưởng các đơn vị trực thuộc" is "Đơn vị trực thuộc"); a chair and
# "người đứng đầu" are actors of their own.
_UNDER_BODY: frozenset[tuple[str, ...]] = frozenset(tuple(h.split()) for h in (
    "giám đốc", "phó giám đốc", "thủ trưởng", "lãnh đạo", "chánh", "tổng giám đốc", "cục trưởng", "chi cục trưởng",
    "tổng cục trưởng", "vụ trưởng", "viện trưởng", "hiệu trưởng"))  # "Chánh Văn phòng Bộ" is Văn phòng Bộ
_PLURAL = re.compile(r"^(?:tất\s+cả\s+)?(?:các|những)\s+", re.IGNORECASE)


def _comma_forms(name: str) -> list[str]:
    """A group's name with and without its plural "các" and each of its first three commas ("các sở, ban,
    ngành" is also written "sở, ban ngành", "các sở ban ngành"; "các bộ, ngành" "các bộ ngành")."""
    bare = _PLURAL.sub("", name)
    if bare != name:  # "các cơ quan Trung ương trên địa bàn tỉnh" is also written without its "các"
        return _comma_forms(bare) + [name[:len(name) - len(bare)] + form for form in _comma_forms(bare)]
    parts = name.split(",")
    if len(parts) == 1 or len(parts) > 4:
        return [name]
    forms = [parts[0]]
    for part in parts[1:]:
        forms = [f + sep + part for f in forms for sep in (",", "")]
    return [re.sub(r"\s+", " ", f).strip() for f in forms]


def canonical_name(printed: str) -> str:
    """A body's name as the document prints it: NFC, spaces single, no leading plural "các", a capital first."""
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFC", printed)).strip(" ,;:.")
    name = _PLURAL.sub("", name)
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=65_536)
def dynamic_actor(printed: str) -> Actor:
    """The actor a body the list lacks is: its canonical name (`canonical_name`), an id made of its folded
    name ("Ban Quản lý khu kinh tế tỉnh" → "ban_quan_ly_khu_kinh_te_tinh"), the level its words say, a
    person ("nguoi") when a title or a person heads it."""
    from kb.duties import grammar

    name = canonical_name(printed)
    slug = _NON_WORD.sub("_", fold(name)).strip("_")
    words = tuple(norm_token(w) for w in name.split()[:3])
    person = any(words[:k] in grammar.PERSON_HEADS for k in (1, 2, 3))
    return Actor(slug, name, _guess_level(name), "nguoi" if person else "co_quan", ())


@cache
def _generic_slugs() -> tuple[str, ...]:
    from kb.duties import grammar

    return tuple(_NON_WORD.sub("_", fold(" ".join(h))) for h in grammar.GENERIC_HEADS)


def generic_body(actor_id: str, registry: Registry) -> bool:
    """Whether ACTOR_ID is a body the list lacks named by a generic head ("Đơn vị cung cấp dịch vụ ...")."""
    return actor_id not in registry.actors and actor_id.startswith(_generic_slugs())


def _actor(raw: dict) -> Actor:
    return Actor(raw["id"], raw["name"], raw.get("level", ""), raw.get("kind", "co_quan"), tuple(raw.get("aliases", ())))


@cache
def load_registry(path: str | None = None) -> Registry:
    """The shared registry (read once per process)."""
    src = Path(path) if path else DATA
    try:
        data = json.loads(src.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KbError(f"cannot read actor registry {src}: {exc}") from None
    actors = {a.id: a for a in (_actor(raw) for raw in data["actors"])}
    groups = {match_key(g["phrase"]): tuple(g["members"]) for g in data.get("groups", ())}
    for ids in groups.values():
        missing = [i for i in ids if i not in actors]
        if missing:
            raise KbError(f"actor registry group names unknown actors: {', '.join(missing)}")
    return Registry(actors, groups)


# Words of a name that say its level, looked for in this order (folded; "xã hội", "hợp tác xã" are not a xã).
_LEVEL_WORDS = (
    (re.compile(r"(?<!thi )\b(?:xa|phuong|dac khu|thi tran)\b"), "xa"),
    (re.compile(r"\b(?:huyen|thi xa)\b"), "huyen"),
    (re.compile(r"\b(?:cap tinh|tinh|thanh pho truc thuoc trung uong)\b"), "tinh"),
    (re.compile(r"\b(?:trung uong|chinh phu|quoc gia|viet nam|quoc hoi)\b|^(?:bo (?!phan|doi|chi huy)|tong cuc |cuc )"), "trung_uong"),
    (re.compile(r"^so "), "tinh"),
)
_NOT_LEVEL = re.compile(r"\b(?:xa hoi|hop tac xa|thi xa hoi)\b")


def _guess_level(term: str) -> str:
    """The level a body's name says by its words ("... cấp xã", "... tỉnh", "Bộ ...", "Sở ..."), else ""."""
    key = _NOT_LEVEL.sub(" ", _NON_WORD.sub(" ", fold(term)).strip())
    for pattern, level in _LEVEL_WORDS:
        if pattern.search(key):
            return level
    return ""


def find_definitions(text: str, registry: Registry) -> list[tuple[str, tuple[str, ...], Actor | None]]:
    """(term, actor ids, new actor or None) for each "(sau đây gọi chung/viết tắt là TERM)" naming a body.

    A term the registry already knows adds nothing. An unknown term becomes an alias of the actor(s)
    named just before the parenthesis, or, when none is, an actor of the document's own.
    """
    out: list[tuple[str, tuple[str, ...], Actor | None]] = []
    for m in _DEFINITION.finditer(text):
        term = m.group(1).strip(" .,;:")
        if not _ORG_START.match(term):
            continue
        members = _listed_before(text, m.start(), registry)
        if len(members) >= 2:
            # "các sở, ban, ngành, Ủy ban MTTQ tỉnh, ... (sau đây viết tắt là cơ quan, đơn vị)": in this
            # document the term is the group of the bodies listed, whatever it means elsewhere.
            bare = re.sub(r"^các\s+", "", term, flags=re.IGNORECASE)
            out.extend((t, members, None) for t in dict.fromkeys((bare, f"các {bare}")))
            continue
        if registry.find(term) and registry.find(term)[0].text == term:
            continue
        before = text[max(0, m.start() - 200): m.start()]
        mentions = [x for x in registry.find(before) if len(before) - x.end <= 3]
        if mentions:
            out.append((term, mentions[-1].ids, None))
        else:
            slug = _NON_WORD.sub("_", fold(term)).strip("_")
            out.append((term, (slug,), Actor(slug, term, _guess_level(term), "co_quan", ())))
    return out


# Between two bodies of a list: joiners and the words of names the registry lacks, not a verb or a case word
# that would make the earlier body a subject or an object ("UBND tỉnh giao Sở Tư pháp, Sở Nội vụ (...)").
_NOT_IN_LIST = re.compile(r"\b(?:giao|yêu\s+cầu|đề\s+nghị|chủ\s+trì|phối\s+hợp|với|của|cho|thực\s+hiện|triển\s+khai)\b|[.;:()]",
                          re.IGNORECASE)
_LIST_GAP_WORDS = 10


def _listed_before(text: str, at: int, registry: Registry) -> tuple[str, ...]:
    """The bodies of the list that ends at AT (a definition's parenthesis), last first no more than a few
    unknown words away from it, each no more than a few words from the next."""
    before = text[max(0, at - 400): at]
    mentions = registry.find(before)
    members: list[str] = []
    end = len(before)
    for x in reversed(mentions):
        gap = before[x.end:end]
        if len(re.findall(r"\w+", gap)) > _LIST_GAP_WORDS or _NOT_IN_LIST.search(gap):
            break
        members[:0] = [i for i in x.ids if i not in members]
        end = x.start
    return tuple(members)


def _query_key(text: str) -> str:
    return _NON_WORD.sub(" ", fold(text)).strip()


def _query_index(registry: Registry) -> tuple[list[str], list[tuple[str, ...]]]:
    keys: dict[str, tuple[str, ...]] = {}
    for actor in registry.actors.values():
        for name in (actor.name, *actor.aliases, actor.id.replace("_", " ")):
            k = _query_key(name)
            keys.setdefault(k, (actor.id,))
            if k.startswith("cac "):
                keys.setdefault(k[4:], (actor.id,))
    for phrase, ids in registry.groups.items():
        keys.setdefault(_query_key(phrase), ids)
    items = sorted(keys.items())
    return [k for k, _ in items], [ids for _, ids in items]


def resolve_actor_query(text: str, registry: Registry | None = None) -> list[Actor]:
    """The actors someone means by TEXT: a level word ("xã") gives every actor of that level; an alias
    (with or without accents, "các" optional) gives its actor(s); else the closest aliases (rapidfuzz)."""
    registry = registry or load_registry()
    q = _query_key(text)
    if not q:
        raise KbError("empty actor query")
    level = _LEVEL_QUERIES.get(q)
    if level:
        return sorted((a for a in registry.actors.values() if a.level == level), key=_level_order)
    if registry._query is None:
        registry._query = _query_index(registry)
    keys, ids = registry._query
    for candidate in (q, q[4:] if q.startswith("cac ") else None):
        if candidate and candidate in keys:
            return [registry.actors[i] for i in ids[keys.index(candidate)]]
    hits = process.extract(q, keys, scorer=fuzz.WRatio, score_cutoff=86, limit=12)
    if not hits:
        return []
    best = hits[0][1]
    found: list[str] = []
    for _key, score, index in hits:
        if score >= best - 2:
            found.extend(i for i in ids[index] if i not in found)
    return [registry.actors[i] for i in found]


def query_terms(text: str, registry: Registry | None = None) -> tuple[str | None, str, bool]:
    """How a typed query reaches actors the list lacks (recognised by their form, stored per document): the
    level it names ("xã" → "xa") or None, the slug their ids are made of ("Ban quan ly khu kinh te" →
    "ban_quan_ly_khu_kinh_te"), and whether the list knows the query exactly (an alias, accents aside)."""
    registry = registry or load_registry()
    q = _query_key(text)
    if registry._query is None:
        registry._query = _query_index(registry)
    keys = registry._query[0]
    exact = bool(q) and (q in keys or (q.startswith("cac ") and q[4:] in keys))
    slug = _NON_WORD.sub("_", re.sub(r"^(?:tat ca )?cac ", "", q)).strip("_")
    return _LEVEL_QUERIES.get(q), slug, exact


def matching_actors(text: str, actors: Iterable[Actor], registry: Registry | None = None) -> list[Actor]:
    """The actors of ACTORS the list lacks that TEXT reaches: those of the level it names, or whose folded id
    holds the query's words ("hoi nong dan" → "Hội Nông dân tỉnh"), without accents like the list's."""
    registry = registry or load_registry()
    level, slug, _exact = query_terms(text, registry)
    out = [a for a in actors if a.id not in registry.actors and (a.level == level if level else bool(slug) and slug in a.id)]
    return sorted({a.id: a for a in out}.values(), key=_level_order)


def _level_order(actor: Actor) -> tuple[int, str]:
    return ({"co_quan": 0, "nguoi": 1, "don_vi": 2, "nhom": 3}.get(actor.kind, 4), actor.name)


def actor_dict(actor: Actor) -> dict[str, object]:
    return {"id": actor.id, "name": actor.name, "level": actor.level, "kind": actor.kind, "aliases": list(actor.aliases)}


def ids_of(mentions: Iterable[Mention]) -> list[str]:
    out: list[str] = []
    for m in mentions:
        out.extend(i for i in m.ids if i not in out)
    return out


def document_text(doc: object) -> str:
    """A document's preamble, headings and texts, one unit after another (what its registry reads)."""
    return "\n".join([doc.preamble, *(f"{n.heading or ''}\n{n.text}" for n in doc.walk())])  # type: ignore[attr-defined]


# Issuers whose documents address the nation: "địa phương" there is the province.
_CENTRAL_ISSUER = re.compile(r"^(?:chinh phu|thu tuong|van phong chinh phu|quoc hoi|uy ban thuong vu quoc hoi|bo |"
                             r"ban chap hanh trung uong|bo chinh tri|ban bi thu|toa an nhan dan toi cao|"
                             r"vien kiem sat nhan dan toi cao|kiem toan nha nuoc|ngan hang nha nuoc)")


def local_authority(doc: object) -> str:
    """Who "địa phương" is as a bearer in DOC: the provinces in a text the Government, a ministry or the
    National Assembly issues, else the communes and wards (since 2025, the local level a province addresses)."""
    issuer = fold(getattr(doc, "issuer", None) or "").strip()
    return "ubnd_tinh" if _CENTRAL_ISSUER.match(issuer) else "ubnd_cap_xa"


_CITY_ISSUER = re.compile(r"\bthanh pho (?:ha noi|ho chi minh|hai phong|da nang|can tho|hue)\b")


def document_registry(doc: object, text: str | None = None) -> Registry:
    """The registry a document is read with: the shared one, its own definitions, its local authority, and
    whether "thành phố" is its province (a text of Hà Nội, Hồ Chí Minh, Hải Phòng, Đà Nẵng, Cần Thơ, Huế)."""
    city = bool(_CITY_ISSUER.search(fold(getattr(doc, "issuer", None) or "")))
    registry = load_registry().with_definitions(document_text(doc) if text is None else text)
    return registry.addressing(local_authority(doc), city)
