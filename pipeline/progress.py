"""Progress of a local run: files done of the total, rate and ETA, while ``p.run()`` blocks.

The FnApiRunner runs the job in ``--workers`` SDK worker processes, and each worker
gets its whole share of the files as one bundle, so Beam's metrics arrive only when the
job is done (its progress requests have no callback for a launcher to use). The signal
that crosses the processes is a file per worker: the job's "Progress" step (a sibling of
the extract step) counts each file that is done (an article through the NLP step, a file
rejected while read or parsed, an article the model failed on) and rewrites its own
small counter file in a local folder at most every :data:`WRITE_EVERY` seconds. A
launcher thread sums the counters.

On a terminal the launcher redraws one line; otherwise (cron, a log file) it prints a
plain line every :data:`PLAIN_EVERY` seconds.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections import deque

import apache_beam as beam

WRITE_EVERY = 0.5  # seconds between a worker's counter writes
LIVE_EVERY = 0.5  # seconds between redraws on a terminal
PLAIN_EVERY = 30.0  # seconds between plain lines when not on a terminal
RATE_WINDOW = 30.0  # seconds of history the rate (and so the ETA) is taken over


class CountDone(beam.DoFn):
    """Counts elements into ``<folder>/<worker>.count``; emits nothing."""

    def __init__(self, folder: str):
        self.folder = folder

    def setup(self):
        self._path = os.path.join(self.folder, f"{os.getpid()}-{uuid.uuid4().hex[:8]}.count")
        self._count, self._written = 0, 0.0

    def process(self, _):
        self._count += 1
        if time.monotonic() - self._written >= WRITE_EVERY:
            self._write()
        return ()

    def finish_bundle(self):
        self._write()

    def _write(self):
        temporary = self._path + ".tmp"
        with open(temporary, "w") as fh:
            fh.write(str(self._count))
        os.replace(temporary, self._path)  # a reader never sees half a number
        self._written = time.monotonic()


def done(folder: str) -> int:
    total = 0
    for name in os.listdir(folder):
        if name.endswith(".count"):
            try:
                with open(os.path.join(folder, name)) as fh:
                    total += int(fh.read() or 0)
            except (OSError, ValueError):
                pass  # replaced while read: counted at the next look
    return total


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Rate:
    """Files per second over the last :data:`RATE_WINDOW` seconds."""

    def __init__(self):
        self.samples: deque[tuple[float, int]] = deque()

    def add(self, now: float, count: int) -> float | None:
        self.samples.append((now, count))
        while len(self.samples) > 2 and now - self.samples[1][0] >= RATE_WINDOW:
            self.samples.popleft()
        first_time, first_count = self.samples[0]
        if now - first_time < 1.0 or count == first_count:
            return None
        return (count - first_count) / (now - first_time)


def line(count: int, total: int, rate: float | None, elapsed: float) -> str:
    count = min(count, total)
    percent = 100 * count // total if total else 100
    text = f"{count:,}/{total:,} files ({percent}%)"
    if rate:
        text += f", {rate:.1f} files/s, ETA {duration((total - count) / rate)}"
    elif count == 0:
        text += ", starting the workers and loading the model"
    return f"{text}, {duration(elapsed)} elapsed"


class Tracker:
    """Shows a run's progress while it is in the ``with`` block."""

    def __init__(self, total: int, stream=None, live: bool | None = None):
        self.total = total
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.folder = tempfile.mkdtemp(prefix="newsbeam-progress-")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="progress")

    def __enter__(self):
        self._started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        if self.live:
            self.stream.write("\r\x1b[K")  # the summary takes the line
            self.stream.flush()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _loop(self):
        rate, every = Rate(), LIVE_EVERY if self.live else PLAIN_EVERY
        while not self._stop.wait(every):
            now = time.monotonic()
            count = done(self.folder)
            text = line(count, self.total, rate.add(now, count), now - self._started)
            if self.live:
                self.stream.write(f"\r\x1b[Knewsbeam: {text}")
            else:
                self.stream.write(f"newsbeam: {text}\n")
            self.stream.flush()
