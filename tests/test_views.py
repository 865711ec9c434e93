"""The views every reader uses: current rows, committed runs only, any output's files,
and the README's queries on them."""

import re
import shutil
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import views
from pipeline.empty_tables import EMPTY_PARTITION
from pipeline.run import run
from pipeline.sql import duckdb_cli
from pipeline.summary import TRY_SQL
from schemas import TABLES, Table
from tests.conftest import EXAMPLES, ROOT, SEED_000
from transforms.nlp.model import RULES


def newsbeam(out, *extra, inputs=(EXAMPLES,)):
    args = [a for i in inputs for a in ("--input", str(i))]
    return run([*args, "--output", str(out), "--model", RULES, "--workers", "1", *extra])


def count(con, sql):
    return con.sql(sql).fetchall()[0][0]


def test_after_reprocess_each_article_counts_once_and_the_latest_start_wins(tmp_path):
    out = tmp_path / "out"
    # run ids that sort the other way round than the runs started
    first = newsbeam(out, "--run-id", "z-first").manifest
    second = newsbeam(out, "--reprocess", "--run-id", "a-second").manifest
    assert second["files_reprocessed"] == 2
    con = views.connect(str(out))
    assert count(con, "SELECT count(*) FROM articles_all") == 4
    assert con.sql("SELECT DISTINCT run_id FROM articles").fetchall() == [("a-second",)]
    for table in ("articles", "entities", "events"):
        assert count(con, f"SELECT count(*) FROM {table}") == first["rows"][table]
    top = con.sql(TRY_SQL).fetchall()
    assert top and max(articles for _, _, articles in top) <= 2  # not 4: no double count
    assert con.sql("SELECT run_id, files, current_files FROM runs ORDER BY started_at"
                   ).fetchall() == [("z-first", 2, 0), ("a-second", 2, 2)]


def test_rows_of_a_run_without_a_ledger_entry_are_invisible(seed_output, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_output, out)
    # a run killed during its commit: its table files are published, its ledger is not
    for path in list(out.glob("*/month=*/*.parquet")):
        rows = pq.read_table(path)
        if rows.num_rows:
            rows = rows.set_column(rows.schema.get_field_index("run_id"), "run_id",
                                   pa.array(["half-published"] * rows.num_rows))
            pq.write_table(rows, path.with_name(path.name.replace("-0000", "-half-0000")))
    con = views.connect(str(out))
    assert count(con, "SELECT count(*) FROM articles") == 2
    assert count(con, "SELECT count(*) FROM articles_all") == 2
    assert count(con, "SELECT count(*) FROM events WHERE run_id = 'half-published'") == 0


def test_every_table_exists_after_a_run_with_no_rows_of_it(seed_output, tmp_path):
    (empty,) = (seed_output / "errors").glob("*/*.parquet")  # nothing was rejected
    assert empty.parent.name == EMPTY_PARTITION and pq.read_metadata(empty).num_rows == 0
    assert pq.read_schema(empty).names == TABLES["errors"].file_schema.names
    out = tmp_path / "out"
    shutil.copytree(seed_output, out)
    again = newsbeam(out).manifest  # nothing to do: no second empty file
    assert again["files_skipped"] == 2
    assert len(list((out / "errors").rglob("*.parquet"))) == 1
    import duckdb  # the plain glob works too, as the README's BigQuery users read it
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/errors/*/*.parquet')"
                      ).fetchall() == [(0,)]


def with_tone() -> dict[str, Table]:
    """The registry with a column still to come (articles.tone, events.tone)."""
    tables = dict(TABLES)
    for name in ("articles", "events"):
        table = TABLES[name]
        tables[name] = Table(name, table.schema.append(pa.field("tone", pa.string())),
                             table.partitioned, table.folder, table.counted_by)
    return tables


NEW_ARGUMENT_FIELDS = ("country_code", "actor_type", "identity_key")


def old_output(seed_output, folder):
    """A copy of ``seed_output`` as newsbeam wrote it before places, countries,
    identities and quotes: events files without those columns, no quotes or identities
    table."""
    shutil.copytree(seed_output, folder)
    for table in ("quotes", "identities"):
        shutil.rmtree(folder / table)
    for path in (folder / "events").glob("month=2*/*.parquet"):
        events = pq.read_table(path).drop_columns(["action_geo", "action_geo_from", "quote_id"])
        for name in ("actor1", "actor2", "location", "source"):
            struct = events.column(name).combine_chunks()
            kept = [f for f in struct.type if f.name not in NEW_ARGUMENT_FIELDS]
            old = pa.StructArray.from_arrays([struct.field(f.name) for f in kept],
                                             fields=kept, mask=struct.is_null())
            events = events.set_column(events.schema.get_field_index(name), name, old)
        pq.write_table(events, path)
    return folder


def test_older_files_and_missing_tables_read_with_the_registrys_columns(seed_output,
                                                                        tmp_path):
    out = old_output(seed_output, tmp_path / "old")
    tables = with_tone()
    con = views.connect(str(out), tables)
    events = con.sql("SELECT * FROM events")
    assert events.columns == tables["events"].schema.names
    assert count(con, "SELECT count(*) FROM events") > 10
    assert count(con, "SELECT count(*) FROM events WHERE tone IS NOT NULL OR "
                      "actor1.country_code IS NOT NULL OR action_geo IS NOT NULL") == 0
    details = con.sql("SELECT * FROM event_details").columns
    assert {"actor1", "actor1_country_code", "claimed_by_identity_key", "tone",
            "action_geo_lat", "action_geo_from", "place", "evidence"} <= set(details)
    assert count(con, "SELECT count(*) FROM quote_details") == 0  # no file: empty view
    # the speaker reads as a name, as an event's actors do
    assert {"speaker", "speaker_label", "cue_lemma", "headline"} <= set(
        con.sql("SELECT * FROM quote_details").columns)
    assert count(con, "SELECT count(*) FROM entity_details WHERE identity IS NULL") > 10


def test_identities_are_the_latest_committed_runs_and_apply_to_earlier_rows(
        seed_output, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_output, out)
    (first,) = (out / "identities").glob("*.parquet")
    first_rows = pq.read_metadata(first).num_rows
    newsbeam(out, "--reprocess", "--run-id", "second")
    con = views.connect(str(out))
    assert not first.exists()  # the commit removed the version it superseded
    assert count(con, "SELECT count(DISTINCT run_id) FROM identities_all") == 1
    assert con.sql("SELECT DISTINCT run_id FROM identities").fetchall() == [("second",)]
    assert count(con, "SELECT count(*) FROM identities") == first_rows
    # entities of the first run (superseded, in entities_all) map to current identities
    assert count(con, "SELECT count(*) FROM entities_all e JOIN entity_identities i "
                      "USING (entity_key) WHERE e.run_id <> 'second'") > 10


def test_the_flat_views_read_as_text(seed_output):
    con = views.connect(str(seed_output))
    seed = f"article_id LIKE '{SEED_000}-%'"  # the file's stem and a hash of its URI
    text = con.sql(f"SELECT text FROM articles WHERE {seed}").fetchall()[0][0]
    rows = con.sql(f"SELECT evidence, trigger_text, actor1 FROM event_details "
                   f"WHERE {seed}").fetchall()
    assert rows and all(evidence in text and trigger in evidence
                        for evidence, trigger, _ in rows)
    assert ("Wladimir Putin",) in con.sql("SELECT DISTINCT actor1 FROM event_details").fetchall()
    assert count(con, "SELECT count(*) FROM entity_details WHERE headline IS NULL") == 0


def readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)
    return [s.strip() for block in blocks for s in block.split(";") if s.strip()
            and not all(line.startswith("--") for line in s.strip().splitlines())]


@pytest.mark.parametrize("query", readme_queries())
def test_every_readme_query_runs_on_the_views(seed_output, query):
    con = views.connect(str(seed_output))
    con.sql(query.replace("'out/", f"'{seed_output}/")).fetchall()


def test_the_views_script_runs_in_duckdbs_own_shell(seed_output):
    shell = duckdb_cli()
    if shell is None:
        pytest.skip("duckdb-cli is not installed (pip install duckdb-cli)")
    done = subprocess.run([*shell, "-csv", "-cmd", views.script(str(seed_output)),
                           "-c", "SELECT count(*) AS n FROM articles"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["n", "2"]
