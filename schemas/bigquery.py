"""BigQuery JSON schemas derived from the pyarrow schemas, so the two never drift."""

from __future__ import annotations

import json

import pyarrow as pa

from schemas.tables import TABLES

_SCALARS = [
    (pa.types.is_string, "STRING"),
    (pa.types.is_boolean, "BOOLEAN"),
    (pa.types.is_integer, "INTEGER"),
    (pa.types.is_floating, "FLOAT"),
    (pa.types.is_date, "DATE"),
    (pa.types.is_timestamp, "TIMESTAMP"),
]


def _field(field: pa.Field) -> dict:
    type_, mode = field.type, "NULLABLE" if field.nullable else "REQUIRED"
    if pa.types.is_list(type_):
        type_, mode = type_.value_type, "REPEATED"
    out = {"name": field.name, "mode": mode}
    if pa.types.is_struct(type_):
        out["type"] = "RECORD"
        out["fields"] = [_field(type_.field(i)) for i in range(type_.num_fields)]
    else:
        out["type"] = next(bq for test, bq in _SCALARS if test(type_))
    meta = field.metadata or {}
    if b"description" in meta:
        out["description"] = meta[b"description"].decode()
    return out


def bigquery_schema(table: str, include_partition: bool = False) -> list[dict]:
    """BigQuery fields of a table; the partition column is left out by default
    because a hive-partitioned external table adds it from the path."""
    schema = TABLES[table].schema if include_partition else TABLES[table].file_schema
    return [_field(f) for f in schema]


def bigquery_json(table: str, include_partition: bool = False) -> str:
    return json.dumps(bigquery_schema(table, include_partition), indent=2, ensure_ascii=False)
