"""Validation of the findings document (contract §2-3)."""

from __future__ import annotations

from typing import Any

import pytest

from radviz.reasoning.findings import Findings, FindingsError

FULL = {
    "age": 42,
    "sex": "female",
    "duration_weeks": 6,
    "symptoms": [
        {"zone": "foot_dorsum", "side": "left", "kind": "numbness"},
        {"zone": "saddle", "side": "midline", "kind": "pain"},
    ],
    "motor": [{"movement": "great_toe_extension", "side": "left", "grade": 4}],
    "reflexes": [{"reflex": "achilles", "side": "left", "status": "normal"}],
    "tests": [{"test": "slr", "side": "left", "result": "positive", "angle": 45}],
    "flags": {"worse_sitting": True, "fever": False},
}


def test_round_trip() -> None:
    f = Findings.from_dict(FULL)
    assert Findings.from_dict(f.to_dict()) == f
    assert f.flag("fever") is False and f.flag("night_pain") is None
    assert Findings.from_dict({}).is_empty()


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ([], "findings"),
        ({"age": "42"}, "age"),
        ({"age": 200}, "age"),
        ({"age": 4.5}, "age"),
        ({"age": True}, "age"),
        ({"duration_weeks": -1}, "duration_weeks"),
        ({"sex": "x"}, "sex"),
        ({"colour": 1}, "colour"),
        ({"symptoms": {}}, "symptoms"),
        ({"symptoms": [1]}, "symptoms[0]"),
        ({"symptoms": [{"zone": "forehead", "side": "left", "kind": "pain"}]}, "symptoms[0].zone"),
        ({"symptoms": [{"zone": "heel", "side": "midline", "kind": "pain"}]}, "symptoms[0].side"),
        ({"symptoms": [{"zone": "saddle", "side": "left", "kind": "pain"}]}, "symptoms[0].side"),
        ({"symptoms": [{"zone": "heel", "side": "left"}]}, "symptoms[0].kind"),
        ({"symptoms": [{"zone": "heel", "side": "left", "kind": "itch"}]}, "symptoms[0].kind"),
        ({"motor": [{"movement": "hip_flexion", "side": "left", "grade": 6}]}, "motor[0].grade"),
        ({"motor": [{"movement": "wiggle", "side": "left", "grade": 3}]}, "motor[0].movement"),
        (
            {"reflexes": [{"reflex": "achilles", "side": "up", "status": "absent"}]},
            "reflexes[0].side",
        ),
        ({"tests": [{"test": "slr", "side": "left", "result": "maybe"}]}, "tests[0].result"),
        (
            {"tests": [{"test": "slr", "side": "left", "result": "positive", "angle": "45"}]},
            "tests[0].angle",
        ),
        ({"flags": {"fever": "yes"}}, "flags.fever"),
        ({"flags": {"headache": True}}, "flags.headache"),
        ({"flags": []}, "flags"),
    ],
)
def test_errors_name_the_field(doc: Any, field: str) -> None:
    with pytest.raises(FindingsError) as err:
        Findings.from_dict(doc)
    assert err.value.field == field
    assert str(err.value).startswith(field)


def test_mirrored_swaps_sides_but_not_midline() -> None:
    m = Findings.from_dict(FULL).mirrored()
    assert [s.side for s in m.symptoms] == ["right", "midline"]
    assert m.motor[0].side == "right" and m.tests[0].side == "right"
