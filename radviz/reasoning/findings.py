"""The contract's findings document as frozen dataclasses (model layer, no Qt).

:func:`Findings.from_dict` validates a JSON-like mapping and raises
:class:`FindingsError` naming the offending field (``motor[0].grade``) and value.
Contract 7.1: the same entry twice counts once (a repeated weakness must not count twice);
two entries that contradict each other are refused naming both (``motor[0] and motor[3]``);
a list holds at most :data:`MAX_ENTRIES` entries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from radviz.anatomy import vocab

# Contract 7.1: a list in a findings document holds at most this many entries.
MAX_ENTRIES = 500
# Longest imaging report text accepted (characters); the session file keeps the same limit.
MAX_REPORT_CHARS = 1_000_000
# Error messages show at most this many characters of an offending value or key.
_SHOW_CHARS = 60

_E = TypeVar("_E")


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
    """A provocative test result; ``angle`` (degrees) only for the SLR and crossed SLR."""

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
    pain_score: float | None = None
    """Worst leg pain in the last week, 0-10 numeric rating scale (contract 7.1)."""
    function: str | None = None
    """``normal``, ``limited`` or ``severely_limited`` (contract 7.1)."""
    imaging: Mapping[str, Any] | None = None
    """The raw imaging input: ``{"report": text}`` or an imaging document
    ``{"findings": [...]}`` (contract 5, 7.1). Only its outer shape is checked here;
    :mod:`radviz.imaging` parses and judges it."""

    # ------------------------------------------------------------------ parse
    @classmethod
    def from_dict(cls, data: Any) -> Findings:
        """Validate a findings document (contract §3) and build it."""
        if not isinstance(data, Mapping):
            raise FindingsError("findings", f"expected a JSON object, got {describe_type(data)}")
        known = {
            "age",
            "sex",
            "duration_weeks",
            "symptoms",
            "motor",
            "reflexes",
            "tests",
            "flags",
            "pain_score",
            "function",
            "imaging",
        }
        for key in data:
            if key not in known:
                raise FindingsError(_key(key), f"unknown field {_show(key)}")
        age = _opt_number(data, "age", 0, 120, integer=True)
        duration = _opt_number(data, "duration_weeks", 0, 5200, integer=False)
        lo, hi = vocab.PAIN_SCORE_RANGE
        pain_score = _opt_number(data, "pain_score", lo, hi, integer=False)
        sex = data.get("sex")
        if sex is not None:
            _choice("sex", sex, vocab.SEXES)
        function = data.get("function")
        if function is not None:
            _choice("function", function, vocab.FUNCTIONS)
        imaging = _imaging(data.get("imaging"))
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
                angle=_angle(item, f"tests[{i}]"),
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
                raise FindingsError(f"flags.{_key(name)}", f"unknown flag {_show(name)}")
            if value is None:
                continue
            if not isinstance(value, bool):
                raise FindingsError(f"flags.{name}", f"expected true or false, got {_show(value)}")
            flags[name] = value
        return cls(
            age=None if age is None else int(age),
            sex=sex,
            duration_weeks=duration,
            symptoms=_once(
                "symptoms",
                symptoms,
                key=lambda s: (s.zone, s.side, s.kind),
                value=lambda s: None,
                what=lambda s, a, b: "",
            ),
            motor=_once(
                "motor",
                motor,
                key=lambda m: (m.movement, m.side),
                value=lambda m: m.grade,
                what=lambda m, a, b: f"{m.movement} ({m.side}) graded both {a}/5 and {b}/5",
            ),
            reflexes=_once(
                "reflexes",
                reflexes,
                key=lambda r: (r.reflex, r.side),
                value=lambda r: r.status,
                what=lambda r, a, b: f"{r.reflex} reflex ({r.side}) both {a} and {b}",
            ),
            tests=_once(
                "tests",
                tests,
                key=lambda t: (t.test, t.side),
                value=lambda t: (t.result, t.angle),
                # the same result with and without an angle is the same test, more or less
                # precisely recorded; two different angles contradict
                same=lambda a, b: a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1]),
                what=lambda t, a, b: (
                    f"{t.test} ({t.side}) recorded both {_test_text(a)} and {_test_text(b)}"
                ),
            ),
            flags=flags,
            pain_score=pain_score,
            function=function,
            imaging=imaging,
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
        if self.pain_score is not None:
            score = self.pain_score
            out["pain_score"] = int(score) if score == int(score) else score
        if self.function is not None:
            out["function"] = self.function
        if self.imaging is not None:
            out["imaging"] = dict(self.imaging)
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
    if len(value) > MAX_ENTRIES:
        raise FindingsError(key, f"{len(value)} entries; a list holds at most {MAX_ENTRIES}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise FindingsError(f"{key}[{i}]", f"expected an object, got {describe_type(item)}")
        for k in item:
            if k not in allowed:
                raise FindingsError(f"{key}[{i}].{_key(k)}", f"unknown field {_show(k)}")
        out.append((i, item))
    return out


def _once(
    name: str,
    entries: tuple[_E, ...],
    *,
    key: Callable[[_E], Hashable],
    value: Callable[[_E], Hashable],
    what: Callable[[_E, Any, Any], str],
    same: Callable[[Any, Any], bool] = lambda a, b: bool(a == b),
) -> tuple[_E, ...]:
    """``entries`` with repeats dropped (the first kept); two entries with the same ``key``
    and a different ``value`` are refused, naming both (``motor[0] and motor[3]``)."""
    seen: dict[Hashable, tuple[int, Hashable]] = {}
    out: list[_E] = []
    for i, entry in enumerate(entries):
        k, v = key(entry), value(entry)
        if k not in seen:
            seen[k] = (i, v)
            out.append(entry)
        elif not same(seen[k][1], v):
            first, earlier = seen[k]
            raise FindingsError(
                f"{name}[{first}] and {name}[{i}]",
                f"contradict each other: {what(entry, earlier, v)}",
            )
    return tuple(out)


def _test_text(value: Any) -> str:
    result, angle = value
    return str(result) if angle is None else f"{result} at {angle:g} degrees"


def _angle(item: Mapping[str, Any], where: str) -> float | None:
    if item.get("angle") is None:
        return None
    if item.get("test") not in vocab.ANGLE_TESTS:
        raise FindingsError(
            f"{where}.angle", f"an angle is recorded only for {' and '.join(vocab.ANGLE_TESTS)}"
        )
    return _number(f"{where}.angle", item["angle"], 0, 120, False)


def _imaging(value: Any) -> Mapping[str, Any] | None:
    """The outer shape of ``imaging``: ``{"report": text}`` or ``{"findings": [...]}``."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise FindingsError("imaging", f"expected an object, got {describe_type(value)}")
    keys = set(value)
    if keys == {"report"}:
        report = value["report"]
        if not isinstance(report, str):
            raise FindingsError("imaging.report", f"expected text, got {describe_type(report)}")
        if len(report) > MAX_REPORT_CHARS:
            raise FindingsError(
                "imaging.report",
                f"{len(report)} characters; a report holds at most {MAX_REPORT_CHARS}",
            )
        return {"report": report}
    if "findings" in keys and "report" not in keys:
        items = value["findings"]
        if not isinstance(items, list):
            raise FindingsError("imaging.findings", f"expected a list, got {describe_type(items)}")
        if len(items) > MAX_ENTRIES:
            raise FindingsError(
                "imaging.findings", f"{len(items)} entries; a list holds at most {MAX_ENTRIES}"
            )
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                raise FindingsError(
                    f"imaging.findings[{i}]", f"expected an object, got {describe_type(item)}"
                )
        from radviz.imaging.document import ImagingError, ImagingReport  # imaging imports us

        try:
            ImagingReport.from_dict(value)  # every finding's level, side, zone... (contract §5)
        except ImagingError as exc:
            raise FindingsError(f"imaging.{exc.field}", exc.message) from None
        return dict(value)
    raise FindingsError(
        "imaging", 'expected {"report": text} or an imaging document {"findings": [...]}'
    )


def _key(key: Any) -> str:
    """A document key as it may appear in a field path: printable and short."""
    text = key if isinstance(key, str) else repr(key)
    shown = text if text.isprintable() else repr(text)[1:-1]
    if not shown:
        return repr(text)
    return shown if len(shown) <= _SHOW_CHARS else shown[:_SHOW_CHARS] + "…"


def _show(value: Any) -> str:
    """A value for an error message: its repr, control characters escaped, cut short."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return "a number too large"
    if isinstance(value, str) and len(value) > _SHOW_CHARS:
        return repr(value[:_SHOW_CHARS]) + "…"
    if isinstance(value, list | dict):
        return describe_type(value)
    text = repr(value)
    return text if len(text) <= _SHOW_CHARS else text[:_SHOW_CHARS] + "…"


def _req(item: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in item or item[key] is None:
        raise FindingsError(f"{where}.{key}", "is required")
    return item[key]


def _choice(where: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if not isinstance(value, str) or value not in allowed:
        shown = ", ".join(allowed) if len(allowed) <= 8 else ", ".join(allowed[:8]) + ", …"
        raise FindingsError(where, f"unknown value {_show(value)} (expected one of: {shown})")
    return str(value)


def _side(item: Mapping[str, Any], where: str, *, midline_zone: bool = False) -> str:
    value = _req(item, "side", where)
    if midline_zone:
        if value != vocab.MIDLINE:
            raise FindingsError(
                f"{where}.side", f"a midline zone takes 'midline', got {_show(value)}"
            )
        return vocab.MIDLINE
    if value == vocab.MIDLINE:
        raise FindingsError(f"{where}.side", "'midline' is only for the sacrum and saddle zones")
    return _choice(f"{where}.side", value, vocab.SIDES)


def _number(where: str, value: Any, lo: float, hi: float, integer: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FindingsError(where, f"expected a number, got {describe_type(value)}")
    # Range first, on the value as given: a Python int of any size compares exactly with
    # a float, where float(), math.isfinite() or repr() of a 400-digit int would raise.
    if isinstance(value, float) and not math.isfinite(value):
        raise FindingsError(where, f"expected a finite number, got {value!r}")
    if not lo <= value <= hi:
        raise FindingsError(where, f"{_show(value)} is out of range ({lo:g} to {hi:g})")
    if integer and value != int(value):
        raise FindingsError(where, f"expected a whole number, got {value!r}")
    return float(value)


def _opt_number(
    data: Mapping[str, Any], key: str, lo: float, hi: float, *, integer: bool
) -> float | None:
    if data.get(key) is None:
        return None
    return _number(key, data[key], lo, hi, integer)
