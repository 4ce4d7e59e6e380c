"""Evidence labels are read whole: wrapped onto two lines, full text on hover and for
screen readers (they used to end "Pain: outer front of the l…")."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from radviz.ui.main_window import MainWindow
from radviz.ui.panels.results_panel import _two_lines, evidence_label


def test_two_lines_wraps_at_a_space_and_cuts_only_past_two_lines() -> None:
    assert _two_lines("Numbness: big toe") == "Numbness: big toe"
    text = "Pain: outer front of the lower leg"
    wrapped = _two_lines(text)
    assert wrapped.replace("\n", " ") == text
    assert all(len(line) <= 27 for line in wrapped.split("\n"))
    long = "Weakness: " + "very " * 20 + "weak"
    _first, second = _two_lines(long).split("\n")
    assert second.endswith("…") and len(second) <= 27


def test_evidence_chart_shows_whole_labels(qapp: QApplication) -> None:
    w = MainWindow(remember=False)
    w.state.load_demo("classic_l5")
    w.state.set_audience("clinician")
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    chart = w.results.evidence_chart
    assert chart.rows
    ticks = [t for _, t in chart._ticks or []]
    for e, tick in zip(chart.rows, ticks, strict=True):
        label = evidence_label(e, "clinician")
        if len(label) <= 54:
            assert tick.replace("\n", " ") == label  # nothing cut
        assert label in chart.toolTip()
    assert chart.accessibleDescription() == chart.toolTip()
    w.close()
