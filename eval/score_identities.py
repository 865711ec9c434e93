"""Split identities: of the article occurrences of persons named in 3 or more articles,
how many sit under an identity other than the person's main one.

    python eval/score_identities.py OUTPUT [--show N]

OUTPUT is a whole-corpus newsbeam output. "Same person" is decided here from the names
of the current ``entities`` rows alone, with rules of its own, never with the identity
keys or the resolution code it judges:

* A name is normalised: case-folded, hyphens as spaces, a genitive -s (or -') dropped
  from its last word when the bare form is also a name of the corpus ("Merkels",
  "Strache'").
* Full names (two or more words, labelled PER in most of their rows) are one person
  when they share their last word and their first words are compatible: equal, or one an
  initial of the other ("A. Merkel"), or one name's words all inside the other's
  ("Angela Merkel", "Angela Dorothea Merkel"). The full name's rows under any label count
  (a model that calls "Angela Merkel" ORG once still names her).
* A one-word name (labelled PER in most of its rows over the corpus) is a person's when
  its article also names exactly one person whose last word it is (co-occurrence);
  otherwise when exactly one person of the corpus has it as last word, or, with none, as
  first word ("Kim" for the only Kim). A one-word name that could be several persons in
  its article and the corpus is **ambiguous**: counted apart, neither split nor whole.

An occurrence is a (person, article) pair; the person's identity in it is the current
identity (the latest ``identities`` version, joined on ``entity_key``) of each of its
rows in that article. The person's main identity is the one of most of its occurrences;
an occurrence with a row under any other identity is **split**. Persons are those with 3
or more articles. The target of issue 13: split occurrences <= 5%.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.outputs import current_entities, current_identities  # noqa: E402

MIN_ARTICLES = 3
TARGET = 0.05


def words_of(name: str) -> list[str]:
    name = unicodedata.normalize("NFC", name).casefold().replace("-", " ")
    return [w for w in name.replace("’", "'").split() if w]


def compatible(a: list[str], b: list[str]) -> bool:
    """Two full names with the same last word: the same person's?"""
    first_a, first_b = a[0].rstrip("."), b[0].rstrip(".")
    if first_a == first_b:
        return True
    if (a[0].endswith(".") and first_b.startswith(first_a)) or \
            (b[0].endswith(".") and first_a.startswith(first_b)):
        return True
    return set(a) <= set(b) or set(b) <= set(a)


class People:
    """The persons of an output: full names clustered, one-word names attached."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        names = Counter(r["canonical_name"] for r in rows)
        per_votes: dict[str, Counter] = defaultdict(Counter)
        for r in rows:
            per_votes[r["canonical_name"]][r["label"] == "PER"] += 1
        known = {" ".join(words_of(n)) for n in names}
        self.norm = {n: self._normalise(n, known) for n in names}
        full_votes: dict[tuple, Counter] = defaultdict(Counter)
        for n, v in per_votes.items():
            full_votes[self.norm[n]].update(v)
        full = sorted(w for w, v in full_votes.items()
                      if len(w) > 1 and v[True] * 2 > sum(v.values()))
        # clusters of full names: same last word, compatible first words
        self.person_of: dict[tuple, int] = {}
        self.by_last: dict[str, set[int]] = defaultdict(set)
        self.by_first: dict[str, set[int]] = defaultdict(set)
        people: list[list[list[str]]] = []
        for words in sorted(full, key=len, reverse=True):
            found = next((i for i in self.by_last[words[-1]]
                          if all(compatible(words, other) for other in people[i])), None)
            if found is None:
                found = len(people)
                people.append([])
            people[found].append(words)
            self.person_of[tuple(words)] = found
            self.by_last[words[-1]].add(found)
            self.by_first[words[0]].add(found)
        self.names = [" ".join(max(p, key=len)) for p in people]
        self.single_per = {n for n, v in per_votes.items()
                           if len(self.norm[n]) == 1 and v[True] * 2 > sum(v.values())}

    @staticmethod
    def _normalise(name: str, known: set[str]) -> tuple[str, ...]:
        words = words_of(name)
        if words:
            last = words[-1]
            for suffix in ("s", "'", "'s"):
                bare = " ".join(words[:-1] + [last[:-len(suffix)]])
                if last.endswith(suffix) and len(last) > len(suffix) + 2 and bare in known:
                    words = bare.split()
                    break
        return tuple(words)

    def occurrences(self):
        """(person or None, article_id, row) per row that names a person; None: an
        ambiguous one-word name."""
        by_article: dict[str, list[dict]] = defaultdict(list)
        for r in self.rows:
            by_article[r["article_id"]].append(r)
        for article, rows in by_article.items():
            here = {self.person_of[self.norm[r["canonical_name"]]] for r in rows
                    if self.norm[r["canonical_name"]] in self.person_of}
            for r in rows:
                words = self.norm[r["canonical_name"]]
                if words in self.person_of:
                    yield self.person_of[words], article, r
                elif len(words) == 1 and r["canonical_name"] in self.single_per:
                    word = words[0]
                    candidates = (self.by_last[word] & here) or self.by_last[word] \
                        or self.by_first[word]
                    if len(candidates) == 1:
                        yield next(iter(candidates)), article, r
                    elif len(candidates) > 1:
                        yield None, article, r


def score(output: str, show: int = 10) -> dict:
    import duckdb
    con = duckdb.connect()
    rows = current_entities(output, con).select(
        "article_id, entity_key, canonical_name, label").to_arrow_table().to_pylist()
    identity = {k: i for k, i in current_identities(output, con).select(
        "entity_key, identity_key").fetchall()}
    people = People(rows)
    occurrences: dict[tuple[int, str], set[str]] = defaultdict(set)
    ambiguous: set[tuple[str, str]] = set()
    for person, article, r in people.occurrences():
        if person is None:
            ambiguous.add((article, r["canonical_name"]))
            continue
        occurrences[(person, article)].add(identity.get(r["entity_key"], "?" + r["entity_key"]))
    per_person: dict[int, list[set[str]]] = defaultdict(list)
    for (person, _), ids in occurrences.items():
        per_person[person].append(ids)
    total = split = 0
    worst = []
    for person, occ in per_person.items():
        if len(occ) < MIN_ARTICLES:
            continue
        main = Counter(i for ids in occ for i in ids).most_common(1)[0][0]
        bad = sum(1 for ids in occ if ids != {main})
        total += len(occ)
        split += bad
        if bad:
            worst.append((bad, len(occ), people.names[person]))
    worst.sort(reverse=True)
    result = {"persons": sum(1 for o in per_person.values() if len(o) >= MIN_ARTICLES),
              "occurrences": total, "split": split,
              "split_rate": round(split / total, 4) if total else None,
              "ambiguous_occurrences": len(ambiguous), "worst": worst[:show]}
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("--show", type=int, default=15, help="persons with most splits")
    args = parser.parse_args(argv)
    r = score(args.output, args.show)
    print(f"persons named in {MIN_ARTICLES}+ articles: {r['persons']}, "
          f"their article occurrences: {r['occurrences']}")
    print(f"under a split identity: {r['split']} ({100 * (r['split_rate'] or 0):.1f}%; "
          f"target <= {100 * TARGET:.0f}%: {'met' if (r['split_rate'] or 0) <= TARGET else 'NOT met'})")
    print(f"ambiguous one-word names (not counted): {r['ambiguous_occurrences']} occurrences")
    for bad, n, name in r["worst"]:
        print(f"  {bad:>3} of {n:>3} split  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
