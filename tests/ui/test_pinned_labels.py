"""Pinned labels: new words as wide as the old ones keep the layout; wider words relayout."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from radviz.ui.views.pinned_labels import PinnedLabels


def _view(qtbot) -> tuple[QGraphicsView, QGraphicsScene, PinnedLabels]:  # type: ignore[no-untyped-def]
    scene = QGraphicsScene(QRectF(0, 0, 400, 200))
    view = QGraphicsView(scene)
    view.resize(400, 200)
    qtbot.addWidget(view)
    view.show()
    return view, scene, PinnedLabels(view)


def test_same_width_words_keep_the_layout_and_show(qtbot) -> None:  # type: ignore[no-untyped-def]
    _v, _scene, pins = _view(qtbot)  # the view and scene stay alive with the test
    pins.add("tag", "63%", 100, 100, halo=True)
    pins.add("near", "L5-S1", 130, 100)
    pins.layout()
    laid = pins._last
    assert laid is not None
    pins.set_text("tag", "64%")  # digits are as wide as each other
    assert pins._last == laid  # no new layout needed
    item = pins.item("tag")
    assert item is not None and item.text() == "64%"
    before = item.transform()
    pins.layout()
    assert item.transform() == before  # a full layout would have put it in the same place


def test_wider_words_are_laid_out_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    _v, _scene, pins = _view(qtbot)  # the view and scene stay alive with the test
    pins.add("tag", "9%", 100, 100, anchor="end")
    pins.layout()
    pins.set_text("tag", "100%")
    assert pins._last is None  # the next layout places the wider words afresh
    pins.layout()
    item = pins.item("tag")
    assert item is not None and item.text() == "100%"
