"""What the event stages hand each other: triggers, roles, and the event."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.coref.linking import Argument
from transforms.events.timex import TimeExpression
from transforms.events.types import EventType
from transforms.quotes.model import Quotation


@dataclass(frozen=True)
class Trigger:
    """A lexicon word in a sentence: what happens (stage 1's output)."""
    token: Token
    lemma: str
    type: EventType
    mode: str
    particle: Token | None = None  # a separated particle that made the lemma ("ab")
    constraints: tuple[str, ...] = ()  # its lexicon row's (``senses``)
    verbal: bool = True  # a verb (also one a weak tagger tagged otherwise), not a noun


@dataclass(frozen=True)
class Roles:
    """Who acts and on whom (stage 2's output); ``fallback`` when the nearest entities
    stood in for a parse that gave none."""
    actor1: Argument | None
    actor2: Argument | None
    fallback: bool = False


@dataclass(frozen=True)
class EventMention:
    """One event, as the stages found it (turned into an ``events`` row by rows.py)."""
    trigger: Trigger
    roles: Roles
    source: Argument | None
    quote: Quotation | None  # the quotation a speech act introduces
    location: Argument | None
    time: TimeExpression | None
    modality: str
    sentence: Span
    sentence_index: int


def tokens_of(*arguments: Argument | None) -> set[int]:
    used: set[int] = set()
    for arg in arguments:
        if arg is not None:
            used |= arg.tokens
    return used
