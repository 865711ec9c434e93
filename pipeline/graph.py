"""The pipeline graph: read -> parse -> one NLP step -> extractors in parallel -> Parquet.

Every extractor branches from the same annotated rows: entities and events run in
parallel on one pass of the model. Errors from every step are flattened into the
``errors`` table.
"""

from __future__ import annotations

import apache_beam as beam

from transforms.entities import ExtractEntities
from transforms.events import ExtractEvents
from transforms.errors import ERRORS_TAG
from transforms.nlp import AnnotateArticles, SpacyModelHandler
from transforms.read import LEDGER_TAG, ReadArticles
from transforms.write import WriteTable


TABLES = ["articles", "entities", "events", "errors"]


def build(p: beam.Pipeline, *, files: list[tuple[str, int, float]], stage: str, model: str,
          run: dict, max_article_bytes: int, batch_size: int,
          max_chunk_chars: int | None = None, event_lexicon: str | None = None) -> dict:
    """Adds newsbeam to ``p`` for the listed ``files`` (path, size, mtime), writing every
    table and the ledger under ``stage``; returns the PCollection of each table's rows."""
    read = p | "Read articles" >> ReadArticles(files, max_article_bytes, run)
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
        rows | f"Write {name}" >> WriteTable(name, stage, run["run_id"])
    return tables
