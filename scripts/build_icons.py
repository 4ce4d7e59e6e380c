"""Render the application icon ``assets/icons/radviz.svg`` to PNG sizes (with QtSvg).

    python scripts/build_icons.py          # write assets/icons/radviz-<N>.png
    python scripts/build_icons.py --check  # exit 1 if a committed PNG differs

The PNGs are committed (a desktop's icon theme and window managers want bitmaps, and a
machine without QtSvg still shows the icon); this script is how they are made, and
``--check`` (run by the tests) says whether they still are what the SVG gives.
Rendering is deterministic for one Qt version; the check allows a small difference per
pixel so that another Qt's antialiasing does not count as a change.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing radviz
    sys.path.insert(0, str(ROOT))

from radviz.desktop import ICON_SIZES  # noqa: E402

ICON_DIR = ROOT / "assets" / "icons"
SVG = ICON_DIR / "radviz.svg"
SIZES: tuple[int, ...] = ICON_SIZES
"""The sizes rendered: the hicolor icon theme's usual folders (one home: radviz.desktop)."""
TOLERANCE = 24
"""Largest difference of one channel (0-255) the check accepts at a pixel."""
MAX_DIFFERENT = 0.01
"""Share of pixels that may differ by more than :data:`TOLERANCE`."""
_PNG: Any = "PNG"  # PySide6 takes str here; its type stubs say bytes


def png_path(size: int, folder: Path = ICON_DIR) -> Path:
    """Where the PNG of ``size`` pixels lives."""
    return folder / f"radviz-{size}.png"


def _app() -> object:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def render(size: int, svg: Path = SVG) -> bytes:
    """The PNG bytes of the icon at ``size`` × ``size`` pixels (transparent corners)."""
    _app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"build_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, _PNG):
        raise SystemExit(f"build_icons: could not encode the {size} px PNG")
    buffer.close()
    return bytes(data.data())


def _pixels(png: bytes) -> tuple[int, int, bytes]:
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, _PNG).convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = image.width(), image.height()
    rows = bytes(image.constBits())
    stride = image.bytesPerLine()
    flat = b"".join(rows[y * stride : y * stride + width * 4] for y in range(height))
    return width, height, flat


def differs(made: bytes, committed: bytes) -> str:
    """Why two PNGs are not the same picture ("" when they are, within the tolerance)."""
    if made == committed:
        return ""
    w1, h1, a = _pixels(made)
    w2, h2, b = _pixels(committed)
    if (w1, h1) != (w2, h2):
        return f"size {w2}x{h2}, expected {w1}x{h1}"
    far = sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > TOLERANCE)
    share = far / max(1, len(a))
    if share > MAX_DIFFERENT:
        return f"{share:.1%} of the channel values differ by more than {TOLERANCE}"
    return ""


def check(folder: Path = ICON_DIR) -> list[str]:
    """Problems with the committed PNGs (one line each; empty when they are current)."""
    problems: list[str] = []
    for size in SIZES:
        path = png_path(size, folder)
        if not path.is_file():
            problems.append(f"{path}: missing (run scripts/build_icons.py)")
            continue
        why = differs(render(size), path.read_bytes())
        if why:
            problems.append(f"{path}: not what {SVG.name} renders ({why})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    for size in SIZES:
        path = png_path(size)
        data = render(size)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
