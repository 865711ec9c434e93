"""The SQL views over an output: the current rows of every table, and flat ones to read.

The one place where newsbeam says how to read its output: ``newsbeam sql``, the report,
the run summary's suggested query and the README's examples all use these views.

**Current rows.** A run is committed when its ledger file is published (the commit
moves it last). The current rows of a table are those whose ``(source_uri, run_id)`` is
its source file's latest ledger entry by ``run_started_at``; rows of a run without a
ledger entry (killed during its commit, or still committing) are never shown, and rows
of a file processed again later (changed, ``--reprocess``) are superseded.

A table that each run writes whole (``identities``: it has a ``run_id`` but no
``source_uri``) holds the rows of the latest committed run that wrote it.

For every table ``T`` of ``schemas.TABLES``: ``T`` holds the current rows and ``T_all``
every row of committed runs, superseded ones included (``ledger`` is the latest entry
per file, ``ledger_all`` every entry). ``runs`` has one row per committed run. The flat
views put names instead of structs and text instead of offsets: ``event_details``
(actors, place, who claims it, the evidence sentence), ``entity_details`` (with the
article's date and lead, and the entity's current identity), ``quote_details``, and
``<table>_details`` for any other table of articles; ``entity_identities`` maps every
entity key to its current identity.

Each view has exactly the registry's columns: files are read with ``union_by_name``, a
column that older files lack is NULL, a struct is cast to the registry's struct (a
field older files lack is NULL), and a table without any file is an empty view with the
registry's types. The flat views take every column the registry has: a new scalar
column passes through, a new struct is flattened into ``<column>_<field>`` columns, and
a new field of an actor struct becomes ``actor1_<field>``.
"""

from __future__ import annotations

import os

import duckdb
import pyarrow as pa

from schemas import PARTITION_KEY, TABLES, Table
from transforms.read.listing import matching_paths

# The names event_details gives the entity links of events (schemas.tables.ARGUMENT)
# that would read ambiguously under their own.
EVENT_ARGUMENTS = {"source": "claimed_by", "location": "place"}
# Fields of a linked argument that its readable name replaces.
_NAME_FIELDS = ("text", "canonical_name", "start", "end")
# Columns the flat views leave out: offsets (replaced by text) and bookkeeping.
_OFFSETS = {"trigger_start", "trigger_end", "evidence_start", "evidence_end", "quote_start",
            "quote_end", "sentence", "first_offset", "mentions", "extractor",
            "pipeline_version"}
# Article columns the flat views add to each row.
_ARTICLE_COLUMNS = (("date", "article_date"), ("lead", "headline"))
# Tables that get no <name>_details view: articles are the join itself, the ledger is
# about files, and errors are flat already (and mostly about files that are no article).
_NOT_DETAILED = {"articles", "ledger", "errors"}


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _location(output: str) -> str:
    return output.rstrip("/") if "://" in output else os.path.abspath(output)


def files_pattern(output: str, table: Table) -> str:
    parts = [_location(output), table.folder] + (["*"] if table.partitioned else [])
    return "/".join(parts + ["*.parquet"])


def duckdb_types(schema: pa.Schema) -> dict[str, str]:
    """DuckDB's SQL type of every column of an Arrow schema."""
    relation = duckdb.connect().from_arrow(schema.empty_table())
    return dict(zip(relation.columns, (str(t) for t in relation.types)))


def _read(output: str, table: Table) -> str:
    options = (f"hive_partitioning = true, hive_types = {{{literal(PARTITION_KEY)}: "
               f"'VARCHAR'}}" if table.partitioned else "hive_partitioning = false")
    return f"read_parquet({literal(files_pattern(output, table))}, {options}, " \
           f"union_by_name = true)"


def _file_types(con: duckdb.DuckDBPyConnection, output: str, table: Table) -> dict | None:
    """The column types of a table's files, or None when it has no file."""
    if not matching_paths(files_pattern(output, table)):
        return None
    described = con.execute(f"DESCRIBE SELECT * FROM {_read(output, table)}").fetchall()
    return {row[0]: row[1] for row in described}


def conformed(con, output: str, table: Table) -> str:
    """A SELECT of a table's files with exactly the registry's columns and types."""
    wanted = duckdb_types(table.schema)
    found = _file_types(con, output, table)
    columns = []
    for name, type_ in wanted.items():
        if found is None or name not in found:
            columns.append(f"CAST(NULL AS {type_}) AS {q(name)}")
        elif found[name] != type_:
            columns.append(f"CAST({q(name)} AS {type_}) AS {q(name)}")
        else:
            columns.append(q(name))
    if found is None:
        return f"SELECT {', '.join(columns)} WHERE false"
    return f"SELECT {', '.join(columns)} FROM {_read(output, table)}"


def _keys(table: Table) -> tuple[str, ...]:
    """The columns that tie a row to a ledger entry."""
    return tuple(k for k in ("source_uri", "run_id") if k in table.columns)


def _semi_join(view: str, ledger: str, keys: tuple[str, ...]) -> str:
    on = " AND ".join(f"t.{k} = l.{k}" for k in keys)
    return f"SELECT t.* FROM {view} t SEMI JOIN {ledger} l ON {on}"


def table_views(con, output: str, tables: dict[str, Table]) -> list[str]:
    ledger = tables["ledger"]
    statements = [
        f"CREATE OR REPLACE VIEW ledger_all AS {conformed(con, output, ledger)}",
        "CREATE OR REPLACE VIEW ledger AS SELECT * FROM ledger_all QUALIFY row_number() "
        "OVER (PARTITION BY source_uri ORDER BY run_started_at DESC NULLS LAST, "
        "run_id DESC) = 1",
    ]
    for table in tables.values():
        if table.name == "ledger":
            continue
        keys, rows = _keys(table), f"({conformed(con, output, table)})"
        if keys == ("source_uri", "run_id"):  # rows of a file: its latest committed run
            every = _semi_join(rows, "ledger_all", keys)
            current = _semi_join(f"{table.name}_all", "ledger", keys)
        elif keys == ("run_id",):  # a table each run writes whole: the latest run's
            every = _semi_join(rows, "ledger_all", keys)
            current = (f"SELECT * FROM {table.name}_all WHERE run_id = (SELECT l.run_id "
                       f"FROM ledger_all l SEMI JOIN {table.name}_all t ON t.run_id = "
                       f"l.run_id ORDER BY l.run_started_at DESC NULLS LAST, l.run_id "
                       f"DESC LIMIT 1)")
        else:
            every = current = f"SELECT * FROM {rows}"
        statements += [f"CREATE OR REPLACE VIEW {table.name}_all AS {every}",
                       f"CREATE OR REPLACE VIEW {table.name} AS {current}"]
    statements.append(
        "CREATE OR REPLACE VIEW runs AS SELECT l.run_id, min(l.run_started_at) AS started_at, "
        "any_value(l.model) AS model, any_value(l.pipeline_version) AS pipeline_version, "
        "count(*) AS files, count(*) FILTER (WHERE l.status = 'parsed') AS parsed, "
        "count(*) FILTER (WHERE l.status = 'rejected') AS rejected, "
        "count(c.source_uri) AS current_files FROM ledger_all l LEFT JOIN ledger c "
        "ON c.source_uri = l.source_uri AND c.run_id = l.run_id GROUP BY l.run_id")
    return statements


def _is_link(type_: pa.DataType) -> bool:
    """A struct that names an entity: an event's actor, a quote's speaker."""
    return pa.types.is_struct(type_) and all(
        type_.get_field_index(name) >= 0 for name in ("text", "canonical_name"))


def _flat_columns(table: Table, alias: str, names: dict[str, str] | None = None) -> list[str]:
    """Every column of a table for a flat view, offsets and bookkeeping left out:
    scalars and lists as they are; a struct that names an entity as its canonical name
    (else its text) under ``names.get(column, column)``, and its other fields as
    ``<name>_<field>``; any other struct as ``<column>_<field>``."""
    out, names = [], names or {}
    for field in table.schema:
        if field.name in _OFFSETS:
            continue
        ref = f"{alias}.{q(field.name)}"
        if _is_link(field.type):
            name = names.get(field.name, field.name)
            out.append(f"coalesce({ref}.canonical_name, {ref}.{q('text')}) AS {q(name)}")
            out += [f"{ref}.{q(sub.name)} AS {q(name + '_' + sub.name)}"
                    for sub in field.type if sub.name not in _NAME_FIELDS]
        elif pa.types.is_struct(field.type):
            out += [f"{ref}.{q(sub.name)} AS {q(field.name + '_' + sub.name)}"
                    for sub in field.type]
        else:
            out.append(ref)
    return out


def _article_join(alias: str) -> str:
    return (f"LEFT JOIN articles a ON a.source_uri = {alias}.source_uri AND a.run_id = "
            f"{alias}.run_id AND a.article_id = {alias}.article_id")


def has_identities(tables: dict[str, Table]) -> bool:
    return "identities" in tables and "aliases" in tables["identities"].columns


def identity_view() -> str:
    """Every entity key with its current identity (the latest identities table's
    aliases): an identity learned by a later run applies to rows written earlier."""
    return ("CREATE OR REPLACE VIEW entity_identities AS SELECT i.alias.entity_key AS "
            "entity_key, i.identity_key AS identity, i.canonical_name AS identity_name, "
            "i.label AS identity_label FROM (SELECT identity_key, canonical_name, label, "
            "unnest(aliases) AS alias FROM identities) i")


def details(table: Table, identities: bool = False) -> str:
    """Rows of a table about articles, flat, with their article's date and lead; events
    also with their evidence sentence as text; entities with their current identity."""
    columns = _flat_columns(table, "t", EVENT_ARGUMENTS if table.name == "events" else None)
    columns += [f"a.{q(column)} AS {q(name)}" for column, name in _ARTICLE_COLUMNS]
    joins = _article_join("t")
    if {"evidence_start", "evidence_end"} <= table.columns:
        columns.append("substr(a.text, t.evidence_start + 1, t.evidence_end - "
                       "t.evidence_start) AS evidence")
    if identities and "entity_key" in table.columns:
        columns += ["i.identity", "i.identity_name", "i.identity_label"]
        joins += " LEFT JOIN entity_identities i ON i.entity_key = t.entity_key"
    return (f"CREATE OR REPLACE VIEW {singular(table.name)}_details AS SELECT "
            f"{', '.join(columns)} FROM {table.name} t {joins}")


def singular(name: str) -> str:
    return name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")


def flat_views(tables: dict[str, Table]) -> list[str]:
    identities = has_identities(tables)
    out = [identity_view()] if identities else []
    for table in tables.values():
        if table.name in _NOT_DETAILED or not {"article_id", "source_uri",
                                               "run_id"} <= table.columns:
            continue
        out.append(details(table, identities))
    return out


def check_output(output: str, tables: dict[str, Table] = TABLES) -> None:
    """A usage error unless ``output`` holds a committed run (a ledger file)."""
    from pipeline.options import UsageError
    if not matching_paths(files_pattern(output, tables["ledger"])):
        raise UsageError(f"{output} holds no newsbeam output (no committed run in "
                         f"{files_pattern(output, tables['ledger'])}); run newsbeam "
                         f"--output {output} first")


def statements(output: str, tables: dict[str, Table] = TABLES) -> list[str]:
    """Every CREATE VIEW for an output, in order (DuckDB SQL)."""
    con = duckdb.connect()
    return table_views(con, output, tables) + flat_views(tables)


def script(output: str, tables: dict[str, Table] = TABLES) -> str:
    return ";\n".join(statements(output, tables)) + ";\n"


def connect(output: str, tables: dict[str, Table] = TABLES,
            con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with every view of ``output``."""
    con = con or duckdb.connect()
    for statement in statements(output, tables):
        con.execute(statement)
    return con


def view_names(tables: dict[str, Table] = TABLES) -> list[str]:
    names = ["ledger", "ledger_all", "runs"]
    for table in tables.values():
        if table.name != "ledger":
            names += [table.name, f"{table.name}_all"]
    names += [s.split(" VIEW ", 1)[1].split(" ", 1)[0] for s in flat_views(tables)]
    return names
