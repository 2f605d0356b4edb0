"""Errors the knowledge base raises for bad requests; str(error) is the one line a user sees."""


class KbError(Exception):
    """A request the KB cannot serve (unknown document, missing database ...)."""
