"""What kind of word a token is, for the event stages (tags from the language's tagset)."""

from __future__ import annotations

from spacy.tokens import Token

from transforms.lang import de

_VERB_TAG = de.TAGS["verb_prefix"]
_NOUN_TAG = de.TAGS["noun_prefix"]
_PRONOUNS = de.words("referring_pronouns")
_ATTRIBUTIVE_TAG = de.TAGS["attributive"]
_FINITE_TAG = de.TAGS["finite_suffix"]
_ADJECTIVE_ENDINGS = tuple(de.words("adjective_endings"))
_STRONG_ADJECTIVE_ENDINGS = tuple(de.words("strong_adjective_endings"))


def is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or token.tag_.startswith(_VERB_TAG)


def verb_like(token: Token) -> bool:
    """A verb, or a lower-case word a tagger may have mis-tagged as one. Never an
    attributive adjective: "von Arbeitslosigkeit bedrohter Arbeitnehmer", "sechs
    inhaftierte Oppositionsführer" describe a state, not an event told here; nor a
    word with an adjective's ending ("vereinbar", "beratend")."""
    if _attributive(token):
        return False
    if is_verb(token):
        return True
    if not token.text.islower() or token.pos_ in ("DET", "PRON", "CCONJ", "SCONJ", "NUM",
                                                  "AUX", "PUNCT"):
        return False
    if token.lower_.endswith(_ADJECTIVE_ENDINGS):
        return False
    return token.pos_ not in ("ADP", "PART") or len(token.text) >= 6  # "ablehne" as PTKVZ


def _attributive(token: Token) -> bool:
    """Tagged an attributive adjective and standing before the noun it modifies (a weak
    tagger also tags finite verbs so: "So warnten Vertreter ...", ROOT)."""
    if token.tag_ != _ATTRIBUTIVE_TAG:
        # "von Arbeitslosigkeit bedrohter Arbeitnehmer" tagged a verb, parsed attributive
        return any(scheme.get(token.dep_) == "attr" for scheme in de.SCHEMES.values()) \
            and token.head.i > token.i and token.lower_.endswith(_STRONG_ADJECTIVE_ENDINGS)
    if token.lower_.endswith(_STRONG_ADJECTIVE_ENDINGS):
        return True  # "bedrohter", "inhaftiertes": no verb form ends so
    before = token.doc[token.i - 1] if token.i else None
    if before is not None and before.pos_ in ("NOUN", "PROPN", "PRON") and \
            not de.looks_genitive(before.text):
        return False  # "Condoleezza Rice nannte Shultz ...": a verb after its subject
    if token.doc.has_annotation("DEP"):
        head = token.head
    else:  # no parse: the word after it
        head = token.nbor(1) if token.i + 1 < len(token.doc) else token
    return head.i > token.i and head.pos_ in ("NOUN", "PROPN")


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
    """Finite by its morphology or its tag (a weak tagger's VVFIN with no features)."""
    return "Fin" in token.morph.get("VerbForm") or token.tag_.endswith(_FINITE_TAG)
