"""German: every word list, morphology rule, label scheme and the time grammar.

The data is in this folder (``words.tsv``, ``maps.tsv``, ``patterns.tsv``,
``schemes.tsv``, ``event_lexicon.tsv``, ``gazetteer.tsv``, ``demonyms.tsv``,
``actors.tsv``); this module
reads it once and names it. The morphology rules that are code (genitives, verb stems,
participles) are the functions below, so a rule lives in one place whoever applies it.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from transforms.lang import LanguageData, read_tsv

PACKAGE = __name__
_DATA = LanguageData(PACKAGE)
words, ordered, pattern, lookup = _DATA.words, _DATA.ordered, _DATA.pattern, _DATA.map

# --- names in news text -------------------------------------------------------------
PERSON_TITLE = pattern("person_title")
ORGANISATION_INTRODUCER = pattern("organisation_introducer")
SPOKESPERSON_NOUN = pattern("spokesperson_noun")
SPOKESPERSON_HYPHEN = pattern("spokesperson_hyphen")
NAME_TOKEN = pattern("name_token")
NAME_INNER = pattern("name_inner")
COMMON_NOUN_SUFFIX = pattern("common_noun_suffix")
WEEKDAYS = ordered("weekdays")
MONTHS = ordered("months")
NOT_NAME_WORDS = words("not_name_words") | set(WEEKDAYS) | set(MONTHS)
GAZETTEER_EXCLUDE = words("gazetteer_exclude")
ARTICLES = words("articles")

# --- the feed format -------------------------------------------------------------------
CAPTION = pattern("caption")

# --- verbs and their company -----------------------------------------------------------
AUXILIARIES = words("auxiliaries")
MODALS = words("modals")
SPECULATIVE_MODALS = words("speculative_modals")
REPORTED_MODALS = words("reported_modals")
PLANNING_MODALS = words("planning_modals")
PLANNING_VERBS = words("planning_verbs")
SEPARABLE_PREFIXES = ordered("separable_prefixes")
MODAL_FORMS = _DATA.map("modal_forms")
CONTRACTIONS = _DATA.map("contractions")
REFLEXIVES = words("reflexives")
TAGS = _DATA.map("tags")

# --- factuality cues --------------------------------------------------------------------
NEGATORS = words("negators")
NEGATION_BREAKERS = words("negation_breakers")
GENERIC_DETERMINERS = words("generic_determiners")
HABITUAL_ADVERBS = words("habitual_adverbs")
QUESTION_MARKS = words("question_marks")
NEGATIVE_DETERMINERS = words("negative_determiners")
CONDITIONAL_CONJUNCTIONS = words("conditional_conjunctions")
CONDITIONAL_MARKERS = CONDITIONAL_CONJUNCTIONS | words("conditional_verbs")
HEDGES = words("hedges")
HEARSAY = words("hearsay")
PLANNING_WORDS = words("planning_words")

# --- attribution cues --------------------------------------------------------------------
SOURCE_POSTPOSITIONS = words("source_postpositions")
SOURCE_PREPOSITIONS = words("source_prepositions")
SOURCE_NOUNS = words("source_nouns")
SOURCE_NOUN_PREPOSITIONS = words("source_noun_prepositions")
SPEECH_VERBS = words("speech_verbs")
QUOTE_PAIRS = tuple(_DATA.map("quote_pairs").items())
CLOSING_QUOTES = words("closing_quotes")
INDIRECT_MARKERS = words("indirect_markers")

# --- argument prepositions ---------------------------------------------------------------
LOCATION_PREPOSITIONS = words("location_prepositions")
AGENT_PREPOSITIONS = words("agent_prepositions")
PARTNER_PREPOSITIONS = words("partner_prepositions")
RECIPIENT_PREPOSITIONS = words("recipient_prepositions")
ORIGIN_PREPOSITIONS = words("origin_prepositions")
BETWEEN_PREPOSITIONS = words("between_prepositions")

# --- time ---------------------------------------------------------------------------------
MONTH_NUMBERS = _DATA.map("month_numbers", int)
WEEKDAY_NUMBERS = _DATA.map("weekday_numbers", int)
RELATIVE_DAYS = _DATA.map("relative_days", int)
TIME_GRAMMAR = tuple((name.removeprefix("time_"), pattern(name))
                     for name in ("time_day", "time_month", "time_weekday", "time_relative",
                                  "time_year"))

# --- dependency label schemes --------------------------------------------------------------
SCHEMES = _DATA.schemes

# --- morphology ------------------------------------------------------------------------------
GENITIVE_SUFFIXES = ordered("genitive_suffixes")
VERB_ENDINGS = ordered("verb_endings")
INFINITIVE_ENDINGS = ordered("infinitive_endings")
PARTICIPLE_PREFIX = ordered("participle_prefixes")[0]  # "ge"
MIN_COMPOUND_HEAD = 6  # "Waffenlieferungen" -> Lieferung; shorter heads are too ambiguous


def genitive_forms(name: str) -> list[str]:
    """The genitive of a name as news text writes it: "Russlands"; none for names
    ending in s, ß, x or z (German writes "Paris'"), acronyms or names ending in a sign."""
    if name[-1] in "sßxz" or not name[-1].isalpha() or name.isupper():
        return []
    return [name + "s"]


def with_genitive_s(word: str) -> str:
    """A word with the genitive -s appended, for matching repeats of a name."""
    return word + "s"


def looks_genitive(word: str) -> bool:
    """Ends like a genitive name ("Kims", "Nordkoreas")."""
    return word.endswith("s")


def strip_genitive(name: str, known: set[str]) -> str:
    """"Putins" -> "Putin" when the bare form is known, else the name unchanged."""
    for suffix in GENITIVE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            bare = name[: -len(suffix)]
            if bare in known:
                return bare
    return name


def verb_stem(lemma: str) -> str:
    """"treffen" -> "treff", "liefern" -> "liefer": what inflected forms start with."""
    lemma = lemma.lower()
    for ending in INFINITIVE_ENDINGS:
        if lemma.endswith(ending) and len(lemma) - len(ending) >= 3:
            return lemma[: -len(ending)]
    return lemma


def verb_stems(word: str) -> list[str]:
    """Candidate stems of an inflected verb form: without its participle "ge"
    ("abgefeuert" -> "abfeuert"), then without each inflection ending."""
    ge = PARTICIPLE_PREFIX
    out = [word]
    if word.startswith(ge) and len(word) > 6:
        out.append(word[len(ge):])
    for prefix in SEPARABLE_PREFIXES:
        if word.startswith(prefix + ge) and len(word) > len(prefix) + 5:
            out.append(prefix + word[len(prefix) + len(ge):])
            break
    stems = []
    for w in out:
        stems.append(w)
        for ending in VERB_ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                stems.append(w[: -len(ending)])
    return stems


NO_ARGUMENT_POS = words("no_argument_pos")
GENITIVE_ARTICLES = words("genitive_articles")
ABSTRACT_NOUN_ENDINGS = tuple(words("abstract_noun_endings"))
_PRETERITE_VARIANTS = [tuple(pair.split(">")) for pair in ordered("preterite_variants")]


def preterite_variants(form: str) -> list[str]:
    """Forms of the same verb that spaCy's lookup table may know when it lacks
    ``form`` ("griffen" -> "griffe", "griffst")."""
    out = []
    for ending, other in _PRETERITE_VARIANTS:
        if form.endswith(ending) and len(form) - len(ending) >= 3:
            out.append(form[: len(form) - len(ending)] + other)
    return out


SUBJUNCTIVE_FORMS = words("subjunctive_forms")
INDICATIVE_E_FORMS = words("indicative_e_forms")
_FIRST_PERSON = frozenset({"ich"})


def is_subjunctive(token) -> bool:
    """A finite verb in the subjunctive reported speech uses: tagged so, a listed form,
    or a third-person form ending in -e where the indicative ends in -t ("reiche",
    "ändere"; taggers often miss these, and often read "gelte", "richte" as past tense):
    no past "-te" unless the verb's stem ends in t or d ("gelten" -> "gelte"), no "ich"."""
    word = token.lower_
    if word in SUBJUNCTIVE_FORMS or "Sub" in token.morph.get("Mood"):
        return True
    if word in INDICATIVE_E_FORMS:
        return False
    form = token.morph.get("VerbForm")
    if token.pos_ not in ("VERB", "AUX") or form and "Fin" not in form:
        return False
    if "1" in token.morph.get("Person") or "Plur" in token.morph.get("Number"):
        return False
    if len(word) <= 3 or not word.endswith("e") or \
            any(c.lower_ in _FIRST_PERSON for c in token.children):
        return False
    return not word.endswith("te") or word in dental_subjunctives()


@functools.lru_cache(maxsize=1)
def dental_subjunctives() -> frozenset[str]:
    """Konjunktiv I forms of verbs whose stem ends in t or d ("gelte", "bedeute",
    "melde"), which look like a weak past tense: the lookup table's verbs, minus -n.
    Built once per machine and kept."""
    return _kept_from_lookups("dental-subjunctives", lambda: sorted(
        {lemma[:-1] for lemma in set(lookup_lemmas().values())
         if isinstance(lemma, str) and lemma[:1].islower()
         and lemma.endswith(("ten", "den")) and len(lemma) > 4}))


def separable_bases(verb: str) -> list[str]:
    """The particle-less base of a separable verb ("vorwerfen" -> "werfen"), if any."""
    return [verb[len(prefix):] for prefix in SEPARABLE_PREFIXES
            if verb.startswith(prefix) and len(verb) - len(prefix) >= 4]


def table(name: str) -> list[list[str]]:
    """The rows of one of this language's own tables (``event_lexicon.tsv``, ...)."""
    return read_tsv(PACKAGE, name)


def actors() -> tuple[dict[str, tuple[str | None, str]], dict[str, tuple[str | None, str]]]:
    """``actors.tsv``: organisations by name and role nouns by lower-case word, each to
    (ISO 3166-1 alpha-3 country or None, actor type)."""
    orgs, roles = {}, {}
    for kind, word, country, actor_type in table("actors.tsv"):
        (orgs if kind == "org" else roles)[word] = (None if country == "-" else country,
                                                    actor_type)
    return orgs, roles


def demonyms() -> dict[str, str]:
    """``demonyms.tsv``: country-adjective stem -> the place it names ("russisch" ->
    "Russland")."""
    return {stem: place for stem, place in table("demonyms.tsv")}


def table_text(name: str) -> str:
    return resources.files(PACKAGE).joinpath(name).read_text("utf-8")


@functools.lru_cache(maxsize=65536)
def known_compound(word: str) -> bool:
    """A compound whose last part (4+ letters) is a known noun ("Schuldenberg",
    "Cyberattacken"): a word of the language, not a name."""
    known = known_nouns()
    return any(word[k:].capitalize() in known for k in range(1, len(word) - 3))


@functools.lru_cache(maxsize=1)
def known_nouns() -> frozenset[str]:
    """Capitalised word forms of the lookup table: German common nouns ("Blitz",
    "Taifun"). A capitalised word not among them may well be a name. Built once per
    machine and kept."""
    return _kept_from_lookups("known-nouns", lambda: sorted(
        {word for pair in lookup_lemmas().items() for word in pair
         if isinstance(word, str) and word[:1].isupper()}))


def _kept_from_lookups(name: str, build) -> frozenset[str]:
    """A word set derived from the lookup table by this module's rules, built once per
    machine and kept (``transforms.derived``)."""
    from transforms import derived
    key = derived.key([Path(__file__)], ("spacy-lookups-data",))
    return frozenset(derived.cached(name, key, build))


def lookup_lemmas() -> dict[str, str]:
    """spaCy's German lookup lemma table (spacy-lookups-data: form -> lemma, 355k
    entries); empty when the package is missing."""
    try:
        import srsly
        path = resources.files("spacy_lookups_data").joinpath("data/de_lemma_lookup.json.gz")
        return srsly.read_gzip_json(str(path))
    except (ImportError, OSError, ValueError):
        return {}
