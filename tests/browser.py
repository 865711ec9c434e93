"""Debian's Chromium, headless, for the report tests (and the README's screenshot).

The flags keep it off the network on a machine without one (no background
connections, no component updates, no sync, every host name unresolvable) and give it
a fresh profile each time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         # nothing the page asks for may resolve: a page that fetches anything fails
         "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=20000"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run(url: str, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="newsbeam-chromium-") as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=timeout)


def dom(url: str) -> str:
    """The page's DOM once its scripts ran."""
    done = run(url, "--dump-dom")
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def screenshot(url: str, png: str, width: int = 1000, height: int = 3000) -> None:
    done = run(url, "--hide-scrollbars", f"--window-size={width},{height}",
               f"--screenshot={png}")
    if done.returncode != 0:
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")


def body_data(page: str) -> dict[str, str]:
    """The data-* attributes of <body> (the report records its rendering there)."""
    tags = re.findall(r"<body([^>]*)>", page)  # the last: scripts may hold the string
    attributes = re.findall(r'data-([a-z-]+)="([^"]*)"', tags[-1] if tags else "")
    return dict(attributes)


if __name__ == "__main__":  # python -m tests.browser FILE.html OUT.png [WIDTH HEIGHT]
    import pathlib
    import sys
    page = pathlib.Path(sys.argv[1]).resolve().as_uri()
    screenshot(page, sys.argv[2], *map(int, sys.argv[3:5]))
