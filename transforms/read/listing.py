"""What a run's input patterns match, through Beam's filesystems (local and gs://)."""

from __future__ import annotations

import os

from apache_beam.io.filesystems import FileSystems


def as_pattern(path: str) -> str:
    """A folder means every file directly in it; anything else is used as a glob."""
    if any(ch in path for ch in "*?["):
        return path
    if path.endswith("/"):
        return path + "*"
    if not path.startswith("gs://"):
        if os.path.isdir(path):
            return os.path.join(path, "*")
    return path


def matching_paths(pattern: str) -> list[str]:
    """Sorted paths a pattern matches; empty when nothing matches or the location
    cannot be listed (no folder yet)."""
    try:
        return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)
    except Exception:
        return []


def list_files(patterns: list[str]) -> list[tuple[str, int, float]]:
    """(path, size, modification time) of every file the patterns match, sorted and
    without duplicates: the launcher lists the input once, so it can decide what a run
    has to process (see pipeline/ledger.py)."""
    found: dict[str, tuple[str, int, float]] = {}
    for result in FileSystems.match([as_pattern(p) for p in patterns]):
        for m in result.metadata_list:
            if not m.path.endswith("/"):
                found[m.path] = (m.path, m.size_in_bytes, m.last_updated_in_seconds or 0.0)
    return [found[path] for path in sorted(found)]
