"""Scores by difficulty and by part, and unanswered parts, in the practice history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from radviz.training.cases import PARTS, Answer, Score
from radviz.training.progress import ALL, Attempt, ProgressStore


def _attempt(difficulty: str, right: set[str], unanswered: tuple[str, ...] = ()) -> Attempt:
    answer = Answer("L5", "left", "L4-L5", "paracentral", "disc_herniation", False)
    parts = {p: p in right for p in PARTS}
    return Attempt(
        timestamp="2026-12-04T10:00:00+00:00",
        seed=1,
        difficulty=difficulty,
        kind="radicular",
        true=answer,
        given=answer,
        correct=parts,
        total=sum(parts.values()) / len(parts),
        unanswered=unanswered,
    )


def test_accuracy_per_difficulty_and_part(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.jsonl")
    assert store.accuracy_per_difficulty() == {}
    store.append(_attempt("hard", {"root", "side"}))
    store.append(_attempt("easy", set(PARTS)))
    store.append(_attempt("easy", {"root"}))
    groups = store.accuracy_per_difficulty()
    assert list(groups) == ["easy", "hard", ALL]  # difficulty order, then all
    easy = groups["easy"]
    assert easy.attempts == 2
    assert easy.accuracy == pytest.approx((1.0 + 0.2) / 2)
    assert easy.parts == {"root": 1.0, "side": 0.5, "level": 0.5, "cause": 0.5, "red_flag": 0.5}
    assert groups["hard"].parts["side"] == 1.0 and groups["hard"].parts["level"] == 0.0
    assert groups[ALL].attempts == 3
    assert groups[ALL].parts["root"] == 1.0


def test_unanswered_parts_round_trip_and_are_checked(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "p.jsonl")
    store.append(_attempt("easy", set(), unanswered=("root", "red_flag")))
    store.append(_attempt("easy", set(PARTS)))
    first, second = store.attempts()
    assert first.unanswered == ("root", "red_flag")
    assert first.answered == ("side", "level", "cause")
    assert second.unanswered == () and "unanswered" not in second.to_dict()
    bad = first.to_dict() | {"unanswered": ["elbow"]}
    with (tmp_path / "p.jsonl").open("a") as fh:
        fh.write(json.dumps(bad) + "\n")
    assert len(store.attempts()) == 2  # a line with an unknown part is skipped


def test_attempt_from_score_keeps_unanswered_in_part_order() -> None:
    from radviz.training.cases import generate_case

    case = generate_case(0, "easy")
    score = Score(False, True, True, True, False, 0.6)
    a = Attempt.from_score(case, case.answer, score, unanswered=["red_flag", "root"])
    assert a.unanswered == ("root", "red_flag")
