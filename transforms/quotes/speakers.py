"""Step 4: who speaks, and to whom.

A speech verb's speaker is its subject (a passive's agent); with a name in apposition to a
role noun the name ("Kay Weidner, ein Sprecher ..." and "der Sprecher Kay Weidner" both
give Kay Weidner); a pronoun or role noun is resolved through coreference, its own words
kept. Without a usable subject: the nearest name after the verb ("sagte Putin",
"berichtet eine Stadtverordnete"), else before it in its clause. An attribution's speaker
is its noun phrase. Never a time word, a place inside a PP, a demonstrative standing for
the claim ("Das berichtet X": X speaks), or a word of the quotation. The addressee is the
verb's dative or a "gegenüber X" phrase.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from transforms.coref.linking import Argument
from transforms.entities.canonical import Entity
from transforms.events.senses import is_actor
from transforms.events.tokens import is_time_word
from transforms.lang import de
from transforms.nlp.syntax import AGENT, APPOS, DAT, FLAT, SUBJ, noun_phrase
from transforms.quotes.model import Cue

_DEMONSTRATIVES = de.words("demonstratives")
_SOURCE_NOUNS = tuple(de.SOURCE_NOUNS)
_ADDRESSEE_PREPOSITIONS = de.words("addressee_prepositions")


def of_verb(cue: Cue, article, excluded) -> Argument | None:
    """``excluded(i)``: whether token i belongs to the quotation."""
    s, doc = article.syntax, article.doc
    verb = doc[cue.tokens[0]]
    sent = verb.sent
    group = s.verb_group(verb) if verb.pos_ in ("VERB", "AUX") else [verb]
    candidates = s.dependents(group, SUBJ)
    if s.is_passive(group):
        candidates = [t for t in s.dependents(group, AGENT) if t.pos_ != "ADP"] + [
            n for p, n in s.prepositional(group) if p in de.AGENT_PREPOSITIONS]
    for token in candidates:
        if _usable(token, excluded, article):
            return _named(token, article)
    linker = article.linker
    window_after = range(verb.i + 1, min(sent.end, verb.i + 7))
    for i in window_after:  # "sagte Putin", "teilte der Generalstab mit"
        if excluded(i) or doc[i].text in ",;:":
            break
        if i in linker.entity_at and linker.entity_at[i].label in ("PER", "ORG") or \
                _usable(doc[i], excluded, article) and doc[i].pos_ in ("NOUN", "PROPN", "PRON") \
                and is_actor(doc[i], article):
            return _named(doc[i], article)
    for i in range(verb.i - 1, sent.start - 1, -1):  # its clause, before it
        if excluded(i) or doc[i].text in ",;:" or doc[i].text in de.CLOSING_QUOTES:
            break
        token = doc[i]
        if s.preposition_of(token) is not None or not _usable(token, excluded, article):
            continue
        if i in linker.entity_at and linker.entity_at[i].label in ("PER", "ORG") or \
                token.pos_ in ("NOUN", "PROPN", "PRON") and is_actor(token, article):
            return _named(token, article)
    return None


def of_phrase(words: list[Token], article) -> Argument | None:
    """The speaker an attribution phrase names ("der Polizei", "Angaben des Ministeriums")."""
    linker = article.linker
    named = [t for t in words if t.i in linker.entity_at]
    if named:
        return linker.mention(named[0].i)
    place = next((p for p in map(demonym_place, words) if p), None)
    if place is not None:  # "nach südkoreanischen Angaben": Südkorea claims it
        entity = next((e for e in linker.places.values() if e.canonical_name == place),
                      None) or Entity(place, "LOC")
        return Argument.of_span(article.doc[words[0].i:words[-1].i + 1], entity)
    phrase = Argument.of_span(article.doc[words[0].i:words[-1].i + 1], None)
    for noun in (t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")
                 and not t.lower_.endswith(_SOURCE_NOUNS)):
        linked = linker.link(noun)  # "der Sprecher", "seiner": through coreference
        if linked.entity is not None:
            return Argument(phrase.text, phrase.start, phrase.end, linked.entity, phrase.tokens)
    return phrase if any(t.is_alpha for t in words) else None


@functools.lru_cache(maxsize=1)
def _demonyms() -> tuple[tuple[str, str], ...]:
    pairs = [tuple(row[:2]) for row in de.table("demonyms.tsv")]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def demonym_place(token: Token) -> str | None:
    """The country a country adjective names ("südkoreanischen" -> Südkorea)."""
    if token.pos_ not in ("ADJ", ""):
        return None
    word = token.lower_
    return next((place for stem, place in _demonyms()
                 if word.startswith(stem) and len(word) - len(stem) <= 2), None)


def addressee(cue: Cue, article, excluded) -> Argument | None:
    s, doc = article.syntax, article.doc
    verb = doc[cue.tokens[0]]
    if not cue.verb:
        return None
    group = s.verb_group(verb)
    for token in s.dependents(group, DAT):
        if not excluded(token.i) and is_actor(token, article):
            return _named(token, article)
    for prep, noun in s.prepositional(group):
        if prep in _ADDRESSEE_PREPOSITIONS and not excluded(noun.i):
            return _named(noun, article)
    return None


def _usable(token: Token, excluded, article) -> bool:
    if excluded(token.i) or is_time_word(token) or token.lower_ in _DEMONSTRATIVES:
        return False
    if token.pos_ == "PRON" and "Rel" in token.morph.get("PronType"):
        return False  # "der" of a relative clause: its antecedent speaks
    linker = article.linker
    entity = linker.entity_at.get(token.i)
    if entity is not None and entity.label == "LOC" and \
            article.syntax.preposition_of(token) is not None:
        return False  # "in Berlin": where, not who
    return token.pos_ in ("NOUN", "PROPN", "PRON", "") or token.i in linker.entity_at


def _named(token: Token, article) -> Argument:
    """The argument a speaker word makes, a person's name in apposition preferred."""
    linker, s = article.linker, article.syntax
    if token.i not in linker.entity_at:
        for child in token.children:
            if child.i in linker.entity_at and s.role(child) in (APPOS, FLAT) and \
                    linker.entity_at[child.i].label == "PER":
                return linker.mention(child.i)
        phrase = noun_phrase(token)
        after = phrase.end
        if after < len(article.doc) and after in linker.entity_at and \
                linker.entity_at[after].label == "PER":  # "Trainer Josep Guardiola"
            return linker.mention(after)
    return linker.link(token)
