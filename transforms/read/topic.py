"""An article's topic, from the words of its text: politics, economy, sports, culture,
science, technology or panorama.

A small offline classifier over the language's topic words (``lang/de/topics.tsv``):
each topic sums the weights of its words in the article, the headline and lead counting
double, and the heaviest topic wins; an article that says too little of any topic is
"panorama" (accidents, crime, weather, people). Analysts filter events by it, and the
event stages read it: a match report is no war.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from transforms.lang import de

PANORAMA = "panorama"
_MIN_SCORE = 4  # below this, an article is about everything else
_WORD = re.compile(r"[\wäöüß-]+")


@functools.lru_cache(maxsize=1)
def _vocabulary():
    exact: dict[str, list[tuple[str, float]]] = {}
    prefixes: list[tuple[str, str, float]] = []
    inside: list[tuple[str, str, float]] = []
    phrases: list[tuple[str, str, float]] = []
    for topic, stem, weight in de.table("topics.tsv"):
        stem, weight = stem.lower(), float(weight)
        if " " in stem:
            phrases.append((stem, topic, weight))
        elif len(stem) < 4:
            exact.setdefault(stem, []).append((topic, weight))
        elif len(stem) < 6:
            prefixes.append((stem, topic, weight))
        else:
            inside.append((stem, topic, weight))
    by_start: dict[str, list[tuple[str, str, float]]] = {}
    for stem, topic, weight in prefixes:
        by_start.setdefault(stem[:4], []).append((stem, topic, weight))
    return exact, by_start, inside, phrases


def scores(text: str, lead: str = "") -> Counter:
    _, _, _, phrases = _vocabulary()
    out: Counter = Counter()
    for part, factor in ((text, 1.0), (lead, 1.0)):  # the lead is in the text: twice
        lowered = part.lower()
        for word in _WORD.findall(lowered):
            for topic, weight in _word_weights(word):
                out[topic] += weight * factor
        for stem, topic, weight in phrases:
            out[topic] += lowered.count(stem) * weight * factor
    return out


@functools.lru_cache(maxsize=1 << 17)
def _word_weights(word: str) -> tuple[tuple[str, float], ...]:
    """What one (lower-case) word adds to the topics, in the order the stems match:
    the same for every occurrence of the word, so worked out once (a long word is
    tried against every stem of the vocabulary)."""
    exact, by_start, inside, _ = _vocabulary()
    out = list(exact.get(word, ()))
    out += [(topic, weight) for stem, topic, weight in by_start.get(word[:4], ())
            if word.startswith(stem)]
    if len(word) >= 6:
        out += [(topic, weight) for stem, topic, weight in inside if stem in word]
    return tuple(out)


def topic(text: str, lead: str = "") -> str:
    found = scores(text, lead)
    if not found:
        return PANORAMA
    best, score = max(found.items(), key=lambda kv: (kv[1], kv[0]))
    return best if score >= _MIN_SCORE else PANORAMA
