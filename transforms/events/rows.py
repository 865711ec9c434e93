"""``events`` rows from the events of an article."""

from __future__ import annotations

import datetime as dt
import hashlib

from transforms.events import extract, timex
from transforms.events.mention import EventMention
from transforms.provenance import row_provenance
from transforms.quotes.rows import char_spans, quote_id
from transforms.who import events as who_events

EXTRACTOR = "newsbeam-events/2"


def event_rows(article) -> list[dict]:
    """The ``events`` rows of one article (an ``ArticleContext``)."""
    row = article.row
    article_date = row["date"]
    if isinstance(article_date, str):
        article_date = dt.date.fromisoformat(article_date)
    return [who_events.annotate(event_row(event, article, article_date), event, article)
            for event in extract.events(article)]


def event_row(event: EventMention, article, article_date: dt.date) -> dict:
    row, has_parse = article.row, article.has_parse
    trigger, roles, quote = event.trigger, event.roles, event.quote
    token = trigger.token
    trigger_text = token.text if trigger.particle is None else \
        f"{token.text} … {trigger.particle.text}"
    start, end = token.idx, token.idx + len(token.text)
    date, precision = timex.resolve(event.time, article_date, row["date_precision"])
    kind = trigger.type
    return {
        "article_id": row["article_id"],
        "event_id": event_id(row["article_id"], start, end, kind.name),
        "event_type": kind.name,
        "topic": row["topic"],
        "event_mode": trigger.mode,
        "cameo_root": kind.cameo_root,
        "quad_class": kind.quad_class,
        "trigger_text": trigger_text,
        "trigger_lemma": trigger.lemma,
        "trigger_start": start,
        "trigger_end": end,
        "actor1": roles.actor1.row() if roles.actor1 else None,
        "actor2": roles.actor2.row() if roles.actor2 else None,
        "location": event.location.row() if event.location else None,
        "action_geo": None,  # filled by transforms.who.events.annotate
        "action_geo_from": None,
        "event_date": date,
        "date_precision": precision,
        "time_text": event.time.text if event.time else None,
        "modality": event.modality,
        "source": event.source.row() if event.source else None,
        "quote_id": _quote_id(quote, article),
        "sentence": event.sentence_index,
        "evidence_start": event.sentence.start_char,
        "evidence_end": _text_end(event.sentence),
        "confidence": confidence(event, has_parse),
        "extractor": EXTRACTOR,
        **row_provenance(row),
    }


def _quote_id(quote, article) -> str | None:
    if quote is None or not article.has_row(quote):
        return None
    spans = char_spans(quote, article.doc)
    return quote_id(article.row["article_id"], spans[0][0], spans[-1][1], quote.kind)


def _text_end(sent) -> int:
    """The sentence's end without the blank line a paragraph's last sentence carries."""
    last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
    return last.idx + len(last.text)


def event_id(article_id: str, start: int, end: int, event_type: str) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{end}|{event_type}".encode()).hexdigest()[:16]


def confidence(event: EventMention, has_parse: bool) -> float:
    score = 0.8 if has_parse else 0.4
    if event.roles.fallback:
        score -= 0.2
    if event.roles.actor1 is None:
        score -= 0.2
    elif event.roles.actor1.entity is not None:
        score += 0.1
    return round(max(0.1, min(0.95, score)), 2)
