"""What a run does with each listed file, from the file's latest ledger entry: new,
changed, retried (a condition of its run), reprocessed, skipped, and which skipped
files hold rows of another model or version (issue 14 row 7, issue 15)."""

import datetime as dt

import pytest

from pipeline import ledger
from pipeline.run import run
from pipeline.summary import render
from tests.conftest import EXAMPLES
from transforms.nlp.model import RULES

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def entry(status="parsed", reason=None, size=100, modified=1.0, model="m==1", version="1",
          run_id="r", started=T0):
    return {"source_uri": "f", "size": size, "last_modified": modified, "status": status,
            "reason": reason, "model": model, "pipeline_version": version, "run_id": run_id,
            "run_started_at": started}


def plan_one(e, reprocess=False, max_bytes=1000, model="m==1", version="1", size=100):
    result = ledger.plan([("f", size, 1.0)], {} if e is None else {"f": e},
                         reprocess=reprocess, max_bytes=max_bytes, model=model,
                         version=version)
    counts = {k.removeprefix("files_"): v for k, v in result.counts().items() if v}
    return counts, bool(result.process)


@pytest.mark.parametrize("e, kwargs, expected", [
    (None, {}, {"new": 1}),
    (entry(), {"size": 101}, {"changed": 1}),
    (entry(), {}, {"skipped": 1}),
    (entry("rejected", "unreadable"), {}, {"retried": 1}),
    (entry("rejected", "dangling_symlink"), {}, {"retried": 1}),
    (entry("rejected", "parse_failed"), {}, {"retried": 1}),
    (entry("failed", "nlp_failed"), {}, {"retried": 1}),
    (entry("failed", "extractor_failed"), {}, {"retried": 1}),
    (entry("failed", "extract_timeout"), {}, {"retried": 1}),
    (entry("rejected", "too_large", size=100), {"max_bytes": 99}, {"skipped": 1}),
    (entry("rejected", "too_large", size=100), {"max_bytes": 100}, {"retried": 1}),
    (entry("rejected", "empty_file"), {}, {"skipped": 1}),
    (entry("rejected", "invalid_date"), {}, {"skipped": 1}),
    (entry("rejected", "not_regular_file"), {}, {"skipped": 1}),
    (entry(), {"reprocess": True}, {"reprocessed": 1}),
    (entry(model="m==0"), {}, {"skipped": 1, "stale": 1}),
    (entry(version="0"), {}, {"skipped": 1, "stale": 1}),
    (entry(model="m==0"), {"reprocess": "stale"}, {"reprocessed": 1}),
    (entry(), {"reprocess": "stale"}, {"skipped": 1}),
    # a rejection depends on newsbeam's version, not on the model
    (entry("rejected", "empty_file", model="m==0"), {}, {"skipped": 1}),
    (entry("rejected", "empty_file", version="0"), {"reprocess": "stale"}, {"reprocessed": 1}),
])
def test_what_a_run_does_with_a_file(e, kwargs, expected):
    counts, processed = plan_one(e, **kwargs)
    assert counts == expected
    assert processed == ("skipped" not in expected)


def test_the_latest_entry_is_the_run_that_started_last_not_the_highest_id():
    older = entry("rejected", "unreadable", run_id="zz-backfill", started=T0)
    newer = entry(run_id="20260102T000000Z-abc", started=T0 + dt.timedelta(days=1))
    rows = [newer, older]
    latest = max(rows, key=ledger.latest_first)
    assert latest is newer


def test_a_run_says_how_many_files_hold_rows_of_another_version_and_redoes_them(tmp_path,
                                                                             monkeypatch):
    from pipeline import run as run_module

    out = tmp_path / "out"
    argv = ["--input", str(EXAMPLES), "--output", str(out), "--model", RULES, "--workers", "1"]
    run(argv)
    monkeypatch.setattr(run_module, "pipeline_version", lambda: "99.0")  # an upgrade
    upgraded = run(argv)
    assert (upgraded.manifest["files_skipped"], upgraded.manifest["files_stale"]) == (2, 2)
    assert ("stale           2 file(s) hold rows of another model or newsbeam version: "
            "--reprocess=stale redoes them") in render(upgraded.manifest)
    redo = run([*argv, "--reprocess=stale"]).manifest
    assert (redo["files_reprocessed"], redo["articles_parsed"], redo["files_stale"]) == (2, 2, 0)
    after = run(argv).manifest
    assert (after["files_skipped"], after["files_stale"]) == (2, 0)
    assert "stale " not in render(after)
