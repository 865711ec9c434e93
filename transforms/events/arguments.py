"""Stage 2, arguments: who acts (actor1) and on whom or with whom (actor2).

From the parse, through the scheme-neutral syntax view: the subject, or a passive's
agent, is actor1; the dative or object (an entity preferred), a partner PP ("mit",
"gegen") or a passive's subject is actor2. A nominal trigger takes its genitive or a
name right before it ("Kims Reise"), "zwischen X und Y", an agent PP, or the subject of
the verb it is the object of. Types with a recipient or an origin (``event_types.tsv``)
read those PPs too, and reciprocal types take the second of co-ordinated subjects. Each
argument is linked to the entity it is or contains. Without a parse, or when the parse
gives no usable actor, the nearest entities of the sentence stand in (``fallback``).

Takes a trigger, its sentence and the article context; gives :class:`Roles`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.coref.linking import Linker
from transforms.events import senses
from transforms.events.mention import Roles, Trigger, tokens_of
from transforms.events.tokens import is_reflexive, is_time_word, is_verb
from transforms.lang import de
from transforms.nlp.syntax import AGENT, DAT, GEN, NMOD, OBJ, PASS_SUBJ, SUBJ

_SOURCE_WORDS = de.SOURCE_POSTPOSITIONS | de.SOURCE_NOUNS | de.SOURCE_PREPOSITIONS


def find(trigger: Trigger, sent: Span, article) -> Roles:
    linker, has_parse = article.linker, article.has_parse
    if is_verb(trigger.token):
        actor1, actor2 = _verbal(trigger, linker)
    else:
        actor1, actor2 = _nominal(trigger, linker)
    actor1, actor2 = _nameable(actor1, linker), _nameable(actor2, linker)
    if len(actor1) > 1 and is_verb(trigger.token):
        # two subjects are a weak parse's error: the one that can act acts, the other is
        # what it acts on ("Die Kritik wies die Regierung zurück")
        actor1 = sorted(actor1, key=lambda t: (not senses.is_actor(t, article), t.i))
        actor2 = actor2 or actor1[1:]
    s = linker.syntax
    if actor1 and not actor2 and trigger.type.reciprocal:
        actor2 = s.conjuncts(actor1[0])
    roles = Roles(linker.link(actor1[0]) if actor1 else None,
                  linker.link(actor2[0]) if actor2 else None)
    if roles.actor1 is None or (roles.actor1.entity is None and not has_parse):
        roles = _nearest(trigger, sent, linker, roles)
    return roles


def _nameable(tokens: list[Token], linker: Linker) -> list[Token]:
    """Leaves out what a weak parse makes a subject or object but names nobody: an
    adverb ("Erstmals dauert die Konferenz"), a number, a time ("Anfang August"). An
    entity stays, however the tagger tagged it ("Nordkorea" as an adverb)."""
    return [t for t in tokens if t.i in linker.entity_at or (
        t.pos_ not in de.NO_ARGUMENT_POS and not is_time_word(t)
        and not any(is_time_word(c) for c in t.children if c.pos_ in ("NOUN", "PROPN")))]


def _verbal(trigger: Trigger, linker: Linker) -> tuple[list[Token], list[Token]]:
    s = linker.syntax
    group = s.verb_group(trigger.token)
    if s.is_passive(group):
        actor1 = [t for t in s.dependents(group, AGENT) if t.pos_ != "ADP"] + [
            n for p, n in _pps(group, linker) if p in de.AGENT_PREPOSITIONS]
        actor2 = s.dependents(group, PASS_SUBJ, SUBJ)
    else:
        actor1 = s.dependents(group, SUBJ)
        actor2 = [t for t in s.dependents(group, DAT, OBJ) if not is_reflexive(t)]
        actor2.sort(key=lambda t: (t.i not in linker.entity_at, t.i))
    actor2 += [n for p, n in _pps(group, linker) if p in de.PARTNER_PREPOSITIONS]
    return actor1, actor2


def _nominal(trigger: Trigger, linker: Linker) -> tuple[list[Token], list[Token]]:
    s = linker.syntax
    token, kind = trigger.token, trigger.type
    actor1 = s.dependents([token], GEN) + _prenominal_genitive(token, linker) + [
        c for c in s.dependents([token], NMOD) if _genitive(c)]  # "Kritik des Ministers"
    actor2: list[Token] = []
    for prep, noun in _pps([token], linker):
        if prep in de.BETWEEN_PREPOSITIONS:
            actor1.append(noun)
            actor2 += s.conjuncts(noun)
        elif (prep in de.AGENT_PREPOSITIONS
              or (kind.origin_actor and prep in de.ORIGIN_PREPOSITIONS)) and \
                linker.names_entity(noun):  # "Lieferung von Waffen": a theme, no actor
            actor1.append(noun)
        elif prep in de.PARTNER_PREPOSITIONS or (kind.recipient
                                                 and prep in de.RECIPIENT_PREPOSITIONS):
            actor2.append(noun)
    # "übte Kritik": the doer of the verb it is the object of (not of the verb it is
    # the subject of: "Die Kritik wies die Regierung zurück")
    governor = token.head if s.role(token) == OBJ else None
    if not actor1 and governor is not None and is_verb(governor):
        actor1 = s.dependents(s.verb_group(governor), SUBJ)
    return actor1, actor2


def _genitive(noun: Token) -> bool:
    """A noun attribute without a preposition, in the genitive ("des Ministers")."""
    if any(c.pos_ == "ADP" for c in noun.children):
        return False
    return "Gen" in noun.morph.get("Case") or any(
        c.lower_ in de.GENITIVE_ARTICLES or "Gen" in c.morph.get("Case")
        for c in noun.children if c.pos_ == "DET")


def _pps(heads: list[Token], linker: Linker) -> list[tuple[str, Token]]:
    """PPs of ``heads`` that are not time expressions ("am Dienstag", "im Juli")."""
    return [(p, n) for p, n in linker.syntax.prepositional(heads) if not is_time_word(n)]


def _prenominal_genitive(token: Token, linker: Linker) -> list[Token]:
    """"Kims Reise": a name right before a noun trigger, in the genitive."""
    if token.i == 0:
        return []
    previous = linker.doc[token.i - 1]
    if previous.i in linker.entity_at and (de.looks_genitive(previous.text)
                                           or "Gen" in previous.morph.get("Case")):
        return [previous]
    return []


def _nearest(trigger: Trigger, sent: Span, linker: Linker, roles: Roles) -> Roles:
    """No parse, or none that helps: the nearest entities stand in."""
    used = tokens_of(roles.actor1, roles.actor2)
    candidates = [i for i in range(sent.start, sent.end)
                  if i in linker.entity_at and i not in used
                  and linker.entity_at[i].label in ("PER", "ORG", "LOC")
                  and linker.syntax.preposition_of(linker.doc[i]) is None
                  and not _in_source_phrase(i, linker)]
    if not candidates:
        return roles
    at = trigger.token.i
    first = min(candidates, key=lambda i: (abs(i - at), i))
    actor2 = roles.actor2
    if actor2 is None:
        rest = [i for i in candidates if linker.entity_at[i] is not linker.entity_at[first]]
        if rest:
            actor2 = linker.link(linker.doc[min(rest, key=lambda i: abs(i - at))])
    return Roles(linker.link(linker.doc[first]), actor2, fallback=True)


def _in_source_phrase(i: int, linker: Linker) -> bool:
    doc = linker.doc
    return any(t.lower_ in _SOURCE_WORDS for t in doc[max(0, i - 4):min(len(doc), i + 2)])
