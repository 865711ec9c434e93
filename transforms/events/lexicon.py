"""The event trigger lexicon: data, not code (``data/event_lexicon.tsv`` or a user's file
passed with ``--event-lexicon``), and the CAMEO/QuadClass mapping of each type."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from transforms import german

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
               "INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST",
               "CRIME", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT", "STATEMENT")
_MIN_COMPOUND_HEAD = 6
# Inflection endings stripped to compare a verb form with a lexicon verb's stem, so a
# weak lemmatizer ("planten" -> "plant") still finds "planen".
_VERB_ENDINGS = ("test", "ten", "tet", "te", "est", "en", "et", "st", "t", "e", "n")


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    event_type: str
    event_mode: str
    cue: re.Pattern | None


@dataclass(frozen=True)
class Mapping:
    cameo_root: str | None
    quad_class: int | None


class Lexicon:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_key: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            self._by_key.setdefault((entry.pos, entry.lemma.lower()), []).append(entry)
        verbs = {lemma for pos, lemma in self._by_key if pos == "VERB"}
        self._verb_stems = {verb_stem(lemma): lemma for lemma in verbs}
        self._verb_forms = _verb_forms(verbs)
        self._nouns = {lemma for pos, lemma in self._by_key if pos == "NOUN"}
        self._memo: dict[tuple, str | None] = {}

    @classmethod
    def from_text(cls, text: str, origin: str = "lexicon") -> "Lexicon":
        entries = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                raise LexiconError(f"{origin}:{number}: expected lemma, pos, type, mode[, cue]")
            lemma, pos, event_type, mode = (c.strip() for c in cols[:4])
            if pos not in ("VERB", "NOUN"):
                raise LexiconError(f"{origin}:{number}: pos must be VERB or NOUN, not {pos!r}")
            if event_type not in EVENT_TYPES:
                raise LexiconError(f"{origin}:{number}: unknown event type {event_type!r}")
            cue = cols[4].strip() if len(cols) > 4 and cols[4].strip() else None
            try:
                pattern = re.compile(cue, re.IGNORECASE) if cue else None
            except re.error as err:
                raise LexiconError(f"{origin}:{number}: bad cue {cue!r}: {err}") from err
            entries.append(Entry(lemma, pos, event_type, mode, pattern))
        if not entries:
            raise LexiconError(f"{origin}: no entries")
        return cls(entries)

    def verb_lemma(self, lemma: str, form: str, particle: str = "") -> str | None:
        """The lexicon verb a token stands for (with its separated particle, if any):
        by lemma, by spaCy's lookup table for irregular forms ("empfing",
        "festgenommen", "wirft ... vor"), else by the stem of its lemma or form."""
        key = ("VERB", lemma, form, particle)
        if key not in self._memo:
            self._memo[key] = self._verb_lemma(lemma.lower(), form.lower(), particle.lower())
        return self._memo[key]

    def _verb_lemma(self, lemma: str, form: str, particle: str) -> str | None:
        looked_up = self._verb_forms.get(form) or self._verb_forms.get(particle + form)
        for candidate in (particle + lemma, looked_up and particle + looked_up, looked_up):
            if candidate and ("VERB", candidate) in self._by_key:
                return candidate
        lemma, form = particle + lemma, particle + form
        for candidate in (lemma, form):
            for stem in _stems(candidate):
                if stem in self._verb_stems:
                    return self._verb_stems[stem]
        return None

    def noun_lemma(self, lemma: str, form: str) -> str | None:
        """The lexicon noun a token stands for: by lemma or form, else as the last part
        of a compound ("Waffenlieferungen" -> Waffenlieferung, "Raketenstarts" -> Start
        only for heads of 6+ letters)."""
        key = ("NOUN", lemma, form)
        if key not in self._memo:
            self._memo[key] = self._noun_lemma(lemma.lower(), form.lower())
        return self._memo[key]

    def _noun_lemma(self, lemma: str, form: str) -> str | None:
        for candidate in (lemma, form):
            if candidate in self._nouns:
                return candidate
        for candidate in (lemma, form, lemma.rstrip("ens"), form.rstrip("ens")):
            for k in range(len(candidate), _MIN_COMPOUND_HEAD - 1, -1):
                if candidate[-k:] in self._nouns:  # longest head first
                    return candidate[-k:]
        return None

    def lookup(self, pos: str, lemma: str, context_lemmas: list[str]) -> Entry | None:
        default = None
        for entry in self._by_key.get((pos, lemma.lower()), []):
            if entry.cue is None:
                default = default or entry
            elif any(entry.cue.search(c) for c in context_lemmas):
                return entry
        if default is None and self._by_key.get((pos, lemma.lower())):
            return None  # only cued rows, and no cue matched: not an event
        return default

    def lemma_of(self, pos: str, lemma: str) -> str:
        entries = self._by_key.get((pos, lemma.lower()))
        return entries[0].lemma if entries else lemma


def _verb_forms(verbs: set[str]) -> dict[str, str]:
    """Inflected forms of the given verbs (and of their particle-less bases, so that
    "wirft" + "vor" finds vorwerfen), from spaCy's German lookup table
    (spacy-lookups-data); empty without it. Only these forms are kept: the whole table
    is 355k entries."""
    try:
        import srsly
        path = resources.files("spacy_lookups_data").joinpath("data/de_lemma_lookup.json.gz")
        table = srsly.read_gzip_json(str(path))
    except (ImportError, OSError, ValueError):
        return {}
    bases = set(verbs)
    for verb in verbs:
        for prefix in german.SEPARABLE_PREFIXES:
            if verb.startswith(prefix) and len(verb) - len(prefix) >= 4:
                bases.add(verb[len(prefix):])
    return {form.lower(): lemma.lower() for form, lemma in table.items()
            if isinstance(lemma, str) and lemma.lower() in bases}


def verb_stem(lemma: str) -> str:
    """"treffen" -> "treff", "liefern" -> "liefer": what inflected forms start with."""
    lemma = lemma.lower()
    for ending in ("en", "n"):
        if lemma.endswith(ending) and len(lemma) - len(ending) >= 3:
            return lemma[: -len(ending)]
    return lemma


def _stems(word: str) -> list[str]:
    out = [word]
    if word.startswith("ge") and len(word) > 6:
        out.append(word[2:])
    for prefix in german.SEPARABLE_PREFIXES:  # "abgefeuert" -> "abfeuert"
        if word.startswith(prefix + "ge") and len(word) > len(prefix) + 5:
            out.append(prefix + word[len(prefix) + 2:])
            break
    stems = []
    for w in out:
        stems.append(w)
        for ending in _VERB_ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                stems.append(w[: -len(ending)])
    return stems


@functools.lru_cache(maxsize=8)
def load(path: str | None = None) -> Lexicon:
    """The default lexicon, or a user's (local path or gs:// URI)."""
    if path is None:
        text = resources.files("transforms").joinpath("data/event_lexicon.tsv").read_text("utf-8")
        return Lexicon.from_text(text, "event_lexicon.tsv")
    from apache_beam.io.filesystems import FileSystems
    with FileSystems.open(path) as fh:
        return Lexicon.from_text(fh.read().decode("utf-8"), path)


@functools.lru_cache(maxsize=1)
def cameo_mapping() -> dict[str, Mapping]:
    text = resources.files("transforms").joinpath("data/plover_cameo.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        event_type, root, quad, *_ = line.split("\t")
        out[event_type] = Mapping(root or None, int(quad) if quad else None)
    return out


def taxonomy_markdown(lexicon: Lexicon | None = None) -> str:
    """Types, their modes (from the lexicon) and CAMEO/QuadClass, for the README."""
    lexicon = lexicon or load()
    modes: dict[str, list[str]] = {}
    for entry in lexicon.entries:
        seen = modes.setdefault(entry.event_type, [])
        if entry.event_mode not in seen:
            seen.append(entry.event_mode)
    mapping = cameo_mapping()
    lines = ["| type | modes | CAMEO root | QuadClass |", "|---|---|---|---|"]
    for event_type in EVENT_TYPES:
        m = mapping[event_type]
        lines.append(f"| {event_type} | {', '.join(modes.get(event_type, []))} | "
                     f"{m.cameo_root or '-'} | {m.quad_class or '-'} |")
    return "\n".join(lines)
