"""Reading article files through Beam's filesystems (local paths and gs:// alike)."""

from __future__ import annotations

import hashlib
import os

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from transforms import article_format as fmt
from transforms.errors import ERRORS_TAG, UNKNOWN_MONTH

LEDGER_TAG = "ledger"


def as_pattern(path: str) -> str:
    """A folder means every file directly in it; anything else is used as a glob."""
    if any(ch in path for ch in "*?["):
        return path
    if path.endswith("/"):
        return path + "*"
    if not path.startswith("gs://"):
        if os.path.isdir(path):
            return os.path.join(path, "*")
    return path


def article_row(article: fmt.Article, run: dict) -> dict:
    """The ``articles`` row of a parsed article."""
    return {
        "article_id": article.article_id,
        "source_uri": article.source_uri,
        "content_sha256": article.content_sha256,
        "date": article.date.date,
        "date_precision": article.date.precision,
        "published_at": article.date.published_at,
        "month": article.month,
        "lead": article.lead,
        "text": article.text,
        "paragraphs": [{"start": s.start, "end": s.end, "kind": s.kind}
                       for s in article.paragraphs],
        "language": "de",
        "word_count": article.word_count,
        "repairs": list(article.repairs),
        "model": run["model"],
        "pipeline_version": run["pipeline_version"],
        "run_id": run["run_id"],
    }


def rejection_row(rejection: fmt.Rejection, run: dict, stage: str = "parse") -> dict:
    return {
        "source_uri": rejection.source_uri,
        "article_id": rejection.article_id,
        "stage": stage,
        "reason": rejection.reason,
        "message": rejection.message,
        "bytes": rejection.size,
        "pipeline_version": run["pipeline_version"],
        "run_id": run["run_id"],
        "month": rejection.month or UNKNOWN_MONTH,
    }


class _ReadAndParseFn(beam.DoFn):
    """File metadata in; an ``articles`` row or an ``errors`` row out.

    Files over the size limit are rejected from their metadata and never opened, and
    no read takes more than the limit plus one byte, so memory stays bounded whatever
    lands in the input folder.
    """

    def __init__(self, max_bytes: int, run: dict):
        self.max_bytes = max_bytes
        self.run = run
        self.files = Metrics.counter("newsbeam", "files_matched")
        self.parsed = Metrics.counter("newsbeam", "articles_parsed")
        self.rejected = Metrics.counter("newsbeam", "files_rejected")

    def process(self, listed):
        path, size, modified = listed
        self.files.inc()
        data = None
        if size > self.max_bytes:
            result = fmt.Rejection(fmt.article_id_from_uri(path), path, fmt.TOO_LARGE,
                                   f"{size} bytes is over the limit of {self.max_bytes}",
                                   size)
            stage = "read"
        else:
            try:
                with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as fh:
                    data = fh.read(self.max_bytes + 1)
            except Exception as err:  # unreadable file: recorded, the run goes on
                result = fmt.Rejection(fmt.article_id_from_uri(path), path, "unreadable",
                                       f"{type(err).__name__}: {err}", size)
                stage = "read"
            else:
                result = fmt.parse_article(data, path, self.max_bytes)
                stage = "parse"
        parsed = isinstance(result, fmt.Article)
        yield beam.pvalue.TaggedOutput(LEDGER_TAG, {
            "source_uri": path, "article_id": fmt.article_id_from_uri(path), "size": size,
            "last_modified": float(modified or 0.0),
            "content_sha256": hashlib.sha256(data).hexdigest() if data is not None else None,
            "status": "parsed" if parsed else "rejected",
            "reason": None if parsed else result.reason,
            "run_id": self.run["run_id"], "pipeline_version": self.run["pipeline_version"]})
        if parsed:
            self.parsed.inc()
            yield article_row(result, self.run)
        else:
            self.rejected.inc()
            Metrics.counter("newsbeam", f"rejected_{result.reason}").inc()
            yield beam.pvalue.TaggedOutput(ERRORS_TAG, rejection_row(result, self.run, stage))


def matching_paths(pattern: str) -> list[str]:
    """Sorted paths a pattern matches; empty when nothing matches or the location
    cannot be listed (no folder yet)."""
    try:
        return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)
    except Exception:
        return []


def list_files(patterns: list[str]) -> list[tuple[str, int, float]]:
    """(path, size, modification time) of every file the patterns match, sorted and
    without duplicates: the launcher lists the input once, so it can decide what a run
    has to process (see pipeline/ledger.py)."""
    found: dict[str, tuple[str, int, float]] = {}
    for result in FileSystems.match([as_pattern(p) for p in patterns]):
        for m in result.metadata_list:
            if not m.path.endswith("/"):
                found[m.path] = (m.path, m.size_in_bytes, m.last_updated_in_seconds or 0.0)
    return [found[path] for path in sorted(found)]


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

    def __init__(self, files: list[tuple[str, int, float]], max_bytes: int, run: dict):
        super().__init__()
        self.files = files
        self.max_bytes = max_bytes
        self.run = run

    def expand(self, pbegin):
        return (
            pbegin
            | "Files" >> beam.Create(self.files)
            # Spread the files over the workers before the expensive fused stage.
            | "Spread files" >> beam.Reshuffle()
            | "Parse" >> ParseFiles(self.max_bytes, self.run))
