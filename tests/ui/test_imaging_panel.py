"""The imaging panel and imaging state (pytest-qt, offscreen): report, pickers, verdicts."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from radviz.imaging.parser import ImagingError, ImagingRoot, parse_report
from radviz.reasoning.findings import Findings
from radviz.training.demos import DEMOS
from radviz.ui.app_state import AppState
from radviz.ui.main_window import MainWindow
from radviz.ui.panels.imaging_panel import (
    ImagingPanel,
    finding_words,
    most_severe,
    overlay_roots,
    prevalence_words,
    verdict_badge,
)

REPORT = (
    "L5-S1: left paracentral disc extrusion compressing the traversing left S1 nerve "
    "root. L4-L5: mild disc bulge without stenosis."
)


@pytest.fixture
def window(qtbot: Any) -> Iterator[MainWindow]:
    w = MainWindow(remember=False)
    qtbot.add_widget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w


@pytest.fixture
def panel(qtbot: Any) -> ImagingPanel:
    state = AppState()
    p = ImagingPanel(state)
    qtbot.add_widget(p)
    p.resize(360, 900)
    p.show()
    return p


def _row(panel: ImagingPanel, level: str, lesion: str) -> Any:
    (row,) = [r for r in panel.rows() if (r.finding.level, r.finding.lesion) == (level, lesion)]
    return row


def _mirrored(name: str) -> Findings:
    """A demo case with left and right swapped."""
    data = copy.deepcopy(DEMOS[name].findings)
    swap = {"left": "right", "right": "left"}
    for key in ("symptoms", "motor", "reflexes", "tests"):
        for item in data.get(key, []):
            item["side"] = swap.get(item["side"], item["side"])
    return Findings.from_dict(data)


# ----------------------------------------------------------------- reading a report
def test_reading_a_pasted_report_lists_draws_and_outlines(qtbot: Any, window: MainWindow) -> None:
    w = window
    w.imaging_action.trigger()
    assert w.middle_tabs.currentWidget() is w.imaging
    panel = w.imaging
    assert panel.report_edit.placeholderText() == "Paste the MRI report here…"
    panel.report_edit.setPlainText(REPORT)
    assert panel.hint_label.text().startswith("Not read yet")
    with qtbot.wait_signal(w.state.sig_imaging_changed):
        qtbot.mouseClick(panel.read_button, Qt.MouseButton.LeftButton)
    assert w.state.imaging_text == REPORT
    # what could explain the symptoms first; the quiet mild bulge after it
    assert [(r.finding.level, r.finding.lesion) for r in panel.rows()] == [
        ("L5-S1", "extrusion"),
        ("L4-L5", "bulge"),
    ]
    assert [r.index for r in panel.rows()] == [1, 0]
    assert "Read 2 findings" in panel.hint_label.text()
    # spine: coronal and axial blobs, the slice at the level of the worse finding
    assert w.spine.lesion_items()
    assert w.spine.axial_level() == "L5-S1"
    # body map: the extrusion's root outlined; the mild bulge's roots are not
    assert w.body._imaging == [("S1", "left")]
    assert w.body.imaging_items()
    assert w.middle_tabs.tabText(1) == "Imaging (2)"
    # reading is one undo step
    w.state.undo_stack.undo()
    assert w.state.imaging_findings == []
    assert panel.rows() == []
    assert panel.report_edit.toPlainText() == ""
    assert not w.spine.lesion_items()
    assert w.body._imaging == []


def test_ctrl_return_reads_the_report(qtbot: Any, panel: ImagingPanel) -> None:
    panel.report_edit.setFocus()
    panel.report_edit.setPlainText("L4-5: right foraminal protrusion.")
    qtbot.keyClick(panel.report_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (row,) = panel.rows()
    assert (row.finding.level, row.finding.side, row.finding.zone) == (
        "L4-L5",
        "right",
        "foraminal",
    )
    assert row.finding.roots == (ImagingRoot("L4", "right", "exiting"),)


def test_a_report_with_nothing_to_read_says_so(panel: ImagingPanel) -> None:
    panel.report_edit.setPlainText("L3-4: normal. No canal or foraminal stenosis.")
    panel.read_report()
    assert panel.rows() == []
    assert "No lesion" in panel.hint_label.text()
    assert panel.empty_label.isVisibleTo(panel)


def test_demo_loads_its_report(window: MainWindow) -> None:
    w = window
    w.state.load_demo("l5s1_left_s1")
    assert w.state.imaging_text == DEMOS["l5s1_left_s1"].imaging_text
    assert w.imaging.report_edit.toPlainText() == DEMOS["l5s1_left_s1"].imaging_text
    assert len(w.imaging.rows()) == 2
    assert w.spine.axial_level() == "L5-S1"


def test_a_hidden_panel_builds_its_rows_when_shown(window: MainWindow) -> None:
    w = window
    assert w.middle_tabs.currentWidget() is w.findings  # the exam tab is in front
    w.state.load_demo("l5s1_left_s1")
    # Counts and buttons follow at once; the rows wait until someone looks.
    assert w.imaging.list_title.text() == "<b>Findings (2)</b>"
    assert w.imaging.clear_button.isEnabled()
    assert w.imaging.rows_layout.count() == 0
    w.middle_tabs.setCurrentWidget(w.imaging)
    assert w.imaging.rows_layout.count() == 2
    verdicts = {r.finding.lesion: r.concordance.verdict for r in w.imaging.rows()}
    assert verdicts["extrusion"] == "concordant"
    # Back behind the exam tab, a new case again waits; reading the rows builds them.
    w.middle_tabs.setCurrentWidget(w.findings)
    w.state.clear_imaging()
    assert w.imaging.rows_layout.count() == 2
    assert w.imaging.rows() == [] and w.imaging.rows_layout.count() == 0


# ----------------------------------------------------------------- verdicts
def test_the_demo_extrusion_is_concordant(panel: ImagingPanel) -> None:
    panel._state.load_demo("l5s1_left_s1")
    row = _row(panel, "L5-S1", "extrusion")
    assert row.verdict == "concordant"
    assert row.badge.text() == "✔ Fits"  # a symbol and a word, not colour alone
    assert "S1" in row.badge.toolTip()
    # a bulge that narrows nothing neither fits nor contradicts (#14.3; was discordant)
    assert _row(panel, "L4-L5", "bulge").verdict == "incidental"


def test_a_right_sided_l4_picture_makes_it_discordant(panel: ImagingPanel) -> None:
    st = panel._state
    st.set_imaging_text(REPORT)
    st.set_findings(_mirrored("l4_femoral_stretch"))
    row = _row(panel, "L5-S1", "extrusion")
    assert row.verdict == "discordant"
    assert row.badge.text() == "✘ Does not fit"
    assert any("right" in r for r in row.concordance.reasons)


def test_with_no_symptoms_it_is_not_assessable(panel: ImagingPanel) -> None:
    panel._state.set_imaging_text(REPORT)
    for row in panel.rows():
        if row.finding.lesion == "bulge":  # narrows nothing: incidental whatever the case
            assert row.verdict == "incidental"
            continue
        assert row.verdict == "not_assessable"
        assert row.badge.text() == "? Can't tell yet"


def test_verdicts_follow_the_case(panel: ImagingPanel) -> None:
    st = panel._state
    st.set_imaging_text(REPORT)
    assert _row(panel, "L5-S1", "extrusion").verdict == "not_assessable"
    st.set_findings(DEMOS["l5s1_left_s1"].to_findings())
    assert _row(panel, "L5-S1", "extrusion").verdict == "concordant"
    st.undo_stack.undo()
    assert _row(panel, "L5-S1", "extrusion").verdict == "not_assessable"


def test_reasons_behind_why(qtbot: Any, panel: ImagingPanel) -> None:
    panel._state.load_demo("l5s1_left_s1")
    row = _row(panel, "L4-L5", "bulge")
    assert not row.reasons_label.isVisibleTo(row)
    row.why_button.click()
    assert row.reasons_label.isVisibleTo(row)
    assert "S1" in row.reasons_label.text()
    # stays open when the verdicts are recomputed
    panel._state.set_age(39)
    row = _row(panel, "L4-L5", "bulge")
    assert row.reasons_label.isVisibleTo(row)


# ----------------------------------------------------------------- pickers
def test_build_a_finding_with_the_pickers_and_undo(panel: ImagingPanel) -> None:
    st = panel._state

    def pick(combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(combo.findData(value))

    pick(panel.level_combo, "L3-L4")
    pick(panel.side_combo, "right")
    pick(panel.zone_combo, "foraminal")
    pick(panel.lesion_combo, "extrusion")
    pick(panel.severity_combo, "severe")
    assert panel.preview_label.text() == "Would affect: right L3 (exiting)"
    panel.add_button.click()
    (row,) = panel.rows()
    f = row.finding
    assert (f.level, f.side, f.zone, f.lesion, f.severity) == (
        "L3-L4",
        "right",
        "foraminal",
        "extrusion",
        "severe",
    )
    assert f.roots == (ImagingRoot("L3", "right", "exiting"),)
    assert row.origin == "added"
    assert st.imaging_manual[0]["lesion"] == "extrusion"
    st.undo_stack.undo()
    assert panel.rows() == []
    st.undo_stack.redo()
    assert len(panel.rows()) == 1


def test_a_stenosis_moves_the_zone_picker(panel: ImagingPanel) -> None:
    panel.lesion_combo.setCurrentIndex(panel.lesion_combo.findData("foraminal_stenosis"))
    assert panel.zone_combo.currentData() == "foraminal"
    panel.lesion_combo.setCurrentIndex(panel.lesion_combo.findData("canal_stenosis"))
    assert panel.zone_combo.currentData() == "central"


def test_remove_and_undo(panel: ImagingPanel) -> None:
    st = panel._state
    st.load_demo("l5s1_left_s1")
    _row(panel, "L4-L5", "bulge").remove_button.click()
    assert [(r.finding.level, r.finding.lesion) for r in panel.rows()] == [("L5-S1", "extrusion")]
    assert st.imaging_text == DEMOS["l5s1_left_s1"].imaging_text  # the report is kept
    st.undo_stack.undo()
    assert len(panel.rows()) == 2
    panel.clear_button.click()
    assert panel.rows() == []
    assert st.imaging_text is None
    st.undo_stack.undo()
    assert len(panel.rows()) == 2


def test_a_hand_built_finding_replaces_the_reports_reading(panel: ImagingPanel) -> None:
    st = panel._state
    st.set_imaging_text(REPORT)
    st.add_imaging_finding(
        {
            "level": "L5-S1",
            "side": "left",
            "zone": "paracentral",
            "lesion": "extrusion",
            "severity": "severe",
        }
    )
    assert len(st.imaging_findings) == 2  # de-duplicated
    row = _row(panel, "L5-S1", "extrusion")
    assert (row.finding.severity, row.origin) == ("severe", "added")
    assert row.finding.roots == (ImagingRoot("S1", "left", "traversing"),)
    # removing it removes the lesion, not just the correction
    st.remove_imaging_finding(st.imaging_findings.index(row.finding))
    assert [f.lesion for f in st.imaging_findings] == ["bulge"]
    st.add_imaging_finding(parse_report(REPORT).findings[1])
    assert len(st.imaging_findings) == 2


def test_bad_findings_are_refused() -> None:
    st = AppState()
    with pytest.raises(ImagingError):
        st.add_imaging_finding({"level": "L9-S1", "side": "left", "zone": "central"})
    with pytest.raises(IndexError):
        st.remove_imaging_finding(0)
    assert st.undo_stack.count() == 0


# ----------------------------------------------------------------- words
def test_audience_switch_changes_the_wording(panel: ImagingPanel) -> None:
    st = panel._state
    st.load_demo("l5s1_left_s1")
    st.set_audience("patient")
    row = _row(panel, "L5-S1", "extrusion")
    patient = row.words_label.text()
    assert "your left S1 nerve" in patient
    assert panel.note_label.text().startswith("Scans often show changes in people without pain.")
    st.set_audience("clinician")
    row = _row(panel, "L5-S1", "extrusion")
    assert row.words_label.text() != patient
    assert "left paracentral extrusion" in row.words_label.text()
    assert "traversing" in row.words_label.text()
    assert row.badge.text() == "✔ Concordant"


def test_finding_words() -> None:
    f = parse_report("L5-S1: severe left paracentral disc extrusion.").findings[0]
    assert finding_words(f, "clinician") == (
        "L5-S1 left paracentral extrusion (severe) → left S1 (traversing)"
    )
    assert finding_words(f, "patient") == (
        "A bigger disc bulge (extrusion) at L5-S1, pressing on your left S1 nerve"
    )
    central = parse_report("L4-5: mild central disc bulge.").findings[0]
    assert finding_words(central, "clinician") == (
        "L4-L5 central disc bulge (mild) → left and right L5 (traversing)"
    )
    assert "close to the L5 nerves on both sides" in finding_words(central, "patient")
    assert verdict_badge("partly", "clinician") == "◐ Partly concordant"


def test_prevalence_for_a_protrusion_at_40(panel: ImagingPanel) -> None:
    assert prevalence_words("protrusion", 40) == (
        "About 1 in 3 people aged 40 with no back pain have a disc protrusion on MRI."
    )
    assert "33\u00a0%" in prevalence_words("protrusion", 40, "clinician")
    assert "Brinjikji" in prevalence_words("protrusion", 40, "clinician")
    assert "do not have a good number" in prevalence_words("canal_stenosis", 40)
    st = panel._state
    st.set_age(40)
    st.set_imaging_text("L4-5: left paracentral disc protrusion.")
    (row,) = panel.rows()
    assert "About 1 in 3 people aged 40 with no back pain" in row.prevalence_label.text()


def test_overlay_and_axial_choice() -> None:
    findings = list(parse_report(REPORT).findings)
    assert overlay_roots(findings) == [("S1", "left")]
    worst = most_severe(findings)
    assert worst is not None and worst.level == "L5-S1"
    assert most_severe([]) is None


def test_red_flag_note_beside_the_verdicts(panel: ImagingPanel) -> None:
    panel._state.load_demo("cauda_equina")
    assert panel.flag_label.isVisibleTo(panel)
    panel._state.load_demo("l5s1_left_s1")
    assert not panel.flag_label.isVisibleTo(panel)


# ----------------------------------------------------------------- access
def test_controls_are_named_and_keyboard_reachable(panel: ImagingPanel) -> None:
    panel._state.load_demo("l5s1_left_s1")
    for box in panel.findChildren(QComboBox):
        assert box.accessibleName(), box
        assert box.focusPolicy() & Qt.FocusPolicy.TabFocus
    for w in (panel.report_edit, panel.read_button, panel.add_button, panel.clear_button):
        assert w.accessibleName()
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert panel.report_edit.tabChangesFocus()  # Tab never gets stuck in the report box
    for row in panel.rows():
        assert row.accessibleName().startswith("Imaging finding")
        assert row.remove_button.accessibleName().startswith("Remove finding")
        assert row.remove_button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert row.badge.toolTip()


def test_imaging_panel_shortcut(window: MainWindow) -> None:
    w = window
    assert w.imaging_action.shortcut().toString() == "Ctrl+I"
    assert w.middle_tabs.tabText(0) == "Exam && history"
    w.middle_tabs.setCurrentIndex(0)
    w.imaging_action.trigger()
    assert w.middle_tabs.currentWidget() is w.imaging
    assert w.imaging.report_edit.hasFocus()


def test_imaging_edits_leave_the_findings_alone(qtbot: Any) -> None:
    st = AppState()
    st.load_demo("l5s1_left_s1")
    result = st.result
    with qtbot.assert_not_emitted(st.sig_findings_changed):
        st.set_imaging_text("L4-5: right foraminal protrusion.")
    assert st.result is result
    with qtbot.wait_signal(st.sig_imaging_changed):
        st.undo_stack.undo()
    assert st.imaging_text == DEMOS["l5s1_left_s1"].imaging_text
    st.clear_all()
    assert st.imaging_findings == []
    assert st.imaging_document() == {"findings": []}


def test_rows_are_kept_and_reasons_follow_the_case(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from radviz.ui.main_window import MainWindow

    window = MainWindow(remember=False)
    qtbot.add_widget(window)
    window.show()
    window.middle_tabs.setCurrentWidget(window.imaging)  # rows are kept up while shown
    window.state.load_demo("l5s1_left_s1")
    panel = window.imaging
    rows = list(panel._rows)
    assert rows
    # An edit that changes no verdict keeps the same row widgets (no rebuild per click).
    window.state.set_flag("smoker", True)
    assert panel._rows == rows
    # New reasons for the same verdict are shown in place.
    row = rows[0]
    new = replace(row.concordance, reasons=("A brand new reason (42 %).",))
    row.update_reasons(new, "clinician")
    assert row.concordance is new
    assert "brand new reason" in row.meaning_label.text()
    assert "brand new reason" in row.toolTip()
