"""One run at a time per output (issue 14, row 5): the lock on local disk and on gs://."""

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from pipeline import commit, lock
from pipeline.main import main
from tests.conftest import EXAMPLES, ROOT
from transforms.nlp.model import RULES


def _argv(out, *extra):
    return ["--input", str(EXAMPLES), "--output", str(out), "--model", RULES,
            "--workers", "1", *extra]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _write_lock(path, **fields):
    holder = {"run_id": "other", "host": socket.gethostname(), "pid": os.getpid(),
              "started_at": "2026-01-01T00:00:00+00:00", "boot_id": lock._boot_id(),
              "process_start": "", **fields}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(holder))


def test_a_second_run_refuses_in_one_line_and_leaves_the_live_runs_staging(tmp_path, capsys):
    out = tmp_path / "out"
    lock.acquire(str(out), "live-run", 6)  # held by this (live) process
    staged = out / "_staging" / "live-run" / "articles" / "x.parquet"
    staged.parent.mkdir(parents=True)
    staged.write_bytes(b"being written")
    try:
        assert main(_argv(out)) == 2
    finally:
        lock.release(str(out), "live-run")
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newsbeam: error: output {out} is in use by run live-run (host "
                          f"{socket.gethostname()}, pid {os.getpid()}, since ")
    assert len(err.splitlines()) == 1
    assert staged.read_bytes() == b"being written" and not (out / "_runs").exists()


@pytest.mark.parametrize("stale, why", [
    ({"pid": "dead"}, "no longer runs"),
    ({"boot_id": "an-earlier-boot"}, "restarted"),
])
def test_a_lock_whose_process_is_gone_is_taken_over_and_logged(tmp_path, caplog, stale, why):
    out = tmp_path / "out"
    fields = {"run_id": "crashed", **stale}
    if fields.get("pid") == "dead":
        fields["pid"] = _dead_pid()
    _write_lock(out / "_lock.json", **fields)
    (out / "_staging" / "crashed" / "events").mkdir(parents=True)
    (out / "_staging" / "crashed" / "events" / "x.parquet").write_bytes(b"x")
    with caplog.at_level(logging.WARNING, logger="newsbeam"):
        assert main(_argv(out)) == 0
    assert any("took over the lock of run crashed" in r.message and why in r.message
               for r in caplog.records)
    assert not (out / "_staging").exists()  # the dead run's staging was recovered
    assert not (out / "_lock.json").exists()  # and the run gave its own lock back


def test_a_lock_from_another_host_counts_until_it_is_older_than_stated(tmp_path, capsys):
    out = tmp_path / "out"
    _write_lock(out / "_lock.json", run_id="remote", host="elsewhere", pid=1, boot_id="b")
    assert main(_argv(out)) == 2
    assert "in use by run remote (host elsewhere" in capsys.readouterr().err
    time.sleep(0.05)
    assert main(_argv(out, "--stale-lock-hours", "0.00001")) == 0


def test_a_failed_run_gives_its_lock_back(tmp_path, monkeypatch):
    from pipeline import graph

    def broken(*args, **kwargs):
        raise RuntimeError("the job could not be built")
    monkeypatch.setattr(graph, "build", broken)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        main(_argv(out))
    assert not (out / "_lock.json").exists()


def _race(acquire, n=8):
    won, lost = [], []
    start = threading.Barrier(n)

    def one(i):
        start.wait()
        try:
            acquire(f"r{i}")
            won.append(i)
        except lock.LockHeld:
            lost.append(i)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return won, lost


def test_runs_racing_for_a_free_or_a_stale_local_lock_have_one_winner(tmp_path):
    for attempt in range(10):
        out = str(tmp_path / f"out{attempt}")
        won, lost = _race(lambda r: lock.acquire(out, r, 6))
        assert len(won) == 1 and len(lost) == 7
        assert lock.holder_of(out).run_id == f"r{won[0]}"
        os.unlink(lock.lock_path(out))
        _write_lock(tmp_path / f"out{attempt}" / "_lock.json", run_id="dead", pid=_dead_pid())
        won, lost = _race(lambda r: lock.acquire(out, r, 6))
        assert len(won) == 1 and lock.holder_of(out).run_id == f"r{won[0]}"
        assert sorted(os.listdir(out)) == ["_lock.json"]  # nothing left beside it


def test_two_runs_started_at_once_one_refuses_and_no_row_is_doubled(tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", *_argv(out)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    codes = sorted(code for _, _, code in results)
    assert codes == [0, 2], results
    refused = next(err for _, err, code in results if code == 2)
    assert "is in use by run" in refused
    assert duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT source_uri) FROM "
        f"read_parquet('{out}/articles/*/*.parquet')").fetchone() == (2, 2)


def test_the_gcs_lock_is_one_object_created_only_if_absent(gcs):
    bucket = gcs.bucket("lock-lake")
    out = "gs://lock-lake/out"
    won, lost = _race(lambda r: lock.acquire(out, r, 6))
    assert len(won) == 1 and len(lost) == 7
    holder = json.loads(bucket.blob("out/_lock.json").download_as_bytes())
    assert holder["run_id"] == f"r{won[0]}" and holder["pid"] == os.getpid()
    assert not lock.release(out, "someone-else")
    assert lock.release(out, f"r{won[0]}") and not bucket.blob("out/_lock.json").exists()


def test_a_gcs_lock_of_another_host_is_taken_over_once_it_is_old(gcs, caplog):
    bucket = gcs.bucket("stale-lake")
    out = "gs://stale-lake/out"
    bucket.blob("out/_lock.json").upload_from_string(json.dumps(
        {"run_id": "job-1", "host": "dataflow-launcher", "pid": 7,
         "started_at": "2026-01-01T00:00:00+00:00"}))
    with pytest.raises(lock.LockHeld, match="in use by run job-1 .host dataflow-launcher"):
        lock.acquire(out, "r2", 6)
    time.sleep(0.05)
    with caplog.at_level(logging.WARNING, logger="newsbeam"):
        won, lost = _race(lambda r: lock.acquire(out, r, 0.00001))
    assert len(won) == 1
    assert any("took over the lock of run job-1" in r.message and "h old" in r.message
               for r in caplog.records)
    commit.remove_staging(out, "job-1")  # nothing there: fine
