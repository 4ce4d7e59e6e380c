"""The artwork generators reproduce the committed SVGs exactly (deterministic, and the
committed files are what the scripts make)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("script", "make", "svg"),
    [("build_body_map", "svg_text", "body_map.svg"), ("build_spine", "build", "spine.svg")],
)
def test_generator_reproduces_the_committed_svg(script: str, make: str, svg: str) -> None:
    text = getattr(_load(script), make)()
    committed = (ROOT / "assets" / "svg" / svg).read_text(encoding="utf-8")
    assert text == committed, f"scripts/{script}.py no longer produces assets/svg/{svg}"


def test_bench_children_open_and_paint_both_windows() -> None:
    """The start-up benchmark's child processes really paint a window (a fresh
    interpreter each: about a second for both)."""
    bench = _load("bench")
    for body in (bench.BASELINE_BODY, bench.RADVIZ_BODY):
        wall, rss_mb = bench.run_child(body)
        assert 0.0 < wall < 30.0
        assert rss_mb > 50.0  # Qt and numpy are loaded: a real window, not an early exit


def test_bench_check_names_each_missed_target() -> None:
    bench = _load("bench")
    results = {
        "click_update_ms": {"p50": 9.0, "p95": 20.0},
        "stroke_update_ms": {"p50": 9.0, "p95": 30.0},
        "hit_test_us": 1.0,
        "infer_ms": {"typical": 0.2, "heavy": 3.0},
        "startup_ratio": 1.6,
        "peak_rss_mb": 250.0,
    }
    verdicts = {line.split()[1]: line.split()[0] for line in bench.check(results)}
    assert verdicts == {
        "click_update_ms.p95": "MISS",
        "stroke_update_ms.p95": "ok",
        "hit_test_us": "ok",
        "infer_ms.typical": "ok",
        "startup_ratio": "MISS",
        "peak_rss_mb": "ok",
    }


def test_bench_latencies_per_baseline_divide_by_the_same_runs_baseline() -> None:
    bench = _load("bench")
    results = {
        "baseline_startup_s": 0.5,
        "click_update_ms": {"p50": 5.0, "p95": 10.0},
        "stroke_update_ms": {"p50": 9.0, "p95": 20.0},
        "treatments_tab_ms": {"p50": 3.0, "p95": 6.0},
        "trainee_open_ms": {"p50": 40.0, "p95": 60.0},
        "infer_ms": {"typical": 0.25, "heavy": 3.0},
    }
    out = bench.per_baseline(results)
    assert out == {
        "click_update_ms_p95_per_baseline_s": 20.0,
        "stroke_update_ms_p95_per_baseline_s": 40.0,
        "treatments_tab_ms_p95_per_baseline_s": 12.0,
        "trainee_open_ms_p50_per_baseline_s": 80.0,
        "infer_ms_typical_per_baseline_s": 0.5,
    }


def test_bench_ui_measures_the_treatments_tab_and_the_trainee_window() -> None:
    """The UI half of the benchmark runs end to end (few repetitions) and reports the
    Treatments-tab switch and the trainee window's opening with real, positive figures."""
    pytest.importorskip("PySide6")
    bench = _load("bench")
    out = bench.bench_ui(clicks=8, strokes=1)
    for key in ("click_update_ms", "stroke_update_ms", "treatments_tab_ms", "trainee_open_ms"):
        assert out[key]["p50"] > 0.0 and out[key]["p95"] >= out[key]["p50"], key
