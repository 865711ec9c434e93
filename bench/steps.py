"""CPU time of each of newsbeam's steps over a folder of articles, without Beam.

    python bench/steps.py [--corpus DIR] [--model M] [--limit N] [--batch-size 32]

Runs, in this one process, what a worker runs for each article, step by step, and
prints the CPU seconds of each over all the articles, the share of each outside spaCy,
and each step's cost per article and per 1,000 words:

* parse: reading the file, the feed parser, the ``articles`` row (its topic included);
* spaCy: ``nlp.pipe`` with newsbeam's components (what ``bench/throughput.py``'s limit
  runs), in batches of ``--batch-size``;
* NLP rows: the rest of the NLP step's ``run_inference`` (chunks, the annotated rows);
* context, coref, quotations, entities, events, quotes: the extract step (the context's
  Doc, entities, places and actors; coreference and the linker; the quotations the
  events and quotes share; each extractor's rows);
* write: the rows into Arrow batches and those into a Parquet file per table.

What Beam adds on top (moving rows between steps, the groupings, start-up, the commit)
is the pipeline's CPU time (``bench/throughput.py`` prints it) minus these. Not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = Path("/tmp/corpus/de-news")
SPACY = "spaCy"


class Steps:
    """CPU seconds per step."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.capped: set[str] = set()

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def timed(self, name: str, fn, *args):
        started = time.process_time()
        try:
            return fn(*args)
        finally:
            self.add(name, time.process_time() - started)


class TimedModel:
    """The model with its ``pipe`` timed: what spaCy itself takes of the NLP step."""

    def __init__(self, nlp, steps: Steps):
        self._nlp, self._steps = nlp, steps

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def pipe(self, texts, **kwargs):
        docs = self._nlp.pipe(texts, **kwargs)
        while True:
            started = time.process_time()
            try:
                doc = next(docs)
            except StopIteration:
                self._steps.add(SPACY, time.process_time() - started)
                return
            self._steps.add(SPACY, time.process_time() - started)
            yield doc


def parse(paths: list[Path], steps: Steps, run: dict) -> list[dict]:
    from transforms.read.feed import Article, parse_article
    from transforms.read.rows import article_row

    def parsed(path: Path):
        data = path.read_bytes()
        article = parse_article(data, str(path), max(len(data), 1 << 20))
        return article_row(article, run) if isinstance(article, Article) else None

    return [a for a in (steps.timed("parse", parsed, p) for p in paths) if a is not None]


def annotate(articles: list[dict], nlp, handler, steps: Steps) -> list:
    """The NLP step over the articles; its time less spaCy's is "NLP rows"."""
    model = TimedModel(nlp, steps)
    out = []
    for k in range(0, len(articles), handler.batch_size):
        batch = articles[k:k + handler.batch_size]
        spacy_before = steps.seconds.get(SPACY, 0.0)
        started = time.process_time()
        results = list(handler.run_inference(batch, model))
        spent = time.process_time() - started
        steps.add("NLP rows", spent - (steps.seconds.get(SPACY, 0.0) - spacy_before))
        out += [r.inference for r in results]
    return out


def extract(annotated, extractors, steps: Steps, cap: float | None = None) -> dict[str, list]:
    """Every extractor over one annotated row, the context's lazy parts timed apart."""
    from transforms.extract import context
    build, extract_fns = extractors
    rows: dict[str, list] = {table: [] for table in extract_fns}
    with context.deadline(cap):
        try:
            ctx = steps.timed("context", build, annotated)
            steps.timed("coref", lambda: (ctx.coref, ctx.linker))
            steps.timed("quotations", lambda: (ctx.quotes, ctx.quote_cues))
        except context.ExtractTimeout:
            steps.capped.add("context" if "context" not in steps.seconds else
                             "coref" if "quotations" not in steps.seconds else "quotations")
            return rows
        for table, fn in extract_fns.items():
            try:
                rows[table] = steps.timed(table, fn, ctx)
            except context.ExtractTimeout:
                steps.capped.add(table)
    return rows


def write_rows(rows: dict[str, list], out: Path) -> None:
    """The write step's work on these rows: Arrow batches (serialised and read back, as
    they travel), then a Parquet file per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from schemas import TABLES
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        schema = TABLES[table].file_schema
        batch = pa.RecordBatch.from_pylist(table_rows, schema=schema)
        data = batch.serialize().to_pybytes()
        back = pa.ipc.read_record_batch(pa.py_buffer(data), schema)
        pq.write_table(pa.Table.from_batches([back], schema=schema), out / f"{table}.parquet",
                       compression="zstd")


def load(model: str):
    """The model, the handler and the extractors, warmed up (what loads on first use is
    not counted)."""
    from transforms.extract.transform import Extractors, _warm_up_row
    from transforms.nlp import model as nlp_model
    from transforms.nlp.handler import SpacyModelHandler
    nlp = nlp_model.load(model, "bench")
    handler = SpacyModelHandler(model, "bench")
    extractors = Extractors()()
    build, extract_fns = extractors
    warm = build(_warm_up_row())
    for fn in extract_fns.values():
        fn(warm)
    return nlp, handler, extractors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", default=os.environ.get("NEWSBEAM_MODEL"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    if not args.model:
        raise SystemExit("set NEWSBEAM_MODEL or pass --model")
    nlp, handler, extractors = load(args.model)
    handler.batch_size = args.batch_size
    paths = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")[:args.limit]
    steps = Steps()
    run = {"run_id": "steps", "pipeline_version": "bench", "model": "m"}
    articles = parse(paths, steps, run)
    annotated = annotate(articles, nlp, handler, steps)
    tables: dict[str, list] = {"articles": articles}
    for row in annotated:
        if isinstance(row, Exception):
            continue
        for table, rows in extract(row, extractors, steps).items():
            tables.setdefault(table, []).extend(rows)
    with tempfile.TemporaryDirectory(prefix="newsbeam-steps-") as tmp:
        steps.timed("write", write_rows, tables, Path(tmp))
    report(steps, len(articles), sum(a["word_count"] for a in articles))
    return 0


def report(steps: Steps, articles: int, words: int) -> None:
    total = sum(steps.seconds.values())
    outside = total - steps.seconds.get(SPACY, 0.0)
    print(f"{articles} articles, {words:,} words: {total:.1f} CPU-s in all, "
          f"{outside:.1f} outside spaCy ({outside / steps.seconds.get(SPACY, 1):.1%} of spaCy's)")
    print(f"  {'step':12} {'CPU s':>8} {'of all':>7} {'outside spaCy':>14} "
          f"{'ms/article':>11} {'ms/1k words':>12}")
    for name, seconds in sorted(steps.seconds.items(), key=lambda kv: -kv[1]):
        share = "" if name == SPACY else f"{seconds / outside:14.1%}"
        print(f"  {name:12} {seconds:8.2f} {seconds / total:7.1%} {share:>14} "
              f"{seconds / articles * 1e3:11.2f} {seconds / words * 1e6:12.2f}")


if __name__ == "__main__":
    sys.exit(main())
