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
from transforms.extract.deadline import DEFAULT_SECONDS
from transforms.read.feed import EXTRACT_TIMEOUT, EXTRACTOR_FAILED

Extractor = Callable[[context.ArticleContext], list[dict]]
DEFAULT_TIMEOUT = DEFAULT_SECONDS


def read_lexicon(path: str | None) -> Lexicon:
    """The default event lexicon, or a user's (local path or gs:// URI)."""
    if path is None:
        return default()
    with FileSystems.open(path) as fh:
        return Lexicon.from_text(fh.read().decode("utf-8"), path)


class Extractors:
    """Picklable: makes every extractor once per worker (the event lexicon is read
    there, not shipped with the job)."""

    def __init__(self, lexicon_path: str | None = None):
        self.lexicon_path = lexicon_path

    def __call__(self) -> dict[str, Extractor]:
        lexicon = read_lexicon(self.lexicon_path)
        return {"entities": entity_rows,
                "events": functools.partial(event_rows, lexicon=lexicon)}


    tables = ("entities", "events")  # the keys __call__ returns, in this order


class _ExtractFn(beam.DoFn):
    def __init__(self, make_extractors: Callable[[], dict[str, Extractor]],
                 timeout: float | None):
        self.make_extractors = make_extractors
        self.timeout = timeout

    def setup(self):
        self.extractors = self.make_extractors()
        self.rows = {t: Metrics.counter("newsbeam", f"extract_{t}_rows")
                     for t in self.extractors}
        self.failed = {t: Metrics.counter("newsbeam", f"extract_{t}_failed")
                       for t in self.extractors}

    def process(self, row):
        with context.deadline(self.timeout):  # one deadline for the whole article
            outputs = list(self._extract(row))
        yield from outputs  # later steps' time does not count against it

    def _extract(self, row):
        try:
            article = context.build(row)
        except Exception as err:  # every extractor needs the context: each failed
            for table in self.extractors:
                yield self._failure(row, table, err)
            return
        for table, extract in self.extractors.items():
            try:
                context.check()
                rows = extract(article)
            except Exception as err:  # one bad article must not stop the run
                yield self._failure(row, table, err)
                continue
            self.rows[table].inc(len(rows))
            for out in rows:
                yield beam.pvalue.TaggedOutput(table, out)

    def _failure(self, row, table, err):
        self.failed[table].inc()
        reason = EXTRACT_TIMEOUT if isinstance(err, context.ExtractTimeout) else EXTRACTOR_FAILED
        return beam.pvalue.TaggedOutput(ERRORS_TAG, step_failure_row(
            row, stage=f"extract_{table}", reason=reason, error=err))


class ExtractArticles(beam.PTransform):
    """Annotated rows -> each extractor's rows (one output tag per table) and
    ``errors`` rows. ``make_extractors`` (called once per worker) returns the
    extractors by table; ``tables`` names them up front for the output tags. An
    article's extraction that takes longer than ``timeout`` seconds stops, and each
    extractor it did not finish gives an ``extract_timeout`` row."""

    def __init__(self, make_extractors: Callable[[], dict[str, Extractor]],
                 tables: tuple[str, ...], timeout: float | None = DEFAULT_TIMEOUT):
        super().__init__()
        self.make_extractors = make_extractors
        self.tables = tables
        self.timeout = timeout

    def expand(self, annotated):
        return annotated | "Extract" >> beam.ParDo(
            _ExtractFn(self.make_extractors, self.timeout)).with_outputs(
                ERRORS_TAG, *self.tables)
