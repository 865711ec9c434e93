"""Step 1: direct quotes: the words between quotation marks, paragraph by paragraph.

German news opens with „ and closes with “ (also » «, « », ASCII "), and nests with ‚ ‘.
A quote may run over several sentences of its paragraph; an inner quote belongs to the
outer one. An opening mark without its closing mark runs to the end of its paragraph
(journalists close a quote that goes on in the next paragraph only there). Short quoted
terms ("ein „Papiertiger“", a title) are kept here; ``find`` decides what counts.
"""

from __future__ import annotations

from spacy.tokens import Doc

from transforms.lang import de

_PAIRS = dict(de.QUOTE_PAIRS)  # opening -> closing, in the order they are tried
OPENING_MARKS = frozenset(_PAIRS)
_NESTED_OPENERS = {"‚"}


def _closes(text: str, closer: str) -> bool:
    """The closing mark, alone or glued to a compound: "“-Zeitung" or, as a tokenizer may
    leave it, "Bild“-Zeitung" ("die „Bild“-Zeitung")."""
    return text == closer or text.startswith(closer + "-") or \
        (closer + "-") in text[1:]


def direct_spans(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the words inside outermost quotation marks. An
    opening mark that meets another opening mark of its kind before its closing mark
    runs to it, and the second opens a quote of its own ("„Erster Teil. „Zweiter Teil“,
    sagte X"); an empty pair ("„“") is no quote. A closing mark glued inside a token
    ("„Bild“-Zeitung") closes the quote after that token."""
    out = []
    for p_start, p_end in paragraphs:
        i = p_start
        while i < p_end:
            opener = doc[i].text
            closer = _PAIRS.get(opener)
            if closer is None or opener in _NESTED_OPENERS:
                i += 1
                continue
            j = i + 1
            while j < p_end and not _closes(doc[j].text, closer) and \
                    not (closer != opener and doc[j].text == opener and opener != '"'):
                j += 1
            unclosed = j < p_end and doc[j].text == opener and not _closes(doc[j].text, closer)
            glued = j < p_end and not unclosed and not doc[j].text.startswith(closer)
            inner = (i + 1, min(j + glued, p_end))
            if inner[1] > inner[0]:
                out.append(inner)
            i = j if unclosed else j + 1  # unclosed: the next opening mark opens a quote
    return out
