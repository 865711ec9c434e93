"""What every extractor of one article reads, built once per article, and the time it
may take (``deadline``: :func:`check`, :class:`ExtractTimeout`).

The article's Doc (the NLP step's, or rebuilt from the annotated row) and its resolved
entities are built with the context; the rest is computed the first time an extractor asks for it, once:
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
from transforms.geo.resolve import dominant, places
from transforms.nlp.annotated import doc_of
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
    # What an extractor derives once per article and another asks for again (the word
    # senses the events and the quotation finder both look up): by the function that
    # fills it, then its own key.
    memo: dict = field(default_factory=dict)

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
    def claims(self) -> list[Quotation]:
        """Every quotation an event may be told in: the body's (:attr:`quotes`, the
        quotes table's rows) and the headline's."""
        return sorted(self.quotes + quotations(self, headline=True), key=lambda q: q.start)

    @cached_property
    def quote_cues(self) -> dict[int, Quotation]:
        """The quotation (of :attr:`claims`) each cue token introduces."""
        return {i: q for q in self.claims if q.cue is not None for i in q.cue.tokens}

    def has_row(self, quote: Quotation) -> bool:
        """Whether a quotation is a row of the quotes table: one of :attr:`quotes`, not
        a headline's (that says who claims what, but is no row)."""
        return id(quote) in self._quote_rows

    @cached_property
    def _quote_rows(self) -> frozenset[int]:
        return frozenset(id(q) for q in self.quotes)

    def quotes_covering(self, i: int) -> list[Quotation]:
        """The quotations of :attr:`claims` that cover token ``i``, in their order (the
        same as ``[q for q in self.claims if q.covers(i)]``, without going through every
        quotation of the article for every word)."""
        return self._quotes_by_token.get(i, [])

    @cached_property
    def _quotes_by_token(self) -> dict[int, list[Quotation]]:
        out: dict[int, list[Quotation]] = {}
        for q in self.claims:
            for i in sorted({i for s, e in q.spans for i in range(s, e)}):
                out.setdefault(i, []).append(q)
        return out

    @cached_property
    def main_place(self) -> dict | None:
        """The article's main place (``geo.resolve.dominant``): what an event without a
        place of its own is placed at."""
        return dominant(self.entities, self.geo)


def build(row: dict, lexicon: Lexicon | None = None) -> ArticleContext:
    from transforms.who.actors import entity_attributes, shared
    doc = doc_of(row)
    check()
    entities = resolve(doc)
    geo = places(entities)
    return ArticleContext(row, doc, entities, lexicon or default(), geo,
                          local_keys(doc, entities, geo),
                          entity_attributes(doc, entities, geo, shared()))
