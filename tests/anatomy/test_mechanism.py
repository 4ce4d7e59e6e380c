"""The mechanism drawing: reproducible, every cause at every level, shapes that blend."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from radviz.anatomy import mechanism as mech

ROOT = Path(__file__).resolve().parents[2]


def test_generator_reproduces_the_committed_sagittal_svg() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_spine", ROOT / "scripts" / "build_spine.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "assets" / "svg" / "spine_sagittal.svg").read_text(encoding="utf-8")
    assert module.build_sagittal() == committed
    assert 'id="sagittal"' in committed


@pytest.mark.parametrize("cause", mech.CAUSES)
def test_every_cause_is_drawn_at_every_level(cause: str) -> None:
    places = mech.mechanism_library()[cause]
    for level in ("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"):
        m = places[f"sagittal:{level}"]
        assert any(p.start != p.end or p.fill_start != p.fill_end for p in m.parts) or m.shift != (
            0.0,
            0.0,
        )


def test_blend_is_linear_and_reversible() -> None:
    a = mech.parse_path("M0 0 L10 0 C10 10 0 10 0 0 Z")
    b = mech.parse_path("M2 2 L12 4 C14 14 2 12 2 2 Z")
    assert mech.blend(a, b, 0.0) == a and mech.blend(a, b, 1.0) == b
    assert mech.blend(a, b, 0.5)[1].args == (11.0, 2.0)
    with pytest.raises(mech.MechanismError):
        mech.blend(a, mech.parse_path("M0 0 Z"), 0.5)


def test_the_spine_above_moves_for_a_slip_and_height_loss() -> None:
    lib = mech.mechanism_library()
    assert lib["spondylolisthesis"]["sagittal:L4-L5"].shift[0] < -15  # forward = viewer's left
    assert lib["degenerative_disc_disease"]["sagittal:L4-L5"].shift[1] > 5  # down
    assert mech.moves_with("sagittal:vert:L4", "L4-L5")
    assert not mech.moves_with("sagittal:vert:L5", "L4-L5")
    assert not mech.moves_with("sagittal:disc:L4-L5", "L4-L5")
