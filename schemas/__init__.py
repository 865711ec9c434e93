"""Table schemas: the single source of truth for every table newsbeam writes."""

from schemas.bigquery import bigquery_json, bigquery_schema
from schemas.tables import PARTITION_KEY, TABLES, file_schema

__all__ = ["TABLES", "PARTITION_KEY", "file_schema", "bigquery_schema", "bigquery_json"]
