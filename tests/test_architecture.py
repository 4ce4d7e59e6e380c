"""The model and the headless command line never load Qt or pyqtgraph."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
{body}
bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'))
print(','.join(bad))
"""


@pytest.mark.parametrize(
    "body",
    [
        "import radviz, radviz.anatomy, radviz.reasoning, radviz.reasoning.inference,"
        " radviz.knowledge.loader, radviz.reasoning.findings",
        "import radviz.anatomy.geometry, radviz.imaging.parser",
        "from radviz.cli import main\nimport io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['kb', '--json'])",
        "from radviz.cli import main\nimport io, contextlib, json\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(json.dumps({'symptoms': []}).encode()))\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['infer', '--json', '-'])",
    ],
    ids=["model", "geometry+imaging", "cli-kb", "cli-infer"],
)
def test_headless_code_loads_no_qt(body: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CHECK.format(body=body)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"Qt modules loaded: {proc.stdout.strip()}"


PURE_ROOMS = ("anatomy", "knowledge", "reasoning", "imaging", "training", "storage")


@pytest.mark.parametrize("room", PURE_ROOMS)
def test_pure_rooms_never_import_qt(room: str) -> None:
    files = list((ROOT / "radviz" / room).rglob("*.py"))
    assert files, room
    for path in files:
        text = path.read_text()
        assert "PySide6" not in text and "pyqtgraph" not in text, path


def test_every_pure_room_imports_without_qt() -> None:
    body = "\n".join(
        f"import radviz.{room}." + p.stem
        for room in PURE_ROOMS
        for p in sorted((ROOT / "radviz" / room).glob("*.py"))
        if p.stem != "__init__"
    )
    proc = subprocess.run(
        [sys.executable, "-c", CHECK.format(body=body)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"Qt modules loaded: {proc.stdout.strip()}"
