"""What a landing folder can hold and an operator can type: every case ends as rows, an
errors row with its reason, or a one-line usage error, and never stops, hangs or
poisons a scheduled run (issue 14, rows 1, 2, 7-13, 15, 16)."""

import os
import shutil
import socket
import subprocess
import sys
import time

import duckdb
import pytest

from pipeline.main import main
from pipeline.run import run
from tests.conftest import EXAMPLES, ROOT, SEED_000, current_views
from transforms.nlp.model import RULES

SEED = EXAMPLES / f"{SEED_000}.txt"


def newsbeam(inputs, out, *extra):
    args = [a for i in inputs for a in ("--input", str(i))]
    return run([*args, "--output", str(out), "--model", RULES, "--workers", "1", *extra]).manifest


def query(sql):
    return duckdb.connect().execute(sql).fetchall()


def errors(out):
    return dict(query(f"SELECT regexp_extract(source_uri, '[^/]+$'), reason FROM "
                      f"read_parquet('{out}/errors/*/*.parquet')"))


def ledger(out):
    return query(f"SELECT regexp_extract(source_uri, '[^/]+$'), status, reason, run_id "
                 f"FROM '{out}/_ledger/*.parquet' ORDER BY run_started_at, 1")


def test_dates_no_calendar_holds_are_invalid_dates_and_years_before_1000_pad(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(SEED, landing)
    for name, header in {"zero.txt": " date 0000-09 ", "early.txt": " date 0001-01-01T00:30:00+01:00 ",
                         "late.txt": " date 9999-12-31T23:59:00-01:00 ",
                         "old.txt": " date 0950-09 "}.items():
        (landing / name).write_text(header + "Der Bürgermeister traf Vertreter der Stadt.",
                                    encoding="utf-8")
    out = tmp_path / "out"
    report = newsbeam([landing], out)
    assert report["balanced"] and report["articles_parsed"] == 2
    assert errors(out) == {"zero.txt": "invalid_date", "early.txt": "invalid_date",
                           "late.txt": "invalid_date"}
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["month=0950-09",
                                                                   "month=2023-09"]


def test_a_bug_on_one_file_is_its_errors_row_and_the_next_run_retries_it(tmp_path,
                                                                           monkeypatch):
    from transforms.read import feed

    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(SEED, landing)
    (landing / "trigger.txt").write_text(" date 2023-09 Der Bürgermeister traf Vertreter.",
                                         encoding="utf-8")
    real_parse = feed.parse_article

    def buggy(data, uri, *args):
        if uri.endswith("trigger.txt"):
            raise OverflowError("date value out of range")  # as row 1 once did
        return real_parse(data, uri, *args)

    monkeypatch.setattr(feed, "parse_article", buggy)
    out = tmp_path / "out"
    first = newsbeam([landing], out)
    assert first["articles_parsed"] == 1 and first["balanced"]
    assert errors(out) == {"trigger.txt": "parse_failed"}
    message = query(f"SELECT message FROM read_parquet('{out}/errors/*/*.parquet')")[0][0]
    assert message == "newsbeam failed on this file: OverflowError: date value out of range"
    monkeypatch.setattr(feed, "parse_article", real_parse)  # the bug fixed
    second = newsbeam([landing], out)
    assert (second["files_retried"], second["articles_parsed"]) == (1, 1)


def test_only_regular_files_are_read_and_the_rest_is_counted_with_a_reason(tmp_path):
    """A FIFO once hung the run; broken links vanished. Run as a subprocess so that a
    hang fails the test instead of stopping the suite."""
    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(SEED, landing)
    os.mkfifo(landing / "x.txt")
    os.symlink(landing / "gone.txt", landing / "dangling.txt")
    os.symlink(landing / "loop-b.txt", landing / "loop-a.txt")
    os.symlink(landing / "loop-a.txt", landing / "loop-b.txt")
    os.symlink(SEED, landing / "linked.txt")  # a link to a regular file is read
    (landing / "sub").mkdir()  # folders are not descended into
    (landing / "sub" / "deeper.txt").write_bytes(SEED.read_bytes())
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(landing / "s.sock"))
    out = tmp_path / "out"
    try:
        done = subprocess.run([sys.executable, "-m", "pipeline", "--input", str(landing),
                               "--output", str(out), "--model", RULES, "--workers", "1"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        sock.close()
    assert done.returncode == 0, done.stderr
    assert "files processed 7" in done.stdout and "articles parsed 2" in done.stdout
    assert errors(out) == {"x.txt": "not_regular_file", "s.sock": "not_regular_file",
                           "dangling.txt": "dangling_symlink", "loop-a.txt": "symlink_loop",
                           "loop-b.txt": "symlink_loop"}
    message = query(f"SELECT message FROM read_parquet('{out}/errors/*/*.parquet') "
                    f"WHERE source_uri LIKE '%x.txt'")[0][0]
    assert message == "a FIFO, not a regular file"
    assert len(ledger(out)) == 7


def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_uri(tmp_path):
    """Such a name once failed the whole run (Beam and Parquet take UTF-8 only)."""
    landing = tmp_path / "landing"
    landing.mkdir()
    name = os.path.join(os.fsencode(landing), b"M\xfcller.txt")  # Latin-1, from a share
    with open(name, "wb") as fh:
        fh.write(SEED.read_bytes())
    out = tmp_path / "out"
    assert newsbeam([landing], out)["articles_parsed"] == 1
    (uri,) = query(f"SELECT source_uri FROM read_parquet('{out}/articles/*/*.parquet')")[0]
    assert uri == f"{landing}/M\\xfcller.txt"
    assert newsbeam([landing], out)["files_skipped"] == 1


def test_conditions_of_a_run_are_retried_and_bad_content_waits_for_a_change(tmp_path,
                                                                          monkeypatch):
    from transforms.read import transform

    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "locked.txt").write_text(" date 2023-09 Der Bürgermeister traf Vertreter.",
                                        encoding="utf-8")
    shutil.copy(SEED, landing / "big.txt")  # 4411 bytes
    (landing / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    real_read = transform.read_bytes

    def no_permission(path, limit):
        if path.endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real_read(path, limit)

    monkeypatch.setattr(transform, "read_bytes", no_permission)
    first = newsbeam([landing], out, "--max-article-bytes", "4000")
    assert first["errors_by_reason"] == {"unreadable": 1, "too_large": 1, "empty_file": 1}

    monkeypatch.setattr(transform, "read_bytes", real_read)  # permissions fixed
    second = newsbeam([landing], out, "--max-article-bytes", "4000")
    assert (second["files_retried"], second["files_skipped"]) == (1, 2)
    assert second["articles_parsed"] == 1  # locked.txt; big.txt still over this limit

    third = newsbeam([landing], out)  # a larger limit admits big.txt
    assert (third["files_retried"], third["files_skipped"]) == (1, 2)
    assert third["articles_parsed"] == 1
    assert [(f, s, r) for f, s, r, _ in ledger(out)][-2:] == [("locked.txt", "parsed", None),
                                                              ("big.txt", "parsed", None)]
    assert newsbeam([landing], out)["files_skipped"] == 3  # empty.txt waits for a change


def test_files_of_one_name_in_two_folders_never_share_an_id(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED, tmp_path / folder / "000_x.txt")
    out = tmp_path / "out"
    newsbeam([tmp_path / "a", tmp_path / "b"], out)
    ids = query(f"SELECT article_id FROM read_parquet('{out}/articles/*/*.parquet')")
    assert len({i for i, in ids}) == 2 and all(i.startswith("000_x-") for i, in ids)
    events = query(f"SELECT count(*), count(DISTINCT event_id) FROM "
                   f"read_parquet('{out}/events/*/*.parquet')")[0]
    assert events[0] > 0 and events[0] == events[1]
    # a join on article_id no longer mixes the two articles' entities
    assert query(f"""SELECT count(*) FROM read_parquet('{out}/entities/*/*.parquet') e
                     JOIN read_parquet('{out}/articles/*/*.parquet') a USING (article_id)
                     WHERE e.source_uri <> a.source_uri""") == [(0,)]


def test_runs_are_ordered_by_their_start_whatever_their_ids_spell(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    path = landing / f"{SEED_000}.txt"
    shutil.copy(SEED, path)
    out = tmp_path / "out"
    newsbeam([landing], out, "--run-id", "zz-backfill-1")  # sorts after timestamp ids
    path.write_text(path.read_text(encoding="utf-8").replace(" date 2023-09 ", " date 2023-10 ", 1),
                    encoding="utf-8")
    os.utime(path, (time.time() + 5, time.time() + 5))
    changed = newsbeam([landing], out)
    assert changed["files_changed"] == 1
    again = newsbeam([landing], out)  # the changed file is not "changed" forever
    assert (again["files_changed"], again["files_skipped"]) == (0, 1)
    current = current_views(out).execute(
        "SELECT month, run_id FROM articles").fetchall()
    assert current == [("2023-10", changed["run_id"])]


@pytest.mark.parametrize("argv, message", [
    (["--run-id", "a b"], "is no run id"),
    (["--run-id", "x" * 65], "is no run id"),
    (["--run-id", "../up"], "is no run id"),
    (["--extract-timeout", "0"], "must be more than 0"),
    (["--stale-lock-hours", "-1"], "must be more than 0"),
    (["--reprocess", "maybe"], "expected true, false or stale"),
])
def test_option_values_that_cannot_work_are_one_line_usage_errors(argv, message, tmp_path,
                                                                  capsys):
    assert main(["--input", str(EXAMPLES), "--output", str(tmp_path / "o"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_a_run_id_used_before_in_the_output_is_refused(tmp_path, capsys):
    argv = ["--input", str(SEED), "--output", str(tmp_path / "o"), "--model", RULES,
            "--workers", "1", "--run-id", "nightly"]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(argv) == 2
    assert "--run-id nightly was used before" in capsys.readouterr().err


def _read_only(folder):
    """A folder this process cannot write to, even as root (then: immutable)."""
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"running as root and cannot make a folder immutable: {done.stderr!r}")
    return folder


def test_an_output_that_cannot_be_written_stops_the_run_before_any_work(tmp_path, capsys,
                                                                       monkeypatch):
    from pipeline import run as run_module
    listed = []
    monkeypatch.setattr(run_module, "list_files", lambda p: listed.append(p) or [])

    a_file = tmp_path / "out.txt"
    a_file.write_text("not a folder")
    assert main(["--input", str(EXAMPLES), "--output", str(a_file), "--model", RULES]) == 2
    assert capsys.readouterr().err.strip() == \
        f"newsbeam: error: cannot use output {a_file}: it is a file, not a folder"

    locked = _read_only(tmp_path / "ro")
    try:
        assert main(["--input", str(EXAMPLES), "--output", str(locked / "out"),
                     "--model", RULES]) == 2
        err = capsys.readouterr().err.strip()
    finally:
        subprocess.run(["chattr", "-i", str(locked)], capture_output=True)
        locked.chmod(0o755)
    assert err.startswith(f"newsbeam: error: cannot use output {locked / 'out'}: cannot write")
    assert len(err.splitlines()) == 1 and not listed


def test_a_lexicon_that_is_not_utf8_is_one_line(tmp_path, capsys):
    lexicon = tmp_path / "lexicon.tsv"
    lexicon.write_bytes("treffen\tVERB\tCONSULT\tmeet\nWaffenlieferung\tNOUN\tAID\tmilit\u00e4r\n"
                        .encode("cp1252"))
    assert main(["--input", str(EXAMPLES), "--output", str(tmp_path / "o"),
                 "--event-lexicon", str(lexicon), "--model", RULES]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newsbeam: error: --event-lexicon {lexicon}: 'utf-8' codec")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
