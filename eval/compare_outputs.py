"""Compare the tables of two newsbeam outputs, row by row, ignoring the run's identity.

    python eval/compare_outputs.py OLD_OUTPUT NEW_OUTPUT [--ignore COLUMN ...] [--show N]

For every table folder of ``schemas.TABLES`` either output has (articles, entities,
events, quotes, errors, identities, _ledger), reads all its Parquet files (the hive
``month`` folders included), drops what names the run (``run_id``, ``run_started_at``)
and any ``--ignore`` column, and compares the two as multisets of rows. Prints per table the
row counts, columns only one side has, and how many rows only one side has (with up to
``--show`` examples of each); exits 1 when any table differs. A refactor that changes
no behaviour gives "equal" for every table.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import sys

from pathlib import Path

import pyarrow.dataset as ds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from schemas import TABLES  # noqa: E402

TABLE_FOLDERS = tuple(t.folder for t in TABLES.values())
RUN_COLUMNS = {"run_id", "run_started_at"}  # what differs between any two runs


def read(output: str, folder: str, ignore: set[str]) -> tuple[list[str], list[dict]] | None:
    files = glob.glob(os.path.join(output, folder, "**", "*.parquet"), recursive=True)
    if not files:
        return None
    partitioned = {t.folder: t.partitioned for t in TABLES.values()}.get(folder, True)
    partitioning = "hive" if partitioned else None
    table = ds.dataset(files, format="parquet", partitioning=partitioning).to_table()
    columns = [c for c in table.column_names if c not in ignore]
    return columns, table.select(columns).to_pylist()


def key(row: dict) -> str:
    return json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)


def compare(old: str, new: str, ignore: set[str], show: int) -> bool:
    same = True
    for folder in TABLE_FOLDERS:
        a, b = read(old, folder, ignore), read(new, folder, ignore)
        if a is None and b is None:
            continue
        if a is None or b is None:
            print(f"{folder}: only in {'new' if a is None else 'old'} output")
            same = False
            continue
        only_old_cols = sorted(set(a[0]) - set(b[0]))
        only_new_cols = sorted(set(b[0]) - set(a[0]))
        common = [c for c in a[0] if c in set(b[0])]
        rows_a = collections.Counter(key({c: r[c] for c in common}) for r in a[1])
        rows_b = collections.Counter(key({c: r[c] for c in common}) for r in b[1])
        only_a, only_b = rows_a - rows_b, rows_b - rows_a
        status = "equal" if not (only_a or only_b or only_old_cols or only_new_cols) else "DIFFERENT"
        same &= status == "equal"
        print(f"{folder}: {status} ({len(a[1])} rows old, {len(b[1])} new; "
              f"{sum(only_a.values())} only old, {sum(only_b.values())} only new)")
        if only_old_cols or only_new_cols:
            print(f"  columns only old: {only_old_cols}; only new: {only_new_cols}")
        for label, rows in (("only old", only_a), ("only new", only_b)):
            for row in list(rows)[:show]:
                print(f"  {label}: {row[:400]}")
    return same


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--ignore", action="append", default=[],
                        help="a column to leave out besides run_id and run_started_at "
                             "(repeatable)")
    parser.add_argument("--show", type=int, default=3, help="examples of differing rows")
    args = parser.parse_args(argv)
    return 0 if compare(args.old, args.new, {*RUN_COLUMNS, *args.ignore}, args.show) else 1


if __name__ == "__main__":
    sys.exit(main())
