"""The one state object of the app (UI layer).

:class:`AppState` holds the current case and everything the panels show. Widgets read
from it and write back only through its methods; each method pushes a
:class:`~radviz.ui.undo.SnapshotCommand`, so every change is undoable. The result is
recomputed synchronously after each change (inference is pure and takes about a
millisecond).

Imaging is part of the undoable state too: the pasted MRI report text plus the findings
a clinician built by hand (contract §5 dicts), read into :attr:`AppState.imaging_findings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, NamedTuple

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from radviz.anatomy import drawing, vocab
from radviz.anatomy.levels import roots_at_level
from radviz.imaging.parser import ImagingFinding, ImagingReport, parse_report
from radviz.reasoning.findings import Findings, Motor, Reflex, Symptom, Test
from radviz.reasoning.result import Result
from radviz.training.demos import DEMOS
from radviz.ui import undo

AUDIENCES = ("patient", "clinician")
VARIANTS = ("classic", "lee2008")
AUTO_SELECT = 0.3
"""The most likely root is selected (and lit) automatically only from this probability;
lighting an unlikely root's territory would mislead a patient."""


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


def _finding(data: Mapping[str, Any]) -> ImagingFinding:
    """Validate one contract §5 finding dict (``ImagingError`` if malformed)."""
    return ImagingReport.from_dict({"findings": [dict(data)]}).findings[0]


def _infer(findings: Findings) -> Result:
    from radviz.reasoning.inference import infer

    return infer(findings)


class AppState(QObject):
    """Current findings, drawing, result, selection, audience and undo stack."""

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

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._snap = undo.Snapshot()
        self._drawn: list[Symptom] = []
        self._parsed: tuple[str | None, tuple[ImagingFinding, ...]] = (None, ())
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
    def findings(self) -> Findings:
        """Clicked and typed findings plus the symptoms reduced from the drawing."""
        return self._findings

    @property
    def clicked_findings(self) -> Findings:
        """The findings without the drawing's symptoms (what zone clicks shaded)."""
        return self._snap.findings

    @property
    def masks(self) -> dict[str, np.ndarray]:
        """The free-hand drawing: one read-only bool grid per symptom kind."""
        return dict(self._snap.masks)

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
        return self._snap.demo

    @property
    def imaging_text(self) -> str | None:
        """The MRI report as pasted or as it came with the demo case (``None``: none)."""
        return self._snap.imaging_text

    @property
    def imaging_manual(self) -> tuple[dict[str, Any], ...]:
        """The findings built by hand, as contract §5 dicts (copies)."""
        return tuple(dict(d) for d in self._snap.imaging_manual)

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
        mask = drawing.union(self._snap.masks)
        if mask is None:
            return {}
        return drawing.root_overlap(mask, self.dermatome_variant or "classic")

    # ------------------------------------------------------------ internals
    def _apply(self, snap: undo.Snapshot) -> None:
        """Install a snapshot (called by the undo commands) and recompute."""
        old = self._snap
        masks_changed = snap.masks is not old.masks
        imaging_changed = snap.imaging_key() != old.imaging_key()
        # An imaging-only edit leaves findings and result alone (no needless redraws).
        case_changed = masks_changed or snap.findings != old.findings or not imaging_changed
        self._snap = snap
        if imaging_changed:
            self._imaging = self._combine_imaging(snap)
        if case_changed:
            if masks_changed:
                self._drawn = drawing.reduce_drawing(snap.masks) if snap.masks else []
            clicked = snap.findings
            seen = set(clicked.symptoms)
            merged = list(clicked.symptoms) + [s for s in self._drawn if s not in seen]
            self._findings = replace(clicked, symptoms=tuple(merged))
            self.result = _infer(self._findings)
            self.sig_findings_changed.emit()
            self.sig_result_changed.emit()
            self._refresh_selection()
        if imaging_changed:
            self.sig_imaging_changed.emit()

    def _parse(self, text: str | None) -> tuple[ImagingFinding, ...]:
        """The report's findings (the last text read is cached: undo/redo re-reads it)."""
        if self._parsed[0] != text:
            found = parse_report(text).findings if text else ()
            self._parsed = (text, found)
        return self._parsed[1]

    def _combine_imaging(self, snap: undo.Snapshot) -> list[ImagingEntry]:
        hidden = set(snap.imaging_hidden)
        out: dict[ImagingKey, ImagingEntry] = {}
        for f in self._parse(snap.imaging_text):
            key = imaging_key(f)
            if key not in hidden:
                out.setdefault(key, ImagingEntry(f, "report"))
        for d in snap.imaging_manual:
            out[imaging_key(d)] = ImagingEntry(_finding(d), "added")
        return list(out.values())

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
        after: undo.Snapshot,
        text: str,
        merge_id: int = -1,
        merge_key: object = None,
    ) -> None:
        if after == self._snap and cls is not undo.LoadDemoCommand:
            return
        self.undo_stack.push(cls(self, self._snap, after, text, merge_id, merge_key))

    def _set_findings(
        self, findings: Findings, text: str, merge_id: int = -1, merge_key: object = None
    ) -> None:
        if findings == self._snap.findings:
            return
        self._push(
            undo.SetFindingCommand,
            replace(self._snap, findings=findings),
            text,
            merge_id,
            merge_key,
        )

    # ------------------------------------------------------------ body map
    def toggle_zone(self, zone: str, side: str, kind: str) -> None:
        """Shade ``zone`` on ``side`` with ``kind``, or clear it if it already is."""
        if zone in vocab.MIDLINE_ZONES:
            side = vocab.MIDLINE
        sym = Symptom(zone=zone, side=side, kind=kind)
        cur = self._snap.findings
        if sym in cur.symptoms:
            symptoms = tuple(s for s in cur.symptoms if s != sym)
            text = f"Clear {zone.replace('_', ' ')} ({side})"
        else:
            symptoms = (*cur.symptoms, sym)
            text = f"Shade {zone.replace('_', ' ')} ({side}) as {kind}"
        self._push(
            undo.ToggleZoneCommand,
            replace(self._snap, findings=replace(cur, symptoms=symptoms)),
            text,
        )

    def clear_zone(self, zone: str, side: str) -> None:
        """Remove every clicked symptom of one zone."""
        cur = self._snap.findings
        symptoms = tuple(s for s in cur.symptoms if (s.zone, s.side) != (zone, side))
        self._set_findings(replace(cur, symptoms=symptoms), f"Clear {zone} ({side})")

    def apply_stroke(self, kind: str, erase: bool, stroke: np.ndarray) -> None:
        """Add a brush stroke to ``kind``'s grid, or erase it from every grid."""
        stroke = np.asarray(stroke, dtype=bool)
        if not stroke.any():
            return
        masks = dict(self._snap.masks)
        if erase:
            changed = False
            for k, m in list(masks.items()):
                if np.any(m & stroke):
                    new = m & ~stroke
                    new.flags.writeable = False
                    masks[k] = new
                    changed = True
            if not changed:
                return
            masks = {k: m for k, m in masks.items() if m.any()}
            text = "Erase"
        else:
            old = masks.get(kind)
            new = stroke.copy() if old is None else (old | stroke)
            new.flags.writeable = False
            masks[kind] = new
            text = f"Paint {kind}"
        self._push(undo.StrokeCommand, replace(self._snap, masks=masks), text)

    # ------------------------------------------------------------ findings
    def set_age(self, age: int | None) -> None:
        """Set the age in years (``None``: not given)."""
        self._set_findings(replace(self._snap.findings, age=age), "Set age", undo.MERGE_AGE, "age")

    def set_sex(self, sex: str | None) -> None:
        """Set the sex (``None``: not given)."""
        self._set_findings(replace(self._snap.findings, sex=sex), "Set sex")

    def set_duration(self, weeks: float | None) -> None:
        """Set how long the symptoms have lasted, in weeks (``None``: not given)."""
        self._set_findings(
            replace(self._snap.findings, duration_weeks=weeks),
            "Set duration",
            undo.MERGE_DURATION,
            "duration",
        )

    def set_motor(self, movement: str, side: str, grade: int | None) -> None:
        """Set MRC strength 0-5 of a movement (``None``: not tested)."""
        cur = self._snap.findings
        motor = [m for m in cur.motor if (m.movement, m.side) != (movement, side)]
        if grade is not None:
            motor.append(Motor(movement=movement, side=side, grade=int(grade)))
        self._set_findings(
            replace(cur, motor=tuple(motor)), f"Set {movement.replace('_', ' ')} ({side})"
        )

    def set_reflex(self, reflex: str, side: str, status: str | None) -> None:
        """Set a reflex result (``None``: not tested)."""
        cur = self._snap.findings
        items = [r for r in cur.reflexes if (r.reflex, r.side) != (reflex, side)]
        if status is not None:
            items.append(Reflex(reflex=reflex, side=side, status=status))
        self._set_findings(
            replace(cur, reflexes=tuple(items)), f"Set {reflex.replace('_', ' ')} reflex ({side})"
        )

    def set_test(
        self, test: str, side: str, result: str | None, angle: float | None = None
    ) -> None:
        """Set a test result (``None``: not done); ``angle`` only for the SLR."""
        cur = self._snap.findings
        items = [t for t in cur.tests if (t.test, t.side) != (test, side)]
        if result is not None:
            items.append(
                Test(test=test, side=side, result=result, angle=angle if test == "slr" else None)
            )
        merge = (undo.MERGE_ANGLE, ("angle", test, side)) if result is not None else (-1, None)
        self._set_findings(
            replace(cur, tests=tuple(items)),
            f"Set {test.replace('_', ' ')} ({side})",
            merge[0],
            merge[1],
        )

    def set_flag(self, flag: str, value: bool | None) -> None:
        """Answer a history question: yes, no, or ``None`` (not asked)."""
        cur = self._snap.findings
        flags = dict(cur.flags)
        if value is None:
            flags.pop(flag, None)
        else:
            flags[flag] = bool(value)
        self._set_findings(replace(cur, flags=flags), f"Answer {flag.replace('_', ' ')}")

    def set_findings(self, findings: Findings, text: str = "Set findings") -> None:
        """Replace the clicked/typed findings as one undoable step."""
        self._set_findings(findings, text)

    def clear_all(self) -> None:
        """Clear every finding and the drawing (undoable)."""
        if self._snap == undo.Snapshot():
            return
        self._selection_is_auto = True
        self._push(undo.ClearAllCommand, undo.Snapshot(), "Clear all")

    def load_demo(self, name: str) -> None:
        """Replace the case with the built-in demo ``name`` (undoable).

        Raises :class:`KeyError` for an unknown name.
        """
        demo = DEMOS[name]
        snap = undo.Snapshot(
            findings=demo.to_findings(), masks={}, demo=name, imaging_text=demo.imaging_text
        )
        self._selection_is_auto = True
        self._push(undo.LoadDemoCommand, snap, f"Open demo: {demo.title}")

    def load_findings_dict(self, data: dict[str, Any]) -> None:
        """Replace the case with a contract findings document (undoable)."""
        self._push(
            undo.LoadDemoCommand,
            undo.Snapshot(findings=Findings.from_dict(data)),
            "Open findings",
        )

    # ------------------------------------------------------------ imaging
    def set_imaging_text(self, text: str) -> None:
        """Read an MRI report (undoable); a blank text removes the report.

        Findings removed from an earlier report's list come back with a new text.
        """
        new = text if text.strip() else None
        if new == self._snap.imaging_text:
            return
        self._push(
            undo.SetImagingTextCommand,
            replace(self._snap, imaging_text=new, imaging_hidden=()),
            "Read the MRI report" if new else "Remove the MRI report",
        )

    def add_imaging_finding(self, finding: ImagingFinding | Mapping[str, Any]) -> None:
        """Add a hand-built finding (an object or a contract §5 dict), undoable.

        Raises :class:`~radviz.imaging.parser.ImagingError` for a malformed dict. With no
        ``roots`` the anatomical rule fills them in (:func:`roots_at_level`). A finding with
        the key of one already built replaces it.
        """
        data = finding.to_dict() if isinstance(finding, ImagingFinding) else dict(finding)
        f = _finding(data)
        if not f.roots:
            f = replace(f, roots=roots_at_level(f.level, f.zone, f.side))
        data = f.to_dict()
        key = imaging_key(f)
        cur = self._snap.imaging_manual
        if any(imaging_key(d) == key for d in cur):
            manual = tuple(data if imaging_key(d) == key else d for d in cur)
        else:
            manual = (*cur, data)
        hidden = tuple(h for h in self._snap.imaging_hidden if h != key)
        self._push(
            undo.AddImagingFindingCommand,
            replace(self._snap, imaging_manual=manual, imaging_hidden=hidden),
            f"Add imaging finding: {f.level} {f.lesion.replace('_', ' ')}",
        )

    def remove_imaging_finding(self, index: int) -> None:
        """Remove entry ``index`` of :attr:`imaging_findings` (undoable).

        A hand-built finding is dropped; one read from the report is hidden (the report
        text itself is kept). Raises :class:`IndexError` for a bad index.
        """
        if not 0 <= index < len(self._imaging):
            raise IndexError(f"imaging finding {index} out of range ({len(self._imaging)})")
        f = self._imaging[index].finding
        key = imaging_key(f)
        manual = tuple(d for d in self._snap.imaging_manual if imaging_key(d) != key)
        hidden = self._snap.imaging_hidden
        in_report = any(imaging_key(p) == key for p in self._parse(self._snap.imaging_text))
        if in_report and key not in hidden:
            hidden = (*hidden, key)
        self._push(
            undo.RemoveImagingFindingCommand,
            replace(self._snap, imaging_manual=manual, imaging_hidden=hidden),
            f"Remove imaging finding: {f.level} {f.lesion.replace('_', ' ')}",
        )

    def clear_imaging(self) -> None:
        """Remove the report and every imaging finding (undoable)."""
        self._push(
            undo.ClearImagingCommand,
            replace(self._snap, imaging_text=None, imaging_manual=(), imaging_hidden=()),
            "Clear imaging",
        )

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
