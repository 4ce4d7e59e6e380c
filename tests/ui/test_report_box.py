"""The MRI report box as unsaved work: Ctrl+I, its own undo, Save and Quit warn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from radviz import resources
from radviz.ui.main_window import MainWindow

REPORT = "L4-L5: left paracentral disc extrusion compressing the traversing left L5 root."


@pytest.fixture
def window(qapp: QApplication) -> Iterator[MainWindow]:
    w = MainWindow(remember=False)
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    yield w
    w.close()


def test_ctrl_i_scrolls_to_the_report_box_and_focuses_it(window: MainWindow) -> None:
    area = window.imaging.scroll_area
    window.middle_splitter.setSizes([700, 100])  # a short panel: the box starts out of view
    window.middle_tabs.setCurrentWidget(window.imaging)
    QApplication.processEvents()
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    window.findings.setFocus()
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    edit = window.imaging.report_edit
    assert edit.hasFocus()
    inner = area.widget()
    assert inner is not None
    top = edit.mapTo(inner, edit.rect().topLeft()).y()
    shown_from = area.verticalScrollBar().value()
    assert shown_from <= top < shown_from + area.viewport().height()


def test_after_reading_ctrl_z_in_the_box_cannot_empty_it(window: MainWindow) -> None:
    edit = window.imaging.report_edit
    window.show_imaging_panel()
    edit.setPlainText(REPORT)
    window.imaging.read_report()
    assert window.state.imaging_findings
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == REPORT  # the text and its findings stay together
    assert window.state.imaging_findings
    # Edit > Undo takes the read back: text and findings together.
    window.state.undo_stack.undo()
    assert edit.toPlainText() == ""
    assert not window.state.imaging_findings


def test_unread_report_text_is_unsaved_work(window: MainWindow) -> None:
    session = window.session
    assert not session.is_modified()
    window.imaging.report_edit.setPlainText(REPORT)
    assert window.imaging.has_unread_report()
    assert session.is_modified()
    assert window.isWindowModified()
    assert session.display_title() == "Untitled* — radviz"
    asked: list[str] = []

    def cancel(name: str) -> str:
        asked.append(name)
        return "cancel"

    session._ask_save_changes = cancel  # type: ignore[method-assign]
    assert not session.maybe_save()  # Quit, New and Open ask first
    assert asked == ["Untitled"]


@pytest.mark.parametrize(("answer", "read"), [("read", True), ("skip", False)])
def test_save_offers_to_read_the_report_first(
    window: MainWindow, tmp_path: Path, answer: str, read: bool
) -> None:
    session = window.session
    window.imaging.report_edit.setPlainText(REPORT)
    session._ask_read_report = lambda: answer  # type: ignore[method-assign]
    assert session._save_to(tmp_path / "case.radviz")
    saved = session.current_session()
    assert (saved.imaging_text == REPORT) is read
    assert bool(window.state.imaging_findings) is read


def test_save_cancelled_at_the_report_question_writes_nothing(
    window: MainWindow, tmp_path: Path
) -> None:
    window.imaging.report_edit.setPlainText(REPORT)
    window.session._ask_read_report = lambda: "cancel"  # type: ignore[method-assign]
    assert not window.session._save_to(tmp_path / "case.radviz")
    assert not (tmp_path / "case.radviz").exists()


def test_title_names_the_file_first_and_radviz_once(window: MainWindow) -> None:
    title = window.windowTitle()
    assert title == "Untitled[*] — radviz"
    assert title.count("radviz") == 1


def test_no_window_title_names_radviz_twice(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt adds " — radviz" (the display name) to a title that does not end with it."""
    monkeypatch.setenv("RADVIZ_DATA_DIR", str(tmp_path))
    window.open_trainee()
    window.toggle_presentation()
    presentation = window._presentation
    titles = [window.windowTitle(), window._trainee.windowTitle(), presentation.windowTitle()]
    for title in titles:
        assert title.endswith(" — radviz") and title.count("radviz") == 1, title
    presentation.close()
    window._trainee.close()


def test_data_folder_is_not_doubled(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from radviz.ui.session_controller import data_dir
    from radviz.ui.trainee import default_progress_path

    monkeypatch.delenv("RADVIZ_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert resources.data_dir() == tmp_path / "radviz"
    assert data_dir() == tmp_path / "radviz"
    # An old history in the doubled folder moves up once.
    legacy = tmp_path / "radviz" / "radviz" / "progress.jsonl"
    legacy.parent.mkdir(parents=True)
    legacy.write_text('{"x": 1}\n')
    path = default_progress_path()
    assert path == tmp_path / "radviz" / "progress.jsonl"
    assert path.read_text() == '{"x": 1}\n'
    assert not legacy.exists()
    monkeypatch.setenv("RADVIZ_DATA_DIR", str(tmp_path / "mine"))
    assert default_progress_path() == tmp_path / "mine" / "progress.jsonl"
