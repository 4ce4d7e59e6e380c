"""The trainee window: explore roots and levels, practise generated cases, track progress.

A thin Qt layer over :mod:`radviz.training.cases` (case generation, scoring, root profiles,
level → roots) and :mod:`radviz.training.progress` (the practice history). Three tabs:

* **Explore** — pick a root and the patient's side: its territory on the body map (either
  dermatome map), key sensory point, key muscles, reflex, the disc levels and zones that
  press on it (traversing vs exiting) on the spine, causes and mimics. The reverse: pick
  (or click on the spine) a disc level and zone and see which roots it reaches.
* **Practise** — a generated case (difficulty, seed shown and editable), answered by root,
  side, level, cause and red flag; feedback with the model's evidence.
* **Progress** — accuracy over time and per root (pyqtgraph), CSV export.

The history lives in ``progress.jsonl`` in radviz's data folder
(:func:`radviz.resources.data_dir`: ``$RADVIZ_DATA_DIR`` when set).
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import os
import random
from collections.abc import Iterable
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from radviz import resources
from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, load_kb
from radviz.reasoning import wording
from radviz.reasoning.findings import Findings
from radviz.reasoning.result import LevelCandidate
from radviz.training.cases import (
    CAUSE_WORDS,
    DIFFICULTIES,
    MOVEMENT_WORDS,
    PARTS,
    REFLEX_WORDS,
    SERIOUS_PATHOLOGY,
    Answer,
    Case,
    Score,
    describe_findings,
    generate_case,
    root_profile,
    roots_at,
    score_answer,
    zone_words,
)
from radviz.training.progress import ALL, Attempt, ProgressStore
from radviz.ui import style
from radviz.ui.views.body_map import BodyMapView
from radviz.ui.views.spine_view import SpineView
from radviz.ui.wrap_label import WrapLabel

__all__ = ["ExploreTab", "PractiseTab", "ProgressTab", "TraineeWindow", "default_progress_path"]

ROOT_CHOICES: tuple[str, ...] = vocab.MODELLED_ROOTS
# Side and disc-zone words from labels.toml (radviz.reasoning.wording), as in every view.
SIDE_LABELS: dict[str, str] = {
    **{s: wording.cap(wording.side_words(s, "clinician")) for s in vocab.SIDES},
    "bilateral": wording.cap(wording.side_words("bilateral", "patient")),
}
VARIANT_LABELS: dict[str, str] = {
    "classic": "Classic textbook map",
    "lee2008": "Evidence-based map (Lee 2008)",
    "": "Chosen root only (classic outline)",
}
ZONE_LABELS: dict[str, str] = {
    z: wording.cap(wording.label("disc_zones", z, "clinician")) for z in vocab.DISC_ZONES
}
MAX_SEED = 2_147_483_647
CHOOSE = "— choose —"
"""The first entry of every answer box: nothing chosen yet (data ``""``)."""
NONE = "none"
"""Data of the "No nerve root" and "No spinal level" answers."""
PART_WORDS: dict[str, str] = {
    "root": "root",
    "side": "side",
    "level": "level",
    "cause": "cause",
    "red_flag": "red flag",
}


def _chosen(data: object) -> str | None:
    """An answer box's data as an answer value: ``None`` for nothing or "none"."""
    return None if data in (None, "", NONE) else str(data)


def _with_blanks(score: Score, unanswered: Iterable[str]) -> Score:
    """``score`` with every unanswered part wrong: a blank is never right by chance."""
    blank = {p: False for p in unanswered if p in PARTS}
    if not blank:
        return score
    parts = {**score.parts, **blank}
    total = sum(parts.values()) / len(parts)
    lines = list(score.feedback)
    if lines:
        right = lines[0].partition(". ")[2] or lines[0]
        lines[0] = f"{sum(parts.values())} of {len(parts)} parts right. {right}"
    return dataclasses.replace(score, **blank, total=total, feedback=tuple(lines))


def _when(timestamp: str) -> str:
    """``2026-12-04T16:05:00+00:00`` → ``2026-12-04 16:05``."""
    return timestamp.replace("T", " ")[:16]


def default_progress_path() -> Path:
    """``progress.jsonl`` in radviz's data folder (:func:`radviz.resources.data_dir`).

    A history left in the doubled folder of earlier versions (``…/radviz/radviz/``) is
    moved up once, so no practice is lost.
    """
    path = resources.data_dir() / "progress.jsonl"
    legacy = path.parent / "radviz" / "progress.jsonl"
    if not path.exists() and legacy.is_file():
        with contextlib.suppress(OSError):
            os.replace(legacy, path)
    return path


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _combo(name: str, tip: str, items: list[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.setToolTip(tip)
    for label, data in items:
        box.addItem(label, data)
    return box


def _browser(name: str) -> QTextBrowser:
    b = QTextBrowser()
    b.setAccessibleName(name)
    b.setOpenExternalLinks(False)
    return b


# ============================================================================ Explore
class ExploreTab(QWidget):
    """Root → territory, muscles, reflex, compression sites; level + zone → roots."""

    def __init__(self, kb: KnowledgeBase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb = kb
        self.body = BodyMapView()
        self.body.setAccessibleName("Body map: the chosen root's territory")
        self.body.set_dermatome_variant(None)
        self.spine = SpineView()
        self.spine.setAccessibleName("Spine: where the chosen root can be squeezed")

        # --- root picker
        self.root_combo = _combo(
            "Nerve root",
            "Choose a nerve root to see its territory, muscles, reflex and where it is squeezed",
            [(r, r) for r in ROOT_CHOICES],
        )
        self.root_combo.setCurrentIndex(ROOT_CHOICES.index("L5"))
        self.side_combo = _combo(
            "Patient's side",
            "The patient's own side (not yours as you face them)",
            [(SIDE_LABELS[s], s) for s in vocab.SIDES],
        )
        self.variant_combo = _combo(
            "Dermatome map",
            "Dermatome maps disagree: compare the classic textbook map with the "
            "evidence-based map of Lee et al. 2008",
            [(VARIANT_LABELS[v], v) for v in VARIANT_LABELS],
        )
        self.variant_combo.setCurrentIndex(0)
        self.key_points = QCheckBox("Show &key sensory points")
        self.key_points.setToolTip("ISNCSCI key sensory points of every dermatome")
        self.key_points.setChecked(True)
        form = QFormLayout()
        for text, w in (
            ("&Root:", self.root_combo),
            ("&Side:", self.side_combo),
            ("&Map:", self.variant_combo),
        ):
            label = QLabel(text)
            label.setBuddy(w)
            form.addRow(label, w)
        form.addRow(self.key_points)
        root_box = QGroupBox("Choose a root")
        root_box.setLayout(form)

        self.info = _browser("About the chosen root")
        self.info.setMinimumWidth(300)

        # --- reverse: level + zone -> roots
        self.level_combo = _combo(
            "Disc level", "The disc level of a lesion", [(lv, lv) for lv in vocab.LEVELS]
        )
        self.level_combo.setCurrentIndex(vocab.LEVELS.index("L4-L5"))
        self.zone_combo = _combo(
            "Disc zone",
            "Where in the canal the lesion sits: central, paracentral, foraminal or outside",
            [(ZONE_LABELS[z], z) for z in vocab.DISC_ZONES],
        )
        self.zone_combo.setCurrentIndex(vocab.DISC_ZONES.index("paracentral"))
        self.lesion_side_combo = _combo(
            "Lesion side",
            "The patient's side of the lesion",
            [(SIDE_LABELS[s], s) for s in (*vocab.SIDES, "bilateral")],
        )
        self.reach = WrapLabel()
        self.reach.setAccessibleName("Roots the lesion reaches")
        self.reach.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rform = QFormLayout()
        for text, w in (
            ("&Level:", self.level_combo),
            ("&Zone:", self.zone_combo),
            ("Si&de:", self.lesion_side_combo),
        ):
            label = QLabel(text)
            label.setBuddy(w)
            rform.addRow(label, w)
        rform.addRow(self.reach)
        reverse_box = QGroupBox("Reverse: which roots does a disc lesion reach?")
        reverse_box.setToolTip("Or click a disc, foramen or zone on the spine diagram")
        reverse_box.setLayout(rform)

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(root_box)
        lay.addWidget(self.info, 1)
        lay.addWidget(reverse_box)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.body)
        self.splitter.addWidget(self.spine)
        self.splitter.setSizes([360, 520, 400])
        for i in range(3):
            self.splitter.setCollapsible(i, False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        for box in (self.root_combo, self.side_combo, self.variant_combo):
            box.currentIndexChanged.connect(self.refresh_root)
        self.key_points.toggled.connect(self.body.set_key_points_visible)
        for box in (self.level_combo, self.zone_combo, self.lesion_side_combo):
            box.currentIndexChanged.connect(self.refresh_reach)
        self.spine.sig_level_clicked.connect(self.show_level)
        self.spine.sig_root_clicked.connect(self.show_root)
        self.body.set_key_points_visible(True)
        self.refresh_reach()
        self.refresh_root()

    # ------------------------------------------------------------------ root
    @property
    def root(self) -> str:
        return str(self.root_combo.currentData())

    @property
    def side(self) -> str:
        return str(self.side_combo.currentData())

    def show_root(self, root: str, side: str) -> None:
        """Select ``root`` on ``side`` (also used by clicks on the spine)."""
        if root in ROOT_CHOICES:
            self.root_combo.setCurrentIndex(ROOT_CHOICES.index(root))
        if side in vocab.SIDES:
            self.side_combo.setCurrentIndex(vocab.SIDES.index(side))
        self.refresh_root()

    def refresh_root(self) -> None:
        root, side = self.root, self.side
        self.body.set_dermatome_variant(str(self.variant_combo.currentData()) or None)
        self.body.highlight_roots([(root, side)])
        self.spine.highlight_levels([])  # the root picker now drives the spine
        self.spine.highlight_root(root, side)
        prof = root_profile(root, self.kb)
        traversing = [(lv, z) for lv, z, rel in prof.compression if rel == "traversing"]
        exiting = [(lv, z) for lv, z, rel in prof.compression if rel == "exiting"]
        if traversing:
            self.spine.set_axial_level(traversing[0][0])
        elif exiting:
            self.spine.set_axial_level(exiting[0][0])
        side_txt = SIDE_LABELS[side].lower()
        muscles = ", ".join(MOVEMENT_WORDS.get(m, m) for m in prof.key_muscles) or "none"
        reflex = (
            ", ".join(REFLEX_WORDS.get(r, r) for r in prof.reflexes[:2]) or "no reliable reflex"
        )
        if root == "L5" and "medial_hamstring" in prof.reflexes:
            reflex += " (no reliable standard reflex)"
        sensory = ", ".join(zone_words(z, self.kb) for z in prof.sensory[:5])
        pain = ", ".join(zone_words(z, self.kb) for z in prof.pain[:6])

        def sites(items: list[tuple[str, str]]) -> str:
            return ", ".join(f"{lv} {ZONE_LABELS[z].lower()}" for lv, z in items) or "—"

        causes = "".join(
            f"<li>{_esc(CAUSE_WORDS.get(c, c))} <span style='color:#555'>({_esc(w)})</span></li>"
            for c, w in prof.causes
        )
        mimics = (
            "".join(
                f"<li>{_esc(self.kb.differentials[m].name)}</li>"
                for m in prof.mimics
                if m in self.kb.differentials
            )
            or "<li>none in the knowledge base</li>"
        )
        color = style.root_color(root).name()
        self.info.setHtml(
            f"<h3 style='margin:0'><span style='color:{color}'>■</span> {_esc(prof.name)} — "
            f"{_esc(side_txt)}</h3>"
            f"<p><b>Key sensory point:</b> {_esc(prof.key_point)}<br>"
            f"<b>Sensory loss:</b> {_esc(sensory)}<br>"
            f"<b>Pain spreads to:</b> {_esc(pain)}<br>"
            f"<b>Key muscles:</b> {_esc(muscles)}<br>"
            f"<b>Reflex:</b> {_esc(reflex)}</p>"
            f"<p><b>Squeezed as the traversing root</b> "
            f"<span style='color:#D55E00'>(solid, vermillion)</span>: {_esc(sites(traversing))}"
            f"<br><b>Squeezed as the exiting root</b> "
            f"<span style='color:#0072B2'>(dashed, blue)</span>: {_esc(sites(exiting))}</p>"
            f"<p><b>Common causes</b></p><ul>{causes}</ul>"
            f"<p><b>Mimics to rule out</b></p><ul>{mimics}</ul>"
            f"<p><b>For patients:</b> {_esc(prof.patient)}</p>"
            f"<p><b>For clinicians:</b> {_esc(prof.clinician)}</p>"
        )

    # --------------------------------------------------------------- reverse
    def show_level(self, level: str, zone: str, side: str) -> None:
        """Select a level, zone and side (also used by clicks on the spine)."""
        for box, value, values in (
            (self.level_combo, level, vocab.LEVELS),
            (self.zone_combo, zone, vocab.DISC_ZONES),
            (self.lesion_side_combo, side, (*vocab.SIDES, "bilateral")),
        ):
            if value in values:
                box.blockSignals(True)
                box.setCurrentIndex(list(values).index(value))
                box.blockSignals(False)
        self.refresh_reach()

    def refresh_reach(self) -> None:
        level = str(self.level_combo.currentData())
        zone = str(self.zone_combo.currentData())
        side = str(self.lesion_side_combo.currentData())
        reached = roots_at(level, zone, side, self.kb)
        self.reached = reached
        if not reached:
            self.reach.setText(f"{level} {ZONE_LABELS[zone].lower()}: no root listed.")
            return
        parts = []
        for root, s, rel in reached:
            parts.append(f"<b>{root}</b> ({SIDE_LABELS[s].lower()}, {rel})")
        note = ""
        if zone == "central":
            note = (
                "<br><i>A large central lesion can squeeze the whole cauda equina: "
                "ask about saddle numbness, bladder and bowel.</i>"
            )
        self.reach.setText(
            f"{level} {ZONE_LABELS[zone].lower()} reaches: " + "; ".join(parts) + note
        )
        self.spine.highlight_root(None)  # the level picker now drives the spine
        self.spine.highlight_levels(
            [
                LevelCandidate(level, zone, s, root, rel, 0.9 if i == 0 else 0.6)
                for i, (root, s, rel) in enumerate(reached)
                if root in vocab.MODELLED_ROOTS
            ]
        )


# =========================================================================== Practise
class PractiseTab(QWidget):
    """A generated case, the trainee's answer, and feedback."""

    sig_attempt_recorded = Signal()
    """An answer was scored and saved to the history."""

    def __init__(
        self, kb: KnowledgeBase, store: ProgressStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kb = kb
        self.store = store
        self.case: Case | None = None
        self.score: Score | None = None
        self._rng = random.Random()

        # --- case controls
        self.difficulty = _combo(
            "Difficulty",
            "Easy: textbook L4, L5 and S1. Medium: all roots, mimics and red flags. "
            "Hard: realistic noise — missing signs, pain outside the dermatome",
            [(d.capitalize(), d) for d in DIFFICULTIES],
        )
        self.difficulty.setCurrentIndex(DIFFICULTIES.index("medium"))
        self.seed = QSpinBox()
        self.seed.setRange(0, MAX_SEED)
        self.seed.setAccessibleName("Case seed")
        self.seed.setToolTip(
            "The same seed and difficulty always give the same case: share it to discuss "
            "a case. Type a seed and press Enter to open it."
        )
        self.new_button = QPushButton("Ne&w case")
        self.new_button.setToolTip("A new random case (Ctrl+N)")
        self.open_button = QPushButton("&Open seed")
        self.open_button.setToolTip("Open the case of the seed shown")
        top = QHBoxLayout()
        for text, w in (("&Difficulty:", self.difficulty), ("&Seed:", self.seed)):
            label = QLabel(text)
            label.setBuddy(w)
            top.addWidget(label)
            top.addWidget(w)
        top.addWidget(self.open_button)
        top.addWidget(self.new_button)
        top.addStretch(1)

        # --- the case
        self.vignette = WrapLabel()
        self.vignette.setAccessibleName("The case")
        self.vignette.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.vignette.setStyleSheet("font-size: 11pt;")
        self.findings_view = _browser("Findings in words")
        self.body = BodyMapView()
        self.body.setAccessibleName("Body map of the patient's symptoms")
        self.body.setToolTip("Where the patient feels it (front view left, back view right)")
        case_box = QGroupBox("The patient")
        cl = QVBoxLayout(case_box)
        cl.addWidget(self.vignette)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.findings_view)
        split.addWidget(self.body)
        split.setSizes([330, 420])
        cl.addWidget(split, 1)

        # --- the answer
        self.root_answer = _combo(
            "Your answer: root",
            "Which nerve root? Choose 'no nerve root' for a mimic or referred pain",
            [(CHOOSE, ""), ("No nerve root", NONE), *((r, r) for r in ROOT_CHOICES)],
        )
        self.side_answer = _combo(
            "Your answer: side",
            "The patient's own side",
            [(CHOOSE, ""), *((SIDE_LABELS[s], s) for s in (*vocab.SIDES, "bilateral"))],
        )
        self.level_answer = _combo(
            "Your answer: disc level",
            "Which disc level presses on the root? 'No spinal level' for mimics and referred pain",
            [(CHOOSE, ""), ("No spinal level", NONE), *((lv, lv) for lv in vocab.LEVELS)],
        )
        self.zone_answer = _combo(
            "Your answer: disc zone",
            "Optional: where at that level (paracentral → traversing root, foraminal → "
            "exiting root)",
            [("— not sure —", None), *((ZONE_LABELS[z], z) for z in vocab.DISC_ZONES)],
        )
        # data: "cause:<id>" or "mimic:<id>" ("" = not chosen)
        cause_items: list[tuple[str, object]] = [(CHOOSE, "")]
        cause_items += [(CAUSE_WORDS[c].capitalize(), f"cause:{c}") for c in vocab.CAUSES]
        cause_items.append(
            (CAUSE_WORDS[SERIOUS_PATHOLOGY].capitalize(), f"cause:{SERIOUS_PATHOLOGY}")
        )
        cause_items += [
            (f"Mimic: {kb.differentials[d].name}", f"mimic:{d}")
            for d in vocab.DIFFERENTIALS
            if d in kb.differentials
        ]
        self.cause_answer = _combo(
            "Your answer: likely cause",
            "The likely structural cause, serious pathology, or the condition that mimics "
            "a root problem",
            cause_items,
        )
        self.flag_yes = QRadioButton("&Yes")
        self.flag_no = QRadioButton("&No")  # Alt+N; a new case is Alt+W or Ctrl+N
        self.flag_yes.setToolTip("A red flag is present: something serious must be excluded")
        self.flag_no.setToolTip("No red flag")
        self.flag_group = QButtonGroup(self)
        self.flag_group.addButton(self.flag_yes)
        self.flag_group.addButton(self.flag_no)
        flag_row = QHBoxLayout()
        flag_row.addWidget(self.flag_yes)
        flag_row.addWidget(self.flag_no)
        flag_row.addStretch(1)
        flag_w = QWidget()
        flag_w.setLayout(flag_row)
        flag_w.setAccessibleName("Your answer: red flag present?")
        self.submit_button = QPushButton("S&ubmit answer")
        self.submit_button.setToolTip("Score the answer and show feedback (Ctrl+Enter)")
        self.submit_button.setDefault(True)
        self.next_button = QPushButton("Ne&xt case")
        self.next_button.setToolTip("A new case at the same difficulty")
        form = QFormLayout()
        for text, w in (
            ("&Root:", self.root_answer),
            ("S&ide:", self.side_answer),
            ("&Level:", self.level_answer),
            ("&Zone:", self.zone_answer),
            ("&Cause:", self.cause_answer),
        ):
            label = QLabel(text)
            label.setBuddy(w)
            form.addRow(label, w)
        flag_label = QLabel("Red &flag?")
        flag_label.setBuddy(self.flag_yes)
        form.addRow(flag_label, flag_w)
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.next_button)
        form.addRow(buttons)
        answer_box = QGroupBox("Your answer")
        answer_box.setLayout(form)
        self.feedback = _browser("Feedback")
        self.feedback.setPlaceholderText("Feedback appears here after you submit.")
        self.review_label = WrapLabel()
        self.review_label.setAccessibleName("Reviewing a past answer")
        self.review_label.setStyleSheet(
            "background:#eef6ff; border:1px solid #9cc3e6; padding:4px; color:#0b2a44;"
        )
        self.review_label.hide()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.review_label)
        rl.addWidget(answer_box)
        fb_label = QLabel("Feedback")
        fb_label.setStyleSheet("font-weight: bold;")
        rl.addWidget(fb_label)
        rl.addWidget(self.feedback, 1)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(case_box)
        body.addWidget(right)
        body.setSizes([760, 500])
        body.setCollapsible(0, False)
        body.setCollapsible(1, False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(top)
        outer.addWidget(body, 1)

        self.new_button.clicked.connect(self.new_case)
        self.next_button.clicked.connect(self.new_case)
        self.open_button.clicked.connect(self.open_seed)
        self.seed.editingFinished.connect(self._seed_edited)
        self.submit_button.clicked.connect(self.submit)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self.submit)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_case)
        self.open_case(0, "medium")

    # ---------------------------------------------------------------- cases
    def new_case(self) -> None:
        """Open a random case at the chosen difficulty (its seed is shown)."""
        self.open_case(self._rng.randrange(0, 100_000), str(self.difficulty.currentData()))

    def open_seed(self) -> None:
        self.open_case(self.seed.value(), str(self.difficulty.currentData()))

    def _seed_edited(self) -> None:
        if self.case is None or self.seed.value() != self.case.seed:
            self.open_seed()

    def open_case(self, seed: int, difficulty: str) -> None:
        """Show the case of ``seed`` at ``difficulty`` and reset the answer."""
        self.case = generate_case(seed, difficulty, self.kb)
        self.score = None
        self.seed.blockSignals(True)
        self.seed.setValue(seed)
        self.seed.blockSignals(False)
        self.difficulty.blockSignals(True)
        self.difficulty.setCurrentIndex(DIFFICULTIES.index(difficulty))
        self.difficulty.blockSignals(False)
        self.vignette.setText(self.case.vignette)
        lines = describe_findings(self.case.findings, self.kb)
        self.findings_view.setHtml(
            "<p><b>Findings</b> (sides are the patient's own)</p><ul>"
            + "".join(f"<li>{_esc(line)}</li>" for line in lines)
            + "</ul>"
        )
        findings = Findings.from_dict(self.case.findings)
        self.body.highlight_roots([])
        self.body.set_shading(findings.symptoms)
        # Every answer starts empty: a blank part is never right by default.
        for box in (self.root_answer, self.level_answer, self.zone_answer, self.cause_answer):
            box.setCurrentIndex(0)
        self.side_answer.setCurrentIndex(0)
        self._set_flag(None)
        self.feedback.clear()
        self.review_label.hide()
        self.submit_button.setEnabled(True)

    def _set_flag(self, present: bool | None) -> None:
        """Check Yes, No, or (``None``) neither."""
        self.flag_group.setExclusive(False)
        self.flag_yes.setChecked(present is True)
        self.flag_no.setChecked(present is False)
        self.flag_group.setExclusive(True)

    def review(self, attempt: Attempt) -> None:
        """Show a past attempt: its case, the answer given and the feedback (not scored
        again, not recorded). Submit stays off; Retry answers the case afresh."""
        self.open_case(attempt.seed, attempt.difficulty)
        assert self.case is not None
        self.set_answer(attempt.given, answered=set(attempt.answered))
        score = _with_blanks(score_answer(self.case, attempt.given, self.kb), attempt.unanswered)
        self.score = score
        self.show_feedback(score, attempt.unanswered)
        self.submit_button.setEnabled(False)
        changed = self.case.answer.to_dict() != attempt.true.to_dict()
        self.review_label.setText(
            f"Reviewing your answer of {_when(attempt.timestamp)} "
            f"({attempt.difficulty}, seed {attempt.seed}): {attempt.total:.0%}. "
            + ("This case has changed since (radviz was updated). " if changed else "")
            + "Press Retry in Progress, or Open seed, to answer it again."
        )
        self.review_label.show()
        self._show_right_answer()

    def retry(self, attempt: Attempt) -> None:
        """Open a past attempt's case again with an empty answer."""
        self.open_case(attempt.seed, attempt.difficulty)
        self.root_answer.setFocus()

    # --------------------------------------------------------------- answer
    def set_answer(self, answer: Answer, answered: set[str] | None = None) -> None:
        """Fill the answer widgets (tests, review). ``answered`` names the parts that
        were answered (default: all); the others are left empty."""
        parts = set(PARTS) if answered is None else answered

        def pick(box: QComboBox, value: object, part: str, none: object = NONE) -> None:
            if part not in parts:
                box.setCurrentIndex(0)
                return
            i = box.findData(none if value is None else value)
            box.setCurrentIndex(max(0, i))

        pick(self.root_answer, answer.root, "root")
        pick(self.side_answer, answer.side, "side", "")
        pick(self.level_answer, answer.level, "level")
        zone = self.zone_answer.findData(answer.zone) if answer.zone and "level" in parts else 0
        self.zone_answer.setCurrentIndex(max(0, zone))
        if answer.mimic:
            pick(self.cause_answer, f"mimic:{answer.mimic}", "cause")
        else:
            pick(self.cause_answer, f"cause:{answer.cause}" if answer.cause else "", "cause")
        self._set_flag(answer.red_flag if "red_flag" in parts else None)

    def unanswered(self) -> list[str]:
        """The parts (of :data:`PARTS`) the trainee has not answered yet."""
        empty = {
            "root": self.root_answer.currentData() == "",
            "side": self.side_answer.currentData() == "",
            "level": self.level_answer.currentData() == "",
            "cause": self.cause_answer.currentData() == "",
            "red_flag": self.flag_group.checkedButton() is None,
        }
        return [p for p in PARTS if empty[p]]

    def given_answer(self) -> Answer:
        """The trainee's answer from the widgets."""
        root = _chosen(self.root_answer.currentData())
        kind, _, cid = str(self.cause_answer.currentData() or "").partition(":")
        mimic = cid if kind == "mimic" and cid else None
        cause = cid if kind == "cause" and cid else None
        red = self.flag_yes.isChecked()
        answer_kind = (
            "red_flag" if red else "mimic" if mimic else "radicular" if root else "referred"
        )
        return Answer(
            root=root,
            side=_chosen(self.side_answer.currentData()),
            level=_chosen(self.level_answer.currentData()),
            zone=self.zone_answer.currentData(),
            cause=cause,
            red_flag=red,
            red_flags=(),
            mimic=mimic,
            kind=answer_kind,
        )

    def submit(self) -> None:
        """Score the answer, record it, show feedback and the right root on the map."""
        if self.case is None or not self.submit_button.isEnabled():
            return
        missing = self.unanswered()
        if missing and not self._confirm_blank(missing):
            self._focus_part(missing[0])
            return
        given = self.given_answer()
        self.score = _with_blanks(score_answer(self.case, given, self.kb), missing)
        self.store.record(self.case, given, self.score, unanswered=missing)
        self.submit_button.setEnabled(False)
        self.show_feedback(self.score, missing)
        self._show_right_answer()
        self.sig_attempt_recorded.emit()
        self.next_button.setFocus()

    def _show_right_answer(self) -> None:
        ans = self.case.answer if self.case is not None else None
        if ans is not None and ans.root:
            sides = vocab.SIDES if ans.side == "bilateral" else (ans.side or "left",)
            self.body.highlight_roots([(ans.root, s) for s in sides])

    def _focus_part(self, part: str) -> None:
        widgets: dict[str, QWidget] = {
            "root": self.root_answer,
            "side": self.side_answer,
            "level": self.level_answer,
            "cause": self.cause_answer,
            "red_flag": self.flag_yes,
        }
        widgets[part].setFocus(Qt.FocusReason.OtherFocusReason)

    def _confirm_blank(self, missing: list[str]) -> bool:
        """Ask before scoring an answer with empty parts (each scores 0)."""
        names = ", ".join(PART_WORDS[p] for p in missing)
        answer = QMessageBox.question(
            self,
            "Answer not complete",
            f"Not answered yet: {names}.\n\nAn unanswered part scores 0. Submit anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return bool(answer == QMessageBox.StandardButton.Yes)

    def show_feedback(self, score: Score, unanswered: Iterable[str] = ()) -> None:
        marks = "".join(
            f"<span style='color:{'#15803d' if ok else '#b91c1c'}'>"
            f"{'✓' if ok else '✗'} {_esc(part.replace('_', ' '))}</span>&nbsp;&nbsp; "
            for part, ok in score.parts.items()
        )
        head = "Correct!" if score.all_correct else f"Score: {score.total:.0%}"
        lines = list(score.feedback)
        body = []
        in_list = False
        for line in lines[1:]:
            item = line.startswith("    ")
            if item and not in_list:
                body.append("<ul style='margin-top:0'>")
            if not item and in_list:
                body.append("</ul>")
            in_list = item
            text = _esc(line.strip())
            if item:
                text = text.replace("FOUND", "<b style='color:#15803d'>FOUND</b>")
                body.append(f"<li>{text}</li>")
            elif line.startswith("  "):
                body.append(f"<p style='margin:4px 0 0 8px'><b>{text}</b></p>")
            else:
                body.append(f"<p style='margin:6px 0 2px 0'>{text}</p>")
        if in_list:
            body.append("</ul>")
        blank = [PART_WORDS[p] for p in unanswered]
        note = (
            f"<p style='color:#7c2d12'><b>Not answered:</b> {_esc(', '.join(blank))} "
            "(scored 0).</p>"
            if blank
            else ""
        )
        self.feedback.setHtml(
            f"<h3 style='margin:0'>{head}</h3><p>{marks}</p>{note}"
            f"<p><b>{_esc(lines[0])}</b></p>" + "".join(body)
        )

    @property
    def feedback_text(self) -> str:
        return str(self.feedback.toPlainText())


# =========================================================================== Progress
#: Point size of the progress charts' words at the normal text size.
_CHART_POINTS = 9.0


class ProgressTab(QWidget):
    """Accuracy over time (rolling) and per root; scores by difficulty and by part; past
    cases to review or retry; CSV export."""

    sig_review = Signal(object)
    """Review a past :class:`~radviz.training.progress.Attempt` (Practise tab)."""

    sig_retry = Signal(object)
    """Answer a past attempt's case again."""

    def __init__(
        self,
        store: ProgressStore,
        parent: QWidget | None = None,
        *,
        kb: KnowledgeBase | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._mimic_names = {k: d.name for k, d in kb.differentials.items()} if kb else {}
        pg.setConfigOptions(antialias=True)
        self.time_plot = pg.PlotWidget()
        self.time_plot.setAccessibleName("Accuracy over time")
        self.time_plot.setToolTip(
            "Each dot is one case (fraction of parts right); the line "
            "is the mean of the last 10 cases"
        )
        self.root_plot = pg.PlotWidget()
        self.root_plot.setAccessibleName("Accuracy per root")
        self.root_plot.setToolTip(
            "Mean score of the cases of each root; 'none' = mimics and referred pain"
        )
        for plot, title, xlabel in (
            (self.time_plot, "Accuracy over time", "attempt"),
            (self.root_plot, "Accuracy per root", "root of the case"),
        ):
            plot.setBackground("w")
            pi = plot.getPlotItem()
            pi.setTitle(title, color="#222")
            pi.showGrid(x=False, y=True, alpha=0.25)
            pi.setYRange(-0.02, 1.08, padding=0)
            pi.setMouseEnabled(x=False, y=False)
            pi.hideButtons()
            pi.getAxis("left").setLabel("score (0–1)")
            pi.getAxis("bottom").setLabel(xlabel)
            for name in ("left", "bottom"):
                pi.getAxis(name).setPen(pg.mkPen("#444"))
                pi.getAxis(name).setTextPen(pg.mkPen("#222"))
        legend = self.time_plot.getPlotItem().addLegend(offset=(10, 10))
        legend.setLabelTextColor("#222")
        self.dots = pg.ScatterPlotItem(
            size=7, brush=pg.mkBrush(0, 114, 178, 120), pen=None, name="one case"
        )
        self.line = pg.PlotDataItem(pen=pg.mkPen("#D55E00", width=2.5), name="mean of last 10")
        self.time_plot.addItem(self.dots)
        self.time_plot.addItem(self.line)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#0072B2")
        self.root_plot.addItem(self.bars)
        self.bar_labels: list[pg.TextItem] = []
        self._legend = legend
        self._titles = {
            id(self.time_plot): "Accuracy over time",
            id(self.root_plot): "Accuracy per root",
        }
        from radviz.ui.text_size import text_size

        self._text_scale = 1.0
        self.apply_text_scale(text_size().scale)
        text_size().sig_changed.connect(self.apply_text_scale)
        self.summary = QLabel()
        self.summary.setAccessibleName("Progress summary")
        self.export_button = QPushButton("E&xport CSV…")
        self.export_button.setToolTip("Save every attempt to a CSV file")
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.path_label = QLabel(f"History file: {store.path}")
        self.path_label.setStyleSheet("color: #555;")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.export_button)
        plots = QHBoxLayout()
        plots.addWidget(self.time_plot, 3)
        plots.addWidget(self.root_plot, 2)

        # --- scores by difficulty and by part (a table: readable by screen readers too)
        self.parts_table = QTableWidget(0, 2 + len(PARTS))
        self.parts_table.setAccessibleName("Scores by difficulty and by part")
        self.parts_table.setToolTip(
            "Mean score, and how often each part of the answer was right, per difficulty"
        )
        self.parts_table.setHorizontalHeaderLabels(
            ["Cases", "Mean", *(PART_WORDS[p].capitalize() for p in PARTS)]
        )
        self.parts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parts_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        parts_box = QGroupBox("Scores by difficulty and by part")
        QVBoxLayout(parts_box).addWidget(self.parts_table)

        # --- past cases
        self.history = QTableWidget(0, 5)
        self.history.setAccessibleName("Past cases")
        self.history.setHorizontalHeaderLabels(["When", "Difficulty", "Seed", "Case", "Score"])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.itemSelectionChanged.connect(self._history_selected)
        self.history.doubleClicked.connect(lambda _i: self.review_selected())
        self.review_button = QPushButton("Re&view")
        self.review_button.setToolTip("See the case, your answer and the feedback again")
        self.review_button.clicked.connect(self.review_selected)
        self.retry_button = QPushButton("&Retry")
        self.retry_button.setToolTip("Answer the same case again, from an empty answer")
        self.retry_button.clicked.connect(self.retry_selected)
        history_box = QGroupBox("Past cases (newest first)")
        hl = QVBoxLayout(history_box)
        hl.addWidget(self.history, 1)
        hb = QHBoxLayout()
        hb.addWidget(self.review_button)
        hb.addWidget(self.retry_button)
        hb.addStretch(1)
        hl.addLayout(hb)
        tables = QHBoxLayout()
        tables.addWidget(parts_box, 1)
        tables.addWidget(history_box, 1)
        self._attempts: list[Attempt] = []

        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addLayout(plots, 3)
        lay.addLayout(tables, 2)
        lay.addWidget(self.path_label)
        self.refresh()

    # ------------------------------------------------------------- tables
    def _refresh_tables(self) -> None:
        groups = self.store.accuracy_per_difficulty()
        table = self.parts_table
        table.setRowCount(len(groups))
        table.setVerticalHeaderLabels(["All" if k == ALL else k.capitalize() for k in groups])
        for row, g in enumerate(groups.values()):
            cells = [str(g.attempts), f"{g.accuracy:.0%}"]
            cells += [f"{g.parts.get(p, 0.0):.0%}" for p in PARTS]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
        self._attempts = list(reversed(self.store.attempts()))
        hist = self.history
        hist.setRowCount(len(self._attempts))
        for row, a in enumerate(self._attempts):
            true = a.true
            case = (
                f"{true.root} {SIDE_LABELS.get(true.side or '', '').lower()}".strip()
                if true.root
                else CAUSE_WORDS.get(true.cause_key or "", true.cause_key or true.kind)
            )
            if true.mimic and true.mimic in self._mimic_names:
                case = self._mimic_names[true.mimic]
            for col, text in enumerate(
                (_when(a.timestamp), a.difficulty, str(a.seed), case, f"{a.total:.0%}")
            ):
                hist.setItem(row, col, QTableWidgetItem(text))
        self._history_selected()

    def _history_selected(self) -> None:
        ok = self.selected_attempt() is not None
        self.review_button.setEnabled(ok)
        self.retry_button.setEnabled(ok)

    def selected_attempt(self) -> Attempt | None:
        row = self.history.currentRow()
        if not self.history.selectedItems() or not 0 <= row < len(self._attempts):
            return None
        return self._attempts[row]

    def review_selected(self) -> None:
        attempt = self.selected_attempt()
        if attempt is not None:
            self.sig_review.emit(attempt)

    def retry_selected(self) -> None:
        attempt = self.selected_attempt()
        if attempt is not None:
            self.sig_retry.emit(attempt)

    def chart_points(self) -> float:
        """The point size of the charts' tick labels (follows the text size)."""
        return _CHART_POINTS * self._text_scale

    def apply_text_scale(self, scale: float) -> None:
        """Draw the charts' titles, axis labels, ticks, legend and bar labels at the
        application's text size (pyqtgraph does not follow the application font)."""
        self._text_scale = float(scale)
        pts = self.chart_points()
        font = QFont()
        font.setPointSizeF(pts)
        for plot in (self.time_plot, self.root_plot):
            pi = plot.getPlotItem()
            pi.setTitle(self._titles[id(plot)], color="#222", size=f"{pts * 1.2:.1f}pt")
            for name in ("left", "bottom"):
                axis = pi.getAxis(name)
                axis.setStyle(tickFont=font)
                axis.setLabel(axis.labelText, **{"font-size": f"{pts:.1f}pt"})
        self._legend.setLabelTextSize(f"{pts:.1f}pt")
        for _sample, item in self._legend.items:  # the size only counts when redrawn
            item.setText(item.text, size=f"{pts:.1f}pt", color="#222")
        for label in self.bar_labels:
            label.setFont(font)

    def refresh(self) -> None:
        series = self.store.accuracy_over_time(window=10)
        xs = list(range(1, len(series) + 1))
        self.dots.setData(xs, [s for _, s, _ in series])
        self.line.setData(xs, [r for _, _, r in series])
        # whole attempts on the axis (an empty chart showed 0.2, 0.4 ... attempts)
        shown = max(len(series), 5)
        step = next((k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500) if shown / k <= 12), 1000)
        pi = self.time_plot.getPlotItem()
        pi.getAxis("bottom").setTickSpacing(major=step, minor=step)
        pi.setXRange(0.5, shown + 0.5, padding=0.02)
        per = self.store.accuracy_per_root()
        keys = list(per)
        for t in self.bar_labels:
            self.root_plot.removeItem(t)
        self.bar_labels = []
        self.bars.setOpts(
            x=list(range(len(keys))),
            height=[per[k].accuracy for k in keys],
            width=0.6,
            brushes=[style.root_color(k if k in vocab.ROOTS else "", 200) for k in keys],
        )
        ticks = [(i, "none" if k not in vocab.ROOTS else k) for i, k in enumerate(keys)]
        self.root_plot.getPlotItem().getAxis("bottom").setTicks([ticks])
        for i, k in enumerate(keys):
            label = pg.TextItem(f"n={per[k].attempts}", color="#222", anchor=(0.5, 1.0))
            bar_font = QFont()
            bar_font.setPointSizeF(self.chart_points())
            label.setFont(bar_font)
            label.setPos(i, min(1.0, per[k].accuracy) + 0.04)
            self.root_plot.addItem(label)
            self.bar_labels.append(label)
        if keys:
            self.root_plot.getPlotItem().setXRange(-0.6, len(keys) - 0.4, padding=0)
        if series:
            mean = sum(s for _, s, _ in series) / len(series)
            self.summary.setText(
                f"{len(series)} cases answered · mean score {mean:.0%} · "
                f"last 10: {series[-1][2]:.0%}"
            )
        else:
            self.summary.setText("No cases answered yet: try the Practise tab.")
        self.export_button.setEnabled(bool(series))
        self._refresh_tables()

    def export_csv(self, path: str | os.PathLike[str] | None = None) -> int:
        """Write the history to ``path`` (asks for a file when ``None``); rows written."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export practice history", "radviz-progress.csv", "CSV files (*.csv)"
            )
            if not chosen:
                return 0
            path = chosen
        try:
            n = self.store.to_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}: {exc}")
            return 0
        self.summary.setText(f"Exported {n} rows to {path}")
        return n


# ============================================================================= window
class TraineeWindow(QMainWindow):
    """Explore, Practise and Progress tabs for trainees."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        progress_path: str | os.PathLike[str] | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        super().__init__(parent)
        # Ends in the display name, so the platform does not add it a second time.
        self.setWindowTitle("Trainee: explore, practise, progress — radviz")
        self.setObjectName("radvizTraineeWindow")
        self.kb = kb or load_kb()
        self.store = ProgressStore(progress_path or default_progress_path())
        self.explore = ExploreTab(self.kb)
        self.practise = PractiseTab(self.kb, self.store)
        self.progress = ProgressTab(self.store, kb=self.kb)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Trainee sections")
        self.tabs.addTab(self.explore, "&Explore")
        self.tabs.addTab(self.practise, "&Practise")
        self.tabs.addTab(self.progress, "Pro&gress")
        self.tabs.setTabToolTip(0, "A root's territory, muscles, reflex and where it is squeezed")
        self.tabs.setTabToolTip(1, "Generated cases with feedback")
        self.tabs.setTabToolTip(2, "Your accuracy over time and per root")
        self.setCentralWidget(self.tabs)
        self.practise.sig_attempt_recorded.connect(self.progress.refresh)
        self.progress.sig_review.connect(self._review)
        self.progress.sig_retry.connect(self._retry)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.statusBar().showMessage(
            "Sides are always the patient's own. radviz explains and educates; it does not "
            "diagnose."
        )
        self.resize(1280, 800)

    def _review(self, attempt: Attempt) -> None:
        self.tabs.setCurrentWidget(self.practise)
        self.practise.review(attempt)

    def _retry(self, attempt: Attempt) -> None:
        self.tabs.setCurrentWidget(self.practise)
        self.practise.retry(attempt)

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.progress:
            self.progress.refresh()
        for view in (self.explore.body, self.explore.spine, self.practise.body):
            view.zoom_fit()
