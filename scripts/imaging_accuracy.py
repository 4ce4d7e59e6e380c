"""Precision and recall of the MRI report reader on the sentence corpus (issue #16.8).

    .venv/bin/python scripts/imaging_accuracy.py [--json] [--misses] [--corpus FILE]

Reads every entry of ``tests/imaging/corpus.py`` with :func:`radviz.imaging.parser.parse_report`
and compares, per entry, sets of

* level:  the levels of the findings;
* side:   (level, side) pairs;
* zone:   (level, zone) pairs;
* lesion: (level, lesion) pairs;
* root:   (root, side) pairs of every finding;
* certainty: (level, lesion, certainty) triples (hedges read as ``possible``).

True positives, false positives (a finding, level, side... the text does not report,
including any from negated text) and false negatives are summed over the corpus;
precision = TP / (TP + FP), recall = TP / (TP + FN). ``--misses`` lists the entries
whose findings differ.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from radviz.imaging.document import ImagingFinding
from radviz.imaging.parser import parse_report

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILE = ROOT / "tests" / "imaging" / "corpus.py"
FIELDS = ("level", "side", "zone", "lesion", "root", "certainty")


@dataclass(frozen=True)
class Expected:
    level: str
    side: str
    zone: str
    lesion: str
    roots: frozenset[tuple[str, str]]
    certainty: str


def parse_expected(spec: str) -> Expected:
    """``"?L4-L5 left paracentral protrusion L5:left"`` -> :class:`Expected`."""
    certainty = "possible" if spec.startswith("?") else "definite"
    level, side, zone, lesion, roots = spec.lstrip("?").split()
    pairs = frozenset(tuple(r.split(":")) for r in roots.split(","))
    return Expected(level, side, zone, lesion, pairs, certainty)  # type: ignore[arg-type]


def load_corpus(path: Path = CORPUS_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ``CORPUS`` of a corpus file (default: the tuned-on corpus)."""
    spec = importlib.util.spec_from_file_location("radviz_imaging_corpus", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise SystemExit(f"cannot read corpus file {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    corpus: tuple[tuple[str, tuple[str, ...]], ...] = module.CORPUS
    return corpus


def _keys(items: Iterable[Expected | ImagingFinding], field: str) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for f in items:
        if field == "level":
            out.add((f.level,))
        elif field == "side":
            out.add((f.level, f.side))
        elif field == "zone":
            out.add((f.level, f.zone))
        elif field == "lesion":
            out.add((f.level, f.lesion))
        elif field == "certainty":
            out.add((f.level, f.lesion, f.certainty))
        elif isinstance(f, Expected):
            out.update(f.roots)
        else:
            out.update((r.root, r.side) for r in f.roots)
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(
    corpus: Sequence[tuple[str, tuple[str, ...]]],
) -> tuple[dict[str, Score], list[tuple[str, set[str], set[str]]]]:
    """Scores per field, and the entries whose findings differ (text, missing, extra)."""
    scores = {f: Score() for f in FIELDS}
    misses: list[tuple[str, set[str], set[str]]] = []
    for text, specs in corpus:
        expected = [parse_expected(s) for s in specs]
        found = list(parse_report(text).findings)
        for field in FIELDS:
            want, got = _keys(expected, field), _keys(found, field)
            scores[field].tp += len(want & got)
            scores[field].fp += len(got - want)
            scores[field].fn += len(want - got)
        want_all = {_describe(e) for e in expected}
        got_all = {_describe(f) for f in found}
        if want_all != got_all:
            misses.append((text, want_all - got_all, got_all - want_all))
    return scores, misses


def _describe(f: Expected | ImagingFinding) -> str:
    roots = f.roots if isinstance(f, Expected) else {(r.root, r.side) for r in f.roots}
    shown = ",".join(f"{r}:{s}" for r, s in sorted(roots))
    mark = "?" if f.certainty == "possible" else ""
    return f"{mark}{f.level} {f.side} {f.zone} {f.lesion} {shown}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list the entries that differ")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS_FILE,
        help="corpus file to score (default tests/imaging/corpus.py; the held-out set of "
        "radiologists' text is tests/imaging/real_sentences.py)",
    )
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    scores, misses = score(corpus)
    if args.json:
        out = {
            "entries": len(corpus),
            "exact": len(corpus) - len(misses),
            "fields": {
                f: {"precision": round(s.precision, 3), "recall": round(s.recall, 3)}
                for f, s in scores.items()
            },
        }
        print(json.dumps(out, indent=2))
    else:
        print(f"{len(corpus)} entries, {len(corpus) - len(misses)} read exactly")
        print(f"{'field':<10} {'precision':>9} {'recall':>7}")
        for f, s in scores.items():
            print(f"{f:<10} {s.precision:>9.3f} {s.recall:>7.3f}")
    if args.misses:
        for text, missing, extra in misses:
            print(f"\n{text}", file=sys.stderr)
            for m in sorted(missing):
                print(f"  missing {m}", file=sys.stderr)
            for e in sorted(extra):
                print(f"  extra   {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
