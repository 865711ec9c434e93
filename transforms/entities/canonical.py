"""One article's entity mentions resolved to canonical entities.

An article names one thing in several forms: "Wladimir Putin", "Putin", "Putins";
"Russland", "Russlands". Within the article, these resolve to one canonical name with
one label:

1. Spans no real name could be are dropped (one that runs across a sentence or a line
   break); leading and trailing punctuation goes, brackets stay balanced.
2. A gazetteer match resolves to the gazetteer's canonical name ("Russlands" ->
   "Russland", "USA" -> "Vereinigte Staaten").
3. A genitive -s is stripped when the bare form occurs in the article, alone or as
   the first or last part of a longer name ("Putins" -> "Putin").
4. A shorter name that is the first or last part of exactly one longer person name in
   the article resolves to it ("Putin" -> "Wladimir Putin", "Kim" -> "Kim Jong Un").
   Case variants of one name are one entity ("WIENER LINIEN" and "Wiener Linien").
5. Every entity gets one label: the gazetteer's where it tagged a mention, else the
   majority of its mentions' labels (ties: the first mention's).
6. Once the article names an entity, its other occurrences are mentions too ("one
   sense per discourse"): every exact, token-aligned repeat of one of its forms (or
   that form's genitive) outside other entities; for persons, not after an article
   ("die Kim" is no person). A model that misses "Putin" in the lead but finds him later still yields
   every mention.

Every extractor reads the entities resolved once per article
(``transforms.extract.context``), so entity rows and event arguments agree on
``entity_key`` without a join.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from dataclasses import dataclass, field

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc, Span

from transforms.extract.deadline import check as check_deadline
from transforms.lang import de

_CHECK_EVERY = 64  # words between two looks at the deadline (a look is a clock read)


@dataclass
class Mention:
    text: str
    start: int  # character offsets
    end: int
    sentence: int
    token_start: int
    token_end: int
    label: str
    gazetteer: bool


@dataclass
class Entity:
    canonical_name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def key(self) -> str:
        return entity_key(self.label, self.canonical_name)


@functools.lru_cache(maxsize=1 << 16)
def entity_key(label: str, canonical_name: str) -> str:
    """Stable across articles and runs: same label and name, same key. (Asked for
    again and again, by every extractor: remembered.)"""
    digest = hashlib.sha1(f"{label}\x1f{canonical_name.casefold()}".encode()).hexdigest()
    return digest[:16]


def resolve(doc: Doc) -> list[Entity]:
    """Canonical entities of one article, ordered by first mention."""
    sentence_of = sentence_index(doc)
    raw: list[tuple[Mention, str]] = []  # (mention, surface or gazetteer name)
    for ent in doc.ents:
        span = _trim(ent)
        if span is None or not _plausible(span, sentence_of):
            continue
        gazetteer_id = ent.id_ or ""
        mention = Mention(
            text=span.text, start=span.start_char, end=span.end_char,
            sentence=sentence_of[span.start], token_start=span.start, token_end=span.end,
            label=ent.label_, gazetteer=bool(gazetteer_id))
        raw.append((mention, gazetteer_id or " ".join(span.text.split())))

    surfaces = {name for _, name in raw}
    for name in list(surfaces):  # "Putins" resolves when only "Wladimir Putin" occurs
        parts = name.split()
        if len(parts) > 1:
            surfaces.update((parts[0], parts[-1]))
    names = [(m, de.strip_genitive(name, surfaces) if not m.gazetteer else name)
             for m, name in raw]
    expand = _Expander(_person_names(names))
    groups: dict[str, list[tuple[Mention, str]]] = {}  # by casefolded name
    for mention, name in names:
        check_deadline()
        if not mention.gazetteer:
            name = expand(name)
        groups.setdefault(name.casefold(), []).append((mention, name))

    entities = [Entity(_spelling([n for _, n in group]), _label([m for m, _ in group]),
                       [m for m, _ in group]) for group in groups.values()]
    _propagate(doc, entities, sentence_of)
    return sorted(entities, key=lambda e: e.mentions[0].start)


def _propagate(doc: Doc, entities: list[Entity], sentence_of: list[int]) -> None:
    owner: dict[tuple[str, ...], Entity | None] = {}
    for entity in entities:
        forms = {tuple(t.text for t in doc[m.token_start:m.token_end]) for m in entity.mentions}
        if entity.label == "PER":  # "Putin", "Kim": the parts rule 4 resolves
            forms.update((part,) for form in list(forms) if len(form) > 1
                         for part in (form[0], form[-1]))
        for form in forms:
            for variant in (form, form[:-1] + (de.with_genitive_s(form[-1]),)):
                if variant in owner and owner[variant] is not entity:
                    owner[variant] = None  # one form, two entities: ambiguous
                else:
                    owner[variant] = entity
    covered = {i for e in entities for m in e.mentions
               for i in range(m.token_start, m.token_end)}
    covered.update(i for ent in doc.ents for i in range(ent.start, ent.end))
    # The words as the ids of their strings (one array, no Token per word): a form
    # matches where its words' ids do.
    ids = doc.vocab.strings
    by_first: dict[int, list[tuple[int, ...]]] = {}  # forms by first word, longest first
    owner_of: dict[tuple[int, ...], Entity | None] = {}
    for form in sorted(owner, key=len, reverse=True):
        form_ids = tuple(ids[word] for word in form)
        owner_of[form_ids] = owner[form]
        by_first.setdefault(form_ids[0], []).append(form_ids)
    texts = doc.to_array(ORTH).tolist()
    i = 0
    while i < len(texts):
        if not i % _CHECK_EVERY:
            check_deadline()
        for form in by_first.get(texts[i], ()):
            size = len(form)
            entity = owner_of[form]
            if (entity is None or tuple(texts[i:i + size]) != form
                    or covered.intersection(range(i, i + size))
                    or not _name_like(doc[i:i + size], entity.label, sentence_of)):
                continue
            span = doc[i:i + size]
            entity.mentions.append(Mention(
                text=span.text, start=span.start_char, end=span.end_char,
                sentence=sentence_of[i], token_start=i, token_end=i + size,
                label=entity.label, gazetteer=False))
            covered.update(range(i, i + size))
            i += size - 1
            break
        i += 1
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)


def _name_like(span: Span, label: str, sentence_of: list[int]) -> bool:
    if sentence_of[span.start] != sentence_of[span.end - 1]:
        return False
    if not span[0].text[:1].isupper():
        return False
    # German puts no article before a person's name, but does before a common noun
    # that looks like one ("der Koch", "die Kim"); places and organisations take
    # articles ("die Ukraine", "der Kreml"), so the test is for persons only.
    previous = span.doc[span.start - 1].lower_ if span.start else ""
    return not (label == "PER" and previous in de.ARTICLES)


def sentence_index(doc: Doc) -> list[int]:
    """The sentence of every token (0, 1, ...): a sentence starts where the Doc says
    so, and at the first token."""
    if not len(doc):
        return []
    starts = doc.to_array(SENT_START) == 1
    starts[0] = True
    return (numpy.cumsum(starts) - 1).tolist()


_OPENING, _CLOSING = "([{", ")]}"


def _trim(span: Span) -> Span | None:
    """Without leading and trailing punctuation, and never with an unbalanced bracket:
    "Frankfurt (Main)" keeps its closing bracket, "Frankfurt (Main" loses the part."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    depth, cut = 0, None
    for token in doc[start:end]:
        if token.text in _OPENING:
            depth, cut = depth + 1, (token.i if depth == 0 else cut)
        elif token.text in _CLOSING:
            if depth == 0:  # a closing bracket without its opening one: cut before it
                end = token.i
                break
            depth -= 1
    if depth and end < len(doc) and doc[end].text in _CLOSING and depth == 1:
        end += 1  # the model left the closing bracket out
    elif depth:
        end = cut
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) \
            and doc[end - 1].text not in _CLOSING:
        end -= 1
    if start == end:
        return None
    return doc[start:end]


def _plausible(span: Span, sentence_of: list[int]) -> bool:
    if sentence_of[span.start] != sentence_of[span.end - 1]:
        return False
    return "\n" not in span.text and any(ch.isalpha() for ch in span.text)


def _person_names(names: list[tuple[Mention, str]]) -> list[list[str]]:
    votes: dict[str, Counter] = {}
    for mention, name in names:
        votes.setdefault(name, Counter())[mention.label] += 1
    return [name.split() for name, count in votes.items()
            if len(name.split()) > 1 and count.most_common(1)[0][0] == "PER"]


def _expand(name: str, long_names: list[list[str]]) -> str:
    parts = name.split()
    matches = {" ".join(long) for long in long_names
               if len(long) > len(parts) and (long[:len(parts)] == parts
                                              or long[-len(parts):] == parts)}
    return matches.pop() if len(matches) == 1 else name


class _Expander:
    """:func:`_expand` over one article's long names, each name once, and only against
    the long names that start or end with its first or last word (an article names
    thousands of people: every mention against every name would grow with the square
    of its length)."""

    def __init__(self, long_names: list[list[str]]):
        self.long_names = long_names
        self.by_word: dict[str, list[list[str]]] = {}
        for long in long_names:
            for word in {long[0], long[-1]}:
                self.by_word.setdefault(word, []).append(long)
        self.done: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.done:
            parts = name.split()
            near = self.long_names if not parts else self.by_word.get(parts[0], []) + (
                self.by_word.get(parts[-1], []) if parts[-1] != parts[0] else [])
            self.done[name] = _expand(name, near)
        return self.done[name]


def _spelling(names: list[str]) -> str:
    """One spelling of case variants ("WIENER LINIEN GmbH." and "Wiener Linien
    GmbH."): the most frequent not written in capitals throughout, the first on a tie."""
    mixed = [n for n in names if not n.isupper()] or names
    counts = Counter(mixed)
    return max(mixed, key=lambda n: counts[n])


def _label(mentions: list[Mention]) -> str:
    gazetteer = [m.label for m in mentions if m.gazetteer]
    if gazetteer:
        return Counter(gazetteer).most_common(1)[0][0]
    counts = Counter(m.label for m in mentions)
    best = max(counts.values())
    return next(m.label for m in mentions if counts[m.label] == best)
