"""The Dataflow Flex Template: its metadata, and what its launcher runs.

The metadata is generated from the command line's own option definitions
(``pipeline/options.py``: help texts, defaults), so the template cannot drift from
``newsbeam --help``:
``python -m pipeline.flex_template > flex_template/metadata.json`` (a test keeps the
committed file equal to this output).

The launcher program (``flex_template/launch.py``) runs ``newsbeam`` detached: a Flex
Template launch program must submit the job and exit, so the commit runs in the job
(``pipeline/commit.py``) and the launcher never waits.
"""

from __future__ import annotations

import json
import sys

from pipeline.options import BY_NAME

NAME = "newsbeam"
DESCRIPTION = ("German news article files in a bucket to entity and event tables "
               "(hive-partitioned Parquet). Incremental: files the output's ledger holds "
               "are skipped; a run's files appear only when the whole run has succeeded.")

_POSITIVE_NUMBER = r"^(0*[1-9][0-9]*(\.[0-9]+)?|0*\.[0-9]*[1-9][0-9]*|0+\.0*[1-9][0-9]*)$"

# Template parameter -> the CLI option it sets, its label, Dataflow parameter type,
# the regexes its value must match, whether it is optional, and a help text where the
# CLI's does not fit a template (which reads one gs:// pattern). Names use underscores,
# Beam's convention; the CLI accepts both spellings.
PARAMETERS = {
    "input": dict(option="--input", label="Article files", type="TEXT",
                  regexes=[r"^gs://[^/]+/.*$"], optional=False,
                  help="Article files in a bucket: a folder (gs://BUCKET/landing/) or a "
                       "glob (gs://BUCKET/landing/*.txt)."),
    "output": dict(option="--output", label="Output folder", type="GCS_WRITE_FOLDER",
                   regexes=[r"^gs://[^/]+(/.*)?$"], optional=False,
                   help="Output folder in a bucket (gs://BUCKET/newsbeam): one sub-folder "
                        "per table, the ingest ledger (_ledger/) and run manifests "
                        "(_runs/)."),
    "model": dict(option="--model", label="spaCy pipeline", type="TEXT",
                  regexes=[r"^[A-Za-z0-9_./:-]+$"], optional=True),
    "max_article_bytes": dict(option="--max-article-bytes", label="Largest article file, bytes",
                              type="NUMBER", regexes=[r"^[1-9][0-9]*$"], optional=True),
    "batch_size": dict(option="--batch-size", label="Articles per nlp.pipe batch",
                       type="NUMBER", regexes=[r"^[1-9][0-9]*$"], optional=True),
    "event_lexicon": dict(option="--event-lexicon", label="Event trigger lexicon",
                          type="GCS_READ_FILE", regexes=[r"^gs://[^/]+/.+$"], optional=True),
    "reprocess": dict(option="--reprocess", label="Reprocess: every file, none, or stale ones",
                      type="TEXT", regexes=[r"^(true|false|stale)$"], optional=True),
    "extract_timeout": dict(option="--extract-timeout",
                            label="Longest extraction of one article, seconds", type="NUMBER",
                            regexes=[_POSITIVE_NUMBER], optional=True),
    "stale_lock_hours": dict(option="--stale-lock-hours",
                             label="Hours after which a run's lock counts as abandoned",
                             type="NUMBER", regexes=[_POSITIVE_NUMBER], optional=True),
}

# Options that are deliberately not template parameters, and why (by option key).
NOT_PARAMETERS = {
    "workers": "local runs only; Dataflow scales its own workers (max_num_workers)",
    "detach": "the launcher always detaches",
    "watch_interval": "streaming only; this template runs batch",
    "subscription": "streaming only; this template runs batch",
    "window_minutes": "streaming only; this template runs batch",
    "allowed_lateness": "streaming only; this template runs batch",
    "run_id": "every run makes its own, so scheduled runs never share one",
    "verbose": "the launcher's own logs; the job logs to Cloud Logging either way",
}


def metadata() -> dict:
    parameters = []
    for name, spec in PARAMETERS.items():
        parameters.append({
            "name": name,
            "label": spec["label"],
            "helpText": spec.get("help") or BY_NAME[spec["option"]].help,
            "isOptional": spec["optional"],
            "paramType": spec["type"],
            "regexes": spec["regexes"],
        })
    return {"name": NAME, "description": DESCRIPTION, "streaming": False,
            "parameters": parameters}


def launcher_argv(argv: list[str]) -> list[str]:
    """The launcher's arguments for ``newsbeam``: always detached, and on Dataflow
    unless a runner was named (a launcher that fell back to the local runner would
    process the whole corpus on the launcher VM)."""
    extra = ["--detach"]
    if not any(arg == "--runner" or arg.startswith("--runner=") for arg in argv):
        extra.append("--runner=DataflowRunner")
    return [*argv, *extra]


if __name__ == "__main__":
    json.dump(metadata(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
