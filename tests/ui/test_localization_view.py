"""The results panel's localization view (#15): headline, ranking, hint, nerve drawing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from radviz.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    w = MainWindow()
    qtbot.add_widget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.remember = False  # closing must not leak settings into the next test


def test_the_peroneal_demo_leads_with_the_nerve_and_draws_it(window: MainWindow) -> None:
    window.state.load_demo("peroneal_mimic")
    view = window.results.localization
    assert "a nerve squeezed at the outside of the knee" in view.headline.text()
    rows = view.rows()
    assert any("outside of the knee" in r for r in rows)
    assert view.hint.isVisible() and "would point to" in view.hint.text()
    view.choose("common_peroneal_neuropathy", "left")
    assert window.body.shown_nerve() == ("common_peroneal", "left")
    assert window.body.nerve_items()  # territory and course drawn
    # The patient's right was examined and found normal: said so, nothing ranked there.
    assert "Nothing out of the ordinary" in view.headline.text()
    keys = [view.ranking.item(i).data(Qt.ItemDataRole.UserRole) for i in range(len(rows))]
    assert all(k is None or k[1] == "left" for k in keys)
    # A root row selects that root and clears the nerve.
    window.state.load_demo("classic_l5")
    window.body.show_nerve("common_peroneal", "right")
    keys = [
        view.ranking.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.ranking.count())
    ]
    root, side = next(k for k in keys if k and k[0] == "L5")
    view.choose(root, side)
    assert window.state.selected_root == (root, side)
    assert window.body.shown_nerve() is None


def test_clinician_words_name_the_conditions(window: MainWindow) -> None:
    window.state.set_audience("clinician")
    window.state.load_demo("classic_l5")
    view = window.results.localization
    assert "L5" in view.headline.text()
    assert any("L5 root" in r for r in view.rows())
    assert "Next test" in view.hint.text()


def _row_state(view: Any) -> list[tuple[Any, ...]]:
    out = []
    for i in range(view.ranking.count()):
        item = view.ranking.item(i)
        out.append(
            (
                item.text(),
                item.data(Qt.ItemDataRole.UserRole),
                item.flags(),
                item.font().bold(),
                item.foreground().color().name() if item.data(Qt.ItemDataRole.UserRole) else "",
            )
        )
    return out


def test_rows_rewritten_in_place_match_a_fresh_view(window: MainWindow, qtbot: Any) -> None:
    """Rows rewritten in place (same count, new order or sides) equal those of a view that
    shows the same result from scratch."""
    from radviz.ui.panels.localization_view import LocalizationView

    view = window.results.localization
    for demo in ("classic_l5", "peroneal_mimic", "l5s1_left_s1", "classic_l5"):
        window.state.load_demo(demo)
        fresh = LocalizationView()
        qtbot.add_widget(fresh)
        fresh.set_result(window.state.result, window.state.audience)
        assert _row_state(view) == _row_state(fresh), demo


def test_height_is_held_while_the_same_sides_are_shown(window: MainWindow) -> None:
    """A line less from one click to the next keeps the view's height (nothing under it
    moves); another set of sides starts afresh."""
    view = window.results.localization
    window.state.load_demo("l5s1_left_s1")
    view.hint.setText("a long hint " * 40)
    view._hold_height(("left",), ())
    tall = view.minimumHeight()
    view.hint.setText("short")
    view._hold_height(("left",), ())
    assert view.minimumHeight() == tall
    view._hold_height(("left", "right"), ())
    assert view.minimumHeight() < tall
