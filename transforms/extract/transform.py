"""The extract step as a Beam transform: one context per article, every extractor on it."""

from __future__ import annotations

import functools
from typing import Callable

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from transforms.entities.rows import entity_rows
from transforms.errors import ERRORS_TAG, step_failure_row
from transforms.events.lexicon import Lexicon, default
from transforms.events.rows import event_rows
from transforms.extract import context
from transforms.quotes.rows import quote_rows

Extractor = Callable[[context.ArticleContext], list[dict]]
ContextBuilder = Callable[[dict], context.ArticleContext]


def read_lexicon(path: str | None) -> Lexicon:
    """The default event lexicon, or a user's (local path or gs:// URI)."""
    if path is None:
        return default()
    with FileSystems.open(path) as fh:
        return Lexicon.from_text(fh.read().decode("utf-8"), path)


class Extractors:
    """Picklable: makes the context builder and every extractor once per worker (the
    event lexicon is read there, not shipped with the job)."""

    tables = ("entities", "events", "quotes")  # the extractors __call__ returns

    def __init__(self, lexicon_path: str | None = None):
        self.lexicon_path = lexicon_path

    def __call__(self) -> tuple[ContextBuilder, dict[str, Extractor]]:
        lexicon = read_lexicon(self.lexicon_path)
        return (functools.partial(context.build, lexicon=lexicon),
                {"entities": entity_rows, "events": event_rows, "quotes": quote_rows})


class _ExtractFn(beam.DoFn):
    def __init__(self, make_extractors: Callable[[], tuple[ContextBuilder,
                                                           dict[str, Extractor]]]):
        self.make_extractors = make_extractors

    def setup(self):
        self.build_context, self.extractors = self.make_extractors()
        self.rows = {t: Metrics.counter("newsbeam", f"extract_{t}_rows")
                     for t in self.extractors}
        self.failed = {t: Metrics.counter("newsbeam", f"extract_{t}_failed")
                       for t in self.extractors}

    def process(self, row):
        try:
            article = self.build_context(row)
        except Exception as err:  # every extractor needs the context: each failed
            for table in self.extractors:
                yield self._failure(row, table, err)
            return
        for table, extract in self.extractors.items():
            try:
                rows = extract(article)
            except Exception as err:  # one bad article must not stop the run
                yield self._failure(row, table, err)
                continue
            self.rows[table].inc(len(rows))
            for out in rows:
                yield beam.pvalue.TaggedOutput(table, out)

    def _failure(self, row, table, err):
        self.failed[table].inc()
        return beam.pvalue.TaggedOutput(ERRORS_TAG, step_failure_row(
            row, stage=f"extract_{table}", reason="extractor_failed", error=err))


class ExtractArticles(beam.PTransform):
    """Annotated rows -> each extractor's rows (one output tag per table) and
    ``errors`` rows. ``make_extractors`` (called once per worker) returns the context
    builder and the extractors by table; ``tables`` names them up front for the output
    tags."""

    def __init__(self, make_extractors: Callable[[], tuple[ContextBuilder,
                                                           dict[str, Extractor]]],
                 tables: tuple[str, ...]):
        super().__init__()
        self.make_extractors = make_extractors
        self.tables = tables

    def expand(self, annotated):
        return annotated | "Extract" >> beam.ParDo(
            _ExtractFn(self.make_extractors)).with_outputs(ERRORS_TAG, *self.tables)
