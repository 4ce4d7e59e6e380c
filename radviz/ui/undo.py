"""Undoable edits of the case (UI layer).

Every user change is a :class:`QUndoCommand` that swaps whole
:class:`~radviz.storage.case.Case` values: a case is frozen and its drawing masks are
never changed in place, so keeping one is cheap (it shares the arrays that did not
change) and undo is exact. A command knows nothing of the state object: it is given
the function that installs a case (:class:`~radviz.ui.app_state.AppState` passes its
own), and calls it with the case before or after the edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from radviz.storage.case import Case

Snapshot = Case
"""The old name of :class:`~radviz.storage.case.Case` (what an undo step keeps)."""

# Merge ids for commands that a spin box emits many times in a row.
MERGE_AGE = 1
MERGE_DURATION = 2
MERGE_ANGLE = 3
MERGE_NOTES = 4


class SnapshotCommand(QUndoCommand):
    """Replace the case; undo puts the old one back."""

    def __init__(
        self,
        install: Callable[[Case], None],
        before: Case,
        after: Case,
        text: str,
        merge_id: int = -1,
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        self._install = install
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
        self._install(self.after)

    def undo(self) -> None:
        self._install(self.before)


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


class SetNotesCommand(SnapshotCommand):
    """Change the case notes or the patient's name."""
