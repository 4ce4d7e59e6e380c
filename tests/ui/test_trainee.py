"""The trainee window: explore a root, practise a case, see progress, export CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from radviz.training.cases import generate_case
from radviz.training.progress import ProgressStore


@pytest.fixture
def window(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[object]:
    monkeypatch.setenv("RADVIZ_DATA_DIR", str(tmp_path / "data"))
    from radviz.ui.trainee import TraineeWindow

    w = TraineeWindow()
    qtbot.add_widget(w)
    w.resize(1280, 800)
    w.show()
    yield w


def test_progress_file_from_env(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.store.path == tmp_path / "data" / "progress.jsonl"


def test_explore_l5_left(window) -> None:  # type: ignore[no-untyped-def]
    ex = window.explore
    ex.show_root("L5", "left")
    items = ex.body.highlight_items()
    assert items and all(item.isVisible() for item in items)
    assert ex.spine._root_hl == ("L5", "left")
    html = ex.info.toPlainText()
    assert "Dorsum of the foot" in html and "EHL" in html
    assert "L4-L5" in html and "L5-S1" in html  # traversing and exiting
    assert "Common peroneal" in html
    # other map variant keeps the highlight
    ex.variant_combo.setCurrentIndex(1)
    assert ex.body.dermatome_variant() == "lee2008"
    assert ex.body.highlight_items()


def test_explore_reverse_level(window) -> None:  # type: ignore[no-untyped-def]
    ex = window.explore
    ex.show_level("L4-L5", "foraminal", "right")
    assert ex.reached == [("L4", "right", "exiting")]
    assert "L4" in ex.reach.text() and "exiting" in ex.reach.text()
    ex.spine.sig_level_clicked.emit("L5-S1", "paracentral", "left")
    assert ex.reached == [("S1", "left", "traversing")]
    assert ex.spine.axial_level() == "L5-S1"


def test_practise_correct_answer(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    pr = window.practise
    pr.open_case(11, "easy")
    assert pr.case is not None and pr.seed.value() == 11
    assert pr.case.to_dict() == generate_case(11, "easy").to_dict()
    assert pr.vignette.text() == pr.case.vignette
    pr.set_answer(pr.case.answer)
    assert pr.given_answer().cause_key == pr.case.answer.cause_key
    with qtbot.wait_signal(pr.sig_attempt_recorded, timeout=2000):
        qtbot.mouseClick(pr.submit_button, Qt.MouseButton.LeftButton)
    assert pr.score is not None and pr.score.all_correct
    assert "Correct" in pr.feedback_text
    assert not pr.submit_button.isEnabled()
    assert len(window.store.attempts()) == 1


def test_practise_wrong_answer_feedback(window) -> None:  # type: ignore[no-untyped-def]
    pr = window.practise
    for seed in range(200):
        if generate_case(seed, "easy").answer.root == "S1":
            break
    pr.open_case(seed, "easy")
    pr.set_answer(replace(pr.case.answer, root="L5"))
    pr.submit()
    assert pr.score is not None and not pr.score.root
    text = pr.feedback_text
    assert "What tells S1 from L5" in text and "Achilles" in text


def test_new_case_and_seed_entry(window) -> None:  # type: ignore[no-untyped-def]
    pr = window.practise
    pr.difficulty.setCurrentIndex(2)
    pr.new_case()
    assert pr.case is not None and pr.case.difficulty == "hard"
    assert pr.case.seed == pr.seed.value()
    pr.seed.setValue(77)
    pr.open_seed()
    assert pr.case.seed == 77


def test_progress_chart_and_csv(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pr = window.practise
    for seed in range(4):
        pr.open_case(seed, "medium")
        pr.set_answer(pr.case.answer)
        pr.submit()
    window.tabs.setCurrentIndex(2)
    prog = window.progress
    xs, ys = prog.line.getData()
    assert len(xs) == 4 and all(0.0 <= y <= 1.0 for y in ys)
    assert len(prog.bars.opts["height"]) >= 1
    assert "4 cases answered" in prog.summary.text()
    out = tmp_path / "export.csv"
    assert prog.export_csv(out) == 4
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 and rows[0]["total"] == "1.0"
    assert ProgressStore(window.store.path).attempts()[0].seed == 0


def test_accessible_names(window) -> None:  # type: ignore[no-untyped-def]
    pr = window.practise
    for w in (pr.root_answer, pr.side_answer, pr.level_answer, pr.cause_answer, pr.seed):
        assert w.accessibleName()
        assert w.toolTip()
    assert "patient" in window.explore.side_combo.itemText(0).lower()
