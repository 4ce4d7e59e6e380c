"""Concordance of an imaging finding with the clinical picture (radviz.imaging.parser)."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from radviz.imaging.concordance import Concordance, concordance
from radviz.imaging.document import VERDICTS, ImagingFinding, ImagingRoot
from radviz.imaging.parser import parse_report
from radviz.reasoning.findings import Findings
from radviz.reasoning.readability import fk_grade
from radviz.reasoning.result import Evidence, Result, RootCandidate

L5S1_LEFT = ImagingFinding(
    level="L5-S1",
    side="left",
    zone="paracentral",
    lesion="extrusion",
    severity="severe",
    roots=(ImagingRoot("S1", "left", "traversing"),),
    text="Left paracentral extrusion at L5-S1.",
)
CENTRAL_L4L5 = ImagingFinding(
    level="L4-L5",
    side="bilateral",
    zone="central",
    lesion="canal_stenosis",
    severity="severe",
    roots=(ImagingRoot("L5", "left", "traversing"), ImagingRoot("L5", "right", "traversing")),
    text="Severe canal stenosis at L4-L5.",
)
NO_ROOTS = ImagingFinding("L3-L4", "bilateral", "central", "bulge", "mild", (), "bulge")

LEFT_S1_CASE = Findings.from_dict(
    {
        "symptoms": [
            {"zone": "calf_posterior", "side": "left", "kind": "pain"},
            {"zone": "foot_lateral_edge", "side": "left", "kind": "numbness"},
        ],
        "reflexes": [{"reflex": "achilles", "side": "left", "status": "absent"}],
    }
)
RIGHT_CASE = Findings.from_dict(
    {"symptoms": [{"zone": "thigh_anterior_lower", "side": "right", "kind": "pain"}]}
)
NORMAL_EXAM = Findings.from_dict(
    {"reflexes": [{"reflex": "achilles", "side": "left", "status": "normal"}]}
)

PRIOR = Evidence("prior (how common this root is)", 0.2, "prior")


def _cand(root: str, side: str, p: float, *evidence: Evidence) -> RootCandidate:
    return RootCandidate(root, side, p, (PRIOR, *evidence))


def _result(pattern: str, *roots: RootCandidate, no_root: dict[str, float] | None = None) -> Result:
    ordered = tuple(sorted(roots, key=lambda r: -r.probability))
    return Result(pattern=pattern, roots=ordered, no_root=no_root or {})


S1_WINS = _result(
    "radicular",
    _cand(
        "S1",
        "left",
        0.72,
        Evidence("achilles reflex absent", 1.6, "reflex"),
        Evidence("numbness: foot_lateral_edge", 0.9, "sensory"),
    ),
    _cand("L5", "left", 0.12, Evidence("pain: calf_posterior", 0.2, "sensory")),
    _cand("L4", "left", 0.03),
    _cand("L3", "left", 0.01),
    no_root={"left": 0.12},
)


def _check(c: Concordance, verdict: str) -> None:
    assert c.verdict == verdict
    assert c.verdict in VERDICTS
    assert c.reasons and all(isinstance(r, str) and r for r in c.reasons)
    assert c.patient and fk_grade(c.patient) <= 8


def test_concordant_top_root_with_support() -> None:
    c = concordance(L5S1_LEFT, LEFT_S1_CASE, S1_WINS)
    _check(c, "concordant")
    assert "S1 is the most likely root on the patient's left (72 %)" in c.reasons[0]
    assert "achilles reflex absent" in c.reasons[0]
    assert "prior" not in c.reasons[0]


def test_top_root_on_prior_only_is_partly() -> None:
    result = _result("radicular", _cand("S1", "left", 0.5), _cand("L5", "left", 0.3))
    _check(concordance(L5S1_LEFT, LEFT_S1_CASE, result), "partly")


def test_top_root_below_threshold_is_not_concordant() -> None:
    result = _result(
        "radicular",
        _cand("S1", "left", 0.30, Evidence("achilles reflex absent", 1.0, "reflex")),
        _cand("L5", "left", 0.29),
        no_root={"left": 0.41},
    )
    c = concordance(L5S1_LEFT, LEFT_S1_CASE, result)
    _check(c, "partly")
    assert any("No root involvement" in r for r in c.reasons)


def test_second_ranked_root_is_partly() -> None:
    result = _result(
        "radicular",
        _cand("L5", "left", 0.70, Evidence("great_toe_extension 4/5", 1.2, "motor")),
        _cand("S1", "left", 0.20),
    )
    c = concordance(L5S1_LEFT, LEFT_S1_CASE, result)
    _check(c, "partly")
    assert "S1 ranks 2nd on the patient's left (20 %); L5 is more likely (70 %)." in c.reasons


def test_neighbouring_root_clearly_winning_is_discordant() -> None:
    # A clear L5 picture against an L5-S1 paracentral extrusion that reaches S1 only.
    result = _result(
        "radicular",
        _cand("L5", "left", 0.90, Evidence("great_toe_extension 4/5", 2.0, "motor")),
        _cand("L4", "left", 0.04),
        _cand("L3", "left", 0.03),
        _cand("S1", "left", 0.02),
    )
    _check(concordance(L5S1_LEFT, LEFT_S1_CASE, result), "discordant")


def test_close_second_root_is_partly() -> None:
    result = _result(
        "radicular",
        _cand("L5", "left", 0.55, Evidence("great_toe_extension 4/5", 2.0, "motor")),
        _cand("S1", "left", 0.30, Evidence("pain: calf_posterior", 0.4, "sensory")),
    )
    _check(concordance(L5S1_LEFT, LEFT_S1_CASE, result), "partly")


def test_a_different_root_clearly_wins_is_discordant() -> None:
    result = _result(
        "radicular",
        _cand("L3", "left", 0.85, Evidence("knee_extension 4/5", 2.0, "motor")),
        _cand("L2", "left", 0.06),
        _cand("L4", "left", 0.05),
        _cand("S1", "left", 0.01),
    )
    c = concordance(L5S1_LEFT, LEFT_S1_CASE, result)
    _check(c, "discordant")
    assert "S1 on the patient's left is unlikely (1 %); the exam points to L3 (85 %)." in c.reasons


def test_root_missing_from_result_is_discordant() -> None:
    result = _result(
        "radicular",
        _cand("L3", "left", 0.85, Evidence("knee_extension 4/5", 2.0, "motor")),
        _cand("L2", "left", 0.06),
        _cand("L4", "left", 0.05),
    )
    _check(concordance(L5S1_LEFT, LEFT_S1_CASE, result), "discordant")


def test_symptoms_on_the_other_side_only_is_discordant() -> None:
    result = _result("radicular", _cand("L4", "right", 0.7, Evidence("pain", 1.0, "sensory")))
    c = concordance(L5S1_LEFT, RIGHT_CASE, result)
    _check(c, "discordant")
    assert "right" in c.reasons[0] and "left" in c.reasons[0]


def test_non_dermatomal_pattern_is_discordant() -> None:
    result = _result("non_dermatomal", _cand("S1", "left", 0.6, Evidence("x", 1.0, "sensory")))
    c = concordance(L5S1_LEFT, LEFT_S1_CASE, result)
    _check(c, "discordant")
    assert "non-dermatomal" in c.reasons[0]


@pytest.mark.parametrize(
    ("finding", "findings", "result"),
    [
        (L5S1_LEFT, Findings(), Result(pattern="none")),
        (L5S1_LEFT, NORMAL_EXAM, Result(pattern="none")),
        (NO_ROOTS, LEFT_S1_CASE, S1_WINS),
    ],
    ids=["empty", "normal-exam-only", "no-roots"],
)
def test_not_assessable(finding: ImagingFinding, findings: Findings, result: Result) -> None:
    _check(concordance(finding, findings, result), "not_assessable")


def test_bilateral_finding_uses_the_symptomatic_side() -> None:
    result = _result(
        "radicular",
        _cand("L5", "left", 0.6, Evidence("numbness: foot_dorsum", 1.1, "sensory")),
        _cand("S1", "left", 0.2),
    )
    c = concordance(CENTRAL_L4L5, LEFT_S1_CASE, result)
    _check(c, "concordant")
    assert all("right" not in r for r in c.reasons)


def test_best_root_decides_and_unexplained_side_is_named() -> None:
    both = Findings.from_dict(
        {
            "symptoms": [
                {"zone": "foot_dorsum", "side": "left", "kind": "numbness"},
                {"zone": "thigh_anterior_lower", "side": "right", "kind": "pain"},
            ]
        }
    )
    result = _result(
        "radicular",
        _cand("L5", "left", 0.6, Evidence("numbness: foot_dorsum", 1.1, "sensory")),
        _cand("L4", "right", 0.6, Evidence("pain: thigh_anterior_lower", 1.1, "sensory")),
    )
    left_only = ImagingFinding(
        "L4-L5",
        "left",
        "paracentral",
        "protrusion",
        "mild",
        (ImagingRoot("L5", "left", "traversing"),),
        "x",
    )
    c = concordance(left_only, both, result)
    _check(c, "concordant")
    assert any("right" in r and "does not explain" in r for r in c.reasons)


@pytest.mark.parametrize("verdict", VERDICTS)
def test_patient_sentences_are_plain(verdict: str) -> None:
    from radviz.imaging import concordance as imaging

    assert fk_grade(imaging._PATIENT[verdict]) <= 8


# ----------------------------------------------------------------------- end to end
HAS_INFERENCE = importlib.util.find_spec("radviz.reasoning.inference") is not None
needs_inference = pytest.mark.skipif(not HAS_INFERENCE, reason="radviz.reasoning.inference missing")

LEFT_S1: dict[str, Any] = {
    "age": 40,
    "symptoms": [
        {"zone": "calf_posterior", "side": "left", "kind": "pain"},
        {"zone": "foot_lateral_edge", "side": "left", "kind": "numbness"},
        {"zone": "sole", "side": "left", "kind": "tingling"},
    ],
    "motor": [{"movement": "ankle_plantarflexion", "side": "left", "grade": 4}],
    "reflexes": [{"reflex": "achilles", "side": "left", "status": "absent"}],
    "tests": [{"test": "slr", "side": "left", "result": "positive", "angle": 40}],
}
RIGHT_L4: dict[str, Any] = {
    "age": 55,
    "symptoms": [
        {"zone": "thigh_anterior_lower", "side": "right", "kind": "pain"},
        {"zone": "leg_medial", "side": "right", "kind": "numbness"},
    ],
    "motor": [{"movement": "knee_extension", "side": "right", "grade": 4}],
    "reflexes": [{"reflex": "patellar", "side": "right", "status": "reduced"}],
    "tests": [{"test": "femoral_stretch", "side": "right", "result": "positive"}],
}
REPORT = "L5-S1: left paracentral disc extrusion compressing the traversing left S1 nerve root."


@needs_inference
@pytest.mark.parametrize(
    ("case", "verdict"),
    [(LEFT_S1, "concordant"), (RIGHT_L4, "discordant"), ({}, "not_assessable")],
    ids=["left-S1", "right-L4", "empty"],
)
def test_end_to_end(case: dict[str, Any], verdict: str) -> None:
    from radviz.reasoning.inference import infer

    (finding,) = parse_report(REPORT).findings
    findings = Findings.from_dict(case)
    c = concordance(finding, findings, infer(findings))
    _check(c, verdict)


@needs_inference
def test_end_to_end_concordant_cites_the_exam() -> None:
    from radviz.reasoning.inference import infer

    (finding,) = parse_report(REPORT).findings
    findings = Findings.from_dict(LEFT_S1)
    c = concordance(finding, findings, infer(findings))
    assert c.reasons[0].startswith("S1 is the most likely root on the patient's left (")
    assert "supported by:" in c.reasons[0]


@needs_inference
def test_end_to_end_mirror() -> None:
    """The same case mirrored to the right is discordant with the left extrusion."""
    from radviz.reasoning.inference import infer

    (finding,) = parse_report(REPORT).findings
    findings = Findings.from_dict(LEFT_S1).mirrored()
    _check(concordance(finding, findings, infer(findings)), "discordant")


# ----------------------------------------------------- central lesions (cauda equina)
def _demo_verdicts(name: str) -> dict[tuple[str, str, str], str]:
    from radviz.imaging.parser import parse_report
    from radviz.reasoning.inference import infer
    from radviz.training.demos import DEMOS

    demo = DEMOS[name]
    findings = Findings.from_dict(demo.findings)
    result = infer(findings)
    return {
        (f.level, f.zone, f.lesion): concordance(f, findings, result).verdict
        for f in parse_report(demo.imaging_text or "").findings
    }


def test_central_extrusion_with_cauda_equina_flags_is_concordant() -> None:
    # A severe central L4-L5 extrusion reaches the S1-S5 roots of the cauda as well as L5.
    verdicts = _demo_verdicts("cauda_equina")
    assert verdicts[("L4-L5", "central", "extrusion")] == "concordant"


def test_central_canal_stenosis_fits_neurogenic_claudication() -> None:
    verdicts = _demo_verdicts("stenosis_claudication")
    assert verdicts[("L4-L5", "central", "canal_stenosis")] == "concordant"


def test_mild_central_bulge_is_incidental_to_an_s1_picture() -> None:
    # Issue #14.3: a bulge that narrows nothing neither fits nor contradicts (was discordant).
    verdicts = _demo_verdicts("l5s1_left_s1")
    assert verdicts[("L4-L5", "central", "bulge")] == "incidental"
    assert verdicts[("L5-S1", "paracentral", "extrusion")] == "concordant"


# ------------------------------------------------ infer: Result.imaging (contract 7.2)
RIGHT_L5: dict[str, Any] = {
    "age": 45,
    "symptoms": [
        {"zone": "leg_anterolateral", "side": "right", "kind": "pain"},
        {"zone": "foot_dorsum", "side": "right", "kind": "numbness"},
    ],
    "motor": [{"movement": "great_toe_extension", "side": "right", "grade": 4}],
    "tests": [{"test": "slr", "side": "right", "result": "positive", "angle": 45}],
}
SCAN = (
    "L4-L5: right paracentral extrusion compressing the right L5 root. "
    "L5-S1: mild bulge without stenosis."
)


def _verdicts(case: dict[str, Any], imaging: dict[str, Any]) -> dict[str, dict[str, str]]:
    from radviz.reasoning.inference import infer

    result = infer(Findings.from_dict({**case, "imaging": imaging}))
    assert result.imaging is not None
    doc = result.to_dict()["imaging"]
    assert [set(v) for v in doc] == [
        {"level", "side", "zone", "lesion", "verdict", "why"} for _ in doc
    ]
    return {f"{v['level']} {v['lesion']}": v for v in doc}


def test_a_bulge_without_stenosis_is_incidental_whatever_the_side() -> None:
    # Issue #14.3: it was discordant with right L5 symptoms and concordant with left S1 ones.
    right = _verdicts(RIGHT_L5, {"report": SCAN})
    assert right["L4-L5 extrusion"]["verdict"] == "concordant"
    assert right["L5-S1 bulge"]["verdict"] == "incidental"
    left = _verdicts(LEFT_S1, {"report": SCAN})
    assert left["L5-S1 bulge"]["verdict"] == "incidental"
    assert left["L4-L5 extrusion"]["verdict"] == "discordant"


def test_why_names_the_root_the_results_name() -> None:
    from radviz.reasoning.inference import infer

    findings = Findings.from_dict({**RIGHT_L5, "imaging": {"report": SCAN}})
    result = infer(findings)
    top = result.roots_for("right")[0]
    assert (top.root, top.side) == ("L5", "right")
    assert result.imaging is not None
    for v in result.imaging:
        assert "your right L5 nerve" in v.why, v.why
        assert fk_grade(v.why) <= 8, v.why


def test_cauda_equina_sentence_names_the_results_roots() -> None:
    from radviz.reasoning.inference import infer
    from radviz.training.demos import DEMOS

    demo = DEMOS["cauda_equina"]
    findings = Findings.from_dict({**demo.findings, "imaging": {"report": demo.imaging_text}})
    result = infer(findings)
    named = {c.root for c in result.roots if c.probability >= 0.5}
    assert result.imaging is not None
    central = [v for v in result.imaging if v.zone == "central"]
    assert central and all(v.verdict == "concordant" for v in central)
    for v in central:
        assert all(f" {root} nerve" in v.why for root in named), v.why
        assert " L5 nerve" not in v.why or "L5" in named


def test_a_possible_finding_is_never_fully_concordant() -> None:
    hedged = SCAN.replace("right paracentral extrusion", "possible right paracentral extrusion")
    got = _verdicts(RIGHT_L5, {"report": hedged})["L4-L5 extrusion"]
    assert got["verdict"] == "partly"
    assert got["why"].startswith("The report is not sure about this finding.")


def test_an_imaging_document_is_judged_as_given() -> None:
    doc = {
        "findings": [
            {
                "level": "L4-L5",
                "side": "right",
                "zone": "paracentral",
                "lesion": "protrusion",
                "severity": "moderate",
                "certainty": "definite",
                "roots": [{"root": "L5", "side": "right", "relation": "traversing"}],
            }
        ]
    }
    assert _verdicts(RIGHT_L5, doc)["L4-L5 protrusion"]["verdict"] == "concordant"


def test_no_imaging_no_verdicts_and_a_bad_document_names_its_field() -> None:
    from radviz.reasoning.findings import FindingsError
    from radviz.reasoning.inference import infer

    assert "imaging" not in infer(Findings.from_dict(RIGHT_L5)).to_dict()
    bad = {"findings": [{"level": "L9-L10", "side": "left", "zone": "central"}]}
    with pytest.raises(FindingsError) as err:
        Findings.from_dict({**RIGHT_L5, "imaging": bad})
    assert err.value.field == "imaging.findings[0].level"
