"""Progress of a local run: counted by the workers, summed and shown by the launcher."""

import io
import shutil
import time
from pathlib import Path

from pipeline import progress
from pipeline.run import run
from tests.conftest import EXAMPLES
from transforms.nlp.model import RULES


def test_the_line_says_done_of_total_rate_and_eta():
    assert progress.line(0, 1820, None, 3.2) == (
        "0/1,820 files (0%), starting the workers and loading the model, 0:03 elapsed")
    assert progress.line(640, 1820, 11.2, 65) == (
        "640/1,820 files (35%), 11.2 files/s, ETA 1:45, 1:05 elapsed")
    assert progress.duration(3725) == "1:02:05"


def test_the_rate_is_taken_over_the_last_half_minute():
    rate = progress.Rate()
    assert rate.add(0.0, 0) is None
    assert rate.add(10.0, 0) is None  # the model is loading: no rate, no ETA yet
    assert rate.add(20.0, 100) == 5.0
    assert rate.add(60.0, 500) == 10.0  # (500 - 100) / (60 - 20): the window moved


def test_a_terminal_gets_one_line_redrawn(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "LIVE_EVERY", 0.05)
    stream = io.StringIO()
    with progress.Tracker(10, stream=stream, live=True) as tracker:
        for worker, count in (("a", 3), ("b", 4)):  # two workers' counters
            (Path(tracker.folder) / f"{worker}.count").write_text(str(count))
        time.sleep(0.3)
    folder = tracker.folder
    text = stream.getvalue()
    assert "\r\x1b[Knewsbeam: 7/10 files (70%)" in text and "\n" not in text
    assert text.endswith("\r\x1b[K")  # cleared for the summary
    assert not Path(folder).exists()


def test_workers_in_other_processes_count_every_file_and_cron_gets_plain_lines(
        tmp_path, monkeypatch, capsys):
    landing = tmp_path / "landing"
    shutil.copytree(EXAMPLES, landing)
    (landing / "999_empty.txt").write_bytes(b"")  # rejected: done too
    seen = []

    class Recording(progress.Tracker):
        def __exit__(self, *exc):
            seen.append(progress.done(self.folder))
            return super().__exit__(*exc)

    monkeypatch.setattr(progress, "Tracker", Recording)
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.2)
    report = run(["--input", str(landing), "--output", str(tmp_path / "out"),
                  "--model", RULES, "--workers", "2"])
    assert report.ok and report.manifest["files_rejected"] == 1
    assert seen == [3]  # summed over both worker processes' counter files
    lines = [line for line in capsys.readouterr().err.splitlines()
             if line.startswith("newsbeam: ") and " files (" in line]
    assert lines and all(line.endswith("elapsed") for line in lines)
    assert "\r" not in "".join(lines)
