"""The gazetteer and the news-name patterns, on hand-built Docs and the rule pipeline."""

import pytest

from transforms.nlp import gazetteer
from transforms.nlp.annotated import make_doc
from transforms.nlp.handler import split_text


@pytest.fixture(scope="module")
def gazetteer_component(rules_nlp):
    return rules_nlp.get_pipe(gazetteer.FACTORY)


def ents(doc):
    return [(e.text, e.label_, e.id_) for e in doc.ents]


def test_gazetteer_relabels_what_it_knows_better(gazetteer_component):
    words = ["Nach", "Angaben", "von", "Ria", "Nowosti", "reiste", "er", "nach", "Russland", "."]
    doc = make_doc(words, ents=[(3, 5, "PER")])
    assert ents(gazetteer_component(doc)) == [("Ria Nowosti", "ORG", "RIA Nowosti"),
                                              ("Russland", "LOC", "Russland")]


def test_gazetteer_leaves_a_longer_name_alone_but_trims_common_nouns(gazetteer_component):
    words = ["Wladimir", "Putin", "und", "Südkoreas", "Militär", "."]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "NOUN", "PUNCT"]
    doc = make_doc(words, pos=pos, ents=[(0, 2, "PER"), (3, 5, "PER")])
    assert ents(gazetteer_component(doc)) == [("Wladimir Putin", "PER", ""),
                                              ("Südkoreas", "LOC", "Südkorea")]


def test_gazetteer_has_german_names_and_genitives():
    forms = {p["pattern"]: p for p in gazetteer.patterns()}
    assert forms["Russlands"]["id"] == "Russland"
    assert forms["Russische Föderation"]["id"] == "Russland"
    assert forms["Moskau"]["label"] == "LOC"
    assert forms["Frankreich"]["label"] == "LOC"  # from pycountry's German names
    assert "Essen" not in forms  # a German word far more often than a city
    assert "Dabei" not in forms  # a city's alternate name, and a German adverb
    assert forms["Vereinigten Staaten"]["id"] == "Vereinigte Staaten"


@pytest.mark.parametrize("text,expected", [
    ("Der russische Präsident Wladimir Putin sprach.", [("Wladimir Putin", "PER")]),
    ("Er traf den Präsidenten Wladimir Putin.", [("Wladimir Putin", "PER")]),
    ("Das meldete die Nachrichtenagentur RIA Nowosti am Montag.", [("RIA Nowosti", "ORG")]),
    ("Kreml-Sprecher Dmitri Peskow sagte das.", [("Kreml", "ORG"), ("Dmitri Peskow", "PER")]),
    ("Der Präsident Frankreichs kam.", [("Frankreichs", "LOC")]),
    ("Der Präsident Regierung sagte am Montag nichts.", []),
])
def test_rule_pipeline_names(rules_nlp, text, expected):
    assert [(e.text, e.label_) for e in rules_nlp(text).ents] == expected


@pytest.mark.parametrize("limit", [5, 17, 40, 1000])
def test_split_text_pieces_concatenate_and_respect_the_limit(limit):
    text = "Erster Absatz hier.\n\nZweiter Absatz, etwas länger als der erste.\n\nDritter."
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces)


def test_gazetteer_never_shortens_a_longer_name_that_holds_a_place(gazetteer_component):
    words = ["Die", "Universität", "Wien", "und", "der", "SC", "Freiburg", "klagen", "."]
    pos = ["DET", "NOUN", "PROPN", "CCONJ", "DET", "NOUN", "PROPN", "VERB", "PUNCT"]
    doc = make_doc(words, pos=pos, ents=[(1, 3, "ORG"), (5, 7, "ORG")])
    assert ents(gazetteer_component(doc)) == [("Universität Wien", "ORG", ""),
                                              ("SC Freiburg", "ORG", "")]


def test_a_city_name_adds_but_never_relabels(gazetteer_component):
    # "Toyota" is a city of 400,000 and a carmaker: the model's ORG stands
    words = ["Toyota", "baut", "in", "Derby", ",", "das", "Derby", "fiel", "aus", "."]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "ADP", "PUNCT"]
    doc = make_doc(words, pos=pos, ents=[(0, 1, "ORG")])
    assert ents(gazetteer_component(doc)) == [("Toyota", "ORG", ""), ("Derby", "LOC", "Derby")]


def test_city_alternate_names_are_german_exonyms_only():
    forms = {p["pattern"]: p for p in gazetteer.patterns()}
    for exonym in ("Moskau", "Peking", "Wien", "Genf"):
        assert forms[exonym]["label"] == "LOC", exonym
    # words, surnames and a genitive that is another name
    for word in ("Gold", "Pest", "Rest", "Klang", "Stalin", "Hamas", "Landen", "Ofen"):
        assert word not in forms, word
    assert forms["Berlins"]["id"] == "Berlin"  # German's lemma table lists this genitive


@pytest.mark.parametrize("text,expected", [
    ("Der frühere Präsident George W. Bush kam.", [("George W. Bush", "PER")]),
    ("Papst Johannes Paul II. besuchte Polen.", [("Johannes Paul II.", "PER"),
                                                 ("Polen", "LOC")]),
])
def test_name_patterns_keep_initials_and_ordinals(rules_nlp, text, expected):
    assert [(e.text, e.label_) for e in rules_nlp(text).ents] == expected


def test_a_pattern_never_cuts_the_end_off_a_model_name(rules_nlp):
    from transforms.nlp import news_patterns
    words = ["Präsident", "George", "W.", "Bush", "kam", "."]
    doc = make_doc(words, ents=[(0, 4, "PER")])  # the model took the role noun in
    doc = news_patterns.NewsPatterns(rules_nlp)(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("George W. Bush", "PER")]
