"""The streaming graph's logic, with TestStream. No local runner here can run Beam's
splittable file watcher in streaming mode, so the source is replaced by a TestStream of
the (path, size, mtime) tuples the watcher or the Pub/Sub source emits; Beam's
streaming DirectRunner runs the rest."""

import datetime as dt
import re
import shutil

import apache_beam as beam
import duckdb
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.testing.test_stream import TestStream
from apache_beam.transforms import window
from apache_beam.transforms.trigger import AccumulationMode, AfterCount, AfterWatermark
from apache_beam.transforms.window import TimestampedValue

from pipeline import graph
from pipeline.main import main
from schemas import TABLES
from tests.conftest import EXAMPLES, SEED_000
from transforms.nlp.model import RULES
from transforms.read.stream_sources import notification_file
from transforms.write.parquet import WriteTable

RUN = {"run_id": "stream", "pipeline_version": "t", "model": "newsbeam_rules_de==t",
       "started_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)}


def _streaming():
    options = PipelineOptions()
    options.view_as(StandardOptions).streaming = True
    return options


def _groups(folder, table):
    names = [f.name for f in folder.rglob("*.parquet")]
    return {re.sub(r"-\d{5}-of-\d{5}\.parquet$", "", n).replace(f"{table}-stream-", "")
            for n in names}


def test_files_arriving_across_windows_are_written_per_window(tmp_path):
    files = []
    for i in range(3):
        path = tmp_path / "in" / f"{i:03d}_seed.txt"
        path.parent.mkdir(exist_ok=True)
        shutil.copy(EXAMPLES / f"{SEED_000}.txt", path)
        files.append((str(path), path.stat().st_size, path.stat().st_mtime))
    stream = (TestStream()
              .add_elements([TimestampedValue(files[0], 10),     # window [0 s, 600 s)
                             TimestampedValue(files[1], 590)])
              .advance_watermark_to(650)
              .add_elements([TimestampedValue(files[2], 700)])   # window [600 s, 1200 s)
              .advance_watermark_to_infinity())
    out = tmp_path / "out"
    with beam.Pipeline(runner="DirectRunner", options=_streaming()) as p:
        graph.build_streaming(p | stream, output=str(out), model=RULES, run=RUN,
                              window_minutes=10, allowed_lateness_minutes=20,
                              max_article_bytes=1 << 20, batch_size=8)

    rows = duckdb.connect().execute(
        f"SELECT filename, source_uri FROM read_parquet('{out}/articles/*/*.parquet', "
        f"filename = true) ORDER BY 2").fetchall()
    by_window = {}
    for filename, source in rows:
        window_start = re.search(r"articles-stream-(\d{8}T\d{6})-", filename).group(1)
        by_window.setdefault(window_start, []).append(source.rsplit("/", 1)[1])
    assert by_window == {"19700101T000000": ["000_seed.txt", "001_seed.txt"],
                         "19700101T001000": ["002_seed.txt"]}
    for table in ("entities", "events", "ledger", "articles"):
        assert _groups(out / TABLES[table].folder, table) == {"19700101T000000",
                                                               "19700101T001000"}, table


def test_late_rows_go_to_a_file_of_their_own(tmp_path):
    rows = [{"source_uri": f"{name}.txt", "article_id": name, "size": 1, "last_modified": 0.0,
             "content_sha256": None, "status": "parsed", "reason": None, "run_id": "stream",
             "run_started_at": RUN["started_at"], "model": "m", "pipeline_version": "t"}
            for name in ("a", "b", "late")]
    stream = (TestStream()
              .add_elements([TimestampedValue(rows[0], 10)])
              .add_elements([TimestampedValue(rows[1], 700)])
              .advance_watermark_to(1300)                 # both windows are closed
              .add_elements([TimestampedValue(rows[2], 50)])  # late for the first
              .advance_watermark_to(1400)
              .advance_watermark_to_infinity())
    out = tmp_path / "out"
    with beam.Pipeline(runner="DirectRunner", options=_streaming()) as p:
        (p | stream
         | beam.WindowInto(window.FixedWindows(600), trigger=AfterWatermark(late=AfterCount(1)),
                           accumulation_mode=AccumulationMode.DISCARDING, allowed_lateness=1200)
         | WriteTable(TABLES["ledger"], str(out), "stream", streaming=True))
    files = duckdb.connect().execute(
        f"SELECT filename, article_id FROM read_parquet('{out}/_ledger/*.parquet', filename = true)"
    ).fetchall()
    written = {re.search(r"ledger-stream-(.+)-\d{5}-of", f).group(1): a for f, a in files}
    assert written == {"19700101T000000": "a", "19700101T001000": "b",
                       "19700101T000000-late1": "late"}


def test_gcs_notifications_become_files():
    class Message:
        def __init__(self, data, event="OBJECT_FINALIZE"):
            self.data, self.attributes = data, {"eventType": event}

    body = b'{"bucket": "landing", "name": "feed/001_x.txt", "size": "834"}'
    assert notification_file(Message(body)) == [("gs://landing/feed/001_x.txt", 834, 0.0)]
    assert notification_file(Message(body, "OBJECT_DELETE")) == []
    assert notification_file(Message(b"not json")) == []
    assert notification_file(Message(b'{"bucket": "landing", "name": "feed/"}')) == []


def test_streaming_on_the_local_runner_is_a_clear_error(tmp_path, capsys):
    assert main(["--streaming", "--input", str(EXAMPLES), "--output", str(tmp_path),
                 "--model", RULES]) == 2
    err = capsys.readouterr().err
    assert "--streaming needs" in err and "DataflowRunner" in err and "Traceback" not in err
