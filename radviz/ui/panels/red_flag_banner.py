"""The red-flag banner: a fixed strip above every panel (UI layer).

It sits outside any scroll area so it cannot be scrolled away, is hidden when the
result has no red flag, and says the urgency, the condition and what to do now in the
current audience's language. The most urgent flag leads; others follow on their own
lines.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QWidget

from radviz.reasoning.result import RedFlag
from radviz.ui.wrap_label import WrapLabel

URGENCY_ORDER = {"emergency": 0, "urgent": 1, "soon": 2}
URGENCY_WORD = {"emergency": "EMERGENCY", "urgent": "URGENT", "soon": "SOON"}
# What to do when the knowledge base has no action text (it should always have one).
DEFAULT_ACTION = {
    "emergency": "Go to an emergency department now.",
    "urgent": "See a doctor today or tomorrow.",
    "soon": "Book an appointment with your doctor within days.",
}
BACKGROUND = {"emergency": "#b00020", "urgent": "#c2410c", "soon": "#8a5a00"}


def _kb() -> Any:
    # Loaded and validated at start-up (radviz.app.run refuses to start without it), so
    # the banner never depends on a knowledge base that failed later.
    from radviz.knowledge.loader import load_kb

    return load_kb()


def flag_texts(flag: RedFlag, audience: str, kb: Any = None) -> tuple[str, str]:
    """Return ``(name, action)`` of a red flag for ``audience``."""
    kb = kb if kb is not None else _kb()
    item = None if kb is None else kb.red_flags.get(flag.id)
    name = flag.id.replace("_", " ").capitalize() if item is None else item.name
    action = ""
    if item is not None:
        data = getattr(item, "data", {}) or {}
        action = str(data.get(f"action_{audience}") or data.get("action_patient") or "")
    if not action:
        action = DEFAULT_ACTION.get(flag.urgency, "")
    if flag.urgency == "emergency" and "emergency" not in action.lower():
        action = f"Go to an emergency department now. {action}".strip()
    return name, action


class RedFlagBanner(QWidget):
    """A red, unmissable banner listing the result's red flags."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redFlagBanner")
        self.setAccessibleName("Red flag warning")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(12)
        self._icon = QLabel(self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._icon.setPixmap(icon.pixmap(36, 36))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._icon.setAccessibleName("Warning")
        lay.addWidget(self._icon)
        self._text = WrapLabel("", self)
        self._text.setTextFormat(Qt.TextFormat.RichText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self._text, 1)
        self._flags: tuple[RedFlag, ...] = ()
        self.hide()

    @property
    def flags(self) -> tuple[RedFlag, ...]:
        """The red flags shown, most urgent first."""
        return self._flags

    def text(self) -> str:
        """The banner's text without markup (for tests and screen readers)."""
        return self._plain

    def set_flags(self, flags: tuple[RedFlag, ...], audience: str = "patient") -> None:
        """Show ``flags`` (hide the banner when there are none)."""
        self._flags = tuple(sorted(flags, key=lambda f: URGENCY_ORDER.get(f.urgency, 9)))
        if not self._flags:
            self._plain = ""
            self._text.clear()
            self.hide()
            return
        self._audience = audience
        kb = _kb()
        # Sizes relative to the label's font (15 and 12 pt at the usual 9 pt), so the
        # banner grows with the app's text size (Ctrl+plus) like every other text.
        base = self.font().pointSizeF()
        base = base if base > 0 else 9.0
        head_pt, action_pt = round(base * 15 / 9, 1), round(base * 12 / 9, 1)
        lines_html: list[str] = []
        lines_plain: list[str] = []
        for f in self._flags:
            name, action = flag_texts(f, audience, kb)
            word = URGENCY_WORD.get(f.urgency, f.urgency.upper())
            lines_html.append(
                f"<span style='font-size:{head_pt}pt; font-weight:700'>{word}: {name}.</span> "
                f"<span style='font-size:{action_pt}pt; font-weight:700'>{action}</span>"
            )
            lines_plain.append(f"{word}: {name}. {action}")
        top = self._flags[0].urgency
        self.setStyleSheet(
            f"#redFlagBanner {{ background: {BACKGROUND.get(top, '#b00020')}; }}"
            "#redFlagBanner QLabel { color: white; }"
        )
        self._plain = "\n".join(lines_plain)
        self._text.setText("<br>".join(lines_html))
        self.setAccessibleDescription(self._plain)
        self._text.setAccessibleName(self._plain)
        self.setToolTip("\n".join(f"{f.id}: {f.why}" for f in self._flags if f.why))
        self.show()

    _plain = ""
    _audience = "patient"

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._flags:
            self.set_flags(self._flags, self._audience)  # redraw at the new text size
