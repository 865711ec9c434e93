# One image for newsbeam on Dataflow: the workers' container (Beam's SDK harness with
# newsbeam and a German spaCy model baked in) and the Flex Template launcher, which
# Google recommends be the same image so both have the same dependencies.
#
#   docker build -t REGION-docker.pkg.dev/PROJECT/newsbeam/newsbeam:0.1.0 .
#   docker build --build-arg MODEL_PACKAGE=de_core_news_lg-3.8.0-py3-none-any.whl ...
#
# The Beam and Python versions must match pyproject.toml, and the launcher image's
# Python with them (a test checks). Pin LAUNCHER_IMAGE to a dated tag from Google's
# "Flex Templates base images" page; "latest" is only the fallback. Building needs a
# Docker engine and internet (the model wheel comes from the spaCy models release or a
# file you COPY in); neither is available where newsbeam is developed, so this file is
# not built in CI.
ARG BEAM_VERSION=2.77.0
ARG PYTHON_VERSION=3.11
ARG LAUNCHER_IMAGE=gcr.io/dataflow-templates-base/python311-template-launcher-base:latest

FROM ${LAUNCHER_IMAGE} AS template_launcher

FROM apache/beam_python${PYTHON_VERSION}_sdk:${BEAM_VERSION}

ARG MODEL_PACKAGE="https://github.com/explosion/spacy-models/releases/download/de_core_news_md-3.8.0/de_core_news_md-3.8.0-py3-none-any.whl"

WORKDIR /opt/newsbeam
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY transforms ./transforms
COPY schemas ./schemas
COPY flex_template ./flex_template
# The place index (transforms/geo) is built here, once, by the command the launcher
# runs before a local job; workers only open it read-only. Without it every worker
# would build it on first use (about 15 s and a 525 MB peak in a child process).
# So are the tables a worker would otherwise derive at every start (transforms/derived.py:
# the gazetteer's patterns, the lexicon's forms; about 4 CPU-s per worker process).
ENV NEWSBEAM_GEO_INDEX=/opt/newsbeam/places.sqlite
ENV XDG_CACHE_HOME=/opt/newsbeam/cache
RUN pip install --no-cache-dir . "${MODEL_PACKAGE}" \
    && python -c "import spacy, transforms.nlp.model as m; print(m.best_installed())" \
    && python -m transforms.geo.index "${NEWSBEAM_GEO_INDEX}" \
    && python -m transforms.derived && chmod -R a+rX /opt/newsbeam/cache

# Flex Template: the launcher binary, and the program it runs (newsbeam, detached).
COPY --from=template_launcher /opt/google/dataflow/python_template_launcher /opt/google/dataflow/python_template_launcher
ENV FLEX_TEMPLATE_PYTHON_PY_FILE=/opt/newsbeam/flex_template/launch.py
