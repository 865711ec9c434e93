"""gs:// in and out, for real, against a GCS emulator on loopback."""

import io
import json
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from pipeline.main import main
from pipeline.run import run
from schemas import TABLES
from tests.conftest import EXAMPLES, ROOT, SEED_000, stem
from transforms.nlp.model import RULES


def _dataflow_dry_run(bucket):
    """Flags that build a Dataflow job for ``bucket`` without submitting it; the model
    is one the workers' image would carry, not installed here."""
    return ["--output", f"gs://{bucket}/out", "--model", "de_core_news_md",
            "--runner", "DataflowRunner", "--project", "test-project",
            "--region", "europe-west1", "--temp_location", f"gs://{bucket}/tmp",
            "--sdk_location", "container", "--no_auth", "--dry_run=True"]


def _parquet(client, bucket, prefix):
    blobs = [b for b in client.list_blobs(bucket, prefix=prefix) if b.name.endswith(".parquet")]
    return {b.name: pq.read_table(io.BytesIO(b.download_as_bytes())) for b in blobs}


def test_articles_from_a_bucket_and_every_table_to_a_bucket(gcs):
    landing = gcs.bucket("landing")
    gcs.bucket("lake")
    for path in EXAMPLES.glob("*.txt"):
        landing.blob(f"feed/{path.name}").upload_from_filename(str(path))
    started = time.monotonic()
    report = run(["--input", "gs://landing/feed/", "--output", "gs://lake/newsbeam",
                  "--model", RULES, "--workers", "2"])
    assert time.monotonic() - started < 120  # no credential retries
    summary = report.manifest
    assert summary["articles_parsed"] == 2 and report.ok and summary["workers"] == 2

    client = gcs.client()
    for table in ("articles", "entities", "events"):
        files = _parquet(client, "lake", f"newsbeam/{table}/")
        assert files, table
        for name, data in files.items():
            assert name.startswith(f"newsbeam/{table}/month=2023-09/{table}-{report.run_id}-")
            assert data.schema.remove_metadata().equals(
                TABLES[table].file_schema.remove_metadata())
    articles = [row for table in _parquet(client, "lake", "newsbeam/articles/").values()
                for row in table.to_pylist()]
    assert sorted(stem(r["article_id"]) for r in articles) == [SEED_000, "004_cf3571c0e23879cb"]
    assert all(r["source_uri"].startswith("gs://landing/feed/") for r in articles)
    assert _parquet(client, "lake", "newsbeam/_ledger/")
    assert client.bucket("lake").blob(f"newsbeam/_runs/{report.run_id}.json").exists()
    assert not list(client.list_blobs("lake", prefix="newsbeam/_staging/"))
    assert not client.bucket("lake").blob("newsbeam/_lock.json").exists()  # given back

    again = run(["--input", "gs://landing/feed/", "--output", "gs://lake/newsbeam",
                 "--model", RULES, "--workers", "1"])
    assert (again.manifest["files_skipped"], again.manifest["files_matched"]) == (2, 0)


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


def test_dataflow_batch_job_is_built_with_extraction_writes_and_worker_image(gcs):
    from apache_beam.portability import common_urns
    from apache_beam.portability.api import beam_runner_api_pb2

    gcs.bucket("df-landing").blob("feed/a.txt").upload_from_filename(
        str(EXAMPLES / f"{SEED_000}.txt"))
    gcs.bucket("df-lake")
    image = "europe-docker.pkg.dev/test-project/newsbeam/worker:0.1.0"
    report = run(["--input", "gs://df-landing/feed/", *_dataflow_dry_run("df-lake"),
                  "--sdk_container_image", image])
    assert report.kind == "dry_run" and report.files_to_process == 1
    job = report.job
    assert job.proto.type_.name == "JOB_TYPE_BATCH"
    names = [t.unique_name for t in job.proto_pipeline.components.transforms.values()]
    for step in ("Read articles", "NLP/spaCy", "Extract", "Write tables", "Commit run",
                 *(f"Write tables/Arrow batches ({t})" for t in
                   ("articles", "entities", "events", "quotes", "errors", "identities",
                    "ledger"))):
        assert any(n == step or n.startswith(step + "/") for n in names), step
    images = set()
    for env in job.proto_pipeline.components.environments.values():
        if env.urn == common_urns.environments.DOCKER.urn:
            images.add(beam_runner_api_pb2.DockerPayload.FromString(env.payload).container_image)
    assert images == {image}
    # nothing was published: a dry run neither commits nor writes a manifest
    assert not list(gcs.client().list_blobs("df-lake"))


def test_dataflow_streaming_job_reads_notifications_and_writes_windows(gcs):
    gcs.bucket("stream-lake")
    report = run(["--streaming", "--subscription", "projects/test-project/subscriptions/feed",
                  "--window", "15", *_dataflow_dry_run("stream-lake"),
                  "--sdk_container_image", "europe-docker.pkg.dev/p/newsbeam/worker:0.1.0"])
    assert report.kind == "dry_run"
    job = report.job
    assert job.proto.type_.name == "JOB_TYPE_STREAMING"
    names = [t.unique_name for t in job.proto_pipeline.components.transforms.values()]
    for step in ("New files/Read notifications", "New files/Once per file", "Window",
                 "Parse", "NLP/spaCy", "Extract", "Write articles",
                 "Write events", "Write ledger"):
        assert any(n == step or n.startswith(step + "/") for n in names), step
    windows = [s for s in job.proto_pipeline.components.windowing_strategies.values()
               if s.window_fn.urn == "beam:window_fn:fixed_windows:v1"]
    assert windows and all(s.allowed_lateness == 60 * 60 * 1000 for s in windows)


def test_dataflow_streaming_job_can_watch_a_file_pattern(gcs):
    gcs.bucket("watch-lake")
    report = run(["--streaming", "--input", "gs://watch-lake/landing/*.txt",
                  "--watch-interval", "30", *_dataflow_dry_run("watch-lake")])
    job = report.job
    assert job.proto.type_.name == "JOB_TYPE_STREAMING"
    assert report.source == "gs://watch-lake/landing/*.txt"  # no file there yet: fine
    names = [t.unique_name for t in job.proto_pipeline.components.transforms.values()]
    assert any(n.startswith("New files/Watch 0/") for n in names)
    assert not any("Read notifications" in n for n in names)


def test_the_flex_template_launcher_builds_the_job_and_does_not_wait(gcs, tmp_path):
    """The launch program as the Flex Template launcher runs it: a script given
    ``--name=value`` parameters and a job file to write (``--template_location``),
    which must return once the job is built. The commit is in the job, so nothing is
    published by the launcher."""
    from apache_beam.portability.api import beam_runner_api_pb2

    gcs.bucket("flex-landing").blob("feed/a.txt").upload_from_filename(
        str(EXAMPLES / f"{SEED_000}.txt"))
    gcs.bucket("flex-lake")
    job_file = tmp_path / "job.json"
    image = "europe-docker.pkg.dev/test-project/newsbeam/newsbeam:0.1.0"
    done = subprocess.run(
        [sys.executable, "flex_template/launch.py", "--input=gs://flex-landing/feed/",
         "--output=gs://flex-lake/out", "--model=de_core_news_md", "--reprocess=false",
         "--batch_size=16", "--project=test-project", "--region=europe-west1",
         "--temp_location=gs://flex-lake/tmp", f"--sdk_container_image={image}",
         "--no_auth", f"--template_location={job_file}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"job spec written to {job_file} for 1 file(s)" in done.stdout

    job = json.loads(job_file.read_text())
    assert job["type"] == "JOB_TYPE_BATCH"
    options = job["environment"]["sdkPipelineOptions"]["options"]
    assert options["detach"] is True and options["nlp_batch_size"] == 16
    assert options["output"] == "gs://flex-lake/out"
    assert {p["containerImage"] for p in job["environment"]["workerPools"][0]
            ["sdkHarnessContainerImages"]} == {image}
    bucket, blob = options["pipelineUrl"].removeprefix("gs://").split("/", 1)
    proto = beam_runner_api_pb2.Pipeline.FromString(
        gcs.client().bucket(bucket).blob(blob).download_as_bytes())
    names = {t.unique_name for t in proto.components.transforms.values()}
    for step in ("Read articles", "Extract", "Write tables/Arrow batches (ledger)", "Commit run/Publish"):
        assert step in names, step
    # the launcher published nothing and left no staging behind; the output's lock is
    # held for the job, whose commit step gives it back
    assert [b.name for b in gcs.client().list_blobs("flex-lake", prefix="out/")] == \
        ["out/_lock.json"]
    holder = json.loads(gcs.client().bucket("flex-lake").blob("out/_lock.json")
                        .download_as_bytes())
    assert f"newsbeam: run {holder['run_id']} on " in done.stdout
