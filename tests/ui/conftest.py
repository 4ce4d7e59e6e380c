"""Fixtures for the UI tests: offscreen Qt and a QSettings store per test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """Point QSettings at a fresh folder so runs never share remembered state."""
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("radviz")
    qapp.setApplicationName("radviz")
    yield folder


@pytest.fixture(autouse=True)
def no_modal_session_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a window with unsaved changes asks "Save changes?" in a modal box, which
    would block an offscreen test forever. Answer "discard" (and "no" to restoring a
    recovery file); tests of the prompts patch these methods on their controller."""
    from radviz.ui.session_controller import SessionController

    monkeypatch.setattr(SessionController, "_ask_save_changes", lambda self, name: "discard")
    monkeypatch.setattr(SessionController, "_ask_restore", lambda self, when: False)


@pytest.fixture
def on_screen() -> Callable[[object], np.ndarray]:
    """What a shown widget's window holds now, as RGBA rows (height × width × 4).

    Read from the window's backing store, which repaints update incrementally, so a
    region left unrepainted shows up here; ``QWidget.grab()`` would paint afresh.
    """
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    def grab(widget: object) -> np.ndarray:
        QApplication.processEvents()
        image = widget.screen().grabWindow(widget.winId()).toImage()  # type: ignore[attr-defined]
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine()
        )
        return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()

    return grab
