"""The report reader's work grows linearly with the input, whatever the input (#13.13, #16.9).

Wall time on a shared machine moves 3-4x from one run to the next, so these tests count
work instead: every Python and C function call made while reading (a deterministic
count, :func:`sys.setprofile`). Four times the input may cost at most about four times
the calls. A generous wall-clock ceiling backs it up without being able to flake.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from radviz.imaging.parser import parse_report


def _calls(text: str) -> int:
    count = 0

    def prof(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(prof)
    try:
        parse_report(text)
    finally:
        sys.setprofile(None)
    return count


Maker = Callable[[int], str]

PATHOLOGICAL: dict[str, Maker] = {
    # the tokens of issue #13.13 and their kin: one sentence each, or one endless run
    "numbered-items": lambda n: "1.\n" * (n // 3),
    "no-stenosis": lambda n: "no stenosis " * (n // 12),
    "bulge-run": lambda n: "bulge " * (n // 6),
    "numbered-bulges": lambda n: "".join(f"bulge {i} " for i in range(n // 8))[:n],
    "levels-run": lambda n: "L4-5 " * (n // 5),
    "level-headings": lambda n: "L4-5: " * (n // 6),
    "dots": lambda n: ". " * (n // 2),
    "distinct-findings": lambda n: "".join(
        f"Left paracentral protrusion at L{i % 4 + 1}-{i % 4 + 2} touching the L5 root ({i}). "
        for i in range(n // 70)
    )[:n],
    "negated-chain": lambda n: "No " + "bulge and " * (n // 10) + "is seen.",
    "hedges": lambda n: "possible protrusion cannot be excluded " * (n // 39),
    "typos": lambda n: "".join(f"herniaton{i} stenossis " for i in range(n // 22))[:n],
    "parentheses": lambda n: "(" * n,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_work_is_linear_in_length(name: str) -> None:
    make = PATHOLOGICAL[name]
    small, large = _calls(make(10_000)), _calls(make(40_000))
    assert large <= 4.5 * small + 2_000, (name, small, large)


def test_a_long_hostile_report_finishes_fast_and_is_read_to_the_end() -> None:
    text = "no stenosis " * 9_000 + "1.\n" * 3_000 + "\nL5-S1: large left paracentral extrusion."
    assert len(text) > 100_000
    t = time.process_time()
    report = parse_report(text)
    # a ceiling no loaded machine should reach (the budget is 0.2 s per 100 kB)
    assert time.process_time() - t < 5.0
    assert [(f.level, f.side, f.lesion) for f in report.findings] == [
        ("L5-S1", "left", "extrusion")
    ]
