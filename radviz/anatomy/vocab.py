"""The public vocabulary of ``shared/CONTRACT.md`` (model layer, no Qt).

Every id that scripts, saved sessions and the UI share lives here once.
"""

from __future__ import annotations

SIDES: tuple[str, ...] = ("left", "right")
MIDLINE = "midline"

ZONES: tuple[str, ...] = (
    "lower_back",
    "sacrum",
    "saddle",
    "inguinal",
    "buttock_upper",
    "buttock_lower",
    "thigh_anterior_upper",
    "thigh_anterior_lower",
    "thigh_medial",
    "thigh_lateral",
    "thigh_posterior",
    "knee_anterior",
    "knee_medial",
    "popliteal_fossa",
    "leg_medial",
    "leg_anterolateral",
    "calf_posterior",
    "ankle_medial",
    "ankle_lateral",
    "foot_dorsum",
    "great_toe",
    "foot_medial_edge",
    "foot_lateral_edge",
    "little_toe",
    "sole",
    "heel",
)
MIDLINE_ZONES: frozenset[str] = frozenset({"sacrum", "saddle"})

SYMPTOM_KINDS: tuple[str, ...] = ("pain", "burning", "aching", "numbness", "tingling")

MOVEMENTS: tuple[str, ...] = (
    "hip_flexion",
    "hip_adduction",
    "hip_abduction",
    "hip_extension",
    "knee_extension",
    "knee_flexion",
    "ankle_dorsiflexion",
    "ankle_plantarflexion",
    "ankle_inversion",
    "ankle_eversion",
    "great_toe_extension",
    "toe_flexion",
)

REFLEXES: tuple[str, ...] = ("patellar", "medial_hamstring", "achilles")
REFLEX_STATUSES: tuple[str, ...] = ("normal", "reduced", "absent", "brisk")

TESTS: tuple[str, ...] = (
    "slr",
    "crossed_slr",
    "femoral_stretch",
    "slump",
    "fadir",
    "fair",
    "si_provocation",
    "tinel_fibular_head",
    # contract 7.1: hip, gait and calf signs that separate the mimics
    "faber",
    "trochanteric_tenderness",
    "trendelenburg",
    "hip_internal_rotation",  # positive = painful or restricted
    "calf_tenderness",
)
# Tests that may carry an ``angle`` in degrees (contract 7.1).
ANGLE_TESTS: tuple[str, ...] = ("slr", "crossed_slr")
TEST_RESULTS: tuple[str, ...] = ("positive", "negative")

FLAGS: tuple[str, ...] = (
    "saddle_anesthesia",
    "bladder_dysfunction",
    "bowel_dysfunction",
    "sexual_dysfunction",
    "progressive_weakness",
    "fever",
    "iv_drug_use",
    "immunosuppression",
    "cancer_history",
    "unexplained_weight_loss",
    "night_pain",
    "significant_trauma",
    "osteoporosis",
    "steroid_use",
    "worse_sitting",
    "worse_cough_sneeze",
    "worse_bending_forward",
    "worse_extension",
    "worse_walking_relieved_sitting",
    "worse_walking_relieved_standing",
    "diabetes",
    "smoker",
    "diminished_pedal_pulses",
    "calf_swelling",
    "recent_immobilization",
    # contract 7.1
    "back_pain",  # false = no back pain at all
    "habitual_leg_crossing",
    "recent_pelvic_or_hip_surgery",
    "leg_pain_at_rest",
)
# Flags that are red-flag questions; the UI asks them first (in this order).
RED_FLAG_QUESTIONS: tuple[str, ...] = (
    "saddle_anesthesia",
    "bladder_dysfunction",
    "bowel_dysfunction",
    "sexual_dysfunction",
    "progressive_weakness",
    "fever",
    "iv_drug_use",
    "immunosuppression",
    "cancer_history",
    "unexplained_weight_loss",
    "night_pain",
    "significant_trauma",
    "osteoporosis",
    "steroid_use",
)
# Flags that are history, not red-flag questions (every flag is one or the other).
HISTORY_FLAGS: tuple[str, ...] = tuple(f for f in FLAGS if f not in RED_FLAG_QUESTIONS)

# Worst leg pain in the last week, 0-10 numeric rating scale (contract 7.1 pain_score).
PAIN_SCORE_RANGE: tuple[int, int] = (0, 10)
# How much the pain limits daily life (contract 7.1 function), least to most.
FUNCTIONS: tuple[str, ...] = ("normal", "limited", "severely_limited")

SEXES: tuple[str, ...] = ("female", "male", "other")

ROOTS: tuple[str, ...] = ("L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4", "S5")
# Roots with a full territory/myotome model; S3-S5 matter for red flags only.
MODELLED_ROOTS: tuple[str, ...] = ("L1", "L2", "L3", "L4", "L5", "S1", "S2")

LEVELS: tuple[str, ...] = ("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1")
DISC_ZONES: tuple[str, ...] = ("central", "paracentral", "foraminal", "extraforaminal")
RELATIONS: tuple[str, ...] = ("traversing", "exiting")

PATTERNS: tuple[str, ...] = ("radicular", "referred", "mixed", "non_dermatomal", "none")

CAUSES: tuple[str, ...] = (
    "disc_herniation",
    "degenerative_disc_disease",
    "spinal_stenosis",
    "foraminal_stenosis",
    "lateral_recess_stenosis",
    "spondylolisthesis",
    "facet_arthropathy",
)

RED_FLAGS: tuple[str, ...] = (
    "cauda_equina_syndrome",
    "infection",
    "malignancy",
    "fracture",
    "progressive_neurological_deficit",
    "severe_motor_deficit",  # contract 7.2: MRC <= 2, not known to be getting worse
)
URGENCIES: tuple[str, ...] = ("emergency", "urgent", "soon")

DIFFERENTIALS: tuple[str, ...] = (
    "piriformis_syndrome",
    "common_peroneal_neuropathy",
    "meralgia_paresthetica",
    "hip_osteoarthritis",
    "peripheral_neuropathy",
    "vascular_claudication",
    "deep_vein_thrombosis",
    "sacroiliac_joint_pain",
    "greater_trochanteric_pain_syndrome",
    # second edition (CONTRACT 7.2): nerve and plexus look-alikes of a root lesion
    "femoral_neuropathy",
    "sciatic_neuropathy",
    "lumbosacral_plexopathy",
)

EVIDENCE_GRADES: tuple[str, ...] = ("recommended", "consider", "insufficient", "not_recommended")
# contract 7.2 treatments[].step, in the order a plan is listed.
TREATMENT_STEPS: tuple[str, ...] = (
    "emergency",
    "urgent",
    "first",
    "next",
    "specialist",
    "not_advised",
)


def other_side(side: str) -> str:
    """Return the opposite side (``midline`` stays ``midline``)."""
    return {"left": "right", "right": "left"}.get(side, side)
