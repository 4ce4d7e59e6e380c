"""Fixtures for the UI tests: offscreen Qt and a QSettings store per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

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
