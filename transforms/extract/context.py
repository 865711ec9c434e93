"""What every extractor of one article reads, built once per article, and the time it
may take (``deadline``: :func:`check`, :class:`ExtractTimeout`).

The Doc rebuilt from the annotated row and the article's resolved entities are built
with the context; the rest is computed the first time an extractor asks for it, once:
the syntax view of its label scheme, coreference, the linker that turns words into
arguments, and the article's quotations (the quotes table, and the events' speech acts
and claims, read the same ones).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

from transforms.coref import Coreference
from transforms.coref.linking import Linker
from transforms.entities.canonical import Entity, resolve
from transforms.entities.identity import local_keys
from transforms.events.lexicon import Lexicon, default
from transforms.extract.deadline import ExtractTimeout, check, deadline  # noqa: F401
from transforms.geo.resolve import places
from transforms.nlp.annotated import doc_from_row
from transforms.nlp.syntax import Syntax, for_doc
from transforms.quotes.find import quotations
from transforms.quotes.model import Quotation
from transforms.quotes.sentences import Sentences


@dataclass
class ArticleContext:
    row: dict  # the annotated row (schema ANNOTATED)
    doc: Doc
    entities: list[Entity]  # read-only: shared by the extractors
    lexicon: Lexicon
    geo: dict[str, dict] = field(default_factory=dict)  # entity_key -> geo struct
    identity: dict[str, str] = field(default_factory=dict)  # entity_key -> identity_key
    attributes: dict[str, tuple] = field(default_factory=dict)  # entity_key -> (country, type)

    @property
    def has_parse(self) -> bool:
        return bool(self.row["has_parse"])

    @property
    def entity_at(self) -> dict[int, Entity]:
        return self.linker.entity_at

    @cached_property
    def syntax(self) -> Syntax:
        return for_doc(self.row.get("label_scheme"), self.has_parse)

    @cached_property
    def coref(self) -> Coreference:
        return Coreference(self.doc, self.entities, self.syntax)

    @cached_property
    def linker(self) -> Linker:
        return Linker(self.doc, self.entities, self.syntax, self.coref)

    @cached_property
    def sentences(self) -> Sentences:
        """The sentences as the quotation steps read them (the model's boundaries where
        the text ends a sentence)."""
        return Sentences(self.doc)

    @cached_property
    def quotes(self) -> list[Quotation]:
        return quotations(self)

    @cached_property
    def quote_cues(self) -> dict[int, Quotation]:
        """The quotation each cue token introduces."""
        return {i: q for q in self.quotes if q.cue is not None for i in q.cue.tokens}


def build(row: dict, lexicon: Lexicon | None = None) -> ArticleContext:
    from transforms.who.actors import entity_attributes, shared
    doc = doc_from_row(row)
    check()
    entities = resolve(doc)
    geo = places(entities)
    return ArticleContext(row, doc, entities, lexicon or default(), geo,
                          local_keys(doc, entities, geo),
                          entity_attributes(doc, entities, geo, shared()))
