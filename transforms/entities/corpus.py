"""The ``identities`` table: every entity key of an output folded into identities.

Pure Python; the Beam steps that run it are in ``pipeline/graph.py`` (three keyed
groupings, none on one worker: by entity key, by name block, by identity).

1. ``alias_from_entity_row``: each ``entities`` row (and each alias of the previous
   run's identities) is a record of its entity key: articles, first and last month, the
   identity its article gave it, name, label, place. The earlier rows of a file this
   run processes again are retractions (-1 article), so a file counts once however
   often it is processed. Records of one key combine.
2. ``blocks`` / ``resolve_block``: keys meet in blocks: a person's full name in the
   blocks of its first and last word, a one-word name in its own (a genitive -s off).
   An entity key goes to the identity its articles gave it (a place's GeoNames id, an
   acronym's long name, else its own name); a full name in the genitive goes to the
   same name without it; a one-word person name ("Merkel", "Kim") goes to the one full
   person name of the corpus that ends with it, else to the one that starts with it,
   and stays itself when there are none or several ("Kim Jong Un" and "Kim Yo Jong").
3. ``identity_row``: the aliases of one identity make its row: the most frequent full
   name, the majority label over articles, the place (the first named alias's), counts
   and first and last seen.

Every choice is independent of the order in which records meet (which depends on the
workers and the groupings): a tie goes to the smallest key, of two places of one key
the more confident wins.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from transforms.entities.identity import name_key

_GENITIVE = "s"


def alias_from_entity_row(row: dict) -> tuple[str, dict]:
    month = dt.date.fromisoformat(row["month"] + "-01")
    return row["entity_key"], {
        "name": row["canonical_name"], "label": row["label"], "articles": 1,
        "first": month, "last": month, "votes": Counter({row["identity_key"]: 1}),
        "geo": row.get("geo")}


def aliases_from_identity_row(row: dict) -> list[tuple[str, dict]]:
    """The previous table's aliases as records: what earlier runs learned."""
    return [(a["entity_key"], {
        "name": a["name"], "label": a["label"], "articles": a["articles"],
        "first": row["first_seen"], "last": row["last_seen"],
        "votes": Counter({a["article_identity"]: a["articles"]}), "geo": row["geo"]})
        for a in row["aliases"]]


def retraction_from_entity_row(row: dict) -> tuple[str, dict]:
    """An earlier run's row of a file this run processes again: counted in the previous
    table, so taken out (the new rows count instead). Dates are kept: first and last
    seen span every version of the output's articles."""
    return row["entity_key"], {
        "name": row["canonical_name"], "label": row["label"], "articles": -1,
        "first": None, "last": None, "votes": Counter({row["identity_key"]: -1}),
        "geo": None}


def _earliest(a, b, pick):
    return b if a is None else a if b is None else pick(a, b)


def combine(records) -> dict:
    out = None
    for r in records:
        if out is None:
            out = {**r, "votes": Counter(r["votes"])}
            continue
        if out["first"] is None:  # a retraction came first: the name is the same
            out.update(name=r["name"], label=r["label"])
        out["articles"] += r["articles"]
        out["first"] = _earliest(out["first"], r["first"], min)
        out["last"] = _earliest(out["last"], r["last"], max)
        out["votes"].update(r["votes"])
        out["geo"] = _better_geo(out["geo"], r["geo"])
    return out


def _better_geo(a: dict | None, b: dict | None) -> dict | None:
    """Of two articles' places of one name, the more confident (ties: the lower
    GeoNames id, then the name): whatever order the records of a key meet in (the
    workers' and the grouping's), the same place."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=_geo_rank)


def _geo_rank(geo: dict) -> tuple:
    geonames_id = geo.get("geonames_id")
    return (geo.get("confidence") or 0.0, -(geonames_id or 0), geo.get("name") or "")


def _words(name: str) -> list[str]:
    return name.casefold().replace("-", " ").split()


def _bare(word: str) -> str:
    """A name word without a genitive -s ("merkels" -> "merkel")."""
    return word[:-1] if word.endswith(_GENITIVE) and len(word) > 3 else word


def blocks(entity_key: str, record: dict) -> list[tuple[str, tuple]]:
    """(block, (role, (entity_key, record))): a one-word name (any label) is "own" in the
    block of its word without a genitive -s, a person's full name in the block of its
    last word ("Merkels" and "Angela Merkels" meet "Angela Merkel") and a "guest" in the
    block of its first; any other name is alone in a block of its own."""
    item = (entity_key, record)
    words = _words(record["name"])
    if record["articles"] <= 0:  # every article that named it was processed again
        return []
    if len(words) == 1:
        return [(_bare(words[0]), ("own", item))]
    if record["label"] != "PER" or not words:
        return [("\x00" + entity_key, ("own", item))]
    last, first = _bare(words[-1]), words[0]
    return [(last, ("own", item))] + ([(first, ("guest", item))] if first != last else [])


def article_identity(record: dict) -> str:
    """What the articles made of it: an identity some article learned (a GeoNames id,
    an acronym's long name) when they agree on one, else the majority."""
    votes = +record["votes"]  # retracted articles no longer vote
    own = name_key(record["name"])
    learned = [k for k in votes if k != own]
    if len(learned) == 1:
        return learned[0]
    return _most_common(votes)


def _most_common(counts: Counter) -> str:
    """The most common key, ties to the smallest (not to the one counted first, which
    depends on the order the workers' records meet in)."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _unlearned(record: dict) -> bool:
    return article_identity(record) == name_key(record["name"])


def resolve_block(block: str, members) -> list[tuple[str, tuple[str, dict]]]:
    """(identity_key, (entity_key, record)) for the members this block owns.

    A full person name in the genitive goes to the same name without it ("Angela
    Merkels" -> "Angela Merkel"). A one-word person name goes to the one full person
    name whose last word it is ("Merkel"), or, with none, whose first word it is
    ("Kim" with "Kim Jong Un" only); with several it stays itself. The same word under
    another label (the model's "Merkel" as LOC) goes where the person name went, unless
    an article gave it an identity of its own (a place's GeoNames id)."""
    members = list(members)
    full = {tuple(_words(r["name"])): article_identity(r) for _, (_, r) in members
            if r["label"] == "PER" and len(_words(r["name"])) > 1}

    def full_identity(record: dict) -> str:
        words = tuple(_words(record["name"]))
        bare = words[:-1] + (_bare(words[-1]),)
        if bare != words and bare in full and _unlearned(record):
            return full[bare]
        return full[words]

    ends, starts = set(), set()
    for role, (_, r) in members:
        if r["label"] == "PER" and len(_words(r["name"])) > 1:
            (ends if role == "own" else starts).add(full_identity(r))
    named = ends or starts
    folded: dict[str, str] = {}  # a one-word person name -> the full name it is
    for role, (_, r) in members:
        if role == "own" and r["label"] == "PER" and len(_words(r["name"])) == 1 \
                and _unlearned(r) and len(named) == 1:
            folded[name_key(r["name"])] = next(iter(named))
    out = []
    for role, (entity_key, record) in members:
        if role != "own":
            continue
        if record["label"] == "PER" and len(_words(record["name"])) > 1:
            identity = full_identity(record)
        elif _unlearned(record):  # the same name under another label follows it
            identity = folded.get(name_key(record["name"]), article_identity(record))
        else:
            identity = article_identity(record)
        out.append((identity, (entity_key, record)))
    return out


def identity_row(identity_key: str, aliases, run: dict) -> dict:
    aliases = sorted({k: r for k, r in aliases}.items())  # a key owned twice counts once
    labels: Counter = Counter()
    for _, r in aliases:
        labels[r["label"]] += r["articles"]
    names = sorted(aliases, key=lambda a: (-(len(a[1]["name"].split()) > 1),
                                           -a[1]["articles"], a[1]["name"]))
    return {
        "identity_key": identity_key,
        "canonical_name": names[0][1]["name"],
        "label": _most_common(labels),
        "aliases": [{"entity_key": k, "name": r["name"], "label": r["label"],
                     "articles": r["articles"], "article_identity": article_identity(r)}
                    for k, r in aliases],
        "geo": next((r["geo"] for _, r in names if r["geo"]), None),
        "articles": sum(r["articles"] for _, r in aliases),
        "first_seen": min(r["first"] for _, r in aliases),
        "last_seen": max(r["last"] for _, r in aliases),
        "pipeline_version": run["pipeline_version"],
        "run_id": run["run_id"],
        "run_started_at": run["started_at"],
    }
