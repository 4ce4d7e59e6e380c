"""The treatment plan, by step (contract 7.2 ``treatments[].step``; model layer, no Qt).

Red flags drive the plan (CLINICAL.md §13): each red-flag rule that sets a flag puts its
``plan`` item (a ``referral`` in treatments.toml: emergency MRI and decompression, urgent
surgical assessment, urgent tests ...) at its step, withholds the treatment categories it
names, and moves the ones it defers from ``first`` to ``next`` with its words ("Once a
serious cause has been ruled out", kept in ``after``). With an emergency the plan is only
what the emergency rules put in it: nothing else comes first.

Without red flags the options come from treatments.toml, filtered by pattern, stage,
severity and likely cause, each at its own ``step``; an option that ``needs``
non-surgical care to have failed, or imaging to match, is offered only when it has, or
with that condition spelled out when it is not known (NICE NG59; model.toml ``[plan]``).
When a look-alike leads a side (radviz.reasoning.localization), its own items
(treatments.toml ``lookalikes``: protect the peroneal nerve, check the leg arteries, a
same-day clot check ...) come first within each step, and the spine's options are offered
only while the spine keeps a real share of the picture (model.toml ``[plan]``
``spinal_options_min``).
Sorted emergency, urgent, first, next, specialist, not_advised, then the leading
look-alike's items first, then by evidence grade.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from radviz.anatomy import vocab
from radviz.knowledge.loader import Item, KnowledgeBase, KnowledgeError
from radviz.reasoning.findings import Findings
from radviz.reasoning.red_flags import Fired
from radviz.reasoning.result import CauseCandidate, ImagingVerdict, TreatmentOption
from radviz.reasoning.severity import Severity, stage

STEP_ORDER: Mapping[str, int] = {s: i for i, s in enumerate(vocab.TREATMENT_STEPS)}
EVIDENCE_ORDER: Mapping[str, int] = {e: i for i, e in enumerate(vocab.EVIDENCE_GRADES)}
REFERRAL = "referral"


def _option(item: Item, step: str, why: str) -> TreatmentOption:
    d = item.data
    return TreatmentOption(
        item.id,
        str(d["evidence"]),
        why,
        step=step,
        reason=str(d["evidence_reason"]),
        sources=tuple(str(s) for s in d["evidence_sources"]),
    )


def _needs(
    item: Item,
    f: Findings,
    severity: Severity,
    imaging: Sequence[ImagingVerdict] | None,
    kb: KnowledgeBase,
) -> list[str] | None:
    """Conditions still to be met (spelled out in the why), or None when ruled out."""
    plan = kb.model["plan"]
    pending: list[str] = []
    for need in item.data.get("needs", ()):
        if need == "failed_conservative_care":
            weeks = float(plan["failed_care_weeks"])
            if severity.level == "mild":
                return None
            if f.duration_weeks is None:
                pending.append("if non-surgical care has not helped")
            elif f.duration_weeks < weeks:
                return None
        elif need == "concordant_imaging":
            if imaging is None:
                pending.append("if a scan matches your symptoms")
            elif not any(v.verdict in plan["consistent_verdicts"] for v in imaging):
                return None
        else:  # the loader allows only the needs above
            raise KnowledgeError("treatments.toml", item.id, "needs", f"unknown need {need!r}")
    return pending


def _ordinary(
    f: Findings,
    pattern: str,
    causes: Sequence[CauseCandidate],
    severity: Severity,
    imaging: Sequence[ImagingVerdict] | None,
    kb: KnowledgeBase,
) -> list[TreatmentOption]:
    if pattern == "non_dermatomal" and causes and causes[0].id == "spinal_stenosis":
        # Neurogenic claudication is polyradicular and rarely dermatomal (Suri JAMA 2010):
        # its options are those of radicular stenosis.
        pattern = "radicular"
    if pattern in ("none", "non_dermatomal"):
        return []
    st = stage(f, kb)
    cut = float(kb.model["plan"]["cause_min_probability"])
    # Causes may be weighted by the chance that the spine is at fault (they then sum to
    # less than 1): which of them count is read from their shares among themselves.
    total = sum(c.probability for c in causes) or 1.0
    likely = [c.id for c in causes if c.probability / total >= cut] or [c.id for c in causes[:1]]
    out = []
    for t in kb.treatments.values():
        d = t.data
        if "lookalikes" in d:  # a look-alike's own plan (_lookalike_options)
            continue
        if d["category"] == REFERRAL or pattern not in d["patterns"]:
            continue
        if st is not None and st not in d["stages"]:
            continue
        if severity.level not in d["severities"]:
            continue
        applies = [c for c in likely if "any" in d["causes"] or c in d["causes"]]
        if not applies:
            continue
        pending = _needs(t, f, severity, imaging, kb)
        if pending is None:
            continue
        if d["step"] == "not_advised":
            against = "is against it" if d["evidence"] == "not_recommended" else "is insufficient"
            why = f"Sometimes offered for {pattern} pain, but the evidence {against}."
            out.append(_option(t, "not_advised", why))
            continue
        parts = [pattern + " pattern"]
        if "any" not in d["causes"]:
            parts.append(", ".join(c.replace("_", " ") for c in applies))
        if st:
            parts.append(f"{st} stage")
        parts.append(f"{severity.level} severity" if severity.known else "severity not recorded")
        why = "Fits: " + "; ".join(parts) + "."
        if pending:
            why += " Only " + " and ".join(pending) + "."
        out.append(_option(t, str(d["step"]), why))
    return out


def _lookalike_options(leaders: Sequence[str], kb: KnowledgeBase) -> list[TreatmentOption]:
    """The own plan of each look-alike that leads a side (treatments.toml ``lookalikes``)."""
    out: list[TreatmentOption] = []
    for t in kb.treatments.values():
        mine = [d for d in leaders if d in t.data.get("lookalikes", ())]
        if mine and "replaces" not in t.data:  # a stand-in comes only with its red flag
            names = " and ".join(kb.differentials[d].name for d in mine)
            out.append(_option(t, str(t.data["step"]), f"Fits: {names} leads the picture."))
    return out


def plan(
    f: Findings,
    pattern: str,
    causes: Sequence[CauseCandidate],
    fired: Sequence[Fired],
    severity: Severity,
    kb: KnowledgeBase,
    imaging: Sequence[ImagingVerdict] | None = None,
    lookalikes: Sequence[str] = (),
    spinal: bool = True,
) -> list[TreatmentOption]:
    """The plan by step. ``fired``: the red-flag rules that set each flag
    (:func:`radviz.reasoning.red_flags.winners`); ``imaging``: verdicts, if any.

    ``lookalikes``: the look-alikes that lead a side; their own items come first within
    each step. ``spinal``: whether the spine's options are offered at all (False when
    look-alikes lead and the spine is unlikely to be at fault: no disc advice for a
    peroneal palsy)."""
    options = _lookalike_options(lookalikes, kb)
    if spinal:
        options += _ordinary(f, pattern, causes, severity, imaging, kb)
    withheld: set[str] = set()
    deferred: dict[str, str] = {}
    red: dict[str, TreatmentOption] = {}
    for r in fired:
        item = kb.treatments.get(str(r.rule["plan"]))
        if item is None:
            raise KnowledgeError("red_flags.toml", r.flag, "rule.plan", "unknown treatment")
        if not spinal:  # the look-alike's own urgent route (e.g. nerve tests, not a spine surgeon)
            item = next(
                (
                    t
                    for t in kb.treatments.values()
                    if t.data.get("replaces") == item.id
                    and set(lookalikes) & set(t.data.get("lookalikes", ()))
                ),
                item,
            )
        cur = red.get(item.id)
        if cur is None:
            red[item.id] = _option(item, str(item.data["step"]), r.why)
        elif r.why not in cur.why:
            red[item.id] = _option(item, cur.step, f"{cur.why} {r.why}")
        withheld.update(r.rule.get("withhold", ()))
        for category in r.rule.get("defer", ()):
            deferred.setdefault(category, str(r.rule["defer_why"]))
    if any(o.step == "emergency" for o in red.values()):
        # CLINICAL.md §13: with an emergency nothing else comes first (contract 7.2: no
        # option at "first"); the plan is what the red-flag rules put in it.
        later = "After the emergency is dealt with"
        kept = [_moved(o, later) if o.step == "first" else o for o in red.values()]
    else:
        kept = list(red.values())
        for o in options:
            category = str(kb.treatments[o.id].data["category"])
            if o.step != "not_advised" and category in withheld:
                continue
            if o.step == "first" and category in deferred:
                o = _moved(o, deferred[category])
            kept.append(o)
    leading = set(lookalikes)
    own = {t.id for t in kb.treatments.values() if leading & set(t.data.get("lookalikes", ()))}
    kept.sort(key=lambda o: (STEP_ORDER[o.step], o.id not in own, EVIDENCE_ORDER[o.evidence], o.id))
    return kept


def _moved(o: TreatmentOption, words: str) -> TreatmentOption:
    return replace(o, step="next", why=f"{words}. {o.why}", after=words)
