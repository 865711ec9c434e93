"""Step 5: reported speech carried on over the sentences after a quotation.

German marks reported speech with the subjunctive: after "Der Staatsanwalt sagte, der
Sohn habe sich stranguliert.", the next sentence "Dies sei eindeutig nachzuweisen
gewesen." is still the prosecutor's claim. A sentence no quotation covers, whose first
finite verb is subjunctive (Konjunktiv I, or the Konjunktiv II reported speech borrows),
continues the latest quotation one or two sentences before it in its paragraph; one whose
verb is "soll" or
"sollen" (hearsay: "Daran soll Lenz beteiligt gewesen sein") continues the latest claim
within a few sentences. The run stops at the first sentence that does neither.
"""

from __future__ import annotations

from spacy.tokens import Span

from transforms.lang import de
from transforms.quotes.model import DIRECT, FREE_INDIRECT, Quotation

_HEARSAY = de.words("hearsay_verbs")
_HEARSAY_REACH = 3  # sentences a "soll" claim may stand after the latest speaker
_SUBJUNCTIVE_REACH = 2  # sentences, within the paragraph


def carried_on(sentences: list[Span], paragraph_of: list[int],
               quotes: list[Quotation]) -> list[Quotation]:
    """The free indirect quotations the quotations found so far carry on."""
    quoted = [0] * len(sentences)  # words of each sentence a clause quotation holds
    direct = set()
    for q in quotes:
        if q.kind == DIRECT:  # a direct quote may be part of a reported sentence
            direct.update(i for s, e in q.spans for i in range(s - 1, e + 1))
            continue
        for s, e in q.spans:
            for k in range(q.sentences[0], q.sentences[1] + 1):
                sent = sentences[k]
                quoted[k] += sum(1 for t in sent.doc[max(s, sent.start):min(e, sent.end)]
                                 if t.is_alpha)
    by_sentence: dict[int, list[Quotation]] = {}  # who speaks in each sentence
    for q in quotes:
        if q.speaker is not None:
            for k in range(q.sentences[0], q.sentences[1] + 1):
                by_sentence.setdefault(k, []).append(q)
    out: list[Quotation] = []
    last: Quotation | None = None
    last_at = -10
    for k, sent in enumerate(sentences):
        words = sum(1 for t in sent if t.is_alpha)
        speaking = by_sentence.get(k, [])
        if quoted[k] * 2 > words:  # quoted already
            if speaking:
                last, last_at = speaking[-1], k
            continue
        mood = _mood(sent, direct)
        if mood is None:
            if speaking:  # a direct quote of the sentence: its speaker goes on
                last, last_at = speaking[-1], k
            continue
        if last is None:
            continue
        near = k - last_at <= _SUBJUNCTIVE_REACH and paragraph_of[k] == paragraph_of[last_at]
        if mood == "subjunctive" and near or mood == "hearsay" and k - last_at <= _HEARSAY_REACH:
            quote = Quotation([(sent.start, _end(sent))], FREE_INDIRECT, cue=None,
                              speaker=last.speaker, sentences=(k, k))
            out.append(quote)
            last, last_at = quote, k
    return out


def _mood(sent: Span, direct: set[int]) -> str | None:
    """"subjunctive", "hearsay" or None, from the sentence's first finite verb outside
    direct quotes ("Deshalb sei es „folgerichtig, ...“")."""
    for token in sent:
        if token.i in direct:
            continue
        if token.lower_ in _HEARSAY:
            return "hearsay"
        if de.is_subjunctive(token):
            return "subjunctive"
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return None
    return None


def _end(sent: Span) -> int:
    end = sent.end
    while end > sent.start and (sent.doc[end - 1].is_space or sent.doc[end - 1].is_punct):
        end -= 1
    return end
