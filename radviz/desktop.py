"""radviz as a desktop application on Linux (freedesktop.org; no Qt).

:func:`install` writes, into the user's data folder (``$XDG_DATA_HOME``, by default
``~/.local/share``):

- ``applications/radviz.desktop``: the menu entry, which opens ``.radviz`` files;
- ``mime/packages/radviz.xml``: the file type ``application/x-radviz-session`` for
  ``*.radviz`` (shared-mime-info);
- ``icons/hicolor/<N>x<N>/apps/radviz.png`` for each rendered size and
  ``icons/hicolor/scalable/apps/radviz.svg``.

It then refreshes the desktop's caches with ``update-mime-database``,
``update-desktop-database`` and ``xdg-mime default`` when they are installed (a machine
without them still gets the files; the next login or a file manager's own scan finds
them). :func:`uninstall` removes exactly those files. Nothing outside the data folder is
written except by ``xdg-mime`` (the user's ``mimeapps.list``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # subprocess and shutil load only to install (the app imports this)
    import subprocess

__all__ = [
    "APP_ID",
    "CATEGORIES",
    "ICON_SIZES",
    "MIME_TYPE",
    "DesktopReport",
    "data_home",
    "desktop_entry",
    "exec_quote",
    "install",
    "installed_paths",
    "launch_command",
    "mime_xml",
    "uninstall",
]

APP_ID = "radviz"
"""The desktop entry's name (``radviz.desktop``), the icon's name and the name Qt gives
the desktop (``QGuiApplication.setDesktopFileName``)."""
MIME_TYPE = "application/x-radviz-session"
"""The file type of a saved session (``*.radviz``)."""
ICON_SIZES: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256, 512)
"""The rendered sizes of the icon (``assets/icons/radviz-<N>.png``), the hicolor theme's
usual folders."""
CATEGORIES = ("Education", "MedicalSoftware", "Science")
"""Menu categories (freedesktop menu specification: MedicalSoftware goes with Science)."""
COMMENT = "Explain lumbar nerve root symptoms: body map, nerve roots, spine levels, causes"
GENERIC_NAME = "Nerve root symptom explainer"
KEYWORDS = ("sciatica", "nerve root", "dermatome", "spine", "lumbar", "radiculopathy")

Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]
"""Runs a helper command (tests give their own)."""


# ------------------------------------------------------------------- the texts
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(arg: str) -> str:
    """One argument of a desktop entry's ``Exec`` key, quoted as the specification asks.

    An argument with a reserved character goes in double quotes with ``"``, `````, ``$``
    and ``\\`` escaped; ``%`` is doubled. (The string-value escape of the backslashes
    this adds is done by :func:`desktop_entry`.)
    """
    arg = arg.replace("%", "%%")
    if arg and not any(ch in _EXEC_RESERVED for ch in arg):
        return arg
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return f'"{escaped}"'


def launch_command(
    argv0: str | None = None,
    *,
    frozen: bool | None = None,
    executable: str | None = None,
    which: Callable[[str], str | None] | None = None,
) -> list[str]:
    """The command a desktop entry runs to start this radviz.

    ``["radviz"]`` when the ``radviz`` on ``PATH`` is the one running; the absolute path
    of the program otherwise (a bundle, a virtual environment not on ``PATH``), so the
    entry starts the same radviz from a menu, where ``PATH`` may be shorter; and
    ``python -m radviz`` when radviz runs as a module.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = sys.executable if executable is None else executable
    if frozen:  # a PyInstaller bundle: the program is the bundle's own executable
        return [os.path.abspath(executable)]
    program = Path(argv0)
    if program.name in (APP_ID, f"{APP_ID}.exe") and program.is_file():
        here = program.resolve()
        found = _which(which)(APP_ID)
        if found is not None and Path(found).resolve() == here:
            return [APP_ID]
        return [str(program.absolute())]
    return [os.path.abspath(executable), "-m", APP_ID]


def _value(text: str) -> str:
    """A desktop entry string value: backslash, newline, tab and return escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: Sequence[str] = (APP_ID,)) -> str:
    """The text of ``radviz.desktop`` for a launcher ``command`` (see
    :func:`launch_command`); it opens one ``.radviz`` file (``%f``)."""
    from radviz import __version__

    exec_line = " ".join(exec_quote(arg) for arg in command) + " %f"
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        "Name=radviz",
        f"GenericName={GENERIC_NAME}",
        f"Comment={COMMENT}",
        f"Exec={_value(exec_line)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "StartupNotify=true",
        f"StartupWMClass={APP_ID}",
        f"Categories={';'.join(CATEGORIES)};",
        f"MimeType={MIME_TYPE};",
        f"Keywords={';'.join(KEYWORDS)};",
        f"X-radviz-Version={__version__}",
    ]
    return "\n".join(lines) + "\n"


def mime_xml() -> str:
    """The shared-mime-info package ``radviz.xml``: ``*.radviz`` is a radviz session
    (JSON underneath), shown with radviz's icon."""
    from radviz.storage.session import SUFFIX

    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        f'  <mime-type type="{MIME_TYPE}">\n'
        "    <comment>radviz session</comment>\n"
        '    <sub-class-of type="application/json"/>\n'
        f'    <icon name="{APP_ID}"/>\n'
        f'    <glob pattern="*{SUFFIX}"/>\n'
        "  </mime-type>\n"
        "</mime-info>\n"
    )


# --------------------------------------------------------------- the files
def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (the specification ignores a
    relative one), otherwise ``~/.local/share``."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def _icon_targets(home: Path) -> list[tuple[str, Path]]:
    """(packaged icon file name, where it goes) for every icon installed."""
    hicolor = home / "icons" / "hicolor"
    pairs = [
        (f"{APP_ID}-{size}.png", hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png")
        for size in ICON_SIZES
    ]
    pairs.append((f"{APP_ID}.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg"))
    return pairs


def installed_paths(home: Path | None = None) -> list[Path]:
    """Every file :func:`install` writes (and :func:`uninstall` removes)."""
    home = data_home() if home is None else home
    return [
        home / "applications" / f"{APP_ID}.desktop",
        home / "mime" / "packages" / f"{APP_ID}.xml",
        *(target for _name, target in _icon_targets(home)),
    ]


@dataclass
class DesktopReport:
    """What :func:`install` or :func:`uninstall` did."""

    home: Path
    files: list[Path] = field(default_factory=list)
    """Files written (install) or removed (uninstall)."""
    ran: list[str] = field(default_factory=list)
    """Helper commands run successfully (``update-mime-database`` ...)."""
    notes: list[str] = field(default_factory=list)
    """Things the user may want to know: a helper missing or failing, an icon missing."""

    def summary(self, verb: str) -> str:
        """One line: what was done where, and by which helpers."""
        text = f"{verb} {len(self.files)} files in {self.home}"
        if self.ran:
            text += f"; ran {', '.join(self.ran)}"
        return text


def _which(which: Callable[[str], str | None] | None) -> Callable[[str], str | None]:
    if which is not None:
        return which
    import shutil

    return shutil.which


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    import subprocess

    return subprocess.run(
        list(command), capture_output=True, text=True, timeout=60, check=False, stdin=None
    )


def _refresh(
    home: Path,
    report: DesktopReport,
    *,
    set_default: bool,
    which: Callable[[str], str | None],
    runner: Runner,
) -> None:
    """Run the desktop's cache helpers that are installed; never fail if one is not."""
    steps: list[tuple[str, list[str]]] = [
        ("update-mime-database", [str(home / "mime")]),
        ("update-desktop-database", [str(home / "applications")]),
    ]
    if (home / "icons" / "hicolor" / "index.theme").is_file() and (
        home / "icons" / "hicolor" / "icon-theme.cache"
    ).is_file():  # refresh an icon cache only where one is already kept
        steps.append(("gtk-update-icon-cache", ["-q", "-t", str(home / "icons" / "hicolor")]))
    if set_default:
        steps.append(("xdg-mime", ["default", f"{APP_ID}.desktop", MIME_TYPE]))
    import subprocess

    for tool, args in steps:
        found = which(tool)
        if found is None:
            report.notes.append(f"{tool} is not installed; skipped")
            continue
        try:
            done = runner([found, *args])
        except (OSError, subprocess.SubprocessError) as exc:
            report.notes.append(f"{tool} could not run ({exc})")
            continue
        if done.returncode != 0:
            detail = (done.stderr or done.stdout or "").strip().splitlines()
            reason = detail[0] if detail else f"exit status {done.returncode}"
            report.notes.append(f"{tool} failed ({reason})")
        else:
            report.ran.append(tool)


def install(
    home: Path | None = None,
    *,
    command: Sequence[str] | None = None,
    which: Callable[[str], str | None] | None = None,
    runner: Runner = _run,
) -> DesktopReport:
    """Install the desktop entry, the file type and the icons into ``home`` (default
    :func:`data_home`) for the launcher ``command`` (default :func:`launch_command`).

    Raises :class:`~radviz.resources.WriteError` (one line naming the file) when a file
    cannot be written; a missing helper or icon is only noted in the report.
    """
    from radviz.resources import WriteError, icon_path, write_atomic

    home = data_home() if home is None else home
    report = DesktopReport(home)
    command = launch_command() if command is None else list(command)
    texts = [
        (home / "applications" / f"{APP_ID}.desktop", desktop_entry(command).encode("utf-8")),
        (home / "mime" / "packages" / f"{APP_ID}.xml", mime_xml().encode("utf-8")),
    ]
    for name, target in _icon_targets(home):
        source = icon_path(name)
        try:
            texts.append((target, source.read_bytes()))
        except OSError:
            report.notes.append(f"icon {source} is missing; skipped")
    for target, data in texts:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(f"{target.parent}: cannot be made ({exc.strerror or exc})") from None
        write_atomic(target, data, mode=0o644, durable=False)
        report.files.append(target)
    _refresh(home, report, set_default=True, which=_which(which), runner=runner)
    return report


def uninstall(
    home: Path | None = None,
    *,
    which: Callable[[str], str | None] | None = None,
    runner: Runner = _run,
) -> DesktopReport:
    """Remove what :func:`install` wrote from ``home`` (nothing else) and refresh the
    caches. Folders left empty by it stay (other programs share them)."""
    home = data_home() if home is None else home
    report = DesktopReport(home)
    for path in installed_paths(home):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            report.notes.append(f"{path}: could not be removed ({exc.strerror or exc})")
            continue
        report.files.append(path)
    _refresh(home, report, set_default=False, which=_which(which), runner=runner)
    return report
