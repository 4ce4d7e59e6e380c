"""The command line (contract §6): output shapes and exit status 2 on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radviz import __version__
from radviz.cli import main

ROOT = Path(__file__).resolve().parent.parent


def radviz(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "radviz", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_infer_json_from_stdin() -> None:
    doc = {
        "age": 42,
        "symptoms": [{"zone": "foot_dorsum", "side": "left", "kind": "numbness"}],
        "motor": [{"movement": "great_toe_extension", "side": "left", "grade": 4}],
    }
    proc = radviz("infer", "--json", "-", stdin=json.dumps(doc))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= {
        "pattern",
        "roots",
        "levels",
        "causes",
        "differentials",
        "red_flags",
        "treatments",
    }
    assert out["roots"][0]["root"] == "L5" and out["roots"][0]["side"] == "left"
    assert {"finding", "weight"} <= out["roots"][0]["evidence"][0].keys()


def test_infer_text_for_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.json"
    path.write_text(
        json.dumps({"symptoms": [{"zone": "saddle", "side": "midline", "kind": "numbness"}]})
    )
    assert main(["infer", str(path)]) == 0
    out = capsys.readouterr().out
    assert "RED FLAGS" in out and "EMERGENCY" in out and "does not diagnose" in out


@pytest.mark.parametrize(
    ("stdin", "needle"),
    [
        ("{not json", "malformed JSON"),
        ("", "empty input"),
        ('{"age": "old"}', "age"),
        ('{"symptoms": [{"zone": "elbow", "side": "left", "kind": "pain"}]}', "symptoms[0].zone"),
        ('{"motor": [{"movement": "hip_flexion", "side": "left", "grade": 9}]}', "motor[0].grade"),
        ("[1, 2]", "findings"),
        ('{"flags": {"fever": 1}}', "flags.fever"),
    ],
)
def test_bad_input_exits_2_with_one_line(stdin: str, needle: str) -> None:
    proc = radviz("infer", "--json", "-", stdin=stdin)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_file_and_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["infer", "/nonexistent/case.json"]) == 2
    assert "/nonexistent/case.json" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_kb_json_lists_every_collection() -> None:
    proc = radviz("kb", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    for name in ("roots", "causes", "treatments", "tests", "differentials", "red_flags", "zones"):
        assert doc[name]
        assert all(item["sources"] for item in doc[name])
    grades = {t["id"]: t["evidence"] for t in doc["treatments"]}
    assert grades["gabapentinoids"] == "not_recommended"


def test_kb_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb"]) == 0
    assert "treatments" in capsys.readouterr().out


# ----------------------------------------------------- hostile input and output
def _one_line(proc: subprocess.CompletedProcess[str], status: int) -> str:
    assert proc.returncode == status, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("stdin", "needle"),
    [
        ('{"age": ' + "9" * 309 + "}", "309 digits"),
        ('{"age": ' + "9" * 4300 + "}", "4300 digits"),
        ('{"age": 1e400}', "out of range"),
        ('{"age": NaN}', "NaN"),
        ('{"age": 40, "age": 41}', "'age' appears twice"),
        ('{"flags": {"fever": true, "fever": false}}', "'fever' appears twice"),
        ("\ufeff" + '{"age": 40, "age": 1}', "appears twice"),
    ],
)
def test_hostile_json_is_one_line_exit_2(stdin: str, needle: str) -> None:
    assert needle in _one_line(radviz("infer", "--json", "-", stdin=stdin), 2)


def test_a_byte_order_mark_is_accepted() -> None:
    proc = radviz("infer", "--json", "-", stdin='\ufeff{"age": 40}')
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["pattern"]


def test_error_text_is_sanitised_and_bounded() -> None:
    key = "x\n\u001b[31mred\u001b[0m"
    line = _one_line(radviz("infer", "-", stdin=json.dumps({key: 1})), 2)
    assert "\x1b" not in line
    big = json.dumps({"sex": "y" * 2_000_000})
    assert len(_one_line(radviz("infer", "-", stdin=big), 2)) <= 500


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "in.json"
    os.mkfifo(fifo)
    assert "not a regular file" in _one_line(radviz("infer", str(fifo)), 2)


def _shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, **env},
    )


PY = f"'{sys.executable}' -m radviz"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_on_stdout_is_exit_1() -> None:
    proc = _shell(f"{PY} kb --json > /dev/full")
    assert "No space left" in _one_line(proc, 1)


def test_closed_stdout_and_stdin() -> None:
    assert "standard output is closed" in _one_line(_shell(f"{PY} kb >&-"), 1)
    assert "standard input is closed" in _one_line(_shell(f"{PY} infer - <&-"), 2)


def test_ascii_terminal_gets_escaped_output() -> None:
    proc = _shell(f"{PY} kb --json", PYTHONIOENCODING="ascii")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)  # non-ASCII text escaped as \\uXXXX, still valid JSON
    assert doc["roots"]
    proc = _shell(f"{PY} kb", PYTHONIOENCODING="ascii")
    assert proc.returncode == 0, proc.stderr
    proc = _shell(f'echo \'{{"age": "\u00e9"}}\' | {PY} infer -', PYTHONIOENCODING="ascii")
    _one_line(proc, 2)


# --------------------------------------------------------------------- handout
def _session_file(tmp_path: Path) -> Path:
    from radviz.reasoning.findings import Findings
    from radviz.storage.session import Session, save_session

    path = tmp_path / "case.radviz"
    save_session(path, Session(findings=Findings(age=40)))
    return path


def test_handout_never_writes_over_its_session(tmp_path: Path) -> None:
    src = _session_file(tmp_path)
    before = src.read_bytes()
    alias = tmp_path / "alias.radviz"
    alias.symlink_to(src)
    for out in (src, alias):
        assert "session file itself" in _one_line(radviz("handout", str(src), str(out)), 2)
    assert src.read_bytes() == before


_FULL_DISK = """
import os, sys
def full_disk(_fd):
    raise OSError(28, "No space left on device")
os.fsync = full_disk
from radviz.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_handout_output_failures_are_exit_1_and_atomic(tmp_path: Path) -> None:
    # Rendering runs in child processes: a handout leaves Qt views behind in the
    # process that made it, and this suite's Qt tests must not inherit them.
    src = _session_file(tmp_path)
    line = _one_line(radviz("handout", str(src), str(tmp_path / "no" / "o.pdf")), 1)
    assert "does not exist" in line

    out = tmp_path / "o.pdf"
    out.write_bytes(b"%PDF old")
    proc = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, "handout", str(src), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert "No space left" in _one_line(proc, 1)
    assert out.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.radviz", "o.pdf"]

    assert radviz("handout", str(src), str(tmp_path / "new.pdf")).returncode == 0
    made = tmp_path / "new.pdf"
    assert made.read_bytes().startswith(b"%PDF")
    assert os.stat(made).st_mode & 0o777 == 0o600  # it holds patient data


def test_screenshot_into_a_missing_folder_fails_at_once(tmp_path: Path) -> None:
    import time

    start = time.monotonic()
    proc = radviz("--screenshot", str(tmp_path / "no" / "shot.png"))
    assert "does not exist" in _one_line(proc, 2)
    assert time.monotonic() - start < 3.0  # no window is built first


# ------------------------------------------------------------------- fuzzing
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(["left", "right", "midline", "pain", "slr", "positive", "heel"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "age",
                    "sex",
                    "symptoms",
                    "motor",
                    "reflexes",
                    "tests",
                    "flags",
                    "zone",
                    "side",
                    "kind",
                    "grade",
                    "angle",
                    "test",
                    "result",
                    "pain_score",
                    "imaging",
                    "x\n",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(doc=_JSON)
def test_fuzz_infer_answers_every_findings_document_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], doc: object
) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps(doc), "utf-8")
    status = main(["infer", "--json", str(path)])
    out, err = capsys.readouterr()
    assert status in (0, 2)
    if status == 0:
        assert json.loads(out)["pattern"]
    else:
        assert out == "" and len(err.strip().splitlines()) == 1


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_fuzz_imaging_reads_any_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    assert main(["imaging", "--json", str(path)]) == 0
    assert "findings" in json.loads(capsys.readouterr().out)


def test_handout_of_a_changed_session_warns(tmp_path: Path) -> None:
    src = _session_file(tmp_path)
    src.write_bytes(src.read_bytes().replace(b'"age": 40', b'"age": 41'))
    proc = radviz("handout", str(src), str(tmp_path / "o.pdf"))
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith("radviz: warning:") and "changed outside radviz" in line


def test_handout_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    src = _session_file(tmp_path)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    left = tmp_path / f".radviz-{dead}-0badf00d.tmp"
    left.write_bytes(b"%PDF half")
    assert radviz("handout", str(src), str(tmp_path / "o.pdf")).returncode == 0
    assert not left.exists()
