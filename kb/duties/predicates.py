"""The predicates of a clause and the role each one gives its bearer.

A clause's bearer may be given several predicates: "có trách nhiệm xây dựng kế hoạch ...; tổ chức thực
hiện ... và báo cáo ..." is thuc_hien and bao_cao; "Tổng hợp kết quả, báo cáo Bộ Tài chính" is thuc_hien
and bao_cao; "Chỉ đạo, hướng dẫn ..." is chi_dao and thuc_hien. Each predicate has the role of its head
verb: a role verb (`kb.duties.nlp.ROLE_PATTERNS`) or any other action verb (thuc_hien). What a lead
("chủ trì", "phối hợp với B"), a directing verb ("chỉ đạo X rà soát, ...") or a purpose ("để tổng hợp
báo cáo ...") governs is not the bearer's own predicate.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kb.duties.nlp import marks, norm, word

# A role word right after one of these is a noun, not the clause's verb ("việc ban hành", "nội dung báo cáo").
_NOUN_BEFORE = {
    "ban_hanh": {"việc", "được", "do", "quyền", "đã", "khi", "mới", "sau", "bản", "theo"},  # "văn bản quy định chi tiết"
    "thuc_hien": {"việc", "quả", "được", "độ", "khi", "đã", "trong", "để"},
    "bao_cao": {"dung", "mẫu", "độ", "liệu", "kỳ", "theo", "đề", "cương", "duyệt", "các", "những", "viết"},
    "chi_dao": {"bản", "sự", "lãnh", "theo", "ban", "kiến", "tác"},  # "Ban Chỉ đạo", "ý kiến chỉ đạo", "công tác chỉ đạo"
    "tham_muu": {"được", "quan", "vị", "tác"},  # "cơ quan tham mưu", "đơn vị tham mưu", "công tác tham mưu"
    "chu_tri": {"quan", "vị", "giao", "công"},  # "nhiệm vụ được giao / phân công chủ trì" says which tasks
    "phoi_hop": {"sự", "công", "tác", "quan", "vị", "được"},
}
# Words before the verb that do not change whose duty it is ("có trách nhiệm", "chủ động", "tiếp tục").
_LEAD_WORDS = {"có", "trách", "nhiệm", "chủ", "động", "tiếp", "tục", "phải", "cần", "thường", "xuyên", "định", "kỳ",
               "hàng", "hằng", "năm", "kịp", "thời", "tích", "cực", "trực", "đồng", "và", ",", "luôn", "tăng", "cường",
               "đẩy", "mạnh", "tập", "trung", "khẩn", "trương", "nghiêm", "túc", "sớm"}
_STOP_ROLE = {"để", "nhằm"}
_INSIDE_OBJECT = {"của", "về", "đối", "giữa"}
_HEAD_WINDOW = 6
_VERB_OR_NOUN = {"ban_hanh", "thuc_hien", "bao_cao"}
_NOUN_WINDOW = {"việc", "tác", "trình"}  # "việc xây dựng, ban hành", "công tác ...", "quy trình ..."
_NOUN_NEAR = {"quả", "do"}  # "kết quả thực hiện", "do ... ban hành", right before the verb


def head_role(doc: Doc, start: int, end: int, masked: set[int]) -> tuple[str, int]:
    """The clause's role and where its verb is: a role verb at the head of the predicate (within a few
    words, before any "của"/"về"/"để" that would put it inside an object or a purpose clause)."""
    spans = sorted((s for s in marks(doc, "roles") if start <= s.start < end and s.start not in masked),
                   key=lambda s: s.start)
    lead = _skip_lead(doc, start, end, commas=True)
    framed = lead != _skip_lead(doc, start, end, commas=True, frames=False)  # past "theo chức năng ..."
    stop = next((i for i in range(lead, end) if norm(doc, i) in _STOP_ROLE or _inside_object(doc, i, end)), end)
    for span in spans:
        role = span.label_
        if span.start >= stop:
            break
        if span.start - lead > _HEAD_WINDOW and role != "bao_cao":
            continue  # deep in the clause a role word names a thing ("nâng cao ... công tác ban hành")
        window = {norm(doc, i) for i in range(max(start, span.start - 5), span.start)}
        prev = norm(doc, span.start - 1) if span.start > start else ""
        timed = span.start - 2 >= start and norm(doc, span.start - 2) == "định" and prev == "kỳ"  # "định kỳ báo cáo"
        if framed and span.start == lead:
            return role, span.start  # right after a remit frame the word is the verb ("... của đơn vị phối hợp")
        if (prev in _NOUN_BEFORE.get(role, set()) and not timed) or (
                role in _VERB_OR_NOUN and (window & _NOUN_WINDOW or prev in _NOUN_NEAR)):
            continue
        if role == "ban_hanh" and span.start > start and (after_actor(doc, span.start) or "do" in window):
            continue  # "văn bản do HĐND, UBND ban hành": the actors are the relative clause's subject
        if role == "ban_hanh" and span.end + 1 < end and (norm(doc, span.end), norm(doc, span.end + 1)) == ("kèm", "theo"):
            continue  # "Kế hoạch ban hành kèm theo Quyết định này": which text, not an act of issuing
        if role == "phoi_hop" and span.start - lead > 2:
            continue
        if role == "thuc_hien":
            # "thực hiện báo cáo", and "thực hiện chế độ báo cáo" (the reporting regime: a duty to report)
            regime = span.end + 1 < end and (norm(doc, span.end), norm(doc, span.end + 1)) == ("chế", "độ")
            after = span.end + 2 if regime else span.end
            then = next((s for s in spans if s.start == after and s.label_ not in ("thuc_hien", "chu_tri")), None)
            if then is not None:
                return then.label_, then.start  # "thực hiện báo cáo định kỳ" reports; "thực hiện phối hợp" co-ordinates
        return role, span.start
    return "thuc_hien", start


def _inside_object(doc: Doc, i: int, end: int) -> bool:
    """Whether token I opens an object or a topic ("của", "về", "giữa", "đối với"): "đối" only before "với"
    ("Cân đối, tham mưu ...", "đối chiếu số liệu, báo cáo ..." are verbs)."""
    key = norm(doc, i)
    if key == "đối":
        return i + 1 < end and norm(doc, i + 1) == "với"
    return key in _INSIDE_OBJECT


def after_actor(doc: Doc, i: int) -> bool:
    return any(s.end == i for s in marks(doc, "actors"))


# Heads of a predicate that are actions without a role verb of their own (token keys): a coordinate
# opening with one of these is a predicate ("..., tổng hợp ...", "..., kiểm tra ..."), any other
# coordinate continues an object ("rà soát danh mục các dự án, công trình").
_ACTIONS_2 = frozenset({
    "tổ chức", "triển khai", "xây dựng", "hướng dẫn", "kiểm tra", "theo dõi", "đôn đốc", "rà soát", "tổng hợp",
    "tuyên truyền", "phổ biến", "bố trí", "cập nhật", "đề xuất", "nghiên cứu", "giám sát", "thẩm định",
    "cung cấp", "đánh giá", "phát hiện", "xử lý", "quản lý", "hoàn thiện", "hoàn thành", "bảo đảm", "đảm bảo",
    "duy trì", "thanh tra", "tiếp nhận", "giải quyết", "công khai", "thống kê", "sơ kết", "tổng kết", "phê duyệt",
    "ký kết", "vận động", "khen thưởng", "tập huấn", "bồi dưỡng", "chuẩn bị", "thành lập", "kiện toàn",
    "phân công", "quyết định", "thông báo", "thu hồi", "tham gia", "hỗ trợ", "sử dụng", "khai thác", "chấp hành",
    "tuân thủ", "phát động", "quán triệt", "lồng ghép", "bổ sung", "sửa đổi", "điều chỉnh", "xác định",
    "phân loại", "lựa chọn", "tiến hành", "đăng ký", "kê khai", "lập", "thẩm tra", "tiếp tục", "vận hành",
    "nâng cấp", "chia sẻ", "kết nối", "ứng dụng", "đầu tư", "phát triển", "thực hành", "đưa tin", "phản ánh", "phản hồi",
    "cử", "cấp", "ký", "xét", "mở", "thông tin", "cân đối",
})
# Role verbs that open a chain of predicates ("Chỉ đạo, hướng dẫn"; "tham mưu, đề xuất" is one advice).
_CHAINS = frozenset({"chi_dao", "phoi_hop", "bao_cao", "ban_hanh"})
# A frame before the verb naming whose remit the duty falls in: it does not change the role.
_FRAME_OPENERS = frozenset({("theo", "chức"), ("trong", "phạm"), ("căn", "cứ"), ("liên", "quan"), ("có", "liên")})
_FRAME_WORDS = frozenset({"chức", "năng", "nhiệm", "vụ", "quyền", "hạn", "thẩm", "được", "giao", "của", "mình",
                          "phạm", "vi", ",", "và", "đề", "cao", "trách", "quản", "lý", "lĩnh", "vực", "đơn", "vị",
                          "liên", "quan"})
_COORDINATORS = frozenset({",", "và", "hoặc"})


def is_action(doc: Doc, i: int, end: int) -> bool:
    """Whether a predicate's head at token I is an action verb of `_ACTIONS_2` (one or two syllables)."""
    if i >= end:
        return False
    first = norm(doc, i)
    return first in _ACTIONS_2 or (i + 1 < end and f"{first} {norm(doc, i + 1)}" in _ACTIONS_2)


def _skip_lead(doc: Doc, i: int, end: int, commas: bool = False, frames: bool = True) -> int:
    """The head of the predicate at I: past lead words ("có trách nhiệm", "chủ động"), the commas and "và"
    between them when COMMAS, and a remit frame ("theo chức năng, nhiệm vụ được giao")."""
    while i < end:
        if norm(doc, i) in _LEAD_WORDS and (commas or norm(doc, i) not in _COORDINATORS):
            i += 1
        elif frames and i + 1 < end and (norm(doc, i), norm(doc, i + 1)) in _FRAME_OPENERS:
            i += 2  # "theo chức năng, nhiệm vụ được giao", "trong phạm vi nhiệm vụ, quyền hạn của mình"
            while i < end and norm(doc, i) in _FRAME_WORDS:
                i += 1
        else:
            break
    return i


def _verb_length(doc: Doc, k: int) -> int:
    return next((m.end - m.start for m in marks(doc, "roles") if m.start == k), 1)


def predicate_roles(doc: Doc, pred: int, end: int, masked: set[int]) -> list[tuple[str, int]]:
    """The roles the predicates of tokens [PRED, END) give the bearer, each with where its verb is; the
    first is the clause's main role (`head_role`). Verbs chained right at the head are predicates of their
    own: "Chỉ đạo, hướng dẫn ...", "Phối hợp, cung cấp số liệu", "Xây dựng và ban hành kế hoạch". What a
    lead does ("chủ trì, phối hợp với B tham mưu ...") is its chu_tri. Any later coordinate is read as
    part of the first predicate's object (the labels of this project give one role per clause cut at ";").
    """
    role, verb = head_role(doc, pred, end, masked)
    out = [(role, verb)]
    lead = _skip_lead(doc, pred, end)
    if role in ("chu_tri", "phoi_hop") and verb <= lead:  # ("chủ" is also a lead word: "chủ động")
        return out if role == "chu_tri" else _chain(doc, role, lead, end, masked, out)
    if verb != lead and is_action(doc, lead, end):
        length = 2 if f"{norm(doc, lead)} {norm(doc, lead + 1)}" in _ACTIONS_2 else 1
        link = lead + length
        if (link + 1 < end and norm(doc, link) == "và" and _role_mark(doc, role, link + 1)
                and role in ("ban_hanh", "bao_cao")) or role == "chi_dao" or (
                role in _LATER_ROLES and _opens_coordinate(doc, verb, link)
                and not (norm(doc, lead) == "tổng" and word(doc, link) == ",")):
            # "Xây dựng và ban hành ...", "Theo dõi, đôn đốc và chỉ đạo ...", and a role verb that opens a
            # coordinate of its own: "Tổng hợp kết quả, báo cáo ...", "Kiểm tra, chỉ đạo ...", "Cân đối,
            # tham mưu ..." ("Tổng hợp báo cáo", "tổng hợp, tham mưu" are one report, one advice)
            out.append(("thuc_hien", lead))
        return out if role == "chi_dao" else _later_roles(doc, link, end, masked, out)
    if role == "thuc_hien":
        return _later_roles(doc, lead, end, masked, out)
    return _chain(doc, role, lead, end, masked, out)


def _chain(doc: Doc, role: str, lead: int, end: int, masked: set[int],
           out: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A bare role verb at the head followed by a comma and another verb: that verb's role too."""
    verb = out[0][1]
    length = _verb_length(doc, lead)
    if (role not in _CHAINS and role != "tham_muu") or verb != lead or lead + length >= end or \
            word(doc, lead + length) != ",":
        return out
    head = _skip_lead(doc, lead + length + 1, end)
    if head in masked:
        return out
    r, v = head_role(doc, head, end, masked)
    if v == head and _role_mark(doc, r, v) and r != role:
        out.append((r, v))  # "Tham mưu, chỉ đạo ...": advice and direction ("tham mưu, đề xuất" is one advice)
    elif (r == "thuc_hien" or is_action(doc, head, end)) and role not in ("thuc_hien", "tham_muu"):
        out.append(("thuc_hien", head))
    return out


# Roles a later coordinate of the clause may have as a predicate of its own ("..., báo cáo ...", "... và tham
# mưu ...", "..., chỉ đạo ..."); words between the coordinator and that verb that keep it a verb.
_LATER_ROLES = frozenset({"bao_cao", "tham_muu", "chi_dao"})
_BEFORE_LATER = frozenset({"kịp", "thời", "định", "kỳ", "hằng", "hàng", "năm", "đồng", "thường", "xuyên", "trực",
                           "tiếp", "tục", "chủ", "động", "tổng", "hợp", "hoặc", "đột", "xuất",
                           "gửi", "nộp", "lập"})  # "định kỳ hoặc đột xuất báo cáo", "và gửi báo cáo", "lập báo cáo"


def _opens_coordinate(doc: Doc, verb: int, after: int) -> bool:
    """Whether the role verb at VERB opens a coordinate of its own: right after a comma or "và" (past
    "kịp thời", "định kỳ", "tổng hợp" ...), after token AFTER ("..., báo cáo", not "xây dựng báo cáo")."""
    before = verb - 1
    while before > after and norm(doc, before) in _BEFORE_LATER:
        before -= 1
    return before >= after and (word(doc, before) == "," or norm(doc, before) == "và")


_NOUN_HEADS = frozenset({("công", "tác"), ("phục", "vụ"), ("hoạt", "động")})
_VERB_WORDS = frozenset(w for a in _ACTIONS_2 for w in a.split()) | {
    "đánh", "giá", "điều", "hành", "tham", "mưu", "chỉ", "đạo", "báo", "cáo", "thực", "hiện", "ban", "lãnh", "phối",
    "hợp", "chủ", "trì"}


def _in_noun_list(doc: Doc, i: int, after: int, end: int) -> bool:
    """Whether the coordinator at I joins the items of a list of activities named as a noun ("phục vụ công tác
    theo dõi, đánh giá, tham mưu, chỉ đạo điều hành", "công tác đánh giá, chỉ đạo, điều hành"), not predicates."""
    j = i
    while j > after:
        if (norm(doc, j - 1), norm(doc, j)) in _NOUN_HEADS or norm(doc, j) == "việc":
            return True
        if norm(doc, j) in _VERB_WORDS or norm(doc, j) in {",", "và"}:
            j -= 1
            continue
        return False
    return False


def _later_roles(doc: Doc, after: int, end: int, masked: set[int],
                 out: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The role verbs that open later coordinates of the clause (after token AFTER) as predicates of their own:
    "báo cáo", "tham mưu", "chỉ đạo" right after a comma or "và" (past "tổng hợp", "kịp thời", "định kỳ"),
    before any purpose ("để ...", "nhằm ..."): "Thực hiện rà soát, ..., và tổng hợp báo cáo về Sở ...",
    "Duy trì ..., kịp thời phát hiện, báo cáo và tham mưu UBND ...", "Xây dựng kế hoạch, chỉ đạo hệ thống ...".
    What follows a "chỉ đạo X ..." is X's work: the scan stops there."""
    stop = next((i for i in range(after, end) if norm(doc, i) in _STOP_ROLE), end)
    have = {r for r, _ in out}
    for m in marks(doc, "roles"):
        if m.label_ not in _LATER_ROLES or not after < m.start < stop or m.start in masked or m.label_ in have:
            continue
        if m.end < end and (norm(doc, m.end - 1), norm(doc, m.end)) == ("giúp", "việc"):
            continue  # "cơ quan tham mưu, giúp việc Ban Chỉ đạo": a body's name
        before = m.start - 1
        while before > after and norm(doc, before) in _BEFORE_LATER:
            before -= 1
        # "..., báo cáo Thủ tướng Chính phủ kết quả": a role verb with its addressee is a predicate, even after
        # "việc thực hiện" that would otherwise make "thực hiện, báo cáo" a list of activities
        addressed = m.end < end and word(doc, m.end)[:1].isupper() and m.label_ in {"bao_cao", "tham_muu"}
        if _opens_coordinate(doc, m.start, after + 1) \
                and norm(doc, m.start - 1) not in _NOUN_BEFORE.get(m.label_, set()) \
                and (addressed or not _in_noun_list(doc, before, after, end)):
            out.append((m.label_, m.start))
            have.add(m.label_)
            if m.label_ == "chi_dao":
                break
    return out


def _role_mark(doc: Doc, role: str, i: int) -> bool:
    return any(m.start == i and m.label_ == role for m in marks(doc, "roles"))
