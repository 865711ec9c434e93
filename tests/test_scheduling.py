"""Scheduled runs: incremental, atomic, idempotent, and safe against bad input."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from pipeline import commit
from pipeline.run import run
from schemas import TABLES
from tests.conftest import EXAMPLES, ROOT, SEED_000, current_views, stem
from transforms.nlp.model import RULES

SEED_004 = "004_cf3571c0e23879cb"


def newsbeam(inputs, out, *extra):
    args = [a for i in inputs for a in ("--input", str(i))]
    return run([*args, "--output", str(out), "--model", RULES, "--workers", "1",
                *extra]).manifest


def rows(out, table, where=""):
    return duckdb.connect().execute(
        f"SELECT * FROM read_parquet('{out}/{table}/*/*.parquet', hive_partitioning = true) "
        f"{where}").fetchall()


@pytest.fixture
def landing(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    shutil.copy(EXAMPLES / f"{SEED_000}.txt", folder)
    return folder


def test_runs_process_only_new_and_changed_files(landing, tmp_path):
    out = tmp_path / "out"
    first = newsbeam([landing], out)
    assert (first["files_new"], first["files_skipped"], first["articles_parsed"]) == (1, 0, 1)
    entities = len(rows(out, "entities"))

    again = newsbeam([landing], out)
    assert (again["files_new"], again["files_changed"], again["files_skipped"]) == (0, 0, 1)
    assert again["files_matched"] == 0 and again["balanced"]
    assert len(rows(out, "articles")) == 1 and len(rows(out, "entities")) == entities
    assert json.loads((out / "_runs" / f"{again['run_id']}.json").read_text())["files_skipped"] == 1

    shutil.copy(EXAMPLES / f"{SEED_004}.txt", landing)
    added = newsbeam([landing], out)
    assert (added["files_new"], added["files_skipped"], added["articles_parsed"]) == (1, 1, 1)

    path = landing / f"{SEED_000}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(" date 2023-09 ", " date 2023-10 ", 1),
                    encoding="utf-8")
    os.utime(path, (time.time() + 5, time.time() + 5))
    changed = newsbeam([landing], out)
    assert (changed["files_new"], changed["files_changed"], changed["files_skipped"]) == (0, 1, 1)

    # the old rows stay, superseded; the documented views see one current row per file
    assert len(rows(out, "articles")) == 3
    current = current_views(out).execute(
        "SELECT article_id, month, run_id FROM articles ORDER BY 1").fetchall()
    assert [(stem(a), m) for a, m, _ in current] == [(SEED_000, "2023-10"), (SEED_004, "2023-09")]
    assert current[0][2] == changed["run_id"]
    ledger = duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT source_uri) FROM '{out}/_ledger/*.parquet'").fetchone()
    assert ledger == (3, 2)

    redo = newsbeam([landing], out, "--reprocess")
    assert (redo["files_changed"], redo["files_reprocessed"], redo["articles_parsed"]) == (0, 2, 2)


def test_a_killed_commit_is_finished_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    stage = commit.staging_dir(str(out), "r9")
    staged = [f"{stage}/articles/month=2023-09/articles-r9-00000-of-00001.parquet",
              f"{stage}/_ledger/ledger-r9-00000-of-00001.parquet"]
    for path in staged:
        os.makedirs(os.path.dirname(path))
        with open(path, "w") as fh:
            fh.write("x")
    moves = commit.staged_moves(str(out), "r9")
    assert [m[1] for m in moves] == [
        f"{out}/articles/month=2023-09/articles-r9-00000-of-00001.parquet",
        f"{out}/_ledger/ledger-r9-00000-of-00001.parquet"]
    # the run died after its journal and its first move
    os.makedirs(out / "_runs")
    (out / "_runs" / "r9.commit.json").write_text(json.dumps(
        {"run_id": "r9", "moves": moves, "manifest": {"run_id": "r9"}}))
    os.makedirs(os.path.dirname(moves[0][1]))
    os.rename(moves[0][0], moves[0][1])
    # and another run died before its commit
    os.makedirs(commit.staging_dir(str(out), "r8") + "/events")
    with open(commit.staging_dir(str(out), "r8") + "/events/x.parquet", "w") as fh:
        fh.write("x")

    assert commit.recover(str(out)) == ["r9"]
    assert all(os.path.exists(target) for _, target in moves)
    assert json.loads((out / "_runs" / "r9.json").read_text()) == {"run_id": "r9"}
    assert not (out / "_runs" / "r9.commit.json").exists()
    assert not (out / "_staging").exists()


def _stage_files(out, run_id, tables):
    stage = commit.staging_dir(str(out), run_id)
    for table in tables:
        folder = f"{stage}/{table}/month=2023-09" if table != "ledger" else f"{stage}/_ledger"
        os.makedirs(folder)
        with open(f"{folder}/{table}-{run_id}-00000-of-00001.parquet", "w") as fh:
            fh.write("x")


def test_a_retried_commit_step_publishes_once(tmp_path):
    out = tmp_path / "out"
    _stage_files(out, "r5", ["articles", "events", "ledger"])
    first = commit.commit(str(out), "r5", {"run_id": "r5"}, files_written=3)
    # the runner retries the step after it had finished: nothing moves, nothing fails
    assert commit.commit(str(out), "r5", {"run_id": "other"}, files_written=3) == first
    assert json.loads((out / "_runs" / "r5.json").read_text()) == {"run_id": "r5"}
    published = {p.name for p in out.rglob("*.parquet")}
    # the three staged files, and an empty file for each table the run wrote nothing of
    staged = {"articles", "events", "ledger"}
    assert published == {f"{t}-r5-00000-of-00001.parquet" for t in staged} | {
        f"{t}-r5-empty.parquet" for t in TABLES if t not in staged}


def test_a_commit_that_finds_fewer_files_than_were_written_publishes_nothing(tmp_path):
    out = tmp_path / "out"
    _stage_files(out, "r6", ["articles", "ledger"])
    with pytest.raises(commit.CommitError, match="reported 3 file"):
        commit.commit(str(out), "r6", {"run_id": "r6"}, files_written=3)
    assert not (out / "articles").exists() and not (out / "_ledger").exists()
    assert not (out / "_runs" / "r6.json").exists()


def test_a_run_killed_mid_way_leaves_nothing_visible_and_the_next_completes(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    text = (EXAMPLES / f"{SEED_000}.txt").read_bytes()
    for i in range(400):
        (landing / f"{i:05d}_copy.txt").write_bytes(text)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "--input", str(landing), "--output", str(out),
           "--model", RULES, "--workers", "1", "--run-id", "killed"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    stage = out / "_staging" / "killed"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if stage.exists() and any(p.is_file() for p in stage.rglob("*")):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    for table in ("articles", "entities", "events", "errors", "_ledger"):
        assert not list((out / table).rglob("*.parquet")) if (out / table).exists() else True
    assert not (out / "_runs" / "killed.json").exists()

    report = run(["--input", str(landing), "--output", str(out), "--model", RULES,
                  "--workers", "1"]).manifest
    assert report["files_new"] == 400 and report["articles_parsed"] == 400
    assert duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT article_id) FROM "
        f"read_parquet('{out}/articles/*/*.parquet')").fetchone() == (400, 400)
    assert not (out / "_staging").exists()


def _table(out, table, order):
    columns = ", ".join(c for c in order)
    return duckdb.connect().execute(
        f"SELECT {columns} FROM read_parquet('{out}/{table}/*/*.parquet', hive_partitioning=true) "
        f"ORDER BY ALL").fetchall()


def test_same_input_same_rows_whatever_the_workers_or_the_file_order(tmp_path):
    seeds = [EXAMPLES / f"{SEED_000}.txt", EXAMPLES / f"{SEED_004}.txt"]
    one = newsbeam(seeds, tmp_path / "one")
    two = run([a for s in reversed(seeds) for a in ("--input", str(s))]
              + ["--output", str(tmp_path / "two"), "--model", RULES, "--workers", "2"]).manifest
    assert one["run_id"] != two["run_id"] and two["workers"] == 2
    for table, columns in {
        "articles": ["article_id", "text", "content_sha256", "month", "word_count"],
        "entities": ["article_id", "entity_key", "canonical_name", "label", "mention_count",
                     "to_json(mentions)"],
        "events": ["event_id", "event_type", "event_mode", "modality", "to_json(actor1)",
                   "to_json(actor2)", "to_json(location)", "to_json(source)", "confidence"],
    }.items():
        first, second = _table(tmp_path / "one", table, columns), _table(tmp_path / "two", table, columns)
        assert first and first == second, table


def test_a_1_gib_file_is_rejected_from_its_size_and_never_opened(tmp_path, monkeypatch):
    from transforms.read import transform

    landing = tmp_path / "landing"
    landing.mkdir()
    huge = landing / "999_huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(1 << 30)  # sparse: 1 GiB on paper, nothing on disk
    shutil.copy(EXAMPLES / f"{SEED_000}.txt", landing)
    opened = []
    real_read = transform.read_bytes
    monkeypatch.setattr(transform, "read_bytes",
                        lambda path, limit: opened.append(path) or real_read(path, limit))
    report = newsbeam([landing], tmp_path / "out")
    assert report["errors_by_reason"] == {"too_large": 1} and report["articles_parsed"] == 1
    assert not [p for p in opened if p.endswith("999_huge.txt")]
    assert [p for p in opened if p.endswith(f"{SEED_000}.txt")]  # the other one was read
    (reason, stage), = duckdb.connect().execute(
        f"SELECT reason, stage FROM read_parquet('{tmp_path}/out/errors/*/*.parquet')").fetchall()
    assert (reason, stage) == ("too_large", "read")


def test_ten_thousand_small_files(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for i in range(10_000):
        (landing / f"{i:05d}_small.txt").write_text(
            f" date 2023-{i % 12 + 1:02d} Kurzmeldung {i} aus Berlin.\n\nDer Bürgermeister "
            f"traf Vertreter der Stadt.", encoding="utf-8")
    report = newsbeam([landing], tmp_path / "out")
    assert report["files_matched"] == report["articles_parsed"] == 10_000 and report["balanced"]
    assert duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT month) FROM "
        f"read_parquet('{tmp_path}/out/articles/*/*.parquet', hive_partitioning=true)"
    ).fetchone() == (10_000, 12)
    assert duckdb.connect().execute(
        f"SELECT count(*) FROM '{tmp_path}/out/_ledger/*.parquet'").fetchone() == (10_000,)
