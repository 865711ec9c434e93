"""Where a local run's time goes, stage by stage, as Beam's FnApiRunner executes it.

    python bench/stages.py -- NEWSBEAM OPTIONS...   (e.g. --input DIR --output OUT --workers 2)

Runs the pipeline in this process (the launcher) with the runner's bundle execution
timed: for every fused stage it prints when it started (seconds after this process
started), its wall time, the launcher's CPU time (which
is what moving data between stages costs it: every element that leaves a stage is
decoded, grouped and encoded again there), the bytes that went into the stage, and,
with several workers, each worker's share of the stage's wall time (the skew at its
end: the stage ends when its slowest part does). Then the whole run's wall time and
the CPU time of the launcher and of the worker processes. Not a test: numbers only.
"""

from __future__ import annotations

import collections
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STAGES: dict[str, dict] = collections.defaultdict(
    lambda: {"bundles": 0, "wall": 0.0, "cpu": 0.0, "parts": [], "first": None})
STARTED = time.perf_counter()
_lock = threading.Lock()


def _size(buffers) -> int:
    total = 0
    for value in buffers.values():
        try:
            total += sum(len(chunk) for chunk in value)
        except TypeError:
            pass
    return total


def _patch() -> None:
    from apache_beam.runners.portability.fn_api_runner import fn_runner

    plain = fn_runner.BundleManager.process_bundle

    def timed_part(self, inputs, *args, **kwargs):
        started = time.perf_counter()
        try:
            return plain(self, inputs, *args, **kwargs)
        finally:
            record = getattr(_local, "record", None)
            if record is not None:
                with _lock:
                    record["parts"].append((time.perf_counter() - started, _size(inputs)))

    _local = threading.local()
    fn_runner.BundleManager.process_bundle = timed_part

    execute = fn_runner.FnApiRunner._execute_bundle

    def timed_stage(self, context, bundle_context_manager, bundle_input):
        name = bundle_context_manager.stage.name
        record = STAGES[name]
        record["bundles"] += 1
        if record["first"] is None:
            record["first"] = time.perf_counter() - STARTED
        started, cpu = time.perf_counter(), time.process_time()
        _local.record = record
        parts_before = len(record["parts"])
        try:
            return execute(self, context, bundle_context_manager, bundle_input)
        finally:
            record["wall"] += time.perf_counter() - started
            record["cpu"] += time.process_time() - cpu
            if len(record["parts"]) == parts_before:  # a single-worker bundle manager
                record["parts"].append((time.perf_counter() - started, 0))

    fn_runner.FnApiRunner._execute_bundle = timed_stage

    # parts executed on the runner's thread pool: carry the stage's record along
    parallel = fn_runner.ParallelBundleManager.process_bundle

    def parallel_with_record(self, *args, **kwargs):
        record = getattr(_local, "record", None)
        original = fn_runner.BundleManager.process_bundle

        def part(bm, inputs, *a, **k):
            _local.record = record
            return original(bm, inputs, *a, **k)

        fn_runner.BundleManager.process_bundle = part
        try:
            return parallel(self, *args, **kwargs)
        finally:
            fn_runner.BundleManager.process_bundle = original

    fn_runner.ParallelBundleManager.process_bundle = parallel_with_record


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _short(name: str, width: int = 70) -> str:
    return name if len(name) <= width else name[:width - 3] + "..."


def report(wall: float, cpu: float, workers_cpu: float, out=sys.stdout) -> None:
    rows = sorted(STAGES.items(), key=lambda kv: -kv[1]["wall"])
    total = sum(r["wall"] for _, r in rows) or 1.0
    print(f"{'stage':70}  {'starts':>6} {'wall s':>7} {'share':>6} {'launcher cpu s':>14} "
          f"{'in MB':>7}  parts (s)", file=out)
    for name, r in rows:
        parts = sorted((round(t, 1) for t, _ in r["parts"]), reverse=True)[:4]
        print(f"{_short(name):70}  {r['first']:6.1f} {r['wall']:7.2f} {r['wall'] / total:6.1%} "
              f"{r['cpu']:14.2f} {sum(b for _, b in r['parts']) / 1e6:7.1f}  {parts}", file=out)
    first = min((r["first"] for _, r in rows), default=0.0)
    print(f"\nrun wall {wall:.1f} s (the first stage started at {first:.1f} s, the stages "
          f"took {total:.1f} s); launcher CPU {cpu:.1f} s; worker processes CPU "
          f"{workers_cpu:.1f} s (children, once they have exited)", file=out)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    _patch()
    from pipeline.run import run
    started, cpu = time.perf_counter(), time.process_time()
    result = run(argv)
    wall = time.perf_counter() - started
    report(wall, time.process_time() - cpu, _children_cpu())
    return 0 if result.ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main(sys.argv[1:]))
