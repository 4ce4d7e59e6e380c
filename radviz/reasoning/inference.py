"""Findings -> ranked roots, levels, causes, mimics, red flags, treatments (model layer).

How it reasons (every number lives in ``radviz/knowledge/model.toml`` with its source):

* Per side, hypotheses are the roots L1-S2 plus "no root involved". Each finding adds a
  signed natural-log likelihood ratio of "this root" against "no root" (its *evidence*),
  capped at +/- ln 20. The root's posterior odds against "no root" are its prior odds
  times the product of the ratios, so a root's evidence list sums exactly to its
  log posterior odds, and the roots of a side plus "no root" sum to 1.
* Sensory findings use the overlap of the shaded zone with the root's territory: the
  sensory map for numbness and tingling, the wider pain map for pain, burning and aching,
  weighted by kind (numbness and tingling count about twice as much as pain: Taylor 2013,
  Murphy 2009). Weakness, reflexes and tests follow published likelihood ratios.
* Roots compete with the look-alikes (nerve, plexus, polyneuropathy, joints, vessels) and
  "none" in radviz.reasoning.localization; the roots' distribution is its root part.
* Levels and causes are computed from the root posteriors and named features. One
  result tells one story: levels follow the roots' own probabilities, the causes are
  weighted by the chance that the spine is at fault (1 minus the look-alikes' share), a
  side led by a look-alike is not read as radicular (radviz.reasoning.pattern), and the
  plan follows the leader (radviz.reasoning.treatments).
* The pattern (radviz.reasoning.pattern), red flags (radviz.reasoning.red_flags, rules in
  red_flags.toml that always surface), severity (radviz.reasoning.severity) and the
  treatment plan by step (radviz.reasoning.treatments) have their own modules; infer()
  calls them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, Root, load_kb, per_knowledge_base
from radviz.reasoning import pattern as patterns
from radviz.reasoning import red_flags, severity, treatments, wording
from radviz.reasoning.findings import Findings, Motor, Reflex, Symptom, Test
from radviz.reasoning.localization import UNSET as _UNSET
from radviz.reasoning.localization import ItemMemo, localize, next_test
from radviz.reasoning.pattern import SENSORY_KINDS
from radviz.reasoning.result import (
    CauseCandidate,
    Evidence,
    LevelCandidate,
    LocalizationCandidate,
    NextTest,
    Result,
    RootCandidate,
)

LOWER_LUMBAR = ("L4", "L5", "S1")
FOOT_ZONES = frozenset(
    {
        "foot_dorsum",
        "sole",
        "heel",
        "great_toe",
        "little_toe",
        "foot_medial_edge",
        "foot_lateral_edge",
    }
)


# ----------------------------------------------------------------- side facts
class _Side:
    """Findings of one side, pre-sorted for the rules below."""

    def __init__(self, f: Findings, side: str) -> None:
        self._build(
            side,
            [s for s in f.symptoms if s.side == side],
            [m for m in f.motor if m.side == side],
            [r for r in f.reflexes if r.side == side],
            [t for t in f.tests if t.side == side],
        )

    def plus(self, entry: Motor | Reflex | Test) -> _Side:
        """This side with one more exam entry (what :func:`localization.next_test` probes)."""
        return self._of(entry, keep=True)

    def only(self, entry: Motor | Reflex | Test) -> _Side:
        """A side holding ``entry`` alone (its own evidence items, nothing else)."""
        return self._of(entry, keep=False)

    def _of(self, entry: Motor | Reflex | Test, keep: bool) -> _Side:
        new = _Side.__new__(_Side)
        motor = list(self.motor) if keep else []
        reflexes = list(self.reflexes) if keep else []
        tests = list(self.tests) if keep else []
        if isinstance(entry, Motor):
            motor.append(entry)
        elif isinstance(entry, Reflex):
            reflexes.append(entry)
        else:
            tests.append(entry)
        if keep:  # the symptoms and what follows from them are shared, unchanged
            new.__dict__.update(self.__dict__)
        else:
            new._build_symptoms(self.side, [])
        new._build_exam(motor, reflexes, tests)
        return new

    def _build(
        self,
        side: str,
        symptoms: list[Symptom],
        motor: list[Motor],
        reflexes: list[Reflex],
        tests: list[Test],
    ) -> None:
        self._build_symptoms(side, symptoms)
        self._build_exam(motor, reflexes, tests)

    def _build_symptoms(self, side: str, symptoms: list[Symptom]) -> None:
        self.side = side
        self.symptoms = symptoms
        self.zones_by_kind: dict[str, set[str]] = defaultdict(set)
        for s in self.symptoms:
            self.zones_by_kind[s.kind].add(s.zone)
        self.sensory_zones = self.zones_by_kind["numbness"] | self.zones_by_kind["tingling"]
        self.pain_zones = (
            self.zones_by_kind["pain"]
            | self.zones_by_kind["burning"]
            | self.zones_by_kind["aching"]
        )
        self.all_zones = {s.zone for s in self.symptoms}

    def _build_exam(self, motor: list[Motor], reflexes: list[Reflex], tests: list[Test]) -> None:
        self.motor = motor
        self.reflexes = reflexes
        self.tests = tests
        self.weak = {m.movement: m.grade for m in self.motor if m.grade < 5}
        self.strong = {m.movement for m in self.motor if m.grade == 5}
        self.reflex_abnormal = {
            r.reflex for r in self.reflexes if r.status in ("reduced", "absent")
        }
        self.positive = {t.test for t in self.tests if t.result == "positive"}

    @property
    def deficit(self) -> bool:
        """Objective or sensory neurological deficit on this side."""
        return bool(self.weak or self.reflex_abnormal or self.sensory_zones)

    @property
    def abnormal_sign(self) -> bool:
        return bool(
            self.weak
            or self.reflex_abnormal
            or self.positive & {"slr", "crossed_slr", "femoral_stretch", "slump"}
        )

    @property
    def active(self) -> bool:
        """Anything at all was recorded for this side."""
        return bool(self.symptoms or self.motor or self.reflexes or self.tests)

    def rule_key(self, spared: frozenset[str]) -> tuple[object, ...]:
        """Everything of this side's exam that an evidence *rule* reads (the silent side,
        sparing, the patterns of localization._features): two sides with equal symptoms and
        equal keys get equal rule items (``parts="rules"``). ``spared``: the movements whose
        full strength a sparing rule reads. Keep it in step with the rules;
        tests/reasoning/test_localization.py checks next_test against the whole-case oracle."""
        return (
            self.silent,
            self.active,
            frozenset(self.weak),
            frozenset(self.strong & spared),
            frozenset(self.reflex_abnormal),
            bool(self.motor or self.reflexes),
        )

    def plus_key(self, entry: Motor | Reflex | Test, spared: frozenset[str]) -> tuple[object, ...]:
        """``self.plus(entry).rule_key(spared)`` without building that side (next_test asks
        it of every probe; tests/reasoning/test_infer_golden.py checks the two agree)."""
        weak: AbstractSet[str] = self.weak.keys()
        strong, reflex_abnormal, positive = self.strong, self.reflex_abnormal, self.positive
        if isinstance(entry, Motor):
            if entry.grade < 5:
                weak = weak | {entry.movement}
            elif entry.grade == 5:
                strong = strong | {entry.movement}
        elif isinstance(entry, Reflex):
            if entry.status in ("reduced", "absent"):
                reflex_abnormal = reflex_abnormal | {entry.reflex}
        elif entry.result == "positive":
            positive = positive | {entry.test}
        abnormal_sign = bool(
            weak or reflex_abnormal or positive & {"slr", "crossed_slr", "femoral_stretch", "slump"}
        )
        return (
            not self.symptoms and not abnormal_sign,
            True,
            frozenset(weak),
            frozenset(strong & spared),
            frozenset(reflex_abnormal),
            bool(self.motor or self.reflexes or not isinstance(entry, Test)),
        )

    @property
    def silent(self) -> bool:
        """Examined but nothing abnormal and no symptom."""
        return not self.symptoms and not self.abnormal_sign

    def stocking(self, min_zones: int) -> bool:
        zones = (self.sensory_zones | self.zones_by_kind["burning"]) & FOOT_ZONES
        return len(zones) >= min_zones and {"foot_dorsum", "sole"} <= zones


# ------------------------------------------------------------------ the model
def _cap(value: float, cap: float) -> float:
    return max(-cap, min(cap, value))


def _prior_shares(kb: KnowledgeBase) -> dict[str, float]:
    """Each modelled root's flattened share of lumbosacral radiculopathies
    (model.toml [prior])."""
    k = float(kb.model["prior"]["flatten"])
    raw = {r: kb.roots[r].prior ** k for r in vocab.MODELLED_ROOTS}
    total = sum(raw.values())
    return {r: v / total for r, v in raw.items()}


class _RootModel:
    """model.toml's numbers that :func:`_root_evidence` reads, as floats, read once per
    knowledge base (:func:`_root_model`); the same values, the same arithmetic."""

    def __init__(self, kb: KnowledgeBase) -> None:
        m = kb.model
        self.cap = float(m["cap"]["max_abs"])
        self.temper = float(m["combine"]["temper"])
        self.involved = float(m["prior"]["root_involved"])
        self.silent_side = float(m["prior"]["silent_side"])
        sens = m["sensory"]
        self.damping_zones = float(sens["damping_zones"])
        self.kind_weight = {k: float(v) for k, v in sens["kind_weight"].items()}
        self.in_territory = float(sens["in_territory"])
        self.sens_outside = float(sens["outside"])
        ref = m["referred"]
        self.referred_zones = frozenset(ref["zones"])
        self.below_knee = frozenset(ref["below_knee"])
        self.aching_referred = float(ref["aching_referred"])
        self.pain_referred = float(ref["pain_referred"])
        self.pain_below_knee = float(ref["pain_below_knee"])
        nd = m["nondermatomal"]
        self.stocking_min_zones = int(nd["stocking_min_zones"])
        self.stocking = float(nd["stocking"])
        self.stocking_bilateral = float(nd["stocking_bilateral"])
        mot = m["motor"]
        self.above_knee_only = {k: float(v) for k, v in mot["above_knee_only"].items()}
        self.grade_factor = [float(v) for v in mot["grade_factor"]]
        self.weak_in_territory = float(mot["weak_in_territory"])
        self.weak_outside = float(mot["weak_outside"])
        self.motor_normal = float(mot["normal"])
        self.spared_with_foot_drop = [
            (k, float(v)) for k, v in mot["spared_with_foot_drop"].items()
        ]
        rx = m["reflex"]
        self.status_factor = {k: float(v) for k, v in rx["status_factor"].items()}
        self.gain = {k: float(v) for k, v in rx["gain"].items()}
        self.reflex_outside = float(rx["outside"])
        self.brisk = float(rx["brisk"])
        self.reflex_normal = float(rx["normal"])
        tests = m["tests"]
        self.tests: dict[str, dict[str, float]] = {
            k: {r: float(v) for r, v in t.items()} for k, t in tests.items() if isinstance(t, dict)
        }
        lo, hi = (float(a) for a in tests["slr_angle_range"])
        self.slr_range = (lo, hi)
        self.slr_outside_range_factor = float(tests["slr_outside_range_factor"])
        self.history = {k: float(m["history"][k]) for k in ("worse_cough_sneeze", "worse_sitting")}
        self.priors: dict[tuple[str, str, float], Evidence] = {}
        self.entry_items = ItemMemo(self.cap, self.temper)

    def prior_item(self, root: Root, side: str, share: float) -> Evidence:
        """A root's prior item (immutable: built once per root, side and share)."""
        key = (root.id, side, share)
        item = self.priors.get(key)
        if item is None:
            item = self.priors[key] = Evidence(
                f"prior: {root.id} share of lumbosacral radiculopathies ({share:.0%})",
                math.log(share * self.involved / (1.0 - self.involved)),
                "prior",
                ids=(root.id,),
                side=side,
                rule="prior",
            )
        return item


_root_model = per_knowledge_base(_RootModel)


def _root_evidence(
    root: Root,
    sd: _Side,
    other: _Side,
    f: Findings,
    kb: KnowledgeBase,
    share: float,
    parts: str = "all",
) -> list[Evidence]:
    """A root's evidence on one side. ``parts``: ``all``; ``entries``, the items of single
    findings only (a symptom, movement, reflex, test); ``rules``, the rest (silent side,
    stocking, above the knee, sparing, history), the prior left out of both; ``flags``, the
    history items only. A probe's
    effect is its own entries plus the change of the rules (localization.next_test)."""
    rules = parts in ("all", "rules")
    entries = parts in ("all", "entries")
    m = _root_model(kb)
    cap = m.cap
    temper = m.temper
    side = sd.side
    ev: list[Evidence] = []

    def add(label: str, weight: float, kind: str, **fields: Any) -> None:
        # fields: the structured parts of Evidence (ids, grade, status, angle, rule)
        weight = _cap(weight, cap) * temper
        if abs(weight) >= 0.005:
            ev.append(Evidence(label, weight, kind, side=side, **fields))

    if parts == "all":
        ev.append(m.prior_item(root, side, share))
    if rules and sd.silent:
        add(
            "no symptoms or abnormal signs on this side",
            -m.silent_side,
            "prior",
            rule="silent_side",
        )

    if entries and sd.symptoms:

        def raw_of(s: Symptom) -> float:
            territory = root.sensory if s.kind in SENSORY_KINDS else root.pain
            w = territory.get(s.zone, 0.0)
            raw = m.kind_weight[s.kind] * (m.in_territory * w - m.sens_outside)
            if s.zone in m.referred_zones:
                if s.kind == "aching":
                    raw -= m.aching_referred
                elif s.kind in ("pain", "burning"):
                    raw -= m.pain_referred
            elif s.zone in m.below_knee and s.kind in ("pain", "burning"):
                raw += m.pain_below_knee
            return raw

        ev.extend(m.entry_items.symptom_items(root.id, sd, m.damping_zones, raw_of))
    if rules and sd.stocking(m.stocking_min_zones):
        add(
            "symptoms encircle the foot (stocking pattern)",
            -m.stocking,
            "sensory",
            rule="stocking",
        )
        if other.stocking(m.stocking_min_zones):
            add(
                "the same stocking pattern in both feet",
                -m.stocking_bilateral,
                "sensory",
                rule="stocking_bilateral",
            )
    if rules and sd.symptoms and not sd.all_zones & m.below_knee:
        penalty = m.above_knee_only.get(root.id, 0.0)
        add("no symptoms below the knee", -penalty, "sensory", rule="above_knee_only")

    for mo in sd.motor if entries else ():
        key: tuple[object, ...] = (root.id, side, "motor", mo.movement, mo.grade)
        item = m.entry_items.items.get(key, _UNSET)
        if item is _UNSET:
            w = root.muscles.get(mo.movement, 0.0)
            if mo.grade < 5:
                gf = m.grade_factor[mo.grade]
                raw = gf * (m.weak_in_territory * w - m.weak_outside)
            else:
                raw = -m.motor_normal * w
            label = f"{mo.movement} {mo.grade}/5"
            item = m.entry_items.remember(key, label, raw, "motor", side, (mo.movement,), mo.grade)
        if item is not None:
            ev.append(item)
    if rules and root.id in ("L4", "L5"):
        # the weak foot-drop movements of this side, named in the item (after the spared one)
        drop = tuple(mv for mv in ("ankle_dorsiflexion", "great_toe_extension") if mv in sd.weak)
        if drop:
            for movement, value in m.spared_with_foot_drop:
                if movement in sd.strong:
                    scale = 1.0 if root.id == "L5" else 0.5
                    add(
                        f"{movement} 5/5 despite weak {' and '.join(drop)}",
                        -value * scale,
                        "motor",
                        ids=(movement, *drop),
                        grade=5,
                        rule="spared_with_foot_drop",
                    )

    for r in sd.reflexes if entries else ():
        key = (root.id, side, "reflex", r.reflex, r.status)
        item = m.entry_items.items.get(key, _UNSET)
        if item is _UNSET:
            w = root.reflexes.get(r.reflex, 0.0)
            if r.status in ("reduced", "absent"):
                raw = m.status_factor[r.status] * (m.gain[r.reflex] * w - m.reflex_outside)
            elif r.status == "brisk":
                raw = -m.brisk
            else:
                raw = -m.reflex_normal * w
            label = f"{r.reflex} reflex {r.status}"
            item = m.entry_items.remember(
                key, label, raw, "reflex", side, (r.reflex,), status=r.status
            )
        if item is not None:
            ev.append(item)

    lo, hi = m.slr_range
    for t in sd.tests if entries else ():
        key = (root.id, side, "test", t.test, t.result, t.angle)
        item = m.entry_items.items.get(key, _UNSET)
        if item is _UNSET:
            table = m.tests.get(f"{t.test}_{t.result}")
            if table is None:
                item = m.entry_items.remember(key, "", 0.0, "test", side, ())
            else:
                raw = table[root.id] if root.id in table else table.get("other", 0.0)
                label = f"{t.test} {t.result}"
                if t.angle is not None:
                    label += f" ({t.angle:g}°)"
                    if t.test == "slr" and t.result == "positive" and not lo <= t.angle <= hi:
                        raw *= m.slr_outside_range_factor
                item = m.entry_items.remember(
                    key, label, raw, "test", side, (t.test,), None, t.result, t.angle
                )
        if item is not None:
            ev.append(item)

    if (rules or parts == "flags") and sd.symptoms and root.id in LOWER_LUMBAR:
        for flag, value in m.history.items():
            if f.flag(flag):
                add(flag.replace("_", " "), value, "history", ids=(flag,))
    return ev


def _root_rule_weights(
    root: Root, sd: _Side, other: _Side, f: Findings, kb: KnowledgeBase
) -> list[float]:
    """The weights of ``_root_evidence(..., parts="rules")``, in order, without building
    the items (localization.next_test re-scores the rules once per probe outcome)."""
    m = _root_model(kb)
    raw: list[float] = []
    if sd.silent:
        raw.append(-m.silent_side)
    if sd.stocking(m.stocking_min_zones):
        raw.append(-m.stocking)
        if other.stocking(m.stocking_min_zones):
            raw.append(-m.stocking_bilateral)
    if sd.symptoms and not sd.all_zones & m.below_knee:
        raw.append(-m.above_knee_only.get(root.id, 0.0))
    if root.id in ("L4", "L5"):
        if any(mv in sd.weak for mv in ("ankle_dorsiflexion", "great_toe_extension")):
            for movement, value in m.spared_with_foot_drop:
                if movement in sd.strong:
                    raw.append(-value * (1.0 if root.id == "L5" else 0.5))
    if sd.symptoms and root.id in LOWER_LUMBAR:
        raw.extend(value for flag, value in m.history.items() if f.flag(flag))
    cap, temper = m.cap, m.temper
    out = []
    for weight in raw:
        weight = _cap(weight, cap) * temper
        if abs(weight) >= 0.005:
            out.append(weight)
    return out


# -------------------------------------------------------------------- levels
def _levels(
    f: Findings, roots: list[RootCandidate], bilateral: bool, kb: KnowledgeBase
) -> list[LevelCandidate]:
    lv = kb.model["levels"]
    far = float(lv["far_lateral_share_over_60"] if (f.age or 0) >= 60 else lv["far_lateral_share"])
    central = float(lv["central_share_bilateral" if bilateral else "central_share_unilateral"])
    out: list[LevelCandidate] = []
    for cand in roots:
        if cand.probability < float(lv["min_root_probability"]):
            continue
        root = kb.roots[cand.root]
        weights: list[tuple[str, str, str, float]] = []
        for c in root.compression:
            if c.relation == "traversing":
                base = float(lv["herniation_by_level"][c.level]) * (1 - far)
                if c.zone == "central":
                    w = base * central
                else:
                    w = base * (1 - central)
            else:
                base = float(lv["far_lateral_by_level"][c.level]) * far
                share = float(lv["foraminal_share_of_far_lateral"])
                w = base * (share if c.zone == "foraminal" else 1.0 - share)
            if f.age is not None:
                mean = float(lv["mean_age"][c.level])
                sd = float(lv["age_sd"])
                w *= math.exp(-((f.age - mean) ** 2) / (2 * sd * sd))
            weights.append((c.level, c.zone, c.relation, w))
        total = sum(w for *_, w in weights)
        if total <= 0:
            continue
        for level, zone, relation, w in weights:
            prob = cand.probability * w / total
            if prob >= float(lv["min_level_probability"]):
                out.append(LevelCandidate(level, zone, cand.side, cand.root, relation, prob))
    out.sort(key=lambda x: (-x.probability, x.level, x.zone, x.root, x.side))
    return out[: int(lv["max_listed"])]


# -------------------------------------------------------------------- causes
def _case_features(
    f: Findings, sides: Mapping[str, _Side], pattern: str, levels: list[LevelCandidate]
) -> dict[str, str]:
    """Named case features (for causes) -> a short reason shown to people."""
    feats: dict[str, str] = {}
    age = f.age
    if age is not None:
        if age > 70:
            feats["age_over_70"] = f"age {age} (over 70)"
        elif age >= 60:
            feats["age_60_to_70"] = f"age {age}"
        if age < 60:
            feats["age_under_60"] = f"age {age} (under 60)"
        if age < 50:
            feats["age_under_50"] = f"age {age} (under 50)"
        if age > 50:
            feats["age_over_50"] = f"age {age} (over 50)"
            if f.sex == "female":
                feats["female_over_50"] = "woman over 50"
    claud = f.flag("worse_walking_relieved_sitting")
    if claud:
        feats["claudication"] = "leg pain on walking, eased by sitting (neurogenic claudication)"
    elif claud is False:
        feats["no_claudication"] = "no leg pain on walking eased by sitting"
    for flag, text in (
        ("worse_sitting", "worse sitting"),
        ("worse_cough_sneeze", "worse with cough or sneeze"),
        ("worse_bending_forward", "worse bending forward"),
        ("worse_extension", "worse bending backwards or standing"),
    ):
        if f.flag(flag):
            feats[flag] = text
    legs = [sd for sd in sides.values() if sd.symptoms]
    if len(legs) == 2:
        feats["bilateral_legs"] = "symptoms in both legs"
    if any("slr" in sd.positive for sd in sides.values()):
        feats["slr_positive"] = "positive straight leg raise"
    if any("crossed_slr" in sd.positive for sd in sides.values()):
        feats["crossed_slr_positive"] = "positive crossed straight leg raise"
    if pattern in ("radicular", "mixed"):
        feats["radicular"] = "a nerve-root pattern"
    if pattern == "referred":
        feats["referred_only"] = "referred pain without nerve signs"
    if levels and levels[0].relation == "exiting":
        feats["exiting_root"] = f"{levels[0].root} most likely pinched in its exit foramen"
    if f.duration_weeks is not None and f.duration_weeks > 12:
        feats["chronic"] = f"{f.duration_weeks:g} weeks (chronic)"
    return feats


def _causes(feats: Mapping[str, str], pattern: str, kb: KnowledgeBase) -> list[CauseCandidate]:
    if pattern == "none":
        return []
    cm = kb.model["causes"]
    table = kb.model["cause_features"]
    scores = {c: float(cm["base"][c]) for c in vocab.CAUSES}
    reasons: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for name, text in feats.items():
        weights = table.get(name)
        if not isinstance(weights, dict):
            continue
        for cause, w in weights.items():
            scores[cause] += float(w)
            if float(w) >= 0.3:
                reasons[cause].append((float(w), text))
    top = max(scores.values())
    z = sum(math.exp(s - top) for s in scores.values())
    out = []
    for cause, s in scores.items():
        why = ", ".join(t for _, t in sorted(reasons[cause], reverse=True)[:3])
        out.append(
            CauseCandidate(cause, math.exp(s - top) / z, f"Supported by: {why}." if why else "")
        )
    out.sort(key=lambda c: (-c.probability, c.id))
    return out


# --------------------------------------------------------------- explanation
def _explain(
    roots: list[RootCandidate],
    none: Mapping[str, float],
    pattern: str,
    kb: KnowledgeBase,
    leading: Mapping[str, LocalizationCandidate] | None = None,
) -> list[str]:
    """``leading``: each side's leading localization candidate; a look-alike that leads is
    named first (one story: the explanation does not argue for a root it has set aside)."""
    ex = kb.model["explain"]
    lines: list[str] = []
    for side in vocab.SIDES:
        side_roots = [r for r in roots if r.side == side]
        if not side_roots:
            continue
        lead = (leading or {}).get(side)
        if lead is not None and lead.kind == "mimic":
            lines.append(
                f"Patient's {side}: {kb.differentials[lead.id].name} leads "
                f"({lead.probability:.0%}), ahead of every nerve root "
                f"(all roots together: {1.0 - none[side]:.0%})."
            )
            continue
        top = side_roots[0]
        if top.probability < float(ex["no_root_top_below"]) and none[side] >= float(
            ex["no_root_none_at_least"]
        ):
            lines.append(
                f"Patient's {side}: no single nerve root explains the findings "
                f"(no root involved: {none[side]:.0%})."
            )
            continue
        support = [e for e in top.evidence if e.kind != "prior" and e.weight > 0][:3]
        sup = (
            ", ".join(f"{wording.evidence_text(e, 'clinician')} (+{e.weight:.1f})" for e in support)
            or "the prior only"
        )
        lines.append(
            f"Patient's {side}: {top.root} is the most likely root ({top.probability:.0%}); "
            f"strongest support: {sup}."
        )
        if len(side_roots) > 1:
            second = side_roots[1]
            if top.probability - second.probability < float(ex["close_within"]):
                lines.append(
                    f"Patient's {side}: {top.root} and {second.root} are close "
                    f"({top.probability:.0%} vs {second.probability:.0%}); the findings cannot "
                    "separate them well."
                )
            r2 = kb.roots[second.root]
            hints = []
            if r2.key_muscles:
                hints.append(
                    f"weakness of {wording.movement_label(r2.key_muscles[0], 'clinician')}"
                )
            if r2.reflexes:
                reflex = max(r2.reflexes, key=lambda k: r2.reflexes[k])
                hints.append(f"a reduced {wording.label('reflexes', reflex, 'clinician')}")
            hints.append(f"numbness at its key point ({wording.zone_words(r2.key_point_zone)})")
            lines.append(f"What would change it: {' or '.join(hints)} would favour {second.root}.")
    if pattern == "non_dermatomal":
        lines.append("The symptoms do not follow one nerve root; other causes are considered.")
    elif pattern == "referred":
        lines.append(
            "The pain looks referred from the spine's joints, discs or muscles: dull, above the "
            "knee, with no nerve signs."
        )
    return lines


# ------------------------------------------------------------------ one story
def _leaders(cands: Sequence[LocalizationCandidate]) -> dict[str, str]:
    """Each side's leading localization candidate id (root, look-alike or ``none``)."""
    return {side: c.id for side, c in _leading(cands).items()}


def _leading(cands: Sequence[LocalizationCandidate]) -> dict[str, LocalizationCandidate]:
    """Each side's leading localization candidate."""
    out: dict[str, LocalizationCandidate] = {}
    for c in cands:  # sorted by side, most likely first
        out.setdefault(c.side, c)
    return out


def _spinal_share(cands: Sequence[LocalizationCandidate]) -> float:
    """The chance that the spine is at fault: per side, 1 minus the look-alikes' share (the
    roots, and ``none``, which holds what radviz does not list as a look-alike, chiefly
    the spine's own referred pain from its joints and discs); the larger side's. 1.0 when
    no side was localized."""
    mimic: dict[str, float] = {}
    for c in cands:
        mimic[c.side] = mimic.get(c.side, 0.0) + (c.probability if c.kind == "mimic" else 0.0)
    return max((1.0 - m for m in mimic.values()), default=1.0)


# -------------------------------------------------------------------- public
def separating_test(
    findings: Findings, side: str, first: str, second: str, kb: KnowledgeBase | None = None
) -> NextTest | None:
    """The unrecorded finding of ``side`` that best tells ``first`` from ``second`` (root,
    look-alike ids): :func:`radviz.reasoning.localization.next_test` on the model's own
    evidence, for any pair (the trainee's answer against the key, not only the leaders)."""
    kb = kb or load_kb()
    shares = _prior_shares(kb)

    def root_evidence(
        rid: str, sd: _Side, other: _Side, f: Findings, parts: str = "all"
    ) -> list[Evidence]:
        return _root_evidence(kb.roots[rid], sd, other, f, kb, shares[rid], parts)

    return next_test(findings, side, first, second, kb, _Side, root_evidence)


def infer(findings: Findings, kb: KnowledgeBase | None = None) -> Result:
    """Map findings to the contract's result document (see module docstring)."""
    kb = kb or load_kb()
    sides = {side: _Side(findings, side) for side in vocab.SIDES}
    shares = _prior_shares(kb)

    def root_evidence(
        rid: str, sd: _Side, other: _Side, f: Findings, parts: str = "all"
    ) -> list[Evidence]:
        return _root_evidence(kb.roots[rid], sd, other, f, kb, shares[rid], parts)

    def rule_weights(rid: str, sd: _Side, other: _Side, f: Findings) -> list[float]:
        return _root_rule_weights(kb.roots[rid], sd, other, f, kb)

    # Roots, look-alikes and "none" compete per side (radviz.reasoning.localization);
    # the roots' own distribution is its root part.
    loc = localize(findings, kb, _Side, root_evidence, rule_weights, memo=True)
    roots = list(loc.roots)
    none = loc.no_root
    leaders = _leaders(loc.candidates)
    pattern, radicular_sides = patterns.classify(findings, sides, roots, none, kb, leaders)
    bilateral = len(radicular_sides) == 2
    levels = _levels(findings, roots, bilateral, kb) if pattern in ("radicular", "mixed") else []
    feats = _case_features(findings, sides, pattern, levels)
    # One story: the spine's causes weigh only as much as the spine is at fault.
    spine = _spinal_share(loc.candidates)
    causes = [replace(c, probability=c.probability * spine) for c in _causes(feats, pattern, kb)]
    lookalikes = sorted({c for c in leaders.values() if c in kb.differentials})
    differentials = list(loc.differentials)
    fired = red_flags.fired_rules(findings, radicular_sides, kb)
    red = red_flags.red_flags(fired)
    sev = severity.assess(findings, red, kb)
    result = Result(
        pattern=pattern,
        roots=tuple(roots),
        levels=tuple(levels),
        causes=tuple(causes),
        differentials=tuple(differentials),
        red_flags=tuple(red),
        no_root=none,
        explanation=tuple(_explain(roots, none, pattern, kb, _leading(loc.candidates))),
        severity=sev.level,
        severity_reasons=sev.reasons,
        localization=loc.candidates,
        next_tests=loc.next_tests,
        quiet_sides=loc.quiet_sides,
    )
    if findings.imaging is not None:  # contract 7.2 imaging: a verdict per scan finding
        from radviz.imaging.concordance import with_imaging  # imaging imports reasoning

        result = with_imaging(findings, result, findings.imaging)
    # The plan reads the scan's verdicts: decompression needs a scan that matches (NICE NG59).
    plan = treatments.plan(
        findings,
        pattern,
        causes,
        red_flags.winners(fired),
        sev,
        kb,
        imaging=result.imaging,
        lookalikes=lookalikes,
        spinal=not lookalikes or spine >= float(kb.model["plan"]["spinal_options_min"]),
    )
    return replace(result, treatments=tuple(plan))
