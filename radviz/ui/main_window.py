"""The main window: layout and wiring only (UI layer).

Body map | (spine over the "Exam & history" and "Imaging" tabs) | results, in splitters
whose sizes are remembered, under a red-flag banner that no scroll area can hide. Menus,
toolbar, status bar and shortcuts drive :class:`~radviz.ui.app_state.AppState`; views
redraw from its signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from radviz.anatomy import vocab
from radviz.anatomy.levels import roots_at_level
from radviz.reasoning.result import DISCLAIMER
from radviz.training.demos import DEMOS
from radviz.ui import style
from radviz.ui.app_state import AppState
from radviz.ui.panels.findings_panel import FindingsPanel
from radviz.ui.panels.imaging_panel import ImagingPanel, most_severe, overlay_roots
from radviz.ui.panels.red_flag_banner import RedFlagBanner
from radviz.ui.panels.results_panel import ResultsPanel
from radviz.ui.panels.zone_list import SpineList, ZoneList
from radviz.ui.text_size import text_size
from radviz.ui.views.body_map import BodyMapView, stroke_mask
from radviz.ui.views.spine_view import SpineLegend, SpineView
from radviz.ui.wrap_label import WrapLabel

SHORT_DISCLAIMER = "radviz explains and educates. It does not diagnose."

KIND_SHORT = {
    "pain": "Pain",
    "burning": "Burning",
    "aching": "Aching",
    "numbness": "Numb",
    "tingling": "Tingling",
}

HOW_TO = """<h3>How to use radviz</h3>
<ol>
<li><b>Pick what you feel</b> on the toolbar: pain, burning, aching, numbness or
tingling (keys 1–5).</li>
<li><b>Click an area</b> of the body map to shade it; click again to clear it. Or choose
the <b>brush</b> (B) and paint freely; the <b>eraser</b> (E) rubs paint out. The figures
face you: the <b>patient's left</b> and <b>right</b> are labelled.</li>
<li>A clinician can add <b>strength, reflexes and tests</b> in the findings panel.
Answer the <b>warning-sign questions</b> first.</li>
<li>A clinician can paste the <b>MRI report</b> in the <b>Imaging</b> tab (Ctrl+I) or
build a finding: each is drawn on the spine, with whether it fits the symptoms and how
common it is in people without pain.</li>
<li>The results show which <b>nerve roots</b> could explain it, how sure radviz is, and
why. Click a root to see its area on the body map and where it can be pinched on the
spine. Click the spine to see what a disc or root would affect.</li>
<li>Undo anything with Ctrl+Z. Switch plain/clinical language with Ctrl+L.</li>
<li><b>Text size</b>: Ctrl+plus and Ctrl+minus, Ctrl+0 for normal (View menu, with
<b>High contrast</b>). To <b>zoom a picture</b>, use the Zoom buttons (they zoom the picture
you last pointed at), Ctrl + mouse wheel, or + and − while the picture has the focus.</li>
<li><b>Keyboard only</b>: Tab to the <b>Body areas</b> list under the body map; arrows
move, Space shades the area with the chosen kind (keys 1–5), Delete clears it. The
<b>Spine parts</b> list does the same for the spine.</li>
</ol>
<p><b>A red banner</b> means a warning sign: follow what it says.</p>
"""


def _settings_bytes(value: Any) -> QByteArray | None:
    if isinstance(value, QByteArray):
        return value
    if isinstance(value, bytes | bytearray):
        return QByteArray(bytes(value))
    return None


class _Defaults:
    """Stands in for QSettings when nothing is to be remembered (screenshots)."""

    def value(self, _key: str, default: Any = None) -> Any:
        return default


class MainWindow(QMainWindow):
    """radviz's main window."""

    def __init__(
        self,
        state: AppState | None = None,
        parent: QWidget | None = None,
        *,
        remember: bool = True,
    ) -> None:
        """``remember=False`` neither reads nor writes QSettings (screenshots)."""
        super().__init__(parent)
        # Wheel and typing never change a control by accident: the input policy is
        # installed at the window's first paint (no input comes before; see paintEvent).
        self._input_policy_on = False
        self.remember = remember
        self.last_level_roots: list[tuple[str, str]] = []
        """Roots lit by the last click on a spine disc or zone."""
        self.setWindowTitle("radviz — where does the leg pain come from?")
        self.setObjectName("radvizMainWindow")
        self.state = state or AppState(self)
        if self.state.parent() is None:
            self.state.setParent(self)  # a state built beforehand lives as long as its window
        self.current_kind = "pain"
        self._listed_zone: Any = None  # the map item outlined for the zone list's row
        self._zoom_view: Any = None  # the picture the toolbar's zoom acts on

        # ------------------------------------------------------------ widgets
        self.banner = RedFlagBanner()
        self.body = BodyMapView()
        self.body.setAccessibleName("Body map: front and back. Click or paint where you feel it")
        self.body.setAccessibleDescription(
            "A picture. With the keyboard or a screen reader, use the Body areas list "
            "below it: it holds every area and stays in step with the map."
        )
        self.spine = SpineView()
        self.spine.setAccessibleName("Lumbar spine diagram")
        self.spine.setAccessibleDescription(
            "A picture. With the keyboard or a screen reader, use the Spine parts list "
            "below the body map: every disc level, zone and nerve root."
        )
        # The pictures' accessible twins (QGraphicsItems are invisible to assistive tech).
        self._zoom_view = self.body
        for view in (self.body, self.spine):
            view.installEventFilter(self)
            view.viewport().installEventFilter(self)
        self.zone_list = ZoneList()
        self.spine_list = SpineList()
        self.access_tabs = QTabWidget()
        self.access_tabs.setObjectName("accessTabs")
        self.access_tabs.setAccessibleName("Areas and spine parts as lists")
        self.access_tabs.setDocumentMode(True)
        self.access_tabs.addTab(self.zone_list, "Body areas")
        self.access_tabs.addTab(self.spine_list, "Spine parts")
        self.access_tabs.setTabToolTip(0, "Every area of the body map: arrows move, Space shades")
        self.access_tabs.setTabToolTip(1, "Every disc level, zone and root of the spine")
        self.spine_note = WrapLabel("")
        self.spine_note.setObjectName("spineNote")
        self.spine_note.setAccessibleName("What the chosen part of the spine would affect")
        self.spine_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.spine_note.setStyleSheet(
            "background:#eef6ff; border:1px solid #9cc3e6; padding:4px; color:#0b2a44;"
        )
        self.spine_note.hide()
        self.findings = FindingsPanel(self.state)
        self.imaging = ImagingPanel(self.state)
        self.results = ResultsPanel(self.state)
        # A nerve look-alike chosen in the results draws that nerve on the body map (#15).
        self.results.localization.sig_nerve.connect(self.body.show_nerve)

        self.middle_tabs = QTabWidget()
        self.middle_tabs.setObjectName("middleTabs")
        self.middle_tabs.setAccessibleName("Exam, history and imaging")
        self.middle_tabs.setDocumentMode(True)
        self.middle_tabs.addTab(self.findings, "Exam && history")
        self.middle_tabs.addTab(self.imaging, "Imaging")
        self.middle_tabs.setTabToolTip(0, "Strength, reflexes, tests and warning-sign questions")
        self.middle_tabs.setTabToolTip(1, "MRI report and findings: do they fit? (Ctrl+I)")

        spine_box = QWidget()
        spine_lay = QVBoxLayout(spine_box)
        spine_lay.setContentsMargins(0, 0, 0, 0)
        spine_lay.setSpacing(0)
        spine_lay.addWidget(self.spine, 1)
        spine_lay.addWidget(SpineLegend())
        spine_lay.addWidget(self.spine_note)
        self.middle_splitter = QSplitter(Qt.Orientation.Vertical)
        self.middle_splitter.setObjectName("middleSplitter")
        # The spine area: the coronal/axial diagram, and the side view of how each cause
        # narrows a nerve's space (built the first time its tab is shown).
        self.spine_tabs = QTabWidget()
        self.spine_tabs.setObjectName("spineTabs")
        self.spine_tabs.setDocumentMode(True)
        self.spine_tabs.addTab(spine_box, "Spine from behind")
        self._mechanism_slot = QWidget()
        QVBoxLayout(self._mechanism_slot).setContentsMargins(0, 0, 0, 0)
        self.spine_tabs.addTab(self._mechanism_slot, "Side view: how it happens")
        self.spine_tabs.setTabToolTip(1, "The spine from the side: watch a cause narrow the space")
        self.spine_tabs.currentChanged.connect(self._spine_tab_changed)
        self.mechanism: Any = None  # MechanismView, made on first show
        self._presentation: Any = None
        self.middle_splitter.addWidget(self.spine_tabs)
        self.middle_splitter.addWidget(self.middle_tabs)
        self.middle_splitter.setSizes([380, 320])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.addWidget(self.body)
        self.left_splitter.addWidget(self.access_tabs)
        self.left_splitter.setSizes([560, 150])
        self.left_splitter.setStretchFactor(0, 1)
        self.left_splitter.setCollapsible(0, False)
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self.middle_splitter)
        self.main_splitter.addWidget(self.results)
        self.main_splitter.setSizes([500, 350, 430])
        for i in range(3):
            self.main_splitter.setCollapsible(i, False)
        self.main_splitter.setStretchFactor(0, 4)
        self.main_splitter.setStretchFactor(1, 3)
        self.main_splitter.setStretchFactor(2, 4)

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.banner)
        lay.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

        self.hover_label = QLabel("")
        self.hover_label.setAccessibleName("What is under the cursor")
        self.statusBar().addWidget(self.hover_label, 1)
        self.disclaimer_label = QLabel(f"<b>{SHORT_DISCLAIMER}</b>")
        self.disclaimer_label.setToolTip(DISCLAIMER)
        self.disclaimer_label.setAccessibleName("Disclaimer")
        self.statusBar().addPermanentWidget(self.disclaimer_label)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._wire()
        self._restore_settings()
        self._findings_changed()
        self._result_changed()
        self._selection_changed()
        # Files: New/Open/Save/Recent/handout/print at the top of the File menu, autosave
        # and the prompt before unsaved changes are lost (radviz.ui.session_controller).
        from radviz.ui.session_controller import attach

        self.session = attach(self)
        # Report text typed but not read is unsaved work: the title shows it at once.
        self.imaging.report_edit.textChanged.connect(self.session._update_title)
        self._update_imaging()

    # ------------------------------------------------------------- actions
    def _act(
        self,
        text: str,
        slot: Any = None,
        shortcut: Any = None,
        tip: str | None = None,
        checkable: bool = False,
    ) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                a.setShortcuts(shortcut)
            else:
                a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        a.setCheckable(checkable)
        if slot is not None:
            a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        st = self.state
        self.undo_action = st.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = st.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        # Short toolbar twins: the stack's own actions grow with the command text.
        self.undo_tool = self._act("Undo", st.undo_stack.undo, tip="Undo (Ctrl+Z)")
        self.redo_tool = self._act("Redo", st.undo_stack.redo, tip="Redo (Ctrl+Shift+Z)")
        self.undo_tool.setEnabled(False)
        self.redo_tool.setEnabled(False)
        st.undo_stack.canUndoChanged.connect(self.undo_tool.setEnabled)
        st.undo_stack.canRedoChanged.connect(self.redo_tool.setEnabled)
        st.undo_stack.undoTextChanged.connect(
            lambda t: self.undo_tool.setToolTip(f"Undo {t} (Ctrl+Z)" if t else "Undo (Ctrl+Z)")
        )
        st.undo_stack.redoTextChanged.connect(
            lambda t: self.redo_tool.setToolTip(
                f"Redo {t} (Ctrl+Shift+Z)" if t else "Redo (Ctrl+Shift+Z)"
            )
        )
        self.clear_action = self._act(
            "&Clear all", st.clear_all, "Ctrl+Shift+Delete", "Clear every finding and the drawing"
        )
        self.quit_action = self._act("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.export_action = self._act(
            "&Export screenshot…", self.export_screenshot, "Ctrl+E", "Save a picture of the window"
        )
        # Ctrl+plus/minus/0 size the text (below); a picture zooms with these buttons
        # (the picture last pointed at or focused), Ctrl + wheel, or +, - and 0 while it
        # has the keyboard focus.
        where = "the picture last pointed at (or + - 0 on a focused picture, Ctrl+wheel)"
        self.zoom_in_action = self._act(
            "Zoom &in", lambda: self._zoom("in"), tip=f"Zoom in {where}"
        )
        self.zoom_out_action = self._act(
            "Zoom &out", lambda: self._zoom("out"), tip=f"Zoom out {where}"
        )
        self.zoom_fit_action = self._act(
            "Zoom to &fit", lambda: self._zoom("fit"), tip="Fit the picture last pointed at"
        )
        self.text_larger_action = self._act(
            "&Larger text",
            lambda: text_size().larger(),
            [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")],
            "Make all text larger (Ctrl+plus)",
        )
        self.text_smaller_action = self._act(
            "&Smaller text", lambda: text_size().smaller(), "Ctrl+-", "Make all text smaller"
        )
        self.text_reset_action = self._act(
            "&Normal text size", lambda: text_size().reset(), "Ctrl+0", "Text at its normal size"
        )
        self.text_actions = [
            self.text_larger_action,
            self.text_smaller_action,
            self.text_reset_action,
        ]
        self.presentation_action = self._act(
            "&Presentation mode",
            self.toggle_presentation,
            "F11",
            "Pictures fill the screen with large labels, for talking it through (Esc leaves)",
        )
        self.high_contrast_action = self._act(
            "&High contrast",
            lambda on: text_size().set_high_contrast(on, remember=self.remember),
            tip="Black on white with strong selection colours; symptom colours stay the same",
            checkable=True,
        )

        self.variant_group = QActionGroup(self)
        self.variant_actions: dict[str | None, QAction] = {}
        for variant, text, tip in (
            ("classic", "&Classic map", "Textbook dermatome map (Keegan & Garrett style)"),
            ("lee2008", "&Lee 2008 map", "Evidence-based dermatome map (Lee et al. 2008)"),
            (None, "&Off", "Hide the dermatome layer"),
        ):
            a = self._act(
                text,
                lambda _c=False, v=variant: st.set_dermatome_variant(v),
                tip=tip,
                checkable=True,
            )
            self.variant_group.addAction(a)
            self.variant_actions[variant] = a
        self.labels_action = self._act(
            "&Labels",
            self._labels_toggled,
            "Ctrl+Shift+L",
            "Show root labels on the map",
            checkable=True,
        )
        self.keypoints_action = self._act(
            "&Key sensory points",
            self._keypoints_toggled,
            "Ctrl+K",
            "Show the ISNCSCI key sensory points",
            checkable=True,
        )
        self.audience_group = QActionGroup(self)
        self.patient_action = self._act(
            "P&atient language", lambda: st.set_audience("patient"), checkable=True
        )
        self.clinician_action = self._act(
            "&Clinician language", lambda: st.set_audience("clinician"), checkable=True
        )
        self.audience_group.addAction(self.patient_action)
        self.audience_group.addAction(self.clinician_action)
        self.patient_action.setChecked(True)
        self.toggle_language_action = self._act(
            "S&witch language",
            self._toggle_audience,
            "Ctrl+L",
            "Switch between patient and clinician language",
        )

        self.kind_group = QActionGroup(self)
        self.kind_actions: dict[str, QAction] = {}
        for i, kind in enumerate(vocab.SYMPTOM_KINDS, start=1):
            ks = style.KIND_STYLES[kind]
            a = self._act(
                KIND_SHORT[kind],
                lambda _c=False, k=kind: self.set_kind(k),
                str(i),
                f"{ks.label} — {ks.pattern_name} ({i})",
                checkable=True,
            )
            a.setIcon(style.legend_icon(kind, 24))
            self.kind_group.addAction(a)
            self.kind_actions[kind] = a
        self.kind_actions["pain"].setChecked(True)

        self.tool_group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for tool, text, key, tip in (
            ("zone", "&Click areas", "Z", "Click an area to shade it; click again to clear (Z)"),
            ("brush", "&Brush", "B", "Paint freely with the brush (B)"),
            ("eraser", "&Eraser", "E", "Rub out paint (E)"),
        ):
            a = self._act(text, lambda _c=False, t=tool: self.set_tool(t), key, tip, checkable=True)
            self.tool_group.addAction(a)
            self.tool_actions[tool] = a
        self.tool_actions["zone"].setChecked(True)

        self.brush_spin = QSpinBox()
        self.brush_spin.setRange(2, 60)
        self.brush_spin.setValue(12)
        self.brush_spin.setPrefix("Size ")
        self.brush_spin.setAccessibleName("Brush size")
        self.brush_spin.setToolTip("Brush and eraser size ([ and ] change it)")
        self.brush_spin.valueChanged.connect(self.body.set_brush_radius)
        self.brush_bigger = self._act("Bigger brush", lambda: self.brush_spin.stepBy(2), "]")
        self.brush_smaller = self._act("Smaller brush", lambda: self.brush_spin.stepBy(-2), "[")

        self.imaging_action = self._act(
            "I&maging panel",
            self.show_imaging_panel,
            "Ctrl+I",
            "Show the MRI report and findings (Ctrl+I)",
        )
        self.about_action = self._act("&About radviz", self.show_about)
        self.howto_action = self._act(
            "&How to use", self.show_help, QKeySequence.StandardKey.HelpContents
        )
        self.trainee_action = self._act(
            "&Trainee mode…",
            self.open_trainee,
            "Ctrl+T",
            tip="Explore each root and practise on generated cases (Ctrl+T)",
        )
        self._trainee: Any = None

    def open_trainee(self) -> None:
        """Open trainee mode (explore roots, practise on generated cases) in its window."""
        from radviz.ui.trainee import TraineeWindow

        if self._trainee is None:
            self._trainee = TraineeWindow(self)
            # The text size is the application's: Ctrl+plus works in that window too.
            self._trainee.addActions(self.text_actions)
        self._trainee.show()
        self._trainee.raise_()
        self._trainee.activateWindow()

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        demos = m.addMenu("Open &demo")
        self.demo_actions: dict[str, QAction] = {}
        for name, demo in DEMOS.items():
            a = self._act(
                demo.title, lambda _c=False, n=name: self.state.load_demo(n), tip=demo.description
            )
            demos.addAction(a)
            self.demo_actions[name] = a
        m.addAction(self.export_action)
        m.addSeparator()
        m.addAction(self.quit_action)

        m = mb.addMenu("&Edit")
        m.addAction(self.undo_action)
        m.addAction(self.redo_action)
        m.addSeparator()
        m.addAction(self.clear_action)

        m = mb.addMenu("&View")
        m.addAction(self.zoom_in_action)
        m.addAction(self.zoom_out_action)
        m.addAction(self.zoom_fit_action)
        tm = m.addMenu("&Text size")
        tm.addAction(self.text_larger_action)
        tm.addAction(self.text_smaller_action)
        tm.addAction(self.text_reset_action)
        m.addAction(self.high_contrast_action)
        m.addAction(self.presentation_action)
        m.addSeparator()
        dm = m.addMenu("&Dermatomes")
        for a in self.variant_actions.values():
            dm.addAction(a)
        m.addAction(self.labels_action)
        m.addAction(self.keypoints_action)
        m.addAction(self.imaging_action)
        m.addSeparator()
        m.addAction(self.patient_action)
        m.addAction(self.clinician_action)
        m.addAction(self.toggle_language_action)

        m = mb.addMenu("&Tools")
        for a in self.tool_actions.values():
            m.addAction(a)
        m.addSeparator()
        km = m.addMenu("Symptom &kind")
        for a in self.kind_actions.values():
            km.addAction(a)
        m.addAction(self.brush_bigger)
        m.addAction(self.brush_smaller)
        m.addSeparator()
        m.addAction(self.trainee_action)

        m = mb.addMenu("&Help")
        m.addAction(self.howto_action)
        m.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        tb = self.addToolBar("Tools")
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        for a in self.kind_actions.values():
            tb.addAction(a)
        tb.addSeparator()
        for a in self.tool_actions.values():
            tb.addAction(a)
        tb.addWidget(self.brush_spin)
        tb.addSeparator()
        tb.addAction(self.undo_tool)
        tb.addAction(self.redo_tool)
        tb.addAction(self.clear_action)
        tb.addSeparator()
        tb.addAction(self.zoom_in_action)
        tb.addAction(self.zoom_out_action)
        tb.addAction(self.zoom_fit_action)
        self.toolbar = tb

    # ------------------------------------------------------------- wiring
    def _wire(self) -> None:
        st = self.state
        st.sig_findings_changed.connect(self._findings_changed)
        st.sig_result_changed.connect(self._result_changed)
        st.sig_selection_changed.connect(self._selection_changed)
        st.sig_audience_changed.connect(self._audience_changed)
        st.sig_variant_changed.connect(self._variant_changed)
        st.sig_imaging_changed.connect(self._update_imaging)
        self.body.sig_zone_clicked.connect(self._zone_clicked)
        self.body.sig_zone_clicked.connect(self.zone_list.select_zone)
        self.zone_list.sig_toggle.connect(self._zone_clicked)
        self.zone_list.sig_clear.connect(self.state.clear_zone)
        self.zone_list.sig_current.connect(self._zone_listed)
        self.spine_list.sig_level.connect(self._spine_part_listed)
        self.spine_list.sig_root.connect(self._spine_root_clicked)
        self.spine.sig_level_clicked.connect(self.spine_list.select_level)
        self.body.sig_stroke_finished.connect(self._stroke_finished)
        self.body.sig_hover_changed.connect(self.hover_label.setText)
        self.spine.sig_root_clicked.connect(self._spine_root_clicked)
        self.spine.sig_level_clicked.connect(self._spine_level_clicked)

    def _zone_clicked(self, zone: str, side: str) -> None:
        self.state.toggle_zone(zone, side, self.current_kind)

    def _zone_listed(self, zone: str, side: str) -> None:
        """The zone list's current area: outline it on the map and name it."""
        from PySide6.QtGui import QColor

        from radviz.ui.views.body_map import zone_name

        item = self.body.zone_item(zone, side)
        if self._listed_zone is not None and self._listed_zone is not item:
            self._listed_zone.set_hover_outline(None)
        self._listed_zone = item
        if item is not None:
            item.set_hover_outline(QColor(20, 20, 20, 230), 2.5)
            self.body.ensureVisible(item, 8, 8)
        self.hover_label.setText(zone_name(zone, side))

    def _spine_part_listed(self, level: str, zone: str, side: str) -> None:
        self.spine.set_axial_level(level)
        self._spine_level_clicked(level, zone, side)

    def _stroke_finished(self, stroke: Any) -> None:
        from radviz.anatomy.geometry import body_map

        shape = body_map().grid_shape
        mask = stroke_mask(stroke.points, stroke.radius, shape)
        kind = getattr(stroke, "kind", None) or self.current_kind
        self.state.apply_stroke(kind, bool(stroke.erase), mask)

    def _spine_root_clicked(self, root: str, side: str) -> None:
        self.state.select_root(root, side)
        text = f"{root} root, patient's {side}: its area is lit on the body map"
        self.hover_label.setText(text)
        self.spine_note.setText(text)
        self.spine_note.show()

    def _spine_level_clicked(self, level: str, zone: str, side: str) -> None:
        if level not in vocab.LEVELS:
            return
        reached = roots_at_level(
            level, zone, side if side in vocab.SIDES else "bilateral", cauda=True
        )
        if not reached:
            return
        roots = list(dict.fromkeys((r.root, r.side) for r in reached))
        names = list(dict.fromkeys(r.root for r in reached))
        sides = list(dict.fromkeys(r.side for r in reached))
        where = "on both sides" if len(sides) == 2 else f"on the patient's {sides[0]}"
        if len(names) > 1:  # a central lesion: the traversing root and the cauda below it
            pressed = (
                f"the {names[0]} roots, and if large the lower roots that run past it "
                f"({names[1]}-{names[-1]})"
            )
        else:
            pressed = f"the {names[0]} root ({reached[0].relation})"
        self.body.highlight_roots(roots)
        text = (
            f"A {zone} problem at the {level} disc {where} would press on {pressed}. "
            + ("Their areas are" if len(roots) > 1 else "Its area is")
            + " lit on the body map."
        )
        self.hover_label.setText(text)
        self.spine_note.setText(text)  # stays in view, under the spine, until the next one
        self.spine_note.show()
        self.last_level_roots = roots

    def _findings_changed(self) -> None:
        st = self.state
        self.body.set_shading(list(st.clicked_findings.symptoms))
        self.body.set_drawing(st.masks)
        self.zone_list.set_symptoms(st.clicked_findings.symptoms)

    def _update_imaging(self) -> None:
        """Draw every imaging finding on the spine and outline its roots on the body map.

        The spine shows all findings (coronal, and axial at the level of the most severe
        one). The body map outlines only the roots of compressive findings
        (:func:`~radviz.ui.panels.imaging_panel.overlay_roots`: not bulges, osteophytes/facet
        hypertrophy or mild findings, which are common without symptoms), in its imaging
        style (bluish-green dash-dot outline, light hatch) so it never reads as the
        patient's own shading.
        """
        items = self.state.imaging_findings
        self.spine.show_lesions(items)
        self._axial_to_imaging()
        self.body.set_imaging_roots(overlay_roots(items))
        n = len(items)
        self.middle_tabs.setTabText(1, f"Imaging ({n})" if n else "Imaging")

    def _axial_to_imaging(self) -> None:
        worst = most_severe(self.state.imaging_findings)
        if worst is not None:
            self.spine.set_axial_level(worst.level)

    def _result_changed(self) -> None:
        res = self.state.result
        self.banner.set_flags(res.red_flags, self.state.audience)
        self.spine.highlight_levels(list(res.levels[:4]))
        # highlight_levels moves the slice to the likeliest level; a scan finding wins.
        self._axial_to_imaging()
        self._update_mechanism()
        if self._presentation is not None:
            self._presentation.refresh_headline()

    # ------------------------------------------------------------ side view, presentation
    def _ensure_mechanism(self) -> Any:
        """The side view, built on first use (start-up does not pay for it)."""
        if self.mechanism is None:
            from radviz.ui.views.mechanism_view import MechanismView

            self.mechanism = MechanismView(remember=self.remember)
            lay = self._mechanism_slot.layout()
            assert lay is not None
            lay.addWidget(self.mechanism)
            self._update_mechanism()
        return self.mechanism

    def _spine_tab_changed(self, index: int) -> None:
        if index == 1:
            self._ensure_mechanism()

    def _update_mechanism(self) -> None:
        if self.mechanism is None:
            return
        from radviz.ui.views.mechanism_view import choose_scene

        res = self.state.result
        scan = sorted(
            self.state.imaging_findings,
            key=lambda f: f is not most_severe(self.state.imaging_findings),
        )
        self.mechanism.set_scene(choose_scene(list(res.causes), list(res.levels), scan))

    def toggle_presentation(self) -> None:
        """Open presentation mode (or leave it)."""
        if self._presentation is not None:
            self._presentation.close()
            return
        from radviz.ui.views.presentation import PresentationWindow

        views = {"body": self.body, "spine": self.spine, "mechanism": self._ensure_mechanism()}
        win = PresentationWindow(views, lambda: self.results.pattern_label.text(), self)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        win.sig_closed.connect(self._presentation_closed)
        self._presentation = win
        win.showFullScreen()

    def _presentation_closed(self) -> None:
        self._presentation = None

    def _selection_changed(self) -> None:
        sel = self.state.selected_root
        if sel is None:
            self.body.highlight_roots([])
            self.spine.highlight_root(None, None)
            return
        # The body map lights a territory only when someone picks a root: lit on its
        # own, the likeliest root's territory would cover the patient's own shading.
        self.body.highlight_roots([] if self.state.selection_is_auto else [sel])
        self.spine.highlight_root(sel[0], sel[1])

    def _audience_changed(self, audience: str) -> None:
        (self.patient_action if audience == "patient" else self.clinician_action).setChecked(True)
        self.banner.set_flags(self.state.result.red_flags, audience)

    def _variant_changed(self, variant: str | None) -> None:
        self.variant_actions[variant].setChecked(True)
        self.body.set_dermatome_variant(variant)

    def _labels_toggled(self, on: bool) -> None:
        self.body.set_labels_visible(on)

    def _keypoints_toggled(self, on: bool) -> None:
        self.body.set_key_points_visible(on)

    def _toggle_audience(self) -> None:
        self.state.set_audience("clinician" if self.state.audience == "patient" else "patient")

    def _zoom(self, how: str) -> None:
        """Zoom the picture last pointed at or focused (the body map at first)."""
        view: Any = self._zoom_view
        getattr(view, f"zoom_{how}")()

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._input_policy_on:
            # Installed now, not when built: its application-wide event filter would be
            # called for each of the many thousand events of building and showing.
            from radviz.ui import input_policy

            self._input_policy_on = input_policy.install() is not None

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Remember the picture the pointer entered or the keyboard moved to."""
        kind = event.type()
        if kind in (QEvent.Type.Enter, QEvent.Type.FocusIn, QEvent.Type.Wheel):
            for view in (self.body, self.spine):
                if watched is view or watched is view.viewport():
                    self._zoom_view = view
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------- tools
    def set_kind(self, kind: str) -> None:
        """Choose the symptom kind that clicks and the brush shade with."""
        self.current_kind = kind
        self.kind_actions[kind].setChecked(True)
        self.body.set_kind(kind)
        self.zone_list.set_kind(kind)
        if self.tool_actions["eraser"].isChecked():
            self.set_tool("brush")

    def set_tool(self, tool: str) -> None:
        """``zone`` (click areas), ``brush`` or ``eraser``."""
        self.tool_actions[tool].setChecked(True)
        self.body.set_tool(tool)

    def show_imaging_panel(self) -> None:
        """Show the Imaging tab and put the keyboard in its report box."""
        self.middle_tabs.setCurrentWidget(self.imaging)
        sizes = self.middle_splitter.sizes()
        if len(sizes) == 2 and sizes[1] < 120:  # the tabs were squeezed away
            self.middle_splitter.setSizes([sum(sizes) // 2, sum(sizes) - sum(sizes) // 2])
        self.imaging.focus_report()

    # ------------------------------------------------------------- dialogs
    def export_screenshot(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export screenshot", "radviz.png", "PNG images (*.png)"
        )
        if path:
            from radviz.resources import WriteError
            from radviz.ui.session_controller import write_png

            try:  # atomic, checked, 0600 (it shows the case), never over the open case
                write_png(self.grab(), path, inputs=self.session.protected_files())
            except WriteError as exc:
                QMessageBox.warning(self, "Cannot export the screenshot", str(exc))
                return
            self.statusBar().showMessage(f"Saved {path}", 4000)

    def about_box(self) -> QMessageBox:
        """Help > About radviz: the version, what radviz is, where its artwork and
        knowledge come from and under which licence, the disclaimer; the full list of
        sources under "Show Details"."""
        from html import escape

        from radviz import __version__
        from radviz.knowledge.loader import load_kb  # validated at start-up (radviz.app.run)

        sources = list(load_kb().sources.values())
        years = [s.year for s in sources]
        span = f" ({min(years)}–{max(years)})" if years else ""
        text = (
            f"<h3>radviz {escape(__version__)}</h3><p><b>{escape(DISCLAIMER)}</b></p>"
            "<p>radviz shows which lumbar and sacral nerve roots could explain leg "
            "symptoms, how sure it can be, and why — to help patients and clinicians "
            "talk about it. Dermatome maps disagree and overlap; pain drawings alone "
            "rarely settle the root.</p>"
            "<p><b>Knowledge.</b> The texts and numbers about roots, causes, look-alikes, "
            "warning signs, tests and treatments were written by the radviz project from "
            f"{len(sources)} published sources{span}: international standards, clinical "
            "guidelines, textbooks and studies. Every item names its own sources; "
            "<i>Show Details</i> lists them all (also <tt>radviz kb</tt>).</p>"
            "<p><b>Artwork.</b> The icon, the body map and the spine drawings are generated "
            "by this project's own scripts (<tt>scripts/build_*.py</tt>); the dermatome and "
            "nerve lines they draw cite their sources too.</p>"
            "<p><b>Licence.</b> radviz, its artwork and its knowledge texts: MIT licence. "
            "The cited works belong to their authors.</p>"
        )
        box = QMessageBox(self)
        box.setWindowTitle("About radviz")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(text)
        icon = self.windowIcon()
        if not icon.isNull():
            box.setIconPixmap(icon.pixmap(64, 64))
        box.setDetailedText(
            f"Sources ({len(sources)}):\n\n" + "\n".join(sorted(s.citation for s in sources))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        return box

    def show_about(self) -> None:
        self.about_box().exec()

    def show_help(self) -> None:
        QMessageBox.information(self, "How to use radviz", HOW_TO)

    # ------------------------------------------------------------- settings
    def _restore_settings(self) -> None:
        s: Any = QSettings() if self.remember else _Defaults()
        sizes = text_size()
        if self.remember:
            sizes.restore(s)  # text size and contrast (saved as they change)
        self.high_contrast_action.setChecked(sizes.high_contrast)
        geo = _settings_bytes(s.value("window/geometry"))
        if geo is not None:
            self.restoreGeometry(geo)
        for key, splitter in (
            ("splitters/main", self.main_splitter),
            ("splitters/middle", self.middle_splitter),
            ("splitters/left", self.left_splitter),
        ):
            b = _settings_bytes(s.value(key))
            if b is not None:
                splitter.restoreState(b)
        win = _settings_bytes(s.value("window/state"))
        if win is not None:
            self.restoreState(win)
        audience = s.value("view/audience", "patient")
        if audience in ("patient", "clinician"):
            self.state.set_audience(str(audience))
            self._audience_changed(str(audience))
        variant = s.value("view/variant", "off")
        variant = None if variant in ("off", "", None) else str(variant)
        if variant not in ("classic", "lee2008", None):
            variant = "classic"
        self.state.set_dermatome_variant(variant)
        self._variant_changed(variant)
        labels = str(s.value("view/labels", "true")).lower() == "true"
        self.labels_action.setChecked(labels)
        self.body.set_labels_visible(labels)
        keypoints = str(s.value("view/keypoints", "false")).lower() == "true"
        self.keypoints_action.setChecked(keypoints)
        self.body.set_key_points_visible(keypoints)
        try:
            radius = int(s.value("tools/brush_radius", 12))
        except (TypeError, ValueError):
            radius = 12
        self.brush_spin.setValue(radius)
        self.body.set_brush_radius(self.brush_spin.value())
        kind = str(s.value("tools/kind", "pain"))
        self.set_kind(kind if kind in vocab.SYMPTOM_KINDS else "pain")

    def save_settings(self) -> None:
        """Remember window geometry, splitters, view toggles and tools."""
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("splitters/main", self.main_splitter.saveState())
        s.setValue("splitters/middle", self.middle_splitter.saveState())
        s.setValue("splitters/left", self.left_splitter.saveState())
        s.setValue("view/audience", self.state.audience)
        s.setValue("view/variant", self.state.dermatome_variant or "off")
        s.setValue("view/labels", "true" if self.labels_action.isChecked() else "false")
        s.setValue("view/keypoints", "true" if self.keypoints_action.isChecked() else "false")
        s.setValue("tools/brush_radius", self.brush_spin.value())
        s.setValue("tools/kind", self.current_kind)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.remember:
            self.save_settings()
        super().closeEvent(event)
