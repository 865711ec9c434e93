"""Stage 1b, word senses: a lexicon row applies only when the trigger's arguments fit it.

A trigger word has several senses, and only some are events: "treffen" (meet) wants
actors, not "der Blitz"; "trifft auf" is a match draw; "liefern sich" is no delivery;
"forderte 73 Todesopfer" is a disaster, not a demand. A lexicon row's constraints
(6th column) say what its sense needs; the first row whose constraints hold is the
trigger's sense, and a word whose rows all fail is no event. A constraint about the parse
that cannot be checked (no parse, no such argument) does not reject; without a parse a
wanted preposition is looked for among the words of the trigger's clause. Constraints:

* ``subj:actor`` / ``obj:actor``: the subject (a passive's agent) / the object or dative
  is an actor: an entity, a personal pronoun, or a noun naming people or groups;
* ``prep:X`` / ``no-prep:X``: a PP with preposition X must / must not be attached (to a
  noun trigger: also the PP the noun stands in, "in Anschlag bringen");
* ``refl`` / ``no-refl``: the verb must / must not be reflexive ("sich einigen");
* ``no-obj:REGEX``: the object's lemma (or a noun of the verb's clause) must not match;
* ``intransitive``: the verb takes no object ("demonstriert Einigkeit" shows, not protests);
* ``actor-prep:X``: a PP with preposition X, if there is one, names an actor ("Kampf
  gegen die Taliban", not "Kampf gegen die Armut");
* ``concrete-prep:X``: a PP with preposition X, if there is one, names no content ("Angriff
  auf ein Lager", not "Angriff auf die Bürgerrechte");
* ``not-in:X``: a noun does not stand in a PP with X ("im Gespräch sein", "in einem
  Gespräch mit der Zeitung": no talks);
* ``recipient``: a dative or a recipient PP must be there;
* ``clause`` / ``no-clause``: the verb must / must not govern a clause ("drohte, die
  Gespräche abzubrechen"; "halfen, X in Schutz zu bringen" is no aid);
* ``content``: a speech cue counts only where it introduces a quotation;
* ``no-report``: a speech cue whose object is no claim ("lehnte den Plan ab") makes no
  quotation of its sentence when it has no clause or quote;
* ``quoted-obj``: the speaker of the cue's quotation is its object, or its subject in
  the passive ("zitierte den Minister mit den Worten", "wird mit den Worten zitiert").
* ``named-doer`` (checked by ``arguments``): under a parse, a doer must be a name or an
  office ("Die Reise des Ministers", not "die Reise der Flüchtlinge");
* ``patient-gen`` (read by ``arguments``): the noun's genitive or "von X" is its patient
  ("die Freilassung von X", "die Festnahme des Täters"), not its doer.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from transforms.events.scope import clause_span
from transforms.events.tokens import is_nominal, is_reflexive, is_verb
from transforms.lang import de
from transforms.nlp.syntax import AGENT, CLAUSE, DAT, OBJ, PASS_SUBJ, SUBJ, preposition

_ACTOR_NOUNS = tuple(de.words("group_nouns") | de.words("coref_person_nouns")
                     | de.words("person_titles") | de.words("coref_org_nouns"))
_PRONOUNS = de.words("referring_pronouns")
_EXPLETIVES = de.words("expletives")
_PRONOMINAL_ADVERBS = de.lookup("pronominal_adverbs")
_COMPLEMENT_MARKERS = de.INDIRECT_MARKERS | de.words("infinitive_markers")  # dass, ob, zu
_NON_PERSONAL = _EXPLETIVES | de.words("demonstratives") | de.words("interrogatives")
_KINDS = ("subj:actor", "obj:actor", "refl", "no-refl", "recipient", "clause", "no-clause",
          "intransitive", "content", "no-report", "named-doer", "patient-gen",
          "quoted-obj")
_PREFIXED = ("prep:", "no-prep:", "no-obj:", "actor-prep:", "not-in:", "concrete-prep:")


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
    if constraint in ("no-report", "quoted-obj", "named-doer", "patient-gen"):
        return True  # read by the quotation finder, by the argument stage
    if not article.has_parse:
        if constraint.startswith("prep:"):  # words still show a preposition
            return constraint[5:] in {preposition(t) for t in clause_span(token)}
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
        if (any if len(subjects) > 1 else all)(is_actor(t, article) or _abstract(t)
                                               for t in subjects):
            return True  # an abstract noun as subject is a weak parse's object ("fordert
            # Nachbesserungen"), no refutation of the sense
        # object first, subject after ("das unterstützen wir"), parsed the other way
        return any("Nom" in t.morph.get("Case") and is_actor(t, article)
                   for t in s.dependents(group, OBJ))
    if constraint == "obj:actor":
        objects = s.dependents(group, OBJ, DAT) if not s.is_passive(group) else \
            s.dependents(group, PASS_SUBJ, SUBJ)
        return all(is_actor(t, article, strict=True) for t in objects if not is_reflexive(t))
    if constraint in ("refl", "no-refl"):
        # the parse's reflexive object, or (a weak parse attaches it anywhere) "sich" in
        # the verb's clause: "Worauf haben sich Europarat und UNHCR geeinigt?"
        reflexive = any(is_reflexive(t) for t in s.dependents(group, OBJ, DAT)) or any(
            t.lower_ in de.REFLEXIVES for t in clause_span(token))
        return reflexive == (constraint == "refl")
    if constraint in ("clause", "no-clause"):  # "drohte, die Gespräche abzubrechen"
        # a complement: an infinitive or a "dass" clause, not an adverbial one ("droht
        # der Kollaps, da die Kunden Geld abheben")
        clause = verbal and any(is_verb(c) and ("Inf" in c.morph.get("VerbForm") or any(
            m.lower_ in _COMPLEMENT_MARKERS for m in c.children) or c.lower_.startswith(
                tuple(p + "zu" for p in de.SEPARABLE_PREFIXES)))
            for c in s.dependents(group, CLAUSE))
        return clause == (constraint == "clause")
    if constraint == "intransitive":  # "demonstrierten", not "demonstriert Einigkeit"
        return not any(not is_reflexive(t) for t in s.dependents(group, OBJ))
    if constraint == "recipient":
        return bool(s.dependents(group, DAT)) or any(
            p in de.RECIPIENT_PREPOSITIONS for p, _ in s.prepositional(group))
    word = constraint.split(":", 1)[1]
    if constraint.startswith("no-obj:"):
        # the object, or (a weak parse attaches it anywhere) a noun of the verb's clause:
        # "seine Entscheidung allein ... getroffen"
        objects = s.dependents(group, OBJ, PASS_SUBJ) + [
            t for t in clause_span(token) if t.pos_ == "NOUN"] if verbal else []
        return not any(re.search(word, t.lemma_ or t.text, re.IGNORECASE) for t in objects)
    if constraint.startswith("not-in:"):  # "im Gespräch": an idiom, not a meeting
        return _standing_in(token) != word
    if constraint.startswith("concrete-prep:"):  # "Angriff auf die Bürgerrechte"
        return not any(is_content(n, article) for p, n in s.prepositional(group) if p == word)
    if constraint.startswith("actor-prep:"):  # "Kampf gegen die Taliban", not "gegen Armut"
        return all(is_actor(n, article, strict=True)
                   for p, n in s.prepositional(group) if p == word)
    attached = {p for p, _ in s.prepositional(group)} | {  # "dafür kämpfen": für
        _PRONOMINAL_ADVERBS[c.lower_] for h in group for c in h.children
        if c.lower_ in _PRONOMINAL_ADVERBS}
    if not verbal and s.preposition_of(token):
        attached.add(s.preposition_of(token))
    if not verbal and token.i and token.doc[token.i - 1].pos_ == "ADP":
        attached.add(preposition(token.doc[token.i - 1]))
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "ADP":
        # "trifft auf"; "Kampf gegen Schlepperbanden" whatever the parse attached it to
        attached.add(preposition(token.doc[token.i + 1]))
    if constraint.startswith("no-prep:"):
        return word not in attached
    # A wanted PP may hang elsewhere in a weak parse: its clause after the verb will do.
    return word in attached or verbal and word in _clause_prepositions(token)


def _standing_in(token: Token) -> str | None:
    """The preposition of the PP a noun stands in: its own case marker, or the word
    before its article and adjectives ("in einem Gespräch")."""
    doc, start = token.doc, token.sent.start  # token.sent walks its sentence: once
    k = token.i - 1
    while k >= start and doc[k].pos_ in ("DET", "ADJ", "NUM"):
        k -= 1
    return preposition(doc[k]) if k >= start and doc[k].pos_ == "ADP" else None


def _clause_prepositions(verb: Token) -> set[str]:
    """The prepositions of the verb's clause around it, up to the next punctuation either
    side ("wegen versuchten Suizids verurteilt": a verb-final clause puts them before)."""
    out = set()
    doc, sent = verb.doc, verb.sent
    for span in (doc[verb.i + 1:sent.end], reversed(doc[sent.start:verb.i])):
        for token in span:
            if token.text in ",;:":
                break
            if token.pos_ == "ADP":
                out.add(preposition(token))
            elif token.lower_ in _PRONOMINAL_ADVERBS:
                out.add(_PRONOMINAL_ADVERBS[token.lower_])
    return out


def is_content(token: Token, article) -> bool:
    """A word that names what is said, done or wanted, not whom: "es", "das", an abstract
    noun ("die Integration", "diese Behauptung") or an event or speech noun of the
    lexicon ("den Vorwurf", "Wahlbetrug"), unless it names an entity."""
    entity = article.linker.entity_at.get(token.i)
    if entity is not None:  # "gegen Wahlbetrug" a tagger took for a place is still content
        return entity.label not in ("PER", "ORG") and \
            article.lexicon.noun_lemma(token.lemma_, token.text) is not None
    if token.lower_ in _NON_PERSONAL:  # "bestreitet das", however it was tagged
        return True
    if not is_nominal(token) or token.pos_ == "PRON" or is_actor(token, article):
        return False  # "die Opposition" acts
    return _abstract(token) or article.lexicon.noun_lemma(token.lemma_, token.text) is not None


def _abstract(token: Token) -> bool:
    """An abstract noun by its ending, in the singular or the plural ("Nachbesserungen")."""
    word = token.lower_
    singular = word[:-2] if word.endswith("en") else word[:-1] if word.endswith("n") else word
    return any(w.endswith(de.ABSTRACT_NOUN_ENDINGS)
               for w in (word, singular, token.lemma_.lower()))


def is_actor(token: Token, article, strict: bool = False) -> bool:
    """A word that can name who acts: an entity (or a phrase holding one), a personal
    pronoun, or a noun of people or groups. ``strict``: a capitalised compound of a known
    noun is a word, not a name the model missed ("Schuldenberg")."""
    if token.i in article.linker.entity_at:
        return article.linker.entity_at[token.i].label in ("PER", "ORG", "LOC")
    if token.pos_ == "PRON":
        if "Yes" in token.morph.get("Poss") or token.lower_ in _EXPLETIVES:
            return False  # "seinen Rücktritt": whose, not who; "es" stands for a clause
        antecedent = article.syntax.relative_antecedent(token)
        if antecedent is not None:  # "die Männer, die ...": who the relative names
            return is_actor(antecedent, article)
        return "Prs" in token.morph.get("PronType") or token.lower_ in _PRONOUNS
    nominal = is_nominal(token) and token.pos_ != "PRON"
    if nominal and (token.lower_.endswith(_ACTOR_NOUNS)
                    or token.lemma_.lower().endswith(_ACTOR_NOUNS)):
        return True  # "Politiker", "des Ministers"
    if nominal and token.text[:1].isupper() and token.text not in de.known_nouns() and \
            not _abstract(token) and not (strict and de.known_compound(token.text)):
        return True  # a name the model missed ("Veliz"), not a word of the language
    return article.linker.link(token).entity is not None
