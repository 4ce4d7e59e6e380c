"""WrapLabel keeps its height for a width only while nothing that changes it has."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from radviz.ui.wrap_label import WrapLabel

LONG = "the roots that could explain the drawing, " * 12


def _plain(text: str, font: QFont | None = None) -> int:
    ref = QLabel(text)
    ref.setWordWrap(True)
    if font is not None:
        ref.setFont(font)
    return ref.heightForWidth(200)


def test_same_answer_as_qlabel_and_follows_new_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    lab = WrapLabel("short")
    qtbot.addWidget(lab)
    assert lab.wordWrap()
    short = lab.heightForWidth(200)
    assert short == _plain("short")
    lab.setText(LONG)
    assert lab.heightForWidth(200) == _plain(LONG) > short
    lab.clear()
    assert lab.heightForWidth(200) == _plain("")


def test_follows_font_and_style_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    lab = WrapLabel(LONG)
    ref = QLabel(LONG)
    ref.setWordWrap(True)
    qtbot.addWidget(lab)
    qtbot.addWidget(ref)
    before = lab.heightForWidth(200)
    big = QFont(lab.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    lab.setFont(big)
    assert lab.heightForWidth(200) == _plain(LONG, big) > before
    for label in (lab, ref):
        label.setStyleSheet("font-size: 30pt;")
        label.ensurePolished()
    assert lab.heightForWidth(200) == ref.heightForWidth(200) > _plain(LONG, big)


def test_follows_margins_indent_and_rich_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    lab = WrapLabel("<b>" + LONG + "</b>")
    qtbot.addWidget(lab)
    base = lab.heightForWidth(300)
    lab.setContentsMargins(0, 40, 0, 40)
    assert lab.heightForWidth(300) == base + 80
    lab.setMargin(10)
    assert lab.heightForWidth(300) > base + 80
    wide = lab.heightForWidth(5000)
    assert wide < base  # each width has its own answer
