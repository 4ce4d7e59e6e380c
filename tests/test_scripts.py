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
