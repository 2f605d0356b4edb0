"""Akoma Ntoso output: well-formed XML in the AKN 3.0 namespace, FRBR identification, the tree's eIds."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from parsers import parse_text, to_akn

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def akn(name: str, index: int = -1) -> tuple[etree._Element, object]:
    path = CORPUS / name
    doc = parse_text(path.read_text(encoding="utf-8-sig"), fmt=path.suffix[1:]).documents[index]
    return etree.fromstring(to_akn(doc), SAFE), doc


def test_regulation_as_act() -> None:
    root, doc = akn("cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md")
    assert root.tag == f"{{{NS['a']}}}akomaNtoso"
    act = root.find("a:act", NS)
    assert act is not None
    assert act.find("a:meta/a:identification/a:FRBRWork/a:FRBRcountry", NS).get("value") == "vn"
    assert act.find("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "vie"
    assert act.find("a:preface//a:docTitle", NS).text.startswith("Phối hợp trong công tác theo dõi")
    chapters = act.findall("a:body/a:chapter", NS)
    assert [c.get("eId") for c in chapters] == ["chp_I", "chp_II", "chp_III"]
    assert [a.get("eId") for a in act.iterfind(".//a:article", NS)] == [f"art_{i}" for i in range(1, 14)]
    point = act.find(".//a:point[@eId='art_4__para_4__point_đ']", NS)
    assert point is not None and point.find("a:num", NS).text == "đ)"
    assert "".join(point.itertext()).strip().endswith("Kinh phí thực hiện kế hoạch.")
    # the XML carries exactly the tree's eIds
    assert {e.get("eId") for e in act.iterfind(".//a:body//*[@eId]", NS)} == {n.eid for n in doc.walk()}


def test_decision_preamble_and_signature() -> None:
    root, _ = akn("cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md", 0)
    act = root.find("a:act", NS)
    assert act.find("a:meta//a:FRBRWork/a:FRBRnumber", NS).get("value") == "03/2022/QĐ-UBND"
    assert act.find("a:preface//a:docNumber", NS).text == "03/2022/QĐ-UBND"
    assert act.find("a:preface//a:docDate", NS).get("date") == "2022-01-13"
    assert len(act.findall("a:preamble/a:citations/a:citation", NS)) == 4
    assert act.find("a:conclusions//a:person", NS).text == "Hoàng Xuân Ánh"


@pytest.mark.parametrize("name", ["son-la-2026-ke-hoach-van-phong-ubnd-theo-doi-thi-hanh-vbqppl.txt",
                                  "bac-giang-2021-ke-hoach-thuc-hien-chi-thi-06-ct-tu.txt"])
def test_plan_as_doc(name: str) -> None:
    root, doc = akn(name)
    body = root.find("a:doc/a:mainBody", NS)
    assert body is not None
    assert {e.get("eId") for e in body.iter() if e.get("eId")} == {n.eid for n in doc.walk()}
    assert body[0].get("name") == "section" and body[0].get("eId") == "sec_I"
