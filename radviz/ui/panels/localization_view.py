"""Where along the nerve: roots and look-alikes ranked together per side (UI layer).

Shows :attr:`Result.localization` (CONTRACT 7.2; issue #15): a headline that names the
leading explanation in plain words, a bar list per side with roots, nerve and plexus
lesions, polyneuropathy and the non-neural look-alikes side by side, and the finding that
would best separate the two leaders. Words come from the knowledge base through
:mod:`radviz.reasoning.localization` (one home with the text report). Choosing a root
selects it; choosing a nerve look-alike asks the body map to draw that nerve
(:attr:`sig_nerve`, ``nerve:<name>:<side>`` in the artwork).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, load_kb
from radviz.reasoning import localization as loc
from radviz.reasoning import wording as w
from radviz.reasoning.result import LocalizationCandidate, Result
from radviz.ui.wrap_label import WrapLabel

SIDE_COLORS = {"left": "#0072B2", "right": "#E69F00"}
SHOWN = 4
"""Candidates listed per side (the rest are below a few percent in practice)."""
MIN_SHOWN = 0.02
BAR_CELLS = 10


def nerve_of(kb: KnowledgeBase, cid: str) -> str | None:
    """The peripheral nerve a look-alike is a lesion of (its first ``nerves`` entry)."""
    item = kb.differentials.get(cid)
    if item is None:
        return None
    nerves = item.data.get("localization", {}).get("nerves", {})
    return next(iter(nerves), None)


def row_text(kb: KnowledgeBase, c: LocalizationCandidate, audience: str) -> str:
    """`` 72% ███████···  Common peroneal (fibular) nerve palsy``."""
    cells = round(c.probability * BAR_CELLS)
    bar = "█" * cells + "·" * (BAR_CELLS - cells)
    name = loc.candidate_name(kb, c.id, audience)
    return f"{w.pct(c.probability):>4} {bar}  {w.cap(name)}"


_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsUserCheckable
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsDragEnabled
)
"""A new QListWidgetItem's flags (Qt's default), for a candidate row."""


def _style_row(item: QListWidgetItem, text: str, key: tuple[str, str] | None) -> None:
    """A ranking row: a side's bold heading (``key`` None, not selectable) or a candidate
    in its side's colour."""
    item.setText(text)
    f = item.font()
    f.setBold(key is None)
    item.setFont(f)
    if key is None:
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(Qt.ItemDataRole.UserRole, None)
        item.setData(Qt.ItemDataRole.ForegroundRole, None)
    else:
        item.setFlags(_ROW_FLAGS)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setForeground(QColor(SIDE_COLORS[key[1]]).darker(140))


class LocalizationView(QWidget):
    """Headline, per-side ranking of roots and look-alikes, and the next-test hint."""

    sig_nerve = Signal(object, object)
    """``(nerve id or None, side or None)``: draw this nerve on the body map (None clears)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Where along the nerve")
        lay = self._lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.headline = WrapLabel()
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setAccessibleName("Leading explanation")
        self.headline.setStyleSheet("font-weight:600; padding:2px;")
        lay.addWidget(self.headline)
        self.ranking = QListWidget()
        self.ranking.setAccessibleName("Roots and look-alikes, most likely first")
        self.ranking.setWordWrap(True)
        self.ranking.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ranking.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ranking.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.ranking.itemClicked.connect(self._clicked)
        lay.addWidget(self.ranking)
        self.hint = WrapLabel()
        self.hint.setAccessibleName("What to test next")
        self.hint.setStyleSheet("color:#1e3a8a; padding:2px;")
        lay.addWidget(self.hint)
        self._on_root: Any = None
        self._rows: list[tuple[str, tuple[str, str] | None]] = []
        self._height_for: tuple[object, ...] = ()  # the sides the held height is for
        self._floor = 0  # the tallest height needed for them (see _hold_height)

    def on_root(self, callback: Any) -> None:
        """Call ``callback(root, side)`` when a root row is chosen."""
        self._on_root = callback

    def set_result(self, result: Result, audience: str) -> None:
        kb = load_kb()
        heads: list[str] = []
        rows: list[tuple[str, tuple[str, str] | None]] = []
        hints: list[str] = []
        sides = [s for s in vocab.SIDES if result.localization_for(s)]
        for side in sides:
            ranked = result.localization_for(side)
            text = html.escape(loc.headline(kb, ranked, quiet=side in result.quiet_sides))
            where = w.cap(w.side_words(side, audience)) if len(sides) > 1 else ""
            heads.append(f"{where}: {text}" if where else text)
            if side in result.quiet_sides:
                continue  # examined and normal: nothing to rank or to test next
            rows.append((w.cap(w.side_words(side, audience)), None))
            for c in ranked[:SHOWN]:
                if c.probability >= MIN_SHOWN:
                    rows.append((row_text(kb, c, audience), (c.id, side)))
            nt = next((t for t in result.next_tests if t.side == side), None)
            if nt is not None:
                words = loc.next_test_text(kb, nt, audience)
                hints.append(f"{where}: {words}" if where else words)
        self.headline.setText("<br>".join(heads))
        self.headline.setVisible(bool(heads))
        self.hint.setText("\n".join(hints))
        self.hint.setVisible(bool(hints))
        if rows != self._rows and len(rows) == len(self._rows):
            # As many rows as before (new percentages, a new order): each row rewritten in
            # place; a rebuilt list is laid out, sized and painted afresh.
            for i, ((text, key), old) in enumerate(zip(rows, self._rows, strict=True)):
                if (text, key) != old:
                    _style_row(self.ranking.item(i), text, key)
            self.ranking.setCurrentRow(-1)  # as after a rebuild: no row chosen
            self.ranking.clearSelection()
            self._rows = rows
        elif rows != self._rows:
            self._rows = rows
            self.ranking.clear()
            for text, key in rows:
                item = QListWidgetItem()
                _style_row(item, text, key)
                self.ranking.addItem(item)
        self.ranking.setVisible(bool(rows))
        self._hold_height(tuple(sides), tuple(result.quiet_sides))

    def _hold_height(self, *case: object) -> None:
        """Keep the tallest height this view has needed while the same sides are shown:
        a row more or a line less from one click to the next no longer moves the chart
        and lists under it (each move repainted them all); a new set of sides starts
        afresh."""
        if case != self._height_for:
            self._height_for = case
            self._floor = 0
            self.setMinimumHeight(0)
        width = self.width()
        if width <= 0 or not self.isVisible():
            return
        lay = self._lay
        need = lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else 0
        need = max(need, lay.totalMinimumSize().height())
        if need > self._floor:
            self._floor = need
            self.setMinimumHeight(need)

    def rows(self) -> list[str]:
        """The ranking's texts, headers included (for tests and screen readers)."""
        return [self.ranking.item(i).text() for i in range(self.ranking.count())]

    def choose(self, cid: str, side: str) -> None:
        """Act as if the row of ``cid`` on ``side`` was clicked."""
        for i in range(self.ranking.count()):
            item = self.ranking.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == (cid, side):
                self._clicked(item)
                return

    def _clicked(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if not key:
            return
        cid, side = key
        kb = load_kb()
        if cid in kb.roots:
            self.sig_nerve.emit(None, None)
            if self._on_root is not None:
                self._on_root(cid, side)
            return
        self.sig_nerve.emit(nerve_of(kb, cid), side)
