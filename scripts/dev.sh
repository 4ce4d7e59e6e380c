#!/usr/bin/env bash
# One door for a fresh clone: `bash scripts/dev.sh app [ARGS]` opens radviz,
# `bash scripts/dev.sh test [PYTEST ARGS]` runs ruff, mypy and the whole test suite, and
# `bash scripts/dev.sh bench [--json]` the benchmark (scripts/bench.py). Each does all set-up:
# system libraries Qt needs (Debian, when root and missing), a virtual environment in
# .venv, and the package with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

QT_DEBS="libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 fonts-dejavu-core"
XVFB_DEBS="xvfb xauth libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1"

system_libs() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=()
    for pkg in $QT_DEBS "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ]; then
        echo "radviz: installing system libraries: ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "radviz: missing system libraries (install as root): ${missing[*]}" >&2
    fi
}

venv() {
    local py=${PYTHON:-python3}
    if [ ! -x .venv/bin/python ]; then
        "$py" -m venv .venv
    fi
    local stamp=.venv/.radviz-installed
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        .venv/bin/python -m pip install -q --upgrade pip >/dev/null
        .venv/bin/python -m pip install -q -e ".[dev]"
        touch "$stamp"
    fi
    # An editable install has no bytecode, and PYTHONDONTWRITEBYTECODE (set on some
    # machines) stops Python writing it: every start would recompile radviz. Compile it
    # as a regular install does; this is quick when nothing changed.
    .venv/bin/python -m compileall -q radviz >/dev/null
}

cmd=${1:-}
shift || true
case "$cmd" in
    app)
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
            system_libs $XVFB_DEBS
            venv
            exec xvfb-run -a .venv/bin/radviz "$@"
        fi
        system_libs
        venv
        exec .venv/bin/radviz "$@"
        ;;
    test)
        system_libs
        venv
        # Static checks first: lint, format and strict types over the code, its tests and
        # its scripts (configured in pyproject.toml). Each names what it rejects.
        echo "radviz: ruff check, ruff format --check, mypy (strict)" >&2
        .venv/bin/ruff check -q radviz tests scripts
        .venv/bin/ruff format -q --check radviz tests scripts
        .venv/bin/mypy
        export QT_QPA_PLATFORM=offscreen
        exec .venv/bin/python -m pytest -q "$@"
        ;;
    bench)
        system_libs
        venv
        export QT_QPA_PLATFORM=offscreen
        exec .venv/bin/python scripts/bench.py "$@"
        ;;
    *)
        echo "usage: bash scripts/dev.sh app [radviz args] | test [pytest args] | bench [--json] [--quick]" >&2
        exit 2
        ;;
esac
