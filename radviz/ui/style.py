"""Colours and fill patterns shared by the body map, the spine view and the legend.

Symptom kinds differ in colour **and** pattern so they stay apart for readers with a
colour-vision deficiency (Okabe-Ito palette, Okabe & Ito 2008):

========== ====================== ======================
kind       colour                 pattern
========== ====================== ======================
pain       vermillion ``#D55E00`` solid
burning    orange ``#E69F00``     diagonal hatch (``/``)
aching     sky blue ``#56B4E9``   dense horizontal lines
numbness   blue-grey ``#4E6E8E``  cross-hatch (``x``)
tingling   reddish purple         dots
========== ====================== ======================

The patterns are drawn as textures of a fixed *screen* size (see
:func:`pattern_brush`), so they stay readable at every zoom.

Roots have one colour each (:func:`root_color`) matching the dermatome artwork of
``assets/svg/body_map.svg``. Compression is drawn two ways: a *traversing* root in
solid vermillion, an *exiting* root in dashed blue (:func:`relation_pen`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QTransform,
)

__all__ = [
    "IMAGING_COLOR",
    "KIND_ORDER",
    "KIND_STYLES",
    "LESION_COLOR",
    "RELATION_COLORS",
    "SPECIFICITY",
    "KindStyle",
    "base_brush",
    "high_contrast_palette",
    "imaging_brush",
    "kind_color",
    "legend_icon",
    "legend_pixmap",
    "pattern_brush",
    "pattern_tile",
    "relation_pen",
    "root_color",
    "set_root_colors",
    "texture_brush",
]

# Okabe-Ito palette
_BLACK = "#000000"
_ORANGE = "#E69F00"
_SKY_BLUE = "#56B4E9"
_BLUISH_GREEN = "#009E73"
_YELLOW = "#F0E442"
_BLUE = "#0072B2"
_VERMILLION = "#D55E00"
_REDDISH_PURPLE = "#CC79A7"
_BLUE_GREY = "#4E6E8E"


@dataclass(frozen=True)
class KindStyle:
    """How one symptom kind is drawn.

    ``color`` is a ``#RRGGBB`` string, ``pattern`` the nearest built-in Qt brush
    style (for widgets that want one), ``texture`` the name of the custom tile drawn
    by :func:`pattern_tile` and ``pattern_name`` a plain-words description for legends
    and accessible text.
    """

    kind: str
    label: str
    color: str
    pattern: Qt.BrushStyle
    texture: str
    pattern_name: str


KIND_STYLES: dict[str, KindStyle] = {
    "pain": KindStyle(
        "pain", "Pain (sharp, shooting)", _VERMILLION, Qt.BrushStyle.SolidPattern, "solid", "solid"
    ),
    "burning": KindStyle(
        "burning", "Burning", _ORANGE, Qt.BrushStyle.BDiagPattern, "diagonal", "diagonal stripes"
    ),
    "aching": KindStyle(
        "aching",
        "Aching (dull, deep)",
        _SKY_BLUE,
        Qt.BrushStyle.Dense4Pattern,
        "lines",
        "horizontal lines",
    ),
    "numbness": KindStyle(
        "numbness",
        "Numbness",
        _BLUE_GREY,
        Qt.BrushStyle.DiagCrossPattern,
        "crosshatch",
        "cross-hatch",
    ),
    "tingling": KindStyle(
        "tingling",
        "Tingling (pins and needles)",
        _REDDISH_PURPLE,
        Qt.BrushStyle.Dense6Pattern,
        "dots",
        "dots",
    ),
}

#: Legend order (the order of :data:`radviz.anatomy.vocab.SYMPTOM_KINDS`).
KIND_ORDER: tuple[str, ...] = ("pain", "burning", "aching", "numbness", "tingling")

#: Most specific kind first: a zone with several kinds shows the first one found.
SPECIFICITY: tuple[str, ...] = ("numbness", "tingling", "burning", "pain", "aching")

#: Colour of the territories named by an imaging (MRI) finding.
IMAGING_COLOR = _BLUISH_GREEN
#: Colour of a lesion drawn from an imaging finding (red-brown).
LESION_COLOR = "#8C2D19"

#: Highlight colour for how a root is compressed.
RELATION_COLORS: dict[str, str] = {"traversing": _VERMILLION, "exiting": _BLUE}

# One colour per root, matching the dermatome fills of body_map.svg.
_ROOT_COLORS: dict[str, str] = {
    "L1": "#F0E442",
    "L2": "#0067A0",
    "L3": "#EFC159",
    "L4": "#91CEF1",
    "L5": "#C05500",
    "S1": "#009E73",
    "S2": "#8F5575",
    "S3": "#E69E66",
    "S4": "#387597",
    "S5": "#F4EC7B",
}


def _style(kind: str) -> KindStyle:
    try:
        return KIND_STYLES[kind]
    except KeyError:
        raise ValueError(f"unknown symptom kind {kind!r}") from None


def kind_color(kind: str, alpha: int = 255) -> QColor:
    """The colour of a symptom kind, optionally translucent (``alpha`` 0-255)."""
    color = QColor(_style(kind).color)
    color.setAlpha(alpha)
    return color


def root_color(root: str, alpha: int = 255) -> QColor:
    """The colour of a nerve root (``L1`` … ``S5``); grey for anything else."""
    color = QColor(_ROOT_COLORS.get(root, "#888888"))
    color.setAlpha(alpha)
    return color


def set_root_colors(colors: dict[str, str]) -> None:
    """Adopt root colours read from the artwork (``{"L5": "#0072B2", …}``)."""
    for root, value in colors.items():
        if QColor(value).isValid():
            _ROOT_COLORS[root] = value


def relation_pen(relation: str, width: float = 4.0) -> QPen:
    """Pen for a compressed root: traversing solid vermillion, exiting dashed blue.

    The pen is cosmetic (``width`` in device pixels), so it stays visible at any zoom.
    """
    pen = QPen(QColor(RELATION_COLORS.get(relation, _BLACK)), width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if relation == "exiting":
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([2.0, 1.2])
    else:
        pen.setStyle(Qt.PenStyle.SolidLine)
    return pen


# ----------------------------------------------------------------------- patterns
_TILE = 12  # logical pixels per pattern tile


@lru_cache(maxsize=64)
def _tile_image(texture: str, color: str, px: int) -> QImage:
    """A transparent tile of ``px`` × ``px`` pixels with the pattern in ``color``."""
    img = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    if texture == "solid":
        return img  # a solid fill needs no pattern over the base colour
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    scale = px / _TILE
    pen = QPen(QColor(color), 1.8 * scale)
    pen.setCapStyle(Qt.PenCapStyle.SquareCap)
    p.setPen(pen)
    s = float(px)
    if texture == "diagonal":
        # "/" stripes: tile-continuous when drawn across the corners as well
        p.drawLine(QPointF(0, s), QPointF(s, 0))
        p.drawLine(QPointF(-s / 2, s / 2), QPointF(s / 2, -s / 2))
        p.drawLine(QPointF(s / 2, 1.5 * s), QPointF(1.5 * s, s / 2))
    elif texture == "lines":
        pen.setWidthF(1.6 * scale)
        p.setPen(pen)
        p.drawLine(QPointF(0, s / 4), QPointF(s, s / 4))
        p.drawLine(QPointF(0, 3 * s / 4), QPointF(s, 3 * s / 4))
    elif texture == "crosshatch":
        pen.setWidthF(1.4 * scale)
        p.setPen(pen)
        for sign in (1.0, -1.0):
            if sign > 0:
                p.drawLine(QPointF(0, 0), QPointF(s, s))
                p.drawLine(QPointF(-s / 2, s / 2), QPointF(s / 2, 1.5 * s))
                p.drawLine(QPointF(s / 2, -s / 2), QPointF(1.5 * s, s / 2))
            else:
                p.drawLine(QPointF(0, s), QPointF(s, 0))
                p.drawLine(QPointF(-s / 2, s / 2), QPointF(s / 2, -s / 2))
                p.drawLine(QPointF(s / 2, 1.5 * s), QPointF(1.5 * s, s / 2))
    elif texture == "dots":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        r = 1.7 * scale
        p.drawEllipse(QPointF(s / 4, s / 4), r, r)
        p.drawEllipse(QPointF(3 * s / 4, 3 * s / 4), r, r)
    elif texture == "hatch_light":
        pen.setWidthF(1.2 * scale)
        p.setPen(pen)
        p.drawLine(QPointF(0, 0), QPointF(s, s))
        p.drawLine(QPointF(-s / 2, s / 2), QPointF(s / 2, 1.5 * s))
        p.drawLine(QPointF(s / 2, -s / 2), QPointF(1.5 * s, s / 2))
    p.end()
    return img


def pattern_tile(kind: str, px: int = _TILE, color: QColor | None = None) -> QImage:
    """The pattern tile of a symptom kind (transparent where there is no ink)."""
    style = _style(kind)
    ink = color.name() if color is not None else _darker(style.color)
    return _tile_image(style.texture, ink, max(4, int(px)))


def _darker(color: str) -> str:
    return QColor(color).darker(135).name()


def pattern_brush(kind: str, world_scale: float = 1.0, dpr: float = 1.0) -> QBrush:
    """A texture brush with the kind's pattern (no brush for a solid kind).

    ``world_scale`` is the painter's scale from item units to logical pixels and
    ``dpr`` the device pixel ratio; the brush gets the inverse transform, so the
    pattern keeps the same size on screen however far the view is zoomed (like Qt's
    cosmetic patterns, but larger, anti-aliased and crisp on high-DPI screens).
    """
    style = _style(kind)
    if style.texture == "solid":
        return QBrush(Qt.BrushStyle.NoBrush)
    return texture_brush(style.texture, _darker(style.color), world_scale, dpr)


def texture_brush(texture: str, color: str, world_scale: float = 1.0, dpr: float = 1.0) -> QBrush:
    """A texture brush of a named pattern tile at a fixed on-screen size."""
    dpr = max(1.0, float(dpr))
    px = round(_TILE * dpr)
    brush = QBrush(_tile_image(texture, color, px))
    scale = world_scale * dpr
    if scale > 0:
        brush.setTransform(QTransform.fromScale(1.0 / scale, 1.0 / scale))
    return brush


def base_brush(kind: str, alpha: int = 120) -> QBrush:
    """Translucent base fill of a symptom kind; a solid kind is filled more densely."""
    style = _style(kind)
    if style.texture == "solid":
        alpha = min(255, int(alpha * 1.5))
    return QBrush(kind_color(kind, alpha))


def imaging_brush(world_scale: float = 1.0, dpr: float = 1.0) -> QBrush:
    """Light diagonal hatch for territories of roots named by an MRI finding."""
    return texture_brush("hatch_light", IMAGING_COLOR, world_scale, dpr)


# ------------------------------------------------------------------------- legend
def legend_pixmap(kind: str, size: int = 24, device_pixel_ratio: float = 1.0) -> QPixmap:
    """A square swatch of a symptom kind: base colour, pattern and a dark border."""
    dpr = max(1.0, device_pixel_ratio)
    px = max(8, round(size * dpr))
    img = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rect = QRectF(1.0, 1.0, px - 2.0, px - 2.0)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(base_brush(kind))
    p.drawRoundedRect(rect, 3 * dpr, 3 * dpr)
    style = _style(kind)
    if style.texture != "solid":
        p.setBrush(QBrush(_tile_image(style.texture, _darker(style.color), round(_TILE * dpr))))
        p.drawRoundedRect(rect, 3 * dpr, 3 * dpr)
    pen = QPen(kind_color(kind).darker(160), max(1.0, dpr))
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(rect, 3 * dpr, 3 * dpr)
    p.end()
    pix = QPixmap.fromImage(img)
    pix.setDevicePixelRatio(dpr)
    return pix


def legend_icon(kind: str, size: int = 24) -> QIcon:
    """An icon of the swatch of ``kind`` (1× and 2× pixmaps, for high-DPI screens)."""
    icon = QIcon()
    icon.addPixmap(legend_pixmap(kind, size, 1.0))
    icon.addPixmap(legend_pixmap(kind, size, 2.0))
    return icon


# ------------------------------------------------------------------ high contrast
def high_contrast_palette(base: QPalette) -> QPalette:
    """A high-contrast widget palette: black text on white, selection in Okabe-Ito blue
    with white text (6.4:1), links in the same blue, disabled text dark grey (8:1).

    Only the widgets' palette changes: symptom kinds keep their colours and patterns,
    so the maps stay colour-blind safe.
    """
    pal = QPalette(base)
    black, white = QColor("#000000"), QColor("#FFFFFF")
    blue = QColor(_BLUE).darker(115)
    roles = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, color in (
            (roles.Window, white),
            (roles.WindowText, black),
            (roles.Base, white),
            (roles.AlternateBase, QColor("#EDEDED")),
            (roles.Text, black),
            (roles.Button, QColor("#F2F2F2")),
            (roles.ButtonText, black),
            (roles.BrightText, white),
            (roles.Highlight, blue),
            (roles.HighlightedText, white),
            (roles.ToolTipBase, QColor("#FFFFE0")),
            (roles.ToolTipText, black),
            (roles.PlaceholderText, QColor("#404040")),
            (roles.Link, blue),
            (roles.Light, white),
            (roles.Midlight, QColor("#BFBFBF")),
            (roles.Mid, QColor("#595959")),
            (roles.Dark, black),
            (roles.Shadow, black),
        ):
            pal.setColor(group, role, color)
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#505050"))
    return pal
