"""Explicit time expressions, resolved against the article date.

The grammar is the language's (``time_*`` in ``lang/de/patterns.tsv``); this module
finds its expressions and resolves them.

"Im Juli", "Ende August", "am Dienstag", "am 11. August", "gestern": kept as written and
resolved as far as the article date allows. A weekday or "gestern" needs the article's
day; under a month-precision header it resolves to the article month, and the
precision recorded says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from transforms.lang import de

_DAY_PRECISE = ("day", "minute", "second")


@dataclass(frozen=True)
class TimeExpression:
    text: str
    start: int
    end: int
    kind: str
    groups: dict


def find(text: str, offset: int = 0) -> list[TimeExpression]:
    """Non-overlapping expressions in ``text``; offsets shifted by ``offset``."""
    found: list[TimeExpression] = []
    taken: list[range] = []
    for kind, pattern in de.TIME_GRAMMAR:
        for m in pattern.finditer(text):
            if any(m.start() < r.stop and r.start < m.end() for r in taken):
                continue
            taken.append(range(m.start(), m.end()))
            found.append(TimeExpression(m.group(), m.start() + offset, m.end() + offset, kind,
                                        {k: v for k, v in m.groupdict().items() if v}))
    return sorted(found, key=lambda e: e.start)


def article_precision(precision: str) -> str:
    return "day" if precision in _DAY_PRECISE else precision


def resolve(expr: TimeExpression | None, article_date: dt.date,
            precision: str) -> tuple[dt.date, str]:
    """(date, precision) of an expression; the article's own without one."""
    base = (article_date, article_precision(precision))
    if expr is None:
        return base
    g = expr.groups
    if expr.kind in ("day", "month"):
        month = de.MONTH_NUMBERS[g["month"].lower()]
        year = int(g["year"]) if "year" in g else _year_for(month, article_date)
        if expr.kind == "month":
            return dt.date(year, month, 1), "month"
        try:
            return dt.date(year, month, int(g["day"])), "day"
        except ValueError:
            return dt.date(year, month, 1), "month"
    if expr.kind == "year":
        return dt.date(int(g["year"]), 1, 1), "year"
    if base[1] != "day":
        return base  # a weekday or "gestern" cannot be placed without the article's day
    if expr.kind == "weekday":
        back = (article_date.weekday() - de.WEEKDAY_NUMBERS[g["weekday"].lower()]) % 7
        return article_date - dt.timedelta(days=back), "day"
    return article_date + dt.timedelta(days=de.RELATIVE_DAYS[g["relative"].lower()]), "day"


def _year_for(month: int, article_date: dt.date) -> int:
    # News reports the past: a month after the article's month is last year's.
    return article_date.year - 1 if month > article_date.month else article_date.year


def nearest(times: list[TimeExpression], char: int) -> TimeExpression | None:
    """The expression closest to a character offset (a trigger's)."""
    return min(times, key=lambda e: abs(e.start - char)) if times else None
