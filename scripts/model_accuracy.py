"""Print the model's accuracy on generated practice cases as a markdown table (for the README).

Usage: ``python scripts/model_accuracy.py [N] [SEED0]`` (default 300 cases per difficulty,
seeds from 0). The numbers are measured, not tuned: the case generator never calls the model.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from radviz.training.cases import model_accuracy, model_accuracy_table


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 300
    seed0 = int(argv[2]) if len(argv) > 2 else 0
    acc = model_accuracy(n, seed0)
    print(f"Model accuracy on generated cases ({n} per difficulty, seeds {seed0}-{seed0 + n - 1}):")
    print()
    print(model_accuracy_table(acc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
