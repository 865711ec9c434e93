"""``newsbeam sql OUTPUT``: DuckDB over an output, with the views of ``pipeline/views.py``.

``-c QUERY`` runs the query in this process and prints the result. Without it, DuckDB's
own interactive prompt (the ``duckdb-cli`` package) starts with the views created, so
``.tables``, ``DESCRIBE events`` and history work as in any DuckDB shell; piped SQL on
standard input works too.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from pipeline import commit, views
from pipeline.options import SQL_OPTIONS, UsageError, parse_command

DESCRIPTION = """\
newsbeam sql: DuckDB over newsbeam's output, with a view per table that holds its
current rows (each source file's latest committed run), and flat views to read.

Views: one per table with its current rows (articles, entities, events, quotes,
errors, identities; <table>_all for every committed row, superseded ones included),
ledger (each file's latest entry), runs; event_details (actors, countries, place, who
claims it and the evidence sentence as text), quote_details (speaker names),
entity_details (with the article and the current identity), entity_identities.

  newsbeam sql out -c "SELECT event_type, modality, count(*) FROM events GROUP BY ALL"
  newsbeam sql out            # DuckDB's prompt; .tables lists the views
"""

PRINTED_ROWS = 200  # -c prints at most this many rows of a result


def duckdb_cli() -> list[str] | None:
    """The command that starts DuckDB's shell, when the duckdb-cli package is installed."""
    if importlib.util.find_spec("duckdb_cli") is None:
        return None
    return [sys.executable, "-m", "duckdb_cli"]


def run_query(output: str, query: str) -> None:
    """Run ``query`` over the views of ``output``; print its result (DuckDB's table)."""
    import duckdb
    con = views.connect(output)
    try:
        result = con.sql(query)
    except duckdb.Error as err:
        raise QueryError(str(err).strip().splitlines()[0]) from None
    if result is not None:  # a statement without a result (CREATE ...) prints nothing
        result.show(max_rows=PRINTED_ROWS)


class QueryError(Exception):
    """The query failed: printed as one line, exit code 1."""


def command(argv: list[str]) -> int:
    args = parse_command("newsbeam sql", DESCRIPTION, SQL_OPTIONS, argv)
    if args is None:
        return 0
    views.check_output(args.output)
    commit.recover_if_idle(args.output)  # finish or clear what a killed run left
    if args.views:
        sys.stdout.write(views.script(args.output))
        return 0
    if args.command:
        try:
            run_query(args.output, args.command)
        except QueryError as err:
            print(f"newsbeam: query failed: {err}", file=sys.stderr)
            return 1
        return 0
    shell = duckdb_cli()
    if shell is None:
        raise UsageError("the interactive prompt needs DuckDB's shell: pip install "
                         "duckdb-cli (or run one query with -c QUERY)")
    return subprocess.call([*shell, "-cmd", views.script(args.output)])
