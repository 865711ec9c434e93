"""Stage 4, location: where an event happens.

A place entity in a locative PP of the trigger ("auf dem Weltraumbahnhof Wostotschny"),
else a place entity after a locative preposition in the trigger's clause (whose nearest
verb is the trigger's; "in der Nähe von Sabratha", "nördlich von Aleppo": "von" after a
word of nearness), else the place a relative clause of the trigger is about ("in
Darfur, wo ... getötet wurden"). Never a word an actor or the source already took, nor
a place of another clause ("..., vor das Bundesverfassungsgericht in Karlsruhe zu
ziehen, falls ... die Entsendung ..."), nor where somebody comes from ("die Neonazis aus
Thüringen").

Takes a trigger, its sentence, the tokens its arguments took and the entity index;
gives an :class:`Argument` or None.
"""

from __future__ import annotations

from spacy.tokens import Span

from transforms.coref.linking import Argument, Linker
from transforms.events.mention import Trigger
from transforms.events.tokens import is_time_word
from transforms.lang import de
from transforms.nlp.syntax import RELCL, preposition

_PROXIMITY = de.words("proximity_words")
_MAX_CLIMB = 12
_NEAR = next(iter(sorted(de.LOCATION_PREPOSITIONS)))  # any locative one will do


def find(trigger: Trigger, sent: Span, used: set[int], linker: Linker) -> Argument | None:
    s = linker.syntax
    heads = s.verb_group(trigger.token) if trigger.verbal else [trigger.token]
    for prep, noun in s.prepositional(heads):
        if prep in de.LOCATION_PREPOSITIONS and not is_time_word(noun):
            arg = linker.link(noun)
            if not arg.tokens & used and arg.entity is not None and arg.entity.label == "LOC":
                return arg
    verb = trigger.token if trigger.verbal else s.clause_verb(trigger.token)
    own = {t.i for t in s.verb_group(verb)} if verb is not None and s.scheme else set()
    for i in range(sent.start, sent.end):  # a place entity of the trigger's clause
        entity = linker.entity_at.get(i)
        if entity is None or entity.label != "LOC" or i in used or \
                own and _clause_of(linker.doc[i]) not in own:
            continue
        prep = _preposition_before(i, linker)
        if prep in de.LOCATION_PREPOSITIONS and not _origin_of_a_person(i, prep, trigger, linker):
            return linker.mention(i)
    if verb is not None and s.role(verb) == RELCL and verb.head.i in linker.entity_at \
            and linker.entity_at[verb.head.i].label == "LOC" and verb.head.i not in used:
        return linker.mention(verb.head.i)  # "in Darfur, wo ... getötet wurden"
    return None


def _origin_of_a_person(i: int, prep: str, trigger: Trigger, linker: Linker) -> bool:
    """"die Neonazis aus Thüringen": where somebody comes from, not where it happens."""
    head = linker.doc[i].head
    return prep in de.ORIGIN_PREPOSITIONS and head.i != trigger.token.i and \
        head.pos_ in ("NOUN", "PROPN") and head.i not in linker.entity_at


def _clause_of(token) -> int | None:
    """The nearest verb above a word, within a bounded climb (a degenerate parse's chain
    must not make a sentence's places quadratic)."""
    node = token
    for _ in range(_MAX_CLIMB):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node.i
    return None


def _preposition_before(i: int, linker: Linker) -> str | None:
    doc = linker.doc
    by_parse = linker.syntax.preposition_of(doc[i])
    window = doc[max(0, i - 3):i]
    prep = by_parse
    if prep is None:  # the preposition of this noun: only its article and adjectives between
        for t in reversed(window):
            if t.pos_ == "ADP":
                prep = preposition(t)
                break
            if t.pos_ not in ("DET", "ADJ", "NUM"):
                break
    if prep is not None and prep not in de.LOCATION_PREPOSITIONS:
        # "in der Nähe von Sabratha", "nördlich von Aleppo"
        start = next((t.i for t in reversed(window) if t.pos_ == "ADP"), i)
        if start and doc[start - 1].lower_ in _PROXIMITY:
            return _NEAR
    return prep
