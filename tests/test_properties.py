"""Offsets in every record fall inside the article text, whatever the text; no file,
whatever its bytes, makes a per-file step raise."""

import datetime as dt

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


# --- the whole per-file step: random files in, nothing raises, every file accounted for ---

HEADERS = st.one_of(
    st.builds("{}date{}{:04d}-{:02d}{}".format, st.sampled_from(["", " ", "\t"]),
              st.sampled_from([" ", ": ", ":"]), st.integers(0, 9999), st.integers(0, 13),
              st.one_of(st.just(""), st.builds(
                  "-{:02d}T{:02d}:{:02d}{}".format, st.integers(0, 32), st.integers(0, 25),
                  st.integers(0, 60), st.sampled_from(["", "Z", "+01:00", "-23:59", "+99:00"])))),
    st.text(max_size=30))
BODIES = st.one_of(st.binary(max_size=600),
                   st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
                   st.text(max_size=300))
ENCODINGS = st.sampled_from(["utf-8", "cp1252", "utf-16", "utf-8-sig", "latin-1"])


def _encode(header, body, encoding):
    text = header + " " + body if isinstance(body, str) else None
    if text is None:
        return header.encode("utf-8", "surrogatepass") + body
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def file_steps(tmp_path_factory, handler_and_nlp):
    from transforms.extract.transform import Extractors, _ExtractFn
    from transforms.read.transform import _ReadAndParseFn

    run = {**RUN, "started_at": dt.datetime(2026, 1, 1)}
    extract = _ExtractFn(Extractors(), timeout=30.0)
    extract.setup()
    return tmp_path_factory.mktemp("files"), _ReadAndParseFn(2000, run), extract


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(HEADERS, BODIES, ENCODINGS)
def test_no_file_makes_the_per_file_steps_raise(file_steps, handler_and_nlp, header, body,
                                                encoding):
    from apache_beam.pvalue import TaggedOutput

    folder, read, extract = file_steps
    handler, nlp = handler_and_nlp
    path = folder / "f.txt"
    data = _encode(header, body, encoding)
    path.write_bytes(data)
    outputs = list(read.process((str(path), len(data), 1.0)))
    tags = sorted(o.tag if isinstance(o, TaggedOutput) else "articles" for o in outputs)
    assert tags in (["articles", "ledger"], ["errors", "ledger"])
    ledger_row = next(o.value for o in outputs if isinstance(o, TaggedOutput) and o.tag == "ledger")
    assert ledger_row["reason"] != "parse_failed"  # the guard is for bugs, not for input
    articles = [o for o in outputs if not isinstance(o, TaggedOutput)]
    assert ledger_row["status"] == ("parsed" if articles else "rejected")
    for article in articles:
        (result,) = handler.run_inference([article], nlp)
        if isinstance(result.inference, Exception):
            continue  # an nlp_failed row: allowed, but not raised
        for out in extract.process(result.inference):
            if isinstance(out, TaggedOutput) and out.tag == "errors":
                assert out.value["reason"] != "extractor_failed", out.value["message"]
