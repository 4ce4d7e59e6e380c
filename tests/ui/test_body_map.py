"""BodyMapView: zone clicks, brush strokes, shading, drawing, root territories."""

from __future__ import annotations

import os
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from radviz.reasoning.findings import Symptom
from radviz.ui import style
from radviz.ui.views.body_map import (
    BodyMapView,
    BrushStroke,
    drawing_bounds,
    drawing_image,
    stroke_mask,
    zone_name,
)


@pytest.fixture
def view(qtbot) -> Iterator[BodyMapView]:  # type: ignore[no-untyped-def]
    v = BodyMapView()
    qtbot.add_widget(v)
    v.resize(1000, 800)
    v.show()
    qtbot.waitExposed(v)
    yield v


def _pixels(image: QImage) -> np.ndarray:
    img = image.convertToFormat(QImage.Format.Format_RGBA8888)
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    return arr[:, : img.width() * 4].reshape(img.height(), img.width(), 4).copy()


def _zone_point(view: BodyMapView, zone: str, side: str) -> QPoint:
    """A viewport pixel inside the zone (its ``Region.center``, checked after rounding)."""
    region = view.svg_map().get(f"zone:{zone}:{side}")
    pos = view.mapFromScene(QPointF(*region.center))
    back = view.mapToScene(pos)
    assert view.zone_at(back.x(), back.y()) == (zone, side)
    return pos


# ------------------------------------------------------------------ zone clicks
@pytest.mark.parametrize(
    ("zone", "side"),
    [("thigh_lateral", "left"), ("calf_posterior", "right"), ("sacrum", "midline")],
)
def test_click_zone_emits_zone_and_side(qtbot, view: BodyMapView, zone: str, side: str) -> None:  # type: ignore[no-untyped-def]
    view.set_tool("zone")
    pos = _zone_point(view, zone, side)
    with qtbot.waitSignal(view.sig_zone_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [zone, side]


def test_front_view_shows_patient_right_on_viewer_left(view: BodyMapView) -> None:
    """Anatomical convention: front view mirrors the patient, back view does not."""
    m = view.svg_map()
    front_left = m.get("zone:thigh_lateral:left").polygons
    xs = np.concatenate([p[:, 0] for p in front_left])
    assert (xs < 600).any() and (xs > 600).any()  # the zone shows in both views
    right_front = m.get("zone:thigh_anterior_upper:right").center
    left_front = m.get("zone:thigh_anterior_upper:left").center
    assert right_front[0] < left_front[0] < 600
    bands = view.orientation_bands()
    assert "RIGHT" in bands[0].left and "LEFT" in bands[0].right
    assert "LEFT" in bands[1].left and "RIGHT" in bands[1].right


@pytest.mark.parametrize(
    ("size", "zoom"), [((497, 560), 0), ((340, 420), 0), ((1000, 800), 0), ((1000, 800), 1)]
)
def test_drawn_words_readable_and_never_under_a_side_badge(
    qtbot: Any, view: BodyMapView, size: tuple[int, int], zoom: int
) -> None:
    """The titles, side captions and the enlarged feet's titles are drawn by the view
    (>= 11 px at any window size, #17.3), and no side badge covers them (#17.3), zoomed
    in a little too (the FRONT/BACK badges come only once the titles are out of sight)."""
    view.resize(*size)
    view.zoom_fit()
    for _ in range(zoom):
        view.zoom_in()
    if zoom:  # zoomed out again by hand (as presentation mode fits a part): not "fitted"
        view.fitInView(view.sceneRect())
    qtbot.wait(10)
    keys = view.labels().keys()
    for key in ("label:title:front", "label:title:back", "label:inset:front:right"):
        assert key in keys
    drawn = [k for k in keys if view.label_rect(k) is not None]
    assert "label:title:front" in drawn and "label:title:back" in drawn
    for key in drawn:
        assert view.labels().pixel_size(key) >= 11, key
    title = view.labels().item("label:title:front")
    assert title is not None
    first, second = title.text().split("\n")
    assert first.strip() == "Front" and first.startswith("  ")  # centred over "(facing you)"
    assert second == "(facing you)"
    badges = view.orientation_label_boxes()
    assert len(badges) >= 4  # both sides of both views
    for key in drawn:
        rect = view.label_rect(key)
        assert rect is not None
        for box, text in badges:
            assert not box.intersects(rect), (key, text)


def test_click_off_body_emits_nothing(qtbot, view: BodyMapView) -> None:  # type: ignore[no-untyped-def]
    pos = view.mapFromScene(QPointF(20, 500))
    with qtbot.assertNotEmitted(view.sig_zone_clicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_hover_names_zone_and_dermatomes(qtbot, view: BodyMapView) -> None:  # type: ignore[no-untyped-def]
    region = view.svg_map().get("zone:thigh_lateral:left")
    text = view.describe_point(*region.center)
    assert text.startswith("Outer thigh (patient's left)")
    assert "dermatome" in text
    with qtbot.waitSignal(view.sig_hover_changed, timeout=1000) as blocker:
        qtbot.mouseMove(view.viewport(), _zone_point(view, "thigh_lateral", "left"))
    assert str(blocker.args[0]).startswith("Outer thigh (patient's left)")
    assert zone_name("sacrum", "midline") == "Over the sacrum (midline)"


# ----------------------------------------------------------------------- brush
def test_brush_stroke_emits_points_in_viewbox_units(qtbot, view: BodyMapView) -> None:  # type: ignore[no-untyped-def]
    view.set_tool("brush")
    view.set_kind("tingling")
    view.set_brush_radius(12)
    scene_pts = [QPointF(360, 450), QPointF(365, 520), QPointF(370, 600)]
    vp = [view.mapFromScene(p) for p in scene_pts]
    with qtbot.waitSignal(view.sig_stroke_finished, timeout=1000) as blocker:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=vp[0])
        qtbot.mouseMove(view.viewport(), vp[1])
        qtbot.mouseMove(view.viewport(), vp[2])
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp[2])
    stroke = blocker.args[0]
    assert isinstance(stroke, BrushStroke)
    assert stroke.kind == "tingling" and stroke.erase is False and stroke.radius == 12
    assert len(stroke.points) >= 3
    tol = 2.0 / view.current_scale()  # one or two pixels, in viewBox units
    seen = (stroke.points[0], stroke.points[1], stroke.points[-1])
    for (x, y), p in zip(seen, scene_pts, strict=True):
        assert x == pytest.approx(p.x(), abs=tol) and y == pytest.approx(p.y(), abs=tol)

    view.set_tool("eraser")
    with qtbot.waitSignal(view.sig_stroke_finished, timeout=1000) as blocker:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=vp[0])
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp[0])
    assert blocker.args[0].erase is True and len(blocker.args[0].points) >= 1


def test_brush_does_not_click_zones(qtbot, view: BodyMapView) -> None:  # type: ignore[no-untyped-def]
    view.set_tool("brush")
    with qtbot.assertNotEmitted(view.sig_zone_clicked):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=_zone_point(view, "heel", "left")
        )


# ----------------------------------------------------------------- stroke_mask
def test_stroke_mask_single_point_is_a_disc() -> None:
    mask = stroke_mask([(50.0, 40.0)], 10.0, (100, 120))
    assert mask.shape == (100, 120) and mask.dtype == bool
    assert abs(int(mask.sum()) - np.pi * 100) < 0.06 * np.pi * 100
    assert mask[40, 50] and not mask[40, 62] and not mask[52, 50]
    rows, cols = np.nonzero(mask)
    assert rows.min() >= 29 and rows.max() <= 50 and cols.min() >= 39 and cols.max() <= 60


def test_stroke_mask_fast_stroke_has_no_gaps() -> None:
    mask = stroke_mask([(10.0, 50.0), (190.0, 50.0)], 3.0, (100, 200))
    assert mask[50, 10:191].all()  # every column between the far-apart points
    assert mask[47:53, 100].all() and not mask[46, 100] and not mask[53, 100]


def test_stroke_mask_edges_and_empty() -> None:
    assert not stroke_mask([], 5.0, (10, 10)).any()
    clipped = stroke_mask([(-3.0, -3.0), (4.0, 4.0)], 4.0, (10, 10))
    assert clipped[0, 0] and clipped[4, 4] and not clipped[9, 9]
    off = stroke_mask([(500.0, 500.0)], 5.0, (10, 10))
    assert not off.any()
    thin = stroke_mask([(3.2, 7.7)], 0.1, (10, 10))
    assert thin[7, 3] and thin.sum() == 1


def test_stroke_mask_matches_brute_force() -> None:
    rng = np.random.default_rng(3)
    pts = rng.uniform(0, 60, size=(6, 2))
    r = 4.5
    mask = stroke_mask([tuple(p) for p in pts], r, (60, 60))
    yy, xx = np.mgrid[0:60, 0:60] + 0.5
    brute = np.zeros((60, 60), bool)
    for a, b in itertools.pairwise(pts):
        ab = b - a
        t = np.clip(((xx - a[0]) * ab[0] + (yy - a[1]) * ab[1]) / (ab @ ab), 0, 1)
        d2 = (xx - a[0] - t * ab[0]) ** 2 + (yy - a[1] - t * ab[1]) ** 2
        brute |= d2 <= r * r
    # the stamped capsule equals the exact one except for a thin rim
    assert (mask & ~brute).sum() == 0
    assert (brute & ~mask).sum() <= 0.03 * brute.sum()


# --------------------------------------------------------------------- shading
def test_set_shading_colours_the_right_item(view: BodyMapView) -> None:
    view.set_shading([Symptom("foot_dorsum", "left", "numbness")])
    item = view.zone_item("foot_dorsum", "left")
    assert item is not None
    fill = item.fill_color()
    assert fill is not None
    assert fill.rgb() == QColor(style.KIND_STYLES["numbness"].color).rgb()
    pattern = item.pattern()
    assert pattern is not None and pattern[0] == "crosshatch"
    other = view.zone_item("foot_dorsum", "right")
    assert other is not None and not other.is_styled()

    # several kinds in one zone: the most specific fills, another outlines
    view.set_shading(
        [Symptom("foot_dorsum", "left", "pain"), Symptom("foot_dorsum", "left", "tingling")]
    )
    fill = item.fill_color()
    assert fill is not None and fill.rgb() == QColor(style.KIND_STYLES["tingling"].color).rgb()
    pen = item.outline_pen()
    assert pen is not None and pen.color().rgb() == QColor(style.KIND_STYLES["pain"].color).rgb()

    view.set_shading([])
    assert not item.is_styled()


def test_kinds_differ_in_colour_and_pattern() -> None:
    colours = {s.color for s in style.KIND_STYLES.values()}
    textures = {s.texture for s in style.KIND_STYLES.values()}
    assert len(colours) == len(textures) == len(style.KIND_STYLES) == 5
    for kind in style.KIND_STYLES:
        assert not style.legend_icon(kind, 24).isNull()


def test_set_drawing_renders_translucent_overlay(view: BodyMapView) -> None:
    rows, cols = view.svg_map().grid_shape
    mask = stroke_mask([(360.0, 500.0), (370.0, 560.0)], 10.0, (rows, cols))
    view.set_drawing({"burning": mask})
    pix = view.drawing_item().pixmap()
    assert not pix.isNull()
    # Only the painted part is drawn, placed at its corner in scene units.
    bounds = drawing_bounds({"burning": mask}, (rows, cols))
    assert bounds is not None
    r0, c0, r1, c1 = bounds
    assert (pix.height(), pix.width()) == (r1 - r0, c1 - c0)
    offset = view.drawing_item().offset()
    assert (offset.x(), offset.y()) == (c0, r0)
    assert view.drawing_item().sceneBoundingRect().contains(365.0, 530.0)
    img = _pixels(drawing_image({"burning": mask}, (rows, cols)))
    assert (img[..., 3][mask] > 0).all() and (img[..., 3][~mask] == 0).all()
    assert 0 < img[..., 3][mask].min() < 255  # translucent
    part = _pixels(drawing_image({"burning": mask}, (rows, cols), (r0, c0, r1, c1)))
    assert np.array_equal(part, img[r0:r1, c0:c1])
    # Same masks again: nothing is rebuilt.
    view.set_drawing({"burning": mask})
    assert view.drawing_item().pixmap().cacheKey() == pix.cacheKey()
    view.set_drawing({"burning": np.zeros((rows, cols), bool)})
    assert view.drawing_item().pixmap().isNull()


# ----------------------------------------------------------------- territories
def test_highlight_roots_shows_l5_left_territory(view: BodyMapView) -> None:
    view.set_dermatome_variant("classic")
    view.highlight_roots([("L5", "left")])
    items = view.highlight_items()
    assert [i.region_id for i in items] == ["derm:L5:left"]
    assert items[0].isVisible() and items[0].outline_pen() is not None

    view.set_dermatome_variant("lee2008")
    assert [i.region_id for i in view.highlight_items()] == ["dermlee:L5:left"]
    assert view.art_item("dermatomes_lee2008").isVisible()  # type: ignore[union-attr]
    assert not view.art_item("dermatomes_classic").isVisible()  # type: ignore[union-attr]

    view.highlight_roots([])
    assert view.highlight_items() == []


def test_imaging_roots_drawn_differently(view: BodyMapView) -> None:
    view.highlight_roots([("S1", "right")])
    view.set_imaging_roots([("S1", "right")])
    (hl,) = view.highlight_items()
    (im,) = view.imaging_items()
    assert im.pattern() is not None and hl.pattern() is None
    pen_im, pen_hl = im.outline_pen(), hl.outline_pen()
    assert pen_im is not None and pen_hl is not None
    assert pen_im.style() != pen_hl.style()


def test_layers_toggle(view: BodyMapView) -> None:
    view.set_dermatome_variant(None)
    assert not view.art_item("dermatomes_classic").isVisible()  # type: ignore[union-attr]
    view.set_labels_visible(False)
    assert not view.art_item("labels").isVisible()  # type: ignore[union-attr]
    view.set_key_points_visible(True)
    assert view.art_item("key_points").isVisible()  # type: ignore[union-attr]


# ----------------------------------------------------------------- zoom/render
def test_zoom_and_render(qtbot, view: BodyMapView) -> None:  # type: ignore[no-untyped-def]
    fit = view.current_scale()
    view.zoom_in()
    assert view.current_scale() > fit
    view.zoom_out()
    view.zoom_out()
    assert view.current_scale() == pytest.approx(fit, rel=1e-3)  # never below fitted
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.current_scale() > fit
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.current_scale() == pytest.approx(fit, rel=1e-3)

    view.set_shading([Symptom("calf_posterior", "left", "pain")])
    image = view.grab_image(600, 500)
    assert image.width() == 600 and image.height() == 500
    px = _pixels(image)[..., :3]
    assert (px.min(axis=2) < 235).mean() > 0.05  # not blank
    vermillion = np.array([0xD5, 0x5E, 0x00])
    assert (np.abs(px.astype(int) - vermillion).sum(axis=2) < 120).any()  # the shading shows
    assert not view.grab().isNull()
    assert view.accessibleName() == "Body map"


def test_cleared_shading_leaves_no_trace_on_screen(view: BodyMapView, on_screen) -> None:  # type: ignore[no-untyped-def]
    """Transparent regions are not painted at all (ItemHasNoContents); clearing a zone
    must still repaint where it was. Compares what is on screen (the window's backing
    store, updated incrementally), not a fresh rendering."""
    before = on_screen(view)
    shading = [Symptom("thigh_lateral", "left", "numbness"), Symptom("heel", "left", "pain")]
    view.set_shading(shading)
    shaded = on_screen(view)
    assert (shaded != before).any(axis=2).sum() > 1000
    view.set_shading([])
    assert np.array_equal(on_screen(view), before)


# ------------------------------------------------------------ peripheral nerves
def test_show_nerve_draws_territory_and_course_on_the_patients_side(view: BodyMapView) -> None:
    assert {"common_peroneal", "tibial", "sciatic", "femoral", "lateral_femoral_cutaneous"} <= set(
        view.nerve_names()
    )
    assert view.nerve_items() == []  # nothing is built before it is asked for
    assert view.show_nerve("common_peroneal", "left")
    items = view.nerve_items()
    assert sorted(i.region_id for i in items) == [
        "nerve:common_peroneal:left:course",
        "nerve:common_peroneal:left:territory",
    ]
    territory = next(i for i in items if i.region_id.endswith("territory"))
    assert territory.pattern() is not None and territory.outline_pen() is not None
    # patient's left: viewer's right in the front view (x > 300)
    front = [p for p in view.svg_map().get(territory.region_id).polygons if p[:, 0].max() < 600]
    assert front and all(p[:, 0].min() > 300 for p in front)
    assert view.shown_nerve() == ("common_peroneal", "left")


def test_show_nerve_replaces_clears_and_reuses_items(view: BodyMapView) -> None:
    assert view.show_nerve("femoral", None)
    assert {i.region_id.split(":")[2] for i in view.nerve_items()} == {"left", "right"}
    first = {i.region_id: i for i in view.nerve_items()}
    assert view.show_nerve("tibial", "right")
    assert all(i.region_id.startswith("nerve:tibial:right:") for i in view.nerve_items())
    assert view.show_nerve("femoral", None)
    assert {i.region_id: i for i in view.nerve_items()} == first  # built once, reused
    assert not view.show_nerve(None)
    assert view.nerve_items() == [] and view.shown_nerve() is None


def test_show_nerve_motor_only_unknown_and_bad_side(view: BodyMapView) -> None:
    assert view.show_nerve("superior_gluteal", "left")  # a course, no skin territory
    assert [i.region_id for i in view.nerve_items()] == ["nerve:superior_gluteal:left:course"]
    assert not view.show_nerve("no_such_nerve", "left")
    assert view.nerve_items() == []
    with pytest.raises(ValueError, match="unknown side"):
        view.show_nerve("tibial", "middle")


def test_shown_nerve_is_painted(view: BodyMapView) -> None:
    before = _pixels(view.grab_image(600, 500))[..., :3].astype(int)
    view.show_nerve("lateral_femoral_cutaneous", "right")
    after = _pixels(view.grab_image(600, 500))[..., :3].astype(int)
    changed = np.abs(after - before).sum(axis=2) > 30
    assert changed.mean() > 0.002
    # patient's right: the viewer's left half of the front view (x < 150 of 600) and the
    # viewer's right half of the back view (x > 450); nothing on the patient's left
    cols = np.flatnonzero(changed.any(axis=0))
    assert cols.min() < 150 and cols.max() > 450
    assert not ((cols > 150) & (cols < 450)).any()


# ------------------------------------------------------------------ the feet
FOOT_ZONES = (
    "great_toe",
    "little_toe",
    "foot_dorsum",
    "foot_medial_edge",
    "foot_lateral_edge",
    "sole",
    "heel",
    "ankle_medial",
    "ankle_lateral",
)
TARGET_PX = 8  # a mouse target: an 8 x 8 px square wholly inside the zone


def _square_inside(mask: np.ndarray, k: int) -> tuple[int, int] | None:
    """Centre (row, col) of some k x k block of cells all inside ``mask``, if any."""
    ii = np.pad(mask.astype(np.int32), ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    full = ii[k:, k:] - ii[:-k, k:] - ii[k:, :-k] + ii[:-k, :-k] == k * k
    hits = np.argwhere(full)
    if not len(hits):
        return None
    r, c = hits[len(hits) // 2]
    return int(r) + k // 2, int(c) + k // 2


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_foot_zone_is_a_comfortable_target_at_the_default_size(
    qtbot: Any,
    view: BodyMapView,
    side: str,
) -> None:
    """At the body map's share of the default window (about 500 x 570 px) each foot
    zone holds an 8 x 8 px square (the enlarged feet; before them the best square was
    7 px in the big toe and 3 px in the little toe), and a click in it selects that zone."""
    view.resize(500, 570)
    view.zoom_fit()
    qtbot.wait(10)
    m = view.svg_map()
    k = int(np.ceil(TARGET_PX / view.current_scale() * m.scale))
    vx, vy = m.viewbox[0], m.viewbox[1]
    for zone in FOOT_ZONES:
        spot = _square_inside(m.mask(f"zone:{zone}:{side}"), k)
        assert spot is not None, f"{zone} ({side}) has no {TARGET_PX} px square"
        x, y = vx + (spot[1] + 0.5) / m.scale, vy + (spot[0] + 0.5) / m.scale
        with qtbot.waitSignal(view.sig_zone_clicked, timeout=1000) as blocker:
            qtbot.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(QPointF(x, y))
            )
        assert blocker.args == [zone, side]


def test_a_highlighted_root_is_named_on_the_figure_and_on_the_enlarged_foot(
    view: BodyMapView,
) -> None:
    from PySide6.QtWidgets import QGraphicsSimpleTextItem

    view.highlight_roots([("L5", "left")])
    xs = sorted(
        item.pos().x()
        for item in view.scene().items()
        if isinstance(item, QGraphicsSimpleTextItem) and item.text() == "L5" and item.isVisible()
    )[::2]  # each name is a text over a halo at the same spot
    # patient's left: front view right half (leg ~350, enlarged foot ~490), back view
    # left half (leg ~840, enlarged sole ~750)
    assert len(xs) == 4, xs
    assert [330 < x < 420 for x in xs].count(True) == 1
    assert [420 <= x < 600 for x in xs].count(True) == 1
    assert [600 <= x < 800 for x in xs].count(True) == 1
    assert [800 <= x < 900 for x in xs].count(True) == 1
