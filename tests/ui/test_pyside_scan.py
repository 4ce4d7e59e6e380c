"""radviz answers PySide's per-import "does this module use PySide6?" from the file's bytes,
with the same answers as PySide's own inspect.getsource test (radviz/ui/__init__.py)."""

from __future__ import annotations

import inspect
import sys

import radviz.ui  # noqa: F401  (installs the quick scan)


def _pyside_answer(module: object) -> bool:
    """PySide's own test (shibokensupport.feature._mod_uses_pyside before radviz)."""
    try:
        return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
    except (TypeError, OSError, SyntaxError):
        return False


def test_quick_scan_is_installed_and_agrees_with_pyside() -> None:
    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    assert getattr(quick, "radviz_quick", False)
    import json

    import radviz.reasoning.inference
    import radviz.ui.main_window

    modules = [radviz.ui.main_window, radviz.reasoning.inference, json, sys, inspect]
    modules += [m for name, m in sorted(sys.modules.items()) if name.startswith("radviz")]
    answers = {getattr(m, "__name__", "?"): quick(m) for m in modules}
    assert answers["radviz.ui.main_window"] is True
    assert answers["radviz.reasoning.inference"] is False
    for module in modules:
        assert quick(module) == _pyside_answer(module), module
