"""Comparing two versions of a text clause by clause, despite renumbering, splits and moves.

`align` pairs the units (with `assign`, the optimal assignment, and `ops`, the word-level diff) into a
`result`; `facts` pulls out the changes that matter (deadlines, actors, citations, definitions);
`view` shapes rows for reading; `explain` says each row's change in the drafters' words (the Thuyết minh);
`export_md`, `export_html`, `export_docx` write the Bảng so sánh;
`versions` proposes which documents of a KB are versions of one text.
"""

from kb.diff.align import align_documents, diff_documents, diff_refs, load_side, main_document
from kb.diff.export_docx import to_docx
from kb.diff.export_html import to_html
from kb.diff.export_md import to_markdown, to_text
from kb.diff.result import DiffResult
from kb.diff.versions import propose_versions

__all__ = [
    "DiffResult", "align_documents", "diff_documents", "diff_refs", "load_side", "main_document",
    "propose_versions", "to_docx", "to_html", "to_markdown", "to_text",
]
