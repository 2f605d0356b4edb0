"""Duties: who must do what, by when, read from a document the way a reader does.

The spaCy pipeline (`kb.duties.nlp`: blank multi-language tokenizer + token keys, actors, role verbs)
marks each paragraph; `extract_duties` then walks the document tree with the context a reader keeps:

- the subject of a sentence bears the duty ("Sở Tư pháp chủ trì ... đối với Ủy ban nhân dân cấp xã":
  Sở Tư pháp's); actors after "của", "với", "cho", "trình" ... are objects, not bearers; a list of bearers
  may run across ";" and past titles, places and catch-alls the registry lacks;
- the one who asks hands the task over: in "UBND tỉnh yêu cầu / giao / đề nghị X ..." X bears it;
- a sentence without a subject takes the bearers of the innermost heading or lead line above it
  (`kb.duties.bearers`: one rule for "1. Trách nhiệm của Sở Tư pháp", "2. Các sở, ban, ngành", "Ủy ban
  nhân dân cấp xã:", "các Sở: Tư pháp, Nội vụ", "A chủ trì, phối hợp với B:" ...), or of its own earlier
  clause after ";", or, at the top level, of the preamble's closing "... yêu cầu X thực hiện các nhiệm vụ sau:";
- each predicate the bearer is given has the role of its head verb (`kb.duties.predicates`); "Đề nghị X
  ..." is a request (role `de_nghi`, X's only role in the unit); "A chủ trì, phối hợp với B" gives B a
  `phoi_hop` duty; after "chỉ đạo X ..." what follows is X's work;
- a plan's task block (children "- Cơ quan chủ trì: ...", "- Cơ quan phối hợp: ...", "- Thời gian
  thực hiện: ...", "- Sản phẩm: ...") is one task with its lead, co-ordinators, deadline and product;
- "Phạm vi điều chỉnh", "Đối tượng áp dụng", definitions, criteria and funding sections, rights ("được
  quyền"), the issuer's "trân trọng thông báo", lines of legal basis and a glued Nơi nhận list give no duty.

One duty per (actor, role) per clause; a clause naming several actors gives each its own duty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from kb.duties.actors import Registry, document_registry, load_registry
from kb.duties.bearers import NAME_WORDS, bearer_line, directed_line
from kb.duties.deadlines import Found as FoundDeadline
from kb.duties.deadlines import closing_deadline, find_deadlines, parse_deadline, pick
from kb.duties.nlp import Mark, analyse
from kb.duties.nlp import marks as _marks
from kb.duties.nlp import norm as _norm
from kb.duties.nlp import span_text as _span_text
from kb.duties.nlp import token_range as _token_range
from kb.duties.nlp import word as _word
from kb.duties.predicates import is_action, predicate_roles
from kb.model import Deadline, Duty
from parsers.model import Document, Node, ParseResult, Span

# Tokens allowed between the actors of one subject ("Các sở, ban, ngành; UBND cấp huyện và ...").
_JOINERS = {",", "và", "các", "hoặc", "cùng", ";", "/", "-"}
# A subject starts a clause: at its start, after punctuation, or after a word that hands the task over.
_SUBJECT_AFTER = {",", ";", ":", "thì", ".", "giao", "cầu", "đó", "nghị"}
# The one who asks hands the task to the actors after these ("UBND tỉnh yêu cầu các sở ...").
_HANDOVER_VERBS = {("yêu", "cầu"), ("đề", "nghị")}
_HANDS_OVER = re.compile(r"\b(?:yêu\s+cầu|giao|đề\s+nghị)\b", re.IGNORECASE)
_TITLE_WORDS = {"giám", "đốc", "thủ", "trưởng", "chủ", "tịch", "lãnh", "đạo", "các", "đồng", "chí", ","}
_NOI_NHAN = re.compile(r"(?:\./\.|[.;:]|^)\s*Nơi\s+nhận\b", re.IGNORECASE | re.MULTILINE)
# A unit's first line that is its title, not a sentence ("Trách nhiệm trong việc quản trị ứng dụng").
_TITLE_LINE = re.compile(r"^\s*(?:trách\s+nhiệm|nhiệm\s+vụ|quyền\s+hạn)\b[^.;:!?]{0,120}$", re.IGNORECASE)
# A clause detailing the one before ("...; trong đó lưu ý ..."), not a task of its own.
_WITHIN = re.compile(r"^\s*trong\s+đó\b", re.IGNORECASE)
# The issuer speaking of itself ("Văn phòng UBND tỉnh trân trọng thông báo ..."): no duty.
_ISSUER = re.compile(r"^\s*(?:xin\s+)?(?:trân\s+trọng\b|(?:thông\s+báo|trả\s+lời|có\s+ý\s+kiến)\s+(?:để|cho)\s[^.;]*\bbiết\b|"
                     r"nhận\s+được\b)", re.IGNORECASE)  # the issuer replying "... để X biết", "nhận được công văn ..."
# A sanction the bearer suffers, not a duty ("..., tùy theo mức độ, bị xem xét, xử lý theo quy định").
_SANCTIONED = re.compile(r"(?:^|,)\s*bị\s+(?:xem\s+xét|xử\s+lý|xử\s+phạt|kỷ\s+luật|truy\s+cứu|thu\s+hồi|hủy|huỷ)",
                         re.IGNORECASE)
# A passive sentence ("Tiền thưởng thu hồi được nộp vào Quỹ ...") does not continue the subject before it.
_PASSIVE = re.compile(r"^\s*(?:\S+\s+){1,4}được\s", re.IGNORECASE)
# Words before an actor's name that do not stop it from being the subject ("Các đồng chí Bộ trưởng").
_BEFORE_NAME = {"các", "đồng", "chí", "tất", "cả"}
# Place and level words that end a name the registry holds without them ("... tỉnh", "... cấp tỉnh").
# Verbs of sending that open a predicate after a list of bearers ("... gửi hồ sơ về Sở Nội vụ").
_SENDS = {"gửi", "nộp", "trình", "chuyển"}
# Nouns that head a body's name ("đơn vị thuộc thành phố", "cơ quan, đơn vị đóng trên địa bàn").
_BODY_NOUNS = {"cơ", "đơn", "tổ", "ban", "sở", "phòng", "văn", "chánh", "giám", "thủ", "chủ"}
_PLACE_WORDS = {"tỉnh", "thành", "phố", "huyện", "cấp", "trực", "thuộc", "trung", "ương"}
# The head of a name the registry knows only the rest of ("Ủy ban Mặt trận Tổ quốc tỉnh").
_NAME_HEADS = {"Ủy", "Uỷ", "Ban"}
# What cannot follow a subject (the actors are a modifier or an enumeration, not a clause's subject).
_NOT_PREDICATE = {"của", "thuộc", "về", "cùng", ".", ";", ")", "(", "đối", "./.", "/", "-"}
_MODALS = {"chủ", "có", "tiếp", "phải", "chịu", "cần"}
# Adverbial openers of a clause without a subject ("Căn cứ ..., tham mưu ..."): the verb comes after them.
_OPENER = re.compile(r"^\s*(?:căn\s+cứ|trên\s+cơ\s+sở|trong\s(?!phạm\s+vi)|khi\s|sau\s+khi|trường\s+hợp|theo\s(?!chức\s+năng|dõi\b)|"
                     r"hàng\s+năm|hằng\s+năm|đối\s+với\s[^,;]{3,120},)",
                     re.IGNORECASE)
_REQUEST = re.compile(r"^\s*(?:[-+•]\s*)?đề\s+nghị\b", re.IGNORECASE)
_HANDOVER = re.compile(r"^\s*(?:giao(?:\s+cho)?|yêu\s+cầu|đề\s+nghị)\s+", re.IGNORECASE)
_NO_DUTY_HEADING = re.compile(
    r"phạm\s+vi\s+điều\s+chỉnh|đối\s+tượng\s+áp\s+dụng|giải\s+thích\s+từ\s+ngữ|mục\s+đích",
    re.IGNORECASE,
)
# A lead-in whose list gives cases or conditions, not tasks ("... trong các trường hợp sau:").
_LISTS_CASES = re.compile(r"trường\s+hợp|điều\s+kiện|\bgồm\b|tiêu\s+chí|hồ\s+sơ|nguyên\s+tắc", re.IGNORECASE)
# ... unless the lead-in gives a duty: "Sở Tài chính có trách nhiệm quản lý về nghiệp vụ, bao gồm:".
_LISTS_DUTIES = re.compile(r"(?:có|chịu)\s+trách\s+nhiệm|có\s+nhiệm\s+vụ", re.IGNORECASE)
_CRITERIA_HEADING = re.compile(r"^\s*(?:tiêu\s+chí|tiêu\s+chuẩn)\b", re.IGNORECASE)
# A right, not a duty: "Sở Tài chính được quyền khai thác ...", "có quyền yêu cầu ...".
_RIGHT = re.compile(r"^\s*(?:[^\s,;.]+\s+){0,4}?(?:(?:được|có)\s+(?:quyền|phân\s+quyền)|được\s+(?:cấp|hưởng|tặng|cung\s+cấp))\b",
                    re.IGNORECASE)
# Answering for things ("Chịu trách nhiệm về các hồ sơ, tài liệu ...", "... đối với những hậu quả ...") and a
# catch-all without a verb ("Các nghĩa vụ khác theo quy định của pháp luật"): no action, so no duty. ("Chịu
# trách nhiệm trước Chủ tịch UBND tỉnh về kết quả thực hiện" stays the duty to deliver those results.)
_THEN_ACTS = r"(?!(?:(?!\bvà\s).)*\bvà\s+(?:thực\s+hiện|tổ\s+chức|báo\s+cáo|chủ\s+trì|phối\s+hợp))"  # "... và thực hiện ..."
_NO_ACTION = re.compile(
    r"^\s*(?:(?:phải|cùng)\s+)?(?:chịu\s+trách\s+nhiệm\s+(?:về|đối\s+với)\s" + _THEN_ACTS
    + r"|(?:các\s+)?(?:nghĩa\s+vụ|nhiệm\s+vụ|quyền(?:\s+hạn)?)\s+khác\b)", re.IGNORECASE)
# A clause after ";" that opens with a noun continues the object before it ("...; văn bản hướng dẫn ...",
# "...; dự toán kinh phí hàng năm ..."): no duty of its own.
_NOUN_START = re.compile(r"^\s*(?:văn\s+bản|dự\s+toán|kinh\s+phí|hồ\s+sơ|danh\s+sách|danh\s+mục|số\s+liệu|kết\s+quả|"
                         r"tình\s+hình|cơ\s+chế|chính\s+sách|cách\s+thức|biểu\s+mẫu|những|các)\b", re.IGNORECASE)
# The closing article's "A, B; C và D chịu trách nhiệm thi hành Quyết định này": everyone listed before it.
_EXECUTES = re.compile(r"\b(?:chịu|có)\s+trách\s+nhiệm\s+(?:tổ\s+chức\s+)?thi\s+hành\s+(?:\S+\s+){0,3}?này\b",
                       re.IGNORECASE)
# Words before a body that make it the parent of the one listed ("đơn vị sự nghiệp thuộc Ủy ban nhân dân ...").
_PARENT_BEFORE = re.compile(r"(?:\bthuộc|\bcủa|\btrên\s+địa\s+bàn|\bvới)\s*$", re.IGNORECASE)
# A line of legal basis inside a unit ("Căn cứ Nghị định số ...;"): no duty.
_BASIS = re.compile(r"^\s*căn\s+cứ\s+(?:luật|bộ\s+luật|nghị\s+định|nghị\s+quyết|quyết\s+định|thông\s+tư|chỉ\s+thị|"
                    r"phương\s+án|công\s+văn|hiến\s+pháp|pháp\s+lệnh)\b.*;\s*$", re.IGNORECASE | re.DOTALL)
# A sentence opening with a noun like these has a subject of its own, one the registry does not know
# ("Người đứng đầu trực tiếp chỉ đạo ..."): it does not continue the sentence before.
_NAMES_SOMEONE = re.compile(
    r"^\s*(?:người|cơ\s+quan|đơn\s+vị|các|công\s+chức|cán\s+bộ|cá\s+nhân|lãnh\s+đạo|thủ\s+trưởng|việc|"
    r"trường\s+hợp|nội\s+dung|kinh\s+phí|hồ\s+sơ)\b",
    re.IGNORECASE,
)
_NO_DUTY_PARAGRAPH = re.compile(r"^\s*(?:[-+•*]\s*)?đối\s+tượng\b", re.IGNORECASE)
_CONDITION = re.compile(
    r"\(?\b(nếu\s+(?:thấy\s+)?cần\s+thiết|nếu\s+có\s+[^,;.()]+|khi\s+có\s+yêu\s+cầu(?:\s+của\s+[^,;()]+)?|"
    r"khi\s+được\s+[^,;.()]+|trường\s+hợp\s+[^,;()]+|khi\s+cần\s+thiết|khi\s+có\s+[^,;.()]+)",
    re.IGNORECASE,
)
_RECIPIENT_CUE = ("qua", "gửi", "về", "thông qua", "nộp", "tới", "đến")
_WHO = r"(?:cơ\s+quan|đơn\s+vị|đợn\s+vị|bộ\s+phận|bộ|sở|ngành|người|cá\s+nhân|lực\s+lượng|địa\s+phương|chủ\s+thể)"
_ROLE_WORD = (r"(?:chủ\s+trì|thực\s+hiện|phụ\s+trách|tiếp\s+nhận|xử\s+lý|phối\s+hợp|tham\s+gia|đầu\s+mối|tham\s+mưu|"
              r"giải\s+quyết|triển\s+khai|được\s+giao|được\s+phân\s+công)")
_JOIN = r"\s*(?:,|/|\bvà\b|\bhoặc\b|&)\s*"
_WHOS = rf"{_WHO}(?:{_JOIN}{_WHO})*"
# ("tổ chức" is no head: "Tổ chức thực hiện" is a heading.)
# Labels of a plan's task block.
_LABEL = re.compile(
    r"^\s*(?P<label>(?:cơ\s+quan|đơn\s+vị|đợn\s+vị|bộ\s+phận)\s+(?P<what>chủ\s+trì|thực\s+hiện|phối\s+hợp|thực\s+hiện\s+chính)"
    r"[^:]{0,80}|"
    # the other forms of a bearer column ("Cơ quan, đơn vị chủ trì:", "Bộ phận phụ trách:", "Chủ trì:")
    rf"(?P<who>(?:{_WHOS}|trách\s+nhiệm)\s+{_ROLE_WORD}(?:(?:{_JOIN}|\s+){_ROLE_WORD})*(?:[\s,]+[^\s,;:|]+){{0,4}}"
    r"|(?:chủ\s+trì|phối\s+hợp)(?:\s+thực\s+hiện)?)|"
    r"thời\s+(?:gian|hạn)[^:\n]{0,40}|"
    r"sản\s+phẩm(?:\s+\(?đầu\s+ra\)?|\s+dự\s+kiến)?|kết\s+quả(?:\s+(?:dự\s+kiến|đầu\s+ra))?|"
    r"nội\s+dung(?:\s+(?:thực\s+hiện|công\s+việc))?)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "Thời gian thực hiện: thường xuyên." written as a sentence of the clause itself.
_TIME_LINE = re.compile(r"(?:^|[.\n]\s*)thời\s+(?:gian|hạn)(?:\s+thực\s+hiện|\s+hoàn\s+thành)?\s*:\s*([^\n]+)", re.IGNORECASE)
_RANGE = re.compile(r"từ\s+(?P<a>\d+(?:\.\d+)*)\s+đến\s+(?P<b>\d+(?:\.\d+)*)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ])|\n+")


# --- clause-level reading ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    """A duty before it is placed in a document: actor, role and what the words say."""

    actor: str
    role: str
    action: str
    sentence: str
    deadline: Deadline | None = None
    recipient: str | None = None
    condition: str | None = None
    inherited: bool = False  # the bearer is the heading's or lead line's, not the sentence's subject


def _ids(span: Mark) -> list[str]:
    return span.label_.split("+")


# Words of generic heads a list of bodies may hold between two names ("các Sở, ban, ngành, đơn vị và UBND cấp xã").
_LIST_HEADS = frozenset({"đơn", "vị", "cơ", "quan", "ngành", "tổ", "chức", "đoàn", "thể"})


def _runs(doc: Doc, start: int, end: int, masked: set[int]) -> list[tuple[int, int, list[str]]]:
    """Groups of actor mentions joined by commas/"và" within tokens [start, end): (first, last+1, ids)."""
    runs: list[tuple[int, int, list[str]]] = []
    for span in _marks(doc, "actors"):
        if span.start < start or span.end > end or span.start in masked:
            continue
        gap = range(runs[-1][1], span.start) if runs else range(0)
        if runs and (all(_norm(doc, i) in _JOINERS or _word(doc, i) in {"(", ")"} or (i in masked and i + 1 < span.start)
                         for i in gap) and any(_word(doc, i) not in {"(", ")"} for i in gap) or (
                all(_norm(doc, i) in _JOINERS or _norm(doc, i) in _PLACE_WORDS or _word(doc, i)[:1].isupper()
                    for i in gap)
                and any(_norm(doc, i) in {",", "và", ";"} for i in gap)) or (  # "Ủy ban MTTQ tỉnh, các tổ chức ..."
                all(_norm(doc, i) in _JOINERS or _norm(doc, i) in _LIST_HEADS for i in gap)
                and any(_norm(doc, i) in {",", "và"} for i in gap))):  # "các Sở, ban, ngành, đơn vị và UBND cấp xã"
            s, _e, ids = runs[-1]
            runs[-1] = (s, span.end, ids + [i for i in _ids(span) if i not in ids])
        else:
            runs.append((span.start, span.end, list(_ids(span))))
    return runs


def _masked(doc: Doc, start: int, end: int, found: list[FoundDeadline] | None = None) -> set[int]:
    """Tokens inside parentheses or deadline phrases ("kể từ ngày Thủ tướng ban hành ...")."""
    out: set[int] = set()
    depth = 0
    words = doc.user_data["words"]  # `_word`, without a call per token
    norms = doc.user_data["norms"]
    for i in range(start, end):
        t = words[i]
        if t == "(" and not depth and i + 1 < end and norms[i + 1] == "và":
            continue  # "Thuế Thành phố Hà Nội (và Thuế cơ sở)": the bodies added to a list are in it
        if t == "(":
            depth += 1
        if depth:
            out.add(i)
        if t == ")" and depth:
            depth -= 1
    text = _span_text(doc, start, end)
    base = doc.user_data["idx"][start] if end > start else 0
    for f in find_deadlines(text) if found is None else found:
        tokens = _token_range(doc, base + f.start, base + f.end)
        if tokens is not None:
            out.update(range(*tokens))
    return out


def _subject(doc: Doc, start: int, end: int, masked: set[int]) -> tuple[int, int, list[str]] | None:
    """The actors a clause is about: a group of actors that opens the clause (at its start, after a comma
    or after "Giao"/"Yêu cầu") and is followed by its predicate."""
    runs = _runs(doc, start, end, masked)
    for k, (s, e, ids) in enumerate(runs):
        if _in_object_list(doc, s, start):
            continue
        past, more = _past_name_tail(doc, e, end)
        if past > e and _clause_start(doc, s, start):
            # "Sở Nội vụ thành phố Hà Nội có trách nhiệm ...", "...; các tổ chức, cá nhân có liên quan chịu ..."
            return s, past, list(ids) + [i for i in more if i not in ids]
        if _opens_clause(doc, s, e, start, end):
            return _extend(doc, (s, e, list(ids)), runs[k + 1:], end)
    # "... hướng dẫn của Bộ quản lý chuyên ngành, các Sở, ngành tỉnh chủ động ban hành": the tail of a
    # group opens the clause when a modal ("chủ động", "có trách nhiệm") marks what follows as its duty.
    for s, e, _ids in runs:
        for span in _marks(doc, "actors"):
            if s < span.start < e and _norm(doc, span.start - 1) == "," and e < end and _norm(doc, e) in _MODALS:
                tail = _runs(doc, span.start, e, masked)
                if tail:
                    return tail[0]
    return None


_SENT_TO = frozenset({"gửi", "tới"})


def _in_object_list(doc: Doc, s: int, start: int) -> bool:
    """Whether actors at S after a comma continue the list a "phối hợp (với)" or "chỉ đạo" opened ("phối hợp
    với các cơ quan Trung ương, Bộ Tài chính trong việc ...", "chỉ đạo phòng chuyên môn, các cơ quan có liên
    quan rà soát"): they are partners or the directed ones, not a new subject."""
    if s <= start or _norm(doc, s - 1) != ",":
        return False
    verbs = [m for m in _marks(doc, "roles") if start <= m.start < s]
    sent = max((i + 1 for i in range(start, s) if _norm(doc, i) in _SENT_TO), default=None)
    if sent is not None and (not verbs or verbs[-1].start < sent):
        # "báo cáo ... gửi các cơ quan có thẩm quyền, ..., cơ quan báo chí": who receives it, to the clause's
        # end, unless its own predicate follows ("... gửi Sở Nội vụ, Sở Nội vụ tổng hợp ...")
        e = next((m.end for m in _marks(doc, "actors") if m.start == s), s)
        return not any(_word(doc, i) in {";", ".", ":"} for i in range(sent, s)) and not _is_predicate(doc, e, len(doc))
    if not verbs or verbs[-1].label_ not in ("phoi_hop", "chi_dao"):
        return False
    # nothing but names in between: the list goes on ("phối hợp với Đài truyền hình Việt Nam, Tập đoàn ..., Văn
    # phòng Chính phủ"); a verb or a ";" in between would have closed it
    gap = range(verbs[-1].end, s)
    return not any(_word(doc, i) in {";", ".", ":"} or _norm(doc, i) in {"để", "nhằm"}
                   or (not _word(doc, i)[:1].isupper() and is_action(doc, i, s)) for i in gap)


def _past_name_tail(doc: Doc, e: int, end: int) -> tuple[int, list[str]]:
    """Where the predicate starts after a subject whose last words the registry does not cover, and the
    actors named on the way: its place ("Sở Nội vụ thành phố Hà Nội có trách nhiệm ..."), more bearers
    and titles ("...; Chủ tịch Ủy ban Mặt trận ...; Thủ trưởng các sở ...") or a catch-all closing the list
    ("...; các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành"); (E, []) when no predicate follows."""
    spans = {m.start: m for m in _marks(doc, "actors")}
    j = e
    named = False
    more: list[str] = []
    while j < end:
        key = _norm(doc, j)
        if key == "có" and j + 1 < end and _norm(doc, j + 1) in {"trách", "nhiệm"}:
            break
        if j in spans and named | (j > e):
            if _norm(doc, j - 1) not in {"thuộc", "của", "tịch"}:  # "đơn vị trực thuộc UBND tỉnh" is a name
                more.extend(spans[j].label_.split("+"))
            j = spans[j].end
            named = True
            continue
        if key in NAME_WORDS or key in _TITLE_WORDS or (named and _word(doc, j)[:1].isupper()):
            named = True
        elif key not in {",", ";", "và"} or _is_predicate(doc, j + 1, end):
            break
        j += 1
    return (j, more) if named and j < end and _is_predicate(doc, j, end) else (e, [])


def _is_predicate(doc: Doc, j: int, end: int) -> bool:
    """A predicate opens at J: a modal ("có trách nhiệm", "chịu trách nhiệm", "chủ động") or a role verb."""
    if j >= end:
        return False
    key = _norm(doc, j)
    nxt = _norm(doc, j + 1) if j + 1 < end else ""
    return (key in {"có", "chịu"} and nxt in {"trách", "nhiệm"}) or (key == "chủ" and nxt == "động") or any(
        m.start == j for m in _marks(doc, "roles")) or is_action(doc, j, end) or key in _SENDS


def _extend(doc: Doc, subject: tuple[int, int, list[str]], later: list[tuple[int, int, list[str]]],
            end: int) -> tuple[int, int, list[str]]:
    """A list of bearers broken by a name the registry does not know ("Giám đốc các Sở, Thủ trưởng các
    ngành, cơ quan cấp tỉnh, UBND các xã, phường ..."): the list goes on after a comma and a capitalised
    name, up to the next group of actors, as long as no role verb or ";" comes between."""
    s, e, ids = subject
    verbs = {m.start for m in _marks(doc, "roles")}
    for s2, e2, ids2 in later:
        gap = range(e, s2)
        name = e + 2 if e + 2 < end and _norm(doc, e + 1) == "các" else e + 1
        if (s2 - e > 12 or _norm(doc, e) not in {",", "và"} or name >= end or not _word(doc, name)[:1].isupper()
                or any(i in verbs or _word(doc, i) in {";", "."} for i in gap)):
            break
        e = e2
        ids = ids + [i for i in ids2 if i not in ids]
    return s, e, ids


def _clause_start(doc: Doc, s: int, start: int) -> bool:
    """Whether actors at S open a clause: at its start or after a word that opens one, past a plural or an
    honorific the actor list does not hold ("Các đồng chí Bộ trưởng ...", "Các Bộ trưởng ...")."""
    while s > start and (_norm(doc, s - 1) in _BEFORE_NAME or _word(doc, s - 1) in _NAME_HEADS or (
            s - 2 >= start and _norm(doc, s - 1) == "ban" and _word(doc, s - 2) in _NAME_HEADS)):
        s -= 1
    return s == start or _norm(doc, s - 1) in _SUBJECT_AFTER


def _opens_clause(doc: Doc, s: int, e: int, start: int, end: int) -> bool:
    after = _norm(doc, e) if e < end else None
    if not _clause_start(doc, s, start):
        return False
    return not (after is None or after in _NOT_PREDICATE or (after == "," and _nothing_follows(doc, e, end)))


def _nothing_follows(doc: Doc, start: int, end: int) -> bool:
    rest = [i for i in range(start, end) if not doc.user_data["punct"][i]]
    return not rest


def _directs_someone(doc: Doc, verb: int, end: int) -> bool:
    """Whether "chỉ đạo" at VERB has the directed ones as its object ("Chỉ đạo các đơn vị trực thuộc ...",
    "chỉ đạo phòng chuyên môn rà soát ..."), not a chain of the bearer's own verbs ("Chỉ đạo, hướng dẫn")."""
    after = verb + 2
    return after < end and any(m.start in (after, after + 1) for m in _marks(doc, "actors")) or (
        after < end and _norm(doc, after) in {"các", "phòng", "đơn", "lực", "cơ"})


def _past_aside(doc: Doc, pred: int, end: int) -> int:
    """Skip an aside between the subject and its verb ("Sở Tài chính, trên cơ sở đề xuất của Sở Nội vụ, chủ
    trì ..."): the actors inside it are not bearers and its words are not the verb."""
    if pred >= end or _word(doc, pred) != ",":
        return pred
    close = next((i for i in range(pred + 1, min(end, pred + 25)) if _word(doc, i) == ","), None)
    if close is None or not _OPENER.match(_span_text(doc, pred + 1, close)):
        return pred
    return close + 1


def _after_opener(doc: Doc, start: int, end: int, masked: set[int]) -> int:
    """Where the verb phrase starts after "Căn cứ ..., " / "Trên cơ sở ..., ": after the last comma before
    the first role verb when that verb opens what follows it, else after the first comma."""
    verbs = [s.start for s in _marks(doc, "roles") if start < s.start < end and s.start not in masked]
    limit = min(verbs) if verbs else end
    commas = [i for i in range(start, limit) if _word(doc, i) == ","]
    if not commas:
        return start
    if verbs and limit - commas[-1] == 1:
        return commas[-1] + 1
    return commas[0] + 1


def _coordinators(doc: Doc, verb: int, end: int, masked: set[int]) -> list[str]:
    """B in "chủ trì, phối hợp (với) B" or "chủ trì cùng B": the actors that must co-ordinate with the lead."""
    lead = next((m for m in _marks(doc, "roles") if m.start == verb and m.label_ == "chu_tri"), None)
    if lead is not None and lead.end < end and _norm(doc, lead.end) == "cùng":
        j = lead.end + 1 + (lead.end + 1 < end and _norm(doc, lead.end + 1) == "với")
        for s, _e, ids in _runs(doc, j, end, masked):
            return ids if s == j or (s == j + 1 and _norm(doc, j) in {"các"}) else []
    for span in _marks(doc, "roles"):
        if span.label_ == "phoi_hop" and verb < span.start < min(end, verb + 5):
            j = span.end
            if j < end and _norm(doc, j) == "với":
                j += 1
            for s, e, ids in _runs(doc, j, end, masked):
                return ids if s == j or (s == j + 1 and _norm(doc, j) in {"các"}) else []
    return []


def _recipient(doc: Doc, start: int, end: int, registry: Registry) -> str | None:
    best: tuple[int, str] | None = None
    for span in _marks(doc, "actors"):
        if not start <= span.start < end or span.start < 1:
            continue
        cue1 = _norm(doc, span.start - 1)
        cue2 = f"{_norm(doc, span.start - 2)} {cue1}" if span.start >= 2 else cue1
        if cue1 in _RECIPIENT_CUE or cue2 in _RECIPIENT_CUE or cue2 == "gửi về":
            rank = 0 if cue1 == "qua" else 1
            name = registry.actors[_ids(span)[0]].name if _ids(span)[0] in registry.actors else span.text
            if best is None or rank < best[0]:
                best = (rank, name)
    return best[1] if best else None


def _segments(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at ";" (a new clause), except after a list of actors only ("Các sở, ban, ngành; UBND ...")."""
    # ";" starts a new clause; so does ":" before a capital inside a sentence ("... phát động: Chỉ đạo ...")
    words = doc.user_data["words"]  # `_word`, without a call per token
    inside = {i for m in _marks(doc, "actors") if m.start < end and m.end > start for i in range(m.start + 1, m.end)}
    cuts = [i for i in range(start, end) if i not in inside and (words[i] == ";" or (
        words[i] == ":" and i + 1 < end and words[i + 1][:1].isupper()))]  # not "các Sở: Tài chính, Tư pháp"
    segs: list[tuple[int, int]] = []
    s = start
    for c in cuts + [end]:
        segs.append((s, c))
        s = c + 1
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for a, b in segs:
        a = carry if carry is not None else a
        carry = None
        if b < end and (_actors_only(doc, a, b) or _asks_actors(doc, a, b)):
            carry = a
            continue
        merged.append((a, b))
    if carry is not None:
        merged.append((carry, end))
    return [(a, b) for a, b in merged if b > a]


_ASKS = frozenset({("yêu", "cầu"), ("đề", "nghị"), ("giao",), ("chỉ", "đạo")})


def _asks_actors(doc: Doc, a: int, b: int) -> bool:
    """Whether tokens [A, B) end with a request or an assignment and only the bodies it names ("Chủ tịch
    UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã ... tổ chức ..."): the list of
    addressees goes on past the ";"."""
    for i in range(b - 1, a - 1, -1):
        for verb in _ASKS:
            if tuple(_norm(doc, i + k) for k in range(len(verb)) if i + k < b) == verb:
                return i + len(verb) < b and _actors_only(doc, i + len(verb), b)
    return False


def _actors_only(doc: Doc, a: int, b: int) -> bool:
    """Whether tokens [A, B) only name bearers: actors with the words of their names the registry does not
    cover ("Giám đốc Sở Nội vụ thành phố Hà Nội", "Thủ trưởng các sở, ban, ngành, đơn vị trực thuộc")."""
    covered = {i for s in _marks(doc, "actors") if a <= s.start and s.end <= b for i in range(s.start, s.end)}
    punct = doc.user_data["punct"]
    words = [i for i in range(a, b) if i not in covered and _norm(doc, i) not in _JOINERS and not punct[i]]
    if not covered and not any(_norm(doc, i) in _BODY_NOUNS for i in words):
        return False  # "đơn vị thuộc thành phố Hà Nội" names a body the registry lacks; a bare place does not
    return all(_norm(doc, i) in NAME_WORDS or _word(doc, i)[:1].isupper() for i in words)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    text = doc.user_data["text"]
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [t for a, b in out if b > a and (t := _token_range(doc, a, b)) is not None]


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    first: int  # first word (after a list marker)
    masked: set[int]
    subject: tuple[int, int, list[str]] | None
    request: bool
    deadline: Deadline | None
    condition: str | None


def _clause(doc: Doc, a: int, b: int, request: bool) -> _Clause:
    text = _span_text(doc, a, b)
    deadlines = find_deadlines(text)
    masked = _masked(doc, a, b, deadlines)
    first = a
    while first < b and _norm(doc, first) in {"-", "+", "•", "*"}:
        first += 1
    head = _span_text(doc, first, b)
    request = request or bool(_REQUEST.match(head))
    subject = None
    if _HANDOVER.match(head) and first + 1 < b:
        skip = 2 if _norm(doc, first + 1) in {"cầu", "nghị", "cho"} else 1
        subject = _subject(doc, first + skip, b, masked)
        if subject and subject[0] != first + skip:
            subject = None
    if subject is None:
        subject = _subject(doc, first, b, masked)
    handed = _handed_over(doc, subject, b, masked) if subject is not None else None
    if handed is not None:
        # "UBND tỉnh yêu cầu các sở, ban, ngành triển khai ...": the addressees bear it, not the one who asks
        request = request or _norm(doc, handed[0] - 1) == "nghị"
        subject = handed
    if subject is not None and subject[0] - 2 >= a and _norm(doc, subject[0] - 1) == "nghị" \
            and _norm(doc, subject[0] - 2) == "đề":
        request = True  # "..., nếu có vướng mắc, đề nghị các bộ, ngành kịp thời phản ánh ..."
    cond = next((m for m in _CONDITION.finditer(text) if not text[: m.start()].rstrip().lower().endswith("trừ")), None)
    return _Clause(a, b, first, masked, subject, request, pick(deadlines),
                   cond.group(1).strip(" .") if cond else None)


def _handed_over(doc: Doc, subject: tuple[int, int, list[str]], end: int,
                 masked: set[int]) -> tuple[int, int, list[str]] | None:
    """The addressees when the subject hands the task over ("X yêu cầu / giao / đề nghị Y ..."), else None."""
    e = subject[1]
    if e + 1 >= end:
        return None
    pair = (_norm(doc, e), _norm(doc, e + 1))
    skip = 2 if pair in _HANDOVER_VERBS else 1 if pair[0] == "giao" else 0
    if skip and e + skip < end and _norm(doc, e + skip) == "cho":
        skip += 1
    if not skip:
        return None
    return _addressed(doc, e + skip, end, masked)


def _addressed(doc: Doc, at: int, end: int, masked: set[int]) -> tuple[int, int, list[str]] | None:
    """The actors a handover verb addresses, right after it at AT (past a title the actor list does not
    hold: "yêu cầu Giám đốc các sở ...")."""
    first = next((m.start for m in _marks(doc, "actors") if m.start >= at), end)
    if first > at + 12 or not all(_norm(doc, i) in _TITLE_WORDS or _norm(doc, i) in NAME_WORDS or _norm(doc, i) == "sở"
                                  or _word(doc, i)[:1].isupper() for i in range(at, first)):
        return None  # titles and names the registry lacks may come first ("Giám đốc, Thủ trưởng các sở, ban ngành")
    handed = _subject(doc, first, end, masked)
    return handed if handed is not None and handed[0] == first else None


def _past_finding(doc: Doc, roles: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """"X phát hiện những vấn đề chưa phù hợp (thì) kịp thời báo cáo ...": finding is the occasion, not a duty;
    what X must then do (the report) is."""
    def finding(v: int) -> bool:
        return v + 2 < len(doc) and (_norm(doc, v), _norm(doc, v + 1)) == ("phát", "hiện") \
            and _norm(doc, v + 2) not in {"và", ","}

    return [(r, v) for r, v in roles if not (r == "thuc_hien" and finding(v))]


def _executing(sentence: str, registry: Registry) -> list[Found]:
    """Everyone a closing article lists before "chịu trách nhiệm thi hành Quyết định này", each a duty to
    carry the text out, whatever titles, semicolons and bodies the list lacks stand between them."""
    m = _EXECUTES.search(sentence)
    if m is None or len(sentence) - m.end() > 40:
        return []
    listed = sentence[:m.start()]
    out: list[Found] = []
    seen: set[str] = set()
    for mention in registry.mentions(listed, every=True):
        if _PARENT_BEFORE.search(listed[:mention.start]):
            continue  # "... thuộc Ủy ban nhân dân thành phố": whose units they are, not one of them
        for actor in mention.ids:
            if actor not in seen:
                seen.add(actor)
                out.append(Found(actor, "thuc_hien", sentence[m.start():].strip(" ./"), sentence))
    return out


def read_text(text: str, context: list[str] | None = None, registry: Registry | None = None,
              request: bool = False) -> list[Found]:
    """The duties in one paragraph; CONTEXT is the heading's actors, for sentences without a subject."""
    registry = registry or load_registry()
    text = _NOI_NHAN.split(text, maxsplit=1)[0]  # the Nơi nhận list glued to the last clause names no bearer
    doc = analyse(text, registry)
    out: list[Found] = []
    last_subject: list[str] | None = None  # a sentence without subject or heading continues the one before
    last_request = False
    for s_start, s_end in _sentences(doc):
        sentence = _span_text(doc, s_start, s_end).strip()
        if not any(ch.isalpha() for ch in sentence) or _BASIS.match(sentence):
            continue  # a bare list mark ("*"); a line of legal basis
        executing = _executing(sentence, registry)
        if executing:
            out.extend(executing)
            continue
        clauses = [_clause(doc, a, b, request) for a, b in _segments(doc, s_start, s_end)]
        first_subject = next((i for i, c in enumerate(clauses) if c.subject is not None), len(clauses))
        previous: list[str] | None = None
        previous_request = previous_inherited = directing = False
        deadline: Deadline | None = None
        closing = closing_deadline(_span_text(doc, clauses[-1].first, clauses[-1].end)) if clauses else None
        condition: str | None = None
        for i, c in enumerate(clauses):
            inherited = False
            # What a sentence says before its subject ("Hàng năm, căn cứ ...; các sở ...") frames the
            # clauses after it: its deadline and condition carry forward, it is not a duty of its own.
            deadline = c.deadline or deadline
            condition = c.condition or condition
            requested = c.request
            if c.subject is not None:
                actors, pred = c.subject[2], c.subject[1]
            elif i < first_subject < len(clauses) or directing or _WITHIN.match(_span_text(doc, c.first, c.end)):
                continue  # "chỉ đạo X rà soát ...; lập hồ sơ ...": the rest is X's; "trong đó ..." details it
            elif previous is not None:
                if _NOUN_START.match(_span_text(doc, c.first, c.end)) and not any(
                        c.first <= m.start < c.end and m.label_ != "thuc_hien" for m in _marks(doc, "roles")):
                    continue  # "...; kết quả thực hiện báo cáo về Công an tỉnh" is still a report
                actors, pred, inherited = previous, c.first, previous_inherited
                requested = requested or previous_request  # "Đề nghị X ...; tuyên truyền ..." is still asked of X
            elif context:
                actors, pred, inherited = list(context), c.first, True
            elif last_subject is not None and not _NAMES_SOMEONE.match(_span_text(doc, c.first, c.end)) \
                    and not _PASSIVE.match(_span_text(doc, c.first, c.end)):
                actors, pred = last_subject, c.first
                requested = requested or last_request
            else:
                continue
            if c.subject is None and _OPENER.match(_span_text(doc, c.first, c.end)):
                pred = _after_opener(doc, c.first, c.end, c.masked)
            pred = _past_aside(doc, pred, c.end)
            while pred < c.end and pred in c.masked and not c.masked.issuperset(range(pred, c.end)):
                pred += 1  # "...; định kỳ sơ kết, tổng kết, tổng hợp báo cáo": the time first, then the verbs
            if _RIGHT.match(_span_text(doc, pred, c.end)) or _ISSUER.match(_span_text(doc, pred, c.end)) \
                    or _NO_ACTION.match(_span_text(doc, pred, c.end)) \
                    or _SANCTIONED.search(_span_text(doc, pred, c.end)):
                continue  # "Sở Tài chính được quyền khai thác ...": a right; "... trân trọng thông báo": the issuer
            previous, previous_request, previous_inherited = actors, requested, inherited
            if c.subject is not None:
                last_subject, last_request = actors, requested
            roles = _past_finding(doc, predicate_roles(doc, pred, c.end, c.masked))
            if not roles:
                continue
            if requested:
                # asked, not ordered: "de_nghi" is the bearer's role; the lead's partners still co-ordinate
                partners = [v for r, v in roles if r == "chu_tri"]
                roles = [("de_nghi", pred)]
                for verb in partners:
                    for actor in _coordinators(doc, verb, c.end, c.masked):
                        if actor not in actors:
                            out.append(Found(actor, "phoi_hop", _span_text(doc, pred, c.end).strip(" ,.;:/"),
                                             sentence, deadline, _recipient(doc, pred, c.end, registry), condition))
            directing = any(r == "chi_dao" and _directs_someone(doc, v, c.end) for r, v in roles)
            action = _span_text(doc, pred, c.end).strip(" ,.;:/") or _span_text(doc, c.start, c.end).strip(" ,.;:/")
            recipient = _recipient(doc, pred, c.end, registry)
            for role, verb in roles:
                for actor in actors:
                    out.append(Found(actor, role, action, sentence, deadline or closing, recipient, condition, inherited))
                if role == "chu_tri":
                    for actor in _coordinators(doc, verb, c.end, c.masked):
                        if actor not in actors:
                            out.append(Found(actor, "phoi_hop", action, sentence, deadline or closing, recipient, condition))
    return out


def heading_actors(text: str, registry: Registry | None = None) -> list[str] | None:
    """The actors a heading names ("Trách nhiệm của Sở Tư pháp", "2. Các sở, ban, ngành", "Giao Phòng Tổ
    chức - Hành chính - Quản trị", "Giám đốc các sở, ...:"), else None: `bearers.bearer_line`'s rule."""
    line = bearer_line(text, registry or load_registry(), heading=True)
    return line.actors if line else None


# --- the document walk ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Task:
    leads: list[tuple[str, str]]  # (actor, role)
    coordinators: list[str]
    deadline: Deadline | None
    product: str | None
    action: str | None
    extra: list[str]  # sentences after a label's value ("Sở Tài chính tổng hợp, tham mưu ...")


def _what(m: re.Match[str]) -> str | None:
    """The words of a task block's bearer label ("chủ trì", "Bộ phận phụ trách"), None for another label."""
    return m.group("what") or m.group("who")


def _labels(node: Node) -> list[tuple[Node, re.Match[str]]]:
    out = []
    for child in node.children:
        if child.kind not in ("bullet", "paragraph"):
            continue  # numbered items are clauses of their own, even when they read "Cơ quan phối hợp: ..."
        m = _LABEL.match(child.text or "")
        if m:
            out.append((child, m))
    return out


def _first_sentence(value: str) -> tuple[str, list[str]]:
    parts = [p.strip() for p in re.split(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])|\n+", value.strip()) if p.strip()]
    return (parts[0] if parts else ""), parts[1:]


def _value_actors(value: str, registry: Registry) -> list[tuple[str, str]]:
    """Actors a label's value names, with a role where the value says one ("X chủ trì, phối hợp với Y")."""
    doc = analyse(value, registry)
    masked = _masked(doc, 0, len(doc))
    out: list[tuple[str, str]] = []
    roles = sorted(_marks(doc, "roles"), key=lambda s: s.start)
    for s, e, ids in _runs(doc, 0, len(doc), masked):
        before = _norm(doc, s - 1) if s else None
        if before in {"của", "cho", "giúp", "thuộc", "trình"}:
            continue
        said = None
        if before == "với" or (before and s >= 2 and _norm(doc, s - 1) == "hợp"):
            said = "phoi_hop"
        else:
            nxt = next((r for r in roles if r.start >= e), None)
            if nxt is not None and nxt.start == e and nxt.label_ in {"chu_tri", "phoi_hop"}:
                said = nxt.label_
        out.extend((i, said or "") for i in ids)
    return out


def _task(node: Node, registry: Registry) -> _Task | None:
    labels = _labels(node)
    if not any(_what(m) or m.group("label").lower().startswith("thời") for _, m in labels):
        return None
    leads: list[tuple[str, str]] = []
    coordinators: list[str] = []
    deadline = product = action = None
    extra: list[str] = []
    for child, m in labels:
        label = m.group("label").lower()
        value, rest = _first_sentence(m.group("value"))
        if _what(m):
            what = re.sub(r"\s+", " ", _what(m).lower())
            default = "chu_tri" if "chủ trì" in what else "phoi_hop" if "phối hợp" in what else "thuc_hien"
            named = _value_actors(value, registry)
            if not named:  # "Cơ quan thực hiện:" with the actors as sub-bullets ("+ Các Sở, ngành: ...")
                for sub in child.children:
                    head = sub.text.split(":", 1)[0]
                    named.extend((i, "") for i in (heading_actors(head, registry) or []))
            for actor, said in named:
                role = said or default
                if role == "phoi_hop":
                    coordinators.append(actor)
                else:
                    leads.append((actor, role))
            extra.extend(rest)
        elif label.startswith("thời"):
            deadline = parse_deadline(m.group("value").replace("*", ""), loose=True)
        elif label.startswith(("sản", "kết")):
            product = value.strip(" .")
        elif label.startswith("nội"):
            action = value.strip(" .") or None
    return _Task(leads, coordinators, deadline, product, action, extra)


def _is_event(deadline: Deadline) -> bool:
    """A deadline that only names the event it follows ("sau khi ...", "theo tiến độ ..."): no date, no count."""
    return deadline.kind == "relative" and deadline.days is None and not deadline.date


def _num_key(num: str | None) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in (num or "").strip(".").split("."))
    except ValueError:
        return ()


def _own_text(node: Node) -> str:
    return node.text or ""


class _Walker:
    def __init__(self, doc: Document, doc_id: str | None, result: ParseResult | None, registry: Registry) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.result = result
        self.registry = registry
        self.duties: list[Duty] = []
        self.seen: dict[tuple[str, str, str, int], int] = {}  # (actor, role, eid, row) -> its index in duties
        self.rows = 0  # task-table rows read so far: a row's duties are its own (one per actor, role and row)
        self.list_deadline: dict[str, Deadline] = {}  # eid -> the deadline its list closes with

    def add(self, node: Node, found: Found, product: str | None = None, eid: str | None = None,
            row: int = 0) -> None:
        eid = eid or node.eid
        key = (found.actor, found.role, eid, row)
        if key in self.seen:
            # one role over several predicates of a unit ("Đôn đốc ...; định kỳ tổng hợp báo cáo ..."): the one
            # timing given is the duty's; an event ("ngay sau khi có văn bản mới") only sets off the act of
            # its own sentence
            at = self.seen[key]
            if self.duties[at].deadline is None and found.deadline is not None and (
                    not _is_event(found.deadline) or found.sentence[:1000] == self.duties[at].sentence):
                self.duties[at] = replace(self.duties[at], deadline=found.deadline)
            return
        self.seen[key] = len(self.duties)
        self.duties.append(Duty(
            actor=found.actor, role=found.role, action=found.action[:300], doc_id=self.doc_id, eid=eid,
            sentence=found.sentence[:1000], span=self._span(node, found), deadline=found.deadline,
            recipient=found.recipient, condition=found.condition, product=product,
        ))

    def _span(self, node: Node, found: Found) -> Span:
        if self.result is None:
            return node.span
        text = self.result.text
        probe = found.sentence[:40]
        at = text.find(probe, node.span.start, node.span.end + 1) if probe else -1
        if at < 0:
            return node.span
        return Span(at, min(at + len(found.sentence), max(node.span.end, at)), node.span.line + text.count("\n", node.span.start, at))

    def walk(self, nodes: tuple[Node, ...], context: list[str] | None, request: bool, parent: Node | None,
             roles: dict[str, str] | None = None) -> None:
        labelled_siblings = sum(1 for n in nodes if _task_has_actor_or_time(n))
        table: _Columns | None = None
        previous: list[str] = []
        for node in nodes:
            if table is not None and not node.children and group_row(node.text):
                previous = []  # "I. Kinh tế số": the table goes on under its next group
                continue
            cells = _cells(node.text) if " | " in node.text and "\n" not in node.text else None
            if cells is not None:
                header = _header(cells, self.registry)
                if header is not None:
                    table, previous = header, []
                    continue
                if table is not None:
                    previous = self.table_row(node, table, cells, previous)
                    continue
            table = None
            self.visit(node, context, request, parent, labelled_siblings, roles)

    def align(self, cells: list[str], table: _Columns) -> list[str]:
        """A row with fewer cells than its header (blank cells dropped, merged cells): the task's text
        first, then each cell where its content says it belongs (a date → the deadline, actors → the
        lead, then the partners, anything else → the product)."""
        numbered = bool(cells) and bool(_ROW_NUMBER.fullmatch(cells[0]))
        if not numbered and 0 not in (table.content, table.lead):
            if len(cells) == table.width - 1:
                return ["", *cells]  # the row number merged with the row above's: every other cell in its column
            if self.in_order(["", *cells], table):
                # the step's number and its last cells merged with the row above's ("Lãnh đạo Sở | - Phân
                # công thụ lý hồ sơ | 1 ngày" under "Bước 2 | Trưởng Bộ phận | ... | 1/2 ngày | Mẫu số 06")
                return ["", *cells, *[""] * (table.width - len(cells) - 1)]
        if numbered and self.in_order(cells, table):
            # the cells in their columns' order, the last ones left out: a blank or merged column at the end
            # ("Bước 2 | Lãnh đạo phòng | Nhận hồ sơ | 04 giờ" under "... | Thời gian | Dịch vụ công trực tuyến")
            return [*cells, *[""] * (table.width - len(cells))]
        out = [""] * table.width
        rest = list(cells)
        if numbered:
            out[0] = rest.pop(0)
        if table.content is not None and rest:
            out[table.content] = rest.pop(0)
        for cell in rest:
            if table.deadline is not None and not out[table.deadline] and parse_deadline(cell, loose=True):
                out[table.deadline] = cell
            elif self.registry.find(cell) and table.lead is not None and not out[table.lead]:
                out[table.lead] = cell
            elif self.registry.find(cell) and table.partners is not None and not out[table.partners]:
                out[table.partners] = cell
            elif table.product is not None and not out[table.product]:
                out[table.product] = cell
        return out

    def in_order(self, cells: list[str], table: _Columns) -> bool:
        """Do a short row's cells fit their columns in order: a body in the lead column, bodies (or nothing) in
        the partners' one, a time or a short note ("Không tính thời gian") in the time column?"""
        def fits(i: int, cell: str) -> bool:
            if i == table.lead:
                return bool(self.registry.mentions(cell, every=True))
            if i == table.partners:
                return bool(self.registry.mentions(cell, every=True))
            if i == table.deadline:
                return parse_deadline(cell, loose=True) is not None or (len(cell) <= 40 and not self.registry.find(cell))
            return True
        return table.lead is not None and table.lead < len(cells) and all(
            fits(i, c) for i, c in enumerate(cells) if c)

    def table_row(self, node: Node, table: _Columns, cells: list[str], previous: list[str]) -> list[str]:
        """One row of a task table (content | lead | co-ordinators | deadline | product): one task."""
        filled_cells = [c for c in cells if c]
        if len(filled_cells) <= 1 or (len(filled_cells) == 2 and re.fullmatch(r"[IVXLA-D]+\.?", cells[0])):
            return []  # a group row ("II | Xây dựng hạ tầng ...", "I. Kinh tế số"): nothing spans across it
        if _TOTAL_ROW.match(filled_cells[0]):
            return []  # "Tổng thời gian giải quyết TTHC | 168 giờ ...": the table's sum, no task of its own
        if len(cells) < table.width:
            cells = self.align(cells, table)
        # merged cells (rowspan): a blank lead, partner or deadline is the row above's
        filled = [c or (previous[i] if i < len(previous) and i in table.spanned else "") for i, c in enumerate(cells)]
        lead = filled[table.lead] if table.lead is not None else ""
        if not lead.strip():
            return filled
        action = cells[table.content] if table.content is not None else " ".join(cells)
        # each row is a task of its own, even when one unit holds the whole table and one body leads many rows
        self.rows += 1
        row = self.rows
        deadline = parse_deadline(filled[table.deadline], loose=True) if table.deadline is not None else None
        if deadline is not None and (table.working_hours or _ROW_NUMBER.fullmatch(cells[0]) and not cells[0][:1].isdigit()):
            deadline = _working_days(filled[table.deadline], deadline)
        if deadline is None and table.content is not None:
            deadline = parse_deadline(cells[table.content], loose=False)  # "... hoàn thành trước ngày 15/12/2025"
        product = (cells[table.product] or None) if table.product is not None else None
        sentence = " | ".join(c for c in cells if c)
        for part in (p.strip() for p in lead.split(";")):
            # A lead cell may be sentences of its own ("Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành,
            # UBND cấp xã thực hiện công bố dữ liệu"): each bearer with what its sentence says; a bare name
            # leads the row.
            own = [f for f in read_text(part, None, self.registry) if not f.inherited] if says_more(part, self.registry) else []
            for f in own:
                self.add(node, replace(f, action=f"{action}: {f.action}", deadline=f.deadline or deadline), product, row=row)
            named = {f.actor for f in own}
            for m in self.registry.mentions(part, every=True):
                for actor in m.ids:
                    if actor not in named:
                        self.add(node, Found(actor, table.lead_role, action, sentence, deadline), product, row=row)
        if table.partners is not None:
            for m in self.registry.mentions(filled[table.partners], every=True):
                for actor in m.ids:
                    self.add(node, Found(actor, "phoi_hop", action, sentence, deadline), product, row=row)
        return filled

    def visit(self, node: Node, context: list[str] | None, request: bool, parent: Node | None,
              labelled_siblings: int, roles: dict[str, str] | None = None) -> None:
        if node.kind in ("phan", "chuong", "muc"):
            self.walk(node.children, None, False, node)
            return
        if node.heading and _NO_DUTY_HEADING.search(node.heading) and node.kind in ("dieu", "section"):
            return
        if node.heading and _CRITERIA_HEADING.match(node.heading):
            return  # "Tiêu chí thi đua", "Tiêu chuẩn khen thưởng": what is judged, worded like tasks
        # The innermost line naming bearers wins: the heading, then the unit's own lead line.
        line = bearer_line(node.heading, self.registry, heading=True) if node.heading else None
        if line:
            context, request, roles = line.actors, line.request, line.roles
        paragraphs = [p for p in _own_text(node).split("\n") if p.strip()]
        line = bearer_line(paragraphs[0], self.registry) if paragraphs else None
        if line:
            context, request, roles = line.actors, line.request, line.roles
            paragraphs = paragraphs[1:]
        elif paragraphs and _TITLE_LINE.match(paragraphs[0]) and (len(paragraphs) > 1 or node.children):
            paragraphs = paragraphs[1:]  # "Trách nhiệm trong việc quản lý Ứng dụng": the unit's title
        closing = _closing_time(node, parent)
        if closing is not None:
            for n in (node, *node.children):
                self.list_deadline.setdefault(n.eid, closing)
        task = _task(node, self.registry)
        lines = [p for p in paragraphs[1:] if _LABEL.match(p)]
        if task is None and lines:
            # The task block written as lines of the clause itself ("...\nĐơn vị chủ trì: Sở Tư pháp.\n
            # Thời gian thực hiện: Hằng năm."): read them as the label children they stand for.
            rest = [p for p in paragraphs if not _LABEL.match(p)]
            block = replace(node, text="\n".join(rest), children=tuple(
                Node("paragraph", None, None, line, f"{node.eid}__line_{i}", node.span) for i, line in enumerate(lines)
            ) + node.children)
            task = _task(block, self.registry)
            if task is not None:
                self.task(block, node, task, rest, context, parent)
                self.walk(node.children, context, request, node)
                return
        if task is not None:
            target = node
            if (node.kind == "bullet" and parent is not None and labelled_siblings == 1
                    and parent.kind != "bullet" and len(parent.children) > 1):
                target = parent  # the one labelled bullet of a list closes the whole list's task
            self.task(node, target, task, paragraphs, context, parent)
            return
        own_label = _LABEL.match(_own_text(node))
        if own_label and _what(own_label):
            self.label_line(node, own_label, context)
        else:
            timed = _TIME_LINE.search(_own_text(node))
            default = parse_deadline(timed.group(1), loose=True) if timed else self.list_deadline.get(node.eid)
            table: _Columns | None = None
            previous: list[str] = []
            for paragraph in paragraphs:
                cells = _cells(paragraph) if " | " in paragraph else None
                if cells is not None and (header := _header(cells, self.registry)) is not None:
                    table, previous = header, []
                elif cells is None and table is not None and group_row(paragraph):
                    previous = []  # "I. Kinh tế số", "II. Xã hội số": rows grouped under it, numbers restarting
                elif cells is not None and table is not None:
                    previous = self.table_row(node, table, cells, previous)  # a table kept inside one clause
                elif _NO_DUTY_PARAGRAPH.match(paragraph):
                    table = None  # "Đối tượng thực hiện thủ tục hành chính: Sở ..." says who may apply
                else:
                    table = None
                    for found in read_text(paragraph, context, self.registry, request):
                        role = (roles or {}).get(found.actor) if found.inherited and found.role == "thuc_hien" else None
                        self.add(node, replace(found, deadline=found.deadline or default, role=role or found.role))
        child_context, child_roles, child_request = context, roles, request
        if paragraphs and paragraphs[-1].rstrip().endswith(":") and (
                not _LISTS_CASES.search(paragraphs[-1]) or _LISTS_DUTIES.search(paragraphs[-1])):
            lead = bearer_line(paragraphs[-1], self.registry) or directed_line(paragraphs[-1], self.registry)
            subject = [] if lead else read_text(paragraphs[-1], None, self.registry)
            if lead:
                child_context, child_roles = lead.actors, lead.roles
                child_request = request or lead.request
            elif subject:
                child_context = sorted({f.actor for f in subject}, key=[f.actor for f in subject].index)
                child_roles = None
        self.walk(node.children, child_context, child_request, node, child_roles)

    def label_line(self, node: Node, m: re.Match[str], context: list[str] | None) -> None:
        """A clause that is itself a label line: "Cơ quan phối hợp: Các Sở, ngành ... gửi về Sở Tư pháp ..."."""
        what = (_what(m) or "").lower()
        role = "chu_tri" if "chủ trì" in what else "phoi_hop" if "phối hợp" in what else None
        for f in read_text(m.group("value"), context, self.registry):
            self.add(node, replace(f, role=role or f.role))

    def task(self, node: Node, target: Node, task: _Task, paragraphs: list[str], context: list[str] | None,
             parent: Node | None) -> None:
        action = task.action or " ".join(paragraphs).strip() or (target.heading or target.text or "").strip()
        sentence = " ".join(p for p in [target.heading or "", *paragraphs] if p).strip() or action
        targets = [target]
        for _child, m in _labels(node):
            r = _RANGE.search(m.group("label"))
            if r and parent is not None:
                lo, hi = _num_key(r.group("a")), _num_key(r.group("b"))
                targets = [n for n in parent.children if lo <= _num_key(n.num) <= hi] or targets
        leads = list(task.leads)
        if not leads:
            own = [f for p in paragraphs for f in read_text(p, context, self.registry)]
            for f in own:
                for t in targets:
                    self.add(t, replace(f, deadline=f.deadline or task.deadline), task.product)
        for t in targets:
            for actor, role in leads:
                self.add(t, Found(actor, role, action, sentence, task.deadline), task.product)
            for actor in task.coordinators:
                self.add(t, Found(actor, "phoi_hop", action, sentence, task.deadline), task.product)
            for extra in task.extra:
                for f in read_text(extra, None, self.registry):
                    self.add(t, replace(f, deadline=f.deadline or task.deadline))


# A row that sums the table up: "Tổng thời gian giải quyết", "Tổng cộng", "Tổng số".
_TOTAL_ROW = re.compile(r"^(?:\*\*)?(?:tổng\s+(?:thời\s+gian|cộng|số|thời\s+hạn)|cộng)\b", re.IGNORECASE)
_HOURS = re.compile(r"^\s*(?P<n>\d{1,4})\s*(?:giờ|h)(?:\s+làm\s+việc)?\s*$", re.IGNORECASE)
_WORKING_HOURS_HEAD = re.compile(r"giờ\s+làm\s+việc", re.IGNORECASE)


def _working_days(cell: str, deadline: Deadline) -> Deadline | None:
    """A procedure's time cell in working hours ("16 giờ" under "Thời gian thực hiện (tính mỗi ngày 08 giờ làm
    việc)", a step's "24 giờ"): the working days it makes, 8 hours a day ("168 giờ (tương đương 21 ngày)"); part
    of a day ("04 giờ") sets no day count. Any other cell: DEADLINE as read."""
    m = _HOURS.match(cell)
    if m is None:
        return deadline
    hours = int(m.group("n"))
    return replace(deadline, days=hours // 8) if hours and hours % 8 == 0 else None


# A row's number in its first cell: "1", "II", "2.3", a procedure's step ("Bước 2", "B2").
_ROW_NUMBER = re.compile(r"[0-9IVXivx.]+|(?:[Bb]ước|BƯỚC)\s*\d{1,2}[a-z]?|B\d{1,2}")


@dataclass(frozen=True)
class _Columns:
    """Which columns of a task table hold what (indexes into a row's cells)."""

    width: int
    lead: int | None
    lead_role: str
    partners: int | None
    deadline: int | None
    product: int | None
    content: int | None
    working_hours: bool = False  # the time column counts working hours ("tính mỗi ngày 08 giờ làm việc")

    @property
    def spanned(self) -> set[int]:
        return {i for i in (self.lead, self.partners, self.deadline) if i is not None}


# A column (or a task block's label) that names who does the task, recognised by its form rather than a list
# of headings: a head noun for who (cơ quan, đơn vị, bộ phận, bộ, sở, người ..., several joined: "Cơ quan, đơn
# vị", "Đơn vị/ Người") and a role word ("chủ trì", "thực hiện", "phụ trách", "tiếp nhận, xử lý", "phối hợp"),
# then up to four words of what ("Cơ quan chủ trì thẩm tra"); "Trách nhiệm (thực hiện)"; a role alone ("Chủ
# trì", "Phối hợp", "Chủ trì thực hiện"); or the head noun alone ("Bộ phận"), read only when the table also has
# a column of the work. "Đơn vị tính", "Đơn vị công tác", "Cơ quan thuế", "người/ngày" name no bearer.
_BEARER_HEAD = re.compile(
    rf"^(?:(?:(?P<who>{_WHOS}|trách\s+nhiệm)\s+)(?P<role>{_ROLE_WORD}(?:(?:{_JOIN}|\s+){_ROLE_WORD})*)"
    rf"(?:[\s,]+[^\s,;:|]+){{0,4}}"
    rf"|(?P<alone>chủ\s+trì|phối\s+hợp|phụ\s+trách)(?:\s+[^\s,;:|]+){{0,2}}"
    rf"|(?P<bare>{_WHOS}|trách\s+nhiệm))$",
    re.IGNORECASE,
)
_NOTE_MARK = re.compile(r"\s*(?:\[\d+\]|\(\s*(?:\d+|\*+|nếu\s+có)\s*\)|\*+|\d+\)?)\s*$")


def bearer_column(cell: str) -> tuple[str, bool] | None:
    """What a header cell or label naming a bearer says: (role, whether the name alone, with no role word),
    or None when it names no bearer. A partner column ("Cơ quan phối hợp", "Đơn vị tham gia") → phoi_hop;
    a lead column → chu_tri when it says "chủ trì", tham_muu for "tham mưu", else thuc_hien."""
    cell = _NOTE_MARK.sub("", re.sub(r"\s+", " ", cell.strip(" *:"))).strip()
    options = [cell] + [part.strip() for part in cell.split("/")[1:]]  # "Địa điểm/Cơ quan thực hiện"
    m = next((m for m in (_BEARER_HEAD.match(o) for o in options if o) if m), None)
    if m is None:
        return None
    if m.group("bare"):
        return "thuc_hien", True
    words = (m.group("role") or m.group("alone")).lower()
    if "chủ trì" in words:
        return "chu_tri", False
    if "phối hợp" in words or "tham gia" in words:
        return "phoi_hop", False
    return ("tham_muu" if "tham mưu" in words else "thuc_hien"), False


_TIME_HEAD = re.compile(r"^(?:thời\s+(?:gian|hạn)|tiến\s+độ|hạn\s+hoàn\s+thành)", re.IGNORECASE)
_PRODUCT_HEAD = re.compile(r"^(?:sản\s+phẩm|kết\s+quả)", re.IGNORECASE)
_CONTENT_HEAD = re.compile(r"^(?:nhiệm\s+vụ|nội\s+dung|tên\s+nhiệm\s+vụ|công\s+việc|hoạt\s+động|chỉ\s+tiêu|tên\s+(?!bước)|"
                           r"trình\s+tự|các\s+bước|giải\s+pháp)", re.IGNORECASE)


# A one-cell row grouping the rows of a task table under it: a numbered or capitalised title, no sentence.
_GROUP_ROW = re.compile(r"^\s*(?:\*\*)?(?:(?:[IVXLC]+|[A-ZĐ]|\d+(?:\.\d+)*)[.)]?\s+)?[^|.;:!?]{1,120}$")


def group_row(text: str) -> bool:
    """Whether TEXT, met inside a task table, is a group row ("I. Kinh tế số", "A. NHIỆM VỤ CHUNG",
    "Nhóm nhiệm vụ về thể chế"): short, no sentence mark, no cell mark."""
    text = text.strip()
    return bool(text) and "\n" not in text and len(text.split()) <= 15 and bool(_GROUP_ROW.match(text))


def says_more(cell: str, registry: Registry) -> bool:
    """Whether a lead cell says what its bodies do ("Sở KH&CN chủ trì hướng dẫn, tổng hợp; ...", "Sở Khoa học
    và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu") rather than only naming them ("Sở Khoa học và Công
    nghệ, Trung tâm Chuyển đổi số Thành phố"): a lower-case verb after the first body named, outside any name."""
    doc = analyse(cell, registry)
    names = _marks(doc, "actors")
    if not names:
        return False
    inside = {i for m in names for i in range(m.start, m.end)}
    verbs = {m.start for m in _marks(doc, "roles")}
    return any(i not in inside and _word(doc, i)[:1].islower() and (i in verbs or is_action(doc, i, len(doc)))
               for i in range(names[0].end, len(doc)))


def _cells(text: str) -> list[str]:
    return [c.strip(" *") for c in text.split(" | ")]


# A header is words, not data: no cell opens with a figure ("5 | Cơ quan tham mưu | ...", "Bước 14 | ...",
# "- Trưởng ban | 692 | người/ngày" are rows).
_DATA_CELL = re.compile(r"^\s*(?:[-+•]\s*)?(?:bước\s+)?\d", re.IGNORECASE)


def _names_a_body(cell: str) -> bool:
    """Three capitalised words after the first are a body's name ("Bộ phận Tiếp nhận và Trả kết quả Sở Dân tộc &
    Tôn giáo"): a header names columns, not bodies (that row heads a table whose columns are bodies)."""
    return sum(1 for w in cell.split()[1:] if len(w) > 1 and w[0].isupper() and w[1].islower()) >= 3


def _header(cells: list[str], registry: Registry | None = None) -> _Columns | None:
    """The columns of a task table's header row, or None when the row is not one: a row of header words
    (at most 60 characters a cell, none a figure, none naming a body) with a column naming who does the task."""
    def find(pattern: re.Pattern[str], skip: set[int] = set()) -> int | None:  # noqa: B006 - never mutated
        return next((i for i, c in enumerate(cells) if i not in skip and pattern.search(c)), None)

    if len(cells) < 2 or any(len(c) > 60 or _DATA_CELL.match(c) or _names_a_body(c) for c in cells):
        return None
    said = {i: r for i, c in enumerate(cells) if (r := bearer_column(c)) is not None}
    content = find(_CONTENT_HEAD, set(said))
    partners = next((i for i, (role, _) in said.items() if role == "phoi_hop"), None)
    leads = [i for i, (role, bare) in said.items() if role != "phoi_hop" and (not bare or content is not None)]
    lead = next((i for i in leads if said[i][0] == "chu_tri"), leads[0] if leads else None)
    if lead is None or (len(cells) < 3 and content is None):
        return None
    if registry is not None and any(registry.find(c) for i, c in enumerate(cells) if i not in said):
        return None  # a row naming bodies: "Trách nhiệm | Sở Tư pháp | Sở Nội vụ"
    skip = set(said)
    time = find(_TIME_HEAD, skip)
    return _Columns(len(cells), lead, said[lead][0], partners, time, find(_PRODUCT_HEAD, skip), content,
                    time is not None and bool(_WORKING_HOURS_HEAD.search(cells[time])))


_LAST_LINE_TIME = re.compile(r"\n\s*thời\s+(?:gian|hạn)(?:\s+thực\s+hiện|\s+hoàn\s+thành)?\s*:\s*([^\n]+)\s*$", re.IGNORECASE)


def _closing_time(node: Node, parent: Node | None) -> Deadline | None:
    """The deadline a list closes with: a "Thời gian thực hiện: ..." line ending its last item, when no other
    item has a time of its own, dates the whole list (the items and the lead above them) — in a document
    that gives each task at the lead's level its own time line (a sibling of the lead has one), so the line
    is the lead's, not the last item's."""
    if len(node.children) < 2 or node.children[-1].children or parent is None:
        return None
    if not any(_TIME_LINE.search(_own_text(n)) for n in parent.children if n is not node):
        return None
    m = _LAST_LINE_TIME.search(node.children[-1].text)
    if m is None or any(_TIME_LINE.search(_own_text(n)) for n in (node, *node.children[:-1])):
        return None
    return parse_deadline(m.group(1), loose=True)


def _task_has_actor_or_time(node: Node) -> bool:
    return any(_what(m) or m.group("label").lower().startswith("thời") for _, m in _labels(node))


def extract_duties(result: ParseResult, doc: Document, doc_id: str | None) -> list[Duty]:
    """Every duty DOC states (the hook `kb build` calls for each document of a parsed file)."""
    registry = document_registry(doc)
    walker = _Walker(doc, doc_id, result, registry)
    walker.walk(doc.nodes, None, False, None)
    asked = {(d.eid, d.actor) for d in walker.duties if d.role == "de_nghi"}
    # A body the issuer asks rather than orders is asked for the whole unit: "de_nghi" is its only role there.
    walker.duties = [d for d in walker.duties if d.role == "de_nghi" or (d.eid, d.actor) not in asked]
    addressees = _addressees(doc.preamble, registry)
    if addressees:
        # A top-level unit with no heading, no children and no subject of its own is one of the tasks the
        # preamble's lead hands over ("... yêu cầu Giám đốc các sở ... thực hiện các nhiệm vụ sau:").
        done = {d.eid for d in walker.duties}
        for node in doc.nodes:
            if node.kind in ("item", "paragraph", "bullet") and not node.heading and not node.children \
                    and node.eid not in done and not _NAMES_SOMEONE.match(node.text):  # "Các cơ quan ... có trách nhiệm"
                for paragraph in (p for p in node.text.split("\n") if p.strip()):
                    for found in read_text(paragraph, addressees, registry):
                        walker.add(node, found)
    return walker.duties


def _addressees(preamble: str, registry: Registry) -> list[str] | None:
    """Those the preamble's closing lead hands the document's tasks to ("..., Chủ tịch UBND thành phố yêu
    cầu Giám đốc các sở, ban ngành, Chủ tịch UBND xã, phường ... thực hiện các nhiệm vụ sau:"): they bear
    what the units below state without a subject of their own."""
    lines = [p for p in preamble.split("\n") if p.strip()]
    last = lines[-1].strip() if lines else ""
    if not last.endswith(":") or not _HANDS_OVER.search(last) or _LISTS_CASES.search(last):
        return None
    after = last[list(_HANDS_OVER.finditer(last))[-1].end():].strip()
    doc = analyse(after, registry)
    addressed = _addressed(doc, 0, len(doc), _masked(doc, 0, len(doc)))
    return addressed[2] if addressed else None  # "Thủ tướng Chính phủ yêu cầu:" addresses no one by name
