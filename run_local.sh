#!/usr/bin/env bash
# newsbeam on this machine.
#   ./run_local.sh                 set up .venv, run the pipeline on examples/articles -> out/
#   ./run_local.sh --input 'data/*.txt' --output out2    extra arguments go to the pipeline
#   ./run_local.sh test [pytest args]                    set up .venv, run the whole test suite
#   ./run_local.sh report [OUTPUT]                       write OUTPUT/report.html (default out/)
#   ./run_local.sh sql [OUTPUT] [-c QUERY]               DuckDB over OUTPUT's views
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PYTHON=${PYTHON:-python3}
MODEL_TRY_TIMEOUT=${NEWSBEAM_MODEL_TRY_TIMEOUT:-30}

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "newsbeam: creating $VENV" >&2
    "$PYTHON" -m venv "$VENV"
  fi
  # Reinstall only when pyproject.toml changed: a no-op in well under a second otherwise.
  local want have
  want=$(cat pyproject.toml | sha256sum | cut -c1-16)
  have=$(cat "$VENV/.newsbeam-installed" 2>/dev/null || true)
  if [ "$want" != "$have" ]; then
    echo "newsbeam: installing the project into $VENV (first run takes a minute or two)" >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[report,test]"
    echo "$want" > "$VENV/.newsbeam-installed"
  fi
  try_model_once
}

# With no model named and no German package installed, try once (ever, per .venv) to
# install de_core_news_md the standard way. Offline this fails within seconds, and the
# pipeline then runs on its rule-based German pipeline and says so.
try_model_once() {
  [ -n "${NEWSBEAM_MODEL:-}" ] && return 0
  [ -e "$VENV/.model-install-tried" ] && return 0
  if "$VENV/bin/python" -c "import spacy,sys; sys.exit(0 if any(spacy.util.is_package(m) for m in ('de_core_news_lg','de_core_news_md','de_core_news_sm')) else 1)"; then
    return 0
  fi
  touch "$VENV/.model-install-tried"
  echo "newsbeam: no German spaCy model installed; trying once: python -m spacy download de_core_news_md" >&2
  if timeout "$MODEL_TRY_TIMEOUT" "$VENV/bin/python" -m spacy download de_core_news_md >/dev/null 2>&1; then
    echo "newsbeam: installed de_core_news_md" >&2
  else
    echo "newsbeam: could not install de_core_news_md (offline?); using the rule-based pipeline" >&2
  fi
}

setup
case "${1:-}" in
  test) shift; exec "$VENV/bin/python" -m pytest "$@" ;;
  report|sql) exec "$VENV/bin/python" -m pipeline "$@" ;;
esac
exec "$VENV/bin/python" -m pipeline "$@"
