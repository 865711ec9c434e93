"""The per-article extraction deadline (--extract-timeout): an article whose extraction
takes too long becomes an extract_timeout row, the other articles go on, and the next
run retries it. No test here waits for a clock: deadlines are tiny or already past."""

import time

import apache_beam as beam
import duckdb
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.run import run
from tests.conftest import EXAMPLES, annotated_of
from transforms.entities.canonical import resolve
from transforms.errors import ERRORS_TAG
from transforms.events.rows import event_rows
from transforms.extract import context
from transforms.extract.transform import ExtractArticles, Extractors
from transforms.nlp.model import RULES


def _slow_extractors():
    def entities(article):
        if article.row["article_id"] == "endless":
            while True:  # a pathological article: only the deadline ends it
                context.check()
                time.sleep(0.001)
        return [{"article_id": article.row["article_id"]}]

    def events(article):
        return [{"article_id": article.row["article_id"]}]
    return context.build, {"entities": entities, "events": events}


def test_an_article_over_its_deadline_is_an_extract_timeout_row_and_the_rest_goes_on():
    rows = [annotated_of(None, a) for a in ("good", "endless", "fine")]
    with BeamTestPipeline(runner="FnApiRunner") as p:
        out = (p | beam.Create(rows)
               | ExtractArticles(_slow_extractors, ("entities", "events"), timeout=0.05))
        assert_that(out.entities, equal_to([{"article_id": "good"}, {"article_id": "fine"}]),
                    label="entities")
        # one deadline per article: the endless one used it up, so events did not run
        assert_that(out.events, equal_to([{"article_id": "good"}, {"article_id": "fine"}]),
                    label="events")
        assert_that(out[ERRORS_TAG] | beam.Map(lambda e: (e["article_id"], e["stage"],
                                                          e["reason"], e["message"])),
                    equal_to([("endless", "extract_entities", "extract_timeout",
                               "ExtractTimeout: extraction took longer than 0.05 s"),
                              ("endless", "extract_events", "extract_timeout",
                               "ExtractTimeout: extraction took longer than 0.05 s")]),
                    label="errors")


def test_event_extraction_and_entity_resolution_check_the_deadline(rules_nlp):
    doc = rules_nlp("Wladimir Putin traf Kim Jong Un in Moskau. Putin sagte: „Ja.“ " * 5)
    row = annotated_of(doc)
    article = context.build(row)
    assert article.entities and event_rows(article)  # without a deadline: rows
    with context.deadline(-1.0):  # already past: the first check raises
        with pytest.raises(context.ExtractTimeout):
            event_rows(article)
        with pytest.raises(context.ExtractTimeout):
            resolve(doc)
        with pytest.raises(context.ExtractTimeout):
            context.build(row)
    assert event_rows(article)  # the deadline ends with its block


def test_timed_out_articles_are_failed_in_the_ledger_and_retried_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    argv = ["--input", str(EXAMPLES), "--output", str(out), "--model", RULES,
            "--workers", "1"]
    first = run([*argv, "--extract-timeout", "0.000001"]).manifest
    assert first["articles_parsed"] == 2 and first["balanced"]
    tables = Extractors.tables
    assert first["errors_by_reason"] == {"extract_timeout": 2 * len(tables)}  # each article
    assert all(first["rows"][t] == 0 for t in tables)
    ledger = duckdb.connect().execute(
        f"SELECT status, reason FROM '{out}/_ledger/*.parquet'").fetchall()
    assert ledger == [("failed", "extract_timeout")] * 2

    second = run(argv).manifest
    assert (second["files_retried"], second["files_skipped"]) == (2, 0)
    assert second["errors_by_reason"] == {} and second["rows"]["entities"] > 0
    third = run(argv).manifest
    assert (third["files_retried"], third["files_skipped"]) == (0, 2)


def test_the_warm_up_article_is_an_annotated_row_every_extractor_takes():
    """One-time loads happen on the warm-up article in setup, not inside the first real
    article's deadline; the warm-up row must stay a valid annotated row for that."""
    from schemas import ANNOTATED
    from transforms.extract.transform import _warm_up_row

    row = _warm_up_row()
    assert set(row) == set(ANNOTATED.names)
    build, extractors = Extractors()()
    article = build(row)
    assert article.entities
    for extract in extractors.values():
        extract(article)  # raises if the row does not fit
