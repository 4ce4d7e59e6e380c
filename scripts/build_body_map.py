#!/usr/bin/env python3
"""Generate ``assets/svg/body_map.svg``: front and back body map with dermatomes and zones.

Build-time script (stdlib + numpy only); the output is deterministic.

The boundaries (where one dermatome or zone meets the next, the key sensory points),
each with its source, live in ``scripts/body_map_boundaries.toml``: move a boundary
there, not here. This file holds the figure's outline and the geometry that turns those
boundaries into paths.

Geometry in brief
-----------------
Everything is drawn for the *viewer-left* half of each view in "half-width" space
``(hw, y)`` where ``hw`` is the distance from the view's midline (outward positive).
The viewer-right half is the exact mirror.  In the front view the viewer-left half is
the patient's right side; in the back view it is the patient's left side.

The outline is a Catmull-Rom spline through hand-tuned landmarks, written as cubic
Bezier segments.  Regions (dermatomes, zones, limb masks) are built inside *patches*:
Coons patches whose sides are pieces of that same outline (or of internal anatomical
lines: inguinal line, iliac crest, wrist, ankle ...).  A region is a set
``{(u, v): v_lo(u) <= v <= v_hi(u), u_lo(v) <= u <= u_hi(v)}`` in patch coordinates;
neighbouring regions share the very same boundary functions, so a layer tiles its
patch exactly (no gaps, no overlaps) and follows the outline.
"""

from __future__ import annotations

import itertools
import math
import sys
import tomllib
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from radviz.anatomy import vocab

ROOT_DIR = Path(__file__).resolve().parent.parent

Arr = npt.NDArray[np.float64]
Fn = Callable[[Any], Any]  # a boundary: u -> v or v -> u (scalars or arrays)
Seg = tuple[Arr, Arr, Arr, Arr]  # one cubic Bezier segment
Layer = dict[str, list[tuple[str, Arr]]]  # key -> (view, polygon in (hw, y)) pieces
OUT = ROOT_DIR / "assets" / "svg" / "body_map.svg"
DATA = Path(__file__).resolve().parent / "body_map_boundaries.toml"


def load_boundaries(path: Path = DATA) -> dict[str, Any]:
    """The artwork's boundaries (``scripts/body_map_boundaries.toml``), sources checked.

    A bad file stops the build with one line naming the file and the entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SystemExit(f"{path}: cannot read the boundaries ({exc})") from None
    known = set(data.get("sources", {}))

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            src = node.get("source")
            if src is not None:
                bad = [k for k in ([src] if isinstance(src, str) else src) if k not in known]
                if bad:
                    raise SystemExit(f"{path}: {where}: unknown source(s) {', '.join(bad)}")
            for k, v in node.items():
                walk(v, f"{where}.{k}" if where else k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk({k: v for k, v in data.items() if k != "sources"}, "")
    return data


BD = load_boundaries()

W, H_VIEW = 1200, 1000
CENTER = {"front": 300.0, "back": 900.0}
# patient side drawn in the viewer-left half of each view
LEFT_HALF_SIDE = {"front": "right", "back": "left"}
OTHER = {"left": "right", "right": "left"}

ROOTS = (
    ["C2", "C3", "C4", "C5", "C6", "C7", "C8"]
    + [f"T{i}" for i in range(1, 13)]
    + ["L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4", "S5"]
)

SKIN = "#f3ddcc"
OUTLINE = "#9a7b6a"
DETAIL = "#b8907c"

# ---------------------------------------------------------------- colours
OI = {
    "Y": "#F0E442",
    "O": "#E69F00",
    "S": "#56B4E9",
    "G": "#009E73",
    "B": "#0072B2",
    "V": "#D55E00",
    "P": "#CC79A7",
}


def _mix(hex_col: str, other: str, t: float) -> str:
    a = np.array([int(hex_col[i : i + 2], 16) for i in (1, 3, 5)], float)
    b = np.array([int(other[i : i + 2], 16) for i in (1, 3, 5)], float)
    c = np.round(a * (1 - t) + b * t).astype(int)
    return "#" + "".join(f"{v:02x}" for v in c)


def light(h: str, t: float = 0.45) -> str:
    return _mix(OI[h], "#ffffff", t)


def dark(h: str, t: float = 0.22) -> str:
    return _mix(OI[h], "#000000", t)


# Okabe-Ito hues; neighbouring dermatomes alternate light and dark tints.
COLOURS = {
    "C2": dark("S"),
    "C3": light("O"),
    "C4": dark("Y", 0.3),
    "C5": light("B"),
    "C6": dark("O"),
    "C7": light("G"),
    "C8": dark("P"),
    "T1": light("V"),
    "T2": dark("P", 0.3),
    "T3": light("S"),
    "T4": dark("G"),
    "T5": light("P"),
    "T6": dark("Y", 0.3),
    "T7": light("B"),
    "T8": dark("O"),
    "T9": light("G"),
    "T10": dark("V"),
    "T11": light("S"),
    "T12": dark("P"),
    "L1": OI["Y"],
    "L2": dark("B", 0.1),
    "L3": light("O", 0.35),
    "L4": light("S", 0.35),
    "L5": dark("V", 0.1),
    "S1": OI["G"],
    "S2": dark("P", 0.3),
    "S3": light("V", 0.4),
    "S4": dark("S", 0.35),
    "S5": light("Y", 0.3),
}

# ---------------------------------------------------------------- splines


class Spline:
    """Catmull-Rom style spline (chord-scaled tangents) written as cubic Beziers."""

    def __init__(self, pts: Any, corners: Iterable[int] = (), closed: bool = False) -> None:
        self.p = np.asarray(pts, float)
        n = len(self.p)
        self.closed = closed
        self.corner = np.zeros(n, bool)
        for i in corners:
            self.corner[i] = True
        self.segs = []
        nseg = n if closed else n - 1
        for i in range(nseg):
            j = (i + 1) % n
            p0, p3 = self.p[i], self.p[j]
            d = np.linalg.norm(p3 - p0)
            t0 = self._tangent(i, out=True)
            t1 = self._tangent(j, out=False)
            self.segs.append((p0, p0 + t0 * d / 3, p3 - t1 * d / 3, p3))

    def _tangent(self, i: int, out: bool) -> Arr:
        n = len(self.p)
        has_prev = self.closed or i > 0
        has_next = self.closed or i < n - 1
        pi = self.p[i]
        if has_prev:
            pp = self.p[(i - 1) % n]
        if has_next:
            pn = self.p[(i + 1) % n]
        if self.corner[i] or not has_prev or not has_next:
            if out and has_next:
                v = pn - pi
            elif (not out) and has_prev:
                v = pi - pp
            else:
                v = (pn - pi) if has_next else (pi - pp)
            unit: Arr = v / max(np.linalg.norm(v), 1e-9)
            return unit
        d0 = np.linalg.norm(pi - pp)
        d1 = np.linalg.norm(pn - pi)
        tangent: Arr = (pn - pp) / max(d0 + d1, 1e-9)
        return tangent

    @staticmethod
    def bez(seg: Seg, t: Any) -> Arr:
        p0, c1, c2, p3 = seg
        t = np.asarray(t, float)[:, None]
        mt = 1 - t
        pts: Arr = mt**3 * p0 + 3 * mt * mt * t * c1 + 3 * mt * t * t * c2 + t**3 * p3
        return pts

    def sample(self, i: int, j: int, per_seg: int = 40) -> Arr:
        """Dense points from landmark i to landmark j (forward)."""
        n = len(self.p)
        out = [self.p[i][None, :]]
        k = i
        while k != j:
            seg = self.segs[k]
            out.append(self.bez(seg, np.linspace(0, 1, per_seg + 1)[1:]))
            k = (k + 1) % n if self.closed else k + 1
        return np.vstack(out)


# ---------------------------------------------------------------- chains / patches


class Chain:
    """A dense polyline with a monotonic parameter, evaluated by interpolation."""

    def __init__(self, pts: Any, t: Any) -> None:
        self.pts = np.asarray(pts, float)
        self.t = np.asarray(t, float)

    def __call__(self, s: Any) -> Arr:
        s = np.asarray(s, float)
        return np.stack(
            [np.interp(s, self.t, self.pts[:, 0]), np.interp(s, self.t, self.pts[:, 1])], axis=-1
        )


def cat(*parts: Arr) -> Arr:
    out = [parts[0]]
    for p in parts[1:]:
        last = np.vstack(out)[-1]
        out.append(p[1:] if np.allclose(last, p[0]) else p)
    return np.vstack(out)


def chain_by_y(pts: Any, y0: float, y1: float) -> Chain:
    pts = np.asarray(pts, float)
    y = np.maximum.accumulate(pts[:, 1])
    y = y + np.arange(len(y)) * 1e-7
    return Chain(pts, (y - y0) / (y1 - y0))


def chain_by_arc(pts: Any) -> Chain:
    pts = np.asarray(pts, float)
    d = np.r_[0, np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))]
    return Chain(pts, d / d[-1])


def chain_by_axis(pts: Any, origin: Arr, direction: Arr, length: float) -> Chain:
    pts = np.asarray(pts, float)
    s = (pts - origin) @ np.asarray(direction) / length
    s = np.maximum.accumulate(s) + np.arange(len(s)) * 1e-9
    s = (s - s[0]) / (s[-1] - s[0])
    return Chain(pts, s)


def line(a: Any, b: Any, n: int = 30) -> Arr:
    a, b = np.asarray(a, float), np.asarray(b, float)
    t = np.linspace(0, 1, n)[:, None]
    out: Arr = a * (1 - t) + b * t
    return out


class Patch:
    """Coons patch: L(v), R(v) sides (v=0 top), T(u), B(u) (u=0 at L)."""

    def __init__(
        self,
        L: Chain,
        R: Chain,
        T: Chain | None = None,
        B: Chain | None = None,
        y_sync: tuple[float, float] | None = None,
        detail_from: float | None = None,
    ) -> None:
        self.L, self.R = L, R
        p00, p01 = L(0.0), L(1.0)
        p10, p11 = R(0.0), R(1.0)
        self.T = T or Chain(np.array([p00, p10]), [0, 1])
        self.B = B or Chain(np.array([p01, p11]), [0, 1])
        self.c = (p00, p10, p01, p11)
        self.y_sync = y_sync  # (y0, y1) if rows are horizontal with y = y0 + v (y1 - y0)
        # A wiggly bottom (toes, finger tips) is blended in only near v = 1 so that the
        # rows higher up stay smooth: Coons patch on a smoothed bottom + detail * w(v).
        self.detail_from = detail_from
        if detail_from is not None:
            us = np.linspace(0, 1, 6)
            bp = self.B(us)
            fx, fy = interp_fn(us, bp[:, 0]), interp_fn(us, bp[:, 1])

            def smooth_bottom(u: Any) -> Arr:
                return np.stack([fx(u), fy(u)], axis=-1)

            self.Bs: Fn = smooth_bottom

    def map(self, uv: Any) -> Arr:
        uv = np.asarray(uv, float)
        u, v = uv[:, :1], uv[:, 1:]
        p00, p10, p01, p11 = self.c
        Bu = self.B(uv[:, 0])
        Bb = self.Bs(uv[:, 0]) if self.detail_from is not None else Bu
        out = (
            (1 - v) * self.T(uv[:, 0])
            + v * Bb
            + (1 - u) * self.L(uv[:, 1])
            + u * self.R(uv[:, 1])
            - ((1 - u) * (1 - v) * p00 + u * (1 - v) * p10 + (1 - u) * v * p01 + u * v * p11)
        )
        if self.detail_from is not None:
            t = np.clip((v - self.detail_from) / (1 - self.detail_from), 0, 1)
            out = out + (t * t * (3 - 2 * t)) * (Bu - Bb)
        mapped: Arr = out
        return mapped

    # helpers for y-synchronised (ruled, horizontal-row) patches
    def v_of_y(self, y: Any) -> Any:
        assert self.y_sync is not None
        y0, y1 = self.y_sync
        return (np.asarray(y, float) - y0) / (y1 - y0)

    def u_of_hw(self, hw_fn: Fn) -> Fn:
        """u(v) for the boundary hw = hw_fn(y); u=0 on L."""

        def g(v: Any) -> Any:
            v = np.asarray(v, float)
            assert self.y_sync is not None
            y0, y1 = self.y_sync
            y = y0 + v * (y1 - y0)
            lh = self.L(v)[..., 0]
            rh = self.R(v)[..., 0]
            den = np.where(np.abs(lh - rh) < 1e-6, 1e-6, lh - rh)
            return np.clip((lh - hw_fn(y)) / den, 0.0, 1.0)

        return g


GRID = 900  # global sampling grid for boundary functions


def _samples(a: float, b: float, n_grid: int = GRID) -> Arr:
    if abs(b - a) < 1e-12:
        return np.array([a])
    lo, hi = min(a, b), max(a, b)
    k0 = math.floor(lo * n_grid) + 1
    k1 = math.ceil(hi * n_grid) - 1
    inner = np.arange(k0, k1 + 1) / n_grid if k1 >= k0 else np.array([])
    inner = inner[(inner > lo + 1e-9) & (inner < hi - 1e-9)]
    s = np.r_[lo, inner, hi]
    out: Arr = s if b >= a else s[::-1]
    return out


def _fn(x: Any) -> Fn:
    if callable(x):
        given: Fn = x
        return given
    c = float(x)
    return lambda t: np.full(np.shape(t), c, dtype=float) if np.ndim(t) else c


def _cross(ufun: Fn, vfun: Fn, u0: float = 0.5, v0: float = 0.5) -> tuple[float, float]:
    """Solve u = ufun(v), v = vfun(u) by fixed-point iteration."""
    u, v = u0, v0
    for _ in range(200):
        u_new = float(ufun(np.array([v]))[0])
        v_new = float(vfun(np.array([u_new]))[0])
        if abs(u_new - u) < 1e-10 and abs(v_new - v) < 1e-10:
            u, v = u_new, v_new
            break
        u, v = u_new, v_new
    return u, v


def band_uv(ulo: Any, uhi: Any, vlo: Any, vhi: Any) -> Arr:
    """Boundary polygon (uv) of {vlo(u)<=v<=vhi(u), ulo(v)<=u<=uhi(v)}."""
    ulo, uhi, vlo, vhi = _fn(ulo), _fn(uhi), _fn(vlo), _fn(vhi)
    ua, va = _cross(ulo, vlo)
    ub, vb = _cross(uhi, vlo)
    uc, vc = _cross(uhi, vhi)
    ud, vd = _cross(ulo, vhi)
    pts = []
    s = _samples(ua, ub)
    pts.append(np.c_[s, vlo(s)])
    s = _samples(vb, vc)
    pts.append(np.c_[uhi(s), s])
    s = _samples(uc, ud)
    pts.append(np.c_[s, vhi(s)])
    s = _samples(vd, va)
    pts.append(np.c_[ulo(s), s])
    return densify_uv(np.vstack(pts))


def densify_uv(uv: Arr, step: float = 0.004) -> Arr:
    """Subdivide long uv steps (jumps of step-function boundaries) so they follow rows."""
    out = [uv[:1]]
    for a, b in itertools.pairwise(uv):
        k = int(np.ceil(np.abs(b - a).max() / step))
        if k > 1:
            t = np.linspace(0, 1, k + 1)[1:, None]
            out.append(a + (b - a) * t)
        else:
            out.append(b[None, :])
    return np.vstack(out)


def inverse(g: Fn, a: float, b: float, n: int = 4000) -> Fn:
    """Inverse of a monotonic non-decreasing function g on [a, b] (returns v(u))."""
    vs = np.linspace(a, b, n)
    us = np.maximum.accumulate(g(vs)) + np.arange(n) * 1e-12
    return lambda u: np.interp(np.asarray(u, float), us, vs)


def fmin(*fs: Any) -> Fn:
    gs = [_fn(f) for f in fs]
    return lambda t: np.minimum.reduce([g(t) for g in gs])


def fmax(*fs: Any) -> Fn:
    gs = [_fn(f) for f in fs]
    return lambda t: np.maximum.reduce([g(t) for g in gs])


def interp_fn(xs: Any, ys: Any) -> Fn:
    """Smooth-ish function through control points (monotone cubic Hermite)."""
    xs = np.asarray(xs, float)
    ys = np.asarray(ys, float)
    h = np.diff(xs)
    d = np.diff(ys) / h
    m = np.zeros_like(ys)
    m[0], m[-1] = d[0], d[-1]
    for i in range(1, len(xs) - 1):
        if d[i - 1] * d[i] <= 0:
            m[i] = 0
        else:
            w1, w2 = 2 * h[i] + h[i - 1], h[i] + 2 * h[i - 1]
            m[i] = (w1 + w2) / (w1 / d[i - 1] + w2 / d[i])

    def f(x: Any) -> Any:
        x = np.clip(np.asarray(x, float), xs[0], xs[-1])
        k = np.clip(np.searchsorted(xs, x) - 1, 0, len(xs) - 2)
        t = (x - xs[k]) / h[k]
        h00 = 2 * t**3 - 3 * t**2 + 1
        h10 = t**3 - 2 * t**2 + t
        h01 = -2 * t**3 + 3 * t**2
        h11 = t**3 - t**2
        return h00 * ys[k] + h10 * h[k] * m[k] + h01 * ys[k + 1] + h11 * h[k] * m[k + 1]

    return f


def ellipse_w(yc: float, a: float, b: float) -> Fn:
    """Half-width (in hw units) of an ellipse of semi-axes a (hw), b (y) at row y."""

    def w(y: Any) -> Any:
        y = np.asarray(y, float)
        q = 1 - ((y - yc) / b) ** 2
        return a * np.sqrt(np.clip(q, 0, None))

    return w


# ---------------------------------------------------------------- landmarks

H = 95.0
Y0 = 62.0


def arm_points() -> tuple[list[Arr], dict[str, Any], list[Arr], dict[str, Any]]:
    """Lateral and medial arm outline points plus the hand (hw, y)."""
    a1, a2, a3 = math.radians(11), math.radians(15), math.radians(13)
    S = np.array([84.0, 222.0])
    E = S + 128 * np.array([math.sin(a1), math.cos(a1)])
    Wr = E + 100 * np.array([math.sin(a2), math.cos(a2)])
    hand_len = 70.0

    def at(P: Arr, ang: float, length: float, f: float, off: float) -> Arr:
        d = np.array([math.sin(ang), math.cos(ang)])
        n = np.array([math.cos(ang), -math.sin(ang)])
        return P + d * length * f + n * off

    lat = [
        at(S, a1, 128, f, o)
        for f, o in [
            (0.05, 17.0),
            (0.2, 18.0),
            (0.38, 16.2),
            (0.6, 15.6),
            (0.82, 15.0),
            (1.0, 15.3),
        ]
    ]
    lat += [
        at(E, a2, 100, f, o) for f, o in [(0.14, 16.6), (0.32, 16.2), (0.55, 14.0), (0.78, 11.8)]
    ]
    wrist_lat = at(Wr, a3, hand_len, 0.0, 10.6)
    wrist_med = at(Wr, a3, hand_len, 0.0, -10.6)

    def hp(f: float, o: float) -> Arr:
        return at(Wr, a3, hand_len, f, o)

    hand = {
        "wrist_lat": wrist_lat,
        "thumb_base": hp(0.12, 13.6),
        "thumb_out": [
            hp(0.22, 17.6),
            hp(0.33, 21.9),
            hp(0.45, 25.0),
            hp(0.55, 26.5),
            hp(0.615, 26.0),
        ],
        "thumb_tip": hp(0.66, 23.4),
        "thumb_in": [hp(0.645, 20.2), hp(0.59, 18.8), hp(0.5, 18.2)],
        "thumb_web": hp(0.40, 16.9),
        "index_side": [hp(0.52, 16.4), hp(0.7, 15.9)],
        "tips": [],
        "little_side": [hp(0.72, -15.7), hp(0.55, -16.6), hp(0.32, -15.8), hp(0.13, -13.4)],
        "wrist_med": wrist_med,
    }
    # finger tips: (tip h, side offsets) index, middle, ring, little; notches are corners
    fingers = [(0.905, 16.0, 7.6), (1.0, 7.6, -1.4), (0.955, -1.4, -9.4), (0.835, -9.4, -16.0)]
    notch_h = [0.84, 0.875, 0.79]
    tips = []
    for k, (th, o1, o2) in enumerate(fingers):
        mid = (o1 + o2) / 2
        wdt = o1 - o2
        tips.append(("pt", hp(th - 0.055, o1 - 0.08 * wdt)))
        tips.append(("pt", hp(th - 0.012, mid + 0.28 * wdt)))
        tips.append(("pt", hp(th, mid)))
        tips.append(("pt", hp(th - 0.012, mid - 0.28 * wdt)))
        if k < 3:
            tips.append(("notch", hp(notch_h[k], o2)))
    tips[-1] = ("pt", hp(fingers[3][0] - 0.06, -15.9))
    hand["tips"] = tips
    med = [
        at(E, a2, 100, f, o) for f, o in [(0.8, -11.4), (0.55, -13.4), (0.3, -15.2), (0.12, -15.6)]
    ]
    med += [
        at(S, a1, 128, f, o) for f, o in [(1.0, -14.6), (0.84, -14.2), (0.62, -15.4), (0.4, -16.4)]
    ]
    axis = {"S": S, "E": E, "W": Wr, "a1": a1, "a2": a2, "a3": a3, "hand_len": hand_len}
    return lat, hand, med, axis


def half_outline(view: str) -> tuple[list[Arr], list[int], dict[str, int]]:
    """Landmarks of the viewer-left half contour, from head top to crotch.

    Returns (points, corner_indices, names)."""
    pts: list[Arr] = []
    corners: list[int] = []
    names: dict[str, int] = {}
    p: Any

    def add(p: Any, name: str | None = None, corner: bool = False) -> None:
        if name:
            names[name] = len(pts)
        if corner:
            corners.append(len(pts))
        pts.append(np.asarray(p, float))

    add((0, 62), "head_top")
    for p in [(17, 65.5), (27.5, 75.5), (32.5, 92), (33.5, 105)]:
        add(p)
    if view == "front":
        add((33.2, 110), "ear_top", corner=True)
        for p in [(36.2, 113.5), (37.4, 121.5), (35.6, 130.5)]:
            add(p)
        add((31.0, 137.5), "ear_lobe", corner=True)
        for p in [(28.6, 146), (24.8, 154)]:
            add(p)
    else:
        add((33.4, 110), "ear_top", corner=True)
        for p in [(36.0, 113.5), (37.0, 121.5), (35.2, 130.5)]:
            add(p)
        add((31.0, 137.5), "ear_lobe", corner=True)
        for p in [(28.4, 146), (24.0, 154)]:
            add(p)
    add((19.6, 160.5), "jaw_neck", corner=True)
    for p in [(18.2, 170), (18.8, 180)]:
        add(p)
    add((21.5, 187), "neck_base")
    for p in [(34, 193), (52, 198.8), (68, 203)]:
        add(p)
    add((80, 207), "acromion")
    add((91, 212.5))
    lat, hand, med, _axis = arm_points()
    for p in lat:
        add(p)
    add(hand["wrist_lat"], "wrist_lat")
    add(hand["thumb_base"], "thumb_base")
    for p in hand["thumb_out"]:
        add(p)
    add(hand["thumb_tip"], "thumb_tip")
    for p in hand["thumb_in"]:
        add(p)
    add(hand["thumb_web"], "thumb_web", corner=True)
    for p in hand["index_side"]:
        add(p)
    first = True
    notch_no = 0
    for kind, p in hand["tips"]:
        if first:
            add(p, "hand_tip_lat")
            first = False
        elif kind == "notch":
            add(p, f"fnotch{notch_no}", corner=True)
            notch_no += 1
        else:
            add(p)
    names["hand_tip_med"] = len(pts) - 1
    for p in hand["little_side"]:
        add(p)
    add(hand["wrist_med"], "wrist_med")
    for p in med:
        add(p)
    add((69, 249), "axilla", corner=True)
    for p in [(68.6, 263), (67.0, 282), (63.6, 302), (59.4, 320)]:
        add(p)
    add((57.2, 334), "waist")
    add((58.4, 350))
    add((62.0, 365), "crest_lat")
    add((66.0, 382), "hip_corner")
    for p in [
        (69.8, 401),
        (72.2, 424),
        (72.8, 448),
        (72.0, 472),
        (70.0, 500),
        (67.2, 530),
        (64.2, 558),
        (61.6, 584),
    ]:
        add(p)
    add((60.4, 606), "knee_lat")
    for p in [
        (60.8, 624),
        (62.6, 642),
        (64.2, 664),
        (63.6, 690),
        (60.6, 716),
        (57.0, 741),
        (54.0, 762),
    ]:
        add(p)
    add((55.4, 779), "malleolus_lat")
    add((54.6, 788), "ankle_lat")
    if view == "front":
        for p in [(57.8, 801), (62.0, 816), (65.0, 830)]:
            add(p)
        add((65.6, 838.0), "toe5_lat")
        for p in [(63.6, 843.5), (59.8, 843.6)]:
            add(p)
        add((58.6, 842.0), "tnotch0", corner=True)
        for p in [(57.2, 847.6), (52.6, 848.0)]:
            add(p)
        add((51.2, 846.2), "tnotch1", corner=True)
        for p in [(49.6, 852.0), (44.6, 852.4)]:
            add(p)
        add((43.2, 850.4), "tnotch2", corner=True)
        for p in [(41.6, 856.0), (36.0, 856.4)]:
            add(p)
        add((34.6, 854.0), "tnotch3", corner=True)
        for p in [(32.8, 860.4), (26.4, 862.0), (21.8, 858.0)]:
            add(p)
        add((19.8, 852.0), "toe1_med")
        for p in [(19.0, 838), (19.6, 820), (22.4, 802)]:
            add(p)
    else:
        for p in [(56.4, 797), (55.4, 808), (52.4, 818.5), (46.4, 825.6)]:
            add(p)
        add((39.2, 827.6), "heel_bottom")
        for p in [(32.0, 825.8), (27.0, 819), (24.8, 808), (24.6, 797)]:
            add(p)
    add((25.6, 788), "ankle_med")
    add((23.8, 779), "malleolus_med")
    for p in [
        (27.2, 765),
        (30.6, 745),
        (29.4, 722),
        (25.0, 700),
        (20.6, 677),
        (19.2, 655),
        (20.8, 636),
    ]:
        add(p)
    add((21.8, 606), "knee_med")
    for p in [(20.2, 585), (17.2, 560), (13.2, 530), (9.2, 500), (5.4, 474)]:
        add(p)
    add((0.0, 452), "crotch", corner=True)
    return pts, corners, names


def sole_outline() -> tuple[list[Arr], list[int], dict[str, int]]:
    """Plantar view (heel up, toes down) of the viewer-left sole, (hw, y)."""
    pts: list[Arr] = []
    corners: list[int] = []
    names: dict[str, int] = {}
    p: Any

    def add(p: Any, name: str | None = None, corner: bool = False) -> None:
        if name:
            names[name] = len(pts)
        if corner:
            corners.append(len(pts))
        pts.append(np.asarray(p, float))

    add((47.0, 858.0), "heel_top")
    for p in [
        (57.0, 861.0),
        (62.5, 870.0),
        (64.0, 886.0),
        (64.5, 904.0),
        (66.5, 922.0),
        (69.5, 940.0),
    ]:
        add(p)
    add((71.0, 951.0), "toe5_lat")
    for p in [(69.5, 958.5), (65.5, 960.0)]:
        add(p)
    add((63.8, 957.8), "snotch0", corner=True)
    for p in [(62.8, 965.0), (57.6, 966.2)]:
        add(p)
    add((56.2, 963.8), "snotch1", corner=True)
    for p in [(55.0, 971.0), (49.6, 972.0)]:
        add(p)
    add((48.2, 969.4), "snotch2", corner=True)
    for p in [(47.0, 976.5), (41.4, 977.4)]:
        add(p)
    add((40.0, 974.0), "snotch3", corner=True)
    for p in [(38.4, 982.0), (31.0, 984.0), (25.5, 979.0)]:
        add(p)
    add((24.0, 970.0), "toe1_med")
    for p in [
        (24.0, 955.0),
        (26.0, 938.0),
        (30.5, 920.0),
        (33.5, 903.0),
        (33.6, 886.0),
        (35.0, 870.0),
        (40.0, 861.0),
    ]:
        add(p)
    return pts, corners, names


def mirror_pts(pts: list[Arr]) -> list[Arr]:
    return [np.array([-p[0], p[1]]) for p in pts]


class Figure:
    """One view: full closed outline + patches, all in (hw, y) for the viewer-left half."""

    def __init__(self, view: str) -> None:
        self.view = view
        half, corners, names = half_outline(view)
        n = len(half)
        # full contour: half, then mirrored half reversed (skip head_top & crotch dupes)
        mir = mirror_pts(half[1:-1])[::-1]
        full = half + mir
        mcorners = [n - 1 + (n - 1 - c) for c in corners if 0 < c < n - 1]
        self.spline = Spline(full, corners=corners + mcorners, closed=True)
        self.names = names
        self.n_half = n
        self.patches: dict[str, Patch] = {}
        self._build()
        if view == "back":
            sp, sc, sn = sole_outline()
            self.sole_spline = Spline(sp + mirror_pts(sp)[0:0], corners=sc, closed=True)
            self.sole_names = sn
            self._build_sole()

    def seg(self, a: str, b: str, per: int = 40) -> Arr:
        return self.spline.sample(self.names[a], self.names[b], per)

    def _build(self) -> None:
        v = self.view
        # internal anatomical lines
        junction = Spline([(80, 207), (80.5, 222), (76.5, 237), (69, 249)]).sample(0, 3, 40)
        inguinal = Spline(
            [(66, 382), (58.5, 388.5), (45, 402), (31, 417), (17, 433), (6.5, 445), (0, 452)]
        ).sample(0, 6, 40)
        crest = Spline([(62, 365), (48, 366.8), (34, 370.5), (25, 375), (19.5, 379)]).sample(
            0, 4, 40
        )
        sacral = Spline([(19.5, 379), (14, 391), (7.5, 401.5), (0, 408)]).sample(0, 3, 40)
        self.lines = {"junction": junction, "inguinal": inguinal, "crest": crest, "sacral": sacral}
        # trunk patch: outline from head top to crotch/coccyx vs midline
        upper = self.seg("head_top", "acromion")
        side = self.seg("axilla", "crest_lat")
        if v == "front":
            lower = cat(self.seg("crest_lat", "hip_corner"), inguinal)
            y_end = 452.0
        else:
            lower = cat(crest, sacral)
            y_end = 408.0
        tl = cat(upper, junction, side, lower)
        tr = np.c_[np.zeros(50), np.linspace(62, y_end, 50)]
        self.patches["trunk"] = Patch(
            chain_by_y(tl, 62, y_end), chain_by_y(tr, 62, y_end), y_sync=(62, y_end)
        )
        # leg patch
        if v == "front":
            y_top = 382.0
            ll = self.seg("hip_corner", "ankle_lat")
            lr = cat(inguinal, self._rev("ankle_med", "crotch"))
        else:
            y_top = 365.0
            ll = self.seg("crest_lat", "ankle_lat")
            lr = cat(
                crest,
                sacral,
                np.c_[np.zeros(20), np.linspace(408, 452, 20)],
                self._rev("ankle_med", "crotch"),
            )
        self.patches["leg"] = Patch(
            chain_by_y(ll, y_top, 788), chain_by_y(lr, y_top, 788), y_sync=(y_top, 788)
        )
        # foot / heel
        if v == "front":
            fl = self.seg("ankle_lat", "toe5_lat")
            fb = self.seg("toe5_lat", "toe1_med")
            fr = self._rev("toe1_med", "ankle_med")
            self.patches["foot"] = Patch(
                chain_by_arc(fl), chain_by_arc(fr), B=chain_by_arc(fb), detail_from=0.62
            )
            bch = chain_by_arc(fb)
            self.toe_u = []
            for k in range(4):
                q = self.spline.p[self.names[f"tnotch{k}"]]
                i = np.argmin(np.linalg.norm(bch.pts - q, axis=1))
                self.toe_u.append(float(bch.t[i]))
        else:
            hl = self.seg("ankle_lat", "heel_bottom")
            hr = self._rev("heel_bottom", "ankle_med")
            self.patches["foot"] = Patch(chain_by_y(hl, 788, 827.6), chain_by_y(hr, 788, 827.6))
        # arm: Coons between lateral and medial outline, top = junction line
        _lat, _hand, _med, ax = arm_points()
        al = self.seg("acromion", "wrist_lat")
        ar = self._rev("wrist_med", "axilla")
        d1 = np.array([math.sin(ax["a1"]), math.cos(ax["a1"])])
        d2 = np.array([math.sin(ax["a2"]), math.cos(ax["a2"])])

        def arm_param(pts: Arr, s0: float | None = None) -> Chain:
            # piecewise axis projection: upper arm 0..0.56, forearm 0.56..1
            s = np.empty(len(pts))
            for i, p in enumerate(pts):
                su = (p - ax["S"]) @ d1 / 128.0
                if su <= 1.0:
                    s[i] = 0.56 * su
                else:
                    s[i] = 0.56 + 0.44 * ((p - ax["E"]) @ d2 / 100.0)
            s = np.maximum.accumulate(s) + np.arange(len(s)) * 1e-9
            s0 = s[0] if s0 is None else s0
            return Chain(pts, (s - s0) / (s[-1] - s0))

        cl = arm_param(al)
        s_top = 0.56 * ((al[0] - ax["S"]) @ d1 / 128.0)
        self.patches["arm"] = Patch(cl, arm_param(ar, s_top), T=chain_by_arc(junction))
        # hand: lateral side = wrist -> thumb base, straight to web, index side
        d3 = np.array([math.sin(ax["a3"]), math.cos(ax["a3"])])
        tb = self.spline.p[self.names["thumb_base"]]
        tw = self.spline.p[self.names["thumb_web"]]
        thumb_line = line(tb, tw, 20)
        hl = cat(
            self.seg("wrist_lat", "thumb_base"), thumb_line, self.seg("thumb_web", "hand_tip_lat")
        )
        hr = self._rev("hand_tip_med", "wrist_med")
        hb = self.seg("hand_tip_lat", "hand_tip_med")
        self.patches["hand"] = Patch(
            chain_by_axis(hl, ax["W"], d3, 70),
            chain_by_axis(hr, ax["W"], d3, 70),
            B=chain_by_arc(hb),
            detail_from=0.55,
        )
        bch = chain_by_arc(hb)
        self.finger_u = []
        for k in range(3):
            q = self.spline.p[self.names[f"fnotch{k}"]]
            i = np.argmin(np.linalg.norm(bch.pts - q, axis=1))
            self.finger_u.append(float(bch.t[i]))
        # thumb
        tl_ = self.seg("thumb_base", "thumb_tip")
        tr_ = self._rev("thumb_tip", "thumb_web")
        self.patches["thumb"] = Patch(
            chain_by_arc(tl_), chain_by_arc(tr_), T=chain_by_arc(thumb_line)
        )

    def _rev(self, a: str, b: str) -> Arr:
        """Contour from landmark a to b (forward), returned reversed (b -> a)."""
        return self.seg(a, b)[::-1]

    def _build_sole(self) -> None:
        sp = self.sole_spline
        nm = self.sole_names
        sl = sp.sample(nm["heel_top"], nm["toe5_lat"], 40)
        sb = sp.sample(nm["toe5_lat"], nm["toe1_med"], 40)
        sr = sp.sample(nm["toe1_med"], 0, 40)[::-1]  # heel_top -> toe1_med along medial
        self.patches["sole"] = Patch(
            chain_by_y(sl, 858.0, 951.0),
            chain_by_y(sr, 858.0, 970.0),
            B=chain_by_arc(sb),
            detail_from=0.7,
        )
        bch = chain_by_arc(sb)
        self.sole_toe_u = []
        for k in range(4):
            q = sp.p[nm[f"snotch{k}"]]
            i = np.argmin(np.linalg.norm(bch.pts - q, axis=1))
            self.sole_toe_u.append(float(bch.t[i]))


FIG = {"front": Figure("front"), "back": Figure("back")}


# ---------------------------------------------------------------- region layers
# A layer maps a key (e.g. "L5" or "thigh_lateral") to a list of (view, polygon_hw) pieces
# for the viewer-left half.


def add_piece(
    layer: Layer, key: str, view: str, patch_name: str, ulo: Any, uhi: Any, vlo: Any, vhi: Any
) -> None:
    fig = FIG[view]
    uv = band_uv(ulo, uhi, vlo, vhi)
    pts = fig.patches[patch_name].map(uv)
    layer.setdefault(key, []).append((view, pts))


def vline(patch: Patch, y_at_u0: float, y_at_u1: float, mid: float | None = None) -> Fn:
    """v = f(u) for a row boundary going from y_at_u0 (u=0) to y_at_u1 (u=1)."""
    if mid is None:
        return lambda u: patch.v_of_y(y_at_u0 + (y_at_u1 - y_at_u0) * np.asarray(u, float))
    f = interp_fn([0, 0.5, 1], [y_at_u0, mid, y_at_u1])
    return lambda u: patch.v_of_y(f(u))


def ucurve(points: Iterable[tuple[Any, Any]]) -> Fn:
    """u = g(v) through (v, u) control points."""
    vs, us = zip(*points, strict=False)
    return interp_fn(vs, us)


# Trunk band boundaries: (root, y at the outline, y at the midline) of each band's
# lower edge, top to bottom (classic map; body_map_boundaries.toml [trunk]).


def _bands(rows: list[list[Any]]) -> list[tuple[str, float | None, float | None]]:
    return [(r[0], float(r[1]), float(r[2])) if len(r) > 1 else (r[0], None, None) for r in rows]


FRONT_BOUNDS = _bands(BD["trunk"]["front_bands"])
BACK_BOUNDS = _bands(BD["trunk"]["back_bands"])


def build_trunk(view: str, derm: Layer, zones: Layer, lee: Layer) -> None:
    fig = FIG[view]
    P = fig.patches["trunk"]
    v = P.v_of_y
    # trunk patch: u = 0 on the outline, u = 1 on the midline
    if view == "front":
        # (y at outline, y at midline) for each boundary, top to bottom
        jb = BD["trunk"]["front_jaw"]
        jaw = lambda u: v(interp_fn(jb["u"], jb["y"])(u))  # noqa: E731
        bounds = FRONT_BOUNDS
        top = jaw
        fns = []
        for name, ya, yb in bounds:
            if ya is None:
                fns.append((name, lambda u: np.ones_like(np.asarray(u, float))))
            else:
                assert yb is not None
                fns.append((name, vline(P, ya, yb)))
        prev = top
        for name, f in fns:
            add_piece(derm, name, view, "trunk", 0, 1, prev, f)
            prev = f
        # zones: inguinal not here; nothing else on the front trunk
    else:
        top = lambda u: np.zeros_like(np.asarray(u, float))  # noqa: E731
        bounds = BACK_BOUNDS
        prev = top
        for name, ya, yb in bounds:
            if ya is None:
                f = lambda u: np.ones_like(np.asarray(u, float))  # noqa: E731
            else:
                assert yb is not None
                f = vline(P, ya, yb)
            add_piece(derm, name, view, "trunk", 0, 1, prev, f)
            prev = f
        # zones: lower back beside the midline over the lumbar region; sacrum
        lb, sac = BD["trunk"]["lower_back"], BD["trunk"]["sacrum_top_y"]["y"]
        (u0, u1), (y0, y1) = lb["u"], lb["y"]
        add_piece(zones, "lower_back", view, "trunk", u0, u1, v(y0), v(y1))
        add_piece(zones, "sacrum", view, "trunk", 0, 1, v(sac), 1.0)


def build_arm(view: str, derm: Layer, lee: Layer) -> None:
    """Upper limb dermatomes (front = palmar, back = dorsal)."""
    for piece in BD["arm"][view]:
        add_piece(derm, piece["root"], view, "arm", *piece["u"], *piece["v"])
    fu = FIG[view].finger_u
    add_piece(derm, "C6", view, "thumb", 0, 1, 0, 1)
    add_piece(derm, "C6", view, "hand", 0, fu[0], 0, 1)
    add_piece(derm, "C7", view, "hand", fu[0], fu[1], 0, 1)
    add_piece(derm, "C8", view, "hand", fu[1], 1, 0, 1)


def _hw_curve(entry: dict[str, Any]) -> Fn:
    return interp_fn(entry["y"], entry["hw"])


def _row(P: Patch, spec: Any) -> Any:
    """v = f(u) of a row: a number (y), [y_lateral, y_medial] or [y_lat, y_mid, y_med]."""
    if isinstance(spec, (int, float)):
        return P.v_of_y(float(spec))
    if len(spec) == 2:
        return vline(P, spec[0], spec[1])
    return vline(P, spec[0], spec[2], mid=spec[1])


def _add_listed(
    layer: Layer,
    view: str,
    pieces: list[dict[str, Any]],
    rows: dict[str, Any] | None = None,
    u_named: dict[str, float] | None = None,
) -> None:
    """Pieces listed in the data file: root, patch, u range, y_top/y_bottom or v range."""
    rows = rows or {}
    u_named = u_named or {}
    for pc in pieces:
        P = FIG[view].patches[pc["patch"]]
        u = [u_named.get(x, x) if isinstance(x, str) else x for x in pc["u"]]
        if "v" in pc:
            vlo, vhi = pc["v"]
        else:
            vlo = rows[pc["y_top"]] if isinstance(pc["y_top"], str) else _row(P, pc["y_top"])
            vhi = (
                rows[pc["y_bottom"]] if isinstance(pc["y_bottom"], str) else _row(P, pc["y_bottom"])
            )
        add_piece(layer, pc["root"], view, pc["patch"], u[0], u[1], vlo, vhi)


def leg_front(derm: Layer, zones: Layer, lee: Layer) -> None:
    view = "front"
    fig = FIG[view]
    P = fig.patches["leg"]
    v = P.v_of_y
    Z, C = BD["leg_front"]["zones"], BD["leg_front"]["classic"]
    # inguinal zone / L1 lower edges as hw(y) curves
    ing = Z["inguinal_edge"]
    g_ing = P.u_of_hw(_hw_curve(ing))
    v_ing_end = v(ing["y"][-1])
    g_ing_c = lambda vv: np.where(np.asarray(vv) >= v_ing_end, 1.0, g_ing(vv))  # noqa: E731
    LAT, MED = Z["thigh_lateral_u"]["value"], Z["thigh_medial_u"]["value"]
    y_mid = Z["mid_thigh_y"]["value"]
    y_kn_a, y_kn_m = Z["knee_top_y"]["anterior"], Z["knee_top_y"]["medial"]
    y_knee_bot, y_ank = Z["knee_bottom_y"]["value"], Z["ankle_top_y"]["value"]
    SH = Z["shin_split_u"]["value"]
    v_ing_inv = inverse(g_ing_c, 0, v_ing_end)
    # zones --------------------------------------------------------------
    add_piece(zones, "inguinal", view, "leg", g_ing_c, 1, 0, v_ing_end)
    add_piece(zones, "thigh_lateral", view, "leg", 0, fmin(LAT, g_ing_c), 0, v(y_knee_bot))
    add_piece(
        zones,
        "thigh_anterior_upper",
        view,
        "leg",
        fmin(LAT, g_ing_c),
        fmin(MED, g_ing_c),
        0,
        v(y_mid),
    )
    add_piece(zones, "thigh_medial", view, "leg", MED, 1, lambda u: v_ing_inv(u), v(y_kn_m))
    add_piece(zones, "thigh_anterior_lower", view, "leg", LAT, MED, v(y_mid), v(y_kn_a))
    add_piece(zones, "knee_anterior", view, "leg", LAT, MED, v(y_kn_a), v(y_knee_bot))
    add_piece(zones, "knee_medial", view, "leg", MED, 1, v(y_kn_m), v(y_knee_bot))
    add_piece(zones, "leg_anterolateral", view, "leg", 0, SH, v(y_knee_bot), v(y_ank))
    add_piece(zones, "leg_medial", view, "leg", SH, 1, v(y_knee_bot), v(y_ank))
    add_piece(zones, "ankle_lateral", view, "leg", 0, SH, v(y_ank), 1)
    add_piece(zones, "ankle_medial", view, "leg", SH, 1, v(y_ank), 1)
    # foot
    tu = fig.toe_u  # notches lateral -> medial
    VA, VT = Z["foot_ankle_v"]["value"], Z["foot_toes_v"]["value"]
    AL, AM = Z["foot_ankle_split_u"]["lateral"], Z["foot_ankle_split_u"]["medial"]
    EL, EM = Z["foot_edge_u"]["lateral"], Z["foot_edge_u"]["medial"]
    add_piece(zones, "ankle_lateral", view, "foot", 0, AL, 0, VA)
    add_piece(zones, "ankle_medial", view, "foot", AM, 1, 0, VA)
    add_piece(zones, "foot_dorsum", view, "foot", AL, AM, 0, VA)
    add_piece(zones, "foot_lateral_edge", view, "foot", 0, EL, VA, VT)
    add_piece(zones, "foot_dorsum", view, "foot", EL, EM, VA, VT)
    add_piece(zones, "foot_medial_edge", view, "foot", EM, 1, VA, VT)
    add_piece(zones, "little_toe", view, "foot", 0, tu[0], VT, 1)
    add_piece(zones, "foot_dorsum", view, "foot", tu[0], tu[3], VT, 1)
    add_piece(zones, "great_toe", view, "foot", tu[3], 1, VT, 1)
    # classic dermatomes ---------------------------------------------------
    l1 = C["l1_lower_edge"]
    g_l1 = P.u_of_hw(_hw_curve(l1))
    v_l1_end = v(l1["y"][-1])
    g_l1c = lambda vv: np.where(np.asarray(vv) >= v_l1_end, 1.0, g_l1(vv))  # noqa: E731
    f23 = _row(P, C["l2_l3"]["y"])
    f3x = _row(P, C["l3_l4"]["y"])
    # L1: strip below inguinal line
    add_piece(derm, "L1", view, "leg", g_l1c, 1, 0, v_l1_end)
    # L2: from L1 edge down to the L2/L3 line
    add_piece(derm, "L2", view, "leg", 0, g_l1c, 0, f23)
    # L2 keeps the lateral strip of the thigh down to the side of the knee (L3)
    strip = C["l2_lateral_strip"]
    v_strip = v(strip["y"])
    add_piece(derm, "L2", view, "leg", 0, strip["u"], f23, v_strip)
    add_piece(derm, "L3", view, "leg", 0, strip["u"], v_strip, f3x)
    add_piece(derm, "L3", view, "leg", strip["u"], 1, f23, f3x)
    b45 = C["l4_l5"]
    h45 = ucurve([(v(y), u) for y, u in zip(b45["y"], b45["u"], strict=True)])
    add_piece(derm, "L4", view, "leg", h45, 1, f3x, 1)
    s1a = C["s1_lateral_ankle"]
    v_s1 = v(s1a["y"])
    s1u = lambda vv: np.where(np.asarray(vv) >= v_s1, s1a["u"], 0.0)  # noqa: E731
    add_piece(derm, "L5", view, "leg", s1u, h45, f3x, 1)
    add_piece(derm, "S1", view, "leg", 0, s1a["u"], v_s1, 1)
    # foot: L4 medial edge, L5 dorsum + toes 1-4, S1 lateral edge + little toe
    g_l4f = ucurve(list(zip(C["l4_foot"]["v"], C["l4_foot"]["u"], strict=True)))
    g_s1f = ucurve(list(zip(C["s1_foot"]["v"], C["s1_foot"]["u"], strict=True)))
    v_l4_end = C["l4_foot_end_v"]["value"]
    add_piece(derm, "L4", view, "foot", g_l4f, 1, 0, v_l4_end)
    add_piece(
        derm,
        "S1",
        view,
        "foot",
        0,
        lambda vv: np.where(np.asarray(vv) >= VT, tu[0], g_s1f(vv)),
        0,
        1,
    )
    add_piece(
        derm,
        "L5",
        view,
        "foot",
        lambda vv: np.where(np.asarray(vv) >= VT, tu[0], g_s1f(vv)),
        lambda vv: np.where(np.asarray(vv) >= v_l4_end, 1.0, g_l4f(vv)),
        0,
        1,
    )
    # Lee 2008 (most consistent areas; overlaps allowed; variable areas blank)
    L = BD["leg_front"]["lee2008"]
    lee_l1 = P.u_of_hw(_hw_curve(L["l1_lower_edge"]))
    add_piece(lee, "L1", view, "leg", lee_l1, 1, 0.0, v(L["l1_lower_edge"]["y"][-1]))
    _add_listed(lee, view, L["pieces"])


def leg_back(derm: Layer, zones: Layer, lee: Layer) -> None:
    view = "back"
    fig = FIG[view]
    P = fig.patches["leg"]
    v = P.v_of_y
    Z, C = BD["leg_back"]["zones"], BD["leg_back"]["classic"]

    def Rhw(y: Any) -> Any:
        return P.R(P.v_of_y(y))[..., 0]

    anus = Z["anus_y"]["value"]

    def ring(a: float, b: float) -> Fn:
        w = ellipse_w(anus, a, b)
        return P.u_of_hw(lambda y: Rhw(y) + w(y))

    rings = C["perianal_rings"]
    r3, r4, r5 = ring(*rings["s3"]), ring(*rings["s4"]), ring(*rings["s5"])
    sr = Z["saddle_ring"]
    sad = ring(sr["hw"], sr["y"])
    fold = _row(P, Z["gluteal_fold"]["y"])
    LAT, MED = Z["thigh_lateral_u"]["value"], Z["thigh_medial_u"]["value"]
    y_pop, y_pop_bot = Z["popliteal_y"]["top"], Z["popliteal_y"]["bottom"]
    y_knm = Z["knee_medial_top_y"]["value"]
    y_ank = Z["ankle_top_y"]["value"]
    CL, CM = Z["calf_u"]["lateral"], Z["calf_u"]["medial"]
    AL, AM = Z["ankle_u"]["lateral"], Z["ankle_u"]["medial"]
    HL, HM = Z["heel_u"]["lateral"], Z["heel_u"]["medial"]
    HV = Z["heel_v"]["value"]
    # zones
    add_piece(zones, "buttock_upper", view, "leg", 0, sad, 0, v(Z["buttock_split_y"]["value"]))
    add_piece(zones, "buttock_lower", view, "leg", 0, sad, v(Z["buttock_split_y"]["value"]), fold)
    add_piece(zones, "saddle", view, "leg", sad, 1, v(anus - sr["y"]), v(anus + sr["y"]))
    add_piece(
        zones, "thigh_lateral", view, "leg", 0, LAT, fold, v(Z["thigh_lateral_bottom_y"]["value"])
    )
    add_piece(zones, "thigh_posterior", view, "leg", LAT, fmin(MED, sad), fold, v(y_pop))
    add_piece(zones, "thigh_medial", view, "leg", fmin(MED, sad), sad, fold, v(y_knm))
    add_piece(zones, "popliteal_fossa", view, "leg", LAT, MED, v(y_pop), v(y_pop_bot))
    add_piece(zones, "knee_medial", view, "leg", MED, 1, v(y_knm), v(y_pop_bot))
    add_piece(zones, "leg_anterolateral", view, "leg", 0, CL, v(y_pop_bot), v(y_ank))
    add_piece(zones, "calf_posterior", view, "leg", CL, CM, v(y_pop_bot), v(y_ank))
    add_piece(zones, "leg_medial", view, "leg", CM, 1, v(y_pop_bot), v(y_ank))
    add_piece(zones, "ankle_lateral", view, "leg", 0, AL, v(y_ank), 1)
    add_piece(zones, "calf_posterior", view, "leg", AL, AM, v(y_ank), 1)
    add_piece(zones, "ankle_medial", view, "leg", AM, 1, v(y_ank), 1)
    add_piece(zones, "ankle_lateral", view, "foot", 0, HL, 0, HV)
    add_piece(zones, "heel", view, "foot", HL, HM, 0, HV)
    add_piece(zones, "ankle_medial", view, "foot", HM, 1, 0, HV)
    add_piece(zones, "heel", view, "foot", 0, 1, HV, 1)
    # classic dermatomes
    top_l2 = _row(P, C["l1_l2"]["y"])
    top_b = _row(P, [C["buttock_top_y"]["value"]] * 2)
    hh = C["s4_half_height"]
    add_piece(derm, "L1", view, "leg", 0, 1, 0, top_l2)
    add_piece(derm, "L2", view, "leg", 0, 1, top_l2, top_b)
    # the upper buttock stays L1/L2 (superior cluneal nerves); S1 below, S3 medially
    s1_top = v(C["s1_buttock_top_y"]["value"])
    add_piece(derm, "L2", view, "leg", 0, r3, top_b, s1_top)
    add_piece(derm, "S5", view, "leg", r5, 1, v(anus - hh["s5"]), v(anus + hh["s5"]))
    add_piece(derm, "S4", view, "leg", r4, r5, v(anus - hh["s4"]), v(anus + hh["s4"]))
    add_piece(derm, "S3", view, "leg", r3, r4, top_b, v(anus + hh["s3_below"]))
    y_lat = C["thigh_lateral_l2_l3_y"]["value"]
    y_tb = C["thigh_bottom_y"]["value"]
    TS = C["thigh_strips_u"]
    add_piece(derm, "S1", view, "leg", 0, r3, s1_top, fold)
    add_piece(derm, "L2", view, "leg", 0, TS["lateral"], fold, v(y_lat))
    add_piece(derm, "L3", view, "leg", 0, TS["lateral"], v(y_lat), v(y_tb))
    y_s1_end = C["s1_thigh_bottom_y"]["value"]
    add_piece(derm, "S1", view, "leg", TS["lateral"], fmin(TS["s1_s2"], r3), fold, v(y_s1_end))
    add_piece(derm, "S2", view, "leg", TS["lateral"], fmin(TS["s1_s2"], r3), v(y_s1_end), v(y_tb))
    add_piece(derm, "S2", view, "leg", fmin(TS["s1_s2"], r3), fmin(TS["s2_l3"], r3), fold, v(y_tb))
    add_piece(derm, "L3", view, "leg", fmin(TS["s2_l3"], r3), r3, fold, v(y_tb))
    L5U, L4U = C["leg_l5_u"]["value"], C["leg_l4_u"]["value"]
    y_s1a = C["leg_s1_ankle_y"]["value"]
    s2s1 = _row(P, C["s2_s1_calf"]["y"])
    add_piece(derm, "L5", view, "leg", 0, L5U, v(y_tb), v(y_s1a))
    add_piece(derm, "S1", view, "leg", 0, L5U, v(y_s1a), 1)
    add_piece(derm, "S2", view, "leg", L5U, L4U, v(y_tb), s2s1)
    add_piece(derm, "S1", view, "leg", L5U, L4U, s2s1, 1)
    add_piece(derm, "L4", view, "leg", L4U, 1, v(y_tb), 1)
    HU, HVv = C["heel_l4_u"]["value"], C["heel_l4_v"]["value"]
    add_piece(derm, "S1", view, "foot", 0, HU, 0, 1)
    add_piece(derm, "L4", view, "foot", HU, 1, 0, HVv)
    add_piece(derm, "S1", view, "foot", HU, 1, HVv, 1)
    # sole inset
    su = fig.sole_toe_u
    SZ = BD["sole"]["zones"]
    VH, VT = SZ["heel_v"], SZ["toes_v"]
    EL, EM = SZ["edge_u"]["lateral"], SZ["edge_u"]["medial"]
    add_piece(zones, "heel", view, "sole", 0, 1, 0, VH)
    add_piece(zones, "foot_lateral_edge", view, "sole", 0, EL, VH, VT)
    add_piece(zones, "sole", view, "sole", EL, EM, VH, VT)
    add_piece(zones, "foot_medial_edge", view, "sole", EM, 1, VH, VT)
    add_piece(zones, "little_toe", view, "sole", 0, su[0], VT, 1)
    add_piece(zones, "sole", view, "sole", su[0], su[3], VT, 1)
    add_piece(zones, "great_toe", view, "sole", su[3], 1, VT, 1)
    arch = BD["sole"]["classic"]["l4_arch"]
    g_l4s = ucurve(list(zip(arch["v"], arch["u"], strict=True)))
    s1_hi = fmin(g_l4s, lambda vv: np.where(np.asarray(vv) >= VT, su[3], 1.0))
    add_piece(derm, "S1", view, "sole", 0, s1_hi, 0, 1)
    add_piece(derm, "L4", view, "sole", g_l4s, 1, 0, VT)
    add_piece(derm, "L5", view, "sole", su[3], 1, VT, 1)
    # Lee 2008 back
    _add_listed(
        lee, view, BD["leg_back"]["lee2008"]["pieces"], {"fold": fold}, {"great_toe": su[3]}
    )


def build_limb_masks(limbs: Layer) -> None:
    for view in ("front", "back"):
        whole = band_uv(0, 1, 0, 1)
        limbs.setdefault("lower", []).append((view, FIG[view].patches["leg"].map(whole)))
        limbs["lower"].append((view, FIG[view].patches["foot"].map(band_uv(0, 1, 0, 1))))
    limbs["lower"].append(("back", FIG["back"].patches["sole"].map(band_uv(0, 1, 0, 1))))


def build_lee_trunk(lee: Layer) -> None:
    """Lee 2008 trunk / upper limb: consistent cores; small overlap, blank variable areas."""
    for view in ("front", "back"):
        P = FIG[view].patches["trunk"]
        # Lee: the classic bands widened by OV on each side (overlap), lower trunk
        # flank left blank where the lateral branches vary most.
        OV = BD["trunk"]["lee_overlap"]["value"]
        flank = BD["trunk"]["lee_flank_blank_u"]
        bounds = FRONT_BOUNDS if view == "front" else BACK_BOUNDS
        prev = (None, None) if view == "front" else (62.0 - OV, 62.0 - OV)
        for name, ya, yb in bounds:
            if ya is None or name in ("S1",):
                break
            if prev[0] is not None:
                lo = vline(P, prev[0] - OV, prev[1] - OV)
                hi = vline(P, ya + OV, yb + OV)
                if name == "T12" and view == "front":
                    hi = vline(P, *BD["trunk"]["lee_front_t12_lower"]["y"])
                u0 = flank["value"] if name in flank["roots"] else 0.0
                add_piece(lee, name, view, "trunk", u0, 1, fmax(0, lo), hi)
            prev = (ya, yb)
        for piece in BD["arm"]["lee2008"][view]:
            add_piece(lee, piece["root"], view, "arm", *piece["u"], *piece["v"])
        fu = FIG[view].finger_u
        add_piece(lee, "C6", view, "thumb", 0, 1, 0, 1)
        al = BD["arm"]["lee2008"]
        spill = al["hand_c7_spill_u"]
        add_piece(lee, "C6", view, "hand", 0, fu[0], *al["hand_c6_v"])
        add_piece(lee, "C7", view, "hand", fu[0] - spill, fu[1] + spill, *al["hand_c7_v"])
        add_piece(lee, "C8", view, "hand", fu[1], 1, *al["hand_c8_v"])


# ---------------------------------------------------------------- peripheral nerves

NERVE_TERRITORY = "#E69F00"  # Okabe-Ito orange: not a dermatome hue of the lower limb
NERVE_COURSE = "#8a5a00"


def _nerve_u(x: Any) -> float:
    """A u bound of a nerve piece: a number or a toe notch, optionally +/- an offset."""
    if not isinstance(x, str):
        return float(x)
    notches = {
        "notch_5_4": FIG["front"].toe_u[0],
        "notch_4_3": FIG["front"].toe_u[1],
        "notch_3_2": FIG["front"].toe_u[2],
        "notch_2_1": FIG["front"].toe_u[3],
        "sole_notch_2_1": FIG["back"].sole_toe_u[3],
    }
    for sign in ("+", "-"):
        if sign in x:
            name, off = x.split(sign)
            return notches[name] + (float(off) if sign == "+" else -float(off))
    return notches[x]


def ribbon(pts: Any, width: float) -> Arr:
    """A closed ribbon ``width`` wide along the smoothed polyline ``pts`` (hw, y)."""
    pts = np.asarray(pts, float)
    line_pts = Spline(pts).sample(0, len(pts) - 1, 12)
    d = np.gradient(line_pts, axis=0)
    d /= np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-9)
    n = np.c_[-d[:, 1], d[:, 0]] * (width / 2)
    return np.vstack([line_pts + n, (line_pts - n)[::-1]])


def dashed_ribbon(pts: Any, width: float, dash: list[float]) -> list[Arr]:
    """Short ribbons (``dash`` = [on, off] lengths) along the smoothed polyline ``pts``."""
    line_pts = Spline(np.asarray(pts, float)).sample(0, len(pts) - 1, 24)
    s = np.r_[0.0, np.cumsum(np.linalg.norm(np.diff(line_pts, axis=0), axis=1))]
    on, off = dash
    out = []
    start = 0.0
    while start < s[-1]:
        stop = min(start + on, s[-1])
        t = np.linspace(start, stop, 8)
        piece = np.c_[np.interp(t, s, line_pts[:, 0]), np.interp(t, s, line_pts[:, 1])]
        out.append(ribbon(piece, width))
        start = stop + off
    return out


def _positive(pts: Arr) -> Arr:
    """The ring with a positive signed area (one orientation for a whole nerve group, so
    its territory and course add up under the non-zero rule)."""
    return pts if area(pts) > 0 else pts[::-1]


def build_nerves() -> dict[str, dict[str, list[tuple[str, Arr]]]]:
    """name -> {"territory": [(view, pts)], "course": [(view, pts)]} (viewer-left half)."""
    N = BD["nerves"]
    out = {}
    for name, spec in N.items():
        if not isinstance(spec, dict):
            continue  # shared course pieces, width, sources
        terr: Layer = {}
        for pc in spec["territory"]:
            view = pc["view"]
            P = FIG[view].patches[pc["patch"]]
            u0, u1 = (_nerve_u(x) for x in pc["u"])
            if "v" in pc:
                vlo, vhi = pc["v"]
            else:
                vlo, vhi = _row(P, pc["y_top"]), _row(P, pc["y_bottom"])
            add_piece(terr, name, view, pc["patch"], u0, u1, vlo, vhi)
        course = []
        for view, seg, *how in spec["course"]:
            pts = N[seg] if isinstance(seg, str) else seg
            if how == ["deep"]:
                dashes = dashed_ribbon(pts, N["course_width"], N["deep_dash"])
                course += [(view, _positive(d)) for d in dashes]
            else:
                course.append((view, _positive(ribbon(pts, N["course_width"]))))
        apply_insets(terr)
        out[name] = {
            "territory": [(v, _positive(p)) for v, p in terr.get(name, [])],
            "course": course,
        }
    return out


# ---------------------------------------------------------------- enlarged feet (insets)


def _affine(spec: dict[str, Any]) -> Callable[[Any], Arr]:
    to, anchor, k = np.asarray(spec["to"], float), np.asarray(spec["anchor"], float), spec["scale"]
    return lambda pts: to + k * (np.asarray(pts, float) - anchor)


FOOT_T = _affine(BD["insets"]["front_foot"])
SOLE_T = _affine(BD["insets"]["soles"])
SOLE_Y0 = 850.0  # back-view pieces below this row are the sole inset


def clip_below(pts: Any, c: float) -> Arr | None:
    """The part of polygon ``pts`` with y >= c (Sutherland-Hodgman, one half-plane)."""
    pts = np.asarray(pts, float)
    out = []
    n = len(pts)
    for i in range(n):
        p, q = pts[i], pts[(i + 1) % n]
        if p[1] >= c:
            out.append(p)
        if (p[1] >= c) != (q[1] >= c):
            out.append(p + (c - p[1]) / (q[1] - p[1]) * (q - p))
    return np.array(out) if len(out) >= 3 else None


def apply_insets(layer: Layer) -> None:
    """Repeat the front foot enlarged and move the soles to their enlarged inset."""
    cut = BD["insets"]["front_foot"]["cut_y"]
    for key, pieces in layer.items():
        out = []
        extra = []
        for view, pts in pieces:
            pts = np.asarray(pts, float)
            if view == "back" and pts[:, 1].min() >= SOLE_Y0:
                out.append((view, SOLE_T(pts)))
                continue
            out.append((view, pts))
            if view == "front" and pts[:, 1].max() > cut:
                part = clip_below(pts, cut)
                if part is not None and abs(area(part)) > 0.05:
                    extra.append((view, FOOT_T(part)))
        layer[key] = out + extra


def foot_inset_outline() -> Arr:
    """The enlarged front foot's outline (lower leg cut straight at ``cut_y``), (hw, y)."""
    fig = FIG["front"]
    pts = fig.spline.sample(fig.names["knee_lat"], fig.names["knee_med"], 40)
    return FOOT_T(clip_below(pts, BD["insets"]["front_foot"]["cut_y"]))


def sole_inset_segs() -> list[Seg]:
    """The sole outline's Bezier segments, moved to the enlarged sole inset."""
    return [tuple(SOLE_T(np.array(seg))) for seg in FIG["back"].sole_spline.segs]


def inset_frames() -> list[tuple[str, float, float, float, float]]:
    """(view, hw0, y0, hw1, y1) of each inset's frame (viewer-left half)."""
    m = BD["insets"]["frame_margin"]
    foot = foot_inset_outline()
    sole = np.vstack([Spline.bez(seg, np.linspace(0, 1, 20)) for seg in sole_inset_segs()])
    out = []
    for view, pts in (("front", foot), ("back", sole)):
        lo, hi = pts.min(axis=0) - m, pts.max(axis=0) + m
        out.append((view, float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])))
    return out


# ---------------------------------------------------------------- SVG writing


def to_x(view: str, side_half: str, pts: Any) -> Arr:
    """Map (hw, y) points of a viewer-left-half polygon to absolute SVG coordinates."""
    cx = CENTER[view]
    pts = np.asarray(pts, float)
    x = cx - pts[:, 0] if side_half == "L" else cx + pts[:, 0]
    out: Arr = np.c_[x, pts[:, 1]]
    return out


def rdp(pts: Arr, eps: float) -> Arr:
    if len(pts) < 3:
        return pts
    a, b = pts[0], pts[-1]
    ab = b - a
    nab = np.linalg.norm(ab)
    if nab < 1e-12:
        d = np.linalg.norm(pts - a, axis=1)
    else:
        d = np.abs(ab[0] * (pts[:, 1] - a[1]) - ab[1] * (pts[:, 0] - a[0])) / nab
    i = int(np.argmax(d))
    if d[i] > eps:
        left = rdp(pts[: i + 1], eps)
        right = rdp(pts[i:], eps)
        return np.vstack([left[:-1], right])
    return np.vstack([a, b])


def poly_d(pts: Any, eps: float = 0.06) -> str:
    pts = np.asarray(pts, float)
    # drop consecutive duplicates
    keep = np.r_[True, np.linalg.norm(np.diff(pts, axis=0), axis=1) > 1e-6]
    pts = pts[keep]
    if len(pts) > 2 and np.linalg.norm(pts[0] - pts[-1]) < 1e-6:
        pts = pts[:-1]
    if len(pts) < 3:
        return ""
    # split the closed loop at the point farthest from the start for RDP
    i = int(np.argmax(np.linalg.norm(pts - pts[0], axis=1)))
    a = rdp(pts[: i + 1], eps)
    b = rdp(np.vstack([pts[i:], pts[:1]]), eps)
    ring = np.vstack([a[:-1], b[:-1]])
    s = "M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in ring) + " Z"
    return s


def area(pts: Arr) -> float:
    x, y = pts[:, 0], pts[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def pieces_d(pieces: list[tuple[str, Arr]], side: str) -> str:
    """SVG path data for all pieces of one patient side."""
    out = []
    for view, pts in pieces:
        half = "L" if LEFT_HALF_SIDE[view] == side else "R"
        if abs(area(np.asarray(pts))) < 0.05:
            continue
        d = poly_d(to_x(view, half, pts))
        if d:
            out.append(d)
    return " ".join(out)


def bez_d(spline: Any, view: str, half: str, start: int | None = None) -> str:
    segs = spline.segs
    cx = CENTER[view]
    sgn = -1 if half == "L" else 1

    def f(p: Any) -> str:
        return f"{cx + sgn * p[0]:.2f},{p[1]:.2f}"

    s = "M" + f(segs[0][0])
    for _p0, c1, c2, p3 in segs:
        s += " C" + f(c1) + " " + f(c2) + " " + f(p3)
    return s + " Z"


def open_bez_d(pts: Any, view: str, half: str, corners: Iterable[int] = ()) -> str:
    sp = Spline(pts, corners=corners)
    cx = CENTER[view]
    sgn = -1 if half == "L" else 1

    def f(p: Any) -> str:
        return f"{cx + sgn * p[0]:.2f},{p[1]:.2f}"

    s = "M" + f(sp.segs[0][0])
    for _p0, c1, c2, p3 in sp.segs:
        s += " C" + f(c1) + " " + f(c2) + " " + f(p3)
    return s


def pill_d(x: float, y: float, w: float, h: float) -> str:
    r = h / 2
    return (
        f"M{x + r:.2f},{y:.2f} L{x + w - r:.2f},{y:.2f} "
        f"A{r:.2f},{r:.2f} 0 0 1 {x + w - r:.2f},{y + h:.2f} L{x + r:.2f},{y + h:.2f} "
        f"A{r:.2f},{r:.2f} 0 0 1 {x + r:.2f},{y:.2f} Z"
    )


def rounded_rect_d(x0: float, y0: float, x1: float, y1: float, r: float) -> str:
    return (
        f"M{x0 + r:.2f},{y0:.2f} L{x1 - r:.2f},{y0:.2f} "
        f"A{r:.2f},{r:.2f} 0 0 1 {x1:.2f},{y0 + r:.2f} "
        f"L{x1:.2f},{y1 - r:.2f} A{r:.2f},{r:.2f} 0 0 1 {x1 - r:.2f},{y1:.2f} "
        f"L{x0 + r:.2f},{y1:.2f} A{r:.2f},{r:.2f} 0 0 1 {x0:.2f},{y1 - r:.2f} "
        f"L{x0:.2f},{y0 + r:.2f} A{r:.2f},{r:.2f} 0 0 1 {x0 + r:.2f},{y0:.2f} Z"
    )


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def details(view: str) -> list[str]:
    """Anatomical detail strokes (both halves) as path data."""
    fig = FIG[view]
    ds = []

    def both(pts: Any, corners: Iterable[int] = ()) -> None:
        for half in ("L", "R"):
            ds.append(open_bez_d(pts, view, half, corners))

    if view == "front":
        # face: eyes, brows, nose, mouth (minimal)
        both(
            [(6.2, 104.2), (11.6, 101.6), (17.2, 104.0), (11.6, 105.9), (6.2, 104.2)],
            corners=(0, 4),
        )
        both([(5, 97.5), (12, 95.2), (19, 97.2)])
        ds.append(
            open_bez_d([(-3.5, 118), (-4.5, 124), (0, 126.5), (4.5, 124), (3.5, 118)], view, "R")
        )
        ds.append(open_bez_d([(-7, 137.5), (0, 139.5), (7, 137.5)], view, "R"))
        # clavicles, sternal notch
        both([(4, 192), (20, 196), (40, 199), (62, 203)])
        # pectoral lower line / nipples
        both([(8, 270), (26, 275), (42, 272), (58, 258)])
        # navel
        ds.append(
            open_bez_d(
                [(-2.2, 346.5), (0, 344.2), (2.2, 346.5), (0, 349.6), (-2.2, 346.5)], view, "R"
            )
        )
        # inguinal crease
        both([(58.5, 388.5), (45, 402), (31, 417), (17, 433), (8, 443)])
        # genital hint (neutral): small curve above the crotch
        ds.append(open_bez_d([(-9, 437), (0, 446), (9, 437)], view, "R"))
        # elbow crease, wrist crease, palm crease, finger separations
        _l, _h, _m, ax = arm_points()
        E = ax["E"]
        n2 = np.array([math.cos(ax["a2"]), -math.sin(ax["a2"])])
        both([tuple(E + n2 * 8 + [0, 2]), tuple(np.add(E, [0, 4])), tuple(E - n2 * 7 + [0, 2])])
        # knees: patella outline, malleoli, toe separations
        both(
            [
                (33, 584),
                (41, 579),
                (49, 584),
                (50.5, 597),
                (45, 610),
                (37, 610),
                (31.5, 597),
                (33, 584),
            ]
        )
        both([(30, 640), (40, 636), (50, 640)])
        both([(52.5, 773), (56, 779.5), (52.5, 785)])
        both([(26.5, 773), (23.5, 779), (26.5, 785)])
    else:
        # spine line and scapulae
        ds.append(open_bez_d([(0, 190), (0, 300), (0, 400)], view, "R"))
        both([(22.5, 214), (24.5, 240), (29, 268)])
        both([(24, 224), (40, 219), (57, 214)])
        # iliac crest / PSIS dimples, sacrum triangle
        both([(56, 366.5), (48, 366.8), (34, 370.5), (25, 375)])
        ds.append(
            open_bez_d(
                [
                    (-19.5, 379),
                    (-14, 391),
                    (-7.5, 401.5),
                    (0, 408),
                    (7.5, 401.5),
                    (14, 391),
                    (19.5, 379),
                ],
                view,
                "R",
                corners=(3,),
            )
        )
        # gluteal cleft and folds
        ds.append(open_bez_d([(0, 408), (0, 448)], view, "R"))
        both([(2.5, 458), (9, 467.5), (22, 473.2), (38, 472.4), (51, 465.5), (58.5, 456)])
        # elbow (olecranon), popliteal crease, calf, Achilles, heel
        _l, _h, _m, ax = arm_points()
        E = ax["E"]
        both([tuple(np.add(E, [-4, 2])), tuple(np.add(E, [0, 5])), tuple(np.add(E, [4, 2]))])
        both([(28, 606), (41, 609), (54, 606)])
        both([(33, 700), (36, 740), (36.5, 782)])
        both([(44.5, 700), (41.5, 740), (41.5, 782)])
        both([(52.5, 773), (56, 779.5), (52.5, 785)])
        both([(26.5, 773), (23.5, 779), (26.5, 785)])
    # finger separations (both views), thumb crease
    sp, nm = fig.spline, fig.names
    _l, _h, _m, ax = arm_points()
    d3 = np.array([math.sin(ax["a3"]), math.cos(ax["a3"])])
    for k in range(3):
        q = sp.p[nm[f"fnotch{k}"]]
        both([tuple(q), tuple(q - d3 * 18)])
    if view == "front":
        for k in range(4):
            q = sp.p[nm[f"tnotch{k}"]]
            both([tuple(q), tuple(q + np.array([-0.6, -7.5]))])
    return ds


def sole_details() -> list[str]:
    fig = FIG["back"]
    sp, nm = fig.sole_spline, fig.sole_names
    ds = []
    for k in range(4):
        q = sp.p[nm[f"snotch{k}"]]
        for half in ("L", "R"):
            ds.append(open_bez_d(SOLE_T([q, q + np.array([0.4, -7])]), "back", half))
    # toe pads crease and heel pad
    for half in ("L", "R"):
        ds.append(open_bez_d(SOLE_T([(28, 961), (45, 956), (66, 945)]), "back", half))
        ds.append(open_bez_d(SOLE_T([(39, 893), (49.5, 897), (60, 893)]), "back", half))
    return ds


def foot_inset_details() -> list[str]:
    """Toe separations and malleoli of the enlarged front foot."""
    sp, nm = FIG["front"].spline, FIG["front"].names
    strokes = [[sp.p[nm[f"tnotch{k}"]], sp.p[nm[f"tnotch{k}"]] + [-0.6, -7.5]] for k in range(4)]
    strokes += [[(52.5, 773), (56, 779.5), (52.5, 785)], [(26.5, 773), (23.5, 779), (26.5, 785)]]
    return [open_bez_d(FOOT_T(pts), "front", half) for pts in strokes for half in ("L", "R")]


# label anchors (view, hw, y) for the viewer-left half; side decided per view
LABEL_ANCHORS = {
    "C2": ("back", 14, 120),
    "C3": ("front", 10, 181),
    "C4": ("front", 36, 208),
    "C5": ("front", "arm", 0.3, 0.3),
    "C6": ("front", "arm", 0.28, 0.8),
    "C7": ("back", "arm", 0.46, 0.8),
    "C8": ("front", "arm", 0.72, 0.9),
    "T1": ("front", "arm", 0.74, 0.44),
    "T2": ("front", 66, 236),
    "T3": ("front", 16, 251),
    "T4": ("front", 16, 265),
    "T5": ("front", 16, 281),
    "T6": ("front", 16, 296),
    "T7": ("front", 16, 310),
    "T8": ("front", 16, 323),
    "T9": ("front", 16, 336),
    "T10": ("front", 16, 355),
    "T11": ("front", 18, 374),
    "T12": ("front", 34, 396),
    "L1": ("front", 18, 472),
    "L2": ("front", 48, 486),
    "L3": ("front", 42, 566),
    "L4": ("front", 27, 700),
    "L5": ("front", 50, 700),
    "S1": ("back", "leg", 0.5, "y740"),
    "S2": ("back", 38, 540),
    "S3": ("back", 11.5, 409.5),
    "S4": ("back", 9.5, 425),
    "S5": ("back", 7.5, 450.5),
}


def label_xy(root: str) -> tuple[str, float, float]:
    """Anchor of a dermatome label in (view, hw, y)."""
    spec: Any = LABEL_ANCHORS[root]
    if isinstance(spec[1], str):
        view, patch, u, v = spec
        P = FIG[view].patches[patch]
        if isinstance(v, str):
            v = float(P.v_of_y(float(v[1:])))
        hw, y = P.map(np.array([[u, v]]))[0]
        return view, float(hw), float(y)
    view_hw_y: tuple[str, float, float] = spec
    return view_hw_y


def inset_label_anchors() -> list[tuple[str, str, float, float]]:
    """(root, view, hw, y) of the dermatome names on the enlarged feet (viewer-left half),
    from ``[insets] labels``: a patch point (u, v) of the original foot or sole."""
    out = []
    for root, view, patch, u, v in BD["insets"]["labels"]:
        u = _nerve_u(u)
        pt = FIG[view].patches[patch].map(np.array([[u, v]]))
        hw, y = (FOOT_T(pt) if view == "front" else SOLE_T(pt))[0]
        out.append((root, view, float(hw), float(y)))
    return out


# key sensory points (view, hw, y)
def _hand_point(f: float, off: float) -> tuple[float, float]:
    _l, _h, _m, ax = arm_points()
    d = np.array([math.sin(ax["a3"]), math.cos(ax["a3"])])
    n = np.array([math.cos(ax["a3"]), -math.sin(ax["a3"])])
    p = ax["W"] + d * ax["hand_len"] * f + n * off
    return float(p[0]), float(p[1])


def _key_points() -> dict[str, tuple[str, float, float]]:
    """(view, hw, y) of each key sensory point (body_map_boundaries.toml [key_points])."""
    out = {}
    for root, spec in BD["key_points"]["points"].items():
        if "hand" in spec:
            out[root] = (spec["view"], *_hand_point(*spec["hand"]))
        else:
            out[root] = (spec["view"], spec["hw"], spec["y"])
    return out


KSP = _key_points()


def build() -> tuple[Layer, Layer, Layer, Layer]:
    derm: Layer = {}
    zones: Layer = {}
    lee: Layer = {}
    limbs: Layer = {}
    for view in ("front", "back"):
        build_trunk(view, derm, zones, lee)
        build_arm(view, derm, lee)
    leg_front(derm, zones, lee)
    leg_back(derm, zones, lee)
    build_limb_masks(limbs)
    build_lee_trunk(lee)
    for layer in (derm, zones, lee, limbs):
        apply_insets(layer)
    return derm, zones, lee, limbs


def svg_text() -> str:
    derm, zones, lee, limbs = build()
    out: list[str] = []
    a = out.append
    a('<?xml version="1.0" encoding="UTF-8"?>')
    a(
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {W} {H_VIEW}" '
        f'width="{W}" height="{H_VIEW}">'
    )
    # silhouette ---------------------------------------------------------
    a('<g id="silhouette">')
    ds = []
    for view in ("front", "back"):
        ds.append(bez_d(FIG[view].spline, view, "L"))
    sole = types.SimpleNamespace(segs=sole_inset_segs())
    foot = foot_inset_outline()
    for half in ("L", "R"):
        ds.append(bez_d(sole, "back", half))
        ds.append(poly_d(to_x("front", half, foot), eps=0.02))
    frames = []
    for view, h0, y0, h1, y1 in inset_frames():
        for half in ("L", "R"):
            xs = to_x(view, half, np.array([[h0, y0], [h1, y1]]))[:, 0]
            frames.append(rounded_rect_d(xs.min(), y0, xs.max(), y1, 8.0))
    a(
        f'<path fill="#faf6f2" fill-rule="nonzero" stroke="#d9cbc0" stroke-width="1" '
        f'd="{" ".join(frames)}"/>'
    )
    a(
        f'<path id="silhouette:body" fill="{SKIN}" fill-rule="nonzero" stroke="{OUTLINE}" '
        f'stroke-width="1.3" stroke-linejoin="round" d="{" ".join(ds)}"/>'
    )
    dd = []
    for view in ("front", "back"):
        dd += details(view)
    dd += sole_details()
    dd += foot_inset_details()
    a(
        f'<path fill="none" fill-rule="nonzero" stroke="{DETAIL}" '
        f'stroke-width="0.9" stroke-linecap="round" d="{" ".join(dd)}"/>'
    )
    a("</g>")
    # limbs ----------------------------------------------------------------
    a('<g id="limbs" opacity="0">')
    for side in ("left", "right"):
        a(
            f'<path id="limb:lower:{side}" fill="#000000" fill-opacity="0" fill-rule="nonzero" '
            f'stroke="none" d="{pieces_d(limbs["lower"], side)}"/>'
        )
    a("</g>")
    # dermatomes classic ------------------------------------------------------
    a('<g id="dermatomes_classic">')
    for root in ROOTS:
        if root not in derm:
            continue
        for side in ("left", "right"):
            a(
                f'<path id="derm:{root}:{side}" fill="{COLOURS[root]}" fill-opacity="0.55" '
                f'fill-rule="nonzero" stroke="none" d="{pieces_d(derm[root], side)}"/>'
            )
    a("</g>")
    # Lee 2008 -------------------------------------------------------------
    a('<g id="dermatomes_lee2008">')
    for root in ROOTS:
        if root not in lee:
            continue
        for side in ("left", "right"):
            a(
                f'<path id="dermlee:{root}:{side}" fill="{COLOURS[root]}" fill-opacity="0.42" '
                f'fill-rule="nonzero" stroke="none" d="{pieces_d(lee[root], side)}"/>'
            )
    a("</g>")
    # zones ------------------------------------------------------------------
    a('<g id="zones">')
    for z in ZONES:
        if z in ("sacrum", "saddle"):
            d = pieces_d(zones[z], "left") + " " + pieces_d(zones[z], "right")
            a(
                f'<path id="zone:{z}:midline" fill="#000000" fill-opacity="0" fill-rule="nonzero" '
                f'stroke="#b0b0b0" stroke-width="0.6" d="{d}"/>'
            )
        else:
            for side in ("left", "right"):
                a(
                    f'<path id="zone:{z}:{side}" fill="#000000" fill-opacity="0" '
                    f'fill-rule="nonzero" stroke="#b0b0b0" stroke-width="0.6" '
                    f'd="{pieces_d(zones[z], side)}"/>'
                )
    a("</g>")
    # peripheral nerves (hidden; the app shows one at a time) ------------------------
    a('<g id="nerves" opacity="0">')
    for name, parts in build_nerves().items():
        for side in ("left", "right"):
            a(f'<g id="nerve:{name}:{side}">')
            if parts["territory"]:
                a(
                    f'<path id="nerve:{name}:{side}:territory" fill="{NERVE_TERRITORY}" '
                    f'fill-opacity="0.45" fill-rule="nonzero" stroke="none" '
                    f'd="{pieces_d(parts["territory"], side)}"/>'
                )
            a(
                f'<path id="nerve:{name}:{side}:course" fill="{NERVE_COURSE}" '
                f'fill-rule="nonzero" stroke="none" d="{pieces_d(parts["course"], side)}"/>'
            )
            a("</g>")
    a("</g>")
    # key points -----------------------------------------------------------------
    a('<g id="key_points">')
    for root, (view, hw, y) in KSP.items():
        for side in ("left", "right"):
            half = "L" if LEFT_HALF_SIDE[view] == side else "R"
            x = CENTER[view] - hw if half == "L" else CENTER[view] + hw
            a(
                f'<circle id="ksp:{root}:{side}" cx="{x:.2f}" cy="{y:.2f}" r="4" fill="#ffffff" '
                f'stroke="#222222" stroke-width="1.2"/>'
            )
    a("</g>")
    # labels --------------------------------------------------------------------
    font = 'font-family="DejaVu Sans"'
    a('<g id="labels">')
    for view, title in (("front", "Front"), ("back", "Back")):
        a(
            f'<text id="label:title:{view}" x="{CENTER[view]:.0f}" y="34" {font} font-size="22" '
            f'font-weight="bold" fill="#333333" text-anchor="middle">{title}</text>'
        )
    sub = {"front": "(facing you)", "back": "(seen from behind)"}
    for view in ("front", "back"):
        a(
            f'<text id="label:subtitle:{view}" x="{CENTER[view]:.0f}" y="52" {font} font-size="12" '
            f'fill="#666666" text-anchor="middle">{sub[view]}</text>'
        )
    for view in ("front", "back"):
        for half in ("L", "R"):
            side = LEFT_HALF_SIDE[view] if half == "L" else OTHER[LEFT_HALF_SIDE[view]]
            # at the bottom, under each half and its enlarged foot
            x = CENTER[view] - 150 if half == "L" else CENTER[view] + 150
            y = 950
            anchor = "middle"
            arrow = f"\u2190 Patient's {side}" if half == "L" else f"Patient's {side} \u2192"
            a(
                f'<text id="label:side:{view}:{side}" x="{x:.1f}" y="{y}" {font} font-size="13" '
                f'fill="#333333" text-anchor="{anchor}">{esc(arrow)}</text>'
            )
    words = {"front": ("foot", "from the front"), "back": ("sole", "from below, heel up")}
    for view, h0, y0, h1, _y1 in inset_frames():
        for half in ("L", "R"):
            side = LEFT_HALF_SIDE[view] if half == "L" else OTHER[LEFT_HALF_SIDE[view]]
            x = float(to_x(view, half, np.array([[(h0 + h1) / 2, y0]]))[0, 0])
            what, how = words[view]
            a(
                f'<text id="label:inset:{view}:{side}" x="{x:.1f}" y="{y0 - 19:.1f}" {font} '
                f'font-size="13" font-weight="bold" fill="#333333" text-anchor="middle">'
                f"{side.capitalize()} {what}, enlarged</text>"
            )
            a(
                f'<text id="label:inset:{view}:{side}:note" x="{x:.1f}" y="{y0 - 5:.1f}" '
                f'{font} font-size="11" fill="#666666" text-anchor="middle">{how}</text>'
            )
    a("</g>")
    # dermatome labels -------------------------------------------------------------
    a('<g id="labels_dermatomes">')
    for root in ROOTS:
        if root not in LABEL_ANCHORS:
            continue
        view, hw, y = label_xy(root)
        for side in ("left", "right"):
            half = "L" if LEFT_HALF_SIDE[view] == side else "R"
            x = CENTER[view] - hw if half == "L" else CENTER[view] + hw
            wdt = 6.4 * len(root) + 3.0
            a(
                f'<path fill="#ffffff" fill-opacity="0.72" fill-rule="nonzero" stroke="none" '
                f'd="{pill_d(x - wdt / 2, y - 6.0, wdt, 12.0)}"/>'
            )
            a(
                f'<text id="dlabel:{root}:{side}" x="{x:.2f}" y="{y + 3.6:.2f}" {font} '
                'font-size="10" '
                f'font-weight="bold" fill="#1a1a1a" text-anchor="middle">{root}</text>'
            )
    # the enlarged feet repeat their dermatomes' names (no ids: one dlabel per root)
    for root, view, hw, y in inset_label_anchors():
        for half in ("L", "R"):
            x = CENTER[view] - hw if half == "L" else CENTER[view] + hw
            wdt = 6.4 * len(root) + 3.0
            a(
                f'<path fill="#ffffff" fill-opacity="0.72" fill-rule="nonzero" stroke="none" '
                f'd="{pill_d(x - wdt / 2, y - 6.0, wdt, 12.0)}"/>'
            )
            a(
                f'<text x="{x:.2f}" y="{y + 3.6:.2f}" {font} font-size="10" font-weight="bold" '
                f'fill="#1a1a1a" text-anchor="middle">{root}</text>'
            )
    a("</g>")
    a("</svg>")
    return "\n".join(out) + "\n"


ZONES = list(vocab.ZONES)


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(svg_text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT_DIR)} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
