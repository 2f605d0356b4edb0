"""A .docx → plain text: one line per paragraph, one line per table row ("| cell | cell |"), and the labels
Word draws from automatic list numbering ("Điều 5.", "1.", "a)") written out, since the structure parser
needs them and they are not in the XML text.

The file is untrusted: the zip directory is checked (entry count, declared sizes, compression ratio)
before anything is inflated, each XML part is inflated with a hard byte cap, and XML is parsed without
DTDs, entities or network; a DOCTYPE is refused outright (Word never writes one).
"""

from __future__ import annotations

import io
import lzma
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from parsers.errors import ParseError
from parsers.readers import limits
from parsers.readers.encodings import decode, legacy_glyphs, tcvn3_glyphs_to_unicode, vni_to_unicode
from parsers.readers.source import SourceText
from parsers.readers.tables import format_number, layout_table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def read(raw: bytes, path: Path) -> SourceText:
    with open_zip(raw, path) as zf:
        main = _main_part(zf)
        root = parse_xml(read_part(zf, main), f"{path}: {main}")
        rels = _relations(zf, main)
        styles = _optional(zf, rels.get("styles"), path)
        numbering = Numbering(_optional(zf, rels.get("numbering"), path), styles)
        fonts = Fonts(styles)
        footnotes = _notes(_optional(zf, rels.get("footnotes"), path), fonts)
        body = root.find(f"{W}body")
        if body is None:
            raise ParseError(f"{path}: not a Word document (no body in {main})")
        chunks = _alt_chunks(zf, body, rels, path)
    writer = _Writer(numbering, footnotes, TableStyles(styles), fonts, chunks)
    writer.block(body)
    lines = writer.lines
    if writer.used_notes:
        # Footnotes go after the body, the way a page prints them: "1 Text of the note".
        lines += [""] + [f"{i} {footnotes[note_id]}" for i, note_id in enumerate(writer.used_notes, 1)]
    warnings = ("Word automatic numbering written out as text",) if numbering.used else ()
    if fonts.converted:
        warnings += (f"{fonts.converted} run(s) in legacy TCVN3/VNI fonts converted to Unicode",)
    text = "\n".join(lines).strip("\n") + "\n"
    legacy = legacy_glyphs(text)  # legacy-font text whose font name was lost on the way
    if legacy is not None:
        return SourceText(legacy.text, "docx", warnings + legacy.warnings)
    return SourceText(text, "docx", warnings)


# --- the zip, safely ------------------------------------------------------------------------------
def open_zip(raw: bytes, path: Path) -> zipfile.ZipFile:
    """Open a zip and vet its directory; nothing is inflated here."""
    lim = limits.current()
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ParseError(f"{path}: corrupt .docx (not a readable zip: {exc})") from None
    if len(infos) > lim.max_zip_entries:
        raise ParseError(
            f"{path}: .docx has {len(infos)} zip entries, over the limit of {lim.max_zip_entries}"
        )
    total = sum(i.file_size for i in infos)
    if total > lim.max_inflated_bytes:
        raise ParseError(
            f"{path}: .docx would inflate to {limits.human(total)}, over the "
            f"{limits.human(lim.max_inflated_bytes)} limit (zip bomb?)"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > lim.ratio_floor_bytes and ratio > lim.max_zip_ratio:
            raise ParseError(
                f"{path}: .docx entry {info.filename} compresses {ratio:.0f}:1, "
                f"over the {lim.max_zip_ratio}:1 limit (zip bomb?)"
            )
    return zf


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """One entry, inflated with a hard cap whatever its directory entry claims."""
    cap = limits.current().max_xml_bytes
    try:
        with zf.open(name) as fh:
            data = fh.read(cap + 1)
    except KeyError:
        raise ParseError(f"not a Word document: {name} missing from the .docx") from None
    except (
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as exc:  # RuntimeError: an encrypted entry
        raise ParseError(f"corrupt .docx: cannot inflate {name} ({' '.join(str(exc).split())})") from None
    if len(data) > cap:
        raise ParseError(f".docx part {name} inflates past the {limits.human(cap)} limit (zip bomb?)")
    # "Strict" Office Open XML differs from the usual flavour only by its namespace names.
    for strict, transitional in _STRICT:
        data = data.replace(strict, transitional)
    return data


_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W[1:-1].encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/", _REL_TYPE.encode()),
)


def _declares_dtd(data: bytes) -> bool:
    """A DOCTYPE or entity declaration, in UTF-8 or in the UTF-16/32 XML also allows (whose NUL bytes
    hide the declaration from a byte search)."""
    if _DOCTYPE.search(data):
        return True
    if b"\x00" not in data[:4]:
        return False
    head = data[: 1 << 20]
    for codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        if _DOCTYPE.search(head.decode(codec, errors="ignore").encode("utf-8", errors="ignore")):
            return True
    return False


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Untrusted XML: no DTD, no entities, no network; a DOCTYPE is refused, never interpreted."""
    if _declares_dtd(data):
        raise ParseError(f"{where}: XML with a DOCTYPE or entity declaration refused")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"{where}: corrupt XML ({exc.msg})") from None
    if root is None:
        raise ParseError(f"{where}: empty XML")
    return root


def _main_part(zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if "_rels/.rels" in names:
        rels = parse_xml(read_part(zf, "_rels/.rels"), "_rels/.rels")
        for rel in rels.iter(f"{_REL_NS}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    if "mimetype" in names and b"opendocument" in read_part(zf, "mimetype")[:200]:
        raise ParseError("an OpenDocument (.odt) file, not .docx: save it as .docx first")
    raise ParseError("not a Word document: the .docx has no word/document.xml")


def _relations(zf: zipfile.ZipFile, main: str) -> dict[str, str]:
    """Relationship type (last path segment) → part name, and relationship id → part name, for the main
    document's related parts (internal ones only: an external target is never fetched)."""
    folder, base = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.namelist():
        return {}
    rels = parse_xml(read_part(zf, rels_name), rels_name)
    out = {}
    for rel in rels.iter(f"{_REL_NS}Relationship"):
        kind = rel.get("Type", "")
        if kind.startswith(_REL_TYPE) and rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            out[kind[len(_REL_TYPE) :]] = target
            out["id:" + rel.get("Id", "")] = target
    return out


def _alt_chunks(
    zf: zipfile.ZipFile, body: etree._Element, rels: dict[str, str], path: Path
) -> dict[str, str]:
    """Text of the parts a document only points at (w:altChunk): portals' "Word" downloads are often an
    HTML or MHT page wrapped this way. Each part is read and decoded once however often it is pointed at,
    and the text all the references write out together is capped (`max_text_chars`): 50 references to a
    1 MB part would otherwise make 50 MB of text from a 60 KB file."""
    cap = limits.current().max_text_chars
    by_part: dict[str, str | None] = {}
    out: dict[str, str] = {}
    total = 0
    for count, chunk in enumerate(body.iter(f"{W}altChunk"), start=1):
        rid = chunk.get(f"{_R}id", "")
        name = rels.get("id:" + rid)
        if not name or name not in zf.namelist():
            continue
        if name not in by_part:
            by_part[name] = _chunk_text(read_part(zf, name), path)
        text = by_part[name]
        if text is None:
            continue
        out[rid] = text
        total += len(text)
        if total > cap:
            why = f"{count} tham chiếu w:altChunk tới {len(by_part)} phần"
            raise ParseError(limits.text_too_long(str(path), total, cap, why))
    return out


def _chunk_text(data: bytes, path: Path) -> str | None:
    """One altChunk part's text; None for a part not followed (a nested .docx, RTF, binary)."""
    from parsers.readers import html  # an altChunk may be an HTML page; html is only needed then

    if html.is_web_archive(data):
        data = html.html_of_mht(data)
    if re.match(rb"\s*(<\?xml[^>]*>\s*)?<(!doctype\s+html|html)", data[:400], re.IGNORECASE):
        return html.read(data, path).text
    if data.strip() and not data.startswith((b"PK", b"{\\rtf")):
        try:
            return decode(data).text
        except ParseError:
            return None  # a binary chunk: the rest of the document still reads
    return None


def _optional(zf: zipfile.ZipFile, name: str | None, path: Path) -> etree._Element | None:
    if not name or name not in zf.namelist():
        return None
    return parse_xml(read_part(zf, name), f"{path}: {name}")


def _notes(root: etree._Element | None, fonts: Fonts) -> dict[str, str]:
    if root is None:
        return {}
    out = {}
    for note in root.iter(f"{W}footnote"):
        if note.get(f"{W}type") in (None, "normal"):
            text = " ".join(_paragraph_text(p, None, fonts) for p in note.iter(f"{W}p")).strip()
            if text:
                out[note.get(f"{W}id", "")] = text
    return out


# --- automatic numbering --------------------------------------------------------------------------
@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None  # restart after this (0-based) level; None: after any higher level
    legal: bool = False  # isLgl: all levels shown as decimal


@dataclass
class Numbering:
    """Word's list numbering: which label each numbered paragraph gets, counting as Word counts."""

    root: etree._Element | None
    styles: etree._Element | None
    used: bool = False
    _abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    _num_abstract: dict[str, str] = field(default_factory=dict)
    _num_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)
    _style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    _style_base: dict[str, str] = field(default_factory=dict)
    _style_level: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.root is not None:
            self._load_numbering(self.root)
        if self.styles is not None:
            self._load_styles(self.styles)

    def _load_numbering(self, root: etree._Element) -> None:
        for absnum in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in absnum.iter(f"{W}lvl"):
                levels[_int(lvl.get(f"{W}ilvl"), 0)] = _level(lvl)
                linked = lvl.find(f"{W}pStyle")
                if linked is not None:  # a heading style tied to this level, its numPr naming no level
                    self._style_level[linked.get(f"{W}val", "")] = _int(lvl.get(f"{W}ilvl"), 0)
            self._abstract[absnum.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            ref = num.find(f"{W}abstractNumId")
            self._num_abstract[num_id] = ref.get(f"{W}val", "") if ref is not None else ""
            overrides = {}
            for ov in num.iter(f"{W}lvlOverride"):
                start = ov.find(f"{W}startOverride")
                if start is not None:
                    overrides[_int(ov.get(f"{W}ilvl"), 0)] = _int(start.get(f"{W}val"), 1)
                lvl = ov.find(f"{W}lvl")
                if lvl is not None:  # a whole level redefined for this list only
                    key = f"{self._num_abstract[num_id]}/{num_id}"
                    levels = dict(self._abstract.get(self._num_abstract[num_id], {}))
                    levels[_int(ov.get(f"{W}ilvl"), 0)] = _level(lvl)
                    self._abstract[key] = levels
                    self._num_abstract[num_id] = key
            self._num_overrides[num_id] = overrides

    def _load_styles(self, root: etree._Element) -> None:
        for style in root.iter(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            based = style.find(f"{W}basedOn")
            if based is not None:
                self._style_base[sid] = based.get(f"{W}val", "")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                self._style_num[sid] = _num_pr(num_pr)

    def label(self, p: etree._Element) -> str:
        """The label Word draws before paragraph `p` ("" when it is not numbered)."""
        num_id, ilvl = self._paragraph_numbering(p)
        if not num_id or num_id == "0" or num_id not in self._num_abstract:
            return ""
        abstract = self._num_abstract[num_id]
        levels = self._abstract.get(abstract, {})
        level = ilvl or 0
        if level not in levels:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl_no, start in self._num_overrides.get(num_id, {}).items():
                counters[lvl_no] = start - 1
                for deeper in [k for k in counters if k > lvl_no]:
                    del counters[deeper]
        lvl = levels[level]
        counters[level] = counters.get(level, lvl.start - 1) + 1
        for deeper, deeper_lvl in levels.items():
            if deeper > level and (deeper_lvl.restart is None or deeper_lvl.restart >= level):
                counters.pop(deeper, None)
        self.used = True
        return _render(lvl, levels, counters)

    def _paragraph_numbering(self, p: etree._Element) -> tuple[str | None, int | None]:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = _num_pr(num_pr) if num_pr is not None else (None, None)
        style = p.find(f"{W}pPr/{W}pStyle")
        sid = style.get(f"{W}val", "") if style is not None else ""
        seen = set()
        while sid and sid not in seen and (num_id is None or ilvl is None):
            seen.add(sid)
            s_num, s_lvl = self._style_num.get(sid, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else (s_lvl if s_lvl is not None else self._style_level.get(sid))
            sid = self._style_base.get(sid, "")
        return num_id, ilvl


def _num_pr(num_pr: etree._Element) -> tuple[str | None, int | None]:
    num = num_pr.find(f"{W}numId")
    lvl = num_pr.find(f"{W}ilvl")
    return (
        num.get(f"{W}val") if num is not None else None,
        _int(lvl.get(f"{W}val"), 0) if lvl is not None else None,
    )


def _level(lvl: etree._Element) -> _Level:
    def val(tag: str) -> str | None:
        el = lvl.find(f"{W}{tag}")
        return el.get(f"{W}val") if el is not None else None

    restart = val("lvlRestart")
    return _Level(
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") if val("lvlText") is not None else "",
        suffix=val("suff") or "tab",
        restart=(_int(restart, 0) - 1) if restart is not None else None,
        legal=lvl.find(f"{W}isLgl") is not None,
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _render(lvl: _Level, levels: dict[int, _Level], counters: dict[int, int]) -> str:
    if lvl.fmt == "bullet":
        # Symbol-font bullets are private-use glyphs; plans write them as dashes.
        char = lvl.text.strip()
        label = char if char in ("-", "+", "–", "*", "•", "o") else "-"
    else:

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k, _Level())
            n = counters.get(k, other.start)
            return format_number(n, "decimal" if lvl.legal and other.fmt != "none" else other.fmt)

        label = re.sub(r"%([1-9])", sub, lvl.text)
    if not label:
        return ""
    return label + ("" if lvl.suffix == "nothing" else " ")


# --- body → lines ---------------------------------------------------------------------------------
class _Writer:
    def __init__(
        self,
        numbering: Numbering,
        notes: dict[str, str],
        styles: TableStyles,
        fonts: Fonts,
        chunks: dict[str, str] | None = None,
    ) -> None:
        self.numbering = numbering
        self.chunks = chunks or {}
        self.styles = styles
        self.fonts = fonts
        self.notes = notes
        self.used_notes: list[str] = []
        self.lines: list[str] = []

    def block(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins", f"{W}smartTag"):
                self.block(child)
            elif tag == f"{W}altChunk":
                self.lines.extend(self.chunks.get(child.get(f"{_R}id", ""), "").splitlines())

    def paragraph(self, p: etree._Element) -> None:
        text = _paragraph_text(p, self, self.fonts)
        label = self.numbering.label(p)
        self.lines.extend((label + text).split("\n") if text.strip() or label.strip() else [""])
        for box in p.iter(f"{W}txbxContent"):
            if not _inside_fallback(box, p):
                self.block(box)

    def table(self, tbl: etree._Element) -> None:
        """A ruled table (a task table) gives one line per row; a borderless one only lays out blocks
        side by side (issuer | motto, Nơi nhận | signature), so its cells' lines are written in turn."""
        rows = [
            [self.cell_lines(tc) for tc in _cells(row)]
            for row in tbl.iter(f"{W}tr")
            if _owner(row, "tbl") is tbl
        ]
        layout = layout_table(self.styles.ruled(tbl), rows)
        for cells in rows:
            if layout:
                self.lines.extend(line for cell in cells for line in cell)
            elif any(cells):
                self.lines.append("| " + " | ".join(" ".join(c).replace("|", "/") for c in cells) + " |")

    def cell_lines(self, tc: etree._Element) -> list[str]:
        inner = _Writer(self.numbering, self.notes, self.styles, self.fonts, self.chunks)
        inner.used_notes = self.used_notes
        inner.block(tc)
        return [line.strip() for line in inner.lines if line.strip()]


def _cells(row: etree._Element) -> list[etree._Element]:
    out = []
    for child in row:
        if child.tag == f"{W}tc":
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            out += [tc for tc in child.iter(f"{W}tc") if _owner(tc, "tr") is row]
    return out


class TableStyles:
    """Which tables are drawn with rules: their own borders, their cells', or their style's."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._ruled: dict[str, bool] = {}
        if styles is None:
            return
        based: dict[str, str] = {}
        own: dict[str, bool | None] = {}
        for style in styles.iter(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            base = style.find(f"{W}basedOn")
            based[sid] = base.get(f"{W}val", "") if base is not None else ""
            own[sid] = _has_rules(style.find(f"{W}tblPr/{W}tblBorders"))
        for sid in own:
            seen, cur = set(), sid
            while cur and cur not in seen and own.get(cur) is None:
                seen.add(cur)
                cur = based.get(cur, "")
            self._ruled[sid] = bool(own.get(cur))

    def ruled(self, tbl: etree._Element) -> bool:
        borders = _has_rules(tbl.find(f"{W}tblPr/{W}tblBorders"))
        if borders is not None:
            return borders or _cells_ruled(tbl)
        style = tbl.find(f"{W}tblPr/{W}tblStyle")
        if style is not None and self._ruled.get(style.get(f"{W}val", "")):
            return True
        return _cells_ruled(tbl)


_NO_LINE = {"nil", "none"}


def _has_rules(borders: etree._Element | None) -> bool | None:
    """None when nothing is said; else whether any inner or outer line is drawn."""
    if borders is None:
        return None
    return any(b.get(f"{W}val", "none") not in _NO_LINE for b in borders)


def _cells_ruled(tbl: etree._Element) -> bool:
    marks = [_has_rules(b) for b in tbl.iter(f"{W}tcBorders")]
    lined = sum(1 for m in marks if m)
    return lined > 0 and lined >= len(list(tbl.iter(f"{W}tc"))) // 2


def _owner(el: etree._Element, local: str) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != f"{W}{local}":
        parent = parent.getparent()
    return parent


def _inside_fallback(el: etree._Element, stop: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _MC_FALLBACK:
            return True
        parent = parent.getparent()
    return False


_SKIP = {f"{W}{t}" for t in ("del", "moveFrom", "txbxContent", "instrText", "delText", "fldData")} | {
    _MC_FALLBACK
}


def _paragraph_text(p: etree._Element, writer: _Writer | None, fonts: Fonts | None = None) -> str:
    """A paragraph's visible text; deleted revisions, hidden runs, field codes and text boxes left out,
    runs in a legacy TCVN3 / VNI font converted to Unicode."""
    out: list[str] = []
    style = p.find(f"{W}pPr/{W}pStyle")
    p_style = style.get(f"{W}val", "") if style is not None else ""

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP or tag == f"{W}pPr" or tag == f"{W}rPr":
                continue
            if tag == f"{W}r" and fonts is not None:
                if _hidden(child):
                    continue
                start = len(out)
                walk(child)
                legacy = fonts.legacy(child, p_style)
                if legacy:
                    out[start:] = [_from_legacy("".join(out[start:]), legacy)]
                    fonts.converted += 1
            elif tag == f"{W}t":
                out.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag == f"{W}footnoteReference" and writer is not None:
                note_id = child.get(f"{W}id", "")
                if note_id in writer.notes:
                    if note_id not in writer.used_notes:
                        writer.used_notes.append(note_id)
                    # Word shows footnotes numbered in reading order, whatever their ids.
                    out.append(str(writer.used_notes.index(note_id) + 1))
            else:
                walk(child)

    walk(p)
    return "".join(out)


# --- legacy fonts ---------------------------------------------------------------------------------
def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false", "off")


def _font_of(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(f"{W}rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")


def legacy_kind(font: str | None) -> str | None:
    """ "tcvn3" for the ABC fonts (.VnTime, .VnArial; their capitals-only twins end in H), "vni" for
    VNI-Times and kin, None for a Unicode font."""
    name = (font or "").strip().lower()
    if name.startswith(".vn"):
        return "tcvn3-upper" if name.endswith("h") else "tcvn3"
    if name.startswith(("vni-", "vni ")):
        return "vni"
    return None


class Fonts:
    """The font a run is drawn in: its own, its character style's, its paragraph style's, the default."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.converted = 0
        self._style_font: dict[str, str | None] = {}
        self._based: dict[str, str] = {}
        self._default: str | None = None
        if styles is None:
            return
        self._default = _font_of(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
        for style in styles.iter(f"{W}style"):
            sid = style.get(f"{W}styleId", "")
            self._style_font[sid] = _font_of(style.find(f"{W}rPr"))
            based = style.find(f"{W}basedOn")
            if based is not None:
                self._based[sid] = based.get(f"{W}val", "")

    def _styled(self, sid: str) -> str | None:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            if self._style_font.get(sid):
                return self._style_font[sid]
            sid = self._based.get(sid, "")
        return None

    def legacy(self, run: etree._Element, p_style: str) -> str | None:
        rpr = run.find(f"{W}rPr")
        font = _font_of(rpr)
        if font is None and rpr is not None and rpr.find(f"{W}rStyle") is not None:
            font = self._styled(rpr.find(f"{W}rStyle").get(f"{W}val", ""))
        font = font or self._styled(p_style) or self._default
        return legacy_kind(font)


def _from_legacy(text: str, kind: str) -> str:
    if kind == "vni":
        return vni_to_unicode(text)
    converted = tcvn3_glyphs_to_unicode(text)
    return converted.upper() if kind == "tcvn3-upper" else converted
