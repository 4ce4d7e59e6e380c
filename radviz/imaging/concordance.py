"""Does an imaging finding fit the symptoms? Honest verdicts (pure, no Qt).

:func:`concordance` judges one finding of the imaging document against the findings and
the result of :func:`radviz.reasoning.inference.infer`; :func:`imaging_verdicts` does it for
every finding and gives the entries of ``Result.imaging`` (CONTRACT.md §7.2). The same
verdicts and sentences are shown by the app, the CLI and the handouts.

Verdicts, in the order they are decided:

* ``not_assessable`` when the finding reaches no root.
* ``incidental``: the finding does not narrow the canal, lateral recess or foramen
  around a root (:func:`is_compressive` is false: a bulge or a spur/facet change that is
  not moderate or severe, a mild stenosis or a mild slip). Such findings are common in
  people without pain (Brinjikji, AJNR 2015), so they neither fit nor contradict the
  symptoms.
* ``not_assessable``: the case has no symptom or abnormal sign to compare with.
* ``concordant`` / ``partly`` / ``discordant``: see :func:`concordance`.
* A ``possible`` finding (the report hedges: "possible", "cannot exclude",
  "questionable", "suspected") is never ``concordant``: at best ``partly``, and the
  sentence says the report is not sure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from radviz.anatomy import vocab
from radviz.anatomy.levels import roots_at_level
from radviz.imaging.document import (
    VERDICTS,
    ImagingError,
    ImagingFinding,
    ImagingReport,
    ImagingRoot,
)
from radviz.knowledge.loader import knowledge_document
from radviz.reasoning.findings import Findings
from radviz.reasoning.report import NAME_ROOT
from radviz.reasoning.result import Evidence, ImagingVerdict, Result, RootCandidate

__all__ = [
    "VERDICTS",
    "Concordance",
    "compressed_roots",
    "concordance",
    "imaging_verdicts",
    "is_compressive",
    "lesion_words",
]

QUIET_LESIONS = frozenset({"bulge", "osteophyte"})
"""Lesions that narrow nothing unless the report calls them moderate or severe."""
_MILD_MEANS_QUIET = frozenset(
    {"canal_stenosis", "lateral_recess_stenosis", "foraminal_stenosis", "spondylolisthesis"}
)
"""Lesions that, when only mild, are as common without pain as a bulge (Brinjikji 2015)."""


def is_compressive(f: ImagingFinding) -> bool:
    """True when the finding narrows the canal, lateral recess or foramen around a root.

    The one rule for "compressive" (the body map outlines only these roots; the verdict of
    every other finding is ``incidental``): a bulge or osteophyte/facet change only when
    moderate or severe; a stenosis or slip unless mild; a disc herniation, cyst or other
    named lesion always. A finding that reaches no root is never compressive.
    """
    if not f.roots:
        return False
    if f.lesion in QUIET_LESIONS:
        return f.severity in ("moderate", "severe")
    if f.lesion in _MILD_MEANS_QUIET:
        return f.severity != "mild"
    return True


def compressed_roots(findings: Iterable[ImagingFinding]) -> list[tuple[str, str]]:
    """``(root, side)`` of every compressive finding, first seen first (no repeats)."""
    out: dict[tuple[str, str], None] = {}
    for f in findings:
        if is_compressive(f):
            for r in f.roots:
                if r.side in vocab.SIDES:
                    out.setdefault((r.root, r.side), None)
    return list(out)


@lru_cache(maxsize=1)
def _words() -> Mapping[str, str]:
    data = knowledge_document("imaging.toml")  # the knowledge parse cache, no TOML
    return {str(k): str(v) for k, v in data["lesion_words"].items()}


def lesion_words(lesion: str) -> str:
    """Plain words for a lesion id (``a disc bulge``), from imaging.toml."""
    return _words().get(lesion, lesion.replace("_", " "))


@dataclass(frozen=True)
class Concordance:
    """Does an MRI finding fit the clinical picture?

    ``reasons`` are for clinicians; ``patient`` is one or two plain sentences that name
    the same root as the results.
    """

    verdict: str
    reasons: tuple[str, ...]
    patient: str


_PATIENT = {
    "concordant": "This MRI finding fits the place where you feel your symptoms.",
    "partly": "This MRI finding may explain part of your symptoms, but not all of them.",
    "discordant": (
        "This MRI finding does not match your symptoms well. Many people have findings "
        "like this and feel fine."
    ),
    "incidental": (
        "This MRI finding does not press on a nerve. Many people with no back pain have it."
    ),
    "not_assessable": "We cannot yet tell if this MRI finding matches your symptoms.",
}


def _case_sides(findings: Findings) -> set[str]:
    """Sides with a symptom or an abnormal sign (a midline symptom counts for both)."""
    out: set[str] = set()
    for sy in findings.symptoms:
        out.update(("left", "right") if sy.side == vocab.MIDLINE else (sy.side,))
    out.update(m.side for m in findings.motor if m.grade < 5)
    out.update(r.side for r in findings.reflexes if r.status != "normal")
    out.update(t.side for t in findings.tests if t.result == "positive")
    return out


def _support(c: RootCandidate) -> tuple[float, list[Evidence]]:
    positive = [e for e in c.evidence if e.kind != "prior" and e.weight > 0]
    net = sum(e.weight for e in c.evidence if e.kind != "prior")
    positive.sort(key=lambda e: -e.weight)
    return net, positive


def _pct(p: float) -> str:
    return f"{round(100 * p)} %"


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _top(result: Result, side: str) -> RootCandidate | None:
    ranked = sorted(result.roots_for(side), key=lambda c: -c.probability)
    return ranked[0] if ranked else None


def _nerve(root: str, side: str) -> str:
    return f"your {side} {root} nerve"


def _top_nerves(result: Result, sides: Iterable[str]) -> list[str]:
    """``your left S1 nerve`` for the top root of each side, when likely enough to name."""
    return [
        _nerve(t.root, t.side)
        for side in sorted(sides)
        if (t := _top(result, side)) is not None and t.probability >= NAME_ROOT
    ]


def _pointed(result: Result, sides: Iterable[str]) -> str:
    """``Your symptoms point to your left L5 nerve.`` from the result's top roots."""
    named = _top_nerves(result, sides)
    return f" Your symptoms point to {' and '.join(named)}." if named else ""


def _said(f: ImagingFinding) -> str:
    central = f.zone == "central" and f.lesion != "canal_stenosis"
    where = " in the middle of the spine canal" if central else ""
    return f"The scan shows {lesion_words(f.lesion)} at {f.level}{where}"


def concordance(finding: ImagingFinding, findings: Findings, result: Result) -> Concordance:
    """Compare an imaging finding with the clinical picture (findings + result).

    Rules, in order:

    * ``not_assessable`` when the finding reaches no root.
    * ``incidental`` when the finding is not compressive (:func:`is_compressive`).
    * ``not_assessable`` when the case has no
      symptom or abnormal sign at all (``findings.is_empty()``, only normal exam items,
      or ``result.pattern == "none"``).
    * A compressive central lesion (central zone or canal stenosis, moderate or severe,
      or an extrusion/sequestration that is not mild) also reaches the lower roots that
      run through the canal at that level, on both sides (the cauda equina,
      :func:`~radviz.anatomy.levels.roots_at_level` with ``cauda=True``). It is
      ``concordant`` with neurogenic claudication (leg pain on walking eased by sitting,
      Suri JAMA 2010) or with cauda equina red flags, whatever the dermatomal pattern.
    * ``discordant`` when the pattern is ``non_dermatomal``, or every symptom and sign
      is on the other side from every root the finding reaches.
    * Otherwise each reached root on a symptomatic side is graded against
      ``result.roots_for(side)`` (most likely first):
      ``concordant`` if it is the top root of that side with probability >= 0.35 and
      net positive non-prior evidence; ``partly`` if its probability is >= 0.15, or it
      ranks second with probability >= 0.08; ``discordant`` otherwise (another root
      clearly wins, or no root is likely). The best grade over the reached roots is the
      verdict.
    * A ``possible`` finding is at best ``partly``.

    ``patient`` says it in plain words and names the root the result names.
    """
    verdict, reasons, why = _judge(finding, findings, result)
    if finding.certainty == "possible":
        reasons = (
            "The report hedges this finding (possible): it cannot fully confirm the picture.",
            *reasons,
        )
        if verdict == "concordant":
            verdict = "partly"
            why = why.replace("This fits your symptoms", "This could fit your symptoms")
        why = f"The report is not sure about this finding. {why}"
    return Concordance(verdict, tuple(dict.fromkeys(reasons)), why)


def _judge(
    finding: ImagingFinding, findings: Findings, result: Result
) -> tuple[str, tuple[str, ...], str]:
    said = _said(finding)
    case_sides = _case_sides(findings)
    if not finding.roots:
        return (
            "not_assessable",
            ("The finding does not reach a nerve root.",),
            _PATIENT["not_assessable"],
        )
    if not is_compressive(finding):
        why = (
            f"{said}. It does not press on a nerve, and many people with no back pain "
            f"have it.{_pointed(result, case_sides)}"
        )
        sev = "" if finding.severity == "unspecified" else f"{finding.severity} "
        what = f"{sev}{finding.lesion.replace('_', ' ')}"
        pointed = [
            f"The symptoms point to {t.root} on the patient's {side} ({_pct(t.probability)})."
            for side in sorted(case_sides)
            if (t := _top(result, side)) is not None and t.probability >= NAME_ROOT
        ]
        return (
            "incidental",
            (
                f"{what[0].upper()}{what[1:]} without stated narrowing of the canal, recess "
                "or foramen around a root: common without pain (Brinjikji 2015).",
                *pointed,
            ),
            why,
        )
    if findings.is_empty() or not case_sides or result.pattern == "none":
        return (
            "not_assessable",
            ("No symptoms or abnormal signs to compare with.",),
            _PATIENT["not_assessable"],
        )
    reasons: list[str] = []
    central = (
        (finding.zone == "central" or finding.lesion == "canal_stenosis")
        and finding.lesion not in QUIET_LESIONS
        and (
            finding.severity in ("moderate", "severe")
            or (finding.lesion in ("extrusion", "sequestration") and finding.severity != "mild")
        )
    )
    reached = list(finding.roots)
    if central:
        known = {(r.root, r.side) for r in reached}
        reached += [
            r
            for r in roots_at_level(finding.level, "central", "bilateral", cauda=True)
            if (r.root, r.side) not in known
        ]
        reasons.append(
            f"A central lesion at {finding.level} narrows the canal, where the lower roots "
            "(the cauda equina) also run, on both sides."
        )
        named = _top_nerves(result, case_sides)
        including = f", including {' and '.join(named)}" if named else ""
        cauda_why = (
            f"{said}. It can press on the nerves that run down through the canal on both "
            f"sides{including}. This fits your symptoms."
        )
        if any(f.id == "cauda_equina_syndrome" for f in result.red_flags):
            reasons.append(
                "With cauda equina warning signs, a central lesion is the likely cause: "
                "this needs emergency assessment."
            )
            return "concordant", tuple(reasons), cauda_why
        if findings.flag("worse_walking_relieved_sitting"):
            reasons.append(
                "Leg pain on walking that eases on sitting (neurogenic claudication) fits "
                "central canal narrowing."
            )
            return "concordant", tuple(reasons), cauda_why
    if result.pattern == "non_dermatomal":
        return (
            "discordant",
            ("The symptoms do not follow a nerve-root pattern (non-dermatomal).",),
            f"{said}. Your symptoms do not follow the path of one nerve, so this finding "
            "does not explain them well.",
        )
    root_sides = {r.side for r in reached}
    if not root_sides & case_sides:
        fs = " and ".join(sorted(root_sides))
        cs = " and ".join(sorted(case_sides))
        reasons.append(
            f"The finding reaches roots on the patient's {fs}; "
            f"the symptoms and signs are on the {cs}."
        )
        for side in sorted(case_sides):
            top = _top(result, side)
            if top is not None:
                reasons.append(
                    f"{top.root} is the most likely root on the patient's "
                    f"{side} ({_pct(top.probability)})."
                )
        why = (
            f"{said}, on your {fs} side. Your symptoms are on the other side, so it does "
            f"not explain them.{_pointed(result, case_sides)}"
        )
        return "discordant", tuple(reasons), why

    rank_order = {"discordant": 0, "partly": 1, "concordant": 2}
    best = "discordant"
    best_root: ImagingRoot | None = None
    for ir in reached:
        if ir.side not in case_sides:
            continue
        ranked = sorted(result.roots_for(ir.side), key=lambda c: -c.probability)
        cand = result.root(ir.root, ir.side)
        prob = cand.probability if cand is not None else 0.0
        rank = next((i for i, c in enumerate(ranked) if c.root == ir.root), None)
        top = ranked[0] if ranked else None
        no_root = result.no_root.get(ir.side)
        verdict = "discordant"
        if cand is not None and rank == 0 and prob >= 0.35:
            net, positive = _support(cand)
            if net > 0 and positive:
                verdict = "concordant"
                cited = ", ".join(e.finding for e in positive[:4])
                reasons.append(
                    f"{ir.root} is the most likely root on the patient's {ir.side} "
                    f"({_pct(prob)}); supported by: {cited}."
                )
            else:
                verdict = "partly"
                reasons.append(
                    f"{ir.root} leads on the patient's {ir.side} ({_pct(prob)}) but only by "
                    f"prior, without positive findings."
                )
        if (
            verdict == "discordant"
            and cand is not None
            and (prob >= 0.15 or (rank is not None and rank < 2 and prob >= 0.08))
        ):
            verdict = "partly"
            where = f"ranks {_ordinal(rank + 1)}" if rank is not None else "is listed"
            lead = (
                f"; {top.root} is more likely ({_pct(top.probability)})"
                if top is not None and top.root != ir.root
                else ""
            )
            reasons.append(f"{ir.root} {where} on the patient's {ir.side} ({_pct(prob)}){lead}.")
        elif verdict == "discordant":
            lead = (
                f"; the exam points to {top.root} ({_pct(top.probability)})"
                if top is not None and top.root != ir.root
                else ""
            )
            reasons.append(
                f"{ir.root} on the patient's {ir.side} is unlikely ({_pct(prob)}){lead}."
            )
        if no_root is not None and no_root > prob and verdict != "concordant":
            reasons.append(
                f"No root involvement is more likely on the patient's {ir.side} ({_pct(no_root)})."
            )
        if best_root is None or rank_order[verdict] > rank_order[best]:
            best, best_root = verdict, ir
    for side in sorted(case_sides - root_sides):
        reasons.append(
            f"There are also symptoms or signs on the patient's {side}, "
            f"which this finding does not explain."
        )
    assert best_root is not None  # root_sides & case_sides is not empty
    near = _nerve(best_root.root, best_root.side)
    if best == "concordant":
        why = f"{said}. It can press on {near}. This fits your symptoms."
    elif best == "partly":
        why = (
            f"{said}. It can press on {near}. This may explain part of your symptoms."
            f"{_pointed(result, {best_root.side})}"
        )
    else:
        why = (
            f"{said}, near {near}. It does not fit your symptoms well, and many people "
            f"have findings like this and feel fine.{_pointed(result, case_sides)}"
        )
    return best, tuple(reasons), why


def imaging_verdicts(
    findings: Findings, result: Result, report: ImagingReport
) -> tuple[ImagingVerdict, ...]:
    """One verdict per finding of ``report`` (the entries of ``Result.imaging``)."""
    out: list[ImagingVerdict] = []
    for f in report.findings:
        c = concordance(f, findings, result)
        out.append(ImagingVerdict(f.level, f.side, f.zone, f.lesion, c.verdict, c.patient))
    return tuple(out)


def imaging_report(raw: object) -> ImagingReport:
    """The imaging document of ``Findings.imaging``: ``{"report": text}`` is read with
    :func:`~radviz.imaging.parser.parse_report`; anything else is validated as an imaging
    document (raises :class:`~radviz.imaging.document.ImagingError` naming the field)."""
    if isinstance(raw, ImagingReport):
        return raw
    if isinstance(raw, Mapping) and set(raw) == {"report"}:
        from radviz.imaging.parser import parse_report

        text = raw["report"]
        if not isinstance(text, str):
            raise ImagingError("imaging.report", "expected a string")
        return parse_report(text)
    return ImagingReport.from_dict(raw)


def with_imaging(findings: Findings, result: Result, raw: object) -> Result:
    """``result`` with ``imaging`` set: a verdict for every finding of ``raw``."""
    report = imaging_report(raw)
    return replace(result, imaging=imaging_verdicts(findings, result, report))
