"""What the where-and-who steps cost a worker in memory: the place index, its look-up
cache and the actor tables, measured one after the other in one fresh process.

    python bench/where_who_memory.py [--lookups N]

Prints the process's resident memory (VmRSS) after each step and what the step added:
importing the packages, opening the place index (SQLite, read-only), N look-ups of
distinct names (the index's cache holds up to 20,000 answers; the names are GeoNames'
own, so most find places) and the actor tables (organisations, role nouns, demonyms).
Not a test: figures, no pass/fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lookups", type=int, default=30_000)
    args = parser.parse_args(argv)
    steps = [("start", rss_mb())]

    import transforms.geo.resolve as resolve
    import transforms.who.actors as actors
    steps.append(("imports (transforms.geo, transforms.who)", rss_mb()))

    index = resolve.shared_index()
    steps.append(("place index opened", rss_mb()))

    names = [row[0] for row in index.db.execute(
        "SELECT DISTINCT key FROM names LIMIT ?", (args.lookups,))]
    found = sum(1 for name in names if index.lookup(name))
    steps.append((f"{len(names):,} look-ups ({found:,} found; cache of "
                  f"{index.lookup.cache_info().maxsize:,})", rss_mb()))

    table = actors.shared()
    table.demonym("russische"), table.role("Außenminister")
    steps.append(("actor tables", rss_mb()))

    before = steps[0][1]
    for label, value in steps:
        print(f"{value:8.1f} MB  {value - before:+7.1f} MB  {label}")
        before = value
    print(f"total added by where-and-who beyond the imports: "
          f"{steps[-1][1] - steps[1][1]:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
