"""The spaCy pipeline the duty reader runs on a paragraph: blank "xx" tokenizer (see
`kb.duties.actors.tokenizer_nlp` for why not "vi") + token keys + actor mentions + role verbs, and the
cheap token accessors the reader uses (spaCy builds a Token object on every `doc[i]`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache
from typing import NamedTuple

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kb.duties.actors import Registry, load_registry, tokenizer_nlp

# Role verbs (token keys, as `norm_token` gives them) in the order they are looked for.
ROLE_PATTERNS: dict[str, list[list[str]]] = {
    "chu_tri": [["chủ", "trì"]],
    "phoi_hop": [["phối", "hợp"]],
    "tham_muu": [["tham", "mưu"], ["giúp"]],
    "chi_dao": [["chỉ", "đạo"]],
    "bao_cao": [["báo", "cáo"]],
    "ban_hanh": [["ban", "hành"], ["quy", "định", "chi", "tiết"], ["quy", "định", "cụ", "thể"]],  # "Chính phủ quy định chi tiết Điều này"
    "thuc_hien": [["thực", "hiện"]],
}
if not Doc.has_extension("vbkb_registry"):
    Doc.set_extension("vbkb_registry", default=None)


@Language.component("vbkb_actors")
def _actors_component(doc: Doc) -> Doc:
    registry: Registry = doc._.vbkb_registry or load_registry()
    spans = []
    for m in registry.mentions(doc):
        span = doc.char_span(m.start, m.end, label="+".join(m.ids), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["actors"] = spans
    return doc


@cache
def _role_matcher() -> PhraseMatcher:
    nlp = tokenizer_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for role, patterns in ROLE_PATTERNS.items():
        matcher.add(role, [nlp(" ".join(p)) for p in patterns])
    return matcher


@Language.component("vbkb_roles")
def _roles_component(doc: Doc) -> Doc:
    matcher = _role_matcher()
    doc.spans["roles"] = [SpacySpan(doc, s, e, label=matcher.vocab.strings[m]) for m, s, e in matcher(doc)]
    return doc


@cache
def pipeline() -> Language:
    """Blank "xx" (see `kb.actors.tokenizer_nlp` for why not "vi") + token keys + actors + role verbs."""
    nlp = spacy.blank("xx", vocab=tokenizer_nlp().vocab)
    nlp.add_pipe("vbkb_norm")
    nlp.add_pipe("vbkb_actors")
    nlp.add_pipe("vbkb_roles")
    return nlp


class Mark(NamedTuple):
    """A marked token range (an actor mention or a role verb), cheaper to scan than spaCy spans."""

    start: int
    end: int
    label_: str
    text: str


def norm(doc: Doc, i: int) -> str:
    """Token I's key (as `norm_token` gives it), from a list made once per doc: spaCy builds a Token
    object on every `doc[i]`, which dominated the run time."""
    return doc.user_data["norms"][i]


def word(doc: Doc, i: int) -> str:
    return doc.user_data["words"][i]


def span_text(doc: Doc, a: int, b: int) -> str:
    """The text of tokens [a, b), cut from the analysed string (spaCy rebuilds it token by token)."""
    if b <= a:
        return ""
    idx, words = doc.user_data["idx"], doc.user_data["words"]
    return doc.user_data["text"][idx[a]: idx[b - 1] + len(words[b - 1])]


def token_range(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    """The tokens that overlap characters [a, b) (spaCy's char_span with alignment "expand")."""
    idx, words = doc.user_data["idx"], doc.user_data["words"]
    first = max(0, bisect_right(idx, a) - 1)
    if first < len(idx) and idx[first] + len(words[first]) <= a:
        first += 1
    last = bisect_left(idx, b)
    return (first, last) if first < last else None


def marks(doc: Doc, key: str) -> list[Mark]:
    cached = doc.user_data.get(key)
    if cached is None:
        cached = [Mark(s.start, s.end, s.label_, s.text) for s in sorted(doc.spans[key], key=lambda s: s.start)]
        doc.user_data[key] = cached
    return cached


def analyse(text: str, registry: Registry | None = None) -> Doc:
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc._.vbkb_registry = registry
    for _name, component in nlp.pipeline:
        doc = component(doc)
    doc.user_data["text"] = text
    doc.user_data["idx"] = doc.to_array(IDX).tolist() if len(doc) else []  # no Token objects built
    return doc
