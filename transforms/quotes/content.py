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

from spacy.tokens import Span, Token

from transforms.lang import de
from transforms.nlp.syntax import CLAUSE, MARK, SUBJ
from transforms.quotes.model import INDIRECT, REPORTED, Cue

_DEMONSTRATIVES = de.words("demonstratives")
_WIE = de.words("comparison_conjunctions")  # "Wie X mitteilte, ..."
BREAKS = {",", ";", ":", "–", "-"}
_SUBORDINATORS = de.words("subordinating_conjunctions")
_ADVERBIAL = de.words("adverbial_conjunctions")
_PURPOSE = de.words("purpose_conjunctions")  # "um ... zu": why, not what is said
_ZU = "zu"
_MIN_CLAIM_WORDS = 3
CLAUSE_CONJUNCTIONS = de.words("clause_conjunctions")


def for_verb(cue: Cue, sent: Span, previous: Span | None, article, taken,
             others: list[int] = ()) -> tuple[list[tuple[int, int]], str] | None:
    """``others``: where the sentence's other cues stand; content stops before the clause
    of the next one ("X sagte, A, doch Y erklärte, B")."""
    doc = article.doc
    verb = doc[cue.tokens[0]]
    last = cue.tokens[-1]
    end = _content_end(sent)

    def forward(start: int) -> list[tuple[int, int]]:
        later = [i for i in others if i > start]
        stop = _clause_start(start, later[0], doc) if later else end
        return _trimmed(doc, start, min(end, stop))

    def backward(stop: int) -> list[tuple[int, int]]:
        earlier = [i for i in others if i < stop]
        start = _break_after(earlier[-1], stop, doc) if earlier else sent.start
        return _trimmed(doc, start, stop)

    marker = _marker_after(verb, last, end, article)
    if marker is not None:
        return forward(marker), INDIRECT
    opener = _clause_opener(verb, sent, article)
    if opener is not None and opener.lower_ in _WIE:
        after = _next_break(last + 1, end, doc)
        if opener.i > sent.start:  # "..., wie X mitteilte."
            return backward(opener.i), INDIRECT
        if after is not None and after + 1 < end:  # "Wie X mitteilte, ..."
            return forward(after + 1), INDIRECT
    before = doc[verb.i - 1] if verb.i > sent.start else None
    if before is not None and (before.text == "," or before.text in de.CLOSING_QUOTES) \
            and not taken(before.i) and _subject_follows(verb, article):
        spans = backward(before.i)
        if spans and sum(e - s for s, e in spans) >= 3:
            return spans, INDIRECT
    after = _next_break(last + 1, end, doc)
    if after is not None:
        if doc[after].text == ":" and after + 1 < end:
            return forward(after + 1), INDIRECT
        if doc[after].text == "," and doc[after + 1].lower_ not in _PURPOSE and \
                _reported_clause(verb, after + 1, end, article):
            return forward(after + 1), INDIRECT
    infinitive = _infinitive_after(last, end, doc)
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
    depth = 0
    for token in sent.doc[sent.start:verb.i]:
        depth += (token.text == "(") - (token.text == ")")
    return depth > 0


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


def _clause_start(start: int, cue: int, doc) -> int:
    """Where the clause of a cue at ``cue`` begins, after ``start``: its nearest comma or
    conjunction before it."""
    for i in range(cue - 1, start, -1):
        if doc[i].text in BREAKS or doc[i].lower_ in CLAUSE_CONJUNCTIONS:
            return i
    return cue


def _break_after(cue: int, stop: int, doc) -> int:
    for i in range(cue + 1, stop):
        if doc[i].text in BREAKS:
            return i + 1
    return stop


def for_attribution(phrase: tuple[int, int], sent: Span, article,
                    others: list[int] = ()) -> list[tuple[int, int]]:
    """The clause the attribution phrase [start, end) stands in, to the sentence's end,
    without the phrase and its commas, and without the clauses of the sentence's other
    cues ("..., so Celebi, die auch angab, dass ...": the clause after "angab" is hers by
    that cue, not by "so")."""
    doc = article.doc
    earlier = [i for i in others if i < phrase[0]]
    later = [i for i in others if i >= phrase[1]]
    start = _break_after(earlier[-1], phrase[0], doc) if earlier else sent.start
    stop = _clause_start(phrase[1], later[0], doc) if later else _content_end(sent)
    after = _trimmed(doc, phrase[1], stop)
    # The claim is the clause the phrase stands in: "..., nach Polizeiangaben waren es
    # zirka 1.000" does not vouch for what comes before the comma; a phrase that closes
    # the sentence after a comma (", so die Polizei.") vouches for all before it.
    if after or phrase[0] - 1 < start or doc[phrase[0] - 1].text not in BREAKS:
        clause = next((i + 1 for i in range(phrase[0] - 1, start - 1, -1)
                       if doc[i].text in BREAKS), start)
        start = max(start, clause)
    spans = _trimmed(doc, start, phrase[0]) + after
    return [(s, e) for s, e in spans if e - s >= 2]


def is_claim(spans: list[tuple[int, int]], doc) -> bool:
    """Whether the words found are something said: a clause of a few words at least, and
    not one adverbial clause alone ("Da er noch nie eine Krawatte gebunden hatte", "falls
    die Regierung ...": why or when, not what), which a clause around the cue can leave as
    its only neighbour."""
    start, end = spans[0][0], spans[-1][1]
    if sum(1 for s, e in spans for t in doc[s:e] if t.is_alpha) < _MIN_CLAIM_WORDS:
        return False  # "Meinungs- und Versammlungsfreiheit": a topic, not a claim
    if doc[start].lower_ in _ADVERBIAL:
        return any(t.text == "," for t in doc[start:end])
    return True


def direct_span_ok(span: tuple[int, int], doc) -> bool:
    return any(t.is_alpha for t in doc[span[0]:span[1]])


def _marker_after(verb: Token, last: int, end: int, article) -> int | None:
    """A dass/ob right after the cue's clause (no other finite verb between)."""
    doc = article.doc
    for token in doc[last + 1:end]:
        if token.lower_ in de.INDIRECT_MARKERS:
            return token.i
        if _finite(token):
            return None
        if token.text in (";", ":") or token.text in de.CLOSING_QUOTES:
            return None
    for child in verb.children:  # the parse may know better
        if article.syntax.role(child) == CLAUSE and child.i > last:
            mark = next((g for g in child.children if article.syntax.role(g) == MARK
                         and g.lower_ in de.INDIRECT_MARKERS), None)
            if mark is not None:
                return mark.i
    return None


def _infinitive_after(last: int, end: int, doc) -> int | None:
    """Where a zu-infinitive clause after the cue starts ("forderte die Regierung auf,
    die Truppen abzuziehen", "hat angekündigt die Preise zu erhöhen"): the clause after
    the cue's own (or the rest of the sentence, when nothing finite stands between)
    ends in a zu-infinitive and has no finite verb; not a purpose clause ("um ... zu")."""
    start = last + 1
    stop = _next_break(start, end, doc)
    if stop is not None and doc[stop].text == ",":
        start = stop + 1
        stop = _next_break(start, end, doc)
    elif stop is not None:
        return None
    stop = end if stop is None else stop
    words = [t for t in doc[start:stop] if not t.is_space]
    if len(words) < 2 or words[0].lower_ in _PURPOSE or any(_finite(t) for t in words):
        return None
    return words[0].i if _zu_infinitive(words) else None


def _zu_infinitive(words: list[Token]) -> bool:
    """The clause's last word is an infinitive with "zu": "zu erhöhen", "abzuziehen"."""
    verb = words[-1]
    if not verb.is_lower or not verb.text.endswith("n"):
        return False
    if words[-2].lower_ == _ZU:
        return True
    return any(verb.lower_.startswith(prefix + _ZU) and len(verb.text) - len(prefix) > 5
               for prefix in de.SEPARABLE_PREFIXES)


def _finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm") or \
        token.lower_ in de.SUBJUNCTIVE_FORMS


def _reported_clause(verb: Token, start: int, end: int, article) -> bool:
    """A clause after "sagte," that reports: its finite verb is subjunctive, or the
    parse makes it the cue's complement."""
    doc = article.doc
    finite = next((t for t in doc[start:min(end, start + 12)]
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
    for token in reversed(sent.doc[sent.start:verb.i]):
        if token.text in BREAKS or token.text in de.CLOSING_QUOTES:
            return sent.doc[token.i + 1] if token.i + 1 < verb.i else None
    return sent.doc[sent.start]


def _next_break(start: int, end: int, doc) -> int | None:
    for token in doc[start:end]:
        if token.text in BREAKS:
            return token.i
    return None


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
            doc[start].text not in dict(de.QUOTE_PAIRS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and \
            doc[end - 1].text not in de.CLOSING_QUOTES:
        end -= 1
    return [(start, end)] if end > start else []


