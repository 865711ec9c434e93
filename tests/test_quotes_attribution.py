"""Attribution phrases, cues and sentences as the quotation steps read them, on
hand-built articles: UD, TIGER and no parse."""

import pytest

from tests.quote_docs import FIN, SUB, found, quotes, schemes

PUNISHMENT = schemes([  # "Der Angriff sei eine Strafe, so der Sprecher der Taliban."
    ("Der", "der", "DET", "det 1", "nk 1"), ("Angriff", "Angriff", "NOUN", "nsubj 4", "sb 2"),
    ("sei", "sein", "AUX", "cop 4", "ROOT 2", SUB), ("eine", "ein", "DET", "det 4", "nk 4"),
    ("Strafe", "Strafe", "NOUN", "ROOT 4", "pd 2"), (",", ",", "PUNCT", "punct 8", "punct 2"),
    ("so", "so", "ADV", "advmod 8", "mo 2"), ("der", "der", "DET", "det 8", "nk 8"),
    ("Sprecher", "Sprecher", "NOUN", "conj 4", "mo 6"),
    ("der", "der", "DET", "det 10", "nk 10"), ("Taliban", "Taliban", "NOUN", "nmod 8", "ag 8"),
    (".", ".", "PUNCT", "punct 4", "punct 2")])
STUDY = schemes([  # "Die Studie erklärte, dass die Preise steigen."
    ("Die", "der", "DET", "det 1", "nk 1"), ("Studie", "Studie", "NOUN", "nsubj 2", "sb 2"),
    ("erklärte", "erklären", "VERB", "ROOT 2", "ROOT 2", FIN),
    (",", ",", "PUNCT", "punct 7", "punct 2"), ("dass", "dass", "SCONJ", "mark 7", "cp 7"),
    ("die", "der", "DET", "det 6", "nk 6"), ("Preise", "Preis", "NOUN", "nsubj 7", "sb 7"),
    ("steigen", "steigen", "VERB", "ccomp 2", "oc 2", FIN), (".", ".", "PUNCT", "punct 2", "punct 2")])
INJURED = schemes([  # "Nach Angaben der Polizei wurden zwei Menschen verletzt."
    ("Nach", "nach", "ADP", "case 1", "mo 3"), ("Angaben", "Angabe", "NOUN", "obl 7", "nk 0"),
    ("der", "der", "DET", "det 3", "nk 3"), ("Polizei", "Polizei", "NOUN", "nmod 1", "ag 1"),
    ("wurden", "werden", "AUX", "aux:pass 7", "ROOT 4", FIN),
    ("zwei", "zwei", "NUM", "nummod 6", "nk 6"),
    ("Menschen", "Mensch", "NOUN", "nsubj:pass 7", "sb 4"),
    ("verletzt", "verletzen", "VERB", "ROOT 7", "oc 4", "VerbForm=Part"),
    (".", ".", "PUNCT", "punct 7", "punct 4")])


@pytest.mark.parametrize("scheme,parse", [("ud", True), ("tiger", True), ("ud", False)])
def test_so_x_closing_the_sentence_vouches_for_all_before_it(scheme, parse):
    assert found([[PUNISHMENT[scheme]]], scheme=scheme, parse=parse) == \
        [("indirect", "Der Angriff sei eine Strafe", "der Sprecher der Taliban")]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_a_cue_whose_subject_is_no_actor_still_introduces_its_clause(scheme):
    # "Studie" is no actor (the event lexicon's subj:actor): no STATEMENT event, but the
    # dass-clause is what the study says.
    assert found([[STUDY[scheme]]], scheme=scheme) == \
        [("indirect", "dass die Preise steigen", "Die Studie")]


@pytest.mark.parametrize("scheme,parse", [("ud", True), ("tiger", True), ("ud", False)])
def test_a_sentence_the_model_cut_where_the_text_goes_on_is_one(scheme, parse):
    tokens = INJURED[scheme]  # the model cut after "Polizei": no full stop there
    cut = [tokens[:4], [(t[0], t[1], t[2], t[3], t[4] - 4, *t[5:]) for t in tokens[4:]]]
    if scheme == "ud":
        cut[0][1] = ("Angaben", "Angabe", "NOUN", "ROOT", 1)
    else:
        cut[0][0] = ("Nach", "nach", "ADP", "ROOT", 0)
    ents = [("Polizei", "ORG")]
    assert found([cut], ents=ents, scheme=scheme, parse=parse) == \
        [("indirect", "wurden zwei Menschen verletzt", "Polizei")]


def said_that(cue, lemma, scheme):
    """"Müller <cue>, dass die Lage ernst sei." in one scheme."""
    return schemes([
        ("Müller", "Müller", "PROPN", "nsubj 1", "sb 1"), (cue, lemma, "VERB", "ROOT 1", "ROOT 1", FIN),
        (",", ",", "PUNCT", "punct 6", "punct 1"), ("dass", "dass", "SCONJ", "mark 6", "cp 7"),
        ("die", "der", "DET", "det 5", "nk 5"), ("Lage", "Lage", "NOUN", "nsubj 6", "sb 7"),
        ("ernst", "ernst", "ADJ", "ccomp 1", "pd 7"), ("sei", "sein", "AUX", "cop 6", "oc 1", SUB),
        (".", ".", "PUNCT", "punct 1", "punct 1")])[scheme]


@pytest.mark.parametrize("cue,lemma", [("erwiderte", "erwidern"), ("beteuerte", "beteuern"),
                                       ("bat", "bitten"), ("erinnerte", "erinnern")])
@pytest.mark.parametrize("scheme,parse", [("ud", True), ("tiger", True), ("ud", False)])
def test_speech_verbs_of_the_language_list_introduce_their_clause(cue, lemma, scheme, parse):
    assert found([[said_that(cue, lemma, scheme)]], ents=[("Müller", "PER")], scheme=scheme,
                 parse=parse) == [("indirect", "dass die Lage ernst sei", "Müller")]


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_laut_x_sagte_y_is_xs_claim_and_ys_words(scheme):
    said = said_that("sagte", "sagen", scheme)  # "Laut der Zeitung sagte Müller, dass ..."
    said = [("Laut", "laut", "ADP", "case" if scheme == "ud" else "mo", 2 if scheme == "ud" else 4),
            ("der", "der", "DET", "det" if scheme == "ud" else "nk", 2),
            ("Zeitung", "Zeitung", "NOUN", "obl" if scheme == "ud" else "nk", 4 if scheme == "ud" else 0),
            (said[1][0], said[1][1], "VERB", "ROOT", 3, FIN),
            ("Müller", "Müller", "PROPN", "nsubj" if scheme == "ud" else "sb", 3)] + \
        [(t[0], t[1], t[2], t[3], {0: 4, 1: 3}.get(t[4], t[4] + 3), *t[5:]) for t in said[2:]]
    assert found([[said]], ents=[("Müller", "PER"), ("Zeitung", "ORG")], scheme=scheme) == [
        ("indirect", "sagte Müller, dass die Lage ernst sei", "Zeitung"),
        ("indirect", "dass die Lage ernst sei", "Müller")]


PRAISED = [  # "Müller lobte den Plan und kündigte an, die Lage werde geprüft."
    ("Müller", "Müller", "PROPN", "nsubj", 1), ("lobte", "loben", "VERB", "ROOT", 1, FIN),
    ("den", "der", "DET", "det", 3), ("Plan", "Plan", "NOUN", "obj", 1),
    ("und", "und", "CCONJ", "cc", 5), ("kündigte", "ankündigen", "VERB", "conj", 1, FIN),
    ("an", "an", "ADP", "compound:prt", 5), (",", ",", "PUNCT", "punct", 11),
    ("die", "der", "DET", "det", 9), ("Lage", "Lage", "NOUN", "nsubj:pass", 11),
    ("werde", "werden", "AUX", "aux", 11, SUB),
    ("geprüft", "prüfen", "VERB", "ccomp", 5, "VerbForm=Part"), (".", ".", "PUNCT", "punct", 1)]
INFORMED = [  # "Wie Müller mitteilte, habe man die Bürger informiert, dass die Lage ernst sei."
    ("Wie", "wie", "SCONJ", "mark", 2), ("Müller", "Müller", "PROPN", "nsubj", 2),
    ("mitteilte", "mitteilen", "VERB", "advcl", 8, FIN), (",", ",", "PUNCT", "punct", 2),
    ("habe", "haben", "AUX", "aux", 8, SUB), ("man", "man", "PRON", "nsubj", 8),
    ("die", "der", "DET", "det", 7), ("Bürger", "Bürger", "NOUN", "obj", 8),
    ("informiert", "informieren", "VERB", "ROOT", 8, "VerbForm=Part"),
    (",", ",", "PUNCT", "punct", 13), ("dass", "dass", "SCONJ", "mark", 13),
    ("die", "der", "DET", "det", 12), ("Lage", "Lage", "NOUN", "nsubj", 13),
    ("ernst", "ernst", "ADJ", "ccomp", 8), ("sei", "sein", "AUX", "cop", 13, SUB),
    (".", ".", "PUNCT", "punct", 8)]


@pytest.mark.parametrize("parse", [True, False])
def test_a_clause_two_cues_introduce_counts_once(parse):
    rows = quotes([[PRAISED]], ents=[("Müller", "PER")], parse=parse)
    assert [(q["kind"], q["quote_text"], q["cue"]["lemma"]) for q in rows] == \
        [("indirect", "die Lage werde geprüft", "ankündigen")]  # the cue next to it
    rows = quotes([[INFORMED]], ents=[("Müller", "PER")], parse=parse)
    assert [(q["quote_text"], q["cue"]["lemma"]) for q in rows] == [
        ("habe man die Bürger informiert, dass die Lage ernst sei", "mitteilen")]


REPORT = [  # "Es gibt einen Bericht der Zeitung, wonach die Lage ernst sei."
    ("Es", "es", "PRON", "expl", 1), ("gibt", "geben", "VERB", "ROOT", 1, FIN),
    ("einen", "ein", "DET", "det", 3), ("Bericht", "Bericht", "NOUN", "obj", 1),
    ("der", "der", "DET", "det", 5), ("Zeitung", "Zeitung", "NOUN", "nmod", 3),
    (",", ",", "PUNCT", "punct", 10), ("wonach", "wonach", "ADV", "advmod", 10),
    ("die", "der", "DET", "det", 9), ("Lage", "Lage", "NOUN", "nsubj", 10),
    ("ernst", "ernst", "ADJ", "acl", 3), ("sei", "sein", "AUX", "cop", 10, SUB),
    (".", ".", "PUNCT", "punct", 1)]
THEREBY = [  # "Demnach sei die Lage ernst."
    ("Demnach", "demnach", "ADV", "advmod", 4), ("sei", "sein", "AUX", "cop", 4, SUB),
    ("die", "der", "DET", "det", 3), ("Lage", "Lage", "NOUN", "nsubj", 4),
    ("ernst", "ernst", "ADJ", "ROOT", 4), (".", ".", "PUNCT", "punct", 4)]


@pytest.mark.parametrize("parse", [True, False])
def test_wonach_after_a_noun_is_that_nouns_claim_demnach_stands_for_the_last_source(parse):
    assert found([[REPORT]], ents=[("Zeitung", "ORG")], parse=parse) == \
        [("indirect", "die Lage ernst sei", "Zeitung")]
    rows = quotes([[said_that("sagte", "sagen", "ud"), THEREBY]], ents=[("Müller", "PER")],
                  parse=parse)
    assert [(q["kind"], q["speaker"]["text"], q["speaker"]["canonical_name"]) for q in rows] \
        == [("indirect", "Müller", "Müller"), ("indirect", "Demnach", "Müller")]


@pytest.mark.parametrize("parse", [True, False])
def test_laut_takes_the_words_after_it_even_a_word_no_tagger_knows(parse):
    site = [("Laut", "laut", "ADP", "case", 1), ("ndr.de", "ndr.de", "X", "obl", 4),
            ("seien", "sein", "AUX", "cop", 4, SUB), ("alle", "alle", "PRON", "nsubj", 4),
            ("sicher", "sicher", "ADJ", "ROOT", 4), (".", ".", "PUNCT", "punct", 4)]
    assert found([[site]], parse=parse) == [("indirect", "seien alle sicher", "ndr.de")]


def test_praise_of_a_thing_is_no_claim_praise_with_a_clause_is():
    praised = [("Müller", "Müller", "PROPN", "nsubj", 1), ("lobte", "loben", "VERB", "ROOT", 1, FIN),
               ("den", "der", "DET", "det", 3), ("Plan", "Plan", "NOUN", "obj", 1),
               (".", ".", "PUNCT", "punct", 1)]
    assert found([[praised]], ents=[("Müller", "PER")]) == []
    assert found([[said_that("lobte", "loben", "ud")]], ents=[("Müller", "PER")]) == \
        [("indirect", "dass die Lage ernst sei", "Müller")]


def test_sentence_indices_count_the_models_sentences_as_the_events_do():
    tokens = INJURED["ud"]
    cut = [tokens[:4], [(t[0], t[1], t[2], t[3], t[4] - 4, *t[5:]) for t in tokens[4:]]]
    cut[0][1] = ("Angaben", "Angabe", "NOUN", "ROOT", 1)
    (row,) = quotes([cut], ents=[("Polizei", "ORG")])
    assert (row["sentence_start"], row["sentence_end"]) == (1, 1)  # "wurden ... verletzt"
