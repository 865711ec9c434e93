"""The resolver: one per article, built once, asked per token."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from transforms.entities.canonical import Entity, sentence_index
from transforms.lang import de
from transforms.nlp.syntax import APPOS, SUBJ, Syntax

_PERSON_NOUNS = tuple(de.words("coref_person_nouns") | de.words("person_titles"))
_ORG_NOUNS = tuple(de.words("coref_org_nouns"))
_PLACE_NOUNS = tuple(de.words("coref_place_nouns"))
_PRONOUNS = de.words("referring_pronouns")
_PRONOUN_FEATURES = de.lookup("pronoun_features")
_DEFINITE_ARTICLES = de.words("definite_articles")
_PRONOUN_WINDOW = 3  # sentences back a pronoun looks for its antecedent
_NOUN_WINDOW = 8  # sentences back a role noun looks (titles: the whole article)


@dataclass(frozen=True)
class _Mention:
    entity: Entity
    start: int  # tokens
    end: int
    sentence: int
    subject: bool


class Coreference:
    def __init__(self, doc: Doc, entities: list[Entity], syntax: Syntax):
        self.doc, self.syntax = doc, syntax
        self._sentence = sentence_index(doc)
        self._mentions: list[_Mention] = []
        self._titles: dict[str, Entity] = {}  # role noun -> the person it introduced
        self._gender: dict[int, str | None] = {}
        for entity in entities:
            votes = []
            for m in entity.mentions:
                head = doc[m.token_start]
                self._mentions.append(_Mention(entity, m.token_start, m.token_end, m.sentence,
                                               self._is_subject(doc[m.token_start:m.token_end])))
                title = self._title_of(m.token_start, m.token_end)
                if title is not None:
                    votes += title.morph.get("Gender") * 2
                    if entity.label == "PER":
                        self._titles.setdefault(title.lower_, entity)
                votes += head.morph.get("Gender") if entity.label == "PER" else []
            genders = [g for g in ("Masc", "Fem") if g in votes]
            self._gender[id(entity)] = (max(genders, key=votes.count)
                                        if genders and votes.count("Masc") != votes.count("Fem")
                                        else None)
        self._mentions.sort(key=lambda m: m.start)
        self._memo: dict[int, Entity | None] = {}
        self._possessors: dict[int, Entity | None] = {}

    def antecedent(self, token: Token) -> Entity | None:
        """The entity a pronoun or a definite role noun refers to, if it can be told."""
        if token.i not in self._memo:
            self._memo[token.i] = self._resolve(token)
        return self._memo[token.i]

    def possessor(self, token: Token) -> Entity | None:
        """The person a possessive determiner points to ("seiner Reise", "ihre Kritik"):
        the nearest compatible person, as for a pronoun; None for a plural possessor
        (a group or a state: too often wrong)."""
        if "Yes" not in token.morph.get("Poss"):
            return None
        gender = next(iter(token.morph.get("Gender[psor]")), None)
        if "Plur" in token.morph.get("Number[psor]") or \
                "1" in token.morph.get("Person") or "2" in token.morph.get("Person"):
            return None
        if token.i not in self._possessors:
            self._possessors[token.i] = self._nearest(token, ("PER",), gender, _PRONOUN_WINDOW)
        return self._possessors[token.i]

    def _resolve(self, token: Token) -> Entity | None:
        word = token.lower_
        if token.pos_ == "PRON" and word in _PRONOUNS:
            gender, number = self._features(token)
            if number == "Plur" or "1" in token.morph.get("Person") or \
                    "2" in token.morph.get("Person"):
                return None
            return self._nearest(token, ("PER",), gender, _PRONOUN_WINDOW)
        if token.pos_ == "NOUN" and self._definite(token):
            if word.endswith(_PERSON_NOUNS):
                titled = next((e for title, e in self._titles.items()
                               if word.endswith(title) or title.endswith(word)), None)
                if titled is not None and self._before(titled, token.i):
                    return titled
                gender = next(iter(token.morph.get("Gender")), None)
                return self._nearest(token, ("PER",), gender, _NOUN_WINDOW)
            if word.endswith(_ORG_NOUNS):
                return self._nearest(token, ("ORG",), None, _NOUN_WINDOW)
            if word.endswith(_PLACE_NOUNS):
                return self._nearest(token, ("LOC",), None, _NOUN_WINDOW)
        return None

    def _nearest(self, token: Token, labels: tuple[str, ...], gender: str | None,
                 window: int) -> Entity | None:
        here = self._sentence[token.i]
        best, best_rank = None, None
        for m in self._mentions:
            if m.start >= token.i:
                break
            if m.entity.label not in labels or here - m.sentence > window:
                continue
            known = self._gender.get(id(m.entity))
            if gender and known and known != gender:
                continue
            if m.start <= token.i < m.end:
                continue
            # Nearer sentences first; then subjects; in an earlier sentence the first
            # mention (its topic), in the pronoun's own sentence the nearest one.
            distance = here - m.sentence
            rank = (distance, not m.subject, m.start if distance else -m.start)
            if best_rank is None or rank < best_rank:
                best, best_rank = m.entity, rank
        return best

    def _features(self, token: Token) -> tuple[str | None, str | None]:
        default = _PRONOUN_FEATURES.get(token.lower_, "").split()
        gender = next(iter(token.morph.get("Gender")), None) or (default[0] if default else None)
        number = next(iter(token.morph.get("Number")), None) or (default[1] if default else None)
        return gender, number

    def _definite(self, noun: Token) -> bool:
        """A definite noun phrase without a name of its own ("der Präsident", not "der
        Präsident Wladimir Putin")."""
        definite = any("Def" in t.morph.get("Definite") or t.lower_ in _DEFINITE_ARTICLES
                       for t in self.doc[max(0, noun.i - 3):noun.i])
        return definite and not any(c.ent_type_ for c in noun.children)

    def _is_subject(self, span) -> bool:
        return any(self.syntax.role(t) == SUBJ for t in span) or (
            span.root.head is not span.root and self.syntax.role(span.root.head) == SUBJ
            and self.syntax.role(span.root) == APPOS)

    def _title_of(self, start: int, end: int) -> Token | None:
        """The role noun a name is introduced with: "Präsident Wladimir Putin", "der
        russische Präsident, Wladimir Putin" (the head the name is in apposition to)."""
        before = self.doc[start - 1] if start else None
        if before is not None and before.pos_ == "NOUN" and \
                before.lower_.endswith(_PERSON_NOUNS):
            return before
        head = self.doc[start].head
        if self.syntax.role(self.doc[start]) == APPOS and head.pos_ == "NOUN" and \
                head.lower_.endswith(_PERSON_NOUNS):
            return head
        return None

    def _before(self, entity: Entity, i: int) -> bool:
        return entity.mentions[0].token_start < i

