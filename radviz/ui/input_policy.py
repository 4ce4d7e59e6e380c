"""Safe hands on the controls: one app-wide input policy (UI layer).

Installed once on the :class:`~PySide6.QtWidgets.QApplication` (:func:`install`), so it
covers every combo and spin box of every window, including ones created later:

* **The wheel never changes an unfocused value.** Scrolling a panel with the mouse over
  a combo or spin box that does not have the keyboard focus scrolls the panel instead
  (the wheel event goes to the nearest scroll area); a focused box still takes the wheel
  as usual. Without this, scrolling the exam panel changed "Hip adduction, left" to
  "3 vs gravity" under the pointer.
* **Shortcut keys never fire while typing.** Single keys without Ctrl/Alt/Meta (``1``–``5``
  symptom kind, ``Z``/``B``/``E`` tools, ``[``/``]`` brush size) and the standard editing
  keys (Ctrl+Z/Y, Ctrl+A, Ctrl+C/X/V …) go to the focused text field, line edit or spin
  box rather than to a window shortcut. So Ctrl+Z in a text box undoes that box's own
  edit, never the app's undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from radviz.ui.app_events import app_events

__all__ = ["InputPolicy", "install", "is_text_input", "wheel_guarded"]

_EDIT_KEYS: tuple[QKeySequence.StandardKey, ...] = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.MoveToStartOfLine,
    QKeySequence.StandardKey.MoveToEndOfLine,
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def wheel_guarded(widget: QObject) -> QWidget | None:
    """The combo or spin box whose value a wheel over ``widget`` would change, if any.

    ``widget`` may be the box itself or a part of it (the spin box's line edit).
    """
    w: QObject | None = widget
    for _ in range(3):
        if isinstance(w, QComboBox | QAbstractSpinBox):
            return w
        if w is None:
            return None
        w = w.parent()
    return None


def is_text_input(widget: QObject | None) -> bool:
    """True for a widget that takes typed characters: line edits (spin boxes and
    editable combos hold one), and text edits that are not read-only."""
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return not widget.isReadOnly()
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return False


def _scroll_target(box: QWidget) -> QAbstractScrollArea | None:
    parent = box.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class InputPolicy(QObject):
    """The policy behind :func:`install`: its :meth:`eventFilter` is called by the
    application's one shared filter (:mod:`radviz.ui.app_events`), for wheel and
    shortcut-override events only."""

    KINDS = (QEvent.Type.Wheel, QEvent.Type.ShortcutOverride)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            return self._wheel(watched, event)
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            self._shortcut_override(watched, event)
        return False

    def _wheel(self, watched: QObject, event: QWheelEvent) -> bool:
        box = wheel_guarded(watched)
        if box is None or box.hasFocus() or not box.isEnabled():
            return False
        # Not focused: the value stays; the panel under it scrolls instead.
        area = _scroll_target(box)
        if area is not None:
            bar = area.verticalScrollBar()
            if event.angleDelta().y() == 0 and event.angleDelta().x() != 0:
                bar = area.horizontalScrollBar()
            if bar is not None and bar.isVisible():
                QCoreApplication.sendEvent(bar, event)
        event.accept()
        return True

    def _shortcut_override(self, watched: QObject, event: QKeyEvent) -> None:
        focus = QApplication.focusWidget()
        if focus is None or watched is not focus or not is_text_input(focus):
            return
        mods = event.modifiers() & _COMMAND_MODIFIERS
        text = event.text()
        typing = not mods and bool(text) and text.isprintable()
        editing = any(event.matches(k) for k in _EDIT_KEYS)
        if typing or editing:
            event.accept()  # the key goes to the text field, not to a window shortcut


_POLICY: InputPolicy | None = None


def install(app: QCoreApplication | None = None) -> InputPolicy | None:
    """Install the policy on the application (once; later calls return the same one)."""
    global _POLICY
    app = app or QCoreApplication.instance()
    if app is None:
        return None
    try:
        current = _POLICY is not None and _POLICY.parent() is app
    except RuntimeError:  # its application was destroyed (tests make several)
        current = False
    if not current:
        events = app_events(app)
        if events is None:
            return None
        _POLICY = InputPolicy(app)
        events.add(InputPolicy.KINDS, _POLICY.eventFilter)
    return _POLICY
