"""The quotation steps in the order of the data, over one article.

1. Quotation marks (``marks``): quoted names and titles are no quotes ("die „New York
   Times“", "sein Buch „Deutschland schafft sich ab“"); quotes back to back are one.
2. A direct quote takes the cue right next to it: "„…“, sagte X", "„…“, so X", "X sagte:
   „…“"; a quote interrupted by its cue ("„…“, sagte er, „…“") is one quotation with two
   spans.
3. Every other cue's content (``content``) and speaker (``speakers``): a speech verb's
   clause, or the speech act as told; an attribution phrase's sentence without the phrase,
   unless a speech verb of the same sentence already says who said it (the relayed
   speaker is the one who counts: "Laut Polizei sagte der Mann, er sei ...").
4. The direct quotes left: one inside a quotation of step 3 is part of it and has its
   speaker ("warnte vor einem „drohenden Abfluss“"); else a cue of its sentence, a name
   and a colon before it ("CDU-Innenexperte Wolfgang Bosbach: „…“"), or the voice of the
   quotation just before it; a short one with none of these is a term, not a quote.
5. Reported speech carried on (``continuation``).
"""

from __future__ import annotations

import bisect
import math

from spacy.tokens import Span

from transforms.events.senses import is_actor
from transforms.extract.deadline import check as check_deadline
from transforms.lang import de
from transforms.quotes import content, continuation, cues, marks, speakers
from transforms.quotes.model import DIRECT, INDIRECT, REPORTED, Cue, Quotation

_MIN_UNATTRIBUTED_WORDS = 4  # a shorter quote with no cue is a term, a title, a name
_INTERRUPTION = 8  # tokens a cue clause may take between two parts of one quote
_VOICE_REACH = 2  # sentences a quote without a cue may follow its speaker's last quote
_TITLE_NOUNS = tuple(de.words("title_nouns"))
_FOREIGN = de.words("foreign_function_words")
_OPENERS = dict(de.QUOTE_PAIRS)


def quotations(article) -> list[Quotation]:
    doc = article.doc
    sentences = list(doc.sents)
    sentence_of = [0] * len(doc)
    for k, sent in enumerate(sentences):
        for i in range(sent.start, sent.end):
            sentence_of[i] = k
    paragraphs = _paragraphs(doc)
    paragraph_of = [_paragraph(sent.start, paragraphs) for sent in sentences]
    spans = _merge_back_to_back([s for s in marks.direct_spans(doc, paragraphs)
                                 if content.direct_span_ok(s, doc) and not _term(s, article)],
                                doc)
    in_direct = set()
    for start, end in spans:
        in_direct.update(range(start - 1, end + 1))  # the marks too
    sentence_cues = []
    for sent in sentences:
        check_deadline()
        found = cues.verb_cues(sent, article, in_direct.__contains__)
        found += cues.attribution_cues(sent, article, in_direct.__contains__)
        sentence_cues.append(sorted(found, key=lambda c: c[0].tokens[0]))

    used: set[Cue] = set()
    direct, rest = _adjacent(spans, sentence_of, sentence_cues, used, article)
    introduced = _introduced(sentences, sentence_cues, used, direct, article)
    direct += _remaining(rest, sentence_of, paragraph_of, sentence_cues,
                         sorted(direct + introduced, key=lambda q: q.start), article)
    quotes = sorted(direct + introduced, key=lambda q: q.start)
    for q in quotes:
        q.sentences = (sentence_of[q.start], sentence_of[q.end - 1])
    quotes += continuation.carried_on(sentences, paragraph_of, quotes)
    return sorted(quotes, key=lambda q: q.start)


def _adjacent(spans, sentence_of, sentence_cues, used, article):
    """Direct quotes with a cue right next to them; the others, for later."""
    out, rest, merged = [], [], set()
    for n, (start, end) in enumerate(spans):
        if n in merged:
            continue
        first, last = sentence_of[start], sentence_of[end - 1]
        # A parser may end a sentence at the colon before a quote or at its closing mark.
        near = {first, last, sentence_of[max(0, start - 2)],
                sentence_of[min(len(sentence_of) - 1, end + 2)]}
        cue, words = _next_to(start, end, [c for k in sorted(near) for c in sentence_cues[k]],
                              article)
        if cue is None:
            rest.append((start, end))
            continue
        used.add(cue)
        quote = Quotation([(start, end)], DIRECT, cue=cue)
        if cue.tokens[0] > end and n + 1 < len(spans):  # "„…“, sagte er, „…“"
            following = spans[n + 1]
            if following[0] - cue.tokens[-1] <= _INTERRUPTION and \
                    sentence_of[following[0]] == last:
                quote.spans.append(following)
                merged.add(n + 1)
        quote.speaker = _speaker(cue, words, quote, out, article)
        quote.addressee = speakers.addressee(cue, article, quote.covers)
        out.append(quote)
    return out, rest


def _introduced(sentences, sentence_cues, used, direct, article) -> list[Quotation]:
    doc = article.doc
    out: list[Quotation] = []
    covered = set()
    for q in direct:
        for s, e in q.spans:
            covered.update(range(s - 1, e + 1))
    for k, sent in enumerate(sentences):
        here = []
        for cue, words in sentence_cues[k]:
            if cue in used or cue.attribution or not cue.verb:
                continue
            others = _clause_cues(sentence_cues[k], cue, doc)
            found = content.for_verb(cue, sent, sentences[k - 1] if k else None, article,
                                     covered.__contains__, others)
            if found is None:
                continue
            spans, kind = found
            if not spans or kind == REPORTED and cue.needs_content:
                continue
            quote = Quotation(spans, kind, cue=cue)
            # A speech act told as an event holds its speaker ("X warf Y vor, ...").
            quote.speaker = speakers.of_verb(
                cue, article, covered.__contains__ if kind == REPORTED else quote.covers)
            if kind == REPORTED and not _reports(quote, sent, covered, here, article):
                continue
            quote.addressee = speakers.addressee(cue, article, quote.covers)
            here.append(quote)
        for cue, words in sentence_cues[k]:
            if cue in used or not cue.attribution:
                continue
            others = _clause_cues(sentence_cues[k], cue, doc)
            spans = content.for_attribution((cue.words[0], cue.words[-1] + 1), sent, article,
                                            others)
            if not spans or any(_overlap(v, spans) for v in here):
                continue  # the speech verb's own words: its speaker counts
            quote = Quotation(spans, INDIRECT, cue=cue)
            quote.speaker = _speaker(cue, words, quote, direct + out, article)
            here.append(quote)
        out += [q for q in here if not any(o.spans == q.spans for o in out)]
    return out


def _clause_cues(found, cue: Cue, doc) -> list[int]:
    """The other cues of a sentence that open a clause of their own (", sagte X", "und
    erklärte", ", so X"), where a cue's content stops; a cue inside that content ("dass
    die Kommission Ghani zum Präsidenten erkläre") does not stop it."""
    out = []
    for other, _ in found:
        if other is cue or not (other.verb or other.attribution):
            continue
        first = min(other.words or other.tokens)
        before = doc[max(doc[first].sent.start, first - 3):first]
        if first == doc[first].sent.start or any(
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


def _remaining(spans, sentence_of, paragraph_of, sentence_cues, quotes, article):
    doc = article.doc
    out: list[Quotation] = []
    for start, end in spans:
        k = sentence_of[start]
        holder = next((q for q in quotes if q.kind != DIRECT and q.start <= start
                       and end <= q.end), None)
        quote = Quotation([(start, end)], DIRECT)
        if holder is not None:  # part of a quotation: its speaker's words
            quote.cue, quote.speaker = holder.cue, holder.speaker
        else:
            cue, words = next(iter(sentence_cues[k]), (None, None))
            if cue is not None:
                quote.cue = cue
                quote.speaker = _speaker(cue, words, quote, quotes, article)
            else:
                quote.speaker = _colon_speaker(start, article)
                if quote.speaker is None:  # a short quote nobody introduces is a term
                    if _words(doc, start, end) < _MIN_UNATTRIBUTED_WORDS:
                        continue
                    quote.speaker = _voice(start, k, sentence_of, paragraph_of,
                                           quotes + out, article)
        out.append(quote)
    return out


def _voice(start, k, sentence_of, paragraph_of, before, article):
    """The speaker of the quotation just before, when it is near enough to go on; else
    who acts in the sentence before, in the same paragraph ("X verurteilte die Haltung
    der Regierung. „…“")."""
    earlier = [q for q in before if q.start < start and q.speaker is not None]
    if earlier:
        last = max(earlier, key=lambda q: q.end)
        last_sentence = sentence_of[last.end - 1]
        if k - last_sentence <= _VOICE_REACH and \
                paragraph_of[k] - paragraph_of[last_sentence] <= 1:
            return last.speaker
    sentences = article.sentences
    if k and paragraph_of[k - 1] == paragraph_of[k]:
        root = sentences[k - 1].root
        speaker = speakers.of_verb(_verb_cue(root), article, lambda i: False)
        if speaker is not None and speaker.entity is not None and \
                speaker.entity.label in ("PER", "ORG"):
            return speaker
    return None


def _verb_cue(verb) -> Cue:
    return Cue((verb.i,), verb.text, verb.lemma_, verb.idx, verb.idx + len(verb.text), True)


def _speaker(cue: Cue, words, quote: Quotation, before: list[Quotation], article):
    if cue.verb:
        return speakers.of_verb(cue, article, quote.covers)
    if words is None:  # "demnach": the previous claim's speaker
        previous = [q for q in before if q.speaker is not None and q.start < quote.start]
        return previous[-1].speaker if previous else None
    if not words:  # "nach eigenen Angaben": the sentence's subject
        root = article.doc[cue.tokens[0]].sent.root
        return speakers.of_verb(_verb_cue(root), article, quote.covers)
    return speakers.of_phrase(words, article)


def _next_to(start: int, end: int, candidates, article):
    """The cue right after a quote's closing mark ("„…“, sagte X") or before the colon
    that opens it ("X sagte am Montag: „…“")."""
    doc = article.doc
    after = [c for c in candidates if end < c[0].tokens[0] <= end + 3
             and all(t.is_punct for t in doc[end + 1:c[0].tokens[0]])]
    if after:
        return after[0]
    colon = start - 2
    if colon >= 0 and doc[colon].text == ":":
        before = [c for c in candidates if c[0].tokens[-1] < colon and c[0].verb
                  and doc[c[0].tokens[0]].sent.start <= colon]
        if before:
            return before[-1]
    return None, None


def _colon_speaker(start: int, article):
    """Who speaks after a colon: the name before it ("CDU-Innenexperte Wolfgang Bosbach:
    „…“"), else who acts in the clause before it ("Er fuhr fort: „…“", "Der Minister
    zeigte sich besorgt: „…“")."""
    doc = article.doc
    colon = start - 2  # the opening mark is at start - 1
    if colon < 0 or doc[colon].text != ":":
        return None
    sent = doc[colon].sent
    linker = article.linker
    clause = list(doc[sent.start:colon])
    verbs = [t for t in clause if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        for t in reversed(clause[-6:]):
            if t.i in linker.entity_at and linker.entity_at[t.i].label in ("PER", "ORG"):
                return linker.mention(t.i)
        return None
    return speakers.of_verb(_verb_cue(verbs[0]), article, lambda i: i >= colon)


def _term(span: tuple[int, int], article) -> bool:
    """A quoted name or title, not a quote: capitalised words only ("New York Times",
    "Channel 10"), an entity, a foreign name ("Partij voor de Vrijheid"), a verbless
    capitalised phrase right after an article ("die „Kampagne für ein Freies Tibet“"), or
    after a title noun ("sein Buch „…“", "Operation „…“")."""
    doc = article.doc
    start, end = span
    words = [t for t in doc[start:end] if t.is_alpha]
    if not words or len(words) > 6:
        return False
    if all(t.i in article.linker.entity_at for t in words):
        return True
    if len(words) > 1 and all(t.text[:1].isupper() for t in words):
        return True
    if any(t.lower_ in _FOREIGN for t in words):
        return True
    before = doc[start - 2] if start >= 2 else None
    if before is None:
        return False
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in words)
    return before.lower_.endswith(_TITLE_NOUNS) or (  # "die „Kampagne für ein Freies Tibet“"
        verbless and before.lower_ in de.ARTICLES and words[0].text[:1].isupper())


def _merge_back_to_back(spans, doc) -> list[tuple[int, int]]:
    """„…“ „…“: one quote, when only space stands between the closing and the next
    opening mark."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and all(t.is_space for t in doc[out[-1][1] + 1:start - 1]) and \
                start - 1 > out[-1][1] and doc[start - 1].text in _OPENERS:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _overlap(quote: Quotation, spans) -> bool:
    """Whether a quotation shares at least half of its tokens with the spans."""
    mine = sum(e - s for s, e in quote.spans)
    shared = sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans for qs, qe in quote.spans)
    return shared * 2 >= min(mine, sum(e - s for s, e in spans))


def _words(doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_alpha)


def _paragraphs(doc) -> list[tuple[int, int]]:
    out, start = [], 0
    for token in doc:
        if token.is_space and "\n\n" in token.text:
            out.append((start, token.i))
            start = token.i + 1
    out.append((start, len(doc)))
    return out


def _paragraph(i: int, paragraphs) -> int:
    p = bisect.bisect_right(paragraphs, (i, math.inf)) - 1  # sorted, disjoint
    return p if p >= 0 and paragraphs[p][0] <= i < paragraphs[p][1] else len(paragraphs) - 1
