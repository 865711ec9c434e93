"""Step 6: reported speech carried on over the sentences after a quotation.

German marks reported speech with the subjunctive: after "Der Staatsanwalt sagte, der
Sohn habe sich stranguliert.", the next sentence "Dies sei eindeutig nachzuweisen
gewesen." is still the prosecutor's claim. A sentence no quotation covers whose mood is
subjunctive (its first finite verb, or its main clause's when a subordinate clause comes
first; Konjunktiv I, or the Konjunktiv II reported speech borrows) continues the latest
voice up to three sentences back, into the next paragraph too (journalists go on with a
report after a paragraph break); one whose main clause has "soll"/"sollen" (hearsay:
"Daran soll Lenz beteiligt gewesen sein") continues the latest claim within a few
sentences. The latest voice is the latest quotation's speaker, or the named subject of
the sentence just before ("Die Polizei nahm den Mann fest. Er habe ...": the police).
Consecutive sentences of one mood in one paragraph are one quotation (one voice telling
one thing); a hearsay run and a subjunctive run are two.
"""

from __future__ import annotations

from spacy.tokens import Span

from transforms.lang import de
from transforms.quotes.content import opens_subordinate
from transforms.quotes.model import DIRECT, FREE_INDIRECT, Quotation

_HEARSAY = de.words("hearsay_verbs")
_HEDGES = de.words("hedge_subjunctives")  # "Das könnte einen Bürgerkrieg auslösen"
_CLAUSE_BREAKS = {",", ";", ":", "–"}
_HEARSAY_REACH = 3  # sentences a "soll" claim may stand after the latest speaker
_SUBJUNCTIVE_REACH = 4  # sentences on (a paragraph break counts as one), next paragraph


def carried_on(sentences: list[Span], paragraph_of: list[int],
               quotes: list[Quotation], actor_of=lambda k: None) -> list[Quotation]:
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
    speaking_at: list[Quotation | None] = [None] * len(sentences)
    for q in quotes:  # in text order: the latest quotation with a speaker of each sentence
        if q.speaker is not None:
            for k in range(q.sentences[0], q.sentences[1] + 1):
                speaking_at[k] = q
    out: list[Quotation] = []
    last: Quotation | None = None
    last_at, last_mood = -10, None
    voiceless: list[int] = []  # indicative sentences since: the voice may be named there
    for k, sent in enumerate(sentences):
        speaking = speaking_at[k]
        if quoted[k]:  # a clause of it is quoted already: its own cue says whose it is
            if speaking is not None:
                last, last_at, voiceless = speaking, k, []
            continue
        mood = _mood(sent, direct)
        if mood is None:
            if speaking is not None:  # a direct quote of the sentence: its speaker goes on
                last, last_at, voiceless = speaking, k, []
            else:
                voiceless.append(k)
            continue
        for j in reversed(voiceless):  # "Die Polizei nahm ihn fest. Er habe ..."
            actor = actor_of(j)
            if actor is not None:
                last, last_at = Quotation([], FREE_INDIRECT, speaker=actor), j
                break
        voiceless = []
        if last is None:
            continue
        near = k - last_at <= _SUBJUNCTIVE_REACH and paragraph_of[k] - paragraph_of[last_at] <= 1
        if mood == "subjunctive" and near or mood == "hearsay" and k - last_at <= _HEARSAY_REACH:
            if out and out[-1] is last and last_at == k - 1 and last_mood == mood and \
                    paragraph_of[k] == paragraph_of[last_at]:
                # The run goes on: one quotation of several sentences, as one voice (a
                # hearsay "soll" and a subjunctive report are two ways of telling).
                last.spans[-1] = (last.start, _end(sent))
                last.sentences = (last.sentences[0], k)
            else:
                last = Quotation([(sent.start, _end(sent))], FREE_INDIRECT, cue=None,
                                 speaker=last.speaker, sentences=(k, k))
                out.append(last)
            last_at, last_mood = k, mood
    return out


def _mood(sent: Span, direct: set[int]) -> str | None:
    """"subjunctive", "hearsay" or None, from the sentence's finite verbs outside direct
    quotes ("Deshalb sei es „folgerichtig, ...“"): the first one, and the main clause's
    when a subordinate clause comes first (a clause a conjunction or relative pronoun
    opens runs to its comma: "Da das Kraftwerk heruntergefahren wurde, sei es ...")."""
    subordinate, first = False, True
    for token in sent:
        if token.i in direct:
            continue
        if token.text in _CLAUSE_BREAKS:
            subordinate = False
            continue
        if opens_subordinate(token):
            subordinate = True
            continue
        if subordinate and not first:
            continue
        if token.lower_ in _HEARSAY and not subordinate:  # "die ... sein sollen, ..."
            return "hearsay"
        if de.is_subjunctive(token) and token.lower_ not in _HEDGES:
            return "subjunctive"
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            if not subordinate:
                return None
            first = False
    return None


def _end(sent: Span) -> int:
    end = sent.end
    while end > sent.start and (sent.doc[end - 1].is_space or sent.doc[end - 1].is_punct):
        end -= 1
    return end
