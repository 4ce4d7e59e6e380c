"""The contract's findings document as frozen dataclasses (model layer, no Qt).

:func:`Findings.from_dict` validates a JSON-like mapping and raises
:class:`FindingsError` naming the offending field (``motor[0].grade``) and value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from radviz.anatomy import vocab


class FieldError(ValueError):
    """A document is malformed; ``field`` names where (``motor[0].grade``)."""

    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(f"{field_path}: {message}")
        self.field = field_path
        self.message = message


class FindingsError(FieldError):
    """A findings document is malformed; ``field`` names where."""


@dataclass(frozen=True)
class Symptom:
    """A shaded zone: where it is felt, on which side, and how."""

    zone: str
    side: str
    kind: str


@dataclass(frozen=True)
class Motor:
    """Strength of one movement on one side, MRC 0-5 (5 = normal)."""

    movement: str
    side: str
    grade: int


@dataclass(frozen=True)
class Reflex:
    """A tendon reflex result."""

    reflex: str
    side: str
    status: str


@dataclass(frozen=True)
class Test:
    """A provocative test result; ``angle`` (degrees) only for the SLR."""

    test: str
    side: str
    result: str
    angle: float | None = None


@dataclass(frozen=True)
class Findings:
    """Everything known about a case. Every field is optional."""

    age: int | None = None
    sex: str | None = None
    duration_weeks: float | None = None
    symptoms: tuple[Symptom, ...] = ()
    motor: tuple[Motor, ...] = ()
    reflexes: tuple[Reflex, ...] = ()
    tests: tuple[Test, ...] = ()
    flags: Mapping[str, bool] = field(default_factory=dict)

    # ------------------------------------------------------------------ parse
    @classmethod
    def from_dict(cls, data: Any) -> Findings:
        """Validate a findings document (contract §3) and build it."""
        if not isinstance(data, Mapping):
            raise FindingsError("findings", f"expected a JSON object, got {describe_type(data)}")
        known = {"age", "sex", "duration_weeks", "symptoms", "motor", "reflexes", "tests", "flags"}
        for key in data:
            if key not in known:
                raise FindingsError(str(key) or repr(key), f"unknown field {key!r}")
        age = _opt_number(data, "age", 0, 120, integer=True)
        duration = _opt_number(data, "duration_weeks", 0, 5200, integer=False)
        sex = data.get("sex")
        if sex is not None:
            _choice("sex", sex, vocab.SEXES)
        symptoms = tuple(
            Symptom(
                zone=_choice(
                    f"symptoms[{i}].zone", _req(item, "zone", f"symptoms[{i}]"), vocab.ZONES
                ),
                side=_side(
                    item, f"symptoms[{i}]", midline_zone=item.get("zone") in vocab.MIDLINE_ZONES
                ),
                kind=_choice(
                    f"symptoms[{i}].kind", _req(item, "kind", f"symptoms[{i}]"), vocab.SYMPTOM_KINDS
                ),
            )
            for i, item in _items(data, "symptoms", {"zone", "side", "kind"})
        )
        motor = tuple(
            Motor(
                movement=_choice(
                    f"motor[{i}].movement", _req(item, "movement", f"motor[{i}]"), vocab.MOVEMENTS
                ),
                side=_side(item, f"motor[{i}]"),
                grade=int(
                    _number(f"motor[{i}].grade", _req(item, "grade", f"motor[{i}]"), 0, 5, True)
                ),
            )
            for i, item in _items(data, "motor", {"movement", "side", "grade"})
        )
        reflexes = tuple(
            Reflex(
                reflex=_choice(
                    f"reflexes[{i}].reflex", _req(item, "reflex", f"reflexes[{i}]"), vocab.REFLEXES
                ),
                side=_side(item, f"reflexes[{i}]"),
                status=_choice(
                    f"reflexes[{i}].status",
                    _req(item, "status", f"reflexes[{i}]"),
                    vocab.REFLEX_STATUSES,
                ),
            )
            for i, item in _items(data, "reflexes", {"reflex", "side", "status"})
        )
        tests = tuple(
            Test(
                test=_choice(f"tests[{i}].test", _req(item, "test", f"tests[{i}]"), vocab.TESTS),
                side=_side(item, f"tests[{i}]"),
                result=_choice(
                    f"tests[{i}].result", _req(item, "result", f"tests[{i}]"), vocab.TEST_RESULTS
                ),
                angle=(
                    None
                    if item.get("angle") is None
                    else _number(f"tests[{i}].angle", item["angle"], 0, 120, False)
                ),
            )
            for i, item in _items(data, "tests", {"test", "side", "result", "angle"})
        )
        flags_raw = data.get("flags", {})
        if flags_raw is None:
            flags_raw = {}
        if not isinstance(flags_raw, Mapping):
            raise FindingsError("flags", f"expected an object, got {describe_type(flags_raw)}")
        flags: dict[str, bool] = {}
        for name, value in flags_raw.items():
            if name not in vocab.FLAGS:
                raise FindingsError(f"flags.{name}", f"unknown flag {name!r}")
            if value is None:
                continue
            if not isinstance(value, bool):
                raise FindingsError(f"flags.{name}", f"expected true or false, got {value!r}")
            flags[name] = value
        return cls(
            age=None if age is None else int(age),
            sex=sex,
            duration_weeks=duration,
            symptoms=symptoms,
            motor=motor,
            reflexes=reflexes,
            tests=tests,
            flags=flags,
        )

    # ------------------------------------------------------------- serialise
    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON shape (only the keys that are set)."""
        out: dict[str, Any] = {}
        if self.age is not None:
            out["age"] = self.age
        if self.sex is not None:
            out["sex"] = self.sex
        if self.duration_weeks is not None:
            out["duration_weeks"] = self.duration_weeks
        if self.symptoms:
            out["symptoms"] = [
                {"zone": s.zone, "side": s.side, "kind": s.kind} for s in self.symptoms
            ]
        if self.motor:
            out["motor"] = [
                {"movement": m.movement, "side": m.side, "grade": m.grade} for m in self.motor
            ]
        if self.reflexes:
            out["reflexes"] = [
                {"reflex": r.reflex, "side": r.side, "status": r.status} for r in self.reflexes
            ]
        if self.tests:
            tests = []
            for t in self.tests:
                item: dict[str, Any] = {"test": t.test, "side": t.side, "result": t.result}
                if t.angle is not None:
                    item["angle"] = t.angle
                tests.append(item)
            out["tests"] = tests
        if self.flags:
            out["flags"] = dict(self.flags)
        return out

    # --------------------------------------------------------------- helpers
    def flag(self, name: str) -> bool | None:
        """Return ``True``/``False`` if asked, ``None`` if not asked."""
        return self.flags.get(name)

    def mirrored(self) -> Findings:
        """Return the same case with every left and right swapped."""
        sw = vocab.other_side
        return replace(
            self,
            symptoms=tuple(replace(s, side=sw(s.side)) for s in self.symptoms),
            motor=tuple(replace(m, side=sw(m.side)) for m in self.motor),
            reflexes=tuple(replace(r, side=sw(r.side)) for r in self.reflexes),
            tests=tuple(replace(t, side=sw(t.side)) for t in self.tests),
        )

    def is_empty(self) -> bool:
        """True when there is nothing to classify (no symptom, sign or test)."""
        return not (self.symptoms or self.motor or self.reflexes or self.tests)


# ----------------------------------------------------------------- validation
def describe_type(value: Any) -> str:
    """A JSON value's type in words, for error messages (``a string``, ``null``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _items(
    data: Mapping[str, Any], key: str, allowed: set[str]
) -> Iterable[tuple[int, Mapping[str, Any]]]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise FindingsError(key, f"expected a list, got {describe_type(value)}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise FindingsError(f"{key}[{i}]", f"expected an object, got {describe_type(item)}")
        for k in item:
            if k not in allowed:
                raise FindingsError(f"{key}[{i}].{k}", f"unknown field {k!r}")
        out.append((i, item))
    return out


def _req(item: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in item or item[key] is None:
        raise FindingsError(f"{where}.{key}", "is required")
    return item[key]


def _choice(where: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(allowed) if len(allowed) <= 8 else ", ".join(allowed[:8]) + ", …"
        raise FindingsError(where, f"unknown value {value!r} (expected one of: {shown})")
    return str(value)


def _side(item: Mapping[str, Any], where: str, *, midline_zone: bool = False) -> str:
    value = _req(item, "side", where)
    if midline_zone:
        if value != vocab.MIDLINE:
            raise FindingsError(f"{where}.side", f"a midline zone takes 'midline', got {value!r}")
        return vocab.MIDLINE
    if value == vocab.MIDLINE:
        raise FindingsError(f"{where}.side", "'midline' is only for the sacrum and saddle zones")
    return _choice(f"{where}.side", value, vocab.SIDES)


def _number(where: str, value: Any, lo: float, hi: float, integer: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FindingsError(where, f"expected a number, got {describe_type(value)}")
    if not math.isfinite(value):
        raise FindingsError(where, f"expected a finite number, got {value!r}")
    if integer and value != int(value):
        raise FindingsError(where, f"expected a whole number, got {value!r}")
    if not lo <= value <= hi:
        raise FindingsError(where, f"{value!r} is out of range ({lo:g} to {hi:g})")
    return float(value)


def _opt_number(
    data: Mapping[str, Any], key: str, lo: float, hi: float, *, integer: bool
) -> float | None:
    if data.get(key) is None:
        return None
    return _number(key, data[key], lo, hi, integer)
