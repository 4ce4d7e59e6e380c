"""Issue #13: hostile session and recovery files, failing saves, kills during a save."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radviz.anatomy.geometry import body_map
from radviz.reasoning.findings import Findings
from radviz.resources import clean_temp_files
from radviz.storage.session import (
    ARTWORK_CHANGED,
    ARTWORK_UNKNOWN,
    CHECKSUM_CHANGED,
    MAX_NAME,
    MAX_TEXT,
    RecoveryStore,
    Session,
    SessionError,
    describe_time,
    document_checksum,
    load_session,
    save_session,
    session_to_dict,
)

ROOT = Path(__file__).resolve().parents[2]
GRID = body_map().grid_shape
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc), "utf-8")
    return path


def _drawn() -> Session:
    mask = np.zeros(GRID, dtype=bool)
    mask[600:700, 150:190] = True
    return Session(findings=Findings(age=50), drawing={"pain": mask}, notes="note")


# ------------------------------------------------------- values before numpy
def test_rle_runs_that_wrap_around_64_bits_are_refused(tmp_path: Path) -> None:
    big = 2**63 - 1
    rows, cols = GRID
    doc = {
        "format": "radviz-session",
        "schema": 1,
        "drawing": {
            "grid": [rows, cols],
            "masks": {"pain": {"encoding": "rle", "first": False, "runs": [big, big, 1200002]}},
        },
    }
    with pytest.raises(SessionError, match=r"runs: the runs cover more than"):
        load_session(_write(tmp_path / "s.radviz", doc))


def test_rle_wraparound_never_crashes_the_handout_command(tmp_path: Path) -> None:
    big = 2**63 - 1
    doc = {
        "format": "radviz-session",
        "schema": 1,
        "drawing": {
            "grid": list(GRID),
            "masks": {"pain": {"encoding": "rle", "first": False, "runs": [big, big, 1200002]}},
        },
    }
    src = _write(tmp_path / "s.radviz", doc)
    proc = subprocess.run(
        [sys.executable, "-m", "radviz", "handout", str(src), str(tmp_path / "o.pdf")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.pdf").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "radviz-session", "schema": 1, "notes": "a", "notes": "b"}', "appears twice"),
        ('{"format": "radviz-session", "schema": 1, "findings": {"age": 1e400}}', "out of range"),
        (
            '{"format": "radviz-session", "schema": 1, "findings": {"age": ' + "9" * 400 + "}}",
            "400 digits",
        ),
        (
            '{"format": "radviz-session", "schema": 1, "findings": {"age": ' + "9" * 5000 + "}}",
            "digits",
        ),
        (
            '{"format": "radviz-session", "schema": 1, "modified": "0001-01-01T00:00:00+14:00"}',
            "out of range",
        ),
    ],
)
def test_hostile_values_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "h.radviz"
    path.write_text(text, "utf-8")
    with pytest.raises(SessionError, match=message) as info:
        load_session(path)
    assert len(str(info.value)) <= 600


def test_describe_time_never_raises() -> None:
    assert describe_time("0001-01-01T00:00:00+14:00")
    assert describe_time("not a time") == "not a time"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.radviz"
    os.mkfifo(fifo)
    with pytest.raises(SessionError, match="not a regular file"):
        load_session(fifo)


# --------------------------------------------------- same limits save and load
@pytest.mark.parametrize(
    ("session", "field"),
    [
        (Session(patient_name="N" * (MAX_NAME + 1)), "patient_name"),
        (Session(notes="n" * (MAX_TEXT + 1)), "notes"),
        (Session(imaging_text="t" * (MAX_TEXT + 1)), "imaging_text"),
        (Session(modified="0001-01-01T00:00:00+14:00"), "modified"),
    ],
)
def test_save_refuses_what_load_would_refuse(tmp_path: Path, session: Session, field: str) -> None:
    path = tmp_path / "case.radviz"
    save_session(path, Session(findings=Findings(age=30)))
    before = path.read_bytes()
    with pytest.raises(SessionError, match=rf"cannot be saved: {field}"):
        save_session(path, session)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.radviz"]


def test_what_saves_reopens(tmp_path: Path) -> None:
    path = tmp_path / "case.radviz"
    s = Session(patient_name="N" * MAX_NAME, notes="n" * 1000)
    save_session(path, s)
    assert load_session(path) == s


# ----------------------------------------------------------------- checksum
def test_a_changed_byte_opens_read_only_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "case.radviz"
    save_session(path, Session(findings=Findings(age=30), notes="take 1 tablet"))
    assert not load_session(path).read_only
    path.write_bytes(path.read_bytes().replace(b"take 1 tablet", b"take 7 tablet"))
    loaded = load_session(path)
    assert loaded.read_only
    assert loaded.warnings[0] == CHECKSUM_CHANGED
    assert loaded.notes == "take 7 tablet"  # shown, so the user can see what changed


def test_checksum_survives_reformatting(tmp_path: Path) -> None:
    path = tmp_path / "case.radviz"
    save_session(path, _drawn())
    doc = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps(doc, indent=4, sort_keys=True, ensure_ascii=True), "utf-8")
    loaded = load_session(path)
    assert not loaded.read_only and loaded.warnings == ()


def test_schema_1_opens_migrated(tmp_path: Path) -> None:
    doc = session_to_dict(Session(findings=Findings(age=61), notes="old"))
    doc["schema"] = 1
    del doc["checksum"]
    path = _write(tmp_path / "old.radviz", doc)
    loaded = load_session(path)
    assert loaded.findings.age == 61 and not loaded.read_only and loaded.warnings == ()
    save_session(path, loaded)
    again = json.loads(path.read_text("utf-8"))
    assert again["schema"] == 2 and again["checksum"] == document_checksum(again)


def test_artwork_is_recorded_and_a_mismatch_is_told(tmp_path: Path) -> None:
    path = tmp_path / "drawn.radviz"
    save_session(path, _drawn())
    doc = json.loads(path.read_text("utf-8"))
    assert doc["drawing"]["artwork"].startswith("sha256:")
    assert load_session(path).warnings == ()

    doc["drawing"]["artwork"] = "sha256:" + "0" * 64  # drawn on other artwork
    doc["checksum"] = document_checksum(doc)
    loaded = load_session(_write(path, doc))
    assert loaded.warnings == (ARTWORK_CHANGED,) and not loaded.read_only
    assert loaded.drawing["pain"].any()  # still opens

    doc["schema"] = 1  # an old file with a drawing: the artwork is unknown
    del doc["drawing"]["artwork"], doc["checksum"]
    assert load_session(_write(path, doc)).warnings == (ARTWORK_UNKNOWN,)


# ----------------------------------------------------------------- recovery
def test_unreadable_recovery_is_set_aside_never_deleted(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path)
    store.path.write_bytes(b'{"format": "radviz-session", "schema": 99}')
    with pytest.raises(SessionError, match="newer radviz"):
        store.read()
    kept = store.set_aside(datetime(2026, 3, 1, 12, 0, 5, tzinfo=UTC))
    assert not store.exists()
    assert kept.read_bytes() == b'{"format": "radviz-session", "schema": 99}'
    assert kept.name.startswith("recovery-unreadable-2026030")
    store.path.write_bytes(b"x")
    second = store.set_aside(datetime(2026, 3, 1, 12, 0, 5, tzinfo=UTC))
    assert second != kept and kept.exists() and second.exists()


def test_recovery_slots_are_separate(tmp_path: Path) -> None:
    a, b = RecoveryStore(tmp_path, 0), RecoveryStore(tmp_path, 1)
    a.write(Session(findings=Findings(age=1)))
    b.write(Session(findings=Findings(age=2)))
    assert a.path != b.path
    assert (a.read() or Session()).findings.age == 1
    assert (b.read() or Session()).findings.age == 2


# ------------------------------------------------------------ kill during save
_KILLER = """
import os, signal, sys
from radviz.reasoning.findings import Findings
from radviz.storage.session import Session, save_session
real = os.fsync
def fsync_then_die(fd):
    real(fd)
    os.kill(os.getpid(), signal.SIGKILL)  # the new bytes are on disk, not yet renamed
os.fsync = fsync_then_die
save_session(sys.argv[1], Session(findings=Findings(age=77), patient_name="New Name"))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_during_save_keeps_the_old_file_and_start_cleans_the_temp(tmp_path: Path) -> None:
    path = tmp_path / "case.radviz"
    save_session(path, Session(findings=Findings(age=33)))
    before = path.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLER), str(path)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before  # never torn
    assert load_session(path).findings.age == 33
    leftovers = [p for p in tmp_path.iterdir() if p != path]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".radviz-")
    assert clean_temp_files([tmp_path]) == leftovers
    assert [p.name for p in tmp_path.iterdir()] == ["case.radviz"]


# ------------------------------------------------------------------- fuzzing
_text = st.text(max_size=40)


@FUZZ
@given(
    name=st.none() | _text,
    notes=_text,
    age=st.none() | st.integers(0, 120),
    stamp=st.sampled_from(["2026-01-01T00:00:00+00:00", "0001-01-01T00:00:00+14:00", "x"]),
)
def test_fuzz_save_either_refuses_or_reopens_equal(
    tmp_path: Path, name: str | None, notes: str, age: int | None, stamp: str
) -> None:
    path = tmp_path / "f.radviz"
    session = Session(findings=Findings(age=age), patient_name=name, notes=notes, modified=stamp)
    try:
        save_session(path, session)
    except SessionError as exc:
        assert "\n" not in str(exc)
        return
    loaded = load_session(path)
    assert not loaded.read_only
    assert (loaded.notes, loaded.patient_name, loaded.findings) == (
        session.notes,
        session.patient_name or None,
        session.findings,
    )


_VALID = json.dumps(session_to_dict(_drawn())).encode()


@FUZZ
@given(pos=st.integers(0, len(_VALID) - 1), value=st.integers(0, 255))
def test_fuzz_recovery_file_byte_flips(tmp_path: Path, pos: int, value: int) -> None:
    store = RecoveryStore(tmp_path)
    data = bytearray(_VALID)
    changed = data[pos] != value
    data[pos] = value
    store.path.write_bytes(bytes(data))
    try:
        session = store.read()
    except SessionError as exc:
        assert "\n" not in str(exc)
        return
    assert session is not None
    if changed:  # a flipped byte that changes the content is never loaded silently
        assert session.read_only or json.loads(bytes(data)) == json.loads(_VALID)


def test_more_than_500_imaging_findings_are_refused_at_load_and_save(tmp_path: Path) -> None:
    finding = {
        "level": "L4-L5",
        "side": "left",
        "zone": "paracentral",
        "lesion": "protrusion",
        "severity": "mild",
    }
    doc = {"format": "radviz-session", "schema": 1, "imaging": {"findings": [finding] * 501}}
    with pytest.raises(SessionError, match=r"imaging: findings: 501 entries"):
        load_session(_write(tmp_path / "i.radviz", doc))
    with pytest.raises(SessionError, match=r"cannot be saved: invalid imaging"):
        save_session(tmp_path / "j.radviz", Session(imaging=(finding,) * 501))
