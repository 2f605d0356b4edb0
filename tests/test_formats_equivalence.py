"""The same document in every format gives the same tree.

The Cao Bằng 2026 draft Quy chế (corpus/) is written out by the test as Markdown, as a Word file whose
"Điều N." labels come from Word's automatic numbering, as a portal-style HTML page and as Windows-1258
bytes; each must parse to the tree of the original .txt. The real .docx and .md of Nghị định 30/2020
must give the same 38 articles with the same headings and clause counts.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import docx as python_docx
import pytest
from docx.oxml import parse_xml

from parsers import parse_file
from parsers.normalise import normalise
from parsers.readers.encodings import to_cp1258

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
FORMATS = ROOT / ".." / "shared" / "formats"

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_ARTICLE = re.compile(r"^Điều\s+(\d+)\.\s*(.*)$")
_CHAPTER = re.compile(r"^Chương\s+[IVXLC]+\b")


def _lines() -> list[str]:
    return [line.strip() for line in DRAFT.read_text(encoding="utf-8").splitlines()]


def _markdown(lines: list[str]) -> str:
    """As a converter writes it: "##" chapters and their titles, "###" articles, bold document title."""
    out, after_chapter = [], False
    for line in lines:
        if _CHAPTER.match(line):
            out.append(f"## {line}")
            after_chapter = True
            continue
        if after_chapter and line:
            out.append(f"## {line}")
        elif _ARTICLE.match(line):
            out.append(f"### {line}")
        elif line == "QUY CHẾ":
            out.append(f"**{line}**")
        else:
            out.append(line)
        after_chapter = after_chapter and not line
    return "\n".join(out) + "\n"


def _docx(lines: list[str], path: Path) -> None:
    doc = python_docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="70"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %1."/><w:suff w:val="space"/>'
            "</w:lvl></w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {_W} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    for line in lines:
        article = _ARTICLE.match(line)
        p = doc.add_paragraph()
        if article:
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {_W}><w:ilvl w:val="0"/><w:numId w:val="70"/></w:numPr>')
            )
            p.add_run(article.group(2)).bold = True
        elif _CHAPTER.match(line) or line.isupper():
            p.add_run(line).bold = True
        else:
            p.add_run(line)
    doc.save(path)


def _html(lines: list[str]) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" if line else "<p>&nbsp;</p>" for line in lines)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Dự thảo</title>"
        "<script>var x = 'Điều 99. Quảng cáo';</script></head><body>"
        "<div class='menu'><ul><li><a href='/'>Trang chủ</a></li>"
        "<li><a href='/vb'>Văn bản</a></li></ul></div>"
        f"<div class='noi-dung'>{body}</div>"
        "<div class='footer'><p><a href='/lh'>Liên hệ cổng thông tin điện tử tỉnh</a></p></div></body></html>"
    )


def _words(text: str | None) -> str:
    """Line breaks are layout, not content: a Markdown paragraph or a Word paragraph may hold what
    the .txt spreads over several lines."""
    return normalise(" ".join((text or "").split()))


def _tree(nodes) -> tuple:
    return tuple((n.kind, n.num, _words(n.heading), _words(n.text), _tree(n.children)) for n in nodes)


def _shape(result) -> tuple:
    return tuple((d.doc_type, d.number, _words(d.title), _tree(d.nodes)) for d in result.documents)


@functools.cache
def _variants(folder: str) -> dict[str, Path]:
    tmp = Path(folder)
    lines = _lines()
    paths = {"txt": DRAFT}
    paths["md"] = tmp / "draft.md"
    paths["md"].write_text(_markdown(lines), encoding="utf-8")
    paths["docx"] = tmp / "draft.docx"
    _docx(lines, paths["docx"])
    paths["html"] = tmp / "draft.html"
    paths["html"].write_text(_html(lines), encoding="utf-8")
    paths["cp1258"] = tmp / "draft-cp1258.txt"
    paths["cp1258"].write_bytes(to_cp1258("\n".join(lines) + "\n"))
    return paths


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Path]:
    return _variants(str(tmp_path_factory.mktemp("formats")))


@pytest.fixture(scope="module")
def reference(variants):
    return _shape(parse_file(variants["txt"]))


def test_the_draft_has_its_14_articles(reference):
    (quy_che,) = reference
    articles = [n for n in quy_che[3] if n[0] == "dieu"] + [
        a for chapter in quy_che[3] if chapter[0] == "chuong" for a in chapter[4] if a[0] == "dieu"
    ]
    assert [a[1] for a in articles] == [str(i) for i in range(1, 15)]
    assert articles[0][2] == "Phạm vi điều chỉnh"
    assert articles[13][2] == "Điều khoản thi hành"


@pytest.mark.parametrize("fmt", ["md", "docx", "html", "cp1258"])
def test_every_format_gives_the_tree_of_the_txt(variants, reference, fmt):
    result = parse_file(variants[fmt])
    assert result.format == ("txt" if fmt == "cp1258" else fmt)
    assert _shape(result) == reference


def test_the_docx_articles_come_from_automatic_numbering(variants):
    from parsers import read_file

    source = read_file(variants["docx"])
    assert "Word automatic numbering written out as text" in source.warnings
    assert re.findall(r"(?m)^Điều (\d+)\. ", source.text) == [str(i) for i in range(1, 15)]


# --- Nghị định 30/2020 as the Government's .docx and a third party's Markdown -----------------------
@pytest.mark.skipif(not FORMATS.is_dir(), reason="../shared/formats absent")
def test_nd30_docx_and_md_give_the_same_38_articles():
    def articles(name: str) -> list[tuple[str, str, int]]:
        result = parse_file(FORMATS / name)
        doc = result.documents[-1]
        return [
            (n.num, _words(n.heading), sum(1 for c in n.children if c.kind == "khoan"))
            for n in doc.walk()
            if n.kind == "dieu"
        ]

    from_docx = articles("nd-30-2020-nd-cp-cong-tac-van-thu.docx")
    from_md = articles("nd-30-2020-nd-cp-cong-tac-van-thu.md")
    assert [a[0] for a in from_docx] == [str(i) for i in range(1, 39)]
    assert from_docx == from_md
    # Read from the decree itself: Điều 1 has no clauses, Điều 2 two, Điều 38 two.
    assert from_docx[0] == ("1", "Phạm vi điều chỉnh", 0)
    assert from_docx[1] == ("2", "Đối tượng áp dụng", 2)
    assert from_docx[37] == ("38", "Trách nhiệm thi hành", 2)
