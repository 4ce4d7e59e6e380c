"""One application-wide event filter, shared by everything that needs one (UI layer).

Qt calls an application event filter for every event of every object: each call
crosses from C++ into Python and wraps the event, which costs a few microseconds
whatever the filter then does. Two Python filters (the text size's polish watch and the
input policy) cost about 0.15 s of a 0.9 s start-up and a share of every click. So
there is one filter per application (:func:`app_events`); a module asks it for the
event types it handles (:meth:`AppEvents.add`), and every other event returns at once
after one dictionary look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEvent, QObject

__all__ = ["AppEvents", "Handler", "app_events"]

#: ``handler(watched, event)``: True stops the event, as an event filter's return does.
Handler = Callable[[QObject, QEvent], bool]


class AppEvents(QObject):
    """The application's one Python event filter; see :func:`app_events`."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._handlers: dict[QEvent.Type, tuple[Handler, ...]] = {}
        app.installEventFilter(self)

    def add(self, kinds: Iterable[QEvent.Type], handler: Handler) -> None:
        """Call ``handler`` for each event of ``kinds`` (once, however often added)."""
        for kind in kinds:
            current = self._handlers.get(kind, ())
            if handler not in current:
                self._handlers[kind] = (*current, handler)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handlers = self._handlers.get(event.type())
        if handlers is None:
            return False
        return any(handler(watched, event) for handler in handlers)


_APP_EVENTS: AppEvents | None = None


def app_events(app: QCoreApplication | None = None) -> AppEvents | None:
    """The application's :class:`AppEvents` (made on first use); None without one."""
    global _APP_EVENTS
    inst = app or QCoreApplication.instance()
    if inst is None:
        return None
    try:
        current = _APP_EVENTS is not None and _APP_EVENTS.parent() is inst
    except RuntimeError:  # its application was destroyed (tests make several)
        current = False
    if not current or _APP_EVENTS is None:
        _APP_EVENTS = AppEvents(inst)
    return _APP_EVENTS
