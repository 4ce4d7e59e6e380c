"""The printable handout: a PDF (or a printer) for the patient or the clinician (UI layer).

Page 1 shows the patient's drawing on the body map and the spine diagram with the
likeliest levels, drawn by the app's own views (offscreen), so paper and screen agree.
The pages after it hold a plain-language summary built from the model's result and the
knowledge base: red flags first in a red box, what may be going on, what the findings
mean, causes, options with their evidence, when to get help urgently, notes. Every page
carries the disclaimer and its number. The clinician version adds the evidence trace,
levels with probabilities, differentials with why, and sources.

Works without a window: :func:`handout_main` (``radviz handout``) creates an offscreen
application when none is running.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication

from radviz.anatomy import vocab
from radviz.knowledge.loader import KnowledgeBase, Root, load_kb
from radviz.reasoning import wording as w
from radviz.reasoning.findings import Findings
from radviz.reasoning.result import DISCLAIMER, Result, RootCandidate
from radviz.reasoning.wording import likelihood_word
from radviz.storage.session import Session

__all__ = [
    "AUDIENCES",
    "PAGE_SIZES",
    "body_map_image",
    "ensure_app",
    "handout_html",
    "handout_main",
    "paint_handout",
    "render_handout",
    "spine_image",
]

AUDIENCES = ("patient", "clinician")
PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
RESOLUTION = 300
SHOW_ROOT = 0.3
"""A root is lit on the map and named as the likely one from this probability (as in the
app: lighting an unlikely root's territory would mislead)."""

TITLES = {
    "patient": "Your back and leg: what we talked about",
    "clinician": "radviz clinical summary",
}
FONT_FAMILY = "DejaVu Sans"

BADGES: dict[str, tuple[str, str]] = {
    # grade: (symbol, colour); the words are the grade's label (radviz.reasoning.wording)
    "recommended": ("✔", "#15803d"),
    "consider": ("◆", "#1d4ed8"),
    "insufficient": ("?", "#6b7280"),
    "not_recommended": ("✘", "#b91c1c"),
}
NOTES_MAX = 4000
"""Characters of the notes printed; longer notes end with a visible "…" and a count."""
TOKEN_MAX = 60
"""A run of characters without a space longer than this is cut with "…" when printed."""
NAME_MAX = 80
"""Characters of the patient's name printed on page 1 (then "…")."""
QUOTE_MAX = 300
"""Characters of a report sentence quoted in the clinician version (then "…")."""


# ------------------------------------------------------------------ set-up
def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if app is not None:  # a QGuiApplication cannot host the views
        raise RuntimeError("the handout needs a QApplication, not a QGuiApplication")
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(sys.argv[:1])


def _infer(findings: Findings) -> Result:
    from radviz.reasoning.inference import infer

    return infer(findings)


def top_roots(result: Result) -> list[RootCandidate]:
    """The likeliest root of each side, if likely enough to name (most likely first)."""
    out: list[RootCandidate] = []
    for side in vocab.SIDES:
        roots = result.roots_for(side)
        if roots and roots[0].probability >= SHOW_ROOT:
            out.append(roots[0])
    return sorted(out, key=lambda r: -r.probability)


# ------------------------------------------------------------------ pictures
def _body_view(session: Session, result: Result) -> Any:
    from radviz.ui.views.body_map import BodyMapView

    view = BodyMapView()
    view.set_labels_visible(True)
    view.set_shading(list(session.findings.symptoms))
    view.set_drawing(session.drawing)
    from radviz.imaging.concordance import compressed_roots
    from radviz.imaging.document import ImagingReport

    imaging = ImagingReport.from_dict({"findings": list(session.imaging)})
    view.set_imaging_roots(compressed_roots(imaging.findings))
    view.highlight_roots([(r.root, r.side) for r in top_roots(result)])
    return view


def _spine_view(session: Session, result: Result) -> Any:
    from radviz.ui.views.spine_view import SpineView

    view = SpineView()
    view.highlight_levels(list(result.levels[:4]))
    tops = top_roots(result)
    if tops:
        view.highlight_root(tops[0].root, tops[0].side)
    view.show_lesions(list(session.imaging))
    return view


def body_map_image(session: Session, width: int = 1600, *, labels: bool = True) -> QImage:
    """The body map with the patient's shading and drawing, the likeliest root lit."""
    ensure_app()
    result = _infer(session.combined_findings())
    view = _body_view(session, result)
    rect = view.sceneRect()
    height = round(width * rect.height() / rect.width())
    image: QImage = view.render_scene(width, height, labels=labels)
    view.deleteLater()
    return image


def spine_image(session: Session, width: int = 1200) -> QImage:
    """The spine diagram with the likeliest levels, root and any imaging lesions."""
    ensure_app()
    result = _infer(session.combined_findings())
    view = _spine_view(session, result)
    rect = view.sceneRect()
    height = round(width * rect.height() / rect.width())
    image: QImage = view.render_scene(width, height, labels=False)
    view.deleteLater()
    return image


# ---------------------------------------------------------------------- text
def _e(text: object) -> str:
    return html.escape(str(text), quote=False)


_pct = w.pct


def _zone_name(zone: str) -> str:
    return w.zone_name(zone)


def _side_words(side: str) -> str:
    return w.side_words(side, "patient")


_join = w.join


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with a visible "…" (and how much was left out)."""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + f"… ({len(text) - limit:,} more characters not printed)"


_LONG_TOKEN = re.compile(r"\S{" + str(TOKEN_MAX + 1) + ",}")


def _printable(text: str, limit: int) -> str:
    """Free text the user typed, made safe to lay out: at most ``limit`` characters, and
    no unbroken run longer than :data:`TOKEN_MAX` (a million-character word would take
    minutes to lay out and run off the page)."""
    text = _clip(text, limit)
    return _LONG_TOKEN.sub(lambda m: m.group(0)[:TOKEN_MAX] + "…", text)


def _badge(grade: str, audience: str = "patient") -> str:
    symbol, color = BADGES.get(grade, ("", "#6b7280"))
    label = f"{symbol} {w.grade_label(grade, audience)}".strip()
    return (
        f'<span style="background-color:{color}; color:white; font-weight:bold;">'
        f"&nbsp;{_e(label)}&nbsp;</span>"
    )


def _symptom_lines(findings: Findings, audience: str = "patient") -> list[str]:
    """``Numbness: top of the foot and big toe (your right side)`` per kind and side."""
    return w.symptom_lines(findings, audience)


def _sign_lines(findings: Findings, audience: str) -> list[str]:
    return w.sign_lines(findings, "patient" if audience == "patient" else "clinician")


def _fits_root(root: Root, side: str, findings: Findings) -> list[str]:
    """What in the findings lies in the root's territory, myotome or reflexes (plain)."""
    zones = [
        _zone_name(s.zone).lower()
        for s in findings.symptoms
        if s.side == side and max(root.sensory.get(s.zone, 0.0), root.pain.get(s.zone, 0.0)) >= 0.5
    ]
    parts: list[str] = []
    if zones:
        parts.append("symptoms in the " + _join(list(dict.fromkeys(zones))))
    weak = [
        w.movement_label(m.movement)
        for m in findings.motor
        if m.side == side and m.grade < 5 and root.muscles.get(m.movement, 0.0) >= 0.5
    ]
    if weak:
        parts.append("weakness when " + _join(weak))
    refl = [
        w.label("reflexes", r.reflex)
        for r in findings.reflexes
        if r.side == side
        and r.status in ("reduced", "absent")
        and root.reflexes.get(r.reflex, 0.0) >= 0.5
    ]
    if refl:
        parts.append("a weaker " + _join(refl))
    return parts


def _item_text(kb: KnowledgeBase, collection: str, item_id: str, audience: str) -> str:
    item = kb.collection(collection).get(item_id)
    return item.text(audience) if item else ""


def _item_name(kb: KnowledgeBase, collection: str, item_id: str) -> str:
    item = kb.collection(collection).get(item_id)
    return item.name if item else item_id.replace("_", " ")


def _red_flag_box(result: Result, kb: KnowledgeBase, audience: str) -> str:
    if not result.red_flags:
        return ""
    rows = []
    for flag in result.red_flags:
        item = kb.red_flags.get(flag.id)
        name = item.name if item else flag.id.replace("_", " ")
        urgency = w.urgency_label(flag.urgency, audience)
        if audience == "patient":
            action = str(item.data.get("action_patient", "")) if item else ""
            lead = "Go to an emergency department now." if flag.urgency == "emergency" else ""
            if lead and action.startswith(lead):
                action = action[len(lead) :].strip()
            text = item.patient if item else ""
            rows.append(
                f'<p style="font-size:13pt; color:#991b1b;"><b>{_e(name)}</b> — {_e(urgency)}</p>'
                + (f'<p style="font-size:14pt;"><b>{_e(lead)}</b></p>' if lead else "")
                + f"<p><b>{_e(action)}</b></p>"
                + f"<p>{_e(text)}</p>"
            )
        else:
            action = str(item.data.get("action_clinician", "")) if item else ""
            rows.append(
                f'<p style="color:#991b1b;"><b>{_e(name)} — {_e(urgency)}</b></p>'
                f"<p>{_e(flag.why)}</p><p><b>Action:</b> {_e(action)}</p>"
            )
    title = "Warning signs: act now" if audience == "patient" else "Red flags"
    return (
        '<table width="100%" border="2" cellspacing="0" cellpadding="12" '
        'style="border-color:#b91c1c; border-style:solid;" bgcolor="#fdecec"><tr><td>'
        f'<p style="font-size:15pt; color:#b91c1c;"><b>⚠ {title}</b></p>'
        + "".join(rows)
        + "</td></tr></table><p></p>"
    )


def scan_verdicts(session: Session, findings: Findings, result: Result) -> list[Any]:
    """Each imaging finding of the session with its verdict against the symptoms.

    The result's own verdicts (contract 7.2 ``imaging``) when inference gives them, so the
    handout says what the screen says; else the imaging concordance rule, run here on the
    session's findings.
    """
    given = w.imaging_entries(result)
    if given or not session.imaging:
        return given
    from radviz.imaging.concordance import imaging_verdicts
    from radviz.imaging.document import ImagingReport

    try:
        report = ImagingReport.from_dict({"findings": list(session.imaging)})
    except ValueError:
        return []
    return list(imaging_verdicts(findings, result, report))


def _plan_html(result: Result, kb: KnowledgeBase, audience: str) -> str:
    """The treatment plan by step, as on the screen's Treatments tab and in the CLI text."""
    out: list[str] = []
    for step, options in w.plan_steps(result.treatments):
        out.append(f"<h3>{_e(w.step_label(step, audience))}</h3>")
        if audience == "patient" and step == "not_advised":
            names = [_item_name(kb, "treatments", t.id) for t in options]
            out.append(f"<p>{_e(w.join(names))}. Studies have not shown that these help.</p>")
            continue
        unproven = [t for t in options if t.evidence == "insufficient"]
        if audience == "patient" and unproven:
            # named, not described: a patient should not read a page on untested options
            options = [t for t in options if t.evidence != "insufficient"]
        for t in options:
            item = kb.treatments.get(t.id)
            name = item.name if item else t.id.replace("_", " ")
            if audience == "patient":
                expect = str(item.data.get("what_to_expect", "")) if item else ""
                out.append(
                    f"<p><b>{_e(name)}</b> &nbsp;{_badge(t.evidence, audience)}<br/>"
                    f"{_e(item.patient if item else '')}"
                    + (f"<br/><i>What to expect:</i> {_e(expect)}" if expect else "")
                    + "</p>"
                )
            else:
                reason = str(item.data.get("evidence_reason", "")) if item else ""
                out.append(
                    f"<p><b>{_e(name)}</b> &nbsp;{_badge(t.evidence, audience)}<br/>"
                    f"{_e(reason)}" + (f" <i>{_e(t.why)}</i>" if t.why else "") + "</p>"
                )
        if audience == "patient" and unproven:
            names = [_item_name(kb, "treatments", t.id) for t in unproven]
            out.append(
                f"<p><b>{_e(w.grade_label('insufficient'))}:</b> {_e(w.join(names))}. Some "
                "clinics offer these, but good studies have not shown that they help. Ask "
                "what proof there is before you pay.</p>"
            )
    return "".join(out)


def first_step(result: Result, kb: KnowledgeBase, audience: str = "patient") -> str:
    """The plan's first step in one sentence (the first of emergency, urgent, first)."""
    if result.red_flags:
        worst = min(result.red_flags, key=lambda f: vocab.URGENCIES.index(f.urgency))
        item = kb.red_flags.get(worst.id)
        key = "action_patient" if audience == "patient" else "action_clinician"
        action = str(item.data.get(key, "")) if item else ""
        if action:
            return action
    for step, options in w.plan_steps(result.treatments):
        if step in ("emergency", "urgent", "first"):
            names = [_item_name(kb, "treatments", t.id) for t in options[:3]]
            return f"{w.step_label(step, audience)}: {'; '.join(names)}."
    if audience == "patient":
        return "Talk with your clinician about what to do next."
    return "No treatment step applies to this picture yet."


def summary_html(session: Session, result: Result, audience: str = "patient") -> str:
    """Page 1's text: what may be going on, the plan's first step, when to get help."""
    kb = load_kb()
    out = ['<h3 style="margin-top:0;">What may be going on</h3>']
    out.append(f"<p>{_e(w.pattern_text(result.pattern, audience))}")
    tops = top_roots(result)
    for r in tops[:2]:
        word = w.root_word(r, result.roots)
        if audience == "patient":
            out.append(
                f" The {r.root} nerve on {_e(w.side_words(r.side))} may be irritated "
                f"({_e(w.root_likelihood(r, result.roots, 'patient'))})."
            )
        else:
            out.append(f" {r.root} ({r.side}) {_pct(r.probability)}, {_e(word)}.")
    out.append("</p>")
    out.append("<h3>Your first step</h3>" if audience == "patient" else "<h3>First step</h3>")
    out.append(f"<p>{_e(first_step(result, kb, audience))}</p>")
    head, items = w.SAFETY_NET[0]
    out.append("<h3>When to get help urgently</h3>")
    out.append(f"<p>{_e(head)} {_e('; '.join(i[:1].lower() + i[1:] for i in items))}. ")
    out.append("More on the next pages.</p>")
    return "".join(out)


def _ul(items: Iterable[str]) -> str:
    lis = "".join(f"<li>{i}</li>" for i in items)
    return f"<ul>{lis}</ul>" if lis else ""


def _patient_html(session: Session, findings: Findings, result: Result, kb: KnowledgeBase) -> str:
    out: list[str] = [_red_flag_box(result, kb, "patient")]

    out.append("<h2>What may be going on</h2>")
    out.append(f"<p>{_e(w.pattern_text(result.pattern, 'patient'))}</p>")
    tops = top_roots(result)
    for r in tops:
        out.append(
            f"<p><b>The {r.root} nerve on your {r.side} side may be irritated</b> "
            f"({_e(w.root_likelihood(r, result.roots, 'patient'))}).</p>"
        )
    if tops:
        text = _item_text(kb, "roots", tops[0].root, "patient")
        if text:
            out.append(f"<p>{_e(text)}</p>")
        lv = next((lv for lv in result.levels if lv.root == tops[0].root), None)
        if lv is not None and lv.probability >= 0.2:
            out.append(
                f"<p>If a disc or narrowing is pressing on it, the most likely place is "
                f"{_e(w.level_words(lv.level))}, {_e(w.label('disc_zones', lv.zone))}"
                + ("" if lv.zone == "central" else f" on your {lv.side} side")
                + ". The spine picture on page 1 shows it.</p>"
            )
    elif result.pattern in ("radicular", "mixed"):
        out.append("<p>No single nerve root stands out clearly.</p>")

    out.append("<h2>What your findings mean</h2>")
    symptoms = _symptom_lines(findings)
    if symptoms:
        out.append("<p>What you felt:</p>" + _ul(_e(s) for s in symptoms))
    signs = _sign_lines(findings, "patient")
    if signs:
        out.append("<p>What the examination found:</p>" + _ul(_e(s) for s in signs))
    for r in tops:
        root = kb.roots.get(r.root)
        parts = _fits_root(root, r.side, findings) if root else []
        if parts:
            out.append(
                f"<p>These fit the {r.root} nerve on your {r.side} side: {_e(_join(parts))}. "
                "Each nerve carries feeling from its own strip of skin and works certain "
                "muscles, so the pattern points to the nerve.</p>"
            )
    if not symptoms and not signs:
        out.append("<p>Nothing was recorded.</p>")

    causes = [c for c in result.causes if c.probability >= 0.1][:3]
    if causes and result.pattern != "none":
        out.append("<h2>What might be causing it</h2>")
        for c in causes:
            out.append(
                f"<p><b>{_e(_item_name(kb, 'causes', c.id))}</b> "
                f"({likelihood_word(c.probability)}). "
                f"{_e(_item_text(kb, 'causes', c.id, 'patient'))}</p>"
            )
    mimics = [d for d in result.differentials if d.score >= 0.15][:3]
    if mimics:
        out.append("<h2>Other conditions that can feel similar</h2>")
        for d in mimics:
            out.append(
                f"<p><b>{_e(_item_name(kb, 'differentials', d.id))}.</b> "
                f"{_e(_item_text(kb, 'differentials', d.id, 'patient'))}</p>"
            )

    scans = scan_verdicts(session, findings, result)
    if scans:
        out.append("<h2>What your scan shows, and whether it fits</h2>")
        out.append(
            _ul(
                f"<b>{_e(w.imaging_line(v, 'patient'))}</b>"
                + (f" {_e(w.get_field(v, 'why'))}" if w.get_field(v, "why") else "")
                for v in scans
            )
        )
        out.append(
            "<p>Scans of people with no pain often show disc bulges and wear. What matters "
            "is whether the scan fits your symptoms and examination.</p>"
        )

    elif session.imaging_text.strip():
        out.append("<h2>What your scan shows</h2>")
        out.append(
            "<p>The scan report does not describe anything pressing on a nerve. Scans of "
            "people with no pain often show wear like this.</p>"
        )

    if result.treatments:
        out.append("<h2>Your plan, step by step</h2>")
        out.append(_plan_html(result, kb, "patient"))

    out.append("<h2>When to get help urgently</h2>")
    for head, items in w.SAFETY_NET:
        out.append(f"<p><b>{_e(head)}</b></p>" + _ul(_e(i) for i in items))

    if session.notes.strip():
        out.append("<h2>Notes</h2>")
        out.append("<p>" + _e(_printable(session.notes, NOTES_MAX)).replace("\n", "<br/>") + "</p>")
    out.append(f'<p style="color:#444;"><i>{_e(DISCLAIMER)}</i></p>')
    return "".join(out)


def _clinician_html(session: Session, findings: Findings, result: Result, kb: KnowledgeBase) -> str:
    out: list[str] = [_red_flag_box(result, kb, "clinician")]
    cited: dict[str, str] = {}

    def cite(collection: str, item_id: str) -> None:
        item = kb.collection(collection).get(item_id)
        for s in item.sources if item else ():
            cited[s.id] = s.citation

    out.append("<h2>Summary</h2>")
    out.append(f"<p><b>Pattern:</b> {_e(w.pattern_text(result.pattern, 'clinician'))}</p>")
    for line in result.explanation:
        out.append(f"<p>{_e(line)}</p>")

    out.append("<h2>Findings recorded</h2>")
    demo = []
    if findings.age is not None:
        demo.append(f"age {findings.age}")
    if findings.sex:
        demo.append(findings.sex)
    if findings.duration_weeks is not None:
        weeks = findings.duration_weeks
        demo.append(f"{weeks:g} week{'' if weeks == 1 else 's'}")
    if demo:
        out.append(f"<p>{_e(', '.join(demo))}</p>")
    out.append(
        _ul(
            _e(s)
            for s in [*_symptom_lines(findings, "clinician"), *_sign_lines(findings, "clinician")]
        )
    )
    flags_yes = [w.label("flags", k, "clinician") for k, v in findings.flags.items() if v]
    flags_no = [w.label("flags", k, "clinician") for k, v in findings.flags.items() if not v]
    if flags_yes:
        out.append(f"<p><b>History, yes:</b> {_e(', '.join(flags_yes))}</p>")
    if flags_no:
        out.append(f"<p><b>History, asked and no:</b> {_e(', '.join(flags_no))}</p>")

    out.append("<h2>Roots</h2>")
    rows = "".join(
        f"<tr><td>{r.root}</td><td>{r.side}</td><td align='right'>{_pct(r.probability)}</td>"
        f"<td>{_e(w.root_word(r, result.roots))}</td></tr>"
        for r in sorted(result.roots, key=lambda r: -r.probability)[:8]
        if r.probability >= 0.01
    )
    no_root = ", ".join(f"{side} {_pct(p)}" for side, p in result.no_root.items())
    out.append(
        '<table border="1" cellspacing="0" cellpadding="4" style="border-color:#999;">'
        "<tr><th>Root</th><th>Side</th><th>Probability</th><th></th></tr>"
        f"{rows}</table><p>No root involved: {_e(no_root)}</p>"
    )

    out.append("<h2>Evidence trace</h2>")
    traced = (
        list(top_roots(result)) or [max(result.roots, key=lambda r: r.probability)]
        if result.roots
        else []
    )
    for r in traced:
        cite("roots", r.root)
        total = sum(e.weight for e in r.evidence)
        erows = "".join(
            f"<tr><td>{_e(w.evidence_text(e, 'clinician'))}</td><td>{_e(e.kind)}</td>"
            f"<td align='right'>{e.weight:+.2f}</td></tr>"
            for e in r.evidence
        )
        out.append(
            f"<p><b>{r.root} ({r.side}), {_pct(r.probability)}</b> — signed log likelihood "
            "ratio of each finding against “no root”; the sum is the log posterior odds.</p>"
            '<table border="1" cellspacing="0" cellpadding="3" style="border-color:#999;">'
            "<tr><th>Finding</th><th>Kind</th><th>ln LR</th></tr>"
            f"{erows}<tr><td><b>Sum</b></td><td></td><td align='right'><b>{total:+.2f}</b>"
            "</td></tr></table>"
        )

    if result.levels:
        out.append("<h2>Levels</h2>")
        lrows = "".join(
            f"<tr><td>{lv.level}</td><td>{lv.zone}</td><td>{lv.side}</td><td>{lv.root}</td>"
            f"<td>{lv.relation}</td><td align='right'>{_pct(lv.probability)}</td></tr>"
            for lv in result.levels
        )
        out.append(
            '<table border="1" cellspacing="0" cellpadding="3" style="border-color:#999;">'
            "<tr><th>Level</th><th>Zone</th><th>Side</th><th>Root</th><th>Relation</th>"
            f"<th>Probability</th></tr>{lrows}</table>"
        )

    if result.causes:
        out.append("<h2>Causes</h2>")
        for c in result.causes:
            if c.probability < 0.05:
                continue
            cite("causes", c.id)
            out.append(
                f"<p><b>{_e(_item_name(kb, 'causes', c.id))}</b> {_pct(c.probability)}. "
                f"{_e(c.why)} {_e(_item_text(kb, 'causes', c.id, 'clinician'))}</p>"
            )
    if result.differentials:
        out.append("<h2>Differentials</h2>")
        for d in result.differentials:
            cite("differentials", d.id)
            item = kb.differentials.get(d.id)
            nxt = str(item.data.get("next_step", "")) if item else ""
            out.append(
                f"<p><b>{_e(_item_name(kb, 'differentials', d.id))}</b> (score {d.score:.2f}). "
                f"{_e(d.why)}" + (f" <i>Next step:</i> {_e(nxt)}" if nxt else "") + "</p>"
            )

    scans = scan_verdicts(session, findings, result)
    if scans:
        out.append("<h2>Imaging against the clinical picture</h2>")
        quotes = [str(f.get("text") or "") for f in session.imaging]
        lines: list[str] = []
        for i, v in enumerate(scans):
            why = str(w.get_field(v, "why") or "")
            quote = _printable(quotes[i], QUOTE_MAX) if i < len(quotes) and quotes[i] else ""
            lines.append(
                _e(w.imaging_line(v, "clinician"))
                + (f" {_e(why)}" if why else "")
                + (f" <i>Report: “{_e(quote)}”</i>" if quote else "")
            )
        out.append(_ul(lines))

    if result.treatments:
        out.append("<h2>Treatment plan by step</h2>")
        for _step, options in w.plan_steps(result.treatments):
            for t in options:
                cite("treatments", t.id)
        out.append(_plan_html(result, kb, "clinician"))
    for flag in result.red_flags:
        cite("red_flags", flag.id)

    out.append("<h2>Safety-netting given to the patient</h2>")
    for head, items in w.SAFETY_NET:
        out.append(f"<p><b>{_e(head)}</b></p>" + _ul(_e(i) for i in items))
    if session.notes.strip():
        out.append("<h2>Notes</h2>")
        out.append("<p>" + _e(_printable(session.notes, NOTES_MAX)).replace("\n", "<br/>") + "</p>")
    if cited:
        out.append("<h2>Sources</h2>")
        out.append(
            '<p style="font-size:8pt;">'
            + "<br/>".join(_e(c) for _, c in sorted(cited.items(), key=lambda kv: kv[1]))
            + "</p>"
        )
    out.append(f'<p style="color:#444;"><i>{_e(w.CLINICIAN_DISCLAIMER)}</i></p>')
    return "".join(out)


def handout_html(session: Session, audience: str = "patient") -> str:
    """The summary pages (2+) as HTML for :class:`QTextDocument`."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience: unknown value {audience!r} (expected patient, clinician)")
    findings = session.combined_findings()
    result = _infer(findings)
    kb = load_kb()
    body = (
        _patient_html(session, findings, result, kb)
        if audience == "patient"
        else _clinician_html(session, findings, result, kb)
    )
    css = (
        "h2 { color:#1f3a5f; margin-top:14px; margin-bottom:4px; } "
        "p { margin-top:3px; margin-bottom:5px; } li { margin-bottom:2px; } "
        "th { background-color:#eef2f7; text-align:left; }"
    )
    return f"<html><head><style>{css}</style></head><body>{body}</body></html>"


# ------------------------------------------------------------------ painting
def _mm(device: QPagedPaintDevice, mm: float) -> float:
    return mm / 25.4 * device.logicalDpiY()


def _font(device: QPagedPaintDevice, pt: float, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(pt)
    f.setBold(bold)
    # no "fi"/"fl" ligatures: the PDF's text must search and copy as typed
    with contextlib.suppress(AttributeError, TypeError):
        f.setFeature(QFont.Tag("liga"), 0)
    return f


def _draw_footer(
    painter: QPainter,
    device: QPagedPaintDevice,
    page: QRectF,
    index: int,
    total: int,
    audience: str = "patient",
) -> None:
    painter.save()
    f = _font(device, 7.5)
    painter.setFont(f)
    fm = QFontMetricsF(f, device)
    h = fm.height() * 2.4
    box = QRectF(page.left(), page.bottom() - h, page.width(), h)
    painter.setPen(QPen(QColor("#9ca3af"), max(1.0, _mm(device, 0.2))))
    painter.drawLine(box.topLeft(), box.topRight())
    painter.setPen(QColor("#374151"))
    num = f"Page {index} of {total}"
    num_w = fm.horizontalAdvance(num) + _mm(device, 4)
    text_box = box.adjusted(0, _mm(device, 1), -num_w, 0)
    painter.drawText(
        text_box,
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | Qt.TextFlag.TextWordWrap,
        w.disclaimer(audience),
    )
    painter.drawText(
        box.adjusted(0, _mm(device, 1), 0, 0),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        num,
    )
    painter.restore()


def _footer_height(device: QPagedPaintDevice) -> float:
    fm = QFontMetricsF(_font(device, 7.5), device)
    return fm.height() * 2.4 + _mm(device, 3)


def _fit(image_size: QSizeF, box: QRectF) -> QRectF:
    scale = min(box.width() / image_size.width(), box.height() / image_size.height())
    w, h = image_size.width() * scale, image_size.height() * scale
    return QRectF(box.left() + (box.width() - w) / 2, box.top(), w, h)


def _red_flag_banner(
    painter: QPainter, device: QPagedPaintDevice, box: QRectF, result: Result
) -> float:
    """A red box naming each red flag and what to do; returns its height."""
    kb = load_kb()
    parts = []
    for flag in result.red_flags:
        item = kb.red_flags.get(flag.id)
        name = item.name if item else flag.id.replace("_", " ")
        todo = (
            "Go to an emergency department now."
            if flag.urgency == "emergency"
            else "See a doctor today."
            if flag.urgency == "urgent"
            else "See a doctor within a few days."
        )
        parts.append(f"Warning sign: {name}. {todo}")
    text = "⚠ " + "  ".join(parts) + "  Details on page 2."
    f = _font(device, 11, bold=True)
    painter.save()
    painter.setFont(f)
    pad = _mm(device, 2.5)
    inner = box.adjusted(pad, pad, -pad, 0)
    inner.setHeight(_mm(device, 200))
    flags = int(Qt.AlignmentFlag.AlignLeft) | Qt.TextFlag.TextWordWrap
    bound = painter.boundingRect(inner, flags, text)
    height = bound.height() + 2 * pad
    painter.setPen(QPen(QColor("#b91c1c"), _mm(device, 0.6)))
    painter.setBrush(QColor("#fdecec"))
    painter.drawRect(QRectF(box.left(), box.top(), box.width(), height))
    painter.setPen(QColor("#991b1b"))
    inner.setHeight(bound.height())
    painter.drawText(inner, flags, text)
    painter.restore()
    return height


def _paint_first_page(
    painter: QPainter,
    device: QPagedPaintDevice,
    page: QRectF,
    session: Session,
    result: Result,
    audience: str,
) -> None:
    from radviz.ui import style

    y = page.top()
    painter.setPen(QColor("#1f3a5f"))
    f = _font(device, 17, bold=True)
    painter.setFont(f)
    fm = QFontMetricsF(f, device)
    painter.drawText(QPointF(page.left(), y + fm.ascent()), TITLES[audience])
    y += fm.height() + _mm(device, 1.5)
    f = _font(device, 10)
    painter.setFont(f)
    fm = QFontMetricsF(f, device)
    painter.setPen(QColor("#111827"))
    when = datetime.now().strftime("%d %B %Y").lstrip("0")
    date = f"Date: {when}"
    # the date keeps its place at the right; a long name is cut with "…" before it
    date_w = fm.horizontalAdvance(date)
    painter.drawText(QPointF(page.right() - date_w, y + fm.ascent()), date)
    if session.patient_name:
        name = _printable(session.patient_name.replace("\n", " "), NAME_MAX)
        room = page.width() - date_w - _mm(device, 6)
        line = fm.elidedText(f"Name: {name}", Qt.TextElideMode.ElideRight, room)
        painter.drawText(QPointF(page.left(), y + fm.ascent()), line)
    y += fm.height() + _mm(device, 3)

    if result.red_flags:  # never let page 1 hide a warning sign
        y += _red_flag_banner(painter, device, QRectF(page.left(), y, page.width(), 0), result)
        y += _mm(device, 3)

    # what may be going on, the first step, when to get help: on page 1, before the pictures
    summary = QTextDocument()
    summary.documentLayout().setPaintDevice(device)
    summary.setDefaultFont(_font(device, 10 if audience == "patient" else 9))
    summary.setDocumentMargin(0)
    summary.setDefaultStyleSheet(
        "h3 { color:#1f3a5f; margin-top:5px; margin-bottom:1px; } p { margin:0; }"
    )
    summary.setHtml(summary_html(session, result, audience))
    summary.setTextWidth(page.width())
    painter.save()
    painter.translate(page.left(), y)
    summary.drawContents(painter)
    painter.restore()
    y += summary.size().height() + _mm(device, 3)

    # the figures share what is left above the footer; side labels sit above the map
    label_font = _font(device, 9, bold=True)
    lfm = QFontMetricsF(label_font, device)
    label_h = lfm.height() + _mm(device, 2.5)
    avail = page.bottom() - _footer_height(device) - y - label_h
    body_box = QRectF(page.left(), y + label_h, page.width(), avail * 0.57)
    spine_box = QRectF(page.left(), y + label_h + avail * 0.59, page.width() * 0.6, avail * 0.41)

    view = _body_view(session, result)
    scene = view.sceneRect()
    target = _fit(scene.size(), body_box)
    px_w = 1800
    image = view.render_scene(px_w, round(px_w * scene.height() / scene.width()), labels=False)
    painter.drawImage(target, image)
    painter.setPen(QPen(QColor("#d1d5db"), _mm(device, 0.2)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(target)
    painter.setFont(label_font)
    painter.setPen(QColor("#111827"))
    half = target.width() / 2
    for i, band in enumerate(view.orientation_bands()[:2]):
        # each view's labels span its half of the map (the figures alone are too narrow)
        x0 = target.left() + i * half + _mm(device, 3)
        x1 = x0 + half - _mm(device, 6)
        row = QRectF(x0, target.top() - label_h, x1 - x0, label_h - _mm(device, 1))
        # a narrow figure (page 1 also holds the summary): shrink the labels until both fit
        fit = QFont(label_font)
        while (
            QFontMetricsF(fit, device).horizontalAdvance(band.left + "  " + band.right)
            > row.width()
            and fit.pointSizeF() > 5
        ):
            fit.setPointSizeF(fit.pointSizeF() - 0.5)
        painter.setFont(fit)
        painter.drawText(
            row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), band.left
        )
        painter.drawText(
            row, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), band.right
        )
    scan_area = bool(view.imaging_items())
    view.deleteLater()

    sview = _spine_view(session, result)
    srect = sview.sceneRect()
    simage = sview.render_scene(1300, round(1300 * srect.height() / srect.width()), labels=False)
    starget = _fit(srect.size(), spine_box)
    starget.moveLeft(page.left())
    painter.drawImage(starget, simage)
    painter.setPen(QPen(QColor("#d1d5db"), _mm(device, 0.2)))
    painter.drawRect(starget)
    sview.deleteLater()

    # the key, beside the spine
    key = QRectF(
        starget.right() + _mm(device, 5),
        starget.top(),
        page.right() - starget.right() - _mm(device, 5),
        page.bottom() - _footer_height(device) - starget.top(),
    )
    kinds = [k for k in vocab.SYMPTOM_KINDS if any(s.kind == k for s in session.findings.symptoms)]
    kinds += [k for k in vocab.SYMPTOM_KINDS if k in session.drawing and k not in kinds]
    f = _font(device, 9.5, bold=True)
    painter.setFont(f)
    fm = QFontMetricsF(f, device)
    ky = key.top()
    painter.setPen(QColor("#111827"))
    painter.drawText(QPointF(key.left(), ky + fm.ascent()), "What the colours mean")
    ky += fm.height() + _mm(device, 1.5)
    f = _font(device, 9)
    painter.setFont(f)
    fm = QFontMetricsF(f, device)
    sw = fm.height() * 1.2
    for kind in kinds:
        pix = style.legend_pixmap(kind, 48)
        painter.drawPixmap(QRectF(key.left(), ky, sw, sw), pix, QRectF(pix.rect()))
        painter.drawText(
            QPointF(key.left() + sw + _mm(device, 2), ky + (sw + fm.ascent() - fm.descent()) / 2),
            style.KIND_STYLES[kind].label,
        )
        ky += sw + _mm(device, 1.2)
    tops = top_roots(result)
    lines: list[tuple[QColor | QBrush | None, str]] = []
    for r in tops:
        lines.append(
            (style.root_color(r.root, 140), f"Skin area of the {r.root} nerve ({r.side} side)")
        )
    if result.levels:
        lines.append(
            (
                QColor(style.RELATION_COLORS["traversing"]),
                "Spine: where the nerve may be pressed (darker = more likely)",
            )
        )
    if scan_area:
        lines.append(
            (
                style.imaging_brush(),
                "Green hatching: skin areas of the nerves the scan shows pressed"
                if audience == "patient"
                else "Hatched: territory of the roots the imaging shows compressed",
            )
        )
    if session.imaging:
        lines.append((QColor(style.LESION_COLOR), "Spine: what the scan report describes"))
    for color, text in lines:
        if color is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(key.left(), ky, sw, sw), sw * 0.15, sw * 0.15)
        painter.setPen(QColor("#111827"))
        text_box = QRectF(
            key.left() + sw + _mm(device, 2),
            ky,
            key.width() - sw - _mm(device, 2),
            key.bottom() - ky,
        )
        bound = painter.boundingRect(
            text_box, int(Qt.AlignmentFlag.AlignLeft) | Qt.TextFlag.TextWordWrap, text
        )
        painter.drawText(text_box, int(Qt.AlignmentFlag.AlignLeft) | Qt.TextFlag.TextWordWrap, text)
        ky += max(sw, bound.height()) + _mm(device, 1.2)
    ky += _mm(device, 2)
    if audience == "patient":
        note = (
            "The figures face you: the front view is on the left, the back view on the "
            "right. Shaded areas are where you feel symptoms."
        )
    else:
        note = (
            "Front view left, back view right (patient's sides labelled). Shading: clicked "
            "zones and free-hand drawing; lit territory: likeliest root per side (≥30%)."
        )
    painter.setPen(QColor("#374151"))
    note_box = QRectF(key.left(), ky, key.width(), key.bottom() - ky)
    wrap = int(Qt.AlignmentFlag.AlignLeft) | Qt.TextFlag.TextWordWrap
    for pt in (8.5, 7.5, 6.5):  # the note must end above the footer, never under it
        painter.setFont(_font(device, pt))
        if painter.boundingRect(note_box, wrap, note).height() <= note_box.height():
            painter.drawText(note_box, wrap, note)
            break


def keep_headings_with_text(doc: QTextDocument, page_h: float, tries: int = 40) -> None:
    """Move a heading that would end a page (its text on the next) to the next page.

    QTextDocument breaks pages anywhere; a heading stranded at a page's foot reads as a
    section with nothing in it. Each pass moves the first stranded heading and lays out
    again (a move can strand a later heading).
    """
    layout = doc.documentLayout()
    for _ in range(tries):
        doc.pageCount()  # lays the whole document out (layout is otherwise lazy)
        block = doc.begin()
        moved = False
        while block.isValid():
            nxt = block.next()
            if block.blockFormat().headingLevel() > 0 and nxt.isValid():
                top = layout.blockBoundingRect(block).top()
                rect = layout.blockBoundingRect(nxt)
                # the next block's first line must sit on the heading's page
                first_line = rect.top() + min(rect.height(), 2.2 * _line_height(nxt))
                if int(top // page_h) != int(first_line // page_h) and top % page_h > 1:
                    cursor = QTextCursor(block)
                    fmt = block.blockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    cursor.setBlockFormat(fmt)
                    moved = True
                    break
            block = nxt
        if not moved:
            return


def _line_height(block: Any) -> float:
    lay = block.layout()
    if lay is not None and lay.lineCount() > 0:
        return float(lay.lineAt(0).height())
    return 0.0


def paint_handout(device: QPagedPaintDevice, session: Session, *, audience: str = "patient") -> int:
    """Paint the handout onto a paged device (PDF writer or printer); return page count.

    The device's page size, margins and resolution must be set already.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience: unknown value {audience!r} (expected patient, clinician)")
    ensure_app()
    findings = session.combined_findings()
    result = _infer(findings)
    dpi = device.logicalDpiY()
    page = QRectF(device.pageLayout().paintRectPixels(dpi))
    page.moveTo(0, 0)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_font(device, 11 if audience == "patient" else 9.5))
    doc.setDocumentMargin(0)
    doc.setHtml(handout_html(session, audience))
    body_h = page.height() - _footer_height(device)
    doc.setPageSize(QSizeF(page.width(), body_h))
    keep_headings_with_text(doc, body_h)
    total = 1 + doc.pageCount()

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start painting the handout (is the file writable?)")
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        _paint_first_page(painter, device, page, session, result, audience)
        _draw_footer(painter, device, page, 1, total, audience)
        for i in range(doc.pageCount()):
            device.newPage()
            painter.save()
            painter.translate(0, -i * body_h)
            doc.drawContents(painter, QRectF(0, i * body_h, page.width(), body_h))
            painter.restore()
            _draw_footer(painter, device, page, i + 2, total, audience)
    finally:
        painter.end()
    return total


def render_handout(
    session: Session,
    path: str | Path,
    *,
    audience: str = "patient",
    page_size: str = "A4",
    inputs: tuple[str | Path, ...] = (),
) -> int:
    """Write the handout PDF to ``path`` and return its number of pages.

    The PDF is made in memory and written atomically and checked
    (:func:`radviz.resources.write_atomic`: a new file is 0600, it holds patient data);
    a full disk or a missing folder raises :class:`~radviz.resources.WriteError` (an
    ``OSError``) and leaves any old file as it was. ``path`` is never one of ``inputs``.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from radviz.resources import write_atomic

    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size: unknown value {page_size!r} (expected A4, Letter)")
    ensure_app()
    pdf = QByteArray()
    buffer = QBuffer(pdf)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES[page_size]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 14, 15, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(TITLES[audience])
    writer.setCreator("radviz")
    try:
        pages = paint_handout(writer, session, audience=audience)
    finally:
        del writer  # finishes the PDF
        buffer.close()
    if pdf.isEmpty():
        raise OSError(f"{path}: the PDF was not made")
    write_atomic(path, bytes(pdf.data()), inputs=tuple(inputs))
    return pages


AUDIENCE_CHOICES: dict[str, str] = {
    "patient": "Patient version: plain words, what to do, when to get help",
    "clinician": "Clinician version: evidence trace, levels, differentials, sources",
}


def ask_audience(parent: Any = None) -> str | None:
    """Ask which version to print; ``None`` when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    items = list(AUDIENCE_CHOICES.values())
    text, ok = QInputDialog.getItem(parent, "Print the handout", "Which version?", items, 0, False)
    if not ok:
        return None
    return next(a for a, label in AUDIENCE_CHOICES.items() if label == text)


def handout_printer(page_size: str | None = None) -> Any:
    """A high-resolution printer set up with the handout's page size and margins."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES[page_size or default_page_size()]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 14, 15, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def preview_dialog(session: Session, audience: str, parent: Any = None) -> Any:
    """A print preview of the handout (QtPrintSupport's QPrintPreviewDialog): the pages as
    they will print, zoom, page set-up, and Print, which paints the same pages again."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    if audience not in AUDIENCES:
        raise ValueError(f"audience: unknown value {audience!r} (expected patient, clinician)")
    dialog = QPrintPreviewDialog(handout_printer(), parent)
    dialog.setWindowTitle(f"Print preview — {AUDIENCE_CHOICES[audience].split(':')[0]}")
    dialog.paintRequested.connect(
        lambda printer: paint_handout(printer, session, audience=audience)
    )
    return dialog


def default_page_size() -> str:
    """``Letter`` where the locale measures in inches (US), else ``A4``."""
    from PySide6.QtCore import QLocale

    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "Letter" if us else "A4"


def handout_main(
    session_path: str, out_path: str, audience: str = "patient", page_size: str = "A4"
) -> int:
    """``radviz handout SESSION OUT.pdf``: write the PDF without a window; exit status.

    2 for bad input (the session, an option, OUT.pdf naming the session itself), 1 when
    the PDF cannot be written (nothing is left half-written); one line on stderr.
    """
    from radviz.messages import one_line
    from radviz.resources import WriteError, clean_temp_files
    from radviz.storage.session import SessionError, load_session

    def fail(status: int, message: str) -> int:
        print(one_line(f"radviz: error: {message}"), file=sys.stderr)
        return status

    if audience not in AUDIENCES:
        return fail(2, f"audience: unknown value {audience!r}")
    if page_size not in PAGE_SIZES:
        return fail(2, f"page size: unknown value {page_size!r}")
    with contextlib.suppress(OSError):
        if os.path.samefile(session_path, out_path):
            return fail(2, f"{out_path}: is the session file itself; choose another name")
    out_dir = Path(out_path).parent
    if not out_dir.is_dir():
        return fail(1, f"{out_path}: cannot write the PDF (the folder {out_dir} does not exist)")
    clean_temp_files([out_dir])  # what an earlier, killed run left there
    try:
        session = load_session(session_path)
    except SessionError as exc:
        return fail(2, str(exc))
    if session.warnings:  # a changed file or a drawing on other artwork is never silent
        warning = f"radviz: warning: {session_path}: {' '.join(session.warnings)}"
        print(one_line(warning, 1000), file=sys.stderr)
    if QGuiApplication.instance() is None:
        ensure_app()
    try:
        render_handout(
            session, out_path, audience=audience, page_size=page_size, inputs=(session_path,)
        )
    except WriteError as exc:
        return fail(1, str(exc))
    except OSError as exc:
        return fail(1, f"{out_path}: cannot write the PDF ({exc})")
    return 0
