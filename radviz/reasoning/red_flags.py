"""Red flags, evaluated from the rules in ``red_flags.toml`` (model layer, no Qt).

Every rule (urgency, triggers, thresholds, why text, sources, the plan it drives) is data
in ``radviz/knowledge/red_flags.toml``; this module only knows what each *trigger* means:
a contract flag answered "yes", or one of the exam-derived triggers in :data:`TRIGGERS`
(their thresholds live in ``model.toml`` ``[red_flags]``). Red flags always surface.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, KnowledgeError
from radviz.reasoning.findings import Findings
from radviz.reasoning.result import RedFlag

FILE = "red_flags.toml"
URGENCY_ORDER: Mapping[str, int] = {u: i for i, u in enumerate(vocab.URGENCIES)}


@dataclass(frozen=True)
class Case:
    """What the triggers look at: the findings, the sides read as radicular, the KB."""

    findings: Findings
    radicular_sides: tuple[str, ...]
    kb: KnowledgeBase


# A trigger returns None when absent, or a detail string ("" when it has none) when present.
Trigger = Callable[[Case], str | None]


def _saddle(case: Case, kinds: Iterable[str] | None) -> str | None:
    wanted = None if kinds is None else set(kinds)
    hit = [
        s
        for s in case.findings.symptoms
        if s.zone == "saddle" and (wanted is None or s.kind in wanted)
    ]
    return ", ".join(sorted({s.kind for s in hit})) if hit else None


def _weak_sides(f: Findings) -> set[str]:
    return {m.side for m in f.motor if m.grade < 5}


def _bilateral_root_signs(case: Case) -> str | None:
    """Weakness or a reduced/absent reflex on both sides, both read as radicular."""
    f = case.findings
    signs = _weak_sides(f) | {r.side for r in f.reflexes if r.status in ("reduced", "absent")}
    if set(vocab.SIDES) <= signs and set(vocab.SIDES) <= set(case.radicular_sides):
        return ""
    return None


def _motor_grade_severe(case: Case) -> str | None:
    limit = int(case.kb.model["red_flags"]["severe_grade"])
    weak = [
        f"{m.movement.replace('_', ' ')} {m.grade}/5 ({m.side})"
        for m in case.findings.motor
        if m.grade <= limit
    ]
    return ", ".join(weak) if weak else None


def _age_over_fracture_age(case: Case) -> str | None:
    age = case.findings.age
    limit = int(case.kb.model["red_flags"]["fracture_age"])
    return f"{age}" if age is not None and age > limit else None


# Exam- and history-derived triggers; every contract flag id is a trigger too.
TRIGGERS: Mapping[str, Trigger] = {
    "saddle_sensory": lambda case: _saddle(case, ("numbness", "tingling")),
    "saddle_symptoms": lambda case: _saddle(case, None),
    "bilateral_root_signs": _bilateral_root_signs,
    "motor_grade_severe": _motor_grade_severe,
    "age_over_fracture_age": _age_over_fracture_age,
}


def trigger(name: str, case: Case) -> str | None:
    """The trigger's detail when present, else None (unknown names raise KnowledgeError)."""
    if name in TRIGGERS:
        return TRIGGERS[name](case)
    if name in vocab.FLAGS:
        return "" if case.findings.flag(name) else None
    raise KnowledgeError(FILE, None, "rule", f"unknown trigger {name!r}")


def rule_triggers(rule: Mapping[str, Any]) -> set[str]:
    """Every trigger id a rule names (any, all, unless)."""
    return {*rule.get("any", {}), *rule.get("all", {}), *rule.get("unless", ())}


@dataclass(frozen=True)
class Fired:
    """A rule that fired: its red flag, urgency, why text and the rule itself."""

    flag: str
    urgency: str
    why: str
    rule: Mapping[str, Any]


def _phrase(text: str, detail: str) -> str:
    return text.replace("{detail}", detail) if detail else text.replace(": {detail}", "")


def _fire(flag: str, rule: Mapping[str, Any], case: Case) -> Fired | None:
    if any(trigger(t, case) is not None for t in rule.get("unless", ())):
        return None
    denied = rule.get("unless_denied", ())
    if denied and all(case.findings.flag(q) is False for q in denied):
        return None
    found: list[str] = []
    if "all" in rule:
        for name, text in rule["all"].items():
            detail = trigger(name, case)
            if detail is None:
                return None
            found.append(_phrase(text, detail))
    else:
        for name, text in rule["any"].items():
            detail = trigger(name, case)
            if detail is not None:
                found.append(_phrase(text, detail))
        if not found:
            return None
    phrases = list(dict.fromkeys(found))  # two triggers may share a phrase
    why = str(rule["why"]).replace("{found}", ", ".join(phrases))
    return Fired(flag, str(rule["urgency"]), why[:1].upper() + why[1:], rule)


def fired_rules(f: Findings, radicular_sides: Sequence[str], kb: KnowledgeBase) -> list[Fired]:
    """Every red-flag rule that fires, most urgent first (then file order)."""
    case = Case(f, tuple(radicular_sides), kb)
    out = [
        fired
        for item in kb.red_flags.values()
        for rule in item.data["rule"]
        if (fired := _fire(item.id, rule, case)) is not None
    ]
    return sorted(out, key=lambda r: URGENCY_ORDER[r.urgency])


def winners(fired: Sequence[Fired]) -> list[Fired]:
    """The rules that set each flag: those at the flag's most urgent firing urgency."""
    best: dict[str, list[Fired]] = {}
    for r in fired:
        cur = best.get(r.flag)
        if cur is None or URGENCY_ORDER[r.urgency] < URGENCY_ORDER[cur[0].urgency]:
            best[r.flag] = [r]
        elif r.urgency == cur[0].urgency:
            cur.append(r)
    out = [r for rules in best.values() for r in rules]
    return sorted(out, key=lambda r: (URGENCY_ORDER[r.urgency], r.flag))


def red_flags(fired: Sequence[Fired]) -> list[RedFlag]:
    """One red flag per id at its most urgent rule; the why texts of the rules at that
    urgency joined; sources of those rules. Sorted most urgent first, then by id."""
    by_flag: dict[str, list[Fired]] = {}
    for r in winners(fired):
        by_flag.setdefault(r.flag, []).append(r)
    return [
        RedFlag(
            fid,
            rules[0].urgency,
            " ".join(dict.fromkeys(r.why for r in rules)),
            sources=tuple(dict.fromkeys(str(s) for r in rules for s in r.rule["sources"])),
        )
        for fid, rules in by_flag.items()
    ]


def evaluate(f: Findings, radicular_sides: Sequence[str], kb: KnowledgeBase) -> list[RedFlag]:
    """The red flags of a case (see :func:`red_flags`)."""
    return red_flags(fired_rules(f, radicular_sides, kb))
