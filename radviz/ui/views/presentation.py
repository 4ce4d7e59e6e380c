"""Presentation mode: the pictures fill the screen for a talk across the desk (Qt view).

:class:`PresentationWindow` borrows live views from the main window (the body map, the
spine diagram, the side view), lays them out full screen under the one-line plain
explanation in large type, and gives them back, untouched, when it closes (Esc).
Borrowing keeps one state: what the patient shades in presentation mode is the case.

Layouts: ``"body_spine"`` (body map and spine side by side), ``"body"``, ``"spine"``,
``"mechanism"`` (the side view with its controls); keys 1-4 switch. In this mode the body
map is shown close up, at the zoom that makes its narrowest zone (the strip inside the
knee) :data:`FINGER_PX` wide on screen, so every zone can be hit with a finger; the
patient drags the picture to move it (or pinches), and "Whole body" shows all of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeySequence, QPainter, QPolygonF, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from radviz.ui.wrap_label import WrapLabel

__all__ = [
    "FINGER_PX",
    "LAYOUTS",
    "PresentationWindow",
    "inscribed_width",
    "zone_widths",
    "zones_rect",
]

#: Smallest on-screen width of a body-map zone in this mode: about 9 mm, the usual
#: minimum touch target, at 96-100 dpi.
FINGER_PX = 36
#: How much larger the body map's words are drawn in this mode.
BODY_LABEL_SCALE = 1.5
LAYOUTS = ("body_spine", "body", "spine", "mechanism")
#: How much larger the spine diagram's words are drawn in this mode.
SPINE_LABEL_SCALE = 1.5
_NAMES = {
    "body_spine": "Body and spine",
    "body": "Body",
    "spine": "Spine",
    "mechanism": "How it happens",
}


def zones_rect(body: Any) -> QRectF | None:
    """The part of the body map that holds every zone a patient can point at (the legs,
    the feet and the lower back), from its public ``svg_map()``; None if it has none."""
    try:
        regions = body.svg_map().regions.values()
    except AttributeError:
        return None
    boxes = [r.bbox for r in regions if str(r.id).startswith("zone:")]
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return QRectF(x0, y0, x1 - x0, y1 - y0).adjusted(-8, -8, 8, 8)


def inscribed_width(polygons: list[QPolygonF], px_per_unit: float = 1.0) -> float:
    """The diameter of the largest disc inside the polygons (a finger's room), in their
    units; rasterised at ``px_per_unit`` pixels per unit (0 for an empty shape)."""
    if not polygons:
        return 0.0
    box = QRectF()
    for poly in polygons:
        box = box.united(poly.boundingRect())
    w = int(box.width() * px_per_unit) + 4
    h = int(box.height() * px_per_unit) + 4
    if w <= 4 or h <= 4:
        return 0.0
    image = QImage(w, h, QImage.Format.Format_Grayscale8)
    image.fill(0)
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255))
    painter.translate(2, 2)
    painter.scale(px_per_unit, px_per_unit)
    painter.translate(-box.left(), -box.top())
    for poly in polygons:
        painter.drawPolygon(poly)
    painter.end()
    inside = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())
    cur = inside[:, :w] > 127
    steps = 0
    while cur.any():  # peel one pixel off every edge until nothing is left
        steps += 1
        nxt = cur.copy()
        nxt[1:] &= cur[:-1]
        nxt[:-1] &= cur[1:]
        nxt[:, 1:] &= cur[:, :-1]
        nxt[:, :-1] &= cur[:, 1:]
        cur = nxt
    return 2.0 * steps / px_per_unit


_WIDTHS: dict[int, tuple[Any, dict[str, float]]] = {}


def zone_widths(body: Any) -> dict[str, float]:
    """Each body-map zone's room for a finger in scene units: the largest disc inside
    its largest piece (a zone shown in both views, or in a foot's inset, can be hit on
    any of them). Keyed by region id; computed once per map."""
    svg_map = body.svg_map()
    cached = _WIDTHS.get(id(svg_map))
    if cached is not None and cached[0] is svg_map:
        return cached[1]
    out: dict[str, float] = {}
    for rid, region in svg_map.regions.items():
        if not str(rid).startswith("zone:"):
            continue
        pieces = [QPolygonF([QPointF(float(x), float(y)) for x, y in p]) for p in region.polygons]
        widths = [inscribed_width([piece], 2.0) for piece in pieces]
        if widths:
            out[str(rid)] = max(widths)
    _WIDTHS[id(svg_map)] = (svg_map, out)
    return out


class _Slot:
    """Where a borrowed widget came from, to put it back."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.parent = widget.parentWidget()
        layout = self.parent.layout() if self.parent is not None else None
        self.layout = layout
        self.index = layout.indexOf(widget) if layout is not None else -1
        splitter: Any = self.parent
        self.splitter_index = (
            int(splitter.indexOf(widget))
            if splitter is not None and hasattr(splitter, "insertWidget") and self.index < 0
            else -1
        )
        self.stretch = 0
        if isinstance(layout, QVBoxLayout | QHBoxLayout) and self.index >= 0:
            self.stretch = layout.stretch(self.index)

    def restore(self) -> None:
        w = self.widget
        if self.layout is not None and self.index >= 0:
            self.layout.insertWidget(self.index, w, self.stretch)  # type: ignore[attr-defined]
        elif self.splitter_index >= 0 and self.parent is not None:
            self.parent.insertWidget(self.splitter_index, w)  # type: ignore[attr-defined]
        elif self.parent is not None:
            w.setParent(self.parent)
        w.show()


class PresentationWindow(QWidget):
    """Full-screen pictures with large labels; Esc closes and gives the views back."""

    sig_closed = Signal()
    """The window closed and every borrowed view is back in its place."""

    def __init__(
        self,
        views: dict[str, QWidget],
        headline: Callable[[], str],
        parent: QWidget | None = None,
        *,
        layout: str = "body_spine",
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentationWindow")
        self.setWindowTitle("Presentation (Esc to leave) — radviz")  # not "radviz — … — radviz"
        self.setStyleSheet("#presentationWindow { background: white; }")
        self._views = views
        self._headline = headline
        self._slots: dict[str, _Slot] = {}
        self._layout_name = ""
        self._body_font: QFont | None = None  # the body map's font before this mode
        self.title = WrapLabel()
        self.title.setObjectName("presentationHeadline")
        self.title.setStyleSheet("font-size:30px; font-weight:bold; color:#14202a; padding:6px;")
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for i, name in enumerate(LAYOUTS, start=1):
            if name not in ("body_spine", "body") and name not in views:
                continue
            b = QPushButton(f"{i}  {_NAMES[name]}")
            b.setCheckable(True)
            b.setStyleSheet("font-size:18px; padding:6px 14px;")
            b.clicked.connect(lambda _c=False, n=name: self.set_layout(n))
            self.buttons[name] = b
            bar.addWidget(b)
        bar.addStretch(1)
        self.whole_body = QPushButton("Whole body")
        self.whole_body.setCheckable(True)
        self.whole_body.setToolTip(
            "Show the whole body map, smaller; off: close up, zones big enough for a finger"
        )
        self.whole_body.setStyleSheet("font-size:18px; padding:6px 14px;")
        self.whole_body.toggled.connect(lambda _on: self._scale_views(True))
        bar.addWidget(self.whole_body)
        self.body_hint = QLabel("Drag the picture to move it")
        self.body_hint.setStyleSheet("font-size:18px; color:#3a4650; padding:0 8px;")
        bar.addWidget(self.body_hint)
        leave = QPushButton("Leave (Esc)")
        leave.setStyleSheet("font-size:18px; padding:6px 14px;")
        leave.clicked.connect(self.close)
        bar.addWidget(leave)
        self.area = QHBoxLayout()
        self.area.setSpacing(12)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.addLayout(bar)
        lay.addWidget(self.title)
        lay.addLayout(self.area, 1)
        from radviz.ui.views.spine_view import SpineLegend

        self.legend = SpineLegend()  # what the spine's colours mean, as under the spine
        self.legend.set_text_scale(1.5)
        lay.addWidget(self.legend)
        self.set_layout(layout)
        self.refresh_headline()
        # Keys work whichever borrowed view has the focus.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        esc.setContext(context)
        for i, name in enumerate(LAYOUTS, start=1):
            if name in self.buttons:
                sc = QShortcut(QKeySequence(str(i)), self, lambda n=name: self.set_layout(n))
                sc.setContext(context)

    # ---------------------------------------------------------------- public
    def layout_name(self) -> str:
        """The layout shown (one of :data:`LAYOUTS`)."""
        return self._layout_name

    def refresh_headline(self) -> None:
        """Show the current one-line explanation."""
        self.title.setText(self._headline())

    def set_layout(self, name: str) -> None:
        """Show one view, or body and spine side by side."""
        if name not in LAYOUTS:
            raise ValueError(f"unknown presentation layout {name!r}")
        wanted = {
            "body_spine": ["body", "spine"],
            "body": ["body"],
            "spine": ["spine"],
            "mechanism": ["mechanism"],
        }[name]
        wanted = [w for w in wanted if w in self._views]
        for key in list(self._slots):
            if key not in wanted:
                self._give_back(key)
        for key in wanted:
            if key not in self._slots:
                view = self._views[key]
                self._slots[key] = _Slot(view)
                self.area.addWidget(view, 1)
                view.show()
        self._layout_name = name
        self.legend.setVisible("spine" in wanted)
        self.whole_body.setVisible("body" in wanted)
        for n, b in self.buttons.items():
            b.setChecked(n == name)
        self._scale_views(True)

    # ---------------------------------------------------------------- helpers
    def _scale_views(self, on: bool) -> None:
        mech = self._views.get("mechanism")
        if mech is not None and hasattr(mech, "set_text_scale"):
            mech.set_text_scale(2.0 if on and "mechanism" in self._slots else 1.0)
        spine = self._views.get("spine")
        if spine is not None and hasattr(spine, "labels"):
            spine.labels().set_scale(SPINE_LABEL_SCALE if on and "spine" in self._slots else 1.0)
        body = self._views.get("body")
        if body is not None and hasattr(body, "labels"):
            body.labels().set_scale(BODY_LABEL_SCALE if on and "body" in self._slots else 1.0)
        if body is not None and on and "body" in self._slots and self._body_font is None:
            # the side badges ("◀ Patient's RIGHT") are drawn in the view's font
            self._body_font = QFont(body.font())
            big = QFont(body.font())
            big.setPointSizeF(max(9.0, big.pointSizeF()) * BODY_LABEL_SCALE)
            body.setFont(big)
        close_up = False
        if body is not None and hasattr(body, "fitInView"):
            if on and "body" in self._slots:
                body.removeEventFilter(self)
                body.installEventFilter(self)
                close_up = self._zoom_body(body)
                setattr(body, "_fitted", False)  # keep the legs zoom on resize  # noqa: B010
                if hasattr(body, "labels"):
                    body.labels().layout()
            elif hasattr(body, "zoom_fit"):
                body.zoom_fit()
        self.body_hint.setVisible(close_up)

    def _zoom_body(self, body: Any) -> bool:
        """Fit the zones' part of the body map; unless "Whole body" is on, zoom in until
        the narrowest zone is :data:`FINGER_PX` wide, centred on the shaded zones (or the
        front view's hips). True when the view is close up (part of it out of sight)."""
        rect = zones_rect(body)
        if rect is None:
            return False
        body.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        widths = zone_widths(body)
        if self.whole_body.isChecked() or not widths:
            return False
        fit = float(body.transform().m11())
        need = FINGER_PX / min(widths.values())
        if need <= fit:
            return False
        focus = self._body_focus(body, rect)
        body.resetTransform()
        body.scale(need, need)
        body.centerOn(focus)
        return True

    @staticmethod
    def _body_focus(body: Any, rect: QRectF) -> QPointF:
        """Where the close-up starts: the shaded zones of the front view (else of the
        back view), or the top of the front view's zones."""
        mid = rect.center().x()
        front, back = QRectF(), QRectF()
        regions = body.svg_map().regions
        for rid in zone_widths(body):
            _, zone, side = rid.split(":")
            item = body.zone_item(zone, side)
            if item is None or not item.is_styled():
                continue
            for poly in regions[rid].polygons:
                xs, ys = poly[:, 0], poly[:, 1]
                box = QRectF(float(xs.min()), float(ys.min()), float(np.ptp(xs)), float(np.ptp(ys)))
                if box.center().x() < mid:
                    front = front.united(box)
                else:
                    back = back.united(box)
        shaded = front if not front.isEmpty() else back
        if not shaded.isEmpty():
            return shaded.center()
        half = QRectF(rect.left(), rect.top(), rect.width() / 2, rect.height())
        return QPointF(half.center().x(), rect.top() + rect.height() / 4)

    def _give_back(self, key: str) -> None:
        slot = self._slots.pop(key)
        self.area.removeWidget(slot.widget)
        if key == "body":
            slot.widget.removeEventFilter(self)
        if key == "body" and self._body_font is not None:
            slot.widget.setFont(QFont())  # inherit again
            self._body_font = None
        if key == "body" and hasattr(slot.widget, "zoom_fit"):
            slot.widget.zoom_fit()
        if key == "mechanism" and hasattr(slot.widget, "set_text_scale"):
            slot.widget.set_text_scale(1.0)
        if key in ("spine", "body") and hasattr(slot.widget, "labels"):
            slot.widget.labels().set_scale(1.0)
        slot.restore()

    def give_back_all(self) -> None:
        """Return every borrowed view to its place."""
        for key in list(self._slots):
            self._give_back(key)

    # ---------------------------------------------------------------- events
    def eventFilter(self, watched: Any, event: Any) -> bool:
        # the body map refits itself when it grows: zoom back to the legs after it
        if event.type() == QEvent.Type.Resize and "body" in self._slots:
            QTimer.singleShot(0, lambda: self._scale_views(True))
        return False

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._scale_views(True)

    def closeEvent(self, event: Any) -> None:
        self.give_back_all()
        super().closeEvent(event)
        self.sig_closed.emit()
