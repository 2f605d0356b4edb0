"""Duties: who must do what, by when, read from a document the way a reader does.

`actors` (the actor registry, names and aliases, the spaCy tokenizer they share) and `deadlines` feed
`extract` (the spaCy pipeline and the tree walker that give each clause its duties); `queries` answers
"what must a xã do?" from a KB or from files; `matrix` writes the clause × actor matrix.
"""

from typing import TYPE_CHECKING, Any

__all__ = [
    "build_matrix", "document_actors", "extract_duties", "find_deadlines", "find_duties",
    "find_duties_in_files", "load_registry", "parse_deadline", "resolve_actor_query",
]

if TYPE_CHECKING:
    from kb.duties.actors import load_registry, resolve_actor_query
    from kb.duties.deadlines import find_deadlines, parse_deadline
    from kb.duties.extract import extract_duties
    from kb.duties.matrix import build_matrix
    from kb.duties.named import document_actors
    from kb.duties.queries import find_duties, find_duties_in_files


def __getattr__(name: str) -> Any:
    """Each name is imported when first asked for, so that importing one module of the package does not
    import them all (a build worker needs the extractors, not the writers and the SQLite layer)."""
    if name in ('load_registry', 'resolve_actor_query'):
        from kb.duties import actors as module
    elif name == 'document_actors':
        from kb.duties import named as module
    elif name in ('find_deadlines', 'parse_deadline'):
        from kb.duties import deadlines as module
    elif name == 'extract_duties':
        from kb.duties import extract as module
    elif name == 'build_matrix':
        from kb.duties import matrix as module
    elif name in ('find_duties', 'find_duties_in_files'):
        from kb.duties import queries as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)
