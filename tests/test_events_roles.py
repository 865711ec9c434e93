"""Who acts and on whom, on hand-built Docs: the role errors of issue #11's blind audit
(the arrested or criticised as actor1, an entity of another clause, the content as
actor2). UD unless said; TIGER and no parse where the rule differs."""

from tests.test_events_rules import name, one, sentence

P = "punct"


def test_werden_with_a_participle_is_a_passive_even_when_labelled_plain_aux():
    # "Abu Nabil ist getötet worden" with "worden" as aux: the patient is no actor1
    events = sentence([
        ("Abu", "Abu", "PROPN", "nsubj", 3), ("Nabil", "Nabil", "PROPN", "flat", 0),
        ("ist", "sein", "AUX", "aux", 3), ("getötet", "töten", "VERB", "ROOT", 3,
                                             "VerbForm=Part", "VVPP"),
        ("worden", "werden", "AUX", "aux", 3, "VerbForm=Part", "VAPP"),
        (".", ".", "PUNCT", P, 3)], ents=[(0, 2, "PER")])
    e = one(events, "ASSAULT")
    assert (e["actor1"], name(e["actor2"])) == (None, "Abu Nabil")


def test_a_relative_pronoun_stands_for_its_noun():
    events = sentence([
        ("Syrer", "Syrer", "NOUN", "ROOT", 0), (",", ",", "PUNCT", P, 3),
        ("die", "der", "PRON", "nsubj:pass", 3, "PronType=Dem,Rel", "PRELS"),
        ("abgeschoben", "abschieben", "VERB", "acl", 0, "VerbForm=Part", "VVPP"),
        ("werden", "werden", "AUX", "aux", 3), (".", ".", "PUNCT", P, 0)])
    e = one(events, "COERCE")
    assert (e["actor1"], e["actor2"]["text"]) == (None, "Syrer")


def test_a_relative_pronoun_in_tiger():
    events = sentence([
        ("Männer", "Mann", "NOUN", "ROOT", 0), (",", ",", "PUNCT", "punct", 0),
        ("die", "der", "PRON", "sb", 4, "PronType=Rel", "PRELS"),
        ("Kim", "Kim", "PROPN", "oa", 4),
        ("trafen", "treffen", "VERB", "rc", 0), (".", ".", "PUNCT", "punct", 0)],
        ents=[(3, 4, "PER")], scheme="tiger")
    e = one(events, "CONSULT")
    assert (e["actor1"]["text"], name(e["actor2"])) == ("Männer", "Kim")


def test_a_coordinated_verb_shares_the_subject():
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Regierung", "Regierung", "NOUN", "nsubj", 2),
        ("bekennt", "bekennen", "VERB", "ROOT", 2), ("sich", "sich", "PRON", "obj", 2, "Reflex=Yes"),
        ("und", "und", "CCONJ", "cc", 5), ("unterstützt", "unterstützen", "VERB", "conj", 2),
        ("die", "der", "DET", "det", 7), ("Opposition", "Opposition", "NOUN", "obj", 5),
        (".", ".", "PUNCT", P, 2)])
    e = one(events, "SUPPORT")
    assert (e["actor1"]["text"], e["actor2"]["text"]) == ("Die Regierung", "die Opposition")


def test_an_infinitive_clause_takes_its_controller():
    # "fordern die Seite auf, sich zurückzuziehen": the addressee withdraws
    events = sentence([
        ("Wir", "wir", "PRON", "nsubj", 1, "PronType=Prs"), ("fordern", "fordern", "VERB", "ROOT", 1),
        ("die", "der", "DET", "det", 3), ("Armee", "Armee", "NOUN", "obj", 1),
        ("auf", "auf", "ADP", "compound:prt", 1, "", "PTKVZ"), (",", ",", "PUNCT", P, 6),
        ("zurückzuziehen", "zurückziehen", "VERB", "xcomp", 1, "VerbForm=Inf", "VVIZU"),
        (".", ".", "PUNCT", P, 1)])
    assert one(events, "RETREAT")["actor1"]["text"] == "die Armee"


def test_a_patient_genitive_and_an_agent_genitive():
    released = sentence([
        ("Die", "der", "DET", "det", 1), ("Freilassung", "Freilassung", "NOUN", "nsubj", 4),
        ("von", "von", "ADP", "case", 3), ("Chrobog", "Chrobog", "PROPN", "nmod", 1),
        ("dauerte", "dauern", "VERB", "ROOT", 4), (".", ".", "PUNCT", P, 4)],
        ents=[(3, 4, "PER")])
    e = one(released, "CONCEDE")
    assert (e["actor1"], name(e["actor2"])) == (None, "Chrobog")
    # what is investigated cannot act: no actor1
    probe = sentence([
        ("Sie", "sie", "PRON", "nsubj", 1, "PronType=Prs"), ("fordern", "fordern", "VERB", "ROOT", 1),
        ("eine", "ein", "DET", "det", 3), ("Untersuchung", "Untersuchung", "NOUN", "obj", 1),
        ("des", "der", "DET", "det", 5, "Case=Gen"), ("Vorfalls", "Vorfall", "NOUN", "nmod", 3,
                                                       "Case=Gen"),
        (".", ".", "PUNCT", P, 1)])
    assert one(probe, "INVESTIGATE")["actor1"] is None


def test_only_a_support_verb_lends_its_subject_to_its_noun():
    voiced = sentence([
        ("Die", "der", "DET", "det", 1), ("Opposition", "Opposition", "NOUN", "nsubj", 2),
        ("übte", "üben", "VERB", "ROOT", 2), ("Kritik", "Kritik", "NOUN", "obj", 2),
        (".", ".", "PUNCT", P, 2)])
    assert one(voiced, "DISAPPROVE")["actor1"]["text"] == "Die Opposition"
    rejected = sentence([
        ("Die", "der", "DET", "det", 1), ("Regierung", "Regierung", "NOUN", "nsubj", 2),
        ("wies", "weisen", "VERB", "ROOT", 2), ("die", "der", "DET", "det", 4),
        ("Kritik", "Kritik", "NOUN", "obj", 2), ("zurück", "zurück", "ADP", "compound:prt", 2,
                                                 "", "PTKVZ"),
        (".", ".", "PUNCT", P, 2)])
    assert one(rejected, "DISAPPROVE")["actor1"] is None
    assert one(rejected, "REJECT")["actor2"] is None  # the criticism is content, no target


def test_the_possessive_of_a_nominal_trigger_through_coreference():
    events = sentence([
        ("Kerry", "Kerry", "PROPN", "nsubj", 1), ("lobte", "loben", "VERB", "ROOT", 1),
        ("bei", "bei", "ADP", "case", 4), ("seinem", "sein", "DET", "det:poss", 4,
                                           "Gender[psor]=Masc|Number[psor]=Sing|Poss=Yes"),
        ("Besuch", "Besuch", "NOUN", "obl", 1), ("Ägypten", "Ägypten", "PROPN", "obj", 1),
        (".", ".", "PUNCT", P, 1)], ents=[(0, 1, "PER"), (5, 6, "LOC")])
    assert name(one(events, "CONSULT")["actor1"]) == "Kerry"


def test_a_dateline_is_no_actor():
    events = sentence([
        ("Sydney", "Sydney", "PROPN", "nsubj", 3), ("–", "–", "PUNCT", P, 0),
        ("Ein", "ein", "DET", "det", 3), ("Mann", "Mann", "NOUN", "nsubj:pass", 5),
        ("wurde", "werden", "AUX", "aux:pass", 5),
        ("festgenommen", "festnehmen", "VERB", "ROOT", 5, "VerbForm=Part", "VVPP"),
        (".", ".", "PUNCT", P, 5)], ents=[(0, 1, "LOC")])
    e = one(events, "COERCE")
    assert (e["actor1"], e["actor2"]["text"]) == (None, "Ein Mann")


def test_no_name_of_another_clause_stands_in_for_a_passive_or_a_noun():
    events = sentence([
        ("Vučić", "Vučić", "PROPN", "nsubj", 1), ("sprach", "sprechen", "VERB", "ROOT", 1),
        ("nach", "nach", "ADP", "case", 4), ("den", "der", "DET", "det", 4),
        ("Anschlägen", "Anschlag", "NOUN", "obl", 1), (".", ".", "PUNCT", P, 1)],
        ents=[(0, 1, "PER")])
    assert one(events, "ASSAULT")["actor1"] is None


def test_a_finite_verb_whose_subject_the_parse_lost_takes_the_name_of_its_clause():
    events = sentence([
        ("Dann", "dann", "ADV", "advmod", 5), ("hat", "haben", "AUX", "det", 2),
        ("Nordkorea", "Nordkorea", "PROPN", "nmod", 0), ("eine", "ein", "DET", "det", 4),
        ("Rakete", "Rakete", "NOUN", "obj", 5), ("abgefeuert", "abfeuern", "VERB", "ROOT", 5),
        (".", ".", "PUNCT", P, 5)], ents=[(2, 3, "LOC")])
    assert name(one(events, "MOBILIZE")["actor1"]) == "Nordkorea"


def test_without_a_parse_the_nearest_names_still_stand_in():
    events = sentence([
        ("Vučić", "Vučić", "PROPN", "", 0), ("kritisierte", "kritisieren", "VERB", "", 0),
        ("Orbán", "Orbán", "PROPN", "", 0), (".", ".", "PUNCT", "", 0)],
        ents=[(0, 1, "PER"), (2, 3, "PER")], parse=False)
    e = one(events, "DISAPPROVE")
    assert (name(e["actor1"]), name(e["actor2"])) == ("Vučić", "Orbán")


def test_a_dative_parsed_as_an_oblique_is_actor2():
    events = sentence([
        ("Kammenos", "Kammenos", "PROPN", "nsubj", 1), ("warf", "werfen", "VERB", "ROOT", 1),
        ("der", "der", "DET", "det", 3), ("Türkei", "Türkei", "PROPN", "obl:arg", 1, "Case=Dat"),
        ("vor", "vor", "ADP", "compound:prt", 1, "", "PTKVZ"), (".", ".", "PUNCT", P, 1)],
        ents=[(0, 1, "PER"), (3, 4, "LOC")])
    e = one(events, "DISAPPROVE")
    assert (name(e["actor1"]), name(e["actor2"])) == ("Kammenos", "Türkei")


def test_a_participle_with_an_agent_is_a_passive():
    # "FPÖ und ÖVP, unterstützt von Neos, ..."
    events = sentence([
        ("FPÖ", "FPÖ", "PROPN", "ROOT", 0), (",", ",", "PUNCT", P, 2),
        ("unterstützt", "unterstützen", "VERB", "acl", 0, "VerbForm=Part", "VVPP"),
        ("von", "von", "ADP", "case", 4), ("Neos", "Neos", "PROPN", "obl", 2),
        (".", ".", "PUNCT", P, 0)], ents=[(0, 1, "ORG"), (4, 5, "ORG")])
    assert name(one(events, "SUPPORT")["actor1"]) == "Neos"


def test_a_possessive_in_the_object_binds_to_the_subject_unless_the_verb_answers_it():
    own = sentence([
        ("Ansar", "Ansar", "PROPN", "nsubj", 2), ("Dine", "Dine", "PROPN", "flat", 0),
        ("konzentrierte", "konzentrieren", "VERB", "ROOT", 2),
        ("ihre", "ihr", "DET", "det:poss", 4, "Number[psor]=Plur|Poss=Yes"),
        ("Angriffe", "Angriff", "NOUN", "obj", 2), (".", ".", "PUNCT", P, 2)],
        ents=[(0, 2, "ORG")])
    assert name(one(own, "ASSAULT")["actor1"]) == "Ansar Dine"
    answered = sentence([
        ("Die", "der", "DET", "det", 1), ("Regierung", "Regierung", "NOUN", "nsubj", 2),
        ("wies", "weisen", "VERB", "ROOT", 2),
        ("ihre", "ihr", "DET", "det:poss", 4, "Number[psor]=Plur|Poss=Yes"),
        ("Kritik", "Kritik", "NOUN", "obj", 2), ("zurück", "zurück", "ADP", "compound:prt", 2,
                                                 "", "PTKVZ"),
        (".", ".", "PUNCT", P, 2)])
    assert one(answered, "DISAPPROVE")["actor1"] is None


def test_a_genitive_after_coordinated_nouns_belongs_to_each():
    events = sentence([
        ("Kundgebungen", "Kundgebung", "NOUN", "nsubj", 5), ("und", "und", "CCONJ", "cc", 2),
        ("Demonstrationen", "Demonstration", "NOUN", "conj", 0),
        ("der", "der", "DET", "det", 4, "Case=Gen"), ("Anhänger", "Anhänger", "NOUN", "nmod", 2,
                                                      "Case=Gen"),
        ("begannen", "beginnen", "VERB", "ROOT", 5), (".", ".", "PUNCT", P, 5)])
    rally = next(e for e in events if e["trigger_text"] == "Kundgebungen")
    assert rally["actor1"]["text"] == "der Anhänger"


def test_a_passive_whose_patient_the_parse_lost_takes_the_free_name_of_its_sentence():
    events = sentence([
        ("Im", "in", "ADP", "case", 1), ("Irak", "Irak", "PROPN", "obl", 4),
        ("war", "sein", "AUX", "aux", 4, "", "VAFIN"), ("Nabil", "Nabil", "PROPN", "nmod", 1),
        ("getötet", "töten", "VERB", "ROOT", 4, "VerbForm=Part", "VVPP"),
        ("worden", "werden", "AUX", "aux:pass", 4, "VerbForm=Part"), (".", ".", "PUNCT", P, 4)],
        ents=[(1, 2, "LOC"), (3, 4, "PER")])
    e = one(events, "ASSAULT")
    assert (e["actor1"], name(e["actor2"])) == (None, "Nabil")  # not Irak: in a PP


def test_whom_a_passive_accuses_is_its_dative():
    events = sentence([
        ("Gruppen", "Gruppe", "NOUN", "ROOT", 0), (",", ",", "PUNCT", P, 4),
        ("denen", "der", "PRON", "iobj", 4, "Case=Dat|PronType=Rel", "PRELS"),
        ("wurde", "werden", "AUX", "aux:pass", 4, "", "VAFIN"),
        ("vorgeworfen", "vorwerfen", "VERB", "acl", 0, "VerbForm=Part", "VVPP"),
        (".", ".", "PUNCT", P, 0)])
    e = one(events, "DISAPPROVE")
    assert (e["actor1"], e["actor2"]["text"]) == (None, "Gruppen")


def test_a_passive_with_no_name_takes_a_free_noun_of_people_as_patient():
    events = sentence([
        ("Zivilisten", "Zivilist", "NOUN", "ROOT", 0), (",", ",", "PUNCT", P, 4),
        ("wurden", "werden", "AUX", "aux:pass", 4, "", "VAFIN"),
        ("gestern", "gestern", "ADV", "advmod", 4),
        ("getötet", "töten", "VERB", "ccomp", 0, "VerbForm=Part", "VVPP"),
        (".", ".", "PUNCT", P, 0)])
    assert one(events, "ASSAULT")["actor2"]["text"] == "Zivilisten"


def test_an_event_noun_a_tagger_took_for_a_place_is_no_target():
    events = sentence([
        ("Demonstrationen", "Demonstration", "NOUN", "ROOT", 0), ("gegen", "gegen", "ADP", "case", 2),
        ("Wahlbetrug", "Wahlbetrug", "NOUN", "nmod", 0), (".", ".", "PUNCT", P, 0)],
        ents=[(2, 3, "LOC")])
    assert one(events, "PROTEST")["actor2"] is None


def test_a_title_tagged_as_a_name_yields_to_the_person_it_introduces():
    events = sentence([
        ("US-Außenminister", "US-Außenminister", "PROPN", "nsubj", 3),
        ("John", "John", "PROPN", "flat", 0), ("Kerry", "Kerry", "PROPN", "flat", 1),
        ("kritisierte", "kritisieren", "VERB", "ROOT", 3), ("Moskau", "Moskau", "PROPN", "obj", 3),
        (".", ".", "PUNCT", P, 3)], ents=[(0, 1, "LOC"), (1, 3, "PER"), (4, 5, "LOC")])
    assert name(one(events, "DISAPPROVE")["actor1"]) == "John Kerry"


def test_a_participle_coordinated_with_a_passive_one_is_passive():
    # "ist eine Frau festgenommen und eingeliefert worden": no doer, the woman the patient
    events = sentence([
        ("Gnigl", "Gnigl", "PROPN", "obl", 3), ("ist", "sein", "AUX", "aux", 3, "", "VAFIN"),
        ("Frau", "Frau", "NOUN", "nsubj", 3),
        ("festgenommen", "festnehmen", "VERB", "ROOT", 3, "VerbForm=Part", "VVPP"),
        ("und", "und", "CCONJ", "cc", 5),
        ("eingeliefert", "einliefern", "VERB", "conj", 3, "VerbForm=Part", "VVPP"),
        ("worden", "werden", "AUX", "aux:pass", 5, "VerbForm=Part"), (".", ".", "PUNCT", P, 3)],
        ents=[(0, 1, "LOC")])
    e = one(events, "COERCE")
    assert (e["actor1"], e["actor2"]["text"]) == (None, "Frau")


def test_a_nominative_actor_the_parse_made_an_object_is_the_subject():
    # "das unterstützen wir"
    events = sentence([
        ("das", "der", "PRON", "nsubj", 1, "PronType=Dem"),
        ("unterstützen", "unterstützen", "VERB", "ROOT", 1),
        ("wir", "wir", "PRON", "obj", 1, "Case=Nom|PronType=Prs"), (".", ".", "PUNCT", P, 1)])
    e = one(events, "SUPPORT")
    assert (e["actor1"]["text"], e["actor2"]) == ("wir", None)


def test_who_is_called_to_an_act_does_it_and_a_crowd_acts():
    called = sentence([
        ("Sie", "sie", "PRON", "nsubj", 1, "PronType=Prs"), ("rufen", "rufen", "VERB", "ROOT", 1),
        ("die", "der", "DET", "det", 3), ("Beschäftigten", "Beschäftigte", "NOUN", "obj", 1),
        ("zu", "zu", "ADP", "case", 5), ("Warnstreiks", "Warnstreik", "NOUN", "obl", 1),
        ("auf", "auf", "ADP", "compound:prt", 1, "", "PTKVZ"), (".", ".", "PUNCT", P, 1)])
    strike = one(called, "PROTEST")
    assert (strike["actor1"]["text"], strike["modality"]) == ("die Beschäftigten", "planned")
    crowd = sentence([
        ("Tausende", "Tausend", "NUM", "nsubj", 1), ("demonstrierten", "demonstrieren", "VERB", "ROOT", 1),
        (".", ".", "PUNCT", P, 1)])
    assert one(crowd, "PROTEST")["actor1"]["text"] == "Tausende"


def test_ueber_a_number_is_a_quantity_not_a_pp():
    events = sentence([
        ("Dabei", "dabei", "ADV", "advmod", 5), ("waren", "sein", "AUX", "aux", 5, "", "VAFIN"),
        ("über", "über", "ADP", "case", 4), ("200", "200", "NUM", "nummod", 4),
        ("Menschen", "Mensch", "NOUN", "obl", 5),
        ("getötet", "töten", "VERB", "ROOT", 5, "VerbForm=Part", "VVPP"),
        ("worden", "werden", "AUX", "aux:pass", 5, "VerbForm=Part"), (".", ".", "PUNCT", P, 5)])
    assert one(events, "ASSAULT")["actor2"]["text"] == "200 Menschen"
