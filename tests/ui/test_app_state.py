"""AppState: the thin Qt adapter of the case (signals, undo), not a second model."""

from __future__ import annotations

from typing import Any

from radviz.reasoning.findings import Findings
from radviz.storage.case import Case
from radviz.storage.session import Session
from radviz.ui.app_state import AppState


def test_every_edit_is_the_case_models_edit_and_undoable(qtbot: Any) -> None:
    state = AppState()
    state.toggle_zone("heel", "right", "pain")
    state.set_motor("great_toe_extension", "left", 4)
    state.set_notes("seen today")
    expected = (
        Case()
        .toggle_zone("heel", "right", "pain")
        .with_motor("great_toe_extension", "left", 4)
        .with_notes("seen today")
    )
    assert state.case == expected
    notes: list[str] = []
    state.sig_notes_changed.connect(lambda: notes.append(state.notes))
    state.undo_stack.undo()  # notes are part of the case: undoable like the rest
    assert state.notes == "" and notes == [""]
    state.undo_stack.redo()
    assert state.notes == "seen today"


def test_reset_installs_a_clean_starting_point(qtbot: Any) -> None:
    state = AppState()
    state.set_age(30)
    changed: list[bool] = []
    state.sig_result_changed.connect(lambda: changed.append(True))
    session = Session(findings=Findings(age=61), notes="old", patient_name="Ann")
    state.reset(state.case_from_session(session))
    assert state.undo_stack.count() == 0
    assert state.findings.age == 61 and state.notes == "old" and state.patient_name == "Ann"
    assert changed
    out = state.session(created="2026-01-01T00:00:00+00:00")
    assert (out.findings, out.notes, out.patient_name) == (session.findings, "old", "Ann")


def test_clear_all_keeps_notes_and_name(qtbot: Any) -> None:
    state = AppState()
    state.set_patient_name("  Ann Lee ")
    state.set_notes("n")
    state.set_age(40)
    state.clear_all()
    assert state.findings == Findings()
    assert (state.notes, state.patient_name) == ("n", "Ann Lee")
