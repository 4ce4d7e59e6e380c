"""Every view words the model's output the same way, and patient text is clean.

One result goes through the screen (results panel), the CLI text, the handout text and
trainee feedback: the same numbers get the same words (issue #12.2). Then every
patient-facing string the app can produce is scanned for ids, signed numbers and
statistics (issue #18.1, contract 7.4).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from radviz.anatomy import vocab
from radviz.imaging.parser import parse_report
from radviz.knowledge.loader import load_kb
from radviz.reasoning import wording as w
from radviz.reasoning.report import format_result
from radviz.reasoning.result import Result
from radviz.storage.session import Session
from radviz.training import cases
from radviz.training.demos import DEMOS
from radviz.ui.app_state import AppState
from radviz.ui.handout.document import handout_html, summary_html
from radviz.ui.panels.results_panel import ResultsPanel

SNAKE_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
SIGNED = re.compile(r"(?<![\w.])[+\-−]\d+(?:\.\d+)?\b")
STATS = re.compile(r"\blog\b|\bLR\b|likelihood ratio|log.odds", re.IGNORECASE)


def _plain(text: str) -> str:
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def _problems(text: str) -> list[str]:
    text = _plain(text)
    return [
        *(f"id {m}" for m in SNAKE_ID.findall(text)),
        *(f"signed number {m}" for m in SIGNED.findall(text)),
        *(f"statistics word {m}" for m in STATS.findall(text)),
    ]


def _session(demo: str) -> Session:
    d = DEMOS[demo]
    imaging = (
        tuple(f.to_dict() for f in parse_report(d.imaging_text).findings) if d.imaging_text else ()
    )
    return Session(findings=d.to_findings(), imaging_text=d.imaging_text or "", imaging=imaging)


@pytest.fixture
def panel(qtbot: Any) -> Iterator[tuple[AppState, ResultsPanel]]:
    state = AppState()
    p = ResultsPanel(state)
    qtbot.add_widget(p)
    yield state, p


def _screen_texts(state: AppState, p: ResultsPanel) -> list[str]:
    """Everything the results panel shows, with every listed root selected in turn."""
    out: list[str] = []
    labels = [
        p.pattern_label,
        p.mimic_label,
        p.close_label,
        p.overlap_label,
        p.explanation_label,
    ]
    out += [lab.text() for lab in labels if not lab.isHidden()]
    out += [p.root_list.item(i).text() for i in range(p.root_list.count())]
    for label in (p.levels_label, p.causes_label, p.differentials_label, p.treatments_label):
        out.append(p.section_html(label))
    for r in sorted(state.result.roots, key=lambda r: -r.probability)[:6]:
        state.select_root(r.root, r.side)
        for lab in (p.evidence_title, p.evidence_words, p.root_text):
            if not lab.isHidden():
                out.append(lab.text())
        if not p.evidence_chart.isHidden():
            out.append("evidence chart shown in patient mode")
    return out


def _leaders(result: Result) -> list[tuple[str, str, str, str]]:
    """``(root, side, percent, word)`` of each side's top root."""
    out = []
    for side in vocab.SIDES:
        roots = result.roots_for(side)
        if roots and roots[0].probability >= 0.3:
            top = roots[0]
            out.append((top.root, side, w.pct(top.probability), w.root_word(top, result.roots)))
    return out


@pytest.mark.parametrize("demo", ["classic_l5", "l5s1_left_s1", "l4_femoral_stretch"])
def test_one_result_same_words_on_screen_cli_handout_and_trainee(
    panel: tuple[AppState, ResultsPanel], demo: str
) -> None:
    state, p = panel
    state.load_demo(demo)
    result = state.result
    findings = state.findings
    leaders = _leaders(result)
    assert leaders, demo
    screen = [p.root_list.item(i).text() for i in range(p.root_list.count())]
    cli_clin = format_result(result, findings)
    cli_pat = format_result(result, findings, audience="patient")
    session = _session(demo)
    hand_pat = _plain(handout_html(session, "patient"))
    hand_clin = _plain(handout_html(session, "clinician"))
    page1 = _plain(summary_html(session, result, "patient"))
    kb = load_kb()
    for root, side, pct, word in leaders:
        row = next(t for t in screen if t.startswith(root) and f"Patient's {side}" in t)
        assert f"{pct}  ({word})" in row
        state.select_root(root, side)
        title = _plain(p.evidence_title.text())
        # Patient words carry the likelihood word alone: no statistics (contract 7.4).
        assert f"— {word}." in title and pct not in title
        line = next(
            ln
            for ln in cli_clin.splitlines()
            if ln.strip().startswith(root) and ln.rstrip().endswith(word)
        )
        assert pct in line
        assert f": {word}." in cli_pat
        assert f"({word})" in hand_pat
        assert f"({word})" in page1
        for patient_text in (cli_pat, hand_pat, page1):
            assert "%" not in patient_text
        assert re.search(rf"{root} {side} {re.escape(pct)} {re.escape(word)}", hand_clin)
        answer = cases.Answer(
            root=root, side=side, level=None, zone=None, cause=None, red_flag=False
        )
        trace = "\n".join(cases._trace_lines(result, answer, kb))
        assert f"{pct}, {word}" in trace


@pytest.mark.parametrize("demo", sorted(DEMOS))
def test_every_patient_string_is_clean(panel: tuple[AppState, ResultsPanel], demo: str) -> None:
    state, p = panel
    state.set_audience("patient")
    state.load_demo(demo)
    texts = _screen_texts(state, p)
    session = _session(demo)
    texts.append(handout_html(session, "patient"))
    texts.append(summary_html(session, state.result, "patient"))
    texts.append(format_result(state.result, state.findings, audience="patient"))
    problems = [(i, _problems(t)) for i, t in enumerate(texts) if _problems(t)]
    assert problems == [], [(texts[i][:200], pr) for i, pr in problems]


def test_patient_mode_shows_words_not_the_evidence_chart(
    panel: tuple[AppState, ResultsPanel],
) -> None:
    state, p = panel
    state.set_audience("patient")
    state.load_demo("classic_l5")
    state.select_root("L5", "right")
    words = _plain(p.evidence_words.text())
    assert p.evidence_chart.isHidden()
    assert "What points to L5" in words
    assert "Numbness: top of the foot" in words
    assert "L5 is one of the commonest nerves to be pinched" in words
    state.set_audience("clinician")
    assert not p.evidence_chart.isHidden()
    assert p.evidence_words.isHidden()


def test_treatments_tab_shows_the_plan_by_step(panel: tuple[AppState, ResultsPanel]) -> None:
    state, p = panel
    state.load_demo("classic_l5")
    text = _plain(p.section_html(p.treatments_label))
    steps = [w.step_label(s, state.audience) for s, _ in w.plan_steps(state.result.treatments)]
    assert steps
    positions = [text.index(s) for s in steps]
    assert positions == sorted(positions)
    assert isinstance(p.treatments_label, QLabel)


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_the_plan_reads_by_the_same_steps_everywhere(
    panel: tuple[AppState, ResultsPanel], audience: str
) -> None:
    state, p = panel
    state.set_audience(audience)
    state.load_demo("cauda_equina")
    steps = [w.step_label(s, audience) for s, _ in w.plan_steps(state.result.treatments)]
    assert steps
    screen = _plain(p.section_html(p.treatments_label))
    cli = format_result(state.result, state.findings, audience=audience)
    hand = _plain(handout_html(_session("cauda_equina"), audience))
    for text in (screen, cli, hand):
        positions = [text.index(s) for s in steps]
        assert positions == sorted(positions), (audience, text[:300])
