"""Writing a table as hive-partitioned Parquet through ``fileio.WriteToFiles``.

``WriteToFiles`` rather than ``WriteToParquet``: it writes one file per destination,
window and shard, which the streaming mode needs (WriteToParquet writes corrupt files
when a bundle holds more than one window). Files land in
``<base>/<folder>/month=YYYY-MM/<table>-<run_id>-NNNNN-of-NNNNN.parquet`` (without the
month folder for a table that is not partitioned: the ledger). Every table is
described by its entry in ``schemas.TABLES``.
"""

from __future__ import annotations

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io import fileio
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.options.value_provider import StaticValueProvider
from apache_beam.transforms.window import GlobalWindow

from schemas import PARTITION_KEY, Table

ROWS_PER_ROW_GROUP_WRITE = 2000


class RowShapeError(ValueError):
    """A row's keys are not its table's columns (pyarrow would drop an unknown key)."""


class ParquetSink(fileio.FileSink):
    """Rows (dicts of one table) into one zstd Parquet file, in bounded batches. The
    first row of every file is checked against the table's columns."""

    def __init__(self, table: Table):
        self.table = table
        self.schema = table.file_schema
        self._writer = None
        self._rows: list[dict] = []

    def open(self, fh):
        self._writer = pq.ParquetWriter(fh, self.schema, compression="zstd")
        self._checked = False

    def write(self, record):
        if not self._checked:
            check_row(self.table, record)
            self._checked = True
        self._rows.append(record)
        if len(self._rows) >= ROWS_PER_ROW_GROUP_WRITE:
            self._write_rows()

    def flush(self):
        self._write_rows()
        self._writer.close()

    def _write_rows(self):
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []


def check_row(table: Table, row: dict) -> None:
    if set(row) != table.columns:
        extra, missing = sorted(set(row) - table.columns), sorted(table.columns - set(row))
        raise RowShapeError(f"a {table.name} row does not match its schema: "
                            f"unknown {extra}, missing {missing}")


def partition_file_naming(table: str, run_id: str, partitioned: bool = True):
    def naming(window, pane, shard_index, total_shards, compression, destination):
        window_part = ""
        if window is not None and window != GlobalWindow():
            window_part = "-" + window.start.to_utc_datetime().strftime("%Y%m%dT%H%M%S")
            if pane is not None and pane.index:  # a late firing: a file of its own
                window_part += f"-late{pane.index}"
        folder = f"{PARTITION_KEY}={destination}/" if partitioned else ""
        return (f"{folder}{table}-{run_id}{window_part}-"
                f"{shard_index:05d}-of-{total_shards:05d}.parquet")
    return naming


class _EnsurePartitionFn(beam.DoFn):
    """Creates each partition folder before a row of it reaches the sink: on local
    disk the sink's final rename into a missing folder fails silently and the file is
    lost. Also counts the rows of the table."""

    def __init__(self, base: str, table: Table):
        self.base = base
        self.partitioned = table.partitioned
        self.rows = Metrics.counter("newsbeam", f"rows_{table.name}")

    def setup(self):
        self._made: set[str] = set()

    def process(self, row):
        folder = f"{PARTITION_KEY}={row[PARTITION_KEY]}" if self.partitioned else ""
        if folder not in self._made:
            try:
                FileSystems.mkdirs(FileSystems.join(self.base, folder) if folder else self.base)
            except IOError:
                pass  # exists already (or an object store, where folders are implicit)
            self._made.add(folder)
        self.rows.inc()
        yield row


class WriteTable(beam.PTransform):
    """Rows of one table -> Parquet files under ``<base>/<table's folder>/``.

    ``base`` is the run's staging folder: the commit step moves the files into the
    output when the whole run has succeeded (see ``pipeline/commit.py``).
    """

    def __init__(self, table: Table, base: str, run_id: str, streaming: bool = False):
        super().__init__()
        self.streaming = streaming
        self.table = table
        self.base = FileSystems.join(base, table.folder)
        self.temp = FileSystems.join(base, "_temp", table.name)
        self.run_id = run_id

    def expand(self, rows):
        table = self.table
        partitioned = table.partitioned
        return (rows
                | "Partition folders" >> beam.ParDo(_EnsurePartitionFn(self.base, table))
                | "Parquet" >> fileio.WriteToFiles(
                    path=self.base,
                    destination=(lambda row: row[PARTITION_KEY]) if partitioned else "all",
                    sink=lambda destination: ParquetSink(table),
                    file_naming=partition_file_naming(table.name, self.run_id, partitioned),
                    temp_directory=StaticValueProvider(str, self.temp),
                    # Streaming: every record takes WriteToFiles' sharded path (it
                    # writes after a GroupByKey, so a file knows its pane), with one
                    # shard per window and destination (so a late firing is pane 1, 2,
                    # ... of the same key). Otherwise a late firing is named like the
                    # window's first file and the rename overwrites that file.
                    # A single-file table (the ledger, the commit point) likewise.
                    shards=1 if self.streaming or table.single_file else None,
                    max_writers_per_bundle=0 if self.streaming else
                    fileio.WriteToFiles.MAX_NUM_WRITERS_PER_BUNDLE))
