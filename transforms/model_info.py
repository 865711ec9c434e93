"""What a model is, read from its meta.json without loading its weights.

The launcher records the model on every ``articles`` row and checks that it exists
before any worker starts, so a typo in --model fails in a second, not after start-up.
"""

from __future__ import annotations

from pathlib import Path

import spacy

from transforms import nlp_model, rule_pipeline
from transforms.provenance import model_id, pipeline_version


def describe(model: str, must_exist: bool = True) -> str:
    """``name==version`` of a model name, path or ``rules``; raises ModelNotFound when
    ``must_exist`` and the model is not on this machine. Runs on a managed runner pass
    ``must_exist=False``: there the model is installed on the workers (their container),
    not necessarily on the machine that submits the job."""
    if model == nlp_model.RULES:
        return f"{rule_pipeline.NAME}=={pipeline_version()}"
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
        raise nlp_model.ModelNotFound(
            f"spaCy model {model!r} is neither an installed package nor a folder. Install "
            f"one ({nlp_model.INSTALL_HINT}), pass its folder, or use --model "
            f"{nlp_model.RULES}.")
    if not meta_path.exists():
        raise nlp_model.ModelNotFound(f"{model!r} has no meta.json: not a spaCy pipeline")
    return model_id(spacy.util.load_meta(meta_path))
