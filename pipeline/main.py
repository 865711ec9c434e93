"""Command-line entry point: ``newsbeam`` / ``python -m pipeline``."""

from __future__ import annotations

import argparse
import logging
import sys
import time

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import (GoogleCloudOptions, PipelineOptions,
                                                  StandardOptions, TestOptions)

from pipeline import commit, graph, ledger, runner, summary
from pipeline.options import NewsbeamOptions
from transforms import event_lexicon, model_info, nlp_model, stream_sources
from transforms.provenance import new_run_id, pipeline_version
from transforms.read import as_pattern, list_files

LOG = logging.getLogger("newsbeam")
DEFAULT_INPUT = "examples/articles"

DESCRIPTION = """\
newsbeam: German news article files in, entity and event records out as Parquet.

Reads article files (" date YYYY-MM <lead>" then paragraphs split by blank lines),
rejects malformed ones into the errors table with a reason code, runs a spaCy pipeline
once per article and writes hive-partitioned Parquet tables under --output:
articles/, entities/, events/, errors/ (month=YYYY-MM/*.parquet).

Runs are incremental: files the output's ledger (_ledger/) already holds are skipped
unless they changed (or --reprocess). A run's files become visible only when it has
succeeded; _runs/<run_id>.json is its manifest.

Beam options (--runner, --project, --temp_location, ...) are accepted as well; local
runs use Beam's FnApiRunner with --workers processes. On a managed runner the job
publishes its own output at its end, so --detach may return at once. Every dashed
option also takes Beam's underscore spelling (--batch_size), as a Flex Template passes
it.
"""


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


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
            match = FileSystems.match([as_pattern(pattern)])[0]
        except Exception as err:
            raise UsageError(f"cannot read input {pattern}: {_storage_problem(err)}") from err
        if match.metadata_list:
            found.append(pattern)
        else:
            LOG.warning("no files match input %r", pattern)
    if not found:
        raise UsageError(f"no input files match {', '.join(map(repr, patterns))}")
    return found


def check_output(output: str) -> None:
    """Fail before any work when the output cannot be listed (missing bucket, no
    permission), instead of after the whole run with a stack of retries."""
    try:
        FileSystems.match([FileSystems.join(output, "_runs", "*.json")])
    except Exception as err:
        raise UsageError(f"cannot use output {output}: {_storage_problem(err)}") from err


_BEAM_NOISE = (
    # RunInference warns on every batch that it cannot read its own memory usage.
    "Resource module is not available",
    # Local SDK workers: harmless start-up notes.
    "No semi_persistent_directory found",
    "Discarding unparseable args",
)


def _quiet_beam_noise(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return not any(noise in message for noise in _BEAM_NOISE)


def run(argv: list[str] | None = None) -> dict:
    """Run newsbeam; returns the run summary. ``argv`` excludes the program name."""
    parser = argparse.ArgumentParser(prog="newsbeam", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    NewsbeamOptions._add_argparse_args(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="Beam's INFO logs too")
    argv = sys.argv[1:] if argv is None else list(argv)
    known, beam_args = parser.parse_known_args(argv)
    logging.basicConfig(level=logging.INFO if known.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    LOG.setLevel(logging.INFO)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_quiet_beam_noise)

    # All of argv, not only Beam's part: the job then records newsbeam's options too
    # (the Dataflow UI shows them, and they are what a rerun needs).
    options = PipelineOptions([a for a in argv if a not in ("-v", "--verbose")],
                              save_main_session=False)
    streaming = options.view_as(StandardOptions).streaming
    inputs = known.inputs or [DEFAULT_INPUT]
    if not streaming:  # a streaming run may start before the first file lands
        inputs = check_inputs(inputs)
    check_output(known.output)
    model = nlp_model.resolve(known.model)
    local = runner.is_local(options)
    model_label = model_info.describe(model, must_exist=local)  # fails fast if missing
    if known.event_lexicon:
        try:
            event_lexicon.load(known.event_lexicon)  # fails fast on a bad lexicon
        except (OSError, event_lexicon.LexiconError) as err:
            raise UsageError(f"--event-lexicon {known.event_lexicon}: {err}") from err
    if model == nlp_model.RULES:
        LOG.warning("No statistical German spaCy model is installed or named; using the "
                    "rule-based pipeline (gazetteer and name patterns, no parse). For real "
                    "NER and parsing: %s, or --model PATH", nlp_model.INSTALL_HINT)
    run_info = {"run_id": known.run_id or new_run_id(), "pipeline_version": pipeline_version(),
                "model": model_label}

    workers = None
    if local:
        workers = known.workers
        runner.configure_local(options, workers)
    runner_name = options.view_as(StandardOptions).runner

    if streaming:
        return _run_streaming(known, options, inputs, model, run_info, runner_name)

    if known.detach and local:
        raise UsageError("--detach needs a managed runner (--runner DataflowRunner); a "
                         "local run ends with the pipeline")
    output = known.output
    started, started_epoch = time.monotonic(), time.time()
    commit.recover(output)
    listing = list_files(inputs)
    work = ledger.plan(listing, ledger.load(output), reprocess=known.reprocess)
    manifest = {**run_info, "runner": runner_name, "workers": workers, "inputs": inputs,
                "output": output, "files_listed": len(listing), "files_new": work.new,
                "files_changed": work.changed, "files_skipped": work.skipped,
                "started_at": summary.utc_iso(started_epoch), "started_epoch": started_epoch,
                "options": {k: v for k, v in vars(known).items() if k != "verbose"},
                "beam_options": beam_args}

    if not work.process:  # nothing to do: publish an empty run, no job
        report = summary.complete(manifest, {}, 0)
        commit.commit(output, run_info["run_id"], graph.TABLES, report)
        report["model_loads"] = 0
        return report

    p = beam.Pipeline(runner=runner.create(options), options=options)
    graph.build(p, files=work.process, output=output, model=model, run=run_info,
                manifest=manifest, max_article_bytes=known.max_article_bytes,
                batch_size=known.nlp_batch_size, event_lexicon=known.event_lexicon)
    result = p.run()
    if options.view_as(TestOptions).dry_run:  # the job was built, nothing submitted
        return {"dry_run": True, "run_id": run_info["run_id"], "runner": runner_name,
                "job": getattr(result, "job", None), "files_to_process": len(work.process)}
    template = options.view_as(GoogleCloudOptions).template_location
    if known.detach or template:  # the job commits itself; a Flex launcher must not wait
        return {"detached": True, "run_id": run_info["run_id"], "runner": runner_name,
                "job_id": result.job_id() if getattr(result, "has_job", False) else None,
                "template": template,
                "files_to_process": len(work.process),
                "manifest": commit.manifest_path(output, run_info["run_id"])}
    result.wait_until_finish()
    report = commit.read_manifest(output, run_info["run_id"])
    report["model_loads"] = summary.model_loads(result)
    report["elapsed_seconds"] = round(time.monotonic() - started, 2)
    return report


def _run_streaming(known, options, inputs, model, run_info, runner_name) -> dict:
    """Start the streaming pipeline: new files from watched patterns or GCS
    notifications, windowed output straight into the tables. It runs until cancelled,
    so there is no ledger, commit or end-of-run summary."""
    if runner_name == runner.LOCAL:
        raise UsageError(
            "--streaming needs a runner that runs Beam's streaming file watcher: "
            "--runner DataflowRunner, or locally --runner PrismRunner on a machine with "
            "internet (Prism's binary is downloaded at run time). The local FnApiRunner "
            "runs batch only.")
    source = (stream_sources.GcsNotifications(known.subscription) if known.subscription
              else stream_sources.WatchFiles([as_pattern(i) for i in inputs],
                                             known.watch_interval))
    p = beam.Pipeline(options=options)
    graph.build_streaming(p | "New files" >> source, output=known.output, model=model,
                          run=run_info, window_minutes=known.window_minutes,
                          allowed_lateness_minutes=known.allowed_lateness,
                          max_article_bytes=known.max_article_bytes,
                          batch_size=known.nlp_batch_size, event_lexicon=known.event_lexicon)
    result = p.run()
    report = {"streaming": True, "run_id": run_info["run_id"], "runner": runner_name,
              "job": getattr(result, "job", None),
              "source": known.subscription or ", ".join(inputs)}
    if options.view_as(TestOptions).dry_run:
        report.update(dry_run=True, files_to_process="(streaming)")
    return report


def main(argv: list[str] | None = None) -> int:
    try:
        report = run(argv)
    except (UsageError, nlp_model.ModelNotFound) as err:
        print(f"newsbeam: error: {err}", file=sys.stderr)
        return 2
    if report.get("dry_run"):
        print(f"newsbeam: dry run on {report['runner']}: job built for "
              f"{report['files_to_process']} file(s), nothing submitted")
        return 0
    if report.get("detached"):
        where = (f"job spec written to {report['template']}" if report["template"]
                 else f"job {report['job_id']} submitted")
        print(f"newsbeam: run {report['run_id']} on {report['runner']}: {where} for "
              f"{report['files_to_process']} file(s); the job publishes its output and "
              f"{report['manifest']} when it succeeds")
        return 0
    if report.get("streaming"):
        job = report["job"]
        print(f"newsbeam: streaming run {report['run_id']} started on {report['runner']}"
              f"{f' (job {job.id})' if getattr(job, 'id', None) else ''}, reading "
              f"{report['source']}")
        return 0
    print(summary.render(report))
    return 0 if report["balanced"] else 1


if __name__ == "__main__":
    sys.exit(main())
