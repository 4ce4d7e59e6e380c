"""radviz outside its checkout: the standalone bundle and the wheel (slow).

- ``RADVIZ_TEST_BUNDLE=1``: build the PyInstaller bundle with ``scripts/build_bundle.sh``,
  move it to another folder and run it there with a clean environment (no Python
  variables, no virtual environment on ``PATH``, a fresh home).
- ``RADVIZ_TEST_WHEEL=1``: build the wheel, ``pip install`` it into a fresh virtual
  environment and run it from another folder: every data file (knowledge, artwork,
  icons) is found inside the installed package, and the desktop files install.

Each takes minutes (PyInstaller, Qt's wheels), so ``.ci/run`` runs them only when the
variable is set (``RADVIZ_TEST_BUNDLE=1 bash .ci/run``).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from radviz import __version__
from radviz.storage.session import Session, save_session
from radviz.training.demos import DEMOS

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a user without the project's environment has: a home, a plain PATH."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    env.update(extra)
    return env


def _run(
    program: list[str], env: dict[str, str], cwd: Path, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        program, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _inputs(folder: Path) -> tuple[Path, Path]:
    """A findings file and a saved session of the classic L5 demo."""
    folder.mkdir(parents=True, exist_ok=True)
    findings = folder / "findings.json"
    findings.write_text(json.dumps(DEMOS["classic_l5"].findings), encoding="utf-8")
    session = folder / "case.radviz"
    save_session(session, Session(findings=DEMOS["classic_l5"].to_findings(), notes="bundle"))
    return findings, session


def _exercise(radviz: list[str], where: Path, env: dict[str, str]) -> None:
    """The checks both installs pass: version, infer, a screenshot, a session, the
    desktop files."""
    findings, session = _inputs(where / "in")
    done = _run([*radviz, "--version"], env, where)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"radviz {__version__}"

    done = _run([*radviz, "infer", str(findings)], env, where)
    assert done.returncode == 0, done.stderr
    assert "L5" in done.stdout

    shot = where / "out.png"
    offscreen = {**env, "QT_QPA_PLATFORM": "offscreen"}
    done = _run([*radviz, "--demo", "classic_l5", "--screenshot", str(shot)], offscreen, where)
    assert done.returncode == 0, done.stderr
    assert _png_size(shot) == (1280, 800)
    assert shot.stat().st_size > 50_000  # the drawn window, not an empty picture

    opened = where / "session.png"
    done = _run([*radviz, str(session), "--screenshot", str(opened)], offscreen, where)
    assert done.returncode == 0, done.stderr
    assert _png_size(opened) == (1280, 800)

    done = _run([*radviz, "--install-desktop"], env, where)
    assert done.returncode == 0, done.stderr
    share = Path(env["XDG_DATA_HOME"])
    entry = (share / "applications" / "radviz.desktop").read_text(encoding="utf-8")
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").removesuffix(" %f").strip('"')
    assert Path(program).is_file() and os.access(program, os.X_OK), exec_line
    for size in (16, 48, 256, 512):
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "radviz.png"
        assert _png_size(icon) == (size, size)
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "radviz.svg").is_file()
    assert "*.radviz" in (share / "mime" / "packages" / "radviz.xml").read_text()


@pytest.mark.skipif(
    os.environ.get("RADVIZ_TEST_BUNDLE") != "1",
    reason="builds the PyInstaller bundle (minutes): set RADVIZ_TEST_BUNDLE=1",
)
def test_bundle_runs_from_another_folder_without_python(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build_env = {**os.environ, "RADVIZ_BUNDLE_DIST": str(dist)}
    build_env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build_bundle.sh")],
        env=build_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    # Another machine's folder: moved away from where it was built, with a space in it.
    clinic = tmp_path / "clinic pc" / "apps"
    clinic.mkdir(parents=True)
    shutil.move(str(dist / "radviz"), str(clinic / "radviz"))
    program = clinic / "radviz" / "radviz"
    assert program.is_file()
    work = tmp_path / "elsewhere"
    work.mkdir()
    _exercise([str(program)], work, _clean_env(tmp_path / "home"))


@pytest.mark.skipif(
    os.environ.get("RADVIZ_TEST_WHEEL") != "1",
    reason="installs the wheel into a new virtual environment (minutes): set RADVIZ_TEST_WHEEL=1",
)
def test_wheel_installs_and_finds_every_data_file(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    (wheel,) = wheels.glob("radviz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "radviz/knowledge/sources.toml",
        "radviz/assets/svg/body_map.svg",
        "radviz/assets/svg/spine.svg",
        "radviz/assets/icons/radviz.svg",
        "radviz/assets/icons/radviz-48.png",
        "radviz/assets/icons/radviz-256.png",
    ):
        assert needed in names, f"the wheel lacks {needed}"

    venv = tmp_path / "venv"
    done = subprocess.run(
        [sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = _clean_env(tmp_path / "home")
    probe = (
        "from radviz.resources import asset_path, icon_path, knowledge_dir\n"
        "from radviz.desktop import ICON_SIZES\n"
        "paths = [asset_path(n) for n in ('body_map.svg', 'spine.svg', 'spine_sagittal.svg')]\n"
        "paths += [icon_path(), *(icon_path(f'radviz-{s}.png') for s in ICON_SIZES)]\n"
        "paths += sorted(knowledge_dir().glob('*.toml'))\n"
        "print('\\n'.join(str(p) for p in paths))\n"
    )
    done = _run([str(python), "-c", probe], env, work)
    assert done.returncode == 0, done.stderr
    paths = [Path(line) for line in done.stdout.splitlines()]
    assert len(paths) > 12
    for path in paths:
        assert path.is_file(), path
        assert path.resolve().is_relative_to(venv.resolve()), f"{path} is not the installed copy"
    _exercise([str(venv / "bin" / "radviz")], work, env)
