# Dataflow worker container for newsbeam, with a German spaCy model baked in.
#
#   docker build -t REGION-docker.pkg.dev/PROJECT/newsbeam/worker:0.1.0 .
#   docker build --build-arg MODEL_PACKAGE=de_core_news_lg-3.8.0-py3-none-any.whl ...
#
# The base image must match the Beam and Python versions of pyproject.toml (a test
# checks). Building needs a Docker engine and internet (the model wheel comes from the
# spaCy models release or a file you COPY in); neither is available where newsbeam is
# developed, so this file is not built in CI.
ARG BEAM_VERSION=2.77.0
ARG PYTHON_VERSION=3.11
FROM apache/beam_python${PYTHON_VERSION}_sdk:${BEAM_VERSION}

ARG MODEL_PACKAGE="https://github.com/explosion/spacy-models/releases/download/de_core_news_md-3.8.0/de_core_news_md-3.8.0-py3-none-any.whl"

WORKDIR /opt/newsbeam
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY transforms ./transforms
COPY schemas ./schemas
RUN pip install --no-cache-dir . "${MODEL_PACKAGE}" \
    && python -c "import spacy, transforms.nlp_model as m; print(m.best_installed())"
