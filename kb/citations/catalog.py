"""The catalog: documents known without their full text (number, type, title, status, what replaced them).

Kept as data in `corpus/catalog.json`, one entry per document, every fact with the place it comes from
(a corpus file or a documented public fact). Unknown fields stay null. Lookups by number identity
(NĐ = ND, spaces and leading zeros ignored) and, for laws cited by name only, by name and date: a text
of 2026 citing "Luật Ban hành văn bản quy phạm pháp luật" means the law in force in 2026.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, fields
from pathlib import Path

from kb.errors import KbError
from parsers.normalise import fold

CATALOG_PATH = Path(__file__).resolve().parents[2] / "corpus" / "catalog.json"
STATUSES = ("in_force", "replaced", "expired", "amended", None)

# Abbreviations that stand for words of a law's name: "Luật Ban hành VBQPPL", "... văn bản QPPL".
_NAME_ABBREVIATIONS = (
    (r"\bvbqppl\b", "van ban quy pham phap luat"),
    (r"\bqppl\b", "quy pham phap luat"),
    (r"\bnsnn\b", "ngan sach nha nuoc"),
)
_TYPE_PREFIX = re.compile(r"^(?:bo luat|luat|phap lenh)\s+")


def name_key(name: str) -> str:
    """What two spellings of one law's name share: 'Luật Ban hành VBQPPL' ~ 'Luật ban hành văn bản QPPL'."""
    key = fold(name)
    for pattern, words in _NAME_ABBREVIATIONS:
        key = re.sub(pattern, words, key)
    key = re.sub(r"[^\w\s]", " ", key)
    return re.sub(r"\s+", " ", key).strip()


@dataclass(frozen=True)
class Entry:
    number: str
    type: str
    title: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO date of issue / adoption
    effective_date: str | None = None
    status: str | None = None  # "in_force", "replaced", "expired", "amended" or None when unknown
    replaced_by: tuple[str, ...] = ()
    amended_by: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    status_from: str | None = None  # ISO date the status took effect (the replacement's effect)
    aliases: tuple[str, ...] = ()  # other names the document is cited by
    place: str | None = None  # province of a local document: its number is unique only there
    sources: tuple[str, ...] = ()  # where the facts come from

    @property
    def names(self) -> tuple[str, ...]:
        title = (f"{self.type} {self.title}" if self.title and not fold(self.title).startswith(fold(self.type))
                 else self.title)
        return tuple(n for n in (title, *self.aliases) if n)


class Catalog:
    def __init__(self, entries: list[Entry]) -> None:
        from kb.numbers import number_key

        self.entries = entries
        self._by_key = {number_key(e.number): e for e in entries}
        self._by_name: dict[str, list[Entry]] = {}
        for e in entries:
            for n in e.names:
                self._by_name.setdefault(name_key(n), []).append(e)

    def get(self, number: str, where: str | None = None) -> Entry | None:
        """The entry of a number; a local document only when `where` (the citing text's issuer, place
        or the citation's issuer) names its province, or when nothing is known of where."""
        from kb.numbers import number_key

        entry = self._by_key.get(number_key(number))
        if entry and entry.place and where and fold(entry.place) not in fold(where):
            return None
        return entry

    def find_by_name(self, name: str, date_hint: str | None, year: int | None) -> Entry | None:
        """The law a name stands for: the one adopted on the printed date (or year) if one is, else the one
        in force in `year` (the citing text's), else the latest."""
        candidates = self._by_name.get(name_key(name), [])
        if not candidates:
            return None
        if date_hint:
            dated = [e for e in candidates if e.date and e.date.startswith(date_hint[: len(date_hint)])]
            dated = dated or [e for e in candidates if e.date and e.date[:4] == date_hint[:4]]
            if len(dated) == 1:
                return dated[0]
            # "Luật Tổ chức chính quyền địa phương năm 2025": two laws of that name were adopted that year;
            # the one in force when the citing text speaks
            candidates = dated or candidates
        ordered = sorted(candidates, key=lambda e: e.effective_date or e.date or "")
        if year is not None:
            cutoff = f"{year}-12-31"
            in_force = [e for e in ordered if (e.effective_date or e.date or "") <= cutoff]
            if in_force:
                return in_force[-1]
        return ordered[-1]

    def successor_chain(self, number: str) -> list[Entry]:
        """What replaced a document, and what replaced that, ... (stops on a cycle)."""
        chain: list[Entry] = []
        entry = self.get(number)
        seen = set()
        while entry and entry.replaced_by and entry.number not in seen:
            seen.add(entry.number)
            entry = self.get(entry.replaced_by[0])
            if entry:
                chain.append(entry)
        return chain


def _entry(raw: dict) -> Entry:
    known = {f.name for f in fields(Entry)}
    unknown = set(raw) - known
    if unknown or "number" not in raw or "type" not in raw:
        raise KbError(f"catalog entry {raw.get('number', '?')}: bad fields {sorted(unknown) or 'number/type'}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    if values.get("status") not in STATUSES:
        raise KbError(f"catalog entry {raw['number']}: unknown status {values['status']!r}")
    return Entry(**values)


def parse_catalog(data: dict) -> Catalog:
    return Catalog([_entry(raw) for raw in data.get("documents", [])])


@functools.cache
def load_catalog(path: str | None = None) -> Catalog:
    file = Path(path) if path else CATALOG_PATH
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Catalog([])
    except (OSError, ValueError) as exc:
        raise KbError(f"cannot read catalog {file}: {exc}") from exc
    return parse_catalog(data)
