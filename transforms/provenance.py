"""What every row says about where it came from: newsbeam's version and the run id."""

from __future__ import annotations

import datetime as dt
import uuid
from importlib import metadata


def pipeline_version() -> str:
    try:
        return metadata.version("newsbeam")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def new_run_id() -> str:
    """Sortable by start time, unique across machines."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


def model_id(meta: dict) -> str:
    """``name==version`` of a spaCy pipeline's meta, with the language prefix the
    official packages use (``de_core_news_md==3.8.0``, ``de_news_sm==0.2.0``)."""
    name = meta.get("name", "unknown")
    lang = meta.get("lang")
    if lang and not name.startswith(lang + "_") and not name.startswith("newsbeam_"):
        name = f"{lang}_{name}"
    return f"{name}=={meta.get('version', 'unknown')}"


ROW_PROVENANCE = ("source_uri", "month", "model", "pipeline_version", "run_id")


def row_provenance(row: dict) -> dict:
    """The columns every extracted row copies from its article's annotated row."""
    return {key: row[key] for key in ROW_PROVENANCE}
