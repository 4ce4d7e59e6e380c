"""The one level/zone -> roots rule (radviz.anatomy.levels), read from roots.toml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from radviz.anatomy import vocab
from radviz.anatomy.levels import (
    exit_level,
    foramen_words,
    level_of_root,
    level_pair,
    roots_at_level,
    traversed_level,
)
from radviz.knowledge.loader import load_kb

ROOT = Path(__file__).resolve().parent.parent.parent


def _names(level: str, zone: str, side: str, cauda: bool = False) -> list[str]:
    return [
        f"{r.side} {r.root} {r.relation}" for r in roots_at_level(level, zone, side, cauda=cauda)
    ]


def test_paracentral_reaches_the_same_side_traversing_root() -> None:
    assert _names("L4-L5", "paracentral", "left") == ["left L5 traversing"]
    assert _names("L5-S1", "paracentral", "right") == ["right S1 traversing"]


@pytest.mark.parametrize("zone", ["foraminal", "extraforaminal"])
def test_foraminal_reaches_the_exiting_root(zone: str) -> None:
    assert _names("L4-L5", zone, "right") == ["right L4 exiting"]
    assert _names("L1-L2", zone, "bilateral") == ["left L1 exiting", "right L1 exiting"]


def test_central_reaches_both_sides_and_with_the_cauda_every_lower_root() -> None:
    assert _names("L4-L5", "central", "left") == ["left L5 traversing", "right L5 traversing"]
    cauda = {r.root for r in roots_at_level("L4-L5", "central", "bilateral", cauda=True)}
    # CLINICAL.md §8 / issue #12.9: if a central L4-L5 lesion reaches S3-S5, it reaches S1-S2
    assert cauda == {"L5", "S1", "S2", "S3", "S4", "S5"}
    assert {r.root for r in roots_at_level("L5-S1", "central", "left", cauda=True)} == {
        "S1",
        "S2",
        "S3",
        "S4",
        "S5",
    }


def test_every_compression_site_of_roots_toml_is_reached() -> None:
    kb = load_kb()
    for rid in vocab.ROOTS:
        for c in kb.roots[rid].compression:
            reached = roots_at_level(c.level, c.zone, "left", cauda=True)
            assert (rid, c.relation) in {(r.root, r.relation) for r in reached}, (rid, c)


def test_unknown_level_or_zone_reaches_nothing() -> None:
    assert roots_at_level("T12-L1", "paracentral", "left") == ()
    assert roots_at_level("L4-L5", "canal", "left") == ()


def test_inverse_questions_follow_the_same_rule() -> None:
    assert traversed_level("L5") == "L4-L5"
    assert exit_level("L5") == "L5-S1"
    assert exit_level("S1") is None  # S1 leaves by the first sacral foramen, not a disc level
    assert traversed_level("S2") is None
    assert level_of_root("S1", "traversing") == "L5-S1"
    assert level_of_root("L3", "exiting") == "L3-L4"
    assert [level_pair(lv) for lv in vocab.LEVELS] == [
        ("L1", "L2"),
        ("L2", "L3"),
        ("L3", "L4"),
        ("L4", "L5"),
        ("L5", "S1"),
    ]
    with pytest.raises(ValueError):
        level_pair("T12-L1")
    assert foramen_words("L4") == "the L4-L5 foramen"
    assert foramen_words("S1") == "the first sacral foramen"


def test_the_rule_is_defined_once() -> None:
    pattern = re.compile(
        r"^\s*def (_?level_roots|_disc_above|_exit_level|rule_roots|roots_at_level)\b", re.M
    )
    found = [
        p for p in (ROOT / "radviz").rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert [p.relative_to(ROOT).as_posix() for p in found] == ["radviz/anatomy/levels.py"]
    compressive = re.compile(r"^\s*def (_?is_compressive|_imaging_roots)\b", re.M)
    found = [
        p
        for p in (ROOT / "radviz").rglob("*.py")
        if compressive.search(p.read_text(encoding="utf-8"))
    ]
    assert [p.relative_to(ROOT).as_posix() for p in found] == ["radviz/imaging/concordance.py"]
