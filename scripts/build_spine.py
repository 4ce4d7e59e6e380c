#!/usr/bin/env python3
"""Generate ``assets/svg/spine.svg``: lumbar spine diagram (build script, stdlib + numpy).

Two views in one 1000 x 900 drawing:

* a coronal view (x 0-600), seen from behind after a laminectomy: vertebral bodies
  T12-L5 and the sacrum, cut pedicles, discs, foramina, the dural sac with the cauda
  equina and the L1-S1 roots, each split into clickable segments (``sac``,
  ``traversing``, ``foramen``, ``extraforaminal``);
* an axial view (x 620-1000) at a disc level, seen from the feet (radiological
  convention), with the four lesion zones.

The output is deterministic: every coordinate is quantised to 1/100 unit and the right
side is the exact integer mirror of the left side.  Ids and conventions are documented
in ``assets/svg/README.md`` (section "Spine diagram").

Run ``python scripts/build_spine.py`` (optional argument: output path).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np

ROOT_DIR = Path(__file__).resolve().parent.parent
OUT = ROOT_DIR / "assets" / "svg" / "spine.svg"
OUT_SAGITTAL = ROOT_DIR / "assets" / "svg" / "spine_sagittal.svg"

W, H = 1000, 900
CX = 300.0  # mirror axis of the coronal view
AX = 810.0  # mirror axis of the axial view
FONT = "DejaVu Sans"

# ---------------------------------------------------------------- palette
BONE = "#EFE6D0"
BONE_EDGE = "#A8936A"
BONE_SHADE = "#E2D3B1"
BONE_HI = "#F8F3E6"
CANCELLOUS = "#E9D8B4"
CORTEX = "#D9C49A"
DISC = "#B9C8D3"
DISC_EDGE = "#7D95A6"
DISC_LINE = "#96AAB8"
NUCLEUS = "#DCE6EE"
SAC = "#F8EFD3"
SAC_EDGE = "#C4AA6C"
CAUDA = "#EBCF78"
ROOT = "#F3C745"
ROOT_EDGE = "#94701A"
FORAMEN = "#7C6D55"
CANAL = "#D9CCB0"
LIG_FLAVUM = "#E4D08F"
TEXT = "#2E3336"
TEXT_SOFT = "#5F676C"
ZONE_TINT = {
    "central": "#5B8FD6",
    "paracentral": "#E0676B",
    "foraminal": "#4FAE6A",
    "extraforaminal": "#9A74CF",
}

# ---------------------------------------------------------------- coronal layout
VERTS = ["T12", "L1", "L2", "L3", "L4", "L5"]
ROOTS = ["L1", "L2", "L3", "L4", "L5", "S1"]
DISCS = ["T12-L1", "L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"]
LESION_LEVELS = DISCS[1:]
VH = {"T12": 62, "L1": 66, "L2": 70, "L3": 72, "L4": 72, "L5": 70}  # body heights
DH = {"T12-L1": 15, "L1-L2": 17, "L2-L3": 18, "L3-L4": 19, "L4-L5": 20, "L5-S1": 19}
HW = {"T12": 66, "L1": 70, "L2": 74, "L3": 78, "L4": 82, "L5": 88}  # body half-widths
# medial pedicle border (offset from the midline) and pedicle half-width; widen downwards
PM = {"T12": 45, "L1": 46.5, "L2": 48, "L3": 50, "L4": 52, "L5": 55, "S1": 58}
PWH = {"T12": 10, "L1": 11, "L2": 12, "L3": 13, "L4": 14, "L5": 16, "S1": 17}
ROOT_W = {"T12": 6.2, "L1": 6.4, "L2": 7, "L3": 7.6, "L4": 8.4, "L5": 9.2, "S1": 9.2}
SAC_HW = 32.0
Y_TOP = 92.0

TOP: dict[str, float] = {}
BOT: dict[str, float] = {}
_y = Y_TOP
for _i, _v in enumerate(VERTS):
    TOP[_v] = _y
    BOT[_v] = _y + VH[_v]
    _y = BOT[_v] + DH[DISCS[_i]]
SACRUM_TOP = _y  # top of S1
TOP["S1"] = SACRUM_TOP


def disc_span(level: str) -> tuple[float, float]:
    upper = level.split("-")[0]
    y0 = BOT[upper]
    return y0, y0 + DH[level]


def pedicle_box(v: str) -> tuple[float, float, float, float]:
    """Return (medial offset, lateral offset, centre y, half-height) of a pedicle."""
    if v == "S1":
        cy, hh = SACRUM_TOP + 25.0, 13.0
    else:
        cy, hh = TOP[v] + 0.34 * VH[v], 0.21 * VH[v]
    return PM[v], PM[v] + 2 * PWH[v], cy, hh


S1_FORAMEN = (64.0, SACRUM_TOP + 67.0, 15.5, 20.0)  # offset, cy, rx, ry


# ---------------------------------------------------------------- path helpers
def q(v: float) -> int:
    return round(v * 100.0)


def fnum(i: int) -> str:
    s = f"{i / 100:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


class Path2:
    """A path held as quantised integer commands so mirroring is exact."""

    def __init__(self) -> None:
        self.cmds: list[tuple[str, list[int]]] = []

    def M(self, p: Any) -> Path2:
        self.cmds.append(("M", [q(p[0]), q(p[1])]))
        return self

    def L(self, p: Any) -> Path2:
        self.cmds.append(("L", [q(p[0]), q(p[1])]))
        return self

    def C(self, c1: Any, c2: Any, p: Any) -> Path2:
        self.cmds.append(("C", [q(c1[0]), q(c1[1]), q(c2[0]), q(c2[1]), q(p[0]), q(p[1])]))
        return self

    def Z(self) -> Path2:
        self.cmds.append(("Z", []))
        return self

    def extend(self, other: Path2) -> Path2:
        self.cmds.extend(other.cmds)
        return self

    def mirror(self, axis: float) -> Path2:
        a2 = q(axis) * 2
        out = Path2()
        for c, v in self.cmds:
            nv = [a2 - x if k % 2 == 0 else x for k, x in enumerate(v)]
            out.cmds.append((c, nv))
        return out

    def d(self) -> str:
        parts = []
        for c, v in self.cmds:
            parts.append(c + " ".join(fnum(x) for x in v) if v else c)
        return " ".join(parts)


def _tangents(pts: np.ndarray, closed: bool) -> np.ndarray:
    n = len(pts)
    tans = np.zeros_like(pts)
    for i in range(n):
        if closed:
            p0, p1, p2 = pts[(i - 1) % n], pts[i], pts[(i + 1) % n]
        else:
            p0 = pts[max(i - 1, 0)]
            p1 = pts[i]
            p2 = pts[min(i + 1, n - 1)]
        d1 = np.linalg.norm(p1 - p0)
        d2 = np.linalg.norm(p2 - p1)
        denom = d1 + d2
        tans[i] = (p2 - p0) / denom if denom > 1e-9 else 0.0
    return tans


def smooth(
    points: Any,
    closed: bool = True,
    path: Path2 | None = None,
    move: bool = True,
    tension: float = 1.0,
) -> Path2:
    """Length-aware Catmull-Rom spline through points, as cubic Beziers."""
    pts = np.asarray(points, dtype=float)
    tans = _tangents(pts, closed) * tension
    p = path if path is not None else Path2()
    if move:
        p.M(pts[0])
    else:
        p.L(pts[0])
    n = len(pts)
    count = n if closed else n - 1
    for i in range(count):
        a, b = pts[i], pts[(i + 1) % n]
        seg = np.linalg.norm(b - a)
        c1 = a + tans[i] * seg / 3.0
        c2 = b - tans[(i + 1) % n] * seg / 3.0
        p.C(c1, c2, b)
    if closed:
        p.Z()
    return p


def with_mirror(half: Any, axis: float) -> list[tuple[float, float]]:
    """Left half outline from top centre to bottom centre -> full closed outline."""
    left = [(axis - d, y) for d, y in half]
    right = [(axis + d, y) for d, y in reversed(half)]
    pts = left + right
    # drop the duplicated axis points
    out: list[tuple[float, float]] = []
    for pt in pts:
        if not out or abs(out[-1][0] - pt[0]) > 1e-9 or abs(out[-1][1] - pt[1]) > 1e-9:
            out.append(pt)
    if abs(out[0][0] - out[-1][0]) < 1e-9 and abs(out[0][1] - out[-1][1]) < 1e-9:
        out.pop()
    return out


def ellipse_pts(
    cx: float, cy: float, rx: float, ry: float, n: int = 12, rot: float = 0.0
) -> list[tuple[float, float]]:
    res = []
    for k in range(n):
        t = 2 * math.pi * k / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        c, s = math.cos(rot), math.sin(rot)
        res.append((cx + c * x - s * y, cy + s * x + c * y))
    return res


def rounded_rect(x0: float, y0: float, x1: float, y1: float, r: float) -> Path2:
    k = 0.5523 * r
    p = Path2()
    p.M((x0 + r, y0)).L((x1 - r, y0))
    p.C((x1 - r + k, y0), (x1, y0 + r - k), (x1, y0 + r)).L((x1, y1 - r))
    p.C((x1, y1 - r + k), (x1 - r + k, y1), (x1 - r, y1)).L((x0 + r, y1))
    p.C((x0 + r - k, y1), (x0, y1 - r + k), (x0, y1 - r)).L((x0, y0 + r))
    p.C((x0, y0 + r - k), (x0 + r - k, y0), (x0 + r, y0)).Z()
    return p


def circle_path(cx: float, cy: float, r: float) -> Path2:
    k = 0.5523 * r
    p = Path2()
    p.M((cx + r, cy))
    p.C((cx + r, cy + k), (cx + k, cy + r), (cx, cy + r))
    p.C((cx - k, cy + r), (cx - r, cy + k), (cx - r, cy))
    p.C((cx - r, cy - k), (cx - k, cy - r), (cx, cy - r))
    p.C((cx + k, cy - r), (cx + r, cy - k), (cx + r, cy))
    p.Z()
    return p


# ---------------------------------------------------------------- centre lines and tubes
def sample_spline(points: Any, step: float = 0.5) -> np.ndarray:
    """Dense polyline along the open Catmull-Rom spline through points."""
    pts = np.asarray(points, dtype=float)
    tans = _tangents(pts, closed=False)
    out = [pts[0]]
    for i in range(len(pts) - 1):
        a, b = pts[i], pts[i + 1]
        seg = np.linalg.norm(b - a)
        c1 = a + tans[i] * seg / 3.0
        c2 = b - tans[i + 1] * seg / 3.0
        n = max(4, int(seg / step) * 2)
        t = np.linspace(0, 1, n + 1)[1:, None]
        bez = ((1 - t) ** 3) * a + 3 * ((1 - t) ** 2) * t * c1 + 3 * (1 - t) * t * t * c2 + t**3 * b
        out.extend(bez)
    poly = np.array(out)
    # resample uniformly by arc length
    d = np.r_[0, np.cumsum(np.linalg.norm(np.diff(poly, axis=0), axis=1))]
    s = np.arange(0, d[-1], step)
    if d[-1] - s[-1] > 1e-6:
        s = np.r_[s, d[-1]]
    out_line: np.ndarray = np.c_[np.interp(s, d, poly[:, 0]), np.interp(s, d, poly[:, 1])]
    return out_line


def normals(line: np.ndarray) -> np.ndarray:
    t = np.gradient(line, axis=0)
    t /= np.linalg.norm(t, axis=1)[:, None]
    out: np.ndarray = np.c_[-t[:, 1], t[:, 0]]
    return out


def _subsample(idx0: int, idx1: int, every: int) -> list[int]:
    ids = list(range(idx0, idx1 + 1, every))
    if ids[-1] != idx1:
        if idx1 - ids[-1] < every // 2 and len(ids) > 1:
            ids[-1] = idx1
        else:
            ids.append(idx1)
    return ids


def tube(
    line: np.ndarray,
    width: np.ndarray,
    i0: int,
    i1: int,
    cap_start: bool = False,
    cap_end: bool = False,
    every: int = 16,
) -> Path2:
    """Closed outline of the tube around line[i0..i1] with per-point width."""
    nrm = normals(line)
    half = (width / 2.0)[:, None]
    left = line + nrm * half
    right = line - nrm * half
    ids = _subsample(i0, i1, every)
    p = Path2()
    smooth([left[i] for i in ids], closed=False, path=p, move=True)
    if cap_end:
        _cap(p, line[i1], nrm[i1], half[i1, 0], forward=True, line=line, i=i1)
    else:
        p.L(right[i1])
    smooth([right[i] for i in reversed(ids)], closed=False, path=p, move=False)
    if cap_start:
        _cap(p, line[i0], -nrm[i0], half[i0, 0], forward=False, line=line, i=i0)
    p.Z()
    return p


def _cap(p: Path2, c: Any, n: Any, r: float, forward: bool, line: Any, i: int) -> None:
    """Half-round cap from c + n*r to c - n*r bulging along the tangent."""
    # direction of travel at the end
    if forward:
        tt = line[i] - line[i - 1]
    else:
        tt = line[i] - line[i + 1]
    tt = tt / np.linalg.norm(tt)
    k = 0.5523 * r
    a = c + n * r
    tip = c + tt * r
    b = c - n * r
    p.C(a + tt * k, tip + n * k, tip)
    p.C(tip - n * k, b + tt * k, b)


# ---------------------------------------------------------------- SVG writer
class Doc:
    def __init__(
        self, order: tuple[str, ...] = ("coronal", "axial", "lesion_zones", "labels")
    ) -> None:
        self.groups: dict[str, list[str]] = {}
        self.ids: set[str] = set()
        self.order = order
        self.group_attrs: dict[str, str] = {}
        self.auto_ids = False  # name id-less shapes ``deco:N`` (so an app can draw each)
        self._n = 0

    def _id(self, el_id: str | None) -> str:
        if el_id is None and self.auto_ids:
            self._n += 1
            el_id = f"deco:{self._n}"
        if el_id is None:
            return ""
        if el_id in self.ids:
            raise ValueError(f"duplicate id {el_id}")
        self.ids.add(el_id)
        return f' id="{escape(el_id)}"'

    def path(
        self,
        group: str,
        path: Path2,
        fill: str,
        el_id: str | None = None,
        stroke: str | None = None,
        sw: float | None = None,
        **extra: Any,
    ) -> None:
        attrs = self._id(el_id) + f' d="{path.d()}" fill="{fill}" fill-rule="nonzero"'
        if stroke:
            attrs += f' stroke="{stroke}" stroke-width="{sw:g}" stroke-linejoin="round"'
            attrs += ' stroke-linecap="round"'
        else:
            attrs += ' stroke="none"'
        for k, v in extra.items():
            attrs += f' {k.replace("_", "-")}="{v}"'
        self.groups.setdefault(group, []).append(f"<path{attrs}/>")

    def line(self, group: str, path: Path2, stroke: str, sw: float, **extra: Any) -> None:
        """Stroke-only open path (decoration)."""
        attrs = self._id(None) + f' d="{path.d()}" fill="none" fill-rule="nonzero"'
        attrs += f' stroke="{stroke}"'
        attrs += f' stroke-width="{sw:g}" stroke-linecap="round" stroke-linejoin="round"'
        for k, v in extra.items():
            attrs += f' {k.replace("_", "-")}="{v}"'
        self.groups.setdefault(group, []).append(f"<path{attrs}/>")

    def raw(self, group: str, markup: str) -> None:
        """Append markup as is (opening and closing nested groups)."""
        self.groups.setdefault(group, []).append(markup)

    def text(
        self,
        group: str,
        x: float,
        y: float,
        s: str,
        el_id: str | None = None,
        size: float = 12,
        anchor: str = "middle",
        weight: str = "normal",
        fill: str = TEXT,
        style: str = "normal",
    ) -> None:
        attrs = self._id(el_id)
        attrs += f' x="{fnum(q(x))}" y="{fnum(q(y))}" font-family="{FONT}"'
        attrs += f' font-size="{size:g}" text-anchor="{anchor}" fill="{fill}"'
        if weight != "normal":
            attrs += f' font-weight="{weight}"'
        if style != "normal":
            attrs += f' font-style="{style}"'
        self.groups.setdefault(group, []).append(f"<text{attrs}>{escape(s)}</text>")

    def render(self) -> str:
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{W}" height="{H}"'
            f' viewBox="0 0 {W} {H}">',
            "<!-- Generated by scripts/build_spine.py - do not edit by hand. -->",
        ]
        for g in self.order:
            out.append(f'<g id="{g}"{self.group_attrs.get(g, "")}>')
            out.extend("  " + e for e in self.groups.get(g, []))
            out.append("</g>")
        out.append("</svg>")
        return "\n".join(out) + "\n"


def pair(
    doc: Doc,
    group: str,
    left: Path2,
    base_id: str | None,
    fill: str,
    axis: float = CX,
    left_name: str = "left",
    right_name: str = "right",
    **kw: Any,
) -> None:
    """Draw a left-side shape and its exact mirror; ids get ':left' / ':right'."""
    doc.path(group, left, fill, None if base_id is None else base_id.format(left_name), **kw)
    doc.path(
        group,
        left.mirror(axis),
        fill,
        None if base_id is None else base_id.format(right_name),
        **kw,
    )


# ================================================================= coronal view
def L(d: float, y: float) -> tuple[float, float]:
    """Point on the patient's left (viewer's left in this posterior view)."""
    return (CX - d, y)


def body_outline(v: str) -> list[tuple[float, float]]:
    t, b, hw = TOP[v], BOT[v], HW[v]
    e = hw * 1.05
    half = [
        (0, t + 1.2),
        (0.55 * e, t + 0.4),
        (e - 5, t),
        (e, t + 5),
        (hw * 0.93, t + 0.5 * VH[v]),
        (e, b - 5),
        (e - 5, b),
        (0.55 * e, b - 0.4),
        (0, b - 1.2),
    ]
    return with_mirror(half, CX)


def draw_bodies(doc: Doc) -> None:
    for v in VERTS:
        pts = body_outline(v)
        doc.path("coronal", smooth(pts), BONE, f"vert:{v}", stroke=BONE_EDGE, sw=1.6)
        # soft shading: darker lateral flanks, light centre
        t, b, hw = TOP[v], BOT[v], HW[v]
        flank = [
            (hw * 1.0, t + 6),
            (hw * 0.8, t + 10),
            (hw * 0.76, t + VH[v] / 2),
            (hw * 0.8, b - 10),
            (hw * 1.0, b - 6),
            (hw * 0.93, t + VH[v] / 2),
        ]
        shade = smooth([L(d, y) for d, y in flank])
        pair(doc, "coronal", shade, None, BONE_SHADE, fill_opacity="0.8")
        hi = smooth(
            with_mirror(
                [
                    (0, t + 9),
                    (hw * 0.45, t + 10),
                    (hw * 0.62, t + VH[v] / 2),
                    (hw * 0.45, b - 10),
                    (0, b - 9),
                ],
                CX,
            )
        )
        doc.path("coronal", hi, BONE_HI, fill_opacity="0.55")
        # endplate rims
        for yy, sgn in ((t + 3.2, 1), (b - 3.2, -1)):
            rim = Path2()
            e = hw * 1.05 - 6
            smooth(
                [
                    L(e, yy + sgn * 0.8),
                    L(e * 0.5, yy),
                    (CX, yy - sgn * 0.2),
                    (CX + e * 0.5, yy),
                    (CX + e, yy + sgn * 0.8),
                ],
                closed=False,
                path=rim,
            )
            doc.line("coronal", rim, CORTEX, 1.2, stroke_opacity="0.9")


def draw_sacrum(doc: Doc) -> None:
    st = SACRUM_TOP
    half = [
        (0, st + 1),
        (50, st + 0.3),
        (88, st),
        (93, st + 4),
        (118, st + 9),
        (148, st + 13),
        (166, st + 26),
        (170, st + 46),
        (163, st + 82),
        (149, st + 120),
        (128, st + 162),
        (100, st + 196),
        (66, st + 222),
        (34, st + 234),
        (0, st + 238),
    ]
    doc.path(
        "coronal", smooth(with_mirror(half, CX)), BONE, "vert:sacrum", stroke=BONE_EDGE, sw=1.6
    )
    # ala shading
    ala = smooth(
        [
            L(d, y)
            for d, y in [
                (100, st + 10),
                (148, st + 16),
                (163, st + 30),
                (165, st + 48),
                (156, st + 74),
                (128, st + 66),
                (104, st + 44),
                (96, st + 24),
            ]
        ]
    )
    pair(doc, "coronal", ala, None, BONE_SHADE, fill_opacity="0.75")
    # lateral crest shading down the side
    crest = smooth(
        [
            L(d, y)
            for d, y in [
                (160, st + 86),
                (146, st + 122),
                (126, st + 162),
                (98, st + 200),
                (92, st + 192),
                (118, st + 156),
                (138, st + 118),
                (152, st + 84),
            ]
        ]
    )
    pair(doc, "coronal", crest, None, BONE_SHADE, fill_opacity="0.7")
    # S1 endplate rim
    rim = Path2()
    smooth(
        [L(84, st + 3.5), L(45, st + 3), (CX, st + 2.8), (CX + 45, st + 3), (CX + 84, st + 3.5)],
        closed=False,
        path=rim,
    )
    doc.line("coronal", rim, CORTEX, 1.2)
    # opened sacral canal (laminectomy): soft trough in the middle
    canal = smooth(
        with_mirror(
            [
                (0, st + 2),
                (40, st + 3),
                (41, st + 60),
                (36, st + 120),
                (24, st + 170),
                (10, st + 196),
                (0, st + 200),
            ],
            CX,
        )
    )
    doc.path("coronal", canal, CANAL, fill_opacity="0.8", stroke=CORTEX, sw=1.0)
    # transverse ridges (fused segments)
    for yy, dd in ((st + 98, 118), (st + 147, 100), (st + 187, 78)):
        ridge = Path2()
        smooth(
            [L(dd, yy - 2), L(dd * 0.75, yy + 1), L(42 * (1 - (yy - st) / 260), yy + 2)],
            closed=False,
            path=ridge,
        )
        doc.line("coronal", ridge, CORTEX, 1.3)
        doc.line("coronal", ridge.mirror(CX), CORTEX, 1.3)
    # S2-S4 dorsal foramina (decoration)
    for k, (d, yy, rx, ry) in enumerate(
        ((58, st + 122, 12, 15), (51, st + 167, 10, 12), (44, st + 203, 8, 9)), start=2
    ):
        f = smooth(ellipse_pts(CX - d, yy, rx, ry, 10))
        pair(
            doc,
            "coronal",
            f,
            f"foramen:S{k}:{{}}",
            FORAMEN,
            fill_opacity="0.42",
            stroke=BONE_EDGE,
            sw=1.0,
        )
    # coccyx
    for k, (yy, hw, hh) in enumerate(((st + 246, 22, 7), (st + 260, 15, 6), (st + 271, 8.5, 4.5))):
        c = smooth(
            with_mirror(
                [
                    (0, yy - hh),
                    (hw * 0.7, yy - hh * 0.9),
                    (hw, yy),
                    (hw * 0.7, yy + hh * 0.9),
                    (0, yy + hh),
                ],
                CX,
            )
        )
        doc.path("coronal", c, BONE, f"coccyx:{k + 1}", stroke=BONE_EDGE, sw=1.2)


def disc_outline(level: str) -> list[tuple[float, float]]:
    up, lo = level.split("-")
    y0, y1 = disc_span(level)
    eu = HW[up] * 1.05
    el = HW[lo] * 1.05 if lo in HW else 92.0
    bulge = max(eu, el) + 4.5
    half = [
        (0, y0 - 3),
        (0.6 * eu, y0 - 3),
        (eu - 3, y0 - 2.5),
        (bulge, (y0 + y1) / 2),
        (el - 3, y1 + 2.5),
        (0.6 * el, y1 + 3),
        (0, y1 + 3),
    ]
    return with_mirror(half, CX)


def draw_discs(doc: Doc) -> None:
    for level in DISCS:
        doc.path(
            "coronal", smooth(disc_outline(level)), DISC, f"disc:{level}", stroke=DISC_EDGE, sw=1.4
        )
        y0, y1 = disc_span(level)
        up, lo = level.split("-")
        e = max(HW[up], HW.get(lo, 88)) * 1.05
        # annulus lamellae: short arcs near the lateral margins
        for frac in (0.78, 0.9):
            arc = Path2()
            dd = e * frac
            smooth(
                [L(dd - 1, y0 + 2.5), L(dd + 2.5, (y0 + y1) / 2), L(dd - 1, y1 - 2.5)],
                closed=False,
                path=arc,
            )
            doc.line("coronal", arc, DISC_LINE, 1.0)
            doc.line("coronal", arc.mirror(CX), DISC_LINE, 1.0)
        mid = Path2()
        smooth(
            [
                L(e * 0.66, (y0 + y1) / 2 + 0.4),
                ((CX), (y0 + y1) / 2),
                (CX + e * 0.66, (y0 + y1) / 2 + 0.4),
            ],
            closed=False,
            path=mid,
        )
        doc.line("coronal", mid, NUCLEUS, 2.0, stroke_opacity="0.8")


def foramen_shape(level: str) -> Path2:
    """Left foramen between the pedicle of the upper vertebra and the one below."""
    up, lo = level.split("-")
    m, lat, cy, _hh = pedicle_box(up)
    _, _, cy2, hh2 = pedicle_box(lo)
    top = cy - 2
    bot = cy2 - hh2 + 5
    a, b = m - 8, lat + 17
    pts = [
        (a, top),
        ((a + b) / 2, top - 2),
        (b, top + 2),
        (b + 3, top + 0.45 * (bot - top)),
        (b - 6, bot - 8),
        ((a + b) / 2 + 4, bot),
        (a + 7, bot - 6),
        (a - 1, top + 0.45 * (bot - top)),
    ]
    return smooth([L(d, y) for d, y in pts])


def draw_foramina(doc: Doc) -> None:
    for level in DISCS:
        pair(
            doc,
            "coronal",
            foramen_shape(level),
            f"foramen:{level}:{{}}",
            FORAMEN,
            fill_opacity="0.38",
        )


def draw_sacral_foramina(doc: Doc) -> None:
    d, cy, rx, ry = S1_FORAMEN
    f = smooth(ellipse_pts(CX - d, cy, rx, ry, 12, rot=-0.25))
    pair(doc, "coronal", f, "foramen:S1:{}", FORAMEN, fill_opacity="0.45", stroke=BONE_EDGE, sw=1.2)


def draw_pedicles(doc: Doc) -> None:
    for v in [*VERTS, "S1"]:
        m, lat, cy, hh = pedicle_box(v)
        cxp, rx = (m + lat) / 2, (lat - m) / 2
        outer = smooth(
            [
                L(cxp + dx, cy + dy)
                for dx, dy in [
                    (0, -hh),
                    (rx * 0.85, -hh * 0.72),
                    (rx, 0),
                    (rx * 0.82, hh * 0.78),
                    (0, hh),
                    (-rx * 0.82, hh * 0.78),
                    (-rx, 0),
                    (-rx * 0.85, -hh * 0.72),
                ]
            ]
        )
        pair(doc, "coronal", outer, f"pedicle:{v}:{{}}", CORTEX, stroke=BONE_EDGE, sw=1.4)
        inner = smooth(ellipse_pts(CX - cxp, cy, rx - 3.2, hh - 3.2, 10))
        pair(doc, "coronal", inner, None, CANCELLOUS)
        # a few trabecular dots
        dots = Path2()
        for ddx, ddy in ((-0.35, -0.3), (0.3, -0.1), (-0.1, 0.35), (0.25, 0.45), (-0.3, 0.2)):
            dots.extend(circle_path(CX - cxp + ddx * rx, cy + ddy * hh, 0.9))
        pair(doc, "coronal", dots, None, CORTEX)


def sac_outline() -> list[tuple[float, float]]:
    st = SACRUM_TOP
    half = [
        (0, 74),
        (SAC_HW - 1, 74),
        (SAC_HW, 90),
        (SAC_HW, 300),
        (SAC_HW + 0.5, 480),
        (SAC_HW, st - 20),
        (SAC_HW - 3, st + 18),
        (SAC_HW - 9, st + 55),
        (SAC_HW - 17, st + 90),
        (9, st + 108),
        (0, st + 113),
    ]
    return with_mirror(half, CX)


def draw_sac(doc: Doc) -> None:
    doc.path("coronal", smooth(sac_outline(), tension=0.9), SAC, "sac", stroke=SAC_EDGE, sw=1.6)
    # pale inner shading so the sac reads as a tube
    inner = smooth(
        with_mirror(
            [
                (0, 78),
                (SAC_HW * 0.5, 78),
                (SAC_HW * 0.55, 300),
                (SAC_HW * 0.5, SACRUM_TOP),
                (SAC_HW * 0.2, SACRUM_TOP + 80),
                (0, SACRUM_TOP + 90),
            ],
            CX,
        )
    )
    doc.path("coronal", inner, "#FFF9EA", fill_opacity="0.7")


def conus_and_cauda(doc: Doc, starts: dict[str, tuple[float, float]]) -> None:
    """Conus medullaris (to L1-L2) and the cauda equina strands (one path)."""
    tip_y = BOT["L1"] + 6
    conus = smooth(
        with_mirror([(0, 75), (11, 75), (11.5, 110), (10, 150), (6, tip_y - 22), (0, tip_y)], CX)
    )
    doc.path("coronal", conus, "#F1DFA8", "conus", stroke=SAC_EDGE, sw=1.0)
    cauda = Path2()
    ordered = ROOTS
    for k, r in enumerate(ordered):
        sd, sy = starts[r]
        y0 = 80 + k * 13
        d0 = 10.5 if y0 < tip_y - 20 else 5
        pts = [
            (d0, y0),
            (d0 + 3 + k * 0.4, y0 + 0.25 * (sy - y0)),
            (sd - 4 - (5 - k) * 0.2, y0 + 0.7 * (sy - y0)),
            (sd, sy),
        ]
        line = sample_spline([L(d, y) for d, y in pts], 0.5)
        w = np.full(len(line), 2.2)
        cauda.extend(tube(line, w, 0, len(line) - 1, every=36))
        cauda.extend(tube(line, w, 0, len(line) - 1, every=36).mirror(CX))
    # sacral / coccygeal strands running to the end of the sac
    for k, dd in enumerate((16, 12, 8, 4.5)):
        pts = [
            (4 + k * 0.6, tip_y - 10),
            (dd * 0.6, 300 + k * 25),
            (dd, SACRUM_TOP - 40),
            (dd * 0.75, SACRUM_TOP + 60),
            (dd * 0.35, SACRUM_TOP + 100 - k * 3),
        ]
        line = sample_spline([L(d, y) for d, y in pts], 0.5)
        w = np.full(len(line), 2.0)
        t = tube(line, w, 0, len(line) - 1, every=40)
        cauda.extend(t).extend(t.mirror(CX))
    doc.path("coronal", cauda, CAUDA, "cauda", stroke="#C9A851", sw=0.5)
    # filum terminale: from the conus tip through the sac to the coccyx
    fil = Path2()
    smooth(
        [
            (CX, tip_y - 2),
            (CX, SACRUM_TOP),
            (CX, SACRUM_TOP + 112),
            (CX, SACRUM_TOP + 150),
            (CX, SACRUM_TOP + 262),
        ],
        closed=False,
        path=fil,
    )
    doc.line("coronal", fil, "#C9A851", 1.2)


# ---------------------------------------------------------------- roots
def root_centreline(r: str) -> np.ndarray:
    """Dense centre line (left side, absolute coordinates) of root r."""
    w = ROOT_W[r]
    rr = w / 2
    if r == "T12":
        m, lat, cy, hh = pedicle_box("T12")
        pb = cy + hh
        pts = [
            (SAC_HW - 4, TOP["T12"] - 14),
            (SAC_HW + 3, TOP["T12"] + 2),
            (m - rr - 1.5, cy - 4),
            (m - rr + 1, pb - 1),
            ((m + lat) / 2, pb + rr + 3),
            (lat + 4, pb + rr + 8),
            (lat + 26, pb + rr + 28),
            (lat + 46, pb + rr + 56),
        ]
        return sample_spline([L(d, y) for d, y in pts])
    idx = ROOTS.index(r)
    above = DISCS[idx]  # traversed disc
    y0, y1 = disc_span(above)
    ys = y0 - 9  # root sleeve leaves the sac just above the traversed disc
    start = [
        (SAC_HW - 17, ys - 58),
        (SAC_HW - 8, ys - 26),
        (SAC_HW + 2.5, ys),
        (SAC_HW + 8.5, (y0 + y1) / 2),
    ]
    if r == "S1":
        m, lat, cy, hh = pedicle_box("S1")
        fd, fcy, _, _ = S1_FORAMEN
        pts = [
            *start,
            (m - rr - 3, cy - 2),
            (m - rr - 0.5, cy + hh),
            (fd - 4, fcy - 12),
            (fd + 1, fcy),
            (fd + 7, fcy + 14),
            (fd + 18, fcy + 34),
            (fd + 30, fcy + 58),
        ]
    else:
        m, lat, cy, hh = pedicle_box(r)
        pb = cy + hh
        pts = [
            *start,
            (m - rr - 3, cy - 2),
            (m - rr + 0.5, pb + 1),
            ((m + lat) / 2, pb + rr + 3),
            (lat + 4, pb + rr + 8),
            (lat + 28, pb + rr + 30),
            (lat + 52, pb + rr + 64),
        ]
    return sample_spline([L(d, y) for d, y in pts])


def root_width(r: str, line: np.ndarray, gang: tuple[int, int] | None) -> np.ndarray:
    """Root width along the line, swelling to a ganglion in the foramen."""
    n = len(line)
    w = np.full(n, float(ROOT_W[r]))
    if gang is not None:
        a, b = gang
        c = (a + b) / 2
        span = max(b - a, 10) * 0.9
        k = np.arange(n)
        w *= 1 + 0.32 * np.exp(-(((k - c) / (span / 2)) ** 2))
    # slight taper at the distal end
    tail = max(1, int(n * 0.2))
    w[-tail:] *= np.linspace(1.0, 0.85, tail)
    # intrathecal rootlets are a touch thinner
    widths: np.ndarray = np.maximum(w, 6.2)
    return widths


def split_root(r: str, line: np.ndarray) -> dict[str, tuple[int, int]]:
    off = CX - line[:, 0]
    n = len(line)
    # sac segment ends where the centre line crosses the sac border
    i_sac = int(np.argmax(off > SAC_HW))
    if r == "S1":
        fd, fcy, frx, fry = S1_FORAMEN
        margin = ROOT_W["S1"] / 2 * 1.3 + 1.5
        inside = (((CX - fd) - line[:, 0]) / (frx - margin)) ** 2 + (
            (line[:, 1] - fcy) / (fry - margin)
        ) ** 2 <= 1.0
        # only the stretch after the sleeve
        inside[:i_sac] = False
        i_f0 = int(np.argmax(inside))
        i_f1 = i_f0 + int(np.argmax(~inside[i_f0:])) - 1
    else:
        m, lat, _, _ = pedicle_box(r)
        i_f0 = i_sac + int(np.argmax(off[i_sac:] > m))
        i_f1 = i_f0 + int(np.argmax(off[i_f0:] > lat + 1))
    return {
        "sac": (0, i_sac),
        "traversing": (i_sac, i_f0),
        "foramen": (i_f0, i_f1),
        "extraforaminal": (i_f1, n - 1),
    }


def draw_roots(doc: Doc) -> dict[str, tuple[float, float]]:
    starts = {}
    # T12 root: context only, one piece
    line = root_centreline("T12")
    w = root_width("T12", line, None)
    outline = tube(line, w + 2.6, 0, len(line) - 1, cap_start=True, cap_end=True)
    pair(doc, "coronal", outline, None, ROOT_EDGE)
    body = tube(line, w, 0, len(line) - 1, cap_start=True, cap_end=True)
    pair(doc, "coronal", body, "root:T12:{}", ROOT, fill_opacity="0.9")
    for r in ROOTS:
        line = root_centreline(r)
        seg = split_root(r, line)
        w = root_width(r, line, seg["foramen"])
        off = CX - line[:, 0]
        starts[r] = (off[0], line[0, 1])
        outline = tube(line, w + 2.6, 0, len(line) - 1, cap_start=True, cap_end=True)
        pair(doc, "coronal", outline, f"root_outline:{r}:{{}}", ROOT_EDGE)
        # same-colour underlay hides hairline seams between the butt-joined segments
        under = tube(line, w, 0, len(line) - 1, cap_start=True, cap_end=True)
        pair(doc, "coronal", under, None, ROOT)
        for name, (a, b) in seg.items():
            t = tube(line, w, a, b, cap_start=(name == "sac"), cap_end=(name == "extraforaminal"))
            fill = "#F6D877" if name == "sac" else ROOT
            pair(doc, "coronal", t, f"root:{r}:{{}}:{name}", fill)
        # a soft highlight stripe along the root (decoration)
        nrm = normals(line)
        hl = line + nrm * (w / 5)[:, None]
        a = seg["traversing"][0]
        ids = _subsample(a, len(line) - 12, 24)
        stripe = smooth([hl[i] for i in ids], closed=False)
        doc.line("coronal", stripe, "#FBE7A6", 1.6, stroke_opacity="0.8")
        doc.line("coronal", stripe.mirror(CX), "#FBE7A6", 1.6, stroke_opacity="0.8")
    return starts


# ---------------------------------------------------------------- coronal lesion zones
def lesion_zone_rects(level: str) -> dict[str, tuple[float, float, float, float]]:
    """Zone boxes on the patient's left as (d0, d1, y0, y1) offsets from the midline."""
    up, lo = level.split("-")
    y0, y1 = disc_span(level)
    m_lo = PM[lo]
    _, lat_up, cy_up, hh_up = pedicle_box(up)
    pb = cy_up + hh_up
    f_out = lat_up + 10
    return {
        "central": (-14, 14, y0 - 7, y1 + 7),
        "paracentral": (14, m_lo, y0 - 7, y1 + 7),
        "foraminal": (m_lo, f_out, pb - 3, y1 + 7),
        "extraforaminal": (f_out, f_out + 42, pb - 3, y1 + 7),
    }


def draw_lesion_zones(doc: Doc) -> None:
    for level in LESION_LEVELS:
        rects = lesion_zone_rects(level)
        for zone, (d0, d1, y0, y1) in rects.items():
            p = rounded_rect(CX - d1, y0, CX - d0, y1, 6)
            if zone == "central":
                doc.path(
                    "lesion_zones", p, ZONE_TINT[zone], f"lesion:{level}:central", fill_opacity="0"
                )
            else:
                pair(
                    doc,
                    "lesion_zones",
                    p,
                    f"lesion:{level}:{zone}:{{}}",
                    ZONE_TINT[zone],
                    fill_opacity="0",
                )


# ================================================================= axial view
def A(d: float, y: float) -> tuple[float, float]:
    """Point on the viewer's left of the axial view = the patient's RIGHT."""
    return (AX - d, y)


AXIAL_ZONES = {  # (d0, d1) offsets from the axial centre, on one side
    "central": (-26, 26),
    "paracentral": (26, 78),
    "foraminal": (78, 128),
    "extraforaminal": (128, 176),
}


def disc_post(d: float) -> float:
    """y of the disc's posterior margin at offset d (approximate, for zone tops)."""
    return 250 + 0.0009 * d * d + max(0.0, d - 60) * 0.02


def draw_axial(doc: Doc, zones: bool = True) -> None:
    g = "axial"
    # vertebral disc, kidney shaped (posterior border gently concave)
    disc_half = [
        (0, 110),
        (50, 112),
        (96, 121),
        (122, 146),
        (131, 180),
        (126, 216),
        (110, 244),
        (84, 258),
        (56, 256),
        (28, 250),
        (0, 248),
    ]
    doc.path(g, smooth(with_mirror(disc_half, AX)), DISC, "axial:disc", stroke=DISC_EDGE, sw=1.6)
    for s in (0.86, 0.72):
        ring = smooth(with_mirror([(d * s, 184 + (y - 184) * s) for d, y in disc_half], AX))
        doc.line(g, ring, DISC_LINE, 1.0, stroke_opacity="0.9")
    nuc = smooth(with_mirror([(0, 160), (30, 162), (52, 178), (54, 196), (36, 214), (0, 218)], AX))
    doc.path(g, nuc, NUCLEUS, "axial:nucleus", stroke=DISC_LINE, sw=1.0)
    # posterior elements, drawn back to front: spinous process, lamina, then the facet
    # joint = superior articular process (lower vertebra, lateral) + inferior articular
    # process (upper vertebra, medial, continuous with the lamina)
    spin = smooth(
        with_mirror([(0, 404), (15, 406), (13, 436), (10, 462), (13, 480), (9, 492), (0, 495)], AX)
    )
    doc.path(g, spin, BONE, "axial:spinous_process", stroke=BONE_EDGE, sw=1.5)
    lamina = smooth(
        with_mirror(
            [
                (0, 389),
                (26, 386),
                (50, 378),
                (70, 364),
                (86, 372),
                (90, 390),
                (62, 404),
                (30, 414),
                (0, 417),
            ],
            AX,
        )
    )
    doc.path(g, lamina, BONE, "axial:lamina", stroke=BONE_EDGE, sw=1.5)
    sap = [
        (68, 301),
        (80, 292),
        (104, 287),
        (122, 296),
        (131, 318),
        (128, 345),
        (117, 364),
        (108, 368),
        (103, 352),
        (95, 333),
        (84, 316),
        (74, 308),
    ]
    iap = [
        (88, 328),
        (96, 342),
        (104, 360),
        (108, 374),
        (100, 386),
        (84, 388),
        (74, 374),
        (74, 352),
        (79, 336),
    ]
    facet = smooth([A(d, y) for d, y in sap]).extend(smooth([A(d, y) for d, y in iap]))
    pair(
        doc,
        g,
        facet,
        "axial:facet:{}",
        BONE,
        axis=AX,
        left_name="right",
        right_name="left",
        stroke=BONE_EDGE,
        sw=1.5,
    )
    cart = smooth(
        [
            A(d, y)
            for d, y in [
                (84, 320),
                (94, 334),
                (102, 352),
                (107, 368),
                (104, 370),
                (99, 354),
                (91, 337),
                (82, 323),
            ]
        ]
    )
    pair(doc, g, cart, None, "#CDBB95", axis=AX)
    # ligamentum flavum lining the lamina and the medial facet
    lf = smooth(
        [
            A(d, y)
            for d, y in [
                (71, 309),
                (80, 318),
                (72, 338),
                (70, 360),
                (52, 372),
                (26, 381),
                (5, 384),
                (5, 377),
                (24, 373),
                (46, 364),
                (62, 352),
                (64, 330),
            ]
        ]
    )
    pair(
        doc,
        g,
        lf,
        "axial:ligamentum_flavum:{}",
        LIG_FLAVUM,
        axis=AX,
        left_name="right",
        right_name="left",
        stroke="#BFA65A",
        sw=1.0,
    )
    # thecal sac
    sac = smooth(
        with_mirror([(0, 262), (28, 264), (46, 278), (50, 302), (42, 326), (22, 340), (0, 343)], AX)
    )
    doc.path(g, sac, SAC, "axial:sac", stroke=SAC_EDGE, sw=1.6)
    # zones (translucent targets), under the nerve tissue so the roots stay readable
    if zones:
        for zone, (d0, d1) in AXIAL_ZONES.items():
            ys1 = {"central": 300, "paracentral": 306, "foraminal": 300, "extraforaminal": 300}[
                zone
            ]
            pts = [
                (d1, disc_post(abs(d1)) - 10),
                (d1, ys1),
                ((d0 + d1) / 2, ys1 + 2),
                (d0, ys1),
                (d0, disc_post(abs(d0)) - 10),
                ((d0 + d1) / 2, disc_post(abs((d0 + d1) / 2)) - 11),
            ]
            if zone == "extraforaminal":
                pts = [
                    (d1, 228),
                    (d1, ys1),
                    ((d0 + d1) / 2, ys1 + 2),
                    (d0, ys1),
                    (d0, 236),
                    ((d0 + d1) / 2, 228),
                ]
            p = rounded_poly([A(d, y) for d, y in pts])
            kw: dict[str, Any] = {
                "fill_opacity": "0.32",
                "stroke": ZONE_TINT[zone],
                "sw": 1.2,
                "stroke_opacity": "0.85",
                "stroke_dasharray": "4 3",
            }
            if zone == "central":
                doc.path(g, p, ZONE_TINT[zone], "axial:zone:central", **kw)
            else:
                pair(
                    doc,
                    g,
                    p,
                    f"axial:zone:{zone}:{{}}",
                    ZONE_TINT[zone],
                    axis=AX,
                    left_name="right",
                    right_name="left",
                    **kw,
                )
    # cauda equina (the sacral roots lie most posterior)
    dots = Path2()
    spots = [
        (0, 322),
        (9, 314),
        (18, 324),
        (28, 316),
        (36, 306),
        (8, 302),
        (20, 298),
        (30, 292),
        (12, 332),
        (26, 330),
        (40, 296),
    ]
    for d, y in spots:
        dots.extend(circle_path(AX - d, y, 3.2))
        if d > 0:
            dots.extend(circle_path(AX + d, y, 3.2))
    doc.path(g, dots, CAUDA, "axial:cauda", stroke="#C9A851", sw=0.7)
    # roots: traversing in the lateral recess, exiting (with ganglion) in the foramen
    trav = smooth(ellipse_pts(AX - 58, 282, 9.5, 9.0, 10))
    pair(
        doc,
        g,
        trav,
        "axial:root:traversing:{}",
        ROOT,
        axis=AX,
        left_name="right",
        right_name="left",
        stroke=ROOT_EDGE,
        sw=1.5,
    )
    exi = smooth(ellipse_pts(AX - 104, 270, 13, 10.5, 12, rot=0.35))
    pair(
        doc,
        g,
        exi,
        "axial:root:exiting:{}",
        ROOT,
        axis=AX,
        left_name="right",
        right_name="left",
        stroke=ROOT_EDGE,
        sw=1.5,
    )
    # small zone labels just in front of each zone (C on the disc, EF beside it)
    if zones:
        short = {"central": "C", "paracentral": "PC", "foraminal": "F", "extraforaminal": "EF"}
        colour = {
            "central": "#2F5E9E",
            "paracentral": "#A8383C",
            "foraminal": "#2E7A45",
            "extraforaminal": "#6A4A9A",
        }
        for zone in AXIAL_ZONES:
            dm, yy = {
                "central": (0, 238),
                "paracentral": (52, 238),
                "foraminal": (104, 240),
                "extraforaminal": (152, 220),
            }[zone]
            if zone == "central":
                doc.text(
                    g,
                    AX,
                    yy,
                    short[zone],
                    "axial:zone_label:central",
                    size=11,
                    weight="bold",
                    fill=colour[zone],
                )
                continue
            doc.text(
                g,
                AX - dm,
                yy,
                short[zone],
                f"axial:zone_label:{zone}:right",
                size=11,
                weight="bold",
                fill=colour[zone],
            )
            doc.text(
                g,
                AX + dm,
                yy,
                short[zone],
                f"axial:zone_label:{zone}:left",
                size=11,
                weight="bold",
                fill=colour[zone],
            )
    doc.text(g, AX, 80, "L4-L5", "axial:level_label", size=17, weight="bold")


def rounded_poly(pts: Any) -> Path2:
    return smooth(pts, tension=0.55)


def draw_axial_legend(doc: Doc) -> None:
    g = "labels"
    x0, y = 636, 568
    doc.text(
        g,
        x0,
        y,
        "Where a disc lesion sits (both sides):",
        "label:axial:zones_title",
        size=12,
        anchor="start",
        weight="bold",
    )
    rows = [
        ("central", "C", "central: midline, may press on several roots"),
        ("paracentral", "PC", "paracentral / subarticular: traversing root"),
        ("foraminal", "F", "foraminal: exiting root"),
        ("extraforaminal", "EF", "extraforaminal (far lateral): exiting root"),
    ]
    for k, (zone, ab, txt) in enumerate(rows):
        yy = y + 22 + k * 21
        sw_ = rounded_rect(x0, yy - 11, x0 + 26, yy + 3, 3)
        doc.path(
            g,
            sw_,
            ZONE_TINT[zone],
            f"legend:zone:{zone}",
            fill_opacity="0.35",
            stroke=ZONE_TINT[zone],
            sw=1.2,
        )
        doc.text(g, x0 + 13, yy, ab, None, size=11, weight="bold")
        doc.text(g, x0 + 34, yy, txt, f"label:legend:{zone}", size=11, anchor="start")
    yy = y + 22 + 4 * 21 + 8
    doc.path(
        g,
        circle_path(x0 + 13, yy - 4, 6.5),
        ROOT,
        "legend:root:traversing",
        stroke=ROOT_EDGE,
        sw=1.3,
    )
    doc.text(
        g,
        x0 + 34,
        yy,
        "traversing root: the lower root (L5 at L4-L5)",
        "label:legend:traversing",
        size=11,
        anchor="start",
    )
    yy += 21
    doc.path(
        g,
        smooth(ellipse_pts(x0 + 13, yy - 4, 9, 7, 10, rot=0.35)),
        ROOT,
        "legend:root:exiting",
        stroke=ROOT_EDGE,
        sw=1.3,
    )
    doc.text(
        g,
        x0 + 34,
        yy,
        "exiting root: the upper root (L4 at L4-L5)",
        "label:legend:exiting",
        size=11,
        anchor="start",
    )
    yy += 30
    for k, line in enumerate(
        [
            "Each root leaves the spine below its own pedicle:",
            "L4 exits at L4-L5, L5 at L5-S1, S1 through the",
            "first sacral foramen. At a disc, the root that is",
            "still going down is the traversing root.",
        ]
    ):
        doc.text(
            g, x0, yy + k * 16, line, f"label:note:{k + 1}", size=11, anchor="start", fill=TEXT_SOFT
        )


# ================================================================= labels
def axial_labels(doc: Doc) -> None:
    """Title and orientation of the axial slice."""
    g = "labels"
    doc.text(
        g, AX, 28, "Cross-section at a disc level", "label:title:axial", size=17, weight="bold"
    )
    doc.text(
        g,
        AX,
        46,
        "seen from the feet, as on MRI / CT",
        "label:subtitle:axial",
        size=11,
        fill=TEXT_SOFT,
    )
    doc.text(
        g,
        628,
        100,
        "Patient's right",
        "label:orient:axial:right",
        size=12,
        anchor="start",
        weight="bold",
        fill=TEXT_SOFT,
    )
    doc.text(
        g,
        994,
        100,
        "Patient's left",
        "label:orient:axial:left",
        size=12,
        anchor="end",
        weight="bold",
        fill=TEXT_SOFT,
    )
    doc.text(
        g, AX, 102, "Front", "label:orient:axial:front", size=12, weight="bold", fill=TEXT_SOFT
    )
    doc.text(g, AX, 532, "Back", "label:orient:axial:back", size=12, weight="bold", fill=TEXT_SOFT)


def draw_labels(doc: Doc) -> None:
    g = "labels"
    doc.text(
        g, CX, 28, "Lumbar spine, seen from behind", "label:title:coronal", size=18, weight="bold"
    )
    doc.text(
        g,
        CX,
        46,
        "posterior elements removed (laminectomy view)",
        "label:subtitle:coronal",
        size=11,
        fill=TEXT_SOFT,
    )
    doc.text(
        g,
        70,
        68,
        "Patient's left",
        "label:orient:coronal:left",
        size=12,
        weight="bold",
        fill=TEXT_SOFT,
    )
    doc.text(
        g,
        530,
        68,
        "Patient's right",
        "label:orient:coronal:right",
        size=12,
        weight="bold",
        fill=TEXT_SOFT,
    )
    axial_labels(doc)
    # vertebra labels on the viewer's left, disc labels on the viewer's right
    doc.text(g, 30, 104, "vertebra", "label:heading:vert", size=11, fill=TEXT_SOFT)
    doc.text(g, 578, 148, "disc", "label:heading:disc", size=11, anchor="end", fill=TEXT_SOFT)
    for v in VERTS:
        doc.text(g, 26, TOP[v] + VH[v] / 2 + 5, v, f"label:vert:{v}", size=14, weight="bold")
    doc.text(g, 30, SACRUM_TOP + 60, "S1", "label:vert:S1", size=14, weight="bold")
    doc.text(g, 30, SACRUM_TOP + 78, "Sacrum", "label:vert:sacrum", size=11)
    for level in DISCS:
        y0, y1 = disc_span(level)
        doc.text(
            g,
            578,
            (y0 + y1) / 2 + 4,
            level,
            f"label:disc:{level}",
            size=11,
            anchor="end",
            fill="#4E6878",
        )
    # root names at the ends of the roots, both sides
    for r in ["T12", *ROOTS]:
        line = root_centreline(r)
        x, y = line[-1]
        doc.text(
            g, x - 6, y + 14, r, f"label:root:{r}:left", size=12, weight="bold", fill="#7A5A0E"
        )
        doc.text(
            g,
            2 * CX - x + 6,
            y + 14,
            r,
            f"label:root:{r}:right",
            size=12,
            weight="bold",
            fill="#7A5A0E",
        )


def callout(
    doc: Doc,
    el_id: str,
    text: str,
    tx: float,
    ty: float,
    target: Any,
    anchor: str = "start",
    elbow: Any = None,
) -> None:
    """Small grey structure label with a thin leader line ending in a dot on target."""
    g = "labels"
    doc.text(g, tx, ty, text, el_id, size=11, anchor=anchor, fill=TEXT_SOFT)
    sx = tx - 4 if anchor == "start" else (tx + 4 if anchor == "end" else tx)
    if anchor == "middle":
        start = (sx, ty + 3)
    else:
        start = (sx, ty - 4)
    pts = [start] + ([elbow] if elbow else []) + [target]
    ln = Path2().M(pts[0])
    for pt in pts[1:]:
        ln.L(pt)
    doc.line(g, ln, "#8C9296", 0.8)
    doc.path(g, circle_path(target[0], target[1], 1.8), "#5F676C")


def draw_callouts(doc: Doc) -> None:
    st = SACRUM_TOP
    m, lat, cy, _ = pedicle_box("T12")
    callout(doc, "label:struct:pedicle", "Pedicle (cut)", 452, 96, (CX + (m + lat) / 2 + 4, cy - 4))
    callout(doc, "label:struct:foramen", "Foramen", 452, 114, (CX + lat + 12, cy + 3))
    callout(doc, "label:struct:cauda", "Cauda equina", 478, 690, (CX + 9, st + 44))
    callout(doc, "label:struct:sac", "Dural sac", 478, 716, (CX + 13, st + 72))
    callout(
        doc,
        "label:struct:s1_foramen",
        "1st sacral foramen",
        478,
        752,
        (CX + S1_FORAMEN[0] + 9, S1_FORAMEN[1] - 9),
    )
    callout(doc, "label:struct:filum", "Filum terminale", 478, 800, (CX + 1.5, st + 190))
    callout(doc, "label:struct:conus", "Conus (end of cord)", 196, 90, (CX - 6, 150), anchor="end")
    # axial
    doc.text("labels", AX, 194, "nucleus", "label:axial:nucleus", size=11, fill="#5C7282")
    doc.text("labels", AX, 136, "annulus", "label:axial:annulus", size=11, fill="#5C7282")
    callout(doc, "label:axial:facet", "facet joint", 632, 420, (AX - 102, 356))
    callout(doc, "label:axial:lamina", "lamina", 684, 455, (AX - 40, 408))
    callout(doc, "label:axial:spinous", "spinous process", 836, 480, (AX + 12, 462))
    callout(doc, "label:axial:sac", "dural sac", 944, 420, (AX + 30, 336), anchor="middle")
    callout(doc, "label:axial:flavum", "lig. flavum", 944, 445, (AX + 58, 366), anchor="middle")


# ================================================================= sagittal view
# A second drawing (``spine_sagittal.svg``, same 1000 x 900 canvas): the lumbar spine
# seen from the patient's side (front on the viewer's LEFT), x 0-600, beside a copy of
# the axial slice (x 620-1000), plus the healthy -> affected shapes of every cause
# (groups ``mechanism:<cause>``).  Every shape is a list of points in the local frame of
# one vertebra (x: towards the back, y: down, origin at the centre of the body), so the
# same rule draws every level; healthy and affected outlines of one part have the same
# number of points, so the app can interpolate between them.

SAG_VERTS = ["L1", "L2", "L3", "L4", "L5"]
SAG_LEVELS = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"]
SVH = {"L1": 74, "L2": 77, "L3": 79, "L4": 79, "L5": 76, "S1": 76}  # body heights
SDH = {"L1-L2": 22, "L2-L3": 23, "L3-L4": 24, "L4-L5": 24, "L5-S1": 21}  # disc heights
# tilt of each body (degrees; + = top leaning back): the lumbar lordosis
SANG = {"L1": 9, "L2": 5, "L3": 0, "L4": -6, "L5": -13, "S1": -30}
SBW = 58.0  # half depth (front to back) of a vertebral body
CANAL_FRONT, CANAL_BACK = 60.0, 114.0  # the canal between the bodies and the laminae
SAG_C0 = (205.0, 128.0)  # centre of L1
SAG_FONT_MIN = 13
MORPH_TO = "#C8453B"  # a squeezed nerve turns this red
SQUEEZE = "#D55E00"
SPUR = "#E3D2AC"
SAG_BONE_SHADE = "#E6D9BC"
SAG_DISC_DRY = "#9FA8AE"
FORAMEN_EDGE = "#4A3F33"  # the side opening: a dark rim, so a patient sees it close
FORAMEN_OPACITY = "0.42"
NUCLEUS_DRY = "#B8BEC2"


Pt = tuple[float, float]
Pts = list[Pt]


def _pt(v: Any) -> Pt:
    return (float(v[0]), float(v[1]))


class Frame:
    """Local frame of one vertebra: centre and tilt."""

    def __init__(self, c: tuple[float, float], deg: float, h: float) -> None:
        self.c = np.asarray(c, dtype=float)
        self.a = math.radians(deg)
        self.h = h
        self.t = -h / 2.0
        self.b = h / 2.0

    def w(self, x: float, y: float) -> tuple[float, float]:
        ca, sa = math.cos(self.a), math.sin(self.a)
        return (float(self.c[0] + ca * x - sa * y), float(self.c[1] + sa * x + ca * y))

    def vec(self, x: float, y: float) -> np.ndarray:
        ca, sa = math.cos(self.a), math.sin(self.a)
        return np.array([ca * x - sa * y, sa * x + ca * y])


def sag_frames() -> dict[str, Frame]:
    frames: dict[str, Frame] = {}
    c = np.asarray(SAG_C0, dtype=float)
    names = [*SAG_VERTS, "S1"]
    for i, v in enumerate(names):
        frames[v] = Frame((c[0], c[1]), SANG[v], SVH[v])
        if i + 1 < len(names):
            nxt = names[i + 1]
            f = frames[v]
            mid = Frame((0.0, 0.0), (SANG[v] + SANG[nxt]) / 2, 0)
            c = (
                f.c
                + f.vec(0, SVH[v] / 2)
                + mid.vec(0, SDH[f"{v}-{nxt}"])
                + Frame((0.0, 0.0), SANG[nxt], 0).vec(0, SVH[nxt] / 2)
            )
    return frames


FR = sag_frames()


def _upper_lower(level: str) -> tuple[Frame, Frame]:
    up, lo = level.split("-")
    return FR[up], FR[lo]


def lerp(a: Any, b: Any, n: int) -> Pts:
    """n points from a to b (both included)."""
    pa, pb = np.asarray(a, float), np.asarray(b, float)
    return [_pt(pa + (pb - pa) * k / (n - 1)) for k in range(n)]


def shifted(pts: Any, d: Any) -> Pts:
    dd = np.asarray(d, float)
    return [_pt(np.asarray(p, float) + dd) for p in pts]


def bump(pts: Any, centre: Any, radius: float, push: Any) -> Pts:
    """Move the points near ``centre`` by ``push`` (a vector), fading with distance."""
    c = np.asarray(centre, float)
    v = np.asarray(push, float)
    out = []
    for p in pts:
        pp = np.asarray(p, float)
        k = math.exp(-((np.linalg.norm(pp - c) / radius) ** 2))
        out.append(tuple(pp + v * k))
    return out


def body_points(f: Frame) -> list[tuple[float, float]]:
    t, b, w = f.t, f.b, SBW
    loc = [
        (-w + 4, t),
        (-w / 2, t + 0.6),
        (0, t + 0.8),
        (w / 2, t + 0.6),
        (w - 3, t),
        (w, t + 5),
        (w - 1.5, 0),
        (w, b - 5),
        (w - 3, b),
        (w / 2, b - 0.6),
        (0, b - 0.8),
        (-w / 2, b - 0.6),
        (-w + 4, b),
        (-w - 1, b - 6),
        (-w + 4, 0),
        (-w - 1, t + 6),
    ]
    return [f.w(x, y) for x, y in loc]


def pedicle_points(f: Frame) -> list[tuple[float, float]]:
    t = f.t
    loc = [
        (50, t + 7),
        (84, t + 5),
        (112, t + 7),
        (114, t + 22),
        (110, t + 33),
        (84, t + 31),
        (50, t + 33),
    ]
    return [f.w(x, y) for x, y in loc]


def arch_points(f: Frame, sacral: bool = False) -> list[tuple[float, float]]:
    """Lamina, superior and inferior articular processes and spinous process."""
    t, b = f.t, f.b
    if sacral:  # S1: only the superior articular process above the sacral roof
        loc = [
            (108, t + 10),
            (109, t - 10),
            (114, t - 24),
            (124, t - 27),
            (131, t - 16),
            (132, t + 2),
            (142, t + 14),
            (118, t + 16),
        ]
        return [f.w(x, y) for x, y in loc]
    loc = [
        (108, t + 10),
        (109, t - 10),
        (114, t - 24),
        (124, t - 27),
        (130, t - 16),
        (131, t + 2),
        (150, t + 10),
        (205, t + 22),
        (250, t + 34),
        (266, t + 42),
        (268, t + 54),
        (256, t + 60),
        (205, t + 52),
        (162, t + 54),
        (152, b + 2),
        (148, b + 20),
        (141, b + 31),
        (135, b + 25),
        (134, b + 6),
        (127, b - 6),
        (117, b - 14),
        (116, 0),
        (114, t + 14),
    ]
    return [f.w(x, y) for x, y in loc]


def sacrum_points() -> list[tuple[float, float]]:
    f = FR["S1"]
    t = f.t
    loc = [
        (-SBW + 4, t),
        (0, t + 0.8),
        (SBW - 3, t),
        (SBW, t + 5),
        (64, t + 12),
        (118, t + 16),
        (142, t + 14),
        (146, t + 40),
        (140, t + 86),
        (126, t + 130),
        (104, t + 168),
        (80, t + 192),
        (62, t + 200),
        (48, t + 194),
        (30, t + 166),
        (8, t + 124),
        (-18, t + 80),
        (-42, t + 40),
        (-58, t + 10),
    ]
    return [f.w(x, y) for x, y in loc]


def disc_points(
    level: str,
    *,
    post: float = 0.0,
    focal: float = 0.0,
    foraminal: float = 0.0,
    squash: float = 0.0,
    slip: float = 0.0,
) -> list[tuple[float, float]]:
    """Outline of a disc between two bodies (front edge, top, back edge, bottom).

    ``squash`` moves the upper endplate down (height loss), ``slip`` moves it forward
    (the upper vertebra slipping); ``post`` bulges the whole back edge, ``focal`` pushes
    a herniation into the canal and ``foraminal`` up and back into the foramen.
    """
    fu, fl = _upper_lower(level)
    move = fu.vec(-slip, squash)
    ua, up_ = np.add(fu.w(-SBW + 3, fu.b), move), np.add(fu.w(SBW - 3, fu.b), move)
    la, lp = fl.w(-SBW + 3, fl.t), fl.w(SBW - 3, fl.t)
    n_edge, n_side = 8, 9
    top = lerp(ua, up_, n_edge)  # front -> back along the upper endplate
    bottom = lerp(lp, la, n_edge)  # back -> front along the lower endplate
    back = lerp(up_, lp, n_side)[1:-1]
    front = lerp(la, ua, n_side)[1:-1]
    mid_b = (np.asarray(up_) + np.asarray(lp)) / 2
    out_b = fu.vec(1, 0)
    # both edges bulge a little (the annulus)
    back = [
        tuple(np.asarray(p) + out_b * (2.5 + post) * math.sin(math.pi * (k + 1) / n_side))
        for k, p in enumerate(back)
    ]
    front = [
        tuple(np.asarray(p) - out_b * 3.0 * math.sin(math.pi * (k + 1) / n_side))
        for k, p in enumerate(front)
    ]
    pts = top + back + bottom + front
    if focal:
        pts = bump(pts, mid_b, 13.0, out_b * focal)
    if foraminal:
        c = np.asarray(up_) + (np.asarray(lp) - np.asarray(up_)) * 0.3
        pts = bump(pts, c, 10.0, out_b * foraminal + fu.vec(0, -foraminal * 0.45))
    return pts


def nucleus_points(level: str, *, squash: float = 0.0, slip: float = 0.0, dry: float = 0.0) -> Pts:
    fu, fl = _upper_lower(level)
    move = fu.vec(-slip, squash) * 0.5
    c = (np.asarray(fu.w(0, fu.b)) + np.asarray(fl.w(0, fl.t))) / 2 + move
    frame = Frame((c[0], c[1]), (SANG[fu_name(fu)] + SANG[fu_name(fl)]) / 2, 0)
    gap = SDH[level] - squash
    rx, ry = 30 * (1 - 0.25 * dry), max(2.5, gap * 0.28 * (1 - 0.3 * dry))
    return [
        frame.w(rx * math.cos(2 * math.pi * k / 12), ry * math.sin(2 * math.pi * k / 12))
        for k in range(12)
    ]


def fu_name(f: Frame) -> str:
    for k, v in FR.items():
        if v is f:
            return k
    raise KeyError


def foramen_points(
    level: str, *, squash: float = 0.0, slip: float = 0.0, disc: float = 0.0, spur: float = 0.0
) -> list[tuple[float, float]]:
    """The opening between two pedicles where the upper root leaves (inverted teardrop).

    ``disc`` narrows it from the front (a bulging disc), ``spur`` from behind (a bone
    spur of the facet joint)."""
    fu, fl = _upper_lower(level)
    move = fu.vec(-slip, squash)
    upper = [fu.w(60, fu.t + 36), fu.w(86, fu.t + 34), fu.w(108, fu.t + 36), fu.w(114, fu.b - 20)]
    upper = shifted(upper, move)
    lower = [
        fl.w(109, fl.t - 14),
        fl.w(104, fl.t + 2),
        fl.w(92, fl.t + 5),
        fl.w(72, fl.t + 4),
        fl.w(62, fl.t + 3),
    ]
    disc_mid = (np.asarray(fu.w(SBW, fu.b)) + move + np.asarray(fl.w(SBW, fl.t))) / 2
    front = [
        tuple(disc_mid + fu.vec(3, 0)),
        tuple(np.asarray(fu.w(62, fu.b - 6)) + move),
        tuple(np.asarray(fu.w(61, fu.b - 22)) + move),
    ]
    pts = upper + lower + front
    if disc:
        pts = bump(pts, disc_mid, 14.0, fu.vec(disc, -disc * 0.3))
    if spur:
        pts = bump(pts, fl.w(110, fl.t - 10), 13.0, fl.vec(-spur, -spur * 0.2))
    return pts


def facet_points(level: str, *, grow: float = 0.0, squash: float = 0.0, slip: float = 0.0) -> Pts:
    """Capsule of the facet joint between the upper inferior and the lower superior
    articular process; ``grow`` swells it (arthritis) with a spur towards the foramen."""
    fu, fl = _upper_lower(level)
    c = (np.asarray(fu.w(133, fu.b + 14)) + np.asarray(fl.w(131, fl.t - 10))) / 2
    c = c + fu.vec(-slip, squash) * 0.5
    frame = Frame((c[0], c[1]), (SANG[fu_name(fu)] + SANG[fu_name(fl)]) / 2, 0)
    n = 16
    pts = []
    for k in range(n):
        a = 2 * math.pi * k / n
        rx = 8 + 6 * grow + 3 * grow * math.sin(3 * a) ** 2
        ry = 23 + 5 * grow
        pts.append(frame.w(rx * math.cos(a), ry * math.sin(a)))
    if grow:
        pts = bump(pts, frame.w(-8, -10), 9.0, frame.vec(-16 * grow, 2 * grow))
    return pts


def flavum_points(level: str, *, thick: float = 0.0, squash: float = 0.0, slip: float = 0.0) -> Pts:
    """Ligamentum flavum lining the back of the canal between two laminae; ``thick``
    makes it buckle forward into the canal."""
    fu, fl = _upper_lower(level)
    move = fu.vec(-slip, squash)
    a = np.asarray(fu.w(118, fu.b - 12)) + move
    b = np.asarray(fl.w(112, fl.t + 14))
    n = 7
    front = lerp(a, b, n)
    back = lerp(b + fl.vec(9, 0), a + fu.vec(10, 0), n)
    bow = fu.vec(-1, 0)
    front = [
        tuple(np.asarray(p) + bow * (2 + thick) * math.sin(math.pi * k / (n - 1)))
        for k, p in enumerate(front)
    ]
    return front + back


def root_line(level: str, *, squash: float = 0.0, slip: float = 0.0) -> np.ndarray:
    """Centre line of the upper root: from the sac, under its pedicle, out through the
    foramen and down and forward over the disc."""
    fu, fl = _upper_lower(level)
    move = fu.vec(-slip, squash)
    pts = [
        np.asarray(fu.w(98, fu.t + 14)) + move,
        np.asarray(fu.w(90, fu.t + 42)) + move * 0.9,
        np.asarray(fu.w(80, fu.b - 10)) + move * 0.7,
        np.asarray(fl.w(58, fl.t - 8)) + move * 0.3,
        np.asarray(fl.w(38, fl.t + 10)),
        np.asarray(fl.w(22, fl.t + 26)),
    ]
    line = sample_spline([tuple(p) for p in pts], 0.5)
    # a fixed number of points, so healthy and squeezed tubes have the same commands
    d = np.r_[0, np.cumsum(np.linalg.norm(np.diff(line, axis=0), axis=1))]
    s = np.linspace(0, d[-1], 220)
    return np.column_stack([np.interp(s, d, line[:, 0]), np.interp(s, d, line[:, 1])])


def root_tube(level: str, *, pinch: float = 0.0, squash: float = 0.0, slip: float = 0.0) -> Path2:
    line = root_line(level, squash=squash, slip=slip)
    n = len(line)
    k = np.arange(n)
    up = level.split("-")[0]
    base = 6.5 + 0.5 * SAG_VERTS.index(up)
    w = np.full(n, base)
    g = n * 0.36  # ganglion in the foramen
    w *= 1 + 0.45 * np.exp(-(((k - g) / (n * 0.12)) ** 2))
    w *= 1 - 0.5 * pinch * np.exp(-(((k - g) / (n * 0.1)) ** 2))
    w[-n // 5 :] *= np.linspace(1.0, 0.8, len(w[-n // 5 :]))
    return tube(line, w, 0, n - 1, cap_start=True, cap_end=True, every=14)


def sac_points() -> list[tuple[float, float]]:
    front, back = [], []
    f1 = FR["L1"]
    front.append(f1.w(CANAL_FRONT + 3, f1.t - 20))
    back.append(f1.w(CANAL_BACK - 2, f1.t - 20))
    for v in SAG_VERTS:
        f = FR[v]
        front += [f.w(CANAL_FRONT + 3, f.t + 2), f.w(CANAL_FRONT + 3, f.b - 2)]
        back += [f.w(CANAL_BACK - 2, f.t + 12), f.w(CANAL_BACK - 2, f.b - 12)]
    s = FR["S1"]
    front += [s.w(CANAL_FRONT + 6, s.t + 4), s.w(70, s.t + 50), s.w(80, s.t + 84)]
    back += [s.w(112, s.t + 20), s.w(108, s.t + 60), s.w(96, s.t + 88)]
    return [*front, s.w(88, s.t + 96), *list(reversed(back))]


def cauda_lines() -> list[Path2]:
    lines = []
    for k in range(6):
        u = 0.14 + 0.72 * k / 5
        pts = []
        f1 = FR["L1"]
        pts.append(f1.w(CANAL_FRONT + 3 + u * 50, f1.t - 18))
        for v in SAG_VERTS:
            f = FR[v]
            pts.append(f.w(CANAL_FRONT + 4 + u * 48, 0))
        s = FR["S1"]
        pts.append(s.w(CANAL_FRONT + 8 + u * 38, s.t + 30))
        pts.append(s.w(72 + u * 20, s.t + 80 - 6 * abs(u - 0.5)))
        p = Path2()
        smooth(pts, closed=False, path=p)
        lines.append(p)
    return lines


def sag_text(
    doc: Doc,
    x: float,
    y: float,
    s: str,
    el_id: str,
    size: float = SAG_FONT_MIN,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = TEXT,
) -> None:
    doc.text("labels", x, y, s, el_id, size=size, anchor=anchor, weight=weight, fill=fill)


def draw_sagittal(doc: Doc) -> None:
    g = "sagittal"
    doc.path(g, smooth(sac_points(), tension=0.8), SAC, "sagittal:canal", stroke=SAC_EDGE, sw=1.4)
    for ln in cauda_lines():
        doc.line(g, ln, CAUDA, 2.6)
        doc.line(g, ln, "#C9A851", 0.6)
    doc.path(g, smooth(sacrum_points()), BONE, "sagittal:sacrum", stroke=BONE_EDGE, sw=1.6)
    doc.path(
        g,
        smooth(arch_points(FR["S1"], sacral=True), tension=0.7),
        BONE,
        "sagittal:arch:S1",
        stroke=BONE_EDGE,
        sw=1.4,
    )
    for v in SAG_VERTS:
        doc.path(
            g,
            smooth(arch_points(FR[v]), tension=0.7),
            BONE,
            f"sagittal:arch:{v}",
            stroke=BONE_EDGE,
            sw=1.4,
        )
    for level in SAG_LEVELS:
        doc.path(
            g,
            smooth(flavum_points(level)),
            LIG_FLAVUM,
            f"sagittal:flavum:{level}",
            stroke="#BFA65A",
            sw=1.0,
        )
        doc.path(
            g,
            smooth(facet_points(level)),
            "#E8DCC0",
            f"sagittal:facet:{level}",
            stroke="#8C7A55",
            sw=1.3,
        )
    for level in SAG_LEVELS:
        doc.path(
            g,
            smooth(foramen_points(level), tension=0.8),
            FORAMEN,
            f"sagittal:foramen:{level}",
            fill_opacity=FORAMEN_OPACITY,
            stroke=FORAMEN_EDGE,
            sw=1.6,
        )
    for v in SAG_VERTS:
        doc.path(
            g, smooth(body_points(FR[v])), BONE, f"sagittal:vert:{v}", stroke=BONE_EDGE, sw=1.6
        )
    for level in SAG_LEVELS:
        doc.path(
            g, smooth(disc_points(level)), DISC, f"sagittal:disc:{level}", stroke=DISC_EDGE, sw=1.4
        )
        doc.path(
            g,
            smooth(nucleus_points(level)),
            NUCLEUS,
            f"sagittal:nucleus:{level}",
            stroke=DISC_LINE,
            sw=0.8,
        )
    for v in [*SAG_VERTS, "S1"]:
        doc.path(
            g,
            smooth(pedicle_points(FR[v]), tension=0.7),
            CORTEX,
            f"sagittal:pedicle:{v}",
            fill_opacity="0.55",
            stroke=BONE_EDGE,
            sw=1.0,
        )
    for level in SAG_LEVELS:
        doc.path(
            g,
            root_tube(level),
            ROOT,
            f"sagittal:root:{level.split('-')[0]}",
            stroke=ROOT_EDGE,
            sw=1.3,
        )


def draw_sagittal_labels(doc: Doc) -> None:
    sag_text(
        doc,
        300,
        28,
        "The lower spine from the side",
        "label:title:sagittal",
        size=18,
        weight="bold",
    )
    sag_text(
        doc,
        300,
        47,
        "cut down the middle, the person facing left",
        "label:subtitle:sagittal",
        fill=TEXT_SOFT,
    )
    sag_text(
        doc,
        40,
        74,
        "Front",
        "label:orient:sagittal:front",
        anchor="start",
        weight="bold",
        fill=TEXT_SOFT,
    )
    sag_text(
        doc,
        556,
        74,
        "Back",
        "label:orient:sagittal:back",
        anchor="end",
        weight="bold",
        fill=TEXT_SOFT,
    )
    for v in SAG_VERTS:
        x, y = FR[v].w(-6, 6)
        sag_text(doc, x, y, v, f"label:sagittal:vert:{v}", size=18, weight="bold")
    x, y = FR["S1"].w(0, 6)
    sag_text(doc, x, y, "S1", "label:sagittal:vert:S1", size=18, weight="bold")
    sag_text(doc, x + 10, y + 22, "sacrum", "label:sagittal:sacrum", fill=TEXT_SOFT)

    def co(el_id: str, text: str, tx: float, ty: float, target: Any, anchor: str = "start") -> None:
        doc.text("labels", tx, ty, text, el_id, size=SAG_FONT_MIN, anchor=anchor, fill=TEXT_SOFT)
        sx = tx - 4 if anchor == "start" else tx + 4
        ln = Path2().M((sx, ty - 4)).L(target)
        doc.line("labels", ln, "#8C9296", 0.9)
        doc.path("labels", circle_path(target[0], target[1], 2.2), "#5F676C")

    f1, f2 = FR["L1"], FR["L2"]
    co("label:sagittal:disc", "disc", 96, 196, f1.w(-40, f1.b + 11), anchor="end")
    co("label:sagittal:body", "vertebra", 96, 150, f1.w(-44, -14), anchor="end")
    co("label:sagittal:root", "nerve leaving", 430, 96, f1.w(84, f1.b - 2))
    doc.text(
        "labels",
        430,
        112,
        "(the L1 nerve)",
        "label:sagittal:root:2",
        size=SAG_FONT_MIN,
        anchor="start",
        fill=TEXT_SOFT,
    )
    co("label:sagittal:foramen", "nerve opening", 430, 150, f1.w(96, f1.b + 10))
    doc.text(
        "labels",
        430,
        166,
        "(foramen)",
        "label:sagittal:foramen:2",
        size=SAG_FONT_MIN,
        anchor="start",
        fill=TEXT_SOFT,
    )
    co("label:sagittal:facet", "facet joint", 430, 210, f2.w(136, f2.t - 8))
    co("label:sagittal:flavum", "ligament", 430, 250, f2.w(118, f2.t + 4))
    doc.text(
        "labels",
        430,
        266,
        "(lig. flavum)",
        "label:sagittal:flavum:2",
        size=SAG_FONT_MIN,
        anchor="start",
        fill=TEXT_SOFT,
    )
    co("label:sagittal:canal", "nerve canal", 430, 310, f2.w(100, 12))
    doc.text(
        "labels",
        430,
        326,
        "(cauda equina)",
        "label:sagittal:canal:2",
        size=SAG_FONT_MIN,
        anchor="start",
        fill=TEXT_SOFT,
    )
    co("label:sagittal:pedicle", "pedicle", 430, 362, FR["L3"].w(96, FR["L3"].t + 20))
    co("label:sagittal:spinous", "spine bone", 430, 400, FR["L3"].w(240, FR["L3"].t + 40))
    doc.text(
        "labels",
        430,
        416,
        "(spinous process)",
        "label:sagittal:spinous:2",
        size=SAG_FONT_MIN,
        anchor="start",
        fill=TEXT_SOFT,
    )


# ---------------------------------------------------------------- mechanisms
#: Causes of CONTRACT section 4, each drawn healthy -> affected.  Sagittal parameters per
#: cause (units of the drawing): see disc_points, foramen_points, facet_points,
#: flavum_points and root_tube for what each moves.  ``pinch`` narrows the exiting root
#: in its foramen and turns it red.
MECH_SAGITTAL: dict[str, dict[str, float]] = {
    "disc_herniation": {"focal": 40.0, "herniated": 1.0, "squeeze": 0.8},
    "degenerative_disc_disease": {"squash": 11.0, "post": 5.0, "dry": 1.0, "pinch": 0.35},
    "spinal_stenosis": {"post": 12.0, "thick": 16.0, "grow": 0.6, "squash": 4.0, "squeeze": 1.0},
    "foraminal_stenosis": {
        "squash": 8.0,
        "fdisc": 13.0,
        "spur": 16.0,
        "grow": 0.7,
        "foraminal": 6.0,
        "pinch": 0.65,
    },
    "lateral_recess_stenosis": {"grow": 0.8, "thick": 7.0, "post": 4.0, "squeeze": 0.5},
    "spondylolisthesis": {"slip": 24.0, "squash": 3.0, "pinch": 0.45, "thick": 4.0, "squeeze": 0.7},
    "facet_arthropathy": {"grow": 1.0, "spur": 7.0, "pinch": 0.2},
}
#: A disc herniation into the foramen (zone foraminal / extraforaminal) instead.
MECH_HERNIATION_FORAMINAL = {"foraminal": 18.0, "fdisc": 12.0, "pinch": 0.7, "herniated": 1.0}


def _sag_parts(
    level: str, p: dict[str, float]
) -> list[tuple[str, Path2, str, str, dict[str, Any]]]:
    """(part, points, fill, stroke, extra) of the six structures at one level."""
    sq, sl = p.get("squash", 0.0), p.get("slip", 0.0)
    up = level.split("-")[0]
    pinch = p.get("pinch", 0.0)
    dry = p.get("dry", 0.0)
    root_fill = ROOT if pinch <= 0 else mix(ROOT, MORPH_TO, min(1.0, 0.45 + pinch))
    facet_fill = mix("#E8DCC0", "#E9B49A", p.get("grow", 0.0))
    return [
        (
            "sagittal:flavum:" + level,
            smooth(flavum_points(level, thick=p.get("thick", 0.0), squash=sq, slip=sl)),
            LIG_FLAVUM,
            "#BFA65A",
            {"sw": 1.0},
        ),
        (
            "sagittal:facet:" + level,
            smooth(facet_points(level, grow=p.get("grow", 0.0), squash=sq, slip=sl)),
            facet_fill,
            "#8C7A55",
            {"sw": 1.3},
        ),
        (
            "sagittal:foramen:" + level,
            smooth(
                foramen_points(
                    level, squash=sq, slip=sl, disc=p.get("fdisc", 0.0), spur=p.get("spur", 0.0)
                ),
                tension=0.8,
            ),
            FORAMEN,
            FORAMEN_EDGE,
            {"sw": 1.6, "fill_opacity": FORAMEN_OPACITY},
        ),
        (
            "sagittal:disc:" + level,
            smooth(
                disc_points(
                    level,
                    post=p.get("post", 0.0),
                    focal=p.get("focal", 0.0),
                    foraminal=p.get("foraminal", 0.0),
                    squash=sq,
                    slip=sl,
                )
            ),
            mix(mix(DISC, SAG_DISC_DRY, dry), "#7FA3BF", p.get("herniated", 0.0)),
            DISC_EDGE,
            {"sw": 1.4},
        ),
        (
            "sagittal:nucleus:" + level,
            smooth(nucleus_points(level, squash=sq, slip=sl, dry=dry)),
            mix(NUCLEUS, NUCLEUS_DRY, dry),
            DISC_LINE,
            {"sw": 0.8},
        ),
        (
            "sagittal:root:" + up,
            root_tube(level, pinch=pinch, squash=sq, slip=sl),
            root_fill,
            ROOT_EDGE,
            {"sw": 1.3},
        ),
    ]


def _squeeze_mark(level: str, p: dict[str, float]) -> tuple[Path2, Path2]:
    """Red mark on the nerves in the canal at the level: a dot growing to an oval as big
    as ``squeeze`` (0-1) says, where the disc or the ligament presses on them."""
    fu, fl = _upper_lower(level)
    move = fu.vec(-p.get("slip", 0.0), p.get("squash", 0.0)) * 0.5
    mid = (np.asarray(fu.w(87, fu.b)) + np.asarray(fl.w(87, fl.t))) / 2 + move
    deg = (SANG[fu_name(fu)] + SANG[fu_name(fl)]) / 2
    k = p["squeeze"]
    a = smooth(ellipse_pts(mid[0], mid[1], 0.8, 0.8, 14, math.radians(deg)))
    b = smooth(ellipse_pts(mid[0], mid[1], 12 + 12 * k, 9 + 9 * k, 14, math.radians(deg)))
    return a, b


def mix(a: str, b: str, t: float) -> str:
    """Colour between a and b (hex)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=False))


def ell(cx: float, cy: float, rx: float, ry: float, n: int = 14, rot: float = 0.0) -> Path2:
    return smooth(ellipse_pts(cx, cy, rx, ry, n, rot))


def _axial_blob(
    side: str, d0: float, y0: float, d1: float, y1: float, rx: float, ry: float, rot: float = 0.0
) -> tuple[Path2, Path2]:
    """A shape growing from a dot at (d0, y0) to an ellipse at (d1, y1) (axial offsets;
    ``side`` is the patient's, on the viewer's left for ``right``)."""
    sgn = -1 if side == "right" else 1
    a = ell(AX + sgn * d0, y0, 0.8, 0.8, rot=rot)
    b = ell(AX + sgn * d1, y1, rx, ry, rot=sgn * rot)
    return a, b


def _axial_root(side: str, relation: str, squash: float) -> tuple[Path2, Path2, str]:
    sgn = -1 if side == "right" else 1
    if relation == "traversing":
        a = ell(AX + sgn * 58, 282, 9.5, 9.0, 10)
        b = ell(AX + sgn * 60, 285, 10.5 + 2 * squash, 9.0 * (1 - 0.45 * squash), 10)
    else:
        a = ell(AX + sgn * 104, 270, 13, 10.5, 12, rot=sgn * 0.35)
        b = ell(
            AX + sgn * 106, 272, 13 + 2 * squash, 10.5 * (1 - 0.45 * squash), 12, rot=sgn * 0.35
        )
    return a, b, f"axial:root:{relation}:{side}"


def _sac(scale: float) -> Path2:
    half = [(0, 262), (28, 264), (46, 278), (50, 302), (42, 326), (22, 340), (0, 343)]
    cy = 302
    return smooth(
        with_mirror([(d * scale, cy + (y - cy) * (0.6 + 0.4 * scale)) for d, y in half], AX)
    )


def _crescent(thick: float) -> Path2:
    """A broad bulge along the back of the disc (both sides)."""
    outer = [
        (d, disc_post(abs(d)) - 1 + thick * math.cos(d / 110 * math.pi / 2) ** 2)
        for d in range(-96, 97, 12)
    ]
    inner = [(d, disc_post(abs(d)) - 4) for d in range(96, -97, -12)]
    return smooth([(AX + d, y) for d, y in outer + inner], tension=0.6)


def axial_mechanism(
    cause: str, side: str, zone: str
) -> list[tuple[str, Path2, Path2, str, str, str]]:
    """(part, from, to, fill from, fill to, stroke) on the axial slice."""
    out: list[tuple[str, Path2, Path2, str, str, str]] = []
    other = "left" if side == "right" else "right"

    def root(relation: str, squash: float, s: str = side) -> None:
        a, b, rid = _axial_root(s, relation, squash)
        out.append((rid, a, b, ROOT, mix(ROOT, MORPH_TO, 0.85), ROOT_EDGE))

    def blob(name: str, fill: str, stroke: str, *args: float, s: str = side) -> None:
        a, b = _axial_blob(s, *args)
        out.append((f"new:{name}:{s}", a, b, fill, fill, stroke))

    if cause == "disc_herniation":
        if zone in ("foraminal", "extraforaminal"):
            blob("herniation", "#7FA3BF", DISC_EDGE, 100, 254, 100, 262, 22, 15, 0.3)
            root("exiting", 1.0)
        elif zone == "central":
            blob("herniation", "#7FA3BF", DISC_EDGE, 0, 250, 0, 272, 30, 20)
            root("traversing", 0.5, "left")
            root("traversing", 0.5, "right")
        else:
            blob("herniation", "#7FA3BF", DISC_EDGE, 46, 252, 46, 274, 24, 20, 0.2)
            root("traversing", 1.0)
    elif cause == "degenerative_disc_disease":
        out.append(
            ("new:bulge", _crescent(0.0), _crescent(7.0), SAG_DISC_DRY, SAG_DISC_DRY, DISC_EDGE)
        )
    elif cause == "spinal_stenosis":
        out.append(("new:bulge", _crescent(0.0), _crescent(11.0), DISC, DISC, DISC_EDGE))
        for s in ("right", "left"):
            blob("flavum", LIG_FLAVUM, "#BFA65A", 40, 374, 38, 362, 24, 10, -0.35, s=s)
            blob("facet", SPUR, BONE_EDGE, 74, 306, 68, 312, 11, 13, 0.0, s=s)
        out.append(("axial:sac", _sac(1.0), _sac(0.62), SAC, SAC, SAC_EDGE))
        dots_a, dots_b = Path2(), Path2()
        spots = [
            (0, 322),
            (9, 314),
            (18, 324),
            (28, 316),
            (36, 306),
            (8, 302),
            (20, 298),
            (30, 292),
            (12, 332),
            (26, 330),
            (40, 296),
        ]
        for d, y in spots:
            for sg in (-1, 1) if d > 0 else (1,):
                dots_a.extend(circle_path(AX + sg * d, y, 3.2))
                dots_b.extend(circle_path(AX + sg * d * 0.6, 302 + (y - 302) * 0.75, 3.0))
        out.append(("axial:cauda", dots_a, dots_b, CAUDA, CAUDA, "#C9A851"))
    elif cause == "foraminal_stenosis":
        blob("spur", SPUR, BONE_EDGE, 118, 298, 108, 290, 13, 10, 0.5)
        blob("bulge", DISC, DISC_EDGE, 100, 252, 98, 256, 16, 9, 0.3)
        root("exiting", 0.9)
    elif cause == "lateral_recess_stenosis":
        blob("facet", SPUR, BONE_EDGE, 74, 304, 66, 300, 13, 15, 0.3)
        blob("flavum", LIG_FLAVUM, "#BFA65A", 62, 350, 58, 338, 9, 16, 0.2)
        root("traversing", 1.0)
    elif cause == "facet_arthropathy":
        blob("facet", "#E9B49A", BONE_EDGE, 110, 340, 108, 338, 28, 38, 0.2)
        blob("spur", SPUR, BONE_EDGE, 76, 304, 70, 304, 10, 11, 0.0)
        root("traversing", 0.35)
    del other
    return out


def draw_mechanisms(doc: Doc) -> None:
    """Hidden groups ``mechanism:<cause>``: for each level (sagittal) and side (axial)
    the healthy (``.from``) and affected (``.to``) outline of every part that changes.

    Part names: an id of the drawing (the part replaces that structure while the
    mechanism is shown), ``new:<what>`` (a part that grows) or ``shift`` (a zero-length
    path whose two ends give how far everything above the level moves)."""
    g = "mechanisms"
    for cause, params in MECH_SAGITTAL.items():
        doc.raw(g, f'<g id="mechanism:{cause}" opacity="0">')
        variants = [("", params)]
        if cause == "disc_herniation":
            variants.append((":foraminal", MECH_HERNIATION_FORAMINAL))
        for suffix, p in variants:
            for level in SAG_LEVELS:
                key = f"mechanism:{cause}:sagittal:{level}{suffix}"
                doc.raw(g, f'<g id="{key}">')
                healthy = _sag_parts(level, {})
                sick = _sag_parts(level, p)
                for (part, a, fa, st, ex), (_, b, fb, _, _) in zip(healthy, sick, strict=False):
                    sw = ex.pop("sw")
                    doc.path(g, a, fa, f"{key}.{part}.from", stroke=st, sw=sw, **ex)
                    doc.path(g, b, fb, f"{key}.{part}.to", stroke=st, sw=sw, **ex)
                if p.get("squeeze"):
                    a, b = _squeeze_mark(level, p)
                    doc.path(g, a, MORPH_TO, f"{key}.new:squeeze.from", fill_opacity="0.55")
                    doc.path(g, b, MORPH_TO, f"{key}.new:squeeze.to", fill_opacity="0.55")
                if p.get("squash") or p.get("slip"):
                    fu = FR[level.split("-")[0]]
                    c = fu.w(0, 0)
                    d = np.add(c, fu.vec(-p.get("slip", 0.0), p.get("squash", 0.0)))
                    doc.path(g, Path2().M(c).L(c), "none", f"{key}.shift.from")
                    doc.path(g, Path2().M(d).L(d), "none", f"{key}.shift.to")
                doc.raw(g, "</g>")
        zones = ["paracentral"]
        if cause == "disc_herniation":
            zones = ["paracentral", "foraminal", "central"]
        for side in ("left", "right"):
            for zone in zones:
                parts = axial_mechanism(cause, side, zone)
                if not parts:
                    continue
                suffix = "" if zone == "paracentral" else f":{zone}"
                key = f"mechanism:{cause}:axial:{side}{suffix}"
                doc.raw(g, f'<g id="{key}">')
                for part, a, b, fa, fb, st in parts:
                    doc.path(g, a, fa, f"{key}.{part}.from", stroke=st, sw=1.3)
                    doc.path(g, b, fb, f"{key}.{part}.to", stroke=st, sw=1.3)
                doc.raw(g, "</g>")
        doc.raw(g, "</g>")


def build_sagittal() -> str:
    """``spine_sagittal.svg``: the side view, an axial slice and every mechanism."""
    doc = Doc(order=("sagittal", "axial", "mechanisms", "labels"))
    doc.auto_ids = True
    draw_sagittal(doc)
    draw_axial(doc, zones=False)
    draw_mechanisms(doc)
    draw_sagittal_labels(doc)
    axial_labels(doc)
    return doc.render()


def build() -> str:
    doc = Doc()
    draw_foramina(doc)
    draw_bodies(doc)
    draw_sacrum(doc)
    draw_sacral_foramina(doc)
    draw_discs(doc)
    draw_pedicles(doc)
    draw_sac(doc)
    starts = {r: (CX - root_centreline(r)[0, 0], root_centreline(r)[0, 1]) for r in ROOTS}
    conus_and_cauda(doc, starts)
    draw_roots(doc)
    draw_axial(doc)
    draw_lesion_zones(doc)
    draw_labels(doc)
    draw_axial_legend(doc)
    draw_callouts(doc)
    return doc.render()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build(), encoding="utf-8")
    print(f"wrote {out}")
    out2 = out.with_name(OUT_SAGITTAL.name) if len(argv) > 1 else OUT_SAGITTAL
    out2.write_text(build_sagittal(), encoding="utf-8")
    print(f"wrote {out2}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
