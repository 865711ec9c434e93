"""Identity keys: one per real-world entity, whatever the article calls it.

Within an article (this module), an entity's identity key is

* for a place with a GeoNames id, the id ("USA", "Vereinigte Staaten", "Amerika" and
  "United States" are one country);
* for an acronym the article defines ("Gewerkschaft Deutscher Lokführer (GDL)"), the
  identity of the long name;
* otherwise its canonical name, case-folded and without its label (the model's label
  varies from article to article; the identities table keeps the majority).

Across articles and runs, the ``identities`` table (``transforms/entities/corpus.py``)
folds what one article alone cannot: a surname that names exactly one full name in the
corpus, and an acronym defined in another article.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

_BRACKETS = {"(": ")", "[": "]"}


def name_key(name: str) -> str:
    return _key("name", " ".join(name.split()).casefold())


def place_key(geo: dict) -> str | None:
    if geo.get("geonames_id") is not None:
        return _key("geo", str(geo["geonames_id"]))
    return None


def _key(kind: str, value: str) -> str:
    return hashlib.sha1(f"{kind}\x1f{value}".encode()).hexdigest()[:16]


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= 2 \
        and word[:1].isupper() and " " not in word


def acronym_fits(acronym: str, name: str) -> bool:
    """"GDL" fits "Gewerkschaft Deutscher Lokführer": its capitals are the initials
    of the name's capitalised words, in order (other letters may come between)."""
    initials = [w[0].upper() for w in name.replace("-", " ").split() if w[:1].isupper()]
    capitals = [c for c in acronym if c.isupper()]
    i = 0
    for c in capitals:
        while i < len(initials) and initials[i] != c:
            i += 1
        if i == len(initials):
            return False
        i += 1
    return bool(capitals) and capitals[0] == initials[0]


def definitions(doc: Doc, entities) -> dict[str, str]:
    """Acronyms the article defines: acronym -> the entity_key of the long name."""
    out: dict[str, str] = {}
    for entity in entities:
        if is_acronym(entity.canonical_name):
            continue
        for m in entity.mentions:
            end = m.token_end
            if end + 2 < len(doc) and doc[end].text in _BRACKETS \
                    and doc[end + 2].text == _BRACKETS[doc[end].text]:
                word = doc[end + 1].text
                if is_acronym(word) and acronym_fits(word, entity.canonical_name):
                    out.setdefault(word, entity.key)
    return out


def local_keys(doc: Doc, entities, geo: dict[str, dict]) -> dict[str, str]:
    """entity_key -> identity_key for the entities of one article."""
    keys = {}
    for entity in entities:
        place = place_key(geo[entity.key]) if entity.key in geo else None
        keys[entity.key] = place or name_key(entity.canonical_name)
    for acronym, long_key in definitions(doc, entities).items():
        for entity in entities:
            if entity.canonical_name == acronym:
                keys[entity.key] = keys[long_key]
    return keys
