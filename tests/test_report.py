"""newsbeam report: one HTML file that opens offline, every chart drawn by a real browser."""

import re
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import report
from pipeline.main import main
from tests import browser
from tests.test_views import extended_registry

needs_chromium = pytest.mark.skipif(
    browser.chromium() is None,
    reason="Debian's chromium is not installed (apt-get install chromium; .ci/run does)")


def charts_of(document: str) -> list[str]:
    return re.findall(r'<div class="chart" id="([^"]+)">', document)


def rendered(page) -> tuple[str, dict]:
    """The DOM after Chromium ran the page, and what the page recorded on <body>."""
    dom = browser.dom(page.as_uri())
    return dom, browser.body_data(dom)


def assert_all_drawn(document: str, dom: str, data: dict) -> None:
    charts = charts_of(document)
    assert data.get("charts-done") == "true", data
    assert data["errors"] == "0", data.get("error-text")
    assert (data["charts-rendered"], data["charts-failed"]) == (str(len(charts)), "0")
    for chart, following in zip(charts, charts[1:] + [None]):
        part = dom.split(f'id="{chart}"', 1)[1]
        part = part.split(f'id="{following}"', 1)[0] if following else part
        assert "<svg" in part and 'class="mark-' in part and "<path" in part, chart


def test_the_report_is_one_file_that_fetches_nothing(seed_output, tmp_path):
    page = tmp_path / "r.html"
    assert main(["report", str(seed_output), "--to", str(page)]) == 0
    document = page.read_text(encoding="utf-8")
    markup = re.sub(r"(?s)(<script[^>]*>).*?</script>", r"\1</script>", document)
    assert markup.count("<script") == 3  # the runtime, the chart specs, the start-up
    assert not re.search(r"<(script|link|img|iframe|object)\b[^>]*\b(src|href|data)=", markup)
    assert len(charts_of(document)) >= 6
    for title in ("Run health", "Entities over months", "Event types by modality",
                  "Who acts on whom: entities", "Most quoted speakers",
                  "Claims that are not asserted facts"):
        assert f"<h2>{title}</h2>" in document
    # no geocoded events yet: the map says why instead of drawing an empty world
    assert "events.action_geo" in document
    quiet = tmp_path / "quiet.html"
    assert main(["report", str(seed_output), "--to", str(quiet), "--no-text"]) == 0
    assert "<th>evidence</th>" in document and "<th>evidence</th>" not in quiet.read_text()


def test_the_default_report_lands_in_the_output(seed_output, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(seed_output, out)
    assert main(["report", str(out)]) == 0
    assert (out / "report.html").stat().st_size > 100_000
    assert f"file://{out}/report.html" in capsys.readouterr().out


@needs_chromium
def test_chromium_draws_every_chart_without_an_error(seed_output, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(report.build(str(seed_output)), encoding="utf-8")
    dom, data = rendered(page)
    assert_all_drawn(page.read_text(encoding="utf-8"), dom, data)
    assert re.search(r"<text[^>]*>Wladimir Putin</text>", dom)  # the data reached the charts


def _extend(out) -> None:
    """Rewrite a seed output as it will look once events carry countries, a topic and
    a geocoded place, and a quotes table exists (see tests/test_views.py)."""
    tables = extended_registry()
    countries = {"Wladimir Putin": "RUS", "Kim Jong Un": "PRK", "Russland": "RUS"}
    places = [(2013348, "Wladiwostok", "RUS", 43.106, 131.874),
              (524901, "Moskau", "RUS", 55.752, 37.616),
              (1871859, "Pjöngjang", "PRK", 39.034, 125.755)]
    for path in (out / "events").glob("month=2*/*.parquet"):
        rows = pq.read_table(path).to_pylist()
        for number, row in enumerate(rows):
            for actor in ("actor1", "actor2"):
                if row[actor] is not None:
                    row[actor]["country_code"] = countries.get(row[actor]["canonical_name"], "KOR")
            row["topic"] = "diplomacy"
            row["action_geo"] = dict(zip(("geonames_id", "name", "country_code", "lat", "lon"),
                                         places[number % len(places)]))
        pq.write_table(pa.Table.from_pylist(rows, schema=tables["events"].file_schema), path)
        quotes = [{"quote_id": r["event_id"], "article_id": r["article_id"],
                   "quote_text": r["quote_text"], "kind": r["quote_kind"],
                   "speaker": {k: r["actor1"][k] for k in ("text", "entity_key",
                                                            "canonical_name", "label")},
                   "source_uri": r["source_uri"], "run_id": r["run_id"]}
                  for r in rows if r["quote_text"] and r["actor1"]]
        folder = out / "quotes" / path.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(quotes, schema=tables["quotes"].file_schema),
                       folder / path.name.replace("events-", "quotes-"))


@needs_chromium
def test_map_countries_and_quotes_draw_once_the_columns_exist(seed_output, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_output, out)
    _extend(out)
    page = tmp_path / "report.html"
    document = report.build(str(out), tables=extended_registry())
    page.write_text(document, encoding="utf-8")
    assert "<h2>Who acts on whom: countries</h2>" in document
    assert "Speakers of quotations," in document and "Geocoded events at 3 places" in document
    dom, data = rendered(page)
    assert_all_drawn(document, dom, data)
    assert re.search(r"<text[^>]*>RUS</text>", dom)  # a country node of the network


def test_many_runs_are_summed_per_day():
    import datetime as dt

    import vl_convert

    from pipeline import charts
    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    runs = [{"run_id": f"r{i}", "started_at": start + dt.timedelta(hours=i), "parsed": 2,
             "rejected": i % 2, "model": "m"} for i in range(72)]  # three days, hourly
    spec = charts.runs_over_time(runs)
    assert spec["encoding"]["x"]["timeUnit"] == "yearmonthdate"
    svg = vl_convert.vegalite_to_svg(spec)  # Vega itself, in vl-convert's engine
    assert svg.count('aria-roledescription="bar"') == 6  # parsed and rejected, a day each
