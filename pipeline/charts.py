"""The report's charts as Vega-Lite (and, for the network, Vega) specifications.

Each function takes plain rows (dicts from a query over ``pipeline/views.py``) and
returns a spec with its data inline. The report embeds them with the Vega runtime
bundled by vl-convert, so the page needs nothing from the network; the map's country
outlines come from the countryinfo package (Natural Earth outlines, keyed by ISO 3166-1
alpha-3), not from a CDN.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

VEGA_LITE = "https://vega.github.io/schema/vega-lite/v5.json"  # an id, never fetched
VEGA = "https://vega.github.io/schema/vega/v5.json"
WIDTH = 800  # the whole chart, axes and legend included (autosize fit)
FIT = {"type": "fit", "contains": "padding"}
MODALITIES = ["asserted", "reported", "speculative", "planned", "conditional", "negated"]
MODALITY_COLORS = ["#2e7d32", "#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#d62728"]
STATUS_COLORS = {"parsed": "#4c78a8", "rejected": "#e45756"}


def _lite(data: list[dict], **spec) -> dict:
    return {"$schema": VEGA_LITE, "data": {"values": data}, "width": WIDTH, "autosize": FIT,
            "config": {"view": {"stroke": None}}, **spec}


MAX_RUN_BARS = 30  # more runs than this are summed per day


def runs_over_time(runs: list[dict]) -> dict:
    """Files the committed runs ingested, parsed and rejected: a bar per run by its
    start, or per day once there are many (an hourly schedule)."""
    rows = [{"run": r["run_id"], "started": r["started_at"].isoformat(), "status": status,
             "files": r[status], "model": r["model"]}
            for r in runs for status in ("parsed", "rejected")]
    x = ({"field": "run", "type": "ordinal", "sort": {"field": "started"},
          "title": "run (by start)", "axis": {"labelAngle": -30, "labelLimit": 140}}
         if len(runs) <= MAX_RUN_BARS else
         {"field": "started", "timeUnit": "yearmonthdate", "type": "ordinal",
          "title": "day the runs started", "axis": {"labelAngle": -30, "labelOverlap": True}})
    return _lite(rows, height=160, mark={"type": "bar", "tooltip": True}, encoding={
        "x": x,
        "y": {"field": "files", "type": "quantitative", "stack": True, "aggregate": "sum"},
        "color": {"field": "status", "type": "nominal",
                  "scale": {"domain": list(STATUS_COLORS), "range": list(STATUS_COLORS.values())}},
        "tooltip": [{"field": "status"},
                    {"field": "files", "type": "quantitative", "aggregate": "sum"}]})


def bars(rows: list[dict], category: str, value: str, title: str, color: str = "#4c78a8",
         height_per_bar: int = 18) -> dict:
    """Horizontal bars, largest first."""
    return _lite(rows, height=max(40, height_per_bar * len(rows)),
                 mark={"type": "bar", "color": color, "tooltip": True}, encoding={
                     "y": {"field": category, "type": "nominal", "sort": "-x", "title": None,
                           "axis": {"labelLimit": 260}},
                     "x": {"field": value, "type": "quantitative", "title": title}})


def over_months(rows: list[dict], name: str, title: str) -> dict:
    """A heat map: one row per name, one column per month, colour = articles."""
    order = list(dict.fromkeys(r[name] for r in sorted(rows, key=lambda r: -r["total"])))
    return _lite(rows, height=max(60, 16 * len(order)),
                 mark={"type": "rect", "tooltip": True}, encoding={
                     "x": {"field": "month", "type": "ordinal", "title": "month",
                           "axis": {"labelAngle": -90, "labelOverlap": True}},
                     "y": {"field": name, "type": "nominal", "sort": order, "title": None,
                           "axis": {"labelLimit": 220}},
                     "color": {"field": "articles", "type": "quantitative", "title": title,
                               "scale": {"scheme": "blues", "type": "sqrt"}},
                     "tooltip": [{"field": name}, {"field": "month"},
                                 {"field": "articles", "type": "quantitative"}]})


def types_by_modality(rows: list[dict]) -> dict:
    """Events of each type, stacked by how certain the text is about them."""
    return _lite(rows, height=max(80, 20 * len({r["event_type"] for r in rows})),
                 mark={"type": "bar", "tooltip": True}, encoding={
                     "y": {"field": "event_type", "type": "nominal", "sort": "-x", "title": None},
                     "x": {"field": "events", "type": "quantitative", "stack": True},
                     "color": {"field": "modality", "type": "nominal",
                               "scale": {"domain": MODALITIES, "range": MODALITY_COLORS}},
                     "order": {"field": "modality_rank", "type": "quantitative"},
                     "tooltip": [{"field": "event_type"}, {"field": "modality"},
                                 {"field": "events", "type": "quantitative"}]})


def claims_by_source(rows: list[dict]) -> dict:
    """Who makes the claims that are not asserted facts, by modality."""
    chart = types_by_modality([{**r, "event_type": r["claimed_by"]} for r in rows])
    chart["encoding"]["y"]["axis"] = {"labelLimit": 260}
    chart["encoding"]["tooltip"][0] = {"field": "event_type", "title": "claimed by"}
    return chart


def network(nodes: list[dict], edges: list[dict], height: int = 520) -> dict:
    """Who acts on whom: a force-directed graph (Vega's force transform, laid out once
    when the page opens). ``nodes``: name, group, events; ``edges``: source and target
    (indexes into nodes), events."""
    nodes = [{**node, "index": i} for i, node in enumerate(nodes)]  # the links' ids
    return {
        "$schema": VEGA, "width": WIDTH, "height": height, "autosize": "none",
        "padding": 10,
        "signals": [{"name": "cx", "update": "width / 2"}, {"name": "cy", "update": "height / 2"}],
        "data": [{"name": "node-data", "values": nodes}, {"name": "link-data", "values": edges}],
        "scales": [
            {"name": "color", "type": "ordinal", "range": {"scheme": "category10"},
             "domain": {"data": "node-data", "field": "group"}},
            {"name": "size", "type": "sqrt", "range": [60, 900],
             "domain": {"data": "node-data", "field": "events"}},
            {"name": "stroke", "type": "linear", "range": [0.6, 7],
             "domain": {"data": "link-data", "field": "events"}}],
        "legends": [{"fill": "color", "orient": "top-left", "title": "label"}],
        "marks": [
            {"name": "nodes", "type": "symbol", "zindex": 1, "from": {"data": "node-data"},
             "encode": {"enter": {
                 # where the x and y forces pull each node: the middle, so that pairs
                 # no link joins to the rest stay in view
                 "xfocus": {"signal": "cx"}, "yfocus": {"signal": "cy"},
                 "fill": {"scale": "color", "field": "group"}, "stroke": {"value": "#fff"},
                 "size": {"scale": "size", "field": "events"},
                 "tooltip": {"signal": "datum.name + ' (' + datum.group + '): ' + "
                                       "datum.events + ' events'"}}},
             "transform": [{"type": "force", "iterations": 300, "static": True,
                            "signal": "force", "forces": [
                 {"force": "center", "x": {"signal": "cx"}, "y": {"signal": "cy"}},
                 {"force": "collide", "radius": 22},
                 {"force": "nbody", "strength": -40, "distanceMax": 250},
                 {"force": "link", "links": "link-data", "distance": 60},
                 {"force": "x", "x": "xfocus", "strength": 0.06},
                 {"force": "y", "y": "yfocus", "strength": 0.1}]}]},
            {"type": "path", "from": {"data": "link-data"}, "interactive": False,
             "encode": {"update": {"stroke": {"value": "#8a8a8a"},
                                   "strokeOpacity": {"value": 0.55},
                                   "strokeWidth": {"scale": "stroke", "field": "events"}}},
             "transform": [{"type": "linkpath", "shape": "line", "require": {"signal": "force"},
                            "sourceX": "datum.source.x", "sourceY": "datum.source.y",
                            "targetX": "datum.target.x", "targetY": "datum.target.y"}]},
            {"type": "text", "from": {"data": "nodes"}, "zindex": 2, "interactive": False,
             "encode": {"update": {"x": {"field": "x"}, "y": {"field": "y"},
                                   "dy": {"value": -11}, "align": {"value": "center"},
                                   "fontSize": {"value": 10}, "fill": {"value": "#333"},
                                   "text": {"field": "datum.name"}}}}],
    }


@functools.lru_cache(maxsize=1)
def country_outlines() -> list[dict]:
    """GeoJSON features of the world's countries (id: ISO 3166-1 alpha-3), from the
    countryinfo package, with coordinates rounded to 0.01 degree to keep the page
    small."""
    features = []
    folder = resources.files("countryinfo") / "data"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        country = json.loads(entry.read_text(encoding="utf-8"))
        for feature in (country.get("geoJSON") or {}).get("features", []):
            features.append({"type": "Feature", "id": feature.get("id"),
                             "properties": {"name": country.get("name")},
                             "geometry": _rounded(feature["geometry"])})
    return features


def _area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))


def _polygon(rings: list) -> list:
    """Rings in the winding d3-geo (Vega's projection) expects: the outline clockwise,
    holes anticlockwise. GeoJSON files wind the other way round, and d3 reads an
    anticlockwise outline as the whole globe but the country."""
    out = []
    for number, ring in enumerate(rings):
        ring = [[round(x, 2), round(y, 2)] for x, y in ring]
        clockwise = _area(ring) < 0
        out.append(ring if clockwise == (number == 0) else ring[::-1])
    return out


def _rounded(geometry: dict) -> dict:
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        coordinates = _polygon(coordinates)
    elif geometry["type"] == "MultiPolygon":
        coordinates = [_polygon(polygon) for polygon in coordinates]
    return {"type": geometry["type"], "coordinates": coordinates}


def event_map(points: list[dict]) -> dict:
    """Geocoded events on a world map: a circle per place, sized by events. ``points``:
    name, country, lat, lon, events."""
    return {
        "$schema": VEGA_LITE, "width": WIDTH, "height": 440, "autosize": FIT,
        "config": {"view": {"stroke": None}},
        "projection": {"type": "equalEarth"},
        "layer": [
            {"data": {"sphere": True}, "mark": {"type": "geoshape", "fill": "#eef3f7"}},
            {"data": {"values": {"type": "FeatureCollection", "features": country_outlines()},
                      "format": {"type": "json", "property": "features"}},
             "mark": {"type": "geoshape", "fill": "#d9d9d4", "stroke": "#fff",
                      "strokeWidth": 0.5}},
            {"data": {"values": points},
             "mark": {"type": "circle", "color": "#d62728", "opacity": 0.65, "tooltip": True},
             "encoding": {
                 "longitude": {"field": "lon", "type": "quantitative"},
                 "latitude": {"field": "lat", "type": "quantitative"},
                 "size": {"field": "events", "type": "quantitative",
                          "scale": {"range": [15, 900]}},
                 "tooltip": [{"field": "name"}, {"field": "country"},
                             {"field": "events", "type": "quantitative"}]}}],
    }
