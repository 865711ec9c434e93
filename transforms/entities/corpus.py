"""The ``identities`` table: every entity key of an output folded into identities.

Pure Python; the Beam steps that run it are in ``pipeline/graph.py`` (three keyed
groupings, none on one worker: by entity key, by name block, by identity).

1. ``alias_records``: each ``entities`` row (and each alias of the previous run's
   identities) is a record of its entity key: articles, first and last month, the
   identity its article gave it, name, label, place. Records of one key combine.
2. ``blocks`` / ``resolve_block``: keys meet in blocks: a person's full name in the
   blocks of its first and last word, a one-word name in its own. An entity key goes to
   the identity its articles gave it (a place's GeoNames id, an acronym's long name,
   else its own name); a one-word person name ("Merkel", "Kim") goes to the one full
   person name of the corpus that starts or ends with it, and stays itself when there
   are none or several ("Kim Jong Un" and "Kim Yo Jong").
3. ``identity_row``: the aliases of one identity make its row: the most frequent full
   name, the majority label over articles, the place, counts and first and last seen.
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


def combine(records) -> dict:
    out = None
    for r in records:
        if out is None:
            out = {**r, "votes": Counter(r["votes"])}
            continue
        out["articles"] += r["articles"]
        out["first"] = min(out["first"], r["first"])
        out["last"] = max(out["last"], r["last"])
        out["votes"].update(r["votes"])
        out["geo"] = out["geo"] or r["geo"]
    return out


def blocks(entity_key: str, record: dict) -> list[tuple[str, tuple]]:
    """(block, (role, (entity_key, record))): a full person name is "own" in the block
    of its last word and a "guest" in that of its first; a one-word person name is
    "own" in its own block, without a genitive -s ("Merkels" meets "Angela Merkel");
    anything else is alone in a block of its own."""
    item = (entity_key, record)
    words = record["name"].casefold().split()
    if record["label"] != "PER" or not words:
        return [("\x00" + entity_key, ("own", item))]
    if len(words) == 1:
        word = words[0]
        if word.endswith(_GENITIVE) and len(word) > 3:
            word = word[:-1]
        return [(word, ("own", item))]
    first, last = words[0], words[-1]
    return [(last, ("own", item))] + ([(first, ("guest", item))] if first != last else [])


def article_identity(record: dict) -> str:
    """What the articles made of it: an identity some article learned (a GeoNames id,
    an acronym's long name) when they agree on one, else the majority."""
    own = name_key(record["name"])
    learned = [k for k in record["votes"] if k != own]
    if len(learned) == 1:
        return learned[0]
    return record["votes"].most_common(1)[0][0]


def resolve_block(block: str, members) -> list[tuple[str, tuple[str, dict]]]:
    """(identity_key, (entity_key, record)) for the members this block owns."""
    members = list(members)
    full = {article_identity(r): r["name"] for _, (_, r) in members
            if r["label"] == "PER" and len(r["name"].split()) > 1}
    out = []
    for role, (entity_key, record) in members:
        if role != "own":
            continue
        identity = article_identity(record)
        single = record["label"] == "PER" and len(record["name"].split()) == 1
        if single and identity == name_key(record["name"]) and len(full) == 1:
            identity = next(iter(full))
        out.append((identity, (entity_key, record)))
    return out


def identity_row(identity_key: str, aliases, run: dict) -> dict:
    aliases = list({k: r for k, r in aliases}.items())  # a key owned twice counts once
    labels: Counter = Counter()
    for _, r in aliases:
        labels[r["label"]] += r["articles"]
    names = sorted(aliases, key=lambda a: (-(len(a[1]["name"].split()) > 1),
                                           -a[1]["articles"], a[1]["name"]))
    return {
        "identity_key": identity_key,
        "canonical_name": names[0][1]["name"],
        "label": labels.most_common(1)[0][0],
        "aliases": [{"entity_key": k, "name": r["name"], "label": r["label"],
                     "articles": r["articles"], "article_identity": article_identity(r)}
                    for k, r in sorted(aliases)],
        "geo": next((r["geo"] for _, r in aliases if r["geo"]), None),
        "articles": sum(r["articles"] for _, r in aliases),
        "first_seen": min(r["first"] for _, r in aliases),
        "last_seen": max(r["last"] for _, r in aliases),
        "pipeline_version": run["pipeline_version"],
        "run_id": run["run_id"],
        "run_started_at": run["started_at"],
    }
