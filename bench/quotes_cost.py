"""Cost of the quotation step on long inputs: does it grow linearly with the text?

    python bench/quotes_cost.py [--model PATH_OR_rules] [--sizes 20000,40000,80000,200000]
                                [--article-sizes 250000,1000000] [--cap 120] [--cache DIR]

Three one-sentence inputs with no sentence end, each a phrase repeated to the size
("Müller sagte, die Lage sei ernst, ", the same without commas, "laut Polizei kamen
viele Menschen und "), and long articles made of the quotes-dev articles one after
another. Each text is parsed once (cached under ``--cache``), then the quotation step
alone (``quotes`` rows, the events' speech cues included) is timed in a child process,
stopped after ``--cap`` seconds. Prints seconds per case and the ratio to the case half
its size (about 2 when the cost is linear, 4 when quadratic). Not a test: figures only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import multiprocessing as mp
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms import provenance  # noqa: E402
from transforms.nlp import model as nlp_model  # noqa: E402
from transforms.nlp.annotated import annotated_row  # noqa: E402
from transforms.read import feed  # noqa: E402
from transforms.read.rows import article_row  # noqa: E402

PATTERNS = {"comma": "Müller sagte, die Lage sei ernst, ",
            "no-comma": "Müller sagte die Lage sei ernst ",
            "laut": "laut Polizei kamen viele Menschen und "}
CORPUS = ROOT.parent / "shared" / "corpus" / "quotes-dev" / "in"


def article_text(size: int) -> str:
    """quotes-dev article bodies, one after another, to about ``size`` characters."""
    parts, total = [], 0
    while total < size:
        for path in sorted(CORPUS.iterdir()):
            body = path.read_text(encoding="utf-8").split("\n\n", 1)[-1].strip()
            parts.append(body)
            total += len(body) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def annotate(text: str, nlp, cache: Path) -> dict:
    key = hashlib.sha1(f"{nlp_model.model_id(nlp)}|{text}".encode()).hexdigest()[:16]
    path = cache / f"{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    run = {"run_id": "bench", "model": nlp_model.model_id(nlp), "pipeline_version": "bench",
           "started_at": dt.datetime.now(dt.timezone.utc)}
    row = article_row(feed.parse_article(f" date 2023-09-01 Bench\n\n{text}\n".encode(),
                                         "/bench/q1.txt"), run)
    nlp.max_length = max(nlp.max_length, len(row["text"]) + 1)
    annotated = annotated_row(row, [nlp(row["text"])], nlp)
    path.write_bytes(pickle.dumps(annotated))
    return annotated


def _time_quotes(row: dict, out) -> None:
    from transforms.extract.context import build
    from transforms.quotes.rows import quote_rows
    article = build(row)
    article.linker, article.sentences  # noqa: B018 - shared context, not the step's cost
    started = time.process_time()
    rows = quote_rows(article)
    out.send((time.process_time() - started, len(rows)))


def timed(row: dict, cap: float) -> str:
    receive, send = mp.Pipe(duplex=False)
    child = mp.get_context("fork").Process(target=_time_quotes, args=(row, send))
    child.start()
    if receive.poll(cap):
        seconds, rows = receive.recv()
        child.join()
        return f"{seconds:8.2f} s ({rows} quotes)"
    child.terminate()
    child.join()
    return f"   > {cap:g} s (stopped)"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=str(ROOT.parent / "shared" / "models" / "de_news_sm"))
    parser.add_argument("--sizes", default="20000,40000,80000,200000")
    parser.add_argument("--article-sizes", default="250000,1000000")
    parser.add_argument("--patterns", default=",".join(PATTERNS))
    parser.add_argument("--cap", type=float, default=120.0)
    parser.add_argument("--cache", default="/tmp/newsbeam-quotes-cost")
    args = parser.parse_args(argv)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    nlp = nlp_model.load(nlp_model.resolve(args.model), provenance.pipeline_version())
    cases = [(name, size, (PATTERNS[name] * (size // len(PATTERNS[name]) + 1))[:size])
             for name in args.patterns.split(",") if name for size in
             map(int, args.sizes.split(","))]
    cases += [("article", size, article_text(size))
              for size in map(int, filter(None, args.article_sizes.split(",")))]
    print(f"quotation step CPU seconds, {nlp_model.model_id(nlp)}, code at {ROOT}")
    for name, size, text in cases:
        row = annotate(text, nlp, cache)
        print(f"{name:9s} {len(text):8d} chars {len(row['words']):7d} tokens "
              f"{timed(row, args.cap)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
