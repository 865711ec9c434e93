"""Stage 1, triggers: the lexicon words of a sentence that name an event.

Verbs by lemma, lookup table or stem, separable verbs with their particle ("feuerte ...
ab" -> abfeuern), nouns by lemma or as the head of a compound ("Waffenlieferungen" ->
Waffenlieferung). A verb with a separated particle is another verb: "trifft ... zu" is
"zutreffen", which is no meeting, so the bare "treffen" does not match it (but "sagte
weiter" still says: a few particles only mark that something goes on). A compound's
first part must be a word, not a derivational prefix ("Entwarnung" is no "Warnung"). Of a
lemma's lexicon rows, the first whose cue and constraints fit the trigger's arguments is
its sense (``senses``); a word whose rows all fail is no event. In a sports or culture
article, violence and diplomacy need words of real violence or politics in their sentence
(``lang/de/topic_senses.tsv``: "Mattersburg empfängt St. Pölten" is a home game). A token
inside an entity mention is never a trigger, and a noun that names the action of a verb
of its sentence again is none either.

:func:`sense` is shared with the quotation finder (speech cues are lexicon rows too).
Takes a sentence and the article context; gives :class:`Trigger` s in text order.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.events import senses
from transforms.events.lexicon import Entry
from transforms.events.mention import Trigger
from transforms.events.tokens import is_finite, is_noun, is_verb, verb_like
from transforms.events.types import event_types
from transforms.lang import de
from transforms.nlp.syntax import PARTICLE

_PARTICLE_TAG = de.TAGS["particle"]
_CLAUSE_END = {".", "!", "?", ",", ";", ":"}
_PREFIXES = tuple(de.words("derivational_prefixes"))
_PREFIX_WORDS = frozenset(de.SEPARABLE_PREFIXES)
_ASPECT_PARTICLES = de.words("aspect_particles")
_INFINITIVE_MARKERS = de.words("infinitive_markers")
# Tokens after a verb in which its separated particle may stand without a parse: a long
# middle field ("gab die Polizei am Montag in einer Erklärung ... bekannt") but not the
# rest of a sentence with no end, scanned once per verb.
_PARTICLE_REACH = 25


@dataclass(frozen=True)
class Sense:
    entry: Entry
    particle: Token | None  # the separated particle that made the lemma ("ab")


def find(sent: Span, article) -> list[Trigger]:
    out = []
    needs = _topic_needs().get(article.row.get("topic"), {})
    for token in sent:
        found = sense(token, sent, article)
        if found is None or not found.entry.is_event:
            continue
        entry = found.entry
        need = needs.get(entry.event_type)
        if need is not None and not need.search(sent.text):
            continue  # a match report is no war (lang/de/topic_senses.tsv)
        out.append(Trigger(token, entry.lemma, event_types()[entry.event_type],
                           entry.event_mode, found.particle, entry.constraints,
                           entry.pos == "VERB"))
    return _one_per_action(out)


def _one_per_action(found: list[Trigger]) -> list[Trigger]:
    """"Bei der Festnahme nahm die Polizei ... fest", "einigten sich auf eine Waffenruhe":
    a noun of a verb's type that is of its mode too, or the verb's own argument, names
    the verb's action again; the verb (with its arguments) stays."""
    verbs = [t for t in found if t.verbal]
    return [t for t in found if t.verbal or not any(
        v.type.name == t.type.name and (v.mode == t.mode or t.token.head.i == v.token.i)
        for v in verbs)]


@functools.lru_cache(maxsize=1)
def _topic_needs() -> dict[str, dict[str, re.Pattern]]:
    out: dict[str, dict[str, re.Pattern]] = {}
    for topic, event_type, pattern in de.table("topic_senses.tsv"):
        out.setdefault(topic, {})[event_type] = re.compile(pattern)
    return out


def sense(token: Token, sent: Span, article, ignore: frozenset = frozenset()) -> Sense | None:
    """The lexicon row a word stands for here, constraints checked (but ``ignore``)."""
    # The events and the quotes both ask, each with its own sentences (the quotes mend
    # the model's false boundaries): a separated particle is looked for in the sentence.
    memo = article.memo.setdefault(_word, {})
    key = (token.i, sent.start, sent.end)
    if key not in memo:
        memo[key] = _word(token, sent, article)
    if memo[key] is None:
        return None
    pos, lemma, particle, context = memo[key]
    for entry in article.lexicon.candidates(pos, lemma, context):
        constraints = tuple(c for c in entry.constraints if c not in ignore)
        if senses.fits(constraints, token, article):
            return Sense(entry, particle)
    return None


def _word(token: Token, sent: Span, article) -> tuple | None:
    """(pos, lexicon lemma, particle, context words) of a word, or None: what
    :func:`sense` looks up before it checks constraints."""
    if token.i in article.linker.entity_at or not _wordlike(token.text):
        return None
    found = None
    if verb_like(token):
        found = _verb_lemma(token, sent, article)
    if found is not None:
        pos, (lemma, particle) = "VERB", found
    elif is_noun(token):
        pos, lemma, particle = "NOUN", _noun_lemma(token, article.lexicon), None
        if lemma is None:
            return None
    else:
        return None
    return pos, lemma, particle, _context(token)


def _wordlike(text: str) -> bool:
    """Letters, or a hyphenated compound ending in a word ("G8-Gipfel")."""
    return text.isalpha() or "-" in text and text.rsplit("-", 1)[1].isalpha()


def _verb_lemma(token: Token, sent: Span, article) -> tuple[str, Token | None] | None:
    lexicon = article.lexicon
    particle = _particle(token, sent, article)
    if particle is not None and particle.lower_ in _ASPECT_PARTICLES:
        particle = None  # "sagte weiter": still saying
    if particle is not None:
        lemma = lexicon.verb_lemma(token.lemma_, token.text, particle.lower_)
        if lemma is None or not lemma.startswith(particle.lower_):
            return None  # "trifft ... zu" is zutreffen, not treffen
        used = particle if not token.lemma_.lower().startswith(particle.lower_) else None
        return lemma, used
    lemma = lexicon.verb_lemma(token.lemma_, token.text)
    return (lemma, None) if lemma is not None else None


def _noun_lemma(token: Token, lexicon) -> str | None:
    lemma = lexicon.noun_lemma(token.lemma_, token.text)
    if lemma is None:
        return None
    word = token.lower_
    at = word.rfind(lemma)
    modifier = word[:at] if at > 0 else ""
    if modifier and not modifier.endswith("-") and (
            len(modifier) < 3 or modifier in _PREFIXES or modifier in _PREFIX_WORDS):
        return None  # "Entwarnung", "Herausforderung": a derivation, not a compound
    if modifier and _longer_head(token.text, len(word) - at):
        return None  # "Grundwasserverunreinigungen" ends in Verunreinigung, not Einigung
    return lemma


def _longer_head(word: str, length: int) -> bool:
    """Whether a word of the language ends the compound and is longer than its lexicon
    head: then that word, not the lexicon's, is the compound's head."""
    known = de.known_nouns()
    return any(word[k:].capitalize() in known for k in range(1, len(word) - length)
               if "-" not in word[k:])


def _particle(verb: Token, sent: Span, article) -> Token | None:
    for child in verb.children:
        # a weak parse also attaches adverbs so ("telefonierten miteinander")
        if child.tag_ == _PARTICLE_TAG or article.syntax.role(child) == PARTICLE and \
                child.lower_ in _PREFIX_WORDS:
            return child
    before = article.doc[verb.i - 1] if verb.i > sent.start else None
    if before is not None and before.lower_ in _PREFIX_WORDS and \
            "Fin" not in verb.morph.get("VerbForm") and before.lower_ not in _INFINITIVE_MARKERS:
        return before  # "bekannt gegeben", "fest genommen": written apart ("zu geben" is not)
    # A weak parse may leave the particle unattached: the next particle of the clause,
    # or a prefix word that ends the clause ("gab die Festnahme bekannt.", tagged ADJ).
    doc = article.doc
    for token in doc[verb.i + 1:min(sent.end, verb.i + 1 + _PARTICLE_REACH)]:
        if token.tag_ == _PARTICLE_TAG:
            return token
        if is_verb(token) and is_finite(token) or token.text in ",;:":
            return None
        ends = token.i + 1 >= sent.end or doc[token.i + 1].text in _CLAUSE_END
        if ends and token.lower_ in _PREFIX_WORDS and "Fin" in verb.morph.get("VerbForm"):
            return token
    return None


def _context(token: Token) -> list[str]:
    """The words a lexicon cue is matched against: nouns near the trigger (as lemmas)
    and every word form near it."""
    doc = token.doc
    window = doc[max(token.sent.start, token.i - 8):min(token.sent.end, token.i + 12)]
    return [t.lemma_ or t.text for t in window if t.pos_ in ("NOUN", "PROPN", "")
            or t.tag_.startswith(de.TAGS["noun_prefix"])] + [t.text for t in window]
