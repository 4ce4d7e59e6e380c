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
    assert "Your options and what the evidence says" in text
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
    assert "ankle_plantarflexion 4/5" in text and "+1.40" in text
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
