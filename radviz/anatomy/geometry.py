"""Regions of the body-map and spine SVGs as polygons and rasters (model layer, no Qt).

The SVG's structure (ids, top-level layer groups, inherited ``transform`` and
``fill-rule``) is read with :mod:`xml.etree`. Transform lists, arcs and the basic shapes
(rect, polygon, polyline, line) go through :mod:`svgelements`; plain path data (M/L/C/Z,
and the other non-arc commands) is parsed here, vectorised, for speed. Everything is in
**viewBox units**: the viewBox-to-viewport scaling that svgelements applies when it loads a
whole document is never applied, so a file whose ``width``/``height`` differ from its
viewBox gives the same polygons.

Curves are flattened to polylines (chord error at most 0.05 viewBox unit, finer for small
curves), and each region is rasterised on demand on a grid of ``scale`` cells per viewBox
unit by sampling cell centres with the region's own fill rule (``nonzero`` via signed
crossing counts, ``evenodd`` via crossing parity). Each layer also gets a packed-bit label
raster (one bit per region, overlapping regions allowed) so :meth:`SvgMap.hit` is a couple
of array reads.

Elements hidden with ``display``/``opacity``/``fill-opacity`` still count (the lower-limb
outlines are invisible by design). A non-top-level ``<g>`` with an id becomes a region made
of all its shapes. Not supported (ignored): ``<use>``, CSS stylesheets, nested ``<svg>``
viewports, clipping and masking. Text regions are approximated by an estimated box.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:  # parsing libraries load only when an SVG is parsed (cache miss)
    import xml.etree.ElementTree as ET

    import svgelements as se

from radviz.anatomy import vocab
from radviz.resources import asset_path, cache_dir, content_key, read_cache, write_cache

__all__ = [
    "KNOWN_NAMESPACES",
    "GeometryError",
    "Region",
    "SvgMap",
    "body_map",
    "load_map",
    "required_body_ids",
    "required_spine_ids",
    "spine_map",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ByteArray = npt.NDArray[np.uint8]
Matrix3 = npt.NDArray[np.float64]
Tile = tuple[int, int, BoolArray]  # (row0, col0, mask) of a sub-rectangle of the grid

KNOWN_NAMESPACES: tuple[str, ...] = (
    "zone",
    "derm",
    "dermlee",
    "ksp",
    "root",
    "disc",
    "vert",
    "lesion",
    "foramen",
    "pedicle",
    "axial",
    "nerve",
)
NERVE_PARTS: tuple[str, ...] = ("territory", "course")
_NERVE_NAME = re.compile(r"[a-z][a-z0-9_]*")

FILL_RULES = ("nonzero", "evenodd")


class GeometryError(ValueError):
    """An SVG asset is missing, malformed or does not honour the id contract."""


@dataclass(frozen=True, eq=False)
class Region:
    """One id'd shape of an SVG, in viewBox units."""

    id: str
    layer: str  # id of the top-level <g> it sits in ("" when outside any)
    polygons: tuple[FloatArray, ...]  # closed rings, each (N, 2) float64 (read-only)
    fill_rule: str  # "nonzero" or "evenodd"
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1
    area: float  # viewBox units², honouring the fill rule
    kind: str  # "path" | "circle" | "text"
    center: tuple[float, float]  # circles: centre; otherwise a point inside the region


# --------------------------------------------------------------------------- vocabulary

DERM_ROOTS: tuple[str, ...] = (
    *(f"C{i}" for i in range(2, 9)),
    *(f"T{i}" for i in range(1, 13)),
    *(f"L{i}" for i in range(1, 6)),
    *(f"S{i}" for i in range(1, 6)),
)
KEY_POINT_ROOTS: tuple[str, ...] = (*DERM_ROOTS[: DERM_ROOTS.index("S3") + 1], "S4_5")
SPINE_VERTEBRAE: tuple[str, ...] = ("T12", "L1", "L2", "L3", "L4", "L5")
SPINE_PEDICLES: tuple[str, ...] = (*SPINE_VERTEBRAE, "S1")
DISC_LEVELS: tuple[str, ...] = ("T12-L1", *vocab.LEVELS)
FORAMINA: tuple[str, ...] = (*DISC_LEVELS, "S1", "S2", "S3", "S4")
SPINE_ROOTS: tuple[str, ...] = ("L1", "L2", "L3", "L4", "L5", "S1")
SPINAL_ROOTS: tuple[str, ...] = (
    *(f"C{i}" for i in range(1, 9)),
    *DERM_ROOTS[DERM_ROOTS.index("T1") :],
    "Co1",
)
ROOT_PARTS: tuple[str, ...] = ("sac", "traversing", "foramen", "extraforaminal")
LATERAL_DISC_ZONES: tuple[str, ...] = tuple(z for z in vocab.DISC_ZONES if z != "central")
AXIAL_SINGLE: tuple[str, ...] = (
    "axial:disc",
    "axial:nucleus",
    "axial:sac",
    "axial:cauda",
    "axial:lamina",
    "axial:spinous_process",
    "axial:zone:central",
    "axial:level_label",
)
AXIAL_SIDED: tuple[str, ...] = (
    "axial:root:traversing",
    "axial:root:exiting",
    "axial:facet",
    *(f"axial:zone:{z}" for z in LATERAL_DISC_ZONES),
)


def _zone_ids() -> list[str]:
    ids: list[str] = []
    for zone in vocab.ZONES:
        if zone in vocab.MIDLINE_ZONES:
            ids.append(f"zone:{zone}:{vocab.MIDLINE}")
        else:
            ids.extend(f"zone:{zone}:{side}" for side in vocab.SIDES)
    return ids


def required_body_ids() -> list[str]:
    """Every id the app needs from ``body_map.svg``."""
    ids = ["silhouette:body", *(f"limb:lower:{side}" for side in vocab.SIDES)]
    ids += [f"derm:{root}:{side}" for root in DERM_ROOTS for side in vocab.SIDES]
    ids += _zone_ids()
    ids += [f"ksp:{root}:{side}" for root in KEY_POINT_ROOTS for side in vocab.SIDES]
    return ids


def required_spine_ids() -> list[str]:
    """Every id the app needs from ``spine.svg``."""
    sides = vocab.SIDES
    ids = [f"vert:{v}" for v in SPINE_VERTEBRAE] + ["vert:sacrum"]
    ids += [f"pedicle:{v}:{s}" for v in SPINE_VERTEBRAE for s in sides]
    ids += [f"disc:{level}" for level in DISC_LEVELS]
    ids += [f"foramen:{f}:{s}" for f in (*vocab.LEVELS, "S1") for s in sides]
    ids += ["sac", "cauda"]
    ids += [f"root:{r}:{s}:{p}" for r in SPINE_ROOTS for s in sides for p in ROOT_PARTS]
    ids += list(AXIAL_SINGLE)
    ids += [f"{a}:{s}" for a in AXIAL_SIDED for s in sides]
    for level in vocab.LEVELS:
        ids.append(f"lesion:{level}:central")
        ids += [f"lesion:{level}:{z}:{s}" for z in LATERAL_DISC_ZONES for s in sides]
    return ids


def _id_problem(ident: str) -> str | None:
    """Why ``ident`` (in one of :data:`KNOWN_NAMESPACES`) is invalid, or None if valid."""
    parts = ident.split(":")
    ns = parts[0]
    sides = vocab.SIDES
    if ns == "zone":
        if len(parts) != 3:
            return "expected zone:ZONE:SIDE"
        zone, side = parts[1], parts[2]
        if zone not in vocab.ZONES:
            return f"unknown zone {zone!r}"
        if zone in vocab.MIDLINE_ZONES:
            return None if side == vocab.MIDLINE else f"zone {zone!r} is midline only"
        return None if side in sides else f"unknown side {side!r}"
    if ns in ("derm", "dermlee", "ksp"):
        if len(parts) != 3:
            return f"expected {ns}:ROOT:SIDE"
        roots = KEY_POINT_ROOTS if ns == "ksp" else DERM_ROOTS
        if parts[1] not in roots:
            return f"unknown root {parts[1]!r}"
        return None if parts[2] in sides else f"unknown side {parts[2]!r}"
    if ns == "root":
        if len(parts) not in (3, 4):
            return "expected root:ROOT:SIDE[:PART]"
        if parts[1] not in SPINAL_ROOTS:
            return f"unknown root {parts[1]!r}"
        if parts[2] not in sides:
            return f"unknown side {parts[2]!r}"
        if len(parts) == 4 and parts[3] not in ROOT_PARTS:
            return f"unknown root part {parts[3]!r}"
        return None
    if ns == "disc":
        if len(parts) != 2:
            return "expected disc:LEVEL"
        return None if parts[1] in DISC_LEVELS else f"unknown level {parts[1]!r}"
    if ns == "vert":
        if len(parts) != 2:
            return "expected vert:VERTEBRA"
        ok = parts[1] in (*SPINE_VERTEBRAE, "sacrum")
        return None if ok else f"unknown vertebra {parts[1]!r}"
    if ns == "pedicle":
        if len(parts) != 3:
            return "expected pedicle:VERTEBRA:SIDE"
        if parts[1] not in SPINE_PEDICLES:
            return f"unknown vertebra {parts[1]!r}"
        return None if parts[2] in sides else f"unknown side {parts[2]!r}"
    if ns == "foramen":
        if len(parts) != 3:
            return "expected foramen:LEVEL:SIDE"
        if parts[1] not in FORAMINA:
            return f"unknown level {parts[1]!r}"
        return None if parts[2] in sides else f"unknown side {parts[2]!r}"
    if ns == "lesion":
        if len(parts) not in (3, 4):
            return "expected lesion:LEVEL:ZONE[:SIDE]"
        if parts[1] not in vocab.LEVELS:
            return f"unknown level {parts[1]!r}"
        if parts[2] == "central":
            return None if len(parts) == 3 else "lesion:LEVEL:central takes no side"
        if parts[2] not in LATERAL_DISC_ZONES:
            return f"unknown disc zone {parts[2]!r}"
        if len(parts) != 4:
            return f"lesion zone {parts[2]!r} needs a side"
        return None if parts[3] in sides else f"unknown side {parts[3]!r}"
    if ns == "nerve":
        # nerve:NAME:SIDE (group) and nerve:NAME:SIDE:territory|course; the names are
        # the knowledge base's nerve ids (nerves.toml), checked there, not here
        if len(parts) not in (3, 4):
            return "expected nerve:NAME:SIDE[:territory|course]"
        if not _NERVE_NAME.fullmatch(parts[1]):
            return f"bad nerve name {parts[1]!r}"
        if parts[2] not in sides:
            return f"unknown side {parts[2]!r}"
        if len(parts) == 4 and parts[3] not in NERVE_PARTS:
            return f"unknown nerve part {parts[3]!r}"
        return None
    if ns == "axial":
        # Only the vocabulary-bearing axial ids are checked; other parts may be added.
        if len(parts) >= 2 and parts[1] == "zone":
            zone = parts[2] if len(parts) > 2 else ""
            if zone == "central":
                return None if len(parts) == 3 else "axial:zone:central takes no side"
            if zone not in LATERAL_DISC_ZONES:
                return f"unknown disc zone {zone!r}"
            ok = len(parts) == 4 and parts[3] in sides
            return None if ok else "expected axial:zone:ZONE:SIDE"
        if len(parts) >= 2 and parts[1] == "root":
            if len(parts) != 4 or parts[2] not in vocab.RELATIONS:
                return "expected axial:root:traversing|exiting:SIDE"
            return None if parts[3] in sides else f"unknown side {parts[3]!r}"
        if ident in AXIAL_SIDED:
            return "needs a side"
    return None


# --------------------------------------------------------------------------- SVG parsing

_SKIP_TAGS = frozenset(
    {
        "defs",
        "clipPath",
        "mask",
        "symbol",
        "marker",
        "pattern",
        "linearGradient",
        "radialGradient",
        "filter",
        "style",
        "script",
        "title",
        "desc",
        "metadata",
        "use",
    }
)
_SHAPE_TAGS = frozenset({"path", "rect", "circle", "ellipse", "polygon", "polyline", "line"})
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _style(elem: ET.Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for decl in (elem.get("style") or "").split(";"):
        key, sep, value = decl.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def _prop(elem: ET.Element, name: str) -> str | None:
    """A presentation property: the style attribute wins over the plain attribute."""
    value = _style(elem).get(name)
    if value is None:
        value = elem.get(name)
    return value.strip() if value is not None else None


def _number(text: str | None, default: float) -> float:
    if not text:
        return default
    match = _NUMBER.search(text)
    return float(match.group()) if match else default


def _matrix(transform: str | None) -> Matrix3:
    import svgelements as se

    if not transform or not transform.strip():
        return np.eye(3)
    m = se.Matrix(transform)
    return np.array([[m.a, m.c, m.e], [m.b, m.d, m.f], [0.0, 0.0, 1.0]], dtype=np.float64)


def _apply(m: Matrix3, pts: FloatArray) -> FloatArray:
    out: FloatArray = pts @ m[:2, :2].T + m[:2, 2]
    return out


def _shape(tag: str, elem: ET.Element) -> se.Shape:
    import svgelements as se

    attrs = {k: v for k, v in elem.attrib.items() if k != "transform"}  # applied by caller
    if tag == "path":
        return se.Path(attrs)
    if tag == "rect":
        return se.Rect(attrs)
    if tag == "polygon":
        return se.Polygon(attrs)
    if tag == "polyline":
        return se.Polyline(attrs)
    return se.SimpleLine(attrs)


class _Segments:
    """Path segments as cubic control points (lines flagged), grouped into subpaths."""

    def __init__(self) -> None:
        self.coords: list[float] | FloatArray = []  # 8 numbers per segment: p0, c1, c2, p3
        self.ring_of: list[int] | npt.NDArray[np.int64] = []
        self.is_line: list[bool] | BoolArray = []
        self.ring = -1
        self.pending_move = True

    def __len__(self) -> int:
        return len(self.ring_of)

    def move(self) -> None:
        self.pending_move = True

    def _start(self) -> None:
        if self.pending_move:
            self.ring += 1
            self.pending_move = False

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self._start()
        assert isinstance(self.coords, list) and isinstance(self.ring_of, list)
        assert isinstance(self.is_line, list)
        self.coords += (x0, y0, x0, y0, x1, y1, x1, y1)
        self.ring_of.append(self.ring)
        self.is_line.append(True)

    def cubic(self, *c: float) -> None:
        self._start()
        assert isinstance(self.coords, list) and isinstance(self.ring_of, list)
        assert isinstance(self.is_line, list)
        self.coords += c
        self.ring_of.append(self.ring)
        self.is_line.append(False)


def _segments_svgelements(path: se.Path, out: _Segments) -> None:
    """Feed the segments of an svgelements path (arcs become cubics)."""
    import svgelements as se

    for seg in path.segments(transformed=True):
        if isinstance(seg, se.Move):
            out.move()
            continue
        if seg.start is None or seg.end is None:
            continue
        ax, ay, dx, dy = float(seg.start.x), float(seg.start.y), float(seg.end.x), float(seg.end.y)
        if isinstance(seg, se.Close):
            if (ax, ay) != (dx, dy):
                out.line(ax, ay, dx, dy)
            out.move()
        elif isinstance(seg, se.CubicBezier):
            c1, c2 = seg.control1, seg.control2
            out.cubic(ax, ay, float(c1.x), float(c1.y), float(c2.x), float(c2.y), dx, dy)
        elif isinstance(seg, se.QuadraticBezier):
            qx, qy = float(seg.control.x), float(seg.control.y)
            out.cubic(
                ax, ay, ax + 2 / 3 * (qx - ax), ay + 2 / 3 * (qy - ay),
                dx + 2 / 3 * (qx - dx), dy + 2 / 3 * (qy - dy), dx, dy,
            )  # fmt: skip
        elif isinstance(seg, se.Arc):
            for cub in seg.as_cubic_curves():
                out.cubic(
                    float(cub.start.x), float(cub.start.y),
                    float(cub.control1.x), float(cub.control1.y),
                    float(cub.control2.x), float(cub.control2.y),
                    float(cub.end.x), float(cub.end.y),
                )  # fmt: skip
        else:  # Line, and anything unknown: keep the end points
            out.line(ax, ay, dx, dy)


_PATH_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "Z": 0}


_EV_M, _EV_L, _EV_C, _EV_Z = 0, 1, 2, 3
_EV_OF = {"M": _EV_M, "L": _EV_L, "C": _EV_C, "Z": _EV_Z, "z": _EV_Z}
_EV_SIZE = np.array([2, 2, 6, 0])


def _segments_vector(tokens: list[str], out: _Segments) -> bool:
    """Vectorised parse of absolute M/L/C/Z path data; False for anything else."""
    cmd_at = [i for i, t in enumerate(tokens) if t.isalpha()]
    if not cmd_at or cmd_at[0] != 0 or tokens[0] != "M":
        return False
    try:
        kinds = np.array([_EV_OF[tokens[i]] for i in cmd_at])
    except KeyError:
        return False
    counts = np.diff(np.array([*cmd_at, len(tokens)])) - 1  # numbers after each letter
    size = _EV_SIZE[kinds]
    if np.any(
        np.where(size == 0, counts != 0, (counts == 0) | (counts % np.maximum(size, 1) != 0))
    ):
        return False
    reps = np.where(size == 0, 1, counts // np.maximum(size, 1))
    ev = np.repeat(kinds, reps)
    first = np.cumsum(reps) - reps
    is_first = np.zeros(ev.size, dtype=bool)
    is_first[first] = True
    later_move = (ev == _EV_M) & ~is_first
    ev[later_move] = _EV_L  # pairs after a moveto are implicit linetos
    nums = np.array([t for t in tokens if not t.isalpha()], dtype=np.float64)
    ev_size = _EV_SIZE[ev]
    if int(ev_size.sum()) != nums.size:
        return False
    last = np.cumsum(ev_size) - 1  # index of each event's last number (y of its end point)
    end = np.stack([nums[np.maximum(last - 1, 0)], nums[np.maximum(last, 0)]], axis=1)
    sub = np.cumsum(ev == _EV_M) - 1
    move_end = end[ev == _EV_M]
    is_z = ev == _EV_Z
    end[is_z] = move_end[sub[is_z]]  # closepath returns to its subpath's start
    start = np.vstack([end[:1], end[:-1]])
    prev = np.concatenate(([_EV_M], ev[:-1]))
    ring_break = (prev == _EV_M) | (prev == _EV_Z)
    draw = (ev != _EV_M) & ~(is_z & np.all(start == end, axis=1))
    if not draw.any():
        return True  # nothing drawn: leave ``out`` empty
    ring = np.cumsum(ring_break & (ev != _EV_M)) - 1  # rings start at the first draw after M/Z
    coords = np.empty((ev.size, 8))
    coords[:, 0:2] = start
    coords[:, 2:4] = start
    coords[:, 4:6] = end
    coords[:, 6:8] = end
    cub = np.flatnonzero(ev == _EV_C)
    base = last[cub] - 5
    coords[cub, 2] = nums[base]
    coords[cub, 3] = nums[base + 1]
    coords[cub, 4] = nums[base + 2]
    coords[cub, 5] = nums[base + 3]
    out.coords = coords[draw]
    out.ring_of = ring[draw]
    out.is_line = (ev != _EV_C)[draw]
    return True


def _segments_fast(d: str, out: _Segments) -> bool:
    """Feed the segments of arc-free path data; False when the data needs svgelements."""
    if re.search(r"[Aa]", d):
        return False
    tokens = _PATH_TOKEN.findall(d)
    if re.sub(r"[\s,]+", "", d) != "".join(tokens):
        return False  # stray characters: let svgelements decide
    if _segments_vector(tokens, out):
        return True
    cx = cy = sx = sy = 0.0  # current point, subpath start
    lcx = lcy = 0.0  # last control point (for S/T reflection)
    prev = "M"
    i, n = 0, len(tokens)
    cmd = ""
    while i < n:
        tok = tokens[i]
        if tok.isalpha():
            cmd = tok
            i += 1
            if cmd in "Zz":
                if (cx, cy) != (sx, sy):
                    out.line(cx, cy, sx, sy)
                cx, cy = sx, sy
                out.move()
                prev = "Z"
                continue
        elif not cmd or cmd in "Zz":
            return False
        up = cmd.upper()
        k = _PATH_ARGS[up]
        if i + k > n:
            return False
        try:
            v = [float(t) for t in tokens[i : i + k]]
        except ValueError:
            return False
        i += k
        rel = cmd.islower()
        ox, oy = (cx, cy) if rel else (0.0, 0.0)
        if up == "M":
            cx, cy = v[0] + ox, v[1] + oy
            sx, sy = cx, cy
            out.move()
            cmd = "l" if rel else "L"  # further pairs are implicit line-tos
            prev = "M"
            continue
        if up == "L":
            x, y = v[0] + ox, v[1] + oy
            out.line(cx, cy, x, y)
        elif up == "H":
            x, y = v[0] + (cx if rel else 0.0), cy
            out.line(cx, cy, x, y)
        elif up == "V":
            x, y = cx, v[0] + (cy if rel else 0.0)
            out.line(cx, cy, x, y)
        elif up in "CS":
            if up == "C":
                x1, y1, x2, y2, x, y = (
                    v[0] + ox,
                    v[1] + oy,
                    v[2] + ox,
                    v[3] + oy,
                    v[4] + ox,
                    v[5] + oy,
                )
            else:
                x1, y1 = (2 * cx - lcx, 2 * cy - lcy) if prev in "CS" else (cx, cy)
                x2, y2, x, y = v[0] + ox, v[1] + oy, v[2] + ox, v[3] + oy
            out.cubic(cx, cy, x1, y1, x2, y2, x, y)
            lcx, lcy = x2, y2
        else:  # Q, T
            if up == "Q":
                qx, qy, x, y = v[0] + ox, v[1] + oy, v[2] + ox, v[3] + oy
            else:
                qx, qy = (2 * cx - lcx, 2 * cy - lcy) if prev in "QT" else (cx, cy)
                x, y = v[0] + ox, v[1] + oy
            out.cubic(
                cx, cy, cx + 2 / 3 * (qx - cx), cy + 2 / 3 * (qy - cy),
                x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y), x, y,
            )  # fmt: skip
            lcx, lcy = qx, qy
        cx, cy = x, y
        prev = up
    return True


def _flatten(segments: _Segments, m: Matrix3, tol: float) -> list[FloatArray]:
    """Closed rings (viewBox units) of a path: curves flattened, ``m`` applied."""
    if not len(segments):
        return []
    flat = np.asarray(segments.coords, dtype=np.float64).reshape(-1, 2)
    ctrl = _apply(m, flat).reshape(-1, 4, 2)
    p0, p1, p2, p3 = ctrl[:, 0], ctrl[:, 1], ctrl[:, 2], ctrl[:, 3]
    # Flattening a cubic into n chords errs by at most 6*max|second difference| / (8 n²).
    dd = np.maximum(
        np.hypot(*(p0 - 2 * p1 + p2).T),
        np.hypot(*(p1 - 2 * p2 + p3).T),
    )
    # ... and small curves get a proportionally finer tolerance (areas within ~0.1 %)
    size = sum(np.hypot(*(b - a).T) for a, b in ((p0, p1), (p1, p2), (p2, p3)))
    seg_tol = np.clip(0.002 * size, 1e-6, tol)
    n = np.clip(np.ceil(np.sqrt(0.75 * dd / seg_tol)), 1, 256).astype(np.int64)
    n[np.asarray(segments.is_line, dtype=bool)] = 1
    seg_idx = np.repeat(np.arange(len(n)), n)
    offsets = np.cumsum(n) - n
    t = ((np.arange(seg_idx.size) - offsets[seg_idx] + 1) / n[seg_idx])[:, None]
    s = 1.0 - t
    pts = (
        (s**3) * p0[seg_idx]
        + (3 * s * s * t) * p1[seg_idx]
        + (3 * s * t * t) * p2[seg_idx]
        + (t**3) * p3[seg_idx]
    )
    ring_of = np.asarray(segments.ring_of)
    bounds = np.flatnonzero(np.diff(ring_of[seg_idx])) + 1
    first_seg = np.concatenate(([0], np.flatnonzero(np.diff(ring_of)) + 1))
    out: list[FloatArray] = []
    for k, chunk in enumerate(np.split(pts, bounds)):
        ring = np.vstack([p0[first_seg[k]][None, :], chunk])
        if len(ring) >= 2 and float(np.abs(ring[0] - ring[-1]).max()) <= 1e-9:
            ring = ring[:-1]
        if len(ring) >= 3:
            out.append(np.ascontiguousarray(ring))
    return out


def _ellipse(elem: ET.Element, tag: str, m: Matrix3, tol: float) -> list[FloatArray]:
    """The ring of a <circle> or <ellipse>, sampled so chords err by at most ``tol``."""
    cx, cy = _number(elem.get("cx"), 0.0), _number(elem.get("cy"), 0.0)
    if tag == "circle":
        rx = ry = _number(elem.get("r"), 0.0)
    else:
        rx, ry = _number(elem.get("rx"), 0.0), _number(elem.get("ry"), 0.0)
    radius = max(rx, ry) * math.sqrt(abs(float(np.linalg.det(m[:2, :2]))) or 1.0)
    if rx <= 0 or ry <= 0:
        return []
    step = math.acos(max(-1.0, 1.0 - min(tol, 0.002 * radius) / radius))
    n = int(min(1024, max(16, math.ceil(math.pi / step))))
    t = np.linspace(0.0, 2.0 * math.pi, n, endpoint=False)
    ring = np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)
    return [_apply(m, ring)]


def _text_box(elem: ET.Element, m: Matrix3, font_size: float, anchor: str) -> FloatArray:
    text = "".join(elem.itertext()).strip()
    x = _number(elem.get("x"), 0.0)
    y = _number(elem.get("y"), 0.0)
    width = 0.55 * font_size * max(len(text), 1)
    x0 = {"middle": x - width / 2, "end": x - width}.get(anchor, x)
    box = np.array(
        [
            [x0, y - 0.8 * font_size],
            [x0 + width, y - 0.8 * font_size],
            [x0 + width, y + 0.2 * font_size],
            [x0, y + 0.2 * font_size],
        ],
        dtype=np.float64,
    )
    return _apply(m, box)


@dataclass
class _Raw:
    ident: str
    layer: str
    kind: str
    fill_rule: str
    rings: list[FloatArray] = field(default_factory=list)
    center: tuple[float, float] | None = None
    group: bool = False


@dataclass
class _Ctx:
    m: Matrix3
    fill_rule: str
    font_size: float
    anchor: str
    layer: str


_Parsed = tuple[tuple[float, float, float, float], list[_Raw], list[str], list[str]]


def _parse(path: Path, tol: float) -> _Parsed:
    """ViewBox, regions (document order), every element id and the top-level layer ids."""
    import xml.etree.ElementTree as ET

    import svgelements as se

    try:
        tree = ET.parse(path)
    except ET.ParseError as exc:
        raise GeometryError(f"{path}: malformed SVG (not well-formed XML: {exc})") from None
    except OSError as exc:
        raise GeometryError(f"{path}: cannot read SVG file ({exc})") from None
    root = tree.getroot()
    if _local(root.tag) != "svg":
        raise GeometryError(f"{path}: not an SVG document (root element <{_local(root.tag)}>)")
    viewbox = _viewbox(path, root)

    raws: list[_Raw] = []
    all_ids: list[str] = []
    errors: list[str] = []
    layers: list[str] = []

    def visit(elem: ET.Element, ctx: _Ctx, groups: list[_Raw], depth: int) -> None:
        tag = _local(elem.tag)
        if tag in _SKIP_TAGS or not tag:
            return
        ident = elem.get("id")
        if ident is not None:
            all_ids.append(ident)
        try:
            m = ctx.m @ _matrix(elem.get("transform"))
        except Exception:
            errors.append(f"bad transform on {ident or '<' + tag + '>'}")
            return
        rule = _prop(elem, "fill-rule")
        fill_rule = rule if rule in FILL_RULES else ctx.fill_rule
        anchor = _prop(elem, "text-anchor") or ctx.anchor
        font_size = _number(_prop(elem, "font-size"), ctx.font_size)
        layer = ctx.layer
        if tag == "g" and depth == 1:
            layer = ident or ""
            if ident:
                layers.append(ident)
        sub = _Ctx(m, fill_rule, font_size, anchor, layer)

        if tag in _SHAPE_TAGS:
            try:
                if tag in ("circle", "ellipse"):
                    rings = _ellipse(elem, tag, m, tol)
                else:
                    segments = _Segments()
                    if tag != "path" or not _segments_fast(elem.get("d") or "", segments):
                        segments = _Segments()
                        _segments_svgelements(se.Path(_shape(tag, elem)), segments)
                    rings = _flatten(segments, m, tol)
            except Exception:
                errors.append(f"bad geometry in {ident or '<' + tag + '>'}")
                return
            center = None
            if tag == "circle":
                cxy = [[_number(elem.get("cx"), 0.0), _number(elem.get("cy"), 0.0)]]
                c = _apply(m, np.array(cxy, dtype=np.float64))
                center = (float(c[0, 0]), float(c[0, 1]))
            for g in groups:
                g.rings.extend(rings)
            if ident is not None:
                kind = "circle" if tag == "circle" else "path"
                raws.append(_Raw(ident, layer, kind, fill_rule, rings, center))
            return
        if tag == "text":
            box = _text_box(elem, m, font_size, anchor)
            for g in groups:
                g.rings.append(box)
            if ident is not None:
                raws.append(_Raw(ident, layer, "text", fill_rule, [box]))
            return
        if tag in ("g", "a", "switch", "svg") or depth == 0:
            inner = groups
            if tag != "svg" and depth >= 2 and ident is not None:
                group_raw = _Raw(ident, layer, "path", fill_rule, group=True)
                raws.append(group_raw)
                inner = [*groups, group_raw]
            for child in elem:
                visit(child, sub, inner, depth + 1)

    visit(root, _Ctx(np.eye(3), "nonzero", 16.0, "start", ""), [], 0)
    raws = [r for r in raws if r.rings or not r.group]  # a group region needs geometry
    if errors:
        raise GeometryError(f"{path}: " + "; ".join(errors))
    return viewbox, raws, all_ids, layers


def _viewbox(path: Path, root: ET.Element) -> tuple[float, float, float, float]:
    text = root.get("viewBox")
    if text:
        nums = [float(v) for v in _NUMBER.findall(text)]
        if len(nums) != 4 or nums[2] <= 0 or nums[3] <= 0:
            raise GeometryError(f"{path}: bad viewBox {text!r}")
        return (nums[0], nums[1], nums[2], nums[3])
    width, height = _number(root.get("width"), 0.0), _number(root.get("height"), 0.0)
    if width <= 0 or height <= 0:
        raise GeometryError(f"{path}: SVG has neither a viewBox nor a width and height")
    return (0.0, 0.0, width, height)


# --------------------------------------------------------------------------- polygon maths


def _edges(rings: Sequence[FloatArray]) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    a = np.concatenate(rings)
    b = np.concatenate([np.roll(r, -1, axis=0) for r in rings])
    return a[:, 0], a[:, 1], b[:, 0], b[:, 1]


def _signed_area(ring: FloatArray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    cross = float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))
    return 0.5 * (cross + float(x[-1] * y[0] - x[0] * y[-1]))


def _inside_ring(ring: FloatArray, pts: FloatArray) -> npt.NDArray[np.bool_]:
    """Even-odd point-in-polygon test of many points against one ring."""
    xa, ya = ring[:, 0][None, :], ring[:, 1][None, :]
    xb, yb = np.roll(xa, -1, axis=1), np.roll(ya, -1, axis=1)
    x, y = pts[:, 0][:, None], pts[:, 1][:, None]
    crosses = (ya > y) != (yb > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xi = xa + (y - ya) * (xb - xa) / (yb - ya)
    inside: npt.NDArray[np.bool_] = np.count_nonzero(crosses & (xi > x), axis=1) % 2 == 1
    return inside


def _distance_to_ring(ring: FloatArray, pts: FloatArray) -> FloatArray:
    """Distance from each point to the nearest edge of a ring."""
    a = ring[None, :, :]
    ab = np.roll(ring, -1, axis=0)[None, :, :] - a
    ap = pts[:, None, :] - a
    denom = np.maximum((ab * ab).sum(axis=2), 1e-300)
    t = np.clip((ap * ab).sum(axis=2) / denom, 0.0, 1.0)
    d = ap - t[:, :, None] * ab
    dist: FloatArray = np.sqrt((d * d).sum(axis=2)).min(axis=1)
    return dist


def _relation(outer: FloatArray, inner: FloatArray, eps: float = 0.25) -> str:
    """Where ``inner`` lies relative to ``outer``: "inside", "outside" or "crossing".

    Vertices within ``eps`` of ``outer``'s boundary are ignored, so pieces that share
    an edge (patches of one region) count as touching, not crossing.
    """
    inside = _inside_ring(outer, inner)
    if inside.any():
        near = _distance_to_ring(outer, inner[inside]) <= eps
        inside[np.flatnonzero(inside)[near]] = False
        if inside.any():
            outside = ~_inside_ring(outer, inner)
            if outside.any():
                far = _distance_to_ring(outer, inner[outside]) > eps
                if far.any():
                    return "crossing"
            return "inside"
    return "outside"


def _raster_area(rings: Sequence[FloatArray], evenodd: bool) -> float:
    """Area measured on a fine raster (for rings that cross each other)."""
    x0, y0, x1, y1 = _box(np.concatenate(rings))
    extent = max(x1 - x0, y1 - y0, 1e-9)
    scale = 1000.0 / extent
    shape = (math.ceil((y1 - y0) * scale) + 2, math.ceil((x1 - x0) * scale) + 2)
    tiles = _rasterize(rings, evenodd, (x0 - 1 / scale, y0 - 1 / scale, 0, 0), scale, shape)
    return sum(int(np.count_nonzero(t)) for _, _, t in tiles) / scale**2


def _area(rings: Sequence[FloatArray], evenodd: bool) -> float:
    """Filled area of rings under a fill rule.

    Rings that nest or lie apart split the plane into faces; the face just inside ring i
    has winding number = the sum of the orientations of the rings around it, and area
    |A_i| minus the areas of the rings directly inside it. Rings that cross each other are
    measured on a fine raster instead.
    """
    areas = [_signed_area(r) for r in rings]
    n = len(rings)
    if n == 1:
        return abs(areas[0])
    contains = np.zeros((n, n), dtype=bool)
    boxes = [_box(r) for r in rings]
    for i, j in itertools.combinations(range(n), 2):
        bi, bj = boxes[i], boxes[j]
        if bi[0] > bj[2] or bj[0] > bi[2] or bi[1] > bj[3] or bj[1] > bi[3]:
            continue
        outer, inner = (i, j) if abs(areas[i]) >= abs(areas[j]) else (j, i)
        relation = _relation(rings[outer], rings[inner])
        if relation == "inside":
            contains[outer, inner] = True
        elif relation == "crossing" or _relation(rings[inner], rings[outer]) != "outside":
            return _raster_area(rings, evenodd)
    sign = np.sign(areas)
    depth = contains.sum(axis=0) + 1
    winding = sign + (contains * sign[:, None]).sum(axis=0)
    total = 0.0
    for i in range(n):
        children = contains[i] & (depth == depth[i] + 1)
        face = abs(areas[i]) - float(np.abs(np.asarray(areas)[children]).sum())
        filled = depth[i] % 2 == 1 if evenodd else winding[i] != 0
        if filled:
            total += face
    return total


def _interior_point(
    rings: Sequence[FloatArray], evenodd: bool, bbox: tuple[float, float, float, float]
) -> tuple[float, float]:
    """Midpoint of the widest filled horizontal chord over a few scanlines."""
    x0, y0, x1, y1 = bbox
    fallback = ((x0 + x1) / 2.0, (y0 + y1) / 2.0)
    if y1 <= y0:
        return fallback
    lines = 25
    ys = y0 + (y1 - y0) * (np.arange(lines) + 0.5) / lines + 1e-7 * (y1 - y0)
    xa, ya, xb, yb = _edges(rings)
    lo, hi = np.minimum(ya, yb), np.maximum(ya, yb)
    hit = (lo[None, :] <= ys[:, None]) & (ys[:, None] < hi[None, :])
    li, ei = np.nonzero(hit)
    if li.size == 0:
        return fallback
    xs = xa[ei] + (ys[li] - ya[ei]) * (xb[ei] - xa[ei]) / (yb[ei] - ya[ei])
    order = np.lexsort((xs, li))
    li, ei, xs = li[order], ei[order], xs[order]
    step = np.ones(li.size) if evenodd else np.where(yb[ei] > ya[ei], 1.0, -1.0)
    run = np.cumsum(step)  # each scanline sums to zero, so the running total resets
    filled = (np.round(run).astype(np.int64) % 2 == 1) if evenodd else np.abs(run) > 0.5
    same = li[:-1] == li[1:]
    width = np.where(same & filled[:-1], xs[1:] - xs[:-1], -1.0)
    frac = (li[:-1] + 0.5) / lines
    k = int(np.argmax(width * (1.0 - np.abs(frac - 0.5))))  # wide chords near the middle
    if width[k] <= 0:
        return fallback
    return (float((xs[k] + xs[k + 1]) / 2.0), float(ys[li[k]]))


def _box(ring: FloatArray) -> tuple[float, float, float, float]:
    lo, hi = ring.min(axis=0), ring.max(axis=0)
    return (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


def _clusters(rings: Sequence[FloatArray]) -> list[list[int]]:
    """Groups of rings whose bounding boxes overlap (winding never crosses groups)."""
    items = [([i], list(_box(r))) for i, r in enumerate(rings)]
    merged = True
    while merged and len(items) > 1:
        merged = False
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                ba, bb = items[a][1], items[b][1]
                if ba[0] <= bb[2] and bb[0] <= ba[2] and ba[1] <= bb[3] and bb[1] <= ba[3]:
                    box = [*np.minimum(ba[:2], bb[:2]), *np.maximum(ba[2:], bb[2:])]
                    items[a] = (items[a][0] + items[b][0], box)
                    del items[b]
                    merged = True
                    break
            if merged:
                break
    return [idx for idx, _ in items]


def _rasterize(
    rings: Sequence[FloatArray],
    evenodd: bool,
    viewbox: tuple[float, float, float, float],
    scale: float,
    shape: tuple[int, int],
) -> list[Tile]:
    """Cells whose centres lie inside the region, as tiles over each ring cluster."""
    vx, vy = viewbox[0], viewbox[1]
    rows, cols = shape
    tiles: list[Tile] = []
    for cluster in _clusters(rings):
        # grid coordinates: the centre of cell (r, c) sits at (c, r)
        grid = [(rings[i] - (vx, vy)) * scale - 0.5 for i in cluster]
        allpts = np.concatenate(grid)
        r_lo = max(0, math.ceil(float(allpts[:, 1].min())))
        r_hi = min(rows, math.ceil(float(allpts[:, 1].max())))
        c_lo = max(0, math.ceil(float(allpts[:, 0].min())))
        c_hi = min(cols, math.ceil(float(allpts[:, 0].max())))
        if r_hi <= r_lo or c_hi <= c_lo:
            continue
        h, w = r_hi - r_lo, c_hi - c_lo
        xa, ya, xb, yb = _edges(grid)
        keep = ya != yb
        xa, ya, xb, yb = xa[keep], ya[keep], xb[keep], yb[keep]
        start = np.clip(np.ceil(np.minimum(ya, yb)), r_lo, r_hi).astype(np.int64)
        stop = np.clip(np.ceil(np.maximum(ya, yb)), r_lo, r_hi).astype(np.int64)
        counts = stop - start
        total = int(counts.sum())
        if total == 0:
            continue
        e = np.repeat(np.arange(counts.size), counts)
        r = start[e] + (np.arange(total) - (np.cumsum(counts) - counts)[e])
        x = xa[e] + (r - ya[e]) * (xb[e] - xa[e]) / (yb[e] - ya[e])
        col = np.clip(np.floor(x).astype(np.int64) + 1, c_lo, c_hi) - c_lo
        flat = (r - r_lo) * (w + 1) + col
        if evenodd:
            acc = np.bincount(flat, minlength=h * (w + 1)).reshape(h, w + 1)
            mask = (np.cumsum(acc, axis=1)[:, :w] & 1).astype(bool)
        else:
            step = np.where(yb[e] > ya[e], 1.0, -1.0)
            accf = np.bincount(flat, weights=step, minlength=h * (w + 1)).reshape(h, w + 1)
            mask = np.abs(np.cumsum(accf, axis=1)[:, :w]) > 0.5
        if mask.any():
            tiles.append((r_lo, c_lo, mask))
    return tiles


# --------------------------------------------------------------------------- the map


class SvgMap:
    """The id'd regions of one SVG, with lazily built, cached rasters."""

    def __init__(
        self,
        path: Path,
        viewbox: tuple[float, float, float, float],
        regions: dict[str, Region],
        scale: float = 1.0,
        layer_names: Iterable[str] = (),
    ) -> None:
        if not scale > 0:
            raise ValueError(f"scale must be positive, not {scale!r}")
        self.path = path
        self.viewbox = viewbox
        self.regions = regions
        self.scale = float(scale)
        _, _, vw, vh = viewbox
        self.grid_shape: tuple[int, int] = (
            max(1, math.ceil(vh * self.scale - 1e-9)),
            max(1, math.ceil(vw * self.scale - 1e-9)),
        )
        self._layers: dict[str, list[str]] = {name: [] for name in layer_names}
        for region in regions.values():
            self._layers.setdefault(region.layer, []).append(region.id)
        self._tiles: dict[str, list[Tile]] = {}
        self._pixels: dict[str, int] = {}
        self._packed: dict[str, ByteArray] = {}

    def __repr__(self) -> str:
        return f"SvgMap({str(self.path)!r}, {len(self.regions)} regions, grid {self.grid_shape})"

    @property
    def layers(self) -> list[str]:
        """Names of the top-level layers, in document order."""
        return list(self._layers)

    def layer(self, name: str) -> list[Region]:
        """The regions of a top-level layer, in document order."""
        return [self.regions[i] for i in self._layer_ids(name)]

    def get(self, id: str) -> Region:
        try:
            return self.regions[id]
        except KeyError:
            raise KeyError(f"{self.path.name}: no region with id {id!r}") from None

    def _layer_ids(self, name: str) -> list[str]:
        try:
            return self._layers[name]
        except KeyError:
            raise KeyError(f"{self.path.name}: no layer {name!r}") from None

    # ---- rasters

    def to_grid(self, x: float, y: float) -> tuple[int, int]:
        """(row, col) of the raster cell holding viewBox point (x, y); may be off-grid."""
        return (
            math.floor((y - self.viewbox[1]) * self.scale),
            math.floor((x - self.viewbox[0]) * self.scale),
        )

    def tiles(self, region_id: str) -> list[Tile]:
        """The region's raster as (row0, col0, bool mask) tiles (cached; do not modify)."""
        tiles = self._tiles.get(region_id)
        if tiles is None:
            region = self.get(region_id)
            tiles = _rasterize(
                region.polygons,
                region.fill_rule == "evenodd",
                self.viewbox,
                self.scale,
                self.grid_shape,
            )
            for _, _, t in tiles:
                t.flags.writeable = False
            self._tiles[region_id] = tiles
            self._pixels[region_id] = sum(int(np.count_nonzero(t)) for _, _, t in tiles)
        return tiles

    def pixel_count(self, region_id: str) -> int:
        """Number of raster cells inside the region."""
        self.tiles(region_id)
        return self._pixels[region_id]

    def mask(self, region_id: str) -> BoolArray:
        """A fresh bool (rows, cols) raster of the region."""
        out = np.zeros(self.grid_shape, dtype=bool)
        for r0, c0, t in self.tiles(region_id):
            out[r0 : r0 + t.shape[0], c0 : c0 + t.shape[1]] |= t
        return out

    def _label_raster(self, layer: str) -> ByteArray:
        packed = self._packed.get(layer)
        if packed is None:
            ids = self._layer_ids(layer)
            nbytes = max(1, (len(ids) + 7) // 8)
            # one contiguous bit plane per 8 regions: (plane, row, col)
            packed = np.zeros((nbytes, *self.grid_shape), dtype=np.uint8)
            for i, rid in enumerate(ids):
                bit = np.uint8(1 << (i & 7))
                for r0, c0, t in self.tiles(rid):
                    view = packed[i >> 3, r0 : r0 + t.shape[0], c0 : c0 + t.shape[1]]
                    view |= t.view(np.uint8) * bit
            packed.flags.writeable = False
            self._packed[layer] = packed
        return packed

    def build(self, layers: Iterable[str] | None = None) -> None:
        """Build (and cache) the label rasters of some or all layers now."""
        for name in self.layers if layers is None else layers:
            self._label_raster(name)

    def hit(self, x: float, y: float, layer: str) -> list[str]:
        """Ids of the regions of ``layer`` whose raster holds the point (document order)."""
        packed = self._packed.get(layer)
        if packed is None:
            packed = self._label_raster(layer)
        r = math.floor((y - self.viewbox[1]) * self.scale)
        c = math.floor((x - self.viewbox[0]) * self.scale)
        if r < 0 or c < 0 or r >= packed.shape[1] or c >= packed.shape[2]:
            return []
        bits = int.from_bytes(packed[:, r, c].tobytes(), "little")
        if not bits:
            return []
        ids = self._layers[layer]
        out: list[str] = []
        while bits:
            low = bits & -bits
            out.append(ids[low.bit_length() - 1])
            bits ^= low
        return out

    def _intersections(self, painted: BoolArray, layer: str) -> dict[str, int]:
        if painted.shape != self.grid_shape:
            raise ValueError(f"painted has shape {painted.shape}, expected {self.grid_shape}")
        ids = self._layer_ids(layer)
        rows = np.flatnonzero(painted.any(axis=1))
        if rows.size == 0:
            return {}
        cols = np.flatnonzero(painted.any(axis=0))
        pr0, pr1, pc0, pc1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
        out: dict[str, int] = {}
        for rid in ids:
            n = 0
            for r0, c0, t in self.tiles(rid):
                h, w = t.shape
                if r0 >= pr1 or r0 + h <= pr0 or c0 >= pc1 or c0 + w <= pc0:
                    continue
                n += int(np.count_nonzero(painted[r0 : r0 + h, c0 : c0 + w] & t))
            if n:
                out[rid] = n
        return out

    def overlap(self, painted: BoolArray, layer: str) -> dict[str, float]:
        """For each region of ``layer`` touched by ``painted``: painted share of the region."""
        return {
            rid: n / self._pixels[rid] for rid, n in self._intersections(painted, layer).items()
        }

    def coverage(self, painted: BoolArray, layer: str) -> dict[str, float]:
        """For each region of ``layer`` touched by ``painted``: share of the paint inside it."""
        hits = self._intersections(painted, layer)
        if not hits:
            return {}
        total = int(np.count_nonzero(painted))
        return {rid: n / total for rid, n in hits.items()}


def _readonly(a: FloatArray) -> FloatArray:
    a.flags.writeable = False
    return a


def _region(raw: _Raw) -> Region:
    rings = tuple(_readonly(np.asarray(r, dtype=np.float64)) for r in raw.rings)
    evenodd = raw.fill_rule == "evenodd"
    if rings:
        allpts = np.concatenate(rings)
        bbox = (
            float(allpts[:, 0].min()),
            float(allpts[:, 1].min()),
            float(allpts[:, 0].max()),
            float(allpts[:, 1].max()),
        )
        area = _area(rings, evenodd)
    else:
        c = raw.center or (0.0, 0.0)
        bbox, area = (c[0], c[1], c[0], c[1]), 0.0
    if raw.center is not None:
        center = raw.center
    elif raw.kind == "text" or not rings:
        center = ((bbox[0] + bbox[2]) / 2.0, (bbox[1] + bbox[3]) / 2.0)
    else:
        center = _interior_point(rings, evenodd, bbox)
    return Region(raw.ident, raw.layer, rings, raw.fill_rule, bbox, area, raw.kind, center)


# ------------------------------------------------------------------------- disk cache
# Parsing and flattening the artwork is the slowest part of start-up (~0.2 s for both
# maps). Validated parses are cached on disk, keyed by the SVG's bytes, the scale and this
# format version; a missing, stale or unreadable cache is simply rebuilt.
CACHE_FORMAT = 1


def _cache_file(data: bytes, scale: float) -> Path:
    key = content_key(data, f"|{scale!r}|{CACHE_FORMAT}".encode())
    return cache_dir() / f"geometry-{key}.npz"


def _cache_write(file: Path, svg_map: SvgMap) -> None:
    regions = list(svg_map.regions.values())
    rings = [ring for r in regions for ring in r.polygons]
    meta = {
        "viewbox": list(svg_map.viewbox),
        "layers": svg_map.layers,
        "regions": [[r.id, r.layer, r.fill_rule, r.kind] for r in regions],
    }
    meta_bytes = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    coords = np.concatenate(rings) if rings else np.zeros((0, 2))
    ring_len = np.array([len(ring) for ring in rings], dtype=np.int64)
    region_rings = np.array([len(r.polygons) for r in regions], dtype=np.int64)
    numbers = np.array([[*r.bbox, r.area, *r.center] for r in regions], dtype=np.float64)
    buffer = io.BytesIO()
    np.savez(
        buffer,
        meta=meta_bytes,
        coords=coords,
        ring_len=ring_len,
        region_rings=region_rings,
        numbers=numbers.reshape(len(regions), 7),
    )
    write_cache(file, buffer.getvalue())  # an unwritable cache only costs speed


def _cache_read(file: Path, path: Path, scale: float) -> SvgMap | None:
    raw = read_cache(file)  # None unless its own checksum matches its content
    if raw is None:
        return None
    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            meta = json.loads(bytes(npz["meta"]).decode())
            coords = npz["coords"]
            ring_len = npz["ring_len"]
            region_rings = npz["region_rings"]
            numbers = npz["numbers"]
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None
    try:
        ends = np.cumsum(ring_len)
        starts = ends - ring_len
        rings = [coords[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        for ring in rings:
            ring.flags.writeable = False
        regions: dict[str, Region] = {}
        k = 0
        for (ident, layer, fill_rule, kind), n, nums in zip(
            meta["regions"], region_rings.tolist(), numbers.tolist(), strict=True
        ):
            regions[ident] = Region(
                ident,
                layer,
                tuple(rings[k : k + n]),
                fill_rule,
                (nums[0], nums[1], nums[2], nums[3]),
                nums[4],
                kind,
                (nums[5], nums[6]),
            )
            k += n
        x, y, w, h = (float(v) for v in meta["viewbox"])
        return SvgMap(path, (x, y, w, h), regions, scale, meta["layers"])
    except (KeyError, ValueError, TypeError, IndexError):
        return None


def load_map(path: Path | str, *, required: Iterable[str] = (), scale: float = 1.0) -> SvgMap:
    """Parse an SVG into an :class:`SvgMap` and check its ids.

    Raises :class:`GeometryError` (naming the file and the offending ids) when the file is
    missing, is not well-formed SVG, lacks a ``required`` id, repeats an id, or holds an id
    in one of :data:`KNOWN_NAMESPACES` that names an unknown zone, root, level or side.
    A valid parse is cached on disk (:func:`cache_dir`) and reused while the file is
    unchanged.
    """
    path = Path(path)
    if not path.is_file():
        raise GeometryError(f"{path}: SVG file not found")
    if not scale > 0:
        raise ValueError(f"scale must be positive, not {scale!r}")
    required = list(dict.fromkeys(required))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GeometryError(f"{path}: cannot be read ({exc.strerror})") from None
    cache = _cache_file(data, scale)
    cached = _cache_read(cache, path, scale) if cache.is_file() else None
    if cached is not None:
        missing = [i for i in required if i not in cached.regions]
        if missing:
            raise GeometryError(
                f"{path}: {len(missing)} missing required id(s): " + ", ".join(missing)
            )
        return cached
    svg_map = _load_uncached(path, required, scale)
    _cache_write(cache, svg_map)
    return svg_map


def _load_uncached(path: Path, required: list[str], scale: float) -> SvgMap:
    tol = min(0.05, 0.25 / scale)
    viewbox, raws, all_ids, layer_names = _parse(path, tol)

    problems: list[str] = []
    seen: set[str] = set()
    dups: list[str] = []
    bad: list[str] = []
    for ident in all_ids:
        if ident in seen:
            if ident not in dups:
                dups.append(ident)
            continue
        seen.add(ident)
        ns = ident.split(":", 1)[0]
        if ns in KNOWN_NAMESPACES and ":" in ident:
            why = _id_problem(ident)
            if why:
                bad.append(f"{ident} ({why})")
    region_ids = {r.ident for r in raws}
    missing = [i for i in dict.fromkeys(required) if i not in region_ids]
    if bad:
        problems.append(f"{len(bad)} invalid id(s): " + ", ".join(bad))
    if dups:
        problems.append(f"{len(dups)} duplicate id(s): " + ", ".join(dups))
    if missing:
        problems.append(f"{len(missing)} missing required id(s): " + ", ".join(missing))
    if problems:
        raise GeometryError(f"{path}: " + "; ".join(problems))

    regions: dict[str, Region] = {}
    for raw in raws:
        regions[raw.ident] = _region(raw)
    return SvgMap(path, viewbox, regions, scale, layer_names)


@functools.lru_cache(maxsize=1)
def body_map() -> SvgMap:
    """The body map (``assets/svg/body_map.svg``), loaded once per process."""
    return load_map(asset_path("body_map.svg"), required=required_body_ids())


@functools.lru_cache(maxsize=1)
def spine_map() -> SvgMap:
    """The spine diagram (``assets/svg/spine.svg``), loaded once per process."""
    return load_map(asset_path("spine.svg"), required=required_spine_ids())
