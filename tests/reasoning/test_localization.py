"""Localization along the whole nerve (CONTRACT 7.2 ``localization``; issue #15).

Vignettes come from two kinds of source, named beside each: textbook localization rules
(CLINICAL.md §12: Stewart 2010; Preston & Shapiro 2013) and published case reports
written outside this project, turned into findings with nothing added that the report
does not say (where a report says "the rest of the neurological examination was normal",
that is recorded as normal strength and reflexes).
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from radviz.anatomy import vocab
from radviz.knowledge.loader import load_kb
from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import _root_evidence, _Side, infer
from radviz.reasoning.localization import headline, next_test, priors, sites
from radviz.reasoning.result import Evidence, LocalizationCandidate, Result


def S(zone: str, side: str, kind: str) -> dict[str, str]:
    return {"zone": zone, "side": side, "kind": kind}


def M(movement: str, side: str, grade: int) -> dict[str, Any]:
    return {"movement": movement, "side": side, "grade": grade}


def R(reflex: str, side: str, status: str) -> dict[str, str]:
    return {"reflex": reflex, "side": side, "status": status}


def T(test: str, side: str, result: str) -> dict[str, str]:
    return {"test": test, "side": side, "result": result}


def run(doc: dict[str, Any]) -> Result:
    return infer(Findings.from_dict(doc))


def ranked(result: Result, side: str) -> list[str]:
    return [c.id for c in result.localization_for(side)]


def prob(result: Result, side: str, cid: str) -> float:
    return next(c.probability for c in result.localization_for(side) if c.id == cid)


def flag_ids(result: Result) -> set[str]:
    return {f.id for f in result.red_flags}


# ----------------------------------------------------------------- contract
def test_every_side_with_findings_gets_one_distribution_over_roots_lookalikes_and_none() -> None:
    result = run(
        {
            "symptoms": [S("foot_dorsum", "left", "numbness")],
            "motor": [M("ankle_dorsiflexion", "left", 4)],
        }
    )
    left = result.localization_for("left")
    expected = {*vocab.MODELLED_ROOTS, *vocab.DIFFERENTIALS, "none"}
    assert {c.id for c in left} == expected and len(left) == len(expected)
    assert result.localization_for("right") == ()
    kinds = {c.id: c.kind for c in left}
    assert all(kinds[r] == "root" for r in vocab.MODELLED_ROOTS)
    assert all(kinds[d] == "mimic" for d in vocab.DIFFERENTIALS)
    assert kinds["none"] == "none"
    assert math.isclose(sum(c.probability for c in left), 1.0, abs_tol=1e-9)
    probs = [c.probability for c in left]
    assert probs == sorted(probs, reverse=True)
    # The roots' own distribution is the localization's root part.
    for r in result.roots_for("left"):
        assert math.isclose(r.probability, prob(result, "left", r.root), abs_tol=1e-12)
    roots_total = sum(prob(result, "left", r) for r in vocab.MODELLED_ROOTS)
    assert math.isclose(result.no_root["left"], 1.0 - roots_total, abs_tol=1e-9)
    doc = result.to_dict()
    assert doc["localization"][0]["kind"] in ("root", "mimic", "none")
    assert {"id", "kind", "side", "probability", "evidence"} <= set(doc["localization"][0])


def test_each_candidates_evidence_sums_to_its_log_odds_against_none() -> None:
    kb = load_kb()
    pri = priors(kb)
    shrink = float(kb.model["combine"]["shrink"])
    result = run(
        {
            "symptoms": [S("leg_medial", "right", "numbness")],
            "motor": [M("knee_extension", "right", 4), M("hip_adduction", "right", 5)],
            "flags": {"recent_pelvic_or_hip_surgery": True},
        }
    )
    cands = result.localization_for("right")
    none = next(c for c in cands if c.id == "none")
    raw_none = (none.probability - shrink * pri["none"]) / (1 - shrink)
    for c in cands:
        if c.id == "none":
            assert c.evidence == ()
            continue
        raw = (c.probability - shrink * pri[c.id]) / (1 - shrink)
        assert math.isclose(
            sum(e.weight for e in c.evidence), math.log(raw / raw_none), abs_tol=1e-6
        )
    # ... and a root's `roots` evidence to its log odds against "no root" (the rest).
    l3 = result.root("L3", "right")
    assert l3 is not None
    raw_l3 = (l3.probability - shrink * pri["L3"]) / (1 - shrink)
    raw_roots = sum(
        (r.probability - shrink * pri[r.root]) / (1 - shrink) for r in result.roots_for("right")
    )
    assert math.isclose(
        sum(e.weight for e in l3.evidence), math.log(raw_l3 / (1 - raw_roots)), abs_tol=1e-6
    )
    assert any(e.rule == "lookalikes" for e in l3.evidence)


def test_every_lookalike_has_a_site_prior_and_plain_words() -> None:
    kb = load_kb()
    table = sites(kb)
    assert set(table) == set(vocab.DIFFERENTIALS)
    pri = priors(kb)
    assert math.isclose(sum(pri.values()), 1.0, abs_tol=1e-12)
    assert all(p > 0 for p in pri.values())
    # Meralgia is purely sensory; a peroneal lesion spares inversion and hip abduction;
    # a femoral lesion spares hip adduction (Stewart 2010; CLINICAL.md §12).
    assert table["meralgia_paresthetica"].muscles == {}
    peroneal = table["common_peroneal_neuropathy"].muscles
    assert "ankle_inversion" not in peroneal and "hip_abduction" not in peroneal
    assert "hip_adduction" not in table["femoral_neuropathy"].muscles
    for did in vocab.DIFFERENTIALS:
        assert kb.differentials[did].data["plain"]


# ------------------------------------------------------- the failures
# ACP MKSAP 19 Neurology Q8, "4-week history of lower extremity weakness" (ACP Internist
# Weekly, 18 Jan 2022): a 52-year-old man trips on his left foot; no pain, no history of
# trauma or low back pain; mild tingling on the lateral border of the left foot; weak
# dorsiflexion, eversion and big-toe extension; straight-leg raise negative; the rest of the
# neurological examination normal; slowed peroneal conduction across the fibular neck.
ACP_PAINLESS_FOOT_DROP: dict[str, Any] = {
    "age": 52,
    "sex": "male",
    "symptoms": [S("foot_lateral_edge", "left", "tingling")],
    "motor": [
        M("ankle_dorsiflexion", "left", 3),
        M("ankle_eversion", "left", 3),
        M("great_toe_extension", "left", 3),
    ],
    "tests": [T("slr", "left", "negative")],
    "flags": {"back_pain": False, "significant_trauma": False},
}
ACP_REST_NORMAL: dict[str, Any] = {
    "motor": [
        M("ankle_inversion", "left", 5),
        M("ankle_plantarflexion", "left", 5),
        M("hip_abduction", "left", 5),
        M("knee_flexion", "left", 5),
    ],
    "reflexes": [R("achilles", "left", "normal"), R("patellar", "left", "normal")],
}


@pytest.mark.parametrize("full_exam", [False, True])
def test_painless_foot_drop_leads_with_the_peroneal_nerve_not_l5(full_exam: bool) -> None:
    doc = dict(ACP_PAINLESS_FOOT_DROP)
    if full_exam:
        doc["motor"] = [*doc["motor"], *ACP_REST_NORMAL["motor"]]
        doc["reflexes"] = ACP_REST_NORMAL["reflexes"]
    result = run(doc)
    assert ranked(result, "left")[0] == "common_peroneal_neuropathy"
    assert prob(result, "left", "common_peroneal_neuropathy") > 0.6
    l5 = result.root("L5", "left")
    assert l5 is not None and l5.probability < 0.2
    assert result.differentials[0].id == "common_peroneal_neuropathy"
    # A static grade is not a progressive deficit.
    assert "progressive_neurological_deficit" not in flag_ids(result)


def test_foot_drop_with_inversion_spared_and_some_back_pain_still_leads_peroneal() -> None:
    # "Case III: Foot drop 1" (musculoskeletalkey.com, from a Springer neurosurgery case
    # book, ISBN 978-3-319-39694-1): 40-year-old man, right foot drop over 4 months, mild
    # occasional low back pain and some outer leg pain; TA 1, EHL 2, eversion 2, inversion 5,
    # plantar flexion 5; reduced sensation in the first web space: a peroneal neuropathy.
    result = run(
        {
            "age": 40,
            "sex": "male",
            "symptoms": [
                S("great_toe", "right", "numbness"),
                S("leg_anterolateral", "right", "pain"),
                S("lower_back", "right", "aching"),
            ],
            "motor": [
                M("ankle_dorsiflexion", "right", 1),
                M("great_toe_extension", "right", 2),
                M("ankle_eversion", "right", 2),
                M("ankle_inversion", "right", 5),
                M("ankle_plantarflexion", "right", 5),
            ],
            "flags": {"back_pain": True},
        }
    )
    assert ranked(result, "right")[0] == "common_peroneal_neuropathy"
    assert prob(result, "right", "common_peroneal_neuropathy") > prob(result, "right", "L5")
    assert "progressive_neurological_deficit" not in flag_ids(result)


def test_the_peroneal_vignette_leads_with_the_nerve_and_says_why() -> None:
    # CLINICAL.md §12: foot drop, eversion weak, inversion and hip abduction spared, Tinel.
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
    lead = result.localization_for("left")[0]
    assert lead.id == "common_peroneal_neuropathy" and lead.probability > 0.7
    assert "inversion" in result.differentials[0].why
    kb = load_kb()
    assert headline(kb, result.localization_for("left")) == (
        "This looks more like a nerve squeezed at the outside of the knee than a nerve root "
        "pinched in the lower back."
    )


def test_bilateral_diabetic_foot_drop_is_a_polyneuropathy_not_two_peroneal_palsies() -> None:
    # CLINICAL.md §12 (length-dependent polyneuropathy: symmetric, toes first, both Achilles
    # first; diabetes most often).
    feet = ["sole", "foot_dorsum", "great_toe", "little_toe", "heel"]
    result = run(
        {
            "age": 66,
            "symptoms": [S(z, side, "numbness") for z in feet for side in vocab.SIDES],
            "motor": [
                M(m, side, 3)
                for m in ("ankle_dorsiflexion", "great_toe_extension")
                for side in vocab.SIDES
            ],
            "reflexes": [R("achilles", side, "absent") for side in vocab.SIDES],
            "flags": {"diabetes": True},
        }
    )
    for side in vocab.SIDES:
        assert ranked(result, side)[0] == "peripheral_neuropathy"
        assert prob(result, side, "common_peroneal_neuropathy") < 0.05
    assert result.differentials[0].id == "peripheral_neuropathy"


def test_gluteal_tendon_tear_with_two_of_five_hip_abduction_lists_trochanteric_pain() -> None:
    # AAPM&R 2024 case poster (physiatry24 #642129), "Gluteus medius and minimus tear
    # presenting as lumbar radiculopathy": 75-year-old woman, back pain to both posterior
    # thighs, tender greater trochanters, left gluteus medius 2/5, positive Trendelenburg,
    # negative SLR, FABER and FADIR; MRI: full-thickness gluteal tendon rupture.
    result = run(
        {
            "age": 75,
            "sex": "female",
            "symptoms": [S("lower_back", side, "pain") for side in vocab.SIDES]
            + [S("thigh_posterior", side, "pain") for side in vocab.SIDES],
            "motor": [M("hip_abduction", "left", 2)],
            "tests": [
                T("trochanteric_tenderness", "left", "positive"),
                T("trochanteric_tenderness", "right", "positive"),
                T("trendelenburg", "left", "positive"),
                T("slr", "left", "negative"),
                T("slr", "right", "negative"),
                T("faber", "left", "negative"),
                T("fadir", "left", "negative"),
            ],
        }
    )
    assert "greater_trochanteric_pain_syndrome" in {d.id for d in result.differentials}
    assert ranked(result, "left")[0] == "greater_trochanteric_pain_syndrome"
    assert prob(result, "left", "L5") < 0.2


def test_iliac_occlusion_with_diminished_pulses_lists_vascular_claudication_in_the_top_three() -> (
    None
):
    # Villacorta & Kortebein, Am J Phys Med Rehabil 2012;91(12):1104-1105: 49-year-old man,
    # 70 pack-years, chronic mild back pain and new left gluteal/hip and thigh pain after
    # walking; normal lower-limb neurological examination; absent left pedal pulse; external
    # iliac artery occlusion on CT angiography.
    result = run(
        {
            "age": 49,
            "sex": "male",
            "symptoms": [
                S("lower_back", "left", "aching"),
                S("buttock_upper", "left", "aching"),
                S("thigh_posterior", "left", "aching"),
            ],
            "motor": [
                M("hip_abduction", "left", 5),
                M("ankle_dorsiflexion", "left", 5),
                M("ankle_plantarflexion", "left", 5),
            ],
            "reflexes": [R("patellar", "left", "normal"), R("achilles", "left", "normal")],
            "flags": {"diminished_pedal_pulses": True, "smoker": True, "back_pain": True},
        }
    )
    top3 = [d.id for d in result.differentials[:3]]
    assert "vascular_claudication" in top3
    assert prob(result, "left", "vascular_claudication") > max(
        prob(result, "left", r) for r in vocab.MODELLED_ROOTS
    )


def test_pulses_and_relief_by_standing_still_outweigh_a_spinal_pattern() -> None:
    # Nadeau 2013: calf pain relieved by standing still LR+ 20 for vascular claudication.
    spinal = {
        "age": 68,
        "symptoms": [S("calf_posterior", "right", "pain"), S("sole", "right", "pain")],
    }
    before = run(spinal)
    after = run(
        {
            **spinal,
            "flags": {"worse_walking_relieved_standing": True, "diminished_pedal_pulses": True},
        }
    )
    assert ranked(before, "right")[0] == "S1"
    assert ranked(after, "right")[0] == "vascular_claudication"


# ------------------------------------------------------------ femoral, plexus
def test_femoral_neuropathy_after_hip_surgery_spares_hip_adduction() -> None:
    # CLINICAL.md §12 (Stewart 2010): quadriceps weak, patellar reflex lost, anterior thigh
    # and medial leg numb, hip adduction (obturator) spared; after hip arthroplasty
    # (Fleischman 2018; Patton 2018).
    doc: dict[str, Any] = {
        "age": 70,
        "symptoms": [
            S("thigh_anterior_lower", "left", "numbness"),
            S("leg_medial", "left", "numbness"),
        ],
        "motor": [M("knee_extension", "left", 2), M("hip_adduction", "left", 5)],
        "reflexes": [R("patellar", "left", "absent")],
        "flags": {"recent_pelvic_or_hip_surgery": True},
    }
    result = run(doc)
    assert ranked(result, "left")[0] == "femoral_neuropathy"
    # Weak adduction instead points away from the femoral nerve.
    weak = run({**doc, "motor": [M("knee_extension", "left", 2), M("hip_adduction", "left", 3)]})
    assert prob(weak, "left", "femoral_neuropathy") < prob(result, "left", "femoral_neuropathy")
    assert ranked(weak, "left")[0] != "femoral_neuropathy"


def test_sciatic_neuropathy_after_hip_surgery_spares_the_glutei() -> None:
    # CLINICAL.md §12 (Stewart 2010): weakness below the knee and of knee flexion, numbness
    # below the knee, hip abduction and extension spared; after hip arthroplasty.
    doc: dict[str, Any] = {
        "age": 68,
        "symptoms": [
            S("foot_dorsum", "left", "numbness"),
            S("sole", "left", "numbness"),
            S("leg_anterolateral", "left", "numbness"),
        ],
        "motor": [
            M("ankle_dorsiflexion", "left", 2),
            M("ankle_plantarflexion", "left", 3),
            M("knee_flexion", "left", 4),
            M("hip_abduction", "left", 5),
            M("hip_extension", "left", 5),
        ],
        "flags": {"recent_pelvic_or_hip_surgery": True},
    }
    result = run(doc)
    assert ranked(result, "left")[0] == "sciatic_neuropathy"
    # Weak glutei instead point back to the roots or the plexus.
    weak = run(
        {
            **doc,
            "motor": [
                *doc["motor"][:3],
                M("hip_abduction", "left", 3),
                M("hip_extension", "left", 3),
            ],
        }
    )
    assert prob(weak, "left", "sciatic_neuropathy") < prob(result, "left", "sciatic_neuropathy")


def test_isolated_knee_extension_weakness_names_hip_adduction_to_separate_nerve_from_root() -> None:
    # Seo, Youm & Kim, Hip Pelvis 2018;30(2):125-128: sudden knee-extension weakness from a
    # femoral palsy (iliopsoas haematoma) in a 57-year-old man. Knee extension alone cannot
    # tell the femoral nerve from L3/L4; hip adduction can (CLINICAL.md §12).
    doc = {"age": 57, "sex": "male", "motor": [M("knee_extension", "right", 3)]}
    result = run(doc)
    assert "femoral_neuropathy" in {d.id for d in result.differentials}
    kb = load_kb()
    nt = next_test(
        Findings.from_dict(doc), "right", "L4", "femoral_neuropathy", kb, _Side, _roots(kb)
    )
    # Against L4, ankle dorsiflexion (L4, not femoral) separates as well as adduction does;
    # against L3 only hip adduction does.
    assert nt is not None and nt.id in {"hip_adduction", "ankle_dorsiflexion"}
    assert nt.kind == "movement" and nt.abnormal_favours == "L4"
    nt3 = next_test(
        Findings.from_dict(doc), "right", "L3", "femoral_neuropathy", kb, _Side, _roots(kb)
    )
    assert nt3 is not None and nt3.id == "hip_adduction" and nt3.abnormal_favours == "L3"


def test_diabetic_amyotrophy_leads_with_the_plexus() -> None:
    # AACE 2024 poster (Diabetes/Prediabetes): 70-year-old woman with type 2 diabetes, severe
    # sharp left proximal leg pain, 40 lb weight loss, 3/5 hip and knee, 5/5 ankle, normal
    # sensation; EMG: lumbosacral polyradiculopathy; diabetic amyotrophy (Dyck 2002).
    result = run(
        {
            "age": 70,
            "sex": "female",
            "pain_score": 9,
            "symptoms": [
                S("thigh_anterior_upper", "left", "pain"),
                S("thigh_anterior_lower", "left", "pain"),
            ],
            "motor": [
                M("hip_flexion", "left", 3),
                M("knee_extension", "left", 3),
                M("ankle_dorsiflexion", "left", 5),
                M("ankle_plantarflexion", "left", 5),
            ],
            "flags": {"diabetes": True, "unexplained_weight_loss": True},
        }
    )
    assert ranked(result, "left")[0] == "lumbosacral_plexopathy"
    assert result.differentials[0].id == "lumbosacral_plexopathy"


def test_diabetic_amyotrophy_with_femoral_signs_puts_nerve_and_plexus_first() -> None:
    # SHM 2019 abstract "Diabetic amyotrophy: a distinct and disabling neuropathy": 80-year-old
    # man, type 2 diabetes, left thigh pain from the groin, weak hip flexion and knee
    # extension, reduced sensation of the medial calf, muted patellar reflex; examination
    # localised to the femoral nerve, EMG showed diabetic amyotrophy.
    result = run(
        {
            "age": 80,
            "sex": "male",
            "symptoms": [
                S("inguinal", "left", "pain"),
                S("thigh_anterior_upper", "left", "pain"),
                S("thigh_anterior_lower", "left", "pain"),
                S("leg_medial", "left", "numbness"),
            ],
            "motor": [M("hip_flexion", "left", 4), M("knee_extension", "left", 4)],
            "reflexes": [R("patellar", "left", "reduced")],
            "flags": {"diabetes": True},
        }
    )
    assert set(ranked(result, "left")[:2]) == {"femoral_neuropathy", "lumbosacral_plexopathy"}


# ---------------------------------------------------------------- sensory only
def test_meralgia_is_the_leading_explanation_of_burning_outer_thigh_numbness() -> None:
    # Tan, Malays Fam Physician 2021 (PMC8633630): 64-year-old cook, 2 months of numbness and
    # burning over the right anterolateral thigh; meralgia paresthetica on examination.
    result = run(
        {
            "age": 64,
            "sex": "female",
            "duration_weeks": 8,
            "symptoms": [
                S("thigh_lateral", "right", "numbness"),
                S("thigh_lateral", "right", "burning"),
                S("thigh_anterior_upper", "right", "numbness"),
            ],
        }
    )
    listed = [c for c in result.localization_for("right") if c.kind != "none"]
    assert listed[0].id == "meralgia_paresthetica"
    assert all(prob(result, "right", r) < 0.1 for r in vocab.MODELLED_ROOTS)
    assert result.differentials[0].id == "meralgia_paresthetica"


def test_habitual_leg_crossing_raises_the_peroneal_nerve() -> None:
    # Reife & Coulis, Chiropr Man Therap 2013;21:12: lateral leg pain after an L5
    # decompression without relief; it resolved when she stopped crossing her legs.
    base = {"age": 53, "sex": "female", "symptoms": [S("leg_anterolateral", "left", "pain")]}
    crossing = run({**base, "flags": {"habitual_leg_crossing": True}})
    assert prob(crossing, "left", "common_peroneal_neuropathy") > 2 * prob(
        run(base), "left", "common_peroneal_neuropathy"
    )
    assert "common_peroneal_neuropathy" in {d.id for d in crossing.differentials}


# ------------------------------------------------------------- roots hold on
CLASSIC_ROOTS: dict[str, dict[str, Any]] = {
    # The root vignettes of test_vignettes.py (Harrison Table 48-1; Suri 2011; ISNCSCI).
    "L3": {
        "age": 62,
        "symptoms": [
            S("thigh_anterior_lower", "left", "numbness"),
            S("knee_medial", "left", "numbness"),
        ],
        "motor": [M("hip_adduction", "left", 4), M("knee_extension", "left", 4)],
        "tests": [T("femoral_stretch", "left", "positive")],
    },
    "L4": {
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
    "L5": {
        "age": 45,
        "symptoms": [
            S("leg_anterolateral", "left", "pain"),
            S("foot_dorsum", "left", "numbness"),
            S("great_toe", "left", "tingling"),
        ],
        "motor": [M("great_toe_extension", "left", 4), M("hip_abduction", "left", 4)],
        "tests": [T("slr", "left", "positive")],
    },
    "S1": {
        "age": 38,
        "symptoms": [
            S("calf_posterior", "left", "pain"),
            S("foot_lateral_edge", "left", "numbness"),
            S("sole", "left", "tingling"),
        ],
        "motor": [M("ankle_plantarflexion", "left", 4)],
        "reflexes": [R("achilles", "left", "absent")],
        "tests": [T("slr", "left", "positive")],
    },
}


@pytest.mark.parametrize("root", list(CLASSIC_ROOTS))
def test_classic_root_pictures_lead_with_their_root(root: str) -> None:
    result = run(CLASSIC_ROOTS[root])
    lead = result.localization_for("left")[0]
    assert lead.id == root and lead.kind == "root" and lead.probability > 0.6
    kb = load_kb()
    assert headline(kb, result.localization_for("left")).startswith(
        f"This looks more like a nerve root pinched in the lower back ({root}) than "
    )


# ----------------------------------------------------------------- next test
def _roots(kb: Any) -> Any:
    """The roots' evidence as infer() passes it (the share only sets the prior item, which
    next_test leaves out)."""
    shares = dict.fromkeys(vocab.MODELLED_ROOTS, 1.0)

    def root_evidence(
        rid: str, sd: _Side, other: _Side, f: Findings, parts: str = "all"
    ) -> list[Evidence]:
        return _root_evidence(kb.roots[rid], sd, other, f, kb, shares[rid], parts)

    return root_evidence


def test_next_test_for_l5_against_the_peroneal_nerve_is_a_muscle_only_l5_weakens() -> None:
    # Foot drop alone: ankle inversion (tibialis posterior, tibial nerve, L5) or hip
    # abduction (gluteus medius, superior gluteal nerve, L5) separate them (CLINICAL.md §12).
    motor = [M("ankle_dorsiflexion", "left", 3)]
    doc: dict[str, Any] = {"age": 50, "motor": motor}
    kb = load_kb()
    f = Findings.from_dict(doc)
    nt = next_test(f, "left", "L5", "common_peroneal_neuropathy", kb, _Side, _roots(kb))
    assert nt is not None and nt.id in {"ankle_inversion", "hip_abduction", "great_toe_extension"}
    assert nt.id != "great_toe_extension"  # both weaken it: it cannot separate them
    assert nt.abnormal_favours == "L5"
    # Once inversion is recorded, the other separating muscle comes next.
    f2 = Findings.from_dict({**doc, "motor": [*motor, M(nt.id, "left", 5)]})
    nt2 = next_test(f2, "left", "L5", "common_peroneal_neuropathy", kb, _Side, _roots(kb))
    assert nt2 is not None and nt2.id != nt.id
    # infer() names one per side with findings, for its own two leaders.
    result = run(doc)
    (hint,) = result.next_tests
    leaders = [c.id for c in result.localization_for("left") if c.kind != "none"][:2]
    assert (hint.first, hint.second) == tuple(leaders)
    assert result.to_dict()["next_tests"][0]["id"] == hint.id


def test_headline_names_the_leader_when_nothing_is_clear() -> None:
    kb = load_kb()
    cands = [
        LocalizationCandidate("none", "none", "left", 0.5),
        LocalizationCandidate("hip_osteoarthritis", "mimic", "left", 0.3),
        LocalizationCandidate("L3", "root", "left", 0.2),
    ]
    assert headline(kb, cands) == (
        "Nothing radviz knows explains this clearly; the closest is wear in the hip joint."
    )
    assert headline(kb, []) == ""


# -------------------------------------------------------------------- output
def test_text_report_leads_with_the_leading_explanation_in_plain_words() -> None:
    from radviz.reasoning.report import format_result

    result = run(ACP_PAINLESS_FOOT_DROP)
    clinician = format_result(result, audience="clinician")
    patient = format_result(result, audience="patient")
    lead = "This looks more like a nerve squeezed at the outside of the knee than a nerve root"
    first = next(line for line in clinician.splitlines() if line.strip())
    assert first.startswith("Where along the nerve, patient's left: " + lead)
    assert "Next test:" in clinician
    assert lead in patient
    assert patient.index(lead) < patient.index("Other conditions")
    for token in ("common_peroneal", "foot_lateral_edge", "knee_flexion", "L5 root"):
        assert token not in patient


# ------------------------------------------------------- next_test against its oracle
def _next_test_oracle(f: Findings, side: str, first: str, second: str, kb: Any) -> Any:
    """The slow way: every probe outcome recorded in the whole case and both candidates'
    evidence re-run from scratch (what next_test's additive shortcut must equal)."""
    from radviz.reasoning.localization import (
        _candidate_evidence,
        _flags_that_matter,
        best_probe,
        probes,
        with_outcome,
    )

    roots = _roots(kb)
    other_side = vocab.other_side(side)

    def gap(g: Findings) -> float:
        sd, other = _Side(g, side), _Side(g, other_side)
        a = sum(e.weight for e in _candidate_evidence(first, g, sd, other, kb, roots))
        b = sum(e.weight for e in _candidate_evidence(second, g, sd, other, kb, roots))
        return a - b

    scored = [
        (kind, pid, gap(with_outcome(f, ab)), gap(with_outcome(f, no)))
        for kind, pid, ab, no in probes(f, side, _flags_that_matter(kb, first, second))
    ]
    return best_probe(scored, side, first, second)


ORACLE_CASES: list[dict[str, Any]] = [
    {
        "symptoms": [S("foot_dorsum", "left", "numbness")],
        "motor": [M("ankle_dorsiflexion", "left", 3)],
    },
    {"symptoms": [S("foot_dorsum", "left", "numbness")], "flags": {"back_pain": False}},
    {"age": 57, "motor": [M("knee_extension", "right", 3)]},
    {
        "symptoms": [S("thigh_lateral", "left", "burning")],
        "motor": [M("hip_flexion", "left", 5)],
        "reflexes": [R("patellar", "left", "normal")],
    },
    {
        "age": 66,
        "symptoms": [
            S(z, s, "numbness")
            for s in ("left", "right")
            for z in ("foot_dorsum", "sole", "great_toe", "heel", "little_toe")
        ],
        "reflexes": [R("achilles", "left", "absent")],
        "flags": {"diabetes": True},
    },
    {
        "symptoms": [S("calf_posterior", "left", "aching")],
        "flags": {"worse_walking_relieved_standing": True},
        "tests": [T("slr", "left", "negative")],
    },
    {
        "symptoms": [S("buttock_lower", "right", "pain"), S("thigh_posterior", "right", "pain")],
        "motor": [M("ankle_plantarflexion", "right", 4), M("hip_extension", "right", 5)],
        "tests": [T("fair", "right", "positive")],
        "reflexes": [R("achilles", "left", "reduced")],
    },
    {"motor": [M("great_toe_extension", "left", 4), M("great_toe_extension", "right", 4)]},
    {"tests": [T("slr", "left", "negative")]},  # a silent side: a positive test wakes it
]


@pytest.mark.parametrize("doc", ORACLE_CASES)
def test_next_test_equals_the_whole_case_oracle(doc: dict[str, Any]) -> None:
    kb = load_kb()
    f = Findings.from_dict(doc)
    result = infer(f)
    pairs = [
        (side, ranked[0].id, ranked[1].id)
        for side in ("left", "right")
        if len(ranked := [c for c in result.localization_for(side) if c.kind != "none"]) >= 2
    ]
    # the leaders, and a few fixed pairs: root against nerve, root against root, two sites
    pairs += [
        (pairs[0][0] if pairs else "left", a, b)
        for a, b in (
            ("L5", "common_peroneal_neuropathy"),
            ("L4", "femoral_neuropathy"),
            ("L5", "S1"),
            ("meralgia_paresthetica", "greater_trochanteric_pain_syndrome"),
            ("sciatic_neuropathy", "lumbosacral_plexopathy"),
        )
    ]
    assert pairs
    for side, first, second in pairs:
        fast = next_test(f, side, first, second, kb, _Side, _roots(kb))
        slow = _next_test_oracle(f, side, first, second, kb)
        assert (fast is None) == (slow is None), (side, first, second)
        if fast is not None and slow is not None:
            assert (fast.kind, fast.id, fast.abnormal_favours) == (
                slow.kind,
                slow.id,
                slow.abnormal_favours,
            ), (side, first, second)
            assert math.isclose(fast.separation, slow.separation, abs_tol=1e-9)


@pytest.mark.parametrize("doc", ORACLE_CASES)
def test_every_pattern_feature_is_listed(doc: dict[str, Any]) -> None:
    """root_extra_evidence skips the side's patterns when its table names only flags; that
    needs every non-flag feature in FEATURE_KINDS."""
    from radviz.reasoning.localization import FEATURE_KINDS, _compute_features

    kb = load_kb()
    f = Findings.from_dict(doc)
    for side in ("left", "right"):
        feats = _compute_features(f, _Side(f, side), _Side(f, vocab.other_side(side)), kb)
        flags = {n for n in feats if n in vocab.FLAGS or n.removeprefix("no_") in vocab.FLAGS}
        assert set(feats) - flags <= set(FEATURE_KINDS)


def _random_side(r: Any, side: str) -> dict[str, list[dict[str, Any]]]:
    zones = [z for z in vocab.ZONES if z not in vocab.MIDLINE_ZONES]
    doc: dict[str, list[dict[str, Any]]] = {
        "symptoms": [],
        "motor": [],
        "reflexes": [],
        "tests": [],
    }
    for z in r.sample(zones, r.randint(0, 8)):
        doc["symptoms"].append(S(z, side, r.choice(vocab.SYMPTOM_KINDS)))
    for mv in r.sample(list(vocab.MOVEMENTS), r.randint(0, 3)):
        doc["motor"].append(M(mv, side, r.randint(2, 5)))
    for rx in r.sample(list(vocab.REFLEXES), r.randint(0, 2)):
        doc["reflexes"].append(R(rx, side, r.choice(vocab.REFLEX_STATUSES)))
    for t in r.sample(list(vocab.TESTS), r.randint(0, 2)):
        doc["tests"].append(T(t, side, r.choice(("positive", "negative"))))
    return doc


def test_a_side_kept_from_an_earlier_call_equals_a_fresh_one() -> None:
    """infer keeps a side's localization for a later call whose inputs for that side are
    the same (localization._side_key); every such reuse must equal computing it afresh:
    the other side changed by one zone, one sign, a sensory kind, a flag, the age..."""
    import random

    from radviz.reasoning import localization

    r = random.Random(20261204)
    flags = list(vocab.FLAGS)
    for _ in range(40):
        left, right = _random_side(r, "left"), _random_side(r, "right")
        base: dict[str, Any] = {
            key: left[key] + right[key] for key in ("symptoms", "motor", "reflexes", "tests")
        }
        base["age"] = r.randint(20, 90)
        base["flags"] = {f: r.choice((True, False)) for f in r.sample(flags, r.randint(0, 4))}
        variants = []
        for _ in range(4):
            v: dict[str, Any] = {
                k: (list(x) if isinstance(x, list) else x) for k, x in base.items()
            }
            change = r.randrange(6)
            zone = r.choice([z for z in vocab.ZONES if z not in vocab.MIDLINE_ZONES])
            if change == 0:
                v["symptoms"] = [*v["symptoms"], S(zone, "left", "pain")]
            elif change == 1:
                v["symptoms"] = [
                    *v["symptoms"],
                    S(zone, "left", r.choice(("numbness", "tingling"))),
                ]
            elif change == 2:
                v["symptoms"] = [s for s in v["symptoms"] if s["side"] != "left"]
            elif change == 3:
                v["flags"] = {**v["flags"], r.choice(flags): r.choice((True, False))}
            elif change == 4:
                v["age"] = r.randint(20, 90)
            else:
                v["symptoms"] = [*v["symptoms"], S("sacrum", "midline", "pain")]
            variants.append(v)
        for doc in [base, *variants]:
            f = Findings.from_dict(doc)
            infer(Findings.from_dict(base))  # leaves its sides in the memo
            kept = infer(f).to_dict()
            localization._SIDE_MEMO.clear()
            assert kept == infer(f).to_dict()


def _pairs_that_change_only_what_one_side_reads_of_the_other() -> list[tuple[dict, dict]]:  # type: ignore[type-arg]
    foot = ["foot_dorsum", "sole", "heel", "great_toe", "little_toe", "foot_medial_edge"]
    right_numb = [S(z, "right", "numbness") for z in foot]
    return [
        # the other side's sensory zones (the "same pattern in both legs" feature)
        (
            {"symptoms": right_numb + [S(z, "left", "numbness") for z in foot]},
            {"symptoms": right_numb + [S(z, "left", "pain") for z in foot]},
        ),
        # the other side's stocking (symptoms encircle both feet)
        (
            {"symptoms": right_numb + [S(z, "left", "tingling") for z in foot]},
            {"symptoms": [*right_numb, S("foot_dorsum", "left", "tingling")]},
        ),
        # both ankle reflexes reduced
        (
            {
                "symptoms": [S("calf_posterior", "right", "pain")],
                "reflexes": [R("achilles", "right", "absent"), R("achilles", "left", "reduced")],
            },
            {
                "symptoms": [S("calf_posterior", "right", "pain")],
                "reflexes": [R("achilles", "right", "absent"), R("achilles", "left", "normal")],
            },
        ),
        # the same weak movements on both sides
        (
            {
                "motor": [M("ankle_dorsiflexion", "right", 3), M("ankle_dorsiflexion", "left", 3)],
                "symptoms": [S("foot_dorsum", "right", "numbness")],
            },
            {
                "motor": [M("ankle_dorsiflexion", "right", 3), M("ankle_dorsiflexion", "left", 5)],
                "symptoms": [S("foot_dorsum", "right", "numbness")],
            },
        ),
        # only one leg affected
        (
            {
                "symptoms": [
                    S("thigh_lateral", "right", "burning"),
                    S("knee_medial", "left", "pain"),
                ]
            },
            {
                "symptoms": [S("thigh_lateral", "right", "burning")],
                "motor": [M("hip_flexion", "left", 5)],
            },
        ),
    ]


def test_what_a_side_reads_of_the_other_is_in_its_memo_key() -> None:
    """Pairs whose right side is the same and whose left differs only in what the right
    side's features and rules read: the kept right side must not be reused wrongly."""
    from radviz.reasoning import localization

    for base, variant in _pairs_that_change_only_what_one_side_reads_of_the_other():
        localization._SIDE_MEMO.clear()
        infer(Findings.from_dict(base))
        kept = infer(Findings.from_dict(variant)).to_dict()
        localization._SIDE_MEMO.clear()
        assert kept == infer(Findings.from_dict(variant)).to_dict(), (base, variant)
