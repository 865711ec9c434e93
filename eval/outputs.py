"""Reading a newsbeam output as an analyst sees it, for the scorers of eval/.

An output keeps every run's rows: a file processed again leaves its earlier rows in the
tables, and the ledger says which run holds a file's current ones. ``current_entities``
keeps those only; ``current_identities`` is the latest run's version of the identities
table, as the README's join reads it.
"""

from __future__ import annotations

import os

import duckdb


def _glob(output: str, *parts: str) -> str:
    return os.path.join(output, *parts)


def current_entities(output: str, con: duckdb.DuckDBPyConnection | None = None):
    """The entities rows of each file's latest run (a DuckDB relation)."""
    con = con or duckdb.connect()
    return con.sql(f"""
        WITH ledger AS (
          SELECT source_uri, run_id FROM read_parquet('{_glob(output, '_ledger', '*.parquet')}')
          QUALIFY row_number() OVER (PARTITION BY source_uri
                                     ORDER BY run_started_at DESC, run_id DESC) = 1)
        SELECT e.* FROM read_parquet('{_glob(output, 'entities', '*', '*.parquet')}',
                                     hive_partitioning = true, union_by_name = true) e
        JOIN ledger USING (source_uri, run_id)""")


def current_identities(output: str, con: duckdb.DuckDBPyConnection | None = None):
    """entity_key -> identity (identity_key, canonical_name, label) of the current table."""
    con = con or duckdb.connect()
    pattern = _glob(output, "identities", "*.parquet")
    return con.sql(f"""
        WITH current AS (
          SELECT * FROM read_parquet('{pattern}')
          QUALIFY run_started_at = max(run_started_at) OVER ())
        SELECT a.entity_key, identity_key, canonical_name, label
        FROM (SELECT identity_key, canonical_name, label, unnest(aliases) AS a FROM current)""")
