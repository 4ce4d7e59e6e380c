"""Built-in demo cases (model layer, pure data, no Qt).

Each :class:`Demo` holds a contract findings document (``shared/CONTRACT.md`` §3) and,
where it helps the story, the text of an imaging report. The findings are written from
``shared/reference/CLINICAL.md``: territories (§1.2), myotomes (§2), reflexes (§3),
tests (§4), level → root (§8), red flags (§9) and mimics (§10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from radviz.reasoning.findings import Findings

# Red-flag questions asked and answered "no": a demo that asks them shows the
# tri-state "no" in the findings panel instead of "not asked".
_NO_RED_FLAGS: dict[str, bool] = {
    "saddle_anesthesia": False,
    "bladder_dysfunction": False,
    "bowel_dysfunction": False,
    "progressive_weakness": False,
    "fever": False,
    "cancer_history": False,
    "unexplained_weight_loss": False,
    "significant_trauma": False,
}


@dataclass(frozen=True)
class Demo:
    """A teaching case: ``findings`` is a contract findings document."""

    name: str
    title: str
    description: str
    findings: dict[str, Any]
    imaging_text: str | None = None

    def to_findings(self) -> Findings:
        """The validated :class:`Findings` of this case."""
        return Findings.from_dict(self.findings)


def _sym(kind: str, side: str, *zones: str) -> list[dict[str, str]]:
    return [{"zone": z, "side": side, "kind": kind} for z in zones]


def _motor(side: str, **grades: int) -> list[dict[str, Any]]:
    return [{"movement": m, "side": side, "grade": g} for m, g in grades.items()]


def _reflex(side: str, **statuses: str) -> list[dict[str, str]]:
    return [{"reflex": r, "side": side, "status": s} for r, s in statuses.items()]


_L5S1_LEFT_S1 = Demo(
    name="l5s1_left_s1",
    title="L5-S1 disc, left S1 root",
    description=(
        "A 38-year-old with shooting pain from the left buttock down the back of the "
        "leg, numbness along the outer foot and heel, weak push-off and a reduced "
        "left ankle jerk. Worse sitting and coughing; straight-leg raise positive at 40°."
    ),
    findings={
        "age": 38,
        "sex": "male",
        "duration_weeks": 4,
        "symptoms": [
            *_sym("pain", "left", "buttock_lower", "thigh_posterior", "calf_posterior"),
            *_sym("numbness", "left", "foot_lateral_edge", "little_toe", "heel"),
            *_sym("tingling", "left", "sole"),
        ],
        "motor": _motor("left", ankle_plantarflexion=4, toe_flexion=4),
        "reflexes": [
            *_reflex("left", achilles="reduced", patellar="normal"),
            *_reflex("right", achilles="normal", patellar="normal"),
        ],
        "tests": [
            {"test": "slr", "side": "left", "result": "positive", "angle": 40},
            {"test": "crossed_slr", "side": "left", "result": "negative"},
        ],
        "flags": {**_NO_RED_FLAGS, "worse_sitting": True, "worse_cough_sneeze": True},
    },
    imaging_text=(
        "L5-S1: left paracentral disc extrusion compressing the traversing left S1 "
        "nerve root. L4-L5: mild disc bulge without stenosis."
    ),
)

_CLASSIC_L5 = Demo(
    name="classic_l5",
    title="Classic L5 radiculopathy (right)",
    description=(
        "A 46-year-old with pain from the right buttock down the outer thigh and shin, "
        "numbness on the top of the foot and big toe, and a weak big-toe lift and "
        "hip abduction. Ankle and knee jerks are normal."
    ),
    findings={
        "age": 46,
        "sex": "female",
        "duration_weeks": 6,
        "symptoms": [
            *_sym("pain", "right", "buttock_upper", "thigh_lateral", "leg_anterolateral"),
            *_sym("numbness", "right", "foot_dorsum", "great_toe"),
        ],
        "motor": _motor(
            "right",
            great_toe_extension=4,
            hip_abduction=4,
            ankle_dorsiflexion=4,
            ankle_inversion=4,
        ),
        "reflexes": [
            *_reflex("right", achilles="normal", patellar="normal", medial_hamstring="reduced"),
            *_reflex("left", achilles="normal", patellar="normal"),
        ],
        "tests": [{"test": "slr", "side": "right", "result": "positive", "angle": 50}],
        "flags": {**_NO_RED_FLAGS, "worse_sitting": True, "worse_bending_forward": True},
    },
    imaging_text=(
        "L4-L5: right paracentral disc protrusion contacting the traversing right L5 "
        "nerve root. L5-S1: normal."
    ),
)

_L4_FEMORAL = Demo(
    name="l4_femoral_stretch",
    title="L4 root with a positive femoral stretch (left)",
    description=(
        "A 61-year-old with pain down the front of the left thigh and knee into the "
        "inner shin, numbness at the inner ankle, a weak knee and a reduced knee jerk. "
        "The femoral stretch test is positive; the straight-leg raise is negative."
    ),
    findings={
        "age": 61,
        "sex": "female",
        "duration_weeks": 3,
        "symptoms": [
            *_sym("pain", "left", "thigh_anterior_lower", "knee_anterior", "leg_medial"),
            *_sym("numbness", "left", "ankle_medial"),
        ],
        "motor": _motor("left", knee_extension=4, ankle_dorsiflexion=4),
        "reflexes": [
            *_reflex("left", patellar="reduced", achilles="normal"),
            *_reflex("right", patellar="normal", achilles="normal"),
        ],
        "tests": [
            {"test": "femoral_stretch", "side": "left", "result": "positive"},
            {"test": "slr", "side": "left", "result": "negative"},
        ],
        "flags": dict(_NO_RED_FLAGS),
    },
    imaging_text=(
        "L4-L5: left foraminal disc protrusion compressing the exiting left L4 nerve "
        "root. L3-L4: mild disc bulge, no stenosis."
    ),
)

_CAUDA_EQUINA = Demo(
    name="cauda_equina",
    title="Cauda equina syndrome (emergency)",
    description=(
        "A 44-year-old with pain down the back of both legs, numbness in the saddle "
        "area, new difficulty passing urine and weak push-off on both sides. This is an "
        "emergency: go to an emergency department now."
    ),
    findings={
        "age": 44,
        "sex": "male",
        "duration_weeks": 1,
        "symptoms": [
            *_sym("pain", "left", "buttock_lower", "thigh_posterior", "calf_posterior"),
            *_sym("pain", "right", "buttock_lower", "thigh_posterior", "calf_posterior"),
            *_sym("numbness", "midline", "saddle"),
            *_sym("numbness", "left", "sole"),
        ],
        "motor": [
            *_motor("left", ankle_plantarflexion=4),
            *_motor("right", ankle_plantarflexion=4),
        ],
        "reflexes": [
            *_reflex("left", achilles="absent"),
            *_reflex("right", achilles="reduced"),
        ],
        "tests": [
            {"test": "slr", "side": "left", "result": "positive", "angle": 35},
            {"test": "slr", "side": "right", "result": "positive", "angle": 50},
        ],
        "flags": {
            **_NO_RED_FLAGS,
            "saddle_anesthesia": True,
            "bladder_dysfunction": True,
            "worse_cough_sneeze": True,
        },
    },
    imaging_text=(
        "L4-L5: large central disc extrusion with severe central canal stenosis "
        "compressing the cauda equina."
    ),
)

_PERONEAL = Demo(
    name="peroneal_mimic",
    title="Common peroneal nerve at the knee (a mimic)",
    description=(
        "A 34-year-old who sat cross-legged for a long time: foot drop on the left, "
        "numbness over the outer shin and top of the foot, weak eversion, but normal "
        "inversion, hip abduction and reflexes. Tapping behind the fibular head tingles."
    ),
    findings={
        "age": 34,
        "sex": "male",
        "duration_weeks": 2,
        "symptoms": [
            *_sym("numbness", "left", "leg_anterolateral", "foot_dorsum"),
            *_sym("tingling", "left", "great_toe"),
        ],
        "motor": _motor(
            "left",
            ankle_dorsiflexion=2,
            great_toe_extension=3,
            ankle_eversion=3,
            ankle_inversion=5,
            hip_abduction=5,
            ankle_plantarflexion=5,
        ),
        "reflexes": [
            *_reflex("left", achilles="normal", patellar="normal", medial_hamstring="normal"),
            *_reflex("right", achilles="normal", patellar="normal"),
        ],
        "tests": [
            {"test": "tinel_fibular_head", "side": "left", "result": "positive"},
            {"test": "slr", "side": "left", "result": "negative"},
        ],
        "flags": dict(_NO_RED_FLAGS),
    },
    imaging_text=None,
)

_STENOSIS = Demo(
    name="stenosis_claudication",
    title="Lumbar spinal stenosis (neurogenic claudication)",
    description=(
        "A 73-year-old whose buttocks and legs ache and tingle after a few minutes' "
        "walk; sitting or bending forward eases it within minutes. Foot pulses are "
        "normal and the straight-leg raise is negative."
    ),
    findings={
        "age": 73,
        "sex": "female",
        "duration_weeks": 40,
        "symptoms": [
            *_sym("aching", "left", "buttock_upper", "thigh_posterior", "calf_posterior"),
            *_sym("aching", "right", "buttock_upper", "thigh_posterior", "calf_posterior"),
            *_sym("tingling", "left", "leg_anterolateral"),
            *_sym("tingling", "right", "leg_anterolateral"),
        ],
        "reflexes": [
            *_reflex("left", achilles="reduced", patellar="normal"),
            *_reflex("right", achilles="reduced", patellar="normal"),
        ],
        "tests": [
            {"test": "slr", "side": "left", "result": "negative"},
            {"test": "slr", "side": "right", "result": "negative"},
        ],
        "flags": {
            **_NO_RED_FLAGS,
            "worse_walking_relieved_sitting": True,
            "worse_extension": True,
            "worse_walking_relieved_standing": False,
            "diminished_pedal_pulses": False,
        },
    },
    imaging_text=(
        "L4-L5: severe central canal stenosis from disc bulge, facet hypertrophy and "
        "ligamentum flavum thickening. L3-L4: moderate central canal stenosis."
    ),
)

_REFERRED_FACET = Demo(
    name="referred_facet",
    title="Referred pain from the facet joints (not a root)",
    description=(
        "A 56-year-old with a dull ache in the right low back, buttock and back of the "
        "thigh that stops above the knee, worse leaning back and standing. Strength, "
        "reflexes and the straight-leg raise are normal."
    ),
    findings={
        "age": 56,
        "sex": "male",
        "duration_weeks": 12,
        "symptoms": _sym("aching", "right", "lower_back", "buttock_upper", "thigh_posterior"),
        "motor": _motor(
            "right",
            knee_extension=5,
            ankle_dorsiflexion=5,
            great_toe_extension=5,
            ankle_plantarflexion=5,
            hip_abduction=5,
        ),
        "reflexes": [
            *_reflex("right", patellar="normal", achilles="normal"),
            *_reflex("left", patellar="normal", achilles="normal"),
        ],
        "tests": [{"test": "slr", "side": "right", "result": "negative"}],
        "flags": {**_NO_RED_FLAGS, "worse_extension": True, "worse_sitting": False},
    },
    imaging_text=(
        "L4-L5 and L5-S1: bilateral facet arthropathy. No disc herniation. No canal or "
        "foraminal stenosis."
    ),
)

DEMOS: dict[str, Demo] = {
    d.name: d
    for d in (
        _L5S1_LEFT_S1,
        _CLASSIC_L5,
        _L4_FEMORAL,
        _CAUDA_EQUINA,
        _PERONEAL,
        _STENOSIS,
        _REFERRED_FACET,
    )
}
