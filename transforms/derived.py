"""Tables derived from installed data, kept on this machine between runs.

A worker's start-up built the gazetteer's patterns (GeoNames cities, pycountry's German
country names, the curated list, filtered against German's lemma table: about 2.5 s),
the event lexicon's inflected forms and German's known nouns (each a scan of the 355k
lookup entries) in every process of every run. They depend only on their inputs, so the
first process to build one writes it as JSON under the newsbeam cache folder
(:func:`folder`: ``$XDG_CACHE_HOME/newsbeam`` or ``~/.cache/newsbeam``, where the places
index of ``transforms/geo`` is built too), named by a hash of everything
it is made of: the code and data files that make it and the versions of the packages
it reads. A change to any of them is another name, so a stale table is never read.
Writes are atomic (a temporary file, then a rename); a folder that cannot be written, or
a file that cannot be read, only means the table is built in memory as before.
``NEWSBEAM_DERIVED_CACHE=off`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

ENV_VAR = "NEWSBEAM_DERIVED_CACHE"


def folder() -> Path:
    """This machine's newsbeam cache folder."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newsbeam"


def key(files: Iterable[Path], packages: Iterable[str] = (), extra: str = "") -> str:
    """A name for what the files' bytes, the packages' versions and ``extra`` make."""
    digest = hashlib.sha256(extra.encode())
    for path in sorted(Path(f) for f in files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in sorted(packages):
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "missing"
        digest.update(f"{package}=={version}".encode())
    return digest.hexdigest()[:20]


def cached(name: str, cache_key: str, build: Callable[[], object]):
    """The JSON value ``build()`` makes, read from this machine's cache when it is there."""
    if os.environ.get(ENV_VAR, "").lower() in ("off", "0", "false", "no"):
        return build()
    path = folder() / f"{name}-{cache_key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(value, fh, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        pass
    return value


def build_all() -> list[Path]:
    """Build every kept table of this machine (a worker image does it once, at build
    time): the gazetteer's patterns, the default lexicon's forms, German's known nouns
    and dental subjunctives."""
    from transforms.events import lexicon
    from transforms.lang import de
    from transforms.nlp import gazetteer
    gazetteer.patterns()
    lexicon.default()
    de.known_nouns()
    de.dental_subjunctives()
    return sorted(folder().glob("*.json"))


if __name__ == "__main__":
    for path in build_all():
        print(path)
