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

from spacy.tokens import Span

from transforms.events.senses import is_actor
from transforms.extract.deadline import check as check_deadline
from transforms.quotes import content, continuation, cues, direct, marks, speakers
from transforms.quotes.model import DIRECT, INDIRECT, REPORTED, Cue, Quotation


def quotations(article) -> list[Quotation]:
    doc = article.doc
    sents = article.sentences
    body = _body_start(article)
    spans = direct.back_to_back([s for s in marks.direct_spans(doc, sents.paragraphs)
                                 if s[0] >= body and content.direct_span_ok(s, doc)
                                 and not direct.is_term(s, article)], doc)
    in_direct = set()
    for start, end in spans:
        in_direct.update(range(start - 1, end + 1))  # the marks too
    sentence_cues = []
    for sent in sents:
        check_deadline()
        if sent.start < body:  # the headline restates a claim its article tells
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
    carried = continuation.carried_on(sents, sents.paragraph, quotes,
                                      lambda k: speakers.named_actor(sents[k], article))
    quotes = sorted(quotes + carried, key=lambda q: q.start)
    direct.voices(quotes, sents)
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
    covered = set()
    for q in direct:
        for s, e in q.spans:
            covered.update(range(s - 1, e + 1))
    for k, sent in enumerate(sents):
        here = []
        for cue, words in sentence_cues[k]:
            if cue in used or cue.attribution or not cue.verb:
                continue
            others = _clause_cues(sentence_cues[k], cue, sent)
            found = content.for_verb(cue, sent, sents[k - 1] if k else None, article,
                                     covered.__contains__, others)
            if found is None:
                continue
            spans, kind = found
            if not spans or kind == REPORTED and cue.needs_content or \
                    kind != REPORTED and not content.is_claim(spans, doc):
                continue
            quote = Quotation(spans, kind, cue=cue)
            # A speech act told as an event holds its speaker ("X warf Y vor, ...").
            quote.speaker = speakers.of_verb(
                cue, article, covered.__contains__ if kind == REPORTED else quote.covers)
            if kind == REPORTED and not _reports(quote, sent, covered, here, article):
                continue
            quote.addressee = speakers.addressee(cue, article, quote.covers)
            here.append(quote)
        here = _once(here)
        for cue, words in sentence_cues[k]:
            if cue in used or not cue.attribution:
                continue
            others = _clause_cues(sentence_cues[k], cue, sent)
            spans = content.for_attribution((cue.words[0], cue.words[-1] + 1), sent, article,
                                            others)
            if not spans or not content.is_claim(spans, doc) or \
                    any(_overlap(v, spans) and not _wraps(spans, v) for v in here):
                continue  # the speech verb's own words: its speaker counts
            quote = Quotation(spans, INDIRECT, cue=cue)
            quote.speaker = speakers.of_cue(cue, words, quote, direct + out, sents, article)
            here.append(quote)
        out += [q for q in here if not any(o.spans == q.spans for o in out)]
    return out


def _once(quotes: list[Quotation]) -> list[Quotation]:
    """The speech verbs' quotations of one sentence, each clause counted once: a cue
    inside another cue's clause is part of what that speaker says ("Wie X mitteilte,
    habe man sie informiert, dass ..."); of two cues with the same clause ("bezeichnete
    ... und kündigte an, ..."), the one next to it introduces it."""
    def inside(q, p):
        return all(any(s <= i < e for s, e in p.spans) for i in q.cue.tokens) and \
            all(any(s <= qs and qe <= e for s, e in p.spans) for qs, qe in q.spans)

    def distance(q):
        return min(abs(i - b) for i in q.cue.tokens for s, e in q.spans for b in (s, e))

    out = []
    for q in quotes:
        if any(p is not q and p.kind != REPORTED and inside(q, p) for p in quotes):
            continue
        same = [p for p in quotes if p.spans == q.spans]
        if min(same, key=distance) is q:
            out.append(q)
    return out


def _without_wrappers(quotes: list[Quotation], doc) -> list[Quotation]:
    """A speech act told as an event that wraps a direct quote making a third or more of
    its words ("bezeichnete den Gipfel als das „größte Ereignis …“") is that direct quote,
    which has its cue and speaker: the words said are the quotation, counted once. One
    that tells more than the quote ("warnten vor einem „drohenden Abfluss“ von Ingenieuren
    ins Ausland ...") is a quotation of its own."""
    direct = set()
    for q in quotes:
        if q.kind == DIRECT:
            direct.update(i for s, e in q.spans for i in range(s - 1, e + 1))
    out = []
    for q in quotes:
        if q.kind != DIRECT:
            words = [i for s, e in q.spans for i in range(s, e) if doc[i].is_alpha]
            quoted = sum(1 for i in words if i in direct)
            if quoted and q.kind == REPORTED and quoted * 3 >= len(words):
                continue
        out.append(q)
    return out


def _clause_cues(found, cue: Cue, sent: Span) -> list[int]:
    """The other cues of a sentence that open a clause of their own (", sagte X", "und
    erklärte", ", so X"), where a cue's content stops; a cue inside that content ("dass
    die Kommission Ghani zum Präsidenten erkläre") does not stop it."""
    out, doc = [], sent.doc
    for other, words in found:
        if other is cue or not (other.verb or other.attribution):
            continue
        if cue.verb and other.attribution and other.words == other.tokens:
            continue  # "..., wonach ...", "demnach": a report inside what the verb says
        first = min(other.words or other.tokens)
        before = doc[max(sent.start, first - 3):first]
        if first == sent.start or any(
                t.text in content.BREAKS or t.lower_ in content.CLAUSE_CONJUNCTIONS
                for t in before):
            out.append(other.tokens[0])
    return out


def _reports(quote: Quotation, sent: Span, covered, here, article) -> bool:
    """A speech act told as an event is a quotation of its own when somebody speaks and
    nothing else of its sentence is quoted yet."""
    speaker = quote.speaker
    if speaker is None or here or any(i in covered for i in range(sent.start, sent.end)):
        return False
    return speaker.entity is not None or not speaker.tokens or \
        is_actor(article.doc[max(speaker.tokens)], article)


def _wraps(spans, quote: Quotation) -> bool:
    """"Laut X sagte Y, dass Z": X vouches for Y's saying Z, a claim of its own."""
    inside = all(any(s <= qs and qe <= e for s, e in spans) for qs, qe in quote.spans)
    return inside and sum(e - s for s, e in spans) - sum(e - s for s, e in quote.spans) >= 3


def _overlap(quote: Quotation, spans) -> bool:
    """Whether a quotation shares at least half of its tokens with the spans."""
    mine = sum(e - s for s, e in quote.spans)
    shared = sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans for qs, qe in quote.spans)
    return shared * 2 >= min(mine, sum(e - s for s, e in spans))


