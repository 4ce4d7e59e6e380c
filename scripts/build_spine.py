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
from xml.sax.saxutils import escape

import numpy as np

ROOT_DIR = Path(__file__).resolve().parent.parent
OUT = ROOT_DIR / "assets" / "svg" / "spine.svg"

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

    def M(self, p) -> Path2:
        self.cmds.append(("M", [q(p[0]), q(p[1])]))
        return self

    def L(self, p) -> Path2:
        self.cmds.append(("L", [q(p[0]), q(p[1])]))
        return self

    def C(self, c1, c2, p) -> Path2:
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
    points, closed: bool = True, path: Path2 | None = None, move: bool = True, tension: float = 1.0
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


def with_mirror(half, axis: float) -> list[tuple[float, float]]:
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


def ellipse_pts(cx, cy, rx, ry, n=12, rot=0.0):
    res = []
    for k in range(n):
        t = 2 * math.pi * k / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        c, s = math.cos(rot), math.sin(rot)
        res.append((cx + c * x - s * y, cy + s * x + c * y))
    return res


def rounded_rect(x0, y0, x1, y1, r) -> Path2:
    k = 0.5523 * r
    p = Path2()
    p.M((x0 + r, y0)).L((x1 - r, y0))
    p.C((x1 - r + k, y0), (x1, y0 + r - k), (x1, y0 + r)).L((x1, y1 - r))
    p.C((x1, y1 - r + k), (x1 - r + k, y1), (x1 - r, y1)).L((x0 + r, y1))
    p.C((x0 + r - k, y1), (x0, y1 - r + k), (x0, y1 - r)).L((x0, y0 + r))
    p.C((x0, y0 + r - k), (x0 + r - k, y0), (x0 + r, y0)).Z()
    return p


def circle_path(cx, cy, r) -> Path2:
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
def sample_spline(points, step: float = 0.5) -> np.ndarray:
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
    return np.c_[np.interp(s, d, poly[:, 0]), np.interp(s, d, poly[:, 1])]


def normals(line: np.ndarray) -> np.ndarray:
    t = np.gradient(line, axis=0)
    t /= np.linalg.norm(t, axis=1)[:, None]
    return np.c_[-t[:, 1], t[:, 0]]


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


def _cap(p: Path2, c, n, r, forward: bool, line, i) -> None:
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
    def __init__(self) -> None:
        self.groups: dict[str, list[str]] = {}
        self.ids: set[str] = set()

    def _id(self, el_id: str | None) -> str:
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
        **extra,
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

    def line(self, group: str, path: Path2, stroke: str, sw: float, **extra) -> None:
        """Stroke-only open path (decoration)."""
        attrs = f' d="{path.d()}" fill="none" fill-rule="nonzero" stroke="{stroke}"'
        attrs += f' stroke-width="{sw:g}" stroke-linecap="round" stroke-linejoin="round"'
        for k, v in extra.items():
            attrs += f' {k.replace("_", "-")}="{v}"'
        self.groups.setdefault(group, []).append(f"<path{attrs}/>")

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
        for g in ("coronal", "axial", "lesion_zones", "labels"):
            out.append(f'<g id="{g}">')
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
    **kw,
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
    return np.maximum(w, 6.2)


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


def draw_axial(doc: Doc) -> None:
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
    for zone, (d0, d1) in AXIAL_ZONES.items():
        ys1 = {"central": 300, "paracentral": 306, "foraminal": 300, "extraforaminal": 300}[zone]
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
        kw = {
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


def rounded_poly(pts) -> Path2:
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
    doc: Doc, el_id: str, text: str, tx: float, ty: float, target, anchor: str = "start", elbow=None
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
