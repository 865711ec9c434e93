"""Arguments linked to the article's entities: the index every event stage reads."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from transforms.entities.canonical import Entity
from transforms.events.mention import Argument
from transforms.events.tokens import is_common_noun
from transforms.lang import de
from transforms.nlp.syntax import APPOS, FLAT, GEN, Syntax, noun_phrase


class Linker:
    """The article's entity mentions by token, and words turned into arguments."""

    def __init__(self, doc: Doc, entities: list[Entity], syntax: Syntax):
        self.doc = doc
        self.syntax = syntax
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
            return self._named_head_after_genitive(start, end) or self.mention(token.i)
        phrase = noun_phrase(token)
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

    def _named_head_after_genitive(self, start: int, end: int) -> Argument | None:
        """A prenominal genitive never heads its phrase: in "Nordkoreas Machthaber Kim
        Jong Un" the referent is the name that follows the head noun, whatever the parse
        attached to what."""
        if not de.looks_genitive(self.doc[end - 1].text) or end + 1 >= len(self.doc):
            return None
        head = self.doc[end]
        if not is_common_noun(head) or head.i in self.entity_at:
            return None
        name = self.entity_at.get(end + 1)
        if name is None or name.label != "PER":
            return None
        return self.mention(end + 1)
