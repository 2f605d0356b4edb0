"""Bearers named by the structure: one rule for every heading or lead line that names who bears the
duties of the text under it.

A line names bearers when, after an optional duty word ("Trách nhiệm của", "Nhiệm vụ của", "Giao",
"Đề nghị", "Nội dung", "Đối với"), it is a list of actors — each with the words a name carries after it
(its place and level: "thành phố Hà Nội", "cấp tỉnh", "khu vực XII", "Cồn Cỏ"; a parenthesis; an
apposition after a dash: "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo") — followed by nothing, a
colon, or a lead-in ("có trách nhiệm", "có trách nhiệm chủ trì", "có trách nhiệm sau đây", "thực hiện các
nhiệm vụ sau", "chủ trì, phối hợp với B"). What the lead-in says is a role the children inherit:
"có trách nhiệm chủ trì" → chu_tri; "A chủ trì, phối hợp với B:" → A chu_tri, B phoi_hop.

A group followed by its members names each member: "các Sở: Tư pháp, Nội vụ, Tài chính", "Các cơ quan
thẩm định (Sở Xây dựng, Sở Công Thương, ...)", "(gồm các Sở: Xây dựng, Nông nghiệp và Môi trường)".

The rule reads the line's form only; which words are actors is the registry's (`kb.duties.actors`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kb.duties.actors import Actor, Registry, dynamic_actor, generic_body
from kb.duties.groups import DUTY_WORDS, described_name
from kb.duties.groups import MEMBERS as _MEMBERS
from kb.duties.groups import members as _members
from kb.duties.nlp import analyse, marks, norm, word

# A duty word before the bearers ("Trách nhiệm của các sở", "Nhiệm vụ và quyền hạn của ...", "Giao ...").
_PREFIX = re.compile(
    r"^\s*(?:[-+•*]\s*)?(?:" + DUTY_WORDS +
    r"(?:\s+(?:phối\s+hợp|chủ\s+trì))?(?:\s+(?:thực\s+hiện|triển\s+khai|tổ\s+chức\s+thực\s+hiện))?(?:\s+của)?"
    r"|giao(?:\s+cho)?|đề\s+nghị|(?:(?:quy\s+định|yêu\s+cầu)\s+)?đối\s+với|nội\s+dung|phân\s+công)\s+",
    re.IGNORECASE,
)
# "Quy định đối với X", "Yêu cầu đối với X": what X must do (a bare "Đối với X" may be what X gains).
_RULES_FOR = re.compile(r"^\s*(?:[-+•*]\s*)?(?:quy\s+định|yêu\s+cầu)\s+đối\s+với", re.IGNORECASE)
_REQUEST = re.compile(r"^\s*(?:[-+•*]\s*)?đề\s+nghị\b", re.IGNORECASE)
# What may follow the bearers on a lead line (lower-cased, spaces single).
_LEAD_IN = re.compile(
    r"^(?:(?:có|chịu)\s+(?:trách\s+nhiệm|nhiệm\s+vụ)(?:\s*,?\s*(?:và\s+)?(?:quyền\s+hạn|nhiệm\s+vụ))?\s*)?"
    r"(?P<role>chủ\s+trì|phối\s+hợp)?\s*(?:thực\s+hiện|triển\s+khai)?\s*"
    r"(?:(?:các|một\s+số|những)\s+)?(?:nhiệm\s+vụ|nội\s+dung|công\s+việc|việc)?\s*"
    r"(?:chủ\s+yếu|cụ\s+thể|trọng\s+tâm|chính)?\s*(?:sau\s+đây|như\s+sau|sau)?\s*$"
)
# A lead-in with nothing after it, which only a list below can complete ("Vụ Tổ chức cán bộ có trách nhiệm").
_BARE_DUTY = re.compile(r"^(?:có|chịu)\s+(?:trách\s+nhiệm|nhiệm\s+vụ)(?:\s*,?\s*(?:và\s+)?(?:quyền\s+hạn|nhiệm\s+vụ))?$")
# A lead-in naming partners: "chủ trì, phối hợp với B".
_LEAD_WITH = re.compile(r"^chủ\s+trì\s*,?\s*(?:và\s+)?phối\s+hợp(?:\s+với)?\s+", re.IGNORECASE)
# After a duty word, the text may go on with what the duties are about ("Trách nhiệm của Sở Y tế trong ...").
_ABOUT = re.compile(r"^(?:trong|về|đối\s+với|khi|theo(?!\s+dõi)|tại)\b")
# Lower-case words a body's name carries after its head: place, level, kind ("Sở Nội vụ thành phố",
# "các cơ quan, đơn vị cấp tỉnh", "Ủy ban nhân dân các xã, phường, đặc khu", "đơn vị trực thuộc").
NAME_WORDS = frozenset({
    "tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "trấn", "phường", "đặc", "khu", "vực", "cấp", "trực",
    "thuộc", "trên", "địa", "bàn", "có", "liên", "quan", "đóng", "tương", "đương", "cơ", "đơn", "vị", "ngành",
    "ban", "đoàn", "thể", "tổ", "chức", "doanh", "nghiệp", "cá", "nhân", "các", "và", "hoặc", "cùng", "viên",
    "trung", "ương", "chuyên", "môn", "lực", "lượng", "đồng", "chí", "nhà", "nước", "còn", "lại", "ủy", "uỷ",
})
_JOIN = frozenset({",", "và", "các", ";", "/", "-", "–", "hoặc", "cùng", "&"})
# A group head followed by its members: "các Sở: Tư pháp, Nội vụ" (inside or outside a parenthesis).
# A group noun phrase whose members a closing parenthesis lists ("Các cơ quan thẩm định (Sở Xây dựng,
# Sở Công Thương, ...)", "Các cơ quan tham mưu quản lý ngành (gồm các Sở: ...)").
_GROUP_THEN_MEMBERS = re.compile(
    r"^(?:các\s+)?(?:cơ\s+quan|đơn\s+vị|sở|ban|ngành|tổ\s+chức|thành\s+viên|lực\s+lượng)\b[^()]{0,120}"
    r"\((?P<inside>[^()]+)\)$",
    re.IGNORECASE,
)
_MAX_CHARS = 300


@dataclass(frozen=True)
class BearerLine:
    """The bearers a line names, the role its lead-in gives each (if any), and whether they are asked."""

    actors: list[str]
    roles: dict[str, str] = field(default_factory=dict)
    request: bool = False
    described: tuple[Actor, ...] = ()  # bodies the list lacks that the line names (`described_bearers`)


def bearer_line(text: str, registry: Registry, heading: bool = False) -> BearerLine | None:
    """The bearers TEXT names when it is a heading (HEADING) or a lead line that names only them, else None.

    A lead line that is not a heading must end the line with the bearers, a colon or a lead-in ending
    in "sau" ("... có trách nhiệm sau đây"): "Sở Tư pháp chủ trì." is a duty of its own, not a lead line."""
    line = text.strip()
    if not line or len(line) > _MAX_CHARS:
        return None
    colon = line.endswith(":")
    words = len(line.split())
    if not heading and (words > (40 if colon else 20) or (
            not colon and line.endswith((".", ";")) and ":" not in line and words > 12)):
        return None  # a sentence, not a line naming bearers (and not worth analysing)
    body = line.rstrip(" :.;")
    prefix = _PREFIX.match(body)
    if prefix:
        body = body[prefix.end():]
    members = _members(body, registry)
    if members is not None and _MEMBERS.match(body):
        return BearerLine(members, {}, bool(_REQUEST.match(line)))  # "các Sở: Tư pháp, Nội vụ"
    group = _GROUP_THEN_MEMBERS.match(body)
    if group and (listed := _parenthesis_members(group.group("inside"), registry)):
        return BearerLine(listed, {}, bool(_REQUEST.match(line)))  # "Các cơ quan thẩm định (Sở X, Sở Y)"
    doc = analyse(body, registry)
    scanned = _scan(doc, registry)
    if scanned is None:
        # "Nghĩa vụ của cán bộ, công chức", "Trách nhiệm của cơ quan, tổ chức có thẩm quyền": after a duty
        # word "của", a heading names its bearers whatever they are, even a body the list lacks.
        described = described_bearers(body) if (heading or colon) and prefix and (
            prefix.group(0).rstrip().endswith("của") or (_RULES_FOR.match(prefix.group(0)) and _person_led(body))) else []
        return BearerLine([a.id for a in described], {}, bool(_REQUEST.match(line)), tuple(described)) \
            if described else None
    ids, members, tail_start = scanned
    tail = " ".join(word(doc, i) for i in range(tail_start, len(doc))).lower()
    tail = re.sub(r"\s+([,.;])", r"\1", tail).strip(" ,")
    roles: dict[str, str] = {}
    if tail and not (heading or colon) and not tail.endswith("sau") and not _BARE_DUTY.match(tail):
        return None  # "Sở Tư pháp chủ trì ...", "Giao Sở Tư pháp theo dõi ...": a duty, not a lead line
    if tail:
        if prefix and _ABOUT.match(tail):
            pass
        elif _LEAD_WITH.match(tail):
            roles = dict.fromkeys(ids, "chu_tri")
            partners = _partners(doc, tail_start, registry)
            roles.update((p, "phoi_hop") for p in partners if p not in roles)
            ids = ids + [p for p in partners if p not in ids]
        elif lead := _LEAD_IN.match(tail):
            if lead.group("role"):
                roles = dict.fromkeys(members or ids, "chu_tri" if "chủ" in lead.group("role") else "phoi_hop")
        else:
            return None
    bearers = members or ids
    if heading and not prefix and bearers and all(generic_body(a, registry) for a in bearers) and not _named(doc):
        return None  # "Điều 2. Đơn vị tính giá dịch vụ ...": a title about things, not a line naming bearers
    return BearerLine(bearers, roles, bool(_REQUEST.match(line))) if bearers else None


def _person_led(body: str) -> bool:
    """Whether BODY opens with the head of a person or a body ("cán bộ, nhân viên quản lý chợ"), so that
    "Quy định đối với ..." names bearers, not things ("Quy định đối với hàng hóa kinh doanh")."""
    from kb.duties.grammar import GENERIC_HEADS, PERSON_HEADS, PROPER_HEADS, head_size

    norms = [w.lower() for w in re.findall(r"\w+", re.sub(r"^(?:các|những|mọi)\s+", "", body.strip(), flags=re.IGNORECASE))]
    return any(head_size(norms, 0, heads) for heads in (PERSON_HEADS, GENERIC_HEADS, PROPER_HEADS))


def _named(doc: Doc) -> bool:
    """Whether the generic head opening DOC is followed by a capitalised name ("Ngân hàng Nhà nước chi nhánh
    ...", "Cơ quan Thuế"), so a body's name, not a title about things ("Đơn vị tính giá dịch vụ")."""
    from kb.duties.grammar import GENERIC_HEADS, head_size

    norms, words = doc.user_data["norms"], doc.user_data["words"]
    start = 1 if norms[:1] in (["các"], ["những"]) else 0
    size = head_size(norms, start, GENERIC_HEADS)
    return bool(size) and start + size < len(words) and words[start + size][:1].isupper()


# A lead line handing the items below to the ones it directs, asks or assigns: "Sở X chỉ đạo Chi cục Y thực
# hiện các nội dung sau:", "Chỉ đạo các Ngân hàng thương mại trên địa bàn ..., cụ thể như sau:".
_HANDS_ON = re.compile(r"(?:^|[\s,;])(?P<verb>chỉ\s+đạo|giao(?:\s+cho)?|yêu\s+cầu|đề\s+nghị)\s+", re.IGNORECASE)
_LISTS_BELOW = re.compile(r"(?:sau\s+đây|như\s+sau|sau|cụ\s+thể)\s*:\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"^[\s,]*(?:và|cùng)?[\s,]*$")


def directed_line(text: str, registry: Registry) -> BearerLine | None:
    """The bodies a lead line directs, asks or assigns ("A chỉ đạo B, C thực hiện các nội dung sau:") as
    the bearers of the items under it, A's own duty being the line's; None for any other line."""
    line = text.strip()
    if not _LISTS_BELOW.search(line) or len(line) > _MAX_CHARS:
        return None
    verbs = list(_HANDS_ON.finditer(line))
    if not verbs:
        return None
    verb = verbs[-1]  # "Đề nghị A chỉ đạo B thực hiện ...:": B bears the items, at A's request
    rest = line[verb.end():]
    ids: list[str] = []
    at = 0
    for mention in registry.mentions(rest, every=True):
        if not _BETWEEN.match(rest[at:mention.start]) or (ids and mention.start - at > 6):
            break
        ids.extend(a for a in mention.ids if a not in ids)
        at = mention.end
    return BearerLine(ids, {}, any("nghị" in v.group("verb").lower() for v in verbs)) if ids else None


def described_bearers(body: str) -> list[Actor]:
    """The bearer a heading's "Trách nhiệm của / Nghĩa vụ của ..." names when the actor list does not know
    it (`groups.described_name`), as an actor of its own."""
    name = described_name(body)
    actor = dynamic_actor(name) if name else None
    return [actor] if actor and actor.id else []


def _scan(doc: Doc, registry: Registry) -> tuple[list[str], list[str], int] | None:
    """Walk the bearers at the start of DOC: (their ids, the members a parenthesis lists, where the
    lead-in starts), or None when the line does not open with an actor."""
    spans = {m.start: m for m in marks(doc, "actors")}
    ids: list[str] = []
    members: list[str] = []
    n = len(doc)
    i = 0
    while i < n:
        w = word(doc, i)
        if i in spans:
            span = spans[i]
            ids.extend(a for a in span.label_.split("+") if a not in ids)
            i = span.end
        elif w == "(":
            close = next((j for j in range(i + 1, n) if word(doc, j) == ")"), n)
            inside = " ".join(word(doc, j) for j in range(i + 1, close))
            found = _parenthesis_members(inside, registry)
            members.extend(a for a in found if a not in members)
            i = close + 1
        elif w in {"-", "–"} and ids and i > 0:
            return ids, members, n  # an apposition ("Sở Tài chính - Cơ quan thường trực ..."): the rest names it
        elif norm(doc, i) == "có" and i + 1 < n and norm(doc, i + 1) in {"trách", "nhiệm"}:
            break  # "... có trách nhiệm (sau đây)": the lead-in starts
        elif w in _JOIN or norm(doc, i) in NAME_WORDS or doc.user_data["punct"][i] and w != ":":
            i += 1
        elif ids and (w[:1].isupper() or w[:1].isdigit()):
            i += 1  # a proper name after the head ("Cồn Cỏ", "Hà Nội", "khu vực XII")
        else:
            break
    if not ids and not members:
        return None
    first = min(spans) if spans else n
    if any(not (word(doc, j) in _JOIN or norm(doc, j) in NAME_WORDS) for j in range(first if ids else 0)):
        return None  # words before the first actor that are not part of a name ("Chỉ đạo Sở ...")
    return ids, members, i


def _partners(doc: Doc, start: int, registry: Registry) -> list[str]:
    out: list[str] = []
    for span in marks(doc, "actors"):
        if span.start >= start:
            out.extend(a for a in span.label_.split("+") if a not in out)
    return out


def _parenthesis_members(inside: str, registry: Registry) -> list[str]:
    """Members a parenthesis lists after a group ("(Sở Xây dựng, Sở Công Thương, ...)", "(gồm các Sở:
    Xây dựng, ...)"); a definition ("sau đây gọi là ...") or a single sub-unit names no members."""
    text = inside.strip()
    if re.match(r"(?:sau|dưới)\s+đây|gọi\s+(?:chung|tắt)|viết\s+tắt", text, re.IGNORECASE):
        return []
    listed = _members(text, registry)
    if listed:
        return listed
    found: list[str] = []
    for m in registry.find(text):
        found.extend(a for a in m.ids if a not in found)
    return found if len(found) >= 2 or re.match(r"gồm\b", text, re.IGNORECASE) else []


