"""The layout's promises: pure NLP code never imports Beam, every row builder gives
exactly its table's columns, and the command line refuses what it does not know."""

import datetime as dt
import json
import pkgutil
import subprocess
import sys

import pytest

import transforms
from pipeline.main import main
from pipeline.options import UsageError, parse
from schemas import ANNOTATED, TABLES
from tests.conftest import EXAMPLES, ROOT, SEED_000

# The only modules that may import Beam: the Beam side of each stage.
BEAM_MODULES = {"transforms.read.listing", "transforms.read.transform",
                "transforms.read.stream_sources", "transforms.nlp.handler",
                "transforms.extract.transform", "transforms.write.parquet"}


def _modules():
    for info in pkgutil.walk_packages(transforms.__path__, "transforms."):
        yield info.name


def test_beam_is_imported_only_by_the_beam_side_of_each_stage():
    pure = sorted(set(_modules()) - BEAM_MODULES)
    assert "transforms.events.arguments" in pure and "transforms.lang.de" in pure
    code = ("import importlib, sys, json\n"
            f"for name in {pure!r}:\n"
            "    importlib.import_module(name)\n"
            "    if 'apache_beam' in sys.modules:\n"
            "        print(json.dumps(name)); break\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", f"{json.loads(done.stdout)} imports apache_beam"


def test_every_stage_package_says_what_it_takes_and_gives():
    for name in ("read", "nlp", "extract", "entities", "events", "write", "lang"):
        package = __import__(f"transforms.{name}", fromlist=["_"])
        assert package.__doc__ and len(package.__doc__.split()) > 20, name


# --- one row builder per table, checked against its schema --------------------------------

RUN = {"run_id": "r", "pipeline_version": "t", "model": "m",
       "started_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)}


def _article():
    from transforms.read.feed import parse_article
    path = EXAMPLES / f"{SEED_000}.txt"
    return parse_article(path.read_bytes(), str(path))


def _annotated(rules_nlp):
    from transforms.nlp.annotated import annotated_row
    from transforms.read.rows import article_row
    article = article_row(_article(), RUN)
    return annotated_row(article, [rules_nlp(article["text"])], rules_nlp)


def _built(table, rules_nlp):
    from transforms import errors
    from transforms.entities.rows import entity_rows
    from transforms.events.rows import event_rows
    from transforms.extract.context import build
    from transforms.quotes.rows import quote_rows
    from transforms.read import feed
    from transforms.read.rows import article_row, ledger_row, rejection_row

    if table == "articles":
        return [article_row(_article(), RUN)]
    if table == "ledger":
        rejected = feed.Rejection("x", "x.txt", feed.EMPTY_FILE, "empty", 0)
        return [ledger_row("x.txt", 0, 1.0, b"", rejected, RUN),
                ledger_row("y.txt", 3, None, b"abc", None, RUN)]
    if table == "errors":
        rejected = feed.Rejection("x", "x.txt", feed.EMPTY_FILE, "empty", 0)
        return [rejection_row(rejected, RUN, "parse"),
                errors.step_failure_row(_annotated(rules_nlp), stage="nlp",
                                        reason="nlp_failed", error=ValueError("boom"))]
    article = build(_annotated(rules_nlp))
    if table == "identities":
        from transforms.entities import corpus
        records = [corpus.alias_from_entity_row(r) for r in entity_rows(article)]
        owned = [out for k, r in records for block, members in [corpus.blocks(k, r)[0]]
                 for out in corpus.resolve_block(block, [members])]
        return [corpus.identity_row(key, [alias], RUN) for key, alias in owned]
    return {"entities": entity_rows, "events": event_rows, "quotes": quote_rows}[table](article)


def _shape_problems(value, type_, where: str) -> list[str]:
    """Keys of nested structs (and lists of them) that do not match their schema."""
    import pyarrow as pa
    if value is None:
        return []
    if pa.types.is_struct(type_):
        names = {type_.field(i).name for i in range(type_.num_fields)}
        problems = [] if set(value) == names else [f"{where}: {sorted(set(value) ^ names)}"]
        for i in range(type_.num_fields):
            field = type_.field(i)
            problems += _shape_problems(value.get(field.name), field.type, f"{where}.{field.name}")
        return problems
    if pa.types.is_list(type_):
        return [p for item in value for p in _shape_problems(item, type_.value_type, where)]
    return []


@pytest.mark.parametrize("table", sorted(TABLES))
def test_each_row_builder_gives_exactly_the_schema_columns(table, rules_nlp):
    rows = _built(table, rules_nlp)
    assert rows, table
    for row in rows:
        assert set(row) == TABLES[table].columns, table
        for field in TABLES[table].schema:
            assert not _shape_problems(row[field.name], field.type, field.name), table


def test_the_annotated_row_is_its_schema(rules_nlp):
    assert set(_annotated(rules_nlp)) == set(ANNOTATED.names)


def test_the_sink_refuses_a_row_with_an_unknown_key():
    from transforms.write.parquet import RowShapeError, check_row
    row = {name: None for name in TABLES["ledger"].columns}
    check_row(TABLES["ledger"], row)
    with pytest.raises(RowShapeError, match="unknown \\['sise'\\]"):
        check_row(TABLES["ledger"], {**row, "sise": 1})


# --- options ------------------------------------------------------------------------------


def test_a_misspelt_option_is_a_usage_error_with_the_nearest_real_one(tmp_path, capsys):
    assert main(["--input", str(EXAMPLES), "--ouput", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbeam: error: unknown option --ouput (did you mean --output?)")
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "x").exists()
    # as a shell sees it: Beam's own logging must not add a line of its own
    done = subprocess.run([sys.executable, "-m", "pipeline", "--ouput", str(tmp_path / "x")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [err]
    with pytest.raises(UsageError, match="--max-article-bytes"):
        parse(["--max_artcle_bytes", "10"])


@pytest.mark.parametrize("argv, message", [
    (["--batch-size", "0"], "must be 1 or more"),
    (["--workers", "two"], "expected a whole number"),
    (["--max-article-bytes", "-1"], "must be 1 or more"),
    (["--window", "0"], "must be more than 0"),
    (["stray"], "unexpected argument 'stray'"),
    (["--output", "a", "b"], "unexpected argument 'b'"),
])
def test_values_that_cannot_work_are_usage_errors(argv, message):
    with pytest.raises(UsageError, match=message):
        parse(argv)


def test_beam_options_pass_and_ours_have_both_spellings():
    from apache_beam.options.pipeline_options import GoogleCloudOptions

    from pipeline.options import NewsbeamOptions
    options = parse(["--batch_size=16", "--max-article-bytes", "100", "--project", "p"])
    ours = options.view_as(NewsbeamOptions)
    assert (ours.nlp_batch_size, ours.max_article_bytes) == (16, 100)
    assert options.view_as(GoogleCloudOptions).project == "p"


def test_help_lists_every_option_once(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--input", "--max-article-bytes", "--reprocess", "--run-id", "-v"):
        assert option in out
    assert "--max_article_bytes" not in out


def test_run_returns_one_typed_report(tmp_path):
    from pipeline.run import RunReport, run
    report = run(["--input", str(EXAMPLES / f"{SEED_000}.txt"), "--output", str(tmp_path),
                  "--model", "rules", "--workers", "1"])
    assert isinstance(report, RunReport) and report.kind == "completed" and report.ok
    again = run(["--input", str(EXAMPLES / f"{SEED_000}.txt"), "--output", str(tmp_path),
                 "--model", "rules", "--workers", "1"])
    assert again.kind == "completed" and again.files_to_process == 0
    assert again.manifest["files_skipped"] == 1
    assert dt.datetime.fromisoformat(again.manifest["finished_at"])


def test_the_package_ships_every_module_and_data_file(tmp_path):
    """What the Dataflow image installs (pip install .) must hold every stage package and
    every TSV the code reads."""
    import zipfile
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "No module named" in done.stderr:
        pytest.skip(f"cannot build a wheel here: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("newsbeam-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    wanted = {str(p.relative_to(ROOT)) for folder in ("transforms", "pipeline", "schemas")
              for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".tsv")
              and "__pycache__" not in p.parts}
    assert wanted - shipped == set()
