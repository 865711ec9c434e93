"""What every extractor of one article reads, built once per article."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc

from transforms.entities.canonical import Entity, resolve
from transforms.entities.identity import local_keys
from transforms.geo.resolve import places
from transforms.nlp.annotated import doc_from_row


@dataclass(frozen=True)
class ArticleContext:
    row: dict  # the annotated row (schema ANNOTATED)
    doc: Doc
    entities: list[Entity]  # read-only: shared by the extractors
    geo: dict[str, dict] = field(default_factory=dict)  # entity_key -> geo struct
    identity: dict[str, str] = field(default_factory=dict)  # entity_key -> identity_key
    attributes: dict[str, tuple] = field(default_factory=dict)  # entity_key -> (country, type)

    @functools.cached_property
    def entity_at(self) -> dict[int, Entity]:
        return {i: e for e in self.entities for m in e.mentions
                for i in range(m.token_start, m.token_end)}


def build(row: dict) -> ArticleContext:
    from transforms.who.actors import entity_attributes, shared
    doc = doc_from_row(row)
    entities = resolve(doc)
    geo = places(entities)
    return ArticleContext(row, doc, entities, geo, local_keys(doc, entities, geo),
                          entity_attributes(doc, entities, geo, shared()))
