"""Lumbar MRI report parsing, root rule, validation and prevalence (radviz.imaging.parser)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radviz.anatomy import vocab
from radviz.anatomy.levels import roots_at_level
from radviz.imaging.document import (
    IMAGING_SIDES,
    LESIONS,
    SEVERITIES,
    ZONES,
    ImagingError,
    ImagingFinding,
    ImagingReport,
    ImagingRoot,
)
from radviz.imaging.parser import parse_report
from radviz.imaging.prevalence import asymptomatic_prevalence, prevalence_note
from radviz.reasoning.readability import fk_grade

LR = "left L5 traversing"


def _roots(f: ImagingFinding) -> str:
    return "; ".join(f"{r.side} {r.root} {r.relation}" for r in f.roots)


def _summary(text: str) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (f.level, f.side, f.zone, f.lesion, f.severity, _roots(f))
        for f in parse_report(text).findings
    ]


def _both(root: str, relation: str) -> str:
    return f"left {root} {relation}; right {root} {relation}"


# (sentence, expected findings: level, side, zone, lesion, severity, roots)
SENTENCES: list[tuple[str, list[tuple[str, str, str, str, str, str]]]] = [
    (
        "L5-S1: Large left paracentral disc extrusion compressing the traversing left S1 "
        "nerve root.",
        [("L5-S1", "left", "paracentral", "extrusion", "severe", "left S1 traversing")],
    ),
    (
        "At L4-5 there is a small right paracentral disc protrusion contacting the traversing "
        "right L5 nerve root.",
        [("L4-L5", "right", "paracentral", "protrusion", "mild", "right L5 traversing")],
    ),
    (
        "Broad-based disc protrusion at L4-L5 with moderate central canal stenosis.",
        [
            (
                "L4-L5",
                "bilateral",
                "central",
                "protrusion",
                "unspecified",
                _both("L5", "traversing"),
            ),
            (
                "L4-L5",
                "bilateral",
                "central",
                "canal_stenosis",
                "moderate",
                _both("L5", "traversing"),
            ),
        ],
    ),
    (
        "Mild diffuse disc bulge at L3-4.",
        [("L3-L4", "bilateral", "central", "bulge", "mild", _both("L4", "traversing"))],
    ),
    (
        "Right foraminal disc protrusion at L4/5 narrowing the right neural foramen and abutting "
        "the exiting right L4 nerve root.",
        [
            ("L4-L5", "right", "foraminal", "protrusion", "unspecified", "right L4 exiting"),
            (
                "L4-L5",
                "right",
                "foraminal",
                "foraminal_stenosis",
                "unspecified",
                "right L4 exiting",
            ),
        ],
    ),
    (
        "Severe left neural foraminal stenosis at L5-S1.",
        [("L5-S1", "left", "foraminal", "foraminal_stenosis", "severe", "left L5 exiting")],
    ),
    (
        "Moderate bilateral lateral recess stenosis at L4-L5.",
        [
            (
                "L4-L5",
                "bilateral",
                "paracentral",
                "lateral_recess_stenosis",
                "moderate",
                _both("L5", "traversing"),
            )
        ],
    ),
    (
        "Grade 1 degenerative anterolisthesis of L4 on L5.",
        [("L4-L5", "bilateral", "central", "spondylolisthesis", "mild", _both("L5", "traversing"))],
    ),
    (
        "Grade II isthmic spondylolisthesis at L5-S1.",
        [
            (
                "L5-S1",
                "bilateral",
                "foraminal",
                "spondylolisthesis",
                "moderate",
                _both("L5", "exiting"),
            )
        ],
    ),
    (
        "Retrolisthesis of L3 on L4 measuring 3 mm.",
        [("L3-L4", "bilateral", "central", "spondylolisthesis", "mild", _both("L4", "traversing"))],
    ),
    (
        "There is a far-lateral left disc extrusion at L3-4 compressing the exiting left L3 "
        "nerve root.",
        [("L3-L4", "left", "extraforaminal", "extrusion", "unspecified", "left L3 exiting")],
    ),
    (
        "Left subarticular disc protrusion at L5/S1 with mass effect on the descending left S1 "
        "nerve root.",
        [("L5-S1", "left", "paracentral", "protrusion", "unspecified", "left S1 traversing")],
    ),
    (
        "Central disc protrusion at L5-S1.",
        [("L5-S1", "bilateral", "central", "protrusion", "unspecified", _both("S1", "traversing"))],
    ),
    (
        "Sequestered disc fragment on the right at L4-5, migrating inferiorly.",
        [("L4-L5", "right", "paracentral", "sequestration", "unspecified", "right L5 traversing")],
    ),
    (
        "Left facet synovial cyst at L4-L5 narrowing the left lateral recess.",
        [
            ("L4-L5", "left", "paracentral", "synovial_cyst", "unspecified", "left L5 traversing"),
            (
                "L4-L5",
                "left",
                "paracentral",
                "lateral_recess_stenosis",
                "unspecified",
                "left L5 traversing",
            ),
        ],
    ),
    (
        "Moderate to severe central canal stenosis at L3-L4.",
        [("L3-L4", "bilateral", "central", "canal_stenosis", "severe", _both("L4", "traversing"))],
    ),
    (
        "Mild to moderate bilateral foraminal narrowing at L4-5.",
        [
            (
                "L4-L5",
                "bilateral",
                "foraminal",
                "foraminal_stenosis",
                "moderate",
                _both("L4", "exiting"),
            )
        ],
    ),
    (
        "Marked narrowing of the spinal canal at L4–5.",
        [("L4-L5", "bilateral", "central", "canal_stenosis", "severe", _both("L5", "traversing"))],
    ),
    (
        "Minimal disc bulge at L2-L3.",
        [("L2-L3", "bilateral", "central", "bulge", "mild", _both("L3", "traversing"))],
    ),
    (
        "Slight bulging of the L1-2 disc.",
        [("L1-L2", "bilateral", "central", "bulge", "mild", _both("L2", "traversing"))],
    ),
    (
        "Facet arthropathy at L5-S1 on the right.",
        [],  # no narrowing stated: not a finding (#16.4)
    ),
    (
        "Bilateral facet hypertrophy at L4-5.",
        [],
    ),
    (
        "Herniated disc at L5-S1 on the left.",
        [("L5-S1", "left", "paracentral", "herniation", "unspecified", "left S1 traversing")],
    ),
    (
        "Right L4-5 HNP.",
        [("L4-L5", "right", "paracentral", "herniation", "unspecified", "right L5 traversing")],
    ),
    (
        "Disc extrusion at the lumbosacral junction, right paracentral, compressing the right S1 "
        "root.",
        [("L5-S1", "right", "paracentral", "extrusion", "unspecified", "right S1 traversing")],
    ),
    (
        "Critical central stenosis at L3/4.",
        [("L3-L4", "bilateral", "central", "canal_stenosis", "severe", _both("L4", "traversing"))],
    ),
    (
        # facet arthropathy that narrows nothing is no finding (issue #16.4); the bulge is
        "L3-4: Disc bulge and facet arthropathy without significant canal or foraminal stenosis.",
        [("L3-L4", "bilateral", "central", "bulge", "unspecified", _both("L4", "traversing"))],
    ),
    (
        "The L4-5 level demonstrates a left paracentral disc extrusion with inferior migration.",
        [("L4-L5", "left", "paracentral", "extrusion", "unspecified", "left L5 traversing")],
    ),
    (
        "Moderate left and mild right foraminal stenosis at L5-S1.",
        [
            ("L5-S1", "left", "foraminal", "foraminal_stenosis", "moderate", "left L5 exiting"),
            ("L5-S1", "right", "foraminal", "foraminal_stenosis", "mild", "right L5 exiting"),
        ],
    ),
    (
        "Bilateral foraminal stenosis at L4-5, left greater than right, moderate in degree.",
        [
            (
                "L4-L5",
                "bilateral",
                "foraminal",
                "foraminal_stenosis",
                "moderate",
                _both("L4", "exiting"),
            )
        ],
    ),
    (
        # S1 cannot be reached at L4-5: the named root is ignored
        "Left paracentral disc protrusion at L4-L5 compressing the left S1 nerve root.",
        [("L4-L5", "left", "paracentral", "protrusion", "unspecified", "left L5 traversing")],
    ),
    (
        # a reachable root outside the zone rule is added
        "Right foraminal protrusion at L4-5 contacting the traversing right L5 nerve root.",
        [
            (
                "L4-L5",
                "right",
                "foraminal",
                "protrusion",
                "unspecified",
                "right L4 exiting; right L5 traversing",
            )
        ],
    ),
    (
        # no side said: the named root gives it
        "Disc protrusion at L5-S1 compressing the left S1 nerve root.",
        [("L5-S1", "left", "paracentral", "protrusion", "unspecified", "left S1 traversing")],
    ),
    (
        "Spondylolisthesis at L4-5 measuring 12 mm.",
        [
            (
                "L4-L5",
                "bilateral",
                "central",
                "spondylolisthesis",
                "moderate",
                _both("L5", "traversing"),
            )
        ],
    ),
    (
        "Ligamentum flavum thickening at L3-4.",
        [],
    ),
    (
        "Moderate central canal stenosis at L4 L5.",
        [
            (
                "L4-L5",
                "bilateral",
                "central",
                "canal_stenosis",
                "moderate",
                _both("L5", "traversing"),
            )
        ],
    ),
    (
        "At L4 — L5 there is a moderate-sized left paracentral disc extrusion.",
        [("L4-L5", "left", "paracentral", "extrusion", "moderate", "left L5 traversing")],
    ),
    (
        "Disc-osteophyte complex at L5-S1 with severe right foraminal narrowing.",
        [
            ("L5-S1", "right", "foraminal", "foraminal_stenosis", "severe", "right L5 exiting"),
        ],
    ),
    (
        "At L4-5 and L5-S1 there are small central disc protrusions.",
        [
            ("L4-L5", "bilateral", "central", "protrusion", "mild", _both("L5", "traversing")),
            ("L5-S1", "bilateral", "central", "protrusion", "mild", _both("S1", "traversing")),
        ],
    ),
    (
        "Mild bilateral neural foraminal narrowing from L3-4 through L5-S1.",
        [
            (
                "L3-L4",
                "bilateral",
                "foraminal",
                "foraminal_stenosis",
                "mild",
                _both("L3", "exiting"),
            ),
            (
                "L4-L5",
                "bilateral",
                "foraminal",
                "foraminal_stenosis",
                "mild",
                _both("L4", "exiting"),
            ),
            (
                "L5-S1",
                "bilateral",
                "foraminal",
                "foraminal_stenosis",
                "mild",
                _both("L5", "exiting"),
            ),
        ],
    ),
    (
        "Extruded disc herniation at L5-S1 on the right.",
        [("L5-S1", "right", "paracentral", "extrusion", "unspecified", "right S1 traversing")],
    ),
    (
        "Lateral recess narrowing on the left at L4-L5 due to facet hypertrophy.",
        [
            (
                "L4-L5",
                "left",
                "paracentral",
                "lateral_recess_stenosis",
                "unspecified",
                "left L5 traversing",
            ),
        ],
    ),
    (
        "The right neural foramen at L5-S1 is severely narrowed.",
        [("L5-S1", "right", "foraminal", "foraminal_stenosis", "severe", "right L5 exiting")],
    ),
    (
        "Right juxtafacet cyst at L4-5.",
        [("L4-L5", "right", "paracentral", "synovial_cyst", "unspecified", "right L5 traversing")],
    ),
    (
        "Degenerative disc disease at L4-5 with mild posterior osteophytes.",
        [],
    ),
    ("Anterior osteophytes at L3-4.", []),
    ("Mild disc desiccation at L4-5.", []),
    (
        "Moderate stenosis of the right lateral recess at L4-L5.",
        [
            (
                "L4-L5",
                "right",
                "paracentral",
                "lateral_recess_stenosis",
                "moderate",
                "right L5 traversing",
            )
        ],
    ),
    (
        "Protrusion extending into the left neural foramen at L3-L4.",
        [("L3-L4", "left", "foraminal", "protrusion", "unspecified", "left L3 exiting")],
    ),
    (
        "Large central disc extrusion at L4-5 causing severe canal stenosis.",
        [
            ("L4-L5", "bilateral", "central", "extrusion", "severe", _both("L5", "traversing")),
            (
                "L4-L5",
                "bilateral",
                "central",
                "canal_stenosis",
                "severe",
                _both("L5", "traversing"),
            ),
        ],
    ),
    (
        "Left L5-S1 paracentral disc herniation.",
        [("L5-S1", "left", "paracentral", "herniation", "unspecified", "left S1 traversing")],
    ),
    (
        "Small left-sided disc protrusion at L5/S1.",
        [("L5-S1", "left", "paracentral", "protrusion", "mild", "left S1 traversing")],
    ),
    (
        "Disc bulge asymmetric to the left at L4-5.",
        [("L4-L5", "left", "paracentral", "bulge", "unspecified", "left L5 traversing")],
    ),
    (
        "Broad-based disc bulge at L5-S1 causing mild bilateral neural foraminal narrowing, right "
        "worse than left.",
        [
            ("L5-S1", "bilateral", "central", "bulge", "unspecified", _both("S1", "traversing")),
            (
                "L5-S1",
                "bilateral",
                "foraminal",
                "foraminal_stenosis",
                "mild",
                _both("L5", "exiting"),
            ),
        ],
    ),
    (
        "Right-sided posterolateral disc protrusion at L4-5.",
        [("L4-L5", "right", "paracentral", "protrusion", "unspecified", "right L5 traversing")],
    ),
    (
        "Moderate spinal canal stenosis at the lumbosacral level.",
        [
            (
                "L5-S1",
                "bilateral",
                "central",
                "canal_stenosis",
                "moderate",
                _both("S1", "traversing"),
            )
        ],
    ),
    (
        "Disc bulges at L3-4, L4-5 and L5-S1.",
        [
            ("L3-L4", "bilateral", "central", "bulge", "unspecified", _both("L4", "traversing")),
            ("L4-L5", "bilateral", "central", "bulge", "unspecified", _both("L5", "traversing")),
            ("L5-S1", "bilateral", "central", "bulge", "unspecified", _both("S1", "traversing")),
        ],
    ),
    (
        "Left paracentral disc protrusion with foraminal extension at L4-5.",
        [
            (
                "L4-L5",
                "left",
                "paracentral",
                "protrusion",
                "unspecified",
                "left L4 exiting; left L5 traversing",
            )
        ],
    ),
    (
        "Severe bilateral facet arthropathy at L4-5 with a left facet synovial cyst "
        "indenting the thecal sac.",
        [
            ("L4-L5", "left", "paracentral", "synovial_cyst", "unspecified", "left L5 traversing"),
        ],
    ),
    (
        "Disc protrusion at L4-5 narrowing both lateral recesses.",
        [
            (
                "L4-L5",
                "bilateral",
                "central",
                "protrusion",
                "unspecified",
                _both("L5", "traversing"),
            ),
            (
                "L4-L5",
                "bilateral",
                "paracentral",
                "lateral_recess_stenosis",
                "unspecified",
                _both("L5", "traversing"),
            ),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_sentence(text: str, expected: list[tuple[str, str, str, str, str, str]]) -> None:
    assert sorted(_summary(text)) == sorted(expected)


def test_table_is_big_enough() -> None:
    assert len(SENTENCES) >= 45


# ----------------------------------------------------------------------- grade, type
@pytest.mark.parametrize(
    ("text", "grade", "ltype"),
    [
        ("Grade 1 degenerative anterolisthesis of L4 on L5.", 1, "degenerative"),
        ("Grade II isthmic spondylolisthesis at L5-S1.", 2, "isthmic"),
        (
            "Meyerding grade I anterolisthesis of L5 on S1 with bilateral L5 pars defects.",
            1,
            "isthmic",
        ),
        ("Spondylolytic spondylolisthesis at L5-S1, grade 2.", 2, "isthmic"),
        ("Retrolisthesis of L3 on L4 measuring 3 mm.", 1, "retrolisthesis"),
        ("Anterolisthesis of L4 on L5 (grade 1) with a 5 mm slip.", 1, None),
        ("Spondylolisthesis at L4-5 measuring 12 mm.", 2, None),
        ("Grade 1-2 anterolisthesis at L5-S1.", 2, None),
        ("Anterolisthesis of L4.", None, None),
    ],
)
def test_listhesis_grade_and_type(text: str, grade: int | None, ltype: str | None) -> None:
    (f,) = parse_report(text).findings
    assert f.lesion == "spondylolisthesis"
    assert f.grade == grade
    assert f.listhesis_type == ltype
    assert f.level in ("L4-L5", "L5-S1", "L3-L4")


def test_anterolisthesis_of_one_vertebra_is_the_level_below() -> None:
    (f,) = parse_report("Mild anterolisthesis of L4.").findings
    assert f.level == "L4-L5"


def test_isthmic_l5_s1_traps_l5_in_the_foramen() -> None:
    (f,) = parse_report("Isthmic spondylolisthesis L5 on S1.").findings
    assert (f.level, f.zone) == ("L5-S1", "foraminal")
    assert _roots(f) == _both("L5", "exiting")


# ----------------------------------------------------------------------- negation
NEGATIONS: list[tuple[str, list[str]]] = [
    ("No disc herniation or stenosis.", []),
    ("L3-4: normal.", []),
    ("L2-3 and L3-4 are unremarkable.", []),
    ("L1-2: without significant foraminal narrowing.", []),
    ("L4-5: disc bulge without stenosis.", ["bulge"]),
    ("L4-5 left paracentral extrusion; no stenosis at L5-S1.", ["extrusion"]),
    ("No spondylolisthesis.", []),
    (
        "There is no spinal canal stenosis at L4-5, but there is moderate left foraminal "
        "narrowing.",
        ["foraminal_stenosis"],
    ),
    (
        "At L3-4 there is no canal stenosis and mild bilateral foraminal narrowing.",
        ["foraminal_stenosis"],
    ),
    ("Foraminal stenosis is not seen at L5-S1.", []),
    ("The central canal and neural foramina are patent at L4-5.", []),
    ("Negative for disc herniation at L5-S1.", []),
    ("No evidence of nerve root compression at L4-5.", []),
    ("The previously seen L5-S1 extrusion has resolved.", []),
    ("Without evidence of spondylolysis or spondylolisthesis at L5-S1.", []),
    ("Mild disc bulge at L4-5, not causing stenosis.", ["bulge"]),
    ("L2-L3: No significant abnormality.", []),
    ("No disc herniation, spinal canal stenosis or neural foraminal narrowing at L1-2.", []),
    ("L5-S1: no disc bulge or herniation. Facets are normal.", []),
    ("Canal stenosis or foraminal narrowing is not identified at L4-5.", []),
]


@pytest.mark.parametrize(("text", "lesions"), NEGATIONS, ids=[t[:40] for t, _ in NEGATIONS])
def test_negation(text: str, lesions: list[str]) -> None:
    assert sorted(f.lesion for f in parse_report(text).findings) == sorted(lesions)


def test_negation_does_not_cross_sentences() -> None:
    found = _summary("L4-5 disc bulge. No stenosis.")
    assert [x[3] for x in found] == ["bulge"]


def test_negated_named_root_is_ignored() -> None:
    (f,) = parse_report(
        "Right foraminal protrusion at L4-5 without contact of the traversing right L5 root."
    ).findings
    assert _roots(f) == "right L4 exiting"


def test_history_section_is_not_read() -> None:
    text = "CLINICAL HISTORY: Rule out disc herniation at L5-S1.\nFINDINGS: L3-4: normal."
    assert parse_report(text).findings == ()


def test_t12_l1_is_dropped() -> None:
    assert parse_report("T12-L1: small central disc protrusion.").findings == ()


def test_multilevel_without_level_yields_nothing() -> None:
    assert parse_report("Multilevel facet arthropathy.").findings == ()


# ----------------------------------------------------------------------- whole reports
REPORT_A = """EXAM: MRI LUMBAR SPINE WITHOUT CONTRAST
CLINICAL HISTORY: Left leg pain. Rule out disc herniation.
COMPARISON: None.
TECHNIQUE: Sagittal and axial T1 and T2 weighted images.

FINDINGS:
Alignment is normal. Vertebral body heights are maintained. The conus medullaris terminates at L1.
L1-L2: Normal.
L2-L3: Normal.
L3-L4: Mild disc bulge. No canal or foraminal stenosis.
L4-L5: Diffuse disc bulge and facet hypertrophy. Mild central canal stenosis. Mild bilateral \
foraminal narrowing.
L5-S1: Large left paracentral disc extrusion, compressing the traversing left S1 nerve root. \
No foraminal stenosis.

IMPRESSION:
1. Left paracentral disc extrusion at L5-S1 compressing the traversing left S1 nerve root.
2. Mild canal stenosis at L4-L5.
"""


def test_report_with_level_lines_and_impression() -> None:
    found = _summary(REPORT_A)
    assert found == [
        ("L3-L4", "bilateral", "central", "bulge", "mild", _both("L4", "traversing")),
        ("L4-L5", "bilateral", "central", "bulge", "unspecified", _both("L5", "traversing")),
        # facet hypertrophy with no narrowing of its own stated is not a finding (#16.4)
        ("L4-L5", "bilateral", "central", "canal_stenosis", "mild", _both("L5", "traversing")),
        ("L4-L5", "bilateral", "foraminal", "foraminal_stenosis", "mild", _both("L4", "exiting")),
        ("L5-S1", "left", "paracentral", "extrusion", "severe", "left S1 traversing"),
    ]
    # the impression repeats the extrusion: one finding, most severe, longest text
    (ext,) = [f for f in parse_report(REPORT_A).findings if f.lesion == "extrusion"]
    assert ext.text.startswith("L5-S1: Large left paracentral disc extrusion")


REPORT_B = """FINDINGS: At L4-5, there is a broad-based disc bulge with a superimposed right \
paracentral protrusion which contacts the traversing right L5 nerve root. There is moderate \
right lateral recess stenosis. The neural foramina are patent.
At L5-S1, there is grade 1 anterolisthesis of L5 on S1 secondary to bilateral L5 pars \
defects, with severe bilateral neural foraminal stenosis.

IMPRESSION:
1. Right L4-5 disc protrusion contacting the right L5 nerve root.
2. Grade 1 isthmic spondylolisthesis at L5-S1 with severe bilateral foraminal stenosis.
3. Multilevel degenerative changes.
"""


def test_free_text_report_carries_the_level() -> None:
    found = _summary(REPORT_B)
    assert found == [
        ("L4-L5", "bilateral", "central", "bulge", "unspecified", _both("L5", "traversing")),
        ("L4-L5", "right", "paracentral", "protrusion", "unspecified", "right L5 traversing"),
        (
            "L4-L5",
            "right",
            "paracentral",
            "lateral_recess_stenosis",
            "moderate",
            "right L5 traversing",
        ),
        ("L5-S1", "bilateral", "foraminal", "spondylolisthesis", "mild", _both("L5", "exiting")),
        ("L5-S1", "bilateral", "foraminal", "foraminal_stenosis", "severe", _both("L5", "exiting")),
    ]
    listh = next(f for f in parse_report(REPORT_B).findings if f.lesion == "spondylolisthesis")
    assert (listh.grade, listh.listhesis_type) == (1, "isthmic")


REPORT_C = """MRI L-SPINE
Findings
1. L4-L5:
   Disc: left paracentral extrusion.
   Foramina: mild bilateral narrowing.
   Facets: mild hypertrophy.
2) T12-L1: tiny protrusion.
Impression
- Left paracentral extrusion L4-5 (large).
- Mild L4-5 bilateral foraminal narrowing.
"""


def test_sub_labels_numbered_items_and_bullets() -> None:
    found = _summary(REPORT_C)
    assert ("L4-L5", "left", "paracentral", "extrusion", "unspecified", LR) in found or (
        "L4-L5",
        "left",
        "paracentral",
        "extrusion",
        "severe",
        LR,
    ) in found
    assert (
        "L4-L5",
        "bilateral",
        "foraminal",
        "foraminal_stenosis",
        "mild",
        _both("L4", "exiting"),
    ) in found
    assert not [x for x in found if x[3] == "osteophyte"]  # "Facets: mild hypertrophy" (#16.4)
    assert all(x[0] in vocab.LEVELS for x in found)
    assert len([x for x in found if x[3] == "extrusion"]) == 1


def test_windows_newlines_and_en_dashes() -> None:
    text = (
        "FINDINGS:\r\nL4–L5: small left paracentral protrusion.\r\n\r\nIMPRESSION:\r\nNo stenosis."
    )
    assert _summary(text) == [
        ("L4-L5", "left", "paracentral", "protrusion", "mild", "left L5 traversing")
    ]


def test_findings_are_sorted_by_level() -> None:
    text = "Central protrusion at L5-S1. Mild bulge at L2-3. Left foraminal stenosis at L4-5."
    assert [f.level for f in parse_report(text).findings] == ["L2-L3", "L4-L5", "L5-S1"]


# ----------------------------------------------------------------------- root rule
@pytest.mark.parametrize(
    ("level", "zone", "side", "expected"),
    [
        ("L4-L5", "paracentral", "left", "left L5 traversing"),
        ("L4-L5", "foraminal", "right", "right L4 exiting"),
        ("L4-L5", "extraforaminal", "left", "left L4 exiting"),
        ("L5-S1", "central", "bilateral", _both("S1", "traversing")),
        ("L5-S1", "foraminal", "bilateral", _both("L5", "exiting")),
        ("L1-L2", "paracentral", "bilateral", _both("L2", "traversing")),
    ],
)
def test_roots_at_level(level: str, zone: str, side: str, expected: str) -> None:
    got = roots_at_level(level, zone, side)
    assert "; ".join(f"{r.side} {r.root} {r.relation}" for r in got) == expected


# ----------------------------------------------------------------------- robustness
def _assert_valid(report: ImagingReport) -> None:
    doc = report.to_dict()
    assert set(doc) <= {"findings", "notes"}
    for f in doc["findings"]:
        assert {"level", "side", "zone", "lesion", "severity", "certainty", "roots", "text"} <= set(
            f
        )
        assert set(f) <= {
            "level",
            "side",
            "zone",
            "lesion",
            "severity",
            "certainty",
            "roots",
            "text",
            "grade",
            "listhesis_type",
        }
        assert f["certainty"] in ("definite", "possible")
        assert f["level"] in vocab.LEVELS
        assert f["side"] in IMAGING_SIDES
        assert f["zone"] in ZONES
        assert f["lesion"] in LESIONS
        assert f["severity"] in SEVERITIES
        assert isinstance(f["text"], str)
        for r in f["roots"]:
            assert set(r) == {"root", "side", "relation"}
            assert r["root"] in vocab.ROOTS
            assert r["side"] in vocab.SIDES
            assert r["relation"] in vocab.RELATIONS
    assert ImagingReport.from_dict(json.loads(json.dumps(doc))) == report


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02",
        "????",
        "L4-5",
        ":::",
        "L4-5: " * 50,
        "no no no no",
        "\ufffd" * 100,
    ],
)
def test_trivial_inputs(text: str) -> None:
    _assert_valid(parse_report(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_fuzz_text(text: str) -> None:
    _assert_valid(parse_report(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=4000))
def test_fuzz_binary_decoded(data: bytes) -> None:
    _assert_valid(parse_report(data.decode("utf-8", errors="replace")))
    _assert_valid(parse_report(data.decode("latin-1")))


VOCAB_WORDS = [
    "L4-5",
    "L5-S1",
    "L3/4",
    "L4 on L5",
    "left",
    "right",
    "bilateral",
    "central",
    "paracentral",
    "foraminal",
    "far lateral",
    "no",
    "without",
    "mild",
    "moderate",
    "severe",
    "to",
    "disc",
    "bulge",
    "protrusion",
    "extrusion",
    "sequestered",
    "herniation",
    "stenosis",
    "narrowing",
    "canal",
    "lateral recess",
    "neural foramen",
    "anterolisthesis",
    "grade",
    "II",
    "isthmic",
    "synovial cyst",
    "facet hypertrophy",
    "osteophyte",
    "traversing",
    "exiting",
    "S1",
    "L5",
    "nerve root",
    "compressing",
    ",",
    ".",
    ";",
    ":",
    "\n",
    "IMPRESSION:",
    "1.",
    "with",
    "and",
    "at",
    "of",
    "the",
    "is",
    "not",
    "seen",
    "patent",
    "(",
    ")",
    "5 mm",
    "greater than",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB_WORDS), max_size=80))
def test_fuzz_report_words(words: list[str]) -> None:
    _assert_valid(parse_report(" ".join(words)))


def test_long_input_is_read_to_the_end() -> None:
    # Issue #13.13: a severe extrusion after 210 kB of normal text was cut silently.
    filler = "Normal study. " * (210_000 // 14)
    tail = "\nL5-S1: large left paracentral extrusion."
    report = parse_report(filler + tail)
    _assert_valid(report)
    assert [(f.level, f.lesion) for f in report.findings] == [("L5-S1", "extrusion")]
    assert report.notes == ()


def test_garbage_without_punctuation_and_repeated_lesions() -> None:
    text = ("protrusion left L4-5 " * 20_000) + ("x" * 100_000)
    report = parse_report(text)
    _assert_valid(report)
    # de-duplication keeps the document small whatever the input
    assert len(report.findings) <= len(vocab.LEVELS) * 3 * 4 * len(LESIONS)


def test_non_string_input_is_empty() -> None:
    assert parse_report(None).findings == ()  # type: ignore[arg-type]


# ----------------------------------------------------------------------- from_dict
def test_round_trip() -> None:
    report = parse_report(REPORT_A + REPORT_B)
    assert report.findings
    assert ImagingReport.from_dict(report.to_dict()) == report


def test_optional_keys_only_when_set() -> None:
    (f,) = parse_report("Mild disc bulge at L3-4.").findings
    assert "grade" not in f.to_dict() and "listhesis_type" not in f.to_dict()
    (g,) = parse_report("Grade 1 degenerative anterolisthesis of L4 on L5.").findings
    assert g.to_dict()["grade"] == 1 and g.to_dict()["listhesis_type"] == "degenerative"


GOOD: dict[str, Any] = {
    "level": "L5-S1",
    "side": "left",
    "zone": "paracentral",
    "lesion": "extrusion",
    "severity": "severe",
    "roots": [{"root": "S1", "side": "left", "relation": "traversing"}],
    "text": "x",
}


def _with(**changes: Any) -> dict[str, Any]:
    item = dict(GOOD)
    item.update(changes)
    return {"findings": [item]}


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ([], "imaging"),
        ({"findings": {}}, "findings"),
        ({"finding": []}, "finding"),
        ({"findings": [3]}, "findings[0]"),
        (_with(level="L4-5"), "findings[0].level"),
        (_with(level="T12-L1"), "findings[0].level"),
        (_with(side="midline"), "findings[0].side"),
        (_with(zone="lateral_recess"), "findings[0].zone"),
        (_with(lesion="tumour"), "findings[0].lesion"),
        (_with(severity="huge"), "findings[0].severity"),
        (_with(text=5), "findings[0].text"),
        (_with(roots="S1"), "findings[0].roots"),
        (
            _with(roots=[{"root": "S6", "side": "left", "relation": "traversing"}]),
            "findings[0].roots[0].root",
        ),
        (
            _with(roots=[{"root": "S1", "side": "bilateral", "relation": "traversing"}]),
            "findings[0].roots[0].side",
        ),
        (
            _with(roots=[{"root": "S1", "side": "left", "relation": "descending"}]),
            "findings[0].roots[0].relation",
        ),
        (_with(roots=[{"root": "S1", "side": "left"}]), "findings[0].roots[0].relation"),
        (
            _with(roots=[{"root": "S1", "side": "left", "relation": "exiting", "x": 1}]),
            "findings[0].roots[0].x",
        ),
        (_with(grade=0), "findings[0].grade"),
        (_with(grade=2.5), "findings[0].grade"),
        (_with(grade=True), "findings[0].grade"),
        (_with(listhesis_type="traumatic"), "findings[0].listhesis_type"),
        (_with(colour="red"), "findings[0].colour"),
        ({"findings": [{k: v for k, v in GOOD.items() if k != "level"}]}, "findings[0].level"),
    ],
)
def test_from_dict_errors(doc: Any, field: str) -> None:
    with pytest.raises(ImagingError) as err:
        ImagingReport.from_dict(doc)
    assert err.value.field == field
    assert isinstance(err.value, ValueError)
    assert field in str(err.value)


def test_from_dict_accepts_optional_keys() -> None:
    rep = ImagingReport.from_dict(_with(grade=2, listhesis_type="isthmic"))
    assert rep.findings[0].grade == 2
    assert rep.findings[0].roots == (ImagingRoot("S1", "left", "traversing"),)
    assert ImagingReport.from_dict({}).findings == ()


# ----------------------------------------------------------------------- prevalence
TABLE = {
    "bulge": [30, 40, 50, 60, 69, 77, 84],
    "protrusion": [29, 31, 33, 36, 38, 40, 43],
    "extrusion": [29, 31, 33, 36, 38, 40, 43],
    "herniation": [29, 31, 33, 36, 38, 40, 43],
    "degenerative": [37, 52, 68, 80, 88, 93, 96],
    "osteophyte": [4, 9, 18, 32, 50, 69, 83],
    "spondylolisthesis": [3, 5, 8, 14, 23, 35, 50],
}


@pytest.mark.parametrize("lesion", sorted(TABLE))
@pytest.mark.parametrize("i", range(7))
def test_prevalence_equals_table_at_decades(lesion: str, i: int) -> None:
    age = 20 + 10 * i
    p = asymptomatic_prevalence(lesion, age)
    assert p is not None
    assert p.percent == TABLE[lesion][i]
    assert p.source == "brinjikji2015"
    assert p.age_band == str(age)
    assert f"aged {age}" in p.patient
    assert fk_grade(p.patient) <= 8


def test_prevalence_example_sentence() -> None:
    p = asymptomatic_prevalence("protrusion", 40)
    assert p is not None
    assert p.patient == (
        "About 1 in 3 people aged 40 with no back pain have a disc protrusion on MRI."
    )


def test_prevalence_interpolates_and_clamps() -> None:
    mid = asymptomatic_prevalence("bulge", 45)
    assert mid is not None and mid.percent == 55 and mid.age_band == "40-50"
    assert asymptomatic_prevalence("bulge", 15).percent == 30  # type: ignore[union-attr]
    assert asymptomatic_prevalence("bulge", 95).percent == 84  # type: ignore[union-attr]
    assert asymptomatic_prevalence("osteophyte", 65).percent == 60  # type: ignore[union-attr]


def test_prevalence_without_age_says_so() -> None:
    p = asymptomatic_prevalence("bulge", None)
    assert p is not None
    assert "20" in p.patient and "80" in p.patient
    assert p.age_band == "20-80"
    assert fk_grade(p.patient) <= 8


def test_extrusion_says_rarer() -> None:
    p = asymptomatic_prevalence("extrusion", 40)
    assert p is not None and "rarer" in p.note


@pytest.mark.parametrize(
    "lesion", ["canal_stenosis", "foraminal_stenosis", "lateral_recess_stenosis", "synovial_cyst"]
)
def test_no_row_gives_none_and_a_note(lesion: str) -> None:
    assert asymptomatic_prevalence(lesion, 50) is None
    note = prevalence_note(lesion)
    assert note and fk_grade(note) <= 8


def test_unknown_lesion() -> None:
    assert asymptomatic_prevalence("tumour", 50) is None


def test_prevalence_table_cites_known_sources() -> None:
    import tomllib
    from importlib import resources

    kb = resources.files("radviz").joinpath("knowledge")
    data = tomllib.loads(kb.joinpath("imaging.toml").read_text(encoding="utf-8"))
    sources = tomllib.loads(kb.joinpath("sources.toml").read_text(encoding="utf-8"))["source"]
    assert data["sources"] == ["brinjikji2015"]
    assert all(s in sources for s in data["sources"])
    assert all(len(row["percent"]) == len(data["ages"]) for row in data["rows"].values())
    assert all(fk_grade(n) <= 8 for n in data["notes"].values())


# ------------------------------------------------------ transitional anatomy (#16.7)
@pytest.mark.parametrize(
    "text",
    [
        "There are six lumbar-type vertebrae.",
        "Transitional lumbosacral vertebra with partial sacralization of L5.",
        "Lumbarized S1.",
        "L5-L6: right paracentral protrusion.",
        "L6-S1: left foraminal stenosis.",
    ],
)
def test_transitional_anatomy_is_noted(text: str) -> None:
    from radviz.imaging.document import TRANSITIONAL_NOTE
    from radviz.imaging.parser import report_notes
    from radviz.reasoning.report import format_imaging

    report = parse_report(text)
    assert report.notes == (TRANSITIONAL_NOTE,) == report_notes(text)
    assert report.to_dict()["notes"] == [TRANSITIONAL_NOTE]
    assert ImagingReport.from_dict(report.to_dict()) == report
    assert f"Note: {TRANSITIONAL_NOTE}" in format_imaging(report)


@pytest.mark.parametrize(
    "text", ["No transitional vertebra.", "Five lumbar-type vertebrae. L4-5: bulge.", ""]
)
def test_ordinary_anatomy_has_no_note(text: str) -> None:
    assert parse_report(text).notes == ()
    assert "notes" not in parse_report(text).to_dict()


def test_l5_l6_is_read_as_the_last_mobile_disc() -> None:
    (f,) = parse_report("L5-L6: right paracentral extrusion.").findings
    assert (f.level, f.side, [r.root for r in f.roots]) == ("L5-S1", "right", ["S1"])


def test_possible_findings_say_so_in_the_text_output() -> None:
    from radviz.reasoning.report import format_imaging

    text = format_imaging(parse_report("Possible small left foraminal protrusion at L4-5."))
    assert text.startswith("possible L4-L5 left foraminal protrusion")
