"""Advice that a patient and a clinician can trust (issue 14; contract 7.2).

Red flags drive the plan (CLINICAL.md §13), severity comes from the person (pain, function,
deficit, duration), NICE NG59 options appear when they fit and not otherwise, and the
pattern headline says what the picture is.
"""

from __future__ import annotations

from typing import Any

import pytest

from radviz.anatomy import vocab
from radviz.knowledge.loader import load_kb
from radviz.reasoning import red_flags, severity, treatments
from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import infer
from radviz.reasoning.result import ImagingVerdict, Result


def S(zone: str, side: str, kind: str) -> dict[str, str]:
    return {"zone": zone, "side": side, "kind": kind}


def M(movement: str, side: str, grade: int) -> dict[str, Any]:
    return {"movement": movement, "side": side, "grade": grade}


def run(doc: dict[str, Any]) -> Result:
    return infer(Findings.from_dict(doc))


def steps(result: Result) -> dict[str, str]:
    return {t.id: t.step for t in result.treatments}


def flag_ids(result: Result) -> dict[str, str]:
    return {f.id: f.urgency for f in result.red_flags}


L5_LEG = [S("foot_dorsum", "right", "numbness"), S("leg_anterolateral", "right", "pain")]
CAUDA = {
    "age": 45,
    "duration_weeks": 1,
    "pain_score": 9,
    "function": "severely_limited",
    "symptoms": [
        S("calf_posterior", "left", "pain"),
        S("calf_posterior", "right", "pain"),
        S("saddle", "midline", "numbness"),
    ],
    "flags": {"bladder_dysfunction": True},
}
CONSERVATIVE = {"stay_active", "physical_therapy", "heat_cold", "mckenzie_directional_preference"}
HANDS_ON = {"chiropractic_manipulation", "massage"}


# ------------------------------------------------------------------ red flags drive the plan
def test_cauda_equina_plan_puts_emergency_mri_and_decompression_first() -> None:
    result = run(CAUDA)
    assert flag_ids(result)["cauda_equina_syndrome"] == "emergency"
    first = result.treatments[0]
    assert (first.id, first.step) == ("emergency_mri_decompression", "emergency")
    assert "girft2023" in first.sources
    assert not [t.id for t in result.treatments if t.step == "first"]
    # CLINICAL.md §13: nothing else comes first; no "keep active, pain may flare" advice
    kb = load_kb()
    assert all(kb.treatments[t.id].data["category"] == "referral" for t in result.treatments)
    ids = steps(result)
    assert not ids.keys() & (CONSERVATIVE | HANDS_ON | {"epidural_steroid_injection", "nsaids"})


def test_an_emergency_moves_a_prompt_check_after_it() -> None:
    result = run({**CAUDA, "flags": {"bladder_dysfunction": True, "night_pain": True}})
    assert result.treatments[0].step == "emergency"
    check = next(t for t in result.treatments if t.id == "serious_cause_check")
    assert (check.step, check.after) == ("next", "After the emergency is dealt with")
    assert not [t.id for t in result.treatments if t.step == "first"]


def test_plan_is_sorted_by_step_then_grade() -> None:
    for doc in (CAUDA, {"age": 40, "duration_weeks": 2, "symptoms": L5_LEG}):
        plan = run(doc).treatments
        order = [
            (vocab.TREATMENT_STEPS.index(t.step), vocab.EVIDENCE_GRADES.index(t.evidence))
            for t in plan
        ]
        assert order == sorted(order)
        assert all(t.reason and t.sources for t in plan)


def test_progressive_foot_drop_gets_urgent_surgical_assessment_first() -> None:
    result = run(
        {
            "age": 50,
            "duration_weeks": 3,
            "symptoms": L5_LEG,
            "motor": [M("ankle_dorsiflexion", "right", 3), M("great_toe_extension", "right", 3)],
            "flags": {"progressive_weakness": True},
        }
    )
    assert flag_ids(result) == {"progressive_neurological_deficit": "urgent"}
    assert (result.treatments[0].id, result.treatments[0].step) == (
        "urgent_surgical_assessment",
        "urgent",
    )
    assert "physical_therapy" not in {t.id for t in result.treatments if t.step == "first"}
    assert "chiropractic_manipulation" not in steps(result)
    moved = next(t for t in result.treatments if t.id == "physical_therapy")
    assert (moved.step, moved.after) == ("next", "Alongside the urgent surgical assessment")
    assert result.to_dict()["treatments"][0]["step"] == "urgent"


@pytest.mark.parametrize(
    ("flags", "age", "flag"),
    [
        ({"fever": True}, 40, "infection"),
        ({"cancer_history": True}, 66, "malignancy"),
        ({"significant_trauma": True}, 50, "fracture"),
        ({"osteoporosis": True}, 75, "fracture"),
    ],
)
def test_serious_causes_get_urgent_tests_and_no_hands_on_care_or_exercise(
    flags: dict[str, bool], age: int, flag: str
) -> None:
    result = run({"age": age, "duration_weeks": 2, "symptoms": L5_LEG, "flags": flags})
    assert flag_ids(result)[flag] == "urgent"
    assert (result.treatments[0].id, result.treatments[0].step) == (
        "urgent_investigation",
        "urgent",
    )
    kb = load_kb()
    for t in result.treatments:
        if t.step in ("first", "next"):
            category = kb.treatments[t.id].data["category"]
            assert category not in ("manual_therapy", "exercise"), t.id


def test_a_weak_red_flag_asks_for_a_prompt_check_without_manipulation() -> None:
    result = run(
        {"age": 40, "duration_weeks": 2, "symptoms": L5_LEG, "flags": {"night_pain": True}}
    )
    assert flag_ids(result) == {"malignancy": "soon"}
    assert steps(result)["serious_cause_check"] == "first"
    assert "chiropractic_manipulation" not in steps(result)


# ------------------------------------------------------------- red flags: rules as data
def test_severe_static_weakness_is_not_called_worsening() -> None:
    static = run({"symptoms": L5_LEG, "motor": [M("ankle_dorsiflexion", "right", 2)]})
    assert flag_ids(static) == {"severe_motor_deficit": "urgent"}
    assert "worse" not in static.red_flags[0].why.lower()
    assert load_kb().red_flags["severe_motor_deficit"].name == "Severe nerve weakness"
    assert steps(static)["urgent_surgical_assessment"] == "urgent"
    worse = run(
        {
            "symptoms": L5_LEG,
            "motor": [M("ankle_dorsiflexion", "right", 2)],
            "flags": {"progressive_weakness": True},
        }
    )
    assert flag_ids(worse) == {"progressive_neurological_deficit": "urgent"}
    # MRC 3 is marked weakness, severe for the plan, but not a red flag (contract 7.2: <= 2)
    three = run({"symptoms": L5_LEG, "motor": [M("ankle_dorsiflexion", "right", 3)]})
    assert three.red_flags == () and three.severity == "severe"


def test_age_over_70_with_osteoporosis_is_an_urgent_fracture_flag() -> None:
    """The `age_over_fracture_age` trigger is wired (issue 12.3: it did nothing before)."""
    assert flag_ids(run({"age": 75, "flags": {"osteoporosis": True}})) == {"fracture": "urgent"}
    assert flag_ids(run({"age": 60, "flags": {"osteoporosis": True}})) == {"fracture": "soon"}
    assert run({"age": 75}).red_flags == ()


def test_bilateral_root_signs_warn_unless_saddle_and_sphincter_were_denied() -> None:
    both = {
        "symptoms": [S("foot_dorsum", side, "numbness") for side in vocab.SIDES]
        + [S("leg_anterolateral", side, "pain") for side in vocab.SIDES],
        "motor": [M("great_toe_extension", side, 3) for side in vocab.SIDES],
    }
    assert flag_ids(run(both)) == {"cauda_equina_syndrome": "urgent"}
    assert steps(run(both))["ces_same_day_assessment"] == "urgent"
    denied = dict.fromkeys(("saddle_anesthesia", "bladder_dysfunction", "bowel_dysfunction"), False)
    assert run({**both, "flags": denied}).red_flags == ()


def test_an_unknown_trigger_in_the_rules_is_refused() -> None:
    from radviz.knowledge.loader import KnowledgeError

    case = red_flags.Case(Findings(), (), load_kb())
    with pytest.raises(KnowledgeError, match="unknown trigger"):
        red_flags.trigger("reduced_anal_tone", case)


# ------------------------------------------------------------------ severity from the person
def test_severity_combines_pain_function_and_deficit() -> None:
    kb = load_kb()

    def level(doc: dict[str, Any]) -> str:
        return severity.assess(Findings.from_dict(doc), [], kb).level

    assert level({}) == "mild" and not severity.assess(Findings(), [], kb).known
    assert level({"pain_score": 5}) == "mild"  # Boonstra 2016: <= 5 mild
    assert level({"pain_score": 6}) == "moderate"
    assert level({"pain_score": 8}) == "severe"
    assert level({"pain_score": 2, "function": "severely_limited"}) == "severe"
    assert level({"pain_score": 2, "motor": [M("hip_abduction", "left", 4)]}) == "moderate"
    assert level({"motor": [M("hip_abduction", "left", 3)]}) == "severe"


def test_severe_sciatica_sees_nice_options_with_their_conditions() -> None:
    """Issue 14: 8 weeks of disabling L5 sciatica and no deficit saw no injection or surgery."""
    result = run(
        {
            "age": 60,
            "duration_weeks": 8,
            "pain_score": 8,
            "function": "severely_limited",
            "symptoms": [*L5_LEG, S("thigh_posterior", "right", "pain")],
            "tests": [{"test": "slr", "side": "right", "result": "positive", "angle": 40}],
        }
    )
    assert result.severity == "severe" and not result.red_flags
    plan = {t.id: t for t in result.treatments}
    assert plan["epidural_steroid_injection"].step == "specialist"
    assert plan["epidural_steroid_injection"].evidence == "consider"
    assert plan["microdiscectomy"].step == "specialist"
    assert "if a scan matches your symptoms" in plan["microdiscectomy"].why
    assert plan["stay_active"].step == "first" and plan["physical_therapy"].step == "first"


def test_mild_recent_sciatica_starts_with_staying_active_and_exercise_only() -> None:
    result = run(
        {
            "age": 35,
            "duration_weeks": 2,
            "pain_score": 3,
            "function": "normal",
            "symptoms": L5_LEG,
        }
    )
    ids = steps(result)
    assert result.severity == "mild"
    assert ids["stay_active"] == "first" and ids["physical_therapy"] == "first"
    for tid in ("epidural_steroid_injection", "microdiscectomy", "selective_nerve_root_block"):
        assert tid not in ids


def test_decompression_waits_for_failed_care_and_a_matching_scan() -> None:
    kb = load_kb()
    doc = {
        "age": 45,
        "pain_score": 8,
        "function": "limited",
        "symptoms": L5_LEG,
        "tests": [{"test": "slr", "side": "right", "result": "positive"}],
    }
    early = run({**doc, "duration_weeks": 3})
    assert "microdiscectomy" not in steps(early)  # non-surgical care has not had its time
    f = Findings.from_dict({**doc, "duration_weeks": 10})
    base = infer(f)
    fired = red_flags.winners(red_flags.fired_rules(f, [], kb))
    sev = severity.assess(f, [], kb)

    def plan(verdict: str) -> set[str]:
        scan = (ImagingVerdict("L4-L5", "right", "paracentral", "extrusion", verdict, ""),)
        options = treatments.plan(f, base.pattern, base.causes, fired, sev, kb, imaging=scan)
        return {t.id for t in options}

    assert "microdiscectomy" in plan("concordant")
    assert "microdiscectomy" not in plan("incidental")


# --------------------------------------------------------------------------- headlines
@pytest.mark.parametrize(
    "symptoms",
    [
        [S("leg_anterolateral", "left", "burning")],  # one burning stroke along the L5 strip
        [S("leg_anterolateral", "left", "burning"), S("foot_dorsum", "left", "burning")],
        [S("buttock_lower", "right", "numbness")],  # one numb buttock patch
        [S("foot_dorsum", "left", "numbness"), S("sole", "left", "numbness")],  # L5 + S1
        [S("lower_back", "left", "pain"), S("leg_anterolateral", "left", "burning")],
        [S("sacrum", "midline", "aching"), S("leg_anterolateral", "left", "burning")],
    ],
)
def test_root_shaped_pictures_are_never_non_dermatomal(symptoms: list[dict[str, str]]) -> None:
    assert run({"symptoms": symptoms}).pattern != "non_dermatomal"


def test_back_ache_beside_a_weak_root_picture_is_mixed() -> None:
    doc = {
        "symptoms": [S("lower_back", "left", "aching"), S("leg_anterolateral", "left", "burning")]
    }
    assert run(doc).pattern == "mixed"


def test_stocking_and_whole_limb_spread_stay_non_dermatomal() -> None:
    feet = ["foot_dorsum", "sole", "heel", "great_toe", "little_toe", "foot_medial_edge"]
    stocking = [S(z, side, "numbness") for z in feet for side in vocab.SIDES]
    assert run({"symptoms": stocking}).pattern == "non_dermatomal"
    limb = [S(z, "left", "numbness") for z in vocab.ZONES if z not in vocab.MIDLINE_ZONES]
    assert run({"symptoms": limb}).pattern == "non_dermatomal"
    # groin, shin and sole: no one root or two neighbours reach all three
    scattered = [S("inguinal", "left", "numbness"), S("leg_medial", "left", "numbness")]
    scattered.append(S("little_toe", "left", "numbness"))
    assert run({"symptoms": scattered}).pattern == "non_dermatomal"


def test_the_same_weakness_twice_counts_once() -> None:
    once = run({"symptoms": L5_LEG, "motor": [M("great_toe_extension", "right", 3)]})
    twice = run({"symptoms": L5_LEG, "motor": [M("great_toe_extension", "right", 3)] * 2})
    assert once.to_dict() == twice.to_dict()


def test_infer_offers_decompression_only_when_the_scan_matches() -> None:
    """NICE NG59: decompression when non-surgical care has not helped and imaging is
    consistent; an incidental finding does not count as consistent."""
    doc = {
        "age": 45,
        "duration_weeks": 10,
        "pain_score": 8,
        "function": "limited",
        "symptoms": L5_LEG,
        "tests": [{"test": "slr", "side": "right", "result": "positive"}],
    }
    matching = "L4-L5: right paracentral disc extrusion compressing the traversing right L5 root."
    elsewhere = "L2-L3: mild disc bulge without stenosis."
    with_match = run({**doc, "imaging": {"report": matching}})
    assert [v.verdict for v in with_match.imaging or ()] == ["concordant"]
    plan = {t.id: t for t in with_match.treatments}
    assert plan["microdiscectomy"].step == "specialist"
    assert "scan" not in plan["microdiscectomy"].why  # no condition left to state
    no_match = run({**doc, "imaging": {"report": elsewhere}})
    assert [v.verdict for v in no_match.imaging or ()] == ["incidental"]
    assert "microdiscectomy" not in steps(no_match)
