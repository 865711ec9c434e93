"""The ingest ledger: what an output already holds, and what a run has to do.

Every committed run adds one Parquet file to ``<output>/_ledger/`` with a row per
source file it ingested (parsed or rejected): URI, size, modification time, content
sha256, run id. A scheduled run over a growing landing folder compares the folder's
listing with the ledger and processes only new files and changed ones (same URI, other
size or modification time); the rest is skipped. ``--reprocess`` takes everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from schemas import TABLES
from transforms.read.listing import matching_paths

LEDGER = TABLES["ledger"]


@dataclass
class Plan:
    process: list[tuple[str, int, float]] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    skipped: int = 0


def load(output: str) -> dict[str, dict]:
    """The latest ledger entry of each source URI in ``output`` (empty when none)."""
    tables = []
    for path in matching_paths(FileSystems.join(output, LEDGER.folder, "*.parquet")):
        with FileSystems.open(path) as fh:
            tables.append(pq.read_table(pa.BufferReader(fh.read()), schema=LEDGER.schema))
    latest: dict[str, dict] = {}
    for row in (pa.concat_tables(tables).to_pylist() if tables else []):
        seen = latest.get(row["source_uri"])
        if seen is None or row["run_id"] >= seen["run_id"]:  # run ids sort by start time
            latest[row["source_uri"]] = row
    return latest


def plan(listing: list[tuple[str, int, float]], ledger: dict[str, dict],
         reprocess: bool = False) -> Plan:
    result = Plan()
    for path, size, modified in listing:
        entry = ledger.get(path)
        if entry is None:
            result.new += 1
        elif reprocess or entry["size"] != size or entry["last_modified"] != float(modified):
            result.changed += 1
        else:
            result.skipped += 1
            continue
        result.process.append((path, size, modified))
    return result
