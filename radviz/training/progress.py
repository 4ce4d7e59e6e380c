"""A trainee's practice history in a JSON-lines file (model layer, no Qt).

Each attempt is one line, appended with a single ``write`` on a file opened for
appending (so concurrent writers do not interleave lines) and flushed to disk. Reading
skips every line that is not an attempt — typically a last line cut short by a crash,
but also a bare number, a list, absurd nesting or an out-of-range score — and an append
after such a line starts on a fresh line. A new file is created readable by its owner
only (0600), and the CSV export is written atomically.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from radviz.resources import write_atomic
from radviz.training.cases import DIFFICULTIES, PARTS, Answer, Case, Score

__all__ = ["ALL", "Attempt", "GroupAccuracy", "ProgressStore", "RootAccuracy"]

NO_ROOT = "no root"
ALL = "all"
"""Key of :meth:`ProgressStore.accuracy_per_difficulty` for every attempt together."""
"""Key of :meth:`ProgressStore.accuracy_per_root` for cases without a root (mimics)."""

CSV_FIELDS: tuple[str, ...] = (
    "timestamp",
    "seed",
    "difficulty",
    "kind",
    "true_root",
    "true_side",
    "true_level",
    "true_cause",
    "true_red_flag",
    "given_root",
    "given_side",
    "given_level",
    "given_cause",
    "given_red_flag",
    *(f"{p}_correct" for p in PARTS),
    "total",
)


@dataclass(frozen=True)
class Attempt:
    """One answered case."""

    timestamp: str
    seed: int
    difficulty: str
    kind: str
    true: Answer
    given: Answer
    correct: Mapping[str, bool] = field(default_factory=dict)
    total: float = 0.0
    unanswered: tuple[str, ...] = ()
    """Parts (of :data:`PARTS`) left empty: scored wrong, shown empty on review."""

    @property
    def answered(self) -> tuple[str, ...]:
        """The parts that were answered."""
        return tuple(p for p in PARTS if p not in self.unanswered)

    @classmethod
    def from_score(
        cls,
        case: Case,
        given: Answer,
        score: Score,
        when: datetime | None = None,
        unanswered: Iterable[str] = (),
    ) -> Attempt:
        stamp = (when or datetime.now(UTC)).isoformat(timespec="seconds")
        return cls(
            timestamp=stamp,
            seed=case.seed,
            difficulty=case.difficulty,
            kind=case.answer.kind,
            true=case.answer,
            given=given,
            correct=score.parts,
            total=score.total,
            unanswered=tuple(p for p in PARTS if p in set(unanswered)),
        )

    def to_dict(self) -> dict[str, Any]:
        extra = {"unanswered": list(self.unanswered)} if self.unanswered else {}
        return {
            **extra,
            "timestamp": self.timestamp,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "kind": self.kind,
            "true": self.true.to_dict(),
            "given": self.given.to_dict(),
            "correct": dict(self.correct),
            "total": round(self.total, 4),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attempt:
        """Read one line's object; :class:`ValueError` (or ``KeyError``/``TypeError``)
        for anything that is not an attempt as :meth:`to_dict` writes it."""
        if not isinstance(data, Mapping):
            raise ValueError("expected an object")
        correct = data.get("correct", {})
        if not isinstance(correct, Mapping):
            raise ValueError("correct: expected an object")
        for key in ("true", "given"):
            if not isinstance(data.get(key), Mapping):
                raise ValueError(f"{key}: expected an object")
        seed = data.get("seed")
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
            raise ValueError("seed: expected a whole number")
        total = data.get("total", 0.0)
        if isinstance(total, bool) or not isinstance(total, int | float):
            raise ValueError("total: expected a number")
        if not (math.isfinite(total) and 0.0 <= total <= 1.0):
            raise ValueError("total: expected a score from 0 to 1")
        for key in ("timestamp", "difficulty"):
            if not isinstance(data.get(key), str):
                raise ValueError(f"{key}: expected a string")
        unanswered = data.get("unanswered", [])
        if not isinstance(unanswered, list) or not all(p in PARTS for p in unanswered):
            raise ValueError("unanswered: expected a list of answer parts")
        return cls(
            timestamp=str(data["timestamp"]),
            seed=int(data["seed"]),
            difficulty=str(data["difficulty"]),
            kind=str(data.get("kind", "radicular")),
            true=Answer.from_dict(data["true"]),
            given=Answer.from_dict(data["given"]),
            correct={str(k): bool(v) for k, v in correct.items()},
            total=float(data.get("total", 0.0)),
            unanswered=tuple(p for p in PARTS if p in unanswered),
        )

    @property
    def root_key(self) -> str:
        return self.true.root or NO_ROOT


@dataclass(frozen=True)
class RootAccuracy:
    """Attempts on cases of one root: how many, mean score, and how often the root was right."""

    root: str
    attempts: int
    accuracy: float
    root_correct: float


@dataclass(frozen=True)
class GroupAccuracy:
    """Attempts of one group (a difficulty, or all): how many, the mean score, and the
    fraction right of each part (``root``, ``side``, ``level``, ``cause``, ``red_flag``)."""

    key: str
    attempts: int
    accuracy: float
    parts: Mapping[str, float]


def _group(key: str, items: list[Attempt]) -> GroupAccuracy:
    n = len(items)
    return GroupAccuracy(
        key=key,
        attempts=n,
        accuracy=sum(a.total for a in items) / n if n else 0.0,
        parts={p: (sum(bool(a.correct.get(p)) for a in items) / n if n else 0.0) for p in PARTS},
    )


def _read_line(line: str) -> Attempt | None:
    """One line as an attempt, or ``None`` for anything else: a cut-off line, a bare
    number (``42``, ``1e400``), a list, nesting deep enough to exhaust the parser."""
    if len(line) > MAX_LINE:
        return None
    try:
        return Attempt.from_dict(json.loads(line, parse_constant=_no_constant))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
        return None


def _no_constant(token: str) -> Any:
    raise ValueError(f"{token} is not a score")


MAX_LINE = 100_000
"""Characters of one line read (an attempt takes well under 2,000)."""


class ProgressStore:
    """Append-only practice history at ``path`` (JSON lines)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    # ------------------------------------------------------------------ write
    def append(self, attempt: Attempt) -> None:
        """Append one attempt (creates the folder and file if needed)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(attempt.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a+b") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() > 0:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    line = "\n" + line  # the last line was cut short: start afresh
            fh.write(line.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())

    def record(
        self,
        case: Case,
        given: Answer,
        score: Score,
        when: datetime | None = None,
        unanswered: Iterable[str] = (),
    ) -> Attempt:
        """Build an :class:`Attempt` from a scored case and append it."""
        attempt = Attempt.from_score(case, given, score, when, unanswered)
        self.append(attempt)
        return attempt

    # ------------------------------------------------------------------- read
    def attempts(self) -> list[Attempt]:
        """Every readable attempt, oldest first (broken lines are skipped)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        out = []
        for line in raw.decode("utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            attempt = _read_line(line)
            if attempt is not None:
                out.append(attempt)
        return out

    def __len__(self) -> int:
        return len(self.attempts())

    # ---------------------------------------------------------------- summaries
    def accuracy_over_time(self, window: int = 10) -> list[tuple[str, float, float]]:
        """Per attempt: ``(timestamp, score, rolling mean score over the last window)``."""
        out = []
        recent: list[float] = []
        for a in self.attempts():
            recent.append(a.total)
            recent = recent[-max(1, window) :]
            out.append((a.timestamp, a.total, sum(recent) / len(recent)))
        return out

    def accuracy_per_root(self) -> dict[str, RootAccuracy]:
        """Per true root (``"no root"`` for mimics and referred pain), L1…S2 order."""
        groups: dict[str, list[Attempt]] = {}
        for a in self.attempts():
            groups.setdefault(a.root_key, []).append(a)
        order = [*("L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4", "S5"), NO_ROOT]
        out = {}
        for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
            items = groups[key]
            out[key] = RootAccuracy(
                root=key,
                attempts=len(items),
                accuracy=sum(a.total for a in items) / len(items),
                root_correct=sum(bool(a.correct.get("root")) for a in items) / len(items),
            )
        return out

    def accuracy_per_difficulty(self) -> dict[str, GroupAccuracy]:
        """Per difficulty (easy, medium, hard, then any other), and :data:`ALL` last.

        Each group has the mean score and the fraction right of every part, so a trainee
        sees, say, that levels go wrong on hard cases while roots do not.
        """
        attempts = self.attempts()
        groups: dict[str, list[Attempt]] = {}
        for a in attempts:
            groups.setdefault(a.difficulty, []).append(a)
        order = list(DIFFICULTIES)
        keys = sorted(groups, key=lambda k: (order.index(k) if k in order else len(order), k))
        out = {k: _group(k, groups[k]) for k in keys}
        if attempts:
            out[ALL] = _group(ALL, attempts)
        return out

    # ------------------------------------------------------------------ export
    def rows(self) -> Iterable[dict[str, Any]]:
        for a in self.attempts():
            row: dict[str, Any] = {
                "timestamp": a.timestamp,
                "seed": a.seed,
                "difficulty": a.difficulty,
                "kind": a.kind,
                "true_root": a.true.root or "",
                "true_side": a.true.side or "",
                "true_level": a.true.level or "",
                "true_cause": a.true.cause_key or "",
                "true_red_flag": int(a.true.red_flag),
                "given_root": a.given.root or "",
                "given_side": a.given.side or "",
                "given_level": a.given.level or "",
                "given_cause": a.given.cause_key or "",
                "given_red_flag": int(a.given.red_flag),
                "total": round(a.total, 4),
            }
            for p in PARTS:
                row[f"{p}_correct"] = int(bool(a.correct.get(p)))
            yield row

    def to_csv(self, path: str | os.PathLike[str]) -> int:
        """Write every attempt to a CSV file (atomically, checked); return the number of
        rows. Raises :class:`radviz.resources.WriteError` (an ``OSError``) on failure."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=list(CSV_FIELDS))
        writer.writeheader()
        n = 0
        for row in self.rows():
            writer.writerow(row)
            n += 1
        write_atomic(target, buffer.getvalue().encode("utf-8"), inputs=(self.path,))
        return n
