"""Saved sessions: round trip, atomic writes, and a loader that only ever says SessionError."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radviz.anatomy.geometry import body_map
from radviz.reasoning.findings import Findings
from radviz.storage.session import (
    SCHEMA_VERSION,
    RecoveryStore,
    Session,
    SessionError,
    load_session,
    save_session,
    session_from_dict,
    session_to_dict,
)
from radviz.training.demos import DEMOS

GRID = body_map().grid_shape


def _stroke(r0: int, r1: int, c0: int, c1: int) -> np.ndarray:
    m = np.zeros(GRID, dtype=bool)
    m[r0:r1, c0:c1] = True
    return m


def _session() -> Session:
    demo = DEMOS["classic_l5"]
    noisy = np.random.default_rng(1).random(GRID) < 0.3  # forces the packbits encoding
    return Session(
        findings=demo.to_findings(),
        drawing={"pain": _stroke(600, 700, 150, 190), "numbness": noisy},
        imaging_text=demo.imaging_text or "",
        imaging=(
            {
                "level": "L4-L5",
                "side": "right",
                "zone": "paracentral",
                "lesion": "protrusion",
                "severity": "moderate",
                "certainty": "definite",
                "roots": [{"root": "L5", "side": "right", "relation": "traversing"}],
                "text": "L4-L5: right paracentral disc protrusion",
            },
        ),
        notes="Seen in clinic; follow up in 6 weeks.\nSecond line — ünïcode.",
        patient_name="Alex Example",
    )


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "case.radviz"
    save_session(path, _session())
    return path


# ---------------------------------------------------------------- round trip
def test_round_trip_equals_original(tmp_path: Path) -> None:
    original = _session()
    path = tmp_path / "case.radviz"
    save_session(path, original)
    loaded = load_session(path)
    assert loaded == original
    for kind, mask in original.drawing.items():
        assert loaded.drawing[kind].dtype == bool
        assert np.array_equal(loaded.drawing[kind], mask)
    assert loaded.findings == original.findings
    assert loaded.combined_findings() == original.combined_findings()


def test_empty_session_round_trip(tmp_path: Path) -> None:
    s = Session()
    save_session(tmp_path / "e.radviz", s)
    assert load_session(tmp_path / "e.radviz") == s


def test_file_is_versioned_json_without_unasked_name(tmp_path: Path) -> None:
    path = tmp_path / "a.radviz"
    save_session(path, Session(findings=Findings(age=40)))
    doc = json.loads(path.read_text("utf-8"))
    assert doc["format"] == "radviz-session"
    assert doc["schema"] == SCHEMA_VERSION
    assert doc["findings"] == {"age": 40}
    assert "patient_name" not in doc  # stored only if typed


def test_mask_encodings_are_compact() -> None:
    doc = session_to_dict(Session(drawing={"pain": _stroke(10, 20, 10, 20)}))
    enc = doc["drawing"]["masks"]["pain"]
    assert enc["encoding"] == "rle"
    assert sum(enc["runs"]) == GRID[0] * GRID[1]
    assert len(enc["runs"]) == 21  # 10 rows of paint: 2 runs each, plus the tail


def test_a_drawing_on_another_grid_is_told_and_the_file_kept() -> None:
    doc = session_to_dict(
        Session(findings=Findings(age=30), drawing={"pain": np.ones((4, 5), dtype=bool)})
    )
    other = session_from_dict(doc)  # the body map's grid is not 4×5
    assert other.drawing == {} and other.findings.age == 30  # the rest of the case opens
    assert other.read_only  # a save would drop the drawing the file still holds
    assert "4×5" in other.warnings[0] and "cannot be shown" in other.warnings[0]
    assert session_from_dict(doc, grid_shape=(4, 5)).drawing["pain"].shape == (4, 5)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "not a radviz session"),
        (lambda d: d.pop("format"), "not a radviz session"),
        (lambda d: d.update(schema=3), r"newer radviz \(schema 3\); this version reads schema 2"),
        (lambda d: d.update(schema="1"), "schema version"),
        (lambda d: d["findings"].update(age=400), r"invalid findings: age"),
        (
            lambda d: d["findings"]["symptoms"][0].update(zone="elbow"),
            r"symptoms\[0\]\.zone",
        ),
        (lambda d: d["drawing"].update(grid=[3, 10**9]), "bad drawing.*larger than"),
        (lambda d: d["drawing"].update(grid=[3]), "bad drawing.*grid"),
        (lambda d: d["drawing"]["masks"]["pain"]["runs"].append(5), "bad drawing.*runs"),
        (lambda d: d["drawing"]["masks"].update(itch={}), "unknown symptom kind"),
        (lambda d: d["imaging"]["findings"][0].update(level="C5-C6"), "invalid imaging"),
        (lambda d: d.update(notes=5), "notes"),
        (lambda d: d.update(modified="yesterday"), "modified"),
    ],
)
def test_invalid_documents_name_the_problem(saved: Path, mutate: object, message: str) -> None:
    doc = json.loads(saved.read_text("utf-8"))
    mutate(doc)  # type: ignore[operator]
    saved.write_text(json.dumps(doc), "utf-8")
    before = saved.read_bytes()
    with pytest.raises(SessionError, match=message) as info:
        load_session(saved)
    assert str(saved) in str(info.value)
    assert saved.read_bytes() == before


def test_findings_document_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(DEMOS["classic_l5"].findings), "utf-8")
    with pytest.raises(SessionError, match="findings document, not a radviz session"):
        load_session(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a text file"),
        (b"hello world", "invalid JSON"),
        (b"[1, 2, 3]", "not a radviz session"),
        (b'{"format": "radviz-session", "schema": 1, "findings": {"age": NaN}}', "NaN"),
        (b"[" * 100_000, "truncated|nested too deeply|damaged"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.radviz"
    path.write_bytes(content)
    with pytest.raises(SessionError, match=message):
        load_session(path)
    assert path.read_bytes() == content


def test_truncated_file_says_so(saved: Path) -> None:
    data = saved.read_bytes()
    saved.write_bytes(data[: len(data) // 2])
    with pytest.raises(SessionError, match="truncated"):
        load_session(saved)


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="file not found"):
        load_session(tmp_path / "nope.radviz")
    with pytest.raises(SessionError, match="folder"):
        load_session(tmp_path)


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import radviz.storage.session as mod

    monkeypatch.setattr(mod, "MAX_BYTES", 100)
    path = tmp_path / "big.radviz"
    path.write_bytes(b" " * 200)
    with pytest.raises(SessionError, match="larger than"):
        load_session(path)


# ------------------------------------------------------------------- fuzzing
def _check_only_session_error(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    try:
        load_session(path)
    except SessionError as exc:
        assert str(path) in str(exc)
        assert "\n" not in str(exc)
    assert path.read_bytes() == content


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=400))
def test_fuzz_random_bytes(tmp_path: Path, content: bytes) -> None:
    _check_only_session_error(tmp_path / "fuzz.radviz", content)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
_keys = st.sampled_from(
    [
        "format",
        "schema",
        "findings",
        "drawing",
        "imaging",
        "imaging_text",
        "notes",
        "patient_name",
        "created",
        "modified",
        "grid",
        "masks",
        "symptoms",
        "runs",
    ]
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    doc=st.fixed_dictionaries(
        {"format": st.just("radviz-session") | _json, "schema": st.just(1) | _json},
        optional={
            "findings": _json,
            "drawing": st.fixed_dictionaries(
                {"grid": st.just(list(GRID)) | _json, "masks": st.dictionaries(_keys, _json)}
            )
            | _json,
            "imaging": _json,
            "notes": _json,
            "patient_name": _json,
            "created": _json,
        },
    )
    | _json
)
def test_fuzz_random_json(tmp_path: Path, doc: object) -> None:
    _check_only_session_error(tmp_path / "fuzz.radviz", json.dumps(doc).encode("utf-8"))


_VALID = json.dumps(session_to_dict(_session())).encode("utf-8")


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=len(_VALID) - 1),
    flips=st.lists(st.tuples(st.integers(0, len(_VALID) - 1), st.integers(0, 255)), max_size=3),
)
def test_fuzz_truncated_and_corrupted_valid_file(
    tmp_path: Path, cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(_VALID)
    for pos, value in flips:
        data[pos] = value
    _check_only_session_error(tmp_path / "fuzz.radviz", bytes(data[:cut]))


# ------------------------------------------------------------------- atomic
def test_failed_replace_leaves_old_file_and_no_temp(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(SessionError, match=r"cannot be saved.*No space left"):
        save_session(saved, Session(findings=Findings(age=99)))
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]


def test_failed_write_leaves_old_file(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved.read_bytes()

    def boom(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(SessionError):
        save_session(saved, Session(findings=Findings(age=99)))
    assert saved.read_bytes() == before
    assert [p.name for p in saved.parent.iterdir()] == [saved.name]


def test_save_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="cannot be saved"):
        save_session(tmp_path / "no" / "such" / "case.radviz", Session())


def test_save_keeps_existing_permissions(saved: Path) -> None:
    os.chmod(saved, 0o640)
    save_session(saved, Session())
    assert os.stat(saved).st_mode & 0o777 == 0o640


# ----------------------------------------------------------------- recovery
def test_recovery_store(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "data")
    assert not store.exists()
    assert store.read() is None
    s = _session()
    store.write(s, source=tmp_path / "case.radviz")
    assert store.exists()
    assert store.path.name == "recovery.radviz"
    assert store.read() == s
    assert store.source() == tmp_path / "case.radviz"
    store.clear()
    assert not store.exists()
    store.clear()  # twice is fine


def test_recovery_damaged_raises(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path)
    store.path.write_bytes(b'{"format": "radviz-session", "sch')
    with pytest.raises(SessionError, match="truncated"):
        store.read()
