"""The findings panel: history, strength, reflexes and tests (UI layer).

A scroll area of sections. Every control has an accessible name and is reachable with
Tab; each edit goes to :class:`~radviz.ui.app_state.AppState` (so it is undoable) and
the panel redraws from the state (echo blocked). When a root is selected, its muscles
and reflex rows are highlighted on that side.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from radviz.anatomy import vocab
from radviz.reasoning import severity, wording
from radviz.ui.app_state import AppState
from radviz.ui.wrap_label import WrapLabel


def _form_labels(section: str, ids: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Each id's (patient's question or instruction, the clinician's term) from
    labels.toml: one home for the words of every view (radviz.reasoning.wording)."""
    return {
        i: (
            wording.label(section, i, field="prompt"),
            wording.cap(wording.label(section, i, "clinician")),
        )
        for i in ids
    }


FLAG_QUESTIONS = _form_labels("flags", vocab.FLAGS)
MOVEMENT_LABELS = _form_labels("movements", vocab.MOVEMENTS)
REFLEX_LABELS = _form_labels("reflexes", vocab.REFLEXES)
TEST_LABELS = _form_labels("tests", vocab.TESTS)

# Pain score (0-10 numeric rating scale) and function (contract 7.1), as the form offers them.
PAIN_ITEMS: list[tuple[str, Any]] = [("not asked", None)] + [
    (f"{n}" + {0: " no pain", 10: " worst imaginable"}.get(n, ""), float(n)) for n in range(11)
]
FUNCTION_ITEMS: list[tuple[str, Any]] = [("not asked", None)] + [
    (severity.FUNCTION_WORDS[f], f) for f in vocab.FUNCTIONS
]

NOT_TESTED = "not tested"
GRADE_TEXT = {
    5: "5 normal",
    4: "4 weak",
    3: "3 vs gravity",
    2: "2 no gravity",
    1: "1 flicker",
    0: "0 none",
}
GRADE_TIP = (
    "MRC grade: 5 normal; 4 moves against some resistance; 3 against gravity only; "
    "2 only with gravity removed; 1 a flicker; 0 no movement"
)
# Scoped by type: an unscoped sheet on a combo also paints its drop-down list, where the
# selected row came out white on pale yellow. The list keeps plain, high-contrast colours.
HIGHLIGHT_CSS = (
    "QLabel, QComboBox { background: #fde68a; color: #111111; font-weight: 700; }"
    " QComboBox QAbstractItemView { background: #ffffff; color: #111111; font-weight: 400;"
    " selection-background-color: #0072B2; selection-color: #ffffff; }"
    " QComboBox::item { background: #ffffff; color: #111111; }"
    " QComboBox::item:selected { background: #0072B2; color: #ffffff; }"
)


def _label(pair: tuple[str, str], audience: str) -> str:
    return pair[0] if audience == "patient" else pair[1]


def _combo(items: list[tuple[str, Any]], name: str) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    box.setAccessibleName(name)
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    return box


def _set_combo(box: QComboBox, value: Any) -> None:
    idx = box.findData(value)
    if idx < 0 and isinstance(value, float):
        # a score the form does not list (7.5 from a file): show it rather than "not asked"
        box.blockSignals(True)
        box.addItem(f"{value:g}", value)
        box.blockSignals(False)
        idx = box.findData(value)
    box.blockSignals(True)
    box.setCurrentIndex(max(idx, 0))
    box.blockSignals(False)


_GROUP_MARGIN = 4


class _Rows:
    """A grid of rows (a label, then one or two answer boxes) laid out side by side, or,
    when the panel is too narrow for that, each label on its own line above its boxes:
    nothing is clipped at a large text size (the panel does not scroll sideways)."""

    def __init__(self, grid: QGridLayout, header: list[QWidget] | None = None) -> None:
        self.grid = grid
        self.header = header or []
        self.rows: list[tuple[QLabel, list[QWidget]]] = []
        self.stacked: bool | None = None

    def add(self, label: QLabel, widgets: list[QWidget]) -> None:
        self.rows.append((label, widgets))

    def wide_width(self) -> int:
        """The least width the side-by-side layout needs (a label gets at least about
        ten characters)."""
        cols = max((len(w) for _l, w in self.rows), default=1)
        boxes = [0] * cols
        for _label, widgets in self.rows:
            for i, w in enumerate(widgets):
                boxes[i] = max(boxes[i], w.sizeHint().width(), w.minimumSizeHint().width())
        for i, head in enumerate(self.header):
            if i < cols:
                boxes[i] = max(boxes[i], head.sizeHint().width())
        label_w = max(
            (
                max(lab.fontMetrics().averageCharWidth() * 10, lab.minimumSizeHint().width())
                for lab, _w in self.rows
            ),
            default=0,
        )
        m = self.grid.contentsMargins()
        spacing = max(self.grid.horizontalSpacing(), 0) * cols
        frame = 2 * _GROUP_MARGIN + 6  # the group's margins and frame
        return label_w + sum(boxes) + spacing + m.left() + m.right() + frame

    def arrange(self, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        grid = self.grid
        for label, widgets in self.rows:
            grid.removeWidget(label)
            for w in widgets:
                grid.removeWidget(w)
        for head in self.header:
            grid.removeWidget(head)
        for c in range(4):
            grid.setColumnStretch(c, 0)
        none, right = Qt.AlignmentFlag(0), Qt.AlignmentFlag.AlignRight
        lone = Qt.AlignmentFlag.AlignLeft  # a single box under its label
        row = 0
        if self.header:
            for i, head in enumerate(self.header):
                grid.addWidget(head, 0, i if stacked else i + 1)
            row = 1
        for label, widgets in self.rows:
            if stacked:
                grid.addWidget(label, row, 0, 1, max(len(widgets), 1))
                row += 1
                for i, w in enumerate(widgets):
                    grid.addWidget(w, row, i, lone if len(widgets) == 1 else none)
            else:
                grid.addWidget(label, row, 0)
                for i, w in enumerate(widgets):
                    grid.addWidget(w, row, i + 1, right if len(widgets) == 1 else none)
            row += 1
        if stacked:
            for c in range(max((len(w) for _l, w in self.rows), default=1)):
                grid.setColumnStretch(c, 1)
        else:
            grid.setColumnStretch(0, 1)


class FindingsPanel(QScrollArea):
    """History questions (red flags first), strength, reflexes and tests."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Findings")
        self.setObjectName("findingsPanel")
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self.setWidget(body)

        self.flag_boxes: dict[str, QComboBox] = {}
        self.flag_labels: dict[str, QLabel] = {}
        self.motor_boxes: dict[tuple[str, str], QComboBox] = {}
        self.motor_labels: dict[str, QLabel] = {}
        self.reflex_boxes: dict[tuple[str, str], QComboBox] = {}
        self.reflex_labels: dict[str, QLabel] = {}
        self.test_boxes: dict[tuple[str, str], QComboBox] = {}
        self.test_labels: dict[str, QLabel] = {}
        self.slr_angles: dict[str, QSpinBox] = {}
        self._highlighted: list[QWidget] = []
        self._highlighted_for: tuple[str, str] | None = None
        self._shown: tuple[object, ...] | None = None  # what refresh() last showed
        self._grids: list[_Rows] = []
        self._contents: dict[int, QWidget] = {}
        self._headings: dict[int, QLabel] = {}

        self._build_about()
        self._build_flags("Warning signs — please answer first", vocab.RED_FLAG_QUESTIONS)
        self._build_grid_motor()
        self._build_grid_reflexes()
        self._build_grid_tests()
        other = [f for f in vocab.FLAGS if f not in vocab.RED_FLAG_QUESTIONS]
        self._build_flags("What makes it worse, other history", tuple(other))
        self._layout.addStretch(1)
        self._arrange()

        state.sig_findings_changed.connect(self.refresh)
        state.sig_selection_changed.connect(self.refresh_highlight)
        state.sig_audience_changed.connect(self.retranslate)
        self.retranslate()
        self.refresh()

    # ------------------------------------------------------------ building
    def _group(self, title: str) -> QGroupBox:
        """A framed group headed by ``title`` in a label that wraps (a group box's own
        title does not, and would set the panel's least width at a large text size);
        its rows go in :meth:`_content`."""
        box = QGroupBox()
        box.setAccessibleName(title)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(_GROUP_MARGIN, 4, _GROUP_MARGIN, 6)
        outer.setSpacing(2)
        head = WrapLabel(f"<b>{title}</b>")
        head.setObjectName("groupHeading")
        outer.addWidget(head)
        content = QWidget()
        outer.addWidget(content)
        self._contents[id(box)] = content
        self._headings[id(box)] = head
        self._layout.addWidget(box)
        return box

    def _content(self, box: QGroupBox) -> QWidget:
        return self._contents[id(box)]

    def group_titles(self) -> list[str]:
        """The groups' headings, in order."""
        return [h.text().removeprefix("<b>").removesuffix("</b>") for h in self._headings.values()]

    def _build_about(self) -> None:
        box = self._group("About the person")
        form = QFormLayout(self._content(box))
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: label above
        self.age = QSpinBox()
        self.age.setRange(-1, 120)
        self.age.setSpecialValueText("not given")
        self.age.setSuffix(" years")
        self.age.setAccessibleName("Age in years")
        self.age.setValue(-1)
        self.age.valueChanged.connect(lambda v: self._state.set_age(None if v < 0 else int(v)))
        form.addRow("&Age", self.age)
        self.sex = _combo([("not given", None)] + [(s, s) for s in vocab.SEXES], "Sex")
        self.sex.currentIndexChanged.connect(lambda _i: self._state.set_sex(self.sex.currentData()))
        form.addRow("&Sex", self.sex)
        self.duration = QDoubleSpinBox()
        self.duration.setRange(-1, 5200)
        self.duration.setDecimals(0)
        self.duration.setSpecialValueText("not given")
        self.duration.setSuffix(" weeks")
        self.duration.setAccessibleName("How long it has lasted, in weeks")
        self.duration.setValue(-1)
        self.duration.valueChanged.connect(self._duration_suffix)
        self.duration.valueChanged.connect(
            lambda v: self._state.set_duration(None if v < 0 else float(v))
        )
        form.addRow("How &long", self.duration)  # Alt+H is the Help menu
        # Contract 7.1: the worst leg pain of the last week (0-10) and how much it limits
        # daily life; severity comes from these (radviz.reasoning.severity).
        self.pain_score = _combo(PAIN_ITEMS, "Worst leg pain in the last week, 0 to 10")
        self.pain_score.currentIndexChanged.connect(
            lambda _i: self._set_person(pain_score=self.pain_score.currentData())
        )
        form.addRow("Worst leg pain", self.pain_score)
        self.function = _combo(FUNCTION_ITEMS, "How much the pain limits daily life")
        self.function.currentIndexChanged.connect(
            lambda _i: self._set_person(function=self.function.currentData())
        )
        form.addRow("Daily life", self.function)

    def _set_person(self, **change: Any) -> None:
        """One undoable edit of pain score or function on the clicked findings."""
        before = self._state.clicked_findings
        after = replace(before, **change)
        if after != before:
            what = "pain score" if "pain_score" in change else "daily-life limit"
            self._state.set_findings(after, f"Set {what}")

    def _build_flags(self, title: str, flags: tuple[str, ...]) -> None:
        box = self._group(title)
        if flags and flags[0] in vocab.RED_FLAG_QUESTIONS:
            box.setObjectName("redFlagQuestions")
        grid = QGridLayout(self._content(box))
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(4)
        rows = _Rows(grid)
        self._grids.append(rows)
        for flag in flags:
            combo = _combo([("not asked", None), ("yes", True), ("no", False)], flag)
            combo.setMinimumContentsLength(7)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(
                lambda _i, f=flag, c=combo: self._state.set_flag(f, c.currentData())
            )
            label = WrapLabel()
            label.setBuddy(combo)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            rows.add(label, [combo])
            self.flag_boxes[flag] = combo
            self.flag_labels[flag] = label

    def _side_header(self, grid: QGridLayout) -> _Rows:
        heads: list[QWidget] = []
        for side in ("left", "right"):
            head = QLabel(f"<b>Patient's {side}</b>")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            heads.append(head)
        rows = _Rows(grid, heads)
        self._grids.append(rows)
        return rows

    def _build_grid_motor(self) -> None:
        self._motor_box = self._group("Strength (0–5, 5 = normal)")
        grid = QGridLayout(self._content(self._motor_box))
        rows = self._side_header(grid)
        items = [(NOT_TESTED, None)] + [(GRADE_TEXT[g], g) for g in range(5, -1, -1)]
        for mv in vocab.MOVEMENTS:
            label = WrapLabel()
            self.motor_labels[mv] = label
            boxes: list[QWidget] = []
            rows.add(label, boxes)
            for side in ("left", "right"):
                combo = _combo(items, f"{mv} {side}")
                combo.setToolTip(GRADE_TIP)
                combo.currentIndexChanged.connect(
                    lambda _i, m=mv, s=side, c=combo: self._state.set_motor(m, s, c.currentData())
                )
                boxes.append(combo)
                self.motor_boxes[(mv, side)] = combo

    def _build_grid_reflexes(self) -> None:
        box = self._group("Reflexes")
        grid = QGridLayout(self._content(box))
        rows = self._side_header(grid)
        items = [(NOT_TESTED, None)] + [(s, s) for s in vocab.REFLEX_STATUSES]
        for rf in vocab.REFLEXES:
            label = WrapLabel()
            self.reflex_labels[rf] = label
            boxes: list[QWidget] = []
            rows.add(label, boxes)
            for side in ("left", "right"):
                combo = _combo(items, f"{rf} {side}")
                combo.currentIndexChanged.connect(
                    lambda _i, r=rf, s=side, c=combo: self._state.set_reflex(r, s, c.currentData())
                )
                boxes.append(combo)
                self.reflex_boxes[(rf, side)] = combo

    def _build_grid_tests(self) -> None:
        box = self._group("Tests")
        grid = QGridLayout(self._content(box))
        rows = self._side_header(grid)
        items = [("not done", None), ("positive", "positive"), ("negative", "negative")]
        for test in vocab.TESTS:
            label = WrapLabel()
            self.test_labels[test] = label
            boxes: list[QWidget] = []
            rows.add(label, boxes)
            for side in ("left", "right"):
                combo = _combo(items, f"{test} {side}")
                combo.currentIndexChanged.connect(
                    lambda _i, t=test, s=side: self._test_changed(t, s)
                )
                boxes.append(combo)
                self.test_boxes[(test, side)] = combo
            if test == "slr":
                angle_label = WrapLabel("SLR angle (when pain starts)")
                spins: list[QWidget] = []
                rows.add(angle_label, spins)
                for side in ("left", "right"):
                    spin = QSpinBox()
                    spin.setRange(0, 120)
                    spin.setSpecialValueText("no angle")
                    spin.setSuffix("°")
                    spin.setSingleStep(5)
                    spin.setAccessibleName(f"Straight-leg raise angle, patient's {side}")
                    spin.valueChanged.connect(lambda _v, s=side: self._test_changed("slr", s))
                    spins.append(spin)
                    self.slr_angles[side] = spin

    # ------------------------------------------------------------- layout
    def _arrange(self) -> None:
        """Labels beside their boxes where the panel is wide enough, else above them."""
        room = self.viewport().width() - 12  # the body's margins
        for rows in self._grids:
            rows.arrange(rows.wide_width() > room)
        # at the largest text sizes even two boxes side by side may not fit: then, and only
        # then, the panel scrolls sideways rather than cut them off
        body = self.widget()
        wide = body is not None and body.minimumSizeHint().width() > self.viewport().width()
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if wide else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def stacked_groups(self) -> int:
        """How many groups show their labels above the boxes (narrow panel)."""
        return sum(1 for rows in self._grids if rows.stacked)

    def resizeEvent(self, event: Any) -> None:
        self._arrange()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._arrange()

    def _test_changed(self, test: str, side: str) -> None:
        result = self.test_boxes[(test, side)].currentData()
        angle: float | None = None
        if test == "slr" and result is not None:
            a = self.slr_angles[side].value()
            angle = float(a) if a > 0 else None
        self._state.set_test(test, side, result, angle)

    # ------------------------------------------------------------ refresh
    def retranslate(self, *_args: object) -> None:
        """Relabel rows for the current audience; accessible names follow."""
        aud = self._state.audience
        for flag, label in self.flag_labels.items():
            text = _label(FLAG_QUESTIONS.get(flag, (flag, flag)), aud)
            label.setText(text)
            self.flag_boxes[flag].setAccessibleName(text)
        rows: tuple[tuple[Any, Any, Any, str], ...] = (
            (self.motor_labels, MOVEMENT_LABELS, self.motor_boxes, "Strength: "),
            (self.reflex_labels, REFLEX_LABELS, self.reflex_boxes, ""),
            (self.test_labels, TEST_LABELS, self.test_boxes, ""),
        )
        for labels, words, boxes, prefix in rows:
            for key, label in labels.items():
                pair = words[key]
                label.setText(_label(pair, aud))
                label.setToolTip(pair[1])
                for side in vocab.SIDES:
                    boxes[(key, side)].setAccessibleName(
                        f"{prefix}{_label(pair, aud)}, patient's {side}"
                    )

    def _duration_suffix(self, _value: float = 0.0) -> None:
        """ "1 week", "3 weeks": the suffix follows the number, whoever set it."""
        suffix = " week" if round(self.duration.value()) == 1 else " weeks"
        if self.duration.suffix() != suffix:
            self.duration.setSuffix(suffix)

    def refresh(self) -> None:
        """Show the state's findings (without emitting edits back)."""
        f = self._state.clicked_findings
        # The form shows everything but the symptoms: a body-map click changes nothing here.
        shown = (
            f.age,
            f.duration_weeks,
            f.sex,
            f.pain_score,
            f.function,
            tuple(f.flags.items()),
            f.motor,
            f.reflexes,
            f.tests,
        )
        if shown == self._shown:
            return
        self._shown = shown
        # Setting a spin box, even to its own value, repaints it: only touch what changed.
        _set_spin(self.age, -1 if f.age is None else int(f.age))
        _set_spin(self.duration, -1.0 if f.duration_weeks is None else float(f.duration_weeks))
        self._duration_suffix()
        _set_combo(self.sex, f.sex)
        _set_combo(self.pain_score, f.pain_score)
        _set_combo(self.function, f.function)
        for flag, box in self.flag_boxes.items():
            _set_combo(box, f.flags.get(flag))
        motor = {(m.movement, m.side): m.grade for m in f.motor}
        for key, box in self.motor_boxes.items():
            _set_combo(box, motor.get(key))
        reflexes = {(r.reflex, r.side): r.status for r in f.reflexes}
        for key, box in self.reflex_boxes.items():
            _set_combo(box, reflexes.get(key))
        tests = {(t.test, t.side): t for t in f.tests}
        for key, box in self.test_boxes.items():
            t = tests.get(key)
            _set_combo(box, None if t is None else t.result)
        for side, spin in self.slr_angles.items():
            t = tests.get(("slr", side))
            _set_spin(spin, int(t.angle) if t is not None and t.angle is not None else 0)
            spin.setEnabled(t is not None)

    def highlighted_rows(self) -> dict[str, set[str]]:
        """Rows lit for the selected root: ``{"motor": {...}, "reflexes": {...}}``."""
        return {
            "motor": {m for m, lab in self.motor_labels.items() if lab.property("lit")},
            "reflexes": {r for r, lab in self.reflex_labels.items() if lab.property("lit")},
        }

    def refresh_highlight(self) -> None:
        """Light the selected root's muscles and reflexes on its side."""
        sel = self._state.selected_root
        if sel == self._highlighted_for:
            return  # restyling is costly (a style sheet per widget): skip a no-op
        self._highlighted_for = sel
        for w in self._highlighted:
            w.setStyleSheet("")
            w.setProperty("lit", False)
        self._highlighted = []
        if sel is None:
            return
        root_id, side = sel
        muscles, reflexes = _root_exam(root_id)
        for mv in muscles:
            if mv in self.motor_labels:
                self._light(self.motor_labels[mv], f"Tests the {root_id} root")
                box = self.motor_boxes.get((mv, side))
                if box is not None:
                    self._light(box, None)
        for rf in reflexes:
            if rf in self.reflex_labels:
                self._light(self.reflex_labels[rf], f"Tests the {root_id} root")
                box = self.reflex_boxes.get((rf, side))
                if box is not None:
                    self._light(box, None)

    def _light(self, w: QWidget, tip: str | None) -> None:
        w.setStyleSheet(HIGHLIGHT_CSS)
        w.setProperty("lit", True)
        self._highlighted.append(w)


def _set_spin(spin: QSpinBox | QDoubleSpinBox, value: float) -> None:
    """Show ``value`` without emitting an edit, and without a repaint when unchanged."""
    if spin.value() == value:
        return
    spin.blockSignals(True)
    spin.setValue(value)  # type: ignore[arg-type]
    spin.blockSignals(False)


def _root_exam(root_id: str) -> tuple[list[str], list[str]]:
    """Key muscles (movements) and reflexes of a root from the knowledge base."""
    from radviz.knowledge.loader import load_kb  # validated at start-up (radviz.app.run)

    root = load_kb().roots.get(root_id)
    if root is None:
        return [], []
    key = list(getattr(root, "key_muscles", ()) or ())
    muscles: dict[str, float] = dict(getattr(root, "muscles", {}) or {})
    # Key muscles plus any movement the root supplies substantially.
    strong = [m for m, w in sorted(muscles.items(), key=lambda kv: -kv[1]) if w >= 0.5]
    movements = list(dict.fromkeys(key + strong))
    reflexes: dict[str, float] = dict(getattr(root, "reflexes", {}) or {})
    return movements, [r for r, w in reflexes.items() if w >= 0.3]
