"""Quoted blocks of amending instructions: "Sửa đổi, bổ sung Điều 6 như sau: “Điều 6. ... 1. ... 2. ...”".

An amending document quotes the new words of the document it amends; those words look like structure
(articles, clauses, points) but belong to the amended document. `cut` finds the blocks and takes them out
of the lines the tree builder reads, returning for each the line of the instruction that introduces it and
the quoted lines (the builder turns them into a `Quotation` with its own tree).

The marks are paired over the whole body first, then blocks are chosen, so that one stray mark costs only
its own block:

1. In each line, marks pair with a stack (“ with ”; a straight " opens or closes by what surrounds it).
   What is left unpaired in a line opens or closes a block spanning lines.
2. Across lines the unpaired marks pair with a stack too. An opening mark introduced by an instruction
   (a "strong" opener: the words before it, or the line before, end with ":" and hold an amending verb)
   while a block is still open means that block lost its closing mark: it ends before the new
   instruction. A closing mark with nothing open closes a block that lost its opening mark, when an
   instruction ending with ":" comes just before and no block since. A block still open at the end runs
   to the next instruction line, the amending document's next article, or its signature.
3. A block is cut out when its opener is strong (or opens the paragraph right after a block cut out: "“1.
   ...”" then "“7. ...”", each its own quotation of the same instruction); every other pair (a defined term, a phrase "thay cụm từ “A” bằng cụm từ “B”") stays
   in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from parsers import patterns as P
from parsers.lines import Line

_MARKS = re.compile(r"[“”\"]")
# An amending instruction: its verb and the unit it names ("Sửa đổi, bổ sung khoản 3 Điều 4", "Bổ sung Điều 6a
# vào sau Điều 6", "Thay cụm từ"), or the unit then the verb ("Khoản 2 Điều 3 được sửa đổi, bổ sung"). A verb
# alone is not enough: "trồng bổ sung ... rừng tự nhiên:" introduces a list, not new words.
_UNIT_WORD = (r"(?:điều|khoản|điểm|chương|mục|phần|tiểu\s+mục|phụ\s+lục|cụm\s+từ|các\s+từ|từ\s+ngữ|đoạn|câu|tên|"
              r"nội\s+dung|mẫu|biểu|danh\s+mục|tiết)")
_VERB = r"(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|thay|bãi\s+bỏ|bỏ|đính\s+chính|đình\s+chỉ|sửa\s+lại|quy\s+định\s+lại)"
_VERB_WORD = re.compile(rf"(?<!\w){_VERB}(?!\w)", re.IGNORECASE)
_UNIT = re.compile(rf"(?<!\w){_UNIT_WORD}(?!\w)", re.IGNORECASE)
_PASSIVE = re.compile(r"được\s+(?:sửa|bổ\s+sung|thay|bãi\s+bỏ|đính|quy\s+định\s+lại)", re.IGNORECASE)
_STOP = re.compile(r"[.;:]")
_NEAR = 160  # characters between an instruction's verb and the unit it names


def instruction(text: str) -> bool:
    """Does `text` hold an amending instruction: a verb then, within the sentence, the unit it names, or the
    unit then "được sửa đổi ..."? (Two small scans, not one pattern tried at every position.)"""
    units = [m for m in _UNIT.finditer(text)]
    if not units:
        return False
    for verb in _VERB_WORD.finditer(text):
        for unit in units:
            if verb.end() <= unit.start() <= verb.end() + _NEAR and not _STOP.search(text, verb.end(), unit.start()):
                return True
    for unit in units:
        window = text[unit.end(): unit.end() + _NEAR]
        stop = _STOP.search(window)
        found = _PASSIVE.search(window, 0, stop.start() if stop else len(window))
        if found:
            return True
    return False


_BARE_LEAD = re.compile(
    r"^(?:\d{1,3}[a-zđ]?\s?[.)]\s*|[a-zđ]\d?\)\s*|Điều\s+\d+[a-zđ]?\s*[.:]\s*)?(?:Sửa\s+đổi|Bổ\s+sung|Thay\s+thế)"
    r"(?!\w)[^;:“”\"]{0,60}?(?<!\w)(?:Điều|khoản|điểm|Chương|Mục|Phụ\s+lục)\s+\w+[^;:“”\"]{0,400}?\.?$",
    re.IGNORECASE,
)
_AS_FOLLOWS = re.compile(r"(?:như\s+sau|sau\s+đây)\s*:\s*$", re.IGNORECASE)
# A line of the amending document's own that opens an instruction ("3. Bãi bỏ khoản 2 Điều 15.").
_INSTRUCTION_LINE = re.compile(
    r"^(?:\d{1,3}[a-zđ]?\s?[.)]|[a-zđ]\d?\))\s*(?:Sửa\s+đổi|Bổ\s+sung|Bãi\s+bỏ|Thay|Bỏ|Đính\s+chính|Đình\s+chỉ)\b"
)
_TAIL = re.compile(r"^[\s.;,:”\"]*$")  # what may follow a closing mark at a line's end
_LOOKBACK = 150  # lines between a lead "... như sau:" and a closing mark whose opener is missing


@dataclass(frozen=True)
class Block:
    """A quoted block: from just after its opening mark to just before its closing mark.

    `open_pos` is -1 when the opening mark is missing (the block starts with its line) and `close_pos` is
    None when the closing mark is missing (the block ends with its line)."""

    open_line: int
    open_pos: int
    close_line: int
    close_pos: int | None


@dataclass
class Cut:
    """A block taken out of the lines: the instruction line it belongs to and the quoted lines."""

    lead: Line  # the instruction's line (in `lines` of `cut`'s result)
    lines: list[Line]  # the quoted words, one line per paragraph, marks removed
    start: int  # offset of the first quoted character in the source
    end: int  # offset of the closing mark (or of the end of the last quoted line)
    text: str  # the quoted words, paragraphs joined by "\n"


def _aligned(line: Line, source: str | None) -> bool:
    """Do positions in `line.text` map one for one onto the source text?"""
    return source is not None and line.end - line.start == len(line.text)


def _classify(text: str, pos: int, straight_open: bool) -> bool:
    """Is the mark at `pos` an opening mark?"""
    ch = text[pos]
    if ch == "“":
        return True
    if ch == "”":
        return False
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    opens = (before.isspace() or before in "(:[—–-") and not after.isspace()
    closes = not before.isspace() and (after.isspace() or after in ".,;:)]”")
    if opens != closes:
        return opens
    return not straight_open


def _line_marks(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, bool]]]:
    """(pairs closed within the line, outermost only; unpaired marks in order as (pos, opens))."""
    stack: list[int] = []  # positions of open marks
    at: dict[str, list[int]] = {'"': [], "“": []}  # per kind, the stack depths of its open marks
    loose: list[tuple[int, bool]] = []
    pairs: list[tuple[int, int]] = []
    for m in _MARKS.finditer(text):
        pos, ch = m.start(), m.group()
        kind = '"' if ch == '"' else "“"
        if _classify(text, pos, bool(at['"'])):
            at[kind].append(len(stack))
            stack.append(pos)
            continue
        if at[kind]:
            depth = at[kind][-1]
        elif len(stack) == 1:
            depth = 0  # “...": a pair of mixed marks
        else:
            loose.append((pos, False))
            continue
        start = stack[depth]
        del stack[depth:]
        for depths in at.values():
            while depths and depths[-1] >= depth:
                depths.pop()
        if not stack:
            pairs.append((start, pos))
    loose.extend((pos, True) for pos in stack)
    loose.sort()
    return pairs, loose


def _lead_line(text: str) -> bool:
    """Does this line (or the words before a mark) end with ":" and hold an amending instruction, or is it an
    instruction naming its unit last ("Sửa đổi, bổ sung khoản 2 Điều 1.", "Bổ sung khoản 2a Điều 2")?"""
    stripped = text.rstrip()
    if stripped.endswith(":"):
        return instruction(stripped[-400:])
    return len(stripped) < 500 and bool(_BARE_LEAD.match(stripped))


def _dieu_num(text: str) -> int | None:
    if text[:1] not in "Đđ":
        return None
    m = P.DIEU.match(text)
    digits = re.match(r"\d+", (m.group(1) or m.group(3) or "")) if m else None
    return int(digits.group()) if digits else None


def _strong(texts: list[str], i: int, pos: int) -> bool:
    """Is the opening mark at (line i, pos) introduced by an instruction?"""
    before = texts[i][:pos]
    if before.strip():
        return _lead_line(before)
    return i > 0 and _lead_line(texts[i - 1])


def find_blocks(lines: list[Line]) -> list[Block]:
    """The quoted blocks to cut, in order (see the module's docstring)."""
    texts = [x.text for x in lines]
    per_line = [_line_marks(t) for t in texts]
    blocks = sorted(_scan(texts, per_line, 0, 0), key=lambda b: (b.open_line, b.open_pos))
    return _disjoint(blocks)


def _scan(texts: list[str], per_line: list, first: int, depth: int) -> list[Block]:
    blocks: list[Block] = []
    stack: list[tuple[int, int, bool]] = []  # open marks across lines: (line, pos, strong)
    last_lead: int | None = None  # the last line ending "... như sau:" outside any block
    last_end = first - 1  # the last line a block reached
    own_article: int | None = None  # the amending document's article being read (outside blocks)
    article_at: dict[int, int | None] = {}
    cut_close = (-2, 0)  # (line, position after the mark) where the last cut block closed
    for i in range(first, len(texts)):
        text = texts[i]
        if not stack and (num := _dieu_num(text)) is not None:
            own_article = num
        pairs, loose = per_line[i]
        events = sorted([(a, 0, b) for a, b in pairs] + [(p, 1 if o else 2, 0) for p, o in loose])
        for pos, what, close in events:
            if what == 2:  # a closing mark without its opener in this line
                if stack:
                    o_line, o_pos, o_strong = stack.pop()
                    if not stack and o_strong:
                        blocks.append(Block(o_line, o_pos, i, pos))
                        cut_close = (i, pos + 1)
                    last_end = i
                elif last_lead is not None and last_end < last_lead < i <= last_lead + _LOOKBACK \
                        and _AS_FOLLOWS.search(texts[last_lead]):
                    blocks.append(Block(last_lead + 1, -1, i, pos))  # its opening mark is missing
                    last_end = i
                    cut_close = (i, pos + 1)
                continue
            # strong: introduced by an instruction, or the next paragraph quoted on its own right after a block
            strong = _strong(texts, i, pos) or _next_quote(texts, cut_close, i, pos)
            if strong and stack:  # the open block lost its closing mark: it ends before this instruction
                o_line, o_pos, o_strong = stack[0]
                end = (i if texts[i][:pos].strip() else i - 1) - 1
                if o_strong and end >= o_line:
                    blocks.append(Block(o_line, o_pos, end, None))
                stack.clear()
            if what == 0:
                if not stack and strong:
                    blocks.append(Block(i, pos, i, close))
                    last_end = i
                    cut_close = (i, close + 1)
                continue
            stack.append((i, pos, strong))
            article_at[i] = own_article
        if stack:
            last_end = i
        elif _lead_line(text):
            last_lead = i
    if not stack:
        return blocks
    o_line, o_pos, o_strong = stack[0]
    end = o_line
    if o_strong:
        end = _open_end(texts, o_line, article_at.get(o_line))
        blocks.append(Block(o_line, o_pos, end, None))
    if depth < 3:
        blocks.extend(_scan(texts, per_line, end + 1, depth + 1))
    return blocks


def _next_quote(texts: list[str], cut_close: tuple[int, int], i: int, pos: int) -> bool:
    """Does the mark at (i, pos) open the paragraph right after a cut block ("“1. ...”" then "“7. ...”", on
    the next line or joined to the same one)?"""
    line, after = cut_close
    if i == line:
        return bool(_TAIL.match(texts[i][after:pos]))
    return i == line + 1 and bool(_TAIL.match(texts[line][after:])) and not texts[i][:pos].strip()


def _open_end(texts: list[str], start: int, own_article: int | None) -> int:
    """The last line of a block opened at line `start` that never closes: the line before the next
    instruction, the amending document's next article or its signature (else the opening line only)."""
    for j in range(start + 1, len(texts)):
        text = texts[j]
        if _INSTRUCTION_LINE.match(text) or _lead_line(text) or P.RECIPIENTS.match(text) or P.CAPACITY.match(text):
            return j - 1
        num = _dieu_num(text)
        if num is not None and own_article is not None and num == own_article + 1:
            return j - 1
    return start


def _disjoint(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if out and (b.open_line, b.open_pos) <= (out[-1].close_line, _close(out[-1])):
            continue
        out.append(b)
    return out


def _close(b: Block) -> int:
    return 1 << 30 if b.close_pos is None else b.close_pos


def cut(lines: list[Line], source: str | None = None) -> tuple[list[Line], list[Cut]]:
    """The lines without the quoted blocks, and the blocks (each names its instruction's line)."""
    if not any(_MARKS.search(x.text) for x in lines):
        return lines, []
    blocks = find_blocks(lines)
    if not blocks:
        return lines, []
    out: list[Line] = []
    cuts: list[Cut] = []
    cur_line, cur_pos = 0, 0
    for b in blocks:
        _outside(lines, source, cur_line, cur_pos, b.open_line, max(b.open_pos, 0), out)
        quoted = _inside(lines, source, b)
        if quoted:
            pieces, start, end = quoted
            if out:
                cuts.append(Cut(out[-1], pieces, start, end, "\n".join(x.text for x in pieces)))
            else:  # nothing before it to belong to: the words stay as lines
                out.extend(pieces)
        if b.close_pos is None:
            cur_line, cur_pos = b.close_line + 1, 0
        else:
            cur_line, cur_pos = b.close_line, b.close_pos + 1
    _outside(lines, source, cur_line, cur_pos, len(lines), 0, out)
    return out, cuts


def _piece(line: Line, source: str | None, a: int, b: int, first: bool) -> Line | None:
    """The part [a, b) of a line as a line of its own (None when it holds no word)."""
    if a <= 0 and b >= len(line.text):
        return line
    raw = line.text[a:b]
    text = raw.strip()
    if not P.HAS_WORD.search(text):
        return None
    lead = a + (len(raw) - len(raw.lstrip()))
    if _aligned(line, source):
        start, end = line.start + lead, line.start + lead + len(text)
    else:
        start, end = line.start, line.end
    return replace(line, text=text, start=start, end=end, head=text,
                   gap=line.gap and first, bold=False, bold_start=False, heading=False, open_bold=False,
                   label_bold=line.label_bold and first)


def _outside(lines: list[Line], source: str | None, i0: int, p0: int, i1: int, p1: int, out: list[Line]) -> None:
    """Append the text outside blocks from (i0, p0) up to (i1, p1) to `out`."""
    i = i0
    while i <= i1 and i < len(lines):
        line = lines[i]
        a = p0 if i == i0 else 0
        b = p1 if i == i1 else len(line.text)
        if i == i1 and b <= 0:
            break
        piece = _piece(line, source, a, b, a == 0)
        if piece is not None:
            out.append(piece)
        i += 1


def _inside(lines: list[Line], source: str | None, block: Block) -> tuple[list[Line], int, int] | None:
    pieces: list[Line] = []
    for i in range(block.open_line, block.close_line + 1):
        line = lines[i]
        a = block.open_pos + 1 if i == block.open_line else 0
        b = block.close_pos if i == block.close_line and block.close_pos is not None else len(line.text)
        piece = _piece(line, source, a, b, True)
        if piece is not None:
            pieces.append(piece if piece is not line else replace(line))
    if not pieces:
        return None
    first, last = lines[block.open_line], lines[block.close_line]
    start = pieces[0].start
    if block.close_pos is not None and _aligned(last, source):
        end = last.start + block.close_pos
    else:
        end = pieces[-1].end
    if not _aligned(first, source):
        start = first.start
    return pieces, start, end
