"""Stage 2b, stand-ins: names that take a role the parse does not give.

Without a parse the nearest entities of the sentence stand in for both actors (and the
event's confidence says so). With a parse, a guess from another clause is wrong more
often than not (a passive's patient as its doer, a speaker, a place in a dateline), so
only two roles the sentence must fill are guessed, each from names that stand in no PP,
in no source phrase ("laut X") and in no other verb's argument slot: the subject of a
finite active verb ("hat Nordkorea erneut eine Rakete abgefeuert", Nordkorea attached
elsewhere), from its clause; the patient of a passive ("Abu Nabil ist getötet worden",
Abu Nabil attached to his title; with no name, a noun of people: "Zivilisten ... wurden
getötet"), from its sentence.

Takes a trigger, the span to look in and the roles found; gives :class:`Roles`. Linear
in the span.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.coref.linking import Linker
from transforms.events.mention import Roles, Trigger, tokens_of
from transforms.events.tokens import is_finite, is_verb
from transforms.lang import de
from transforms.nlp.syntax import CLAUSE, CONJ, DAT, OBJ, PASS_SUBJ, RELCL, SUBJ, Syntax

_SOURCE_WORDS = de.SOURCE_POSTPOSITIONS | de.SOURCE_NOUNS | de.SOURCE_PREPOSITIONS
_DATELINE_DASHES = de.words("dateline_dashes")
_SLOTS = (SUBJ, OBJ, DAT, PASS_SUBJ)
_QUANTITY = de.words("quantity_prepositions")


def nearest(trigger: Trigger, span: Span, linker: Linker, roles: Roles,
            actor1: bool = True, actor2: bool = True, free: bool = False,
            people=None) -> Roles:
    """The nearest names of ``span`` stand in for the empty roles asked for (``free``:
    only names that fill no other verb's slot; ``people``: a test for nouns of people
    that may stand in when no name does, "Zivilisten ... wurden getötet")."""
    used = tokens_of(roles.actor1, roles.actor2)
    own = set(t.i for t in linker.syntax.verb_group(trigger.token)) if free else set()

    def fits(i: int) -> bool:
        return i not in used and not _in_pp(i, linker) and not _in_source_phrase(i, linker) \
            and not (free and _fills_other_slot(linker.doc[i], own, linker.syntax))
    # the span, and the words that hang from the trigger wherever they stand ("Peter
    # Zimmermann, der Landesbeauftragte, fordert": before an apposition's comma)
    window = set(range(span.start, span.end)) | {t.i for t in trigger.token.subtree}
    candidates = [i for i in sorted(window)
                  if i in linker.entity_at and linker.entity_at[i].label in ("PER", "ORG", "LOC")
                  and fits(i) and not dateline(linker.doc[i], linker)]
    if not candidates and people is not None:
        candidates = [i for i in sorted(window)
                      if linker.doc[i].pos_ == "NOUN" and i != trigger.token.i and fits(i)
                      and people(linker.doc[i])]
    if not candidates:
        return roles
    at = trigger.token.i
    ranked = sorted(candidates, key=lambda i: (abs(i - at), i))
    first, second = roles.actor1, roles.actor2
    if first is None and actor1:
        first = linker.link(linker.doc[ranked[0]])
        ranked = [i for i in ranked if linker.entity_at.get(i, i) is not
                  linker.entity_at.get(ranked[0], ranked[0])]
    if second is None and actor2 and ranked:
        second = linker.link(linker.doc[ranked[0]])
    return Roles(first, second, fallback=True)


def finite_active(trigger: Trigger, s: Syntax) -> bool:
    """A verb (active: the caller knows) that must have a subject of its own: finite, or
    heading its clause
    with an auxiliary the parse may have lost; not an infinitive or participle clause
    ("..., um X zu treffen", "die von X unterstützte ...")."""
    token = trigger.token
    group = s.verb_group(token)
    if any(is_finite(t) for t in group):
        return True
    return "Inf" not in token.morph.get("VerbForm") and \
        s.role(token) not in (CLAUSE, RELCL, CONJ) and token.head.i == token.i


def passive(trigger: Trigger, s: Syntax) -> bool:
    """A passive with an auxiliary of its own or of its conjunct (a clause that names its
    patient; an attributive participle is no trigger)."""
    token = trigger.token
    return len(s.verb_group(token)) > 1 or s.role(token) == CONJ or any(
        s.role(c) == CONJ for c in token.children)


def dateline(token: Token, linker: Linker) -> bool:
    """"Sydney – Im Pazifik-Inselstaat ...": a name opening its sentence before a dash."""
    if token.i not in linker.mention_span:
        return False
    start, end = linker.mention_span[token.i]
    return start == token.sent.start and end < len(linker.doc) and \
        linker.doc[end].text in _DATELINE_DASHES


def _fills_other_slot(token: Token, own: set[int], s: Syntax) -> bool:
    """The subject or object of another verb ("Die Provinz Sinai hatte sich bekannt")."""
    return s.role(token) in _SLOTS and token.head.i not in own and is_verb(token.head)


def _in_pp(i: int, linker: Linker) -> bool:
    """A name of several words stands in a PP when any of its words has the preposition
    ("In Tel Aviv": the parse may attach "In" to "Aviv"), or the word before it is one."""
    start, end = linker.mention_span.get(i, (i, i + 1))
    doc = linker.doc
    if start > 1 and doc[start - 1].pos_ == "NUM" and doc[start - 2].lower_ in _QUANTITY:
        return False  # "über 200 Menschen": a number, no PP
    before = doc[start - 1] if start > 0 else None
    return before is not None and (before.pos_ == "ADP" or (
        # "im Atomkraftwerk Fukushima Daiichi": a name after the noun of a PP
        before.pos_ == "NOUN" and linker.syntax.preposition_of(before) is not None)) or any(
        linker.syntax.preposition_of(doc[k]) is not None for k in range(start, end))


def _in_source_phrase(i: int, linker: Linker) -> bool:
    doc = linker.doc
    return any(t.lower_ in _SOURCE_WORDS for t in doc[max(0, i - 4):min(len(doc), i + 2)])
