"""The hook the events table calls: argument structs gain country, type and identity;
the event gains its place on the map."""

from __future__ import annotations

from transforms.geo.resolve import dominant
from transforms.who.actors import describe, entity_attributes, shared

_ARGUMENTS = ("actor1", "actor2", "source", "location")


def annotate(row: dict, event, article) -> dict:
    """Complete one ``events`` row (built by ``transforms/events/rows.py``) in place."""
    actors = shared()
    arguments = {"actor1": event.roles.actor1, "actor2": event.roles.actor2,
                 "source": event.source, "location": event.location}
    for name in _ARGUMENTS:
        arg = arguments[name]
        if row[name] is None or arg is None:
            continue
        tokens = [article.doc[i] for i in sorted(arg.tokens)]
        country, actor_type, identity_key = describe(
            tokens, arg.entity, article.attributes, article.geo, article.identity, actors,
            article.entity_at)
        if name == "location":
            actor_type = None
        row[name] = {**row[name], "country_code": country, "actor_type": actor_type,
                     "identity_key": identity_key}
    place = event.location.entity if event.location is not None else None
    if place is not None and place.key in article.geo:
        row["action_geo"], row["action_geo_from"] = article.geo[place.key], "location"
    else:
        main = dominant(article.entities, article.geo)
        row["action_geo"] = main
        row["action_geo_from"] = "article" if main else None
    return row

