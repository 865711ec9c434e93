"""What a cue introduces (``quotes/content``) and where quotations are read, on
hand-built articles: UD, TIGER and no parse."""

import pytest

from tests.quote_docs import FIN, found, quotes, schemes

INF = "VerbForm=Inf"
# "Die Firma Philips kündigte an, die Preise zu erhöhen."
ANNOUNCED = {
    "ud": [("Die", "der", "DET", "det", 1), ("Firma", "Firma", "NOUN", "nsubj", 3),
           ("Philips", "Philips", "PROPN", "appos", 1),
           ("kündigte", "ankündigen", "VERB", "ROOT", 3, FIN),
           ("an", "an", "ADP", "compound:prt", 3), (",", ",", "PUNCT", "punct", 9),
           ("die", "der", "DET", "det", 7), ("Preise", "Preis", "NOUN", "obj", 9),
           ("zu", "zu", "PART", "mark", 9), ("erhöhen", "erhöhen", "VERB", "xcomp", 3, INF),
           (".", ".", "PUNCT", "punct", 3)],
    "tiger": [("Die", "der", "DET", "nk", 1), ("Firma", "Firma", "NOUN", "sb", 3),
              ("Philips", "Philips", "PROPN", "nk", 1),
              ("kündigte", "ankündigen", "VERB", "ROOT", 3, FIN),
              ("an", "an", "ADP", "svp", 3, "", "PTKVZ"), (",", ",", "PUNCT", "punct", 3),
              ("die", "der", "DET", "nk", 7), ("Preise", "Preis", "NOUN", "oa", 9),
              ("zu", "zu", "PART", "pm", 9), ("erhöhen", "erhöhen", "VERB", "oc", 3, INF),
              (".", ".", "PUNCT", "punct", 3)],
}
# "Philips hat angekündigt die Preise zu erhöhen." (no comma)
ANNOUNCED_NO_COMMA = [
    ("Philips", "Philips", "PROPN", "nsubj", 2), ("hat", "haben", "AUX", "aux", 2, FIN),
    ("angekündigt", "ankündigen", "VERB", "ROOT", 2, "VerbForm=Part"),
    ("die", "der", "DET", "det", 4), ("Preise", "Preis", "NOUN", "obj", 6),
    ("zu", "zu", "PART", "mark", 6), ("erhöhen", "erhöhen", "VERB", "xcomp", 2, INF),
    (".", ".", "PUNCT", "punct", 2)]
# "Philips kündigte neue Preise an, um Kunden zu gewinnen." (why, not what is said)
PURPOSE = [
    ("Philips", "Philips", "PROPN", "nsubj", 1),
    ("kündigte", "ankündigen", "VERB", "ROOT", 1, FIN), ("neue", "neu", "ADJ", "amod", 3),
    ("Preise", "Preis", "NOUN", "obj", 1), ("an", "an", "ADP", "compound:prt", 1),
    (",", ",", "PUNCT", "punct", 9), ("um", "um", "SCONJ", "mark", 9),
    ("Kunden", "Kunde", "NOUN", "obj", 9), ("zu", "zu", "PART", "mark", 9),
    ("gewinnen", "gewinnen", "VERB", "advcl", 1, INF), (".", ".", "PUNCT", "punct", 1)]
ENTS = [("Philips", "ORG")]


@pytest.mark.parametrize("scheme,parse", [("ud", True), ("tiger", True), ("ud", False)])
def test_a_zu_infinitive_after_the_cue_is_what_was_said(scheme, parse):
    quotes = found([[ANNOUNCED[scheme]]], ents=ENTS, scheme=scheme, parse=parse)
    assert quotes == [("indirect", "die Preise zu erhöhen", "Philips")]


@pytest.mark.parametrize("parse", [True, False])
def test_a_zu_infinitive_without_its_comma_and_not_a_purpose_clause(parse):
    assert found([[ANNOUNCED_NO_COMMA]], ents=ENTS, parse=parse) == \
        [("indirect", "die Preise zu erhöhen", "Philips")]
    assert not any(q[1].startswith("um") for q in found([[PURPOSE]], ents=ENTS, parse=parse))


@pytest.mark.parametrize("parse", [True, False])
def test_the_headline_is_no_quotation_the_body_is(parse):
    headline = [ANNOUNCED["ud"][1:]]  # "Firma Philips kündigte an, die Preise zu erhöhen."
    headline[0][0] = ("Firma", "Firma", "NOUN", "nsubj", 2)
    headline[0] = [(t[0], t[1], t[2], t[3], t[4] - 1, *t[5:]) if i else t
                   for i, t in enumerate(headline[0])]
    body = [ANNOUNCED["ud"]]
    ents = [("Philips", "ORG"), ("Philips", "ORG")]
    quotes = found([headline, body], ents=ents, parse=parse, headline=True)
    assert quotes == [("indirect", "die Preise zu erhöhen", "Philips")]
    assert len(found([headline, body], ents=ents, parse=parse)) == 2


CALLED = schemes([  # "Müller rief zu einer Demonstration auf."
    ("Müller", "Müller", "PROPN", "nsubj 1", "sb 1"),
    ("rief", "aufrufen", "VERB", "ROOT 1", "ROOT 1", FIN), ("zu", "zu", "ADP", "case 4", "mo 1"),
    ("einer", "ein", "DET", "det 4", "nk 4"),
    ("Demonstration", "Demonstration", "NOUN", "obl 1", "nk 2"),
    ("auf", "auf", "ADP", "compound:prt 1", "svp 1", "", "PTKVZ"),
    (".", ".", "PUNCT", "punct 1", "punct 1")])
CAME_WHEN_CALLED = schemes([  # "Die Polizei kam, als Müller zu einer Demonstration aufrief."
    ("Die", "der", "DET", "det 1", "nk 1"), ("Polizei", "Polizei", "NOUN", "nsubj 2", "sb 2"),
    ("kam", "kommen", "VERB", "ROOT 2", "ROOT 2", FIN), (",", ",", "PUNCT", "punct 9", "punct 2"),
    ("als", "als", "SCONJ", "mark 9", "cp 9"), ("Müller", "Müller", "PROPN", "nsubj 9", "sb 9"),
    ("zu", "zu", "ADP", "case 8", "mo 9"), ("einer", "ein", "DET", "det 8", "nk 8"),
    ("Demonstration", "Demonstration", "NOUN", "obl 9", "nk 6"),
    ("aufrief", "aufrufen", "VERB", "advcl 2", "mo 2", FIN), (".", ".", "PUNCT", "punct 2", "punct 2")])


@pytest.mark.parametrize("scheme", ["ud", "tiger"])
def test_a_speech_act_told_in_a_subordinate_clause_is_no_quotation_of_its_sentence(scheme):
    ents = [("Müller", "PER")]
    assert found([[CALLED[scheme]]], ents=ents, scheme=scheme) == \
        [("reported", "Müller rief zu einer Demonstration auf", "Müller")]
    assert found([[CAME_WHEN_CALLED[scheme]]], ents=ents, scheme=scheme) == []
    in_parentheses = [("(", "(", "PUNCT", "punct", 1)] + \
        [(t[0], t[1], t[2], t[3], t[4] + 1, *t[5:]) for t in CALLED[scheme][:-1]] + \
        [(")", ")", "PUNCT", "punct", 2), (".", ".", "PUNCT", "punct", 2)]
    assert found([[in_parentheses]], ents=ents, scheme=scheme) == []


def quoted_word(before, word, lemma, pos):
    """"Müller nannte <before> „<word>“." (UD)."""
    head = 2 + len(before)
    return [("Müller", "Müller", "PROPN", "nsubj", 1), ("nannte", "nennen", "VERB", "ROOT", 1, FIN),
            *[(w, w.lower(), "ADP" if w == "als" else "NOUN", "case" if w == "als" else "obj", head + 1)
              for w in before],
            ("„", "„", "PUNCT", "punct", head + 1), (word, lemma, pos, "obj", 1),
            ("“", "“", "PUNCT", "punct", head + 1), (".", ".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("before,word,pos,quoted", [
    ([], "Billboard", "PROPN", False),  # a name in marks: "die Zeitschrift „Billboard“"
    ([], "fahrlässig", "ADJ", True),  # a verdict in the speaker's word
    (["es", "als"], "Kapitulation", "NOUN", True),  # a predicate after "als"
])
def test_one_capitalised_word_in_marks_is_a_name_unless_a_predicate(before, word, pos, quoted):
    rows = found([[quoted_word(before, word, word, pos)]], ents=[("Müller", "PER")])
    assert (("direct", word, "Müller") in rows) is quoted


def test_a_prefix_word_closing_the_clause_is_the_verbs_particle_whatever_its_tag():
    announced = [("Arroyo", "Arroyo", "PROPN", "nsubj", 1), ("gab", "geben", "VERB", "ROOT", 1, FIN),
                 ("die", "der", "DET", "det", 3), ("Festnahme", "Festnahme", "NOUN", "obj", 1),
                 ("bekannt", "bekannt", "ADJ", "conj", 1), (".", ".", "PUNCT", "punct", 1)]
    rows = quotes([[announced]], ents=[("Arroyo", "PER")])
    assert [(q["kind"], q["cue"]["lemma"]) for q in rows] == [("reported", "bekanntgeben")]


@pytest.mark.parametrize("parse", [True, False])
def test_two_words_after_a_cue_are_no_claim_three_are(parse):
    def said(*words):
        return [("Müller", "Müller", "PROPN", "nsubj", 1), ("sagte", "sagen", "VERB", "ROOT", 1, FIN),
                (":", ":", "PUNCT", "punct", 1)] + \
            [(w, w.lower(), "ADV", "advmod" if k else "parataxis", 3 if k else 1)
             for k, w in enumerate(words)] + [(".", ".", "PUNCT", "punct", 1)]
    ents = [("Müller", "PER")]
    assert found([[said("Nein", "danke")]], ents=ents, parse=parse) == []
    assert found([[said("Nein", "danke", "sehr")]], ents=ents, parse=parse) == \
        [("indirect", "Nein danke sehr", "Müller")]


def _marked(words, pos):
    """„<words>“ as tokens (UD, heads inside the quote on its first word)."""
    k = len(words)
    return [("„", "„", "PUNCT", "punct", 1)] + \
        [(w, w.lower(), p, "ROOT" if i == 0 else "dep", 1) for i, (w, p) in enumerate(zip(words, pos))] + \
        [("“", "“", "PUNCT", "punct", 1)] if k else []


def test_a_capitalised_phrase_without_a_verb_that_nobody_introduces_is_a_title():
    title = _marked(["Die", "Früchte", "des", "Zorns", "heute"], ["DET", "NOUN", "DET", "NOUN", "ADV"])
    words = ["Wir", "haben", "es", "endlich", "geschafft"]
    said = _marked(words, ["PRON", "AUX", "PRON", "ADV", "VERB"])
    for quote in (title, said):
        quote.append((".", ".", "PUNCT", "punct", 1))
    assert found([[title]]) == []
    assert [q[0] for q in found([[said]])] == ["direct"]
    assert [q[0] for q in found([[title]], parse=False)] == ["direct"]  # untagged: unknown


def test_a_speech_act_that_tells_more_than_its_quote_is_a_quotation_of_its_own():
    def warned(rest):
        return [("Experten", "Experte", "NOUN", "nsubj", 1), ("warnten", "warnen", "VERB", "ROOT", 1, FIN),
                ("vor", "vor", "ADP", "case", 4), ("einem", "ein", "DET", "det", 4),
                ("„", "„", "PUNCT", "punct", 6), ("drohenden", "drohend", "ADJ", "amod", 6),
                ("Abfluss", "Abfluss", "NOUN", "obl", 1), ("“", "“", "PUNCT", "punct", 6)] + \
            rest + [(".", ".", "PUNCT", "punct", 1)]
    far = [(w, w.lower(), "NOUN" if w[0].isupper() else "ADP", "nmod", 6)
           for w in ("von", "Ingenieuren", "ins", "Ausland", "seit", "vielen", "Jahren")]
    kinds = [q[0] for q in found([[warned(far)]])]
    assert "reported" in kinds  # the quote is a small part of what they warned of
    assert [q[0] for q in found([[warned([])]])] == ["direct"]  # mostly the quote: it


def test_an_event_of_the_headline_is_claimed_by_the_headlines_speaker(rules_nlp):
    # The headline's quotations are no quotes rows (the article tells the claim again),
    # but an event told in one is that speaker's claim, not the article's own fact.
    from transforms.events.rows import event_rows
    from transforms.extract.context import build
    from transforms.nlp import model as nlp_model
    from transforms.nlp.handler import SpacyModelHandler
    from transforms.quotes.rows import quote_rows
    from transforms.read.feed import parse_article
    from transforms.read.rows import article_row
    raw = ("date 2024-03 Der Minister erklärte, dass die Regierung die Forderungen ablehne.\n\n"
           "Die Gewerkschaft hatte mehr Lohn verlangt.\n").encode()
    row = article_row(parse_article(raw, "mem://a.txt"),
                      {"run_id": "t", "pipeline_version": "test", "model": "m"})
    assert row["lead"].startswith("Der Minister erklärte")
    annotated = next(iter(SpacyModelHandler(nlp_model.RULES, "test").run_inference(
        [row], rules_nlp))).inference
    article = build(annotated)
    assert all(q["spans"][0]["start"] > len(row["lead"]) for q in quote_rows(article))
    reject = next(e for e in event_rows(article) if e["event_type"] == "REJECT")
    assert reject["modality"] == "reported"
    assert reject["source"]["text"] == "Minister" and reject["quote_id"] is None
