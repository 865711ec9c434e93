"""Who speaks (``quotes/speakers``, ``quotes/direct``), on hand-built articles: UD, TIGER
and no parse."""

import pytest

from tests.quote_docs import FIN, SUB, found, schemes

INF = "VerbForm=Inf"
LAGE = [  # "die Lage sei ernst": heads "+k" are k tokens after "die", "{verb}" the cue's
    ("die", "der", "DET", "det +1", "nk +1"), ("Lage", "Lage", "NOUN", "nsubj +3", "sb +2"),
    ("sei", "sein", "AUX", "cop +3", "oc {verb}", SUB),
    ("ernst", "ernst", "ADJ", "ccomp {verb}", "pd +2")]


def lage(at, verb):
    """The tokens of "die Lage sei ernst" starting at ``at``, its clause under ``verb``."""
    out = []
    for k, (text, lemma, pos, ud, tiger, *morph) in enumerate(LAGE):
        parses = []
        for parse in (ud, tiger):
            dep, head = parse.split()
            head = str(verb) if head == "{verb}" else str(at + int(head))
            parses.append(f"{dep} {head}")
        out.append((text, lemma, pos, *parses, *morph))
    return out


THANKED = schemes([  # "Müller dankte Minister Schmidt und ergänzte, die Lage sei ernst."
    ("Müller", "Müller", "PROPN", "nsubj 1", "sb 1"),
    ("dankte", "danken", "VERB", "ROOT 1", "ROOT 1", FIN),
    ("Minister", "Minister", "NOUN", "obj 1", "da 1"), ("Schmidt", "Schmidt", "PROPN", "flat 2", "nk 2"), ("und", "und", "CCONJ", "cc 5", "cd 1"),
    ("ergänzte", "ergänzen", "VERB", "conj 1", "cj 4", FIN),
    (",", ",", "PUNCT", "punct 10", "punct 5"), *lage(7, 5), (".", ".", "PUNCT", "punct 1", "punct 1")])
UNDECIDED = schemes([  # "Müller wollte sich nicht festlegen, sagte aber, die Lage sei ernst."
    ("Müller", "Müller", "PROPN", "nsubj 4", "sb 1"),
    ("wollte", "wollen", "AUX", "aux 4", "ROOT 1", FIN),
    ("sich", "sich", "PRON", "obj 4", "oa 4", "Reflex=Yes"),
    ("nicht", "nicht", "PART", "advmod 4", "ng 4"),
    ("festlegen", "festlegen", "VERB", "ROOT 4", "oc 1", INF),
    (",", ",", "PUNCT", "punct 4", "punct 1"),
    ("sagte", "sagen", "VERB", "parataxis 4", "cj 1", FIN), ("aber", "aber", "ADV", "advmod 6", "mo 6"),
    (",", ",", "PUNCT", "punct 12", "punct 6"), *lage(9, 6),
    (".", ".", "PUNCT", "punct 4", "punct 1")])
ENTS = [("Müller", "PER")]
THANKED_ENTS = ENTS + [("Schmidt", "PER")]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_the_second_of_two_coordinated_verbs_has_the_subject_of_the_first(scheme):
    assert found([[THANKED[scheme]]], ents=THANKED_ENTS, scheme=scheme) == \
        [("indirect", "die Lage sei ernst", "Müller")]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_a_cue_after_a_comma_with_no_subject_shares_the_clause_befores(scheme):
    assert found([[UNDECIDED[scheme]]], ents=ENTS, scheme=scheme) == \
        [("indirect", "die Lage sei ernst", "Müller")]


def test_a_quote_nobody_introduces_goes_on_in_the_voice_of_reported_speech_before_it():
    said = [("Müller", "Müller", "PROPN", "nsubj", 1), ("sagte", "sagen", "VERB", "ROOT", 1, FIN),
            (",", ",", "PUNCT", "punct", 6)] + [t[:3] + (t[3].split()[0], int(t[3].split()[1]))
                                                + tuple(t[5:]) for t in lage(3, 1)] + \
        [(".", ".", "PUNCT", "punct", 1)]
    acted = [("Die", "der", "DET", "det", 1), ("Regierung", "Regierung", "NOUN", "nsubj", 3),
             ("habe", "haben", "AUX", "aux", 3, SUB),
             ("versagt", "versagen", "VERB", "ROOT", 3, "VerbForm=Part"),
             (".", ".", "PUNCT", "punct", 3)]
    demand = [("„", "„", "PUNCT", "punct", 2), ("Wir", "wir", "PRON", "nsubj", 2),
              ("fordern", "fordern", "VERB", "ROOT", 2, FIN), ("sofort", "sofort", "ADV", "advmod", 2),
              ("volle", "voll", "ADJ", "amod", 5), ("Aufklärung", "Aufklärung", "NOUN", "obj", 2),
              (".", ".", "PUNCT", "punct", 2), ("“", "“", "PUNCT", "punct", 2)]
    quotes = found([[said, acted, acted, demand]], ents=ENTS)
    assert [q[0] for q in quotes] == ["indirect", "free_indirect", "direct"]
    assert quotes[-1] == ("direct", "Wir fordern sofort volle Aufklärung.", "Müller")


def test_a_subject_that_is_no_actor_yields_to_the_actor_next_to_the_verb():
    reason = [  # "Als Begründung sagte ein Forscher, die Lage sei ernst." (parse: two subjects)
        ("Als", "als", "ADP", "case", 1), ("Begründung", "Begründung", "NOUN", "nsubj", 2),
        ("sagte", "sagen", "VERB", "ROOT", 2, FIN), ("ein", "ein", "DET", "det", 4),
        ("Forscher", "Forscher", "NOUN", "obl", 2), (",", ",", "PUNCT", "punct", 9),
        ("die", "der", "DET", "det", 7), ("Lage", "Lage", "NOUN", "nsubj", 9),
        ("sei", "sein", "AUX", "cop", 9, SUB), ("ernst", "ernst", "ADJ", "ccomp", 2),
        (".", ".", "PUNCT", "punct", 2)]
    assert found([[reason]]) == [("indirect", "die Lage sei ernst", "ein Forscher")]


def test_a_determiner_standing_alone_as_subject_speaks():
    this_one = [("Dieser", "dieser", "DET", "nsubj", 1, "PronType=Dem"),
                ("bestätigte", "bestätigen", "VERB", "ROOT", 1, FIN),
                (",", ",", "PUNCT", "punct", 6), ("dass", "dass", "SCONJ", "mark", 6),
                ("die", "der", "DET", "det", 5), ("Lage", "Lage", "NOUN", "nsubj", 6),
                ("ernst", "ernst", "ADJ", "ccomp", 1), ("sei", "sein", "AUX", "cop", 6, SUB),
                (".", ".", "PUNCT", "punct", 1)]
    assert found([[this_one]]) == [("indirect", "dass die Lage ernst sei", "Dieser")]


def test_the_actor_opening_the_sentence_speaks_after_an_insertion_the_parse_lost():
    inserted = [  # "Kolarow, dessen Behörde zuständig ist, sagte, dass die Lage ernst sei."
        ("Kolarow", "Kolarow", "PROPN", "ROOT", 0), (",", ",", "PUNCT", "punct", 3),
        ("dessen", "dessen", "PRON", "nmod", 3), ("Behörde", "Behörde", "NOUN", "conj", 0),
        ("zuständig", "zuständig", "ADJ", "ccomp", 7), ("ist", "sein", "AUX", "cop", 4, FIN),
        (",", ",", "PUNCT", "punct", 4), ("sagte", "sagen", "VERB", "ROOT", 7, FIN),
        (",", ",", "PUNCT", "punct", 13), ("dass", "dass", "SCONJ", "mark", 13),
        ("die", "der", "DET", "det", 11), ("Lage", "Lage", "NOUN", "nsubj", 13),
        ("ernst", "ernst", "ADJ", "ccomp", 13), ("sei", "sein", "AUX", "cop", 12, SUB),
        (".", ".", "PUNCT", "punct", 7)]
    inserted[12] = ("ernst", "ernst", "ADJ", "ccomp", 7)
    assert found([[inserted]], ents=[("Kolarow", "PER")]) == \
        [("indirect", "dass die Lage ernst sei", "Kolarow")]
