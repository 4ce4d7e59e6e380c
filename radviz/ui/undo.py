"""Undoable edits of the app state (UI layer).

Every user change is a :class:`QUndoCommand` that swaps whole :class:`Snapshot` values
of :class:`~radviz.ui.app_state.AppState`: findings are frozen dataclasses and drawing
masks are never changed in place, so a snapshot is cheap (it shares the arrays that did
not change) and undo is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtGui import QUndoCommand

from radviz.reasoning.findings import Findings

if TYPE_CHECKING:
    from radviz.ui.app_state import AppState


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Everything an edit can change.

    ``findings`` holds the typed and clicked findings (symptoms from zone clicks only);
    ``masks`` holds the free-hand drawing per symptom kind (read-only bool grids).
    ``imaging_text`` is the MRI report as pasted (``None``: none); ``imaging_manual`` the
    findings built by hand with the imaging panel's pickers, as contract §5 finding dicts
    (never changed in place); ``imaging_hidden`` the ``(level, side, zone, lesion)`` keys
    of findings read from the report that the user removed from the list.
    """

    findings: Findings = field(default_factory=Findings)
    masks: dict[str, np.ndarray] = field(default_factory=dict)
    demo: str | None = None
    imaging_text: str | None = None
    imaging_manual: tuple[dict[str, Any], ...] = ()
    imaging_hidden: tuple[tuple[str, str, str, str], ...] = ()

    def imaging_key(self) -> tuple[object, ...]:
        """Everything imaging: two snapshots with equal keys show the same imaging."""
        return (self.imaging_text, self.imaging_manual, self.imaging_hidden)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snapshot):
            return NotImplemented
        if (self.findings, self.demo, self.imaging_key()) != (
            other.findings,
            other.demo,
            other.imaging_key(),
        ):
            return False
        if self.masks.keys() != other.masks.keys():
            return False
        return all(
            a is other.masks[k] or np.array_equal(a, other.masks[k]) for k, a in self.masks.items()
        )

    __hash__ = None  # type: ignore[assignment]


# Merge ids for commands that a spin box emits many times in a row.
MERGE_AGE = 1
MERGE_DURATION = 2
MERGE_ANGLE = 3


class SnapshotCommand(QUndoCommand):
    """Replace the state's snapshot; undo puts the old one back."""

    def __init__(
        self,
        state: AppState,
        before: Snapshot,
        after: Snapshot,
        text: str,
        merge_id: int = -1,
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        self._state = state
        self.before = before
        self.after = after
        self._merge_id = merge_id
        self._merge_key = merge_key

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Fold consecutive edits of the same spin box into one undo step."""
        if not isinstance(other, SnapshotCommand) or other._merge_key != self._merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._state._apply(self.after)

    def undo(self) -> None:
        self._state._apply(self.before)


class ToggleZoneCommand(SnapshotCommand):
    """Shade a zone with a symptom kind, or clear it if already shaded so."""


class StrokeCommand(SnapshotCommand):
    """One free-hand brush or eraser stroke."""


class SetFindingCommand(SnapshotCommand):
    """Set an examination or history value (age, strength, reflex, test, flag)."""


class ClearAllCommand(SnapshotCommand):
    """Clear every finding and the drawing."""


class LoadDemoCommand(SnapshotCommand):
    """Replace the case with a built-in demo."""


class SetImagingTextCommand(SnapshotCommand):
    """Read (or replace) the pasted MRI report."""


class AddImagingFindingCommand(SnapshotCommand):
    """Add an imaging finding built with the pickers."""


class RemoveImagingFindingCommand(SnapshotCommand):
    """Remove one imaging finding from the list (hand-built or read from the report)."""


class ClearImagingCommand(SnapshotCommand):
    """Remove the report and every imaging finding."""
