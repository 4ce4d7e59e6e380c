"""SpineView: clicks on roots and levels, level highlights and imaging lesions."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage

from radviz.reasoning.result import LevelCandidate
from radviz.ui import style
from radviz.ui.views.spine_view import SpineView, describe_spine_id


@pytest.fixture
def view(qtbot) -> Iterator[SpineView]:  # type: ignore[no-untyped-def]
    v = SpineView()
    qtbot.add_widget(v)
    v.resize(1000, 800)
    v.show()
    qtbot.waitExposed(v)
    yield v


def _free_point(view: SpineView, rid: str) -> QPointF:
    """A point of ``rid`` where a click hits ``rid`` itself and lands on the same
    scene point after rounding to a viewport pixel."""
    region = view.svg_map().get(rid) if hasattr(view, "svg_map") else None
    item = view.item(rid)
    assert item is not None, rid
    rect = item.path().boundingRect()
    candidates = []
    if region is not None:
        candidates.append(QPointF(*region.center))
    for fy in np.linspace(0.1, 0.9, 9):
        for fx in np.linspace(0.1, 0.9, 9):
            candidates.append(
                QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
            )
    for p in candidates:
        vp = view.mapFromScene(p)
        back = view.mapToScene(vp)
        if view.region_at(back.x(), back.y()) == rid:
            return p
    raise AssertionError(f"no clickable point on {rid}")


def _click(qtbot, view: SpineView, scene_point: QPointF) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene_point))


def test_click_root_segment_emits_root_and_side(qtbot, view: SpineView) -> None:  # type: ignore[no-untyped-def]
    p = _free_point(view, "root:L5:left:traversing")
    with qtbot.waitSignal(view.sig_root_clicked, timeout=1000) as blocker:
        _click(qtbot, view, p)
    assert blocker.args == ["L5", "left"]


def test_click_exiting_root_in_foramen(qtbot, view: SpineView) -> None:  # type: ignore[no-untyped-def]
    p = _free_point(view, "root:S1:right:foramen")
    with qtbot.waitSignal(view.sig_root_clicked, timeout=1000) as blocker:
        _click(qtbot, view, p)
    assert blocker.args == ["S1", "right"]


def test_click_lesion_zone_emits_level_and_moves_axial(qtbot, view: SpineView) -> None:  # type: ignore[no-untyped-def]
    p = _free_point(view, "lesion:L3-L4:central")
    with qtbot.waitSignal(view.sig_level_clicked, timeout=1000) as blocker:
        _click(qtbot, view, p)
    assert blocker.args == ["L3-L4", "central", "bilateral"]
    assert view.axial_level() == "L3-L4"


def test_click_axial_zone_uses_axial_level(qtbot, view: SpineView) -> None:  # type: ignore[no-untyped-def]
    view.set_axial_level("L5-S1")
    p = _free_point(view, "axial:zone:foraminal:right")
    with qtbot.waitSignal(view.sig_level_clicked, timeout=1000) as blocker:
        _click(qtbot, view, p)
    assert blocker.args == ["L5-S1", "foraminal", "right"]


def test_click_axial_root_names_root_of_level(qtbot, view: SpineView) -> None:  # type: ignore[no-untyped-def]
    view.set_axial_level("L4-L5")
    p = _free_point(view, "axial:root:exiting:left")
    with qtbot.waitSignal(view.sig_root_clicked, timeout=1000) as blocker:
        _click(qtbot, view, p)
    assert blocker.args == ["L4", "left"]


def test_highlight_levels_marks_zone_and_roots(view: SpineView) -> None:
    view.highlight_levels(
        [
            LevelCandidate("L4-L5", "paracentral", "left", "L5", "traversing", 0.6),
            LevelCandidate("L5-S1", "foraminal", "left", "L5", "exiting", 0.2),
        ]
    )
    likely = view.item("lesion:L4-L5:paracentral:left")
    less = view.item("lesion:L5-S1:foraminal:left")
    assert likely is not None and less is not None
    c_likely, c_less = likely.fill_color(), less.fill_color()
    assert c_likely is not None and c_less is not None
    assert c_likely.alpha() > c_less.alpha()  # intensity follows probability
    assert c_likely.rgb() == QColor(style.RELATION_COLORS["traversing"]).rgb()
    assert c_less.rgb() == QColor(style.RELATION_COLORS["exiting"]).rgb()

    trav = view.item("root:L5:left:traversing")
    assert trav is not None
    pen = trav.outline_pen()
    assert pen is not None and pen.style() == Qt.PenStyle.SolidLine
    for seg in ("foramen", "extraforaminal"):
        item = view.item(f"root:L5:left:{seg}")
        assert item is not None
        pen = item.outline_pen()
        assert pen is not None and pen.style() != Qt.PenStyle.SolidLine  # dashed

    # untouched structures stay transparent
    untouched = (
        "lesion:L4-L5:paracentral:right",
        "root:L5:right:traversing",
        "root:L4:left:foramen",
    )
    for rid in untouched:
        item = view.item(rid)
        assert item is not None and not item.is_styled(), rid

    # the axial slice shows the likeliest level, with the zone tinted
    assert view.axial_level() == "L4-L5"
    axial = view.item("axial:zone:paracentral:left")
    assert axial is not None and axial.is_styled()
    assert "60%" in (likely.toolTip())

    view.highlight_levels([])
    assert not likely.is_styled() and not trav.is_styled()


def test_highlight_root_shows_both_places(view: SpineView) -> None:
    view.highlight_root("L5", "right")
    assert view.item("lesion:L4-L5:paracentral:right").is_styled()  # type: ignore[union-attr]
    assert view.item("lesion:L5-S1:foraminal:right").is_styled()  # type: ignore[union-attr]
    assert view.item("root:L5:right:traversing").is_styled()  # type: ignore[union-attr]
    assert view.item("root:L5:right:foramen").is_styled()  # type: ignore[union-attr]
    assert not view.item("root:L5:left:traversing").is_styled()  # type: ignore[union-attr]
    view.highlight_root(None)
    assert not view.item("root:L5:right:traversing").is_styled()  # type: ignore[union-attr]


def test_restyle_repaints_only_what_changed(view: SpineView, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A restyle starts from a clear slate, but an item whose style ends as it began keeps
    its cached drawing (no repaint); one that changes repaints once."""
    from radviz.ui.views.regions import RegionItem

    view.highlight_root("L5", "right")
    synced: list[str] = []
    original = RegionItem._sync_contents

    def spy(item: RegionItem) -> None:
        synced.append(item.region_id)
        original(item)

    monkeypatch.setattr(RegionItem, "_sync_contents", spy)
    view.highlight_root("L5", "right")  # the same again: nothing repaints
    assert synced == []
    view.highlight_root("L4", "right")
    assert "root:L4:right:traversing" in synced and "root:L5:right:traversing" in synced
    assert len(synced) == len(set(synced))
    assert "root:L5:left:traversing" not in synced  # untouched before and after
    assert not view.item("root:L5:right:traversing").is_styled()  # type: ignore[union-attr]


def test_show_lesions_draws_in_both_views(view: SpineView) -> None:
    view.show_lesions(
        [
            {
                "level": "L5-S1",
                "side": "left",
                "zone": "paracentral",
                "lesion": "extrusion",
                "severity": "severe",
            },
            {
                "level": "L3-L4",
                "side": "bilateral",
                "zone": "foraminal",
                "lesion": "stenosis",
                "severity": "mild",
            },
        ]
    )
    targets = sorted(str(b.data(1)) for b in view.lesion_items())
    assert view.axial_level() == "L5-S1"  # moved to the (most severe) lesion's level
    assert "lesion:L5-S1:paracentral:left" in targets
    assert "axial:zone:paracentral:left" in targets
    assert "lesion:L3-L4:foraminal:left" in targets and "lesion:L3-L4:foraminal:right" in targets
    assert view.level_label_text() == "L5-S1"

    # severity sets the size
    blobs = {str(b.data(1)): b for b in view.lesion_items()}
    severe = blobs["lesion:L5-S1:paracentral:left"].boundingRect()
    mild = blobs["lesion:L3-L4:foraminal:left"].boundingRect()
    zone_s = view.item("lesion:L5-S1:paracentral:left").path().boundingRect()  # type: ignore[union-attr]
    zone_m = view.item("lesion:L3-L4:foraminal:left").path().boundingRect()  # type: ignore[union-attr]
    assert severe.width() / zone_s.width() > mild.width() / zone_m.width()

    view.set_axial_level("L3-L4")
    axial_targets = {str(b.data(1)) for b in view.lesion_items()}
    assert {"axial:zone:foraminal:left", "axial:zone:foraminal:right"} <= axial_targets
    assert "axial:zone:paracentral:left" not in axial_targets
    assert view.level_label_text() == "L3-L4"

    view.clear()
    assert view.lesion_items() == []


def test_tooltips_use_plain_words(view: SpineView) -> None:
    assert describe_spine_id("disc:L4-L5") == "L4-L5 disc"
    assert describe_spine_id("root:L5:left:traversing") == (
        "Left L5 nerve root (traversing the L4-L5 disc)"
    )
    assert "L4-L5 disc" in view.item("disc:L4-L5").toolTip()  # type: ignore[union-attr]


def test_render_is_not_blank(view: SpineView) -> None:
    view.highlight_levels([LevelCandidate("L4-L5", "paracentral", "left", "L5", "traversing", 0.5)])
    image = view.grab_image(500, 450)
    assert not image.isNull() and image.width() == 500
    img = image.convertToFormat(QImage.Format.Format_RGBA8888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    rgb = arr[:, : img.width() * 4].reshape(img.height(), img.width(), 4)[..., :3]
    assert (rgb.min(axis=2) < 200).mean() > 0.05


def test_zoom_keys(qtbot, view: SpineView) -> None:  # type: ignore[no-untyped-def]
    fit = view.current_scale()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.current_scale() > fit * 1.1
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.current_scale() == pytest.approx(fit, rel=1e-3)


def test_hover_outline_is_drawn_and_leaves_no_trace(view: SpineView, on_screen) -> None:  # type: ignore[no-untyped-def]
    """A transparent region gains contents while hovered and loses them after."""
    item = view.item("disc:L4-L5")
    assert item is not None and not item.is_styled()
    before = on_screen(view)
    item.set_hovered(True)
    assert (on_screen(view) != before).any()
    item.set_hovered(False)
    assert np.array_equal(on_screen(view), before)


def test_tint_moves_in_steps_while_the_tag_gives_the_percent(view: SpineView) -> None:
    """A likelihood one point higher keeps the zone's tint (no redraw); its tag follows."""
    zone = "lesion:L4-L5:paracentral:left"
    view.highlight_levels(
        [LevelCandidate("L4-L5", "paracentral", "left", "L5", "traversing", 0.61)]
    )
    item = view.item(zone)
    assert item is not None
    before = item.fill_color()
    view.highlight_levels(
        [LevelCandidate("L4-L5", "paracentral", "left", "L5", "traversing", 0.62)]
    )
    after = item.fill_color()
    assert before is not None and after is not None and before.alpha() == after.alpha()
    assert "62%" in item.toolTip()
    view.highlight_levels([LevelCandidate("L4-L5", "paracentral", "left", "L5", "traversing", 0.9)])
    darker = item.fill_color()
    assert darker is not None and darker.alpha() > after.alpha()
