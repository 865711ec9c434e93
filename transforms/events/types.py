"""The event types and what each does: ``event_types.tsv``, beside this module.

Per-type behaviour is a column of the table, not a branch in the code: which types are
reciprocal, which take a recipient or an origin as an argument, which are speech acts,
which may act on things, which are alleged when named as a charge.
Each type also maps to CAMEO and GDELT's QuadClass, so events join GDELT's tables.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from transforms.lang import read_tsv


@dataclass(frozen=True)
class EventType:
    name: str
    cameo_root: str | None
    quad_class: int | None
    reciprocal: bool  # "Putin und Kim trafen sich": the second subject is actor2
    recipient: bool  # a recipient PP names actor2 ("Lieferung an Russland")
    origin_actor: bool  # an origin PP names actor1 ("Lieferungen aus Nordkorea")
    speech_act: bool  # the speaker is actor1 and source; the event carries the quote
    thing_target: bool = False  # actor2 may be a thing or place, not only an actor
    chargeable: bool = False  # named as a charge ("wegen Mordes ermittelt"), it is alleged


@functools.lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """Every type, in the table's order."""
    out = {}
    for name, root, quad, reciprocal, recipient, origin, speech, thing, charge, *_ in \
            read_tsv(__package__, "event_types.tsv"):
        out[name] = EventType(name, root or None, int(quad) if quad else None,
                              reciprocal == "yes", recipient == "yes", origin == "yes",
                              speech == "yes", thing == "yes", charge == "yes")
    return out
