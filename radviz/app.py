"""Start the desktop app (the only module outside ``radviz/ui`` that imports Qt).

``run()`` creates the application, the main window and, if asked, loads a demo case
and renders a screenshot without entering the event loop (works offscreen).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from radviz.ui.main_window import MainWindow


def run(
    demo: str | None = None,
    screenshot: str | None = None,
    argv: list[str] | None = None,
    session: str | None = None,
) -> int:
    """Open radviz; return the process exit status.

    ``demo`` names a built-in case (:data:`radviz.training.demos.DEMOS`); an unknown name
    prints one line to stderr and returns 2. With ``screenshot`` the window is rendered
    at 1280×800 to that PNG file and the function returns without showing it.

    ``session`` is a ``.radviz`` file to open (``radviz FILE.radviz``, a double-click in
    the file manager). A missing file is one line and status 2 before any window; a
    damaged one is the session controller's own error box in the open window, or, with
    ``screenshot`` (no one to read a box), one line and status 2.
    """
    from radviz.knowledge.loader import KnowledgeError, load_kb
    from radviz.training.demos import DEMOS

    try:  # every view relies on it: check it once, here, and say so if it is broken
        load_kb()
    except KnowledgeError as exc:
        from radviz.messages import one_line

        print(one_line(f"radviz: the knowledge base cannot be loaded: {exc}"), file=sys.stderr)
        return 2
    if demo is not None and demo not in DEMOS:
        names = ", ".join(DEMOS)
        print(f"radviz: unknown demo {demo!r} (choose from: {names})", file=sys.stderr)
        return 2
    if session is not None:
        problem = _session_problem(session, full=screenshot is not None)
        if problem:
            from radviz.messages import one_line

            print(one_line(f"radviz: {problem}"), file=sys.stderr)
            return 2

    import os
    from pathlib import Path

    if screenshot is not None:
        folder = Path(screenshot).parent
        if not folder.is_dir():  # say so now, not after rendering for seconds
            print(
                f"radviz: could not write screenshot {screenshot!r} "
                f"(the folder {str(folder)!r} does not exist)",
                file=sys.stderr,
            )
            return 2
    if screenshot is not None and not (
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen

    from PySide6.QtCore import QEvent, Qt, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    previous_handler = qInstallMessageHandler(qt_message_handler)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName("radviz")
    app.setApplicationName("radviz")
    app.setApplicationDisplayName("radviz")

    window = build_window(demo, remember=screenshot is None)
    if screenshot is not None:
        if session is not None:
            window.session.open(session)
        window.resize(1280, 800)
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.show()
        for _ in range(3):
            app.processEvents()
        window.body.zoom_fit()
        app.processEvents()
        from radviz.resources import WriteError
        from radviz.ui.session_controller import write_png

        try:
            write_png(window.grab(), screenshot)  # atomic, checked, 0600
            problem = ""
        except WriteError as exc:
            problem = str(exc)
        # Delete the window now, not at interpreter exit: pyqtgraph items torn down
        # during finalisation can crash the garbage collector.
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.close()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
        qInstallMessageHandler(previous_handler)  # hand Qt's messages back (tests)
        if problem:
            from radviz.messages import one_line

            print(one_line(f"radviz: could not write screenshot: {problem}"), file=sys.stderr)
            return 2
        return 0
    _clean_leftovers(window)
    window.show()
    window.session.offer_recovery()  # after a crash: restore the unsaved case?
    if session is not None:  # asks to save a restored case first; shows its own errors
        window.session.open(session)
    return int(app.exec())


def _session_problem(path: str, *, full: bool) -> str:
    """Why ``path`` cannot be opened ("" if it can): whether it is a file, and with
    ``full`` the whole check of :func:`radviz.storage.session.load_session` (no Qt)."""
    import os

    if not os.path.exists(path):
        return f"{path}: file not found"
    if os.path.isdir(path):
        return f"{path}: is a folder, not a radviz session"
    if full:
        from radviz.storage.session import SessionError, load_session

        try:
            load_session(path)
        except SessionError as exc:
            return str(exc)
    return ""


def _clean_leftovers(window: MainWindow) -> None:
    """Remove temporary files a killed radviz left (its own naming only): in the cache
    folder and where the session controller saves (data folder, recent folders)."""
    from radviz.resources import cache_dir, clean_temp_files

    clean_temp_files([cache_dir()])
    window.session.startup_cleanup()


_QT_NOISE = ("This plugin does not support propagateSizeHints()",)


def build_window(demo: str | None = None, *, remember: bool = True) -> MainWindow:
    """The main window, with the demo case (if any) already open as its starting point.

    The case is loaded before the panels are built, so they are drawn once, with it.
    Needs a QApplication.
    """
    import gc

    # Importing pyqtgraph and building the window allocate a few hundred thousand
    # objects that all stay alive; the cyclic collector's passes over them cost about
    # 25 ms of a 0.4 s start-up and free nothing. It runs again as soon as we are done,
    # but over what is made after: the window's objects are frozen (gc.freeze), or its
    # first pass, during the first paint, walked them all (22 ms).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from radviz.ui.app_state import AppState
        from radviz.ui.main_window import MainWindow

        identify_app()
        state = AppState()
        if demo is not None:
            state.load_demo(demo)
            state.undo_stack.clear()  # the demo is the starting point, not an edit
        window = MainWindow(state, remember=remember)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    return window


def app_icon() -> QIcon:
    """radviz's icon at every rendered size (``assets/icons``, scripts/build_icons.py)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from radviz.desktop import ICON_SIZES
    from radviz.resources import icon_path

    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_path(f"radviz-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def identify_app() -> None:
    """Give the application its icon (every window without one of its own, dialogs
    included, shows it) and its desktop entry's name, which Wayland and the task bar
    use to find ``radviz.desktop``. Needs a QGuiApplication."""
    from PySide6.QtGui import QGuiApplication

    from radviz.desktop import APP_ID

    QGuiApplication.setDesktopFileName(APP_ID)
    icon = app_icon()
    if not icon.isNull():  # a bundle or wheel without its icons still starts
        QGuiApplication.setWindowIcon(icon)


def qt_message_handler(mode: object, context: object, message: str) -> None:
    """Print Qt's messages as usual, less the offscreen platform's known noise."""
    if message not in _QT_NOISE:
        print(message, file=sys.stderr)
