"""The whole pipeline, end to end, on the local runner."""

import csv
import datetime as dt
import json
import shutil
import time

import duckdb
import pyarrow.parquet as pq
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to, is_not_empty

from pipeline import graph
from pipeline.main import main
from pipeline.run import run
from schemas import TABLES
from tests.conftest import EXAMPLES, SEED_000
from transforms.nlp.model import RULES
from transforms.read.listing import list_files

RUN = {"run_id": "test-run", "pipeline_version": "test", "model": "newsbeam_rules_de==test",
       "started_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)}


def test_graph_on_the_seeds_with_test_pipeline(tmp_path):
    with BeamTestPipeline(runner="FnApiRunner") as p:
        tables = graph.build(p, files=list_files([str(EXAMPLES)]), output=str(tmp_path),
                             model=RULES, run=RUN, manifest={"started_epoch": time.time()},
                             max_article_bytes=1 << 20, batch_size=8)
        assert_that(tables["articles"] | "ids" >> _map(lambda r: r["article_id"]),
                    equal_to([SEED_000, "004_cf3571c0e23879cb"]), label="articles")
        assert_that(tables["errors"], equal_to([]), label="no errors")
        seed_entities = (tables["entities"]
                         | "seed 000" >> _filter(lambda r: r["article_id"] == SEED_000)
                         | "name, label" >> _map(lambda r: (r["canonical_name"], r["label"])))
        assert_that(seed_entities | "persons" >> _filter(lambda e: e[1] == "PER"),
                    _contains({("Kim Jong Un", "PER"), ("Wladimir Putin", "PER")}),
                    label="persons")
        assert_that(seed_entities | "places" >> _filter(lambda e: e == ("Russland", "LOC")),
                    equal_to([("Russland", "LOC")]), label="one Russland")
        assert_that(tables["entities"], is_not_empty(), label="entities")
    # the job's last step published the run: files in the tables, counts in the manifest
    manifest = json.loads((tmp_path / "_runs" / "test-run.json").read_text())
    assert manifest["balanced"] and manifest["articles_parsed"] == 2
    assert manifest["rows"]["articles"] == 2 and manifest["errors_by_reason"] == {}
    written = pq.read_table(str(tmp_path / "entities"))
    assert written.num_rows == manifest["rows"]["entities"] > 0
    assert not (tmp_path / "_staging").exists()


def _map(fn):
    import apache_beam as beam
    return beam.Map(fn)


def _filter(fn):
    import apache_beam as beam
    return beam.Filter(fn)


def _contains(expected):
    def check(actual):
        missing = set(expected) - set(actual)
        assert not missing, f"missing {missing} in {sorted(actual)}"
    return check


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-run") / "out"
    report = run(["--input", str(EXAMPLES), "--output", str(out), "--model", RULES,
                  "--workers", "1", "--run-id", "r1"])
    return out, report


def test_run_summary_adds_up(seed_run):
    out, report = seed_run
    summary = report.manifest
    assert report.kind == "completed" and report.ok
    assert summary["files_matched"] == 2 and summary["articles_parsed"] == 2
    assert summary["files_rejected"] == 0 and summary["balanced"]
    assert summary["rows"]["articles"] == 2 and summary["rows"]["entities"] > 20
    assert summary["rows"]["events"] > 10 and summary["rows"]["ledger"] == 2
    assert summary["model"].startswith("newsbeam_rules_de==")
    manifest = json.loads((out / "_runs" / "r1.json").read_text())
    assert manifest["rows"] == summary["rows"]
    assert not (out / "_staging").exists()
    assert manifest["files_new"] == 2 and manifest["options"]["model"] == RULES
    assert manifest["started_at"] <= manifest["finished_at"]


def test_every_written_file_has_its_table_schema(seed_run):
    out, _ = seed_run
    for table in ("articles", "entities", "events"):
        files = sorted((out / table).glob("month=*/*.parquet"))
        assert files, table
        for path in files:
            assert path.parent.name == "month=2023-09"
            assert path.name.startswith(f"{table}-r1-")
            assert pq.read_schema(path).remove_metadata().equals(
                TABLES[table].file_schema.remove_metadata(), check_metadata=False), path
            assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"


def test_duckdb_reads_the_tables_with_hive_partitioning(seed_run):
    out, _ = seed_run
    con = duckdb.connect()
    rows = con.execute(f"""
        SELECT e.canonical_name, e.label, e.mention_count, a.month, e.in_lead
        FROM read_parquet('{out}/entities/*/*.parquet', hive_partitioning=true) e
        JOIN read_parquet('{out}/articles/*/*.parquet', hive_partitioning=true) a
          USING (article_id)
        WHERE article_id = '{SEED_000}' AND e.label = 'PER'""").fetchall()
    names = {r[0]: r for r in rows}
    assert names["Wladimir Putin"][3] == "2023-09"
    assert names["Wladimir Putin"][4] is True
    text = con.execute(f"""SELECT text FROM read_parquet('{out}/articles/*/*.parquet',
                       hive_partitioning=true) WHERE article_id='{SEED_000}'""").fetchone()[0]
    mentions = con.execute(f"""
        SELECT m.text, m.start, m."end" FROM (
          SELECT unnest(mentions) AS m
          FROM read_parquet('{out}/entities/*/*.parquet', hive_partitioning=true)
          WHERE article_id = '{SEED_000}')""").fetchall()
    assert mentions and all(text[s:e] == t for t, s, e in mentions)
    assert names["Wladimir Putin"][2] == text.count("Putin")


def test_bad_inputs_end_exactly_as_expected_tsv_says(bad_inputs, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(bad_inputs, inputs, ignore=shutil.ignore_patterns("*.md", "*.tsv"))
    shutil.copy(EXAMPLES / f"{SEED_000}.txt", inputs)  # mixed into a normal run
    out = tmp_path / "out"
    report = run(["--input", str(inputs), "--output", str(out), "--model", RULES,
                  "--workers", "1"])
    with open(bad_inputs / "expected.tsv", newline="", encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh, delimiter="\t"))
    parse = {r["file"].removesuffix(".txt") for r in expected if r["expected"] == "parse"}
    errors = {r["file"].removesuffix(".txt"): r["reason"] for r in expected
              if r["expected"] == "error"}
    con = duckdb.connect()
    parsed = {r[0] for r in con.execute(
        f"SELECT article_id FROM read_parquet('{out}/articles/*/*.parquet')").fetchall()}
    rejected = dict(con.execute(
        f"SELECT article_id, reason FROM read_parquet('{out}/errors/*/*.parquet')").fetchall())
    assert parsed == parse | {SEED_000}
    assert rejected == errors
    assert report.manifest["files_matched"] == 15 and report.ok
    assert report.manifest["errors_by_reason"] == {
        "contains_nul": 1, "empty_file": 1, "invalid_date": 2, "missing_date_header": 1,
        "not_text": 1, "too_large": 1}
    for table in TABLES.values():
        for path in (out / table.folder).glob("**/*.parquet"):
            assert pq.read_schema(path).names == table.file_schema.names


def test_cli_rejects_missing_inputs_and_models_with_one_line(tmp_path, capsys):
    assert main(["--input", str(tmp_path / "nothing-*.txt"), "--output", str(tmp_path)]) == 2
    assert "no input files match" in capsys.readouterr().err
    assert main(["--input", str(EXAMPLES), "--model", "de_no_such_model",
                 "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "de_no_such_model" in err and "spacy download" in err and "Traceback" not in err


def test_the_query_the_summary_suggests_runs_as_printed(seed_run):
    import subprocess
    import sys

    from pipeline.summary import render, try_query

    out, report = seed_run
    command = try_query(str(out))
    assert command in render(report.manifest)
    result = subprocess.run(["bash", "-c", command.replace(".venv/bin/python", sys.executable)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Russland" in result.stdout


def _annotated(article_id: str) -> dict:
    from transforms.nlp.annotated import doc_to_columns, make_doc

    doc = make_doc(["Putin", "traf", "Kim", "."], ents=[(0, 1, "PER"), (2, 3, "PER")])
    return {**doc_to_columns([doc], has_parse=False), "article_id": article_id,
            "source_uri": f"{article_id}.txt", "bytes": 321, "date": "2023-09-01",
            "date_precision": "month", "month": "2023-09", "topic": "politics", "lead_end": 0,
            "text": doc.text,
            "label_scheme": None, "model": "m", "pipeline_version": "t", "run_id": "r"}


def _extractors():
    def events(article):
        if article.row["article_id"] == "poison":
            raise ValueError("extractor bug")
        return [{"article_id": article.row["article_id"]}]

    def entities(article):
        return [{"article_id": article.row["article_id"], "n": len(article.entities)}]

    from transforms.extract.context import build
    return build, {"entities": entities, "events": events}


def test_an_extractor_failure_becomes_an_errors_row_and_the_rest_goes_on():
    import apache_beam as beam

    from transforms.errors import ERRORS_TAG
    from transforms.extract.transform import ExtractArticles

    rows = [_annotated(a) for a in ("good", "poison", "fine")]
    with BeamTestPipeline(runner="FnApiRunner") as p:
        out = (p | beam.Create(rows)
               | ExtractArticles(_extractors, ("entities", "events")))
        assert_that(out.events, equal_to([{"article_id": "good"}, {"article_id": "fine"}]),
                    label="events")
        # the other extractor still ran on the article the first one failed on
        assert_that(out.entities, equal_to([{"article_id": a, "n": 2}
                                            for a in ("good", "poison", "fine")]),
                    label="entities")
        assert_that(out[ERRORS_TAG] | _map(lambda e: (e["article_id"], e["stage"], e["reason"],
                                                      e["message"], e["month"], e["bytes"])),
                    equal_to([("poison", "extract_events", "extractor_failed",
                               "ValueError: extractor bug", "2023-09", 321)]), label="errors")
