"""How quotations' token ranges stand to each other, and an index to find the near ones.

A quotation's spans are token ranges [start, end). The steps ask whether one quotation
lies inside another (a cue inside a clause someone else says), whether two share most of
their words (one claim found twice), and which quotations stand near a position. Asked
of every earlier quotation, the last costs the square of their number (thousands in one
sentence without a sentence end); :class:`SpanIndex` keeps them by start, so only those
that can reach a position are looked at.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import Iterable, Iterator

Spans = list[tuple[int, int]]


def contains(outer: Spans, inner: Spans) -> bool:
    """Whether each of ``inner``'s ranges lies inside one of ``outer``'s."""
    return all(any(s <= qs and qe <= e for s, e in outer) for qs, qe in inner)


def size(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def overlap(spans: Spans, other: Spans) -> bool:
    """Whether the two share at least half of the smaller one's tokens."""
    shared = sum(max(0, min(e, qe) - max(s, qs)) for s, e in other for qs, qe in spans)
    return shared * 2 >= min(size(spans), size(other))


def with_marks(spans: Iterable[tuple[int, int]]) -> set[int]:
    """The tokens of direct quotes and the quotation marks around them (the token before
    and after each range): what a cue, a clause or a mood is not read from."""
    out: set[int] = set()
    for start, end in spans:
        out.update(range(start - 1, end + 1))
    return out


class SpanIndex:
    """Quotations by start; :meth:`reaching` gives those whose range meets [lo, hi)."""

    def __init__(self, quotes: Iterable = ()):
        self._items: list[tuple[int, int, object]] = []  # (start, order, quotation)
        self._longest = 0
        for quote in quotes:
            self.add(quote)

    def add(self, quote) -> None:
        insort(self._items, (quote.start, len(self._items), quote), key=lambda t: t[:2])
        self._longest = max(self._longest, quote.end - quote.start)

    def reaching(self, lo: int, hi: int) -> Iterator:
        """The quotations with start < hi and end > lo: a start before hi, and no further
        back than the longest quotation reaches."""
        k = bisect_left(self._items, hi, key=lambda t: t[0])
        while k > 0:
            k -= 1
            start, _, quote = self._items[k]
            if start + self._longest <= lo:
                break
            if quote.end > lo:
                yield quote
