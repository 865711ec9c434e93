"""Readers never see part of a run, and a crash while writing the commit's files never
poisons later runs (issue 14, rows 4 and 6): newsbeam's current-row views
(``pipeline/views.py``) against a run killed half-way through publishing; torn and
unfinished files."""

import errno
import json
import logging
import os
import shutil

import duckdb
import pytest
from apache_beam.io.filesystems import FileSystems

from pipeline import commit
from pipeline.run import run
from tests.conftest import EXAMPLES, current_views
from transforms.nlp.model import RULES


def newsbeam(landing, out, *extra):
    return run(["--input", str(landing), "--output", str(out), "--model", RULES,
                "--workers", "1", *extra]).manifest


def raw(out, table):
    return duckdb.connect().execute(
        f"SELECT count(*) FROM read_parquet('{out}/{table}/*/*.parquet')").fetchone()[0]


def current(out, table):
    return current_views(out).execute(
        f"SELECT run_id, count(*) FROM {table} GROUP BY ALL ORDER BY ALL").fetchall()


@pytest.fixture
def landing(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    for path in EXAMPLES.glob("*.txt"):
        shutil.copy(path, folder)
    (folder / "empty.txt").write_bytes(b"")  # an errors row in every table's view
    return folder


def test_the_views_show_no_part_of_a_run_killed_while_publishing(landing, tmp_path,
                                                                  monkeypatch):
    out = tmp_path / "out"
    first = newsbeam(landing, out)
    r1 = first["run_id"]
    before = {t: current(out, t)
              for t in ("articles", "entities", "events", "quotes", "errors", "identities")}
    assert before["articles"] == [(r1, 2)] and before["errors"] == [(r1, 1)]
    assert before["identities"][0][0] == r1 and before["quotes"][0][0] == r1

    # run 2 does every file again and dies after moving its table files, before its
    # ledger file: the raw tables hold both runs, the views still run 1 only
    real_rename = FileSystems.rename

    def die_before_the_ledger(sources, targets, *args, **kwargs):
        if any(str(t).startswith(f"{out}/_ledger/") for t in targets):
            raise OSError("killed")
        return real_rename(sources, targets, *args, **kwargs)

    monkeypatch.setattr(FileSystems, "rename", staticmethod(die_before_the_ledger))
    with pytest.raises(Exception, match="killed"):
        newsbeam(landing, out, "--reprocess")
    monkeypatch.setattr(FileSystems, "rename", staticmethod(real_rename))
    assert raw(out, "articles") == 4 and raw(out, "errors") == 2
    (journal,) = (out / "_runs").glob("*.commit.json")
    for table, rows in before.items():
        assert current(out, table) == rows, table

    # the next run finishes run 2's commit first: now run 2's rows are the current ones
    third = newsbeam(landing, out)
    r2 = journal.name.removesuffix(".commit.json")
    assert third["files_skipped"] == 3 and not journal.exists()
    for table, rows in before.items():
        assert current(out, table) == [(r2, n) for _, n in rows], table


def test_the_views_order_runs_by_their_start_not_their_id(landing, tmp_path):
    out = tmp_path / "out"
    newsbeam(landing, out, "--run-id", "zzz-first")
    second = newsbeam(landing, out, "--reprocess", "--run-id", "aaa-second")
    assert current(out, "articles") == [(second["run_id"], 2)]


def test_a_torn_journal_and_unfinished_files_are_cleaned_up_and_logged(landing, tmp_path,
                                                                      caplog):
    out = tmp_path / "out"
    (out / "_runs").mkdir(parents=True)
    (out / "_runs" / "old.commit.json").write_text('{"run_id": "old", "moves": [["/x", ')
    (out / "_runs" / "old.json.1a2b3c4d.tmp").write_text('{"run_id": "ol')
    staged = out / "_staging" / "old" / "articles" / "month=2023-09"
    staged.mkdir(parents=True)
    (staged / "articles-old-00000-of-00001.parquet").write_bytes(b"x")
    with caplog.at_level(logging.WARNING):
        report = newsbeam(landing, out)
    assert report["files_new"] == 3 and report["balanced"]
    assert sorted(p.name for p in (out / "_runs").iterdir()) == [f"{report['run_id']}.json"]
    assert not (out / "_staging").exists()
    messages = " | ".join(r.getMessage() for r in caplog.records)
    assert "old.commit.json: it cannot be read (JSONDecodeError" in messages
    assert "removing 1 unfinished file(s)" in messages and "left by run old" in messages


def test_a_full_disk_while_journaling_leaves_no_journal_and_later_runs_work(landing, tmp_path,
                                                                          monkeypatch):
    out = tmp_path / "out"
    stage = commit.staging_dir(str(out), "r1")
    os.makedirs(f"{stage}/_ledger")
    with open(f"{stage}/_ledger/ledger-r1-00000-of-00001.parquet", "wb") as fh:
        fh.write(b"x")
    real_create = FileSystems.create

    def create(path, *args, **kwargs):
        if ".commit.json" in path:
            return _ChunkedFullDisk(real_create(path, *args, **kwargs))
        return real_create(path, *args, **kwargs)

    monkeypatch.setattr(FileSystems, "create", staticmethod(create))
    with pytest.raises(OSError, match="No space left"):
        commit.commit(str(out), "r1", {"run_id": "r1"}, files_written=1)
    monkeypatch.setattr(FileSystems, "create", staticmethod(real_create))
    assert not (out / "_runs" / "r1.commit.json").exists()  # whole or not at all
    assert list((out / "_runs").glob("r1.commit.json.*.tmp"))  # the torn part

    report = newsbeam(landing, out)  # not poisoned: recovers and does the work
    assert report["files_new"] == 3 and report["balanced"]
    assert not list((out / "_runs").glob("*.tmp")) and not (out / "_staging").exists()
    assert not (out / "_ledger" / "ledger-r1-00000-of-00001.parquet").exists()
    assert json.loads((out / "_runs" / f"{report['run_id']}.json").read_text())["balanced"]


class _ChunkedFullDisk:
    """Writes half of the first write to the real file, then fails like a full disk."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, data):
        self.fh.write(data[:len(data) // 2])
        self.fh.close()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_reader_recovers_only_when_no_run_holds_the_output(landing, tmp_path):
    from pipeline import lock

    out = tmp_path / "out"
    newsbeam(landing, out)
    (out / "_staging" / "dead" / "events").mkdir(parents=True)
    (out / "_staging" / "dead" / "events" / "x.parquet").write_bytes(b"x")
    lock.acquire(str(out), "live", 6)
    assert commit.recover_if_idle(str(out)) is None  # busy: the holder recovers
    assert (out / "_staging" / "dead").exists()
    lock.release(str(out), "live")
    assert commit.recover_if_idle(str(out)) == []
    assert not (out / "_staging").exists() and not (out / "_lock.json").exists()


def test_the_empty_folders_of_a_run_killed_after_its_moves_are_removed(tmp_path):
    out = tmp_path / "out"
    (out / "_staging" / "moved" / "articles" / "month=2023-09").mkdir(parents=True)
    (out / "_staging" / "moved" / "_temp" / "entities").mkdir(parents=True)
    assert commit.recover(str(out)) == []
    assert not (out / "_staging").exists()
