"""What every extractor of one article reads, built once per article, and the time it
may take (``deadline``: :func:`check`, :class:`ExtractTimeout`)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from transforms.entities.canonical import Entity, resolve
from transforms.extract.deadline import ExtractTimeout, check, deadline  # noqa: F401
from transforms.nlp.annotated import doc_from_row


@dataclass(frozen=True)
class ArticleContext:
    row: dict  # the annotated row (schema ANNOTATED)
    doc: Doc
    entities: list[Entity]  # read-only: shared by the extractors


def build(row: dict) -> ArticleContext:
    doc = doc_from_row(row)
    check()
    return ArticleContext(row, doc, resolve(doc))
