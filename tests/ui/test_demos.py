"""Every built-in demo: valid findings, sensible results, a non-blank screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from radviz.reasoning.findings import Findings
from radviz.training.demos import DEMOS

REQUIRED = {
    "l5s1_left_s1",
    "classic_l5",
    "l4_femoral_stretch",
    "cauda_equina",
    "peroneal_mimic",
    "stenosis_claudication",
    "referred_facet",
}


def test_required_demos_exist_with_texts() -> None:
    assert set(DEMOS) >= REQUIRED
    for name, demo in DEMOS.items():
        assert demo.name == name
        assert demo.title and demo.description


@pytest.mark.parametrize("name", sorted(DEMOS))
def test_demo_findings_validate_and_round_trip(name: str) -> None:
    demo = DEMOS[name]
    f = Findings.from_dict(demo.findings)
    assert not f.is_empty()
    assert Findings.from_dict(f.to_dict()) == f


def _infer(name: str):  # type: ignore[no-untyped-def]
    from radviz.reasoning.inference import infer

    return infer(DEMOS[name].to_findings())


@pytest.mark.parametrize(
    ("name", "root", "side"),
    [
        ("l5s1_left_s1", "S1", "left"),
        ("classic_l5", "L5", "right"),
        ("l4_femoral_stretch", "L4", "left"),
    ],
)
def test_radicular_demos_rank_their_root_first(name: str, root: str, side: str) -> None:
    res = _infer(name)
    top = max(res.roots_for(side), key=lambda r: r.probability)
    assert (top.root, top.side) == (root, side)
    assert not res.red_flags


def test_cauda_equina_is_an_emergency() -> None:
    res = _infer("cauda_equina")
    assert any(f.id == "cauda_equina_syndrome" and f.urgency == "emergency" for f in res.red_flags)


def test_peroneal_mimic_names_the_peroneal_nerve() -> None:
    res = _infer("peroneal_mimic")
    assert res.differentials[0].id == "common_peroneal_neuropathy"


def test_stenosis_and_referred_demos() -> None:
    assert _infer("stenosis_claudication").causes[0].id == "spinal_stenosis"
    assert _infer("referred_facet").pattern in ("referred", "mixed")


@pytest.mark.parametrize("name", sorted(DEMOS))
def test_every_demo_renders_a_non_blank_screenshot(name: str, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from radviz.app import run

    out = tmp_path / f"{name}.png"
    assert run(demo=name, screenshot=str(out)) == 0
    img = QImage(str(out))
    assert not img.isNull()
    assert img.width() >= 1280 and img.height() >= 800
    colours = set()
    step = 7
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            colours.add(img.pixel(x, y))
    assert len(colours) > 200, f"{name}: only {len(colours)} colours"


def test_unknown_demo_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    from radviz.app import run

    assert run(demo="no_such_case", screenshot="/nonexistent/x.png") == 2
    err = capsys.readouterr().err
    assert "no_such_case" in err and err.count("\n") == 1
