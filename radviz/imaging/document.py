"""The imaging document (CONTRACT.md §5, §7.3): its vocabulary, types and validation.

Pure, no Qt. :mod:`radviz.imaging.parser` fills it from report text;
:mod:`radviz.imaging.concordance` judges it against the symptoms.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from radviz.anatomy import vocab
from radviz.anatomy.levels import LevelRoot
from radviz.reasoning.findings import FieldError, describe_type

LEVELS: tuple[str, ...] = vocab.LEVELS
IMAGING_SIDES: tuple[str, ...] = ("left", "right", "bilateral")
ZONES: tuple[str, ...] = vocab.DISC_ZONES
LESIONS: tuple[str, ...] = (
    "bulge",
    "protrusion",
    "extrusion",
    "sequestration",
    "herniation",
    "canal_stenosis",
    "lateral_recess_stenosis",
    "foraminal_stenosis",
    "spondylolisthesis",
    "synovial_cyst",
    "osteophyte",
    "other",
)
SEVERITIES: tuple[str, ...] = ("mild", "moderate", "severe", "unspecified")
SEVERITY_RANK: Mapping[str, int] = {"unspecified": 0, "mild": 1, "moderate": 2, "severe": 3}
"""The one severity order: an unstated severity ranks below every stated one."""
CERTAINTIES: tuple[str, ...] = ("definite", "possible")
RELATIONS: tuple[str, ...] = vocab.RELATIONS
ROOT_SIDES: tuple[str, ...] = vocab.SIDES
LISTHESIS_TYPES: tuple[str, ...] = ("degenerative", "isthmic", "retrolisthesis")
VERDICTS: tuple[str, ...] = ("concordant", "partly", "discordant", "incidental", "not_assessable")

TRANSITIONAL_NOTE = "Count of lumbar vertebrae may differ: confirm with your radiologist."
"""The note an imaging document carries when the report describes transitional anatomy."""

ImagingRoot = LevelRoot
"""A root a finding reaches (the level rule's own type)."""


def max_severity(a: str, b: str) -> str:
    """The more severe of two severities (a stated one beats ``unspecified``)."""
    return a if SEVERITY_RANK[a] >= SEVERITY_RANK[b] else b


def order_roots(roots: Iterable[ImagingRoot]) -> tuple[ImagingRoot, ...]:
    """One entry per root and side, in root order, left before right."""
    seen: dict[tuple[str, str], ImagingRoot] = {}
    for r in roots:
        seen.setdefault((r.root, r.side), r)
    return tuple(sorted(seen.values(), key=lambda r: (vocab.ROOTS.index(r.root), r.side != "left")))


class ImagingError(FieldError):
    """An imaging document is malformed; ``field`` names where."""


# --------------------------------------------------------------------------- documents
@dataclass(frozen=True)
class ImagingFinding:
    """One lesion at one level (contract §5)."""

    level: str
    side: str
    zone: str
    lesion: str
    severity: str
    roots: tuple[ImagingRoot, ...]
    text: str
    grade: int | None = None
    listhesis_type: str | None = None
    certainty: str = "definite"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "level": self.level,
            "side": self.side,
            "zone": self.zone,
            "lesion": self.lesion,
            "severity": self.severity,
            "certainty": self.certainty,
            "roots": [r.to_dict() for r in self.roots],
            "text": self.text,
        }
        if self.grade is not None:
            out["grade"] = self.grade
        if self.listhesis_type is not None:
            out["listhesis_type"] = self.listhesis_type
        return out


@dataclass(frozen=True)
class ImagingReport:
    """The imaging document: the findings of one report, by level."""

    findings: tuple[ImagingFinding, ...] = ()
    notes: tuple[str, ...] = ()
    """Things the reader must know about the whole report (transitional anatomy...)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape (``grade``/``listhesis_type`` only when set,
        ``notes`` only when there are any)."""
        out: dict[str, Any] = {"findings": [f.to_dict() for f in self.findings]}
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> ImagingReport:
        """Validate an imaging document (contract §5) and build it."""
        if not isinstance(data, Mapping):
            raise ImagingError("imaging", f"expected a JSON object, got {describe_type(data)}")
        for key in data:
            if key not in ("findings", "notes"):
                raise ImagingError(str(key), f"unknown field {key!r}")
        notes = data.get("notes") or []
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise ImagingError("notes", f"expected a list of strings, got {describe_type(notes)}")
        raw = data.get("findings", [])
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            raise ImagingError("findings", f"expected a list, got {describe_type(raw)}")
        return cls(
            findings=tuple(_finding_from_dict(i, item) for i, item in enumerate(raw)),
            notes=tuple(notes),
        )


_FINDING_KEYS = {
    "level",
    "side",
    "zone",
    "lesion",
    "severity",
    "roots",
    "text",
    "grade",
    "listhesis_type",
    "certainty",
}


def _finding_from_dict(i: int, item: Any) -> ImagingFinding:
    where = f"findings[{i}]"
    if not isinstance(item, Mapping):
        raise ImagingError(where, f"expected an object, got {describe_type(item)}")
    for key in item:
        if key not in _FINDING_KEYS:
            raise ImagingError(f"{where}.{key}", f"unknown field {key!r}")

    def req(key: str) -> Any:
        if key not in item or item[key] is None:
            raise ImagingError(f"{where}.{key}", "is required")
        return item[key]

    level = _choice(f"{where}.level", req("level"), LEVELS)
    side = _choice(f"{where}.side", req("side"), IMAGING_SIDES)
    zone = _choice(f"{where}.zone", req("zone"), ZONES)
    lesion = _choice(f"{where}.lesion", req("lesion"), LESIONS)
    severity = _choice(f"{where}.severity", req("severity"), SEVERITIES)
    text = item.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise ImagingError(f"{where}.text", f"expected a string, got {describe_type(text)}")
    roots_raw = item.get("roots", [])
    if roots_raw is None:
        roots_raw = []
    if not isinstance(roots_raw, list):
        raise ImagingError(f"{where}.roots", f"expected a list, got {describe_type(roots_raw)}")
    roots: list[ImagingRoot] = []
    for j, r in enumerate(roots_raw):
        rw = f"{where}.roots[{j}]"
        if not isinstance(r, Mapping):
            raise ImagingError(rw, f"expected an object, got {describe_type(r)}")
        for key in r:
            if key not in {"root", "side", "relation"}:
                raise ImagingError(f"{rw}.{key}", f"unknown field {key!r}")
        for key in ("root", "side", "relation"):
            if r.get(key) is None:
                raise ImagingError(f"{rw}.{key}", "is required")
        roots.append(
            ImagingRoot(
                root=_choice(f"{rw}.root", r["root"], vocab.ROOTS),
                side=_choice(f"{rw}.side", r["side"], ROOT_SIDES),
                relation=_choice(f"{rw}.relation", r["relation"], RELATIONS),
            )
        )
    grade = item.get("grade")
    if grade is not None:
        if isinstance(grade, bool) or not isinstance(grade, int | float):
            raise ImagingError(
                f"{where}.grade", f"expected a whole number, got {describe_type(grade)}"
            )
        if not math.isfinite(grade) or grade != int(grade) or not 1 <= grade <= 5:
            raise ImagingError(f"{where}.grade", f"{grade!r} is out of range (1 to 5)")
        grade = int(grade)
    ltype = item.get("listhesis_type")
    if ltype is not None:
        ltype = _choice(f"{where}.listhesis_type", ltype, LISTHESIS_TYPES)
    certainty = item.get("certainty")
    certainty = (
        "definite" if certainty is None else _choice(f"{where}.certainty", certainty, CERTAINTIES)
    )
    return ImagingFinding(
        certainty=certainty,
        level=level,
        side=side,
        zone=zone,
        lesion=lesion,
        severity=severity,
        roots=tuple(roots),
        text=text,
        grade=grade,
        listhesis_type=ltype,
    )


def _choice(where: str, value: Any, allowed: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(allowed) if len(allowed) <= 8 else ", ".join(allowed[:8]) + ", …"
        raise ImagingError(where, f"unknown value {value!r} (expected one of: {shown})")
    return value


# --------------------------------------------------------------------------- roots
