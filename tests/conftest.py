"""Shared fixtures. ``../shared`` (beside the project) holds the seeds, the bad inputs
and the project's German model; tests that need something from it skip with a reason
when it is not there."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from transforms.nlp import model as nlp_model
from transforms.read.feed import article_id_from_uri

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "articles"
BAD_INPUTS = SHARED / "corpus" / "bad-inputs"
SEED_000 = "000_73d414ad04269c3e"


def article_id(path) -> str:
    """The article id a run gives the local file ``path`` (its absolute path's)."""
    return article_id_from_uri(os.path.abspath(path))


def stem(article_id: str) -> str:
    """The file name part of an article id (``000_x-1f0c2b9a`` -> ``000_x``)."""
    return article_id.rsplit("-", 1)[0]


def annotated_of(doc=None, article_id: str = "a") -> dict:
    """The annotated row (schema ANNOTATED) of a Doc (default: "Putin traf Kim." with
    two persons), as the NLP step hands it on, without a parse; the provenance columns
    are placeholders."""
    from transforms.nlp.annotated import doc_to_columns, make_doc

    if doc is None:
        doc = make_doc(["Putin", "traf", "Kim", "."], ents=[(0, 1, "PER"), (2, 3, "PER")])
    return {**doc_to_columns([doc], has_parse=False), "article_id": article_id,
            "source_uri": f"{article_id}.txt", "bytes": 321, "date": "2023-09-01",
            "date_precision": "month", "month": "2023-09", "topic": "politics",
            "lead_end": 0, "text": doc.text, "label_scheme": None, "model": "m", "pipeline_version": "t", "run_id": "r"}


@pytest.fixture(scope="module")
def gcs():
    """A GCS emulator on loopback, for the module (``tests/gcs_local.py``)."""
    from tests.gcs_local import LocalGcs

    local = LocalGcs()
    yield local
    local.close()


def current_views(out):
    """A DuckDB connection with newsbeam's views (``pipeline/views.py``, what ``newsbeam
    sql`` opens) over the output ``out``: ``articles``, ``events``, ... hold the current
    rows."""
    from pipeline import views

    return views.connect(str(out))


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
