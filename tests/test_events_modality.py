"""Modality scoped to its clause, on hand-built Docs: the modality errors of issue #11's
blind audit (taken from a neighbouring verb, a passive read as a future) and the cases
of the real-news guidelines (planned, alleged, generic). UD unless said."""

import pytest

from tests.test_events_rules import SUB, name, one, sentence

P = "punct"


def test_a_noun_in_a_pp_of_time_is_presupposed_not_negated():
    # "Nach den Anschlägen haben die Ermittler keine Gewissheit"
    events = sentence([
        ("Nach", "nach", "ADP", "case", 2), ("den", "der", "DET", "det", 2),
        ("Anschlägen", "Anschlag", "NOUN", "obl", 3), ("haben", "haben", "VERB", "ROOT", 3),
        ("die", "der", "DET", "det", 5), ("Ermittler", "Ermittler", "NOUN", "nsubj", 3),
        ("keine", "kein", "DET", "det", 7), ("Gewissheit", "Gewissheit", "NOUN", "obj", 3),
        (".", ".", "PUNCT", P, 3)])
    assert one(events, "ASSAULT")["modality"] == "asserted"


def test_a_noun_in_a_pp_of_the_same_time_shares_the_plan_not_the_negation():
    planned = sentence([
        ("Sie", "sie", "PRON", "nsubj", 6, "PronType=Prs"), ("wollen", "wollen", "AUX", "aux", 6),
        ("bei", "bei", "ADP", "case", 4), ("ihrem", "ihr", "DET", "det:poss", 4, "Poss=Yes"),
        ("Gespräch", "Gespräch", "NOUN", "obl", 6), ("vermutlich", "vermutlich", "ADV", "advmod", 6),
        ("sprechen", "sprechen", "VERB", "ROOT", 6, "VerbForm=Inf"), (".", ".", "PUNCT", P, 6)])
    assert one(planned, "CONSULT")["modality"] == "planned"
    negated = sentence([
        ("Bei", "bei", "ADP", "case", 2), ("dem", "der", "DET", "det", 2),
        ("Gipfel", "Gipfel", "NOUN", "obl", 3), ("gab", "geben", "VERB", "ROOT", 3),
        ("es", "es", "PRON", "expl", 3), ("keinen", "kein", "DET", "det", 6),
        ("Durchbruch", "Durchbruch", "NOUN", "obj", 3), (".", ".", "PUNCT", P, 3)])
    assert one(negated, "CONSULT")["modality"] == "asserted"


def test_a_noun_as_argument_shares_its_clause():
    events = sentence([
        ("Es", "es", "PRON", "nsubj", 1), ("gab", "geben", "VERB", "ROOT", 1),
        ("keine", "kein", "DET", "det", 3), ("Verhandlungen", "Verhandlung", "NOUN", "obj", 1),
        (".", ".", "PUNCT", P, 1)])
    assert one(events, "CONSULT")["modality"] == "negated"


def test_a_speech_act_told_as_an_event_claims_not_its_circumstances():
    events = sentence([
        ("Vučić", "Vučić", "PROPN", "nsubj", 1), ("rief", "rufen", "VERB", "ROOT", 1),
        ("nach", "nach", "ADP", "case", 4), ("den", "der", "DET", "det", 4),
        ("Anschlägen", "Anschlag", "NOUN", "obl", 1), ("zu", "zu", "ADP", "case", 6),
        ("Toleranz", "Toleranz", "NOUN", "obl", 1), ("auf", "auf", "ADP", "compound:prt", 1,
                                                     "", "PTKVZ"),
        (".", ".", "PUNCT", P, 1)], ents=[(0, 1, "PER")])
    attack = one(events, "ASSAULT")
    assert (attack["modality"], attack["source"]) == ("asserted", None)
    assert name(one(events, "DEMAND")["actor1"]) == "Vučić"


def test_what_a_planning_noun_governs_is_planned():
    events = sentence([
        ("Verhandlungen", "Verhandlung", "NOUN", "ROOT", 0), ("über", "über", "ADP", "case", 3),
        ("die", "der", "DET", "det", 3), ("Freilassung", "Freilassung", "NOUN", "nmod", 0),
        ("der", "der", "DET", "det", 5), ("Geiseln", "Geisel", "NOUN", "nmod", 3),
        (".", ".", "PUNCT", P, 0)])
    assert one(events, "CONCEDE")["modality"] == "planned"


def test_a_debate_about_an_act_is_no_one_event():
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Debatte", "Debatte", "NOUN", "nsubj", 5),
        ("über", "über", "ADP", "case", 4), ("die", "der", "DET", "det", 4),
        ("Abschiebung", "Abschiebung", "NOUN", "obl", 6),  # a weak parse's attachment
        ("geht", "gehen", "VERB", "ROOT", 5), ("weiter", "weiter", "ADV", "advmod", 5),
        (".", ".", "PUNCT", P, 5)])
    assert one(events, "COERCE")["modality"] == "generic"


@pytest.mark.parametrize("governor, lemma, modality", [
    ("ermitteln", "ermitteln", "speculative"),  # the charge of an investigation
    ("verurteilt", "verurteilen", "asserted"),  # a conviction establishes it
])
def test_a_crime_named_as_a_charge_is_alleged(governor, lemma, modality):
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Behörden", "Behörde", "NOUN", "nsubj", 5),
        ("haben", "haben", "AUX", "aux", 5), ("wegen", "wegen", "ADP", "case", 4),
        ("Mordes", "Mord", "NOUN", "obl", 5), (governor, lemma, "VERB", "ROOT", 5),
        (".", ".", "PUNCT", P, 5)])
    assert one(events, "CRIME")["modality"] == modality


@pytest.mark.parametrize("aux, modality", [("werden", "planned"), ("haben", "reported")])
def test_sollen_plans_without_a_perfect_infinitive_and_reports_with_one(aux, modality):
    # "soll abgeschoben werden": to happen; "soll ... abgeschoben haben": hearsay
    events = sentence([
        ("Jufer", "Jufer", "PROPN", "nsubj", 2), ("soll", "sollen", "AUX", "aux", 2),
        ("abgeschoben", "abschieben", "VERB", "ROOT", 2, "VerbForm=Part", "VVPP"),
        (aux, aux, "AUX", "aux", 2, "VerbForm=Inf"), (".", ".", "PUNCT", P, 2)],
        ents=[(0, 1, "PER")])
    assert one(events, "COERCE")["modality"] == modality


def test_werden_with_a_participle_is_no_future_even_when_tagged_an_infinitive():
    events = sentence([
        ("Maschejka", "Maschejka", "PROPN", "nsubj:pass", 2), ("ist", "sein", "AUX", "aux", 2),
        ("festgenommen", "festnehmen", "VERB", "ROOT", 2, "VerbForm=Inf", "VVINF"),
        ("worden", "werden", "AUX", "aux:pass", 2, "VerbForm=Part", "VAPP"),
        (".", ".", "PUNCT", P, 2)], ents=[(0, 1, "PER")])
    assert one(events, "COERCE")["modality"] == "asserted"


def test_a_coordinated_demand_plans_nothing_of_the_first_verb():
    # a weak parse heads the pair by the second verb: "begrüßte" its conjunct
    events = sentence([
        ("Oxfam", "Oxfam", "PROPN", "nsubj", 1), ("begrüßte", "begrüßen", "VERB", "conj", 5),
        ("die", "der", "DET", "det", 3), ("Entscheidung", "Entscheidung", "NOUN", "obj", 1),
        (",", ",", "PUNCT", P, 5), ("fordert", "fordern", "VERB", "ROOT", 5),
        ("mehr", "mehr", "ADV", "obj", 5), (".", ".", "PUNCT", P, 5)], ents=[(0, 1, "ORG")])
    assert one(events, "SUPPORT")["modality"] == "asserted"


def test_konjunktiv_i_of_a_modal_reports_and_konjunktiv_ii_hedges():
    reported = sentence([
        ("Die", "der", "DET", "det", 1), ("Kritik", "Kritik", "NOUN", "nsubj:pass", 4),
        ("müsse", "müssen", "AUX", "aux", 4, SUB, "VMFIN"),
        ("hingenommen", "hinnehmen", "VERB", "ROOT", 4, "VerbForm=Part", "VVPP"),
        ("werden", "werden", "AUX", "aux:pass", 4), (".", ".", "PUNCT", P, 4)])
    hedged = sentence([
        ("Die", "der", "DET", "det", 1), ("Kritik", "Kritik", "NOUN", "nsubj:pass", 4),
        ("müsste", "müssen", "AUX", "aux", 4, SUB, "VMFIN"),
        ("hingenommen", "hinnehmen", "VERB", "ROOT", 4, "VerbForm=Part", "VVPP"),
        ("werden", "werden", "AUX", "aux:pass", 4), (".", ".", "PUNCT", P, 4)])
    assert (one(reported, "DISAPPROVE")["modality"], one(hedged, "DISAPPROVE")["modality"]) \
        == ("reported", "speculative")


def test_without_a_parse_a_hedge_near_a_noun_still_counts():
    events = sentence([
        ("Ein", "ein", "DET", "", 0), ("möglicher", "möglich", "ADJ", "", 0),
        ("Angriff", "Angriff", "NOUN", "", 0), ("beunruhigt", "beunruhigen", "VERB", "", 0),
        (".", ".", "PUNCT", "", 0)], parse=False)
    assert one(events, "ASSAULT")["modality"] == "speculative"


def test_a_noun_after_ohne_is_negated():
    events = sentence([
        ("Sie", "sie", "PRON", "nsubj", 1, "PronType=Prs"), ("hielten", "halten", "VERB", "ROOT", 1),
        ("Verdächtige", "Verdächtige", "NOUN", "obj", 1), ("ohne", "ohne", "ADP", "case", 4),
        ("Anklage", "Anklage", "NOUN", "obl", 1), ("fest", "fest", "ADP", "compound:prt", 1,
                                                   "", "PTKVZ"),
        (".", ".", "PUNCT", P, 1)])
    assert one(events, "DISAPPROVE")["modality"] == "negated"


def test_a_present_werden_plans_a_nouns_clause_and_wurde_plans_nothing():
    planned = sentence([
        ("Ein", "ein", "DET", "det", 1), ("Treffen", "Treffen", "NOUN", "nsubj", 3),
        ("wird", "werden", "AUX", "aux", 3, "VerbForm=Fin", "VAFIN"),
        ("zeigen", "zeigen", "VERB", "ROOT", 3, "VerbForm=Inf", "VVINF"),
        (".", ".", "PUNCT", P, 3)])
    assert one(planned, "CONSULT")["modality"] == "planned"
    past = sentence([
        ("Er", "er", "PRON", "nsubj:pass", 2, "PronType=Prs"),
        ("wurde", "werden", "AUX", "aux:pass", 2, "VerbForm=Fin", "VAFIN"),
        ("festgenommen", "festnehmen", "VERB", "ROOT", 2, "VerbForm=Inf", "VVINF"),
        (".", ".", "PUNCT", P, 2)])
    assert one(past, "COERCE")["modality"] == "asserted"


def test_an_infinitive_clause_shares_the_hedge_of_the_verb_it_depends_on():
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Familie", "Familie", "NOUN", "nsubj", 3),
        ("könnte", "können", "AUX", "aux", 3, SUB, "VMFIN"), ("versuchen", "versuchen", "VERB", "ROOT", 3),
        (",", ",", "PUNCT", P, 8), ("die", "der", "DET", "det", 6), ("Kinder", "Kind", "NOUN", "obj", 8),
        ("zu", "zu", "PART", "mark", 8, "", "PTKZU"),
        ("entführen", "entführen", "VERB", "xcomp", 3, "VerbForm=Inf"), (".", ".", "PUNCT", P, 3)])
    assert one(events, "CRIME")["modality"] == "speculative"


def test_an_accusation_named_as_the_reason_of_an_investigation_is_a_fact():
    events = sentence([
        ("Wegen", "wegen", "ADP", "case", 2), ("der", "der", "DET", "det", 2),
        ("Vorwürfe", "Vorwurf", "NOUN", "obl", 3), ("ermittelt", "ermitteln", "VERB", "ROOT", 3),
        ("die", "der", "DET", "det", 5), ("Staatsanwaltschaft", "Staatsanwaltschaft", "NOUN", "nsubj", 3),
        (".", ".", "PUNCT", P, 3)])
    assert one(events, "DISAPPROVE")["modality"] == "asserted"
