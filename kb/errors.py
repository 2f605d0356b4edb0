"""Errors the knowledge base raises for bad requests; str(error) is the one line a user sees."""


class KbError(Exception):
    """A request the KB cannot serve (unknown document, missing database ...)."""


# The parsers' messages a user meets most, said in the interface's language (the parsers speak English
# to developers; the KB's users read Vietnamese).
_VIETNAMESE = (
    ("binary file, not text (NUL bytes found)", "tệp nhị phân, không phải văn bản (có byte NUL)"),
    ("binary file, not text (control bytes found)", "tệp nhị phân, không phải văn bản (có ký tự điều khiển)"),
    ("HTML nested deeper than 256 levels: the text after the deep block cannot be read",
     "HTML lồng sâu quá 256 cấp: không đọc được phần văn bản sau khối lồng sâu"),
    ("XML with a DOCTYPE or entity declaration refused", "XML có khai báo DOCTYPE hoặc thực thể, không được đọc"),
)


def vietnamese(message: str) -> str:
    for english, translated in _VIETNAMESE:
        message = message.replace(english, translated)
    return message


def failure_reason(exc: BaseException, path: object = None) -> str:
    """One line for a file's failure. The report pairs it with the file, so a message that starts with
    the file's name (`path`, a pathlib.Path) does not say it twice ("FILE: FILE: ...")."""
    if isinstance(exc, PermissionError):
        return "không có quyền đọc tệp"
    text = str(exc).strip().splitlines()
    message = text[0] if text else ""
    if path is not None:
        message = message.removeprefix(f"{path}: ").removeprefix(f"{getattr(path, 'name', path)}: ")
    message = vietnamese(message)
    if isinstance(exc, KbError) or type(exc).__name__ == "ParseError":
        return message or type(exc).__name__
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
