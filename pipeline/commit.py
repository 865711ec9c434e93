"""Making a run's output visible all at once, and only when the run has succeeded.

A run writes every table into ``<output>/_staging/<run_id>/``, which no query pattern
(``<output>/<table>/*/*.parquet``) reaches. The commit is the job's own last step
(:class:`CommitRun`), not the launcher's: it waits, through side inputs, for every
write to finish, and then runs once. A launcher that only submits the job (a Dataflow
Flex Template, ``--detach``) therefore still gets an atomic run. The commit:

1. writes a journal ``<output>/_runs/<run_id>.commit.json`` listing every move and the
   run's manifest;
2. moves the staged files into the tables (one batch of renames), then the run's one
   ledger file: publishing that file is the moment the run is committed, and the
   documented views read only runs with a ledger entry (README, Scheduling);
3. writes the manifest ``<output>/_runs/<run_id>.json``, deletes the journal and the
   staging folder, and gives the output's lock back (``pipeline/lock.py``).

Journals and manifests are written to a temporary name and renamed, so a crash (or a
full disk) leaves a whole file or none. A run killed before step 1 leaves nothing
visible and no ledger entry: its staging folder is removed by the next run, which then
does the work again. A run killed during step 2 or 3 leaves a journal, and the next run
finishes that commit before it starts (:func:`recover`). A commit step that the runner
retries resumes from its journal, and one retried after it had finished does nothing.
Recovery runs only under the output's lock, so it never touches a live run's staging.
"""

from __future__ import annotations

import json
import logging
import os
import uuid

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.pvalue import AsDict, AsSingleton

from pipeline import empty_tables, lock, summary
from schemas import TABLES
from transforms.read.listing import matching_paths

LOG = logging.getLogger(__name__)
STAGING = "_staging"
RUNS = "_runs"
TEMP_SUFFIX = ".tmp"  # a JSON file being written; never matched by _runs/*.json
COMMIT_POINT = TABLES["ledger"]  # its file is published last, and alone


def staging_dir(output: str, run_id: str) -> str:
    return FileSystems.join(output, STAGING, run_id)


def staged_moves(output: str, run_id: str) -> list[tuple[str, str]]:
    """(staged file, final path) for every file the run wrote, table by table in the
    registry's order (the ledger last)."""
    stage = staging_dir(output, run_id)
    moves = []
    for table in TABLES.values():
        prefix = FileSystems.join(stage, table.folder)
        pattern = ("*", "*.parquet") if table.partitioned else ("*.parquet",)
        for path in matching_paths(FileSystems.join(prefix, *pattern)):
            moves.append((path, FileSystems.join(output, table.folder, path[len(prefix) + 1:])))
    return moves


def _write_json(path: str, data: dict) -> None:
    """Whole or not at all: written to a temporary name, then renamed into place."""
    temp = f"{path}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}"
    with FileSystems.create(temp) as fh:
        fh.write(json.dumps(data, indent=2, default=str).encode())
    FileSystems.rename([temp], [path])


def _mkdirs(path: str) -> None:
    try:
        FileSystems.mkdirs(path)
    except IOError:
        pass


class CommitError(RuntimeError):
    """The staged files are not what the run wrote: nothing is published."""


def manifest_path(output: str, run_id: str) -> str:
    return FileSystems.join(output, RUNS, f"{run_id}.json")


def _read_json(path: str) -> dict:
    with FileSystems.open(path) as fh:
        return json.loads(fh.read().decode())


def read_manifest(output: str, run_id: str) -> dict:
    return _read_json(manifest_path(output, run_id))


def commit(output: str, run_id: str, manifest: dict, files_written: int | None = None) -> str:
    """Publish a finished run; returns the manifest's path. ``files_written`` (the
    number of files the run's writes reported) guards against publishing a partial
    run: a file lost between the sink and the staging folder stops the commit."""
    path = manifest_path(output, run_id)
    journal = FileSystems.join(output, RUNS, f"{run_id}.commit.json")
    if FileSystems.exists(journal):  # a retried commit step: resume
        state = _read_json(journal)
        return _finish(output, run_id, journal, state["moves"], state["manifest"])
    if FileSystems.exists(path):  # retried after it had finished
        return path
    moves = staged_moves(output, run_id)
    if files_written is not None and len(moves) != files_written:
        raise CommitError(f"run {run_id}: the writes reported {files_written} file(s) but "
                          f"{len(moves)} are staged; nothing was published")
    if empty_tables.stage_missing(output, staging_dir(output, run_id), run_id):
        moves = staged_moves(output, run_id)  # every table exists, if need be empty
    _mkdirs(FileSystems.join(output, RUNS))
    _write_json(journal, {"run_id": run_id, "moves": moves, "manifest": manifest})
    return _finish(output, run_id, journal, moves, manifest)


class CommitRun(beam.PTransform):
    """The job's last step: publish the run once every table is written.

    ``tallies`` (key -> count, see ``pipeline/summary.py``) and ``files_written`` (the
    number of files every write reported) come in as side inputs, so the step runs only
    when all writes are done, and the manifest counts the rows that were written.
    ``manifest`` holds what the launcher knew (inputs, options, the ledger plan).
    """

    def __init__(self, output: str, run_id: str, manifest: dict, files_planned: int,
                 tallies, files_written):
        super().__init__()
        self.fn = _CommitFn(output, run_id, manifest, files_planned)
        self.tallies = tallies
        self.files_written = files_written

    def expand(self, pbegin):
        return (pbegin
                | "Once" >> beam.Create([None])
                | "Publish" >> beam.ParDo(self.fn, tallies=AsDict(self.tallies),
                                          files_written=AsSingleton(self.files_written)))


class _CommitFn(beam.DoFn):
    def __init__(self, output, run_id, manifest, files_planned):
        self.output, self.run_id = output, run_id
        self.manifest, self.files_planned = manifest, files_planned

    def process(self, _, tallies, files_written):
        manifest = summary.complete(self.manifest, dict(tallies), self.files_planned)
        path = commit(self.output, self.run_id, manifest, files_written)
        lock.release(self.output, self.run_id)  # a detached launcher has long gone
        yield path


def _finish(output: str, run_id: str, journal: str, moves, manifest: dict) -> str:
    point = FileSystems.join(output, COMMIT_POINT.folder) + "/"
    pending = []
    for source, target in moves:
        if FileSystems.exists(source):
            pending.append((source, target))
        elif not FileSystems.exists(target):
            raise RuntimeError(f"commit of run {run_id}: {source} is missing")
    for folder in sorted({target.rsplit("/", 1)[0] for _, target in pending}):
        _mkdirs(folder)
    tables = [m for m in pending if not m[1].startswith(point)]
    last = [m for m in pending if m[1].startswith(point)]
    for batch in (tables, last):  # the ledger file last: the run is committed with it
        if batch:
            FileSystems.rename([s for s, _ in batch], [t for _, t in batch])
    # older whole-table versions go only once the ledger has published this run's
    remove_superseded(output, [target for _, target in moves])
    path = manifest_path(output, run_id)
    _write_json(path, manifest)
    FileSystems.delete([journal])
    remove_staging(output, run_id)
    return path


def remove_superseded(output: str, published: list[str]) -> None:
    """A table that every run writes whole (``Table.whole``: the identities) keeps only
    the version just published: the files of its folder that this commit did not
    publish are earlier versions, which no reader needs. Runs after the moves, so a
    reader always finds a version (two for a moment, told apart by ``run_started_at``);
    a commit cut short here is finished, and this done, by the next run's recovery."""
    for table in TABLES.values():
        folder = FileSystems.join(output, table.folder)
        names = {p.rsplit("/", 1)[-1] for p in published if p.startswith(folder + "/")}
        if not table.whole or not names:
            continue
        old = [p for p in matching_paths(FileSystems.join(folder, "*.parquet"))
               if p.rsplit("/", 1)[-1] not in names]
        if old:
            FileSystems.delete(old)


def remove_staging(output: str, run_id: str) -> None:
    stage = staging_dir(output, run_id)
    try:
        if "://" in stage:  # an object store has no folders: delete what is under it
            leftovers = matching_paths(FileSystems.join(stage, "**"))
            if leftovers:
                FileSystems.delete(leftovers)
        elif FileSystems.exists(stage):
            FileSystems.delete([stage])
    except Exception as err:  # leftovers are invisible to queries; say so and go on
        LOG.warning("could not remove %s: %s", stage, err)
    if "://" not in output:  # local disk: no empty _staging folder left behind
        try:
            os.rmdir(FileSystems.join(output, STAGING))
        except OSError:
            pass


def recover(output: str) -> list[str]:
    """Finish commits a killed run left half done, and remove the staging folders of
    runs killed before their commit. Call it only while holding the output's lock
    (``pipeline/lock.py``): every other run is then dead. Returns the run ids whose
    commit was finished."""
    runs = FileSystems.join(output, RUNS)
    leftovers = matching_paths(FileSystems.join(runs, "*" + TEMP_SUFFIX))
    if leftovers:  # JSON a killed run was writing: never renamed into place
        LOG.warning("removing %d unfinished file(s) in %s: %s", len(leftovers), runs,
                    ", ".join(p.rsplit("/", 1)[-1] for p in leftovers))
        FileSystems.delete(leftovers)
    finished = []
    for journal in matching_paths(FileSystems.join(runs, "*.commit.json")):
        try:
            state = _read_json(journal)
            moves, manifest, run_id = state["moves"], state["manifest"], state["run_id"]
        except (ValueError, KeyError, TypeError) as err:
            # A torn journal (written before journals were renamed into place): its
            # commit failed while writing it, before any file moved. Its run's
            # staging is removed below and its files are done again.
            LOG.warning("removing %s: it cannot be read (%s: %s); the run never started "
                        "publishing, so its files will be processed again", journal,
                        type(err).__name__, err)
            FileSystems.delete([journal])
            continue
        _finish(output, run_id, journal, moves, manifest)
        finished.append(run_id)
        LOG.warning("finished the interrupted commit of run %s", run_id)
    root = FileSystems.join(output, STAGING)
    abandoned = {path[len(root) + 1:].split("/", 1)[0]
                 for path in matching_paths(FileSystems.join(root, "**"))}
    if "://" not in output and os.path.isdir(root):  # also the empty folders a run
        abandoned.update(os.listdir(root))  # killed after its moves leaves on disk
    for run_id in sorted(abandoned):
        LOG.warning("removing %s, left by run %s, which did not finish",
                    staging_dir(output, run_id), run_id)
        remove_staging(output, run_id)
    return finished


def recover_if_idle(output: str) -> list[str] | None:
    """For readers (a report, a SQL shell): finish what a killed run left, unless a run
    holds the output (it recovers itself when it starts). None when busy."""
    reader = f"recover-{uuid.uuid4().hex[:8]}"
    try:
        lock.acquire(output, reader, stale_after_hours=float("inf"))
    except lock.LockHeld:
        return None
    try:
        return recover(output)
    finally:
        lock.release(output, reader)
