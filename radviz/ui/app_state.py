"""The Qt adapter of the case (UI layer).

:class:`AppState` holds the current :class:`~radviz.storage.case.Case` — findings,
drawing, imaging, notes and the patient's name, with every edit's rule — and adds what
a window needs around it: signals, the undo stack, the result of inference, the
selected root, the audience and the dermatome layer. Widgets read from it and write
back only through its methods; each edit asks the case for the edited case and pushes
it as a :class:`~radviz.ui.undo.SnapshotCommand`, so every change is undoable. The
result is recomputed synchronously after each change (inference is pure and takes
about a millisecond).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from radviz.anatomy import drawing
from radviz.imaging.document import ImagingFinding, ImagingReport
from radviz.imaging.report_cache import read_report
from radviz.reasoning.findings import Findings, Symptom
from radviz.reasoning.result import Result
from radviz.storage.case import Case, ImagingEntry, ImagingKey, imaging_key
from radviz.storage.session import Session
from radviz.training.demos import DEMOS
from radviz.ui import undo

__all__ = [
    "AUDIENCES",
    "AUTO_SELECT",
    "VARIANTS",
    "AppState",
    "ImagingEntry",
    "ImagingKey",
    "imaging_key",
    "kinds_text",
    "side_label",
]

AUDIENCES = ("patient", "clinician")
VARIANTS = ("classic", "lee2008")
AUTO_SELECT = 0.3
"""The most likely root is selected (and lit) automatically only from this probability;
lighting an unlikely root's territory would mislead a patient."""


def _infer(findings: Findings) -> Result:
    from radviz.reasoning.inference import infer

    return infer(findings)


class AppState(QObject):
    """Current case, result, selection, audience and undo stack (see the module)."""

    sig_findings_changed = Signal()
    """The findings or the drawing changed (any edit, undo or redo)."""

    sig_result_changed = Signal()
    """:attr:`result` was recomputed; emitted right after ``sig_findings_changed``."""

    sig_selection_changed = Signal()
    """:attr:`selected_root` changed (a root picked in a chart, list or the spine)."""

    sig_audience_changed = Signal(str)
    """The language switched; the argument is ``"patient"`` or ``"clinician"``."""

    sig_variant_changed = Signal(object)
    """The dermatome layer changed; the argument is a variant name or ``None`` (off)."""

    sig_imaging_changed = Signal()
    """The imaging changed: report text read, a finding added or removed, imaging
    cleared, a demo opened (any edit, undo or redo). :attr:`imaging_findings` is already
    up to date. When the same step also changed the findings (a demo), it comes after
    ``sig_result_changed``, so the result is current too."""

    sig_notes_changed = Signal()
    """The case notes or the patient's name changed (any edit, undo or redo)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._case = Case()
        self._drawn: list[Symptom] = []
        self._parsed: tuple[str | None, ImagingReport] = (None, ImagingReport())
        self._imaging: list[ImagingEntry] = []
        self._findings = Findings()
        self.result: Result = _infer(self._findings)
        self.selected_root: tuple[str, str] | None = None
        self._selection_is_auto = True
        self.audience = "patient"
        # Off by default: a patient's own shading reads better without colour bands.
        self.dermatome_variant: str | None = None
        self._refresh_selection()

    # ------------------------------------------------------------------ reads
    @property
    def case(self) -> Case:
        """The current case (a frozen value: edit it through this object's methods)."""
        return self._case

    @property
    def findings(self) -> Findings:
        """Clicked and typed findings plus the symptoms reduced from the drawing."""
        return self._findings

    @property
    def clicked_findings(self) -> Findings:
        """The findings without the drawing's symptoms (what zone clicks shaded)."""
        return self._case.findings

    @property
    def masks(self) -> dict[str, np.ndarray]:
        """The free-hand drawing: one read-only bool grid per symptom kind."""
        return dict(self._case.masks)

    @property
    def drawn_symptoms(self) -> list[Symptom]:
        """Symptoms the drawing was reduced to (see :mod:`radviz.anatomy.drawing`)."""
        return list(self._drawn)

    @property
    def selection_is_auto(self) -> bool:
        """True when :attr:`selected_root` follows the result rather than a user's pick."""
        return self._selection_is_auto

    @property
    def demo(self) -> str | None:
        """Name of the demo case last loaded (``None`` once cleared)."""
        return self._case.demo

    @property
    def notes(self) -> str:
        """The case notes (saved with the case, printed on the handout)."""
        return self._case.notes

    @property
    def patient_name(self) -> str | None:
        """The patient's name to print (``None``: none typed)."""
        return self._case.patient_name

    @property
    def imaging_text(self) -> str | None:
        """The MRI report as pasted or as it came with the demo case (``None``: none)."""
        return self._case.imaging_text

    @property
    def imaging_manual(self) -> tuple[dict[str, Any], ...]:
        """The findings built by hand, as contract §5 dicts (copies)."""
        return tuple(dict(d) for d in self._case.imaging_manual)

    @property
    def imaging_entries(self) -> list[ImagingEntry]:
        """:attr:`imaging_findings` with where each came from (``report``/``added``)."""
        return list(self._imaging)

    @property
    def imaging_findings(self) -> list[ImagingFinding]:
        """Every imaging finding: those read from the report, then those built by hand.

        De-duplicated by ``(level, side, zone, lesion)``: a hand-built finding replaces
        the report's reading of the same lesion in place (a clinician's correction, e.g.
        of the severity); findings the user removed are left out.
        """
        return [e.finding for e in self._imaging]

    def imaging_document(self) -> dict[str, Any]:
        """:attr:`imaging_findings` as the contract's imaging document (§5)."""
        return ImagingReport(findings=tuple(self.imaging_findings)).to_dict()

    def root_overlap(self) -> dict[tuple[str, str], float]:
        """How much of each root's territory the drawing covers (current variant)."""
        mask = drawing.union(dict(self._case.masks))
        if mask is None:
            return {}
        return drawing.root_overlap(mask, self.dermatome_variant or "classic")

    def session(self, *, created: str | None = None, modified: str | None = None) -> Session:
        """The case as a :class:`~radviz.storage.session.Session` to save (the imaging
        as shown)."""
        return self._case.to_session(self.imaging_findings, created=created, modified=modified)

    # ------------------------------------------------------------ internals
    def _install(self, case: Case) -> None:
        """Install a case (the undo commands' function) and recompute what changed."""
        old = self._case
        masks_changed = not old.same_drawing(case)
        imaging_changed = case.imaging_key() != old.imaging_key()
        notes_changed = (case.notes, case.patient_name) != (old.notes, old.patient_name)
        findings_changed = masks_changed or case.findings != old.findings
        # An imaging-only or notes-only edit leaves findings and result alone (no
        # needless redraws); any other step (a demo re-opened) recomputes.
        case_changed = findings_changed or not (imaging_changed or notes_changed)
        self._case = case
        if imaging_changed:
            self._imaging = case.imaging_entries(self._parse(case.imaging_text))
        if case_changed:
            if masks_changed:
                self._drawn = case.drawn_symptoms()
            self._findings = case.combined_findings(self._drawn)
            self.result = _infer(self._findings)
            self.sig_findings_changed.emit()
            self.sig_result_changed.emit()
            self._refresh_selection()
        if imaging_changed:
            self.sig_imaging_changed.emit()
        if notes_changed:
            self.sig_notes_changed.emit()

    def _parse(self, text: str | None) -> tuple[ImagingFinding, ...]:
        """The report's findings (the last text read is kept: undo/redo re-reads it; a
        text read in an earlier run comes from the disk cache, report_cache)."""
        return self._read(text).findings

    def _read(self, text: str | None) -> ImagingReport:
        if self._parsed[0] != text:
            self._parsed = (text, read_report(text) if text else ImagingReport())
        return self._parsed[1]

    @property
    def imaging_notes(self) -> tuple[str, ...]:
        """What the reader must know about the report applied (transitional anatomy)."""
        return self._read(self._case.imaging_text).notes

    def _refresh_selection(self) -> None:
        """Keep a user's pick; otherwise follow the most likely root (if likely enough)."""
        if self.selected_root is not None and not self._selection_is_auto:
            return
        ranked = sorted(self.result.roots, key=lambda r: -r.probability)
        top = ranked[0] if ranked and ranked[0].probability >= AUTO_SELECT else None
        new = (top.root, top.side) if top is not None else None
        if new != self.selected_root:
            self.selected_root = new
            self._selection_is_auto = True
            self.sig_selection_changed.emit()

    def _push(
        self,
        cls: type[undo.SnapshotCommand],
        after: Case,
        text: str,
        merge_id: int = -1,
        merge_key: object = None,
    ) -> None:
        if after == self._case and cls is not undo.LoadDemoCommand:
            return
        self.undo_stack.push(cls(self._install, self._case, after, text, merge_id, merge_key))

    def _set_findings(
        self, case: Case, text: str, merge_id: int = -1, merge_key: object = None
    ) -> None:
        if case.findings == self._case.findings:
            return
        self._push(undo.SetFindingCommand, case, text, merge_id, merge_key)

    # --------------------------------------------------------------- whole case
    def reset(self, case: Case) -> None:
        """Start afresh from ``case`` (an opened file, a restored recovery copy): it is
        installed as the clean starting point, with an empty undo history."""
        self.undo_stack.clear()
        self._selection_is_auto = True
        self._install(case)
        self.undo_stack.clear()

    # ------------------------------------------------------------ body map
    def toggle_zone(self, zone: str, side: str, kind: str) -> None:
        """Shade ``zone`` on ``side`` with ``kind``, or clear it if it already is."""
        words = zone.replace("_", " ")
        if self._case.has_symptom(zone, side, kind):
            text = f"Clear {words} ({side})"
        else:
            text = f"Shade {words} ({side}) as {kind}"
        self._push(undo.ToggleZoneCommand, self._case.toggle_zone(zone, side, kind), text)

    def clear_zone(self, zone: str, side: str) -> None:
        """Remove every clicked symptom of one zone."""
        self._set_findings(self._case.clear_zone(zone, side), f"Clear {zone} ({side})")

    def apply_stroke(self, kind: str, erase: bool, stroke: np.ndarray) -> None:
        """Add a brush stroke to ``kind``'s grid, or erase it from every grid."""
        after = self._case.with_stroke(kind, erase, stroke)
        if after is self._case:
            return
        self._push(undo.StrokeCommand, after, "Erase" if erase else f"Paint {kind}")

    # ------------------------------------------------------------ findings
    def set_age(self, age: int | None) -> None:
        """Set the age in years (``None``: not given)."""
        self._set_findings(self._case.with_age(age), "Set age", undo.MERGE_AGE, "age")

    def set_sex(self, sex: str | None) -> None:
        """Set the sex (``None``: not given)."""
        self._set_findings(self._case.with_sex(sex), "Set sex")

    def set_duration(self, weeks: float | None) -> None:
        """Set how long the symptoms have lasted, in weeks (``None``: not given)."""
        self._set_findings(
            self._case.with_duration(weeks), "Set duration", undo.MERGE_DURATION, "duration"
        )

    def set_motor(self, movement: str, side: str, grade: int | None) -> None:
        """Set MRC strength 0-5 of a movement (``None``: not tested)."""
        self._set_findings(
            self._case.with_motor(movement, side, grade),
            f"Set {movement.replace('_', ' ')} ({side})",
        )

    def set_reflex(self, reflex: str, side: str, status: str | None) -> None:
        """Set a reflex result (``None``: not tested)."""
        self._set_findings(
            self._case.with_reflex(reflex, side, status),
            f"Set {reflex.replace('_', ' ')} reflex ({side})",
        )

    def set_test(
        self, test: str, side: str, result: str | None, angle: float | None = None
    ) -> None:
        """Set a test result (``None``: not done); ``angle`` only for the SLR tests."""
        merge = (undo.MERGE_ANGLE, ("angle", test, side)) if result is not None else (-1, None)
        self._set_findings(
            self._case.with_test(test, side, result, angle),
            f"Set {test.replace('_', ' ')} ({side})",
            merge[0],
            merge[1],
        )

    def set_flag(self, flag: str, value: bool | None) -> None:
        """Answer a history question: yes, no, or ``None`` (not asked)."""
        self._set_findings(self._case.with_flag(flag, value), f"Answer {flag.replace('_', ' ')}")

    def set_findings(self, findings: Findings, text: str = "Set findings") -> None:
        """Replace the clicked/typed findings as one undoable step."""
        self._set_findings(self._case.with_findings(findings), text)

    def clear_all(self) -> None:
        """Clear every finding, the drawing and the imaging (undoable); the notes and
        the patient's name stay."""
        keep = Case(notes=self._case.notes, patient_name=self._case.patient_name)
        if self._case == keep:
            return
        self._selection_is_auto = True
        self._push(undo.ClearAllCommand, keep, "Clear all")

    def load_demo(self, name: str) -> None:
        """Replace the case with the built-in demo ``name`` (undoable).

        Raises :class:`KeyError` for an unknown name.
        """
        demo = Case.from_demo(name)
        after = demo.with_notes(self._case.notes).with_patient_name(self._case.patient_name)
        self._selection_is_auto = True
        self._push(undo.LoadDemoCommand, after, f"Open demo: {DEMOS[name].title}")

    def load_findings_dict(self, data: dict[str, Any]) -> None:
        """Replace the case with a contract findings document (undoable)."""
        after = Case.from_findings_dict(data).with_notes(self._case.notes)
        after = after.with_patient_name(self._case.patient_name)
        self._push(undo.LoadDemoCommand, after, "Open findings")

    # ------------------------------------------------------- notes and name
    def set_notes(self, notes: str) -> None:
        """Change the case notes (undoable)."""
        self._push(undo.SetNotesCommand, self._case.with_notes(notes), "Edit notes")

    def set_patient_name(self, name: str | None) -> None:
        """Change the patient's name to print (blank: none; undoable)."""
        self._push(
            undo.SetNotesCommand, self._case.with_patient_name(name), "Set the patient's name"
        )

    # ------------------------------------------------------------ imaging
    def set_imaging_text(self, text: str) -> None:
        """Read an MRI report (undoable); a blank text removes the report.

        Findings removed from an earlier report's list come back with a new text.
        """
        after = self._case.with_imaging_text(text)
        if after is self._case:
            return
        self._push(
            undo.SetImagingTextCommand,
            after,
            "Read the MRI report" if after.imaging_text else "Remove the MRI report",
        )

    def add_imaging_finding(self, finding: ImagingFinding | Mapping[str, Any]) -> None:
        """Add a hand-built finding (an object or a contract §5 dict), undoable.

        Raises :class:`~radviz.imaging.parser.ImagingError` for a malformed dict. With no
        ``roots`` the anatomical rule fills them in. A finding with the key of one
        already built replaces it.
        """
        data = finding.to_dict() if isinstance(finding, ImagingFinding) else dict(finding)
        after = self._case.with_imaging_finding(data)  # validates it first
        words = f"{data['level']} {str(data['lesion']).replace('_', ' ')}"
        self._push(undo.AddImagingFindingCommand, after, f"Add imaging finding: {words}")

    def remove_imaging_finding(self, index: int) -> None:
        """Remove entry ``index`` of :attr:`imaging_findings` (undoable).

        A hand-built finding is dropped; one read from the report is hidden (the report
        text itself is kept). Raises :class:`IndexError` for a bad index.
        """
        if not 0 <= index < len(self._imaging):
            raise IndexError(f"imaging finding {index} out of range ({len(self._imaging)})")
        f = self._imaging[index].finding
        parsed = self._parse(self._case.imaging_text)
        self._push(
            undo.RemoveImagingFindingCommand,
            self._case.without_imaging_finding(imaging_key(f), parsed),
            f"Remove imaging finding: {f.level} {f.lesion.replace('_', ' ')}",
        )

    def clear_imaging(self) -> None:
        """Remove the report and every imaging finding (undoable)."""
        self._push(undo.ClearImagingCommand, self._case.without_imaging(), "Clear imaging")

    def case_from_session(self, session: Session) -> Case:
        """The case a saved session holds, its imaging matched against its report."""
        return Case.from_session(session, self._parse(session.imaging_text or None))

    # ------------------------------------------------------------ view state
    def select_root(self, root: str | None, side: str | None = None) -> None:
        """Select a root on a side (``None`` to follow the most likely root again)."""
        if root is None or side is None:
            self._selection_is_auto = True
            self.selected_root = None
            self._refresh_selection()
            self.sig_selection_changed.emit()
            return
        was_auto = self._selection_is_auto
        self._selection_is_auto = False
        if self.selected_root != (root, side) or was_auto:
            self.selected_root = (root, side)
            self.sig_selection_changed.emit()

    def set_audience(self, audience: str) -> None:
        """Switch between ``patient`` and ``clinician`` language."""
        if audience not in AUDIENCES:
            raise ValueError(f"audience: unknown value {audience!r}")
        if audience != self.audience:
            self.audience = audience
            self.sig_audience_changed.emit(audience)

    def set_dermatome_variant(self, variant: str | None) -> None:
        """Show the ``classic`` or ``lee2008`` dermatome layer, or none."""
        if variant is not None and variant not in VARIANTS:
            raise ValueError(f"dermatome variant: unknown value {variant!r}")
        if variant != self.dermatome_variant:
            self.dermatome_variant = variant
            self.sig_variant_changed.emit(variant)

    def symptoms_by_zone(self) -> dict[tuple[str, str], list[str]]:
        """Kinds felt in each ``(zone, side)`` of the combined findings."""
        out: dict[tuple[str, str], list[str]] = {}
        for s in self._findings.symptoms:
            out.setdefault((s.zone, s.side), []).append(s.kind)
        return out


def side_label(side: str) -> str:
    """Plain words for a side: ``Patient's left`` / ``Patient's right`` / ``Midline``."""
    return {"left": "Patient's left", "right": "Patient's right"}.get(side, "Midline")


def kinds_text(kinds: Iterable[str]) -> str:
    """``pain, numbness`` for a list of kinds."""
    return ", ".join(kinds)
