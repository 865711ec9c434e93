"""newsbeam's command-line options, as a Beam ``PipelineOptions`` subclass."""

from __future__ import annotations

import os

from apache_beam.options.pipeline_options import PipelineOptions

from transforms.article_format import DEFAULT_MAX_ARTICLE_BYTES


class NewsbeamOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser):
        parser.add_argument(
            "--input", action="append", dest="inputs", metavar="PATH_OR_PATTERN",
            help="Article files: a folder, a file or a glob, local or gs://. Repeat for "
                 "several. Default: examples/articles.")
        parser.add_argument(
            "--output", default="out",
            help="Output folder (local or gs://); one sub-folder per table. Default: out")
        parser.add_argument(
            "--model", default=None,
            help="spaCy pipeline: package name or path. Default: $NEWSBEAM_MODEL, else the "
                 "best installed de_core_news_{lg,md,sm}, else the rule-based pipeline. "
                 "'rules' forces the rule-based pipeline.")
        parser.add_argument(
            "--max-article-bytes", type=int, default=DEFAULT_MAX_ARTICLE_BYTES,
            dest="max_article_bytes",
            help="Files larger than this are rejected (reason too_large) without being "
                 f"read. Default: {DEFAULT_MAX_ARTICLE_BYTES}")
        parser.add_argument(
            "--batch-size", type=int, default=32, dest="nlp_batch_size",
            help="Articles per nlp.pipe batch. Default: 32")
        parser.add_argument(
            "--event-lexicon", default=None, dest="event_lexicon",
            help="Event trigger lexicon (TSV: lemma, pos, type, mode[, cue]; local or "
                 "gs://). Default: the one shipped in transforms/data/event_lexicon.tsv.")
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1,
            help="Local runs: worker processes (one model each). Default: one per core "
                 f"({os.cpu_count()} here).")
        parser.add_argument(
            "--reprocess", action="store_true",
            help="Process every input file again, also those the output's ledger already "
                 "holds (after a model upgrade, say); their old rows are superseded.")
        parser.add_argument(
            "--watch-interval", type=float, default=60.0, dest="watch_interval",
            help="With --streaming: seconds between polls of the --input patterns. "
                 "Default: 60")
        parser.add_argument(
            "--subscription", default=None,
            help="With --streaming: read new files from this Pub/Sub subscription of GCS "
                 "object notifications (projects/P/subscriptions/S) instead of polling.")
        parser.add_argument(
            "--window", type=float, default=10.0, dest="window_minutes",
            help="With --streaming: output window in minutes; one file per table, window "
                 "and shard. Default: 10")
        parser.add_argument(
            "--allowed-lateness", type=float, default=60.0, dest="allowed_lateness",
            help="With --streaming: minutes a file may arrive after its window closed and "
                 "still be written (to a file of its own). Default: 60")
        parser.add_argument(
            "--run-id", default=None, dest="run_id",
            help="Id written on every row and in the file names. Default: UTC time + random.")
