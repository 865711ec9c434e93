"""The split of a py-spy profile of newsbeam into its steps.

    py-spy record -r 50 -f raw -o prof.txt -- .venv/bin/python -m pipeline --input DIR ...
    python bench/profile_split.py prof.txt [--other N]

A sample (a stack) with a frame of the model's load or of ``Language.pipe`` (spaCy,
with newsbeam's own pipeline components, what the limit of ``bench/throughput.py``
runs) is counted there; any other goes to the step of its innermost frame that a
pattern of ``STEPS`` matches (a helper of the extractors in ``transforms/nlp/syntax.py``
is "syntax", a Beam coder called by the write is "coders").
Prints each step's share of all samples and of the samples outside spaCy, and, with
``--other N``, the N innermost frames most often seen in unclaimed samples. With
several worker processes (``py-spy record --subprocesses``) the samples of every
process are added up. Not a test: numbers only.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys

# Claim a sample when any of its frames matches, in this order.
WHOLE: list[tuple[str, str]] = [
    ("model load", r"nlp_model\.load|load_model \(transforms/nlp/handler|load_model \(spacy/"),
    ("spaCy nlp.pipe", r"Language\.pipe |\(thinc/"),
]
# Otherwise the innermost frame that one of these matches says the step (the first
# pattern that matches it, in this order).
STEPS: list[tuple[str, str]] = [
    ("doc -> annotated row", r"annotated_row|doc_to_columns"),
    ("extract: doc rebuild", r"doc_from_row|make_doc"),
    ("extract: entities resolve", r"transforms/entities/canonical\.py"),
    ("extract: geo", r"transforms/geo/"),
    ("extract: actors/identity", r"transforms/who/|transforms/entities/identity\.py"),
    ("extract: quotes", r"transforms/quotes/"),
    ("extract: events", r"transforms/events/"),
    ("extract: coref/linker", r"transforms/coref/"),
    ("extract: syntax", r"transforms/nlp/syntax\.py"),
    ("extract: entity rows", r"transforms/entities/rows\.py"),
    ("extract: other", r"transforms/extract/|transforms/lang/"),
    ("parquet write", r"transforms/write/|pyarrow/|fileio\.py"),
    ("read + parse", r"transforms/read/"),
    ("identities (corpus)", r"transforms/entities/corpus\.py"),
    ("commit", r"pipeline/commit\.py|empty_tables"),
    ("Beam: coders", r"coders/|coder_impl|pickle"),
    ("Beam: runner (launcher)", r"fn_api_runner/(?!worker_handlers\.py.*push)"),
    ("Beam: SDK worker", r"apache_beam/runners/worker/|apache_beam/transforms/|apache_beam/ml/"),
    ("start-up: imports", r"_find_and_load|<frozen importlib"),
    ("Beam: threads (grpc, progress)", r"threading\.py|grpc|concurrent/"),
]
SPACY = "spaCy nlp.pipe"
# A thread waiting (py-spy cannot tell idle threads here): not counted at all.
IDLE = "idle"
_IDLE = re.compile(r"^(Condition\.wait|Event\.wait|Thread\.run|_wait_for_tstate_lock|"
                   r"Queue\.get|select|_poll|wait|_serve|_wait_once|Popen\._try_wait|"
                   r"_run_channel_spin_thread\.<locals>\.channel_spin) \(|^_worker \(concurrent")
_WHOLE = [(step, re.compile(pattern)) for step, pattern in WHOLE]
_COMPILED = [(step, re.compile(pattern)) for step, pattern in STEPS]


def read_raw(path: str):
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\n")
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                yield stack.split(";"), int(count)


def classify(frames: list[str]) -> str | None:
    if not frames or _IDLE.search(frames[-1]):
        return IDLE
    for step, pattern in _WHOLE:
        if any(pattern.search(frame) for frame in frames):
            return step
    for frame in reversed(frames):
        for step, pattern in _COMPILED:
            if pattern.search(frame):
                return step
    return None


def split(path: str) -> tuple[collections.Counter, collections.Counter, int]:
    steps: collections.Counter = collections.Counter()
    other: collections.Counter = collections.Counter()
    total = 0
    for frames, count in read_raw(path):
        step = classify(frames)
        if step == IDLE:
            continue
        total += count
        if step is None:
            steps["other"] += count
            other[frames[-1] if frames else "?"] += count
        else:
            steps[step] += count
    return steps, other, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", nargs="+", help="py-spy raw output (-f raw)")
    parser.add_argument("--other", type=int, default=0)
    args = parser.parse_args(argv)
    for path in args.profile:
        steps, other, total = split(path)
        outside = total - steps[SPACY] - steps["model load"]
        print(f"{path}: {total} samples (threads waiting left out); outside spaCy and its load: {outside} "
              f"({outside / max(total, 1):.1%})")
        print(f"  {'step':40} {'samples':>8} {'of all':>7} {'outside spaCy':>14}")
        for step, n in steps.most_common():
            share_out = "" if step in (SPACY, "model load") else f"{n / max(outside, 1):14.1%}"
            print(f"  {step:40} {n:8} {n / total:7.1%} {share_out}")
        if args.other:
            print("  unclaimed, innermost frames:")
            for frame, n in other.most_common(args.other):
                print(f"    {n:6} {frame[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
