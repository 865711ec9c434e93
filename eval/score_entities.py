"""Score entity mentions against the real-news gold set: the bare model vs newsbeam.

    python eval/score_entities.py --model ../shared/models/de_news_sm
    python eval/score_entities.py --model ../shared/models/de_news_sm --output out/   # a run's table
    python eval/score_entities.py --model ../shared/models/de_news_sm --examples       # dev only

``eval/gold/entities_real.jsonl`` names sentences drawn at random from the corpus (file,
offsets into newsbeam's canonical article text) and their entities (GermEval 2014 outer
layer: offsets and PER, LOC, ORG or MISC; see ``eval/gold/GUIDELINES.md`` and
``eval/gold/README.md``). The texts come from ``../shared/corpus/de-news``, never from
this repository. Each sampled article is processed whole, as a run processes it, by

* **bare**: the same spaCy model loaded with ``spacy.load`` alone, its ``doc.ents``;
* **newsbeam**: the pipeline's own path (the model as newsbeam prepares it, the NLP step's
  handler, the extract context, the ``entities`` rows), every mention of every entity
  row with the entity's label; or, with ``--output``, the ``entities`` table of a run.

A prediction counts where it overlaps a gold sentence; it is right when its start, end
and label equal a gold entity's. Precision, recall and F1 per label and overall, for the
dev split (tune on it) and the test split (measure only) separately. ``--examples``
prints the dev split's misses and false alarms; it never prints the test split's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tarfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.make_entities_gold import sentence_hash  # noqa: E402

GOLD = ROOT / "eval" / "gold" / "entities_real.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "de-news" / "articles.tar.gz"
LABELS = ("PER", "LOC", "ORG", "MISC")
RUN = {"run_id": "eval", "pipeline_version": "eval", "model": "eval",
       "started_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)}


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_articles(corpus: Path, names: set[str]) -> dict:
    """file name -> parsed Article, for the named files of the corpus archive."""
    from transforms.read.feed import Article, parse_article
    out = {}
    with tarfile.open(corpus) as tar:
        for member in tar.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and name in names:
                article = parse_article(tar.extractfile(member).read(), name)
                if isinstance(article, Article):
                    out[name] = article
    return out


def bare_spans(model: str, articles: dict) -> dict[str, list[tuple[int, int, str]]]:
    import spacy
    nlp = spacy.load(model)
    names = sorted(articles)
    docs = nlp.pipe(articles[n].text for n in names)
    return {n: [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for n, doc in zip(names, docs)}


def newsbeam_spans(model: str, articles: dict) -> dict[str, list[tuple[int, int, str]]]:
    from transforms.entities.rows import entity_rows
    from transforms.extract.context import build
    from transforms.nlp import model as nlp_model
    from transforms.nlp.handler import SpacyModelHandler
    from transforms.read.rows import article_row

    nlp = nlp_model.load(model, "eval")
    handler = SpacyModelHandler(model, "eval")
    names = sorted(articles)
    rows = [article_row(articles[n], RUN) for n in names]
    out = {}
    for name, result in zip(names, handler.run_inference(rows, nlp)):
        entities = entity_rows(build(result.inference))
        out[name] = [(m["start"], m["end"], e["label"]) for e in entities for m in e["mentions"]]
    return out


def table_spans(output: str, articles: dict) -> dict[str, list[tuple[int, int, str]]]:
    """The mentions of an ``entities`` table, each file's current run only (its latest
    ledger entry), matched to the gold articles by file name."""
    import duckdb
    rows = duckdb.sql(f"""
        WITH runs AS (
          SELECT source_uri, run_id FROM read_parquet('{output}/_ledger/*.parquet')
          QUALIFY row_number() OVER (PARTITION BY source_uri
                                     ORDER BY run_started_at DESC, run_id DESC) = 1)
        SELECT regexp_extract(source_uri, '[^/]+$'), label, m.start AS s, m."end" AS e
        FROM (SELECT source_uri, run_id, label, unnest(mentions) AS m
              FROM read_parquet('{output}/entities/*/*.parquet', hive_partitioning = true))
        JOIN runs USING (source_uri, run_id)""").fetchall()
    out: dict[str, list] = defaultdict(list)
    for name, label, start, end in rows:
        if name in articles:
            out[name].append((start, end, label))
    return out


def score(gold: list[dict], predicted: dict[str, list[tuple[int, int, str]]]):
    """(tp, gold, predicted) counters by label, and the dev split's errors."""
    tp, n_gold, n_pred = Counter(), Counter(), Counter()
    errors = []
    for item in gold:
        want = {(e["start"], e["end"], e["label"]) for e in item["entities"]}
        got = {s for s in predicted.get(item["file"], ())
               if s[0] < item["end"] and item["start"] < s[1]}
        for start, end, label in want:
            n_gold[label] += 1
        for start, end, label in got:
            n_pred[label] += 1
        for start, end, label in want & got:
            tp[label] += 1
        errors += [(item["id"], "missed", s) for s in sorted(want - got)]
        errors += [(item["id"], "false", s) for s in sorted(got - want)]
    return tp, n_gold, n_pred, errors


def prf(tp: int, gold: int, pred: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(split: str, results: dict[str, tuple]) -> dict:
    print(f"\n{split}: exact span and label")
    print(f"| label | gold | " + " | ".join(f"{s} P | {s} R | {s} F" for s in results) + " |")
    print("|---|---|" + "---|---|---|" * len(results))
    summary = {}
    for label in (*LABELS, "all"):
        cells = []
        for system, (tp, n_gold, n_pred, _) in results.items():
            if label == "all":
                counts = (sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
            else:
                counts = (tp[label], n_gold[label], n_pred[label])
            p, r, f = prf(*counts)
            cells.append(f"{p:.3f} | {r:.3f} | {f:.3f}")
            summary.setdefault(system, {})[label] = {"p": round(p, 4), "r": round(r, 4),
                                                     "f": round(f, 4), "tp": counts[0],
                                                     "gold": counts[1], "pred": counts[2]}
        gold_n = sum(results[next(iter(results))][1].values()) if label == "all" else \
            results[next(iter(results))][1][label]
        print(f"| {label} | {gold_n} | " + " | ".join(cells) + " |")
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="spaCy package name or folder")
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--output", help="score this run output's entities table "
                        "instead of running newsbeam's code here")
    parser.add_argument("--examples", action="store_true",
                        help="print the dev split's errors of newsbeam")
    args = parser.parse_args(argv)

    gold = load_gold(Path(args.gold))
    articles = read_articles(Path(args.corpus), {g["file"] for g in gold})
    for item in gold:
        text = articles[item["file"]].text[item["start"]:item["end"]]
        if sentence_hash(text) != item["sha1"]:
            sys.exit(f"{item['id']}: the corpus text differs from the annotated one")
    systems = {"bare": bare_spans(args.model, articles),
               "newsbeam": (table_spans(args.output, articles) if args.output
                            else newsbeam_spans(args.model, articles))}
    out = {}
    for split in ("dev", "test"):
        items = [g for g in gold if g["split"] == split]
        results = {name: score(items, spans) for name, spans in systems.items()}
        print(f"\n{split}: {len(items)} sentences, {len({g['file'] for g in items})} articles")
        out[split] = report(split, results)
        if args.examples and split == "dev":
            texts = {g["id"]: articles[g["file"]].text for g in items}
            for sid, kind, (start, end, label) in results["newsbeam"][3]:
                print(f"  {sid} {kind:6} {label:4} {texts[sid][start:end]!r}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
