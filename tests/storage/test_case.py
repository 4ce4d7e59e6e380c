"""The pure case model: every edit returns a new case; sessions in and out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from radviz.anatomy.geometry import body_map
from radviz.imaging.parser import parse_report
from radviz.reasoning.findings import Findings, Motor, Symptom
from radviz.storage.case import Case, imaging_key
from radviz.storage.session import Session, load_session, save_session

ROOT = Path(__file__).resolve().parents[2]
GRID = body_map().grid_shape
REPORT = (
    "L4-L5: left paracentral disc protrusion contacting the traversing L5 root.\n"
    "L5-S1: severe right foraminal stenosis compressing the exiting L5 root."
)


def _stroke(r0: int, r1: int) -> np.ndarray:
    m = np.zeros(GRID, dtype=bool)
    m[r0:r1, 100:140] = True
    return m


def test_edits_return_new_cases_and_leave_the_old_alone() -> None:
    empty = Case()
    shaded = empty.toggle_zone("heel", "right", "pain")
    assert empty == Case() and shaded != empty
    assert Symptom("heel", "right", "pain") in shaded.findings.symptoms
    assert shaded.toggle_zone("heel", "right", "pain") == empty  # toggling twice
    saddle = empty.toggle_zone("saddle", "left", "numbness")  # a midline zone
    assert saddle.findings.symptoms == (Symptom("saddle", "midline", "numbness"),)
    assert saddle.has_symptom("saddle", "right", "numbness")
    weak = empty.with_motor("great_toe_extension", "left", 4).with_motor(
        "great_toe_extension", "left", 3
    )
    assert weak.findings.motor == (Motor("great_toe_extension", "left", 3),)
    assert weak.with_motor("great_toe_extension", "left", None).findings.motor == ()


def test_angle_is_kept_only_where_the_contract_allows_it() -> None:
    case = (
        Case().with_test("slr", "left", "positive", 40).with_test("fadir", "left", "positive", 40)
    )
    angles = {t.test: t.angle for t in case.findings.tests}
    assert angles == {"slr": 40, "fadir": None}
    assert Case().with_test("crossed_slr", "right", "positive", 50).findings.tests[0].angle == 50


def test_strokes_share_unchanged_masks_and_erase_from_every_kind() -> None:
    painted = Case().with_stroke("pain", False, _stroke(500, 520))
    both = painted.with_stroke("numbness", False, _stroke(510, 530))
    assert both.masks["pain"] is painted.masks["pain"]  # cheap to keep for undo
    assert not both.masks["pain"].flags.writeable
    assert both.with_stroke("pain", False, np.zeros(GRID, dtype=bool)) is both
    erased = both.with_stroke("pain", True, _stroke(400, 600))
    assert erased.masks == {}
    assert both.with_stroke("pain", True, _stroke(0, 5)) is both  # nothing to erase
    assert erased.drawn_symptoms() == []
    assert set(both.combined_findings().symptoms) >= set(both.drawn_symptoms())


def test_imaging_edits() -> None:
    case = Case().with_imaging_text(REPORT)
    parsed = parse_report(REPORT).findings
    shown = case.imaging_entries(parsed)
    assert [e.origin for e in shown] == ["report"] * len(parsed)
    first = imaging_key(shown[0].finding)
    hidden = case.without_imaging_finding(first, parsed)
    assert first not in [imaging_key(e.finding) for e in hidden.imaging_entries(parsed)]
    built = hidden.with_imaging_finding(
        {
            "level": "L3-L4",
            "side": "right",
            "zone": "foraminal",
            "lesion": "protrusion",
            "severity": "moderate",
        }
    )
    added = [e for e in built.imaging_entries(parsed) if e.origin == "added"]
    assert len(added) == 1 and added[0].finding.roots  # the anatomical rule filled them
    assert built.with_imaging_text(REPORT) is built  # same text: no change
    assert built.with_imaging_text("  ").imaging_text is None
    assert built.without_imaging().imaging_key() == Case().imaging_key()


def test_session_round_trip_keeps_exactly_the_imaging_shown(tmp_path: Path) -> None:
    parsed = parse_report(REPORT).findings
    case = (
        Case(findings=Findings(age=55), notes="n", patient_name="Ann")
        .with_imaging_text(REPORT)
        .with_stroke("tingling", False, _stroke(600, 640))
    )
    case = case.without_imaging_finding(imaging_key(parsed[0]), parsed)
    corrected = dict(parsed[1].to_dict(), severity="mild")  # a clinician's correction
    case = case.with_imaging_finding(corrected)
    shown = [e.finding for e in case.imaging_entries(parsed)]
    save_session(tmp_path / "c.radviz", case.to_session(shown))
    back = Case.from_session(load_session(tmp_path / "c.radviz"), parsed)
    assert [e.finding for e in back.imaging_entries(parsed)] == shown
    assert (back.notes, back.patient_name, back.findings) == ("n", "Ann", case.findings)
    assert back.same_drawing(case)


def test_from_session_without_a_report() -> None:
    s = Session(findings=Findings(age=3), notes="x")
    case = Case.from_session(s)
    assert case.imaging_text is None and case.notes == "x" and case.findings.age == 3
    with pytest.raises(KeyError):
        Case.from_demo("no_such_demo")


def test_the_case_model_loads_no_qt() -> None:
    code = (
        "import sys, radviz.storage.case; "
        "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_no_ui_module_reaches_into_another_ones_private_members() -> None:
    for name in ("session_controller.py", "undo.py", "main_window.py"):
        text = (ROOT / "radviz" / "ui" / name).read_text("utf-8")
        assert "state._" not in text and "st._" not in text, name
        assert "getattr(self.state" not in text and "hasattr(st" not in text, name
