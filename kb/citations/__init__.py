"""Citations: what a document cites, down to the clause, and what follows from it.

`patterns` (the regexes of numbers, names and pinpoints) → `find` (citations in text, resolved against
the citing document and `catalog`, the known documents and their names) → `graph` (the citation graph
of a KB, both ways) → `checks` (stale, missing and dangling references). Document numbers have one
identity, `kb.numbers.number_key`.
"""

from typing import TYPE_CHECKING, Any

__all__ = [
    "build_graph", "cited_by", "cited_by_db", "find_citations", "find_references", "load_catalog",
    "references_in_text", "references_of", "run_checks",
]

if TYPE_CHECKING:
    from kb.citations.catalog import load_catalog
    from kb.citations.checks import run_checks
    from kb.citations.find import find_citations, find_references, references_in_text
    from kb.citations.graph import build_graph, cited_by, cited_by_db, references_of


def __getattr__(name: str) -> Any:
    """Each name is imported when first asked for, so that importing one module of the package does not
    import them all (a build worker needs the extractors, not the writers and the SQLite layer)."""
    if name == 'load_catalog':
        from kb.citations import catalog as module
    elif name == 'run_checks':
        from kb.citations import checks as module
    elif name in ('find_citations', 'find_references', 'references_in_text'):
        from kb.citations import find as module
    elif name in ('build_graph', 'cited_by', 'cited_by_db', 'references_of'):
        from kb.citations import graph as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)
