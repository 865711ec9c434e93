"""The read step as Beam transforms: files in; articles, errors and ledger rows out."""

from __future__ import annotations

import logging
import random

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.errors import ERRORS_TAG
from transforms.read import feed
from transforms.read.listing import NotAFile, read_bytes
from transforms.read.rows import article_row, failed_ledger_row, ledger_row, rejection_row

LOG = logging.getLogger(__name__)
LEDGER_TAG = "ledger"


class _ReadAndParseFn(beam.DoFn):
    """File metadata in; an ``articles`` row or an ``errors`` row out, and the file's
    ``ledger`` row.

    Files over the size limit are rejected from their metadata and never opened, and
    no read takes more than the limit plus one byte, so memory stays bounded whatever
    lands in the input folder. Whatever goes wrong with one file, even a bug in the
    parser, ends as that file's ``errors`` row (``parse_failed``): no exception leaves
    this step, so one file never fails the run.
    """

    def __init__(self, max_bytes: int, run: dict):
        self.max_bytes = max_bytes
        self.run = run
        self.files = Metrics.counter("newsbeam", "files_matched")
        self.parsed = Metrics.counter("newsbeam", "articles_parsed")
        self.rejected = Metrics.counter("newsbeam", "files_rejected")

    def process(self, listed):
        self.files.inc()
        try:
            outputs = self._outputs(*listed)
        except Exception as err:  # a bug for this one file: recorded, the run goes on
            LOG.exception("reading %s failed", listed)
            outputs = self._failed(listed, err)
        yield from outputs

    def _outputs(self, path, size, modified) -> list:
        data, stage = None, "read"
        if size > self.max_bytes:
            result = feed.Rejection(feed.article_id_from_uri(path), path, feed.TOO_LARGE,
                                    f"{size} bytes is over the limit of {self.max_bytes}",
                                    size)
        else:
            try:
                data = read_bytes(path, self.max_bytes + 1)
            except NotAFile as err:
                result = feed.Rejection(feed.article_id_from_uri(path), path, err.reason,
                                        str(err), size)
            except Exception as err:  # unreadable file: recorded, the run goes on
                result = feed.Rejection(feed.article_id_from_uri(path), path, feed.UNREADABLE,
                                        f"{type(err).__name__}: {err}", size)
            else:
                result = feed.parse_article(data, path, self.max_bytes)
                stage = "parse"
        rejection = None if isinstance(result, feed.Article) else result
        outputs = [beam.pvalue.TaggedOutput(
            LEDGER_TAG, ledger_row(path, size, modified, data, rejection, self.run))]
        if rejection is None:
            outputs.append(article_row(result, self.run))
        else:
            outputs.append(beam.pvalue.TaggedOutput(
                ERRORS_TAG, rejection_row(rejection, self.run, stage)))
        self._count(rejection)
        return outputs

    def _failed(self, listed, err: Exception) -> list:
        path, size, modified = (list(listed) + [None, None, None])[:3] \
            if isinstance(listed, (tuple, list)) else (repr(listed), None, None)
        path = str(path)
        size = int(size) if isinstance(size, (int, float)) and size >= 0 else 0
        modified = float(modified) if isinstance(modified, (int, float)) else 0.0
        rejection = feed.Rejection(feed.article_id_from_uri(path), path, feed.PARSE_FAILED,
                                   f"newsbeam failed on this file: {type(err).__name__}: {err}",
                                   size)
        self._count(rejection)
        return [beam.pvalue.TaggedOutput(
                    LEDGER_TAG, ledger_row(path, size, modified, None, rejection, self.run)),
                beam.pvalue.TaggedOutput(ERRORS_TAG, rejection_row(rejection, self.run, "parse"))]

    def _count(self, rejection):
        if rejection is None:
            self.parsed.inc()
        else:
            self.rejected.inc()
            Metrics.counter("newsbeam", f"rejected_{rejection.reason}").inc()


class ParseFiles(beam.PTransform):
    """(path, size, mtime) of files -> ``articles`` rows (main), ``errors`` rows (tag
    ``errors``) and one ``ledger`` row per file (tag ``ledger``). Batch and streaming
    both end in this step."""

    def __init__(self, max_bytes: int, run: dict):
        super().__init__()
        self.max_bytes = max_bytes
        self.run = run

    def expand(self, files):
        return files | "Read and parse" >> beam.ParDo(
            _ReadAndParseFn(self.max_bytes, self.run)).with_outputs(
                ERRORS_TAG, LEDGER_TAG, main="articles")


class ReadArticles(beam.PTransform):
    """The files a batch run listed -> the outputs of :class:`ParseFiles`."""

    def __init__(self, files: list[tuple[str, int, float]], max_bytes: int, run: dict,
                 parts: int = 1):
        super().__init__()
        self.files = files
        self.max_bytes = max_bytes
        self.run = run
        self.parts = max(1, parts)

    def expand(self, pbegin):
        # Each file its own key: a grouping by key spreads them over the workers before
        # the expensive fused stage.
        files = spread_order(self.files, self.parts)
        return (
            pbegin
            | "Files" >> beam.Create(list(enumerate(files)), reshuffle=False)
            | "Spread files" >> beam.GroupByKey()
            | "One file per key" >> beam.FlatMap(lambda kv: kv[1])
            | "Parse" >> ParseFiles(self.max_bytes, self.run))


def spread_order(files: list[tuple[str, int, float]], parts: int) -> list:
    """The files in an order that shares them out evenly when their keys are handed
    out in turn to ``parts`` workers (as the local runner does): each worker gets about
    the same number of bytes (rounds of ``parts`` files of about one size, every other
    round reversed), in an order that mixes large and small files (the rounds
    shuffled: a batch of only the largest articles would take the most memory at
    once). The same files give the same order."""
    by_size = sorted(files, key=lambda f: (-f[1], f[0]))
    rounds = [by_size[k:k + parts] for k in range(0, len(by_size), parts)]
    rounds = [r if i % 2 == 0 else r[::-1] for i, r in enumerate(rounds)]
    short = [rounds.pop()] if rounds and len(rounds[-1]) < parts else []
    random.Random(len(files)).shuffle(rounds)
    return [f for r in rounds + short for f in r]


class RecordFailures(beam.PTransform):
    """(ledger rows, errors rows of the later steps) -> ledger rows, where a file that
    a later step (NLP, an extractor) failed on is ``failed`` with that step's reason,
    so the next run retries it instead of skipping it forever."""

    def expand(self, pcolls):
        ledger, failures = pcolls
        return (
            {"ledger": ledger | "Ledger by file" >> beam.Map(lambda r: (r["source_uri"], r)),
             "failed": failures | "Failures by file" >> beam.Map(
                 lambda r: (r["source_uri"], r["reason"]))}
            | "Join failures" >> beam.CoGroupByKey()
            | "Ledger rows" >> beam.FlatMap(_with_failures))


def _with_failures(joined):
    _, grouped = joined
    reasons = list(grouped["failed"])
    for row in grouped["ledger"]:
        yield failed_ledger_row(row, reasons) if reasons and row["status"] == "parsed" else row
