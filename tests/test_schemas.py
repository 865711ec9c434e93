import json

import pyarrow as pa
import pytest

from schemas import PARTITION_KEY, TABLES, bigquery_schema
from schemas.__main__ import main as schemas_main
from schemas.markdown import markdown
from schemas.tables import ANNOTATED
from tests.conftest import ROOT


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_field_is_described_and_the_partition_lives_in_the_path(table):
    entry = TABLES[table]
    for field in entry.schema:
        assert (field.metadata or {}).get(b"description"), (table, field.name)
    assert PARTITION_KEY not in entry.file_schema.names
    assert (PARTITION_KEY in entry.schema.names) == entry.partitioned
    assert {"run_id", "pipeline_version"} <= set(entry.schema.names)


def test_the_registry_holds_the_ledger_like_any_table_and_publishes_it_last():
    assert list(TABLES)[-1] == "ledger" and not TABLES["ledger"].partitioned
    assert TABLES["ledger"].folder == "_ledger" and TABLES["ledger"].counted_by == "status"
    # the ledger and the identities describe the whole output, not one month of it
    assert all(t.partitioned for name, t in TABLES.items() if name not in ("ledger",
                                                                             "identities"))


@pytest.mark.parametrize("table", sorted(TABLES))
def test_bigquery_schema_matches_the_file_schema(table, capsys):
    fields = bigquery_schema(table)
    assert [f["name"] for f in fields] == TABLES[table].file_schema.names
    by_name = {f["name"]: f for f in fields}
    for field in TABLES[table].file_schema:
        mode = by_name[field.name]["mode"]
        if pa.types.is_list(field.type):
            assert mode == "REPEATED"
        else:
            assert mode == ("NULLABLE" if field.nullable else "REQUIRED")
    schemas_main([table])
    assert json.loads(capsys.readouterr().out) == fields


def test_entities_mentions_are_a_repeated_record():
    mentions = {f["name"]: f for f in bigquery_schema("entities")}["mentions"]
    assert mentions["type"] == "RECORD" and mentions["mode"] == "REPEATED"
    assert [f["name"] for f in mentions["fields"]] == ["text", "start", "end", "sentence"]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_readme_column_reference_is_the_schema(table):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"### `{table}`\n\n{markdown(table)}\n" in readme, \
        f"README is out of date: python -m schemas {table} --markdown"


def test_annotated_rows_carry_provenance():
    assert {"model", "run_id", "pipeline_version", "article_id"} <= set(ANNOTATED.names)


def test_readme_taxonomy_is_the_lexicon():
    from transforms.events.lexicon import taxonomy_markdown
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert taxonomy_markdown() in readme, "README taxonomy is out of date"


def test_the_worker_container_matches_the_pinned_beam_and_python():
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    beam = next(d for d in project["dependencies"] if d.startswith("apache-beam"))
    pinned = re.search(r"==([\d.]+)", beam).group(1)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert f"ARG BEAM_VERSION={pinned}\n" in dockerfile
    python = re.search(r">=(\d+\.\d+)", project["requires-python"]).group(1)
    assert f"ARG PYTHON_VERSION={python}\n" in dockerfile
    for package in ("pipeline", "transforms", "schemas"):
        assert f"COPY {package} ./{package}" in dockerfile
