"""Plain-text reports of model output for people (model layer, no Qt)."""

from __future__ import annotations

from typing import Any

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, load_kb
from radviz.reasoning import localization
from radviz.reasoning import wording as w
from radviz.reasoning.findings import Findings
from radviz.reasoning.result import DISCLAIMER, Result

NAME_ROOT = 0.2
"""The patient text names a side's likeliest root from this probability (the lower edge of
"possible" in labels.toml): naming an unlikely root would mislead."""


def _name(kb: KnowledgeBase, collection: str, item_id: str) -> str:
    item = kb.collection(collection).get(item_id)
    return item.name if item else item_id.replace("_", " ")


def _text(kb: KnowledgeBase, collection: str, item_id: str, audience: str) -> str:
    item = kb.collection(collection).get(item_id)
    return item.text(audience) if item else ""


def format_result(
    result: Result, findings: Findings | None = None, audience: str = "clinician"
) -> str:
    """A readable report of ``result`` for the terminal, in patient or clinician language.

    Contract 7.4: the patient text holds no ids, no signed weights and no log odds; words
    come from :mod:`radviz.reasoning.wording`, as on the screen and in the handout.
    """
    if audience not in w.AUDIENCES:
        raise ValueError(f"audience: unknown value {audience!r} (expected patient, clinician)")
    if audience == "patient":
        return _patient_text(result, findings)
    return _clinician_text(result, findings)


def _plan_lines(result: Result, kb: KnowledgeBase, audience: str) -> list[str]:
    out: list[str] = []
    for step, options in w.plan_steps(result.treatments):
        out.append(f"  {w.step_label(step, audience)}:")
        if audience == "patient" and step == "not_advised":
            names = [_name(kb, "treatments", t.id) for t in options]
            out.append(f"    {w.join(names)}. Studies have not shown that these help.")
        for t in options:
            grade = w.grade_label(t.evidence, audience)
            name = _name(kb, "treatments", t.id)
            if audience == "patient" and step == "not_advised":
                continue
            if audience == "patient":
                out.append(
                    f"    - {name} ({grade.lower()}). {_text(kb, 'treatments', t.id, audience)}"
                )
            else:
                why = f" {t.why}" if t.why else ""
                out.append(f"    - {name:<40} [{grade}]{why}")
    return out


def _patient_text(result: Result, findings: Findings | None) -> str:
    kb = load_kb()
    out: list[str] = []
    if result.red_flags:
        out.append("!! WARNING SIGNS: ACT NOW !!")
        for flag in result.red_flags:
            item = kb.red_flags.get(flag.id)
            action = str(item.data.get("action_patient", "")) if item else ""
            out.append(f"  {_name(kb, 'red_flags', flag.id)}. {w.urgency_label(flag.urgency)}.")
            if action:
                out.append(f"    {action}")
        out.append("")
    out.append("What may be going on:")
    out.extend(localization.report_lines(result, "patient"))  # the leading explanation first
    out.append(f"  {w.pattern_text(result.pattern)}")
    named = 0
    for side in vocab.SIDES:
        roots = result.roots_for(side)
        if not roots or roots[0].probability < NAME_ROOT:
            continue
        named += 1
        top = roots[0]
        out.append("")
        out.append(
            f"  The {top.root} nerve on {w.side_words(side)}: "
            f"{w.root_likelihood(top, result.roots, 'patient')}."
        )
        pro, con = w.evidence_split(top.evidence, "patient")
        if pro:
            out.append(f"  What points to {top.root}:")
            out.extend(f"    - {p}" for p in pro)
        if con:
            out.append(f"  What points away from {top.root}:")
            out.extend(f"    - {c}" for c in con)
        out.append(f"  {w.prior_sentence(top.root)}")
        others = [r for r in roots[1:3] if r.probability >= 0.1]
        if others:
            out.append(
                "  Also possible: "
                + w.join([f"{r.root} ({w.likelihood_word(r.probability)})" for r in others])
                + "."
            )
    if not named and result.pattern in ("radicular", "mixed"):
        out.append("  No single nerve root stands out clearly.")
    out.append("")
    if result.levels and named:
        lv = result.levels[0]
        where = "" if lv.zone == "central" else f" on {w.side_words(lv.side)}"
        out.append("Where the nerve may be pressed:")
        out.append(
            f"  Most likely at {w.level_words(lv.level)}, "
            f"{w.label('disc_zones', lv.zone)}{where}: the {lv.root} nerve "
            f"{w.label('relations', lv.relation)}."
        )
        out.append("")
    causes = [c for c in result.causes if c.probability >= 0.1][:3]
    if causes and result.pattern != "none":
        out.append("What might be causing it:")
        for c in causes:
            out.append(
                f"  - {_name(kb, 'causes', c.id)}: {w.likelihood_word(c.probability)}. "
                f"{_text(kb, 'causes', c.id, 'patient')}"
            )
        out.append("")
    mimics = [d for d in result.differentials if d.score >= 0.15][:3]
    leading = {c.id for c in result.localization if c.kind == "mimic"} & {
        result.localization_for(side)[0].id for side in vocab.SIDES if result.localization_for(side)
    }
    for title, group in (
        ("What it looks most like:", [d for d in mimics if d.id in leading]),
        ("Other conditions that can feel similar:", [d for d in mimics if d.id not in leading]),
    ):
        if group:
            out.append(title)
            for d in group:
                out.append(
                    f"  - {_name(kb, 'differentials', d.id)}. "
                    f"{_text(kb, 'differentials', d.id, 'patient')}"
                )
            out.append("")
    scans = w.imaging_entries(result)
    if scans:
        out.append("Your scan:")
        out.extend(f"  - {w.imaging_line(e, 'patient')}" for e in scans)
        out.append("")
    if result.treatments:
        out.append("Your plan, step by step:")
        out.extend(_plan_lines(result, kb, "patient"))
        out.append("")
    out.append("When to get help urgently:")
    for head, items in w.SAFETY_NET:
        out.append(f"  {head}")
        out.extend(f"    - {i}" for i in items)
    out.append("")
    out.append(DISCLAIMER)
    return "\n".join(out) + "\n"


def _clinician_text(result: Result, findings: Findings | None) -> str:
    kb = load_kb()
    out: list[str] = []
    if result.red_flags:
        out.append("!! RED FLAGS !!")
        for flag in result.red_flags:
            item = kb.red_flags.get(flag.id)
            out.append(f"  [{flag.urgency.upper()}] {_name(kb, 'red_flags', flag.id)}: {flag.why}")
            if item is not None:
                out.append(f"      What to do: {item.data['action_clinician']}")
        out.append("")
    out.extend(localization.report_lines(result, "clinician"))  # the leading explanation first
    out.append(f"Pattern: {w.pattern_text(result.pattern, 'clinician')}")
    out.append("")
    for side in vocab.SIDES:
        roots = result.roots_for(side)
        if not roots:
            continue
        out.append(f"Nerve roots, patient's {side}:")
        for r in roots:
            if r.probability < 0.01:
                continue
            bar = "#" * round(r.probability * 30)
            out.append(
                f"  {r.root:<3} {w.pct(r.probability):>5} {bar:<30} {w.root_word(r, result.roots)}"
            )
        out.append(f"  no root involved {w.pct(result.no_root.get(side, 0.0)):>5}")
        top = roots[0]
        if top.probability >= 0.05:
            out.append(f"  Evidence for {top.root} (ln likelihood ratio vs no root):")
            for e in top.evidence:
                out.append(f"    {e.weight:+6.2f}  {w.evidence_text(e, 'clinician')}")
        out.append("")
    if result.explanation:
        out.append("Why:")
        out.extend(f"  - {line}" for line in result.explanation)
        out.append("")
    if result.levels:
        out.append("Where the root may be compressed:")
        for lv in result.levels:
            out.append(
                f"  {lv.level:<6} {lv.zone:<14} patient's {lv.side:<5} {lv.root:<3} "
                f"({lv.relation}) {w.pct(lv.probability):>5}"
            )
        out.append("")
    causes = [c for c in result.causes if c.probability >= 0.01]  # weighted by the spine's share
    if causes:
        out.append("Possible causes in the spine:")
        for c in causes:
            out.append(f"  {_name(kb, 'causes', c.id):<32} {w.pct(c.probability):>5}  {c.why}")
        out.append("")
    if result.differentials:
        out.append("Conditions that can mimic a radiculopathy:")
        for d in result.differentials:
            out.append(f"  {_name(kb, 'differentials', d.id):<32} {d.score:5.2f}  {d.why}")
        out.append("")
    scans = w.imaging_entries(result)
    if scans:
        out.append("Imaging against the clinical picture:")
        for e in scans:
            why = w.get_field(e, "why")
            out.append(f"  - {w.imaging_line(e, 'clinician')}" + (f" {why}" if why else ""))
        out.append("")
    if result.treatments:
        out.append("Treatment plan by step (evidence grade):")
        out.extend(_plan_lines(result, kb, "clinician"))
        out.append("")
    out.append(w.CLINICIAN_DISCLAIMER)
    return "\n".join(out) + "\n"


def format_imaging(report: Any) -> str:
    """A readable list of imaging findings."""
    findings = getattr(report, "findings", ())
    notes = [f"Note: {n}" for n in getattr(report, "notes", ())]
    if not findings:
        return "\n".join([*notes, "No compressive finding found in the report."]) + "\n"
    out = list(notes)
    for f in findings:
        roots = ", ".join(f"{r.side} {r.root} ({r.relation})" for r in f.roots) or "no root named"
        hedge = "possible " if getattr(f, "certainty", "definite") == "possible" else ""
        out.append(f"{hedge}{f.level} {f.side} {f.zone} {f.lesion} ({f.severity}): {roots}")
        out.append(f"    from: {f.text}")
    return "\n".join(out) + "\n"


def format_kb(kb: KnowledgeBase) -> str:
    """A readable overview of the knowledge base."""
    out = []
    for name in kb.COLLECTIONS:
        items = kb.collection(name)
        out.append(f"{name} ({len(items)}):")
        for item in items.values():
            extra = ""
            if name == "treatments":
                extra = f"  [{item.data['evidence']}]"
            elif name == "red_flags":
                extra = f"  [{item.data['urgency']}]"
            out.append(f"  {item.id:<36} {item.name}{extra}")
        out.append("")
    out.append(f"sources ({len(kb.sources)})")
    return "\n".join(out) + "\n"
