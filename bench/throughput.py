"""Throughput: the whole pipeline against bare spaCy on the same articles and cores.

    python bench/throughput.py [--corpus DIR_OR_TAR] [--limit N] [--workers N] [--model M]
                               [--no-startup]

The limit is the same model (with the same components the pipeline enables) running
``nlp.pipe`` over the same article texts in as many processes as the pipeline has
workers, writing nothing. The pipeline is ``python -m pipeline`` on the same files,
every table written, with the local runner and the same number of workers. Both run
in one invocation so the ratio holds on a noisy machine. Prints articles/s, words/s,
their ratio, model load time, wall time and peak RSS per process, the CPU seconds of
each side (all its processes: on a shared machine their ratio moves less than the
wall times'), the start-up (when the first article is through the NLP step, seen in
the run's progress counters, in the corpus run and in a run over one article, whose
wall time is printed too), then one JSON line. Not a test: numbers, no pass/fail.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "de-news" / "articles.tar.gz"


def corpus_files(corpus: Path, limit: int | None, workdir: Path) -> list[Path]:
    if corpus.is_file() and corpus.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(corpus) as tar:
            tar.extractall(workdir, filter="data")
        corpus = next(p for p in workdir.iterdir() if p.is_dir())
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    return files[:limit] if limit else files


def texts_of(files: list[Path]) -> list[str]:
    from transforms.read.feed import Article, parse_article
    out = []
    for path in files:
        article = parse_article(path.read_bytes(), str(path))
        if isinstance(article, Article):
            out.append(article.text)
    return out


def _limit_worker(args):
    model, texts, batch_size = args
    from transforms.nlp import model as nlp_model
    started = time.perf_counter()
    nlp = nlp_model.load(model, "bench")
    loaded = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    done = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load_s": loaded - started, "pipe_s": done - loaded, "tokens": tokens,
            "peak_rss_mb": rss_mb}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_limit(model: str, texts: list[str], workers: int, batch_size: int) -> dict:
    shares = [texts[i::workers] for i in range(workers)]
    started, cpu = time.perf_counter(), _children_cpu()
    with mp.get_context("spawn").Pool(workers) as pool:
        results = pool.map(_limit_worker, [(model, s, batch_size) for s in shares])
    wall = time.perf_counter() - started
    return {"wall_s": wall, "load_s": max(r["load_s"] for r in results),
            "peak_rss_mb": [round(r["peak_rss_mb"]) for r in results],
            "tokens": sum(r["tokens"] for r in results), "cpu_s": _children_cpu() - cpu}


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_pipeline(model: str, files_dir: Path, out: Path, workers: int, batch_size: int) -> dict:
    cmd = [sys.executable, "-m", "pipeline", "--input", str(files_dir), "--output", str(out),
           "--model", model, "--workers", str(workers), "--batch-size", str(batch_size),
           "--run-id", "bench"]
    peaks: dict[int, float] = {}
    first_in: list[float] = []
    # The run's progress counters (pipeline/progress.py) go to a folder under TMPDIR: a
    # private TMPDIR shows when the first article is through the NLP step.
    private_tmp = Path(tempfile.mkdtemp(prefix="newsbeam-bench-tmp-"))
    started, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "TMPDIR": str(private_tmp)})
    stop = threading.Event()

    def sample():
        last_rss = 0.0
        while not stop.is_set():
            now = time.perf_counter()
            if not first_in and _counted(private_tmp):
                first_in.append(now - started)
            if now - last_rss >= 0.5:
                for pid in [proc.pid, *_descendants(proc.pid)]:
                    peaks[pid] = max(peaks.get(pid, 0.0), _rss_mb(pid))
                last_rss = now
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu  # the launcher and its workers
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"pipeline failed ({proc.returncode}):\n{stderr[-3000:]}")
    shutil.rmtree(private_tmp, ignore_errors=True)
    manifest = json.loads((out / "_runs" / "bench.json").read_text())
    launcher = peaks.pop(proc.pid, 0.0)
    return {"wall_s": wall, "summary": manifest, "launcher_rss_mb": round(launcher),
            "worker_rss_mb": sorted((round(v) for v in peaks.values() if v > 100), reverse=True),
            "cpu_s": cpu, "first_in_s": first_in[0] if first_in else None}


def _counted(folder: Path) -> bool:
    """Whether a run's progress counters under the folder have counted a file."""
    from pipeline.progress import done
    for counters in folder.glob("newsbeam-progress-*"):
        try:
            if done(str(counters)):
                return True
        except OSError:  # the run removed its folder meanwhile
            pass
    return False


def _round(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 2)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder of article files or the corpus .tar.gz")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=os.environ.get("NEWSBEAM_MODEL"),
                        help="default: $NEWSBEAM_MODEL")
    parser.add_argument("--no-startup", dest="startup", action="store_false",
                        help="skip the one-article run that measures the start-up")
    args = parser.parse_args(argv)
    if not args.model:
        raise SystemExit("set NEWSBEAM_MODEL or pass --model")

    with tempfile.TemporaryDirectory(prefix="newsbeam-bench-") as tmp:
        tmp = Path(tmp)
        files = corpus_files(args.corpus, args.limit, tmp / "corpus")
        files_dir = tmp / "input"
        files_dir.mkdir()
        for path in files:
            (files_dir / path.name).symlink_to(path.resolve())
        texts = texts_of(files)
        words = sum(len(t.split()) for t in texts)

        limit = run_limit(args.model, texts, args.workers, args.batch_size)
        pipe = run_pipeline(args.model, files_dir, tmp / "out", args.workers, args.batch_size)
        startup = None
        if args.startup:  # one article: when is it in (at the latest)?
            one = tmp / "one"
            one.mkdir()
            (one / files[0].name).symlink_to(files[0].resolve())
            startup = run_pipeline(args.model, one, tmp / "out-one", args.workers,
                                   args.batch_size)

    n = len(texts)
    result = {
        "model": args.model, "workers": args.workers, "articles": n, "words": words,
        "limit_wall_s": round(limit["wall_s"], 2),
        "limit_articles_per_s": round(n / limit["wall_s"], 2),
        "limit_words_per_s": round(words / limit["wall_s"]),
        "limit_model_load_s": round(limit["load_s"], 2),
        "limit_peak_rss_mb": limit["peak_rss_mb"],
        "pipeline_wall_s": round(pipe["wall_s"], 2),
        "pipeline_articles_per_s": round(n / pipe["wall_s"], 2),
        "pipeline_words_per_s": round(words / pipe["wall_s"]),
        "pipeline_launcher_rss_mb": pipe["launcher_rss_mb"],
        "pipeline_worker_rss_mb": pipe["worker_rss_mb"],
        "pipeline_rows": pipe["summary"]["rows"],
        "ratio_words_per_s": round(limit["wall_s"] / pipe["wall_s"], 3),
        "limit_cpu_s": round(limit["cpu_s"], 1),
        "pipeline_cpu_s": round(pipe["cpu_s"], 1),
        "ratio_cpu": round(limit["cpu_s"] / pipe["cpu_s"], 3),
        "pipeline_first_article_in_s": _round(pipe["first_in_s"]),
        "one_article_run_wall_s": None if startup is None else round(startup["wall_s"], 2),
        "one_article_first_in_s": None if startup is None else _round(startup["first_in_s"]),
    }
    print(f"articles {n}, words {words}, workers {args.workers}, model {args.model}")
    print(f"limit    (nlp.pipe)  wall {result['limit_wall_s']:>7.2f} s  "
          f"{result['limit_articles_per_s']:>7.2f} articles/s  {result['limit_words_per_s']:>7} words/s  "
          f"model load {result['limit_model_load_s']:.2f} s  peak RSS {limit['peak_rss_mb']} MB")
    print(f"pipeline (newsbeam)  wall {result['pipeline_wall_s']:>7.2f} s  "
          f"{result['pipeline_articles_per_s']:>7.2f} articles/s  {result['pipeline_words_per_s']:>7} words/s  "
          f"launcher {pipe['launcher_rss_mb']} MB, workers {pipe['worker_rss_mb']} MB")
    print(f"pipeline / limit (words/s): {result['ratio_words_per_s']:.3f}")
    print(f"CPU seconds (every process of each): limit {result['limit_cpu_s']}, pipeline "
          f"{result['pipeline_cpu_s']}: limit / pipeline {result['ratio_cpu']:.3f}")
    print(f"start-up: the first article is through the NLP step after "
          f"{result['pipeline_first_article_in_s']} s (whole run)")
    if startup is not None:
        print(f"start-up: a run over one article takes {result['one_article_run_wall_s']:.2f} s "
              f"wall, its article through the NLP step after "
              f"{result['one_article_first_in_s']} s")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
