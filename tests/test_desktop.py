"""radviz as a desktop app (no Qt): the desktop entry, the ``.radviz`` file type, the
icons installed into the user's data folder, and the command-line doors to them."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest

from radviz import cli, desktop
from radviz.desktop import (
    ICON_SIZES,
    MIME_TYPE,
    desktop_entry,
    exec_quote,
    install,
    installed_paths,
    launch_command,
    mime_xml,
    uninstall,
)
from radviz.resources import icon_path

NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _entry(text: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(text)
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def _no_tools(_name: str) -> str | None:
    return None


def test_entry_has_the_keys_a_desktop_needs() -> None:
    keys = _entry(desktop_entry())
    assert keys["Type"] == "Application"
    assert keys["Name"] == "radviz"
    assert keys["Exec"] == "radviz %f"
    assert keys["Icon"] == "radviz"
    assert keys["MimeType"] == "application/x-radviz-session;"
    assert keys["Categories"] == "Education;MedicalSoftware;Science;"
    assert keys["Terminal"] == "false"


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        ("radviz", "radviz"),
        ("/opt/radviz/radviz", "/opt/radviz/radviz"),
        ("/home/jo/my apps/radviz", '"/home/jo/my apps/radviz"'),
        ('/srv/a$b`c"d\\e', '"/srv/a\\$b\\`c\\"d\\\\e"'),
        ("/srv/100%/radviz", "/srv/100%%/radviz"),
    ],
)
def test_exec_arguments_are_quoted_as_the_specification_asks(arg: str, quoted: str) -> None:
    assert exec_quote(arg) == quoted


def test_exec_line_escapes_backslashes_once_more_as_a_string_value() -> None:
    keys = _entry(desktop_entry(["/srv/a b\\c"]))
    # Exec quoting gives "/srv/a b\\c"; the string value escapes each backslash again.
    assert keys["Exec"] == '"/srv/a b\\\\\\\\c" %f'


def test_launch_command_names_the_radviz_that_runs(tmp_path: Path) -> None:
    program = tmp_path / "venv" / "bin" / "radviz"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    # On PATH: the plain name, so the entry survives moving the environment.
    assert launch_command(str(program), frozen=False, which=lambda _n: str(program)) == ["radviz"]
    # Not on PATH (a virtual environment never activated): its absolute path.
    assert launch_command(str(program), frozen=False, which=_no_tools) == [str(program)]
    other = tmp_path / "other" / "radviz"
    assert launch_command(str(program), frozen=False, which=lambda _n: str(other)) == [str(program)]
    # A bundle: the bundle's own program, whatever argv[0] says.
    bundle = tmp_path / "dist" / "radviz" / "radviz"
    assert launch_command("radviz", frozen=True, executable=str(bundle)) == [str(bundle)]
    # python -m radviz
    python = tmp_path / "py" / "python3"
    assert launch_command("/x/radviz/__main__.py", frozen=False, executable=str(python)) == [
        str(python),
        "-m",
        "radviz",
    ]


def test_mime_package_declares_the_session_type() -> None:
    root = ET.fromstring(mime_xml())
    assert root.tag == f"{NS}mime-info"
    (mime,) = root.findall(f"{NS}mime-type")
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{NS}glob")] == ["*.radviz"]
    sub = mime.find(f"{NS}sub-class-of")
    assert sub is not None and sub.get("type") == "application/json"
    assert mime.findtext(f"{NS}comment") == "radviz session"


def test_data_home_follows_xdg_and_ignores_a_relative_value() -> None:
    assert desktop.data_home({"XDG_DATA_HOME": "/srv/share"}) == Path("/srv/share")
    home = Path.home() / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": "rel/share"}) == home
    assert desktop.data_home({}) == home


def test_install_writes_entry_type_and_icons_without_any_helper(tmp_path: Path) -> None:
    report = install(tmp_path, command=["radviz"], which=_no_tools)
    assert sorted(report.files) == sorted(installed_paths(tmp_path))
    assert report.ran == []
    assert any("update-mime-database" in note for note in report.notes)
    entry = tmp_path / "applications" / "radviz.desktop"
    assert _entry(entry.read_text(encoding="utf-8"))["Exec"] == "radviz %f"
    assert (tmp_path / "mime" / "packages" / "radviz.xml").read_text() == mime_xml()
    for size in ICON_SIZES:
        png = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "radviz.png"
        assert png.read_bytes() == icon_path(f"radviz-{size}.png").read_bytes()
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "radviz.svg"
    assert svg.read_bytes() == icon_path("radviz.svg").read_bytes()
    assert entry.stat().st_mode & 0o777 == 0o644
    # Installing again replaces, never duplicates.
    again = install(tmp_path, command=["radviz"], which=_no_tools)
    assert sorted(again.files) == sorted(report.files)


class _Recorder:
    def __init__(self, status: int = 0, error: Exception | None = None) -> None:
        self.calls: list[list[str]] = []
        self.status = status
        self.error = error

    def __call__(self, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(list(command))
        if self.error is not None:
            raise self.error
        return subprocess.CompletedProcess(list(command), self.status, "", "boom\nmore")


def test_helpers_run_only_when_present_and_never_fail_the_install(tmp_path: Path) -> None:
    present = {"update-mime-database", "xdg-mime"}

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in present else None

    ok = _Recorder()
    report = install(tmp_path, command=["radviz"], which=which, runner=ok)
    assert ok.calls == [
        ["/usr/bin/update-mime-database", str(tmp_path / "mime")],
        ["/usr/bin/xdg-mime", "default", "radviz.desktop", MIME_TYPE],
    ]
    assert report.ran == ["update-mime-database", "xdg-mime"]
    assert report.notes == ["update-desktop-database is not installed; skipped"]

    failing = install(tmp_path, command=["radviz"], which=which, runner=_Recorder(status=3))
    assert failing.ran == []
    assert "update-mime-database failed (boom)" in failing.notes
    broken = install(tmp_path, command=["radviz"], which=which, runner=_Recorder(error=OSError(8)))
    assert any("could not run" in note for note in broken.notes)
    assert len(broken.files) == len(installed_paths(tmp_path))

    ok = _Recorder()
    removed = uninstall(tmp_path, which=which, runner=ok)
    assert [c[0] for c in ok.calls] == ["/usr/bin/update-mime-database"]  # no xdg-mime
    assert len(removed.files) == len(installed_paths(tmp_path))


def test_uninstall_removes_only_what_install_wrote(tmp_path: Path) -> None:
    install(tmp_path, command=["radviz"], which=_no_tools)
    other = tmp_path / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")
    other_icon = tmp_path / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    other_icon.write_bytes(b"png")
    report = uninstall(tmp_path, which=_no_tools)
    assert sorted(report.files) == sorted(installed_paths(tmp_path))
    assert not any(p.exists() for p in installed_paths(tmp_path))
    assert other.exists() and other_icon.exists()
    assert uninstall(tmp_path, which=_no_tools).files == []  # twice is harmless


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="no shared-mime-info")
def test_the_mime_database_knows_radviz_files_after_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # xdg-mime writes here
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    report = install(tmp_path, command=["radviz"])
    assert "update-mime-database" in report.ran
    globs = (tmp_path / "mime" / "globs2").read_text()
    assert f"{MIME_TYPE}:*.radviz" in globs
    uninstall(tmp_path)
    assert "radviz" not in (tmp_path / "mime" / "globs2").read_text()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
@pytest.mark.parametrize(
    "command", [["radviz"], ["/opt/my apps/radviz$1"], ["/usr/bin/python3", "-m", "radviz"]]
)
def test_desktop_file_validate_accepts_the_entry(tmp_path: Path, command: list[str]) -> None:
    entry = tmp_path / "radviz.desktop"
    entry.write_text(desktop_entry(command), encoding="utf-8")
    done = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error:" not in done.stdout + done.stderr


# ------------------------------------------------------------------ the CLI
def test_cli_installs_and_uninstalls_into_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # xdg-mime writes here
    assert cli.main(["--install-desktop"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"radviz: installed {len(installed_paths())} files in {tmp_path}")
    assert all(p.is_file() for p in installed_paths(tmp_path / "share"))
    assert cli.main(["--uninstall-desktop"]) == 0
    assert "removed" in capsys.readouterr().out
    assert not any(p.exists() for p in installed_paths(tmp_path / "share"))


def test_cli_install_failure_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert cli.main(["--install-desktop"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(blocker) in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--install-desktop", "--uninstall-desktop"],
        ["--install-desktop", "kb"],
        ["--install-desktop", "case.radviz"],
        ["--demo", "classic_l5", "case.radviz"],
    ],
)
def test_cli_refuses_mixed_requests_in_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("radviz: ")


@pytest.mark.parametrize(
    ("argv", "words", "session"),
    [
        (["case.radviz"], [], "case.radviz"),
        (["--screenshot", "o.png", "case.radviz"], ["--screenshot", "o.png"], "case.radviz"),
        (["case.radviz", "--screenshot", "o.png"], ["--screenshot", "o.png"], "case.radviz"),
        (["--", "-odd.radviz"], [], "-odd.radviz"),
        (["infer", "x.radviz"], ["infer", "x.radviz"], None),
        (["handout", "a.radviz", "o.pdf"], ["handout", "a.radviz", "o.pdf"], None),
        (["--demo", "classic_l5"], ["--demo", "classic_l5"], None),
        (["infer", "-"], ["infer", "-"], None),
    ],
)
def test_a_session_file_is_told_apart_from_commands(
    argv: list[str], words: list[str], session: str | None
) -> None:
    assert cli._split_session(cli.build_parser(), argv) == (words, session)


def test_cli_missing_session_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "gone.radviz"
    assert cli.main([str(missing)]) == 2
    err = capsys.readouterr().err
    assert err == f"radviz: {missing}: file not found\n"
    assert cli.main([str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
