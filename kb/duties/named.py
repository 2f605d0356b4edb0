"""The actors a document names, for the `actors` table `kb build` fills: every mention the registry and the
body grammar find (`actors.Registry.mentions`), and the bodies only a heading or a lead line names
(`bearers.bearer_line`), so that every bearer a duty carries has its printed name stored."""

from __future__ import annotations

from kb.duties.actors import Actor, Registry, document_registry, document_text, dynamic_actor
from kb.duties.bearers import bearer_line


def document_actors(result: object, doc: object) -> list[Actor]:
    """The actors a document names (the hook `kb build` stores in the `actors` table), first mention first,
    including bodies the document defines itself and bodies the actor list lacks, recognised by their form
    where a bearer stands (`Registry.mentions`)."""
    from parsers.model import Document

    assert isinstance(doc, Document)
    text = document_text(doc)
    registry = document_registry(doc, text)
    seen: dict[str, Actor] = {}
    for mention in registry.mentions(text):
        for actor_id in mention.ids:
            if actor_id in seen:
                continue
            if actor_id in registry.actors:
                seen[actor_id] = registry.actors[actor_id]
            else:
                actor = dynamic_actor(mention.text)
                if actor.id == actor_id:
                    seen[actor_id] = actor
    for actor in _heading_bearers(doc, registry):
        seen.setdefault(actor.id, actor)
    return list(seen.values())


def _heading_bearers(doc: object, registry: Registry) -> list[Actor]:
    """Bodies the list lacks that only a heading or a lead line names ("Điều 6. Nghĩa vụ của cán bộ, công
    chức", "Trách nhiệm của đối tượng thực hiện kiểm kê:"), as `bearers.bearer_line` reads them, so that
    every bearer a duty carries has its name in the `actors` table."""
    out: list[Actor] = []
    for node in doc.walk():  # type: ignore[attr-defined]
        leads = [p.strip() for p in (node.text or "").split("\n") if p.strip().endswith(":")]
        for line, heading in [(node.heading, True)] * bool(node.heading) + [(p, False) for p in leads]:
            found = bearer_line(line, registry, heading=heading)
            out.extend(found.described if found else ())
    return out
