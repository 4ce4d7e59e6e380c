"""Saved sessions: ``.radviz`` files and the crash-recovery file (model layer, no Qt).

A session is a JSON object::

    {"format": "radviz-session", "schema": 1, "app_version": "0.1.0",
     "created": "2025-03-12T09:30:00+00:00", "modified": "…",
     "findings": {…contract §3, the clicked and typed findings…},
     "drawing": {"grid": [1000, 1200],
                 "masks": {"pain": {"encoding": "rle", "first": false, "runs": […]}}},
     "imaging_text": "…", "imaging": {"findings": […contract §5…]},
     "notes": "…", "patient_name": "…"}

``findings`` holds what was clicked and typed; the free-hand ``drawing`` adds the
symptoms it reduces to (:func:`Session.combined_findings`), exactly as in the app.
``patient_name`` is written only when someone typed one. A mask is stored as the
run lengths of its flattened (row-major) cells, starting with a run of ``first``, or,
when that would be longer, as ``"encoding": "packbits"`` with ``"data"`` the base64 of
:func:`numpy.packbits`.

Writing is atomic (a temporary file in the same folder, flushed and synced, then
:func:`os.replace`); reading never writes and raises :class:`SessionError` with a
message naming the file and the problem.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from radviz.anatomy import vocab
from radviz.reasoning.findings import Findings, FindingsError, Symptom, describe_type

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "RECOVERY_NAME",
    "SCHEMA_VERSION",
    "RecoveryStore",
    "Session",
    "SessionError",
    "atomic_write",
    "describe_time",
    "load_session",
    "now_iso",
    "save_session",
    "session_from_dict",
    "session_to_dict",
]

SCHEMA_VERSION = 1
"""The schema this version writes and the newest it reads."""
FORMAT = "radviz-session"
SUFFIX = ".radviz"
MAX_BYTES = 50_000_000
"""Larger files are refused unread (a session with a full drawing is well under 5 MB)."""
RECOVERY_NAME = "recovery.radviz"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MAX_TEXT = 1_000_000  # characters of notes or imaging text


class SessionError(ValueError):
    """A session cannot be read or written; the message names the file and the problem.

    The message is always one line: control characters (from a hostile file's keys)
    are shown escaped.
    """

    def __init__(self, message: str) -> None:
        super().__init__(_CONTROL.sub(lambda m: repr(m.group())[1:-1], message))


def now_iso() -> str:
    """The current time as ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, eq=False)
class Session:
    """Everything a ``.radviz`` file holds.

    ``drawing`` maps a symptom kind to a bool mask on the body map's grid
    (``geometry.body_map().grid_shape``). ``imaging`` holds contract §5 finding dicts.
    """

    findings: Findings = field(default_factory=Findings)
    drawing: dict[str, np.ndarray] = field(default_factory=dict)
    imaging_text: str = ""
    imaging: tuple[dict[str, Any], ...] = ()
    notes: str = ""
    patient_name: str | None = None
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Session):
            return NotImplemented
        if (
            self.findings,
            self.imaging_text,
            self.imaging,
            self.notes,
            self.patient_name,
            self.created,
            self.modified,
        ) != (
            other.findings,
            other.imaging_text,
            other.imaging,
            other.notes,
            other.patient_name,
            other.created,
            other.modified,
        ):
            return False
        mine = {k: m for k, m in self.drawing.items() if np.any(m)}
        theirs = {k: m for k, m in other.drawing.items() if np.any(m)}
        if mine.keys() != theirs.keys():
            return False
        return all(np.array_equal(m, theirs[k]) for k, m in mine.items())

    __hash__ = None  # type: ignore[assignment]

    def drawn_symptoms(self) -> list[Symptom]:
        """The symptoms the drawing reduces to (empty without a drawing)."""
        if not any(np.any(m) for m in self.drawing.values()):
            return []
        from radviz.anatomy.drawing import reduce_drawing

        return reduce_drawing(self.drawing)

    def combined_findings(self) -> Findings:
        """Clicked and typed findings plus the drawing's symptoms (what the app infers on)."""
        from dataclasses import replace

        seen = set(self.findings.symptoms)
        extra = [s for s in self.drawn_symptoms() if s not in seen]
        if not extra:
            return self.findings
        return replace(self.findings, symptoms=(*self.findings.symptoms, *extra))


# ------------------------------------------------------------------ encoding
def _encode_mask(mask: np.ndarray) -> dict[str, Any]:
    flat = np.ascontiguousarray(mask, dtype=bool).ravel()
    if flat.size == 0:
        return {"encoding": "rle", "first": False, "runs": []}
    change = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate(([0], change, [flat.size]))
    runs = np.diff(bounds)
    packed = base64.b64encode(np.packbits(flat).tobytes()).decode("ascii")
    # a run costs about 4 characters of JSON; choose the shorter form
    if runs.size * 4 > len(packed):
        return {"encoding": "packbits", "data": packed}
    return {"encoding": "rle", "first": bool(flat[0]), "runs": [int(r) for r in runs]}


def _decode_mask(where: str, data: Any, shape: tuple[int, int]) -> np.ndarray:
    if not isinstance(data, Mapping):
        raise SessionError(f"{where}: expected an object, got {describe_type(data)}")
    n = shape[0] * shape[1]
    encoding = data.get("encoding")
    if encoding == "rle":
        first = data.get("first")
        runs = data.get("runs")
        if not isinstance(first, bool):
            raise SessionError(f"{where}.first: expected true or false, got {describe_type(first)}")
        if not isinstance(runs, list):
            raise SessionError(f"{where}.runs: expected a list, got {describe_type(runs)}")
        if len(runs) > n:
            raise SessionError(f"{where}.runs: {len(runs)} runs for {n} cells")
        for i, r in enumerate(runs):
            if isinstance(r, bool) or not isinstance(r, int) or r < 0:
                raise SessionError(f"{where}.runs[{i}]: expected a whole number ≥ 0, got {r!r}")
        arr = np.asarray(runs, dtype=np.int64)
        total = int(arr.sum()) if arr.size else 0
        if total != n:
            raise SessionError(
                f"{where}.runs: the runs cover {total} cells, the grid "
                f"{shape[0]}×{shape[1]} has {n}"
            )
        values = (np.arange(arr.size) % 2 == 0) == first
        flat = np.repeat(values, arr)
    elif encoding == "packbits":
        text = data.get("data")
        if not isinstance(text, str):
            raise SessionError(f"{where}.data: expected a base64 string, got {describe_type(text)}")
        try:
            raw = base64.b64decode(text.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise SessionError(f"{where}.data: not valid base64") from None
        if len(raw) != (n + 7) // 8:
            raise SessionError(
                f"{where}.data: {len(raw)} bytes, expected {(n + 7) // 8} for the grid "
                f"{shape[0]}×{shape[1]}"
            )
        flat = np.unpackbits(np.frombuffer(raw, dtype=np.uint8), count=n).astype(bool)
    else:
        raise SessionError(f"{where}.encoding: unknown value {encoding!r} (expected rle, packbits)")
    out = flat.reshape(shape)
    out.flags.writeable = False
    return out


def _body_grid() -> tuple[int, int]:
    from radviz.anatomy.geometry import body_map

    rows, cols = body_map().grid_shape
    return int(rows), int(cols)


def session_to_dict(session: Session) -> dict[str, Any]:
    """The JSON document of a session (see the module docstring)."""
    from radviz import __version__

    out: dict[str, Any] = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "app_version": __version__,
        "created": session.created,
        "modified": session.modified,
        "findings": session.findings.to_dict(),
    }
    masks = {k: m for k, m in session.drawing.items() if np.any(m)}
    if masks:
        shapes = {tuple(np.shape(m)) for m in masks.values()}
        if len(shapes) != 1:
            raise SessionError(f"drawing: masks of different shapes {sorted(shapes)}")
        (shape,) = shapes
        if len(shape) != 2:
            raise SessionError(f"drawing: masks must be 2-D, not of shape {shape}")
        for kind in masks:
            if kind not in vocab.SYMPTOM_KINDS:
                raise SessionError(f"drawing.masks.{kind}: unknown symptom kind {kind!r}")
        out["drawing"] = {
            "grid": [int(shape[0]), int(shape[1])],
            "masks": {k: _encode_mask(masks[k]) for k in vocab.SYMPTOM_KINDS if k in masks},
        }
    if session.imaging_text:
        out["imaging_text"] = session.imaging_text
    if session.imaging:
        out["imaging"] = {"findings": [dict(f) for f in session.imaging]}
    if session.notes:
        out["notes"] = session.notes
    if session.patient_name is not None:
        out["patient_name"] = session.patient_name
    return out


def session_from_dict(
    data: Any, *, grid_shape: tuple[int, int] | None = None, name: str = "session"
) -> Session:
    """Validate a session document and build it; raises :class:`SessionError`.

    ``grid_shape`` is the shape drawing masks must have (default: the body map's grid,
    looked up only when the file holds a drawing). ``name`` prefixes messages.
    """
    if not isinstance(data, Mapping):
        raise SessionError(
            f'{name}: is not a radviz session (expected a JSON object with "format": '
            f'"{FORMAT}", found {describe_type(data)})'
        )
    fmt = data.get("format")
    if fmt != FORMAT:
        if fmt is None and set(data) and set(data) <= _FINDINGS_KEYS:
            raise SessionError(
                f'{name}: is a findings document, not a radviz session (no "format": "{FORMAT}")'
            )
        shown = "no" if fmt is None else f"the format {str(fmt)[:60]!r}, not"
        raise SessionError(f'{name}: is not a radviz session ({shown} "format": "{FORMAT}")')
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise SessionError(f"{name}: has no valid schema version (found {describe_type(schema)})")
    if schema > SCHEMA_VERSION:
        raise SessionError(
            f"{name}: was saved by a newer radviz (schema {schema}); "
            f"this version reads schema {SCHEMA_VERSION}"
        )
    if schema < 1:
        raise SessionError(f"{name}: has an invalid schema version {schema}")

    try:
        findings = Findings.from_dict(data.get("findings", {}))
    except FindingsError as exc:
        raise SessionError(f"{name}: invalid findings: {exc}") from None
    except RecursionError:
        raise SessionError(f"{name}: invalid findings: nested too deeply") from None

    drawing = _drawing_from(data.get("drawing"), grid_shape, name)

    imaging_text = _text(data, "imaging_text", name)
    imaging: tuple[dict[str, Any], ...] = ()
    raw_imaging = data.get("imaging")
    if raw_imaging is not None:
        from radviz.imaging.parser import ImagingError, ImagingReport

        if isinstance(raw_imaging, list):  # a bare list of findings is accepted too
            raw_imaging = {"findings": raw_imaging}
        try:
            report = ImagingReport.from_dict(raw_imaging)
        except ImagingError as exc:
            raise SessionError(f"{name}: invalid imaging: {exc}") from None
        imaging = tuple(f.to_dict() for f in report.findings)

    notes = _text(data, "notes", name)
    patient = data.get("patient_name")
    if patient is not None and not isinstance(patient, str):
        raise SessionError(f"{name}: patient_name: expected a string, got {describe_type(patient)}")
    if patient is not None and len(patient) > 500:
        raise SessionError(f"{name}: patient_name: longer than 500 characters")
    stamps = {}
    for key in ("created", "modified"):
        value = data.get(key)
        if value is None:
            stamps[key] = ""
            continue
        if not isinstance(value, str) or len(value) > 64:
            raise SessionError(
                f"{name}: {key}: expected an ISO 8601 date, got {describe_type(value)}"
            )
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise SessionError(f"{name}: {key}: {value!r} is not an ISO 8601 date") from None
        stamps[key] = value
    return Session(
        findings=findings,
        drawing=drawing,
        imaging_text=imaging_text,
        imaging=imaging,
        notes=notes,
        patient_name=patient or None,
        created=stamps["created"] or stamps["modified"] or now_iso(),
        modified=stamps["modified"] or stamps["created"] or now_iso(),
    )


_FINDINGS_KEYS = {"age", "sex", "duration_weeks", "symptoms", "motor", "reflexes", "tests", "flags"}


def _text(data: Mapping[str, Any], key: str, name: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SessionError(f"{name}: {key}: expected a string, got {describe_type(value)}")
    if len(value) > _MAX_TEXT:
        raise SessionError(f"{name}: {key}: longer than {_MAX_TEXT} characters")
    return value


def _drawing_from(raw: Any, grid_shape: tuple[int, int] | None, name: str) -> dict[str, np.ndarray]:
    if raw is None:
        return {}
    where = f"{name}: bad drawing: drawing"
    if not isinstance(raw, Mapping):
        raise SessionError(f"{where}: expected an object, got {describe_type(raw)}")
    masks = raw.get("masks")
    if masks is None or masks == {}:
        return {}
    if not isinstance(masks, Mapping):
        raise SessionError(f"{where}.masks: expected an object, got {describe_type(masks)}")
    grid = raw.get("grid")
    if (
        not isinstance(grid, list)
        or len(grid) != 2
        or any(isinstance(g, bool) or not isinstance(g, int) or g <= 0 for g in grid)
    ):
        raise SessionError(f"{where}.grid: expected [rows, cols], got {str(grid)[:60]}")
    shape = (int(grid[0]), int(grid[1]))
    expected = grid_shape if grid_shape is not None else _body_grid()
    if shape != tuple(expected):
        raise SessionError(
            f"{where}.grid: the drawing is {shape[0]}×{shape[1]}, the body map's grid is "
            f"{expected[0]}×{expected[1]}"
        )
    out: dict[str, np.ndarray] = {}
    for kind, value in masks.items():
        if kind not in vocab.SYMPTOM_KINDS:
            raise SessionError(
                f"{where}.masks: unknown symptom kind {str(kind)[:40]!r} "
                f"(expected one of: {', '.join(vocab.SYMPTOM_KINDS)})"
            )
        mask = _decode_mask(f"{where}.masks.{kind}", value, shape)
        if mask.any():
            out[kind] = mask
    return out


# ----------------------------------------------------------------------- files
def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not allowed in a radviz session")


def _read_document(path: Path) -> Any:
    """Read and parse the JSON of ``path`` (never writes); raises :class:`SessionError`."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SessionError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise SessionError(f"{name}: is a folder, not a file") from None
    except PermissionError:
        raise SessionError(f"{name}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise SessionError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise SessionError(
            f"{name}: is larger than {MAX_BYTES // 1_000_000} MB; not a radviz session"
        )
    if not raw.strip():
        raise SessionError(f"{name}: is empty (expected a radviz session)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError(f"{name}: is not a radviz session (not a text file)") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise SessionError(
                f"{name}: is truncated or damaged (the JSON ends early at line "
                f"{exc.lineno} column {exc.colno})"
            ) from None
        raise SessionError(
            f"{name}: is not a radviz session or is damaged (invalid JSON at line "
            f"{exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise SessionError(f"{name}: is damaged (JSON nested too deeply)") from None
    except ValueError as exc:  # NaN/Infinity, integers too long to read
        raise SessionError(f"{name}: is damaged ({exc})") from None


def load_session(path: str | Path, *, grid_shape: tuple[int, int] | None = None) -> Session:
    """Read and validate a ``.radviz`` file. Never writes; raises :class:`SessionError`."""
    path = Path(path)
    data = _read_document(path)
    try:
        return session_from_dict(data, grid_shape=grid_shape, name=str(path))
    except SessionError:
        raise
    except RecursionError:
        raise SessionError(f"{path}: is damaged (nested too deeply)") from None
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, MemoryError) as exc:
        # the validators above should name every problem; this is the last line
        raise SessionError(f"{path}: is damaged ({type(exc).__name__}: {exc})") from None


def _dumps(document: Mapping[str, Any]) -> bytes:
    # Masks are long lists of ints: keep them on one line, the rest readable.
    return (json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode(
        "utf-8"
    )


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, replace.

    On any failure the old file is untouched, the temporary file is removed and
    :class:`SessionError` names the problem.
    """
    target = Path(os.path.realpath(path))  # write through a symlink, do not replace it
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SessionError(f"{path}: cannot be saved ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, os.stat(target).st_mode & 0o7777 if target.exists() else 0o600)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SessionError(f"{path}: cannot be saved ({exc.strerror or exc})") from None
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        with contextlib.suppress(OSError):
            dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


def save_session(
    path: str | Path, session: Session, *, extra: Mapping[str, Any] | None = None
) -> None:
    """Write ``session`` to ``path`` atomically (see :func:`atomic_write`).

    ``extra`` adds top-level keys (the recovery file records what it recovers).
    """
    document = session_to_dict(session)
    if extra:
        document.update(extra)
    try:
        data = _dumps(document)
    except (TypeError, ValueError) as exc:
        raise SessionError(f"{path}: cannot be saved ({exc})") from None
    atomic_write(path, data)


# -------------------------------------------------------------------- recovery
class RecoveryStore:
    """The crash-recovery file ``recovery.radviz`` in ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / RECOVERY_NAME

    def write(self, session: Session, *, source: str | Path | None = None) -> None:
        """Save ``session`` atomically; ``source`` is the file it is an unsaved copy of."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SessionError(f"{self.folder}: cannot be created ({exc.strerror})") from None
        extra = {"recovery_of": str(source)} if source is not None else None
        save_session(self.path, session, extra=extra)

    def exists(self) -> bool:
        """Whether a recovery file is there."""
        return self.path.is_file()

    def read(self) -> Session | None:
        """The recovered session (``None`` if none); :class:`SessionError` if damaged."""
        if not self.exists():
            return None
        return load_session(self.path)

    def source(self) -> Path | None:
        """The file the recovered session was an unsaved copy of, if any."""
        try:
            data = _read_document(self.path)
        except SessionError:
            return None
        value = data.get("recovery_of") if isinstance(data, Mapping) else None
        return Path(value) if isinstance(value, str) and value else None

    def clear(self) -> None:
        """Remove the recovery file (nothing happens if there is none)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def describe_time(iso: str, *, now: datetime | None = None) -> str:
    """``14:05`` for today (local time), ``12 Mar 14:05`` for another day."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    if local.date() == today:
        return local.strftime("%H:%M")
    return local.strftime("%d %b %H:%M").lstrip("0")
