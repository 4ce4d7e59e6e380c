"""The body map: where the patient feels it.

:class:`BodyMapView` shows ``assets/svg/body_map.svg`` (front view on the left half,
back view on the right half of a 1200 × 1000 viewBox) with

* the artwork, one :class:`QGraphicsSvgItem` per layer group so layers can be toggled
  (silhouette, dermatomes in two variants, labels, key sensory points);
* one :class:`~radviz.ui.views.regions.RegionItem` per body zone, transparent until shaded
  with the colour **and** pattern of the symptom kind (:mod:`radviz.ui.style`);
* a translucent overlay of the free-hand drawing (one boolean grid per kind);
* root territories lit up for a highlighted root, and, drawn differently (outline +
  light hatch in bluish green), the territories of roots named by an imaging report;
* a peripheral nerve's skin territory and its course from the spine
  (:meth:`BodyMapView.show_nerve`), drawn when first asked for;
* side labels pinned to the top of the viewport ("Patient's RIGHT" / "Patient's
  LEFT") over each view, at any zoom.

Tools: ``zone`` (click a zone → :attr:`BodyMapView.sig_zone_clicked`; drag pans),
``brush`` and ``eraser`` (press-drag-release → :attr:`BodyMapView.sig_stroke_finished`
with a :class:`BrushStroke` in viewBox units). The view never changes findings itself:
the owner toggles them and calls :meth:`BodyMapView.set_shading` /
:meth:`BodyMapView.set_drawing`. :func:`stroke_mask` turns a stroke into a grid mask.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
from pyqtgraph.functions import arrayToQPolygonF
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsSimpleTextItem,
    QToolTip,
    QWidget,
)

from radviz.anatomy import vocab
from radviz.reasoning.findings import Symptom
from radviz.ui import style
from radviz.ui.views.pinned_labels import PinnedLabels, SvgText, split_svg_text
from radviz.ui.views.regions import OrientationBand, RegionItem, ZoomableView, svg_layer_item

__all__ = [
    "ZONE_NAMES",
    "BodyMapView",
    "BrushStroke",
    "drawing_image",
    "stroke_mask",
    "zone_name",
]

BoolArray = npt.NDArray[np.bool_]

TOOLS: tuple[str, ...] = ("zone", "brush", "eraser")
VARIANTS: dict[str, tuple[str, str]] = {
    # variant: (svg layer group, region id prefix)
    "classic": ("dermatomes_classic", "derm"),
    "lee2008": ("dermatomes_lee2008", "dermlee"),
}
ART_LAYERS: tuple[str, ...] = (
    "silhouette",
    "limbs",
    "dermatomes_classic",
    "dermatomes_lee2008",
    "zones",
    "key_points",
    "labels",
    "labels_dermatomes",
)

#: Colours of a shown peripheral nerve (the SVG's ``nerves`` layer uses the same ones).
NERVE_TERRITORY_COLOR = "#E69F00"  # Okabe-Ito orange
NERVE_COURSE_COLOR = "#8a5a00"

# z-order of the scene
_Z = {
    "silhouette": 0.0,
    "limbs": 1.0,
    "dermatomes_classic": 2.0,
    "dermatomes_lee2008": 2.0,
    "zones": 3.0,
    "shading": 10.0,
    "drawing": 12.0,
    "imaging": 14.0,
    "nerve": 15.0,
    # On top, but only lightly tinted (see _refresh_territories): the patient's own
    # marks show through it.
    "highlight": 16.0,
    "preview": 18.0,
    "key_points": 20.0,
    "labels_dermatomes": 21.0,
    "labels": 22.0,
    "highlight_text": 24.0,
    "cursor": 30.0,
}


def _load_zone_names() -> dict[str, str]:
    # zones.toml is the one home of zone names (radviz.reasoning.wording reads it; the
    # knowledge base is loaded once per process and its parse cached on disk).
    from radviz.reasoning.wording import zone_name

    return {zone: zone_name(zone) for zone in vocab.ZONES}


#: Plain-language zone names (from the knowledge base when it is there).
ZONE_NAMES: dict[str, str] = _load_zone_names()


def zone_name(zone: str, side: str) -> str:
    """``("thigh_lateral", "left")`` → ``"Outer thigh (patient's left)"``."""
    name = ZONE_NAMES.get(zone, zone.replace("_", " ").capitalize())
    if side == vocab.MIDLINE or zone in vocab.MIDLINE_ZONES:
        return f"{name} (midline)"
    return f"{name} (patient's {side})"


# ---------------------------------------------------------------------- strokes
@dataclass(frozen=True)
class BrushStroke:
    """One press-drag-release of the brush or eraser.

    ``points`` are in viewBox units (the scene's coordinates), ``radius`` too. The owner
    rasterises it with :func:`stroke_mask` and adds it to (or, with ``erase``, removes
    it from) the drawing of ``kind``.
    """

    kind: str
    erase: bool
    radius: float
    points: tuple[tuple[float, float], ...]


_MAX_BLOCK = 4_000_000  # cells tested per vectorised block


def stroke_mask(
    points: Sequence[tuple[float, float]] | npt.ArrayLike,
    radius: float,
    grid_shape: tuple[int, int],
    *,
    scale: float = 1.0,
    origin: tuple[float, float] = (0.0, 0.0),
) -> BoolArray:
    """Cells of a ``grid_shape`` (rows, cols) grid covered by a round brush.

    Discs of ``radius`` are stamped along the polyline through ``points`` (viewBox
    units). Points are interpolated at a quarter of the radius so fast strokes leave no
    gaps and the edge is smooth. A cell is covered when its centre lies within the
    radius (the rule :mod:`radviz.anatomy.geometry` rasterises regions with); a stroke
    thinner than a cell still covers the cells its points fall in. ``scale`` (cells per
    unit) and ``origin`` (viewBox x, y of the grid's corner) follow
    :class:`~radviz.anatomy.geometry.SvgMap`. Vectorised numpy; points off the grid are
    clipped.
    """
    rows, cols = int(grid_shape[0]), int(grid_shape[1])
    out = np.zeros((rows, cols), dtype=bool)
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    pts = pts[np.isfinite(pts).all(axis=1)]
    if pts.size == 0 or rows == 0 or cols == 0:
        return out
    # to grid units: cell (r, c) spans [c, c+1) x [r, r+1), centre at (c+.5, r+.5)
    pts = (pts - np.asarray(origin, dtype=np.float64)) * scale
    r = max(0.0, float(radius) * scale)
    step = max(0.25, r / 4.0)
    if len(pts) > 1:
        seg = pts[1:] - pts[:-1]
        lengths = np.hypot(seg[:, 0], seg[:, 1])
        n = np.maximum(1, np.ceil(lengths / step)).astype(np.int64)
        idx = np.repeat(np.arange(len(seg)), n)
        first = np.repeat(np.cumsum(n) - n, n)
        t = (np.arange(int(n.sum())) - first) / np.repeat(n, n)
        samples = np.vstack([pts[idx] + seg[idx] * t[:, None], pts[-1:]])
    else:
        samples = pts
    # drop samples whose disc misses the grid, and near-duplicates
    keep = (
        (samples[:, 0] > -r - 1)
        & (samples[:, 0] < cols + r + 1)
        & (samples[:, 1] > -r - 1)
        & (samples[:, 1] < rows + r + 1)
    )
    samples = samples[keep]
    if samples.size == 0:
        return out
    q = max(0.05, step / 4.0)  # drop near-duplicates, keeping exact positions
    _, first_idx = np.unique(np.round(samples / q), axis=0, return_index=True)
    samples = samples[np.sort(first_idx)]

    # the cells that hold a sample are always covered (thin brushes)
    cell_c = np.floor(samples[:, 0]).astype(np.int64)
    cell_r = np.floor(samples[:, 1]).astype(np.int64)
    inside = (cell_c >= 0) & (cell_c < cols) & (cell_r >= 0) & (cell_r < rows)
    out[cell_r[inside], cell_c[inside]] = True
    span = math.ceil(r) + 1
    offs = np.arange(-span, span + 1)
    grid_y, grid_x = np.meshgrid(offs, offs, indexing="ij")
    dy, dx = grid_y.ravel(), grid_x.ravel()
    per = dy.size
    block = max(1, _MAX_BLOCK // per)
    r2 = r * r
    for start in range(0, len(samples), block):
        s = samples[start : start + block]
        base_c = np.floor(s[:, 0]).astype(np.int64)
        base_r = np.floor(s[:, 1]).astype(np.int64)
        cc = base_c[:, None] + dx[None, :]
        rr = base_r[:, None] + dy[None, :]
        d2 = (cc + 0.5 - s[:, 0:1]) ** 2 + (rr + 0.5 - s[:, 1:2]) ** 2
        hit = (d2 <= r2) & (cc >= 0) & (cc < cols) & (rr >= 0) & (rr < rows)
        out[rr[hit], cc[hit]] = True
    return out


# ---------------------------------------------------------------------- drawing
@lru_cache(maxsize=16)
def _pattern_mask(texture: str, rows: int, cols: int) -> BoolArray:
    """Where the ink of a pattern falls on a (rows, cols) grid (period ~9 cells)."""
    y, x = np.ogrid[0:rows, 0:cols]
    if texture == "diagonal":
        m = ((x + y) % 9) < 3
    elif texture == "lines":
        m = np.broadcast_to((y % 8) < 2, (rows, cols))
    elif texture == "crosshatch":
        m = (((x + y) % 10) < 2) | (((x - y) % 10) < 2)
    elif texture == "dots":
        xx = (x + 4 * ((y // 8) % 2)) % 8 - 3.5
        yy = (y % 8) - 3.5
        m = xx * xx + yy * yy <= 4.0
    else:
        m = np.zeros((rows, cols), dtype=bool)
    out = np.ascontiguousarray(np.broadcast_to(m, (rows, cols)))
    out.flags.writeable = False
    return out


def _premultiplied(color: QColor, alpha: float) -> npt.NDArray[np.float64]:
    """``color`` at ``alpha`` as premultiplied RGBA bytes (0..255, rounded)."""
    rgb = np.array([color.redF(), color.greenF(), color.blueF()]) * alpha
    return np.floor(np.append(rgb, alpha) * 255.0 + 0.5)


def drawing_bounds(
    masks: Mapping[str, BoolArray], grid_shape: tuple[int, int]
) -> tuple[int, int, int, int] | None:
    """``(row0, col0, row1, col1)`` (end exclusive) around every painted cell, or ``None``."""
    rows, cols = int(grid_shape[0]), int(grid_shape[1])
    any_rows = np.zeros(rows, dtype=bool)
    any_cols = np.zeros(cols, dtype=bool)
    for mask in masks.values():
        m = np.asarray(mask, dtype=bool)
        if m.shape != (rows, cols):
            continue
        any_rows |= m.any(axis=1)
        any_cols |= m.any(axis=0)
    if not any_rows.any():
        return None
    r = np.flatnonzero(any_rows)
    c = np.flatnonzero(any_cols)
    return int(r[0]), int(c[0]), int(r[-1]) + 1, int(c[-1]) + 1


def drawing_image(
    masks: Mapping[str, BoolArray],
    grid_shape: tuple[int, int],
    bounds: tuple[int, int, int, int] | None = None,
) -> QImage:
    """A translucent RGBA image of a drawing (kind → bool grid), one pixel per cell.

    Each kind gets its colour (about 45 % opaque) with its pattern inked darker and
    more opaque, so kinds read apart without colour. Kinds are composited "over" each
    other from least to most specific, so the most specific kind is on top.
    With ``bounds`` (from :func:`drawing_bounds`) only that part of the grid is drawn,
    which keeps a live stroke fast; the caller places the image at its corner.
    """
    rows, cols = int(grid_shape[0]), int(grid_shape[1])
    r0, c0, r1, c1 = bounds if bounds is not None else (0, 0, rows, cols)
    full_rows, full_cols = rows, cols
    rows, cols = r1 - r0, c1 - c0
    # Premultiplied RGBA bytes. Each kind's pixels are one of two constant colours (base
    # or pattern ink); paint them by boolean masks and blend ("over") only where a more
    # specific kind lies on top of another, so a live stroke stays cheap.
    out = np.zeros((rows, cols, 4), dtype=np.uint8)
    covered = np.zeros((rows, cols), dtype=bool)
    for kind in reversed(style.SPECIFICITY):
        mask = masks.get(kind)
        if mask is None:
            continue
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (full_rows, full_cols):
            continue
        mask = mask[r0:r1, c0:c1]
        if not mask.any():
            continue
        ks = style.KIND_STYLES[kind]
        base = QColor(ks.color)
        ink = QColor(ks.color).darker(135)
        if ks.texture == "solid":
            layers = [(mask, _premultiplied(base, 0.62))]
        else:
            on = _pattern_mask(ks.texture, full_rows, full_cols)[r0:r1, c0:c1]
            layers = [
                (mask & on, _premultiplied(ink, 0.9)),
                (mask & ~on, _premultiplied(base, 0.42)),
            ]
        for where, px in layers:
            fresh = where & ~covered
            out[fresh] = px.astype(np.uint8)
            both = where & covered
            if both.any():
                dst = out[both].astype(np.float32) / 255.0
                src = px.astype(np.float32) / 255.0
                blended = src + dst * (1.0 - src[3])
                out[both] = (np.clip(blended, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
        covered |= mask
    data = np.ascontiguousarray(out)
    image = QImage(data.data, cols, rows, cols * 4, QImage.Format.Format_RGBA8888_Premultiplied)
    return image.copy()  # detach from the numpy buffer


# ------------------------------------------------------------------------- view
class BodyMapView(ZoomableView):
    """Front and back body map on which zones are clicked and symptoms painted."""

    sig_zone_clicked = Signal(str, str)
    """``(zone, side)``: a zone was clicked with the zone tool.

    ``side`` is ``"left"``/``"right"`` (the patient's) or ``"midline"`` for the sacrum
    and saddle. The view does not change the shading: the owner toggles the finding
    and calls :meth:`set_shading`.
    """

    sig_stroke_finished = Signal(object)
    """:class:`BrushStroke`: a brush or eraser stroke was released (viewBox units)."""

    sig_hover_changed = Signal(str)
    """Plain words for what is under the pointer, e.g.
    ``"Outer thigh (patient's left) · dermatomes L5, S1"``; ``""`` off the body."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        svg_path: str | None = None,
        svg_map: Any = None,
    ) -> None:
        from radviz.anatomy import geometry
        from radviz.resources import asset_path

        self._map = svg_map if svg_map is not None else geometry.body_map()
        vx, vy, vw, vh = self._map.viewbox
        super().__init__(QRectF(vx, vy, vw, vh), parent)
        self.setAccessibleName("Body map")
        self.setAccessibleDescription(
            "Front and back of the body. Click a zone, or paint with the brush, to show "
            "where you feel symptoms. The front view is on the left: the patient's right "
            "side is on your left there. The back view is on the right."
        )
        path = svg_path if svg_path is not None else str(getattr(self._map, "path", ""))
        if not path:
            path = str(asset_path("body_map.svg"))
        self._renderer = QSvgRenderer(path, self)
        # The words of the "labels" layer (titles, side captions, the enlarged feet's
        # titles) are drawn by the view at a readable size, as on the spine diagram; the
        # art layer keeps them only for whole-map renders (render_scene: the handout).
        self._pins = PinnedLabels(self, max_px=20, z=_Z["labels"])
        self._pins.follow_text_size()  # Ctrl+plus makes the drawing's words larger too
        self._pins.add_svg([t for t in _svg_texts(path) if t.group == "labels"], _label_priority)
        # a view's subtitle under its title, kept or left out with it
        for view in ("front", "back"):
            title = self._pins.item(f"label:title:{view}")
            sub = self._pins.item(f"label:subtitle:{view}")
            if title is not None and sub is not None:
                self._pins.set_text(f"label:title:{view}", f"{title.text()}\n{sub.text()}")
                self._pins.remove(f"label:subtitle:{view}")
        # an enlarged foot's title over two lines (it stays inside its narrow inset)
        for key in self._pins.keys():
            if key.startswith("label:inset:"):
                pin = self._pins.item(key)
                if pin is not None:
                    self._pins.set_text(key, pin.text().replace(", ", ",\n"))
        # Art layers are made when first shown (see _apply_layer_visibility): the hidden
        # dermatome maps cost start-up time that most consultations never need.
        self._art: dict[str, QGraphicsSvgItem] = {}

        self._tool = "zone"
        self._kind = "pain"
        self._radius = 14.0
        self._variant: str | None = None
        self._labels_visible = True
        self._key_points_visible = False

        # zones
        self._zone_items: dict[str, RegionItem] = {}
        for region in self._layer("zones"):
            if not region.id.startswith("zone:") or not len(region.polygons):
                continue
            item = RegionItem(region)
            item.setZValue(_Z["shading"])
            item.setAcceptHoverEvents(False)
            self._scene.addItem(item)
            self._zone_items[region.id] = item
        self._zone_kinds: dict[str, list[str]] = {}
        self._hover_zone: RegionItem | None = None
        self._hover_text = ""

        # free-hand drawing overlay
        self._drawing_key: tuple[tuple[str, int], ...] = ()
        self._drawing_masks: dict[str, BoolArray] = {}
        self._drawing = QGraphicsPixmapItem()
        self._drawing.setOffset(vx, vy)
        self._drawing.setZValue(_Z["drawing"])
        self._drawing.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._drawing.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._drawing.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self._scene.addItem(self._drawing)

        # territories
        self._derm_items: dict[tuple[str, str], RegionItem] = {}
        self._highlight: list[tuple[str, str]] = []
        self._imaging: list[tuple[str, str]] = []
        self._highlight_text: list[QGraphicsItem] = []

        # peripheral nerves (show_nerve): items made on first show, keyed by region id
        self._nerve_items: dict[str, RegionItem] = {}
        self._nerve: tuple[str, str | None] | None = None

        # stroke preview and brush cursor
        self._stroke: list[tuple[float, float]] | None = None
        self._preview = QGraphicsPathItem()
        self._preview.setZValue(_Z["preview"])
        self._preview.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._preview.setVisible(False)
        self._scene.addItem(self._preview)
        self._cursor = QGraphicsEllipseItem()
        self._cursor.setZValue(_Z["cursor"])
        self._cursor.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._cursor.setVisible(False)
        self._scene.addItem(self._cursor)
        self._press_pos: QPointF | None = None
        self._bands: tuple[QRectF, QRectF] | None = None
        self._outlines: list[QPolygonF] | None = None

        self._apply_layer_visibility()
        self._update_cursor_item()
        self.restore_cursor()

    # ------------------------------------------------------------- building
    def _layer(self, name: str) -> list[Any]:
        try:
            return list(self._map.layer(name))
        except KeyError:
            return []

    def _add_art(self, layer: str) -> QGraphicsSvgItem | None:
        if layer in self._art:
            return self._art[layer]
        item = svg_layer_item(self._renderer, layer, _Z.get(layer, 0.0))
        if item is None:
            return None
        item.setVisible(self._layer_shown(layer))
        self._scene.addItem(item)
        self._art[layer] = item
        return item

    def _layer_shown(self, layer: str) -> bool:
        shown = {
            "dermatomes_classic": self._variant == "classic",
            "dermatomes_lee2008": self._variant == "lee2008",
            "key_points": self._key_points_visible,
            "labels": False,  # drawn by self._pins (render_scene shows the art's)
            "labels_dermatomes": self._labels_visible and self._variant is not None,
        }
        return shown.get(layer, True)  # silhouette, limbs, zones

    def _apply_layer_visibility(self) -> None:
        for layer in ART_LAYERS:
            show = self._layer_shown(layer)
            item = self._add_art(layer) if show else self._art.get(layer)
            if item is not None:
                item.setVisible(show)

    # ------------------------------------------------------------ accessors
    def svg_map(self) -> Any:
        """The :class:`~radviz.anatomy.geometry.SvgMap` the view hit-tests with."""
        return self._map

    def tool(self) -> str:
        """The current tool: ``zone``, ``brush`` or ``eraser``."""
        return self._tool

    def kind(self) -> str:
        """The symptom kind the brush paints."""
        return self._kind

    def brush_radius(self) -> float:
        """The brush radius in viewBox units."""
        return self._radius

    def dermatome_variant(self) -> str | None:
        """``classic``, ``lee2008`` or ``None`` (dermatomes hidden)."""
        return self._variant

    def zone_item(self, zone: str, side: str) -> RegionItem | None:
        """The scene item of a zone (``side`` ``midline`` for sacrum and saddle)."""
        return self._zone_items.get(f"zone:{zone}:{side}")

    def art_item(self, layer: str) -> QGraphicsSvgItem | None:
        """The artwork item of a layer group, if the SVG has it (made on first ask)."""
        return self._add_art(layer)

    def highlight_items(self) -> list[RegionItem]:
        """The visible territory items of :meth:`highlight_roots`."""
        return self._territory_items(self._highlight, "highlight")

    def imaging_items(self) -> list[RegionItem]:
        """The visible territory items of :meth:`set_imaging_roots`."""
        return self._territory_items(self._imaging, "imaging")

    def drawing_item(self) -> QGraphicsPixmapItem:
        """The overlay item of the free-hand drawing."""
        return self._drawing

    # -------------------------------------------------------------- setters
    def set_tool(self, tool: str) -> None:
        """``zone`` (click zones), ``brush`` (paint) or ``eraser`` (rub out paint)."""
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r} (expected one of {', '.join(TOOLS)})")
        self._cancel_stroke()
        self._tool = tool
        self._set_hover_zone(None)
        self._update_cursor_item()
        self.restore_cursor()

    def set_kind(self, kind: str) -> None:
        """The symptom kind the brush paints (``pain``, ``burning``, …)."""
        if kind not in style.KIND_STYLES:
            raise ValueError(f"unknown symptom kind {kind!r}")
        self._kind = kind
        self._update_cursor_item()

    def set_brush_radius(self, radius: float) -> None:
        """Brush radius in viewBox units (clamped to 1…200)."""
        self._radius = float(min(200.0, max(1.0, radius)))
        self._update_cursor_item()

    def set_shading(self, symptoms: Iterable[Symptom]) -> None:
        """Fill each zone that has symptoms with its kind's colour and pattern.

        With several kinds in one zone the most specific is shown (numbness >
        tingling > burning > pain > aching), outlined in the colour of the next one.
        """
        kinds: dict[str, list[str]] = {}
        for s in symptoms:
            side = vocab.MIDLINE if s.zone in vocab.MIDLINE_ZONES else s.side
            rid = f"zone:{s.zone}:{side}"
            bucket = kinds.setdefault(rid, [])
            if s.kind not in bucket:
                bucket.append(s.kind)
        old = self._zone_kinds
        self._zone_kinds = {rid: sorted(ks, key=_specificity_rank) for rid, ks in kinds.items()}
        # A click changes one zone: restyle the zones whose kinds changed, not all of them.
        changed = [
            rid
            for rid in old.keys() | self._zone_kinds.keys()
            if old.get(rid) != self._zone_kinds.get(rid)
        ]
        for rid in changed:
            item = self._zone_items.get(rid)
            if item is None:
                continue
            present = [k for k in self._zone_kinds.get(rid, []) if k in style.KIND_STYLES]
            if not present:
                item.clear_style()
                item.setToolTip("")
                continue
            primary = present[0]
            item.set_fill(style.base_brush(primary, 115))
            item.set_pattern(primary)
            if len(present) > 1:
                item.set_outline(style.kind_color(present[1]), 3.0, halo=True)
            else:
                item.set_outline(style.kind_color(primary).darker(150), 1.2)
            item.setToolTip(zone_name(*self._zone_of(rid)) + " · " + ", ".join(present))
        self._update_hover_text(None)

    def set_drawing(self, masks: Mapping[str, BoolArray]) -> None:
        """Show a free-hand drawing: kind → bool mask of the map's ``grid_shape``.

        Also removes the preview of the last stroke (the drawing now holds it).
        """
        rows, cols = self._map.grid_shape
        # Views are refreshed on every change; the drawing only when its masks did.
        key = tuple(sorted((k, id(m)) for k, m in masks.items()))
        if key == self._drawing_key:
            if self._stroke is None:
                self._preview.setVisible(False)
            return
        self._drawing_key = key
        self._drawing_masks = dict(masks)  # keep the arrays alive so ids stay unique
        bounds = drawing_bounds(masks, (rows, cols))
        if bounds is None:
            self._drawing.setPixmap(QPixmap())
        else:
            scale = float(getattr(self._map, "scale", 1.0))
            pixmap = QPixmap.fromImage(drawing_image(masks, (rows, cols), bounds))
            # one cell per 1/scale viewBox units: the pixel ratio maps cells onto units
            pixmap.setDevicePixelRatio(scale)
            vx, vy = self._map.viewbox[0], self._map.viewbox[1]
            self._drawing.setOffset(vx + bounds[1] / scale, vy + bounds[0] / scale)
            self._drawing.setPixmap(pixmap)
        if self._stroke is None:
            self._preview.setVisible(False)

    def set_dermatome_variant(self, variant: str | None) -> None:
        """Show the ``classic`` or ``lee2008`` dermatome map, or ``None`` to hide both.

        Root highlights and the hover text follow the variant (classic when hidden).
        """
        if variant is not None and variant not in VARIANTS:
            raise ValueError(f"unknown dermatome variant {variant!r}")
        self._variant = variant
        self._apply_layer_visibility()
        self._refresh_territories()
        self._update_hover_text(None)

    def set_labels_visible(self, visible: bool) -> None:
        """Show or hide the text labels of the artwork."""
        self._labels_visible = bool(visible)
        self._apply_layer_visibility()

    def set_key_points_visible(self, visible: bool) -> None:
        """Show or hide the key sensory points (ISNCSCI) of each dermatome."""
        self._key_points_visible = bool(visible)
        self._apply_layer_visibility()

    def highlight_roots(self, roots: Iterable[tuple[str, str]]) -> None:
        """Light up the dermatome of each ``(root, side)``; empty clears."""
        self._highlight = [(str(r), str(s)) for r, s in roots]
        self._refresh_territories()

    def set_imaging_roots(self, roots: Iterable[tuple[str, str]]) -> None:
        """Outline + hatch the territory of each ``(root, side)`` named by imaging."""
        self._imaging = [(str(r), str(s)) for r, s in roots]
        self._refresh_territories()

    def grab_image(self, width: int, height: int) -> QImage:
        """The whole map (both views, side labels included) in a ``width`` × ``height``
        image, independent of the current zoom."""
        cursor_visible = self._cursor.isVisible()
        self._cursor.setVisible(False)
        try:
            return self.render_scene(width, height)
        finally:
            self._cursor.setVisible(cursor_visible)

    # ------------------------------------------------------- peripheral nerves
    def nerve_names(self) -> list[str]:
        """The nerves the artwork can draw (its ``nerve:<name>:<side>`` groups), sorted."""
        names = {
            parts[1]
            for rid in self._map.regions
            if len(parts := rid.split(":")) == 3 and parts[0] == "nerve"
        }
        return sorted(names)

    def show_nerve(self, name: str | None, side: str | None = None) -> bool:
        """Draw one peripheral nerve on the body map, or clear it.

        ``name`` is a nerve id of the knowledge base (``common_peroneal``, ``tibial``,
        ``sciatic``, ``femoral``, ``lateral_femoral_cutaneous``, ``obturator``,
        ``saphenous``, ``superficial_peroneal``, ``deep_peroneal``, ``superior_gluteal``,
        ``inferior_gluteal``; :meth:`nerve_names` lists them). ``side`` is the patient's
        ``"left"`` or ``"right"``, or ``None`` for both legs. The nerve's skin territory
        is filled in translucent orange with a light hatch (on the views where that skin
        is seen: front, back, soles) and its course, from the spine to the site of the
        usual lesion and on to the skin, is drawn as a dark orange line; both sit above
        the patient's shading and below the root highlights, so the two can be compared.
        The gluteal nerves have no skin territory: only their course is drawn.

        One nerve at a time: showing another replaces it; ``show_nerve(None)`` clears.
        The items are built the first time a nerve is shown and reused afterwards.
        Returns ``True`` when something is drawn, ``False`` when cleared or when the
        artwork has no such nerve. Raises :class:`ValueError` for an unknown side.
        """
        if side is not None and side not in vocab.SIDES:
            raise ValueError(f"unknown side {side!r} (expected left, right or None)")
        for item in self._nerve_items.values():
            item.setVisible(False)
        self._nerve = None
        if not name:
            return False
        sides = vocab.SIDES if side is None else (side,)
        drawn = False
        for s in sides:
            for part in ("territory", "course"):
                made = self._nerve_item(f"nerve:{name}:{s}:{part}", name, s, part)
                if made is not None:
                    made.setVisible(True)
                    drawn = True
        if drawn:
            self._nerve = (name, side)
        return drawn

    def shown_nerve(self) -> tuple[str, str | None] | None:
        """``(name, side)`` of the nerve :meth:`show_nerve` draws, or ``None``."""
        return self._nerve

    def nerve_items(self) -> list[RegionItem]:
        """The visible scene items of the shown nerve (territories and courses)."""
        return [item for item in self._nerve_items.values() if item.isVisible()]

    def _nerve_item(self, rid: str, name: str, side: str, part: str) -> RegionItem | None:
        made = self._nerve_items.get(rid)
        if made is not None:
            return made
        region = self._map.regions.get(rid)
        if region is None or not len(region.polygons):
            return None
        item = RegionItem(region)
        item.setAcceptHoverEvents(False)
        color = QColor(NERVE_TERRITORY_COLOR)
        words = name.replace("_", " ")
        if part == "territory":
            item.setZValue(_Z["nerve"])
            fill = QColor(color)
            fill.setAlpha(70)
            item.set_fill(fill)
            item.set_pattern("hatch_light", QColor(NERVE_COURSE_COLOR))
            item.set_outline(QColor(NERVE_COURSE_COLOR), 2.0, Qt.PenStyle.DashLine, halo=True)
            item.setToolTip(f"Skin supplied by the {words} nerve (patient's {side})")
        else:
            item.setZValue(_Z["nerve"] + 0.5)
            item.set_fill(QColor(NERVE_COURSE_COLOR))
            # a cosmetic rim in its own colour keeps the thin course a solid line of at
            # least two pixels at the fitted zoom, with a white halo to lift it off the skin
            item.set_outline(QColor(NERVE_COURSE_COLOR), 1.6, halo=True)
            item.setToolTip(f"Course of the {words} nerve (patient's {side})")
        self._scene.addItem(item)
        self._nerve_items[rid] = item
        return item

    # ----------------------------------------------------------- territories
    def _prefix(self) -> str:
        return VARIANTS[self._variant or "classic"][1]

    def _territory_item(self, rid: str, purpose: str) -> RegionItem | None:
        key = (purpose, rid)
        item = self._derm_items.get(key)
        if item is None:
            region = self._map.regions.get(rid)
            if region is None or not len(region.polygons):
                return None
            item = RegionItem(region)
            item.setAcceptHoverEvents(False)
            item.setZValue(_Z[purpose])
            self._scene.addItem(item)
            self._derm_items[key] = item
        return item

    def _territory_items(self, roots: list[tuple[str, str]], purpose: str) -> list[RegionItem]:
        prefix = self._prefix()
        out = []
        for root, side in roots:
            item = self._derm_items.get((purpose, f"{prefix}:{root}:{side}"))
            if item is not None and item.isVisible():
                out.append(item)
        return out

    def _refresh_territories(self) -> None:
        for derm_item in self._derm_items.values():
            derm_item.setVisible(False)
        for text in self._highlight_text:
            self._scene.removeItem(text)
        self._highlight_text = []
        prefix = self._prefix()
        for root, side in self._imaging:
            im_item = self._territory_item(f"{prefix}:{root}:{side}", "imaging")
            if im_item is None:
                continue
            im_item.set_fill(None)
            im_item.set_pattern("hatch_light", QColor(style.IMAGING_COLOR))
            im_item.set_outline(
                QColor(style.IMAGING_COLOR), 2.5, Qt.PenStyle.DashDotLine, halo=True
            )
            im_item.setToolTip(f"{root} territory (patient's {side}) — named in the imaging report")
            im_item.setVisible(True)
        for root, side in self._highlight:
            rid = f"{prefix}:{root}:{side}"
            item = self._territory_item(rid, "highlight")
            if item is None:
                continue
            color = style.root_color(root)
            item.set_fill(style.root_color(root, 55))
            item.set_outline(color.darker(125), 3.0, halo=True)
            item.setToolTip(f"{root} territory (patient's {side})")
            item.setVisible(True)
            self._label_territory(rid, root, color)

    def _label_territory(self, rid: str, root: str, color: QColor) -> None:
        """Put the root's name inside each sizeable part of its territory."""
        region = self._map.regions.get(rid)
        if region is None:
            return
        path = self._derm_items[("highlight", rid)].path()
        # one label per view and per enlarged foot: on the largest part of each
        vx, _, vw, _ = self._map.viewbox
        best: dict[tuple[int, bool], tuple[float, QPointF]] = {}
        for poly in region.polygons:
            pts = np.asarray(poly, dtype=np.float64)
            if len(pts) < 3:
                continue
            x, y = pts[:, 0], pts[:, 1]
            area = 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
            spot = QPointF(float(x.mean()), float(y.mean()))
            if area < 300 or not path.contains(spot):
                continue
            half = 0 if spot.x() < vx + vw / 2 else 1
            key = (half, self._on_figure(spot))
            if key not in best or area > best[key][0]:
                best[key] = (area, spot)
        spots = [spot for _, spot in best.values()]
        if not spots:
            cx, cy = region.center
            spots.append(QPointF(float(cx), float(cy)))
        font = QFont()
        font.setPixelSize(14)
        font.setBold(True)
        for spot in spots:
            halo = QGraphicsSimpleTextItem(root)
            halo.setFont(font)
            pen = QPen(QColor(255, 255, 255, 240), 3.0)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            halo.setPen(pen)
            halo.setBrush(QColor(255, 255, 255))
            text = QGraphicsSimpleTextItem(root)
            text.setFont(font)
            text.setBrush(color.darker(170))
            br = text.boundingRect()
            for t in (halo, text):
                # a fixed on-screen size at every zoom, centred on the spot
                t.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
                t.setTransform(QTransform.fromTranslate(-br.width() / 2, -br.height() / 2))
                t.setPos(spot)
                t.setZValue(_Z["highlight_text"] + (0.1 if t is text else 0.0))
                t.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                self._scene.addItem(t)
                self._highlight_text.append(t)

    # ------------------------------------------------------------------ hover
    @staticmethod
    def _zone_of(rid: str) -> tuple[str, str]:
        parts = rid.split(":")
        return parts[1], parts[2] if len(parts) > 2 else vocab.MIDLINE

    def zone_at(self, x: float, y: float) -> tuple[str, str] | None:
        """``(zone, side)`` at viewBox point (x, y), the smallest if zones overlap."""
        try:
            ids = [i for i in self._map.hit(x, y, "zones") if i.startswith("zone:")]
        except KeyError:
            return None
        if not ids:
            return None
        best = min(ids, key=lambda i: self._map.regions[i].area)
        return self._zone_of(best)

    def roots_at(self, x: float, y: float) -> list[tuple[str, str]]:
        """``(root, side)`` of the dermatomes (active variant) at (x, y), cranial first."""
        group, prefix = VARIANTS[self._variant or "classic"]
        try:
            ids = self._map.hit(x, y, group)
        except KeyError:
            return []
        out: list[tuple[str, str]] = []
        for rid in ids:
            parts = rid.split(":")
            if len(parts) == 3 and parts[0] == prefix:
                out.append((parts[1], parts[2]))
        return sorted(set(out), key=lambda rs: (_root_rank(rs[0]), rs[1]))

    def describe_point(self, x: float, y: float) -> str:
        """The hover text at viewBox point (x, y) (see :attr:`sig_hover_changed`)."""
        zone = self.zone_at(x, y)
        roots = self.roots_at(x, y)
        parts: list[str] = []
        side = zone[1] if zone else None
        if zone is not None:
            parts.append(zone_name(*zone))
        elif roots:
            sides = sorted({s for _, s in roots})
            parts.append(" and ".join(f"Patient's {s}" for s in sides))
        if roots:
            names = [r for r, s in roots if side in (None, vocab.MIDLINE) or s == side]
            names = list(dict.fromkeys(names))
            if names:
                label = "dermatome " if len(names) == 1 else "dermatomes "
                parts.append(label + ", ".join(names))
        if zone is not None:
            kinds = self._zone_kinds.get(f"zone:{zone[0]}:{zone[1]}")
            if kinds:
                parts.append("marked: " + ", ".join(kinds))
        return " · ".join(parts)

    def _update_hover_text(self, scene_pos: QPointF | None) -> None:
        if scene_pos is None:
            if self._hover_zone is None and not self._hover_text:
                return
            pos = self.mapToScene(self.viewport().mapFromGlobal(self.cursor().pos()))
            if not self.viewport().rect().contains(self.mapFromScene(pos)):
                return
            scene_pos = pos
        text = self.describe_point(scene_pos.x(), scene_pos.y())
        if self._tool == "zone":
            zone = self.zone_at(scene_pos.x(), scene_pos.y())
            self._set_hover_zone(self.zone_item(*zone) if zone else None)
        if text != self._hover_text:
            self._hover_text = text
            self.sig_hover_changed.emit(text)

    def hover_text(self) -> str:
        """The last text sent by :attr:`sig_hover_changed`."""
        return self._hover_text

    def _set_hover_zone(self, item: RegionItem | None) -> None:
        if item is self._hover_zone:
            return
        if self._hover_zone is not None:
            self._hover_zone.set_hover_outline(None)
        self._hover_zone = item
        if item is not None:
            item.set_hover_outline(QColor(20, 20, 20, 230), 2.0)
            item.set_hovered(True)

    # ----------------------------------------------------------------- cursor
    def _update_cursor_item(self) -> None:
        r = self._radius
        self._cursor.setRect(QRectF(-r, -r, 2 * r, 2 * r))
        if self._tool == "eraser":
            pen = QPen(QColor(40, 40, 40), 1.5, Qt.PenStyle.DashLine)
            self._cursor.setBrush(QColor(255, 255, 255, 90))
        else:
            pen = QPen(style.kind_color(self._kind).darker(150), 1.5)
            self._cursor.setBrush(style.kind_color(self._kind, 60))
        pen.setCosmetic(True)
        self._cursor.setPen(pen)
        if self._tool == "zone":
            self._cursor.setVisible(False)

    def restore_cursor(self) -> None:
        if self._tool == "zone":
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def space_changed(self, down: bool) -> None:
        if down:
            self._cursor.setVisible(False)

    def leaveEvent(self, event: QEvent) -> None:
        self._cursor.setVisible(False)
        self._set_hover_zone(None)
        if self._hover_text:
            self._hover_text = ""
            self.sig_hover_changed.emit("")
        super().leaveEvent(event)

    # ----------------------------------------------------------------- stroke
    def _cancel_stroke(self) -> None:
        self._stroke = None
        self._preview.setVisible(False)

    def _start_stroke(self, pos: QPointF) -> None:
        self._stroke = [(pos.x(), pos.y())]
        erase = self._tool == "eraser"
        color = QColor(255, 255, 255, 170) if erase else style.kind_color(self._kind, 150)
        pen = QPen(color, 2 * self._radius)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._preview.setPen(pen)
        self._preview.setPath(self._stroke_path())
        self._preview.setVisible(True)

    def _stroke_path(self) -> QPainterPath:
        path = QPainterPath()
        if not self._stroke:
            return path
        x0, y0 = self._stroke[0]
        path.moveTo(x0, y0)
        if len(self._stroke) == 1:
            path.lineTo(x0 + 0.01, y0)  # a dot still shows with a round cap
        for x, y in self._stroke[1:]:
            path.lineTo(x, y)
        return path

    def _extend_stroke(self, pos: QPointF) -> None:
        if self._stroke is None:
            return
        lx, ly = self._stroke[-1]
        if math.hypot(pos.x() - lx, pos.y() - ly) < 0.5:
            return
        self._stroke.append((pos.x(), pos.y()))
        self._preview.setPath(self._stroke_path())

    def _finish_stroke(self) -> None:
        if self._stroke is None:
            return
        stroke = BrushStroke(
            kind=self._kind,
            erase=self._tool == "eraser",
            radius=self._radius,
            points=tuple((round(x, 2), round(y, 2)) for x, y in self._stroke),
        )
        self._stroke = None
        self.sig_stroke_finished.emit(stroke)

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self.wants_pan(event):
            self._cursor.setVisible(False)
            super().mousePressEvent(event)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        event.accept()
        if self._tool == "zone":
            self._press_pos = event.position()
        else:
            self._start_stroke(self._scene_point(event))

    def _scene_point(self, event: QMouseEvent) -> QPointF:
        """The event position in scene (viewBox) units, without rounding to pixels."""
        inverted, ok = self.viewportTransform().inverted()
        if not ok:
            return self.mapToScene(event.position().toPoint())
        return inverted.map(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.is_panning():
            super().mouseMoveEvent(event)
            return
        scene_pos = self._scene_point(event)
        if self._tool == "zone" and self._press_pos is not None:
            if (event.position() - self._press_pos).manhattanLength() > 6:
                self.start_pan(self._press_pos.toPoint())
                self._press_pos = None
                self.pan_to(event.position().toPoint())
                return
        if self._tool != "zone" and not self._space_down:
            self._cursor.setPos(scene_pos)
            self._cursor.setVisible(True)
            if self._stroke is not None:
                self._extend_stroke(scene_pos)
        self._update_hover_text(scene_pos)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.is_panning():
            super().mouseReleaseEvent(event)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        event.accept()
        if self._tool == "zone":
            press, self._press_pos = self._press_pos, None
            if press is None:
                return
            pos = self._scene_point(event)
            zone = self.zone_at(pos.x(), pos.y())
            if zone is not None:
                self.sig_zone_clicked.emit(zone[0], zone[1])
            return
        if self._stroke is not None:
            self._extend_stroke(self._scene_point(event))
            self._finish_stroke()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._stroke is not None:
            self._cancel_stroke()
            event.accept()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = self.mapToScene(event.pos())
            text = self.describe_point(pos.x(), pos.y())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # ----------------------------------------------------------- labels
    def labels(self) -> PinnedLabels:
        """The drawing's words (titles, side captions, the feet's titles), drawn
        readable by the view."""
        return self._pins

    def label_rect(self, key: str) -> QRectF | None:
        """Where a drawn label sits in viewport pixels (None: not drawn)."""
        item = self._pins.item(key)
        if item is None or not item.isVisible():
            return None
        return item.deviceTransform(self.viewportTransform()).mapRect(item.boundingRect())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._pins.layout()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._pins.layout()

    def zoom_fit(self) -> None:
        super().zoom_fit()
        self._pins.layout()

    def _zoom_by(self, factor: float, *, anchor_under_mouse: bool) -> None:
        super()._zoom_by(factor, anchor_under_mouse=anchor_under_mouse)
        self._pins.layout()

    def render_scene(self, width: int, height: int, *, labels: bool = True) -> QImage:
        """The whole map drawn into an image, with the artwork's own words (sized with
        the picture) instead of the view's screen-sized ones."""
        keys = self._pins.visible_keys()
        shown = [item for k in keys if (item := self._pins.item(k)) is not None]
        for item in shown:
            item.setVisible(False)
        art = self._add_art("labels") if self._labels_visible else None
        if art is not None:
            art.setVisible(True)
        try:
            return super().render_scene(width, height, labels=labels)
        finally:
            if art is not None:
                art.setVisible(False)
            for item in shown:
                item.setVisible(True)

    # ----------------------------------------------------------- orientation
    def orientation_bands(self) -> list[OrientationBand]:
        """Front view (left half): patient's right on the viewer's left; back view
        (right half): patient's left on the viewer's left. Each band spans its figure,
        so the labels sit beside the body they describe, just under the view's title
        (never over it)."""
        if self._bands is None:
            self._bands = self._figure_rects()
        front, back = self._bands
        zoomed = not self._fitted  # the artwork's own "Front"/"Back" titles scroll away
        bands = []
        for rect, view, left, right in (
            (front, "front", "◀ Patient's RIGHT", "Patient's LEFT ▶"),
            (back, "back", "◀ Patient's LEFT", "Patient's RIGHT ▶"),
        ):
            anchors = None
            below = self._title_bottom(view)
            if below is not None:
                font = QFont(self.font())
                font.setBold(True)
                half = (QFontMetricsF(font).height() + 8) / 2  # the badge's half height
                y = self.mapToScene(0, round(below + 6 + half)).y()
                anchors = (QPointF(rect.left(), y), QPointF(rect.right(), y))
            title = view.upper() if zoomed and below is None else ""  # once out of sight
            bands.append(OrientationBand(rect, left, right, title, anchors))
        return bands

    def _title_bottom(self, view: str) -> float | None:
        """The lowest viewport y of a view's drawn title and subtitle (None: neither
        is in sight)."""
        rects = [
            r
            for key in (f"label:title:{view}", f"label:subtitle:{view}")
            if (r := self.label_rect(key)) is not None
            and r.bottom() > 0
            and r.top() < self.viewport().height()
        ]
        return max(r.bottom() for r in rects) if rects else None

    def _figure_outlines(self) -> list[QPolygonF]:
        """The outline of each whole figure (the biggest silhouette part of each half;
        the enlarged feet are smaller parts)."""
        if self._outlines is None:
            vx, _, vw, _ = self._map.viewbox
            polys = [np.asarray(p) for r in self._layer("silhouette") for p in r.polygons]
            outlines = []
            for left in (True, False):
                mine = [p for p in polys if (float(p[:, 0].mean()) < vx + vw / 2) == left]
                if mine:
                    big = max(mine, key=lambda p: float(np.ptp(p[:, 1])))
                    xy = np.asarray(big, dtype=np.float64)  # filled from numpy, not point by point
                    outlines.append(QPolygonF(arrayToQPolygonF(xy[:, 0], xy[:, 1])))
            self._outlines = outlines
        return self._outlines

    def _on_figure(self, point: QPointF) -> bool:
        """Whether ``point`` lies on one of the two figures (not on an enlarged foot)."""
        return any(o.containsPoint(point, Qt.FillRule.OddEvenFill) for o in self._figure_outlines())

    def _figure_rects(self) -> tuple[QRectF, QRectF]:
        vx, vy, vw, vh = self._map.viewbox
        half = vw / 2.0
        rects = [QRectF(vx, vy, half, vh), QRectF(vx + half, vy, half, vh)]
        out = []
        for rect in rects:
            # each band spans its figure's outline (not the enlarged feet), plus a margin
            mine = [o.boundingRect() for o in self._figure_outlines()]
            mine = [b for b in mine if rect.contains(b.center())]
            if not mine:
                out.append(rect)
                continue
            x0 = max(rect.left(), min(b.left() for b in mine) - 40)
            x1 = min(rect.right(), max(b.right() for b in mine) + 40)
            out.append(QRectF(x0, vy, x1 - x0, vh))
        return out[0], out[1]


def _svg_texts(path: str) -> list[SvgText]:
    """The ``<text>`` elements of the body-map drawing."""
    from pathlib import Path

    try:
        return split_svg_text(Path(path).read_bytes())[1]
    except OSError:
        return []


def _label_priority(text: SvgText) -> int | None:
    """Which words of the drawing win a place on screen (lower first)."""
    key = text.ident or ""
    for prefix, rank in (
        ("label:title:", 0),
        ("label:side:", 1),
        ("label:subtitle:", 2),
        ("label:inset:", 3),
    ):
        if key.startswith(prefix):
            return rank + (3 if key.endswith(":note") else 0)
    return None


_ROOT_ORDER = {
    r: i
    for i, r in enumerate(
        [
            *(f"C{i}" for i in range(2, 9)),
            *(f"T{i}" for i in range(1, 13)),
            *(f"L{i}" for i in range(1, 6)),
            *(f"S{i}" for i in range(1, 6)),
            "S4_5",
        ]
    )
}


def _specificity_rank(kind: str) -> int:
    return style.SPECIFICITY.index(kind) if kind in style.SPECIFICITY else 99


def _root_rank(root: str) -> int:
    return _ROOT_ORDER.get(root, 999)
