"""gs:// in and out, for real, against a GCS emulator on loopback."""

import io
import time

import pyarrow.parquet as pq
import pytest

from pipeline.main import main, run
from schemas import file_schema
from tests.conftest import EXAMPLES, SEED_000
from tests.gcs_local import LocalGcs
from transforms.nlp_model import RULES


@pytest.fixture(scope="module")
def gcs():
    local = LocalGcs()
    yield local
    local.close()


def _parquet(client, bucket, prefix):
    blobs = [b for b in client.list_blobs(bucket, prefix=prefix) if b.name.endswith(".parquet")]
    return {b.name: pq.read_table(io.BytesIO(b.download_as_bytes())) for b in blobs}


def test_articles_from_a_bucket_and_every_table_to_a_bucket(gcs):
    landing, lake = gcs.bucket("landing"), gcs.bucket("lake")
    for path in EXAMPLES.glob("*.txt"):
        landing.blob(f"feed/{path.name}").upload_from_filename(str(path))
    started = time.monotonic()
    report = run(["--input", "gs://landing/feed/", "--output", "gs://lake/newsbeam",
                  "--model", RULES, "--workers", "2"])
    assert time.monotonic() - started < 120  # no credential retries
    assert report["articles_parsed"] == 2 and report["balanced"] and report["workers"] == 2

    client = gcs.client()
    for table in ("articles", "entities", "events"):
        files = _parquet(client, "lake", f"newsbeam/{table}/")
        assert files, table
        for name, data in files.items():
            assert name.startswith(f"newsbeam/{table}/month=2023-09/{table}-{report['run_id']}-")
            assert data.schema.remove_metadata().equals(file_schema(table).remove_metadata())
    articles = [row for table in _parquet(client, "lake", "newsbeam/articles/").values()
                for row in table.to_pylist()]
    assert sorted(r["article_id"] for r in articles) == [SEED_000, "004_cf3571c0e23879cb"]
    assert all(r["source_uri"].startswith("gs://landing/feed/") for r in articles)
    assert _parquet(client, "lake", "newsbeam/_ledger/")
    assert client.bucket("lake").blob(f"newsbeam/_runs/{report['run_id']}.json").exists()
    assert not list(client.list_blobs("lake", prefix="newsbeam/_staging/"))

    again = run(["--input", "gs://landing/feed/", "--output", "gs://lake/newsbeam",
                 "--model", RULES, "--workers", "1"])
    assert (again["files_skipped"], again["files_matched"]) == (2, 0)


def test_a_missing_bucket_is_one_clear_message(gcs, capsys):
    gcs.bucket("only-input").blob("feed/a.txt").upload_from_filename(
        str(EXAMPLES / f"{SEED_000}.txt"))
    assert main(["--input", "gs://no-such-bucket/feed/*.txt", "--model", RULES]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gs://no-such-bucket/feed/*.txt" in err
    assert "does not exist" in err and "Traceback" not in err
    assert main(["--input", "gs://only-input/feed/", "--output", "gs://no-such-lake/out",
                 "--model", RULES]) == 2
    err = capsys.readouterr().err
    assert "gs://no-such-lake/out" in err and "does not exist" in err
