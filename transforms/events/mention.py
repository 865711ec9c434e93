"""What the event stages hand each other: triggers, arguments, quotes, and the event."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.entities.canonical import Entity
from transforms.events.timex import TimeExpression
from transforms.events.types import EventType


@dataclass(frozen=True)
class Argument:
    """An actor, place or source: its words in the text and the entity it names."""
    text: str
    start: int
    end: int
    entity: Entity | None = None
    tokens: frozenset = frozenset()

    @classmethod
    def of_span(cls, span: Span, entity: Entity | None) -> "Argument":
        return cls(span.text, span.start_char, span.end_char, entity,
                   frozenset(range(span.start, span.end)))

    def row(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "entity_key": self.entity.key if self.entity else None,
                "canonical_name": self.entity.canonical_name if self.entity else None,
                "label": self.entity.label if self.entity else None}


@dataclass(frozen=True)
class Trigger:
    """A lexicon word in a sentence: what happens (stage 1's output)."""
    token: Token
    lemma: str
    type: EventType
    mode: str
    particle: Token | None = None  # a separated particle that made the lemma ("ab")


@dataclass(frozen=True)
class Roles:
    """Who acts and on whom (stage 2's output); ``fallback`` when the nearest entities
    stood in for a parse that gave none."""
    actor1: Argument | None
    actor2: Argument | None
    fallback: bool = False


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    kind: str  # direct | indirect


@dataclass(frozen=True)
class EventMention:
    """One event, as the stages found it (turned into an ``events`` row by rows.py)."""
    trigger: Trigger
    roles: Roles
    source: Argument | None
    quote: Quote | None
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
