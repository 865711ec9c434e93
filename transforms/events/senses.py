"""Stage 1b, word senses: a lexicon row applies only when the trigger's arguments fit it.

A trigger word has several senses, and only some are events: "treffen" (meet) wants
actors, not "der Blitz"; "trifft auf" is a match draw; "liefern sich" is no delivery;
"forderte 73 Todesopfer" is a disaster, not a demand. A lexicon row's constraints
(6th column) say what its sense needs; the first row whose constraints hold is the
trigger's sense, and a word whose rows all fail is no event. A constraint about the parse
that cannot be checked (no parse, no such argument) does not reject. Constraints:

* ``subj:actor`` / ``obj:actor``: the subject (a passive's agent) / the object or dative
  is an actor: an entity, a personal pronoun, or a noun naming people or groups;
* ``prep:X`` / ``no-prep:X``: a PP with preposition X must / must not be attached (to a
  noun trigger: also the PP the noun stands in, "in Anschlag bringen");
* ``refl`` / ``no-refl``: the verb must / must not be reflexive ("sich einigen");
* ``no-obj:REGEX``: the object's lemma must not match;
* ``actor-prep:X``: a PP with preposition X, if there is one, names an actor ("Kampf
  gegen die Taliban", not "Kampf gegen die Armut");
* ``recipient``: a dative or a recipient PP must be there;
* ``content``: a speech cue counts only where it introduces a quotation;
* ``no-report``: a speech cue whose object is no claim ("lehnte den Plan ab") makes no
  quotation of its sentence when it has no clause or quote.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from transforms.events.tokens import is_nominal, is_reflexive, is_verb
from transforms.lang import de
from transforms.nlp.syntax import AGENT, DAT, OBJ, PASS_SUBJ, SUBJ, preposition

_ACTOR_NOUNS = tuple(de.words("group_nouns") | de.words("coref_person_nouns")
                     | de.words("person_titles") | de.words("coref_org_nouns"))
_PRONOUNS = de.words("referring_pronouns")
_KINDS = ("subj:actor", "obj:actor", "refl", "no-refl", "recipient", "content", "no-report")
_PREFIXED = ("prep:", "no-prep:", "no-obj:", "actor-prep:")


def check_constraint(text: str) -> str | None:
    """A problem with a constraint as written in a lexicon, else None."""
    if text in _KINDS:
        return None
    prefix = next((p for p in _PREFIXED if text.startswith(p)), None)
    if prefix is None or not text[len(prefix):]:
        return f"unknown constraint {text!r} (known: {', '.join(_KINDS + _PREFIXED)})"
    if prefix == "no-obj:":
        try:
            re.compile(text[len(prefix):])
        except re.error as err:
            return f"bad constraint {text!r}: {err}"
    return None


def fits(constraints: tuple[str, ...], token: Token, article) -> bool:
    """Whether a trigger token's arguments fit a lexicon row's constraints."""
    return all(_holds_once(c, token, article) for c in constraints)


def _holds_once(constraint: str, token: Token, article) -> bool:
    """:func:`_holds`, each constraint of a word once per article (the events and the
    quotation finder ask the same)."""
    memo = article.memo.setdefault(_holds, {})
    key = (constraint, token.i)
    if key not in memo:
        memo[key] = _holds(constraint, token, article)
    return memo[key]


def _holds(constraint: str, token: Token, article) -> bool:
    if constraint == "content":
        return token.i in article.quote_cues
    if constraint == "no-report":
        return True  # read by the quotation finder: no quotation of the sentence itself
    if not article.has_parse:
        return True
    s = article.syntax
    verbal = is_verb(token)
    group = s.verb_group(token) if verbal else [token]
    if constraint == "subj:actor":
        if not verbal:
            return True
        if s.is_passive(group):
            agents = [n for p, n in s.prepositional(group) if p in de.AGENT_PREPOSITIONS]
            agents += [t for t in s.dependents(group, AGENT) if t.pos_ != "ADP"]
            return all(is_actor(t, article) for t in agents)
        subjects = s.dependents(group, SUBJ)
        # two subjects are a weak parse's error (one is the object): one actor will do
        return (any if len(subjects) > 1 else all)(is_actor(t, article) for t in subjects)
    if constraint == "obj:actor":
        objects = s.dependents(group, OBJ, DAT) if not s.is_passive(group) else \
            s.dependents(group, PASS_SUBJ, SUBJ)
        return all(is_actor(t, article) for t in objects if not is_reflexive(t))
    if constraint in ("refl", "no-refl"):
        reflexive = any(is_reflexive(t) for t in s.dependents(group, OBJ, DAT))
        return reflexive == (constraint == "refl")
    if constraint == "recipient":
        return bool(s.dependents(group, DAT)) or any(
            p in de.RECIPIENT_PREPOSITIONS for p, _ in s.prepositional(group))
    word = constraint.split(":", 1)[1]
    if constraint.startswith("no-obj:"):
        objects = s.dependents(group, OBJ, PASS_SUBJ) if verbal else []
        return not any(re.search(word, t.lemma_ or t.text, re.IGNORECASE) for t in objects)
    if constraint.startswith("actor-prep:"):  # "Kampf gegen die Taliban", not "gegen Armut"
        return all(is_actor(n, article) for p, n in s.prepositional(group) if p == word)
    attached = {p for p, _ in s.prepositional(group)}
    if not verbal and s.preposition_of(token):
        attached.add(s.preposition_of(token))
    if not verbal and token.i and token.doc[token.i - 1].pos_ == "ADP":
        attached.add(preposition(token.doc[token.i - 1]))
    if verbal and token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "ADP":
        attached.add(preposition(token.doc[token.i + 1]))  # "trifft auf"
    if constraint.startswith("no-prep:"):
        return word not in attached
    # A wanted PP may hang elsewhere in a weak parse: its clause after the verb will do.
    return word in attached or verbal and word in _clause_prepositions(token)


def _clause_prepositions(verb: Token) -> set[str]:
    out = set()
    for token in verb.doc[verb.i + 1:verb.sent.end]:
        if token.text in ",;:":
            break
        if token.pos_ == "ADP":
            out.add(preposition(token))
    return out


def is_actor(token: Token, article) -> bool:
    """A word that can name who acts: an entity (or a phrase holding one), a personal
    pronoun, or a noun of people or groups."""
    if token.i in article.linker.entity_at:
        return article.linker.entity_at[token.i].label in ("PER", "ORG", "LOC")
    if token.pos_ == "PRON":
        if "Yes" in token.morph.get("Poss"):
            return False  # "seinen Rücktritt": whose, not who
        return "Prs" in token.morph.get("PronType") or token.lower_ in _PRONOUNS
    nominal = is_nominal(token) and token.pos_ != "PRON"
    if nominal and token.lower_.endswith(_ACTOR_NOUNS):
        return True
    if nominal and token.text[:1].isupper() and token.text not in de.known_nouns() and \
            not token.lower_.endswith(de.ABSTRACT_NOUN_ENDINGS):
        return True  # a name the model missed ("Veliz"), not a word of the language
    return article.linker.link(token).entity is not None
