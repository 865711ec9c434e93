"""Writing a table as hive-partitioned Parquet through ``fileio.WriteToFiles``.

``WriteToFiles`` rather than ``WriteToParquet``: it writes one file per destination,
window and shard, which the streaming mode needs (WriteToParquet writes corrupt files
when a bundle holds more than one window). Files land in
``<output>/<table>/month=YYYY-MM/<table>-<run_id>-NNNNN-of-NNNNN.parquet``.
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

from schemas import PARTITION_KEY, file_schema

ROWS_PER_ROW_GROUP_WRITE = 2000


class ParquetSink(fileio.FileSink):
    """Rows (dicts of one table) into one zstd Parquet file, in bounded batches."""

    def __init__(self, table: str):
        self.table = table
        self.schema = file_schema(table)
        self._writer = None
        self._rows: list[dict] = []

    def open(self, fh):
        self._writer = pq.ParquetWriter(fh, self.schema, compression="zstd")

    def write(self, record):
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

    def __init__(self, base: str, table: str, partitioned: bool):
        self.base = base
        self.partitioned = partitioned
        self.rows = Metrics.counter("newsbeam", f"rows_{table}")

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
    """Rows of one table -> Parquet files under ``<base>/<table>/``.

    ``base`` is the run's staging folder: the commit step moves the files into the
    output when the whole run has succeeded (see ``pipeline/commit.py``).
    """

    def __init__(self, table: str, base: str, run_id: str, shards: int | None = None,
                 streaming: bool = False):
        super().__init__()
        self.streaming = streaming
        self.table = table
        self.partitioned = table != "ledger"
        self.base = FileSystems.join(base, table)
        self.temp = FileSystems.join(base, "_temp", table)
        self.run_id = run_id
        self.shards = shards

    def expand(self, rows):
        table, partitioned = self.table, self.partitioned
        return (rows
                | "Partition folders" >> beam.ParDo(
                    _EnsurePartitionFn(self.base, table, partitioned))
                | "Parquet" >> fileio.WriteToFiles(
                    path=self.base,
                    destination=(lambda row: row[PARTITION_KEY]) if partitioned else "all",
                    sink=lambda destination: ParquetSink(table),
                    file_naming=partition_file_naming(table, self.run_id, partitioned),
                    temp_directory=StaticValueProvider(str, self.temp),
                    # Streaming: every record takes WriteToFiles' sharded path (it
                    # writes after a GroupByKey, so a file knows its pane), with one
                    # shard per window and destination (so a late firing is pane 1, 2,
                    # ... of the same key). Otherwise a late firing is named like the
                    # window's first file and the rename overwrites that file.
                    shards=1 if self.streaming else self.shards,
                    max_writers_per_bundle=0 if self.streaming else
                    fileio.WriteToFiles.MAX_NUM_WRITERS_PER_BUNDLE))
