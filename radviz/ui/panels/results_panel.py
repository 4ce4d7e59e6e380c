"""The results panel: roots, evidence, levels, causes, mimics, treatments (UI layer).

Everything shown comes from :attr:`AppState.result` and the knowledge base texts for the
current audience. Numbers are rounded percentages with words, and a note says when the
top two roots are too close to call. Clicking a bar or a list row selects a root.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from radviz.anatomy import vocab
from radviz.reasoning import wording as w
from radviz.reasoning.result import DISCLAIMER, Evidence, Result
from radviz.reasoning.wording import likelihood_word, pct
from radviz.ui.app_state import AppState
from radviz.ui.panels.localization_view import LocalizationView
from radviz.ui.wrap_label import WrapLabel

SIDE_COLORS = {"left": "#0072B2", "right": "#E69F00"}
NO_ROOT = "no root"
CHART_ROOTS: tuple[str, ...] = vocab.MODELLED_ROOTS
CLOSE_GAP = 0.15
"""Top two roots closer than this (absolute probability) get a "too close" note."""

BADGES: dict[str, tuple[str, str, str]] = {
    # grade: (symbol, background, text colour). Text carries the meaning (the grade's
    # words from radviz.reasoning.wording), colour and symbol help.
    "recommended": ("✔", "#15803d", "white"),
    "consider": ("◆", "#1d4ed8", "white"),
    "insufficient": ("?", "#6b7280", "white"),
    "not_recommended": ("✘", "#b91c1c", "white"),
}

SCREEN_EMPTY = "Shade where you feel it on the body map, or open a demo case (File ▸ Open demo)."
"""The patient-mode line of an empty case (the pattern sentence comes from the wording)."""


def close_note(result: Result) -> str:
    """A note when, on one side, the two most likely roots are too close to call."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for side in vocab.SIDES:
        ranked = sorted(result.roots_for(side), key=lambda r: -r.probability)
        if len(ranked) < 2 or ranked[0].probability < 0.15:
            continue
        a, b = ranked[0], ranked[1]
        if a.probability - b.probability < CLOSE_GAP:
            pairs.setdefault((a.root, b.root), []).append(
                f"{side} {pct(a.probability)} vs {pct(b.probability)}"
            )
    if not pairs:
        return ""
    notes = [
        f"{a} and {b} are close (patient's {'; '.join(where)}): these findings cannot "
        "tell them apart well."
        for (a, b), where in pairs.items()
    ]
    notes.append("Strength, reflexes and numbness help more than a pain drawing.")
    return " ".join(notes)


def _kb() -> Any:
    # Loaded and validated at start-up (radviz.app.run refuses to start without it).
    from radviz.knowledge.loader import load_kb

    return load_kb()


def _item(kb: Any, collection: str, item_id: str) -> Any:
    if kb is None or collection not in kb.COLLECTIONS:
        return None
    return kb.collection(collection).get(item_id)


def _name(kb: Any, collection: str, item_id: str) -> str:
    item = _item(kb, collection, item_id)
    return item.name if item is not None else item_id.replace("_", " ").capitalize()


def _text(kb: Any, collection: str, item_id: str, audience: str) -> str:
    item = _item(kb, collection, item_id)
    if item is None:
        return ""
    return str(item.patient if audience == "patient" else item.clinician)


def _why(text: str, audience: str) -> str:
    """A model's "why" trace: as is for clinicians; ids named in words for patients."""
    return w.scrub(text) if audience == "patient" else text


def evidence_label(e: Evidence, audience: str = "patient") -> str:
    """Words for an evidence row, from its structured fields (see radviz.reasoning.wording)."""
    return w.evidence_text(e, audience)


def evidence_words_html(cand: Any) -> str:
    """Patient mode: what points to the root and what points away, in words; the prior
    explained in a sentence instead of shown as evidence against."""
    pro, con = w.evidence_split(cand.evidence, "patient")
    parts = []
    if pro:
        parts.append(
            f"<b>What points to {cand.root}</b><ul style='margin-left:-20px'>"
            + "".join(f"<li>{html.escape(p)}</li>" for p in pro)
            + "</ul>"
        )
    if con:
        parts.append(
            f"<b>What points away from {cand.root}</b><ul style='margin-left:-20px'>"
            + "".join(f"<li>{html.escape(c)}</li>" for c in con)
            + "</ul>"
        )
    if not pro and not con:
        parts.append(f"<p>Nothing recorded points to or away from {cand.root} yet.</p>")
    parts.append(f"<p style='color:#444'>{html.escape(w.prior_sentence(cand.root))}</p>")
    return "".join(parts)


def _section(title: str) -> QLabel:
    lab = QLabel(f"<b>{html.escape(title)}</b>")
    lab.setAccessibleName(title)
    return lab


def _rich(name: str) -> QLabel:
    lab = WrapLabel()
    lab.setTextFormat(Qt.TextFormat.RichText)
    lab.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.setAccessibleName(name)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return lab


def _scroll(inner: QWidget, name: str, *, bar_always: bool = False) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    if bar_always:
        # A scroll bar that comes and goes changes the width of everything inside, so
        # every chart would be laid out afresh whenever the text grows past the fold.
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    area.setWidget(inner)
    area.setAccessibleName(name)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class _StillChart(pg.PlotWidget):  # type: ignore[misc]
    """A pyqtgraph plot that only shows: white, no menus, no panning or zooming, and the
    bottom and left axes in the panel's grey at 9 pt. ``tick_style`` goes to both axes.

    Its text follows the app's text size (:mod:`radviz.ui.text_size`, Ctrl+plus): the
    tick font, the fixed height and the left axis width scale with it."""

    TICK_POINTS = 9.0
    LEFT_AXIS_WIDTH: int | None = None
    """A fixed width for the left axis (labels), scaled with the text; ``None``: auto."""

    def __init__(self, parent: QWidget | None, name: str, **tick_style: Any) -> None:
        from radviz.ui.text_size import text_size

        sizes = text_size()
        # No context menu: building pyqtgraph's view-box menu costs start-up time.
        super().__init__(parent, background="w", viewBox=pg.ViewBox(enableMenu=False))
        self._text_scale = sizes.scale
        self._base_height: int | None = None
        self.setAccessibleName(name)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        font = QFont()
        font.setPointSizeF(self.TICK_POINTS * self._text_scale)
        for side in ("bottom", "left"):
            axis = self.getPlotItem().getAxis(side)
            axis.setPen(pg.mkPen("#444"))
            axis.setTextPen(pg.mkPen("#222"))
            axis.setStyle(tickFont=font, **tick_style)
        if self.LEFT_AXIS_WIDTH is not None:
            self.getPlotItem().getAxis("left").setWidth(
                round(self.LEFT_AXIS_WIDTH * self._text_scale)
            )
        sizes.sig_changed.connect(self._text_scaled)

    def setFixedHeight(self, h: int) -> None:
        """Fix the height at the normal text size; larger text makes the chart taller."""
        self._base_height = h
        super().setFixedHeight(round(h * self._text_scale))

    def _text_scaled(self, scale: float) -> None:
        self._text_scale = scale
        font = QFont()
        font.setPointSizeF(self.TICK_POINTS * scale)
        for side in ("bottom", "left"):
            self.getPlotItem().getAxis(side).setStyle(tickFont=font)
        if self.LEFT_AXIS_WIDTH is not None:
            self.getPlotItem().getAxis("left").setWidth(round(self.LEFT_AXIS_WIDTH * scale))
        if self._base_height is not None:
            super().setFixedHeight(round(self._base_height * scale))
        self._scale_items(scale)

    def _scale_items(self, scale: float) -> None:
        """Scale text items of the plot itself (subclasses with labels)."""


class RootChart(_StillChart):
    """Bar chart of root probabilities per side, plus a "no root" bar."""

    # A bar label leans outwards once the neighbouring bar comes within this many chart
    # units below the label (it would run into that bar's label or outline).
    LABEL_GAP = 0.12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "Nerve root probabilities chart")
        # A fixed height: a chart that grew and shrank with the list below it would be
        # laid out and redrawn by pyqtgraph on every click that changes the list.
        self.setFixedHeight(210)
        self.categories = [*CHART_ROOTS, NO_ROOT]
        pi = self.getPlotItem()
        pi.setYRange(0, 1.36, padding=0)  # headroom: legend above the 100% line
        pi.setXRange(-0.6, len(self.categories) - 0.25, padding=0)
        ax = pi.getAxis("bottom")
        ax.setTicks([[(i, c) for i, c in enumerate(self.categories)]])
        left = pi.getAxis("left")
        left.setTicks([[(v, f"{int(v * 100)}%") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        pi.showGrid(y=True, alpha=0.2)
        self.legend = pi.addLegend(
            offset=(4, 2), labelTextColor="#222", brush=(255, 255, 255, 220), colCount=2
        )
        self.bars: dict[str, pg.BarGraphItem] = {}
        self._labels: dict[tuple[str, int], pg.TextItem] = {}
        self._label_shown: dict[tuple[str, int], tuple[str, tuple[float, float] | None]] = {}
        self.values: dict[str, np.ndarray] = {}
        for side, dx in (("left", -0.2), ("right", 0.2)):
            bar = pg.BarGraphItem(
                x=np.arange(len(self.categories)) + dx,
                height=np.zeros(len(self.categories)),
                width=0.38,
                brush=SIDE_COLORS[side],
                pen=pg.mkPen(SIDE_COLORS[side]),
                name=f"Patient's {side}",
            )
            pi.addItem(bar)
            self.bars[side] = bar
        self._sel = pg.BarGraphItem(
            x=[0],
            height=[0],
            width=0.42,
            brush=pg.mkBrush(0, 0, 0, 0),
            pen=pg.mkPen("#111", width=3),
        )
        pi.addItem(self._sel)
        self._sel.setVisible(False)

    def _label(self, side: str, i: int) -> pg.TextItem:
        # A fixed pool of labels, made once: removing TextItems from a plot and
        # re-adding new ones crashes PySide6 at interpreter exit.
        key = (side, i)
        t = self._labels.get(key)
        if t is None:
            t = pg.TextItem("", color="#222", anchor=(0.5, 1.0))
            f = QFont()
            f.setPointSizeF(8 * self._text_scale)
            t.setFont(f)
            t.setZValue(20)
            self.getPlotItem().addItem(t)
            self._labels[key] = t
        return t

    def _scale_items(self, scale: float) -> None:
        for t in self._labels.values():
            f = QFont(t.textItem.font())
            f.setPointSizeF(8 * scale)
            t.setFont(f)

    def set_result(self, result: Result) -> None:
        """Show the result's probabilities."""
        for side, dx in (("left", -0.2), ("right", 0.2)):
            vals = np.zeros(len(self.categories))
            for r in result.roots_for(side):
                if r.root in CHART_ROOTS:
                    vals[CHART_ROOTS.index(r.root)] = r.probability
            vals[-1] = result.no_root.get(side, 0.0)
            self.values[side] = vals
            self.bars[side].setOpts(x=np.arange(len(self.categories)) + dx, height=vals)
        left, right = self.values["left"].tolist(), self.values["right"].tolist()
        for i, (lv, rv) in enumerate(zip(left, right, strict=True)):
            for side, dx, v, other in (("left", -0.2, lv, rv), ("right", 0.2, rv, lv)):
                if v < 0.05:  # no label (and none made) for a bar too low to read
                    hidden = self._labels.get((side, i))
                    if hidden is not None:
                        hidden.setVisible(False)
                    continue
                t = self._label(side, i)
                if other > v - self.LABEL_GAP:
                    # The neighbouring bar reaches this label's height: centred, the label
                    # would run into its label or its outline ("92%87%"), so it leans
                    # outwards, over the outer half of its own bar.
                    anchor = (1.0, 1.0) if side == "left" else (0.0, 1.0)
                    pos = (i + (-0.01 if side == "left" else 0.01), v + 0.01)
                else:
                    anchor, pos = (0.5, 1.0), (i + dx, v + 0.01)
                # pyqtgraph lays a label's text out again on every setText and setAnchor:
                # only what changed is set (the words often stay from one click to the next)
                text, (old_text, old_anchor) = pct(v), self._label_shown.get((side, i), ("", None))
                if text != old_text:
                    t.setText(text)
                if anchor != old_anchor:
                    t.setAnchor(anchor)
                self._label_shown[(side, i)] = (text, anchor)
                t.setPos(*pos)
                t.setVisible(True)

    def bar_label(self, category: str, side: str) -> pg.TextItem | None:
        """The percentage label over a bar (``category`` a root or ``"no root"``), if shown."""
        t = self._labels.get((side, self.categories.index(category)))
        return t if t is not None and t.isVisible() else None

    def set_selected(self, sel: tuple[str, str] | None) -> None:
        """Outline the selected root's bar."""
        if sel is None or sel[0] not in CHART_ROOTS:
            self._sel.setVisible(False)
            return
        i = CHART_ROOTS.index(sel[0])
        dx = -0.2 if sel[1] == "left" else 0.2
        h = float(self.values.get(sel[1], np.zeros(len(self.categories)))[i])
        self._sel.setOpts(x=[i + dx], height=[max(h, 0.02)], width=0.42)
        self._sel.setVisible(True)

    def hit(self, x: float) -> tuple[str, str] | None:
        """The ``(root, side)`` under a view x coordinate (``None`` off the bars)."""
        i = round(x)
        if not 0 <= i < len(CHART_ROOTS):
            return None
        return CHART_ROOTS[i], ("left" if x < i else "right")

    def bar_center(self, root: str, side: str) -> tuple[float, float]:
        """View coordinates of the middle of a bar (for tests and keyboard help)."""
        i = CHART_ROOTS.index(root)
        dx = -0.2 if side == "left" else 0.2
        h = float(self.values.get(side, np.zeros(len(self.categories)))[i])
        return i + dx, max(h / 2, 0.02)


def mimic_note(res: Result, audience: str, kb: Any) -> str:
    """A sentence naming look-alike conditions that fit well (score >= 0.5), or ``""``.

    The pattern line speaks of nerve roots; when a mimic such as common peroneal
    neuropathy fits the findings as well, saying so beside it keeps the picture honest.
    """
    strong = [d for d in res.differentials if d.score >= 0.5]
    if not strong:
        return ""
    names = [html.escape(_name(kb, "differentials", d.id)) for d in strong[:2]]
    joined = " or ".join(f"<b>{n}</b>" for n in names)
    # A look-alike that leads a side is the story, not an aside (one story, H10).
    leaders = {res.localization_for(s)[0].id for s in ("left", "right") if res.localization_for(s)}
    leads = any(d.id in leaders for d in strong[:2])
    if audience == "patient":
        if leads:
            return (
                f"This looks most like {joined}, a problem outside the spine that can look "
                "like a pinched nerve. See the Look-alikes tab."
            )
        return (
            f"This could also be {joined}, a problem outside the spine that can look "
            "the same. See the Look-alikes tab."
        )
    scores = ", ".join(f"{n} {pct(d.score)}" for n, d in zip(names, strong, strict=False))
    if leads:
        return f"Leading explanation, not a root: {scores} (Look-alikes)."
    return f"Mimic fits well: {scores}. Exclude before attributing to a root (Look-alikes)."


def _two_lines(text: str, width: int = 27) -> str:
    """An axis label wrapped onto two lines at a space, so "Pain: outer front of the
    lower leg" is read whole; only a label longer than two lines is cut (with "…")."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width + 1)
    if cut <= 0:
        cut = width
    first, rest = text[:cut].rstrip(), text[cut:].strip()
    if len(rest) > width:
        rest = rest[: width - 1].rstrip() + "…"
    return f"{first}\n{rest}"


class EvidenceChart(_StillChart):
    """Signed horizontal bars: each finding's push for or against the selected root."""

    MAX_ROWS = 8
    LEFT_AXIS_WIDTH = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, "Evidence chart for the selected root", hideOverlappingLabels=False
        )
        pi = self.getPlotItem()
        pi.showGrid(x=True, alpha=0.2)
        pi.getAxis("bottom").setLabel("← against     ln likelihood ratio     for →")
        self.bar = pg.BarGraphItem(x0=[0], y=[0], height=[0.6], width=[0])
        pi.addItem(self.bar)
        pi.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen("#111", width=1)))
        self.rows: list[Evidence] = []
        self.audience = "patient"
        self._shown_audience = ""
        self._ticks: list[tuple[float, str]] | None = None
        self._x_range: float | None = None
        pi.setYRange(-0.6, self.MAX_ROWS - 0.4, padding=0)
        self.setFixedHeight(64 + 26 * self.MAX_ROWS)

    def set_evidence(self, evidence: tuple[Evidence, ...]) -> None:
        """Show the largest contributions, strongest at the top."""
        rows = sorted(evidence, key=lambda e: -abs(e.weight))[: self.MAX_ROWS]
        if rows == self.rows and self.audience == self._shown_audience:
            return
        self._shown_audience = self.audience
        self.rows = rows
        n = len(rows)
        # Rows fill fixed slots from the top: the chart keeps one height and one y range,
        # so a new set of evidence never relays out the panel around it.
        ys = (self.MAX_ROWS - 1 - np.arange(n)).astype(float)
        w = np.array([e.weight for e in rows], dtype=float)
        brushes = [pg.mkBrush("#15803d" if v >= 0 else "#b91c1c") for v in w]
        self.bar.setOpts(
            x0=np.minimum(w, 0), y=ys, height=np.full(n, 0.6), width=np.abs(w), brushes=brushes
        )
        labels = []
        full = []
        for y, e in zip(ys, rows, strict=True):
            text = evidence_label(e, self.audience)
            full.append(f"{text}: {'for' if e.weight >= 0 else 'against'}")
            labels.append((y, _two_lines(text)))
        # The whole wording of every bar, for the pointer and for screen readers.
        described = "\n".join(full)
        if described != self.toolTip():
            self.setToolTip(described)
            self.setAccessibleDescription(described)
        pi = self.getPlotItem()
        # Only touch what changed: new ticks, ranges or heights make pyqtgraph regenerate
        # axes and Qt relayout the panel, the costliest part of a live update.
        if labels != self._ticks:
            self._ticks = labels
            pi.getAxis("left").setTicks([labels])
        m = float(np.max(np.abs(w))) if n else 1.0
        m = math.ceil(max(m, 0.5) * 1.1 * 2) / 2  # half-unit steps: the range rarely moves
        if m != self._x_range:
            self._x_range = m
            pi.setXRange(-m, m, padding=0)


class ResultsPanel(QWidget):
    """Pattern, roots, evidence, levels, causes, mimics and treatments."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setAccessibleName("Results")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)

        head = QHBoxLayout()
        self.disclaimer = WrapLabel(DISCLAIMER)
        self.disclaimer.setAccessibleName("Disclaimer")
        self.disclaimer.setStyleSheet(
            "background:#fff7d6; border:1px solid #e0c060; padding:4px; color:#3a2c00;"
        )
        head.addWidget(self.disclaimer, 1)
        self.audience_buttons = QButtonGroup(self)
        for i, (aud, text, tip) in enumerate(
            (
                ("patient", "Patient", "Plain language (Ctrl+L toggles)"),
                ("clinician", "Clinician", "Clinical language (Ctrl+L toggles)"),
            )
        ):
            b = QPushButton(text)
            b.setCheckable(True)
            b.setToolTip(tip)
            b.setAccessibleName(f"{text} language")
            b.setProperty("audience", aud)
            self.audience_buttons.addButton(b, i)
            head.addWidget(b)
        self.audience_buttons.button(0).setChecked(True)
        self.audience_buttons.idClicked.connect(
            lambda i: state.set_audience(("patient", "clinician")[i])
        )
        lay.addLayout(head)

        self.pattern_label = WrapLabel()
        self.pattern_label.setAccessibleName("Pattern")
        self.pattern_label.setStyleSheet("font-size: 12pt; font-weight: 600; padding: 2px;")
        lay.addWidget(self.pattern_label)
        self.mimic_label = _rich("A look-alike condition that fits well")
        self.mimic_label.setStyleSheet(
            "background:#fff1e6; border:1px solid #e8a070; padding:4px; color:#5a2a00;"
        )
        self.mimic_label.hide()
        lay.addWidget(self.mimic_label)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Result sections")
        self.tabs.setDocumentMode(True)
        lay.addWidget(self.tabs, 1)

        # --- roots tab
        roots = QWidget()
        rl = QVBoxLayout(roots)
        rl.setContentsMargins(4, 4, 4, 4)
        # Where along the nerve (#15): roots and look-alikes ranked together, first.
        self.localization = LocalizationView()
        self.localization.on_root(lambda root, side: self._state.select_root(root, side))
        rl.addWidget(self.localization)
        self.root_chart = RootChart()
        self.root_chart.scene().sigMouseClicked.connect(self._chart_clicked)
        rl.addWidget(self.root_chart)
        self.close_label = _rich("Uncertainty note")
        self.close_label.setStyleSheet("color:#7c2d12;")
        rl.addWidget(self.close_label)
        self._list_entries: list[tuple[str, tuple[str, str]]] | None = None
        self._list_sides: tuple[str, ...] = ()  # the sides the list's held height is for
        self._list_rows = 0  # the most rows shown for them
        self.root_list = QListWidget()
        self.root_list.setAccessibleName("Most likely nerve roots")
        self.root_list.currentItemChanged.connect(self._list_changed)
        self.root_list.itemClicked.connect(lambda it: self._list_changed(it, None))
        rl.addWidget(self.root_list)
        self.overlap_label = _rich("How much of the drawing lies in each root's area")
        rl.addWidget(self.overlap_label)
        self.evidence_title = _rich("Evidence title")
        rl.addWidget(self.evidence_title)
        self.evidence_chart = EvidenceChart()
        rl.addWidget(self.evidence_chart)
        self.evidence_words = _rich("What points to and away from the selected root")
        rl.addWidget(self.evidence_words)
        self.root_text = _rich("About the selected root")
        rl.addWidget(self.root_text)
        self.explanation_label = _rich("Explanation")
        rl.addWidget(self.explanation_label)
        rl.addStretch(1)
        self.tabs.addTab(_scroll(roots, "Nerve roots", bar_always=True), "Nerve roots")

        # --- spine & causes, look-alikes, treatments: long texts, each shown only while
        # its tab is in front (see _show_pending).
        self.levels_label = _rich("Disc levels")
        self.causes_label = _rich("Causes")
        self.differentials_label = _rich("Look-alikes")
        self.treatments_label = _rich("Treatments")
        self._section_page: dict[QLabel, QWidget] = {}
        # label -> its text's maker: a hidden tab's text is not even written until shown
        self._pending: dict[QLabel, Callable[[], str]] = {}
        for title, sections in (
            (
                "Spine && causes",
                (("Where on the spine", self.levels_label), ("Possible causes", self.causes_label)),
            ),
            ("Look-alikes", (("Conditions that can look similar", self.differentials_label),)),
            (
                "Treatments",
                (("Treatments and how good the evidence is", self.treatments_label),),
            ),
        ):
            page = self._text_tab(*sections)
            for _heading, label in sections:
                self._section_page[label] = page
            self.tabs.addTab(page, title)
        self.tabs.currentChanged.connect(self._show_pending)

        state.sig_result_changed.connect(self.refresh)
        state.sig_selection_changed.connect(self.refresh_selection)
        state.sig_audience_changed.connect(self._audience_changed)
        self.refresh()

    def _text_tab(self, *sections: tuple[str, QLabel]) -> QScrollArea:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(6, 6, 6, 6)
        for title, label in sections:
            lay.addWidget(_section(title))
            lay.addWidget(label)
        lay.addStretch(1)
        return _scroll(w, sections[0][0])

    # --------------------------------------------------------------- sections
    def _show_pending(self, _index: int = -1) -> None:
        """Set the waiting texts of the tab in front.

        Laying out a long rich text costs milliseconds, and a tab widget lays out its
        hidden pages too (for its size hint): texts behind other tabs wait until their
        tab is opened.
        """
        page = self.tabs.currentWidget()
        for label, make in list(self._pending.items()):
            if self._section_page[label] is page:
                del self._pending[label]
                html_text = make()
                if label.text() != html_text:
                    label.setText(html_text)

    def section_html(self, label: QLabel) -> str:
        """The text a section label shows, or will show when its tab is opened."""
        make = self._pending.get(label)
        return label.text() if make is None else make()

    # ---------------------------------------------------------------- events
    def _chart_clicked(self, ev: Any) -> None:
        vb = self.root_chart.getPlotItem().getViewBox()
        pos = ev.scenePos()
        if not vb.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        hit = self.root_chart.hit(p.x())
        if hit is not None and self._state.result.root(*hit) is not None:
            self._state.select_root(*hit)

    def _list_changed(self, cur: QListWidgetItem | None, _prev: object) -> None:
        if cur is None or self._refreshing:
            return
        data = cur.data(Qt.ItemDataRole.UserRole)
        if data:
            self._state.select_root(data[0], data[1])

    def _audience_changed(self, audience: str) -> None:
        btn = self.audience_buttons.button(0 if audience == "patient" else 1)
        btn.setChecked(True)
        self.refresh()

    _refreshing = False

    # --------------------------------------------------------------- refresh
    def refresh(self) -> None:
        """Redraw everything from the state's result."""
        st = self._state
        res = st.result
        aud = st.audience
        kb = _kb()
        self._refreshing = True
        try:
            self.disclaimer.setText(w.disclaimer(aud))
            pattern = w.pattern_text(res.pattern, aud)
            if res.pattern == "none" and aud == "patient":
                pattern = SCREEN_EMPTY
            self.pattern_label.setText(pattern)
            mimic = mimic_note(res, aud, kb)
            self.mimic_label.setText(mimic)
            self.mimic_label.setVisible(bool(mimic))
            self.localization.set_result(res, aud)
            self.root_chart.set_result(res)
            self.close_label.setText(html.escape(close_note(res)))
            self.close_label.setVisible(bool(close_note(res)))
            ranked = sorted(res.roots, key=lambda r: -r.probability)
            entries = [
                (
                    f"{r.root}  ·  Patient's {r.side}  ·  {pct(r.probability)}  "
                    f"({w.root_word(r, res.roots)})",
                    (r.root, r.side),
                )
                for r in ranked[:6]
                if r.probability >= 0.05
            ]
            shown = self._list_entries
            if shown and entries != shown and len(entries) == len(shown):
                # As many roots as before: each row rewritten in place (a rebuild relays out)
                for i, ((text, key), old) in enumerate(zip(entries, shown, strict=True)):
                    if (text, key) != old:
                        item = self.root_list.item(i)
                        item.setText(text)
                        item.setData(Qt.ItemDataRole.UserRole, key)
                        item.setForeground(QColor(SIDE_COLORS.get(key[1], "#222")).darker(140))
                self._list_entries = entries
            elif entries != self._list_entries:  # rebuilding an unchanged list relays out
                self._list_entries = entries
                self.root_list.clear()
                for text, key in entries:
                    item = QListWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, key)
                    item.setForeground(QColor(SIDE_COLORS.get(key[1], "#222")).darker(140))
                    self.root_list.addItem(item)
                if self.root_list.count() == 0:
                    item = QListWidgetItem("No nerve root stands out.")
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    self.root_list.addItem(item)
                # Held at the most rows needed while the same sides are shown, so one root
                # more or less does not move everything under the list (see
                # LocalizationView._hold_height); new sides start afresh.
                sides = tuple(sorted({r.side for r in res.roots}))
                rows = max(1, self.root_list.count())
                if sides != self._list_sides:
                    self._list_sides, self._list_rows = sides, rows
                self._list_rows = max(self._list_rows, rows)
                self.root_list.setFixedHeight(
                    8 + self._list_rows * self.root_list.sizeHintForRow(0)
                )
            overlap = st.root_overlap() if st.masks else {}
            if overlap:
                parts = [f"{r} {s[0].upper()} {pct(v)}" for (r, s), v in list(overlap.items())[:5]]
                self.overlap_label.setText(
                    "<span style='color:#444'>Your drawing covers these root areas: "
                    + ", ".join(parts)
                    + "</span>"
                )
                self.overlap_label.show()
            else:
                self.overlap_label.hide()
            # Texts behind a closed tab wait for it to open (see _show_pending).
            # Each is written when its tab opens, from this result.
            self._pending[self.levels_label] = lambda: self._levels_html(res, aud)
            self._pending[self.causes_label] = lambda: self._causes_html(res, aud, kb)
            self._pending[self.differentials_label] = lambda: self._differentials_html(res, aud, kb)
            self._pending[self.treatments_label] = lambda: self._treatments_html(res, aud, kb)
            self._show_pending()
            # The explanation is the model's clinical trace (ids, weights): clinicians only;
            # patients get the evidence in words under the chart.
            if res.explanation and aud == "clinician":
                self.explanation_label.setText(
                    "<b>Why</b><ul style='margin-left:-20px'>"
                    + "".join(f"<li>{html.escape(s)}</li>" for s in res.explanation)
                    + "</ul>"
                )
                self.explanation_label.show()
            else:
                self.explanation_label.hide()
        finally:
            self._refreshing = False
        self.refresh_selection()

    def refresh_selection(self) -> None:
        """Show the evidence and text of the selected root."""
        st = self._state
        sel = st.selected_root
        self.root_chart.set_selected(sel)
        self._refreshing = True
        try:
            for i in range(self.root_list.count()):
                it = self.root_list.item(i)
                if it.data(Qt.ItemDataRole.UserRole) == sel:
                    self.root_list.setCurrentItem(it)
                    break
            else:
                self.root_list.setCurrentRow(-1)
        finally:
            self._refreshing = False
        cand = st.result.root(*sel) if sel is not None else None
        if cand is None:
            self.evidence_title.setText(
                "<b>Evidence</b>: select a root in the chart or the list to see why."
            )
            self.evidence_chart.set_evidence(())
            self.evidence_chart.hide()
            self.evidence_words.hide()
            self.root_text.hide()
            return
        word = w.root_word(cand, st.result.roots)
        if st.audience == "patient":
            self.evidence_title.setText(
                f"<b>Why {cand.root} on {w.side_words(cand.side)}</b> — "
                f"{html.escape(w.root_likelihood(cand, st.result.roots, 'patient'))}."
            )
        else:
            self.evidence_title.setText(
                f"<b>Why {cand.root} on the patient's {cand.side}</b> — "
                f"{pct(cand.probability)}, {html.escape(word)}. Bars: ln likelihood ratio of "
                "each finding against “no root” (prior included); "
                "<span style='color:#15803d'>green supports it</span>, "
                "<span style='color:#b91c1c'>red argues against it</span>."
            )
        if st.audience == "patient":
            # Words, not bars: what points to the root and what points away, and how
            # common the root is explained rather than drawn as evidence against it.
            self.evidence_chart.hide()
            self.evidence_words.setText(evidence_words_html(cand))
            self.evidence_words.show()
        else:
            self.evidence_words.hide()
            self.evidence_chart.audience = st.audience
            self.evidence_chart.set_evidence(cand.evidence)
            self.evidence_chart.setVisible(bool(cand.evidence))
        text = _text(_kb(), "roots", cand.root, st.audience)
        self.root_text.setText(html.escape(text))
        self.root_text.setVisible(bool(text))

    # --------------------------------------------------------------- html
    @staticmethod
    def _levels_html(res: Result, aud: str) -> str:
        if not res.levels:
            return "<i>No disc level stands out.</i>"
        rows = []
        for lv in res.levels[:6]:
            if aud == "patient":
                rows.append(
                    f"<li><b>{lv.level} disc</b>, {w.label('disc_zones', lv.zone)}, on "
                    f"{w.side_words(lv.side)}: the <b>{lv.root}</b> nerve "
                    f"{w.label('relations', lv.relation)} — {likelihood_word(lv.probability)} "
                    f"({pct(lv.probability)})</li>"
                )
            else:
                rows.append(
                    f"<li><b>{lv.level}</b> {lv.zone} {lv.side} → {lv.root} ({lv.relation}) "
                    f"{pct(lv.probability)}</li>"
                )
        return "<ul style='margin-left:-20px'>" + "".join(rows) + "</ul>"

    @staticmethod
    def _causes_html(res: Result, aud: str, kb: Any) -> str:
        if not res.causes:
            return "<i>No structural cause stands out.</i>"
        rows = []
        for c in res.causes[:5]:
            text = _text(kb, "causes", c.id, aud)
            why = f"<br><i>Why: {html.escape(_why(c.why, aud))}</i>" if c.why else ""
            rows.append(
                f"<p><b>{html.escape(_name(kb, 'causes', c.id))}</b> — {pct(c.probability)} "
                f"({likelihood_word(c.probability)}){why}<br>{html.escape(text)}</p>"
            )
        return "".join(rows)

    @staticmethod
    def _differentials_html(res: Result, aud: str, kb: Any) -> str:
        if not res.differentials:
            return "<i>Nothing else stands out.</i>"
        rows = []
        for d in res.differentials[:6]:
            text = _text(kb, "differentials", d.id, aud)
            rows.append(
                f"<p><b>{html.escape(_name(kb, 'differentials', d.id))}</b> — "
                f"{likelihood_word(d.score)} ({pct(d.score)})<br>"
                f"<i>Why: {html.escape(_why(d.why, aud))}</i><br>{html.escape(text)}</p>"
            )
        return "".join(rows)

    @staticmethod
    def _treatments_html(res: Result, aud: str, kb: Any) -> str:
        if not res.treatments:
            return "<i>No treatment information for this picture yet.</i>"
        rows = []
        order = {g: i for i, g in enumerate(vocab.EVIDENCE_GRADES)}
        for step, options in w.plan_steps(res.treatments):
            # The plan by step (emergency, urgent, first, next, specialist, not advised),
            # as in the CLI text and the handout; within a step, best evidence first.
            rows.append(
                f"<h4 style='margin-bottom:2px; color:#1f3a5f'>"
                f"{html.escape(w.step_label(step, aud))}</h4>"
            )
            for t in sorted(options, key=lambda t: order.get(t.evidence, 9)):
                rows.append(ResultsPanel._treatment_row(t, aud, kb))
        return "".join(rows)

    @staticmethod
    def _treatment_row(t: Any, aud: str, kb: Any) -> str:
        symbol, bg, fg = BADGES.get(t.evidence, ("", "#6b7280", "white"))
        badge = f"{symbol} {html.escape(w.grade_label(t.evidence, aud))}".strip()
        text = _text(kb, "treatments", t.id, aud)
        item = _item(kb, "treatments", t.id)
        reason = ""
        if item is not None and aud == "clinician":
            r = (getattr(item, "data", {}) or {}).get("evidence_reason")
            if r:
                reason = f"<br><i>Evidence: {html.escape(str(r))}</i>"
        why = f"<br><i>{html.escape(t.why)}</i>" if t.why and aud == "clinician" else ""
        return (
            f"<p><span style='background:{bg}; color:{fg}; font-weight:700'>"
            f"&nbsp;{badge}&nbsp;</span> <b>{html.escape(_name(kb, 'treatments', t.id))}</b>"
            f"<br>{html.escape(text)}{why}{reason}</p>"
        )

    # --------------------------------------------------------------- test API
    def shown_roots(self) -> list[tuple[str, str, str]]:
        """The rows of the root list: ``(root, side, percent)``."""
        out = []
        for i in range(self.root_list.count()):
            it = self.root_list.item(i)
            data = it.data(Qt.ItemDataRole.UserRole)
            if data:
                out.append((data[0], data[1], it.text().split("·")[2].strip().split()[0]))
        return out
