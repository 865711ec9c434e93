"""The end-of-run summary: what came in, what went out, and whether it adds up."""

from __future__ import annotations

import datetime as dt
import shlex
import time

from apache_beam.metrics.metric import MetricsFilter

from schemas import TABLES


def _counts(tallies: dict[str, int], table: str, column: str) -> dict[str, int]:
    prefix = f"{table}:{column}="
    return {key.removeprefix(prefix): n for key, n in sorted(tallies.items())
            if key.startswith(prefix) and n}


def model_loads(result) -> int:
    """How often a worker loaded the model: RunInference times every load, and the
    count of that distribution is the number of loads."""
    loads = result.metrics().query(MetricsFilter().with_namespace("newsbeam_spacy"))
    return sum(
        (d.committed or d.attempted).count for d in loads["distributions"]
        if d.key.metric.name.endswith("load_model_latency_milli_secs")
        and (d.committed or d.attempted) is not None)


def build(tallies: dict[str, int], files_planned: int) -> dict:
    """The counts of a run from its tallies. It is balanced when every planned file has
    a ledger entry and each entry is an article or a rejection."""
    ingested = tallies.get("rows:ledger", 0)
    parsed = tallies.get("rows:articles", 0)
    rejected = _counts(tallies, "ledger", "status").get("rejected", 0)
    return {
        "files_matched": ingested,
        "articles_parsed": parsed,
        "files_rejected": rejected,
        "balanced": files_planned == ingested == parsed + rejected,
        "errors_by_reason": _counts(tallies, "errors", "reason"),
        "rows": {t: tallies.get(f"rows:{t}", 0) for t in TABLES},
    }


def complete(manifest: dict, tallies: dict[str, int], files_planned: int) -> dict:
    """The launcher's part of a run's manifest (it has ``started_epoch``), completed
    with the run's counts and its end."""
    finished = time.time()
    return {**manifest, **build(tallies, files_planned), "finished_at": utc_iso(finished),
            "elapsed_seconds": round(finished - manifest["started_epoch"], 2)}


def utc_iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).isoformat(timespec="seconds")


def render(summary: dict) -> str:
    rows = summary["rows"]
    width = max(len(t) for t in rows) if rows else 8
    lines = [
        f"newsbeam run {summary['run_id']}",
        f"  runner          {summary['runner']}"
        + (f", {summary['workers']} worker(s)" if summary["workers"] else "")
        + f", model {summary['model']}"
        + (f" (loaded {summary['model_loads']}x)" if "model_loads" in summary else ""),
        f"  input files     {summary.get('files_listed', summary['files_matched'])}: "
        f"{summary.get('files_new', 0)} new, {summary.get('files_changed', 0)} changed, "
        f"{summary.get('files_retried', 0)} retried, "
        + (f"{summary['files_reprocessed']} reprocessed, "
           if summary.get("files_reprocessed") else "")
        + f"{summary.get('files_skipped', 0)} skipped (already in the output's ledger)",
        *stale_lines(summary),
        f"  files processed {summary['files_matched']}",
        f"  articles parsed {summary['articles_parsed']}",
        f"  files rejected  {summary['files_rejected']}"
        + ("" if summary["balanced"] else "   <-- does not add up to files processed"),
    ]
    for reason, n in sorted(summary["errors_by_reason"].items()):
        lines.append(f"    {reason:<22}{n}")
    lines.append("  rows written")
    for table, n in rows.items():
        lines.append(f"    {table:<{width}}  {n}")
    lines += [
        f"  elapsed         {summary['elapsed_seconds']:.1f} s",
        f"  output          {summary['output']}",
        "  try             " + try_query(summary["output"]),
    ]
    return "\n".join(lines)


# What the summary suggests to try: the views count each article once (current rows),
# also after --reprocess.
TRY_SQL = ("SELECT canonical_name, label, count(*) AS articles FROM entities "
           "GROUP BY ALL ORDER BY articles DESC LIMIT 10")


def stale_lines(summary: dict) -> list[str]:
    """What a run left of another model or newsbeam version, and how to redo it."""
    stale = summary.get("files_stale", 0)
    if not stale:
        return []
    return [f"  stale           {stale} file(s) hold rows of another model or newsbeam "
            f"version: --reprocess=stale redoes them"]


def try_query(output: str) -> str:
    """A command that works as printed where run_local.sh set up .venv."""
    return f'.venv/bin/newsbeam sql {shlex.quote(output)} -c "{TRY_SQL}"'
