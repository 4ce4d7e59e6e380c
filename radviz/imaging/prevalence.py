"""How common an imaging finding is in people without back pain (pure, no Qt).

Brinjikji W et al., AJNR 2015;36:811 (CLINICAL.md §7); the table lives in
``radviz/knowledge/imaging.toml``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from radviz.knowledge.loader import knowledge_document


@dataclass(frozen=True)
class Prevalence:
    """How common a finding is in people without back pain (Brinjikji 2015)."""

    finding: str
    percent: int
    age_band: str
    patient: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class _PrevalenceTable:
    ages: tuple[int, ...]
    rows: Mapping[str, tuple[str, str, tuple[int, ...]]]
    lesions: Mapping[str, str]
    notes: Mapping[str, str]
    source: str


@lru_cache(maxsize=1)
def _prevalence_table() -> _PrevalenceTable:
    data = knowledge_document("imaging.toml")  # the knowledge parse cache (one home)
    ages = tuple(int(a) for a in data["ages"])
    rows: dict[str, tuple[str, str, tuple[int, ...]]] = {}
    for rid, row in data["rows"].items():
        values = tuple(int(v) for v in row["percent"])
        if len(values) != len(ages):
            raise ValueError(f"imaging.toml rows.{rid}: {len(values)} values for {len(ages)} ages")
        rows[rid] = (str(row["name"]), str(row.get("said", row["name"])), values)
    lesions = {str(k): str(v) for k, v in data["lesions"].items()}
    for k, v in lesions.items():
        if v not in rows:
            raise ValueError(f"imaging.toml lesions.{k}: unknown row {v!r}")
    notes = {str(k): str(v) for k, v in data.get("notes", {}).items()}
    return _PrevalenceTable(ages, rows, lesions, notes, str(data["sources"][0]))


def prevalence_note(lesion: str) -> str:
    """Plain-language note for a lesion (why there is no number, or a caveat)."""
    return _prevalence_table().notes.get(lesion, "")


def _in_words(percent: int) -> str:
    """'About 1 in 3' style wording for a percentage (plain language)."""
    if percent >= 93:
        return "Nearly all"
    if percent < 10:
        return f"About 1 in {max(2, round(100 / max(percent, 1)))}"
    if 48 <= percent <= 52:
        return "About half of"
    for d in (2, 3, 4, 5, 10):
        k = round(percent * d / 100)
        if 1 <= k < d and abs(k / d - percent / 100) <= 0.025:
            return f"About {k} in {d}"
    return f"About {min(9, max(1, round(percent / 10)))} in 10"


def asymptomatic_prevalence(lesion: str, age: float | None) -> Prevalence | None:
    """Share of people WITHOUT back pain who have this MRI finding (Brinjikji 2015).

    ``lesion`` is an imaging lesion id (or ``degeneration``, ``annular_fissure``...).
    Linear interpolation between the decade columns 20-80, clamped outside. With no
    age the mean of the columns is given and the sentence says it is for all ages.
    Returns ``None`` when the table has no row (stenosis, synovial cyst): see
    :func:`prevalence_note`.
    """
    table = _prevalence_table()
    rid = table.lesions.get(lesion)
    if rid is None:
        return None
    name, said, values = table.rows[rid]
    ages = table.ages
    note = table.notes.get(lesion, "")
    if age is None or not isinstance(age, int | float) or not math.isfinite(age):
        percent = round(sum(values) / len(values))
        band = f"{ages[0]}-{ages[-1]}"
        patient = (
            f"Many adults with no back pain have {said} on MRI: about {values[0]} in 100 "
            f"at age {ages[0]} and about {values[-1]} in 100 at age {ages[-1]}."
        )
        return Prevalence(name, percent, band, patient, table.source, note)
    a = float(age)
    if a <= ages[0]:
        percent, band = values[0], (f"{ages[0]}" if a == ages[0] else f"under {ages[0]}")
    elif a >= ages[-1]:
        percent, band = values[-1], (f"{ages[-1]}" if a == ages[-1] else f"over {ages[-1]}")
    else:
        i = max(k for k in range(len(ages)) if ages[k] <= a)
        if a == ages[i]:
            percent, band = values[i], f"{ages[i]}"
        else:
            t = (a - ages[i]) / (ages[i + 1] - ages[i])
            percent = round(values[i] + t * (values[i + 1] - values[i]))
            band = f"{ages[i]}-{ages[i + 1]}"
    shown_age = round(a)
    words = _in_words(int(percent))
    patient = f"{words} people aged {shown_age} with no back pain have {said} on MRI."
    return Prevalence(name, int(percent), band, patient, table.source, note)
