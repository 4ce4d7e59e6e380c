"""No two visible controls of a window share an Alt+letter mnemonic (and none is shadowed
by an Alt shortcut): walked over the main window, the trainee window with each tab in
front, and the dialogs the app builds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTabBar,
    QToolButton,
    QWidget,
)

from radviz.ui.main_window import MainWindow


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def test_mnemonic_parsing() -> None:
    assert mnemonic("N&o") == "o"
    assert mnemonic("Exam && history") is None
    assert mnemonic("&&A &b") == "b"


def window_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter a user can press in ``window`` as it is shown now → its owners."""
    found: dict[str, list[str]] = {}

    def add(text: str, owner: str) -> None:
        letter = mnemonic(text)
        if letter:
            found.setdefault(letter, []).append(f"{owner} {text!r}")

    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.window() is not window:
            continue
        if isinstance(w, QToolButton) and w.defaultAction() is not None:
            continue  # tool buttons show an action's icon text, which has no mnemonic
        if isinstance(w, QAbstractButton):
            add(w.text(), type(w).__name__)
        elif isinstance(w, QLabel) and w.buddy() is not None:
            add(w.text(), "label")
        elif isinstance(w, QGroupBox):
            add(w.title(), "group")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    add(w.tabText(i), "tab")
        elif isinstance(w, QMenuBar):
            for a in w.actions():
                if a.isVisible():
                    add(a.text(), "menu")
    # Alt+letter shortcuts of actions and shortcuts shadow a mnemonic of the same letter.
    keys = [k for a in window.findChildren(QAction) for k in a.shortcuts()]
    keys += [s.key() for s in window.findChildren(QShortcut)]
    for key in keys:
        text = key.toString(QKeySequence.SequenceFormat.PortableText)
        if text.startswith("Alt+") and len(text) == 5:
            found.setdefault(text[-1].lower(), []).append(f"shortcut {text}")
    return found


def menu_clashes(menu: QMenu, path: str = "") -> list[str]:
    """Duplicate mnemonics among one menu's entries, and in its submenus."""
    out = []
    seen: dict[str, str] = {}
    for a in menu.actions():
        if a.isSeparator() or not a.isVisible():
            continue
        letter = mnemonic(a.text())
        if letter:
            if letter in seen:
                out.append(f"{path}{menu.title()}: {seen[letter]!r} and {a.text()!r}")
            seen[letter] = a.text()
        sub = a.menu()
        if isinstance(sub, QMenu):
            out += menu_clashes(sub, f"{path}{menu.title()} > ")
    return out


def clashes(window: QWidget) -> list[str]:
    return [
        f"Alt+{k.upper()}: {', '.join(v)}"
        for k, v in window_mnemonics(window).items()
        if len(v) > 1
    ]


@pytest.fixture
def main_window(qapp: QApplication) -> Iterator[MainWindow]:
    w = MainWindow(remember=False)
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    yield w
    w.close()


def test_main_window_has_no_mnemonic_clash(main_window: MainWindow) -> None:
    w = main_window
    for tabs in (w.middle_tabs, w.access_tabs):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            QApplication.processEvents()
            assert clashes(w) == [], tabs.tabText(i)
    for a in w.menuBar().actions():
        menu = a.menu()
        if isinstance(menu, QMenu):
            assert menu_clashes(menu) == []


def test_trainee_window_has_no_mnemonic_clash(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADVIZ_DATA_DIR", str(tmp_path))
    from radviz.ui.trainee import TraineeWindow

    t = TraineeWindow()
    t.resize(1280, 800)
    t.show()
    try:
        for i in range(t.tabs.count()):
            t.tabs.setCurrentIndex(i)
            QApplication.processEvents()
            assert clashes(t) == [], t.tabs.tabText(i)
        # The reported trap: Alt+N must not be both "No" (red flag) and "New case".
        pr = t.practise
        t.tabs.setCurrentWidget(pr)
        QApplication.processEvents()
        letters = window_mnemonics(t)
        no = mnemonic(pr.flag_no.text())
        assert no is not None and len(letters[no]) == 1
    finally:
        t.close()


def test_session_dialogs_have_no_mnemonic_clash(main_window: MainWindow) -> None:
    """The report question on Save: its buttons' letters differ."""
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        box.show()
        QApplication.processEvents()
        boxes.append(box)
        assert clashes(box) == []
        box.hide()
        return 0

    original = QMessageBox.exec
    QMessageBox.exec = fake_exec  # type: ignore[method-assign, assignment]
    try:
        main_window.session._ask_read_report()
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]
    assert boxes


def test_about_box_has_no_mnemonic_clash(main_window: MainWindow) -> None:
    box = main_window.about_box()
    box.show()
    QApplication.processEvents()
    try:
        assert clashes(box) == []
    finally:
        box.close()
