"""Stage 1, triggers: the lexicon words of a sentence that name an event.

Verbs by lemma, lookup table or stem, separable verbs with their particle ("feuerte ...
ab" -> abfeuern), nouns by lemma or as the head of a compound ("Waffenlieferungen" ->
Waffenlieferung). A lexicon row with a cue applies only when the cue matches a word near
the trigger. A token inside an entity mention is never a trigger.

Takes a sentence, the entity index and the lexicon; gives :class:`Trigger` s in text
order.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.events.lexicon import Lexicon
from transforms.events.linking import Linker
from transforms.events.mention import Trigger
from transforms.events.tokens import is_finite, is_noun, is_verb, verb_like
from transforms.events.types import event_types
from transforms.lang import de
from transforms.nlp.syntax import PARTICLE

_PARTICLE_TAG = de.TAGS["particle"]


def find(sent: Span, linker: Linker, lexicon: Lexicon) -> list[Trigger]:
    out = []
    for token in sent:
        if token.i in linker.entity_at or not token.is_alpha:
            continue
        trigger = _verb(token, sent, linker, lexicon) if verb_like(token) else None
        if trigger is None and is_noun(token):
            trigger = _noun(token, lexicon)
        if trigger is not None:
            out.append(trigger)
    return out


def _verb(token: Token, sent: Span, linker: Linker, lexicon: Lexicon) -> Trigger | None:
    particle = _particle(token, sent, linker)
    lemma = None
    if particle is not None:
        lemma = lexicon.verb_lemma(token.lemma_, token.text, particle.lower_)
    lemma = lemma or lexicon.verb_lemma(token.lemma_, token.text)
    if lemma is None:
        return None
    entry = lexicon.lookup("VERB", lemma, _context(token))
    if entry is None:
        return None
    used = particle if particle is not None and lemma.startswith(particle.lower_) \
        and not token.lemma_.lower().startswith(particle.lower_) else None
    return Trigger(token, entry.lemma, event_types()[entry.event_type], entry.event_mode, used)


def _noun(token: Token, lexicon: Lexicon) -> Trigger | None:
    lemma = lexicon.noun_lemma(token.lemma_, token.text)
    if lemma is None:
        return None
    entry = lexicon.lookup("NOUN", lemma, _context(token))
    if entry is None:
        return None
    return Trigger(token, entry.lemma, event_types()[entry.event_type], entry.event_mode)


def _particle(verb: Token, sent: Span, linker: Linker) -> Token | None:
    for child in verb.children:
        if linker.syntax.role(child) == PARTICLE or child.tag_ == _PARTICLE_TAG:
            return child
    # A weak parse may leave the particle unattached: the next particle of the clause.
    for token in linker.doc[verb.i + 1:sent.end]:
        if token.tag_ == _PARTICLE_TAG:
            return token
        if is_verb(token) and is_finite(token) or token.text in ",;:":
            return None
    return None


def _context(token: Token) -> list[str]:
    """The words a lexicon cue is matched against: nouns near the trigger (as lemmas)
    and every word form near it."""
    doc = token.doc
    window = doc[max(token.sent.start, token.i - 8):min(token.sent.end, token.i + 12)]
    return [t.lemma_ or t.text for t in window if t.pos_ in ("NOUN", "PROPN", "")
            or t.tag_.startswith(de.TAGS["noun_prefix"])] + [t.text for t in window]
