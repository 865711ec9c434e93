"""Table schemas: the single source of truth for every table newsbeam writes.

``TABLES`` is the registry (``schemas.tables.Table``: name, schema, partitioned or not,
folder, the column a manifest counts by); ``python -m schemas TABLE`` prints a table's
BigQuery schema or its column reference.
"""

from schemas.bigquery import bigquery_json, bigquery_schema
from schemas.tables import ANNOTATED, PARTITION_KEY, TABLES, Table

__all__ = ["TABLES", "Table", "ANNOTATED", "PARTITION_KEY", "bigquery_schema", "bigquery_json"]
