"""Every table of the registry exists in every output, if need be as an empty file.

A query over ``<output>/errors/*/*.parquet`` fails with "No files found" when no run
ever rejected a file, so the README's "what was rejected" would break on a clean
output. At commit time, a table that the run staged no file of and that the output
holds no file of gets one empty Parquet file with the table's schema, staged like any
other file (so it is published by the same moves, before the ledger). Generic over
``schemas.TABLES``: a table added to the registry appears in old outputs at their next
run.
"""

from __future__ import annotations

import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from schemas import PARTITION_KEY, TABLES, Table

# The partition folder of an empty file: it holds no rows, so no month is claimed.
EMPTY_PARTITION = f"{PARTITION_KEY}=none"


def _has_file(folder: str, partitioned: bool) -> bool:
    pattern = FileSystems.join(folder, "*", "*.parquet") if partitioned else \
        FileSystems.join(folder, "*.parquet")
    try:
        return bool(FileSystems.match([pattern], limits=[1])[0].metadata_list)
    except Exception:  # nothing there yet (no folder)
        return False


def empty_file_path(base: str, table: Table, run_id: str) -> str:
    parts = [base, table.folder] + ([EMPTY_PARTITION] if table.partitioned else [])
    return FileSystems.join(*parts, f"{table.name}-{run_id}-empty.parquet")


def write_empty(path: str, table: Table) -> None:
    folder = path.rsplit("/", 1)[0]
    if "://" not in path and not FileSystems.exists(folder):  # object stores need none
        FileSystems.mkdirs(folder)
    with FileSystems.create(path) as fh:
        pq.write_table(table.file_schema.empty_table(), fh, compression="zstd")


def stage_missing(output: str, stage: str, run_id: str,
                  tables: dict[str, Table] = TABLES) -> int:
    """Stage an empty file for each table with no file staged by the run and none in
    the output. Returns how many were staged."""
    staged = 0
    for table in tables.values():
        if _has_file(FileSystems.join(stage, table.folder), table.partitioned) or \
                _has_file(FileSystems.join(output, table.folder), table.partitioned):
            continue
        write_empty(empty_file_path(stage, table, run_id), table)
        staged += 1
    return staged

