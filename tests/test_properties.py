"""Offsets in every record fall inside the article text, whatever the text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.entities.rows import entity_rows
from transforms.events.rows import event_rows
from transforms.extract.context import build as article_context
from transforms.nlp import model as nlp_model
from transforms.nlp.handler import SpacyModelHandler
from transforms.quotes.rows import quote_rows
from transforms.read.feed import Article, parse_article
from transforms.read.rows import article_row

WORDS = ["Putin", "Putins", "Kim", "Jong", "Un", "Präsident", "Wladimir", "traf", "sich", "in",
         "Moskau", "Russland", "Russlands", "sagte", "„Wir", "werden", "liefern“", "nicht",
         "könnte", "Nordkorea", "feuerte", "Raketen", "ab", "zufolge", "nach", "Angaben",
         "der", "die", "Nachrichtenagentur", "RIA", "Nowosti", "Kreml-Sprecher", "Peskow",
         "Treffen", "zwischen", "und", "am", "Dienstag", "Ende", "August", "falls", "kein",
         ",", ".", ":", "\"", "(Foto:", "dpa)", "\n", "\n\n", "ä", "ß", "€", "—"]

RUN = {"run_id": "p", "pipeline_version": "p", "model": "m"}


@pytest.fixture(scope="module")
def handler_and_nlp():
    return SpacyModelHandler(nlp_model.RULES, "p"), nlp_model.load(nlp_model.RULES, "p")


def _inside(text, start, end, expected=None):
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if expected is not None:
        assert text[start:end] == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=120),
       st.sampled_from([" ", "  ", "\t"]))
def test_every_offset_in_every_record_is_inside_the_text(handler_and_nlp, words, gap):
    handler, nlp = handler_and_nlp
    parsed = parse_article((" date 2023-09 " + gap.join(words)).encode(), "p/x.txt")
    if not isinstance(parsed, Article):
        return
    row = article_row(parsed, RUN)
    text = row["text"]
    for span in row["paragraphs"]:
        _inside(text, span["start"], span["end"])
    annotated = next(iter(handler.run_inference([row], nlp))).inference
    assert "".join(w + (" " if s else "") for w, s in zip(annotated["words"], annotated["spaces"])) == text
    for entity in entity_rows(article_context(annotated)):
        for m in entity["mentions"]:
            _inside(text, m["start"], m["end"], m["text"])
        assert entity["first_offset"] == entity["mentions"][0]["start"]
    for event in event_rows(article_context(annotated)):
        _inside(text, event["trigger_start"], event["trigger_end"])
        _inside(text, event["evidence_start"], event["evidence_end"])
        assert event["evidence_start"] <= event["trigger_start"] < event["evidence_end"]
        for key in ("actor1", "actor2", "location", "source"):
            if event[key] is not None:
                _inside(text, event[key]["start"], event[key]["end"], event[key]["text"])
    for quote in quote_rows(article_context(annotated)):
        for span in quote["spans"]:
            _inside(text, span["start"], span["end"])
        assert quote["quote_text"] == " ".join(text[s["start"]:s["end"]] for s in quote["spans"])
        if quote["speaker"] is not None:
            _inside(text, quote["speaker"]["start"], quote["speaker"]["end"],
                    quote["speaker"]["text"])
