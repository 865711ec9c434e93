"""The command line: subcommands, and one line for what a user can fix."""

import subprocess
import sys
import time

import pytest

from pipeline import preflight
from pipeline.main import main
from pipeline.options import parse
from pipeline.run import _prepare
from pipeline.sql import duckdb_cli
from tests.conftest import EXAMPLES, SEED_000
from transforms.nlp import model as nlp_model


@pytest.mark.parametrize("argv, expected", [
    (["--help"], "newsbeam report [OUTPUT]"),
    (["run", "--help"], "--max-article-bytes"),
    (["report", "--help"], "--no-text"),
    (["sql", "--help"], "event_details"),
])
def test_every_command_has_help(argv, expected, capsys):
    assert main(argv) == 0
    assert expected in capsys.readouterr().out


def test_run_is_the_default_command(tmp_path, capsys):
    seed = str(EXAMPLES / f"{SEED_000}.txt")
    assert main(["run", "--input", seed, "--output", str(tmp_path), "--model", "rules",
                 "--workers", "1"]) == 0
    assert main(["--input", seed, "--output", str(tmp_path), "--model", "rules",
                 "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 new" in out and "1 skipped" in out
    assert f'newsbeam sql {tmp_path} -c "SELECT' in out


def test_sql_prints_a_result_and_a_failed_query_in_one_line(seed_output, capsys):
    assert main(["sql", str(seed_output), "-c",
                 "SELECT count(*) AS parsed FROM ledger WHERE status = 'parsed'"]) == 0
    assert "parsed" in capsys.readouterr().out
    assert main(["sql", str(seed_output), "-c", "SELECT nothing FROM nowhere"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbeam: query failed: Catalog Error") and "\n" not in err
    assert main(["sql", str(seed_output), "--views"]) == 0
    assert "CREATE OR REPLACE VIEW event_details" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["sql", "report"])
def test_reading_a_folder_without_output_is_one_line(command, tmp_path, capsys):
    assert main([command, str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds no newsbeam output" in err


def test_the_prompt_is_duckdbs_shell_with_the_views(seed_output):
    if duckdb_cli() is None:
        pytest.skip("duckdb-cli is not installed (pip install duckdb-cli)")
    done = subprocess.run([sys.executable, "-m", "pipeline", "sql", str(seed_output)],
                          input="SELECT count(*) AS files FROM ledger;\n", text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "files" in done.stdout and "│" in done.stdout and " 2 " in done.stdout


def test_a_model_path_that_is_not_there_says_where_it_was_looked_for(tmp_path, capsys,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--input", str(EXAMPLES), "--model", "../models/de_news_sm",
                 "--output", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"newsbeam: error: --model ../models/de_news_sm: no such model folder: "
                   f"{tmp_path}/../models/de_news_sm (a relative path is taken from the "
                   f"current folder, {tmp_path})")
    monkeypatch.setenv(nlp_model.ENV_VAR, "shared/de_news_sm")
    assert main(["--input", str(EXAMPLES), "--output", str(tmp_path / "out")]) == 2
    assert "NEWSBEAM_MODEL=shared/de_news_sm: no such model folder" in capsys.readouterr().err


def test_missing_google_credentials_are_one_line_at_once(tmp_path, capsys, monkeypatch):
    for name in ("GOOGLE_APPLICATION_CREDENTIALS", "STORAGE_EMULATOR_HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path / "gcloud"))  # no ADC file there
    monkeypatch.setattr(preflight, "_GCE_PRODUCT", tmp_path / "not-a-google-machine")
    started = time.monotonic()
    for argv in (["--input", "gs://bucket/landing/*.txt", "--output", str(tmp_path)],
                 ["--input", str(EXAMPLES), "--output", "gs://bucket/out"],
                 ["--input", str(EXAMPLES), "--runner", "DataflowRunner",
                  "--output", str(tmp_path)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "gcloud auth application-default login" in err
    assert time.monotonic() - started < 10  # no credential lookup retries


def test_only_an_implicit_fallback_to_the_rules_warns(monkeypatch, caplog, tmp_path):
    warning = "No statistical German spaCy model is installed or named"
    argv = ["--input", str(EXAMPLES), "--output", str(tmp_path)]
    _prepare(parse([*argv, "--model", "rules"]))
    assert warning not in caplog.text
    monkeypatch.delenv(nlp_model.ENV_VAR, raising=False)
    monkeypatch.setattr(nlp_model, "best_installed", lambda: None)
    _prepare(parse(argv))
    assert warning in caplog.text
