"""The report's HTML: sections of charts and tables, and the Vega runtime, in one file.

The runtime is vl-convert's bundle of Vega, Vega-Lite and Vega-Embed, inlined in a
``<script>``: the page fetches nothing. Each chart is drawn as SVG; the page records
on ``<body>`` how many charts rendered and every script error
(``data-charts-rendered``, ``data-charts-failed``, ``data-errors``), which is what the
browser test reads.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json

_STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       margin: 0; background: #f6f6f4; }
header { background: #1f3a5f; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; opacity: .85; }
main { max-width: 900px; margin: 0 auto; padding: 8px 24px 48px; }
.totals { display: flex; gap: 12px; flex-wrap: wrap; margin: 18px 0 4px; }
.total { background: #fff; border-radius: 6px; padding: 10px 16px; min-width: 110px;
         box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.total b { display: block; font-size: 22px; }
section { background: #fff; border-radius: 6px; padding: 14px 20px; margin: 18px 0;
          box-shadow: 0 1px 2px rgba(0,0,0,.08); overflow-x: auto; }
section h2 { font-size: 17px; margin: 0 0 4px; }
section p.intro { color: #555; margin: 0 0 10px; }
p.note { color: #777; font-style: italic; }
.chart { margin: 8px 0 14px; min-height: 20px; }
table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee;
         vertical-align: top; }
th { background: #fafafa; }
"""

# Renders every chart, and leaves on <body> what happened, for a person and a test.
_BOOT = """
(function () {
  const body = document.body, errors = [];
  const note = (text) => { errors.push(String(text)); body.dataset.errors = errors.length;
                           body.dataset.errorText = errors.join(' | '); };
  window.addEventListener('error', (e) => note(e.message));
  window.addEventListener('unhandledrejection', (e) => note(e.reason));
  const consoleError = console.error;
  console.error = function () { note(Array.from(arguments).join(' '));
                                consoleError.apply(console, arguments); };
  body.dataset.errors = 0;
  const specs = JSON.parse(document.getElementById('chart-specs').textContent);
  let rendered = 0, failed = 0;
  body.dataset.chartsRendered = 0;
  body.dataset.chartsFailed = 0;
  Promise.all(Object.entries(specs).map(([id, spec]) =>
    vegaEmbed('#' + id, spec, {renderer: 'svg', actions: false})
      .then(() => { document.getElementById(id).dataset.rendered = 'true';
                    body.dataset.chartsRendered = ++rendered; })
      .catch((e) => { body.dataset.chartsFailed = ++failed; note(id + ': ' + e); })))
    .then(() => { body.dataset.chartsDone = 'true'; });
})();
"""


@functools.lru_cache(maxsize=1)
def vega_runtime() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, from vl-convert (no network)."""
    import vl_convert
    return vl_convert.javascript_bundle()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, int):
        return f"{value:,}"
    return html.escape(str(value))


def _table(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, default=str).replace("</", "<\\/")


def render(output: str, totals: dict, models: list[dict], sections: list) -> str:
    specs: dict[str, dict] = {}
    parts = []
    for number, section in enumerate(sections):
        chunk = [f"<section><h2>{html.escape(section.title)}</h2>"]
        if section.intro:
            chunk.append(f'<p class="intro">{html.escape(section.intro)}</p>')
        for index, spec in enumerate(section.charts):
            chart_id = f"chart-{number}-{index}"
            specs[chart_id] = spec
            chunk.append(f'<div class="chart" id="{chart_id}"></div>')
        if section.note:
            chunk.append(f'<p class="note">{html.escape(section.note)}</p>')
        if section.table and section.table[1]:
            chunk.append(_table(*section.table))
        parts.append("".join(chunk) + "</section>")
    boxes = "".join(f'<div class="total"><b>{_cell(value)}</b>{html.escape(name)}</div>'
                    for name, value in totals.items())
    model_text = ", ".join(f"{m['model']} ({m['files']:,} files)" for m in models) or "none"
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsbeam report: {html.escape(output)}</title>
<style>{_STYLE}</style>
<script>{vega_runtime()}</script>
</head><body>
<header><h1>newsbeam report</h1>
<p>{html.escape(output)} &middot; current rows (each file's latest committed run) &middot;
models: {html.escape(model_text)} &middot; generated {generated}</p></header>
<main><div class="totals">{boxes}</div>
{"".join(parts)}
</main>
<script type="application/json" id="chart-specs">{_script_json(specs)}</script>
<script>{_BOOT}</script>
</body></html>
"""
