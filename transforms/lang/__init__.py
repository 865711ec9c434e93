"""Languages as data: one folder per language, read in one place.

Takes nothing from the pipeline; gives the extractors every word list, lookup table,
pattern and dependency label scheme of a language. A language folder (``de/``) holds:

* ``words.tsv``: named word lists (``list<TAB>word``);
* ``maps.tsv``: named lookup tables (``map<TAB>key<TAB>value``);
* ``patterns.tsv``: named regular expressions (``name<TAB>flags<TAB>regex``), where
  ``{name}`` stands for the alternation of a word list or of a map's keys;
* ``schemes.tsv``: dependency label schemes (``scheme<TAB>label<TAB>role``);
* larger tables of its own (the event lexicon, the gazetteer, demonyms).

The folder's ``__init__`` reads them once and exposes them as constants, with the few
morphology rules that are code. Nothing outside a language folder names a word of its
language. Pure Python: no Beam.
"""

from __future__ import annotations

import re
from importlib import resources


def read_tsv(package: str, name: str) -> list[list[str]]:
    """The rows of a TSV file in a package, without comments and blank lines."""
    text = resources.files(package).joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


class LanguageData:
    """The generic tables of one language folder, by name."""

    def __init__(self, package: str):
        self.package = package
        self.lists: dict[str, list[str]] = {}
        for name, word in read_tsv(package, "words.tsv"):
            self.lists.setdefault(name, []).append(word)
        self.maps: dict[str, dict[str, str]] = {}
        for name, key, value in read_tsv(package, "maps.tsv"):
            self.maps.setdefault(name, {})[key] = value
        self.schemes: dict[str, dict[str, str]] = {}
        for scheme, label, role in read_tsv(package, "schemes.tsv"):
            self.schemes.setdefault(scheme, {})[label] = role
        self._patterns = {name: (flags, regex)
                          for name, flags, regex in read_tsv(package, "patterns.tsv")}

    def words(self, name: str) -> frozenset[str]:
        return frozenset(self.lists[name])

    def ordered(self, name: str) -> tuple[str, ...]:
        return tuple(self.lists[name])

    def map(self, name: str, value=str) -> dict:
        return {key: value(v) for key, v in self.maps[name].items()}

    def pattern(self, name: str) -> re.Pattern:
        flags, regex = self._patterns[name]
        return re.compile(re.sub(r"\{([a-z_]+)\}", self._alternation, regex),
                          re.IGNORECASE if "i" in flags else 0)

    def _alternation(self, match: re.Match) -> str:
        name = match.group(1)
        words = self.lists.get(name) or list(self.maps[name])
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
