"""File readers: bytes on disk → decoded text, per format and per encoding."""

from __future__ import annotations

import re
import stat
import sys
import unicodedata
from pathlib import Path

import docx as python_docx
import pytest
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import read_file
from parsers.errors import ParseError
from parsers.readers.encodings import decode, to_cp1258
from parsers.readers.read import SourceText, read_bytes

sys.path.insert(0, str(Path(__file__).parent))
from pdf_build import make_pdf

FORMATS = Path(__file__).resolve().parents[1] / ".." / "shared" / "formats"
needs_formats = pytest.mark.skipif(not FORMATS.is_dir(), reason="../shared/formats absent")

SENTENCE = "Quyết định số 03 về việc ban hành quy chế phối hợp của các cơ quan trong tỉnh Cao Bằng"

# (label, bytes as a file would hold them, expected text, expected encoding, warned?)
# The legacy samples are typed byte by byte from the TCVN3 / VNI / Windows-1258 code charts.
ENCODED = [
    ("utf-8", SENTENCE.encode("utf-8"), SENTENCE, "utf-8", False),
    ("utf-8 BOM", b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), SENTENCE, "utf-8-sig", False),
    ("utf-16 LE BOM", b"\xff\xfe" + SENTENCE.encode("utf-16-le"), SENTENCE, "utf-16-le", False),
    ("utf-16 BE BOM", b"\xfe\xff" + SENTENCE.encode("utf-16-be"), SENTENCE, "utf-16-be", False),
    ("utf-16 LE no BOM", SENTENCE.encode("utf-16-le"), SENTENCE, "utf-16", True),
    ("utf-16 BE no BOM", SENTENCE.encode("utf-16-be"), SENTENCE, "utf-16", True),
    ("utf-8 NFD", unicodedata.normalize("NFD", SENTENCE).encode("utf-8"), SENTENCE, "utf-8", False),
    (
        "cp1258 (tone marks combining)",
        (
            b"Quy\xea\xect \xf0i\xf2nh s\xf4\xec 03 v\xea\xcc vi\xea\xf2c ban h\xe0nh quy "
            b"ch\xea\xec ph\xf4\xeci h\xf5\xf2p cu\xd2a c\xe1c c\xf5 quan trong ti\xd2nh Cao B\xe3\xccng"
        ),
        SENTENCE,
        "cp1258",
        True,
    ),
    (
        "TCVN3 (ABC)",
        (
            b"Quy\xd5t \xae\xdenh s\xe8 03 v\xd2 vi\xd6c ban h\xb5nh quy ch\xd5 ph\xe8i h\xeep "
            b"c\xf1a c\xb8c c\xac quan trong t\xd8nh Cao B\xbbng"
        ),
        SENTENCE,
        "tcvn3",
        True,
    ),
    (
        "VNI-Windows",
        (
            b"Quye\xe1t \xf1\xf2nh so\xe1 03 ve\xe0 vie\xe4c ban ha\xf8nh quy che\xe1 pho\xe1i "
            b"h\xf4\xefp cu\xfba ca\xf9c c\xf4 quan trong t\xe6nh Cao Ba\xe8ng"
        ),
        SENTENCE,
        "vni",
        True,
    ),
]


@pytest.mark.parametrize("label,raw,expected,encoding,warned", ENCODED, ids=[e[0] for e in ENCODED])
def test_encodings_decode_to_the_same_nfc_text(label, raw, expected, encoding, warned):
    decoded = decode(raw)
    assert decoded.text == expected
    assert decoded.encoding == encoding
    assert bool(decoded.warnings) == warned


def test_vni_capitals_and_horn_letters():
    # "ỦY BAN NHÂN DÂN" / "Mười người ở đường": Û on a capital, ô = ơ, ö = ư, ñ = đ
    raw = b"U\xdbY BAN NHA\xc2N DA\xc2N\nM\xf6\xf4\xf8i ng\xf6\xf4\xf8i \xf4\xfb \xf1\xf6\xf4\xf8ng"
    assert decode(raw).text == "ỦY BAN NHÂN DÂN\nMười người ở đường"


def test_vni_glyphs_pasted_into_utf8_are_converted():
    """Text copied from a VNI font into a UTF-8 file keeps the Latin-1 glyphs: "Quyeát ñònh"."""
    vni = ENCODED[-1][1].decode("cp1252")
    decoded = decode(vni.encode("utf-8"))
    assert decoded.text == SENTENCE
    assert decoded.encoding == "vni" and "VNI" in decoded.warnings[0]


def test_plain_french_latin1_words_are_not_mistaken_for_vni():
    text = "Le décret du 5 mars, signé à Hanoï, entre en vigueur: très bien, déjà validé."
    assert decode(text.encode("utf-8")).text == text


def test_cp1258_writer_round_trip_on_every_vietnamese_letter():
    letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
    text = f"{letters} {letters.upper()}"
    assert decode(to_cp1258(text)).text == text


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_utf8_text_decodes_to_its_nfc(text):
    expected = unicodedata.normalize("NFC", text)
    try:
        out = decode(text.encode("utf-8"))
    except ParseError:
        return  # only "binary" verdicts are allowed, never another exception
    if out.encoding == "utf-8":
        assert out.text == expected


def test_line_ends_and_word_line_breaks_are_normalised():
    assert decode(b"a\r\nb\rc\x0bd\x1a").text == "a\nb\nc\nd"


# --- dispatch -------------------------------------------------------------------------------------
def test_read_file_dispatches_on_content_not_only_name(tmp_path):
    doc = _docx_with_numbering()
    renamed = tmp_path / "looks-like-text.txt"
    doc.save(renamed)
    assert read_file(renamed).format == "docx"
    md = tmp_path / "plan.md"
    md.write_text("# KẾ HOẠCH\n\nI. MỤC ĐÍCH\n", encoding="utf-8")
    assert read_file(md) == SourceText("# KẾ HOẠCH\n\nI. MỤC ĐÍCH\n", "md", ())


def test_read_bytes_uses_the_name_as_hint():
    assert read_bytes("Điều 1. Phạm vi".encode(), "x.md").format == "md"


# --- docx -----------------------------------------------------------------------------------------
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ABSTRACT = f"""<w:abstractNum {_W} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %1."/>
    <w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>"""
_SECTIONS = f"""<w:abstractNum {_W} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/>
    <w:isLgl/></w:lvl>
</w:abstractNum>"""


def _numbered(doc, text: str, num_id: int, level: int) -> None:
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _docx_with_numbering():
    doc = python_docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(_SECTIONS))
    numbering.insert(0, parse_xml(_ABSTRACT))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    layout = doc.add_table(rows=1, cols=2)  # borderless: the issuer | motto header
    layout.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG"
    layout.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    p = doc.add_paragraph()
    p.add_run("QUY CHẾ").bold = True
    _numbered(doc, "Phạm vi điều chỉnh", 90, 0)
    _numbered(doc, "Quy chế này quy định việc phối hợp:", 90, 1)
    _numbered(doc, "Theo dõi thi hành pháp luật;", 90, 2)
    _numbered(doc, "Kiểm tra văn bản.", 90, 2)
    _numbered(doc, "dòng gạch đầu", 90, 3)
    _numbered(doc, "Đối tượng áp dụng.", 90, 1)
    _numbered(doc, "Trách nhiệm thi hành", 90, 0)
    _numbered(doc, "Sở Tư pháp chủ trì.", 90, 1)
    _numbered(doc, "Giao nhiệm vụ:", 90, 2)
    _numbered(doc, "MỤC ĐÍCH", 91, 0)
    _numbered(doc, "Mục đích", 91, 1)
    _numbered(doc, "NHIỆM VỤ", 91, 0)
    _numbered(doc, "Rà soát", 91, 1)
    _numbered(doc, "Tập huấn", 91, 1)
    tasks = doc.add_table(rows=2, cols=3, style="Table Grid")  # a ruled task table
    for cell, text in zip(tasks.rows[0].cells, ("TT", "Nội dung", "Cơ quan chủ trì")):
        cell.text = text
    for cell, text in zip(tasks.rows[1].cells, ("1", "Rà soát văn bản", "Sở Tư pháp")):
        cell.text = text
    return doc


def test_docx_numbering_tables_and_layout(tmp_path):
    path = tmp_path / "quy-che.docx"
    _docx_with_numbering().save(path)
    source = read_file(path)
    assert source.format == "docx"
    assert source.text.splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH CAO BẰNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "QUY CHẾ",
        "Điều 1. Phạm vi điều chỉnh",
        "1. Quy chế này quy định việc phối hợp:",
        "a) Theo dõi thi hành pháp luật;",
        "b) Kiểm tra văn bản.",
        "- dòng gạch đầu",
        "2. Đối tượng áp dụng.",
        "Điều 2. Trách nhiệm thi hành",
        "1. Sở Tư pháp chủ trì.",
        "a) Giao nhiệm vụ:",
        "I. MỤC ĐÍCH",
        "1.1. Mục đích",
        "II. NHIỆM VỤ",
        "2.1. Rà soát",
        "2.2. Tập huấn",
        "| TT | Nội dung | Cơ quan chủ trì |",
        "| 1 | Rà soát văn bản | Sở Tư pháp |",
    ]
    assert source.warnings == ("Word automatic numbering written out as text",)


def test_docx_start_override_restarts_a_list(tmp_path):
    doc = python_docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {_W} w:numId="92"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )
    _numbered(doc, "một", 90, 1)
    _numbered(doc, "hai", 90, 1)
    _numbered(doc, "năm", 92, 1)
    _numbered(doc, "sáu", 92, 1)
    doc.save(tmp_path / "o.docx")
    assert read_file(tmp_path / "o.docx").text.splitlines() == ["1. một", "2. hai", "5. năm", "6. sáu"]


def test_docx_skips_deleted_revisions_and_keeps_footnotes(tmp_path):
    doc = python_docx.Document()
    p = doc.add_paragraph("Căn cứ Luật Tổ chức chính quyền địa phương")
    p._p.append(parse_xml(f'<w:del {_W} w:id="1" w:author="x"><w:r><w:delText>XOÁ</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {_W}><w:footnoteReference w:id="7"/></w:r>'))
    p.add_run(";")
    doc.save(tmp_path / "f.docx")
    _add_footnotes(tmp_path / "f.docx", {"7": "Luật số 77/2015/QH13."})
    assert read_file(tmp_path / "f.docx").text.splitlines() == [
        "Căn cứ Luật Tổ chức chính quyền địa phương1;",
        "",
        "1 Luật số 77/2015/QH13.",
    ]


def _add_footnotes(path: Path, notes: dict[str, str]) -> None:
    """python-docx writes no footnotes part: add one, with its relationship and content type."""
    import zipfile

    body = "".join(
        f'<w:footnote w:id="{k}"><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:footnote>' for k, v in notes.items()
    )
    xml = f'<?xml version="1.0"?><w:footnotes {_W}>{body}</w:footnotes>'
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        (
            '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'footnotes" Target="footnotes.xml"/></Relationships>'
        ),
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["word/footnotes.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


# --- html -----------------------------------------------------------------------------------------
PORTAL_PAGE = """<!DOCTYPE html><html><head><title>Văn bản</title>
<script>var banner = "Điều 99. quảng cáo";</script><style>p { color: red }</style></head>
<body><form id="aspnetForm">
<div class="menu"><ul><li><a href="/a">Trang chủ</a></li><li><a href="/b">Tra cứu văn bản</a></li></ul></div>
<nav>Điều hướng</nav>
<div id="content"><div class="doc">
<table border="0"><tr><td><p><b>ỦY BAN NHÂN DÂN<br>TỈNH CAO BẰNG</b></p></td>
<td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p></td></tr></table>
<p><a name="dieu_1"><b>Điều 1. Phạm vi
điều chỉnh</b></a></p>
<p>1. Quy chế này quy định việc <i>phối hợp</i> giữa các cơ quan trong tỉnh.</p>
<p style="display:none">Nội dung ẩn không hiển thị cho người đọc.</p>
<p>a) Theo dõi thi hành pháp luật trên địa bàn tỉnh;</p>
<table border="1"><tr><th>TT</th><th>Nội dung</th></tr>
<tr><td>1</td><td><p>Rà soát</p><p>văn bản</p></td></tr></table>
<p><a name="dieu_2"><b>Điều 2. Hiệu lực thi hành</b></a></p>
<p>Quy chế này có hiệu lực kể từ ngày ký ban hành.</p>
</div></div>
<div class="related"><p><a href="/x">Văn bản liên quan: Quyết định 12/2020 về một nội dung khác</a></p></div>
<footer>Bản quyền thuộc về cổng thông tin</footer>
</form></body></html>"""


def test_html_content_block_without_banners_scripts_or_hidden_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PORTAL_PAGE.encode("utf-8"))
    assert read_file(path).text.splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH CAO BẰNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Điều 1. Phạm vi điều chỉnh",
        "1. Quy chế này quy định việc phối hợp giữa các cơ quan trong tỉnh.",
        "a) Theo dõi thi hành pháp luật trên địa bàn tỉnh;",
        "| TT | Nội dung |",
        "| 1 | Rà soát văn bản |",
        "Điều 2. Hiệu lực thi hành",
        "Quy chế này có hiệu lực kể từ ngày ký ban hành.",
    ]


def test_html_declared_legacy_charset(tmp_path):
    page = '<html><head><meta charset="windows-1258"></head><body><p>{}</p></body></html>'
    path = tmp_path / "p.htm"
    path.write_bytes(page.encode("ascii").replace(b"{}", to_cp1258(SENTENCE)))
    assert read_file(path).text == SENTENCE + "\n"


# --- pdf ------------------------------------------------------------------------------------------
def test_pdf_text_layer_pages_joined(tmp_path):
    path = tmp_path / "qd.pdf"
    path.write_bytes(
        make_pdf(
            [
                ["Điều 1. Phạm vi điều chỉnh", "Quy chế này quy định việc phối hợp"],
                ["giữa các cơ quan, đơn vị trên địa bàn tỉnh."],
            ]
        )
    )
    source = read_file(path)
    assert source.format == "pdf"
    assert source.text == (
        "Điều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc phối hợp\n\n"
        "giữa các cơ quan, đơn vị trên địa bàn tỉnh.\n"
    )


def test_pdf_with_some_scanned_pages_warns(tmp_path):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf([["Điều 1. Phạm vi điều chỉnh của Quy chế"], None]))
    assert read_file(path).warnings == ("1 of 2 PDF pages have no text layer (scanned?)",)


# --- doc ------------------------------------------------------------------------------------------
def test_doc_goes_through_libreoffice(tmp_path, monkeypatch):
    """A stand-in `soffice` proves the plumbing: arguments, output folder, then the .docx reader."""
    converted = tmp_path / "converted.docx"
    doc = python_docx.Document()
    doc.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    doc.save(converted)
    fake = tmp_path / "soffice"
    fake.write_text(
        f'#!/bin/sh\nwhile [ "$1" != "--outdir" ]; do shift; done\ncp "{converted}" "$2/input.docx"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("VBKB_SOFFICE", str(fake))
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    source = read_file(path)
    assert (source.format, source.text) == ("doc", "Điều 1. Phạm vi điều chỉnh\n")
    assert source.warnings[0] == "converted from .doc by LibreOffice"


# --- the real files of ../shared/formats ----------------------------------------------------------
_ARTICLE = re.compile(r"^(?:#+\s*)?Điều\s+(\d+)\.\s*(.*?)\s*$", re.MULTILINE)


@needs_formats
def test_real_docx_has_the_38_articles_of_the_markdown():
    docx_text = read_file(FORMATS / "nd-30-2020-nd-cp-cong-tac-van-thu.docx").text
    md_text = read_file(FORMATS / "nd-30-2020-nd-cp-cong-tac-van-thu.md").text
    from_docx = _ARTICLE.findall(docx_text)
    assert [int(n) for n, _ in from_docx] == list(range(1, 39))
    assert from_docx == _ARTICLE.findall(md_text)
    assert from_docx[36] == ("37", "Hiệu lực thi hành")
    lines = docx_text.splitlines()
    # The header is a borderless layout table: its cells come out as lines.
    assert lines[:3] == ["CHÍNH PHỦ", "_______", "Số: 30/2020/NĐ-CP"]
    assert "Nguyễn Xuân Phúc" in lines


@needs_formats
def test_real_portal_page_gives_the_law_only():
    source = read_file(FORMATS / "luat-24-2018-qh14-an-ninh-mang.html")
    lines = source.text.splitlines()
    assert lines[:7] == [
        "QUỐC HỘI",
        "--------",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Luật số: 24/2018/QH14",
        "Hà Nội, ngày 12 tháng 6 năm 2018",
    ]
    articles = _ARTICLE.findall(source.text)
    assert [int(n) for n, _ in articles] == list(range(1, 44))
    assert articles[0] == ("1", "Phạm vi điều chỉnh")
    assert lines[-2:] == ["CHỦ TỊCH QUỐC HỘI", "Nguyễn Thị Kim Ngân"]
    for noise in ("THƯ VIỆN PHÁP LUẬT", "Đăng nhập", "Tra cứu", "function(", "Mã số thuế"):
        assert noise not in source.text


def test_docx_articles_numbered_through_chapters(tmp_path):
    """Chapters restart nothing: with lvlRestart 0 the article level counts on across chapters."""
    doc = python_docx.Document()
    doc.part.numbering_part.element.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="93">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
            '<w:lvlText w:val="Chương %1"/>'
            '<w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="Điều %2."/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
        ),
    )
    doc.part.numbering_part.element.append(
        parse_xml(f'<w:num {_W} w:numId="93"><w:abstractNumId w:val="93"/></w:num>')
    )
    for text, level in (("", 0), ("Phạm vi", 1), ("Đối tượng", 1), ("", 0), ("Hiệu lực", 1)):
        _numbered(doc, text, 93, level)
    doc.save(tmp_path / "c.docx")
    assert read_file(tmp_path / "c.docx").text.splitlines() == [
        "Chương I",
        "Điều 1. Phạm vi",
        "Điều 2. Đối tượng",
        "Chương II",
        "Điều 3. Hiệu lực",
    ]


def test_docx_runs_in_legacy_fonts_and_hidden_runs(tmp_path):
    doc = python_docx.Document()
    p = doc.add_paragraph()
    p.add_run("Quy\u00d5t \u00ae\u00denh").font.name = ".VnTime"  # TCVN3 glyphs as Word stores them
    p.add_run(" và ")
    p.add_run("quy che\u00e1").font.name = "VNI-Times"
    hidden = p.add_run(" (ẩn)")
    hidden.font.hidden = True
    doc.add_paragraph().add_run("qu\u00e8c h\u00e9i").font.name = ".VnTimeH"  # the capitals-only twin
    doc.save(tmp_path / "legacy.docx")
    source = read_file(tmp_path / "legacy.docx")
    assert source.text.splitlines() == ["Quyết định và quy chế", "QUỐC HỘI"]
    assert source.warnings == ("3 run(s) in legacy TCVN3/VNI fonts converted to Unicode",)


def test_html_declared_latin1_over_vni_bytes(tmp_path):
    """Old pages declare ISO-8859-1 and set the text in a VNI font: the bytes decide."""
    vni = next(e[1] for e in ENCODED if e[0] == "VNI-Windows")
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
    path = tmp_path / "old.htm"
    path.write_bytes(page + b'<body><p><font face="VNI-Times">' + vni + b"</font></p></body></html>")
    source = read_file(path)
    assert source.text == SENTENCE + "\n"
    assert "VNI" in source.warnings[0]


def test_doc_conversion_that_hangs_is_stopped(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("VBKB_SOFFICE", str(fake))
    monkeypatch.setenv("VBKB_CONVERT_TIMEOUT_S", "1")
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ParseError, match="took over 1 s"):
        read_file(path)


def test_strict_ooxml_docx(tmp_path):
    import zipfile

    doc = python_docx.Document()
    doc.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    doc.save(tmp_path / "t.docx")
    with zipfile.ZipFile(tmp_path / "t.docx") as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    with zipfile.ZipFile(tmp_path / "strict.docx", "w") as zf:
        for name, data in parts.items():
            zf.writestr(
                name,
                data.replace(
                    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
                ),
            )
    assert read_file(tmp_path / "strict.docx").text == "Điều 1. Phạm vi điều chỉnh\n"


def test_utf8_with_one_broken_byte_keeps_its_text():
    raw = "Quyết ".encode() + b"\xff" + SENTENCE[6:].encode()  # "Quyết " is 8 bytes: ế takes three
    decoded = decode(raw)
    assert decoded.text == "Quyết \ufffd" + SENTENCE[6:]
    assert decoded.warnings == ("1 undecodable byte(s) replaced, the first at offset 8",)


def test_html_list_labels_are_written_out(tmp_path):
    page = (
        "<html><body><p>Điều 3. Nguyên tắc phối hợp giữa các cơ quan</p><ol><li>Tuân thủ pháp luật;</li>"
        "<li>Kịp thời<ol type='a' start='2'><li>hiệu quả;</li></ol></li></ol>"
        "<ul><li>một dòng gạch đầu dòng</li></ul></body></html>"
    )
    path = tmp_path / "l.html"
    path.write_text(page, encoding="utf-8")
    assert read_file(path).text.splitlines() == [
        "Điều 3. Nguyên tắc phối hợp giữa các cơ quan",
        "1. Tuân thủ pháp luật;",
        "2. Kịp thời",
        "b. hiệu quả;",
        "- một dòng gạch đầu dòng",
    ]


def test_docx_heading_styles_linked_to_numbering(tmp_path):
    """Headings numbered through their style: the style names the list, the list level names the style."""
    doc = python_docx.Document()
    doc.part.numbering_part.element.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="94">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="Heading1"/><w:numFmt w:val="upperRoman"/>'
            '<w:lvlText w:val="Chương %1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:pStyle w:val="Heading2"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %2."/></w:lvl></w:abstractNum>'
        ),
    )
    doc.part.numbering_part.element.append(
        parse_xml(f'<w:num {_W} w:numId="94"><w:abstractNumId w:val="94"/></w:num>')
    )
    for style in ("Heading 1", "Heading 2"):
        doc.styles[style].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {_W}><w:numId w:val="94"/></w:numPr>')
        )
    doc.add_heading("QUY ĐỊNH CHUNG", 1)
    doc.add_heading("Phạm vi", 2)
    doc.add_paragraph("Quy chế này quy định.")
    doc.add_heading("TỔ CHỨC THỰC HIỆN", 1)
    doc.add_heading("Hiệu lực", 2)
    doc.save(tmp_path / "h.docx")
    assert read_file(tmp_path / "h.docx").text.splitlines() == [
        "Chương I. QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi",
        "Quy chế này quy định.",
        "Chương II. TỔ CHỨC THỰC HIỆN",
        "Điều 2. Hiệu lực",
    ]


_LINE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạếềểễệốồổỗộớờởỡợứừửữựÁÀĐƯƠ .,;:()/-", max_size=60)


@settings(derandomize=True, max_examples=10, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_docx_and_html_lose_no_words(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("words")
    doc = python_docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(folder / "w.docx")
    (folder / "w.html").write_text(
        "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>", encoding="utf-8"
    )
    words = " ".join(lines).split()
    if not words:
        return
    for name in ("w.docx", "w.html"):
        assert read_file(folder / name).text.split() == words


def test_a_borderless_task_grid_is_still_a_table(tmp_path):
    rows = [
        ("TT", "Nội dung", "Chủ trì"),
        ("1", "Rà soát", "Sở Tư pháp"),
        ("2", "Tập huấn", "Sở Nội vụ"),
        ("3", "Báo cáo", "Văn phòng"),
    ]
    expected = [
        "| TT | Nội dung | Chủ trì |",
        "| 1 | Rà soát | Sở Tư pháp |",
        "| 2 | Tập huấn | Sở Nội vụ |",
        "| 3 | Báo cáo | Văn phòng |",
    ]
    doc = python_docx.Document()
    table = doc.add_table(rows=4, cols=3)  # no style, no borders
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    doc.save(tmp_path / "grid.docx")
    assert read_file(tmp_path / "grid.docx").text.splitlines() == expected
    page = (
        "<table>" + "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in rows) + "</table>"
    )
    (tmp_path / "grid.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    assert read_file(tmp_path / "grid.html").text.splitlines() == expected


_MHT = (
    'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n--B\r\n'
    'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
    "<html><body><p>=C4=90i=E1=BB=81u 1. Ph=E1=BA=A1m vi =C4=91i=E1=BB=81u ch=E1=BB=89nh</p></body></html>"
    "\r\n--B--\r\n"
)


def test_docx_wrapping_an_mht_or_html_chunk(tmp_path):
    """Portals' "Word" downloads: a document.xml that only points at an HTML or MHT part (w:altChunk)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    doc = python_docx.Document()
    doc.add_paragraph("QUYẾT ĐỊNH")
    chunk_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
    for name, content_type, data in (
        ("/word/afchunk.mht", "message/rfc822", _MHT.encode("ascii")),
        ("/word/chunk2.htm", "text/html", "<html><body><p>Điều 2. Hiệu lực</p></body></html>".encode()),
    ):
        rid = doc.part.relate_to(Part(PackURI(name), content_type, data, doc.part.package), chunk_type)
        doc.element.body.append(
            parse_xml(
                f'<w:altChunk {_W} r:id="{rid}" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
            )
        )
    doc.save(tmp_path / "portal.docx")
    assert read_file(tmp_path / "portal.docx").text.splitlines() == [
        "QUYẾT ĐỊNH",
        "Điều 1. Phạm vi điều chỉnh",
        "Điều 2. Hiệu lực",
    ]


@pytest.mark.parametrize("name", ["trang.mht", "van-ban.doc"])
def test_web_archive_files_read_as_html(tmp_path, name):
    """A saved page (.mht), or one a portal serves under a .doc name, is HTML inside a MIME message."""
    path = tmp_path / name
    path.write_bytes(_MHT.encode("ascii"))
    source = read_file(path)
    assert (source.format, source.text) == ("html", "Điều 1. Phạm vi điều chỉnh\n")


def test_a_legacy_body_under_a_unicode_header_is_converted():
    vni_body = next(e[1] for e in ENCODED if e[0] == "VNI-Windows").decode("cp1252")
    text = "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nSố: 03/2022/QĐ-UBND\n" + vni_body + "\n" + vni_body
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == f"ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nSố: 03/2022/QĐ-UBND\n{SENTENCE}\n{SENTENCE}"
    assert decoded.warnings == ("text typed in the VNI-Windows font encoding: converted to Unicode",)


def test_pdf_set_in_a_tcvn3_font_is_converted(tmp_path):
    tcvn3 = next(e[1] for e in ENCODED if e[0] == "TCVN3 (ABC)").decode("cp1252")
    path = tmp_path / "old.pdf"
    path.write_bytes(make_pdf([[tcvn3, tcvn3]]))
    source = read_file(path)
    assert source.text == f"{SENTENCE}\n{SENTENCE}\n"
    assert source.warnings == ("text typed in the TCVN3 (ABC) font encoding: converted to Unicode",)


def _articles_page(chapters: list[list[int]], sidebar: str) -> str:
    blocks = "".join(
        "<div class='chuong'>"
        + "".join(
            f"<p>Điều {n}. Nội dung điều {n}</p>"
            f"<p>1. Các cơ quan, đơn vị thực hiện điều {n} theo quy định.</p>"
            for n in arts
        )
        + "</div>"
        for arts in chapters
    )
    return f"<html><body><div id='page'><div id='doc'>{blocks}</div>{sidebar}</div></body></html>"


@pytest.mark.parametrize("split", [False, True])
def test_html_block_widens_to_a_split_document_but_not_to_a_sidebar(tmp_path, split):
    sidebar = (
        "<div class='hoi-dap'><p>Điều 5. Câu hỏi thường gặp của bạn đọc</p>"
        "<p>Điều 9. Văn bản mới nhất trong tuần này</p></div>"
    )
    chapters = [[1, 2, 3, 4], [5, 6]] if split else [[1, 2, 3, 4, 5, 6]]
    path = tmp_path / "p.html"
    path.write_text(_articles_page(chapters, sidebar), encoding="utf-8")
    text = read_file(path).text
    assert re.findall(r"(?m)^Điều (\d+)\.", text) == ["1", "2", "3", "4", "5", "6"]
    assert "Câu hỏi thường gặp" not in text
