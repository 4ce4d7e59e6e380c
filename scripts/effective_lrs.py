#!/usr/bin/env python3
"""Published likelihood ratios beside the ones the model really applies (no Qt).

The model tempers every log likelihood ratio (``model.toml`` ``[combine] temper``), caps
it (``[cap]``) and weighs it against the look-alikes, so a published LR of 7.1 does not
enter as 7.1. This script asks the model itself: for each single finding below it runs
:func:`radviz.reasoning.inference.infer` on a case holding only that finding and reads
the evidence item the finding contributed to its root. The README's "How the model
reasons" table is this script's output.

    python scripts/effective_lrs.py            # Markdown table
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import infer


@dataclass(frozen=True)
class Published:
    """One published figure: the finding as a findings document, its root, LR, source."""

    label: str
    findings: dict[str, Any]
    root: str
    lr: float | None  # None: "no false positives" (reported as infinite)
    source: str


LEFT = "left"
# The published figures (CLINICAL.md §3-§5, each with its source).
PUBLISHED: tuple[Published, ...] = (
    Published(
        "Achilles reflex absent",
        {"reflexes": [{"reflex": "achilles", "side": LEFT, "status": "absent"}]},
        "S1",
        7.1,
        "Suri 2011 (low lumbar impingement)",
    ),
    Published(
        "Patellar reflex reduced",
        {"reflexes": [{"reflex": "patellar", "side": LEFT, "status": "reduced"}]},
        "L4",
        7.7,
        "Suri 2011",
    ),
    Published(
        "Hip abduction 4/5",
        {"motor": [{"movement": "hip_abduction", "side": LEFT, "grade": 4}]},
        "L5",
        11.0,
        "Suri 2011",
    ),
    Published(
        "Femoral stretch positive",
        {"tests": [{"test": "femoral_stretch", "side": LEFT, "result": "positive"}]},
        "L3",
        5.7,
        "Suri 2011",
    ),
    Published(
        "Numb medial ankle",
        {"symptoms": [{"zone": "ankle_medial", "side": LEFT, "kind": "numbness"}]},
        "L4",
        None,
        "Suri 2011 (no false positives)",
    ),
    Published(
        "Numb anterior thigh (upper)",
        {"symptoms": [{"zone": "thigh_anterior_upper", "side": LEFT, "kind": "numbness"}]},
        "L2",
        13.0,
        "Suri 2011",
    ),
    Published(
        "Straight-leg raise positive (40°)",
        {"tests": [{"test": "slr", "side": LEFT, "result": "positive", "angle": 40}]},
        "L5",
        1.38,
        "Capra 2011 (against MRI)",
    ),
    Published(
        "Crossed straight-leg raise positive",
        {"tests": [{"test": "crossed_slr", "side": LEFT, "result": "positive"}]},
        "S1",
        0.29 / (1 - 0.88),
        "Devillé 2000 (sens 0.29, spec 0.88)",
    ),
)


def effective_lr(item: Published) -> float:
    """The likelihood ratio the model applies for ``item``'s finding to its root: the
    exponential of the finding's own evidence weight (prior and look-alike terms left out)."""
    result = infer(Findings.from_dict(item.findings))
    root = result.root(item.root, LEFT)
    if root is None:
        raise LookupError(f"{item.label}: the model lists no {item.root} on the left")
    own = [e.weight for e in root.evidence if e.kind not in ("prior", "mimic") and not e.rule]
    return math.exp(sum(own))


def table() -> str:
    lines = [
        "| finding | root | published LR | applied by the model | source |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in PUBLISHED:
        published = "∞ (capped)" if item.lr is None else f"{item.lr:.1f}"
        lines.append(
            f"| {item.label} | {item.root} | {published} | {effective_lr(item):.1f} "
            f"| {item.source} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
