"""Step 3: what a cue introduces, as token ranges of its sentence (or the one before).

For a speech verb, the first that applies:
* a dass/ob clause after it ("kritisierte, dass ...");
* the main clause after "Wie X mitteilte," (or the clause before ", wie X mitteilte");
* the clause before it when it follows a comma and its subject ("..., sagte X");
* a clause after its own clause whose verb is subjunctive or that the parse makes its
  complement ("sagte, er habe ...");
* what follows its colon ("Er sagte: Wir werden ...");
* the sentence before, when "Das"/"Dies" stands for it ("Das teilte X mit");
* else the sentence itself, a speech act told as an event ("X beschuldigte Y der ...").
For an attribution phrase: its sentence without the phrase (one span before it, one
after it).
"""

from __future__ import annotations

import itertools

from spacy.tokens import Span, Token

from transforms.lang import de
from transforms.nlp.syntax import CLAUSE, MARK, SUBJ
from transforms.quotes.layout import BREAKS, Stops, first, last
from transforms.quotes.marks import OPENING_MARKS
from transforms.quotes.model import INDIRECT, REPORTED, Cue

_DEMONSTRATIVES = de.words("demonstratives")
_WIE = de.words("comparison_conjunctions")  # "Wie X mitteilte, ..."
_SUBORDINATORS = de.words("subordinating_conjunctions")
_ADVERBIAL = de.words("adverbial_conjunctions")
_PURPOSE = de.words("purpose_conjunctions")  # "um ... zu": why, not what is said
_ZU = "zu"
_MIN_CLAIM_WORDS = 3
_MIN_BEFORE_WORDS = 3  # tokens a clause before ", sagte X" needs to be what X said
_FINITE_REACH = 12  # tokens after "sagte," within which the reported clause's verb stands


def for_verb(cue: Cue, sent: Span, previous: Span | None, article, taken,
             others: Stops = Stops()) -> tuple[list[tuple[int, int]], str] | None:
    """``others``: where the clauses of the sentence's other cues begin; content stops
    before the clause of the next one ("X sagte, A, doch Y erklärte, B")."""
    doc = article.doc
    layout = article.sentences.layout(sent)
    verb = doc[cue.tokens[0]]
    last_word = cue.tokens[-1]
    end = _content_end(sent)

    def forward(start: int) -> list[tuple[int, int]]:
        later = others.after(start)
        stop = _clause_start(start, later, layout) if later is not None else end
        return _trimmed(doc, start, min(end, stop))

    def backward(stop: int) -> list[tuple[int, int]]:
        earlier = others.before(stop)
        start = _break_after(earlier, stop, layout) if earlier is not None else sent.start
        return _trimmed(doc, start, stop)

    marker = _marker_after(verb, last_word, end, article, layout)
    if marker is not None:
        return forward(marker), INDIRECT
    opener = _clause_opener(verb, sent, article)
    if opener is not None and opener.lower_ in _WIE:
        after = first(layout.breaks, last_word + 1, end)
        if opener.i > sent.start:  # "..., wie X mitteilte."
            return backward(opener.i), INDIRECT
        if after is not None and after + 1 < end:  # "Wie X mitteilte, ..."
            return forward(after + 1), INDIRECT
    before = doc[verb.i - 1] if verb.i > sent.start else None
    if before is not None and (before.text == "," or before.text in de.CLOSING_QUOTES) \
            and not taken(before.i) and _subject_follows(verb, article):
        spans = backward(before.i)
        if spans and sum(e - s for s, e in spans) >= _MIN_BEFORE_WORDS:
            return spans, INDIRECT
    after = first(layout.breaks, last_word + 1, end)
    if after is not None:
        if doc[after].text == ":" and after + 1 < end:
            return forward(after + 1), INDIRECT
        if doc[after].text == "," and doc[after + 1].lower_ not in _PURPOSE and \
                _reported_clause(verb, after + 1, end, article):
            return forward(after + 1), INDIRECT
    infinitive = _infinitive_after(last_word, end, doc, layout)
    if infinitive is not None:  # "kündigte an, die Preise zu erhöhen"
        return forward(infinitive), INDIRECT
    if previous is not None and _demonstrative_stands_for_it(verb, sent, article):
        return _trimmed(doc, previous.start, _content_end(previous)), INDIRECT
    if _subordinate(verb, sent, article):
        return None  # "..., als er zu einem Streik aufrief": the sentence tells more
    return [(sent.start, end)], REPORTED


def _subordinate(verb: Token, sent: Span, article) -> bool:
    """Whether the verb stands in a subordinate or relative clause, or in parentheses
    ("(Wikinews berichtete)"): then its sentence is no speech act told as an event."""
    opener = _clause_opener(verb, sent, article)
    if opener is not None and opens_subordinate(opener):
        return True
    return article.sentences.layout(sent).depth(verb.i) > 0


def opens_subordinate(token: Token) -> bool:
    """A word that opens a subordinate clause (verb last, its own mood): a conjunction
    ("da", "als", "nachdem") or a relative pronoun (", die ...", ", in der ...")."""
    if token.pos_ == "SCONJ" or token.lower_ in _SUBORDINATORS:
        return True
    before = token.doc[token.i - 1] if token.i else None
    return "Rel" in token.morph.get("PronType") and before is not None and (
        before.text == "," or before.pos_ == "ADP")


def _subject_follows(verb: Token, article) -> bool:
    """", sagte Putin", ", teilte die Polizei mit": the speaker comes after the verb (not
    "Der Gouverneur, Gabino Cué, sagte, ...")."""
    s = article.syntax
    subjects = s.dependents(s.verb_group(verb), SUBJ)
    if subjects:
        return any(t.i > verb.i for t in subjects)
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return following is not None and (following.pos_ in ("PROPN", "PRON", "DET", "NOUN")
                                      or following.i in article.linker.entity_at)


def _clause_start(start: int, cue: int, layout) -> int:
    """Where the clause of a cue at ``cue`` begins, after ``start``: its nearest comma or
    conjunction before it."""
    found = last(layout.clause_stops, start + 1, cue)
    return cue if found is None else found


def _break_after(cue: int, stop: int, layout) -> int:
    """Just after the first break between a cue and ``stop`` (where the clause after
    the cue's own begins), else ``stop``."""
    found = first(layout.breaks, cue + 1, stop)
    return stop if found is None else found + 1


def for_attribution(phrase: tuple[int, int], sent: Span, article,
                    others: Stops = Stops()) -> list[tuple[int, int]]:
    """The clause the attribution phrase [start, end) stands in, to the sentence's end,
    without the phrase and its commas, and without the clauses of the sentence's other
    cues ("..., so Celebi, die auch angab, dass ...": the clause after "angab" is hers by
    that cue, not by "so")."""
    doc = article.doc
    layout = article.sentences.layout(sent)
    earlier, later = others.before(phrase[0]), others.after(phrase[1] - 1)
    start = _break_after(earlier, phrase[0], layout) if earlier is not None else sent.start
    stop = _clause_start(phrase[1], later, layout) if later is not None else _content_end(sent)
    after = _trimmed(doc, phrase[1], stop)
    # The claim is the clause the phrase stands in: "..., nach Polizeiangaben waren es
    # zirka 1.000" does not vouch for what comes before the comma; a phrase that closes
    # the sentence after a comma (", so die Polizei.") vouches for all before it.
    if after or phrase[0] - 1 < start or doc[phrase[0] - 1].text not in BREAKS:
        clause = last(layout.breaks, start, phrase[0])
        start = max(start, start if clause is None else clause + 1)
    spans = _trimmed(doc, start, phrase[0]) + after
    return [(s, e) for s, e in spans if e - s >= 2]


def is_claim(spans: list[tuple[int, int]], doc) -> bool:
    """Whether the words found are something said: a clause of a few words at least, and
    not one adverbial clause alone ("Da er noch nie eine Krawatte gebunden hatte", "falls
    die Regierung ...": why or when, not what), which a clause around the cue can leave as
    its only neighbour."""
    start, end = spans[0][0], spans[-1][1]
    words = (t for s, e in spans for t in doc[s:e] if t.is_alpha)
    if sum(1 for _ in itertools.islice(words, _MIN_CLAIM_WORDS)) < _MIN_CLAIM_WORDS:
        return False  # "Meinungs- und Versammlungsfreiheit": a topic, not a claim
    if doc[start].lower_ in _ADVERBIAL:
        return any(t.text == "," for t in doc[start:end])
    return True


def direct_span_ok(span: tuple[int, int], doc) -> bool:
    return any(t.is_alpha for t in doc[span[0]:span[1]])


def _marker_after(verb: Token, last_word: int, end: int, article, layout) -> int | None:
    """A dass/ob right after the cue's clause (no other finite verb between)."""
    doc = article.doc
    stop = first(layout.marker_stops, last_word + 1, end)
    if stop is not None:
        return stop if doc[stop].lower_ in de.INDIRECT_MARKERS else None
    for child in verb.children:  # the parse may know better
        if article.syntax.role(child) == CLAUSE and child.i > last_word:
            mark = next((g for g in child.children if article.syntax.role(g) == MARK
                         and g.lower_ in de.INDIRECT_MARKERS), None)
            if mark is not None:
                return mark.i
    return None


def _infinitive_after(last_word: int, end: int, doc, layout) -> int | None:
    """Where a zu-infinitive clause after the cue starts ("forderte die Regierung auf,
    die Truppen abzuziehen", "hat angekündigt die Preise zu erhöhen"): the clause after
    the cue's own (or the rest of the sentence, when nothing finite stands between)
    ends in a zu-infinitive and has no finite verb; not a purpose clause ("um ... zu")."""
    start = last_word + 1
    stop = first(layout.breaks, start, end)
    if stop is not None and doc[stop].text == ",":
        start = stop + 1
        stop = first(layout.breaks, start, end)
    elif stop is not None:
        return None
    stop = end if stop is None else stop
    if first(layout.finite, start, stop) is not None:
        return None
    opening = next((t for t in doc[start:stop] if not t.is_space), None)
    closing = list(itertools.islice((doc[i] for i in range(stop - 1, start - 1, -1)
                                     if not doc[i].is_space), 2))[::-1]
    if len(closing) < 2 or opening.lower_ in _PURPOSE:
        return None
    return opening.i if _zu_infinitive(closing) else None


def _zu_infinitive(closing: list[Token]) -> bool:
    """The clause's last word is an infinitive with "zu": "zu erhöhen", "abzuziehen"
    (``closing``: its last two words)."""
    verb = closing[-1]
    if not verb.is_lower or not verb.text.endswith("n"):
        return False
    if closing[-2].lower_ == _ZU:
        return True
    return any(verb.lower_.startswith(prefix + _ZU) and len(verb.text) - len(prefix) > 5
               for prefix in de.SEPARABLE_PREFIXES)


def _reported_clause(verb: Token, start: int, end: int, article) -> bool:
    """A clause after "sagte," that reports: its finite verb is subjunctive, or the
    parse makes it the cue's complement."""
    doc = article.doc
    finite = next((t for t in doc[start:min(end, start + _FINITE_REACH)]
                   if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
                   or de.is_subjunctive(t)), None)
    if finite is not None and de.is_subjunctive(finite):
        return True
    return any(article.syntax.role(c) == CLAUSE and start <= c.i < end for c in verb.children)


def _clause_opener(verb: Token, sent: Span, article) -> Token | None:
    """The word that opens the clause the verb stands in: its conjunction by the parse
    ("Wie der Sprecher, Gerald Braun, mitteilte"), else the first word after the last
    break."""
    mark = next((c for c in verb.children if article.syntax.role(c) == MARK), None)
    if mark is not None:
        return mark
    found = last(article.sentences.layout(sent).openers, sent.start, verb.i)
    if found is not None:
        return sent.doc[found + 1] if found + 1 < verb.i else None
    return sent.doc[sent.start]


def _demonstrative_stands_for_it(verb: Token, sent: Span, article) -> bool:
    """"Das teilte X mit", "Dies sagte X": the claim is the sentence before."""
    first = sent.doc[sent.start]
    return first.lower_ in _DEMONSTRATIVES and verb.i - sent.start <= 2


def _content_end(sent: Span) -> int:
    end = sent.end
    doc = sent.doc
    while end > sent.start and (doc[end - 1].is_space or doc[end - 1].is_punct
                                and doc[end - 1].text not in de.CLOSING_QUOTES):
        end -= 1
    return end


def _trimmed(doc, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) without punctuation and space at either end; [] when nothing's left."""
    while start < end and (doc[start].is_punct or doc[start].is_space) and \
            doc[start].text not in OPENING_MARKS:
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and \
            doc[end - 1].text not in de.CLOSING_QUOTES:
        end -= 1
    return [(start, end)] if end > start else []


