"""``errors`` rows: how a failed file or step is recorded instead of crashing the run.

Every stage routes what it cannot handle to the ``errors`` output tag, as a row built
here, and the run goes on. Pure Python: the Beam side is in each stage's transform.
"""

from __future__ import annotations

ERRORS_TAG = "errors"
UNKNOWN_MONTH = "unknown"
_MAX_MESSAGE = 2000


def error_row(*, source_uri: str, article_id: str | None, stage: str, reason: str,
              message: str | BaseException, size: int, run: dict,
              month: str | None) -> dict:
    """The one ``errors`` row builder. ``run`` carries ``pipeline_version`` and
    ``run_id`` (a run's info, or any row that copies them)."""
    if isinstance(message, BaseException):
        message = f"{type(message).__name__}: {message}"
    return {
        "source_uri": source_uri,
        "article_id": article_id or "",
        "stage": stage,
        "reason": reason,
        "message": message[:_MAX_MESSAGE],
        "bytes": size,
        "pipeline_version": run["pipeline_version"],
        "run_id": run["run_id"],
        "month": month or UNKNOWN_MONTH,
    }


def step_failure_row(row: dict, *, stage: str, reason: str, error: BaseException) -> dict:
    """The ``errors`` row of an article a later step (NLP, an extractor) failed on:
    ``row`` is its ``articles`` or annotated row."""
    return error_row(source_uri=row["source_uri"], article_id=row["article_id"],
                     stage=stage, reason=reason, message=error, size=row["bytes"], run=row,
                     month=row["month"])
