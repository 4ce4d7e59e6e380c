"""Files for the main window: open, save, recent files, autosave and recovery (UI layer).

:class:`SessionController` owns the current path and the File-menu actions (New, Open,
Open Recent, Save, Save As, exports, Print, Case notes). "Modified" is the undo stack
leaving its clean state (or the notes or the patient name changing). Changes are
autosaved to ``recovery.radviz`` in the data folder (``RADVIZ_DATA_DIR`` or the
platform's app-data folder) two seconds after an edit and every 30 seconds while
modified; a clean save or a deliberate close removes it; after a crash
:meth:`SessionController.offer_recovery` offers it back. A lock file keeps a second
running radviz from autosaving over (or restoring) the first one's recovery file.

Every dialog goes through a small ``_ask_*``/``_show_*`` method so tests replace it.
Integration: ``self.session = attach(self)`` in ``MainWindow.__init__``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLockFile, QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from radviz.reasoning.findings import Findings
from radviz.storage.session import (
    SUFFIX,
    RecoveryStore,
    Session,
    SessionError,
    describe_time,
    load_session,
    now_iso,
    save_session,
)
from radviz.ui.app_state import AppState

__all__ = ["MAX_RECENT", "SessionController", "attach", "data_dir"]

MAX_RECENT = 8
DEBOUNCE_MS = 2_000
PERIODIC_MS = 30_000
FILE_FILTER = "radviz sessions (*.radviz);;All files (*)"
KEY_RECENT = "session/recent"
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
        self.notes = ""
        self.patient_name: str | None = None
        self.created = now_iso()
        self._meta_dirty = False
        self._imaging_cache: tuple[str, tuple[dict[str, Any], ...]] = ("", ())
        self.recovery = RecoveryStore(data_dir())
        self._autosaved_at: int | None = None  # undo index of the last autosave
        self.autosave_enabled = False
        self._lock: QLockFile | None = None
        if autosave:
            self._take_lock()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.autosave)
        self._periodic = QTimer(self)
        self._periodic.setInterval(PERIODIC_MS)
        self._periodic.timeout.connect(self.autosave)
        if self.autosave_enabled:
            self._periodic.start()

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
            "Export s&pine (PNG)…", lambda: self.export_png("spine"), None, "Save the spine diagram"
        )
        self.print_action = self._act(
            "&Print…", self.print_handout, QKeySequence.StandardKey.Print, "Print the handout"
        )
        self.notes_action = self._act(
            "Case &notes…", self.edit_notes, None, "Notes saved with the case and printed"
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
        return self.path.name if self.path is not None else "Untitled"

    def display_title(self) -> str:
        """The title as shown: ``case.radviz* — radviz`` (``*`` when modified)."""
        return f"{self.display_name()}{'*' if self.is_modified() else ''} — radviz"

    def _update_title(self, *_args: object) -> None:
        # Ending in the application's display name, the title is not given it a second
        # time by the platform ("Untitled — radviz", not "radviz — Untitled — radviz").
        self.window.setWindowTitle(f"{self.display_name()}[*] — radviz")
        self.window.setWindowModified(self.is_modified())
        self.save_action.setEnabled(True)

    def _set_meta_dirty(self, dirty: bool) -> None:
        self._meta_dirty = dirty
        self._update_title()
        if dirty:
            self._debounce.start()

    def _changed(self, *_args: object) -> None:
        self._update_title()
        if self.autosave_enabled:
            self._debounce.start()

    def _mark_clean(self) -> None:
        self.state.undo_stack.setClean()
        self._meta_dirty = False
        self._autosaved_at = None
        self._update_title()

    # ------------------------------------------------------------ sessions
    def _imaging(self, text: str) -> tuple[dict[str, Any], ...]:
        if not text:
            return ()
        if self._imaging_cache[0] != text:
            try:
                from radviz.imaging.parser import parse_report

                found = tuple(f.to_dict() for f in parse_report(text).findings)
            except Exception:  # an unparsable report is still saved as text
                found = ()
            self._imaging_cache = (text, found)
        return self._imaging_cache[1]

    def _current_imaging(self, text: str) -> tuple[dict[str, Any], ...]:
        """Every imaging finding shown now: read from the report, built or removed by hand."""
        document = getattr(self.state, "imaging_document", None)
        if callable(document):
            return tuple(dict(f) for f in document()["findings"])
        return self._imaging(text)

    def current_session(self) -> Session:
        """The case in the window as a :class:`Session` (nothing is written)."""
        text = self.state.imaging_text or ""
        return Session(
            findings=self.state.clicked_findings,
            drawing={k: m for k, m in self.state.masks.items() if m.any()},
            imaging_text=text,
            imaging=self._current_imaging(text),
            notes=self.notes,
            patient_name=self.patient_name or None,
            created=self.created,
            modified=now_iso(),
        )

    def _install(self, session: Session) -> None:
        """Replace the state with a (fully validated) session as one clean starting point."""
        st = self.state
        st.undo_stack.clear()
        st.clear_all()
        st.set_findings(session.findings, "Open")
        for kind, mask in session.drawing.items():
            st.apply_stroke(kind, False, mask)
        if session.imaging_text and (st.imaging_text or "") != session.imaging_text:
            self._set_imaging_text(session.imaging_text)
        self._restore_imaging(session)
        st.undo_stack.clear()
        self.notes = session.notes
        self.patient_name = session.patient_name
        self.created = session.created or now_iso()
        self._meta_dirty = False

    def _restore_imaging(self, session: Session) -> None:
        """Make the shown findings equal the saved ones: hide report findings that were
        removed before saving, add the ones that were built by hand."""
        st: Any = self.state
        if not hasattr(st, "add_imaging_finding") or not session.imaging:
            return
        from radviz.ui.app_state import imaging_key

        wanted = {imaging_key(f): f for f in session.imaging}
        shown = [imaging_key(f) for f in st.imaging_findings]
        for index in reversed(range(len(shown))):
            if shown[index] not in wanted:
                st.remove_imaging_finding(index)
        for key, finding in wanted.items():
            if key not in shown:
                st.add_imaging_finding(finding)

    def _set_imaging_text(self, text: str) -> None:
        st: Any = self.state
        setter = getattr(st, "set_imaging_text", None)
        if callable(setter):
            setter(text)
            return
        # AppState has no public setter for the report text yet; its snapshot holds it.
        from radviz.ui import undo

        snap = replace(st._snap, imaging_text=text)
        st._push(undo.LoadDemoCommand, snap, "Open imaging report")

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
        self._set_path(path)
        self._mark_clean()
        self._remember(path)
        self.recovery_clear()
        self._status(f"Opened {path.name}")
        return True

    def save(self) -> bool:
        """Save to the current file, or ask for one."""
        if self.path is None:
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
        try:
            save_session(path, self.current_session())
        except SessionError as exc:
            self._show_error("Cannot save the case", str(exc))
            return False
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
        """The window is closing on purpose: stop autosave, drop recovery, free the lock."""
        self._debounce.stop()
        self._periodic.stop()
        self.recovery_clear()
        self._release_lock()

    # --------------------------------------------------------------- notes
    def edit_notes(self) -> None:
        text = self._ask_notes(self.notes)
        if text is not None and text != self.notes:
            self.notes = text
            self._set_meta_dirty(True)

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
        if name != self.patient_name:
            self.patient_name = name
            self._set_meta_dirty(True)
        stem = self.path.stem if self.path else "radviz"
        suffix = "handout" if audience == "patient" else "clinician"
        out = self._ask_export_path(
            "Export handout", f"{stem}-{suffix}.pdf", "PDF documents (*.pdf)"
        )
        if not out:
            return False
        try:
            pages = render_handout(
                self.current_session(), out, audience=audience, page_size=self._page_size()
            )
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
        if not image.save(str(out), "PNG"):
            self._show_error("Cannot export the picture", f"{out}: the file could not be written")
            return False
        self._status(f"Exported {Path(out).name}")
        return True

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

    # -------------------------------------------------------------- recent
    def recent_files(self) -> list[str]:
        return _str_list(self.settings.value(KEY_RECENT))[:MAX_RECENT]

    def _remember(self, path: Path) -> None:
        p = str(path.resolve())
        items = [p] + [f for f in self.recent_files() if f != p]
        self.settings.setValue(KEY_RECENT, items[:MAX_RECENT])
        self.settings.setValue(KEY_FOLDER, str(path.resolve().parent))
        self._fill_recent()

    def _forget(self, path: str) -> None:
        self.settings.setValue(KEY_RECENT, [f for f in self.recent_files() if f != path])
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for i, f in enumerate(files, start=1):
            a = self.recent_menu.addAction(f"&{i} {Path(f).name}")
            a.setToolTip(f)
            a.setStatusTip(f)
            a.triggered.connect(lambda _c=False, f=f: self.open_recent(f))
        if not files:
            self.recent_menu.addAction("(none)").setEnabled(False)
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
    def _take_lock(self) -> None:
        try:
            self.recovery.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        lock = QLockFile(str(self.recovery.folder / "recovery.lock"))
        lock.setStaleLockTime(0)  # only a dead owner makes it stale
        if lock.tryLock(0):
            self._lock = lock
            self.autosave_enabled = True

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
            return False
        self._autosaved_at = index
        return True

    def recovery_clear(self) -> None:
        if self.autosave_enabled:
            self.recovery.clear()
        self._autosaved_at = None

    def offer_recovery(self) -> bool:
        """At start-up: if radviz crashed with unsaved changes, offer to restore them."""
        if not self.autosave_enabled or not self.recovery.exists():
            return False
        try:
            session = self.recovery.read()
        except SessionError as exc:
            self._show_error("Cannot restore the unsaved case", str(exc))
            self.recovery.clear()
            return False
        if session is None:
            return False
        if not self._ask_restore(describe_time(session.modified)):
            self.recovery.clear()
            return False
        source = self.recovery.source()
        self._install(session)
        self._set_path(source)
        # restored work is unsaved: leave the clean state until the user saves
        self.state.undo_stack.resetClean()
        self._meta_dirty = True
        self._update_title()
        self._autosaved_at = self.state.undo_stack.index()
        self._status("Restored the unsaved case")
        return True

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
        if path:
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
        QMessageBox.warning(self._parent(), title, message)

    def _status(self, message: str) -> None:
        bar = self.window.statusBar() if isinstance(self.window, QMainWindow) else None
        if bar is not None:
            bar.showMessage(message, 5000)


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
