"""Files for the main window: open, save, recent files, autosave and recovery (UI layer).

:class:`SessionController` owns the current path and the File-menu actions (New, Open,
Open Recent, Save, Save As, exports, Print, Case notes). "Modified" is the undo stack
leaving its clean state (or the notes or the patient name changing). Changes are
autosaved to this window's recovery slot in the data folder (``RADVIZ_DATA_DIR`` or
:func:`radviz.resources.data_dir`) two seconds after an edit and every 30 seconds while
modified; a clean save or a deliberate close removes it; after a crash
:meth:`SessionController.offer_recovery` offers it back.

Every running radviz holds its own recovery slot (``recovery.radviz``,
``recovery-1.radviz`` …, each with a lock file), so a second copy is protected too and
never touches the first one's file. When no slot can be taken (the data folder cannot
be written) the user is told, and autosave tries again every 30 seconds. A recovery
file that cannot be read (damaged, or from a newer radviz) is kept under a new name and
the user is told where. A session that fails its checksum opens read-only: Save asks
for a new name. Files holding patient data are created 0600; recent files can be
cleared from the menu and switched off.

Every dialog goes through a small ``_ask_*``/``_show_*`` method so tests replace it.
Integration: ``self.session = attach(self)`` in ``MainWindow.__init__``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QLockFile,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from radviz.messages import one_line
from radviz.reasoning.findings import Findings
from radviz.resources import WriteError, clean_temp_files, write_atomic
from radviz.storage.session import (
    MAX_NAME,
    MAX_TEXT,
    SUFFIX,
    RecoveryStore,
    Session,
    SessionError,
    describe_time,
    load_session,
    now_iso,
    save_session,
    slot_name,
)
from radviz.ui.app_state import AppState

__all__ = ["MAX_RECENT", "SessionController", "attach", "data_dir", "write_png"]

MAX_RECENT = 8
DEBOUNCE_MS = 2_000
PERIODIC_MS = 30_000
FILE_FILTER = "radviz sessions (*.radviz);;All files (*)"
MAX_SLOTS = 16
"""Recovery slots: as many radviz windows as this each keep their own recovery file."""
KEY_RECENT = "session/recent"
KEY_REMEMBER = "session/remember_recent"
KEY_FOLDER = "session/last_folder"
KEY_PAGE = "handout/page_size"


def data_dir() -> Path:
    """Where the recovery file lives: :func:`radviz.resources.data_dir`."""
    from radviz import resources

    return resources.data_dir()


def _str_list(value: Any) -> list[str]:
    """QSettings hands back a str, a list, or None depending on the backend."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


class SessionController(QObject):
    """Current file, modified mark, File-menu actions, autosave and recovery."""

    sig_path_changed = Signal(object)
    """The current file changed: a :class:`~pathlib.Path`, or ``None`` for Untitled."""

    sig_saved = Signal(str)
    """The session was saved to the path given."""

    def __init__(
        self,
        window: QMainWindow,
        state: AppState,
        settings: QSettings | None = None,
        *,
        autosave: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.settings = settings if settings is not None else QSettings()
        self.path: Path | None = None
        self.created = now_iso()
        self._meta_dirty = False  # restored from a recovery file: unsaved though clean
        self.recovery = RecoveryStore(data_dir())
        self._autosaved_at: int | None = None  # undo index of the last autosave
        self.autosave_enabled = False
        self.autosave_wanted = autosave
        self.protection_problem: str | None = None
        """Why this window has no recovery slot (``None`` when it has one)."""
        self._told_problem = False
        self._told_autosave_failed = False
        self.read_only = False
        """The open file failed its checksum: Save asks for a new name."""
        self._lock: QLockFile | None = None
        self._closed = False
        if autosave:
            self._take_lock()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.autosave)
        self._periodic = QTimer(self)
        self._periodic.setInterval(PERIODIC_MS)
        self._periodic.timeout.connect(self.autosave)
        if self.autosave_wanted:
            self._periodic.start()  # also retries a slot that could not be taken

        self._build_actions()
        stack = state.undo_stack
        stack.cleanChanged.connect(self._update_title)
        stack.indexChanged.connect(self._changed)
        self._update_title()

    # ------------------------------------------------------------- actions
    def _act(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        a = QAction(text, self.window)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        self.new_action = self._act(
            "&New", self.new, QKeySequence.StandardKey.New, "Start a new case"
        )
        self.open_action = self._act(
            "&Open…", self.open, QKeySequence.StandardKey.Open, "Open a saved .radviz case"
        )
        self.save_action = self._act(
            "&Save", self.save, QKeySequence.StandardKey.Save, "Save the case"
        )
        self.save_as_action = self._act(
            "Save &As…", self.save_as, "Ctrl+Shift+S", "Save the case under a new name"
        )
        self.recent_menu = QMenu("Open &Recent", self.window)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.clear_recent_action = self._act(
            "&Clear Recent Files",
            self.clear_recent,
            None,
            "Forget the files opened recently (their names can hold patients' names)",
        )
        self.remember_recent_action = QAction("&Remember Recent Files", self.window)
        self.remember_recent_action.setCheckable(True)
        self.remember_recent_action.setChecked(self.remembers_recent())
        self.remember_recent_action.setStatusTip("Keep a list of the files opened recently")
        self.remember_recent_action.toggled.connect(self.set_remember_recent)
        self.export_handout_action = self._act(
            "Export &handout (PDF)…",
            lambda: self.export_handout("patient"),
            "Ctrl+E",
            "A PDF for the patient: the body map, the spine and a plain-language summary",
        )
        self.export_clinician_action = self._act(
            "Export &clinician handout (PDF)…",
            lambda: self.export_handout("clinician"),
            "Ctrl+Shift+E",
            "A PDF with the evidence trace, levels, differentials and sources",
        )
        self.export_body_action = self._act(
            "Export &body map (PNG)…", lambda: self.export_png("body"), None, "Save the body map"
        )
        self.export_spine_action = self._act(
            "Export sp&ine (PNG)…", lambda: self.export_png("spine"), None, "Save the spine diagram"
        )
        self.print_action = self._act(
            "&Print…",
            self.print_preview,
            QKeySequence.StandardKey.Print,
            "Choose the patient or clinician version, see it, then print",
        )
        self.notes_action = self._act(
            "Case no&tes…", self.edit_notes, None, "Notes saved with the case and printed"
        )
        self.actions = [
            self.new_action,
            self.open_action,
            self.save_action,
            self.save_as_action,
            self.export_handout_action,
            self.export_clinician_action,
            self.export_body_action,
            self.export_spine_action,
            self.print_action,
            self.notes_action,
        ]
        self._fill_recent()

    def install_menu(self, menu: QMenu, before: QAction | None = None) -> None:
        """Add the actions to ``menu`` (before ``before``, or at the end)."""
        groups: list[list[QAction | QMenu]] = [
            [self.new_action, self.open_action, self.recent_menu],
            [self.save_action, self.save_as_action],
            [
                self.export_handout_action,
                self.export_clinician_action,
                self.export_body_action,
                self.export_spine_action,
                self.print_action,
            ],
            [self.notes_action],
        ]
        for group in groups:
            for entry in group:
                if isinstance(entry, QMenu):
                    menu.insertMenu(before, entry) if before else menu.addMenu(entry)
                elif before is not None:
                    menu.insertAction(before, entry)
                else:
                    menu.addAction(entry)
            if before is not None:
                menu.insertSeparator(before)
            else:
                menu.addSeparator()

    # ------------------------------------------------------------ the case
    @property
    def notes(self) -> str:
        """The case notes (kept in the case: :attr:`AppState.notes`)."""
        return self.state.notes

    @notes.setter
    def notes(self, text: str) -> None:
        self.state.set_notes(text)

    @property
    def patient_name(self) -> str | None:
        """The patient's name to print (kept in the case: :attr:`AppState.patient_name`)."""
        return self.state.patient_name

    @patient_name.setter
    def patient_name(self, name: str | None) -> None:
        self.state.set_patient_name(name)

    # ------------------------------------------------------------ modified
    def is_modified(self) -> bool:
        """Unsaved changes: an edit since the last save/open, new notes or name, or MRI
        report text typed but not read yet."""
        return not self.state.undo_stack.isClean() or self._meta_dirty or self.unread_report()

    def unread_report(self) -> bool:
        """Text in the window's MRI report box that was not read into the case."""
        check = getattr(getattr(self.window, "imaging", None), "has_unread_report", None)
        return bool(check()) if callable(check) else False

    def display_name(self) -> str:
        name = self.path.name if self.path is not None else "Untitled"
        return f"{name} [read-only]" if self.read_only else name

    def display_title(self) -> str:
        """The title as shown: ``case.radviz* — radviz`` (``*`` when modified)."""
        return f"{self.display_name()}{'*' if self.is_modified() else ''} — radviz"

    def _window_alive(self) -> bool:
        import shiboken6

        return not self._closed and shiboken6.isValid(self.window)

    def _update_title(self, *_args: object) -> None:
        if not self._window_alive():  # a signal after the window was closed and deleted
            return
        # Ending in the application's display name, the title is not given it a second
        # time by the platform ("Untitled — radviz", not "radviz — Untitled — radviz").
        self.window.setWindowTitle(f"{self.display_name()}[*] — radviz")
        self.window.setWindowModified(self.is_modified())
        self.save_action.setEnabled(True)

    def _changed(self, *_args: object) -> None:
        if not self._window_alive():
            return
        self._update_title()
        if self.autosave_enabled:
            self._debounce.start()

    def _mark_clean(self) -> None:
        self.state.undo_stack.setClean()
        self._meta_dirty = False
        self._autosaved_at = None
        self._update_title()

    # ------------------------------------------------------------ sessions
    def current_session(self) -> Session:
        """The case in the window as a :class:`Session` (nothing is written)."""
        return self.state.session(created=self.created, modified=now_iso())

    def _install(self, session: Session) -> None:
        """Replace the case with a (fully validated) session as one clean starting point."""
        self.state.reset(self.state.case_from_session(session))
        self.created = session.created or now_iso()
        self._meta_dirty = False

    def _set_path(self, path: Path | None) -> None:
        self.path = path
        self._update_title()
        self.sig_path_changed.emit(path)

    # --------------------------------------------------------------- verbs
    def new(self) -> bool:
        """Start an empty case (asks to save first)."""
        if not self.maybe_save():
            return False
        self._install(Session(findings=Findings()))
        self._set_path(None)
        self._mark_clean()
        self.recovery_clear()
        return True

    def open(self, path: str | Path | None = None) -> bool:
        """Open a ``.radviz`` file (asks for one if ``path`` is None)."""
        if not self.maybe_save():
            return False
        if path is None:
            chosen = self._ask_open_path()
            if not chosen:
                return False
            path = chosen
        return self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Open ``path`` without asking to save first; on error show it, change nothing."""
        try:
            session = load_session(path)
        except SessionError as exc:
            self._show_error("Cannot open the case", str(exc))
            return False
        self._install(session)
        self.read_only = session.read_only
        self._set_path(path)
        self._mark_clean()
        self._remember(path)
        self.recovery_clear()
        self._status(f"Opened {path.name}")
        if session.warnings:
            self._show_warning(f"Check {path.name}", "\n\n".join(session.warnings))
        return True

    def save(self) -> bool:
        """Save to the current file, or ask for one (always for a read-only case)."""
        if self.path is None or self.read_only:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        chosen = self._ask_save_path()
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        if self.unread_report():
            answer = self._ask_read_report()
            if answer == "cancel":
                return False
            if answer == "read":
                self.window.imaging.read_report()  # type: ignore[attr-defined]
        if self.read_only and self.path is not None and _same_file(path, self.path):
            self._show_error(
                "Cannot save the case",
                f"{path.name} was changed outside radviz and is open read-only; "
                "choose another name.",
            )
            return False
        try:
            save_session(path, self.current_session())
        except SessionError as exc:
            self._show_error("Cannot save the case", str(exc))
            return False
        self.read_only = False
        self._set_path(path)
        self._mark_clean()
        self._remember(path)
        self.recovery_clear()
        self._status(f"Saved {path.name}")
        self.sig_saved.emit(str(path))
        return True

    def maybe_save(self) -> bool:
        """Before losing changes: Save / Discard / Cancel. True means go ahead."""
        if not self.is_modified():
            return True
        answer = self._ask_save_changes(self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def shutdown(self) -> None:
        """The window is closing on purpose: stop autosave, drop recovery, free the lock,
        and stop listening to the state (the window is deleted next)."""
        self._debounce.stop()
        self._periodic.stop()
        self.recovery_clear()
        self._release_lock()
        if self._closed:
            return
        self._closed = True
        stack = self.state.undo_stack
        for signal, slot in (
            (stack.cleanChanged, self._update_title),
            (stack.indexChanged, self._changed),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # already gone
                pass

    # --------------------------------------------------------------- notes
    def edit_notes(self) -> None:
        text = self._ask_notes(self.notes)
        if text is not None and len(text) > MAX_TEXT:  # the limit a save would refuse
            self._show_error(
                "Notes too long",
                f"The notes have {len(text):,} characters; a case keeps at most "
                f"{MAX_TEXT:,}. They were not changed.",
            )
            return
        if text is not None and text != self.notes:
            self.state.set_notes(text)

    # ------------------------------------------------------------- exports
    def _page_size(self) -> str:
        from radviz.ui.handout.document import PAGE_SIZES, default_page_size

        value = str(self.settings.value(KEY_PAGE, default_page_size()))
        return value if value in PAGE_SIZES else "A4"

    def export_handout(self, audience: str = "patient") -> bool:
        """Ask for an optional patient name and a file; write the PDF handout."""
        from radviz.ui.handout.document import render_handout

        name = self._ask_patient_name(self.patient_name or "")
        if name is None:
            return False
        name = name.strip() or None
        if name is not None and len(name) > MAX_NAME:  # the limit a save would refuse
            self._show_error(
                "Name too long",
                f"A patient's name can have at most {MAX_NAME} characters "
                f"(this one has {len(name):,}).",
            )
            return False
        if name != self.patient_name:
            self.state.set_patient_name(name)
        stem = self.path.stem if self.path else "radviz"
        suffix = "handout" if audience == "patient" else "clinician"
        out = self._ask_export_path(
            "Export handout", f"{stem}-{suffix}.pdf", "PDF documents (*.pdf)"
        )
        if not out:
            return False
        try:
            pages = render_handout(
                self.current_session(),
                out,
                audience=audience,
                page_size=self._page_size(),
                inputs=self.protected_files(),
            )
        except WriteError as exc:
            self._show_error("Cannot export the handout", str(exc))
            return False
        except (OSError, RuntimeError) as exc:
            self._show_error("Cannot export the handout", f"{out}: {exc}")
            return False
        self._status(f"Exported {Path(out).name} ({pages} pages)")
        return True

    def export_png(self, which: str) -> bool:
        """Save the body map (``body``) or the spine (``spine``) as a PNG."""
        from radviz.ui.handout import document as handout

        stem = self.path.stem if self.path else "radviz"
        out = self._ask_export_path("Export picture", f"{stem}-{which}.png", "PNG images (*.png)")
        if not out:
            return False
        view = getattr(self.window, "body" if which == "body" else "spine", None)
        if view is not None and hasattr(view, "grab_image"):
            rect = view.sceneRect()
            width = 2400 if which == "body" else 2000
            image = view.grab_image(width, round(width * rect.height() / rect.width()))
        elif which == "body":
            image = handout.body_map_image(self.current_session(), 2400)
        else:
            image = handout.spine_image(self.current_session(), 2000)
        try:
            write_png(image, out, inputs=self.protected_files())
        except WriteError as exc:
            self._show_error("Cannot export the picture", str(exc))
            return False
        self._status(f"Exported {Path(out).name}")
        return True

    def protected_files(self) -> tuple[Path, ...]:
        """Files an export must never be written over: the open case."""
        return (self.path,) if self.path is not None else ()

    def print_handout(self, audience: str = "patient") -> bool:
        """Print the handout through the system print dialog."""
        from PySide6.QtPrintSupport import QPrinter

        from radviz.ui.handout.document import paint_handout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not self._exec_print_dialog(printer):
            return False
        try:
            paint_handout(printer, self.current_session(), audience=audience)
        except (OSError, RuntimeError) as exc:
            self._show_error("Cannot print", str(exc))
            return False
        return True

    def print_preview(self) -> bool:
        """Print: choose the patient or clinician version, see the pages, then print."""
        audience = self._ask_print_audience()
        if audience is None:
            return False
        from radviz.ui.handout.document import preview_dialog

        dialog = preview_dialog(self.current_session(), audience, self._parent())
        return self._exec_preview(dialog)

    def _ask_print_audience(self) -> str | None:
        from radviz.ui.handout.document import ask_audience

        return ask_audience(self._parent())

    def _exec_preview(self, dialog: Any) -> bool:
        return bool(dialog.exec())

    # -------------------------------------------------------------- recent
    def recent_files(self) -> list[str]:
        return _str_list(self.settings.value(KEY_RECENT))[:MAX_RECENT]

    def remembers_recent(self) -> bool:
        """Whether recent files are kept (Open Recent > Remember Recent Files)."""
        value = self.settings.value(KEY_REMEMBER, True)
        return value not in (False, "false", "0", 0)

    def set_remember_recent(self, on: bool) -> None:
        """Switch the recent-files list on or off; off also forgets the list."""
        self.settings.setValue(KEY_REMEMBER, bool(on))
        if not on:
            self.clear_recent()
        if self.remember_recent_action.isChecked() != bool(on):
            self.remember_recent_action.setChecked(bool(on))
        self._fill_recent()

    def clear_recent(self) -> None:
        """Forget the recent files and the last folder (they can name patients)."""
        self.settings.remove(KEY_RECENT)
        self.settings.remove(KEY_FOLDER)
        self.settings.sync()
        self._fill_recent()

    def _remember(self, path: Path) -> None:
        if not self.remembers_recent():
            return
        p = str(path.resolve())
        items = [p] + [f for f in self.recent_files() if f != p]
        self.settings.setValue(KEY_RECENT, items[:MAX_RECENT])
        self.settings.setValue(KEY_FOLDER, str(path.resolve().parent))
        self._private_settings()
        self._fill_recent()

    def _private_settings(self) -> None:
        """The settings file names patients' files: readable by its owner only."""
        self.settings.sync()
        name = self.settings.fileName()
        if name and Path(name).is_file():
            with contextlib.suppress(OSError):
                os.chmod(name, 0o600)

    def _forget(self, path: str) -> None:
        self.settings.setValue(KEY_RECENT, [f for f in self.recent_files() if f != path])
        self._fill_recent()

    def _fill_recent(self) -> None:
        if not hasattr(self, "remember_recent_action"):
            return  # the menu is being built
        self.recent_menu.clear()
        files = self.recent_files()
        for i, f in enumerate(files, start=1):
            a = self.recent_menu.addAction(f"&{i} {Path(f).name}")
            a.setToolTip(f)
            a.setStatusTip(f)
            a.triggered.connect(lambda _c=False, f=f: self.open_recent(f))
        if not files:
            self.recent_menu.addAction("(none)").setEnabled(False)
        self.recent_menu.addSeparator()
        self.clear_recent_action.setEnabled(bool(files))
        self.recent_menu.addAction(self.clear_recent_action)
        self.recent_menu.addAction(self.remember_recent_action)
        self.recent_menu.setEnabled(True)

    def open_recent(self, path: str) -> bool:
        """Open a recent file; a missing one is dropped from the list with a message."""
        if not Path(path).is_file():
            self._forget(path)
            self._show_error(
                "File not found",
                f"{path}: no longer exists; it was removed from the recent files.",
            )
            return False
        return self.open(path)

    def last_folder(self) -> str:
        folder = str(self.settings.value(KEY_FOLDER, "") or "")
        if folder and Path(folder).is_dir():
            return folder
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs or str(Path.home())

    # ------------------------------------------------------------ autosave
    def _take_lock(self) -> bool:
        """Take the first free recovery slot; ``False`` (and :attr:`protection_problem`
        set) when none can be taken."""
        folder = data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.protection_problem = f"{folder} cannot be created ({exc.strerror or exc})"
            return False
        error = ""
        for slot in range(MAX_SLOTS):
            lock = _slot_lock(folder, slot)
            if lock.tryLock(0):
                self._lock = lock
                self.recovery = RecoveryStore(folder, slot)
                self.autosave_enabled = True
                self.protection_problem = None
                return True
            if lock.error() != QLockFile.LockError.LockFailedError:
                error = f"the lock file in {folder} cannot be created"
                break
        self.protection_problem = error or f"{MAX_SLOTS} other radviz windows are open"
        return False

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.autosave_enabled = False

    def autosave(self) -> bool:
        """Write the recovery file if there are unsaved changes since the last autosave.

        Returns whether it was written. A clean case removes a stale recovery file.
        """
        if not self.autosave_enabled:
            if self.autosave_wanted and not self._closed and self._take_lock():
                self._status("Crash protection is on again")
            if not self.autosave_enabled:
                self.tell_protection()
                return False
        if not self.is_modified():
            self.recovery_clear()
            return False
        index = self.state.undo_stack.index()
        if self._autosaved_at == index and not self._meta_dirty and self.recovery.exists():
            return False
        try:
            self.recovery.write(self.current_session(), source=self.path)
        except SessionError as exc:
            self._status(f"Autosave failed: {exc}")
            if not self._told_autosave_failed:  # once, until it works again
                self._told_autosave_failed = True
                self._show_warning(
                    "Crash protection failed",
                    f"The recovery copy of unsaved work could not be written: {exc}. "
                    "radviz keeps trying; until then, save often.",
                )
            return False
        self._told_autosave_failed = False
        self._autosaved_at = index
        return True

    def recovery_clear(self) -> None:
        if self.autosave_enabled:
            self.recovery.clear()
        self._autosaved_at = None

    def tell_protection(self) -> None:
        """Tell the user, once, that this window has no crash protection and why."""
        if self.protection_problem is None or self._told_problem or not self.autosave_wanted:
            return
        self._told_problem = True
        self._show_warning(
            "Crash protection is off",
            f"radviz cannot keep a recovery copy of unsaved work: {self.protection_problem}. "
            "It will keep trying; until then, save often.",
        )

    def offer_recovery(self) -> bool:
        """At start-up: if radviz crashed with unsaved changes, offer to restore them.

        Looks at this window's slot and at every slot no running radviz holds. A file
        that cannot be read is kept under a new name (the user is told where); nothing
        here ever stops the window from opening.
        """
        self.tell_protection()
        if not self.autosave_enabled:
            return False
        for store, lock in self._orphans():
            try:
                return self._offer(store)
            finally:
                if lock is not None:
                    lock.unlock()
        return False

    def _orphans(self) -> list[tuple[RecoveryStore, QLockFile | None]]:
        """Recovery files of windows that are gone, newest first, each with the lock
        taken for it (``None`` for this window's own slot)."""
        found: list[tuple[float, RecoveryStore, QLockFile | None]] = []
        folder = self.recovery.folder
        for slot in range(MAX_SLOTS):
            path = folder / slot_name(slot)
            try:
                mtime = path.stat().st_mtime
            except OSError:
                continue
            if slot == self.recovery.slot:
                found.append((mtime, self.recovery, None))
                continue
            lock = _slot_lock(folder, slot)
            if lock.tryLock(0):  # its window is gone
                found.append((mtime, RecoveryStore(folder, slot), lock))
        found.sort(key=lambda item: -item[0])
        for _mtime, _store, held in found[1:]:
            if held is not None:
                held.unlock()  # one case per window: the others wait for the next start
        return [(store, lock) for _mtime, store, lock in found[:1]]

    def _offer(self, store: RecoveryStore) -> bool:
        try:
            session = store.read()
        except SessionError as exc:
            self._set_aside(store, str(exc))
            return False
        if session is None:
            return False
        if not self._ask_restore(describe_time(session.modified)):
            store.clear()
            return False
        source = store.source()
        self._install(session)
        self.read_only = session.read_only  # a changed copy is never saved over a file
        self._set_path(source)
        if session.warnings:
            self._show_warning("Check the restored case", "\n\n".join(session.warnings))
        # restored work is unsaved: leave the clean state until the user saves
        self.state.undo_stack.resetClean()
        self._meta_dirty = True
        self._update_title()
        self._autosaved_at = None
        if store.path != self.recovery.path:
            if self.autosave():  # the work now lives in this window's own slot
                store.clear()
        else:
            self._autosaved_at = self.state.undo_stack.index()
        self._status("Restored the unsaved case")
        return True

    def _set_aside(self, store: RecoveryStore, problem: str) -> None:
        try:
            kept = store.set_aside()
        except SessionError as exc:
            self._show_error(
                "Cannot restore the unsaved case",
                f"{one_line(problem)}\n\nIt could not be kept under another name either "
                f"({one_line(exc)}); it stays at {store.path}.",
            )
            return
        self._show_error(
            "Cannot restore the unsaved case",
            f"{one_line(problem)}\n\nThe file was kept, not deleted: {kept}",
        )

    def startup_cleanup(self) -> list[Path]:
        """Remove temporary files of radviz's naming that a killed save left in the data
        folder, the last folder and the recent files' folders; return them."""
        folders = [data_dir(), *(Path(f).parent for f in self.recent_files())]
        last = str(self.settings.value(KEY_FOLDER, "") or "")
        if last:
            folders.append(Path(last))
        return clean_temp_files(folders)

    # ---------------------------------------------------------- close hook
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            if not self.maybe_save():
                event.ignore()
                return True
            self.shutdown()
        return False

    # ------------------------------------------------------------- dialogs
    def _parent(self) -> QWidget:
        return self.window

    def _ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self._parent(), "Open case", self.last_folder(), FILE_FILTER
        )
        return path or None

    def _ask_save_path(self) -> str | None:
        start = str(Path(self.last_folder()) / (self.path.name if self.path else "case.radviz"))
        path, _ = QFileDialog.getSaveFileName(self._parent(), "Save case", start, FILE_FILTER)
        return path or None

    def _ask_export_path(self, title: str, default_name: str, file_filter: str) -> str | None:
        start = str(Path(self.last_folder()) / default_name)
        path, _ = QFileDialog.getSaveFileName(self._parent(), title, start, file_filter)
        if path and self.remembers_recent():
            self.settings.setValue(KEY_FOLDER, str(Path(path).parent))
        return path or None

    def _ask_save_changes(self, name: str) -> str:
        """``save``, ``discard`` or ``cancel``."""
        box = QMessageBox(self._parent())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("radviz")
        box.setText(f"Save changes to {name}?")
        box.setInformativeText("Your changes will be lost if you don't save them.")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def _ask_read_report(self) -> str:
        """``read``, ``skip`` (save without the typed text) or ``cancel``."""
        box = QMessageBox(self._parent())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("radviz")
        box.setText("The MRI report box has text that was not read.")
        box.setInformativeText("Read it into the case before saving?")
        read = box.addButton("&Read and save", QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton("Save &without it", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read)
        box.exec()
        clicked = box.clickedButton()
        return "read" if clicked is read else "skip" if clicked is skip else "cancel"

    def _ask_restore(self, when: str) -> bool:
        answer = QMessageBox.question(
            self._parent(),
            "Restore unsaved case",
            f"radviz closed unexpectedly. Restore the unsaved case from {when}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return bool(answer == QMessageBox.StandardButton.Yes)

    def _ask_patient_name(self, current: str) -> str | None:
        """The name to print (empty: none); ``None`` cancels the export."""
        text, ok = QInputDialog.getText(
            self._parent(),
            "Export handout",
            "Patient's name to print on the handout (optional; leave empty for none).\n"
            "A name you type is saved with the case.",
            text=current,
        )
        return str(text) if ok else None

    def _ask_notes(self, current: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self._parent(),
            "Case notes",
            "Notes (saved with the case, printed on the handout):",
            current,
        )
        return str(text) if ok else None

    def _exec_print_dialog(self, printer: Any) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self._parent())
        return bool(dialog.exec() == QPrintDialog.DialogCode.Accepted)

    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self._parent(), title, _fit(message))

    def _show_warning(self, title: str, message: str) -> None:
        """Something to know, not to decide: a window-modal box that does not block."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title,
            _fit(message),
            QMessageBox.StandardButton.Ok,
            self._parent(),
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    def _status(self, message: str) -> None:
        bar = self.window.statusBar() if isinstance(self.window, QMainWindow) else None
        if bar is not None:
            bar.showMessage(message, 5000)


def _fit(message: str) -> str:
    """A message fit for a box: each paragraph one bounded line, at most four of them
    (text from a hostile file can hold escapes and megabytes)."""
    paragraphs = [p for p in message.split("\n\n") if p.strip()][:4]
    return "\n\n".join(one_line(p, 800) for p in paragraphs)


def _slot_lock(folder: Path, slot: int) -> QLockFile:
    name = "recovery.lock" if slot == 0 else f"recovery-{slot}.lock"
    lock = QLockFile(str(folder / name))
    lock.setStaleLockTime(0)  # only a dead owner makes it stale
    return lock


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_png(image: Any, path: str | Path, *, inputs: tuple[Path, ...] = ()) -> Path:
    """Save a QImage as a PNG atomically and checked (0600 for a new file: pictures of a
    case hold patient data); :class:`~radviz.resources.WriteError` if it cannot be."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "PNG")
    buffer.close()
    if not ok or data.isEmpty():
        raise WriteError(f"{path}: cannot be written (the picture could not be made)")
    return write_atomic(path, bytes(data.data()), inputs=inputs)


def _file_menu(window: QMainWindow) -> QMenu:
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and (
            menu.objectName() == "fileMenu" or action.text().replace("&", "").strip() == "File"
        ):
            return menu
    menu = QMenu("&File", window)
    menu.setObjectName("fileMenu")
    first = bar.actions()[0] if bar.actions() else None
    if first is not None:
        bar.insertMenu(first, menu)
    else:
        bar.addMenu(menu)
    return menu


def attach(
    window: QMainWindow,
    state: AppState | None = None,
    settings: QSettings | None = None,
) -> SessionController:
    """Give ``window`` files: the actions at the top of its File menu and a close guard.

    ``state`` defaults to ``window.state``. A window built with ``remember=False``
    (screenshots, tests) gets no autosave, so it never touches a real recovery file, and
    no close guard, so closing it never blocks on a prompt. A clash
    with an existing shortcut (the window's Ctrl+E screenshot export) is resolved in
    favour of the handout; the other action keeps its menu entry.
    """
    st = state if state is not None else window.state  # type: ignore[attr-defined]
    ctrl = SessionController(window, st, settings, autosave=bool(getattr(window, "remember", True)))
    menu = _file_menu(window)
    first = menu.actions()[0] if menu.actions() else None
    mine = {a.shortcut().toString() for a in ctrl.actions if not a.shortcut().isEmpty()}
    for action in window.findChildren(QAction):
        if action not in ctrl.actions and action.shortcut().toString() in mine:
            action.setShortcut(QKeySequence())  # an ambiguous shortcut fires neither
    ctrl.install_menu(menu, first)
    if getattr(window, "remember", True):
        # The "save changes?" guard belongs to a real session window; screenshot and test
        # windows (remember=False) close without a modal prompt.
        window.installEventFilter(ctrl)
    return ctrl
