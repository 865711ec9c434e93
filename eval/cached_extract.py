"""Iterate on extraction without re-running the model: annotate a folder once, then run
every extractor over the cached annotations in seconds.

    python eval/cached_extract.py annotate INPUT_DIR CACHE.pkl --model PATH_OR_NAME
    python eval/cached_extract.py extract CACHE.pkl OUTPUT [--only quotes,events]

``annotate`` parses each file of INPUT_DIR with the feed parser and runs the model the
way the pipeline does (``transforms.nlp.model.load``: paragraph boundaries, gazetteer,
name patterns), then stores the annotated rows (schema ``ANNOTATED``) and the
``articles`` rows. ``extract`` builds each article's context and runs the extractors the
pipeline runs, writing ``articles``, ``entities``, ``events`` and ``quotes`` as Parquet
under OUTPUT (one file per table, one run), so the scorers of ``eval/`` and
``../shared/eval/score_quotes.py`` read it like a pipeline output. The rows are the
pipeline's for the same model and code, except identities, which need the whole corpus
(``identity_key`` is the article-local one here). A development tool: the pipeline
itself never reads a cache.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import pickle
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from schemas import PARTITION_KEY  # noqa: E402
from schemas.tables import TABLES  # noqa: E402
from transforms import provenance  # noqa: E402
from transforms.nlp import model as nlp_model  # noqa: E402
from transforms.nlp.annotated import annotated_row  # noqa: E402
from transforms.read import feed  # noqa: E402
from transforms.read.rows import article_row  # noqa: E402

RUN = {"run_id": "cached", "model": "", "pipeline_version": provenance.pipeline_version(),
       "started_at": dt.datetime.now(dt.timezone.utc)}


def annotate(input_dir: str, cache: str, model: str, batch_size: int = 32) -> None:
    version = provenance.pipeline_version()
    nlp = nlp_model.load(nlp_model.resolve(model), version)
    run = {**RUN, "model": nlp_model.model_id(nlp)}
    articles = []
    for path in sorted(Path(input_dir).iterdir()):
        if not path.is_file():
            continue
        parsed = feed.parse_article(path.read_bytes(), str(path.resolve()))
        if isinstance(parsed, feed.Article):
            articles.append(article_row(parsed, run))
    started = time.perf_counter()
    rows = []
    for article, doc in zip(articles, nlp.pipe((a["text"] for a in articles),
                                               batch_size=batch_size)):
        rows.append(annotated_row(article, [doc], nlp))
        if len(rows) % 200 == 0:
            print(f"  {len(rows)}/{len(articles)} annotated "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    with open(cache, "wb") as fh:
        pickle.dump({"articles": articles, "annotated": rows}, fh)
    print(f"{len(rows)} articles annotated with {run['model']} into {cache} "
          f"in {time.perf_counter() - started:.0f} s")


def extract(cache: str, output: str, only: set[str] | None = None) -> None:
    from transforms.extract.transform import Extractors
    with open(cache, "rb") as fh:
        data = pickle.load(fh)
    build, extractors = Extractors()()
    if only:
        extractors = {t: fn for t, fn in extractors.items() if t in only}
    tables: dict[str, list[dict]] = {t: [] for t in extractors}
    started, failed = time.perf_counter(), 0
    for row in data["annotated"]:
        try:
            article = build(row)
            for table, fn in extractors.items():
                tables[table].extend(fn(article))
        except Exception as err:  # noqa: BLE001 - a development tool reports and goes on
            failed += 1
            print(f"  {row['source_uri']}: {type(err).__name__}: {err}", file=sys.stderr)
    tables["articles"] = data["articles"]
    tables["ledger"] = [_ledger_row(a) for a in data["articles"]]
    for table, rows in tables.items():
        _write(Path(output), TABLES[table], rows)
    counts = ", ".join(f"{t} {len(r)}" for t, r in tables.items())
    print(f"{counts}; {failed} failed; {time.perf_counter() - started:.1f} s -> {output}")


def _ledger_row(article: dict) -> dict:
    return {"source_uri": article["source_uri"], "article_id": article["article_id"],
            "size": article["bytes"], "last_modified": 0.0,
            "content_sha256": article["content_sha256"], "status": "parsed", "reason": None,
            "run_id": RUN["run_id"], "run_started_at": RUN["started_at"],
            "model": article["model"], "pipeline_version": article["pipeline_version"]}


def _write(output: Path, table, rows: list[dict]) -> None:
    """As the pipeline lays it out (``month=`` folders), so the views read it."""
    if not table.partitioned:
        (output / table.folder).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=table.schema),
                       output / table.folder / "cached.parquet")
        return
    by_month = collections.defaultdict(list)
    for row in rows:
        by_month[row[PARTITION_KEY]].append(row)
    for month, month_rows in by_month.items():
        folder = output / table.folder / f"{PARTITION_KEY}={month}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(month_rows, schema=table.file_schema),
                       folder / "cached.parquet")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("annotate", help="run the model once over a folder")
    a.add_argument("input_dir")
    a.add_argument("cache")
    a.add_argument("--model", default=os.environ.get(nlp_model.ENV_VAR))
    e = sub.add_parser("extract", help="run the extractors over a cache")
    e.add_argument("cache")
    e.add_argument("output")
    e.add_argument("--only", help="comma-separated tables (entities, events, quotes)")
    args = parser.parse_args(argv)
    if args.command == "annotate":
        annotate(args.input_dir, args.cache, args.model)
    else:
        extract(args.cache, args.output, set(args.only.split(",")) if args.only else None)


if __name__ == "__main__":
    main()
