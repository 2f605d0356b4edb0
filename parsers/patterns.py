"""Every regular expression the parser uses, in one place.

All patterns work on one cleaned line (NFC, Markdown noise removed) and are anchored, so none of them
can backtrack across a whole document. Vietnamese letters are matched with \\w (Unicode) or with an
explicit class of the upper/lower case letters where case matters.
"""

from __future__ import annotations

import re

UPPER = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"  # Ạ-Ỹ covers the precomposed Vietnamese range (both cases)
LOWER = "a-zàáâãèéêìíòóôõùúýăđĩũơưạ-ỹ"
ROMAN = r"[IVXLC]+"

# --- structural units (one line each, after cleaning) -------------------------------------------------
PHAN = re.compile(rf"^Phần\s+(thứ\s+\w+|{ROMAN}|\d+)\b[.:]?\s*(.*)$", re.IGNORECASE)
CHUONG = re.compile(rf"^Chương\s+({ROMAN}|\d+)(?![\w/])[.:]?\s*(.*)$", re.IGNORECASE)
MUC = re.compile(r"^Mục\s+(\d+|[IVXLC]+)(?![\w/])[.:]?\s*(.*)$", re.IGNORECASE)
DIEU = re.compile(r"^Điều\s+(\d+[a-zđ]?)\s*[.:]\s*(.*)$|^Điều\s+(\d+[a-zđ]?)$", re.IGNORECASE)
# "1. text", "1 . text", "2) text"; not "1.2." (subitem) and not "1/2025" (a date or number)
KHOAN = re.compile(r"^(\d{1,3})\s?[.)](?![\d/])\s*(.*)$")
# "a) text", "đ) text", "a. text" is rare and ambiguous with initials: only ")" is accepted
DIEM = re.compile(r"^([a-zđ]|[a-zđ]\d|\d{1,2}\.\d{1,2}\.\d{1,2})\)\s*(.*)$")
# "I. MỤC ĐÍCH", "II/ NỘI DUNG"; not "V/V HỖ TRỢ ..." / "V/v ...": "về việc", a title line, not section V
SECTION = re.compile(rf"^(?![Vv]/[Vv]\b)({ROMAN})\s?[.)/]\s*(.*)$")
SECTION_LETTER = re.compile(rf"^([A-ZĐ])\s?[.)]\s+(?=[{UPPER}])(.*)$")
SUBITEM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?(?![\d/])\s*(.*)$")
BULLET = re.compile(r"^([-+•*–—·▪◦●○])\s*(.*)$")
# A Markdown list dash before a point label: "- b) text" is the point "b) text"
DASH_BEFORE_POINT = re.compile(r"^[-+•*]\s+(?=[a-zđ]\)\s)")

# --- document parts -----------------------------------------------------------------------------------
DOC_TYPES = (
    "Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Thông tư liên tịch", "Thông tư", "Quyết định",
    "Chỉ thị", "Quy chế", "Quy định", "Kế hoạch", "Thông báo", "Công văn", "Hướng dẫn", "Báo cáo",
    "Chương trình", "Đề án", "Phương án", "Tờ trình", "Lệnh", "Công điện", "Điều lệ", "Phụ lục",
)
ANNEX_NUM = r"(?:[IVXLC]+|\d{1,2})[a-z]?"
_TYPES_ALT = "|".join(sorted((t.upper() for t in DOC_TYPES), key=len, reverse=True))
# A title line: the document type alone, in capitals ("QUYẾT ĐỊNH", "KẾ HOẠCH", "QUY CHẾ:")
# ... or an annex's with its number, in any case: "PHỤ LỤC II", "PHỤ LỤC 01", "PHỤ LỤC SỐ 3", "Phụ lục 01"
DOC_TITLE = re.compile(rf"^(?:(?:{_TYPES_ALT})(?:\s+(?:LIÊN\s+TỊCH|MẪU))?|(?i:PHỤ\s+LỤC\s+(?:SỐ\s+)?){ANNEX_NUM})\s*:?$")
# A form's label on a line of its own ("Mẫu số 01", "MẪU 02/TTHC", "Biểu mẫu số 3", "Biểu mẫu"): after a
# signature block, a form attached to the text (an attachment of its own, as a Phụ lục is)
FORM_TITLE = re.compile(r"^(?:(?:Mẫu|MẪU|Biểu\s+mẫu|BIỂU\s+MẪU)(?:\s+(?:số|SỐ))?\s*\d{1,3}[a-zđ]?(?:[/.-][\w.-]+)?"
                        r"|Biểu\s+mẫu|BIỂU\s+MẪU)$")
ENACTING = re.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ|BAN HÀNH|CHỈ THỊ|NGHỊ ĐỊNH|THÔNG TƯ)\s*:$")
# "(Ban hành kèm theo Quyết định số ...)" (or "Ban hành theo", "Kèm theo") under an attached document's
# title. It opens with "(" or a capital: a line starting "kèm theo ..." is a hard-wrapped sentence going on
# ("... tại Phụ lục II ban hành" / "kèm theo Thông tư số 29/2024/TT-BTC."); "kèm theo Quyết định này <words>"
# is Điều 1 of the Quyết định itself ("Ban hành kèm theo Quyết định này Quy chế ..."), not another text's header.
ANNEX_OF = re.compile(
    r"^(?=(?-i:[(BK]))\(?\s*(?:Ban\s+hành\s+(?:kèm\s+)?theo|kèm\s+theo)\s+"
    r"(Quyết định|Nghị định|Thông tư|Nghị quyết|Chỉ thị|Công văn|Kế hoạch|Bộ luật|Luật|Pháp lệnh)"
    r"\s+(?!này\s+\w)(?:số\s*)?([^()]*?)\)?\s*$",
    re.IGNORECASE,
)
NUMBER = re.compile(r"^(?:(?:Luật|Pháp lệnh|Nghị quyết|Lệnh)\s+)?Số\s*(?:hiệu)?\s*[:.]\s*(.*?)\s*$", re.IGNORECASE)
DOC_NUMBER = re.compile(r"(?<![\d/.])(\d+(?:\.\d+)?\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-zđ0-9]*(?:[-–][A-ZĐa-zđ0-9]+)*)")
DATE_VI = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
DATE_NUM = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
# "ngày\s" then the class (which holds \s): "\s+[\d\s…]*" would split a run of spaces every way (quadratic)
PLACE_DATE = re.compile(r"^(.{2,60}?),\s*ngày\s[\d\s.…_]*tháng", re.IGNORECASE)
BASIS = re.compile(r"^Căn\s+cứ\s", re.IGNORECASE)
RECIPIENTS = re.compile(r"^N[ơo]i\s+nh[ậa]n\s*:?\s*(.*)$", re.IGNORECASE)
CAPACITY = re.compile(r"^(TM|KT|Q|TL|TUQ|TM\s*/\s*KT)\s*\.\s*(.*)$")
MOTTO = re.compile(r"^(CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do)", re.IGNORECASE)
# "Quyết định này có hiệu lực (thi hành) (kể) từ ngày ...": the document's own entry into force, not a cited law's
# ("\bnày" written letter first, so that a search over a whole body is not tried at every position)
EFFECTIVE = re.compile(
    r"n(?<!\wn)ày\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s+"
    r"(\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|/\d{1,2}/\d{4})|ký)",
    re.IGNORECASE,
)
REPLACES = re.compile(r"thay\s+thế\s+((?:các\s+)?(?:Quyết định|Nghị định|Thông tư|Chỉ thị|Nghị quyết)[^.;]*)", re.IGNORECASE)

# --- cleaning -----------------------------------------------------------------------------------------
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
# "***" (bold italic: "*(Kèm theo*** ***Nghị định"), "**", "__", or a lone "*"/"_" opening (no word before) or
# closing (no word after) emphasis. Every branch
# starts with the "*" or "_" itself and looks behind from there: a pattern that starts with a literal lets
# the regex engine jump to candidate characters instead of trying each position of a long line.
MD_EMPHASIS = re.compile(r"\*\*\*(?!\*)|\*\*|__|\*(?<![\w*]\*)(?=\S)|\*(?<=\S\*)(?![\w*])|_(?<!\w_)(?=\S)|_(?<=\S_)(?!\w)")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
MD_RULE = re.compile(r"^\s*(?:[-=_*~]\s*){3,}$")
MD_HARD_BREAK = re.compile(r"(?:(?<! ) {2,}|\\)$")  # from a run's first space only: linear
TABLE_PIPE = re.compile(r"^\s*\|\s*$")
# Possessive spaces: each run is taken whole (what follows it is never a space), so a long run of spaces
# that the cleaner did not fold (U+1680) is not split every way between adjacent "\s*" (cubic time).
MD_TABLE_RULE = re.compile(r"^\s*+\|?(?:\s*+:?-{2,}:?\s*+\|)+\s*+:?-*:?\s*+\|?\s*+$")
PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.IGNORECASE)
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
# A footnote line at a page bottom: its number, then text ("1 như: Quyết định số ...")
FOOTNOTE_LINE = re.compile(r"^\s*([1-9]\d{0,2})\s+(?=\S)(?![.)/%])(.*)$")
# A footnote marker glued to a word or a document number: "pháp luật1", "34/2016/NĐ-CP2"
# (the first digit comes before the look-behind so that the engine can skip to digits)
FOOTNOTE_MARKER = re.compile(rf"(\d(?<=[{UPPER}{LOWER}]\d)\d{{0,2}})(?=[\s,.;:)\]”\"']|$)")
# A web page's footnote: "[1] Thông báo số ..." (its text may start on the next line: "[3]"), and its
# marker glued to the word it explains: "nhiều văn bản[1]", "cơ quan[2] và", "TÊN[1]………"
BRACKET_FOOTNOTE_LINE = re.compile(r"^\s*\[([1-9]\d{0,2})\](?:\s+(.*)|\s*)$")
BRACKET_FOOTNOTE_MARKER = re.compile(r"(?<=[^\s\[(])\[([1-9]\d{0,2})\](?!\w)")
MD_FOOTNOTE_REF = re.compile(r"\[\^(\w+)\]")
MD_FOOTNOTE_DEF = re.compile(r"^\s*\[\^(\w+)\]:\s*(.*)$")

# --- joining broken lines -----------------------------------------------------------------------------
SENTENCE_END = re.compile(r"(?:[.!?;:…]|\./\.|\.\s*/\s*\.)[\s\"”’')\]*]*$")
STRONG_END = re.compile(r"(?:[.!?…]|\./\.|\.\s*/\s*\.)[\s\"”’')\]*]*$")
STARTS_LOWER = re.compile(rf"^[\"“‘(\[]?[{LOWER}0-9]")
# A line ending with one of these words (or characters) cannot end a sentence: the next line goes on.
CONTINUING_WORDS = frozenset({
    "và", "của", "về", "với", "tại", "theo", "cho", "các", "những", "là", "được", "trong", "từ", "đến",
    "hoặc", "hay", "nếu", "thì", "để", "do", "bởi", "như", "số", "nhằm", "gồm", "bằng", "mà", "nhưng",
    "giữa", "đối", "tới", "sự", "một", "hai", "ba", "bốn", "mỗi", "mọi", "cả", "phải", "sẽ", "đã", "đang",
})
CONTINUING_CHARS = ",-–(/&"
WORD = re.compile(r"\w+")
HAS_WORD = re.compile(r"[^\W_]")  # a letter or a digit: text that says something
