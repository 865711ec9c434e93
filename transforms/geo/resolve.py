"""An article's place entities resolved to places.

A name can mean many places ("Frankfurt", "Tirol", "Paris"). Each LOC entity's
candidates are the places its canonical name (else a mention, else the name without a
genitive -s) names in the index, scored:

* a country named by one of its names is that country;
* a place in a country the article names, or in the country of one of the article's
  unambiguous places (all its candidates in one country), gets a bonus;
* otherwise the larger place wins (log10 of the population); a place's own name counts
  more than an alternate one; a region (continent, state) counts as a place of 100,000.

``confidence`` is 0.95 for a country, else grows with the margin between the best
candidate and the next (one candidate: 0.9).
"""

from __future__ import annotations

import functools
import math
from collections import Counter

from transforms.geo.index import Place, PlaceIndex
from transforms.lang import de

_CONTEXT_BONUS = 2.5
_PRIMARY_BONUS = 0.5
_REGION_POPULATION = 100_000


@functools.lru_cache(maxsize=1)
def shared_index() -> PlaceIndex:
    """One index per process (a worker's extractors share it)."""
    return PlaceIndex()


def geo_struct(place: Place, confidence: float) -> dict:
    return {"geonames_id": place.geonames_id, "name": place.name,
            "country_code": place.country_code, "lat": place.lat, "lon": place.lon,
            "feature": place.feature, "confidence": round(confidence, 2)}


def candidates(entity, index: PlaceIndex) -> tuple[Place, ...]:
    names = [entity.canonical_name] + [m.text for m in entity.mentions]
    for name in dict.fromkeys(names):
        found = index.lookup(name)
        if found:
            return found
    for name in dict.fromkeys(names):
        bare = de.strip_genitive(name, {name[:-1]}) if de.looks_genitive(name) else name
        if bare != name and index.lookup(bare):
            return index.lookup(bare)
    return ()


def places(entities, index: PlaceIndex | None = None) -> dict[str, dict]:
    """entity_key -> geo struct, for the article's LOC entities that name a place."""
    index = index or shared_index()
    found = {e.key: candidates(e, index) for e in entities if e.label == "LOC"}
    found = {k: c for k, c in found.items() if c}
    context: Counter = Counter()
    for cands in found.values():
        countries = {c.country_code for c in cands if c.feature == "country"}
        if not countries:
            countries = {c.country_code for c in cands if c.population >= 1000}
        if len(countries) == 1 and None not in countries:
            context[countries.pop()] += 1
    out = {}
    for key, cands in found.items():
        scored = sorted(((_score(c, context), c) for c in cands),
                        key=lambda sc: (-sc[0], -sc[1].population))
        best_score, best = scored[0]
        if best.feature == "country":
            confidence = 0.95
        elif len(scored) == 1:
            confidence = 0.9
        else:
            confidence = min(0.9, 0.4 + 0.15 * (best_score - scored[1][0]))
        out[key] = geo_struct(best, confidence)
    return out


def _score(place: Place, context: Counter) -> float:
    if place.feature == "country":
        return 100.0
    population = _REGION_POPULATION if place.feature == "region" else place.population
    score = math.log10(population + 1)
    if place.primary:
        score += _PRIMARY_BONUS
    if place.country_code in context:
        score += _CONTEXT_BONUS
    return score


def dominant(entities, geo: dict[str, dict]) -> dict | None:
    """The article's main place: the geocoded LOC entity with the most mentions."""
    located = [e for e in entities if e.key in geo]
    if not located:
        return None
    best = max(located, key=lambda e: (len(e.mentions), -e.mentions[0].start))
    return geo[best.key]
