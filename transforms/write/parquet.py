"""Writing a table as hive-partitioned Parquet: one file per table and month per run.

Files land in ``<base>/<folder>/month=YYYY-MM/<table>-<run_id>-NNNNN-of-NNNNN.parquet``
(without the month folder for a table that is not partitioned: the ledger, the
identities). Every table is described by its entry in ``schemas.TABLES``.

Batch (:class:`WriteTable`): the step that makes the rows turns them, where they are
made, into Arrow record batches per month, at most ``BATCH_ROWS`` rows (or about
``BATCH_BYTES`` of text) held at a time; the batches travel, serialised as Arrow IPC
messages (compact, no per-row pickling, no schema: both ends know it), through one grouping by month; each month's batches
become one file, written in row groups of up to ``ROW_GROUP_ROWS`` rows. So a run writes
one file per table and month, whatever the number of workers or bundles, and no worker
holds more than a batch buffer and a row group. One grouping serves every table of a
run (:class:`WriteTables`): the local runner runs each grouping as a stage of its own.

Streaming: ``fileio.WriteToFiles`` rather than ``WriteToParquet``: it writes one file
per destination, window and shard (WriteToParquet writes corrupt files when a bundle
holds more than one window).
"""

from __future__ import annotations

from collections import Counter

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io import fileio
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.options.value_provider import StaticValueProvider
from apache_beam.transforms.window import GlobalWindow, GlobalWindows

from schemas import PARTITION_KEY, Table

ROWS_PER_ROW_GROUP_WRITE = 2000  # streaming sink: rows per write_table call
BATCH_ROWS = 5000  # batch: rows a worker holds per table before it makes Arrow batches
BATCH_BYTES = 16 << 20  # ... or about this much text
ROW_GROUP_ROWS = 100_000  # batch: rows per Parquet row group
ROW_GROUP_BYTES = 64 << 20  # ... or this many bytes of Arrow data
UNPARTITIONED = "all"  # the destination of a table without month folders
TALLIES = "tallies"  # the output of the rows' counts


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


def _text_size(row: dict) -> int:
    return sum(len(v) for v in row.values() if isinstance(v, str))


class _ArrowBatchesFn(beam.DoFn):
    """Rows of one table -> ((table, month), Arrow IPC record batch) pairs, rows of a
    month together, at most ``BATCH_ROWS`` rows (``BATCH_BYTES`` of text) held at a
    time and the rest at the bundle's end. Every row is checked against the table's
    columns (pyarrow would drop an unknown key). The rows' tallies (``Table.tally_keys``)
    go out at the bundle's end, (key, count) pairs tagged ``tallies``."""

    def __init__(self, table: Table):
        self.table = table
        self.rows = Metrics.counter("newsbeam", f"rows_{table.name}")

    def setup(self):
        self.schema = self.table.file_schema
        self.columns = self.table.columns
        self.partitioned = self.table.partitioned

    def start_bundle(self):
        self._held: dict[str, list[dict]] = {}
        self._count = self._bytes = 0
        self._tallies: Counter = Counter()

    def process(self, row):
        if row.keys() != self.columns:
            check_row(self.table, row)
        self._tallies.update(self.table.tally_keys(row))
        destination = row[PARTITION_KEY] if self.partitioned else UNPARTITIONED
        self._held.setdefault(destination, []).append(row)
        self._count += 1
        self._bytes += _text_size(row)
        if self._count >= BATCH_ROWS or self._bytes >= BATCH_BYTES:
            yield from self._flush()

    def finish_bundle(self):
        for key, batch in self._flush():
            yield GlobalWindows.windowed_value((key, batch))
        for key, count in self._tallies.items():
            yield beam.pvalue.TaggedOutput(TALLIES, GlobalWindows.windowed_value((key, count)))

    def _flush(self):
        held, self._held = self._held, {}
        self.rows.inc(self._count)
        self._count = self._bytes = 0
        for destination, rows in held.items():
            batch = pa.RecordBatch.from_pylist(rows, schema=self.schema)
            yield (self.table.name, destination), batch.serialize().to_pybytes()


class _WriteFilesFn(beam.DoFn):
    """((table, month), its Arrow batches) -> one Parquet file under the table's month
    folder, in row groups of up to ``ROW_GROUP_ROWS`` rows; yields the file's path."""

    def __init__(self, tables: dict[str, Table], base: str, run_id: str):
        self.tables, self.base, self.run_id = tables, base, run_id

    def process(self, element):
        (name, destination), batches = element
        table = self.tables[name]
        schema = table.file_schema
        folder = FileSystems.join(self.base, table.folder)
        if table.partitioned:
            folder = FileSystems.join(folder, f"{PARTITION_KEY}={destination}")
        path = FileSystems.join(folder, f"{table.name}-{self.run_id}-00000-of-00001.parquet")
        try:
            FileSystems.mkdirs(folder)
        except IOError:
            pass  # exists already (or an object store, where folders are implicit)
        with FileSystems.create(path) as fh:
            writer = pq.ParquetWriter(fh, schema, compression="zstd")
            held, rows, size = [], 0, 0
            for data in batches:
                batch = pa.ipc.read_record_batch(pa.py_buffer(data), schema)
                held.append(batch)
                rows += batch.num_rows
                size += batch.nbytes
                if rows >= ROW_GROUP_ROWS or size >= ROW_GROUP_BYTES:
                    _write(writer, held, schema)
                    held, rows, size = [], 0, 0
            _write(writer, held, schema)
            writer.close()
        yield path


def _write(writer, batches, schema):
    if batches:
        table = pa.Table.from_batches(batches, schema=schema)
        writer.write_table(table, row_group_size=table.num_rows)


class WriteTables(beam.PTransform):
    """Batch: the rows of several tables (a dict: table name -> PCollection of rows)
    -> one Parquet file per table and month under ``<base>/<table's folder>/``, through
    one grouping for all of them (see the module's doc). Gives ``files``, one element
    per file written (the commit counts them), and ``tallies``, what the rows written
    add to the run's counts (key -> count, see ``Table.tally_keys``).

    ``base`` is the run's staging folder: the commit step moves the files into the
    output when the whole run has succeeded (see ``pipeline/commit.py``).
    """

    def __init__(self, tables: list[Table], base: str, run_id: str):
        super().__init__()
        self.tables = {t.name: t for t in tables}
        self.base, self.run_id = base, run_id

    def expand(self, rows_by_table):
        batches = [rows | f"Arrow batches ({name})" >> beam.ParDo(
                       _ArrowBatchesFn(self.tables[name])).with_outputs(TALLIES, main="batches")
                   for name, rows in rows_by_table.items()]
        files = ([b.batches for b in batches]
                 | "All batches" >> beam.Flatten()
                 | "Group by table and month" >> beam.GroupByKey()
                 | "Parquet files" >> beam.ParDo(_WriteFilesFn(self.tables, self.base,
                                                               self.run_id)))
        tallies = ([b[TALLIES] for b in batches]
                   | "All tallies" >> beam.Flatten()
                   | "Count tallies" >> beam.CombinePerKey(sum))
        return {"files": files, "tallies": tallies}


class WriteTable(beam.PTransform):
    """Rows of one table -> Parquet files under ``<base>/<table's folder>/``: one file
    per month in a batch run (:class:`WriteTables`), one per window, month and shard
    streaming. Gives one element per file written (the commit counts them).

    ``base`` is the run's staging folder: the commit step moves the files into the
    output when the whole run has succeeded (see ``pipeline/commit.py``).
    """

    def __init__(self, table: Table, base: str, run_id: str, streaming: bool = False):
        super().__init__()
        self.streaming = streaming
        self.table = table
        self.staging = base
        self.base = FileSystems.join(base, table.folder)
        self.temp = FileSystems.join(base, "_temp", table.name)
        self.run_id = run_id

    def expand(self, rows):
        if self.streaming:
            return self._streaming(rows)
        return ({self.table.name: rows}
                | WriteTables([self.table], self.staging, self.run_id))["files"]

    def _streaming(self, rows):
        table = self.table
        partitioned = table.partitioned
        return (rows
                | "Partition folders" >> beam.ParDo(_EnsurePartitionFn(self.base, table))
                | "Parquet" >> fileio.WriteToFiles(
                    path=self.base,
                    destination=(lambda row: row[PARTITION_KEY]) if partitioned
                    else UNPARTITIONED,
                    sink=lambda destination: ParquetSink(table),
                    file_naming=partition_file_naming(table.name, self.run_id, partitioned),
                    temp_directory=StaticValueProvider(str, self.temp),
                    # Every record takes WriteToFiles' sharded path (it writes after
                    # a GroupByKey, so a file knows its pane), with one shard per
                    # window and destination (so a late firing is pane 1, 2, ... of
                    # the same key). Otherwise a late firing is named like the
                    # window's first file and the rename overwrites that file.
                    shards=1, max_writers_per_bundle=0))
