"""Errors the knowledge base raises for bad requests; str(error) is the one line a user sees.

The parsers and the library speak English to developers (tests match those words); what a user reads —
the CLI's errors and warnings, the build report, the app's upload page — goes through `vietnamese`, which
says each known message in the interface's language, keeping its file names and numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache


class KbError(Exception):
    """A request the KB cannot serve (unknown document, missing database ...)."""


_HOW_TO = "hãy mở tệp bằng Word hoặc LibreOffice rồi lưu thành .docx, hoặc chạy: soffice --headless --convert-to docx TỆP"
_NOT_DOCX = "tệp không phải .docx hợp lệ"


# (kb.labels has the full reading of eids and roles; this module imports nothing of the KB, which
# raises its errors.)
_UNITS = {"art": "Điều", "para": "khoản", "point": "điểm", "chp": "Chương", "sec": "Mục", "annex": "Phụ lục"}
_ROLE_NAMES = "Chủ trì, Phối hợp, Tham mưu, Thực hiện, Ban hành, Báo cáo, Chỉ đạo, Đề nghị"


def _unit(eid: str) -> str:
    """ "art_5__para_2" → "khoản 2 Điều 5" (a unit this does not know: "điều khoản được yêu cầu")."""
    parts = []
    for piece in eid.split("__"):
        kind, _, num = piece.partition("_")
        if kind not in _UNITS or not num:
            return "điều khoản được yêu cầu"
        parts.append(f"{_UNITS[kind]} {num}")
    return " ".join(reversed(parts))


# (English pattern, Vietnamese replacement): the longer and more specific patterns first. A replacement
# is a re.sub template or a function of the match.
_TABLE: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    # reading a file (parsers/readers)
    (r"binary file, not text \(NUL bytes found\)", "tệp nhị phân, không phải văn bản (có byte NUL)"),
    (r"binary file, not text \(control bytes found\)", "tệp nhị phân, không phải văn bản (có ký tự điều khiển)"),
    (r"HTML nested deeper than (\d+) levels: the text after the deep block cannot be read",
     r"HTML lồng sâu quá \1 cấp: không đọc được phần văn bản sau khối lồng sâu"),
    (r"XML with a DOCTYPE or entity declaration refused", "XML có khai báo DOCTYPE hoặc thực thể, không được đọc"),
    (r"no text to parse \(the file holds no words\)", "không có nội dung để đọc (tệp không có chữ nào)"),
    (r"no text to parse \(only page numbers, links or formatting\)",
     "không có nội dung để đọc (chỉ có số trang, liên kết hoặc định dạng)"),
    (r"\bempty file\b", "tệp rỗng"),
    (r"no text in the file", "tệp không có chữ nào"),
    (r"is a directory, not a file", "là một thư mục, không phải tệp"),
    (r"not a regular file", "không phải tệp thông thường"),
    (r"permission denied", "không có quyền đọc tệp"),
    (r"cannot read: ", "không đọc được: "),
    (r"file is over the (.+?) limit", r"tệp vượt giới hạn \1"),
    (r"(\d[\d.]* (?:MB|bytes)) is over the (.+?) limit", r"tệp \1, vượt giới hạn \2"),
    (r"not a (\.?\w+) file \(its content does not match its name\)",
     r"không phải tệp \1 (nội dung không khớp với đuôi tên tệp)"),
    (r"corrupt \.docx \(not a readable zip:.*", _NOT_DOCX + " (không giải nén được)"),
    (r"corrupt \.docx: cannot inflate (\S+).*", _NOT_DOCX + r" (không giải nén được \1)"),
    (r"not a Word document.*", _NOT_DOCX + " (không có phần nội dung văn bản Word)"),
    (r"\.docx part (\S+) inflates past the (.+?) limit \(zip bomb\?\)",
     r"phần \1 của tệp .docx giải nén ra vượt giới hạn \2 (tệp nén bất thường)"),
    (r"corrupt XML \(.*\)", "XML hỏng, không đọc được"),
    (r"\bempty XML\b", "XML rỗng"),
    (r"an OpenDocument \(\.odt\) file, not \.docx: save it as \.docx first",
     "tệp OpenDocument (.odt), không phải .docx: hãy lưu lại thành .docx trước"),
    (r"reading (\S+) needs LibreOffice, which is not installed: .*",
     r"đọc tệp \1 cần LibreOffice nhưng máy chưa cài: " + _HOW_TO),
    (r"LibreOffice could not convert (\S+) \(corrupt file\?\): .*",
     r"LibreOffice không chuyển đổi được tệp \1 (tệp hỏng?): " + _HOW_TO),
    (r"cannot start LibreOffice \((.*?)\): .*", r"không khởi động được LibreOffice (\1): " + _HOW_TO),
    (r"converted from \.doc by LibreOffice", "đã chuyển từ .doc bằng LibreOffice"),
    (r"undecodable bytes at offset (\d+): the file claims UTF-8 but is not",
     r"có byte không giải mã được ở vị trí \1: tệp ghi là UTF-8 nhưng không phải"),
    (r"undecodable bytes at offset (\d+): broken (\S+)", r"có byte không giải mã được ở vị trí \1: mã \2 bị hỏng"),
    (r"undecodable bytes at offset (\d+): not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI text",
     r"có byte không giải mã được ở vị trí \1: không phải văn bản UTF-8, UTF-16, Windows-1258, TCVN3 hay VNI"),
    (r"the file claims (\S+) \(byte-order mark\) but its text is not",
     r"tệp ghi là \1 (dấu BOM) nhưng nội dung không phải"),
    (r"web archive \(\.mht\) without an HTML page in it", "tệp lưu trang web (.mht) không có trang HTML nào"),
    (r"unreadable HTML \(.*\)", "HTML không đọc được"),
    (r"encrypted PDF: it needs a password to be read", "PDF được mã hóa: cần mật khẩu để đọc"),
    (r"encrypted PDF that cannot be opened \(.*\)", "PDF được mã hóa, không mở được"),
    (r"corrupt PDF \(.*\)", "tệp PDF hỏng, không đọc được"),
    (r"PDF without pages", "PDF không có trang nào"),
    (r"PDF has (\d+) pages, over the limit of (\d+) \(set (\w+)\)", r"PDF có \1 trang, vượt giới hạn \2 (đặt \3)"),
    (r"scanned PDF, no text layer: run OCR first \(e\.g\. ocrmypdf\) or use the \.docx",
     "PDF là bản quét, không có lớp chữ: hãy nhận dạng chữ (OCR, ví dụ ocrmypdf) trước hoặc dùng bản .docx"),
    # warnings of the readers
    (r"Word automatic numbering written out as text", "số thứ tự tự động của Word được ghi thành chữ"),
    (r"(\d+) run\(s\) in legacy TCVN3/VNI fonts converted to Unicode",
     r"\1 đoạn chữ phông TCVN3/VNI cũ đã được chuyển sang Unicode"),
    (r"text typed in the (.+?) font encoding: converted to Unicode",
     r"văn bản gõ bằng bảng mã phông \1: đã chuyển sang Unicode"),
    (r"text in the legacy (.+?) encoding: converted to Unicode", r"văn bản theo bảng mã cũ \1: đã chuyển sang Unicode"),
    (r"(\d+) control character\(s\) removed", r"đã bỏ \1 ký tự điều khiển"),
    (r"UTF-16 without byte-order mark: guessed from its NUL bytes", "UTF-16 không có dấu BOM: đoán từ các byte NUL"),
    (r"a (\S+) byte-order mark before UTF-8 text: read as UTF-8", r"có dấu BOM \1 trước văn bản UTF-8: đọc như UTF-8"),
    (r"not UTF-8: decoded as Windows-1258", "không phải UTF-8: đọc theo bảng mã Windows-1258"),
    (r"(\d+) undecodable byte\(s\) replaced, the first at offset (\d+)",
     r"đã thay \1 byte không giải mã được, byte đầu tiên ở vị trí \2"),
    (r"(\d+) of (\d+) PDF pages have no text layer \(scanned\?\)",
     r"\1 trong \2 trang PDF không có lớp chữ (bản quét?)"),
    # the knowledge base
    (r"document id (.+?) already used; stored as (.+)", r"mã văn bản \1 đã được dùng; lưu thành \2"),
    (r"no knowledge base at (.+?): run `kb build` first", r"chưa có kho văn bản tại \1: hãy chạy `kb build` trước"),
    (r"(.+?) is not a knowledge base \(.*\): run `kb build` again",
     r"\1 không phải kho văn bản của vbkb: hãy chạy lại `kb build`"),
    (r"(.+?) is not a knowledge base: run `kb build` again", r"\1 không phải kho văn bản của vbkb: hãy chạy lại `kb build`"),
    (r"(.+?) was built by another version of vbkb: run `kb build` again",
     r"\1 được tạo bởi phiên bản vbkb khác: hãy chạy lại `kb build`"),
    (r"the knowledge base has no duties table: run `kb build` again",
     "kho văn bản chưa có bảng nghĩa vụ: hãy chạy lại `kb build`"),
    (r"no document '(.*?)' in the knowledge base \(see `kb docs`\)",
     r"không có văn bản «\1» trong kho (xem danh sách bằng `kb docs`)"),
    (r"no node '(.*?)' in document '(.*?)'", lambda m: f"văn bản «{m.group(2)}» không có {_unit(m.group(1))}"),
    (r"no document '(.*?)' in the given files", r"không có văn bản «\1» trong các tệp đã cho"),
    (r"unknown role '(.*?)': one of .*", r"không có vai trò «\1»: chọn một trong " + _ROLE_NAMES),
    (r"unknown actor id: (.*)", r"không có chủ thể mang mã \1"),
    (r"empty actor query", "chưa nhập chủ thể"),
    (r"unknown target '(.*?)': no document in the KB or the catalog has that number or id",
     r"không biết văn bản «\1»: trong kho và danh mục không có văn bản nào mang số hay mã đó"),
    (r"cannot write (.+?): (.*)", r"không ghi được \1: \2"),
    (r"no document files in (.*)", r"không có tệp văn bản nào trong \1"),
    (r"no such file, and no knowledge base at (.+?) to look (?:the id up in|it up)",
     r"không có tệp này, và không có kho văn bản tại \1 để tra mã"),
    (r"no such file \(the knowledge base store is not available\)", "không có tệp này (không mở được kho văn bản)"),
    (r"no such file or document id in (.*)", r"không có tệp hay mã văn bản này trong \1"),
    (r"the source file of this document is no longer at (.*)", r"tệp gốc của văn bản này không còn ở \1"),
    (r"no document found", "không tìm thấy văn bản nào"),
    (r"cannot read catalog (.+?): (.*)", r"không đọc được danh mục văn bản \1: \2"),
    (r"cannot read actor registry (.+?): (.*)", r"không đọc được danh sách chủ thể \1: \2"),
    (r"\bno such file\b", "không có tệp này"),
    (r"No such file or directory", "không có tệp hoặc thư mục này"),
    (r"Permission denied", "không có quyền truy cập"),
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...]:
    return tuple((re.compile(p), r) for p, r in _TABLE)


def vietnamese(message: str) -> str:
    """A message of the parsers or the KB as the interface says it: each known English phrase replaced by
    its Vietnamese (file names, numbers and offsets kept); an unknown message is returned as it is."""
    for pattern, replacement in _compiled():
        message = pattern.sub(replacement, message)
    return message
