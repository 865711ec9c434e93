"""newsbeam's command-line options, as a Beam ``PipelineOptions`` subclass."""

from __future__ import annotations

import argparse
import os

from apache_beam.options.pipeline_options import PipelineOptions

from transforms.article_format import DEFAULT_MAX_ARTICLE_BYTES


def flag(value: str | bool) -> bool:
    """A switch that also takes a value, as a Flex Template passes it (--reprocess=true)."""
    if isinstance(value, bool):
        return value
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise ValueError(value)


def _add(parser, name: str, **kwargs) -> None:
    """Adds ``name`` and, for a dashed name, its underscore spelling, kept out of
    --help."""
    parser.add_argument(name, **kwargs)
    if "-" in name[2:]:
        alias = {**kwargs, "help": argparse.SUPPRESS,
                 "dest": kwargs.get("dest", name[2:].replace("-", "_"))}
        parser.add_argument("--" + name[2:].replace("-", "_"), **alias)


class NewsbeamOptions(PipelineOptions):
    """Every dashed option also has its underscore spelling (--batch_size), Beam's
    convention and the parameter names of the Flex Template."""

    @classmethod
    def _add_argparse_args(cls, parser):
        _add(parser, "--input", action="append", dest="inputs", metavar="PATH_OR_PATTERN",
             help="Article files: a folder, a file or a glob, local or gs://. Repeat for "
                  "several. Default: examples/articles.")
        _add(parser, "--output", default="out",
             help="Output folder (local or gs://); one sub-folder per table. Default: out")
        _add(parser, "--model", default=None,
             help="spaCy pipeline: package name or path. Default: $NEWSBEAM_MODEL, else the "
                  "best installed de_core_news_{lg,md,sm}, else the rule-based pipeline. "
                  "'rules' forces the rule-based pipeline.")
        _add(parser, "--max-article-bytes", type=int, default=DEFAULT_MAX_ARTICLE_BYTES,
             dest="max_article_bytes",
             help="Files larger than this are rejected (reason too_large) without being "
                  f"read. Default: {DEFAULT_MAX_ARTICLE_BYTES}")
        _add(parser, "--batch-size", type=int, default=32, dest="nlp_batch_size",
             help="Articles per nlp.pipe batch. Default: 32")
        _add(parser, "--event-lexicon", default=None, dest="event_lexicon",
             help="Event trigger lexicon (TSV: lemma, pos, type, mode[, cue]; local or "
                  "gs://). Default: the one shipped in transforms/data/event_lexicon.tsv.")
        _add(parser, "--workers", type=int, default=os.cpu_count() or 1,
             help="Local runs: worker processes (one model each). Default: one per core "
                  f"({os.cpu_count()} here).")
        _add(parser, "--reprocess", nargs="?", const=True, default=False, type=flag,
             metavar="true|false",
             help="Process every input file again, also those the output's ledger already "
                  "holds (after a model upgrade, say); their old rows are superseded.")
        _add(parser, "--detach", nargs="?", const=True, default=False, type=flag,
             metavar="true|false",
             help="Managed runners: submit the job and return without waiting. The job "
                  "publishes its own output and manifest (_runs/<run_id>.json) when it "
                  "ends; a failed job publishes nothing.")
        _add(parser, "--watch-interval", type=float, default=60.0, dest="watch_interval",
             help="With --streaming: seconds between polls of the --input patterns. "
                  "Default: 60")
        _add(parser, "--subscription", default=None,
             help="With --streaming: read new files from this Pub/Sub subscription of GCS "
                  "object notifications (projects/P/subscriptions/S) instead of polling.")
        _add(parser, "--window", type=float, default=10.0, dest="window_minutes",
             help="With --streaming: output window in minutes; one file per table, window "
                  "and shard. Default: 10")
        _add(parser, "--allowed-lateness", type=float, default=60.0, dest="allowed_lateness",
             help="With --streaming: minutes a file may arrive after its window closed and "
                  "still be written (to a file of its own). Default: 60")
        _add(parser, "--run-id", default=None, dest="run_id",
             help="Id written on every row and in the file names. Default: UTC time + random.")
