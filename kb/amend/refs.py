"""Units named in an amending instruction's words: "khoản 8 và bổ sung khoản 8a vào sau khoản 8", "điểm c khoản 1,
khoản 2 và điểm d khoản 3 Điều 35", "các điều 74, 75, 76 và 77", "tên Điều 26".

`chains(text)` reads every pinpoint of a stretch of text (no verbs in it) as a `Chain`: its levels from the
innermost out ("điểm b khoản 2 Điều 58" = point b, para 2, art 58), with the role the words around it give it:
a target, an anchor ("vào sau khoản 3": the unit a new one follows), or a container ("vào khoản 1", "của
Điều 55": the unit it goes in). `fill` completes each chain's missing outer levels the way Vietnamese drafting
reads them: from the next pinpoint that names them ("khoản 1 và khoản 2 Điều 63"), else from the one before,
else from the lead line's context. A pinpoint lends the next one to its left only what is above its own unit
("điểm a; khoản 2 Điều 5": Điều 5, not khoản 2), a container all of itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import product

# Levels, innermost first; an article is numbered through the document, so a chain needs nothing above it.
LEVEL = {"diem": 0, "khoan": 1, "dieu": 2, "muc": 3, "chuong": 4, "phan": 5, "phuluc": 6}
_WORD = {"điểm": "diem", "khoản": "khoan", "điều": "dieu", "mục": "muc", "chương": "chuong", "phần": "phan",
         "phụ lục": "phuluc"}
_NUM = {
    "diem": r"[a-zđ]\d{0,2}",
    "khoan": r"\d{1,3}[a-zđ]?",
    "dieu": r"\d{1,4}[a-zđ]?",
    "muc": r"\d{1,2}[a-zđ]?|[ivxlc]+",
    "chuong": r"[ivxlc]+[a-zđ]?|\d{1,2}[a-zđ]?",
    "phan": r"thứ\s+\w+|[ivxlc]+|\d{1,2}",
    "phuluc": r"(?:số\s+)?(?:[ivxlc]+[a-zđ]?|\d{1,2}[a-zđ]?)",
}
_JOIN = r"\s*(?:,\s*(?:và\s+)?|\s+và\s+|\s+hoặc\s+)\s*"
_TOKEN = re.compile(
    r"(?<!\w)(?P<name>tên\s+)?(?:các\s+)?(?P<word>điểm|khoản|điều|mục|chương|phần|phụ\s+lục)\s+"
    r"(?P<nums>(?:" + "|".join(f"(?:{v})" for v in _NUM.values()) + r")(?!\w)"
    r"(?:" + _JOIN + r"(?:" + "|".join(f"(?:{v})" for v in _NUM.values()) + r")(?!\w))*)"
    r"|(?P<conn>quy\s+định\s+tại|theo\s+quy\s+định\s+(?:tại|của)|theo|căn\s+cứ|vào\s+sau|vào\s+trước|vào\s+cuối|"
    r"vào\s+đầu|vào|(?<!như\s)sau|trước|của|tại|trong)(?!\w)",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"[ivxlc]+", re.IGNORECASE)


@dataclass(frozen=True)
class Chain:
    """One pinpoint: (kind, num) from the innermost level out, and what it is to the instruction."""

    levels: tuple[tuple[str, str], ...]
    role: str = "target"  # "target", "anchor" (vào sau), "before" (vào trước), "container" (vào, của), "ref"
    # (a unit cited, "quy định tại khoản 2 Điều 5": no part of the instruction)
    name: bool = False  # "tên Điều 26": the heading only
    start: int = 0  # where it sits in the text read

    @property
    def kind(self) -> str:
        return self.levels[0][0]

    @property
    def top(self) -> int:
        return LEVEL[self.levels[-1][0]]

    def get(self, kind: str) -> str | None:
        return next((n for k, n in self.levels if k == kind), None)

    def with_outer(self, outer: dict[str, str]) -> Chain:
        """The chain with the levels above its own top taken from `outer` (kind → num)."""
        extra = sorted(((k, n) for k, n in outer.items() if LEVEL[k] > self.top and k != "phuluc"),
                       key=lambda kn: LEVEL[kn[0]])
        return replace(self, levels=self.levels + tuple(extra)) if extra else self


@dataclass
class _Building:
    levels: list[tuple[str, list[str]]] = field(default_factory=list)
    role: str = "target"
    name: bool = False
    start: int = 0


def _nums(kind: str, printed: str) -> list[str]:
    out = []
    for num in re.split(_JOIN, printed.strip()):
        num = re.sub(r"^số\s+", "", num.strip(), flags=re.IGNORECASE)
        if not num:
            continue
        if kind in ("diem", "khoan", "dieu"):
            num = num.lower()
        elif _ROMAN.fullmatch(num):
            num = num.upper()
        out.append(num)
    return out


_EID_UNSAFE = re.compile(r"[^\w.]+")


def _label(num: str) -> str:
    return _EID_UNSAFE.sub("_", num).strip("_") or "1"


def eid(chain: Chain) -> str | None:
    """The chain's eid in the amended document's numbering (as parsers.structure names units), or None when
    it lacks the article a clause or point needs."""
    get = chain.get
    kind = chain.kind
    if kind == "phuluc":
        return f"annex_{_label(chain.levels[0][1])}"
    if kind in ("diem", "khoan", "dieu"):
        art = get("dieu")
        if art is None:
            return None
        out = f"art_{_label(art)}"
        if get("khoan") is not None:
            out += f"__para_{_label(get('khoan') or '')}"
        if kind == "diem":
            if get("khoan") is None:
                out += f"__point_{_label(chain.levels[0][1])}"
            else:
                out += f"__point_{_label(chain.levels[0][1])}"
        return out
    if kind == "muc":
        sec = f"sec_{_label(chain.levels[0][1])}"
        return f"chp_{_label(get('chuong') or '')}__{sec}" if get("chuong") else sec
    if kind == "chuong":
        return f"chp_{_label(chain.levels[0][1])}"
    return f"part_{_label(chain.levels[0][1])}"


def chains(text: str, offset: int = 0) -> list[Chain]:
    """Every pinpoint of `text`, in order, each with its role (which a connector word sets for the pinpoint
    right after it: "vào sau", "của" ...)."""
    out: list[Chain] = []
    current: _Building | None = None
    role = "target"
    last_end = 0

    def close() -> None:
        nonlocal current
        if current and current.levels:
            lists = [[(kind, n) for n in nums] for kind, nums in current.levels]
            for combo in product(*lists):
                out.append(Chain(tuple(combo), current.role, current.name, current.start))
        current = None

    for m in _TOKEN.finditer(text):
        if m.group("conn"):
            close()
            conn = " ".join(m.group("conn").lower().split())
            role = _ROLES.get(conn, "target")
            last_end = m.end()
            continue
        kind = _WORD[" ".join(m.group("word").lower().split())]
        nums = _nums(kind, m.group("nums"))
        if not nums:
            continue
        gap = text[last_end:m.start()]
        if current and LEVEL[kind] > LEVEL[current.levels[-1][0]] and not _SEPARATE.search(gap) \
                and not m.group("name"):
            current.levels.append((kind, nums))  # "điểm b khoản 2 Điều 58", "điểm g, khoản 1, Điều 3"
        else:
            close()
            current = _Building([(kind, nums)], role, bool(m.group("name")), offset + m.start())
            role = "target"
        last_end = m.end()
    close()
    return out


_ROLES = {"quy định tại": "ref", "theo quy định tại": "ref", "theo quy định của": "ref", "theo": "ref",
          "căn cứ": "ref", "vào sau": "anchor", "sau": "anchor", "vào trước": "before", "trước": "before", "vào": "container",
          "vào cuối": "container", "vào đầu": "container", "của": "container", "trong": "container"}
_SEPARATE = re.compile(r"[;:.]|(?<!\w)(?:và|hoặc|đến)(?!\w)|\w{2,}", re.IGNORECASE)


def fill(found: list[Chain], context: dict[str, str] | None = None) -> list[Chain]:
    """Each chain with the outer levels it leaves out: from the next chain naming them, else the one before,
    else `context` (the lead line's units)."""
    done: list[Chain] = []
    outer: dict[str, str] = {}
    for chain in reversed(found):  # from the right: "khoản 1 và khoản 2 Điều 63"
        chain = chain.with_outer({k: v for k, v in outer.items() if LEVEL[k] > chain.top})
        # what the next chain to the left may take: what is above this one's own unit ("bãi bỏ điểm a; sửa
        # đổi khoản 2 Điều 5": point a is not in khoản 2), or all of a container ("điểm d vào khoản 1")
        own = -1 if chain.role == "container" else LEVEL[chain.kind]
        outer = {k: n for k, n in chain.levels if LEVEL[k] > own}
        done.append(chain)
    done.reverse()
    left: dict[str, str] = {}
    result = []
    for chain in done:  # then from the left, then the lead line
        chain = chain.with_outer(left)
        chain = chain.with_outer(context or {})
        left = {k: n for k, n in chain.levels if LEVEL[k] >= LEVEL["dieu"]}
        result.append(chain)
    return result
