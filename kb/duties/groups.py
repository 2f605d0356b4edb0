"""Groups followed by their members ("các Sở: Tư pháp, Nội vụ", "Các Bộ, cơ quan: Tài chính, Xây dựng, ...,
Tập đoàn Điện lực Việt Nam"): each member is a bearer. Works on a registry's `find` and `mentions` only, so
both the registry (`kb.duties.actors`) and the lead-line rule (`kb.duties.bearers`) can use it."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# The head may share the colon with other group nouns ("Các Bộ, cơ quan: Tài chính, ...", "các Sở, ngành: ...")
# and follow a title filed under the body ("Giám đốc các Sở: Tài chính, Tư pháp": the Sở bear it).
MEMBERS = re.compile(
    r"(?:^|(?<=[\s(]))(?P<group>(?:gồm\s+)?(?:(?:giám\s+đốc|thủ\s+trưởng|lãnh\s+đạo|bộ\s+trưởng)\s+)?(?:các\s+)?"
    r"(?P<head>sở|bộ|ban|phòng|cục|chi\s+cục|trung\s+tâm|hội|văn\s+phòng)"
    r"(?:\s*,\s*(?:cơ\s+quan|ngành|đơn\s+vị|địa\s+phương|ban|tổ\s+chức))*)\s*:\s*(?P<list>[^():;]+)",
    re.IGNORECASE,
)


def members(text: str, registry: Any) -> list[str] | None:
    """The members of the first "các Sở: Tư pháp, Nội vụ và Tài chính" in TEXT (`member_lists`)."""
    m = MEMBERS.search(text)
    return (_member_run(m, registry)[0] or None) if m else None


def member_lists(text: str, registry: Any) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every group followed by its members in TEXT, as (start, end, member ids) in characters: "Các Bộ, cơ
    quan: Tài chính, Xây dựng, Tập đoàn Điện lực Việt Nam" names each member, from the group to the last."""
    out = []
    for m in MEMBERS.finditer(text):
        ids, end = _member_run(m, registry)
        if ids:
            out.append((m.start("group"), end, tuple(ids)))
    return out


def _member_run(m: re.Match[str], registry: Any) -> tuple[list[str], int]:
    """The members a group match lists, each name under the group's head noun, longest first (a member's
    own name may hold a comma: "Văn hóa, Thể thao và Du lịch"); a member named in full ("Tập đoàn Điện lực
    Việt Nam") is itself. The list ends at the first part that names no member; returns where it ends."""
    head = m.group("head")
    head = head[:1].upper() + head[1:].lower()
    parts = [(m.start("list") + p.start() + len(p.group(0)) - len(p.group(0).lstrip()), p.group(0).strip(" ."))
             for p in re.finditer(r"[^,]+", m.group("list")) if p.group(0).strip(" .")]
    out: list[str] = []
    end = m.start("list")
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            ids = whole(f"{head} {', '.join(name for _, name in parts[i:j])}", registry)
            if ids:
                out.extend(a for a in ids if a not in out)
                end = parts[j - 1][0] + len(parts[j - 1][1])
                i = j
                break
        else:
            at, name = parts[i]
            pieces = [p for piece in re.split(r"\s+và\s+", name) for p in whole(f"{head} {piece}", registry)]
            if pieces:
                out.extend(a for a in pieces if a not in out)
                end = at + len(name)
                i += 1
                continue
            words = name.split()
            cut = next((k for k in range(len(words) - 1, 0, -1) if whole(f"{head} {' '.join(words[:k])}", registry)), 0)
            own = registry.mentions(name, every=True)
            if cut:  # "Y tế chủ trì ...": the member, then the predicate
                out.extend(a for a in whole(f"{head} {' '.join(words[:cut])}", registry) if a not in out)
                end = at + len(" ".join(words[:cut]))
            elif own and own[0].start == 0:  # "Tập đoàn Điện lực Việt Nam theo ...": a member named in full
                out.extend(a for a in own[0].ids if a not in out)
                end = at + own[0].end
            break
    return out, end


def whole(name: str, registry: Any) -> list[str]:
    """The actor NAME is, when one mention covers (nearly) all of it."""
    found = registry.find(name)
    if len(found) == 1 and found[0].end - found[0].start >= 0.9 * len(name):
        return list(found[0].ids)
    return []


# Where the bearers after "Nghĩa vụ của" end: what the duties are about, or a definition's "là".
_BEARER_END = re.compile(r"\s+(?:trong|về|đối\s+với|khi|theo|tại|ở|nhằm|để)\s+", re.IGNORECASE)
# What a heading's "Nhiệm vụ của ..." may be about that bears nothing: a text, a programme, an activity.
_NOT_BEARERS = frozenset(tuple(w.split()) for w in (
    "kế hoạch", "đề án", "chương trình", "dự án", "quy chế", "quy định", "quyết định", "nghị quyết", "thông tư",
    "luật", "văn bản", "hệ thống", "công tác", "việc", "hoạt động", "nhiệm vụ", "giai đoạn", "năm", "phong trào",
    "cuộc", "đợt", "hội nghị", "chiến lược", "quy hoạch", "đề tài", "nội dung", "ngân sách", "quỹ",
))
_MAX_DESCRIBED = 12


def described_name(body: str) -> str | None:
    """The bearer a heading's "Trách nhiệm của / Nghĩa vụ của ..." names when the actor list does not know
    it: the noun phrase up to what the duties are about ("cán bộ, công chức trong thi hành công vụ",
    "người nộp thuế", "chủ quản hệ thống thông tin"), unless it names a text or an activity ("Nhiệm vụ của
    Kế hoạch"); in "A là B" ("cán bộ, công chức là người đứng đầu")
    the bearers are those who are B."""
    name = _BEARER_END.split(re.sub(r"\s*\([^()]*\)", "", body), maxsplit=1)[0]
    definition = re.match(r"^.+?\s+là\s+(.+)$", name)
    name = (definition.group(1) if definition else name).strip(" ,.;:")
    name = re.sub(r"^(?:các|những|mọi)\s+", "", name, flags=re.IGNORECASE)
    keys = tuple(unicodedata.normalize("NFC", w).lower() for w in re.findall(r"\w+", name)[:3])
    if not name or len(name.split()) > _MAX_DESCRIBED or any(keys[:k] in _NOT_BEARERS for k in (1, 2)):
        return None
    return name


# A heading's duty word ending in "của": "Trách nhiệm của", "Quyền và nghĩa vụ của", "Nhiệm vụ, quyền hạn của".
DUTY_WORDS = (
    r"(?:quyền\s+(?:hạn\s+)?(?:và|,)\s+)?(?:trách\s+nhiệm|nhiệm\s+vụ|nghĩa\s+vụ)"
    r"(?:\s*,?\s*(?:và\s+)?(?:quyền\s+hạn|quyền\s+lợi|nhiệm\s+vụ|trách\s+nhiệm|nghĩa\s+vụ))?"
)
DUTY_OF = re.compile(r"^\s*(?:[-+•*]\s*)?" + DUTY_WORDS + r"\s+của\s+", re.IGNORECASE)
