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

from transforms.lang import de
from transforms.quotes import speakers
from transforms.quotes.model import DIRECT, Quotation

_MIN_UNATTRIBUTED_WORDS = 4  # a shorter quote with no cue is a term, a title, a name
_INTERRUPTION = 8  # tokens a cue clause may take between two parts of one quote
_VOICE_REACH = 2  # sentences a quote without a cue may follow its speaker's last quote
_TITLE_NOUNS = tuple(de.words("title_nouns"))
_FOREIGN = de.words("foreign_function_words")
_OPENERS = dict(de.QUOTE_PAIRS)
_PREDICATIVE = de.words("predicative_particles")  # "bezeichnete es als „Kapitulation“"


def adjacent(spans, sents, sentence_cues, used, article):
    """Direct quotes with a cue right next to them; the others, for later."""
    out, rest, merged = [], [], set()
    of = sents.of
    for n, (start, end) in enumerate(spans):
        if n in merged:
            continue
        first, last = of[start], of[end - 1]
        # A parser may end a sentence at the colon before a quote or at its closing mark.
        near = {first, last, of[max(0, start - 2)], of[min(len(of) - 1, end + 2)]}
        cue, words = _next_to(start, end, [c for k in sorted(near) for c in sentence_cues[k]],
                              sents, article)
        if cue is None:
            rest.append((start, end))
            continue
        used.add(cue)
        quote = Quotation([(start, end)], DIRECT, cue=cue)
        if cue.tokens[0] > end and n + 1 < len(spans):  # "„…“, sagte er, „…“"
            following = spans[n + 1]
            if following[0] - cue.tokens[-1] <= _INTERRUPTION and of[following[0]] == last:
                quote.spans.append(following)
                merged.add(n + 1)
        quote.speaker = speakers.of_cue(cue, words, quote, out, sents, article)
        quote.addressee = speakers.addressee(cue, article, quote.covers)
        out.append(quote)
    return out, rest


def remaining(spans, sents, sentence_cues, quotes, article):
    """The direct quotes no cue stands next to, given the quotations found so far."""
    doc = article.doc
    out: list[Quotation] = []
    for start, end in spans:
        k = sents.of[start]
        holder = next((q for q in quotes if q.kind != DIRECT and q.start <= start
                       and end <= q.end), None)
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
                    quote.speaker = _voice(start, k, sents, quotes + out, article)
        out.append(quote)
    return out


def _voice(start, k, sents, before, article):
    """The speaker of the quotation just before, when it is near enough to go on; else
    who acts in the sentence before, in the same paragraph ("X verurteilte die Haltung
    der Regierung. „…“")."""
    paragraph = sents.paragraph
    earlier = [q for q in before if q.start < start and q.speaker is not None]
    if earlier:
        last = max(earlier, key=lambda q: q.end)
        last_sentence = sents.of[last.end - 1]
        if k - last_sentence <= _VOICE_REACH and \
                paragraph[k] - paragraph[last_sentence] <= 1:
            return last.speaker
    if k and paragraph[k - 1] == paragraph[k]:
        root = sents[k - 1].root
        speaker = speakers.of_verb(speakers.verb_cue(root), article, lambda i: False)
        if speaker is not None and speaker.entity is not None and \
                speaker.entity.label in ("PER", "ORG"):
            return speaker
    return None


def voices(quotes: list[Quotation], sents) -> None:
    """A direct quote nobody introduces, once reported speech carried on is known, is
    in the voice of the quotation just before it ("Die Gefahr sei real, sagte X. Sie
    bestehe noch nicht. „Aber das Virus hat alle Möglichkeiten ...“")."""
    last = None
    for q in quotes:  # in text order
        if q.kind == DIRECT and q.cue is None and q.speaker is None and last is not None:
            k, before = sents.of[q.start], sents.of[last.end - 1]
            if k - before <= _VOICE_REACH and sents.paragraph[k] - sents.paragraph[before] <= 1:
                q.speaker = last.speaker
        if q.speaker is not None:
            last = q


def _next_to(start: int, end: int, candidates, sents, article):
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
                  and sents.at(c[0].tokens[0]).start <= colon]
        if before:
            return before[-1]
    return None, None


def _colon_speaker(start: int, sents, article):
    """Who speaks after a colon: the name before it ("CDU-Innenexperte Wolfgang Bosbach:
    „…“"), else who acts in the clause before it ("Er fuhr fort: „…“", "Der Minister
    zeigte sich besorgt: „…“")."""
    doc = article.doc
    colon = start - 2  # the opening mark is at start - 1
    if colon < 0 or doc[colon].text != ":":
        return None
    sent = sents.at(colon)
    linker = article.linker
    clause = list(doc[sent.start:colon])
    verbs = [t for t in clause if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        for t in reversed(clause[-6:]):
            if t.i in linker.entity_at and linker.entity_at[t.i].label in ("PER", "ORG"):
                return linker.mention(t.i)
        return None
    return speakers.of_verb(speakers.verb_cue(verbs[0]), article, lambda i: i >= colon)


def is_term(span: tuple[int, int], article) -> bool:
    """A quoted name or title, not a quote: capitalised words only ("New York Times",
    "Channel 10"; one such word unless a predicate after "als"), an entity, a foreign name ("Partij voor de Vrijheid"), a verbless
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
    opening mark."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and all(t.is_space for t in doc[out[-1][1] + 1:start - 1]) and \
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
