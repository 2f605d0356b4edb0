"""The grammar of Vietnamese body and role names: actors recognised by their form, not only by a list.

A body's name is a head noun ("Sở", "Ban", "Trung tâm", "Tập đoàn", "Chủ tịch" ...) followed by its
name: capitalised words, the lower-case words between them ("Trung tâm Phục vụ hành chính công"), the
"và", ",", "-", "&" inside a name when a capitalised word that is not a new head follows ("Sở Văn hóa,
Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình tỉnh", "Sở KH&CN"), and its level and place ("tỉnh
Quảng Ngãi", "cấp xã", "các cấp", "khu vực XII", "trên địa bàn"). A list of bodies is cut where a new
head starts after a comma or "và" ("A, B, Ban Quản lý các khu công nghiệp tỉnh, UBND cấp xã và các sở").
A verb inside a name ("Ban Chỉ đạo", "Ban Chỉ huy") is capitalised, so it stays in the name; a
lower-case verb ends it ("Đài truyền hình Việt Nam chủ trì").

Generic bodies ("cơ quan", "đơn vị", "tổ chức", "doanh nghiệp", "người đứng đầu" ...) are bodies when
"(có) liên quan" closes them ("các đơn vị liên quan": the catch-all of every related body) or when they
open a clause: then their description runs to the predicate ("Tổ chức kiểm toán năng lượng thực hiện
...", "Cơ quan quản lý cấp trên có trách nhiệm ...").

The grammar works on a text's token keys and words (`kb.duties.actors` makes both) and gives token spans;
`kb.duties.actors.Registry.find` joins them with the names the registry knows (the grammar's span decides
the boundaries, the registry the identity).
"""

from __future__ import annotations

from dataclasses import dataclass

# Head nouns of a named body or role (token keys, as `norm_token` gives them), longest first when matched.
PROPER_HEADS: frozenset[tuple[str, ...]] = frozenset(tuple(h.split()) for h in (
    "ủy ban", "ubnd", "hđnd", "ubmttq", "hội đồng", "sở", "ban", "phòng", "cục", "chi cục", "tổng cục", "bộ",
    "văn phòng", "thanh tra", "công an", "bộ chỉ huy", "bộ đội", "kho bạc", "thuế", "ngân hàng", "đài", "báo",
    "trung tâm", "viện", "học viện", "trường", "đại học", "bệnh viện", "hội", "hiệp hội", "liên đoàn", "liên minh",
    "đoàn", "tỉnh đoàn", "thành đoàn", "mặt trận", "tòa án", "viện kiểm sát", "tập đoàn", "tổng công ty",
    "công ty", "tổ", "chi nhánh", "cổng", "quỹ", "cảng vụ", "hạt", "đảng ủy", "tỉnh ủy", "thành ủy", "kiểm toán",
    "bảo hiểm", "điện lực", "chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "tổng giám đốc",
    "thủ trưởng", "trưởng", "phó trưởng", "chánh", "bộ trưởng", "thứ trưởng", "thủ tướng", "phó thủ tướng",
    "thường trực", "lãnh đạo", "cơ quan", "đơn vị", "cục trưởng", "chi cục trưởng", "tổng cục trưởng", "vụ trưởng",
    "viện trưởng", "hiệu trưởng", "chánh văn phòng", "chánh thanh tra", "vụ", "tổng liên đoàn",
))
# "Tổng" before these heads is the title of the body's head ("Tổng Kiểm toán nhà nước" heads Kiểm toán nhà
# nước, "Tổng Thanh tra Chính phủ" Thanh tra Chính phủ); "Tổng cục", "Tổng Liên đoàn" are bodies' names.
_TITLE_TONG = frozenset({("kiểm", "toán"), ("thanh", "tra")})
# Heads that name a body on their own, without a name after them.
SELF_NAMED: frozenset[tuple[str, ...]] = frozenset({("tỉnh", "đoàn"), ("thành", "đoàn"), ("tỉnh", "ủy"), ("thành", "ủy")})
# A title whose body's duties are the body's ("Giám đốc Sở Y tế" is Sở Y tế; a chair is an actor of its own).
FILED_UNDER_BODY: frozenset[tuple[str, ...]] = frozenset(tuple(h.split()) for h in (
    "giám đốc", "phó giám đốc", "thủ trưởng", "lãnh đạo", "chánh", "bộ trưởng", "thứ trưởng", "chủ tịch",
    "phó chủ tịch", "cục trưởng", "chi cục trưởng", "tổng cục trưởng", "vụ trưởng", "viện trưởng", "hiệu trưởng",
    "chánh văn phòng", "chánh thanh tra",
))
# Nouns of a person by trade or post ("thương nhân", "nhân viên", "kiểm toán viên nhà nước").
PERSON_NOUNS = (
    "nhân viên", "thương nhân", "chuyên viên", "kiểm toán viên", "thanh tra viên", "kiểm sát viên", "điều tra viên",
    "chấp hành viên", "hòa giải viên", "hoà giải viên", "giáo viên", "giảng viên", "học viên", "sinh viên",
    "đảng viên", "đoàn viên", "thành viên", "báo cáo viên", "tuyên truyền viên", "phóng viên", "kiểm lâm viên",
)
# Generic heads: a body only when "(có) liên quan" closes them or when they open a clause.
GENERIC_HEADS: frozenset[tuple[str, ...]] = frozenset(tuple(h.split()) for h in (
    "cơ quan", "đơn vị", "tổ chức", "doanh nghiệp", "cơ sở", "cá nhân", "người đứng đầu", "thủ trưởng", "cán bộ",
    "công chức", "viên chức", "bộ phận", "chủ rừng", "nhà đầu tư", "hộ gia đình", "người dân", "lực lượng",
    "địa phương", "tập thể", "chủ đầu tư", "người sử dụng", "người lao động", "hợp tác xã", "ngân hàng", "người",
    "cấp ủy", "cấp uỷ", "nhân sự", "người quản lý", *PERSON_NOUNS,
))
# Words of a body's level and place, kept in its name ("tỉnh Quảng Ngãi", "cấp xã", "trên địa bàn").
PLACE_WORDS = frozenset({
    "tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "trấn", "phường", "đặc", "khu", "vực", "cấp", "các",
    "trung", "ương", "địa", "bàn", "trên", "đóng", "trực", "thuộc", "tw",
})
# Lower-case words that end a name: the prepositions, modals and single-syllable verbs a predicate or an
# object opens with, and the two-syllable verbs (`_VERBS`).
_STOP_1 = frozenset({
    "có", "chịu", "phải", "cần", "được", "là", "của", "với", "cho", "về", "để", "tại", "trong", "theo", "đối",
    "nhằm", "từ", "đến", "qua", "do", "khi", "nếu", "thì", "đã", "sẽ", "đang", "cũng", "như", "gồm", "bao",
    "giao", "gửi", "nộp", "trình", "lập", "cử", "xét", "họp", "ký", "mở", "hoặc", "cùng", "nhưng", "mà", "vào",
    "bằng", "giúp", "sau", "trước", "ngay", "luôn", "làm", "tạo", "nhận", "trả", "xem", "chuyển", "thuộc",
    "ngày", "tháng", "năm", "chỉ", "viết", "nêu", "ghi", "chấm", "bầu",
})
# Verbs of one syllable a list of generic heads may be followed by as its predicate.
_VERBS_1 = frozenset({"viết", "nêu", "ghi", "chấm", "bầu", "gửi", "nộp", "trình", "lập", "cử", "xét", "họp", "ký",
                      "làm", "nhận", "trả", "xem", "chuyển"})
_VERBS = frozenset(tuple(v.split()) for v in (
    "chủ trì", "chủ động", "phối hợp", "tham mưu", "thực hiện", "báo cáo", "chỉ đạo", "ban hành", "triển khai",
    "tổ chức", "xây dựng", "hướng dẫn", "kiểm tra", "theo dõi", "đôn đốc", "rà soát", "tổng hợp", "tuyên truyền",
    "phổ biến", "bố trí", "cập nhật", "đề xuất", "đề nghị", "yêu cầu", "nghiên cứu", "giám sát", "thẩm định",
    "cung cấp", "đánh giá", "phát hiện", "xử lý", "hoàn thiện", "hoàn thành", "bảo đảm", "đảm bảo", "duy trì",
    "tiếp nhận", "giải quyết", "công khai", "thống kê", "sơ kết", "tổng kết", "phê duyệt", "ký kết", "vận động",
    "khen thưởng", "tập huấn", "bồi dưỡng", "chuẩn bị", "thành lập", "kiện toàn", "phân công", "quyết định",
    "thông báo", "thu hồi", "tham gia", "hỗ trợ", "chấp hành", "tuân thủ", "phát động", "quán triệt", "bổ sung",
    "sửa đổi", "điều chỉnh", "xác định", "tiến hành", "đăng ký", "kê khai", "tiếp tục", "khẩn trương",
    "tích cực", "thường xuyên", "định kỳ", "hằng năm", "hàng năm", "kịp thời", "căn cứ", "tăng cường",
    "đẩy mạnh", "tập trung", "ưu tiên", "phát triển", "đầu tư", "nâng cao", "nâng cấp", "kết nối", "chia sẻ",
    "đưa tin", "phản ánh", "đối chiếu", "tra cứu", "trao đổi", "quản lý", "sử dụng", "khai thác", "thi hành", "trực tiếp", "chịu trách",
    "quy định", "phản hồi", "trình bày",
))
_JOINERS = frozenset({",", "và", "&", "-", "–", "/"})
_LIST_START = frozenset({",", "và", ";", "hoặc"})
_CLAUSE_START = frozenset({";", ":", ".", "-", "+", "•", "*", "giao", "cầu", "nghị", "cho", "\n"})
# Words a generic body's description may hold ("thuộc danh mục", "có thẩm quyền", "được giao tài khoản").
_IN_DESCRIPTION = frozenset({"của", "có", "được", "cho", "về", "tại", "trong", "theo", "đối", "thuộc", "từ", "đến",
                             "quản", "sử", "xử", "thu", "cung", "cấp", "thành", "trên", "công", "đầu", "thực"})
_MAX_NAME = 18
_MAX_LOWER_RUN = 5
_MAX_TAIL = 3


@dataclass(frozen=True)
class Body:
    """A body named in a text: tokens [start, end) (a leading "các" included), where its head starts, and
    what kind of name it is: "proper" (a head and a name), "related" (a catch-all "... có liên quan"),
    "generic" (a generic head opening a clause), "local" ("địa phương" in a list of bodies)."""

    start: int
    end: int
    head: int
    kind: str
    title: bool = False  # the head is a title filed under its body ("Giám đốc Sở Y tế")


def _head_at(norms: list[str], i: int, heads: frozenset[tuple[str, ...]]) -> int:
    """The length of the longest head of HEADS at token I (0 when none)."""
    for n in (3, 2, 1):
        if i + n <= len(norms) and tuple(norms[i:i + n]) in heads:
            return n
    return 0


head_size = _head_at  # public: the length of the head of a set at a token


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _stop(norms: list[str], words: list[str], j: int) -> bool:
    """Whether a lower-case word at J ends a name (a verb, modal or preposition; not a place word)."""
    key = norms[j]
    if key == "không":
        return j == 0 or norms[j - 1] != "hàng"  # "Cơ quan Thuế không trực tiếp trả ...", not "Cục Hàng không"
    if j + 1 < len(norms) and (key, norms[j + 1]) in _VERBS:
        return True  # "trực tiếp", "thành lập", "cấp phát": a verb, though its first word may be a place word
    if key == "thuộc" and (j == 0 or norms[j - 1] != "trực"):
        return True  # "Các Cục thuộc Bộ ...": a body of another, not "trực thuộc" in its name
    if key == "cấp" and j and norms[j - 1] == "các":
        return False  # "Hội đồng Thi đua - Khen thưởng các cấp", "Ủy ban MTTQ các cấp"
    if key in PLACE_WORDS:
        return key in {"thành", "cấp"} and j + 1 < len(norms) and norms[j + 1] not in {"phố", "xã", "tỉnh", "huyện", "trung",
                                                                                    "cơ", "các", "ủy", "uỷ"}
    return key in _STOP_1 or (j + 1 < len(norms) and (key, norms[j + 1]) in _VERBS)


def _is_space(word: str) -> bool:
    return not word.strip()


def bodies(norms: list[str], words: list[str]) -> list[Body]:
    """Every body the text's tokens name by form, left to right, no overlaps."""
    out: list[Body] = []
    n = len(norms)
    i = 0
    while i < n:
        body = _body_at(norms, words, i)
        if body is None:
            i = _past_generic_list(norms, i)  # "tại cơ quan, đơn vị, địa phương": no member is a body either
            continue
        out.append(body)
        i = body.end
    return out


def _past_generic_list(norms: list[str], i: int) -> int:
    """The token after the list of generic heads at I ("cơ quan, đơn vị, địa phương"), else I + 1."""
    j = i + 1 if norms[i] in {"các", "những"} else i
    size = _head_at(norms, j, GENERIC_HEADS)
    if not size:
        return i + 1
    j += size
    while j + 1 < len(norms) and norms[j] in {",", "và", "hoặc"} and (more := _head_at(norms, j + 1, GENERIC_HEADS)):
        j += 1 + more
    return j


def _body_at(norms: list[str], words: list[str], i: int) -> Body | None:
    start = i
    if norms[i] in {"các", "những"}:
        i += 1
    elif norms[i] == "tất" and i + 2 < len(norms) and norms[i + 1] == "cả" and norms[i + 2] == "các":
        i += 3
    if i >= len(norms):
        return None
    if i >= 2 and norms[i - 1] in {"-", "/"} and words[i - 2].isupper():
        return None  # "QĐ-UBND", "KH/UBND": a document number's code, not a body
    proper = _head_at(norms, i, PROPER_HEADS)
    if proper == 1 and i + 1 < len(norms) and ((norms[i], norms[i + 1]) in _VERBS or (norms[i], norms[i + 1]) in _NOT_HEAD):
        proper = 0  # "Báo cáo đột xuất", "Trường hợp ...", "Tổ chức thực hiện": a word of two syllables, not a head
    if proper and _capital(words[i]):
        body = _proper(norms, words, start, i, proper)
        if body is not None:
            return body
    generic = _head_at(norms, i, GENERIC_HEADS)
    if generic and not _verb_not_body(norms, i, generic):
        return _generic(norms, words, start, i, generic)
    if proper and _capital(words[i]):
        return _generic(norms, words, start, i, proper, related=False)  # "Tổ công tác có trách nhiệm"
    return None


# Words of two syllables whose first is a head noun ("Trường hợp", "Hội nghị", "Phòng chống"): not a body.
_NOT_HEAD = frozenset(tuple(w.split()) for w in (
    "trường hợp", "hội nghị", "hội thảo", "hội thi", "hội diễn", "hội viên", "đoàn kết", "đoàn viên", "phòng chống",
    "phòng ngừa", "ban đầu", "sở hữu", "tổ quốc", "bộ máy", "bộ luật", "bộ tiêu", "bộ chỉ", "báo chí", "cục bộ",
    "viện dẫn", "quỹ đất", "tổ hợp", "trường học", "thuế suất", "đài tưởng", "đoàn thể", "vụ việc", "vụ án",
    "vụ mùa", "vụ đông", "vụ xuân", "vụ hè", "vụ thu", "vụ lúa", "vụ nuôi",
))
# Words after "Tổ chức" at a clause's start that make it the verb "to organise" ("Tổ chức thực hiện", "Tổ chức
# các hội nghị"), not the generic body "tổ chức" ("Tổ chức kiểm toán năng lượng thực hiện ...").
_ORGANISE_OBJECTS = frozenset({"các", "những", "hội", "lớp", "cuộc", "đoàn", "tốt", "thi", "ra", "lấy", "đối"})


def _verb_not_body(norms: list[str], i: int, size: int) -> bool:
    """Whether the generic head at I is a verb here: "Tổ chức thực hiện ...", "tổ chức các hội nghị"."""
    j = i + size
    return tuple(norms[i:j]) == ("tổ", "chức") and j < len(norms) and (
        norms[j] in _ORGANISE_OBJECTS or tuple(norms[j:j + 2]) in _VERBS or _head_at(norms, j, GENERIC_HEADS) > 0)


def _proper(norms: list[str], words: list[str], start: int, head: int, size: int) -> Body | None:
    """A capitalised head and its name: capitalised words, the lower-case words between them, its place."""
    n = len(norms)
    j = head + size
    last = j if tuple(norms[head:j]) in SELF_NAMED else None  # the end of the name so far
    lower = 0
    while j < n and j - head < _MAX_NAME:
        w, key = words[j], norms[j]
        if _is_space(w) or w in {"(", ")", ":", ";", ".", "\"", "“", "”", "|"}:
            break
        if (key, norms[j + 1] if j + 1 < n else "") in _NAME_BREAK or (key == "số" and j + 1 < n and norms[j + 1][:1].isdigit()):
            break  # "ỦY BAN NHÂN DÂN TỈNH X CỘNG HÒA XÃ HỘI ...": a header, the motto after the issuer
        if key in {",", "và"}:
            # inside a name only before a capitalised word that is not a new head ("Văn hóa, Thể thao và Du lịch")
            nxt = j + 1
            if nxt < n and norms[nxt] in _LEVELS and norms[j - 1] in _PLACE_END:
                j += 1  # "Ủy ban nhân dân các phường, xã, đặc khu", "UBND tỉnh, thành phố trực thuộc trung ương"
                continue
            if nxt < n and _capital(words[nxt]) and not _head_at(norms, nxt, PROPER_HEADS) and not _is_space(words[nxt]):
                j += 1
                continue
            if key == "và" and nxt < n and not _capital(words[nxt]) and _goes_on_to_capital(norms, words, nxt):
                j += 1  # "Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ"
                continue
            break
        if key in {"&", "-", "–", "/"}:
            if j + 1 < n and not _is_space(words[j + 1]) and words[j + 1] not in {",", ";", ":", "(", ")", "."}:
                j += 1
                continue
            break
        if _capital(w):
            j += 1
            last, lower = j, 0
            if j < n and words[j].isalpha() and words[j].islower() and (
                    (not _stop(norms, words, j) and norms[j] not in PLACE_WORDS and norms[j] not in _JOINERS)
                    or ((norms[j - 1], norms[j]) in _VERBS and j - 1 > head + size - 1)):
                # a capitalised verb is in the name ("Văn phòng Đăng ký đất đai Hà Nội", "Ban Chỉ đạo")
                j += 1  # the second syllable of a capitalised word ("Lao động", "Viễn thông", "Tư pháp")
                last = j
            continue
        if key == "có" and j + 2 < n and norms[j + 1] == "liên" and norms[j + 2] == "quan":
            break  # "Sở X có liên quan" is rare; a catch-all follows its own rule
        if key in PLACE_WORDS and not _stop(norms, words, j):
            j += 1
            lower = 0
            if (key in _PLACE_END and (key != "khu" or norms[j - 2] == "đặc")) or (key == "cấp" and norms[j - 2] == "các"):
                last = j  # a name ends on a place ("... tỉnh", "... cấp xã", "... các cấp"), not on "các", "trực"
            continue
        if _stop(norms, words, j):
            break
        lower += 1
        if lower > _MAX_LOWER_RUN:
            break
        j += 1
    if last is not None and 0 < j - last <= _MAX_TAIL and norms[last - 1] not in PLACE_WORDS \
            and all(words[k].isalpha() and words[k].islower() for k in range(last, j)) and norms[j - 1] not in {"các", "trên"} \
            and (j == n or _stop(norms, words, j) or norms[j] in {",", "và", ";", ":", ".", ")", "("} or _is_space(words[j])):
        last = j  # the lower-case words that end a name before its predicate ("Cổng Thông tin điện tử", "... công")
    if last is None and (start == head or norms[start] == "các") and _lower_tier(norms, words, start, head, size, j):
        last = j  # "Thuế Thành phố Hà Nội (và Thuế cơ sở)": a listed body named by its tier in lower case
    if last is None or last <= head + size - 1:
        return None
    return Body(start, last, head, "proper", tuple(norms[head:head + size]) in FILED_UNDER_BODY)


def _lower_tier(norms: list[str], words: list[str], start: int, head: int, size: int, j: int) -> bool:
    """Whether the capitalised head at HEAD, in a list (after "và", "," or "("), is followed by one or two
    lower-case words that close at the list's next mark or its predicate: the body's tier or rank ("Thuế cơ sở",
    "các Chi nhánh trực thuộc")."""
    n = len(norms)
    key = tuple(norms[head:head + size])
    if not start or norms[start - 1] not in {"và", ",", "("} or key in FILED_UNDER_BODY or key in GENERIC_HEADS \
            or key in {("cơ", "quan"), ("đơn", "vị")} or not 1 <= j - head - size <= 2:
        return False
    tail = range(head + size, j)
    return all(words[k].isalpha() and words[k].islower() and not _stop(norms, words, k) for k in tail) \
        and (j == n or norms[j] in {",", "và", ";", ".", ")"} or (norms[j] in {"có", "chịu", "phải"} and predicate_at(norms, j)))


_PLACE_END = frozenset({"tỉnh", "phố", "huyện", "quận", "xã", "trấn", "phường", "khu", "bàn", "ương", "tw"})
# Words that open the next place in a list of levels ("các phường, xã, đặc khu").
_LEVELS = frozenset({"xã", "phường", "thị", "đặc", "huyện", "quận", "thành", "tỉnh"})
_NAME_BREAK = frozenset({("cộng", "hòa"), ("cộng", "hoà"), ("độc", "lập"), ("nhiệm", "kỳ")})


def _goes_on_to_capital(norms: list[str], words: list[str], j: int) -> bool:
    """Whether the lower-case words from J reach a capitalised word within a few words, with no verb or
    preposition on the way ("... và công nghiệp Cần Thơ")."""
    for k in range(j, min(len(norms), j + 4)):
        if _capital(words[k]):
            # "... và các Thuế cơ sở", "... và các Chi nhánh trực thuộc": a plural head opens the next body
            return k > j and not (norms[k - 1] == "các" and _head_at(norms, k, PROPER_HEADS))
        if _is_space(words[k]) or not words[k].isalpha() or (k > j and norms[k] in _STOP_1):
            return False
    return False


def _generic(norms: list[str], words: list[str], start: int, head: int, size: int, related: bool = True) -> Body | None:
    """Generic heads joined by commas ("cơ quan, tổ chức, cá nhân"), closed by "(có) liên quan", or opening
    a clause with their description up to the predicate."""
    n = len(norms)
    j = head + size
    while norms[head] != "địa" and j + 1 < n:
        q = _past_qualifier(norms, words, j)  # "cấp ủy, tổ chức đảng, cơ quan, đơn vị": a head's one-word kind
        if not (q + 1 < n and norms[q] in {",", "và", "hoặc"} and (more := _head_at(norms, q + 1, GENERIC_HEADS))):
            break
        j = q + 1 + more
    k = j + 1 if j < n and norms[j] == "có" else j
    closed = related and k + 1 < n and norms[k] == "liên" and norms[k + 1] == "quan"
    end = k + 2 + (k + 2 < n and norms[k + 2] == "khác") if closed else j
    if norms[head] == "địa" and j == head + size:
        return Body(start, end, head, "local")  # kept only in a list of bodies or opening a clause
    if closed:
        return Body(start, end, head, "related")
    opens = start == 0 or norms[start - 1] in _CLAUSE_START or _is_space(words[start - 1]) \
        or (related and _after_adverbial(norms, words, start))
    if not opens:
        return None
    return _described(norms, words, start, head, j)


def _past_qualifier(norms: list[str], words: list[str], j: int) -> int:
    """Past the lower-case words at J that only say which kind the head before it is ("tổ chức đảng", "cơ quan
    nhà nước"), when a list of heads goes on after it; J itself otherwise (two words at most)."""
    q = j
    while q < len(norms) and q - j < 2 and words[q][:1].islower() and norms[q].isalpha() and not _stop(norms, words, q) \
            and norms[q] not in {"liên", "quan"}:
        q += 1
    return q if q > j and q < len(norms) and norms[q] in {",", "và", "hoặc"} else j


# Words an adverbial lead opens with: "<lead>, <subject> <predicate>" ("Trong quá trình thực hiện, nếu có khó
# khăn, vướng mắc, các cơ quan, đơn vị phản ánh ...", "Hằng năm, các cơ quan, đơn vị ... lập báo cáo",
# "Đối với những phản ánh vi phạm quy chế, cán bộ đầu mối tiếp nhận chịu trách nhiệm ...").
_ADVERBIAL_LEADS = frozenset(tuple(h.split()) for h in (
    "đối với", "trường hợp", "khi", "nếu", "hằng năm", "hàng năm", "định kỳ", "căn cứ", "sau khi",
    "trước khi", "trên cơ sở", "quá thời hạn", "ngoài ra", "đồng thời", "theo đó", "trong trường hợp",
    "trong quá trình", "trong thời gian", "sau thời hạn", "hết thời hạn",
))


def _after_adverbial(norms: list[str], words: list[str], start: int) -> bool:
    """Whether the generic head at START follows a comma that closes an adverbial lead opening its clause."""
    if start < 2 or norms[start - 1] != ",":
        return False
    k = start - 1
    while k > 0 and norms[k - 1] not in _BOUNDARY and not _is_space(words[k - 1]) and not norms[k - 1].rstrip(".").isdigit():
        k -= 1
    if tuple(norms[k:k + 3]) in {("đối", "với", "cấp"), ("đối", "với", "các")}:
        return False  # "Đối với cấp tỉnh, các cơ quan, đơn vị ...": the level a task block's line is about
    return k < start - 1 and any(tuple(norms[k:k + len(lead)]) == lead for lead in _ADVERBIAL_LEADS)


# Words after "thực hiện" that make it the predicate ("thực hiện nghiêm", "thực hiện các nội dung"), not a
# description ("cơ quan thực hiện thủ tục hành chính").
_DOES_WHAT = frozenset({"việc", "các", "những", "nghiêm", "tốt", "đúng", "đầy", "theo", "có", "kịp", "ngay"})


def _predicate_later(norms: list[str], j: int) -> bool:
    """Whether a modal or a duty phrase follows J in its clause ("Đơn vị thực hiện kiểm kê có trách nhiệm ...")."""
    for k in range(j, len(norms)):
        key = norms[k]
        if key in {";", ".", ":", "\n"}:
            return False
        if key in {"phải", "chịu", "cần"} or (key == "có" and k + 1 < len(norms) and norms[k + 1] in {"trách", "nhiệm"}) \
                or (key == "chủ" and k + 1 < len(norms) and norms[k + 1] == "trì"):
            return True
    return False


def _described(norms: list[str], words: list[str], start: int, head: int, j: int) -> Body | None:
    """A generic body opening a clause: its description runs to the predicate ("Tổ chức kiểm toán năng
    lượng thực hiện", "các cơ quan, đơn vị sử dụng ngân sách nhà nước lập báo cáo"); a verb right after the
    head belongs to the description ("cơ quan quản lý cấp trên", "đơn vị xử lý")."""
    n = len(norms)
    first = j
    k = j
    listed = any(norms[x] in {",", "và", "hoặc"} for x in range(head, j))
    authority = tuple(norms[j:j + 3]) == ("có", "thẩm", "quyền")  # "cơ quan, tổ chức có thẩm quyền ..."
    if tuple(norms[head:j]) == ("người",) and not authority:
        return None  # "người" alone names a bearer only as "người có thẩm quyền"
    # "Các doanh nghiệp thực hiện kê khai ...": the verb, as no predicate follows to end a description
    verb_first = tuple(norms[j:j + 2]) == ("thực", "hiện") and not _predicate_later(norms, j + 2) and (
        tuple(norms[j + 2:j + 4]) in _VERBS or (j + 2 < n and norms[j + 2] in _DOES_WHAT))
    while k < n and k - head <= 14 + max(0, j - head - 4):  # a long list of heads ("cấp ủy, tổ chức đảng, ...") adds its length
        if verb_first:
            break
        w, key = words[k], norms[k]
        if _is_space(w) or w in {"(", ")", ":", ";", ".", "\"", "“", "”", "|"}:
            return None
        pair = (key, norms[k + 1] if k + 1 < n else "")
        if k == first and pair in _ROLE_NAMING and predicate_at(norms, k + 2):
            k += 2  # "Cơ quan chủ trì có trách nhiệm ...", "Đơn vị phối hợp cung cấp ...": the role names it
            break
        if k == first and listed and pair in _VERBS and key not in _IN_DESCRIPTION and pair not in _APPLYING:
            break  # "Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch ...": a catch-all list, then its predicate
        if pair == ("trực", "tiếp") and k > first and tuple(norms[k + 2:k + 4]) in _MANAGES:
            k += 4  # "Thủ trưởng đơn vị trực tiếp quản lý công chức ...": which unit, not how it acts
            continue
        if pair == ("trực", "tiếp") and tuple(norms[k - 2:k]) in _MANAGES:
            k += 2  # "Người quản lý trực tiếp có ý kiến ...": the direct manager
            continue
        if k == first and listed and key in _VERBS_1:
            break  # "Cán bộ, công chức, viên chức viết báo cáo ...": a list of heads, then its verb
        if pair in _ADVERBS or key in {"không", "chưa", "đã", "sẽ", "đang"} or pair == ("từ", "chối"):
            break  # "Người đứng đầu trực tiếp chỉ đạo ...", "Cơ sở giám định ... không thực hiện ..."
        if key == "có" and k + 1 < n and norms[k + 1] in {"trách", "nhiệm"}:
            break
        if key in {"chịu", "phải", "cần"} or (key == "chủ" and k + 1 < n and norms[k + 1] in {"động", "trì"}):
            break
        if key in {"phối", "tham", "thực", "báo", "chỉ", "ban", "căn", "tiếp", "khẩn", "triển", "tổng", "lập"} and (
                k > first or key != "thực") and (key != "ban" or (k + 1 < n and norms[k + 1] == "hành")) \
                and not (key == "lập" and norms[k - 1] == "công"):  # "đơn vị sự nghiệp công lập"
            break
        if key == "," and k + 1 < n and norms[k + 1] in {"căn", "trên", "trong", "theo", "khi", "nếu"}:
            break  # "Các cơ quan, đơn vị, căn cứ ..."
        if key in {",", "và", ";"} and k + 1 < n and _capital(words[k + 1]) and _head_at(norms, k + 1, PROPER_HEADS):
            break  # "Cơ quan, tổ chức, đơn vị cấp trên và Ủy ban nhân dân cấp xã có trách nhiệm ...": the next body
        if key == "là":
            return None  # "cán bộ, công chức là người đứng đầu ...": a definition, not a subject this grammar bounds
        if key == "được" and (k + 1 >= n or norms[k + 1] != "giao"):
            return None  # "Công chức được cử ...", "Cán bộ, công chức được nghỉ ...": passive, a right; "được giao" names
        if k > first and tuple(norms[k - 2:k]) == ("thẩm", "quyền") and pair == ("giải", "quyết"):
            k += 2  # "cơ quan có thẩm quyền giải quyết": the authority's own name
            if tuple(norms[k:k + 2]) in _VERBS:
                break  # "Cơ quan có thẩm quyền giải quyết đối chiếu ..."
            continue
        if k > first + 1 and _stop(norms, words, k) and key not in _IN_DESCRIPTION:
            if authority and (pair in _VERBS or key in _PREDICATE_1):
                break  # "Người có thẩm quyền phê duyệt ...": an authority's description ends at a duty verb
            return None  # another verb first: not a subject this grammar can bound
        k += 1
    else:
        return None
    catch_all = k == j and "," in norms[head:j]  # "Các cơ quan, đơn vị, địa phương căn cứ ...": a catch-all of its own
    if not (_duty_opens(norms, k) or (authority and predicate_at(norms, k))) and not catch_all:
        return None  # "Đơn vị tính giá dịch vụ ... theo thời gian thực hiện": a generic subject bears a duty it is given
    while k > j and norms[k - 1] in {",", "và"}:
        k -= 1
    if k - 2 > head and tuple(norms[k - 2:k]) == ("liên", "quan"):
        return Body(start, k, head, "related")  # "Thủ trưởng các cơ quan, đơn vị có liên quan thực hiện ..."
    size = _anaphoric(norms, head)
    if size and k == head + size:
        return None  # "Người đứng đầu trực tiếp chỉ đạo", "Cơ quan có trách nhiệm": the head of someone named before
    return Body(start, k, head, "generic")


# Generic heads that need a complement to name anyone ("người đứng đầu" of what?): alone, they point back.
_ANAPHORIC = frozenset(tuple(h.split()) for h in (
    "người đứng đầu", "thủ trưởng", "lãnh đạo", "cơ quan", "đơn vị", "bộ phận", "bộ trưởng", "thứ trưởng", "giám đốc",
    "phó giám đốc", "tổng giám đốc", "chủ tịch", "phó chủ tịch", "trưởng", "phó trưởng", "chánh", "thường trực", "người",
))
# Two-syllable adverbs that open a predicate, never part of a generic body's description.
# What a unit "trực tiếp" does when that says which unit it is ("đơn vị trực tiếp quản lý công chức").
_MANAGES = frozenset({("quản", "lý"), ("sử", "dụng"), ("phụ", "trách"), ("giải", "quyết")})
_ADVERBS = frozenset(tuple(h.split()) for h in (
    "trực tiếp", "chủ động", "khẩn trương", "tích cực", "thường xuyên", "kịp thời", "tiếp tục", "định kỳ", "hằng năm",
    "hàng năm", "đồng thời", "nghiêm túc", "chịu trách", "hoàn toàn", "trước hết", "cùng với",
))
# Verbs after a list of generic heads that describe who they are ("Tổ chức, cá nhân đề nghị cấp giấy phép ..."):
# the applicant, not a predicate.
_APPLYING = frozenset({("đề", "nghị"), ("yêu", "cầu"), ("đăng", "ký"), ("kê", "khai"), ("tham", "gia")})
# A role after a generic head that names the body ("cơ quan chủ trì", "đơn vị phối hợp", "đơn vị thực hiện").
_ROLE_NAMING = frozenset({("chủ", "trì"), ("phối", "hợp"), ("thực", "hiện")})


# What a duty of a generic subject opens with: a modal or a role verb ("Cơ quan quản lý cấp trên có trách nhiệm ...",
# "Tổ chức kiểm toán năng lượng thực hiện báo cáo ...", "Người sử dụng phải ..."); after any other verb the
# generic noun is more often a thing described than a bearer.
_DUTY_OPENERS = frozenset(tuple(h.split()) for h in (
    "có trách", "chịu trách", "có nhiệm", "chủ trì", "phối hợp", "thực hiện", "tham mưu", "báo cáo", "triển khai",
    "chủ động", "lập báo", "lập kế",
))


def _duty_opens(norms: list[str], k: int) -> bool:
    return k < len(norms) and (tuple(norms[k:k + 2]) in _DUTY_OPENERS or norms[k] == "phải")


def _anaphoric(norms: list[str], head: int) -> int:
    """The size of an anaphoric generic head at HEAD (0 when none)."""
    return next((size for size in (3, 2, 1) if tuple(norms[head:head + size]) in _ANAPHORIC), 0)


# --- joining the grammar with the actor list, and where a body the list lacks bears a duty -------------
# Words a known name may carry after it and stay the known actor ("Ủy ban nhân dân tỉnh Quảng Ngãi", "Sở Nội
# vụ thành phố Hà Nội", "Ngân hàng Nhà nước khu vực XII"): its level and place, capitalised place names.
_TAIL_PUNCT = frozenset({"-", "–"})
# Heads of a person or a post: a catch-all "... liên quan" headed by one is not the catch-all of bodies.
PERSON_HEADS: frozenset[tuple[str, ...]] = frozenset(tuple(h.split()) for h in (
    "người đứng đầu", "thủ trưởng", "cán bộ", "công chức", "viên chức", "cá nhân", "người dân", "người lao động",
    "người sử dụng", "chủ tịch", "phó chủ tịch", "giám đốc", "phó giám đốc", "tổng giám đốc", "trưởng", "phó trưởng",
    "chánh", "bộ trưởng", "thứ trưởng", "thủ tướng", "phó thủ tướng", "lãnh đạo", "người", *PERSON_NOUNS,
))


@dataclass(frozen=True)
class Named:
    """A body named in a text after joining the grammar with the list: tokens [start, end), the known
    actor ids when the list knows it (None when only the grammar does), the grammar's body (None when
    only the list knows the name)."""

    start: int
    end: int
    ids: tuple[str, ...] | None
    body: Body | None


def past_titles(norms: list[str], i: int, titles: frozenset[tuple[str, ...]] = FILED_UNDER_BODY) -> int:
    """Where the body a list of TITLES at I heads starts ("Giám đốc, Thủ trưởng các sở" → "sở"), else I."""
    j = i
    while (size := _head_at(norms, j, titles)):
        j += size
        if j + 1 < len(norms) and norms[j] in {",", "và"} and _head_at(norms, j + 1, titles):
            j += 1
    if j > i and j < len(norms) and norms[j] in {"các", "những"}:
        j += 1
    return j if j < len(norms) else i


def _tail_only(norms: list[str], words: list[str], a: int, b: int) -> bool:
    """Whether tokens [A, B) are only the level and place a known name may carry ("cấp trên" is a rank)."""
    return all((norms[k] in PLACE_WORDS and not (norms[k] == "cấp" and k + 1 < b and norms[k + 1] in {"trên", "dưới"}))
               or norms[k] in _TAIL_PUNCT or _capital(words[k]) for k in range(a, b))


def join(norms: list[str], words: list[str], known: list[tuple[int, int, tuple[str, ...]]]) -> list[Named]:
    """The list's names (KNOWN: token spans and ids, no overlaps) joined with the grammar's bodies.

    Where they disagree the grammar's span decides the boundaries: a known name that opens a body whose
    other words are only level and place is that known actor over the body's span ("Ủy ban nhân dân tỉnh
    Quảng Ngãi"), so is the body under a title filed under it ("Giám đốc Sở Y tế"); a body holding a known
    name anywhere else, or with other words, is a body of its own ("Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ngân hàng Nhà nước chi nhánh khu vực 14"). A known name reaching past the body's span (a group
    phrase, a name the grammar cuts at a verb) keeps its own span."""
    out: list[Named] = []
    # "Tổng Kiểm toán nhà nước", "Tổng Thanh tra Chính phủ": the head of a known body is filed under it
    spans = sorted((s - 1 if s and norms[s - 1] == "tổng" and tuple(norms[s:s + 2]) in _TITLE_TONG else s, e, ids)
                   for s, e, ids in known)
    k = 0
    for body in bodies(norms, words):
        while k < len(spans) and spans[k][1] <= body.start:
            out.append(Named(spans[k][0], spans[k][1], spans[k][2], None))
            k += 1
        inside: list[tuple[int, int, tuple[str, ...]]] = []
        crossing = False
        j = k
        while j < len(spans) and spans[j][0] < body.end:
            if spans[j][0] >= body.start and spans[j][1] <= body.end:
                inside.append(spans[j])
            else:
                crossing = True
            j += 1
        if crossing or len(inside) > 1:
            continue  # the list's names decide: a name reaching past the body, or several bodies run together
        k = j
        if not inside:
            out.append(Named(body.start, body.end, None, body))
            continue
        first = inside[0]
        if first[0] > max(body.head + 1, past_titles(norms, body.head)) and norms[first[0] - 1] in {",", "và"} \
                and _tail_only(norms, words, first[1], body.end):
            # "Ủy ban Thường vụ Quốc hội, Chính phủ": a known name after a comma is the next body of a list
            out.append(Named(body.start, first[0] - 1, None, Body(body.start, first[0] - 1, body.head, body.kind, body.title)))
            out.append(Named(first[0], body.end, first[2], None))
            continue
        if first[0] in {body.start, body.head} and first[1] < body.end and norms[first[1]] in _TAIL_PUNCT:
            out.append(Named(body.start, first[1], first[2], body))  # "Sở Tài chính - Cơ quan thường trực ...": apposition
            continue
        opens = {body.start, body.head}
        under = past_titles(norms, body.head)
        if under > body.head:  # "Giám đốc Sở Y tế", "Giám đốc, Thủ trưởng các sở, ban, ngành": the body under the title
            opens.update(range(body.head, under + 1))
        if tuple(norms[body.head:body.head + 2]) == ("ủy", "ban") or tuple(norms[body.head:body.head + 2]) == ("uỷ", "ban"):
            opens.add(body.head + 2)  # "Ủy ban Mặt trận Tổ quốc tỉnh": the list knows the name after "Ủy ban"
        if first[0] in opens and (_tail_only(norms, words, first[1], body.end) or all(
                norms[i] in {"có", "liên", "quan", "khác"} for i in range(first[1], body.end))):
            # "... tỉnh Quảng Ngãi"; "các Sở, ngành có liên quan": the relevant ones of a known group are that group
            out.append(Named(body.start, body.end, first[2], body))
        elif body.kind == "proper" and first[0] in opens and all(
                words[i].islower() and norms[i] not in PLACE_WORDS for i in range(first[1], body.end)):
            out.append(Named(first[0], first[1], first[2], None))  # "Sở X điều tra ...": the grammar ran into a verb
        else:
            out.append(Named(body.start, body.end, None, body))
    out.extend(Named(s, e, ids, None) for s, e, ids in spans[k:])
    return sorted(out, key=lambda m: m.start)


# A predicate opening after a bearer: a modal, a role verb or another verb a duty opens with.
_PREDICATE_1 = frozenset({"chịu", "phải", "cần", "lập", "gửi", "nộp", "trình", "cử", "giúp", "chủ", "tiếp", "khẩn",
                          "sớm", "kịp", "nghiêm", "trực", "theo", "căn"})
_BOUNDARY = frozenset({";", ":", ".", "-", "+", "•", "*", "–", "!", "?", "", "(", ")", "\"", "“", "”"})
_LIST_JOINERS = frozenset({",", "và", ";", "hoặc", "/", "&"})
# After these an actor is an object or a recipient, not a bearer ("của", "cho", "về", "gửi" ...).
_OBJECT_CUES = frozenset({"của", "cho", "về", "đến", "tới", "từ", "theo", "tại", "trước", "gửi", "với", "thuộc",
                          "trình", "giúp", "qua", "đối", "do", "bởi", "là", "như", "gồm", "nộp", "cùng"})


def predicate_at(norms: list[str], j: int) -> bool:
    """Whether a predicate opens at token J ("có trách nhiệm", "chủ trì", "phối hợp", "thực hiện" ...)."""
    if j >= len(norms):
        return False
    key = norms[j]
    nxt = norms[j + 1] if j + 1 < len(norms) else ""
    if key == "có":
        return nxt in {"trách", "nhiệm"}
    return (key, nxt) in _VERBS or key in _PREDICATE_1


def _opening(norms: list[str], words: list[str], i: int) -> bool:
    """Whether a clause opens at token I: the text's start, after a mark that ends or opens a clause (a
    list marker, ";", ":", a line break), or after a word that hands a task over ("Giao", "giao cho",
    "Đề nghị", "Yêu cầu")."""
    if i == 0:
        return True
    p = norms[i - 1]
    if p in _BOUNDARY or _is_space(words[i - 1]) or p.rstrip(".").isdigit():
        return True
    p2 = norms[i - 2] if i >= 2 else ""
    if p == "giao" or (p2, p) in {("yêu", "cầu"), ("đề", "nghị")}:
        at = i - 1 if p == "giao" else i - 2
    elif p == "cho" and p2 == "giao":
        at = i - 2
    else:
        return False
    # a handover that opens the clause or follows the one who hands over ("UBND tỉnh giao ..."), not an
    # action inside a predicate ("... có biện pháp yêu cầu các chủ đầu tư lập ...")
    return at == 0 or norms[at - 1] in _BOUNDARY or _is_space(words[at - 1]) or words[at - 1][:1].isupper() \
        or norms[at - 1] in {"tỉnh", "xã", "huyện", "phố", "phủ", "ương"}


def _coordinated(norms: list[str], i: int) -> bool:
    """Whether token I follows "phối hợp (với)", "chủ trì cùng", "cùng với": a co-ordinator of the lead."""
    p = norms[i - 1] if i >= 1 else ""
    p2 = norms[i - 2] if i >= 2 else ""
    p3 = norms[i - 3] if i >= 3 else ""
    return (p2, p) == ("phối", "hợp") or (p3, p2, p) == ("phối", "hợp", "với") or (p2, p) in {("trì", "cùng"),
                                                                                             ("cùng", "với")}


def _plural_opening(norms: list[str], words: list[str], i: int) -> bool:
    """Whether a plural opens the clause just before token I ("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, ...
    và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành"): the list it opens is the clause's bearers."""
    return i >= 1 and norms[i - 1] in {"các", "những"} and _opening(norms, words, i - 1)


def bearer_places(norms: list[str], words: list[str], named: list[Named], every: bool = False) -> list[bool]:
    """For each name of NAMED, whether it is kept as an actor: every known name (the reader decides subject
    or object), and a body only the grammar knows where a bearer stands — opening a clause (after a list
    marker, ";", ":", "Giao", "Đề nghị", "Yêu cầu"), after a co-ordinating "phối hợp (với)", after a comma
    before its predicate, or next to such a bearer in a list joined by ",", ";", "và" — never after a
    preposition or in an object's list ("của A và B", "hướng dẫn A, B"). EVERY: a task table's lead or
    co-ordinator cell, where each body named is one."""
    if every:
        return [True] * len(named)
    n = len(norms)
    bearer = [False] * len(named)
    for x, m in enumerate(named):
        s, e = m.start, m.end
        p = norms[s - 1] if s >= 1 else ""
        if _opening(norms, words, s) or _coordinated(norms, s) or _plural_opening(norms, words, s):
            bearer[x] = True
        elif p in _OBJECT_CUES:
            continue
        elif p in _LIST_JOINERS and x and (named[x - 1].end == s - 1 or (
                named[x - 1].end == s - 2 and norms[s - 2] in {"(", ")"})):
            # "A, B, <unknown>": the list goes on, bearers or objects alike; "A (và B), C" too
            bearer[x] = bearer[x - 1]
        elif p == ",":
            j, y = e, x + 1
            while j < n and norms[j] in _LIST_JOINERS and y < len(named) and named[y].start == j + 1:
                j, y = named[y].end, y + 1
            bearer[x] = predicate_at(norms, j)  # "Hằng năm, <unknown> (và B) tổ chức ..."
    return [m.ids is not None or b for m, b in zip(named, bearer)]
