"""The hook the events table calls: argument structs gain country, type and identity;
the event gains its place on the map."""

from __future__ import annotations

from transforms.who.actors import describe, shared

_ARGUMENTS = ("actor1", "actor2", "source", "location")


def argument_row(arg, article, actors=None, place: bool = False) -> dict:
    """An argument's struct with its country, actor type and identity (the events'
    actors and source, the quotes' speaker and addressee)."""
    tokens = [article.doc[i] for i in sorted(arg.tokens)]
    country, actor_type, identity_key = describe(
        tokens, arg.entity, article.attributes, article.geo, article.identity,
        actors or shared(), article.entity_at)
    return {**arg.row(), "country_code": country, "actor_type": None if place else actor_type,
            "identity_key": identity_key}


def annotate(row: dict, event, article) -> dict:
    """Complete one ``events`` row (built by ``transforms/events/rows.py``) in place."""
    actors = shared()
    arguments = {"actor1": event.roles.actor1, "actor2": event.roles.actor2,
                 "source": event.source, "location": event.location}
    for name in _ARGUMENTS:
        arg = arguments[name]
        if row[name] is None or arg is None:
            continue
        row[name] = argument_row(arg, article, actors, place=name == "location")
    place = event.location.entity if event.location is not None else None
    if place is not None and place.key in article.geo:
        row["action_geo"], row["action_geo_from"] = article.geo[place.key], "location"
    else:
        main = article.main_place
        row["action_geo"] = main
        row["action_geo_from"] = "article" if main else None
    return row

