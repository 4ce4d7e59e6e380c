"""The report reader on the sentence corpus (issue #16.8): precision and recall per field.

The figures are in the README ("Imaging reader accuracy"); the floors here sit just below
them so that a change that costs accuracy fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "imaging_accuracy", ROOT / "scripts" / "imaging_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ACCURACY = _script()
CORPUS = ACCURACY.load_corpus()
FLOOR = 0.97


def test_the_corpus_is_large_and_well_formed() -> None:
    assert len(CORPUS) >= 150
    texts = [t for t, _ in CORPUS]
    assert len(set(texts)) == len(texts)
    for _, specs in CORPUS:
        for spec in specs:
            ACCURACY.parse_expected(spec)  # raises on a malformed entry


@pytest.mark.parametrize("field", ACCURACY.FIELDS)
def test_precision_and_recall_per_field(field: str) -> None:
    scores, _ = ACCURACY.score(CORPUS)
    s = scores[field]
    assert s.precision >= FLOOR and s.recall >= FLOOR, (field, s)


def test_most_entries_are_read_exactly() -> None:
    _, misses = ACCURACY.score(CORPUS)
    assert len(misses) <= 3, misses


def test_script_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert ACCURACY.main([]) == 0
    out = capsys.readouterr().out
    assert "entries" in out and "precision" in out and "root" in out
