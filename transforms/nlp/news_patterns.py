"""Names that news text makes obvious, as a spaCy component.

"Präsident Wladimir Putin", "Kreml-Sprecher Dmitri Peskow": a role noun before
capitalised words introduces a person; "Nachrichtenagentur RIA Nowosti" an
organisation; "Kreml-Sprecher" (or "Kreml - Sprecher" when the tokenizer splits the
hyphen) names the organisation before the hyphen. These patterns are precise enough to
overrule a small statistical model where they disagree, and they give the rule-based
fallback its people and organisations.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from transforms.lang import de
from transforms.nlp import gazetteer

FACTORY = "newsbeam_news_patterns"


@Language.factory(FACTORY)
def make_news_patterns(nlp: Language, name: str) -> "NewsPatterns":
    return NewsPatterns(nlp, name)


class NewsPatterns:
    def __init__(self, nlp: Language, name: str = FACTORY):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        name_token = {"TEXT": {"REGEX": de.NAME_TOKEN.pattern}}
        name_part = {"TEXT": {"REGEX": f"{de.NAME_TOKEN.pattern}|{de.NAME_INNER.pattern}"}}
        self.matcher.add("PER", [[{"LOWER": {"REGEX": de.PERSON_TITLE.pattern}},
                                  name_token, {**name_part, "OP": "{0,3}"}]],
                         greedy="LONGEST")
        self.matcher.add("ORG", [[{"LOWER": {"REGEX": de.ORGANISATION_INTRODUCER.pattern}},
                                  name_token, {**name_part, "OP": "{0,3}"}]],
                         greedy="LONGEST")
        self.matcher.add("ORG_SPOKES", [[name_token, {"ORTH": "-"},
                                         {"LOWER": {"REGEX": de.SPOKESPERSON_NOUN.pattern}}]])

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            if label == "ORG_SPOKES":
                found.append(Span(doc, start, start + 1, label="ORG"))
                continue
            names = self._name_tokens(doc, start + 1, end)
            if names:
                found.append(Span(doc, start + 1, start + 1 + names, label=label))
        if found:
            doc.ents = _overwrite(doc.ents, found)
        return doc

    @staticmethod
    def _name_tokens(doc: Doc, start: int, end: int) -> int:
        count = 0
        for token in doc[start:end]:
            text = token.text
            if de.NAME_INNER.match(text) and count:  # "W.", "II.": the name goes on
                count += 1
                continue
            if (text in de.NOT_NAME_WORDS or token.is_stop or token.is_sent_start
                    or (len(text) > 4 and not text.isupper()
                        and de.COMMON_NOUN_SUFFIX.search(text))
                    or token.text in gazetteer.strong_forms()):
                break
            count += 1
        while count and len(doc[start + count - 1].text) == 2 \
                and de.NAME_INNER.match(doc[start + count - 1].text):
            count -= 1  # an initial ends no name
        return count


def _overwrite(existing, found: list[Span]) -> list[Span]:
    """``found`` wins over overlapping entities, but never cuts the end off one that
    holds it ("George W. Bush" stays whole; "Papst Johannes Paul II." loses its role
    noun only); among themselves, the longer wins."""
    taken: set[int] = set()
    kept: list[Span] = []
    existing = list(existing)
    for span in sorted(found, key=lambda s: (-(s.end - s.start), s.start)):
        holder = next((e for e in existing if e.start <= span.start and span.end <= e.end
                       and len(e) > len(span)), None)
        if holder is not None:
            span = Span(span.doc, span.start, holder.end, label=span.label_)
        if not taken.intersection(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    kept += [e for e in existing if not taken.intersection(range(e.start, e.end))]
    return sorted(kept, key=lambda s: s.start)
