"""Speakers that are no subject: the quoted object of "zitieren", the place a claim is
heard in, "nach eigenen Angaben", "Demnach" with no source before it (hand-built, UD and
no parse)."""

import pytest

from tests.quote_docs import FIN, SUB, quotes

PART = "VerbForm=Part"
LAGE = [("die", "der", "DET", "det", "+1"), ("Lage", "Lage", "NOUN", "nsubj", "+3"),
        ("sei", "sein", "AUX", "cop", "+3", SUB), ("ernst", "ernst", "ADJ", "ccomp", "verb")]


def with_lage(tokens, verb):
    """The tokens, then ", die Lage sei ernst." whose clause hangs on token ``verb``."""
    at = len(tokens) + 1
    lage = [(t[0], t[1], t[2], t[3], verb if t[4] == "verb" else at + int(t[4]), *t[5:])
            for t in LAGE]
    return tokens + [(",", ",", "PUNCT", "punct", at + 3)] + lage + \
        [(".", ".", "PUNCT", "punct", verb)]


def speakers(tokens, ents=(), parse=True):
    return [(q["kind"], q["quote_text"], q["speaker"] and q["speaker"]["text"],
             q["speaker"] and q["speaker"]["canonical_name"])
            for q in quotes([[tokens]], ents=ents, parse=parse)]


QUOTED = with_lage([  # "Der Minister wurde mit den Worten zitiert, die Lage sei ernst."
    ("Der", "der", "DET", "det", 1), ("Minister", "Minister", "NOUN", "nsubj:pass", 6),
    ("wurde", "werden", "AUX", "aux:pass", 6, FIN), ("mit", "mit", "ADP", "case", 5),
    ("den", "der", "DET", "det", 5), ("Worten", "Wort", "NOUN", "obl", 6),
    ("zitiert", "zitieren", "VERB", "ROOT", 6, PART)], 6)
HEARD = with_lage([  # "Aus Regierungskreisen verlautete, die Lage sei ernst."
    ("Aus", "aus", "ADP", "case", 1), ("Regierungskreisen", "Regierungskreis", "NOUN", "obl", 2),
    ("verlautete", "verlauten", "VERB", "ROOT", 2, FIN)], 2)
OWN = [  # "Die Firma Acme sagte, nach eigenen Angaben habe sie Gewinne gemacht."
    ("Nach", "nach", "ADP", "case", 2), ("eigenen", "eigen", "ADJ", "amod", 2),
    ("Angaben", "Angabe", "NOUN", "obl", 6), ("habe", "haben", "AUX", "aux", 6, SUB),
    ("Acme", "Acme", "PROPN", "nsubj", 6), ("Gewinne", "Gewinn", "NOUN", "obj", 6),
    ("gemacht", "machen", "VERB", "ROOT", 6, PART), (".", ".", "PUNCT", "punct", 6)]


def test_whose_words_zitieren_quotes_is_its_object_or_passive_subject():
    assert speakers(QUOTED) == [("indirect", "die Lage sei ernst", "Der Minister", None)]


@pytest.mark.parametrize("parse", [True, False])
def test_with_nobody_speaking_the_place_a_claim_is_heard_in_is_its_source(parse):
    assert speakers(HEARD, parse=parse) == \
        [("indirect", "die Lage sei ernst", "Regierungskreisen", None)]


@pytest.mark.parametrize("parse", [True, False])
def test_nach_eigenen_angaben_keeps_its_words_and_names_the_subject(parse):
    assert speakers(OWN, ents=[("Acme", "ORG")], parse=parse) == \
        [("indirect", "habe Acme Gewinne gemacht", "eigenen Angaben", "Acme")]


def test_demnach_with_no_source_before_it_is_its_own_words():
    thereby = [("Demnach", "demnach", "ADV", "advmod", 4), ("sei", "sein", "AUX", "cop", 4, SUB),
               ("die", "der", "DET", "det", 3), ("Lage", "Lage", "NOUN", "nsubj", 4),
               ("ernst", "ernst", "ADJ", "ROOT", 4), (".", ".", "PUNCT", "punct", 4)]
    assert speakers(thereby) == [("indirect", "sei die Lage ernst", "Demnach", None)]
