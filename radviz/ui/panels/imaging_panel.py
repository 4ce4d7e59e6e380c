"""The imaging panel: MRI findings, whether each fits the case, how common it is (UI layer).

A clinician pastes a report (read with :func:`radviz.imaging.parser.parse_report`) or
builds a finding with pickers; both go to :class:`~radviz.ui.app_state.AppState`, so
they are undoable. For every finding in :attr:`AppState.imaging_findings` a row shows

* the finding in words (clinical or plain, following :attr:`AppState.audience`);
* the concordance verdict of :func:`radviz.imaging.concordance.concordance` against the
  current findings and result, as a badge with a symbol and a word (never colour
  alone), its reasons in the tooltip and behind a "Why?" button;
* how common the finding is in people of the patient's age without back pain
  (:func:`radviz.imaging.prevalence.asymptomatic_prevalence`, Brinjikji et al. 2015).

The panel only words and forwards; every verdict and number comes from the model. The
module's functions (:func:`finding_words`, :func:`prevalence_words`,
:func:`overlay_roots`, :func:`most_severe`) are pure and tested without a widget.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPen, QPixmap, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from radviz.anatomy import vocab
from radviz.anatomy.levels import roots_at_level
from radviz.imaging.concordance import (
    QUIET_LESIONS,
    Concordance,
    compressed_roots,
    concordance,
    is_compressive,
    lesion_words,
)
from radviz.imaging.document import (
    LESIONS,
    SEVERITIES,
    SEVERITY_RANK,
    ImagingFinding,
    ImagingRoot,
)
from radviz.imaging.prevalence import asymptomatic_prevalence, prevalence_note
from radviz.ui import style
from radviz.ui.app_state import AppState, imaging_key
from radviz.ui.wrap_label import WrapLabel

# --------------------------------------------------------------------------- words
NOTE = {
    "patient": (
        "Scans often show changes in people without pain. What matters is whether the "
        "scan fits your symptoms."
    ),
    "clinician": (
        "Scans often show changes in people without pain. What matters is whether the "
        "scan fits the symptoms and the exam (concordance)."
    ),
}

FLAG_NOTE = {
    "patient": (
        "There is a warning sign (see the red banner at the top). Follow its advice, "
        "whatever these scan verdicts say: they only compare the scan with nerve-root "
        "patterns."
    ),
    "clinician": (
        "Red flag present (see the banner): these verdicts only compare each finding with "
        "the root pattern; they neither explain nor lower its urgency."
    ),
}

LEGEND = (
    "Green dashed outline on the body map = nerve areas the scan findings could affect "
    "(findings that press on no nerve, such as small bulges, spurs and mild narrowing, "
    "are not outlined)."
)

SIDE_LABELS: dict[str, str] = {
    "left": "Patient's left",
    "right": "Patient's right",
    "bilateral": "Both sides",
}
ZONE_LABELS: dict[str, tuple[str, str]] = {
    # zone: (picker label, tooltip)
    "central": ("Central", "In the middle of the canal: can press on roots of both sides"),
    "paracentral": (
        "Paracentral / subarticular",
        "Just off the middle (lateral recess): presses on the traversing root",
    ),
    "foraminal": ("Foraminal", "In the side opening: presses on the exiting root"),
    "extraforaminal": (
        "Extraforaminal (far lateral)",
        "Outside the side opening: presses on the exiting root",
    ),
}
LESION_LABELS: dict[str, str] = {
    # lesion: clinical words (the plain words live in imaging.toml [lesion_words])
    "bulge": "disc bulge",
    "protrusion": "protrusion",
    "extrusion": "extrusion",
    "sequestration": "sequestration",
    "herniation": "herniation",
    "canal_stenosis": "canal stenosis",
    "lateral_recess_stenosis": "lateral recess stenosis",
    "foraminal_stenosis": "foraminal stenosis",
    "spondylolisthesis": "spondylolisthesis",
    "synovial_cyst": "synovial cyst",
    "osteophyte": "osteophyte / facet hypertrophy",
    "other": "lesion (other)",
}
SEVERITY_LABELS: dict[str, str] = {
    "mild": "Mild",
    "moderate": "Moderate",
    "severe": "Severe",
    "unspecified": "Not stated",
}
#: The zone a lesion lies in by definition: picking the lesion moves the zone picker.
LESION_ZONE: dict[str, str] = {
    "canal_stenosis": "central",
    "lateral_recess_stenosis": "paracentral",
    "foraminal_stenosis": "foraminal",
}

VERDICT_BADGES: dict[str, tuple[str, str, str, str, str]] = {
    # verdict: (symbol, clinician word, patient word, background, text colour).
    # The word carries the meaning; colour only helps.
    "concordant": ("✔", "Concordant", "Fits", "#15803d", "white"),
    "partly": ("◐", "Partly concordant", "Fits in part", "#f59e0b", "#1f1300"),
    "discordant": ("✘", "Discordant", "Does not fit", "#b91c1c", "white"),
    "incidental": ("○", "Incidental", "Common, no nerve pressed", "#475569", "white"),
    "not_assessable": ("?", "Not assessable", "Can't tell yet", "#6b7280", "white"),
}

SOURCE = "Brinjikji et al., AJNR 2015"


def verdict_badge(verdict: str, audience: str) -> str:
    """The badge text of a verdict: a symbol and a word, e.g. ``✔ Concordant``."""
    symbol, clin, plain, _bg, _fg = VERDICT_BADGES[verdict]
    return f"{symbol} {clin if audience == 'clinician' else plain}"


def _root_groups(roots: Sequence[ImagingRoot]) -> list[tuple[str, list[str], str]]:
    """``(root, sides, relation)`` with the sides of one root together, in root order."""
    out: dict[tuple[str, str], list[str]] = {}
    for r in roots:
        out.setdefault((r.root, r.relation), []).append(r.side)
    return [(root, sides, rel) for (root, rel), sides in out.items()]


def roots_words(roots: Sequence[ImagingRoot], audience: str = "clinician") -> str:
    """``left S1 (traversing)`` / ``your left S1 nerve`` for a finding's roots."""
    parts: list[str] = []
    for root, sides, relation in _root_groups(roots):
        if audience == "clinician":
            where = "left and right" if len(set(sides)) == 2 else sides[0]
            parts.append(f"{where} {root} ({relation})")
        elif len(set(sides)) == 2:
            parts.append(f"the {root} nerves on both sides")
        else:
            parts.append(f"your {sides[0]} {root} nerve")
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def finding_words(f: ImagingFinding, audience: str = "clinician") -> str:
    """The finding in words.

    Clinician: ``L5-S1 left paracentral extrusion (severe) → left S1 (traversing)``.
    Patient: ``A bigger disc bulge (extrusion) at L5-S1, pressing on your left S1 nerve``.
    """
    clin = LESION_LABELS.get(f.lesion, f.lesion.replace("_", " "))
    plain = lesion_words(f.lesion)
    plain = plain[:1].upper() + plain[1:]
    if audience == "clinician":
        if f.zone == "central":
            where = "central"
        elif f.side == "bilateral":
            where = f"bilateral {f.zone}"
        else:
            where = f"{f.side} {f.zone}"
        words = f"{f.level} {where} {clin}"
        if f.certainty == "possible":
            words = f"Possible: {words}"
        if f.lesion == "spondylolisthesis":
            if f.grade is not None:
                words += f" grade {f.grade}"
            if f.listhesis_type:
                words += f" ({f.listhesis_type})"
        if f.severity != "unspecified":
            words += f" ({f.severity})"
        if f.roots:
            words += f" → {roots_words(f.roots, 'clinician')}"
        return words
    words = f"{plain} at {f.level}"
    if f.certainty == "possible":
        words = f"Maybe: {plain[0].lower()}{plain[1:]} at {f.level} (the report is not sure)"
    if f.roots:
        verb = "close to" if f.severity == "mild" else "pressing on"
        words += f", {verb} {roots_words(f.roots, 'patient')}"
    return words


def prevalence_words(lesion: str, age: float | None, audience: str = "patient") -> str:
    """How common the finding is without back pain at ``age``, in plain words.

    ``About 1 in 3 people aged 40 with no back pain have a disc protrusion on MRI.``
    A clinician also sees the percentage and the source. When the table has no row
    (stenosis, cysts) the plain note says so.
    """
    p = asymptomatic_prevalence(lesion, age)
    if p is None:
        return prevalence_note(lesion)
    text = p.patient
    if audience == "clinician":
        if age is None:
            figure = f"mean {p.percent} % over ages {p.age_band}"
        elif "-" in p.age_band:
            figure = f"{p.percent} % at age {round(age)}, interpolated"
        else:
            figure = f"{p.percent} % at age {p.age_band}"
        text = f"{text[:-1]} ({figure}; {SOURCE})."
    if p.note:
        text = f"{text} {p.note}"
    return _keep_percent(text)


def _keep_percent(text: str) -> str:
    """``93 %`` never breaks between the number and its sign."""
    return text.replace(" %", "\u00a0%")


def overlay_roots(findings: Iterable[ImagingFinding]) -> list[tuple[str, str]]:
    """``(root, side)`` for the body map's imaging overlay: roots of compressive findings
    (:func:`radviz.imaging.concordance.is_compressive`; the others are incidental and
    still drawn on the spine and listed with their verdict)."""
    return compressed_roots(findings)


def most_severe(findings: Sequence[ImagingFinding]) -> ImagingFinding | None:
    """The finding to show in the axial slice: most severe, compressive before quiet.

    An unstated severity counts as moderate; ties go to the first finding.
    """
    if not findings:
        return None
    return max(
        findings,
        key=lambda f: (
            SEVERITY_RANK["moderate" if f.severity == "unspecified" else f.severity],
            f.lesion not in QUIET_LESIONS,
        ),
    )


def _plain_reason(reason: str) -> str:
    return _keep_percent(reason.replace("_", " "))


def _nobreak_levels(text: str) -> str:
    """Escape ``text`` for a rich-text label, keeping ``L5-S1`` from breaking at its dash."""
    out = html.escape(text)
    for level in vocab.LEVELS:
        out = out.replace(level, f"<span style='white-space:nowrap'>{level}</span>")
    return out


def legend_pixmap(size: int = 22) -> QPixmap:
    """A swatch in the body map's imaging style: light bluish-green hatch, dash-dot outline."""
    pix = QPixmap(size * 2, size * 2)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rect = QRectF(2.0, 2.0, size - 4.0, size - 4.0)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(style.imaging_brush(1.0, 2.0))
    p.drawRoundedRect(rect, 3, 3)
    pen = QPen(QColor(style.IMAGING_COLOR), 2.0, Qt.PenStyle.DashDotLine)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(rect, 3, 3)
    p.end()
    return pix


# --------------------------------------------------------------------------- widgets
def _wrap_label(name: str, text: str = "") -> QLabel:
    lab = WrapLabel(text)
    lab.setAccessibleName(name)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


class FindingRow(QFrame):
    """One imaging finding: words, verdict badge, prevalence, reasons, Remove."""

    sig_remove_requested = Signal(int)
    """The Remove button was pressed; the argument is the row's index."""

    sig_expanded_changed = Signal(int, bool)
    """The reasons were shown (``True``) or hidden; ``(index, shown)``."""

    def __init__(
        self,
        index: int,
        finding: ImagingFinding,
        origin: str,
        verdict: Concordance,
        prevalence: str,
        audience: str,
        expanded: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.finding = finding
        self.origin = origin
        self.concordance = verdict
        self.setObjectName("imagingFindingRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#imagingFindingRow { border: 1px solid #c8ccd2; border-radius: 4px;"
            " background: palette(base); }"
        )
        words = finding_words(finding, audience)
        badge_text = verdict_badge(verdict.verdict, audience)
        reasons = [_plain_reason(r) for r in verdict.reasons]
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 5, 6, 5)
        lay.setSpacing(3)

        top = QHBoxLayout()
        top.setSpacing(6)
        _sym, _c, _p, bg, fg = VERDICT_BADGES[verdict.verdict]
        self.badge = WrapLabel(badge_text)
        self.badge.setAccessibleName(f"Verdict: {badge_text[2:]}")
        self.badge.setStyleSheet(
            f"background:{bg}; color:{fg}; border-radius:3px; padding:1px 6px; font-weight:600;"
        )
        self.badge.setToolTip("\n".join([verdict.patient, *reasons]))
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # the badge wraps rather than widen the row past a narrow column at a large text
        # size (the panel never scrolls sideways)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self.words_label = _wrap_label("Finding", f"<b>{_nobreak_levels(words)}</b>")
        self.words_label.setTextFormat(Qt.TextFormat.RichText)
        if origin == "report" and finding.text:
            self.words_label.setToolTip(f"From the report: “{finding.text}”")
        else:
            self.words_label.setToolTip("Added with the pickers")
        top.addWidget(self.words_label, 1)
        lay.addLayout(top)

        # A patient reads the plain sentence and can open the reasons; a clinician reads
        # the first reason at once and opens the rest.
        if audience == "clinician" and reasons:
            meaning, detail_reasons = reasons[0], reasons[1:]
        else:
            meaning, detail_reasons = verdict.patient, reasons
        self.meaning_label = _wrap_label("What the verdict means", meaning)
        lay.addWidget(self.meaning_label)

        self.prevalence_label = _wrap_label("How common without pain", prevalence)
        self.prevalence_label.setStyleSheet("color:#374151;")
        self.prevalence_label.setToolTip(
            "How common this is on MRI in people of this age without back pain "
            "(Brinjikji W et al., AJNR Am J Neuroradiol 2015;36:811-816, 3110 people)."
        )
        lay.addWidget(self.prevalence_label)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        self.why_button = QToolButton()
        self.why_button.setText("Why?")
        self.why_button.setCheckable(True)
        self.why_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.why_button.setArrowType(Qt.ArrowType.RightArrow)
        self.why_button.setAccessibleName(f"Why {badge_text[2:].lower()}: {words}")
        self.why_button.setToolTip("Show the reasons for this verdict")
        self.why_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        buttons.addWidget(self.why_button)
        origin_text = "From the report" if origin == "report" else "Added by hand"
        self.origin_label = WrapLabel(f"<i>{origin_text}</i>")
        self.origin_label.setAccessibleName("Where the finding came from")
        self.origin_label.setStyleSheet("color:#6b7280;")
        if origin == "report" and finding.text:
            self.origin_label.setToolTip(f"“{finding.text}”")
        buttons.addWidget(self.origin_label)
        buttons.addStretch(1)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName(f"Remove finding: {words}")
        self.remove_button.setToolTip(
            "Remove this finding from the list (Ctrl+Z brings it back)"
            + ("; the report text is kept" if origin == "report" else "")
        )
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.sig_remove_requested.emit(self.index))
        buttons.addWidget(self.remove_button)
        lay.addLayout(buttons)

        detail = "".join(f"<li>{html.escape(r)}</li>" for r in detail_reasons)
        self.reasons_label = _wrap_label(
            "Reasons", f"<ul style='margin-left:-20px'>{detail}</ul>" if detail else ""
        )
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.reasons_label)
        self.why_button.toggled.connect(self._toggle)
        self.why_button.setChecked(expanded and bool(detail))
        self.why_button.setVisible(bool(detail))
        self._toggle(self.why_button.isChecked(), emit=False)
        self.setAccessibleName(f"Imaging finding {index + 1}: {words}. {badge_text[2:]}.")
        self.setToolTip("\n".join([f"{badge_text}: {verdict.patient}", *reasons]))

    @property
    def verdict(self) -> str:
        """``concordant``, ``partly``, ``discordant`` or ``not_assessable``."""
        return self.concordance.verdict

    def update_reasons(self, verdict: Concordance, audience: str) -> None:
        """Show new reasons for the same verdict (their numbers follow the case) in place."""
        if verdict.reasons == self.concordance.reasons:
            return
        self.concordance = verdict
        badge_text = verdict_badge(verdict.verdict, audience)
        reasons = [_plain_reason(r) for r in verdict.reasons]
        if audience == "clinician" and reasons:
            meaning, detail_reasons = reasons[0], reasons[1:]
        else:
            meaning, detail_reasons = verdict.patient, reasons
        self.meaning_label.setText(meaning)
        detail = "".join(f"<li>{html.escape(r)}</li>" for r in detail_reasons)
        self.reasons_label.setText(f"<ul style='margin-left:-20px'>{detail}</ul>" if detail else "")
        self.badge.setToolTip("\n".join([verdict.patient, *reasons]))
        self.setToolTip("\n".join([f"{badge_text}: {verdict.patient}", *reasons]))

    def _toggle(self, shown: bool, emit: bool = True) -> None:
        self.reasons_label.setVisible(shown)
        self.why_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if emit:
            self.sig_expanded_changed.emit(self.index, shown)


class ImagingPanel(QWidget):
    """Paste or build MRI findings; see whether each fits the case and how common it is."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._synced_text: str | None = None
        self._expanded: set[tuple[str, str, str, str]] = set()
        self._rows: list[FindingRow] = []
        self._signature: tuple[object, ...] | None = None
        self._stale = False  # rows wait for the panel to be shown (see refresh)
        self.setAccessibleName("Imaging")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        # Everything wraps or shrinks to the column's width: never scroll sideways.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(inner)
        self.scroll_area.setAccessibleName("Imaging panel")
        outer.addWidget(self.scroll_area)

        self.note_label = _wrap_label("About scans")
        self.note_label.setStyleSheet(
            "background:#eef6ff; border:1px solid #9cc3e6; border-radius:3px;"
            " padding:4px; color:#0b2a44;"
        )
        lay.addWidget(self.note_label)
        self.flag_label = _wrap_label("Warning sign")
        self.flag_label.setStyleSheet(
            "background:#fdecea; border:2px solid #b00020; border-radius:3px;"
            " padding:4px; color:#5f0010; font-weight:600;"
        )
        lay.addWidget(self.flag_label)
        self.anatomy_label = _wrap_label("About this report")  # transitional anatomy (#16.7)
        self.anatomy_label.setStyleSheet(
            "background:#fff7e0; border:1px solid #d9a400; border-radius:3px;"
            " padding:4px; color:#3d2e00;"
        )
        lay.addWidget(self.anatomy_label)
        # The findings come first (what the panel is for), then where they come from.
        findings_at = lay.count()

        # ---------------------------------------------------------------- report
        self.report_title = QLabel("<b>MRI report</b>")
        lay.addWidget(self.report_title)
        self.report_edit = QPlainTextEdit()
        self.report_edit.setPlaceholderText("Paste the MRI report here…")
        self.report_edit.setAccessibleName("MRI report text")
        self.report_edit.setToolTip(
            "Paste the report, then press Read report (Ctrl+Return). Normal or negated "
            "statements (“no stenosis”) are skipped."
        )
        self.report_edit.setTabChangesFocus(True)
        self.report_edit.setFixedHeight(84)
        self.report_edit.textChanged.connect(self._update_hint)
        lay.addWidget(self.report_edit)
        row = QHBoxLayout()
        self.read_button = QPushButton("Read report")
        self.read_button.setAccessibleName("Read report")
        self.read_button.setToolTip("Find the lesions in the report (Ctrl+Return)")
        self.read_button.setAutoDefault(False)
        self.read_button.clicked.connect(self.read_report)
        row.addWidget(self.read_button)
        self.clear_button = QPushButton("Clear imaging")
        self.clear_button.setAccessibleName("Clear imaging")
        self.clear_button.setToolTip("Remove the report and every imaging finding (undoable)")
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(state.clear_imaging)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.hint_label = _wrap_label("Report status")
        self.hint_label.setStyleSheet("color:#7c2d12;")
        lay.addWidget(self.hint_label)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(seq), self.report_edit)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.read_report)

        # ---------------------------------------------------------------- builder
        box = QGroupBox("Build a finding")
        box.setAccessibleName("Build a finding")
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.level_combo = self._combo("Level", "Disc level")
        for level in vocab.LEVELS:
            self.level_combo.addItem(level, level)
        self.side_combo = self._combo("Side", "Side as the patient sees it (patient's left/right)")
        for side in ("left", "right", "bilateral"):
            self.side_combo.addItem(SIDE_LABELS[side], side)
        self.zone_combo = self._combo("Zone", "Where in the canal, from the middle outwards")
        for zone in vocab.DISC_ZONES:
            label, tip = ZONE_LABELS[zone]
            self.zone_combo.addItem(label, zone)
            self.zone_combo.setItemData(
                self.zone_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.lesion_combo = self._combo("Lesion", "What the scan shows (Fardon 2014 terms)")
        for lesion in LESIONS:
            clin = LESION_LABELS[lesion]
            self.lesion_combo.addItem(clin[:1].upper() + clin[1:], lesion)
        self.severity_combo = self._combo("Severity", "How severe the report says it is")
        for sev in SEVERITIES:
            self.severity_combo.addItem(SEVERITY_LABELS[sev], sev)
        self.level_combo.setCurrentIndex(vocab.LEVELS.index("L4-L5"))
        self.zone_combo.setCurrentIndex(vocab.DISC_ZONES.index("paracentral"))
        self.lesion_combo.setCurrentIndex(LESIONS.index("protrusion"))
        self.severity_combo.setCurrentIndex(SEVERITIES.index("moderate"))
        for i, (name, combo) in enumerate(
            (
                ("Level", self.level_combo),
                ("Side", self.side_combo),
                ("Zone", self.zone_combo),
                ("Lesion", self.lesion_combo),
                ("Severity", self.severity_combo),
            )
        ):
            # Label over picker, two per row (the zone's names are long: a row of its
            # own): the column is narrow, about 340 px at 1280 × 800.
            row_, col, span = ((0, 0, 1), (0, 1, 1), (2, 0, 2), (4, 0, 1), (4, 1, 1))[i]
            lab = QLabel(f"{name}:")
            lab.setBuddy(combo)
            grid.addWidget(lab, row_, col, 1, span)
            grid.addWidget(combo, row_ + 1, col, 1, span)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add finding")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_from_pickers)
        self.preview_label = _wrap_label("The finding being built")
        self.preview_label.setStyleSheet("color:#374151;")
        grid.addWidget(self.preview_label, 6, 0)
        grid.addWidget(self.add_button, 6, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for combo in (
            self.level_combo,
            self.side_combo,
            self.zone_combo,
            self.severity_combo,
        ):
            combo.currentIndexChanged.connect(self._update_preview)
        self.lesion_combo.currentIndexChanged.connect(self._lesion_picked)
        lay.addWidget(box)

        # ---------------------------------------------------------------- legend
        legend = QHBoxLayout()
        legend.setContentsMargins(0, 0, 0, 0)
        swatch = QLabel()
        swatch.setPixmap(legend_pixmap())
        swatch.setAccessibleName("Legend swatch")
        swatch.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        legend.addWidget(swatch, 0, Qt.AlignmentFlag.AlignTop)
        self.legend_label = _wrap_label("Body map legend", LEGEND)
        legend.addWidget(self.legend_label, 1)

        # ---------------------------------------------------------------- findings
        self.list_title = QLabel()
        self.list_title.setAccessibleName("Findings")
        self.empty_label = _wrap_label(
            "No findings", "No findings yet: paste a report and read it, or build one below."
        )
        self.empty_label.setStyleSheet("color:#6b7280;")
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(6)
        for k, w in enumerate((self.list_title, self.empty_label, self.rows_box)):
            lay.insertWidget(findings_at + k, w)
        lay.insertLayout(findings_at + 3, legend)
        lay.addStretch(1)

        state.sig_imaging_changed.connect(self._imaging_changed)
        state.sig_result_changed.connect(self.refresh)
        state.sig_audience_changed.connect(lambda _a: self.refresh())
        self._imaging_changed()
        self._update_preview()

    # ------------------------------------------------------------------ reads
    def rows(self) -> list[FindingRow]:
        """The rows as shown: compressive findings first (see :func:`is_compressive`),
        otherwise in the order of :attr:`AppState.imaging_findings`; ``row.index`` is
        the finding's index there."""
        if self._stale:
            self._refresh_rows()
        return list(self._rows)

    def picked_finding(self) -> dict[str, Any]:
        """The contract §5 finding the pickers describe (roots by the anatomical rule)."""
        level = str(self.level_combo.currentData())
        side = str(self.side_combo.currentData())
        zone = str(self.zone_combo.currentData())
        return {
            "level": level,
            "side": side,
            "zone": zone,
            "lesion": str(self.lesion_combo.currentData()),
            "severity": str(self.severity_combo.currentData()),
            "roots": [r.to_dict() for r in roots_at_level(level, zone, side)],
            "text": "",
        }

    # ------------------------------------------------------------------ actions
    def read_report(self) -> None:
        """Read the report box into the state (one undoable step).

        The box's own undo history ends here: what was read belongs to the case (Edit ▸
        Undo takes it back, text and findings together), so Ctrl+Z in the box can no
        longer empty it while the findings read from it stay.
        """
        text = self.report_edit.toPlainText()
        self._synced_text = text if text.strip() else None
        self._state.set_imaging_text(text)
        self.report_edit.document().clearUndoRedoStacks()
        self._update_hint(after_read=True)

    def has_unread_report(self) -> bool:
        """Text typed in the report box that differs from the report the case holds."""
        typed = self.report_edit.toPlainText()
        return bool(typed.strip()) and typed != (self._state.imaging_text or "")

    def focus_report(self) -> None:
        """Scroll the report box into view and put the keyboard in it (Ctrl+I)."""
        self.scroll_area.ensureWidgetVisible(self.report_title, 0, 0)
        self.scroll_area.ensureWidgetVisible(self.report_edit)
        self.report_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_from_pickers(self) -> None:
        """Add the finding the pickers describe (undoable)."""
        self._state.add_imaging_finding(self.picked_finding())

    def _remove(self, index: int) -> None:
        self._state.remove_imaging_finding(index)
        # Keep the keyboard where it was: the next row's Remove, else the Add button.
        if self._rows:
            shown = [r.index for r in self._rows]
            at = shown.index(index) if index in shown else len(shown) - 1
            self._rows[at].remove_button.setFocus()
        else:
            self.add_button.setFocus()

    def _expanded_changed(self, index: int, shown: bool) -> None:
        rows = [r for r in self._rows if r.index == index]
        if not rows:
            return
        key = imaging_key(rows[0].finding)
        if shown:
            self._expanded.add(key)
        else:
            self._expanded.discard(key)

    # ------------------------------------------------------------------ redraw
    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(tip)
        combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return combo

    def _lesion_picked(self) -> None:
        zone = LESION_ZONE.get(str(self.lesion_combo.currentData()))
        if zone is not None:
            self.zone_combo.setCurrentIndex(vocab.DISC_ZONES.index(zone))
        self._update_preview()

    def _update_preview(self) -> None:
        d = self.picked_finding()
        roots = roots_at_level(d["level"], d["zone"], d["side"])
        self.preview_label.setText(f"Would affect: {roots_words(roots, 'clinician')}")
        self.add_button.setToolTip(
            f"Add {d['level']} {LESION_LABELS[d['lesion']]} to the findings (undoable)"
        )

    def _update_hint(self, after_read: bool = False) -> None:
        typed = self.report_edit.toPlainText()
        stored = self._state.imaging_text or ""
        if typed.strip() and typed != stored:
            self.hint_label.setText("Not read yet: press Read report (Ctrl+Return).")
        elif after_read and typed.strip():
            n = sum(1 for e in self._state.imaging_entries if e.origin == "report")
            self.hint_label.setText(
                f"Read {n} finding{'s' if n != 1 else ''} from the report."
                if n
                else "No lesion that narrows the canal or a nerve opening was found in this "
                "report (normal and negated statements are skipped)."
            )
        else:
            self.hint_label.setText("")
        self.hint_label.setVisible(bool(self.hint_label.text()))

    def _imaging_changed(self) -> None:
        text = self._state.imaging_text
        if text != self._synced_text:
            # Undo, a demo or a session changed the report: show it. A draft typed but
            # not read is kept while only hand-built findings change.
            self._synced_text = text
            self.report_edit.blockSignals(True)
            self.report_edit.setPlainText(text or "")  # also starts a fresh undo history
            self.report_edit.blockSignals(False)
            self._update_hint()
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the rows from the state (verdicts against the current case).

        While the panel is hidden (another tab is in front) only its counts and buttons
        follow the state; the rows, with a verdict each, are built when it is shown or
        :meth:`rows` is read. Start-up and every click elsewhere skip that work.
        """
        st = self._state
        aud = st.audience
        self.note_label.setText(NOTE.get(aud, NOTE["patient"]))
        self.flag_label.setText(FLAG_NOTE.get(aud, FLAG_NOTE["patient"]))
        self.flag_label.setVisible(bool(st.result.red_flags) and bool(st.imaging_findings))
        notes = st.imaging_notes
        self.anatomy_label.setText(" ".join(notes))
        self.anatomy_label.setVisible(bool(notes))
        n = len(st.imaging_findings)
        self.list_title.setText(f"<b>Findings ({n})</b>" if n else "<b>Findings</b>")
        self.empty_label.setVisible(n == 0)
        self.clear_button.setEnabled(bool(n or st.imaging_text))
        if not self.isVisible():
            self._stale = True
            return
        self._refresh_rows()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh_rows()

    def _refresh_rows(self) -> None:
        self._stale = False
        st = self._state
        aud = st.audience
        entries = st.imaging_entries
        keys = {imaging_key(e.finding) for e in entries}
        self._expanded &= keys
        verdicts = [concordance(e.finding, st.findings, st.result) for e in entries]
        # Rows are rebuilt only when something they show changed: every click recomputes
        # the result, but the verdicts usually stay the same.
        signature = (
            aud,
            st.findings.age,
            tuple((imaging_key(e.finding), e.origin, e.finding.severity) for e in entries),
            tuple(v.verdict for v in verdicts),
            frozenset(self._expanded),
            bool(st.imaging_text),
        )
        if signature == self._signature:
            # Same rows and verdicts: only the reasons' numbers may have moved.
            for row in self._rows:
                row.update_reasons(verdicts[row.index], aud)
            return
        self._signature = signature
        had_focus = self.rows_box.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        for r in self._rows:
            r.setParent(None)
            r.deleteLater()
        self._rows = []
        # Compressive findings first (what could explain the symptoms is what a reader
        # looks for), then by level as the report has them; ``index`` stays the state's.
        order = sorted(range(len(entries)), key=lambda k: not is_compressive(entries[k].finding))
        for i in order:
            entry = entries[i]
            f = entry.finding
            row = FindingRow(
                i,
                f,
                entry.origin,
                verdicts[i],
                prevalence_words(f.lesion, st.findings.age, aud),
                aud,
                expanded=imaging_key(f) in self._expanded,
            )
            row.sig_remove_requested.connect(self._remove)
            row.sig_expanded_changed.connect(self._expanded_changed)
            self.rows_layout.addWidget(row)
            self._rows.append(row)
        if had_focus and not self._rows:
            self.add_button.setFocus()
