"""Error rows: how a failed file or step is recorded instead of crashing the run."""

from __future__ import annotations

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
