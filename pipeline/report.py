"""``newsbeam report OUTPUT``: one self-contained HTML page of what the output holds.

Every number comes from a query over the views of ``pipeline/views.py`` (current rows),
every chart is a Vega-Lite or Vega spec (``pipeline/charts.py``) rendered in the page by
the Vega runtime that vl-convert bundles into it: nothing is fetched when the page
opens. A section whose columns the registry does not have yet (geocoded events, actor
countries, identities, quotes) says so instead of drawing, and draws once they exist.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field

from apache_beam.io.filesystems import FileSystems

from pipeline import charts, commit, views
from pipeline.options import REPORT_OPTIONS, parse_command
from schemas import TABLES, Table

DESCRIPTION = """\
newsbeam report: one HTML file with charts of an output's current rows, which opens
offline: run health (files, errors by reason, runs over time), entities over months,
event types by modality, who acts on whom, a map of geocoded events, the most quoted
speakers, and the claims that are not asserted facts with who makes them.

  newsbeam report out          # writes out/report.html
"""


@dataclass
class Section:
    title: str
    intro: str
    charts: list[dict] = field(default_factory=list)
    table: tuple[list[str], list[list]] | None = None  # header, rows
    note: str | None = None  # why there is nothing to draw


@dataclass
class Context:
    con: object
    tables: dict[str, Table]
    top: int
    text: bool

    def rows(self, sql: str) -> list[dict]:
        result = self.con.sql(sql)
        return [dict(zip(result.columns, row)) for row in result.fetchall()]

    def has(self, table: str, column: str = "", field: str = "") -> bool:
        """Whether the registry has a table, a column of it, a field of that struct."""
        if table not in self.tables:
            return False
        schema = self.tables[table].schema
        if not column:
            return True
        if column not in schema.names:
            return False
        type_ = schema.field(column).type
        return not field or (hasattr(type_, "get_field_index")
                             and type_.get_field_index(field) >= 0)


def health(ctx: Context) -> Section:
    files = ctx.rows("SELECT status, count(*) AS files FROM ledger GROUP BY ALL")
    reasons = ctx.rows("SELECT reason, count(*) AS files FROM errors GROUP BY ALL "
                       "ORDER BY files DESC")
    runs = ctx.rows("SELECT * FROM runs ORDER BY started_at")
    counts = {r["status"]: r["files"] for r in files}
    section = Section(
        "Run health",
        f"{sum(counts.values()):,} source files in the output: {counts.get('parsed', 0):,} "
        f"parsed, {counts.get('rejected', 0):,} rejected (each file's latest run); "
        f"{len(runs)} committed run(s).",
        charts=[charts.runs_over_time(runs)])
    if reasons:
        section.charts.append(charts.bars(reasons, "reason", "files", "errors (current rows)",
                                          color="#e45756"))
    else:
        section.intro += " No errors."
    recent = runs[-10:][::-1]
    section.table = (["run", "started", "model", "files", "parsed", "rejected", "still current"],
                     [[r["run_id"], r["started_at"], r["model"], r["files"], r["parsed"],
                       r["rejected"], r["current_files"]] for r in recent])
    return section


def entities_over_months(ctx: Context) -> Section:
    by_identity = views.has_identities(ctx.tables)
    if by_identity:  # every entity key under its current identity
        key, name = "i.identity", "i.identity_name || ' (' || i.identity_label || ')'"
        source = "entities e JOIN entity_identities i USING (entity_key)"
    else:
        key, name, source = "e.entity_key", "e.canonical_name || ' (' || e.label || ')'", \
            "entities e"
    rows = ctx.rows(f"""
        WITH per AS (SELECT {key} AS k, any_value({name}) AS name, e.month,
                            count(DISTINCT e.article_id) AS articles
                     FROM {source} GROUP BY {key}, e.month),
             top AS (SELECT k, sum(articles) AS total FROM per GROUP BY k
                     ORDER BY total DESC, k LIMIT {ctx.top})
        SELECT per.name, per.month, per.articles, top.total FROM per JOIN top USING (k)""")
    what = "identities" if by_identity else "entities"
    return Section(f"{what.capitalize()} over months",
                   f"The {ctx.top} {what} named in most articles, articles per month"
                   + (" (every name of one real-world entity together)." if by_identity
                      else "."),
                   charts=[charts.over_months(rows, "name", "articles")] if rows else [],
                   note=None if rows else "No entities yet.")


def event_types(ctx: Context) -> Section:
    ranks = " ".join(f"WHEN '{m}' THEN {i}" for i, m in enumerate(charts.MODALITIES))
    rows = ctx.rows(f"SELECT event_type, modality, count(*) AS events, "
                    f"CASE modality {ranks} ELSE 99 END AS modality_rank FROM events "
                    f"GROUP BY ALL")
    return Section("Event types by modality",
                   "How certain the text is about each type of event: a planned, "
                   "speculative or reported event is never counted as a fact.",
                   charts=[charts.types_by_modality(rows)] if rows else [],
                   note=None if rows else "No events yet.")


def _graph(pairs: list[dict]) -> tuple[list[dict], list[dict]]:
    index: dict[str, int] = {}
    nodes: list[dict] = []
    for pair in pairs:
        for end, group in (("a", "group_a"), ("b", "group_b")):
            if pair[end] not in index:
                index[pair[end]] = len(nodes)
                nodes.append({"name": pair[end], "group": pair[group] or "?", "events": 0})
            nodes[index[pair[end]]]["events"] += pair["events"]
    edges = [{"source": index[p["a"]], "target": index[p["b"]], "events": p["events"]}
             for p in pairs]
    return nodes, edges


def actor_network(ctx: Context) -> list[Section]:
    """Between countries when actors carry one, between identities when they have
    them, else between the entities the actors are linked to."""
    levels = []
    if ctx.has("events", "actor1", "country_code"):
        levels.append(("countries", "e.actor1.country_code", "e.actor2.country_code",
                       "'country'", "'country'", "events e"))
    if views.has_identities(ctx.tables):
        levels.append((
            "identities", "i1.identity_name", "i2.identity_name", "i1.identity_label",
            "i2.identity_label",
            "events e JOIN entity_identities i1 ON i1.entity_key = e.actor1.entity_key "
            "JOIN entity_identities i2 ON i2.entity_key = e.actor2.entity_key"))
    else:
        levels.append(("entities", "e.actor1.canonical_name", "e.actor2.canonical_name",
                       "e.actor1.label", "e.actor2.label", "events e"))
    sections = []
    for what, a, b, group_a, group_b, source in levels:
        pairs = ctx.rows(f"""
            SELECT {a} AS a, {b} AS b, any_value({group_a}) AS group_a,
                   any_value({group_b}) AS group_b, count(*) AS events
            FROM {source} WHERE {a} IS NOT NULL AND {b} IS NOT NULL AND {a} <> {b}
              AND e.event_type <> 'STATEMENT'
            GROUP BY ALL ORDER BY events DESC, a, b LIMIT {ctx.top}""")
        nodes, edges = _graph(pairs)
        sections.append(Section(
            f"Who acts on whom: {what}",
            f"The {len(edges)} most frequent pairs of {what} that act on or with each "
            f"other (actor1 and actor2 of an event, statements left out); a line's width "
            f"is the number of events, a circle's size its events in these pairs.",
            charts=[charts.network(nodes, edges)] if edges else [],
            note=None if edges else f"No event links two {what} yet."))
    return sections


def event_map(ctx: Context) -> Section:
    title = "Where events happen"
    if not ctx.has("events", "action_geo"):
        return Section(title, "", note="Appears when events carry a geocoded place "
                                       "(events.action_geo).")
    points = ctx.rows("""
        SELECT action_geo.name AS name, action_geo.country_code AS country,
               action_geo.lat AS lat, action_geo.lon AS lon, count(*) AS events
        FROM events WHERE action_geo.lat IS NOT NULL GROUP BY ALL
        ORDER BY events DESC LIMIT 2000""")
    return Section(title, f"Geocoded events at {len(points):,} places; a circle's size is "
                          f"its number of events.",
                   charts=[charts.event_map(points)] if points else [],
                   note=None if points else "No geocoded events yet.")


def quoted_speakers(ctx: Context) -> Section:
    # speakers linked to an entity: an unresolved "er" or "ein Sprecher" is nobody
    rows = ctx.rows(f"SELECT speaker.canonical_name AS speaker, count(*) AS quotes "
                    f"FROM quotes WHERE speaker.canonical_name IS NOT NULL GROUP BY ALL "
                    f"ORDER BY quotes DESC, speaker LIMIT {ctx.top}")
    return Section("Most quoted speakers", "Speakers of quotations, direct, indirect and "
                                           "reported, where the speaker is linked to an "
                                           "entity.",
                   charts=[charts.bars(rows, "speaker", "quotes", "quotations",
                                       color="#72b7b2")] if rows else [],
                   note=None if rows else "No quotations yet.")


def claims(ctx: Context) -> Section:
    by_source = ctx.rows(f"""
        WITH top AS (SELECT claimed_by FROM event_details WHERE modality <> 'asserted'
                       AND claimed_by IS NOT NULL GROUP BY ALL
                     ORDER BY count(*) DESC, claimed_by LIMIT {ctx.top})
        SELECT claimed_by, modality, count(*) AS events FROM event_details
        JOIN top USING (claimed_by) WHERE modality <> 'asserted' GROUP BY ALL""")
    section = Section(
        "Claims that are not asserted facts",
        "Events the text reports, plans, hedges, conditions or denies, and who makes the "
        "claim (the source: \"laut X\", \"X zufolge\", the speaker).",
        charts=[charts.claims_by_source(by_source)] if by_source else [])
    evidence = ", evidence" if ctx.text else ""
    rows = ctx.rows(f"""
        SELECT article_date, claimed_by, modality, event_type, actor1, actor2{evidence}
        FROM event_details WHERE modality <> 'asserted' AND claimed_by IS NOT NULL
        ORDER BY article_date DESC, event_id LIMIT {4 * ctx.top}""")
    header = ["date", "claimed by", "modality", "event", "actor1", "actor2"]
    section.table = (header + (["evidence"] if ctx.text else []),
                     [list(r.values()) for r in rows])
    if not rows:
        section.note = "No claims with a named source yet."
    return section


def sections(ctx: Context) -> list[Section]:
    return [health(ctx), entities_over_months(ctx), event_types(ctx), *actor_network(ctx),
            event_map(ctx), quoted_speakers(ctx), claims(ctx)]


def build(output: str, tables: dict[str, Table] = TABLES, top: int = 25,
          text: bool = True) -> str:
    """The report of ``output`` as one HTML document."""
    from pipeline import page
    ctx = Context(views.connect(output, tables), tables, top, text)
    totals = ctx.rows("SELECT (SELECT count(*) FROM articles) AS articles, "
                      "(SELECT count(*) FROM entities) AS entities, "
                      "(SELECT count(*) FROM events) AS events, "
                      "(SELECT count(*) FROM errors) AS errors, "
                      "(SELECT min(month) || ' to ' || max(month) FROM articles) AS months")[0]
    models = ctx.rows("SELECT model, count(*) AS files FROM ledger GROUP BY ALL "
                      "ORDER BY files DESC")
    return page.render(output, totals, models, sections(ctx))


def default_path(output: str) -> str:
    return FileSystems.join(output.rstrip("/"), "report.html")


def command(argv: list[str]) -> int:
    args = parse_command("newsbeam report", DESCRIPTION, REPORT_OPTIONS, argv)
    if args is None:
        return 0
    views.check_output(args.output)
    commit.recover_if_idle(args.output)  # finish or clear what a killed run left
    started = dt.datetime.now()
    document = build(args.output, top=args.top, text=not args.no_text)
    path = args.to or default_path(args.output)
    with FileSystems.create(path, mime_type="text/html") as fh:
        fh.write(document.encode("utf-8"))
    where = path if "://" in path else "file://" + os.path.abspath(path)
    seconds = (dt.datetime.now() - started).total_seconds()
    print(f"newsbeam: report written to {path} ({len(document) / 1e6:.1f} MB, "
          f"{seconds:.1f} s); open {where}", file=sys.stdout)
    return 0

