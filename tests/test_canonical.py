"""Canonical-name resolution on Docs built by hand: no model needed."""

from transforms.entities.canonical import entity_key, resolve
from transforms.nlp.annotated import make_doc


def by_name(entities):
    return {e.canonical_name: e for e in entities}


def sent_starts(words):
    return [i == 0 or words[i - 1] == "." for i in range(len(words))]


def test_short_and_genitive_forms_resolve_to_the_full_name():
    words = ["Wladimir", "Putin", "kam", ".", "Putin", "sprach", ".", "Putins", "Rede", "."]
    doc = make_doc(words, sent_starts=sent_starts(words),
                   ents=[(0, 2, "PER"), (4, 5, "PER"), (7, 8, "PER")])
    entities = by_name(resolve(doc))
    assert list(entities) == ["Wladimir Putin"]
    putin = entities["Wladimir Putin"]
    assert [m.text for m in putin.mentions] == ["Wladimir Putin", "Putin", "Putins"]
    assert [m.sentence for m in putin.mentions] == [0, 1, 2]
    assert [doc.text[m.start:m.end] for m in putin.mentions] == [m.text for m in putin.mentions]
    assert putin.mentions[1].start == doc.text.index("Putin sprach")


def test_genitive_alone_resolves_when_the_full_name_occurs():
    words = ["Wladimir", "Putin", "kam", ".", "Putins", "Rede", "."]
    doc = make_doc(words, sent_starts=sent_starts(words), ents=[(0, 2, "PER"), (4, 5, "PER")])
    assert list(by_name(resolve(doc))) == ["Wladimir Putin"]


def test_gazetteer_id_gives_the_canonical_name_and_the_label():
    words = ["Russlands", "Armee", "und", "Russland", "."]
    doc = make_doc(words, ents=[(0, 1, "ORG", "Russland"), (3, 4, "LOC", "Russland")])
    (entity,) = resolve(doc)
    assert entity.canonical_name == "Russland"
    assert entity.label == "LOC" or entity.label == "ORG"
    # the gazetteer's label wins over the model's; here both mentions are gazetteer ones,
    # so the majority among them decides and the first mention breaks the tie
    assert entity.label == "ORG"


def test_one_label_per_entity_gazetteer_first_then_majority():
    words = ["Peskow", "sagte", ".", "Peskow", "kam", ".", "Peskow", "ging", "."]
    doc = make_doc(words, sent_starts=sent_starts(words),
                   ents=[(0, 1, "PER"), (3, 4, "ORG"), (6, 7, "PER")])
    (entity,) = resolve(doc)
    assert entity.label == "PER" and len(entity.mentions) == 3

    words = ["Nowosti", "meldet", ".", "Nowosti", "sagt", "."]
    doc = make_doc(words, sent_starts=sent_starts(words),
                   ents=[(0, 1, "PER"), (3, 4, "ORG", "Nowosti")])
    (entity,) = resolve(doc)
    assert entity.label == "ORG"


def test_a_span_across_sentences_is_dropped():
    words = ["Er", "traf", "Kim", ".", "Jong", "kam", "."]
    doc = make_doc(words, sent_starts=sent_starts(words), ents=[(2, 5, "PER")])
    assert resolve(doc) == []


def test_unnamed_repeats_become_mentions_but_not_after_an_article():
    words = ["Putin", "und", "Kim", "kamen", ".", "Wladimir", "Putin", "traf", "Kim", "Jong",
             "Un", ".", "Die", "Kim", "ist", "."]
    pos = ["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "PROPN",
           "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "AUX", "PUNCT"]
    doc = make_doc(words, pos=pos, sent_starts=sent_starts(words),
                   ents=[(5, 7, "PER"), (8, 11, "PER")])
    entities = by_name(resolve(doc))
    assert [m.text for m in entities["Wladimir Putin"].mentions] == ["Putin", "Wladimir Putin"]
    kim = entities["Kim Jong Un"]
    assert [m.text for m in kim.mentions] == ["Kim", "Kim Jong Un"]  # not "Die Kim"
    assert kim.mentions[0].start == doc.text.index("Kim kamen")


def test_ambiguous_short_name_stays_as_written():
    words = ["Kim", "Jong", "Un", "und", "Kim", "Yo", "Jong", "sowie", "Kim", "."]
    doc = make_doc(words, ents=[(0, 3, "PER"), (4, 7, "PER"), (8, 9, "PER")])
    assert "Kim" in by_name(resolve(doc))


def test_entity_key_is_stable_and_depends_on_label_and_name():
    assert entity_key("PER", "Wladimir Putin") == entity_key("PER", "wladimir putin")
    assert entity_key("PER", "Wladimir Putin") != entity_key("LOC", "Wladimir Putin")
    assert len(entity_key("LOC", "Russland")) == 16


def test_trimming_keeps_brackets_balanced():
    words = ["Er", "kam", "nach", "Frankfurt", "(", "Main", ")", "und", "Halle", "(", "."]
    spaces = [True, True, True, True, False, False, True, True, True, False, False]
    doc = make_doc(words, spaces=spaces, ents=[(3, 6, "LOC"), (8, 10, "LOC")])
    assert [e.canonical_name for e in resolve(doc)] == ["Frankfurt (Main)", "Halle"]
    doc = make_doc(words, spaces=spaces, ents=[(3, 7, "LOC")])
    assert [e.canonical_name for e in resolve(doc)] == ["Frankfurt (Main)"]


def test_case_variants_are_one_entity_with_one_row():
    from transforms.entities.rows import entity_rows
    from transforms.extract.context import ArticleContext
    words = ["Die", "Wiener", "Linien", "GmbH.", "fährt", ".", "Die", "WIENER", "LINIEN",
             "GmbH.", "hält", "."]
    doc = make_doc(words, sent_starts=sent_starts(words), ents=[(1, 4, "ORG"), (7, 10, "ORG")])
    (entity,) = resolve(doc)
    assert entity.canonical_name == "Wiener Linien GmbH." and len(entity.mentions) == 2
    row = {"article_id": "a", "lead_end": 0, "source_uri": "a.txt", "month": "2020-01",
           "model": "m", "pipeline_version": "v", "run_id": "r"}
    from transforms.entities.identity import local_keys
    entities = resolve(doc)
    rows = entity_rows(ArticleContext(row, doc, entities, lexicon=None, geo={},
                                      identity=local_keys(doc, entities, {})))
    assert len({(r["article_id"], r["entity_key"]) for r in rows}) == len(rows) == 1
