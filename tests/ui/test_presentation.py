"""Presentation mode: body-map zones big enough for a finger (#17.4)."""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPolygonF
from PySide6.QtWidgets import QApplication

from radviz.ui.views.presentation import inscribed_width, zone_widths


def _on_screen_widths(body: Any) -> dict[str, float]:
    """Each zone's room for a finger in viewport pixels (its widest piece)."""
    out = {}
    for rid, region in body.svg_map().regions.items():
        if not str(rid).startswith("zone:"):
            continue
        widths = []
        for poly in region.polygons:
            pts = [body.mapFromScene(QPointF(float(x), float(y))) for x, y in poly]
            widths.append(inscribed_width([QPolygonF([QPointF(p) for p in pts])], 1.0))
        out[str(rid)] = max(widths)
    return out


def test_inscribed_width_of_a_strip_is_its_narrow_side() -> None:
    strip = QPolygonF([QPointF(0, 0), QPointF(200, 0), QPointF(200, 20), QPointF(0, 20)])
    assert inscribed_width([strip], 1.0) == pytest.approx(20, abs=2)
    assert inscribed_width([strip], 3.0) == pytest.approx(20, abs=1)


@pytest.mark.parametrize("layout", ["body", "body_spine"])
def test_every_zone_is_finger_sized_in_presentation_mode(qtbot: Any, layout: str) -> None:
    from radviz.app import build_window

    w = build_window("classic_l5", remember=False)
    qtbot.add_widget(w)
    w.show()
    normal_font = w.body.font().pointSizeF()
    w.toggle_presentation()
    pres = w._presentation
    try:
        pres.showNormal()
        pres.resize(1920, 1080)
        pres.set_layout(layout)
        for _ in range(4):
            QApplication.processEvents()
        widths = _on_screen_widths(w.body)
        assert len(widths) == len(zone_widths(w.body)) > 40
        narrow = {k: round(v) for k, v in widths.items() if v < 34}
        assert not narrow  # about 9 mm or more for every zone, the knee's inner strip too
        assert pres.body_hint.isVisible()  # the patient is told the picture moves
        # the body map's words grow, but a close-up does not make them huge
        sizes = [w.body.labels().pixel_size(k) for k in w.body.labels().visible_keys()]
        assert sizes and max(sizes) <= 30
        assert w.body.font().pointSizeF() >= 1.4 * normal_font  # the side badges too
        pres.whole_body.setChecked(True)  # the whole map, smaller, for talking it through
        QApplication.processEvents()
        assert min(_on_screen_widths(w.body).values()) < 34
        assert not pres.body_hint.isVisible()
    finally:
        pres.close()
    qtbot.waitUntil(lambda: w._presentation is None, timeout=2000)
    assert w.body.labels().pixel_size("label:title:front") <= 20  # back to normal size
    assert w.body.font().pointSizeF() == normal_font


def test_side_view_controls_are_finger_sized_in_presentation_mode(qtbot: Any) -> None:
    """The healthy -> affected slider's handle is about 9 mm wide in presentation mode,
    and back to the platform's own look when the view is given back."""
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider, QVBoxLayout, QWidget

    from radviz.ui.views.mechanism_view import MechanismView
    from radviz.ui.views.presentation import FINGER_PX, PresentationWindow

    home = QWidget()
    qtbot.add_widget(home)
    QVBoxLayout(home).addWidget(view := MechanismView(remember=False))

    def handle_width() -> int:
        opt = QStyleOptionSlider()
        view.slider.initStyleOption(opt)
        rect = view.slider.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderHandle, view.slider
        )
        return rect.width()

    normal = handle_width()
    win = PresentationWindow({"mechanism": view}, lambda: "Headline", layout="mechanism")
    win.resize(1920, 1080)
    win.show()
    QApplication.processEvents()
    try:
        assert handle_width() >= FINGER_PX
        assert normal < FINGER_PX  # the normal window keeps the platform's slider
    finally:
        win.close()
    QApplication.processEvents()
    assert handle_width() == normal
