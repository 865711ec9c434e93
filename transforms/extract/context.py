"""What every extractor of one article reads, built once per article.

The Doc rebuilt from the annotated row and the article's resolved entities are built
with the context; the rest is computed the first time an extractor asks for it, once:
the syntax view of its label scheme, coreference, the linker that turns words into
arguments, and the article's quotations (the quotes table, and the events' speech acts
and claims, read the same ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

from transforms.coref import Coreference
from transforms.coref.linking import Linker
from transforms.entities.canonical import Entity, resolve
from transforms.events.lexicon import Lexicon, default
from transforms.nlp.annotated import doc_from_row
from transforms.nlp.syntax import Syntax, for_doc
from transforms.quotes.find import quotations
from transforms.quotes.model import Quotation


@dataclass
class ArticleContext:
    row: dict  # the annotated row (schema ANNOTATED)
    doc: Doc
    entities: list[Entity]  # read-only: shared by the extractors
    lexicon: Lexicon

    @property
    def has_parse(self) -> bool:
        return bool(self.row["has_parse"])

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
    def quotes(self) -> list[Quotation]:
        return quotations(self)

    @cached_property
    def quote_cues(self) -> dict[int, Quotation]:
        """The quotation each cue token introduces."""
        return {i: q for q in self.quotes if q.cue is not None for i in q.cue.tokens}


def build(row: dict, lexicon: Lexicon | None = None) -> ArticleContext:
    doc = doc_from_row(row)
    return ArticleContext(row, doc, resolve(doc), lexicon or default())
