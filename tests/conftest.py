"""Shared fixtures. ``../shared`` (beside the project) holds the seeds, the bad inputs
and the project's German model; tests that need something from it skip with a reason
when it is not there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from transforms.nlp import model as nlp_model

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "articles"
BAD_INPUTS = SHARED / "corpus" / "bad-inputs"
SEED_000 = "000_73d414ad04269c3e"


def statistical_model() -> str | None:
    """The statistical model to test with: NEWSBEAM_MODEL, else an installed
    de_core_news_*, else the shared model when it is beside the project."""
    model = os.environ.get(nlp_model.ENV_VAR) or nlp_model.best_installed()
    if not model and (SHARED / "models" / "de_news_sm").is_dir():
        model = str(SHARED / "models" / "de_news_sm")
    return model


@pytest.fixture(scope="session")
def stat_model_name() -> str:
    model = statistical_model()
    if not model:
        pytest.skip("no statistical German spaCy model: set NEWSBEAM_MODEL or install "
                    "de_core_news_md")
    return model


@pytest.fixture(scope="session")
def stat_nlp(stat_model_name):
    return nlp_model.load(stat_model_name, "test")


@pytest.fixture(scope="session")
def rules_nlp():
    return nlp_model.load(nlp_model.RULES, "test")


@pytest.fixture(scope="session")
def bad_inputs() -> Path:
    if not (BAD_INPUTS / "expected.tsv").exists():
        pytest.skip(f"{BAD_INPUTS} is not there (../shared beside the project)")
    return BAD_INPUTS


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory) -> Path:
    """An output of one run over the two sample articles with the rule-based pipeline,
    for the tests that only read an output."""
    from pipeline.run import run
    out = tmp_path_factory.mktemp("seed-output") / "out"
    run(["--input", str(EXAMPLES), "--output", str(out), "--model", nlp_model.RULES,
         "--workers", "1"])
    return out
