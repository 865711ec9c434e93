"""Step 2: what introduces a quotation in a sentence.

* Speech verbs and nouns: a word whose lexicon sense (``events.triggers.sense``) is a
  speech cue ("sagte", "teilte ... mit", "kritisierte", "hoffe"), not inside a direct quote
  (a speech verb inside a quote belongs to the quote).
* Attribution phrases, each with the words that name who claims: "laut X", "gemäß X",
  "X zufolge", "nach Angaben/Informationen/Berichten ... (von) X" (or "nach eigenen
  Angaben": the sentence's subject), ", so X" at a clause's end, and "demnach", which
  carries the previous claim's speaker (after a noun and its comma, "ein Bericht,
  wonach ...": that noun's).

Takes a sentence and the article context; gives (:class:`Cue`, speaker words) pairs.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from transforms.events import triggers
from transforms.events.tokens import is_nominal
from transforms.extract.deadline import check as check_deadline
from transforms.lang import de
from transforms.nlp.syntax import CASE, GEN, NMOD, noun_phrase
from transforms.quotes.marks import OPENING_MARKS
from transforms.quotes.model import SUBJECT_SPEAKS, Cue

_ANAPHORIC = de.words("anaphoric_attributions")  # "demnach": the previous speaker's claim
_OWN = de.words("own_attributions")  # "nach eigenen Angaben": the subject's claim
_INVERTED_SO = de.words("inverted_attributions")  # ", so X."
_SOURCE_NOUNS = tuple(de.SOURCE_NOUNS)  # also as compound heads: "Polizeiangaben"
# Without a tagger, the words that open a source noun's genitive or von-phrase.
_COMPLEMENT_OPENERS = de.ARTICLES | de.ORIGIN_PREPOSITIONS
_CONJUNCTIONS = de.words("subordinating_conjunctions") | de.words("clause_conjunctions")
_PHRASE_REACH = 5  # tokens from a preposition to the head of its noun phrase
_NO_PHRASE = ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON", "DET")
# Words no noun phrase of "laut X" runs through ("lachte laut auf dem Podium", "laut
# und deutlich"): without tags, the preposition or conjunction says the phrase is over.
_PHRASE_BREAKERS = ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "ADV")
_NOT_IN_PHRASE = de.words("prepositions") | _CONJUNCTIONS
_AMBIGUOUS_PREPOSITIONS = de.words("adjective_source_prepositions")  # "laut"
_REST = 7  # tokens after a marker in which its phrase's head stands (a name and titles)
_REST_BEFORE = 6  # tokens before a postposition in which its phrase's head stands
_SOURCE_REST = 4  # tokens after a source noun in which its genitive or von-phrase starts
_NOUN_PREPOSITION = 3  # "nach [eigenen, offiziellen] Angaben": the preposition's reach
_OWN_REACH = 2  # "nach eigenen Angaben": "eigenen" just before the noun
_CONTENT = frozenset({"content"})  # whether it has a quotation is what is being found
_SUBJECT = _CONTENT | {"subj:actor"}


def verb_cues(sent: Span, article, inside_quote) -> list[tuple[Cue, None]]:
    out = []
    for token in sent:
        check_deadline()  # a sentence may be a whole text without sentence ends
        if inside_quote(token.i):
            continue
        # A subject the parse does not know as an actor ("der" of a relative clause, "der
        # Künstler padeluun"): the cue still introduces the clause it has. (Looked up with
        # the subject's constraint first only where the looser lookup finds a cue at all.)
        found = triggers.sense(token, sent, article, ignore=_SUBJECT)
        if found is None:
            continue
        needs_content = False
        if "subj:actor" in found.entry.constraints or not found.entry.speech:
            strict = triggers.sense(token, sent, article, ignore=_CONTENT)
            if strict is not None and strict.entry.speech:
                found = strict
            else:
                needs_content = True
        if not found.entry.speech:
            continue
        words = [token] + ([found.particle] if found.particle is not None else [])
        cue = _cue(words, found.entry.lemma, verb=found.entry.pos == "VERB",
                   event=found.entry.is_event)
        needs_content = needs_content or bool(
            {"content", "no-report"} & set(found.entry.constraints))
        out.append((replace(cue, needs_content=needs_content,
                            quoted_object="quoted-obj" in found.entry.constraints), None))
    return out


def attribution_cues(sent: Span, article, inside_quote) -> list[tuple[Cue, list[Token] | None]]:
    """Attribution phrases and the words of their speaker (None: the previous speaker;
    ``SUBJECT_SPEAKS``: the sentence's subject). The words after or before a marker are
    handed on as a window of a few tokens, never the rest of the sentence: a text
    without sentence ends must not cost a copy of itself per marker."""
    tokens = [t for t in sent if not inside_quote(t.i)]
    out = []
    for k, token in enumerate(tokens):
        check_deadline()
        low = token.lower_
        if low in de.SOURCE_PREPOSITIONS:
            # "laut" as a preposition (tagged so, or untagged) with its noun phrase: "sehr
            # laut.", "lachte laut auf dem Podium" are loud, and nobody is cited.
            rest = tokens[k + 1:k + 1 + _REST]
            speaker = _after(token, rest, article) if _opens_phrase(token, rest) else []
            if speaker:
                out.append((_with_words(_cue([token], low, attribution=True),
                                        [token, *speaker]), speaker))
        elif low in de.SOURCE_POSTPOSITIONS and k:
            speaker = _before(token, tokens[max(0, k - _REST_BEFORE):k], article)
            if speaker:
                out.append((_with_words(_cue([token], low, attribution=True),
                                        [*speaker, token]), speaker))
        elif low.endswith(_SOURCE_NOUNS) and any(
                t.lower_ in de.SOURCE_NOUN_PREPOSITIONS
                for t in tokens[max(0, k - _NOUN_PREPOSITION):k]):
            preposition = next(t for t in reversed(tokens[max(0, k - _NOUN_PREPOSITION):k])
                               if t.lower_ in de.SOURCE_NOUN_PREPOSITIONS)
            cue = _cue([token], low, attribution=True)
            if any(t.lower_ in _OWN for t in tokens[max(0, k - _OWN_REACH):k]):
                out.append((_with_words(cue, [preposition, token]), SUBJECT_SPEAKS))
            else:  # "nach Angaben der Polizei", "nach Polizeiangaben", "nach seiner Ansicht"
                speaker = _source_phrase(token, tokens[k + 1:k + 1 + _REST], article)
                out.append((_with_words(cue, [preposition, *speaker]), speaker))
        elif low in _INVERTED_SO and k and tokens[k - 1].text in {",", *de.CLOSING_QUOTES}:
            speaker = _rest_of_clause(token, sent)
            if speaker:
                out.append((_with_words(_cue([token], low, attribution=True),
                                        [token, *speaker]), speaker))
        elif low in _ANAPHORIC:
            cue = _cue([token], low, attribution=True)
            if k >= 2 and tokens[k - 1].text == "," and is_nominal(tokens[k - 2]) and \
                    tokens[k - 2].pos_ != "PRON":  # "ein Bericht, wonach ...": the report's
                speaker = list(_phrase(tokens[k - 2], article))
                out.append((_with_words(cue, [token]), speaker))
            else:  # "Demnach ...": the previous claim's
                out.append((_with_words(cue, [token]), None))
    return out


def _cue(words: list[Token], lemma: str, verb: bool = False, attribution: bool = False,
         event: bool = False) -> Cue:
    words = sorted(words, key=lambda t: t.i)
    return Cue(tuple(t.i for t in words), " ".join(t.text for t in words), lemma,
               words[0].idx, words[-1].idx + len(words[-1].text), verb, attribution, event)


def _with_words(cue: Cue, words: list[Token]) -> Cue:
    return replace(cue, words=tuple(sorted(t.i for t in words)))


def _after(marker: Token, rest: list[Token], article) -> list[Token]:
    """The noun phrase a preposition or a source noun introduces ("laut der Polizei",
    "Angaben des Ministeriums", "Angaben von Peter Müller")."""
    s = article.syntax
    near = marker.i + _PHRASE_REACH
    if article.has_parse:
        # UD: the noun heads (a head far away is the parse's error: "laut der Stimme,
        # die ..., Tragik")
        if s.role(marker) == CASE and marker.i < marker.head.i <= near:
            return list(_phrase(marker.head, article))
        for child in marker.children:  # TIGER PP, or a source noun's genitive / von-PP
            if marker.i < child.i <= near and (s.role(child) in (GEN, NMOD)
                                              or child.dep_ == "nk"
                                              or child.pos_ in ("NOUN", "PROPN")):
                return list(_phrase(child, article))
    for n, token in enumerate(rest[:_REST]):  # no parse: the first name or noun of the
        if token.text in ",;:" or n and _ends_phrase(token):  # phrase, before it ends
            break
        if token.i in article.linker.entity_at:
            start, end = article.linker.mention_span[token.i]
            return list(article.doc[start:end])
        if is_nominal(token) and token.pos_ != "PRON":
            return list(_phrase(token, article))
    first = rest[0] if rest else None  # "laut ndr.de": a word no tagger knows
    if first is not None and not first.is_punct and first.pos_ not in _NO_PHRASE and \
            first.lower_ not in de.ARTICLES:
        return [first]
    return []


def _opens_phrase(marker: Token, rest: list[Token]) -> bool:
    """Whether a source preposition stands before its noun phrase: a preposition by its
    tag where the word is an adjective too ("laut": "sehr laut", "lachte laut"), and a
    phrase that begins right after it (a quoted name may: "laut „Welt“")."""
    if marker.lower_ in _AMBIGUOUS_PREPOSITIONS and marker.pos_ not in ("ADP", ""):
        return False
    first = next((t for t in rest if t.text not in OPENING_MARKS), None)
    return first is not None and not first.is_punct and not _ends_phrase(first)


def _ends_phrase(token: Token) -> bool:
    """A word no noun phrase runs through: a verb, a preposition, a conjunction."""
    return token.pos_ in _PHRASE_BREAKERS or token.lower_ in _NOT_IN_PHRASE


def _source_phrase(noun: Token, rest: list[Token], article) -> list[Token]:
    """A source noun's whole phrase, which says whose claim it is: its determiners and
    adjectives ("seiner Ansicht", "südkoreanischen Angaben") and the genitive, von-phrase
    or name after it ("Angaben der Polizei")."""
    words = list(noun_phrase(noun))
    complement = _after(noun, rest[:_SOURCE_REST], article) if rest and (
        rest[0].pos_ in ("DET", "PROPN", "ADP") or rest[0].i in article.linker.entity_at
        or not rest[0].pos_ and rest[0].lower_ in _COMPLEMENT_OPENERS) else []
    if complement and complement[0].i - noun.i <= 3:
        words += [t for t in article.doc[noun.i + 1:complement[-1].i + 1]]
    return words


def _before(marker: Token, before: list[Token], article) -> list[Token]:
    """The noun phrase before a postposition ("der Polizei zufolge")."""
    if article.has_parse and article.syntax.role(marker) == CASE and marker.head.i < marker.i:
        return list(_phrase(marker.head, article))
    for token in reversed(before[-_REST_BEFORE:]):
        if token.text in ",;:":
            break
        if token.i in article.linker.entity_at:
            start, end = article.linker.mention_span[token.i]
            return list(article.doc[start:end])
        if is_nominal(token) and token.pos_ != "PRON":
            return list(noun_phrase(token))
    return []


def _phrase(head: Token, article) -> Span:
    """A head noun with its own name: the entity mention it is part of, else its compact
    noun phrase with a genitive or name after it ("Angaben des Ministeriums")."""
    linker = article.linker
    if head.i in linker.entity_at:
        start, end = linker.mention_span[head.i]
        return article.doc[start:end]
    phrase = noun_phrase(head)
    names = [c for c in head.children if c.i in linker.entity_at and c.i > head.i]
    if names:
        start, end = linker.mention_span[names[0].i]
        return article.doc[phrase.start:end]
    return phrase


def _rest_of_clause(marker: Token, sent: Span) -> list[Token]:
    """", so der Chef des Verwaltungsrats Ulrich Müller.": the words up to the clause's
    end, when they are a noun phrase (no verb; not "so viele wie nie")."""
    words = []
    for token in sent.doc[marker.i + 1:sent.end]:
        if token.text in {",", ".", ";", ":", "!", "?"} or token.is_space:
            break
        if token.pos_ in ("VERB", "AUX"):
            return []
        words.append(token)
    if not words or words[0].pos_ in ("SCONJ", "CCONJ") or words[0].lower_ in _CONJUNCTIONS:
        return []  # ", so dass ...", ", so aber ...": no attribution
    return words if any(is_nominal(t) for t in words) else []
