"""Stable document ids: the number where a document has one, else a slug of its file and type."""

from __future__ import annotations

import re
from pathlib import Path

from parsers.model import Document
from parsers.normalise import fold

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def doc_id(doc: Document, source: str) -> str:
    """'03/2022/QĐ-UBND' for a numbered document; 'cao-bang-2026-du-thao-...:quy-che' for a draft.

    Two documents of one file without numbers (a blank-numbered Quyết định and its Quy chế) differ by
    their type; the number is kept as printed, spaces removed, so it reads as people cite it.
    """
    if doc.number:
        return re.sub(r"\s+", "", doc.number)
    return f"{slug(Path(source).stem)}:{slug(doc.doc_type or 'van-ban')}"
