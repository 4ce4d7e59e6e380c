"""The findings panel's pain score and daily-life inputs (contract 7.1; issue 14)."""

from __future__ import annotations

from pathlib import Path

from radviz.reasoning.findings import Findings
from radviz.storage.session import Session, load_session, save_session
from radviz.ui.app_state import AppState
from radviz.ui.panels.findings_panel import FindingsPanel


def test_pain_score_and_function_reach_the_findings_and_undo() -> None:
    state = AppState()
    panel = FindingsPanel(state)
    panel.pain_score.setCurrentIndex(panel.pain_score.findData(8.0))
    panel.function.setCurrentIndex(panel.function.findData("severely_limited"))
    f = state.clicked_findings
    assert (f.pain_score, f.function) == (8.0, "severely_limited")
    state.undo_stack.undo()
    assert state.clicked_findings.function is None
    assert state.clicked_findings.pain_score == 8.0
    state.undo_stack.undo()
    assert state.clicked_findings.pain_score is None
    assert panel.pain_score.currentData() is None  # the panel redraws from the state


def test_the_panel_shows_a_loaded_score_and_function() -> None:
    state = AppState()
    panel = FindingsPanel(state)
    state.set_findings(Findings.from_dict({"pain_score": 7.5, "function": "limited"}))
    assert panel.pain_score.currentData() == 7.5  # a score the form does not list is shown
    assert panel.function.currentData() == "limited"


def test_sessions_keep_pain_score_and_function(tmp_path: Path) -> None:
    findings = Findings.from_dict({"age": 60, "pain_score": 8, "function": "severely_limited"})
    path = tmp_path / "case.radviz"
    save_session(path, Session(findings=findings))
    again = load_session(path).findings
    assert (again.pain_score, again.function) == (8, "severely_limited")
