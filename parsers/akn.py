"""A document as Akoma Ntoso 3.0 XML (`kb parse FILE --akn`).

Normative documents become an `act`: `meta/identification` (FRBR Work / Expression / Manifestation),
`preface` (type, number, title, date), `preamble` (the "Căn cứ" citations), `body` with
part/chapter/section(Mục)/article/paragraph/point carrying the tree's own eIds, and `conclusions` (signer).
Plans and prose become a `doc` whose `mainBody` holds the same eIds in `hcontainer`s / `p`s.
"""

from __future__ import annotations

import re

from lxml import etree

from parsers.model import Document, Node
from parsers.normalise import strip_diacritics

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = f"{{{NS}}}"
_ELEMENT = {"phan": "part", "chuong": "chapter", "muc": "section", "dieu": "article", "khoan": "paragraph",
            "diem": "point"}
_LABEL = {"phan": "Phần {}", "chuong": "Chương {}", "muc": "Mục {}", "dieu": "Điều {}.", "khoan": "{}.",
          "diem": "{})", "section": "{}.", "item": "{}.", "subitem": "{}.", "bullet": "-", "paragraph": ""}
_SLUG = re.compile(r"[^a-z0-9]+")


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, _E + tag, {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text:
        node.text = text
    return node


def _slug(text: str) -> str:
    return _SLUG.sub("-", strip_diacritics(text).lower()).strip("-") or "x"


def _frbr(meta: etree._Element, doc: Document, kind: str) -> None:
    ident = _el(meta, "identification", source="#vbkb")
    date = doc.date or "9999-01-01"
    work = f"/akn/vn/{kind}/{date}/{_slug(doc.number or doc.title or doc.doc_type)}"
    levels = (("FRBRWork", work), ("FRBRExpression", f"{work}/vie@"), ("FRBRManifestation", f"{work}/vie@/.akn"))
    for level, uri in levels:
        block = _el(ident, level)
        _el(block, "FRBRthis", value=f"{uri}/main")
        _el(block, "FRBRuri", value=uri)
        _el(block, "FRBRdate", date=date, name="issued" if doc.date else "unknown")
        _el(block, "FRBRauthor", href="#issuer")
        if level == "FRBRWork":
            _el(block, "FRBRcountry", value="vn")
            if doc.number:
                _el(block, "FRBRnumber", value=doc.number)
            _el(block, "FRBRname", value=doc.doc_type)
        if level == "FRBRExpression":
            _el(block, "FRBRlanguage", language="vie")
    refs = _el(meta, "references", source="#vbkb")
    _el(refs, "TLCOrganization", eId="issuer", href=f"/akn/ontology/organization/vn/{_slug(doc.issuer or 'unknown')}",
        showAs=doc.issuer or "")
    if doc.signer:
        _el(refs, "TLCPerson", eId="signer", href=f"/akn/ontology/person/vn/{_slug(doc.signer)}", showAs=doc.signer)


def _preface(root: etree._Element, doc: Document) -> None:
    preface = _el(root, "preface")
    _el(_el(preface, "p"), "docType", doc.doc_type)
    if doc.number:
        _el(_el(preface, "p"), "docNumber", doc.number)
    if doc.title:
        _el(_el(preface, "p"), "docTitle", doc.title)
    if doc.date:
        _el(_el(preface, "p"), "docDate", doc.date, date=doc.date)


def _preamble(root: etree._Element, doc: Document) -> None:
    if not doc.bases:
        return
    citations = _el(_el(root, "preamble"), "citations")
    for basis in doc.bases:
        _el(_el(citations, "citation"), "p", basis)


def _paragraphs(parent: etree._Element, text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            _el(parent, "p", line)


def _node(parent: etree._Element, node: Node) -> None:
    tag = _ELEMENT.get(node.kind, "hcontainer")
    attrs = {"eId": node.eid}
    if tag == "hcontainer":
        attrs["name"] = node.kind
    el = _el(parent, tag, **attrs)
    label = _LABEL[node.kind].format(node.num or "").strip()
    if label:
        _el(el, "num", label)
    if node.heading:
        _el(el, "heading", node.heading)
    if node.children:
        if node.text.strip():
            _paragraphs(_el(el, "intro"), node.text)
        for child in node.children:
            _node(el, child)
    else:
        _paragraphs(_el(el, "content"), node.text or " ")


def _conclusions(root: etree._Element, doc: Document) -> None:
    if not (doc.signer or doc.signer_capacity):
        return
    p = _el(_el(root, "conclusions"), "p")
    if doc.signer_capacity:
        _el(p, "role", doc.signer_capacity, refersTo="#signer")
    if doc.signer:
        _el(p, "person", doc.signer, refersTo="#signer")


def to_akn(doc: Document) -> bytes:
    normative = doc.structure == "normative"
    root = etree.Element(_E + "akomaNtoso", nsmap={None: NS})
    kind = "act" if normative else "doc"
    top = _el(root, kind, name=_slug(doc.doc_type))
    _frbr(_el(top, "meta"), doc, kind)
    _preface(top, doc)
    _preamble(top, doc)
    body = _el(top, "body" if normative else "mainBody")
    for node in doc.nodes:
        _node(body, node)
    if not doc.nodes:
        _el(body, "p", " ")
    _conclusions(top, doc)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
