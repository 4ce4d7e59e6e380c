"""One door to radviz's files (no Qt): where they are, how they are read and written.

- Folders: the packaged knowledge and artwork, :func:`cache_dir` for derived data,
  :func:`data_dir` for the user's data (recovery copies, practice history).
- Writing: :func:`write_atomic` for every file radviz writes (same-folder temporary
  file of radviz's own naming, fsync, read back, rename; 0600 when new; never over an
  input file, a read-only file or a folder), :func:`clean_temp_files` for what a killed
  writer left.
- Caches: :func:`write_cache` / :func:`read_cache`, each cache checked against its own
  content checksum, so an edited or torn cache is rebuilt and never changes an answer.
- Reading: :func:`read_bytes_bounded` (never blocks on a FIFO, bounded size) and
  :func:`parse_json` (no duplicate keys, NaN, huge numbers) for every input document.

The SVG art lives in ``assets/svg`` at the repository root. A wheel built by hatchling
force-includes it as ``radviz/assets/svg``, so an installed radviz finds it next to its
modules, while a source checkout (or an editable install) finds it one level up.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = [
    "WriteError",
    "asset_path",
    "cache_dir",
    "clean_temp_files",
    "content_key",
    "data_dir",
    "icon_path",
    "knowledge_dir",
    "parse_json",
    "read_bytes_bounded",
    "read_cache",
    "svg_dirs",
    "temp_name",
    "write_atomic",
    "write_cache",
]


def _package_dir() -> Path:
    """The directory of the ``radviz`` package on disk.

    radviz ships as plain files (wheel or checkout), so this module's own folder is the
    package; ``importlib.resources`` would cost a few milliseconds of start-up to say so.
    """
    return Path(__file__).resolve().parent


def svg_dirs() -> list[Path]:
    """The places searched for SVG assets, in order: installed wheel, source checkout."""
    package = _package_dir()
    return [package / "assets" / "svg", package.parent / "assets" / "svg"]


def asset_path(name: str) -> Path:
    """Return the path of ``assets/svg/NAME``.

    The first candidate of :func:`svg_dirs` that holds the file wins. When none does, the
    path returned is the one a source checkout (or, failing that, a wheel) would use, so
    the caller's "file not found" message names a sensible place.
    """
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or len(pure.parts) != 1:
        raise ValueError(f"asset name must be a plain file name, not {name!r}")
    candidates = [folder / name for folder in svg_dirs()]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    for candidate in reversed(candidates):  # prefer the checkout's folder if it exists
        if candidate.parent.is_dir():
            return candidate
    return candidates[0]


def icon_path(name: str = "radviz.svg") -> Path:
    """Return the path of ``assets/icons/NAME``: the app icon's SVG (the default) or one
    of its rendered sizes, ``radviz-<N>.png`` (``scripts/build_icons.py``).

    Searched like :func:`asset_path`: the installed wheel's ``radviz/assets/icons``
    first, then the checkout's ``assets/icons``; when neither holds it, the wheel's path.
    """
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or len(pure.parts) != 1:
        raise ValueError(f"icon name must be a plain file name, not {name!r}")
    package = _package_dir()
    candidates = [package / "assets" / "icons" / name, package.parent / "assets" / "icons" / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return candidates[0]


def knowledge_dir() -> Path:
    """Return the directory of the packaged knowledge base (``radviz/knowledge``)."""
    return _package_dir() / "knowledge"


def cache_dir() -> Path:
    """Where derived data (parsed geometry and knowledge) is cached between runs.

    ``RADVIZ_CACHE_DIR`` when set, otherwise ``$XDG_CACHE_HOME/radviz`` (``~/.cache``).
    Everything there can be deleted at any time; it is rebuilt on demand.
    """
    env = os.environ.get("RADVIZ_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "radviz"


def data_dir() -> Path:
    """Where radviz keeps the user's data (practice history, recovery file).

    ``RADVIZ_DATA_DIR`` when set, otherwise one ``radviz`` folder in the platform's
    per-user data folder: ``$XDG_DATA_HOME/radviz`` (``~/.local/share/radviz``) on Linux,
    ``~/Library/Application Support/radviz`` on macOS, ``%APPDATA%\\radviz`` on Windows.
    (Qt's app-data location adds the organisation too, which for radviz doubled the
    folder: ``…/radviz/radviz``.)
    """
    env = os.environ.get("RADVIZ_DATA_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "radviz"


def content_key(*parts: bytes) -> str:
    """A short key for cache files that changes whenever any of ``parts`` changes.

    CRC-32 and Adler-32 together with the total length: ample to tell versions of our own
    files apart, and zlib is already loaded, where hashlib would load OpenSSL (~3 ms of
    start-up). Not for anything that must resist a deliberate collision.
    """
    crc, adler, size = 0, 1, 0
    for part in parts:
        crc = zlib.crc32(part, crc)
        adler = zlib.adler32(part, adler)
        size += len(part)
    return f"{crc:08x}{adler:08x}{size:x}"


# ------------------------------------------------------------------ writing files
# Every file radviz writes (sessions, the recovery file, handouts, pictures, caches,
# exports) goes through write_atomic: the bytes go to a temporary file in the target's
# folder, named by radviz's own pattern, are synced and read back, and only then take
# the target's name. A kill at any moment leaves the old file or the new one, never a
# torn one; what a killed writer leaves behind is removed by clean_temp_files at start.
TEMP_PREFIX = ".radviz-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.radviz-(\d{1,10})-[0-9a-f]{8}\.tmp")
_LEGACY_TEMP = re.compile(r"\..+\.radviz\.[a-z0-9_]{8}\.tmp")
"""The temporary name of a session save in earlier radviz versions (``.case.radviz.k3j_x9a1.tmp``):
such leftovers hold patients' cases too, and no radviz writes them any more."""
STALE_TEMP_SECONDS = 24 * 3600
"""A temporary file of radviz's naming this old is removed even if its writer's process
id is in use again (by another program)."""


class WriteError(OSError):
    """A file could not be written; the message is one line naming the file and why.

    The old file (if any) is untouched and no temporary file is left behind.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


def temp_name() -> str:
    """A fresh temporary file name of radviz's pattern: ``.radviz-PID-RANDOM.tmp``.

    Short whatever the target is called (a target name of 255 characters still saves)
    and recognisable, so leftovers of a killed writer can be found and removed.
    """
    return f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _same_file(a: Path, b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    mode: int = 0o600,
    inputs: tuple[str | os.PathLike[str], ...] = (),
    durable: bool = True,
) -> Path:
    """Write ``data`` to ``path`` atomically and check it; return the path written.

    The bytes go to a temporary file of :func:`temp_name` in the same folder, are synced
    (``durable``) and read back, then renamed over ``path``. A new file gets ``mode``
    (0600 by default: radviz's files hold patient data); a replaced file keeps its own
    permissions. A symbolic link is written through, and a file with several hard links
    is rewritten in place (from the checked temporary copy) so the links stay one file.

    Refused with :class:`WriteError`, before anything is written: ``path`` is a folder
    or not a regular file, is one of ``inputs`` (never write over what was read), or
    is read-only (a read-only file is never silently replaced). On any failure the old
    file is untouched and the temporary file is removed.
    """
    shown = os.fspath(path)
    target = Path(os.path.realpath(path))  # write through a symlink, do not replace it
    for source in inputs:
        if _same_file(target, source) or target == Path(os.path.realpath(source)):
            raise WriteError(f"{shown}: is the input file; choose another name for the output")
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(f"{shown}: cannot be written ({_reason(exc)})") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise WriteError(f"{shown}: is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise WriteError(f"{shown}: is not a regular file")
        # No write permission for anyone also counts for root, whom access() lets by.
        if not (st.st_mode & 0o222) or not os.access(target, os.W_OK):
            raise WriteError(f"{shown}: is read-only; save under another name")
    folder = target.parent
    tmp = folder / temp_name()
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except OSError as exc:
        if not folder.is_dir():
            raise WriteError(f"{shown}: cannot be written (the folder does not exist)") from None
        raise WriteError(f"{shown}: cannot be written ({_reason(exc)})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        _check(tmp, data, shown)
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else mode)
        if st is not None and st.st_nlink > 1:
            _rewrite_in_place(target, data, shown, durable)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, WriteError):
            raise
        if isinstance(exc, OSError):
            raise WriteError(f"{shown}: cannot be written ({_reason(exc)})") from None
        raise
    if durable:
        _sync_folder(folder)
    return target


def _check(file: Path, data: bytes, shown: str) -> None:
    """Read ``file`` back: it must hold exactly ``data`` (a full disk can cut it short)."""
    with open(file, "rb") as fh:
        back = fh.read(len(data) + 1)
    if back != data:
        raise WriteError(
            f"{shown}: cannot be written (only {len(back)} of {len(data)} bytes reached the disk)"
        )


def _rewrite_in_place(target: Path, data: bytes, shown: str, durable: bool) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        if durable:
            os.fsync(fh.fileno())
    _check(target, data, shown)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def clean_temp_files(
    folders: Iterable[str | os.PathLike[str]], *, now: float | None = None
) -> list[Path]:
    """Remove temporary files of radviz's naming (:func:`temp_name`, and the older
    ``.NAME.radviz.XXXXXXXX.tmp``) left by a killed writer in ``folders``; return the
    paths removed.

    A file is left alone while the process that made it is alive (it may be saving
    right now), unless it is older than :data:`STALE_TEMP_SECONDS`. Nothing else is ever
    touched, and a folder that cannot be read is skipped.
    """
    removed: list[Path] = []
    clock = time.time() if now is None else now
    seen: set[str] = set()
    for folder in folders:
        key = os.path.realpath(folder)
        if key in seen:
            continue
        seen.add(key)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _TEMP_NAME.fullmatch(entry.name)
            legacy = match is None and _LEGACY_TEMP.fullmatch(entry.name) is not None
            if match is None and not legacy:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    continue
                old = clock - info.st_mtime > STALE_TEMP_SECONDS
                if legacy or old or not _pid_alive(int(match.group(1)) if match else 0):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue
    return removed


# ----------------------------------------------------------------------- caches
# A cache file is its content followed by a trailer: a marker and the content's own
# checksum. A cache whose checksum does not match (edited, truncated, torn, from another
# version) is ignored and rebuilt from the source files, so a cache can never change
# an answer, only its speed.
_CACHE_MAGIC = b"\0radviz-cache-1\0"
_CACHE_TRAILER = len(_CACHE_MAGIC) + 4 + 4 + 8


def _cache_sum(data: bytes) -> bytes:
    return (
        zlib.crc32(data).to_bytes(4, "big")
        + zlib.adler32(data).to_bytes(4, "big")
        + len(data).to_bytes(8, "big")
    )


def write_cache(path: Path, data: bytes) -> bool:
    """Write a cache file atomically, with its checksum; ``False`` if it could not be
    written. A cache is only an optimisation, so failures are not errors."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data + _CACHE_MAGIC + _cache_sum(data), mode=0o644, durable=False)
    except OSError:
        return False
    return True


def read_cache(path: Path) -> bytes | None:
    """The content of a cache file written by :func:`write_cache`, or ``None`` when it
    is missing, unreadable, or its checksum does not match its content."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except (OSError, ValueError):
        return None
    if len(raw) < _CACHE_TRAILER:
        return None
    data, trailer = raw[:-_CACHE_TRAILER], raw[-_CACHE_TRAILER:]
    if trailer != _CACHE_MAGIC + _cache_sum(data):
        return None
    return data


# ------------------------------------------------------------------ reading files
# Every JSON document radviz reads (sessions, findings, recovery files) goes through
# parse_json, and every input file through read_bytes_bounded: one policy for what a
# hostile file may hold.
MAX_DIGITS = 30
"""Digits of a whole number in radviz's JSON (no value radviz reads needs more)."""


class _Refused(ValueError):
    """A JSON value radviz never reads (raised from the parser's hooks)."""


def _reject_constant(token: str) -> Any:
    raise _Refused(f"{token} is not allowed")


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _Refused(f"a number of {digits} digits ({text[:12]}…) is out of range")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:40]} is out of range")
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"the key {key[:60]!r} appears twice in one object")
        out[key] = value
    return out


def parse_json(text: str) -> Any:
    """Parse JSON as radviz reads it everywhere: no NaN or Infinity, no number too long
    or too large for a float, no key twice in one object. Raises
    :class:`json.JSONDecodeError`, :class:`RecursionError` or :class:`ValueError` (with
    a message naming the value)."""
    return json.loads(
        text,
        parse_constant=_reject_constant,
        parse_int=_parse_int,
        parse_float=_parse_float,
        object_pairs_hook=_object,
    )


def read_bytes_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of a regular file, never blocking on a pipe or device.

    Raises :class:`OSError` (``FileNotFoundError``, ``IsADirectoryError``,
    ``PermissionError``, or one whose ``strerror`` says it is not a regular file).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file (a pipe, device or socket)")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
