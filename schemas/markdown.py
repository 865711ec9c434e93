"""The column reference of each table as Markdown, for the README (kept equal by a test)."""

from __future__ import annotations

import pyarrow as pa

from schemas.tables import TABLES


def _type(type_: pa.DataType) -> str:
    if pa.types.is_list(type_):
        return f"list<{_type(type_.value_type)}>"
    if pa.types.is_struct(type_):
        return "struct<" + ", ".join(type_.field(i).name for i in range(type_.num_fields)) + ">"
    if pa.types.is_timestamp(type_):
        return "timestamp (UTC)"
    return {"date32[day]": "date"}.get(str(type_), str(type_))


def markdown(table: str) -> str:
    lines = ["| column | type | description |", "|---|---|---|"]
    for field in TABLES[table].schema:
        description = (field.metadata or {}).get(b"description", b"").decode()
        lines.append(f"| `{field.name}` | {_type(field.type)} | {description} |")
    return "\n".join(lines)
