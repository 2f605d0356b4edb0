"""An HTML page → the text of the legal document it carries.

Legal portals wrap the document in menus, banners, related-document lists and scripts. The content block
is found the way reading-mode tools find an article (paragraph text scored on the elements holding it),
then widened while a wider block holds more article/chapter headings, so a document split over several
containers is taken whole. Block elements become lines, ruled tables one line per row, borderless
(layout) tables their cells' lines. No network, no entities, no DTD.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections import defaultdict
from pathlib import Path

import lxml.html
from lxml import etree

from parsers.errors import ParseError
from parsers.readers.encodings import decode, legacy_glyphs
from parsers.readers.source import SourceText
from parsers.readers.tables import format_number, layout_table

_DROP = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "button",
    "select",
    # not "form": ASP.NET portals wrap the whole page in one
    "svg",
    "template",
    "object",
    "embed",
    "input",
    "textarea",
    "head",
    "title",
    "meta",
    "link",
    "map",
    "canvas",
}
_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "section",
    "article",
    "main",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "tr",
    "body",
    "html",
}
_INLINE = {
    "a",
    "b",
    "i",
    "u",
    "s",
    "em",
    "strong",
    "span",
    "font",
    "sup",
    "sub",
    "small",
    "big",
    "label",
    "abbr",
    "code",
    "mark",
    "strike",
    "q",
    "cite",
    "ins",
    "del",
    "time",
    "var",
    "kbd",
    "samp",
    "dfn",
    "tt",
    "nobr",
}
_PARAGRAPHS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "dd", "div")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_MARKER = re.compile(
    r"^\s*(Điều\s+\d+|Chương\s+[IVXLC\d]+|Mục\s+\d+|Phần\s+(thứ\s+)?\w+|[IVX]+\.\s)", re.IGNORECASE
)
_RULED = re.compile(
    r"border(?:-(?:top|bottom|left|right))?(?:-style)?\s*:[^;\"]*\b(solid|dotted|dashed|double|windowtext)",
    re.IGNORECASE,
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)
_LATIN = ("iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b\u2002-\u200a\u202f\u3000]+")


def read(raw: bytes, path: Path) -> SourceText:
    if is_web_archive(raw):
        raw = html_of_mht(raw)
        if not raw:
            raise ParseError(f"{path}: web archive (.mht) without an HTML page in it")
    text, warnings = _decode(raw)
    root = _parse(text, path)
    _strip(root)
    body = root.find("body")
    block = content_block(body if body is not None else root)
    lines: list[str] = []
    _Renderer(lines).render(block)
    text = "\n".join(lines) + "\n"
    legacy = legacy_glyphs(text)  # a page set in a VNI / .VnTime font shows its glyphs as Latin-1
    if legacy is not None:
        return SourceText(legacy.text, "html", warnings + legacy.warnings)
    return SourceText(text, "html", warnings)


def is_web_archive(raw: bytes) -> bool:
    """A saved web page (.mht, .mhtml): a MIME message around the HTML."""
    head = raw[:400].lstrip().lower()
    return head.startswith((b"mime-version:", b"content-type: multipart", b"from:")) and b"multipart" in head


def html_of_mht(data: bytes) -> bytes:
    """The HTML part of a web archive; its charset is the page's own declaration, else detected."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload
    return b""


def _decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    m = _CHARSET.search(raw[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    # Old Vietnamese pages declare Latin-1 over TCVN3/VNI/cp1258 bytes: for those, trust the bytes.
    if declared and declared not in ("utf-8", "utf8") + _LATIN:
        try:
            return raw.decode(declared), ()
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        decoded = decode(raw)
    except ParseError:
        if declared not in _LATIN:
            raise
        return raw.decode("cp1252", errors="replace"), (f"decoded as declared ({declared})",)
    return decoded.text, decoded.warnings


# libxml2 stops at this nesting depth and silently drops the rest of the page; real pages nest a few dozen.
MAX_HTML_DEPTH = 256


def _parse(text: str, path: Path) -> etree._Element:
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"{path}: unreadable HTML ({exc})") from None
    if any("Excessive depth" in e.message for e in parser.error_log):
        raise ParseError(f"{path}: HTML nested deeper than {MAX_HTML_DEPTH} levels: the text after the deep block "
                         "cannot be read")
    return root


def _strip(root: etree._Element) -> None:
    """Drop what a reader never sees: scripts, styles, navigation, forms, hidden elements."""
    doomed = [
        el
        for el in root.iter()
        if not isinstance(el.tag, str)
        or el.tag.lower() in _DROP
        or _HIDDEN.search(el.get("style", ""))
        or el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree() if isinstance(el, lxml.html.HtmlElement) else el.getparent().remove(el)


def content_block(body: etree._Element) -> etree._Element:
    """The element holding the document: best paragraph score, widened to take in more headings."""
    scores: dict[etree._Element, float] = defaultdict(float)
    markers: dict[etree._Element, int] = defaultdict(int)
    text: dict[etree._Element, int] = defaultdict(int)  # paragraph text held anywhere below
    for el in body.iter(*_PARAGRAPHS):
        own = _own_text(el)
        if len(own) < 20 or _link_share(el) > 0.5:
            continue
        weight = len(own) + (200 if _MARKER.match(own) else 0)
        parent = el.getparent()
        if parent is not None:
            scores[parent] += weight
            if parent.getparent() is not None:
                scores[parent.getparent()] += weight / 2
        for anc in el.iterancestors():
            text[anc] += len(own)
            markers[anc] += 1 if _MARKER.match(own) else 0
    if not scores:
        return body
    best = max(scores, key=lambda e: scores[e])
    parent = best.getparent()
    # Widen to a parent holding more headings only when its other children hold real text too (the
    # document split over sibling blocks), not a few heading-like lines of a sidebar.
    while (
        parent is not None
        and markers[parent] > markers[best]
        and text[parent] - text[best] >= 0.25 * text[best]
    ):
        best, parent = parent, parent.getparent()
    return best


def _own_text(el: etree._Element) -> str:
    """Text of an element minus the text of nested paragraph-level elements."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in _INLINE:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _link_share(el: etree._Element) -> float:
    text = len(el.text_content()) or 1
    return sum(len(a.text_content()) for a in el.iter("a") if a.get("href")) / text


class _Renderer:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.buf: list[str] = []

    def flush(self) -> None:
        for part in "".join(self.buf).split("\n"):
            line = _SPACES.sub(" ", part).strip()
            if line:
                self.lines.append(line)
        self.buf = []

    def render(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "br":
            self.buf.append("\n")
        elif tag == "table":
            self.flush()
            self.table(el)
        elif tag in ("ol", "ul"):
            self.flush()
            self.list_items(el, ordered=tag == "ol")
        elif tag == "pre":
            self.flush()
            self.lines.extend(line.rstrip() for line in el.text_content().splitlines() if line.strip())
        elif tag in _BLOCK:
            self.flush()
            self.inline(el)
            self.flush()
        else:
            self.inline(el)

    def inline(self, el: etree._Element) -> None:
        self.buf.append((el.text or "").replace("\n", " "))
        for child in el:
            self.render(child)
            self.buf.append((child.tail or "").replace("\n", " "))

    def list_items(self, el: etree._Element, ordered: bool) -> None:
        """A browser draws list labels that are not in the text: write them out ("1.", "a.", "-")."""
        number = _int(el.get("start"), 1)
        kind = el.get("type") or "1"
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                number = _int(child.get("value"), number)
                self.buf.append((_list_label(number, kind) if ordered else "-") + " ")
                self.inline(child)
                self.flush()
                number += 1
            else:
                self.render(child)
            self.buf.append((child.tail or "").replace("\n", " "))
        self.flush()

    def table(self, table: etree._Element) -> None:
        rows = [
            [
                self.cell_lines(cell)
                for cell in row
                if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
            ]
            for row in _rows(table)
        ]
        layout = layout_table(_ruled(table), rows)
        for cells in rows:
            if layout:
                self.lines.extend(line for cell in cells for line in cell)
            elif any(cells):
                self.lines.append("| " + " | ".join(" ".join(c).replace("|", "/") for c in cells) + " |")

    @staticmethod
    def cell_lines(cell: etree._Element) -> list[str]:
        inner: list[str] = []
        renderer = _Renderer(inner)
        renderer.inline(cell)
        renderer.flush()
        return inner


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (through thead/tbody/tfoot), not those of nested tables."""
    out = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out += [r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr"]
    return out


def _ruled(table: etree._Element) -> bool:
    """A data table draws lines: a non-zero border attribute or a solid border style on it or its cells."""
    border = (table.get("border") or "0").strip()
    if border not in ("0", ""):
        return True
    if "grid" in (table.get("class") or "").lower():
        return True
    styled = [table] + [c for c in table.iter("td", "th")]
    lined = sum(1 for el in styled if _RULED.search(el.get("style", "")))
    return _RULED.search(table.get("style", "")) is not None or lined >= max(1, (len(styled) - 1) // 2)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _list_label(n: int, kind: str) -> str:
    fmt = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}.get(kind, "decimal")
    return format_number(n, fmt) + "."
