"""Attribution phrases, cues and sentences as the quotation steps read them, on
hand-built articles: UD, TIGER and no parse."""

import pytest

from tests.quote_docs import FIN, SUB, found, schemes

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
