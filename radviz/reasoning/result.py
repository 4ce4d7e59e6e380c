"""The contract's result document as frozen dataclasses (model layer, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One finding's signed contribution (natural-log likelihood ratio) to a root.

    ``kind`` is ``prior``, ``sensory``, ``motor``, ``reflex``, ``test``, ``history`` or
    ``mimic``. ``finding`` is a short clinician-facing trace; views word an item from its
    structured fields (:mod:`radviz.reasoning.wording`), never by parsing ``finding``:

    * ``ids``: the vocabulary ids it names: ``(symptom kind, zone)`` for ``sensory``,
      ``(movement,)``, ``(reflex,)``, ``(test,)``, ``(flag,)``, ``(differential,)`` for
      ``mimic``, ``(root,)`` for ``prior``;
    * ``grade`` (motor, MRC 0-5), ``status`` (reflex status or test result), ``angle``
      (straight-leg raise, degrees), ``side`` (the patient's side);
    * ``rule``: set when the item is a rule over several findings rather than one finding:
      ``prior``, ``silent_side``, ``stocking``, ``stocking_bilateral``, ``above_knee_only``,
      ``spared_with_foot_drop`` (``ids`` = the spared movement, then the weak foot-drop
      movements: ankle dorsiflexion and/or great-toe extension).
    """

    finding: str
    weight: float
    kind: str = "sensory"
    ids: tuple[str, ...] = ()
    grade: int | None = None
    status: str = ""
    side: str = ""
    angle: float | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "finding": self.finding,
            "weight": round(self.weight, 3),
            "kind": self.kind,
        }
        if self.ids:
            out["ids"] = list(self.ids)
        if self.grade is not None:
            out["grade"] = self.grade
        if self.status:
            out["status"] = self.status
        if self.side:
            out["side"] = self.side
        if self.angle is not None:
            out["angle"] = self.angle
        if self.rule:
            out["rule"] = self.rule
        return out


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
            "evidence": [e.to_dict() for e in self.evidence],
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
class LocalizationCandidate:
    """Where along the nerve, or outside it, the problem of one side may sit (CONTRACT 7.2).

    ``kind`` is ``root`` (``L1`` ... ``S2``), ``mimic`` (a differential id) or ``none``.
    ``evidence`` sums to the candidate's log posterior odds against ``none`` (before the
    shrink towards the prior); ``none`` has no evidence of its own.
    """

    id: str
    kind: str
    side: str
    probability: float
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "side": self.side,
            "probability": round(self.probability, 4),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class NextTest:
    """The unrecorded finding that best separates the two leading explanations of a side.

    ``kind`` is ``movement``, ``reflex``, ``test`` or ``flag``; ``id`` its vocabulary id;
    ``first``/``second`` the two leaders; ``abnormal_favours`` which of them a weak
    movement, reduced reflex, positive test or "yes" favours; ``separation`` how far the
    two outcomes move the log odds between them.
    """

    side: str
    kind: str
    id: str
    first: str
    second: str
    abnormal_favours: str
    separation: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "kind": self.kind,
            "id": self.id,
            "first": self.first,
            "second": self.second,
            "abnormal_favours": self.abnormal_favours,
            "separation": round(self.separation, 3),
        }


@dataclass(frozen=True)
class RedFlag:
    """A serious condition to exclude, with its urgency, why it was raised and the
    sources of the rules that raised it (red_flags.toml)."""

    id: str
    urgency: str
    why: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "urgency": self.urgency,
            "why": self.why,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class TreatmentOption:
    """A treatment in the plan (contract 7.2): its evidence grade, its ``step``
    (``emergency``, ``urgent``, ``first``, ``next``, ``specialist``, ``not_advised``),
    ``why`` it is at that step for this case, the evidence ``reason`` and its ``sources``
    (source ids). ``after``: set when a red flag moved the option back, the words a view
    shows before it ("Once a serious cause has been ruled out").
    :mod:`radviz.reasoning.treatments` builds the plan."""

    id: str
    evidence: str
    why: str = ""
    step: str = "first"
    reason: str = ""
    sources: tuple[str, ...] = ()
    after: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "evidence": self.evidence,
            "step": self.step,
            "why": self.why,
            "reason": self.reason,
            "sources": list(self.sources),
        } | ({"after": self.after} if self.after else {})


@dataclass(frozen=True)
class ImagingVerdict:
    """How one imaging finding fits the symptoms (contract 7.2 ``imaging``).

    ``verdict``: ``concordant``, ``partly``, ``discordant``, ``incidental`` or
    ``not_assessable``; ``why``: plain words naming the same root as ``roots``
    (:func:`radviz.imaging.concordance.concordance`).
    """

    level: str
    side: str
    zone: str
    lesion: str
    verdict: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "side": self.side,
            "zone": self.zone,
            "lesion": self.lesion,
            "verdict": self.verdict,
            "why": self.why,
        }


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
    severity: str = ""
    """``mild``, ``moderate`` or ``severe`` (radviz.reasoning.severity); "" when not assessed."""
    severity_reasons: tuple[str, ...] = ()
    """What set the severity (``"worst leg pain 8/10"``)."""
    imaging: tuple[ImagingVerdict, ...] | None = None
    """One verdict per imaging finding; ``None`` when the findings carry no imaging."""
    localization: tuple[LocalizationCandidate, ...] = ()
    """Per side, roots, look-alikes and ``none``, most likely first (CONTRACT 7.2)."""
    next_tests: tuple[NextTest, ...] = ()
    quiet_sides: tuple[str, ...] = ()
    """Sides examined and found normal (``localization.has_complaint``): no headline to
    argue, no test to suggest."""
    """Per side, the finding that would best separate the two leading explanations."""

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
            "severity": {"level": self.severity, "reasons": list(self.severity_reasons)},
            "localization": [c.to_dict() for c in self.localization],
            "next_tests": [t.to_dict() for t in self.next_tests],
            "disclaimer": DISCLAIMER,
        } | ({} if self.imaging is None else {"imaging": [v.to_dict() for v in self.imaging]})

    def roots_for(self, side: str) -> tuple[RootCandidate, ...]:
        """Roots of one side, most likely first."""
        return tuple(r for r in self.roots if r.side == side)

    def localization_for(self, side: str) -> tuple[LocalizationCandidate, ...]:
        """Localization of one side, most likely first."""
        return tuple(c for c in self.localization if c.side == side)

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
