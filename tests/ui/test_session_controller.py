"""Files in the window: save/open, modified mark, recent files, autosave and recovery."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMenu

from radviz.anatomy.geometry import body_map
from radviz.reasoning.findings import Findings, Motor, Symptom
from radviz.storage.session import load_session, save_session
from radviz.ui.app_state import AppState
from radviz.ui.session_controller import SessionController, attach


class Dialogs:
    """Scripted answers for every dialog; records the messages shown."""

    def __init__(self) -> None:
        self.save_path: str | None = None
        self.open_path: str | None = None
        self.export_path: str | None = None
        self.save_changes = "cancel"
        self.restore = True
        self.patient_name: str | None = ""
        self.errors: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.asked: list[str] = []

    def install(self, ctrl: SessionController, monkeypatch: pytest.MonkeyPatch) -> None:
        def record(name: str, value: Any) -> Any:
            def f(*args: Any) -> Any:
                self.asked.append(name)
                return value() if callable(value) else value

            return f

        monkeypatch.setattr(ctrl, "_ask_save_path", record("save_path", lambda: self.save_path))
        monkeypatch.setattr(ctrl, "_ask_open_path", record("open_path", lambda: self.open_path))
        monkeypatch.setattr(
            ctrl, "_ask_export_path", record("export_path", lambda: self.export_path)
        )
        monkeypatch.setattr(
            ctrl, "_ask_save_changes", record("save_changes", lambda: self.save_changes)
        )
        monkeypatch.setattr(ctrl, "_ask_restore", record("restore", lambda: self.restore))
        monkeypatch.setattr(
            ctrl, "_ask_patient_name", record("patient_name", lambda: self.patient_name)
        )
        monkeypatch.setattr(ctrl, "_show_error", lambda t, m: self.errors.append((t, m)))
        monkeypatch.setattr(ctrl, "_show_warning", lambda t, m: self.warnings.append((t, m)))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("RADVIZ_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def env(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[QMainWindow, AppState, SessionController, Dialogs]]:
    window = QMainWindow()
    qtbot.add_widget(window)
    state = AppState(window)
    ctrl = SessionController(window, state, QSettings())
    dialogs = Dialogs()
    dialogs.install(ctrl, monkeypatch)
    yield window, state, ctrl, dialogs
    ctrl.shutdown()


def _edit(state: AppState) -> None:
    state.toggle_zone("foot_dorsum", "left", "numbness")
    state.set_motor("great_toe_extension", "left", 4)
    mask = np.zeros(body_map().grid_shape, dtype=bool)
    mask[600:680, 120:160] = True
    state.apply_stroke("tingling", False, mask)
    state.set_age(51)


# ------------------------------------------------------------- save / open
def test_title_modified_mark_and_save(env: Any, tmp_path: Path) -> None:
    window, state, ctrl, dialogs = env
    assert ctrl.display_title() == "Untitled — radviz"
    assert not window.isWindowModified()
    _edit(state)
    assert ctrl.display_title() == "Untitled* — radviz"
    assert window.isWindowModified()
    assert "[*]" in window.windowTitle()

    dialogs.save_path = str(tmp_path / "case")  # the suffix is added
    assert ctrl.save()
    assert ctrl.path == tmp_path / "case.radviz"
    assert ctrl.display_title() == "case.radviz — radviz"
    assert not window.isWindowModified()
    assert load_session(ctrl.path).findings == state.clicked_findings

    state.set_age(52)
    assert ctrl.display_title() == "case.radviz* — radviz"
    assert ctrl.save()  # no dialog the second time
    assert dialogs.asked.count("save_path") == 1
    assert load_session(ctrl.path).findings.age == 52
    state.undo_stack.undo()
    assert ctrl.is_modified()


def test_open_round_trip_restores_everything(env: Any, tmp_path: Path, qtbot: Any) -> None:
    window, state, ctrl, dialogs = env
    _edit(state)
    state.set_imaging_text("L4-L5: left paracentral disc protrusion contacting the L5 root.")
    before_findings = state.findings
    before_masks = state.masks
    dialogs.save_path = str(tmp_path / "a.radviz")
    assert ctrl.save()

    state2 = AppState(window)
    ctrl2 = SessionController(QMainWindow(), state2, QSettings(), autosave=False)
    d2 = Dialogs()
    d2.install(ctrl2, pytest.MonkeyPatch())
    d2.open_path = str(tmp_path / "a.radviz")
    assert ctrl2.open()
    assert state2.findings == before_findings
    assert state2.masks.keys() == before_masks.keys()
    for k, m in before_masks.items():
        assert np.array_equal(state2.masks[k], m)
    assert state2.imaging_text == state.imaging_text
    assert not ctrl2.is_modified()
    assert state2.undo_stack.count() == 0
    assert ctrl2.display_title() == "a.radviz — radviz"


def test_open_corrupted_file_shows_message_and_keeps_state(env: Any, tmp_path: Path) -> None:
    _window, state, ctrl, dialogs = env
    _edit(state)
    before = state.findings
    bad = tmp_path / "bad.radviz"
    bad.write_bytes(b'{"format": "radviz-session", "schema": 1, "findings": {"age": ')
    content = bad.read_bytes()
    dialogs.save_changes = "discard"
    dialogs.open_path = str(bad)
    assert not ctrl.open()
    assert len(dialogs.errors) == 1
    assert "truncated" in dialogs.errors[0][1] and "bad.radviz" in dialogs.errors[0][1]
    assert state.findings == before
    assert ctrl.path is None
    assert bad.read_bytes() == content


def test_open_future_version_names_it(env: Any, tmp_path: Path) -> None:
    _window, _state, ctrl, dialogs = env
    path = tmp_path / "future.radviz"
    path.write_text('{"format": "radviz-session", "schema": 3, "findings": {}}', "utf-8")
    dialogs.open_path = str(path)
    assert not ctrl.open()
    assert "newer radviz (schema 3)" in dialogs.errors[0][1]


def test_maybe_save_cancel_keeps_case(env: Any, tmp_path: Path) -> None:
    _window, state, ctrl, dialogs = env
    _edit(state)
    dialogs.save_changes = "cancel"
    assert not ctrl.new()
    assert state.findings.age == 51
    dialogs.save_changes = "discard"
    assert ctrl.new()
    assert state.findings == Findings()
    assert not ctrl.is_modified()


def test_maybe_save_save_writes(env: Any, tmp_path: Path) -> None:
    _window, state, ctrl, dialogs = env
    _edit(state)
    dialogs.save_changes = "save"
    dialogs.save_path = str(tmp_path / "kept.radviz")
    assert ctrl.maybe_save()
    assert (tmp_path / "kept.radviz").is_file()
    ctrl.path = None  # an Untitled case again
    dialogs.save_path = None  # the user cancels the file dialog
    state.set_age(60)
    assert not ctrl.maybe_save()


def test_close_is_guarded(qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = QMainWindow()
    qtbot.add_widget(window)
    window.state = AppState(window)  # type: ignore[attr-defined]
    window.menuBar().addMenu("&File").addAction("Quit")
    ctrl = attach(window)
    dialogs = Dialogs()
    dialogs.install(ctrl, monkeypatch)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [a.text() for a in file_menu.actions()]
    assert texts[:2] == ["&New", "&Open…"] and texts[-1] == "Quit"
    window.show()
    _edit(window.state)  # type: ignore[attr-defined]
    dialogs.save_changes = "cancel"
    window.close()
    assert window.isVisible()
    dialogs.save_changes = "discard"
    window.close()
    assert not window.isVisible()


def test_recent_files(env: Any, tmp_path: Path) -> None:
    _window, state, ctrl, dialogs = env
    for i in range(10):
        save_session(tmp_path / f"c{i}.radviz", _session_with_age(20 + i))
        assert ctrl.open(tmp_path / f"c{i}.radviz")
    recent = ctrl.recent_files()
    assert len(recent) == 8
    assert Path(recent[0]).name == "c9.radviz"
    assert QSettings().value("session/last_folder") == str(tmp_path.resolve())
    (tmp_path / "c8.radviz").unlink()
    assert not ctrl.open_recent(recent[1])
    assert "no longer exists" in dialogs.errors[-1][1]
    assert recent[1] not in ctrl.recent_files()
    assert ctrl.open_recent(recent[2])
    assert state.findings.age == 27


def _session_with_age(age: int) -> Any:
    from radviz.storage.session import Session

    return Session(findings=Findings(age=age))


# --------------------------------------------------------- autosave / crash
def test_simulated_crash_then_recovery(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w1 = QMainWindow()
    qtbot.add_widget(w1)
    s1 = AppState(w1)
    c1 = SessionController(w1, s1, QSettings())
    assert c1.autosave_enabled
    _edit(s1)
    assert c1.autosave()  # the debounce timer's slot, called directly
    assert not c1.autosave()  # nothing new since
    assert (data_dir / "recovery.radviz").is_file()
    expected = s1.findings
    expected_masks = s1.masks

    # crash: no shutdown, no clean-up; the lock is left by a dead process
    c1._periodic.stop()
    c1._debounce.stop()
    assert c1._lock is not None
    c1._lock.unlock()  # what the OS does for a dead owner (the lock goes stale)

    w2 = QMainWindow()
    qtbot.add_widget(w2)
    s2 = AppState(w2)
    c2 = SessionController(w2, s2, QSettings())
    d2 = Dialogs()
    d2.install(c2, monkeypatch)
    d2.restore = True
    assert c2.offer_recovery()
    assert "restore" in d2.asked
    assert s2.findings == expected
    assert all(np.array_equal(s2.masks[k], m) for k, m in expected_masks.items())
    assert c2.is_modified()  # restored work is still unsaved
    assert "*" in c2.display_title()
    assert (data_dir / "recovery.radviz").is_file()  # kept until saved
    c2.shutdown()
    assert not (data_dir / "recovery.radviz").exists()


def test_declined_recovery_is_removed(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from radviz.storage.session import RecoveryStore

    RecoveryStore(data_dir).write(_session_with_age(33))
    w = QMainWindow()
    qtbot.add_widget(w)
    s = AppState(w)
    c = SessionController(w, s, QSettings())
    d = Dialogs()
    d.install(c, monkeypatch)
    d.restore = False
    assert not c.offer_recovery()
    assert s.findings == Findings()
    assert not (data_dir / "recovery.radviz").exists()
    c.shutdown()


def test_second_instance_has_its_own_recovery_slot(
    env: Any, qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, state, ctrl, _dialogs = env
    _edit(state)
    assert ctrl.autosave()
    first = (data_dir / "recovery.radviz").read_bytes()
    w2 = QMainWindow()
    qtbot.add_widget(w2)
    s2 = AppState(w2)
    c2 = SessionController(w2, s2, QSettings())
    d2 = Dialogs()
    d2.install(c2, monkeypatch)
    assert c2.autosave_enabled  # protected too, in a slot of its own
    assert c2.recovery.path == data_dir / "recovery-1.radviz"
    assert not c2.offer_recovery()  # the first window's file is not an orphan
    assert "restore" not in d2.asked
    s2.set_age(70)
    assert c2.autosave()
    assert (data_dir / "recovery.radviz").read_bytes() == first
    assert (data_dir / "recovery-1.radviz").is_file()
    c2.shutdown()
    assert not (data_dir / "recovery-1.radviz").exists()
    assert (data_dir / "recovery.radviz").read_bytes() == first


def test_no_recovery_slot_is_told_and_retried(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_bytes(b"")  # a file where the folder should be: no lock can be made
    w = QMainWindow()
    qtbot.add_widget(w)
    s = AppState(w)
    c = SessionController(w, s, QSettings())
    d = Dialogs()
    d.install(c, monkeypatch)
    assert not c.autosave_enabled and c.protection_problem
    assert not c.offer_recovery()
    assert [t for t, _m in d.warnings] == ["Crash protection is off"]
    s.set_age(40)
    assert not c.autosave()
    assert len(d.warnings) == 1  # told once
    data_dir.unlink()  # the folder can be made again
    assert c.autosave()  # the next autosave takes a slot
    assert c.autosave_enabled and (data_dir / "recovery.radviz").is_file()
    c.shutdown()


def test_an_orphaned_slot_is_offered_and_moves_to_this_window(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from radviz.storage.session import RecoveryStore

    RecoveryStore(data_dir, 3).write(_session_with_age(44))  # a window that crashed
    w = QMainWindow()
    qtbot.add_widget(w)
    s = AppState(w)
    c = SessionController(w, s, QSettings())
    d = Dialogs()
    d.install(c, monkeypatch)
    assert c.recovery.slot == 0
    assert c.offer_recovery()
    assert s.findings.age == 44 and c.is_modified()
    assert not (data_dir / "recovery-3.radviz").exists()
    assert load_session(data_dir / "recovery.radviz").findings.age == 44
    c.shutdown()


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "radviz-session", "sch',
        b'{"format": "radviz-session", "schema": 9}',
        b'{"format": "radviz-session", "schema": 1, "modified": "0001-01-01T00:00:00+14:00"}',
        b'{"format": "radviz-session", "schema": 1, "patient_name": "' + b"n" * 600 + b'"}',
    ],
)
def test_unreadable_recovery_is_kept_and_the_user_told_where(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "recovery.radviz").write_bytes(content)
    w = QMainWindow()
    qtbot.add_widget(w)
    c = SessionController(w, AppState(w), QSettings())
    d = Dialogs()
    d.install(c, monkeypatch)
    assert not c.offer_recovery()  # and the window opens
    (kept,) = data_dir.glob("recovery-unreadable-*.radviz")
    assert kept.read_bytes() == content
    assert not (data_dir / "recovery.radviz").exists()
    assert len(d.errors) == 1 and str(kept) in d.errors[0][1]
    c.shutdown()
    assert kept.read_bytes() == content  # a clean close does not remove it either


def test_clean_save_clears_recovery(env: Any, tmp_path: Path, data_dir: Path) -> None:
    _window, state, ctrl, dialogs = env
    _edit(state)
    assert ctrl.autosave()
    dialogs.save_path = str(tmp_path / "x.radviz")
    assert ctrl.save()
    assert not (data_dir / "recovery.radviz").exists()


def test_recovery_of_a_saved_file_keeps_its_path(
    qtbot: Any, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w1 = QMainWindow()
    qtbot.add_widget(w1)
    s1 = AppState(w1)
    c1 = SessionController(w1, s1, QSettings())
    save_session(tmp_path / "mine.radviz", _session_with_age(40))
    assert c1.open(tmp_path / "mine.radviz")
    s1.set_motor("knee_extension", "right", 3)
    assert c1.autosave()
    assert c1._lock is not None
    c1._lock.unlock()
    c1._periodic.stop()

    w2 = QMainWindow()
    qtbot.add_widget(w2)
    s2 = AppState(w2)
    c2 = SessionController(w2, s2, QSettings())
    monkeypatch.setattr(c2, "_ask_restore", lambda when: True)
    assert c2.offer_recovery()
    assert c2.path == tmp_path / "mine.radviz"
    assert c2.display_title() == "mine.radviz* — radviz"
    assert Motor("knee_extension", "right", 3) in s2.findings.motor
    assert load_session(tmp_path / "mine.radviz").findings == Findings(age=40)  # untouched
    c2.shutdown()


# ------------------------------------------------------------------ exports
def test_export_handout_and_png(env: Any, tmp_path: Path) -> None:
    _window, state, ctrl, dialogs = env
    _edit(state)
    dialogs.patient_name = "  "
    dialogs.export_path = str(tmp_path / "h.pdf")
    assert ctrl.export_handout("patient")
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")
    assert ctrl.patient_name is None  # nothing typed, nothing stored
    dialogs.patient_name = "Ann Lee"
    assert ctrl.export_handout("clinician")
    assert ctrl.patient_name == "Ann Lee"
    assert ctrl.current_session().patient_name == "Ann Lee"
    dialogs.export_path = str(tmp_path / "body.png")
    assert ctrl.export_png("body")
    dialogs.export_path = str(tmp_path / "spine.png")
    assert ctrl.export_png("spine")
    for name in ("body.png", "spine.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")


def test_print_through_the_dialog(
    env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    _window, state, ctrl, _dialogs = env
    state.toggle_zone("heel", "right", "numbness")
    out = tmp_path / "printed.pdf"

    def accept(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    monkeypatch.setattr(ctrl, "_exec_print_dialog", accept)
    assert ctrl.print_handout()
    assert out.read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(ctrl, "_exec_print_dialog", lambda printer: False)
    assert not ctrl.print_handout()


def test_attach_to_the_main_window(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main_window = pytest.importorskip("radviz.ui.main_window")
    # The main window attaches its own controller; a screenshot window gets neither
    # autosave nor a close prompt.
    shot = main_window.MainWindow(remember=False)
    qtbot.add_widget(shot)
    assert not shot.session.autosave_enabled  # never touches the recovery file
    w = main_window.MainWindow()
    qtbot.add_widget(w)
    ctrl = w.session
    assert ctrl.autosave_enabled
    dialogs = Dialogs()
    dialogs.save_changes = "discard"  # the teardown closes the window
    dialogs.install(ctrl, monkeypatch)
    texts = [a.text() for a in w.menuBar().actions()[0].menu().actions()]
    assert texts[0] == "&New"
    assert "Export &handout (PDF)…" in texts
    ctrl_e = [
        a for a in w.findChildren(type(ctrl.new_action)) if a.shortcut().toString() == "Ctrl+E"
    ]
    assert ctrl_e == [ctrl.export_handout_action]
    w.state.toggle_zone("heel", "right", "pain")
    assert "*" in ctrl.display_title()
    assert Symptom("heel", "right", "pain") in w.state.findings.symptoms
    w.close()
    assert "save_changes" in dialogs.asked


def test_hand_built_and_removed_imaging_findings_survive_save_and_open(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from radviz.ui.main_window import MainWindow
    from radviz.ui.session_controller import SessionController

    monkeypatch.setenv("RADVIZ_DATA_DIR", str(tmp_path / "data"))
    window = MainWindow(remember=False)
    qtbot.add_widget(window)
    state = window.state
    state.load_demo("l5s1_left_s1")
    keys_before = [(f.level, f.zone, f.lesion) for f in state.imaging_findings]
    state.remove_imaging_finding(0)  # hide the first finding read from the report
    state.add_imaging_finding(
        {
            "level": "L3-L4",
            "side": "right",
            "zone": "foraminal",
            "lesion": "protrusion",
            "severity": "moderate",
        }
    )
    shown = [(f.level, f.zone, f.lesion) for f in state.imaging_findings]
    assert keys_before[0] not in shown and ("L3-L4", "foraminal", "protrusion") in shown
    ctrl = SessionController(window, state, autosave=False)
    path = tmp_path / "case.radviz"
    monkeypatch.setattr(ctrl, "_ask_save_path", lambda *a, **k: str(path))
    assert ctrl.save_as()
    other = MainWindow(remember=False)
    qtbot.add_widget(other)
    ctrl2 = SessionController(other, other.state, autosave=False)
    assert ctrl2.load(path)
    assert [(f.level, f.zone, f.lesion) for f in other.state.imaging_findings] == shown


# ------------------------------------------------------------- issue #13 (UI)
def test_a_changed_file_opens_read_only_and_is_never_saved_over(env: Any, tmp_path: Path) -> None:
    _window, state, ctrl, dialogs = env
    path = tmp_path / "case.radviz"
    save_session(path, _session_with_age(50))
    path.write_bytes(path.read_bytes().replace(b'"age": 50', b'"age": 80'))
    before = path.read_bytes()
    assert ctrl.open(path)
    assert state.findings.age == 80  # shown, so it can be checked
    assert ctrl.read_only and "read-only" in ctrl.display_title()
    assert "changed outside radviz" in dialogs.warnings[0][1]
    state.set_age(81)
    dialogs.save_path = None
    assert not ctrl.save()  # Save asks for a new name; cancelled: nothing written
    assert dialogs.asked.count("save_path") == 1
    dialogs.save_path = str(path)
    assert not ctrl.save()  # not over the changed file either
    assert path.read_bytes() == before
    dialogs.save_path = str(tmp_path / "checked.radviz")
    assert ctrl.save()
    assert not ctrl.read_only and load_session(tmp_path / "checked.radviz").findings.age == 81


def test_a_drawing_on_other_artwork_is_told(env: Any, tmp_path: Path) -> None:
    import json

    from radviz.storage.session import ARTWORK_CHANGED, document_checksum

    _window, state, ctrl, dialogs = env
    _edit(state)
    dialogs.save_path = str(tmp_path / "d.radviz")
    assert ctrl.save()
    doc = json.loads((tmp_path / "d.radviz").read_text("utf-8"))
    doc["drawing"]["artwork"] = "sha256:old"
    doc["checksum"] = document_checksum(doc)
    (tmp_path / "d.radviz").write_text(json.dumps(doc), "utf-8")
    assert ctrl.open(tmp_path / "d.radviz")
    assert dialogs.warnings and ARTWORK_CHANGED in dialogs.warnings[-1][1]
    assert not ctrl.read_only


def test_save_refuses_what_cannot_be_reopened(env: Any, tmp_path: Path, data_dir: Path) -> None:
    _window, state, ctrl, dialogs = env
    state.set_age(40)
    ctrl.patient_name = "N" * 600
    dialogs.save_path = str(tmp_path / "long.radviz")
    assert not ctrl.save()
    assert "patient_name" in dialogs.errors[-1][1]
    assert ctrl.is_modified()  # nothing is marked clean
    assert not (tmp_path / "long.radviz").exists()


def test_read_only_file_on_disk_is_not_replaced(
    env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    _window, state, ctrl, dialogs = env
    path = tmp_path / "ro.radviz"
    save_session(path, _session_with_age(30))
    assert ctrl.open(path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, m, **k: False if m == os.W_OK else real_access(p, m, **k)
    )
    state.set_age(31)
    assert not ctrl.save()
    assert "read-only" in dialogs.errors[-1][1]
    assert path.read_bytes() == before and ctrl.is_modified()


def test_recent_files_can_be_cleared_and_switched_off(env: Any, tmp_path: Path) -> None:
    _window, _state, ctrl, _dialogs = env
    save_session(tmp_path / "Jane Doe.radviz", _session_with_age(20))
    assert ctrl.open(tmp_path / "Jane Doe.radviz")
    assert ctrl.recent_files()
    menu = [a.text() for a in ctrl.recent_menu.actions()]
    assert "&Clear Recent Files" in menu and "&Remember Recent Files" in menu
    ctrl.clear_recent_action.trigger()
    assert ctrl.recent_files() == [] and not QSettings().value("session/last_folder")
    ctrl.remember_recent_action.setChecked(False)
    assert ctrl.open(tmp_path / "Jane Doe.radviz")
    assert ctrl.recent_files() == []
    ctrl.remember_recent_action.setChecked(True)
    assert ctrl.open(tmp_path / "Jane Doe.radviz")
    assert ctrl.recent_files() == [str((tmp_path / "Jane Doe.radviz").resolve())]


def test_exports_are_private_and_never_over_the_case(env: Any, tmp_path: Path) -> None:
    import os

    _window, state, ctrl, dialogs = env
    _edit(state)
    dialogs.save_path = str(tmp_path / "case.radviz")
    assert ctrl.save()
    before = (tmp_path / "case.radviz").read_bytes()
    dialogs.export_path = str(tmp_path / "case.radviz")
    assert not ctrl.export_handout("patient")
    assert not ctrl.export_png("body")
    assert all("input file" in m for _t, m in dialogs.errors[-2:])
    assert (tmp_path / "case.radviz").read_bytes() == before
    exports: list[tuple[str, Callable[[], bool]]] = [
        ("h.pdf", lambda: ctrl.export_handout("patient")),
        ("b.png", lambda: ctrl.export_png("body")),
    ]
    for name, export in exports:
        dialogs.export_path = str(tmp_path / name)
        assert export()
        assert os.stat(tmp_path / name).st_mode & 0o777 == 0o600


def test_discard_on_close_leaves_no_traceback(
    qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shiboken6

    state = AppState()  # outlives the window, as signals in flight at quit do
    window = QMainWindow()
    window.state = state  # type: ignore[attr-defined]
    ctrl = attach(window)
    dialogs = Dialogs()
    dialogs.install(ctrl, monkeypatch)
    window.show()
    state.set_age(50)
    dialogs.save_changes = "discard"
    assert window.close()
    shiboken6.delete(window)
    state.set_age(51)  # used to raise "Internal C++ object already deleted"
    state.undo_stack.clear()


def test_start_up_removes_leftover_temp_files(env: Any, tmp_path: Path, data_dir: Path) -> None:
    import subprocess
    import sys

    _window, _state, ctrl, _dialogs = env
    folder = tmp_path / "cases"
    folder.mkdir()
    save_session(folder / "a.radviz", _session_with_age(20))
    assert ctrl.open(folder / "a.radviz")
    dead = int(
        subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    leftovers = [folder / f".radviz-{dead}-00000000.tmp", data_dir / f".radviz-{dead}-11111111.tmp"]
    for p in leftovers:
        p.write_bytes(b"patient data")
    assert sorted(ctrl.startup_cleanup()) == sorted(leftovers)
    assert not any(p.exists() for p in leftovers)
    assert (folder / "a.radviz").exists()


def test_names_and_notes_over_the_limit_are_refused_at_input(
    env: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from radviz.storage.session import MAX_NAME, MAX_TEXT

    _window, _state, ctrl, dialogs = env
    dialogs.patient_name = "N" * (MAX_NAME + 1)
    dialogs.export_path = str(tmp_path / "h.pdf")
    assert not ctrl.export_handout("patient")
    assert ctrl.patient_name is None and "at most 500" in dialogs.errors[-1][1]
    assert not (tmp_path / "h.pdf").exists()
    monkeypatch.setattr(ctrl, "_ask_notes", lambda current: "n" * (MAX_TEXT + 1))
    ctrl.edit_notes()
    assert ctrl.notes == "" and dialogs.errors[-1][0] == "Notes too long"
    assert not ctrl.is_modified()


def test_with_recent_files_off_no_folder_is_remembered(env: Any, tmp_path: Path) -> None:
    _window, _state, ctrl, _dialogs = env
    ctrl.set_remember_recent(False)
    assert not ctrl.remember_recent_action.isChecked()
    monkeypatch = pytest.MonkeyPatch()
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.pdf"), "")
    )
    try:
        assert SessionController._ask_export_path(ctrl, "t", "x.pdf", "*.pdf")
    finally:
        monkeypatch.undo()
    assert not QSettings().value("session/last_folder")
    ctrl.set_remember_recent(True)


def test_a_failing_autosave_is_told_once(env: Any, data_dir: Path) -> None:
    _window, state, ctrl, dialogs = env
    ctrl.recovery.path.mkdir(parents=True)  # a folder where the recovery file goes
    state.set_age(40)
    assert not ctrl.autosave()
    state.set_age(41)
    assert not ctrl.autosave()
    assert [t for t, _m in dialogs.warnings] == ["Crash protection failed"]
    ctrl.recovery.path.rmdir()
    assert ctrl.autosave()


def test_a_changed_recovery_copy_is_restored_read_only_with_a_warning(
    qtbot: Any, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from radviz.storage.session import CHECKSUM_CHANGED, RecoveryStore

    store = RecoveryStore(data_dir)
    store.write(_session_with_age(44), source=tmp_path / "orig.radviz")
    store.path.write_bytes(store.path.read_bytes().replace(b'"age": 44', b'"age": 45'))
    w = QMainWindow()
    qtbot.add_widget(w)
    s = AppState(w)
    c = SessionController(w, s, QSettings())
    d = Dialogs()
    d.install(c, monkeypatch)
    assert c.offer_recovery()
    assert s.findings.age == 45 and c.read_only
    assert d.warnings and CHECKSUM_CHANGED in d.warnings[-1][1]
    c.shutdown()


def test_message_boxes_are_bounded_and_clean() -> None:
    from radviz.ui.session_controller import _fit

    shown = _fit("bad \x1b[31mkey\n" + "x" * 2_000_000 + "\n\nkept where?")
    assert len(shown) < 2000 and "\x1b" not in shown and shown.endswith("kept where?")
