"""Where an event happens, on hand-built Docs: the place errors of issue #11's blind
audit (a place named in the sentence left empty, a place of another clause taken)."""

from tests.test_events_rules import name, one, sentence

P = "punct"


def test_in_der_naehe_von_x_is_a_place():
    events = sentence([
        ("Sie", "sie", "PRON", "nsubj:pass", 7, "PronType=Prs"), ("waren", "sein", "AUX", "aux", 7),
        ("in", "in", "ADP", "case", 4), ("der", "der", "DET", "det", 4),
        ("Nähe", "Nähe", "NOUN", "obl", 7), ("von", "von", "ADP", "case", 6),
        ("Sabratha", "Sabratha", "PROPN", "nmod", 4),
        ("entführt", "entführen", "VERB", "ROOT", 7, "VerbForm=Part", "VVPP"),
        ("worden", "werden", "AUX", "aux:pass", 7), (".", ".", "PUNCT", P, 7)],
        ents=[(6, 7, "LOC")])
    assert name(one(events, "CRIME")["location"]) == "Sabratha"


def test_a_place_of_another_clause_is_not_the_events():
    # "..., vor das Gericht in Karlsruhe zu ziehen, falls die Regierung Truppen entsendet"
    events = sentence([
        ("Sie", "sie", "PRON", "nsubj", 5, "PronType=Prs"), ("wollen", "wollen", "AUX", "aux", 5),
        ("in", "in", "ADP", "case", 3), ("Karlsruhe", "Karlsruhe", "PROPN", "obl", 5),
        ("klagen", "klagen", "VERB", "xcomp", 5), ("ziehen", "ziehen", "VERB", "ROOT", 5),
        (",", ",", "PUNCT", P, 10), ("falls", "falls", "SCONJ", "mark", 10),
        ("die", "der", "DET", "det", 9), ("Regierung", "Regierung", "NOUN", "nsubj", 10),
        ("Soldaten", "Soldat", "NOUN", "obj", 11),
        ("entsendet", "entsenden", "VERB", "advcl", 5), (".", ".", "PUNCT", P, 5)],
        ents=[(3, 4, "LOC")])
    e = one(events, "MOBILIZE")
    assert (e["location"], e["modality"]) == (None, "conditional")


def test_where_somebody_comes_from_is_not_where_it_happens():
    events = sentence([
        ("Neonazis", "Neonazi", "NOUN", "nsubj", 3), ("aus", "aus", "ADP", "case", 2),
        ("Thüringen", "Thüringen", "PROPN", "nmod", 0),
        ("griffen", "greifen", "VERB", "ROOT", 3), ("Politiker", "Politiker", "NOUN", "obj", 3),
        ("an", "an", "ADP", "compound:prt", 3, "", "PTKVZ"), (".", ".", "PUNCT", P, 3)],
        ents=[(2, 3, "LOC")])
    assert one(events, "ASSAULT")["location"] is None


def test_without_a_parse_a_place_of_the_sentence_still_counts():
    events = sentence([
        ("Putin", "Putin", "PROPN", "", 0), ("traf", "treffen", "VERB", "", 0),
        ("Kim", "Kim", "PROPN", "", 0), ("in", "in", "ADP", "", 0),
        ("Moskau", "Moskau", "PROPN", "", 0), (".", ".", "PUNCT", "", 0)],
        ents=[(0, 1, "PER"), (2, 3, "PER"), (4, 5, "LOC")], parse=False)
    assert name(one(events, "CONSULT")["location"]) == "Moskau"
