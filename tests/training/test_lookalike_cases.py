"""Trainee look-alike cases carry the discriminating exam and feedback explains it (#15.4)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from radviz.knowledge.loader import KnowledgeBase, load_kb
from radviz.training import cases as cases_module
from radviz.training.cases import (
    Answer,
    Case,
    generate_case,
    resembled_root,
    score_answer,
    spared_movements,
)

LOOKALIKES = (
    "common_peroneal_neuropathy",
    "femoral_neuropathy",
    "meralgia_paresthetica",
    "peripheral_neuropathy",
    "sciatic_neuropathy",
    "lumbosacral_plexopathy",
    "greater_trochanteric_pain_syndrome",
    "hip_osteoarthritis",
    "vascular_claudication",
    "deep_vein_thrombosis",
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def by_mimic(kb: KnowledgeBase) -> dict[str, list[Case]]:
    out: dict[str, list[Case]] = defaultdict(list)
    for difficulty in ("medium", "hard"):
        for seed in range(500):
            case = generate_case(seed, difficulty, kb)
            if case.answer.mimic:
                out[case.answer.mimic].append(case)
    return out


def _grades(case: Case, movement: str) -> list[int]:
    return [int(m["grade"]) for m in case.findings.get("motor", []) if m["movement"] == movement]


def _reflex(case: Case, reflex: str) -> list[str]:
    return [str(r["status"]) for r in case.findings.get("reflexes", []) if r["reflex"] == reflex]


def test_every_lookalike_is_practised_and_keyed_to_itself(by_mimic: dict[str, list[Case]]) -> None:
    for mimic in LOOKALIKES:
        assert by_mimic[mimic], mimic
        for case in by_mimic[mimic]:
            ans = case.answer
            assert (ans.root, ans.level, ans.zone, ans.kind) == (None, None, None, "mimic")
            assert ans.mimic == mimic and not ans.red_flag


def test_peroneal_cases_spare_inversion_and_hip_abduction(
    by_mimic: dict[str, list[Case]], kb: KnowledgeBase
) -> None:
    assert resembled_root("common_peroneal_neuropathy", kb) == "L5"
    assert set(spared_movements("common_peroneal_neuropathy", "L5", kb)) >= {
        "ankle_inversion",
        "hip_abduction",
    }
    for case in by_mimic["common_peroneal_neuropathy"]:
        weak = {m["movement"] for m in case.findings["motor"] if m["grade"] < 5}
        assert weak & {"ankle_dorsiflexion", "great_toe_extension", "ankle_eversion"}
        assert _grades(case, "ankle_inversion") == [5]
        assert _grades(case, "hip_abduction") == [5]
        assert all(s != "reduced" and s != "absent" for s in _reflex(case, "achilles"))
    tinel = [
        c
        for c in by_mimic["common_peroneal_neuropathy"]
        if any(t["test"] == "tinel_fibular_head" for t in c.findings.get("tests", []))
    ]
    assert len(tinel) == len(by_mimic["common_peroneal_neuropathy"])  # its strongest sign


def test_femoral_cases_weak_knee_spared_adduction(by_mimic: dict[str, list[Case]]) -> None:
    for case in by_mimic["femoral_neuropathy"]:
        assert min(_grades(case, "knee_extension")) < 5
        assert _grades(case, "hip_adduction") == [5]
        assert set(_reflex(case, "patellar")) <= {"reduced", "absent"}
        assert case.findings["flags"].get("recent_pelvic_or_hip_surgery") is True


def test_meralgia_is_sensory_only_in_the_thigh(by_mimic: dict[str, list[Case]]) -> None:
    for case in by_mimic["meralgia_paresthetica"]:
        assert all(m["grade"] == 5 for m in case.findings.get("motor", []))
        legs = {s["zone"] for s in case.findings["symptoms"] if s["zone"] != "lower_back"}
        assert legs and all(z.startswith("thigh") for z in legs), legs


def test_polyneuropathy_is_symmetric_with_both_ankle_jerks(by_mimic: dict[str, list[Case]]) -> None:
    for case in by_mimic["peripheral_neuropathy"]:
        assert case.answer.side == "bilateral"
        sides = {s["side"] for s in case.findings["symptoms"]}
        assert {"left", "right"} <= sides
        ankle = [r for r in case.findings["reflexes"] if r["reflex"] == "achilles"]
        assert {r["side"] for r in ankle if r["status"] in ("reduced", "absent")} == {
            "left",
            "right",
        }


def test_vascular_and_dvt_show_their_own_signs(by_mimic: dict[str, list[Case]]) -> None:
    for case in by_mimic["vascular_claudication"]:
        assert case.findings["flags"].get("worse_walking_relieved_standing") is True
    for case in by_mimic["deep_vein_thrombosis"]:
        assert case.findings["flags"].get("calf_swelling") is True


def test_generation_never_asks_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the generator called the model")

    before = [generate_case(s, "hard").to_dict() for s in range(60)]
    monkeypatch.setattr(cases_module, "infer", refuse)
    monkeypatch.setattr(cases_module, "separating_test", refuse)
    after = [generate_case(s, "hard").to_dict() for s in range(60)]
    assert before == after  # and deterministic


_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def test_feedback_explains_the_separation_from_the_root(
    by_mimic: dict[str, list[Case]], kb: KnowledgeBase
) -> None:
    case = by_mimic["common_peroneal_neuropathy"][0]
    side = case.answer.side or "left"
    given = Answer("L5", side, "L4-L5", "paracentral", "disc_herniation", False)
    score = score_answer(case, given, kb)
    assert not score.root and not score.cause
    lines = list(score.feedback)
    start = next(i for i, line in enumerate(lines) if line.startswith("What separates"))
    block = lines[start : start + 3]
    text = "\n".join(block)
    assert "L5 root" in block[0] and "peroneal" in block[0].lower()
    assert "Next test:" in text and "This case:" in text
    assert "ankle inversion" in text.lower() or "hip abduction" in text.lower()
    assert not _ID.findall(text), _ID.findall(text)


def test_feedback_when_a_root_case_is_called_a_lookalike(kb: KnowledgeBase) -> None:
    case = next(
        c
        for c in (generate_case(s, "medium", kb) for s in range(200))
        if c.answer.kind == "radicular" and c.answer.root == "L5"
    )
    given = Answer(
        None, case.answer.side, None, None, None, False, (), "common_peroneal_neuropathy"
    )
    text = "\n".join(score_answer(case, given, kb).feedback)
    assert "What separates L5 root from Common peroneal" in text
