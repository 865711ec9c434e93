"""``entities`` rows: one per canonical entity of an article."""

from __future__ import annotations

from transforms.provenance import row_provenance


def entity_rows(article) -> list[dict]:
    """The ``entities`` rows of one article (an ``ArticleContext``)."""
    row = article.row
    lead_end = row["lead_end"]
    out = []
    for entity in article.entities:
        mentions = entity.mentions
        out.append({
            "article_id": row["article_id"],
            "entity_key": entity.key,
            "canonical_name": entity.canonical_name,
            "label": entity.label,
            "mention_count": len(mentions),
            "first_offset": mentions[0].start,
            "in_lead": any(m.start < lead_end for m in mentions),
            "mentions": [{"text": m.text, "start": m.start, "end": m.end,
                          "sentence": m.sentence} for m in mentions],
            "geo": article.geo.get(entity.key),
            "identity_key": article.identity[entity.key],
            **row_provenance(row),
        })
    return out
