"""The rule-based German pipeline: what newsbeam runs when no statistical model is there.

spaCy's German tokenizer (with "Kreml-Sprecher" split at the hyphen so the
organisation can be tagged), a punctuation sentence splitter, the lookup lemmatizer
from spacy-lookups-data, and the news-name patterns; the gazetteer is added by the
loader as for every model. No dependency parse: the event extractor falls back to
nearest-entity arguments and marks those events low confidence.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from transforms.lang import de

NAME = "newsbeam_rules_de"


def build(version: str) -> Language:
    nlp = spacy.blank("de")
    infixes = list(nlp.Defaults.infixes) + [de.SPOKESPERSON_HYPHEN.pattern]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    except (ValueError, OSError, ImportError):
        nlp.remove_pipe("lemmatizer")  # spacy-lookups-data missing: lemmas stay empty
    nlp.meta["name"] = NAME
    nlp.meta["version"] = version
    return nlp
