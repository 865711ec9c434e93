"""The extract step as a Beam transform: one context per article, every extractor on it."""

from __future__ import annotations

import datetime as dt
import functools
import logging
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
from transforms.nlp.annotated import doc_to_columns, make_doc
from transforms.quotes.rows import quote_rows
from transforms.read.feed import EXTRACT_TIMEOUT, EXTRACTOR_FAILED

LOG = logging.getLogger(__name__)
Extractor = Callable[[context.ArticleContext], list[dict]]
ContextBuilder = Callable[[dict], context.ArticleContext]
DEFAULT_TIMEOUT = DEFAULT_SECONDS


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
                                                           dict[str, Extractor]]],
                 timeout: float | None):
        self.make_extractors = make_extractors
        self.timeout = timeout

    def setup(self):
        self.build_context, self.extractors = self.make_extractors()
        self.rows = {t: Metrics.counter("newsbeam", f"extract_{t}_rows")
                     for t in self.extractors}
        self.failed = {t: Metrics.counter("newsbeam", f"extract_{t}_failed")
                       for t in self.extractors}
        self._warm_up()

    def _warm_up(self):
        """Extract one tiny article: what the extractors load on first use (the place
        index, the actor tables) must not count against a real article's deadline."""
        try:
            article = self.build_context(_warm_up_row())
            for extract in self.extractors.values():
                extract(article)
        except Exception as err:  # a real article will report it
            LOG.info("warm-up extraction failed: %s", err)

    def process(self, row):
        with context.deadline(self.timeout):  # one deadline for the whole article
            outputs = list(self._extract(row))
        yield from outputs  # later steps' time does not count against it

    def _extract(self, row):
        try:
            article = self.build_context(row)
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


def _warm_up_row() -> dict:
    doc = make_doc(["Kanzler", "Scholz", "traf", "in", "Berlin", "Macron", "."],
                   ents=[(1, 2, "PER"), (4, 5, "LOC"), (5, 6, "PER")])
    return {**doc_to_columns([doc], has_parse=False), "article_id": "warm-up",
            "source_uri": "warm-up", "bytes": 0, "date": dt.date(2020, 1, 1),
            "date_precision": "month", "month": "2020-01", "topic": None,
            "lead_end": len(doc.text),
            "text": doc.text, "label_scheme": None, "model": "", "pipeline_version": "",
            "run_id": ""}


class ExtractArticles(beam.PTransform):
    """Annotated rows -> each extractor's rows (one output tag per table) and
    ``errors`` rows. ``make_extractors`` (called once per worker) returns the context
    builder and the extractors by table; ``tables`` names them up front for the output
    tags. An article's extraction that takes longer than ``timeout`` seconds stops, and
    each extractor it did not finish gives an ``extract_timeout`` row."""

    def __init__(self, make_extractors: Callable[[], tuple[ContextBuilder,
                                                           dict[str, Extractor]]],
                 tables: tuple[str, ...], timeout: float | None = DEFAULT_TIMEOUT):
        super().__init__()
        self.make_extractors = make_extractors
        self.tables = tables
        self.timeout = timeout

    def expand(self, annotated):
        return annotated | "Extract" >> beam.ParDo(
            _ExtractFn(self.make_extractors, self.timeout)).with_outputs(
                ERRORS_TAG, *self.tables)
