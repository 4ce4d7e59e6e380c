"""Qt widgets of radviz: body map, spine view, panels and their shared styles."""

import os
import sys

# Qt's raster engine hands large span fills to a pool of worker threads. radviz paints
# many small fills (zones, bars, text), where waking the workers costs more than it
# saves: on a 2-core machine a zone click repainted every panel in 18 ms (p95) with the
# pool and 12 ms without (scripts/bench.py). Qt reads the variable once, at the first
# paint. RADVIZ_QT_THREADPOOL=1 keeps Qt's default.
if not os.environ.get("RADVIZ_QT_THREADPOOL"):
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def _quick_pyside_scan() -> None:
    """Answer PySide's per-import question from the file itself.

    PySide6 decides, for every module imported after it, whether that module uses
    PySide (for its ``__feature__`` switches, PYSIDE-2029) by ``"PySide6" in
    inspect.getsource(module)``: each file is read through linecache and tokenize. For
    the ~250 modules radviz and pyqtgraph import that cost ~25 ms of start-up
    (scripts/bench.py, cProfile). The same test on the file's bytes gives the same
    answer (an ASCII word cannot straddle a multi-byte character); any module that is
    not a plain ``.py`` file still gets PySide's own answer.
    """
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature)

    feature = sys.modules.get("shibokensupport.feature")
    slow = getattr(feature, "_mod_uses_pyside", None)
    if slow is None or getattr(slow, "radviz_quick", False):
        return

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(slow(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(slow(module))

    uses_pyside.radviz_quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


_quick_pyside_scan()
