"""The spine diagram: where a nerve root can be squeezed.

:class:`SpineView` shows ``assets/svg/spine.svg`` — a coronal view of the lumbar spine
seen from behind (patient's left on the viewer's LEFT) and an axial slice at one disc
level seen from the feet, as on MRI (patient's left on the viewer's RIGHT) — and puts a
:class:`~radviz.ui.views.regions.RegionItem` over each root segment, disc, foramen and disc
lesion zone so they can be hovered (tooltips in plain words), clicked and highlighted.

Drawing conventions (see :mod:`radviz.ui.style`):

* a *traversing* root (pressed in the lateral recess, usually by a paracentral disc)
  is drawn solid vermillion;
* an *exiting* root (pressed in or beyond its foramen) is drawn dashed blue;
* lesion zones are tinted in the colour of the relation, more opaque when likelier;
* an imaging finding is a red-brown blob sized by its severity, drawn in the coronal
  lesion zone and, when it is at the level shown, in the axial slice.

The axial slice shows one level at a time (:meth:`SpineView.set_axial_level`):
:meth:`SpineView.highlight_levels` moves it to the likeliest level, a click on a disc
or lesion zone of the coronal view moves it to that level, and
:meth:`SpineView.show_lesions` moves it to a level with a lesion when the level shown
has none.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGridLayout,
    QLabel,
    QWidget,
)

from radviz.anatomy import vocab
from radviz.anatomy.levels import exit_level, foramen_words, level_pair, traversed_level
from radviz.reasoning.result import LevelCandidate
from radviz.ui import style
from radviz.ui.views.pinned_labels import PinnedLabels, SvgText, split_svg_text
from radviz.ui.views.regions import OrientationBand, RegionItem, ZoomableView, svg_layer_item
from radviz.ui.wrap_label import WrapLabel

__all__ = [
    "LEGEND_ROWS",
    "SEVERITY_SCALE",
    "SpineLegend",
    "SpineView",
    "describe_spine_id",
    "lesion_blob_path",
    "short_side_label",
]

_SEGMENTS = ("sac", "traversing", "foramen", "extraforaminal")

#: Size of a lesion blob relative to its zone, by severity.
SEVERITY_SCALE: dict[str, float] = {
    "mild": 0.55,
    "mild_to_moderate": 0.65,
    "moderate": 0.78,
    "moderate_to_severe": 0.9,
    "severe": 1.0,
}

# z-order of the scene
_Z_ART = 0.0
_Z_DISC = 5.0
_Z_LESION_ZONE = 10.0
_Z_FORAMEN = 8.0
_Z_ROOT = 20.0
_Z_AXIAL_ZONE = 10.0
_Z_AXIAL_ROOT = 20.0
_Z_LABELS = 40.0
_Z_TEXT = 45.0
_Z_BLOB = _Z_TEXT + 0.5  # a scan lesion is never hidden under a percentage tag

_ZONE_WORDS = {
    "central": "central canal",
    "paracentral": "paracentral (subarticular) zone",
    "foraminal": "foraminal zone",
    "extraforaminal": "extraforaminal zone (outside the foramen)",
}


# ----------------------------------------------------------------------- wording
def short_side_label(text: SvgText) -> str:
    """``R``/``L`` for a "Patient's right/left" label with no room (as on a scan, the
    letter is the patient's side)."""
    ident = text.ident or ""
    if ident.startswith("label:orient:") and ident.endswith((":left", ":right")):
        return "L" if ident.endswith(":left") else "R"
    return ""


def _label_priority(text: SvgText) -> int | None:
    """Which words of the drawing win a place on screen (lower first; None: not drawn,
    the legend under the view says it)."""
    key = text.ident or ""
    for prefix, rank in (
        ("axial:level_label", -1),
        ("label:orient:axial:", -1),  # the patient's sides first, the flipped slice's first
        ("label:orient:", 0),
        ("label:title:", 1),
        ("label:vert:", 2),
        ("label:disc:", 3),
        ("label:root:", 4),
        ("axial:zone_label:", 4),
        ("label:subtitle:", 6),
        ("label:heading:", 6),
        ("label:struct:", 7),
        ("label:axial:zones_title", None),
        ("label:axial:", 7),
    ):
        if key.startswith(prefix):
            return rank
    return None  # legend rows, notes and the legend's swatch letters


def _side_word(side: str) -> str:
    return {"left": "Left", "right": "Right"}.get(side, side.capitalize())


@functools.lru_cache(maxsize=1024)
def describe_spine_id(region_id: str, axial_level: str = "L4-L5") -> str:
    """Plain words for a structure of spine.svg (for tooltips and screen readers).

    >>> describe_spine_id("root:L5:left:traversing")
    'Left L5 nerve root (traversing the L4-L5 disc)'
    """
    parts = region_id.split(":")
    ns = parts[0]
    if ns == "root" and len(parts) == 4:
        root, side, seg = parts[1], parts[2], parts[3]
        head = f"{_side_word(side)} {root} nerve root"
        if seg == "sac":
            return f"{head} (inside the dural sac)"
        if seg == "traversing":
            disc = traversed_level(root)
            return f"{head} (traversing the {disc} disc)" if disc else f"{head} (traversing)"
        where = foramen_words(root)
        if seg == "foramen":
            return f"{head} (exiting through {where})"
        return f"{head} (outside the spine, just beyond {where})"
    if ns == "disc" and len(parts) == 2:
        return f"{parts[1]} disc"
    if ns == "foramen" and len(parts) == 3:
        level, side = parts[1], parts[2]
        if level in vocab.LEVELS:
            upper, _ = level_pair(level)
            return f"{_side_word(side)} {level} foramen (where the {upper} root exits)"
        if "-" in level:
            return f"{_side_word(side)} {level} foramen"
        return f"{_side_word(side)} {level} sacral foramen"
    if ns == "lesion" and len(parts) >= 3:
        level, zone = parts[1], parts[2]
        side = parts[3] if len(parts) > 3 else "bilateral"
        return _zone_sentence(level, zone, side)
    if ns == "axial":
        rest = parts[1:]
        if rest[:1] == ["zone"] and len(rest) >= 2:
            zone = rest[1]
            side = rest[2] if len(rest) > 2 else "bilateral"
            return _zone_sentence(axial_level, zone, side)
        if rest[:1] == ["root"] and len(rest) == 3:
            relation, side = rest[1], rest[2]
            exiting, traversing = level_pair(axial_level)
            root = traversing if relation == "traversing" else exiting
            how = (
                f"traversing, on its way down to {foramen_words(root)}"
                if relation == "traversing"
                else f"exiting through the {axial_level} foramen"
            )
            return f"{_side_word(side)} {root} nerve root ({how})"
        if rest == ["disc"]:
            return f"{axial_level} disc"
        if rest == ["sac"]:
            return "Dural sac (holds the nerve roots of the cauda equina)"
    if ns == "sac":
        return "Dural sac (holds the nerve roots of the cauda equina)"
    if ns == "cauda":
        return "Cauda equina (the bundle of lower nerve roots)"
    return region_id


def _zone_sentence(level: str, zone: str, side: str) -> str:
    words = _ZONE_WORDS.get(zone, zone)
    if zone == "central" or side == "bilateral":
        _, traversing = level_pair(level)
        return f"{level}, {words}: a lesion here can press on the {traversing} roots of both sides"
    exiting, traversing = level_pair(level)
    if zone == "paracentral":
        return (
            f"{level}, {side} {words}: a lesion here usually presses on the {side} "
            f"{traversing} root (traversing)"
        )
    return (
        f"{level}, {side} {words}: a lesion here usually presses on the {side} "
        f"{exiting} root (exiting)"
    )


# ------------------------------------------------------------------------- blobs
def lesion_blob_path(rect: QRectF, scale: float, seed: int = 0) -> QPainterPath:
    """A soft, irregular blob centred in ``rect`` and ``scale`` times its size."""
    cx, cy = rect.center().x(), rect.center().y()
    rx = max(3.0, rect.width() / 2 * scale * 0.92)
    ry = max(3.0, rect.height() / 2 * scale * 0.92)
    n = 40
    phase = (seed % 7) * 0.9
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        wobble = 1.0 + 0.08 * math.sin(3 * a + phase) + 0.05 * math.sin(5 * a + 2 * phase)
        pts.append(QPointF(cx + rx * wobble * math.cos(a), cy + ry * wobble * math.sin(a)))
    path = QPainterPath(pts[0])
    for i in range(n):
        p0, p1 = pts[i], pts[(i + 1) % n]
        mid = QPointF((p0.x() + p1.x()) / 2, (p0.y() + p1.y()) / 2)
        path.quadTo(p0, mid)
    path.closeSubpath()
    return path


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


# -------------------------------------------------------------------------- view
TINT_STEP = 0.05
"""Likelihoods tint the spine's zones and roots in steps of 5 percentage points."""


class SpineView(ZoomableView):
    """Coronal and axial spine diagram with clickable roots, discs and lesion zones."""

    sig_root_clicked = Signal(str, str)
    """``(root, side)``: a root segment was clicked (coronal or axial), e.g. ``("L5", "left")``."""

    sig_level_clicked = Signal(str, str, str)
    """``(level, zone, side)``: a lesion zone, foramen or disc was clicked.

    ``side`` is ``"bilateral"`` for the central zone and for a disc (a click on a disc
    reports ``zone="central"``); a foramen reports ``zone="foraminal"``. Axial zones use
    the level shown in the axial slice.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        svg_path: str | None = None,
        svg_map: Any = None,
    ) -> None:
        from radviz.anatomy import geometry
        from radviz.resources import asset_path

        self._map = svg_map if svg_map is not None else geometry.spine_map()
        vx, vy, vw, vh = self._map.viewbox
        super().__init__(QRectF(vx, vy, vw, vh), parent)
        self.setAccessibleName("Spine diagram")
        self.setAccessibleDescription(
            "The lumbar spine seen from behind, and a cross-section at one disc level. "
            "Click a nerve root, a disc or a zone beside a disc."
        )
        self.setToolTip("")
        path = svg_path if svg_path is not None else str(asset_path("spine.svg"))
        # The drawing's words are drawn by the view, at a readable size (PinnedLabels);
        # the zone legend is a widget under the view (SpineLegend).
        art, texts = split_svg_text(Path(path).read_bytes(), lambda i: i.startswith("legend:"))
        self._renderer = QSvgRenderer(QByteArray(art), self)
        self._pins = PinnedLabels(self, z=_Z_TEXT)
        self._pins.follow_text_size()  # Ctrl+plus makes the drawing's words larger too
        self._pins.add_svg(texts, _label_priority, short_side_label)
        self._svg_items: dict[str, QGraphicsSvgItem] = {}
        for group, group_z in (("coronal", _Z_ART), ("axial", _Z_ART), ("labels", _Z_LABELS)):
            self._add_svg_group(group, group_z)

        self._items: dict[str, RegionItem] = {}
        self._tips: dict[str, str] = {}
        regions: dict[str, Any] = self._map.regions
        for rid, region in regions.items():
            parts = rid.split(":")
            z: float | None = None
            if parts[0] == "root" and len(parts) == 4 and parts[1] in vocab.ROOTS:
                z = _Z_ROOT
            elif parts[0] == "disc" and len(parts) == 2:
                z = _Z_DISC
            elif parts[0] == "foramen" and len(parts) == 3:
                z = _Z_FORAMEN
            elif parts[0] == "lesion":
                z = _Z_LESION_ZONE
            elif rid.startswith("axial:zone:") and not rid.startswith("axial:zone_label"):
                z = _Z_AXIAL_ZONE
            elif rid.startswith("axial:root:"):
                z = _Z_AXIAL_ROOT
            if z is None or not len(region.polygons):
                continue
            item = RegionItem(region)
            item.setZValue(z)
            if self._clickable(rid):
                item.set_hover_outline(QColor(30, 35, 40, 200), 1.5)
            self._scene.addItem(item)
            self._items[rid] = item

        self._axial_level = "L4-L5"
        self._levels: list[LevelCandidate] = []
        self._levels_key: list[tuple[Any, ...]] = []
        self._lesions_key: list[tuple[str, ...]] = []
        self._root_hl: tuple[str, str] | None = None
        self._lesions: list[Any] = []
        self._percent_keys: list[str] = []  # pinned percentage tags
        self._percent_tags: list[tuple[str, str, float, float, str]] = []  # as pinned
        self._styled: list[RegionItem] = []  # the items the last restyle styled
        self._held: set[RegionItem] = set()  # the items the restyle under way holds
        self._words: dict[str, dict[str, str]] = {}  # axial level -> region id -> name
        self._blobs: list[QGraphicsItem] = []
        self._blobs_key: tuple[Any, ...] | None = None  # what the blobs were drawn for
        self._axial_text: list[QGraphicsItem] = []
        self._press_pos: QPointF | None = None

        # our own level label over the artwork's ``axial:level_label``
        self._update_level_label()
        self._refresh_tooltips()
        self._restyle()

    # ---------------------------------------------------------------- building
    def _add_svg_group(self, group: str, z: float) -> None:
        item = svg_layer_item(self._renderer, group, z)
        if item is not None:
            self._scene.addItem(item)
            self._svg_items[group] = item

    @staticmethod
    def _clickable(rid: str) -> bool:
        parts = rid.split(":")
        if parts[0] == "root":
            return len(parts) == 4 and parts[1] in vocab.ROOTS
        if parts[0] == "disc":
            return parts[1] in vocab.LEVELS
        if parts[0] == "foramen":
            return parts[1] in vocab.LEVELS
        if parts[0] == "lesion":
            return True
        return rid.startswith("axial:zone:") or rid.startswith("axial:root:")

    def items_by_id(self) -> dict[str, RegionItem]:
        """The region items by artwork id (read-only use: tests, legends)."""
        return dict(self._items)

    def item(self, region_id: str) -> RegionItem | None:
        """The region item of an artwork id, if the view has one."""
        return self._items.get(region_id)

    def svg_map(self) -> Any:
        """The :class:`~radviz.anatomy.geometry.SvgMap` of the spine diagram."""
        return self._map

    def level_label_text(self) -> str:
        """The text drawn over the axial slice's level label."""
        item = self._pins.item("axial:level_label")
        return "" if item is None else str(item.text())

    def axial_level(self) -> str:
        """The disc level shown in the axial slice."""
        return self._axial_level

    def lesion_items(self) -> list[QGraphicsItem]:
        """The lesion blobs currently drawn (coronal and axial)."""
        return list(self._blobs)

    # ------------------------------------------------------------------ public
    def set_axial_level(self, level: str) -> None:
        """Show the axial slice at ``level`` (``L1-L2`` … ``L5-S1``)."""
        if level not in vocab.LEVELS:
            raise ValueError(f"unknown level {level!r}")
        if level == self._axial_level:
            return
        self._axial_level = level
        self._update_level_label()
        self._refresh_tooltips()
        self._restyle()
        self._rebuild_blobs()

    def highlight_levels(self, levels: Iterable[LevelCandidate]) -> None:
        """Tint the lesion zone of each candidate (opacity ∝ probability) and its root.

        A traversing root is drawn solid on its ``traversing`` segment; an exiting root
        dashed on its ``foramen`` and ``extraforaminal`` segments. The axial slice moves
        to the likeliest level. An empty iterable clears the candidates.
        """
        new = [lc for lc in levels if lc.level in vocab.LEVELS]
        key = [
            (lc.level, lc.zone, lc.side, lc.root, lc.relation, round(lc.probability, 2))
            for lc in new
        ]
        if key == self._levels_key:
            return  # nothing visible changed: spare the repaint
        self._levels_key = key
        self._levels = new
        if self._levels:
            top = max(self._levels, key=lambda lc: lc.probability)
            self._axial_level = top.level
            self._update_level_label()
            self._refresh_tooltips()
        self._restyle()
        self._rebuild_blobs()

    def highlight_root(self, root: str | None, side: str | None = None) -> None:
        """Show every place ``root`` can be squeezed on ``side``.

        Traversing at the disc above (lateral recess: paracentral zone, solid) and
        exiting at its own foramen (foraminal and extraforaminal zones, dashed).
        ``None`` or ``""`` clears.
        """
        if not root or not side:
            self._root_hl = None
        else:
            self._root_hl = (root, side)
        self._restyle()

    def show_lesions(self, items: Iterable[Any]) -> None:
        """Draw imaging findings as blobs (objects or mappings with ``level``, ``side``,
        ``zone``, ``lesion`` and ``severity``; ``side`` may be ``bilateral``).

        Each is drawn in its coronal lesion zone and, when at the level of the axial
        slice, in the axial zone. If the slice shows a level without a lesion it moves
        to the level of the most severe one. An empty iterable clears.
        """
        new = [it for it in items if _field(it, "level") in vocab.LEVELS]
        key = [
            tuple(str(_field(it, k)) for k in ("level", "side", "zone", "lesion", "severity"))
            for it in new
        ]
        if key == self._lesions_key and key:
            return
        self._lesions_key = key
        self._lesions = new
        if self._lesions and not any(
            _field(it, "level") == self._axial_level for it in self._lesions
        ):
            worst = max(
                self._lesions, key=lambda it: SEVERITY_SCALE.get(str(_field(it, "severity")), 0.7)
            )
            self._axial_level = str(_field(worst, "level"))
            self._update_level_label()
            self._refresh_tooltips()
            self._restyle()
        self._rebuild_blobs()

    def clear(self) -> None:
        """Remove every highlight and lesion (the axial slice stays where it is)."""
        self._levels_key = []
        self._lesions_key = []
        self._levels = []
        self._root_hl = None
        self._lesions = []
        self._restyle()
        self._rebuild_blobs()

    def grab_image(self, width: int, height: int) -> QImage:
        """The whole diagram rendered into a ``width`` × ``height`` image."""
        return self.render_scene(width, height, labels=False)

    # ----------------------------------------------------------------- styling
    def _style_root(self, root: str, side: str, relation: str, strength: float = 1.0) -> None:
        color = QColor(style.RELATION_COLORS[relation])
        segments = ("traversing",) if relation == "traversing" else ("foramen", "extraforaminal")
        for seg in segments:
            item = self._items.get(f"root:{root}:{side}:{seg}")
            if item is None:
                continue
            self._hold(item)
            fill = QColor(color)
            fill.setAlpha(int(110 + 110 * strength))
            item.set_fill(fill)
            item.set_outline_pen(style.relation_pen(relation, 2.5), halo=True)

    def _style_zone(self, rid: str, relation: str, alpha: int, outline: bool = True) -> None:
        item = self._items.get(rid)
        if item is None:
            return
        self._hold(item)
        old = item.fill_color()
        if old is not None and old.alpha() >= alpha:
            return
        color = QColor(style.RELATION_COLORS[relation])
        color.setAlpha(alpha)
        item.set_fill(color)
        if outline:
            pen = style.relation_pen(relation, 1.5)
            item.set_outline_pen(pen)

    @staticmethod
    def _lesion_id(level: str, zone: str, side: str) -> str:
        if zone == "central":
            return f"lesion:{level}:central"
        return f"lesion:{level}:{zone}:{side}"

    @staticmethod
    def _axial_zone_id(zone: str, side: str) -> str:
        if zone == "central":
            return "axial:zone:central"
        return f"axial:zone:{zone}:{side}"

    def _restyle(self) -> None:
        # Styled afresh from a clear slate; only items whose style ends different repaint.
        # Only the items the last restyle styled need clearing (a few of the ~250).
        self._held = set(self._styled)
        for item in self._held:
            item.hold()
            item.clear_style()
        try:
            self._apply_styles()
        finally:
            for item in self._held:
                item.release()
            # every item styled now was held (cleared, or styled through _hold)
            self._styled = [item for item in self._held if item.is_styled()]
            self._held = set()

    def _hold(self, item: RegionItem) -> RegionItem:
        """An item about to be styled in :meth:`_restyle`: its repaint waits for the end."""
        if item not in self._held:
            item.hold()
            self._held.add(item)
        return item

    def _apply_styles(self) -> None:

        # every place one root can be squeezed
        if self._root_hl is not None:
            root, side = self._root_hl
            self._style_root(root, side, "traversing", 0.6)
            self._style_root(root, side, "exiting", 0.6)
            disc = traversed_level(root)
            if disc in vocab.LEVELS:
                self._style_zone(self._lesion_id(disc, "paracentral", side), "traversing", 70)
                if disc == self._axial_level:
                    self._style_zone(self._axial_zone_id("paracentral", side), "traversing", 70)
                    self._style_axial_root("traversing", side, 0.6)
            exit_at = exit_level(root)
            if exit_at in vocab.LEVELS:
                for zone in ("foraminal", "extraforaminal"):
                    self._style_zone(self._lesion_id(exit_at, zone, side), "exiting", 70)
                    if exit_at == self._axial_level:
                        self._style_zone(self._axial_zone_id(zone, side), "exiting", 70)
                if exit_at == self._axial_level:
                    self._style_axial_root("exiting", side, 0.6)

        # model candidates, likeliest drawn last so it wins ties
        best: dict[str, float] = {}
        for lc in self._levels:
            rid = self._lesion_id(lc.level, lc.zone, lc.side)
            best[rid] = max(best.get(rid, 0.0), lc.probability)
        for lc in sorted(self._levels, key=lambda c: c.probability):
            # The tint shows the likelihood in steps of TINT_STEP (its tag gives the exact
            # percent): a change of a point or two does not redraw the zone and its root.
            p = round(min(1.0, max(0.0, lc.probability)) / TINT_STEP) * TINT_STEP
            alpha = int(45 + 185 * p)
            relation = lc.relation if lc.relation in style.RELATION_COLORS else "traversing"
            self._style_zone(self._lesion_id(lc.level, lc.zone, lc.side), relation, alpha)
            self._style_root(lc.root, lc.side, relation, p)
            if lc.level == self._axial_level:
                self._style_zone(self._axial_zone_id(lc.zone, lc.side), relation, alpha)
                self._style_axial_root(relation, lc.side, p)
        tags = []
        for rid, p in best.items():
            zone_item = self._items.get(rid)
            if zone_item is not None and p >= 0.05:
                tags.append(self._percent_tag(zone_item, p))
        if tags != self._percent_tags:  # the same tags: keep them, and their layout
            if [t[:1] + t[2:] for t in tags] == [t[:1] + t[2:] for t in self._percent_tags]:
                for key, text, *_where in tags:  # the same places: new words in place
                    self._pins.set_text(key, text)
            else:
                for key in self._percent_keys:
                    self._pins.remove(key)
                self._percent_keys = []
                for key, text, x, y, anchor in tags:
                    self._add_percent(key, text, x, y, anchor)
            self._percent_tags = tags
        self._pins.layout()
        self._refresh_tooltips()

    def _style_axial_root(self, relation: str, side: str, strength: float) -> None:
        item = self._items.get(f"axial:root:{relation}:{side}")
        if item is None:
            return
        self._hold(item)
        color = QColor(style.RELATION_COLORS[relation])
        color.setAlpha(int(110 + 110 * strength))
        item.set_fill(color)
        item.set_outline_pen(style.relation_pen(relation, 2.5), halo=True)

    @staticmethod
    def _percent_tag(item: RegionItem, p: float) -> tuple[str, str, float, float, str]:
        """A percentage tag beside its zone, on the outer side, so that it never covers
        a scan lesion drawn in the zone: its key, words, place and anchor."""
        rect = item.path().boundingRect()
        axis = 300.0 if rect.center().x() < 610 else 810.0
        y = rect.center().y() + 5
        if abs(rect.center().x() - axis) < 4:  # central zone: above it
            x, anchor, y = rect.center().x(), "middle", rect.top() - 3
        elif rect.center().x() < axis:
            x, anchor = rect.left() - 3, "end"
        else:
            x, anchor = rect.right() + 3, "start"
        return f"percent:{item.region_id}", f"{round(p * 100)}%", x, y, anchor

    def _add_percent(self, key: str, text: str, x: float, y: float, anchor: str) -> None:
        self._pins.add(
            key,
            text,
            x,
            y,
            size=11,
            anchor=anchor,
            bold=True,
            color="#1B1B1B",
            priority=1,
            halo=True,
        )
        self._percent_keys.append(key)

    def _rebuild_blobs(self) -> None:
        # The blobs follow the findings and the axial level alone: a click that changes
        # neither keeps them (removing and adding them repainted the diagram).
        key = (tuple(self._lesions_key), self._axial_level)
        if key == self._blobs_key:
            return
        self._blobs_key = key
        for blob in self._blobs:
            self._scene.removeItem(blob)
        self._blobs = []
        for n, finding in enumerate(self._lesions):
            level = str(_field(finding, "level"))
            zone = str(_field(finding, "zone") or "central")
            side = str(_field(finding, "side") or "bilateral")
            severity = str(_field(finding, "severity") or "moderate")
            lesion = str(_field(finding, "lesion") or "lesion")
            scale = SEVERITY_SCALE.get(severity, 0.75)
            sides = ["left", "right"] if side == "bilateral" and zone != "central" else [side]
            words = f"{severity.replace('_', ' ')} {lesion.replace('_', ' ')}".strip()
            for s in sides:
                where = "central" if zone == "central" else f"{s} {zone}"
                tip = f"From the imaging report: {words} at {level}, {where}"
                targets = [self._items.get(self._lesion_id(level, zone, s))]
                if level == self._axial_level:
                    targets.append(self._items.get(self._axial_zone_id(zone, s)))
                for target in targets:
                    if target is None:
                        continue
                    blob = QGraphicsPathItem(
                        lesion_blob_path(target.path().boundingRect(), scale, seed=n)
                    )
                    fill = QColor(style.LESION_COLOR)
                    fill.setAlpha(205)
                    blob.setBrush(QBrush(fill))
                    pen = QPen(QColor(style.LESION_COLOR).darker(160), 1.5)
                    pen.setCosmetic(True)
                    blob.setPen(pen)
                    blob.setZValue(_Z_BLOB)
                    blob.setToolTip(tip)
                    blob.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                    blob.setData(0, "lesion")
                    blob.setData(1, target.region_id)
                    self._scene.addItem(blob)
                    self._blobs.append(blob)

    def _update_level_label(self) -> None:
        self._pins.set_text("axial:level_label", self._axial_level)
        self._pins.layout()

    def _label_rect(self) -> QRectF:
        region = self._map.regions.get("axial:level_label")
        if region is not None:
            x0, y0, x1, y1 = region.bbox
            return QRectF(x0, y0, x1 - x0, y1 - y0)
        if self._renderer.elementExists("axial:level_label"):
            return self._renderer.boundsOnElement("axial:level_label")
        return QRectF(780, 62, 60, 24)

    def _refresh_tooltips(self) -> None:
        probs: dict[str, list[str]] = {}
        for lc in self._levels:
            rid = self._lesion_id(lc.level, lc.zone, lc.side)
            probs.setdefault(rid, []).append(
                f"{round(lc.probability * 100)}% — {lc.side} {lc.root} root, {lc.relation}"
            )
            if lc.level == self._axial_level:
                probs.setdefault(self._axial_zone_id(lc.zone, lc.side), []).append(
                    f"{round(lc.probability * 100)}% — {lc.side} {lc.root} root, {lc.relation}"
                )
        words = self._words.get(self._axial_level)
        if words is None:  # the structures' names depend on the axial level alone
            words = self._words[self._axial_level] = {
                rid: describe_spine_id(rid, self._axial_level) for rid in self._items
            }
        for rid, item in self._items.items():
            tip = words[rid]
            if rid in probs:
                tip += "\nLikelihood from your findings: " + "; ".join(probs[rid])
            if self._tips.get(rid) != tip:  # most tips stay the same from one click to the next
                self._tips[rid] = tip
                item.setToolTip(tip)

    # -------------------------------------------------------------- orientation
    def labels(self) -> PinnedLabels:
        """The drawing's words, drawn readable (for tests)."""
        return self._pins

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

    def orientation_bands(self) -> list[OrientationBand]:
        """Coronal: patient's left on the viewer's left; axial: the other way round.

        Only while the drawing's own side labels (drawn readable by the view) are out of
        sight: a band never covers them."""
        if self._fitted:
            return []  # the drawing's own side labels are in view and readable
        bands = []
        for group, left, right, title, anchor_ids in (
            (
                "coronal",
                "◀ Patient's LEFT",
                "Patient's RIGHT ▶",
                "from behind",
                ("label:orient:coronal:left", "label:orient:coronal:right"),
            ),
            (
                "axial",
                "◀ Patient's RIGHT",
                "Patient's LEFT ▶",
                "from the feet",
                ("label:orient:axial:right", "label:orient:axial:left"),
            ),
        ):
            item = self._svg_items.get(group)
            if item is None:
                continue
            rect = item.sceneBoundingRect()
            regions = [self._map.regions.get(i) for i in anchor_ids]
            anchors: tuple[QPointF, QPointF] | None = None
            if regions[0] is not None and regions[1] is not None:
                anchors = (QPointF(*regions[0].center), QPointF(*regions[1].center))
                vp = self.viewport().rect()
                if all(vp.contains(self.mapFromScene(a)) for a in anchors):
                    continue  # its own labels are on screen
                for a in anchors:  # the band holds its labels
                    rect = rect.united(QRectF(a.x() - 40, a.y() - 12, 80, 24))
            shown_title = "" if self._fitted else title
            bands.append(OrientationBand(rect, left, right, shown_title, anchors))
        return bands

    # --------------------------------------------------------------- mouse
    def _target_at(self, pos: QPointF) -> RegionItem | None:
        for it in self.items(pos.toPoint()):
            if isinstance(it, RegionItem) and self._clickable(it.region_id):
                return it
        return None

    def region_at(self, x: float, y: float) -> str | None:
        """Id of the clickable structure at scene point (x, y) (what a click would hit)."""
        for it in self._scene.items(
            QPointF(x, y),
            Qt.ItemSelectionMode.IntersectsItemShape,
            Qt.SortOrder.DescendingOrder,
        ):
            if isinstance(it, RegionItem) and self._clickable(it.region_id):
                return it.region_id
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.wants_pan(event):
            super().mousePressEvent(event)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press_pos is not None and not self.is_panning():
            if (event.position() - self._press_pos).manhattanLength() > 6 and not self._fitted:
                self.start_pan(self._press_pos.toPoint())
        super().mouseMoveEvent(event)
        target = None if self.is_panning() else self._target_at(event.position())
        self.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor
            if target is not None
            else Qt.CursorShape.ClosedHandCursor
            if self.is_panning()
            else Qt.CursorShape.ArrowCursor
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.is_panning():
            self._press_pos = None
            super().mouseReleaseEvent(event)
            return
        press, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            super().mouseReleaseEvent(event)
            return
        event.accept()
        target = self._target_at(event.position())
        if target is not None:
            self._activate(target.region_id)

    def _activate(self, rid: str) -> None:
        parts = rid.split(":")
        ns = parts[0]
        if ns == "root":
            self.sig_root_clicked.emit(parts[1], parts[2])
        elif ns == "axial" and parts[1] == "root":
            exiting, traversing = level_pair(self._axial_level)
            root = traversing if parts[2] == "traversing" else exiting
            self.sig_root_clicked.emit(root, parts[3])
        elif ns == "axial" and parts[1] == "zone":
            zone = parts[2]
            side = parts[3] if len(parts) > 3 else "bilateral"
            self.sig_level_clicked.emit(self._axial_level, zone, side)
        elif ns == "lesion":
            level, zone = parts[1], parts[2]
            side = parts[3] if len(parts) > 3 else "bilateral"
            self.set_axial_level(level)
            self.sig_level_clicked.emit(level, zone, side)
        elif ns == "disc":
            self.set_axial_level(parts[1])
            self.sig_level_clicked.emit(parts[1], "central", "bilateral")
        elif ns == "foramen":
            self.set_axial_level(parts[1])
            self.sig_level_clicked.emit(parts[1], "foraminal", parts[2])


# ------------------------------------------------------------------------ legend
#: What each mark of the spine diagram means, in the legend under it.
LEGEND_ROWS: tuple[tuple[str, str], ...] = (
    ("symptoms", "Likely, from your symptoms (% = chance)"),
    ("scan", "Seen on your scan (bigger = worse)"),
    ("traversing", "Nerve squeezed beside the disc"),
    ("exiting", "Nerve squeezed in its side opening"),
)


_LEGEND_STYLE = "font-size:{px}px; color:#222;"


def _legend_icon(kind: str, size: tuple[int, int] = (30, 18)) -> QPixmap:
    w, h = size
    pix = QPixmap(w, h)
    pix.fill(QColor(0, 0, 0, 0))
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rect = QRectF(2, 2, w - 4, h - 4)
    if kind == "symptoms":
        fill = QColor(style.RELATION_COLORS["traversing"])
        fill.setAlpha(150)
        p.setBrush(fill)
        p.setPen(style.relation_pen("traversing", 1.5))
        p.drawRoundedRect(rect, 3, 3)
    elif kind == "scan":
        fill = QColor(style.LESION_COLOR)
        fill.setAlpha(205)
        p.setBrush(fill)
        p.setPen(QPen(QColor(style.LESION_COLOR).darker(160), 1.5))
        p.drawPath(lesion_blob_path(rect, 1.0))
    else:
        p.setPen(style.relation_pen(kind, 3.0))
        p.drawLine(4, h // 2, w - 4, h // 2)
    p.end()
    return pix


_RELAYOUT = (
    QEvent.Type.FontChange,
    QEvent.Type.StyleChange,
    QEvent.Type.Polish,
    QEvent.Type.LayoutRequest,
)


class SpineLegend(QWidget):
    """What the colours and outlines of the spine diagram mean (readable text, 12 px+),
    told apart: "seen on your scan" and "likely from your symptoms"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spineLegend")
        self.setAccessibleName("Legend of the spine diagram")
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        self.rows: dict[str, QLabel] = {}
        for n, (kind, text) in enumerate(LEGEND_ROWS):
            icon = QLabel()
            icon.setPixmap(_legend_icon(kind))
            label = WrapLabel(text)
            label.setStyleSheet(_LEGEND_STYLE.format(px=12))
            icon.setToolTip(text)
            row, col = divmod(n, 2)
            grid.addWidget(icon, row, 2 * col, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, row, 2 * col + 1)
            self.rows[kind] = label
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def set_text_scale(self, scale: float) -> None:
        """Larger words (presentation mode)."""
        px = max(12, round(12 * scale))
        for label in self.rows.values():
            label.setStyleSheet(_LEGEND_STYLE.format(px=px))
        self._keep_height()

    def _keep_height(self) -> None:
        """Ask for the height the wrapped rows need at this width, so a splitter or a
        small window never squeezes the legend onto the drawing above it (a layout
        overlaps its widgets when given less than their minimum)."""
        layout = self.layout()
        if layout is None or self.width() <= 0:
            return
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._keep_height()

    def event(self, event: QEvent) -> bool:
        result = super().event(event)
        if event.type() in _RELAYOUT:
            self._keep_height()
        return result
