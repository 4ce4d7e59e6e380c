"""Keyboard and screen-reader paths to the body map and the spine (UI layer).

The pictures are QGraphicsItems, which assistive technology cannot see and the keyboard
cannot reach one by one. These lists are their accessible twins:

* :class:`ZoneList` — every body-map area by the patient's side (left, right, middle),
  with what it is shaded as. Arrows move, **Space** (or Enter) shades the current area
  with the chosen symptom kind or clears it again (as a click on the map does),
  **Delete** clears every kind from it. The current area is outlined on the map, and a
  click on the map selects its row: the two stay in sync both ways.
* :class:`SpineList` — every disc level with its zones (central, paracentral, foraminal,
  extraforaminal, by side) and every modelled nerve root. Space or Enter does what a
  click on that part of the spine does.

Each row's text is its accessible name (role: tree item); a longer accessible
description says what Space will do.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from radviz.anatomy import vocab
from radviz.reasoning import wording
from radviz.reasoning.findings import Symptom
from radviz.ui import style

__all__ = ["SIDE_HEADINGS", "SpineList", "ZoneList", "zone_rows"]

SIDE_HEADINGS: dict[str, str] = {
    "left": "Patient's left",
    "right": "Patient's right",
    vocab.MIDLINE: "Middle of the back",
}
_ROLE = Qt.ItemDataRole.UserRole
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
_ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
_ZONE_NAMES: dict[str, str] | None = None


def _zone_names() -> dict[str, str]:
    global _ZONE_NAMES
    if _ZONE_NAMES is None:
        from radviz.ui.views.body_map import ZONE_NAMES  # one home for the area names

        _ZONE_NAMES = ZONE_NAMES
    return _ZONE_NAMES


def zone_rows() -> list[tuple[str, list[str]]]:
    """``[(side, [zone, …]), …]``: the left and right areas, then the midline ones."""
    sided = [z for z in vocab.ZONES if z not in vocab.MIDLINE_ZONES]
    midline = [z for z in vocab.ZONES if z in vocab.MIDLINE_ZONES]
    return [("left", sided), ("right", sided), (vocab.MIDLINE, midline)]


def _kind_words(kinds: Iterable[str]) -> str:
    order = {k: i for i, k in enumerate(vocab.SYMPTOM_KINDS)}
    ordered = sorted(kinds, key=lambda k: order.get(k, len(order)))
    names = [style.KIND_STYLES[k].label.split(" (")[0] for k in ordered]
    return ", ".join(names)


class _KeyTree(QTreeWidget):
    """A two-column tree whose Space/Enter activates the current leaf."""

    sig_activate = Signal(object)
    """Space or Enter on a leaf: its ``UserRole`` data."""

    def __init__(self, name: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setExpandsOnDoubleClick(False)
        self.itemDoubleClicked.connect(lambda item, _col: self._activate(item))

    def _activate(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        data = item.data(0, _ROLE)
        if data is not None:
            self.sig_activate.emit(data)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            item = self.currentItem()
            if item is not None and item.data(0, _ROLE) is not None:
                self._activate(item)
                event.accept()
                return
        super().keyPressEvent(event)


class ZoneList(_KeyTree):
    """Body-map areas (side, area, what it is shaded as), in sync with the map."""

    sig_toggle = Signal(str, str)
    """Space/Enter on an area: ``(zone, side)`` (side ``midline`` for sacrum, saddle)."""

    sig_clear = Signal(str, str)
    """Delete on an area: ``(zone, side)``."""

    sig_current = Signal(str, str)
    """The current area changed (keyboard or map): ``(zone, side)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Body areas",
            "Every area of the body map by the patient's side. Arrow keys move; Space "
            "shades the area with the chosen kind (keys 1 to 5) or clears it; Delete "
            "clears it.",
            parent,
        )
        self.setObjectName("zoneList")
        self.setColumnCount(2)
        self.setHeaderLabels(["Area", "Shaded as"])
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._kinds: dict[tuple[str, str], set[str]] = {}
        self._kind = "pain"
        names = _zone_names()
        for side, zones in zone_rows():
            head = QTreeWidgetItem(self, [SIDE_HEADINGS[side], ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(0, _ACCESSIBLE_TEXT, SIDE_HEADINGS[side])
            for zone in zones:
                name = names.get(zone, zone.replace("_", " ").capitalize())
                item = QTreeWidgetItem(head, [name, ""])
                item.setData(0, _ROLE, (zone, side))
                self._items[(zone, side)] = item
                self._describe(zone, side)
            head.setExpanded(True)
        # The area column follows its text (also after a text-size change).
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)
        self.sig_activate.connect(lambda data: self.sig_toggle.emit(*data))
        self.currentItemChanged.connect(self._current_changed)

    # ----------------------------------------------------------------- state
    @property
    def kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        """The kind Space shades with (the toolbar's choice)."""
        self._kind = kind
        for zone, side in self._items:
            self._describe(zone, side)

    def set_symptoms(self, symptoms: Iterable[Symptom]) -> None:
        """Show what each area is shaded as (the state's clicked symptoms)."""
        kinds: dict[tuple[str, str], set[str]] = {}
        for s in symptoms:
            side = vocab.MIDLINE if s.zone in vocab.MIDLINE_ZONES else s.side
            kinds.setdefault((s.zone, side), set()).add(s.kind)
        if kinds == self._kinds:
            return
        changed = set(kinds) | set(self._kinds)
        self._kinds = kinds
        for key in changed:
            if key in self._items:
                self._describe(*key)

    def shaded_as(self, zone: str, side: str) -> str:
        """The "Shaded as" cell of an area ("" when it is not shaded)."""
        item = self._items.get((zone, self._side_of(zone, side)))
        return item.text(1) if item is not None else ""

    def _describe(self, zone: str, side: str) -> None:
        item = self._items[(zone, side)]
        kinds = self._kinds.get((zone, side), set())
        shaded = _kind_words(kinds)
        item.setText(1, shaded)
        where = SIDE_HEADINGS[side].lower() if side != vocab.MIDLINE else "middle"
        text = f"{item.text(0)}, {where}: " + (f"shaded as {shaded}" if shaded else "not shaded")
        item.setData(0, _ACCESSIBLE_TEXT, text)
        kind = style.KIND_STYLES[self._kind].label.split(" (")[0].lower()
        verb = f"clear the {kind}" if self._kind in kinds else f"shade it as {kind}"
        item.setData(0, _ACCESSIBLE_DESCRIPTION, f"Space: {verb}. Delete: clear every kind.")
        item.setToolTip(0, text)

    # -------------------------------------------------------------- selection
    @staticmethod
    def _side_of(zone: str, side: str) -> str:
        return vocab.MIDLINE if zone in vocab.MIDLINE_ZONES else side

    def current_zone(self) -> tuple[str, str] | None:
        item = self.currentItem()
        data = item.data(0, _ROLE) if item is not None else None
        return (str(data[0]), str(data[1])) if data is not None else None

    def select_zone(self, zone: str, side: str) -> None:
        """Make ``zone`` on ``side`` the current row (a click on the map)."""
        item = self._items.get((zone, self._side_of(zone, side)))
        if item is None or item is self.currentItem():
            return
        self.setCurrentItem(item)
        self.scrollToItem(item)

    def _current_changed(self, item: QTreeWidgetItem | None, _old: object = None) -> None:
        data = item.data(0, _ROLE) if item is not None else None
        if data is not None:
            self.sig_current.emit(*data)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            current = self.current_zone()
            if current is not None:
                self.sig_clear.emit(*current)
                event.accept()
                return
        super().keyPressEvent(event)


# Disc-zone words from labels.toml (radviz.reasoning.wording), as in every view.
def _zone_words(zone: str) -> str:
    """Plain words first, the clinician's term after them: "Just off the middle
    (paracentral, subarticular)" (the list serves patients and clinicians alike)."""
    plain = wording.cap(wording.label("disc_zones", zone, "patient"))
    term = wording.label("disc_zones", zone, "clinician").replace(" (", ", ").rstrip(")")
    return plain if term.lower() in plain.lower() else f"{plain} ({term})"


_ZONE_WORDS: dict[str, str] = {z: _zone_words(z) for z in vocab.DISC_ZONES}


class SpineList(_KeyTree):
    """Disc levels and their zones, and the nerve roots: the spine diagram's parts."""

    sig_level = Signal(str, str, str)
    """Space/Enter on a disc zone: ``(level, zone, side)`` as a click on the spine."""

    sig_root = Signal(str, str)
    """Space/Enter on a root: ``(root, side)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Spine parts",
            "Every disc level with its zones, and every nerve root. Arrow keys move; "
            "Space shows which root a problem there would press on, or lights a root's "
            "area on the body map.",
            parent,
        )
        self.setObjectName("spineList")
        self.setColumnCount(1)
        self.setHeaderHidden(True)
        self._levels: dict[tuple[str, str, str], QTreeWidgetItem] = {}
        for level in vocab.LEVELS:
            head = QTreeWidgetItem(self, [f"{level} disc"])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            rows: list[tuple[str, str]] = [("central", "bilateral")]
            for zone in vocab.DISC_ZONES[1:]:
                rows += [(zone, "left"), (zone, "right")]
            for zone, side in rows:
                where = "both sides" if side == "bilateral" else SIDE_HEADINGS[side].lower()
                text = f"{_ZONE_WORDS[zone]}, {where}"
                item = QTreeWidgetItem(head, [text])
                item.setData(0, _ROLE, ("level", level, zone, side))
                self._levels[(level, zone, side)] = item
                item.setData(0, _ACCESSIBLE_TEXT, f"{level} disc, {text.lower()}")
                item.setData(
                    0, _ACCESSIBLE_DESCRIPTION, "Space: which root a problem here would press"
                )
            head.setExpanded(True)
        roots = QTreeWidgetItem(self, ["Nerve roots"])
        roots.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for root in vocab.MODELLED_ROOTS:
            for side in vocab.SIDES:
                text = f"{root} root, {SIDE_HEADINGS[side].lower()}"
                item = QTreeWidgetItem(roots, [text])
                item.setData(0, _ROLE, ("root", root, side))
                item.setData(0, _ACCESSIBLE_TEXT, text)
                item.setData(0, _ACCESSIBLE_DESCRIPTION, "Space: light its area on the body map")
        roots.setExpanded(True)
        self.sig_activate.connect(self._activated)

    def _activated(self, data: tuple[str, ...]) -> None:
        data = tuple(data)
        if data[0] == "level":
            self.sig_level.emit(data[1], data[2], data[3])
        elif data[0] == "root":
            self.sig_root.emit(data[1], data[2])

    def select_level(self, level: str, zone: str, side: str) -> None:
        """Make the row of a disc zone current (a click on the spine), quietly."""
        item = self._levels.get((level, zone, side))
        if item is None:
            return
        with QSignalBlocker(self):
            self.setCurrentItem(item)
        self.scrollToItem(item)
