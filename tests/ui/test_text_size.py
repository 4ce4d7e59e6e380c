"""Text size (Ctrl+plus/minus/0, remembered), high contrast, zoom target, readable lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QEnterEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from radviz.ui import style
from radviz.ui.main_window import MainWindow
from radviz.ui.text_size import SCALES, scaled_style_sheet, text_size


@pytest.fixture
def window(qapp: QApplication) -> Iterator[MainWindow]:
    w = MainWindow()  # remembers: QSettings points at the test's own folder
    w.resize(1280, 800)
    w.show()
    w.activateWindow()  # its shortcuts are the active window's
    QTest.qWaitForWindowActive(w)
    QApplication.processEvents()
    yield w
    text_size().reset()
    text_size().set_high_contrast(False)
    w.close()


def test_scaled_style_sheet_scales_point_and_pixel_sizes() -> None:
    sheet = "color: #555; font-size: 11pt; QLabel { font-size:12px }"
    assert (
        scaled_style_sheet(sheet, 1.5)
        == "color: #555; font-size: 16.5pt; QLabel { font-size:18px }"
    )
    assert scaled_style_sheet("font-weight: bold;", 2.0) == "font-weight: bold;"


def test_ctrl_plus_minus_and_zero_scale_every_panel_and_are_remembered(
    window: MainWindow,
) -> None:
    base = QApplication.font().pointSizeF()
    panels = [window.findings, window.imaging, window.results, window.zone_list]
    before = [p.font().pointSizeF() for p in panels]
    note = QLabel("note", window)
    note.setStyleSheet("font-size: 10pt;")
    window.body.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()  # the new application font reaches the widgets
    scale = text_size().scale
    assert scale == SCALES[SCALES.index(1.0) + 2]
    assert QApplication.font().pointSizeF() == pytest.approx(base * scale)
    for panel, size in zip(panels, before, strict=True):
        assert panel.font().pointSizeF() == pytest.approx(size * scale)
    assert note.styleSheet() == scaled_style_sheet("font-size: 10pt;", scale)
    assert float(QSettings().value("view/text_scale")) == pytest.approx(scale)
    # A widget made later follows too (its sheet is scaled when it is first polished).
    late = QLabel("late", window)
    late.setStyleSheet("font-size: 10pt;")
    late.show()
    QApplication.processEvents()
    assert late.styleSheet() == scaled_style_sheet("font-size: 10pt;", scale)
    QTest.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert text_size().scale == SCALES[SCALES.index(1.0) + 1]
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert text_size().scale == 1.0
    assert QApplication.font().pointSizeF() == pytest.approx(base)
    assert note.styleSheet() == "font-size: 10pt;"


def test_text_size_is_restored_by_the_next_window(qapp: QApplication) -> None:
    QSettings().setValue("view/text_scale", 1.3)
    QSettings().setValue("view/high_contrast", "true")
    w = MainWindow()
    try:
        assert text_size().scale == pytest.approx(1.3)
        assert text_size().high_contrast
        assert w.high_contrast_action.isChecked()
    finally:
        text_size().reset()
        text_size().set_high_contrast(False)
        w.close()


def test_ctrl_plus_no_longer_zooms_the_picture(window: MainWindow) -> None:
    window.body.setFocus()
    scale = window.body.current_scale()
    QTest.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.body.current_scale() == pytest.approx(scale)


def test_high_contrast_keeps_the_symptom_colours(window: MainWindow) -> None:
    kinds = {k: style.kind_color(k).name() for k in style.KIND_STYLES}
    window.high_contrast_action.trigger()
    pal = QApplication.palette()
    assert pal.color(QPalette.ColorRole.WindowText) == QColor("#000000")
    assert pal.color(QPalette.ColorRole.Base) == QColor("#ffffff")
    assert pal.color(QPalette.ColorRole.HighlightedText) == QColor("#ffffff")
    assert {k: style.kind_color(k).name() for k in style.KIND_STYLES} == kinds
    assert str(QSettings().value("view/high_contrast")) == "true"
    window.high_contrast_action.trigger()
    assert str(QSettings().value("view/high_contrast")) == "false"


def test_toolbar_zoom_acts_on_the_picture_last_pointed_at(window: MainWindow) -> None:
    body, spine = window.body, window.spine
    b0, s0 = body.current_scale(), spine.current_scale()
    enter = QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5))
    QApplication.sendEvent(spine.viewport(), enter)
    window.zoom_in_action.trigger()
    assert spine.current_scale() > s0
    assert body.current_scale() == pytest.approx(b0)
    QApplication.sendEvent(
        body.viewport(), QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5))
    )
    window.zoom_in_action.trigger()
    assert body.current_scale() > b0
    assert QEvent.Type.Enter  # (the event type the window watches)


def test_lit_combo_lists_stay_readable(window: MainWindow) -> None:
    """A highlighted exam box keeps dark-on-white rows and white-on-blue selection."""
    window.state.select_root("L5", "left")
    box = window.findings.motor_boxes[("great_toe_extension", "left")]
    assert box.property("lit")
    window.middle_tabs.setCurrentWidget(window.findings)
    window.findings.ensureWidgetVisible(box)
    box.showPopup()
    QApplication.processEvents()
    view = box.view()
    image = view.viewport().grab().toImage()
    current = view.visualRect(view.currentIndex())
    other_row = 1 if view.currentIndex().row() != 1 else 2
    other = view.visualRect(box.model().index(other_row, 0))
    selected_bg = QColor(image.pixel(current.left() + 2, current.center().y()))
    plain_bg = QColor(image.pixel(other.left() + 2, other.center().y()))
    box.hidePopup()
    assert plain_bg.lightness() > 240  # white, not pale yellow
    assert selected_bg.lightness() < 140  # a dark selection under white text


def test_red_flag_banner_grows_with_the_text(window: MainWindow) -> None:
    window.state.load_demo("cauda_equina")
    banner = window.banner
    assert banner.flags
    before = _largest_pt(banner._text.text())
    window.text_larger_action.trigger()
    window.text_larger_action.trigger()
    QApplication.processEvents()
    after = _largest_pt(banner._text.text())
    assert after == pytest.approx(before * text_size().scale, rel=0.02)


def _largest_pt(html: str) -> float:
    import re

    return max(float(v) for v in re.findall(r"font-size:([\d.]+)pt", html))


def test_widgets_with_a_style_sheet_follow_the_text_size(window: MainWindow) -> None:
    """A style sheet freezes a widget's font at polish time; the size change reaches it."""
    window.state.load_demo("cauda_equina")
    window.text_larger_action.trigger()
    QApplication.processEvents()
    size = QApplication.font().pointSizeF()
    for w in (window.results.disclaimer, window.banner, window.banner._text, window.spine_note):
        assert w.font().pointSizeF() == pytest.approx(size), w


def test_ctrl_plus_works_in_the_trainee_window(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADVIZ_DATA_DIR", str(tmp_path))
    window.open_trainee()
    trainee = window._trainee
    trainee.activateWindow()
    assert QTest.qWaitForWindowActive(trainee)
    QTest.keyClick(trainee, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert text_size().scale > 1.0
    trainee.close()


def test_charts_follow_the_text_size(window: MainWindow) -> None:
    charts = [window.results.root_chart, window.results.evidence_chart]
    heights = [c.height() for c in charts]
    window.text_larger_action.trigger()
    window.text_larger_action.trigger()
    QApplication.processEvents()
    scale = text_size().scale
    for chart, height in zip(charts, heights, strict=True):
        assert chart.maximumHeight() == round(height * scale)
        font = chart.getPlotItem().getAxis("left").style["tickFont"]
        assert font.pointSizeF() == pytest.approx(9 * scale)
    assert window.results.evidence_chart.getPlotItem().getAxis("left").width() == round(200 * scale)
    window.text_reset_action.trigger()
    assert [c.maximumHeight() for c in charts] == heights


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_exam_panel_clips_nothing_at_a_large_text_size(window: MainWindow, scale: float) -> None:
    """At 1.5x text in a 1280 x 800 window every answer box and label of the exam panel
    lies inside its width (the panel does not scroll sideways): labels go above their
    boxes when the labels and boxes do not fit side by side."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel

    from radviz.ui.panels.findings_panel import FindingsPanel

    text_size().set_scale(scale)
    for _ in range(3):
        QApplication.processEvents()
    panel = window.findChild(FindingsPanel)
    assert panel is not None
    body = panel.widget()
    assert body is not None
    right = panel.viewport().width()
    if scale > 1.5:  # two answer boxes side by side may be wider: then it scrolls sideways
        right = max(right, right + panel.horizontalScrollBar().maximum())
    assert body.width() <= right
    widgets = [
        *body.findChildren(QComboBox),
        *body.findChildren(QAbstractSpinBox),
        *body.findChildren(QLabel),
    ]
    assert len(widgets) > 40
    for w in widgets:
        if not w.isVisibleTo(body):
            continue
        x = w.mapTo(body, w.rect().topRight()).x()
        assert x <= right, (type(w).__name__, getattr(w, "text", lambda: "")(), x, right)
    if scale >= 1.5:
        assert panel.stacked_groups() >= 1  # the strength grid went to labels-above
    else:
        assert panel.stacked_groups() == 0  # the normal size keeps them side by side


def test_spine_legend_never_overlaps_the_spine_at_a_large_text_size(window: MainWindow) -> None:
    """At 1.5x text, even with the splitter dragged towards the spine, the legend keeps
    the height its wrapped rows need and sits below the drawing, not on it."""
    from radviz.ui.views.spine_view import SpineLegend

    text_size().set_scale(1.5)
    window.middle_splitter.setSizes([150, 550])
    for _ in range(3):
        QApplication.processEvents()
    legend = window.findChild(SpineLegend)
    assert legend is not None and legend.isVisible()
    spine = window.spine
    legend_top = legend.mapTo(window, legend.rect().topLeft()).y()
    spine_bottom = spine.mapTo(window, spine.rect().bottomLeft()).y()
    assert legend_top > spine_bottom
    layout = legend.layout()
    assert layout is not None
    assert legend.height() >= layout.totalHeightForWidth(legend.width()) - 1


def test_picture_words_follow_the_text_size(window: MainWindow) -> None:
    """Ctrl+plus makes the body map's and the spine diagram's own words larger too (they
    are drawn by the views, not by the widgets' font)."""
    body, spine = window.body.labels(), window.spine.labels()
    body_key, spine_key = "label:title:front", "label:vert:L3"
    before = (body.pixel_size(body_key), spine.pixel_size(spine_key))
    text_size().set_scale(1.5)
    QApplication.processEvents()
    after = (body.pixel_size(body_key), spine.pixel_size(spine_key))
    for b, a in zip(before, after, strict=True):
        assert a >= round(1.4 * b)
    text_size().set_scale(0.85)  # smaller text never takes them under the minimum
    QApplication.processEvents()
    assert body.pixel_size(body_key) == before[0]


def test_imaging_rows_clip_nothing_at_a_large_text_size(qapp: QApplication) -> None:
    """At 1.5x text in a 1280 x 800 window the scan findings' verdict badges and origin
    words wrap: no row is wider than the imaging column (it does not scroll sideways)."""
    from PySide6.QtWidgets import QWidget

    from radviz.app import build_window

    text_size().set_scale(1.5, remember=False)
    w = build_window("l4_femoral_stretch", remember=False)
    try:
        w.resize(1280, 800)
        w.show()
        w.middle_tabs.setCurrentWidget(w.imaging)
        for _ in range(3):
            QApplication.processEvents()
        area = w.imaging.scroll_area
        inner = area.widget()
        assert inner is not None and w.imaging._rows
        right = area.viewport().width()
        assert inner.width() <= right
        for child in inner.findChildren(QWidget):
            if child.isVisibleTo(inner):
                assert child.mapTo(inner, child.rect().topRight()).x() <= right, child
    finally:
        w.close()
        text_size().reset()
