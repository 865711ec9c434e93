"""The article's sentences as the quotation steps read them.

A statistical model's sentence boundaries are guesses: the shared small model puts about
one in eight where no sentence ends ("Nach Angaben des Stromnetzbetreibers | sank der
Verbrauch ...", "EBay-Deutschland | gab dazu bekannt: „…“", "... den Mond | ."). A
quotation cut there loses its cue, its speaker or its words. Here a boundary stands where
the text ends a sentence (a full stop, "!", "?", ":", ";", "…", or a closing quotation
mark after one of them) or a paragraph (a blank line); two parts between which the text
does not end a sentence are one. The parse is not touched: events keep the model's
sentences.

Takes a Doc; gives its sentences as Spans, and each token's sentence index.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from transforms.lang import de
from transforms.quotes.layout import Layout

_TERMINAL = {".", "!", "?", ":", ";", "…"}


class Sentences(list):
    """The sentences (Spans, in order); ``of[i]``: the index of token i's sentence;
    ``paragraphs``: the token ranges [start, end) between blank lines; ``paragraph[k]``:
    the paragraph sentence k starts in."""

    def __init__(self, doc: Doc):
        starts = [0] + [s.start for s in doc.sents if s.start and _ends(doc, s.start)]
        ends = starts[1:] + [len(doc)]
        super().__init__(doc[s:e] for s, e in zip(starts, ends) if e > s)
        self.of = [0] * len(doc)
        for k, sent in enumerate(self):
            self.of[sent.start:sent.end] = [k] * (sent.end - sent.start)
        self.paragraphs, start, in_paragraph = [], 0, [0] * len(doc)
        for token in doc:
            if token.is_space and "\n\n" in token.text:
                self.paragraphs.append((start, token.i))
                start = token.i + 1
            in_paragraph[token.i] = len(self.paragraphs)
        self.paragraphs.append((start, len(doc)))
        self.paragraph = [in_paragraph[sent.start] for sent in self]
        self._layouts: dict[int, Layout] = {}

    def at(self, i: int) -> Span:
        """The sentence token i stands in."""
        return self[self.of[i]]

    def layout(self, sent: Span) -> Layout:
        """Where one of these sentences breaks (``layout.Layout``), built once."""
        k = self.of[sent.start]
        if k not in self._layouts:
            self._layouts[k] = Layout(self[k])
        return self._layouts[k]


def _ends(doc: Doc, start: int) -> bool:
    """Whether the text before token ``start`` ends a sentence or a paragraph."""
    if doc[start].is_space and "\n" in doc[start].text:
        return True
    i = start - 1
    while i >= 0 and doc[i].is_space:
        if "\n" in doc[i].text:
            return True
        i -= 1
    if i < 0:
        return True
    last = doc[i].text
    if last in de.CLOSING_QUOTES and i > 0:
        last = doc[i - 1].text
    return last in _TERMINAL or last[-1:] in _TERMINAL and not last[:-1].isalnum()
