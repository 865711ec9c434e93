"""The quotation steps in the order of the data, over one article.

0. Sentences (``sentences``): the model's boundaries where the text ends a sentence.
1. Quotation marks (``marks``), and which marked words are quotes (``direct``: not
   quoted names and titles; quotes back to back are one).
2. A direct quote takes the cue right next to it (``direct.adjacent``): "„…“, sagte X",
   "„…“, so X", "X sagte: „…“", "„…“, sagte er, „…“" (one quotation, two spans).
3. Every other cue's content (``content``) and speaker (``speakers``): a speech verb's
   clause, or the speech act as told; an attribution phrase's sentence without the phrase,
   unless a speech verb of the same sentence already says who said it (the relayed
   speaker is the one who counts: "Laut Polizei sagte der Mann, er sei ...").
4. The direct quotes left (``direct.remaining``): part of a quotation of step 3, or with
   a cue of their sentence, a name and a colon, or the voice just before.
5. A speech act told as an event that mostly wraps a direct quote is that quote.
6. Reported speech carried on (``continuation``).
"""

from __future__ import annotations

from bisect import insort

from spacy.tokens import Span

from transforms.events.senses import is_actor
from transforms.extract.deadline import check as check_deadline
from transforms.quotes import content, continuation, cues, direct, marks, speakers
from transforms.quotes.layout import BREAKS, CLAUSE_CONJUNCTIONS, Stops, first
from transforms.quotes.model import DIRECT, INDIRECT, REPORTED, Cue, Quotation
from transforms.quotes.spans import SpanIndex, contains, overlap, size, with_marks

_CLAUSE_LEAD = 3  # tokens before a cue where a break or "und" makes it open a clause
_MIN_OWN_WORDS = 3  # tokens an attribution's claim must add to the speech act it wraps
_WRAPPED_SHARE = 3  # a speech act is its direct quote when quoted words are 1/3 or more


def quotations(article, headline: bool = False) -> list[Quotation]:
    """The article's quotations in its body; with ``headline``, those of its headline
    alone. A headline ("Zapatero verlangt Entschädigung") restates a claim its article
    tells: its quotations are no rows of the quotes table (the same claim would count
    twice), but who claims an event told in the headline is read from them."""
    doc = article.doc
    sents = article.sentences
    body = _body_start(article)
    inside = (lambda i: i < body) if headline else (lambda i: i >= body)
    paragraphs = [p for p in sents.paragraphs if (p[0] < body if headline else p[1] > body)]
    spans = direct.back_to_back([s for s in marks.direct_spans(doc, paragraphs)
                                 if inside(s[0]) and content.direct_span_ok(s, doc)
                                 and not direct.is_term(s, article)], doc)
    in_direct = with_marks(spans)
    sentence_cues = []
    for sent in sents:
        check_deadline()
        if not inside(sent.start):
            sentence_cues.append([])
            continue
        found = cues.verb_cues(sent, article, in_direct.__contains__)
        found += cues.attribution_cues(sent, article, in_direct.__contains__)
        sentence_cues.append(sorted(found, key=lambda c: c[0].tokens[0]))

    used: set[Cue] = set()
    quotes, rest = direct.adjacent(spans, sents, sentence_cues, used, article)
    introduced = _introduced(sents, sentence_cues, used, quotes, article)
    quotes += direct.remaining(rest, sents, sentence_cues,
                               sorted(quotes + introduced, key=lambda q: q.start), article)
    quotes = _without_wrappers(sorted(quotes + introduced, key=lambda q: q.start), doc)
    for q in quotes:
        q.sentences = (sents.of[q.start], sents.of[q.end - 1])
    carried = [] if headline else continuation.carried_on(
        sents, sents.paragraph, quotes, lambda k: speakers.named_actor(sents[k], article))
    quotes = sorted(quotes + carried, key=lambda q: q.start)
    direct.voices(quotes, sents)
    for q in quotes:  # a speaker without words names nobody
        if q.speaker is not None and not q.speaker.text.strip():
            q.speaker = None
    return quotes


def _body_start(article) -> int:
    """The first token after the lead (the headline): quotations are read in the body.
    A headline ("Zapatero verlangt Entschädigung") sums up what the article reports with
    its speaker and words; counted there, the same claim would count twice."""
    lead_end = article.row.get("lead_end") or 0
    return next((t.i for t in article.doc if t.idx >= lead_end and not t.is_space),
                len(article.doc))


def _introduced(sents, sentence_cues, used, direct, article) -> list[Quotation]:
    doc = article.doc
    out: list[Quotation] = []
    seen: set[tuple] = set()  # the spans of the quotations found, each counted once
    covered = with_marks(s for q in direct for s in q.spans)
    covered_at = sorted(covered)
    known = sorted(direct, key=lambda q: q.start)  # for "demnach": the claim before it
    for k, sent in enumerate(sents):
        found = sentence_cues[k]
        if not found:
            continue
        verb_stops, all_stops = _clause_cues(found, sent)
        quoted = first(covered_at, sent.start, sent.end) is not None
        here: list[Quotation] = []
        for cue, words in found:
            if cue in used or cue.attribution or not cue.verb:
                continue
            check_deadline()
            others = Stops(verb_stops[0], verb_stops[1].get(id(cue)))
            spans_kind = content.for_verb(cue, sent, sents[k - 1] if k else None, article,
                                          covered.__contains__, others)
            if spans_kind is None:
                continue
            spans, kind = spans_kind
            if not spans or kind == REPORTED and cue.needs_content or \
                    kind != REPORTED and not content.is_claim(spans, doc):
                continue
            quote = Quotation(spans, kind, cue=cue)
            # A speech act told as an event holds its speaker ("X warf Y vor, ...").
            quote.speaker = speakers.of_verb(
                cue, article, covered.__contains__ if kind == REPORTED else quote.covers)
            if kind == REPORTED and (here or quoted or not _speaks(quote, article)):
                continue
            quote.addressee = speakers.addressee(cue, article, quote.covers)
            here.append(quote)
        here = _once(here)
        index = SpanIndex(q for q in here if q.kind != REPORTED)
        reported = [q for q in here if q.kind == REPORTED]
        for cue, words in found:
            if cue in used or not cue.attribution:
                continue
            check_deadline()
            others = Stops(all_stops[0], all_stops[1].get(id(cue)))
            spans = content.for_attribution((cue.words[0], cue.words[-1] + 1), sent, article,
                                            others)
            if not spans or not content.is_claim(spans, doc) or any(
                    overlap(v.spans, spans) and not _wraps(spans, v) for v in
                    [*reported, *index.reaching(spans[0][0], spans[-1][1])]):
                continue  # the speech verb's own words: its speaker counts
            quote = Quotation(spans, INDIRECT, cue=cue)
            quote.speaker = speakers.of_cue(cue, words, quote, known, sents, article)
            here.append(quote)
            index.add(quote)
        for q in here:
            key = tuple(q.spans)
            if key not in seen:
                seen.add(key)
                out.append(q)
                insort(known, q, key=lambda x: x.start)
    return out


def _once(quotes: list[Quotation]) -> list[Quotation]:
    """The speech verbs' quotations of one sentence, each clause counted once: a cue
    inside another cue's clause is part of what that speaker says ("Wie X mitteilte,
    habe man sie informiert, dass ..."), and so is a speech act told as an event ("Müller
    warf der Regierung Versagen vor, sagte ein Sprecher": what the spokesman said, not a
    second claim over the same words); of two cues with the same clause ("bezeichnete
    ... und kündigte an, ..."), the one next to it introduces it."""
    def inside(q, p):
        cue = [(i, i + 1) for i in q.cue.tokens]
        return contains(p.spans, cue) and (q.kind == REPORTED or contains(p.spans, q.spans))

    def distance(q):
        return min(abs(i - b) for i in q.cue.tokens for s, e in q.spans for b in (s, e))

    clauses = SpanIndex(p for p in quotes if p.kind != REPORTED)
    nearest: dict[tuple, Quotation] = {}
    for q in quotes:
        key = tuple(q.spans)
        if key not in nearest or distance(q) < distance(nearest[key]):
            nearest[key] = q
    out = []
    for q in quotes:
        check_deadline()
        lo = min(q.cue.tokens[0], q.start) if q.kind != REPORTED else q.cue.tokens[0]
        hi = max(q.cue.tokens[-1] + 1, q.end) if q.kind != REPORTED else q.cue.tokens[-1] + 1
        if any(p is not q and inside(q, p) for p in clauses.reaching(lo, hi)):
            continue
        if nearest[tuple(q.spans)] is q:
            out.append(q)
    return out


def _without_wrappers(quotes: list[Quotation], doc) -> list[Quotation]:
    """A speech act told as an event that wraps a direct quote making a third or more of
    its words ("bezeichnete den Gipfel als das „größte Ereignis …“") is that direct quote,
    which has its cue and speaker: the words said are the quotation, counted once. One
    that tells more than the quote ("warnten vor einem „drohenden Abfluss“ von Ingenieuren
    ins Ausland ...") is a quotation of its own."""
    direct = with_marks(s for q in quotes if q.kind == DIRECT for s in q.spans)
    out = []
    for q in quotes:
        if q.kind != DIRECT:
            words = [i for s, e in q.spans for i in range(s, e) if doc[i].is_alpha]
            quoted = sum(1 for i in words if i in direct)
            if quoted and q.kind == REPORTED and quoted * _WRAPPED_SHARE >= len(words):
                continue
        out.append(q)
    return out


def _clause_cues(found, sent: Span) -> tuple[tuple[list[int], dict], tuple[list[int], dict]]:
    """The cues of a sentence that open a clause of their own (", sagte X", "und
    erklärte", ", so X"), where another cue's content stops; a cue inside that content
    ("dass die Kommission Ghani zum Präsidenten erkläre") does not stop it. Found once
    per sentence, as (positions, {id(cue): its index there}): for a speech verb's content
    (a bare "wonach", "demnach" is a report inside what the verb says, not a stop) and
    for an attribution's."""
    doc = sent.doc
    for_verbs: tuple[list[int], dict] = ([], {})
    for_all: tuple[list[int], dict] = ([], {})
    for other, words in found:
        if not (other.verb or other.attribution):
            continue
        start = min(other.words or other.tokens)
        before = doc[max(sent.start, start - _CLAUSE_LEAD):start]
        if start == sent.start or any(t.text in BREAKS or t.lower_ in CLAUSE_CONJUNCTIONS
                                      for t in before):
            kinds = [for_all] if other.attribution and other.words == other.tokens else \
                [for_verbs, for_all]
            for positions, index in kinds:
                index[id(other)] = len(positions)
                positions.append(other.tokens[0])
    return for_verbs, for_all


def _speaks(quote: Quotation, article) -> bool:
    """A speech act told as an event is a quotation of its own when somebody speaks (and,
    as the caller checks, nothing else of its sentence is quoted)."""
    speaker = quote.speaker
    if speaker is None:
        return False
    return speaker.entity is not None or not speaker.tokens or \
        is_actor(article.doc[max(speaker.tokens)], article)


def _wraps(spans, quote: Quotation) -> bool:
    """"Laut X sagte Y, dass Z": X vouches for Y's saying Z, a claim of its own."""
    return contains(spans, quote.spans) and size(spans) - size(quote.spans) >= _MIN_OWN_WORDS
