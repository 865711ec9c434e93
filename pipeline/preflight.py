"""Checks before any work whose failure would otherwise surface deep inside a library.

Each raises a ``UsageError`` with one line that says what to do: a model path that is
not there (with the absolute path it was taken as), and Google credentials that are
missing for gs:// paths or a Dataflow run (Beam would retry the credential lookup for
half a minute per process and print its tracebacks before failing).
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.options import UsageError
from transforms.nlp import model as nlp_model

_GCE_PRODUCT = Path("/sys/class/dmi/id/product_name")


def looks_like_path(model: str) -> bool:
    return model.startswith((".", "/", "~")) or os.sep in model


def check_model_path(explicit: str | None) -> None:
    """A model given as a path must exist; a package name is checked by the model code."""
    model = nlp_model.requested_model(explicit)
    if not model or model == nlp_model.RULES or "://" in model or not looks_like_path(model):
        return
    path = Path(model).expanduser()
    if path.exists():
        return
    given = f"--model {model}" if explicit else f"{nlp_model.ENV_VAR}={model}"
    relative = "" if path.is_absolute() else \
        f" (a relative path is taken from the current folder, {os.getcwd()})"
    raise UsageError(f"{given}: no such model folder: {path.absolute()}{relative}")


def _adc_file() -> Path:
    config = os.environ.get("CLOUDSDK_CONFIG") or os.path.join(
        os.path.expanduser("~"), ".config", "gcloud")
    return Path(config) / "application_default_credentials.json"


def has_google_credentials() -> bool:
    """Whether Application Default Credentials can be found without a network call: a
    key file, gcloud's ADC file, a storage emulator, or a Google Cloud machine (whose
    metadata server has them)."""
    key = os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    if key:
        return True  # google-auth reports a missing file itself, in one line
    if os.environ.get("STORAGE_EMULATOR_HOST") or _adc_file().exists():
        return True
    try:
        return _GCE_PRODUCT.read_text().startswith("Google")
    except OSError:
        return False


def check_google_credentials(paths: list[str], dataflow: bool) -> None:
    cloud = [p for p in paths if p and p.startswith("gs://")]
    if not (cloud or dataflow) or has_google_credentials():
        return
    what = cloud[0] if cloud else "Dataflow"
    raise UsageError(f"no Google credentials for {what}: run `gcloud auth "
                     f"application-default login` (or set GOOGLE_APPLICATION_CREDENTIALS "
                     f"to a service account key file)")
