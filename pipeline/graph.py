"""The pipeline graph: read -> parse -> one NLP step -> extract -> Parquet -> commit.

Every extractor runs on the same annotated rows, one spaCy pass per article, and one
context per article (``transforms.extract``). Errors from every step are flattened into
the ``errors`` table. Batch and streaming share everything after the file source;
streaming adds fixed windows and writes one file per table, window and shard. Every
table of ``schemas.TABLES`` is written the same way, the ledger included.
"""

from __future__ import annotations

import apache_beam as beam
from apache_beam.options.pipeline_options import DirectOptions
from apache_beam.transforms import window
from apache_beam.transforms.trigger import AccumulationMode, AfterCount, AfterWatermark

from pipeline import commit
from pipeline.progress import CountDone
from schemas import TABLES
from transforms.entities import corpus
from transforms.errors import ERRORS_TAG
from transforms.extract.transform import ExtractArticles, Extractors
from transforms.nlp.handler import AnnotateArticles, SpacyModelHandler
from transforms.read.transform import LEDGER_TAG, ParseFiles, ReadArticles, RecordFailures
from transforms.write.parquet import WriteTable, WriteTables


def build(p: beam.Pipeline, *, files: list[tuple[str, int, float]], output: str, model: str,
          run: dict, manifest: dict, max_article_bytes: int, batch_size: int,
          max_chunk_chars: int | None = None, event_lexicon: str | None = None,
          extract_timeout: float | None = None,
          previous_identities: list[str] = (), replaced: dict[str, str] | None = None,
          replaced_files: list[str] = (), progress: str | None = None) -> dict:
    """Adds newsbeam to ``p`` for the listed ``files`` (path, size, mtime): every table
    is written to the run's staging folder, and the job's last step publishes them into
    ``output`` with the ``manifest`` (what the launcher knew, completed with the
    counts). ``previous_identities`` are the files of the output's current identities
    table, which this run's table continues; ``replaced`` and ``replaced_files`` say
    which of the rows it counted this run replaces (see :class:`Identities`). With
    ``progress`` (a local folder), the workers count the files they are done with there
    (``pipeline/progress.py``). Returns the PCollection of each table's rows."""
    workers = p.options.view_as(DirectOptions).direct_num_workers or 1  # local runs
    read = p | "Read articles" >> ReadArticles(files, max_article_bytes, run, workers)
    stage = commit.staging_dir(output, run["run_id"])
    tables, written, done = _extract_and_write(read, stage, model, run, batch_size,
                                               max_chunk_chars, event_lexicon,
                                               extract_timeout,
                                               previous_identities=previous_identities,
                                               replaced=replaced,
                                               replaced_files=replaced_files)
    written, tallies = written["files"], written["tallies"]
    if progress:  # each file done, counted by the worker that did it, in the step that
        # did it: a consumer of each output, fused into its producer's stage (a Flatten
        # of outputs of different stages would hold every row until they all finished)
        for what, rows in done.items():
            _ = rows | f"Progress ({what})" >> beam.ParDo(CountDone(progress))
    files_written = written | "Count written files" >> beam.combiners.Count.Globally()
    _ = p | "Commit run" >> commit.CommitRun(output, run["run_id"], manifest, len(files),
                                             tallies, files_written)
    return tables


def build_streaming(files: beam.PCollection, *, output: str, model: str, run: dict,
                    window_minutes: float, allowed_lateness_minutes: float,
                    max_article_bytes: int, batch_size: int,
                    event_lexicon: str | None = None,
                    extract_timeout: float | None = None) -> dict:
    """Streaming: ``files`` is an unbounded PCollection of (path, size, mtime), each
    file once (the sources deduplicate). Rows go straight into the tables, a file per
    table, window and shard with the window start in its name; data up to
    ``allowed_lateness_minutes`` late is written to a file of its own ("-late1")."""
    windowed = files | "Window" >> beam.WindowInto(
        window.FixedWindows(int(window_minutes * 60)),
        trigger=AfterWatermark(late=AfterCount(1)),
        accumulation_mode=AccumulationMode.DISCARDING,
        allowed_lateness=int(allowed_lateness_minutes * 60))
    read = windowed | "Parse" >> ParseFiles(max_article_bytes, run)
    tables, _, _ = _extract_and_write(read, output, model, run, batch_size, None,
                                      event_lexicon, extract_timeout, streaming=True)
    return tables


class Identities(beam.PTransform):
    """``entities`` rows (and the previous identities table) -> ``identities`` rows:
    three keyed groupings (by entity key, by name block, by identity), so no worker
    holds more than one block or identity at a time (``transforms/entities/corpus.py``).

    ``replaced`` are the files the run processes again (source URI -> the run that holds
    their current rows) and ``replaced_files`` the entities files of those runs: their
    rows of those files were counted in the previous table and are taken out again."""

    def __init__(self, previous: list[str], run: dict, replaced: dict[str, str] | None = None,
                 replaced_files: list[str] = ()):
        super().__init__()
        self.previous, self.run = list(previous), run
        self.replaced, self.replaced_files = dict(replaced or {}), list(replaced_files)

    def expand(self, entities):
        records = entities | "Alias records" >> beam.Map(corpus.alias_from_entity_row)
        if self.previous:
            earlier = (entities.pipeline | "Previous identities" >> beam.Create(self.previous)
                       | "Read previous" >> beam.io.ReadAllFromParquet()
                       | "Previous aliases" >> beam.FlatMap(corpus.aliases_from_identity_row))
            records = (records, earlier) | "All aliases" >> beam.Flatten()
        if self.previous and self.replaced_files:
            replaced = self.replaced
            retracted = (entities.pipeline
                         | "Replaced entities files" >> beam.Create(self.replaced_files)
                         | "Read replaced" >> beam.io.ReadAllFromParquet(columns=[
                             "entity_key", "canonical_name", "label", "identity_key",
                             "source_uri", "run_id"])
                         | "Rows processed again" >> beam.Filter(
                             lambda r: replaced.get(r["source_uri"]) == r["run_id"])
                         | "Retractions" >> beam.Map(corpus.retraction_from_entity_row))
            records = (records, retracted) | "With retractions" >> beam.Flatten()
        run = self.run
        return (records
                | "Per entity key" >> beam.CombinePerKey(corpus.combine)
                | "Name blocks" >> beam.FlatMapTuple(corpus.blocks)
                | "Group blocks" >> beam.GroupByKey()
                | "Resolve blocks" >> beam.FlatMapTuple(corpus.resolve_block)
                | "Group identities" >> beam.GroupByKey()
                | "Identity rows" >> beam.Map(lambda kv: corpus.identity_row(kv[0], kv[1], run)))


def _extract_and_write(read, base: str, model: str, run: dict, batch_size: int,
                       max_chunk_chars: int | None, event_lexicon: str | None,
                       extract_timeout: float | None, streaming: bool = False,
                       previous_identities: list[str] = (),
                       replaced: dict[str, str] | None = None,
                       replaced_files: list[str] = ()) -> tuple[dict, dict | list, dict]:
    """The shared middle and end: returns each table's rows (by table name), what the
    writes give (batch: ``files`` and ``tallies`` of :class:`WriteTables`; streaming:
    each table's file results), and what has one element per file done (an article
    through the NLP step, a file rejected, an article the NLP step failed on)."""
    handler = SpacyModelHandler(model, run["pipeline_version"], batch_size, max_chunk_chars)
    annotated = read.articles | "NLP" >> AnnotateArticles(handler)
    extractors = Extractors(event_lexicon)
    extracted = annotated.annotated | "Extract" >> ExtractArticles(
        extractors, extractors.tables, extract_timeout)
    failures = ((annotated[ERRORS_TAG], extracted[ERRORS_TAG])
                | "Collect step failures" >> beam.Flatten())
    tables = {
        "articles": read.articles,
        **{name: extracted[name] for name in extractors.tables},
        "errors": (read[ERRORS_TAG], failures) | "Collect errors" >> beam.Flatten(),
        "ledger": (read[LEDGER_TAG], failures) | "Record failures" >> RecordFailures(),
    }
    if not streaming:  # a streaming job has no end at which the corpus is known
        tables["identities"] = extracted["entities"] | "Identities" >> Identities(
            previous_identities, run, replaced, replaced_files)
    tables = {name: tables[name] for name in TABLES if name in tables}  # registry order
    if streaming:
        written = [rows | f"Write {name}" >> WriteTable(TABLES[name], base, run["run_id"],
                                                        streaming=True)
                   for name, rows in tables.items()]
    else:  # one grouping for every table; the written rows' tallies for the commit
        written = tables | "Write tables" >> WriteTables([TABLES[n] for n in tables], base,
                                                         run["run_id"])
    done = {"articles": annotated.annotated, "rejected": read[ERRORS_TAG],
            "nlp failed": annotated[ERRORS_TAG]}
    return tables, written, done
