"""One door to radviz's packaged files (no Qt).

The SVG art lives in ``assets/svg`` at the repository root. A wheel built by hatchling
force-includes it as ``radviz/assets/svg``, so an installed radviz finds it next to its
modules, while a source checkout (or an editable install) finds it one level up.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import zlib
from pathlib import Path, PurePosixPath

__all__ = [
    "asset_path",
    "cache_dir",
    "content_key",
    "data_dir",
    "knowledge_dir",
    "svg_dirs",
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


def write_cache(path: Path, data: bytes) -> bool:
    """Write a cache file atomically (temporary file, then rename); ``False`` if it could
    not be written. A cache is only an optimisation, so failures are not errors."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return False
    return True
