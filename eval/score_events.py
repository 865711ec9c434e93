"""Score newsbeam's event extraction on a small hand-written German evaluation set.

    python eval/score_events.py [--model NAME_OR_PATH] [--data eval/events_de.jsonl]

Each line of the data is a sentence with the events it reports (type, trigger word and,
where clear, actor1, actor2 and modality). Every sentence runs through the same code as
the pipeline (parse -> NLP step -> event extraction) as a one-sentence article. A
predicted event matches a gold one with the same type whose trigger is the same word.
Prints precision and recall per event type, micro totals, modality accuracy and actor1
accuracy over the matched events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from transforms.events.rows import event_rows
from transforms.extract.context import build as article_context
from transforms.nlp import model as nlp_model
from transforms.nlp.handler import SpacyModelHandler
from transforms.read.topic import topic

ROOT = Path(__file__).resolve().parent.parent


def predict(handler, nlp, text: str) -> list[dict]:
    row = {"article_id": "eval", "source_uri": "eval", "date": dt.date(2024, 3, 1),
           "date_precision": "month", "month": "2024-03", "lead": text, "text": text,
           "bytes": len(text.encode("utf-8")), "topic": topic(text, text),
           "pipeline_version": "eval", "run_id": "eval"}
    result = next(iter(handler.run_inference([row], nlp)))
    return event_rows(article_context(result.inference))


def name(arg):
    return None if arg is None else (arg["canonical_name"] or arg["text"])


def score(items, handler, nlp):
    gold_n, pred_n, hit_n = Counter(), Counter(), Counter()
    modality, actor1 = Counter(), Counter()
    misses = []
    for item in items:
        predicted = predict(handler, nlp, item["text"])
        unused = list(predicted)
        for p in predicted:
            pred_n[p["event_type"]] += 1
        for gold in item["events"]:
            gold_n[gold["type"]] += 1
            match = next((p for p in unused if p["event_type"] == gold["type"]
                          and p["trigger_text"].split(" … ")[0] == gold["trigger"]), None)
            if match is None:
                misses.append((item["id"], "missed", gold["type"], gold["trigger"]))
                continue
            unused.remove(match)
            hit_n[gold["type"]] += 1
            modality["total"] += 1
            modality["right"] += match["modality"] == gold["modality"]
            if match["modality"] != gold["modality"]:
                misses.append((item["id"], "modality", gold["modality"], match["modality"]))
            if "actor1" in gold:
                actor1["total"] += 1
                actor1["right"] += name(match["actor1"]) == gold["actor1"]
        for p in unused:
            misses.append((item["id"], "spurious", p["event_type"], p["trigger_text"]))
    return gold_n, pred_n, hit_n, modality, actor1, misses


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="spaCy pipeline (default as the "
                        "pipeline: $NEWSBEAM_MODEL, an installed de_core_news_*, or rules)")
    parser.add_argument("--data", default=str(ROOT / "eval" / "events_de.jsonl"))
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)

    model = nlp_model.resolve(args.model)
    nlp = nlp_model.load(model, "eval")
    handler = SpacyModelHandler(model, "eval")
    items = [json.loads(line) for line in Path(args.data).read_text("utf-8").splitlines()
             if line.strip()]
    gold_n, pred_n, hit_n, modality, actor1, misses = score(items, handler, nlp)

    print(f"model {nlp_model.model_id(nlp)}, {len(items)} sentences, "
          f"{sum(gold_n.values())} gold events")
    print(f"{'type':<12}{'gold':>6}{'pred':>6}{'hit':>6}{'P':>7}{'R':>7}")
    for t in sorted(set(gold_n) | set(pred_n)):
        p = hit_n[t] / pred_n[t] if pred_n[t] else 0.0
        r = hit_n[t] / gold_n[t] if gold_n[t] else 0.0
        print(f"{t:<12}{gold_n[t]:>6}{pred_n[t]:>6}{hit_n[t]:>6}{p:>7.2f}{r:>7.2f}")
    hits, preds, golds = sum(hit_n.values()), sum(pred_n.values()), sum(gold_n.values())
    precision = hits / preds if preds else 0.0
    recall = hits / golds if golds else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    print(f"{'all':<12}{golds:>6}{preds:>6}{hits:>6}{precision:>7.2f}{recall:>7.2f}   F1 {f1:.2f}")
    if modality["total"]:
        print(f"modality accuracy {modality['right']}/{modality['total']} = "
              f"{modality['right'] / modality['total']:.2f} (matched events)")
    if actor1["total"]:
        print(f"actor1 accuracy   {actor1['right']}/{actor1['total']} = "
              f"{actor1['right'] / actor1['total']:.2f} (matched events with a gold actor1)")
    print(json.dumps({"model": nlp_model.model_id(nlp), "precision": round(precision, 3),
                      "recall": round(recall, 3), "f1": round(f1, 3),
                      "modality_accuracy": round(modality["right"] / max(1, modality["total"]), 3)}))
    if args.show_errors:
        for miss in misses:
            print("  ", *miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
