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
from bisect import bisect_left

from spacy.tokens import Token

from transforms.coref.linking import Argument
from transforms.entities.canonical import Entity
from transforms.events.senses import is_actor
from transforms.events.tokens import is_nominal, is_reflexive, is_time_word
from transforms.lang import de
from transforms.nlp.syntax import (AGENT, APPOS, CONJ, DAT, FLAT, OBJ, PASS_SUBJ, SUBJ,
                                   noun_phrase, verb_lemma)
from transforms.quotes.model import SUBJECT_SPEAKS, Cue

_DEMONSTRATIVES = de.words("demonstratives")
_EXPLETIVES = de.words("expletives")  # "heißt es": nobody speaks
_OBLIQUE_PRONOUNS = de.words("oblique_pronouns")
_PASSIVE_AUXILIARIES = de.words("passive_auxiliaries")
_SOURCE_PLACE_PREPOSITIONS = de.words("source_place_prepositions")
_SOURCE_NOUNS = tuple(de.SOURCE_NOUNS)
_ADDRESSEE_PREPOSITIONS = de.words("addressee_prepositions")
# Without a usable parse the speaker is looked for near the verb, never further than a
# subject stands from it: a noun phrase with a name in apposition before the verb
# ("Der Sprecher des Ministeriums Peter Müller sagte"), a short one after it (", sagte
# der Minister Peter Müller"). A longer reach finds the actor of another clause, and
# costs a scan of the whole sentence per cue in a text without sentence ends.
_REACH_BEFORE = 10
_REACH_AFTER = 6
_REACH_AFTER_WEAK = 3  # past a subject the parse found but that is no actor
_REACH_PREVIOUS = 15  # back to the clause before (", sagte aber"): its subject speaks
_REACH_OPENING = 12  # the actor opening the sentence before an insertion
_REACH_PASSIVE = 15  # back from a participle to its "wurde"
_REACH_SOURCE = 10  # back from "heißt es" to "In der Erklärung"
_SOURCE_PHRASE = 5  # tokens from "in"/"bei"/"aus" to the source's noun


def of_verb(cue: Cue, article, excluded) -> Argument | None:
    """``excluded(i)``: whether token i belongs to the quotation."""
    s, doc = article.syntax, article.doc
    verb = doc[cue.tokens[0]]
    sent = article.sentences.at(verb.i)
    group = s.verb_group(verb) if verb.pos_ in ("VERB", "AUX") else [verb]
    passive = s.is_passive(group) or _passive_by_words(verb)
    if cue.quoted_object:  # "zitierte den Minister mit ...", "wird ... zitiert"
        quoted = s.dependents(group, PASS_SUBJ, SUBJ) if passive else s.dependents(group, OBJ)
        for token in quoted:
            if _usable(token, excluded, article):
                return _named(token, article)
    candidates = s.dependents(group, SUBJ)
    if not candidates and s.role(verb) == CONJ:  # "X dankte ... und ergänzte, ..."
        first = _coordinated_with(verb, s)
        candidates = s.dependents(s.verb_group(first), SUBJ) if first is not None else []
    if passive:
        candidates = [t for t in s.dependents(group, AGENT) if t.pos_ != "ADP"] + [
            n for p, n in s.prepositional(group) if p in de.AGENT_PREPOSITIONS]
    weak = None  # a subject no actor ("Als Begründung sagte ein Forscher"): the parse's
    for token in candidates:  # error, unless no actor stands near the verb
        if _usable(token, excluded, article):
            if passive or is_actor(token, article):
                return _named(token, article)
            weak = weak or token
    nearby = doc[max(sent.start, verb.i - 1):min(sent.end, verb.i + 2)]
    if any(t.lower_ in _EXPLETIVES for t in [*candidates, *nearby]):
        return _source_place(group, sent, article, excluded)  # "In der Erklärung heißt es"
    if passive:
        return None
    if weak is not None:
        actor = _first_actor(range(verb.i + 1, min(sent.end, verb.i + 1 + _REACH_AFTER_WEAK)),
                             excluded, article)
        return actor or _named(weak, article)
    # No usable parse: the subject is the clause's first actor before the verb, or (after
    # a comma or a quote: ", sagte Putin") the first one after it.
    before = _first_actor(range(verb.i - 1, max(sent.start, verb.i - _REACH_BEFORE) - 1, -1),
                          excluded, article)
    after = _first_actor(range(verb.i + 1, min(sent.end, verb.i + 1 + _REACH_AFTER)),
                         excluded, article)
    inverted = verb.i > sent.start and (doc[verb.i - 1].text in ",;:"
                                        or doc[verb.i - 1].text in de.CLOSING_QUOTES)
    found = (after or before) if inverted else (before or after)
    if found is None and inverted and doc[verb.i - 1].text == ",":
        found = _previous_subject(verb, sent, article, excluded) or \
            _opening_actor(sent, verb, article, excluded)
    # "Aus Regierungskreisen verlautete, ...": nobody speaks but where it is heard
    return found or _source_place(group, sent, article, excluded)


def _opening_actor(sent, verb: Token, article, excluded) -> Argument | None:
    """"Todor Kolarow, dessen Behörde ... zuständig ist, sagte, ...": the actor that opens
    the sentence, before the insertion the parse lost the subject in."""
    doc = article.doc
    window = min(verb.i, sent.start + _REACH_OPENING)
    stop = next((t.i for t in doc[sent.start:window] if t.text in ",;:"), window)
    return _first_actor(range(sent.start, stop), excluded, article)


def _coordinated_with(verb: Token, s) -> Token | None:
    """The first verb of a coordination the verb closes (UD: its head; TIGER: the head
    of the conjunction that heads it)."""
    head = verb.head
    if head.pos_ == "CCONJ" and head.head.i != head.i:
        head = head.head
    return head if head.i != verb.i and head.pos_ in ("VERB", "AUX") else None


def _previous_subject(verb: Token, sent, article, excluded) -> Argument | None:
    """"X wollte sich nicht festlegen, sagte aber, ...": a verb after a comma with no
    subject of its own shares the subject of the clause before it."""
    s = article.syntax
    for token in reversed(article.doc[max(sent.start, verb.i - _REACH_PREVIOUS):verb.i - 1]):
        if token.pos_ in ("VERB", "AUX"):
            for subject in s.dependents(s.verb_group(token), SUBJ):
                if _usable(subject, excluded, article):
                    return _named(subject, article)
    return None


def of_cue(cue: Cue, words, quote, before, sents, article) -> Argument | None:
    """The speaker a cue names for ``quote``: a speech verb's subject; an attribution
    phrase's noun phrase (``words``); "demnach" (``words`` None): like a pronoun, its own
    words standing for the speaker of the latest claim before it among ``before`` (in
    text order; that speaker when it names no entity); "nach eigenen Angaben"
    (``words`` is ``SUBJECT_SPEAKS``): the sentence's subject."""
    if cue.verb:
        return of_verb(cue, article, quote.covers)
    if words is None:  # a pro-form of the source: its own words, the source's entity
        previous = _latest_speaking(before, quote.start)
        source = previous.speaker if previous is not None else None
        form = article.doc[cue.tokens[0]:cue.tokens[-1] + 1]
        if source is not None and source.entity is None:
            return source
        return Argument.of_span(form, source.entity if source is not None else None)
    if words is SUBJECT_SPEAKS:  # like a possessive pronoun: its words, the subject's entity
        root = sents.at(cue.tokens[0]).root
        subject = of_verb(verb_cue(root), article, lambda i: False)  # in the claim too
        own = article.doc[cue.words[0] + 1:cue.words[-1] + 1]  # "eigenen Angaben"
        if subject is not None and subject.entity is None:
            return subject
        return Argument.of_span(own, subject.entity if subject is not None else None)
    return of_phrase(words, article) if words else None


def _latest_speaking(before, start: int):
    """The last quotation of ``before`` (sorted by start) with a speaker that starts
    before ``start``."""
    k = bisect_left(before, start, key=lambda q: q.start)
    while k > 0:
        k -= 1
        if before[k].speaker is not None:
            return before[k]
    return None


def named_actor(sent, article) -> Argument | None:
    """The subject of a sentence's main verb when it names a person or an organisation
    (whose words a subjunctive sentence after it may report)."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    speaker = of_verb(verb_cue(root), article, lambda i: False)
    if speaker is not None and speaker.entity is not None and \
            speaker.entity.label in ("PER", "ORG"):
        return speaker
    return None


def verb_cue(verb: Token) -> Cue:
    """A verb as the cue of a clause no speech verb introduces (whose subject speaks)."""
    return Cue((verb.i,), verb.text, verb.lemma_, verb.idx, verb.idx + len(verb.text), True)


def _first_actor(positions, excluded, article) -> Argument | None:
    doc, s, linker = article.doc, article.syntax, article.linker
    for i in positions:
        token = doc[i]
        if excluded(i) or token.text in ",;:" or token.text in de.CLOSING_QUOTES:
            return None
        if s.preposition_of(token) is not None or not _usable(token, excluded, article) \
                or _oblique(token):
            continue
        if i in linker.entity_at and linker.entity_at[i].label in ("PER", "ORG") or \
                is_nominal(token) and is_actor(token, article):
            return _named(token, article)
    return None


def _passive_by_words(verb: Token) -> bool:
    """A participle with a form of "werden" in its clause ("wurden ... abgelehnt"), when
    the parse does not say: its subject suffered, did not speak."""
    if "Part" not in verb.morph.get("VerbForm"):
        return False
    for token in reversed(verb.doc[max(0, verb.i - _REACH_PASSIVE):verb.i]):
        if token.text in ",;:":
            return False
        if verb_lemma(token) in _PASSIVE_AUXILIARIES:
            return True
        if token.is_sent_start:  # the model's sentence: its parse
            return False
    return False


def _oblique(token: Token) -> bool:
    """A dative or accusative word (or one after such an article) is no subject: "Die
    Regierung wirft den Rebellen vor"."""
    if token.lower_ in _OBLIQUE_PRONOUNS:
        return True
    cases = set(token.morph.get("Case"))
    before = token.doc[token.i - 1] if token.i else None
    if before is not None and before.pos_ == "DET":
        cases |= set(before.morph.get("Case"))
    return bool(cases) and not cases & {"Nom"}


def _source_place(group, sent, article, excluded) -> Argument | None:
    """"In einer Erklärung des Präsidenten heißt es": the document a claim is read in
    (by the parse, else the first such phrase of the clause before the verb)."""
    for prep, noun in article.syntax.prepositional(group):
        if prep in _SOURCE_PLACE_PREPOSITIONS and not excluded(noun.i):
            return _named(noun, article)
    doc, verb = article.doc, group[0]
    for token in doc[max(sent.start, verb.i - _REACH_SOURCE):verb.i]:
        if token.text in ",;:":
            break
        if token.lower_ in _SOURCE_PLACE_PREPOSITIONS and not excluded(token.i):
            noun = next((t for t in doc[token.i + 1:min(verb.i, token.i + _SOURCE_PHRASE)]
                         if is_nominal(t) and t.pos_ != "PRON"), None)
            if noun is not None:
                return _named(noun, article)
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
    for noun in (t for t in words if is_nominal(t)
                 and not t.lower_.endswith(_SOURCE_NOUNS)):
        linked = linker.link(noun)  # "der Sprecher", "seiner": through coreference
        if linked.entity is not None:
            return Argument(phrase.text, phrase.start, phrase.end, linked.entity, phrase.tokens)
    return phrase if any(c.isalpha() for t in words for c in t.text) else None


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
    if excluded(token.i) or is_time_word(token) or token.lower_ in _DEMONSTRATIVES \
            or token.lower_ in _EXPLETIVES or is_reflexive(token):
        return False
    if token.pos_ == "PRON" and "Rel" in token.morph.get("PronType"):
        return False  # "der" of a relative clause: its antecedent speaks
    linker = article.linker
    entity = linker.entity_at.get(token.i)
    if entity is not None and entity.label == "LOC" and \
            article.syntax.preposition_of(token) is not None:
        return False  # "in Berlin": where, not who
    if token.pos_ == "DET" and article.syntax.role(token) == SUBJ:
        return True  # "Dieser bestätigte, ...": a determiner standing for its noun
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
