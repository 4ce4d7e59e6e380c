"""Scene items for the named regions of the SVG artwork.

:func:`qpainterpath` turns a :class:`radviz.anatomy.geometry.Region` (polygons in viewBox
units) into a :class:`QPainterPath` with the region's SVG fill rule, and
:class:`RegionItem` draws one region with an optional translucent fill, a pattern of a
fixed on-screen size, an outline (optionally over a white halo for contrast) and a
hover outline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from pyqtgraph.functions import arrayToQPolygonF
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from radviz.ui import style

if TYPE_CHECKING:
    from radviz.anatomy.geometry import Region

__all__ = [
    "OrientationBand",
    "RegionItem",
    "ZoomableView",
    "qpainterpath",
    "region_side",
    "split_id",
    "svg_layer_item",
]

_PATH_CACHE: dict[tuple[str, int], QPainterPath] = {}


def qpainterpath(region: Region) -> QPainterPath:
    """The outline of ``region`` as a path in viewBox units (cached per region).

    SVG's default fill rule is ``nonzero`` (Qt: :attr:`Qt.FillRule.WindingFill`) while
    a :class:`QPainterPath` defaults to odd-even; the region's own rule is kept, so
    holes and overlapping sub-paths fill the way the artwork does.
    """
    key = (region.id, id(region))
    cached = _PATH_CACHE.get(key)
    if cached is not None:
        return QPainterPath(cached)
    path = QPainterPath()
    rule = getattr(region, "fill_rule", "nonzero")
    path.setFillRule(Qt.FillRule.OddEvenFill if rule == "evenodd" else Qt.FillRule.WindingFill)
    for poly in region.polygons:
        if len(poly) < 2:
            continue
        xy = np.asarray(poly, dtype=np.float64)
        # pyqtgraph fills the polygon's buffer from numpy: ~20x faster than QPointFs.
        path.addPolygon(arrayToQPolygonF(xy[:, 0], xy[:, 1]))
        path.closeSubpath()
    _PATH_CACHE[key] = path
    return QPainterPath(path)


def svg_layer_item(renderer: QSvgRenderer, element_id: str, z: float) -> QGraphicsSvgItem | None:
    """One group of the artwork drawn by a shared renderer, placed where the SVG puts it
    (viewBox units), cached as a picture at the view's scale and deaf to the mouse.
    ``None`` when the SVG has no such group; the caller adds the item to its scene."""
    if not renderer.elementExists(element_id):
        return None
    item = QGraphicsSvgItem()
    item.setSharedRenderer(renderer)
    item.setElementId(element_id)
    bounds = renderer.transformForElement(element_id).mapRect(renderer.boundsOnElement(element_id))
    item.setPos(bounds.topLeft())
    item.setZValue(z)
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)
    return item


def split_id(region_id: str) -> list[str]:
    """``"zone:thigh_lateral:left"`` → ``["zone", "thigh_lateral", "left"]``."""
    return region_id.split(":")


def region_side(region_id: str) -> str | None:
    """The side named in a region id (``left``/``right``/``midline``), if any."""
    for part in split_id(region_id)[1:]:
        if part in ("left", "right", "midline"):
            return part
    return None


def _world_scale(painter: QPainter) -> float:
    t = painter.worldTransform()
    sx = (t.m11() ** 2 + t.m12() ** 2) ** 0.5
    sy = (t.m21() ** 2 + t.m22() ** 2) ** 0.5
    return max(1e-6, float(sx + sy) / 2.0)


def _device_ratio(painter: QPainter) -> float:
    device = painter.device()
    if device is None:
        return 1.0
    try:
        return float(device.devicePixelRatioF())
    except AttributeError:  # pragma: no cover - every paint device has it
        return 1.0


class RegionItem(QGraphicsPathItem):
    """One named region, transparent until styled.

    The path is computed once (see :func:`qpainterpath`); styling only changes what
    :meth:`paint` draws. Outlines are cosmetic (device pixels) and patterns keep a
    fixed on-screen size, so both read the same at every zoom. ``region_id`` holds the
    artwork id (``zone:heel:left``); ``data`` is free for the owner.
    """

    _MARGIN = 12.0  # scene units around the path that cosmetic outlines (and halo) may reach

    def __init__(
        self,
        region: Region | QPainterPath,
        region_id: str | None = None,
        parent: QGraphicsItem | None = None,
    ) -> None:
        path = region if isinstance(region, QPainterPath) else qpainterpath(region)
        super().__init__(path, parent)
        self.region_id: str = region_id if region_id is not None else getattr(region, "id", "")
        self.data_: Any = None
        self._fill: QBrush | None = None
        self._pattern: tuple[str, str] | None = None  # (texture, colour)
        self._pen: QPen | None = None
        self._halo = False
        self._hover_pen: QPen | None = None
        self._hovered = False
        self._held: tuple[object, ...] | None = None  # the style before hold()
        self._bounds = path.boundingRect().adjusted(
            -self._MARGIN, -self._MARGIN, self._MARGIN, self._MARGIN
        )
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Most regions are transparent most of the time: tell the view, so it never calls
        # paint() (Python) for them. See _sync_contents.
        self._empty = True
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        # Each styled region keeps its drawing as a pixmap at the view's scale: a click
        # repaints the one region that changed and blits its neighbours, instead of
        # stroking every antialiased outline under the dirty area again (bench: the body
        # map's repaint per click 5.5 -> 0.8 ms; images identical, tests/ui/reference).
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def _sync_contents(self) -> None:
        """Repaint after a style change, and keep ItemHasNoContents true to the style."""
        empty = not (self.is_styled() or (self._hover_pen is not None and self._hovered))
        if empty == self._empty:
            if not empty:
                self.update()
            return
        self._empty = empty
        if empty:
            # An item with no contents is not repainted when marked dirty: clear the
            # area it used to cover through the scene instead.
            scene = self.scene()
            if scene is not None:
                scene.update(self.sceneBoundingRect())
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        else:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
            self.update()

    # ------------------------------------------------------------------ styling
    def _restyle(self, **changes: Any) -> None:
        """Set style attributes; repaint only if something actually changed.

        Views restyle every item on each model update; skipping no-op updates keeps
        repaints (the costly part of a click) to what really changed.
        """
        changed = False
        for name, value in changes.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        if changed and self._held is None:
            self._sync_contents()

    def hold(self) -> None:
        """Start a restyle from scratch (:meth:`clear_style`, then the new style) whose
        repaint waits for :meth:`release`: an item that ends as it began keeps its cached
        drawing and is not repainted."""
        if self._held is None:
            self._held = (self._fill, self._pattern, self._pen, self._halo)

    def release(self) -> None:
        """End :meth:`hold`: repaint if the style differs from the one held."""
        held, self._held = self._held, None
        if held is not None and held != (self._fill, self._pattern, self._pen, self._halo):
            self._sync_contents()

    def set_fill(self, color: QColor | QBrush | None) -> None:
        """Fill (usually translucent); ``None`` for none."""
        self._restyle(_fill=None if color is None else QBrush(color))

    def set_pattern(self, texture: str | None, color: QColor | str | None = None) -> None:
        """Draw a named pattern tile over the fill.

        ``texture`` is a symptom kind (``burning``), one of the tiles of
        :mod:`radviz.ui.style` (``diagonal``, ``lines``, ``crosshatch``, ``dots``,
        ``hatch_light``) or ``None``.
        """
        if texture is None:
            self._restyle(_pattern=None)
            return
        kind_style = style.KIND_STYLES.get(texture)
        if kind_style is not None:
            if kind_style.texture == "solid":
                self._restyle(_pattern=None)
                return
            ink = QColor(kind_style.color).darker(135)
            texture = kind_style.texture
        else:
            ink = QColor(style.IMAGING_COLOR)
        if color is not None:
            ink = QColor(color)
        self._restyle(_pattern=(texture, ink.name()))

    def set_outline(
        self,
        color: QColor | None,
        width: float = 2.0,
        pen_style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        *,
        halo: bool = False,
    ) -> None:
        """Cosmetic outline ``width`` pixels wide; ``halo`` adds a white rim under it."""
        pen: QPen | None = None
        if color is not None:
            pen = QPen(color, width)
            pen.setCosmetic(True)
            pen.setStyle(pen_style)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._restyle(_pen=pen, _halo=halo)

    def set_outline_pen(self, pen: QPen | None, *, halo: bool = False) -> None:
        """Use ``pen`` (made cosmetic) as the outline."""
        if pen is not None:
            pen = QPen(pen)
            pen.setCosmetic(True)
        self._restyle(_pen=pen, _halo=halo)

    def set_hover_outline(self, color: QColor | None, width: float = 2.0) -> None:
        """Outline drawn while the pointer is over the item (``None``: no feedback)."""
        if color is None:
            self._hover_pen = None
        else:
            pen = QPen(color, width)
            pen.setCosmetic(True)
            self._hover_pen = pen
        self._sync_contents()

    def set_hovered(self, hovered: bool) -> None:
        """Show the hover outline as if the pointer were over the item."""
        if hovered != self._hovered:
            self._hovered = hovered
            self._sync_contents()

    def clear_style(self) -> None:
        """Back to transparent (hover feedback is kept)."""
        self._restyle(_fill=None, _pattern=None, _pen=None, _halo=False)

    def is_styled(self) -> bool:
        """True when anything but the hover outline is drawn."""
        return self._fill is not None or self._pattern is not None or self._pen is not None

    def fill_color(self) -> QColor | None:
        """The fill colour, if any (for tests and legends)."""
        return None if self._fill is None else QColor(self._fill.color())

    def pattern(self) -> tuple[str, str] | None:
        """``(texture, colour)`` of the pattern, if any."""
        return self._pattern

    def outline_pen(self) -> QPen | None:
        """The outline pen, if any."""
        return None if self._pen is None else QPen(self._pen)

    # ------------------------------------------------------------- QGraphicsItem
    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def setPath(self, path: QPainterPath) -> None:
        self.prepareGeometryChange()
        self._bounds = path.boundingRect().adjusted(
            -self._MARGIN, -self._MARGIN, self._MARGIN, self._MARGIN
        )
        super().setPath(path)

    def shape(self) -> QPainterPath:
        return self.path()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        hover = self._hover_pen is not None and self._hovered
        if not (self.is_styled() or hover):
            return
        path = self.path()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._fill is not None:
            painter.fillPath(path, self._fill)
        if self._pattern is not None:
            texture, ink = self._pattern
            painter.fillPath(
                path,
                style.texture_brush(texture, ink, _world_scale(painter), _device_ratio(painter)),
            )
        if self._pen is not None:
            if self._halo:
                halo = QPen(QColor(255, 255, 255, 220), self._pen.widthF() + 3.0)
                halo.setCosmetic(True)
                halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.strokePath(path, halo)
            painter.strokePath(path, self._pen)
        if hover and self._hover_pen is not None:
            painter.strokePath(path, self._hover_pen)
        painter.restore()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        if self._hover_pen is not None:
            self._sync_contents()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        if self._hover_pen is not None:
            self._sync_contents()
        super().hoverLeaveEvent(event)


# ------------------------------------------------------------------- zoomable view
class OrientationBand:
    """A part of the scene with a title and the patient's sides at its two edges.

    ``left``/``right`` are the texts shown at the viewer's left and right edge of
    ``rect`` (scene units), for example ``"Patient's RIGHT"`` over a front view.
    ``anchors`` optionally gives the scene points to centre the two labels on (for
    example over the artwork's own, smaller side labels); they are kept inside the
    visible part of the band.
    """

    __slots__ = ("anchors", "left", "rect", "right", "title")

    def __init__(
        self,
        rect: QRectF,
        left: str,
        right: str,
        title: str = "",
        anchors: tuple[QPointF, QPointF] | None = None,
    ) -> None:
        self.rect = QRectF(rect)
        self.left = left
        self.right = right
        self.title = title
        self.anchors = anchors


class ZoomableView(QGraphicsView):
    """A view over a fixed-size scene with fit/zoom/pan and pinned orientation labels.

    * Ctrl + wheel (or a pinch) zooms under the pointer; ``+``/``-`` zoom, ``0`` fits.
    * Middle-drag or Space + left-drag pans (subclasses may pan on other drags).
    * While the view is "fitted" it refits on resize.
    * :meth:`orientation_bands` names the sides of each part of the scene; they are
      drawn pinned to the top of the viewport, so they stay readable at any zoom.
    """

    ZOOM_STEP = 1.25
    MAX_ZOOM = 12.0  # relative to the fitted scale

    def __init__(self, scene_rect: QRectF, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scene = QGraphicsScene(QRectF(scene_rect), self)  # the view keeps it alive
        self._scene.setBackgroundBrush(QColor("white"))
        self.setScene(self._scene)
        self.setSceneRect(QRectF(scene_rect))
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._fitted = True
        self._space_down = False
        self._pan_from: QPoint | None = None
        self._show_orientation = True
        self.setMinimumSize(240, 200)

    # ------------------------------------------------------------------- zoom
    def scene_(self) -> QGraphicsScene:
        """The scene (kept as an attribute: a view does not own its scene)."""
        return self._scene

    def current_scale(self) -> float:
        """Scale from scene units to logical viewport pixels."""
        return float(self.transform().m11())

    def _fit_scale(self) -> float:
        rect = self.sceneRect()
        vp = self.viewport().rect()
        if rect.isEmpty() or vp.isEmpty():
            return 1.0
        return min((vp.width() - 2) / rect.width(), (vp.height() - 2) / rect.height())

    def zoom_fit(self) -> None:
        """Show the whole scene."""
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted = True
        self.viewport().update()

    def zoom_in(self) -> None:
        """Zoom in one step around the centre of the view."""
        self._zoom_by(self.ZOOM_STEP, anchor_under_mouse=False)

    def zoom_out(self) -> None:
        """Zoom out one step around the centre of the view (never below fitted)."""
        self._zoom_by(1.0 / self.ZOOM_STEP, anchor_under_mouse=False)

    def _zoom_by(self, factor: float, *, anchor_under_mouse: bool) -> None:
        fit = self._fit_scale()
        current = self.current_scale()
        target = min(max(current * factor, fit), fit * self.MAX_ZOOM)
        if target <= fit * 1.0001:
            self.zoom_fit()
            return
        if abs(target - current) < 1e-9:
            return
        old = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(target / current, target / current)
        self.setTransformationAnchor(old)
        self._fitted = False
        self.viewport().update()

    # ------------------------------------------------------------------ events
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted or self.current_scale() < self._fit_scale():
            self.zoom_fit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._fitted:
            self.zoom_fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y() or event.pixelDelta().y()
            if delta:
                self._zoom_by(1.0015**delta, anchor_under_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)
        self.viewport().update()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self._zoom_by(1.0 + event.value(), anchor_under_mouse=True)
                return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.zoom_fit()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            if self._pan_from is None:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            self.space_changed(True)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            if self._pan_from is None:
                self.restore_cursor()
            self.space_changed(False)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: Any) -> None:
        if self._space_down:
            self._space_down = False
            self.restore_cursor()
        super().focusOutEvent(event)

    # ----------------------------------------------------------------- panning
    def wants_pan(self, event: QMouseEvent) -> bool:
        """Whether a press starts panning (middle button, or Space + left button)."""
        return event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_down
        )

    def start_pan(self, pos: QPoint) -> None:
        """Start dragging the view from viewport position ``pos``."""
        self._pan_from = QPoint(pos)
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def pan_to(self, pos: QPoint) -> None:
        """Continue a drag started with :meth:`start_pan`."""
        if self._pan_from is None:
            return
        delta = pos - self._pan_from
        self._pan_from = QPoint(pos)
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() - delta.x())
        v.setValue(v.value() - delta.y())
        self.viewport().update()

    def end_pan(self) -> None:
        """Finish a drag."""
        self._pan_from = None
        if self._space_down:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.restore_cursor()

    def is_panning(self) -> bool:
        """True while a drag is moving the view."""
        return self._pan_from is not None

    def restore_cursor(self) -> None:
        """Set the cursor of the current mode (subclasses override)."""
        self.viewport().unsetCursor()

    def space_changed(self, down: bool) -> None:
        """Called when Space is pressed or released (subclasses may react)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.wants_pan(event):
            self.start_pan(event.position().toPoint())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self.pan_to(event.position().toPoint())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self.end_pan()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ------------------------------------------------------- orientation labels
    def orientation_bands(self) -> list[OrientationBand]:
        """Parts of the scene whose sides are labelled (subclasses override)."""
        return []

    def set_orientation_visible(self, visible: bool) -> None:
        """Show or hide the pinned side labels."""
        self._show_orientation = bool(visible)
        self.viewport().update()

    def orientation_label_boxes(self) -> list[tuple[QRectF, str]]:
        """The side labels drawn over the viewport (viewport pixels, words)."""
        if not self._show_orientation:
            return []
        return orientation_label_boxes(
            self.orientation_bands(),
            lambda r: QRectF(self.mapFromScene(r).boundingRect()),
            QRectF(self.viewport().rect()),
            self.font(),
        )

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        super().drawForeground(painter, rect)
        if not self._show_orientation:
            return
        painter.save()
        painter.resetTransform()
        vp = QRectF(self.viewport().rect())
        draw_orientation_labels(
            painter,
            self.orientation_bands(),
            lambda r: QRectF(self.mapFromScene(r).boundingRect()),
            vp,
            self.font(),
        )
        painter.restore()

    def render_scene(self, width: int, height: int, *, labels: bool = True) -> QImage:
        """The whole scene drawn into a ``width`` × ``height`` image (white background)."""
        width, height = max(1, int(width)), max(1, int(height))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        source = self.sceneRect()
        scale = min(width / source.width(), height / source.height())
        target = QRectF(
            (width - source.width() * scale) / 2,
            (height - source.height() * scale) / 2,
            source.width() * scale,
            source.height() * scale,
        )
        self._scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        if labels and self._show_orientation:

            def to_image(r: QRectF) -> QRectF:
                return QRectF(
                    target.x() + (r.x() - source.x()) * scale,
                    target.y() + (r.y() - source.y()) * scale,
                    r.width() * scale,
                    r.height() * scale,
                )

            font = QFont(self.font())
            font.setPixelSize(max(9, round(13 * min(1.0, width / 1000))))
            draw_orientation_labels(
                painter, self.orientation_bands(), to_image, QRectF(0, 0, width, height), font
            )
        painter.end()
        return image


def draw_orientation_labels(
    painter: QPainter,
    bands: list[OrientationBand],
    to_device: Any,
    viewport: QRectF,
    font: QFont,
) -> None:
    """Draw each band's side labels pinned to the top of its visible part.

    ``to_device`` maps a scene rectangle to device (viewport/image) coordinates. Labels
    shrink to ``R``/``L`` when the visible part is narrow, and are skipped when it is
    too narrow to hold even that.
    """
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    f = _badge_font(font)
    painter.setFont(f)
    for box, text in orientation_label_boxes(bands, to_device, viewport, f):
        painter.setPen(QPen(QColor(40, 45, 50, 200), 1))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor(25, 30, 35))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _badge_font(font: QFont) -> QFont:
    f = QFont(font)
    f.setBold(True)
    if f.pixelSize() <= 0:
        f.setPointSizeF(max(8.0, f.pointSizeF()))
    return f


def orientation_label_boxes(
    bands: list[OrientationBand], to_device: Any, viewport: QRectF, font: QFont
) -> list[tuple[QRectF, str]]:
    """Where :func:`draw_orientation_labels` draws each badge, and its words."""
    fm = QFontMetricsF(_badge_font(font))
    pad = 4.0
    out: list[tuple[QRectF, str]] = []
    for band in bands:
        area = to_device(band.rect).intersected(viewport)
        if area.width() < 40 or area.height() < 40:
            continue
        y = area.top() + 4
        h = fm.height() + 2 * pad
        texts = [band.left, band.right]
        widths = [fm.horizontalAdvance(t) + 2 * pad for t in texts]
        title_w = fm.horizontalAdvance(band.title) + 2 * pad if band.title else 0.0
        if sum(widths) + title_w + 16 > area.width():
            title_w = 0.0
        for shorten in (_short, _initial):
            if sum(widths) + 12 <= area.width():
                break
            texts = [shorten(t) for t in texts]
            widths = [fm.horizontalAdvance(t) + 2 * pad for t in texts]
        boxes = [
            QRectF(area.left() + 4, y, widths[0], h),
            QRectF(area.right() - 4 - widths[1], y, widths[1], h),
        ]
        if band.anchors is not None:
            for i, anchor in enumerate(band.anchors):
                c = to_device(QRectF(anchor, anchor)).center()
                x = min(max(c.x() - widths[i] / 2, area.left() + 4), area.right() - 4 - widths[i])
                yy = min(max(c.y() - h / 2, area.top() + 4), area.bottom() - 4 - h)
                boxes[i] = QRectF(x, yy, widths[i], h)
        if title_w:
            boxes.append(QRectF(area.center().x() - title_w / 2, y, title_w, h))
            texts.append(band.title)
        out.extend((box, text) for box, text in zip(boxes, texts, strict=True) if text)
    return out


def _short(text: str) -> str:
    """``"◀ Patient's RIGHT"`` → ``"◀ RIGHT"`` (for narrow bands)."""
    return text.replace("Patient's ", "").replace("patient's ", "")


def _initial(text: str) -> str:
    """``"Patient's RIGHT"`` → ``"R"`` (for narrow bands)."""
    upper = text.upper()
    if "RIGHT" in upper:
        return "R"
    if "LEFT" in upper:
        return "L"
    return text[:1]
