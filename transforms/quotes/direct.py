"""Direct quotes: which marked words are quotations, and who says them.

* Quoted names and titles are no quotes ("die „New York Times“", "sein Buch
  „Deutschland schafft sich ab“"); quotes back to back ("„…“ „…“") are one.
* A quote takes the cue right next to it: "„…“, sagte X", "„…“, so X", "X sagte: „…“";
  a quote interrupted by its cue ("„…“, sagte er, „…“") is one quotation with two spans.
* The quotes left, once the clause quotations are known: one inside a clause quotation
  is part of it and has its speaker ("warnte vor einem „drohenden Abfluss“"); else a cue
  of its sentence, a name and a colon before it ("CDU-Innenexperte Wolfgang Bosbach:
  „…“"), or the voice of the quotation just before it; a short one with none of these
  is a term, not a quote.

Takes the article, its sentences (``sentences.Sentences``) and each sentence's cues;
gives :class:`Quotation` s of kind direct.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from transforms.extract.deadline import check as check_deadline
from transforms.lang import de
from transforms.quotes import speakers
from transforms.quotes.layout import last as last_at
from transforms.quotes.model import DIRECT, Quotation
from transforms.quotes.spans import SpanIndex

_MIN_UNATTRIBUTED_WORDS = 4  # a shorter quote with no cue is a term, a title, a name
_INTERRUPTION = 8  # tokens a cue clause may take between two parts of one quote
_VOICE_REACH = 2  # sentences a quote without a cue may follow its speaker's last quote
_TITLE_NOUNS = tuple(de.words("title_nouns"))
_FOREIGN = de.words("foreign_function_words")
_OPENERS = dict(de.QUOTE_PAIRS)
_PREDICATIVE = de.words("predicative_particles")  # "bezeichnete es als „Kapitulation“"
_CUE_AFTER = 3  # tokens after a closing mark a cue may stand at (", sagte", "“ – so")
_COLON_NAME = 6  # tokens before a colon in which the name of "X: „…“" stands
_MAX_TERM_WORDS = 6  # a quoted name or title is short


def adjacent(spans, sents, sentence_cues, used, article):
    """Direct quotes with a cue right next to them; the others, for later."""
    out, rest, merged = [], [], set()
    of = sents.of
    cues = _CueIndex(sentence_cues)
    for n, (start, end) in enumerate(spans):
        if n in merged:
            continue
        check_deadline()
        first, last = of[start], of[end - 1]
        # A parser may end a sentence at the colon before a quote or at its closing mark.
        near = {first, last, of[max(0, start - 2)], of[min(len(of) - 1, end + 2)]}
        cue, words = _next_to(start, end, near, cues, sents, article)
        if cue is None:
            rest.append((start, end))
            continue
        used.add(cue)
        quote = Quotation([(start, end)], DIRECT, cue=cue)
        if cue.tokens[0] > end and n + 1 < len(spans):  # "„…“, sagte er, „…“"
            following = spans[n + 1]
            # not when the next quote has a cue of its own: "„…“, sagte X, „…“, erwiderte Y"
            if following[0] - cue.tokens[-1] <= _INTERRUPTION and of[following[0]] == last \
                    and _cue_after(following[1], near | {of[following[1] - 1]}, cues,
                                   article)[0] is None:
                quote.spans.append(following)
                merged.add(n + 1)
        quote.speaker = speakers.of_cue(cue, words, quote, out, sents, article)
        quote.addressee = speakers.addressee(cue, article, quote.covers)
        out.append(quote)
    return out, rest


def remaining(spans, sents, sentence_cues, quotes, article):
    """The direct quotes no cue stands next to, given the quotations found so far
    (``quotes``, sorted by start)."""
    doc = article.doc
    out: list[Quotation] = []
    clauses = SpanIndex(q for q in quotes if q.kind != DIRECT)
    voice = _Voice(quotes, sents)
    for start, end in spans:  # in text order
        check_deadline()
        k = sents.of[start]
        holder = min((q for q in clauses.reaching(start, end) if q.start <= start
                      and end <= q.end), key=lambda q: q.start, default=None)
        quote = Quotation([(start, end)], DIRECT)
        if holder is not None:  # part of a quotation: its speaker's words
            quote.cue, quote.speaker = holder.cue, holder.speaker
        else:
            cue, words = next(iter(sentence_cues[k]), (None, None))
            if cue is not None:
                quote.cue = cue
                quote.speaker = speakers.of_cue(cue, words, quote, quotes, sents, article)
            else:
                quote.speaker = _colon_speaker(start, sents, article)
                if quote.speaker is None:  # a short quote nobody introduces is a term,
                    if _words(doc, start, end) < _MIN_UNATTRIBUTED_WORDS or \
                            _verbless(doc, start, end):  # a phrase without a verb a title
                        continue
                    quote.speaker = voice.before(start, k, article)
        out.append(quote)
        voice.add(quote)
    return out


class _Voice:
    """The speaker of the quotation just before a quote, when it is near enough to go
    on; else who acts in the sentence before, in the same paragraph ("X verurteilte die
    Haltung der Regierung. „…“"). The quotations are swept once, in text order: the
    direct quotes are asked about in text order too."""

    def __init__(self, quotes, sents):
        self._quotes, self._next, self._sents = quotes, 0, sents
        self._last = None  # of the quotations with a speaker so far, the one ending last

    def add(self, quote) -> None:
        if quote.speaker is not None and (self._last is None or quote.end > self._last.end):
            self._last = quote

    def before(self, start: int, k: int, article):
        while self._next < len(self._quotes) and self._quotes[self._next].start < start:
            self.add(self._quotes[self._next])
            self._next += 1
        sents = self._sents
        if self._last is not None and _goes_on(self._last, k, sents):
            return self._last.speaker
        if k and sents.paragraph[k - 1] == sents.paragraph[k]:
            root = sents[k - 1].root
            speaker = speakers.of_verb(speakers.verb_cue(root), article, lambda i: False)
            if speaker is not None and speaker.entity is not None and \
                    speaker.entity.label in ("PER", "ORG"):
                return speaker
        return None


def _goes_on(last: Quotation, k: int, sents) -> bool:
    """Whether a quote in sentence k may go on in the voice of ``last``: at most
    ``_VOICE_REACH`` sentences after it, in its paragraph or the next."""
    before = sents.of[last.end - 1]
    return k - before <= _VOICE_REACH and sents.paragraph[k] - sents.paragraph[before] <= 1


def voices(quotes: list[Quotation], sents) -> None:
    """A direct quote nobody introduces, once reported speech carried on is known, is
    in the voice of the quotation just before it ("Die Gefahr sei real, sagte X. Sie
    bestehe noch nicht. „Aber das Virus hat alle Möglichkeiten ...“")."""
    last = None
    for q in quotes:  # in text order
        if q.kind == DIRECT and q.cue is None and q.speaker is None and last is not None \
                and _goes_on(last, sents.of[q.start], sents):
            q.speaker = last.speaker
        if q.speaker is not None:
            last = q


class _CueIndex:
    """The article's cues in text order (each sentence's are sorted, the sentences are),
    with the sentence each stands in: the cues near a quote are found by bisection."""

    def __init__(self, sentence_cues):
        self.cues = [(c, k) for k, found in enumerate(sentence_cues) for c in found]
        self.at = [c[0].tokens[0] for c, k in self.cues]


def _cue_after(end: int, near, cues: _CueIndex, article):
    """The cue right after a quote's closing mark ("„…“, sagte X", "„…“ – so X")."""
    doc = article.doc
    for j in range(bisect_right(cues.at, end), bisect_right(cues.at, end + _CUE_AFTER)):
        found, k = cues.cues[j]
        if k in near and all(t.is_punct for t in doc[end + 1:cues.at[j]]):
            return found
    return None, None


def _next_to(start: int, end: int, near, cues: _CueIndex, sents, article):
    """The cue right after a quote's closing mark ("„…“, sagte X") or before the colon
    that opens it ("X sagte am Montag: „…“"): the speech verb nearest the colon."""
    found = _cue_after(end, near, cues, article)
    if found[0] is not None:
        return found
    doc = article.doc
    colon = start - 2
    if colon >= 0 and doc[colon].text == ":":
        lowest = min(near)
        for j in range(bisect_left(cues.at, colon) - 1, -1, -1):
            (cue, words), k = cues.cues[j]
            if k < lowest:
                break
            if k in near and cue.tokens[-1] < colon and cue.verb and \
                    sents.at(cue.tokens[0]).start <= colon:
                return cue, words
    return None, None


def _colon_speaker(start: int, sents, article):
    """Who speaks after a colon: the name before it ("CDU-Innenexperte Wolfgang Bosbach:
    „…“"), else who acts in the clause before it ("Er fuhr fort: „…“", "Als die Polizei
    kam, zeigte sich der Minister besorgt: „…“": the clause after the last break, not
    the sentence's first verb)."""
    doc = article.doc
    colon = start - 2  # the opening mark is at start - 1
    if colon < 0 or doc[colon].text != ":":
        return None
    sent = sents.at(colon)
    layout = sents.layout(sent)
    linker = article.linker
    opened = last_at(layout.breaks, sent.start, colon)
    clause = doc[sent.start if opened is None else opened + 1:colon]
    verb = next((t for t in clause if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        for t in reversed(clause[-_COLON_NAME:]):
            if t.i in linker.entity_at and linker.entity_at[t.i].label in ("PER", "ORG"):
                return linker.mention(t.i)
        finite = last_at(layout.finite, sent.start, colon)  # "X sagte am Montag, in Rom:"
        if finite is None:
            return None
        verb = doc[finite]
    return speakers.of_verb(speakers.verb_cue(verb), article, lambda i: i >= colon)


def is_term(span: tuple[int, int], article) -> bool:
    """A quoted name or title, not a quote: capitalised words only ("New York Times",
    "Channel 10"; one such word unless a predicate after "als"), an entity, a foreign name ("Partij voor de Vrijheid"), a verbless
    capitalised phrase right after an article ("die „Kampagne für ein Freies Tibet“"), or
    after a title noun ("sein Buch „…“", "Operation „…“")."""
    doc = article.doc
    start, end = span
    words = [t for t in doc[start:end] if t.is_alpha]
    if not words or len(words) > _MAX_TERM_WORDS:
        return False
    if all(t.i in article.linker.entity_at for t in words):
        return True
    if len(words) > 1 and all(t.text[:1].isupper() for t in words):
        return True
    if len(words) == 1 and words[0].text[:1].isupper() and \
            (start < 2 or doc[start - 2].lower_ not in _PREDICATIVE):
        return True  # "„Billboard“", "„Standard“"; but "als „Kapitulation“": a verdict
    if any(t.lower_ in _FOREIGN for t in words):
        return True
    before = doc[start - 2] if start >= 2 else None
    if before is None:
        return False
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in words)
    return before.lower_.endswith(_TITLE_NOUNS) or (  # "die „Kampagne für ein Freies Tibet“"
        verbless and before.lower_ in de.ARTICLES and words[0].text[:1].isupper())


def back_to_back(spans, doc) -> list[tuple[int, int]]:
    """„…“ „…“: one quote, when only space stands between the closing and the next
    opening mark, and no paragraph break (a new paragraph is a new turn, often another
    speaker's: "Er sagte: „…“⏎⏎„…“, erwiderte Schmidt")."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        between = doc[out[-1][1] + 1:start - 1] if out else ()
        if out and all(t.is_space and "\n\n" not in t.text for t in between) and \
                start - 1 > out[-1][1] and doc[start - 1].text in _OPENERS:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _verbless(doc, start: int, end: int) -> bool:
    """A capitalised phrase with no verb among its tagged words ("Die Früchte des Zorns",
    "Partei der Volksmacht"): a title or a name. Untagged words say nothing."""
    words = doc[start:end]
    return words[0].text[:1].isupper() and all(t.pos_ for t in words) and \
        not any(t.pos_ in ("VERB", "AUX") for t in words)


def _words(doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_alpha)
