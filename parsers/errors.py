"""The one exception the parsers raise for bad input: its message is the one line a user sees."""


class ParseError(Exception):
    """Input that cannot be read or parsed; str(error) is a one-line, user-facing reason."""
