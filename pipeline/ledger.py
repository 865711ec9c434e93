"""The ingest ledger: what an output already holds, and what a run has to do.

Every committed run adds one Parquet file to ``<output>/_ledger/`` with a row per
source file it ingested: URI, size, modification time, content sha256, what became of
it (``parsed``; ``rejected`` with a reason; ``failed``: parsed, but the NLP step or an
extractor failed on it), the run, when that run started, its model and newsbeam
version. A file's latest entry (by the run's start, not the spelling of its id) is the
run whose rows are current (README, Scheduling).

A scheduled run over a growing landing folder compares the folder's listing with the
ledger and processes

* new files, and changed ones (same URI, other size or modification time);
* retried ones: the latest entry is a condition of that run, not of the file
  (``feed.RUN_CONDITIONS``: unreadable, a broken link, a failure of newsbeam's own
  steps, a timeout), or ``too_large`` under a smaller ``--max-article-bytes`` than this
  run's; a rejection for the file's content waits until the file changes;
* with ``--reprocess``, every file; with ``--reprocess=stale``, the files whose rows
  are of another model or newsbeam version (for a rejected file, another version).

The rest is skipped; :attr:`Plan.stale` counts the skipped files with rows of another
model or version, which the summary reports with the way to redo them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from schemas import TABLES
from transforms.read import feed
from transforms.read.listing import matching_paths

LEDGER = TABLES["ledger"]
STALE = "stale"


@dataclass
class Plan:
    process: list[tuple[str, int, float]] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    retried: int = 0
    reprocessed: int = 0  # unchanged files taken again by --reprocess (true or stale)
    skipped: int = 0
    stale: int = 0  # skipped files whose rows are of another model or version

    def counts(self) -> dict[str, int]:
        return {"files_new": self.new, "files_changed": self.changed,
                "files_retried": self.retried, "files_reprocessed": self.reprocessed,
                "files_skipped": self.skipped, "files_stale": self.stale}


def latest_first(row: dict) -> tuple:
    """Sort key of ledger rows: the run that started last first; run ids break a tie."""
    return row["run_started_at"], row["run_id"]


def load(output: str) -> dict[str, dict]:
    """The latest ledger entry of each source URI in ``output`` (empty when none)."""
    tables = []
    for path in matching_paths(FileSystems.join(output, LEDGER.folder, "*.parquet")):
        with FileSystems.open(path) as fh:
            tables.append(pq.read_table(pa.BufferReader(fh.read()), schema=LEDGER.schema))
    latest: dict[str, dict] = {}
    for row in (pa.concat_tables(tables).to_pylist() if tables else []):
        seen = latest.get(row["source_uri"])
        if seen is None or latest_first(row) >= latest_first(seen):
            latest[row["source_uri"]] = row
    return latest


def needs_retry(entry: dict, max_bytes: int) -> bool:
    """Whether the file's latest entry records a condition of its run that may have
    passed: always for ``feed.RUN_CONDITIONS``, and for ``too_large`` when this run's
    limit admits the file's size."""
    if entry["status"] == "parsed":
        return False
    if entry["reason"] == feed.TOO_LARGE:
        return entry["size"] <= max_bytes
    return entry["reason"] in feed.RUN_CONDITIONS


def is_stale(entry: dict, model: str, version: str) -> bool:
    """Whether the file's current rows are of another model or newsbeam version. A
    rejection depends on newsbeam's version only."""
    if entry["pipeline_version"] != version:
        return True
    return entry["status"] != "rejected" and entry["model"] != model


def plan(listing: list[tuple[str, int, float]], ledger: dict[str, dict], *,
         reprocess: bool | str = False, max_bytes: int = feed.DEFAULT_MAX_ARTICLE_BYTES,
         model: str = "", version: str = "") -> Plan:
    result = Plan()
    for path, size, modified in listing:
        entry = ledger.get(path)
        if entry is None:
            result.new += 1
        elif entry["size"] != size or entry["last_modified"] != float(modified):
            result.changed += 1
        elif needs_retry(entry, max_bytes):
            result.retried += 1
        elif reprocess is True or (reprocess == STALE and is_stale(entry, model, version)):
            result.reprocessed += 1
        else:
            result.skipped += 1
            result.stale += is_stale(entry, model, version)
            continue
        result.process.append((path, size, modified))
    return result
