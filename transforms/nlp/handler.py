"""The NLP step: spaCy through Beam's ``RunInference``, articles in, annotated rows out.

A small ``ModelHandler`` loads the pipeline once per worker process (RunInference
shares it across the worker's threads) and calls ``nlp.pipe`` on batches. Texts longer
than ``nlp.max_length`` go in chunks cut at paragraph boundaries; the chunks' tokens are
joined again with their offsets kept, so every offset refers to the article text. An
article the model fails on becomes an ``errors`` row; the rest of its batch goes on.
"""

from __future__ import annotations

import logging
from typing import Any, Iterable, Optional, Sequence

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.ml.inference.base import ModelHandler, PredictionResult, RunInference

from transforms.errors import ERRORS_TAG, step_failure_row
from transforms.nlp import model as nlp_model
from transforms.nlp.annotated import annotated_row

LOG = logging.getLogger(__name__)


def split_text(text: str, limit: int) -> list[str]:
    """Consecutive pieces of ``text``, each at most ``limit`` characters, cut after a
    blank line where possible, else after whitespace; they concatenate to ``text``."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n\n")
        cut = cut + 2 if cut > 0 else max(window.rfind(" ") + 1, window.rfind("\n") + 1)
        if cut <= 0:
            cut = limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


class SpacyModelHandler(ModelHandler[dict, PredictionResult, Any]):
    def __init__(self, model: str, version: str, batch_size: int = 32,
                 max_chunk_chars: int | None = None):
        super().__init__()
        self.model = model
        self.version = version
        self.batch_size = batch_size
        self.max_chunk_chars = max_chunk_chars

    def load_model(self):
        LOG.info("Loading spaCy pipeline %s", self.model)
        return nlp_model.load(self.model, self.version)

    def batch_elements_kwargs(self):
        # Fixed batches: BatchElements would start at 1 and adapt, and small batches
        # cost nlp.pipe throughput. A bundle's last batch may be smaller.
        return {"min_batch_size": self.batch_size, "max_batch_size": self.batch_size}

    def get_metrics_namespace(self) -> str:
        return "newsbeam_spacy"

    def get_num_bytes(self, batch: Sequence[dict]) -> int:
        return sum(len(row["text"]) for row in batch)

    def run_inference(self, batch: Sequence[dict], model, inference_args: Optional[dict] = None
                      ) -> Iterable[PredictionResult]:
        """One result per article: its annotated row, or the exception the model (or
        turning its Doc into a row) raised for that article alone."""
        limit = min(self.max_chunk_chars or model.max_length, model.max_length)
        chunks = [_attempt(split_text, row["text"], limit) for row in batch]
        try:
            docs = list(model.pipe([c for cs in chunks if not isinstance(cs, Exception)
                                    for c in cs], batch_size=self.batch_size))
        except Exception:  # find the article(s) at fault, one by one
            docs = None
        position = 0
        for row, pieces in zip(batch, chunks):
            if isinstance(pieces, Exception):
                yield PredictionResult(row, pieces)
                continue
            if docs is not None:
                article_docs = docs[position:position + len(pieces)]
                position += len(pieces)
            else:
                article_docs = _attempt(lambda: list(model.pipe(pieces)))
            if not isinstance(article_docs, Exception):
                article_docs = _attempt(annotated_row, row, article_docs, model, False)
            yield PredictionResult(row, article_docs)


def _attempt(fn, *args):
    """``fn(*args)``, or the exception it raised: a per-article failure is a value."""
    try:
        return fn(*args)
    except Exception as err:
        return err


class _SplitFailuresFn(beam.DoFn):
    def __init__(self):
        self.annotated = Metrics.counter("newsbeam", "articles_annotated")
        self.failed = Metrics.counter("newsbeam", "nlp_failed")

    def process(self, result: PredictionResult):
        if isinstance(result.inference, BaseException):
            self.failed.inc()
            yield beam.pvalue.TaggedOutput(ERRORS_TAG, step_failure_row(
                result.example, stage="nlp", reason="nlp_failed", error=result.inference))
        else:
            self.annotated.inc()
            yield result.inference


class AnnotateArticles(beam.PTransform):
    """``articles`` rows -> annotated rows (main) and ``errors`` rows (tag ``errors``)."""

    def __init__(self, handler: SpacyModelHandler):
        super().__init__()
        self.handler = handler

    def expand(self, articles):
        return (articles
                | "spaCy" >> RunInference(self.handler)
                | "Route failures" >> beam.ParDo(_SplitFailuresFn())
                .with_outputs(ERRORS_TAG, main="annotated"))
