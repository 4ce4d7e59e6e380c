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
