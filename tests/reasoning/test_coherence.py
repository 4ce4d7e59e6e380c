"""One result tells one story (H10): the pattern, the leading localization, the levels, the
causes and the first step of the plan agree, on cases written from CLINICAL.md §9-§13.

A look-alike that leads a side (a painless foot drop with a Tinel sign at the fibular head,
a stocking in both feet, calf claudication relieved by standing still) is not called
radicular, brings no disc levels, weighs the spine's causes down by its own share, and its
own plan comes first; a root picture keeps its root, level, cause and spinal plan."""

from __future__ import annotations

from typing import Any

import pytest

from radviz.knowledge.loader import load_kb
from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import infer
from radviz.reasoning.report import format_result
from radviz.reasoning.result import Result


def S(zone: str, side: str, kind: str) -> dict[str, str]:
    return {"zone": zone, "side": side, "kind": kind}


def M(movement: str, side: str, grade: int) -> dict[str, Any]:
    return {"movement": movement, "side": side, "grade": grade}


def R(reflex: str, side: str, status: str) -> dict[str, str]:
    return {"reflex": reflex, "side": side, "status": status}


def T(test: str, side: str, result: str, **kw: Any) -> dict[str, Any]:
    return {"test": test, "side": side, "result": result, **kw}


FOOT = ("foot_dorsum", "sole", "great_toe", "little_toe", "heel", "foot_medial_edge")

CASES: dict[str, dict[str, Any]] = {
    # Harrison Table 48-1; Suri 2011; Deville 2000: L5 below the knee, EHL weak, SLR.
    "l5_disc": {
        "age": 42,
        "duration_weeks": 3,
        "symptoms": [
            S("buttock_lower", "left", "pain"),
            S("thigh_posterior", "left", "pain"),
            S("leg_anterolateral", "left", "pain"),
            S("foot_dorsum", "left", "numbness"),
            S("great_toe", "left", "numbness"),
        ],
        "motor": [M("great_toe_extension", "left", 4)],
        "reflexes": [R("achilles", "left", "normal")],
        "tests": [T("slr", "left", "positive", angle=45)],
        "flags": {"worse_sitting": True, "worse_cough_sneeze": True, "back_pain": True},
    },
    # S1: lateral foot and sole, plantarflexion weak, Achilles reduced (Suri 2011).
    "s1_disc": {
        "age": 38,
        "symptoms": [
            S("buttock_lower", "right", "pain"),
            S("thigh_posterior", "right", "pain"),
            S("calf_posterior", "right", "pain"),
            S("foot_lateral_edge", "right", "numbness"),
            S("little_toe", "right", "numbness"),
            S("sole", "right", "tingling"),
        ],
        "motor": [M("ankle_plantarflexion", "right", 4)],
        "reflexes": [R("achilles", "right", "reduced")],
        "tests": [T("slr", "right", "positive", angle=40)],
        "flags": {"worse_cough_sneeze": True, "back_pain": True},
    },
    # L4: femoral stretch, patellar reflex, quadriceps and adductors weak, medial leg.
    "l4_femoral_stretch": {
        "age": 55,
        "symptoms": [
            S("thigh_anterior_lower", "left", "pain"),
            S("knee_anterior", "left", "pain"),
            S("leg_medial", "left", "numbness"),
            S("ankle_medial", "left", "numbness"),
        ],
        "motor": [M("knee_extension", "left", 4), M("hip_adduction", "left", 4)],
        "reflexes": [R("patellar", "left", "reduced")],
        "tests": [T("femoral_stretch", "left", "positive")],
        "flags": {"back_pain": True},
    },
    # CLINICAL.md §12: painless foot drop, inversion and hip abduction spared, Tinel at the
    # fibular head, leg crossing: a common peroneal palsy (Marciniak 2013).
    "peroneal": {
        "age": 47,
        "symptoms": [
            S("foot_dorsum", "right", "numbness"),
            S("leg_anterolateral", "right", "numbness"),
        ],
        "motor": [
            M("ankle_dorsiflexion", "right", 3),
            M("great_toe_extension", "right", 3),
            M("ankle_eversion", "right", 4),
            M("ankle_inversion", "right", 5),
            M("hip_abduction", "right", 5),
        ],
        "reflexes": [R("achilles", "right", "normal"), R("patellar", "right", "normal")],
        "tests": [T("tinel_fibular_head", "right", "positive"), T("slr", "right", "negative")],
        "flags": {"back_pain": False, "habitual_leg_crossing": True},
    },
    # Length-dependent polyneuropathy: symmetric stocking, both ankle reflexes lost, diabetes.
    "diabetic_stocking": {
        "age": 66,
        "symptoms": [S(z, s, "numbness") for s in ("left", "right") for z in FOOT],
        "reflexes": [R("achilles", "left", "absent"), R("achilles", "right", "absent")],
        "flags": {"diabetes": True},
    },
    # Meralgia: lone burning of the outer thigh, normal strength, reflex and femoral stretch.
    "meralgia": {
        "age": 45,
        "symptoms": [S("thigh_lateral", "left", "burning")],
        "motor": [M("hip_flexion", "left", 5), M("knee_extension", "left", 5)],
        "reflexes": [R("patellar", "left", "normal")],
        "tests": [T("femoral_stretch", "left", "negative")],
    },
    # Laslett 2005: buttock and sacral ache, positive provocation cluster, normal exam.
    "si_joint": {
        "age": 40,
        "symptoms": [S("buttock_upper", "left", "aching"), S("sacrum", "midline", "aching")],
        "motor": [M("ankle_dorsiflexion", "left", 5)],
        "reflexes": [R("achilles", "left", "normal")],
        "tests": [T("si_provocation", "left", "positive"), T("slr", "left", "negative")],
    },
    # Fishman 2002: buttock and back-of-thigh pain worse sitting, FAIR positive, normal exam.
    "piriformis": {
        "age": 35,
        "symptoms": [S("buttock_lower", "right", "pain"), S("thigh_posterior", "right", "pain")],
        "motor": [M("ankle_plantarflexion", "right", 5), M("great_toe_extension", "right", 5)],
        "reflexes": [R("achilles", "right", "normal")],
        "tests": [T("fair", "right", "positive"), T("slr", "right", "negative")],
        "flags": {"worse_sitting": True},
    },
    # Nadeau 2013: calf pain on walking relieved by standing still (LR+ 20); pulses.
    "vascular": {
        "age": 68,
        "symptoms": [S("calf_posterior", "left", "aching")],
        "motor": [M("ankle_plantarflexion", "left", 5)],
        "reflexes": [R("achilles", "left", "normal")],
        "flags": {
            "worse_walking_relieved_standing": True,
            "diminished_pedal_pulses": True,
            "smoker": True,
        },
    },
    # GIRFT 2023: saddle anaesthesia with bladder dysfunction.
    "cauda_equina": {
        "age": 45,
        "symptoms": [
            S("saddle", "midline", "numbness"),
            S("thigh_posterior", "left", "pain"),
            S("calf_posterior", "left", "pain"),
            S("thigh_posterior", "right", "pain"),
        ],
        "reflexes": [R("achilles", "left", "reduced")],
        "flags": {"bladder_dysfunction": True},
    },
    # Suri JAMA 2010: older, both legs, relieved by sitting (neurogenic claudication).
    "neurogenic_claudication": {
        "age": 74,
        "symptoms": [
            S(z, s, "aching")
            for s in ("left", "right")
            for z in ("buttock_lower", "thigh_posterior", "calf_posterior")
        ],
        "flags": {"worse_walking_relieved_sitting": True, "back_pain": True},
    },
}

SPINAL_PLAN = {"stay_active", "physical_therapy", "nsaids", "heat_cold"}
SPINAL_ONLY = {"microdiscectomy", "epidural_steroid_injection", "laminectomy_decompression"}


def run(name: str) -> Result:
    return infer(Findings.from_dict(CASES[name]))


def leader(result: Result, side: str) -> str:
    return result.localization_for(side)[0].id


def first_ordinary(result: Result) -> str:
    """The first plan item that no red flag put there."""
    kb = load_kb()
    return next(
        t.id for t in result.treatments if kb.treatments[t.id].data["category"] != "referral"
    )


ROOT_CASES = {
    # case: (side, root, top level (level, zone), top cause)
    "l5_disc": ("left", "L5", ("L4-L5", "paracentral"), "disc_herniation"),
    "s1_disc": ("right", "S1", ("L5-S1", "paracentral"), "disc_herniation"),
    "l4_femoral_stretch": ("left", "L4", None, "disc_herniation"),
}


@pytest.mark.parametrize("name", sorted(ROOT_CASES))
def test_root_pictures_keep_their_story(name: str) -> None:
    side, root, level, cause = ROOT_CASES[name]
    result = run(name)
    assert result.pattern == "radicular"
    assert leader(result, side) == root
    assert result.levels and result.levels[0].root == root
    if level is not None:
        assert (result.levels[0].level, result.levels[0].zone) == level
    assert result.causes[0].id == cause and result.causes[0].probability >= 0.5
    assert result.treatments[0].step == "first" and result.treatments[0].id in SPINAL_PLAN


LOOKALIKE_CASES = {
    # case: (the look-alike that leads every side with findings, its first plan item)
    "peroneal": ("common_peroneal_neuropathy", "protect_peroneal_nerve"),
    "diabetic_stocking": ("peripheral_neuropathy", "neuropathy_work_up"),
    "meralgia": ("meralgia_paresthetica", "meralgia_self_care"),
    "vascular": ("vascular_claudication", "vascular_assessment"),
}


@pytest.mark.parametrize("name", sorted(LOOKALIKE_CASES))
def test_a_leading_lookalike_tells_the_whole_story(name: str) -> None:
    did, first = LOOKALIKE_CASES[name]
    result = run(name)
    sides = {c.side for c in result.localization}
    assert sides and all(leader(result, side) == did for side in sides)
    # not sciatica: a nerve outside the spine or a vessel fits no root (CONTRACT §4)
    assert result.pattern == "non_dermatomal"
    assert result.levels == ()
    # the spine's causes weigh at most what the look-alike leaves over
    share = max(c.probability for c in result.localization if c.id == did)
    assert sum(c.probability for c in result.causes) <= 1.0 - share + 1e-9
    assert all(c.probability < 0.5 for c in result.causes)
    assert result.treatments[0].id == first
    ids = {t.id for t in result.treatments}
    assert not ids & SPINAL_ONLY
    assert result.differentials and result.differentials[0].id == did


def test_cauda_equina_puts_the_emergency_first() -> None:
    result = run("cauda_equina")
    assert "cauda_equina_syndrome" in {f.id for f in result.red_flags}
    assert result.pattern in ("radicular", "mixed")
    assert result.treatments[0].id == "emergency_mri_decompression"
    assert result.treatments[0].step == "emergency"
    assert not [t for t in result.treatments if t.step == "first"]
    assert not any(c.kind == "mimic" for c in (result.localization_for("left")[:1]))


def test_neurogenic_claudication_is_the_spine_s_story() -> None:
    result = run("neurogenic_claudication")
    assert result.pattern in ("radicular", "mixed")
    for side in ("left", "right"):
        assert result.localization_for(side)[0].kind != "mimic"
    assert result.causes[0].id == "spinal_stenosis"
    assert first_ordinary(result) in SPINAL_PLAN


@pytest.mark.parametrize("name", sorted(CASES))
def test_pattern_follows_the_leaders(name: str) -> None:
    """A side led by a root is radicular; a case whose every side a look-alike leads is not
    radicular, and its levels are empty."""
    result = run(name)
    kinds = {
        result.localization_for(s)[0].kind for s in ("left", "right") if result.localization_for(s)
    }
    if "root" in kinds:
        assert result.pattern in ("radicular", "mixed")
    if kinds == {"mimic"}:
        assert result.pattern not in ("radicular", "mixed") and not result.levels


def test_the_text_reports_tell_the_same_story() -> None:
    result = run("peroneal")
    findings = Findings.from_dict(CASES["peroneal"])
    patient = format_result(result, findings, "patient")
    assert "outside of the knee" in patient  # the headline names the leader
    assert "pinched in the lower back" in patient  # ... against the root, as the second
    assert "Disc herniation" not in patient and "L4-L5" not in patient
    assert "Do not cross your legs" in patient  # the plan is the nerve's own
    assert "Common peroneal (fibular) nerve palsy leads" in result.explanation[0]
    clinician = format_result(result, findings, "clinician")
    assert "Microdiscectomy" not in clinician
    assert "Where the root may be compressed" not in clinician
    assert clinician.index("Protect the nerve at the knee") < clinician.index("Nerve conduction")


SOMATIC_CASES = {
    "si_joint": ("left", "sacroiliac_joint_pain", "buttock_pain_physiotherapy"),
    "piriformis": ("right", "piriformis_syndrome", "buttock_pain_physiotherapy"),
}


@pytest.mark.parametrize("name", sorted(SOMATIC_CASES))
def test_weak_somatic_pictures_lead_with_their_lookalike(name: str) -> None:
    """CLINICAL.md §10: the defining test with a normal examination beats "none"; the pain
    stays somatic referred pain (no nerve signs), and the look-alike's own plan comes first."""
    side, did, first = SOMATIC_CASES[name]
    result = run(name)
    ranked = result.localization_for(side)
    assert ranked[0].id == did
    assert ranked[0].probability > next(c.probability for c in ranked if c.id == "none")
    assert result.pattern == "referred"
    assert not result.levels
    assert result.treatments[0].id == first


def test_a_normal_symptom_free_side_keeps_none_high() -> None:
    """The other side of the meralgia case, examined and normal, is not a look-alike's."""
    doc = {
        **CASES["meralgia"],
        "motor": [*CASES["meralgia"]["motor"], M("hip_flexion", "right", 5)],
        "reflexes": [*CASES["meralgia"]["reflexes"], R("patellar", "right", "normal")],
    }
    right = infer(Findings.from_dict(doc)).localization_for("right")
    assert right[0].id == "none" and right[0].probability >= 0.6


def test_a_severe_peroneal_foot_drop_gets_an_urgent_nerve_work_up_not_a_spine_surgeon() -> None:
    """Red flags still drive the plan (CLINICAL.md §13), by the leader's own urgent route."""
    doc = {
        **CASES["peroneal"],
        "motor": [M("ankle_dorsiflexion", "right", 2)]
        + [m for m in CASES["peroneal"]["motor"] if m["movement"] != "ankle_dorsiflexion"],
    }
    result = infer(Findings.from_dict(doc))
    assert "severe_motor_deficit" in {f.id for f in result.red_flags}
    assert leader(result, "right") == "common_peroneal_neuropathy"
    assert (result.treatments[0].step, result.treatments[0].id) == (
        "urgent",
        "urgent_nerve_assessment",
    )
    assert "urgent_surgical_assessment" not in {t.id for t in result.treatments}
    # the same weakness in a root picture keeps the spine surgeon
    l5 = {**CASES["l5_disc"], "motor": [M("great_toe_extension", "left", 2)]}
    ids = [t.id for t in infer(Findings.from_dict(l5)).treatments]
    assert ids[0] == "urgent_surgical_assessment" and "urgent_nerve_assessment" not in ids


def test_a_side_examined_and_normal_is_said_so_and_gets_no_test_to_suggest() -> None:
    """classic_l5's left leg has only normal reflexes: nothing there needs explaining."""
    from radviz.reasoning.localization import headline
    from radviz.training.demos import DEMOS

    findings = Findings.from_dict(DEMOS["classic_l5"].findings)
    result = infer(findings)
    assert result.quiet_sides == ("left",)
    assert result.localization_for("left")[0].id == "none"  # the contract's ranking stays
    assert not [t for t in result.next_tests if t.side == "left"]
    assert [t for t in result.next_tests if t.side == "right"]
    kb = load_kb()
    quiet = headline(kb, result.localization_for("left"), quiet=True)
    assert quiet == kb.atlas.plain["headline_quiet"]
    text = format_result(result, findings, audience="patient")
    assert f"Your left side: {quiet}" in text
    assert "Nothing radviz knows explains" not in text
