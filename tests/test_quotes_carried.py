"""Reported speech carried on (``quotes/continuation``) on hand-built articles: UD, TIGER
and no parse (the rule-based pipeline: words and lemmas only)."""

import pytest

from tests.quote_docs import FIN, SUB, found, schemes

PART = "VerbForm=Part"
SAID = schemes([  # "Der Sprecher Peter Müller sagte, die Lage sei ernst."
    ("Der", "der", "DET", "det 1", "nk 1"), ("Sprecher", "Sprecher", "NOUN", "nsubj 4", "sb 4"),
    ("Peter", "Peter", "PROPN", "appos 1", "pnc 3"),
    ("Müller", "Müller", "PROPN", "flat 2", "app 1"),
    ("sagte", "sagen", "VERB", "ROOT 4", "ROOT 4", FIN), (",", ",", "PUNCT", "punct 9", "punct 4"),
    ("die", "der", "DET", "det 7", "nk 7"), ("Lage", "Lage", "NOUN", "nsubj 9", "sb 8"),
    ("sei", "sein", "AUX", "cop 9", "oc 4", SUB), ("ernst", "ernst", "ADJ", "ccomp 4", "pd 8"),
    (".", ".", "PUNCT", "punct 4", "punct 4")])
ACTED = schemes([  # "Die Regierung habe zu spät gehandelt."
    ("Die", "der", "DET", "det 1", "nk 1"),
    ("Regierung", "Regierung", "NOUN", "nsubj 5", "sb 2"),
    ("habe", "haben", "AUX", "aux 5", "ROOT 2", SUB), ("zu", "zu", "ADV", "advmod 4", "mo 4"),
    ("spät", "spät", "ADV", "advmod 5", "mo 5"),
    ("gehandelt", "handeln", "VERB", "ROOT 5", "oc 2", PART),
    (".", ".", "PUNCT", "punct 5", "punct 2")])


def since(main, root):
    """"Da das Kraftwerk abgeschaltet wurde, <main>.", the main clause's verb at ``root``."""
    return schemes([
        ("Da", "da", "SCONJ", "mark 3", "cp 4"), ("das", "der", "DET", "det 2", "nk 2"),
        ("Kraftwerk", "Kraftwerk", "NOUN", "nsubj:pass 3", "sb 4"),
        ("abgeschaltet", "abschalten", "VERB", f"advcl {root}", "oc 4", PART),
        ("wurde", "werden", "AUX", "aux:pass 3", "mo 6", FIN),
        (",", ",", "PUNCT", "punct 3", "punct 4"), *main,
        (".", ".", "PUNCT", f"punct {root}", "punct 6")])


SINCE = since([  # "..., sei kein Schaden entstanden."
    ("sei", "sein", "AUX", "aux 9", "ROOT 6", SUB), ("kein", "kein", "DET", "det 8", "nk 8"),
    ("Schaden", "Schaden", "NOUN", "nsubj 9", "sb 6"),
    ("entstanden", "entstehen", "VERB", "ROOT 9", "oc 6", PART)], 9)
SINCE_RAN = since([  # "..., lief er normal."
    ("lief", "laufen", "VERB", "ROOT 6", "ROOT 6", FIN), ("er", "er", "PRON", "nsubj 6", "sb 6"),
    ("normal", "normal", "ADJ", "advmod 6", "mo 6")], 6)
RAN = schemes([  # "Da das Kraftwerk abgeschaltet wurde, lief er normal."
    ("Da", "da", "SCONJ", "mark 3", "cp 4"), ("das", "der", "DET", "det 2", "nk 2"),
    ("Kraftwerk", "Kraftwerk", "NOUN", "nsubj:pass 3", "sb 4"),
    ("abgeschaltet", "abschalten", "VERB", "advcl 6", "oc 4", PART),
    ("wurde", "werden", "AUX", "aux:pass 3", "mo 6", FIN),
    (",", ",", "PUNCT", "punct 3", "punct 4"), ("lief", "laufen", "VERB", "ROOT 6", "ROOT 6", FIN),
    ("er", "er", "PRON", "nsubj 6", "sb 6"), ("normal", "normal", "ADJ", "advmod 6", "mo 6"),
    (".", ".", "PUNCT", "punct 6", "punct 6")])
RAN = schemes([  # "Der Verkehr lief normal." (indicative: the reported speech ends)
    ("Der", "der", "DET", "det 1", "nk 1"), ("Verkehr", "Verkehr", "NOUN", "nsubj 2", "sb 2"),
    ("lief", "laufen", "VERB", "ROOT 2", "ROOT 2", FIN),
    ("normal", "normal", "ADJ", "advmod 2", "mo 2"), (".", ".", "PUNCT", "punct 2", "punct 2")])
ENTS = [("Peter Müller", "PER")]
ACTED_TEXT = "Die Regierung habe zu spät gehandelt"


@pytest.mark.parametrize("scheme,parse", [("ud", True), ("tiger", True), ("ud", False)])
def test_a_run_of_reported_speech_is_one_quotation_in_the_speakers_voice(scheme, parse):
    article = [[SAID[scheme], ACTED[scheme], SINCE[scheme], RAN[scheme]]]
    assert found(article, ents=ENTS, scheme=scheme, parse=parse) == [
        ("indirect", "die Lage sei ernst", "Peter Müller"),
        ("free_indirect", "Die Regierung habe zu spät gehandelt. Da das Kraftwerk "
                          "abgeschaltet wurde, sei kein Schaden entstanden", "Peter Müller")]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_the_main_clause_says_the_mood_not_a_subordinate_clause_before_it(scheme):
    def kinds(second):
        return [q[0] for q in found([[SAID[scheme], second[scheme]]], ents=ENTS, scheme=scheme)]

    assert kinds(SINCE) == ["indirect", "free_indirect"]  # "Da ... wurde, sei ..." goes on
    assert kinds(SINCE_RAN) == ["indirect"]  # "Da ... wurde, lief er ..." does not


def test_reported_speech_goes_on_a_few_sentences_and_into_the_next_paragraph():
    said, acted, ran = SAID["ud"], ACTED["ud"], RAN["ud"]
    assert [q[0] for q in found([[said, ran, acted]], ents=ENTS)] == \
        ["indirect", "free_indirect"]  # within reach: "habe" still goes on ...
    assert [q[1] for q in found([[said, acted], [acted]], ents=ENTS)] == \
        ["die Lage sei ernst", ACTED_TEXT, ACTED_TEXT]  # ... in the next paragraph too
    assert [q[0] for q in found([[said], [ran], [acted]], ents=ENTS)] == \
        ["indirect"]  # not two paragraphs on
    assert [q[0] for q in found([[said, ran, ran, ran, ran, acted]], ents=ENTS)] == \
        ["indirect"]  # nor out of reach


def test_the_named_subject_of_the_sentence_before_is_the_voice_of_a_subjunctive_one():
    arrested = [("Die", "der", "DET", "det", 1), ("Polizei", "Polizei", "NOUN", "nsubj", 2),
                ("nahm", "nehmen", "VERB", "ROOT", 2, FIN), ("ihn", "er", "PRON", "obj", 2),
                ("fest", "fest", "ADP", "compound:prt", 2), (".", ".", "PUNCT", "punct", 2)]
    assert found([[arrested, ACTED["ud"]]], ents=[("Polizei", "ORG")]) == \
        [("free_indirect", ACTED_TEXT, "Polizei")]
    assert found([[arrested, ACTED["ud"]]]) == []  # no name: nobody to speak


FLED = schemes([  # "Der Täter soll geflohen sein." (hearsay)
    ("Der", "der", "DET", "det 1", "nk 1"), ("Täter", "Täter", "NOUN", "nsubj 3", "sb 2"),
    ("soll", "sollen", "AUX", "aux 3", "ROOT 2", FIN),
    ("geflohen", "fliehen", "VERB", "ROOT 3", "oc 4", PART),
    ("sein", "sein", "AUX", "aux 3", "oc 2", "VerbForm=Inf"), (".", ".", "PUNCT", "punct 3", "punct 2")])
DEAD = schemes([  # "Die Zahl der Toten, die gestorben sein sollen, stieg."
    ("Die", "der", "DET", "det 1", "nk 1"), ("Zahl", "Zahl", "NOUN", "nsubj 10", "sb 10"),
    ("der", "der", "DET", "det 3", "nk 3"), ("Toten", "Tote", "NOUN", "nmod 1", "ag 1"),
    (",", ",", "PUNCT", "punct 6", "punct 1"),
    ("die", "der", "PRON", "nsubj 6", "sb 8", "PronType=Rel"),
    ("gestorben", "sterben", "VERB", "acl 3", "oc 7", PART),
    ("sein", "sein", "AUX", "aux 6", "oc 8", "VerbForm=Inf"),
    ("sollen", "sollen", "AUX", "aux 6", "rc 1", FIN), (",", ",", "PUNCT", "punct 1", "punct 1"),
    ("stieg", "steigen", "VERB", "ROOT 10", "ROOT 10", FIN), (".", ".", "PUNCT", "punct 10", "punct 10")])


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_hearsay_and_subjunctive_are_two_runs(scheme):
    quotes = found([[SAID[scheme], FLED[scheme], ACTED[scheme]]], ents=ENTS, scheme=scheme)
    assert quotes == [("indirect", "die Lage sei ernst", "Peter Müller"),
                      ("free_indirect", "Der Täter soll geflohen sein", "Peter Müller"),
                      ("free_indirect", "Die Regierung habe zu spät gehandelt", "Peter Müller")]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_hearsay_in_a_relative_clause_is_no_claim_of_the_sentence(scheme):
    assert [q[0] for q in found([[SAID[scheme], DEAD[scheme]]], ents=ENTS, scheme=scheme)] == \
        ["indirect"]


def test_a_hedging_subjunctive_is_the_writers_not_reported_speech():
    could = [("Das", "der", "PRON", "nsubj", 3), ("könnte", "können", "AUX", "aux", 3, SUB),
             ("Streit", "Streit", "NOUN", "obj", 3),
             ("auslösen", "auslösen", "VERB", "ROOT", 3, "VerbForm=Inf"),
             (".", ".", "PUNCT", "punct", 3)]
    assert [q[0] for q in found([[SAID["ud"], could]], ents=ENTS)] == ["indirect"]
    assert [q[0] for q in found([[SAID["ud"], could]], ents=ENTS, parse=False)] == ["indirect"]


@pytest.mark.parametrize("verb,lemma,morph", [
    ("gelte", "gelen", "Mood=Ind|Tense=Past|VerbForm=Fin"),  # a tagger's weak past
    ("bliebe", "bleiben", ""),  # Konjunktiv II of a strong verb, untagged
])
def test_subjunctives_taggers_miss_still_carry_reported_speech_on(verb, lemma, morph):
    same = [("Das", "der", "PRON", "nsubj", 1), (verb, lemma, "VERB", "ROOT", 1, morph),
            ("auch", "auch", "ADV", "advmod", 3), ("morgen", "morgen", "ADV", "advmod", 1),
            (".", ".", "PUNCT", "punct", 1)]
    assert [q[0] for q in found([[SAID["ud"], same]], ents=ENTS)] == ["indirect", "free_indirect"]
    past = [(t[0], t[1], t[2], t[3], t[4], *t[5:]) for t in same]
    past[1] = ("galt", "gelten", "VERB", "ROOT", 1, "Mood=Ind|Tense=Past|VerbForm=Fin")
    assert [q[0] for q in found([[SAID["ud"], past]], ents=ENTS)] == ["indirect"]
