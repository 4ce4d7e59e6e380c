"""The side view of the spine and how each cause narrows the space of a nerve (Qt view).

:class:`MechanismCanvas` draws ``assets/svg/spine_sagittal.svg``: the lumbar spine from
the side (front on the viewer's left) beside an axial slice seen from the feet, one
scene item per structure, so that a cause can replace some structures with shapes that
change from healthy (``t = 0``) to affected (``t = 1``) and move the spine above a level
(see :mod:`radviz.anatomy.mechanism`). Labels are drawn at a fixed size on screen (never
below :data:`MIN_LABEL_PX`); a label that would overlap a more important one is left out.

:class:`MechanismView` adds the controls: the cause, a one-line explanation, a slider
from healthy to affected, a play button (a short animation, off when the user asks for
reduced motion: QSettings key :data:`REDUCED_MOTION_KEY`) and a legend. It is built the
first time it is shown, so start-up does not pay for it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, QSettings, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from radviz.anatomy import mechanism as mech
from radviz.anatomy import vocab
from radviz.ui.views.pinned_labels import MIN_LABEL_PX, PinnedLabels, SvgText, split_svg_text
from radviz.ui.views.regions import ZoomableView, svg_layer_item
from radviz.ui.views.spine_view import short_side_label
from radviz.ui.wrap_label import WrapLabel

__all__ = [
    "MIN_LABEL_PX",
    "PLAY_MS",
    "REDUCED_MOTION_KEY",
    "MechanismCanvas",
    "MechanismView",
    "Scene",
    "choose_scene",
    "commands_to_path",
]

#: QSettings key: ``true`` when the user asked for no motion (Qt cannot ask Linux).
REDUCED_MOTION_KEY = "accessibility/reduced_motion"
#: Length of the play animation.
PLAY_MS = 1800


def _priority(text: SvgText) -> int:
    """Labels more important than others win a place on screen (lower first)."""
    key = text.ident or ""
    if key.startswith("label:title:") or key == "axial:level_label":
        return 0
    if key.startswith("label:orient:"):
        return 1
    if key.startswith("label:sagittal:vert:"):
        return 2
    return 5


#: Which cause a scan's lesion shows best.
_LESION_CAUSE = {
    "bulge": "degenerative_disc_disease",
    "protrusion": "disc_herniation",
    "extrusion": "disc_herniation",
    "sequestration": "disc_herniation",
    "listhesis": "spondylolisthesis",
    "synovial_cyst": "lateral_recess_stenosis",
    "osteophyte": "foraminal_stenosis",
    "facet_hypertrophy": "facet_arthropathy",
}


@dataclass(frozen=True)
class Scene:
    """What to draw: a cause at a level, on a side, in a zone, and where that came from."""

    cause: str
    level: str
    side: str
    zone: str
    source: str  # "scan", "symptoms" or "example"


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def choose_scene(
    causes: Sequence[Any], levels: Sequence[Any], scan: Sequence[Any], cause: str | None = None
) -> Scene:
    """The cause, level, side and zone to draw (pure: no Qt).

    A scan finding names the place when there is one (the most severe first, as the
    caller orders them); otherwise the likeliest level of the result does; otherwise an
    example at L4-L5 on the left. ``cause`` forces the cause; otherwise the likeliest
    cause of the result, else the cause the scan's lesion shows best.
    """
    chosen = cause
    if chosen is None and causes:
        first = str(_get(causes[0], "id", ""))
        chosen = first if first in mech.CAUSES else None
    for finding in scan:
        level = str(_get(finding, "level", ""))
        if level not in vocab.LEVELS:
            continue
        side = str(_get(finding, "side", "left"))
        zone = str(_get(finding, "zone", "paracentral"))
        if chosen is None:
            lesion = str(_get(finding, "lesion", ""))
            chosen = _LESION_CAUSE.get(lesion, "")
            if lesion == "stenosis":
                chosen = {
                    "central": "spinal_stenosis",
                    "foraminal": "foraminal_stenosis",
                    "extraforaminal": "foraminal_stenosis",
                }.get(zone, "lateral_recess_stenosis")
            chosen = chosen or "disc_herniation"
        return Scene(chosen, level, side if side in ("left", "right") else "left", zone, "scan")
    chosen = chosen or "disc_herniation"
    if levels:
        lc = levels[0]
        side = str(_get(lc, "side", "left"))
        return Scene(
            chosen,
            str(_get(lc, "level", "L4-L5")),
            side if side in ("left", "right") else "left",
            str(_get(lc, "zone", "paracentral")),
            "symptoms",
        )
    return Scene(chosen, "L4-L5", "left", "paracentral", "example")


def commands_to_path(commands: Iterable[mech.Command]) -> QPainterPath:
    """A QPainterPath (nonzero fill) of parsed path commands."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for c in commands:
        a = c.args
        if c.op == "M":
            path.moveTo(a[0], a[1])
        elif c.op == "L":
            path.lineTo(a[0], a[1])
        elif c.op == "C":
            path.cubicTo(a[0], a[1], a[2], a[3], a[4], a[5])
        else:
            path.closeSubpath()
    return path


class MechanismCanvas(ZoomableView):
    """The side view and axial slice with one cause drawn at a stage ``t`` (0..1)."""

    def __init__(self, parent: QWidget | None = None, *, svg_path: str | None = None) -> None:
        from radviz.resources import asset_path

        super().__init__(QRectF(0, 0, 1000, 800), parent)
        self.setAccessibleName("Side view of the spine")
        self.setAccessibleDescription(
            "The lower spine from the side, and a cross-section, showing how the chosen "
            "cause narrows the space of a nerve."
        )
        path = svg_path if svg_path is not None else str(asset_path("spine_sagittal.svg"))
        self._path = path
        self._renderer = QSvgRenderer(path, self)
        self._library = mech.mechanism_library() if svg_path is None else mech.load_mechanisms(path)
        self._items: dict[str, QGraphicsItem] = {}
        self._labels = PinnedLabels(self)
        self._build()
        self._active: list[mech.Mechanism] = []
        self._parts: list[tuple[mech.Part, QGraphicsPathItem]] = []
        self._hidden: set[str] = set()
        self._moving: list[str] = []
        self._shift = (0.0, 0.0)
        self._t = 0.0
        self._level = "L4-L5"

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        data = Path(self._path).read_bytes()
        root = ET.fromstring(data)
        for group in root:
            gid = group.get("id", "")
            if gid not in ("sagittal", "axial", "labels"):
                continue
            z = {"sagittal": 0.0, "axial": 0.0, "labels": 30.0}[gid]
            for n, el in enumerate(group):
                eid = el.get("id")
                if eid is None or el.tag.rsplit("}", 1)[-1] == "text":
                    continue
                item = svg_layer_item(self._renderer, eid, z + n * 0.001)
                if item is not None:
                    self._scene.addItem(item)
                    self._items[eid] = item
        _, texts = split_svg_text(data)
        self._labels.add_svg(texts, _priority, short_side_label)
        self._labels.join_lines()

    # ------------------------------------------------------------ public
    def library(self) -> dict[str, dict[str, mech.Mechanism]]:
        """Every mechanism of the drawing."""
        return self._library

    def item(self, ident: str) -> QGraphicsItem | None:
        """The scene item of a structure of the drawing."""
        return self._items.get(ident)

    def part_items(self) -> list[tuple[mech.Part, QGraphicsPathItem]]:
        """The shapes of the cause shown (for tests)."""
        return list(self._parts)

    def progress(self) -> float:
        """The stage drawn: 0 healthy, 1 affected."""
        return self._t

    def set_scene(self, scene: Scene) -> None:
        """Draw ``scene``'s cause at its level and side (keeps the stage ``t``)."""
        for eid in self._hidden:
            it = self._items.get(eid)
            if it is not None:
                it.setVisible(True)
        for eid in self._moving:
            self._move(eid, 0.0, 0.0)
        for _, item in self._parts:
            self._scene.removeItem(item)
        self._parts, self._hidden, self._moving = [], set(), []
        places = self._library.get(scene.cause, {})
        chosen = []
        for view in ("sagittal", "axial"):
            place = mech.place_for(scene.cause, view, scene.level, scene.side, scene.zone)
            if place in places:
                chosen.append(places[place])
        self._active = chosen
        self._level = scene.level
        self._labels.set_text("axial:level_label", scene.level)
        self._shift = (0.0, 0.0)
        for m in chosen:
            if m.place.startswith("sagittal") and m.shift != (0.0, 0.0):
                self._shift = m.shift
                self._moving = [
                    k
                    for k in (*self._items, *self._labels.keys())
                    if mech.moves_with(k, scene.level)
                ]
            for k, part in enumerate(m.parts):
                item = QGraphicsPathItem()
                item.setZValue(self._part_z(part, m.place, k))
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                pen = QPen(QColor(part.stroke), part.stroke_width)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                item.setPen(pen if part.stroke != "none" else QPen(Qt.PenStyle.NoPen))
                self._scene.addItem(item)
                self._parts.append((part, item))
            self._hidden |= m.replaced()
        for eid in self._hidden:
            it = self._items.get(eid)
            if it is not None:
                it.setVisible(False)
        self._apply()

    def set_progress(self, t: float) -> None:
        """Draw the stage ``t`` (0 healthy … 1 affected)."""
        self._t = min(1.0, max(0.0, float(t)))
        self._apply()

    def set_label_scale(self, scale: float) -> None:
        """Draw labels ``scale`` times larger (presentation mode)."""
        self._labels.set_scale(scale)

    def labels(self) -> PinnedLabels:
        """The drawing's labels (sizes and which are shown, for tests)."""
        return self._labels

    # ------------------------------------------------------------ drawing
    def _part_z(self, part: mech.Part, place: str, order: int) -> float:
        """Nerves over everything; the other changing parts just under the nerves (a
        bulging disc or a thick ligament shows over the translucent pedicle and the
        opening), in the order the drawing lists them."""
        base = self._items.get(part.name)
        if part.name.startswith(("sagittal:root:", "axial:root:")) and base is not None:
            return float(base.zValue()) + 0.0005
        nerve = (
            "sagittal:root:L1" if place.startswith("sagittal") else "axial:root:traversing:right"
        )
        below = self._items.get(nerve)
        if below is None:
            return 20.0 + order * 0.001
        return float(below.zValue()) - 0.0008 + order * 0.00001

    def _move(self, eid: str, dx: float, dy: float) -> None:
        it = self._items.get(eid)
        if it is not None:
            if it.data(0) is None:
                it.setData(0, it.pos())
            it.setPos(it.data(0) + QPointF(dx, dy))
            return
        self._labels.move_to(eid, dx, dy)

    def _apply(self) -> None:
        t = self._t
        for part, item in self._parts:
            item.setPath(commands_to_path(part.shape(t)))
            color = QColor(part.fill(t))
            color.setAlphaF(part.fill_opacity)
            item.setBrush(QBrush(color))
        dx, dy = self._shift[0] * t, self._shift[1] * t
        for eid in self._moving:
            self._move(eid, dx, dy)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._labels.layout()

    def zoom_fit(self) -> None:
        super().zoom_fit()
        self._labels.layout()

    def _zoom_by(self, factor: float, *, anchor_under_mouse: bool) -> None:
        super()._zoom_by(factor, anchor_under_mouse=anchor_under_mouse)
        self._labels.layout()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._labels.layout()

    def render_scene(self, width: int, height: int, *, labels: bool = True) -> Any:
        """The scene drawn into an image, labels laid out for that size."""
        old = self.size()
        self.resize(width, height)
        self.zoom_fit()
        self._labels.layout()
        image = self.grab().toImage()
        self.resize(old)
        self.zoom_fit()
        self._labels.layout()
        return image


class MechanismView(QWidget):
    """The mechanism picture with its controls: cause, explanation, stage, play."""

    sig_progress_changed = Signal(float)
    """The stage shown changed (0 healthy … 1 affected)."""

    def __init__(self, parent: QWidget | None = None, *, remember: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("mechanismView")
        self._remember = remember
        self._scene_spec = Scene("disc_herniation", "L4-L5", "left", "paracentral", "example")
        self.canvas = MechanismCanvas(self)
        self.cause_box = QComboBox()
        self.cause_box.setAccessibleName("Cause to show")
        for cause in mech.CAUSES:
            self.cause_box.addItem(cause.replace("_", " ").capitalize(), cause)
        self.caption = WrapLabel()
        self.caption.setObjectName("mechanismCaption")
        self.where = WrapLabel()
        self.where.setObjectName("mechanismWhere")
        self.play_button = QPushButton("▶ Play")
        self.play_button.setAccessibleName("Play: watch it change from healthy to affected")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setAccessibleName("Stage: healthy to affected")
        self.slider.setToolTip("Drag from healthy (left) to affected (right)")
        self.reduced = QCheckBox("Reduce motion")
        self.reduced.setToolTip("Jump straight to the end instead of playing an animation")
        settings_value = QSettings().value(REDUCED_MOTION_KEY, False) if remember else False
        self.reduced.setChecked(str(settings_value).lower() in ("true", "1"))
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(PLAY_MS)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._anim_step)
        self._anim.finished.connect(self._anim_done)

        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.cause_box, 1)
        top.addWidget(self.reduced)
        controls = QHBoxLayout()
        controls.setContentsMargins(6, 0, 6, 4)
        controls.addWidget(self.play_button)
        controls.addWidget(QLabel("Healthy"))
        controls.addWidget(self.slider, 1)
        controls.addWidget(QLabel("Affected"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(top)
        lay.addWidget(self.caption)
        lay.addWidget(self.canvas, 1)
        lay.addWidget(self.where)
        lay.addLayout(controls)
        for w in (self.caption, self.where):
            w.setContentsMargins(8, 0, 8, 0)
        self.set_text_scale(1.0)

        self.cause_box.currentIndexChanged.connect(self._cause_picked)
        self.slider.valueChanged.connect(self._slider_moved)
        self.play_button.clicked.connect(self.play)
        self.reduced.toggled.connect(self._reduced_toggled)
        self.slider.setValue(100)  # paused, showing the affected stage
        self.set_scene(self._scene_spec)

    # ------------------------------------------------------------ public
    def scene_spec(self) -> Scene:
        """What is drawn."""
        return self._scene_spec

    def set_scene(self, scene: Scene) -> None:
        """Draw a cause at a level and side (from the result or the scan)."""
        self._scene_spec = scene
        idx = self.cause_box.findData(scene.cause)
        if idx >= 0 and idx != self.cause_box.currentIndex():
            self.cause_box.blockSignals(True)
            self.cause_box.setCurrentIndex(idx)
            self.cause_box.blockSignals(False)
        self.canvas.set_scene(scene)
        self.canvas.set_progress(self.slider.value() / 100)
        self.caption.setText(mech.CAPTIONS.get(scene.cause, ""))
        side = "left" if scene.side == "left" else "right"
        source = {
            "scan": "where your scan shows it",
            "symptoms": "where your symptoms point",
            "example": "an example",
        }[scene.source]
        self.where.setText(
            f"Drawn at {scene.level}, on the patient's {side} side ({source}). "
            "Red marks a squeezed nerve."
        )
        self.canvas.setAccessibleDescription(f"{self.caption.text()} {self.where.text()}")

    def set_progress(self, t: float) -> None:
        """Show stage ``t`` (0 healthy … 1 affected) and move the slider there."""
        self.slider.setValue(round(min(1.0, max(0.0, t)) * 100))

    def progress(self) -> float:
        """The stage shown (0 healthy … 1 affected)."""
        return self.canvas.progress()

    def reduced_motion(self) -> bool:
        """True when the user asked for no animation."""
        return self.reduced.isChecked()

    def play(self) -> None:
        """Play from one end to the other (towards affected unless already there).

        With reduced motion the picture jumps to the other end without moving."""
        if self._anim.state() == QVariantAnimation.State.Running:
            self._anim.stop()
            self.play_button.setText("▶ Play")
            return
        start = self.progress()
        end = 0.0 if start >= 0.99 else 1.0
        if self.reduced_motion():
            self.set_progress(end)
            return
        self._anim.setStartValue(start)
        self._anim.setEndValue(end)
        self.play_button.setText("❚❚ Pause")
        self._anim.start()

    def set_text_scale(self, scale: float) -> None:
        """Larger explanation and labels (presentation mode uses about 2)."""
        px = round(15 * scale)
        self.caption.setStyleSheet(f"font-size:{px}px; font-weight:bold; color:#1f2a30;")
        self.where.setStyleSheet(f"font-size:{max(12, round(13 * scale))}px; color:#3a4348;")
        controls = f"font-size:{max(12, round(13 * scale))}px;"
        for w in self.findChildren(QWidget):
            if w is not self.canvas and w.parent() is self and w not in (self.caption, self.where):
                w.setStyleSheet(controls)
        self.slider.setMinimumHeight(round(22 * scale))
        if scale > 1.0:
            from radviz.ui.views.presentation import FINGER_PX

            # a finger's size (about 9 mm) for the handle and the tick box, in presentation
            # mode on a touch screen; the normal size keeps the platform's own look
            grip = round(FINGER_PX * scale / 2)
            self.slider.setMinimumHeight(grip + 8)
            self.slider.setStyleSheet(
                f"QSlider {{ {controls} }}"
                "QSlider::groove:horizontal { height: 8px; background: #c9d3da;"
                " border-radius: 4px; }"
                f"QSlider::handle:horizontal {{ background: #0072B2; width: {grip}px;"
                f" margin: -{(grip - 8) // 2}px 0; border-radius: {grip // 2}px; }}"
            )
            box = round(grip * 0.75)
            self.reduced.setStyleSheet(
                f"QCheckBox {{ {controls} }}"
                f"QCheckBox::indicator {{ width: {box}px; height: {box}px; }}"
            )
        self.canvas.set_label_scale(scale)

    # ------------------------------------------------------------ slots
    def _cause_picked(self, index: int) -> None:
        cause = str(self.cause_box.itemData(index))
        s = self._scene_spec
        self.set_scene(Scene(cause, s.level, s.side, s.zone, s.source))

    def _slider_moved(self, value: int) -> None:
        self.canvas.set_progress(value / 100)
        self.sig_progress_changed.emit(value / 100)

    def _anim_step(self, value: Any) -> None:
        self.slider.setValue(round(float(value) * 100))

    def _anim_done(self) -> None:
        self.play_button.setText("▶ Play")

    def _reduced_toggled(self, on: bool) -> None:
        if on and self._anim.state() == QVariantAnimation.State.Running:
            self._anim.stop()
            self.set_progress(float(self._anim.endValue()))
            self._anim_done()
        if self._remember:
            QSettings().setValue(REDUCED_MOTION_KEY, on)
