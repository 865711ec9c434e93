"""The batch write path: one file per table and month, every row as it came, the schema
of the table, and a row that is not its table's shape stops the run."""

from __future__ import annotations

import collections
import datetime as dt
import random

import apache_beam as beam
import pyarrow.parquet as pq
import pytest
from apache_beam.testing.util import assert_that, equal_to

from schemas import PARTITION_KEY, TABLES
from transforms.write import parquet
from transforms.write.parquet import RowShapeError, WriteTable, WriteTables

STARTED = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def _ledger_row(n: int) -> dict:
    return {"source_uri": f"/in/{n}.txt", "article_id": f"a{n}", "size": n,
            "last_modified": float(n), "content_sha256": None, "status": "parsed",
            "reason": None, "run_id": "r1", "run_started_at": STARTED, "model": "m",
            "pipeline_version": "t"}


def _error_row(n: int, month: str) -> dict:
    return {"article_id": f"a{n}", "source_uri": f"/in/{n}.txt", "stage": "parse",
            "reason": "empty_file", "message": "x" * (n % 7), "bytes": n, "month": month,
            "run_id": "r1", "pipeline_version": "t"}


def _write(rows, table, base, runner="FnApiRunner"):
    with beam.Pipeline(runner=runner) as p:
        files = (p | beam.Create(rows, reshuffle=True) | WriteTable(TABLES[table], str(base), "r1"))
        counted = files | beam.combiners.Count.Globally()
        assert_that(counted, equal_to([len({r.get(PARTITION_KEY) for r in rows})]))


def _read(folder):
    return [row for path in sorted(folder.rglob("*.parquet"))
            for row in pq.read_table(path).to_pylist()]


def _key(row):
    return tuple(sorted((k, str(v)) for k, v in row.items()))


def test_a_batch_table_is_one_file_per_month_with_every_row(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "BATCH_ROWS", 7)  # many batches per month
    monkeypatch.setattr(parquet, "ROW_GROUP_ROWS", 20)  # several row groups per file
    months = ["2020-01", "2020-02", "2021-12"]
    rows = [_error_row(n, random.Random(n).choice(months)) for n in range(150)]
    _write(rows, "errors", tmp_path)
    folder = tmp_path / TABLES["errors"].folder
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet"))
    assert files == [f"month={m}/errors-r1-00000-of-00001.parquet" for m in months]
    written = collections.Counter(_key({**row, "month": path.parent.name.split("=")[1]})
                                  for path in folder.rglob("*.parquet")
                                  for row in pq.read_table(path).to_pylist())
    assert written == collections.Counter(_key(r) for r in rows)
    for path in folder.rglob("*.parquet"):
        assert pq.read_schema(path) == TABLES["errors"].file_schema
        assert pq.ParquetFile(path).metadata.num_row_groups > 1


def test_an_unpartitioned_table_is_one_file(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "BATCH_ROWS", 3)
    rows = [_ledger_row(n) for n in range(10)]
    _write(rows, "ledger", tmp_path)
    folder = tmp_path / TABLES["ledger"].folder
    assert [p.name for p in folder.iterdir()] == ["ledger-r1-00000-of-00001.parquet"]
    assert sorted(r["article_id"] for r in _read(folder)) == sorted(r["article_id"] for r in rows)
    assert pq.read_schema(folder / "ledger-r1-00000-of-00001.parquet") == TABLES["ledger"].schema


def test_a_row_that_is_not_its_tables_shape_stops_the_run(tmp_path):
    rows = [_ledger_row(1), {**_ledger_row(2), "sise": 3}]
    with pytest.raises(Exception, match="unknown \\['sise'\\]"):
        _write(rows, "ledger", tmp_path)
    assert RowShapeError.__mro__[1] is ValueError


def test_the_written_rows_are_tallied(tmp_path):
    errors = [_error_row(n, "2020-01") for n in range(5)]
    errors[0]["reason"] = "not_text"
    ledger = [_ledger_row(n) for n in range(3)]
    with beam.Pipeline(runner="FnApiRunner") as p:
        written = ({"errors": p | "e" >> beam.Create(errors), "ledger": p | "l" >> beam.Create(ledger)}
                   | WriteTables([TABLES["errors"], TABLES["ledger"]], str(tmp_path), "r1"))
        assert_that(written["tallies"], equal_to([
            ("rows:errors", 5), ("errors:reason=empty_file", 4), ("errors:reason=not_text", 1),
            ("rows:ledger", 3), ("ledger:status=parsed", 3)]), label="tallies")
        assert_that(written["files"] | beam.combiners.Count.Globally(), equal_to([2]),
                    label="files")
