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
        "import radviz, radviz.model, radviz.model.inference, radviz.model.knowledge,"
        " radviz.model.findings",
        "import radviz.model.geometry, radviz.model.imaging",
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


def test_model_sources_never_import_qt() -> None:
    for path in (ROOT / "radviz" / "model").rglob("*.py"):
        text = path.read_text()
        assert "PySide6" not in text and "pyqtgraph" not in text, path
