"""A file's decoded text and format: what every reader returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceText:
    text: str  # decoded, NFC, "\n" line ends
    format: str  # txt, md, docx, html, pdf, doc
    warnings: tuple[str, ...] = ()
