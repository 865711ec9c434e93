"""Precision and speaker accuracy of newsbeam's quotations by newsbeam's own kind.

    python eval/quotes_by_kind.py ../shared/corpus/quotes-dev OUTPUT

``../shared/eval/score_quotes.py`` reports recall by the gold's kinds; this splits the
predicted rows by ``quotes.kind`` (and whether a cue introduced them) to show where the
wrong ones come from. A predicted quotation is right when it shares at least half of its
words with a gold quotation and the gold one at least half of its words with it (the
scorer's rule, longest gold quotations first, one to one); its speaker is right when a
word of the gold speaker is in its speaker's text or names.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))

import score_quotes as sq  # noqa: E402  (the shared scorer's readers and word sets)


def main(argv=None) -> int:
    gold_dir, output = (argv or sys.argv[1:])[:2]
    gold = [json.loads(line) for line in open(Path(gold_dir) / "gold.jsonl", encoding="utf-8")]
    by_article = collections.defaultdict(list)
    for row in sq.rows(output, "quotes"):  # article ids end in a hash of the file's URI
        by_article[row["article_id"].rsplit("-", 1)[0]].append(row)
    total, right = collections.Counter(), collections.Counter()
    with_speaker, speaker_right = collections.Counter(), collections.Counter()
    for article in gold:
        mine = by_article.get(article["stem"], [])
        words = [sq.words(r["quote_text"]) for r in mine]
        matched = {}
        for quote in sorted(article["quotes"], key=lambda q: -len(q["quote"]["text"])):
            gold_words, best, best_overlap = sq.words(quote["quote"]["text"]), None, 0
            for i, w in enumerate(words):
                overlap = len(gold_words & w) if i not in matched and w else 0
                if overlap > best_overlap and 2 * overlap >= len(gold_words) \
                        and 2 * overlap >= len(w):
                    best, best_overlap = i, overlap
            if best is not None:
                matched[best] = quote
        for i, row in enumerate(mine):
            kind = (row["kind"], "cue" if row["cue"] else "no cue")
            total[kind] += 1
            quote = matched.get(i)
            if quote is None:
                continue
            right[kind] += 1
            if quote.get("speaker"):
                with_speaker[kind] += 1
                said = json.dumps(row["speaker"], ensure_ascii=False, default=str) \
                    if row["speaker"] else ""
                speaker_right[kind] += bool(sq.words(quote["speaker"]["text"]) & sq.words(said))
    for kind in sorted(total):
        print(f"{kind[0]:<14} {kind[1]:<7} rows {total[kind]:>5}  precision "
              f"{right[kind] / total[kind]:.2f}  speaker right "
              f"{speaker_right[kind]}/{with_speaker[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
