"""One home for words: likelihood bands, labels for every vocabulary id, evidence in words.

The views that use these words are checked together in tests/ui/test_wording_views.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from radviz.knowledge.loader import (
    KNOWLEDGE_DIR,
    LABEL_SECTIONS,
    KnowledgeError,
    load_kb,
    load_kb_from,
)
from radviz.reasoning import wording as w
from radviz.reasoning.inference import infer
from radviz.reasoning.report import format_result
from radviz.reasoning.result import Evidence, RootCandidate
from radviz.training.demos import DEMOS

RADVIZ = Path(__file__).resolve().parents[2] / "radviz"

# Patient text must hold none of these (contract 7.4, issue #18.1).
SNAKE_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
SIGNED = re.compile(r"(?<![\w.])[+\-−]\d+(?:\.\d+)?\b")
STATS = re.compile(r"\blog\b|\bLR\b|likelihood ratio|log.odds", re.IGNORECASE)


def patient_problems(text: str) -> list[str]:
    """The ids, signed numbers and statistics words in a patient-facing text."""
    return [
        *(f"id {m}" for m in SNAKE_ID.findall(text)),
        *(f"signed number {m}" for m in SIGNED.findall(text)),
        *(f"statistics word {m}" for m in STATS.findall(text)),
    ]


def test_one_likelihood_word_definition() -> None:
    defs = [
        p
        for p in RADVIZ.rglob("*.py")
        if re.search(r"^\s*def likelihood_word\(", p.read_text(encoding="utf-8"), re.M)
    ]
    assert [p.relative_to(RADVIZ).as_posix() for p in defs] == ["reasoning/wording.py"]


@pytest.mark.parametrize(
    ("p", "word"),
    [
        (0.95, "very likely"),
        (0.80, "very likely"),
        (0.79, "likely"),
        (0.55, "likely"),
        (0.54, "possible"),
        (0.30, "possible"),
        (0.20, "possible"),
        (0.19, "unlikely"),
        (0.05, "unlikely"),
        (0.01, "very unlikely"),
        (0.0, "very unlikely"),
    ],
)
def test_likelihood_bands(p: float, word: str) -> None:
    assert w.likelihood_word(p) == word


def test_bands_come_from_labels_toml() -> None:
    bands = load_kb().labels["likelihood"]["bands"]
    for band in bands:
        assert w.likelihood_word(float(band["min"])) == band["word"]
    assert load_kb().labels["likelihood"]["sources"]


def test_the_top_root_is_never_unlikely() -> None:
    top = RootCandidate("L5", "left", 0.12)
    runner = RootCandidate("S1", "left", 0.08)
    other_side = RootCandidate("S1", "right", 0.9)
    ranked = (other_side, top, runner)
    assert "unlikely" not in w.root_word(top, ranked)
    assert w.root_word(top, ranked) == load_kb().labels["likelihood"]["leader"]
    assert w.root_word(runner, ranked) == "unlikely"
    assert w.root_word(other_side, ranked) == "very likely"
    # a leader high enough keeps its absolute word
    assert w.likelihood_word(0.6, leader=True) == "likely"


def test_pct_never_claims_certainty() -> None:
    assert w.pct(0.0) == "0%"
    assert w.pct(0.001) == "<1%"
    assert w.pct(0.999) == ">99%"
    assert w.pct(0.554) == "55%"


def test_every_vocabulary_id_has_a_label_in_both_languages() -> None:
    for section, (ids, fields) in LABEL_SECTIONS.items():
        for item in ids:
            for field in fields:
                text = w.label(section, item, field=field)
                assert text.strip(), (section, item, field)
            assert not SNAKE_ID.search(w.label(section, item, "patient")), (section, item)


def test_a_missing_label_is_refused_naming_file_and_id(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    labels = folder / "labels.toml"
    text = labels.read_text(encoding="utf-8")
    cut = text.replace('[movements.toe_flexion]\nprompt = "Curl the toes"\n', "[movements.x]\n")
    assert cut != text
    labels.write_text(cut, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"labels\.toml.*toe_flexion"):
        load_kb_from(folder)


def test_likelihood_bands_must_fall(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_DIR, folder)
    labels = folder / "labels.toml"
    text = labels.read_text(encoding="utf-8")
    labels.write_text(text.replace("{ min = 0.55,", "{ min = 0.85,"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"labels\.toml.*likelihood.*bands"):
        load_kb_from(folder)


def test_no_python_label_tables_left() -> None:
    """Labels of movements, reflexes, tests and zones live in TOML, not in Python dicts."""
    table_entry = re.compile(
        r'^\s*"(great_toe_extension|ankle_dorsiflexion|achilles|crossed_slr|foot_dorsum)"'
        r'\s*:\s*\(?\s*"',
        re.M,
    )
    offenders = [
        p.relative_to(RADVIZ).as_posix()
        for p in RADVIZ.rglob("*.py")
        if table_entry.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_evidence_is_structured_and_worded_without_ids() -> None:
    for name, demo in DEMOS.items():
        result = infer(demo.to_findings())
        for root in result.roots:
            for e in root.evidence:
                assert e.ids or e.rule, (name, e.finding)
                assert e.side == root.side
                for audience in ("patient", "clinician"):
                    text = w.evidence_text(e, audience)
                    assert text and not SNAKE_ID.search(text), (name, audience, text)
                assert not patient_problems(w.evidence_text(e, "patient")), (name, e)


def test_evidence_words_from_fields_not_from_the_trace() -> None:
    e = Evidence("anything at all", 1.2, "motor", ids=("great_toe_extension",), grade=4)
    assert w.evidence_text(e, "patient") == "A little weak when lifting the big toe"
    assert w.evidence_text(e, "clinician") == "Great-toe extension (EHL) 4/5"
    r = Evidence("x", -0.5, "reflex", ids=("achilles",), status="absent")
    assert w.evidence_text(r, "patient") == "Ankle jerk missing"
    s = Evidence("x", 0.9, "sensory", ids=("numbness", "foot_dorsum"))
    assert w.evidence_text(s, "patient") == "Numbness: top of the foot"


def test_prior_is_explained_not_counted_against() -> None:
    result = infer(DEMOS["classic_l5"].to_findings())
    top = result.roots_for("right")[0]
    pro, con = w.evidence_split(top.evidence, "patient")
    assert "Numbness: top of the foot" in pro
    assert all("common" not in c.lower() for c in [*pro, *con])
    assert w.prior_sentence("L5").startswith("L5 is one of the commonest")
    assert "less often" in w.prior_sentence("L4")


@pytest.mark.parametrize("demo", sorted(DEMOS))
def test_patient_cli_text_is_clean(demo: str) -> None:
    findings = DEMOS[demo].to_findings()
    text = format_result(infer(findings), findings, audience="patient")
    assert patient_problems(text) == []
    assert "When to get help urgently" in text


def test_clinician_cli_text_keeps_the_trace() -> None:
    findings = DEMOS["classic_l5"].to_findings()
    text = format_result(infer(findings), findings)
    assert "ln likelihood ratio" in text
    assert "Great-toe extension (EHL) 4/5" in text


def test_scrub_names_ids_and_drops_signed_numbers() -> None:
    text = w.scrub("numbness: foot_dorsum (+1.0), great_toe_extension 4/5")
    assert patient_problems(text) == []
    assert "top of the foot" in text and "lifting the big toe" in text
    assert "()" not in text.replace(" ", "")


def test_infer_audience_patient_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from radviz.cli import main

    case = tmp_path / "case.json"
    case.write_text(json.dumps(DEMOS["l5s1_left_s1"].findings), encoding="utf-8")
    assert main(["infer", "--audience", "patient", str(case)]) == 0
    text = capsys.readouterr().out
    assert "What points to S1" in text
    assert patient_problems(text) == []
    assert main(["infer", str(case)]) == 0  # clinician by default (contract 7.4)
    assert "ln likelihood ratio" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["infer", "--audience", "family", str(case)])
    assert exc.value.code == 2


def test_patient_words_read_at_grade_eight_or_below() -> None:
    from radviz.reasoning.readability import fk_grade

    for pattern in load_kb().labels["patterns"]:
        text = w.pattern_text(pattern, "patient")
        assert fk_grade(text) <= 8, text
    for root in ("L1", "L4", "L5", "S1"):
        assert fk_grade(w.prior_sentence(root)) <= 8
    for head, items in w.SAFETY_NET:
        text = head + " " + ". ".join(items) + "."
        assert fk_grade(text) <= 8, text
