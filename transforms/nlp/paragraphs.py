"""The article's own structure as sentence boundaries, set before any parser decides.

newsbeam's canonical text separates the lead, headings, captions and paragraphs by blank
lines. A sentence never runs across one: a heading has no full stop, and a parser (or a
punctuation splitter) would glue it to the next paragraph ("Wohnungsdurchsuchung" as the
actor of an event in the paragraph under it). This component marks the first token after
every blank line as a sentence start; parsers keep boundaries that are already set.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "newsbeam_paragraphs"


@Language.component(FACTORY)
def paragraph_boundaries(doc: Doc) -> Doc:
    starts, after_break = [], False
    for token in doc:
        if token.is_space and "\n\n" in token.text:
            after_break = True
        elif after_break:
            starts.append(token.i)
            after_break = False
    if starts:
        # All at once: ``token.is_sent_start = True`` checks the whole Doc for a parse
        # each time, which makes a long article's paragraphs quadratic.
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)
        column = doc.to_array(SENT_START)
        column[starts] = 1
        doc.from_array([SENT_START], column)
    return doc


def add_to(nlp: Language) -> None:
    """Before whatever sets sentences from a model (parser, senter), after a rule-based
    splitter (it would overwrite them)."""
    names = nlp.pipe_names
    if "parser" in names:
        nlp.add_pipe(FACTORY, before="parser")
    elif "senter" in names:
        nlp.add_pipe(FACTORY, before="senter")
    elif "sentencizer" in names:
        nlp.add_pipe(FACTORY, after="sentencizer")
    else:
        nlp.add_pipe(FACTORY, first=True)
