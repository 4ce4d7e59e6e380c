"""Free-hand drawing → findings (model layer, numpy only, no Qt).

The body map lets a patient paint where it hurts. Painting is stored as one boolean
grid per symptom kind, in the body map's label-raster coordinates
(``body_map().grid_shape``). This module turns those grids into

* contract symptoms (:func:`reduce_drawing`): a zone counts as shaded when at least
  :data:`SHADED_FRACTION` of its area is painted, and
* per-root overlap (:func:`root_overlap`): how much of the painting lies in each root's
  territory on a dermatome layer.

Why 15 %: a patient rarely fills a zone edge to edge, and zones are small near the foot
and large on the thigh; a stroke that crosses a zone's corner (a few per cent) should
not count, one that runs down its middle (typically 20-40 % of a thigh or shin zone)
should. 15 % separates the two in the drawings we tried; it is a usability threshold,
not a clinical number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

import numpy as np

from radviz.anatomy import vocab
from radviz.reasoning.findings import Symptom

SHADED_FRACTION = 0.15
"""A zone is shaded when at least this fraction of its area is painted."""


class OverlapMap(Protocol):
    """What this module needs of :class:`radviz.anatomy.geometry.SvgMap`."""

    grid_shape: tuple[int, int]

    def overlap(self, mask: np.ndarray, layer: str) -> Mapping[Any, float]:
        """Fraction of each region's area of ``layer`` covered by ``mask``."""
        ...


def layer_of(svg_map: Any, prefix: str, default: str) -> str:
    """The layer that holds the regions whose ids start with ``prefix`` (e.g. ``zone:``).

    The body map names regions by namespace (``zone:…``, ``derm:…``, ``dermlee:…``);
    the layer (top-level group) that holds them is looked up rather than assumed.
    """
    regions = getattr(svg_map, "regions", None)
    if isinstance(regions, Mapping):
        for rid, region in regions.items():
            if str(rid).startswith(prefix):
                layer = getattr(region, "layer", None)
                if layer:
                    return str(layer)
    return default


def _default_map() -> OverlapMap:
    from radviz.anatomy.geometry import body_map

    return body_map()


def _split_id(key: Any, names: Iterable[str]) -> tuple[str, str] | None:
    """Return ``(name, side)`` for a region id, or ``None`` if it names nothing known.

    Accepts ``(name, side)`` tuples, objects with ``zone``/``root`` and ``side``
    attributes, and strings such as ``foot_dorsum_left``, ``foot_dorsum.left``,
    ``zone:foot_dorsum:left``, ``front/foot_dorsum-left`` or ``sacrum`` (a midline zone).
    """
    names = tuple(names)
    if isinstance(key, tuple) and len(key) >= 2:
        name, side = str(key[0]), str(key[1])
        return (name, side) if name in names else None
    for attr in ("zone", "root"):
        a_name = getattr(key, attr, None)
        a_side = getattr(key, "side", None)
        if isinstance(a_name, str) and isinstance(a_side, str):
            return (a_name, a_side) if a_name in names else None
    text = str(key)
    if ":" in text:  # the body map's ids: "zone:thigh_lateral:left", "derm:L5:left:front"
        parts = text.split(":")
        name_hit = next((p for p in parts if p in names), None)
        side_hit = next((p for p in parts if p in (*vocab.SIDES, vocab.MIDLINE)), None)
        if name_hit is None:
            return None
        if side_hit is None:
            return (name_hit, vocab.MIDLINE) if name_hit in vocab.MIDLINE_ZONES else None
        return name_hit, side_hit
    text = text.rsplit("/", 1)[-1]
    for side in (*vocab.SIDES, vocab.MIDLINE):
        for sep in ("_", ".", "-", " "):
            if text.endswith(sep + side):
                name = text[: -len(side) - 1]
                if name in names:
                    return name, side
            if text.startswith(side + sep):
                name = text[len(side) + 1 :]
                if name in names:
                    return name, side
    if text in names and text in vocab.MIDLINE_ZONES:
        return text, vocab.MIDLINE
    return None


def zone_fractions(
    mask: np.ndarray,
    *,
    svg_map: OverlapMap | None = None,
    side_of: Callable[[Any], tuple[str, str] | None] | None = None,
) -> dict[tuple[str, str], float]:
    """Painted fraction of each ``(zone, side)``.

    A zone drawn in both the front and the back view counts by the view where more of
    it is painted (a patient paints the view they can see).
    """
    if not np.any(mask):
        return {}
    svg_map = svg_map or _default_map()
    split = side_of or (lambda k: _split_id(k, vocab.ZONES))
    out: dict[tuple[str, str], float] = {}
    layer = layer_of(svg_map, "zone:", "zones")
    for key, frac in svg_map.overlap(mask, layer).items():
        zs = split(key)
        if zs is None or frac <= 0:
            continue
        out[zs] = max(out.get(zs, 0.0), float(frac))
    return out


def reduce_drawing(
    masks: Mapping[str, np.ndarray],
    side_of_zone: Callable[[Any], tuple[str, str] | None] | None = None,
    *,
    svg_map: OverlapMap | None = None,
    threshold: float = SHADED_FRACTION,
) -> list[Symptom]:
    """Reduce painted grids (one per symptom kind) to contract symptoms.

    ``side_of_zone`` maps a region id of the ``zones`` layer to ``(zone, side)``; the
    default understands the body map's ids. Symptoms come out in vocabulary order
    (kind, then zone, then side) so the result is stable.
    """
    out: list[Symptom] = []
    for kind in vocab.SYMPTOM_KINDS:
        mask = masks.get(kind)
        if mask is None or not np.any(mask):
            continue
        fractions = zone_fractions(mask, svg_map=svg_map, side_of=side_of_zone)
        hits = [zs for zs, f in fractions.items() if f >= threshold]
        hits.sort(key=lambda zs: (vocab.ZONES.index(zs[0]), zs[1]))
        out.extend(Symptom(zone=z, side=s, kind=kind) for z, s in hits)
    return out


DERMATOME_PREFIX = {"classic": "derm:", "lee2008": "dermlee:"}
"""Region-id namespace of each dermatome map variant on the body map."""


def dermatome_layer(variant: str, svg_map: Any = None) -> str:
    """The geometry layer of a dermatome map variant (``classic``, ``lee2008``)."""
    default = f"dermatomes_{variant}"
    if svg_map is None:
        return default
    return layer_of(svg_map, DERMATOME_PREFIX.get(variant, "derm:"), default)


def root_overlap(
    mask: np.ndarray,
    variant: str = "classic",
    *,
    svg_map: OverlapMap | None = None,
) -> dict[tuple[str, str], float]:
    """Fraction of each ``(root, side)`` territory covered by the painting.

    Uses the dermatome layer of ``variant``; roots the painting does not touch are left
    out. A territory drawn in both views counts by the view painted more.
    """
    if mask is None or not np.any(mask):
        return {}
    svg_map = svg_map or _default_map()
    out: dict[tuple[str, str], float] = {}
    prefix = DERMATOME_PREFIX.get(variant, "derm:")
    for key, frac in svg_map.overlap(mask, dermatome_layer(variant, svg_map)).items():
        if ":" in str(key) and not str(key).startswith(prefix):
            continue  # another variant sharing the layer
        rs = _split_id(key, vocab.ROOTS)
        if rs is None or frac <= 0:
            continue
        out[rs] = max(out.get(rs, 0.0), float(frac))
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def union(masks: Mapping[str, np.ndarray]) -> np.ndarray | None:
    """All painted pixels of every kind (``None`` when nothing is painted)."""
    grids = [m for m in masks.values() if m is not None and np.any(m)]
    if not grids:
        return None
    out = grids[0].copy()
    for m in grids[1:]:
        out |= m
    return out
