"""The app-wide input policy: the wheel and typed keys never change a control by accident."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from radviz.ui import input_policy
from radviz.ui.main_window import MainWindow


def _wheel(widget: QWidget, steps: int = -1) -> None:
    """One synthetic wheel notch over the middle of ``widget`` (negative: scroll down)."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


@pytest.fixture
def panel(qapp: QApplication) -> Iterator[tuple[QScrollArea, QComboBox, QSpinBox, QComboBox]]:
    input_policy.install(qapp)
    area = QScrollArea()
    area.setWidgetResizable(True)
    inner = QWidget()
    lay = QVBoxLayout(inner)
    combo = QComboBox()
    combo.addItems([f"item {i}" for i in range(6)])
    spin = QSpinBox()
    spin.setRange(0, 10)
    spin.setValue(5)
    other = QComboBox()
    other.addItems(["a", "b", "c"])
    lay.addWidget(combo)
    lay.addWidget(spin)
    lay.addWidget(other)
    for _ in range(40):
        lay.addWidget(QSpinBox())  # tall enough to scroll
    area.setWidget(inner)
    area.resize(300, 200)
    area.show()
    QApplication.processEvents()
    yield area, combo, spin, other
    area.close()
    area.deleteLater()


def test_wheel_over_an_unfocused_combo_or_spin_box_leaves_its_value(
    panel: tuple[QScrollArea, QComboBox, QSpinBox, QComboBox],
) -> None:
    area, combo, spin, other = panel
    other.setFocus()
    QApplication.processEvents()
    assert not combo.hasFocus() and not spin.hasFocus()
    before = area.verticalScrollBar().value()
    _wheel(combo)
    _wheel(spin)
    _wheel(spin.lineEdit())  # the spin box's own text part too
    assert combo.currentIndex() == 0
    assert spin.value() == 5
    # ...and the panel scrolled instead, as the wheel meant.
    assert area.verticalScrollBar().value() > before


def test_wheel_over_the_focused_box_still_changes_it(
    panel: tuple[QScrollArea, QComboBox, QSpinBox, QComboBox],
) -> None:
    _area, combo, spin, _other = panel
    combo.setFocus()
    QApplication.processEvents()
    _wheel(combo)
    assert combo.currentIndex() == 1
    spin.setFocus()
    QApplication.processEvents()
    _wheel(spin, +1)
    assert spin.value() == 6


def test_the_policy_covers_boxes_made_after_it_was_installed(qapp: QApplication) -> None:
    input_policy.install(qapp)
    holder = QWidget()
    lay = QVBoxLayout(holder)
    focus = QSpinBox()
    late = QComboBox()
    late.addItems(["x", "y"])
    lay.addWidget(focus)
    lay.addWidget(late)
    holder.show()
    focus.setFocus()
    QApplication.processEvents()
    _wheel(late)
    assert late.currentIndex() == 0
    holder.close()


def test_exam_panel_wheel_does_not_change_an_answer(qapp: QApplication) -> None:
    """The reported case: scrolling the Exam & history panel over a strength box."""
    w = MainWindow(remember=False)
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    box = w.findings.motor_boxes[("hip_adduction", "left")]
    w.findings.ensureWidgetVisible(box)
    w.body.setFocus()
    QApplication.processEvents()
    for _ in range(3):
        _wheel(box)
    assert box.currentData() is None
    assert not any(m.movement == "hip_adduction" for m in w.state.clicked_findings.motor)
    level = w.imaging.level_combo
    before = level.currentIndex()
    _wheel(level)
    assert level.currentIndex() == before
    w.close()


def test_typed_digits_and_letters_go_to_the_text_box_not_to_shortcuts(
    qapp: QApplication,
) -> None:
    w = MainWindow(remember=False)
    w.show()
    w.show_imaging_panel()
    QApplication.processEvents()
    edit = w.imaging.report_edit
    edit.setFocus()
    QApplication.processEvents()
    assert w.current_kind == "pain"
    QTest.keyClicks(edit, "L4 3b")
    QTest.keyClick(edit, Qt.Key.Key_BracketRight)
    assert edit.toPlainText() == "L4 3b]"
    assert w.current_kind == "pain"  # "3" did not switch to aching
    assert w.tool_actions["zone"].isChecked()  # "b" did not pick the brush
    assert w.brush_spin.value() == 12  # "]" did not grow the brush
    # Outside a text field the same keys are shortcuts.
    w.body.setFocus()
    QApplication.processEvents()
    QTest.keyClick(w.body, Qt.Key.Key_3)
    assert w.current_kind == "aching"
    w.close()


def test_ctrl_z_in_a_text_box_undoes_only_that_box(qapp: QApplication) -> None:
    w = MainWindow(remember=False)
    w.show()
    w.show_imaging_panel()
    QApplication.processEvents()
    w.state.toggle_zone("foot_dorsum", "left", "pain")  # one app-level edit
    index = w.state.undo_stack.index()
    edit = w.imaging.report_edit
    edit.setFocus()
    QApplication.processEvents()
    QTest.keyClicks(edit, "disc")
    QTest.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == ""
    assert w.state.undo_stack.index() == index  # the shading is still there
    assert w.state.clicked_findings.symptoms
    w.close()
