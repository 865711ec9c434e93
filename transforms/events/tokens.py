"""What kind of word a token is, for the event stages (tags from the language's tagset)."""

from __future__ import annotations

from spacy.tokens import Token

from transforms.lang import de

_VERB_TAG = de.TAGS["verb_prefix"]
_NOUN_TAG = de.TAGS["noun_prefix"]
_PRONOUNS = de.words("referring_pronouns")


def is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or token.tag_.startswith(_VERB_TAG)


def verb_like(token: Token) -> bool:
    """A verb, or a lower-case word a tagger may have mis-tagged as one."""
    if is_verb(token):
        return True
    if not token.text.islower() or token.pos_ in ("DET", "PRON", "CCONJ", "SCONJ", "NUM",
                                                  "AUX", "PUNCT"):
        return False
    return token.pos_ not in ("ADP", "PART") or len(token.text) >= 6  # "ablehne" as PTKVZ


def is_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith(_NOUN_TAG) or (
        not token.pos_ and token.text[:1].isupper() and not token.is_sent_start)


def is_nominal(token: Token) -> bool:
    """A noun, a name or a personal pronoun; without a tagger, a capitalised word inside
    its sentence or a listed pronoun."""
    if token.pos_:
        return token.pos_ in ("NOUN", "PROPN", "PRON")
    return is_noun(token) or token.lower_ in _PRONOUNS


def is_common_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" or token.tag_ == de.TAGS["noun"]


def is_reflexive(token: Token) -> bool:
    return "Yes" in token.morph.get("Reflex") or token.lower_ in de.REFLEXIVES


def is_time_word(token: Token) -> bool:
    word = token.lower_
    return word in de.MONTH_NUMBERS or any(
        word.startswith(day) for day in de.WEEKDAY_NUMBERS) or word in de.RELATIVE_DAYS


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON"


def is_finite(token: Token) -> bool:
    return "Fin" in token.morph.get("VerbForm")
