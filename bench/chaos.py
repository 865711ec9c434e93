"""Chaos rounds for scheduled runs: kill runs at random moments, start two at once, and
check that the output ends exactly as one clean run leaves it.

Not a test: it takes minutes and its kills land wherever the clock puts them. Each
round, on a fresh output (half of the rounds first ingest half of the files, so the
killed run is an incremental one):

* ``before``: kill the run while it writes its staging folder (a random moment after
  the first staged file);
* ``during``: kill it a random few milliseconds after its commit journal appears, while
  it moves files into the tables;
* ``after``: kill it as soon as its manifest exists (before it gives its lock back);
* ``twice``: start two runs at once (one must refuse with exit code 2), and sometimes
  kill the one that runs;

then run once more, cleanly, and compare every table with a clean run's: the raw tables
(no missing, no duplicate row; run ids and start times aside) and newsbeam's
current-row views (``pipeline/views.py``). The round's line says where the kill really
landed (what the killed run left: staging, a journal, a manifest), and the summary
counts the rounds that matched. Usage::

    .venv/bin/python bench/chaos.py --rounds 20 --articles 300

Exit code 0 when every round matched, 1 if not.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import current_views  # noqa: E402  (newsbeam sql's views)

TABLES = ("articles", "entities", "events", "quotes", "errors")
IGNORED = {"run_id", "run_started_at"}  # what differs between two runs of one input
# identities.geo is taken from one of an identity's places, and two clean runs of one
# input can take another one (seen: Vienna at confidence 0.58 and 0.90): not a
# matter of scheduling, so left out of the comparison.
IGNORED_IDENTITIES = IGNORED | {"geo"}
MODES = ("before", "during", "after", "twice")


def newsbeam(landing: Path, out: Path, run_id: str, args, pattern: str = "*.txt"):
    cmd = [sys.executable, "-m", "pipeline", "--input", str(landing / pattern),
           "--output", str(out), "--model", args.model, "--workers", str(args.workers),
           "--run-id", run_id]
    with open(out.parent / f"{out.name}-{run_id}.log", "w") as log:
        return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)


def kill(proc) -> bool:
    if proc.poll() is not None:
        return False
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return True


def wait_for(condition, proc, timeout=600.0, step=0.001) -> bool:
    """Poll until ``condition()`` or the process ends; True when the condition held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return condition()
        time.sleep(step)
    return False


def fingerprint(out: Path) -> dict:
    """Each table's rows (run ids and start times aside) as a multiset of hashes: raw
    tables, the current-row views, and the ledger."""
    con = duckdb.connect()
    prints = {}
    for table in TABLES:
        pattern = f"{out}/{table}/*/*.parquet"
        if not list(out.glob(f"{table}/*/*.parquet")):
            prints[table] = collections.Counter()
            continue
        prints[table] = _hashes(con, f"read_parquet('{pattern}', hive_partitioning = true)")
    views = current_views(out)
    for table in TABLES:
        if list(out.glob(f"{table}/*/*.parquet")):
            prints[f"current {table}"] = _hashes(views, table)
        else:
            prints[f"current {table}"] = collections.Counter()
    prints["current identities"] = (_hashes(views, "identities", IGNORED_IDENTITIES)
                                    if list(out.glob("identities/*.parquet"))
                                    else collections.Counter())
    prints["ledger, latest"] = _hashes(views, (
        f"(SELECT * FROM read_parquet('{out}/_ledger/*.parquet') QUALIFY row_number() OVER "
        "(PARTITION BY source_uri ORDER BY run_started_at DESC, run_id DESC) = 1)"))
    return prints


def _hashes(con, relation: str, ignored=IGNORED) -> collections.Counter:
    columns = [d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description
               if d[0] not in ignored]
    rows = con.execute(f"SELECT md5(to_json(struct_pack({', '.join(map(_quote, columns))})))"
                       f"::VARCHAR FROM {relation}").fetchall()
    return collections.Counter(r[0] for r in rows)


def _quote(column: str) -> str:
    return f'"{column}" := "{column}"'


def differences(got: dict, want: dict) -> list[str]:
    problems = []
    for name, rows in want.items():
        missing, extra = rows - got[name], got[name] - rows
        if missing or extra:
            problems.append(f"{name}: {sum(missing.values())} missing, "
                            f"{sum(extra.values())} extra")
    return problems


def left_behind(out: Path, run_id: str) -> str:
    """Where the kill landed, from what the killed run left."""
    if (out / "_runs" / f"{run_id}.json").exists():
        return "after commit"
    if (out / "_runs" / f"{run_id}.commit.json").exists():
        return "during commit"
    if (out / "_staging" / run_id).exists():
        return "before commit"
    return "before staging"


def clean_state(out: Path) -> list[str]:
    problems = []
    if (out / "_staging").exists():
        problems.append("_staging left")
    if list(out.glob("_runs/*.commit.json")) or list(out.glob("_runs/*.tmp")):
        problems.append("journal or temporary file left")
    if (out / "_lock.json").exists():
        problems.append("lock left")
    return problems


def one_round(n: int, mode: str, landing: Path, work: Path, reference: dict, rng, args):
    out = work / f"round-{n:02d}"
    started = time.monotonic()
    note = ""
    if rng.random() < 0.5:  # an incremental round: half of the files are in already
        pre = newsbeam(landing, out, f"r{n}-pre", args, pattern="0*[02468]_*.txt")
        if pre.wait() != 0:
            return False, f"the first half's run failed ({out}-r{n}-pre.log)"
        note = "incremental, "
    victim = f"r{n}-killed"
    if mode == "twice":
        procs = [newsbeam(landing, out, f"r{n}-a", args)]
        time.sleep(rng.uniform(0, 1.5))
        procs.append(newsbeam(landing, out, f"r{n}-b", args))
        deadline = time.monotonic() + 600
        while all(p.poll() is None for p in procs) and time.monotonic() < deadline:
            time.sleep(0.05)
        if rng.random() < 0.5:  # the other one runs: kill it at some point
            time.sleep(rng.uniform(0, 5))
            if any(kill(p) for p in procs):
                note += "the running one killed, "
        codes = sorted(p.wait() for p in procs)
        note += f"exit codes {codes}"
        if codes not in ([0, 2], [-signal.SIGKILL, 2]):
            return False, note + ": expected one run to refuse (2) while the other ran"
        landed = "two at once"
    else:
        proc = newsbeam(landing, out, victim, args)
        journal = out / "_runs" / f"{victim}.commit.json"
        manifest = out / "_runs" / f"{victim}.json"
        stage = out / "_staging" / victim
        if mode == "before":
            wait_for(lambda: stage.exists() and any(p.is_file() for p in stage.rglob("*")),
                     proc, step=0.02)
            time.sleep(rng.uniform(0, 3))
        elif mode == "during":
            wait_for(journal.exists, proc)
            time.sleep(rng.uniform(0, 0.02))
        else:
            wait_for(manifest.exists, proc)
        killed = kill(proc)
        landed = left_behind(out, victim) + ("" if killed else ", had already ended")
    final = newsbeam(landing, out, f"r{n}-clean", args)
    if final.wait() != 0:
        return False, f"{landed}; the clean run failed ({out}-r{n}-clean.log)"
    problems = differences(fingerprint(out), reference) + clean_state(out)
    elapsed = time.monotonic() - started
    verdict = "ok" if not problems else "MISMATCH: " + "; ".join(problems)
    note = f" ({note.rstrip(', ')})" if note else ""
    return not problems, f"{landed}{note} -> {verdict}  [{elapsed:.1f} s]"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", default="/tmp/corpus/de-news")
    parser.add_argument("--model", default="rules")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--work", help="working folder (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(args.work or tempfile.mkdtemp(prefix="newsbeam-chaos-"))
    landing = work / "landing"
    landing.mkdir(parents=True, exist_ok=True)
    corpus = sorted(Path(args.corpus).glob("*.txt"))
    for path in sorted(rng.sample(corpus, min(args.articles, len(corpus)))):
        shutil.copy(path, landing)
    started = time.monotonic()
    ref = newsbeam(landing, work / "reference", "reference", args)
    if ref.wait() != 0:
        print(f"the reference run failed: {work}/reference-reference.log")
        return 1
    reference = fingerprint(work / "reference")
    sizes = {t: sum(reference[t].values()) for t in TABLES}
    print(f"chaos: {len(list(landing.iterdir()))} articles from {args.corpus}, model "
          f"{args.model}, {args.workers} worker(s); reference rows {sizes}")
    landed, failed = collections.Counter(), 0
    for n in range(1, args.rounds + 1):
        mode = MODES[(n - 1) % len(MODES)]
        ok, line = one_round(n, mode, landing, work, reference, rng, args)
        landed[line.split(" (")[0].split(" ->")[0].split(";")[0].split(",")[0]] += 1
        failed += not ok
        print(f"round {n:2d}  {mode:<7} {line}", flush=True)
        if ok and not args.keep:
            shutil.rmtree(work / f"round-{n:02d}", ignore_errors=True)
    print(f"summary: {args.rounds} rounds, {args.rounds - failed} matched the clean run, "
          f"{failed} did not; kills landed: "
          + ", ".join(f"{k} {v}" for k, v in sorted(landed.items()))
          + f"; {time.monotonic() - started:.0f} s")
    if not args.keep and not failed:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"working folder: {work}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
