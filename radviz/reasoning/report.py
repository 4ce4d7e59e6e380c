"""Plain-text reports of model output for people (model layer, no Qt)."""

from __future__ import annotations

from typing import Any

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, load_kb
from radviz.reasoning.findings import Findings
from radviz.reasoning.result import DISCLAIMER, Result

PATTERN_WORDS = {
    "radicular": "radicular: the symptoms and signs fit one or more nerve roots",
    "referred": "referred: dull pain from the spine's joints, discs or muscles, no nerve signs",
    "mixed": "mixed: a nerve-root picture plus referred back pain",
    "non_dermatomal": "non-dermatomal: the symptoms do not fit a single nerve root",
    "none": "none: no symptoms or signs to classify",
}


def likelihood_word(p: float) -> str:
    """Words for a probability, so that numbers are not read as certainties."""
    if p >= 0.75:
        return "very likely"
    if p >= 0.5:
        return "likely"
    if p >= 0.25:
        return "possible"
    if p >= 0.1:
        return "less likely"
    return "unlikely"


def _name(kb: KnowledgeBase, collection: str, item_id: str) -> str:
    item = kb.collection(collection).get(item_id)
    return item.name if item else item_id.replace("_", " ")


def format_result(result: Result, findings: Findings | None = None) -> str:
    """A readable report of ``result`` for the terminal."""
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
    out.append(f"Pattern: {PATTERN_WORDS[result.pattern]}")
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
                f"  {r.root:<3} {r.probability:6.1%} {bar:<30} {likelihood_word(r.probability)}"
            )
        out.append(f"  no root involved {result.no_root.get(side, 0.0):6.1%}")
        top = roots[0]
        if top.probability >= 0.05:
            out.append(f"  Evidence for {top.root} (log likelihood ratio vs no root):")
            for e in top.evidence:
                out.append(f"    {e.weight:+6.2f}  {e.finding}")
        out.append("")
    if result.explanation:
        out.append("Why:")
        out.extend(f"  - {line}" for line in result.explanation)
        out.append("")
    if result.levels:
        out.append("Where the root may be squeezed:")
        for lv in result.levels:
            out.append(
                f"  {lv.level:<6} {lv.zone:<14} patient's {lv.side:<5} {lv.root:<3} "
                f"({lv.relation}) {lv.probability:6.1%}"
            )
        out.append("")
    if result.causes:
        out.append("Possible causes:")
        for c in result.causes:
            out.append(f"  {_name(kb, 'causes', c.id):<32} {c.probability:6.1%}  {c.why}")
        out.append("")
    if result.differentials:
        out.append("Conditions that can mimic a pinched nerve:")
        for d in result.differentials:
            out.append(f"  {_name(kb, 'differentials', d.id):<32} {d.score:5.2f}  {d.why}")
        out.append("")
    if result.treatments:
        out.append("Treatment options and what the evidence says:")
        for t in result.treatments:
            out.append(f"  {_name(kb, 'treatments', t.id):<40} {t.evidence}")
        out.append("")
    out.append(DISCLAIMER)
    return "\n".join(out) + "\n"


def format_imaging(report: Any) -> str:
    """A readable list of imaging findings."""
    findings = getattr(report, "findings", ())
    if not findings:
        return "No compressive finding found in the report.\n"
    out = []
    for f in findings:
        roots = ", ".join(f"{r.side} {r.root} ({r.relation})" for r in f.roots) or "no root named"
        out.append(f"{f.level} {f.side} {f.zone} {f.lesion} ({f.severity}): {roots}")
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
