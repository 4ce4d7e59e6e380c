"""Generated practice cases, their scoring and the model's own accuracy (model layer, no Qt).

:func:`generate_case` draws a reproducible case (``seed`` + ``difficulty``) from the
knowledge base itself: the root's sensory and pain maps, its muscles and reflexes, the
disc levels and zones that compress it, the tests' published sensitivities and the
mimics' distinguishing features (``model.toml [differentials]``). Noise follows the
literature (CLINICAL.md §4-§7):

* sensory loss is found only sometimes: sensory examination sensitivity 0.61 (Tawa 2017,
  ``tests.toml`` ``sensory_exam``), lower with blinded examiners (Suri 2010: 20-36%);
* weakness is often absent: motor sensitivity 0.13-0.61 (Tawa 2017);
* a reflex change is found in about half to two thirds of L4 and S1 cases (reflex
  specificity 0.60-0.93, low sensitivity, Tawa 2017; Esene 2012 67-86% correct);
* pain drawings leave the dermatome: lumbar pain is non-dermatomal in 64.1% (Murphy 2009)
  and almost no L5/S1 patient has more than half of the pain marks inside the dermatome
  (Taylor 2013), so pain zones are drawn from the root's pain map plus neighbouring roots'
  zones;
* the SLR is positive with its published sensitivity for L5/S1 herniation, 0.91 (Devillé
  2000), crossed SLR 0.29 (Devillé 2000), lower in older people (Capra 2011: 0.36 vs MRI);
* levels: the traversing root at a paracentral disc for most, the exiting root at a
  foraminal disc by the far-lateral shares of Kim & Weller 2000 (``model.toml [levels]``);
* age from the mean age by herniation level (Dammers & Koehler 2002) with the model's
  spread; stenosis older (Suri JAMA 2010: age > 70 LR 2.0); degenerative
  spondylolisthesis in women over 50 at L4-L5 (CLINICAL.md §8).

Nothing here is tuned so that :func:`radviz.reasoning.inference.infer` gets the answer: the
generator never calls the model. :func:`model_accuracy` measures how often it does.
Only ``random.Random`` seeded with a string is used, so a case is the same on every run
and platform (string seeds are hashed with SHA-512, independent of ``PYTHONHASHSEED``).
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from radviz.anatomy import vocab
from radviz.anatomy.levels import level_pair, roots_at_level
from radviz.knowledge.loader import KnowledgeBase, Root, load_kb
from radviz.reasoning import wording
from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import infer, separating_test
from radviz.reasoning.localization import candidate_name, next_test_text, sites
from radviz.reasoning.result import Result

__all__ = [
    "CASE_KINDS",
    "DIFFICULTIES",
    "SERIOUS_PATHOLOGY",
    "Answer",
    "Case",
    "RootProfile",
    "Score",
    "accepted_sites",
    "cause_fits",
    "describe_answer",
    "describe_findings",
    "discriminators",
    "generate_case",
    "mimic_zones",
    "model_accuracy",
    "model_accuracy_table",
    "quiz_main",
    "resembled_root",
    "root_profile",
    "roots_at",
    "score_answer",
    "site_words",
    "spared_movements",
]

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
CASE_KINDS: tuple[str, ...] = ("radicular", "mimic", "red_flag", "referred")
SERIOUS_PATHOLOGY = "serious_pathology"
"""Answer ``cause`` when a red-flag condition (tumour, infection, fracture) is the cause."""

PARTS: tuple[str, ...] = ("root", "side", "level", "cause", "red_flag")
BILATERAL = "bilateral"

# ------------------------------------------------------------------- words
# Words from labels.toml (radviz.reasoning.wording), the one home of every view's labels:
# clinical terms for the exam, plain words for the symptoms and history of the story.
MOVEMENT_WORDS: dict[str, str] = {
    m: wording.movement_label(m, "clinician") for m in vocab.MOVEMENTS
}
REFLEX_WORDS: dict[str, str] = {
    r: wording.label("reflexes", r, "clinician") for r in vocab.REFLEXES
}
TEST_WORDS: dict[str, str] = {t: wording.label("tests", t, "clinician") for t in vocab.TESTS}
KIND_WORDS: dict[str, str] = {k: wording.kind_label(k) for k in vocab.SYMPTOM_KINDS}
FLAG_WORDS: dict[str, str] = {f: wording.label("flags", f) for f in vocab.FLAGS}
CAUSE_WORDS: dict[str, str] = {
    "disc_herniation": "disc herniation",
    "degenerative_disc_disease": "degenerative disc disease",
    "spinal_stenosis": "central spinal stenosis",
    "foraminal_stenosis": "foraminal stenosis",
    "lateral_recess_stenosis": "lateral recess stenosis",
    "spondylolisthesis": "spondylolisthesis",
    "facet_arthropathy": "facet joint arthropathy",
    SERIOUS_PATHOLOGY: "serious pathology (tumour, infection or fracture)",
}
ZONE_RELATION: dict[str, str] = {
    "central": "traversing",
    "paracentral": "traversing",
    "foraminal": "exiting",
    "extraforaminal": "exiting",
}


def zone_words(zone: str, kb: KnowledgeBase | None = None) -> str:
    """A body zone in lower-case words (``foot_dorsum`` -> ``top of the foot``)."""
    kb = kb or load_kb()
    item = kb.zones.get(zone)
    name = item.name if item is not None else zone.replace("_", " ")
    return name[:1].lower() + name[1:]


def side_words(side: str | None) -> str:
    """``patient's left`` / ``patient's right`` / ``both sides``."""
    if side in vocab.SIDES:
        return f"patient's {side}"
    if side == BILATERAL:
        return "both sides"
    if side == vocab.MIDLINE:
        return "midline"
    return "no side"


def _name(kb: KnowledgeBase, collection: str, item_id: str | None) -> str:
    if item_id is None:
        return "none"
    if item_id in CAUSE_WORDS and collection == "causes":
        return CAUSE_WORDS[item_id]
    items = kb.collection(collection)
    return items[item_id].name if item_id in items else item_id.replace("_", " ")


# ----------------------------------------------------------------- answers
@dataclass(frozen=True)
class Answer:
    """The right answer of a case (or what a trainee answered).

    ``root`` is ``None`` when no root is involved (mimic, referred pain); ``side`` is the
    patient's ``left``/``right`` or ``bilateral``; ``cause`` is a contract cause id,
    :data:`SERIOUS_PATHOLOGY`, or ``None`` (a mimic names itself in ``mimic``).
    """

    root: str | None
    side: str | None
    level: str | None
    zone: str | None
    cause: str | None
    red_flag: bool
    red_flags: tuple[str, ...] = ()
    mimic: str | None = None
    kind: str = "radicular"

    def to_dict(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "side": self.side,
            "level": self.level,
            "zone": self.zone,
            "relation": ZONE_RELATION.get(self.zone or ""),
            "cause": self.cause,
            "red_flag": self.red_flag,
            "red_flags": list(self.red_flags),
            "mimic": self.mimic,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Answer:
        """Inverse of :meth:`to_dict` (``relation`` is derived and ignored)."""

        def opt(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        return cls(
            root=opt("root"),
            side=opt("side"),
            level=opt("level"),
            zone=opt("zone"),
            cause=opt("cause"),
            red_flag=bool(data.get("red_flag", False)),
            red_flags=tuple(str(x) for x in data.get("red_flags", ()) or ()),
            mimic=opt("mimic"),
            kind=str(data.get("kind", "radicular")),
        )

    @property
    def cause_key(self) -> str | None:
        """What the "likely cause" part compares: the mimic, else the cause."""
        return self.mimic or self.cause


@dataclass(frozen=True)
class Case:
    """A generated case: the findings document, the answer and a short clinical story."""

    seed: int
    difficulty: str
    findings: dict[str, Any]
    answer: Answer
    vignette: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "difficulty": self.difficulty,
            "vignette": self.vignette,
            "findings": json.loads(json.dumps(self.findings)),
            "answer": self.answer.to_dict(),
        }


@dataclass(frozen=True)
class Score:
    """Which parts of an answer were right, the fraction right and feedback lines."""

    root: bool
    side: bool
    level: bool
    cause: bool
    red_flag: bool
    total: float
    feedback: tuple[str, ...] = field(default=())

    @property
    def parts(self) -> dict[str, bool]:
        return {p: bool(getattr(self, p)) for p in PARTS}

    @property
    def all_correct(self) -> bool:
        return all(self.parts.values())


# --------------------------------------------------------------- settings
@dataclass(frozen=True)
class _Noise:
    """Per-difficulty probabilities (sources in the module docstring)."""

    kinds: tuple[tuple[str, float], ...]
    roots: tuple[str, ...]
    p_sensory: float  # sensory loss found
    p_weak: float  # key-muscle weakness found
    p_reflex: float  # reflex change found (roots with a reflex)
    p_outside: float  # pain drawing partly outside the root's pain map
    n_outside: tuple[int, int]
    p_back: float  # back ache as well
    p_feature: float  # each distinguishing feature of a mimic shown
    p_asked: float  # each red-flag question asked (answer recorded)
    p_examined: float  # each extra exam item recorded
    mimics: tuple[str, ...]
    red_flags: tuple[str, ...]
    subtle_red_flag: bool


NOISE: dict[str, _Noise] = {
    # Textbook: every key sign present, pain inside the map.
    "easy": _Noise(
        kinds=(("radicular", 0.8), ("mimic", 0.1), ("red_flag", 0.1)),
        roots=("L4", "L5", "S1"),
        p_sensory=0.95,
        p_weak=0.9,
        p_reflex=0.9,
        p_outside=0.0,
        n_outside=(0, 0),
        p_back=0.5,
        p_feature=1.0,
        p_asked=1.0,
        p_examined=1.0,
        mimics=(
            "common_peroneal_neuropathy",
            "meralgia_paresthetica",
            "femoral_neuropathy",
            "peripheral_neuropathy",
        ),
        red_flags=("cauda_equina_syndrome", "progressive_neurological_deficit"),
        subtle_red_flag=False,
    ),
    # Sensory 0.61 (Tawa 2017); weakness within Tawa's 0.13-0.61; reflex about 2/3;
    # a non-dermatomal drawing in about half the 64% Murphy 2009 reports.
    "medium": _Noise(
        kinds=(("radicular", 0.6), ("mimic", 0.2), ("red_flag", 0.15), ("referred", 0.05)),
        roots=("L2", "L3", "L4", "L5", "S1", "S2"),
        p_sensory=0.61,
        p_weak=0.5,
        p_reflex=0.65,
        p_outside=0.35,
        n_outside=(1, 1),
        p_back=0.65,
        p_feature=0.8,
        p_asked=0.9,
        p_examined=0.85,
        mimics=(
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
        ),
        red_flags=vocab.RED_FLAGS,
        subtle_red_flag=False,
    ),
    # Noise everywhere: blinded-examiner sensory yield (Suri 2010: 20-36%) to Tawa's 0.61;
    # weakness near Tawa's lower bound; reflex change in half; non-dermatomal pain in
    # 64.1% (Murphy 2009); single, subtle red-flag features.
    "hard": _Noise(
        kinds=(("radicular", 0.5), ("mimic", 0.25), ("red_flag", 0.15), ("referred", 0.1)),
        roots=("L2", "L3", "L4", "L5", "S1", "S2"),
        p_sensory=0.45,
        p_weak=0.3,
        p_reflex=0.5,
        p_outside=0.641,
        n_outside=(1, 2),
        p_back=0.75,
        p_feature=0.65,
        p_asked=0.7,
        p_examined=0.6,
        mimics=vocab.DIFFERENTIALS,
        red_flags=vocab.RED_FLAGS,
        subtle_red_flag=True,
    ),
}

# Roots (not in the easy set) are drawn by their knowledge-base prior flattened like the
# model's (``model.toml [prior] flatten``), so rare roots appear often enough to practise.
_BELOW_KNEE_START = vocab.ZONES.index("leg_medial")
BELOW_KNEE = frozenset(vocab.ZONES[_BELOW_KNEE_START:])
FOOT = frozenset(
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


# ---------------------------------------------------------------- builder
class _Builder:
    """Accumulates a findings document without duplicates, in a stable order."""

    def __init__(self) -> None:
        self.age: int | None = None
        self.sex: str | None = None
        self.duration: int | None = None
        self.symptoms: dict[tuple[str, str, str], None] = {}
        self.motor: dict[tuple[str, str], int] = {}
        self.reflexes: dict[tuple[str, str], str] = {}
        self.tests: dict[tuple[str, str], tuple[str, int | None]] = {}
        self.flags: dict[str, bool] = {}
        self.pain_score: int | None = None

    def symptom(self, zone: str, side: str, kind: str) -> None:
        if zone in vocab.MIDLINE_ZONES:
            side = vocab.MIDLINE
        if any(z == zone and s == side for z, s, _ in self.symptoms):
            if kind not in ("numbness", "tingling"):
                return
        self.symptoms[(zone, side, kind)] = None

    def has_zone(self, zone: str, side: str) -> bool:
        return any(z == zone and s == side for z, s, _ in self.symptoms)

    def muscle(self, movement: str, side: str, grade: int, *, override: bool = False) -> None:
        key = (movement, side)
        if override or key not in self.motor:
            self.motor[key] = grade
        else:
            self.motor[key] = min(self.motor[key], grade)

    def reflex(self, reflex: str, side: str, status: str, *, override: bool = False) -> None:
        if override or (reflex, side) not in self.reflexes:
            self.reflexes[(reflex, side)] = status

    def test(self, test: str, side: str, result: str, angle: int | None = None) -> None:
        self.tests.setdefault((test, side), (result, angle))

    def flag(self, name: str, value: bool, *, override: bool = False) -> None:
        if override or name not in self.flags:
            self.flags[name] = value

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.age is not None:
            out["age"] = self.age
        if self.sex is not None:
            out["sex"] = self.sex
        if self.duration is not None:
            out["duration_weeks"] = self.duration
        if self.pain_score is not None:
            out["pain_score"] = self.pain_score
        out["symptoms"] = [{"zone": z, "side": s, "kind": k} for (z, s, k) in self.symptoms]
        out["motor"] = [{"movement": m, "side": s, "grade": g} for (m, s), g in self.motor.items()]
        out["reflexes"] = [
            {"reflex": r, "side": s, "status": st} for (r, s), st in self.reflexes.items()
        ]
        tests = []
        for (t, s), (result, angle) in self.tests.items():
            item: dict[str, Any] = {"test": t, "side": s, "result": result}
            if angle is not None:
                item["angle"] = angle
            tests.append(item)
        out["tests"] = tests
        out["flags"] = dict(self.flags)
        return {k: v for k, v in out.items() if v not in ([], {})}


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def _sample_zones(
    rng: random.Random, weights: Mapping[str, float], k: int, *, minimum: float = 0.0
) -> list[str]:
    """Up to ``k`` distinct zones, each drawn with probability proportional to its weight."""
    pool = sorted(((z, w) for z, w in weights.items() if w >= minimum), key=lambda x: x[0])
    out: list[str] = []
    while pool and len(out) < k:
        zone = _weighted(rng, pool)
        out.append(zone)
        pool = [(z, w) for z, w in pool if z != zone]
    return out


def _clip(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def _age(rng: random.Random, mean: float, sd: float, lo: int = 20, hi: int = 88) -> int:
    return round(_clip(rng.gauss(mean, sd), lo, hi))


def _test_sensitivity(kb: KnowledgeBase, test: str, default: float) -> float:
    item = kb.tests.get(test)
    if item is None:
        return default
    value = item.data.get("sensitivity")
    return float(value) if isinstance(value, int | float) else default


# ----------------------------------------------------------- radicular part
@dataclass
class _Lesion:
    root: str
    level: str
    zone: str
    relation: str
    cause: str


def _pick_root(rng: random.Random, noise: _Noise, kb: KnowledgeBase) -> str:
    k = float(kb.model["prior"]["flatten"])
    return _weighted(rng, [(r, kb.roots[r].prior ** k) for r in noise.roots])


def cause_fits(cause: str | None, level: str | None, zone: str | None, kb: KnowledgeBase) -> bool:
    """Whether ``cause`` can press on a root at ``level``/``zone`` (``causes.toml`` zones and
    levels): central stenosis only centrally, lateral recess stenosis paracentrally,
    foraminal stenosis in the foramen, a disc anywhere. Causes without sites (serious
    pathology, referred pain) fit any site."""
    item = kb.causes.get(cause or "")
    if item is None or level is None or zone is None:
        return True
    zones = item.data.get("zones")
    levels = item.data.get("levels")
    if zones is None:
        return True
    return zone in zones and (levels is None or level in levels)


def _sites_of(root_id: str) -> list[tuple[str, str, str]]:
    """Every (level, zone, relation) whose lesion reaches ``root_id`` on one side, by the one
    level rule (:func:`radviz.anatomy.levels.roots_at_level`); the cauda equina's central
    sites only for a root no other lesion reaches (S2)."""
    side = vocab.SIDES[0]
    for cauda in (False, True):
        out = [
            (level, zone, r.relation)
            for level in vocab.LEVELS
            for zone in vocab.DISC_ZONES
            for r in roots_at_level(level, zone, side, cauda=cauda)
            if r.root == root_id and r.side == side
        ]
        if out:
            return out
    return []


def _pick_lesion(
    rng: random.Random, root: Root, kb: KnowledgeBase, *, older: bool, easy: bool
) -> tuple[str, str, str]:
    """A (level, zone, relation) that compresses ``root``, weighted like the literature.

    The sites are those the level rule gives for the root (:func:`_sites_of`). Traversing:
    the level's share of herniations (SPORT, Lurie 2008); exiting: the far-lateral share
    by level (Kim & Weller 2000), larger over 60 (``model.toml``).
    """
    lv = kb.model["levels"]
    far = float(lv["far_lateral_share_over_60"] if older else lv["far_lateral_share"])
    central = float(lv["central_share_unilateral"])
    sites = _sites_of(root.id)
    options: list[tuple[str, float]] = []
    keyed: dict[str, tuple[str, str, str]] = {}
    for level, zone, relation in sites:
        if relation == "traversing":
            w = float(lv["herniation_by_level"][level]) * (1 - far)
            w *= central if zone == "central" else (1 - central)
        else:
            if easy:
                continue
            w = float(lv["far_lateral_by_level"][level]) * far
            w *= 0.7 if zone == "foraminal" else 0.3
        if easy and zone == "central" and len(sites) > 1:
            continue
        key = f"{level}|{zone}"
        keyed[key] = (level, zone, relation)
        options.append((key, max(w, 1e-6)))
    return keyed[_weighted(rng, options)]


def _pick_cause(
    rng: random.Random, lesion: tuple[str, str, str], sex: str, easy: bool, kb: KnowledgeBase
) -> str:
    """A structural cause that fits the lesion's site (:func:`cause_fits`; CLINICAL.md §7-§8)."""
    level, zone, relation = lesion
    if easy:
        return "disc_herniation"
    if relation == "exiting":
        # far-lateral herniation (younger) or foraminal narrowing (older); isthmic
        # spondylolisthesis traps L5 in the L5-S1 foramen.
        opts = [("disc_herniation", 0.45), ("foraminal_stenosis", 0.4)]
        if level == "L5-S1":
            opts.append(("spondylolisthesis", 0.15))
    elif zone == "central":
        opts = [("disc_herniation", 0.5), ("spinal_stenosis", 0.5)]
    else:
        # degenerative spondylolisthesis: mostly L4-L5, women over 50 (CLINICAL.md §8)
        opts = [("disc_herniation", 0.65), ("lateral_recess_stenosis", 0.15)]
        if level == "L4-L5":
            opts.append(("spondylolisthesis", 0.2 if sex == "female" else 0.07))
    return _weighted(rng, [(c, w) for c, w in opts if cause_fits(c, level, zone, kb)])


def _age_for(rng: random.Random, cause: str, level: str, kb: KnowledgeBase) -> int:
    lv = kb.model["levels"]
    if cause == "disc_herniation":
        # Dammers & Koehler 2002: mean age by level; spread from model.toml
        return _age(rng, float(lv["mean_age"][level]), float(lv["age_sd"]), 19, 82)
    if cause == "spinal_stenosis":
        return _age(rng, 70.0, 7.0, 55, 90)  # Suri JAMA 2010: age > 70 LR 2.0
    if cause == "spondylolisthesis":
        if level == "L5-S1":  # isthmic: adults of any age
            return _age(rng, 45.0, 12.0, 20, 80)
        return _age(rng, 66.0, 8.0, 51, 88)
    return _age(rng, 64.0, 9.0, 48, 88)  # foraminal / lateral recess stenosis


def _radicular(
    rng: random.Random,
    b: _Builder,
    noise: _Noise,
    kb: KnowledgeBase,
    root_id: str,
    side: str,
    lesion: _Lesion,
    *,
    easy: bool,
) -> None:
    """Symptoms and signs of one root on one side, with the difficulty's noise."""
    root = kb.roots[root_id]
    older = (b.age or 0) >= 60
    below = [z for z in root.pain if z in BELOW_KNEE]
    # --- pain drawing: the root's pain map, weighted by how typical each zone is
    n_pain = rng.randint(2, 4)
    core = {z: w for z, w in root.pain.items() if w >= (0.7 if easy else 0.3)}
    zones = _sample_zones(rng, core, n_pain)
    if easy and below and not set(zones) & BELOW_KNEE:
        zones.append(max(below, key=lambda z: (root.pain[z], z)))
    if rng.random() < noise.p_outside:
        # Murphy 2009 / Taylor 2013: pain marks outside the dermatome, taken from the
        # neighbouring roots' pain maps.
        i = vocab.MODELLED_ROOTS.index(root_id)
        neighbours: dict[str, float] = {}
        for j in (i - 1, i + 1):
            if 0 <= j < len(vocab.MODELLED_ROOTS):
                for z, w in kb.roots[vocab.MODELLED_ROOTS[j]].pain.items():
                    if z not in root.pain:
                        neighbours[z] = max(neighbours.get(z, 0.0), w)
        zones += _sample_zones(rng, neighbours, rng.randint(*noise.n_outside))
    for z in zones:
        if z in BELOW_KNEE:
            kind = "burning" if (not easy and rng.random() < 0.15) else "pain"
        else:
            kind = "aching" if rng.random() < 0.35 else "pain"
        b.symptom(z, side, kind)
    if rng.random() < noise.p_back:
        b.symptom("lower_back", side, "aching")
    # --- sensory loss (numbness / pins and needles), sometimes at the key point
    if rng.random() < noise.p_sensory:
        kind = "numbness" if rng.random() < 0.55 else "tingling"
        minimum = 0.7 if easy else 0.3
        sens = _sample_zones(rng, root.sensory, rng.randint(1, 2), minimum=minimum)
        if root.key_point_zone in root.sensory and (easy or rng.random() < 0.6):
            sens = [root.key_point_zone, *[z for z in sens if z != root.key_point_zone]][:2]
        for z in sens:
            b.symptom(z, side, kind)
    # --- strength: the key muscles and the movements that tell neighbours apart
    key = [m for m in root.key_muscles if m in vocab.MOVEMENTS]
    examined = list(key)
    for m, w in sorted(root.muscles.items(), key=lambda x: (-x[1], x[0])):
        if w >= 0.6 and m not in examined and rng.random() < noise.p_examined:
            examined.append(m)
    for other in ("L3", "L4", "L5", "S1"):
        if other == root_id:
            continue
        for m in kb.roots[other].key_muscles[:1]:
            if m not in examined and rng.random() < noise.p_examined * 0.7:
                examined.append(m)
    weak: set[str] = set()
    if key and rng.random() < noise.p_weak:
        weak.add(key[0])
        for m in examined[1:]:
            if root.muscles.get(m, 0.0) >= 0.8 and rng.random() < 0.5:
                weak.add(m)
    for m in examined:
        b.muscle(m, side, 4 if m in weak else 5)
    # --- reflexes: the knee and ankle jerks are routine; medial hamstring less so
    reflexes = ["patellar", "achilles"]
    if root.reflexes.get("medial_hamstring", 0.0) >= 0.7 and rng.random() < noise.p_examined * 0.5:
        reflexes.append("medial_hamstring")
    main = max(root.reflexes, key=lambda r: (root.reflexes[r], r)) if root.reflexes else None
    changed = (
        main is not None
        and main in reflexes
        and root.reflexes[main] >= 0.7
        and rng.random() < noise.p_reflex
    )
    for r in reflexes:
        if r == main and changed:
            b.reflex(r, side, "absent" if rng.random() < 0.35 else "reduced")
        elif rng.random() < noise.p_examined or easy:
            b.reflex(r, side, "normal")
    # --- tests, with their published sensitivities (tests.toml)
    herniation = lesion.cause == "disc_herniation"
    if root_id in ("L5", "S1", "L4"):
        sens_slr = _test_sensitivity(kb, "slr", 0.91)
        if not herniation or older:
            sens_slr = 0.36  # Capra 2011: vs MRI 0.36, weaker with age
        if root_id == "L4":
            sens_slr *= 0.6
        positive = rng.random() < sens_slr
        if positive or rng.random() < noise.p_examined:
            angle = rng.choice((30, 35, 40, 45, 50, 55, 60, 65, 70)) if positive else None
            b.test("slr", side, "positive" if positive else "negative", angle)
        if herniation and rng.random() < _test_sensitivity(kb, "crossed_slr", 0.29):
            b.test("crossed_slr", side, "positive")
    if root_id in ("L2", "L3", "L4"):
        # femoral stretch: L3 LR 5.7, midlumbar no false positives (Suri 2011); no
        # published sensitivity, so positive in most (teaching assumption).
        positive = rng.random() < (0.85 if easy else 0.7)
        if positive or rng.random() < noise.p_examined:
            b.test("femoral_stretch", side, "positive" if positive else "negative")
    # --- history that fits the cause
    if lesion.cause == "disc_herniation":
        for flag, p in (
            ("worse_sitting", 0.6),
            ("worse_cough_sneeze", 0.5),
            ("worse_bending_forward", 0.35),
        ):
            if rng.random() < p:
                b.flag(flag, True)
    elif lesion.cause in ("spinal_stenosis", "lateral_recess_stenosis", "spondylolisthesis"):
        if rng.random() < 0.85:
            b.flag("worse_walking_relieved_sitting", True)
        if rng.random() < 0.5:
            b.flag("worse_extension", True)
    elif lesion.cause == "foraminal_stenosis":
        if rng.random() < 0.6:
            b.flag("worse_extension", True)
        if rng.random() < 0.3:
            b.flag("worse_walking_relieved_sitting", True)


def _negative_red_flags(rng: random.Random, b: _Builder, noise: _Noise) -> None:
    """The red-flag questions asked and answered "no" (absent = not asked)."""
    for flag in ("saddle_anesthesia", "bladder_dysfunction", "bowel_dysfunction"):
        if rng.random() < noise.p_asked:
            b.flag(flag, False)
    for flag in ("fever", "cancer_history", "unexplained_weight_loss", "progressive_weakness"):
        if rng.random() < noise.p_asked * 0.7:
            b.flag(flag, False)


def _other_leg_normal(rng: random.Random, b: _Builder, side: str, noise: _Noise) -> None:
    other = vocab.other_side(side)
    if rng.random() < noise.p_examined:
        b.reflex("patellar", other, "normal")
        b.reflex("achilles", other, "normal")


# ---------------------------------------------------------------- case kinds
def _radicular_case(
    rng: random.Random, noise: _Noise, kb: KnowledgeBase, easy: bool
) -> tuple[_Builder, Answer]:
    b = _Builder()
    side = rng.choice(vocab.SIDES)
    root_id = _pick_root(rng, noise, kb)
    root = kb.roots[root_id]
    sex = rng.choice(("female", "male"))
    older_hint = rng.random() < 0.3 and not easy
    level, zone, relation = _pick_lesion(rng, root, kb, older=older_hint, easy=easy)
    cause = _pick_cause(rng, (level, zone, relation), sex, easy, kb)
    if cause == "spondylolisthesis" and level == "L4-L5" and rng.random() < 0.75:
        sex = "female"
    b.sex = sex
    b.age = _age_for(rng, cause, level, kb)
    b.duration = (
        rng.choice((1, 2, 3, 4, 6, 8, 10))
        if cause == "disc_herniation"
        else rng.choice((12, 16, 26, 52, 104))
    )
    lesion = _Lesion(root_id, level, zone, relation, cause)
    _radicular(rng, b, noise, kb, root_id, side, lesion, easy=easy)
    if cause == "spinal_stenosis" and rng.random() < 0.5:
        # central stenosis: bilateral buttock or leg symptoms (Suri JAMA 2010, LR 6.3)
        other = vocab.other_side(side)
        for z in ("buttock_lower", "thigh_posterior"):
            if rng.random() < 0.6:
                b.symptom(z, other, "aching")
    _other_leg_normal(rng, b, side, noise)
    _negative_red_flags(rng, b, noise)
    answer = Answer(root_id, side, level, zone, cause, False, (), None, "radicular")
    return b, answer


def _mimic_feature(
    rng: random.Random, b: _Builder, feature: str, side: str, both: Sequence[str]
) -> bool:
    """Findings that show one distinguishing feature of a mimic (model.toml names).

    Returns whether the feature produced anything.
    """
    if feature == "foot_drop":
        b.muscle("ankle_dorsiflexion", side, 4)
        b.muscle("great_toe_extension", side, 4)
    elif feature == "eversion_weak":
        b.muscle("ankle_eversion", side, 4)
    elif feature == "inversion_spared":
        b.muscle("ankle_inversion", side, 5)
    elif feature == "hip_abduction_spared":
        b.muscle("hip_abduction", side, 5)
    elif feature in (
        "tinel_fibular_head",
        "fair_positive",
        "fadir_positive",
        "si_provocation_positive",
    ):
        test = {
            "tinel_fibular_head": "tinel_fibular_head",
            "fair_positive": "fair",
            "fadir_positive": "fadir",
            "si_provocation_positive": "si_provocation",
        }[feature]
        b.test(test, side, "positive")
    elif feature == "dorsum_or_shin_sensory":
        kind = rng.choice(("numbness", "tingling"))
        for z in rng.choice((("foot_dorsum",), ("leg_anterolateral", "foot_dorsum"))):
            b.symptom(z, side, kind)
    elif feature == "lateral_thigh_sensory":
        b.symptom("thigh_lateral", side, rng.choice(("burning", "numbness", "tingling")))
    elif feature == "buttock_pain":
        b.symptom(rng.choice(("buttock_lower", "buttock_upper")), side, "pain")
    elif feature == "posterior_thigh_pain":
        b.symptom("thigh_posterior", side, "pain")
    elif feature == "buttock_or_sacrum_pain":
        zone = rng.choice(("buttock_upper", "sacrum"))
        b.symptom(zone, side, "aching")
    elif feature == "groin_pain":
        b.symptom("inguinal", side, "aching")
    elif feature == "calf_pain":
        b.symptom("calf_posterior", side, "aching")
    elif feature == "lateral_hip_pain":
        b.symptom("thigh_lateral", side, "aching")
    elif feature in ("stocking_bilateral", "stocking_unilateral"):
        kind = rng.choice(("numbness", "tingling", "burning"))
        sides = both if feature == "stocking_bilateral" else (side,)
        extra = [z for z in sorted(FOOT) if z not in ("foot_dorsum", "sole")]
        chosen = ["foot_dorsum", "sole", *rng.sample(extra, 4)]
        for s in sides:
            for z in chosen:
                b.symptom(z, s, kind)
    elif feature == "both_achilles_abnormal":
        for s in both:
            b.reflex("achilles", s, rng.choice(("reduced", "absent")), override=True)
    elif feature in (
        "worse_sitting",
        "diabetes",
        "smoker",
        "calf_swelling",
        "recent_immobilization",
    ):
        b.flag(feature, True)
    elif feature == "relieved_standing":
        b.flag("worse_walking_relieved_standing", True)
    elif feature == "diminished_pulses":
        b.flag("diminished_pedal_pulses", True)
    elif feature == "female":
        b.sex = "female"
    elif feature == "age_over_50":
        b.age = max(b.age or 0, rng.randint(55, 82))
    else:
        return False
    return True


def resembled_root(mimic: str, kb: KnowledgeBase | None = None) -> str:
    """The root a look-alike imitates most: the largest overlap of the look-alike's site
    (``localization.sites``: muscles, numb and painful zones) with each root's maps."""
    kb = kb or load_kb()
    site = sites(kb)[mimic]

    def overlap(rid: str) -> tuple[float, int]:
        root = kb.roots[rid]
        zones = {**site.pain, **site.sensory}
        total = sum(
            w * max(root.pain.get(z, 0.0), root.sensory.get(z, 0.0)) for z, w in zones.items()
        )
        total += sum(w * root.muscles.get(m, 0.0) for m, w in site.muscles.items())
        total += sum(w * root.reflexes.get(r, 0.0) for r, w in site.reflexes.items())
        return total, -vocab.MODELLED_ROOTS.index(rid)

    return max(vocab.MODELLED_ROOTS, key=overlap)


def spared_movements(mimic: str, root_id: str, kb: KnowledgeBase | None = None) -> list[str]:
    """Movements ``root_id`` weakens that the look-alike spares (the discriminating exam:
    ankle inversion and hip abduction for a peroneal palsy against L5, hip adduction for a
    femoral neuropathy against L3/L4), most telling first."""
    kb = kb or load_kb()
    site = sites(kb)[mimic]
    root = kb.roots[root_id]
    spared = [m for m, w in root.muscles.items() if w >= 0.6 and site.muscles.get(m, 0.0) <= 0.2]
    return sorted(spared, key=lambda m: (-root.muscles[m], m not in root.key_muscles, m))


def _evidence_finding(
    rng: random.Random, b: _Builder, name: str, side: str, both: Sequence[str]
) -> bool:
    """Findings that show one entry of a look-alike's evidence table (``differentials.toml``
    ``[item.localization] evidence``): a test result, a history answer or a pattern."""
    for result in ("positive", "negative"):
        test = name.removesuffix(f"_{result}")
        if test != name and test in vocab.TESTS:
            b.test(test, side, result)
            return True
    if name in vocab.FLAGS:
        b.flag(name, True)
        return True
    if name.startswith("no_") and name[3:] in vocab.FLAGS:
        b.flag(name[3:], False)
        return True
    if name == "burning_thigh_lateral":
        b.symptom("thigh_lateral", side, "burning")
        return True
    if name == "sacrum_pain":
        b.symptom("sacrum", vocab.MIDLINE, "aching")
        return True
    if name == "severe_pain":
        b.pain_score = rng.choice((7, 8, 9))
        return True
    if name in ("stocking_bilateral", "both_achilles_abnormal", "female", "age_over_50"):
        return _mimic_feature(rng, b, name, side, both)
    return False


def _lookalike_case(
    rng: random.Random, noise: _Noise, kb: KnowledgeBase, easy: bool
) -> tuple[_Builder, Answer]:
    """A look-alike drawn from its own site in the localization model's knowledge
    (``differentials.toml`` ``[item.localization]``, ``nerves.toml``): what it weakens,
    numbs, hurts and reduces, the movements of the root it resembles that it spares (the
    discriminating exam, :func:`spared_movements`), and the tests, history and patterns
    of its evidence table. The model is never asked."""
    b = _Builder()
    mimic = rng.choice(noise.mimics)
    site = sites(kb)[mimic]
    evidence = dict(site.evidence)
    both_legs = (
        float(evidence.get("stocking_bilateral", 0.0)) > 0
        or float(evidence.get("symmetric", 0.0)) > 0
    )
    side = rng.choice(vocab.SIDES)
    legs: tuple[str, ...] = vocab.SIDES if both_legs else (side,)
    b.sex = rng.choice(("female", "male"))
    b.age = rng.randint(28, 75)
    b.duration = rng.choice((2, 4, 6, 8, 12, 26, 52))
    p = noise.p_feature
    # --- its evidence table: the strongest entry always, the rest by difficulty
    positive = sorted(
        ((n, float(w)) for n, w in evidence.items() if float(w) > 0),
        key=lambda x: (-x[1], x[0]),
    )
    shown = 0
    for name, w in positive:
        if name in ("symmetric", "one_sided", "multi_root_weakness", "normal_neuro_exam"):
            continue  # patterns that follow from the rest of the case
        if name in ("no_leg_pain", "only_thigh"):
            continue  # constraints, kept below
        if name in vocab.RED_FLAG_QUESTIONS:
            continue  # a look-alike case keeps its red-flag answers "no" (the key says none)
        chance = p if w >= 0.5 else p * 0.5
        if (shown == 0 or rng.random() < chance) and _evidence_finding(rng, b, name, side, legs):
            shown += 1
    negative = {n for n, w in evidence.items() if float(w) < 0}
    painless = "no_leg_pain" in evidence and float(evidence["no_leg_pain"]) > 0 and rng.random() < p
    # --- what it weakens (the strongest always), numbs and hurts
    strong_muscles = sorted(
        ((m, w) for m, w in site.muscles.items() if w >= 0.5), key=lambda x: (-x[1], x[0])
    )
    for leg in legs:
        for i, (m, w) in enumerate(strong_muscles):
            if i == 0 or rng.random() < (0.9 if easy else 0.7) * w:
                b.muscle(m, leg, rng.choice((3, 4)) if w >= 0.8 else 4)
        sens = {z: w for z, w in site.sensory.items() if w >= 0.6}
        if sens:
            kind = "numbness" if rng.random() < 0.55 else "tingling"
            for z in _sample_zones(rng, sens, rng.randint(1, 3)):
                b.symptom(z, leg, kind)
        pain = {z: w for z, w in site.pain.items() if w >= 0.5}
        if pain and not painless:
            n = rng.randint(1, 2) if site.neural else rng.randint(1, 3)
            for z in _sample_zones(rng, pain, n):
                b.symptom(z, leg, "aching" if not site.neural else "pain")
        for r, w in site.reflexes.items():
            if w >= 0.8:
                b.reflex(r, leg, "absent" if rng.random() < 0.3 else "reduced")
    if not b.symptoms and site.muscles:  # a painless weakness: the patient notices it
        b.symptom(rng.choice(sorted(site.sensory or {"leg_anterolateral": 1.0})), side, "numbness")
    if not b.symptoms:
        b.symptom(max(site.pain, key=lambda z: (site.pain[z], z)), side, "aching")
    # --- the discriminating exam: the resembled root's movements it spares, at full strength
    root_id = resembled_root(mimic, kb)
    spared = spared_movements(mimic, root_id, kb)
    for leg in legs:
        for i, m in enumerate(spared[:3]):
            if i < 2 or rng.random() < p:
                b.muscle(m, leg, 5)
        # the rest of a normal examination, except what the look-alike itself produces
        for m in ("hip_flexion", "knee_extension", "great_toe_extension", "ankle_plantarflexion"):
            if site.muscles.get(m, 0.0) < 0.5 and rng.random() < noise.p_examined:
                b.muscle(m, leg, 5)
        for r in ("patellar", "achilles"):
            if site.reflexes.get(r, 0.0) < 0.8 and rng.random() < noise.p_examined:
                b.reflex(r, leg, "normal")
    if "slr_positive" in negative and rng.random() < noise.p_examined:
        b.test("slr", side, "negative")
    back_against = "back_pain" in negative or "no_back_pain" in evidence
    if not back_against and not easy and rng.random() < noise.p_back * 0.5:
        b.symptom("lower_back", side, "aching")  # back pain is common anyway
    if "age_over_50" in evidence and float(evidence["age_over_50"]) > 0:
        b.age = max(b.age, rng.randint(55, 80))
    _negative_red_flags(rng, b, noise)
    answer_side = BILATERAL if both_legs else side
    return b, Answer(None, answer_side, None, None, None, False, (), mimic, "mimic")


def _referred_case(
    rng: random.Random, noise: _Noise, kb: KnowledgeBase, easy: bool
) -> tuple[_Builder, Answer]:
    """Somatic referred pain: dull, above the knee, no deficit (CLINICAL.md §10)."""
    b = _Builder()
    side = rng.choice(vocab.SIDES)
    cause = rng.choice(("facet_arthropathy", "degenerative_disc_disease"))
    b.sex = rng.choice(("female", "male"))
    b.age = rng.randint(45, 78) if cause == "facet_arthropathy" else rng.randint(30, 65)
    b.duration = rng.choice((8, 12, 26, 52, 104))
    b.symptom("lower_back", side, "aching")
    for z in _sample_zones(
        rng,
        {
            "buttock_upper": 1.0,
            "buttock_lower": 0.6,
            "thigh_posterior": 0.6,
            "thigh_lateral": 0.4,
            "inguinal": 0.3,
        },
        rng.randint(1, 3),
    ):
        b.symptom(z, side, "aching")
    if rng.random() < 0.3:
        b.symptom("sacrum", vocab.MIDLINE, "aching")
    if cause == "facet_arthropathy":
        b.flag("worse_extension", True)
    else:
        b.flag("worse_bending_forward", True)
        if rng.random() < 0.5:
            b.flag("worse_sitting", True)
    for m in ("knee_extension", "great_toe_extension", "ankle_plantarflexion"):
        if rng.random() < noise.p_examined:
            b.muscle(m, side, 5)
    for r in ("patellar", "achilles"):
        if rng.random() < noise.p_examined:
            b.reflex(r, side, "normal")
    if rng.random() < noise.p_examined:
        b.test("slr", side, "negative")
    _negative_red_flags(rng, b, noise)
    return b, Answer(None, side, None, None, cause, False, (), None, "referred")


def _red_flag_case(
    rng: random.Random, noise: _Noise, kb: KnowledgeBase, easy: bool
) -> tuple[_Builder, Answer]:
    flag_id = rng.choice(noise.red_flags)
    subtle = noise.subtle_red_flag
    if flag_id == "cauda_equina_syndrome":
        return _cauda_equina(rng, noise, kb, subtle)
    b, base = _radicular_case(rng, noise, kb, easy)
    side = base.side or "left"
    cause = base.cause
    if flag_id in ("progressive_neurological_deficit", "severe_motor_deficit"):
        root = kb.roots[base.root or "L5"]
        key = root.key_muscles[0] if root.key_muscles else "ankle_dorsiflexion"
        if flag_id == "severe_motor_deficit":
            # MRC 2 or less, not known to be getting worse (red_flags.toml; contract 7.2)
            b.muscle(key, side, rng.choice((0, 1, 2)), override=True)
            b.flag("progressive_weakness", False, override=True)
        else:
            # weakness that is getting worse, marked or slight (a static grade is not)
            b.muscle(key, side, rng.choice((3, 4) if subtle else (2, 3)), override=True)
            b.flag("progressive_weakness", True, override=True)
    else:
        # tumour, infection or fracture: the red flag is the likely cause
        cause = SERIOUS_PATHOLOGY
        feats = {
            "malignancy": ["cancer_history", "night_pain", "unexplained_weight_loss"],
            "infection": ["fever", "iv_drug_use", "immunosuppression"],
            "fracture": ["significant_trauma", "steroid_use", "osteoporosis"],
        }[flag_id]
        if subtle:
            chosen = [rng.choice(feats)]
        else:
            chosen = [feats[0], *[f for f in feats[1:] if rng.random() < 0.6]]
        for f in chosen:
            b.flag(f, True, override=True)
        if flag_id == "malignancy":
            b.age = max(b.age or 0, rng.randint(55, 82))
            b.duration = rng.choice((4, 6, 8, 12))
        elif flag_id == "fracture":
            b.age = max(b.age or 0, rng.randint(68, 88))
            b.duration = rng.choice((1, 2, 3))
        elif flag_id == "infection":
            b.duration = rng.choice((1, 2, 3, 4))
    answer = Answer(
        base.root, base.side, base.level, base.zone, cause, True, (flag_id,), None, "red_flag"
    )
    return b, answer


def _cauda_equina(
    rng: random.Random, noise: _Noise, kb: KnowledgeBase, subtle: bool
) -> tuple[_Builder, Answer]:
    """A large central disc at L4-L5 or L5-S1: both legs, saddle, bladder (GIRFT 2023)."""
    b = _Builder()
    level = _weighted(rng, [("L4-L5", 0.38), ("L5-S1", 0.54)])  # Lurie 2008 shares
    root_id = level_pair(level)[1]
    b.sex = rng.choice(("female", "male"))
    b.age = _age(rng, float(kb.model["levels"]["mean_age"][level]), 10.0, 22, 70)
    b.duration = rng.choice((1, 2, 3))
    lesion = _Lesion(root_id, level, "central", "traversing", "disc_herniation")
    first = rng.choice(vocab.SIDES)
    _radicular(rng, b, noise, kb, root_id, first, lesion, easy=not subtle)
    other = vocab.other_side(first)
    # the other leg: sciatica too (bilateral sciatica is a warning sign)
    for z in _sample_zones(rng, kb.roots[root_id].pain, 2, minimum=0.5):
        b.symptom(z, other, "pain")
    items = ["saddle", "bladder_dysfunction", "bowel_dysfunction", "sexual_dysfunction"]
    chosen = [rng.choice(items[:3])] if subtle else ["saddle", "bladder_dysfunction"]
    if not subtle and rng.random() < 0.4:
        chosen.append("bowel_dysfunction")
    for item in chosen:
        if item == "saddle":
            b.symptom("saddle", vocab.MIDLINE, "numbness")
            b.flag("saddle_anesthesia", True)
        else:
            b.flag(item, True)
    answer = Answer(
        root_id,
        BILATERAL,
        level,
        "central",
        "disc_herniation",
        True,
        ("cauda_equina_syndrome",),
        None,
        "red_flag",
    )
    return b, answer


# --------------------------------------------------------------- vignette
def _duration_words(weeks: float | None) -> str:
    if weeks is None:
        return ""
    if weeks < 1:
        return "a few days of"
    if weeks < 12:
        n = int(weeks)
        return f"{n} week{'s' if n != 1 else ''} of"
    if weeks < 104:
        months = max(3, round(weeks / 4.33))
        return f"{months} months of"
    return f"{round(weeks / 52)} years of"


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def _symptom_phrases(findings: Mapping[str, Any], kb: KnowledgeBase) -> list[str]:
    by: dict[tuple[str, str], list[str]] = {}
    for s in findings.get("symptoms", []):
        by.setdefault((s["kind"], s["side"]), []).append(zone_words(s["zone"], kb))
    out = []
    for (kind, side), zones in by.items():
        where = "" if side == vocab.MIDLINE else f" ({side})"
        out.append(f"{KIND_WORDS.get(kind, kind)} in the {_join(zones)}{where}")
    return out


def _vignette(findings: Mapping[str, Any], answer: Answer, kb: KnowledgeBase) -> str:
    age = findings.get("age")
    sex = findings.get("sex")
    noun = {"female": "woman", "male": "man"}.get(str(sex), "person")
    he = {"female": "She", "male": "He"}.get(str(sex), "They")
    legs = sorted({s["side"] for s in findings.get("symptoms", []) if s["side"] in vocab.SIDES})
    zones = {s["zone"] for s in findings.get("symptoms", [])}
    where = (
        "leg"
        if zones
        & (
            BELOW_KNEE
            | {
                "thigh_posterior",
                "thigh_lateral",
                "thigh_medial",
                "thigh_anterior_upper",
                "thigh_anterior_lower",
                "knee_anterior",
                "knee_medial",
                "popliteal_fossa",
            }
        )
        else "buttock and back"
    )
    if len(legs) == 2:
        place = f"{where} symptoms in both legs" if where == "leg" else f"{where} pain"
    elif legs:
        place = f"{legs[0]} {where} symptoms" if where == "leg" else f"{legs[0]}-sided {where} pain"
    else:
        place = "back symptoms"
    dur = _duration_words(findings.get("duration_weeks"))
    head = f"A {age}-year-old {noun}" if age is not None else f"A {noun}"
    parts = [f"{head} with {dur} {place}." if dur else f"{head} with {place}."]
    phrases = _symptom_phrases(findings, kb)
    if phrases:
        parts.append(f"{he} describes " + _join(phrases) + ".")
    flags = findings.get("flags", {})
    history = [FLAG_WORDS[f] for f in vocab.FLAGS[14:] if flags.get(f) is True]
    red = [FLAG_WORDS[f] for f in vocab.RED_FLAG_QUESTIONS if flags.get(f) is True]
    denied = [FLAG_WORDS[f] for f in vocab.RED_FLAG_QUESTIONS if flags.get(f) is False]
    if history:
        parts.append("History: " + _join(history) + ".")
    if red:
        parts.append(f"{he} also reports " + _join(red) + ".")
    if denied:
        parts.append(f"{he} denies " + _join(denied) + ".")
    exam = _exam_phrases(findings)
    if exam:
        parts.append("On examination: " + "; ".join(exam) + ".")
    return " ".join(parts)


def _exam_phrases(findings: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    weak = [m for m in findings.get("motor", []) if m["grade"] < 5]
    strong = [m for m in findings.get("motor", []) if m["grade"] == 5]
    for m in weak:
        out.append(f"{MOVEMENT_WORDS[m['movement']]} {m['grade']}/5 on the {m['side']}")
    if strong:
        by_side: dict[str, list[str]] = {}
        for m in strong:
            by_side.setdefault(m["side"], []).append(MOVEMENT_WORDS[m["movement"]].split(" (")[0])
        for side, names in by_side.items():
            out.append(f"normal strength ({side}): {_join(names)}")
    normal: dict[str, list[str]] = {}
    for r in findings.get("reflexes", []):
        if r["status"] == "normal":
            normal.setdefault(r["side"], []).append(REFLEX_WORDS[r["reflex"]].split(" (")[0])
        else:
            out.append(f"{REFLEX_WORDS[r['reflex']]} {r['status']} on the {r['side']}")
    for side, names in normal.items():
        out.append(f"normal reflexes ({side}): {_join(names)}")
    for t in findings.get("tests", []):
        angle = f" at {t['angle']:g}°" if t.get("angle") is not None else ""
        out.append(f"{TEST_WORDS[t['test']]} {t['result']} on the {t['side']}{angle}")
    return out


def describe_findings(findings: Mapping[str, Any], kb: KnowledgeBase | None = None) -> list[str]:
    """The findings document as short lines of words, patient's sides named."""
    kb = kb or load_kb()
    lines: list[str] = []
    head = []
    if findings.get("age") is not None:
        head.append(f"age {findings['age']}")
    if findings.get("sex"):
        head.append(str(findings["sex"]))
    if findings.get("duration_weeks") is not None:
        head.append(f"{findings['duration_weeks']:g} weeks")
    if head:
        lines.append("Patient: " + ", ".join(head))
    for s in findings.get("symptoms", []):
        where = "midline" if s["side"] == vocab.MIDLINE else f"patient's {s['side']}"
        lines.append(f"Symptom: {KIND_WORDS[s['kind']]} — {zone_words(s['zone'], kb)} ({where})")
    for m in findings.get("motor", []):
        lines.append(
            f"Strength: {MOVEMENT_WORDS[m['movement']]} {m['grade']}/5 (patient's {m['side']})"
        )
    for r in findings.get("reflexes", []):
        lines.append(f"Reflex: {REFLEX_WORDS[r['reflex']]} {r['status']} (patient's {r['side']})")
    for t in findings.get("tests", []):
        angle = f" at {t['angle']:g}°" if t.get("angle") is not None else ""
        lines.append(f"Test: {TEST_WORDS[t['test']]} {t['result']}{angle} (patient's {t['side']})")
    flags = findings.get("flags", {})
    yes = [FLAG_WORDS[f] for f in vocab.FLAGS if flags.get(f) is True]
    no = [FLAG_WORDS[f] for f in vocab.FLAGS if flags.get(f) is False]
    if yes:
        lines.append("History — yes: " + "; ".join(yes))
    if no:
        lines.append("History — asked, no: " + "; ".join(no))
    return lines


def describe_answer(answer: Answer, kb: KnowledgeBase | None = None) -> str:
    """The answer in one sentence."""
    kb = kb or load_kb()
    parts = []
    if answer.root:
        parts.append(f"{answer.root} root, {side_words(answer.side)}")
    else:
        parts.append(f"no nerve root ({side_words(answer.side)})")
    if answer.level:
        relation = ZONE_RELATION.get(answer.zone or "", "")
        parts.append(
            f"{answer.level} {answer.zone or ''} disc ({relation} root)".replace("  ", " ")
        )
    else:
        parts.append("no spinal level")
    if answer.mimic:
        parts.append(f"mimic: {_name(kb, 'differentials', answer.mimic)}")
    elif answer.cause:
        parts.append(f"likely cause: {CAUSE_WORDS.get(answer.cause, answer.cause)}")
    if answer.red_flag:
        names = ", ".join(_name(kb, "red_flags", f) for f in answer.red_flags) or "yes"
        parts.append(f"red flag: {names}")
    else:
        parts.append("red flag: none")
    return "; ".join(parts)


# ---------------------------------------------------------------- public API
_KIND_BUILDERS = {
    "radicular": _radicular_case,
    "mimic": _lookalike_case,
    "red_flag": _red_flag_case,
    "referred": _referred_case,
}


def generate_case(seed: int, difficulty: str = "medium", kb: KnowledgeBase | None = None) -> Case:
    """A reproducible practice case: the same ``seed`` and ``difficulty`` give the same case."""
    if difficulty not in DIFFICULTIES:
        raise ValueError(
            f"unknown difficulty {difficulty!r} (expected one of: {', '.join(DIFFICULTIES)})"
        )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, got {seed!r}")
    kb = kb or load_kb()
    rng = random.Random(f"radviz-case:{difficulty}:{seed}")
    noise = NOISE[difficulty]
    kind = _weighted(rng, noise.kinds)
    builder, answer = _KIND_BUILDERS[kind](rng, noise, kb, difficulty == "easy")
    findings = builder.to_dict()
    Findings.from_dict(findings)  # every generated case is valid input (raises if not)
    return Case(seed, difficulty, findings, answer, _vignette(findings, answer, kb))


def roots_at(
    level: str, zone: str, side: str, kb: KnowledgeBase | None = None
) -> list[tuple[str, str, str]]:
    """Roots a lesion at ``level``/``zone`` on ``side`` reaches: ``(root, side, relation)``.

    The level rule (:func:`radviz.anatomy.levels.roots_at_level`) with the cauda equina:
    ``central`` (or ``side`` = ``bilateral``) reaches both sides, and a central lesion also
    every lower root that runs past it. ``kb`` is accepted for callers that pass one; the
    rule reads the shipped knowledge base.
    """
    del kb
    return [(r.root, r.side, r.relation) for r in roots_at_level(level, zone, side, cauda=True)]


@dataclass(frozen=True)
class RootProfile:
    """Everything the Explore view shows about one root, from the knowledge base."""

    root: str
    name: str
    key_point: str
    key_point_zone: str
    key_muscles: tuple[str, ...]
    reflexes: tuple[str, ...]
    sensory: tuple[str, ...]
    pain: tuple[str, ...]
    compression: tuple[tuple[str, str, str], ...]  # (level, zone, relation)
    causes: tuple[tuple[str, str], ...]  # (cause id, where/why)
    mimics: tuple[str, ...]
    patient: str
    clinician: str


def mimic_zones(mimic: str, kb: KnowledgeBase | None = None) -> dict[str, float]:
    """Body zones (and weight) a look-alike puts symptoms in: its painful and numb zones in
    the localization model's knowledge (``localization.sites``)."""
    kb = kb or load_kb()
    site = sites(kb)[mimic]
    out: dict[str, float] = {}
    for zone, w in [*site.pain.items(), *site.sensory.items()]:
        out[zone] = max(out.get(zone, 0.0), w)
    return out


def _resemblance(root: Root, mimic: str, kb: KnowledgeBase) -> tuple[float, float]:
    """How much of a look-alike's map lies in a root's (zones, muscles; 0-1 each)."""
    zones = mimic_zones(mimic, kb)
    zone_share = sum(
        max(root.pain.get(z, 0.0), root.sensory.get(z, 0.0)) * w for z, w in zones.items()
    ) / max(sum(zones.values()), 1e-9)
    muscles = sites(kb)[mimic].muscles
    muscle_share = sum(w * root.muscles.get(m, 0.0) for m, w in muscles.items()) / max(
        sum(muscles.values()), 1e-9
    )
    if not sites(kb)[mimic].neural:
        muscle_share *= 0.5  # weakness of a joint or tendon is pain-limited, not a nerve's
    return zone_share, muscle_share


def root_profile(root_id: str, kb: KnowledgeBase | None = None) -> RootProfile:
    """Territory, key point, muscles, reflex, compression sites, causes and mimics of a root.

    Causes follow the compression sites (CLINICAL.md §8): a traversing root is pressed by
    a paracentral disc or lateral recess stenosis (central stenosis when central; L4-L5
    degenerative spondylolisthesis for L5), an exiting root by a far-lateral disc or
    foraminal stenosis (L5-S1 isthmic spondylolisthesis for L5). Mimics are those whose
    symptom zones (:func:`mimic_zones`) lie mostly in the root's maps, or whose weak
    muscles are mostly the root's.
    """
    kb = kb or load_kb()
    root = kb.roots[root_id]
    comp: list[tuple[str, str, str]] = [(c.level, c.zone, c.relation) for c in root.compression]
    causes: dict[str, list[str]] = {}
    for level, zone, relation in comp:
        if relation == "traversing":
            if zone == "paracentral":
                causes.setdefault("disc_herniation", []).append(f"paracentral {level}")
                causes.setdefault("lateral_recess_stenosis", []).append(level)
                if level == "L4-L5":
                    causes.setdefault("spondylolisthesis", []).append("degenerative L4-L5")
            elif zone == "central":
                causes.setdefault("spinal_stenosis", []).append(f"central {level}")
                causes.setdefault("disc_herniation", []).append(f"central {level}")
        else:
            causes.setdefault("disc_herniation", []).append(f"{zone} {level} (far lateral)")
            causes.setdefault("foraminal_stenosis", []).append(level)
            if level == "L5-S1":
                causes.setdefault("spondylolisthesis", []).append("isthmic L5-S1")
    scored = []
    for mimic in vocab.DIFFERENTIALS:
        zone_share, muscle_share = _resemblance(root, mimic, kb)
        if zone_share >= 0.3 or muscle_share >= 0.5:
            scored.append((zone_share + muscle_share, mimic))
    mimics = tuple(m for _, m in sorted(scored, key=lambda x: (-x[0], x[1])))
    return RootProfile(
        root=root_id,
        name=root.name,
        key_point=root.key_point,
        key_point_zone=root.key_point_zone,
        key_muscles=tuple(root.key_muscles),
        reflexes=tuple(sorted(root.reflexes, key=lambda r: (-root.reflexes[r], r))),
        sensory=tuple(sorted(root.sensory, key=lambda z: (-root.sensory[z], z))),
        pain=tuple(sorted(root.pain, key=lambda z: (-root.pain[z], z))),
        compression=tuple(comp),
        causes=tuple((c, ", ".join(dict.fromkeys(w))) for c, w in causes.items()),
        mimics=mimics,
        patient=root.patient,
        clinician=root.clinician,
    )


# ------------------------------------------------------------------ scoring
def _root_discriminators(root: Root, other: Root) -> dict[str, list[str]]:
    """Findings of ``root`` that ``other`` does not share (from the knowledge base)."""
    sensory = sorted(
        (z for z, w in root.sensory.items() if w >= 0.7 and other.sensory.get(z, 0.0) <= 0.3),
        key=lambda z: (-root.sensory[z], vocab.ZONES.index(z)),
    )
    muscles = sorted(
        (m for m, w in root.muscles.items() if w >= 0.8 and other.muscles.get(m, 0.0) <= 0.4),
        key=lambda m: (-root.muscles[m], m not in root.key_muscles, m),
    )
    reflexes = sorted(
        r for r, w in root.reflexes.items() if w >= 0.7 and other.reflexes.get(r, 0.0) <= 0.4
    )
    return {"sensory": sensory, "muscles": muscles, "reflexes": reflexes}


def discriminators(
    true_root: str, other_root: str, kb: KnowledgeBase | None = None
) -> dict[str, dict[str, list[str]]]:
    """For two roots, what each has that the other does not (sensory, muscles, reflexes)."""
    kb = kb or load_kb()
    a, b = kb.roots[true_root], kb.roots[other_root]
    return {true_root: _root_discriminators(a, b), other_root: _root_discriminators(b, a)}


def _presence(findings: Findings, kind: str, item: str, side: str) -> tuple[bool, str]:
    """Whether a discriminating finding was found in this case, and in words."""
    sides = vocab.SIDES if side == BILATERAL else (side,)
    if kind == "sensory":
        hits = [s for s in findings.symptoms if s.zone == item and s.side in sides]
        if any(s.kind in ("numbness", "tingling") for s in hits):
            return True, "FOUND (numbness or pins and needles)"
        if hits:
            return False, "pain there, but no numbness"
        return False, "not reported"
    if kind == "muscles":
        grades = [m.grade for m in findings.motor if m.movement == item and m.side in sides]
        if not grades:
            return False, "not examined"
        return (True, f"FOUND: weak {min(grades)}/5") if min(grades) < 5 else (False, "5/5 normal")
    statuses = [r.status for r in findings.reflexes if r.reflex == item and r.side in sides]
    if not statuses:
        return False, "not examined"
    bad = [s for s in statuses if s in ("reduced", "absent")]
    return (True, f"FOUND: reflex {bad[0]}") if bad else (False, f"{statuses[0]}")


def _discriminator_lines(
    true_root: str, other_root: str, findings: Findings, side: str, kb: KnowledgeBase
) -> list[str]:
    """Header, then per root a sub-heading (2 spaces) and items (4 spaces)."""
    d = discriminators(true_root, other_root, kb)
    lines = [f"What tells {true_root} from {other_root} (and what this case showed):"]
    for rid in (true_root, other_root):
        items: list[tuple[bool, str]] = []
        for m in d[rid]["muscles"]:
            found, words = _presence(findings, "muscles", m, side)
            items.append((found, f"{MOVEMENT_WORDS[m]} — {words}"))
        for r in d[rid]["reflexes"]:
            found, words = _presence(findings, "reflexes", r, side)
            items.append((found, f"{REFLEX_WORDS[r]} — {words}"))
        for z in d[rid]["sensory"][:4]:
            found, words = _presence(findings, "sensory", z, side)
            items.append((found, f"numbness of the {zone_words(z, kb)} — {words}"))
        root = kb.roots[rid]
        lines.append(f"  {rid} only (key sensory point: {root.key_point.lower()}):")
        if not items:
            lines.append("    no distinguishing sign in the knowledge base")
        # found first, so the deciding signs lead
        for _found, text in sorted(items, key=lambda x: not x[0]):
            lines.append(f"    {text}")
    return lines


def _pattern_words(pattern: str) -> str:
    """``non-dermatomal pattern`` (the label's head, from labels.toml via wording)."""
    head = wording.pattern_text(pattern, "clinician").split(":")[0].rstrip(".")
    return head[:1].lower() + head[1:]


def _trace_lines(result: Result, answer: Answer, kb: KnowledgeBase) -> list[str]:
    lines = []
    if result.roots:
        top = result.roots[0]
        lines.append(
            f"The model's top root: {top.root} ({side_words(top.side)}) "
            f"{wording.pct(top.probability)}, {wording.root_word(top, result.roots)}; "
            f"{_pattern_words(result.pattern)}."
        )
    side = answer.side if answer.side in vocab.SIDES else None
    if answer.root:
        sides = [side] if side else list(vocab.SIDES)
        for s in sides:
            cand = result.root(answer.root, s)
            if cand is None:
                continue
            ev = sorted(
                (e for e in cand.evidence if e.kind != "prior"), key=lambda e: -abs(e.weight)
            )[:6]
            lines.append(
                f"The model's evidence for {answer.root} ({side_words(s)}, "
                f"{wording.pct(cand.probability)}, {wording.root_word(cand, result.roots)}), "
                "signed log-likelihood ratios:"
            )
            if not ev:
                lines.append("    the prior only")
            for e in ev:
                lines.append(f"    {e.weight:+.2f}  {wording.evidence_text(e, 'clinician')}")
    elif result.differentials:
        d = result.differentials[0]
        lines.append(
            f"The model's top mimic: {_name(kb, 'differentials', d.id)} "
            f"({wording.pct(d.score)}, {wording.likelihood_word(d.score)})."
        )
    if result.red_flags:
        lines.append(
            "Red flags the model raised: "
            + "; ".join(f"{_name(kb, 'red_flags', f.id)} ({f.urgency})" for f in result.red_flags)
            + "."
        )
    return lines


# Causes a case cannot tell apart when the site changes: degenerative narrowing where the
# root runs, in the lateral recess (traversing root) or in the foramen (exiting root).
_STENOSIS_TWINS = {
    "lateral_recess_stenosis": "foraminal_stenosis",
    "foraminal_stenosis": "lateral_recess_stenosis",
}
_DISC_ZONE_WORDS = {
    "central": "central",
    "paracentral": "paracentral",
    "foraminal": "foraminal (far-lateral)",
    "extraforaminal": "extraforaminal (far-lateral)",
}


def accepted_sites(answer: Answer, kb: KnowledgeBase | None = None) -> list[tuple[str, str, str]]:
    """Every (level, zone, cause) that scores for ``answer``, the keyed site first.

    The keyed site, and every other site the level rule (:func:`_sites_of`) gives for the
    keyed root with a cause that fits it (:func:`cause_fits`): the same cause, or its
    stenosis twin. Nothing in the history or examination tells these apart (a far-lateral
    disc at L4-L5 and a paracentral disc at L3-L4 both squeeze L4); only a scan does.
    A cauda equina case (both sides) keeps its central site only.
    """
    kb = kb or load_kb()
    if answer.root is None or answer.level is None or answer.zone is None:
        return []
    cause = answer.cause or ""
    keyed = (answer.level, answer.zone, cause)
    if answer.side == BILATERAL:
        return [keyed]
    out = [keyed]
    for level, zone, _relation in _sites_of(answer.root):
        if (level, zone) == (answer.level, answer.zone):
            continue
        for option in (cause, _STENOSIS_TWINS.get(cause)):
            if option is not None and cause_fits(option, level, zone, kb):
                out.append((level, zone, option))
                break
    return out


def site_words(level: str, zone: str, cause: str) -> str:
    """``a paracentral disc at L3-L4`` / ``foraminal stenosis at L4-L5``."""
    where = _DISC_ZONE_WORDS.get(zone, zone)
    article = "an" if where[:1] in "aeiou" else "a"
    if cause == "disc_herniation":
        return f"{article} {where} disc at {level}"
    if cause in CAUSE_WORDS and cause != SERIOUS_PATHOLOGY:
        return f"{CAUSE_WORDS[cause]} at {level}"
    return f"{article} {where} lesion at {level}"


def _alternative_site(ans: Answer, given: Answer, kb: KnowledgeBase) -> tuple[str, str, str] | None:
    """The accepted site other than the keyed one that ``given`` names, if any."""
    if given.level is None:
        return None
    reached = given.zone is None or any(
        (given.level, given.zone) == (level, zone) for level, zone, _ in _sites_of(ans.root or "")
    )
    for site in accepted_sites(ans, kb)[1:]:
        if site[0] == given.level and reached:
            return site
    return None


def _sites_line(ans: Answer, kb: KnowledgeBase) -> str | None:
    """What would have separated the accepted sites (the scan), or ``None`` if only one."""
    sites = accepted_sites(ans, kb)
    if len(sites) < 2:
        return None
    words = _join(list(dict.fromkeys(site_words(*s) for s in sites)))
    return (
        f"Level: {words} all squeeze the {side_words(ans.side)} {ans.root} root; nothing in "
        "the history or examination tells them apart, only the scan does, so each scores."
    )


def _level_correct(answer: Answer, given: Answer) -> bool:
    if answer.level != given.level:
        return False
    if answer.level is None or given.zone is None or answer.zone is None:
        return True
    return ZONE_RELATION.get(given.zone) == ZONE_RELATION.get(answer.zone)


def score_answer(case: Case, given: Answer, kb: KnowledgeBase | None = None) -> Score:
    """Score a trainee's answer, part by part, with feedback.

    Parts: root, side, level (the disc level; a zone, when given, must have the right
    relation: paracentral/central = traversing, foraminal/extraforaminal = exiting; any
    other site of :func:`accepted_sites` scores too, and with it its cause),
    cause (the structural cause, :data:`SERIOUS_PATHOLOGY`, or the mimic), red flag
    (present or not). ``total`` is the fraction of parts right.
    """
    kb = kb or load_kb()
    ans = case.answer
    alternative = _alternative_site(ans, given, kb)
    parts = {
        "root": given.root == ans.root,
        "side": given.side == ans.side,
        "level": _level_correct(ans, given) or alternative is not None,
        "cause": given.cause_key == ans.cause_key
        or (alternative is not None and given.cause == alternative[2]),
        "red_flag": given.red_flag == ans.red_flag,
    }
    total = sum(parts.values()) / len(parts)
    findings = Findings.from_dict(case.findings)
    result = infer(findings, kb)
    fb: list[str] = []
    verdict = "Correct" if all(parts.values()) else f"{sum(parts.values())} of 5 parts right"
    fb.append(f"{verdict}. Right answer: {describe_answer(ans, kb)}.")
    marks = ", ".join(f"{p.replace('_', ' ')} {'✓' if ok else '✗'}" for p, ok in parts.items())
    fb.append(f"Your answer: {describe_answer(given, kb)} ({marks}).")
    fb.extend(_trace_lines(result, ans, kb))
    # --- what would have told them apart
    side = ans.side or "left"
    if ans.root and given.root and given.root != ans.root and given.root in kb.roots:
        fb.extend(_discriminator_lines(ans.root, given.root, findings, side, kb))
    elif ans.root and given.root == ans.root:
        runner = [
            r
            for r in result.roots
            if r.root != ans.root and (ans.side not in vocab.SIDES or r.side == ans.side)
        ]
        if runner:
            fb.extend(_discriminator_lines(ans.root, runner[0].root, findings, side, kb))
    elif ans.root and not given.root:
        if given.mimic in kb.differentials:
            side = vocab.SIDES[0] if ans.side == BILATERAL else (ans.side or vocab.SIDES[0])
            fb.extend(_separation_lines(ans.root, str(given.mimic), side, findings, result, kb))
        fb.append(
            f"A root was involved: {ans.root}. Signs that a mimic does not give: "
            + (
                "; ".join(
                    wording.evidence_text(e, "clinician") for e in _root_support(result, ans)[:4]
                )
                or "the distribution of symptoms"
            )
            + "."
        )
    elif ans.mimic and ans.mimic in kb.differentials:
        item = kb.differentials[ans.mimic]
        feats = item.data.get("features", [])
        fb.append(f"{item.name}, not a root: " + "; ".join(str(f) for f in feats[:4]) + ".")
        side = vocab.SIDES[0] if ans.side == BILATERAL else (ans.side or vocab.SIDES[0])
        if given.root in kb.roots:
            rival = str(given.root)
        elif given.mimic in kb.differentials and given.mimic != ans.mimic:
            rival = str(given.mimic)
        else:
            side_roots = result.roots_for(side)
            rival = side_roots[0].root if side_roots else resembled_root(ans.mimic, kb)
        fb.extend(_separation_lines(ans.mimic, rival, side, findings, result, kb))
        if item.data.get("next_step"):
            fb.append(f"Next step: {item.data['next_step']}")
    elif ans.kind == "referred":
        fb.append(
            "Referred (somatic) pain: dull ache above the knee with normal strength, reflexes "
            "and sensation and a negative SLR; no dermatomal numbness."
        )
    if not parts["side"]:
        fb.append(
            f"Side: the findings are on {'' if ans.side == BILATERAL else 'the '}"
            f"{side_words(ans.side)} — sides are always the patient's own."
        )
    sites = _sites_line(ans, kb)
    if sites is not None and (alternative is not None or not parts["level"]):
        fb.append(sites)
    if not parts["level"] and ans.level:
        exiting, traversing = level_pair(ans.level)
        fb.append(
            f"Level: at {ans.level} a paracentral disc presses on the traversing {traversing} "
            f"root; a foraminal or far-lateral disc on the exiting {exiting} root."
        )
    if not parts["cause"]:
        fb.append(_cause_hint(ans, case.findings, kb))
    if not parts["red_flag"]:
        if ans.red_flag:
            flags = case.findings.get("flags", {})
            present = [FLAG_WORDS[f] for f in vocab.RED_FLAG_QUESTIONS if flags.get(f) is True]
            if any(s["zone"] == "saddle" for s in case.findings.get("symptoms", [])):
                present.insert(0, "symptoms in the saddle area")
            weak = [m for m in case.findings.get("motor", []) if m["grade"] <= 3]
            present += [
                f"{MOVEMENT_WORDS[m['movement']]} {m['grade']}/5 ({m['side']})" for m in weak
            ]
            why = "; ".join(f.why for f in result.red_flags if f.id in ans.red_flags)
            fb.append("Red flag missed: " + (_join(present) or "see the history") + ". " + why)
        else:
            severe = int(kb.model["red_flags"]["severe_grade"])
            fb.append(
                "No red flag here: the red-flag questions asked were negative and no weakness "
                f"is severe ({severe}/5 or less) or getting worse."
            )
    return Score(total=total, feedback=tuple(fb), **parts)


def _recorded(findings: Findings, side: str, kind: str, fid: str) -> str:
    """What the case recorded for one finding of ``side``, in words."""
    if kind == "movement":
        grades = [m.grade for m in findings.motor if m.movement == fid and m.side == side]
        return f"{min(grades)}/5" if grades else "not examined"
    if kind == "reflex":
        found = [r.status for r in findings.reflexes if r.reflex == fid and r.side == side]
        return found[0] if found else "not examined"
    if kind == "test":
        done = [t.result for t in findings.tests if t.test == fid and t.side == side]
        return done[0] if done else "not done"
    value = findings.flag(fid)
    return "not asked" if value is None else ("yes" if value else "no")


def _separation_lines(
    key: str, rival: str, side: str, findings: Findings, result: Result, kb: KnowledgeBase
) -> list[str]:
    """How the localization model tells the keyed site (``key``, a root or look-alike id)
    from ``rival`` on ``side``: the findings of this case that weigh differently for the
    two (the model's own evidence), and the model's best separating test asked of the case
    before its examination (:func:`radviz.reasoning.inference.separating_test`)."""
    if key == rival:
        return []
    key_name, rival_name = candidate_name(kb, key), candidate_name(kb, rival)
    lines = [f"What separates {key_name} from {rival_name}:"]
    cands = {c.id: c for c in result.localization_for(side)}
    mine, theirs = cands.get(key), cands.get(rival)
    if mine is not None and theirs is not None:

        def ident(e: Any) -> tuple[str, tuple[str, ...], str]:
            return (e.kind, tuple(e.ids), e.rule)

        rival_w = {ident(e): e.weight for e in theirs.evidence if e.kind != "prior"}
        deciding = sorted(
            (
                (e.weight - rival_w.get(ident(e), 0.0), e)
                for e in mine.evidence
                if e.kind not in ("prior", "mimic")
            ),
            key=lambda t: -t[0],
        )
        against = sorted(
            (e for e in theirs.evidence if e.kind not in ("prior", "mimic") and e.weight <= -0.3),
            key=lambda e: e.weight,
        )
        texts = list(
            dict.fromkeys(
                [wording.evidence_text(e, "clinician") for d, e in deciding if d >= 0.3][:4]
                + [wording.evidence_text(e, "clinician") for e in against][:2]
            )
        )
        if texts:
            lines.append(
                f"    in this case, for {key_name} rather than {rival_name}: " + "; ".join(texts)
            )
    bare = replace(findings, motor=(), reflexes=(), tests=())
    nt = separating_test(bare, side, key, rival, kb)
    if nt is not None:
        shown = _recorded(findings, side, nt.kind, nt.id)
        lines.append(f"    {next_test_text(kb, nt)} This case: {shown}.")
    return lines if len(lines) > 1 else []


def _root_support(result: Result, ans: Answer) -> list[Any]:
    out = []
    for s in vocab.SIDES if ans.side == BILATERAL else (ans.side or "left",):
        cand = result.root(ans.root or "", s)
        if cand:
            out += [e for e in cand.evidence if e.kind != "prior" and e.weight > 0]
    return sorted(out, key=lambda e: -e.weight)


def _cause_hint(ans: Answer, findings: Mapping[str, Any], kb: KnowledgeBase) -> str:
    if ans.mimic:
        return f"Cause: {_name(kb, 'differentials', ans.mimic)} mimics a root problem here."
    if ans.cause == SERIOUS_PATHOLOGY:
        return (
            "Cause: with these red-flag features the leg pain must be treated as serious "
            "pathology (tumour, infection or fracture) until proven otherwise."
        )
    cause = ans.cause or ""
    item = kb.causes.get(cause)
    clues = [str(c) for c in item.data.get("clues", [])][:3] if item else []
    age = findings.get("age")
    return (
        f"Cause: {CAUSE_WORDS.get(cause, cause)} (age {age}). Clues: " + "; ".join(clues) + "."
        if clues
        else f"Cause: {CAUSE_WORDS.get(cause, cause)}."
    )


# -------------------------------------------------------------- model accuracy
def _rate(hits: int, n: int) -> float:
    return hits / n if n else math.nan


def model_accuracy(n: int = 300, seed0: int = 0) -> dict[str, dict[str, float]]:
    """How often :func:`infer` agrees with the generated answers, per difficulty.

    For seeds ``seed0 .. seed0 + n - 1`` of each difficulty:

    * ``root_side``: radicular cases whose top root and side (over both sides) is the
      answer's; ``root``: the top root on the answer's side is the answer's root;
      ``level``: the top level is the answer's level; ``cause``: top cause;
    * ``red_flag_detected``: red-flag cases where ``infer`` raises the answer's red flag;
      ``false_red_flag``: other cases where it raises any;
    * ``mimic_top``: mimic cases whose top differential is the answer's mimic;
    * ``n_*``: how many cases of each kind (the denominators).

    Rates are ``nan`` when there is no case of that kind.
    """
    kb = load_kb()
    out: dict[str, dict[str, float]] = {}
    for difficulty in DIFFICULTIES:
        c: dict[str, int] = dict.fromkeys(
            (
                "n",
                "n_radicular",
                "root_side",
                "root",
                "level",
                "cause",
                "n_red_flag",
                "red_flag",
                "n_other",
                "false_red_flag",
                "n_mimic",
                "mimic",
                "n_referred",
                "referred_no_root",
            ),
            0,
        )
        for seed in range(seed0, seed0 + n):
            case = generate_case(seed, difficulty, kb)
            ans = case.answer
            res = infer(Findings.from_dict(case.findings), kb)
            c["n"] += 1
            if ans.kind == "radicular":
                c["n_radicular"] += 1
                top = res.roots[0] if res.roots else None
                c["root_side"] += int(
                    top is not None and (top.root, top.side) == (ans.root, ans.side)
                )
                side_roots = res.roots_for(ans.side or "left")
                c["root"] += int(bool(side_roots) and side_roots[0].root == ans.root)
                levels = {level for level, _zone, _cause in accepted_sites(ans, kb)}
                c["level"] += int(bool(res.levels) and res.levels[0].level in levels)
                c["cause"] += int(bool(res.causes) and res.causes[0].id == ans.cause)
            if ans.kind == "red_flag":
                c["n_red_flag"] += 1
                raised = {f.id for f in res.red_flags}
                c["red_flag"] += int(bool(raised & set(ans.red_flags)))
            else:
                c["n_other"] += 1
                c["false_red_flag"] += int(bool(res.red_flags))
            if ans.kind == "mimic":
                c["n_mimic"] += 1
                c["mimic"] += int(bool(res.differentials) and res.differentials[0].id == ans.mimic)
            if ans.kind == "referred":
                c["n_referred"] += 1
                c["referred_no_root"] += int(res.pattern in ("referred", "none", "non_dermatomal"))
        out[difficulty] = {
            "n": float(c["n"]),
            "n_radicular": float(c["n_radicular"]),
            "root_side": _rate(c["root_side"], c["n_radicular"]),
            "root": _rate(c["root"], c["n_radicular"]),
            "level": _rate(c["level"], c["n_radicular"]),
            "cause": _rate(c["cause"], c["n_radicular"]),
            "n_red_flag": float(c["n_red_flag"]),
            "red_flag_detected": _rate(c["red_flag"], c["n_red_flag"]),
            "false_red_flag": _rate(c["false_red_flag"], c["n_other"]),
            "n_mimic": float(c["n_mimic"]),
            "mimic_top": _rate(c["mimic"], c["n_mimic"]),
            "n_referred": float(c["n_referred"]),
            "referred_not_radicular": _rate(c["referred_no_root"], c["n_referred"]),
        }
    return out


def model_accuracy_table(acc: Mapping[str, Mapping[str, float]]) -> str:
    """A markdown table of :func:`model_accuracy` (for the README)."""

    def pct(x: float, n: float) -> str:
        return "–" if math.isnan(x) else f"{x:.0%} (n={int(n)})"

    rows = [
        "| difficulty | top root + side (radicular) | top root, answer's side | top level | "
        "top cause | red flag raised (red-flag cases) | any red flag raised (other cases) | "
        "mimic = top differential | referred: not called radicular |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for d, a in acc.items():
        rows.append(
            f"| {d} | {pct(a['root_side'], a['n_radicular'])} | "
            f"{pct(a['root'], a['n_radicular'])} | {pct(a['level'], a['n_radicular'])} | "
            f"{pct(a['cause'], a['n_radicular'])} | "
            f"{pct(a['red_flag_detected'], a['n_red_flag'])} | "
            f"{pct(a['false_red_flag'], a['n'] - a['n_red_flag'])} | "
            f"{pct(a['mimic_top'], a['n_mimic'])} | "
            f"{pct(a['referred_not_radicular'], a['n_referred'])} |"
        )
    return "\n".join(rows)


# ------------------------------------------------------------------ command line
def quiz_main(seed: int, difficulty: str = "medium", as_json: bool = False) -> str:
    """The text ``radviz quiz --seed N [--difficulty D] [--json]`` prints."""
    case = generate_case(seed, difficulty)
    if as_json:
        return json.dumps(case.to_dict(), indent=2, ensure_ascii=False)
    kb = load_kb()
    lines = [
        f"radviz practice case — seed {case.seed}, {case.difficulty}",
        "",
        case.vignette,
        "",
        "Findings:",
        *(f"  {line}" for line in describe_findings(case.findings, kb)),
        "",
        "Questions: which root and side? which disc level? likely cause? any red flag?",
        "",
        f"Answer: {describe_answer(case.answer, kb)}.",
    ]
    words = list(dict.fromkeys(site_words(*site) for site in accepted_sites(case.answer, kb)))
    also = words[1:]
    if also:
        lines.append(f"Also accepted (only a scan tells them apart): {_join(also)}.")
    return "\n".join(lines)
