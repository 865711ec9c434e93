"""One newsbeam run, from the launcher's side: check, plan, submit, report.

:func:`run` parses the command line once (``pipeline/options.py``), checks the input,
the output, the model and the lexicon before any work, and then either

* builds the batch job for the files the output's ledger does not hold yet and waits
  for it (``completed``: the manifest the job's commit wrote), or submits it and returns
  (``detached``: a managed runner with ``--detach``, or a job file for a Flex Template),
  or only builds it (``dry_run``: Beam's ``--dry_run``); or
* starts the streaming job (``streaming``), which runs until cancelled.

Whatever happened, it returns one :class:`RunReport`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import (
    GoogleCloudOptions,
    PipelineOptions,
    StandardOptions,
    TestOptions,
)

from pipeline import commit, graph, ledger, lock, preflight, progress, runner, summary
from pipeline.options import DEFAULT_INPUT, OPTIONS, NewsbeamOptions, UsageError, parse
from transforms.events.lexicon import LexiconError
from transforms.geo import index as geo_index
from transforms.extract.transform import read_lexicon
from transforms.nlp import model as nlp_model
from transforms.provenance import new_run_id, pipeline_version
from transforms.read import stream_sources
from transforms.read.listing import as_pattern, is_local, list_files, list_pattern

LOG = logging.getLogger("newsbeam")

_BEAM_NOISE = (
    # RunInference warns on every batch that it cannot read its own memory usage.
    "Resource module is not available",
    # Local SDK workers: harmless start-up notes.
    "No semi_persistent_directory found",
    "Discarding unparseable args",
)


@dataclass
class RunReport:
    kind: str  # completed | detached | dry_run | streaming
    run_id: str
    runner: str
    files_to_process: int | None = None  # batch: files planned for the job
    manifest: dict = field(default_factory=dict)  # completed: the run's manifest
    manifest_path: str | None = None  # detached: where the job writes it
    job_id: str | None = None
    template: str | None = None  # a job file written for a Flex Template launcher
    source: str | None = None  # streaming: what it reads
    job: Any = None  # dry runs and streaming: the runner's job object

    @property
    def ok(self) -> bool:
        """A completed run is ok when it balances; anything else when it started."""
        return self.kind != "completed" or bool(self.manifest.get("balanced"))


@dataclass(frozen=True)
class _Launch:
    options: PipelineOptions
    args: NewsbeamOptions
    inputs: list[str]
    model: str
    run_info: dict
    runner_name: str
    workers: int | None


def run(argv: list[str] | None = None) -> RunReport:
    """Run newsbeam with a command line (without the program name)."""
    options = parse(sys.argv[1:] if argv is None else list(argv))
    launch = _prepare(options)
    if options.view_as(StandardOptions).streaming:
        return _streaming(launch)
    return _batch(launch)


def _prepare(options: PipelineOptions) -> _Launch:
    args = options.view_as(NewsbeamOptions)
    _configure_logging(args.verbose)
    streaming = options.view_as(StandardOptions).streaming
    inputs = args.inputs or [DEFAULT_INPUT]
    local = runner.is_local(options)
    preflight.check_google_credentials(
        [*inputs, args.output, args.event_lexicon or "", args.model or ""],
        "Dataflow" in (options.view_as(StandardOptions).runner or ""))
    if local:
        preflight.check_model_path(args.model)
    if not streaming:  # a streaming run may start before the first file lands
        inputs = check_inputs(inputs)
    check_output(args.output)
    model = nlp_model.resolve(args.model)
    model_label = nlp_model.describe(model, must_exist=local)  # fails fast if missing
    if args.event_lexicon:
        try:
            read_lexicon(args.event_lexicon)  # fails fast on a bad lexicon
        except (OSError, UnicodeDecodeError, LexiconError) as err:
            raise UsageError(f"--event-lexicon {args.event_lexicon}: {err}") from err
    if local:  # the workers open the place index; build it once, here, if missing
        geo_index.ensure()
    if model == nlp_model.RULES and nlp_model.requested_model(args.model) is None:
        LOG.warning("No statistical German spaCy model is installed or named; using the "
                    "rule-based pipeline (gazetteer and name patterns, no parse). For real "
                    "NER and parsing: %s, or --model PATH", nlp_model.INSTALL_HINT)
    run_info = {"run_id": args.run_id or new_run_id(), "pipeline_version": pipeline_version(),
                "model": model_label,
                # to the microsecond: runs are ordered by it (the ledger, the views)
                "started_at": dt.datetime.now(dt.timezone.utc)}
    workers = None
    if local:
        workers = args.workers
        runner.configure_local(options, workers)
    return _Launch(options, args, inputs, model, run_info,
                   options.view_as(StandardOptions).runner, workers)


def _batch(launch: _Launch) -> RunReport:
    """Under the output's lock: recover, plan, run. The lock is given back by the job's
    commit step, and here when the launcher ends without a job left running."""
    args, run_id = launch.args, launch.run_info["run_id"]
    if args.detach and launch.workers is not None:
        raise UsageError("--detach needs a managed runner (--runner DataflowRunner); a "
                         "local run ends with the pipeline")
    _take_lock(args.output, run_id, args.stale_lock_hours)
    report = None
    try:
        report = _locked_batch(launch)
    finally:
        if report is None or report.kind != "detached":  # a submitted job releases it
            lock.release(args.output, run_id)
    return report


def _take_lock(output: str, run_id: str, stale_after_hours: float) -> None:
    try:
        lock.acquire(output, run_id, stale_after_hours)
    except lock.LockHeld:
        raise
    except Exception as err:
        raise UsageError(f"cannot use output {output}: {_storage_problem(err)}") from err


def _locked_batch(launch: _Launch) -> RunReport:
    args, options, run_id = launch.args, launch.options, launch.run_info["run_id"]
    output = args.output
    started, started_epoch = time.monotonic(), launch.run_info["started_at"].timestamp()
    commit.recover(output)
    check_run_id_unused(output, run_id)
    listing = list_files(launch.inputs)
    ingested = ledger.load(output)
    work = ledger.plan(listing, ingested, reprocess=args.reprocess,
                       max_bytes=args.max_article_bytes, model=launch.run_info["model"],
                       version=launch.run_info["pipeline_version"])
    manifest = {**launch.run_info, "runner": launch.runner_name, "workers": launch.workers,
                "inputs": launch.inputs, "output": output, "files_listed": len(listing),
                **work.counts(),
                "started_at": summary.utc_iso(started_epoch), "started_epoch": started_epoch,
                "options": {o: getattr(args, o) for o in _option_keys() if o != "verbose"},
                "beam_options": _beam_options(options)}
    report = RunReport("completed", run_id, launch.runner_name, len(work.process))

    if not work.process:  # nothing to do: publish an empty run, no job
        report.manifest = summary.complete(manifest, {}, 0)
        commit.commit(output, run_id, report.manifest)
        report.manifest["model_loads"] = 0
        return report

    dry_run = options.view_as(TestOptions).dry_run
    replaced = {path: ingested[path]["run_id"] for path, _, _ in work.process
                if path in ingested}
    tracker = (progress.Tracker(len(work.process), live=False if args.verbose else None)
               if launch.workers is not None and not dry_run else contextlib.nullcontext())
    with tracker:  # a local run's p.run() blocks until the job is done
        p = beam.Pipeline(runner=runner.create(options), options=options)
        graph.build(p, files=work.process, output=output, model=launch.model,
                    run=launch.run_info, manifest=manifest,
                    max_article_bytes=args.max_article_bytes,
                    batch_size=args.nlp_batch_size, event_lexicon=args.event_lexicon,
                    extract_timeout=args.extract_timeout,
                    previous_identities=current_identity_files(output),
                    replaced=replaced,
                    replaced_files=entity_files_of_runs(output, replaced),
                    progress=getattr(tracker, "folder", None))
        result = p.run()
    if dry_run:  # the job was built, nothing submitted
        report.kind, report.job = "dry_run", getattr(result, "job", None)
        return report
    template = options.view_as(GoogleCloudOptions).template_location
    if args.detach or template:  # the job commits itself; a Flex launcher must not wait
        report.kind, report.template = "detached", template
        report.job_id = result.job_id() if getattr(result, "has_job", False) else None
        report.manifest_path = commit.manifest_path(output, run_id)
        return report
    result.wait_until_finish()
    report.manifest = commit.read_manifest(output, run_id)
    report.manifest["model_loads"] = summary.model_loads(result)
    report.manifest["elapsed_seconds"] = round(time.monotonic() - started, 2)
    return report


def _streaming(launch: _Launch) -> RunReport:
    """Start the streaming pipeline: new files from watched patterns or GCS
    notifications, windowed output straight into the tables. It runs until cancelled,
    so there is no ledger, commit or end-of-run summary."""
    args, options = launch.args, launch.options
    if launch.runner_name == runner.LOCAL:
        raise UsageError(
            "--streaming needs a runner that runs Beam's streaming file watcher: "
            "--runner DataflowRunner, or locally --runner PrismRunner on a machine with "
            "internet (Prism's binary is downloaded at run time). The local FnApiRunner "
            "runs batch only.")
    source = (stream_sources.GcsNotifications(args.subscription) if args.subscription
              else stream_sources.WatchFiles([as_pattern(i) for i in launch.inputs],
                                             args.watch_interval))
    p = beam.Pipeline(options=options)
    graph.build_streaming(p | "New files" >> source, output=args.output, model=launch.model,
                          run=launch.run_info, window_minutes=args.window_minutes,
                          allowed_lateness_minutes=args.allowed_lateness,
                          max_article_bytes=args.max_article_bytes,
                          batch_size=args.nlp_batch_size, event_lexicon=args.event_lexicon,
                          extract_timeout=args.extract_timeout)
    result = p.run()
    kind = "dry_run" if options.view_as(TestOptions).dry_run else "streaming"
    return RunReport(kind, launch.run_info["run_id"], launch.runner_name,
                     source=args.subscription or ", ".join(launch.inputs),
                     job=getattr(result, "job", None))


def current_identity_files(output: str) -> list[str]:
    """The files of the output's current identities table: the latest run's (each run
    writes the whole table, and its commit removes the versions before it, so there is
    one unless a commit was cut short). Of each file only the footer and the first
    ``run_started_at`` value are read; the job reads the rows."""
    import pyarrow.parquet as pq

    from schemas import TABLES
    from transforms.read.listing import matching_paths
    started: dict[str, object] = {}
    for path in matching_paths(FileSystems.join(output, TABLES["identities"].folder,
                                                "*.parquet")):
        with FileSystems.open(path) as fh:
            parquet = pq.ParquetFile(fh)
            if parquet.metadata.num_rows:
                column = parquet.read_row_group(0, columns=["run_started_at"]).column(0)
                started[path] = column[0].as_py()
    if not started:
        return []
    latest = max(started.values())
    return sorted(p for p, t in started.items() if t == latest)


def entity_files_of_runs(output: str, runs: dict[str, str]) -> list[str]:
    """The entities files written by the runs that hold the current rows of the files
    this run processes again (a file's name carries its run id), for the identities'
    recount."""
    from schemas import TABLES
    from transforms.read.listing import matching_paths
    table = TABLES["entities"]
    return [path for run_id in sorted(set(runs.values()))
            for path in matching_paths(FileSystems.join(
                output, table.folder, "*", f"{table.name}-{run_id}-*.parquet"))]


def _option_keys() -> list[str]:
    return [o.key for o in OPTIONS]


def _beam_options(options: PipelineOptions) -> dict:
    """Beam's options of the run that differ from their defaults, for the manifest."""
    ours = set(_option_keys())
    return {k: v for k, v in options.get_all_options(drop_default=True).items()
            if k not in ours}


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    LOG.setLevel(logging.INFO)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_quiet_beam_noise)


def _quiet_beam_noise(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return not any(noise in message for noise in _BEAM_NOISE)


def _storage_problem(err: Exception) -> str:
    """One line for a storage error: missing bucket, no permission, or what it says."""
    text = repr(err)
    if "NotFound" in text or "404" in text:
        return "it does not exist (or its bucket does not)"
    if "Forbidden" in text or "403" in text or "Unauthorized" in text or "401" in text:
        return "permission denied"
    return text.splitlines()[0][:300]


def check_inputs(patterns: list[str]) -> list[str]:
    found = []
    for pattern in patterns:
        try:
            matched = list_pattern(pattern)
        except Exception as err:
            raise UsageError(f"cannot read input {pattern}: {_storage_problem(err)}") from err
        if matched:
            found.append(pattern)
        else:
            LOG.warning("no files match input %r", pattern)
    if not found:
        raise UsageError(f"no input files match {', '.join(map(repr, patterns))}")
    return found


def check_output(output: str) -> None:
    """Fail before any work when the output cannot be used: a file where the folder
    should be, a folder that cannot be written, a missing bucket, no permission (a
    bucket's write permission shows when the run takes the output's lock)."""
    if is_local(output):
        if os.path.exists(output) and not os.path.isdir(output):
            raise UsageError(f"cannot use output {output}: it is a file, not a folder")
        probe = os.path.join(output, f"._newsbeam_probe_{uuid.uuid4().hex[:8]}")
        try:
            os.makedirs(output, exist_ok=True)
            with open(probe, "wb"):
                pass
            os.unlink(probe)
        except OSError as err:
            raise UsageError(f"cannot use output {output}: cannot write there "
                             f"({err.strerror or err})") from err
        return
    try:
        FileSystems.match([FileSystems.join(output, "_runs", "*.json")])
    except Exception as err:
        raise UsageError(f"cannot use output {output}: {_storage_problem(err)}") from err


def check_run_id_unused(output: str, run_id: str) -> None:
    """A run id names a run's files and its manifest: a second run of one id would
    find the first's manifest and publish nothing."""
    for path in (commit.manifest_path(output, run_id), commit.staging_dir(output, run_id)):
        if FileSystems.exists(path):
            raise UsageError(f"--run-id {run_id} was used before in {output} ({path}); "
                             "choose another")
