"""The contract's result document as frozen dataclasses (model layer, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One finding's signed contribution (natural-log likelihood ratio) to a root.

    ``kind`` is ``prior``, ``sensory``, ``motor``, ``reflex``, ``test`` or ``history``.
    """

    finding: str
    weight: float
    kind: str = "sensory"


@dataclass(frozen=True)
class RootCandidate:
    """A root on one side with its posterior probability and evidence."""

    root: str
    side: str
    probability: float
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "side": self.side,
            "probability": round(self.probability, 4),
            "evidence": [
                {"finding": e.finding, "weight": round(e.weight, 3), "kind": e.kind}
                for e in self.evidence
            ],
        }


@dataclass(frozen=True)
class LevelCandidate:
    """A disc level and zone that could compress ``root`` on ``side``."""

    level: str
    zone: str
    side: str
    root: str
    relation: str
    probability: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "zone": self.zone,
            "side": self.side,
            "root": self.root,
            "relation": self.relation,
            "probability": round(self.probability, 4),
        }


@dataclass(frozen=True)
class CauseCandidate:
    """A structural cause with its probability and the reasons for it."""

    id: str
    probability: float
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "probability": round(self.probability, 4), "why": self.why}


@dataclass(frozen=True)
class Differential:
    """A condition that mimics radiculopathy, with a score in [0, 1] and why."""

    id: str
    score: float
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 4), "why": self.why}


@dataclass(frozen=True)
class RedFlag:
    """A serious condition to exclude, with its urgency and why it was raised."""

    id: str
    urgency: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "urgency": self.urgency, "why": self.why}


@dataclass(frozen=True)
class TreatmentOption:
    """A treatment that applies to this picture, with its evidence grade."""

    id: str
    evidence: str
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "evidence": self.evidence, "why": self.why}


@dataclass(frozen=True)
class Result:
    """Everything :func:`radviz.reasoning.inference.infer` concludes.

    ``no_root`` holds, per side, the posterior of the "no root involved" hypothesis;
    the root probabilities of a side plus its ``no_root`` sum to 1.
    ``explanation`` holds short sentences saying why the top root won and what would
    change it.
    """

    pattern: str
    roots: tuple[RootCandidate, ...] = ()
    levels: tuple[LevelCandidate, ...] = ()
    causes: tuple[CauseCandidate, ...] = ()
    differentials: tuple[Differential, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    treatments: tuple[TreatmentOption, ...] = ()
    no_root: dict[str, float] = field(default_factory=dict)
    explanation: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape (plus the documented additions)."""
        return {
            "pattern": self.pattern,
            "roots": [r.to_dict() for r in self.roots],
            "levels": [lv.to_dict() for lv in self.levels],
            "causes": [c.to_dict() for c in self.causes],
            "differentials": [d.to_dict() for d in self.differentials],
            "red_flags": [f.to_dict() for f in self.red_flags],
            "treatments": [t.to_dict() for t in self.treatments],
            "no_root": {side: round(p, 4) for side, p in self.no_root.items()},
            "explanation": list(self.explanation),
            "disclaimer": DISCLAIMER,
        }

    def roots_for(self, side: str) -> tuple[RootCandidate, ...]:
        """Roots of one side, most likely first."""
        return tuple(r for r in self.roots if r.side == side)

    def root(self, root: str, side: str) -> RootCandidate | None:
        """The candidate for ``root`` on ``side``, if listed."""
        for r in self.roots:
            if r.root == root and r.side == side:
                return r
        return None


DISCLAIMER = (
    "radviz explains and educates. It does not diagnose. "
    "A clinician who examines you makes the diagnosis."
)
