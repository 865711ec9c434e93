"""Score newsbeam's events against the real-news gold set (eval/gold/events_real.jsonl).

    python eval/score_events_real.py OUTPUT [--gold eval/gold/events_real.jsonl]
                                     [--split dev|test|all] [--examples N]
    python eval/score_events_real.py --make-input DIR   # copy the gold's articles to DIR

The gold holds 300 sentences drawn at random from ../shared/corpus/de-news
(``eval/sample_sentences.py --seed 20261122 --n 300``), annotated blind before the
extraction code changed (``eval/gold/GUIDELINES.md``): every event with type, trigger,
actors, place, date, modality and source. OUTPUT is a newsbeam output over those articles
(``--make-input`` copies them out of the corpus archive; or run on the whole corpus).

Predicted events are those whose trigger starts inside a gold sentence (current rows of
each file). A gold event matches the unused predicted event of the same type whose trigger
overlaps its trigger (one to one). Precision and recall of events, overall and without
STATEMENT; over matched events, the accuracy of each field:
* actor1, actor2, source: right when both are empty, or when a word (3+ letters) of the
  gold text or of the name it refers to occurs in the predicted text or canonical name;
* place: the same rule on the location; date: the predicted date at its precision
  (YYYY, YYYY-MM or YYYY-MM-DD) equals the gold's; modality: equal;
* fully correct: type, actor1, actor2, place, modality and source all right; also given
  as a share of all predicted non-STATEMENT events (what a reader of the table sees).
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import sys
import tarfile
from pathlib import Path

import pyarrow.dataset as ds

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold" / "events_real.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "de-news" / "articles.tar.gz"
FIELDS = ("actor1", "actor2", "place", "date", "modality", "source")


def words(*values) -> set[str]:
    out = set()
    for value in values:
        if value:
            out |= {w.lower() for w in re.findall(r"\w+", value) if len(w) >= 3}
    return out


def gold_words(arg) -> set[str]:
    return words(arg.get("text"), arg.get("refers_to")) if arg else set()


def pred_words(arg) -> set[str]:
    return words(arg.get("text"), arg.get("canonical_name")) if arg else set()


def same_argument(gold, pred) -> bool:
    if not gold and not pred:
        return True
    if not gold or not pred:
        return False
    return bool(gold_words(gold) & pred_words(pred))


def same_date(gold: str | None, event: dict) -> bool:
    if gold is None or event["event_date"] is None:
        return gold is None
    date = str(event["event_date"])
    predicted = {"year": date[:4], "month": date[:7]}.get(event["date_precision"], date[:10])
    return predicted == gold


def current_events(output: str) -> dict[str, list[dict]]:
    """Events of each source file name, from its latest run only."""
    def table(name):
        files = glob.glob(os.path.join(output, name, "**", "*.parquet"), recursive=True)
        return ds.dataset(files, format="parquet", partitioning="hive").to_table().to_pylist() \
            if files else []
    latest: dict[str, str] = {}
    for row in table("articles"):
        uri = row["source_uri"]
        if uri not in latest or str(row["run_id"]) > latest[uri]:
            latest[uri] = str(row["run_id"])
    out = collections.defaultdict(list)
    for event in table("events"):
        if latest.get(event["source_uri"]) == str(event["run_id"]):
            out[os.path.basename(event["source_uri"])].append(event)
    return out


def score(gold: list[dict], events: dict[str, list[dict]], examples: int) -> dict:
    n_gold = collections.Counter()
    n_pred = collections.Counter()
    n_hit = collections.Counter()
    right = collections.Counter()
    matched = 0
    shown = []
    for item in gold:
        predicted = [e for e in events.get(item["file"], [])
                     if item["start"] <= e["trigger_start"] < item["end"]]
        for e in predicted:
            n_pred[e["event_type"]] += 1
        unused = list(predicted)
        for g in item["events"]:
            n_gold[g["type"]] += 1
            match = next((p for p in unused if p["event_type"] == g["type"]
                          and p["trigger_start"] < g["trigger_end"]
                          and g["trigger_start"] < p["trigger_end"]), None)
            if match is None:
                shown.append((item["id"], "missed", g["type"], g["trigger_start"]))
                continue
            unused.remove(match)
            n_hit[g["type"]] += 1
            matched += 1
            checks = {
                "actor1": same_argument(g["actor1"], match["actor1"]),
                "actor2": same_argument(g["actor2"], match["actor2"]),
                "place": same_argument({"text": g["place"]} if g["place"] else None,
                                       match["location"]),
                "date": same_date(g["date"], match),
                "modality": g["modality"] == match["modality"],
                "source": same_argument(g["source"], match["source"]),
            }
            for field, ok in checks.items():
                right[field] += ok
            right["fully correct"] += all(checks[f] for f in FIELDS if f != "date")
            if g["type"] != "STATEMENT":
                right["matched non-STATEMENT"] += 1
                for field, ok in checks.items():
                    right[f"{field} (non-STATEMENT)"] += ok
                right["fully correct (non-STATEMENT)"] += all(
                    checks[f] for f in FIELDS if f != "date")
                if g["modality"] != "asserted":
                    right["not asserted"] += 1
                    right["modality (not asserted)"] += checks["modality"]
        for p in unused:
            shown.append((item["id"], "spurious", p["event_type"], p["trigger_text"]))

    def prf(keys):
        g = sum(n_gold[k] for k in keys)
        p = sum(n_pred[k] for k in keys)
        h = sum(n_hit[k] for k in keys)
        return {"gold": g, "predicted": p, "matched": h,
                "precision": round(h / p, 3) if p else 0.0, "recall": round(h / g, 3) if g else 0.0}

    types = sorted(set(n_gold) | set(n_pred))
    report = {"all": prf(types), "non_statement": prf([t for t in types if t != "STATEMENT"]),
              "by_type": {t: prf([t]) for t in types}}
    non = right["matched non-STATEMENT"]
    report["fields"] = {f: round(right[f] / matched, 3) if matched else 0.0
                        for f in (*FIELDS, "fully correct")}
    report["fields_non_statement"] = {
        f: round(right[f"{f} (non-STATEMENT)"] / non, 3) if non else 0.0
        for f in (*FIELDS, "fully correct")}
    predicted_non = report["non_statement"]["predicted"]
    report["fully_correct_of_predicted_non_statement"] = (
        round(right["fully correct (non-STATEMENT)"] / predicted_non, 3) if predicted_non else 0.0)
    report["modality_not_asserted"] = (round(right["modality (not asserted)"] /
                                             right["not asserted"], 3)
                                       if right["not asserted"] else 0.0)
    report["examples"] = shown[:examples]
    return report


def make_input(folder: str, gold: list[dict]) -> None:
    wanted = {item["file"] for item in gold}
    os.makedirs(folder, exist_ok=True)
    with tarfile.open(CORPUS) as tar:
        for member in tar.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if name in wanted:
                with open(os.path.join(folder, name), "wb") as fh:
                    fh.write(tar.extractfile(member).read())
    print(f"{len(wanted)} articles in {folder}", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?")
    parser.add_argument("--gold", default=str(GOLD))
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--examples", type=int, default=0)
    parser.add_argument("--make-input", metavar="DIR")
    args = parser.parse_args(argv)
    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8")]
    if args.make_input:
        make_input(args.make_input, gold)
        return 0
    if args.split != "all":
        gold = [g for g in gold if g["split"] == args.split]
    report = score(gold, current_events(args.output), args.examples)
    for name, row in (("all", report["all"]), ("non-STATEMENT", report["non_statement"])):
        print(f"{name:14s} gold {row['gold']:4d}  predicted {row['predicted']:4d}  "
              f"matched {row['matched']:4d}  P {row['precision']:.2f}  R {row['recall']:.2f}")
    for t, row in report["by_type"].items():
        print(f"  {t:12s} gold {row['gold']:3d}  predicted {row['predicted']:3d}  "
              f"matched {row['matched']:3d}")
    print("field accuracy over matched events:",
          ", ".join(f"{k} {v:.2f}" for k, v in report["fields"].items()))
    print("  non-STATEMENT:",
          ", ".join(f"{k} {v:.2f}" for k, v in report["fields_non_statement"].items()),
          f"| modality on events not asserted {report['modality_not_asserted']:.2f}")
    print(f"  fully correct of predicted non-STATEMENT events: "
          f"{report['fully_correct_of_predicted_non_statement']:.2f}")
    for example in report["examples"]:
        print("  ", *example)
    print(json.dumps({k: v for k, v in report.items() if k != "examples"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
