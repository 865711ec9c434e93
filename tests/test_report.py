"""newsbeam report: one HTML file that opens offline, every chart drawn by a real browser."""

import re
import shutil

import pytest

from pipeline import report
from pipeline.main import main
from tests import browser
from tests.test_views import old_output

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
    for title in ("Run health", "Identities over months", "Event types by modality",
                  "Who acts on whom: countries", "Who acts on whom: identities",
                  "Where events happen", "Most quoted speakers",
                  "Claims that are not asserted facts"):
        assert f"<h2>{title}</h2>" in document
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
    # the data reached the charts: a person, a country, places on the map
    assert re.search(r"<text[^>]*>Wladimir Putin</text>", dom)
    assert re.search(r"<text[^>]*>RUS</text>", dom)
    assert 'aria-roledescription="circle"' in dom


@needs_chromium
def test_an_output_from_before_places_and_quotes_still_draws(seed_output, tmp_path):
    out = old_output(seed_output, tmp_path / "old")
    page = tmp_path / "report.html"
    document = report.build(str(out))
    page.write_text(document, encoding="utf-8")
    assert "No geocoded events yet." in document and "No quotations yet." in document
    dom, data = rendered(page)
    assert_all_drawn(document, dom, data)


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
