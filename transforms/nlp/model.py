"""Which spaCy pipeline newsbeam runs, and how it is prepared for the extractors.

Any spaCy pipeline works, by package name or path (``--model`` or ``NEWSBEAM_MODEL``).
Without one, the best installed German package is used, and without any, the
rule-based pipeline. Whatever the model, the article's paragraphs are sentence boundaries
before it parses, the gazetteer and the news-name patterns run after its NER, and
components no extractor reads are disabled.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import spacy
from spacy.language import Language

from transforms import provenance
from transforms.nlp import gazetteer, news_patterns, paragraphs, rule_pipeline

LOG = logging.getLogger(__name__)

ENV_VAR = "NEWSBEAM_MODEL"
RULES = "rules"
PREFERRED_PACKAGES = ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
INSTALL_HINT = "python -m spacy download de_core_news_md"

# Components the extractors read (tokens, tags, morphology, lemmas, parse, entities).
_NEEDED = {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "lemmatizer",
           "trainable_lemmatizer", "attribute_ruler", "ner", "entity_ruler",
           "sentencizer", "senter"}

# Dependency labels that tell the two schemes apart.
_UD_MARKERS = {"nsubj", "obj", "obl", "nmod"}
_TIGER_MARKERS = {"sb", "oa", "da", "mo", "nk"}


class ModelNotFound(RuntimeError):
    pass


def requested_model(explicit: str | None = None) -> str | None:
    """The model the user asked for: ``--model``, else ``NEWSBEAM_MODEL``, else None."""
    return explicit or os.environ.get(ENV_VAR) or None


def best_installed() -> str | None:
    return next((name for name in PREFERRED_PACKAGES if spacy.util.is_package(name)), None)


def resolve(explicit: str | None = None) -> str:
    """The name or path to load, or ``RULES``. Never guesses past what was asked."""
    return requested_model(explicit) or best_installed() or RULES


def load(model: str, version: str) -> Language:
    """Load and prepare a pipeline. ``model`` is a package name, a path or ``RULES``."""
    if model == RULES:
        nlp = rule_pipeline.build(version)
    else:
        try:
            nlp = spacy.load(model)
        except (OSError, IOError) as err:
            raise ModelNotFound(
                f"spaCy model {model!r} could not be loaded: {err}. Pass an installed "
                f"package name or a model folder (e.g. {INSTALL_HINT}), or "
                f"--model {RULES} for the rule-based pipeline.") from err
    if "parser" in nlp.pipe_names and "senter" in nlp.pipe_names:
        nlp.disable_pipe("senter")
    for name in nlp.pipe_names:
        if name not in _NEEDED:
            nlp.disable_pipe(name)
    paragraphs.add_to(nlp)
    nlp.add_pipe(news_patterns.FACTORY)
    nlp.add_pipe(gazetteer.FACTORY)
    return nlp


def model_id(nlp: Language) -> str:
    return provenance.model_id(nlp.meta)


def label_scheme(nlp: Language) -> str | None:
    """``"ud"``, ``"tiger"`` or None (no parser)."""
    if "parser" not in nlp.pipe_names:
        return None
    labels = {label.lower() for label in nlp.get_pipe("parser").labels}
    if labels & _UD_MARKERS:
        return "ud"
    if labels & _TIGER_MARKERS:
        return "tiger"
    return None


def describe(model: str, must_exist: bool = True) -> str:
    """``name==version`` of a model name, path or ``rules``, read from its meta.json
    without loading its weights, so a typo in --model fails in a second, not after
    start-up. Raises ModelNotFound when ``must_exist`` and the model is not on this
    machine; runs on a managed runner pass ``must_exist=False``: there the model is
    installed on the workers (their container), not on the machine that submits."""
    if model == RULES:
        return f"{rule_pipeline.NAME}=={provenance.pipeline_version()}"
    path = Path(model)
    if path.exists():
        meta_path = path / "meta.json"
    elif spacy.util.is_package(model):
        meta_path = Path(spacy.util.get_package_path(model)) / "meta.json"
        if not meta_path.exists():
            return f"{model}==unknown"
    elif model.startswith("gs://") or not must_exist:
        return model  # loaded by the workers; nothing to read here
    else:
        raise ModelNotFound(
            f"spaCy model {model!r} is neither an installed package nor a folder. Install "
            f"one ({INSTALL_HINT}), pass its folder, or use --model {RULES}.")
    if not meta_path.exists():
        raise ModelNotFound(f"{model!r} has no meta.json: not a spaCy pipeline")
    return provenance.model_id(spacy.util.load_meta(meta_path))
