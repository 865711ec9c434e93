"""Making a run's output visible all at once, and only when the run has succeeded.

A run writes every table into ``<output>/_staging/<run_id>/``, which no query pattern
(``<output>/<table>/*/*.parquet``) reaches. The commit is the job's own last step
(:class:`CommitRun`), not the launcher's: it waits, through side inputs, for every
write to finish, and then runs once. A launcher that only submits the job (a Dataflow
Flex Template, ``--detach``) therefore still gets an atomic run. The commit:

1. writes a journal ``<output>/_runs/<run_id>.commit.json`` listing every move and the
   run's manifest;
2. moves the staged files into the tables, the ledger file last;
3. writes the manifest ``<output>/_runs/<run_id>.json`` and deletes the journal and the
   staging folder.

A run killed before step 1 leaves nothing visible and no ledger entry: its staging
folder is removed by the next run, which then does the work again. A run killed during
step 2 or 3 leaves a journal, and the next run finishes that commit before it starts
(:func:`recover`). A commit step that the runner retries resumes from its journal, and
one retried after it had finished does nothing. Meant for one run at a time per output
folder.
"""

from __future__ import annotations

import json
import logging
import os

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.pvalue import AsDict, AsSingleton

from pipeline import empty_tables, summary
from schemas import TABLES
from transforms.read.listing import matching_paths

LOG = logging.getLogger(__name__)
STAGING = "_staging"
RUNS = "_runs"


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
    with FileSystems.create(path) as fh:
        fh.write(json.dumps(data, indent=2, default=str).encode())


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
        yield commit(self.output, self.run_id, manifest, files_written)


def _finish(output: str, run_id: str, journal: str, moves, manifest: dict) -> str:
    for source, target in moves:
        if FileSystems.exists(source):
            _mkdirs(target.rsplit("/", 1)[0])
            FileSystems.rename([source], [target])
        elif not FileSystems.exists(target):
            raise RuntimeError(f"commit of run {run_id}: {source} is missing")
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
    runs killed before their commit. Returns the run ids whose commit was finished."""
    finished = []
    for journal in matching_paths(FileSystems.join(output, RUNS, "*.commit.json")):
        state = _read_json(journal)
        _finish(output, state["run_id"], journal, state["moves"], state["manifest"])
        finished.append(state["run_id"])
        LOG.warning("finished the interrupted commit of run %s", state["run_id"])
    root = FileSystems.join(output, STAGING)
    abandoned = {path[len(root) + 1:].split("/", 1)[0]
                 for path in matching_paths(FileSystems.join(root, "**"))}
    for run_id in sorted(abandoned):
        LOG.warning("removing %s, left by run %s, which did not finish",
                    staging_dir(output, run_id), run_id)
        remove_staging(output, run_id)
    return finished
