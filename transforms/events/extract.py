"""Event extraction: who did what to whom, where, when, and who says so.

Runs on the same annotated rows as entity extraction. For each sentence:

1. **Triggers** come from the lexicon (``transforms/data/event_lexicon.tsv``): verbs by
   lemma or stem, separable verbs with their particle ("feuerte ... ab" -> abfeuern),
   nouns by lemma or as the head of a compound ("Waffenlieferungen" -> Waffenlieferung).
2. **Arguments** come from the parse through ``transforms.syntax`` (TIGER or UD):
   subject/agent -> actor1, object/dative/"mit"-PP/co-ordinated subject -> actor2,
   genitive attribute and "zwischen"/"von" PPs of a nominal trigger, the subject of the
   verb a nominal trigger is the object of. Each is linked to the article's entity it is
   or contains. Without a parse (or when the parse gives nothing) the nearest entities
   in the sentence stand in, and the event's confidence says so.
3. **Location**: a PP with in/auf/nach/aus, else a place entity of the sentence.
   **Time**: an explicit expression in the sentence, resolved against the article date.
4. **Modality**: negated > conditional > planned > speculative > reported > asserted,
   from the verb group (modals and their mood, future "werden"), negation, "falls"/
   "wenn", planning verbs and words, hedges, and attribution.
5. **Source**: who claims it: "X zufolge", "laut X", "nach Angaben von X", "nach
   südkoreanischen Angaben", a speech verb's subject ("teilte X mit", "sagte X"), a
   headline "X: ...". STATEMENT events are the speech acts themselves, with the quote.

German cue words live in ``transforms.german``; nothing here names a German word.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources

import apache_beam as beam
from spacy.tokens import Doc, Span, Token

from transforms import canonical, german, time_expressions
from transforms.errors import ERRORS_TAG, SafeExtractFn
from transforms.provenance import row_provenance
from transforms.event_lexicon import Lexicon, cameo_mapping, load, verb_stem
from transforms.syntax import Syntax, noun_phrase, preposition, verb_lemma

EXTRACTOR = "newsbeam-events/1"
LOCATION_PREPOSITIONS = frozenset({"in", "auf", "nach", "aus"})
_ACTOR1_PREPOSITIONS = frozenset({"von", "durch", "seitens"})
_ACTOR2_PREPOSITIONS = frozenset({"mit", "gegen"})
_RECIPIENT_PREPOSITIONS = frozenset({"an", "nach"})  # "Lieferung an Russland"
_RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT", "REJECT"})


@dataclass
class Argument:
    text: str
    start: int
    end: int
    entity: canonical.Entity | None = None
    tokens: frozenset = frozenset()

    def row(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "entity_key": self.entity.key if self.entity else None,
                "canonical_name": self.entity.canonical_name if self.entity else None,
                "label": self.entity.label if self.entity else None}


@dataclass
class Event:
    trigger: Token
    trigger_end: int  # token index after the trigger (a particle may extend the text)
    lemma: str
    event_type: str
    event_mode: str
    actor1: Argument | None = None
    actor2: Argument | None = None
    location: Argument | None = None
    source: Argument | None = None
    modality: str = "asserted"
    time: time_expressions.TimeExpression | None = None
    quote: tuple[str, int, int, str] | None = None
    fallback: bool = False
    particle: Token | None = None


@functools.lru_cache(maxsize=1)
def demonyms() -> tuple[tuple[str, str], ...]:
    text = resources.files("transforms").joinpath("data/demonyms_de.tsv").read_text("utf-8")
    pairs = [line.split("\t") for line in text.splitlines()
             if line.strip() and not line.startswith("#")]
    return tuple(sorted(((stem, place) for stem, place in pairs), key=lambda p: -len(p[0])))


class ArticleEvents:
    """Event extraction over one article's Doc."""

    def __init__(self, doc: Doc, lexicon: Lexicon, scheme: str | None, has_parse: bool,
                 entities: list[canonical.Entity] | None = None):
        self.doc = doc
        self.lexicon = lexicon
        self.syntax = Syntax(scheme if has_parse else None)
        self.has_parse = has_parse
        self.entities = canonical.resolve(doc) if entities is None else entities
        self.entity_at: dict[int, canonical.Entity] = {}
        self.mention_span: dict[int, tuple[int, int]] = {}
        for entity in self.entities:
            for m in entity.mentions:
                for i in range(m.token_start, m.token_end):
                    self.entity_at[i] = entity
                    self.mention_span[i] = (m.token_start, m.token_end)
        self.places = {e.canonical_name: e for e in self.entities if e.label == "LOC"}

    # --- entry point ----------------------------------------------------------------

    def extract(self) -> list[tuple[Event, Span, int]]:
        out = []
        for index, sent in enumerate(self.doc.sents):
            sentence_events = self._triggers(sent)
            if not sentence_events:
                continue
            source = self._sentence_source(sent, sentence_events)
            times = time_expressions.find(sent.text, sent.start_char)
            for event in sentence_events:
                self._arguments(event, sent)
                if event.event_type == "STATEMENT":
                    self._statement(event, sent)
                    event.source = event.actor1
                elif source is not None and not self._is_actor(source, event):
                    event.source = source
                event.location = self._location(event, sent)
                event.time = _nearest(times, event.trigger.idx)
                event.modality = self._modality(event)
                out.append((event, sent, index))
        return out

    # --- triggers -------------------------------------------------------------------

    def _triggers(self, sent: Span) -> list[Event]:
        events = []
        for token in sent:
            if token.i in self.entity_at or not token.is_alpha:
                continue
            event = self._verb_trigger(token, sent) if _verb_like(token) else None
            if event is None and _is_noun(token):
                event = self._noun_trigger(token)
            if event is not None:
                events.append(event)
        return events

    def _verb_trigger(self, token: Token, sent: Span) -> Event | None:
        particle = self._particle(token, sent)
        lemma = None
        if particle is not None:
            lemma = self.lexicon.verb_lemma(token.lemma_, token.text, particle.lower_)
        lemma = lemma or self.lexicon.verb_lemma(token.lemma_, token.text)
        if lemma is None:
            return None
        entry = self.lexicon.lookup("VERB", lemma, self._context_lemmas(token))
        if entry is None:
            return None
        used_particle = particle if particle is not None and lemma.startswith(particle.lower_) \
            and not token.lemma_.lower().startswith(particle.lower_) else None
        return Event(token, token.i + 1, entry.lemma, entry.event_type, entry.event_mode,
                     particle=used_particle)

    def _noun_trigger(self, token: Token) -> Event | None:
        lemma = self.lexicon.noun_lemma(token.lemma_, token.text)
        if lemma is None:
            return None
        entry = self.lexicon.lookup("NOUN", lemma, self._context_lemmas(token))
        if entry is None:
            return None
        return Event(token, token.i + 1, entry.lemma, entry.event_type, entry.event_mode)

    def _particle(self, verb: Token, sent: Span) -> Token | None:
        for child in verb.children:
            if self.syntax.role(child) == german.PARTICLE or child.tag_ == german.PARTICLE_TAG:
                return child
        # A weak parse may leave the particle unattached: the next PTKVZ of the clause.
        for token in self.doc[verb.i + 1:sent.end]:
            if token.tag_ == german.PARTICLE_TAG:
                return token
            if _is_verb(token) and "Fin" in token.morph.get("VerbForm") or token.text in ",;:":
                return None
        return None

    def _context_lemmas(self, token: Token) -> list[str]:
        window = self.doc[max(token.sent.start, token.i - 8):min(token.sent.end, token.i + 12)]
        return [t.lemma_ or t.text for t in window if t.pos_ in ("NOUN", "PROPN", "")
                or t.tag_.startswith("NN")] + [t.text for t in window]

    # --- arguments ------------------------------------------------------------------

    def _arguments(self, event: Event, sent: Span) -> None:
        s = self.syntax
        token = event.trigger
        if _is_verb(token):
            group = s.verb_group(token)
            if s.is_passive(group):
                actor1 = [t for t in s.dependents(group, german.AGENT) if t.pos_ != "ADP"] + [
                    n for p, n in self._pps(group) if p in _ACTOR1_PREPOSITIONS]
                actor2 = s.dependents(group, german.PASS_SUBJ, german.SUBJ)
            else:
                actor1 = s.dependents(group, german.SUBJ)
                actor2 = [t for t in s.dependents(group, german.DAT, german.OBJ)
                          if not _reflexive(t)]
                actor2.sort(key=lambda t: (t.i not in self.entity_at, t.i))
            actor2 += [n for p, n in self._pps(group) if p in _ACTOR2_PREPOSITIONS]
        else:
            group = [token]
            actor1 = s.dependents(group, german.GEN) + self._prenominal_genitive(token)
            actor2 = []
            aid = event.event_type == "AID"
            for prep, noun in self._pps(group):
                if prep == "zwischen":
                    actor1.append(noun)
                    actor2 += s.conjuncts(noun)
                elif (prep in _ACTOR1_PREPOSITIONS or (prep == "aus" and aid)) and \
                        self._names_entity(noun):  # "Lieferung von Waffen": a theme
                    actor1.append(noun)
                elif prep in _ACTOR2_PREPOSITIONS or (prep in _RECIPIENT_PREPOSITIONS and aid):
                    actor2.append(noun)
            governor = token.head if s.role(token) in (german.OBJ, german.SUBJ) else None
            if not actor1 and governor is not None and _is_verb(governor):
                actor1 = s.dependents(s.verb_group(governor), german.SUBJ)
        if actor1 and not actor2 and (event.event_type in _RECIPROCAL):
            actor2 = s.conjuncts(actor1[0])
        event.actor1 = self._link(actor1[0]) if actor1 else None
        event.actor2 = self._link(actor2[0]) if actor2 else None
        if event.actor1 is None or (event.actor1.entity is None and not self.has_parse):
            self._nearest_actors(event, sent)

    def _pps(self, heads: list[Token]) -> list[tuple[str, Token]]:
        """PPs of ``heads`` that are not time expressions ("am Dienstag", "im Juli")."""
        return [(p, n) for p, n in self.syntax.prepositional(heads) if not _time_word(n)]

    def _names_entity(self, token: Token) -> bool:
        return self._link(token).entity is not None

    def _prenominal_genitive(self, token: Token) -> list[Token]:
        """"Kims Reise": a name right before a noun trigger, in the genitive."""
        if token.i == 0:
            return []
        previous = self.doc[token.i - 1]
        entity = self.entity_at.get(previous.i)
        if entity is not None and (previous.text.endswith("s") or "Gen" in previous.morph.get("Case")):
            return [previous]
        return []

    def _nearest_actors(self, event: Event, sent: Span) -> None:
        """No parse, or none that helps: the nearest entities stand in."""
        used = self._used_tokens(event)
        candidates = [i for i in range(sent.start, sent.end)
                      if i in self.entity_at and i not in used
                      and self.entity_at[i].label in ("PER", "ORG", "LOC")
                      and self.syntax.preposition_of(self.doc[i]) is None
                      and not self._in_source_phrase(i)]
        if not candidates:
            return
        trigger = event.trigger.i
        first = min(candidates, key=lambda i: (abs(i - trigger), i))
        event.actor1 = self._link(self.doc[first])
        event.fallback = True
        if event.actor2 is None:
            rest = [i for i in candidates if self.entity_at[i] is not self.entity_at[first]]
            if rest:
                event.actor2 = self._link(self.doc[min(rest, key=lambda i: abs(i - trigger))])

    def _in_source_phrase(self, i: int) -> bool:
        window = self.doc[max(0, i - 4):min(len(self.doc), i + 2)]
        return any(t.lower_ in german.SOURCE_POSTPOSITIONS | german.SOURCE_NOUNS
                   | german.SOURCE_PREPOSITIONS for t in window)

    def _link(self, token: Token) -> Argument:
        """An argument: the entity the token is part of, or the nearest one in its noun
        phrase (appositions and names first), else the noun phrase as text."""
        entity = self.entity_at.get(token.i)
        if entity is not None:
            start, end = self.mention_span[token.i]
            named = self._named_head_after_genitive(start, end)
            if named is not None:
                return named
            return self._argument(self.doc[start:end], entity)
        phrase = noun_phrase(token)
        named = [c.i for c in token.children if c.i in self.entity_at
                 and self.syntax.role(c) in (german.APPOS, german.FLAT)]
        inside = named or [i for i in range(phrase.start, phrase.end) if i in self.entity_at]
        if not inside:
            inside = [t.i for t in token.subtree if t.i in self.entity_at
                      and self.syntax.role(t) in (german.APPOS, german.FLAT, german.GEN, None)]
        if inside:
            best = min(inside, key=lambda i: abs(i - token.i))
            start, end = self.mention_span[best]
            return self._argument(self.doc[start:end], self.entity_at[best])
        return self._argument(phrase, None)

    def _named_head_after_genitive(self, start: int, end: int) -> Argument | None:
        """A prenominal genitive never heads its phrase: in "Nordkoreas Machthaber Kim
        Jong Un" the referent is the name that follows the head noun, whatever the parse
        attached to what."""
        if not self.doc[end - 1].text.endswith("s") or end + 1 >= len(self.doc):
            return None
        head = self.doc[end]
        if not (head.pos_ == "NOUN" or head.tag_ == "NN") or head.i in self.entity_at:
            return None
        name = self.entity_at.get(end + 1)
        if name is None or name.label != "PER":
            return None
        n_start, n_end = self.mention_span[end + 1]
        return self._argument(self.doc[n_start:n_end], name)

    @staticmethod
    def _argument(span: Span, entity: canonical.Entity | None) -> Argument:
        return Argument(span.text, span.start_char, span.end_char, entity,
                        frozenset(range(span.start, span.end)))

    def _used_tokens(self, event: Event) -> set[int]:
        used: set[int] = set()
        for arg in (event.actor1, event.actor2, event.source):
            if arg is not None:
                used |= arg.tokens
        return used

    @staticmethod
    def _is_actor(source: Argument, event: Event) -> bool:
        return any(a is not None and (a.tokens & source.tokens or (
            a.entity is not None and a.entity is source.entity))
            for a in (event.actor1,))

    # --- location ---------------------------------------------------------------------

    def _location(self, event: Event, sent: Span) -> Argument | None:
        s = self.syntax
        heads = s.verb_group(event.trigger) if _is_verb(event.trigger) else [event.trigger]
        used = self._used_tokens(event)
        for prep, noun in self._pps(heads):
            if prep in LOCATION_PREPOSITIONS:
                arg = self._link(noun)
                if not arg.tokens & used and arg.entity is not None and arg.entity.label == "LOC":
                    return arg
        for i in range(sent.start, sent.end):  # a place entity of the sentence
            entity = self.entity_at.get(i)
            if (entity is not None and entity.label == "LOC" and i not in used
                    and self._preposition_before(i) in LOCATION_PREPOSITIONS):
                start, end = self.mention_span[i]
                return self._argument(self.doc[start:end], entity)
        return None

    def _preposition_before(self, i: int) -> str | None:
        by_parse = self.syntax.preposition_of(self.doc[i])
        if by_parse:
            return by_parse
        for token in reversed(self.doc[max(0, i - 3):i]):
            if token.pos_ == "ADP":
                return preposition(token)
        return None

    # --- statements and sources --------------------------------------------------------

    def _sentence_source(self, sent: Span, events: list[Event]) -> Argument | None:
        tokens = list(sent)
        for k, token in enumerate(tokens):
            low = token.lower_
            if low in german.SOURCE_POSTPOSITIONS and k > 0:  # "X zufolge"
                arg = self._source_phrase(tokens[:k][-6:], before=True)
                if arg is not None:
                    return arg
            if low in german.SOURCE_PREPOSITIONS:  # "laut X"
                arg = self._source_phrase(tokens[k + 1:k + 7], before=False)
                if arg is not None:
                    return arg
            if low in german.SOURCE_NOUNS and k > 0 and any(
                    t.lower_ == "nach" for t in tokens[max(0, k - 3):k]):  # "nach Angaben ..."
                arg = self._source_phrase(tokens[max(0, k - 2):k] + tokens[k + 1:k + 7],
                                          before=False)
                if arg is not None:
                    return arg
        for event in events:  # a speech verb's speaker
            if event.event_type == "STATEMENT" or event.lemma in german.SPEECH_VERBS:
                speaker = self._speaker(event, sent)
                if speaker is not None:
                    return speaker
        if len(tokens) > 2:  # headline "Südkorea: Nordkorea feuert erneut Raketen ab"
            colon = next((k for k, t in enumerate(tokens[:6]) if t.text == ":"), None)
            if colon and tokens[0].i in self.entity_at and all(
                    t.i in self.entity_at for t in tokens[:colon]):
                start, end = self.mention_span[tokens[0].i]
                return self._argument(self.doc[start:end], self.entity_at[tokens[0].i])
        return None

    def _source_phrase(self, window: list[Token], before: bool) -> Argument | None:
        """The entity (or demonym) in the words around an attribution cue."""
        ordered = list(reversed(window)) if before else window
        for token in ordered:
            if token.text in ",;:" and not before:
                break
            if token.i in self.entity_at:
                start, end = self.mention_span[token.i]
                return self._argument(self.doc[start:end], self.entity_at[token.i])
            place = self._demonym(token)
            if place is not None:
                span = noun_phrase(token.head) if token.head.i in [t.i for t in window] \
                    else self.doc[token.i:token.i + 1]
                return Argument(span.text, span.start_char, span.end_char, place,
                                frozenset(range(span.start, span.end)))
        nouns = [t for t in ordered if t.pos_ in ("NOUN", "PROPN") and
                 t.lower_ not in german.SOURCE_NOUNS]
        if nouns and before:
            return self._argument(noun_phrase(nouns[0]), None)
        return None

    def _demonym(self, token: Token) -> canonical.Entity | None:
        word = token.lower_
        for stem, place in demonyms():
            if word.startswith(stem) and len(word) - len(stem) <= 2:
                entity = self.places.get(place)
                return entity or canonical.Entity(place, "LOC")
        return None

    def _speaker(self, event: Event, sent: Span) -> Argument | None:
        group = self.syntax.verb_group(event.trigger)
        subjects = [t for t in self.syntax.dependents(group, german.SUBJ) if not _pronoun(t)]
        # "..., sagte Putin": after a comma or a closing quote the speaker follows the verb
        inverted = any(t.text in "," or t.is_quote for t in
                       self.doc[max(sent.start, event.trigger.i - 2):event.trigger.i])
        if subjects and not (inverted and subjects[0].i < event.trigger.i):
            return self._link(subjects[0])
        # No usable parse: the nearest name after the verb ("sagte Putin", "teilte der
        # Generalstab mit"), else before it.
        after = [i for i in range(event.trigger.i + 1, min(sent.end, event.trigger.i + 6))
                 if i in self.entity_at and self.entity_at[i].label in ("PER", "ORG", "LOC")]
        before = [i for i in range(sent.start, event.trigger.i)
                  if i in self.entity_at and self.entity_at[i].label in ("PER", "ORG")]
        for i in after[:1] or before[-1:]:
            start, end = self.mention_span[i]
            return self._argument(self.doc[start:end], self.entity_at[i])
        nouns = [t for t in self.doc[event.trigger.i + 1:min(sent.end, event.trigger.i + 5)]
                 if t.pos_ in ("NOUN", "PROPN")]
        if nouns:
            return self._link(nouns[0])
        return None

    def _statement(self, event: Event, sent: Span) -> None:
        speaker = self._speaker(event, sent)
        if speaker is not None:
            event.actor1 = speaker
            event.fallback = False
        text = sent.text
        for open_q, close_q in german.QUOTE_PAIRS:
            pattern = re.escape(open_q) + r"(.+?)" + re.escape(close_q)
            quotes = [m for m in re.finditer(pattern, text) if len(m.group(1).split()) >= 2]
            if quotes:
                q = max(quotes, key=lambda m: len(m.group(1)))
                inner = q.group(1)
                start = sent.start_char + q.start(1) + len(inner) - len(inner.lstrip())
                inner = inner.strip()
                event.quote = (inner, start, start + len(inner), "direct")
                return
        after = self.doc[event.trigger.i:sent.end]
        marker = next((t for t in after if t.lower_ in german.INDIRECT_MARKERS), None)
        if marker is not None:
            span = self.doc[marker.i:sent.end]
        else:
            comma = next((t for t in reversed(self.doc[sent.start:event.trigger.i])
                          if t.text == ","), None)
            if comma is None:
                return
            span = self.doc[sent.start:comma.i]
        span_text = span.text.rstrip(" .")
        if len(span_text.split()) >= 3:
            event.quote = (span_text, span.start_char, span.start_char + len(span_text),
                           "indirect")

    # --- modality ---------------------------------------------------------------------

    def _modality(self, event: Event) -> str:
        s = self.syntax
        token = event.trigger
        if _is_verb(token):
            group = s.verb_group(token)
        else:
            verb = s.clause_verb(token) if self.has_parse else None
            group = s.verb_group(verb) if verb is not None else []
        scope = [token, *group]
        near = [c for h in scope for c in h.children] + scope
        if not self.has_parse:
            near = list(self.doc[max(token.sent.start, token.i - 5):
                                 min(token.sent.end, token.i + 4)])
        # Cue words count as modifiers, not as arguments ("kritisierte die Pläne")
        arguments = (german.OBJ, german.SUBJ, german.PASS_SUBJ, german.DAT)
        lowers = {t.lower_ for t in near if s.role(t) not in arguments}
        lemmas = {verb_lemma(t) for t in group}

        negated = any(s.role(t) == german.NEG or t.lower_ in german.NEGATORS for t in near
                      if t.head in scope or not self.has_parse)
        negated |= any(t.lower_ in german.NEGATIVE_DETERMINERS for t in near)
        # "keine Waffen wurden geliefert", "kein Land hat ... geliefert"
        core = s.dependents(group or [token], german.OBJ, german.SUBJ, german.PASS_SUBJ) \
            if self.has_parse else []
        negated |= any(c.lower_ in german.NEGATIVE_DETERMINERS for o in core for c in o.children)
        if negated:
            return "negated"
        markers = {c.lower_ for h in scope for c in h.children if s.role(c) == german.MARK}
        if markers & german.CONDITIONAL_MARKERS or self._in_conditional(token):
            return "conditional"
        planned = bool(lemmas & german.PLANNING_MODALS) or bool(lowers & german.PLANNING_WORDS)
        planned |= any(_stem_in(t, german.PLANNING_VERBS) for t in [token.head, *group]
                       if t.i != token.i or not _is_verb(token))
        planned |= _future(group, token)
        if planned and event.event_type != "STATEMENT":
            return "planned"
        subjunctive = [t for t in group if "Sub" in t.morph.get("Mood")]
        if any(verb_lemma(t) in german.SPECULATIVE_MODALS for t in subjunctive) or \
                lowers & german.HEDGES:
            return "speculative"
        if event.event_type == "STATEMENT":
            return "asserted"
        if subjunctive or lemmas & german.REPORTED_MODALS or lowers & german.HEARSAY:
            return "reported"
        if event.source is not None:
            return "reported"
        return "asserted"

    def _in_conditional(self, token: Token) -> bool:
        """Inside a clause opened by "falls"/"wenn" (by the parse, else by the words
        before it up to the last comma)."""
        for t in reversed(self.doc[token.sent.start:token.i]):
            if t.text in ",;":
                return False
            if t.lower_ in ("falls", "wenn", "sofern"):
                return True
        return False


# --- helpers --------------------------------------------------------------------------------

def _is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or token.tag_.startswith("VV")


def _verb_like(token: Token) -> bool:
    """A verb, or a lower-case word a tagger may have mis-tagged as one."""
    if _is_verb(token):
        return True
    if not token.text.islower() or token.pos_ in ("DET", "PRON", "CCONJ", "SCONJ", "NUM",
                                                  "AUX", "PUNCT"):
        return False
    return token.pos_ not in ("ADP", "PART") or len(token.text) >= 6  # "ablehne" as PTKVZ


def _is_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN") or (
        not token.pos_ and token.text[:1].isupper() and not token.is_sent_start)


def _reflexive(token: Token) -> bool:
    return "Yes" in token.morph.get("Reflex") or token.lower_ in ("sich", "einander")


def _time_word(token: Token) -> bool:
    word = token.lower_
    return word in german.MONTH_NUMBERS or any(
        word.startswith(day) for day in german.WEEKDAY_NUMBERS) or word in german.RELATIVE_DAYS


def _pronoun(token: Token) -> bool:
    return token.pos_ == "PRON"


def _stem_in(token: Token, verbs: frozenset) -> bool:
    stems = {verb_stem(v) for v in verbs}
    for word in (token.lemma_.lower(), token.lower_):
        if word in verbs or any(word.startswith(stem) and len(word) - len(stem) <= 3
                                for stem in stems):
            return True
    return False


def _future(group: list[Token], trigger: Token) -> bool:
    """"werden" + infinitive in the indicative (or Konjunktiv I "werde" in indirect
    speech): a plan or announcement, not a fact."""
    return _is_verb(trigger) and "Inf" in trigger.morph.get("VerbForm") and any(
        verb_lemma(t) == "werden" and t.i != trigger.i for t in group)


def _nearest(times, char: int):
    return min(times, key=lambda e: abs(e.start - char)) if times else None


def event_id(article_id: str, start: int, end: int, event_type: str) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{end}|{event_type}".encode()).hexdigest()[:16]


def event_rows(row: dict, lexicon: Lexicon | None = None) -> list[dict]:
    """The ``events`` rows of one annotated article row."""
    import datetime as dt

    lexicon = lexicon or load()
    doc, entities = canonical.resolve_row(row)
    extractor = ArticleEvents(doc, lexicon, row.get("label_scheme"), row["has_parse"], entities)
    mapping = cameo_mapping()
    article_date = row["date"]
    if isinstance(article_date, str):
        article_date = dt.date.fromisoformat(article_date)
    out = []
    for event, sent, index in extractor.extract():
        token = event.trigger
        trigger_text = token.text if event.particle is None else f"{token.text} … {event.particle.text}"
        start, end = token.idx, token.idx + len(token.text)
        date, precision = time_expressions.resolve(event.time, article_date, row["date_precision"])
        cameo = mapping.get(event.event_type)
        confidence = _confidence(event, extractor.has_parse)
        out.append({
            "article_id": row["article_id"],
            "event_id": event_id(row["article_id"], start, end, event.event_type),
            "event_type": event.event_type,
            "event_mode": event.event_mode,
            "cameo_root": cameo.cameo_root if cameo else None,
            "quad_class": cameo.quad_class if cameo else None,
            "trigger_text": trigger_text,
            "trigger_lemma": event.lemma,
            "trigger_start": start,
            "trigger_end": end,
            "actor1": event.actor1.row() if event.actor1 else None,
            "actor2": event.actor2.row() if event.actor2 else None,
            "location": event.location.row() if event.location else None,
            "event_date": date,
            "date_precision": precision,
            "time_text": event.time.text if event.time else None,
            "modality": event.modality,
            "source": event.source.row() if event.source else None,
            "quote_text": event.quote[0] if event.quote else None,
            "quote_start": event.quote[1] if event.quote else None,
            "quote_end": event.quote[2] if event.quote else None,
            "quote_kind": event.quote[3] if event.quote else None,
            "sentence": index,
            "evidence_start": sent.start_char,
            "evidence_end": sent.end_char,
            "confidence": confidence,
            "extractor": EXTRACTOR,
            **row_provenance(row),
        })
    return out


def _confidence(event: Event, has_parse: bool) -> float:
    score = 0.8 if has_parse else 0.4
    if event.fallback:
        score -= 0.2
    if event.actor1 is None:
        score -= 0.2
    elif event.actor1.entity is not None:
        score += 0.1
    return round(max(0.1, min(0.95, score)), 2)


class _EventExtractor:
    """Picklable factory: loads the lexicon once per worker."""

    def __init__(self, lexicon_path: str | None):
        self.lexicon_path = lexicon_path

    def __call__(self):
        lexicon = load(self.lexicon_path)
        return functools.partial(event_rows, lexicon=lexicon)


class ExtractEvents(beam.PTransform):
    """Annotated rows -> ``events`` rows (main) and ``errors`` rows (tag ``errors``)."""

    def __init__(self, lexicon_path: str | None = None):
        super().__init__()
        self.lexicon_path = lexicon_path

    def expand(self, annotated):
        return annotated | "Find events" >> beam.ParDo(
            SafeExtractFn("extract_events", _EventExtractor(self.lexicon_path))).with_outputs(
                ERRORS_TAG, main="events")
