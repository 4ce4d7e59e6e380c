"""Keyboard and screen-reader paths: the zone and spine lists, in step with the pictures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator, QWidget

from radviz.anatomy import vocab
from radviz.reasoning.findings import Symptom
from radviz.ui.main_window import MainWindow
from radviz.ui.panels.zone_list import ZoneList, zone_rows


@pytest.fixture
def window(qapp: QApplication) -> Iterator[MainWindow]:
    w = MainWindow(remember=False)
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    yield w
    w.close()


def _tab_to(window: MainWindow, target: QWidget, limit: int = 200) -> None:
    """Press Tab from the body map until ``target`` has the focus (as a keyboard user)."""
    window.body.setFocus()
    QApplication.processEvents()
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"{target.objectName()} is not reachable with Tab")


def test_every_map_zone_has_a_named_row(window: MainWindow) -> None:
    zl = window.zone_list
    names = set()
    for side, zones in zone_rows():
        for zone in zones:
            # The map has an item for each row, and the row has an accessible name.
            assert window.body.zone_item(zone, side) is not None, (zone, side)
            item = zl._items[(zone, side)]
            text = item.data(0, Qt.ItemDataRole.AccessibleTextRole)
            assert text and "_" not in text
            names.add(text)
    assert len(names) == len(vocab.ZONES) * 2 - len(vocab.MIDLINE_ZONES)
    assert zl.accessibleName() and zl.accessibleDescription()
    assert window.body.accessibleDescription() and window.spine.accessibleDescription()


def test_every_spine_row_has_an_accessible_name(window: MainWindow) -> None:
    it = QTreeWidgetItemIterator(window.spine_list)
    names = []
    while it.value():
        item = it.value()
        names.append(item.data(0, Qt.ItemDataRole.AccessibleTextRole) or item.text(0))
        it += 1
    assert len(names) == len(set(names))
    for level in vocab.LEVELS:
        # plain words first, the clinician's term in brackets
        assert any(n.startswith(f"{level} disc, just off the middle (paracentral") for n in names)
    for root in vocab.MODELLED_ROOTS:
        assert f"{root} root, patient's left" in names


def test_symptoms_entered_with_the_keyboard_alone(window: MainWindow) -> None:
    """Tab to the list, choose numbness (key 4), arrow to an area, Space; then Delete."""
    zl = window.zone_list
    _tab_to(window, zl)
    QTest.keyClick(zl, Qt.Key.Key_4)  # numbness: the toolbar shortcut
    assert window.current_kind == "numbness"
    QTest.keyClick(zl, Qt.Key.Key_Home)
    assert zl.current_zone() is None  # on the "Patient's left" heading
    target = ("foot_dorsum", "left")
    for _ in range(60):
        if zl.current_zone() == target:
            break
        QTest.keyClick(zl, Qt.Key.Key_Down)
    assert zl.current_zone() == target
    QTest.keyClick(zl, Qt.Key.Key_Space)
    assert Symptom("foot_dorsum", "left", "numbness") in window.state.clicked_findings.symptoms
    assert zl.shaded_as("foot_dorsum", "left") == "Numbness"
    # Pain too (key 1), then Space again adds it; Delete clears the area.
    QTest.keyClick(zl, Qt.Key.Key_1)
    QTest.keyClick(zl, Qt.Key.Key_Space)
    assert zl.shaded_as("foot_dorsum", "left") == "Pain, Numbness"
    QTest.keyClick(zl, Qt.Key.Key_Up)
    QTest.keyClick(zl, Qt.Key.Key_Space)
    assert {(s.zone, s.side, s.kind) for s in window.state.clicked_findings.symptoms} == {
        ("foot_dorsum", "left", "numbness"),
        ("foot_dorsum", "left", "pain"),
        ("ankle_lateral", "left", "pain"),
    }
    QTest.keyClick(zl, Qt.Key.Key_Down)
    QTest.keyClick(zl, Qt.Key.Key_Delete)
    assert [(s.zone, s.kind) for s in window.state.clicked_findings.symptoms] == [
        ("ankle_lateral", "pain")
    ]
    # Each step is one undoable edit, like a click.
    window.state.undo_stack.undo()
    assert len(window.state.clicked_findings.symptoms) == 3


def test_the_map_and_the_list_follow_each_other(window: MainWindow) -> None:
    zl = window.zone_list
    window.body.sig_zone_clicked.emit("heel", "right")  # a click on the map
    assert zl.current_zone() == ("heel", "right")
    assert zl.shaded_as("heel", "right") == "Pain"
    # Undo on the map side shows in the list too.
    window.state.undo_stack.undo()
    assert zl.shaded_as("heel", "right") == ""
    # The list's current row is outlined on the map and named in the status bar.
    zl.select_zone("thigh_lateral", "left")
    assert window._listed_zone is window.body.zone_item("thigh_lateral", "left")
    assert "patient's left" in window.hover_label.text()


def test_spine_parts_with_the_keyboard_explain_in_the_panel(window: MainWindow) -> None:
    sl = window.spine_list
    window.access_tabs.setCurrentWidget(sl)
    sl.setFocus()
    QTest.keyClick(sl, Qt.Key.Key_Home)
    target = ("level", "L4-L5", "paracentral", "left")
    for _ in range(40):
        item = sl.currentItem()
        if item is not None and tuple(item.data(0, Qt.ItemDataRole.UserRole) or ()) == target:
            break
        QTest.keyClick(sl, Qt.Key.Key_Down)
    QTest.keyClick(sl, Qt.Key.Key_Return)
    assert ("L5", "left") in window.last_level_roots
    assert window.spine_note.isVisible()
    assert "L4-L5" in window.spine_note.text() and "L5" in window.spine_note.text()


def test_zone_list_standalone_describes_the_space_action(qapp: QApplication) -> None:
    zl = ZoneList()
    zl.set_kind("tingling")
    item = zl._items[("heel", "left")]
    assert "tingling" in item.data(0, Qt.ItemDataRole.AccessibleDescriptionRole)
    zl.set_symptoms([Symptom("heel", "left", "tingling")])
    assert "clear the tingling" in item.data(0, Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "shaded as Tingling" in item.data(0, Qt.ItemDataRole.AccessibleTextRole)
