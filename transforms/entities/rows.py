"""Entity extraction: annotated rows in, one ``entities`` row per canonical entity out."""

from __future__ import annotations

import apache_beam as beam

from transforms import canonical
from transforms.errors import ERRORS_TAG, SafeExtractFn
from transforms.provenance import row_provenance


def entity_rows(row: dict) -> list[dict]:
    """The ``entities`` rows of one annotated article row."""
    _, entities = canonical.resolve_row(row)
    lead_end = row["lead_end"]
    out = []
    for entity in entities:
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
            **row_provenance(row),
        })
    return out


def _entity_extractor():
    return entity_rows


class ExtractEntities(beam.PTransform):
    """Annotated rows -> ``entities`` rows (main) and ``errors`` rows (tag ``errors``)."""

    def expand(self, annotated):
        return annotated | "Resolve entities" >> beam.ParDo(
            SafeExtractFn("extract_entities", _entity_extractor)).with_outputs(
                ERRORS_TAG, main="entities")
