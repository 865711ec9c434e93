"""The spaCy step: the ModelHandler, chunking, and the seed article with a real model."""

import re

import pytest

from tests.conftest import EXAMPLES, SEED_000
from transforms.entities.rows import entity_rows
from transforms.extract.context import build as article_context
from transforms.nlp import model as nlp_model
from transforms.nlp.handler import SpacyModelHandler
from transforms.read.feed import parse_article
from transforms.read.rows import article_row

RUN = {"run_id": "t", "pipeline_version": "test", "model": "m"}


def seed_row(article_id=SEED_000):
    path = EXAMPLES / f"{article_id}.txt"
    return article_row(parse_article(path.read_bytes(), str(path)), RUN)


def annotate(handler, nlp, rows):
    return [r.inference for r in handler.run_inference(rows, nlp)]


def test_chunked_text_keeps_offsets_and_entities(rules_nlp):
    row = seed_row()
    whole = annotate(SpacyModelHandler(nlp_model.RULES, "test"), rules_nlp, [row])[0]
    chunked = annotate(SpacyModelHandler(nlp_model.RULES, "test", max_chunk_chars=600),
                       rules_nlp, [row])[0]
    assert "".join(w + (" " if s else "") for w, s in zip(chunked["words"], chunked["spaces"])) \
        == row["text"]
    as_set = lambda rows: {(e["canonical_name"], e["label"], e["mention_count"]) for e in rows}
    assert as_set(entity_rows(article_context(chunked))) == as_set(entity_rows(article_context(whole)))
    for entity in entity_rows(article_context(chunked)):
        for m in entity["mentions"]:
            assert row["text"][m["start"]:m["end"]] == m["text"]


def test_an_article_the_model_fails_on_is_isolated(rules_nlp):
    class Exploding:
        def __init__(self, nlp):
            self.nlp, self.max_length, self.pipe_names, self.meta = \
                nlp, nlp.max_length, nlp.pipe_names, nlp.meta

        def pipe(self, texts, batch_size=None):
            for text in texts:
                if "BOOM" in text:
                    raise ValueError("model failure")
                yield None if "GARBLED" in text else self.nlp(text)

    good, bad = seed_row(), dict(seed_row(), article_id="bad", text="BOOM. Text.")
    garbled = dict(seed_row(), article_id="garbled", text="GARBLED. Text.")
    results = annotate(SpacyModelHandler(nlp_model.RULES, "test"), Exploding(rules_nlp),
                       [good, bad, garbled, good])
    assert results[0]["article_id"] == good["article_id"] and results[0]["words"]
    assert isinstance(results[1], ValueError)
    # the model gave something that is no Doc: that article alone fails, in a batch
    # the model got through, and the article after it is still annotated
    results = annotate(SpacyModelHandler(nlp_model.RULES, "test"), Exploding(rules_nlp),
                       [good, garbled, good])
    assert isinstance(results[1], Exception)
    assert results[0]["words"] == results[2]["words"] and results[2]["words"]


@pytest.mark.model
def test_seed_000_entities_with_the_statistical_model(stat_nlp, stat_model_name):
    row = seed_row()
    annotated = annotate(SpacyModelHandler(stat_model_name, "test"), stat_nlp, [row])[0]
    assert annotated["has_parse"] and annotated["label_scheme"] in ("ud", "tiger")
    entities = entity_rows(article_context(annotated))
    by_key = {}
    for e in entities:
        by_key.setdefault((e["canonical_name"], e["label"]), []).append(e)
    text = row["text"]
    for name, label, forms in [("Kim Jong Un", "PER", r"\bKims?\b"),
                               ("Wladimir Putin", "PER", r"\bPutins?\b"),
                               ("Wostotschny", "LOC", None)]:
        assert len(by_key.get((name, label), [])) == 1, (name, sorted(by_key))
        entity = by_key[(name, label)][0]
        if forms:  # every occurrence of the name in the text lies in one of its mentions
            spans = [(m["start"], m["end"]) for m in entity["mentions"]]
            missed = [(o.start(), text[o.start() - 20:o.end() + 20])
                      for o in re.finditer(forms, text)
                      if not any(s <= o.start() < e for s, e in spans)]
            assert not missed, (name, missed)
        assert entity["in_lead"]
    names = {e["canonical_name"] for e in entities}
    assert "Russlands" not in names and "Putins" not in names


@pytest.fixture(scope="module")
def seed_events(stat_nlp, stat_model_name):
    from transforms.events.rows import event_rows
    out = {}
    for article_id in (SEED_000, "004_cf3571c0e23879cb"):
        annotated = annotate(SpacyModelHandler(stat_model_name, "test"), stat_nlp,
                             [seed_row(article_id)])[0]
        out[article_id] = event_rows(article_context(annotated))
    return out


def _arg(arg):
    return None if arg is None else (arg["canonical_name"] or arg["text"])


@pytest.mark.model
def test_seed_events_with_the_statistical_model(seed_events):
    first = seed_events[SEED_000]
    meet = [e for e in first if (e["event_type"], e["event_mode"]) == ("CONSULT", "meet")
            and {_arg(e["actor1"]), _arg(e["actor2"])} == {"Kim Jong Un", "Wladimir Putin"}
            and _arg(e["location"]) == "Wostotschny"]
    assert meet and meet[0]["modality"] == "asserted"

    launch = [e for e in first if (e["event_type"], e["event_mode"]) == ("MOBILIZE", "weapons test")
              and _arg(e["actor1"]) == "Nordkorea" and e["trigger_lemma"] == "abfeuern"]
    assert launch and launch[0]["modality"] == "reported"
    assert _arg(launch[0]["source"]) == "Südkorea"

    deliveries = [e for e in first if e["event_type"] == "AID" and e["trigger_lemma"] == "liefern"
                  and _arg(e["actor1"]) == "Nordkorea"]
    assert deliveries and {e["modality"] for e in deliveries} == {"speculative"}
    assert all(e["event_mode"] == "military" for e in deliveries)

    second = seed_events["004_cf3571c0e23879cb"]
    planned = [e for e in second if (e["event_type"], e["event_mode"]) == ("CONSULT", "meet")
               and e["modality"] == "planned"]
    assert planned and _arg(planned[0]["source"]) == "Dmitri Peskow"


@pytest.mark.model
def test_no_hedged_event_is_asserted_and_every_offset_is_in_the_text(seed_events):
    for article_id, events in seed_events.items():
        text = seed_row(article_id)["text"]
        for e in events:
            assert text[e["trigger_start"]:e["trigger_end"]] in e["trigger_text"]
            evidence = text[e["evidence_start"]:e["evidence_end"]]
            for key in ("actor1", "actor2", "location", "source"):
                if e[key]:
                    assert text[e[key]["start"]:e[key]["end"]] == e[key]["text"]
            hedges = {"könnte", "könnten", "dürfte", "vermutlich", "womöglich",
                      "möglicherweise", "wahrscheinlich"}
            if e["event_type"] != "STATEMENT" and hedges & set(evidence.split()):
                assert e["modality"] != "asserted", evidence


@pytest.mark.parametrize("model", ["rules", "statistical"])
def test_the_row_carries_its_doc_in_process_and_the_rows_are_those_of_the_rebuilt_doc(
        model, rules_nlp, request):
    """In the worker that annotated it the extract step reads the model's Doc, and the
    token columns are not made; pickled (another process), the row is the plain,
    complete row and the Doc is rebuilt from its columns: every extractor gives the
    same rows either way."""
    import pickle

    from transforms.events.rows import event_rows
    from transforms.nlp.annotated import annotated_row
    from transforms.quotes.rows import quote_rows
    if model == "rules":
        name, nlp = nlp_model.RULES, rules_nlp
    else:
        name, nlp = (request.getfixturevalue("stat_model_name"),
                     request.getfixturevalue("stat_nlp"))
    for article_id in (SEED_000, "004_cf3571c0e23879cb"):
        annotated = annotate(SpacyModelHandler(name, "test"), nlp, [seed_row(article_id)])[0]
        if model == "rules":  # an unparsed Doc is never carried (see the test below)
            assert annotated.doc is None and "words" in annotated
            continue
        assert annotated.doc is not None and annotated.doc.text == annotated["text"]
        assert "words" not in annotated
        for extract in (entity_rows, event_rows, quote_rows):
            extract(article_context(annotated))
        assert "words" not in annotated  # the extractors read the Doc
        plain = pickle.loads(pickle.dumps(annotated))
        assert type(plain) is dict and plain == annotated
        assert plain == annotated_row(seed_row(article_id), [annotated.doc], nlp)
        for extract in (entity_rows, event_rows, quote_rows):
            assert extract(article_context(annotated)) == extract(article_context(plain))


def test_an_unparsed_article_with_a_double_space_goes_through_every_extractor(rules_nlp):
    # spaCy's own unparsed Doc crashed the process when an extractor walked the children
    # of a whitespace token; the NLP step's row must give the extractors a sound Doc.
    row = seed_row()
    text = "Der Minister kam,  sagte er, und ging.  Die Polizei nahm  zwei Männer fest."
    row = {**row, "text": text, "lead": "", "paragraphs": [{"start": 0, "end": len(text),
                                                            "kind": "body"}]}
    annotated = annotate(SpacyModelHandler(nlp_model.RULES, "test"), rules_nlp, [row])[0]
    article = article_context(annotated)
    assert any(t.is_space for t in article.doc)
    assert sum(len(list(t.children)) for t in article.doc) == 0  # no parse, no tree
    from transforms.events.rows import event_rows
    from transforms.quotes.rows import quote_rows
    event_rows(article)
    quote_rows(article)
