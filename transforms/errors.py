"""Error rows: how a failed file or step is recorded instead of crashing the run."""

from __future__ import annotations

from typing import Callable

import apache_beam as beam
from apache_beam.metrics import Metrics

ERRORS_TAG = "errors"
UNKNOWN_MONTH = "unknown"


def error_row(row: dict, *, stage: str, reason: str, error: BaseException | str,
              size: int | None = None) -> dict:
    """An ``errors`` row about an article row (or any dict with ``source_uri``)."""
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return {
        "source_uri": row["source_uri"],
        "article_id": row.get("article_id") or "",
        "stage": stage,
        "reason": reason,
        "message": message[:2000],
        "bytes": size if size is not None else len(row.get("text", "").encode("utf-8")),
        "pipeline_version": row["pipeline_version"],
        "run_id": row["run_id"],
        "month": row.get("month") or UNKNOWN_MONTH,
    }


class SafeExtractFn(beam.DoFn):
    """Runs one extractor on each annotated row; a failure on one article becomes an
    ``errors`` row (tag ``errors``) and the run goes on.

    ``make_extractor`` is called once per worker (in ``setup``) and returns the function
    row -> rows, so an extractor can load what it needs (a lexicon) once.
    """

    def __init__(self, stage: str, make_extractor: Callable[[], Callable[[dict], list[dict]]]):
        self.stage = stage
        self.make_extractor = make_extractor
        self.extracted = Metrics.counter("newsbeam", f"{stage}_rows")
        self.failed = Metrics.counter("newsbeam", f"{stage}_failed")

    def setup(self):
        self.extract = self.make_extractor()

    def process(self, row):
        try:
            rows = self.extract(row)
        except Exception as err:  # one bad article must not stop the run
            self.failed.inc()
            yield beam.pvalue.TaggedOutput(ERRORS_TAG, error_row(
                row, stage=self.stage, reason="extractor_failed", error=err))
            return
        self.extracted.inc(len(rows))
        yield from rows
