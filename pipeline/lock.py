"""One run at a time per output: the output's lock, ``<output>/_lock.json``.

Two runs on one output would both plan the same files (every row twice), and one's
recovery would take the other's live staging folder for a dead run's. So a run takes
the lock before it recovers, plans or stages anything, and the run's commit step gives
it back (the launcher too when it ends: a local run that fails still frees it).

* Taking it is one atomic create that fails when the lock exists: on local disk a hard
  link of a fully written file (``os.link`` never replaces), on gs:// an object upload
  with the precondition "no generation yet" (``if_generation_match=0``). Its content
  says who holds it: run id, host, pid, start time.
* A second run refuses with one line naming the holder (:class:`LockHeld`, exit 2).
* A lock whose holder is gone is taken over, and the log says so: on this host when its
  process no longer runs (pid, and the process's start time against pid reuse); on
  gs://, or from another host, when it is older than ``--stale-lock-hours`` (a launcher
  cannot see whether a Dataflow job still runs). Taking over removes exactly the lock
  that was judged stale (local: compared and removed while holding a short-lived
  ``.takeover`` file; gs://: deleted with its generation as precondition), so two runs
  taking over at once cannot both win.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass

from pipeline.options import UsageError

LOG = logging.getLogger("newsbeam")
LOCK = "_lock.json"


class LockHeld(UsageError):
    """Another run holds the output: printed as one line, exit code 2."""


@dataclass(frozen=True)
class Holder:
    run_id: str
    host: str
    pid: int
    started_at: str  # ISO, UTC
    boot_id: str = ""  # with process_start: tells a reused pid from the holder
    process_start: str = ""

    @classmethod
    def me(cls, run_id: str) -> "Holder":
        return cls(run_id, socket.gethostname(), os.getpid(),
                   dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                   _boot_id(), _process_start(os.getpid()))

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), indent=2).encode()

    @classmethod
    def parse(cls, data: bytes) -> "Holder | None":
        try:
            fields = json.loads(data.decode())
            return cls(**{k: fields[k] for k in cls.__dataclass_fields__ if k in fields})
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    def describe(self) -> str:
        return f"run {self.run_id} (host {self.host}, pid {self.pid}, since {self.started_at})"


def lock_path(output: str) -> str:
    return f"{output.rstrip('/')}/{LOCK}"


def acquire(output: str, run_id: str, stale_after_hours: float) -> Holder:
    """Take the output's lock for ``run_id``, or raise :class:`LockHeld`."""
    store = _store(output)
    me = Holder.me(run_id)
    for _ in range(5):
        if store.create(me.to_bytes()):
            return me
        found = store.read()
        if found is None:  # released between our create and read: try again
            continue
        data, token = found
        holder = Holder.parse(data)
        why = _stale(holder, data, store.age_hours(token), stale_after_hours)
        if why is None:
            raise LockHeld(f"output {output} is in use by {holder.describe()}: one run at a "
                           f"time per output ({lock_path(output)})")
        if store.remove(token):
            LOG.warning("took over the lock of %s on %s: %s",
                        holder.describe() if holder else "a run", output, why)
    raise LockHeld(f"output {output}: could not take its lock ({lock_path(output)}), "
                   "other runs keep taking it")


def release(output: str, run_id: str) -> bool:
    """Give the lock back if ``run_id`` holds it; never raises (a lock left behind is
    taken over as stale later)."""
    try:
        store = _store(output)
        found = store.read()
        if found is None:
            return False
        holder = Holder.parse(found[0])
        if holder is None or holder.run_id != run_id:
            return False
        return store.remove(found[1])
    except Exception as err:
        LOG.warning("could not release the lock of run %s on %s: %s", run_id, output, err)
        return False


def holder_of(output: str) -> Holder | None:
    found = _store(output).read()
    return Holder.parse(found[0]) if found else None


def _stale(holder: Holder | None, data: bytes, age_hours: float | None,
           stale_after_hours: float) -> str | None:
    """Why the lock is abandoned, or None while its holder may be alive."""
    old = age_hours is not None and age_hours > stale_after_hours
    if holder is None:  # not ours to read (written by hand?): only its age counts
        return f"unreadable lock, {age_hours:.1f} h old" if old else None
    if holder.host == socket.gethostname() and holder.boot_id == _boot_id():
        if not _alive(holder.pid, holder.process_start):
            return f"its process {holder.pid} no longer runs"
        return None
    if holder.host == socket.gethostname() and holder.boot_id and _boot_id():
        return "this host was restarted since"
    if old:
        return f"it is {age_hours:.1f} h old (--stale-lock-hours {stale_after_hours:g})"
    return None


def _alive(pid: int, process_start: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: it exists
    return not process_start or _process_start(pid) in ("", process_start)


def _boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), else ''."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


# --- where the lock lives ------------------------------------------------------------------


def _store(output: str):
    if output.startswith("gs://"):
        return _GcsLock(lock_path(output))
    if "://" in output:
        return _NoLock(output)
    return _LocalLock(lock_path(output))


class _LocalLock:
    """The lock file, and beside it a short-lived ``.takeover`` file that makes "remove
    the lock if it is still the one I read" one step among racing runs."""

    MUTEX_STALE_SECONDS = 60.0  # a takeover takes milliseconds

    def __init__(self, path: str):
        self.path = path
        self.mutex = path + ".takeover"

    def create(self, data: bytes) -> bool:
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        return _create_new(self.path, data)

    def read(self):
        try:
            with open(self.path, "rb") as fh:
                data = fh.read()
            return data, (data, os.stat(self.path).st_mtime)
        except FileNotFoundError:
            return None

    def age_hours(self, token) -> float:
        return (time.time() - token[1]) / 3600

    def remove(self, token) -> bool:
        """Remove the lock only if it still is the one read (``token``)."""
        deadline = time.monotonic() + 5
        while not _create_new(self.mutex, b""):
            try:
                if time.time() - os.stat(self.mutex).st_mtime > self.MUTEX_STALE_SECONDS:
                    os.unlink(self.mutex)  # left by a run killed while taking over
            except FileNotFoundError:
                pass
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        try:
            found = self.read()
            if found is None or found[0] != token[0]:
                return False
            os.unlink(self.path)
            return True
        finally:
            os.unlink(self.mutex)


def _create_new(path: str, data: bytes) -> bool:
    """Create ``path`` with ``data`` unless it exists, in one step: a hard link of a
    fully written file (never a half-written lock), or an exclusive create where the
    filesystem has no hard links."""
    temp = f"{path}.{uuid.uuid4().hex}.tmp"
    with open(temp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        os.link(temp, path)
        return True
    except FileExistsError:
        return False
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return True
    finally:
        os.unlink(temp)


class _GcsLock:
    def __init__(self, uri: str):
        bucket, _, name = uri[len("gs://"):].partition("/")
        self.bucket_name, self.name = bucket, name

    def _blob(self):
        from google.cloud import storage
        try:
            client = storage.Client()
        except Exception:  # no default project: object calls do not need one
            client = storage.Client(project="newsbeam")
        return client.bucket(self.bucket_name).blob(self.name)

    def create(self, data: bytes) -> bool:
        from google.api_core.exceptions import PreconditionFailed
        try:
            self._blob().upload_from_string(data, content_type="application/json",
                                            if_generation_match=0)
            return True
        except PreconditionFailed:
            return False

    def read(self):
        from google.api_core.exceptions import NotFound, PreconditionFailed
        blob = self._blob().bucket.get_blob(self.name)
        if blob is None:
            return None
        generation, created = blob.generation, blob.time_created  # before the download
        try:
            data = blob.download_as_bytes(if_generation_match=generation)
        except (NotFound, PreconditionFailed):  # replaced or gone since: read again
            return self.read()
        return data, (generation, created)

    def age_hours(self, token) -> float | None:
        created = token[1]
        if created is None:
            return None
        return (dt.datetime.now(dt.timezone.utc) - created).total_seconds() / 3600

    def remove(self, token) -> bool:
        from google.api_core.exceptions import NotFound, PreconditionFailed
        if token[0] is None:  # never delete without the generation judged stale
            return False
        try:
            self._blob().delete(if_generation_match=token[0])
            return True
        except (NotFound, PreconditionFailed):
            return False


class _NoLock:
    """Other object stores: no atomic create-if-absent here; say so once per run."""

    def __init__(self, output: str):
        self.output = output

    def create(self, data: bytes) -> bool:
        LOG.warning("no lock on %s: only local and gs:// outputs are locked; run one "
                    "run at a time yourself", self.output)
        return True

    def read(self):
        return None

    def remove(self, token) -> bool:
        return False
