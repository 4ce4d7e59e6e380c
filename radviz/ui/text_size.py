"""Text size and high contrast for every window (UI layer).

:class:`TextSize` scales the text of the whole application in steps (Ctrl+plus,
Ctrl+minus, Ctrl+0 for the normal size) and remembers the step in QSettings
(``view/text_scale``). It scales

* the application font, which every widget without a font of its own follows;
* style sheets that fix a ``font-size`` in ``pt`` or ``px`` (the note boxes, the
  trainee's case text), from the sheet they were made with — also for widgets built
  later (a dialog, a new imaging row), as their sheet is set.

:func:`set_high_contrast` swaps the application palette for a high-contrast one (black
on white, strong focus and selection colours from the Okabe-Ito palette, see
:func:`radviz.ui.style.high_contrast_palette`); the symptom colours and patterns are
not touched, so they stay colour-blind safe. Remembered as ``view/high_contrast``.

The zoom of the pictures is separate: the toolbar's Zoom buttons, Ctrl + wheel, and
``+``/``-``/``0`` while a picture has the keyboard focus.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from radviz.ui import style

__all__ = ["SCALES", "TextSize", "scaled_style_sheet", "set_high_contrast", "text_size"]

#: The text-size steps, as factors of the normal size.
SCALES: tuple[float, ...] = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)
KEY_SCALE = "view/text_scale"
KEY_CONTRAST = "view/high_contrast"
_BASE_SHEET = "radvizBaseStyleSheet"
_APPLIED = "radvizScaledStyleSheet"
_FONT_SIZE = re.compile(r"(font-size\s*:\s*)(\d+(?:\.\d+)?)(\s*)(pt|px)", re.IGNORECASE)


def scaled_style_sheet(sheet: str, scale: float) -> str:
    """``sheet`` with every ``font-size: N pt|px`` multiplied by ``scale``."""

    def one(m: re.Match[str]) -> str:
        value = float(m.group(2)) * scale
        if m.group(4).lower() == "px":
            number = str(max(1, round(value)))
        else:
            number = f"{value:.1f}".rstrip("0").rstrip(".")
        return f"{m.group(1)}{number}{m.group(3)}{m.group(4)}"

    return _FONT_SIZE.sub(one, sheet)


class TextSize(QObject):
    """The application's text size (one per application: see :func:`text_size`)."""

    sig_changed = Signal(float)
    """The scale changed (1.0 = normal)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._base_font = QFont(app.font())
        self._index = SCALES.index(1.0)
        self._high_contrast = False
        self._base_palette = QPalette(app.palette())
        # Widgets that carry a style sheet, noted as their sheet is set (see
        # _set_style_sheet). Rescaling walks these alone: walking Qt's lists of every
        # widget (allWidgets, topLevelWidgets, findChildren) wraps widgets that Qt made
        # and deleted itself, and a stale wrapper crashed the test suite.
        self._sheets = _SHEETS

    # ------------------------------------------------------------------ size
    @property
    def scale(self) -> float:
        return SCALES[self._index]

    def can_grow(self) -> bool:
        return self._index < len(SCALES) - 1

    def can_shrink(self) -> bool:
        return self._index > 0

    def larger(self) -> None:
        """One step larger (Ctrl+plus)."""
        self.set_scale(SCALES[min(self._index + 1, len(SCALES) - 1)])

    def smaller(self) -> None:
        """One step smaller (Ctrl+minus)."""
        self.set_scale(SCALES[max(self._index - 1, 0)])

    def reset(self) -> None:
        """The normal size (Ctrl+0)."""
        self.set_scale(1.0)

    def set_scale(self, scale: float, *, remember: bool = True) -> None:
        """Use the step nearest ``scale``; ``remember`` writes it to QSettings."""
        index = min(range(len(SCALES)), key=lambda i: abs(SCALES[i] - scale))
        changed = index != self._index
        self._index = index
        if changed:  # nothing to redo at the same size (every new window restores it)
            self._apply()
        if remember:
            QSettings().setValue(KEY_SCALE, self.scale)
        if changed:
            self.sig_changed.emit(self.scale)

    def restore(self, settings: Any | None = None) -> None:
        """Apply the remembered text size and contrast (``settings`` or QSettings)."""
        s: Any = settings if settings is not None else QSettings()
        try:
            scale = float(s.value(KEY_SCALE, 1.0))
        except (TypeError, ValueError):
            scale = 1.0
        self.set_scale(scale, remember=False)
        on = str(s.value(KEY_CONTRAST, "false")).lower() == "true"
        self.set_high_contrast(on, remember=False)

    def _apply(self) -> None:
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * self.scale)
        elif self._base_font.pixelSize() > 0:
            font.setPixelSize(max(1, round(self._base_font.pixelSize() * self.scale)))
        self._app.setFont(font)
        # Widgets with a style sheet (the rest follow the application font). Polishing one
        # widget can delete another (a combo box remakes its popup), so each one is
        # checked just before it is touched.
        for widget in list(self._sheets):
            if shiboken6.isValid(widget):
                self._scale_widget(widget, repolish=True)

    def _scale_widget(self, widget: QWidget, *, repolish: bool = False) -> None:
        """Scale the ``font-size`` of ``widget``'s style sheet. With ``repolish``, a
        widget with a sheet but no size in it is polished again: such a widget (and its
        children) keep the font they were polished with, not the new application font."""
        sheet = widget.styleSheet()
        if not sheet:
            return
        if sheet != widget.property(_APPLIED):
            # A sheet its owner set (first seen, or replaced): the normal-size one.
            if not _FONT_SIZE.search(sheet):
                if repolish:
                    widget.style().unpolish(widget)
                    widget.style().polish(widget)
                return
            widget.setProperty(_BASE_SHEET, sheet)
        base = widget.property(_BASE_SHEET)
        if not isinstance(base, str):
            return
        new = scaled_style_sheet(base, self.scale)
        widget.setProperty(_APPLIED, new)
        if new != sheet:
            _QT_SET_STYLE_SHEET(widget, new)

    # -------------------------------------------------------------- contrast
    @property
    def high_contrast(self) -> bool:
        return self._high_contrast

    def set_high_contrast(self, on: bool, *, remember: bool = True) -> None:
        """High-contrast palette on or off (the symptom colours stay as they are)."""
        self._high_contrast = bool(on)
        palette = (
            style.high_contrast_palette(self._base_palette) if on else QPalette(self._base_palette)
        )
        self._app.setPalette(palette)
        if remember:
            QSettings().setValue(KEY_CONTRAST, "true" if on else "false")


_TEXT_SIZE: TextSize | None = None

# ----------------------------------------------------------------- new widgets
# Every widget given a style sheet is noted as the sheet is set: Qt's own setter is
# wrapped once, here. (An application-wide event filter watching for Polish events did
# this before; a Python event filter is called for every event of every object and cost
# about a tenth of the start-up.) A sheet set before the widget is first polished is
# scaled to the current text size at once, as polishing it did; a sheet replaced later
# is scaled at the next size change.
_SHEETS: weakref.WeakSet[QWidget] = weakref.WeakSet()
_ORIGINAL = "radviz_qt_original"
_QT_SET_STYLE_SHEET = getattr(QWidget.setStyleSheet, _ORIGINAL, QWidget.setStyleSheet)


def _set_style_sheet(widget: QWidget, sheet: str) -> None:
    _QT_SET_STYLE_SHEET(widget, sheet)
    if not sheet:
        return
    _SHEETS.add(widget)
    sizes = _TEXT_SIZE
    if (
        sizes is not None
        and sizes.scale != 1.0
        and not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)
    ):
        sizes._scale_widget(widget)


setattr(_set_style_sheet, _ORIGINAL, _QT_SET_STYLE_SHEET)
setattr(QWidget, "setStyleSheet", _set_style_sheet)  # noqa: B010 (mypy forbids `QWidget.setStyleSheet = ...`)


def text_size(app: QApplication | None = None) -> TextSize:
    """The application's :class:`TextSize` (made on first use)."""
    global _TEXT_SIZE
    inst = app or QApplication.instance()
    if not isinstance(inst, QApplication):
        raise RuntimeError("text_size() needs a QApplication")
    try:
        current = _TEXT_SIZE is not None and _TEXT_SIZE.parent() is inst
    except RuntimeError:  # its application was destroyed (tests make several)
        current = False
    if not current or _TEXT_SIZE is None:
        _TEXT_SIZE = TextSize(inst)
    return _TEXT_SIZE


def set_high_contrast(on: bool) -> None:
    """Switch the high-contrast palette of the running application."""
    text_size().set_high_contrast(on)
