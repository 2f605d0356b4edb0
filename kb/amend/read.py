"""An amending document's instructions → typed `Operation`s on units of the amended document.

`read(doc)` walks the amending document's own tree (quoted blocks are the instructions' `quotes`, see
parsers/quotes.py) and reads every instruction clause:

- replace ("Sửa đổi, bổ sung Điều 6", "Khoản 2 Điều 3 được sửa đổi", "tên Điều 26": the heading only) and
  insert ("Bổ sung Điều 6a vào sau Điều 6", "khoản 8a", "điểm b1", "bổ sung điểm d vào khoản 1"): each quoted
  unit goes to the named unit of the same kind and number; a quoted unit the words do not name goes where
  the lead line puts it ("Sửa đổi, bổ sung một số khoản của Điều 55 như sau: “2. ...”");
- repeal ("Bãi bỏ khoản 10 Điều 8", several at once), suspension ("Đình chỉ việc thi hành ..."), annex
  replacement ("Thay thế Phụ lục I"), a whole document repealed ("Bãi bỏ Quyết định số ...");
- phrases: "thay (thế) cụm từ “A” bằng cụm từ “B” tại ...", "bỏ cụm từ “A” tại ...", "bổ sung cụm từ “A” vào
  trước/sau cụm từ “B” tại ..." (the places in the sentence or in the lettered lines under it; none: the
  whole document), and corrections ("đã in “A”, nay sửa lại là “B”").

Targets take the lead line's context (its article, clause) and the amended document is the one the
instruction, its article ("Điều 2. Sửa đổi, bổ sung một số điều của Luật Đê điều") or the document's title
and preamble name. Each operation takes effect on the date the amending document's effective-date article
sets for that instruction (`kb.validity.effective_date(...).on(eid)`). What cannot be read becomes a `Problem`
with the clause, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.amend.model import Operation, Problem, Target
from kb.amend.refs import LEVEL, Chain, chains, eid, fill
from kb.labels import eid_address
from kb.numbers import canonical_number
from parsers import patterns as P
from parsers.model import Document, Node, Quotation
from parsers.normalise import fold

# What a repeal of parts of a text says it repeals: words ("cụm từ"), "một số điều, khoản".
_OF_PARTS = re.compile(r"cụm\s+từ|một\s+số\s+(?:điều|khoản|điểm|nội\s+dung)", re.IGNORECASE)
_VERB = re.compile(
    r"(?<!\w)(?:sửa\s+đổi\s*,?\s*bổ\s+sung|sửa\s+đổi|sửa\s+lại|quy\s+định\s+lại|bổ\s+sung|bãi\s+bỏ|"
    r"thay\s+thế|thay(?!\s+đổi)|bỏ|đình\s+chỉ\s+(?:việc\s+)?thi\s+hành|đính\s+chính)(?!\w)",
    re.IGNORECASE,
)
_KIND_OF_VERB = {"sửa đổi, bổ sung": "replace", "sửa đổi bổ sung": "replace", "sửa đổi": "replace",
                 "sửa lại": "replace", "quy định lại": "replace", "bổ sung": "insert", "bãi bỏ": "repeal",
                 "thay thế": "replace", "thay": "replace", "bỏ": "repeal", "đình chỉ thi hành": "suspend",
                 "đình chỉ việc thi hành": "suspend", "đính chính": "correct"}
_PHRASE = re.compile(r"⟨(\d+)⟩")
_MASK = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")
_CLAUSES = re.compile(r";|\.(?=\s|$)|\n")
_LABEL = re.compile(r"^\s*(?:\d{1,3}[a-zđ]?\s?[.)]|[a-zđ]\d?\))\s*")
_PHRASE_WORD = r"(?:các\s+)?(?:từ\s+ngữ|cụm\s+từ|từ)"
_ITEM = re.compile(rf"(?<!\w){_PHRASE_WORD}\s*⟨(\d+)⟩", re.IGNORECASE)  # "cụm từ ⟨0⟩"
_BY = re.compile(rf"(?<!\w)bằng\s+(?:{_PHRASE_WORD}\s*)?⟨(\d+)⟩", re.IGNORECASE)  # "bằng cụm từ ⟨1⟩"
_NEW_PAIR = re.compile(rf"^\s*(?:và\s+)?{_PHRASE_WORD}\s*⟨\d+⟩[^;]*?(?<!\w)bằng(?!\w)", re.IGNORECASE)
_ADD_PHRASE = re.compile(rf"^\s*{_PHRASE_WORD}\s*⟨(\d+)⟩\s*(?:vào\s+)?(trước|sau)\s+(?:{_PHRASE_WORD}\s*)?⟨(\d+)⟩",
                         re.IGNORECASE)
_CORRECTION = re.compile(r"(?:đã\s+in|in\s+là|đã\s+ghi|ghi\s+là)\s*(?:là\s*)?:?\s*⟨(\d+)⟩.*?"
                         r"(?:sửa\s+lại|sửa\s+thành|đính\s+chính|đọc\s+là)(?:\s+(?:là|thành))?\s*:?\s*⟨(\d+)⟩",
                         re.IGNORECASE)
_PASSIVE = re.compile(r"(?<!\w)(?<!đã\s)được\s*$", re.IGNORECASE)  # "đã được sửa đổi ... theo Luật": a citation
# "Khoản 2 và khoản 5 Điều 3 được sửa đổi": the subject of a passive instruction names units and nothing else
_PASSIVE_SUBJECT = re.compile(r"^(?:(?:tên|nội\s+dung|toàn\s+bộ|các|một\s+số)\s+)*(?:điều|khoản|điểm|chương|mục|phần|"
                              r"tiểu\s+mục|phụ\s+lục)\s[^()]{0,160}$", re.IGNORECASE)
_NEAR = 80  # the first unit an instruction names follows its verb within so many characters
_WHOLE = re.compile(r"(?<!\w)(?:toàn\s+bộ|trong\s+(?:luật|nghị\s+định|thông\s+tư|văn\s+bản|quyết\s+định|bộ\s+luật))",
                    re.IGNORECASE)
_SUB_PART = re.compile(r"(?<!\w)(?:đoạn|câu|tiết|dòng)(?!\w)", re.IGNORECASE)
_DOC_TYPES = (r"Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Nghị\s+quyết(?:\s+liên\s+tịch)?|"
              r"Quyết\s+định|Chỉ\s+thị|Quy\s+chế|Quy\s+định")
# "của Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13", "của Nghị định số 150/2025/NĐ-CP"
_DOC_REF = re.compile(rf"(?:của|tại|vào|(?:điều|khoản|điểm|chương|mục)\s+[\w.]+)\s+(?:các\s+)?({_DOC_TYPES})(?!\w)"
                      rf"([^;:()“”\"\n]{{0,200}})", re.IGNORECASE)
_NAME_END = re.compile(r"\s+(?i:số|ngày|đã|như|được|và|năm|của|tại|theo|để|gồm)(?!\w)|[,.]\s+(?=[A-ZĐ]|và|số)|\.\s*$|$")
_NUMBER_AFTER = re.compile(r"^\s*(?:(?i:số)\s*[:.]?\s*)?" + P.DOC_NUMBER.pattern)
_NUMBER_IN = re.compile(r"(?<!\w)(?i:số)\s*(" + P.DOC_NUMBER.pattern + ")")
_INTRO = re.compile(r"(?<!\w)(?:đoạn|phần)\s+(?:mở\s+đầu|dẫn(?:\s+đầu)?)(?!\w)", re.IGNORECASE)
_BROKEN = re.compile(r"\n(?=\s*(?:[a-zđ]|Điều\s|Khoản\s|Điểm\s))")
_AFTER_COLON = re.compile(r"như\s+sau\s*:\s*(\S.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Reading:
    operations: tuple[Operation, ...]
    problems: tuple[Problem, ...]


@dataclass
class _Segment:
    kind: str  # replace, insert, repeal, suspend, correct, substitute, delete_phrase
    text: str  # the words after the verb (and before it, for "X được sửa đổi")
    start: int
    chains: list[Chain]
    phrase: bool = False


def read_operations(doc: Document) -> list[Operation]:
    """The operations of an amending document's instructions (see `read` for the problems too)."""
    return list(read(doc).operations)


def read(doc: Document) -> Reading:
    from kb.validity.effective import effective_date

    effective = effective_date(doc)
    reader = _Reader(doc, effective.on if effective else (lambda _eid: None))
    for node in doc.nodes:
        reader.visit(node, {}, reader.document)
    return Reading(tuple(reader.operations), tuple(reader.problems))


class _Reader:
    def __init__(self, doc: Document, when) -> None:
        self.doc = doc
        self.when = when
        self.source = doc.number
        self.operations: list[Operation] = []
        self.problems: list[Problem] = []
        self.texts = "\n".join([doc.title or "", doc.preamble] + [_own_text(n) for n in doc.walk()])
        self.document = self._document_named(doc.title or "", None) or self._document_named(doc.preamble, None)

    # --- which document is amended ------------------------------------------------------------------------
    def _document_named(self, text: str, default: str | None) -> str | None:
        for m in _DOC_REF.finditer(_MASK.sub(" ", text)):
            kind, rest = " ".join(m.group(1).split()), m.group(2)
            number = _NUMBER_AFTER.match(rest)
            if number is None:
                cut = _NAME_END.search(rest)
                name_part = rest[: cut.start()] if cut else rest
                num_in = _NUMBER_IN.search(rest[:200])
                if num_in and not re.search(r"[;:]", rest[: num_in.start()]):
                    return canonical_number(num_in.group(1))
                name = f"{kind} {name_part}".strip()
                if len(name_part.split()) == 0 or re.match(r"^\s*(?:này|đó|trên|nêu)\b", name_part, re.IGNORECASE):
                    continue
                return self._number_of(name) or " ".join(name.split())
            return canonical_number(number.group(1))
        return default

    def _number_of(self, name: str) -> str | None:
        """The number the amending document gives a law it names ("Luật Đê điều số 79/2006/QH11")."""
        key = re.escape(fold(name))
        m = re.search(key + r"\s+so\s*(\d+(?:\.\d+)?\s*/\s*(?:\d{4}\s*/\s*)?[a-z][a-z0-9]*(?:-[a-z0-9]+)*)",
                      fold(self.texts))
        return canonical_number(m.group(1)) if m else None

    # --- the walk -----------------------------------------------------------------------------------------
    def visit(self, node: Node, context: dict[str, str], document: str | None) -> None:
        text = _own_text(node)
        if node.kind == "dieu" and node.heading and node.text and _segments(_mask(node.text)[0]):
            # "Điều 2. Sửa đổi, bổ sung khoản 1 Điều 163 của Luật X" above "Bổ sung điểm đ vào sau điểm d ...": the
            # title is the lead line of the article's own instruction
            lead = _mask(node.heading)[0]
            document = self._document_named(lead, None) or document
            context = self._context(_segments(lead), context)
            text = node.text
        masked, phrases = _mask(text)
        segments = _segments(masked)
        document = self._document_named(masked, None) or document if segments or node.kind == "dieu" else document
        child_context = dict(context)
        if segments:
            consumed = self._read(node, segments, phrases, context, document)
            child_context = self._context(segments, context)
            if consumed:
                return
        elif node.quotes:
            self._problem(node, "Có phần trích dẫn nhưng không đọc được lệnh sửa đổi đi kèm")
        for child in node.children:
            self.visit(child, child_context, document)

    def _context(self, segments: list[_Segment], context: dict[str, str]) -> dict[str, str]:
        """What a lead line ("Sửa đổi, bổ sung một số khoản của Điều 4 như sau:") says the lines under it are in."""
        found = fill([c for s in segments for c in s.chains], context)
        unit = next((c for c in reversed(found) if c.role == "container"), None) or \
            next((c for c in found if c.role == "target"), None)
        if unit is None:
            return context
        return {k: n for k, n in unit.levels if k != "phuluc"}

    def _read(self, node: Node, segments: list[_Segment], phrases: list[str], context: dict[str, str],
              document: str | None) -> bool:
        """Operations of one instruction node; True when its children were read with it (as places)."""
        consumed = False
        before = len(self.operations)
        unit_segments = [s for s in segments if not s.phrase]
        filled = fill([c for s in unit_segments for c in s.chains], context)
        it = iter(filled)
        for s in unit_segments:
            s.chains = [next(it) for _ in s.chains]
        if not node.quotes and any(s.phrase for s in segments):
            # "Sửa đổi, bổ sung khoản 3 Điều 10 như sau: Thay thế cụm từ ...": the units named are the places
            named = [c for s in unit_segments if s.kind == "replace" for c in s.chains if c.role == "target"]
            if named:
                unit_segments = [s for s in unit_segments if s.kind != "replace"]
            context = {**context, **({k: n for k, n in named[-1].levels} if named else {})}
        for s in segments:
            if s.phrase:
                consumed |= self._phrase(node, s, phrases, context, document)
        content = [(q, top) for q in node.quotes for top in q.nodes]
        plain = [q for q in node.quotes if not q.nodes]
        instruction_children = any(_segments(_mask(_own_text(c))[0]) for c in node.children)
        self._units(node, unit_segments, content, plain, document, lead=instruction_children and not node.quotes,
                    context=context)
        if len(self.operations) == before and not any(p.source_eid == node.eid for p in self.problems) and \
                (node.quotes or any(s.chains for s in unit_segments)) and not instruction_children:
            self._problem(node, "Không đọc được lệnh sửa đổi")
        return consumed

    # --- units: replace, insert, repeal, suspend, annexes ------------------------------------------------------
    def _units(self, node: Node, segments: list[_Segment], content: list[tuple[Quotation, Node]],
               plain: list[Quotation], document: str | None, lead: bool, context: dict[str, str]) -> None:
        wanted: list[tuple[_Segment, Chain, str | None, str | None]] = []  # (segment, target, after, before)
        intro = next((s for s in segments if _INTRO.search(s.text)), None)
        if intro is not None and not plain and len(content) == 1 and not content[0][1].children:
            # "Sửa đổi, bổ sung đoạn mở đầu khoản 5 như sau: “5. Giám đốc ... có quyền:”": the quote repeats the
            # clause's number, its words are still only the opening paragraph
            plain, content = [Quotation(content[0][1].text, content[0][0].span)], []
        if intro is not None and len(plain) == 1 and not content:
            self._intro(node, intro, plain[0], document)
            segments = [s for s in segments if s is not intro]
            plain = []
        for s in segments:
            targets = [c for c in s.chains if c.role == "target"]
            anchor = next((c for c in s.chains if c.role in ("anchor", "before")), None)
            if s.kind in ("repeal", "suspend"):
                if not targets and not s.chains and not lead and not _OF_PARTS.search(s.text):
                    # not "Thay thế, bãi bỏ một số cụm từ của Luật X như sau:", a lead line over the
                    # lines that name the parts: only a text repealed by its own name goes as a whole
                    self._whole_document(node, s, document)
                for c in targets:
                    self._emit(node, s.kind, c, document)
                continue
            if s.kind == "correct":
                continue
            previous = None
            for c in targets:
                after = before = None
                if s.kind == "insert" and anchor is not None:
                    if anchor.role == "anchor":
                        after = previous or eid(anchor)
                    else:
                        before = eid(anchor)
                if not any(w[1].levels == c.levels and w[0].kind == s.kind for w in wanted):
                    wanted.append((s, c, after, before))  # "Sửa đổi khoản 3 Điều 8 của Luật X. Sửa đổi khoản 3 Điều 8"
                previous = eid(c)
        if lead:
            return  # a lead line: the lines under it hold the new words
        used: set[int] = set()

        def matching(unit: Node) -> int | None:
            key = (unit.kind, _norm(unit.kind, unit.num))
            return next((i for i, (_s, c, _a, _b) in enumerate(wanted)
                         if i not in used and (c.kind, c.levels[0][1]) == key), None)

        def place(q: Quotation, unit: Node, derive: bool) -> bool:
            match = matching(unit)
            if match is None:
                # the quote may hold its unit's context: "“2. Mức thuế suất 5% ...: q) Bán ...”" for "điểm q"
                inner = [place(q, child, False) for child in unit.children]
                if any(inner):
                    return True
                if derive:
                    self._derive(node, segments, q, unit, document, context)
                return False
            used.add(match)
            s, c, after, before = wanted[match]
            self._emit(node, "replace" if c.name else s.kind, c, document, content=(unit,), after=after,
                       before=before, heading=c.name)
            return True

        for q, unit in content:
            place(q, unit, True)
        left = [w for i, w in enumerate(wanted) if i not in used]
        if not plain and not content and len(left) == 1 and left[0][1].name and (m := _AFTER_COLON.search(node.text)):
            plain = [Quotation(m.group(1).strip().rstrip("."), node.span)]  # "Sửa đổi tên Điều 3 như sau: <tên>"
        for q in plain:
            if len(left) == 1 and not _SUB_PART.search(left[0][0].text):
                s, c, after, before = left.pop()
                made = _synthetic(c, q)
                self._emit(node, "replace" if c.name else s.kind, c, document, content=(made,), after=after,
                           before=before, heading=c.name)
            else:
                self._problem(node, f"Không đọc được phần trích dẫn «{_short(q.text)}»")
        for s, c, _after, _before in left:
            if c.kind == "phuluc":
                self._emit(node, "replace_annex", c, document)
            else:
                self._problem(node, f"Không thấy nội dung mới của {_address(c)} trong phần trích dẫn")

    def _intro(self, node: Node, s: _Segment, q: Quotation, document: str | None) -> None:
        """"Sửa đổi, bổ sung đoạn mở đầu của Điều 158" / "Bổ sung đoạn mở đầu vào trước khoản 1 Điều 51": the
        unit's own words before its clauses."""
        unit = next((c for c in s.chains if c.role in ("target", "container")), None)
        if unit is None:  # "vào trước khoản 1 Điều 51": the article holding that clause
            first = next((c for c in s.chains if c.role == "before"), None)
            unit = Chain(first.levels[1:]) if first is not None and len(first.levels) > 1 else None
        if unit is None or eid(unit) is None:
            self._problem(node, "Không rõ đoạn mở đầu thuộc đơn vị nào")
            return
        made = Node(unit.kind, unit.levels[0][1], None, q.text, eid(unit) or "", q.span)
        self._emit(node, "replace", unit, document, content=(made,), part="text")

    def _derive(self, node: Node, segments: list[_Segment], quote: Quotation, unit: Node, document: str | None,
                context: dict[str, str]) -> None:
        """A quoted unit the words do not name: it goes in the unit the instruction's words put it in."""
        kind = unit.kind
        if kind not in LEVEL:
            self._problem(node, f"Không đọc được phần trích dẫn «{_short(quote.text)}»")
            return
        outer: dict[str, str] = dict(context)
        for s in segments:
            for c in s.chains:
                if c.top > LEVEL[kind]:
                    outer.update({k: n for k, n in c.levels if LEVEL[k] > LEVEL[kind]})
        chain = Chain(((kind, _norm(kind, unit.num) or ""),)).with_outer(outer)
        if eid(chain) is None or unit.num is None:
            self._problem(node, f"Không rõ {_unit_words(unit)} trong phần trích dẫn thuộc đơn vị nào")
            return
        verbs = [s for s in segments if s.kind in ("replace", "insert")]
        if not verbs:
            self._problem(node, f"Không đọc được lệnh cho {_unit_words(unit)} trong phần trích dẫn")
            return
        self._emit(node, verbs[0].kind, chain, document, content=(unit,))

    def _whole_document(self, node: Node, s: _Segment, document: str | None) -> None:
        named = self._document_named("của " + s.text, None)
        if named and re.search(r"\d", named):
            self.operations.append(Operation(s.kind, Target(named, ""), self.source, node.eid, node.span,
                                             effective=self.when(node.eid)))

    def _emit(self, node: Node, kind: str, chain: Chain, document: str | None, content: tuple[Node, ...] = (),
              after: str | None = None, before: str | None = None, heading: bool = False,
              old: str | None = None, new: str | None = None, part: str = "unit") -> None:
        target = eid(chain) if chain.levels else ""
        if target is None:
            self._problem(node, f"Không rõ {_address(chain)} thuộc điều nào")
            return
        if kind == "replace" and chain.kind == "phuluc":
            kind = "replace_annex"
        self.operations.append(Operation(kind, Target(document, target, "heading" if heading else part),
                                         self.source, node.eid, node.span, content=content, after=after,
                                         old=old, new=new, effective=self.when(node.eid), before=before))

    # --- phrases --------------------------------------------------------------------------------------------
    def _phrase(self, node: Node, s: _Segment, phrases: list[str], context: dict[str, str],
                document: str | None) -> bool:
        """A phrase instruction; True when the lines under it are its places.

        "thay (thế) cụm từ ⟨A⟩ [tại P] (, cụm từ ⟨A2⟩ tại P2 ...) bằng cụm từ ⟨B⟩ [tại P; tại Q của Luật Y]",
        "bỏ cụm từ ⟨A⟩ tại P, cụm từ ⟨A2⟩ tại P2", "bổ sung cụm từ ⟨A⟩ (vào) trước/sau cụm từ ⟨B⟩ tại P",
        "... đã in ⟨A⟩ ... sửa lại là ⟨B⟩"."""
        text = s.text
        pairs = _pairs(text) if s.kind == "replace" and not _CORRECTION.search(text) else []
        if len(pairs) > 1:  # "thay từ ⟨A⟩ bằng từ ⟨B⟩ tại P; cụm từ ⟨C⟩ bằng cụm từ ⟨D⟩ tại Q": each pair its places
            return any([self._phrase(node, replace(s, text=p), phrases, context, document) for p in pairs])  # noqa: C419 -- every pair is read
        items: list[tuple[str, str, str, str]] = []  # (kind, old, new, its own places' words)
        common = ""
        if s.kind == "correct" or _CORRECTION.search(text):
            m = _CORRECTION.search(text)
            if m is None:
                return False  # "Đính chính, thu hồi giấy chứng nhận": a heading, not a correction
            items.append(("correct", phrases[int(m.group(1))], phrases[int(m.group(2))], ""))
            common = text[: m.start()] + " " + text[m.end():]
        elif m := _ADD_PHRASE.match(text):
            added, where, anchor = phrases[int(m.group(1))], m.group(2).lower(), phrases[int(m.group(3))]
            new = f"{added} {anchor}" if where == "trước" else _join(anchor, added)
            items.append(("substitute", anchor, new, ""))
            common = text[m.end():]
        elif s.kind in ("replace", "repeal"):
            by = _BY.search(text) if s.kind == "replace" else None
            if s.kind == "replace" and by is None:
                self._problem(node, "Không đọc được lệnh thay thế từ ngữ")
                return False
            olds = text[: by.start()] if by else text
            common = text[by.end():] if by else ""
            found = list(_ITEM.finditer(olds))
            if not found:
                self._problem(node, "Không đọc được lệnh thay thế từ ngữ")
                return False
            if not by:  # "bỏ cụm từ ⟨A⟩ tại P": what follows the last phrase is its places, not the others'
                common = olds[found[-1].end():]
                olds = olds[: found[-1].end()]
            for i, f in enumerate(found):
                own = olds[f.end(): found[i + 1].start() if i + 1 < len(found) else len(olds)]
                kind = "substitute" if by else "delete_phrase"
                items.append((kind, phrases[int(f.group(1))], phrases[int(by.group(1))] if by else "", own))
        else:
            self._problem(node, "Không đọc được lệnh thay thế từ ngữ")
            return False
        consumed = False
        shared = self._places(common, context, document)
        if not shared and node.children and not _WHOLE.search(common) and \
                not any(chains(own) for *_x, own in items):
            words = " ; ".join(_mask(_own_text(child))[0] for child in node.children)
            shared = self._places(words, context, document)
            consumed = bool(shared)
        for kind, old, new, own in items:
            places = self._places(own, context, document) or shared or [(Chain(()), document)]
            for place, doc in places:
                self._emit(node, kind, place, doc, old=old, new=new)
        return consumed

    def _places(self, words: str, context: dict[str, str], document: str | None) -> list[tuple[Chain, str | None]]:
        """The units a phrase instruction names, each with its document ("tại khoản 2 Điều 12 của Luật A; tại
        khoản 1 Điều 169 của Luật B")."""
        out: list[tuple[Chain, str | None]] = []
        for piece in re.split(r";", words):
            doc = self._document_named(piece, None) or document
            out.extend((c, doc) for c in fill(chains(piece), context) if c.role not in ("anchor", "before"))
        return out

    def _problem(self, node: Node, message: str) -> None:
        text = _short(_own_text(node), 120)
        self.problems.append(Problem(self.source, node.eid, node.span, f"{message}: «{text}»"))


# --- helpers -------------------------------------------------------------------------------------------------
def _own_text(node: Node) -> str:
    if node.kind in ("dieu", "chuong", "muc", "phan") and node.heading:
        return f"{node.heading}. {node.text}" if node.text else node.heading
    return node.text


def _pairs(text: str) -> list[str]:
    """A replace instruction's words cut where a new "(cụm) từ ⟨C⟩ ... bằng ..." pair starts after ";"; the
    pieces between (", tại khoản 3 của Luật Y") stay with the pair before them."""
    groups: list[str] = []
    for piece in text.split(";"):
        if groups and _NEW_PAIR.match(piece):
            groups.append(piece)
        elif groups:
            groups[-1] += ";" + piece
        else:
            groups.append(piece)
    # "thay cụm từ ⟨A⟩ tại P; cụm từ ⟨A2⟩ tại P2 bằng cụm từ ⟨B⟩": one pair with several olds, not several pairs
    return groups if all(_BY.search(g) for g in groups) else [text]


def _mask(text: str) -> tuple[str, list[str]]:
    """The text with each quoted phrase replaced by "⟨i⟩", and the phrases (marks removed)."""
    phrases: list[str] = []

    def keep(m: re.Match[str]) -> str:
        phrases.append(m.group()[1:-1])
        return f"⟨{len(phrases) - 1}⟩"

    return _MASK.sub(keep, text), phrases


def _segments(masked: str) -> list[_Segment]:
    """The instruction clauses of a node's text: each verb that opens a clause (or follows "được", or joins
    another verb's words: "khoản 8 và bổ sung khoản 8a") starts a segment."""
    out: list[_Segment] = []
    pos = 0
    masked = _BROKEN.sub(" ", masked)  # "tại khoản 2\nĐiều 25": one sentence broken over two lines
    for clause in _CLAUSES.split(masked):
        start = masked.find(clause, pos)
        pos = start + len(clause)
        body = re.sub(r"^\s*(?:nay\s+)?", "", _LABEL.sub("", clause), flags=re.IGNORECASE)
        lead = len(clause) - len(body)
        if _corrective(body):  # "Tại khoản 1 Điều 5 đã in “A”, nay sửa lại là “B”"
            out.append(_Segment("correct", body, start + lead, [], True))
            continue
        verbs = list(_VERB.finditer(body))
        if not verbs:
            if out and out[-1].phrase and body.strip():
                out[-1].text += " ; " + body  # the places of a phrase instruction go on after ";"
            continue
        first = verbs[0]
        prefix = body[: first.start()]
        passive = bool(_PASSIVE.search(prefix)) and bool(_PASSIVE_SUBJECT.match(prefix[: _PASSIVE.search(prefix).start()]))
        if first.start() > 0 and not passive:
            if out and out[-1].phrase and out[-1].start < start:
                out[-1].text += " ; " + body  # "...; tại khoản 1 Điều 169 của Luật Đất đai": more places
            continue  # a verb inside a sentence ("đề nghị sửa đổi ..."): not an instruction
        for i, v in enumerate(verbs):
            if i and not _joins(body[verbs[i - 1].end(): v.start()], v, body):
                continue
            end = next((w.start() for w in verbs[i + 1:] if _joins(body[v.end(): w.start()], w, body)), len(body))
            words = body[v.end(): end]
            if i == 0 and passive:
                words = prefix[: _PASSIVE.search(prefix).start()] + " " + words
            verb = " ".join(v.group().lower().replace(",", ", ").split()).replace(" ,", ",")
            kind = _KIND_OF_VERB.get(verb, _KIND_OF_VERB.get(verb.split(" việc")[0], "replace"))
            phrase = bool(re.match(rf"\s*{_PHRASE_WORD}\s*⟨", words, re.IGNORECASE)) or kind == "correct" \
                or bool(_CORRECTION.search(words))
            offset = start + lead + v.end()
            found = [] if phrase else [c for c in chains(words, offset) if c.role != "ref"]
            if found and not passive and found[0].start - offset > _NEAR:
                found = []  # "Bổ sung giá đất ... quy định tại khoản 6 Điều 3": a reference, not a target
            out.append(_Segment(kind, words, offset, found, phrase))
    return out


def _corrective(body: str) -> bool:
    return bool(_CORRECTION.search(body))


def _joins(between: str, verb: re.Match[str], body: str) -> bool:
    """Does the verb open another instruction of the same sentence ("... khoản 8 và bổ sung khoản 8a")?"""
    between = between.strip()
    if not between:
        return False  # "sửa đổi, bổ sung" read as one verb already; "bãi bỏ" twice: one
    tail = between[-12:].lower()
    return bool(re.search(r"(?:và|,|đồng\s+thời|;)\s*$", tail)) or between.endswith(",")


def _norm(kind: str, num: str | None) -> str | None:
    if num is None:
        return None
    if kind in ("diem", "khoan", "dieu"):
        return num.lower()
    return num.upper() if re.fullmatch(r"[ivxlc]+", num, re.IGNORECASE) else num


def _synthetic(chain: Chain, quote: Quotation) -> Node:
    """A quoted text without its own label ("Sửa đổi khoản 3 như sau: “<the clause's words>”") as the unit."""
    kind, num = chain.levels[0]
    if chain.name:
        return Node(kind, num, quote.text.strip(), "", eid(chain) or "", quote.span)
    return Node(kind, num, None, quote.text, eid(chain) or "", quote.span)


def _join(before: str, added: str) -> str:
    return before + added if added[:1] in ",.;:)" else f"{before} {added}"


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _address(chain: Chain) -> str:
    names = {"diem": "điểm", "khoan": "khoản", "dieu": "Điều", "muc": "Mục", "chuong": "Chương", "phan": "Phần",
             "phuluc": "Phụ lục"}
    target = eid(chain)
    if target:
        return eid_address(target)
    return " ".join(f"{names[k]} {n}" for k, n in chain.levels)


def _unit_words(node: Node) -> str:
    names = {"diem": "điểm", "khoan": "khoản", "dieu": "Điều", "muc": "Mục", "chuong": "Chương", "phan": "Phần"}
    return f"{names.get(node.kind, node.kind)} {node.num or ''}".strip()

