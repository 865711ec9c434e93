"""Score a newsbeam output against a quotation gold set, whole and in two halves by article.

    python eval/quotes_halves.py ../shared/corpus/quotes-dev OUTPUT

The halves split the articles by the number in their file name (even: the "study" half,
whose misses one may read to find what is wrong; odd: the "check" half, read only as
figures). A rule that helps the study half and not the check half fits particular
articles rather than German news. Each half is scored by ``score_quotes.py`` (beside the
gold set's ``../../eval``) over a gold file holding only its articles.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HALVES = (("all", None), ("study", 0), ("check", 1))


def main(argv=None) -> int:
    gold_dir, output = (argv or sys.argv[1:])[:2]
    gold = Path(gold_dir)
    scorer = gold.parent.parent / "eval" / "score_quotes.py"
    lines = (gold / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        for name, parity in HALVES:
            if parity is None:
                folder = gold
            else:
                folder = Path(tmp) / name
                folder.mkdir()
                kept = [line for line in lines if line.strip() and
                        int(re.sub(r"\D", "", json.loads(line)["stem"]) or 0) % 2 == parity]
                (folder / "gold.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
            result = subprocess.run([sys.executable, str(scorer), str(folder), output],
                                    capture_output=True, text=True, check=True)
            print(f"{name:6s} {result.stdout.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
