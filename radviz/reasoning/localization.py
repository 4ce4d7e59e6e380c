"""Localization along the whole nerve: root, plexus, nerve, polyneuropathy or not neural.

CONTRACT 7.2 ``localization`` (issue #15; CLINICAL.md §12). Per side, the hypotheses are
the roots L1-S2, every look-alike (each differential id) and ``none`` (nothing listed
explains the findings). They compete on the same findings as one generative comparison:

* each candidate *predicts* which movements are weak (its ``muscles``), which zones are
  numb or painful (``sensory``, ``pain``) and which reflexes are reduced (``reflexes``);
  roots take these from ``roots.toml``, nerve look-alikes from ``nerves.toml`` and the
  rest from their ``[item.localization]`` table in ``differentials.toml``;
* every finding adds a natural-log likelihood ratio against ``none`` with the very numbers
  the roots use (``model.toml`` [sensory], [motor], [reflex], [cap], [combine]); a
  movement at full strength argues against every site that should have weakened it, so
  sparing separates a nerve from a root; tests, history and patterns add the likelihood
  ratios named in each look-alike's ``evidence`` table (``model.toml`` [localization] for
  the roots), each with its source next to it;
* the posterior of a candidate is its prior times the product of its ratios, normalised
  over the side and shrunk towards the prior like the roots.

The roots' own distribution (``roots`` and ``no_root``) is this distribution's root part:
a root's probability is the same in both, and ``no_root`` is the look-alikes plus ``none``.
A root's ``roots`` evidence carries one extra ``mimic`` item, the weight of the
look-alikes, so that it sums to the root's log odds against "no root".

:func:`next_test` names the unrecorded finding that best separates two candidates, from
the same evidence functions (pure: it scores each possible outcome of each finding).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, Self, TypeVar

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, per_knowledge_base
from radviz.reasoning.findings import Findings, Motor, Reflex, Symptom, Test
from radviz.reasoning.result import (
    Differential,
    Evidence,
    LocalizationCandidate,
    NextTest,
    RootCandidate,
)

SENSORY_KINDS = frozenset({"numbness", "tingling"})
PAIN_KINDS = frozenset({"pain", "burning", "aching"})
BACK_ZONES = frozenset({"lower_back", "sacrum", "saddle"})
THIGH_ZONES = frozenset(
    {"thigh_anterior_upper", "thigh_anterior_lower", "thigh_medial", "thigh_lateral"}
)
# Features that describe many people and cannot by themselves list a look-alike.
GENERIC_FEATURES = frozenset({"age_over_50", "female", "no_back_pain", "back_pain", "no_leg_pain"})
# Kind of evidence item for each pattern feature (history for flags, test for tests). Every
# feature _compute_features names besides the flags must be listed here (a test checks it).
FEATURE_KINDS = {
    "stocking_bilateral": "sensory",
    "stocking_unilateral": "sensory",
    "both_achilles_abnormal": "reflex",
    "symmetric": "sensory",
    "one_sided": "sensory",
    "multi_root_weakness": "motor",
    "no_leg_pain": "sensory",
    "burning_thigh_lateral": "sensory",
    "sacrum_pain": "sensory",
    "only_thigh": "sensory",
    "normal_neuro_exam": "motor",
    "severe_pain": "history",
    "age_over_50": "history",
    "female": "history",
}


class SideFacts(Protocol):
    """What the model knows about one side (``inference._Side`` provides it)."""

    side: str
    symptoms: list[Symptom]
    motor: list[Motor]
    reflexes: list[Reflex]
    tests: list[Test]
    weak: dict[str, int]
    strong: set[str]
    reflex_abnormal: set[str]
    positive: set[str]
    zones_by_kind: dict[str, set[str]]
    sensory_zones: set[str]
    pain_zones: set[str]
    all_zones: set[str]

    @property
    def active(self) -> bool: ...

    @property
    def silent(self) -> bool: ...

    def stocking(self, min_zones: int) -> bool: ...

    def plus(self, entry: Motor | Reflex | Test) -> Self:
        """This side with one more exam entry."""
        ...

    def only(self, entry: Motor | Reflex | Test) -> Self:
        """A side holding ``entry`` alone."""
        ...

    def rule_key(self, spared: frozenset[str]) -> tuple[object, ...]:
        """What the evidence rules read of this side's exam (symptoms aside)."""
        ...

    def plus_key(self, entry: Motor | Reflex | Test, spared: frozenset[str]) -> tuple[object, ...]:
        """``self.plus(entry).rule_key(spared)``, without building that side."""
        ...


S = TypeVar("S", bound=SideFacts)
MakeSide = Callable[[Findings, str], S]
# root_evidence(root id, side, other side, findings, parts="all"): see
# inference._root_evidence (parts: "all", "entries" or "rules").
RootEvidence = Callable[[str, S, S, Findings, str], list[Evidence]]
# root_rule_weights(root id, side, other side, findings): the weights of
# root_evidence(..., "rules"), in order (inference._root_rule_weights).
RootRuleWeights = Callable[[str, S, S, Findings], list[float]]


@dataclass(frozen=True)
class Site:
    """A look-alike's predictions (what it weakens, numbs, reduces) and its evidence table.

    ``focal``: a lesion of one or a few named nerves (``nerves.toml``), which cannot weaken
    a muscle outside them; ``neural`` False: not a nerve lesion at all."""

    id: str
    neural: bool
    focal: bool
    prior: float
    sensory: Mapping[str, float]
    pain: Mapping[str, float]
    muscles: Mapping[str, float]
    reflexes: Mapping[str, float]
    evidence: Mapping[str, float]


@dataclass(frozen=True)
class Localization:
    """Everything :func:`localize` concludes, in the result document's shapes."""

    candidates: tuple[LocalizationCandidate, ...]
    roots: tuple[RootCandidate, ...]
    no_root: dict[str, float]
    differentials: tuple[Differential, ...]
    next_tests: tuple[NextTest, ...]
    quiet_sides: tuple[str, ...] = ()
    """Sides examined but with nothing abnormal recorded (see :func:`has_complaint`)."""


def has_complaint(sd: SideFacts) -> bool:
    """Something on this side needs explaining: a symptom, a weak movement, a reduced or
    absent reflex or a positive test. A side examined and found normal has a localization
    (``none`` leads it) but no headline to argue and no test to suggest."""
    return bool(sd.symptoms or sd.weak or sd.reflex_abnormal or sd.positive)


# ------------------------------------------------------------------ knowledge
def _merge(maps: Sequence[tuple[Mapping[str, float], float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for table, scale in maps:
        for key, w in table.items():
            out[key] = max(out.get(key, 0.0), float(w) * scale)
    return out


@per_knowledge_base
def sites(kb: KnowledgeBase) -> dict[str, Site]:
    """Every look-alike's site, its maps merged from its nerves and its own tables."""
    out: dict[str, Site] = {}
    for did in vocab.DIFFERENTIALS:
        loc: Mapping[str, Any] = kb.differentials[did].data["localization"]
        nerves = [(kb.atlas.nerves[n], float(s)) for n, s in loc.get("nerves", {}).items()]

        def merged(
            key: str, loc: Mapping[str, Any] = loc, nerves: Any = nerves
        ) -> dict[str, float]:
            return _merge([(getattr(n, key), s) for n, s in nerves] + [(loc.get(key, {}), 1.0)])

        out[did] = Site(
            id=did,
            neural=bool(loc["neural"]),
            focal=bool(nerves),
            prior=float(loc["prior"]),
            sensory=merged("sensory"),
            pain=merged("pain"),
            muscles=merged("muscles"),
            reflexes=merged("reflexes"),
            evidence=dict(loc["evidence"]),
        )
    return out


def _root_shares(kb: KnowledgeBase) -> dict[str, float]:
    k = float(kb.model["prior"]["flatten"])
    raw = {r: kb.roots[r].prior ** k for r in vocab.MODELLED_ROOTS}
    total = sum(raw.values())
    return {r: v / total for r, v in raw.items()}


def priors(kb: KnowledgeBase) -> dict[str, float]:
    """Prior of every candidate of a side with findings (sums to 1).

    Each look-alike has its own prior; the rest is split between the roots and ``none``
    as the root model splits it between the roots and "no root" (``root_involved``), so
    that roots against ``none`` keep the root model's calibration."""
    return dict(_priors(kb))


@per_knowledge_base
def _priors(kb: KnowledgeBase) -> Mapping[str, float]:
    """:func:`priors`, computed once per knowledge base (read only)."""
    involved = float(kb.model["prior"]["root_involved"])
    out = {did: site.prior for did, site in sites(kb).items()}
    rest = 1.0 - sum(out.values())
    for r, share in _root_shares(kb).items():
        out[r] = rest * involved * share
    out["none"] = rest * (1.0 - involved)
    return out


def plain_name(kb: KnowledgeBase, cid: str) -> str:
    """A candidate in plain words: ``a nerve squeezed at the outside of the knee``."""
    if cid in kb.roots:
        return f"{kb.atlas.plain['root']} ({cid})"
    if cid in kb.differentials:
        return str(kb.differentials[cid].data.get("plain", kb.differentials[cid].name))
    return kb.atlas.plain["none"]


def headline(
    kb: KnowledgeBase, ranked: Sequence[LocalizationCandidate], *, quiet: bool = False
) -> str:
    """One side's leading explanation in plain words (``nerves.toml`` [plain]):
    ``This looks more like <leader> than <the best of the other kind>.`` A ``quiet`` side
    (examined, nothing abnormal: :func:`has_complaint`) is said to be so instead."""
    if not ranked:
        return ""
    plain = kb.atlas.plain
    if quiet:
        return plain["headline_quiet"]
    listed = [c for c in ranked if c.kind != "none"]
    if ranked[0].kind == "none" and listed:
        return plain["headline_none"].format(first=plain_name(kb, listed[0].id))
    first = ranked[0]
    # Compare a root with the best look-alike, a look-alike with the best root.
    other = next((c for c in listed if c.kind != first.kind), None)
    if other is None:
        return plain["headline_single"].format(first=plain_name(kb, first.id))
    second = plain["root"] if other.kind == "root" else plain_name(kb, other.id)
    return plain["headline"].format(first=plain_name(kb, first.id), second=second)


# ------------------------------------------------------------------ features
_FEATURES_MEMO: list[
    tuple[tuple[Findings, SideFacts, SideFacts, KnowledgeBase], dict[str, tuple[str, str]]]
] = []


def _features(
    f: Findings, sd: SideFacts, other: SideFacts, kb: KnowledgeBase
) -> dict[str, tuple[str, str]]:
    """Named facts of one side -> (label, evidence kind); flags as ``flag`` / ``no_flag``.

    Every candidate of a side asks for the same facts: the last few answers are kept,
    keyed by the very objects asked about (held, so their ids cannot be reused)."""
    for (kf, ksd, kother, kkb), feats in _FEATURES_MEMO:
        if kf is f and ksd is sd and kother is other and kkb is kb:
            return feats
    feats = _compute_features(f, sd, other, kb)
    _FEATURES_MEMO.insert(0, ((f, sd, other, kb), feats))
    del _FEATURES_MEMO[4:]
    return feats


def _flag_features(f: Findings) -> dict[str, tuple[str, str]]:
    """The history flags as features: ``flag`` (yes) or ``no_flag`` (asked, no). A new
    dict each call (callers add to it); the last findings' answer is kept."""
    last = _FLAG_MEMO.get("last")
    if last is None or last[0] is not f:
        last = _FLAG_MEMO["last"] = (f, _compute_flag_features(f))
    return dict(last[1])


_FLAG_MEMO: dict[str, tuple[Findings, dict[str, tuple[str, str]]]] = {}


def _compute_flag_features(f: Findings) -> dict[str, tuple[str, str]]:
    feats: dict[str, tuple[str, str]] = {}
    for flag, value in f.flags.items():
        if value is True:
            feats[flag] = (flag.replace("_", " "), "history")
        elif value is False:
            feats[f"no_{flag}"] = (f"no {flag.replace('_', ' ')}", "history")
    return feats


def _compute_features(
    f: Findings, sd: SideFacts, other: SideFacts, kb: KnowledgeBase
) -> dict[str, tuple[str, str]]:
    loc = kb.model["localization"]
    stocking_min = int(kb.model["nondermatomal"]["stocking_min_zones"])
    feats = _flag_features(f)
    if f.age is not None and f.age > 50:
        feats["age_over_50"] = (f"age {f.age}", "history")
    if f.sex == "female":
        feats["female"] = ("female", "history")
    stocking = sd.stocking(stocking_min)
    if stocking and other.stocking(stocking_min):
        feats["stocking_bilateral"] = ("symptoms encircle both feet (stocking pattern)", "")
    elif stocking:
        feats["stocking_unilateral"] = ("symptoms encircle the foot", "")
    if "achilles" in sd.reflex_abnormal and "achilles" in other.reflex_abnormal:
        feats["both_achilles_abnormal"] = ("both ankle reflexes reduced or absent", "")
    overlap = float(loc["symmetric_overlap"])
    numb, numb_other = sd.sensory_zones, other.sensory_zones
    same_weak = bool(sd.weak) and set(sd.weak) == set(other.weak)
    same_numb = (
        len(numb) >= 2 and len(numb & numb_other) / max(1, len(numb | numb_other)) >= overlap
    )
    if same_weak or same_numb:
        feats["symmetric"] = ("the same pattern in both legs", "")
    abnormal = bool(sd.symptoms or sd.weak or sd.reflex_abnormal)
    other_abnormal = bool(other.symptoms or other.weak or other.reflex_abnormal)
    if abnormal and not other_abnormal:
        feats["one_sided"] = ("only one leg is affected", "")
    leg_pain = sd.pain_zones - BACK_ZONES
    if (sd.weak or sd.sensory_zones) and not leg_pain:
        feats["no_leg_pain"] = ("no pain drawn on this leg", "")
    if len(sd.weak) >= 2 and not _one_root_weakens(kb, frozenset(sd.weak)):
        feats["multi_root_weakness"] = ("weak muscles of more than one root", "")
    score = getattr(f, "pain_score", None)  # contract 7.1 pain_score (0-10)
    if isinstance(score, int | float) and score >= float(loc["severe_pain_score"]) and leg_pain:
        feats["severe_pain"] = (f"severe leg pain ({score:g}/10)", "")
    if sd.all_zones and sd.all_zones <= THIGH_ZONES:
        feats["only_thigh"] = ("symptoms only in the thigh", "")
    if sd.symptoms and (sd.motor or sd.reflexes) and not (sd.weak or sd.reflex_abnormal):
        # a normal examination explains symptoms; on a symptom-free side it explains nothing
        feats["normal_neuro_exam"] = ("strength and reflexes normal", "")
    if "thigh_lateral" in sd.zones_by_kind["burning"]:
        feats["burning_thigh_lateral"] = ("burning on the outer thigh", "")
    if any(s.zone == "sacrum" for s in f.symptoms):
        feats["sacrum_pain"] = ("symptoms over the sacrum", "")
    return feats


@per_knowledge_base
def _one_root_memo(kb: KnowledgeBase) -> dict[frozenset[str], bool]:
    return {}


def _one_root_weakens(kb: KnowledgeBase, weak: frozenset[str]) -> bool:
    """Some modelled root supplies every movement of ``weak`` (kept per knowledge base)."""
    memo = _one_root_memo(kb)
    known = memo.get(weak)
    if known is None:
        known = memo[weak] = any(
            all(kb.roots[r].muscles.get(m, 0.0) >= 0.5 for m in weak) for r in vocab.MODELLED_ROOTS
        )
    return known


def _feature_evidence(
    feats: Mapping[str, tuple[str, str]], table: Mapping[str, Any], side: str
) -> list[tuple[str, float, str, dict[str, Any]]]:
    out = []
    for name, (label, kind) in feats.items():
        if name not in table:
            continue
        fields: dict[str, Any] = {}
        if kind == "history":
            flag = name[3:] if name.startswith("no_") and name[3:] in vocab.FLAGS else name
            if flag in vocab.FLAGS:
                fields = {"ids": (flag,), "status": "no" if flag != name else "yes"}
            else:
                fields = {"rule": name}
        else:
            kind = FEATURE_KINDS.get(name, "sensory")
            fields = {"rule": name}
        out.append((label, float(table[name]), kind, fields))
    return out


# ------------------------------------------------------------------ evidence
@per_knowledge_base
def _cap_temper(kb: KnowledgeBase) -> tuple[float, float]:
    """model.toml [cap] max_abs and [combine] temper, read once per knowledge base."""
    return (float(kb.model["cap"]["max_abs"]), float(kb.model["combine"]["temper"]))


class _Adder:
    """Collects capped, tempered evidence items like the root model does."""

    __slots__ = ("cap", "items", "side", "temper")

    def __init__(self, kb: KnowledgeBase, side: str) -> None:
        self.cap, self.temper = _cap_temper(kb)
        self.side = side
        self.items: list[Evidence] = []

    def __call__(self, label: str, weight: float, kind: str, **fields: Any) -> None:
        weight = max(-self.cap, min(self.cap, weight)) * self.temper
        if abs(weight) >= 0.005:
            self.items.append(Evidence(label, weight, kind, side=self.side, **fields))


UNSET: Any = object()
"""Not yet in an :class:`ItemMemo` (``None`` there is an answer: the item was negligible)."""


class ItemMemo:
    """The items of single findings for one candidate and side, built once.

    A symptom's, movement's, reflex's or test's item depends on that finding alone (a
    symptom's also on how many of its kind the side has), and items are immutable: the
    roots (inference._root_evidence) and the look-alikes (:func:`_site_entries`) keep each
    one under a key of everything it reads. ``None`` is kept for a negligible item. The
    vocabulary is finite but angles and counts are not: past ``limit`` keys the memo starts
    afresh."""

    __slots__ = ("cap", "items", "limit", "temper")

    def __init__(self, cap: float, temper: float, limit: int = 50_000) -> None:
        self.cap, self.temper, self.limit = cap, temper, limit
        self.items: dict[tuple[object, ...], Evidence | None] = {}

    def remember(
        self,
        key: tuple[object, ...],
        label: str,
        raw: float,
        kind: str,
        side: str,
        ids: tuple[str, ...],
        grade: int | None = None,
        status: str = "",
        angle: float | None = None,
    ) -> Evidence | None:
        """The item of log-LR ``raw`` (capped and tempered as :class:`_Adder` does;
        ``None`` when negligible), kept under ``key``."""
        weight = max(-self.cap, min(self.cap, raw)) * self.temper
        item = (
            Evidence(label, weight, kind, ids, grade, status, side, angle)
            if abs(weight) >= 0.005
            else None
        )
        if len(self.items) >= self.limit:
            self.items.clear()
        self.items[key] = item
        return item

    def symptom_items(
        self, owner: str, sd: SideFacts, damping_zones: float, raw_of: Callable[[Symptom], float]
    ) -> list[Evidence]:
        """The items of a side's symptoms for one candidate (``owner``): ``raw_of`` gives
        a symptom's log-LR, and many zones of one kind count less each (model.toml
        [sensory] damping_zones: times sqrt(damping_zones / n) past that many) — the one
        home of that rule for roots and look-alikes."""
        counts: dict[str, int] = defaultdict(int)
        for s in sd.symptoms:
            counts[s.kind] += 1
        side = sd.side
        out = []
        for s in sd.symptoms:
            n = counts[s.kind]
            key = (owner, side, s.kind, s.zone, n if n > damping_zones else 0)
            item = self.items.get(key, UNSET)
            if item is UNSET:
                raw = raw_of(s)
                if n > damping_zones:
                    raw *= math.sqrt(damping_zones / n)
                label = f"{s.kind}: {s.zone}"
                item = self.remember(key, label, raw, "sensory", side, (s.kind, s.zone))
            if item is not None:
                out.append(item)
        return out


class _SiteModel:
    """model.toml's numbers that :func:`site_evidence` reads, as floats, read once per
    knowledge base (:func:`_site_model`); the same values, the same arithmetic."""

    def __init__(self, kb: KnowledgeBase) -> None:
        m = kb.model
        loc = m["localization"]
        self.silent_side = float(m["prior"]["silent_side"])
        sens = m["sensory"]
        self.damping_zones = float(sens["damping_zones"])
        self.kind_weight = {k: float(v) for k, v in sens["kind_weight"].items()}
        self.in_territory = float(sens["in_territory"])
        self.sens_outside = float(sens["outside"])
        mot = m["motor"]
        self.nonneural_weak = float(loc["nonneural_weak"])
        self.nerve_weak_outside = float(loc["nerve_weak_outside"])
        self.weak_outside = float(mot["weak_outside"])
        self.grade_factor = [float(v) for v in mot["grade_factor"]]
        self.weak_in_territory = float(mot["weak_in_territory"])
        self.motor_normal = float(mot["normal"])
        rx = m["reflex"]
        self.nonneural_reflex = float(loc["nonneural_reflex"])
        self.nerve_reflex_outside = float(loc["nerve_reflex_outside"])
        self.reflex_outside = float(rx["outside"])
        self.status_factor = {k: float(v) for k, v in rx["status_factor"].items()}
        self.gain = {k: float(v) for k, v in rx["gain"].items()}
        self.brisk = float(rx["brisk"])
        self.reflex_normal = float(rx["normal"])
        self.default_tests: Mapping[str, Any] = loc["default_tests"]
        self.entry_items = ItemMemo(float(m["cap"]["max_abs"]), float(m["combine"]["temper"]))


_site_model = per_knowledge_base(_SiteModel)


def site_evidence(
    site: Site,
    sd: SideFacts,
    other: SideFacts,
    f: Findings,
    kb: KnowledgeBase,
    parts: str = "all",
) -> list[Evidence]:
    """A look-alike's evidence on one side (log-LRs against ``none``, prior left out).
    ``parts``: ``all``, ``entries`` (items of single findings) or ``rules`` (the silent
    side and the named features), as for the roots (inference._root_evidence)."""
    add = _Adder(kb, sd.side)
    if parts == "flags":  # the items a history flag sets (localization.next_test)
        for label, value, kind, fields in _feature_evidence(
            _flag_features(f), site.evidence, sd.side
        ):
            add(label, value, kind, **fields)
        return add.items
    rules = parts != "entries"
    m = _site_model(kb)
    if rules and sd.silent:
        add(
            "no symptoms or abnormal signs on this side",
            -m.silent_side,
            "prior",
            rule="silent_side",
        )
    if parts != "rules":
        _site_entries(site, sd, m, add)
    if not rules:
        return add.items
    for label, value, kind, fields in _feature_evidence(
        _features(f, sd, other, kb), site.evidence, sd.side
    ):
        add(label, value, kind, **fields)
    return add.items


def _site_entries(site: Site, sd: SideFacts, m: _SiteModel, add: _Adder) -> None:
    """The items of a side's single findings (symptoms, movements, reflexes, tests), each
    built once per look-alike and side (:class:`ItemMemo`)."""
    memo = m.entry_items
    side = sd.side
    out = add.items

    def raw_of(s: Symptom) -> float:
        territory = site.sensory if s.kind in SENSORY_KINDS else site.pain
        w = territory.get(s.zone, 0.0)
        return m.kind_weight[s.kind] * (m.in_territory * w - m.sens_outside)

    out.extend(memo.symptom_items(site.id, sd, m.damping_zones, raw_of))
    if not site.neural:
        outside = m.nonneural_weak
    elif site.focal:
        outside = m.nerve_weak_outside
    else:
        outside = m.weak_outside
    for mo in sd.motor:
        key: tuple[object, ...] = (site.id, side, "motor", mo.movement, mo.grade)
        item = memo.items.get(key, UNSET)
        if item is UNSET:
            w = site.muscles.get(mo.movement, 0.0)
            if mo.grade < 5:
                gf = m.grade_factor[mo.grade]
                raw = gf * (m.weak_in_territory * w - outside * (1.0 - w))
            else:
                raw = -m.motor_normal * w
            label = f"{mo.movement} {mo.grade}/5"
            item = memo.remember(key, label, raw, "motor", side, (mo.movement,), mo.grade)
        if item is not None:
            out.append(item)
    for r in sd.reflexes:
        key = (site.id, side, "reflex", r.reflex, r.status)
        item = memo.items.get(key, UNSET)
        if item is UNSET:
            w = site.reflexes.get(r.reflex, 0.0)
            if r.status in ("reduced", "absent"):
                if not site.neural:
                    miss = m.nonneural_reflex
                elif w == 0.0:
                    miss = m.nerve_reflex_outside
                else:
                    miss = m.reflex_outside
                raw = m.status_factor[r.status] * (m.gain[r.reflex] * w - miss)
            elif r.status == "brisk":
                raw = -m.brisk
            else:
                raw = -m.reflex_normal * w
            label = f"{r.reflex} reflex {r.status}"
            item = memo.remember(key, label, raw, "reflex", side, (r.reflex,), status=r.status)
        if item is not None:
            out.append(item)
    defaults = m.default_tests
    for t in sd.tests:
        key = (site.id, side, "test", t.test, t.result, t.angle)
        item = memo.items.get(key, UNSET)
        if item is UNSET:
            tkey = f"{t.test}_{t.result}"
            value = site.evidence.get(tkey, defaults.get(tkey))
            if value is None:
                item = memo.remember(key, "", 0.0, "test", side, ())
            else:
                label = f"{t.test} {t.result}" + (f" ({t.angle:g}°)" if t.angle is not None else "")
                item = memo.remember(
                    key, label, float(value), "test", side, (t.test,), None, t.result, t.angle
                )
        if item is not None:
            out.append(item)


def _capped(kb: KnowledgeBase, weights: Sequence[float]) -> list[float]:
    """The weights :class:`_Adder` would keep of ``weights`` (capped, tempered, the
    negligible dropped), in order: the items' weights without building the items."""
    cap, temper = _cap_temper(kb)
    out = []
    for weight in weights:
        weight = max(-cap, min(cap, weight)) * temper
        if abs(weight) >= 0.005:
            out.append(weight)
    return out


def _site_rule_weights(
    site: Site, sd: SideFacts, other: SideFacts, f: Findings, kb: KnowledgeBase
) -> list[float]:
    """The weights of ``site_evidence(..., parts="rules")``, in order (next_test's hot path)."""
    raw = [-_site_model(kb).silent_side] if sd.silent else []
    table = site.evidence
    raw.extend(float(table[name]) for name in _features(f, sd, other, kb) if name in table)
    return _capped(kb, raw)


_SparingRule = tuple[Mapping[str, float], str, frozenset[str]]


@per_knowledge_base
def _root_extra_tables(
    kb: KnowledgeBase,
) -> tuple[Mapping[str, Any], bool, tuple[_SparingRule, ...]]:
    """[localization] root_evidence, whether it names a pattern feature (not only flags),
    and the sparing rules as (against: root -> weight, spared movement, weak movements);
    read once per knowledge base."""
    loc = kb.model["localization"]
    table = loc["root_evidence"]
    sparing = tuple(
        (
            {r: float(w) for r, w in rule["against"].items()},
            str(rule["spared"]),
            frozenset(rule["weak"]),
        )
        for rule in loc["sparing"]
    )
    return table, bool(table.keys() & FEATURE_KINDS.keys()), sparing


def root_extra_evidence(
    root_id: str,
    sd: SideFacts,
    other: SideFacts,
    f: Findings,
    kb: KnowledgeBase,
    parts: str = "all",
) -> list[Evidence]:
    """The roots' share of the look-alike findings: history ([localization] root_evidence)
    and sparing rules beyond the foot-drop rule of [motor]. ``parts="flags"``: only the
    items a history flag sets."""
    table, patterns, sparing = _root_extra_tables(kb)
    add = _Adder(kb, sd.side)
    if sd.active:
        # only flags in the table (the usual case): the side's patterns need not be computed
        flags_only = parts == "flags" or not patterns
        feats = _flag_features(f) if flags_only else _features(f, sd, other, kb)
        for label, value, kind, fields in _feature_evidence(feats, table, sd.side):
            add(label, value, kind, **fields)
    if parts == "flags":
        return add.items
    for against, spared, rule_weak in sparing:
        if root_id in against and spared in sd.strong:
            weak = sorted(sd.weak.keys() & rule_weak)
            if not weak:
                continue
            add(
                f"{spared} 5/5 (spared) with {', '.join(weak)} weak",
                -against[root_id],
                "motor",
                ids=(spared,),
                grade=5,
                rule="spared",
            )
    return add.items


def _root_extra_weights(
    root_id: str, sd: SideFacts, other: SideFacts, f: Findings, kb: KnowledgeBase
) -> list[float]:
    """The weights of ``root_extra_evidence(..., parts="rules")``, in order."""
    table, patterns, sparing = _root_extra_tables(kb)
    raw: list[float] = []
    if sd.active:
        feats = _features(f, sd, other, kb) if patterns else _flag_features(f)
        raw.extend(float(table[name]) for name in feats if name in table)
    for against, spared, rule_weak in sparing:
        if root_id in against and spared in sd.strong and sd.weak.keys() & rule_weak:
            raw.append(-against[root_id])
    return _capped(kb, raw)


# ------------------------------------------------------------------ the model
def _prior_item(kb: KnowledgeBase, cid: str, side: str) -> Evidence:
    """A candidate's prior item (immutable: built once per knowledge base, candidate, side)."""
    memo = _prior_items(kb)
    item = memo.get((cid, side))
    if item is None:
        item = memo[(cid, side)] = _make_prior_item(kb, cid, side, _priors(kb))
    return item


@per_knowledge_base
def _prior_items(kb: KnowledgeBase) -> dict[tuple[str, str], Evidence]:
    return {}


def _make_prior_item(kb: KnowledgeBase, cid: str, side: str, pri: Mapping[str, float]) -> Evidence:
    what = cid if cid in kb.roots else kb.differentials[cid].name
    return Evidence(
        f"prior: {what} ({pri[cid]:.1%} of sides with leg findings)",
        math.log(pri[cid] / pri["none"]),
        "prior",
        ids=(cid,),
        side=side,
        rule="prior",
    )


def _candidate_evidence(
    cid: str,
    f: Findings,
    sd: S,
    other: S,
    kb: KnowledgeBase,
    root_evidence: RootEvidence[S],
    parts: str = "all",
) -> list[Evidence]:
    """Non-prior evidence of one candidate (roots: their own items, prior item dropped);
    ``parts``: ``all``, ``entries`` (items of single findings), ``rules`` (the rest) or
    ``flags`` (the part of the rules a history flag sets)."""
    if cid in kb.roots:
        own = [e for e in root_evidence(cid, sd, other, f, parts) if e.rule != "prior"]
        if parts == "entries":
            return own
        return own + root_extra_evidence(cid, sd, other, f, kb, parts)
    return site_evidence(sites(kb)[cid], sd, other, f, kb, parts)


def _by_size(e: Evidence) -> float:
    return -abs(e.weight)


def _ordered(ev: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """Non-prior items first, each part by size (largest first, stable): the order of
    ``sorted(ev, key=(kind == "prior", -abs(weight)))``, without a tuple per item."""
    rest = [e for e in ev if e.kind != "prior"]
    rest.sort(key=_by_size)
    prior = [e for e in ev if e.kind == "prior"]
    if len(prior) > 1:
        prior.sort(key=_by_size)
    return (*rest, *prior)


@dataclass(frozen=True)
class _SideOutcome:
    """What :func:`localize` concludes for one side."""

    candidates: tuple[LocalizationCandidate, ...]
    roots: tuple[RootCandidate, ...]
    no_root: float
    next_test: NextTest | None
    quiet: bool


_SIDE_MEMO: dict[tuple[object, ...], tuple[KnowledgeBase, _SideOutcome]] = {}
_SIDE_MEMO_MAX = 16


def _side_key(
    f: Findings, side: str, sd: SideFacts, other: SideFacts, kb: KnowledgeBase
) -> tuple[object, ...]:
    """Everything one side's localization reads: its own findings, the few facts of the
    other side that features and rules read (``_compute_features``, the roots' stocking
    rule), the whole-case facts (age, sex, pain score, flags, a sacral symptom) and the
    knowledge base. Keep it in step with those readers; tests/reasoning/
    test_localization.py compares memoised results with fresh ones."""
    stocking_min = int(kb.model["nondermatomal"]["stocking_min_zones"])
    return (
        id(kb),  # the memo's entry holds the outcome, whose evidence came from this kb
        side,
        tuple(sd.symptoms),
        tuple(sd.motor),
        tuple(sd.reflexes),
        tuple(sd.tests),
        other.stocking(stocking_min),
        frozenset(other.reflex_abnormal),
        frozenset(other.sensory_zones),
        frozenset(other.weak),
        bool(other.symptoms or other.weak or other.reflex_abnormal),
        f.age,
        f.sex,
        getattr(f, "pain_score", None),
        tuple(sorted(f.flags.items())),
        any(s.zone == "sacrum" for s in f.symptoms),
    )


def localize(
    f: Findings,
    kb: KnowledgeBase,
    make_side: MakeSide[S],
    root_evidence: RootEvidence[S],
    root_rule_weights: RootRuleWeights[S] | None = None,
    *,
    memo: bool = False,
) -> Localization:
    """Per side with findings: the localization, the roots' distribution, the listed
    look-alikes and the finding to test next.

    ``memo`` (for :func:`radviz.reasoning.inference.infer`, whose evidence functions are
    fixed by the knowledge base): a side whose inputs (:func:`_side_key`) are those of a
    recent call gets that call's outcome. A click changes one side; the other is kept."""
    sides = {side: make_side(f, side) for side in vocab.SIDES}
    cands: list[LocalizationCandidate] = []
    roots: list[RootCandidate] = []
    no_root: dict[str, float] = {}
    nexts: list[NextTest] = []
    quiet: list[str] = []
    for side, sd in sides.items():
        if not sd.active:
            continue
        other = sides[vocab.other_side(side)]
        key = _side_key(f, side, sd, other, kb) if memo else None
        hit = _SIDE_MEMO.get(key) if key is not None else None
        if hit is not None and hit[0] is kb:  # the kb is held, so its id is not reused
            out = hit[1]
        else:
            out = _localize_side(
                f, side, sd, other, kb, make_side, root_evidence, root_rule_weights
            )
            if key is not None:
                if len(_SIDE_MEMO) >= _SIDE_MEMO_MAX:
                    _SIDE_MEMO.clear()
                _SIDE_MEMO[key] = (kb, out)
        if out.quiet:
            quiet.append(side)
        cands.extend(out.candidates)
        roots.extend(out.roots)
        no_root[side] = out.no_root
        if out.next_test is not None:
            nexts.append(out.next_test)
    roots.sort(key=lambda r: (-r.probability, r.side, r.root))
    cands.sort(key=lambda c: (vocab.SIDES.index(c.side), -c.probability, c.id))
    return Localization(
        candidates=tuple(cands),
        roots=tuple(roots),
        no_root=no_root,
        differentials=tuple(_differentials(cands, kb)),
        next_tests=tuple(nexts),
        quiet_sides=tuple(quiet),
    )


def _localize_side(
    f: Findings,
    side: str,
    sd: S,
    other: S,
    kb: KnowledgeBase,
    make_side: MakeSide[S],
    root_evidence: RootEvidence[S],
    root_rule_weights: RootRuleWeights[S] | None,
) -> _SideOutcome:
    """One active side: its candidates, its roots' distribution, the test to do next."""
    pri = _priors(kb)
    shrink = float(kb.model["combine"]["shrink"])
    names = [*vocab.MODELLED_ROOTS, *vocab.DIFFERENTIALS]
    quiet = not has_complaint(sd)
    full = {r: root_evidence(r, sd, other, f, "all") for r in vocab.MODELLED_ROOTS}
    own = {
        c: (
            [e for e in full[c] if e.rule != "prior"] + root_extra_evidence(c, sd, other, f, kb)
            if c in full
            else site_evidence(sites(kb)[c], sd, other, f, kb)
        )
        for c in names
    }
    score = {c: math.log(pri[c] / pri["none"]) + sum(e.weight for e in own[c]) for c in names}
    top = max(0.0, *score.values())
    z = math.exp(-top) + sum(math.exp(v - top) for v in score.values())
    raw = {c: math.exp(score[c] - top) / z for c in names}
    raw["none"] = math.exp(-top) / z
    prob = {c: (1 - shrink) * raw[c] + shrink * pri[c] for c in raw}
    side_cands = [
        LocalizationCandidate(
            id=c,
            kind="root" if c in kb.roots else "mimic",
            side=side,
            probability=prob[c],
            evidence=_ordered([_prior_item(kb, c, side), *own[c]]),
        )
        for c in names
    ]
    side_cands.append(LocalizationCandidate("none", "none", side, prob["none"]))
    side_cands.sort(key=lambda c: (-c.probability, c.id))
    # The roots' own distribution: the same probabilities; evidence against "no root".
    mimic_mass = sum(raw[c] for c in vocab.DIFFERENTIALS) + raw["none"]
    leader = max(vocab.DIFFERENTIALS, key=lambda c: raw[c])
    roots: list[RootCandidate] = []
    for rid in vocab.MODELLED_ROOTS:
        today = [e for e in full[rid] if e.rule == "prior"]
        items = [*today, *own[rid]]
        odds = math.log(raw[rid] / mimic_mass)
        weight = odds - sum(e.weight for e in items)
        name = kb.differentials[leader].name
        items.append(
            Evidence(
                f"weighed against the look-alikes and 'none' (closest: {name}, {prob[leader]:.0%})",
                weight,
                "mimic",
                ids=(leader,),
                side=side,
                rule="lookalikes",
            )
        )
        roots.append(RootCandidate(rid, side, prob[rid], _ordered(items)))
    ranked = [c for c in side_cands if c.kind != "none"]
    nt = None
    if len(ranked) >= 2 and not quiet:
        nt = next_test(
            f, side, ranked[0].id, ranked[1].id, kb, make_side, root_evidence, root_rule_weights
        )
    return _SideOutcome(
        candidates=tuple(side_cands),
        roots=tuple(roots),
        no_root=1.0 - sum(prob[r] for r in vocab.MODELLED_ROOTS),
        next_test=nt,
        quiet=quiet,
    )


# -------------------------------------------------------------- differentials
def _differentials(cands: Sequence[LocalizationCandidate], kb: KnowledgeBase) -> list[Differential]:
    """Look-alikes whose best side reaches ``list_min`` with a finding of their own."""
    floor = float(kb.model["localization"]["list_min"])
    best: dict[str, LocalizationCandidate] = {}
    for c in cands:
        if c.kind == "mimic" and (c.id not in best or c.probability > best[c.id].probability):
            best[c.id] = c
    out = []
    for did, c in best.items():
        specific = [
            e
            for e in c.evidence
            if e.kind != "prior" and e.weight >= 0.2 and e.rule not in GENERIC_FEATURES
        ]
        if c.probability < floor or not specific:
            continue
        out.append(Differential(did, c.probability, _why(c, cands, kb)))
    out.sort(key=lambda d: (-d.score, d.id))
    return out


def _key(e: Evidence) -> tuple[str, tuple[str, ...], str]:
    return (e.kind, e.ids, e.rule)


def _why(
    c: LocalizationCandidate, cands: Sequence[LocalizationCandidate], kb: KnowledgeBase
) -> str:
    items = [e for e in c.evidence if e.kind != "prior"]
    pro = sorted((e for e in items if e.weight > 0), key=lambda e: -e.weight)[:4]
    con = sorted((e for e in items if e.weight < 0), key=lambda e: e.weight)[:2]
    parts = []
    from radviz.reasoning import wording  # wording reads the knowledge base lazily

    if pro:
        parts.append("For: " + "; ".join(wording.evidence_text(e, "clinician") for e in pro))
    if con:
        parts.append("Against: " + "; ".join(wording.evidence_text(e, "clinician") for e in con))
    root = next((r for r in cands if r.side == c.side and r.kind == "root"), None)
    if root is not None:
        mine = {_key(e): e.weight for e in c.evidence}
        contrast = sorted(
            (
                (mine.get(_key(e), 0.0) - e.weight, e)
                for e in root.evidence
                if e.kind != "prior" and e.weight < 0
            ),
            key=lambda t: -t[0],
        )
        sep = [e.finding for d, e in contrast if d >= 0.3][:2]
        if sep:
            parts.append(f"Unlike {root.id}: " + "; ".join(sep))
    why = ". ".join(parts)
    return f"Patient's {c.side}: {why}." if why else f"Patient's {c.side}."


# ----------------------------------------------------------------- next test
def _flags_that_matter(kb: KnowledgeBase, *cids: str) -> tuple[str, ...]:
    """History flags that any of ``cids`` weighs (its evidence table, or the roots')."""
    names: set[str] = set()
    if all(cid in kb.roots for cid in cids):
        # The roots' history weights are the same for every root, but [history]'s.
        return tuple(f for f in ("worse_cough_sneeze", "worse_sitting") if f in vocab.FLAGS)
    for cid in cids:
        if cid in kb.roots:
            names |= set(kb.model["localization"]["root_evidence"])
            names |= {"worse_cough_sneeze", "worse_sitting"}  # model.toml [history]
        elif cid in kb.differentials:
            names |= set(sites(kb)[cid].evidence)
    bare = {n[3:] if n.startswith("no_") else n for n in names}
    return tuple(flag for flag in vocab.HISTORY_FLAGS if flag in bare)


def _spared_movements(kb: KnowledgeBase) -> frozenset[str]:
    """Movements whose full strength a sparing rule reads (model.toml [motor]
    spared_with_foot_drop, [localization] sparing)."""
    return frozenset(kb.model["motor"]["spared_with_foot_drop"]) | {
        str(rule["spared"]) for rule in kb.model["localization"]["sparing"]
    }


@per_knowledge_base
def _entry_cache(kb: KnowledgeBase) -> dict[tuple[object, ...], float]:
    """Per knowledge base: (candidate, exam entry or flag answer, ...) -> its own log-LR
    sum (a few thousand keys at most: the vocabulary is finite)."""
    return {}


Outcome = Motor | Reflex | Test | tuple[str, bool]
"""One outcome of a probe: an exam entry of the side, or (history flag, answer)."""


def probes(
    f: Findings, side: str, flags: tuple[str, ...] = vocab.HISTORY_FLAGS
) -> list[tuple[str, str, Outcome, Outcome]]:
    """Each unrecorded finding of ``side``: (kind, id, abnormal outcome, normal outcome), in
    vocabulary order (movements, reflexes, tests, then ``flags`` not yet asked)."""
    out: list[tuple[str, str, Outcome, Outcome]] = []
    have_m = {m.movement for m in f.motor if m.side == side}
    have_r = {r.reflex for r in f.reflexes if r.side == side}
    have_t = {t.test for t in f.tests if t.side == side}
    for probe in _exam_probes(side):
        kind, pid = probe[0], probe[1]
        have = have_m if kind == "movement" else have_r if kind == "reflex" else have_t
        if pid not in have:
            out.append(probe)
    for flag in flags:
        if f.flag(flag) is None:
            out.append(("flag", flag, (flag, True), (flag, False)))
    return out


_EXAM_PROBES: dict[str, tuple[tuple[str, str, Outcome, Outcome], ...]] = {}


def _exam_probes(side: str) -> tuple[tuple[str, str, Outcome, Outcome], ...]:
    """Every exam probe of ``side`` in vocabulary order (movements, reflexes, tests); the
    outcomes are immutable, so they are built once per side."""
    cached = _EXAM_PROBES.get(side)
    if cached is None:
        cached = _EXAM_PROBES[side] = (
            *(("movement", mv, Motor(mv, side, 4), Motor(mv, side, 5)) for mv in vocab.MOVEMENTS),
            *(
                ("reflex", rx, Reflex(rx, side, "reduced"), Reflex(rx, side, "normal"))
                for rx in vocab.REFLEXES
            ),
            *(
                ("test", t, Test(t, side, "positive"), Test(t, side, "negative"))
                for t in vocab.TESTS
            ),
        )
    return cached


def with_outcome(f: Findings, outcome: Outcome) -> Findings:
    """``f`` with one probe outcome recorded (the slow, whole-case way; tests use it)."""
    if isinstance(outcome, Motor):
        return replace(f, motor=(*f.motor, outcome))
    if isinstance(outcome, Reflex):
        return replace(f, reflexes=(*f.reflexes, outcome))
    if isinstance(outcome, Test):
        return replace(f, tests=(*f.tests, outcome))
    flag, value = outcome
    return replace(f, flags={**f.flags, flag: value})


def best_probe(
    scored: Sequence[tuple[str, str, float, float]], side: str, first: str, second: str
) -> NextTest | None:
    """The probe whose outcomes' gaps (log odds of ``first`` against ``second``) lie
    furthest apart; ties: the earlier probe. ``scored``: (kind, id, abnormal gap, normal
    gap) in probe order."""
    best: NextTest | None = None
    for kind, pid, ga, gn in scored:
        sep = abs(ga - gn)
        if sep > 0.05 and (best is None or sep > best.separation + 1e-9):
            best = NextTest(side, kind, pid, first, second, first if ga > gn else second, sep)
    return best


def next_test(
    f: Findings,
    side: str,
    first: str,
    second: str,
    kb: KnowledgeBase,
    make_side: MakeSide[S],
    root_evidence: RootEvidence[S],
    root_rule_weights: RootRuleWeights[S] | None = None,
) -> NextTest | None:
    """The unrecorded finding whose two outcomes move the log odds of ``first`` against
    ``second`` furthest apart (ties: vocabulary order), or ``None`` if none moves them.

    Evidence is additive: an outcome changes a candidate's log odds by its own items (the
    entry alone: ``parts="entries"``) plus the change in the items that read the whole
    side (silent side, sparing, patterns, history: ``parts="rules"``); the items of the
    findings already recorded do not change. So every probe is scored exactly, as if the
    whole case were re-run with it (tests/reasoning/test_localization.py keeps that slow
    way as the oracle), at the cost of the rules only."""
    sd = make_side(f, side)
    other = make_side(f, vocab.other_side(side))  # a probe adds to ``side`` only
    pair = ((first, 1.0), (second, -1.0))
    all_sites = sites(kb)
    site_of = {cid: all_sites[cid] for cid, _ in pair if cid not in kb.roots}

    def weights(cid: str, g: Findings, s: S) -> list[float]:
        """The weights of ``_candidate_evidence(cid, g, s, ..., "rules")``, in order."""
        if cid in site_of:
            return _site_rule_weights(site_of[cid], s, other, g, kb)
        if root_rule_weights is None:
            ev = _candidate_evidence(cid, g, s, other, kb, root_evidence, "rules")
            return [e.weight for e in ev]
        return root_rule_weights(cid, s, other, g) + _root_extra_weights(cid, s, other, g, kb)

    def gap(g: Findings, s: S) -> float:
        return sum(sign * w for cid, sign in pair for w in weights(cid, g, s))

    spared = _spared_movements(kb)
    base = gap(f, sd)
    rules: dict[tuple[object, ...], float] = {sd.rule_key(spared): base}
    entries = _entry_cache(kb)

    def delta(outcome: Outcome) -> float:
        if isinstance(outcome, tuple):
            # A flag sets only its own items, one per flag (its feature, a root's history
            # line, which reads whether the side has symptoms): the flag alone gives them.
            own = 0.0
            for cid, sign in pair:
                fkey = (cid, outcome, bool(sd.symptoms), sd.active)
                if fkey not in entries:
                    alone = Findings(flags=dict([outcome]))
                    ev = _candidate_evidence(cid, alone, sd, other, kb, root_evidence, "flags")
                    entries[fkey] = sum(e.weight for e in ev)
                own += sign * entries[fkey]
            return own
        key = sd.plus_key(outcome, spared)
        if key not in rules:
            rules[key] = gap(f, sd.plus(outcome))
        pkey = (first, second, outcome)  # the pair's sum, kept too: one look-up per probe
        kept = entries.get(pkey)
        if kept is None:
            kept = 0.0
            for cid, sign in pair:  # an entry's own items depend on the entry alone
                ekey = (cid, outcome)
                if ekey not in entries:
                    ev = _candidate_evidence(
                        cid, f, sd.only(outcome), other, kb, root_evidence, "entries"
                    )
                    entries[ekey] = sum(e.weight for e in ev)
                kept += sign * entries[ekey]
            entries[pkey] = kept
        return rules[key] - base + kept

    scored = [
        (kind, pid, delta(abnormal), delta(normal))
        for kind, pid, abnormal, normal in probes(f, side, _flags_that_matter(kb, first, second))
    ]
    return best_probe(scored, side, first, second)


# --------------------------------------------------------------------- words
def candidate_name(kb: KnowledgeBase, cid: str, audience: str = "clinician") -> str:
    """``L5 root`` / ``Common peroneal (fibular) nerve palsy`` / ``none`` for clinicians;
    :func:`plain_name` for patients."""
    if audience == "patient":
        return plain_name(kb, cid)
    if cid in kb.roots:
        return f"{cid} root"
    if cid in kb.differentials:
        return kb.differentials[cid].name
    return "none of the listed sites"


_ABNORMAL = {
    "movement": ("weakness", "full strength"),
    "reflex": ("a reduced reflex", "a normal reflex"),
    "test": ("a positive test", "a negative test"),
    "flag": ("a yes", "a no"),
}


def finding_words(kind: str, fid: str, audience: str = "clinician") -> str:
    """The finding a :class:`NextTest` names, in words (``labels.toml`` via wording)."""
    from radviz.reasoning import wording as w  # wording loads the labels lazily

    if kind == "movement":
        if audience == "patient":
            return f"strength when {w.label('movements', fid, 'patient')}"
        return w.movement_label(fid, "clinician")
    if kind == "reflex":
        return f"the {w.label('reflexes', fid, audience)}"
    if kind == "test":
        return w.label("tests", fid, audience)
    return f"asking about {w.label('flags', fid, audience)}"


def next_test_text(kb: KnowledgeBase, nt: NextTest, audience: str = "clinician") -> str:
    """``To tell L5 root from common peroneal ..., test ankle inversion (tibialis
    posterior): weakness favours L5 root, full strength common peroneal ...``."""
    abnormal, normal = _ABNORMAL[nt.kind]
    favoured = nt.abnormal_favours
    other = nt.second if favoured == nt.first else nt.first
    what = finding_words(nt.kind, nt.id, audience)
    first, second = candidate_name(kb, nt.first, audience), candidate_name(kb, nt.second, audience)
    fav, oth = candidate_name(kb, favoured, audience), candidate_name(kb, other, audience)
    if audience == "patient":
        return (
            f"A check that would help tell {first} from {second}: {what}. "
            f"{abnormal[:1].upper() + abnormal[1:]} would point to {fav}; {normal} to {oth}."
        )
    return f"Next test: {what}: {abnormal} favours {fav}, {normal} favours {oth}."


def report_lines(result: Any, audience: str = "clinician") -> list[str]:
    """The localization part of the text report: per side, the leading explanation in plain
    words, (for clinicians) the ranking, and the finding to test next."""
    from radviz.knowledge.loader import load_kb
    from radviz.reasoning import wording as w

    kb = load_kb()
    out: list[str] = []
    for side in vocab.SIDES:
        ranked = result.localization_for(side)
        if not ranked:
            continue
        nt = next((t for t in result.next_tests if t.side == side), None)
        quiet = side in result.quiet_sides
        if audience == "patient":
            out.append(f"  {w.cap(w.side_words(side))}: {headline(kb, ranked, quiet=quiet)}")
            if nt is not None:
                out.append(f"  {next_test_text(kb, nt, 'patient')}")
            continue
        out.append(f"Where along the nerve, patient's {side}: {headline(kb, ranked, quiet=quiet)}")
        for c in ranked:
            if c.probability >= 0.02:
                bar = "#" * round(c.probability * 30)
                name = candidate_name(kb, c.id)
                out.append(f"  {name:<40} {w.pct(c.probability):>5} {bar}")
        if nt is not None:
            out.append(f"  {next_test_text(kb, nt)}")
        out.append("")
    return out
