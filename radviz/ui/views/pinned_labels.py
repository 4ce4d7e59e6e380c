"""Labels of an SVG drawing kept readable at any zoom (Qt view helper).

A drawing shown small (the spine diagram in its pane) would shrink its text below what
anyone can read. :class:`PinnedLabels` draws the drawing's ``<text>`` elements as scene
items that ignore the view's zoom: each is drawn at the size the drawing asks for times
the view's scale, but never below ``min_px`` pixels. When labels would then overlap, the
more important one is kept (lower ``priority``) and the other is left out until there is
room. :func:`split_svg_text` takes the texts out of an SVG so the renderer does not draw
them a second time, tiny.
"""

from __future__ import annotations

import contextlib
import html
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QGraphicsView

__all__ = ["MIN_LABEL_PX", "PinnedLabels", "SvgText", "split_svg_text"]

#: No pinned label is drawn smaller than this many pixels (the issue asks for >= 11).
MIN_LABEL_PX = 12

_ID_PATH = re.compile(rb'<path id="([^"]*)"[^>]*/>')  # the build scripts write the id first
# an opening group (or the root), a group's end, or a whole text element
_TOKENS = re.compile(rb"<(?:(svg|g|/g)\b([^>]*)>|text\b([^>]*)>(.*?)</text>)", re.S)
_ATTR = re.compile(rb'([\w:-]+)="([^"]*)"')


@dataclass(frozen=True)
class SvgText:
    """One ``<text>`` of a drawing: id (or ``None``), words, anchor point and style."""

    ident: str | None
    text: str
    x: float
    y: float
    size: float
    anchor: str
    bold: bool
    color: str
    group: str


def split_svg_text(
    data: bytes, drop_ids: Callable[[str], bool] = lambda _i: False
) -> tuple[bytes, list[SvgText]]:
    """The SVG without its texts (and without paths whose id ``drop_ids`` accepts), and
    the texts it held, in document order, each with its top-level group.

    Reads the flat markup our build scripts write (attributes in double quotes, no
    nested markup inside a ``<text>``) with regular expressions: a full XML parse of the
    spine drawing would cost start-up about 10 ms."""
    texts: list[SvgText] = []
    pieces: list[bytes] = []
    last = 0
    group = ""
    depth = 0
    for m in _TOKENS.finditer(data):
        tag = m.group(1)
        if tag == b"/g":
            depth -= 1
            continue
        raw = m.group(2) if tag is not None else m.group(3)
        attrs = {k.decode(): html.unescape(v.decode()) for k, v in _ATTR.findall(raw)}
        if tag == b"g":
            depth += 1
            if depth == 1:
                group = attrs.get("id", "")
            continue
        if tag == b"svg":
            continue
        pieces.append(data[last : m.start()])
        last = m.end()
        texts.append(
            SvgText(
                attrs.get("id"),
                html.unescape(m.group(4).decode()),
                float(attrs.get("x", "0")),
                float(attrs.get("y", "0")),
                float(attrs.get("font-size", "12")),
                attrs.get("text-anchor", "start"),
                attrs.get("font-weight") == "bold",
                attrs.get("fill", "#2E3336"),
                group,
            )
        )
    pieces.append(data[last:])
    out = b"".join(pieces)

    def keep(match: re.Match[bytes]) -> bytes:
        return b"" if drop_ids(match.group(1).decode()) else match.group(0)

    return _ID_PATH.sub(keep, out), texts


@dataclass
class _Pinned:
    item: QGraphicsSimpleTextItem
    halo: QGraphicsSimpleTextItem | None
    size: float
    anchor: str
    bold: bool
    priority: int
    base: tuple[float, float]
    text: str = ""
    short: str = ""
    shown: tuple[object, ...] = ()
    """What the last layout applied (words, pixel size, bold, shift, visible)."""


class PinnedLabels:
    """Text items of one view that keep a readable size and never overlap."""

    def __init__(
        self,
        view: QGraphicsView,
        *,
        min_px: int = MIN_LABEL_PX,
        max_px: int | None = None,
        z: float = 50.0,
    ):
        self._view = view
        self._min_px = min_px
        self._max_px = max_px  # a close-up never makes the words bigger than this
        self._z = z
        self._labels: dict[str, _Pinned] = {}
        self._scale = 1.0
        self._text_scale = 1.0
        self._fonts: dict[tuple[int, bool], tuple[QFont, QFontMetricsF]] = {}
        self._last: tuple[float, ...] | None = None  # what the last layout was for

    def add(
        self,
        key: str,
        text: str,
        x: float,
        y: float,
        *,
        size: float = 12.0,
        anchor: str = "start",
        bold: bool = False,
        color: str = "#2E3336",
        priority: int = 5,
        halo: bool = False,
        short: str = "",
    ) -> QGraphicsSimpleTextItem:
        """Pin a label whose baseline starts (or is centred, or ends) at scene (x, y).

        ``short`` is drawn instead when the words do not fit (``"R"`` for
        ``"Patient's right"``)."""
        self._last = None
        self.remove(key)
        scene = self._view.scene()
        items: list[QGraphicsSimpleTextItem] = []
        for with_halo in (True, False) if halo else (False,):
            item = QGraphicsSimpleTextItem(text)
            item.setBrush(QColor(color))
            if with_halo:
                pen = QPen(QColor(255, 255, 255, 235), 3.0)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                item.setPen(pen)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            item.setPos(x, y)
            item.setZValue(self._z + (0.0 if with_halo else 0.01))
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setAcceptHoverEvents(False)
            scene.addItem(item)
            items.append(item)
        top = items[-1]
        self._labels[key] = _Pinned(
            top, items[0] if halo else None, size, anchor, bold, priority, (x, y), text, short
        )
        return top

    def add_svg(
        self,
        texts: Iterable[SvgText],
        priority: Callable[[SvgText], int | None],
        short: Callable[[SvgText], str] = lambda _t: "",
    ) -> None:
        """Pin every text of a drawing that ``priority`` gives a rank (None: skip it);
        ``short`` gives the shorter words to fall back on."""
        for n, t in enumerate(texts):
            rank = priority(t)
            if rank is None:
                continue
            self.add(
                t.ident or f"{t.group}:text:{n}",
                t.text,
                t.x,
                t.y,
                size=t.size,
                anchor=t.anchor,
                bold=t.bold,
                color=t.color,
                priority=rank,
                short=short(t),
            )

    def join_lines(self, suffix: str = ":2") -> None:
        """Make ``<key><suffix>`` the second line of ``<key>`` (a two-line call-out is
        kept or left out as a whole)."""
        for key in [k for k in self._labels if k.endswith(suffix)]:
            first = self._labels.get(key[: -len(suffix)])
            second = self._labels.get(key)
            if first is None or second is None:
                continue
            self.set_text(key[: -len(suffix)], f"{first.text}\n{second.text}")
            self.remove(key)

    def remove(self, key: str) -> None:
        """Take a label away."""
        self._last = None
        old = self._labels.pop(key, None)
        if old is None:
            return
        for item in (old.item, old.halo):
            if item is not None and item.scene() is not None:
                item.scene().removeItem(item)

    def keys(self) -> list[str]:
        """Keys of the pinned labels."""
        return list(self._labels)

    def item(self, key: str) -> QGraphicsSimpleTextItem | None:
        """The text item of a label."""
        pinned = self._labels.get(key)
        return None if pinned is None else pinned.item

    def set_text(self, key: str, text: str) -> None:
        """Change a label's words."""
        pinned = self._labels.get(key)
        if pinned is not None and pinned.text == text:
            return  # the same words: the last layout still holds
        if pinned is not None and self._same_box(pinned, text):
            # "63%" -> "64%": words as wide as those laid out change nothing else (the
            # box, and so every label's place and visibility, stay): no new layout
            pinned.text = text
            for item in (pinned.item, pinned.halo):
                if item is not None:
                    item.setText(text)
            return
        self._last = None
        if pinned is not None:
            pinned.text = text
            for item in (pinned.item, pinned.halo):
                if item is not None:
                    item.setText(text)

    def _same_box(self, pinned: _Pinned, text: str) -> bool:
        """Whether ``text`` would take exactly the box the shown words have."""
        shown = pinned.item.text()
        if self._last is None or pinned.short or shown != pinned.text:
            return False  # not laid out yet, or a short form (or none) is shown
        if "\n" in text or "\n" in shown:
            return False
        fm = QFontMetricsF(pinned.item.font())
        return fm.horizontalAdvance(text) == fm.horizontalAdvance(shown)

    def move_to(self, key: str, dx: float, dy: float) -> None:
        """Draw a label ``(dx, dy)`` scene units away from where it was added."""
        self._last = None
        pinned = self._labels.get(key)
        if pinned is not None:
            for item in (pinned.item, pinned.halo):
                if item is not None:
                    item.setPos(pinned.base[0] + dx, pinned.base[1] + dy)

    def set_scale(self, scale: float) -> None:
        """Draw every label ``scale`` times larger (presentation mode)."""
        self._last = None
        self._scale = max(0.5, float(scale))
        self.layout()

    def set_text_scale(self, scale: float) -> None:
        """Follow the application's text size (Ctrl+plus): labels grow with it, on top
        of :meth:`set_scale`; a smaller text size never takes them under the minimum."""
        self._last = None
        self._text_scale = max(1.0, float(scale))
        self.layout()

    def follow_text_size(self) -> None:
        """Keep :meth:`set_text_scale` in step with :func:`radviz.ui.text_size.text_size`
        (for the view's life)."""
        from radviz.ui.text_size import text_size

        sizes = text_size()
        self._text_scale = max(1.0, sizes.scale)
        view = self._view

        def changed(scale: float) -> None:
            if shiboken6.isValid(view):
                self.set_text_scale(scale)

        sizes.sig_changed.connect(changed)
        view.destroyed.connect(lambda *_a: _disconnect(sizes.sig_changed, changed))

    def pixel_size(self, key: str) -> int:
        """The pixel size a label is drawn at."""
        pinned = self._labels[key]
        return pinned.item.font().pixelSize()

    def visible_keys(self) -> list[str]:
        """Labels drawn (not left out for lack of room)."""
        return [k for k, p in self._labels.items() if p.item.isVisible()]

    def _font(self, px: int, bold: bool) -> tuple[QFont, QFontMetricsF]:
        cached = self._fonts.get((px, bold))
        if cached is None:
            font = QFont("DejaVu Sans")
            font.setPixelSize(px)
            font.setBold(bold)
            cached = self._fonts[(px, bold)] = (font, QFontMetricsF(font))
        return cached

    def layout(self) -> None:
        """Size every label for the view's zoom; leave out those that would overlap."""
        view = self._view
        scale = float(view.transform().m11())
        origin = view.mapFromScene(0.0, 0.0)
        vp = view.viewport()
        state = (
            scale,
            float(origin.x()),
            float(origin.y()),
            vp.width(),
            vp.height(),
            self._scale * self._text_scale,
        )
        if state == self._last:
            return  # nothing moved since the last layout (resizes come in bursts)
        self._last = state
        placed = _Boxes()
        right_edge = float(view.viewport().width())
        for pinned in sorted(self._labels.values(), key=lambda p: p.priority):
            px = max(float(self._min_px), pinned.size * scale)
            if self._max_px is not None:
                px = min(px, float(max(self._max_px, self._min_px)))
            px *= self._scale * self._text_scale
            font, fm = self._font(max(self._min_px, round(px)), pinned.bold)
            anchor = view.mapFromScene(pinned.item.pos())
            words = [pinned.text or pinned.item.text()] + ([pinned.short] if pinned.short else [])
            for text in words:
                lines = text.split("\n")
                w = max(fm.horizontalAdvance(line) for line in lines)
                dx = {"middle": -w / 2, "end": -w}.get(pinned.anchor, 0.0)
                # keep the words inside the view (a centred title wider than its drawing)
                left = anchor.x() + dx
                if left < 2 and anchor.x() >= 0:
                    dx += 2 - left
                elif left + w > right_edge - 2 and anchor.x() <= right_edge:
                    dx -= left + w - (right_edge - 2)
                dy = -fm.ascent()
                if anchor.y() + dy < 2 and anchor.y() >= 0:
                    dy = 2 - anchor.y()  # a title at the very top stays in view
                height = fm.height() + fm.lineSpacing() * (len(lines) - 1)
                box = QRectF(anchor.x() + dx, anchor.y() + dy, w, height)
                clash = placed.hits(box.adjusted(-3, 0, 3, 0))
                if not clash:
                    break
            if pinned.anchor == "middle" and "\n" in text:
                text = _centre_lines(text, fm)
            shown = (text, font.pixelSize(), pinned.bold, dx, dy, not clash)
            if shown != pinned.shown:  # most labels keep their words, size and place
                pinned.shown = shown
                shift = QTransform.fromTranslate(dx, dy)
                for item in (pinned.item, pinned.halo):
                    if item is None:
                        continue
                    item.setText(text)  # each setter but setFont skips an unchanged value
                    if item.font() != font:  # (setting one repaints the label)
                        item.setFont(font)
                    item.setTransform(shift)
                    item.setVisible(not clash)
            if not clash:
                placed.add(box)


class _Boxes:
    """Placed label boxes, bucketed by cells of the viewport, so a new box is tested
    against its neighbours only (a layout of ~65 labels tested each against all)."""

    CELL = 64.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, box: QRectF) -> list[tuple[int, int]]:
        c = self.CELL
        xs = range(math.floor(box.left() / c), math.floor(box.right() / c) + 1)
        ys = range(math.floor(box.top() / c), math.floor(box.bottom() / c) + 1)
        return [(x, y) for x in xs for y in ys]

    def hits(self, box: QRectF) -> bool:
        """Whether ``box`` overlaps a placed box."""
        cells = self._cells
        for key in self._keys(box):
            for other in cells.get(key, ()):
                if box.intersects(other):
                    return True
        return False

    def add(self, box: QRectF) -> None:
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(box)


def _centre_lines(text: str, fm: QFontMetricsF) -> str:
    """The lines of a centred label each centred under the widest (a simple text item
    draws every line from the left): shorter lines are led by spaces."""
    lines = text.split("\n")
    widest = max(fm.horizontalAdvance(line) for line in lines)
    space = fm.horizontalAdvance(" ") or 1.0
    return "\n".join(
        " " * round((widest - fm.horizontalAdvance(line)) / 2 / space) + line for line in lines
    )


def _disconnect(signal: Any, slot: Callable[..., None]) -> None:
    with contextlib.suppress(RuntimeError, TypeError):
        signal.disconnect(slot)
