"""Every regular expression the citation finder uses, in one place.

The finder works on node text (lines rejoined) but must survive a citation cut by a line or page break
("Nghị\\nđịnh số 80/2025/NĐ-CP", "Chỉ thị số 06-\\n\\nCT/TU"), so the gap between words is `\\s+`
everywhere. Document types are matched case-insensitively only in front of a number ("quyết định số
196/QĐ-UBND"); a type word alone is ordinary prose. No pattern has nested unbounded repetition.
"""

from __future__ import annotations

import re

UPPER = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-Ỹ"
LOWER = "a-zàáâãèéêìíòóôõùúýăđĩũơưạ-ỹ"
_S = r"\s+"  # a gap between words: may hold line and page breaks


def _words(phrase: str) -> str:
    """'Nghị định' → 'Nghị\\s+định': each space may be any run of whitespace."""
    return _S.join(re.escape(w) for w in phrase.split())


# Longest first so "Thông tư liên tịch" wins over "Thông tư".
DOC_TYPES = (
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Bộ luật", "Luật", "Pháp lệnh", "Nghị định", "Nghị quyết",
    "Thông tư", "Quyết định", "Chỉ thị", "Kế hoạch", "Công văn", "Hướng dẫn", "Kết luận", "Quy chế",
    "Quy định", "Thông báo", "Công điện", "Lệnh", "Thông tri", "Quy định", "Đề án", "Chương trình",
    "Văn bản", "Sắc lệnh", "Thông tư liên bộ", "Tờ trình", "Báo cáo", "Hiến pháp", "Phương án",
)
_TYPE_ALT = "|".join(_words(t) for t in sorted(set(DOC_TYPES), key=len, reverse=True))
DOC_TYPE = rf"(?i:{_TYPE_ALT})"
# A type printed twice by a copy-paste slip: "Thông tư Thông tư số 04/2021/TT-BTP".
DOC_TYPE_RUN = rf"(?P<type>{DOC_TYPE})(?:{_S}{DOC_TYPE})?"

# The number (số hiệu). Forms: 80/2025/NĐ-CP, 03 /2022/QĐ-UBND, 196/QĐ-UBND, 4147/UBND-NC, 06-CT/TU,
# 64/2025/QH15, 13/2015/TT- BVHTTDL. A code segment is letters; digits follow only "QH" (QH15,
# UBTVQH14): any other trailing digit is a footnote marker glued to the number ("34/2016/NĐ-CP2").
_SEG = rf"[{UPPER}][{UPPER}a-zđ&]*(?:(?<=QH)\d{{1,2}})?"
# After a hyphen set off by spaces ("13/2015/TT- BVHTTDL") only an all-capitals code continues the
# number; "95/2023/NĐ-CP - Giấy phép" ends at "CP".
_SEG_CAPS = rf"[{UPPER}]{{2,}}(?:(?<=QH)\d{{1,2}})?(?![\w])"
_CODE = rf"{_SEG}(?:[-–]{_SEG}|[ \t]?[-–][ \t]*(?:\n\s*)?{_SEG_CAPS})*"
_SEQ = r"\d{1,5}(?:[.,]\d{1,3})?"
_NUMBER_BODY = (
    r"(?<![\d/]){seq}[ \t]*(?:"
    r"/[ \t]*(?:(?:19|20)\d{{2}}[ \t]*/[ \t]*)?{code}"  # 80/2025/NĐ-CP, 196/QĐ-UBND
    r"|[-–]\s*{seg}/{seg})"  # 06-CT/TU, 66-NQ/TW (the hyphen may end a line)
)
NUMBER = rf"(?P<number>{_NUMBER_BODY.format(seq=_SEQ, code=_CODE, seg=_SEG)})"
# After "Nghị định số" a code may be typed in lower case ("80/2025/nđ-cp"); its segments then touch.
_SEG_ANY = rf"[{UPPER}{LOWER}][{UPPER}{LOWER}&]*(?:(?<=[Qq][Hh])\d{{1,2}})?"
_CODE_ANY = rf"(?:{_CODE}|{_SEG_ANY}(?:[-–]{_SEG_ANY})*)"
TYPED_NUMBER = rf"(?P<number>{_NUMBER_BODY.format(seq=_SEQ, code=_CODE_ANY, seg=_SEG_ANY)})"
NUMBER_RE = re.compile(NUMBER)
# A bare number is a citation only when its code names a document kind; keeps "3/2020" (a date) out.
BARE_CODE_KIND = re.compile(
    r"(?:^|[-/])(?:NĐ|ND|QĐ|QD|TT|TTLT|CT|NQ|NQLT|QH|KH|KL|HD|TB|CĐ|UBTVQH|TTR|BC|PA|CTR|QCPH)(?:\d|[-/]|$)",
    re.IGNORECASE
)

_DAY = r"\d{1,2}"
_MONTH = r"\d{1,2}"
_YEAR = r"(?:19|20)\d{2}"
DATE = (
    rf"(?:ngày{_S}(?P<d1>{_DAY}){_S}tháng{_S}(?P<m1>{_MONTH}){_S}năm{_S}(?P<y1>{_YEAR})"
    rf"|ngày{_S}(?P<d2>{_DAY})\s*[/.-]\s*(?P<m2>{_MONTH})\s*[/.-]\s*(?P<y2>{_YEAR})"
    rf"|năm\s*(?P<y3>{_YEAR}))"
)
DATE_RE = re.compile(DATE)

# "của <issuer>": capitalised words up to a word that starts the title ("về", "quy định" ...).
_ISSUER_STOP = (
    r"về|quy\s+định|hướng\s+dẫn|sửa\s+đổi|bổ\s+sung|ban\s+hành|thi\s+hành|tại|theo|và|hoặc|đã|được|để|như|"
    r"có|phê\s+duyệt|ngày|số|trên|trong|với|nhằm|giao|cho|thực\s+hiện|triển\s+khai|là|năm|kèm|việc|gửi|hết|bị|"
    r"chấm\s+dứt"
)
ISSUER = rf"của{_S}(?P<issuer>[{UPPER}][\w]*(?:{_S}(?!(?i:{_ISSUER_STOP})\b)[\w&]+){{0,9}})"

# A law (or code, ordinance) cited by its name: "Luật Ban hành văn bản quy phạm pháp luật",
# "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B". The name runs over words until a word or
# mark that cannot be part of a law's name; the catalog then decides which law it is.
_NAME_STOP = (
    r"ngày|năm|số|và|hoặc|của|được|đã|có|thì|để|theo|tại|về|quy\s+định|hướng\s+dẫn|hiện\s+hành|các|này|"
    r"nêu|trên|đó|với|trong|khi|nhằm|gửi|sau|trước|đến|từ|do|bởi|sửa\s+đổi|thi\s+hành|năm|"
    r"mà|đối|không|phải|nếu|cho|như|xem|cũng|đều|vẫn|là|hoặc|đang|sẽ|được|bị|về|tại|đảm\s+bảo|bảo\s+đảm"
)
# A word of a name: not a stop word, not a number, not a unit of a pinpoint ("Luật A và Điều 77 Luật B").
_NAME_WORD = rf"(?!(?:{_NAME_STOP})\b)(?!\d|năm\d)(?!(?:Điều|khoản|điểm|Chương|Mục)\b)[\w]+"

# A document cited by type and number, with its date and issuer when printed after it.
# A document cited by type and number, with its date and issuer when printed after it. Only a law (code,
# ordinance) may print its name between type and number: "Luật Ban hành văn bản ... số 64/2025/QH15".
_LAW_NAME = rf"(?<=[Ll]uật|lệnh)(?P<name>{_S}[{UPPER}][\w]*(?:{_S}{_NAME_WORD}){{0,14}}?)"
# Lower-case words that qualify a type before its number: "Chương trình hành động số 25-CTr/TU", "Quy chế phối
# hợp 49/QCPH-...", "Thông báo kết luận số ...", "Công văn hỏa tốc số ...".
_QUALIFIER = rf"(?:{_S}(?!(?i:{_TYPE_ALT})\b)(?!(?:và|hoặc|của|theo|tại|về|ngày|năm|số|so)\b)[{LOWER}]+){{0,3}}"
DOC_CITATION = re.compile(
    rf"(?<![\w])(?P<citation>{DOC_TYPE_RUN}(?:{_LAW_NAME}|{_QUALIFIER})??"
    rf"{_S}(?:(?i:số|so)\s*(?:hiệu\s*)?:?\s*)?{TYPED_NUMBER})"
    rf"(?P<tail>(?:\s*,?{_S}{DATE})?(?:{_S}{ISSUER})?)"
)
BARE_CITATION = re.compile(rf"(?<![\w/])(?P<citation>{NUMBER})(?P<tail>(?:\s*,?{_S}{DATE})?(?:{_S}{ISSUER})?)")
TAIL_RE = re.compile(rf"(?:\s*,?{_S}{DATE})?(?:{_S}{ISSUER})?")

LAW_KIND = rf"(?P<kind>Bộ{_S}luật|Luật|Pháp{_S}lệnh)"
# The Constitution has no number: "Hiến pháp năm 2013", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam".
CONSTITUTION = re.compile(
    rf"(?<![\w])(?P<law>Hiến{_S}pháp(?:{_S}nước{_S}Cộng{_S}hòa{_S}xã{_S}hội{_S}chủ{_S}nghĩa{_S}Việt{_S}Nam)?)"
    rf"(?P<tail>(?:\s*,?{_S}{DATE})?)"
)
# "phù hợp với Hiến pháp, pháp luật", "trái với Hiến pháp, luật, nghị quyết của Quốc hội", "trong khuôn khổ Hiến
# pháp và pháp luật": the Constitution named as a kind of text beside others, with no year, is no citation.
CONSTITUTION_AS_KIND = re.compile(r"\s*(?:,|\s+và|\s+hoặc)\s+(?:các\s+)?(?:pháp\s+luật|luật|văn\s+bản)\b", re.IGNORECASE)
_AMEND = rf"(?i:sửa{_S}đổi,?{_S}bổ{_S}sung(?:{_S}một{_S}số{_S}điều)?(?:{_S}của)?)"
# A name may hold one list "A, B và C" ("Luật Khoa học, công nghệ và đổi mới sáng tạo") or a fixed pair
# ("Luật Phòng, chống tham nhũng", "Luật Quản lý, sử dụng tài sản công").
_PAIR = r"(?i:phòng,\s+chống|quản\s+lý,\s+sử\s+dụng)"
_LIST_IN_NAME = rf",{_S}(?!(?:Luật|Bộ|Pháp|Nghị|Thông|Quyết|Chỉ)\b){_NAME_WORD}(?:{_S}{_NAME_WORD}){{0,3}}{_S}và(?!{_S}(?:Luật|Bộ|Pháp|Nghị|Thông|Quyết|Chỉ)\b)(?:{_S}{_NAME_WORD}){{1,5}}"
# "và" inside a name ("Luật Bảo vệ và kiểm dịch thực vật") when what follows ends the name cleanly.
_AND_IN_NAME = (
    rf"{_S}và(?!{_S}(?:Luật|Bộ|Pháp|Nghị|Thông|Quyết|Chỉ)\b)(?:{_S}{_NAME_WORD}){{1,5}}"
    rf"(?=\s*(?:[.;,)]|$|(?:năm|ngày|số){_S}\d))"
)
# A comma inside a name before a few (up to six) lower-case words that end it ("Luật Thi đua, khen thưởng", "Luật Cán bộ,
# công chức", "Luật Thuế xuất khẩu, thuế nhập khẩu"): the words must reach the name's end (a mark, a number,
# "và", the end), so "Luật Đất đai, đồng thời rà soát ..." keeps its comma out of the name; "Luật Trật tự, an toàn
# giao thông đường bộ", "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ".
_END_OF_NAME = rf"(?=\s*(?:[.;,:)]|$|(?:năm|ngày|số){_S}\d|(?:và|hoặc){_S}|\())"
_COMMA_IN_NAME = rf",{_S}(?=[{LOWER}]){_NAME_WORD}(?:{_S}{_NAME_WORD}){{0,5}}{_END_OF_NAME}"
_NAME_BODY = (
    rf"(?:{_PAIR}|[{UPPER}][\w]*)(?:{_S}{_NAME_WORD}){{0,12}}"
    rf"(?:{_LIST_IN_NAME}(?:{_COMMA_IN_NAME})?|{_AND_IN_NAME}|{_COMMA_IN_NAME}(?:{_AND_IN_NAME}(?:{_COMMA_IN_NAME})?)?)?"
)
_PLAIN_LAW = rf"(?:Bộ{_S}luật|Luật|Pháp{_S}lệnh){_S}{_NAME_BODY}"
# A law amending several laws is named by their list: "Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu,
# Luật Đầu tư theo phương thức đối tác công tư, Luật Hải quan, ..., Luật Quản lý, sử dụng tài sản công". An item
# before the last one runs to the next ", Luật" / "và Luật", whatever its words.
_LISTED_LAW = rf"Luật{_S}[{UPPER}][\w]*(?:,?{_S}(?!Luật\b)[\w]+){{0,12}}?(?:,|{_S}và){_S}(?=Luật\b)"
# ... or by how many laws it amends: "Luật sửa đổi, bổ sung một số điều của 11 luật có liên quan đến quy hoạch".
_COUNTED_LAWS = rf"(?:\d{{1,2}}|các){_S}luật(?:{_S}(?!(?:số|ngày|năm)\b)[{LOWER}]+){{0,8}}"
NAMED_LAW = re.compile(
    rf"(?<![\w])(?P<law>{LAW_KIND}{_S}(?P<lawname>{_AMEND}{_S}(?:(?:{_LISTED_LAW}){{0,12}}{_PLAIN_LAW}|{_COUNTED_LAWS})"
    rf"|{_NAME_BODY}))"
    rf"(?P<tail>(?:\s*,?{_S}{DATE})?(?:{_S}{ISSUER})?)"
)
# Words after "Luật" that make it not a law's name ("Hội Luật gia").
NOT_A_LAW_NAME = re.compile(r"^(?:gia|sư|học|pháp)\b", re.IGNORECASE)

# Pinpoints, innermost first as Vietnamese prints them: "điểm c khoản 1 Điều 5", "khoản 3, 4, 5 Điều 14",
# "khoản 1, khoản 2 Điều này", "Điều 7, Điều 8, Điều 9 và Điều 10", "Mẫu số 01 tại Phụ lục I".
_SEP = r"(?:\s*,\s*(?:và\s+|hoặc\s+)?|\s+(?:và|hoặc|đến)\s+)"
_LETTER = r"[a-zđ](?![\w])"
_NUM = r"\d{1,3}[a-zđ]?(?![\w/])"
_ROMAN = r"[IVXLC]{1,6}(?![\w])"
_THIS = r"này"


def _unit_list(word: str, value: str) -> str:
    item = rf"(?:{word}\s+)?(?:{value})"
    return rf"{word}\s+(?:{value})(?:{_SEP}{item})*"


POINTS = _unit_list(r"(?i:điểm)", _LETTER)
CLAUSES = _unit_list(r"(?i:khoản)", rf"{_NUM}|{_THIS}")
ARTICLES = _unit_list(r"(?i:điều)", rf"{_NUM}|{_THIS}")
CHAPTERS = _unit_list(r"(?i:chương)", rf"{_ROMAN}|{_NUM}|{_THIS}")
SECTIONS = _unit_list(r"(?i:mục)", rf"{_NUM}|{_ROMAN}")
FORMS = rf"(?i:mẫu)(?:{_S}(?i:số))?\s*(?:\d{{1,3}}[a-z]?)(?:{_SEP}(?:(?i:mẫu)(?:{_S}(?i:số))?\s*)?\d{{1,3}}[a-z]?)*"
# An annex is cited with its number, or as the one attached ("Phụ lục kèm theo Nghị định ..."); a
# "PHỤ LỤC" heading or "ký kết phụ lục hợp đồng" is not a citation.
_ANNEX_NO = rf"(?:{_ROMAN}|\d{{1,3}}(?![\w/])|[A-Z](?![\w]))"
ANNEXES = (
    rf"[Pp]hụ{_S}lục(?:{_S}(?i:số))?(?:\s+{_ANNEX_NO}(?:{_SEP}(?:[Pp]hụ{_S}lục\s+(?:(?i:số)\s+)?)?{_ANNEX_NO})*"
    rf"|(?={_S}(?:(?i:ban){_S}hành{_S})?(?:(?i:kèm){_S}theo|đính{_S}kèm)))"
)
# After an annex that no document follows: "Nghị định số X ... và các Phụ lục ban hành kèm theo."
ANNEX_OF_PREVIOUS = re.compile(r"^\s*(?:ban\s+hành\s+)?(?:kèm\s+theo|đính\s+kèm)(?:\s+theo)?\s*(?:[.;,)]|$)",
                               re.IGNORECASE)
# "(Ban hành kèm theo Quyết định số /2025/QĐ-UBND ...)": an attached text printed before its decision got its
# number; the number is blank, the code and year are there.
ISSUED_WITH_BLANK = re.compile(
    rf"(?i:ban{_S}hành{_S})?(?i:kèm{_S}theo){_S}(?P<type>{DOC_TYPE}){_S}(?i:số)\s*:?[\s.…_]*"
    rf"/\s*(?:(?:19|20)\d{{2}}\s*/\s*)?[{UPPER}]"
)
# "Căn cứ pháp lý (của thủ tục hành chính): Nghị định ..." names a procedure's or a project's legal basis, a
# noun: the texts listed are mentioned, they are not the basis the citing text is issued on.
_NOT_A_NOUN = r"(?!\s+(?i:pháp\s+lý))"
# A clause that introduces a list of texts it repeals or replaces: "Bãi bỏ các Quyết định sau:".
LIST_RELATIONS = (
    ("thay_the", re.compile(r"(?i:bãi\s+bỏ|thay\s+thế|hết\s+hiệu\s+lực)[^.:;]{0,80}(?:sau(?:\s+đây)?|như\s+sau)\s*:\s*$")),
    ("can_cu", re.compile(rf"^\W*(?i:căn\s+cứ){_NOT_A_NOUN}[^.:;]{{0,40}}:\s*$")),
)
# A plan's units: "Mục III" (a section), "điểm 1 Mục III" / "khoản 1 Mục III" (its item 1), "Mục 1.3" (a
# numbered sub-item); "Mục 2 Chương III" stays a normative text's section.
PLAN_UNITS = (
    rf"(?:(?P<planitem>(?i:điểm|khoản|tiết)\s+\d{{1,2}}(?![\w/.]))\s+(?:(?i:của|tại|thuộc)\s+)?)?"
    rf"(?P<plansec>(?i:mục)\s+(?:{_ROMAN}|\d{{1,2}}(?:\.\d{{1,2}}){{0,2}}(?![\w/])))(?!\s+(?i:chương)\b)"
)
PINPOINT = re.compile(
    rf"(?<![\w])(?:"
    rf"(?:(?P<points>{POINTS}),?\s+(?:(?i:của)\s+)?)?(?:(?P<clauses>{CLAUSES}),?\s+(?:(?i:của)\s+)?)?"
    rf"(?P<articles>{ARTICLES})"
    rf"|{PLAN_UNITS}"
    rf"|(?:(?P<points2>{POINTS}),?\s+)?(?P<clauses2>{CLAUSES})"
    rf"|(?P<points3>{POINTS})"
    rf"|(?:(?P<sections>{SECTIONS})\s+)?(?P<chapters>{CHAPTERS})"
    rf"|(?:(?P<forms>{FORMS})\s+(?:(?i:tại|của|thuộc)\s+)?)?(?P<annexes>{ANNEXES})"
    # the annex attached named by its title, with no number: "(Phụ lục Danh mục và Nội dung phương án đơn
    # giản hóa đính kèm theo)", "Phụ lục Danh mục nhiệm vụ kèm theo Quyết định số ..."
    rf"|(?P<annex_titled>Phụ{_S}lục{_S}[{UPPER}][^().;:\n]{{0,100}}?)"
    rf"(?={_S}(?:(?i:ban){_S}hành{_S})?(?:(?i:kèm){_S}theo|đính{_S}kèm))"
    # "(theo mẫu số 01 kèm theo)": a form of the annex attached, with no "Phụ lục" printed
    rf"|(?P<attached_forms>{FORMS})(?={_S}(?:(?i:ban){_S}hành{_S})?(?:(?i:kèm){_S}theo|đính{_S}kèm))"
    rf")"
)
UNIT_VALUE = re.compile(rf"(?<![\w])(?P<value>{_NUM}|{_LETTER}|{_ROMAN}|{_THIS})|(?P<range>(?<=\s)đến(?=\s))")
FORM_VALUE = re.compile(r"\d{1,3}[a-z]?")

# What a pinpoint hangs on when no number follows: "Điều 5 Quy chế này", "khoản 2 Nghị định nêu trên".
# Capitalised as a document's name is ("Nghị định nêu trên"), unlike prose ("pháp luật trên địa bàn").
SHORT_FORM = re.compile(
    rf"(?<![\w])(?P<type>{_TYPE_ALT}){_S}"
    rf"(?P<which>nêu{_S}trên|nói{_S}trên|trên(?=\s*(?:[,.;:)]|$))|này|vừa{_S}nêu|đã{_S}nêu)(?![\w])"
)
# Between a pinpoint and the document it belongs to: "khoản 1 Điều 14 [của] Nghị định ...",
# "Phụ lục I [ban hành] kèm theo Thông tư ...", "Mẫu số 01 tại Phụ lục kèm theo Nghị định ...".
PIN_TO_DOC_GAP = re.compile(
    r"^\s*(?:,\s*)?(?:(?:của|tại|thuộc|theo|quy\s+định\s+tại|ban\s+hành|kèm\s+theo)\s+){0,3}$", re.IGNORECASE
)

# Abbreviations defined right after a citation.
ALIAS = re.compile(
    r"\(\s*(?:sau\s+đây\s+)?(?:(?:được\s+)?(?:viết|gọi)\s+(?:tắt|chung)?\s*(?:là|:)|viết\s+tắt\s*:?)\s*"
    r"[\"“]?(?P<alias>[^()\"”]{2,120}?)[\"”]?\s*\)",
    re.IGNORECASE,
)

# How a text is implemented, between "thực hiện" and what it implements: "thực hiện đồng bộ, quyết liệt, hiệu
# quả ...", "triển khai nghiêm túc ...".
_MANNER = (r"tốt|nghiêm|nghiêm\s+túc|đầy\s+đủ|đồng\s+bộ|quyết\s+liệt|(?:có\s+)?hiệu\s+quả|kịp\s+thời|thống\s+nhất|"
           r"thực\s+chất|khẩn\s+trương")
# ... and the parts of it that are implemented: "thực hiện ... các nhiệm vụ, giải pháp theo Nghị quyết số 66",
# "triển khai các nội dung nêu tại Kế hoạch số ..."
_TASK_NOUN = r"nhiệm\s+vụ|giải\s+pháp|nội\s+dung|mục\s+tiêu|chỉ\s+tiêu|yêu\s+cầu|chủ\s+trương|quan\s+điểm"
_TASKS_OF = (rf"(?:các|những)\s+(?:{_TASK_NOUN})(?:\s*(?:,|và)\s*(?:{_TASK_NOUN}))*(?:\s+(?:chủ\s+yếu|trọng\s+tâm))?"
             r"\s+(?:(?:đã\s+)?(?:được\s+giao|nêu|đề\s+ra|quy\s+định)\s+)?(?:theo|tại)")
# The implementing named as what a report, a check or an assessment is about, in a clause: "báo cáo tình hình
# triển khai thực hiện Nghị quyết ...", "tổng hợp kết quả thực hiện Chỉ thị ...", "theo dõi tiến độ thực hiện
# ...", "khen thưởng, kỷ luật trong việc thực hiện ..." (the clause's task is that report or check). Bearing
# the result ("chịu trách nhiệm về kết quả thực hiện Chỉ thị ...") is still implementing it.
_ABOUT_HEAD = r"báo\s+cáo|đánh\s+giá|kiểm\s+tra|giám\s+sát|theo\s+dõi|đôn\s+đốc|sơ\s+kết|tổng\s+kết|tổng\s+hợp"
IMPLEMENTATION_NAMED = re.compile(
    rf"(?i:(?:(?:{_ABOUT_HEAD})(?:\s*,\s*(?:{_ABOUT_HEAD}))*\s+(?:(?:tình\s+hình|kết\s+quả|tiến\s+độ|việc)\s+)?"
    r"|tình\s+hình\s+|trong\s+việc\s+)(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai))"
    r"(?!.*(?i:thực\s+hiện|triển\s+khai))", re.DOTALL)

# Relation triggers, matched against the words just before a citation.
TRIGGERS = (
    # "Căn cứ các Nghị định của Chính phủ: số 63/2010/NĐ-CP ...", "Căn cứ các Quyết định của Thủ tướng Chính phủ
    # về phê duyệt quy hoạch ...: Quyết định số ...": a plural type and its issuer head the list of numbers
    # (or with no colon, right before "số": "Căn cứ các Nghị định của Chính phủ số 63/2010/NĐ-CP ...")
    ("can_cu", re.compile(rf"(?i:căn\s+cứ)(?:\s+(?:vào|theo))?(?:\s+(?i:các)\s+(?:{_TYPE_ALT})\b"
                          rf"(?:[^.;:]{{0,160}}:|{_S}(?i:của){_S}[^.;:\d]{{1,80}}?(?=\s+(?i:số)\s*$)))?"
                          r"(?:\s*(?i:số))?\s*:?\s*$")),
    ("huong_dan", re.compile(r"(?i:quy\s+định\s+chi\s+tiết|hướng\s+dẫn)(?:\s+(?:thi\s+hành|thực\s+hiện))?"
                             r"(?:\s+(?:một\s+số\s+điều|các\s+điều|một\s+số\s+điều\s+và\s+biện\s+pháp\s+thi"
                             r"\s+hành)(?:\s+của)?)?\s*$")),
    ("thuc_hien", re.compile(rf"(?i:thực\s+hiện|triển\s+khai)(?:,?\s+(?i:{_MANNER}))*"
                             rf"(?:\s+(?i:{_TASKS_OF}))?\s*:?\s*$")),
    ("thay_the", re.compile(r"(?i:thay\s+thế|bãi\s+bỏ)(?:\s+(?:cho|các))?\s*$")),
    ("sua_doi_bo_sung", re.compile(r"(?i:sửa\s+đổi,?\s+bổ\s+sung|sửa\s+đổi|bổ\s+sung)(?:\s+một\s+số\s+điều)?"
                                   r"(?:\s+(?:của|tại))?\s*$")),
    # "(Ban hành kèm theo Quyết định số ...)" opening a line: the text was issued with that decision
    ("ban_hanh_kem_theo", re.compile(r"(?:^|[(\n])\s*(?i:ban\s+hành\s+kèm\s+theo|kèm\s+theo)\s*$")),
)
# "..., thực hiện Chỉ thị số ...": after a comma the implementing is a clause of its own, not a cited title's words.
CLAUSE_THEN_TRIGGER = re.compile(r"[,;]\s*(?:(?i:và|để|đồng\s+thời)\s+)?(?i:thực\s+hiện|triển\s+khai)\b[^,;]*$")
# "(Kèm theo Quyết định số ...)" opening a line: what an attached text says of itself, wherever it stands.
ATTACHED_LINE = re.compile(r"\n[\s*_]*\(\s*(?i:ban\s+hành\s+)?(?i:kèm\s+theo)\s*$")
# Relations that are an act on another text: the citing text's own only when it does it (see find._foreign_act).
ACT_RELATIONS = ("thay_the", "sua_doi_bo_sung", "huong_dan")
# A clause that opens with the act: "Bãi bỏ ...", "a) Sửa đổi, bổ sung ...", "Điều 3. Thay thế ...", or with the
# citing text as the one that acts: "Quyết định này có hiệu lực ... và thay thế ...", "Thông tư này hướng dẫn ...".
_CLAUSE_OPENING = r"^[\W_]*(?:(?i:điều)\s+\d+[a-zđ]?\s*[.:]|(?:[a-zđ]|\d{1,3}(?:\.\d{1,3})*)\s*[.)])?[\W_]*"
OWN_ACT_OPENS = re.compile(
    _CLAUSE_OPENING + r"(?:(?i:bãi\s+bỏ|thay\s+thế|sửa\s+đổi|bổ\s+sung|hướng\s+dẫn|quy\s+định\s+chi\s+tiết|đình\s+chỉ|"
    rf"hủy\s+bỏ)|(?:{_TYPE_ALT}){_S}(?i:này)(?![\w]))"
)
# "Luật ... số 17/2008/QH12 và Luật ... số 31/2004/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực": texts
# that open their clause (after its number, "Kể từ ngày ...,") and are said to end, with only their own titles
# between them and "hết hiệu lực", are repealed whole by the citing text (a "thay_the" without a pinpoint).
ENDS_LEAD = re.compile(_CLAUSE_OPENING + r"(?:(?i:kể\s+)?(?i:từ)\s+(?i:ngày)[^,;]{0,80},\s*)?(?i:các\s+)?"
                       rf"(?P<title>(?:{_TYPE_ALT})(?![\w])[^;:]{{0,160}})?$")
ENDS_TAIL = re.compile(r"^[^;]{0,300}?\s(?:(?i:đều|cũng)\s+)?(?i:hết\s+hiệu\s+lực)(?:\s+(?i:thi\s+hành))?"
                       r"(?=\s+(?i:kể\s+từ|từ)\s|\s*[.;,]|\s*$)")
ENDS_NOT = re.compile(r"(?i:(?<!\w)(?:này|quy\s+định|thì|nếu|khi|trường\s+hợp|trái|nội\s+dung|phần|chương|điều|"
                      r"khoản|điểm)(?!\w))")
ENDS_JOIN = re.compile(r"^\s*(?:,|và|,\s*và)\s[^;]{0,200}$")
# A basis cited with the texts that amended it: "Căn cứ Luật A ... được sửa đổi, bổ sung bởi Luật số B",
# "Hiến pháp ... đã được sửa đổi, bổ sung một số điều theo Nghị quyết số 203/2025/QH15".
AMENDED_BY = re.compile(r"(?i:(?:đã\s+)?được\s+sửa\s+đổi)[\W_]*(?i:bổ\s+sung)(?:\s+(?i:một\s+số\s+điều))?"
                        r"\s+(?i:bởi|theo)\s+(?:\S+\s+){0,3}$")
# Triggers that still speak for the citing text inside another citation's title: "Căn cứ" and
# "Thực hiện" at a sentence's start, or "kế hoạch thực hiện Chỉ thị ...".
OWN_VOICE = ("can_cu", "thuc_hien")
# A lead that only joins two citations: ", ", "; ", " và ", ", và ".
COORDINATOR = re.compile(r"^[\s,;\-+•]*(?:(?:và|hoặc|cùng)\s*)?[\s,;\-+•]*$", re.IGNORECASE)
# What may stand between two documents of one list besides a coordinator: a plural type word and "số"
# ("...; Các Công điện: số 007/CĐ-UBND ..., số 008/CĐ-UBND và số 009/CĐ-UBND").
LIST_CONTINUES = re.compile(
    rf"^[\s,;\-+•]*(?:(?:và|hoặc|cùng)\s+)?(?:các\s+)?(?:(?:{_TYPE_ALT})\s*:?\s*)?(?:số\s*:?\s*)?$", re.IGNORECASE
)
# A sentence that opens with "Căn cứ" / "Thực hiện" speaks for the citing text over its whole list, even
# when the list starts with a text that has no number ("Thực hiện Nghị quyết Đại hội XIII; Chỉ thị số ...").
LIST_OPENER = (("can_cu", re.compile(rf"^\W*(?i:căn\s+cứ)\b{_NOT_A_NOUN}")),
               ("thuc_hien", re.compile(r"^\W*(?:(?i:để|nhằm)\s+)?(?:(?i:tiếp\s+tục)\s+)?(?i:thực\s+hiện|triển\s+khai)\b")))
# A relation word anywhere in a gap between two citations: the second is then not simply listed after
# the first's title.
RELATION_WORD = re.compile(r"(?i:thực\s+hiện|triển\s+khai|sửa\s+đổi|bổ\s+sung|hướng\s+dẫn|quy\s+định\s+chi\s+tiết|"
                           r"thay\s+thế|bãi\s+bỏ|căn\s+cứ|kèm\s+theo)")
# "Nghị quyết số 140/NQ-CP ngày 17/5/2025 của Chính phủ thực hiện Nghị quyết số 66-NQ/TW": a trigger right
# after a citation opens that citation's title, not the citing text's words.
# An upper-case title prints the date and issuer in capitals, which the tail grammar leaves out: "... NGÀY
# 17/5/2025 CỦA CHÍNH PHỦ THỰC HIỆN NGHỊ QUYẾT ...".
TITLE_TRIGGER = re.compile(
    r"^\s*(?:(?i:ngày)\s+\d[\d/.\s]*|(?i:năm)\s+\d{4}\s*)?(?:(?i:của)\s+[^\W\d][^,;.:\d]{0,60}?)?\s*"
    r"(?i:thực\s+hiện|triển\s+khai(?:\s+thực\s+hiện)?)\s*$"
)
# Where a sentence (hence the reach of a trigger) ends inside a node's text.
SENTENCE_BREAK = re.compile(rf"[.:!?](?=\s+[{UPPER}\-+•])|\n\s*\n(?=\s*[{UPPER}\-+•])")
