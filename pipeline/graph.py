"""The pipeline graph: read -> parse -> one NLP step -> extractors in parallel -> Parquet.

Every extractor branches from the same annotated rows: entities and events run in
parallel on one pass of the model. Errors from every step are flattened into the
``errors`` table. Batch and streaming share everything after the file source; streaming
adds fixed windows and writes one file per table, window and shard.
"""

from __future__ import annotations

import apache_beam as beam
from apache_beam.transforms import window
from apache_beam.transforms.trigger import AccumulationMode, AfterCount, AfterWatermark

from schemas import TABLES as SCHEMAS
from transforms.entities import ExtractEntities
from transforms.events import ExtractEvents
from transforms.errors import ERRORS_TAG
from transforms.nlp import AnnotateArticles, SpacyModelHandler
from transforms.read import LEDGER_TAG, ParseFiles, ReadArticles
from transforms.write import WriteTable


TABLES = list(SCHEMAS)


def build(p: beam.Pipeline, *, files: list[tuple[str, int, float]], stage: str, model: str,
          run: dict, max_article_bytes: int, batch_size: int,
          max_chunk_chars: int | None = None, event_lexicon: str | None = None) -> dict:
    """Adds newsbeam to ``p`` for the listed ``files`` (path, size, mtime), writing every
    table and the ledger under ``stage``; returns the PCollection of each table's rows."""
    read = p | "Read articles" >> ReadArticles(files, max_article_bytes, run)
    return _extract_and_write(read, stage, model, run, batch_size, max_chunk_chars,
                              event_lexicon)


def build_streaming(files: beam.PCollection, *, output: str, model: str, run: dict,
                    window_minutes: float, allowed_lateness_minutes: float,
                    max_article_bytes: int, batch_size: int,
                    event_lexicon: str | None = None) -> dict:
    """Streaming: ``files`` is an unbounded PCollection of (path, size, mtime), each
    file once (the sources deduplicate). Rows go straight into the tables, a file per
    table, window and shard with the window start in its name; data up to
    ``allowed_lateness_minutes`` late is written to a file of its own ("-late1")."""
    windowed = files | "Window" >> beam.WindowInto(
        window.FixedWindows(int(window_minutes * 60)),
        trigger=AfterWatermark(late=AfterCount(1)),
        accumulation_mode=AccumulationMode.DISCARDING,
        allowed_lateness=int(allowed_lateness_minutes * 60))
    read = windowed | "Parse" >> ParseFiles(max_article_bytes, run)
    return _extract_and_write(read, output, model, run, batch_size, None, event_lexicon,
                              streaming=True)


def _extract_and_write(read, base: str, model: str, run: dict, batch_size: int,
                       max_chunk_chars: int | None, event_lexicon: str | None,
                       streaming: bool = False) -> dict:
    handler = SpacyModelHandler(model, run["pipeline_version"], batch_size, max_chunk_chars)
    annotated = read.articles | "NLP" >> AnnotateArticles(handler)
    entities = annotated.annotated | "Extract entities" >> ExtractEntities()
    events = annotated.annotated | "Extract events" >> ExtractEvents(event_lexicon)
    tables = {
        "articles": read.articles,
        "entities": entities.entities,
        "events": events.events,
        "errors": (read[ERRORS_TAG], annotated[ERRORS_TAG], entities[ERRORS_TAG],
                   events[ERRORS_TAG])
        | "Collect errors" >> beam.Flatten(),
    }
    for name, rows in {**tables, "ledger": read[LEDGER_TAG]}.items():
        rows | f"Write {name}" >> WriteTable(name, base, run["run_id"], streaming=streaming)
    return tables
