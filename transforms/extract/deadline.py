"""The time one article's extraction may take (``--extract-timeout``).

A pathological text (a megabyte without a sentence end) must not hold a scheduled run
for hours. The deadline is cooperative: the extractors' loops call :func:`check` once
per sentence or per candidate, which costs a clock read, and it raises
:class:`ExtractTimeout` once the article's time is up; the extract step turns that into
an ``errors`` row (``extract_timeout``) and goes on with the next article. :func:`check`
reads the deadline of the article being extracted in this thread, so an extractor
honours it without an extra argument. Its own module (not ``context``) so that the
entity and event code can call it without importing the context, which imports them.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from dataclasses import dataclass

DEFAULT_SECONDS = 60.0


class ExtractTimeout(Exception):
    """The article's extraction took longer than its deadline."""


@dataclass(frozen=True)
class Deadline:
    seconds: float
    at: float  # time.monotonic() when the time is up

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise ExtractTimeout(f"extraction took longer than {self.seconds:g} s")


_current: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "newsbeam_extract_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds: float | None):
    """Within the block, :func:`check` raises once ``seconds`` have passed (never
    when ``seconds`` is None)."""
    token = _current.set(None if seconds is None
                         else Deadline(seconds, time.monotonic() + seconds))
    try:
        yield
    finally:
        _current.reset(token)


def check() -> None:
    """Raise :class:`ExtractTimeout` when the current article's time is up."""
    current = _current.get()
    if current is not None:
        current.check()
