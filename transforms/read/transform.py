"""The read step as Beam transforms: files in; articles, errors and ledger rows out."""

from __future__ import annotations

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from transforms.errors import ERRORS_TAG
from transforms.read import feed
from transforms.read.rows import article_row, ledger_row, rejection_row

LEDGER_TAG = "ledger"


class _ReadAndParseFn(beam.DoFn):
    """File metadata in; an ``articles`` row or an ``errors`` row out, and the file's
    ``ledger`` row.

    Files over the size limit are rejected from their metadata and never opened, and
    no read takes more than the limit plus one byte, so memory stays bounded whatever
    lands in the input folder.
    """

    def __init__(self, max_bytes: int, run: dict):
        self.max_bytes = max_bytes
        self.run = run
        self.files = Metrics.counter("newsbeam", "files_matched")
        self.parsed = Metrics.counter("newsbeam", "articles_parsed")
        self.rejected = Metrics.counter("newsbeam", "files_rejected")

    def process(self, listed):
        path, size, modified = listed
        self.files.inc()
        data = None
        if size > self.max_bytes:
            result = feed.Rejection(feed.article_id_from_uri(path), path, feed.TOO_LARGE,
                                    f"{size} bytes is over the limit of {self.max_bytes}",
                                    size)
            stage = "read"
        else:
            try:
                with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as fh:
                    data = fh.read(self.max_bytes + 1)
            except Exception as err:  # unreadable file: recorded, the run goes on
                result = feed.Rejection(feed.article_id_from_uri(path), path, feed.UNREADABLE,
                                        f"{type(err).__name__}: {err}", size)
                stage = "read"
            else:
                result = feed.parse_article(data, path, self.max_bytes)
                stage = "parse"
        rejection = None if isinstance(result, feed.Article) else result
        yield beam.pvalue.TaggedOutput(
            LEDGER_TAG, ledger_row(path, size, modified, data, rejection, self.run))
        if rejection is None:
            self.parsed.inc()
            yield article_row(result, self.run)
        else:
            self.rejected.inc()
            Metrics.counter("newsbeam", f"rejected_{rejection.reason}").inc()
            yield beam.pvalue.TaggedOutput(ERRORS_TAG, rejection_row(rejection, self.run, stage))


class ParseFiles(beam.PTransform):
    """(path, size, mtime) of files -> ``articles`` rows (main), ``errors`` rows (tag
    ``errors``) and one ``ledger`` row per file (tag ``ledger``). Batch and streaming
    both end in this step."""

    def __init__(self, max_bytes: int, run: dict):
        super().__init__()
        self.max_bytes = max_bytes
        self.run = run

    def expand(self, files):
        return files | "Read and parse" >> beam.ParDo(
            _ReadAndParseFn(self.max_bytes, self.run)).with_outputs(
                ERRORS_TAG, LEDGER_TAG, main="articles")


class ReadArticles(beam.PTransform):
    """The files a batch run listed -> the outputs of :class:`ParseFiles`."""

    def __init__(self, files: list[tuple[str, int, float]], max_bytes: int, run: dict):
        super().__init__()
        self.files = files
        self.max_bytes = max_bytes
        self.run = run

    def expand(self, pbegin):
        return (
            pbegin
            | "Files" >> beam.Create(self.files)
            # Spread the files over the workers before the expensive fused stage.
            | "Spread files" >> beam.Reshuffle()
            | "Parse" >> ParseFiles(self.max_bytes, self.run))
