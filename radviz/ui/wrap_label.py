"""A word-wrapped label that remembers its height for a width (UI layer).

QLabel answers ``heightForWidth`` by laying its text out afresh every time (for rich text
``QTextDocument.setPageSize`` relayouts even at an unchanged width), and Qt's box layouts
ask again whenever any neighbour changes: one click on the body map asked the labels of
the result panel about fifty times, a fifth of the click's cost (callgrind, issue #17
point 6). :class:`WrapLabel` keeps the answers until something that changes them does:
new text, a font or style change, wrapping, format, margins or indent.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["WrapLabel"]

_KEEP = 8
"""Widths remembered (a resize asks at new widths; older answers are dropped)."""


class WrapLabel(QLabel):
    """A :class:`QLabel` with word wrap on whose ``heightForWidth`` is cached."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._hfw: dict[int, int] = {}
        self.setWordWrap(True)

    # Everything that can change the height for a width forgets the answers.
    def setText(self, text: str) -> None:
        if text != self.text():
            self._hfw.clear()
        super().setText(text)

    def clear(self) -> None:
        self._hfw.clear()
        super().clear()

    def setNum(self, value: float) -> None:
        self._hfw.clear()
        super().setNum(value)

    def setPixmap(self, pixmap: QPixmap | QImage) -> None:
        self._hfw.clear()
        super().setPixmap(pixmap)

    def setWordWrap(self, on: bool) -> None:
        self._hfw.clear()
        super().setWordWrap(on)

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:
        self._hfw.clear()
        super().setTextFormat(fmt)

    def setIndent(self, indent: int) -> None:
        self._hfw.clear()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:
        self._hfw.clear()
        super().setMargin(margin)

    def changeEvent(self, event: QEvent) -> None:
        # font, style sheet, contents margins, palette, language: any of them may change
        # the text's size, and none happens on a click
        self._hfw.clear()
        super().changeEvent(event)

    def heightForWidth(self, width: int) -> int:
        height = self._hfw.get(width)
        if height is None:
            if len(self._hfw) >= _KEEP:
                self._hfw.clear()
            height = self._hfw[width] = super().heightForWidth(width)
        return height
