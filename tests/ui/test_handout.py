"""The PDF handout: it exists, has the pages expected, and says what a patient must read.

What a reviewer should see on page 1 (``pdftoppm -png -r 60 -f 1 -l 1 OUT.pdf page``):
the title, the date, the name only when given, the body map with the shaded zones and
the painted strokes, "◀ Patient's RIGHT / Patient's LEFT ▶" over the front view and the
reverse over the back view, the likeliest root's skin area lit, the spine with the
likeliest level tinted, a colour key, and a red box on page 1 for a red flag.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from radviz.anatomy.geometry import body_map
from radviz.imaging.parser import parse_report
from radviz.reasoning.result import DISCLAIMER
from radviz.storage.session import Session, save_session
from radviz.training.demos import DEMOS
from radviz.ui.handout.document import handout_html, handout_main, render_handout

PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
PDFINFO = shutil.which("pdfinfo")


def _session(demo: str, *, name: str | None = None) -> Session:
    d = DEMOS[demo]
    imaging = (
        tuple(f.to_dict() for f in parse_report(d.imaging_text).findings) if d.imaging_text else ()
    )
    mask = np.zeros(body_map().grid_shape, dtype=bool)
    mask[700:760, 140:170] = True
    return Session(
        findings=d.to_findings(),
        drawing={"tingling": mask},
        imaging_text=d.imaging_text or "",
        imaging=imaging,
        notes="Review in two weeks.",
        patient_name=name,
    )


def _text(pdf: Path) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.sub(r"\s+", " ", out)


def _page_text(pdf: Path, page: int) -> str:
    assert PDFTOTEXT is not None
    out = subprocess.run(
        [PDFTOTEXT, "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return re.sub(r"\s+", " ", out)


def _pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    if PDFINFO is not None:
        info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_patient_handout(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "classic.pdf"
    pages = render_handout(_session("classic_l5", name="Sam Patient"), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert pages >= 2
    assert _pages(out) == pages
    text = _text(out)
    assert "Your back and leg: what we talked about" in text
    assert "Sam Patient" in text
    assert "The L5 nerve on your right side may be irritated" in text
    assert "Patient's RIGHT" in text and "Patient's LEFT" in text
    assert "What may be going on" in text
    assert "Your plan, step by step" in text
    assert "When to get help urgently" in text
    assert "Review in two weeks." in text
    for page in range(1, pages + 1):  # the disclaimer and the number on every page
        one = _page_text(out, page)
        assert DISCLAIMER in one
        assert f"Page {page} of {pages}" in one
    assert "Warning signs" not in text  # no red flag in this case
    if PDFTOPPM is not None:
        subprocess.run(
            [PDFTOPPM, "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
            check=True,
        )
        assert any(p.suffix == ".png" for p in tmp_path.iterdir())


def test_no_name_unless_given(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "anon.pdf"
    render_handout(_session("classic_l5"), out, page_size="Letter")
    text = _text(out)
    assert "Name:" not in text
    assert "Date:" in text


def test_cauda_equina_red_flag_first(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "ces.pdf"
    render_handout(_session("cauda_equina"), out)
    text = _text(out)
    assert "Go to an emergency department now" in text
    first_page = text.split("Page 1 of")[0]
    assert "Cauda equina syndrome" in first_page  # never hidden behind page 1
    page2 = text.split("Page 1 of")[1]
    assert page2.index("Warning signs") < page2.index("What may be going on")
    assert "S1 nerve" in text
    assert "left" in text


def test_clinician_handout(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "clin.pdf"
    pages = render_handout(_session("cauda_equina"), out, audience="clinician")
    assert _pages(out) == pages
    text = _text(out)
    assert "radviz clinical summary" in text
    assert "Evidence trace" in text
    assert "Ankle plantarflexion (gastrocnemius-soleus) 4/5" in text and "+1.40" in text
    assert "Levels" in text and "L5-S1" in text
    assert "Differentials" in text
    assert "Sources" in text
    assert "Red flags" in text


def test_handout_html_escapes_notes() -> None:
    s = Session(notes="<b>not bold</b> & more")
    html = handout_html(s, "patient")
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in html
    with pytest.raises(ValueError, match="audience"):
        handout_html(s, "nobody")


def test_empty_case(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    assert render_handout(Session(), out) >= 2
    assert "No symptoms or signs were recorded" in _text(out)


def test_handout_main(qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "case.radviz"
    save_session(session, _session("classic_l5"))
    out = tmp_path / "cli.pdf"
    assert handout_main(str(session), str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    bad = tmp_path / "bad.radviz"
    bad.write_text("{", "utf-8")
    assert handout_main(str(bad), str(tmp_path / "x.pdf")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.radviz" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_handout_main_headless_subprocess(tmp_path: Path) -> None:
    """A fresh process with no display and no app running writes the same PDF."""
    session = tmp_path / "case.radviz"
    save_session(session, _session("classic_l5"))
    out = tmp_path / "sub.pdf"
    code = (
        "import sys; from radviz.ui.handout.document import handout_main; "
        f"sys.exit(handout_main({str(session)!r}, {str(out)!r}, 'clinician', 'Letter'))"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("DISPLAY",)}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------- #18.5 and #13.14
def test_page_one_carries_the_consultation(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "p1.pdf"
    render_handout(_session("classic_l5"), out)
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page1 = _page_text(out, 1)
    for heading in ("What may be going on", "Your first step", "When to get help urgently"):
        assert heading in page1
    assert "L5 nerve on your right side" in page1
    assert "emergency department" in page1


def test_red_flag_drives_page_one(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "ces1.pdf"
    render_handout(_session("cauda_equina"), out)
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page1 = _page_text(out, 1)
    assert page1.index("Warning sign") < page1.index("What may be going on")
    first_step = page1.split("Your first step")[1]
    assert first_step.lstrip().startswith("Go to an emergency department now")


def test_scan_verdicts_in_plain_words_without_the_raw_report(qapp: Any) -> None:
    from radviz.reasoning import wording

    session = _session("l5s1_left_s1")
    text = re.sub(r"<[^>]+>", " ", handout_html(session, "patient"))
    assert "What your scan shows, and whether it fits" in text
    verdicts = {wording.verdict_words(v) for v in ("concordant", "partly", "discordant")}
    verdicts |= {wording.verdict_words(v) for v in ("incidental", "not_assessable")}
    assert any(v in text for v in verdicts)
    report = DEMOS["l5s1_left_s1"].imaging_text or ""
    for sentence in report.split(". "):
        assert sentence.strip(" .") not in text  # the raw report is not quoted to patients


def test_clinician_footer_speaks_to_clinicians(qapp: Any, tmp_path: Path) -> None:
    from radviz.reasoning.wording import CLINICIAN_DISCLAIMER

    out = tmp_path / "clin-footer.pdf"
    pages = render_handout(_session("classic_l5"), out, audience="clinician")
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    for page in range(1, pages + 1):
        one = _page_text(out, page)
        assert CLINICIAN_DISCLAIMER in one
        assert "examines you" not in one


def test_printed_scan_territory_has_a_legend(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "legend.pdf"
    render_handout(_session("classic_l5"), out)
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert "Green hatching" in _page_text(out, 1)


def test_headings_never_end_a_page(qapp: Any) -> None:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from radviz.ui.handout.document import keep_headings_with_text

    doc = QTextDocument()
    body = "".join(
        f"<h2>Heading {i}</h2><p>{'Some words to fill the line. ' * (3 + i % 5)}</p>"
        for i in range(60)
    )
    doc.setHtml(f"<html><body>{body}</body></html>")
    page_h = 400.0
    doc.setPageSize(QSizeF(300, page_h))
    keep_headings_with_text(doc, page_h)
    assert doc.pageCount() > 5
    layout = doc.documentLayout()
    block = doc.begin()
    checked = 0
    while block.isValid():
        nxt = block.next()
        if block.blockFormat().headingLevel() > 0 and nxt.isValid():
            head_page = int(layout.blockBoundingRect(block).top() // page_h)
            lay = nxt.layout()
            assert lay is not None and lay.lineCount() > 0
            line = lay.lineAt(0)
            first = layout.blockBoundingRect(nxt).top() + line.y() + line.height() - 1
            assert int(first // page_h) == head_page, block.text()
            checked += 1
        block = nxt
    assert checked == 60


def test_a_huge_word_in_the_notes_is_cut_and_quick(qapp: Any, tmp_path: Path) -> None:
    import time

    session = _session("classic_l5", name="N" * 600)
    session = Session(
        findings=session.findings,
        imaging=session.imaging,
        notes="Start " + "x" * 1_000_000 + " end",
        patient_name="N" * 600,
    )
    out = tmp_path / "huge.pdf"
    t0 = time.perf_counter()
    render_handout(session, out)
    assert time.perf_counter() - t0 < 30
    html_text = handout_html(session, "patient")
    assert "x" * 61 not in html_text and "…" in html_text
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page1 = _page_text(out, 1)
    assert "Date:" in page1  # a long name never hides the date
    assert "N" * 600 not in page1 and "…" in page1


def test_print_preview_paints_the_chosen_version(qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from radviz.ui.handout.document import preview_dialog

    dialog = preview_dialog(_session("classic_l5"), "clinician")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    out = tmp_path / "preview.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    dialog.paintRequested.emit(printer)
    dialog.deleteLater()
    assert out.read_bytes().startswith(b"%PDF")
    if PDFTOTEXT is not None:
        assert "radviz clinical summary" in _text(out)
