"""The event trigger lexicon: data, not code (the language's ``event_lexicon.tsv``, or a
user's file passed with ``--event-lexicon``), always with the language's speech cues
(``speech_cues.tsv``: one list of speech verbs and nouns, typed as events where they are
events, and flagged as cues that introduce quotations).

A row names a trigger lemma, its part of speech, its event type and mode, optionally a
cue (a regular expression over the words near the trigger that must match for that row
to apply) and constraints on the trigger's arguments (``events/senses.py``: a sense that
does not fit its arguments is no event). A row of type "-" is a sense that is no event
("Verhandlung" near a court's words is a trial): the first fitting row decides. For one lemma, rows whose cue matches come
first, then rows without a cue, each in file order; the first row whose constraints hold
wins. How a token is matched to a lexicon lemma (lookup table, stems, participles,
compound heads) follows the language's morphology rules."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from transforms import derived
from transforms.events.types import event_types
from transforms.lang import de


class LexiconError(ValueError):
    pass


NO_EVENT = "-"  # a sense that is no event: a speech cue ("hoffen"), a cued other sense
# ("Verhandlung" in a court, "Lieferung" to customers)


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str
    event_type: str
    event_mode: str
    cue: re.Pattern | None
    constraints: tuple[str, ...] = ()
    speech: bool = False  # a speech cue: introduces quotations

    @property
    def is_event(self) -> bool:
        return self.event_type != NO_EVENT


class Lexicon:
    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_key: dict[tuple[str, str], list[Entry]] = {}
        for entry in entries:
            self._by_key.setdefault((entry.pos, entry.lemma.lower()), []).append(entry)
        verbs = {lemma for pos, lemma in self._by_key if pos == "VERB"}
        self._verb_stems = {de.verb_stem(lemma): lemma for lemma in verbs}
        self._nouns = {lemma for pos, lemma in self._by_key if pos == "NOUN"}
        self._verb_forms, self._noun_forms = _forms(verbs, self._nouns)
        self._memo: dict[tuple, str | None] = {}

    @classmethod
    def from_text(cls, text: str, origin: str = "lexicon") -> "Lexicon":
        """A user's (or the default) lexicon, with the language's speech cues."""
        entries = _entries(text, origin)
        if not entries:
            raise LexiconError(f"{origin}: no entries")
        return cls(entries + _entries(de.table_text("speech_cues.tsv"), "speech_cues.tsv",
                                      speech=True))

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
        for variant in ([] if looked_up or ("VERB", lemma) in self._by_key
                        else de.preterite_variants(form)):
            looked_up = self._verb_forms.get(variant)
            if looked_up:
                break
        for candidate in (particle + lemma, looked_up and particle + looked_up, looked_up):
            if candidate and ("VERB", candidate) in self._by_key:
                return candidate
        lemma, form = particle + lemma, particle + form
        for candidate in (lemma, form):
            for stem in de.verb_stems(candidate):
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
        # a weak lemmatizer leaves plurals as they are ("Anschläge"): the lookup table's
        # forms of the lexicon's nouns know them, as a whole word or a compound's head
        candidates = (lemma, form, lemma.rstrip("ens"), form.rstrip("ens"))
        for candidate in candidates:  # a whole word first ("Luftangriffe", not "Angriffe")
            if candidate in self._nouns:
                return candidate
            if candidate in self._noun_forms:
                return self._noun_forms[candidate]
        for candidate in candidates:
            for k in range(len(candidate) - 1, de.MIN_COMPOUND_HEAD - 1, -1):
                head = candidate[-k:]  # longest head first
                if head in self._nouns:
                    return head
                lemma_of = self._noun_forms.get(head)
                if lemma_of and len(lemma_of) >= de.MIN_COMPOUND_HEAD:
                    return lemma_of  # "Luftschläge"; not "Diplomatenkreisen" -> Reise
        return None

    def candidates(self, pos: str, lemma: str, context_lemmas: list[str]) -> list[Entry]:
        """The rows that may apply to a lemma in this context, best first: rows whose cue
        matches, then rows without a cue (a lemma with only cued rows and no matching
        cue has none: "Start" of a football match is no rocket launch)."""
        rows = self._by_key.get((pos, lemma.lower()), [])
        cued = [e for e in rows if e.cue is not None
                and any(e.cue.search(c) for c in context_lemmas)]
        return cued + [e for e in rows if e.cue is None]

    def lookup(self, pos: str, lemma: str, context_lemmas: list[str]) -> Entry | None:
        """The first candidate, constraints aside."""
        return next(iter(self.candidates(pos, lemma, context_lemmas)), None)


def _entries(text: str, origin: str, speech: bool = False) -> list[Entry]:
    from transforms.events.senses import check_constraint

    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if not 4 <= len(cols) <= 6:
            raise LexiconError(f"{origin}:{number}: expected lemma, pos, type, mode"
                               f"[, cue[, constraints]]")
        lemma, pos, event_type, mode = (c.strip() for c in cols[:4])
        if pos not in ("VERB", "NOUN"):
            raise LexiconError(f"{origin}:{number}: pos must be VERB or NOUN, not {pos!r}")
        if event_type not in event_types() and event_type != NO_EVENT:
            raise LexiconError(f"{origin}:{number}: unknown event type {event_type!r}")
        cue = cols[4].strip() if len(cols) > 4 and cols[4].strip() else None
        try:
            pattern = re.compile(cue, re.IGNORECASE) if cue else None
        except re.error as err:
            raise LexiconError(f"{origin}:{number}: bad cue {cue!r}: {err}") from err
        constraints = tuple(cols[5].split()) if len(cols) > 5 else ()
        for constraint in constraints:
            problem = check_constraint(constraint)
            if problem:
                raise LexiconError(f"{origin}:{number}: {problem}")
        entries.append(Entry(lemma, pos, event_type, mode, pattern, constraints, speech))
    return entries


def _forms(verbs: set[str], nouns: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The inflected forms of the lexicon's verbs and nouns: a scan of the 355k-entry
    lookup table, done once per machine for a given lexicon and kept
    (``transforms.derived``)."""
    key = derived.key([Path(__file__), Path(de.__file__)], ("spacy-lookups-data",),
                      json.dumps([sorted(verbs), sorted(nouns)]))
    forms = derived.cached("lexicon-forms", key,
                           lambda: [_verb_forms(verbs), _noun_forms(nouns)])
    return forms[0], forms[1]


def _verb_forms(verbs: set[str]) -> dict[str, str]:
    """Inflected forms of the given verbs (and of their particle-less bases, so that
    "wirft" + "vor" finds vorwerfen), from spaCy's German lookup table
    (spacy-lookups-data); empty without it. Only these forms are kept: the whole table
    is 355k entries."""
    table = de.lookup_lemmas()
    bases = set(verbs)
    for verb in verbs:
        bases.update(de.separable_bases(verb))
    return {form.lower(): lemma.lower() for form, lemma in table.items()
            if isinstance(lemma, str) and lemma.lower() in bases}


def _noun_forms(nouns: set[str]) -> dict[str, str]:
    """Inflected forms of the given nouns ("anschläge" -> anschlag), from the same
    lookup table; only these are kept, and only forms of a noun (a capitalised lemma):
    "trafen" is a form of the verb treffen, and "Strafen" no compound of "Treffen"."""
    return {form.lower(): lemma.lower() for form, lemma in de.lookup_lemmas().items()
            if isinstance(lemma, str) and lemma[:1].isupper() and lemma.lower() in nouns
            and form.lower() != lemma.lower()}


@functools.lru_cache(maxsize=1)
def default() -> Lexicon:
    """The language's own lexicon (a user's: :meth:`Lexicon.from_text`)."""
    return Lexicon.from_text(de.table_text("event_lexicon.tsv"), "event_lexicon.tsv")


def taxonomy_markdown(lexicon: Lexicon | None = None) -> str:
    """Types, their modes (from the lexicon) and CAMEO/QuadClass, for the README."""
    lexicon = lexicon or default()
    modes: dict[str, list[str]] = {}
    for entry in (e for e in lexicon.entries if e.is_event):
        seen = modes.setdefault(entry.event_type, [])
        if entry.event_mode not in seen:
            seen.append(entry.event_mode)
    lines = ["| type | modes | CAMEO root | QuadClass |", "|---|---|---|---|"]
    for name, t in event_types().items():
        lines.append(f"| {name} | {', '.join(modes.get(name, []))} | "
                     f"{t.cameo_root or '-'} | {t.quad_class or '-'} |")
    return "\n".join(lines)
