"""The extractors share what they derive per article (word senses); the rows must not
depend on which extractor asks first. The quotes read the sentences with the model's
false boundaries mended, the events the model's own: a verb's separated particle found
in one must not be what the other gets."""

from tests.quote_docs import FIN, SUB, article
from transforms.events.extract import events
from transforms.quotes.rows import quote_rows

# The model ends a sentence after "teilte": its particle "mit" stands in the next one.
_HEAD = [("Die", "der", "DET", "det", 1), ("Polizei", "Polizei", "NOUN", "nsubj", 2),
         ("teilte", "teilen", "VERB", "ROOT", 2, FIN, "VVFIN")]
_REST = [("am", "an", "ADP", "case", 1), ("Montag", "Montag", "NOUN", "obl", 2),
         ("mit", "mit", "ADP", "compound:prt", 2, "", "PTKVZ"), (",", ",", "PUNCT", "punct", 2),
         ("dass", "dass", "SCONJ", "mark", 7), ("der", "der", "DET", "det", 6),
         ("Mann", "Mann", "NOUN", "nsubj", 7),
         ("festgenommen", "festnehmen", "VERB", "ccomp", 2, "VerbForm=Part"),
         ("worden", "werden", "AUX", "aux", 7), ("sei", "sein", "AUX", "aux", 7, SUB),
         (".", ".", "PUNCT", "punct", 2)]


def _rows(order):
    ctx = article([[_HEAD, _REST]])
    assert len(list(ctx.doc.sents)) == 2 and len(ctx.sentences) == 1
    out = {}
    for step in order:
        if step == "events":
            out[step] = sorted((e.trigger.lemma, e.trigger.token.text) for e in events(ctx))
        else:
            out[step] = [(q["kind"], q["quote_text"], q["cue"]["lemma"]) for q in quote_rows(ctx)]
    return out


def test_quotes_and_events_do_not_depend_on_which_asks_first():
    quotes_first, events_first = _rows(["quotes", "events"]), _rows(["events", "quotes"])
    assert quotes_first == events_first
    assert events_first["quotes"] == [
        ("indirect", "dass der Mann festgenommen worden sei", "mitteilen")]
