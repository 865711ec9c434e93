"""Accuracy of newsbeam's article topics against the corpus manifest's categories.

    python eval/score_topics.py [--split dev|test|all] [--corpus ../shared/corpus/de-news]

The manifest gives a 10kGNAD category for 923 of the corpus articles (DER STANDARD's
sections). They map onto newsbeam's topics: Inland and International -> politics,
Wirtschaft -> economy, Sport -> sports, Kultur and Etat (media) -> culture, Wissenschaft
-> science, Web -> technology, Panorama -> panorama. Articles whose file number is even
are the dev half (the word lists were adjusted on it), odd numbers the test half. Prints
accuracy and a confusion table.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = {"Inland": "politics", "International": "politics", "Wirtschaft": "economy",
              "Sport": "sports", "Kultur": "culture", "Etat": "culture",
              "Wissenschaft": "science", "Web": "technology", "Panorama": "panorama"}


def main(argv=None) -> int:
    from transforms.read.feed import Article, parse_article
    from transforms.read.topic import topic

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "de-news"))
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    wanted = {}
    for line in (corpus / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 5 and cols[5] in CATEGORIES:
            number = int(cols[0][:5])
            split = "dev" if number % 2 == 0 else "test"
            if args.split in ("all", split):
                wanted[cols[0]] = CATEGORIES[cols[5]]
    confusion = collections.Counter()
    with tarfile.open(corpus / "articles.tar.gz") as tar:
        for member in tar.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if name in wanted:
                article = parse_article(tar.extractfile(member).read(), name)
                if isinstance(article, Article):
                    confusion[(wanted[name], topic(article.text, article.lead))] += 1
    total = sum(confusion.values())
    right = sum(n for (gold, got), n in confusion.items() if gold == got)
    print(f"topic accuracy ({args.split}): {right}/{total} = {right / total:.2f}")
    topics = sorted({g for g, _ in confusion} | {p for _, p in confusion})
    print("gold \\ predicted".ljust(18) + "".join(t[:10].rjust(11) for t in topics))
    for gold in topics:
        print(gold.ljust(18) + "".join(str(confusion[(gold, p)]).rjust(11) for p in topics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
