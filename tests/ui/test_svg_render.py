"""The model's polygons match what Qt's own SVG renderer draws.

Each layer is drawn twice as an opaque silhouette — once by ``QSvgRenderer`` from a copy of
the SVG whose shapes are restyled to opaque black (ids, geometry, transforms and fill rules
untouched), once from :class:`radviz.anatomy.geometry.Region` polygons through
:func:`qpainterpath_from_region` — and the two alpha masks must agree on all but a sliver of
boundary pixels. The model's own raster (used for hit-testing and paint overlap) is held to
the same standard.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

QtSvg = pytest.importorskip("PySide6.QtSvg")
from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPolygonF  # noqa: E402

from radviz import resources  # noqa: E402
from radviz.anatomy import geometry  # noqa: E402
from radviz.anatomy.geometry import Region, SvgMap  # noqa: E402

TOLERANCE = 0.015  # share of the silhouette's pixels allowed to differ
SVG_NS = "http://www.w3.org/2000/svg"
SHAPES = {"path", "rect", "circle", "ellipse", "polygon", "polyline", "line"}
STYLE_PROPS = {
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "opacity",
    "display",
    "visibility",
}


def qpainterpath_from_region(region: Region) -> QPainterPath:
    """A QPainterPath of a region, in viewBox units, with the SVG's fill rule.

    Qt fills with OddEvenFill unless told otherwise, whereas SVG's default is nonzero.
    (The canonical helper belongs to the UI package; this one serves the tests.)
    """
    path = QPainterPath()
    for ring in region.polygons:
        path.addPolygon(QPolygonF([QPointF(float(x), float(y)) for x, y in ring]))
        path.closeSubpath()
    rule = Qt.FillRule.WindingFill if region.fill_rule == "nonzero" else Qt.FillRule.OddEvenFill
    path.setFillRule(rule)
    return path


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def silhouette_svg(path: Path, layer: str) -> bytes:
    """A copy of the SVG holding only ``layer``'s id'd shapes, all filled opaque black."""
    ET.register_namespace("", SVG_NS)
    tree = ET.parse(path)
    root = tree.getroot()
    for child in list(root):
        if _local(child.tag) not in ("defs", "g") or (
            _local(child.tag) == "g" and child.get("id") != layer
        ):
            root.remove(child)

    def unstyle(elem: ET.Element) -> None:
        style = [
            decl
            for decl in (elem.get("style") or "").split(";")
            if decl.partition(":")[0].strip() not in STYLE_PROPS and decl.strip()
        ]
        if style:
            elem.set("style", ";".join(style))
        elif "style" in elem.attrib:
            del elem.attrib["style"]
        for prop in STYLE_PROPS:
            elem.attrib.pop(prop, None)

    def walk(elem: ET.Element, in_region: bool) -> None:
        for child in list(elem):
            tag = _local(child.tag)
            if tag in ("text", "title", "desc", "use", "image"):
                elem.remove(child)
                continue
            has_id = child.get("id") is not None
            if tag in SHAPES and not (has_id or in_region):
                elem.remove(child)  # decoration without an id is not a region
                continue
            unstyle(child)
            if tag in SHAPES:
                child.set("fill", "#000000")
                child.set("stroke", "none")
            if tag == "g":
                walk(child, in_region or has_id)

    for top in root:
        if _local(top.tag) == "g":
            unstyle(top)  # invisible layers (opacity 0, display none) still hold regions
            walk(top, False)
    out: bytes = ET.tostring(root, encoding="utf-8")
    return out


def alpha(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    w, h = image.width(), image.height()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return buf.reshape(h, image.bytesPerLine())[:, : 4 * w].reshape(h, w, 4)[..., 3].copy()


def blank(m: SvgMap) -> QImage:
    rows, cols = m.grid_shape
    image = QImage(cols, rows, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image


def render_svg(m: SvgMap, layer: str) -> np.ndarray:
    renderer = QtSvg.QSvgRenderer(QByteArray(silhouette_svg(m.path, layer)))
    assert renderer.isValid()
    image = blank(m)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return alpha(image) > 127


def render_regions(m: SvgMap, layer: str, *, flip_rule: bool = False) -> np.ndarray:
    image = blank(m)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(m.scale, m.scale)
    painter.translate(-m.viewbox[0], -m.viewbox[1])
    for region in m.layer(layer):
        if region.kind == "text" or not region.polygons:
            continue
        path = qpainterpath_from_region(region)
        if flip_rule:
            nonzero = path.fillRule() == Qt.FillRule.WindingFill
            path.setFillRule(Qt.FillRule.OddEvenFill if nonzero else Qt.FillRule.WindingFill)
        painter.fillPath(path, QColor(0, 0, 0))
    painter.end()
    return alpha(image) > 127


def model_raster(m: SvgMap, layer: str) -> np.ndarray:
    out = np.zeros(m.grid_shape, dtype=bool)
    for region in m.layer(layer):
        if region.kind != "text":
            out |= m.mask(region.id)
    return out


def mismatch(a: np.ndarray, b: np.ndarray) -> float:
    union = np.count_nonzero(a | b)
    return 0.0 if union == 0 else np.count_nonzero(a ^ b) / union


# --------------------------------------------------------------------------- synthetic


@pytest.fixture
def donuts(tmp_path: Path) -> SvgMap:
    rings = "M20 20 H180 V180 H20 Z M70 70 H130 V130 H70 Z"  # same orientation: rule matters
    curve = "M260 100 C260 40 380 40 380 100 C380 160 260 160 260 100 Z"
    body = (
        '<g id="shapes">'
        f'<path id="nz" d="{rings}" fill="#c00" fill-opacity="0.3"/>'
        f'<path id="eo" fill-rule="evenodd" transform="translate(0 200)" d="{rings}"/>'
        f'<g transform="scale(1 2)"><path id="blob" d="{curve}" style="fill:none;stroke:red"/></g>'
        '<circle id="dot" cx="320" cy="330" r="25" opacity="0"/>'
        "</g>"
    )
    path = tmp_path / "donuts.svg"
    path.write_text(
        f'<svg xmlns="{SVG_NS}" width="200" height="200" viewBox="0 0 400 400">{body}</svg>',
        encoding="utf-8",
    )
    return geometry.load_map(path)


def test_synthetic_regions_match_qsvgrenderer(qapp: object, donuts: SvgMap) -> None:
    qt = render_svg(donuts, "shapes")
    ours = render_regions(donuts, "shapes")
    assert np.count_nonzero(qt) > 40000
    assert mismatch(qt, ours) < TOLERANCE
    assert mismatch(qt, model_raster(donuts, "shapes")) < TOLERANCE
    # the comparison is sharp enough to notice a wrong fill rule
    assert mismatch(qt, render_regions(donuts, "shapes", flip_rule=True)) > 0.1


def test_qpainterpath_fill_rules(qapp: object, donuts: SvgMap) -> None:
    nz = qpainterpath_from_region(donuts.get("nz"))
    eo = qpainterpath_from_region(donuts.get("eo"))
    assert nz.fillRule() == Qt.FillRule.WindingFill
    assert eo.fillRule() == Qt.FillRule.OddEvenFill
    assert nz.contains(QPointF(100, 100)) and not eo.contains(QPointF(100, 300))
    assert eo.contains(QPointF(40, 240))


# --------------------------------------------------------------------------- the real art

REAL = [
    ("body_map.svg", "silhouette"),
    ("body_map.svg", "limbs"),
    ("body_map.svg", "zones"),
    ("body_map.svg", "dermatomes_classic"),
    ("body_map.svg", "dermatomes_lee2008"),
    ("body_map.svg", "nerves"),
    ("spine.svg", "coronal"),
    ("spine.svg", "axial"),
    ("spine.svg", "lesion_zones"),
]
_maps: dict[str, SvgMap] = {}


def real_map(name: str) -> SvgMap:
    if name not in _maps:
        _maps[name] = geometry.load_map(resources.asset_path(name))
    return _maps[name]


@pytest.mark.parametrize(("name", "layer"), REAL)
def test_real_layers_match_qsvgrenderer(qapp: object, name: str, layer: str) -> None:
    m = real_map(name)
    qt = render_svg(m, layer)
    ours = render_regions(m, layer)
    raster = model_raster(m, layer)
    assert np.count_nonzero(qt) > 0, f"{name}: layer {layer} renders nothing"
    drawn, rastered = mismatch(qt, ours), mismatch(qt, raster)
    assert drawn < TOLERANCE and rastered < TOLERANCE, (
        f"{name}:{layer}: QPainterPath differs on {drawn:.2%}, raster on {rastered:.2%} "
        "of the silhouette"
    )
