"""Actor country and type from the words of an argument and of its entity's mentions."""

from __future__ import annotations

import functools

from transforms.lang import de

_LOOK_BACK = 4  # tokens before a name where its role noun and country adjective sit
_MIN_HEAD = 5  # a role noun as the head of a compound: "Außenminister", not "-rat"


class Actors:
    """The organisation table, role nouns and country adjectives, read once."""

    def __init__(self, place_country=None):
        self.orgs, self.roles = de.actors()
        self._place_country = place_country
        self.demonyms = sorted(de.demonyms().items(), key=lambda kv: -len(kv[0]))

    def country_of_place(self, name: str) -> str | None:
        if self._place_country is None:
            from transforms.geo.resolve import shared_index
            index = shared_index()
            self._place_country = lambda n: next(
                (p.country_code for p in sorted(index.lookup(n), key=lambda p: (
                    p.feature != "country", -p.population))), None)
        return self._place_country(name)

    @functools.lru_cache(maxsize=4096)
    def role(self, word: str) -> str | None:
        """The actor type of a role noun ("Präsidenten" too) or of a compound with one
        as its head."""
        for ending in ("", "en", "n", "s", "es"):
            if word.endswith(ending) and len(word) - len(ending) > _MIN_HEAD:
                found = self._role(word[:len(word) - len(ending)])
                if found:
                    return found
        return None

    def _role(self, word: str) -> str | None:
        lower = word.lower()
        if lower in self.roles:
            return self.roles[lower][1]
        head = lower.rsplit("-", 1)[-1]
        if head in self.roles:
            return self.roles[head][1]
        for k in range(1, len(head) - _MIN_HEAD):  # the head of a compound
            if head[k:] in self.roles:
                return self.roles[head[k:]][1]
        return None

    @functools.lru_cache(maxsize=4096)
    def demonym(self, word: str) -> str | None:
        """The country of a country adjective ("russische", "südkoreanisches")."""
        lower = word.lower()
        for stem, place in self.demonyms:
            if lower.startswith(stem) and len(lower) - len(stem) <= 2:
                return self.country_of_place(place)
        return None

    def organisation(self, name: str) -> tuple[str | None, str] | None:
        return self.orgs.get(name)

    def compound_first(self, word: str) -> tuple[str | None, str | None] | None:
        """"Kreml-Sprecher": the organisation or place before the hyphen."""
        if "-" not in word:
            return None
        first, second = word.split("-", 1)
        if not (self.role(second) or de.SPOKESPERSON_NOUN.match(second.lower())):
            return None  # "Moo-jin" is a name, "Kreml-Sprecher" a role
        org = self.orgs.get(first)
        if org:
            return org
        country = self.country_of_place(first) if first[:1].isupper() else None
        return (country, None) if country else None


def _merge(*found: tuple[str | None, str | None] | None) -> tuple[str | None, str | None]:
    country = next((f[0] for f in found if f and f[0]), None)
    actor_type = next((f[1] for f in found if f and f[1]), None)
    return country, actor_type


def words_say(tokens, actors: Actors, entity_at: dict | None = None,
              geo: dict | None = None) -> tuple[str | None, str | None]:
    """Country and type from a run of tokens: country adjectives, a country entity's
    genitive, role nouns, compounds with an organisation or place before the hyphen."""
    country = actor_type = None
    for token in tokens:
        text = token.text
        if country is None and token.pos_ in ("ADJ", "") and text[:1].islower():
            country = actors.demonym(text)
        if country is None and entity_at and token.i in entity_at:
            entity = entity_at[token.i]
            if entity.label == "LOC" and geo and entity.key in geo:
                country = geo[entity.key]["country_code"]
        compound = actors.compound_first(text)
        if compound:
            country = country or compound[0]
            actor_type = actor_type or compound[1]
        if actor_type is None and text[:1].isupper():
            actor_type = actors.role(text)
    return country, actor_type


def entity_attributes(doc, entities, geo: dict, actors: Actors) -> dict[str, tuple]:
    """entity_key -> (country, type) that a mention's left context gives the entity
    ("der russische Präsident Wladimir Putin"); the first mention that says wins."""
    entity_at = {i: e for e in entities for m in e.mentions
                 for i in range(m.token_start, m.token_end)}
    out = {}
    for entity in entities:
        if entity.label != "PER":
            continue
        for m in entity.mentions:
            start = m.token_start
            before = []
            for token in reversed(doc[max(0, start - _LOOK_BACK):start]):
                if token.is_punct or token.is_sent_start and token.i != start - 1 \
                        and not before:
                    break
                before.insert(0, token)
            if not before or not any(actors.role(t.text) or actors.compound_first(t.text)
                                     for t in before if t.text[:1].isupper()):
                continue
            said = words_say(before, actors, entity_at, geo)
            if said[0] or said[1]:
                out.setdefault(entity.key, said)
                if said[0]:
                    break
    return out


def describe(tokens, entity, attributes: dict, geo: dict, identity: dict,
             actors: Actors, entity_at: dict | None = None) -> tuple:
    """(country_code, actor_type, identity_key) of an argument: its tokens, the entity
    it names (or None) and the article's entity attributes, places and identities."""
    own = attributes.get(entity.key) if entity is not None else None
    said = words_say(tokens, actors, entity_at, geo)
    itself = None
    if entity is not None:
        itself = actors.organisation(entity.canonical_name)
        if itself is None and entity.label == "LOC" and entity.key in geo:
            itself = (geo[entity.key]["country_code"], None)
    country, actor_type = _merge(own, said, itself)
    return country, actor_type, identity.get(entity.key) if entity is not None else None


@functools.lru_cache(maxsize=1)
def shared() -> Actors:
    """One table per process."""
    return Actors()
