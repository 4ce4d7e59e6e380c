"""Which pattern the picture has (contract §4 ``pattern``; model layer, no Qt).

``radicular`` when symptoms and signs fit one or more nerve roots, ``referred`` for dull
pain above the knee without nerve signs, ``mixed`` for both, ``none`` when there is
nothing to classify, and ``non_dermatomal`` only for a spread no root explains: a
stocking pattern, a whole limb, or zones that neither one root's territory nor two
neighbouring roots' cover. A weak but root-shaped picture (one burning stroke along the
L5 strip, one numb patch in a sacral dermatome) stays radicular, with the uncertainty in
the root probabilities. Thresholds: ``model.toml`` ``[pattern]``, ``[referred]``,
``[nondermatomal]``.

One story: a side whose leading localization candidate is a look-alike is never read as
radicular; it takes the look-alike's own ``pattern`` (differentials.toml), so a painless
foot drop that the peroneal nerve explains is ``non_dermatomal``, not sciatica, and a
sacroiliac or piriformis picture without nerve signs is ``referred``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase
from radviz.reasoning.findings import Findings, Symptom
from radviz.reasoning.result import RootCandidate

SENSORY_KINDS = frozenset({"numbness", "tingling"})
PAIN_KINDS = frozenset({"pain", "burning", "aching"})
NERVE_TESTS = frozenset({"slr", "crossed_slr", "slump", "femoral_stretch"})


class PatternSide(Protocol):
    """What the pattern reads of one side (``inference._Side`` provides it)."""

    @property
    def symptoms(self) -> Sequence[Symptom]: ...

    @property
    def positive(self) -> set[str]: ...

    @property
    def deficit(self) -> bool: ...

    @property
    def abnormal_sign(self) -> bool: ...

    def stocking(self, min_zones: int) -> bool: ...


def radicular_sides(
    sides: Mapping[str, PatternSide],
    roots: Sequence[RootCandidate],
    none: Mapping[str, float],
    kb: KnowledgeBase,
) -> list[str]:
    """Sides whose root posteriors clearly favour a root (model.toml ``[pattern]``)."""
    p = kb.model["pattern"]
    out = []
    for side in none:
        if side not in sides:
            continue
        side_roots = [r for r in roots if r.side == side]
        total = 1.0 - none[side]
        fit = max(
            (sum(e.weight for e in r.evidence if e.kind != "prior") for r in side_roots),
            default=0.0,
        )
        if side_roots and (
            (
                total >= float(p["radicular_total"])
                and side_roots[0].probability >= float(p["radicular_top"])
            )
            or (fit >= float(p["radicular_fit"]) and sides[side].deficit)
        ):
            out.append(side)
    return out


def _in_territory(s: Symptom, root: str, kb: KnowledgeBase) -> bool:
    r = kb.roots[root]
    territory = r.sensory if s.kind in SENSORY_KINDS else r.pain
    return territory.get(s.zone, 0.0) >= float(kb.model["pattern"]["territory_weight"])


def root_compatible(symptoms: Sequence[Symptom], kb: KnowledgeBase) -> bool:
    """Every symptom lies in one root's territory, or in two neighbouring roots'."""
    if not symptoms:
        return True
    ids = [r for r in vocab.ROOTS if r in kb.roots]
    covered = {r: {i for i, s in enumerate(symptoms) if _in_territory(s, r, kb)} for r in ids}
    everything = set(range(len(symptoms)))
    groups: list[tuple[str, ...]] = [(r,) for r in ids] + list(itertools.pairwise(ids))
    return any(set().union(*(covered[r] for r in group)) == everything for group in groups)


def _lookalike_pattern(did: str, sd: PatternSide, kb: KnowledgeBase) -> str:
    """The pattern of a side led by look-alike ``did``: its own ``pattern``
    (differentials.toml [item.localization]): ``referred`` for a somatic source (joint,
    tendon, muscle) only while the side also looks referred (pain kinds in referred zones,
    no deficit, no nerve-tension sign); otherwise ``non_dermatomal`` (a nerve outside the
    spine, a vessel: the spread fits no root, CONTRACT §4)."""
    own = str(kb.differentials[did].data["localization"].get("pattern", "non_dermatomal"))
    referred_zones = set(kb.model["referred"]["zones"]) | {"sacrum"}
    if (
        own == "referred"
        and not sd.deficit
        and not sd.positive & NERVE_TESTS
        and all(s.kind in PAIN_KINDS and s.zone in referred_zones for s in sd.symptoms)
    ):
        return "referred"
    return "non_dermatomal"


def classify(
    f: Findings,
    sides: Mapping[str, PatternSide],
    roots: Sequence[RootCandidate],
    none: Mapping[str, float],
    kb: KnowledgeBase,
    leaders: Mapping[str, str] | None = None,
) -> tuple[str, list[str]]:
    """The pattern and the sides read as radicular (see the module docstring).

    ``leaders``: each side's leading localization candidate. A side led by a look-alike is
    not read as radicular: it takes the look-alike's pattern (:func:`_lookalike_pattern`),
    and the rest of the case (the other side, midline symptoms) is classified as before; a
    root picture elsewhere still makes the case radicular (or mixed)."""
    abnormal = any(sd.abnormal_sign for sd in sides.values())
    if not f.symptoms and not abnormal:
        return "none", []
    led = {s: c for s, c in (leaders or {}).items() if c in kb.differentials}
    if not led:
        return _classify(f, sides, roots, none, kb)
    own = {_lookalike_pattern(c, sides[s], kb) for s, c in led.items()}
    rest = {s: sd for s, sd in sides.items() if s not in led}
    rest_f = replace(f, symptoms=tuple(s for s in f.symptoms if s.side not in led))
    rest_pattern, rad = _classify(rest_f, rest, roots, none, kb)
    if rest_pattern in ("radicular", "mixed"):
        return rest_pattern, rad
    for pattern in ("non_dermatomal", "referred"):  # a nerve or vessel outranks referred pain
        if pattern in own or rest_pattern == pattern:
            return pattern, []
    return "none", []


def _classify(
    f: Findings,
    sides: Mapping[str, PatternSide],
    roots: Sequence[RootCandidate],
    none: Mapping[str, float],
    kb: KnowledgeBase,
) -> tuple[str, list[str]]:
    midline = [s for s in f.symptoms if s.side == vocab.MIDLINE]
    abnormal = any(sd.abnormal_sign for sd in sides.values())
    if not f.symptoms and not abnormal:
        return "none", []
    rad = radicular_sides(sides, roots, none, kb)
    referred_zones = set(kb.model["referred"]["zones"]) | {"sacrum"}
    if rad:
        for side in rad:
            top = kb.roots[next(r for r in roots if r.side == side).root]
            for s in sides[side].symptoms:
                if (
                    s.kind == "aching"
                    and s.zone in referred_zones
                    and top.pain.get(s.zone, 0) < 0.3
                ):
                    return "mixed", rad
        if any(s.kind == "aching" and s.zone == "sacrum" for s in midline):
            return "mixed", rad
        return "radicular", rad
    if any(s.zone == "saddle" and s.kind in SENSORY_KINDS for s in midline):
        # Saddle numbness follows the S3-S5 dermatomes: a (poly)radicular, cauda pattern.
        return "radicular", rad
    lateral = [s for s in f.symptoms if s.side != vocab.MIDLINE]
    deficit = any(sd.deficit for sd in sides.values())
    if (
        not deficit
        and all(s.kind in PAIN_KINDS for s in f.symptoms)
        and all(s.zone in referred_zones for s in lateral + midline)
        and not any(sd.positive & NERVE_TESTS for sd in sides.values())
    ):
        return "referred", []
    stocking_min = int(kb.model["nondermatomal"]["stocking_min_zones"])
    if any(sd.stocking(stocking_min) for sd in sides.values()):
        return "non_dermatomal", []
    # Pain in the back, sacrum, buttock or thigh can be referred (somatic) pain beside a
    # root picture; only the rest has to fit a root's territory.
    referred = [s for s in f.symptoms if s.kind in PAIN_KINDS and s.zone in referred_zones]
    rest = [s for s in f.symptoms if s not in referred]
    by_side = [[s for s in rest if s.side == side] for side in (*sides, vocab.MIDLINE)]
    if rest and all(root_compatible(group, kb) for group in by_side):
        ache = any(s.kind == "aching" and not _in_any_territory(s, kb) for s in referred)
        return ("mixed" if ache else "radicular"), rad
    if not rest and deficit:
        return "radicular", rad  # referred-zone pain with weakness or a reflex change
    return "non_dermatomal", []


def _in_any_territory(s: Symptom, kb: KnowledgeBase) -> bool:
    return any(_in_territory(s, r, kb) for r in vocab.ROOTS if r in kb.roots)
