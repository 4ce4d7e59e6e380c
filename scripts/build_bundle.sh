#!/usr/bin/env bash
# Build radviz as one folder that runs without Python: dist/radviz/radviz (PyInstaller).
#
#   bash scripts/build_bundle.sh            # -> dist/radviz/ (run dist/radviz/radviz)
#
# PyInstaller is a build tool, not a dependency of radviz: it is installed, with radviz
# itself (from this checkout, as a wheel would install it) and its dependencies, into a
# build virtual environment of its own (build/bundle-venv), never into .venv. The bundle
# holds the Python interpreter, radviz, Qt, numpy, the knowledge base (radviz/knowledge/
# *.toml), the artwork (assets/svg) and the icons (assets/icons). Copy the folder
# anywhere (a clinic PC of the same OS and architecture, glibc as new as the build
# machine's) and run radviz in it; `radviz --install-desktop` from there adds it to the
# menu and makes it open .radviz files.
#
# Settings (environment): PYTHON (the interpreter for the build venv, default python3),
# RADVIZ_BUNDLE_VENV (default build/bundle-venv), RADVIZ_BUNDLE_DIST (default dist),
# RADVIZ_BUNDLE_WORK (default build/pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PYINSTALLER_VERSION=6.22.3
PY=${PYTHON:-python3}
VENV=${RADVIZ_BUNDLE_VENV:-$ROOT/build/bundle-venv}
DIST=${RADVIZ_BUNDLE_DIST:-$ROOT/dist}
WORK=${RADVIZ_BUNDLE_WORK:-$ROOT/build/pyinstaller}
case "$VENV" in /*) ;; *) VENV=$ROOT/$VENV ;; esac
case "$DIST" in /*) ;; *) DIST=$ROOT/$DIST ;; esac
case "$WORK" in /*) ;; *) WORK=$ROOT/$WORK ;; esac

say() { echo "build_bundle: $*" >&2; }

# 1. The build environment: PyInstaller plus radviz as installed from a wheel (so the
#    artwork and icons are where an installed radviz finds them: radviz/assets/...).
if [ ! -x "$VENV/bin/python" ]; then
    say "creating the build environment $VENV"
    "$PY" -m venv "$VENV"
fi
say "installing PyInstaller $PYINSTALLER_VERSION and radviz into $VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION"
# --force-reinstall --no-deps for radviz itself: a rebuilt checkout with the same version
# number must replace the copy installed by an earlier build.
"$VENV/bin/python" -m pip install -q "$ROOT"
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$ROOT"

# 2. The entry point: the radviz command line, as the console script runs it.
mkdir -p "$WORK"
cat > "$WORK/radviz_entry.py" <<'EOF'
from radviz.cli import main

raise SystemExit(main())
EOF

# 3. One folder (not one file: a one-file bundle unpacks itself into /tmp at every start,
#    which costs seconds and leaves copies behind when killed).
say "running PyInstaller (a few minutes)"
rm -rf "$DIST/radviz"
(
    cd "$WORK"
    "$VENV/bin/pyinstaller" \
        --noconfirm --clean --log-level WARN \
        --onedir --name radviz \
        --distpath "$DIST" --workpath "$WORK/work" --specpath "$WORK" \
        --collect-submodules radviz \
        --collect-data radviz \
        --exclude-module tkinter --exclude-module PyQt5 --exclude-module PyQt6 \
        --exclude-module PySide2 --exclude-module pytest --exclude-module hypothesis \
        radviz_entry.py
)

# 4. Check that the data made it in, and say what it weighs.
internal="$DIST/radviz/_internal/radviz"
for needed in knowledge/sources.toml knowledge/roots.toml assets/svg/body_map.svg \
    assets/svg/spine.svg assets/icons/radviz.svg assets/icons/radviz-256.png; do
    if [ ! -f "$internal/$needed" ]; then
        say "missing from the bundle: radviz/$needed"
        exit 1
    fi
done
"$DIST/radviz/radviz" --version >/dev/null
size=$(du -sm "$DIST/radviz" | cut -f1)
say "built $DIST/radviz/ ($size MB); run $DIST/radviz/radviz"
