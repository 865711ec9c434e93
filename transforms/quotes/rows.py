"""``quotes`` rows: one per quotation of an article."""

from __future__ import annotations

import hashlib

from transforms.entities.canonical import sentence_index
from transforms.provenance import row_provenance
from transforms.quotes.model import Quotation
from transforms.who.events import argument_row

EXTRACTOR = "newsbeam-quotes/2"


def quote_id(article_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{end}|{kind}".encode()).hexdigest()[:16]


def quote_rows(article) -> list[dict]:
    """The ``quotes`` rows of one article (an ``ArticleContext``)."""
    # sentence indices as the model's sentences count them (as the events' ``sentence``
    # does), not the quotation steps' own sentences
    sentence_of = sentence_index(article.doc)
    return [quote_row(q, article, sentence_of) for q in article.quotes]


def char_spans(quote: Quotation, doc) -> list[tuple[int, int]]:
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in quote.spans]


def quote_row(quote: Quotation, article, sentence_of: list[int]) -> dict:
    row = article.row
    spans = char_spans(quote, article.doc)
    text = row["text"]
    cue = quote.cue
    return {
        "article_id": row["article_id"],
        "quote_id": quote_id(row["article_id"], spans[0][0], spans[-1][1], quote.kind),
        "quote_text": " ".join(text[s:e] for s, e in spans),
        "spans": [{"start": s, "end": e} for s, e in spans],
        "kind": quote.kind,
        "speaker": argument_row(quote.speaker, article) if quote.speaker else None,
        "cue": {"text": cue.text, "lemma": cue.lemma, "start": cue.start, "end": cue.end}
        if cue else None,
        "addressee": argument_row(quote.addressee, article) if quote.addressee else None,
        "sentence_start": sentence_of[quote.start],
        "sentence_end": sentence_of[quote.end - 1],
        "extractor": EXTRACTOR,
        **row_provenance(row),
    }
