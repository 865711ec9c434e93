"""Where a nominal trigger stands in its clause: that decides what the clause says of it.

A noun that is an argument of its clause's verb ("forderte eine Untersuchung", "Die
Verhandlungen wurden abgebrochen") shares the verb's negation, plan, hedge and source. A
noun in a PP of time or cause ("Nach den Anschlägen haben die Ermittler keine
Gewissheit", "rief nach den Anschlägen zu Toleranz auf") is presupposed: what the clause
says is not said of it. A noun in a PP of the same time ("bei ihrem Gespräch wollen sie
... sprechen") shares the clause's time and certainty but not its negation ("Bei dem
Treffen gab es keine Einigung"). A noun inside another noun phrase ("die Untersuchung des
Angriffs", "Höhepunkt der Reise") takes only its own modifiers and what the noun that
governs it says ("Verhandlungen über die Freilassung": planned); aspect nouns pass through
("kündigte den Beginn der Offensive an" is the offensive's plan).

Takes a noun trigger and the syntax view; gives its :class:`Attachment`. Constant work
per trigger (a bounded climb through conjuncts and aspect nouns).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.events.tokens import is_verb
from transforms.lang import de
from transforms.nlp.syntax import CONJ, Syntax, preposition

CORE, SIMULTANEOUS, BACKGROUND, NESTED = "core", "simultaneous", "background", "nested"
_BACKGROUND = de.words("background_prepositions")
_SIMULTANEOUS = de.words("simultaneous_prepositions")
_TRANSPARENT = tuple(de.words("aspect_nouns"))
_MAX_CLIMB = 4
_PUNCTUATION = de.words("clause_punctuation")


@dataclass(frozen=True)
class Attachment:
    kind: str  # CORE, SIMULTANEOUS, BACKGROUND or NESTED
    governor: Token | None  # the verb or noun the trigger (or its phrase) depends on
    preposition: str | None  # of the PP the trigger stands in, if any


def attachment(token: Token, s: Syntax) -> Attachment:
    node = token
    for _ in range(_MAX_CLIMB):
        while s.role(node) == CONJ and node.head.i != node.i and not is_verb(node.head):
            node = node.head  # "Untreue, ..., Bestechung": the first conjunct's place
        prep = s.preposition_of(node)
        head = node.head
        if head.pos_ == "ADP" and head.head.i != head.i:  # TIGER: the preposition heads
            head = head.head
        if head.i == node.i:
            return Attachment(CORE, None, prep)
        if head.pos_ not in ("NOUN", "PROPN") or is_verb(head):
            # a verb, or a word a weak parse hung the clause on ("rief unterdessen nach
            # den Anschlägen ... auf": unterdessen): the clause's own level
            kind = BACKGROUND if prep in _BACKGROUND else \
                SIMULTANEOUS if prep in _SIMULTANEOUS else CORE
            return Attachment(kind, s.clause_verb(node) or head, prep)
        if not head.lemma_.lower().endswith(_TRANSPARENT):
            return Attachment(NESTED, head, prep)
        node = head  # "den Beginn der Offensive": the offensive stands where Beginn does
    return Attachment(NESTED, node.head, s.preposition_of(node))


def governing_words(token: Token, att: Attachment | None) -> list[str]:
    """The lemmas of what governs a noun trigger: its governor in the parse (with a
    separated particle: "kündigte ... an" is ankündigen), and, whatever the parse says,
    the noun right before the preposition of its PP ("die Debatte über die Abschiebung",
    "Verhandlungen über die Freilassung")."""
    out = []
    gov = att.governor if att is not None else None
    if gov is not None:
        particle = "".join(preposition(c) for c in gov.children
                           if c.tag_ == de.TAGS["particle"])
        out.append(particle + (gov.lemma_ or gov.text).lower())
    doc, start = token.doc, token.sent.start  # token.sent walks its sentence: once
    k = token.i - 1
    while k > start and doc[k].pos_ in ("DET", "ADJ", "NUM", "PRON"):
        k -= 1  # the article and adjectives of the trigger's own phrase
    if k > start and doc[k].pos_ == "ADP" and doc[k - 1].pos_ == "NOUN":
        out.append((doc[k - 1].lemma_ or doc[k - 1].text).lower())
    return out


def clause_span(token: Token) -> Span:
    """The words around a token up to the punctuation either side (a clause, as far as
    words tell without a parse)."""
    doc, sent = token.doc, token.sent
    start = token.i
    while start > sent.start and doc[start - 1].text not in _PUNCTUATION:
        start -= 1
    end = token.i + 1
    while end < sent.end and doc[end].text not in _PUNCTUATION:
        end += 1
    return doc[start:end]
