"""Citations: find them in text, resolve them, and turn a parsed document into `Reference`s.

Three stages, eyecite-style:
- find (`find_citations`): every mention of a document (type + number, a bare number whose code names
  a document kind, a law by name, a short form "Nghị định nêu trên", an abbreviation defined in the
  text), every pinpoint chain ("điểm c khoản 1 Điều 5"), glued together where a pinpoint belongs to the
  document that follows it; each with its relation type, read from the words before it.
- resolve (`resolve`): numbers normalised for identity, names resolved through the catalog by the
  citing document's date, short forms to their antecedent in the same article, "này" to the citing
  clause's own article or clause.
- expand (`find_references`): one `Reference` per target provision, spans mapped into `result.text`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from kb.citations import patterns as P
from kb.citations.catalog import Catalog, load_catalog, name_key
from kb.model import Reference
from kb.numbers import canonical_number, number_key, type_of_number
from parsers.model import Document, Node, ParseResult, Span
from parsers.normalise import match_key, normalise

Pin = tuple[tuple[str, str], ...]  # (unit, value) outermost first: (("art", "5"), ("para", "1"))


@dataclass(frozen=True)
class Citation:
    """One citation found in a text; offsets are into that text."""

    kind: str  # "number", "name", "short", "alias", "internal"
    start: int
    end: int
    text: str
    relation: str = "dan_chieu"
    doc_type: str | None = None
    printed_number: str | None = None
    number: str | None = None  # canonical: spaces removed, NĐ/QĐ restored, upper case
    name: str | None = None  # a law's name, or the short form's type
    date: str | None = None  # ISO date, or a year when only "năm 2015" is printed
    issuer: str | None = None
    pins: tuple[Pin, ...] = ()
    which: str | None = None  # a short form's pointer: "nêu trên", "này" ...
    loose: bool = False  # a pinpoint with no document that may belong to the next one (see `resolve`)
    task: bool = False  # "thuc_hien" read from a task inside a sentence, not from its opening words
    subject: bool = False  # "thuc_hien" read from "tình hình / kết quả / việc thực hiện": a subject, not a task
    foreign: bool = False  # a replacing, amending or guiding someone else is to do ("tham mưu ... thay thế ...")
    next_anchor: int | None = None  # index of that next document citation in the same sentence


@dataclass(frozen=True)
class _Anchor:
    """A document mention before pinpoints are glued to it."""

    kind: str  # "number", "name", "short", "self", "alias"
    start: int
    end: int  # end of the whole citation, date and issuer included
    core_end: int  # end of type + number (or name)
    doc_type: str | None = None
    printed_number: str | None = None
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    which: str | None = None  # for short forms: "nêu trên", "này" ...
    target: tuple[str | None, str | None] | None = None  # (number, name) an alias stands for


# --- numbers ---------------------------------------------------------------------------------------
# Codes as they are conventionally printed: Đ for the Latin D people type, "TTg" (Thủ tướng), "TTr" (Tờ trình).
def _one_line(text: str) -> str:
    return normalise(re.sub(r"\s+", " ", text))


# --- dates -----------------------------------------------------------------------------------------
def _iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
        if g.get(y):
            day, month = int(g[d]), int(g[mo])
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{g[y]}-{month:02d}-{day:02d}"
            return g[y]
    return g.get("y3")


def _tail_info(tail: str) -> tuple[str | None, str | None]:
    m = P.TAIL_RE.match(tail)
    if not m:
        return None, None
    date = _iso(m) if any(m.group(k) for k in ("y1", "y2", "y3")) else None
    issuer = _one_line(m.group("issuer")) if m.group("issuer") else None
    return date, issuer


def _type_name(printed: str) -> str:
    """'Nghị\\nđịnh' → 'Nghị định', first letter upper."""
    t = _one_line(printed)
    return t[:1].upper() + t[1:].lower()


# --- finding ---------------------------------------------------------------------------------------
_HEADER_NUMBER = re.compile(r"(?im)(?:^|\n)[ \t*#|]*số\s*(?:hiệu\s*)?[:.]?\s*$")


# Text every match of a pattern holds, looked for first (most node texts cite nothing): a number's
# "80/", "06-"; "Luật", "luật", "lệnh" of a law's kind; "Hiến"; a short form's "trên", "này", "nêu"; a unit word.
_MAY_NUMBER = re.compile(r"\d[ \t]*[/\-–]")
_MAY_LAW = re.compile("uật|lệnh")
_MAY_SHORT = re.compile("trên|này|nêu")
_MAY_PINPOINT = re.compile("điều|khoản|điểm|mục|chương|mẫu|phụ", re.IGNORECASE)


def _number_anchors(text: str) -> list[_Anchor]:
    found: list[_Anchor] = []
    if not _MAY_NUMBER.search(text):
        return found
    for m in P.DOC_CITATION.finditer(text):
        types = re.findall(P.DOC_TYPE, m.group("type"))
        date, issuer = _tail_info(m.group("tail"))
        found.append(_Anchor(
            "number", m.start("citation"), m.end(), m.end("number"), doc_type=_type_name(types[0]),
            printed_number=_one_line(m.group("number")),
            name=_one_line(m.group("name")) if m.group("name") else None, date=date, issuer=issuer,
        ))
    kindless: list[re.Match[str]] = []
    for m in P.BARE_CITATION.finditer(text):
        number = canonical_number(m.group("number"))
        if _HEADER_NUMBER.search(text[max(0, m.start() - 40):m.start()]):
            continue  # the document's own "Số: 03/2022/QĐ-UBND"
        # the code after the sequence number: "/2025/NĐ-CP", and "-CT/TW" of a Party text ("41-CT/TW")
        if not P.BARE_CODE_KIND.search(re.sub(r"^[\d.,]+", "", number)):
            kindless.append(m)
            continue
        found.append(_bare_anchor(m, type_of_number(number)))
    return found + _listed_after(text, found, kindless)


def _bare_anchor(m: re.Match[str], doc_type: str | None) -> _Anchor:
    date, issuer = _tail_info(m.group("tail"))
    return _Anchor("number", m.start(), m.end(), m.end("number"), doc_type=doc_type,
                   printed_number=_one_line(m.group("number")), date=date, issuer=issuer)


def _listed_after(text: str, found: list[_Anchor], kindless: list[re.Match[str]]) -> list[_Anchor]:
    """'các văn bản số: 10894/VPCP-CN ngày 8/11/2025, 8563/VPCP-CN ...': a number whose code names no kind
    is a document when it continues a list of documents, and is of the kind of the one before it."""
    anchors = sorted(found, key=lambda a: a.start)
    added: list[_Anchor] = []
    for m in kindless:
        before = [a for a in anchors + added if a.end <= m.start()]
        prev = max(before, key=lambda a: a.end, default=None)
        if prev is not None and P.LIST_CONTINUES.fullmatch(text[prev.end:m.start()]):
            added.append(_bare_anchor(m, prev.doc_type))
    return added


def _name_anchors(text: str) -> list[_Anchor]:
    found = []
    for m in P.NAMED_LAW.finditer(text) if _MAY_LAW.search(text) else ():
        name = m.group("lawname")
        if P.NOT_A_LAW_NAME.match(name) or _inside_proper_noun(text, m.start()):
            continue
        date, issuer = _tail_info(m.group("tail"))
        end = m.end()
        bare_year = None if date else _BARE_YEAR.match(text, m.end("law"))
        if bare_year:  # "Luật Năng lượng nguyên tử 2025"
            date, end = bare_year.group(1), max(end, bare_year.end())
        law = _one_line(m.group("law"))
        found.append(_Anchor("name", m.start(), end, m.end("law"), doc_type=_type_name(m.group("kind")),
                             name=law, date=date, issuer=issuer))
    for m in P.CONSTITUTION.finditer(text) if "Hiến" in text else ():
        date, _ = _tail_info(m.group("tail"))
        if not date and P.CONSTITUTION_AS_KIND.match(text, m.end("law")):
            continue
        found.append(_Anchor("name", m.start(), m.end(), m.end("law"), doc_type="Hiến pháp", name="Hiến pháp",
                             date=date))
    return found


_BARE_YEAR = re.compile(r"\s+((?:19|20)\d{2})(?![\d/])")
_WORDS_BEFORE = re.compile(r"(\S+)\s+(\S+)\s+$")


def _inside_proper_noun(text: str, pos: int) -> bool:
    """'Luật' after a capitalised word mid-sentence is part of a name: "Hội Luật gia", "cộng đồng Dân Luật"."""
    m = _WORDS_BEFORE.search(text, max(0, pos - 60), pos)
    if not m:
        return False
    before, word = m.group(1), m.group(2)
    return word[:1].isupper() and word[:1].isalpha() and not re.search(r"[.:;!?)]$|^[-+•*]$", before)


def _short_anchors(text: str) -> list[_Anchor]:
    found = []
    for m in P.SHORT_FORM.finditer(text) if _MAY_SHORT.search(text) else ():
        which = _one_line(m.group("which"))
        found.append(_Anchor("short", m.start(), m.end(), m.end(), doc_type=_type_name(m.group("type")), which=which))
    return found


_NAME_THEN_NUMBER = re.compile(r"\s+(?:số\s*:?\s*)?$")


def _merge_name_and_number(text: str, anchors: list[_Anchor]) -> list[_Anchor]:
    """'Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14': a law's name and its number are one citation."""
    names = [a for a in anchors if a.kind == "name"]
    numbers = [a for a in anchors if a.kind == "number"]
    merged, used = [], set()
    for a in names:
        b = next((b for b in numbers if a.core_end <= b.start <= a.core_end + 12 and id(b) not in used
                  and _NAME_THEN_NUMBER.fullmatch(text, a.core_end, b.start)), None)
        if b is None:
            merged.append(a)
            continue
        used.add(id(b))
        merged.append(replace(b, start=a.start, doc_type=a.doc_type, name=a.name))
    return merged + [b for b in numbers if id(b) not in used] + [a for a in anchors if a.kind not in ("name", "number")]


def _drop_overlaps(anchors: list[_Anchor]) -> list[_Anchor]:
    """Keep the earliest, then longest, of overlapping mentions; numbered ones win ties."""
    rank = {"number": 0, "alias": 1, "name": 2, "short": 3}
    ordered = sorted(anchors, key=lambda a: (a.start, -(a.end - a.start), rank[a.kind]))
    kept: list[_Anchor] = []
    for a in ordered:
        if kept and a.start < kept[-1].end:
            continue
        kept.append(a)
    return kept


def _aliases(text: str, anchors: list[_Anchor]) -> tuple[list[_Anchor], list[tuple[int, int]], dict[str, _Anchor]]:
    """Abbreviations defined after a citation ("(sau đây viết tắt là Nghị định số 59/2012/NĐ-CP)"): the
    definition is consumed, the alias remembered for the document that owns it. The owner is the
    citation whose number the alias repeats, else the first citation since the previous definition or
    semicolon (a title may cite other documents between the owner and its definition)."""
    defined: dict[str, _Anchor] = {}
    consumed: list[tuple[int, int]] = []
    boundary = 0
    for m in P.ALIAS.finditer(text):
        alias = _one_line(m.group("alias"))
        before = [a for a in anchors if boundary <= a.start and a.end <= m.start() and a.kind in ("number", "name")]
        before = [a for a in before if ";" not in text[a.end:m.start()]]
        if not before or not _looks_like_document(alias, text[before[-1].end:m.start()]):
            continue
        key = _number_in(alias)
        owner = next((a for a in before if key and a.printed_number and number_key(a.printed_number) == key),
                     before[0])
        consumed.append((m.start(), m.end()))
        defined[alias] = owner
        boundary = m.end()
    kept = [a for a in anchors if not any(s <= a.start < e for s, e in consumed)]
    return kept, consumed, defined


def _looks_like_document(alias: str, gap: str) -> bool:
    """'Nghị định số 59/2012/NĐ-CP', 'Luật BHVBQPPL', '59/2012/NĐ-CP' name a document; 'các sở, ban,
    ngành' does not (unless it follows the citation directly)."""
    return bool(re.match(rf"(?:{P.DOC_TYPE})\b", alias) or P.NUMBER_RE.search(alias) or not re.search(r"\w", gap))


def _number_in(alias: str) -> str | None:
    m = P.NUMBER_RE.search(alias)
    return number_key(m.group("number")) if m else None


def _alias_uses(text: str, defined: dict[str, _Anchor], taken: list[tuple[int, int]]) -> list[_Anchor]:
    found = []
    for alias, target in defined.items():
        if len(alias) < 3:
            continue
        words = r"\s+".join(re.escape(w) for w in alias.split())
        for m in re.finditer(rf"(?<![\w]){words}(?![\w/])", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found.append(replace(target, kind="alias", start=m.start(), end=m.end(), core_end=m.end(),
                                 target=(_anchor_number(target), target.name)))
    return found


def _anchor_number(a: _Anchor) -> str | None:
    if a.target:
        return a.target[0]
    return canonical_number(a.printed_number) if a.printed_number else None


# --- pinpoints -------------------------------------------------------------------------------------
_UNIT_OF = {"điểm": "point", "khoản": "para", "điều": "art", "chương": "chp", "mục": "sec"}


def _unit_values(chain: str) -> list[str]:
    """'khoản 3, 4, 5' → ['3','4','5']; 'khoản 1 đến khoản 3' → ['1','2','3']."""
    body = re.sub(r"^\S+\s+", "", chain.strip())
    values: list[str] = []
    pending_range = False
    for m in P.UNIT_VALUE.finditer(body):
        if m.group("range"):
            pending_range = True
            continue
        value = m.group("value")
        if value.casefold() in _UNIT_OF:
            continue
        if pending_range and values and values[-1].isdigit() and value.isdigit():
            values.extend(str(n) for n in range(int(values[-1]) + 1, int(value) + 1))
        else:
            values.append(value)
        pending_range = False
    return values


def _pins(m: re.Match[str]) -> tuple[Pin, ...]:
    """Every target provision a pinpoint chain names, outermost unit first."""
    g = m.groupdict()
    if g["annexes"] is not None:
        body = re.sub(r"(?i:phụ\s+lục)(?:\s+(?i:số))?", " ", _one_line(g["annexes"]))
        annexes = re.findall(r"(?<![\w])(?:[IVXLC]{1,6}|\d{1,3}|[A-Z])(?![\w])", body) or [""]
        bases: list[Pin] = [(("annex", a),) for a in annexes]
        if g["forms"]:
            return tuple(b + (("form", f),) for b in bases[:1] for f in P.FORM_VALUE.findall(g["forms"]))
        return tuple(bases)
    if g.get("annex_titled"):
        return ((("annex", ""),),)
    if g.get("attached_forms"):
        return tuple((("annex", ""), ("form", f)) for f in P.FORM_VALUE.findall(g["attached_forms"]))
    if g.get("plansec"):
        return (_plan_pin(g["plansec"], g.get("planitem")),)
    levels: list[tuple[str, list[str]]] = []
    for key, unit in (("chapters", "chp"), ("sections", "sec"), ("articles", "art"), ("clauses", "para"),
                      ("clauses2", "para"), ("points", "point"), ("points2", "point"), ("points3", "point")):
        if g.get(key):
            levels.append((unit, _unit_values(g[key])))
    # "khoản 1 Điều 3 và Điều 5", "điểm b khoản 2 và khoản 3 Điều này": the inner unit is printed before the
    # first of a list and is that one's; the others are cited whole
    extra: list[Pin] = []
    for i, (unit, values) in enumerate(levels[:-1]):
        inner_units = {u for u, _ in levels[i + 1:]}
        if len(values) > 1 and inner_units & {"para", "point"}:
            outer = tuple((u, v[0]) for u, v in levels[:i])
            extra += [outer + ((unit, v),) for v in values[1:]]
            levels[i] = (unit, values[:1])
    pins: list[Pin] = [()]
    for unit, values in levels:
        pins = [p + ((unit, v),) for p in pins for v in values]
    return tuple(pins) + tuple(extra)


def _plan_pin(section: str, item: str | None) -> Pin:
    """'Mục III' → sec_III; 'điểm 1 Mục III' → sec_III__item_1; 'Mục 1.3' → the sub-item numbered 1.3."""
    value = section.split()[-1]
    if "." in value:
        return (("subitem", value),)
    return (("sec", value),) + ((("item", item.split()[-1]),) if item else ())


def _inherit_outer(pins: tuple[Pin, ...], following: tuple[Pin, ...]) -> tuple[Pin, ...]:
    """'điểm c, d khoản 3, điểm b khoản 4 Điều 5': the first chain's clauses are Điều 5's too."""
    outer = {p[0] for p in following if p and p[0][0] in ("art", "annex")}
    if len(outer) != 1:
        return pins
    head = next(iter(outer))
    return tuple(p if (p and p[0][0] in ("art", "annex", "chp", "sec")) else (head, *p) for p in pins)


def _complete_coordinated(text: str, chains: list[tuple[int, int, tuple[Pin, ...]]]) -> list[tuple[int, int, tuple[Pin, ...]]]:
    """'điểm c khoản 2 và điểm d khoản 3 Điều 14': a chain without its article takes the next one's."""
    out = list(chains)
    for i in range(len(out) - 2, -1, -1):
        s, e, pins = out[i]
        if P.COORDINATOR.match(text[e:out[i + 1][0]]):
            out[i] = (s, e, _inherit_outer(pins, out[i + 1][2]))
    return out


def _pinpoints(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, tuple[Pin, ...]]]:
    found = []
    for m in P.PINPOINT.finditer(text) if _MAY_PINPOINT.search(text) else ():
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        pins = _pins(m)
        if pins and pins != ((),):
            found.append((m.start(), m.end(), pins))
    return found


# --- relations -------------------------------------------------------------------------------------
def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in P.SENTENCE_BREAK.finditer(text, 0, pos):
        start = m.end()
    return start


def _trigger(lead: str) -> str | None:
    lead = lead.rstrip(" \t\n(“\"'-–")
    for relation, pattern in P.TRIGGERS:
        if pattern.search(lead + " "):
            return relation
    return None


def _relations(text: str, cites: list[Citation]) -> list[Citation]:
    """The relation of each document citation, from the words before it in its sentence.

    A citation right after another in the same clause of the sentence is part of that one's title
    ("Nghị định 32 sửa đổi, bổ sung ... của Nghị định 59") and is a plain reference; one joined by a
    comma, "và" or a semicolon continues the list and takes the relation of the list's head.
    """
    out: list[Citation] = []
    prev: Citation | None = None
    head_relation = "dan_chieu"
    prev_internal: Citation | None = None
    for c in cites:
        if c.kind == "internal":
            if prev_internal and P.COORDINATOR.match(text[prev_internal.end:c.start]):
                relation = prev_internal.relation  # "Bãi bỏ điểm c khoản 2 và điểm d khoản 3 Điều 14"
            else:
                relation = _trigger(text[_sentence_start(text, c.start):c.start]) or "dan_chieu"
            lead = text[_sentence_start(text, c.start):c.start]
            subject = relation == "thuc_hien" and _implementation_named(lead)
            prev_internal = replace(c, relation=relation, subject=subject, foreign=_foreign_act(relation, lead))
            out.append(prev_internal)
            continue
        if c.which == "này":
            out.append(c)
            continue
        sentence = _sentence_start(text, c.start)
        if prev is None or prev.end <= sentence:
            lead = text[sentence:c.start]
            relation = _trigger(lead) or _list_opener(lead) or "dan_chieu"
            if relation != "can_cu" and P.AMENDED_BY.search(lead[-160:]) and _list_opener(lead) == "can_cu":
                relation = "can_cu"  # "Căn cứ Hiến pháp ... đã được sửa đổi, bổ sung một số điều theo Nghị quyết số ..."
            head_relation = relation
        else:
            gap = text[prev.end:c.start]
            if ";" in gap:
                segment = gap.rsplit(";", 1)[1]
                relation = _trigger(segment) or (head_relation if P.LIST_CONTINUES.match(segment) else "dan_chieu")
                if head_relation in P.OWN_VOICE and relation not in P.OWN_VOICE and re.match(rf"\s*[{P.LOWER}]", segment):
                    # "Căn cứ Nghị định A ... quy định về X; quy định chi tiết ... của Luật B": A's title goes on
                    relation = "dan_chieu"
                head_relation = relation
            elif P.LIST_CONTINUES.match(gap):
                relation = prev.relation
            elif re.search(r",\s*(?:và\s+)?$", gap) and not _trigger(gap):
                relation = head_relation
            elif re.search(r"\s(?i:và|hoặc)\s*$", gap) and not P.RELATION_WORD.search(gap):
                relation = prev.relation  # "thực hiện A về <A's title> và B": B is what A is
            elif P.TITLE_TRIGGER.match(gap):
                relation = "dan_chieu"
            elif prev.relation == "can_cu" and P.AMENDED_BY.search(gap[-160:]):
                relation = "can_cu"  # "Căn cứ Luật A ... được sửa đổi, bổ sung bởi Luật B": B is of the basis too
            else:
                own = _trigger(gap)
                if own == "thuc_hien" and head_relation == "can_cu" and not P.CLAUSE_THEN_TRIGGER.search(gap):
                    # "Căn cứ Kế hoạch số 46/KH-UBND ... thực hiện Nghị quyết số 71/NQ-CP": the basis's title
                    own = None
                if own == "ban_hanh_kem_theo" and P.ATTACHED_LINE.search(gap):
                    # a Phụ lục's own "(Kèm theo Kế hoạch số ...)" line after another one in the same text
                    relation = own
                else:
                    relation = own if own in P.OWN_VOICE else "dan_chieu"
        task = relation == "thuc_hien" and not _opens_sentence(text, sentence, c.start)
        subject = relation == "thuc_hien" and _implementation_named(text[sentence:c.start])
        c = replace(c, relation=relation, task=task, subject=subject, foreign=_foreign_act(relation, text[sentence:c.start]))
        out.append(c)
        prev = c
    return _ended_whole(text, out)


def _whole_text(c: Citation) -> bool:
    return c.kind in ("number", "name") and not c.pins and c.which is None and c.relation == "dan_chieu"


def _ended_whole(text: str, cites: list[Citation]) -> list[Citation]:
    """Texts the sentence says end ("... hết hiệu lực kể từ ngày ..."): see `patterns.ENDS_TAIL`."""
    if "hiệu lực" not in text:
        return cites
    out = list(cites)
    i = 0
    while i < len(out):
        first = out[i]
        lead = P.ENDS_LEAD.match(text[_sentence_start(text, first.start):first.start])
        title = lead.group("title") or "" if lead else ""
        if not _whole_text(first) or not lead or P.ENDS_NOT.search(title) or P.RELATION_WORD.search(title):
            i += 1
            continue
        j = i  # the list the first text heads: joined by "," / "và", nothing but titles between
        while j + 1 < len(out) and _whole_text(out[j + 1]) and P.ENDS_JOIN.match(text[out[j].end:out[j + 1].start]) \
                and not P.RELATION_WORD.search(text[out[j].end:out[j + 1].start]):
            j += 1
        tail = P.ENDS_TAIL.match(text[out[j].end:])
        if tail and not P.ENDS_NOT.search(_before_end(tail.group(0))):
            for k in range(i, j + 1):
                out[k] = replace(out[k], relation="thay_the")
        i = j + 1
    return out


def _before_end(tail: str) -> str:
    return re.split(r"(?i:hết\s+hiệu\s+lực)", tail)[0]


def _foreign_act(relation: str, lead: str) -> bool:
    """Whether a replacing, amending or guiding read before a citation in a clause is not the citing text's own act:
    the text's own act opens its sentence ("Bãi bỏ Quyết định số ...", "Sửa đổi, bổ sung khoản 2 Điều 5") or is
    said of the text itself ("Quyết định này có hiệu lực ... và thay thế Quyết định số ..."); any other is a task
    or a description ("tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế Quyết định số ...", "Nghị định quy định
    chi tiết một số điều Luật ...", "Nội dung: quy định chi tiết ...")."""
    if relation not in P.ACT_RELATIONS:
        return False
    return not P.OWN_ACT_OPENS.match(lead)


def _implementation_named(lead: str) -> bool:
    """Whether the last implementing word before a citation names the implementing as a subject ("báo cáo
    tình hình triển khai thực hiện Nghị quyết số 66", "trong việc thực hiện Nghị quyết số 66 và Nghị quyết
    số 140": the lead of a listed text runs back to the same words)."""
    return bool(P.IMPLEMENTATION_NAMED.search(lead))


def _list_opener(lead: str) -> str | None:
    """'Thực hiện Nghị quyết Đại hội XIII; ' before the first numbered text: the opener's relation."""
    parts = lead.split(";")
    if len(parts) < 2 or not P.LIST_CONTINUES.match(parts[-1]):
        return None
    opening = parts[0].rsplit("\n", 1)[-1]  # a preamble's lines: the list opens its own line
    return next((rel for rel, pattern in P.LIST_OPENER if pattern.match(opening)), None)


def _opens_sentence(text: str, sentence: int, pos: int) -> bool:
    """Whether the relation word before `pos` opens its sentence ("Thực hiện Chỉ thị ...": the citing text
    implements it) rather than naming a task inside it ("Sở X triển khai thực hiện Quyết định ...")."""
    return any(pattern.match(text[sentence:pos]) for _, pattern in P.LIST_OPENER)


# --- the finder ------------------------------------------------------------------------------------
def find_citations(text: str, aliases: dict[str, _Anchor] | None = None) -> list[Citation]:
    """Every citation in `text`, in order; `aliases` carries abbreviations defined earlier in the document
    and receives those defined here."""
    aliases = aliases if aliases is not None else {}
    anchors = _drop_overlaps(_merge_name_and_number(text, _number_anchors(text) + _name_anchors(text))
                             + _short_anchors(text))
    anchors, consumed, defined = _aliases(text, anchors)
    defined = {k: v for k, v in defined.items() if k not in aliases or v.printed_number}
    aliases.update(defined)
    taken = consumed + [(a.start, a.end) for a in anchors]
    anchors = _drop_overlaps(anchors + _alias_uses(text, aliases, taken))
    taken = consumed + [(a.start, a.end) for a in anchors]
    pinpoints = _complete_coordinated(text, _pinpoints(text, taken))
    cites = _glue(text, anchors, pinpoints)
    return _relations(text, cites)


def _glue(text: str, anchors: list[_Anchor], pinpoints: list[tuple[int, int, tuple[Pin, ...]]]) -> list[Citation]:
    """Attach each pinpoint chain to the document right after it (or to the chain after it, when two
    chains are joined by "và"/","), else make it internal."""
    attach: dict[int, int] = {}  # pinpoint index → anchor index
    loose_next: dict[int, int] = {}
    for i in range(len(pinpoints) - 1, -1, -1):
        _, end, _ = pinpoints[i]
        nxt = next((k for k, a in enumerate(anchors) if a.start >= end), None)
        nxt_pin = pinpoints[i + 1] if i + 1 < len(pinpoints) else None
        if nxt is not None and (nxt_pin is None or anchors[nxt].start < nxt_pin[0]):
            gap = text[end:anchors[nxt].start]
            if P.PIN_TO_DOC_GAP.match(gap):
                attach[i] = nxt
                continue
            if not P.SENTENCE_BREAK.search(gap) and len(gap) < 120 and not re.search(r"[;.]", gap):
                loose_next[i] = nxt
        elif nxt_pin is not None and (i + 1) in attach and P.COORDINATOR.match(text[end:nxt_pin[0]]):
            attach[i] = attach[i + 1]
    by_anchor: dict[int, list[int]] = {}
    for i, k in attach.items():
        by_anchor.setdefault(k, []).append(i)
    cites: list[Citation] = []
    for k, a in enumerate(anchors):
        pins_idx = sorted(by_anchor.get(k, []))
        start = pinpoints[pins_idx[0]][0] if pins_idx else a.start
        pins = tuple(p for i in pins_idx for p in pinpoints[i][2])
        cites.append(_citation(text, a, start, pins, k))
    for i, (s, e, pins) in enumerate(pinpoints):
        owner = _annex_owner(text, anchors, s, e, pins) if i not in attach else None
        if owner is not None:
            a = anchors[owner]
            cites.append(replace(_citation(text, a, s, pins, owner), start=s, end=e, text=text[s:e]))
            continue
        if i not in attach:
            cites.append(Citation("internal", s, e, text[s:e], pins=pins, loose=i in loose_next,
                                  next_anchor=loose_next.get(i)))
    cites.sort(key=lambda c: c.start)
    return _renumber_next(cites, anchors)


def _annex_owner(text: str, anchors: list[_Anchor], start: int, end: int, pins: tuple[Pin, ...]) -> int | None:
    """'Nghị định số 174/2025/NĐ-CP ... và các Phụ lục ban hành kèm theo.': the sentence's first document."""
    if not pins or any(p[0][0] != "annex" for p in pins) or not P.ANNEX_OF_PREVIOUS.match(text[end:]):
        return None
    sentence = _sentence_start(text, start)
    return next((k for k, a in enumerate(anchors) if sentence <= a.start and a.end <= start
                 and a.kind in ("number", "name", "alias")), None)


def _citation(text: str, a: _Anchor, start: int, pins: tuple[Pin, ...], index: int) -> Citation:
    number = _anchor_number(a)
    name = a.target[1] if a.target else a.name
    kind = "alias" if a.kind == "alias" else a.kind
    return Citation(kind, start, a.end, text[start:a.end], doc_type=a.doc_type, printed_number=a.printed_number,
                    number=number, name=name if kind != "short" else a.doc_type, date=a.date, issuer=a.issuer,
                    pins=pins, next_anchor=index, which=a.which)


def _renumber_next(cites: list[Citation], anchors: list[_Anchor]) -> list[Citation]:
    """`next_anchor` of a loose pinpoint: the position of that document's citation in `cites`."""
    pos_of_anchor = {c.next_anchor: i for i, c in enumerate(cites) if c.kind != "internal"}
    out = []
    for c in cites:
        if c.kind == "internal":
            out.append(replace(c, next_anchor=pos_of_anchor.get(c.next_anchor) if c.loose else None))
        else:
            out.append(replace(c, next_anchor=None))
    return out


# --- resolution ------------------------------------------------------------------------------------
@dataclass
class Context:
    """What resolution knows about the citing document while it walks the nodes in order."""

    doc_types: tuple[str, ...] = ()  # the citing document's own type(s): "Quy chế"
    year: int | None = None  # when the citing document speaks
    own_number: str | None = None
    parent_number: str | None = None
    has_articles: bool = True
    catalog: Catalog | None = None
    aliases: dict[str, _Anchor] = field(default_factory=dict)
    antecedents: dict[str, Citation] = field(default_factory=dict)  # type key → last citation in scope
    amended: str | None = None  # what an amending text amends: its bare pinpoints point there
    guided: str | None = None  # the one text a text without articles guides or implements (its preamble's)
    learned: dict[str, str] = field(default_factory=dict)  # a law's name → the number this text gave it
    scope: str | None = None  # the enclosing article (or top plan section) of the antecedents
    implemented: set[str] = field(default_factory=set)  # identities of what the document implements (preamble)


def _scope_of(eid: str | None) -> str | None:
    return eid.split("__", 1)[0] if eid else None


def resolve(cites: list[Citation], source_eid: str | None, ctx: Context) -> list[Citation]:
    """Targets of short forms and loose pinpoints; names through the catalog; "này" from the source eid."""
    scope = _scope_of(source_eid)
    if scope != ctx.scope:
        ctx.antecedents = {}
        ctx.scope = scope
    out: list[Citation] = []
    for c in cites:
        c = _resolve_one(c, ctx, cites, out)
        if c is None:
            continue
        if source_eid is not None and (c.subject or c.task and _identity(c) not in ctx.implemented):
            # a clause's task of implementing a text the document as a whole does not implement, or the
            # implementing of a text named as what a report, a check is about
            c = replace(c, relation="dan_chieu")
        if source_eid is not None and c.foreign:
            c = replace(c, relation="dan_chieu")
        if c.kind == "internal" and c.relation == "thuc_hien":
            # "thực hiện các nội dung quy định tại khoản 1 Điều này": a text does not implement its own units
            c = replace(c, relation="dan_chieu")
        if c.kind in ("number", "name", "alias") and c.doc_type:
            ctx.antecedents[match_key(c.doc_type)] = c
        out.append(c)
    return out


def _target_key(target: str) -> str:
    """A reference's target as one key: a number's identity, or a law's name folded."""
    return number_key(target) if P.NUMBER_RE.fullmatch(target) else name_key(target)


def _identity(c: Citation) -> str:
    return _target_key(c.number or c.name or "")


def _resolve_one(c: Citation, ctx: Context, cites: list[Citation], done: list[Citation]) -> Citation | None:
    if c.kind == "short":
        ante = ctx.antecedents.get(match_key(c.doc_type or ""))
        generic = not ctx.doc_types or set(ctx.doc_types) <= {"Văn bản", ""}
        if c.which == "này" and ante is None and not generic and c.doc_type not in ctx.doc_types:
            return None  # "Thông tư này" quoted in a Công văn: whose it is cannot be told
        if c.which == "này" and (c.doc_type in ctx.doc_types or ante is None):
            # a Quy chế's "Quyết định này" is the decision that issued it; in a text of no type of its own
            # (the decision's articles cut off from it) it is the decision itself
            if c.doc_type == "Quyết định" and ctx.parent_number and not generic and "Quyết định" not in ctx.doc_types:
                return replace(c, kind="number", number=canonical_number(ctx.parent_number), which=None)
            return replace(c, kind="internal", which=None) if c.pins else None
        if ante is None:
            return None
        return replace(c, number=ante.number, name=ante.name, date=ante.date, issuer=ante.issuer,
                       printed_number=ante.printed_number)
    if c.kind == "number" and c.name and c.number:  # "Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14"
        key = name_key(c.name)
        ctx.learned[key if key.startswith(("luat", "bo luat", "phap lenh")) else name_key(f"{c.doc_type} {c.name}")] = c.number
    if c.kind == "name":
        c = _known_prefix(c, ctx)
        if not c.date and name_key(c.name or "") in ctx.learned:
            return replace(c, number=ctx.learned[name_key(c.name or "")])
        entry = ctx.catalog.find_by_name(c.name or "", c.date, ctx.year) if ctx.catalog else None
        if entry is not None:
            return replace(c, number=entry.number)
        if c.date:  # "Luật Đất đai năm 2013" and "Luật Đất đai năm 2024" are two laws
            return replace(c, name=f"{c.name} năm {c.date[:4]}")
    if c.kind == "internal" and not ctx.has_articles and not any(v == "này" for p in c.pins for _, v in p):
        # a text without articles cites another's: the document named next in the sentence, else the last one
        target = cites[c.next_anchor] if c.loose and c.next_anchor is not None else None
        resolved = next((d for d in done if target is not None and d.start == target.start), target)
        if resolved is None:
            resolved = next((d for d in reversed(done) if d.kind in ("number", "name", "alias")), None)
        if resolved is None and ctx.guided and c.pins and c.pins[0][0][0] == "art":
            # "(Điều 12, 13, 14)" in a Hướng dẫn of Quy định 377-QĐ/TW: the articles of the text it guides
            return replace(c, kind="number", number=ctx.guided, loose=False)
        if resolved is None or not c.pins or c.pins[0][0][0] not in ("art", "chp", "annex", "sec"):
            return None if c.pins and c.pins[0][0][0] == "art" else c
        return replace(c, kind=resolved.kind, number=resolved.number, name=resolved.name,
                       doc_type=resolved.doc_type, loose=False)
    if c.kind == "number" and c.number and ctx.own_number and number_key(c.number) == number_key(ctx.own_number):
        return None
    if c.kind == "internal" and ctx.amended and not any(v == "này" for pin in c.pins for _, v in pin):
        return replace(c, kind="number", number=ctx.amended, loose=False)
    return c


def _is_known(name: str, ctx: Context) -> bool:
    key = name_key(name)
    return key in ctx.learned or bool(ctx.catalog and ctx.catalog.find_by_name(name, None, ctx.year))


def _known_prefix(c: Citation, ctx: Context) -> Citation:
    """'Luật Ban hành văn bản quy phạm pháp luật, xác định': a name read on past a comma (the grammar cannot
    tell "Luật Thi đua, khen thưởng" from a name followed by prose) is cut back at the comma when only the
    law before it is known. Only at a comma: "Luật Đầu tư công" is not "Luật Đầu tư" followed by a word."""
    name = c.name or ""
    if "," not in name or _is_known(name, ctx):
        return c
    head = name.rsplit(",", 1)[0]
    return replace(c, name=head) if _is_known(head, ctx) else c


def pin_eid(pin: Pin, source_eid: str | None) -> str | None:
    """An eid from a pinpoint; "này" takes the unit from the citing clause; None when it cannot."""
    here = dict(part.split("_", 1) for part in source_eid.split("__")) if source_eid else {}
    parts = []
    units = [u for u, _ in pin]
    for unit, value in pin:
        if value == "này":
            if unit not in here:
                return None
            value = here[unit]
        parts.append(f"{unit}_{value}" if value else unit)
    if units and units[0] in ("para", "point") and "art" not in units:
        # "khoản 1" alone is a clause of this article; "điểm a" alone a point of this clause
        outer = ["art"] if units[0] == "para" else ["art", "para"]
        if not all(u in here for u in outer):
            return None
        parts = [f"{u}_{here[u]}" for u in outer] + parts
    return "__".join(parts) if parts else None


def to_references(cites: Iterable[Citation], source_eid: str | None, span_of) -> list[Reference]:
    """One Reference per target provision; `span_of(start, end)` maps text offsets to a source Span."""
    refs = []
    for c in cites:
        target_doc = None if c.kind == "internal" else (c.number or c.name)
        if c.kind != "internal" and not target_doc:
            continue
        pins = c.pins or ((),)
        for pin in pins:
            eid = pin_eid(pin, source_eid) if pin else None
            if c.kind == "internal" and eid is None:
                continue
            # replacing or repealing a provision amends its document
            relation = "sua_doi_bo_sung" if c.relation == "thay_the" and eid else c.relation
            refs.append(Reference(
                source_eid=source_eid, text=_one_line(c.text), target_doc=target_doc, target_eid=eid,
                relation=relation, span=span_of(c.start, c.end), target_type=c.doc_type,
                target_date=c.date if c.date and len(c.date) == 10 else None, target_issuer=c.issuer,
                printed_number=c.printed_number,
            ))
    return refs


def references_in_text(text: str, source_eid: str | None = None, doc_type: str | None = None,
                       year: int | None = None, has_articles: bool = True,
                       catalog: Catalog | None = None) -> list[Reference]:
    """The references of one piece of text, as `find_references` would make them for a clause."""
    ctx = Context(doc_types=(doc_type,) if doc_type else (), year=year, has_articles=has_articles,
                  catalog=catalog if catalog is not None else load_catalog())
    cites = resolve(find_citations(text, ctx.aliases), source_eid, ctx)
    return to_references(cites, source_eid, lambda s, e: Span(s, e, text.count("\n", 0, s) + 1))


# --- documents -------------------------------------------------------------------------------------
_YEAR = re.compile(r"(?:năm\s+|(?<=\d)/)((?:19|20)\d{2})(?!\d)")


def citing_year(doc: Document) -> int | None:
    """When the document speaks: its date, else its number's year, else the latest year in its preamble."""
    if doc.date:
        return int(doc.date[:4])
    for text in (doc.number or "", doc.parent_number or ""):
        m = re.search(r"/((?:19|20)\d{2})/", text)
        if m:
            return int(m.group(1))
    years = [int(y) for y in _YEAR.findall(doc.preamble or "")]
    return max(years) if years else None


def find_references(result: ParseResult, doc: Document, catalog: Catalog | None = None) -> list[Reference]:
    """Every reference of `doc` (a document of `result`): preamble, every node's heading and text, and
    footnotes; spans into `result.text`."""
    ctx = Context(
        doc_types=(_type_name(doc.doc_type),) if doc.doc_type else (), year=citing_year(doc),
        own_number=doc.number, parent_number=doc.parent_number,
        has_articles=any(n.kind == "dieu" for n in doc.walk()),
        catalog=catalog if catalog is not None else load_catalog(),
    )
    notes = {f.num: f.text for f in doc.footnotes}
    refs: list[Reference] = []
    source = result.text
    pre_start = doc.span.start
    pre_end = doc.nodes[0].span.start if doc.nodes else doc.span.end
    refs += _refs_of(doc.preamble, None, source, pre_start, pre_end, ctx, notes, preamble=True)
    refs += _issued_with_blank(doc.preamble, refs, source, pre_start, pre_end, ctx)
    ctx.implemented = {_target_key(r.target_doc) for r in refs if r.relation == "thuc_hien" and r.target_doc}
    guided = {r.target_doc for r in refs if r.relation in ("huong_dan", "thuc_hien") and r.target_doc and r.target_eid is None}
    ctx.guided = guided.pop() if len(guided) == 1 and not ctx.has_articles else None
    ctx.amended = _amended_target(doc, ctx)
    if ctx.amended:
        refs = [replace(r, relation="sua_doi_bo_sung") if r.target_doc == ctx.amended and r.relation == "dan_chieu"
                else r for r in refs]
    doc_amended = ctx.amended
    for node, listed in _walk_with_list_relation(doc.nodes, None):
        if node.kind == "dieu":  # "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 09/2025/TT-BCT"
            ctx.amended = _amended_by_title(node.heading or node.text[:300], ctx) or doc_amended
        start = node.span.start
        for piece in (node.heading, node.text):
            if piece:
                found = _refs_of(piece, node.eid, source, start, node.span.end, ctx, notes, listed=listed)
                refs += found
                start = _mapped_end(piece, source, start, node.span.end)
    for note in doc.footnotes:
        # A footnote goes on describing the citation its marker is glued to ("34/2016/NĐ-CP[2]" →
        # "ngày 14/5/2016 của Chính phủ quy định chi tiết ... Luật ..."): what it cites is that title's.
        found = _refs_of(note.text, _footnote_source(doc, note.num, source), source, note.span.start,
                         note.span.end, ctx)
        refs += [replace(r, relation="dan_chieu") for r in found]
    refs = _complete_internal(refs, [n.eid for n in doc.walk()])
    return _dedupe(_self_type_filter(refs, ctx))


def _complete_internal(refs: list[Reference], eids: list[str]) -> list[Reference]:
    """'tại Mục 1.3' in a plan names a sub-item by its number alone: the unit whose eid ends so, the one
    nearest the citing clause (sharing most of its eid) when several do."""
    known = set(eids)
    out = []
    for r in refs:
        if r.target_doc is None and r.target_eid and r.target_eid not in known:
            tail = "__" + r.target_eid
            found = [e for e in eids if e.endswith(tail)]
            if found:
                source = r.source_eid or ""
                best = max(found, key=lambda e: len(_common_prefix(e, source)))
                r = replace(r, target_eid=best)
        out.append(r)
    return out


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


_LIST_LABEL = re.compile(r"\W*(?:(?:[a-zđ]|\d{1,3}(?:\.\d{1,3})*)[.)]\W*)?")


def _issued_with_blank(preamble: str, refs: list[Reference], source: str, lo: int, hi: int,
                       ctx: Context) -> list[Reference]:
    """The attached text whose "Ban hành kèm theo Quyết định số /2025/QĐ-UBND" leaves the number blank was
    issued with the decision it follows in the file (its parent)."""
    parent = ctx.parent_number
    m = P.ISSUED_WITH_BLANK.search(preamble or "")
    if not parent or not m or any(r.relation == "ban_hanh_kem_theo" for r in refs):
        return []
    span = _SpanMapper(preamble, source, lo, hi).span(m.start(), m.end())
    return [Reference(source_eid=None, text=_one_line(m.group(0)), target_doc=canonical_number(parent), target_eid=None,
                      relation="ban_hanh_kem_theo", span=span, target_type=_type_name(m.group("type")))]


def _walk_with_list_relation(nodes: tuple[Node, ...], listed: str | None) -> Iterator[tuple[Node, str | None]]:
    """Each node with the relation its parent gives a list ("Bãi bỏ các Quyết định sau:" → thay_the)."""
    for node in nodes:
        yield node, listed
        own = next((rel for rel, pattern in P.LIST_RELATIONS if pattern.search(node.text or node.heading or "")),
                   None)
        yield from _walk_with_list_relation(node.children, own)


def _refs_of(text: str, eid: str | None, source: str, lo: int, hi: int, ctx: Context,
             notes: dict[str, str] | None = None, preamble: bool = False,
             listed: str | None = None) -> list[Reference]:
    if not text:
        return []
    cites = [c for c in find_citations(text, ctx.aliases) if not _own_label(c, text, eid)]
    if listed:  # an item of "Bãi bỏ các Quyết định sau:" that starts with its citation
        cites = [replace(c, relation=listed) if c.relation == "dan_chieu" and c.kind != "internal"
                 and _LIST_LABEL.fullmatch(text[:c.start]) else c for c in cites]
    if notes:
        cites = [_with_footnote_tail(c, text, notes) for c in cites]
    cites = resolve(cites, eid, ctx)
    mapper = _SpanMapper(text, source, lo, hi)
    refs = to_references(cites, eid, mapper.span)
    if preamble:
        refs = [_issued_with(r, ctx) for r in refs]
    return refs


_AMENDING_TITLE = re.compile(
    r"^\W*(?:(?:nghị\s+định|thông\s+tư|quyết\s+định|nghị\s+quyết|luật)\s+)?(?:về\s+việc\s+)?"
    r"(?:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ)", re.IGNORECASE)


def _amended_target(doc: Document, ctx: Context) -> str | None:
    """An amending text ("Sửa đổi, bổ sung một số điều của Quy định ... kèm theo Quyết định số X") whose
    title names one document: its bare "Điều 13", "điểm b khoản 3 Điều 14" are that document's."""
    return _amended_by_title(doc.title, ctx)


def _amended_by_title(title: str | None, ctx: Context) -> str | None:
    if not title or not _AMENDING_TITLE.search(title):
        return None
    probe = Context(year=ctx.year, catalog=ctx.catalog)
    targets = {c.number or c.name for c in resolve(find_citations(title, {}), None, probe)
               if c.kind in ("number", "name", "alias") and (c.number or c.name)}
    return targets.pop() if len(targets) == 1 else None


def _own_label(c: Citation, text: str, eid: str | None) -> bool:
    """'Điều 1. Phạm vi' at the start of art_1's own text is its label, not a reference."""
    return (c.kind == "internal" and eid is not None and not text[:c.start].strip(" *#\t\n")
            and re.match(r"\s*[.:]", text[c.end:]) is not None and pin_eid(c.pins[0], eid) == eid)


_MARKER_AFTER = re.compile(r"\s*\[(\w{1,3})\]")


def _with_footnote_tail(c: Citation, text: str, notes: dict[str, str]) -> Citation:
    """'Nghị định số 34/2016/NĐ-CP[2]' with footnote 2 'ngày 14/5/2016 của Chính phủ ...': date, issuer."""
    m = _MARKER_AFTER.match(text, c.end)
    if c.kind == "internal" or not m or m.group(1) not in notes or (c.date and c.issuer):
        return c
    date, issuer = _tail_info(" " + notes[m.group(1)])
    return replace(c, date=c.date or date, issuer=c.issuer or issuer)


def _issued_with(ref: Reference, ctx: Context) -> Reference:
    parent = ctx.parent_number and ref.target_doc and number_key(ref.target_doc) == number_key(ctx.parent_number)
    if parent and ref.relation == "dan_chieu" and ref.target_eid is None:
        return replace(ref, relation="ban_hanh_kem_theo")
    return ref


def _self_type_filter(refs: list[Reference], ctx: Context) -> list[Reference]:
    own = number_key(ctx.own_number) if ctx.own_number else None
    return [r for r in refs if not (own and r.target_doc and number_key(r.target_doc) == own)]


def _dedupe(refs: list[Reference]) -> list[Reference]:
    seen = set()
    out = []
    for r in refs:
        key = (r.source_eid, r.target_doc, r.target_eid, r.relation, r.span.start)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _footnote_source(doc: Document, num: str, source: str) -> str | None:
    """The unit whose text carries the footnote's marker ("nhiều văn bản[1]", "34/2016/NĐ-CP2"): None for
    the preamble, else the clause; 'fn_N' when no marker is found."""
    bracketed = re.compile(rf"(?<=[^\s\[(])\[{re.escape(num)}\]")  # printed as such: where it is, is sure
    found = bracketed.search(source, doc.span.start, doc.span.end)
    if found:
        if not doc.nodes or found.start() < doc.nodes[0].span.start:
            return None
        for node in doc.walk():
            own_end = node.children[0].span.start if node.children else node.span.end
            if node.span.start <= found.start() < own_end:
                return node.eid
    marker = re.compile(rf"(?<=[^\s\d]){re.escape(num)}(?![\d/])")
    for node in doc.walk():
        own_end = node.children[0].span.start if node.children else node.span.end
        if marker.search(source, node.span.start, own_end):
            return node.eid
    return f"fn_{num}"


def _mapped_end(piece: str, source: str, lo: int, hi: int) -> int:
    mapper = _SpanMapper(piece, source, lo, hi)
    return mapper.span(0, len(piece)).end if piece else lo


class _SpanMapper:
    """Maps offsets of rejoined node text back into the source: the text's non-space characters are
    found in order in the source slice (markup and line breaks in between are skipped)."""

    def __init__(self, text: str, source: str, lo: int, hi: int) -> None:
        self.lo, self.hi, self.source, self.text = lo, hi, source, text
        verbatim = source.find(text, lo, hi) if text else -1
        self.offset = verbatim if verbatim >= 0 else None
        self._runs: tuple[list[int], list[int], list[int]] | None = None  # made when first needed

    def runs(self) -> tuple[list[int], list[int], list[int]]:
        """The text's characters that are found, as runs (starts, ends, source starts): text[a:b] is
        source[k:k + b - a]. Each non-space character is found at or after the one before it (a space is
        not looked for): where a character is found, as long a stretch as reads the same from there is one
        run, each of its non-space characters at the offset a one-by-one search would give it (what lies
        between them in the source is the run's own spaces)."""
        if self._runs is not None:
            return self._runs
        text, source, hi = self.text, self.source, self.hi
        starts: list[int] = []
        ends: list[int] = []
        at: list[int] = []
        i, j, n = 0, self.lo, len(text)
        while i < n:
            found = _NON_SPACE.search(text, i)
            if found is None:
                break
            i = found.start()
            k = source.find(text[i], j, hi)
            if k < 0:
                i += 1
                continue
            length = _common_length(text, i, source, k, hi)
            starts.append(i)
            ends.append(i + length)
            at.append(k)
            j = k + len(text[i:i + length].rstrip())  # after the run's last non-space character
            i += length
        self._runs = (starts, ends, at)
        return self._runs

    def _pos(self, i: int, forward: bool) -> int | None:
        """The source offset of the first found non-space character at or after text offset I (FORWARD), or
        of the last one at or before it."""
        starts, ends, at = self.runs()
        if forward:
            for r in range(max(0, bisect_right(starts, i) - 1), len(starts)):
                found = _NON_SPACE.search(self.text, max(i, starts[r]), ends[r])
                if found is not None:
                    return at[r] + found.start() - starts[r]
            return None
        i = min(i, len(self.text) - 1)
        for r in range(bisect_right(starts, i) - 1, -1, -1):
            kept = self.text[starts[r]:min(i + 1, ends[r])].rstrip()
            if kept:
                return at[r] + len(kept) - 1
        return None

    def span(self, start: int, end: int) -> Span:
        if self.offset is not None:
            s, e = self.offset + start, self.offset + end
        else:
            s0, e0 = self._pos(start, True), self._pos(end - 1, False)
            s, e = (self.lo, self.hi) if s0 is None or e0 is None or e0 < s0 else (s0, e0 + 1)
        return Span(s, e, _line(self.source, s))


_NON_SPACE = re.compile(r"\S")  # \s is what str.isspace() says is a space


def _common_length(text: str, i: int, source: str, k: int, hi: int) -> int:
    """How many characters text[i:] and source[k:hi] share from their start (at least one: text[i] is
    source[k]). A run of a rejoined text usually ends at its source line's end: that length is tried first."""
    most = min(len(text) - i, hi - k)
    good, bad = 1, most + 1
    line_end = source.find("\n", k, k + most)
    guess = line_end - k if line_end > k else most
    if guess > good:
        if source.startswith(text[i:i + guess], k):
            good = guess
        else:
            bad = guess
    step = 1
    while good < bad - 1 and good + step < bad:  # gallop past the guess
        if source.startswith(text[i:i + good + step], k):
            good += step
            step *= 2
        else:
            bad = good + step
    while good < bad - 1:
        mid = (good + bad) // 2
        if source.startswith(text[i:mid + i], k):
            good = mid
        else:
            bad = mid
    return good
_BREAK = re.compile("\n")
_LINES: list[tuple[str, list[int]]] = []  # the source last asked about, with its line-break offsets


def _line(source: str, offset: int) -> int:
    """The 1-based line of OFFSET in SOURCE (its line breaks before it, plus one), without counting them
    again for every reference of a long text."""
    held = _LINES[0] if _LINES else None
    if held is None or held[0] is not source:
        held = (source, [m.start() for m in _BREAK.finditer(source)])
        _LINES[:] = [held]
    return bisect_left(held[1], offset) + 1
