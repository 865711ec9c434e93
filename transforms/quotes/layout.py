"""Where a sentence's clauses break, listed once per sentence.

The steps after the cues ask, for each cue, where the nearest break, clause opener,
finite verb or "dass"/"ob" stands before or after it, and how deep in brackets it
stands. Scanned from the cue each time, one sentence with thousands of cues (a text
without a sentence end: a table, a list, a broken feed) costs the square of its length;
here each kind of position is listed once per sentence, in text order, and found by
bisection, and the bracket depth before each token is a running sum. The answers are the
scans' answers.

``Sentences.layout(k)`` builds and keeps one per sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Span, Token

from transforms.lang import de

BREAKS = {",", ";", ":", "–", "-"}  # where a clause may end inside a sentence
CLAUSE_CONJUNCTIONS = de.words("clause_conjunctions")


def finite(token: Token) -> bool:
    """A finite verb by its tags, or a form that only a finite verb has ("sei")."""
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm") or \
        token.lower_ in de.SUBJUNCTIVE_FORMS


class Layout:
    """Sorted token positions of one sentence: ``breaks`` (``BREAKS``), ``openers``
    (a break or a closing quotation mark: a clause's first word follows), ``clause_stops``
    (a break or a clause conjunction: where a later cue's clause may begin), ``finite``
    (finite verbs), ``marker_stops`` (what ends the search for a "dass"/"ob" after a cue:
    the marker itself, a finite verb, ";", ":" or a closing quotation mark)."""

    def __init__(self, sent: Span):
        self.start, self.end = sent.start, sent.end
        self.breaks: list[int] = []
        self.openers: list[int] = []
        self.clause_stops: list[int] = []
        self.finite: list[int] = []
        self.marker_stops: list[int] = []
        self._depth = [0]  # bracket depth before token start + k
        depth = 0
        for token in sent:
            text, i = token.text, token.i
            closing = text in de.CLOSING_QUOTES
            if text in BREAKS:
                self.breaks.append(i)
            if text in BREAKS or closing:
                self.openers.append(i)
            if text in BREAKS or token.lower_ in CLAUSE_CONJUNCTIONS:
                self.clause_stops.append(i)
            is_finite = finite(token)
            if is_finite:
                self.finite.append(i)
            if token.lower_ in de.INDIRECT_MARKERS or is_finite or text in (";", ":") or \
                    closing:
                self.marker_stops.append(i)
            depth += (text == "(") - (text == ")")
            self._depth.append(depth)

    def depth(self, i: int) -> int:
        """The bracket depth before token i ("(" opened minus ")" closed since the
        sentence's start)."""
        return self._depth[max(0, min(i, self.end) - self.start)]


def first(positions: list[int], lo: int, hi: int) -> int | None:
    """The first position p with lo <= p < hi."""
    k = bisect_left(positions, lo)
    return positions[k] if k < len(positions) and positions[k] < hi else None


def last(positions: list[int], lo: int, hi: int) -> int | None:
    """The last position p with lo <= p < hi."""
    k = bisect_left(positions, hi) - 1
    return positions[k] if k >= 0 and positions[k] >= lo else None


class Stops:
    """Where the clauses of a sentence's cues begin (sorted token positions, shared by all
    the sentence's cues, never copied), the one at index ``skip`` (the cue's own) left
    out: what bounds that cue's content before and after it."""

    def __init__(self, positions: list[int] = (), skip: int | None = None):
        self.positions = positions
        self._skip = -1 if skip is None else skip

    def after(self, i: int) -> int | None:
        """The first position > i."""
        k = bisect_right(self.positions, i)
        k += k == self._skip
        return self.positions[k] if k < len(self.positions) else None

    def before(self, i: int) -> int | None:
        """The last position < i."""
        k = bisect_left(self.positions, i) - 1
        k -= k == self._skip
        return self.positions[k] if k >= 0 else None
