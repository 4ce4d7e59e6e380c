"""The side view: causes drawn at the named place, the healthy->affected slider, play and
reduced motion, readable labels, presentation mode, and nothing built at start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QRectF, QSettings, Qt, QVariantAnimation
from PySide6.QtWidgets import QApplication, QGraphicsItem

from radviz.anatomy import mechanism as mech
from radviz.reasoning.result import LevelCandidate
from radviz.ui.views.mechanism_view import (
    PLAY_MS,
    REDUCED_MOTION_KEY,
    MechanismView,
    Scene,
    choose_scene,
)
from radviz.ui.views.pinned_labels import MIN_LABEL_PX


def _item(view: MechanismView, ident: str) -> QGraphicsItem:
    item = view.canvas.item(ident)
    assert item is not None, ident
    return item


@pytest.fixture
def view(qtbot) -> MechanismView:  # type: ignore[no-untyped-def]
    v = MechanismView()
    qtbot.add_widget(v)
    v.resize(700, 600)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_choose_scene_prefers_the_scan_then_the_result() -> None:
    lc = LevelCandidate("L5-S1", "paracentral", "right", "S1", "traversing", 0.6)
    scan = [{"level": "L3-L4", "side": "left", "zone": "foraminal", "lesion": "stenosis"}]
    s = choose_scene([], [lc], scan)
    assert (s.cause, s.level, s.side, s.zone, s.source) == (
        "foraminal_stenosis",
        "L3-L4",
        "left",
        "foraminal",
        "scan",
    )
    s = choose_scene([{"id": "spondylolisthesis"}], [lc], [])
    assert (s.cause, s.level, s.side, s.source) == (
        "spondylolisthesis",
        "L5-S1",
        "right",
        "symptoms",
    )
    assert choose_scene([], [], []).source == "example"


def test_the_slider_is_reversible_and_hides_what_a_part_replaces(view: MechanismView) -> None:
    view.set_scene(Scene("disc_herniation", "L5-S1", "right", "paracentral", "scan"))
    canvas = view.canvas
    assert not _item(view, "sagittal:disc:L5-S1").isVisible()  # replaced by its moving shape
    assert _item(view, "sagittal:disc:L4-L5").isVisible()
    parts = canvas.part_items()
    assert {p.name for p, _ in parts} >= {"sagittal:disc:L5-S1", "axial:root:traversing:right"}
    view.set_progress(0.0)
    start = [item.path().boundingRect() for _, item in parts]
    view.set_progress(1.0)
    end = [item.path().boundingRect() for _, item in parts]
    assert start != end
    view.set_progress(0.0)
    assert [item.path().boundingRect() for _, item in parts] == start
    view.set_scene(Scene("spinal_stenosis", "L3-L4", "left", "central", "symptoms"))
    assert _item(view, "sagittal:disc:L5-S1").isVisible()  # given back
    assert not _item(view, "sagittal:disc:L3-L4").isVisible()


def test_a_slip_moves_the_spine_above_the_level_only(view: MechanismView) -> None:
    view.set_scene(Scene("spondylolisthesis", "L4-L5", "left", "paracentral", "symptoms"))
    l4, l5 = _item(view, "sagittal:vert:L4"), _item(view, "sagittal:vert:L5")
    view.set_progress(0.0)
    p4, p5 = l4.pos(), l5.pos()
    view.set_progress(1.0)
    assert l4.pos().x() < p4.x() - 15  # forward = towards the front, on the viewer's left
    assert l5.pos() == p5
    view.set_progress(0.0)
    assert l4.pos() == p4


def test_play_animates_and_reduced_motion_jumps(qtbot, view: MechanismView) -> None:  # type: ignore[no-untyped-def]
    view.reduced.setChecked(False)
    view.set_progress(0.0)
    view.play()
    assert view.play_button.text().startswith("❚❚")
    assert view._anim.state() == QVariantAnimation.State.Running
    # drive the animation's clock (a loaded test machine may starve its timer)
    view._anim.setCurrentTime(PLAY_MS // 2)
    assert 0.0 < view.progress() < 1.0
    view._anim.setCurrentTime(PLAY_MS)
    assert view.progress() == 1.0
    assert view.play_button.text().startswith("▶")
    view.reduced.setChecked(True)
    assert QSettings().value(REDUCED_MOTION_KEY) in (True, "true")
    seen: list[float] = []
    view.sig_progress_changed.connect(seen.append)
    view.play()  # at the affected end: back to healthy, in one step
    assert view.progress() == 0.0
    assert seen == [0.0]


def test_every_cause_is_offered_and_explained(view: MechanismView) -> None:
    assert [view.cause_box.itemData(i) for i in range(view.cause_box.count())] == list(mech.CAUSES)
    for i, cause in enumerate(mech.CAUSES):
        view.cause_box.setCurrentIndex(i)
        assert view.scene_spec().cause == cause
        assert view.caption.text() == mech.CAPTIONS[cause]


def test_labels_are_readable_and_never_overlap(view: MechanismView) -> None:
    labels = view.canvas.labels()
    shown = labels.visible_keys()
    assert "label:sagittal:vert:L4" in shown and "label:orient:sagittal:front" in shown
    boxes = []
    for key in shown:
        assert labels.pixel_size(key) >= MIN_LABEL_PX
        item = labels.item(key)
        assert item is not None
        boxes.append(view.canvas.mapFromScene(item.sceneBoundingRect()).boundingRect())
    for i, a in enumerate(boxes):
        assert not any(QRectF(a).intersects(QRectF(b)) for b in boxes[i + 1 :]), shown[i]


def test_spine_words_are_readable_in_the_default_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    from radviz.app import build_window

    w = build_window("classic_l5", remember=False)
    qtbot.add_widget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    pins = w.spine.labels()
    shown = pins.visible_keys()
    assert {"label:orient:coronal:left", "label:vert:L5", "axial:level_label"} <= set(shown)
    assert all(pins.pixel_size(k) >= MIN_LABEL_PX for k in shown)
    assert w.spine.orientation_bands() == []  # no badge over the drawing's side labels
    assert w.mechanism is None  # the side view waits until its tab is shown
    w.spine_tabs.setCurrentIndex(1)
    assert w.mechanism is not None and w.mechanism.scene_spec().source == "scan"


def test_presentation_mode_fills_the_screen_and_gives_the_views_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    from radviz.app import build_window
    from radviz.ui.views.presentation import PresentationWindow

    w = build_window("classic_l5", remember=False)
    qtbot.add_widget(w)
    w.show()
    body_parent, spine_parent = w.body.parentWidget(), w.spine.parentWidget()
    assert w.presentation_action.shortcut().toString() == "F11"
    w.presentation_action.trigger()
    pres = w._presentation
    assert isinstance(pres, PresentationWindow) and w.body.parentWidget() is pres
    assert pres.title.text() == w.results.pattern_label.text()
    pres.set_layout("body")
    pres.resize(1600, 1000)
    QApplication.processEvents()
    QApplication.processEvents()
    assert w.body.current_scale() > w.body._fit_scale() * 1.05  # zoomed to the legs
    qtbot.keyClick(pres, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w._presentation is None, timeout=2000)
    assert w.body.parentWidget() is body_parent and w.spine.parentWidget() is spine_parent


def test_start_up_does_not_build_the_side_view() -> None:
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "from PySide6.QtWidgets import QApplication, QGraphicsItem; app = QApplication([]);"
        "from radviz.app import build_window; w = build_window('classic_l5', remember=False);"
        "w.show(); app.processEvents();"
        "print('radviz.ui.views.mechanism_view' in sys.modules, w.mechanism is None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split()[-2:] == ["False", "True"], out.stderr
