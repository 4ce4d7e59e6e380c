"""Words for the model's output: one home for every view (model layer, no Qt).

The results panel, the CLI text (:mod:`radviz.reasoning.report`), the handout, the
findings panel and trainee feedback all word probabilities, findings and evidence
through this module, from the labels in ``radviz/knowledge/labels.toml`` (zone names
from ``zones.toml``). So the same number gets the same word everywhere, and patient
text never shows a vocabulary id, a signed weight or a log odds.

``audience`` is ``"patient"`` or ``"clinician"`` throughout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, load_kb
from radviz.reasoning.findings import Findings
from radviz.reasoning.result import Evidence, RootCandidate

AUDIENCES = ("patient", "clinician")

CLINICIAN_DISCLAIMER = (
    "radviz explains and educates; it does not diagnose. The diagnosis rests with the "
    "examining clinician."
)
"""The disclaimer of clinician-facing pages (the patient one is result.DISCLAIMER)."""


def disclaimer(audience: str = "patient") -> str:
    """The disclaimer worded for ``audience``."""
    from radviz.reasoning.result import DISCLAIMER

    return DISCLAIMER if audience == "patient" else CLINICIAN_DISCLAIMER


def _kb() -> KnowledgeBase:
    return load_kb()


def _labels() -> Mapping[str, Any]:
    return _kb().labels


# ------------------------------------------------------------------ basics
def cap(text: str) -> str:
    """``text`` with its first letter in upper case (the rest untouched)."""
    return text[:1].upper() + text[1:]


def join(items: Sequence[str], word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def label(section: str, item_id: str, audience: str = "patient", field: str = "") -> str:
    """The label of ``item_id`` in ``labels.toml`` ``[section]``.

    ``field`` defaults to the audience (``patient`` or ``clinician``); ``prompt`` and
    ``muscle`` are the other fields. An id with no label reads as words, never as an id.
    """
    table = _labels().get(section, {})
    entry = table.get(item_id)
    key = field or ("patient" if audience == "patient" else "clinician")
    if isinstance(entry, dict) and key in entry:
        return str(entry[key])
    return item_id.replace("_", " ")


def labels(section: str, audience: str = "patient", field: str = "") -> dict[str, str]:
    """Every label of a section: id -> text (for views that list a vocabulary)."""
    return {i: label(section, i, audience, field) for i in _labels().get(section, {})}


def pct(p: float) -> str:
    """A rounded percentage that never claims 0 % or 100 % (``<1%``, ``>99%``)."""
    v = round(p * 100)
    if v <= 0 < p:
        return "<1%"
    if v >= 100:
        return ">99%"
    return f"{v}%"


def likelihood_word(p: float, *, leader: bool = False) -> str:
    """Words for a probability, from the bands of ``labels.toml`` ``[likelihood]``.

    ``leader``: the candidate is the most likely root of its side; it is never called
    "unlikely" but gets the relative ``leader`` words below ``leader_below``.
    """
    table = _labels()["likelihood"]
    if leader and p < float(table["leader_below"]):
        return str(table["leader"])
    for band in table["bands"]:
        if p >= float(band["min"]):
            return str(band["word"])
    return str(table["bands"][-1]["word"])


def root_word(candidate: RootCandidate, ranked: Sequence[RootCandidate]) -> str:
    """:func:`likelihood_word` of a root, as the leader when it tops its side."""
    same_side = [r for r in ranked if r.side == candidate.side]
    top = max(same_side, key=lambda r: r.probability) if same_side else candidate
    return likelihood_word(candidate.probability, leader=top is candidate)


def root_likelihood(
    candidate: RootCandidate, ranked: Sequence[RootCandidate], audience: str = "patient"
) -> str:
    """How likely a root is, for ``audience``: the word alone for a patient (patient
    texts carry no statistics), the word and its rounded percentage for a clinician."""
    word = root_word(candidate, ranked)
    return word if audience == "patient" else f"{word}, about {pct(candidate.probability)}"


def zone_name(zone: str) -> str:
    """A body zone's name from ``zones.toml`` (``foot_dorsum`` -> ``Top of the foot``)."""
    item = _kb().zones.get(zone)
    return item.name if item is not None else cap(zone.replace("_", " "))


def zone_words(zone: str) -> str:
    """A body zone in lower case, for inside a sentence (``top of the foot``)."""
    name = zone_name(zone)
    return name[:1].lower() + name[1:]


def side_words(side: str, audience: str = "patient") -> str:
    """``your left side`` / ``patient's left`` / ``both sides`` / ``the middle``."""
    return label("sides", side, audience)


def pattern_text(pattern: str, audience: str = "patient") -> str:
    """The sentence for a result's pattern."""
    return label("patterns", pattern, audience)


def level_words(level: str, audience: str = "patient") -> str:
    """``the L4-L5 disc (between the L4 and L5 bones)`` for patients, ``L4-L5`` else."""
    if audience != "patient" or "-" not in level:
        return level
    upper, lower = level.split("-", 1)
    return f"the {level} disc (between the {upper} and {lower} bones)"


# ------------------------------------------------------------------ findings
def kind_label(kind: str, audience: str = "patient") -> str:
    return label("kinds", kind, audience)


def movement_label(movement: str, audience: str = "patient") -> str:
    """``lifting the big toe`` / ``great-toe extension (EHL)``."""
    if audience == "patient":
        return label("movements", movement, "patient")
    muscle = label("movements", movement, field="muscle")
    return f"{label('movements', movement, 'clinician')} ({muscle})"


def motor_words(movement: str, grade: int, audience: str = "patient") -> str:
    """``A little weak when lifting the big toe`` / ``Great-toe extension (EHL) 4/5``."""
    if audience == "patient":
        return f"{cap(label('grades', f'g{grade}', 'patient'))} when {movement_label(movement)}"
    return f"{cap(movement_label(movement, 'clinician'))} {grade}/5"


def reflex_words(reflex: str, status: str, audience: str = "patient") -> str:
    """``Ankle jerk missing`` / ``Achilles reflex absent``."""
    return cap(
        f"{label('reflexes', reflex, audience)} {label('reflex_statuses', status, audience)}"
    )


def test_words(
    test: str, result: str, audience: str = "patient", angle: float | None = None
) -> str:
    """``Raising the straight leg brought on the symptoms`` / ``Straight-leg raise (SLR)
    positive at 45°`` (the angle only for clinicians)."""
    text = f"{label('tests', test, audience)} {label('test_results', result, audience)}"
    if audience != "patient" and angle is not None:
        text += f" at {angle:g}°"
    return cap(text)


def flag_words(flag: str, audience: str = "patient") -> str:
    """A history answer: ``Worse when coughing or sneezing`` / ``Worse with Valsalva``."""
    return cap(label("flags", flag, audience))


def symptom_lines(findings: Findings, audience: str = "patient") -> list[str]:
    """``Numbness: top of the foot and big toe (your right side)``, one per kind and side."""
    groups: dict[tuple[str, str], list[str]] = {}
    for s in findings.symptoms:
        groups.setdefault((s.kind, s.side), []).append(zone_words(s.zone))
    out = []
    for kind in vocab.SYMPTOM_KINDS:
        for side in (*vocab.SIDES, vocab.MIDLINE):
            zones = groups.get((kind, side))
            if zones:
                where = "" if side == vocab.MIDLINE else f" ({side_words(side, audience)})"
                out.append(
                    f"{cap(kind_label(kind, audience))}: {join(list(dict.fromkeys(zones)))}{where}"
                )
    return out


def sign_lines(findings: Findings, audience: str = "patient") -> list[str]:
    """The abnormal examination findings, one line each, with the side."""
    out: list[str] = []
    for m in findings.motor:
        if m.grade < 5:
            out.append(
                f"{motor_words(m.movement, m.grade, audience)} ({side_words(m.side, audience)})"
            )
    for r in findings.reflexes:
        if r.status != "normal":
            out.append(
                f"{reflex_words(r.reflex, r.status, audience)} ({side_words(r.side, audience)})"
            )
    for t in findings.tests:
        if t.result == "positive":
            words = test_words(t.test, t.result, audience, t.angle)
            out.append(f"{words} ({side_words(t.side, audience)})")
    return out


# ------------------------------------------------------------------ evidence
_FOOT_DROP = ("ankle_dorsiflexion", "great_toe_extension")


def prior_sentence(root: str) -> str:
    """How common a root is, in words (``labels.toml`` ``[prior_words]``)."""
    item = _kb().roots.get(root)
    prior = item.prior if item is not None else 0.0
    for band in _labels()["prior_words"]["bands"]:
        if prior >= float(band["min"]):
            return str(band["word"]).format(root=root)
    return ""


def _rule_words(e: Evidence, audience: str) -> str:
    patient = audience == "patient"
    if e.rule == "prior":
        root = e.ids[0] if e.ids else "this root"
        if patient:
            return prior_sentence(root)
        return f"Prior: {root}'s share of lumbosacral radiculopathies"
    if e.rule == "silent_side":
        return "No symptoms or unusual signs on this side"
    if e.rule == "stocking":
        if patient:
            return "Symptoms all round the foot, like a sock: a pinched nerve rarely does this"
        return "Stocking distribution in the foot"
    if e.rule == "stocking_bilateral":
        return "The same sock-like pattern in both feet" if patient else "Bilateral stocking"
    if e.rule == "above_knee_only":
        return "No symptoms below the knee"
    if e.rule == "spared_with_foot_drop":
        movement = e.ids[0] if e.ids else ""
        weak = [m for m in e.ids[1:] if m in _FOOT_DROP]  # the weak ones (inference)
        if patient:
            lifting = " and ".join(movement_label(m) for m in weak or _FOOT_DROP)
            verb = "is" if len(weak) == 1 else "are"
            return f"Normal strength when {movement_label(movement)}, though {lifting} {verb} weak"
        joiner = " and " if weak else " or "
        drop = joiner.join(label("movements", m, "clinician") for m in weak or _FOOT_DROP)
        return f"{cap(movement_label(movement, 'clinician'))} 5/5 despite weak {drop}"
    return ""


_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_SIGNED = re.compile(r"(?<![\w.])[+\-−]\s?\d+(?:\.\d+)?")


def scrub(text: str) -> str:
    """Patient-safe words for a free trace: vocabulary ids named, no signed numbers.

    Only for evidence that carries no structured fields (it should not happen); every
    view words structured evidence with :func:`evidence_text`.
    """
    names: dict[str, str] = {}
    for section in ("movements", "reflexes", "tests", "flags"):
        names.update(labels(section, "patient"))
    names.update({z: zone_words(z) for z in vocab.ZONES})
    names.update({d: item.name for d, item in _kb().differentials.items()})
    text = _ID.sub(lambda m: names.get(m.group(0), m.group(0).replace("_", " ")), text)
    text = _SIGNED.sub("", text)
    text = re.sub(r"\(\s*\)", "", text)
    return cap(re.sub(r"\s{2,}", " ", text).strip())


def evidence_text(e: Evidence, audience: str = "patient") -> str:
    """One evidence item in words, from its structured fields (never an id or a weight)."""
    if e.rule:
        words = _rule_words(e, audience)
        if words:
            return words
    if e.kind == "sensory" and len(e.ids) == 2:
        kind, zone = e.ids
        return f"{cap(kind_label(kind, audience))}: {zone_words(zone)}"
    if e.kind == "motor" and e.ids and e.grade is not None:
        return motor_words(e.ids[0], e.grade, audience)
    if e.kind == "reflex" and e.ids and e.status:
        return reflex_words(e.ids[0], e.status, audience)
    if e.kind == "test" and e.ids and e.status:
        return test_words(e.ids[0], e.status, audience, e.angle)
    if e.kind == "history" and e.ids:
        text = flag_words(e.ids[0], audience)
        if e.status == "no":  # a question answered "no" (localization evidence)
            text = text[:1].lower() + text[1:]
            return f"Said no to {text}" if audience == "patient" else f"Denies {text}"
        return text
    if e.kind == "mimic" and e.ids:
        item = _kb().differentials.get(e.ids[0])
        name = item.name if item is not None else e.ids[0].replace("_", " ")
        if audience == "patient":
            return f"It also looks like {name[:1].lower() + name[1:]}, a problem outside the spine"
        return f"Also fits {name}"
    if audience == "patient":
        return scrub(e.finding)
    return cap(e.finding.replace("_", " "))


def evidence_split(
    evidence: Iterable[Evidence], audience: str = "patient", *, limit: int = 6
) -> tuple[list[str], list[str]]:
    """``(points to it, points away)``: finding words, strongest first, prior left out.

    The prior is not a finding: views explain it with :func:`prior_sentence`.
    """
    items = [e for e in evidence if e.rule != "prior" and (e.kind != "prior" or e.rule)]
    pro = sorted((e for e in items if e.weight > 0), key=lambda e: -e.weight)
    con = sorted((e for e in items if e.weight < 0), key=lambda e: e.weight)
    return (
        list(dict.fromkeys(evidence_text(e, audience) for e in pro))[:limit],
        list(dict.fromkeys(evidence_text(e, audience) for e in con))[:limit],
    )


# ------------------------------------------------------------------ advice words
def verdict_words(verdict: str, audience: str = "patient") -> str:
    """An imaging verdict: ``fits your symptoms`` / ``concordant``."""
    return label("verdicts", verdict, audience)


def step_label(step: str, audience: str = "patient") -> str:
    """A treatment-plan step's heading (``Start here`` / ``First line``)."""
    return label("steps", step, audience)


STEPS: tuple[str, ...] = ("emergency", "urgent", "first", "next", "specialist", "not_advised")
"""Treatment-plan steps in the order they are shown (contract 7.2 ``treatments[].step``)."""


def treatment_step(t: Any) -> str:
    """The step of a treatment option; before steps exist, from its evidence grade."""
    step = getattr(t, "step", "") or ""
    if step in STEPS:
        return str(step)
    return "not_advised" if getattr(t, "evidence", "") == "not_recommended" else "first"


def plan_steps(treatments: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """Treatments grouped by step, in :data:`STEPS` order (empty steps left out)."""
    groups: dict[str, list[Any]] = {}
    for t in treatments:
        groups.setdefault(treatment_step(t), []).append(t)
    return [(s, groups[s]) for s in STEPS if s in groups]


def grade_label(grade: str, audience: str = "patient") -> str:
    """An evidence grade (``recommended`` -> ``Recommended``)."""
    return label("evidence_grades", grade, audience)


def urgency_label(urgency: str, audience: str = "patient") -> str:
    return label("urgencies", urgency, audience)


SAFETY_NET: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Go to an emergency department now if you get any of these:",
        (
            "Numbness between your legs or around your bottom (where you would sit on a saddle)",
            "New trouble passing urine, or leaking urine or stool",
            "New problems with sexual function",
            "Leg weakness that is getting worse quickly, a foot that drags or slaps, or "
            "pain and weakness in both legs",
        ),
    ),
    (
        "See a doctor today if you have:",
        (
            "Back pain with a fever or chills",
            "Back pain after a bad fall or accident",
            "New back pain and you have had cancer, or you are losing weight without trying",
        ),
    ),
    (
        "Book a review with your clinician if:",
        ("The pain is getting worse, or is not getting better as expected",),
    ),
)
"""When to get help urgently: the safety-netting every patient text ends with (NICE NG59
and the GIRFT cauda equina pathway's patient advice, as in red_flags.toml)."""


def imaging_entries(result: Any) -> list[Any]:
    """The result's imaging verdicts (contract 7.2 ``imaging``), or ``[]``."""
    return list(getattr(result, "imaging", ()) or ())


def get_field(entry: Any, key: str) -> Any:
    return entry.get(key) if isinstance(entry, Mapping) else getattr(entry, key, None)


def lesion_words(lesion: str) -> str:
    """Plain words for an imaging lesion (their one home is imaging.toml ``[lesion_words]``)."""
    from radviz.imaging.concordance import lesion_words as words

    return words(lesion)


def imaging_line(entry: Any, audience: str = "patient") -> str:
    """One imaging finding and its verdict in words.

    ``At the L5-S1 disc, a wide, shallow disc bulge: common in people without pain; it
    does not explain your symptoms.`` / ``L5-S1 left paracentral disc bulge: incidental
    (common without pain).``
    """
    level = str(get_field(entry, "level") or "")
    lesion = str(get_field(entry, "lesion") or "")
    side = str(get_field(entry, "side") or "")
    zone = str(get_field(entry, "zone") or "")
    verdict = str(get_field(entry, "verdict") or "not_assessable")
    if audience == "patient":
        where = f"At {level_words(level)}" if level else "On the scan"
        if side in vocab.SIDES:
            where += f", on {side_words(side)}"
        return f"{where}, {lesion_words(lesion)}: {verdict_words(verdict)}."
    parts = [level, side, zone, lesion.replace("_", " ")]
    return f"{' '.join(p for p in parts if p)}: {verdict_words(verdict, 'clinician')}."
