#!/usr/bin/env python3
"""Check ``assets/svg/body_map.svg`` (ids, tiling, coverage, key points, mirroring).

Throw-away developer check for the generated body map; needs svgelements and numpy
(rasterises with its own numpy non-zero-winding scan converter, no Qt).  Exit status 1
when a check fails.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import svgelements as se

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from radviz.anatomy import vocab

SVG = Path(__file__).resolve().parent.parent / "assets" / "svg" / "body_map.svg"
SCALE = 2.0
ROOTS = (
    ["C2", "C3", "C4", "C5", "C6", "C7", "C8"]
    + [f"T{i}" for i in range(1, 13)]
    + ["L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4", "S5"]
)
KSP_ROOTS = [r for r in ROOTS if r not in ("S4", "S5")] + ["S4_5"]
ZONES = [z for z in vocab.ZONES if z not in vocab.MIDLINE_ZONES]  # sided zones
KSP_ZONE = {
    "L1": "inguinal",
    "L2": "thigh_anterior_upper",
    "L3": "knee_medial",
    "L4": "ankle_medial",
    "L5": "foot_dorsum",
    "S1": "heel",
    "S2": "popliteal_fossa",
    "S3": "buttock_lower",
    "S4_5": "saddle",
}

# peripheral nerves drawn in the hidden `nerves` layer (issue #15); motor nerves have a
# course only
NERVES = [
    "sciatic",
    "common_peroneal",
    "superficial_peroneal",
    "deep_peroneal",
    "tibial",
    "femoral",
    "saphenous",
    "lateral_femoral_cutaneous",
    "obturator",
    "superior_gluteal",
    "inferior_gluteal",
]
MOTOR_NERVES = ("superior_gluteal", "inferior_gluteal")

failures: list[str] = []


def fail(msg: str) -> None:
    failures.append(msg)
    print("FAIL", msg)


def polys_from(d: str) -> list[np.ndarray]:
    """Flatten path data (parsed by svgelements) into one polygon per subpath."""
    out: list[np.ndarray] = []
    cur: list[tuple[float, float]] = []
    for seg in se.Path(d):
        if isinstance(seg, se.Move):
            if len(cur) > 2:
                out.append(np.array(cur))
            cur = [(seg.end.x, seg.end.y)]
        elif isinstance(seg, se.Close):
            if len(cur) > 2:
                out.append(np.array(cur))
            cur = []
        elif isinstance(seg, se.Line):
            cur.append((seg.end.x, seg.end.y))
        else:
            for t in np.linspace(0, 1, 17)[1:]:
                p = seg.point(t)
                cur.append((p.x, p.y))
    if len(cur) > 2:
        out.append(np.array(cur))
    return out


def mask(polys: list[np.ndarray], x0: float = 0, x1: float = 1200) -> np.ndarray:
    """Non-zero winding rasterisation at pixel centres (numpy only)."""
    w, h = int(1200 * SCALE), int(1000 * SCALE)
    diff = np.zeros((h, w + 1), np.int32)
    for poly in polys:
        p = poly * SCALE
        a = p
        b = np.roll(p, -1, axis=0)
        ya, yb = a[:, 1], b[:, 1]
        lo = np.minimum(ya, yb)
        hi = np.maximum(ya, yb)
        r0 = np.ceil(lo - 0.5).astype(int)
        r1 = np.ceil(hi - 0.5).astype(int)  # rows r0..r1-1 (centres in [lo, hi))
        for e in np.nonzero(r1 > r0)[0]:
            rows = np.arange(max(r0[e], 0), min(r1[e], h))
            if len(rows) == 0:
                continue
            yc = rows + 0.5
            t = (yc - ya[e]) / (yb[e] - ya[e])
            xc = a[e, 0] + t * (b[e, 0] - a[e, 0])
            cols = np.clip(np.ceil(xc - 0.5).astype(int), 0, w)
            dirn = 1 if yb[e] > ya[e] else -1
            np.add.at(diff, (rows, cols), dirn)
    m = np.cumsum(diff, axis=1)[:, :w] != 0
    xs = (np.arange(w) + 0.5) / SCALE
    m &= ((xs >= x0) & (xs < x1))[None, :]
    out: np.ndarray = m
    return out


def contains(polys: list[np.ndarray], x: float, y: float) -> bool:
    wn = 0
    for p in polys:
        a = p
        b = np.roll(p, -1, axis=0)
        up = (a[:, 1] <= y) & (b[:, 1] > y)
        dn = (a[:, 1] > y) & (b[:, 1] <= y)
        cross = (b[:, 0] - a[:, 0]) * (y - a[:, 1]) - (x - a[:, 0]) * (b[:, 1] - a[:, 1])
        wn += int((up & (cross > 0)).sum()) - int((dn & (cross < 0)).sum())
    return wn != 0


def union(subs: list[np.ndarray]) -> list[np.ndarray]:
    return subs


VIEWS = {"front": (0, 600), "back": (600, 1200)}


def main() -> int:
    text = SVG.read_text()
    root = ET.fromstring(text)
    ns = "{http://www.w3.org/2000/svg}"
    # --- structure -----------------------------------------------------------
    if root.get("viewBox") != "0 0 1200 1000" or root.get("width") != "1200":
        fail("viewBox/width/height")
    ids: dict[str, ET.Element] = {}
    groups = [g.get("id") for g in root.findall(f"{ns}g")]
    want = [
        "silhouette",
        "limbs",
        "dermatomes_classic",
        "dermatomes_lee2008",
        "zones",
        "nerves",
        "key_points",
        "labels",
        "labels_dermatomes",
    ]
    if groups != want:
        fail(f"top-level groups {groups}")
    for el in root.iter():
        tag = el.tag.replace(ns, "")
        if tag not in ("svg", "g", "path", "circle", "text"):
            fail(f"element <{tag}> not allowed")
        for bad in ("transform", "class", "style", "clip-path", "mask"):
            if el.get(bad) is not None:
                fail(f"attribute {bad} on {el.get('id')}")
        if tag == "path" and el.get("fill-rule") != "nonzero":
            fail(f"path without fill-rule nonzero: {el.get('id')}")
        i = el.get("id")
        if i:
            if i in ids:
                fail(f"duplicate id {i}")
            ids[i] = el
    need = [
        "silhouette:body",
        "limb:lower:left",
        "limb:lower:right",
        "zone:sacrum:midline",
        "zone:saddle:midline",
    ]
    for side in ("left", "right"):
        need += [f"derm:{r}:{side}" for r in ROOTS]
        need += [f"zone:{z}:{side}" for z in ZONES]
        need += [f"ksp:{r}:{side}" for r in KSP_ROOTS]
        need += [f"dlabel:{r}:{side}" for r in ROOTS]
        need += [
            f"dermlee:{r}:{side}"
            for r in ["T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1", "S2"]
        ]
        for nerve in NERVES:
            need += [f"nerve:{nerve}:{side}", f"nerve:{nerve}:{side}:course"]
            need += [f"nerve:{nerve}:{side}:territory"] if nerve not in MOTOR_NERVES else []
    for n in need:
        if n not in ids:
            fail(f"missing id {n}")
    for i in ids:
        if i.startswith("dermlee:") and i.split(":")[1] in ("S3", "S4", "S5"):
            fail(f"Lee layer must not show {i}")
    for el in root.iter(f"{ns}circle"):
        if el.get("r") != "4":
            fail(f"circle r != 4: {el.get('id')}")
    # --- geometry ---------------------------------------------------------------
    paths = {
        i: polys_from(el.get("d") or "")
        for i, el in ids.items()
        if el.tag == f"{ns}path" and el.get("d")
    }
    # subpaths of a path never overlap
    for i, subs in paths.items():
        if i.startswith(("derm:", "zone:", "limb:", "silhouette:body")) and len(subs) > 1:
            cnt = np.zeros((int(1000 * SCALE), int(1200 * SCALE)), np.uint8)
            for s in subs:
                cnt += mask([s])
            ov = int((cnt > 1).sum())
            if ov > 40:
                fail(f"{i}: subpaths overlap ({ov} px)")
    limb = {s: mask(union(paths[f"limb:lower:{s}"])) for s in ("left", "right")}
    zone_ids = [i for i in paths if i.startswith("zone:")]
    derm_ids = [i for i in paths if i.startswith("derm:")]
    for view, (x0, x1) in VIEWS.items():
        zc = np.zeros_like(limb["left"], np.uint8)
        dc = np.zeros_like(limb["left"], np.uint8)
        for i in zone_ids:
            zc += mask(union(paths[i]), x0, x1)
        for i in derm_ids:
            dc += mask(union(paths[i]), x0, x1)
        for side in ("left", "right"):
            lm = limb[side].copy()
            lm[:, : int(x0 * SCALE)] = False
            lm[:, int(x1 * SCALE) :] = False
            a = lm.sum()
            gap_z = (lm & (zc == 0)).sum() / a
            ov_z = (lm & (zc > 1)).sum() / a
            cov_d = (lm & (dc > 0)).sum() / a
            ov_d = (lm & (dc > 1)).sum() / a
            print(
                f"{view:5s} {side:5s} limb px={a:7d} zone gap={gap_z:.4%} "
                f"zone overlap={ov_z:.4%} "
                f"derm cover={cov_d:.4%} derm overlap={ov_d:.4%}"
            )
            if gap_z >= 0.01:
                fail(f"{view} {side}: zone gap {gap_z:.3%}")
            if ov_z > 0.002:
                fail(f"{view} {side}: zone overlap {ov_z:.3%}")
            if cov_d < 0.99:
                fail(f"{view} {side}: dermatome cover {cov_d:.3%}")
            if ov_d > 0.002:
                fail(f"{view} {side}: dermatome overlap {ov_d:.3%}")
        # whole-view overlaps of zones / dermatomes (outside the limb too)
        tot_z = (zc > 1).sum()
        tot_d = (dc > 1).sum()
        print(f"{view}: zone overlap px total={tot_z}, dermatome overlap px total={tot_d}")
    # trunk coverage: silhouette trunk region (rows of the torso) covered by dermatomes
    sil = mask(union(paths["silhouette:body"]))
    dall = np.zeros_like(sil)
    for i in derm_ids:
        dall |= mask(union(paths[i]))
    for view, (x0, x1) in VIEWS.items():
        cx = (x0 + x1) / 2
        ys = slice(int(230 * SCALE), int(440 * SCALE))
        xs = slice(int((cx - 55) * SCALE), int((cx + 55) * SCALE))
        t = sil[ys, xs]
        c = (t & dall[ys, xs]).sum() / t.sum()
        print(f"{view}: trunk coverage {c:.4%}")
        if c < 0.995:
            fail(f"{view}: trunk coverage {c:.3%}")
    # key points
    for r in KSP_ROOTS:
        for side in ("left", "right"):
            el = ids[f"ksp:{r}:{side}"]
            pt = (float(el.get("cx", "nan")), float(el.get("cy", "nan")))
            droots = ["S4", "S5"] if r == "S4_5" else [r]
            if not any(contains(paths[f"derm:{d}:{side}"], *pt) for d in droots):
                fail(f"ksp {r} {side} not inside its dermatome")
            if r in KSP_ZONE:
                z = KSP_ZONE[r]
                zid = f"zone:{z}:midline" if z == "saddle" else f"zone:{z}:{side}"
                if not contains(paths[zid], *pt):
                    fail(f"ksp {r} {side} not inside {zid}")
    # labels inside their dermatome, not overlapping
    boxes = []
    for r in ROOTS:
        for side in ("left", "right"):
            el = ids[f"dlabel:{r}:{side}"]
            x, y = float(el.get("x", "nan")), float(el.get("y", "nan"))
            fs = float(el.get("font-size", "0"))
            if fs < 10:
                fail(f"label {r} font too small")
            w = 0.68 * fs * len(r)
            box = (x - w / 2, y - 0.75 * fs, x + w / 2, y + 0.05 * fs)
            boxes.append((f"{r}:{side}", box))
            if not contains(paths[f"derm:{r}:{side}"], x, y - 0.36 * fs):
                fail(f"label {r} {side} not inside its dermatome")
    for bi in range(len(boxes)):
        for bj in range(bi + 1, len(boxes)):
            ba, bb = boxes[bi][1], boxes[bj][1]
            if ba[0] < bb[2] and bb[0] < ba[2] and ba[1] < bb[3] and bb[1] < ba[3]:
                fail(f"labels overlap: {boxes[bi][0]} {boxes[bj][0]}")

    # mirror: every left vertex mirrored has a right vertex within 1 unit
    def verts(i: str) -> np.ndarray:
        d = re.sub(r"A[^LZMC]*", "", ids[i].get("d") or "")
        nums = np.array([float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)])
        return nums.reshape(-1, 2)

    def mirror(p: np.ndarray) -> np.ndarray:
        q = p.copy()
        front = q[:, 0] < 600
        q[front, 0] = 600 - q[front, 0]
        q[~front, 0] = 1800 - q[~front, 0]
        return q

    worst = 0.0
    for i in ids:
        if i.endswith(":left") and ids[i].tag == f"{ns}path":
            j = i[:-5] + ":right"
            a, b = mirror(verts(i)), verts(j)
            if len(a) == 0 and len(b) == 0:
                continue
            dmax = 0.0
            for k in range(0, len(a), 500):
                dd = np.sqrt(((a[k : k + 500, None, :] - b[None, :, :]) ** 2).sum(-1)).min(1)
                dmax = max(dmax, float(dd.max()))
            worst = max(worst, dmax)
            if dmax > 1.0:
                fail(f"mirror {i} vs {j}: {dmax:.2f}")
    print(f"mirror worst vertex distance {worst:.3f}")
    print("OK" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
