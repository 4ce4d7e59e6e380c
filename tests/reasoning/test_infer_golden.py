"""infer() keeps per-knowledge-base tables (model numbers, priors, prior items, sites):
they must never leak between knowledge bases nor change a result on a repeat call."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from radviz.knowledge.loader import KNOWLEDGE_DIR, load_kb, load_kb_from
from radviz.reasoning.findings import Findings
from radviz.reasoning.inference import infer
from radviz.training.cases import DIFFICULTIES, generate_case
from radviz.training.demos import DEMOS


def _doc(f: Findings, kb_dir: Path | None = None) -> str:
    kb = load_kb() if kb_dir is None else load_kb_from(kb_dir)
    return json.dumps(infer(f, kb).to_dict(), sort_keys=True)


def _cases() -> list[Findings]:
    out = [d.to_findings() for d in DEMOS.values()]
    for seed in range(5):
        for diff in DIFFICULTIES:
            cf = generate_case(seed, diff).findings
            out.append(cf if isinstance(cf, Findings) else Findings.from_dict(cf))
    return out


def test_repeat_calls_and_a_fresh_knowledge_base_give_identical_results() -> None:
    for f in _cases():
        first = _doc(f)
        assert _doc(f) == first
        assert _doc(f, KNOWLEDGE_DIR) == first


def test_tables_follow_the_knowledge_base_they_came_from(tmp_path: Path) -> None:
    """A knowledge base with other model numbers gives other results: nothing is cached
    by accident across knowledge bases."""
    folder = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    model = folder / "model.toml"
    text = model.read_text(encoding="utf-8")
    assert tomllib.loads(text)["prior"]["root_involved"] == pytest.approx(0.5)
    model.write_text(text.replace("root_involved = 0.5", "root_involved = 0.3"), "utf-8")
    f = DEMOS[next(iter(DEMOS))].to_findings()
    shipped = json.loads(_doc(f))
    other = json.loads(_doc(f, folder))
    assert shipped["roots"] != other["roots"]
    assert json.loads(_doc(f)) == shipped


def test_plus_key_is_the_rule_key_of_the_side_with_the_probe() -> None:
    """next_test reads a probe's rule key without building the side: the two must agree
    for every probe of every side of these cases."""
    from radviz.anatomy import vocab
    from radviz.reasoning.inference import _Side
    from radviz.reasoning.localization import _spared_movements, probes

    spared = _spared_movements(load_kb())
    for f in _cases():
        for side in vocab.SIDES:
            sd = _Side(f, side)
            for _kind, _pid, abnormal, normal in probes(f, side, ()):
                for outcome in (abnormal, normal):
                    assert not isinstance(outcome, tuple)
                    assert sd.plus_key(outcome, spared) == sd.plus(outcome).rule_key(spared)
