"""Turn an annotator's entity file into ``eval/gold/entities_real.jsonl`` (offsets only).

    python eval/make_entities_gold.py --sample /tmp/gold-work/ner_in.jsonl \
        --annotations /tmp/gold-work/ner_annot.jsonl --dev 100 --out eval/gold/entities_real.jsonl

The annotator writes each entity as its text, label and (when the string occurs twice)
its occurrence in the sentence (``GUIDELINES.md``, section Entities). What is committed
holds no corpus text: file name, sentence offsets, a short hash of the sentence (so the
scorer notices a changed corpus) and each entity's article offsets and label.

An entity string is placed on a whole-word occurrence (not inside a hyphenated compound:
"EU" is not in "EU-Parlament"); longer entities are placed first, so "Coca-Cola" does
not take the occurrence inside "Coca-Cola Erfrischungsgetränke AG". The first
``--dev`` sentences of the draw are the development split, the rest the test split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def place(sentence: str, entities: list[dict]) -> list[tuple[int, int, str]]:
    """(start, end, label) in the sentence of each annotated entity."""
    taken: list[tuple[int, int]] = []
    out = []
    order = sorted(range(len(entities)), key=lambda i: -len(entities[i]["text"]))
    for i in order:
        entity = entities[i]
        text = entity["text"]
        spots = [m.start() for m in re.finditer(
            r"(?<![\w-])" + re.escape(text) + r"(?![\w-])", sentence)]
        if not spots:  # part of a longer word: the annotator marked it, keep it
            spots = [m.start() for m in re.finditer(re.escape(text), sentence)]
        free = [s for s in spots
                if not any(s < end and start < s + len(text) for start, end in taken)]
        # "occurrence" counts every occurrence in the sentence; without it, the first
        # one no longer entity holds
        pool, k = (spots, entity["occurrence"]) if "occurrence" in entity else (free, 1)
        if k > len(pool):
            raise ValueError(f"{text!r}: occurrence {k} wanted, {len(pool)} found in "
                             f"{sentence!r}")
        start = pool[k - 1]
        taken.append((start, start + len(text)))
        out.append((start, start + len(text), entity["label"]))
    return sorted(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", required=True, help="eval/sample_sentences.py output")
    parser.add_argument("--annotations", required=True)
    parser.add_argument("--dev", type=int, required=True,
                        help="the first N sentences of the draw are the dev split")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    with open(args.sample, encoding="utf-8") as fh:
        sample = [json.loads(line) for line in fh if line.strip()]
    with open(args.annotations, encoding="utf-8") as fh:
        annotations = {d["id"]: d for d in map(json.loads, fh) if d}
    with open(args.out, "w", encoding="utf-8") as fh:
        for k, item in enumerate(sample):
            sentence = item["sentence"]
            spans = place(sentence, annotations[item["id"]]["entities"])
            fh.write(json.dumps({
                "id": item["id"], "split": "dev" if k < args.dev else "test",
                "file": item["file"], "start": item["start"], "end": item["end"],
                "sha1": sentence_hash(sentence),
                "entities": [{"start": item["start"] + s, "end": item["start"] + e,
                              "label": label} for s, e, label in spans]}) + "\n")
    print(f"wrote {len(sample)} sentences to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
