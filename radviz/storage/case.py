"""The case being worked on, and every edit of it (model layer, no Qt).

A :class:`Case` is one value: the clicked and typed findings, the free-hand drawing,
the imaging (report text, findings built by hand, report findings removed), the notes
and the patient's name. Every edit is a method that returns a new case and leaves the
old one alone — findings are frozen dataclasses, drawing masks are read-only arrays
that are never changed in place — so an undo stack can keep whole cases and undo is
exact, and the rules of an edit (a midline zone's side, a stroke that erases from every
kind, a hand-built finding replacing the report's reading of the same lesion) live
here, testable without a window. :class:`radviz.ui.app_state.AppState` is the thin Qt
adapter around it: signals, the undo stack, and the result of inference.

It lives in ``storage`` beside :mod:`radviz.storage.session` because a case is what a
session file stores: :meth:`Case.from_session` and :meth:`Case.to_session` are the
only bridge between the two, so opening a file and undoing an edit install the same
kind of value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import numpy as np

from radviz.anatomy import vocab
from radviz.imaging.document import ImagingFinding, ImagingReport
from radviz.reasoning.findings import Findings, Motor, Reflex, Symptom, Test
from radviz.storage.session import Session, now_iso

__all__ = ["Case", "ImagingEntry", "ImagingKey", "imaging_key", "validate_imaging_finding"]

ImagingKey = tuple[str, str, str, str]
"""``(level, side, zone, lesion)``: findings with the same key are the same lesion."""


class ImagingEntry(NamedTuple):
    """One row of the imaging list: the finding and where it came from."""

    finding: ImagingFinding
    origin: str
    """``"report"`` (read from the pasted text) or ``"added"`` (built with the pickers)."""


def imaging_key(finding: ImagingFinding | Mapping[str, Any]) -> ImagingKey:
    """The ``(level, side, zone, lesion)`` of a finding object or contract dict."""
    if isinstance(finding, ImagingFinding):
        return (finding.level, finding.side, finding.zone, finding.lesion)
    return (
        str(finding["level"]),
        str(finding["side"]),
        str(finding["zone"]),
        str(finding["lesion"]),
    )


def validate_imaging_finding(data: Mapping[str, Any]) -> ImagingFinding:
    """One contract §5 finding dict, validated (:class:`ImagingError` if malformed)."""
    return ImagingReport.from_dict({"findings": [dict(data)]}).findings[0]


@dataclass(frozen=True, eq=False)
class Case:
    """Everything an edit can change (see the module docstring).

    ``findings`` holds the typed and clicked findings (symptoms from zone clicks only);
    ``masks`` the free-hand drawing per symptom kind (read-only bool grids);
    ``imaging_text`` the MRI report as pasted (``None``: none); ``imaging_manual`` the
    findings built by hand, as contract §5 dicts (never changed in place);
    ``imaging_hidden`` the keys of report findings the user removed; ``demo`` the
    built-in case it started from.
    """

    findings: Findings = field(default_factory=Findings)
    masks: Mapping[str, np.ndarray] = field(default_factory=dict)
    demo: str | None = None
    imaging_text: str | None = None
    imaging_manual: tuple[dict[str, Any], ...] = ()
    imaging_hidden: tuple[ImagingKey, ...] = ()
    notes: str = ""
    patient_name: str | None = None

    # ------------------------------------------------------------ comparing
    def imaging_key(self) -> tuple[object, ...]:
        """Everything imaging: two cases with equal keys show the same imaging."""
        return (self.imaging_text, self.imaging_manual, self.imaging_hidden)

    def same_drawing(self, other: Case) -> bool:
        """Whether the two drawings are equal (shared arrays compare at once)."""
        if self.masks.keys() != other.masks.keys():
            return False
        return all(
            a is other.masks[k] or np.array_equal(a, other.masks[k]) for k, a in self.masks.items()
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Case):
            return NotImplemented
        if (
            self.findings,
            self.demo,
            self.imaging_key(),
            self.notes,
            self.patient_name,
        ) != (other.findings, other.demo, other.imaging_key(), other.notes, other.patient_name):
            return False
        return self.same_drawing(other)

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------ findings
    def with_findings(self, findings: Findings) -> Case:
        """The case with its clicked and typed findings replaced."""
        return replace(self, findings=findings)

    def toggle_zone(self, zone: str, side: str, kind: str) -> Case:
        """Shade ``zone`` on ``side`` with ``kind``, or clear it if it already is (a
        midline zone always takes the side ``midline``)."""
        if zone in vocab.MIDLINE_ZONES:
            side = vocab.MIDLINE
        sym = Symptom(zone=zone, side=side, kind=kind)
        cur = self.findings
        if sym in cur.symptoms:
            symptoms = tuple(s for s in cur.symptoms if s != sym)
        else:
            symptoms = (*cur.symptoms, sym)
        return self.with_findings(replace(cur, symptoms=symptoms))

    def has_symptom(self, zone: str, side: str, kind: str) -> bool:
        """Whether a zone click shaded ``zone`` on ``side`` with ``kind``."""
        if zone in vocab.MIDLINE_ZONES:
            side = vocab.MIDLINE
        return Symptom(zone=zone, side=side, kind=kind) in self.findings.symptoms

    def clear_zone(self, zone: str, side: str) -> Case:
        """Remove every clicked symptom of one zone."""
        cur = self.findings
        symptoms = tuple(s for s in cur.symptoms if (s.zone, s.side) != (zone, side))
        return self.with_findings(replace(cur, symptoms=symptoms))

    def with_age(self, age: int | None) -> Case:
        return self.with_findings(replace(self.findings, age=age))

    def with_sex(self, sex: str | None) -> Case:
        return self.with_findings(replace(self.findings, sex=sex))

    def with_duration(self, weeks: float | None) -> Case:
        return self.with_findings(replace(self.findings, duration_weeks=weeks))

    def with_motor(self, movement: str, side: str, grade: int | None) -> Case:
        """MRC strength 0-5 of a movement (``None``: not tested)."""
        cur = self.findings
        motor = [m for m in cur.motor if (m.movement, m.side) != (movement, side)]
        if grade is not None:
            motor.append(Motor(movement=movement, side=side, grade=int(grade)))
        return self.with_findings(replace(cur, motor=tuple(motor)))

    def with_reflex(self, reflex: str, side: str, status: str | None) -> Case:
        """A reflex result (``None``: not tested)."""
        cur = self.findings
        items = [r for r in cur.reflexes if (r.reflex, r.side) != (reflex, side)]
        if status is not None:
            items.append(Reflex(reflex=reflex, side=side, status=status))
        return self.with_findings(replace(cur, reflexes=tuple(items)))

    def with_test(
        self, test: str, side: str, result: str | None, angle: float | None = None
    ) -> Case:
        """A test result (``None``: not done); ``angle`` is kept only for the tests that
        take one (:data:`radviz.anatomy.vocab.ANGLE_TESTS`)."""
        cur = self.findings
        items = [t for t in cur.tests if (t.test, t.side) != (test, side)]
        if result is not None:
            takes_angle = test in vocab.ANGLE_TESTS
            items.append(
                Test(test=test, side=side, result=result, angle=angle if takes_angle else None)
            )
        return self.with_findings(replace(cur, tests=tuple(items)))

    def with_flag(self, flag: str, value: bool | None) -> Case:
        """A history answer: yes, no, or ``None`` (not asked)."""
        flags = dict(self.findings.flags)
        if value is None:
            flags.pop(flag, None)
        else:
            flags[flag] = bool(value)
        return self.with_findings(replace(self.findings, flags=flags))

    # ------------------------------------------------------------- drawing
    def with_stroke(self, kind: str, erase: bool, stroke: np.ndarray) -> Case:
        """Add a brush stroke to ``kind``'s grid, or erase it from every grid. Returns
        this very case when the stroke changes nothing."""
        stroke = np.asarray(stroke, dtype=bool)
        if not stroke.any():
            return self
        masks = dict(self.masks)
        if erase:
            changed = False
            for k, m in list(masks.items()):
                if np.any(m & stroke):
                    new = m & ~stroke
                    new.flags.writeable = False
                    masks[k] = new
                    changed = True
            if not changed:
                return self
            masks = {k: m for k, m in masks.items() if m.any()}
        else:
            old = masks.get(kind)
            new = stroke.copy() if old is None else (old | stroke)
            new.flags.writeable = False
            masks[kind] = new
        return replace(self, masks=masks)

    def drawn_symptoms(self) -> list[Symptom]:
        """The symptoms the drawing reduces to (see :mod:`radviz.anatomy.drawing`)."""
        if not self.masks:
            return []
        from radviz.anatomy.drawing import reduce_drawing

        return reduce_drawing(dict(self.masks))

    def combined_findings(self, drawn: Sequence[Symptom] | None = None) -> Findings:
        """Clicked and typed findings plus the drawing's symptoms (what is inferred on).
        ``drawn`` passes symptoms already reduced from this drawing."""
        extra = self.drawn_symptoms() if drawn is None else list(drawn)
        seen = set(self.findings.symptoms)
        merged = list(self.findings.symptoms) + [s for s in extra if s not in seen]
        return replace(self.findings, symptoms=tuple(merged))

    # ------------------------------------------------------------- imaging
    def with_imaging_text(self, text: str) -> Case:
        """Read an MRI report; a blank text removes it. Findings removed from an earlier
        report's list come back with a new text."""
        new = text if text.strip() else None
        if new == self.imaging_text:
            return self
        return replace(self, imaging_text=new, imaging_hidden=())

    def imaging_entries(self, parsed: Sequence[ImagingFinding]) -> list[ImagingEntry]:
        """Every imaging finding shown: ``parsed`` (this case's report, read) less the
        hidden ones, then those built by hand. A hand-built finding replaces the report's
        reading of the same lesion in place (a clinician's correction)."""
        hidden = set(self.imaging_hidden)
        out: dict[ImagingKey, ImagingEntry] = {}
        for f in parsed:
            key = imaging_key(f)
            if key not in hidden:
                out.setdefault(key, ImagingEntry(f, "report"))
        for d in self.imaging_manual:
            out[imaging_key(d)] = ImagingEntry(validate_imaging_finding(d), "added")
        return list(out.values())

    def with_imaging_finding(self, finding: ImagingFinding | Mapping[str, Any]) -> Case:
        """Add a hand-built finding (validated: ``ImagingError`` if malformed). With no
        ``roots`` the anatomical rule fills them in; a finding with the key of one
        already built replaces it."""
        from radviz.anatomy.levels import roots_at_level

        data = finding.to_dict() if isinstance(finding, ImagingFinding) else dict(finding)
        f = validate_imaging_finding(data)
        if not f.roots:
            f = replace(f, roots=roots_at_level(f.level, f.zone, f.side))
        data = f.to_dict()
        key = imaging_key(f)
        cur = self.imaging_manual
        if any(imaging_key(d) == key for d in cur):
            manual = tuple(data if imaging_key(d) == key else d for d in cur)
        else:
            manual = (*cur, data)
        hidden = tuple(h for h in self.imaging_hidden if h != key)
        return replace(self, imaging_manual=manual, imaging_hidden=hidden)

    def without_imaging_finding(self, key: ImagingKey, parsed: Sequence[ImagingFinding]) -> Case:
        """Remove the finding ``key``: a hand-built one is dropped, one read from the
        report (``parsed``) is hidden (the report text is kept)."""
        manual = tuple(d for d in self.imaging_manual if imaging_key(d) != key)
        hidden = self.imaging_hidden
        if any(imaging_key(p) == key for p in parsed) and key not in hidden:
            hidden = (*hidden, key)
        return replace(self, imaging_manual=manual, imaging_hidden=hidden)

    def without_imaging(self) -> Case:
        """The report and every imaging finding removed."""
        return replace(self, imaging_text=None, imaging_manual=(), imaging_hidden=())

    # ------------------------------------------------------- notes and name
    def with_notes(self, notes: str) -> Case:
        return replace(self, notes=notes)

    def with_patient_name(self, name: str | None) -> Case:
        """The name to print (blank: none)."""
        return replace(self, patient_name=(name or "").strip() or None)

    # ------------------------------------------------------------- sources
    @classmethod
    def from_demo(cls, name: str) -> Case:
        """A built-in demo case; :class:`KeyError` for an unknown name."""
        from radviz.training.demos import DEMOS

        demo = DEMOS[name]
        return cls(findings=demo.to_findings(), demo=name, imaging_text=demo.imaging_text)

    @classmethod
    def from_findings_dict(cls, data: Any) -> Case:
        """A case from a contract findings document (``FindingsError`` if invalid)."""
        return cls(findings=Findings.from_dict(data))

    @classmethod
    def from_session(cls, session: Session, parsed: Sequence[ImagingFinding] = ()) -> Case:
        """The case a saved session holds. ``parsed`` is the session's report, read:
        report findings the file does not list are hidden, listed findings the report
        does not give (or gives differently) are hand-built, so the case shows exactly
        the saved imaging."""
        wanted = {imaging_key(d): dict(d) for d in session.imaging}
        from_report = {imaging_key(f): f.to_dict() for f in parsed}
        hidden = tuple(k for k in from_report if k not in wanted)
        manual = tuple(d for k, d in wanted.items() if from_report.get(k) != d)
        return cls(
            findings=session.findings,
            masks={k: m for k, m in session.drawing.items() if np.any(m)},
            imaging_text=session.imaging_text or None,
            imaging_manual=manual,
            imaging_hidden=hidden,
            notes=session.notes,
            patient_name=session.patient_name or None,
        )

    def to_session(
        self,
        imaging: Sequence[ImagingFinding],
        *,
        created: str | None = None,
        modified: str | None = None,
    ) -> Session:
        """The session to save: ``imaging`` is what is shown
        (:meth:`imaging_entries`' findings)."""
        return Session(
            findings=self.findings,
            drawing={k: m for k, m in self.masks.items() if m.any()},
            imaging_text=self.imaging_text or "",
            imaging=tuple(f.to_dict() for f in imaging),
            notes=self.notes,
            patient_name=self.patient_name or None,
            created=created or now_iso(),
            modified=modified or now_iso(),
        )
