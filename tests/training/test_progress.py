"""The practice history: append, read tolerantly, summarise, export."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radviz.training.cases import generate_case, score_answer
from radviz.training.progress import NO_ROOT, ProgressStore


def _fill(store: ProgressStore, n: int = 6) -> None:
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(n):
        case = generate_case(i, "easy")
        given = case.answer if i % 2 == 0 else replace(case.answer, side="bilateral")
        store.record(case, given, score_answer(case, given), when=t0 + timedelta(hours=i))


def test_empty_store(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "none" / "progress.jsonl")
    assert store.attempts() == []
    assert store.accuracy_over_time() == []
    assert store.accuracy_per_root() == {}


def test_append_and_read(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data" / "progress.jsonl")
    _fill(store)
    attempts = store.attempts()
    assert len(attempts) == 6
    assert attempts[0].seed == 0 and attempts[0].total == 1.0
    assert attempts[1].correct["side"] is False
    assert attempts[0].true == generate_case(0, "easy").answer
    lines = store.path.read_text().splitlines()
    assert len(lines) == 6


def test_truncated_last_line_is_tolerated(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.jsonl")
    _fill(store, 3)
    with store.path.open("ab") as fh:
        fh.write(b'{"timestamp": "2024-01-02T00:00:00+00:00", "seed": 9, "diffi')
    assert len(store.attempts()) == 3
    _fill(store, 1)  # the next append starts on a new line
    assert len(store.attempts()) == 4


def test_accuracy_over_time(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.jsonl")
    _fill(store, 4)
    series = store.accuracy_over_time(window=2)
    assert [round(s, 2) for _, s, _ in series] == [1.0, 0.8, 1.0, 0.8]
    assert [round(r, 2) for _, _, r in series] == [1.0, 0.9, 0.9, 0.9]
    assert series[0][0].startswith("2024-01-01T00:00")


def test_accuracy_per_root(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.jsonl")
    _fill(store, 12)
    per = store.accuracy_per_root()
    assert sum(r.attempts for r in per.values()) == 12
    for key, stat in per.items():
        assert key in {"L4", "L5", "S1", NO_ROOT} or key.startswith(("L", "S"))
        assert 0.0 <= stat.accuracy <= 1.0 and 0.0 <= stat.root_correct <= 1.0


def test_to_csv(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.jsonl")
    _fill(store, 5)
    out = tmp_path / "export" / "progress.csv"
    assert store.to_csv(out) == 5
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5
    assert rows[0]["seed"] == "0" and rows[0]["difficulty"] == "easy"
    assert rows[1]["side_correct"] == "0" and rows[0]["total"] == "1.0"
    assert not list(out.parent.glob(".progress-*"))


# ------------------------------------------------------------- hostile lines
def test_every_kind_of_bad_line_is_skipped(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.jsonl")
    _fill(store, 2)
    good = store.path.read_text().splitlines()[0]
    bad = [
        "42",
        "[1,2]",
        "1e400",
        "NaN",
        '"text"',
        "null",
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        good.replace('"total": 1.0', '"total": 1e400'),
        good.replace('"seed": 0', '"seed": "0"'),
        good.replace('"true": {', '"true": [{').replace('}, "given"', '}], "given"'),
    ]
    with store.path.open("a") as fh:
        fh.write("\n".join(bad) + "\n")
    _fill(store, 1)
    attempts = store.attempts()
    assert len(attempts) == 3
    assert all(0.0 <= a.total <= 1.0 for a in attempts)
    assert store.accuracy_per_root()  # the summaries work on what was read


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    lines=st.lists(
        st.text(max_size=60) | st.sampled_from(["42", "[1,2]", "1e400", "{}"]), max_size=6
    )
)
def test_fuzz_progress_lines_never_raise(tmp_path: Path, lines: list[str]) -> None:
    store = ProgressStore(tmp_path / "fuzz.jsonl")
    store.path.write_text("\n".join(lines), "utf-8", errors="surrogatepass")
    store.attempts()
    store.accuracy_over_time()
    store.accuracy_per_root()


def test_new_file_is_private_and_csv_atomic(tmp_path: Path) -> None:
    import os

    store = ProgressStore(tmp_path / "p.jsonl")
    _fill(store, 1)
    assert os.stat(store.path).st_mode & 0o777 == 0o600
    assert store.to_csv(tmp_path / "out.csv") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "p.jsonl"]
