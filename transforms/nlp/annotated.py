"""Between a spaCy ``Doc`` and the plain annotated row (``ANNOTATED``) the extractors receive.

The NLP step turns each article's Doc into a row of the ``ANNOTATED`` schema; the
extract step reads the Doc back with :func:`doc_of`, so extractors use spaCy's API
while nothing but plain data crosses a transform. The row the NLP step makes is an
:class:`AnnotatedRow`: it also carries the model's Doc, which the extract step (fused
with the NLP step, in the same process) reads as it is; where there is none (the row
was pickled on its way, a cache, a test's row, an article parsed in chunks) the Doc is
rebuilt from the columns (with the vocab of a blank German pipeline). Both give the
extractors the same tokens, attributes, sentences and entities. Rule tests build their
Docs the same way, by hand, with :func:`make_doc`.
"""

from __future__ import annotations

import functools
from typing import Iterable, Sequence

import spacy
from spacy.tokens import Doc, Span

from transforms.nlp import model


class AnnotatedRow(dict):
    """A plain annotated row that also holds the Doc it was made of (``doc``) for as
    long as it stays in the process that made it. Pickled, it is the plain row: the Doc
    does not travel (the columns do, and :func:`doc_of` rebuilds it from them)."""

    __slots__ = ("doc",)

    def __init__(self, columns: dict, doc: Doc | None = None):
        super().__init__(columns)
        self.doc = doc

    def __reduce__(self):
        return dict, (dict(self),)


def annotated_row(article: dict, docs: Sequence[Doc], nlp) -> dict:
    """The annotated row of an ``articles`` row and the Doc(s) of its text (with the
    Doc itself when there is one: see :class:`AnnotatedRow`)."""
    return AnnotatedRow({
        "article_id": article["article_id"],
        "source_uri": article["source_uri"],
        "bytes": article["bytes"],
        "date": article["date"],
        "date_precision": article["date_precision"],
        "month": article["month"],
        "topic": article["topic"],
        "lead_end": len(article["lead"]),
        "text": article["text"],
        "label_scheme": model.label_scheme(nlp),
        **doc_to_columns(docs, has_parse="parser" in nlp.pipe_names),
        "model": model.model_id(nlp),
        "pipeline_version": article["pipeline_version"],
        "run_id": article["run_id"],
    }, doc=docs[0] if len(docs) == 1 else None)


@functools.lru_cache(maxsize=1)
def _vocab():
    return spacy.blank("de").vocab


def doc_to_columns(docs: Sequence[Doc], has_parse: bool) -> dict:
    """Token columns and entities of one article, from one or more consecutive Docs
    (chunks) whose texts concatenate to the article text."""
    cols = {k: [] for k in ("words", "spaces", "lemmas", "pos", "tags", "morphs", "deps",
                            "heads", "sent_starts")}
    ents = []
    offset = 0
    for doc in docs:
        for token in doc:
            cols["words"].append(token.text)
            cols["spaces"].append(bool(token.whitespace_))
            cols["lemmas"].append(token.lemma_)
            cols["pos"].append(token.pos_)
            cols["tags"].append(token.tag_)
            cols["morphs"].append(str(token.morph))
            cols["deps"].append(token.dep_)
            cols["heads"].append(token.head.i + offset)
            cols["sent_starts"].append(bool(token.is_sent_start) or token.i == 0)
        for ent in doc.ents:
            ents.append({"start": ent.start + offset, "end": ent.end + offset,
                         "label": ent.label_, "gazetteer_id": ent.id_ or None})
        offset += len(doc)
    cols["ents"] = ents
    cols["has_parse"] = has_parse
    return cols


def doc_of(row: dict) -> Doc:
    """The Doc of an annotated row: the one it carries, else rebuilt from its columns."""
    doc = getattr(row, "doc", None)
    return doc if doc is not None else doc_from_row(row)


def doc_from_row(row: dict) -> Doc:
    """Rebuild the Doc of an annotated row. Its text equals ``row["text"]``."""
    return make_doc(
        row["words"], spaces=row["spaces"], lemmas=row["lemmas"], pos=row["pos"],
        tags=row["tags"], morphs=row["morphs"],
        deps=row["deps"] if row["has_parse"] else None,
        heads=row["heads"] if row["has_parse"] else None,
        sent_starts=row["sent_starts"],
        ents=[(e["start"], e["end"], e["label"], e.get("gazetteer_id")) for e in row["ents"]],
    )


def make_doc(words: Sequence[str], *, spaces: Sequence[bool] | None = None,
             lemmas=None, pos=None, tags=None, morphs=None, deps=None, heads=None,
             sent_starts=None, ents: Iterable[tuple] = ()) -> Doc:
    """Build a Doc from columns; ``heads`` are absolute indices, ``ents`` are
    ``(start, end, label[, gazetteer_id])`` token spans. With ``deps`` the sentences
    come from the parse, without them from ``sent_starts``."""
    n = len(words)
    kwargs = {}
    if deps is not None and heads is not None:
        kwargs.update(deps=list(deps), heads=list(heads))
    elif sent_starts is not None:
        kwargs["sent_starts"] = [bool(s) or i == 0 for i, s in enumerate(sent_starts)]
    doc = Doc(_vocab(), words=list(words),
              spaces=list(spaces) if spaces is not None else None,
              lemmas=_blank_none(lemmas, n), pos=_blank_none(pos, n, None),
              tags=_blank_none(tags, n), morphs=_blank_none(morphs, n), **kwargs)
    spans = []
    for ent in ents:
        start, end, label = ent[:3]
        gazetteer_id = ent[3] if len(ent) > 3 else None
        spans.append(Span(doc, start, end, label=label, span_id=gazetteer_id or 0))
    doc.ents = spans
    return doc


def _blank_none(values, n, empty=""):
    if values is None:
        return None
    out = [v if v else empty for v in values]
    return out if any(v for v in out) else None
