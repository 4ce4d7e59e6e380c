"""Saved sessions: ``.radviz`` files and the crash-recovery files (model layer, no Qt).

A session is a JSON object::

    {"format": "radviz-session", "schema": 2, "app_version": "0.2.0",
     "created": "2025-03-12T09:30:00+00:00", "modified": "…",
     "findings": {…contract §3, the clicked and typed findings…},
     "drawing": {"grid": [1000, 1200], "artwork": "sha256:…",
                 "masks": {"pain": {"encoding": "rle", "first": false, "runs": […]}}},
     "imaging_text": "…", "imaging": {"findings": […contract §5…]},
     "notes": "…", "patient_name": "…",
     "checksum": "sha256:…"}

``findings`` holds what was clicked and typed; the free-hand ``drawing`` adds the
symptoms it reduces to (:func:`Session.combined_findings`), exactly as in the app.
``patient_name`` is written only when someone typed one. A mask is stored as the
run lengths of its flattened (row-major) cells, starting with a run of ``first``, or,
when that would be longer, as ``"encoding": "packbits"`` with ``"data"`` the base64 of
:func:`numpy.packbits`.

Schema 2 adds two checks. ``drawing.artwork`` is the content hash of the body-map
artwork the drawing was made on: a drawing is a raster on that artwork's grid, so when
the artwork changes the file still opens and :attr:`Session.warnings` says the drawing
may now sit on other anatomy. ``checksum`` is the SHA-256 of the document's canonical
JSON without it: a file changed outside radviz (a flipped byte, a hand edit) opens
read-only (:attr:`Session.read_only`) with a warning instead of loading changed data
silently. Schema 1 files (no artwork, no checksum) still open and are saved as schema 2.

Every value is validated in Python before numpy sees it, and saving runs the same
validation on the document it is about to write: what loading would refuse, saving
refuses, naming the field (nothing is saved that cannot be reopened). Writing is
atomic and checked (:func:`radviz.resources.write_atomic`); reading never writes and
raises :class:`SessionError` with one line naming the file and the problem.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from radviz.anatomy import vocab
from radviz.messages import one_line
from radviz.reasoning.findings import (
    MAX_ENTRIES,
    Findings,
    FindingsError,
    Symptom,
    describe_type,
)
from radviz.resources import WriteError, parse_json, read_bytes_bounded, write_atomic

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MAX_NAME",
    "MAX_TEXT",
    "RECOVERY_NAME",
    "SCHEMA_VERSION",
    "RecoveryStore",
    "Session",
    "SessionError",
    "artwork_id",
    "atomic_write",
    "describe_time",
    "document_checksum",
    "load_session",
    "now_iso",
    "save_session",
    "session_from_dict",
    "session_to_dict",
    "slot_name",
]

SCHEMA_VERSION = 2
"""The schema this version writes and the newest it reads (schema 1 is migrated)."""
FORMAT = "radviz-session"
SUFFIX = ".radviz"
MAX_BYTES = 50_000_000
"""Larger files are refused unread (a session with a full drawing is well under 5 MB)."""
RECOVERY_NAME = "recovery.radviz"
MAX_TEXT = 1_000_000
"""Characters of notes or imaging text, at save and at load."""
MAX_NAME = 500
"""Characters of a patient's name, at save and at load."""
_MAX_STAMP = 64
_MAX_PATH = 4096

CHECKSUM_CHANGED = (
    "This file was changed outside radviz (its checksum does not match its content), "
    "so it is open read-only. Check the case; Save As keeps it under a new name."
)
ARTWORK_CHANGED = (
    "The drawing was made on another version of the body map, so it may now sit on "
    "different anatomy. Check it and redraw where needed."
)
GRID_CHANGED = (
    "The drawing was made on a body map of another size ({drawn}; this radviz draws on "
    "{now}), so it cannot be shown. The rest of the case is open, read-only so that the "
    "file keeps its drawing; Save As keeps a copy without it."
)
_MAX_GRID = 20_000
ARTWORK_UNKNOWN = (
    "The drawing was saved by an older radviz that did not record the body map's version. "
    "Check that it lies where it was drawn."
)


class SessionError(ValueError):
    """A session cannot be read or written; the message names the file and the problem.

    The message is always one bounded line (:func:`radviz.messages.one_line`): control
    characters and escapes from a hostile file's keys are shown escaped or dropped.
    """

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message, 600))


def now_iso() -> str:
    """The current time as ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, eq=False)
class Session:
    """Everything a ``.radviz`` file holds, and what loading it found.

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
    warnings: tuple[str, ...] = ()
    """What the user must be told about the file (checksum, artwork); not compared."""
    read_only: bool = False
    """The file failed its checksum: show it, never save over it."""

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
        # Every run is checked, and summed, in Python integers before numpy sees them:
        # int64 sums wrap around (runs of 2**63 - 1 once "covered" the grid and crashed
        # numpy.repeat).
        total = 0
        for i, r in enumerate(runs):
            if isinstance(r, bool) or not isinstance(r, int) or r < 0:
                raise SessionError(
                    f"{where}.runs[{i}]: expected a whole number ≥ 0, got {str(r)[:40]}"
                )
            total += r
            if total > n:
                raise SessionError(
                    f"{where}.runs: the runs cover more than the {n} cells of the grid "
                    f"{shape[0]}×{shape[1]}"
                )
        if total != n:
            raise SessionError(
                f"{where}.runs: the runs cover {total} cells, the grid "
                f"{shape[0]}×{shape[1]} has {n}"
            )
        arr = np.asarray(runs, dtype=np.int64)
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


@functools.cache
def artwork_id() -> str:
    """``sha256:…`` of the body-map artwork a drawing's grid belongs to (its SVG bytes)."""
    from radviz.anatomy.geometry import body_map

    try:
        data = Path(body_map().path).read_bytes()
    except OSError:
        return "sha256:unknown"
    return _sha256(data)


def _sha256(data: bytes) -> str:
    """``sha256:`` and the hex digest. hashlib loads OpenSSL (~4 ms), so it is imported
    when a session is written or checked, not when radviz starts."""
    import hashlib

    return "sha256:" + hashlib.sha256(data).hexdigest()


def _canonical(document: Mapping[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k != "checksum"}
    return json.dumps(
        body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8", errors="surrogatepass")


def document_checksum(document: Mapping[str, Any]) -> str:
    """``sha256:…`` of a session document's canonical JSON (sorted keys, no spaces),
    without its own ``checksum`` key. Reading a file back gives the same value."""
    return _sha256(_canonical(document))


def session_to_dict(
    session: Session, *, extra: Mapping[str, Any] | None = None, artwork: str | None = None
) -> dict[str, Any]:
    """The JSON document of a session (see the module docstring), with its checksum.

    ``extra`` adds top-level keys (the recovery file records what it recovers);
    ``artwork`` is the drawing's artwork id (default: :func:`artwork_id`).
    """
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
            "artwork": artwork if artwork is not None else artwork_id(),
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
    if extra:
        out.update({k: v for k, v in extra.items() if k != "checksum"})
    try:
        out["checksum"] = document_checksum(out)
    except (TypeError, ValueError) as exc:
        raise SessionError(f"cannot be saved ({exc})") from None
    return out


def session_from_dict(
    data: Any,
    *,
    grid_shape: tuple[int, int] | None = None,
    name: str = "session",
    artwork: str | None = None,
) -> Session:
    """Validate a session document and build it; raises :class:`SessionError`.

    ``grid_shape`` is the shape drawing masks must have (default: the body map's grid,
    looked up only when the file holds a drawing); ``artwork`` the current artwork id
    (default: :func:`artwork_id`, looked up likewise). ``name`` prefixes messages. A
    checksum that does not match gives a read-only session with a warning.
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
            f"{name}: was saved by a newer radviz (schema {str(schema)[:20]}); "
            f"this version reads schema {SCHEMA_VERSION}"
        )
    if schema < 1:
        raise SessionError(f"{name}: has an invalid schema version {str(schema)[:20]}")

    for key, limit in (("app_version", 100), ("recovery_of", _MAX_PATH), ("checksum", 100)):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise SessionError(
                f"{name}: {key}: expected a string of at most {limit} characters, "
                f"got {describe_type(value)}"
            )

    try:
        findings = Findings.from_dict(data.get("findings", {}))
    except FindingsError as exc:
        raise SessionError(f"{name}: invalid findings: {exc}") from None
    except RecursionError:
        raise SessionError(f"{name}: invalid findings: nested too deeply") from None

    warnings: list[str] = []
    drawing, other_grid = _drawing_from(data.get("drawing"), grid_shape, name)
    if other_grid:
        warnings.append(other_grid)
    if drawing:
        saved_on = data["drawing"].get("artwork")
        if saved_on is not None and not isinstance(saved_on, str):
            raise SessionError(
                f"{name}: bad drawing: drawing.artwork: expected a string, "
                f"got {describe_type(saved_on)}"
            )
        if saved_on is None:
            warnings.append(ARTWORK_UNKNOWN)
        elif saved_on != (artwork if artwork is not None else artwork_id()):
            warnings.append(ARTWORK_CHANGED)

    imaging_text = _text(data, "imaging_text", name)
    imaging: tuple[dict[str, Any], ...] = ()
    raw_imaging = data.get("imaging")
    if raw_imaging is not None:
        from radviz.imaging.parser import ImagingError, ImagingReport

        if isinstance(raw_imaging, list):  # a bare list of findings is accepted too
            raw_imaging = {"findings": raw_imaging}
        listed = raw_imaging.get("findings") if isinstance(raw_imaging, Mapping) else None
        if isinstance(listed, list) and len(listed) > MAX_ENTRIES:  # contract 7.1
            raise SessionError(
                f"{name}: invalid imaging: findings: {len(listed)} entries; "
                f"a list holds at most {MAX_ENTRIES}"
            )
        try:
            report = ImagingReport.from_dict(raw_imaging)
        except ImagingError as exc:
            raise SessionError(f"{name}: invalid imaging: {exc}") from None
        imaging = tuple(f.to_dict() for f in report.findings)

    notes = _text(data, "notes", name)
    patient = data.get("patient_name")
    if patient is not None and not isinstance(patient, str):
        raise SessionError(f"{name}: patient_name: expected a string, got {describe_type(patient)}")
    if patient is not None and len(patient) > MAX_NAME:
        raise SessionError(f"{name}: patient_name: longer than {MAX_NAME} characters")
    stamps = {key: _stamp(data, key, name) for key in ("created", "modified")}

    read_only = bool(other_grid)  # saving would drop the drawing the file still holds
    if schema >= 2:
        try:
            same = data.get("checksum") == document_checksum(data)
        except (TypeError, ValueError):
            same = False
        if not same:
            read_only = True
            warnings.insert(0, CHECKSUM_CHANGED)
    return Session(
        findings=findings,
        drawing=drawing,
        imaging_text=imaging_text,
        imaging=imaging,
        notes=notes,
        patient_name=patient or None,
        created=stamps["created"] or stamps["modified"] or now_iso(),
        modified=stamps["modified"] or stamps["created"] or now_iso(),
        warnings=tuple(warnings),
        read_only=read_only,
    )


_FINDINGS_KEYS = {"age", "sex", "duration_weeks", "symptoms", "motor", "reflexes", "tests", "flags"}


def _stamp(data: Mapping[str, Any], key: str, name: str) -> str:
    """An ISO 8601 time that can be shown in any time zone ('' when absent)."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > _MAX_STAMP:
        raise SessionError(f"{name}: {key}: expected an ISO 8601 date, got {describe_type(value)}")
    try:
        when = datetime.fromisoformat(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        when.astimezone(UTC).astimezone()  # 0001-01-01T00:00:00+14:00 overflows here
    except ValueError:
        raise SessionError(f"{name}: {key}: {value!r} is not an ISO 8601 date") from None
    except (OverflowError, OSError):
        raise SessionError(f"{name}: {key}: {value!r} is out of range") from None
    return value


def _text(data: Mapping[str, Any], key: str, name: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SessionError(f"{name}: {key}: expected a string, got {describe_type(value)}")
    if len(value) > MAX_TEXT:
        raise SessionError(f"{name}: {key}: longer than {MAX_TEXT} characters")
    return value


def _drawing_from(
    raw: Any, grid_shape: tuple[int, int] | None, name: str
) -> tuple[dict[str, np.ndarray], str]:
    """The drawing's masks, and a warning when it was made on a grid of another size
    (then it cannot be shown: no masks, and the file opens read-only)."""
    if raw is None:
        return {}, ""
    where = f"{name}: bad drawing: drawing"
    if not isinstance(raw, Mapping):
        raise SessionError(f"{where}: expected an object, got {describe_type(raw)}")
    masks = raw.get("masks")
    if masks is None or masks == {}:
        return {}, ""
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
    if any(g > _MAX_GRID for g in shape):
        raise SessionError(f"{where}.grid: {str(grid)[:60]} is larger than any body map")
    if shape != tuple(expected):
        return {}, GRID_CHANGED.format(
            drawn=f"{shape[0]}×{shape[1]}", now=f"{expected[0]}×{expected[1]}"
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
    return out, ""


# ----------------------------------------------------------------------- files
def _read_document(path: Path) -> Any:
    """Read and parse the JSON of ``path`` (never writes); raises :class:`SessionError`."""
    name = str(path)
    try:
        raw = read_bytes_bounded(path, MAX_BYTES)
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
        return parse_json(text)
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
    except ValueError as exc:  # _Refused; integers past Python's digit limit
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


def atomic_write(
    path: str | Path, data: bytes, *, inputs: tuple[str | os.PathLike[str], ...] = ()
) -> None:
    """Write ``data`` to ``path`` atomically and checked (:func:`radviz.resources.write_atomic`:
    same-folder temporary file, fsync, read back, rename; a new file is 0600).

    On any failure the old file is untouched, the temporary file is removed and
    :class:`SessionError` names the problem.
    """
    try:
        write_atomic(path, data, inputs=inputs)
    except WriteError as exc:
        raise SessionError(
            str(exc).replace(": cannot be written", ": cannot be saved", 1)
        ) from None


def save_session(
    path: str | Path,
    session: Session,
    *,
    extra: Mapping[str, Any] | None = None,
    inputs: tuple[str | os.PathLike[str], ...] = (),
) -> None:
    """Write ``session`` to ``path`` atomically (see :func:`atomic_write`).

    The document is first validated exactly as loading validates it: anything loading
    would refuse (a name over :data:`MAX_NAME` characters, notes over :data:`MAX_TEXT`
    …) is refused here with :class:`SessionError` naming the field, and the old file is
    kept. ``extra`` adds top-level keys (the recovery file records what it recovers);
    ``inputs`` are files that must not be written over.
    """
    where = f"{path}: cannot be saved"
    try:
        document = session_to_dict(session, extra=extra)
    except SessionError as exc:
        raise SessionError(f"{where}: {exc}") from None
    grid = None
    drawn = document.get("drawing")
    if isinstance(drawn, Mapping):
        grid = (int(drawn["grid"][0]), int(drawn["grid"][1]))
    check = session_from_dict(document, grid_shape=grid, name=where)
    if check.read_only:  # cannot happen unless the document is not plain JSON
        raise SessionError(f"{where}: its checksum does not survive a round trip")
    try:
        data = _dumps(document)
    except (TypeError, ValueError) as exc:
        raise SessionError(f"{where} ({exc})") from None
    if len(data) > MAX_BYTES:
        raise SessionError(f"{where}: larger than {MAX_BYTES // 1_000_000} MB")
    atomic_write(path, data, inputs=inputs)


# -------------------------------------------------------------------- recovery
UNREADABLE_PREFIX = "recovery-unreadable-"


class RecoveryStore:
    """The crash-recovery file of one running radviz: ``recovery.radviz`` for slot 0,
    ``recovery-N.radviz`` for slot N, in ``folder``.

    Each running instance holds its own slot (the UI takes a lock per slot), so two
    copies of radviz never write over each other's unsaved work.
    """

    def __init__(self, folder: str | Path, slot: int = 0) -> None:
        self.folder = Path(folder)
        self.slot = slot
        self.path = self.folder / slot_name(slot)

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

    def set_aside(self, now: datetime | None = None) -> Path:
        """Keep a recovery file that cannot be read: rename it to
        ``recovery-unreadable-YYYYMMDD-HHMMSS.radviz`` beside it (never delete unsaved
        work: a newer radviz may read it) and return the new path. Raises
        :class:`SessionError` if it cannot be renamed."""
        stamp = (now or datetime.now(UTC)).astimezone().strftime("%Y%m%d-%H%M%S")
        for n in range(1000):
            suffix = f"-{n}" if n else ""
            target = self.folder / f"{UNREADABLE_PREFIX}{stamp}{suffix}{SUFFIX}"
            if target.exists():
                continue
            try:
                os.link(self.path, target)  # never replaces a file of that name
            except FileExistsError:
                continue
            except OSError:
                try:
                    os.rename(self.path, target)
                except OSError as exc:
                    raise SessionError(
                        f"{self.path}: cannot be set aside ({exc.strerror or exc})"
                    ) from None
                return target
            self.clear()
            return target
        raise SessionError(f"{self.path}: cannot be set aside (too many unreadable copies)")


def slot_name(slot: int) -> str:
    """The recovery file name of slot ``slot`` (0 is ``recovery.radviz``)."""
    return RECOVERY_NAME if slot == 0 else f"recovery-{slot}{SUFFIX}"


def describe_time(iso: str, *, now: datetime | None = None) -> str:
    """``14:05`` for today (local time), ``12 Mar 14:05`` for another day."""
    try:
        when = datetime.fromisoformat(iso)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        local = when.astimezone()
        today = (now or datetime.now(UTC)).astimezone().date()
    except (ValueError, OverflowError, OSError):
        return one_line(iso, 64)
    if local.date() == today:
        return local.strftime("%H:%M")
    return local.strftime("%d %b %H:%M").lstrip("0")
