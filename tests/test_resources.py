"""Writing files (atomic, checked, 0600, never over an input) and checksummed caches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from radviz import resources
from radviz.resources import (
    WriteError,
    clean_temp_files,
    read_cache,
    temp_name,
    write_atomic,
    write_cache,
)

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ atomic
def test_new_file_is_private_and_checked(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    write_atomic(out, b"hello")
    assert out.read_bytes() == b"hello"
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    write_atomic(out, b"new")
    assert out.read_bytes() == b"new"
    assert os.stat(out).st_mode & 0o777 == 0o640


def test_never_over_an_input(tmp_path: Path) -> None:
    src = tmp_path / "case.radviz"
    src.write_bytes(b"session")
    link = tmp_path / "alias.radviz"
    link.symlink_to(src)
    for target in (src, link):
        with pytest.raises(WriteError, match="is the input file"):
            write_atomic(target, b"%PDF", inputs=(src,))
    assert src.read_bytes() == b"session"


def test_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "ro.radviz"
    out.write_bytes(b"keep")
    os.chmod(out, 0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_atomic(out, b"new")
    assert out.read_bytes() == b"keep"


def test_read_only_file_is_not_replaced_even_for_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ro.radviz"
    out.write_bytes(b"keep")
    os.chmod(out, 0o444)
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(WriteError, match="read-only"):
        write_atomic(out, b"new")
    assert out.read_bytes() == b"keep"


def test_hard_links_stay_one_file(tmp_path: Path) -> None:
    out = tmp_path / "a.radviz"
    out.write_bytes(b"old")
    twin = tmp_path / "b.radviz"
    os.link(out, twin)
    write_atomic(out, b"new content")
    assert twin.read_bytes() == b"new content"
    assert os.stat(out).st_ino == os.stat(twin).st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.radviz", "b.radviz"]


def test_long_names_save(tmp_path: Path) -> None:
    out = tmp_path / ("x" * 248 + ".radviz")  # 255 characters: the most a name may have
    write_atomic(out, b"data")
    assert out.read_bytes() == b"data"
    assert len(temp_name()) < 40


def test_short_write_is_refused_and_old_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    real_fdopen = os.fdopen

    class Short:
        def __init__(self, fh: object) -> None:
            self.fh = fh

        def __enter__(self) -> Short:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:  # a full disk that cuts the file short
            return int(self.fh.write(data[: len(data) // 2]))  # type: ignore[attr-defined]

        def flush(self) -> None:
            self.fh.flush()  # type: ignore[attr-defined]

        def fileno(self) -> int:
            return int(self.fh.fileno())  # type: ignore[attr-defined]

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Short(real_fdopen(fd, mode)))
    with pytest.raises(WriteError, match="reached the disk"):
        write_atomic(out, b"0123456789")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_missing_folder_and_folder_target(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="folder does not exist"):
        write_atomic(tmp_path / "no" / "x.pdf", b"x")
    with pytest.raises(WriteError, match="is a folder"):
        write_atomic(tmp_path, b"x")


# ------------------------------------------------------------ temp cleanup
def _dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(proc.stdout)


def test_clean_temp_files_removes_only_dead_writers_leftovers(tmp_path: Path) -> None:
    dead = tmp_path / f".radviz-{_dead_pid()}-0123abcd.tmp"
    dead.write_bytes(b"patient data")
    mine = tmp_path / temp_name()  # this process is alive: may be saving right now
    mine.write_bytes(b"in progress")
    other = tmp_path / ".case.radviz.tmp"  # not radviz's naming: never touched
    other.write_bytes(b"x")
    old_live = tmp_path / f".radviz-{os.getppid()}-89abcdef.tmp"
    old_live.write_bytes(b"x")
    stale = time.time() - resources.STALE_TEMP_SECONDS - 60
    os.utime(old_live, (stale, stale))
    legacy = tmp_path / ".Jane Doe.radviz.k3j_x9a1.tmp"  # the naming of earlier versions
    legacy.write_bytes(b"patient data")
    removed = clean_temp_files([tmp_path, tmp_path / "missing"])
    assert sorted(removed) == sorted([dead, old_live, legacy])
    assert mine.exists() and other.exists()


# ------------------------------------------------------------------- caches
def test_cache_round_trip_and_any_change_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "c.bin"
    assert write_cache(path, b'{"a": 1}')
    assert read_cache(path) == b'{"a": 1}'
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"1", b"2", 1))  # one number changed
    assert read_cache(path) is None
    path.write_bytes(raw[:-3])
    assert read_cache(path) is None
    path.write_bytes(b'{"a": 1}')  # valid JSON without the checksum
    assert read_cache(path) is None
    assert read_cache(tmp_path / "missing") is None


_INFER = """
from radviz.knowledge.loader import load_kb
kb = load_kb()
print(kb.model["motor"]["weak_in_territory"], len(kb.roots), len(kb.causes))
"""


def test_an_edited_knowledge_cache_never_changes_an_answer(tmp_path: Path) -> None:
    env = {**os.environ, "RADVIZ_CACHE_DIR": str(tmp_path)}

    def run() -> str:
        proc = subprocess.run(
            [sys.executable, "-c", _INFER],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    first = run()
    (cache,) = tmp_path.glob("knowledge-*.json")
    raw = cache.read_bytes()
    assert b'"weak_in_territory": 2.3' in raw
    cache.write_bytes(raw.replace(b'"weak_in_territory": 2.3', b'"weak_in_territory": 0.3'))
    assert run() == first  # the checksum fails: rebuilt from the TOML files
    # a cache someone rewrote as plain valid JSON is not trusted either
    doc = json.loads(raw[: raw.rindex(b"\0radviz-cache")])
    doc["model.toml"]["motor"]["weak_in_territory"] = 0.3
    cache.write_bytes(json.dumps(doc).encode())
    assert run() == first


def test_a_damaged_geometry_cache_is_rebuilt(tmp_path: Path) -> None:
    code = (
        "from radviz.anatomy.geometry import body_map; m = body_map(); "
        "print(len(m.regions), m.grid_shape)"
    )
    env = {**os.environ, "RADVIZ_CACHE_DIR": str(tmp_path)}

    def run() -> str:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    first = run()
    (cache,) = tmp_path.glob("geometry-*.npz")
    raw = bytearray(cache.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    cache.write_bytes(bytes(raw))
    assert run() == first
    assert read_cache(cache) is not None  # rewritten whole
