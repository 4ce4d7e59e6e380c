"""The command line (contract §6): output shapes and exit status 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
