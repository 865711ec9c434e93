"""Between a spaCy ``Doc`` and the plain annotated row (``ANNOTATED``) the extractors receive.

The NLP step turns each article's Doc into a row of the ``ANNOTATED`` schema; the
extract step reads the Doc back with :func:`doc_of`, so extractors use spaCy's API
while nothing but plain data crosses a transform. The row the NLP step makes is an
:class:`AnnotatedRow` that holds the model's Doc in place of the token columns: the
extract step (fused with the NLP step, in the same process) reads that Doc as it is,
and the columns are made from it only when the row leaves the process (pickled) or
one of them is read. Where a row has no Doc (it was pickled on its way, a cache, a
test's row, an article parsed in chunks, a model without a parser) the Doc is rebuilt
from the columns (with the vocab of a blank German pipeline). Both give the extractors
the same tokens, attributes, sentences and entities. Rule tests build their Docs the
same way, by hand, with :func:`make_doc`.
"""

from __future__ import annotations

import functools
import weakref
from typing import Iterable, Sequence

import spacy
from spacy.tokens import Doc, Span

from transforms.nlp import model


TOKEN_COLUMNS = frozenset({"words", "spaces", "lemmas", "pos", "tags", "morphs", "deps",
                           "heads", "sent_starts", "ents"})


class AnnotatedRow(dict):
    """An annotated row that holds the Doc it was made of (``doc``) for as long as it
    stays in the process that made it, and its token columns (:data:`TOKEN_COLUMNS`)
    only once they are needed: reading one (``row["words"]``) or pickling the row (the
    row then travels as the plain, complete row, without the Doc) makes them."""

    __slots__ = ("doc",)

    def __init__(self, fields: dict, doc: Doc | None = None):
        super().__init__(fields)
        self.doc = doc

    def __missing__(self, key):
        if key in TOKEN_COLUMNS and self.doc is not None:
            self.update(doc_to_columns([self.doc], has_parse=self["has_parse"]))
            return self[key]
        raise KeyError(key)

    def complete(self) -> dict:
        """The plain row, every column of ``ANNOTATED`` in it."""
        if self.doc is not None and "words" not in self:
            self["words"]  # noqa: B018 - makes the columns
        return dict(self)

    def __reduce__(self):
        return dict, (self.complete(),)


def annotated_row(article: dict, docs: Sequence[Doc], nlp, columns: bool = True) -> dict:
    """The annotated row of an ``articles`` row and the Doc(s) of its text. A single
    parsed Doc rides with the row; with ``columns=False`` (the NLP step) the row then
    makes the token columns only when they are needed (see :class:`AnnotatedRow`)."""
    label_scheme, model_id = _model_facts(nlp)
    has_parse = "parser" in nlp.pipe_names
    # Only a parsed Doc is carried: spaCy 3.8 leaves a whitespace token of an unparsed
    # Doc with tree edges that crash ``token.children`` (a segfault on "a  b" from
    # ``spacy.blank("de")``); a Doc rebuilt from the columns has sound ones.
    carried = len(docs) == 1 and has_parse
    lazy = not columns and carried
    if lazy and not isinstance(docs[0], Doc):  # what making the columns would find
        raise TypeError(f"the model gave a {type(docs[0]).__name__}, not a Doc")
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
        "label_scheme": label_scheme,
        **({"has_parse": has_parse} if lazy else doc_to_columns(docs, has_parse=has_parse)),
        "model": model_id,
        "pipeline_version": article["pipeline_version"],
        "run_id": article["run_id"],
    }, doc=docs[0] if carried else None)


_FACTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _model_facts(nlp) -> tuple[str | None, str]:
    """The label scheme and the model id of a pipeline, read once per pipeline object
    (its meta and parser labels are the same for every article)."""
    try:
        return _FACTS[nlp]
    except (KeyError, TypeError):
        facts = (model.label_scheme(nlp), model.model_id(nlp))
    try:
        _FACTS[nlp] = facts
    except TypeError:  # not weakly referable: asked again next time
        pass
    return facts


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
