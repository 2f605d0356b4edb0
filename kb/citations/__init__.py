"""Citations: what a document cites, down to the clause, and what follows from it.

`patterns` (the regexes of numbers, names and pinpoints) → `find` (citations in text, resolved against
the citing document and `catalog`, the known documents and their names) → `graph` (the citation graph
of a KB, both ways) → `checks` (stale, missing and dangling references). Document numbers have one
identity, `kb.numbers.number_key`.
"""

from kb.citations.catalog import load_catalog
from kb.citations.checks import run_checks
from kb.citations.find import find_citations, find_references, references_in_text
from kb.citations.graph import build_graph, cited_by, cited_by_db, references_of

__all__ = [
    "build_graph", "cited_by", "cited_by_db", "find_citations", "find_references", "load_catalog",
    "references_in_text", "references_of", "run_checks",
]
