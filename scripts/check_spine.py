#!/usr/bin/env python3
"""Check ``assets/svg/spine.svg`` against its contract (build check; numpy + svgelements).

Verifies the SVG profile (elements, attributes, fonts), that every id the app relies on
exists exactly once, the anatomy mapping (each root's traversing segment lies in the
paracentral lesion zone of the disc it crosses, its foramen segment in the foraminal
zone of its exit level and inside its foramen), that the zones separate traversing from
exiting roots, tube thickness, and the exact left/right mirror symmetry.

Run ``python scripts/check_spine.py [path/to/spine.svg]``; exit status 1 on failure.
Optionally (when PySide6 is importable) also asks QSvgRenderer for every id.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path as FsPath

import numpy as np
from svgelements import SVG, Path

SVG_PATH = FsPath(__file__).resolve().parent.parent / "assets" / "svg" / "spine.svg"
NS = "{http://www.w3.org/2000/svg}"
CX, AX = 300.0, 810.0
SIDES = ("left", "right")
ROOTS = ("L1", "L2", "L3", "L4", "L5", "S1")
VERTS = ("T12", "L1", "L2", "L3", "L4", "L5")
DISCS = ("T12-L1", "L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1")
LEVELS = DISCS[1:]
SEGMENTS = ("sac", "traversing", "foramen", "extraforaminal")
ZONES = ("central", "paracentral", "foraminal", "extraforaminal")
# root -> disc it traverses; root -> level (foramen) where it exits
TRAVERSES = dict(zip(ROOTS, DISCS, strict=True))
EXITS = {"L1": "L1-L2", "L2": "L2-L3", "L3": "L3-L4", "L4": "L4-L5", "L5": "L5-S1", "S1": "S1"}
RES = 0.25  # raster resolution (SVG units per pixel) for area tests

failures: list[str] = []


def check(cond: bool, msg: str) -> None:
    if not cond:
        failures.append(msg)


def required_ids() -> dict[str, str]:
    """Id -> expected top-level group."""
    ids: dict[str, str] = {}
    for v in (*VERTS, "sacrum"):
        ids[f"vert:{v}"] = "coronal"
    for v in (*VERTS, "S1"):
        for s in SIDES:
            ids[f"pedicle:{v}:{s}"] = "coronal"
    for d in DISCS:
        ids[f"disc:{d}"] = "coronal"
    for lv in (*LEVELS, "S1"):
        for s in SIDES:
            ids[f"foramen:{lv}:{s}"] = "coronal"
    ids["sac"] = ids["cauda"] = "coronal"
    for r in ROOTS:
        for s in SIDES:
            for seg in SEGMENTS:
                ids[f"root:{r}:{s}:{seg}"] = "coronal"
    for lv in LEVELS:
        ids[f"lesion:{lv}:central"] = "lesion_zones"
        for z in ZONES[1:]:
            for s in SIDES:
                ids[f"lesion:{lv}:{z}:{s}"] = "lesion_zones"
    for name in (
        "disc",
        "nucleus",
        "sac",
        "cauda",
        "lamina",
        "spinous_process",
        "zone:central",
        "level_label",
    ):
        ids[f"axial:{name}"] = "axial"
    for s in SIDES:
        for name in (
            "root:traversing",
            "root:exiting",
            "facet",
            "zone:paracentral",
            "zone:foraminal",
            "zone:extraforaminal",
        ):
            ids[f"axial:{name}:{s}"] = "axial"
    for v in (*VERTS, "sacrum"):
        ids[f"label:vert:{v}"] = "labels"
    for d in DISCS:
        ids[f"label:disc:{d}"] = "labels"
    return ids


# ------------------------------------------------------------------ XML profile
def check_profile(root: ET.Element) -> dict[str, str]:
    """Check elements/attributes; return id -> top-level group."""
    check(root.get("viewBox") == "0 0 1000 900", "viewBox must be '0 0 1000 900'")
    check(root.get("width") == "1000" and root.get("height") == "900", "width/height 1000x900")
    allowed = {"g", "path", "circle", "ellipse", "text"}
    banned_attrs = {"transform", "style", "class", "clip-path", "mask", "filter"}
    tops = [c.get("id") for c in root if c.tag == NS + "g"]
    check(
        tops == ["coronal", "axial", "lesion_zones", "labels"],
        f"top-level groups/order wrong: {tops}",
    )
    counts: dict[str, int] = {}
    group_of: dict[str, str] = {}
    for top in root:
        if top.tag != NS + "g":
            check(False, f"unexpected top-level element {top.tag}")
            continue
        for el in top.iter():
            tag = el.tag.replace(NS, "")
            check(tag in allowed, f"element <{tag}> not allowed")
            bad = banned_attrs & set(el.attrib)
            check(not bad, f"{el.get('id') or tag}: attributes {bad} not allowed")
            if tag == "path":
                check(el.get("fill-rule") == "nonzero", f"path {el.get('id')} lacks fill-rule")
            if tag == "text":
                check(el.get("font-family") == "DejaVu Sans", f"text {el.get('id')} font")
                check(float(el.get("font-size", "0")) >= 11, f"text {el.get('id')} < 11px")
            i = el.get("id")
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
                group_of[i] = top.get("id") or ""
    for i, n in counts.items():
        check(n == 1, f"id {i!r} used {n} times")
    for i, g in required_ids().items():
        check(counts.get(i) == 1, f"missing id {i!r}")
        if i in group_of:
            check(group_of[i] == g, f"{i} should be in group {g}, is in {group_of[i]}")
    for top in root:
        if top.get("id") == "lesion_zones":
            for el in top.iter(NS + "path"):
                check(
                    el.get("fill-opacity") == "0" and el.get("stroke") in (None, "none"),
                    f"{el.get('id')}: lesion zones must be transparent, no stroke",
                )
    label = root.find(f".//{NS}text[@id='axial:level_label']")
    check(
        label is not None and (label.text or "").strip() == "L4-L5",
        "axial:level_label must read 'L4-L5'",
    )
    return group_of


# ------------------------------------------------------------------ geometry
def polygons(el: Path, n_per_unit: float = 1.5) -> list[np.ndarray]:
    polys = []
    for sub in el.as_subpaths():
        sp = Path(sub)
        length = sp.length(error=1e-3)
        n = max(24, int(length * n_per_unit))
        pts = np.asarray(sp.npoint(np.linspace(0, 1, n)), dtype=float)
        polys.append(pts)
    return polys


def bbox(polys: list[np.ndarray]) -> tuple[float, float, float, float]:
    allp = np.vstack(polys)
    return allp[:, 0].min(), allp[:, 1].min(), allp[:, 0].max(), allp[:, 1].max()


def raster(polys: list[np.ndarray], box: tuple[float, float, float, float]) -> np.ndarray:
    """Nonzero-winding scanline fill of polys on the grid of box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    xs = np.arange(x0, x1, RES) + RES / 2
    ys = np.arange(y0, y1, RES) + RES / 2
    out = np.zeros((len(ys), len(xs)), dtype=bool)
    a = np.vstack(polys)
    b = np.vstack([np.roll(p, -1, axis=0) for p in polys])
    keep = a[:, 1] != b[:, 1]
    a, b = a[keep], b[keep]
    yc = ys[:, None]
    up = (a[:, 1] <= yc) & (b[:, 1] > yc)
    down = (b[:, 1] <= yc) & (a[:, 1] > yc)
    t = (yc - a[:, 1]) / (b[:, 1] - a[:, 1])
    xi = a[:, 0] + t * (b[:, 0] - a[:, 0])
    for r in range(len(ys)):
        hit = up[r] | down[r]
        if not hit.any():
            continue
        order = np.argsort(xi[r, hit], kind="stable")
        xc = xi[r, hit][order]
        wind = np.cumsum(np.where(up[r, hit], 1, -1)[order])
        for k in np.nonzero(wind[:-1] != 0)[0]:
            out[r, (xs >= xc[k]) & (xs < xc[k + 1])] = True
    return out


def union_box(
    *boxes: tuple[float, float, float, float], pad: float = 2.0
) -> tuple[float, float, float, float]:
    return (
        min(b[0] for b in boxes) - pad,
        min(b[1] for b in boxes) - pad,
        max(b[2] for b in boxes) + pad,
        max(b[3] for b in boxes) + pad,
    )


def areas(id_a: str, id_b: str) -> tuple[float, float, float]:
    """Area of a, area of b, area of a & b (square SVG units)."""
    pa, pb = polygons_cache[id_a], polygons_cache[id_b]
    box = union_box(bbox(pa), bbox(pb))
    ma, mb = raster(pa, box), raster(pb, box)
    k = RES * RES
    return ma.sum() * k, mb.sum() * k, (ma & mb).sum() * k


def thickness_loss(id_: str, width: float = 6.0) -> float:
    """Area (square units) lost by a morphological opening with a disc of diameter width.

    A tube at least width thick loses only its four end corners (about 4 x 0.21 r^2)."""
    polys = polygons_cache[id_]
    box = union_box(bbox(polys), pad=width)
    m = raster(polys, box)
    r = round(width / 2 / RES) - 1
    offs = [
        (dy, dx) for dy in range(-r, r + 1) for dx in range(-r, r + 1) if dx * dx + dy * dy <= r * r
    ]

    def shift(a: np.ndarray, dy: int, dx: int) -> np.ndarray:
        out = np.zeros_like(a)
        h, w = a.shape
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = a[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
        return out

    eroded = np.ones_like(m)
    for dy, dx in offs:
        eroded &= shift(m, dy, dx)
    opened = np.zeros_like(m)
    for dy, dx in offs:
        opened |= shift(eroded, dy, dx)
    return float((m & ~opened).sum() * RES * RES)


def _seg_dist(pts: np.ndarray, polys: list[np.ndarray]) -> np.ndarray:
    """Distance from each point to the nearest edge of the closed polygons."""
    a = np.vstack(polys)
    b = np.vstack([np.roll(p, -1, axis=0) for p in polys])
    best = np.full(len(pts), np.inf)
    for k in range(0, len(pts), 256):
        p = pts[k : k + 256, None, :]
        ab = b - a
        t = np.clip(((p - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12), 0, 1)
        proj = a + t[..., None] * ab
        best[k : k + 256] = np.sqrt(((p - proj) ** 2).sum(-1)).min(1)
    return best


def mirror_error(polys: list[np.ndarray], other: list[np.ndarray], axis: float) -> float:
    """Symmetric Hausdorff distance between the mirror image of polys and other."""
    mir = [np.c_[2 * axis - p[:, 0], p[:, 1]] for p in polys]

    def thin(ps: list[np.ndarray]) -> np.ndarray:
        allp = np.vstack(ps)
        return allp[:: max(1, len(allp) // 800)]

    return float(max(_seg_dist(thin(mir), other).max(), _seg_dist(thin(other), mir).max()))


polygons_cache: dict[str, list[np.ndarray]] = {}


CAUSES = (
    "disc_herniation",
    "degenerative_disc_disease",
    "spinal_stenosis",
    "foraminal_stenosis",
    "lateral_recess_stenosis",
    "spondylolisthesis",
    "facet_arthropathy",
)
SAG_VERTS = ("L1", "L2", "L3", "L4", "L5")


def _cmds(d: str) -> list[tuple[str, int]]:
    """Command letters of a path and how many numbers each has (to compare shapes)."""
    import re

    out: list[tuple[str, int]] = []
    for m in re.finditer(r"([MLCZ])([^MLCZ]*)", d):
        out.append((m.group(1), len(m.group(2).split())))
    return out


def _box(d: str) -> tuple[float, float, float, float]:
    import re

    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = nums[0::2], nums[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def check_sagittal(svg_file: FsPath) -> int:
    """The side view and the mechanisms (``spine_sagittal.svg``): groups, ids, the
    front on the viewer's left, each root in its foramen, fonts, and for every cause a
    healthy and an affected shape with the same commands at every level."""
    root = ET.parse(svg_file).getroot()
    tops = [g.get("id") for g in root if g.tag == f"{NS}g"]
    check(tops == ["sagittal", "axial", "mechanisms", "labels"], f"sagittal groups: {tops}")
    paths = {el.get("id"): el.get("d", "") for el in root.iter(f"{NS}path") if el.get("id")}
    levels = LEVELS
    need = ["sagittal:canal", "sagittal:sacrum", "sagittal:arch:S1", "sagittal:pedicle:S1"]
    for v in SAG_VERTS:
        need += [f"sagittal:vert:{v}", f"sagittal:arch:{v}", f"sagittal:pedicle:{v}"]
        need.append(f"sagittal:root:{v}")
    for lv in levels:
        need += [f"sagittal:{k}:{lv}" for k in ("disc", "nucleus", "foramen", "facet", "flavum")]
    for i in need:
        check(i in paths, f"sagittal: missing {i}")
    texts = {el.get("id"): el for el in root.iter(f"{NS}text") if el.get("id")}
    for i in ["label:title:sagittal", "label:orient:sagittal:front", "label:orient:sagittal:back"]:
        check(i in texts, f"sagittal: missing {i}")
    for v in (*SAG_VERTS, "S1"):
        check(f"label:sagittal:vert:{v}" in texts, f"sagittal: no level label for {v}")
    for el in root.iter(f"{NS}text"):
        size = float(el.get("font-size", "0"))
        check(size >= 11, f"sagittal: text {el.text!r} is {size} units (< 11)")
        check(el.get("font-family") == "DejaVu Sans", f"sagittal: font of {el.text!r}")
    if all(i in paths for i in need):
        for v in SAG_VERTS:
            body, arch = _box(paths[f"sagittal:vert:{v}"]), _box(paths[f"sagittal:arch:{v}"])
            check(body[0] < arch[0], f"sagittal: {v} body must be in front (left) of its arch")
        for lv in levels:
            up = lv.split("-")[0]
            r, f = _box(paths[f"sagittal:root:{up}"]), _box(paths[f"sagittal:foramen:{lv}"])
            inside = r[0] < f[2] and f[0] < r[2] and r[1] < f[3] and f[1] < r[3]
            check(inside, f"sagittal: root {up} does not pass through foramen {lv}")
    groups = {g.get("id"): g for g in root.iter(f"{NS}g")}
    n_parts = 0
    for cause in CAUSES:
        top = groups.get(f"mechanism:{cause}")
        check(top is not None, f"mechanism:{cause} missing")
        if top is None:
            continue
        check(top.get("opacity") == "0", f"mechanism:{cause} must be hidden (opacity 0)")
        places = {g.get("id", "").removeprefix(f"mechanism:{cause}:") for g in top}
        for lv in levels:
            check(f"sagittal:{lv}" in places, f"mechanism:{cause} not drawn at {lv}")
        for g in top:
            ends: dict[str, dict[str, str]] = {}
            for el in g:
                stem, _, end = el.get("id", "").rpartition(".")
                ends.setdefault(stem, {})[end] = el.get("d", "")
            changed = False
            for stem, pair in ends.items():
                n_parts += 1
                ok = set(pair) == {"from", "to"}
                check(ok, f"{stem}: needs a .from and a .to shape")
                if ok:
                    check(_cmds(pair["from"]) == _cmds(pair["to"]), f"{stem}: shapes differ")
                    changed = changed or pair["from"] != pair["to"]
            check(changed, f"{g.get('id')}: nothing changes from healthy to affected")
    print(f"OK: {svg_file} ({len(need)} side-view ids, {n_parts} mechanism parts)")
    return 0


def main(argv: list[str]) -> int:
    svg_file = FsPath(argv[1]) if len(argv) > 1 else SVG_PATH
    sagittal = svg_file.with_name("spine_sagittal.svg")
    if sagittal.is_file():
        check_sagittal(sagittal)
    root = ET.parse(svg_file).getroot()
    group_of = check_profile(root)

    doc = SVG.parse(str(svg_file))
    for el in doc.elements():
        if isinstance(el, Path) and el.id:
            polygons_cache[el.id] = polygons(el)

    def have(*ids: str) -> bool:
        return all(i in polygons_cache for i in ids)

    # ---- views stay in their boxes; sides are where the conventions say
    for i, polys in polygons_cache.items():
        x0, y0, x1, y1 = bbox(polys)
        check(0 <= x0 and x1 <= 1000 and 0 <= y0 and y1 <= 900, f"{i} outside the canvas")
        if group_of.get(i) in ("coronal", "lesion_zones"):
            check(x1 <= 600, f"{i} leaves the coronal box (x1={x1:.1f})")
            if i.endswith(":left"):
                check(x1 <= CX, f"{i}: patient's left must be on the viewer's left (coronal)")
            if ":right" in i:
                check(x0 >= CX, f"{i}: patient's right must be on the viewer's right")
        if group_of.get(i) == "axial":
            check(x0 >= 620, f"{i} leaves the axial box (x0={x0:.1f})")
            if i.endswith(":left"):
                check(x0 >= AX, f"{i}: axial view is seen from the feet: left on viewer's right")
            if i.endswith(":right"):
                check(x1 <= AX, f"{i}: axial right must be on the viewer's left")
    for i in polygons_cache:
        if i.startswith("root:") and i.count(":") == 3:
            if ":left:" in i:
                check(bbox(polygons_cache[i])[2] <= CX, f"{i} on the wrong side")
            if ":right:" in i:
                check(bbox(polygons_cache[i])[0] >= CX, f"{i} on the wrong side")

    # ---- the anatomy mapping
    for s in SIDES:
        for r in ROOTS:
            segs = [f"root:{r}:{s}:{g}" for g in SEGMENTS]
            if not have(*segs):
                continue
            for seg in segs:
                lost = thickness_loss(seg)
                check(lost < 14, f"{seg}: thinner than 6 units somewhere ({lost:.1f} lost)")
            # order of the segments down the root
            ys = [bbox(polygons_cache[g])[1] for g in segs]
            check(ys == sorted(ys), f"root {r} {s}: segments not in top-down order")
            # traversing segment at the paracentral zone of the disc it crosses
            disc = TRAVERSES[r]
            if disc in LEVELS:
                zone = f"lesion:{disc}:paracentral:{s}"
                if have(zone):
                    a, _, both = areas(f"root:{r}:{s}:traversing", zone)
                    check(
                        both > 0.2 * a and both > 40,
                        f"{r} {s} traversing does not overlap {zone} ({both:.0f}/{a:.0f})",
                    )
                    for g in ("foramen", "extraforaminal"):
                        _, _, bad = areas(f"root:{r}:{s}:{g}", zone)
                        check(bad < 1, f"{zone} also hits {r} {g}")
                fz = f"lesion:{disc}:foraminal:{s}"
                if have(fz):
                    _, _, bad = areas(f"root:{r}:{s}:traversing", fz)
                    check(bad < 1, f"{fz} overlaps the traversing root {r} ({bad:.0f})")
            # foramen segment in its own foramen and in the foraminal zone of its level
            lv = EXITS[r]
            fid = f"foramen:{lv}:{s}"
            seg = f"root:{r}:{s}:foramen"
            if have(fid):
                a, _, both = areas(seg, fid)
                check(both >= 0.99 * a, f"{seg} not inside {fid} ({both:.0f}/{a:.0f})")
            if lv in LEVELS:
                zone = f"lesion:{lv}:foraminal:{s}"
                if have(zone):
                    a, _, both = areas(seg, zone)
                    check(both > 0.5 * a, f"{seg} does not overlap {zone} ({both:.0f}/{a:.0f})")
                    pz = f"lesion:{lv}:paracentral:{s}"
                    for g in SEGMENTS:
                        _, _, bad = areas(f"root:{r}:{s}:{g}", pz)
                        check(bad < 1, f"{pz} touches the exiting root {r} {g} ({bad:.0f})")
                ez = f"lesion:{lv}:extraforaminal:{s}"
                if have(ez):
                    _, _, both = areas(f"root:{r}:{s}:extraforaminal", ez)
                    check(both > 20, f"{ez} misses the exiting root {r} ({both:.0f})")
    for lv in LEVELS:
        z = f"lesion:{lv}:central"
        if have(z, "sac"):
            a, _, both = areas(z, "sac")
            check(both >= 0.99 * a, f"{z} not inside the sac")
        if have(z, f"disc:{lv}"):
            _, _, both = areas(z, f"disc:{lv}")
            check(both > 0, f"{z} not at the height of disc:{lv}")
        for s in SIDES:
            for zz in ZONES[1:]:
                zid = f"lesion:{lv}:{zz}:{s}"
                if have(zid, f"disc:{lv}"):
                    y0, y1 = bbox(polygons_cache[f"disc:{lv}"])[1::2]
                    zy0, zy1 = bbox(polygons_cache[zid])[1::2]
                    check(zy0 <= y1 and zy1 >= y0, f"{zid} not at the height of its disc")
    # lesion zones do not overlap each other (a click picks one level and zone)
    zone_ids = [i for i in polygons_cache if group_of.get(i) == "lesion_zones"]
    boxes = {i: bbox(polygons_cache[i]) for i in zone_ids}
    for k, i in enumerate(zone_ids):
        for j in zone_ids[k + 1 :]:
            bi, bj = boxes[i], boxes[j]
            if bi[0] < bj[2] and bj[0] < bi[2] and bi[1] < bj[3] and bj[1] < bi[3]:
                _, _, both = areas(i, j)
                check(both < 1, f"lesion zones {i} and {j} overlap ({both:.1f})")
    # axial: roots inside their zones
    for s in SIDES:
        for root_id, zone in (
            (f"axial:root:traversing:{s}", f"axial:zone:paracentral:{s}"),
            (f"axial:root:exiting:{s}", f"axial:zone:foraminal:{s}"),
        ):
            if have(root_id, zone):
                a, _, both = areas(root_id, zone)
                check(both >= 0.95 * a, f"{root_id} not inside {zone}")
    if have("axial:zone:central", "axial:sac"):
        _, _, both = areas("axial:zone:central", "axial:sac")
        check(both > 0, "axial central zone does not reach the sac")

    # ---- mirror symmetry
    for i, polys in polygons_cache.items():
        axis = AX if group_of.get(i) == "axial" else CX
        if i.endswith(":left") or ":left:" in i:
            j = i.replace(":left", ":right")
            if j not in polygons_cache:
                check(False, f"{i} has no right counterpart")
                continue
            h = mirror_error(polys, polygons_cache[j], axis)
            check(h < 0.1, f"{i} / {j} not mirror images (Hausdorff {h:.2f})")
        elif ":right" not in i:
            bx = bbox(polys)
            if abs((bx[0] + bx[2]) / 2 - axis) < 0.05:
                h = mirror_error(polys, polys, axis)
                check(h < 0.1, f"{i} not symmetric about x={axis:g} (Hausdorff {h:.2f})")

    # ---- the renderer the app uses sees every id
    if os.environ.get("SPINE_SKIP_QT") != "1":
        try:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from PySide6.QtCore import QByteArray
            from PySide6.QtGui import QGuiApplication
            from PySide6.QtSvg import QSvgRenderer
        except ImportError:
            print("note: PySide6 not importable, QSvgRenderer check skipped")
        else:
            _app = QGuiApplication.instance() or QGuiApplication([])
            rend = QSvgRenderer(QByteArray(svg_file.read_bytes()))
            check(rend.isValid(), "QSvgRenderer cannot load the file")
            for i in required_ids():
                ok = rend.elementExists(i) and not rend.boundsOnElement(i).isEmpty()
                check(ok, f"QSvgRenderer does not find {i}")

    n = len(required_ids())
    if failures:
        print(f"FAILED: {len(failures)} problem(s)")
        for f in failures:
            print("  -", f)
        return 1
    print(f"OK: {svg_file} ({n} required ids, {len(polygons_cache)} path ids checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
