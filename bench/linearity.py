"""Is every step linear in text length? Single articles of 10k, 100k and 1M characters.

    python bench/linearity.py [--corpus DIR] [--model M] [--sizes 10000,100000,1000000]
                              [--cap SECONDS] [--json]

Builds one article file per size from the corpus' own text (articles' paragraphs in
corpus order until the size is reached), in two variants: **with** sentence ends (the
text as written) and **without** (every sentence-final ``.``, ``!``, ``?`` removed and
the paragraphs run together: one paragraph, and as few sentences as the model makes of
it, the pathological "megabyte without a sentence end"). Each article goes through the
pipeline's steps one after the other, in this process, as a worker runs them (the
steps of ``bench/steps.py``: parse, spaCy, the NLP step's rows, the context, coref,
the quotations the events and quotes share, each extractor's rows, the write). A
warm-up article goes through every step first (what loads on first use is not
counted). Prints CPU time per character of each step (µs/char) for every
size, and how that changes from the smallest size to the largest (x1.0 = linear).

Each extractor runs under a deadline of ``--cap`` seconds (default 300): a step that
runs into it is printed as "> cap" (not linear, or far too slow). Not a test: numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.steps import DEFAULT_CORPUS, Steps, annotate, extract, load, parse, write_rows  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
_SENTENCE_END = re.compile(r"(?<=\w)[.!?]+(?=\s|$)")


def corpus_paragraphs(corpus: Path) -> list[str]:
    from transforms.read.feed import Article, parse_article
    out = []
    for path in sorted(corpus.iterdir()):
        if path.suffix != ".txt":
            continue
        article = parse_article(path.read_bytes(), str(path))
        if isinstance(article, Article):
            out += [p for p in article.text.split("\n\n") if p.strip()]
    return out


def build_text(paragraphs: list[str], size: int, sentence_ends: bool) -> str:
    """About ``size`` characters of corpus text (cut at a word), as an article body."""
    parts, total = [], 0
    k = 0
    while total < size:
        paragraph = paragraphs[k % len(paragraphs)]
        if not sentence_ends:
            paragraph = _SENTENCE_END.sub("", paragraph)
        parts.append(paragraph)
        total += len(paragraph) + 2
        k += 1
    text = ("\n\n" if sentence_ends else " ").join(parts)
    cut = text.rfind(" ", 0, size)
    return text[:cut if cut > size // 2 else size]


def article_file(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.txt"
    lead, _, rest = body.partition("\n\n") if "\n\n" in body else (body[:200], "", body[200:])
    if not rest:
        lead, rest = body[:200], body[200:]
    path.write_text(f" date 2020-01 {lead.strip()}\n\n{rest.strip()}\n", encoding="utf-8")
    return path


def run_article(path: Path, nlp, handler, extractors, cap: float, out: Path) -> tuple[int, Steps]:
    """Every step over one article file (``bench/steps.py``'s steps)."""
    steps = Steps()
    run = {"run_id": "linearity", "pipeline_version": "bench", "model": "m"}
    [article] = parse([path], steps, run)
    [annotated] = annotate([article], nlp, handler, steps)
    if isinstance(annotated, Exception):
        raise annotated
    rows = {"articles": [article], **extract(annotated, extractors, steps, cap)}
    steps.timed("write", write_rows, rows, out)
    return len(article["text"]), steps


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", default=os.environ.get("NEWSBEAM_MODEL"))
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--cap", type=float, default=300.0,
                        help="deadline of one article's extraction, seconds")
    parser.add_argument("--variants", default="with,without",
                        help="with and/or without sentence ends")
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    args = parser.parse_args(argv)
    if not args.model:
        raise SystemExit("set NEWSBEAM_MODEL or pass --model")

    sizes = [int(s) for s in args.sizes.split(",")]
    nlp, handler, extractors = load(args.model)
    paragraphs = corpus_paragraphs(args.corpus)
    results = []
    with tempfile.TemporaryDirectory(prefix="newsbeam-linearity-") as tmp:
        tmp = Path(tmp)
        for variant in ("with", "without"):  # warm-up: every step once, not counted
            warm_up = article_file(tmp, f"warm-up-{variant}",
                                   build_text(paragraphs, 3000, variant == "with"))
            run_article(warm_up, nlp, handler, extractors, args.cap, tmp)
        for variant in args.variants.split(","):
            for size in sizes:
                body = build_text(paragraphs, size, sentence_ends=variant == "with")
                path = article_file(tmp, f"{variant}-{size}", body)
                chars, steps = run_article(path, nlp, handler, extractors, args.cap, tmp)
                results.append({"variant": variant, "chars": chars, "seconds": steps.seconds,
                                "capped": sorted(steps.capped)})
                print(f"{variant:7} sentence ends, {chars:>9,} chars: " + ", ".join(
                    f"{k} {v:.2f} s" + (" (cap)" if k in steps.capped else "")
                    for k, v in steps.seconds.items()), flush=True)
    report(results)
    if args.json:
        print(json.dumps(results))
    return 0


def report(results: list[dict]) -> None:
    steps = list(dict.fromkeys(k for r in results for k in r["seconds"]))
    print(f"\nCPU µs per character{'':4}" + "".join(f"{s:>11}" for s in steps) + f"{'total':>11}")
    for variant in dict.fromkeys(r["variant"] for r in results):
        rows = [r for r in results if r["variant"] == variant]
        for r in rows:
            cells = []
            for s in steps:
                value = r["seconds"].get(s)
                cell = "-" if value is None else f"{value / r['chars'] * 1e6:.2f}"
                cells.append(("> " if s in r["capped"] else "") + cell)
            total = sum(r["seconds"].values()) / r["chars"] * 1e6
            print(f"{variant:7} {r['chars']:>12,}   " + "".join(f"{c:>11}" for c in cells)
                  + f"{total:11.2f}")
        first, last = rows[0], rows[-1]
        growth = []
        for s in steps:
            a, b = first["seconds"].get(s), last["seconds"].get(s)
            if not a or b is None or s in last["capped"]:
                growth.append("-" if s not in last["capped"] else "capped")
                continue
            growth.append(f"x{(b / last['chars']) / (a / first['chars']):.1f}")
        print(f"{variant:7} {'per char, largest/smallest':>26} " + "".join(f"{g:>11}" for g in growth))


if __name__ == "__main__":
    sys.exit(main())
