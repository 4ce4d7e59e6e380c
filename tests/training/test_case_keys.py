"""Trainee answer keys follow the model's own anatomy and cause rules (issue #14.5)."""

from __future__ import annotations

import pytest

from radviz.anatomy import vocab
from radviz.anatomy.levels import roots_at_level
from radviz.knowledge.loader import KnowledgeBase, load_kb
from radviz.reasoning import wording
from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import infer
from radviz.training.cases import (
    DIFFICULTIES,
    Answer,
    Case,
    accepted_sites,
    cause_fits,
    generate_case,
    score_answer,
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def cases(kb: KnowledgeBase) -> list[Case]:
    return [generate_case(seed, d, kb) for d in DIFFICULTIES for seed in range(250)]


def _reach(ans: Answer) -> set[str]:
    cauda = ans.side == "bilateral" or ans.root == "S2"
    side = "left" if ans.side == "bilateral" else str(ans.side)
    assert ans.level is not None and ans.zone is not None
    return {r.root for r in roots_at_level(ans.level, ans.zone, side, cauda=cauda)}


def test_every_key_follows_the_level_rule_and_the_cause_rule(
    cases: list[Case], kb: KnowledgeBase
) -> None:
    keyed = [c.answer for c in cases if c.answer.level is not None]
    assert len(keyed) > 300
    for ans in keyed:
        assert ans.root in _reach(ans), ans
        assert cause_fits(ans.cause, ans.level, ans.zone, kb), ans


def test_central_stenosis_is_keyed_to_a_central_site(cases: list[Case]) -> None:
    stenosis = [c for c in cases if c.answer.cause == "spinal_stenosis"]
    assert stenosis
    assert {c.answer.zone for c in stenosis} == {"central"}
    claudication = [
        c for c in cases if c.findings.get("flags", {}).get("worse_walking_relieved_sitting")
    ]
    assert claudication
    for c in claudication:
        if c.answer.cause == "spinal_stenosis":
            assert c.answer.zone == "central"
        # a paracentral key is never central stenosis
        if c.answer.zone == "paracentral":
            assert c.answer.cause != "spinal_stenosis"


def test_cause_rule_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    assert cause_fits("spinal_stenosis", "L4-L5", "central", kb)
    assert not cause_fits("spinal_stenosis", "L5-S1", "paracentral", kb)
    assert not cause_fits("foraminal_stenosis", "L3-L4", "paracentral", kb)
    assert cause_fits("lateral_recess_stenosis", "L3-L4", "paracentral", kb)
    assert not cause_fits("spondylolisthesis", "L2-L3", "paracentral", kb)
    for zone in vocab.DISC_ZONES:
        assert cause_fits("disc_herniation", "L4-L5", zone, kb)


def _l4_exiting_case(cases: list[Case]) -> Case:
    return next(
        c
        for c in cases
        if c.answer.kind == "radicular"
        and c.answer.root == "L4"
        and c.answer.zone in ("foraminal", "extraforaminal")
        and c.answer.cause == "disc_herniation"
    )


def test_inseparable_sites_both_score_and_the_feedback_says_why(
    cases: list[Case], kb: KnowledgeBase
) -> None:
    case = _l4_exiting_case(cases)
    ans = case.answer
    sites = accepted_sites(ans, kb)
    assert sites[0] == (ans.level, ans.zone, ans.cause)
    assert ("L3-L4", "paracentral", "disc_herniation") in sites
    other = Answer("L4", ans.side, "L3-L4", "paracentral", "disc_herniation", False)
    score = score_answer(case, other, kb)
    assert score.level and score.cause and score.root
    text = "\n".join(score.feedback)
    assert "a paracentral disc at L3-L4" in text
    assert "only the scan" in text
    # a level that does not reach L4 still fails
    wrong = Answer("L4", ans.side, "L5-S1", "paracentral", "disc_herniation", False)
    assert not score_answer(case, wrong, kb).level


def test_stenosis_twin_scores_at_its_own_site(cases: list[Case], kb: KnowledgeBase) -> None:
    case = next(
        c
        for c in cases
        if c.answer.kind == "radicular"
        and c.answer.root in ("L3", "L4", "L5")
        and c.answer.cause == "foraminal_stenosis"
    )
    ans = case.answer
    assert ans.root is not None
    level = next(lv for lv, z, _ in accepted_sites(ans, kb) if z == "paracentral")
    twin = Answer(ans.root, ans.side, level, "paracentral", "lateral_recess_stenosis", False)
    score = score_answer(case, twin, kb)
    assert score.level and score.cause
    # central stenosis at that paracentral site does not fit the cause rule
    central = Answer(ans.root, ans.side, level, "paracentral", "spinal_stenosis", False)
    assert not score_answer(case, central, kb).cause


def test_cauda_equina_key_keeps_its_central_site(cases: list[Case], kb: KnowledgeBase) -> None:
    cauda = [c for c in cases if "cauda_equina_syndrome" in c.answer.red_flags]
    assert cauda
    for c in cauda:
        assert accepted_sites(c.answer, kb) == [(c.answer.level, "central", c.answer.cause)]


def _spared_items(motor: list[dict[str, object]]) -> list[str]:
    doc = {
        "symptoms": [{"zone": "foot_dorsum", "side": "left", "kind": "numbness"}],
        "motor": motor,
    }
    res = infer(Findings.from_dict(doc))
    cand = res.root("L5", "left")
    assert cand is not None
    return [
        wording.evidence_text(e, audience)
        for e in cand.evidence
        if e.rule == "spared_with_foot_drop"
        for audience in ("clinician", "patient")
    ]


def test_spared_inversion_names_only_the_weak_movement() -> None:
    texts = _spared_items(
        [
            {"movement": "great_toe_extension", "side": "left", "grade": 4},
            {"movement": "ankle_dorsiflexion", "side": "left", "grade": 5},
            {"movement": "ankle_inversion", "side": "left", "grade": 5},
        ]
    )
    assert texts, "spared inversion with weak great-toe extension is evidence"
    joined = " ".join(texts).lower()
    assert "great-toe extension" in joined or "big toe" in joined
    assert "dorsiflexion" not in joined and "foot drop" not in joined
    assert "lifting the foot " not in joined


def test_no_despite_without_weakness() -> None:
    texts = _spared_items(
        [
            {"movement": "ankle_dorsiflexion", "side": "left", "grade": 5},
            {"movement": "great_toe_extension", "side": "left", "grade": 5},
            {"movement": "ankle_inversion", "side": "left", "grade": 5},
        ]
    )
    assert texts == []


def test_quiz_names_the_other_accepted_sites(cases: list[Case]) -> None:
    from radviz.training.cases import quiz_main

    case = _l4_exiting_case(cases)
    text = quiz_main(case.seed, case.difficulty)
    assert "Also accepted (only a scan tells them apart): " in text
    assert "a paracentral disc at L3-L4" in text
