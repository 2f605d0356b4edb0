"""Errors the knowledge base raises for bad requests; str(error) is the one line a user sees."""


class KbError(Exception):
    """A request the KB cannot serve (unknown document, missing database ...)."""


# The parsers' messages a user meets most, said in the interface's language (the parsers speak English
# to developers; the KB's users read Vietnamese).
_VIETNAMESE = (
    ("binary file, not text (NUL bytes found)", "tệp nhị phân, không phải văn bản (có byte NUL)"),
    ("binary file, not text (control bytes found)", "tệp nhị phân, không phải văn bản (có ký tự điều khiển)"),
)


def vietnamese(message: str) -> str:
    for english, translated in _VIETNAMESE:
        message = message.replace(english, translated)
    return message
