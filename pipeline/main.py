"""Command-line entry point: ``newsbeam`` / ``python -m pipeline``.

``newsbeam run`` (or plain ``newsbeam``) runs the pipeline; ``newsbeam report OUTPUT``
and ``newsbeam sql OUTPUT`` read what it wrote.
"""

from __future__ import annotations

import sys

from pipeline import summary
from pipeline.options import UsageError, help_parser
from pipeline.run import RunReport, run
from transforms.nlp.model import ModelNotFound

DESCRIPTION = """\
newsbeam: German news article files in; entities, events and quotations out as Parquet.

Commands:
  newsbeam [run] [OPTIONS]     run the pipeline (the options below)
  newsbeam report [OUTPUT]     write OUTPUT/report.html: charts of what a run found
  newsbeam sql [OUTPUT]        DuckDB over OUTPUT with views of the current rows
Each has --help.

Reads article files (" date YYYY-MM <lead>" then paragraphs split by blank lines),
rejects malformed ones into the errors table with a reason code, runs a spaCy pipeline
once per article and writes Parquet tables under --output: articles/, entities/,
events/, quotes/, errors/ (hive-partitioned: month=YYYY-MM/*.parquet) and identities/.

Runs are incremental: files the output's ledger (_ledger/) already holds are skipped
unless they changed (or --reprocess). A run's files become visible only when it has
succeeded; _runs/<run_id>.json is its manifest.

Beam options (--runner, --project, --temp_location, ...) are accepted as well; local
runs use Beam's FnApiRunner with --workers processes. On a managed runner the job
publishes its own output at its end, so --detach may return at once. Every dashed
option also takes Beam's underscore spelling (--batch_size), as a Flex Template passes
it.
"""


def render(report: RunReport) -> str:
    if report.kind == "completed":
        return summary.render(report.manifest)
    if report.kind == "dry_run":
        files = "(streaming)" if report.files_to_process is None else report.files_to_process
        return (f"newsbeam: dry run on {report.runner}: job built for {files} file(s), "
                f"nothing submitted")
    if report.kind == "detached":
        where = (f"job spec written to {report.template}" if report.template
                 else f"job {report.job_id} submitted")
        return (f"newsbeam: run {report.run_id} on {report.runner}: {where} for "
                f"{report.files_to_process} file(s); the job publishes its output and "
                f"{report.manifest_path} when it succeeds")
    job = getattr(report.job, "id", None)
    return (f"newsbeam: streaming run {report.run_id} started on {report.runner}"
            f"{f' (job {job})' if job else ''}, reading {report.source}")


def run_command(argv: list[str]) -> int:
    if "-h" in argv or "--help" in argv:
        help_parser("newsbeam [run]", DESCRIPTION).print_help()
        return 0
    report = run(argv)
    print(render(report))
    return 0 if report.ok else 1


_REPORT_EXTRA = {"duckdb", "vl_convert", "countryinfo"}


def _reader(name: str):
    """A reading subcommand, whose libraries come with the ``report`` extra."""
    def command(argv: list[str]) -> int:
        try:
            module = __import__(f"pipeline.{name}", fromlist=["command"])
            return module.command(argv)
        except ModuleNotFoundError as err:
            if err.name not in _REPORT_EXTRA:
                raise
            raise UsageError(f"newsbeam {name} needs {err.name}: pip install "
                             f"'newsbeam[report]' (./run_local.sh installs it)") from None
    return command


report_command, sql_command = _reader("report"), _reader("sql")


COMMANDS = {"run": run_command, "report": report_command, "sql": sql_command}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    name, rest = (argv[0], argv[1:]) if argv and argv[0] in COMMANDS else ("run", argv)
    try:
        return COMMANDS[name](rest)
    except (UsageError, ModelNotFound) as err:
        print(f"newsbeam: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
