"""The ``articles`` and ``ledger`` rows of one file (``errors`` rows: transforms.errors)."""

from __future__ import annotations

import hashlib

from transforms import errors
from transforms.read import feed
from transforms.read.topic import topic


def article_row(article: feed.Article, run: dict) -> dict:
    """The ``articles`` row of a parsed article."""
    return {
        "article_id": article.article_id,
        "source_uri": article.source_uri,
        "content_sha256": article.content_sha256,
        "bytes": article.size,
        "date": article.date.date,
        "date_precision": article.date.precision,
        "published_at": article.date.published_at,
        "month": article.month,
        "lead": article.lead,
        "text": article.text,
        "paragraphs": [{"start": s.start, "end": s.end, "kind": s.kind}
                       for s in article.paragraphs],
        "language": "de",
        "topic": topic(article.text, article.lead),
        "word_count": article.word_count,
        "repairs": list(article.repairs),
        "model": run["model"],
        "pipeline_version": run["pipeline_version"],
        "run_id": run["run_id"],
    }


def ledger_row(path: str, size: int, modified: float | None, data: bytes | None,
               rejection: feed.Rejection | None, run: dict) -> dict:
    """The ``ledger`` row of a file: what it was when read and what became of it."""
    return {
        "source_uri": path,
        "article_id": feed.article_id_from_uri(path),
        "size": size,
        "last_modified": float(modified or 0.0),
        "content_sha256": hashlib.sha256(data).hexdigest() if data is not None else None,
        "status": "parsed" if rejection is None else "rejected",
        "reason": None if rejection is None else rejection.reason,
        "run_id": run["run_id"],
        "run_started_at": run["started_at"],
        "model": run["model"],
        "pipeline_version": run["pipeline_version"],
    }


def failed_ledger_row(row: dict, reasons: list[str]) -> dict:
    """A parsed file's ``ledger`` row once a later step failed on it: ``failed``, with
    the first of those steps' reasons (all of them are retried by the next run)."""
    return {**row, "status": "failed", "reason": sorted(reasons)[0]}


def rejection_row(rejection: feed.Rejection, run: dict, stage: str) -> dict:
    """The ``errors`` row of a file the reader or the parser turned away."""
    return errors.error_row(
        source_uri=rejection.source_uri, article_id=rejection.article_id, stage=stage,
        reason=rejection.reason, message=rejection.message, size=rejection.size,
        run=run, month=rejection.month)
