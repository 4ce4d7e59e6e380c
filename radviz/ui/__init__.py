"""Qt widgets of radviz: body map, spine view, panels and their shared styles."""

import os

# Qt's raster engine hands large span fills to a pool of worker threads. radviz paints
# many small fills (zones, bars, text), where waking the workers costs more than it
# saves: on a 2-core machine a zone click repainted every panel in 18 ms (p95) with the
# pool and 12 ms without (scripts/bench.py). Qt reads the variable once, at the first
# paint. RADVIZ_QT_THREADPOOL=1 keeps Qt's default.
if not os.environ.get("RADVIZ_QT_THREADPOOL"):
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
