"""Event rules on hand-built Docs (words, heads, deps, morph, ents): no model needed.

Each sentence is given as tokens ``(text, lemma, pos, dep, head[, morph[, tag]])`` with
absolute head indices, in the TIGER scheme (official spaCy German models) or the UD
scheme (models trained on UD German), and goes through the same path as the pipeline:
Doc -> annotated row -> ``event_rows``.
"""

import datetime as dt

import pytest

from transforms.events.lexicon import Lexicon, LexiconError
from transforms.events.lexicon import default as default_lexicon
from transforms.events.rows import event_rows
from transforms.extract.context import build as article_context
from transforms.nlp.annotated import doc_to_columns, make_doc
from transforms.quotes.rows import quote_rows


def sentence(tokens, ents=(), scheme="ud", date=dt.date(2023, 9, 1), precision="month",
             topic="politics", parse=True, starts=(0,)):
    words = [t[0] for t in tokens]
    doc = make_doc(
        words, lemmas=[t[1] for t in tokens], pos=[t[2] for t in tokens],
        tags=[t[6] if len(t) > 6 else "" for t in tokens],
        morphs=[t[5] if len(t) > 5 else "" for t in tokens],
        deps=[t[3] for t in tokens] if parse else None,
        heads=[t[4] for t in tokens] if parse else None,
        sent_starts=[i in starts for i in range(len(tokens))], ents=ents)
    row = {**doc_to_columns([doc], has_parse=parse), "article_id": "a", "source_uri": "a.txt",
           "date": date, "date_precision": precision, "month": date.strftime("%Y-%m"),
           "lead_end": 0, "topic": topic, "text": doc.text,
           "label_scheme": scheme if parse else None,
           "model": "m", "pipeline_version": "t", "run_id": "r"}
    article = article_context(row)
    return Events(event_rows(article), {q["quote_id"]: q for q in quote_rows(article)})


class Events(list):
    """An article's event rows, with its quotes by id (a speech act names its quote)."""

    def __init__(self, rows, quotes):
        super().__init__(rows)
        self.quotes = quotes


def one(events, event_type):
    found = [e for e in events if e["event_type"] == event_type]
    assert len(found) == 1, [(e["event_type"], e["trigger_text"]) for e in events]
    return found[0]


def name(arg):
    return None if arg is None else (arg["canonical_name"] or arg["text"])


SUB = "Mood=Sub"

# --- TIGER -------------------------------------------------------------------------------


def test_tiger_coordinated_subject_reflexive_and_location():
    events = sentence([
        ("Putin", "Putin", "PROPN", "sb", 3), ("und", "und", "CCONJ", "cd", 0),
        ("Kim", "Kim", "PROPN", "cj", 1), ("trafen", "treffen", "VERB", "ROOT", 3),
        ("sich", "sich", "PRON", "oa", 3, "Reflex=Yes"), ("in", "in", "ADP", "mo", 3),
        ("Wladiwostok", "Wladiwostok", "PROPN", "nk", 5), (".", ".", "PUNCT", "punct", 3),
    ], ents=[(0, 1, "PER"), (2, 3, "PER"), (6, 7, "LOC")], scheme="tiger")
    e = one(events, "CONSULT")
    assert (e["event_mode"], name(e["actor1"]), name(e["actor2"])) == ("meet", "Putin", "Kim")
    assert name(e["location"]) == "Wladiwostok" and e["modality"] == "asserted"
    assert (e["cameo_root"], e["quad_class"]) == ("04", 1)
    assert e["actor1"]["label"] == "PER" and e["actor1"]["entity_key"]


def test_tiger_passive_agent_is_actor1():
    events = sentence([
        ("Kim", "Kim", "PROPN", "sb", 1), ("wurde", "werden", "AUX", "ROOT", 1, "", "VAFIN"),
        ("von", "von", "ADP", "sbp", 4), ("Putin", "Putin", "PROPN", "nk", 2),
        ("empfangen", "empfangen", "VERB", "oc", 1, "VerbForm=Part", "VVPP"),
        (".", ".", "PUNCT", "punct", 1),
    ], ents=[(0, 1, "PER"), (3, 4, "PER")], scheme="tiger")
    e = one(events, "CONSULT")
    assert (name(e["actor1"]), name(e["actor2"])) == ("Putin", "Kim")


@pytest.mark.parametrize("determiner,modality", [(None, "speculative"), ("keine", "negated")])
def test_tiger_modal_dative_and_negation(determiner, modality):
    tokens = [
        ("Nordkorea", "Nordkorea", "PROPN", "sb", 1),
        ("könnte", "können", "AUX", "ROOT", 1, SUB, "VMFIN"),
        ("Russland", "Russland", "PROPN", "da", 5),
        ("keine", "kein", "DET", "nk", 4), ("Munition", "Munition", "NOUN", "oa", 5),
        ("liefern", "liefern", "VERB", "oc", 1, "VerbForm=Inf", "VVINF"),
        (".", ".", "PUNCT", "punct", 1)]
    ents = [(0, 1, "LOC"), (2, 3, "LOC")]
    if determiner is None:
        tokens = [t if i != 3 else ("die", "der", "DET", "nk", 4) for i, t in enumerate(tokens)]
    e = one(sentence(tokens, ents=ents, scheme="tiger"), "AID")
    assert e["event_mode"] == "military"  # from the object "Munition"
    assert (name(e["actor1"]), name(e["actor2"])) == ("Nordkorea", "Russland")
    assert e["modality"] == modality


def test_tiger_separable_verb_and_postposed_source():
    events = sentence([
        ("Südkorea", "Südkorea", "PROPN", "nk", 1), ("zufolge", "zufolge", "ADP", "mo", 2),
        ("feuerte", "feuern", "VERB", "ROOT", 2, "", "VVFIN"),
        ("Nordkorea", "Nordkorea", "PROPN", "sb", 2), ("Raketen", "Rakete", "NOUN", "oa", 2),
        ("ab", "ab", "ADP", "svp", 2, "", "PTKVZ"), (".", ".", "PUNCT", "punct", 2),
    ], ents=[(0, 1, "LOC"), (3, 4, "LOC")], scheme="tiger")
    e = one(events, "MOBILIZE")
    assert (e["trigger_lemma"], e["event_mode"]) == ("abfeuern", "weapons test")
    assert e["trigger_text"] == "feuerte … ab"
    assert name(e["actor1"]) == "Nordkorea"
    assert name(e["source"]) == "Südkorea" and e["modality"] == "reported"


def test_tiger_genitive_attribute_of_a_nominal_trigger():
    events = sentence([
        ("Kims", "Kim", "PROPN", "ag", 1, "Case=Gen"), ("Reise", "Reise", "NOUN", "sb", 4),
        ("nach", "nach", "ADP", "mnr", 1), ("Russland", "Russland", "PROPN", "nk", 2),
        ("begann", "beginnen", "VERB", "ROOT", 4), (".", ".", "PUNCT", "punct", 4),
    ], ents=[(0, 1, "PER"), (3, 4, "LOC")], scheme="tiger")
    e = one(events, "CONSULT")
    assert (e["event_mode"], e["actor1"]["text"], name(e["location"])) == \
        ("travel", "Kims", "Russland")
    assert e["actor1"]["label"] == "PER"


def test_tiger_zwischen_and_planned_participle():
    events = sentence([
        ("Das", "der", "DET", "nk", 1), ("Treffen", "Treffen", "NOUN", "sb", 6),
        ("zwischen", "zwischen", "ADP", "mnr", 1), ("Putin", "Putin", "PROPN", "nk", 2),
        ("und", "und", "CCONJ", "cd", 3), ("Kim", "Kim", "PROPN", "cj", 4),
        ("ist", "sein", "AUX", "ROOT", 6), ("geplant", "planen", "VERB", "pd", 6),
        (".", ".", "PUNCT", "punct", 6),
    ], ents=[(3, 4, "PER"), (5, 6, "PER")], scheme="tiger")
    e = one(events, "CONSULT")
    assert (name(e["actor1"]), name(e["actor2"])) == ("Putin", "Kim")
    assert e["modality"] == "planned"


def test_tiger_conditional_clause():
    events = sentence([
        ("Falls", "falls", "SCONJ", "cp", 3), ("Pjöngjang", "Pjöngjang", "PROPN", "sb", 3),
        ("Waffen", "Waffe", "NOUN", "oa", 3), ("liefert", "liefern", "VERB", "mo", 5),
        (",", ",", "PUNCT", "punct", 3), ("droht", "drohen", "VERB", "ROOT", 5),
        ("Ärger", "Ärger", "NOUN", "sb", 5), (".", ".", "PUNCT", "punct", 5),
    ], ents=[(1, 2, "LOC")], scheme="tiger")
    e = one(events, "AID")
    assert e["modality"] == "conditional" and name(e["actor1"]) == "Pjöngjang"

# --- UD ----------------------------------------------------------------------------------


def test_ud_coordination_aux_and_reflexive():
    events = sentence([
        ("Kim", "Kim", "PROPN", "nsubj", 5), ("und", "und", "CCONJ", "cc", 2),
        ("Putin", "Putin", "PROPN", "conj", 0), ("haben", "haben", "AUX", "aux", 5),
        ("sich", "sich", "PRON", "obj", 5, "Reflex=Yes"),
        ("getroffen", "treffen", "VERB", "ROOT", 5, "VerbForm=Part"),
        (".", ".", "PUNCT", "punct", 5),
    ], ents=[(0, 1, "PER"), (2, 3, "PER")])
    e = one(events, "CONSULT")
    assert (name(e["actor1"]), name(e["actor2"]), e["modality"]) == ("Kim", "Putin", "asserted")


def test_ud_passive_agent_and_mit_pp():
    passive = sentence([
        ("Kim", "Kim", "PROPN", "nsubj:pass", 4), ("wurde", "werden", "AUX", "aux:pass", 4),
        ("von", "von", "ADP", "case", 3), ("Putin", "Putin", "PROPN", "obl:agent", 4),
        ("empfangen", "empfangen", "VERB", "ROOT", 4), (".", ".", "PUNCT", "punct", 4),
    ], ents=[(0, 1, "PER"), (3, 4, "PER")])
    e = one(passive, "CONSULT")
    assert (name(e["actor1"]), name(e["actor2"])) == ("Putin", "Kim")

    with_pp = sentence([
        ("Putin", "Putin", "PROPN", "nsubj", 1), ("traf", "treffen", "VERB", "ROOT", 1),
        ("sich", "sich", "PRON", "obj", 1, "Reflex=Yes"), ("mit", "mit", "ADP", "case", 4),
        ("Kim", "Kim", "PROPN", "obl", 1), (".", ".", "PUNCT", "punct", 1),
    ], ents=[(0, 1, "PER"), (4, 5, "PER")])
    e = one(with_pp, "CONSULT")
    assert (name(e["actor1"]), name(e["actor2"])) == ("Putin", "Kim")


def test_ud_subjunctive_modal_is_speculative_and_dative_is_actor2():
    events = sentence([
        ("Nordkorea", "Nordkorea", "PROPN", "nsubj", 4),
        ("dürfte", "dürfen", "AUX", "aux", 4, SUB, "VMFIN"),
        ("Russland", "Russland", "PROPN", "iobj", 4), ("Munition", "Munition", "NOUN", "obj", 4),
        ("liefern", "liefern", "VERB", "ROOT", 4, "VerbForm=Inf"), (".", ".", "PUNCT", "punct", 4),
    ], ents=[(0, 1, "LOC"), (2, 3, "LOC")])
    e = one(events, "AID")
    assert (name(e["actor1"]), name(e["actor2"]), e["modality"]) == \
        ("Nordkorea", "Russland", "speculative")


def test_ud_nicht_negates():
    events = sentence([
        ("Putin", "Putin", "PROPN", "nsubj", 4), ("hat", "haben", "AUX", "aux", 4),
        ("Kim", "Kim", "PROPN", "obj", 4), ("nicht", "nicht", "PART", "advmod", 4, "Polarity=Neg"),
        ("getroffen", "treffen", "VERB", "ROOT", 4), (".", ".", "PUNCT", "punct", 4),
    ], ents=[(0, 1, "PER"), (2, 3, "PER")])
    assert one(events, "CONSULT")["modality"] == "negated"


def test_ud_kein_before_a_nominal_trigger_negates():
    events = sentence([
        ("Es", "es", "PRON", "nsubj", 1), ("gab", "geben", "VERB", "ROOT", 1),
        ("kein", "kein", "DET", "det", 3), ("Treffen", "Treffen", "NOUN", "obj", 1),
        (".", ".", "PUNCT", "punct", 1)])
    assert one(events, "CONSULT")["modality"] == "negated"


def test_ud_wolle_is_planned_and_sagte_x_is_source_and_statement():
    events = sentence([
        ("Kim", "Kim", "PROPN", "nsubj", 3), ("wolle", "wollen", "AUX", "aux", 3, SUB, "VMFIN"),
        ("Putin", "Putin", "PROPN", "obj", 3), ("treffen", "treffen", "VERB", "ROOT", 3,
                                                "VerbForm=Inf"),
        (",", ",", "PUNCT", "punct", 5), ("sagte", "sagen", "VERB", "parataxis", 3),
        ("Peskow", "Peskow", "PROPN", "nsubj", 5), (".", ".", "PUNCT", "punct", 3),
    ], ents=[(0, 1, "PER"), (2, 3, "PER"), (6, 7, "PER")])
    meet = one(events, "CONSULT")
    assert (name(meet["actor1"]), name(meet["actor2"])) == ("Kim", "Putin")
    assert meet["modality"] == "planned" and name(meet["source"]) == "Peskow"
    said = one(events, "STATEMENT")
    quote = events.quotes[said["quote_id"]]
    assert (name(said["actor1"]), quote["kind"], quote["quote_text"]) == \
        ("Peskow", "indirect", "Kim wolle Putin treffen")
    assert (said["cameo_root"], said["quad_class"]) == ("01", 1)


def test_ud_soll_is_reported_hearsay_with_participle_particle():
    events = sentence([
        ("Nordkorea", "Nordkorea", "PROPN", "nsubj", 3), ("soll", "sollen", "AUX", "aux", 3),
        ("Raketen", "Rakete", "NOUN", "obj", 3),
        ("abgefeuert", "abfeuern", "VERB", "ROOT", 3, "VerbForm=Part"),
        ("haben", "haben", "AUX", "aux", 3), (".", ".", "PUNCT", "punct", 3),
    ], ents=[(0, 1, "LOC")])
    e = one(events, "MOBILIZE")
    assert (e["trigger_lemma"], e["modality"]) == ("abfeuern", "reported")


def test_ud_werde_with_infinitive_is_planned():
    events = sentence([
        ("Putin", "Putin", "PROPN", "nsubj", 3), ("werde", "werden", "AUX", "aux", 3, SUB),
        ("Wostotschny", "Wostotschny", "PROPN", "obj", 3),
        ("besuchen", "besuchen", "VERB", "ROOT", 3, "VerbForm=Inf"),
        (".", ".", "PUNCT", "punct", 3),
    ], ents=[(0, 1, "PER"), (2, 3, "LOC")])
    e = one(events, "CONSULT")
    assert (e["event_mode"], e["modality"]) == ("visit", "planned")


@pytest.mark.parametrize("hedge", ["vermutlich", "womöglich", "möglicherweise", "wahrscheinlich"])
def test_ud_hedges_are_speculative(hedge):
    events = sentence([
        ("Putin", "Putin", "PROPN", "nsubj", 1), ("trifft", "treffen", "VERB", "ROOT", 1),
        (hedge, hedge, "ADV", "advmod", 1), ("Kim", "Kim", "PROPN", "obj", 1),
        (".", ".", "PUNCT", "punct", 1),
    ], ents=[(0, 1, "PER"), (3, 4, "PER")])
    assert one(events, "CONSULT")["modality"] == "speculative"


def test_ud_wenn_clause_is_conditional():
    events = sentence([
        ("Wenn", "wenn", "SCONJ", "mark", 3), ("Russland", "Russland", "PROPN", "nsubj", 3),
        ("Waffen", "Waffe", "NOUN", "obj", 3), ("liefert", "liefern", "VERB", "advcl", 5),
        (",", ",", "PUNCT", "punct", 3), ("drohen", "drohen", "VERB", "ROOT", 5),
        ("Sanktionen", "Sanktion", "NOUN", "nsubj", 5), (".", ".", "PUNCT", "punct", 5),
    ], ents=[(1, 2, "LOC")])
    assert one(events, "AID")["modality"] == "conditional"


def test_ud_nach_angaben_von_x_is_the_source():
    events = sentence([
        ("Nach", "nach", "ADP", "case", 1), ("Angaben", "Angabe", "NOUN", "obl", 4),
        ("von", "von", "ADP", "case", 3), ("Interfax", "Interfax", "PROPN", "nmod", 1),
        ("besuchte", "besuchen", "VERB", "ROOT", 4), ("Kim", "Kim", "PROPN", "nsubj", 4),
        ("Wostotschny", "Wostotschny", "PROPN", "obj", 4), (".", ".", "PUNCT", "punct", 4),
    ], ents=[(3, 4, "ORG"), (5, 6, "PER"), (6, 7, "LOC")])
    e = one(events, "CONSULT")
    assert (name(e["actor1"]), name(e["source"]), e["modality"]) == \
        ("Kim", "Interfax", "reported")


def test_ud_nach_demonym_angaben_is_the_country():
    events = sentence([
        ("Nordkorea", "Nordkorea", "PROPN", "nsubj", 1), ("feuerte", "feuern", "VERB", "ROOT", 1),
        ("nach", "nach", "ADP", "case", 4), ("südkoreanischen", "südkoreanisch", "ADJ", "amod", 4),
        ("Angaben", "Angabe", "NOUN", "obl", 1), ("Raketen", "Rakete", "NOUN", "obj", 1),
        ("ab", "ab", "ADP", "compound:prt", 1, "", "PTKVZ"), (".", ".", "PUNCT", "punct", 1),
    ], ents=[(0, 1, "LOC")])
    e = one(events, "MOBILIZE")
    assert name(e["source"]) == "Südkorea" and e["modality"] == "reported"


def test_ud_teilte_x_mit_and_wie_x_berichtete():
    events = sentence([
        ("Kim", "Kim", "PROPN", "nsubj", 1), ("reiste", "reisen", "VERB", "ROOT", 1),
        ("nach", "nach", "ADP", "case", 3), ("Russland", "Russland", "PROPN", "obl", 1),
        (",", ",", "PUNCT", "punct", 5), ("teilte", "teilen", "VERB", "parataxis", 1),
        ("KCNA", "KCNA", "PROPN", "nsubj", 5), ("mit", "mit", "ADP", "compound:prt", 5, "", "PTKVZ"),
        (".", ".", "PUNCT", "punct", 1),
    ], ents=[(0, 1, "PER"), (3, 4, "LOC"), (6, 7, "ORG")])
    travel = one(events, "CONSULT")
    assert (travel["event_mode"], name(travel["location"]), name(travel["source"])) == \
        ("travel", "Russland", "KCNA")
    said = one(events, "STATEMENT")
    assert (said["trigger_lemma"], name(said["actor1"])) == ("mitteilen", "KCNA")
    assert events.quotes[said["quote_id"]]["quote_text"] == "Kim reiste nach Russland"

    events = sentence([
        ("Wie", "wie", "SCONJ", "mark", 2), ("Yonhap", "Yonhap", "PROPN", "nsubj", 2),
        ("berichtete", "berichten", "VERB", "advcl", 4), (",", ",", "PUNCT", "punct", 2),
        ("feuerte", "feuern", "VERB", "ROOT", 4), ("Nordkorea", "Nordkorea", "PROPN", "nsubj", 4),
        ("Raketen", "Rakete", "NOUN", "obj", 4), ("ab", "ab", "ADP", "compound:prt", 4, "", "PTKVZ"),
        (".", ".", "PUNCT", "punct", 4),
    ], ents=[(1, 2, "ORG"), (5, 6, "LOC")])
    assert name(one(events, "MOBILIZE")["source"]) == "Yonhap"


def test_ud_direct_quote_statement():
    tokens = [("„", "„", "PUNCT", "punct", 4), ("Wir", "wir", "PRON", "nsubj", 4),
              ("werden", "werden", "AUX", "aux", 4), ("alles", "alles", "PRON", "obj", 4),
              ("besprechen", "besprechen", "VERB", "ROOT", 4), ("“", "“", "PUNCT", "punct", 4),
              (",", ",", "PUNCT", "punct", 7), ("sagte", "sagen", "VERB", "parataxis", 4),
              ("Putin", "Putin", "PROPN", "nsubj", 7), (".", ".", "PUNCT", "punct", 4)]
    events = sentence(tokens, ents=[(8, 9, "PER")])
    e = one(events, "STATEMENT")
    quote = events.quotes[e["quote_id"]]
    assert (name(e["actor1"]), quote["kind"]) == ("Putin", "direct")
    assert quote["quote_text"] == "Wir werden alles besprechen"
    assert name(quote["speaker"]) == "Putin" and quote["cue"]["lemma"] == "sagen"
    (span,) = quote["spans"]
    assert span["start"] < span["end"] <= e["evidence_end"]


def test_ud_nearest_entity_inside_the_noun_phrase():
    events = sentence([
        ("Südkoreas", "Südkorea", "PROPN", "nmod:poss", 2), ("oberste", "oberst", "ADJ", "amod", 2),
        ("Kommandobehörde", "Kommandobehörde", "NOUN", "nsubj", 3),
        ("kritisierte", "kritisieren", "VERB", "ROOT", 3), ("Nordkorea", "Nordkorea", "PROPN", "obj", 3),
        (".", ".", "PUNCT", "punct", 3),
    ], ents=[(0, 1, "LOC", "Südkorea"), (4, 5, "LOC")])
    e = one(events, "DISAPPROVE")
    assert e["actor1"]["text"] == "Südkoreas" and e["actor1"]["canonical_name"] == "Südkorea"
    assert name(e["actor2"]) == "Nordkorea" and e["event_mode"] == "criticize"


def test_ud_genitive_name_before_a_titled_name_is_not_the_actor():
    events = sentence([
        ("Nordkoreas", "Nordkorea", "PROPN", "nsubj", 5), ("Machthaber", "Machthaber", "NOUN", "appos", 0),
        ("Kim", "Kim", "PROPN", "appos", 1), ("hat", "haben", "AUX", "aux", 5),
        ("Putin", "Putin", "PROPN", "obj", 5), ("getroffen", "treffen", "VERB", "ROOT", 5),
        (".", ".", "PUNCT", "punct", 5),
    ], ents=[(0, 1, "LOC", "Nordkorea"), (2, 3, "PER"), (4, 5, "PER")])
    e = one(events, "CONSULT")
    assert (name(e["actor1"]), name(e["actor2"])) == ("Kim", "Putin")


def test_time_expressions_resolve_against_the_article_date():
    tokens = [("Am", "an", "ADP", "case", 3), ("11.", "11.", "NUM", "nummod", 3),
              ("August", "August", "PROPN", "obl", 4), ("x", "x", "X", "dep", 4),
              ("traf", "treffen", "VERB", "ROOT", 4), ("Putin", "Putin", "PROPN", "nsubj", 4),
              ("Kim", "Kim", "PROPN", "obj", 4), (".", ".", "PUNCT", "punct", 4)]
    tokens[3] = ("2023", "2023", "NUM", "nmod", 2)
    e = one(sentence(tokens, ents=[(5, 6, "PER"), (6, 7, "PER")]), "CONSULT")
    assert (e["event_date"], e["date_precision"], e["time_text"]) == \
        (dt.date(2023, 8, 11), "day", "Am 11. August 2023")

    tokens = [("Putin", "Putin", "PROPN", "nsubj", 1), ("traf", "treffen", "VERB", "ROOT", 1),
              ("Kim", "Kim", "PROPN", "obj", 1), ("am", "an", "ADP", "case", 4),
              ("Dienstag", "Dienstag", "PROPN", "obl", 1), (".", ".", "PUNCT", "punct", 1)]
    ents = [(0, 1, "PER"), (2, 3, "PER")]
    month_only = one(sentence(tokens, ents=ents), "CONSULT")
    assert (month_only["event_date"], month_only["date_precision"], month_only["time_text"]) == \
        (dt.date(2023, 9, 1), "month", "am Dienstag")
    assert name(month_only["actor2"]) == "Kim"  # "am Dienstag" is no actor
    dated = one(sentence(tokens, ents=ents, date=dt.date(2023, 9, 14), precision="day"),
                "CONSULT")
    assert (dated["event_date"], dated["date_precision"]) == (dt.date(2023, 9, 12), "day")


def test_without_a_parse_nearest_entities_stand_in_with_low_confidence():
    tokens = [("Putin", "Putin", "PROPN", "", 0), ("traf", "treffen", "VERB", "", 0),
              ("Kim", "Kim", "PROPN", "", 0), ("in", "in", "ADP", "", 0),
              ("Moskau", "Moskau", "PROPN", "", 0), (".", ".", "PUNCT", "", 0)]
    events = sentence(tokens, ents=[(0, 1, "PER"), (2, 3, "PER"), (4, 5, "LOC")], parse=False)
    e = one(events, "CONSULT")
    assert (name(e["actor1"]), name(e["actor2"]), name(e["location"])) == \
        ("Putin", "Kim", "Moskau")
    assert e["confidence"] <= 0.4


def test_event_ids_are_deterministic_and_offsets_inside_the_text():
    tokens = [("Putin", "Putin", "PROPN", "nsubj", 1), ("traf", "treffen", "VERB", "ROOT", 1),
              ("Kim", "Kim", "PROPN", "obj", 1), (".", ".", "PUNCT", "punct", 1)]
    first = sentence(tokens, ents=[(0, 1, "PER"), (2, 3, "PER")])
    second = sentence(tokens, ents=[(0, 1, "PER"), (2, 3, "PER")])
    assert [e["event_id"] for e in first] == [e["event_id"] for e in second]
    e = first[0]
    assert "Putin traf Kim ."[e["trigger_start"]:e["trigger_end"]] == "traf"


def test_lexicon_is_data_and_a_bad_one_is_refused():
    lexicon = Lexicon.from_text("treffen\tVERB\tCONSULT\tmeet\nZoff\tNOUN\tDISAPPROVE\tquarrel\n")
    assert lexicon.lookup("NOUN", "zoff", []).event_type == "DISAPPROVE"
    with pytest.raises(LexiconError, match="unknown event type"):
        Lexicon.from_text("treffen\tVERB\tMEETING\tmeet\n")
    with pytest.raises(LexiconError, match="pos must be"):
        Lexicon.from_text("treffen\tADJ\tCONSULT\tmeet\n")
    with pytest.raises(LexiconError, match="expected lemma"):  # a constraint one tab too far
        Lexicon.from_text("treffen\tVERB\tCONSULT\tmeet\t\t\tsubj:actor\n")
    default = default_lexicon()
    assert default.lookup("VERB", "liefern", ["Lebensmittel"]).event_mode == "humanitarian"
    assert default.lookup("VERB", "liefern", ["Auto"]).event_mode == "economic"
    assert default.lookup("NOUN", "start", ["Fußballspiel"]) is None  # only with a rocket
    assert default.noun_lemma("Waffenlieferung", "Waffenlieferungen") == "waffenlieferung"
    for lemma, form in [("Besuche", "Besuche"), ("Gespräche", "Gesprächen"),
                        ("Lieferunge", "Lieferungen"), ("Angriffen", "Angriffen")]:
        assert default.noun_lemma(lemma, form), (lemma, form)  # plurals, weak lemmas
    assert default.verb_lemma("plant", "planten") is None
    assert default.verb_lemma("feuert", "feuerte") is None  # only with its particle


def test_cue_words_as_arguments_do_not_change_modality():
    events = sentence([
        ("Brüssel", "Brüssel", "PROPN", "nsubj", 1), ("kritisierte", "kritisieren", "VERB", "ROOT", 1),
        ("die", "der", "DET", "det", 3), ("Pläne", "Plan", "NOUN", "obj", 1),
        (".", ".", "PUNCT", "punct", 1),
    ], ents=[(0, 1, "LOC")])
    assert one(events, "DISAPPROVE")["modality"] == "asserted"


def test_irregular_forms_and_particles_without_a_good_lemmatizer():
    # lemmas as a weak lemmatizer leaves them: the form itself
    events = sentence([
        ("Der", "der", "DET", "det", 1), ("Abgeordnete", "Abgeordnete", "NOUN", "nsubj", 2),
        ("wirft", "wirft", "VERB", "ROOT", 2), ("dem", "der", "DET", "det", 4),
        ("Minister", "Minister", "NOUN", "iobj", 2), ("Wortbruch", "Wortbruch", "NOUN", "obj", 2),
        ("vor", "vor", "ADP", "compound:prt", 2, "", "PTKVZ"), (".", ".", "PUNCT", "punct", 2)])
    assert one(events, "DISAPPROVE")["trigger_lemma"] == "vorwerfen"
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Polizei", "Polizei", "NOUN", "nsubj", 3),
        ("hat", "haben", "AUX", "aux", 3),
        ("festgenommen", "festgenommen", "VERB", "ROOT", 3, "VerbForm=Part"),
        (".", ".", "PUNCT", "punct", 3)])
    assert one(events, "COERCE")["trigger_lemma"] == "festnehmen"


def test_strong_preterites_and_umlaut_plurals_without_a_good_lemmatizer():
    # the lookup table has "griffe" and "griffst" but not "griffen"; the plural form's
    # lemma is its own form
    events = sentence([
        ("Erboste", "Erboste", "ADJ", "amod", 1), ("Muslime", "Muslime", "NOUN", "nsubj", 2),
        ("griffen", "griffen", "VERB", "ROOT", 2), ("die", "der", "DET", "det", 4),
        ("Kopten", "Kopte", "NOUN", "obj", 2), ("an", "an", "ADP", "compound:prt", 2),
        (".", ".", "PUNCT", "punct", 2)])
    e = one(events, "ASSAULT")
    assert (e["trigger_lemma"], e["actor1"]["text"], e["actor2"]["text"]) == (
        "angreifen", "Erboste Muslime", "die Kopten")
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Luftangriffe", "Luftangriffe", "NOUN", "nsubj", 2),
        ("dauerten", "dauern", "VERB", "ROOT", 2), (".", ".", "PUNCT", "punct", 2)])
    assert one(events, "FIGHT")["trigger_lemma"] == "Luftangriff"


def test_a_hyphenated_compound_is_a_trigger_by_its_last_part():
    events = sentence([
        ("Der", "der", "DET", "det", 1), ("G8-Gipfel", "G8-Gipfel", "NOUN", "nsubj", 2),
        ("endete", "enden", "VERB", "ROOT", 2), (".", ".", "PUNCT", "punct", 2)])
    assert one(events, "CONSULT")["trigger_text"] == "G8-Gipfel"


def test_of_two_subjects_the_one_that_can_act_is_actor1():
    # a weak parse makes both nouns subjects: "Die Kritik wies die Regierung zurück"
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Kritik", "Kritik", "NOUN", "nsubj", 2),
        ("wies", "weisen", "VERB", "ROOT", 2), ("die", "der", "DET", "det", 4),
        ("Regierung", "Regierung", "NOUN", "nsubj", 2),
        ("zurück", "zurück", "ADV", "compound:prt", 2), (".", ".", "PUNCT", "punct", 2)])
    e = one(events, "REJECT")
    # what is rejected is the content, not a target: no actor2
    assert (e["actor1"]["text"], e["actor2"]) == ("die Regierung", None)


def test_a_nominal_trigger_takes_its_genitive_and_is_never_its_own_actor():
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Kritik", "Kritik", "NOUN", "nsubj", 4),
        ("des", "der", "DET", "det", 3), ("Ministers", "Minister", "NOUN", "nmod", 1),
        ("verhallte", "verhallen", "VERB", "ROOT", 4), (".", ".", "PUNCT", "punct", 4)])
    assert one(events, "DISAPPROVE")["actor1"]["text"] == "des Ministers"
    events = sentence([
        ("Erstmals", "erstmals", "ADV", "nsubj", 1), ("dauert", "dauern", "VERB", "ROOT", 1),
        ("der", "der", "DET", "det", 3), ("Gipfel", "Gipfel", "NOUN", "obj", 1),
        ("vier", "vier", "NUM", "nummod", 5), ("Tage", "Tag", "NOUN", "obl", 1),
        (".", ".", "PUNCT", "punct", 1)])
    assert one(events, "CONSULT")["actor1"] is None  # an adverb names nobody


@pytest.mark.parametrize("words, modality", [
    # a question asks whether it happened
    ((("Planten", "planen", "VERB", "ROOT", 0), ("die", "der", "DET", "det", 2),
      ("Neonazis", "Neonazi", "NOUN", "nsubj", 0), ("Anschläge", "Anschläge", "NOUN", "obj", 0),
      ("?", "?", "PUNCT", "punct", 0)), "generic"),
    # every case, not one
    ((("Jede", "jede", "DET", "det", 1), ("Demonstration", "Demonstration", "NOUN", "nsubj", 3),
      ("ist", "sein", "AUX", "cop", 3), ("verboten", "verboten", "ADJ", "ROOT", 3),
      (".", ".", "PUNCT", "punct", 3)), "generic"),
    # a demand is for what has not happened
    ((("Er", "er", "PRON", "nsubj", 1), ("fordert", "fordern", "VERB", "ROOT", 1),
      ("den", "der", "DET", "det", 3), ("Rückzug", "Rückzug", "NOUN", "obj", 1),
      (".", ".", "PUNCT", "punct", 1)), "planned"),
])
def test_questions_every_case_and_demands_are_no_plain_fact(words, modality):
    events = sentence(list(words))
    assert [e["modality"] for e in events if e["event_type"] != "DEMAND"][:1] == [modality]


def test_nicht_nur_is_no_negation():
    events = sentence([
        ("Die", "der", "DET", "det", 1), ("Polizei", "Polizei", "NOUN", "nsubj", 2),
        ("verhaftete", "verhaften", "VERB", "ROOT", 2), ("nicht", "nicht", "PART", "advmod", 4),
        ("nur", "nur", "ADV", "advmod", 5), ("Demonstranten", "Demonstrant", "NOUN", "obj", 2),
        (".", ".", "PUNCT", "punct", 2)])
    assert one(events, "COERCE")["modality"] == "asserted"


def test_a_noun_naming_the_verbs_action_again_is_no_second_event():
    events = sentence([
        ("Bei", "bei", "ADP", "case", 2), ("der", "der", "DET", "det", 2),
        ("Festnahme", "Festnahme", "NOUN", "obl", 3), ("nahm", "nehmen", "VERB", "ROOT", 3),
        ("die", "der", "DET", "det", 5), ("Polizei", "Polizei", "NOUN", "nsubj", 3),
        ("zwei", "zwei", "NUM", "nummod", 7), ("Männer", "Mann", "NOUN", "obj", 3),
        ("fest", "fest", "ADP", "compound:prt", 3), (".", ".", "PUNCT", "punct", 3)])
    e = one(events, "COERCE")
    assert (e["trigger_lemma"], e["actor1"]["text"]) == ("festnehmen", "die Polizei")


@pytest.mark.parametrize("target, fight", [("Taliban", True), ("Korruption", False)])
def test_a_fight_against_something_that_cannot_act_is_no_fight(target, fight):
    events = sentence([
        ("Der", "der", "DET", "det", 1), ("Kampf", "Kampf", "NOUN", "nsubj", 5),
        ("gegen", "gegen", "ADP", "case", 4), ("die", "der", "DET", "det", 4),
        (target, target, "NOUN", "nmod", 1), ("geht", "gehen", "VERB", "ROOT", 5),
        ("weiter", "weiter", "ADV", "advmod", 5), (".", ".", "PUNCT", "punct", 5)],
        ents=[(4, 5, "ORG")] if fight else ())
    assert ("FIGHT" in [e["event_type"] for e in events]) == fight
