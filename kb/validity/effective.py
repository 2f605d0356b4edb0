"""The date a document takes effect, read from its own words.

"Quyết định này có hiệu lực (thi hành) (kể) từ ngày 01 tháng 01 năm 2021" / "... từ ngày 01/7/2025" / "...
kể từ ngày ký (ban hành)" (= the signing date, the document's `date`) / "... sau 10 ngày kể từ ngày ký" /
"... từ ngày thông qua" (a resolution: its date). The sentence whose subject is the document itself ("<type>
này", "<type>") is the document's; a sentence whose subject names provisions ("Khoản 4 Điều 80 của Luật này
có hiệu lực thi hành kể từ ngày ...", "Quy định tại Điều 14 Nghị định này ...") or a "trừ ..." exception of
the main sentence sets a date for those provisions only. Quoted text (“...”: an amending instruction's new
words) is never read: it speaks for the amended document.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kb.numbers import number_key
from parsers.model import Document, Node, Span
from parsers.normalise import normalise

# How the date is found. "ngay": written out; "ngay_ky": the signing date; "sau_ngay_ky": some days or months
# after signing; "ngay_thong_qua": the adoption date (the document's date); "khong_ro": the sentence ties it to
# something the text does not date (publication in the Công báo, another document).
RULES = ("ngay", "ngay_ky", "sau_ngay_ky", "ngay_thong_qua", "khong_ro")

_TYPES = (r"Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|"
          r"Nghị\s+quyết(?:\s+liên\s+tịch)?|Chỉ\s+thị|Quy\s+chế|Quy\s+định|Kế\s+hoạch|Hướng\s+dẫn|Lệnh|"
          r"Văn\s+bản|Điều\s+lệ|Thông\s+báo|Công\s+văn|Chương\s+trình|Đề\s+án")
_HAS_EFFECT = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+chính\s+thức)?", re.IGNORECASE)
_DATE = (r"(?:ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
         r"|(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))")
_FROM_DATE = re.compile(rf"^\s*,?\s*(?:kể\s+)?(?:từ|vào)\s+{_DATE}", re.IGNORECASE)
_FROM_SIGNING = re.compile(r"^\s*,?\s*(?:kể\s+)?từ\s+ngày\s+(?:được\s+)?(?:ký|ban\s+hành)", re.IGNORECASE)
_FROM_ADOPTION = re.compile(r"^\s*,?\s*(?:kể\s+)?từ\s+ngày\s+(?:được\s+)?thông\s+qua", re.IGNORECASE)
_AFTER = re.compile(
    r"^\s*,?\s*(?:kể\s+)?sau\s+(\d+)\s+(ngày|tháng)(?:\s*\(\s*(\d+)\s+ngày\s*\))?\s*,?\s*(?:kể\s+)?"
    r"(?:từ|tính\s+từ)\s+ngày\s+(?:được\s+)?(ký|ban\s+hành|thông\s+qua|\S+)", re.IGNORECASE)
_OTHER = re.compile(r"^\s*,?\s*(?:kể\s+)?(?:từ\s+ngày\s+(?:đăng|công\s+bố)|theo\s|từ\s+ngày\s+\w+\s+\w+\s+này\s)",
                    re.IGNORECASE)
_UNTIL = re.compile(rf"\bđến\s+(?:hết\s+)?{_DATE}", re.IGNORECASE)
_OWN_END = re.compile(rf"(?:{_TYPES})\s+này\s+hết\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?(?:từ|vào)\s+{_DATE}",
                      re.IGNORECASE)
# The document itself as the subject: "Quyết định này", "Nghị quyết", "1. Luật này", "Thông tư này sẽ",
# or a resolution's "Nghị quyết này đã được ... thông qua ngày ... và".
_MAIN_SUBJECT = re.compile(rf"^(?:(?:{_TYPES})(?:\s+này)?|này)(?:\s+(?:sẽ|chính\s+thức|được))?$", re.IGNORECASE)
_MAIN_AND = re.compile(rf"^(?:{_TYPES})\s+này\b.*\bvà$", re.IGNORECASE)
# Provisions as the subject: "Khoản 4 Điều 80 của Luật này", "Quy định tại ...", "Các điều 12, 13 ...".
_PROVISION_SUBJECT = re.compile(r"^(?:(?:các\s+)?(?:quy\s+định|nội\s+dung)\b|(?:các\s+)?(?:điều|khoản|điểm|chương|mục)\s+\w)",
                                re.IGNORECASE)
_EXCEPT = re.compile(r",?\s*trừ\s+(.+?)\s+(?:thì\s+)?có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^[\s\d.)\-+*•–]*")  # "1. ", "- ", "**" before a sentence
_SENTENCES = re.compile(r"(?<=[.;!?])\s+(?=\S)")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"")


@dataclass(frozen=True)
class ProvisionDate:
    """Another date for some provisions (a transition article, a "trừ ..." exception)."""

    provisions: str  # as written: "Khoản 4 Điều 80 của Luật này", "quy định tại khoản 2 Điều này"
    eids: tuple[str, ...]  # the units named, in the document's own numbering ("art_80__para_4"); () when unnamed
    date: str | None  # ISO
    rule: str  # one of RULES
    text: str  # the sentence


@dataclass(frozen=True)
class EffectiveDate:
    """When a document takes effect, with the sentence it was read from."""

    date: str | None  # ISO; None when the sentence does not date it (signing date unknown, Công báo ...)
    rule: str  # one of RULES
    text: str  # the sentence, as printed (lines rejoined)
    span: Span  # of the sentence in the source when found there, else of the unit holding it
    eid: str | None  # the unit holding it
    days: int | None = None  # "sau 10 ngày kể từ ngày ký"
    until: str | None = None  # ISO: "... đến hết ngày 31/12/2026", "Thông tư này hết hiệu lực kể từ ngày ..."
    provisions: tuple[ProvisionDate, ...] = ()
    inherited_from: str | None = None  # number of the document it comes from ("ban hành kèm theo Quyết định ...")

    def on(self, eid: str) -> str | None:
        """The date a unit takes effect: the most specific provision date naming it (or a unit above it), else
        the document's."""
        best: tuple[int, str | None] | None = None
        for p in self.provisions:
            for named in p.eids:
                if (eid == named or eid.startswith(named + "__")) and (best is None or len(named) > best[0]):
                    best = (len(named), p.date)
        return best[1] if best else self.date


@dataclass(frozen=True)
class _Reading:
    date: str | None
    rule: str
    days: int | None = None
    until: str | None = None


def _iso(groups: tuple[str | None, ...]) -> str | None:
    d, m, y = (g for g in groups if g is not None)
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _plus(signed: str | None, amount: int, unit: str) -> str | None:
    if not signed:
        return None
    start = date.fromisoformat(signed)
    if unit == "ngày":
        return (start + timedelta(days=amount)).isoformat()
    month = start.month - 1 + amount
    year, month = start.year + month // 12, month % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1])).isoformat()


def _reading(after: str, signed: str | None) -> _Reading | None:
    """What follows "có hiệu lực (thi hành)": the date it states, or None when it states none."""
    until_m = _UNTIL.search(after[:160])
    until = _iso(until_m.groups()) if until_m else None
    if m := _FROM_DATE.match(after):
        return _Reading(_iso(m.groups()), "ngay", until=until)
    if _FROM_ADOPTION.match(after):
        return _Reading(signed, "ngay_thong_qua", until=until)
    if _FROM_SIGNING.match(after):
        return _Reading(signed, "ngay_ky", until=until)
    if m := _AFTER.match(after):
        anchor = normalise(m.group(4)).lower()
        if anchor not in ("ký", "ban hành", "thông qua"):
            return _Reading(None, "khong_ro", until=until)
        days = int(m.group(3)) if m.group(3) else (int(m.group(1)) if m.group(2).lower() == "ngày" else None)
        when = _plus(signed, days, "ngày") if days is not None else _plus(signed, int(m.group(1)), "tháng")
        return _Reading(when, "sau_ngay_ky", days=days, until=until)
    if _OTHER.match(after):
        return _Reading(None, "khong_ro", until=until)
    return None


def read_sentence(sentence: str, signed: str | None = None) -> EffectiveDate | None:
    """The document's effective date if `sentence` states it ("Quyết định này có hiệu lực ..."); `signed`
    is the document's date (signing or adoption). None for a sentence about anything else."""
    found = _main_in(sentence, signed)
    if found is None:
        return None
    reading, provisions = found
    return EffectiveDate(reading.date, reading.rule, sentence, Span(0, len(sentence), 1), None, reading.days,
                         reading.until, tuple(provisions))


def read_provision(sentence: str, signed: str | None = None, article: str | None = None) -> ProvisionDate | None:
    """A date for some provisions if `sentence` sets one ("Khoản 4 Điều 80 của Luật này có hiệu lực ...");
    `article` is the number of the article holding it ("khoản 2 Điều này")."""
    text = _QUOTED.sub("“”", sentence)
    for m in _HAS_EFFECT.finditer(text):
        subject = _LEAD.sub("", text[: m.start()]).strip()
        reading = _reading(text[m.end():], signed)
        if reading and _PROVISION_SUBJECT.match(subject) and reading.rule != "khong_ro":
            return ProvisionDate(subject, provision_eids(subject, article), reading.date, reading.rule, sentence)
    return None


def _main_in(sentence: str, signed: str | None) -> tuple[_Reading, list[ProvisionDate]] | None:
    text = _QUOTED.sub("“”", sentence)
    for m in _HAS_EFFECT.finditer(text):
        subject = _LEAD.sub("", text[: m.start()]).strip(" *_,")
        if not (_MAIN_SUBJECT.match(subject) or _MAIN_AND.match(subject)):
            continue
        reading = _reading(text[m.end():], signed)
        if reading is None:
            continue
        return reading, _exceptions(text[m.end():], signed, sentence)
    return None


def _exceptions(after: str, signed: str | None, sentence: str) -> list[ProvisionDate]:
    """"..., trừ các quy định sau đây của Luật này ... thì có hiệu lực thi hành từ ngày 01 tháng 01 năm 2017"."""
    out = []
    for m in _HAS_EFFECT.finditer(after):
        ex = _EXCEPT.search(after[: m.end()])
        reading = _reading(after[m.end():], signed)
        if ex and reading and reading.rule != "khong_ro":
            out.append(ProvisionDate(ex.group(1), provision_eids(ex.group(1)), reading.date, reading.rule, sentence))
    return out


# --- provisions named in a subject --------------------------------------------------------------------------
_ARTICLE = re.compile(r"\b(?:Điều|điều)\s+(\d+[a-zđ]?|này)\b|\bcác\s+điều\s+((?:\d+[a-zđ]?\s*(?:,|và)?\s*)+)")
_CLAUSES = re.compile(r"\b(?:khoản|các\s+khoản)\s+((?:\d+[a-zđ]?\s*(?:,|và|khoản)?\s*)+)", re.IGNORECASE)
_POINTS = re.compile(r"\b(?:điểm|các\s+điểm)\s+((?:[a-zđ]\d?\s*(?:,|và|điểm)?\s*)+)(?=\s|$)", re.IGNORECASE)


def _nums(listed: str) -> list[str]:
    return re.findall(r"\d+[a-zđ]?|(?<![\w])[a-zđ]\d?(?![\w])", re.sub(r"\b(?:và|khoản|điểm)\b", " ", listed))


def provision_eids(text: str, article: str | None = None) -> tuple[str, ...]:
    """The units a subject names, as eids: "khoản 2 và khoản 3 Điều 1" → art_1__para_2, art_1__para_3;
    "điểm a khoản 3 Điều 1" → art_1__para_3__point_a; "các điều 12, 13" → art_12, art_13; "Điều này" is
    `article`. What names no unit ("Quy định về bảo hộ nhãn hiệu ...") gives ()."""
    eids: list[str] = []
    start = 0
    for m in _ARTICLE.finditer(text):
        arts = _nums(m.group(2)) if m.group(2) else [article if m.group(1) == "này" else m.group(1)]
        before = text[start: m.start()]
        start = m.end()
        for art in arts:
            if not art:
                continue
            clauses = [n for c in _CLAUSES.finditer(before) for n in _nums(c.group(1))]
            points = [n for p in _POINTS.finditer(before) for n in _nums(p.group(1))]
            if clauses and points and len(clauses) == 1:
                eids += [f"art_{art}__para_{clauses[0]}__point_{p}" for p in points]
            elif clauses:
                eids += [f"art_{art}__para_{c}" for c in clauses]
            else:
                eids.append(f"art_{art}")
    return tuple(dict.fromkeys(eids))


# --- a whole document ---------------------------------------------------------------------------------------
def _sentences(node: Node) -> list[str]:
    parts = [node.heading or "", node.text or ""]
    return [s for part in parts if "hiệu lực" in part for s in _SENTENCES.split(part)]


def _article_of(chain: tuple[Node, ...], node: Node) -> str | None:
    for n in (*chain, node):
        if n.kind == "dieu":
            return n.num
    return None


def _walk(nodes: tuple[Node, ...], chain: tuple[Node, ...] = ()) -> Iterator[tuple[Node, tuple[Node, ...]]]:
    for node in nodes:
        yield node, chain
        yield from _walk(node.children, chain + (node,))


def _span(node: Node, sentence: str, source: str | None) -> Span:
    """Found by its first and last words: lines rejoined or bold marks may differ from the source between."""
    if source:
        head, tail = sentence[:40], sentence[-20:]
        at = source.find(head, node.span.start, node.span.end)
        end = source.find(tail, at + len(head) - min(len(head), len(tail)), node.span.end) if at >= 0 else -1
        if at >= 0 and end >= 0:
            return Span(at, max(end + len(tail), at + len(head)), source.count("\n", 0, at) + 1)
    return node.span


def effective_date(doc: Document, source: str | None = None, parent: Document | None = None) -> EffectiveDate | None:
    """The document's effective date from its text (the last sentence about the document itself: the final
    provisions come last), with the dates its transition provisions set for some units. A document issued
    with another ("ban hành kèm theo Quyết định số ...") that states none takes its `parent`'s. `source` is
    the decoded text the spans refer to (for the sentence's exact span). None when nothing states it."""
    main: EffectiveDate | None = None
    provisions: list[ProvisionDate] = []
    until: str | None = None
    for node, chain in _walk(doc.nodes):
        for sentence in _sentences(node):
            if (own_end := _OWN_END.search(_QUOTED.sub("“”", sentence))):
                until = _iso(own_end.groups())
            found = _main_in(sentence, doc.date)
            if found:
                reading, exceptions = found
                main = EffectiveDate(reading.date, reading.rule, sentence, _span(node, sentence, source), node.eid,
                                     reading.days, reading.until, tuple(exceptions))
                continue
            provision = read_provision(sentence, doc.date, _article_of(chain, node))
            if provision:
                provisions.append(provision)
    if main is None:
        if parent is not None and parent is not doc:
            inherited = effective_date(parent, source)
            if inherited is not None:
                return _with(inherited, inherited_from=parent.number)
        return None
    return _with(main, provisions=main.provisions + tuple(provisions), until=main.until or until)


def _with(value: EffectiveDate, **changes: object) -> EffectiveDate:
    return replace(value, **changes)  # type: ignore[arg-type]


def parent_of(doc: Document, documents: tuple[Document, ...]) -> Document | None:
    """The document `doc` was issued with, among those of its file: the one whose number it prints, else
    (a draft's blank number) the document just before it that is not itself attached."""
    if not _attached(doc):
        return None
    if doc.parent_number:
        for other in documents:
            if other is not doc and other.number and number_key(other.number) == number_key(doc.parent_number):
                return other
    index = next((i for i, d in enumerate(documents) if d is doc), 0)
    for other in reversed(documents[:index]):
        if not _attached(other):
            return other
    return None


_ANNEX_LINE = re.compile(r"^\(?\s*(?:Ban\s+hành\s+(?:kèm\s+)?theo|kèm\s+theo)\s", re.IGNORECASE | re.MULTILINE)


def _attached(doc: Document) -> bool:
    return bool(doc.parent_number) or bool(_ANNEX_LINE.search(doc.preamble or ""))
