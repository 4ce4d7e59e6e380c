"""The README's table of published against applied likelihood ratios comes from the model."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "effective_lrs", ROOT / "scripts" / "effective_lrs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_each_published_finding_still_points_to_its_root_within_the_cap() -> None:
    script = _script()
    for item in script.PUBLISHED:
        lr = script.effective_lr(item)
        # Tempered and capped (model.toml [cap]: ln 20), but still evidence for the root.
        assert 1.0 < lr <= 20.0 + 1e-9, (item.label, lr)
        if item.lr is not None and item.lr > 3.0:
            assert lr < item.lr, (item.label, lr)  # strong published ratios are tempered


def test_the_readme_table_is_the_scripts_output() -> None:
    script = _script()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    flat = "\n".join(line.strip() for line in readme.splitlines())
    assert script.table() in flat
    assert not math.isnan(sum(script.effective_lr(i) for i in script.PUBLISHED))
