"""The Flex Template's metadata and Cloud Scheduler request, checked against the CLI.

Nothing here can reach Dataflow; what can be checked is that the template declares
exactly the options newsbeam has, that every parameter reaches its option the way the
launcher passes it (``--name=value``), and that the scheduled request fits the metadata.
The launch itself (building the job, writing the job file, not waiting) is tested
against the GCS emulator in ``test_gcs.py``."""

import json
import re

import pytest

from pipeline import flex_template
from pipeline.options import BY_NAME, OPTIONS, NewsbeamOptions, UsageError, parse
from tests.conftest import ROOT

METADATA = ROOT / "flex_template" / "metadata.json"
REQUEST = ROOT / "flex_template" / "launch_request.json"

# A value for each parameter, as a scheduler would pass it, and what newsbeam makes of it.
SAMPLES = {
    "input": ("gs://news-bucket/landing/*.txt", ["gs://news-bucket/landing/*.txt"]),
    "output": ("gs://news-bucket/newsbeam", "gs://news-bucket/newsbeam"),
    "model": ("de_core_news_lg", "de_core_news_lg"),
    "max_article_bytes": ("500000", 500000),
    "batch_size": ("16", 16),
    "event_lexicon": ("gs://news-bucket/config/lexicon.tsv",
                      "gs://news-bucket/config/lexicon.tsv"),
    "reprocess": ("true", True),
    "extract_timeout": ("2.5", 2.5),
    "stale_lock_hours": ("12", 12.0),
}


# Dataflow's ParameterType values (v1b3 API) that newsbeam's parameters may use.
PARAM_TYPES = {"TEXT", "NUMBER", "BOOLEAN", "GCS_READ_FILE", "GCS_READ_FOLDER",
               "GCS_WRITE_FOLDER"}


def _parse(argv):
    return parse(argv).view_as(NewsbeamOptions)


def _declared():
    return {p["name"]: p for p in json.loads(METADATA.read_text())["parameters"]}


def test_the_metadata_file_is_the_one_generated_from_the_cli():
    assert json.loads(METADATA.read_text()) == flex_template.metadata(), (
        "regenerate: python -m pipeline.flex_template > flex_template/metadata.json")


def test_every_cli_option_is_a_parameter_or_left_out_for_a_stated_reason():
    options = {option.key for option in OPTIONS}
    as_parameters = {BY_NAME[spec["option"]].key for spec in flex_template.PARAMETERS.values()}
    assert options == as_parameters | set(flex_template.NOT_PARAMETERS)
    assert not as_parameters & set(flex_template.NOT_PARAMETERS)
    assert set(SAMPLES) == set(_declared())  # each parameter is tried below


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_parameter_reaches_its_option_as_the_launcher_passes_it(name):
    declared = _declared()[name]
    assert re.fullmatch(r"[a-z][a-z0-9_]*", name)
    assert declared["paramType"] in PARAM_TYPES and declared["label"] and declared["helpText"]
    value, expected = SAMPLES[name]
    assert all(re.search(rx, value) for rx in declared["regexes"]), (name, value)
    dest = BY_NAME[flex_template.PARAMETERS[name]["option"]].key
    assert getattr(_parse([f"--{name}={value}"]), dest) == expected


def test_regexes_turn_away_values_the_launcher_could_not_use():
    declared = _declared()
    rejected = {"input": "/home/me/articles/*.txt", "output": "out",
                "batch_size": "0", "max_article_bytes": "-1", "reprocess": "yes please",
                "event_lexicon": "lexicon.tsv", "extract_timeout": "0",
                "stale_lock_hours": "-1"}
    for name, value in rejected.items():
        assert not all(re.search(rx, value) for rx in declared[name]["regexes"]), name


def test_reprocess_takes_a_value_and_still_works_as_a_switch():
    assert _parse(["--reprocess"]).reprocess is True
    assert _parse(["--reprocess=false"]).reprocess is False
    assert _parse(["--reprocess=stale"]).reprocess == "stale"
    assert _parse(["--reprocess", "stale"]).reprocess == "stale"
    assert _parse([]).reprocess is False
    with pytest.raises(UsageError, match="expected true, false or stale"):
        _parse(["--reprocess=maybe"])


@pytest.mark.parametrize("value, ok", [("1", True), ("0.5", True), ("00.25", True),
                                       ("10.0", True), ("0", False), ("0.0", False),
                                       ("-2", False), (".", False), ("1e3", False)])
def test_positive_number_parameters_accept_what_the_cli_accepts(value, ok):
    regex = flex_template.PARAMETERS["extract_timeout"]["regexes"][0]
    assert bool(re.search(regex, value)) == ok
    if ok:
        assert _parse([f"--extract_timeout={value}"]).extract_timeout == float(value)


def test_required_parameters_are_the_ones_without_a_usable_default():
    required = {name for name, p in _declared().items() if not p["isOptional"]}
    assert required == {"input", "output"}


def test_the_scheduled_launch_request_fits_the_metadata():
    request = json.loads(REQUEST.read_text())["launchParameter"]
    declared = _declared()
    parameters = request["parameters"]
    assert set(parameters) <= set(declared), set(parameters) - set(declared)
    assert {n for n, p in declared.items() if not p["isOptional"]} <= set(parameters)
    for name, value in parameters.items():
        assert all(re.search(rx, value) for rx in declared[name]["regexes"]), name
    assert re.fullmatch(r"gs://[^/]+/.+\.json", request["containerSpecGcsPath"])
    assert re.fullmatch(r"[a-z]([-a-z0-9]*[a-z0-9])?", request["jobName"])
    # the workers run the same image as the launcher
    assert request["environment"]["sdkContainerImage"].endswith("/newsbeam/newsbeam:0.1.0")


def test_the_launcher_always_detaches_and_defaults_to_dataflow():
    argv = flex_template.launcher_argv(["--input=gs://b/x/", "--output=gs://b/out"])
    assert "--detach" in argv and "--runner=DataflowRunner" in argv
    named = flex_template.launcher_argv(["--runner=DataflowRunner", "--input=gs://b/x/"])
    assert named.count("--runner=DataflowRunner") == 1
    assert _parse([a for a in argv if not a.startswith("--runner")]).detach is True


def test_the_image_runs_the_launch_program_it_ships():
    dockerfile = (ROOT / "Dockerfile").read_text()
    launch = re.search(r"^ENV FLEX_TEMPLATE_PYTHON_PY_FILE=/opt/newsbeam/(\S+)$", dockerfile,
                       re.M).group(1)
    assert (ROOT / launch).is_file()
    assert f"COPY {launch.split('/')[0]} ./{launch.split('/')[0]}" in dockerfile
    python = re.search(r"^ARG PYTHON_VERSION=(\d+)\.(\d+)$", dockerfile, re.M).groups()
    assert f"/python{''.join(python)}-template-launcher-base:" in dockerfile
    assert "COPY --from=template_launcher /opt/google/dataflow/python_template_launcher " \
           "/opt/google/dataflow/python_template_launcher" in dockerfile
