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
    "thường trực", "lãnh đạo", "cơ quan", "đơn vị",
))
# Heads that name a body on their own, without a name after them.
SELF_NAMED: frozenset[tuple[str, ...]] = frozenset({("tỉnh", "đoàn"), ("thành", "đoàn"), ("tỉnh", "ủy"), ("thành", "ủy")})
# A title whose body's duties are the body's ("Giám đốc Sở Y tế" is Sở Y tế; a chair is an actor of its own).
FILED_UNDER_BODY: frozenset[tuple[str, ...]] = frozenset(tuple(h.split()) for h in (
    "giám đốc", "phó giám đốc", "thủ trưởng", "lãnh đạo", "chánh", "bộ trưởng", "thứ trưởng", "chủ tịch",
    "phó chủ tịch",
))
# Generic heads: a body only when "(có) liên quan" closes them or when they open a clause.
GENERIC_HEADS: frozenset[tuple[str, ...]] = frozenset(tuple(h.split()) for h in (
    "cơ quan", "đơn vị", "tổ chức", "doanh nghiệp", "cơ sở", "cá nhân", "người đứng đầu", "thủ trưởng", "cán bộ",
    "công chức", "viên chức", "bộ phận", "chủ rừng", "nhà đầu tư", "hộ gia đình", "người dân", "lực lượng",
    "địa phương", "tập thể", "chủ đầu tư", "người sử dụng", "người lao động", "hợp tác xã",
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
})
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
    "đưa tin", "phản ánh", "trao đổi", "quản lý", "sử dụng", "khai thác", "thi hành", "trực tiếp", "chịu trách",
))
_JOINERS = frozenset({",", "và", "&", "-", "–", "/"})
_LIST_START = frozenset({",", "và", ";", "hoặc"})
_CLAUSE_START = frozenset({";", ":", ".", "-", "+", "•", "*", "giao", "cầu", "nghị", "cho", "\n"})
# Words a generic body's description may hold ("thuộc danh mục", "có thẩm quyền", "được giao tài khoản").
_IN_DESCRIPTION = frozenset({"của", "có", "được", "cho", "về", "tại", "trong", "theo", "đối", "thuộc", "từ", "đến",
                             "quản", "sử", "xử", "thu", "cung", "cấp", "thành", "trên", "công", "đầu", "thực"})
_MAX_NAME = 18
_MAX_LOWER_RUN = 5


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


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _stop(norms: list[str], words: list[str], j: int) -> bool:
    """Whether a lower-case word at J ends a name (a verb, modal or preposition; not a place word)."""
    key = norms[j]
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
            i += 1
            continue
        out.append(body)
        i = body.end
    return out


def _body_at(norms: list[str], words: list[str], i: int) -> Body | None:
    start = i
    if norms[i] in {"các", "những"}:
        i += 1
    elif norms[i] == "tất" and i + 2 < len(norms) and norms[i + 1] == "cả" and norms[i + 2] == "các":
        i += 3
    if i >= len(norms):
        return None
    proper = _head_at(norms, i, PROPER_HEADS)
    if proper and _capital(words[i]):
        body = _proper(norms, words, start, i, proper)
        if body is not None:
            return body
    generic = _head_at(norms, i, GENERIC_HEADS)
    if generic:
        return _generic(norms, words, start, i, generic)
    if proper and _capital(words[i]):
        return _generic(norms, words, start, i, proper, related=False)  # "Tổ công tác có trách nhiệm"
    return None


def _proper(norms: list[str], words: list[str], start: int, head: int, size: int) -> Body | None:
    """A capitalised head and its name: capitalised words, the lower-case words between them, its place."""
    n = len(norms)
    j = head + size
    last = j if tuple(norms[head:j]) in SELF_NAMED else None  # the end of the name so far
    lower = 0
    while j < n and j - head < _MAX_NAME:
        w, key = words[j], norms[j]
        if _is_space(w) or w in {"(", ")", ":", ";", ".", "\"", "“", "”"}:
            break
        if key in {",", "và"}:
            # inside a name only before a capitalised word that is not a new head ("Văn hóa, Thể thao và Du lịch")
            nxt = j + 1
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
            if j < n and words[j].isalpha() and words[j].islower() and not _stop(norms, words, j) \
                    and norms[j] not in PLACE_WORDS and norms[j] not in _JOINERS:
                j += 1  # the second syllable of a capitalised word ("Lao động", "Viễn thông", "Tư pháp")
                last = j
            continue
        if key == "có" and j + 2 < n and norms[j + 1] == "liên" and norms[j + 2] == "quan":
            break  # "Sở X có liên quan" is rare; a catch-all follows its own rule
        if key in PLACE_WORDS and not _stop(norms, words, j):
            j += 1
            last, lower = j, 0
            continue
        if _stop(norms, words, j):
            break
        lower += 1
        if lower > _MAX_LOWER_RUN:
            break
        j += 1
    if last is None or last <= head + size - 1:
        return None
    return Body(start, last, head, "proper", tuple(norms[head:head + size]) in FILED_UNDER_BODY)


def _goes_on_to_capital(norms: list[str], words: list[str], j: int) -> bool:
    """Whether the lower-case words from J reach a capitalised word within a few words, with no verb or
    preposition on the way ("... và công nghiệp Cần Thơ")."""
    for k in range(j, min(len(norms), j + 4)):
        if _capital(words[k]):
            return k > j
        if _is_space(words[k]) or not words[k].isalpha() or (k > j and norms[k] in _STOP_1):
            return False
    return False


def _generic(norms: list[str], words: list[str], start: int, head: int, size: int, related: bool = True) -> Body | None:
    """Generic heads joined by commas ("cơ quan, tổ chức, cá nhân"), closed by "(có) liên quan", or opening
    a clause with their description up to the predicate."""
    n = len(norms)
    j = head + size
    while norms[head] != "địa" and j + 1 < n and norms[j] in {",", "và", "hoặc"} and (more := _head_at(norms, j + 1, GENERIC_HEADS)):
        j += 1 + more
    k = j + 1 if j < n and norms[j] == "có" else j
    closed = related and k + 1 < n and norms[k] == "liên" and norms[k + 1] == "quan"
    end = k + 2 + (k + 2 < n and norms[k + 2] == "khác") if closed else j
    if norms[head] == "địa" and j == head + size:
        return Body(start, end, head, "local")  # kept only in a list of bodies or opening a clause
    if closed:
        return Body(start, end, head, "related")
    opens = start == 0 or norms[start - 1] in _CLAUSE_START or _is_space(words[start - 1])
    if not opens:
        return None
    return _described(norms, words, start, head, j)


def _described(norms: list[str], words: list[str], start: int, head: int, j: int) -> Body | None:
    """A generic body opening a clause: its description runs to the predicate ("Tổ chức kiểm toán năng
    lượng thực hiện", "các cơ quan, đơn vị sử dụng ngân sách nhà nước lập báo cáo"); a verb right after the
    head belongs to the description ("cơ quan quản lý cấp trên", "đơn vị xử lý")."""
    n = len(norms)
    first = j
    k = j
    while k < n and k - head <= 14:
        w, key = words[k], norms[k]
        if _is_space(w) or w in {"(", ")", ":", ";", ".", "\"", "“", "”"}:
            return None
        if key == "có" and k + 1 < n and norms[k + 1] in {"trách", "nhiệm"}:
            break
        if key in {"chịu", "phải", "cần"} or (key == "chủ" and k + 1 < n and norms[k + 1] in {"động", "trì"}):
            break
        if key in {"phối", "tham", "thực", "báo", "chỉ", "ban", "căn", "tiếp", "khẩn", "triển", "tổng", "lập"} and (
                k > first or key != "thực") and (key != "ban" or (k + 1 < n and norms[k + 1] == "hành")):
            break
        if key == "," and k + 1 < n and norms[k + 1] in {"căn", "trên", "trong", "theo", "khi", "nếu"}:
            break  # "Các cơ quan, đơn vị, căn cứ ..."
        if k > first + 1 and _stop(norms, words, k) and key not in _IN_DESCRIPTION:
            return None  # another verb first: not a subject this grammar can bound
        k += 1
    else:
        return None
    while k > j and norms[k - 1] in {",", "và"}:
        k -= 1
    return Body(start, k, head, "generic")
