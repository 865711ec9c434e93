"""The end-of-run summary: what came in, what went out, and whether it adds up."""

from __future__ import annotations

from apache_beam.metrics.metric import MetricsFilter

from schemas import TABLES


def counters(result) -> dict[str, int]:
    """Committed counter values of the ``newsbeam`` namespace, by name."""
    out: dict[str, int] = {}
    query = result.metrics().query(MetricsFilter().with_namespace("newsbeam"))
    for counter in query["counters"]:
        value = counter.committed if counter.committed is not None else counter.attempted
        out[counter.key.metric.name] = out.get(counter.key.metric.name, 0) + (value or 0)
    # RunInference times every model load: the count of that distribution is the
    # number of times a worker loaded the model.
    loads = result.metrics().query(MetricsFilter().with_namespace("newsbeam_spacy"))
    out["model_loads"] = sum(
        (d.committed or d.attempted).count for d in loads["distributions"]
        if d.key.metric.name.endswith("load_model_latency_milli_secs")
        and (d.committed or d.attempted) is not None)
    return out


def build(counts: dict[str, int], *, run: dict, runner: str, workers: int | None,
          output: str, elapsed: float, inputs: list[str]) -> dict:
    rejected_by_reason = {name.removeprefix("rejected_"): n for name, n in sorted(counts.items())
                          if name.startswith("rejected_") and n}
    for name, reason in (("nlp_failed", "nlp_failed"),
                         ("extract_entities_failed", "extractor_failed"),
                         ("extract_events_failed", "extractor_failed")):
        if counts.get(name):
            rejected_by_reason[reason] = rejected_by_reason.get(reason, 0) + counts[name]
    files = counts.get("files_matched", 0)
    parsed = counts.get("articles_parsed", 0)
    rejected = counts.get("files_rejected", 0)
    return {
        "run_id": run["run_id"],
        "pipeline_version": run["pipeline_version"],
        "model": run["model"],
        "runner": runner,
        "workers": workers,
        "model_loads": counts.get("model_loads", 0),
        "inputs": inputs,
        "output": output,
        "files_matched": files,
        "articles_parsed": parsed,
        "files_rejected": rejected,
        "balanced": files == parsed + rejected,
        "errors_by_reason": rejected_by_reason,
        "rows": {t: counts.get(f"rows_{t}", 0) for t in TABLES},
        "elapsed_seconds": round(elapsed, 2),
    }


def render(summary: dict) -> str:
    rows = summary["rows"]
    width = max(len(t) for t in rows) if rows else 8
    lines = [
        f"newsbeam run {summary['run_id']}",
        f"  runner          {summary['runner']}"
        + (f", {summary['workers']} worker(s)" if summary["workers"] else "")
        + f", model {summary['model']} (loaded {summary['model_loads']}x)",
        f"  input files     {summary.get('files_listed', summary['files_matched'])}: "
        f"{summary.get('files_new', 0)} new, {summary.get('files_changed', 0)} changed, "
        f"{summary.get('files_skipped', 0)} skipped (already in the output's ledger)",
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


def try_query(output: str) -> str:
    """A command that works as printed where run_local.sh set up .venv."""
    entities = f"{output.rstrip('/')}/entities/*/*.parquet"
    sql = ("SELECT canonical_name, label, count(*) AS articles FROM "
           f"read_parquet('{entities}', hive_partitioning=true) "
           "GROUP BY ALL ORDER BY articles DESC LIMIT 10")
    return f".venv/bin/python -c \"import duckdb; duckdb.sql(\\\"{sql}\\\").show()\""
