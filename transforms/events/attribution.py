"""Stage 3, attribution: who claims what a sentence says, and what a speaker said.

* The sentence's **source**: "X zufolge", "laut X", "nach Angaben von X", "nach
  südkoreanischen Angaben" (a demonym names the country), the speaker of a speech verb
  in the sentence ("teilte X mit", "sagte X"), or a headline "X: ...".
* A speech verb's **speaker**: its subject, or without a usable parse the nearest name.
* A speech act's **quote**: the longest quotation in the sentence (direct), else the
  dass/ob clause after the verb or the clause before ", sagte X" (indirect).

Takes a sentence, its triggers and the entity index; gives the speaker of each speech
trigger, the sentence's source and quotes.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from transforms.entities.canonical import Entity
from transforms.events.linking import Linker
from transforms.events.mention import Argument, Quote, Trigger
from transforms.events.tokens import is_pronoun
from transforms.lang import de
from transforms.nlp.syntax import SUBJ, noun_phrase


def is_speech(trigger: Trigger) -> bool:
    """A speech act, or a speech verb typed as another event ("dementieren")."""
    return trigger.type.speech_act or trigger.lemma in de.SPEECH_VERBS


def speakers(triggers: list[Trigger], sent: Span, linker: Linker) -> dict[int, Argument | None]:
    """The speaker of each speech trigger, by trigger token."""
    return {t.token.i: speaker(t, sent, linker) for t in triggers if is_speech(t)}


def sentence_source(sent: Span, triggers: list[Trigger], speakers_by_token: dict,
                    linker: Linker) -> Argument | None:
    tokens = list(sent)
    for k, token in enumerate(tokens):
        low = token.lower_
        if low in de.SOURCE_POSTPOSITIONS and k > 0:  # "X zufolge"
            arg = _source_phrase(tokens[:k][-6:], before=True, linker=linker)
            if arg is not None:
                return arg
        if low in de.SOURCE_PREPOSITIONS:  # "laut X"
            arg = _source_phrase(tokens[k + 1:k + 7], before=False, linker=linker)
            if arg is not None:
                return arg
        if low in de.SOURCE_NOUNS and k > 0 and any(
                t.lower_ in de.SOURCE_NOUN_PREPOSITIONS
                for t in tokens[max(0, k - 3):k]):  # "nach Angaben ..."
            arg = _source_phrase(tokens[max(0, k - 2):k] + tokens[k + 1:k + 7],
                                 before=False, linker=linker)
            if arg is not None:
                return arg
    for trigger in triggers:  # a speech verb's speaker
        found = speakers_by_token.get(trigger.token.i)
        if found is not None:
            return found
    if len(tokens) > 2:  # headline "Südkorea: Nordkorea feuert erneut Raketen ab"
        colon = next((k for k, t in enumerate(tokens[:6]) if t.text == ":"), None)
        if colon and tokens[0].i in linker.entity_at and all(
                t.i in linker.entity_at for t in tokens[:colon]):
            return linker.mention(tokens[0].i)
    return None


def _source_phrase(window: list[Token], before: bool, linker: Linker) -> Argument | None:
    """The entity (or demonym) in the words around an attribution cue."""
    ordered = list(reversed(window)) if before else window
    for token in ordered:
        if token.text in ",;:" and not before:
            break
        if token.i in linker.entity_at:
            return linker.mention(token.i)
        place = _demonym(token, linker)
        if place is not None:
            span = noun_phrase(token.head) if token.head.i in [t.i for t in window] \
                else linker.doc[token.i:token.i + 1]
            return Argument.of_span(span, place)
    nouns = [t for t in ordered if t.pos_ in ("NOUN", "PROPN") and
             t.lower_ not in de.SOURCE_NOUNS]
    if nouns and before:
        return Argument.of_span(noun_phrase(nouns[0]), None)
    return None


@functools.lru_cache(maxsize=1)
def _demonyms() -> tuple[tuple[str, str], ...]:
    pairs = [tuple(row[:2]) for row in de.table("demonyms.tsv")]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _demonym(token: Token, linker: Linker) -> Entity | None:
    word = token.lower_
    for stem, place in _demonyms():
        if word.startswith(stem) and len(word) - len(stem) <= 2:
            return linker.places.get(place) or Entity(place, "LOC")
    return None


def speaker(trigger: Trigger, sent: Span, linker: Linker) -> Argument | None:
    s, doc, at = linker.syntax, linker.doc, trigger.token.i
    group = s.verb_group(trigger.token)
    subjects = [t for t in s.dependents(group, SUBJ) if not is_pronoun(t)]
    # "..., sagte Putin": after a comma or a closing quote the speaker follows the verb
    inverted = any(t.text in "," or t.is_quote for t in doc[max(sent.start, at - 2):at])
    if subjects and not (inverted and subjects[0].i < at):
        return linker.link(subjects[0])
    # No usable parse: the nearest name after the verb ("sagte Putin", "teilte der
    # Generalstab mit"), else before it.
    after = [i for i in range(at + 1, min(sent.end, at + 6))
             if i in linker.entity_at and linker.entity_at[i].label in ("PER", "ORG", "LOC")]
    before = [i for i in range(sent.start, at)
              if i in linker.entity_at and linker.entity_at[i].label in ("PER", "ORG")]
    for i in after[:1] or before[-1:]:
        return linker.mention(i)
    nouns = [t for t in doc[at + 1:min(sent.end, at + 5)] if t.pos_ in ("NOUN", "PROPN")]
    if nouns:
        return linker.link(nouns[0])
    return None


def quote(trigger: Trigger, sent: Span, linker: Linker) -> Quote | None:
    text = sent.text
    for open_q, close_q in de.QUOTE_PAIRS:
        pattern = re.escape(open_q) + r"(.+?)" + re.escape(close_q)
        quotes = [m for m in re.finditer(pattern, text) if len(m.group(1).split()) >= 2]
        if quotes:
            q = max(quotes, key=lambda m: len(m.group(1)))
            inner = q.group(1)
            start = sent.start_char + q.start(1) + len(inner) - len(inner.lstrip())
            inner = inner.strip()
            return Quote(inner, start, start + len(inner), "direct")
    doc = linker.doc
    after = doc[trigger.token.i:sent.end]
    marker = next((t for t in after if t.lower_ in de.INDIRECT_MARKERS), None)
    if marker is not None:
        span = doc[marker.i:sent.end]
    else:
        comma = next((t for t in reversed(doc[sent.start:trigger.token.i]) if t.text == ","),
                     None)
        if comma is None:
            return None
        span = doc[sent.start:comma.i]
    span_text = span.text.rstrip(" .")
    if len(span_text.split()) >= 3:
        return Quote(span_text, span.start_char, span.start_char + len(span_text), "indirect")
    return None


def is_actor(source: Argument, actor1: Argument | None) -> bool:
    """Whether the source is the event's own actor (then it claims nothing about it)."""
    return actor1 is not None and bool(actor1.tokens & source.tokens or (
        actor1.entity is not None and actor1.entity is source.entity))
