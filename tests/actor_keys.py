"""How the duty tests write an expected bearer: a registry id as it is, a printed name (a body the actor list
lacks) as the id of the actor it becomes."""

from __future__ import annotations

from kb.duties.actors import dynamic_actor, load_registry


def actor_key(name: str) -> str:
    return name if name in load_registry().actors else dynamic_actor(name).id
