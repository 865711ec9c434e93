"""newsbeam's options: defined once (:data:`OPTIONS`), parsed once, the Beam way.

Every option is an :class:`Option`. The same definitions make the Beam
``PipelineOptions`` subclass (:class:`NewsbeamOptions`, read with ``view_as``), the
``--help`` text and the Flex Template's parameters (``pipeline/flex_template.py``).
:func:`parse` parses a command line into ``PipelineOptions`` together with Beam's own
options, and turns a value that does not fit, or an option that nobody defines, into a
:class:`UsageError` naming it (with the nearest real option for a misspelling).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import logging
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from apache_beam.options.pipeline_options import PipelineOptions

from transforms.extract.deadline import DEFAULT_SECONDS as DEFAULT_EXTRACT_TIMEOUT
from transforms.read.feed import DEFAULT_MAX_ARTICLE_BYTES

# parse() names an unknown option itself, in one line; Beam's own warning about the
# same arguments would come first and say less.
logging.getLogger("apache_beam.options.pipeline_options").addFilter(
    lambda record: "Discarding unparseable args" not in record.getMessage())

DEFAULT_INPUT = "examples/articles"
DEFAULT_STALE_LOCK_HOURS = 6.0
STALE = "stale"
# A run id names files and objects (<table>-<run_id>-....parquet, _runs/<run_id>.json).
RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def flag(value: str | bool) -> bool:
    """A switch that also takes a value, as a Flex Template passes it (--reprocess=true)."""
    if isinstance(value, bool):
        return value
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, not {value!r}")


def reprocess(value: str | bool) -> bool | str:
    """--reprocess: every file (true), none beyond new, changed and retried ones
    (false), or the files whose rows are of another model or newsbeam version (stale)."""
    if isinstance(value, str) and value.strip().lower() == STALE:
        return STALE
    try:
        return flag(value)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"expected true, false or stale, not {value!r}") from None


def run_id(value: str) -> str:
    if not RUN_ID.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"{value!r} is no run id: 1-64 letters, digits, '_' or '-', starting with a "
            "letter or digit")
    return value


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {value}")
    return number


@dataclass(frozen=True)
class Option:
    name: str  # "--max-article-bytes" (also accepted as --max_article_bytes), or "OUTPUT"
    help: str
    dest: str | None = None  # default: the name with underscores
    default: Any = None
    type: Callable | None = None
    switch: bool = False  # --reprocess, or --reprocess=true|false
    append: bool = False  # repeatable, values collected in a list
    metavar: str | None = None
    short: str | None = None
    kwargs: dict = field(default_factory=dict)

    @property
    def positional(self) -> bool:
        return not self.name.startswith("-")

    @property
    def key(self) -> str:
        return self.dest or self.name.lstrip("-").replace("-", "_").lower()

    def add_to(self, parser: argparse.ArgumentParser, aliases: bool = True) -> None:
        if self.positional:  # a subcommand's argument: newsbeam report OUTPUT
            parser.add_argument(self.key, metavar=self.name, help=self.help, nargs="?",
                                default=self.default, **self.kwargs)
            return
        kwargs: dict[str, Any] = {"dest": self.key, "help": self.help, **self.kwargs}
        if self.switch:
            kwargs.update(nargs="?", const=True, default=False, type=self.type or flag,
                          metavar=self.metavar or "true|false")
        else:
            kwargs.setdefault("default", self.default)
            if self.type:
                kwargs["type"] = self.type
            if self.append:
                kwargs["action"] = "append"
            if self.metavar:
                kwargs["metavar"] = self.metavar
        names = [self.short, self.name] if self.short else [self.name]
        parser.add_argument(*names, **kwargs)
        underscored = "--" + self.name[2:].replace("-", "_")
        if aliases and underscored != self.name:  # Beam's spelling, as a Flex launcher passes it
            parser.add_argument(underscored, **{**kwargs, "help": argparse.SUPPRESS})


OPTIONS: tuple[Option, ...] = (
    Option("--input", append=True, dest="inputs", metavar="PATH_OR_PATTERN",
           help="Article files: a folder, a file or a glob, local or gs://. Repeat for "
                f"several. Default: {DEFAULT_INPUT}."),
    Option("--output", default="out",
           help="Output folder (local or gs://); one sub-folder per table. Default: out"),
    Option("--model",
           help="spaCy pipeline: package name or path. Default: $NEWSBEAM_MODEL, else the "
                "best installed de_core_news_{lg,md,sm}, else the rule-based pipeline. "
                "'rules' forces the rule-based pipeline."),
    Option("--max-article-bytes", type=positive_int, default=DEFAULT_MAX_ARTICLE_BYTES,
           help="Files larger than this are rejected (reason too_large) without being "
                f"read. Default: {DEFAULT_MAX_ARTICLE_BYTES}"),
    Option("--batch-size", type=positive_int, default=32, dest="nlp_batch_size",
           help="Articles per nlp.pipe batch. Default: 32"),
    Option("--event-lexicon",
           help="Event trigger lexicon (TSV: lemma, pos, type, mode[, cue]; local or "
                "gs://). Default: the one shipped in transforms/lang/de/event_lexicon.tsv."),
    Option("--workers", type=positive_int, default=os.cpu_count() or 1,
           help="Local runs: worker processes (one model each). Default: one per core "
                f"({os.cpu_count()} here)."),
    Option("--extract-timeout", type=positive_float, default=DEFAULT_EXTRACT_TIMEOUT,
           metavar="SECONDS",
           help="Longest time the extraction of one article may take; an article that "
                "takes longer becomes an errors row (extract_timeout) and the run goes "
                f"on. Default: {DEFAULT_EXTRACT_TIMEOUT:g}"),
    Option("--reprocess", switch=True, type=reprocess, metavar="true|false|stale",
           help="Process every input file again, also those the output's ledger already "
                "holds (after a model upgrade, say); their old rows are superseded. "
                "'stale': only the files whose rows are of another model or newsbeam "
                "version."),
    Option("--detach", switch=True,
           help="Managed runners: submit the job and return without waiting. The job "
                "publishes its own output and manifest (_runs/<run_id>.json) when it "
                "ends; a failed job publishes nothing."),
    Option("--watch-interval", type=positive_float, default=60.0,
           help="With --streaming: seconds between polls of the --input patterns. "
                "Default: 60"),
    Option("--subscription",
           help="With --streaming: read new files from this Pub/Sub subscription of GCS "
                "object notifications (projects/P/subscriptions/S) instead of polling."),
    Option("--window", type=positive_float, default=10.0, dest="window_minutes",
           help="With --streaming: output window in minutes; one file per table, window "
                "and shard. Default: 10"),
    Option("--allowed-lateness", type=positive_float, default=60.0,
           help="With --streaming: minutes a file may arrive after its window closed and "
                "still be written (to a file of its own). Default: 60"),
    Option("--run-id", type=run_id,
           help="Id written on every row and in the file names: 1-64 letters, digits, "
                "'_' or '-', not used before in the output. Default: UTC time + random."),
    Option("--stale-lock-hours", type=positive_float, default=DEFAULT_STALE_LOCK_HOURS,
           metavar="HOURS",
           help="One run at a time per output: a run holds the output's lock until it "
                "has committed. A lock on gs:// (or left on a shared disk by another "
                "host) older than this is taken as abandoned and taken over; on this "
                f"host, a lock whose process is gone is. Default: {DEFAULT_STALE_LOCK_HOURS:g}"),
    Option("--verbose", short="-v", kwargs={"action": "store_true", "default": False},
           help="Beam's INFO logs too"),
)
BY_NAME = {o.name: o for o in OPTIONS}

# The reading subcommands: their own options, not the job's (nor the Flex Template's).
_OUTPUT_ARGUMENT = Option("OUTPUT", default="out",
                          help="An output folder of newsbeam run (its --output). Default: out")
REPORT_OPTIONS: tuple[Option, ...] = (
    _OUTPUT_ARGUMENT,
    Option("--to", metavar="FILE",
           help="Where to write the HTML file. Default: OUTPUT/report.html"),
    Option("--no-text", switch=True,
           help="Leave out sentences quoted from the articles (the claims table shows "
                "counts only), e.g. to share the report of a corpus whose licence forbids it."),
    Option("--top", type=positive_int, default=25,
           help="How many entities, actors and claims each chart and table shows. "
                "Default: 25"),
)
SQL_OPTIONS: tuple[Option, ...] = (
    _OUTPUT_ARGUMENT,
    Option("--command", short="-c", metavar="QUERY",
           help="Run one query, print its result and exit. "
                "Without it: DuckDB's interactive prompt."),
    Option("--views", switch=True,
           help="Print the CREATE VIEW statements for OUTPUT (DuckDB SQL) and exit."),
)


class NewsbeamOptions(PipelineOptions):
    """newsbeam's options as Beam options (``options.view_as(NewsbeamOptions)``)."""

    @classmethod
    def _add_argparse_args(cls, parser):
        for option in OPTIONS:
            option.add_to(parser)


def help_parser(prog: str, description: str, options: tuple[Option, ...] = OPTIONS,
                epilog: str | None = None) -> argparse.ArgumentParser:
    """The parser ``--help`` prints (one spelling of each option); for the reading
    subcommands, also the parser that parses them."""
    if epilog is None:
        epilog = ("Beam's own options (--runner, --project, --region, --temp_location, "
                  "--streaming, ...) are accepted too.")
    parser = argparse.ArgumentParser(
        prog=prog, description=description, epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    for option in options:
        option.add_to(parser, aliases=False)
    return parser


def parse_command(prog: str, description: str, options: tuple[Option, ...],
                  argv: list[str]) -> argparse.Namespace | None:
    """A reading subcommand's arguments, or None when it printed its --help; a
    :class:`UsageError` for anything else."""
    parser = help_parser(prog, description, options, epilog="")
    if "-h" in argv or "--help" in argv:
        parser.print_help()
        return None
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            return parser.parse_args(argv)
    except SystemExit:
        lines = [line for line in captured.getvalue().splitlines() if "error:" in line]
        message = lines[-1].split("error:", 1)[1].strip() if lines else "bad arguments"
        raise UsageError(f"{message}; see {prog} --help") from None


def parse(argv: list[str]) -> PipelineOptions:
    """``PipelineOptions`` for a command line; a :class:`UsageError` for a bad value or
    an option neither newsbeam nor Beam defines."""
    options = PipelineOptions(argv, save_main_session=False)
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            options.view_as(NewsbeamOptions)  # converts and checks every value
            known = options.get_all_options()
            every = options.get_all_options(retain_unknown_options=True)
    except SystemExit:  # argparse's error: keep its one useful line
        lines = [line for line in captured.getvalue().splitlines() if "error:" in line]
        message = lines[-1].split("error:", 1)[1].strip() if lines else "bad arguments"
        raise UsageError(message) from None
    unknown = sorted(set(every) - set(known))
    if unknown:
        raise UsageError(_unknown_message(unknown[0], known))
    stray = _stray_argument(argv)
    if stray is not None:
        raise UsageError(f"unexpected argument {stray!r}; options start with --, "
                         f"see newsbeam --help")
    return options


def _stray_argument(argv: list[str]) -> str | None:
    """A word that is no option and no option's value ("newsbeam out", "--output a b")."""
    previous = None
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-") and not (previous and previous.startswith("-")
                                            and "=" not in previous):
            return arg
        previous = arg
    return None


def _unknown_message(name: str, known: dict) -> str:
    ours = {o.key: o.name for o in OPTIONS}
    spelled = {key: ours.get(key, "--" + key) for key in known}
    candidates = list(spelled.values()) + [o.name for o in OPTIONS]
    typed = "--" + name
    close = difflib.get_close_matches(typed, candidates, n=1) or \
        difflib.get_close_matches("--" + name.replace("_", "-"), candidates, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown option {typed}{hint}; see newsbeam --help"
