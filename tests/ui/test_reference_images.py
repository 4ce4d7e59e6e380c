"""Reference images of the side view, each cause at both ends, and presentation mode.

Each picture is drawn offscreen at a fixed size and compared with the PNG stored under
``tests/ui/reference/`` within a tolerance (antialiasing differs slightly between
machines). A reviewer opening a reference should see:

* ``sagittal.png``: the lumbar spine from the side, front on the left, L1-L5 and S1
  labelled in the bodies, discs, nerves leaving their openings, joints and the canal;
  an axial slice on the right;
* ``<cause>_0.png``: the same healthy picture (every cause starts from a healthy spine);
* ``<cause>_1.png``: the cause at L4-L5 on the patient's left: a disc pushed into the
  canal, a thinner grey disc, a narrowed canal, a closed opening with a red nerve, a big
  joint, a vertebra slipped forward, a swollen joint;
* ``presentation.png``: the presentation window with its headline and the side view.

Run with ``RADVIZ_UPDATE_REFERENCE=1`` to rewrite the stored images after an intended
change, then look at them before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from radviz.anatomy import mechanism as mech

REF = Path(__file__).parent / "reference"
SIZE = (720, 576)
UPDATE = os.environ.get("RADVIZ_UPDATE_REFERENCE") == "1"


def _array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return buf.reshape(h, image.bytesPerLine() // 4, 4)[:, :w, :3].astype(np.int16)


def _compare(name: str, image: QImage) -> None:
    path = REF / f"{name}.png"
    if UPDATE:
        REF.mkdir(exist_ok=True)
        assert image.save(str(path))
        return
    assert path.is_file(), f"no reference image {path.name}: run with RADVIZ_UPDATE_REFERENCE=1"
    ref = QImage(str(path))
    got, want = _array(image), _array(ref)
    assert got.shape == want.shape, f"{name}: size {got.shape} != {want.shape}"
    diff = np.abs(got - want).max(axis=2)
    changed = float((diff > 48).mean())
    assert changed < 0.01, f"{name}: {changed:.2%} of the pixels differ from the reference"
    assert float(diff.mean()) < 3.0, f"{name}: mean difference {diff.mean():.2f}"


@pytest.fixture
def canvas(qapp: QApplication):  # type: ignore[no-untyped-def]
    from radviz.ui.views.mechanism_view import MechanismCanvas

    qapp.setFont(QFont("DejaVu Sans", 9))
    view = MechanismCanvas()
    view.resize(*SIZE)
    view.show()
    qapp.processEvents()
    yield view
    view.close()
    view.deleteLater()


def _draw(view, qapp: QApplication, cause: str, t: float) -> QImage:  # type: ignore[no-untyped-def]
    from radviz.ui.views.mechanism_view import Scene

    view.set_scene(Scene(cause, "L4-L5", "left", "paracentral", "symptoms"))
    view.set_progress(t)
    qapp.processEvents()
    image: QImage = view.render_scene(*SIZE)
    return image


def test_sagittal_view(canvas, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    _compare("sagittal", canvas.render_scene(*SIZE))


@pytest.mark.parametrize("cause", mech.CAUSES)
@pytest.mark.parametrize("t", [0.0, 1.0])
def test_each_mechanism_at_both_ends(canvas, qapp: QApplication, cause: str, t: float) -> None:  # type: ignore[no-untyped-def]
    image = _draw(canvas, qapp, cause, t)
    _compare(f"{cause}_{int(t)}", image)


@pytest.mark.parametrize("cause", mech.CAUSES)
def test_every_cause_starts_healthy_and_changes(canvas, qapp: QApplication, cause: str) -> None:  # type: ignore[no-untyped-def]
    """At 0 a cause looks like the healthy spine; at 1 a visible part of it differs."""
    healthy = _array(canvas.render_scene(*SIZE))
    start = _array(_draw(canvas, qapp, cause, 0.0))
    end = _array(_draw(canvas, qapp, cause, 1.0))
    assert float((np.abs(start - healthy).max(axis=2) > 48).mean()) < 0.0005
    assert float((np.abs(end - healthy).max(axis=2) > 48).mean()) > 0.0015


def test_presentation_mode(qapp: QApplication) -> None:
    from radviz.ui.views.mechanism_view import MechanismView
    from radviz.ui.views.presentation import PresentationWindow

    qapp.setFont(QFont("DejaVu Sans", 9))
    home = QWidget()
    QVBoxLayout(home).addWidget(view := MechanismView(remember=False))
    win = PresentationWindow(
        {"mechanism": view}, lambda: "Your symptoms fit a pressed nerve root.", layout="mechanism"
    )
    win.resize(960, 640)
    win.show()
    qapp.processEvents()
    qapp.processEvents()
    try:
        assert view.parentWidget() is win
        _compare("presentation", win.grab().toImage())
    finally:
        win.close()
    assert view.parentWidget() is home  # Esc/close gives the view back
