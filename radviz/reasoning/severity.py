"""How severe a case is, and how long it has lasted (model layer, no Qt).

Severity comes from the person (contract 7.1): the worst leg pain of the last week, how
much it limits daily life, and the neurological deficit; red flags always count as severe.
The bands and their sources live in ``model.toml`` ``[severity]`` and ``[stages]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from radviz.knowledge.loader import KnowledgeBase
from radviz.reasoning.findings import Findings
from radviz.reasoning.result import RedFlag

LEVELS: tuple[str, ...] = ("mild", "moderate", "severe")
# How much the pain limits daily life (contract 7.1 function), in the words of CONTRACT.md;
# the findings panel offers these, the severity reasons quote them.
FUNCTION_WORDS: dict[str, str] = {
    "normal": "not limited",
    "limited": "hard to work, walk or sleep",
    "severely_limited": "cannot work, walk far or sleep",
}


@dataclass(frozen=True)
class Severity:
    """A case's severity (``mild``, ``moderate`` or ``severe``) and what set it.

    ``reasons`` holds one short phrase per finding at that level (``"worst leg pain 8/10"``);
    ``known`` is False when nothing about pain, function or deficit was recorded (then the
    level is ``mild`` by default and the plan says so).
    """

    level: str
    reasons: tuple[str, ...] = ()
    known: bool = True


def stage(f: Findings, kb: KnowledgeBase) -> str | None:
    """``acute``, ``subacute`` or ``chronic`` from ``duration_weeks`` (None if unknown)."""
    if f.duration_weeks is None:
        return None
    st = kb.model["stages"]
    if f.duration_weeks < float(st["acute_below_weeks"]):
        return "acute"
    if f.duration_weeks <= float(st["chronic_above_weeks"]):
        return "subacute"
    return "chronic"


def pain_band(score: float, kb: KnowledgeBase) -> str:
    """The band of a 0-10 pain score (model.toml ``[severity]``, Boonstra 2016)."""
    sv = kb.model["severity"]
    if score <= float(sv["pain_mild_max"]):
        return "mild"
    if score <= float(sv["pain_moderate_max"]):
        return "moderate"
    return "severe"


def assess(f: Findings, red: Sequence[RedFlag], kb: KnowledgeBase) -> Severity:
    """The most severe of pain, function, deficit and red flags (each where known)."""
    sv = kb.model["severity"]
    found: list[tuple[int, str]] = []
    if f.pain_score is not None:
        found.append(
            (LEVELS.index(pain_band(f.pain_score, kb)), f"worst leg pain {f.pain_score:g}/10")
        )
    if f.function is not None:
        level = LEVELS.index(str(sv["function"][f.function]))
        found.append((level, f"daily life: {FUNCTION_WORDS[f.function]}"))
    severe_grade = int(sv["severe_grade_max"])
    for m in f.motor:
        if m.grade < 5:
            level = 2 if m.grade <= severe_grade else 1
            found.append((level, f"{m.movement.replace('_', ' ')} {m.grade}/5 ({m.side})"))
    for r in f.reflexes:
        if r.status in ("reduced", "absent"):
            found.append((1, f"{r.status} {r.reflex.replace('_', ' ')} reflex ({r.side})"))
    for flag in red:
        found.append((2, f"red flag: {flag.id.replace('_', ' ')}"))
    if not found:
        return Severity("mild", (), known=False)
    top = max(level for level, _ in found)
    return Severity(LEVELS[top], tuple(text for level, text in found if level == top))
