"""Stage 4, location: where an event happens.

A place entity in a locative PP of the trigger ("auf dem Weltraumbahnhof Wostotschny"),
else a place entity after a locative preposition anywhere in the sentence. Never a word
an actor or the source already took.

Takes a trigger, its sentence, the tokens its arguments took and the entity index;
gives an :class:`Argument` or None.
"""

from __future__ import annotations

from spacy.tokens import Span

from transforms.coref.linking import Argument, Linker
from transforms.events.mention import Trigger
from transforms.events.tokens import is_time_word
from transforms.lang import de
from transforms.nlp.syntax import preposition


def find(trigger: Trigger, sent: Span, used: set[int], linker: Linker) -> Argument | None:
    s = linker.syntax
    heads = s.verb_group(trigger.token) if trigger.verbal else [trigger.token]
    for prep, noun in s.prepositional(heads):
        if prep in de.LOCATION_PREPOSITIONS and not is_time_word(noun):
            arg = linker.link(noun)
            if not arg.tokens & used and arg.entity is not None and arg.entity.label == "LOC":
                return arg
    for i in range(sent.start, sent.end):  # a place entity of the sentence
        entity = linker.entity_at.get(i)
        if (entity is not None and entity.label == "LOC" and i not in used
                and _preposition_before(i, linker) in de.LOCATION_PREPOSITIONS):
            return linker.mention(i)
    return None


def _preposition_before(i: int, linker: Linker) -> str | None:
    by_parse = linker.syntax.preposition_of(linker.doc[i])
    if by_parse:
        return by_parse
    for token in reversed(linker.doc[max(0, i - 3):i]):
        if token.pos_ == "ADP":
            return preposition(token)
    return None
