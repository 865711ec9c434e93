"""What the quotation steps hand each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from transforms.coref.linking import Argument

DIRECT, INDIRECT, REPORTED, FREE_INDIRECT = "direct", "indirect", "reported", "free_indirect"
# The speaker words of an attribution whose speaker is its sentence's subject ("nach
# eigenen Angaben"): not an empty phrase, which would name nobody.
SUBJECT_SPEAKS = ("subject",)


@dataclass(frozen=True)
class Cue:
    """The words that introduce a quotation: a speech verb (with its particle), a speech
    noun, or an attribution phrase's marker ("laut", "zufolge", "so", "Angaben")."""
    tokens: tuple[int, ...]  # token indices, in text order
    text: str
    lemma: str
    start: int  # characters
    end: int
    verb: bool  # a speech verb: its subject is the speaker
    attribution: bool = False  # laut / zufolge / nach Angaben / so / demnach
    event: bool = False  # a speech act that is an event (not "hoffen")
    needs_content: bool = False  # counts only with a clause or quote ("meinen", "sehen")
    words: tuple[int, ...] = ()  # an attribution phrase's tokens, its preposition included
    quoted_object: bool = False  # the object speaks ("zitierte den Minister mit ...")


@dataclass
class Quotation:
    spans: list[tuple[int, int]]  # token ranges [start, end) of the quoted words
    kind: str
    cue: Cue | None = None
    speaker: Argument | None = None
    addressee: Argument | None = None
    sentences: tuple[int, int] = (0, 0)  # first and last sentence index
    nested_in: "Quotation | None" = field(default=None, repr=False)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def covers(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.spans)
