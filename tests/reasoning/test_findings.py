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


# ------------------------------------------------------------------ contract 7.1
def test_pain_score_function_and_imaging_round_trip() -> None:
    doc = {
        **FULL,
        "pain_score": 7,
        "function": "severely_limited",
        "imaging": {"report": "L4-L5: right paracentral extrusion."},
    }
    f = Findings.from_dict(doc)
    assert (f.pain_score, f.function) == (7, "severely_limited")
    assert f.imaging == {"report": "L4-L5: right paracentral extrusion."}
    assert Findings.from_dict(f.to_dict()) == f
    assert f.to_dict()["pain_score"] == 7  # a whole number stays whole in JSON
    document = {
        "findings": [
            {
                "level": "L5-S1",
                "side": "left",
                "zone": "paracentral",
                "lesion": "extrusion",
                "severity": "severe",
            }
        ]
    }
    assert Findings.from_dict({"imaging": document}).to_dict()["imaging"] == document


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"pain_score": 11}, "pain_score"),
        ({"pain_score": -1}, "pain_score"),
        ({"pain_score": "7"}, "pain_score"),
        ({"pain_score": float("nan")}, "pain_score"),
        ({"function": "fine"}, "function"),
        ({"imaging": "a report"}, "imaging"),
        ({"imaging": {"report": 3}}, "imaging.report"),
        ({"imaging": {"report": "x", "findings": []}}, "imaging"),
        ({"imaging": {"findings": {}}}, "imaging.findings"),
        ({"imaging": {"findings": [1]}}, "imaging.findings[0]"),
        (
            {"tests": [{"test": "fadir", "side": "left", "result": "positive", "angle": 40}]},
            "tests[0].angle",
        ),
        (
            {"tests": [{"test": "faber", "side": "left", "result": "positive", "angle": 40}]},
            "tests[0].angle",
        ),
    ],
)
def test_new_fields_name_the_field(doc: Any, field: str) -> None:
    with pytest.raises(FindingsError) as err:
        Findings.from_dict(doc)
    assert err.value.field == field


def test_angle_is_allowed_on_both_straight_leg_raises() -> None:
    for test in ("slr", "crossed_slr"):
        f = Findings.from_dict(
            {"tests": [{"test": test, "side": "left", "result": "positive", "angle": 50}]}
        )
        assert f.tests[0].angle == 50


def test_duplicates_count_once() -> None:
    sym = {"zone": "heel", "side": "left", "kind": "numbness"}
    mot = {"movement": "great_toe_extension", "side": "left", "grade": 3}
    ref = {"reflex": "achilles", "side": "left", "status": "absent"}
    tst = {"test": "slr", "side": "left", "result": "positive"}
    f = Findings.from_dict(
        {"symptoms": [sym, sym], "motor": [mot, mot], "reflexes": [ref, ref], "tests": [tst, tst]}
    )
    assert (len(f.symptoms), len(f.motor), len(f.reflexes), len(f.tests)) == (1, 1, 1, 1)
    # the same zone with another kind is another symptom, not a duplicate
    other = {**sym, "kind": "pain"}
    assert len(Findings.from_dict({"symptoms": [sym, other]}).symptoms) == 2
    # an angle recorded once and left out once is the same test
    with_angle = {**tst, "angle": 45}
    assert len(Findings.from_dict({"tests": [with_angle, tst]}).tests) == 1


@pytest.mark.parametrize(
    ("key", "entries", "field"),
    [
        (
            "motor",
            [
                {"movement": "great_toe_extension", "side": "left", "grade": 3},
                {"movement": "hip_flexion", "side": "left", "grade": 5},
                {"movement": "great_toe_extension", "side": "right", "grade": 5},
                {"movement": "great_toe_extension", "side": "left", "grade": 5},
            ],
            "motor[0] and motor[3]",
        ),
        (
            "reflexes",
            [
                {"reflex": "achilles", "side": "left", "status": "absent"},
                {"reflex": "achilles", "side": "left", "status": "normal"},
            ],
            "reflexes[0] and reflexes[1]",
        ),
        (
            "tests",
            [
                {"test": "slr", "side": "left", "result": "positive"},
                {"test": "slr", "side": "left", "result": "negative"},
            ],
            "tests[0] and tests[1]",
        ),
        (
            "tests",
            [
                {"test": "slr", "side": "left", "result": "positive", "angle": 30},
                {"test": "slr", "side": "left", "result": "positive", "angle": 80},
            ],
            "tests[0] and tests[1]",
        ),
    ],
)
def test_contradictions_are_refused_naming_both(
    key: str, entries: list[dict[str, Any]], field: str
) -> None:
    with pytest.raises(FindingsError) as err:
        Findings.from_dict({key: entries})
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}: contradict")


def test_lists_hold_at_most_500_entries() -> None:
    one = {"zone": "heel", "side": "left", "kind": "numbness"}
    assert len(Findings.from_dict({"symptoms": [one] * 500}).symptoms) == 1
    with pytest.raises(FindingsError) as err:
        Findings.from_dict({"symptoms": [one] * 501})
    assert err.value.field == "symptoms" and "500" in str(err.value)


@pytest.mark.parametrize(
    "value",
    [10**400, -(10**400), 10**5000, 1e308, float("inf")],
    ids=["400 digits", "-400 digits", "5000 digits", "1e308", "inf"],
)
def test_huge_numbers_give_one_short_line(value: Any) -> None:
    for doc, field in (
        ({"age": value}, "age"),
        ({"pain_score": value}, "pain_score"),
        (
            {"motor": [{"movement": "hip_flexion", "side": "left", "grade": value}]},
            "motor[0].grade",
        ),
    ):
        with pytest.raises(FindingsError) as err:
            Findings.from_dict(doc)
        assert err.value.field == field
        assert "\n" not in str(err.value) and len(str(err.value)) < 200


def test_hostile_keys_and_values_are_shown_short_and_escaped() -> None:
    with pytest.raises(FindingsError) as err:
        Findings.from_dict({"bad\nkey\x1b[31m": 1})
    assert "\n" not in str(err.value) and "\x1b" not in str(err.value)
    with pytest.raises(FindingsError) as err:
        Findings.from_dict({"sex": "x" * 2_000_000})
    assert len(str(err.value)) < 300
