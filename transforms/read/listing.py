"""What a run's input patterns match, and reading one matched file, local or gs://.

Object stores go through Beam's filesystems. Local disk is listed and read here with
``os`` instead: Beam's local match drops a dangling or looping symlink without a word
(it cannot take its size) and lists a FIFO as an empty file, which ``open`` then waits
on forever. Here every non-folder entry a pattern matches is listed, and
:func:`read_bytes` opens it without blocking and reads it only when it is a regular
file; anything else raises :class:`NotAFile` with its reason code, so it becomes an
``errors`` row like any other rejected file.
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from transforms.read import feed

Listed = tuple[str, int, float]  # path, size in bytes, modification time (Unix seconds)
_ESCAPED_BYTE = re.compile(rb"\\x([0-9a-f]{2})")


class NotAFile(Exception):
    """The path is no regular file (or a symlink that leads to none): never read."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def is_local(path: str) -> bool:
    return "://" not in path


def as_pattern(path: str) -> str:
    """A folder means every file directly in it; anything else is used as a glob."""
    if any(ch in path for ch in "*?["):
        return path
    if path.endswith("/"):
        return path + "*"
    if is_local(path) and os.path.isdir(path):
        return os.path.join(path, "*")
    return path


def matching_paths(pattern: str) -> list[str]:
    """Sorted paths a pattern matches; empty when nothing matches or the location
    cannot be listed (no folder yet)."""
    try:
        return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)
    except Exception:
        return []


def list_pattern(pattern: str) -> list[Listed]:
    """What one input pattern (see :func:`as_pattern`) matches. Local paths are made
    absolute, so a file is the same ``source_uri`` from any working directory. Raises
    for a location that cannot be listed (a missing bucket, no permission)."""
    pattern = as_pattern(pattern)
    if not is_local(pattern):
        return [(m.path, m.size_in_bytes, m.last_updated_in_seconds or 0.0)
                for m in FileSystems.match([pattern])[0].metadata_list
                if not m.path.endswith("/")]
    listed = []
    for path in glob.iglob(os.path.abspath(pattern), recursive=True, include_hidden=True):
        if os.path.isdir(path):  # folders (and links to them) are not articles
            continue
        try:
            info = os.stat(path)
        except OSError:  # a dangling or looping link: listed as the link itself
            try:
                info = os.lstat(path)
            except OSError:  # gone since the glob saw it
                continue
        listed.append((_printable(path), info.st_size, info.st_mtime))
    return listed


def _printable(path: str) -> str:
    """A file name that is not UTF-8 (bytes Python keeps as surrogates) cannot be a
    Beam string or a Parquet value: its bytes are written as ``\\xNN`` instead, and
    :func:`read_bytes` finds the file again by them."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _local_name(path: str) -> str:
    if "\\x" not in path or os.path.lexists(path):
        return path
    real = os.fsdecode(_ESCAPED_BYTE.sub(lambda m: bytes([int(m[1], 16)]),
                                         path.encode("utf-8")))
    return real if os.path.lexists(real) else path


def list_files(patterns: list[str]) -> list[Listed]:
    """(path, size, modification time) of every file the patterns match, sorted and
    without duplicates: the launcher lists the input once, so it can decide what a run
    has to process (see pipeline/ledger.py)."""
    found: dict[str, Listed] = {}
    for pattern in patterns:
        for entry in list_pattern(pattern):
            found[entry[0]] = entry
    return [found[path] for path in sorted(found)]


def read_bytes(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the file. Raises :class:`NotAFile` for what is no
    regular file, and ``OSError`` (or a storage error) when it cannot be read."""
    if not is_local(path):
        with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as fh:
            return fh.read(limit)
    path = _local_name(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise _not_a_file(path, err) or err
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(feed.NOT_REGULAR_FILE, f"a {_kind(mode)}, not a regular file")
        return fh.read(limit)


def _not_a_file(path: str, err: OSError) -> NotAFile | None:
    if err.errno == errno.ELOOP:
        return NotAFile(feed.SYMLINK_LOOP, "a symbolic link that leads back to itself")
    if err.errno == errno.ENOENT and os.path.islink(path):
        return NotAFile(feed.DANGLING_SYMLINK,
                        f"a symbolic link to {os.readlink(path)!r}, which does not exist")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if not stat.S_ISREG(mode):  # a socket cannot even be opened
        return NotAFile(feed.NOT_REGULAR_FILE, f"a {_kind(mode)}, not a regular file")
    return None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "special file"
