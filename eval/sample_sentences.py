"""Draw a random sample of sentences from the de-news corpus, for a gold set.

    python eval/sample_sentences.py --seed 20261122 --n 300 --out /tmp/sample.jsonl

Every sentence of every article is in the pool with equal weight (a long article gives
more sentences, as real news does). Sentences are cut by a plain rule that knows nothing
of newsbeam's extractors or of any model, so the sample does not favour what the code
finds: paragraph boundaries (newsbeam's canonical text), then ``.``, ``!`` or ``?``
followed by a space and a capital letter, a digit or a quotation mark, unless the dot
ends a number ("11. August") or a known abbreviation.

The output names each sentence by file and character offsets in newsbeam's canonical
article text (``parse_article``), and carries the text and the
1,200 characters before it as context for the annotator; what is committed to ``eval/gold/`` keeps the
offsets and the annotations only, never the corpus text (the scorer reads it from
``../shared``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "de-news"
_ABBREVIATIONS = {"z", "B", "Dr", "Nr", "St", "bzw", "ca", "usw", "vgl", "Prof", "Mio",
                  "Mrd", "etc", "u", "a", "v", "Chr", "Jh", "Abs", "Art", "Str", "evtl",
                  "inkl", "ggf", "sog", "Hr", "Fr", "Mr", "Mrs", "jr", "Jr", "Co", "Inc"}
_END = re.compile(r"[.!?][\"“”»«']?(?=\s+[\"„“»«A-ZÄÖÜ0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a canonical article text."""
    out = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        start = para.start()
        body = para.group()
        cut = 0
        for m in _END.finditer(body):
            before = body[:m.start()]
            word = re.search(r"(\w+)$", before)
            if body[m.start()] == "." and word and (word.group(1) in _ABBREVIATIONS
                                                    or word.group(1).isdigit()
                                                    or len(word.group(1)) == 1):
                continue
            end = m.end()
            if body[cut:end].strip():
                out.append((start + cut, start + end))
            cut = end
            while cut < len(body) and body[cut].isspace():
                cut += 1
        if body[cut:].strip():
            out.append((start + cut, start + len(body.rstrip())))
    return out


def main(argv=None) -> int:
    from transforms.read.feed import Article, parse_article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(CORPUS / "articles.tar.gz"),
                        help="the corpus archive or a folder of .txt files")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--skip", type=int, default=0,
                        help="leave out the first N sentences of the draw (for a second, "
                             "disjoint set from the same seed)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)

    pool = []
    for name, data in _files(args.corpus):
        article = parse_article(data, name)
        if not isinstance(article, Article):
            continue
        for start, end in sentences(article.text):
            pool.append((name, start, end, article.text,
                         f"{article.date.date.isoformat()} ({article.date.precision})"))
    rng = random.Random(args.seed)
    drawn = rng.sample(range(len(pool)), args.skip + args.n)[args.skip:]
    with open(args.out, "w", encoding="utf-8") as fh:
        for k, index in enumerate(drawn):
            name, start, end, text, date = pool[index]
            fh.write(json.dumps({
                "id": f"s{args.seed % 1000:03d}-{args.skip + k:04d}", "file": name,
                "start": start, "end": end, "article_date": date,
                "sentence": text[start:end],
                "lead": text[:text.find("\n\n")] if "\n\n" in text else text,
                "before": text[max(0, start - 1200):start]}, ensure_ascii=False) + "\n")
    print(f"{len(pool)} sentences in the pool; wrote {args.n} to {args.out}", file=sys.stderr)
    return 0


def _files(corpus: str):
    path = Path(corpus)
    if path.is_dir():
        for f in sorted(path.glob("*.txt")):
            yield f.name, f.read_bytes()
        return
    import tarfile
    with tarfile.open(path) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if member.isfile() and member.name.endswith(".txt"):
                yield member.name.rsplit("/", 1)[-1], tar.extractfile(member).read()


if __name__ == "__main__":
    sys.exit(main())
