"""radviz as a desktop app, in Qt: the window icon, the About box, and a session opened
from the command line (``radviz FILE.radviz``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from radviz import __version__
from radviz.app import build_window, run
from radviz.knowledge.loader import load_kb
from radviz.reasoning.result import DISCLAIMER
from radviz.storage.session import Session, save_session
from radviz.training.demos import DEMOS
from radviz.ui.session_controller import SessionController

ROOT = Path(__file__).resolve().parents[2]


def _build_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_icons", ROOT / "scripts" / "build_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_window_gets_the_app_icon_at_the_usual_sizes(qtbot: QtBot) -> None:
    QGuiApplication.setWindowIcon(QIcon())  # start without one
    window = build_window(remember=False)
    qtbot.addWidget(window)
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert {(16, 16), (48, 48), (256, 256)} <= sizes
    assert QGuiApplication.desktopFileName() == "radviz"
    # The main window, the trainee window and dialogs have no icon of their own: they
    # show the application's.
    assert window.windowIcon().cacheKey() == icon.cacheKey()
    window.open_trainee()
    trainee = window._trainee
    assert trainee is not None
    assert trainee.windowIcon().cacheKey() == icon.cacheKey()
    trainee.close()
    # The 48 px icon is the committed picture, not an empty one.
    image = icon.pixmap(48, 48).toImage()
    assert image.width() == 48 and image.pixelColor(24, 24).alpha() == 255


def test_committed_icon_pngs_are_what_the_svg_renders(qapp: QApplication) -> None:
    module = _build_icons()
    assert module.check() == []
    from radviz.desktop import ICON_SIZES

    assert tuple(module.SIZES) == ICON_SIZES


def test_about_box_names_version_sources_licences_and_disclaimer(qtbot: QtBot) -> None:
    window = build_window(remember=False)
    qtbot.addWidget(window)
    box = window.about_box()
    text = box.text()
    assert f"radviz {__version__}" in text
    assert DISCLAIMER in text
    count = len(load_kb().sources)
    assert count > 10
    assert f"{count} published sources" in text
    assert "MIT licence" in text and "Artwork" in text and "Knowledge" in text
    details = box.detailedText()
    assert details.startswith(f"Sources ({count})")
    assert len(details.splitlines()) == count + 2  # every source, one line each
    assert not box.iconPixmap().isNull()  # the app icon, not Qt's "i"
    # Help > About radviz opens it.
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
    )
    assert isinstance(help_menu, QMenu) and window.about_action in help_menu.actions()
    box.deleteLater()


def test_about_action_shows_the_box(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = build_window(remember=False)
    qtbot.addWidget(window)
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    window.about_action.trigger()
    assert len(shown) == 1 and DISCLAIMER in shown[0]


def _session_file(folder: Path) -> Path:
    path = folder / "Jane case.radviz"
    save_session(path, Session(findings=DEMOS["classic_l5"].to_findings(), notes="seen today"))
    return path


def test_radviz_file_opens_that_session(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _session_file(tmp_path)
    opened: list[tuple[str, bool]] = []
    real_open = SessionController.open

    def spy(self: SessionController, target: str | Path | None = None) -> bool:
        done = real_open(self, target)
        opened.append((str(target), done))
        assert self.path == Path(path) and self.notes == "seen today"
        return done

    monkeypatch.setattr(SessionController, "open", spy)
    out = tmp_path / "shot.png"
    assert run(session=str(path), screenshot=str(out)) == 0
    assert opened == [(str(path), True)]
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize("content", [None, b"{not json", b'{"format": "radviz-session"}'])
def test_a_missing_or_damaged_session_is_one_line_and_status_2(
    qapp: QApplication,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
) -> None:
    path = tmp_path / "case.radviz"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "shot.png"
    assert run(session=str(path), screenshot=str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err
    assert not out.exists()


def test_a_damaged_session_opened_in_the_app_shows_the_apps_own_error_box(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A double-click on a damaged file: the window opens and says why, in its box."""
    from radviz.ui.main_window import MainWindow

    path = tmp_path / "damaged.radviz"
    path.write_bytes(b'{"format": "radviz-session", "findings": ')
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        SessionController, "_show_error", lambda self, title, text: errors.append((title, text))
    )
    monkeypatch.setattr(SessionController, "offer_recovery", lambda self: False)
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)  # no event loop in a test
    before = {id(w) for w in QApplication.topLevelWidgets()}
    try:
        assert run(session=str(path)) == 0
        assert len(errors) == 1
        assert errors[0][0] == "Cannot open the case" and str(path) in errors[0][1]
    finally:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and id(widget) not in before:
                widget.session.shutdown()
                widget.close()
                widget.deleteLater()
