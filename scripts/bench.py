#!/usr/bin/env python3
"""radviz benchmark: speed and memory against the limits of a desk-side tool.

Standard-library timing only. Prints a table, or one JSON object with ``--json``.
Latencies are medians with p95 over many repetitions; start-up is measured in fresh
subprocesses side by side with a bare PySide6 + pyqtgraph window, and reported as a ratio
so that a noisy machine affects both alike.

    python scripts/bench.py            # table
    python scripts/bench.py --json     # one JSON object
    python scripts/bench.py --quick    # fewer repetitions
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGETS = {
    "click_update_ms.p95": 16.0,
    "stroke_update_ms.p95": 33.0,
    "hit_test_us": 50.0,
    "infer_ms.typical": 1.0,
    "startup_ratio": 1.5,
    "peak_rss_mb": 300.0,
}

# A child process that opens a window, reports the moment its first paint is complete,
# its peak RSS, and exits. {body} builds the window `w`. The watch sits on the window
# (its native window) alone: an application-wide Python event filter would tax every
# event of start-up and so penalise the larger interface for the measurement's own sake.
# Qt paints the whole window, children included, while it handles the window's first
# expose; a zero timer set then fires once that pass is done.
CHILD = r"""
import os, sys, time, resource
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, {root!r})
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
painted = []
def done():
    painted.append(time.perf_counter())
    app.quit()
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Expose and not painted:
            painted.append(None)
            QTimer.singleShot(0, done)
        return False
watch = Watch()
{body}
w.resize(1280, 800)
w.winId()  # make the native window now, to watch it
w.windowHandle().installEventFilter(watch)
w.show()
QTimer.singleShot(5000, app.quit)
app.exec()
ok = len(painted) == 2
t1 = painted[1] if ok else time.perf_counter()
# Peak RSS of this process alone: on Linux ru_maxrss keeps the parent's peak across fork
# and exec (a child of the benchmark, itself ~300 MB by now, reported ~300 MB), VmHWM not.
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
try:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                rss = int(line.split()[1]) / 1024.0
except OSError:
    pass
print("RESULT", t1 - t0, rss, ok, flush=True)
os._exit(0)
"""

RADVIZ_BODY = r"""
from radviz.app import build_window  # what `radviz --demo l5s1_left_s1` opens
w = build_window("l5s1_left_s1", remember=False)
"""

BASELINE_BODY = r"""
import pyqtgraph as pg
from PySide6.QtWidgets import QMainWindow
w = QMainWindow()
plot = pg.PlotWidget()
plot.plot([1, 2, 3], [3, 1, 2])
w.setCentralWidget(plot)
"""


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(values), "p95": pct(values, 0.95)}


def run_child(body: str) -> tuple[float, float]:
    """Wall time from spawning a fresh interpreter to the first paint, and peak RSS."""
    code = CHILD.format(root=str(ROOT), body=body)
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ) as proc:
        assert proc.stdout is not None
        line = ""
        for line in proc.stdout:
            if line.startswith("RESULT"):
                break
        wall = time.perf_counter() - start
        proc.stdout.read()  # drain, so the child never blocks on a full pipe
        proc.wait(timeout=60)
    parts = line.split()
    if len(parts) < 4:
        raise RuntimeError("benchmark child did not report")
    if parts[3] != "True":
        raise RuntimeError("benchmark child's window was never painted")
    return wall, float(parts[2])


def bench_startup(reps: int) -> dict[str, Any]:
    ours: list[float] = []
    base: list[float] = []
    rss: list[float] = []
    run_child(BASELINE_BODY)  # warm the disk caches (and ours below) before timing
    run_child(RADVIZ_BODY)
    for i in range(reps):
        # Interleaved, and in alternating order, so both see the same machine state.
        pair = [(BASELINE_BODY, base), (RADVIZ_BODY, ours)]
        for body, out in pair if i % 2 == 0 else pair[::-1]:
            t, r = run_child(body)
            out.append(t)
            if body is RADVIZ_BODY:
                rss.append(r)
    s, b = statistics.median(ours), statistics.median(base)
    return {
        "startup_s": s,
        "baseline_startup_s": b,
        "startup_ratio": s / b,
        # The same, pair by pair (each run against the baseline run beside it): steadier
        # when the machine's speed drifts during the benchmark.
        "startup_ratio_paired": statistics.median(o / c for o, c in zip(ours, base, strict=True)),
        "startup_runs": len(ours),
        "startup_s_spread": [min(ours), max(ours)],
        "baseline_startup_s_spread": [min(base), max(base)],
        "peak_rss_mb": max(rss),
    }


def timed(fn: Callable[[], object], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def bench_model(reps: int) -> dict[str, Any]:
    from radviz.anatomy import vocab
    from radviz.anatomy.geometry import body_map, load_map, spine_map
    from radviz.imaging.parser import parse_report
    from radviz.reasoning import localization
    from radviz.reasoning.findings import Findings
    from radviz.reasoning.inference import infer
    from radviz.resources import asset_path

    typical = Findings.from_dict(
        {
            "age": 42,
            "duration_weeks": 6,
            "symptoms": [
                {"zone": "buttock_lower", "side": "left", "kind": "pain"},
                {"zone": "thigh_posterior", "side": "left", "kind": "pain"},
                {"zone": "calf_posterior", "side": "left", "kind": "pain"},
                {"zone": "foot_lateral_edge", "side": "left", "kind": "numbness"},
            ],
            "motor": [{"movement": "ankle_plantarflexion", "side": "left", "grade": 4}],
            "reflexes": [{"reflex": "achilles", "side": "left", "status": "absent"}],
            "tests": [{"test": "slr", "side": "left", "result": "positive", "angle": 40}],
            "flags": {"worse_sitting": True},
        }
    )
    heavy = Findings.from_dict(
        {
            "age": 70,
            "duration_weeks": 20,
            "symptoms": [
                {"zone": z, "side": s if z not in vocab.MIDLINE_ZONES else "midline", "kind": k}
                for z in vocab.ZONES
                for s in vocab.SIDES
                for k in vocab.SYMPTOM_KINDS
            ],
            "motor": [
                {"movement": m, "side": s, "grade": 4} for m in vocab.MOVEMENTS for s in vocab.SIDES
            ],
            "reflexes": [
                {"reflex": r, "side": s, "status": "reduced"}
                for r in vocab.REFLEXES
                for s in vocab.SIDES
            ],
            "tests": [
                {"test": t, "side": s, "result": "positive"}
                for t in vocab.TESTS
                for s in vocab.SIDES
            ],
            "flags": dict.fromkeys(vocab.FLAGS, True),
        }
    )
    infer(typical)  # warm the knowledge-base cache

    def cold(findings: Findings) -> Callable[[], object]:
        # infer keeps each side's localization for a later call with the same side (a
        # click changes one side): repeating one case would time the kept sides, so the
        # memo is emptied before each call and every side is computed.
        def run() -> object:
            localization._SIDE_MEMO.clear()
            return infer(findings)

        return run

    t_typ = timed(cold(typical), reps * 5)
    t_heavy = timed(cold(heavy), reps)

    # Geometry: load both maps and build every raster, as a start-up does (parse cached on
    # disk) and from the SVG itself (an empty cache: first run, or new artwork).
    def build() -> None:
        for name in ("body_map.svg", "spine.svg"):
            m = load_map(asset_path(name))
            for layer in {r.layer for r in m.regions.values()}:
                m.hit(1.0, 1.0, layer)

    build()  # fills the disk cache
    t_geo = timed(build, max(3, reps // 20))
    t_parse: list[float] = []
    saved = os.environ.get("RADVIZ_CACHE_DIR")
    try:
        for _ in range(3):
            with tempfile.TemporaryDirectory() as empty:
                os.environ["RADVIZ_CACHE_DIR"] = empty
                t_parse += timed(build, 1)
    finally:
        if saved is None:
            os.environ.pop("RADVIZ_CACHE_DIR", None)
        else:
            os.environ["RADVIZ_CACHE_DIR"] = saved
    bm = body_map()
    spine_map()
    zones = list(bm.layer("zones"))
    points = [z.center for z in zones] * 20
    bm.hit(*points[0], "zones")
    t0 = time.perf_counter()
    for x, y in points:
        bm.hit(x, y, "zones")
    hit_us = (time.perf_counter() - t0) / len(points) * 1e6

    report = "\n".join(
        [
            "MRI LUMBAR SPINE WITHOUT CONTRAST",
            "HISTORY: Left leg pain.",
            "TECHNIQUE: Sagittal T1, T2, STIR; axial T2.",
            "FINDINGS:",
            "Alignment: Normal lumbar lordosis. No spondylolisthesis.",
            "Vertebral bodies: Heights preserved. No marrow lesion.",
            "Conus: Terminates at L1 and is normal.",
            "T12-L1: Normal.",
            "L1-L2: No disc herniation, canal or foraminal stenosis.",
            "L2-L3: Mild disc bulge without stenosis.",
            "L3-L4: Mild diffuse disc bulge and facet hypertrophy.",
            "Mild bilateral foraminal narrowing. No canal stenosis.",
            "L4-L5: Broad-based disc bulge with a superimposed right paracentral protrusion.",
            "The protrusion contacts the traversing right L5 nerve root.",
            "Moderate right and mild left foraminal stenosis.",
            "Mild canal stenosis.",
            "L5-S1: Large left paracentral extrusion extending inferiorly.",
            "It compresses the traversing left S1 nerve root.",
            "Moderate left foraminal narrowing abutting the exiting left L5 root.",
            "No right foraminal stenosis.",
            "Sacroiliac joints: Unremarkable.",
            "Paraspinal muscles: Normal.",
            "IMPRESSION:",
            "1. L5-S1 left paracentral extrusion compressing the left S1 nerve root.",
            "2. L4-5 right paracentral protrusion contacting the right L5 nerve root.",
            "3. Moderate right L4-5 foraminal stenosis.",
            "4. Mild L3-4 bilateral foraminal narrowing.",
            "5. No high-grade canal stenosis.",
            "Dictated by: radiologist.",
            "End of report.",
        ]
    )
    parse_report(report)
    t_rep = timed(lambda: parse_report(report), reps)
    return {
        "infer_ms": {
            "typical": statistics.median(t_typ) * 1e3,
            "heavy": statistics.median(t_heavy) * 1e3,
        },
        "geometry_build_s": statistics.median(t_geo),
        "geometry_parse_s": statistics.median(t_parse),
        "hit_test_us": hit_us,
        "report_parse_ms": statistics.median(t_rep) * 1e3,
    }


def bench_ui(clicks: int, strokes: int) -> dict[str, Any]:
    from PySide6.QtCore import QPoint, Qt, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from radviz.anatomy.geometry import body_map
    from radviz.app import build_window, qt_message_handler

    app = QApplication.instance() or QApplication([])
    qInstallMessageHandler(qt_message_handler)  # the offscreen platform's known noise
    w = build_window("l5s1_left_s1", remember=False)
    w.resize(1280, 800)
    w.show()
    for _ in range(5):
        app.processEvents()
    view = w.body
    view.zoom_fit()
    app.processEvents()
    zones = [
        r
        for r in body_map().layer("zones")
        if view.viewport().rect().contains(view.mapFromScene(*r.center))
    ]
    w.set_tool("zone")
    gc.collect()
    click_ms: list[float] = []
    for i in range(clicks):
        region = zones[i % len(zones)]
        pos = view.mapFromScene(*region.center)
        t0 = time.perf_counter()
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
        )
        app.processEvents()
        click_ms.append((time.perf_counter() - t0) * 1e3)

    w.set_tool("brush")
    stroke_ms: list[float] = []
    vp = view.viewport()
    for i in range(strokes):
        # Each stroke lands on another zone, so it changes the findings as real use does.
        centre = view.mapFromScene(*zones[(i * 7) % len(zones)].center)
        x0, y0 = centre.x(), centre.y()
        pts = [QPoint(x0 + (k % 10) - 5, y0 + k // 10 - 2) for k in range(50)]
        t0 = time.perf_counter()
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
        for p in pts[1:]:
            QTest.mouseMove(vp, p)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[-1])
        app.processEvents()
        stroke_ms.append((time.perf_counter() - t0) * 1e3)

    # Switching the results to the Treatments tab and back: the texts behind a closed tab
    # are laid out when it opens, so this is what a click on the tab costs.
    tabs = w.results.tabs
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    treatments = titles.index("Treatments")
    tab_ms: list[float] = []
    for i in range(max(10, clicks // 4)):
        # Change the findings between switches, so the tab has new text to lay out.
        region = zones[i % len(zones)]
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            view.mapFromScene(*region.center),
        )
        app.processEvents()
        t0 = time.perf_counter()
        tabs.setCurrentIndex(treatments)
        app.processEvents()
        tab_ms.append((time.perf_counter() - t0) * 1e3)
        tabs.setCurrentIndex(0)
        app.processEvents()
    w.close()

    # Opening trainee mode (a new window each time) until it has painted.
    trainee_ms: list[float] = []
    for _ in range(max(3, clicks // 40)):
        w2 = build_window("l5s1_left_s1", remember=False)
        w2.resize(1280, 800)
        w2.show()
        app.processEvents()
        t0 = time.perf_counter()
        w2.open_trainee()
        app.processEvents()
        trainee_ms.append((time.perf_counter() - t0) * 1e3)
        w2._trainee.close()
        w2.close()
        app.processEvents()
    return {
        "click_update_ms": summary(click_ms),
        "stroke_update_ms": summary(stroke_ms),
        "treatments_tab_ms": summary(tab_ms),
        "trainee_open_ms": summary(trainee_ms),
    }


# Latencies divided by the bare window's start-up measured in the same run (ms per second
# of baseline): a slow moment on a shared machine moves absolute milliseconds 3-4x, and
# this ratio far less, since both slow down together.
PER_BASELINE = {
    "click_update_ms.p95": "click_update_ms_p95_per_baseline_s",
    "stroke_update_ms.p95": "stroke_update_ms_p95_per_baseline_s",
    "treatments_tab_ms.p95": "treatments_tab_ms_p95_per_baseline_s",
    "trainee_open_ms.p50": "trainee_open_ms_p50_per_baseline_s",
    "infer_ms.typical": "infer_ms_typical_per_baseline_s",
}


def lookup(results: dict[str, Any], key: str) -> Any:
    value: Any = results
    for part in key.split("."):
        value = value[part]
    return value


def per_baseline(results: dict[str, Any]) -> dict[str, float]:
    """Each latency in :data:`PER_BASELINE` divided by the baseline start-up (ms/s)."""
    base = results["baseline_startup_s"]
    return {name: lookup(results, key) / base for key, name in PER_BASELINE.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"


def check(results: dict[str, Any]) -> list[str]:
    lines = []
    for key, limit in TARGETS.items():
        value = lookup(results, key)
        ok = value <= limit
        lines.append(f"{'ok  ' if ok else 'MISS'} {key:<24} {value:10.3f}  (target <= {limit:g})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    reps = 40 if args.quick else 200
    # An installed package carries compiled bytecode; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE would recompile every module on every start and time the
    # compiler, not radviz. Compile once, as `pip install` does.
    compileall.compile_dir(ROOT / "radviz", quiet=1)
    results: dict[str, Any] = {"machine": machine()}
    results.update(bench_model(reps))
    results.update(bench_ui(clicks=60 if args.quick else 200, strokes=20 if args.quick else 60))
    results.update(bench_startup(4 if args.quick else 11))
    results.update(per_baseline(results))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"radviz benchmark on {results['machine']}")
    print("  latency per second of bare-window start-up (ms/s; steadier across machine load):")
    for name in PER_BASELINE.values():
        print(f"    {name:<44} {results[name]:>10.2f}")
    rows = [
        (
            f"start-up to first paint, demo (median of {results['startup_runs']})",
            "{:.3f} s ({:.2f}-{:.2f})".format(results["startup_s"], *results["startup_s_spread"]),
        ),
        (
            "bare PySide6 + pyqtgraph window",
            "{:.3f} s ({:.2f}-{:.2f})".format(
                results["baseline_startup_s"], *results["baseline_startup_s_spread"]
            ),
        ),
        (
            "start-up ratio (of medians / median of pairs)",
            f"{results['startup_ratio']:.2f}x / {results['startup_ratio_paired']:.2f}x",
        ),
        (
            "zone click -> all panels (p50 / p95)",
            "{p50:.2f} / {p95:.2f} ms".format(**results["click_update_ms"]),
        ),
        (
            "50-point stroke -> all panels (p50 / p95)",
            "{p50:.2f} / {p95:.2f} ms".format(**results["stroke_update_ms"]),
        ),
        (
            "Treatments tab switch (p50 / p95)",
            "{p50:.2f} / {p95:.2f} ms".format(**results["treatments_tab_ms"]),
        ),
        (
            "trainee window opens (p50 / p95)",
            "{p50:.2f} / {p95:.2f} ms".format(**results["trainee_open_ms"]),
        ),
        ("hit test, one point", f"{results['hit_test_us']:.2f} us"),
        ("infer, typical / heavy", "{typical:.3f} / {heavy:.3f} ms".format(**results["infer_ms"])),
        (
            "geometry + rasters, both maps (cached / from SVG)",
            f"{results['geometry_build_s']:.3f} / {results['geometry_parse_s']:.3f} s",
        ),
        ("30-line MRI report", f"{results['report_parse_ms']:.2f} ms"),
        ("peak RSS, demo open", f"{results['peak_rss_mb']:.0f} MB"),
    ]
    for name, value in rows:
        print(f"  {name:<46} {value:>22}")
    print()
    print("\n".join(check(results)))
    return 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    # Skip interpreter finalisation: pyqtgraph items torn down by the garbage collector at
    # exit can crash it, which would hide the results behind a fatal error.
    os._exit(status)
