"""Words turned into arguments: who or what a phrase names, linked to the article's entities.

The index every extractor reads: an entity mention's tokens, the mention a token is part
of, and :meth:`Linker.link`, which turns a word (the head of a subject, an object, a
speaker's phrase) into an :class:`Argument`: its own words in the text, and the entity it
is, contains, or (a pronoun or a role noun, through coreference) refers to.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms.coref.resolver import Coreference
from transforms.entities.canonical import Entity
from transforms.lang import de
from transforms.nlp.syntax import APPOS, FLAT, GEN, Syntax, noun_phrase

_NOUN_TAG = de.TAGS["noun"]


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


class Linker:
    """The article's entity mentions by token, and words turned into arguments."""

    def __init__(self, doc: Doc, entities: list[Entity], syntax: Syntax,
                 coref: Coreference | None = None):
        self.doc = doc
        self.syntax = syntax
        self.coref = coref
        self.entity_at: dict[int, Entity] = {}
        self.mention_span: dict[int, tuple[int, int]] = {}
        for entity in entities:
            for m in entity.mentions:
                for i in range(m.token_start, m.token_end):
                    self.entity_at[i] = entity
                    self.mention_span[i] = (m.token_start, m.token_end)
        self.places = {e.canonical_name: e for e in entities if e.label == "LOC"}

    def mention(self, i: int) -> Argument:
        """The whole entity mention that token ``i`` is part of."""
        start, end = self.mention_span[i]
        return Argument.of_span(self.doc[start:end], self.entity_at[i])

    def link(self, token: Token) -> Argument:
        """An argument: the entity the token is part of, or the nearest one in its noun
        phrase (appositions and names first), else the noun phrase as text."""
        if token.i in self.entity_at:
            start, end = self.mention_span[token.i]
            return self._named_head_after_genitive(start, end) or \
                self._name_after_title(start, end) or self.mention(token.i)
        phrase = noun_phrase(token)
        referent = self.coref.antecedent(token) if self.coref is not None else None
        if referent is not None:  # "er", "der Präsident": the words kept, the entity found
            return Argument.of_span(phrase, referent)
        role = self.syntax.role
        inside = [c.i for c in token.children
                  if c.i in self.entity_at and role(c) in (APPOS, FLAT)]
        inside = inside or [i for i in range(phrase.start, phrase.end) if i in self.entity_at]
        if not inside:
            inside = [t.i for t in token.subtree if t.i in self.entity_at
                      and role(t) in (APPOS, FLAT, GEN, None)]
        if inside:
            return self.mention(min(inside, key=lambda i: abs(i - token.i)))
        return Argument.of_span(phrase, None)

    def names_entity(self, token: Token) -> bool:
        return self.link(token).entity is not None

    def _name_after_title(self, start: int, end: int) -> Argument | None:
        """"US-Außenminister John Kerry" with the title tagged a name of its own: the
        person the title introduces, not the title."""
        if self.entity_at[start].label == "PER" or end >= len(self.doc) or \
                not de.PERSON_TITLE.search(self.doc[end - 1].lower_):
            return None
        name = self.entity_at.get(end)
        return self.mention(end) if name is not None and name.label == "PER" else None

    def _named_head_after_genitive(self, start: int, end: int) -> Argument | None:
        """A prenominal genitive never heads its phrase: in "Nordkoreas Machthaber Kim
        Jong Un" the referent is the name that follows the head noun, whatever the parse
        attached to what."""
        if not de.looks_genitive(self.doc[end - 1].text) or end + 1 >= len(self.doc):
            return None
        head = self.doc[end]
        if not (head.pos_ == "NOUN" or head.tag_ == _NOUN_TAG) or head.i in self.entity_at:
            return None
        name = self.entity_at.get(end + 1)
        if name is None or name.label != "PER":
            return None
        return self.mention(end + 1)
