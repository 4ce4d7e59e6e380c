"""Clinical vignettes written from shared/reference/CLINICAL.md; each asserts what a
clinician would accept. Sections: roots, honesty, red flags, mimics, patterns, causes,
levels, treatments."""

from __future__ import annotations

from typing import Any

import pytest

from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import infer
from radviz.reasoning.result import Result


def S(zone: str, side: str, kind: str) -> dict[str, str]:
    return {"zone": zone, "side": side, "kind": kind}


def M(movement: str, side: str, grade: int) -> dict[str, Any]:
    return {"movement": movement, "side": side, "grade": grade}


def R(reflex: str, side: str, status: str) -> dict[str, str]:
    return {"reflex": reflex, "side": side, "status": status}


def T(test: str, side: str, result: str, **kw: Any) -> dict[str, Any]:
    return {"test": test, "side": side, "result": result, **kw}


def run(doc: dict[str, Any]) -> Result:
    return infer(Findings.from_dict(doc))


def top(result: Result, side: str) -> str:
    return result.roots_for(side)[0].root


def top_diff(result: Result) -> str:
    return result.differentials[0].id


def flag_ids(result: Result) -> dict[str, str]:
    return {f.id: f.urgency for f in result.red_flags}


# ---------------------------------------------------------------------- roots
ROOT_CASES = {
    # Harrison Table 48-1; ISNCSCI key point L1 inguinal; hip flexion weak is L2 (key muscle):
    # an upper-lumbar picture. A clinician accepts L1 or L2, never L5/S1.
    "L1": (
        {
            "age": 50,
            "symptoms": [S("inguinal", "left", "numbness"), S("inguinal", "left", "pain")],
        },
        {"L1", "L2"},
        "left",
    ),
    # Suri 2011: anterior thigh sensory LR 13 for L2; hip flexors ISNCSCI key muscle.
    "L2": (
        {
            "age": 60,
            "symptoms": [
                S("thigh_anterior_upper", "left", "numbness"),
                S("inguinal", "left", "pain"),
            ],
            "motor": [M("hip_flexion", "left", 4)],
            "tests": [T("femoral_stretch", "left", "positive")],
        },
        {"L2"},
        "left",
    ),
    # L3: lower anterior thigh and knee, knee extension and adduction, femoral stretch LR 5.7.
    "L3": (
        {
            "age": 62,
            "symptoms": [
                S("thigh_anterior_lower", "right", "numbness"),
                S("knee_medial", "right", "numbness"),
            ],
            "motor": [M("hip_adduction", "right", 4), M("knee_extension", "right", 4)],
            "tests": [T("femoral_stretch", "right", "positive")],
        },
        {"L3"},
        "right",
    ),
    # L4: medial leg to medial malleolus; patellar reflex LR 7.7; femoral stretch.
    "L4": (
        {
            "age": 58,
            "symptoms": [
                S("leg_medial", "left", "numbness"),
                S("ankle_medial", "left", "tingling"),
                S("knee_anterior", "left", "pain"),
            ],
            "motor": [M("knee_extension", "left", 4), M("ankle_dorsiflexion", "left", 4)],
            "reflexes": [R("patellar", "left", "reduced")],
            "tests": [T("femoral_stretch", "left", "positive")],
        },
        {"L4"},
        "left",
    ),
    # L5: dorsum of foot and great toe numbness, EHL weak, hip abduction weak (LR 11).
    "L5": (
        {
            "age": 45,
            "symptoms": [
                S("leg_anterolateral", "right", "pain"),
                S("foot_dorsum", "right", "numbness"),
                S("great_toe", "right", "tingling"),
            ],
            "motor": [M("great_toe_extension", "right", 4), M("hip_abduction", "right", 4)],
            "tests": [T("slr", "right", "positive", angle=50)],
        },
        {"L5"},
        "right",
    ),
    # S1: lateral foot and sole, plantar flexion weak, absent Achilles (LR 7.1).
    "S1": (
        {
            "age": 38,
            "symptoms": [
                S("calf_posterior", "left", "pain"),
                S("foot_lateral_edge", "left", "numbness"),
                S("sole", "left", "tingling"),
            ],
            "motor": [M("ankle_plantarflexion", "left", 4)],
            "reflexes": [R("achilles", "left", "absent")],
            "tests": [T("slr", "left", "positive", angle=40)],
        },
        {"S1"},
        "left",
    ),
    # S2: posterior thigh strip and popliteal fossa (key point), toe flexors.
    "S2": (
        {
            "age": 50,
            "symptoms": [
                S("thigh_posterior", "left", "numbness"),
                S("popliteal_fossa", "left", "numbness"),
            ],
            "motor": [M("toe_flexion", "left", 4)],
        },
        {"S2"},
        "left",
    ),
}


@pytest.mark.parametrize("name", list(ROOT_CASES))
def test_root_vignette_ranks_the_expected_root_first(name: str) -> None:
    doc, expected, side = ROOT_CASES[name]
    result = run(doc)
    assert top(result, side) in expected
    # Nothing on the other side was recorded, so no root is listed there.
    other = "right" if side == "left" else "left"
    assert result.roots_for(other) == ()


def test_classic_s1_is_confident_but_never_certain() -> None:
    result = run(ROOT_CASES["S1"][0])
    s1 = result.root("S1", "left")
    assert s1 is not None and 0.75 < s1.probability < 0.97
    assert result.pattern == "radicular"
    kinds = {e.kind for e in s1.evidence}
    assert {"prior", "sensory", "motor", "reflex", "test"} <= kinds


def test_l5_versus_s1_from_a_pain_drawing_alone_stays_uncertain() -> None:
    # Albert 2019: clinicians are no better than chance at L5 vs S1 from pain drawings.
    result = run(
        {
            "age": 40,
            "symptoms": [
                S("buttock_lower", "left", "pain"),
                S("thigh_posterior", "left", "pain"),
                S("calf_posterior", "left", "pain"),
            ],
        }
    )
    probs = {r.root: r.probability for r in result.roots_for("left")}
    assert max(probs.values()) < 0.6
    assert {top(result, "left"), result.roots_for("left")[1].root} == {"L5", "S1"}


def test_numbness_counts_more_than_pain_in_the_same_zone() -> None:
    # Taylor 2013; Murphy 2009: sensory symptoms follow the dermatome better than pain.
    numb = run({"symptoms": [S("foot_dorsum", "left", "numbness")]}).root("L5", "left")
    pain = run({"symptoms": [S("foot_dorsum", "left", "pain")]}).root("L5", "left")
    assert numb is not None and pain is not None
    assert numb.probability > pain.probability


def test_reflex_outweighs_the_pain_drawing() -> None:
    # Pain drawn in L5 territory, but an absent Achilles and weak plantar flexion: S1.
    result = run(
        {
            "symptoms": [
                S("leg_anterolateral", "right", "pain"),
                S("foot_dorsum", "right", "pain"),
            ],
            "motor": [M("ankle_plantarflexion", "right", 4)],
            "reflexes": [R("achilles", "right", "absent")],
        }
    )
    assert top(result, "right") == "S1"


def test_evidence_sums_to_the_log_odds_and_explains_the_winner() -> None:
    result = run(ROOT_CASES["L5"][0])
    l5 = result.root("L5", "right")
    assert l5 is not None
    labels = [e.finding for e in l5.evidence]
    assert "great_toe_extension 4/5" in labels
    assert any(label.startswith("numbness: foot_dorsum") for label in labels)
    assert any("L5" in line and "most likely" in line for line in result.explanation)
    assert any("would favour" in line for line in result.explanation)


# ------------------------------------------------------------------ red flags
def test_saddle_numbness_is_a_cauda_equina_emergency() -> None:
    result = run({"symptoms": [S("saddle", "midline", "numbness")]})
    assert flag_ids(result) == {"cauda_equina_syndrome": "emergency"}
    assert result.red_flags[0].id == "cauda_equina_syndrome"


@pytest.mark.parametrize("flag", ["bladder_dysfunction", "bowel_dysfunction", "saddle_anesthesia"])
def test_sphincter_or_saddle_flags_are_an_emergency(flag: str) -> None:
    result = run({"flags": {flag: True}})
    assert flag_ids(result)["cauda_equina_syndrome"] == "emergency"


def test_bilateral_sciatica_with_retention_lists_emergency_first() -> None:
    result = run(
        {
            "symptoms": [S("calf_posterior", "left", "pain"), S("calf_posterior", "right", "pain")],
            "flags": {"bladder_dysfunction": True, "cancer_history": True},
        }
    )
    assert result.red_flags[0].urgency == "emergency"
    assert "malignancy" in flag_ids(result)


def test_fever_and_drug_use_raise_infection_urgently() -> None:
    result = run(
        {
            "symptoms": [S("lower_back", "left", "pain")],
            "flags": {"fever": True, "iv_drug_use": True},
        }
    )
    assert flag_ids(result)["infection"] == "urgent"


def test_cancer_history_raises_malignancy() -> None:
    # Downie 2013: post-test probability about 33% with a history of cancer.
    result = run({"age": 66, "flags": {"cancer_history": True, "night_pain": True}})
    assert flag_ids(result)["malignancy"] == "urgent"


def test_trauma_or_steroids_raise_fracture() -> None:
    # Downie 2013 (steroids 33%); Henschke 2009 (trauma, steroids, age >70 informative).
    assert "fracture" in flag_ids(run({"age": 75, "flags": {"significant_trauma": True}}))
    assert "fracture" in flag_ids(run({"age": 60, "flags": {"steroid_use": True}}))


def test_progressive_or_severe_weakness_is_urgent() -> None:
    # Issue 14 / contract 7.2: a static MRC 2 is severe_motor_deficit, not "worsening".
    assert flag_ids(run({"flags": {"progressive_weakness": True}})) == {
        "progressive_neurological_deficit": "urgent"
    }
    assert flag_ids(run({"motor": [M("ankle_dorsiflexion", "left", 2)]})) == {
        "severe_motor_deficit": "urgent"
    }


def test_flags_answered_no_raise_nothing() -> None:
    no = dict.fromkeys(
        [
            "saddle_anesthesia",
            "bladder_dysfunction",
            "fever",
            "cancer_history",
            "significant_trauma",
        ],
        False,
    )
    assert run({**ROOT_CASES["L5"][0], "flags": no}).red_flags == ()


# --------------------------------------------------------------------- mimics
def test_common_peroneal_neuropathy_mimics_l5() -> None:
    # Foot drop with inversion and hip abduction spared, Tinel at the fibular head.
    result = run(
        {
            "age": 35,
            "symptoms": [
                S("foot_dorsum", "left", "numbness"),
                S("leg_anterolateral", "left", "numbness"),
            ],
            "motor": [
                M("ankle_dorsiflexion", "left", 3),
                M("great_toe_extension", "left", 3),
                M("ankle_eversion", "left", 4),
                M("ankle_inversion", "left", 5),
                M("hip_abduction", "left", 5),
            ],
            "tests": [T("tinel_fibular_head", "left", "positive")],
        }
    )
    assert top_diff(result) == "common_peroneal_neuropathy"
    l5 = result.root("L5", "left")
    assert l5 is not None and l5.probability < 0.7
    assert "inversion" in result.differentials[0].why


def test_meralgia_paresthetica() -> None:
    result = run(
        {
            "symptoms": [
                S("thigh_lateral", "right", "burning"),
                S("thigh_lateral", "right", "numbness"),
            ],
            "motor": [M("knee_extension", "right", 5)],
            "reflexes": [R("patellar", "right", "normal")],
        }
    )
    assert top_diff(result) == "meralgia_paresthetica"
    assert result.pattern == "non_dermatomal"


def test_piriformis_syndrome() -> None:
    result = run(
        {
            "symptoms": [
                S("buttock_lower", "right", "pain"),
                S("thigh_posterior", "right", "pain"),
            ],
            "motor": [M("ankle_plantarflexion", "right", 5)],
            "reflexes": [R("achilles", "right", "normal")],
            "tests": [T("fair", "right", "positive"), T("slr", "right", "negative")],
            "flags": {"worse_sitting": True},
        }
    )
    assert top_diff(result) == "piriformis_syndrome"
    assert result.pattern != "radicular"


def test_hip_osteoarthritis() -> None:
    result = run(
        {
            "age": 67,
            "symptoms": [
                S("inguinal", "right", "aching"),
                S("thigh_anterior_upper", "right", "aching"),
            ],
            "tests": [T("fadir", "right", "positive")],
        }
    )
    assert top_diff(result) == "hip_osteoarthritis"


def test_peripheral_neuropathy_is_bilateral_stocking() -> None:
    feet = ["sole", "foot_dorsum", "great_toe", "little_toe", "heel"]
    result = run(
        {
            "age": 66,
            "symptoms": [S(z, side, "numbness") for z in feet for side in ("left", "right")],
            "reflexes": [R("achilles", "left", "absent"), R("achilles", "right", "absent")],
            "flags": {"diabetes": True},
        }
    )
    assert top_diff(result) == "peripheral_neuropathy"
    assert result.pattern == "non_dermatomal"
    assert "cauda_equina_syndrome" not in flag_ids(result)


def test_vascular_claudication() -> None:
    # Nadeau 2013: relief by standing still LR+ 20; reduced pulses.
    result = run(
        {
            "age": 68,
            "symptoms": [S("calf_posterior", "left", "pain")],
            "flags": {
                "worse_walking_relieved_standing": True,
                "diminished_pedal_pulses": True,
                "smoker": True,
            },
        }
    )
    assert top_diff(result) == "vascular_claudication"


def test_deep_vein_thrombosis() -> None:
    result = run(
        {
            "symptoms": [S("calf_posterior", "right", "aching")],
            "flags": {"calf_swelling": True, "recent_immobilization": True},
        }
    )
    assert top_diff(result) == "deep_vein_thrombosis"


def test_sacroiliac_joint_pain() -> None:
    result = run(
        {
            "symptoms": [S("buttock_upper", "left", "aching"), S("sacrum", "midline", "pain")],
            "tests": [T("si_provocation", "left", "positive")],
        }
    )
    assert top_diff(result) == "sacroiliac_joint_pain"
    assert result.pattern == "referred"


def test_greater_trochanteric_pain_syndrome() -> None:
    result = run({"age": 58, "sex": "female", "symptoms": [S("thigh_lateral", "right", "aching")]})
    assert top_diff(result) == "greater_trochanteric_pain_syndrome"


# ------------------------------------------------------------------- patterns
def test_referred_pain_above_the_knee_without_deficit() -> None:
    result = run(
        {
            "age": 55,
            "symptoms": [
                S("lower_back", "left", "aching"),
                S("buttock_upper", "left", "aching"),
                S("thigh_posterior", "left", "aching"),
            ],
            "flags": {"worse_extension": True},
        }
    )
    assert result.pattern == "referred"
    assert result.no_root["left"] > 0.6
    assert result.levels == ()
    assert result.causes[0].id in {"facet_arthropathy", "degenerative_disc_disease"}


def test_back_ache_with_l5_signs_is_mixed() -> None:
    result = run(
        {
            "symptoms": [
                S("lower_back", "left", "aching"),
                S("leg_anterolateral", "left", "pain"),
                S("foot_dorsum", "left", "numbness"),
            ],
            "motor": [M("great_toe_extension", "left", 4)],
        }
    )
    assert result.pattern == "mixed"
    assert top(result, "left") == "L5"


def test_whole_leg_numbness_is_non_dermatomal() -> None:
    from radviz.anatomy import vocab

    zones = [z for z in vocab.ZONES if z not in vocab.MIDLINE_ZONES]
    result = run({"symptoms": [S(z, "right", "numbness") for z in zones]})
    assert result.pattern == "non_dermatomal"
    assert result.no_root["right"] > 0.8


def test_empty_and_normal_cases_have_no_pattern() -> None:
    assert run({}).pattern == "none"
    assert run({}).roots == ()
    normal = run(
        {"reflexes": [R("achilles", "left", "normal")], "motor": [M("hip_abduction", "left", 5)]}
    )
    assert normal.pattern == "none"
    assert normal.no_root["left"] > 0.8


# --------------------------------------------------------------------- causes
def test_young_adult_with_sitting_and_cough_pain_has_disc_herniation() -> None:
    result = run(
        {**ROOT_CASES["S1"][0], "flags": {"worse_sitting": True, "worse_cough_sneeze": True}}
    )
    assert result.causes[0].id == "disc_herniation"
    assert "cough" in result.causes[0].why


def test_older_adult_with_neurogenic_claudication_has_stenosis() -> None:
    # Suri JAMA 2010: age >70, bilateral, no pain seated, claudication.
    result = run(
        {
            "age": 74,
            "symptoms": [
                S(z, side, "pain")
                for z in ("thigh_posterior", "calf_posterior")
                for side in ("left", "right")
            ],
            "flags": {"worse_walking_relieved_sitting": True, "worse_extension": True},
        }
    )
    assert result.causes[0].id == "spinal_stenosis"
    assert result.causes[0].probability > 0.5


def test_older_woman_with_l5_claudication_considers_slip_or_stenosis() -> None:
    result = run(
        {
            "age": 64,
            "sex": "female",
            "symptoms": [
                S("leg_anterolateral", "left", "pain"),
                S("foot_dorsum", "left", "tingling"),
            ],
            "motor": [M("great_toe_extension", "left", 4)],
            "flags": {"worse_extension": True, "worse_walking_relieved_sitting": True},
        }
    )
    top3 = [c.id for c in result.causes[:3]]
    assert "spondylolisthesis" in top3
    assert result.causes[0].id != "disc_herniation"
    # causes weigh as much as the spine is at fault (look-alikes take the rest)
    assert 0.5 < sum(c.probability for c in result.causes) <= 1.0 + 1e-9


# --------------------------------------------------------------------- levels
def test_s1_in_a_young_adult_points_to_l5_s1_paracentral() -> None:
    result = run(ROOT_CASES["S1"][0])
    first = result.levels[0]
    assert (first.level, first.zone, first.side, first.root, first.relation) == (
        "L5-S1",
        "paracentral",
        "left",
        "S1",
        "traversing",
    )


def test_l5_is_traversing_at_l4_l5_and_exiting_at_l5_s1() -> None:
    result = run(ROOT_CASES["L5"][0])
    l5 = [lv for lv in result.levels if lv.root == "L5"]
    assert l5[0].level == "L4-L5" and l5[0].relation == "traversing"
    exiting = [lv for lv in l5 if lv.relation == "exiting"]
    assert exiting and all(
        lv.level == "L5-S1" and lv.zone in ("foraminal", "extraforaminal") for lv in exiting
    )


def test_older_age_moves_the_likely_level_up() -> None:
    # Dammers & Koehler 2002: mean age L5-S1 44, L4-5 49.5, L3-4 59.5 - level rises with age.
    young = run(
        {
            **ROOT_CASES["S1"][0],
            "symptoms": [],
            "age": 30,
            "reflexes": [R("achilles", "left", "absent")],
            "motor": [M("great_toe_extension", "left", 4), M("ankle_plantarflexion", "left", 4)],
        }
    )
    old = run(
        {
            **ROOT_CASES["S1"][0],
            "symptoms": [],
            "age": 75,
            "reflexes": [R("achilles", "left", "absent")],
            "motor": [M("great_toe_extension", "left", 4), M("ankle_plantarflexion", "left", 4)],
        }
    )

    def share(result: Result, level: str) -> float:
        return sum(lv.probability for lv in result.levels if lv.level == level) / sum(
            lv.probability for lv in result.levels
        )

    assert share(old, "L4-L5") > share(young, "L4-L5")
    assert share(old, "L5-S1") < share(young, "L5-S1")


# ----------------------------------------------------------------- treatments
def test_treatments_follow_the_evidence_grades() -> None:
    result = run({**ROOT_CASES["L5"][0], "duration_weeks": 3})
    grades = {t.id: t.evidence for t in result.treatments}
    assert grades["stay_active"] == "recommended"
    assert grades["gabapentinoids"] == "not_recommended"  # NICE NG59
    assert "radiofrequency_ablation" not in grades  # facet-mediated back pain only
    order = ["recommended", "consider", "insufficient", "not_recommended"]
    ranks = [order.index(t.evidence) for t in result.treatments]
    assert ranks == sorted(ranks)


def test_referred_facet_pain_can_list_radiofrequency_after_a_block() -> None:
    result = run(
        {
            "age": 60,
            "duration_weeks": 30,
            "symptoms": [S("lower_back", "right", "aching"), S("buttock_upper", "right", "aching")],
            "flags": {"worse_extension": True},
        }
    )
    ids = {t.id for t in result.treatments}
    assert result.pattern == "referred"
    assert "microdiscectomy" not in ids
