"""Hand-built articles for the quotation tests: no model needed.

A sentence is a list of tokens ``(text, lemma, pos, dep, head[, morph[, tag]])`` with
``head`` the index of the head *within its sentence*; a paragraph is a list of
sentences; an article is a list of paragraphs (the pipeline puts a blank-line token
between them). The same tokens give three articles:

* ``scheme="ud"`` or ``scheme="tiger"``: the parse as written;
* ``parse=False``: what the rule-based pipeline gives, words and lemmas only (no parse,
  no part of speech, no morphology), sentences from the punctuation splitter.

``ents`` names entities by their words ``("Peter Müller", "PER")``, first unused
occurrence first. ``headline=True`` makes the first paragraph the article's lead.
"""

from __future__ import annotations

import datetime as dt

from transforms.extract.context import build
from transforms.nlp.annotated import doc_to_columns, make_doc
from transforms.quotes.rows import quote_rows

BREAK = ("\n\n", "\n\n", "SPACE", "dep", 0)
SUB = "Mood=Sub|VerbForm=Fin"
FIN = "Mood=Ind|VerbForm=Fin"
_NO_SPACE_AFTER = {"„", "(", "\n\n"}
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "“", ")", "\n\n"}


def article(paragraphs, ents=(), scheme="ud", parse=True, headline=False):
    words, lemmas, pos, deps, heads, morphs, tags, starts, spaces = ([] for _ in range(9))
    for p, paragraph in enumerate(paragraphs):
        if p:
            sentence = [BREAK]
            paragraph = [sentence] + list(paragraph)
        for sentence in paragraph:
            offset = len(words)
            for k, token in enumerate(sentence):
                text, lemma, tag_pos, dep, head = token[:5]
                words.append(text)
                lemmas.append(lemma)
                pos.append(tag_pos)
                deps.append("ROOT" if head == k else dep)
                heads.append(offset + head)
                morphs.append(token[5] if len(token) > 5 else "")
                tags.append(token[6] if len(token) > 6 else "")
                starts.append(k == 0)
    for i, word in enumerate(words):  # no space before punctuation, none after a "„"
        after = words[i + 1] if i + 1 < len(words) else ""
        spaces.append(bool(after) and word not in _NO_SPACE_AFTER
                      and after not in _NO_SPACE_BEFORE)
    if not parse:
        pos = morphs = tags = None
    doc = make_doc(words, spaces=spaces, lemmas=lemmas, pos=pos, tags=tags, morphs=morphs,
                   deps=deps if parse else None, heads=heads if parse else None,
                   sent_starts=starts, ents=_entity_spans(words, ents))
    last_of_lead = doc[sum(len(s) for s in paragraphs[0]) - 1]
    lead_end = last_of_lead.idx + len(last_of_lead.text) if headline else 0
    row = {**doc_to_columns([doc], has_parse=parse), "article_id": "a",
           "source_uri": "a.txt", "date": dt.date(2023, 9, 1), "date_precision": "month",
           "month": "2023-09", "lead_end": lead_end, "topic": "politics", "text": doc.text,
           "label_scheme": scheme if parse else None, "model": "m",
           "pipeline_version": "t", "run_id": "r"}
    return build(row)


def schemes(tokens) -> dict[str, list[tuple]]:
    """One sentence in both label schemes, from tokens ``(text, lemma, pos, ud, tiger[,
    morph[, tag]])`` where ``ud`` and ``tiger`` are ``"dep head"`` (head within the
    sentence): {"ud": [...], "tiger": [...]}."""
    out = {}
    for k, scheme in enumerate(("ud", "tiger")):
        sentence = []
        for text, lemma, pos, *parses in tokens:
            dep, head = parses[k].split()
            sentence.append((text, lemma, pos, dep, int(head), *parses[2:]))
        out[scheme] = sentence
    return out


def quotes(paragraphs, **kwargs) -> list[dict]:
    """The ``quotes`` rows of the article, in text order."""
    return quote_rows(article(paragraphs, **kwargs))


def found(paragraphs, **kwargs) -> list[tuple[str, str, str | None]]:
    """(kind, quote text, speaker's name or words) of each quotation."""
    return [(q["kind"], q["quote_text"], speaker(q)) for q in quotes(paragraphs, **kwargs)]


def speaker(row) -> str | None:
    s = row["speaker"]
    return None if s is None else (s["canonical_name"] or s["text"])


def _entity_spans(words, ents):
    spans, used = [], set()
    for text, label in ents:
        parts = text.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i:i + len(parts)] == parts and i not in used:
                spans.append((i, i + len(parts), label))
                used.update(range(i, i + len(parts)))
                break
        else:
            raise ValueError(f"entity {text!r} is not in the words")
    return sorted(spans)
